//! Batch runs: `--each file|person`, `--months`, `--all-months`, the index, failures that do not stop the
//! batch, and parallel output equal to serial output.

use crate::workdir::Workdir;
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// (date, [ssi, brand, people, insights, relationships], posts)
type Row = (&'static str, [f64; 5], f64);

/// Ana Lima's monthly snapshots. October 2025 against September: ssi 57 - 54 = +3; weakest at October's
/// end is brand (13.5 < 14.2 < 14.6 < 14.7), "Establish your professional brand".
const ANA: [Row; 4] = [
    ("2025-08-28", [50.0, 12.0, 13.0, 12.5, 12.5], 2.0),
    ("2025-09-28", [54.0, 12.8, 13.5, 13.6, 14.1], 5.0),
    ("2025-10-28", [57.0, 13.5, 14.2, 14.6, 14.7], 6.0),
    ("2025-11-20", [58.0, 13.7, 14.3, 14.9, 15.1], 4.0),
];

/// Bo Chen's. October against September: ssi 40 - 44 = -4; weakest at October's end is people (9),
/// "Find the right people".
const BO: [Row; 2] = [
    ("2025-09-15", [44.0, 11.0, 11.0, 11.0, 11.0], 1.0),
    ("2025-10-15", [40.0, 10.0, 9.0, 10.5, 10.5], 0.0),
];

/// A one-person tracker workbook (no person column: the file name is the person).
fn tracker(rows: &[Row]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("SSI").unwrap();
    let headers = [
        "Date",
        "SSI",
        "Brand",
        "People",
        "Insights",
        "Relationships",
        "Posts",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (date, values, posts)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *date).unwrap();
        for (c, v) in values.iter().enumerate() {
            ws.write_number(r, c as u16 + 1, *v).unwrap();
        }
        ws.write_number(r, 6, *posts).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// Three client workbooks: Ana up to October, Bo, and one that is a truncated ZIP.
fn clients(w: &Workdir) {
    w.write("clients/Ana Lima.xlsx", tracker(&ANA[..3]));
    w.write("clients/Bo Chen.xlsx", tracker(&BO));
    let mut broken = tracker(&BO);
    broken.truncate(broken.len() / 3);
    w.write("clients/Cy Broken.xlsx", broken);
}

/// Every file under `root`, relative path -> bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn rows(index: &Value) -> &Vec<Value> {
    index["reports"].as_array().unwrap()
}

#[test]
fn each_file_writes_a_report_per_client_and_lists_the_broken_one() {
    let w = Workdir::new();
    clients(&w);
    let out = w
        .command()
        .args(["report", "clients", "--each", "file", "--out", "reports"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "one broken input is not fatal: {stderr}"
    );
    assert!(stderr.contains("Cy Broken.xlsx"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The folder tree: one folder per client that could be read, each with a whole report.
    let top: Vec<String> = std::fs::read_dir(w.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        top,
        [
            "ana-lima",
            "bo-chen",
            "index.csv",
            "index.html",
            "index.json",
            "index.md",
            "index.xlsx"
        ]
    );
    for client in ["ana-lima", "bo-chen"] {
        let months: Vec<_> = std::fs::read_dir(w.join(&format!("reports/{client}")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(months, ["2025-10"], "{client}");
        for file in [
            "report.md",
            "report.html",
            "report.xlsx",
            "summary.json",
            "charts/ssi_trend.png",
            "charts/ssi_trend.svg",
            "charts/components.png",
            "data/ssi.csv",
            "data/activity.csv",
            "data/rejected.csv",
        ] {
            assert!(
                w.join(&format!("reports/{client}/2025-10/{file}"))
                    .is_file(),
                "{client}/2025-10/{file}"
            );
        }
    }

    // The index rows, values worked out by hand (see ANA and BO).
    let index = w.json("reports/index.json");
    assert_eq!(index["schema"], "ssi-pulse-index/1");
    assert_eq!(index["each"], "file");
    assert_eq!(index["inputs"], 3);
    assert_eq!(index["written"], 2);
    assert_eq!(index["failed"], 1);
    let reports = rows(&index);
    assert_eq!(reports.len(), 3);
    let broken = &reports[0];
    assert_eq!(broken["status"], "failed", "failures are listed first");
    assert!(broken["report"]
        .as_str()
        .unwrap()
        .ends_with("Cy Broken.xlsx"));
    assert!(broken["folder"].is_null());
    assert!(!broken["problem"].as_str().unwrap().is_empty());
    let by_person = |name: &str| {
        reports
            .iter()
            .find(|r| r["person"] == name)
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let ana = by_person("Ana Lima");
    assert_eq!(ana["status"], "written");
    assert_eq!(ana["month"], "2025-10");
    assert_eq!(ana["ssi"], 57.0);
    assert_eq!(ana["ssi_change"], 3.0);
    assert_eq!(
        ana["weakest_component"],
        "Establish your professional brand"
    );
    assert_eq!(ana["folder"], "ana-lima/2025-10");
    let bo = by_person("Bo Chen");
    assert_eq!(bo["ssi"], 40.0);
    assert_eq!(bo["ssi_change"], -4.0);
    assert_eq!(bo["weakest_component"], "Find the right people");
    assert_eq!(bo["folder"], "bo-chen/2025-10");

    // Each row's alert count is the report's own, and the written rows run by alerts then change.
    for row in [ana, bo] {
        let summary = w.json(&format!(
            "reports/{}/summary.json",
            row["folder"].as_str().unwrap()
        ));
        let alerts: usize = summary["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["alerts"].as_array().unwrap().len())
            .sum();
        assert_eq!(row["alerts"].as_u64().unwrap() as usize, alerts);
    }
    let key = |r: &Value| {
        (
            -(r["alerts"].as_i64().unwrap()),
            r["ssi_change"].as_f64().unwrap(),
        )
    };
    assert!(key(&reports[1]) <= key(&reports[2]), "{reports:?}");

    // The human-readable index: links to each report, the broken input with its problem.
    let md = w.read("reports/index.md");
    assert!(md.contains("](ana-lima/2025-10/report.md)"), "{md}");
    assert!(md.contains("](bo-chen/2025-10/report.md)"), "{md}");
    assert!(md.contains("## Failed"), "{md}");
    assert!(md.contains("Cy Broken.xlsx"), "{md}");
    let html = w.read("reports/index.html");
    assert!(
        html.contains("href=\"ana-lima/2025-10/report.html\""),
        "{html}"
    );
    let csv = w.read("reports/index.csv");
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .starts_with("report,person,month,status"));
}

#[test]
fn each_file_with_all_months_gives_every_month_of_every_client() {
    let w = Workdir::new();
    clients(&w);
    w.command()
        .args([
            "report",
            "clients",
            "--each",
            "file",
            "--all-months",
            "--out",
            "r",
        ])
        .assert()
        .code(0);
    let index = w.json("r/index.json");
    let folders: Vec<&str> = rows(&index)
        .iter()
        .filter_map(|r| r["folder"].as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        folders,
        [
            "ana-lima/2025-08",
            "ana-lima/2025-09",
            "ana-lima/2025-10",
            "bo-chen/2025-09",
            "bo-chen/2025-10"
        ]
    );
    for f in &folders {
        assert!(w.join(&format!("r/{f}/report.md")).is_file(), "{f}");
    }
    // A month with no earlier month has no change; September against August is 54 - 50.
    let ana_sep = rows(&index)
        .iter()
        .find(|r| r["folder"] == "ana-lima/2025-09")
        .unwrap();
    assert_eq!(ana_sep["ssi_change"], 4.0);
}

#[test]
fn a_range_of_months_lists_the_months_without_a_report() {
    let w = Workdir::new();
    w.write("Bo Chen.xlsx", tracker(&BO));
    w.command()
        .args([
            "report",
            "Bo Chen.xlsx",
            "--months",
            "2025-08..2025-11",
            "--out",
            "r",
        ])
        .assert()
        .code(0);
    let index = w.json("r/index.json");
    assert_eq!(index["each"], "none");
    let status: Vec<(String, String)> = rows(&index)
        .iter()
        .map(|r| {
            (
                r["month"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        status,
        [
            ("2025-08".to_string(), "no_report".to_string()),
            ("2025-09".into(), "written".into()),
            ("2025-10".into(), "written".into()),
            ("2025-11".into(), "no_report".into()),
        ]
    );
    // Without --each the month folders sit directly in --out.
    assert!(w.join("r/2025-09/report.md").is_file());
    assert!(w.join("r/2025-10/report.md").is_file());
    assert!(!w.join("r/2025-08").exists() && !w.join("r/2025-11").exists());
    let md = w.read("r/index.md");
    assert!(md.contains("## Months without a report"), "{md}");
}

#[test]
fn all_months_over_the_sample_data_equal_single_month_runs() {
    let w = Workdir::new();
    w.copy_sample_data();
    w.command()
        .args(["report", "--all-months", "--out", "all", "--quiet"])
        .assert()
        .code(0);
    // The sample data runs from February 2025 to October 2026: 21 months, each with a report.
    let index = w.json("all/index.json");
    assert_eq!(index["written"], 21);
    assert_eq!(index["failed"], 0);
    let mut months: Vec<&str> = rows(&index)
        .iter()
        .map(|r| r["folder"].as_str().unwrap())
        .collect();
    months.sort_unstable();
    assert_eq!(months.first(), Some(&"2025-02"));
    assert_eq!(months.last(), Some(&"2026-10"));
    assert_eq!(months.len(), 21);
    for m in &months {
        assert!(w.join(&format!("all/{m}/summary.json")).is_file(), "{m}");
    }
    // Each month's folder is exactly what a single run for that month writes.
    for month in ["2025-12", "2026-10"] {
        w.command()
            .args(["report", "--month", month, "--out", "single", "--quiet"])
            .assert()
            .code(0);
        let batch = tree(&w.join(&format!("all/{month}")));
        let single = tree(&w.join(&format!("single/{month}")));
        assert_eq!(
            batch.keys().collect::<Vec<_>>(),
            single.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &batch {
            assert!(single[path] == *bytes, "{month}/{path} differs");
        }
    }
}

/// The parts of summary.json that describe the analysis, not the files read.
fn analysis_part(summary: &Value) -> Value {
    let mut s = summary.clone();
    let obj = s.as_object_mut().unwrap();
    obj.remove("inputs");
    obj.remove("data_quality");
    s
}

#[test]
fn a_month_regenerated_later_has_the_figures_charts_and_tables_it_had_when_sent() {
    // Sent: October made at the end of October. Regenerated: the same tracker a month later, with a
    // November snapshot added.
    let sent = Workdir::new();
    sent.write("clients/Ana Lima.xlsx", tracker(&ANA[..3]));
    sent.command()
        .args(["report", "clients", "--each", "file", "--out", "r", "-q"])
        .assert()
        .code(0);
    let later = Workdir::new();
    later.write("clients/Ana Lima.xlsx", tracker(&ANA));
    later
        .command()
        .args([
            "report",
            "clients",
            "--each",
            "file",
            "--all-months",
            "--out",
            "r",
            "-q",
        ])
        .assert()
        .code(0);
    let a = tree(&sent.join("r/ana-lima/2025-10"));
    let b = tree(&later.join("r/ana-lima/2025-10"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        if path.starts_with("charts/") || path.starts_with("data/") {
            assert!(b[path] == *bytes, "{path} differs");
        }
    }
    let sa: Value = serde_json::from_slice(&a["summary.json"]).unwrap();
    let sb: Value = serde_json::from_slice(&b["summary.json"]).unwrap();
    assert_eq!(analysis_part(&sa), analysis_part(&sb));
    // The report text is the same down to its data-quality section, which describes the files as read
    // and says the November snapshot is not part of October.
    let head = |t: &[u8]| {
        let t = String::from_utf8(t.to_vec()).unwrap();
        t[..t.find("## Data quality").unwrap()].to_string()
    };
    assert_eq!(head(&a["report.md"]), head(&b["report.md"]));
    let md = String::from_utf8(b["report.md"].clone()).unwrap();
    assert!(md.contains("dated after October 2025"), "{md}");
    // The November line counts twice: its snapshot and the activity logged in it.
    assert_eq!(sb["data_quality"]["rows_after_month"], 2);
    assert_eq!(sa["data_quality"]["rows_after_month"], 0);
}

#[test]
fn each_person_over_the_sample_data_in_parallel_equals_serial() {
    let w = Workdir::new();
    w.copy_sample_data();
    // Activity for someone with no snapshot: listed as failed, not fatal.
    w.write(
        "sample_data/zed.csv",
        "person,date,posts\nZed Nobody,2026-10-05,3\nZed Nobody,2026-10-12,1\n",
    );
    // A file that cannot be read and one with nothing usable: listed, not people.
    w.write(
        "sample_data/broken.xlsx",
        b"PK\x03\x04 not really a workbook",
    );
    w.write("sample_data/notes.csv", "note\ncall Ana back\n");
    let run = |jobs: &str, out: &str| {
        w.command()
            .args([
                "report",
                "--each",
                "person",
                "--months",
                "2026-09..2026-10",
                "--jobs",
                jobs,
                "--out",
                out,
                "--quiet",
            ])
            .assert()
            .code(0);
    };
    run("1", "serial");
    run("4", "parallel");
    let serial = tree(&w.join("serial"));
    let parallel = tree(&w.join("parallel"));
    assert_eq!(
        serial.keys().collect::<Vec<_>>(),
        parallel.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &serial {
        assert!(
            parallel[path] == *bytes,
            "{path} differs between 1 and 4 threads"
        );
    }
    let index = w.json("serial/index.json");
    assert_eq!(index["each"], "person");
    // Alex Morgan, Sam Rivera and the 12 people of team_export, plus Zed: 15 people.
    assert_eq!(index["inputs"], 15);
    assert_eq!(index["files_not_used"], 2);
    let failed: Vec<&str> = rows(&index)
        .iter()
        .filter(|r| r["status"] == "failed")
        .map(|r| r["report"].as_str().unwrap())
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(
        failed.iter().any(|r| r.ends_with("broken.xlsx")),
        "{failed:?}"
    );
    assert!(
        failed.iter().any(|r| r.ends_with("notes.csv")),
        "{failed:?}"
    );
    assert_eq!(index["written"], 28, "14 people with snapshots x 2 months");
    let zed: Vec<&Value> = rows(&index)
        .iter()
        .filter(|r| r["report"] == "Zed Nobody")
        .collect();
    assert_eq!(zed.len(), 1);
    assert_eq!(zed[0]["status"], "failed");
    assert!(zed[0]["problem"]
        .as_str()
        .unwrap()
        .contains("2 activity rows but no SSI snapshot"));
    assert!(w.join("serial/alex-morgan/2026-10/report.md").is_file());
    assert!(w.join("serial/sam-rivera/2026-09/report.md").is_file());
    // A one-person report has no person pages.
    assert!(!w.join("serial/alex-morgan/2026-10/people").exists());
}

#[test]
fn strict_fails_on_any_failure_and_all_inputs_failing_exits_1() {
    let w = Workdir::new();
    clients(&w);
    let out = w
        .command()
        .args([
            "report", "clients", "--each", "file", "--strict", "--out", "r",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
    // Every report is still written.
    assert!(w.join("r/ana-lima/2025-10/report.md").is_file());
    assert!(w.join("r/index.md").is_file());

    let v = Workdir::new();
    v.write("in/a.xlsx", b"not a workbook at all");
    v.write("in/b.csv", "x,y\n1,2\n");
    let out = v
        .command()
        .args(["report", "in", "--each", "file", "--out", "r"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no report was written (2 inputs or reports failed)"),
        "{stderr}"
    );
    let index = v.json("r/index.json");
    assert_eq!(index["failed"], 2);
    assert_eq!(index["written"], 0);
}

#[test]
fn a_merged_batch_lists_an_unreadable_file_and_strict_fails_on_it() {
    let w = Workdir::new();
    w.write("in/Bo Chen.xlsx", tracker(&BO));
    w.write("in/broken.xlsx", b"PK\x03\x04 not really a workbook");
    w.command()
        .args(["report", "in", "--all-months", "--out", "r", "-q"])
        .assert()
        .code(0);
    let index = w.json("r/index.json");
    assert_eq!(index["written"], 2);
    assert_eq!(index["failed"], 1);
    assert_eq!(index["files_not_used"], 1);
    assert!(rows(&index)[0]["report"]
        .as_str()
        .unwrap()
        .ends_with("broken.xlsx"));
    let out = w
        .command()
        .args(["report", "in", "--all-months", "--out", "r2", "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(w.join("r2/2025-10/report.md").is_file());
}

#[test]
fn a_linkedin_archive_alone_is_one_input_that_says_how_to_join_it() {
    let w = Workdir::new();
    let zip = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/linkedin/Basic_LinkedInDataExport_10-09-2025.zip");
    w.write("in/export.zip", std::fs::read(zip).unwrap());
    w.write("in/Ana Lima.xlsx", tracker(&ANA[..3]));
    w.command()
        .args([
            "report",
            "in",
            "--each",
            "file",
            "--out",
            "r",
            "--as-of",
            "2025-12-01",
            "-q",
        ])
        .assert()
        .code(0);
    let index = w.json("r/index.json");
    assert_eq!(index["inputs"], 2);
    let archive = &rows(&index)[0];
    assert_eq!(archive["status"], "failed");
    assert!(archive["report"].as_str().unwrap().ends_with("export.zip"));
    let problem = archive["problem"].as_str().unwrap();
    assert!(problem.starts_with("activity only ("), "{problem}");
    assert!(problem.contains("--each person"), "{problem}");
    assert_eq!(rows(&index)[1]["folder"], "ana-lima/2025-10");
}

#[test]
fn batch_flags_are_checked() {
    let w = Workdir::new();
    w.copy_sample_data();
    for (args, needle) in [
        (vec!["--months", "2026-05"], "FIRST..LAST"),
        (vec!["--months", "2026-05..2026-01"], "comes before"),
        (
            vec!["--month", "2026-05", "--all-months"],
            "cannot be used with",
        ),
        (vec!["--each", "team"], "invalid value"),
        (vec!["--jobs", "0"], "--jobs"),
    ] {
        let mut cmd = w.command();
        cmd.arg("report").args(&args);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

/// A coach's index judges staleness against the whole batch: a client whose snapshots stop seven weeks
/// before the others' is marked stale, though their own report, alone with its data, cannot tell.
#[test]
fn a_client_whose_data_stop_weeks_before_the_others_is_marked_stale_in_the_index() {
    let wd = Workdir::new();
    let mut current = String::from("date,ssi\n");
    let mut behind = String::from("date,ssi\n");
    for (i, day) in ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"]
        .iter()
        .enumerate()
    {
        behind.push_str(&format!("{day},{}\n", 60 + i));
    }
    for day in ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"] {
        current.push_str(&format!("{day},70\n"));
    }
    wd.write("clients/Olga Stale.csv", behind);
    wd.write("clients/Pia Current.csv", current);
    wd.command()
        .args(["report", "clients", "--each", "file", "--out", "out"])
        .assert()
        .success();
    let index = wd.read("out/index.md");
    // 26 October - 28 September = 28 days, more than 21.
    assert!(index.contains("2026-09-28 (stale)"), "{index}");
    assert!(!index.contains("2026-10-26 (stale)"), "{index}");
}

/// One client's report never names another client's files: with `--each person`, the data-quality
/// section lists only the tables holding that person's rows, and the index counts only their rows.
#[test]
fn each_persons_data_quality_holds_only_their_own_tables() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args(["report", "--each", "person", "--out", "out"])
        .assert()
        .success();
    let priya = wd.read("out/priya-raman/2026-10/report.md");
    assert!(
        priya.contains("`sample_data/team_export.xlsx` › Team SSI"),
        "{priya}"
    );
    for other in ["Alex Morgan.xlsx", "Sam Rivera.csv"] {
        assert!(!priya.contains(other), "{other} in Priya's report");
    }
    let sam = wd.read("out/sam-rivera/2026-10/report.md");
    assert!(sam.contains("'O4.66' is not a number"), "{sam}");
    let index = wd.json("out/index.json");
    let rows = index["reports"].as_array().unwrap();
    let not_used: Vec<(&str, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["report"].as_str().unwrap(),
                r["rejected_rows"].as_u64().unwrap(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(not_used, [("Sam Rivera", 1)]);
}
