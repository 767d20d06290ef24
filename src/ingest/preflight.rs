//! Checks a file against the resource limits before a reader opens it: its size, then what it declares
//! before anything is allocated for its content: the sizes a ZIP's directory declares, and the counts a
//! workbook declares up front (shared strings, ODS repeats, xls sheet dimensions), from which readers
//! would size their buffers.

use super::error::IngestError;
use super::grid::sheet_label;
use super::limits::{Limit, Limits};
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use std::path::Path;

/// Checks a file's size from its metadata, before it is read.
pub fn check_file_size(path: &Path, len: u64, limits: &Limits) -> Result<(), IngestError> {
    if len > limits.max_file_bytes {
        return Err(IngestError::limit_exceeded(
            path,
            None,
            Limit::FileSize,
            len,
            false,
            limits,
        ));
    }
    Ok(())
}

/// Checks a ZIP container (xlsx, xlsb, ods, LinkedIn archive) before a reader opens it: the unpacked size
/// its directory declares, then what the workbook declares it will allocate. The declared sizes bound the
/// real ones: the ZIP reader stops any part at its declared size with an error, so a directory that
/// understates them (to slip a bomb past this check) makes the file unreadable, not large. A container the
/// ZIP reader cannot open is left to the format's reader to report.
pub fn check_zip(path: &Path, bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let declared: u64 = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > limits.max_unpacked_bytes {
        return Err(IngestError::limit_exceeded(
            path,
            None,
            Limit::UnpackedSize,
            declared,
            false,
            limits,
        ));
    }
    if let Ok(entry) = archive.by_name("xl/sharedStrings.xml") {
        let mut head = Vec::with_capacity(4096);
        // A part that does not unpack is the workbook reader's to report.
        let _ = entry.take(4096).read_to_end(&mut head);
        check_declared_strings(path, &head, limits)?;
    }
    Ok(())
}

/// The shared-strings part declares how many strings it holds, and readers reserve room for that many up
/// front: a declared count above the cell limit is refused.
fn check_declared_strings(path: &Path, head: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let text = String::from_utf8_lossy(head);
    for attr in ["uniqueCount=\"", "count=\""] {
        if let Some(start) = text.find(attr) {
            let digits: String = text[start + attr.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let count = digits.parse::<u64>().unwrap_or(u64::MAX);
            if count > limits.max_cells {
                return Err(IngestError::limit_exceeded(
                    path,
                    Some("shared strings".into()),
                    Limit::Cells,
                    count,
                    false,
                    limits,
                ));
            }
        }
    }
    Ok(())
}

/// Counts the cells an ODS `content.xml` expands to once its repeat attributes are applied (a row of
/// content repeated a million times is a million rows), sheet by sheet, and refuses a sheet over the row
/// or cell limit. Trailing empty cells and rows, which spreadsheet programs write with huge repeat counts,
/// are not expanded by the reader and are not counted.
pub fn check_ods_expansion(path: &Path, bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(entry) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buf = Vec::new();
    let mut tally = OdsTally::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        if let Some((limit, found)) = tally.feed(event, limits) {
            let place = Some(sheet_label(&tally.sheet));
            return Err(IngestError::limit_exceeded(
                path, place, limit, found, true, limits,
            ));
        }
        buf.clear();
    }
    Ok(())
}

/// What an ODS sheet expands to so far, counted as its XML streams past.
#[derive(Debug, Default)]
struct OdsTally {
    /// The sheet being counted.
    sheet: String,
    /// Rows and cells with content so far in the sheet (empty rows between them included).
    rows: u64,
    cells: u64,
    /// Empty rows not yet followed by a row with content.
    pending_rows: u64,
    /// The current row: how often it repeats, its width up to its last cell with content, the empty cells
    /// after that, and whether one is open.
    row_repeat: u64,
    row_width: u64,
    row_pending: u64,
    in_row: bool,
}

impl OdsTally {
    /// Counts one XML event; the limit passed and the count that passed it, if one is.
    fn feed(&mut self, event: Event<'_>, limits: &Limits) -> Option<(Limit, u64)> {
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => self.open(&e, is_empty),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                self.end_row();
                if self.rows > limits.max_rows {
                    return Some((Limit::Rows, self.rows));
                }
                if self.cells > limits.max_cells {
                    return Some((Limit::Cells, self.cells));
                }
            }
            _ => {}
        }
        None
    }

    /// An element opens (or is self-closed): a sheet, a row or a cell.
    fn open(&mut self, e: &BytesStart<'_>, self_closed: bool) {
        match e.name().as_ref() {
            "table:table" => {
                self.sheet = attribute(e, "table:name").unwrap_or_default();
                (self.rows, self.cells, self.pending_rows) = (0, 0, 0);
            }
            "table:table-row" if self_closed => {
                // A self-closed row has no cells.
                let n = repeat(e, "table:number-rows-repeated");
                self.pending_rows = self.pending_rows.saturating_add(n);
            }
            "table:table-row" => {
                self.row_repeat = repeat(e, "table:number-rows-repeated");
                (self.row_width, self.row_pending, self.in_row) = (0, 0, true);
            }
            "table:table-cell" | "table:covered-table-cell" if self.in_row => {
                let n = repeat(e, "table:number-columns-repeated");
                if has_content(e) {
                    self.row_width = self
                        .row_width
                        .saturating_add(self.row_pending)
                        .saturating_add(n);
                    self.row_pending = 0;
                } else {
                    self.row_pending = self.row_pending.saturating_add(n);
                }
            }
            _ => {}
        }
    }

    /// A row closes: an empty one waits to see whether content follows it, one with content counts.
    fn end_row(&mut self) {
        self.in_row = false;
        if self.row_width == 0 {
            self.pending_rows = self.pending_rows.saturating_add(self.row_repeat);
        } else {
            self.rows = self
                .rows
                .saturating_add(self.pending_rows)
                .saturating_add(self.row_repeat);
            self.pending_rows = 0;
            let cells = self.row_width.saturating_mul(self.row_repeat);
            self.cells = self.cells.saturating_add(cells);
        }
    }
}

