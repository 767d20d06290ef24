//! Reads workbooks (xlsx, xlsm, xlsb, xls, ods) into cell grids with calamine, choosing the reader from the
//! file's content. It keeps calamine's typed errors and reports hidden sheets; it does not interpret cells.

use super::error::IngestError;
use super::grid::{sheet_label, Cell, Grid, Sheet};
use super::limits::{Limit, Limits};
use calamine::{Data, DataRef, DataType as _, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx};
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
    limits: &Limits,
) -> Result<Vec<Sheet>, IngestError> {
    let data: &[u8] = &bytes;
    let parallel = bytes.len() >= PARALLEL_FROM_BYTES;
    let read = Reading {
        path,
        format,
        limits,
    };
    match format {
        WorkbookFormat::Xlsx => read.sheets::<Xlsx<_>>(data, parallel),
        WorkbookFormat::Xlsb => read.sheets::<Xlsb<_>>(data, parallel),
        WorkbookFormat::Xls => read.sheets::<Xls<_>>(data, false),
        WorkbookFormat::Ods => read.sheets::<Ods<_>>(data, false),
    }
}

/// A workbook reader of one format over bytes in memory.
trait Workbook<'a>: SheetCells<Cursor<&'a [u8]>> + Sized {
    /// Opens the workbook.
    fn open(data: &'a [u8]) -> Result<Self, Self::Error>;
    /// Whether its serial dates count from 1904.
    fn date_1904(&self) -> bool;
    /// Its error as calamine's.
    fn calamine(e: Self::Error) -> calamine::Error;
    /// Whether an error says the workbook is password protected.
    fn is_password(_e: &Self::Error) -> bool {
        false
    }
}

/// Implements `Workbook` for a calamine reader: the variant of `calamine::Error` its errors go in, how it
/// tells a workbook counts dates from 1904, and (for formats that have one) the error for a password.
macro_rules! workbook {
    ($reader:ident, $variant:ident, $date_1904:expr $(, $password:pat)?) => {
        impl<'a> Workbook<'a> for $reader<Cursor<&'a [u8]>> {
            fn open(data: &'a [u8]) -> Result<Self, Self::Error> {
                $reader::new(Cursor::new(data))
            }
            fn date_1904(&self) -> bool {
                $date_1904(self)
            }
            fn calamine(e: Self::Error) -> calamine::Error {
                calamine::Error::$variant(e)
            }
            $(fn is_password(e: &Self::Error) -> bool {
                matches!(e, $password)
            })?
        }
    };
}

workbook!(
    Xlsx,
    Xlsx,
    Xlsx::has_1904_epoch,
    calamine::XlsxError::Password
);
workbook!(Xlsb, Xlsb, Xlsb::has_1904_epoch);
workbook!(Xls, Xls, Xls::has_1904_epoch, calamine::XlsError::Password);
workbook!(Ods, Ods, |_: &Ods<_>| false);

/// A workbook file being read: its name for errors, its format and the limits.
struct Reading<'p> {
    path: &'p Path,
    format: WorkbookFormat,
    limits: &'p Limits,
}

