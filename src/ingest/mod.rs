//! Ingestion: files and folders in, typed rows out. Finds the supported files, recognises each by its
//! content (not its extension), reads workbooks and delimited text into grids, and turns each sheet into
//! SSI and activity rows while accounting for every row. Duplicated snapshots are settled here too.
//!
//! This module only strings the stages together: `discover` finds the files, `file` reads one (through
//! `preflight`, `excel`, `text` or `linkedin_export`, then `table`), `duplicates` settles repeated rows
//! and `quality` builds the data-quality account. No stage imports this module.

pub mod discover;
pub mod duplicates;
pub mod error;
pub mod excel;
pub mod file;
pub mod fuzz_checks;
pub mod grid;
pub mod headers;
pub mod join;
pub mod limits;
pub mod linkedin_export;
pub mod options;
pub mod person;
pub mod preflight;
pub mod quality;
pub mod sources;
pub mod table;
pub mod text;
pub mod values;

#[cfg(test)]
mod accounting_tests;
#[cfg(test)]
mod roundtrip_tests;

pub use discover::{discover, NO_SUPPORTED_FILES, SUPPORTED_EXTENSIONS};
pub use error::{error_chain, IngestError};
pub use file::{detect_format, read_bytes, read_file, Detected};
pub use options::IngestOptions;
pub use person::{default_person, looks_like_person};
pub use quality::quality;
pub use sources::{display_path, FileFailure, Ingested, SourceTable};
pub use table::{ColumnMapping, Rejection, SheetFindings, TableKind};

use std::path::{Path, PathBuf};

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
    let mut placeholders = std::collections::BTreeSet::new();
    if options.person.is_none() {
        placeholders.extend(files.iter().filter_map(|f| person::file_name_person(f)));
        placeholders.insert(file::UNNAMED_ARCHIVE_OWNER.to_string());
    }
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
    duplicates::settle_duplicates(&mut out);
    join::join_single_person(&mut out, &placeholders);
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
