//! Settles rows that give the same person and date twice. Rows that agree in every value are merged: the
//! first is used and the others are skipped as duplicates. Rows that disagree are all rejected as a
//! conflict, since there is no telling which is right. A row is judged whole: its snapshot and the activity
//! logged in it. Activity-only rows are compared within their own source (the same metric from two
//! different tables is settled later, when the tables are merged).
//!
//! The stages: find the groups, judge each, withdraw the rows not used from their sources' counts, then
//! apply the merges and removals to the rows.

use super::sources::Ingested;
use super::table::{Withdrawal, Withdrawn};
use crate::model::records::{ActivityTable, RowOrigin};
use crate::model::schema::SsiValues;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// An activity row's values that are given, by metric.
type Logged = Vec<(String, f64)>;

/// Settles the rows of `out` that give the same person and date twice (see the module documentation).
pub fn settle_duplicates(out: &mut Ingested) {
    let groups = find_groups(out);
    if groups.is_empty() {
        return;
    }
    let mut settled = Settled::default();
    for group in &groups {
        let verdict = judge(group);
        withdraw(out, group, &verdict);
        settled.note(group, &verdict);
    }
    settled.apply(out);
}

/// Which rows may repeat each other: snapshots across all sources, activity-only rows within their source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    /// SSI snapshots, wherever they come from.
    Snapshots,
    /// Rows of activity without a snapshot, from the source with this index.
    ActivityIn(usize),
}

/// Where a row sits in what was read. Snapshots sort before activity rows, each list in input order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RowRef {
    /// `Ingested::ssi[i]`.
    Snapshot(usize),
    /// A row of one of `Ingested::activity`.
    Activity {
        /// The table's index.
        table: usize,
        /// The row's index in the table.
        row: usize,
    },
}

/// What makes rows one group: the scope they are compared in, the person and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey<'a> {
    scope: Scope,
    person: &'a str,
    date: NaiveDate,
}

/// One row of a group, with what it gives.
struct Member {
    origin: RowOrigin,
    /// The snapshot, for a snapshot row.
    snapshot: Option<SsiValues>,
    /// The activity logged on the row's line, when it is in an activity table.
    activity: Option<Logged>,
    /// Other input lines folded into this row (long layouts).
    also: Vec<u32>,
}

/// Two or more rows for the same person and date, in input order (snapshots first).
struct Group {
    person: String,
    date: NaiveDate,
    members: Vec<Member>,
}

/// Every group of two or more rows, ordered by scope, person and date. Found by sorting references.
fn find_groups(out: &Ingested) -> Vec<Group> {
    let snapshot_origins: HashSet<RowOrigin> = out.ssi.iter().map(|r| r.origin).collect();
    let mut keys: Vec<(GroupKey<'_>, RowRef)> = out
        .ssi
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let key = GroupKey {
                scope: Scope::Snapshots,
                person: &r.person,
                date: r.date,
            };
            (key, RowRef::Snapshot(i))
        })
        .collect();
    for (t, table) in out.activity.iter().enumerate() {
        let activity_only = table.rows.iter().enumerate();
        keys.extend(
            activity_only
                .filter(|(_, r)| !snapshot_origins.contains(&r.origin))
                .map(|(i, r)| {
                    let key = GroupKey {
                        scope: Scope::ActivityIn(r.origin.source),
                        person: &r.person,
                        date: r.date,
                    };
                    (key, RowRef::Activity { table: t, row: i })
                }),
        );
    }
    keys.sort_unstable();
    let runs: Vec<&[(GroupKey<'_>, RowRef)]> = keys
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() >= 2)
        .collect();
    if runs.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<RowOrigin> = runs
        .iter()
        .flat_map(|run| run.iter())
        .map(|(_, r)| origin_of(out, *r))
        .collect();
    let logged = logged_by_origin(&out.activity, &wanted);
    runs.iter()
        .map(|run| Group {
            person: run[0].0.person.to_string(),
            date: run[0].0.date,
            members: run.iter().map(|(_, r)| member(out, *r, &logged)).collect(),
        })
        .collect()
}

fn origin_of(out: &Ingested, row: RowRef) -> RowOrigin {
    match row {
        RowRef::Snapshot(i) => out.ssi[i].origin,
        RowRef::Activity { table, row } => out.activity[table].rows[row].origin,
    }
}

fn member(out: &Ingested, row: RowRef, logged: &HashMap<RowOrigin, Logged>) -> Member {
    let (origin, snapshot, also) = match row {
        RowRef::Snapshot(i) => {
            let r = &out.ssi[i];
            (r.origin, Some(r.values), r.also.clone())
        }
        RowRef::Activity { table, row } => {
            let r = &out.activity[table].rows[row];
            (r.origin, None, r.also.clone())
        }
    };
    Member {
        origin,
        snapshot,
        activity: logged.get(&origin).cloned(),
        also,
    }
}

/// The activity values given on each wanted line, from every table that has a row for it.
fn logged_by_origin(
    tables: &[ActivityTable],
    wanted: &HashSet<RowOrigin>,
) -> HashMap<RowOrigin, Logged> {
    let mut logged: HashMap<RowOrigin, Logged> = HashMap::new();
    for table in tables {
        for row in table.rows.iter().filter(|r| wanted.contains(&r.origin)) {
            let entry = logged.entry(row.origin).or_default();
            for (m, v) in table.metrics.iter().zip(row.values.iter()) {
                if let Some(v) = v {
                    entry.push((m.clone(), v));
                }
            }
        }
    }
    logged
}

