//! Teams inside the team: each person's group at the month's end (the latest row naming it on or before
//! that day, else a roster), the moves between groups, how the roster and the data join, and per group
//! the descriptive figures of the report's Groups section. docs/analysis.md states the rules.

use super::alerts::{Alert, TargetCheck};
use super::stats::median;
use super::team::{target_shares, TargetShare};
use super::PersonMonth;
use crate::model::collate::{name_key, names};
use crate::model::records::Membership;
use crate::model::schema::{self, Component, SsiColumn};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The group of people whose rows and roster name none.
pub const NO_GROUP: &str = "(no group)";

/// Groups with fewer people than this get descriptive figures only, never findings.
pub const MIN_PEOPLE: usize = 5;

/// A person's move from one group to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The person, as the data name them.
    pub person: String,
    /// The group before.
    pub from: String,
    /// The group after.
    pub to: String,
    /// The first row naming the new group.
    pub date: NaiveDate,
}

/// One group's figures at the month's end.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's name (`NO_GROUP` for people without one).
    pub name: String,
    /// People in it at the month's end.
    pub people: usize,
    /// Their median month-end SSI.
    pub median_ssi: Option<f64>,
    /// The median of their SSI changes since the previous month's end.
    pub median_change: Option<f64>,
    /// The median of each component, in LinkedIn's order.
    pub components: [Option<f64>; 4],
    /// The lowest median component (all four known).
    pub weakest: Option<Component>,
    /// Share of the group meeting each target.
    pub targets: Vec<TargetShare>,
    /// Alerts raised for its people.
    pub alerts: usize,
    /// True when the group is too small for findings (`MIN_PEOPLE`).
    pub descriptive_only: bool,
}

/// The groups of a team report.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// The kind of group the report is by (`schema::GROUP_KINDS`).
    pub kind: &'static str,
    /// Every kind of group the inputs name, in `GROUP_KINDS` order.
    pub kinds: Vec<&'static str>,
    /// Each person's group at the month's end (same order as `Analysis::people`).
    pub of_person: Vec<String>,
    /// The groups, largest median change first (then by name).
    pub rows: Vec<GroupRow>,
    /// Moves between groups up to the month's end, by date then person.
    pub moves: Vec<Move>,
    /// True when a roster (a table of people and groups without dates) was read.
    pub roster: bool,
    /// Names in the roster with no data, as the roster writes them.
    pub roster_only: Vec<String>,
    /// People with data whom the roster does not name (only when a roster was read).
    pub not_in_roster: Vec<String>,
    /// People a roster names in two groups: "Ann Lee: North, then South (the first is used)".
    pub roster_conflicts: Vec<String>,
}

impl Groups {
    /// The one group everyone is in at the month's end (a `--each group` report), or `None` when there
    /// are several.
    pub fn only_one(&self) -> Option<&GroupRow> {
        match self.rows.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// Why the groups asked for cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GroupError {
    /// `--group-by` names a kind no input has.
    #[error("grouping by {asked}: no {label} column or roster was found{found}")]
    NotFound {
        /// As asked.
        asked: String,
        /// The kind in plain words.
        label: String,
        /// ", only: team, manager", or empty.
        found: String,
    },
    /// `--group-by` names no kind of group at all.
    #[error("'{0}' is not a kind of group; use one of {1}")]
    Unknown(String, String),
}

/// The kind `--group-by` asks for by its canonical name ("team", "business_unit" or "business unit");
/// the command line reads other spellings ("Região") through the header table first.
pub fn parse_kind(asked: &str) -> Result<&'static str, GroupError> {
    let key = name_key(asked);
    schema::GROUP_KINDS
        .iter()
        .find(|k| name_key(k) == key)
        .copied()
        .ok_or_else(|| GroupError::Unknown(asked.to_string(), schema::GROUP_KINDS.join(", ")))
}

/// The kinds of group the memberships name, in `GROUP_KINDS` order.
pub fn kinds(memberships: &[Membership]) -> Vec<&'static str> {
    schema::GROUP_KINDS
        .iter()
        .filter(|k| memberships.iter().any(|m| m.kind == **k))
        .copied()
        .collect()
}

