//! Golden hashes: the sha256 of every artifact ssi-pulse writes or prints for the sample data and the
//! fixtures (single reports, batches, person pages, index files, `inspect` and `inspect --json`), with a
//! fixed `--as-of`. They guard refactors: a change that alters an output fails here until the hashes are
//! rewritten on purpose with `SSI_PULSE_BLESS=1 cargo test golden`, in the commit that says why.
//!
//! Each case's hashes live in `tests/golden/<case>.sha256` in `sha256sum` format; the files a run writes
//! are listed by their path under the case's output folder, and what it prints as `<stdout>`,
//! `<stderr>` and `<exit>`.

use crate::workdir::Workdir;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The fixed clock of every golden run.
const AS_OF: &str = "2026-12-01";

/// Fixture folders copied into the work folder for the fixture cases.
const FIXTURE_DIRS: [&str; 4] = ["workbooks", "csv", "linkedin", "linkage"];

/// Where a case finds its inputs.
#[derive(Clone, Copy)]
enum Inputs {
    /// `sample_data/` as committed.
    Sample,
    /// `fixtures/<dir>/` for each of `FIXTURE_DIRS`, plus `fixtures/bad/`.
    Fixtures,
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

fn prepare(w: &Workdir, inputs: Inputs) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match inputs {
        Inputs::Sample => w.copy_sample_data(),
        Inputs::Fixtures => {
            for dir in FIXTURE_DIRS.iter().chain(&["bad"]) {
                copy_dir(
                    &root.join("tests/fixtures").join(dir),
                    &w.join(&format!("fixtures/{dir}")),
                );
            }
            // Generators and expected values are not inputs.
            for f in [
                "fixtures/linkage/expected.json",
                "fixtures/linkage/team_expected.json",
                "fixtures/linkage/make_expected.py",
                "fixtures/linkage/make_team.py",
                "fixtures/bad/make_bad.py",
                "fixtures/bad/README.md",
            ] {
                let _ = std::fs::remove_file(w.join(f));
            }
        }
    }
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, base, out);
        } else {
            out.push(path.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

/// Runs `args` in a fresh work folder and returns the hash of every file under `out/`, stdout, stderr
/// and the exit code.
fn run_case(inputs: Inputs, args: &[&str]) -> BTreeMap<String, String> {
    let w = Workdir::new();
    prepare(&w, inputs);
    let output = w.command().args(args).output().unwrap();
    let mut hashes = BTreeMap::new();
    let mut files = Vec::new();
    files_under(&w.join("out"), &w.join("out"), &mut files);
    for rel in files {
        let bytes = std::fs::read(w.join("out").join(&rel)).unwrap();
        hashes.insert(rel.to_string_lossy().replace('\\', "/"), hex(&bytes));
    }
    hashes.insert("<stdout>".into(), hex(&output.stdout));
    hashes.insert("<stderr>".into(), hex(&output.stderr));
    hashes.insert(
        "<exit>".into(),
        hex(format!("{:?}", output.status.code()).as_bytes()),
    );
    hashes
}

fn golden_path(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{case}.sha256"))
}

/// Compares a case's hashes with the committed ones (or rewrites them with `SSI_PULSE_BLESS=1`).
fn check(case: &str, inputs: Inputs, args: &[&str]) {
    let got = run_case(inputs, args);
    let path = golden_path(case);
    if std::env::var_os("SSI_PULSE_BLESS").is_some_and(|v| !v.is_empty()) {
        let text: String = got.iter().map(|(p, h)| format!("{h}  {p}\n")).collect();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let want: BTreeMap<String, String> = committed
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(h, p)| (p.to_string(), h.to_string()))
        .collect();
    let mut problems = Vec::new();
    for (p, h) in &want {
        match got.get(p) {
            None => problems.push(format!("missing: {p}")),
            Some(g) if g != h => problems.push(format!("changed: {p}")),
            _ => {}
        }
    }
    for p in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("new: {p}"));
    }
    assert!(
        problems.is_empty(),
        "case {case} ({}): {} of {} outputs differ from tests/golden/{case}.sha256 \
         (rewrite them on purpose with SSI_PULSE_BLESS=1 cargo test golden):\n  {}",
        args.join(" "),
        problems.len(),
        want.len(),
        problems.join("\n  ")
    );
}

#[test]
fn golden_sample_report() {
    check(
        "sample_report",
        Inputs::Sample,
        &["report", "--out", "out", "--as-of", AS_OF],
    );
}

#[test]
fn golden_sample_batch_each_file_all_months() {
    check(
        "sample_batch_each_file_all_months",
        Inputs::Sample,
        &[
            "report",
            "sample_data",
            "--each",
            "file",
            "--all-months",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ],
    );
}

#[test]
fn golden_sample_batch_each_person() {
    check(
        "sample_batch_each_person",
        Inputs::Sample,
        &[
            "report", "--each", "person", "--out", "out", "--as-of", AS_OF,
        ],
    );
}

#[test]
fn golden_fixtures_batch_each_file_all_months() {
    check(
        "fixtures_batch_each_file_all_months",
        Inputs::Fixtures,
        &[
            "report",
            "fixtures/workbooks",
            "fixtures/csv",
            "fixtures/linkedin",
            "fixtures/linkage",
            "--each",
            "file",
            "--all-months",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ],
    );
}

#[test]
fn golden_fixture_report_dark_transparent_small() {
    check(
        "fixture_report_dark_transparent_small",
        Inputs::Fixtures,
        &[
            "report",
            "fixtures/workbooks/clients_sheet_per_person.xlsx",
            "fixtures/workbooks/dana_tracker.xlsx",
            "--theme",
            "dark",
            "--transparent",
            "--size",
            "800x450",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ],
    );
}

#[test]
fn golden_fixture_report_with_rejections() {
    check(
        "fixture_report_with_rejections",
        Inputs::Fixtures,
        &[
            "report",
            "fixtures/bad/bad_numbers.csv",
            "fixtures/bad/conflicting_duplicates.csv",
            "fixtures/bad/impossible_dates.csv",
            "fixtures/bad/ragged_rows.csv",
            "fixtures/bad/truncated.xlsx",
            "fixtures/csv",
            "--formats",
            "svg",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ],
    );
}

#[test]
fn golden_inspect_sample_and_fixtures() {
    check("inspect_text", Inputs::Fixtures, &["inspect", "fixtures"]);
    check(
        "inspect_sample_text",
        Inputs::Sample,
        &["inspect", "sample_data"],
    );
}

#[test]
fn golden_inspect_json_sample_and_fixtures() {
    check(
        "inspect_json",
        Inputs::Fixtures,
        &["inspect", "--json", "fixtures"],
    );
    check(
        "inspect_sample_json",
        Inputs::Sample,
        &["inspect", "--json", "sample_data"],
    );
}
