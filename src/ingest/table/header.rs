//! Finds a sheet's header row: each of the first rows is scored by the columns it names, and the best one
//! with a date column and SSI or activity columns wins. A sheet without one (hidden, empty, or no such
//! row) is ignored with the reason, and the headers of its likeliest header row are kept for a mapping.

use super::findings::SheetFindings;
use crate::ingest::grid::{Cell, Grid, Sheet};
use crate::ingest::headers::{self, Canonical, HeaderMap};
use crate::model::schema;

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Why a sheet has no header row to read it by.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NoHeader {
    /// The reason the sheet is ignored.
    reason: String,
    /// The headers of its likeliest header row that nothing recognises.
    unrecognised: Vec<String>,
}

impl NoHeader {
    fn because(reason: &str) -> NoHeader {
        NoHeader {
            reason: reason.to_string(),
            unrecognised: Vec::new(),
        }
    }

    /// The findings of the sheet, ignored with the reason.
    pub(super) fn findings(self) -> SheetFindings {
        SheetFindings {
            unrecognised_headers: self.unrecognised,
            ..SheetFindings::ignored(self.reason)
        }
    }
}

/// The grid index of a sheet's header row, or why it has none (hidden, empty, no such row). `named`: the
/// sheet's or file's name gives a date, so SSI columns need no date column.
pub(super) fn locate(sheet: &Sheet, headers: &HeaderMap, named: bool) -> Result<usize, NoHeader> {
    let grid = &sheet.grid;
    if sheet.hidden {
        return Err(NoHeader::because(
            "hidden sheet (a hidden sheet is read only as a roster: a person column and group columns such as Team or Region)",
        ));
    }
    if grid.rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        return Err(NoHeader::because("empty"));
    }
    find_header(grid, headers, named).ok_or_else(|| NoHeader {
        reason: no_header_reason(grid, headers),
        unrecognised: likely_header(grid)
            .into_iter()
            .filter(|h| headers.lookup(h).is_none())
            .collect(),
    })
}

/// Scores each of the first rows as a header: the number of recognised columns, requiring a date column
/// and at least one SSI or activity column. Returns the best row's index.
fn find_header(grid: &Grid, headers: &HeaderMap, named: bool) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let recognised: Vec<Option<Canonical>> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => headers.lookup(t),
                _ => None,
            })
            .collect();
        let found: Vec<&Canonical> = recognised.iter().flatten().collect();
        let long = found.contains(&&Canonical::MetricName) && found.contains(&&Canonical::Value);
        let has_values = found.iter().any(|c| c.is_value());
        // Over SSI values, a header that names no date may stand over a column of dates.
        let has_ssi = found.iter().any(|c| matches!(c, Canonical::Ssi(_)));
        let has_date = found.contains(&&Canonical::Date)
            || (has_ssi && named)
            || ((has_ssi || long)
                && super::columns::dated_column(
                    &grid.rows[i + 1..],
                    (0..row.len()).filter(|&c| recognised[c].is_none() && !row[c].is_blank()),
                )
                .is_some());
        if has_date && (has_values || long) && best.is_none_or(|(_, score)| found.len() > score) {
            best = Some((i, found.len()));
        }
    }
    best.map(|(i, _)| i)
}

/// The first row of at least two text cells, all of them text: the likeliest header of a sheet whose header
/// nothing recognised.
fn likely_header(grid: &Grid) -> Vec<String> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find(|row| {
            let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
            filled.len() >= 2 && filled.iter().all(|c| matches!(c, Cell::Text(_)))
        })
        .map(|row| {
            row.iter()
                .filter(|c| !c.is_blank())
                .map(Cell::as_label)
                .collect()
        })
        .unwrap_or_default()
}

/// How many spellings of the date column a message lists.
const LISTED_SPELLINGS: usize = 8;

/// Explains why no header row was found.
fn no_header_reason(grid: &Grid, headers: &HeaderMap) -> String {
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let has_values = row
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if headers.lookup(t).is_some_and(|c| c.is_value())));
        if has_values {
            let spellings = headers::spellings(schema::DATE);
            return format!(
                "row {} has SSI or activity headers but no date column; name it one of: {}, ... (README's header table lists every spelling), or map it with --column \"HEADER=date\"",
                grid.first_row + i as u32 + 1,
                spellings[..spellings.len().min(LISTED_SPELLINGS)].join(", "),
            );
        }
    }
    // A person column alone: most likely a roster whose group column has a name of its own.
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let found: Vec<Canonical> = row
            .iter()
            .filter_map(|c| match c {
                Cell::Text(t) => headers.lookup(t),
                _ => None,
            })
            .collect();
        if found.contains(&Canonical::Person)
            && !found
                .iter()
                .any(|c| matches!(c, Canonical::Group(_) | Canonical::Date))
        {
            return format!(
                "row {} names a person column but no date, SSI, activity or group column; for a roster of people and their groups, name the group column one of: {} (README's header table lists every spelling), or map it with --column \"HEADER=team\"",
                grid.first_row + i as u32 + 1,
                schema::GROUP_KINDS
                    .iter()
                    .map(|k| schema::group_label(k))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
    }
    format!(
        "no header row with a date column and SSI or activity columns in the first {HEADER_SEARCH_ROWS} rows"
    )
}
