//! What ingestion hands on: each sheet or text file read (a source table) with its findings, the files
//! that could not be read, and the rows; and how a source or one of its rows is named in messages.

use super::error::IngestError;
use super::grid::Place;
use super::table::{Rejection, SheetFindings};
use crate::model::records::{ActivityTable, SsiRow};
use std::path::Path;

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
    /// The groups rows and rosters name.
    pub memberships: Vec<crate::model::records::Membership>,
    /// What the folder scan passed over or read with a caveat (ssi-pulse's own output), one line each.
    pub notes: Vec<String>,
    /// Each membership's person as names are joined (`collate::name_key`), made at the first call of
    /// `membership_keys`, once reading is over.
    membership_keys: std::sync::OnceLock<Vec<String>>,
}

impl Ingested {
    /// The joining key of each of `memberships`' people, in their order: made once, so a batch of 2,000
    /// groups does not fold every name 2,000 times.
    pub fn membership_keys(&self) -> &[String] {
        let keys = self.membership_keys.get_or_init(|| {
            self.memberships
                .iter()
                .map(|m| crate::model::collate::name_key(&m.person))
                .collect()
        });
        debug_assert_eq!(
            keys.len(),
            self.memberships.len(),
            "memberships changed after keying"
        );
        keys
    }

    /// Every rejected row, with the file it came from.
    pub fn rejections(&self) -> impl Iterator<Item = (&SourceTable, &Rejection)> {
        self.sources
            .iter()
            .flat_map(|s| s.findings.rejections.iter().map(move |r| (s, r)))
    }
}

impl SourceTable {
    /// A table read from `path` (as shown in reports), with no notes of the reader's and no text details.
    pub fn new(
        path: String,
        format: &str,
        sheet: Option<String>,
        findings: SheetFindings,
    ) -> SourceTable {
        SourceTable {
            path,
            format: format.to_string(),
            sheet,
            text: None,
            notes: Vec::new(),
            findings,
        }
    }

    /// The table as messages name it: "file sheet 'S'", or the file alone.
    pub fn place(&self) -> Place<'_> {
        Place {
            path: &self.path,
            sheet: self.sheet.as_deref(),
            row: None,
        }
    }

    /// One of the table's rows as messages name it: "file sheet 'S' row N", or "file row N".
    pub fn row_place(&self, row: u32) -> Place<'_> {
        Place {
            row: Some(row),
            ..self.place()
        }
    }
}

/// A path as shown in reports: as given, with `/` separators.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