/// The kind of group asked for, checked against the kinds the memberships name, else the first of those
/// (`None` when they name none).
pub fn chosen_kind(
    memberships: &[Membership],
    asked: Option<&str>,
) -> Result<Option<&'static str>, GroupError> {
    let found = kinds(memberships);
    let Some(asked) = asked else {
        return Ok(found.first().copied());
    };
    let kind = parse_kind(asked)?;
    if found.contains(&kind) {
        return Ok(Some(kind));
    }
    Err(GroupError::NotFound {
        asked: asked.to_string(),
        label: schema::group_label(kind),
        found: if found.is_empty() {
            String::new()
        } else {
            format!(", only: {}", found.join(", "))
        },
    })
}

/// The groups of a team report at `end` (the month's last day), by `asked` or the first kind found;
/// `None` for one person or when no input names a group. `report_group`: the group a report of one group
/// is about, whose moves in and out it lists.
pub fn groups(
    people: &[PersonMonth],
    checks: &[&[TargetCheck]],
    alerts: &[&[Alert]],
    memberships: &[Membership],
    asked: Option<&str>,
    end: NaiveDate,
    report_group: Option<&str>,
) -> Result<Option<Groups>, GroupError> {
    let found = kinds(memberships);
    let Some(kind) = chosen_kind(memberships, asked)? else {
        return Ok(None);
    };
    if people.len() < 2 {
        return Ok(None);
    }
    let (of_person, moves) = assign(people, memberships, kind, end, report_group);
    let (roster_only, not_in_roster) = roster_join(people, memberships, kind);
    let roster_conflicts = roster_conflicts(memberships, kind);
    let is_roster = memberships.iter().any(|m| m.date.is_none());
    // Each group's members in one pass (10,000 groups of 100,000 people must not cost a pass each).
    let mut members_of: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, name) in of_person.iter().enumerate() {
        members_of.entry(name.as_str()).or_default().push(i);
    }
    let mut members_of: Vec<(&str, Vec<usize>)> = members_of.into_iter().collect();
    members_of.sort_by(|a, b| names(a.0, b.0));
    let mut rows: Vec<GroupRow> = members_of
        .iter()
        .map(|(name, members)| row(name, members, people, checks, alerts))
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &GroupRow| r.median_change.unwrap_or(f64::NEG_INFINITY);
        key(b)
            .total_cmp(&key(a))
            .then_with(|| (a.name == NO_GROUP).cmp(&(b.name == NO_GROUP)))
            .then_with(|| names(&a.name, &b.name))
    });
    Ok(Some(Groups {
        kind,
        kinds: found,
        of_person,
        rows,
        moves,
        roster: is_roster,
        roster_only,
        not_in_roster,
        roster_conflicts,
    }))
}

/// Each person's group of `kind` at `end` (same order as `people`) and the moves between groups: the
/// moves of `people`, or in the report of one group (`report_group`), every move into or out of it
/// (`memberships` then hold the rows of the people who left it too).
fn assign(
    people: &[PersonMonth],
    memberships: &[Membership],
    kind: &str,
    end: NaiveDate,
    report_group: Option<&str>,
) -> (Vec<String>, Vec<Move>) {
    let of_kind: Vec<&Membership> = memberships.iter().filter(|m| m.kind == kind).collect();
    // A roster naming a person twice: the first row counts (`roster_conflicts` lists the others).
    let mut roster: BTreeMap<String, &Membership> = BTreeMap::new();
    for m in of_kind.iter().filter(|m| m.date.is_none()) {
        roster.entry(name_key(&m.person)).or_insert(m);
    }
    let dated = dated_rows(&of_kind, end);
    let of_person: Vec<String> = people
        .iter()
        .map(|p| {
            let key = name_key(&p.name);
            match dated.get(&key).and_then(|rows| rows.last()) {
                Some(m) => m.group.clone(),
                None => roster
                    .get(&key)
                    .map_or(NO_GROUP.to_string(), |m| m.group.clone()),
            }
        })
        .collect();
    let shown: BTreeMap<String, &str> = people
        .iter()
        .map(|p| (name_key(&p.name), p.name.as_str()))
        .collect();
    let mut moves = Vec::new();
    for (key, rows) in &dated {
        for pair in rows.windows(2) {
            let (from, to) = (&pair[0].group, &pair[1].group);
            let counted = match report_group {
                Some(g) => from != to && (from == g || to == g),
                None => from != to && shown.contains_key(key),
            };
            if counted {
                moves.push(Move {
                    person: shown
                        .get(key)
                        .map_or(pair[1].person.clone(), |n| n.to_string()),
                    from: from.clone(),
                    to: to.clone(),
                    date: pair[1].date.unwrap_or(end),
                });
            }
        }
    }
    moves.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| names(&a.person, &b.person))
    });
    (of_person, moves)
}

