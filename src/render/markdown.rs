//! `report.md`: the monthly report in GitHub-flavoured markdown. A headline first (for the reader with a
//! minute), then components, the team table, activity, the charts and the data-quality account. Every
//! user-supplied string is escaped.

use super::charts::{ChartId, ChartRef};
use super::layout::{Layout, Section};
use super::outlook_md;
use super::text::{
    change, count, escape_md, plural, rank, rank_move, ssi_change, ssi_value, value,
};
use crate::analysis::glance::moves_text;
use crate::analysis::peers::{PeerComparison, PeerSide};
use crate::analysis::{Analysis, PersonMonth};
use crate::model::month::day_month;
use crate::model::quality::Quality;
use crate::model::schema::SsiColumn;
use crate::model::schema::{metric_label, Component, Peers};
use std::fmt::Write as _;

/// How many rejected rows the report lists (summary.json lists all).
pub const MAX_LISTED_REJECTIONS: usize = 50;

/// A file (and sheet) as shown in a table cell.
fn sheet_label(path: &str, sheet: Option<&str>) -> String {
    match sheet {
        Some(s) => format!("`{}` › {}", code(path), escape_md(s)),
        None => format!("`{}`", code(path)),
    }
}

/// A file (and sheet) as shown in running text, where pipes need no escaping.
fn sheet_label_inline(path: &str, sheet: Option<&str>) -> String {
    let path = path.replace('`', "'");
    match sheet {
        Some(s) => format!("`{path}` › {}", escape_md(s)),
        None => format!("`{path}`"),
    }
}

/// Text for inside a code span in a table cell (pipes still need escaping there).
fn code(s: &str) -> String {
    s.replace('`', "'").replace('|', "\\|")
}

/// Each chart under its title.
fn charts_section(md: &mut String, charts: &[ChartRef]) {
    // A person page written without charts (`--person-pages md`) has no section for them.
    if charts.is_empty() {
        return;
    }
    md.push_str("## Charts\n\n");
    for c in charts {
        let _ = writeln!(md, "### {}\n\n![{}]({})\n", c.title, c.alt, c.path);
    }
}

/// Renders one person's page of a team report (`people/<slug>.md`): their headline, components, targets,
/// alerts, recommendation, forecast and charts, with a link back to the team report.
pub fn render_person(view: &Analysis, charts: &[ChartRef]) -> String {
    let mut md = String::new();
    let month = view.window.label();
    let previous = view.month.previous().long_name();
    let Some(p) = view.people.first() else {
        return md;
    };
    let _ = writeln!(md, "# {} — {month}\n", escape_md(&p.name));
    md.push_str("[Back to the team report](../report.md)\n\n");
    at_a_glance(&mut md, view);
    person_headline(&mut md, p, &previous, view.ssi_decimals);
    md.push_str("## Components\n\n");
    components_person(&mut md, p, &previous, view.ssi_decimals);
    person_activity(&mut md, view);
    outlook_md::targets(&mut md, view);
    outlook_md::alerts(&mut md, view);
    outlook_md::recommendations(&mut md, view);
    outlook_md::forecast(&mut md, view);
    charts_section(&mut md, charts);
    md
}

/// A person page's activity: the rate per week in each of the last three months against the target and
/// the team's median this month.
fn person_activity(md: &mut String, view: &Analysis) {
    let Some(o) = view.outlook.first() else {
        return;
    };
    if view.metrics.is_empty() {
        return;
    }
    let m = view.month;
    // A person page of a team report sets the person beside the team; a one-person report cannot.
    let team = !o.team_median_rates.is_empty();
    let _ = writeln!(
        md,
        "## Activity\n\nActivity per week in each of the last three months (a weekly row counts in the month of its date), against the target{}.\n\n| Activity | {} | {} | {} | Target |{}\n|---|---:|---:|---:|---:|{}",
        if team {
            format!(" and the team's median in {}", m.long_name())
        } else {
            String::new()
        },
        m.previous().previous().long_name(),
        m.previous().long_name(),
        view.window.span_label(),
        if team { " Team median |" } else { "" },
        if team { "---:|" } else { "" },
    );
    let cell = |v: Option<f64>| v.map_or_else(|| "—".to_string(), crate::analysis::words::rate);
    for (i, metric) in view.metrics.iter().enumerate() {
        let earlier = o.earlier_rates.get(i).copied().unwrap_or([None, None]);
        let now = o.month_rates.get(i).copied().flatten();
        if earlier.iter().chain([&now]).all(Option::is_none) {
            continue;
        }
        let target = view.settings.targets.per_week.get(metric).copied();
        let _ = write!(
            md,
            "| {} | {} | {} | {} | {} |",
            escape_md(&metric_label(metric)),
            cell(earlier[0]),
            cell(earlier[1]),
            cell(now),
            target.map_or_else(|| "—".to_string(), crate::analysis::words::short),
        );
        if team {
            let _ = write!(
                md,
                " {} |",
                cell(o.team_median_rates.get(i).copied().flatten())
            );
        }
        md.push('\n');
    }
    md.push('\n');
}

