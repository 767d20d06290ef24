//! Layouts and languages: LinkedIn's Brazilian Portuguese labels in a Windows-1252 semicolon CSV with
//! decimal commas, UTF-16 text, and the number spellings trackers use.

use crate::fixtures;
use crate::workdir::Workdir;

fn close(v: &serde_json::Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

#[test]
fn reads_linkedin_portuguese_labels_from_a_windows_1252_semicolon_csv() {
    let wd = Workdir::new();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(fixtures::PORTUGUESE_CSV);
    wd.write("João Silva.csv", bytes.as_ref());
    wd.command()
        .args([
            "report",
            "João Silva.csv",
            "--out",
            "out",
            "--formats",
            "svg",
        ])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["name"], "João Silva");
    assert_eq!(p["month_end"]["date"], "2025-10-27");
    assert!(close(&p["month_end"]["ssi"], 57.0));
    assert!(close(&p["month_end"]["brand"], 13.5));
    assert!(close(&p["month_end"]["industry_rank_pct"], 5.0));
    for (column, change) in [
        ("ssi", 5.0),
        ("brand", 1.1),
        ("people", 1.0),
        ("insights", 1.5),
        ("relationships", 1.4),
        ("industry_rank_pct", -3.0),
        ("network_rank_pct", -1.0),
    ] {
        assert!(
            close(&p["mom_change"][column], change),
            "{column}: {}",
            p["mom_change"][column]
        );
    }
    assert_eq!(
        s["data_quality"]["rejected_rows"].as_array().unwrap().len(),
        0
    );
}

