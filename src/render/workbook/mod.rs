//! report.xlsx: the monthly report as a workbook for people who work in Excel and PowerPoint. Sheets in
//! order: Summary, Charts (native charts, one under another, each over the data sheets' ranges so editing a
//! number redraws it), People, Trend, Components, Activity, Linkage, Models, Alerts, Groups (when there are
//! groups), Data quality and Data. Numbers are numbers with number formats, dates are dates, text is never
//! a formula, and the same report gives the same bytes.

mod cells;
mod index_book;
mod native;
mod overview;
mod records;
mod series;
mod statistics;

use super::RenderError;
use crate::analysis::Analysis;
use crate::model::quality::Quality;
use crate::model::Dataset;
use crate::render::charts::ChartId;
use cells::Styles;
use native::Native;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

pub use cells::looks_like_formula;
pub use native::SIZE as CHART_SIZE;

/// The sheets in order, for a report with groups; without them there is no Groups sheet.
pub const SHEETS: [&str; 12] = [
    "Summary",
    "Charts",
    overview::PEOPLE,
    series::TREND,
    series::COMPONENTS,
    series::ACTIVITY,
    "Linkage",
    "Models",
    "Alerts",
    overview::GROUPS,
    "Data quality",
    "Data",
];

/// Rows between the tops of two charts on the Charts sheet (a 540-pixel chart is 27 rows of 20).
const CHART_ROWS: u32 = 30;

/// Renders a batch's index.xlsx, each report's name a link to its report.xlsx.
pub fn index(entries: &[crate::render::index::Entry]) -> Result<Vec<u8>, RenderError> {
    index_book::render(entries).map_err(|e| RenderError::Workbook(e.to_string()))
}

/// Renders report.xlsx.
pub fn render(a: &Analysis, quality: &Quality, dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    build(a, quality, &records::DataTables::of(dataset))
}

fn build(
    a: &Analysis,
    quality: &Quality,
    data: &records::DataTables<'_>,
) -> Result<Vec<u8>, RenderError> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    // Deflate level 3 rather than 6: at 2,000 x 156 the Data sheet's XML took 3 s more to compress at 6,
    // for a file 12% smaller (32.4 MB against 36.8 MB).
    wb.set_zip_compression_level(3);
    // A fixed creation time: the same report gives the same bytes.
    wb.set_properties(
        &DocProperties::new()
            .set_title(crate::render::markdown::title(a, str::to_string))
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    overview::summary(wb.add_worksheet().set_name(SHEETS[0])?, &styles, a)?;
    wb.add_worksheet().set_name(SHEETS[1])?;
    let mut charts: Vec<Native> = Vec::new();
    charts.extend(overview::people(
        wb.add_worksheet().set_name(SHEETS[2])?,
        &styles,
        a,
    )?);
    charts.extend(series::trend(
        wb.add_worksheet().set_name(SHEETS[3])?,
        &styles,
        a,
    )?);
    charts.extend(series::components(
        wb.add_worksheet().set_name(SHEETS[4])?,
        &styles,
        a,
    )?);
    charts.extend(series::activity(
        wb.add_worksheet().set_name(SHEETS[5])?,
        &styles,
        a,
    )?);
    statistics::linkage(wb.add_worksheet().set_name(SHEETS[6])?, &styles, a)?;
    statistics::models(wb.add_worksheet().set_name(SHEETS[7])?, &styles, a)?;
    overview::alerts(wb.add_worksheet().set_name(SHEETS[8])?, &styles, a)?;
    // A report of one group (`--each group`) compares no groups.
    if a.groups.as_ref().is_some_and(|g| g.only_one().is_none()) {
        charts.extend(overview::groups(
            wb.add_worksheet().set_name(SHEETS[9])?,
            &styles,
            a,
        )?);
    }
    records::data_quality(wb.add_worksheet().set_name(SHEETS[10])?, &styles, quality)?;
    records::data(
        wb.add_worksheet_with_low_memory()?.set_name(SHEETS[11])?,
        &styles,
        data,
    )?;
    place_charts(&mut wb, &styles, a, charts)?;
    saved(&mut wb)
}

/// The workbook's bytes, saved through a temporary file and read back at their size: saved to memory,
/// the buffer grew by doubling and held up to twice a large team's workbook while it was written
/// (92 MB at 5,000 people x 156 weeks). Without a usable temporary folder it is saved to memory.
fn saved(wb: &mut Workbook) -> Result<Vec<u8>, RenderError> {
    use std::io::{Read, Seek};
    let Ok(mut file) = tempfile::tempfile() else {
        return Ok(wb.save_to_buffer()?);
    };
    wb.save_to_writer(&mut file)?;
    let io = |e: std::io::Error| RenderError::Workbook(format!("cannot read it back: {e}"));
    let len = file.stream_position().map_err(io)?;
    file.rewind().map_err(io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// The charts on the Charts sheet in the report's order, one under another, only those the report itself
/// shows. Above each, its title in a cell that the chart's title reads (so a name that looks like a cell
/// reference stays text); where the PNG shows a note instead of a chart (too little data), the note.
fn place_charts(
    wb: &mut Workbook,
    styles: &Styles,
    a: &Analysis,
    mut charts: Vec<Native>,
) -> Result<(), XlsxError> {
    let order = |id: ChartId| ChartId::ALL.iter().position(|x| *x == id);
    charts.retain(|c| c.id.shown_for(a));
    charts.sort_by_key(|c| order(c.id));
    let ws = wb.worksheet_from_name(SHEETS[1])?;
    // Printed (and converted to PDF) a chart to a landscape page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_column_width(0, 100)?;
    let mut breaks = Vec::new();
    for (k, c) in charts.iter_mut().enumerate() {
        let row = k as u32 * CHART_ROWS;
        if row > 0 {
            breaks.push(row);
        }
        cells::headers_at(ws, styles, (row, 0), &c.title)?;
        match crate::render::charts::heading_of(c.id, a).1 {
            Some(note) => cells::text(ws, styles, (row + 1, 0), note)?,
            None => {
                c.chart.title().set_name((SHEETS[1], row, 0));
                ws.insert_chart(row + 1, 0, &c.chart)?;
            }
        }
    }
    ws.set_page_breaks(&breaks)?;
    Ok(())
}
