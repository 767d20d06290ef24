//! The data-quality account of a run: which files and sheets were read, what each held, and every row that
//! was not used with its reason. Built from ingestion's findings; rendered in the report and summary.json.

use serde::Serialize;

/// What a sheet (or text file) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// SSI snapshots only.
    Ssi,
    /// Activity only.
    Activity,
    /// SSI snapshots and activity in the same rows.
    SsiAndActivity,
    /// A roster: people and their groups, no dates.
    Roster,
    /// Nothing the analysis uses.
    Ignored,
}

impl TableKind {
    /// The machine name (as in JSON): `ssi`, `activity`, `ssi_and_activity`, `roster`, `ignored`.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Ssi => "ssi",
            TableKind::Activity => "activity",
            TableKind::SsiAndActivity => "ssi_and_activity",
            TableKind::Roster => "roster",
            TableKind::Ignored => "ignored",
        }
    }

    /// A short label for table cells.
    pub fn short_label(self) -> &'static str {
        match self {
            TableKind::Ssi => "SSI",
            TableKind::Activity => "activity",
            TableKind::SsiAndActivity => "SSI + activity",
            TableKind::Roster => "roster",
            TableKind::Ignored => "ignored",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            TableKind::Ssi => "SSI snapshots",
            TableKind::Activity => "activity",
            TableKind::SsiAndActivity => "SSI snapshots and activity in the same rows",
            TableKind::Roster => "a roster of people and their groups",
            TableKind::Ignored => "ignored",
        }
    }
}

/// One table read from a file (a sheet, or a text file).
#[derive(Debug, Clone, PartialEq)]
pub struct InputTable {
    /// The file.
    pub path: String,
    /// The sheet, `None` for text files.
    pub sheet: Option<String>,
    /// What the table holds (never `Ignored`: those are in `Quality::ignored`).
    pub table: TableKind,
    /// 1-based header row.
    pub header_row: Option<u32>,
    /// Non-blank rows below the header.
    pub rows_read: usize,
    /// Rows used (snapshot, activity or both).
    pub rows_used: usize,
    /// Rows that gave an SSI snapshot.
    pub ssi_rows: usize,
    /// Rows that gave activity.
    pub activity_rows: usize,
    /// Rows not used because something is wrong, each listed in `Quality::rejected`.
    pub rows_rejected: usize,
    /// Rows skipped (blank, summary, duplicate), each listed in `Quality::skipped`.
    pub rows_skipped: usize,
    /// Summary rows ("Average", "Total") skipped.
    pub summary_rows: usize,
    /// How each header was read: (header as written, canonical column or `None` when ignored).
    pub columns: Vec<(String, Option<String>)>,
}

/// A sheet (or file) with nothing the analysis uses.
#[derive(Debug, Clone, PartialEq)]
pub struct IgnoredTable {
    /// The file.
    pub path: String,
    /// The sheet.
    pub sheet: Option<String>,
    /// Why it was ignored.
    pub reason: String,
}

/// A row that was not used.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    /// The file.
    pub path: String,
    /// The sheet.
    pub sheet: Option<String>,
    /// 1-based row (line for text files).
    pub row: u32,
    /// Column letters, when one cell is at fault.
    pub column: Option<String>,
    /// The column's header.
    pub header: Option<String>,
    /// The offending cell as written (empty when the whole row is at fault).
    pub raw: String,
    /// What is wrong.
    pub reason: String,
}

/// A row that was skipped: blank, a summary row, or a duplicate of a row that is used.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    /// The file.
    pub path: String,
    /// The sheet.
    pub sheet: Option<String>,
    /// 1-based row (line for text files); the first of a run of blank rows.
    pub row: u32,
    /// How many rows this entry stands for: 1, or the length of a run of consecutive blank rows.
    pub rows: u32,
    /// The row's label, e.g. "Average".
    pub raw: String,
    /// Why.
    pub reason: String,
}

/// A file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    /// The file.
    pub path: String,
    /// The error, with its causes.
    pub message: String,
}

/// Everything the data-quality section shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Quality {
    /// Tables used.
    pub inputs: Vec<InputTable>,
    /// Sheets ignored.
    pub ignored: Vec<IgnoredTable>,
    /// Rows rejected.
    pub rejected: Vec<RejectedRow>,
    /// Rows skipped.
    pub skipped: Vec<SkippedRow>,
    /// Files not readable.
    pub unreadable: Vec<FileProblem>,
    /// Activity values that repeated a value for the same person, date and metric from an earlier table.
    pub activity_overlaps: usize,
    /// Notes worth a reader's attention (one sentence each).
    pub warnings: Vec<String>,
}