/// An attribute's value.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// A repeat count attribute (1 when absent or unreadable).
fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attribute(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Whether a cell holds a value or a formula.
fn has_content(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            "office:value-type" | "calcext:value-type" | "table:formula"
        )
    })
}

/// Checks the DIMENSIONS records of a legacy Excel (xls) workbook, from which the reader sizes each
/// sheet before reading it: a declared sheet over the row or cell limit, or a range that ends before it
/// starts, is refused before anything is allocated for it. The records are found the way the reader
/// finds them: each sheet's records from the offset its BOUNDSHEET record gives, up to the sheet's EOF,
/// nested substreams (embedded charts) included. A compound file that does not open cleanly is refused
/// as damaged, since the check cannot see inside it.
pub fn check_xls_dimensions(path: &Path, bytes: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let Some(stream) = workbook_stream(path, bytes, limits)? else {
        // No workbook stream: the workbook reader says so.
        return Ok(());
    };
    let sheet_offsets: Vec<usize> = records(&stream, 0)
        .filter(|(typ, data)| *typ == BOUNDSHEET && data.len() >= 4)
        .map(|(_, d)| u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .collect();
    for offset in sheet_offsets {
        let mut depth = 0usize;
        for (typ, data) in records(&stream, offset) {
            match typ {
                BOF => depth += 1,
                EOF if depth <= 1 => break,
                EOF => depth -= 1,
                DIMENSIONS => check_dimensions(path, data, limits)?,
                _ => {}
            }
        }
    }
    Ok(())
}

/// xls record types ([MS-XLS] 2.3): a sheet's name and offset, the start and end of a substream, and a
/// sheet's used range.
const BOUNDSHEET: u16 = 0x0085;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const DIMENSIONS: u16 = 0x0200;

/// The workbook stream of a compound file, read up to the unpacked-size limit; `None` when there is no
/// such stream.
fn workbook_stream(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Option<Vec<u8>>, IngestError> {
    let damaged = |what: String| IngestError::Unsupported {
        path: path.to_path_buf(),
        reason: format!("{what}; the file is damaged or crafted, open it and save it again"),
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(format!("its compound-file container does not open ({e})")))?;
    let Some(name) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
    else {
        return Ok(None);
    };
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|s| {
            s.take(limits.max_unpacked_bytes.saturating_add(1))
                .read_to_end(&mut stream)
        })
        .map_err(|e| damaged(format!("its workbook stream does not read ({e})")))?;
    let read = stream.len() as u64;
    if read > limits.max_unpacked_bytes {
        let limit = Limit::UnpackedSize;
        return Err(IngestError::limit_exceeded(
            path, None, limit, read, true, limits,
        ));
    }
    Ok(Some(stream))
}

/// The records of a stream from `from` on. Records are a type, a length and that many bytes; a record
/// that runs past the end ends the walk.
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// One DIMENSIONS record ([MS-XLS] 2.4.90: first row, last row + 1, first column, last column + 1).
fn check_dimensions(path: &Path, data: &[u8], limits: &Limits) -> Result<(), IngestError> {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([data[i], data[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let (first_row, end_row, first_col, end_col) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return Ok(()),
    };
    if end_row == 0 || end_col == 0 {
        return Ok(());
    }
    let first_col = if first_col > 0xFF || end_col <= first_col {
        0
    } else {
        first_col
    };
    if end_row <= first_row {
        return Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "a sheet declares rows {} to {end_row}, which end before they start; the file is damaged or crafted, open it and save it again",
                u64::from(first_row) + 1
            ),
        });
    }
    let rows = u64::from(end_row - first_row);
    let cells = rows.saturating_mul(u64::from(end_col - first_col));
    if rows > limits.max_rows {
        return Err(IngestError::limit_exceeded(
            path,
            None,
            Limit::Rows,
            rows,
            false,
            limits,
        ));
    }
    if cells > limits.max_cells {
        return Err(IngestError::limit_exceeded(
            path,
            None,
            Limit::Cells,
            cells,
            false,
            limits,
        ));
    }
    Ok(())
}
