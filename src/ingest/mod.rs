//! Ingestion: files and folders in, typed rows out. Finds the supported files, recognises each by its
//! content (not its extension), reads workbooks and delimited text into grids, and turns each sheet into
//! SSI and activity rows while accounting for every row. Duplicated snapshots are settled here too.

pub mod error;
pub mod excel;
pub mod grid;
pub mod headers;
pub mod table;
pub mod text;
pub mod values;

pub use error::IngestError;
pub use table::{ColumnMapping, Rejection, SheetFindings, TableKind};

use crate::model::records::{ActivityTable, SsiRow};
use excel::WorkbookFormat;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// File extensions picked up when scanning a folder.
pub const SUPPORTED_EXTENSIONS: [&str; 8] =
    ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

/// Options that change how tables are read.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The person for tables with no person column (else the file name is used).
    pub person: Option<String>,
}

/// One sheet (or text file) that was read, with what was found in it.
#[derive(Debug, Clone)]
pub struct SourceTable {
    /// The file, as given or found under a given folder.
    pub path: String,
    /// The detected format (xlsx, xls, csv, ...).
    pub format: String,
    /// The sheet name; `None` for text files.
    pub sheet: Option<String>,
    /// Encoding and delimiter, for text files.
    pub text: Option<(String, char)>,
    /// Problems the reader worked around, one sentence each.
    pub notes: Vec<String>,
    /// What was found.
    pub findings: SheetFindings,
}

/// A file that could not be read.
#[derive(Debug)]
pub struct FileFailure {
    /// The file.
    pub path: String,
    /// Why.
    pub error: IngestError,
}

/// Everything ingestion produced.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Every sheet read, in file then sheet order.
    pub sources: Vec<SourceTable>,
    /// Files that could not be read at all.
    pub failures: Vec<FileFailure>,
    /// SSI snapshots, duplicates removed.
    pub ssi: Vec<SsiRow>,
    /// Activity tables.
    pub activity: Vec<ActivityTable>,
}

impl Ingested {
    /// Every rejected row, with the file it came from.
    pub fn rejections(&self) -> impl Iterator<Item = (&SourceTable, &Rejection)> {
        self.sources
            .iter()
            .flat_map(|s| s.findings.rejections.iter().map(move |r| (s, r)))
    }
}

/// Expands the inputs into the list of files to read: files as given, folders scanned (recursively,
/// sorted, hidden files, Office lock files and linked folders skipped) for supported extensions.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            scan_dir(input, &mut found)?;
            found.sort();
            files.extend(found);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            return Err(IngestError::NotFound {
                path: input.clone(),
            });
        }
    }
    Ok(files)
}

fn scan_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let entries = std::fs::read_dir(dir).map_err(|source| IngestError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| IngestError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        // Symbolic links to folders are not followed: a link loop would read the same files forever.
        let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
        if path.is_dir() && !is_link {
            scan_dir(&path, out)?;
        } else if has_supported_extension(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn has_supported_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A workbook calamine reads.
    Workbook(WorkbookFormat),
    /// Delimited text.
    Text,
}

/// Recognises a file by content: ZIP containers by the entries they hold, CFB (legacy Excel or an
/// encrypted Office file), else text.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Result<Detected, IngestError> {
    let unsupported = |reason: &str| IngestError::Unsupported {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if contains(bytes, b"xl/workbook.bin") {
            Ok(Detected::Workbook(WorkbookFormat::Xlsb))
        } else if contains(bytes, b"xl/workbook.xml") {
            Ok(Detected::Workbook(WorkbookFormat::Xlsx))
        } else if contains(bytes, b"content.xml") {
            Ok(Detected::Workbook(WorkbookFormat::Ods))
        } else {
            Err(unsupported(
                "a ZIP archive with no workbook inside (no xl/workbook.xml or content.xml)",
            ))
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if contains(bytes, &encrypted) {
            return Err(IngestError::Encrypted {
                path: path.to_path_buf(),
            });
        }
        return Ok(Detected::Workbook(WorkbookFormat::Xls));
    }
    let has_bom = encoding_rs::Encoding::for_bom(bytes).is_some();
    if !has_bom && bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(unsupported(
            "binary content (NUL bytes) that is not a known workbook format",
        ));
    }
    Ok(Detected::Text)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The person name used for a file's tables that have no person column.
pub fn default_person(path: &Path, options: &IngestOptions) -> String {
    options.person.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().trim().to_string())
            .unwrap_or_else(|| "unnamed".to_string())
    })
}

/// Reads one file into its sheets' findings and rows. `first_source` is the index the first sheet gets
/// in the run's list of sources.
pub fn read_file(
    path: &Path,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, table::SheetRows)>, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let person = default_person(path, options);
    let display = display_path(path);
    match detect_format(path, &bytes)? {
        Detected::Workbook(format) => {
            let sheets = excel::read_workbook(path, bytes, format)?;
            Ok(sheets
                .iter()
                .enumerate()
                .map(|(i, sheet)| {
                    let (findings, rows) =
                        table::read_sheet(sheet, &person, first_source + i, None);
                    let source = SourceTable {
                        path: display.clone(),
                        format: format.name().to_string(),
                        sheet: sheet.name.clone(),
                        text: None,
                        notes: Vec::new(),
                        findings,
                    };
                    (source, rows)
                })
                .collect())
        }
        Detected::Text => {
            let (sheet, info) = text::read_text(path, &bytes)?;
            let (findings, rows) =
                table::read_sheet(&sheet, &person, first_source, Some(&info.line_numbers));
            let source = SourceTable {
                path: display,
                format: "csv".into(),
                sheet: None,
                text: Some((info.encoding.to_string(), info.delimiter as char)),
                notes: info.note.into_iter().collect(),
                findings,
            };
            Ok(vec![(source, rows)])
        }
    }
}

