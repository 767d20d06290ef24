//! One file in: recognises its format by content (not its extension), checks it against the limits, and
//! hands it to the reader for its format (workbook, delimited text, LinkedIn data export); each sheet read
//! becomes a source table with its findings and rows.

use super::error::IngestError;
use super::excel::{self, WorkbookFormat};
use super::grid::Sheet;
use super::options::IngestOptions;
use super::person::{default_person, looks_like_person};
use super::sources::{display_path, SourceTable};
use super::table::{self, SheetFindings, SheetRows, TableKind};
use super::{linkedin_export, preflight, text};
use std::path::Path;

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A workbook calamine reads.
    Workbook(WorkbookFormat),
    /// Delimited text.
    Text,
    /// LinkedIn's "Get a copy of your data" archive (ZIP).
    LinkedInArchive,
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
        } else if [
            &b"Profile"[..],
            b"Connections",
            b"Shares",
            b"Comments",
            b"messages",
        ]
        .iter()
        .any(|name| contains(bytes, name))
        {
            Ok(Detected::LinkedInArchive)
        } else if !contains(&bytes[bytes.len().saturating_sub(65_557)..], b"PK\x05\x06") {
            // No end-of-central-directory record in the last 64 KiB: the file stops early.
            Err(unsupported(
                "a damaged workbook or archive: the file is cut short (the end of its ZIP directory is missing), as when a download or copy stops early; open it in Excel or LibreOffice and save it again, or export a fresh copy",
            ))
        } else {
            Err(unsupported(
                "a ZIP archive that is neither a workbook (no xl/workbook.xml or content.xml) nor a LinkedIn data export",
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
    // Text has no NUL bytes, except UTF-16 (one in every other byte) and the odd stray one.
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let text_like = encoding_rs::Encoding::for_bom(bytes).is_some()
        || text::utf16_without_bom(bytes).is_some()
        || nuls * 10 <= sample.len();
    if !text_like {
        return Err(unsupported(
            "binary content (NUL bytes) that is not a known workbook format",
        ));
    }
    Ok(Detected::Text)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Reads one file into its sheets' findings and rows. `first_source` is the index the first sheet gets
/// in the run's list of sources.
pub fn read_file(
    path: &Path,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, SheetRows)>, IngestError> {
    if path.is_dir() {
        let members = linkedin_export::members_from_dir(path)?;
        return Ok(read_archive(path, &members, options, first_source));
    }
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    preflight::check_file_size(path, len, &options.limits)?;
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(path, bytes, options, first_source)
}

/// Reads one file's content (already in memory) into its sheets' findings and rows; `path` names it in
/// messages and gives the default person. The entry point for every file format.
pub fn read_bytes(
    path: &Path,
    bytes: Vec<u8>,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, SheetRows)>, IngestError> {
    preflight::check_file_size(path, bytes.len() as u64, &options.limits)?;
    let detected = detect_format(path, &bytes)?;
    check_container(path, &bytes, detected, options)?;
    match detected {
        Detected::Workbook(format) => read_workbook(path, bytes, format, options, first_source),
        Detected::LinkedInArchive => {
            let members = linkedin_export::members_from_zip(path, bytes)?;
            Ok(read_archive(path, &members, options, first_source))
        }
        Detected::Text => read_text(path, bytes, options, first_source),
    }
}

/// What a container declares, checked against the limits before its reader opens it.
fn check_container(
    path: &Path,
    bytes: &[u8],
    detected: Detected,
    options: &IngestOptions,
) -> Result<(), IngestError> {
    let limits = &options.limits;
    if bytes.starts_with(b"PK\x03\x04") {
        preflight::check_zip(path, bytes, limits)?;
    }
    match detected {
        Detected::Workbook(WorkbookFormat::Ods) => {
            preflight::check_ods_expansion(path, bytes, limits)
        }
        Detected::Workbook(WorkbookFormat::Xls) => {
            preflight::check_xls_dimensions(path, bytes, limits)
        }
        _ => Ok(()),
    }
}

/// Reads a workbook's sheets, in workbook order (a large workbook's on several threads). Several SSI
/// sheets named like people, without a person column, are each that person's (and so are activity sheets
/// named like people), unless `--person` names one person for the file.
fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    format: WorkbookFormat,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, SheetRows)>, IngestError> {
    let parallel = bytes.len() >= excel::PARALLEL_FROM_BYTES;
    let sheets = excel::read_workbook(path, bytes, format, &options.limits)?;
    let file_date = file_date(path);
    let read = |i: usize, person: &str| {
        let ctx = table::SheetContext {
            file_date,
            ..options.sheet_context(person, first_source + i)
        };
        table::read_sheet(&sheets[i], &ctx)
    };
    let person = default_person(path, options.person.as_deref());
    let mut results = in_order(sheets.len(), parallel, |i| read(i, &person));
    if options.person.is_none() {
        for i in sheets_of_their_own(&sheets, &results) {
            let name = sheets[i].name.clone().unwrap_or_default();
            results[i] = read(i, name.trim());
        }
    }
    let display = display_path(path);
    Ok(sheets
        .iter()
        .zip(results)
        .map(|(sheet, (findings, rows))| {
            let source =
                SourceTable::new(display.clone(), format.name(), sheet.name.clone(), findings);
            (source, rows)
        })
        .collect())
}

/// The date a file's name is stamped with (`ssi_team_2026-10.csv`).
fn file_date(path: &Path) -> Option<chrono::NaiveDate> {
    let stem = path.file_stem()?.to_string_lossy();
    super::person::date_stamp(&stem).map(|(_, date)| date)
}

/// `read(0..count)` in order, on several threads when `parallel` (collecting keeps the order).
fn in_order<T: Send>(
    count: usize,
    parallel: bool,
    read: impl Fn(usize) -> T + Sync + Send,
) -> Vec<T> {
    if parallel {
        use rayon::prelude::*;
        (0..count).into_par_iter().map(read).collect()
    } else {
        (0..count).map(read).collect()
    }
}

/// The sheets that are each a person's own: when at least two SSI sheets without a person column are
/// named like people, every such sheet that is not ignored; else none.
fn sheets_of_their_own(sheets: &[Sheet], results: &[(SheetFindings, SheetRows)]) -> Vec<usize> {
    let no_person_column = |f: &SheetFindings| {
        !f.columns
            .iter()
            .any(|c| c.canonical.as_deref() == Some("person"))
    };
    let named_like_person = |i: usize| sheets[i].name.as_deref().is_some_and(looks_like_person);
    let candidates: Vec<(usize, &SheetFindings)> = results
        .iter()
        .enumerate()
        .filter(|(i, (f, _))| no_person_column(f) && named_like_person(*i))
        .map(|(i, (f, _))| (i, f))
        .collect();
    let ssi_sheets = candidates
        .iter()
        .filter(|(_, f)| matches!(f.kind, TableKind::Ssi | TableKind::SsiAndActivity))
        .count();
    if ssi_sheets < 2 {
        return Vec::new();
    }
    candidates
        .iter()
        .filter(|(_, f)| f.kind != TableKind::Ignored)
        .map(|(i, _)| *i)
        .collect()
}

/// Reads a delimited text file as one table; its rows are numbered by file line, and a `;`-separated
/// file is taken to write decimal commas unless its numbers say otherwise.
fn read_text(
    path: &Path,
    bytes: Vec<u8>,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, SheetRows)>, IngestError> {
    let (sheet, info) = text::read_owned_text(path, bytes, &options.limits, options.encoding)?;
    let person = default_person(path, options.person.as_deref());
    let ctx = table::SheetContext {
        file_date: file_date(path),
        row_numbers: Some(&info.line_numbers),
        decimal_comma_hint: (info.delimiter == b';').then_some(true),
        ..options.sheet_context(&person, first_source)
    };
    let (findings, rows) = table::read_sheet(&sheet, &ctx);
    drop(sheet);
    if let (TableKind::Ignored, Some(ext)) = (findings.kind, workbook_extension(path)) {
        return Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "named .{ext}, but it holds text, not a workbook (a damaged file, or text saved under a workbook's name), and read as delimited text it gives nothing ({}); export it again, or move it out of the inputs",
                findings.ignored_reason.as_deref().unwrap_or("nothing to analyse")
            ),
        });
    }
    let mut source = SourceTable::new(display_path(path), "csv", None, findings);
    source.text = Some((info.encoding.to_string(), info.delimiter as char));
    source.notes = info.notes;
    Ok(vec![(source, rows)])
}

