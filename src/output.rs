//! The only place that touches the output folder and the terminal: writes a report's artifacts into a
//! temporary folder and swaps it into place (so a failed run never leaves a half-written month and never
//! damages the previous one), writes loose files, and prints messages.

pub use crate::artifact::{Artifact, OutputError};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks a relative artifact path stays inside its folder.
fn check_relative(path: &Path) -> Result<(), OutputError> {
    let ok = !path.as_os_str().is_empty()
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(OutputError::UnsafePath {
            path: path.to_path_buf(),
        })
    }
}

fn ensure_dir(dir: &Path) -> Result<(), OutputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OutputError::NotADirectory {
            path: dir.to_path_buf(),
        });
    }
    std::fs::create_dir_all(dir).map_err(io(dir))
}

fn write_all(root: &Path, artifacts: &[Artifact]) -> Result<(), OutputError> {
    for a in artifacts {
        check_relative(&a.path)?;
        let path = root.join(&a.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, &a.bytes).map_err(io(&path))?;
    }
    Ok(())
}

/// A month's folder being written: files go into a hidden temporary folder beside it, which `commit`
/// swaps into place. Dropped without `commit` (an error on the way), the temporary folder is removed and
/// any previous folder stays as it was. `write` may be called from several threads.
#[derive(Debug)]
pub struct Staging {
    staging: PathBuf,
    backup: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the temporary folder for `out/name`.
    pub fn begin(out: &Path, name: &str) -> Result<Staging, OutputError> {
        check_relative(Path::new(name))?;
        ensure_dir(out)?;
        let pid = std::process::id();
        let staging = out.join(format!(".{name}.partial-{pid}"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io(&staging))?;
        Ok(Staging {
            backup: out.join(format!(".{name}.previous-{pid}")),
            target: out.join(name),
            staging,
            committed: false,
        })
    }

    /// Writes artifacts into the temporary folder.
    pub fn write(&self, artifacts: &[Artifact]) -> Result<(), OutputError> {
        write_all(&self.staging, artifacts)
    }

    /// Replaces any previous folder with the written one; returns its path.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let had_previous = self.target.exists();
        if had_previous {
            std::fs::rename(&self.target, &self.backup).map_err(io(&self.target))?;
        }
        if let Err(source) = std::fs::rename(&self.staging, &self.target) {
            if had_previous {
                let _ = std::fs::rename(&self.backup, &self.target);
            }
            return Err(OutputError::Io {
                path: self.target.clone(),
                source,
            });
        }
        self.committed = true;
        if had_previous {
            std::fs::remove_dir_all(&self.backup).map_err(io(&self.backup))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes `artifacts` as the folder `out/name`, replacing any previous one only once all are written.
pub fn write_folder(
    out: &Path,
    name: &str,
    artifacts: &[Artifact],
) -> Result<PathBuf, OutputError> {
    let staging = Staging::begin(out, name)?;
    staging.write(artifacts)?;
    staging.commit()
}

/// Writes loose files into a folder (used by `sample`), each through a temporary file and a rename.
pub fn write_files(dir: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>, OutputError> {
    ensure_dir(dir)?;
    let mut written = Vec::new();
    for a in artifacts {
        check_relative(&a.path)?;
        let path = dir.join(&a.path);
        let tmp = dir.join(format!(
            ".{}.partial",
            a.path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        std::fs::write(&tmp, &a.bytes).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// Prints a line to standard output; a closed pipe is not an error.
pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

/// A progress display on standard error: a spinner with the current stage and, while person pages are
/// drawn, a count. Hidden when standard error is not a terminal (pipes, CI) or when asked to be quiet.
pub fn progress(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// The progress bar of a batch: a count of inputs read, then of reports written. Hidden when standard
/// error is not a terminal or when asked to be quiet.
pub fn batch_progress(quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Prints a warning to standard error.
pub fn warn(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "warning: {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_leave_the_folder() {
        assert!(check_relative(Path::new("../x")).is_err());
        assert!(check_relative(Path::new("/etc/passwd")).is_err());
        assert!(check_relative(Path::new("charts/a.png")).is_ok());
    }

    #[test]
    fn replaces_previous_folder_only_after_success() {
        let dir = tempfile::tempdir().unwrap();
        let first = [Artifact::new("a.txt", b"one".to_vec())];
        write_folder(dir.path(), "2026-10", &first).unwrap();
        let bad = [
            Artifact::new("a.txt", b"two".to_vec()),
            Artifact::new("../escape.txt", b"x".to_vec()),
        ];
        assert!(write_folder(dir.path(), "2026-10", &bad).is_err());
        let kept = std::fs::read(dir.path().join("2026-10/a.txt")).unwrap();
        assert_eq!(kept, b"one");
        let second = [Artifact::new("b.txt", b"two".to_vec())];
        write_folder(dir.path(), "2026-10", &second).unwrap();
        assert!(!dir.path().join("2026-10/a.txt").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no staging or backup folders left behind");
    }

    #[test]
    fn an_uncommitted_staging_folder_vanishes_and_the_previous_month_stays() {
        let dir = tempfile::tempdir().unwrap();
        write_folder(
            dir.path(),
            "2026-10",
            &[Artifact::new("report.md", b"old".to_vec())],
        )
        .unwrap();
        {
            let staging = Staging::begin(dir.path(), "2026-10").unwrap();
            staging
                .write(&[Artifact::new("people/a.md", b"new".to_vec())])
                .unwrap();
            // Dropped without commit, as on an error half way.
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["2026-10"]);
        assert_eq!(
            std::fs::read(dir.path().join("2026-10/report.md")).unwrap(),
            b"old"
        );

        let staging = Staging::begin(dir.path(), "2026-10").unwrap();
        staging
            .write(&[Artifact::new("report.md", b"new".to_vec())])
            .unwrap();
        let target = staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("report.md")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn artifacts_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(dir.path(), "2026-10").unwrap();
        let err = staging
            .write(&[Artifact::new("../escape.md", b"x".to_vec())])
            .unwrap_err();
        assert!(matches!(err, OutputError::UnsafePath { .. }));
        assert!(!dir.path().join("escape.md").exists());
    }
}
