//! `inspect`: the per-sheet listing in text and JSON.

use crate::fixtures;
use crate::workdir::Workdir;
use predicates::prelude::*;

#[test]
fn inspect_lists_tables_headers_and_mappings() {
    let wd = Workdir::new();
    wd.write("Dana Scully.xlsx", fixtures::dana_tracker());
    wd.command()
        .args(["inspect", "Dana Scully.xlsx"])
        .assert()
        .success()
        .stdout(predicate::str::contains("sheet 'SSI': SSI snapshots"))
        .stdout(predicate::str::contains(
            "header row 3; 8 rows read, 6 used",
        ))
        .stdout(predicate::str::contains(
            "Establish your professional brand  -> brand",
        ))
        .stdout(predicate::str::contains(
            "dates 2025-08-25 to 2025-11-03; 1 person: Dana Scully",
        ))
        .stdout(predicate::str::contains("sheet 'Activity': activity"));
}

#[test]
fn inspect_json_is_machine_readable() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    let out = wd
        .command()
        .args(["inspect", "sample_data", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let tables = v["tables"].as_array().unwrap();
    let notes = tables.iter().find(|t| t["sheet"] == "Notes").unwrap();
    assert_eq!(notes["table"], "ignored");
    let team = tables.iter().find(|t| t["sheet"] == "Team SSI").unwrap();
    assert_eq!(team["table"], "ssi_and_activity");
    assert_eq!(team["people"].as_array().unwrap().len(), 12);
    assert_eq!(team["columns"][0]["canonical"], "person");
}

#[test]
fn inspect_of_nothing_usable_exits_1() {
    let wd = Workdir::new();
    wd.write("notes.csv", "just,some,words\nand,more,words\n");
    wd.command()
        .args(["inspect", "notes.csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ignored"));
}
