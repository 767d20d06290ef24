//! What reading a sheet found and contributes: the table's shape, its column mappings and the fate of
//! every row (used, skipped with a reason, or rejected with the cell and reason), with the accounting
//! primitives that keep `rows_read = rows_used + rejected + skipped` true, also when a later stage takes
//! a used row back.

use crate::ingest::grid::Location;
use crate::model::quality::TableKind;
use crate::model::records::{ActivityTable, Membership, SsiRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// Where a source column goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnMapping {
    /// Column letters in the sheet (A, B, ...).
    pub column: String,
    /// The header text as written.
    pub header: String,
    /// The canonical column, `None` when ignored.
    pub canonical: Option<String>,
    /// Why an unmapped column is ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// Where the problem is.
    pub location: Location,
    /// The offending cell as written (empty when the whole row is at fault).
    pub raw: String,
    /// What is wrong.
    pub reason: String,
}

/// Why a row was skipped rather than used or rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum SkipReason {
    /// Nothing in the row.
    Blank,
    /// A summary row under the data ("Average", "Total").
    Summary,
    /// The same values as another row, which is used.
    Duplicate(String),
    /// A long-layout row whose metric is known to carry nothing to analyse.
    Ignored,
    /// A date with no values yet (a template row filled in ahead).
    NoValues,
    /// A roster row with a name and no group.
    NoGroup,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Blank => write!(f, "blank row"),
            SkipReason::Summary => write!(f, "summary row"),
            SkipReason::Duplicate(of) => write!(f, "duplicate of {of}, which is used"),
            SkipReason::Ignored => write!(f, "a metric with nothing to analyse"),
            SkipReason::NoValues => write!(f, "a date with no values yet"),
            SkipReason::NoGroup => write!(f, "a roster row naming no group"),
        }
    }
}

/// A row that was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    /// The row; the first of a run of blank rows.
    pub location: Location,
    /// How many rows: 1, or the length of a run of consecutive blank rows (kept as one entry, since a
    /// sheet can hold a million of them between two cells).
    pub rows: u32,
    /// The row's first text, e.g. the summary label.
    pub raw: String,
    /// Why.
    pub reason: SkipReason,
}

/// What reading one sheet found: the shape of the table and the fate of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetFindings {
    /// Table classification.
    pub kind: TableKind,
    /// Why the sheet is ignored (for `TableKind::Ignored`).
    pub ignored_reason: Option<String>,
    /// 1-based header row.
    pub header_row: Option<u32>,
    /// Column mappings, in sheet order.
    pub columns: Vec<ColumnMapping>,
    /// Rows below the header, up to the last non-blank one.
    pub rows_read: usize,
    /// Rows that gave an SSI snapshot, activity, or both.
    pub rows_used: usize,
    /// Rows that gave an SSI snapshot.
    pub ssi_rows: usize,
    /// Rows that gave activity.
    pub activity_rows: usize,
    /// Rows skipped as summary rows ("Average", "Total"); they are also in `skipped`.
    pub summary_rows: usize,
    /// Rows rejected, with reasons.
    pub rejections: Vec<Rejection>,
    /// Rows skipped (blank, summary, duplicate), with reasons.
    pub skipped: Vec<Skip>,
    /// Things the reader had to assume, one sentence each.
    pub notes: Vec<String>,
    /// For a sheet ignored for want of a header: the headers of the row that looks most like one and that
    /// nothing recognises (what a column mapping would need).
    pub unrecognised_headers: Vec<String>,
    /// People found.
    pub people: BTreeSet<String>,
    /// First and last date used.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

/// How many of a used row's counts it adds: input lines, and those that gave a snapshot or activity (a
/// long layout's row gathers several lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowTally {
    /// Input lines used.
    pub used: usize,
    /// Of them, lines that gave a snapshot value.
    pub snapshots: usize,
    /// Of them, lines that gave activity.
    pub activity: usize,
}

impl SheetFindings {
    /// Rows skipped, counting each row of a blank run.
    pub fn rows_skipped(&self) -> usize {
        self.skipped.iter().map(|k| k.rows as usize).sum()
    }

    /// Findings with nothing found yet (an ignored table with no rows).
    pub fn empty() -> SheetFindings {
        SheetFindings {
            kind: TableKind::Ignored,
            ignored_reason: None,
            header_row: None,
            columns: Vec::new(),
            rows_read: 0,
            rows_used: 0,
            ssi_rows: 0,
            activity_rows: 0,
            summary_rows: 0,
            rejections: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
            unrecognised_headers: Vec::new(),
            people: BTreeSet::new(),
            date_range: None,
        }
    }

    /// Findings of a sheet ignored for this reason before any row was read.
    pub fn ignored(reason: impl Into<String>) -> SheetFindings {
        SheetFindings {
            ignored_reason: Some(reason.into()),
            ..SheetFindings::empty()
        }
    }

    /// Lists a rejected row.
    pub fn reject(&mut self, location: Location, raw: String, reason: String) {
        self.rejections.push(Rejection {
            location,
            raw,
            reason,
        });
    }

