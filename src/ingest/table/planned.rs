//! A sheet ready for its rows to be read: the context it is read in, its column plan, and the conventions
//! its cells are written in (day/month order, decimal separator); and the stage both layouts begin a data
//! row with, which finds its date (not after the cut-off) and its person.

use super::columns::ColumnPlan;
use super::findings::SheetFindings;
use super::rows::DataRows;
use crate::ingest::grid::{Cell, Sheet};
use crate::ingest::headers::HeaderMap;
use crate::ingest::values::{self, DateOrder, OrderEvidence};
use chrono::NaiveDate;

/// What a sheet is read with besides its cells.
#[derive(Debug, Clone, Copy)]
pub struct SheetContext<'a> {
    /// The person for rows when the sheet has no person column.
    pub default_person: &'a str,
    /// The index this sheet gets in the run's list of sources.
    pub source: usize,
    /// The 1-based file line of each grid row, for text files (sheets use grid offsets).
    pub row_numbers: Option<&'a [u32]>,
    /// Day/month order for date columns whose values do not settle it.
    pub date_order: Option<DateOrder>,
    /// How headers map to canonical columns.
    pub headers: &'a HeaderMap,
    /// Rows dated after this day are rejected as being in the future.
    pub as_of: Option<NaiveDate>,
    /// The decimal separator to assume when the table's numbers do not show it (a `;`-separated text
    /// file writes decimal commas).
    pub decimal_comma_hint: Option<bool>,
    /// The date the file's name is stamped with (`ssi_team_2026-10.csv`), for SSI tables with no date.
    pub file_date: Option<NaiveDate>,
    /// Whether a name in a title row above the header names the person of a table with no person column
    /// (not when `--person` names them).
    pub title_names: bool,
}

/// Where a table's rows get their date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSource {
    /// Each row's cell in this column.
    Column(usize),
    /// One date for every row, from the sheet's or the file's name (the table has no date column).
    Named(NaiveDate),
}

/// How a table writes its dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Conventions {
    /// Day/month order of the date column.
    pub order: DateOrder,
    /// Whether numbers use a decimal comma; `None` when nothing shows it.
    pub decimal_comma: Option<bool>,
    /// Whether serial dates count from 1904.
    pub date_1904: bool,
}

/// Why a data row goes no further.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Refusal {
    /// Rejected for the cell in this column.
    Reject {
        /// The column at fault.
        col: usize,
        /// What is wrong.
        reason: String,
    },
    /// Skipped, with the cell shown (or the whole row).
    Skip {
        /// The column shown, `None` for the whole row.
        col: Option<usize>,
        /// The text shown.
        raw: String,
        /// Why.
        reason: super::findings::SkipReason,
    },
}

/// A sheet with its header found and its columns planned: what a layout reads the rows of.
pub(super) struct PlannedSheet<'a> {
    /// What it is read with.
    pub ctx: &'a SheetContext<'a>,
    /// Each column's role.
    pub plan: ColumnPlan,
    /// Where the rows' dates come from.
    pub date: DateSource,
    /// The person column, if any.
    pub person_col: Option<usize>,
    /// The person of rows when there is no person column.
    pub default_person: String,
    /// How dates and numbers are written.
    pub conventions: Conventions,
    /// The rows below the header.
    pub rows: DataRows<'a>,
}

impl PlannedSheet<'_> {
    /// A row's date from its date cell (or the one date of a table dated by its name).
    pub(super) fn row_date(&self, cells: &[Cell]) -> Result<NaiveDate, Refusal> {
        let col = match self.date {
            DateSource::Column(col) => col,
            DateSource::Named(date) => return Ok(date),
        };
        let cell = cells.get(col).unwrap_or(&Cell::Empty);
        let c = self.conventions;
        match values::parse_date_cell(cell, c.order, c.date_1904) {
            Ok(Some(date)) => Ok(date),
            Ok(None) => Err(self.reject(col, "no date".to_string())),
            Err(reason) => Err(self.reject(col, reason)),
        }
    }

    /// The column a row's date is reported at: the date column, else (a table dated by its name) the
    /// first column with values.
    pub(super) fn date_col(&self) -> usize {
        match self.date {
            DateSource::Column(col) => col,
            DateSource::Named(_) => self.plan.value_columns().next().unwrap_or(0),
        }
    }

    /// A dated row's person: its person cell, else the sheet's default. A date after the `--as-of`
    /// cut-off is refused first.
    pub(super) fn row_person(&self, cells: &[Cell], date: NaiveDate) -> Result<String, Refusal> {
        if let Some(reason) = future_reason(date, self.ctx.as_of) {
            return Err(self.reject(self.date_col(), reason));
        }
        let Some(pc) = self.person_col else {
            return Ok(self.default_person.clone());
        };
        match cells.get(pc).map(Cell::as_label).unwrap_or_default() {
            p if p.is_empty() => Err(self.reject(pc, "no person name".into())),
            p => Ok(p),
        }
    }

    fn reject(&self, col: usize, reason: String) -> Refusal {
        Refusal::Reject { col, reason }
    }
}

/// Why a date after the `--as-of` cut-off is rejected, if it is after it.
pub fn future_reason(date: NaiveDate, as_of: Option<NaiveDate>) -> Option<String> {
    as_of.filter(|limit| date > *limit).map(|limit| {
        format!("{date} is in the future (after {limit}; set --as-of to change the cut-off)")
    })
}

/// How the table writes dates and numbers, from its cells. A date column that does not show its day/month
/// order is read as `--date-order` says, else month first with a note.
pub(super) fn conventions(
    sheet: &Sheet,
    rows: &DataRows<'_>,
    date: DateSource,
    ctx: &SheetContext<'_>,
    findings: &mut SheetFindings,
) -> Conventions {
    let cells = rows.cells();
    if let DateSource::Column(col) = date {
        if let Some((week, monday)) =
            values::first_iso_week(cells.iter().filter_map(|r| r.get(col)))
        {
            let column = &findings.columns[col];
            findings.notes.push(format!(
                "column {} ('{}'): weeks are read as their Monday ('{week}' is {})",
                column.column,
                column.header,
                monday.format("%-d %B %Y")
            ));
        }
    }
    let evidence = match date {
        DateSource::Column(col) => {
            values::detect_date_order(cells.iter().filter_map(|r| r.get(col)))
        }
        DateSource::Named(_) => OrderEvidence::NotNeeded,
    };
    let order = match evidence {
        OrderEvidence::Settled(order) => order,
        OrderEvidence::NotNeeded => DateOrder::MonthFirst,
        OrderEvidence::Ambiguous => {
            if let (None, DateSource::Column(col)) = (ctx.date_order, date) {
                let column = &findings.columns[col];
                findings.notes.push(format!(
                    "column {} ('{}'): no date in it shows whether it is day/month or month/day; read as month first (set --date-order day-first if that is wrong)",
                    column.column, column.header
                ));
            }
            ctx.date_order.unwrap_or(DateOrder::MonthFirst)
        }
    };
    Conventions {
        order,
        decimal_comma: values::detect_decimal_comma(cells.iter().flatten())
            .or(ctx.decimal_comma_hint),
        date_1904: sheet.date_1904,
    }
}
