//! `report`: outputs on the sample data, hand-checked numbers on small fixtures, rejected rows, name
//! fallback, escaping, determinism and exit codes.

use crate::fixtures;
use crate::workdir::Workdir;
use predicates::prelude::*;

fn assert_close(value: &serde_json::Value, expected: f64, what: &str) {
    let v = value
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {value}"));
    assert!((v - expected).abs() < 1e-9, "{what}: {v} != {expected}");
}

#[test]
fn report_on_sample_data_writes_every_artifact() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args(["report"])
        .assert()
        .success()
        .stdout(predicate::str::contains("output/2026-10"));
    for rel in [
        "report.md",
        "summary.json",
        "data/ssi.csv",
        "data/activity.csv",
        "data/linkage.csv",
        "data/rejected.csv",
        "charts/ssi_trend.png",
        "charts/ssi_trend.svg",
        "charts/components.png",
        "charts/components.svg",
    ] {
        assert!(
            wd.join("output/2026-10").join(rel).is_file(),
            "missing {rel}"
        );
    }
    let md = wd.read("output/2026-10/report.md");
    let parsed = crate::markdown_check::check(&md, &wd.join("output/2026-10"));
    // Every chart written is linked once as an image; every person's page is linked from the team table.
    let pngs = std::fs::read_dir(wd.join("output/2026-10/charts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert!(pngs >= 10, "{pngs} charts");
    assert_eq!(parsed.images.len(), pngs);
    assert_eq!(
        parsed
            .links
            .iter()
            .filter(|l| l.starts_with("people/"))
            .count(),
        14
    );
    assert!(parsed.tables >= 8, "{} tables", parsed.tables);
    for page in parsed.links.iter().filter(|l| l.starts_with("people/")) {
        let text = wd.read(&format!("output/2026-10/{page}"));
        let sub = crate::markdown_check::check(&text, &wd.join("output/2026-10/people"));
        // SSI trend, components and activity (everyone in the sample logs activity).
        assert_eq!(sub.images.len(), 3, "{page}");
        assert!(sub.links.contains(&"../report.md".to_string()));
        let twin = page.replace(".md", ".html");
        assert!(wd
            .read(&format!("output/2026-10/{twin}"))
            .contains("href=\"../report.html\""));
    }
    let png = std::fs::read(wd.join("output/2026-10/charts/ssi_trend.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // Width and height from the IHDR chunk.
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1600);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 900);
    let svg = wd.read("output/2026-10/charts/ssi_trend.svg");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("SSI over time: team of 14"));

    let s = wd.json("output/2026-10/summary.json");
    assert_eq!(s["schema_version"], 5);
    // The headline finding is the best supported: one that holds across the 14 people, not one
    // person's series (whose finding is labelled with the name).
    let first = s["findings"][0]["text"].as_str().unwrap();
    assert!(first.contains("14 people"), "{first}");
    let md = wd.read("output/2026-10/report.md");
    assert!(
        md.contains("- For Alex Morgan only: each extra reply received per week"),
        "{md}"
    );
    assert_eq!(s["month"], "2026-10");
    assert_eq!(s["people"].as_array().unwrap().len(), 14);
    assert_eq!(s["team"]["people"], 14);
    // The sample CSV holds one mistyped brand value; it is listed, not dropped silently.
    let rejected = s["data_quality"]["rejected_rows"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["path"], "sample_data/Sam Rivera.csv");
    assert_eq!(rejected[0]["column"], "C");
    for p in s["people"].as_array().unwrap() {
        let me = &p["month_end"];
        let sum: f64 = ["brand", "people", "insights", "relationships"]
            .iter()
            .map(|c| me[c].as_f64().unwrap())
            .sum();
        assert!((sum - me["ssi"].as_f64().unwrap()).abs() <= 1.0, "{p}");
    }
}

