//! The report.md sections built on the linkage and the per-person verdicts: targets, what moved the
//! needle (findings, expected links, fixed-effects models), alerts, recommendations, forecast and the
//! team's movers. Sentences come from the analysis; this module only lays them out and escapes them.

use super::text::{escape_md, plural};
use crate::analysis::alerts::{TargetCheck, TargetStatus};
use crate::analysis::linkage::Support;
use crate::analysis::models::{Dropped, Model, Term};
use crate::analysis::words::{decimals_for, fixed, p_text, rate, short, signed};
use crate::analysis::{Analysis, Linkage};
use crate::model::schema::{metric_label, metric_plural, metric_unit};
use std::fmt::Write as _;

/// Escapes a sentence made by the analysis; a "<" before a space cannot open a tag and stays readable.
fn sentence(s: &str) -> String {
    escape_md(s).replace("&lt; ", "< ")
}

fn verdict(s: Support) -> &'static str {
    match s {
        Support::Supported => "supported",
        Support::NotSupported => "not supported",
        Support::Contradicted => "contradicted",
        Support::TooLittleData => "too little data",
        Support::NoVariation => "no variation",
        Support::Surprising => "surprising",
    }
}

/// A finding in plain words for a client: the sentence without its statistics in brackets.
pub fn plain_finding(text: &str) -> String {
    let Some(open) = text.find(" (95% CI") else {
        return text.to_string();
    };
    let mut depth = 0usize;
    for (i, ch) in text[open + 1..].char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 1 => {
                return format!("{}{}", &text[..open], &text[open + 1 + i + 1..]);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.to_string()
}

/// The headline's lines on the strongest finding (in plain words for a client) and the alerts.
pub fn headline(md: &mut String, a: &Analysis, plain: bool) {
    match crate::analysis::findings::headline(&a.linkage.findings) {
        Some(f) if plain => {
            let whose = if a.is_team() { "the" } else { "your" };
            let _ = writeln!(md, "**In {whose} data**: {}\n", sentence(&plain_finding(&f.text)));
        }
        Some(f) => {
            let _ = writeln!(md, "**Strongest finding**: {}\n", sentence(&f.text));
        }
        None if plain => {}
        None if a.linkage.rows.iter().any(|r| r.stats.p_value.is_some()) => md.push_str("**No finding yet**: no activity went with a component change clearly enough to rule out chance (see What moved the needle).\n\n"),
        None => {}
    }
    let alerts: usize = a.outlook.iter().map(|o| o.alerts.len()).sum();
    if alerts > 0 {
        let people = a.outlook.iter().filter(|o| !o.alerts.is_empty()).count();
        if a.is_team() {
            let _ = writeln!(
                md,
                "**{}** for {} (see Alerts).\n",
                plural(alerts, "alert", "alerts"),
                plural(people, "person", "people")
            );
        } else {
            let _ = writeln!(
                md,
                "**{}** (see Alerts).\n",
                plural(alerts, "alert", "alerts")
            );
        }
    }
}

/// What counts towards a target, said once under the table.
const TARGETS_RULE: &str = "Activity targets are rates per week over the weeks logged in the month: a weekly row counts in the month of its date, a daily log over the days it covers. With fewer than 3 weeks logged a target is not judged (too early, in a month still in progress).";

/// Targets met or missed this month.
pub fn targets(md: &mut String, a: &Analysis) {
    md.push_str("## Targets\n\n");
    if let Some(board) = &a.board {
        md.push_str("People meeting each target this month.\n\n");
        let early = board.targets.iter().any(|t| t.too_early > 0);
        if early {
            md.push_str("| Target | People meeting it | Of those judged | Too few weeks to judge |\n|---|---:|---:|---:|\n");
        } else {
            md.push_str("| Target | People meeting it | Of those with data |\n|---|---:|---:|\n");
        }
        for t in &board.targets {
            let _ = write!(md, "| {} | {} | {} |", escape_md(&t.label), t.met, t.known);
            if early {
                let _ = write!(md, " {} |", t.too_early);
            }
            md.push('\n');
        }
        let _ = writeln!(md, "\n{TARGETS_RULE}\n");
        return;
    }
    let Some(o) = a.outlook.first() else { return };
    md.push_str("| Target | This month | Met |\n|---|---:|---|\n");
    for t in &o.targets {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            escape_md(&t.label),
            target_value(t, a.ssi_decimals),
            match t.status {
                TargetStatus::Unknown => "no data",
                s => s.word(),
            }
        );
    }
    let _ = writeln!(md, "\n{TARGETS_RULE}\n");
}

