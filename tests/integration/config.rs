//! Header mappings for columns ssi-pulse does not know: ssi-pulse.toml next to the input, --config,
//! --column, and the snippet `inspect` prints for them.

use crate::fixtures;
use crate::workdir::Workdir;
use predicates::prelude::*;

#[test]
fn inspect_snippet_pasted_into_the_settings_file_makes_the_file_readable() {
    let wd = Workdir::new();
    wd.write("in/Greta.csv", fixtures::GERMAN_CSV);
    let out = wd
        .command()
        .args(["inspect", "in/Greta.csv"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let snippet = &text[text.find("[columns]").expect("snippet")..];
    assert!(
        snippet.contains("\"Kaffee \\\"chats\\\"\" = \"ignore\""),
        "{snippet}"
    );
    let filled = snippet
        .replacen("\"Datum\" = \"ignore\"", "\"Datum\" = \"date\"", 1)
        .replacen("\"Punkte\" = \"ignore\"", "\"Punkte\" = \"ssi\"", 1)
        .replacen("\"Marke\" = \"ignore\"", "\"Marke\" = \"brand\"", 1)
        .replacen("\"Beiträge\" = \"ignore\"", "\"Beiträge\" = \"posts\"", 1)
        .replacen("= \"ignore\"", "= \"coffee chats\"", 1);
    wd.write(
        "in/ssi-pulse.toml",
        format!("date_order = \"day-first\"\n{filled}"),
    );
    wd.command()
        .args(["report", "in/Greta.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["month_end"]["ssi"], 55.0);
    assert_eq!(p["month_end"]["brand"], 13.0);
    assert_eq!(p["mom_change"]["ssi"], 3.0);
    assert_eq!(p["activity_month"]["posts"], 2.0);
    assert_eq!(p["activity_month"]["coffee_chats"], 1.0);
}

#[test]
fn column_flags_map_headers_and_win_over_the_settings_file() {
    let wd = Workdir::new();
    wd.write("Greta.csv", fixtures::GERMAN_CSV);
    wd.write(
        "ssi-pulse.toml",
        "person = \"Greta K.\"\n[columns]\nDatum = \"date\"\nPunkte = \"brand\"\n",
    );
    wd.command()
        .args([
            "report",
            "Greta.csv",
            "--column",
            "Punkte=ssi",
            "--column",
            "Marke = brand",
        ])
        .args(["--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["name"], "Greta K.");
    assert_eq!(s["people"][0]["month_end"]["ssi"], 55.0);
}

#[test]
fn a_broken_settings_file_is_a_usage_error_naming_file_and_line() {
    let wd = Workdir::new();
    wd.write("Greta.csv", fixtures::GERMAN_CSV);
    wd.write("custom.toml", "[columns]\nDatum = \"date\"\nPunkte = \n");
    wd.command()
        .args(["report", "Greta.csv", "--config", "custom.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "settings file 'custom.toml' line 3",
        ));
    wd.write("custom.toml", "colums = 3\n");
    wd.command()
        .args(["report", "Greta.csv", "--config", "custom.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `colums`"));
    wd.command()
        .args(["report", "Greta.csv", "--column", "Datum"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs the form HEADER=NAME"));
}

#[test]
fn analysis_settings_come_from_the_settings_file_and_bad_values_are_named() {
    let wd = Workdir::new();
    let team = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linkage/team.csv"),
    )
    .unwrap();
    wd.write("in/team.csv", &team);
    wd.write(
        "in/ssi-pulse.toml",
        "[analysis]\nalpha = 0.2\nmax_interval_days = 5\n\n[analysis.targets.per_week]\nposts = 3\nreactions = 10\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--as-of", "2026-01-01"])
        .assert()
        .success();
    let s = wd.json("out/2025-04/summary.json");
    assert_eq!(s["analysis"]["alpha"], 0.2);
    // Weekly snapshots are 7 days apart: a 5-day limit leaves every interval out of the linkage.
    assert_eq!(s["analysis"]["intervals"], 180);
    assert_eq!(s["analysis"]["intervals_too_long"], 180);
    assert_eq!(s["findings"].as_array().unwrap().len(), 0);
    let keys: Vec<&str> = s["people"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "ssi",
            "industry_rank_pct",
            "network_rank_pct",
            "posts_per_week",
            "reactions_per_week"
        ]
    );

    wd.write("in/ssi-pulse.toml", "[analysis]\nalpha = 2\n");
    wd.command()
        .args(["report", "in", "--out", "out2"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("ssi-pulse.toml").and(predicate::str::contains("alpha = 2")),
        );
}
