//! The data-quality account of what was read: the tables used and ignored with their row counts and column
//! mappings, every rejected and skipped row (runs of blank rows as one entry, long values clipped), the
//! reader's notes as warnings, and the files that could not be read.

use super::grid;
use super::sources::{Ingested, SourceTable};
use super::table::{Rejection, Skip, SkipReason, TableKind};
use crate::model::quality::{
    FileProblem, IgnoredTable, InputTable, Quality, RejectedRow, SkippedRow,
};

/// Longest raw value or reason kept in the data-quality lists; a cell can hold megabytes.
const MAX_LISTED_CHARS: usize = 200;

/// A value cut to `MAX_LISTED_CHARS` characters, saying how long it was.
fn clip(text: &str) -> String {
    let total = text.chars().count();
    if total <= MAX_LISTED_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_LISTED_CHARS).collect();
    format!("{head}... ({total} characters in all)")
}

/// A run of blank rows as one entry, its reason naming the rows.
fn blank_rows(mut run: SkippedRow) -> SkippedRow {
    if run.rows > 1 {
        run.reason = format!(
            "{} blank rows ({}-{})",
            run.rows,
            run.row,
            run.row + run.rows - 1
        );
    }
    run
}

/// Builds the data-quality account of what was read.
pub fn quality(ingested: &Ingested) -> Quality {
    let mut q = Quality::default();
    q.warnings.extend(ingested.notes.iter().cloned());
    for s in &ingested.sources {
        let place = s.place();
        for note in s.notes.iter().chain(&s.findings.notes) {
            q.warnings.push(format!("{place}: {note}"));
        }
        if s.findings.kind == TableKind::Ignored {
            q.ignored.push(ignored_table(s));
            continue;
        }
        q.inputs.push(input_table(s));
        q.rejected.extend(rejected_rows(s));
        q.skipped.extend(skipped_rows(s));
    }
    for failure in &ingested.failures {
        q.unreadable.push(FileProblem {
            path: failure.path.clone(),
            message: super::error::error_chain(&failure.error),
        });
    }
    q
}

fn ignored_table(s: &SourceTable) -> IgnoredTable {
    IgnoredTable {
        path: s.path.clone(),
        sheet: s.sheet.clone(),
        reason: s
            .findings
            .ignored_reason
            .clone()
            .unwrap_or_else(|| "nothing to analyse".into()),
    }
}

/// A table used: its shape, row counts and column mappings.
fn input_table(s: &SourceTable) -> InputTable {
    let f = &s.findings;
    InputTable {
        path: s.path.clone(),
        sheet: s.sheet.clone(),
        table: f.kind,
        header_row: f.header_row,
        rows_read: f.rows_read,
        rows_used: f.rows_used,
        ssi_rows: f.ssi_rows,
        activity_rows: f.activity_rows,
        rows_rejected: f.rejections.len(),
        rows_skipped: f.rows_skipped(),
        summary_rows: f.summary_rows,
        columns: f
            .columns
            .iter()
            .map(|c| (c.header.clone(), c.canonical.clone()))
            .collect(),
    }
}

/// A table's rejected rows, in row order.
fn rejected_rows(s: &SourceTable) -> Vec<RejectedRow> {
    let mut rejections: Vec<&Rejection> = s.findings.rejections.iter().collect();
    rejections.sort_by_key(|r| r.location.row);
    rejections
        .into_iter()
        .map(|r| RejectedRow {
            path: s.path.clone(),
            sheet: s.sheet.clone(),
            row: r.location.row,
            column: r.location.col.map(grid::column_letters),
            header: r.location.header.clone(),
            raw: clip(&r.raw),
            reason: clip(&r.reason),
        })
        .collect()
}

/// A table's skipped rows, in row order; a run of blank rows is one entry (a sheet can hold a million of
/// them between two cells).
fn skipped_rows(s: &SourceTable) -> Vec<SkippedRow> {
    let mut skipped: Vec<&Skip> = s.findings.skipped.iter().collect();
    skipped.sort_by_key(|k| k.location.row);
    let mut out = Vec::new();
    let mut blank_run: Option<SkippedRow> = None;
    for k in skipped {
        let blank = k.reason == SkipReason::Blank;
        if let Some(run) = blank_run.as_mut() {
            if blank && k.location.row == run.row + run.rows {
                run.rows += k.rows;
                continue;
            }
        }
        out.extend(blank_run.take().map(blank_rows));
        let row = SkippedRow {
            path: s.path.clone(),
            sheet: s.sheet.clone(),
            row: k.location.row,
            rows: k.rows,
            raw: clip(&k.raw),
            reason: k.reason.to_string(),
        };
        if blank {
            blank_run = Some(row);
        } else {
            out.push(row);
        }
    }
    out.extend(blank_run.map(blank_rows));
    out
}
