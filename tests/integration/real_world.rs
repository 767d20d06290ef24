//! Files in the shapes other people's trackers, scrapers and exports write (`tests/fixtures/real_world/`,
//! whose README names the public source of each shape): each is read with no flags and no configuration,
//! to the values written into it by `make.py`.

use ssi_pulse::ingest::{read_inputs, IngestOptions, Ingested};
use ssi_pulse::model::schema::SsiColumn::{self, *};
use std::path::Path;

/// Reads one fixture file or folder as `ssi-pulse report` would, with no options.
fn read(rel: &str) -> Ingested {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real_world")
        .join(rel);
    read_inputs(&[path], &IngestOptions::default()).unwrap()
}

/// Every row of every table was used: none rejected, and nothing failed to read.
fn all_used(ingested: &Ingested) {
    assert!(ingested.failures.is_empty(), "{:?}", ingested.failures);
    let rejected: Vec<String> = ingested
        .rejections()
        .map(|(s, r)| format!("{} {}: {}", s.path, r.location, r.reason))
        .collect();
    assert!(rejected.is_empty(), "{rejected:#?}");
}

/// The snapshot of `person` on `date` holds exactly these values (the other columns are empty).
fn snapshot(ingested: &Ingested, person: &str, date: &str, expected: &[(SsiColumn, f64)]) {
    let row = ingested
        .ssi
        .iter()
        .find(|r| r.person == person && r.date.to_string() == date)
        .unwrap_or_else(|| {
            let have: Vec<String> = ingested
                .ssi
                .iter()
                .map(|r| format!("{} {}", r.person, r.date))
                .collect();
            panic!("no snapshot of {person} on {date}; have {have:?}")
        });
    for (column, value) in row.values.iter() {
        let want = expected.iter().find(|(c, _)| *c == column).map(|(_, v)| *v);
        match (value, want) {
            (Some(v), Some(w)) => assert!(
                (v - w).abs() < 1e-9,
                "{person} {date} {column:?}: {v} != {w}"
            ),
            (None, None) => {}
            _ => panic!("{person} {date} {column:?}: read {value:?}, expected {want:?}"),
        }
    }
}

#[test]
fn a_folder_of_daily_long_scraper_files_is_one_persons_history() {
    let ingested = read("daily_scraper_pt");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 3);
    assert!(ingested.ssi.iter().all(|r| r.person == "You"));
    snapshot(
        &ingested,
        "You",
        "2026-05-16",
        &[
            (Ssi, 53.0),
            (Brand, 20.998),
            (People, 10.25),
            (Insights, 9.405),
            (Relationships, 12.611),
            (IndustryRankPct, 9.0),
            (NetworkRankPct, 12.0),
            (IndustryAvg, 34.0),
            (NetworkAvg, 31.0),
            (IndustryBrand, 9.12),
            (IndustryPeople, 8.02),
            (IndustryInsights, 7.51),
            (IndustryRelationships, 9.41),
            (NetworkBrand, 8.31),
            (NetworkPeople, 7.13),
            (NetworkInsights, 6.97),
            (NetworkRelationships, 8.02),
        ],
    );
    for (date, ssi) in [("2026-05-13", 52.0), ("2026-05-19", 55.0)] {
        let row = ingested
            .ssi
            .iter()
            .find(|r| r.date.to_string() == date)
            .unwrap();
        assert_eq!(row.values.get(Ssi), Some(ssi));
    }
}

#[test]
fn a_database_table_export_with_timestamps_is_read_by_its_column_words() {
    let ingested = read("database_export/ssi_scores.csv");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 3);
    snapshot(
        &ingested,
        "You",
        "2026-05-08",
        &[
            (Ssi, 49.5),
            (Brand, 12.75),
            (People, 12.0),
            (Insights, 10.25),
            (Relationships, 14.5),
        ],
    );
}

#[test]
fn a_browser_extension_history_keeps_the_date_and_not_the_capture_time() {
    let ingested = read("browser_extension/ssi-scores-2026-05-04-0126.csv");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 3);
    snapshot(
        &ingested,
        "You",
        "2026-05-04",
        &[
            (Ssi, 51.0),
            (Brand, 14.0),
            (People, 12.0),
            (Insights, 10.0),
            (Relationships, 15.0),
        ],
    );
}

