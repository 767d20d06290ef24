//! Finds the files to read: inputs as given, folders scanned for the supported extensions (hidden files and
//! folders, which include unfinished report folders, Office lock files, linked folders, the run's output
//! folder and every report folder ssi-pulse wrote passed over, each with a note), and an unpacked LinkedIn
//! export folder taken as one input with any tracker saved beside it read on its own. It reads no file's
//! content.

use super::error::IngestError;
use super::linkedin_export;
use crate::own_output;
use std::path::{Path, PathBuf};

/// What a folder scan that found nothing says.
pub const NO_SUPPORTED_FILES: &str =
    "no .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt files in the given folders";

/// File extensions picked up when scanning a folder.
pub const SUPPORTED_EXTENSIONS: [&str; 9] = [
    "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "zip",
];

/// The files to read, and what the scan passed over that a user might have expected it to read.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files (and unpacked LinkedIn export folders) in the order they are read.
    pub files: Vec<PathBuf>,
    /// One line per folder passed over as ssi-pulse's own output, and per named file that is.
    pub notes: Vec<String>,
}

/// Expands the inputs into the list of files to read: files as given, folders scanned (recursively,
/// sorted; hidden entries, Office lock files, linked folders, `skip` (the run's output folder) and report
/// folders ssi-pulse wrote are passed over) for supported extensions. A file named directly is read even
/// when it is ssi-pulse's output (a tidy `data/ssi.csv` is a fine input), with a note.
pub fn discover(inputs: &[PathBuf], skip: Option<&Path>) -> Result<Discovered, IngestError> {
    let skip = skip.map(canonical);
    let mut found = Discovered::default();
    for input in inputs {
        if input.is_dir() && linkedin_export::is_archive_dir(input) {
            found.files.push(input.clone());
            found.files.extend(non_member_files(input)?);
        } else if input.is_dir() {
            let mut files = Vec::new();
            scan_dir(input, skip.as_deref(), &mut files, &mut found.notes)?;
            files.sort();
            found.files.extend(files);
        } else if input.exists() {
            if let Some(folder) = own_output::report_folder_of(input) {
                found.notes.push(format!(
                    "{} is in {}, a report ssi-pulse wrote; it is read because it was named",
                    input.display(),
                    folder.display()
                ));
            }
            found.files.push(input.clone());
        } else {
            return Err(IngestError::NotFound {
                path: input.clone(),
            });
        }
    }
    Ok(found)
}

/// A path made absolute with links resolved, for comparing folders; as given when that fails.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn scan_dir(
    dir: &Path,
    skip: Option<&Path>,
    out: &mut Vec<PathBuf>,
    notes: &mut Vec<String>,
) -> Result<(), IngestError> {
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
        let is_dir = path.is_dir() && !is_link;
        if is_dir && skip.is_some_and(|s| canonical(&path) == s) {
            notes.push(format!(
                "{}: not read, it is the output folder (--out)",
                path.display()
            ));
        } else if is_dir && own_output::is_report_folder(&path) {
            notes.push(format!(
                "{}: not read, it is a report ssi-pulse wrote (name a file in it to read that file)",
                path.display()
            ));
        } else if is_dir && linkedin_export::is_archive_dir(&path) {
            out.extend(non_member_files(&path)?);
            out.push(path);
        } else if is_dir {
            scan_dir(&path, skip, out, notes)?;
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
