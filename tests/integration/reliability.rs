//! The second run is as safe as the first: reports written inside the data folder are never read back,
//! runs killed or interrupted while writing leave the previous month as it was and nothing behind once
//! the next run starts, two runs on one output folder never interleave, and panicking readers on several
//! threads are each reported once with no panic text on the terminal.

use crate::workdir::Workdir;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every file under `dir` (hidden ones included) with the sha256 of its bytes.
fn hashes(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let digest = Sha256::digest(std::fs::read(&path).unwrap());
                let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), hex);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The hidden entries of `dir` (staging folders, lock files).
fn hidden(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// The binary as a child process in `w`, with stdout and stderr captured.
fn spawn(w: &Workdir, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ssi-pulse"))
        .current_dir(w.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `ready` holds, checking every 20 ms, for at most two minutes.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The staging folder of `month` a run with `pid` writes into, once it holds `pages` person pages.
fn staging_with_pages(out: &Path, month: &str, pid: u32, pages: usize) -> impl FnMut() -> bool {
    let people = out.join(format!(".{month}.partial-{pid}/people"));
    move || std::fs::read_dir(&people).map(|d| d.count()).unwrap_or(0) >= pages
}

/// A generated team of `people` (20 weeks), in `team/`.
fn team(w: &Workdir, people: u32) -> String {
    let status = w
        .command()
        .args([
            "sample",
            "--people",
            &people.to_string(),
            "--weeks",
            "20",
            "--out",
            "team",
        ])
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    format!("team/team_{people}x20.xlsx")
}

/// A team report with small PNG charts only, so runs are quick.
const QUICK: [&str; 4] = ["--formats", "png", "--size", "640x360"];

fn report_args<'a>(input: &'a str, out: &'a str) -> Vec<&'a str> {
    let mut args = vec!["report", input, "--out", out, "--as-of", "2026-12-01"];
    args.extend(QUICK);
    args
}

fn send(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The monthly run of a user who keeps reports inside the data folder.
fn monthly_report(w: &Workdir) -> std::process::Output {
    w.command()
        .args([
            "report",
            "data",
            "--out",
            "data/reports",
            "--as-of",
            "2026-12-01",
        ])
        .output()
        .unwrap()
}

/// A team of `people` reported once into `out/`, then a second run of the same report caught when its
/// staging folder holds `pages` person-page entries.
struct Caught {
    w: Workdir,
    args: Vec<String>,
    /// The month folder's files after the first run.
    before: BTreeMap<PathBuf, String>,
    child: Child,
}

const MONTH: &str = "2026-10";

fn caught_while_writing(people: u32, pages: usize) -> Caught {
    let w = Workdir::new();
    let input = team(&w, people);
    let args: Vec<String> = report_args(&input, "out")
        .iter()
        .map(|a| a.to_string())
        .collect();
    let first = w.command().args(&args).output().unwrap();
    assert_eq!(first.status.code(), Some(0));
    let before = hashes(&w.join("out").join(MONTH));
    assert!(before.len() > 4 * people as usize, "{} files", before.len());
    let child = Command::new(env!("CARGO_BIN_EXE_ssi-pulse"))
        .current_dir(w.path())
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(
        "person pages in the staging folder",
        staging_with_pages(&w.join("out"), MONTH, child.id(), pages),
    );
    Caught {
        w,
        args,
        before,
        child,
    }
}

#[test]
fn reports_inside_the_data_folder_are_not_read_back_and_a_correction_is_used() {
    let w = Workdir::new();
    w.copy_sample_data();
    std::fs::rename(w.join("sample_data"), w.join("data")).unwrap();
    let first = monthly_report(&w);
    assert_eq!(first.status.code(), Some(0));
    let rejected_before = w.read("data/reports/2026-10/data/rejected.csv");

    // Sam Rivera's last October snapshot is corrected in the tracker: SSI 61 -> 62 (brand 15.07 -> 16.07).
    let sam = w.read("data/Sam Rivera.csv");
    let corrected = sam.replace(
        "2026-10-26,61,15.07,19.91,6.92,18.7,",
        "2026-10-26,62,16.07,19.91,6.92,18.7,",
    );
    assert_ne!(sam, corrected);
    w.write("data/Sam Rivera.csv", &corrected);
    let second = monthly_report(&w);
    assert_eq!(second.status.code(), Some(0));

    let ssi = w.read("data/reports/2026-10/data/ssi.csv");
    assert!(
        ssi.contains("Sam Rivera,2026-10-26,62,16.07,19.91,6.92,18.7,"),
        "{ssi}"
    );
    assert!(!ssi.contains("Sam Rivera,2026-10-26,61,"));
    // Nothing more is rejected than the tracker's own bad cell, and nothing is read twice.
    assert_eq!(
        w.read("data/reports/2026-10/data/rejected.csv"),
        rejected_before
    );
    let summary = w.json("data/reports/2026-10/summary.json");
    let inputs = summary["data_quality"]["inputs"].to_string();
    assert!(!inputs.contains("reports/"), "{inputs}");
    let md = w.read("data/reports/2026-10/report.md");
    assert!(
        md.contains("data/reports: not read, it is the output folder (--out)"),
        "{md}"
    );
}

#[test]
fn report_folders_are_passed_over_by_any_scan_even_without_the_marker() {
    let w = Workdir::new();
    w.copy_sample_data();
    let out = w
        .command()
        .args(["report", "sample_data", "--out", "sample_data/old", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(w.join("sample_data/old/2026-10/.ssi-pulse.json").is_file());
    // A report folder moved elsewhere, and one written before the marker existed.
    std::fs::rename(
        w.join("sample_data/old/2026-10"),
        w.join("sample_data/archive-oct"),
    )
    .unwrap();
    std::fs::create_dir_all(w.join("sample_data/old/2026-09")).unwrap();
    for f in [
        "report.md",
        "summary.json",
        "data/ssi.csv",
        "data/activity.csv",
    ] {
        let from = w.join("sample_data/archive-oct").join(f);
        let to = w.join("sample_data/old/2026-09").join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }

    let inspect = w
        .command()
        .args(["inspect", "sample_data"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&inspect.stdout);
    assert!(
        text.contains("note: sample_data/archive-oct: not read, it is a report ssi-pulse wrote"),
        "{text}"
    );
    assert!(
        text.contains("note: sample_data/old/2026-09: not read, it is a report ssi-pulse wrote"),
        "{text}"
    );
    assert!(!text.contains("archive-oct/data/ssi.csv ("), "{text}");

    // Named by path, a tidy table of a report is a fine input, read with a note.
    let named = w
        .command()
        .args(["inspect", "sample_data/archive-oct/data/ssi.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&named.stdout);
    assert_eq!(named.status.code(), Some(0), "{text}");
    assert!(text.contains("SSI snapshots"), "{text}");
    assert!(
        text.contains(
            "note: sample_data/archive-oct/data/ssi.csv is in sample_data/archive-oct, a report ssi-pulse wrote; it is read because it was named"
        ),
        "{text}"
    );
}

#[test]
fn a_run_killed_while_writing_leaves_the_previous_month_and_the_next_run_clears_its_debris() {
    // A second run is killed (SIGKILL) half way through writing its 200 person pages.
    let Caught {
        w,
        args,
        before,
        mut child,
    } = caught_while_writing(200, 40);
    let pid = child.id();
    send(&child, "-KILL");
    child.wait().unwrap();
    let month_files = || hashes(&w.join("out").join(MONTH));
    assert_eq!(month_files(), before, "previous month intact");
    let debris = format!(".{MONTH}.partial-{pid}");
    assert!(hidden(&w.join("out")).contains(&debris));

    // The next run removes it, says so, and writes the month again.
    let rerun = w.command().args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert_eq!(rerun.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "removed out/{debris}, left by a run that did not finish"
        )),
        "{stderr}"
    );
    assert_eq!(hidden(&w.join("out")), Vec::<String>::new());
    assert_eq!(month_files(), before);
}

#[test]
fn ctrl_c_while_writing_stops_the_run_and_removes_its_staging_folder() {
    let Caught {
        w, before, child, ..
    } = caught_while_writing(120, 20);
    let sent = Instant::now();
    send(&child, "-INT");
    let output = child.wait_with_output().unwrap();
    let stopped_in = sent.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(
            "interrupted: 'out/2026-10' was not written, and any earlier report there is as it was"
        ),
        "{stderr}"
    );
    // Promptly: within the time of a few person pages, not the rest of the run.
    assert!(stopped_in < Duration::from_secs(10), "{stopped_in:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(hidden(&w.join("out")), Vec::<String>::new());
    assert_eq!(hashes(&w.join("out").join(MONTH)), before);
}

#[test]
fn two_runs_on_one_output_folder_take_turns() {
    let w = Workdir::new();
    let input = team(&w, 60);
    let args = report_args(&input, "out");

    let first = spawn(&w, &args);
    wait_for("the first run's lock", || {
        w.join("out/.ssi-pulse.lock").is_file()
    });
    // With --wait 0 the second run fails at once, naming the holder.
    let mut impatient = args.clone();
    impatient.extend(["--wait", "0"]);
    let refused = w.command().args(&impatient).output().unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "another ssi-pulse run (pid {}, started ",
            first.id()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("is writing to 'out'"), "{stderr}");

    // By default the second run waits for the first, then writes.
    let second = spawn(&w, &args);
    let first = first.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(0));
    let after_first = hashes(&w.join("out/2026-10"));
    let second = second.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("waiting for another ssi-pulse run (pid "),
        "{stderr}"
    );
    // The same input gives the same bytes; nothing interleaved, nothing left behind.
    assert_eq!(hashes(&w.join("out/2026-10")), after_first);
    assert_eq!(hidden(&w.join("out")), Vec::<String>::new());
}

#[test]
fn panicking_readers_on_several_threads_are_each_reported_once_and_quietly() {
    let w = Workdir::new();
    // An xls whose MULRK record's column range is reversed: the xls reader panics on it (an
    // arithmetic overflow in a debug build).
    let crafted = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/workbook_reader/xls_mulrk_column_range_reversed.xls"),
    )
    .unwrap();
    for i in 1..=8 {
        w.write(&format!("clients/broken {i}.xls"), &crafted);
    }
    w.copy_sample_data();
    for f in ["Sam Rivera.csv", "Alex Morgan.xlsx"] {
        std::fs::copy(w.join("sample_data").join(f), w.join("clients").join(f)).unwrap();
    }
    let out = w
        .command()
        .args([
            "report", "clients", "--each", "file", "--jobs", "4", "--out", "reports",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("overflow"), "{stderr}");
    for i in 1..=8 {
        let name = format!("broken {i}.xls");
        assert_eq!(stderr.matches(&name).count(), 1, "{name}: {stderr}");
    }
    assert_eq!(
        stderr
            .matches("reading it failed on malformed content")
            .count(),
        8,
        "{stderr}"
    );
    let index = w.json("reports/index.json");
    let failed = index["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["problem"]
                .as_str()
                .is_some_and(|p| p.contains("malformed content"))
        })
        .count();
    assert_eq!(failed, 8, "{index}");
}
