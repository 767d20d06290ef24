//! `sample`: the committed sample_data/ is exactly what the generator writes.

use crate::workdir::Workdir;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::Path;

fn cells(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            (n, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

#[test]
fn regenerated_samples_hold_the_committed_values() {
    let wd = Workdir::new();
    wd.command()
        .args(["sample", "--out", "fresh"])
        .assert()
        .success();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for name in ["Alex Morgan.xlsx", "team_export.xlsx"] {
        let a = cells(&committed.join(name));
        let b = cells(&wd.join("fresh").join(name));
        assert!(a == b, "{name} differs from a fresh `ssi-pulse sample`");
        assert!(!a.is_empty());
    }
    let a = std::fs::read(committed.join("Sam Rivera.csv")).unwrap();
    let b = std::fs::read(wd.join("fresh/Sam Rivera.csv")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn samples_meet_the_promised_sizes() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let alex = cells(&committed.join("Alex Morgan.xlsx"));
    let ssi = &alex.iter().find(|(n, _)| n == "SSI history").unwrap().1;
    // Title, blank, header, then at least 78 weekly snapshots and the Average row.
    assert!(ssi.len() - 4 >= 78, "{} snapshot rows", ssi.len() - 4);
    let team = cells(&committed.join("team_export.xlsx"));
    let rows = &team[0].1;
    let people: std::collections::BTreeSet<String> =
        rows.iter().skip(2).map(|r| r[0].to_string()).collect();
    assert!(people.len() >= 12);
    let weeks_first = rows
        .iter()
        .filter(|r| r[0] == Data::String("Priya Raman".into()))
        .count();
    assert!(weeks_first >= 52);
}

#[test]
fn different_seeds_give_different_samples() {
    let wd = Workdir::new();
    wd.command()
        .args(["sample", "--out", "a", "--seed", "1"])
        .assert()
        .success();
    wd.command()
        .args(["sample", "--out", "b", "--seed", "2"])
        .assert()
        .success();
    assert_ne!(wd.read("a/Sam Rivera.csv"), wd.read("b/Sam Rivera.csv"));
}

#[test]
fn scaled_team_workbook_and_csvs_hold_the_same_team() {
    let wd = Workdir::new();
    wd.command()
        .args(["sample", "--people", "6", "--weeks", "30", "--out", "big"])
        .assert()
        .success();
    let book = cells(&wd.join("big/team_6x30.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["SSI", "Activity"]);
    // A header and one row per person per week in each sheet.
    assert_eq!(book[0].1.len(), 1 + 6 * 30);
    assert_eq!(book[1].1.len(), 1 + 6 * 30);
    let people: std::collections::BTreeSet<String> =
        book[0].1.iter().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(people.len(), 6);

    // The workbook and the two CSVs give the same report numbers.
    wd.command()
        .args([
            "report",
            "big/team_6x30.xlsx",
            "--out",
            "from-xlsx",
            "--quiet",
        ])
        .assert()
        .success();
    wd.command()
        .args([
            "report",
            "big/team_6x30_ssi.csv",
            "big/team_6x30_activity.csv",
            "--out",
            "from-csv",
            "--quiet",
        ])
        .assert()
        .success();
    let a = wd.json("from-xlsx/2026-10/summary.json");
    let b = wd.json("from-csv/2026-10/summary.json");
    assert_eq!(a["people"], b["people"]);
    assert_eq!(a["team"], b["team"]);
    assert_eq!(a["linkage"], b["linkage"]);
    assert_eq!(a["people"].as_array().map(Vec::len), Some(6));
}

#[test]
fn generated_names_stay_unique_past_every_combination() {
    let names: std::collections::BTreeSet<String> =
        (0..5000).map(ssi_pulse::sample::team_member_name).collect();
    assert_eq!(names.len(), 5000);
}