#[test]
fn an_automation_history_reads_its_rank_columns_by_their_words() {
    let ingested = read("automation_history/ssi_history.csv");
    all_used(&ingested);
    snapshot(
        &ingested,
        "You",
        "2026-05-02",
        &[
            (Ssi, 44.5),
            (Brand, 11.75),
            (People, 10.5),
            (Insights, 9.25),
            (Relationships, 13.0),
            (IndustryRankPct, 21.0),
            (NetworkRankPct, 30.0),
        ],
    );
}

#[test]
fn a_portuguese_scrapers_raw_texts_with_decimal_commas_and_a_collection_time() {
    let ingested = read("scraper_raw_pt/dados_ssi_raw.csv");
    all_used(&ingested);
    snapshot(
        &ingested,
        "You",
        "2025-10-05",
        &[
            (Ssi, 53.0),
            (Brand, 20.973),
            (People, 10.25),
            (Insights, 9.402),
            (Relationships, 12.611),
        ],
    );
    snapshot(
        &ingested,
        "You",
        "2025-10-06",
        &[
            (Ssi, 54.0),
            (Brand, 21.048),
            (People, 10.5),
            (Insights, 9.5),
            (Relationships, 12.954),
        ],
    );
}

#[test]
fn a_note_taking_database_export_titles_entries_by_week_and_names_no_one() {
    let ingested = read("notion_export");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 3);
    snapshot(
        &ingested,
        "You",
        "2026-05-20",
        &[
            (Ssi, 51.0),
            (Brand, 12.75),
            (People, 11.75),
            (Insights, 12.0),
            (Relationships, 14.5),
        ],
    );
    let mapping = &ingested.sources[0].findings.columns[0];
    assert_eq!(mapping.header, "Name");
    assert_eq!(mapping.canonical, None);
}

#[test]
fn us_short_dates_with_two_digit_years_are_all_read_month_first() {
    let ingested = read("us_excel_team");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 8);
    // 12/1/25 and 12/8/25 have both numbers at most 12: the column's 11/17/25 settles them.
    snapshot(
        &ingested,
        "Avery Brooks",
        "2025-12-01",
        &[(Ssi, 51.0), (IndustryRankPct, 18.0), (NetworkRankPct, 23.0)],
    );
    snapshot(
        &ingested,
        "Jordan Lee",
        "2025-12-08",
        &[(Ssi, 64.0), (IndustryRankPct, 17.0), (NetworkRankPct, 22.0)],
    );
}

#[test]
fn a_bots_history_with_its_settings_in_the_same_rows() {
    let ingested = read("bot_history/ssi_history.csv");
    all_used(&ingested);
    snapshot(
        &ingested,
        "You",
        "2026-03-03",
        &[
            (Ssi, 47.5),
            (Brand, 13.3),
            (People, 10.75),
            (Insights, 9.1),
            (Relationships, 14.35),
            (IndustryRankPct, 8.0),
            (NetworkRankPct, 11.0),
        ],
    );
}

#[test]
fn a_users_table_with_ssi_prefixed_columns_gives_each_users_latest_score() {
    let ingested = read("training_app_users/users.csv");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 2);
    snapshot(
        &ingested,
        "Avery Brooks",
        "2026-05-10",
        &[
            (Ssi, 58.0),
            (Brand, 15.0),
            (People, 13.0),
            (Insights, 14.0),
            (Relationships, 16.0),
        ],
    );
    snapshot(
        &ingested,
        "Jordan Lee",
        "2026-05-11",
        &[
            (Ssi, 64.0),
            (Brand, 17.0),
            (People, 15.0),
            (Insights, 15.0),
            (Relationships, 17.0),
        ],
    );
}

#[test]
fn monthly_team_files_with_no_date_column_take_the_month_of_their_name() {
    let ingested = read("monthly_team_files");
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 4);
    snapshot(
        &ingested,
        "Avery Brooks",
        "2026-09-01",
        &[
            (Ssi, 55.0),
            (Brand, 14.0),
            (People, 13.0),
            (Insights, 12.0),
            (Relationships, 16.0),
        ],
    );
    snapshot(
        &ingested,
        "Jordan Lee",
        "2026-10-01",
        &[
            (Ssi, 59.0),
            (Brand, 15.5),
            (People, 14.0),
            (Insights, 12.5),
            (Relationships, 17.0),
        ],
    );
    let notes = &ingested.sources[0].findings.notes;
    assert_eq!(
        notes,
        &["no date column: every row is dated 2026-09-01, from the file name"]
    );
}