/// The report's title, the person's name passed through `name` (escaped for markdown, or as it is for
/// an HTML title).
pub fn title(analysis: &Analysis, name: impl Fn(&str) -> String) -> String {
    let month = analysis.window.label();
    let label = |kind: &str| crate::model::schema::group_label(kind);
    match (analysis.people.as_slice(), &analysis.group) {
        ([one], Some((kind, group))) if group == crate::analysis::groups::NO_GROUP => format!(
            "SSI report: {} (no {}) — {month}",
            name(&one.name),
            label(kind)
        ),
        ([one], Some((kind, group))) => format!(
            "SSI report: {} ({} {}) — {month}",
            name(&one.name),
            label(kind),
            name(group)
        ),
        ([one], None) => format!("SSI report: {} — {month}", name(&one.name)),
        (people, Some((kind, group))) if group == crate::analysis::groups::NO_GROUP => format!(
            "SSI report: {} people without a {} — {month}",
            people.len(),
            label(kind)
        ),
        (people, Some((kind, group))) => format!(
            "SSI report: {} ({}), {} people — {month}",
            name(group),
            label(kind),
            people.len()
        ),
        (people, None) => format!("SSI report: team of {} — {month}", people.len()),
    }
}

/// Renders the report with the sections of `layout`, in its order.
pub fn render(
    analysis: &Analysis,
    quality: &Quality,
    charts: &[ChartRef],
    layout: &Layout,
) -> String {
    let mut md = String::new();
    let previous = analysis.month.previous().long_name();
    let _ = writeln!(md, "# {}\n", title(analysis, escape_md));
    let sections = layout.resolve(analysis.is_team());
    // A client's update speaks plainly: no statistics in the headline, no statistical charts.
    let mut appendix_said = false;
    for (i, section) in sections.iter().enumerate() {
        // Statistics after the sections for people get a heading of their own.
        if section.is_appendix() && !appendix_said && sections[..i].iter().any(|s| !s.is_appendix())
        {
            md.push_str("## Appendix: the statistics behind the report\n\nHow the findings, the models and the figures above were worked out, and what was read.\n\n");
            appendix_said = true;
        }
        render_section(
            &mut md, *section, analysis, quality, charts, &previous, layout,
        );
    }
    md
}

/// One section of report.md.
fn render_section(
    md: &mut String,
    section: Section,
    a: &Analysis,
    quality: &Quality,
    charts: &[ChartRef],
    previous: &str,
    layout: &Layout,
) {
    let plain = layout.audience == super::layout::Audience::Client;
    let pages = !layout.without_pages;
    let person = a.people.first().filter(|_| !a.is_team());
    match section {
        Section::Glance => at_a_glance(md, a),
        Section::Summary => {
            if a.is_team() {
                team_headline(md, a, previous);
            } else if let Some(p) = person {
                person_headline(md, p, previous, a.ssi_decimals);
            }
            outlook_md::headline(md, a, plain);
        }
        Section::Pages => pages_section(md, a, pages),
        Section::Leaderboard if a.is_team() => {
            team_table(md, a, pages);
            outlook_md::movers(md, a);
        }
        Section::Leaderboard => {}
        Section::Groups => super::groups_md::groups(md, a),
        Section::Alerts => outlook_md::alerts(md, a),
        Section::People => {
            outlook_md::recommendations(md, a);
            outlook_md::forecast(md, a);
        }
        Section::Components => {
            md.push_str("## Components\n\n");
            if a.is_team() {
                components_team(md, a);
            } else if let Some(p) = person {
                components_person(md, p, previous, a.ssi_decimals);
            }
        }
        Section::Activity => activity_section(md, a),
        Section::Targets => outlook_md::targets(md, a),
        Section::Charts if plain => {
            let shown: Vec<ChartRef> = charts
                .iter()
                .filter(|c| !matches!(c.id, ChartId::LinkageHeatmap | ChartId::Drivers))
                .cloned()
                .collect();
            charts_section(md, &shown);
        }
        Section::Charts => charts_section(md, charts),
        Section::Needle => {
            outlook_md::needle(md, a);
            super::groups_md::differences(md, a);
        }
        Section::Quality => quality_section(md, a, quality),
        Section::Guide => outlook_md::how_to_read(md, a),
    }
}