/// A target's value as the table shows it: "1.00 a week (2 posts in 2 weeks)", "top 5%", "66" (SSI by
/// the rounding rule, `ssi_decimals`).
pub fn target_value(t: &TargetCheck, ssi_decimals: usize) -> String {
    match t.value {
        Some(v) if t.key.ends_with("_per_week") => {
            let metric = t.key.trim_end_matches("_per_week");
            let per_week = format!("{} a week", rate(v));
            match t.counts(&metric_unit(metric), &metric_plural(metric)) {
                Some(c) => format!("{per_week} ({c})"),
                None => per_week,
            }
        }
        Some(v) if t.lower_is_better => format!("top {}%", short(v)),
        Some(v) => crate::analysis::words::ssi(v, ssi_decimals),
        None => "—".into(),
    }
}

/// How many intervals the linkage used and why others were left out (the sentence runs on).
fn intervals_used(md: &mut String, a: &Analysis) {
    let iv = &a.linkage.intervals;
    let _ = write!(
        md,
        "Each pair of consecutive snapshots of a person makes an interval; its activity per week is set against each component's change per week, within each person. {} used",
        plural(iv.used, "interval", "intervals")
    );
    let mut left_out = Vec::new();
    if iv.too_long > 0 {
        left_out.push(format!(
            "{} longer than {} days",
            iv.too_long, a.settings.max_interval_days
        ));
    }
    if iv.no_activity > 0 {
        left_out.push(format!("{} without activity", iv.no_activity));
    }
    if !left_out.is_empty() {
        let _ = write!(md, " ({} left out)", left_out.join(" and "));
    }
    if iv.thin_rates > 0 {
        let _ = write!(
            md,
            "; {} left out where the log covers under 80% of an interval's days for that activity",
            plural(iv.thin_rates, "activity rate", "activity rates")
        );
    }
}

/// How a link counts as a finding, then the findings, strongest first.
fn findings(md: &mut String, a: &Analysis) {
    let l = &a.linkage;
    let tests = l.rows.iter().filter(|r| r.stats.p_value.is_some()).count();
    if tests == 0 {
        let _ = writeln!(
            md,
            ". No link can be tested yet: each test needs {} intervals with activity.\n",
            crate::analysis::linkage::MIN_PAIRS
        );
        return;
    }
    let method = l
        .rows
        .iter()
        .find_map(|r| r.stats.method)
        .map(|m| m.describe())
        .unwrap_or_default();
    let _ = writeln!(
        md,
        ". Slopes weigh each interval by its weeks; p-values and intervals use {method}. A link counts as a finding when its q-value (false discovery rate over all {}{}) is below {}.\n",
        plural(tests + l.group_differences.len(), "test", "tests"),
        if l.group_differences.is_empty() {
            String::new()
        } else {
            format!(
                ", {} of them whether a link differs between groups",
                l.group_differences.len()
            )
        },
        a.settings.alpha
    );
    if l.findings.is_empty() {
        md.push_str("**No finding**: no activity went with a component change clearly enough to rule out chance.\n\n");
        return;
    }
    let _ = writeln!(
        md,
        "**Findings**, {}:\n",
        crate::analysis::findings::RANKING
    );
    for f in &l.findings {
        let mark = if f.surprising {
            " *(not an expected link)*"
        } else {
            ""
        };
        let _ = writeln!(md, "- {}{mark}", sentence(&f.text));
    }
    md.push('\n');
}

