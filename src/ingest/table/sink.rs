//! The accounting sink both layouts hand their rows to. It counts each row read and skips blank and
//! summary rows, lists refused rows with their cell and reason, validates a row's values (activity
//! metrics, then the snapshot: peer values out of range dropped with a note, the valid ranges, the total)
//! and emits the rows that pass with their counts, people and dates.

use super::findings::{RowTally, SheetFindings, SheetRows};
use super::planned::Refusal;
use super::rows::RowClass;
use crate::ingest::grid::{Cell, Location, Sheet};
use crate::model::records::{ActivityRow, ActivityTable, Membership, RowOrigin, SsiRow};
use crate::model::schema::{SsiColumn, SsiValues};
use crate::model::validate;
use chrono::NaiveDate;

/// One row's values, read but not yet checked: a row of a wide layout, or the rows of a long layout that
/// give one person and date.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Candidate {
    /// Whose values they are.
    pub person: String,
    /// Their date.
    pub date: NaiveDate,
    /// The SSI values.
    pub ssi: SsiValues,
    /// One value per metric of the table.
    pub activity: Vec<Option<f64>>,
    /// Where the row comes from.
    pub origin: RowOrigin,
    /// Other input lines folded into the row.
    pub also: Vec<u32>,
    /// How notes name the row ("row 12", "Ann on 2025-10-06").
    pub label: String,
    /// The groups the row names: (kind, name).
    pub groups: Vec<(&'static str, String)>,
}

/// Where a value of a candidate row goes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Slot {
    /// An SSI column.
    Ssi(SsiColumn),
    /// The table's metric of this index.
    Metric(usize),
}

impl Candidate {
    /// The value in a slot.
    pub fn get(&self, slot: Slot) -> Option<f64> {
        match slot {
            Slot::Ssi(column) => self.ssi.get(column),
            Slot::Metric(i) => self.activity[i],
        }
    }

    /// Puts a value in a slot.
    pub fn set(&mut self, slot: Slot, value: Option<f64>) {
        match slot {
            Slot::Ssi(column) => self.ssi.set(column, value),
            Slot::Metric(i) => self.activity[i] = value,
        }
    }
}

impl Candidate {
    /// True when the row gives no value at all.
    pub(super) fn is_empty(&self) -> bool {
        self.ssi.is_empty() && self.activity.iter().all(Option::is_none)
    }
}

/// Which rule a candidate's values break.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Problem {
    /// The activity metric with this index.
    Activity {
        /// The metric's index in the table's metrics.
        metric: usize,
        /// What is wrong.
        reason: String,
    },
    /// An SSI value.
    Snapshot {
        /// The column at fault.
        column: SsiColumn,
        /// What is wrong.
        reason: String,
    },
    /// A snapshot without a total (and not all four components to add up).
    NoTotal(String),
}

impl Problem {
    /// What is wrong.
    pub(super) fn reason(self) -> String {
        match self {
            Problem::Activity { reason, .. }
            | Problem::Snapshot { reason, .. }
            | Problem::NoTotal(reason) => reason,
        }
    }
}

/// Collects what reading a sheet finds and the rows it gives.
pub(super) struct RowSink {
    findings: SheetFindings,
    rows: SheetRows,
    sheet: Option<String>,
    first_col: u32,
    metrics: Vec<String>,
}

impl RowSink {
    /// A sink for the rows of `sheet`, with the findings so far (header, columns, notes).
    pub(super) fn new(sheet: &Sheet, findings: SheetFindings) -> RowSink {
        RowSink {
            findings,
            rows: SheetRows::default(),
            sheet: sheet.name.clone(),
            first_col: sheet.grid.first_col,
            metrics: Vec::new(),
        }
    }

    /// The findings so far.
    pub(super) fn findings(&mut self) -> &mut SheetFindings {
        &mut self.findings
    }

    /// The activity metrics the table logs: rows with activity go to a table of these.
    pub(super) fn log_metrics(&mut self, metrics: &[String]) {
        self.metrics = metrics.to_vec();
        self.rows.activity = (!metrics.is_empty()).then(|| ActivityTable {
            until: None,
            metrics: metrics.to_vec(),
            rows: Vec::new(),
        });
    }

    /// Makes room at once for the rows a table can give at most (the wide layout: a snapshot per row
    /// with an SSI value, an activity row per row with a metric, a membership per group cell): a large
    /// table's rows are then held in the memory they need, rather than in vectors that double as they
    /// grow (up to twice it, and three times while one doubles). Call after `log_metrics`.
    pub(super) fn expect_rows(&mut self, room: Room) {
        self.rows.ssi.reserve_exact(room.snapshots);
        if let Some(table) = self.rows.activity.as_mut() {
            table.rows.reserve_exact(room.activity);
        }
        self.rows.memberships.reserve_exact(room.memberships);
    }

    /// A cell of a row (its column's header shown), or the whole row.
    pub(super) fn location(&self, line: u32, col: Option<usize>) -> Location {
        let header = col.and_then(|c| self.findings.columns.get(c).map(|m| m.header.clone()));
        Location {
            sheet: self.sheet.clone(),
            row: line,
            col: col.map(|c| self.first_col + c as u32),
            header,
        }
    }

