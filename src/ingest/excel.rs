//! Reads workbooks (xlsx, xlsm, xlsb, xls, ods) into cell grids with calamine, choosing the reader from the
//! file's content. It keeps calamine's typed errors and reports hidden sheets; it does not interpret cells.

use super::error::IngestError;
use super::grid::{Cell, Grid, Sheet};
use calamine::{Data, DataType as _, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// The workbook formats calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// Office Open XML (xlsx, xlsm).
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Legacy Excel 97-2003.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

impl WorkbookFormat {
    /// A display name.
    pub fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xlsb => "xlsb",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}

/// Reads every sheet of a workbook held in memory.
pub fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    format: WorkbookFormat,
) -> Result<Vec<Sheet>, IngestError> {
    let wrap = |source: calamine::Error| IngestError::Workbook {
        path: path.to_path_buf(),
        format: format.name(),
        source,
    };
    let cursor = Cursor::new(bytes);
    match format {
        WorkbookFormat::Xlsx => match Xlsx::new(cursor) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                read_sheets(&mut wb, date_1904).map_err(|e| wrap(calamine::Error::Xlsx(e)))
            }
            Err(calamine::XlsxError::Password) => Err(IngestError::Encrypted {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(wrap(calamine::Error::Xlsx(e))),
        },
        WorkbookFormat::Xlsb => match Xlsb::new(cursor) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                read_sheets(&mut wb, date_1904).map_err(|e| wrap(calamine::Error::Xlsb(e)))
            }
            Err(e) => Err(wrap(calamine::Error::Xlsb(e))),
        },
        WorkbookFormat::Xls => match Xls::new(cursor) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                read_sheets(&mut wb, date_1904).map_err(|e| wrap(calamine::Error::Xls(e)))
            }
            Err(calamine::XlsError::Password) => Err(IngestError::Encrypted {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(wrap(calamine::Error::Xls(e))),
        },
        WorkbookFormat::Ods => match Ods::new(cursor) {
            Ok(mut wb) => read_sheets(&mut wb, false).map_err(|e| wrap(calamine::Error::Ods(e))),
            Err(e) => Err(wrap(calamine::Error::Ods(e))),
        },
    }
}

fn read_sheets<R, RS>(wb: &mut R, date_1904: bool) -> Result<Vec<Sheet>, R::Error>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    let meta: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::with_capacity(meta.len());
    for (name, hidden) in meta {
        if hidden {
            sheets.push(Sheet {
                name: Some(name),
                hidden,
                grid: Grid::default(),
                date_1904,
            });
            continue;
        }
        let range = wb.worksheet_range(&name)?;
        sheets.push(Sheet {
            name: Some(name),
            hidden,
            grid: grid_from_range(&range),
            date_1904,
        });
    }
    Ok(sheets)
}

fn grid_from_range(range: &calamine::Range<Data>) -> Grid {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|row| {
            let mut cells: Vec<Cell> = row.iter().map(convert_cell).collect();
            while cells.last().is_some_and(Cell::is_blank) {
                cells.pop();
            }
            cells
        })
        .collect();
    Grid {
        rows,
        first_row,
        first_col,
    }
}

fn convert_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(_) => match data.as_datetime() {
            Some(dt) => Cell::DateTime(dt),
            None => Cell::Error(format!("date cell out of range ({data})")),
        },
        // ODS stores dates as ISO text: "2025-10-06" or "2025-10-06T09:30:00".
        Data::DateTimeIso(s) => match data.as_datetime() {
            Some(dt) => Cell::DateTime(dt),
            None => match data.as_date() {
                Some(d) => Cell::DateTime(d.and_time(chrono::NaiveTime::MIN)),
                None => Cell::Text(s.clone()),
            },
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}