/// Each person's dated rows naming a group on or before `end`, in date order, one per date (the last row
/// of a date stands for it, so rows of one date naming two groups make no moves back and forth).
fn dated_rows<'a>(
    of_kind: &[&'a Membership],
    end: NaiveDate,
) -> BTreeMap<String, Vec<&'a Membership>> {
    let mut dated: BTreeMap<String, Vec<&Membership>> = BTreeMap::new();
    for m in of_kind.iter().filter(|m| m.date.is_some_and(|d| d <= end)) {
        dated.entry(name_key(&m.person)).or_default().push(m);
    }
    for rows in dated.values_mut() {
        rows.sort_by_key(|m| (m.date, m.origin));
        let mut kept: Vec<&Membership> = Vec::new();
        for m in rows.iter() {
            match kept.last_mut() {
                Some(last) if last.date == m.date => *last = m,
                _ => kept.push(m),
            }
        }
        *rows = kept;
    }
    dated
}

/// A person's group of `kind` at `end` (`None`: their latest), by the rule `assign` applies: their latest
/// row naming one on or before that day, else the roster's first row for them, else `NO_GROUP`. To place
/// many people, build a `Placement` once.
pub fn group_at(
    memberships: &[Membership],
    kind: &str,
    person: &str,
    end: Option<NaiveDate>,
) -> String {
    Placement::new(memberships, kind).group_at(person, end)
}

/// The rows of one kind of group by person (their joining key), in the order read: places each of
/// 100,000 people with one lookup rather than a pass over every row.
pub struct Placement<'a> {
    of_person: std::collections::HashMap<String, Vec<&'a Membership>>,
}

impl<'a> Placement<'a> {
    /// The rows of `kind`, by person.
    pub fn new(memberships: &'a [Membership], kind: &str) -> Self {
        let mut of_person: std::collections::HashMap<String, Vec<&Membership>> =
            std::collections::HashMap::new();
        for m in memberships.iter().filter(|m| m.kind == kind) {
            of_person.entry(name_key(&m.person)).or_default().push(m);
        }
        Self { of_person }
    }

    /// `person`'s group at `end`, as `group_at` says.
    pub fn group_at(&self, person: &str, end: Option<NaiveDate>) -> String {
        let Some(mine) = self.of_person.get(&name_key(person)) else {
            return NO_GROUP.to_string();
        };
        let dated = mine
            .iter()
            .filter(|m| m.date.is_some_and(|d| end.is_none_or(|end| d <= end)))
            .max_by_key(|m| (m.date, m.origin));
        dated
            .or_else(|| mine.iter().find(|m| m.date.is_none()))
            .map_or(NO_GROUP.to_string(), |m| m.group.clone())
    }
}

/// People a roster names in more than one group of `kind`, with the groups in row order.
fn roster_conflicts(memberships: &[Membership], kind: &str) -> Vec<String> {
    let mut by_person: BTreeMap<String, (String, Vec<&str>)> = BTreeMap::new();
    for m in memberships
        .iter()
        .filter(|m| m.date.is_none() && m.kind == kind)
    {
        let entry = by_person
            .entry(name_key(&m.person))
            .or_insert_with(|| (m.person.clone(), Vec::new()));
        if !entry.1.contains(&m.group.as_str()) {
            entry.1.push(&m.group);
        }
    }
    let mut out: Vec<String> = by_person
        .into_values()
        .filter(|(_, groups)| groups.len() > 1)
        .map(|(name, groups)| format!("{name}: {} (the first is used)", groups.join(", then ")))
        .collect();
    out.sort_by(|a, b| names(a, b));
    out
}

