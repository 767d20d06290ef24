//! Inputs found in review that once crashed, lost rows or produced misleading numbers; each test names
//! what it guards.

use crate::workdir::Workdir;
use predicates::prelude::*;

#[test]
fn non_ascii_text_in_date_and_number_cells_is_rejected_not_a_crash() {
    let wd = Workdir::new();
    wd.write(
        "odd.csv",
        "Date,SSI,Brand,People,Insights,Relationships\n\
         2025-10-1€,52,12.4,13.2,13.1,13.3\n\
         2025-10-08,ȺȺȺȺȺ/100,12.4,13.2,13.1,13.3\n\
         2025-9-29 – 2025-10-5,52,12.4,13.2,13.1,13.3\n\
         2025-10-15,54,12.8,13.5,13.6,14.1\n",
    );
    wd.command()
        .args(["report", "odd.csv", "--out", "out"])
        .assert()
        .success()
        .stderr(predicate::str::contains("panicked").not());
    let s = wd.json("out/2025-10/summary.json");
    let rejected = s["data_quality"]["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["row"], 2);
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .contains("is not a date"));
    assert_eq!(rejected[1]["column"], "B");
    // The week range counts as its first day.
    assert_eq!(s["people"][0]["previous_month_end"]["date"], "2025-09-29");
}

