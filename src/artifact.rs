//! What the renderers hand to the writer: an artifact (a relative path and its bytes), and the ways putting
//! artifacts on disk can fail. A leaf: `render` produces artifacts, `output` writes them, neither needs the
//! other.

use std::path::PathBuf;
use thiserror::Error;

/// A file to write: a path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Relative path, `/`-separated.
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// A new artifact.
    pub fn new(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Artifact {
        Artifact {
            path: path.into(),
            bytes,
        }
    }
}

/// Why writing failed.
#[derive(Debug, Error)]
pub enum OutputError {
    /// `--out` exists and is not a folder.
    #[error("output path '{}' exists and is not a folder; choose another --out", path.display())]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
    /// A write, rename or folder creation failed.
    #[error("cannot write '{}'", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An artifact path that would leave the output folder.
    #[error("refusing to write '{}': the path leaves the output folder", path.display())]
    UnsafePath {
        /// The path.
        path: PathBuf,
    },
    /// Ctrl-C stopped the run before this folder was swapped in.
    #[error("interrupted: '{}' was not written, and any earlier report there is as it was", path.display())]
    Interrupted {
        /// The folder that was being written.
        path: PathBuf,
    },
    /// Another run holds the output folder.
    #[error("another ssi-pulse run ({holder}) is writing to '{}'; waited {waited_s} s for it (set --wait to wait longer)", path.display())]
    Locked {
        /// The output folder.
        path: PathBuf,
        /// Who holds it, as its lock file says ("pid 4242, started 2026-12-05 02:10:11 UTC").
        holder: String,
        /// How long this run waited.
        waited_s: u64,
    },
}