#[test]
fn report_is_byte_identical_across_runs() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args(["report", "--out", "a"])
        .assert()
        .success();
    wd.command()
        .args(["report", "--out", "b"])
        .assert()
        .success();
    for rel in [
        "report.md",
        "summary.json",
        "data/ssi.csv",
        "data/activity.csv",
        "data/linkage.csv",
        "charts/ssi_trend.svg",
        "charts/components.svg",
        "charts/ssi_trend.png",
        "charts/components.png",
    ] {
        let a = std::fs::read(wd.join("a/2026-10").join(rel)).unwrap();
        let b = std::fs::read(wd.join("b/2026-10").join(rel)).unwrap();
        assert!(a == b, "{rel} differs between runs");
    }
}

#[test]
fn month_end_values_and_changes_match_hand_calculation() {
    let wd = Workdir::new();
    wd.write("Dana Scully.xlsx", fixtures::dana_tracker());
    wd.command()
        .args([
            "report",
            "Dana Scully.xlsx",
            "--month",
            "2025-10",
            "--out",
            "out",
        ])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["name"], "Dana Scully", "name falls back to the file name");
    assert_eq!(p["month_end"]["date"], "2025-10-27");
    assert_eq!(p["previous_month_end"]["date"], "2025-09-29");
    let expected = [
        ("ssi", 57.0, 3.0),
        ("brand", 13.50, 0.70),
        ("people", 14.20, 0.70),
        ("insights", 14.60, 1.00),
        ("relationships", 14.70, 0.60),
        ("industry_rank_pct", 5.0, -2.0),
        ("network_rank_pct", 4.0, -2.0),
    ];
    for (column, value, change) in expected {
        assert_close(&p["month_end"][column], value, column);
        assert_close(&p["mom_change"][column], change, column);
    }
    assert_eq!(p["weakest_component"], "brand");
    // Weekly rows split by the days they cover (worked in `fixtures::dana_tracker`).
    assert_close(&p["activity_month"]["posts"], 6.71, "posts in October");
    assert_close(
        &p["activity_month"]["comments"],
        22.86,
        "comments in October",
    );
    assert_close(
        &p["activity_previous_month"]["posts"],
        4.29,
        "posts in September",
    );
    assert_close(
        &p["activity_previous_month"]["comments"],
        15.71,
        "comments in September",
    );
    // Targets count each week in the month of its date: 6 posts in 4 weeks.
    let posts = p["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "posts_per_week")
        .unwrap();
    assert_close(&posts["value"], 1.5, "posts per week");
    assert_eq!(posts["logged_weekly_rows"], 4);
    assert_eq!(posts["status"], "met");
    assert_close(&s["team"]["median"]["ssi"], 57.0, "median of one person");
    assert_eq!(s["data_quality"]["rows_after_month"], 2);

    // The row with brand 26 is rejected and named; the "Average" row is a summary row, not data.
    let ssi_input = &s["inputs"][0];
    assert_eq!(ssi_input["sheet"], "SSI");
    assert_eq!(ssi_input["header_row"], 3);
    assert_eq!(ssi_input["rows_read"], 8);
    assert_eq!(ssi_input["rows_used"], 6);
    assert_eq!(ssi_input["rows_rejected"], 1);
    assert_eq!(ssi_input["summary_rows"], 1);
    let r = &s["data_quality"]["rejected_rows"][0];
    assert_eq!(r["row"], 8);
    assert_eq!(r["column"], "C");
    assert!(r["reason"].as_str().unwrap().contains("brand is 26"));

    let md = wd.read("out/2025-10/report.md");
    assert!(md.starts_with("# SSI report: Dana Scully — October 2025"));
    assert!(md.contains("**SSI 57** (+3 since the end of September 2025)"));
    assert!(md.contains("| Establish your professional brand | 13.50 | +0.70 | **weakest** |"));
    assert!(md.contains("industry rank **top 5%** (rose 2 points)"));
    // One person's activity per week, month by month, as the targets count it: September's weeks of
    // 1-29 September give 1 + 0 + 2 + 1 + 1 = 5 posts and 20 comments in 5 weeks, October's of 6-27
    // October 6 posts and 20 comments in 4; August has none.
    assert!(md.contains("| Posts | — | 1.00 | 1.50 | 1 |"), "{md}");
    assert!(md.contains("| Comments | — | 4.00 | 5.00 | 5 |"), "{md}");
    assert!(md.contains(
        "| `Dana Scully.xlsx` › SSI | 8 | C (Establish your professional brand) | brand is 26"
    ));
}

