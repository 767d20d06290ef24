//! The committed fixture files: they match the builders they are made from, and `inspect` shows for each
//! its tables, header row, column mapping and row counts.

use crate::fixtures;
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::path::Path;

fn cells(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            (n, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

#[test]
fn committed_fixtures_match_their_builders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (rel, built) in fixtures::files() {
        let committed = std::fs::read(root.join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}; run tests/fixtures/generate.sh"));
        if rel.ends_with(".xlsx") {
            assert!(
                cells(committed) == cells(built),
                "{rel} differs from its builder"
            );
        } else {
            assert!(committed == built, "{rel} differs from its builder");
        }
    }
}

#[test]
fn inspect_shows_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = Vec::new();
    for dir in ["csv", "workbooks", "linkedin"] {
        for entry in std::fs::read_dir(root.join("tests/fixtures").join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            files.push(format!("tests/fixtures/{dir}/{name}"));
        }
    }
    files.sort();
    let mut listing = String::new();
    for file in files {
        // Each fixture on its own: inspecting them together would merge people across unrelated files.
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ssi-pulse");
        let out = cmd
            .current_dir(root)
            .args(["inspect", &file, "--as-of", "2026-01-01"])
            .output()
            .unwrap();
        listing.push_str(&String::from_utf8(out.stdout).unwrap());
        listing.push_str(&format!("[exit {}]\n\n", out.status.code().unwrap_or(-1)));
    }
    insta::assert_snapshot!(listing);
}