/// The extension of a file named as a workbook (`xlsx`, `xlsm`, `xlsb`, `xls`, `ods`), as written.
fn workbook_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?;
    ["xlsx", "xlsm", "xlsb", "xls", "ods"]
        .iter()
        .any(|w| ext.eq_ignore_ascii_case(w))
        .then(|| ext.to_string())
}

/// Whose activity an archive without Profile.csv holds, until a person with snapshots claims it.
pub const UNNAMED_ARCHIVE_OWNER: &str = "LinkedIn archive owner";

/// Reads a LinkedIn data export (ZIP or folder): one source per member file, one activity table for the
/// owner (named in Profile.csv, else `--person`).
fn read_archive(
    path: &Path,
    members: &[linkedin_export::Member],
    options: &IngestOptions,
    first_source: usize,
) -> Vec<(SourceTable, SheetRows)> {
    let display = display_path(path);
    let profile_name = linkedin_export::owner_name(members);
    let (owner, note) = match (&options.person, &profile_name) {
        (Some(person), _) => (person.clone(), None),
        (None, Some(owner)) => (owner.clone(), None),
        (None, None) => (
            UNNAMED_ARCHIVE_OWNER.to_string(),
            Some(format!("no Profile.csv with the owner's name; the activity is filed under '{UNNAMED_ARCHIVE_OWNER}' (set --person)")),
        ),
    };
    // Messages name their sender as the profile does, whatever the owner is called in the report.
    let sender = profile_name.as_deref().unwrap_or(&owner);
    let (found, mut table) =
        linkedin_export::read_archive(members, &owner, sender, options.as_of, first_source);
    // The export covers every day up to the day it was made: quiet days after the last event count.
    let last_event = table.rows.iter().map(|r| r.date).max();
    table.until = linkedin_export::export_date(path)
        .filter(|d| last_event.is_none_or(|last| *d >= last))
        .filter(|d| options.as_of.is_none_or(|as_of| *d <= as_of))
        .or(last_event);
    let mut out: Vec<(SourceTable, SheetRows)> = found
        .into_iter()
        .map(|m| {
            let path = format!("{display}/{}", m.name);
            let source = SourceTable::new(path, "linkedin-export", None, m.findings);
            (source, SheetRows::default())
        })
        .collect();
    if let Some((first, rows)) = out.first_mut() {
        first.notes.extend(note);
        rows.activity = Some(table);
    }
    out
}