#[test]
fn a_workbook_with_one_sheet_per_month_dates_each_sheet_by_its_name() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    for (month, scores) in [("Sep 2026", [55.0, 60.0]), ("Oct 2026", [57.0, 59.0])] {
        let sheet = wb.add_worksheet().set_name(month).unwrap();
        sheet.write_row(0, 0, ["Rep", "SSI"]).unwrap();
        for (r, (name, ssi)) in ["Avery Brooks", "Jordan Lee"]
            .iter()
            .zip(scores)
            .enumerate()
        {
            sheet.write_string(r as u32 + 1, 0, *name).unwrap();
            sheet.write_number(r as u32 + 1, 1, ssi).unwrap();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Team SSI 2026.xlsx");
    std::fs::write(&path, wb.save_to_buffer().unwrap()).unwrap();
    let ingested = read_inputs(&[path], &IngestOptions::default()).unwrap();
    all_used(&ingested);
    assert_eq!(ingested.ssi.len(), 4);
    snapshot(&ingested, "Avery Brooks", "2026-09-01", &[(Ssi, 55.0)]);
    snapshot(&ingested, "Jordan Lee", "2026-10-01", &[(Ssi, 59.0)]);
    assert_eq!(
        ingested.sources[1].findings.notes,
        ["no date column: every row is dated 2026-10-01, from the sheet name 'Oct 2026'"]
    );
}

/// Alex Morgan's tracker as a hand-kept workbook: no person column, snapshots on 28 September, 5 and 12
/// October 2025, and `title` (if any) in A1 above the header.
fn own_tracker(title: Option<&str>) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet().set_name("SSI").unwrap();
    if let Some(title) = title {
        sheet.write_string(0, 0, title).unwrap();
    }
    sheet
        .write_row(
            2,
            0,
            [
                "Date",
                "SSI",
                "Brand",
                "People",
                "Insights",
                "Relationships",
            ],
        )
        .unwrap();
    for (r, (date, values)) in [
        ("2025-09-28", [50.0, 12.0, 13.0, 12.5, 12.5]),
        ("2025-10-05", [52.0, 12.4, 13.2, 13.1, 13.3]),
        ("2025-10-12", [55.0, 13.4, 13.5, 13.6, 14.5]),
    ]
    .into_iter()
    .enumerate()
    {
        let row = r as u32 + 3;
        sheet.write_string(row, 0, date).unwrap();
        sheet.write_row(row, 1, values).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// The committed LinkedIn data export of Alex Morgan (activity on 6 to 8 October 2025).
fn alex_export() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/linkedin/Basic_LinkedInDataExport_10-09-2025.zip"),
    )
    .unwrap()
}

/// Runs the October 2025 report on the folder `me/` and returns its summary.
fn october_report(w: &crate::workdir::Workdir) -> serde_json::Value {
    w.command()
        .args([
            "report",
            "me",
            "--month",
            "2025-10",
            "--out",
            "out",
            "--formats",
            "svg",
            "-q",
        ])
        .assert()
        .success();
    w.json("out/2025-10/summary.json")
}

#[test]
fn a_tracker_titled_with_its_owner_and_the_owners_export_are_one_persons_report() {
    let w = crate::workdir::Workdir::new();
    w.write(
        "me/SSI tracker.xlsx",
        own_tracker(Some("Alex Morgan \u{2013} LinkedIn Social Selling Index")),
    );
    w.write("me/Basic_LinkedInDataExport_10-09-2025.zip", alex_export());
    let summary = october_report(&w);
    let people = summary["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Alex Morgan");
    assert!(w
        .read("out/2025-10/report.md")
        .starts_with("# SSI report: Alex Morgan"));
    // The week from 5 to 12 October holds the export's posts, comments and invitations.
    assert!(summary["analysis"]["intervals_used"].as_u64().unwrap() > 0);
    let warnings = summary["data_quality"]["warnings"].to_string();
    assert!(
        warnings.contains("the rows are Alex Morgan's, as the title row names them (not 'You')"),
        "{warnings}"
    );
}