/// The expected links with r and q at each lag and the verdict, then those the data do not support.
fn expected_links(md: &mut String, l: &Linkage) {
    if l.expectations.is_empty() {
        return;
    }
    md.push_str("**Expected links** (which activity should move which component) and what the data say:\n\n");
    md.push_str("| Activity | Component | Lag 0: r, q | Lag 1: r, q | Intervals | Verdict |\n|---|---|---:|---:|---:|---|\n");
    for e in &l.expectations {
        let cell = |lag: usize| {
            e.rows
                .iter()
                .map(|i| &l.rows[*i])
                .find(|r| r.lag == lag)
                .and_then(|r| Some((r.stats.pearson_r?, r.q_value?)))
                .map(|(r, q)| format!("{}, {}", fixed(r, 2), p_text("q", q)))
                .unwrap_or_else(|| "—".into())
        };
        let n = e.rows.iter().map(|i| l.rows[*i].stats.n).max().unwrap_or(0);
        // In a team report, a link resting on one person says whose it is.
        let only = e
            .rows
            .iter()
            .find_map(|i| l.rows[*i].only.as_deref())
            .filter(|_| l.rows.iter().any(|r| r.stats.people > 1))
            .map(|name| format!(" ({} only)", escape_md(name)))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {n} | {}{only} |",
            escape_md(&metric_label(&e.metric)),
            e.component.short_label(),
            cell(0),
            cell(1),
            verdict(e.support)
        );
    }
    md.push('\n');
    let unsupported: Vec<_> = l
        .expectations
        .iter()
        .filter(|e| e.support != Support::Supported)
        .collect();
    if !unsupported.is_empty() {
        md.push_str("Expected links the data do not support (yet):\n\n");
        for e in unsupported {
            let _ = writeln!(md, "- {}", sentence(&e.text));
        }
        md.push('\n');
    }
}

/// Findings, expected links and models.
pub fn needle(md: &mut String, a: &Analysis) {
    md.push_str("## What moved the needle\n\n");
    if a.metrics.is_empty() {
        md.push_str("No activity was logged, so no activity can be linked to the components. Add activity columns (posts, comments, connection requests, messages...) to the tracker to see what moves each one.\n\n");
        return;
    }
    intervals_used(md, a);
    findings(md, a);
    expected_links(md, &a.linkage);
    models(md, a);
}

/// A p-value for a table cell: "0.012" or "< 0.001", without the "p".
fn p_cell(p: f64) -> String {
    p_text("p", p).replace("p = ", "").replace("p < ", "< ")
}

/// One coefficient's row: its interval, p and q.
fn term_row(md: &mut String, m: &Model, t: &Term) {
    let (ci, p) = match &t.estimate {
        Some(e) => {
            let decimals = decimals_for(t.coef);
            (
                format!("{} to {}", fixed(e.ci.0, decimals), fixed(e.ci.1, decimals)),
                p_cell(e.p_value),
            )
        }
        None => ("—".into(), "—".into()),
    };
    let q = t.q_value.map(p_cell).unwrap_or_else(|| "—".into());
    let _ = writeln!(
        md,
        "| {} | {} | {} | {ci} | {p} | {q} |",
        m.component.short_label(),
        escape_md(&metric_label(&t.metric)),
        signed(t.coef)
    );
}