#[test]
fn reads_utf16_tab_separated_unicode_text() {
    let wd = Workdir::new();
    let text = "Name\tDate\tSSI\tPosts\nŁukasz Wiśniewski\t2025-10-06\t61\t1 234\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    wd.write("export.txt", bytes);
    wd.command()
        .args(["report", "export.txt", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["name"], "Łukasz Wiśniewski");
    assert!(close(&s["people"][0]["activity_month"]["posts"], 1234.0));
}

#[test]
fn one_sheet_per_person_takes_the_sheet_name_as_the_person() {
    let wd = Workdir::new();
    wd.write("clients.xlsx", fixtures::sheet_per_person());
    wd.command()
        .args(["report", "clients.xlsx", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let people = s["people"].as_array().unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!(people[0]["name"], "Ann");
    assert!(close(&people[0]["mom_change"]["ssi"], 3.0));
    assert_eq!(people[1]["name"], "Bob");
    assert_eq!(people[1]["month_end"]["date"], "2025-10-20");
    assert_eq!(s["data_quality"]["ignored_sheets"][0]["sheet"], "Notes");
}

#[test]
fn reads_a_long_layout_by_grouping_rows_per_person_and_date() {
    let wd = Workdir::new();
    wd.write("scraper.csv", fixtures::LONG_LAYOUT_CSV);
    wd.command()
        .args(["report", "scraper.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["name"], "Ana");
    assert_eq!(p["month_end"]["date"], "2025-10-29");
    for (column, change) in [
        ("ssi", 3.0),
        ("brand", 0.6),
        ("people", 0.8),
        ("insights", 0.4),
        ("relationships", 1.2),
        ("industry_rank_pct", -2.0),
    ] {
        assert!(
            close(&p["mom_change"][column], change),
            "{column}: {}",
            p["mom_change"][column]
        );
    }
    assert!(close(&p["activity_month"]["posts"], 3.0));
    let input = &s["inputs"][0];
    assert_eq!(input["rows_read"], 14);
    assert_eq!(input["rows_rejected"], 1);
    let r = &s["data_quality"]["rejected_rows"][0];
    assert_eq!(r["row"], 15);
    assert!(r["reason"]
        .as_str()
        .unwrap()
        .starts_with("unknown metric 'Cafés com clientes'"));
}

#[test]
fn a_long_layout_group_that_fails_validation_is_rejected_row_by_row() {
    let wd = Workdir::new();
    wd.write(
        "long.csv",
        "Date,Metric,Value\n2025-10-06,SSI,60\n2025-10-06,Brand,26\n2025-10-13,SSI,61\n2025-10-13,SSI,62\n2025-10-20,SSI,63\n",
    );
    wd.command()
        .args(["report", "long.csv", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let rejected = s["data_quality"]["rejected_rows"].as_array().unwrap();
    let rows: Vec<i64> = rejected
        .iter()
        .map(|r| r["row"].as_i64().unwrap())
        .collect();
    assert_eq!(rows, [2, 3, 4, 5]);
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .contains("brand is 26"));
    assert!(rejected[2]["reason"]
        .as_str()
        .unwrap()
        .contains("ssi is given twice"));
    assert_eq!(s["people"][0]["month_end"]["ssi"], 63.0);
    assert_eq!(s["inputs"][0]["rows_used"], 1);
}

#[test]
fn files_are_recognised_by_content_not_extension() {
    let wd = Workdir::new();
    // A CSV saved with an .xlsx name, and a workbook saved with a .csv name.
    wd.write("really_csv.xlsx", "Name,Date,SSI\nAnn,2025-10-06,50\n");
    wd.write("really_xlsx.csv", fixtures::sheet_per_person());
    // A ZIP signature and nothing after it: a file cut short, not a workbook.
    wd.write("notes.xlsx", b"PK\x03\x04 just a zip of photos");
    wd.command()
        .args(["report", ".", "--out", "out", "--formats", "svg"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "skipped ./notes.xlsx: './notes.xlsx' is not a spreadsheet or CSV file: a damaged workbook or archive: the file is cut short",
        ));
    let s = wd.json("out/2025-10/summary.json");
    let names: Vec<&str> = s["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Ann", "Bob"],
        "Ann from both files, Bob from the workbook"
    );
}

#[test]
fn hidden_sheets_are_ignored_and_reported() {
    let wd = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let visible = wb.add_worksheet().set_name("SSI").unwrap();
    visible.write_string(0, 0, "Date").unwrap();
    visible.write_string(0, 1, "SSI").unwrap();
    visible.write_string(1, 0, "2025-10-06").unwrap();
    visible.write_number(1, 1, 50.0).unwrap();
    let hidden = wb.add_worksheet().set_name("Old SSI").unwrap();
    hidden.write_string(0, 0, "Date").unwrap();
    hidden.write_string(0, 1, "SSI").unwrap();
    hidden.write_string(1, 0, "2025-10-13").unwrap();
    hidden.write_number(1, 1, 99.0).unwrap();
    hidden.set_hidden(true);
    wd.write("Ann.xlsx", wb.save_to_buffer().unwrap());
    wd.command()
        .args(["report", "Ann.xlsx", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["people"][0]["month_end"]["ssi"], 50.0);
    let ignored = &s["data_quality"]["ignored_sheets"][0];
    assert_eq!(ignored["sheet"], "Old SSI");
    assert!(ignored["reason"]
        .as_str()
        .unwrap()
        .starts_with("hidden sheet (a hidden sheet is read only as a roster"));
}

#[test]
fn dot_thousands_in_a_decimal_comma_file_are_thousands() {
    let wd = Workdir::new();
    wd.write(
        "eu.csv",
        "Datum;SSI;Brand;Profile views\n01.10.2025;52;12,5;1.234\n29.10.2025;54;13,0;987\n",
    );
    wd.command()
        .args([
            "report",
            "eu.csv",
            "--column",
            "Datum=date",
            "--out",
            "out",
            "--formats",
            "svg",
        ])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    assert!(close(
        &s["people"][0]["activity_month"]["profile_views"],
        2221.0
    ));
    assert!(close(&s["people"][0]["month_end"]["brand"], 13.0));
}

#[test]
fn the_same_metric_from_two_sources_keeps_one_and_says_which() {
    let wd = Workdir::new();
    wd.write("in/Ann.csv", "Date,SSI,Posts\n2025-10-06,50,2\n");
    wd.write(
        "in/Ann activity.csv",
        "Person,Date,Posts\nAnn,2025-10-06,3\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--formats", "svg"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    // Files are read in name order, so "Ann activity.csv" comes first and its value is kept.
    assert!(close(&s["people"][0]["activity_month"]["posts"], 3.0));
    assert_eq!(s["data_quality"]["activity_overlaps"], 1);
    let w = s["data_quality"]["warnings"][0].as_str().unwrap();
    assert_eq!(
        w,
        "in/Ann.csv row 2: posts for Ann on 2025-10-06 differs from the value in in/Ann activity.csv row 2, which is used"
    );
}
