//! The long layout: each row gives one metric's value for a person and date (under a section column, the
//! same labels name the industry's or network's values). Rows are grouped by (person, date) into one
//! snapshot and one activity row. A row is rejected when its metric is unknown, its value is not a number,
//! it repeats a metric of its group with another value, or its group fails validation (then every row of
//! the group is rejected with the reason).

use super::columns::LongColumns;
use super::findings::{RowTally, SheetFindings, SheetRows, SkipReason};
use super::planned::{PlannedSheet, Refusal};
use super::ranks;
use super::sink::{Candidate, Problem, RowSink, Slot};
use crate::ingest::grid::Cell;
use crate::ingest::headers::{self, Canonical};
use crate::ingest::values::{self, Number};
use crate::model::quality::TableKind;
use crate::model::records::RowOrigin;
use crate::model::schema::{SsiColumn, SsiValues};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One parsed row, waiting for its (person, date) group.
struct Entry {
    line: u32,
    target: Canonical,
    number: Number,
    raw: String,
}

/// The rows of each (person, date), in person then date order.
type Groups = BTreeMap<(String, NaiveDate), Vec<Entry>>;

/// Reads the data rows of a long table.
pub(super) fn read(
    table: &PlannedSheet<'_>,
    long: LongColumns,
    mut sink: RowSink,
) -> (SheetFindings, SheetRows) {
    let groups = gather(table, long, &mut sink);
    let grouped = Grouped {
        table,
        long,
        fractions: fraction_ranks(&groups),
        metrics: metrics_of(&groups),
    };
    sink.log_metrics(&grouped.metrics);
    for (key, entries) in groups {
        grouped.settle(&mut sink, key, &entries);
    }
    let (findings, rows) = sink.finish();
    let kind = match (!rows.ssi.is_empty(), rows.activity.is_some()) {
        (true, true) => TableKind::SsiAndActivity,
        (false, true) => TableKind::Activity,
        _ => TableKind::Ssi,
    };
    (SheetFindings { kind, ..findings }, rows)
}

/// Reads every data row into its (person, date) group, listing the rows refused.
fn gather(table: &PlannedSheet<'_>, long: LongColumns, sink: &mut RowSink) -> Groups {
    let mut groups = Groups::new();
    for (line, class) in table.rows.classified() {
        let Some(cells) = sink.admit(line, class) else {
            continue;
        };
        match entry(table, long, line, cells) {
            Ok((key, entry)) => groups.entry(key).or_default().push(entry),
            Err(refusal) => sink.refuse(line, cells, refusal),
        }
    }
    groups
}

/// One data row's person, date, metric and value.
fn entry(
    table: &PlannedSheet<'_>,
    long: LongColumns,
    line: u32,
    cells: &[Cell],
) -> Result<((String, NaiveDate), Entry), Refusal> {
    let date = table.row_date(cells)?;
    let person = table.row_person(cells, date)?;
    let cell = |c: usize| cells.get(c).unwrap_or(&Cell::Empty);
    let target = target(table, long, cells)?;
    let refuse = |reason: String| Refusal::Reject {
        col: long.value,
        reason,
    };
    let number =
        match values::parse_number_cell_with(cell(long.value), table.conventions.decimal_comma) {
            Ok(Some(n)) => n,
            Ok(None) => return Err(refuse("no value".into())),
            Err(reason) => return Err(refuse(reason)),
        };
    let entry = Entry {
        line,
        target,
        number,
        raw: cell(long.value).as_label(),
    };
    Ok(((person, date), entry))
}

/// What a row's metric names: an SSI value (the peers' under a peer section) or an activity metric. A
/// metric known to carry nothing is skipped; an unknown one is rejected.
fn target(
    table: &PlannedSheet<'_>,
    long: LongColumns,
    cells: &[Cell],
) -> Result<Canonical, Refusal> {
    let headers = table.ctx.headers;
    let label = |c: usize| cells.get(c).map(Cell::as_label).unwrap_or_default();
    let name = label(long.metric);
    // Under a peer section, the same labels name the peers' values, never the person's own.
    let peers = long
        .section
        .and_then(|c| headers::section_peers(&label(c), headers));
    match headers.lookup(&name) {
        Some(t @ (Canonical::Ssi(_) | Canonical::Metric(_) | Canonical::Custom(_))) => {
            Ok(headers::under_section(t, peers))
        }
        Some(Canonical::Ignore) => Err(Refusal::Skip {
            col: Some(long.metric),
            raw: name,
            reason: SkipReason::Ignored,
        }),
        _ => Err(Refusal::Reject {
            col: long.metric,
            reason: format!(
                "unknown metric '{name}'; map it with --column \"{name}=NAME\" or in ssi-pulse.toml"
            ),
        }),
    }
}

