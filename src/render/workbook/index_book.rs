//! index.xlsx: a batch's index as a workbook, the rows of index.csv in the index's order (failures first),
//! each written report's name a link to its report.xlsx.

use super::cells::{self, Styles};
use crate::render::index::Entry;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Url, Workbook, Worksheet, XlsxError};

/// The Index sheet's columns.
pub const HEADERS: [&str; 16] = [
    "Report",
    "Person",
    "Month",
    "Status",
    "People",
    "SSI",
    "SSI change",
    "Weakest component",
    "Alerts",
    "Alert kinds",
    "Rows not used",
    "Latest snapshot",
    "Data through",
    "Stale",
    "Folder",
    "Problem",
];

/// Renders index.xlsx.
pub fn render(entries: &[Entry]) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("SSI reports")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let ws = wb.add_worksheet().set_name("Index")?;
    cells::headers(ws, &styles, 0, &HEADERS)?;
    for (i, e) in entries.iter().enumerate() {
        row(ws, &styles, i as u32 + 1, e)?;
    }
    if !entries.is_empty() {
        ws.autofilter(0, 0, entries.len() as u32, HEADERS.len() as u16 - 1)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(7, 30)?;
    ws.set_column_width(15, 80)?;
    wb.save_to_buffer()
}

fn row(ws: &mut Worksheet, styles: &Styles, row: u32, e: &Entry) -> Result<(), XlsxError> {
    match (&e.folder, e.status) {
        (Some(folder), crate::render::index::Status::Written) => {
            // A link's text is shown as written, never read as a formula.
            let link = Url::new(format!("file:///{folder}/report.xlsx"));
            ws.write_url_with_text(row, 0, link, e.report.as_str())?;
        }
        _ => cells::text(ws, styles, (row, 0), &e.report)?,
    }
    cells::text(ws, styles, (row, 1), e.person.as_deref().unwrap_or(""))?;
    let month = e.month.map(|m| m.to_string()).unwrap_or_default();
    cells::text(ws, styles, (row, 2), &month)?;
    cells::text(ws, styles, (row, 3), e.status.name())?;
    ws.write_number_with_format(row, 4, e.people as f64, &styles.whole)?;
    cells::number(ws, (row, 5), e.ssi, &styles.fixed)?;
    cells::number(ws, (row, 6), e.ssi_change, &styles.change)?;
    cells::text(ws, styles, (row, 7), e.weakest_component.unwrap_or(""))?;
    ws.write_number_with_format(row, 8, e.alerts as f64, &styles.whole)?;
    cells::text(ws, styles, (row, 9), &e.alert_kinds.join(" "))?;
    ws.write_number_with_format(row, 10, e.rejected_rows as f64, &styles.whole)?;
    for (c, day) in [(11, e.latest_snapshot), (12, e.data_through)] {
        if let Some(day) = day {
            cells::date(ws, styles, (row, c), day)?;
        }
    }
    ws.write_boolean(row, 13, e.stale)?;
    cells::text(ws, styles, (row, 14), e.folder.as_deref().unwrap_or(""))?;
    cells::text(ws, styles, (row, 15), e.problem.as_deref().unwrap_or(""))?;
    Ok(())
}