/// The metrics left out of a model, with the reasons.
fn describe_dropped(d: &[Dropped]) -> String {
    d.iter()
        .map(|d| {
            format!(
                "{} ({})",
                escape_md(&metric_label(&d.metric)),
                d.reason.describe()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each model's size and fit; the metrics left out once for all when every model left out the same.
fn model_notes(md: &mut String, fitted: &[&Model]) {
    let same_dropped = fitted.windows(2).all(|w| w[0].dropped == w[1].dropped);
    for m in fitted {
        let _ = write!(
            md,
            "- {}: n = {} intervals, {}, within-person R² = {}",
            m.component.label(),
            m.n,
            plural(m.people, "person", "people"),
            m.r2_within
                .map(|r| fixed(r, 3))
                .unwrap_or_else(|| "—".into())
        );
        if !same_dropped && !m.dropped.is_empty() {
            let _ = write!(md, "; left out: {}", describe_dropped(&m.dropped));
        }
        md.push_str(".\n");
    }
    md.push('\n');
    if same_dropped && !fitted[0].dropped.is_empty() {
        let _ = writeln!(
            md,
            "Left out of the models: {}.\n",
            describe_dropped(&fitted[0].dropped)
        );
    }
}

/// The per-component fixed-effects models: one table of coefficients, then notes on each model.
fn models(md: &mut String, a: &Analysis) {
    let fitted: Vec<&Model> = a
        .linkage
        .models
        .iter()
        .filter(|m| !m.terms.is_empty())
        .collect();
    if fitted.is_empty() {
        md.push_str("Too few intervals for the per-component models.\n\n");
        return;
    }
    let terms: usize = fitted.iter().map(|m| m.terms.len()).sum();
    let method = fitted
        .iter()
        .find_map(|m| m.method)
        .map(|m| m.describe())
        .unwrap_or_default();
    let _ = write!(
        md,
        "**Models**: per component, its change per week on all activities at once, each person compared with themselves (fixed effects, intervals weighted by their weeks). A coefficient is the change per week that goes with one more of that activity a week, the others held fixed. Intervals and p-values use {method}; q adjusts for the {} tested here (Benjamini-Hochberg), and only a q under the report's level is evidence.\n\n",
        plural(terms, "coefficient", "coefficients")
    );
    md.push_str(
        "| Component | Activity | Coefficient | 95% CI | p | q |\n|---|---|---:|---:|---:|---:|\n",
    );
    for m in &fitted {
        for t in &m.terms {
            term_row(md, m, t);
        }
    }
    md.push('\n');
    model_notes(md, &fitted);
}

/// Alerts per person.
pub fn alerts(md: &mut String, a: &Analysis) {
    md.push_str("## Alerts\n\n");
    let people = crate::analysis::glance::people_by_alert(a);
    let quiet = a.outlook.iter().any(|o| !o.within_noise.is_empty());
    if people.is_empty() && quiet {
        md.push_str("None beyond week-to-week ups and downs (below).\n");
    } else if people.is_empty() {
        md.push_str("None: no decline, stall, drop, weak component, slipping rank or stale data this month.\n");
    } else if a.is_team() {
        md.push_str("Most pressing first (a sharp fall, a slide over months, missing or stale data, a slipping rank, a weak component, a stall), then by name; each person's alerts on one line.\n\n");
    }
    for (i, alerts) in people {
        let text: Vec<&str> = alerts.iter().map(|x| x.message.as_str()).collect();
        person_line(md, a, i, &text);
    }
    md.push('\n');
    within_noise(md, a);
    wins(md, a);
}

/// The rule for noise, said once, and the falls it left out, by name.
fn within_noise(md: &mut String, a: &Analysis) {
    let mut people: Vec<usize> = (0..a.people.len())
        .filter(|i| !a.outlook[*i].within_noise.is_empty())
        .collect();
    if people.is_empty() {
        return;
    }
    people.sort_by(|i, j| crate::model::collate::names(&a.people[*i].name, &a.people[*j].name));
    let one = people.len() == 1 && !a.is_team();
    let _ = writeln!(
        md,
        "{} {}:\n",
        noise_rule(!a.is_team()),
        if one {
            "This one stayed within it"
        } else {
            "These stayed within it"
        }
    );
    for i in people {
        let text: Vec<String> = a.outlook[i]
            .within_noise
            .iter()
            .map(|q| format!("{}.", capitalised(&q.message)))
            .collect();
        let text: Vec<&str> = text.iter().map(String::as_str).collect();
        person_line(md, a, i, &text);
    }
    md.push('\n');
}

/// When a fall is noise, said once above the falls it left out (to the person, on their own report).
fn noise_rule(you: bool) -> String {
    let (whose, their) = if you {
        ("your", "your")
    } else {
        ("a person's", "their")
    };
    format!("A fall within {whose} own week-to-week ups and downs is not an alert: it must go beyond the 80% range of {their} weekly changes over the 12 weeks before the days compared, scaled to those days (with fewer than 5 weekly changes, the thresholds alone decide).")
}

/// The sentence with its first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What went well: new personal bests, ranks up, targets newly met.
fn wins(md: &mut String, a: &Analysis) {
    md.push_str("## Wins\n\n");
    let mut people: Vec<usize> = (0..a.people.len())
        .filter(|i| !a.outlook[*i].wins.is_empty())
        .collect();
    if people.is_empty() {
        md.push_str("None this month: no new personal best, rank up or target newly met.\n\n");
        return;
    }
    people.sort_by(|i, j| crate::model::collate::names(&a.people[*i].name, &a.people[*j].name));
    for i in people {
        let text: Vec<&str> = a.outlook[i]
            .wins
            .iter()
            .map(|w| w.message.as_str())
            .collect();
        person_line(md, a, i, &text);
    }
    md.push('\n');
}

/// A person's sentences: one line after their name in a team report, one bullet each for one person.
fn person_line(md: &mut String, a: &Analysis, i: usize, sentences: &[&str]) {
    let text: Vec<String> = sentences.iter().map(|s| sentence(s)).collect();
    if a.is_team() {
        let _ = writeln!(
            md,
            "- **{}**: {}",
            escape_md(&a.people[i].name),
            text.join(" ")
        );
    } else {
        for t in text {
            let _ = writeln!(md, "- {t}");
        }
    }
}

/// The people's positions in the reader's order of their names.
fn by_name(a: &Analysis) -> Vec<usize> {
    crate::model::collate::order(a.people.iter().map(|p| p.name.as_str()))
}

/// Recommendation per person.
pub fn recommendations(md: &mut String, a: &Analysis) {
    md.push_str("## Recommendations\n\n");
    for i in by_name(a) {
        let (p, o) = (&a.people[i], &a.outlook[i]);
        let Some(r) = &o.recommendation else { continue };
        if a.is_team() {
            let _ = writeln!(md, "- **{}**: {}", escape_md(&p.name), sentence(&r.message));
        } else {
            let _ = writeln!(md, "{}", sentence(&r.message));
        }
    }
    md.push('\n');
}

/// When a forecast reaches its next band, as a month range.
fn reached(f: &crate::analysis::forecast::Forecast) -> String {
    match f.reaches {
        Some((early, Some(late))) if early == late => early.long_name(),
        Some((early, Some(late))) => format!("{} to {}", early.long_name(), late.long_name()),
        Some((early, None)) => format!("{} or later", early.long_name()),
        None if f.flat => "flat within the noise".into(),
        None if f.slope_per_month > 0.0 => "not within 2 years".into(),
        None => "not at this pace".into(),
    }
}

/// Forecast per person.
pub fn forecast(md: &mut String, a: &Analysis) {
    md.push_str("## Forecast\n\n");
    if a.is_team() {
        md.push_str("Each person's pace over the last 12 weeks, with 80% ranges: for the pace, for SSI in 12 weeks (wider the further ahead), and for the month the next 10-point band is reached. A pace, not a promise.\n\n");
        md.push_str("| Person | Pace per month | SSI in 12 weeks | Next band | Reached |\n|---|---:|---:|---:|---|\n");
        for i in by_name(a) {
            let (p, o) = (&a.people[i], &a.outlook[i]);
            match &o.forecast {
                Some(f) => {
                    let pace = format!(
                        "{} ({} to {})",
                        signed(f.slope_per_month),
                        signed(f.slope_range.0),
                        signed(f.slope_range.1)
                    );
                    let _ = writeln!(
                        md,
                        "| {} | {pace} | {} ({} to {}) | {} | {} |",
                        escape_md(&p.name),
                        fixed(f.ahead.mid, 0),
                        fixed(f.ahead.low, 0),
                        fixed(f.ahead.high, 0),
                        f.next_band.map(short).unwrap_or_else(|| "—".into()),
                        reached(f)
                    );
                }
                None => {
                    let _ = writeln!(
                        md,
                        "| {} | too few snapshots | — | — | — |",
                        escape_md(&p.name)
                    );
                }
            }
        }
        md.push('\n');
        return;
    }
    match a.outlook.first().and_then(|o| o.forecast.as_ref()) {
        Some(f) => {
            let _ = writeln!(
                md,
                "{} The ranges hold 80% of likely outcomes if the recent pace and its ups and downs carry on; a pace, not a promise.\n",
                sentence(&f.message)
            );
        }
        None => md.push_str(
            "Too few snapshots in the last 12 weeks for a trend (3 over at least 2 weeks are needed).\n\n",
        ),
    }
}

/// The largest rises and falls of the month.
pub fn movers(md: &mut String, a: &Analysis) {
    let Some(b) = &a.board else { return };
    md.push_str("## Movers\n\n");
    if b.rises.is_empty() && b.falls.is_empty() {
        md.push_str("Nobody's SSI changed this month.\n\n");
        return;
    }
    let list = |v: &[crate::analysis::team::Standing]| {
        v.iter()
            .map(|s| {
                format!(
                    "{} ({}, now {})",
                    escape_md(&s.name),
                    s.change.map(signed_points).unwrap_or_default(),
                    s.ssi.map(short).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !b.rises.is_empty() {
        let _ = writeln!(md, "- Largest rises: {}", list(&b.rises));
    }
    if !b.falls.is_empty() {
        let _ = writeln!(md, "- Largest falls: {}", list(&b.falls));
    }
    md.push('\n');
}

fn signed_points(v: f64) -> String {
    let s = short(v);
    if v > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// Definitions of every figure in the report, two lines each.
pub fn how_to_read(md: &mut String, a: &Analysis) {
    md.push_str(
        "## How to read this report

",
    );
    let items: [(&str, String); 12] = [
        ("Month-end SSI", "The last snapshot on or before the month's last day. The change compares it with the last snapshot on or before the previous month's last day.".into()),
        ("Rank", "\"Top 2%\" means 98% of people in your industry (or network) score lower. A rank change is in percentage points; negative is better.".into()),
        ("Weakest component", "The lowest of the four 0-25 components at month end. LinkedIn's advice, and this report's: work on it first.".into()),
        ("Interval", "The days between two consecutive snapshots of a person. Activity per week and change per week are measured over each interval.".into()),
        ("r (Pearson)", "How closely activity and change move together within each person, from -1 to +1. Around 0.1 is weak, 0.3 moderate, 0.5 strong.".into()),
        ("rho (Spearman)", "The same on ranks, so a few extreme weeks weigh less. Reported in summary.json and data/linkage.csv.".into()),
        ("p and q", format!("p: how often a link at least this strong would appear if there were none, allowing for a person's weeks depending on one another (errors clustered by person from 10 people, Newey-West below). q: the same, corrected for testing every activity against every component; a finding needs q below {}.", a.settings.alpha)),
        ("Slope and 95% CI", "Points of component change per week that go with one more of the activity per week. Intervals made this way contain the true slope in 95 of 100 samples.".into()),
        ("Lag 1", "Activity set against the next interval's change, with that interval's own activity held fixed, since LinkedIn scores trailing activity: only an effect beyond this week's activity counts. \"In the following interval\" marks these findings.".into()),
        ("Model coefficient", "The same slope with all activities in one regression per component, each person compared with themselves (fixed effects). Its q corrects for every coefficient in the models table.".into()),
        ("Weights", "A change over four weeks is a steadier figure per week than a change over one, so each interval counts in proportion to its weeks.".into()),
        ("Forecast", "The pace of the last 12 weeks of SSI, with an 80% range that widens the further it looks ahead, each component held within 0-25. \"Flat within the noise\" means the pace cannot be told from week-to-week ups and downs.".into()),
    ];
    for (term, text) in items {
        let _ = writeln!(md, "- **{term}**: {}", escape_md(&text));
    }
    md.push('\n');
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_plain_finding_keeps_the_words_and_drops_the_statistics() {
        let f = "For Alex Morgan only: each extra reply received per week went with +0.039 relationships points per week (95% CI 0.015 to 0.063; n = 89 intervals over 89 weeks, 1 person; r = 0.32, q = 0.022). Replies received are an outcome: a sign of the work, not something to do more of.";
        assert_eq!(
            super::plain_finding(f),
            "For Alex Morgan only: each extra reply received per week went with +0.039 relationships points per week. Replies received are an outcome: a sign of the work, not something to do more of."
        );
        // Brackets inside the statistics, and a sentence with none.
        assert_eq!(
            super::plain_finding("A went with B (95% CI 1 to 2 (clustered); n = 3)."),
            "A went with B."
        );
        assert_eq!(super::plain_finding("No numbers here."), "No numbers here.");
    }
}
