//! Ingestion: files and folders in, typed rows out. Finds the supported files, recognises each by its
//! content (not its extension), reads workbooks and delimited text into grids, and turns each sheet into
//! SSI and activity rows while accounting for every row. Duplicated snapshots are settled here too.

pub mod error;
pub mod excel;
pub mod fuzz_checks;
pub mod grid;
pub mod headers;
pub mod limits;
pub mod linkedin_export;
pub mod preflight;
pub mod table;
pub mod text;
pub mod values;

#[cfg(test)]
mod accounting_tests;
#[cfg(test)]
mod roundtrip_tests;

pub use error::IngestError;
pub use table::{ColumnMapping, Rejection, SheetFindings, TableKind};

use crate::model::records::{ActivityTable, RowOrigin, SsiRow};
use excel::WorkbookFormat;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a folder scan that found nothing says.
pub const NO_SUPPORTED_FILES: &str =
    "no .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt files in the given folders";

/// File extensions picked up when scanning a folder.
pub const SUPPORTED_EXTENSIONS: [&str; 9] = [
    "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "zip",
];

/// Options that change how tables are read.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The person for tables with no person column (else the file name is used).
    pub person: Option<String>,
    /// Day/month order for date columns whose values do not settle it (month first when `None`).
    pub date_order: Option<values::DateOrder>,
    /// The user's header mappings.
    pub headers: headers::HeaderMap,
    /// Rows dated after this day are rejected (no check when `None`).
    pub as_of: Option<chrono::NaiveDate>,
    /// Resource limits on each input.
    pub limits: limits::Limits,
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
        if input.is_dir() && linkedin_export::is_archive_dir(input) {
            files.push(input.clone());
            files.extend(non_member_files(input)?);
        } else if input.is_dir() {
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
        if path.is_dir() && !is_link && linkedin_export::is_archive_dir(&path) {
            out.extend(non_member_files(&path)?);
            out.push(path);
        } else if path.is_dir() && !is_link {
            scan_dir(&path, out)?;
        } else if has_supported_extension(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// The supported files in an unpacked LinkedIn export folder that are not part of the export (a tracker
/// saved next to it), so they are read as files of their own.
fn non_member_files(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let io = |source| IngestError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_file()
            && has_supported_extension(&path)
            && !linkedin_export::is_archive_member(&name)
            && !name.starts_with('.')
        {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
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

/// The person name used for a file's tables that have no person column: `--person`, else the name in a
/// LinkedIn creator analytics export (`Content_<start>_<end>_<Name>`, `AggregateAnalytics_<Name>_<start>_<end>`),
/// else the file name without extension.
pub fn default_person(path: &Path, options: &IngestOptions) -> String {
    if let Some(person) = &options.person {
        return person.clone();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .unwrap_or_else(|| "unnamed".to_string());
    creator_analytics_owner(&stem).unwrap_or(stem)
}

/// Whether a sheet name can be a person's: it has letters and is not a period ("2024", "Q3", "Jan 2025")
/// or a word trackers use for sheets ("SSI", "Activity", "Sheet1", "Data").
pub fn looks_like_person(name: &str) -> bool {
    const GENERIC: [&str; 30] = [
        "sheet",
        "planilha",
        "folha",
        "data",
        "dados",
        "ssi",
        "activity",
        "atividade",
        "atividades",
        "history",
        "log",
        "tracker",
        "summary",
        "resumo",
        "notes",
        "notas",
        "dashboard",
        "team",
        "equipe",
        "weekly",
        "monthly",
        "week",
        "month",
        "year",
        "q",
        "h",
        "total",
        "export",
        "report",
        "chart",
    ];
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && !words
            .iter()
            .all(|w| GENERIC.contains(w) || MONTHS.iter().any(|m| w.starts_with(m) && w.len() <= 9))
}

/// The member's name in a creator analytics export's file name.
fn creator_analytics_owner(stem: &str) -> Option<String> {
    let is_date = |s: &str| s.len() >= 8 && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    let parts: Vec<&str> = stem.split('_').collect();
    let name = match parts.as_slice() {
        ["Content", a, b, name @ ..] if is_date(a) && is_date(b) && !name.is_empty() => {
            name.join("_")
        }
        ["AggregateAnalytics", name @ .., a, b] if is_date(a) && is_date(b) && !name.is_empty() => {
            name.join("_")
        }
        _ => return None,
    };
    let name = name.replace('_', " ");
    // "JaneDoe" is how the export writes "Jane Doe".
    let mut spaced = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(c);
    }
    Some(spaced)
}

/// Reads one file into its sheets' findings and rows. `first_source` is the index the first sheet gets
/// in the run's list of sources.
pub fn read_file(
    path: &Path,
    options: &IngestOptions,
    first_source: usize,
) -> Result<Vec<(SourceTable, table::SheetRows)>, IngestError> {
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
) -> Result<Vec<(SourceTable, table::SheetRows)>, IngestError> {
    let person = default_person(path, options);
    let display = display_path(path);
    let limits = &options.limits;
    preflight::check_file_size(path, bytes.len() as u64, limits)?;
    let detected = detect_format(path, &bytes)?;
    if bytes.starts_with(b"PK\x03\x04") {
        preflight::check_zip(path, &bytes, limits)?;
    }
    if detected == Detected::Workbook(WorkbookFormat::Ods) {
        preflight::check_ods_expansion(path, &bytes, limits)?;
    }
    if detected == Detected::Workbook(WorkbookFormat::Xls) {
        preflight::check_xls_dimensions(path, &bytes, limits)?;
    }
    match detected {
        Detected::Workbook(format) => {
            let parallel = bytes.len() >= excel::PARALLEL_FROM_BYTES;
            let sheets = excel::read_workbook(path, bytes, format, limits)?;
            let read = |sheet: &grid::Sheet, i: usize, person: &str| {
                table::read_sheet(
                    sheet,
                    &table::SheetContext {
                        default_person: person,
                        source: first_source + i,
                        row_numbers: None,
                        date_order: options.date_order,
                        headers: &options.headers,
                        as_of: options.as_of,
                        decimal_comma_hint: None,
                    },
                )
            };
            // Sheets of a large workbook are read in parallel; collecting keeps their order.
            let mut results: Vec<_> = if parallel {
                use rayon::prelude::*;
                sheets
                    .par_iter()
                    .enumerate()
                    .map(|(i, sheet)| read(sheet, i, &person))
                    .collect()
            } else {
                sheets
                    .iter()
                    .enumerate()
                    .map(|(i, sheet)| read(sheet, i, &person))
                    .collect()
            };
            // One sheet per person: several SSI sheets named like people, without a person column, are
            // each that person's (and so are activity sheets named like people).
            let no_person_column = |f: &table::SheetFindings| {
                !f.columns
                    .iter()
                    .any(|c| c.canonical.as_deref() == Some("person"))
            };
            let named_like_person =
                |i: usize| sheets[i].name.as_deref().is_some_and(looks_like_person);
            let ssi_sheets = results
                .iter()
                .enumerate()
                .filter(|(i, (f, _))| {
                    matches!(f.kind, TableKind::Ssi | TableKind::SsiAndActivity)
                        && no_person_column(f)
                        && named_like_person(*i)
                })
                .count();
            let per_person: Vec<usize> = results
                .iter()
                .enumerate()
                .filter(|(i, (f, _))| {
                    f.kind != TableKind::Ignored && no_person_column(f) && named_like_person(*i)
                })
                .map(|(i, _)| i)
                .collect();
            if options.person.is_none() && ssi_sheets >= 2 {
                for i in per_person {
                    let name = sheets[i].name.clone().unwrap_or_default();
                    results[i] = read(&sheets[i], i, name.trim());
                }
            }
            Ok(sheets
                .iter()
                .zip(results)
                .map(|(sheet, (findings, rows))| {
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
        Detected::LinkedInArchive => {
            let members = linkedin_export::members_from_zip(path, bytes)?;
            Ok(read_archive(path, &members, options, first_source))
        }
        Detected::Text => {
            let (sheet, info) = text::read_text(path, &bytes, limits)?;
            let (findings, rows) = table::read_sheet(
                &sheet,
                &table::SheetContext {
                    default_person: &person,
                    source: first_source,
                    row_numbers: Some(&info.line_numbers),
                    date_order: options.date_order,
                    headers: &options.headers,
                    as_of: options.as_of,
                    decimal_comma_hint: (info.delimiter == b';').then_some(true),
                },
            );
            let source = SourceTable {
                path: display,
                format: "csv".into(),
                sheet: None,
                text: Some((info.encoding.to_string(), info.delimiter as char)),
                notes: info.notes,
                findings,
            };
            Ok(vec![(source, rows)])
        }
    }
}

/// Reads a LinkedIn data export (ZIP or folder): one source per member file, one activity table for the
/// owner (named in Profile.csv, else `--person`).
fn read_archive(
    path: &Path,
    members: &[linkedin_export::Member],
    options: &IngestOptions,
    first_source: usize,
) -> Vec<(SourceTable, table::SheetRows)> {
    let display = display_path(path);
    let profile_name = linkedin_export::owner_name(members);
    let (owner, note) = match (&options.person, &profile_name) {
        (Some(person), _) => (person.clone(), None),
        (None, Some(owner)) => (owner.clone(), None),
        (None, None) => (
            "LinkedIn archive owner".to_string(),
            Some("no Profile.csv with the owner's name; the activity is filed under 'LinkedIn archive owner' (set --person)".to_string()),
        ),
    };
    // Messages name their sender as the profile does, whatever the owner is called in the report.
    let sender = profile_name.as_deref().unwrap_or(&owner);
    let (found, table) =
        linkedin_export::read_archive(members, &owner, sender, options.as_of, first_source);
    let mut out: Vec<(SourceTable, table::SheetRows)> = found
        .into_iter()
        .map(|m| {
            let source = SourceTable {
                path: format!("{display}/{}", m.name),
                format: "linkedin-export".into(),
                sheet: None,
                text: None,
                notes: Vec::new(),
                findings: m.findings,
            };
            (source, table::SheetRows::default())
        })
        .collect();
    if let Some((first, rows)) = out.first_mut() {
        first.notes.extend(note);
        rows.activity = Some(table);
    }
    out
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
    Ok(read_files(&files, options))
}

/// Reads files found by `discover` (an unpacked LinkedIn export folder is one of them) without scanning
/// any further; a file that cannot be read is listed in `failures`.
pub fn read_files(files: &[PathBuf], options: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    for file in files {
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
    settle_duplicates(&mut out);
    out
}

/// Settles rows that give the same person and date twice. Rows that agree in every value are merged:
/// the first is used and the others are skipped as duplicates. Rows that disagree are all rejected as a
/// conflict, since there is no telling which is right. A row is judged whole: its snapshot and the activity
/// logged in it. Activity-only rows are compared within their own table (the same metric from two
/// different tables is settled later, when the tables are merged).
fn settle_duplicates(out: &mut Ingested) {
    use std::collections::HashSet;
    // Groups of rows for the same person and date: snapshots across all sources, activity-only rows
    // within their source. Found by sorting references; only groups of two or more are built.
    let ssi_origins: HashSet<RowOrigin> = out.ssi.iter().map(|r| r.origin).collect();
    let mut keys: Vec<(Option<usize>, &str, chrono::NaiveDate, usize, usize)> = out
        .ssi
        .iter()
        .enumerate()
        .map(|(i, r)| (None, r.person.as_str(), r.date, 0, i))
        .collect();
    for (t, table) in out.activity.iter().enumerate() {
        keys.extend(
            table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| !ssi_origins.contains(&r.origin))
                .map(|(i, r)| (Some(r.origin.source), r.person.as_str(), r.date, t + 1, i)),
        );
    }
    // Input order within a group: snapshots first, then each activity table's rows in order.
    keys.sort_unstable();
    let mut groups: Vec<(String, chrono::NaiveDate, Vec<RowGroupMember>)> = Vec::new();
    for run in keys.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        if run.len() < 2 {
            continue;
        }
        let members = run
            .iter()
            .map(|&(_, _, _, t, i)| {
                if t == 0 {
                    let row = &out.ssi[i];
                    RowGroupMember {
                        origin: row.origin,
                        ssi: Some(row.values),
                        also: row.also.clone(),
                    }
                } else {
                    let row = &out.activity[t - 1].rows[i];
                    RowGroupMember {
                        origin: row.origin,
                        ssi: None,
                        also: row.also.clone(),
                    }
                }
            })
            .collect();
        groups.push((run[0].1.to_string(), run[0].2, members));
    }
    drop(keys);
    if groups.is_empty() {
        return;
    }
    // Activity values of the rows in a group, by origin.
    let wanted: HashSet<RowOrigin> = groups
        .iter()
        .flat_map(|(_, _, m)| m.iter().map(|m| m.origin))
        .collect();
    let mut activity_of: HashMap<RowOrigin, Vec<(String, f64)>> = HashMap::new();
    for table in &out.activity {
        for row in table.rows.iter().filter(|r| wanted.contains(&r.origin)) {
            let entry = activity_of.entry(row.origin).or_default();
            for (m, v) in table.metrics.iter().zip(&row.values) {
                if let Some(v) = v {
                    entry.push((m.clone(), *v));
                }
            }
        }
    }
    let mut dropped: HashSet<RowOrigin> = HashSet::new();
    let mut merged_into: Vec<(RowOrigin, crate::model::schema::SsiValues)> = Vec::new();
    // Snapshots folded into an earlier agreeing one; their rows (and activity) stay used.
    let mut merged_away: HashSet<RowOrigin> = HashSet::new();
    for (person, date, members) in groups {
        // Rows agree when every value both give is the same; a value only one of them gives is no
        // disagreement (a tracker with activity columns and a scraper without them).
        let activity_agrees = |a: &RowGroupMember, b: &RowGroupMember| {
            let (Some(x), Some(y)) = (activity_of.get(&a.origin), activity_of.get(&b.origin))
            else {
                return true;
            };
            x.iter()
                .all(|(m, v)| y.iter().all(|(n, w)| m != n || v == w))
        };
        let ssi_agrees = |a: &RowGroupMember, b: &RowGroupMember| match (&a.ssi, &b.ssi) {
            (Some(x), Some(y)) => x.agrees_with(y),
            _ => true,
        };
        let first = &members[0];
        let agree = members
            .iter()
            .all(|m| ssi_agrees(first, m) && activity_agrees(first, m));
        let places: Vec<String> = members.iter().map(|m| place(out, m.origin)).collect();
        let mut merged = first.ssi;
        for (k, m) in members.iter().enumerate() {
            if agree && k == 0 {
                continue;
            }
            // An agreeing row that adds values the first lacks is merged into it and stays used.
            let adds_ssi = match (&merged, &m.ssi) {
                (Some(x), Some(y)) => x.lacks_any_of(y),
                _ => false,
            };
            let adds_activity = match (activity_of.get(&first.origin), activity_of.get(&m.origin)) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(x), Some(y)) => y.iter().any(|(n, _)| x.iter().all(|(m, _)| m != n)),
            };
            if agree && (adds_ssi || adds_activity) {
                if let (Some(x), Some(y)) = (merged.as_mut(), &m.ssi) {
                    x.fill_from(y);
                }
                if m.ssi.is_some() {
                    merged_away.insert(m.origin);
                }
                continue;
            }
            dropped.insert(m.origin);
            let activity_rows = usize::from(activity_of.contains_key(&m.origin));
            let source = &mut out.sources[m.origin.source];
            let lines: Vec<u32> = std::iter::once(m.origin.row)
                .chain(m.also.iter().copied())
                .collect();
            let sheet = source.sheet.clone();
            let f = &mut source.findings;
            f.rows_used = f.rows_used.saturating_sub(lines.len());
            f.ssi_rows = f.ssi_rows.saturating_sub(usize::from(m.ssi.is_some()));
            f.activity_rows = f.activity_rows.saturating_sub(activity_rows);
            let others: Vec<&str> = places
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != k)
                .map(|(_, p)| p.as_str())
                .collect();
            for line in lines {
                let location = grid::Location {
                    sheet: sheet.clone(),
                    row: line,
                    col: None,
                    header: None,
                };
                if agree {
                    f.skipped.push(table::Skip {
                        location,
                        rows: 1,
                        raw: String::new(),
                        reason: table::SkipReason::Duplicate(places[0].clone()),
                    });
                } else {
                    f.rejections.push(Rejection {
                        location,
                        raw: String::new(),
                        reason: format!(
                            "conflict: {person} on {date} is given differently in {}; none of these rows is used",
                            others.join(" and ")
                        ),
                    });
                }
            }
        }
        if let (true, Some(values)) = (agree, merged) {
            merged_into.push((first.origin, values));
        }
    }
    let merged_into: HashMap<RowOrigin, crate::model::schema::SsiValues> =
        merged_into.into_iter().collect();
    for row in &mut out.ssi {
        if let Some(values) = merged_into.get(&row.origin) {
            row.values = *values;
        }
    }
    out.ssi
        .retain(|r| !dropped.contains(&r.origin) && !merged_away.contains(&r.origin));
    for table in &mut out.activity {
        table.rows.retain(|r| !dropped.contains(&r.origin));
    }
}

/// One row of a (person, date) group.
struct RowGroupMember {
    origin: RowOrigin,
    ssi: Option<crate::model::schema::SsiValues>,
    /// Other input lines folded into this row (long layouts).
    also: Vec<u32>,
}

/// "file sheet 'S' row N" for messages.
fn place(out: &Ingested, origin: RowOrigin) -> String {
    let s = &out.sources[origin.source];
    match &s.sheet {
        Some(sheet) => format!("{} sheet '{sheet}' row {}", s.path, origin.row),
        None => format!("{} row {}", s.path, origin.row),
    }
}

/// Longest raw value or reason kept in the data-quality lists; a cell can hold megabytes.
const MAX_LISTED_CHARS: usize = 200;

/// A value cut to `MAX_LISTED_CHARS` characters, saying how long it was.
fn clip(text: &str) -> String {
    let total = text.chars().count();
    if total <= MAX_LISTED_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_LISTED_CHARS).collect();
    format!("{head}... ({total} characters in all)")
}

/// A run of blank rows as one entry, its reason naming the rows.
fn blank_rows(mut run: crate::model::quality::SkippedRow) -> crate::model::quality::SkippedRow {
    if run.rows > 1 {
        run.reason = format!(
            "{} blank rows ({}-{})",
            run.rows,
            run.row,
            run.row + run.rows - 1
        );
    }
    run
}

/// Builds the data-quality account of what was read.
pub fn quality(ingested: &Ingested) -> crate::model::quality::Quality {
    use crate::model::quality::{
        FileProblem, IgnoredTable, InputTable, Quality, RejectedRow, SkippedRow,
    };
    let mut q = Quality::default();
    for s in &ingested.sources {
        let where_ = match &s.sheet {
            Some(sheet) => format!("{} sheet '{sheet}'", s.path),
            None => s.path.clone(),
        };
        for note in s.notes.iter().chain(&s.findings.notes) {
            q.warnings.push(format!("{where_}: {note}"));
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
            rows_skipped: f.rows_skipped(),
            summary_rows: f.summary_rows,
            columns: f
                .columns
                .iter()
                .map(|c| (c.header.clone(), c.canonical.clone()))
                .collect(),
        });
        let mut rejections: Vec<&Rejection> = f.rejections.iter().collect();
        rejections.sort_by_key(|r| r.location.row);
        let mut skipped: Vec<&table::Skip> = f.skipped.iter().collect();
        skipped.sort_by_key(|k| k.location.row);
        for r in rejections {
            q.rejected.push(RejectedRow {
                path: s.path.clone(),
                sheet: s.sheet.clone(),
                row: r.location.row,
                column: r.location.col.map(grid::column_letters),
                header: r.location.header.clone(),
                raw: clip(&r.raw),
                reason: clip(&r.reason),
            });
        }
        // A run of blank rows is one entry (a sheet can hold a million of them between two cells).
        let mut blank_run: Option<SkippedRow> = None;
        for k in skipped {
            let blank = k.reason == table::SkipReason::Blank;
            if let Some(run) = blank_run.as_mut() {
                if blank && k.location.row == run.row + run.rows {
                    run.rows += k.rows;
                    continue;
                }
            }
            q.skipped.extend(blank_run.take().map(blank_rows));
            let row = SkippedRow {
                path: s.path.clone(),
                sheet: s.sheet.clone(),
                row: k.location.row,
                rows: k.rows,
                raw: clip(&k.raw),
                reason: k.reason.to_string(),
            };
            if blank {
                blank_run = Some(row);
            } else {
                q.skipped.push(row);
            }
        }
        q.skipped.extend(blank_run.map(blank_rows));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creator_analytics_file_names_give_the_owner() {
        assert_eq!(
            creator_analytics_owner("Content_2024-04-01_2025-03-31_JaneDoe").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            creator_analytics_owner("AggregateAnalytics_Jane_Doe_2026-01-01_2026-03-31").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(creator_analytics_owner("Content plan"), None);
    }

    #[test]
    fn sheet_names_that_are_periods_or_generic_are_not_people() {
        for name in ["Ann", "Bob Smith", "Łukasz", "María José"] {
            assert!(looks_like_person(name), "{name}");
        }
        for name in [
            "2024",
            "Q3 2025",
            "Jan",
            "October 2025",
            "Sheet1",
            "SSI history",
            "Weekly activity",
            "H1",
        ] {
            assert!(!looks_like_person(name), "{name}");
        }
    }
}