/// One link per person page of a team report (a line saying they were left out, without them).
fn pages_section(md: &mut String, a: &Analysis, pages: bool) {
    if !a.is_team() {
        return;
    }
    if !pages {
        md.push_str("## People\n\nPerson pages were left out of this report (`--person-pages none`); the leaderboard, report.xlsx and data/ssi.csv have everyone's figures.\n\n");
        return;
    }
    md.push_str("## People\n\nEach person's page: their figures, targets, alerts, wins, advice and charts.\n\n");
    let names: Vec<String> = a.people.iter().map(|p| p.name.clone()).collect();
    let slugs = super::slug::unique_slugs(&names);
    for i in crate::model::collate::order(names.iter().map(String::as_str)) {
        let _ = writeln!(md, "- [{}](people/{}.md)", escape_md(&names[i]), slugs[i]);
    }
    md.push('\n');
}

/// The rank phrases of a headline, " · industry rank **top 2%** (rose 1 point)" for each rank known;
/// `whose` goes before "industry" ("median " for a team).
fn rank_phrases(
    md: &mut String,
    whose: &str,
    level: impl Fn(SsiColumn) -> Option<f64>,
    moved: impl Fn(SsiColumn) -> Option<f64>,
) {
    for (column, name) in [
        (SsiColumn::IndustryRankPct, "industry"),
        (SsiColumn::NetworkRankPct, "network"),
    ] {
        if level(column).is_some() {
            // A team's move is the median of each person's move (said, since the rank chart draws
            // the median rank of each period, whose change can differ).
            let per_person = if whose.is_empty() {
                ""
            } else {
                "median change per person: "
            };
            let _ = write!(
                md,
                " · {whose}{name} rank **{}** ({per_person}{})",
                rank(level(column)),
                rank_move(moved(column))
            );
        }
    }
}

/// Which snapshots the person's figures compare.
fn snapshot_sentence(md: &mut String, p: &PersonMonth, previous: &str) {
    let e = &p.month_end;
    let _ = match (&p.previous_month_end, p.snapshots_in_month) {
        (_, 0) => writeln!(
            md,
            "No snapshot was taken during the month: the latest, from {}, is shown and there is no change to report.",
            e.date
        ),
        (Some(before), _) => writeln!(
            md,
            "Latest snapshot {}, compared with {} (the last one on or before the end of {previous}).",
            e.date, before.date
        ),
        (None, _) => writeln!(
            md,
            "Latest snapshot {}. No snapshot on or before the end of {previous}, so there is no month-over-month change yet.",
            e.date
        ),
    };
}

fn person_headline(md: &mut String, p: &PersonMonth, previous: &str, d: usize) {
    let e = &p.month_end;
    let _ = write!(
        md,
        "**SSI {}** ({} since the end of {previous})",
        ssi_value(e.get(SsiColumn::Ssi), d),
        ssi_change(p.change(SsiColumn::Ssi), d)
    );
    rank_phrases(md, "", |c| e.get(c), |c| p.change(c));
    md.push_str(&weakest_phrase(&e.weakest_tied(), ""));
    md.push_str("\n\n");
    snapshot_sentence(md, p, previous);
    md.push('\n');
    md.push_str("Rank moves are in percentage points: a rank that rose moved towards the top.\n\n");
}