    /// Counts a row as read: a blank or summary row is skipped, a data row's cells are returned.
    pub(super) fn admit<'c>(&mut self, line: u32, class: RowClass<'c>) -> Option<&'c [Cell]> {
        self.findings.rows_read += 1;
        match class {
            RowClass::Blank => self.findings.skip_blank(self.location(line, None)),
            RowClass::Summary(label) => {
                self.findings.skip_summary(self.location(line, None), label)
            }
            RowClass::Data(cells) => return Some(cells),
        }
        None
    }

    /// Lists a refused data row: rejected with the cell at fault as written, or skipped.
    pub(super) fn refuse(&mut self, line: u32, cells: &[Cell], refusal: Refusal) {
        match refusal {
            Refusal::Reject { col, reason } => {
                let raw = cells.get(col).map(Cell::as_label).unwrap_or_default();
                self.reject(line, col, raw, reason);
            }
            Refusal::Skip { col, raw, reason } => {
                let location = self.location(line, col);
                self.findings.skip(location, raw, reason);
            }
        }
    }

    /// Lists a rejected row with the cell at fault in `col` and its text.
    pub(super) fn reject(&mut self, line: u32, col: usize, raw: String, reason: String) {
        let location = self.location(line, Some(col));
        self.findings.reject(location, raw, reason);
    }

    /// Checks a candidate's values: the activity metrics in `metric_order` (the first to break its rule
    /// is the problem), then a snapshot's peer values (those out of range are dropped with a note), its
    /// ranges and its total.
    pub(super) fn validate(
        &mut self,
        row: &mut Candidate,
        metric_order: impl Iterator<Item = usize>,
    ) -> Result<(), Problem> {
        for metric in metric_order {
            if let Some(v) = row.activity[metric] {
                validate::validate_activity(&self.metrics[metric], v)
                    .map_err(|reason| Problem::Activity { metric, reason })?;
            }
        }
        if row.ssi.is_empty() {
            return Ok(());
        }
        for warning in validate::drop_bad_peers(&mut row.ssi) {
            self.findings
                .notes
                .push(format!("{}: {warning}", row.label));
        }
        validate::validate_ssi(&mut row.ssi).map_err(|v| Problem::Snapshot {
            column: v.column,
            reason: v.reason,
        })?;
        if row.ssi.get(SsiColumn::Ssi).is_none() {
            return Err(Problem::NoTotal(missing_total(&row.ssi)));
        }
        Ok(())
    }

    /// Emits a validated row: its snapshot and its activity, counted as `tally` says.
    pub(super) fn emit(&mut self, row: Candidate, tally: RowTally) {
        self.findings.count_used(&row.person, row.date, tally);
        for (kind, group) in &row.groups {
            self.rows.memberships.push(Membership {
                person: row.person.clone(),
                date: Some(row.date),
                kind,
                group: group.clone(),
                origin: row.origin,
            });
        }
        if !row.ssi.is_empty() {
            for warning in validate::peer_total_warnings(&row.ssi) {
                self.findings
                    .notes
                    .push(format!("{}: {warning}", row.label));
            }
            self.rows.ssi.push(SsiRow {
                person: row.person.clone(),
                date: row.date,
                values: row.ssi,
                origin: row.origin,
                also: row.also.clone(),
            });
        }
        if let (true, Some(table)) = (
            row.activity.iter().any(Option::is_some),
            self.rows.activity.as_mut(),
        ) {
            table.rows.push(ActivityRow {
                person: row.person,
                date: row.date,
                values: row.activity.into(),
                origin: row.origin,
                also: row.also,
            });
        }
    }

    /// What was found and the rows given.
    pub(super) fn finish(mut self) -> (SheetFindings, SheetRows) {
        // Room made for rows that were refused is given back when it is most of it.
        fn trim<T>(rows: &mut Vec<T>) {
            if rows.capacity() / 2 > rows.len() {
                rows.shrink_to_fit();
            }
        }
        trim(&mut self.rows.ssi);
        trim(&mut self.rows.memberships);
        if let Some(table) = self.rows.activity.as_mut() {
            trim(&mut table.rows);
        }
        (self.findings, self.rows)
    }
}

/// The most rows of each kind a table can give: rows with a value in an SSI column, rows with a value
/// in a metric column, and cells with a value in a group column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Room {
    /// Snapshots.
    pub snapshots: usize,
    /// Activity rows.
    pub activity: usize,
    /// Memberships.
    pub memberships: usize,
}

/// Why a snapshot without a total is rejected.
fn missing_total(values: &SsiValues) -> String {
    if values
        .iter()
        .all(|(column, v)| column.peers().is_some() || v.is_none())
    {
        "industry or network averages without the person's own SSI: they are read beside the person's own snapshot of the same date".into()
    } else {
        "no SSI total and not all four components to add up".into()
    }
}