/// Runs a file reader, turning a panic inside it (crafted or corrupt files can trigger them in the
/// workbook readers) into an error that names the file. The panic message is kept off the terminal.
fn guarded<T>(
    path: &Path,
    read: impl FnOnce() -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(previous_hook);
    result.unwrap_or_else(|_| {
        Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: "reading it failed on malformed content; open the file and save it again"
                .into(),
        })
    })
}

/// A path as shown in reports: as given, with `/` separators.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads every input. A file that cannot be read is recorded as a failure and the others go on; only a
/// missing input path stops the run.
pub fn read_inputs(inputs: &[PathBuf], options: &IngestOptions) -> Result<Ingested, IngestError> {
    let files = discover(inputs)?;
    let mut out = Ingested::default();
    for file in &files {
        match guarded(file, || read_file(file, options, out.sources.len())) {
            Ok(tables) => {
                for (source, rows) in tables {
                    out.sources.push(source);
                    out.ssi.extend(rows.ssi);
                    if let Some(activity) = rows.activity {
                        out.activity.push(activity);
                    }
                }
            }
            Err(error) => out.failures.push(FileFailure {
                path: display_path(file),
                error,
            }),
        }
    }
    drop_duplicate_snapshots(&mut out);
    Ok(out)
}

/// Keeps the first snapshot of each (person, date) and rejects later rows, naming where the first is. A
/// rejected row is set aside whole: activity logged in the same row is not used either.
fn drop_duplicate_snapshots(out: &mut Ingested) {
    let mut first: HashMap<(&str, chrono::NaiveDate), usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for (i, row) in out.ssi.iter().enumerate() {
        match first.get(&(row.person.as_str(), row.date)) {
            None => {
                first.insert((row.person.as_str(), row.date), i);
            }
            Some(&j) => duplicates.push((i, j)),
        }
    }
    for &(i, j) in &duplicates {
        let (row, original) = (&out.ssi[i], &out.ssi[j]);
        let src = &out.sources[original.origin.source];
        let mut activity_dropped = 0;
        for table in &mut out.activity {
            let before = table.rows.len();
            table.rows.retain(|a| a.origin != row.origin);
            activity_dropped += before - table.rows.len();
        }
        let reason = format!(
            "{} snapshot for {} on {}; the one in {}{} row {} is used{}",
            if original.values == row.values {
                "repeated"
            } else {
                "conflicting"
            },
            row.person,
            row.date,
            src.path,
            src.sheet
                .as_ref()
                .map(|s| format!(" sheet '{s}'"))
                .unwrap_or_default(),
            original.origin.row,
            if activity_dropped > 0 {
                " (this row's activity is not used either)"
            } else {
                ""
            }
        );
        let source = &mut out.sources[row.origin.source];
        source.findings.rejections.push(Rejection {
            location: grid::Location {
                sheet: source.sheet.clone(),
                row: row.origin.row,
                col: None,
                header: None,
            },
            reason,
        });
        source.findings.ssi_rows -= 1;
        source.findings.activity_rows -= activity_dropped;
        source.findings.rows_used -= 1;
    }
    let dropped: std::collections::HashSet<usize> = duplicates.iter().map(|(i, _)| *i).collect();
    let mut index = 0;
    out.ssi.retain(|_| {
        index += 1;
        !dropped.contains(&(index - 1))
    });
}

/// Builds the data-quality account of what was read.
pub fn quality(ingested: &Ingested) -> crate::model::quality::Quality {
    use crate::model::quality::{FileProblem, IgnoredTable, InputTable, Quality, RejectedRow};
    let mut q = Quality::default();
    for s in &ingested.sources {
        for note in &s.notes {
            q.warnings.push(format!("{}: {note}", s.path));
        }
        let f = &s.findings;
        if f.kind == TableKind::Ignored {
            q.ignored.push(IgnoredTable {
                path: s.path.clone(),
                sheet: s.sheet.clone(),
                reason: f
                    .ignored_reason
                    .clone()
                    .unwrap_or_else(|| "nothing to analyse".into()),
            });
            continue;
        }
        q.inputs.push(InputTable {
            path: s.path.clone(),
            sheet: s.sheet.clone(),
            table: f.kind,
            header_row: f.header_row,
            rows_read: f.rows_read,
            rows_used: f.rows_used,
            ssi_rows: f.ssi_rows,
            activity_rows: f.activity_rows,
            rows_rejected: f.rejections.len(),
            summary_rows: f.summary_rows,
        });
        for r in &f.rejections {
            q.rejected.push(RejectedRow {
                path: s.path.clone(),
                sheet: s.sheet.clone(),
                row: r.location.row,
                column: r.location.col.map(grid::column_letters),
                header: r.location.header.clone(),
                reason: r.reason.clone(),
            });
        }
    }
    for failure in &ingested.failures {
        q.unreadable.push(FileProblem {
            path: failure.path.clone(),
            message: error_chain(&failure.error),
        });
    }
    q
}

/// An error and its causes on one line: "outer: cause: root cause".
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = e.source();
    }
    out
}