#[test]
fn an_untitled_tracker_is_joined_to_the_one_export_owner() {
    let w = crate::workdir::Workdir::new();
    w.write("me/tracker.xlsx", own_tracker(None));
    w.write("me/Basic_LinkedInDataExport_10-09-2025.zip", alex_export());
    let summary = october_report(&w);
    let people = summary["people"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Alex Morgan");
    assert!(summary["analysis"]["intervals_used"].as_u64().unwrap() > 0);
    let warnings = summary["data_quality"]["warnings"].to_string();
    assert!(
        warnings.contains("the snapshots filed under 'You' and the activity filed under 'Alex Morgan' are one person's, joined under 'Alex Morgan'"),
        "{warnings}"
    );
    // --person names them otherwise, and nothing is joined.
    w.command()
        .args([
            "report",
            "me",
            "--month",
            "2025-10",
            "--out",
            "named",
            "--formats",
            "svg",
            "-q",
            "--person",
            "A. Morgan",
        ])
        .assert()
        .success();
    let named = w.json("named/2025-10/summary.json");
    assert_eq!(named["people"].as_array().unwrap().len(), 1);
    assert_eq!(named["people"][0]["name"], "A. Morgan");
    assert!(!named["data_quality"]["warnings"]
        .to_string()
        .contains("joined under"));
}

#[test]
fn a_japanese_excel_csv_in_shift_jis_is_decoded_and_its_headers_read() {
    let ingested = read("japanese_excel");
    all_used(&ingested);
    let encoding = &ingested.sources[0].text.as_ref().unwrap().0;
    assert!(encoding.starts_with("Shift_JIS, guessed"), "{encoding}");
    snapshot(
        &ingested,
        "山田太郎",
        "2026-05-18",
        &[
            (Ssi, 54.0),
            (Brand, 14.0),
            (People, 12.5),
            (Insights, 12.75),
            (Relationships, 14.75),
            (IndustryRankPct, 11.0),
        ],
    );
    let posts = &ingested.activity[0];
    assert_eq!(posts.metrics, ["posts"]);
    assert_eq!(posts.rows[1].values, vec![Some(3.0)].into());
}

#[test]
fn a_chinese_excel_csv_in_gbk_is_decoded_and_its_headers_read() {
    let ingested = read("chinese_excel");
    all_used(&ingested);
    let encoding = &ingested.sources[0].text.as_ref().unwrap().0;
    assert!(encoding.starts_with("GBK, guessed"), "{encoding}");
    snapshot(
        &ingested,
        "李娜",
        "2026-05-11",
        &[
            (Ssi, 61.0),
            (Brand, 15.5),
            (People, 14.5),
            (Insights, 15.0),
            (Relationships, 16.0),
        ],
    );
    snapshot(
        &ingested,
        "王伟",
        "2026-05-11",
        &[
            (Ssi, 48.0),
            (Brand, 12.0),
            (People, 11.5),
            (Insights, 11.0),
            (Relationships, 13.5),
        ],
    );
}

#[test]
fn a_german_tracker_with_linkedins_german_labels() {
    let ingested = read("german_tracker");
    all_used(&ingested);
    snapshot(
        &ingested,
        "Lena Fischer",
        "2026-05-11",
        &[
            (Ssi, 47.0),
            (Brand, 11.5),
            (People, 10.75),
            (Insights, 10.75),
            (Relationships, 14.0),
            (IndustryRankPct, 7.0),
        ],
    );
}

#[test]
fn a_french_tracker_with_linkedins_french_labels() {
    let ingested = read("french_tracker");
    all_used(&ingested);
    snapshot(
        &ingested,
        "Camille Martin",
        "2026-05-25",
        &[
            (Ssi, 59.0),
            (Brand, 15.75),
            (People, 13.25),
            (Insights, 13.5),
            (Relationships, 16.5),
        ],
    );
}

#[test]
fn a_spanish_tracker_with_linkedins_spanish_labels() {
    let ingested = read("spanish_tracker");
    all_used(&ingested);
    // 04/05/2026 is 4 May: 18/05/2026 in the same column settles the order as day first.
    snapshot(
        &ingested,
        "Lucía Fernández",
        "2026-05-04",
        &[
            (Ssi, 47.0),
            (Brand, 12.4),
            (People, 10.1),
            (Insights, 11.3),
            (Relationships, 13.2),
            (IndustryRankPct, 21.0),
            (NetworkRankPct, 33.0),
        ],
    );
    snapshot(
        &ingested,
        "Lucía Fernández",
        "2026-05-18",
        &[
            (Ssi, 49.0),
            (Brand, 12.9),
            (People, 10.6),
            (Insights, 11.5),
            (Relationships, 14.0),
            (IndustryRankPct, 18.0),
            (NetworkRankPct, 30.0),
        ],
    );
}
