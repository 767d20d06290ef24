//! Dates and cells: the 1904 date system, day/month order decided per column or by --date-order,
//! formula error cells reported by address, and --strict.

use crate::fixtures;
use crate::workdir::Workdir;
use predicates::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/workbooks")
        .join(name)
}

#[test]
fn reads_excel_1904_dates_in_date_cells_and_plain_serials() {
    let wd = Workdir::new();
    wd.command()
        .arg("report")
        .arg(fixture("mac_1904.xlsx"))
        .args(["--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let csv = wd.read("out/2025-10/data/ssi.csv");
    let dates: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(dates, ["2025-09-29", "2025-10-13", "2025-10-27"]);
    // 0.05 with a percent format is top 5%.
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["month_end"]["industry_rank_pct"], 5.0);
}

#[test]
fn formula_errors_are_reported_by_cell_address() {
    let wd = Workdir::new();
    wd.command()
        .arg("inspect")
        .arg(fixture("mac_1904.xlsx"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "rejected: 'Weekly Activity'!C4 ('Comments'): the cell holds the spreadsheet error #N/A",
        ));
}

#[test]
fn strict_fails_after_writing_the_listing() {
    let wd = Workdir::new();
    wd.command()
        .arg("report")
        .arg(fixture("mac_1904.xlsx"))
        .args(["--out", "out", "--strict", "--formats", "svg"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--strict is set and 1 input row was rejected",
        ));
    let listing = wd.read("out/2025-10/data/rejected.csv");
    assert!(
        listing.contains("Weekly Activity,4,C,Comments,#N/A,rejected"),
        "{listing}"
    );
}

#[test]
fn ambiguous_day_month_order_is_month_first_and_said_so() {
    let wd = Workdir::new();
    wd.write("eu.csv", fixtures::AMBIGUOUS_CSV);
    wd.command()
        .args(["report", "eu.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    // Month first: May 10, June 10, July 11.
    let s = wd.json("out/2025-07/summary.json");
    assert_eq!(s["people"][0]["month_end"]["date"], "2025-07-11");
    let warning = s["data_quality"]["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains("column A ('Date'): no date in it shows whether it is day/month"),
        "{warning}"
    );
    assert!(wd
        .read("out/2025-07/report.md")
        .contains("set --date-order day-first"));
}

#[test]
fn date_order_flag_settles_an_ambiguous_column() {
    let wd = Workdir::new();
    wd.write("eu.csv", fixtures::AMBIGUOUS_CSV);
    wd.command()
        .args([
            "report",
            "eu.csv",
            "--date-order",
            "day-first",
            "--out",
            "out",
            "--formats",
            "svg",
        ])
        .assert()
        .success();
    // Day first: 5 October, 6 October, 7 November.
    let s = wd.json("out/2025-11/summary.json");
    assert_eq!(s["people"][0]["month_end"]["date"], "2025-11-07");
    assert_eq!(s["people"][0]["previous_month_end"]["date"], "2025-10-06");
    assert_eq!(s["data_quality"]["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn a_day_above_12_settles_the_order_for_the_whole_column() {
    let wd = Workdir::new();
    wd.write("eu.csv", "Date;SSI\n05/10/2025;50\n25/10/2025;52\n");
    wd.command()
        .args(["report", "eu.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["month_end"]["date"], "2025-10-25");
    assert_eq!(s["data_quality"]["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn rows_dated_after_as_of_are_rejected_as_future() {
    let wd = Workdir::new();
    wd.write(
        "f.csv",
        "Date,SSI\n2025-10-06,50\n2025-10-27,52\n2025-11-03,53\n",
    );
    wd.command()
        .args([
            "report",
            "f.csv",
            "--as-of",
            "2025-10-31",
            "--out",
            "out",
            "--formats",
            "svg",
        ])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let r = &s["data_quality"]["rejected_rows"][0];
    assert_eq!(r["row"], 4);
    assert_eq!(r["raw"], "2025-11-03");
    assert!(r["reason"]
        .as_str()
        .unwrap()
        .contains("is in the future (after 2025-10-31"));
    wd.command()
        .args(["report", "f.csv", "--as-of", "31/10/2025"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--as-of '31/10/2025' is not a date",
        ));
}

#[test]
fn reads_an_xlsb_workbook() {
    let wd = Workdir::new();
    wd.command()
        .arg("report")
        .arg(fixture("dana_tracker.xlsb"))
        .args(["--person", "Dana", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["month_end"]["date"], "2025-10-27");
    assert_eq!(p["previous_month_end"]["date"], "2025-09-29");
    assert_eq!(p["mom_change"]["ssi"], 3.0);
    assert_eq!(p["mom_change"]["brand"], 0.7);
    assert_eq!(p["mom_change"]["industry_rank_pct"], -2.0);
    assert_eq!(p["mom_change"]["network_rank_pct"], -2.0);
    assert_eq!(s["inputs"][0]["header_row"], 3);
}