/// The three lines under the title: who needs attention, who moved most, the one thing to do.
fn at_a_glance(md: &mut String, a: &Analysis) {
    let g = crate::analysis::glance::glance(a);
    md.push_str("**At a glance**\n\n");
    let attention = if a.is_team() {
        let named: Vec<String> = g
            .attention
            .iter()
            .map(|x| format!("{} ({})", escape_md(&x.name), escape_md(&x.brief)))
            .collect();
        match g.attention_total {
            0 => "no one: no alert this month".to_string(),
            n if n > named.len() => format!(
                "{} and {} more (see Alerts)",
                named.join(", "),
                n - named.len()
            ),
            _ => named.join(", "),
        }
    } else {
        let mut alerts: Vec<&crate::analysis::alerts::Alert> =
            a.outlook.iter().flat_map(|o| &o.alerts).collect();
        alerts.sort_by_key(|x| x.kind.severity());
        let briefs: Vec<String> = alerts.iter().map(|x| escape_md(&x.brief)).collect();
        if briefs.is_empty() {
            "nothing: no alert this month".to_string()
        } else {
            briefs.join("; ")
        }
    };
    let _ = writeln!(md, "- **Needs attention**: {attention}.");
    let d = a.ssi_decimals;
    let moved = if !a.is_team() {
        match a.people.first().and_then(|p| p.change(SsiColumn::Ssi)) {
            Some(c) => format!("SSI {}", ssi_change(Some(c), d)),
            None => "no SSI change to compare yet".to_string(),
        }
    } else {
        let side = |list: &[crate::analysis::glance::Move], tied: usize| {
            let mut text = escape_md(&moves_text(list, d));
            if let (Some(last), true) = (list.last(), tied > 0) {
                let _ = write!(
                    text,
                    " and {tied} more at {}",
                    ssi_change(Some(last.change), d)
                );
            }
            text
        };
        let (up, down) = (
            side(&g.up, g.tied_beyond[0]),
            side(&g.down, g.tied_beyond[1]),
        );
        match (g.up.is_empty(), g.down.is_empty()) {
            (true, true) if g.compared > 0 => "no one's SSI moved".to_string(),
            (true, true) => "no SSI change to compare yet".to_string(),
            (false, true) => format!("up {up}"),
            (true, false) => format!("down {down}"),
            (false, false) => format!("up {up}; down {down}"),
        }
    };
    let since = a.month.previous().long_name();
    if a.is_team() {
        let _ = writeln!(
            md,
            "- **Moved most**: {moved} (change in SSI since the end of {since})."
        );
    } else {
        let _ = writeln!(md, "- **Moved**: {moved} since the end of {since}.");
    }
    if let Some(action) = &g.action {
        let _ = writeln!(md, "- **The one thing to do**: {}", escape_md(&action.text));
    }
    md.push('\n');
}

/// " · weakest component: **Establish your professional brand** (13.93)", or for components within 0.1
/// of each other " · weakest components, tied within 0.1: **…** (13.93) and **…** (13.99)".
fn weakest_phrase(tied: &[(Component, f64)], whose: &str) -> String {
    let named: Vec<String> = tied
        .iter()
        .map(|(c, v)| format!("**{}** ({})", c.label(), value(Some(*v), 2)))
        .collect();
    match named.len() {
        0 => String::new(),
        1 => format!(" · weakest component{whose}: {}", named[0]),
        _ => format!(
            " · weakest components{whose}, tied within {}: {}",
            crate::analysis::WEAKEST_TIE,
            crate::analysis::findings::join_and(&named)
        ),
    }
}

fn team_headline(md: &mut String, a: &Analysis, previous: &str) {
    let t = &a.team;
    let _ = write!(
        md,
        "**{} people** · median SSI **{}**, median change per person {} since the end of {previous}",
        t.people,
        ssi_value(t.median.get(SsiColumn::Ssi), a.ssi_decimals),
        ssi_change(t.median_change.get(SsiColumn::Ssi), a.ssi_decimals)
    );
    rank_phrases(
        md,
        "median ",
        |c| t.median.get(c),
        |c| t.median_change.get(c),
    );
    let medians = crate::analysis::Snapshot {
        date: chrono::NaiveDate::MIN,
        values: t.median.only(&SsiColumn::SCORE),
    };
    md.push_str(&weakest_phrase(&medians.weakest_tied(), " (team median)"));
    md.push_str("\n\n");
    let _ = writeln!(
        md,
        "Over the month SSI went up for {}, down for {} and held for {} of {} people{}.\n",
        t.ssi_up,
        t.ssi_down,
        t.ssi_held,
        t.people,
        match t.people - (t.ssi_up + t.ssi_down + t.ssi_held) {
            0 => String::new(),
            n => format!(" ({n} without a change to compare)"),
        }
    );
}

/// The peer columns' header and alignment, empty without peer data.
fn peer_header(cmp: Option<&PeerComparison>) -> (&'static str, &'static str) {
    match cmp {
        Some(_) => (
            " Industry avg | vs industry | Network avg | vs network |",
            "---:|---:|---:|---:|",
        ),
        None => ("", ""),
    }
}