impl Reading<'_> {
    /// Opens the workbook with `W` and reads its sheets (on several threads when `parallel`).
    fn sheets<'a, W>(&self, data: &'a [u8], parallel: bool) -> Result<Vec<Sheet>, IngestError>
    where
        W: Workbook<'a>,
        W::Error: Send,
    {
        let mut wb = W::open(data).map_err(|e| self.open_error::<W>(e))?;
        let reading = SheetReading {
            date_1904: wb.date_1904(),
            limits: self.limits,
        };
        let sheets = if parallel {
            reading.all_in_parallel(&mut wb, || W::open(data))
        } else {
            reading.all(&mut wb)
        };
        sheets.map_err(|e| self.sheet_error::<W>(e))
    }

    fn open_error<'a, W: Workbook<'a>>(&self, e: W::Error) -> IngestError {
        if W::is_password(&e) {
            IngestError::Encrypted {
                path: self.path.to_path_buf(),
            }
        } else {
            self.unreadable(W::calamine(e))
        }
    }

    fn sheet_error<'a, W: Workbook<'a>>(&self, e: SheetError<W::Error>) -> IngestError {
        match e {
            SheetError::Reader(e) => self.unreadable(W::calamine(e)),
            SheetError::Limit(sheet, limit, found) => {
                let place = Some(sheet_label(&sheet));
                IngestError::limit_exceeded(self.path, place, limit, found, true, self.limits)
            }
        }
    }

    fn unreadable(&self, source: calamine::Error) -> IngestError {
        IngestError::Workbook {
            path: self.path.to_path_buf(),
            format: self.format.name(),
            source,
        }
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

/// Why a sheet could not be read: the reader's own error, or a limit passed (sheet, limit, count so far).
#[derive(Debug)]
pub enum SheetError<E> {
    /// The workbook reader failed.
    Reader(E),
    /// The sheet passed a row or cell limit.
    Limit(String, Limit, u64),
}

impl<E> From<E> for SheetError<E> {
    fn from(e: E) -> SheetError<E> {
        SheetError::Reader(e)
    }
}

/// Reads one sheet's cells. xlsx and xlsb sheets stream cell by cell, so a limit stops the read before
/// the sheet is held; other formats are read whole by calamine (xls is bounded by its format, ods was
/// checked before opening).
pub trait SheetCells<RS>: Reader<RS>
where
    RS: std::io::Read + std::io::Seek,
{
    /// The sheet's grid, or the limit it passed.
    fn sheet_grid(&mut self, name: &str, limits: &Limits) -> Result<Grid, SheetError<Self::Error>> {
        let range = self.worksheet_range(name)?;
        let (height, width) = range.get_size();
        let (height, width) = (height as u64, width as u64);
        if height > limits.max_rows {
            return Err(SheetError::Limit(name.to_string(), Limit::Rows, height));
        }
        if height.saturating_mul(width) > limits.max_cells {
            return Err(SheetError::Limit(
                name.to_string(),
                Limit::Cells,
                height * width,
            ));
        }
        Ok(grid_from_range(&range))
    }
}

impl<RS: std::io::Read + std::io::Seek> SheetCells<RS> for Xlsx<RS> {
    fn sheet_grid(&mut self, name: &str, limits: &Limits) -> Result<Grid, SheetError<Self::Error>> {
        let mut reader = match self.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            // A chart sheet has no cells.
            Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Grid::default()),
            Err(e) => return Err(e.into()),
        };
        let mut builder = GridBuilder::new(name, limits);
        while let Some(cell) = reader.next_cell()? {
            let (row, col) = cell.get_position();
            builder.push(row, col, cell.get_value())?;
        }
        builder.finish()
    }
}

impl<RS: std::io::Read + std::io::Seek> SheetCells<RS> for Xlsb<RS> {
    fn sheet_grid(&mut self, name: &str, limits: &Limits) -> Result<Grid, SheetError<Self::Error>> {
        let mut reader = self.worksheet_cells_reader(name)?;
        let mut builder = GridBuilder::new(name, limits);
        while let Some(cell) = reader.next_cell()? {
            let (row, col) = cell.get_position();
            builder.push(row, col, cell.get_value())?;
        }
        builder.finish()
    }
}

impl<RS: std::io::Read + std::io::Seek> SheetCells<RS> for Xls<RS> {}
impl<RS: std::io::Read + std::io::Seek> SheetCells<RS> for Ods<RS> {}

/// Lays streamed cells (only those with content) out as a grid as they arrive, refusing a sheet whose
/// grid would pass the limits (a cell far out at XFD1048576 widens its row; a cell a million rows down
/// adds a million rows) before growing it. Rows are indexed from the first cell's row and columns from
/// A; leading empty columns are dropped at the end.
struct GridBuilder<'a> {
    sheet: &'a str,
    limits: &'a Limits,
    rows: Vec<Vec<Cell>>,
    first_row: u32,
    laid_out: u64,
    widest: usize,
}