/// What becomes of a row of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// The first of rows that agree: used, with the values the others add.
    Kept,
    /// Agrees with the first and adds values it lacks: a snapshot is folded into the first, activity stays
    /// in its table to be merged with the rest.
    Folded,
    /// Agrees with the first and adds nothing: skipped as its duplicate.
    Duplicate,
    /// The group's rows disagree: rejected.
    Conflict,
}

/// A group judged: each member's fate, and the first row's snapshot with what the rows folded into it add.
struct Verdict {
    fates: Vec<Fate>,
    merged: Option<SsiValues>,
}

/// Rows agree when every value both give is the same; a value only one of them gives is no disagreement
/// (a tracker with activity columns and a scraper without them). An agreeing row that adds values the
/// first lacks is folded into it and stays used.
fn judge(group: &Group) -> Verdict {
    let members = &group.members;
    let first = &members[0];
    let agree = members
        .iter()
        .all(|m| snapshots_agree(first, m) && activity_agrees(first, m));
    if !agree {
        return Verdict {
            fates: vec![Fate::Conflict; members.len()],
            merged: None,
        };
    }
    let mut merged = first.snapshot;
    let mut fates = vec![Fate::Kept];
    for m in &members[1..] {
        if adds_snapshot_values(merged.as_ref(), m) || adds_activity(first, m) {
            if let (Some(x), Some(y)) = (merged.as_mut(), &m.snapshot) {
                x.fill_from(y);
            }
            fates.push(Fate::Folded);
        } else {
            fates.push(Fate::Duplicate);
        }
    }
    Verdict { fates, merged }
}

fn snapshots_agree(a: &Member, b: &Member) -> bool {
    match (&a.snapshot, &b.snapshot) {
        (Some(x), Some(y)) => x.agrees_with(y),
        _ => true,
    }
}

fn activity_agrees(a: &Member, b: &Member) -> bool {
    let (Some(x), Some(y)) = (&a.activity, &b.activity) else {
        return true;
    };
    x.iter()
        .all(|(m, v)| y.iter().all(|(n, w)| m != n || v == w))
}

/// Whether a row gives a snapshot value the merged snapshot lacks.
fn adds_snapshot_values(merged: Option<&SsiValues>, m: &Member) -> bool {
    match (merged, &m.snapshot) {
        (Some(x), Some(y)) => x.lacks_any_of(y),
        _ => false,
    }
}

/// Whether a row logs a metric the first row does not.
fn adds_activity(first: &Member, m: &Member) -> bool {
    match (&first.activity, &m.activity) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(x), Some(y)) => y.iter().any(|(n, _)| x.iter().all(|(m, _)| m != n)),
    }
}

/// Takes the rows a verdict does not use back from their sources' counts, listing each of their lines as a
/// duplicate (skipped) or a conflict (rejected).
fn withdraw(out: &mut Ingested, group: &Group, verdict: &Verdict) {
    let places: Vec<String> = group
        .members
        .iter()
        .map(|m| {
            out.sources[m.origin.source]
                .row_place(m.origin.row)
                .to_string()
        })
        .collect();
    for (k, (m, fate)) in group.members.iter().zip(&verdict.fates).enumerate() {
        let why = match fate {
            Fate::Kept | Fate::Folded => continue,
            Fate::Duplicate => Withdrawal::Duplicate(places[0].clone()),
            Fate::Conflict => {
                let others: Vec<&str> = places
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != k)
                    .map(|(_, p)| p.as_str())
                    .collect();
                Withdrawal::Conflict(format!(
                    "conflict: {} on {} is given differently in {}; none of these rows is used",
                    group.person,
                    group.date,
                    others.join(" and ")
                ))
            }
        };
        let source = &mut out.sources[m.origin.source];
        source.findings.withdraw(Withdrawn {
            sheet: source.sheet.as_deref(),
            lines: std::iter::once(m.origin.row)
                .chain(m.also.iter().copied())
                .collect(),
            snapshot: m.snapshot.is_some(),
            activity: m.activity.is_some(),
            why,
        });
    }
}

/// What the verdicts do to the rows: rows dropped (duplicates and conflicts), snapshots folded into an
/// earlier one (their activity stays used), and the merged values of the snapshots kept.
#[derive(Default)]
struct Settled {
    dropped: HashSet<RowOrigin>,
    folded: HashSet<RowOrigin>,
    merged: HashMap<RowOrigin, SsiValues>,
}

impl Settled {
    fn note(&mut self, group: &Group, verdict: &Verdict) {
        for (m, fate) in group.members.iter().zip(&verdict.fates) {
            match fate {
                Fate::Duplicate | Fate::Conflict => {
                    self.dropped.insert(m.origin);
                }
                Fate::Folded if m.snapshot.is_some() => {
                    self.folded.insert(m.origin);
                }
                Fate::Kept | Fate::Folded => {}
            }
        }
        if let Some(values) = verdict.merged {
            self.merged.insert(group.members[0].origin, values);
        }
    }

    fn apply(self, out: &mut Ingested) {
        for row in &mut out.ssi {
            if let Some(values) = self.merged.get(&row.origin) {
                row.values = *values;
            }
        }
        out.ssi
            .retain(|r| !self.dropped.contains(&r.origin) && !self.folded.contains(&r.origin));
        for table in &mut out.activity {
            table.rows.retain(|r| !self.dropped.contains(&r.origin));
        }
    }
}
