//! The record sheets of report.xlsx: Data quality (every rejected or skipped row, as data/rejected.csv
//! lists them) and Data (the tidy SSI and activity tables, as data/ssi.csv and data/activity.csv).

use super::cells::{self, Styles};
use crate::model::quality::Quality;
use crate::render::tables::{self, Tidy};
use crate::render::RenderError;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The rejected and skipped rows.
pub fn data_quality(
    ws: &mut Worksheet,
    styles: &Styles,
    quality: &Quality,
) -> Result<(), XlsxError> {
    cells::headers(
        ws,
        styles,
        0,
        &[
            "File",
            "Sheet",
            "Row",
            "Column",
            "Header",
            "Value as written",
            "Fate",
            "Reason",
            "Rows",
        ],
    )?;
    let rows = tables::quality_rows(quality);
    let total = rows.len();
    for (i, (path, sheet, line, [column, header, raw, fate, reason, count])) in
        rows.into_iter().take(ROOM).enumerate()
    {
        let row = i as u32 + 1;
        cells::text(ws, styles, (row, 0), path)?;
        cells::text(ws, styles, (row, 1), sheet.unwrap_or(""))?;
        ws.write_number(row, 2, line)?;
        for (c, s) in [column, header, raw, fate, reason].iter().enumerate() {
            cells::text(ws, styles, (row, 3 + c as u16), s)?;
        }
        cells::number(ws, (row, 8), count.parse().ok(), &styles.whole)?;
    }
    if total > ROOM {
        let note = format!(
            "and {} more rows, beyond a sheet's limit: data/rejected.csv holds them all",
            total - ROOM
        );
        cells::text(ws, styles, (ROOM as u32 + 1, 0), &note)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(7, 60)?;
    Ok(())
}

/// Rows of a table a sheet has room for: 1,048,576 less the header and a last row for a note.
pub const ROOM: usize = 1_048_574;

/// The tidy tables, read back from their frames.
pub struct DataTables {
    /// data/ssi.csv's rows.
    pub ssi: Tidy,
    /// data/activity.csv's rows.
    pub activity: Tidy,
}

impl DataTables {
    /// The tables of the dataset the report used.
    pub fn of(dataset: &crate::model::Dataset) -> Result<DataTables, RenderError> {
        Ok(DataTables {
            ssi: tables::ssi_table(dataset)?,
            activity: tables::activity_table(dataset)?,
        })
    }
}

/// The SSI table from the first column, the activity table beside it after a blank column; written row
/// by row (the sheet is in low-memory mode: rows go to disk as they are written, so 300,000 snapshots never
/// sit in memory as cells).
pub fn data(ws: &mut Worksheet, styles: &Styles, data: &DataTables) -> Result<(), XlsxError> {
    let at = 2 + data.ssi.names.len() as u16 + 1;
    // The sheet's layout before its rows: they leave memory as they are written.
    ws.set_freeze_panes(1, 0)?;
    for c in [0, at] {
        ws.set_column_width(c, 22)?;
        ws.set_column_width(c + 1, 11)?;
    }
    header(ws, styles, &data.ssi, 0)?;
    header(ws, styles, &data.activity, at)?;
    let rows = data.ssi.people.len().max(data.activity.people.len());
    for i in 0..rows.min(ROOM) {
        let row = i as u32 + 1;
        row_of(ws, styles, &data.ssi, (i, row), 0)?;
        row_of(ws, styles, &data.activity, (i, row), at)?;
    }
    // A sheet holds 1,048,576 rows: the rest are in the CSVs.
    for (t, col, file) in [
        (&data.ssi, 0, "data/ssi.csv"),
        (&data.activity, at, "data/activity.csv"),
    ] {
        if t.people.len() > ROOM {
            let more = t.people.len() - ROOM;
            let note =
                format!("and {more} more rows, beyond a sheet's limit: {file} holds them all");
            cells::text(ws, styles, (ROOM as u32 + 1, col), &note)?;
        }
    }
    Ok(())
}

/// A tidy table's header from column `at`.
fn header(ws: &mut Worksheet, styles: &Styles, t: &Tidy, at: u16) -> Result<(), XlsxError> {
    cells::headers_at(ws, styles, (0, at), crate::model::schema::PERSON)?;
    cells::headers_at(ws, styles, (0, at + 1), crate::model::schema::DATE)?;
    for (c, name) in t.names.iter().enumerate() {
        cells::headers_at(ws, styles, (0, at + 2 + c as u16), name)?;
    }
    Ok(())
}

/// Row `i` of a tidy table on sheet row `row`, from column `at` (nothing past the table's end).
fn row_of(
    ws: &mut Worksheet,
    styles: &Styles,
    t: &Tidy,
    (i, row): (usize, u32),
    at: u16,
) -> Result<(), XlsxError> {
    let Some(person) = t.people.get(i) else {
        return Ok(());
    };
    cells::text(ws, styles, (row, at), person)?;
    if let Some(day) = t.dates[i] {
        cells::date(ws, styles, (row, at + 1), day)?;
    }
    for (c, values) in t.values.iter().enumerate() {
        cells::number(ws, (row, at + 2 + c as u16), values[i], &styles.text)?;
    }
    Ok(())
}