impl<'a> GridBuilder<'a> {
    fn new(sheet: &'a str, limits: &'a Limits) -> GridBuilder<'a> {
        GridBuilder {
            sheet,
            limits,
            rows: Vec::new(),
            first_row: 0,
            laid_out: 0,
            widest: 0,
        }
    }

    fn limit<E>(&self, limit: Limit, found: u64) -> SheetError<E> {
        SheetError::Limit(self.sheet.to_string(), limit, found)
    }

    fn push<E>(&mut self, row: u32, col: u32, value: &DataRef<'_>) -> Result<(), SheetError<E>> {
        let cell = convert_cell_ref(value);
        if cell.is_blank() {
            return Ok(());
        }
        if self.rows.is_empty() {
            self.first_row = row;
        } else if row < self.first_row {
            // Rows out of order, above the first one seen: make room at the top.
            let more = (self.first_row - row) as usize;
            if (self.rows.len() + more) as u64 > self.limits.max_rows {
                return Err(self.limit(Limit::Rows, (self.rows.len() + more) as u64));
            }
            self.rows
                .splice(0..0, std::iter::repeat_n(Vec::new(), more));
            self.first_row = row;
        }
        let at = (row - self.first_row) as usize;
        if at >= self.rows.len() {
            if at as u64 >= self.limits.max_rows {
                return Err(self.limit(Limit::Rows, at as u64 + 1));
            }
            self.rows.resize(at + 1, Vec::new());
        }
        let col = col as usize;
        let cells = &mut self.rows[at];
        if cells.len() <= col {
            let grow = (col + 1 - cells.len()) as u64;
            if self.laid_out + grow > self.limits.max_cells {
                return Err(SheetError::Limit(
                    self.sheet.to_string(),
                    Limit::Cells,
                    self.laid_out + grow,
                ));
            }
            self.laid_out += grow;
            // Rows are usually as wide as the widest so far: room for that at once, and no more (growing
            // one cell at a time would double the capacity and hold up to twice the memory).
            if cells.capacity() < col + 1 {
                cells.reserve_exact(self.widest.max(col + 1) - cells.len());
            }
            cells.resize(col + 1, Cell::Empty);
            self.widest = self.widest.max(col + 1);
        }
        cells[col] = cell;
        Ok(())
    }

    fn finish<E>(mut self) -> Result<Grid, SheetError<E>> {
        let first_col = self
            .rows
            .iter()
            .filter_map(|r| r.iter().position(|c| !c.is_blank()))
            .min()
            .unwrap_or(0);
        if first_col > 0 {
            for row in &mut self.rows {
                row.drain(..first_col.min(row.len()));
            }
        }
        Ok(Grid {
            rows: self.rows,
            first_row: self.first_row,
            first_col: first_col as u32,
        })
    }
}

/// How a workbook's sheets are read: its date system and the limits.
#[derive(Debug, Clone, Copy)]
struct SheetReading<'l> {
    date_1904: bool,
    limits: &'l Limits,
}

impl SheetReading<'_> {
    /// One sheet.
    fn one<R, RS>(
        &self,
        wb: &mut R,
        name: &str,
        hidden: bool,
    ) -> Result<Sheet, SheetError<R::Error>>
    where
        R: SheetCells<RS>,
        RS: std::io::Read + std::io::Seek,
    {
        // A hidden sheet is read too, since it may be a roster (a "Lists" sheet of people and their
        // groups); one that cannot be read is listed without its cells rather than failing the file.
        let grid = if hidden {
            wb.sheet_grid(name, self.limits).unwrap_or_default()
        } else {
            wb.sheet_grid(name, self.limits)?
        };
        Ok(Sheet {
            name: Some(name.to_string()),
            hidden,
            grid,
            date_1904: self.date_1904,
        })
    }

    /// Every sheet, in workbook order.
    fn all<R, RS>(&self, wb: &mut R) -> Result<Vec<Sheet>, SheetError<R::Error>>
    where
        R: SheetCells<RS>,
        RS: std::io::Read + std::io::Seek,
    {
        sheet_list(wb)
            .into_iter()
            .map(|(name, hidden)| self.one(wb, &name, hidden))
            .collect()
    }

    /// Every sheet, the visible ones spread over the worker threads: one reader per thread (opened with
    /// `open`), sheets dealt round-robin. With one visible sheet, or one thread, it reads on `wb` alone.
    fn all_in_parallel<R, RS, F>(
        &self,
        wb: &mut R,
        open: F,
    ) -> Result<Vec<Sheet>, SheetError<R::Error>>
    where
        R: SheetCells<RS>,
        RS: std::io::Read + std::io::Seek,
        R::Error: Send,
        F: Fn() -> Result<R, R::Error> + Sync,
    {
        use rayon::prelude::*;
        let list = sheet_list(wb);
        let visible = list.iter().filter(|(_, hidden)| !hidden).count();
        let threads = rayon::current_num_threads().min(visible);
        if threads < 2 {
            return self.all(wb);
        }
        let lanes: Vec<Vec<Sheet>> = (0..threads)
            .into_par_iter()
            .map(|lane| {
                let mut reader = open()?;
                list.iter()
                    .enumerate()
                    .filter(|(i, _)| i % threads == lane)
                    .map(|(_, (name, hidden))| self.one(&mut reader, name, *hidden))
                    .collect::<Result<Vec<Sheet>, SheetError<R::Error>>>()
            })
            .collect::<Result<_, _>>()?;
        // Deal the sheets back into workbook order.
        let mut lanes: Vec<std::vec::IntoIter<Sheet>> =
            lanes.into_iter().map(Vec::into_iter).collect();
        Ok((0..list.len())
            .filter_map(|i| lanes[i % threads].next())
            .collect())
    }
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