/// How a roster joined the data: its names of `kind` that match nobody with data, and the people with
/// data it does not name (empty without a roster).
fn roster_join(
    people: &[PersonMonth],
    memberships: &[Membership],
    kind: &str,
) -> (Vec<String>, Vec<String>) {
    let data_keys: BTreeSet<String> = people.iter().map(|p| name_key(&p.name)).collect();
    let mut roster_only: Vec<String> = memberships
        .iter()
        .filter(|m| m.date.is_none() && m.kind == kind)
        .filter(|m| !data_keys.contains(&name_key(&m.person)))
        .map(|m| m.person.clone())
        .collect();
    roster_only.sort_by(|a, b| names(a, b));
    roster_only.dedup_by(|a, b| name_key(a) == name_key(b));
    let listed: BTreeSet<String> = memberships
        .iter()
        .filter(|m| m.date.is_none())
        .map(|m| name_key(&m.person))
        .collect();
    let mut not_in_roster: Vec<String> = if listed.is_empty() {
        Vec::new()
    } else {
        people
            .iter()
            .filter(|p| !listed.contains(&name_key(&p.name)))
            .map(|p| p.name.clone())
            .collect()
    };
    not_in_roster.sort_by(|a, b| names(a, b));
    (roster_only, not_in_roster)
}

/// Each person's group at `end` (people outside every group and people who moved left out), for the
/// tests that need it before the verdicts are made; empty when the report has no groups.
pub fn group_of(
    people: &[PersonMonth],
    memberships: &[Membership],
    asked: Option<&str>,
    end: NaiveDate,
) -> Result<BTreeMap<String, String>, GroupError> {
    let none: Vec<&[TargetCheck]> = vec![&[]; people.len()];
    let no_alerts: Vec<&[Alert]> = vec![&[]; people.len()];
    // A person who moved takes no part: their earlier intervals belong to another group.
    Ok(
        groups(people, &none, &no_alerts, memberships, asked, end, None)?
            .map(|g| {
                let moved: BTreeSet<&str> = g.moves.iter().map(|m| m.person.as_str()).collect();
                people
                    .iter()
                    .zip(&g.of_person)
                    .filter(|(p, group)| *group != NO_GROUP && !moved.contains(p.name.as_str()))
                    .map(|(p, group)| (p.name.clone(), group.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// One group's figures from its members (indexes into `people`).
fn row(
    name: &str,
    members: &[usize],
    people: &[PersonMonth],
    checks: &[&[TargetCheck]],
    alerts: &[&[Alert]],
) -> GroupRow {
    let of = |f: &dyn Fn(&PersonMonth) -> Option<f64>| -> Option<f64> {
        let values: Vec<Option<f64>> = members.iter().map(|i| f(&people[*i])).collect();
        median(&values)
    };
    let components = Component::ALL.map(|c| of(&|p: &PersonMonth| p.month_end.component(c)));
    let weakest = components
        .iter()
        .all(Option::is_some)
        .then(|| {
            Component::ALL
                .into_iter()
                .zip(components)
                .min_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)))
                .map(|(c, _)| c)
        })
        .flatten();
    GroupRow {
        name: name.to_string(),
        people: members.len(),
        median_ssi: of(&|p: &PersonMonth| p.month_end.get(SsiColumn::Ssi)),
        median_change: of(&|p: &PersonMonth| p.change(SsiColumn::Ssi)),
        components,
        weakest,
        targets: target_shares(members.iter().map(|i| checks[*i])),
        alerts: members.iter().map(|i| alerts[*i].len()).sum(),
        descriptive_only: members.len() < MIN_PEOPLE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::RowOrigin;

    fn member(person: &str, date: Option<&str>, group: &str, row: u32) -> Membership {
        Membership {
            person: person.into(),
            date: date.map(|d| d.parse().unwrap()),
            kind: "team",
            group: group.into(),
            origin: RowOrigin { source: 0, row },
        }
    }

    #[test]
    fn a_persons_group_at_a_day_is_their_latest_row_on_or_before_it_else_the_rosters() {
        let rows = [
            member("Eve", Some("2025-09-29"), "East", 2),
            member("Eve", Some("2025-10-27"), "West", 3),
            member("EVE", None, "North", 9),
            member("Fay", None, "South", 10),
            member("Fay", None, "North", 11),
        ];
        let at = |person: &str, end: Option<&str>| {
            group_at(&rows, "team", person, end.map(|d| d.parse().unwrap()))
        };
        assert_eq!(at("Eve", Some("2025-09-30")), "East");
        assert_eq!(at("Eve", Some("2025-10-31")), "West");
        assert_eq!(at("Eve", None), "West");
        // Before any dated row: the roster, whose name joins case aside.
        assert_eq!(at("Eve", Some("2025-09-01")), "North");
        // A roster naming a person twice: the first row.
        assert_eq!(at("Fay", None), "South");
        assert_eq!(at("Gus", None), NO_GROUP);
        assert_eq!(group_at(&rows, "region", "Eve", None), NO_GROUP);
    }
}
