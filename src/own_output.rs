//! How ssi-pulse knows its own output: the marker file every report folder holds, and the shape of report
//! folders written before the marker existed. A leaf: `output` writes the marker, `ingest` passes over
//! marked folders when it scans for inputs.

use std::path::{Path, PathBuf};

/// The marker file in every report folder (`<out>/<YYYY-MM>/`, `<out>/<name>/<YYYY-MM>/`).
pub const MARKER: &str = ".ssi-pulse.json";

/// The marker's content: the same bytes in every folder, so outputs stay deterministic.
pub const MARKER_TEXT: &str = "{\n  \"written_by\": \"ssi-pulse\",\n  \"what\": \"a report folder: folder scans by ssi-pulse pass over it, so a report is never read back as input\",\n  \"format\": 1\n}\n";

/// The lock file a run holds in its `--out` folder while it writes there.
pub const LOCK: &str = ".ssi-pulse.lock";

/// True when `dir` is a report folder ssi-pulse wrote: it holds the marker, or (written before the
/// marker) `report.md`, `summary.json` and `data/ssi.csv` together.
pub fn is_report_folder(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || (dir.join("report.md").is_file()
            && dir.join("summary.json").is_file()
            && dir.join("data").join("ssi.csv").is_file())
}

/// The report folder a file lies in, if any (the file's folder or one of the two above it, which covers
/// `data/ssi.csv` and `people/<name>/...`).
pub fn report_folder_of(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .take(3)
        .find(|dir| !dir.as_os_str().is_empty() && is_report_folder(dir))
        .map(Path::to_path_buf)
}

/// True for the hidden folders a run writes into before swapping them in (`.<YYYY-MM>.partial-<pid>`)
/// and the previous folder it sets aside meanwhile (`.<YYYY-MM>.previous-<pid>`); returns the month
/// folder's name and which kind it is.
pub fn staging_name(name: &str) -> Option<(&str, StagingKind)> {
    let rest = name.strip_prefix('.')?;
    for (tag, kind) in [
        (".partial-", StagingKind::Partial),
        (".previous-", StagingKind::Previous),
    ] {
        if let Some((month, pid)) = rest.rsplit_once(tag) {
            if !month.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) {
                return Some((month, kind));
            }
        }
    }
    None
}

/// What a staging folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StagingKind {
    /// A month being written.
    Partial,
    /// The previous month folder, set aside while the new one is swapped in.
    Previous,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_are_recognised_and_nothing_else() {
        assert_eq!(
            staging_name(".2026-10.partial-4242"),
            Some(("2026-10", StagingKind::Partial))
        );
        assert_eq!(
            staging_name(".2026-10.previous-7"),
            Some(("2026-10", StagingKind::Previous))
        );
        assert_eq!(staging_name("2026-10.partial-7"), None);
        assert_eq!(staging_name(".2026-10.partial-"), None);
        assert_eq!(staging_name(".2026-10.partial-x1"), None);
        assert_eq!(staging_name(".git"), None);
    }

    #[test]
    fn report_folders_are_known_by_marker_or_by_shape() {
        let dir = tempfile::tempdir().unwrap();
        let marked = dir.path().join("2026-10");
        std::fs::create_dir_all(marked.join("data")).unwrap();
        std::fs::write(marked.join(MARKER), MARKER_TEXT).unwrap();
        assert!(is_report_folder(&marked));
        assert_eq!(
            report_folder_of(&marked.join("data/ssi.csv")),
            Some(marked.clone())
        );

        let older = dir.path().join("2026-09");
        std::fs::create_dir_all(older.join("data")).unwrap();
        assert!(!is_report_folder(&older));
        for f in ["report.md", "summary.json", "data/ssi.csv"] {
            std::fs::write(older.join(f), "x").unwrap();
        }
        assert!(is_report_folder(&older));

        let tracker = dir.path().join("tracker");
        std::fs::create_dir_all(&tracker).unwrap();
        assert!(!is_report_folder(&tracker));
        assert_eq!(report_folder_of(&tracker.join("ssi.csv")), None);
    }
}