fn convert_cell_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::SharedString(s) if s.trim().is_empty() => Cell::Empty,
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::String(s) if s.trim().is_empty() => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.as_str().into()),
        DataRef::Bool(b) => Cell::Bool(*b),
        other => convert_cell(&Data::from(other.clone())),
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
                Cell::Text(s.as_str().into())
            }
        }
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(_) => match data.as_datetime() {
            Some(dt) => Cell::DateTime(dt),
            None => Cell::Error(format!("date cell out of range ({data})").into()),
        },
        // ODS stores dates as ISO text: "2025-10-06" or "2025-10-06T09:30:00".
        Data::DateTimeIso(s) => match data.as_datetime() {
            Some(dt) => Cell::DateTime(dt),
            None => match data.as_date() {
                Some(d) => Cell::DateTime(d.and_time(chrono::NaiveTime::MIN)),
                None => Cell::Text(s.as_str().into()),
            },
        },
        Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> DataRef<'static> {
        DataRef::String(s.to_string())
    }

    #[test]
    fn streamed_cells_lay_out_in_order_whatever_order_they_come_in() {
        let limits = Limits::default();
        let mut b = GridBuilder::new("S", &limits);
        // C5, then D4 (a row above), then E5, a blank and B7: the grid starts at row 4, column B.
        for (row, col, v) in [
            (4, 2, "c5"),
            (3, 3, "d4"),
            (4, 4, "e5"),
            (5, 1, " "),
            (6, 1, "b7"),
        ] {
            b.push::<()>(row, col, &text(v)).unwrap();
        }
        let grid = b.finish::<()>().unwrap();
        assert_eq!((grid.first_row, grid.first_col), (3, 1));
        assert_eq!(grid.rows.len(), 4);
        assert_eq!(grid.cell(0, 2), &Cell::Text("d4".into()));
        assert_eq!(grid.cell(1, 1), &Cell::Text("c5".into()));
        assert_eq!(grid.cell(1, 3), &Cell::Text("e5".into()));
        assert!(grid.rows[2].is_empty());
        assert_eq!(grid.cell(3, 0), &Cell::Text("b7".into()));
    }

    #[test]
    fn a_far_cell_is_refused_before_its_row_is_grown() {
        let limits = Limits {
            max_cells: 1000,
            max_rows: 100,
            ..Limits::default()
        };
        let mut b = GridBuilder::new("S", &limits);
        b.push::<()>(0, 0, &text("a1")).unwrap();
        let wide = b.push::<()>(0, 16_383, &text("far"));
        assert!(matches!(
            wide,
            Err(SheetError::Limit(_, Limit::Cells, 16_384))
        ));
        let deep = b.push::<()>(1_048_575, 0, &text("far"));
        assert!(matches!(
            deep,
            Err(SheetError::Limit(_, Limit::Rows, 1_048_576))
        ));
    }
}
