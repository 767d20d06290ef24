//! The ingestion error type: one variant per way a file can fail to be read, each naming the file.
//! Row- and cell-level problems are not errors; they become `Rejection`s and the rest of the file is used.

use super::limits::{Limit, Limits};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A file that could not be read at all.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The path given on the command line does not exist.
    #[error("input '{}' does not exist; check the path, or run without INPUT to read sample_data/", path.display())]
    NotFound {
        /// The missing path.
        path: PathBuf,
    },
    /// The file system refused the read.
    #[error("cannot read '{}'", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A 0-byte file.
    #[error("'{}' is empty (0 bytes); export the sheet again", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A workbook that calamine cannot open or read.
    #[error("'{}' is not a readable {format} workbook (damaged or cut short: open it in Excel or LibreOffice and save it again, or export a fresh copy)", path.display())]
    Workbook {
        /// The file.
        path: PathBuf,
        /// The format the file's content claims to be.
        format: &'static str,
        /// The underlying error.
        #[source]
        source: calamine::Error,
    },
    /// A password-protected workbook.
    #[error("'{}' is password protected; open it in Excel or LibreOffice and save a copy without a password", path.display())]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// A text file the CSV reader rejects.
    #[error("'{}' is not readable as delimited text", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
    /// A file over one of the resource limits; nothing was allocated for its content.
    #[error("'{}'{} {detail}", path.display(), place.as_ref().map(|p| format!(" {p}")).unwrap_or_default())]
    LimitExceeded {
        /// The file.
        path: PathBuf,
        /// Where in the file ("sheet 'SSI'"), when it is one part of it.
        place: Option<String>,
        /// Which limit.
        limit: Limit,
        /// What was found, the limit, and the flag that raises it, as a sentence.
        detail: String,
    },
    /// Content that is neither a workbook nor text.
    #[error("'{}' is not a spreadsheet or CSV file: {reason}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What was seen.
        reason: String,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::NotFound { path }
            | IngestError::Io { path, .. }
            | IngestError::Empty { path }
            | IngestError::Workbook { path, .. }
            | IngestError::Encrypted { path }
            | IngestError::LimitExceeded { path, .. }
            | IngestError::Csv { path, .. }
            | IngestError::Unsupported { path, .. } => path,
        }
    }

    /// The error for an exceeded limit. `found` is a lower bound when `at_least` is set (counting stopped
    /// at the first count over the limit).
    pub fn limit_exceeded(
        path: &Path,
        place: Option<String>,
        limit: Limit,
        found: u64,
        at_least: bool,
        limits: &Limits,
    ) -> IngestError {
        IngestError::LimitExceeded {
            path: path.to_path_buf(),
            place,
            limit,
            detail: format!(
                "has a {} of {}{}, over the limit of {}; nothing was read from it. If the file is genuine, raise the limit, e.g. {} {}",
                limit.what(),
                if at_least { "at least " } else { "" },
                limit.show(found),
                limit.show(limit.allowed(limits)),
                limit.flag(),
                limit.flag_value(limits).saturating_mul(4),
            ),
        }
    }
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
