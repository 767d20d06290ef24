//! The only place that touches the output folder and the terminal: locks the output folder for one run at
//! a time and clears what interrupted runs left there, writes a report's artifacts into a temporary folder
//! and swaps it into place (so a failed or interrupted run never leaves a half-written month and never
//! damages the previous one), writes loose files, and prints messages.

pub use crate::artifact::{Artifact, OutputError};
use crate::interrupt;
use crate::own_output::{self, StagingKind};
use std::io::{Read, Write};
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
    /// Creates the temporary folder for `out/name`, marked as ssi-pulse's output.
    pub fn begin(out: &Path, name: &str) -> Result<Staging, OutputError> {
        check_relative(Path::new(name))?;
        let target = out.join(name);
        if interrupt::requested() {
            return Err(OutputError::Interrupted { path: target });
        }
        ensure_dir(out)?;
        let pid = std::process::id();
        let staging = out.join(format!(".{name}.partial-{pid}"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io(&staging))?;
        let marker = staging.join(own_output::MARKER);
        std::fs::write(&marker, own_output::MARKER_TEXT).map_err(io(&marker))?;
        Ok(Staging {
            backup: out.join(format!(".{name}.previous-{pid}")),
            target,
            staging,
            committed: false,
        })
    }

    /// Writes artifacts into the temporary folder; stops at once after Ctrl-C.
    pub fn write(&self, artifacts: &[Artifact]) -> Result<(), OutputError> {
        self.check_interrupt()?;
        write_all(&self.staging, artifacts)
    }

    fn check_interrupt(&self) -> Result<(), OutputError> {
        if interrupt::requested() {
            Err(OutputError::Interrupted {
                path: self.target.clone(),
            })
        } else {
            Ok(())
        }
    }

    /// Replaces any previous folder with the written one; returns its path. After Ctrl-C nothing is
    /// swapped in.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        self.check_interrupt()?;
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

/// A run's hold on its output folder: a lock file (`.ssi-pulse.lock`, holding the run's pid and start
/// time) locked by the operating system, so a second run waits for the first instead of writing into the
/// same folders, and the lock is released however the run ends (even killed). The file is removed when the
/// run ends normally, and so is the output folder if the run created it and wrote nothing.
#[derive(Debug)]
pub struct OutputLock {
    file: Option<std::fs::File>,
    path: PathBuf,
    created: Option<PathBuf>,
}

impl OutputLock {
    /// Locks `out` (creating it if needed), waiting up to `wait` for another run to finish; `on_wait` is
    /// told once who holds it. Returns the lock and what it cleared: stale staging folders of runs that
    /// ended without finishing (removed, or a set-aside previous month put back).
    pub fn acquire(
        out: &Path,
        wait: std::time::Duration,
        on_wait: impl FnOnce(&str),
    ) -> Result<(OutputLock, Vec<String>), OutputError> {
        let created = (!out.exists()).then(|| out.to_path_buf());
        ensure_dir(out)?;
        let path = out.join(own_output::LOCK);
        let started = std::time::Instant::now();
        let mut on_wait = Some(on_wait);
        let file = loop {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io(&path))?;
            match file.try_lock() {
                Ok(()) if same_file(&file, &path) => break file,
                // The holder removed the file as it finished: lock the new one.
                Ok(()) => continue,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim().replace('\n', ", ");
                    let holder = if holder.is_empty() {
                        "starting".to_string()
                    } else {
                        holder
                    };
                    if started.elapsed() >= wait {
                        return Err(OutputError::Locked {
                            path: out.to_path_buf(),
                            holder,
                            waited_s: started.elapsed().as_secs(),
                        });
                    }
                    if let Some(tell) = on_wait.take() {
                        tell(&holder);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
            }
        };
        let mut lock = OutputLock {
            file: Some(file),
            path,
            created,
        };
        lock.write_holder()?;
        let cleared = clear_stale(out)?;
        Ok((lock, cleared))
    }

    fn write_holder(&mut self) -> Result<(), OutputError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let holder = format!(
            "pid {}\nstarted {}\n",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC")
        );
        file.set_len(0)
            .and_then(|()| file.write_all(holder.as_bytes()))
            .and_then(|()| file.flush())
            .map_err(io(&self.path))
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting run that opened the old file notices and retries.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
        if let Some(dir) = &self.created {
            // Only if nothing was written (remove_dir refuses a folder that is not empty).
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// True when `path` still names the open `file` (not removed or replaced since it was opened).
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// True when `path` still exists (other systems do not let a locked file be removed).
#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

/// Clears what runs that ended without finishing left in `out` and in its batch folders (`out/<name>/`):
/// a half-written month is removed; a previous month set aside just before the swap is put back when the
/// month folder is missing, else removed. Only called while holding the output lock, so no live run is
/// writing there. Returns one line per folder cleared.
fn clear_stale(out: &Path) -> Result<Vec<String>, OutputError> {
    let mut cleared = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    for entry in std::fs::read_dir(out).map_err(io(out))?.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir && !name.starts_with('.') && !own_output::is_report_folder(&path) {
            dirs.push(path);
        }
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<(PathBuf, String, StagingKind)> = entries
            .flatten()
            .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let (month, kind) = own_output::staging_name(&name)?;
                Some((e.path(), month.to_string(), kind))
            })
            .collect();
        found.sort();
        for (path, month, kind) in found {
            let target = dir.join(&month);
            if kind == StagingKind::Previous && !target.exists() {
                std::fs::rename(&path, &target).map_err(io(&path))?;
                cleared.push(format!(
                    "put back {}, which an interrupted run had set aside as {}",
                    target.display(),
                    path.display()
                ));
            } else {
                std::fs::remove_dir_all(&path).map_err(io(&path))?;
                cleared.push(format!(
                    "removed {}, left by a run that did not finish",
                    path.display()
                ));
            }
        }
    }
    Ok(cleared)
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
    fn the_lock_clears_what_unfinished_runs_left_and_puts_a_set_aside_month_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let make = |rel: &str| {
            std::fs::create_dir_all(out.join(rel)).unwrap();
            std::fs::write(out.join(rel).join("report.md"), rel).unwrap();
        };
        // Killed between the two renames of a swap: the month exists only as the set-aside copy.
        make(".2026-10.previous-99");
        // Killed while writing: a half-written month beside a finished one.
        make("2026-09");
        make(".2026-09.partial-98");
        // Killed after the swap: the new month is in place, the old copy was not yet removed.
        make("2026-08");
        make(".2026-08.previous-97");
        // A batch's person folder.
        make("alex-morgan/.2026-10.partial-96");
        std::fs::write(out.join("alex-morgan/notes.txt"), "kept").unwrap();

        let (lock, cleared) = OutputLock::acquire(out, std::time::Duration::ZERO, |_| {}).unwrap();
        assert_eq!(cleared.len(), 4, "{cleared:?}");
        // In path order: .2026-08.previous-97, .2026-09.partial-98, .2026-10.previous-99, alex-morgan/...
        assert!(cleared[0].starts_with("removed "), "{cleared:?}");
        assert!(cleared[2].starts_with("put back "), "{cleared:?}");
        assert_eq!(
            std::fs::read_to_string(out.join("2026-10/report.md")).unwrap(),
            ".2026-10.previous-99"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("2026-08/report.md")).unwrap(),
            "2026-08"
        );
        let mut left: Vec<String> = std::fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".ssi-pulse.lock",
                "2026-08",
                "2026-09",
                "2026-10",
                "alex-morgan"
            ]
        );
        assert_eq!(
            std::fs::read_dir(out.join("alex-morgan")).unwrap().count(),
            1
        );

        // Held, the lock turns a second run away; released, its file is gone.
        let holder = std::fs::read_to_string(out.join(own_output::LOCK)).unwrap();
        assert!(holder.starts_with(&format!("pid {}\nstarted ", std::process::id())));
        let refused = OutputLock::acquire(out, std::time::Duration::ZERO, |_| {}).unwrap_err();
        assert!(matches!(refused, OutputError::Locked { .. }), "{refused}");
        drop(lock);
        assert!(!out.join(own_output::LOCK).exists());
        let (again, cleared) = OutputLock::acquire(out, std::time::Duration::ZERO, |_| {}).unwrap();
        assert!(cleared.is_empty());
        drop(again);
    }

    #[test]
    fn a_lock_on_a_new_folder_removes_it_when_nothing_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        let (lock, _) = OutputLock::acquire(&out, std::time::Duration::ZERO, |_| {}).unwrap();
        assert!(out.is_dir());
        drop(lock);
        assert!(!out.exists());
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