/// A component's (or, for `None`, the total's) peer cells, empty without peer data.
fn peer_cells(cmp: Option<&PeerComparison>, k: Option<usize>, decimals: usize) -> String {
    let Some(cmp) = cmp else {
        return String::new();
    };
    let cells = |side: &PeerSide| match k {
        Some(i) => (side.components[i], side.gaps[i]),
        None => (side.total, side.gap_total),
    };
    let (ind, ind_gap) = cells(&cmp.industry);
    let (net, net_gap) = cells(&cmp.network);
    format!(
        " {} | {} | {} | {} |",
        value(ind, decimals),
        change(ind_gap, decimals),
        value(net, decimals),
        change(net_gap, decimals)
    )
}

/// One sentence naming the largest gap to either peer group (where rank is lost first), or the smallest
/// lead when ahead of both in every component compared.
fn largest_gap_sentence(md: &mut String, cmp: &PeerComparison, whose: &str) {
    let Some(g) = cmp.largest_gap else {
        return;
    };
    let i = Component::ALL
        .iter()
        .position(|x| *x == g.component)
        .unwrap_or(0);
    let avg = cmp.side(g.peers).components[i];
    let group = g.peers.name();
    let with_gaps: Vec<&str> = Peers::ALL
        .iter()
        .filter(|p| cmp.side(**p).gaps.iter().any(Option::is_some))
        .map(|p| p.name())
        .collect();
    let compared = match with_gaps.as_slice() {
        [one] => format!("{one} average"),
        _ => "industry and network averages".to_string(),
    };
    let _ = if g.is_behind() {
        writeln!(
            md,
            "The largest gap is to the {group} in **{}**: {whose} {} against the {group}'s {} ({}); that is where the {group} rank is lost first.\n",
            g.component.label(),
            value(cmp.own[i], 2),
            value(avg, 2),
            change(Some(g.gap), 2)
        )
    } else {
        writeln!(
            md,
            "Ahead of the {} in every component compared; the smallest lead is over the {group} in **{}** ({} against {}, {}).\n",
            compared,
            g.component.label(),
            value(cmp.own[i], 2),
            value(avg, 2),
            change(Some(g.gap), 2)
        )
    };
}

fn components_person(md: &mut String, p: &PersonMonth, previous: &str, d: usize) {
    let cmp = p.peers.as_ref();
    let (peer_head, peer_align) = peer_header(cmp);
    let _ = writeln!(
        md,
        "| Component | Score (of 25) | Change since {previous} |{peer_head} |\n|---|---:|---:|{peer_align}---|"
    );
    for (k, c) in Component::ALL.iter().enumerate() {
        let tied = p.month_end.weakest_tied();
        let marker = if tied.len() > 1 && tied.iter().any(|(t, _)| t == c) {
            "**weakest (tied)**"
        } else if p.weakest_component == Some(*c) {
            "**weakest**"
        } else {
            ""
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} |{} {marker} |",
            c.label(),
            value(p.month_end.component(*c), 2),
            change(p.change((*c).into()), 2),
            peer_cells(cmp, Some(k), 2)
        );
    }
    let _ = writeln!(
        md,
        "| **Total SSI** (of 100) | **{}** | {} |{} |\n",
        ssi_value(p.month_end.get(SsiColumn::Ssi), d),
        ssi_change(p.change(SsiColumn::Ssi), d),
        peer_cells(cmp, None, d)
    );
    if let Some(cmp) = cmp {
        largest_gap_sentence(md, cmp, "you are at");
        return;
    }
    let e = &p.month_end;
    let peers: Vec<String> = [
        (SsiColumn::IndustryAvg, "people in your industry"),
        (SsiColumn::NetworkAvg, "people in your network"),
    ]
    .iter()
    .filter_map(|(column, label)| {
        e.get(*column)
            .map(|v| format!("{label} **{}**", value(Some(v), 0)))
    })
    .collect();
    if !peers.is_empty() {
        let _ = writeln!(md, "Average SSI of {}.\n", peers.join(", of "));
    }
}

