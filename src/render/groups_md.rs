//! The report.md section on the groups inside a team: one row per group (people, median SSI and change,
//! median components, the weakest, targets met, alerts), the moves between groups, and which groups are
//! too small for findings. The figures come from `analysis::groups`; this module lays them out.

use super::text::{escape_md, plural, ssi_change, ssi_value};
use crate::analysis::groups::{Groups, NO_GROUP};
use crate::analysis::words::fixed;
use crate::analysis::Analysis;
use crate::model::schema::{group_label, Component};
use std::fmt::Write as _;

/// "Team", "Business unit".
fn heading(kind: &str) -> String {
    let label = group_label(kind);
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The Groups section; nothing when the report has no groups.
pub fn groups(md: &mut String, a: &Analysis) {
    let Some(g) = &a.groups else {
        // The report of the people in no group: its inputs name none of theirs.
        if let Some((kind, _)) = a.group.as_ref().filter(|(_, g)| g == NO_GROUP) {
            let _ = writeln!(
                md,
                "## Groups\n\nNo row or roster names a {} for the people here.\n",
                group_label(kind),
            );
        }
        return;
    };
    if let Some(one) = g.only_one() {
        // A `--each group` report: the group is the title's; what is left to say is who moved.
        let _ = writeln!(
            md,
            "## Groups\n\n{} {} {}{}.\n",
            if one.name == NO_GROUP {
                format!("No one here is named in a {}", group_label(g.kind))
            } else {
                format!(
                    "Everyone here is in {} {}",
                    group_label(g.kind),
                    escape_md(&one.name)
                )
            },
            if a.window.in_progress() { "on" } else { "at" },
            a.window.last_day_phrase(),
            other_kinds(g),
        );
        moves(md, g);
        return;
    }
    let _ = writeln!(
        md,
        "## Groups\n\nBy {} {} {}, the largest median change first{}. Medians of the people in each group; a target column counts the people meeting it of those judged.\n",
        group_label(g.kind),
        if a.window.in_progress() { "on" } else { "at" },
        a.window.last_day_phrase(),
        other_kinds(g),
    );
    table(md, a, g);
    let small: Vec<String> = g
        .rows
        .iter()
        .filter(|r| r.descriptive_only)
        .map(|r| escape_md(&r.name))
        .collect();
    if !small.is_empty() {
        let _ = writeln!(
            md,
            "Fewer than {} people: {}; figures only, never findings.\n",
            crate::analysis::groups::MIN_PEOPLE,
            small.join(", ")
        );
    }
    moves(md, g);
}

/// ", by team; --group-by region or manager compares otherwise", or nothing.
fn other_kinds(g: &Groups) -> String {
    let others: Vec<String> = g
        .kinds
        .iter()
        .filter(|k| **k != g.kind)
        .map(|k| group_label(k))
        .collect();
    match others.as_slice() {
        [] => String::new(),
        list => format!(" (`--group-by` {} compares otherwise)", list.join(" or ")),
    }
}

fn table(md: &mut String, a: &Analysis, g: &Groups) {
    let targets: Vec<&str> = g
        .rows
        .first()
        .map(|r| r.targets.iter().map(|t| t.label.as_str()).collect())
        .unwrap_or_default();
    let _ = write!(
        md,
        "| {} | Members | Median SSI | Median change |",
        heading(g.kind)
    );
    for c in Component::ALL {
        let _ = write!(md, " {} |", c.short_label());
    }
    md.push_str(" Weakest |");
    for t in &targets {
        let _ = write!(md, " {} |", escape_md(t));
    }
    md.push_str(" Alerts |\n|---|---:|---:|---:|");
    md.push_str(&"---:|".repeat(Component::ALL.len()));
    md.push_str("---|");
    md.push_str(&"---:|".repeat(targets.len()));
    md.push_str("---:|\n");
    let dash = || "—".to_string();
    for r in &g.rows {
        let _ = write!(
            md,
            "| {} | {} | {} | {} |",
            escape_md(&r.name),
            r.people,
            ssi_value(r.median_ssi, a.ssi_decimals),
            ssi_change(r.median_change, a.ssi_decimals),
        );
        for v in r.components {
            let _ = write!(md, " {} |", v.map_or_else(dash, |v| fixed(v, 2)));
        }
        let _ = write!(
            md,
            " {} |",
            r.weakest.map_or_else(dash, |c| c.short_label().to_string())
        );
        for label in &targets {
            let cell = r
                .targets
                .iter()
                .find(|t| t.label == *label)
                .filter(|t| t.known > 0)
                .map_or_else(dash, |t| format!("{} of {}", t.met, t.known));
            let _ = write!(md, " {cell} |");
        }
        let _ = writeln!(md, " {} |", r.alerts);
    }
    md.push('\n');
}

/// How the roster joined the data, for the data-quality section: roster names with no data and people
/// with data the roster does not name.
pub fn roster_join(md: &mut String, a: &Analysis) {
    let Some(g) = a.groups.as_ref().filter(|g| g.roster) else {
        return;
    };
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| escape_md(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        md,
        "Roster: names are joined to the data with case, accents and spaces set aside.{}{}\n",
        if g.roster_only.is_empty() {
            String::new()
        } else {
            format!(" In the roster with no data: {}.", list(&g.roster_only))
        },
        if g.not_in_roster.is_empty() {
            " Everyone with data is in the roster.".to_string()
        } else {
            format!(
                " With data but not in the roster ({}): {}.",
                NO_GROUP_WORDS,
                list(&g.not_in_roster)
            )
        }
    );
    roster_conflicts(md, g);
}

/// Roster rows naming a person in a second group, for the data-quality section.
fn roster_conflicts(md: &mut String, g: &Groups) {
    if g.roster_conflicts.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "Roster rows naming a person in two groups: {}.\n",
        g.roster_conflicts
            .iter()
            .map(|c| escape_md(c))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

/// Where people missing from the roster are counted.
const NO_GROUP_WORDS: &str = "counted under (no group) unless their rows name one";

/// The moves between groups up to the month's end.
fn moves(md: &mut String, g: &Groups) {
    if g.moves.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "{} between {}s; each report counts a person in the group they were in at the month's end:\n",
        plural(g.moves.len(), "move", "moves"),
        group_label(g.kind)
    );
    for m in &g.moves {
        let _ = writeln!(
            md,
            "- **{}**: from {} to {} on {}",
            escape_md(&m.person),
            escape_md(&m.from),
            escape_md(&m.to),
            m.date.format("%-d %B %Y")
        );
    }
    md.push('\n');
}

/// Whether each expected link's effect differs between the groups, in words, for the statistics
/// appendix; said only for links the groups have enough people and intervals to test.
pub fn differences(md: &mut String, a: &Analysis) {
    let Some(g) = a.groups.as_ref().filter(|g| g.only_one().is_none()) else {
        return;
    };
    let kinds = format!("{}s", group_label(g.kind));
    md.push_str("**Do the groups differ?** ");
    let tests = &a.linkage.group_differences;
    if tests.is_empty() {
        let _ = writeln!(
            md,
            "Not tested: comparing an activity's effect between {kinds} needs at least two {kinds} of {} people and {} intervals each.\n",
            crate::analysis::groups::MIN_PEOPLE,
            crate::analysis::interaction::MIN_INTERVALS
        );
        return;
    }
    let _ = writeln!(
        md,
        "For each expected link, its slope in each of the {kinds} with at least {} people and {} intervals, each person compared with themselves, and a Wald F-test that the slopes are equal (errors as in the models; q adjusts together with the linkage's tests).\n",
        crate::analysis::groups::MIN_PEOPLE,
        crate::analysis::interaction::MIN_INTERVALS
    );
    for d in tests {
        let word = crate::analysis::findings::component_word(d.component);
        let q = d.q_value.unwrap_or(1.0);
        let stats = format!(
            "F = {} on {} and {} df, {}; n = {} intervals, {} people",
            fixed(d.f, 2),
            fixed(d.df.0, 0),
            fixed(d.df.1, 0),
            crate::analysis::words::p_text("q", q),
            d.n,
            d.people
        );
        let slopes: Vec<String> = d
            .groups
            .iter()
            .zip(&d.slopes)
            .map(|(g, s)| format!("{} {}", escape_md(g), crate::analysis::words::signed(*s)))
            .collect();
        let verdict = if q < a.settings.alpha {
            format!("differs between {kinds}")
        } else {
            format!("shows no clear difference between {kinds}")
        };
        let _ = writeln!(
            md,
            "- {} and {word}: the effect {verdict} ({stats}); {word} points a week per extra {} a week: {}.",
            crate::model::schema::metric_label(&d.metric),
            crate::model::schema::metric_unit(&d.metric),
            slopes.join(", ")
        );
    }
    md.push('\n');
}