    /// Lists a skipped row.
    pub fn skip(&mut self, location: Location, raw: String, reason: SkipReason) {
        self.skipped.push(Skip {
            location,
            rows: 1,
            raw,
            reason,
        });
    }

    /// Lists a blank row: it lengthens a run of blank rows that ends just above it, else starts one.
    pub fn skip_blank(&mut self, location: Location) {
        let run = self
            .skipped
            .last_mut()
            .filter(|k| k.reason == SkipReason::Blank && k.location.row + k.rows == location.row);
        match run {
            Some(run) => run.rows += 1,
            None => self.skip(location, String::new(), SkipReason::Blank),
        }
    }

    /// Lists a summary row under its label.
    pub fn skip_summary(&mut self, location: Location, label: String) {
        self.summary_rows += 1;
        self.skip(location, label, SkipReason::Summary);
    }

    /// Counts a used row for `person` on `date`.
    pub fn count_used(&mut self, person: &str, date: NaiveDate, tally: RowTally) {
        self.rows_used += tally.used;
        self.ssi_rows += tally.snapshots;
        self.activity_rows += tally.activity;
        self.date_range = Some(match self.date_range {
            None => (date, date),
            Some((a, b)) => (a.min(date), b.max(date)),
        });
        self.people.insert(person.to_string());
    }

    /// Takes back a row counted as used so that the accounting still balances: its lines leave the used
    /// counts and are listed as skipped (a duplicate) or rejected (a conflict).
    pub fn withdraw(&mut self, row: Withdrawn<'_>) {
        self.rows_used = self.rows_used.saturating_sub(row.lines.len());
        self.ssi_rows = self.ssi_rows.saturating_sub(usize::from(row.snapshot));
        self.activity_rows = self.activity_rows.saturating_sub(usize::from(row.activity));
        for line in row.lines {
            let location = Location::whole_row(row.sheet.map(str::to_string), line);
            match &row.why {
                Withdrawal::Duplicate(of) => {
                    self.skip(location, String::new(), SkipReason::Duplicate(of.clone()))
                }
                Withdrawal::Conflict(reason) => {
                    self.reject(location, String::new(), reason.clone())
                }
            }
        }
    }
}

/// Why rows counted as used are taken back.
#[derive(Debug, Clone, PartialEq)]
pub enum Withdrawal {
    /// They repeat the row at this place, which is used: skipped.
    Duplicate(String),
    /// Rows elsewhere give the same person and date differently: rejected, with this reason.
    Conflict(String),
}

/// A row counted as used that a later stage takes back.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawn<'a> {
    /// The sheet it is on (`None` for text files).
    pub sheet: Option<&'a str>,
    /// Its input lines: the row's own, then those folded into it.
    pub lines: Vec<u32>,
    /// Whether it was counted as a snapshot.
    pub snapshot: bool,
    /// Whether it was counted as activity.
    pub activity: bool,
    /// Why it is taken back.
    pub why: Withdrawal,
}

/// The rows one sheet contributes.
#[derive(Debug, Clone, Default)]
pub struct SheetRows {
    /// SSI snapshots.
    pub ssi: Vec<SsiRow>,
    /// Activity, when the sheet has activity columns.
    pub activity: Option<ActivityTable>,
    /// The groups its rows name (or, for a roster, its people's groups).
    pub memberships: Vec<Membership>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32) -> Location {
        Location::whole_row(Some("SSI".into()), line)
    }

    #[test]
    fn consecutive_blank_rows_are_one_entry() {
        let mut f = SheetFindings::empty();
        f.skip_blank(row(3));
        f.skip_blank(row(4));
        f.skip_summary(row(5), "Average".into());
        f.skip_blank(row(6));
        f.skip_blank(row(8));
        let runs: Vec<(u32, u32)> = f.skipped.iter().map(|k| (k.location.row, k.rows)).collect();
        assert_eq!(runs, [(3, 2), (5, 1), (6, 1), (8, 1)]);
        assert_eq!(f.rows_skipped(), 5);
        assert_eq!(f.summary_rows, 1);
    }

    #[test]
    fn a_withdrawn_row_leaves_the_used_counts_and_is_listed_once_per_line() {
        let mut f = SheetFindings::empty();
        let day = NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
        let tally = RowTally {
            used: 3,
            snapshots: 2,
            activity: 1,
        };
        f.count_used("Ann", day, tally);
        f.rows_read = 3;
        f.withdraw(Withdrawn {
            sheet: Some("SSI"),
            lines: vec![4, 5, 6],
            snapshot: true,
            activity: true,
            why: Withdrawal::Conflict("conflict".into()),
        });
        assert_eq!((f.rows_used, f.ssi_rows, f.activity_rows), (0, 1, 0));
        assert_eq!(f.rejections.len(), 3);
        assert_eq!(f.rejections[2].location.to_string(), "sheet 'SSI' row 6");
        assert_eq!(
            f.rows_read,
            f.rows_used + f.rejections.len() + f.rows_skipped()
        );
    }
}