fn components_team(md: &mut String, a: &Analysis) {
    let cmp = a.team.peers.as_ref();
    let (peer_head, peer_align) = peer_header(cmp);
    // When only some people have peer data, their own median sits beside the peers' medians.
    let subset = cmp.filter(|c| c.people < a.people.len());
    let (peer_head, peer_align) = match subset {
        Some(c) => (
            format!(" Median of those {} |{peer_head}", c.people),
            format!("---:|{peer_align}"),
        ),
        None => (peer_head.to_string(), peer_align.to_string()),
    };
    let own_cell = |k: Option<usize>, decimals: usize| match subset {
        Some(c) => format!(
            " {} |",
            value(k.map_or(c.own_total, |i| c.own[i]), decimals)
        ),
        None => String::new(),
    };
    let _ = writeln!(
        md,
        "Team medians {}{}.\n\n| Component | Median (of 25) | Median change |{peer_head}\n|---|---:|---:|{peer_align}",
        if a.window.in_progress() {
            format!("on {}", a.window.last_day_phrase())
        } else {
            "at month end".to_string()
        },
        match cmp {
            Some(c) => format!(
                "; the peer columns are medians over the {} whose data has peer averages, each gap the median of those people's own gaps",
                plural(c.people, "person", "people")
            ),
            None => String::new(),
        }
    );
    for (k, c) in Component::ALL.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} | {} | {} |{}",
            c.label(),
            value(a.team.median.get((*c).into()), 2),
            change(a.team.median_change.get((*c).into()), 2),
            own_cell(Some(k), 2) + &peer_cells(cmp, Some(k), 2)
        );
    }
    let _ = writeln!(
        md,
        "| **Total SSI** (of 100) | **{}** | {} |{}\n",
        ssi_value(a.team.median.get(SsiColumn::Ssi), a.ssi_decimals),
        ssi_change(a.team.median_change.get(SsiColumn::Ssi), a.ssi_decimals),
        own_cell(None, 1) + &peer_cells(cmp, None, 1)
    );
    if let Some(cmp) = cmp {
        largest_gap_sentence(md, cmp, "the team's median is");
    }
}

/// The leaderboard's weakest component: "Brand", or "Brand = People" for a tie within 0.1.
fn weakest_cell(p: &PersonMonth) -> String {
    let tied: Vec<&str> = p
        .month_end
        .weakest_tied()
        .iter()
        .map(|(c, _)| c.short_label())
        .collect();
    if tied.is_empty() {
        "—".to_string()
    } else {
        tied.join(" = ")
    }
}

/// One person's leaderboard row, linked to their page `people/<slug>.md` when pages are written.
fn leaderboard_row(md: &mut String, a: &Analysis, p: &PersonMonth, slug: Option<&str>) {
    let e = &p.month_end;
    let name = match slug {
        Some(slug) => format!("[{}](people/{slug}.md)", escape_md(&p.name)),
        None => escape_md(&p.name),
    };
    let _ = writeln!(
        md,
        "| {} | {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        a.board
            .as_ref()
            .and_then(|b| b.leaderboard.iter().find(|s| s.name == p.name))
            .and_then(|s| s.rank)
            .map(|r| r.to_string())
            .unwrap_or_default(),
        e.date,
        ssi_value(e.get(SsiColumn::Ssi), a.ssi_decimals),
        ssi_change(p.change(SsiColumn::Ssi), a.ssi_decimals),
        value(e.get(SsiColumn::Brand), 2),
        value(e.get(SsiColumn::People), 2),
        value(e.get(SsiColumn::Insights), 2),
        value(e.get(SsiColumn::Relationships), 2),
        rank(e.get(SsiColumn::IndustryRankPct)),
        rank(e.get(SsiColumn::NetworkRankPct)),
        weakest_cell(p)
    );
}

