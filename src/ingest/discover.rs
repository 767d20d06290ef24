//! Finds the files to read: inputs as given, folders scanned for the supported extensions (hidden files,
//! Office lock files and linked folders passed over), and an unpacked LinkedIn export folder taken as one
//! input with any tracker saved beside it read on its own. It reads no file's content.

use super::error::IngestError;
use super::linkedin_export;
use std::path::{Path, PathBuf};

/// What a folder scan that found nothing says.
pub const NO_SUPPORTED_FILES: &str =
    "no .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt files in the given folders";

/// File extensions picked up when scanning a folder.
pub const SUPPORTED_EXTENSIONS: [&str; 9] = [
    "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "zip",
];

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