#[test]
fn an_unclosed_quote_loses_one_row_not_the_rest_of_the_file() {
    let wd = Workdir::new();
    wd.write(
        "quote.csv",
        "Person,Date,SSI,Brand,People,Insights,Relationships\n\
         Ann,2025-09-30,52,12.4,13.2,13.1,13.3\n\
         \"Bob,2025-09-30,52,12.4,13.2,13.1,13.3\n\
         Bob,2025-10-15,54,12.8,13.5,13.6,14.1\n\
         Ann,2025-10-15,54,12.8,13.5,13.6,14.1\n",
    );
    wd.command()
        .args(["report", "quote.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["inputs"][0]["rows_read"], 4);
    assert_eq!(s["inputs"][0]["rows_used"], 3);
    assert_eq!(s["data_quality"]["rejected_rows"][0]["row"], 3);
    assert!(s["data_quality"]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("quotes do not pair up"));
    assert_eq!(s["people"].as_array().unwrap().len(), 2);
}

#[test]
fn monthly_team_snapshots_on_different_days_still_chart_a_median() {
    let wd = Workdir::new();
    let mut csv = String::from("Person,Date,SSI\n");
    for (person, day) in [("Ann", 3), ("Bob", 10), ("Cy", 17), ("Dee", 24)] {
        for m in 4..=10 {
            csv.push_str(&format!("{person},2025-{m:02}-{day:02},{}\n", 50 + m));
        }
    }
    wd.write("monthly.csv", csv);
    wd.command()
        .args(["report", "monthly.csv", "--formats", "svg", "--out", "out"])
        .assert()
        .success();
    let svg = wd.read("out/2025-10/charts/ssi_trend.svg");
    assert!(svg.contains("team of 4 (monthly median and middle half)"));
    assert!(svg.contains("Team median"));
    assert!(!svg.contains("a trend needs at least two"));
}

#[test]
fn a_month_without_a_snapshot_reports_no_change_instead_of_zero() {
    let wd = Workdir::new();
    wd.write(
        "gap.csv",
        "Person,Date,SSI\nAnn,2025-08-15,50\nAnn,2025-10-15,54\nBob,2025-08-20,40\nBob,2025-09-20,44\n",
    );
    wd.command()
        .args(["report", "gap.csv", "--month", "2025-09", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-09/summary.json");
    let ann = &s["people"][0];
    assert_eq!(ann["snapshots_in_month"], 0);
    assert_eq!(ann["mom_change"]["ssi"], serde_json::Value::Null);
    assert_eq!(
        s["team"]["median_change"]["ssi"], 4.0,
        "only Bob has a change"
    );
    let md = wd.read("out/2025-09/report.md");
    assert!(
        md.contains("held for 0 of 2 people (1 without a change to compare)"),
        "{md}"
    );
}

#[test]
fn a_month_after_the_data_is_refused() {
    let wd = Workdir::new();
    wd.write("gap.csv", "Date,SSI\n2025-08-15,50\n2025-10-15,54\n");
    wd.command()
        .args(["report", "gap.csv", "--month", "2025-12"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no SSI snapshot is dated in 2025-12; the snapshots run from 2025-08-15 to 2025-10-15",
        ));
}

#[test]
fn activity_for_someone_without_snapshots_is_reported() {
    let wd = Workdir::new();
    wd.write(
        "in/ssi.csv",
        "Person,Date,SSI\nAnn,2025-09-30,52\nAnn,2025-10-15,54\nBo,2025-10-15,50\n",
    );
    wd.write(
        "in/activity.csv",
        "Date,Posts,Comments\n2025-10-01,3,4\n2025-10-08,2,5\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let warnings = s["data_quality"]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("2 activity rows from files whose names name no one (filed under 'You') have no SSI snapshot")),
        "{warnings:?}"
    );
}

#[test]
fn duplicate_rows_merge_when_they_agree_and_are_all_rejected_when_they_conflict() {
    let wd = Workdir::new();
    wd.write(
        "team.csv",
        "Name,Date,SSI,Posts\n\
         Ann,2025-09-29,50,1\n\
         Ann,2025-10-15,54,2\n\
         Ann,2025-10-15,55,5\n\
         Ann,2025-10-20,56,3\n\
         Ann,2025-10-20,56,3\n\
         Total,,159,8\n",
    );
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    for input in s["inputs"].as_array().unwrap() {
        assert_eq!(input["rows_read"], 6);
        assert_eq!(input["rows_used"], 2, "{input}");
        assert_eq!(input["rows_rejected"], 2);
        assert_eq!(input["rows_skipped"], 2);
    }
    let rejected = s["data_quality"]["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected[0]["row"], 3);
    assert_eq!(rejected[1]["row"], 4);
    let reason = rejected[0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("conflict: Ann on 2025-10-15 is given differently in team.csv row 4"),
        "{reason}"
    );
    let skipped = s["data_quality"]["skipped_rows"].as_array().unwrap();
    assert_eq!(skipped[0]["row"], 6);
    assert_eq!(
        skipped[0]["reason"],
        "duplicate of team.csv row 5, which is used"
    );
    assert_eq!(skipped[1]["raw"], "Total");
    // Only the 2025-10-20 row's activity counts in October.
    assert_eq!(s["people"][0]["activity_month"]["posts"], 3.0);
    assert_eq!(s["people"][0]["month_end"]["ssi"], 56.0);
    let listing = wd.read("out/2025-10/data/rejected.csv");
    assert!(listing.starts_with("file,sheet,row,column,header,raw_value,fate,reason,rows\n"));
    assert_eq!(listing.lines().count(), 5, "{listing}");
    assert!(
        listing.contains("team.csv,,7,,,Total,skipped,summary row"),
        "{listing}"
    );
}

#[test]
fn weakest_needs_all_four_components_and_partial_sums_are_checked() {
    let wd = Workdir::new();
    wd.write(
        "partial.csv",
        "Date,SSI,Brand,People,Insights,Relationships\n\
         2025-09-30,52,12.4,13.2,13.1,13.3\n\
         2025-10-08,30,20,21\n\
         2025-10-15,54,20,21\n",
    );
    wd.command()
        .args(["report", "partial.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["weakest_component"], serde_json::Value::Null);
    let r = &s["data_quality"]["rejected_rows"][0];
    assert_eq!(r["row"], 3);
    assert!(r["reason"]
        .as_str()
        .unwrap()
        .contains("already add up to 41.00"));
}

#[test]
fn a_team_average_row_with_a_date_is_not_a_person() {
    let wd = Workdir::new();
    wd.write(
        "avg.csv",
        "Person,Date,SSI\nAnn,2025-10-15,54\nBob,2025-10-15,60\nTeam average,2025-10-15,57\n",
    );
    wd.command()
        .args(["report", "avg.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"].as_array().unwrap().len(), 2);
    assert_eq!(s["inputs"][0]["summary_rows"], 1);
}

#[test]
fn an_empty_file_is_reported_once() {
    let wd = Workdir::new();
    wd.write("empty.csv", "");
    let out = wd
        .command()
        .args(["report", "empty.csv"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert_eq!(stderr.matches("is empty (0 bytes)").count(), 1, "{stderr}");
}

#[test]
fn summary_inputs_add_up_for_tables_mixing_snapshots_and_activity() {
    let wd = Workdir::new();
    wd.write(
        "mix.csv",
        "Date,SSI,Posts\n2025-10-06,52,\n2025-10-13,,3\n\n2025-10-20,53,2\n",
    );
    wd.command()
        .args(["report", "mix.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let inputs = s["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1);
    let i = &inputs[0];
    assert_eq!(i["table"], "ssi_and_activity");
    assert_eq!(
        (
            i["rows_used"].as_u64(),
            i["ssi_rows"].as_u64(),
            i["activity_rows"].as_u64()
        ),
        (Some(3), Some(2), Some(2))
    );
    let sum = i["rows_used"].as_u64().unwrap()
        + i["rows_rejected"].as_u64().unwrap()
        + i["rows_skipped"].as_u64().unwrap();
    assert_eq!(i["rows_read"].as_u64().unwrap(), sum);
}

#[test]
fn the_same_snapshot_in_a_tracker_and_a_scraper_file_is_merged_not_a_conflict() {
    let wd = Workdir::new();
    wd.write(
        "in/tracker.csv",
        "Person,Date,SSI,Brand,People,Insights,Relationships,Posts\nAl,2025-10-06,52,13,13,13,13,2\nAl,2025-10-27,54,13.5,13.5,13.5,13.5,1\n",
    );
    wd.write(
        "in/scraper.csv",
        "Person,Date,SSI,Brand,People,Insights,Relationships,Industry rank\nAl,2025-10-06,52,13,13,13,13,Top 4%\nAl,2025-10-27,54,13.5,13.5,13.5,13.5,Top 3%\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    // The rank only the scraper has joins the tracker's snapshot; the tracker's posts stay.
    assert_eq!(p["month_end"]["industry_rank_pct"], 3.0);
    assert_eq!(p["activity_month"]["posts"], 3.0);
    assert_eq!(
        s["data_quality"]["rejected_rows"].as_array().unwrap().len(),
        0
    );
    for i in s["inputs"].as_array().unwrap() {
        assert_eq!(i["rows_used"], 2, "{i}");
    }
}

#[test]
fn month_only_and_dotted_dates_and_semicolon_thousands_read_right() {
    let wd = Workdir::new();
    wd.write("m.csv", "Month,SSI\nSep 2025,50\nOct 2025,52\n");
    wd.write(
        "d.csv",
        "Datum;SSI;Impressions\n01.10.2025;50;1.234\n08.10.2025;51;2.500\n",
    );
    wd.command()
        .args(["report", "m.csv", "--out", "m", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("m/2025-10/summary.json");
    assert_eq!(s["people"][0]["month_end"]["date"], "2025-10-01");
    assert_eq!(s["people"][0]["mom_change"]["ssi"], 2.0);
    wd.command()
        .args([
            "report",
            "d.csv",
            "--column",
            "Datum=date",
            "--column",
            "Impressions=impressions",
        ])
        .args(["--out", "d", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("d/2025-10/summary.json");
    assert_eq!(s["people"][0]["month_end"]["date"], "2025-10-08");
    assert_eq!(s["people"][0]["activity_month"]["impressions"], 3734.0);
}

#[test]
fn archive_messages_keep_their_sender_under_another_name_and_respect_as_of() {
    let wd = Workdir::new();
    wd.write("in/Alex.csv", "Date,SSI\n2025-09-29,50\n2025-10-06,51\n");
    wd.write("in/export.zip", crate::fixtures::linkedin_export_zip());
    wd.command()
        .args(["report", "in", "--person", "Alex", "--as-of", "2025-10-07"])
        .args(["--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let a = &s["people"][0]["activity_month"];
    assert_eq!(s["people"][0]["name"], "Alex");
    // 10-06: one message sent by the owner, one received; 10-08 is after --as-of.
    assert_eq!(a["messages_sent"], 1.0);
    assert_eq!(a["messages_received"], 1.0);
    assert_eq!(a["posts"], 2.0);
    let future = s["data_quality"]["rejected_rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["reason"].as_str().unwrap().contains("in the future"))
        .count();
    assert_eq!(future, 3, "the 10-08 share, connection and message");
}

#[test]
fn year_named_sheets_are_periods_not_people() {
    let wd = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, date, ssi) in [("2024", "2024-12-30", 48.0), ("2025", "2025-10-06", 52.0)] {
        let ws = wb.add_worksheet().set_name(sheet).unwrap();
        ws.write_string(0, 0, "Date").unwrap();
        ws.write_string(0, 1, "SSI").unwrap();
        ws.write_string(1, 0, date).unwrap();
        ws.write_number(1, 1, ssi).unwrap();
    }
    wd.write("Dana.xlsx", wb.save_to_buffer().unwrap());
    wd.command()
        .args(["report", "Dana.xlsx", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"].as_array().unwrap().len(), 1);
    assert_eq!(s["people"][0]["name"], "Dana");
}

#[test]
fn template_rows_and_portuguese_summary_rows_are_skipped_and_strict_stays_green() {
    let wd = Workdir::new();
    wd.write(
        "t.csv",
        "Data,SSI\n2025-10-06,50\n2025-10-13,51\n2025-12-29,\nMédia,50.5\nTotal geral,101\n",
    );
    wd.command()
        .args([
            "report",
            "t.csv",
            "--strict",
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
    assert_eq!(s["inputs"][0]["rows_skipped"], 3);
    assert_eq!(s["inputs"][0]["summary_rows"], 2);
    assert_eq!(
        s["data_quality"]["skipped_rows"][0]["reason"],
        "a date with no values yet"
    );
}

#[test]
fn strict_fails_when_a_file_cannot_be_read() {
    let wd = Workdir::new();
    wd.write("in/ok.csv", "Date,SSI\n2025-10-06,50\n");
    wd.write("in/bad.xlsx", b"PK\x03\x04 not a workbook");
    wd.command()
        .args([
            "report",
            "in",
            "--strict",
            "--out",
            "out",
            "--formats",
            "svg",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--strict is set and 1 input file could not be read",
        ));
}

#[test]
fn conflicting_long_layout_groups_in_two_files_account_for_every_line() {
    let wd = Workdir::new();
    wd.write(
        "in/a.csv",
        "Person,Date,Metric,Value\nAna,2025-09-29,SSI,52\nAna,2025-09-29,Brand,13\nAna,2025-10-27,SSI,55\n",
    );
    wd.write(
        "in/b.csv",
        "Person,Date,Metric,Value\nAna,2025-09-29,SSI,53\nAna,2025-09-29,Brand,13\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    for i in s["inputs"].as_array().unwrap() {
        let sum = i["rows_used"].as_u64().unwrap()
            + i["rows_rejected"].as_u64().unwrap()
            + i["rows_skipped"].as_u64().unwrap();
        assert_eq!(i["rows_read"].as_u64().unwrap(), sum, "{i}");
    }
    let rows: Vec<(String, i64)> = s["data_quality"]["rejected_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["row"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("in/a.csv".to_string(), 2),
            ("in/a.csv".to_string(), 3),
            ("in/b.csv".to_string(), 2),
            ("in/b.csv".to_string(), 3)
        ]
    );
}
