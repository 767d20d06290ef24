//! index.xlsx: a batch's index as a workbook, the rows of index.csv in the index's order (failures first),
//! each report's name a link to its report.xlsx (or its folder when it has none).

use super::cells::{self, Styles};
use crate::render::index::Entry;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Url, Workbook, Worksheet, XlsxError};

/// The Index sheet's columns.
pub const HEADERS: [&str; 14] = [
    "Report",
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
    "Stale",
    "Folder",
    "Problem",
];

/// Renders index.xlsx; `linked` names the file each report's link opens (`report.xlsx`), `None` for
/// the folder.
pub fn render(entries: &[Entry], linked: Option<&str>) -> Result<Vec<u8>, XlsxError> {
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
        row(ws, &styles, i as u32 + 1, e, linked)?;
    }
    if !entries.is_empty() {
        ws.autofilter(0, 0, entries.len() as u32, HEADERS.len() as u16 - 1)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(6, 30)?;
    ws.set_column_width(13, 80)?;
    wb.save_to_buffer()
}

fn row(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    e: &Entry,
    linked: Option<&str>,
) -> Result<(), XlsxError> {
    match &e.folder {
        Some(folder) => {
            let target = match linked {
                Some(file) => format!("file:///{folder}/{file}"),
                None => format!("file:///{folder}/"),
            };
            // A link's text is never a formula: Excel shows it as written.
            ws.write_url_with_text(row, 0, Url::new(target), e.report.as_str())?;
        }
        None => cells::text(ws, styles, (row, 0), &e.report)?,
    }
    cells::text(
        ws,
        styles,
        (row, 1),
        &e.month.map(|m| m.to_string()).unwrap_or_default(),
    )?;
    cells::text(ws, styles, (row, 2), e.status.name())?;
    ws.write_number_with_format(row, 3, e.people as f64, &styles.whole)?;
    cells::number(ws, (row, 4), e.ssi, &styles.fixed)?;
    cells::number(ws, (row, 5), e.ssi_change, &styles.change)?;
    cells::text(ws, styles, (row, 6), e.weakest_component.unwrap_or(""))?;
    ws.write_number_with_format(row, 7, e.alerts as f64, &styles.whole)?;
    cells::text(ws, styles, (row, 8), &e.alert_kinds.join(" "))?;
    ws.write_number_with_format(row, 9, e.rejected_rows as f64, &styles.whole)?;
    if let Some(day) = e.latest_snapshot {
        cells::date(ws, styles, (row, 10), day)?;
    }
    ws.write_boolean(row, 11, e.stale)?;
    cells::text(ws, styles, (row, 12), e.folder.as_deref().unwrap_or(""))?;
    cells::text(ws, styles, (row, 13), e.problem.as_deref().unwrap_or(""))?;
    Ok(())
}