#[test]
fn month_defaults_to_the_latest_month_with_a_snapshot() {
    let wd = Workdir::new();
    wd.write("Dana Scully.xlsx", fixtures::dana_tracker());
    wd.command()
        .args(["report", "Dana Scully.xlsx", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-11/summary.json");
    let p = &s["people"][0];
    assert_eq!(p["month_end"]["date"], "2025-11-03");
    assert_eq!(p["previous_month_end"]["date"], "2025-10-27");
    assert_close(&p["mom_change"]["ssi"], 1.0, "ssi change");
    assert_close(
        &p["mom_change"]["relationships"],
        0.40,
        "relationships change",
    );
}

#[test]
fn person_flag_overrides_the_file_name() {
    let wd = Workdir::new();
    wd.write("Dana Scully.xlsx", fixtures::dana_tracker());
    wd.command()
        .args([
            "report",
            "Dana Scully.xlsx",
            "--person",
            "D. Scully",
            "--out",
            "out",
        ])
        .assert()
        .success();
    assert_eq!(
        wd.json("out/2025-11/summary.json")["people"][0]["name"],
        "D. Scully"
    );
}

#[test]
fn rank_spellings_all_mean_top_percent_and_names_are_escaped() {
    let wd = Workdir::new();
    wd.write("team.csv", fixtures::TEAM_CSV);
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let people = s["people"].as_array().unwrap();
    let ann = people.iter().find(|p| p["name"] == "Ann").unwrap();
    assert_close(&ann["month_end"]["industry_rank_pct"], 2.0, "plain 2");
    assert_close(&ann["month_end"]["network_rank_pct"], 3.0, "plain 3");
    assert_eq!(ann["previous_month_end"], serde_json::Value::Null);
    assert_eq!(
        ann["mom_change"]["ssi"],
        serde_json::Value::Null,
        "no previous month, no change"
    );
    // The first snapshot's "2%" and "Top 3%" read as 2 and 3 in the tidy table.
    let csv = wd.read("out/2025-10/data/ssi.csv");
    assert!(csv.contains("\nAnn,2025-10-06,60,,,,,2,3,,\n"), "{csv}");
    assert_eq!(ann["weakest_component"], serde_json::Value::Null);
    assert_eq!(
        ann["month_end"]["brand"],
        serde_json::Value::Null,
        "missing is null, not 0"
    );
    let md = wd.read("out/2025-10/report.md");
    assert!(md.contains("| A\\|B \\*x\\* &lt;b&gt; |"), "{md}");
    assert!(!md.contains("<b>"));
}

#[test]
fn missing_input_exits_1_and_names_it() {
    let wd = Workdir::new();
    wd.command()
        .args(["report", "nope.xlsx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: input 'nope.xlsx' does not exist",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn empty_file_exits_1_and_names_it() {
    let wd = Workdir::new();
    wd.write("empty.csv", b"");
    wd.command()
        .args(["report", "empty.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'empty.csv' is empty (0 bytes)"));
    assert!(!wd.join("output").exists(), "nothing is written on failure");
}

#[test]
fn file_without_ssi_columns_exits_1_with_an_explanation() {
    let wd = Workdir::new();
    wd.write(
        "contacts.csv",
        "First Name,Last Name,Company\nAna,Lima,Acme\n",
    );
    wd.command()
        .args(["report", "contacts.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no SSI data found in the inputs"))
        .stderr(predicate::str::contains(
            "'contacts.csv': no header row with a date column",
        ));
}

#[test]
fn activity_only_input_exits_1() {
    let wd = Workdir::new();
    wd.write("log.csv", "Week,Posts\n2025-10-06,2\n");
    wd.command()
        .args(["report", "log.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no SSI data found"));
}

#[test]
fn usage_errors_exit_2() {
    let wd = Workdir::new();
    wd.write("team.csv", fixtures::TEAM_CSV);
    wd.command()
        .args(["report", "team.csv", "--month", "2025-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'2025-13' is not a month"));
    wd.command()
        .args(["report", "team.csv", "--formats", "gif"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown format 'gif' in --formats",
        ));
    wd.command().args(["report", "--bogus"]).assert().code(2);
}

#[test]
fn month_before_the_data_exits_1() {
    let wd = Workdir::new();
    wd.write("team.csv", fixtures::TEAM_CSV);
    wd.command()
        .args(["report", "team.csv", "--month", "2024-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the data starts on 2025-10-06"));
}

#[test]
fn out_pointing_to_a_file_exits_3() {
    let wd = Workdir::new();
    wd.write("team.csv", fixtures::TEAM_CSV);
    wd.write("taken", "x");
    wd.command()
        .args(["report", "team.csv", "--out", "taken"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "'taken' exists and is not a folder",
        ));
}

#[test]
fn svg_only_reports_embed_svg() {
    let wd = Workdir::new();
    wd.write("team.csv", fixtures::TEAM_CSV);
    wd.command()
        .args(["report", "team.csv", "--formats", "svg", "--out", "out"])
        .assert()
        .success();
    assert!(!wd.join("out/2025-10/charts/ssi_trend.png").exists());
    assert!(wd
        .read("out/2025-10/report.md")
        .contains("](charts/ssi_trend.svg)"));
}

#[test]
fn no_input_and_no_sample_data_is_a_usage_error() {
    let wd = Workdir::new();
    wd.command()
        .args(["report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no INPUT given and no sample_data/ folder here",
        ));
}

#[test]
fn corrupt_workbooks_fail_cleanly_and_other_files_still_count() {
    let wd = Workdir::new();
    wd.write("in/team.csv", fixtures::TEAM_CSV);
    let mut truncated = fixtures::dana_tracker();
    truncated.truncate(truncated.len() / 2);
    wd.write("in/truncated.xlsx", truncated);
    wd.write("in/random.xlsx", b"PK\x03\x04 this is no workbook at all");
    wd.command()
        .args(["report", "in", "--out", "out"])
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped in/truncated.xlsx"))
        .stderr(predicate::str::contains("skipped in/random.xlsx"))
        .stderr(predicate::str::contains("panicked").not());
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(
        s["data_quality"]["unreadable_files"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(s["people"].as_array().unwrap().len(), 2);
}

#[test]
fn xlsx_xls_and_ods_give_the_same_hand_checked_numbers() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks");
    for ext in ["xlsx", "xls", "ods"] {
        let wd = Workdir::new();
        let input = dir.join(format!("dana_tracker.{ext}"));
        wd.command()
            .arg("report")
            .arg(&input)
            .args([
                "--month",
                "2025-10",
                "--person",
                "Dana Scully",
                "--out",
                "out",
            ])
            .assert()
            .success();
        let s = wd.json("out/2025-10/summary.json");
        let p = &s["people"][0];
        assert_eq!(p["name"], "Dana Scully", "{ext}");
        assert_eq!(p["month_end"]["date"], "2025-10-27", "{ext}");
        assert_eq!(p["previous_month_end"]["date"], "2025-09-29", "{ext}");
        assert_close(&p["mom_change"]["ssi"], 3.0, ext);
        assert_close(&p["mom_change"]["brand"], 0.70, ext);
        assert_close(&p["mom_change"]["network_rank_pct"], -2.0, ext);
        assert_close(&p["activity_month"]["posts"], 6.71, ext);
        assert_eq!(s["inputs"][0]["rows_rejected"], 1, "{ext}");
        assert_eq!(s["inputs"][0]["summary_rows"], 1, "{ext}");
    }
}

/// report.html with each inline chart cut down to its opening tag (the charts are checked as files).
fn html_without_svg_bodies(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let open_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |i| start + i + 1);
        out.push_str(&rest[start..open_end]);
        out.push_str("…</svg>");
        rest = match rest[open_end..].find("</svg>") {
            Some(i) => &rest[open_end + i + "</svg>".len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[test]
fn sample_report_md_html_and_summary_are_pinned() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command().args(["report"]).assert().success();
    insta::assert_snapshot!("sample_report_md", wd.read("output/2026-10/report.md"));
    insta::assert_snapshot!(
        "sample_summary_json",
        wd.read("output/2026-10/summary.json")
    );
    let html = wd.read("output/2026-10/report.html");
    // The ten charts of a team, and the groups and group trend of its two teams.
    assert_eq!(html.matches("<svg").count(), 12, "every chart inline");
    insta::assert_snapshot!("sample_report_html", html_without_svg_bodies(&html));
}

#[test]
fn timings_go_to_stderr_with_every_stage() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    let out = wd
        .command()
        .args(["report", "--out", "timed", "--quiet", "--timings"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "--quiet keeps stdout empty");
    let err = String::from_utf8_lossy(&out.stderr);
    for stage in [
        "read inputs",
        "tidy tables",
        "analyse",
        "render",
        "write",
        "total",
        "peak memory",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(stage)),
            "{stage} missing: {err}"
        );
    }
    // The report is the same with or without timings.
    wd.command()
        .args(["report", "--out", "plain", "--quiet"])
        .assert()
        .success();
    assert_eq!(
        wd.read("timed/2026-10/report.md"),
        wd.read("plain/2026-10/report.md")
    );
}

/// One rounding rule, followed through every output: SSI as the data give it (one decimal when any
/// snapshot has decimals), components to two decimals. Ann's 27.3 and her insights of 7.7 (a weak
/// component) are traced through report.md, her person page, report.html, the leaderboard chart,
/// summary.json and a batch's index.
#[test]
fn one_value_keeps_one_rounding_through_every_output() {
    let wd = Workdir::new();
    wd.write(
        "team.csv",
        "person,date,ssi,brand,people,insights,relationships\n\
         Ann,2025-09-29,26.0,6.5,6.5,6.5,6.5\n\
         Ann,2025-10-27,27.3,6.8,6.6,7.7,6.2\n\
         Bob,2025-09-29,40.5,10.1,10.1,10.1,10.2\n\
         Bob,2025-10-27,40.0,10.0,10.0,10.0,10.0\n",
    );
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let md = wd.read("out/2025-10/report.md");
    // The leaderboard row and the headline median (27.3 and 40.0: 33.65, shown as 33.6 or 33.7).
    assert!(md.contains("| 27.3 | +1.3 |"), "{md}");
    assert!(md.contains("| 40.0 | -0.5 |"), "{md}");
    assert!(md.contains("median SSI **33."), "{md}");
    let page = wd.read("out/2025-10/people/ann.md");
    assert!(
        page.contains("**SSI 27.3** (+1.3 since the end of September 2025)"),
        "{page}"
    );
    assert!(
        page.contains("| **Total SSI** (of 100) | **27.3** | +1.3 |"),
        "{page}"
    );
    assert!(
        page.contains("Engage with insights is 7.70 of 25"),
        "{page}"
    );
    assert!(!page.contains("SSI 27 "), "{page}");
    let html = wd.read("out/2025-10/report.html");
    assert!(html.contains("27.3"));
    let chart = wd.read("out/2025-10/charts/leaderboard.svg");
    assert!(chart.contains("27.3 ▲ +1.3"), "leaderboard chart");
    assert!(chart.contains("40.0 ▼ -0.5"), "leaderboard chart");
    let s = wd.json("out/2025-10/summary.json");
    assert_eq!(s["ssi_decimals"], 1);
    assert_eq!(s["people"][0]["month_end"]["ssi"], 27.3);
    // A batch's index gives the same figure.
    wd.command()
        .args(["report", "team.csv", "--each", "person", "--out", "batch"])
        .assert()
        .success();
    let index = wd.read("batch/index.md");
    assert!(index.contains("| 27.3 | +1.3 |"), "{index}");
    assert!(index.contains("| 40.0 | -0.5 |"), "{index}");
}

/// A weekly-logged team whose data stop on Monday 16 November 2026: the month is named as in progress
/// wherever it appears, the Activity table compares 1-15 November with 1-15 October (the log's last
/// week ends on the 15th; worked by hand in `analysis::alerts::tests`: Ann's posts 2.14 against 2.71),
/// targets are too early to judge, and a batch's index marks the month.
#[test]
fn a_month_in_progress_says_so_and_compares_like_for_like() {
    let wd = Workdir::new();
    let mut csv =
        String::from("person,date,ssi,brand,people,insights,relationships,posts,comments\n");
    let weeks = [
        ("2026-09-28", 3),
        ("2026-10-05", 1),
        ("2026-10-12", 0),
        ("2026-10-19", 2),
        ("2026-10-26", 1),
        ("2026-11-02", 1),
        ("2026-11-09", 1),
    ];
    for name in ["Ann", "Bob"] {
        for (date, posts) in weeks {
            csv.push_str(&format!("{name},{date},60,15,15,15,15,{posts},5\n"));
        }
        csv.push_str(&format!("{name},2026-11-16,60,15,15,15,15,,\n"));
    }
    wd.write("team.csv", csv);
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let md = wd.read("out/2026-11/report.md");
    assert!(
        md.starts_with("# SSI report: team of 2 — November 2026, to 16 November\n"),
        "{md}"
    );
    assert!(
        md.contains("against the same days of the month before (the data stop on 16 November, the activity log on 15 November)"),
        "{md}"
    );
    // Two people: 2 x 2.14 = 4.29 posts (shown 4.3) against 2 x 2.71 = 5.43 (5.4); comments at a
    // steady 5 a week are 21.4 on both sides.
    assert!(
        md.contains("| Activity | 1–15 October 2026 | 1–15 November 2026 | Change |"),
        "{md}"
    );
    assert!(md.contains("| Comments | 21 | 21 | ±0 | 2 |"), "{md}");
    assert!(md.contains("| Posts | 5.4 | 4.3 | -1.1 | 2 |"), "{md}");
    assert!(md.contains("| Posts per week ≥ 1 | 0 | 0 | 2 |"), "{md}");
    let page = wd.read("out/2026-11/people/ann.md");
    assert!(
        page.starts_with("# Ann — November 2026, to 16 November"),
        "{page}"
    );
    assert!(
        page.contains("| Posts per week ≥ 1 | 1.00 a week (2 posts in 2 weeks) | too early |"),
        "{page}"
    );
    // Her page's activity table, by hand: September has the week of 28 September (3 posts), October
    // the weeks of 5-26 October (1 + 0 + 2 + 1 = 4 in 4 weeks), November 2 in 2; Bob logs the same, so
    // the team's median is hers.
    assert!(page.contains("| Activity | September 2026 | October 2026 | 1–16 November 2026 | Target | Team median |"), "{page}");
    assert!(
        page.contains("| Posts | 3.00 | 1.00 | 1.00 | 1 | 1.00 |"),
        "{page}"
    );
    assert!(
        page.contains("![Weekly activity against the weekly targets for Ann](ann/activity.png)"),
        "{page}"
    );
    assert!(wd.join("out/2026-11/people/ann/activity.png").is_file());
    let chart = wd.read("out/2026-11/charts/leaderboard.svg");
    assert!(
        chart.contains("SSI on 16 November 2026"),
        "leaderboard title"
    );
    let s = wd.json("out/2026-11/summary.json");
    assert_eq!(s["month_in_progress"], true);
    assert_eq!(s["data_through"], "2026-11-16");
    wd.command()
        .args(["report", "team.csv", "--each", "person", "--out", "batch"])
        .assert()
        .success();
    let index = wd.read("batch/index.md");
    assert!(
        index.contains("| 2026-11 (in progress, to 16 Nov) |"),
        "{index}"
    );
}

/// The alerts read as a to-do list: the most pressing first, then by name in the reader's collation
/// (accented and non-Latin names among and after the Latin ones, not after "Z" by bytes), each person
/// on one line; wins are listed too.
#[test]
fn alerts_are_ordered_by_severity_then_by_collated_name_one_line_each() {
    let wd = Workdir::new();
    let mut csv = String::from("person,date,ssi,brand,people,insights,relationships\n");
    // Everyone has the same weak brand (8 of 25, the same size past the line); Hal also fell 5 points.
    for name in [
        "Zoë Adams",
        "李娜",
        "Łukasz Wiśniewski",
        "Aisha Okafor",
        "Đorđe Petrović",
    ] {
        csv.push_str(&format!(
            "{name},2025-09-29,50,8,14,14,14\n{name},2025-10-27,50,8,14,14,14\n"
        ));
    }
    csv.push_str(
        "Hal Brook,2025-09-29,60,15,15,15,15\nHal Brook,2025-10-27,55,8,15.67,15.67,15.66\n",
    );
    wd.write("team.csv", csv);
    wd.command()
        .args(["report", "team.csv", "--out", "out"])
        .assert()
        .success();
    let md = wd.read("out/2025-10/report.md");
    let section = &md[md.find("## Alerts").unwrap()..md.find("## Wins").unwrap()];
    let order: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- **"))
        .map(|l| l.split("**").next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "Hal Brook",
            "Aisha Okafor",
            "Đorđe Petrović",
            "Łukasz Wiśniewski",
            "Zoë Adams",
            "李娜"
        ],
        "{section}"
    );
    // Hal's drop and weak brand on one line.
    let hal = section
        .lines()
        .find(|l| l.starts_with("- **Hal Brook**"))
        .unwrap();
    assert!(
        hal.contains("SSI fell 5 points this month") && hal.contains("is 8.00 of 25"),
        "{hal}"
    );
}

/// report.md is ordered for its reader: a manager's report opens with the people (at a glance, the
/// leaderboard, alerts) and keeps the statistics for an appendix; a rep's team report is the list of
/// person pages; a client update has no statistics tables; `--sections` (or the settings file) chooses.
#[test]
fn sections_follow_the_audience_and_the_chosen_list() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    let headings = |path: &str| -> Vec<String> {
        wd.read(path)
            .lines()
            .filter(|l| l.starts_with("## "))
            .map(|l| l[3..].to_string())
            .collect()
    };
    wd.command()
        .args(["report", "--out", "m"])
        .assert()
        .success();
    let manager = headings("m/2026-10/report.md");
    assert_eq!(
        manager,
        [
            "Leaderboard",
            "Movers",
            "Groups",
            "Alerts",
            "Wins",
            "Recommendations",
            "Forecast",
            "Components",
            "Activity",
            "Targets",
            "Charts",
            "Appendix: the statistics behind the report",
            "What moved the needle",
            "Data quality",
            "How to read this report"
        ]
    );
    let md = wd.read("m/2026-10/report.md");
    assert!(md.find("**At a glance**").unwrap() < md.find("## Leaderboard").unwrap());

    wd.command()
        .args(["report", "--out", "r", "--audience", "rep"])
        .assert()
        .success();
    assert_eq!(headings("r/2026-10/report.md"), ["People"]);
    assert!(wd
        .read("r/2026-10/report.md")
        .contains("- [Alex Morgan](people/alex-morgan.md)"));
    assert!(wd.join("r/2026-10/people/alex-morgan.md").is_file());

    wd.command()
        .args([
            "report",
            "sample_data/Alex Morgan.xlsx",
            "--out",
            "c",
            "--audience",
            "client",
        ])
        .assert()
        .success();
    let client = headings("c/2026-10/report.md");
    for statistics in [
        "What moved the needle",
        "Data quality",
        "How to read this report",
    ] {
        assert!(!client.iter().any(|h| h == statistics), "{client:?}");
    }
    assert_eq!(client[0], "Components");
    // The client's headline finding in plain words, without its interval, n, r or q, and no
    // statistical charts; the manager's report of the same file keeps both.
    let client_md = wd.read("c/2026-10/report.md");
    assert!(
        client_md.contains("**In your data**: Each extra comment per week went with +0.15 insights points per week.\n"),
        "{client_md}"
    );
    for statistics in ["95% CI", "q <", "linkage_heatmap", "drivers.png"] {
        assert!(
            !client_md.contains(statistics),
            "{statistics} in {client_md}"
        );
    }
    // One person: compared with their own three months before, never with a team they are not in.
    assert!(!client_md.contains("team's median"), "{client_md}");
    wd.command()
        .args(["report", "sample_data/Alex Morgan.xlsx", "--out", "cm"])
        .assert()
        .success();
    let manager_md = wd.read("cm/2026-10/report.md");
    assert!(manager_md.contains("**Strongest finding**: Each extra comment per week went with +0.15 insights points per week (95% CI"));
    assert!(manager_md.contains("charts/linkage_heatmap.png"));

    // A list by name, in its order; the settings file can choose too.
    wd.command()
        .args(["report", "--out", "s", "--sections", "alerts,leaderboard"])
        .assert()
        .success();
    assert_eq!(
        headings("s/2026-10/report.md"),
        ["Alerts", "Wins", "Leaderboard", "Movers"]
    );
    wd.write("sample_data/ssi-pulse.toml", "audience = \"rep\"\n");
    wd.command()
        .args(["report", "--out", "f"])
        .assert()
        .success();
    assert_eq!(headings("f/2026-10/report.md"), ["People"]);
    wd.command()
        .args(["report", "--out", "x", "--sections", "alerts,models"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown section 'models'"));
}

#[test]
fn person_pages_can_be_written_without_charts_or_left_out() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    for which in ["full", "md", "none"] {
        wd.command()
            .args([
                "report",
                "--quiet",
                "--formats",
                "png",
                "--person-pages",
                which,
            ])
            .args(["--out", which])
            .assert()
            .success();
    }
    let pngs = |dir: &str| {
        std::fs::read_dir(wd.join(dir))
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().is_dir())
                    .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
                    .filter(|f| f.path().extension().is_some_and(|x| x == "png"))
                    .count()
            })
            .unwrap_or(0)
    };
    // The sample team has 14 people; with full pages each has at least a trend chart.
    assert!(pngs("full/2026-10/people") >= 14);
    assert_eq!(pngs("md/2026-10/people"), 0);
    let page = wd.read("md/2026-10/people/alex-morgan.md");
    assert!(page.starts_with("# Alex Morgan"), "{page}");
    assert!(!page.contains("## Charts"), "{page}");
    assert!(!page.contains(".png"), "{page}");
    assert!(wd
        .read("md/2026-10/report.md")
        .contains("](people/alex-morgan.md)"));
    // Without pages there is no people/ folder and nothing links one; the team's figures stay.
    assert!(!wd.join("none/2026-10/people").exists());
    let md = wd.read("none/2026-10/report.md");
    assert!(!md.contains("](people/"), "{md}");
    assert!(md.contains("| Alex Morgan |"), "{md}");
    assert_eq!(
        wd.read("none/2026-10/summary.json"),
        wd.read("full/2026-10/summary.json")
    );
    wd.command()
        .args([
            "report",
            "--quiet",
            "--formats",
            "svg",
            "--person-pages",
            "none",
        ])
        .args(["--sections", "pages,leaderboard", "--out", "listed"])
        .assert()
        .success();
    let md = wd.read("listed/2026-10/report.md");
    assert!(md.contains("Person pages were left out"), "{md}");
    assert!(!md.contains("](people/"), "{md}");
    wd.command()
        .args(["report", "--person-pages", "some"])
        .assert()
        .code(2);
}