fn team_table(md: &mut String, a: &Analysis, pages: bool) {
    let _ = writeln!(
        md,
        "## Leaderboard\n\nOne row per person, highest SSI first{}; the snapshot is the last one on or before {}.\n",
        if pages { ", each linked to their own page" } else { "" },
        a.window.last_day_phrase()
    );
    md.push_str("| # | Person | Snapshot | SSI | Change | Brand | People | Insights | Relationships | Industry rank | Network rank | Weakest |\n");
    md.push_str("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    let mut rows: Vec<&PersonMonth> = a.people.iter().collect();
    rows.sort_by(|x, y| {
        let sx = x.month_end.get(SsiColumn::Ssi).unwrap_or(f64::MIN);
        let sy = y.month_end.get(SsiColumn::Ssi).unwrap_or(f64::MIN);
        sy.total_cmp(&sx)
            .then_with(|| crate::model::collate::names(&x.name, &y.name))
    });
    let names: Vec<String> = a.people.iter().map(|p| p.name.clone()).collect();
    let slugs = super::slug::unique_slugs(&names);
    // Looked up by name: a team of many thousands would make a scan per row quadratic.
    let slug_of: std::collections::HashMap<&str, &str> = names
        .iter()
        .map(String::as_str)
        .zip(slugs.iter().map(String::as_str))
        .collect();
    for p in rows {
        let slug = slug_of.get(p.name.as_str()).copied().unwrap_or("person");
        leaderboard_row(md, a, p, pages.then_some(slug));
    }
    md.push('\n');
    let stale: Vec<String> = a
        .people
        .iter()
        .filter(|p| p.snapshots_in_month == 0)
        .map(|p| format!("{} (latest {})", escape_md(&p.name), p.month_end.date))
        .collect();
    if !stale.is_empty() {
        let _ = writeln!(
            md,
            "No snapshot during {} for: {}.\n",
            a.window.label(),
            stale.join(", ")
        );
    }
}

fn activity_section(md: &mut String, a: &Analysis) {
    if !a.is_team() && !a.metrics.is_empty() {
        // One person: their rates per week month by month, counted as the targets count them.
        person_activity(md, a);
        return;
    }
    md.push_str("## Activity\n\n");
    if a.metrics.is_empty() {
        md.push_str("No activity data was found in the inputs.\n\n");
        return;
    }
    let t = &a.team;
    let days = a.activity_window;
    let (month, previous) = (days.span_label(), days.previous_span_label());
    let whose = if a.is_team() {
        "Team totals of the activity logged"
    } else {
        "Activity logged"
    };
    if days.in_progress() {
        let _ = writeln!(
            md,
            "{whose} so far this month, against the same days of the month before (the data stop on {}, the activity log on {}); weekly rows are split by the days they cover.\n",
            day_month(a.window.through),
            day_month(days.through)
        );
    } else {
        let _ = writeln!(
            md,
            "{whose} in each month; weekly rows are split by the days they cover, so a month with five Mondays gains no extra week.\n"
        );
    }
    if a.is_team() {
        let _ = writeln!(
            md,
            "| Activity | {previous} | {month} | Change | People logging in {month} |\n|---|---:|---:|---:|---:|"
        );
    } else {
        let _ = writeln!(
            md,
            "| Activity | {previous} | {month} | Change |\n|---|---:|---:|---:|"
        );
    }
    for (m, name) in a.metrics.iter().enumerate() {
        let (before, now) = (
            count(t.activity_previous_month[m]),
            count(t.activity_month[m]),
        );
        // The change of the figures as shown, so the row adds up for its reader.
        let shown = |text: &str| text.parse::<f64>().ok();
        let delta = shown(&now)
            .zip(shown(&before))
            .map(|(n, b)| n - b)
            .filter(|_| t.activity_change[m].is_some());
        let decimals = usize::from(before.contains('.') || now.contains('.'));
        let _ = write!(
            md,
            "| {} | {before} | {now} | {} |",
            escape_md(&metric_label(name)),
            change(delta, decimals)
        );
        if a.is_team() {
            let _ = write!(md, " {} |", t.people_logging[m]);
        }
        md.push('\n');
    }
    md.push('\n');
}

/// The rows read, used, rejected and skipped: the totals, then one table row per input table.
fn row_accounting(md: &mut String, q: &Quality) {
    let read: usize = q.inputs.iter().map(|t| t.rows_read).sum();
    let used: usize = q.inputs.iter().map(|t| t.rows_used).sum();
    let rejected: usize = q.inputs.iter().map(|t| t.rows_rejected).sum();
    let skipped: usize = q.inputs.iter().map(|t| t.rows_skipped).sum();
    let _ = writeln!(
        md,
        "{} read: {}, {used} used, {rejected} rejected, {skipped} skipped (blank, summary or duplicate rows). `data/rejected.csv` lists every rejected and skipped row with its raw value.\n",
        plural(q.inputs.len(), "table", "tables"),
        plural(read, "data row", "data rows"),
    );
    md.push_str("| Source | Holds | Header row | Rows read | Used | Rejected | Skipped |\n|---|---|---:|---:|---:|---:|---:|\n");
    for t in &q.inputs {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            sheet_label(&t.path, t.sheet.as_deref()),
            t.table.short_label(),
            t.header_row.map(|r| r.to_string()).unwrap_or_default(),
            t.rows_read,
            t.rows_used,
            t.rows_rejected,
            t.rows_skipped
        );
    }
    md.push('\n');
}

