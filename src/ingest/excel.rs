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

/// Workbooks from this size up have their sheets read on several threads; below it, starting the threads
/// costs more than it saves (a one-person tracker reads in about a millisecond).
pub const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// Reads every sheet of a workbook held in memory. Sheets of large xlsx and xlsb workbooks are read on
/// several threads, each with its own reader over the same bytes (both formats keep each sheet in its own
/// compressed part); the sheets come back in workbook order whatever the scheduling.
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
    let data: &[u8] = &bytes;
    let parallel = bytes.len() >= PARALLEL_FROM_BYTES;
    match format {
        WorkbookFormat::Xlsx => match Xlsx::new(Cursor::new(data)) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                let open = || Xlsx::new(Cursor::new(data));
                if parallel {
                    read_sheets_parallel(&mut wb, open, date_1904)
                } else {
                    read_sheets(&mut wb, date_1904)
                }
                .map_err(|e| wrap(calamine::Error::Xlsx(e)))
            }
            Err(calamine::XlsxError::Password) => Err(IngestError::Encrypted {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(wrap(calamine::Error::Xlsx(e))),
        },
        WorkbookFormat::Xlsb => match Xlsb::new(Cursor::new(data)) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                let open = || Xlsb::new(Cursor::new(data));
                if parallel {
                    read_sheets_parallel(&mut wb, open, date_1904)
                } else {
                    read_sheets(&mut wb, date_1904)
                }
                .map_err(|e| wrap(calamine::Error::Xlsb(e)))
            }
            Err(e) => Err(wrap(calamine::Error::Xlsb(e))),
        },
        WorkbookFormat::Xls => match Xls::new(Cursor::new(data)) {
            Ok(mut wb) => {
                let date_1904 = wb.has_1904_epoch();
                read_sheets(&mut wb, date_1904).map_err(|e| wrap(calamine::Error::Xls(e)))
            }
            Err(calamine::XlsError::Password) => Err(IngestError::Encrypted {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(wrap(calamine::Error::Xls(e))),
        },
        WorkbookFormat::Ods => match Ods::new(Cursor::new(data)) {
            Ok(mut wb) => read_sheets(&mut wb, false).map_err(|e| wrap(calamine::Error::Ods(e))),
            Err(e) => Err(wrap(calamine::Error::Ods(e))),
        },
    }
}

/// Each sheet's name and whether it is hidden, in workbook order.
fn sheet_list<R, RS>(wb: &R) -> Vec<(String, bool)>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    wb.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

fn read_one<R, RS>(wb: &mut R, name: &str, hidden: bool, date_1904: bool) -> Result<Sheet, R::Error>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    let grid = if hidden {
        Grid::default()
    } else {
        grid_from_range(&wb.worksheet_range(name)?)
    };
    Ok(Sheet {
        name: Some(name.to_string()),
        hidden,
        grid,
        date_1904,
    })
}

fn read_sheets<R, RS>(wb: &mut R, date_1904: bool) -> Result<Vec<Sheet>, R::Error>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    sheet_list(wb)
        .into_iter()
        .map(|(name, hidden)| read_one(wb, &name, hidden, date_1904))
        .collect()
}

/// Reads the visible sheets spread over the worker threads: one reader per thread (opened with `open`),
/// sheets dealt round-robin. With one visible sheet, or one thread, it reads on `wb` alone.
fn read_sheets_parallel<R, RS, F>(
    wb: &mut R,
    open: F,
    date_1904: bool,
) -> Result<Vec<Sheet>, R::Error>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: Send,
    F: Fn() -> Result<R, R::Error> + Sync,
{
    use rayon::prelude::*;
    let list = sheet_list(wb);
    let visible = list.iter().filter(|(_, hidden)| !hidden).count();
    let threads = rayon::current_num_threads().min(visible);
    if threads < 2 {
        return read_sheets(wb, date_1904);
    }
    let lanes: Vec<Vec<Sheet>> = (0..threads)
        .into_par_iter()
        .map(|lane| {
            let mut reader = open()?;
            list.iter()
                .enumerate()
                .filter(|(i, _)| i % threads == lane)
                .map(|(_, (name, hidden))| read_one(&mut reader, name, *hidden, date_1904))
                .collect::<Result<Vec<Sheet>, R::Error>>()
        })
        .collect::<Result<_, _>>()?;
    // Deal the sheets back into workbook order.
    let mut lanes: Vec<std::vec::IntoIter<Sheet>> = lanes.into_iter().map(Vec::into_iter).collect();
    Ok((0..list.len())
        .filter_map(|i| lanes[i % threads].next())
        .collect())
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