/// The rank columns whose plain values are all fractions.
fn fraction_ranks(groups: &Groups) -> Vec<SsiColumn> {
    [SsiColumn::IndustryRankPct, SsiColumn::NetworkRankPct]
        .into_iter()
        .filter(|column| {
            let target = Canonical::Ssi(*column);
            let numbers = groups.values().flatten().filter(|e| e.target == target);
            ranks::written_as_fractions(numbers.map(|e| e.number))
        })
        .collect()
}

/// The activity metrics the rows name, in order of first appearance.
fn metrics_of(groups: &Groups) -> Vec<String> {
    let mut metrics: Vec<String> = Vec::new();
    for name in groups
        .values()
        .flatten()
        .filter_map(|e| metric_of(&e.target))
    {
        if !metrics.contains(&name) {
            metrics.push(name);
        }
    }
    metrics
}

/// The activity metric a target names, if it is one.
fn metric_of(target: &Canonical) -> Option<String> {
    match target {
        Canonical::Metric(m) => Some(m.to_string()),
        Canonical::Custom(m) => Some(m.clone()),
        _ => None,
    }
}

/// What the groups of a long table are settled with.
struct Grouped<'a> {
    table: &'a PlannedSheet<'a>,
    long: LongColumns,
    /// The rank columns written as fractions.
    fractions: Vec<SsiColumn>,
    /// The table's activity metrics.
    metrics: Vec<String>,
}

impl Grouped<'_> {
    /// Validates one (person, date) group and emits it, or rejects each of its rows with the reason.
    fn settle(&self, sink: &mut RowSink, (person, date): (String, NaiveDate), entries: &[Entry]) {
        let mut row = Candidate {
            label: format!("{person} on {date}"),
            person,
            date,
            ssi: SsiValues::default(),
            activity: vec![None; self.metrics.len()],
            origin: RowOrigin {
                source: self.table.ctx.source,
                row: entries.first().map_or(0, |e| e.line),
            },
            also: entries.iter().skip(1).map(|e| e.line).collect(),
            groups: Vec::new(),
        };
        let checked = match self.fill(&mut row, entries) {
            Some(conflict) => Err(conflict),
            // The metrics are checked from the last, so a group names the last one that breaks a rule.
            None => sink
                .validate(&mut row, (0..self.metrics.len()).rev())
                .map_err(Problem::reason),
        };
        if let Err(reason) = checked {
            for e in entries {
                sink.reject(e.line, self.long.value, e.raw.clone(), reason.clone());
            }
            return;
        }
        let snapshots = entries
            .iter()
            .filter(|e| matches!(e.target, Canonical::Ssi(_)))
            .count();
        let tally = RowTally {
            used: entries.len(),
            snapshots,
            activity: entries.len() - snapshots,
        };
        sink.emit(row, tally);
    }

    /// Puts each row's value in its column; a value given twice differently is a conflict (the last one
    /// found is named).
    fn fill(&self, row: &mut Candidate, entries: &[Entry]) -> Option<String> {
        let mut conflict = None;
        for e in entries {
            let (slot, value) = match &e.target {
                Canonical::Ssi(column) => {
                    let fractions = self.fractions.contains(column);
                    (Slot::Ssi(*column), ranks::as_read(e.number, fractions))
                }
                other => {
                    let metric =
                        metric_of(other).and_then(|m| self.metrics.iter().position(|x| *x == m));
                    match metric {
                        Some(i) => (Slot::Metric(i), e.number.value),
                        None => continue,
                    }
                }
            };
            match row.get(slot) {
                Some(previous) if previous != value => {
                    conflict = Some(format!(
                        "{} is given twice for {} on {} ({previous} and {value})",
                        e.target.name().unwrap_or_default(),
                        row.person,
                        row.date
                    ));
                }
                _ => row.set(slot, Some(value)),
            }
        }
        conflict
    }
}