/// A titled list of files (or sheets) with a note on each; nothing when there are none.
fn file_list(md: &mut String, title: &str, items: &[(String, String)]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(md, "{title}:\n");
    for (file, note) in items {
        let _ = writeln!(md, "- {file}: {note}");
    }
    md.push('\n');
}

/// How each input table's headers were read, as a list of files.
fn header_mapping(md: &mut String, q: &Quality) {
    let mapped: Vec<(String, String)> = q
        .inputs
        .iter()
        .filter(|t| !t.columns.is_empty())
        .map(|t| {
            let cols: Vec<String> = t
                .columns
                .iter()
                .map(|(header, canonical)| match canonical {
                    Some(c) if c == header => format!("`{}`", code(c)),
                    Some(c) => format!("{} → `{}`", escape_md(header), code(c)),
                    None => format!("{} (ignored)", escape_md(header)),
                })
                .collect();
            (
                sheet_label_inline(&t.path, t.sheet.as_deref()),
                cols.join(", "),
            )
        })
        .collect();
    file_list(md, "How the headers were read (header → column)", &mapped);
}

/// The first `MAX_LISTED_REJECTIONS` rejected rows, with the column and the reason.
fn rejected_rows(md: &mut String, q: &Quality) {
    if q.rejected.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "Rejected rows ({}{}):\n",
        q.rejected.len(),
        if q.rejected.len() > MAX_LISTED_REJECTIONS {
            format!(", the first {MAX_LISTED_REJECTIONS} listed; summary.json lists all")
        } else {
            String::new()
        }
    );
    md.push_str("| Source | Row | Column | Reason |\n|---|---:|---|---|\n");
    for r in q.rejected.iter().take(MAX_LISTED_REJECTIONS) {
        let column = match (&r.column, &r.header) {
            (Some(c), Some(h)) => format!("{c} ({})", escape_md(h)),
            (Some(c), None) => c.clone(),
            _ => String::new(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {column} | {} |",
            sheet_label(&r.path, r.sheet.as_deref()),
            r.row,
            escape_md(&r.reason)
        );
    }
    md.push('\n');
}

/// Rows left out for their date, repeated activity values and the warnings.
fn quality_notes(md: &mut String, a: &Analysis, q: &Quality) {
    if a.rows_after_month > 0 {
        let _ = writeln!(
            md,
            "{} dated after {} {} not part of this report.\n",
            plural(a.rows_after_month, "row", "rows"),
            a.month.long_name(),
            if a.rows_after_month == 1 { "is" } else { "are" }
        );
    }
    if q.activity_overlaps > 0 {
        let _ = writeln!(
            md,
            "{} activity values repeated a value already read for the same person, date and metric; the first was used.\n",
            q.activity_overlaps
        );
    }
    for w in &q.warnings {
        let _ = writeln!(md, "- {}", escape_md(w));
    }
}

fn quality_section(md: &mut String, a: &Analysis, q: &Quality) {
    md.push_str("## Data quality\n\n");
    row_accounting(md, q);
    header_mapping(md, q);
    super::groups_md::roster_join(md, a);
    let ignored: Vec<(String, String)> = q
        .ignored
        .iter()
        .map(|i| {
            let file = sheet_label_inline(&i.path, i.sheet.as_deref());
            (file, escape_md(&i.reason))
        })
        .collect();
    file_list(md, "Ignored", &ignored);
    let unreadable: Vec<(String, String)> = q
        .unreadable
        .iter()
        .map(|u| (sheet_label_inline(&u.path, None), escape_md(&u.message)))
        .collect();
    file_list(md, "Files that could not be read", &unreadable);
    rejected_rows(md, q);
    quality_notes(md, a, q);
}

#[cfg(test)]
mod tests {
    use super::weakest_phrase;
    use crate::model::schema::Component;

    #[test]
    fn a_tie_for_the_weakest_component_is_named_as_one() {
        assert_eq!(
            weakest_phrase(&[(Component::Brand, 13.93)], ""),
            " · weakest component: **Establish your professional brand** (13.93)"
        );
        assert_eq!(
            weakest_phrase(
                &[(Component::Brand, 13.93), (Component::People, 13.99)],
                " (team median)"
            ),
            " · weakest components (team median), tied within 0.1: **Establish your professional brand** (13.93) and **Find the right people** (13.99)"
        );
    }
}
