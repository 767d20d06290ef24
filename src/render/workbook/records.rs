//! The record sheets of report.xlsx: Data quality (every rejected or skipped row, as data/rejected.csv
//! lists them) and Data (the tidy SSI and activity tables, as data/ssi.csv and data/activity.csv).

use super::cells::{self, Styles};
use crate::model::quality::Quality;
use crate::render::tables::{self, Tidy, TidyFrame};
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
pub struct DataTables<'a> {
    /// data/ssi.csv's rows.
    pub ssi: TidyFrame<'a>,
    /// data/activity.csv's rows.
    pub activity: TidyFrame<'a>,
}

impl DataTables<'_> {
    /// The tables of the dataset the report used.
    pub fn of(dataset: &crate::model::Dataset) -> DataTables<'_> {
        DataTables {
            ssi: tables::ssi_table(dataset),
            activity: tables::activity_table(dataset),
        }
    }
}

/// The SSI table from the first column, the activity table beside it after a blank column; written row
/// by row (the sheet is in low-memory mode: rows go to disk as they are written, so 300,000 snapshots never
/// sit in memory as cells).
pub fn data(ws: &mut Worksheet, styles: &Styles, data: &DataTables<'_>) -> Result<(), RenderError> {
    let at = 2 + data.ssi.names.len() as u16 + 1;
    // The sheet's layout before its rows: they leave memory as they are written.
    ws.set_freeze_panes(1, 0)?;
    for c in [0, at] {
        ws.set_column_width(c, 22)?;
        ws.set_column_width(c + 1, 11)?;
    }
    header(ws, styles, &data.ssi, 0)?;
    header(ws, styles, &data.activity, at)?;
    let shown = data.ssi.height().max(data.activity.height()).min(ROOM);
    // Both tables a slice of rows at a time, side by side: slice k of each holds the same sheet rows.
    let mut row = 0u32;
    for k in 0..data.ssi.chunks_of(shown) {
        let (ssi, activity) = (data.ssi.chunk(k)?, data.activity.chunk(k)?);
        let rows = ssi.people.len().max(activity.people.len());
        for i in 0..rows.min(shown - row as usize) {
            row += 1;
            row_of(ws, styles, &ssi, (i, row), 0)?;
            row_of(ws, styles, &activity, (i, row), at)?;
        }
    }
    // A sheet holds 1,048,576 rows: the rest are in the CSVs.
    for (t, col, file) in [
        (&data.ssi, 0, "data/ssi.csv"),
        (&data.activity, at, "data/activity.csv"),
    ] {
        if t.height() > ROOM {
            let more = t.height() - ROOM;
            let note =
                format!("and {more} more rows, beyond a sheet's limit: {file} holds them all");
            cells::text(ws, styles, (ROOM as u32 + 1, col), &note)?;
        }
    }
    Ok(())
}

/// A tidy table's header from column `at`.
fn header(
    ws: &mut Worksheet,
    styles: &Styles,
    t: &TidyFrame<'_>,
    at: u16,
) -> Result<(), XlsxError> {
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
        cells::general(ws, (row, at + 2 + c as u16), values[i])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tables::tests::dataset;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

    fn data_sheet(tables: &DataTables<'_>) -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = ExcelDateTime::from_ymd(2000, 1, 1).unwrap();
        wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
        let ws = wb.add_worksheet_with_low_memory().unwrap();
        data(ws, &Styles::new(), tables).unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn the_data_sheet_is_the_same_read_back_in_slices() {
        // More snapshots than activity rows, so the activity table runs out a slice early.
        let ds = dataset(11, 4);
        let whole = data_sheet(&DataTables::of(&ds));
        let read: calamine::Range<calamine::Data> = {
            use calamine::Reader;
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(whole.clone())).unwrap();
            book.worksheet_range("Sheet1").unwrap()
        };
        // A header row and 11 snapshots; the activity table, after a blank column, has 4 rows.
        assert_eq!(read.height(), 12);
        let text = |r: u32, c: u32| read.get_value((r, c)).map(|v| v.to_string());
        let at = 2 + tables::ssi_table(&ds).names.len() as u32 + 1;
        assert_eq!(text(0, at).as_deref(), Some("person"));
        assert_eq!(text(11, 0).as_deref(), Some("Person 2"));
        // Sorted by person and date: Person 0's second week (posts 3) is the second row.
        assert_eq!(text(2, at).as_deref(), Some("Person 0"));
        assert_eq!(text(2, at + 2).as_deref(), Some("3"));
        assert_eq!(text(4, at).as_deref(), Some("Person 2"));
        assert_eq!(text(5, at).as_deref(), Some(""));
        for rows in [1, 2, 3, 5] {
            let sliced = DataTables {
                ssi: tables::ssi_table(&ds).in_slices_of(rows),
                activity: tables::activity_table(&ds).in_slices_of(rows),
            };
            assert_eq!(data_sheet(&sliced), whole, "slices of {rows}");
        }
    }
}
