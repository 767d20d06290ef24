//! The validated rows ingestion hands to the model: SSI snapshots and activity tables, each row remembering
//! where it came from. Plain data; building polars frames from them is `dataset`'s job.

use chrono::NaiveDate;

/// Where a row came from: the index of its source table and its 1-based row (line) in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowOrigin {
    /// Index into the run's list of source tables.
    pub source: usize,
    /// 1-based row (sheet) or line (text file).
    pub row: u32,
}

/// One SSI snapshot: a person's scores on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct SsiRow {
    /// The person.
    pub person: String,
    /// The snapshot date.
    pub date: NaiveDate,
    /// One value per SSI column; `None` where the source had no value.
    pub values: crate::model::schema::SsiValues,
    /// Where the row came from.
    pub origin: RowOrigin,
    /// Other input lines folded into this row (a long layout gives one line per metric).
    pub also: Vec<u32>,
}

/// One row of logged activity: counts per metric for the period starting (or dated) on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// The person.
    pub person: String,
    /// The date the row is logged under.
    pub date: NaiveDate,
    /// One value per metric of the owning table, `None` where blank.
    pub values: Vec<Option<f64>>,
    /// Where the row came from.
    pub origin: RowOrigin,
    /// Other input lines folded into this row (a long layout gives one line per metric).
    pub also: Vec<u32>,
}

/// A person's group (team, region, manager...) as a row or a roster gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The person, as written.
    pub person: String,
    /// The date of the row that gives it; `None` for a roster (no dates: it holds at all times).
    pub date: Option<NaiveDate>,
    /// The kind of group: one of `schema::GROUP_KINDS`.
    pub kind: &'static str,
    /// The group's name, as written (trimmed).
    pub group: String,
    /// Where it came from.
    pub origin: RowOrigin,
}

/// Activity rows sharing one set of metric columns (one source sheet or file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityTable {
    /// Canonical metric names, one per value column.
    pub metrics: Vec<String>,
    /// The rows.
    pub rows: Vec<ActivityRow>,
    /// For an event log (one row per day with events, such as a LinkedIn export), the last day it speaks
    /// for: the export date. Days after the last event up to it had no activity.
    pub until: Option<NaiveDate>,
}
