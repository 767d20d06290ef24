//! report.xlsx and index.xlsx read back: every sheet's values against summary.json and the data CSVs, the
//! native charts and the ranges they draw from (from the workbook's XML parts), text that is never a
//! formula, and the same bytes from the same input.

use crate::workdir::Workdir;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

/// The workbook's sheets by name, and its XML parts.
struct Book {
    sheets: Vec<String>,
    ranges: BTreeMap<String, Range<Data>>,
    parts: BTreeMap<String, String>,
}

fn book(path: &std::path::Path) -> Book {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let sheets = wb.sheet_names().to_vec();
    let ranges = sheets
        .iter()
        .map(|s| (s.clone(), wb.worksheet_range(s).unwrap()))
        .collect();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            parts.insert(name, text);
        }
    }
    Book {
        sheets,
        ranges,
        parts,
    }
}

impl Book {
    fn sheet(&self, name: &str) -> &Range<Data> {
        &self.ranges[name]
    }

    /// A cell as text ("" when empty), by 0-based row and column of the sheet (not of the used range).
    fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.sheet(sheet).get_value((row, col)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }
    }

    fn number(&self, sheet: &str, row: u32, col: u32) -> Option<f64> {
        match self.sheet(sheet).get_value((row, col)) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            Some(Data::DateTime(d)) => Some(d.as_f64()),
            _ => None,
        }
    }

    fn date(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.sheet(sheet).get_value((row, col)) {
            Some(Data::DateTime(d)) => d.as_datetime().unwrap().date().to_string(),
            other => panic!("{sheet} ({row}, {col}) is not a date: {other:?}"),
        }
    }

    /// The column of `header` in row 0 of `sheet`.
    fn column(&self, sheet: &str, header: &str) -> u32 {
        (0..self.sheet(sheet).width() as u32)
            .find(|c| self.text(sheet, 0, *c) == header)
            .unwrap_or_else(|| panic!("no column {header} in {sheet}"))
    }

    /// The chart parts, in number order.
    fn charts(&self) -> Vec<&String> {
        let mut names: Vec<&String> = self
            .parts
            .keys()
            .filter(|n| n.starts_with("xl/charts/chart"))
            .collect();
        names.sort_by_key(|n| {
            n.trim_start_matches("xl/charts/chart")
                .trim_end_matches(".xml")
                .parse::<u32>()
                .unwrap()
        });
        names.iter().map(|n| &self.parts[*n]).collect()
    }
}

/// A chart part's title (its first `<c:title>`, before the axes' titles): the text of the cell it reads.
fn title(chart: &str) -> String {
    let first = chart.split("<c:title>").nth(1).unwrap_or("");
    let first = first.split("</c:title>").next().unwrap_or("");
    all(first, "<c:v>", "</c:v>").join("")
}

/// The ranges a chart's series read (its plot area, not its title).
fn series_refs(chart: &str) -> Vec<&str> {
    all(
        chart.split("<c:plotArea>").nth(1).unwrap_or(""),
        "<c:f>",
        "</c:f>",
    )
}

/// A `<tag>...</tag>` run's texts in an XML part.
fn all<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    xml.split(open)
        .skip(1)
        .filter_map(|s| s.split(close).next())
        .collect()
}

fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} != {y}"),
        (None, None) => {}
        _ => panic!("{what}: {a:?} != {b:?}"),
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Reports the sample team with the default formats; returns the folder of the month.
fn sample_report(wd: &Workdir) -> String {
    wd.copy_sample_data();
    wd.command()
        .args(["report", "--out", "out", "--as-of", "2026-12-01", "--quiet"])
        .assert()
        .success();
    "out/2026-10".to_string()
}

#[test]
fn the_workbook_holds_the_reports_figures_sheet_by_sheet() {
    let wd = Workdir::new();
    let dir = sample_report(&wd);
    let b = book(&wd.join(&format!("{dir}/report.xlsx")));
    assert_eq!(
        b.sheets,
        [
            "Summary",
            "Charts",
            "People",
            "Trend",
            "Components",
            "Activity",
            "Linkage",
            "Models",
            "Alerts",
            "Groups",
            "Data quality",
            "Data"
        ]
    );
    let s = wd.json(&format!("{dir}/summary.json"));
    // Summary: the team's median SSI and change.
    close(
        b.number("Summary", 4, 1),
        s["team"]["median"]["ssi"].as_f64(),
        "median SSI",
    );
    close(
        b.number("Summary", 5, 1),
        s["team"]["median_change"]["ssi"].as_f64(),
        "median change",
    );
    // People: one row per person, in summary.json's order, every month-end value and change.
    let people = s["people"].as_array().unwrap();
    assert_eq!(b.sheet("People").height(), people.len() + 1);
    let keys = [
        "ssi",
        "brand",
        "people",
        "insights",
        "relationships",
        "industry_rank_pct",
        "network_rank_pct",
    ];
    for (i, p) in people.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("People", row, 0), p["name"].as_str().unwrap());
        assert_eq!(
            b.date("People", row, 1),
            p["month_end"]["date"].as_str().unwrap()
        );
        for (k, key) in keys.iter().enumerate() {
            close(
                b.number("People", row, 2 + k as u32),
                p["month_end"][key].as_f64(),
                key,
            );
            close(
                b.number("People", row, 9 + k as u32),
                p["mom_change"][key].as_f64(),
                key,
            );
        }
        let alerts = p["alerts"].as_array().unwrap().len() as f64;
        close(
            b.number("People", row, b.column("People", "Alerts")),
            Some(alerts),
            "alerts",
        );
    }
    // Trend and Activity, worked out from the data CSVs: the sample logs weekly rows dated on Mondays.
    let ssi = csv_rows(&wd.read(&format!("{dir}/data/ssi.csv")));
    let activity = csv_rows(&wd.read(&format!("{dir}/data/activity.csv")));
    trend_matches_the_csv(&b, &ssi, 50);
    // Components: the team's median of each component at the month's end and its change.
    let components = ["brand", "people", "insights", "relationships"];
    for (i, key) in components.iter().enumerate() {
        let row = i as u32 + 1;
        close(
            b.number("Components", row, 8),
            s["team"]["median"][key].as_f64(),
            key,
        );
        close(
            b.number("Components", row, 9),
            s["team"]["median_change"][key].as_f64(),
            key,
        );
    }
    // Models: every term of every model, in order.
    let terms: Vec<(&Value, &Value)> = s["models"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["terms"].as_array().unwrap().iter().map(move |t| (m, t)))
        .collect();
    for (i, (m, t)) in terms.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Models", row, 0), m["component"].as_str().unwrap());
        assert_eq!(b.text("Models", row, 5), t["metric"].as_str().unwrap());
        for (c, key) in ["coef", "se", "p_value", "q_value", "ci_low", "ci_high"]
            .iter()
            .enumerate()
        {
            close(b.number("Models", row, 6 + c as u32), t[key].as_f64(), key);
        }
    }
    // Alerts: every alert of every person.
    let alerts: usize = people
        .iter()
        .map(|p| p["alerts"].as_array().unwrap().len())
        .sum();
    assert_eq!(b.sheet("Alerts").height(), alerts + 1);
    // Groups: each group's people, median SSI and change.
    let groups = s["groups"]["groups"].as_array().unwrap();
    for (i, g) in groups.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Groups", row, 0), g["name"].as_str().unwrap());
        close(b.number("Groups", row, 1), g["people"].as_f64(), "members");
        close(
            b.number("Groups", row, 2),
            g["median_ssi"].as_f64(),
            "group median",
        );
        close(
            b.number("Groups", row, 3),
            g["median_change"].as_f64(),
            "group change",
        );
    }
    // Linkage: data/linkage.csv, row by row, every number.
    let linkage = csv_rows(&wd.read(&format!("{dir}/data/linkage.csv")));
    assert_eq!(b.sheet("Linkage").height(), linkage.len() + 1);
    for (i, r) in linkage.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Linkage", row, 0), r[0]);
        assert_eq!(b.text("Linkage", row, 1), r[1]);
        for c in [5usize, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] {
            close(
                b.number("Linkage", row, c as u32),
                r[c].parse().ok(),
                &format!("linkage {row} {c}"),
            );
        }
    }
    // Data quality: data/rejected.csv (the CSV's apostrophe before formula-like text is Excel's quote
    // prefix in the workbook).
    let rejected = csv_rows(&wd.read(&format!("{dir}/data/rejected.csv")));
    assert_eq!(b.sheet("Data quality").height(), rejected.len() + 1);
    for (i, r) in rejected.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Data quality", row, 0), r[0]);
        close(b.number("Data quality", row, 2), r[2].parse().ok(), "row");
        let raw = b.text("Data quality", row, 5);
        assert!(r[5] == raw || r[5] == format!("'{raw}"), "{raw} / {}", r[5]);
        let reason = b.text("Data quality", row, 7);
        assert!(
            r[7] == reason || r[7] == format!("'{reason}"),
            "{reason} / {}",
            r[7]
        );
    }
    // Data: data/ssi.csv, then data/activity.csv beside it.
    let ssi_width = ssi[0].len() as u32;
    for (i, r) in ssi.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Data", row, 0), r[0]);
        assert_eq!(b.date("Data", row, 1), r[1]);
        for (c, v) in r.iter().enumerate().skip(2) {
            close(
                b.number("Data", row, c as u32),
                v.parse().ok(),
                &format!("ssi {row} {c}"),
            );
        }
    }
    let at = ssi_width + 1;
    assert_eq!(b.text("Data", 0, at), "person");
    for (i, r) in activity.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Data", row, at), r[0]);
        assert_eq!(b.date("Data", row, at + 1), r[1]);
        for (c, v) in r.iter().enumerate().skip(2) {
            close(
                b.number("Data", row, at + c as u32),
                v.parse().ok(),
                &format!("activity {row} {c}"),
            );
        }
    }
}

/// The median of some values (the mean of the middle two for an even count).
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The Trend sheet's people and median SSI per week (at least `weeks` of them) against the same figures
/// worked out from data/ssi.csv (one snapshot per person per week).
fn trend_matches_the_csv(b: &Book, ssi: &[Vec<String>], weeks: usize) {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut seen = 0;
    for row in 1..b.sheet("Trend").height() as u32 {
        if b.number("Trend", row, 0).is_none() {
            break;
        }
        let start = day(&b.date("Trend", row, 0));
        let values: Vec<f64> = ssi
            .iter()
            .filter(|r| {
                let d = day(&r[1]);
                d >= start && d < start + chrono::Duration::days(7)
            })
            .map(|r| r[2].parse().unwrap())
            .collect();
        close(
            b.number("Trend", row, 1),
            Some(values.len() as f64),
            "people",
        );
        close(
            b.number("Trend", row, 4),
            Some(median(values)),
            "median SSI",
        );
        seen += 1;
    }
    assert!(seen >= weeks, "{seen} weeks");
}

/// The Activity sheet's people logging and average per person per week against the same figures worked
/// out from data/activity.csv (weekly rows dated on Mondays only).
fn activity_matches_the_csv(b: &Book, activity: &[Vec<String>]) {
    let metrics = activity[0].len() - 2;
    for row in 1..b.sheet("Activity").height() as u32 {
        let week = b.date("Activity", row, 0);
        let rows: Vec<&Vec<String>> = activity.iter().filter(|r| r[1] == week).collect();
        close(
            b.number("Activity", row, 1),
            Some(rows.len() as f64),
            "people logging",
        );
        for m in 0..metrics {
            let logged: Vec<f64> = rows.iter().filter_map(|r| r[2 + m].parse().ok()).collect();
            let mean =
                (!logged.is_empty()).then(|| logged.iter().sum::<f64>() / logged.len() as f64);
            close(
                b.number("Activity", row, 2 + m as u32),
                mean,
                &format!("{week} metric {m}"),
            );
        }
    }
}

#[test]
fn the_native_charts_draw_from_the_data_sheets_and_carry_the_png_titles() {
    let wd = Workdir::new();
    let dir = sample_report(&wd);
    let b = book(&wd.join(&format!("{dir}/report.xlsx")));
    let charts = b.charts();
    // The sample team: SSI trend, components, component change, ranks, activity (one chart for each of
    // the PNG's six panels), leaderboard, movers and groups (no peer components in the sample).
    assert_eq!(charts.len(), 13);
    for chart in &charts {
        // The title reads its cell on the Charts sheet.
        assert!(
            all(chart, "<c:f>", "</c:f>")[0].starts_with("Charts!$A$"),
            "{chart}"
        );
        for f in series_refs(chart) {
            // Every series reads a range of a data sheet that holds it.
            let (sheet, cells) = f.split_once('!').unwrap();
            let sheet = sheet.trim_matches('\'');
            assert!(b.sheets.iter().any(|s| s == sheet), "{f}");
            assert_ne!(sheet, "Charts");
            let ends: Vec<&str> = cells.split(':').collect();
            let row_of = |c: &str| c.rsplit('$').next().unwrap().parse::<u32>().unwrap();
            let last = row_of(ends[ends.len() - 1]);
            assert!(
                last as usize <= b.sheet(sheet).height(),
                "{f} runs past the data"
            );
        }
    }
    // Titles as the PNG charts draw them (the SVG's text).
    let trend = title(charts[0]);
    assert_eq!(
        trend,
        "SSI over time: team of 14 (weekly median and middle half)"
    );
    assert!(wd
        .read(&format!("{dir}/charts/ssi_trend.svg"))
        .contains(&trend));
    // The trend: a stacked band (lower quartile, then the middle half) and the median line, over the
    // Trend sheet's periods.
    let periods = (1..b.sheet("Trend").height() as u32)
        .filter(|r| b.number("Trend", *r, 0).is_some())
        .count();
    let refs = series_refs(charts[0]);
    for want in [
        format!("Trend!$A$2:$A${}", periods + 1),
        format!("Trend!$D$2:$D${}", periods + 1),
        format!("Trend!$H$2:$H${}", periods + 1),
        format!("Trend!$E$2:$E${}", periods + 1),
    ] {
        assert!(refs.contains(&want.as_str()), "{want} not in {refs:?}");
    }
    // The leaderboard: 14 people, highest first, from the People sheet.
    let board = charts
        .iter()
        .find(|c| title(c).starts_with("SSI at the end of October 2026"))
        .unwrap();
    let refs = series_refs(board);
    assert!(refs.contains(&"People!$W$2:$W$15"), "{refs:?}");
    assert!(refs.contains(&"People!$X$2:$X$15"), "{refs:?}");
    let top = b.number("People", 1, 23).unwrap();
    let next = b.number("People", 2, 23).unwrap();
    assert!(top >= next);
    // The Charts sheet holds them all.
    let drawing = b
        .parts
        .iter()
        .find(|(n, _)| n.starts_with("xl/drawings/drawing"))
        .unwrap()
        .1;
    assert_eq!(all(drawing, "<c:chart ", "/>").len(), 13);
}

#[test]
fn text_that_looks_like_a_formula_stays_text_and_the_bytes_repeat() {
    let wd = Workdir::new();
    let mut csv = String::from("Name,Date,SSI,Brand,People,Insights,Relationships,Posts\n");
    for (name, base) in [
        ("=HYPERLINK(\"http://x\",\"y\")", 50.0),
        ("@SUM(1)", 60.0),
        ("+cmd", 55.0),
    ] {
        for (w, date) in ["2025-09-29", "2025-10-06", "2025-10-13", "2025-10-27"]
            .iter()
            .enumerate()
        {
            let ssi = base + w as f64;
            let c = ssi / 4.0;
            csv.push_str(&format!(
                "\"{}\",{date},{ssi},{c},{c},{c},{c},{w}\n",
                name.replace('"', "\"\"")
            ));
        }
    }
    wd.write("in/team.csv", csv);
    wd.command()
        .args(["report", "in", "--out", "out", "--quiet"])
        .assert()
        .success();
    let path = wd.join("out/2025-10/report.xlsx");
    let first = std::fs::read(&path).unwrap();
    let b = book(&path);
    // Three people with a snapshot and a row of posts every Monday.
    trend_matches_the_csv(&b, &csv_rows(&wd.read("out/2025-10/data/ssi.csv")), 4);
    activity_matches_the_csv(&b, &csv_rows(&wd.read("out/2025-10/data/activity.csv")));
    let names: Vec<String> = (1..=3).map(|r| b.text("People", r, 0)).collect();
    assert_eq!(names, ["+cmd", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)"]);
    // No cell of any sheet is a formula, and the names carry the quote prefix.
    let styles = &b.parts["xl/styles.xml"];
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap();
    let quoted: Vec<usize> = all(xfs, "<xf ", ">")
        .iter()
        .enumerate()
        .filter(|(_, x)| x.contains("quotePrefix=\"1\""))
        .map(|(i, _)| i)
        .collect();
    assert!(!quoted.is_empty());
    for (name, xml) in b
        .parts
        .iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
    {
        // The only formulas are the Trend sheet's band (upper minus lower quartile): no text became one.
        for f in all(xml, "<f>", "</f>") {
            let row = f.trim_start_matches('F').split('-').next().unwrap();
            assert_eq!(f, format!("F{row}-D{row}"), "{name} holds a formula");
        }
    }
    let people = b
        .parts
        .iter()
        .find(|(n, x)| {
            n.starts_with("xl/worksheets/sheet") && x.contains("<autoFilter ref=\"A1:U4\"")
        })
        .unwrap()
        .1;
    for row in 2..=4 {
        let cell = people.split(&format!("<c r=\"A{row}\"")).nth(1).unwrap();
        let style: usize = cell
            .split("s=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(quoted.contains(&style), "A{row} has no quote prefix");
    }
    // The same input gives the same bytes.
    wd.command()
        .args(["report", "in", "--out", "again", "--quiet"])
        .assert()
        .success();
    assert!(first == std::fs::read(wd.join("again/2025-10/report.xlsx")).unwrap());
}

#[test]
fn a_batch_index_workbook_links_each_report() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args([
            "report",
            "--each",
            "file",
            "--out",
            "out",
            "--as-of",
            "2026-12-01",
            "--quiet",
        ])
        .assert()
        .success();
    let b = book(&wd.join("out/index.xlsx"));
    assert_eq!(b.sheets, ["Index"]);
    let index = csv_rows(&wd.read("out/index.csv"));
    assert_eq!(b.sheet("Index").height(), index.len() + 1);
    for (i, r) in index.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(b.text("Index", row, 0), r[0]);
        assert_eq!(b.text("Index", row, 1), r[1]);
        assert_eq!(b.text("Index", row, 3), r[3]);
        assert_eq!(b.text("Index", row, 14), r[11]);
    }
    // Each written report's name links to its workbook.
    let rels = &b.parts["xl/worksheets/_rels/sheet1.xml.rels"];
    let targets = all(rels, "Target=\"", "\"");
    for r in index.iter().filter(|r| r[3] == "written") {
        let want = format!("{}/report.xlsx", r[11]);
        assert!(
            targets.contains(&want.as_str()),
            "{want} not in {targets:?}"
        );
        assert!(wd.join(&format!("out/{want}")).exists());
    }
}

#[test]
fn a_one_person_workbook_has_their_own_series_and_no_team_sheets() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args([
            "report",
            "sample_data/Alex Morgan.xlsx",
            "--out",
            "out",
            "--as-of",
            "2026-12-01",
            "--quiet",
        ])
        .assert()
        .success();
    let b = book(&wd.join("out/2026-10/report.xlsx"));
    assert!(!b.sheets.iter().any(|s| s == "Groups"));
    let s = wd.json("out/2026-10/summary.json");
    assert_eq!(b.sheet("People").height(), 2);
    assert_eq!(b.text("Trend", 0, 1), "SSI");
    // The Trend sheet is Alex's snapshots, as data/ssi.csv has them.
    let ssi = csv_rows(&wd.read("out/2026-10/data/ssi.csv"));
    assert_eq!(b.sheet("Trend").height(), ssi.len() + 1);
    for (i, r) in ssi.iter().enumerate() {
        assert_eq!(b.date("Trend", i as u32 + 1, 0), r[1]);
        close(b.number("Trend", i as u32 + 1, 1), r[2].parse().ok(), "ssi");
    }
    close(
        b.number("Summary", 4, 1),
        s["people"][0]["month_end"]["ssi"].as_f64(),
        "ssi",
    );
    // No leaderboard or movers for one person.
    let charts = b.charts();
    let titles: Vec<String> = charts.iter().map(|c| title(c)).collect();
    assert!(
        !titles.iter().any(|t| t.starts_with("Largest SSI moves")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t == "SSI over time: Alex Morgan"),
        "{titles:?}"
    );
}

#[test]
fn a_team_with_peer_averages_gets_the_peer_chart_from_the_components_sheet() {
    let wd = Workdir::new();
    wd.write("team.csv", crate::peers::TEAM_CSV);
    wd.command()
        .args(["report", "team.csv", "--out", "out", "--quiet"])
        .assert()
        .success();
    let s = wd.json("out/2025-10/summary.json");
    let b = book(&wd.join("out/2025-10/report.xlsx"));
    let peers = &s["team"]["peers"];
    for (i, key) in ["brand", "people", "insights", "relationships"]
        .iter()
        .enumerate()
    {
        let row = i as u32 + 1;
        close(
            b.number("Components", row, 17),
            peers["own"][key].as_f64(),
            key,
        );
        close(
            b.number("Components", row, 18),
            peers["industry"][key].as_f64(),
            key,
        );
        close(
            b.number("Components", row, 19),
            peers["network"][key].as_f64(),
            key,
        );
    }
    let chart = b
        .charts()
        .into_iter()
        .find(|c| title(c).starts_with("Components against peers"))
        .expect("a peer chart");
    let refs = series_refs(chart);
    for want in [
        "Components!$R$2:$R$5",
        "Components!$S$2:$S$5",
        "Components!$T$2:$T$5",
    ] {
        assert!(refs.contains(&want), "{want} not in {refs:?}");
    }
}

/// A person whose name reads like a cell reference (`=cmd|' /C calc'!A0`) still gets report.xlsx, the
/// name staying text in every title; with one snapshot, the Charts sheet gives the PNG's note instead of
/// an empty trend chart.
#[test]
fn a_name_like_a_cell_reference_stays_text_and_thin_data_get_the_pngs_note() {
    let wd = Workdir::new();
    wd.write(
        "in/odd.csv",
        "Name,Date,SSI,Brand,People,Insights,Relationships\n\"=cmd|' /C calc'!A0\",2025-10-27,52,13,13,13,13\n",
    );
    wd.command()
        .args(["report", "in", "--out", "out", "--quiet"])
        .assert()
        .success();
    let b = book(&wd.join("out/2025-10/report.xlsx"));
    let heading = b.text("Charts", 0, 0);
    assert_eq!(heading, "SSI over time: =cmd|' /C calc'!A0");
    // Where the PNG has a note, so does the Charts sheet, and no chart stands there.
    let note = b.text("Charts", 1, 0);
    assert!(!note.is_empty());
    assert!(
        wd.read("out/2025-10/charts/ssi_trend.svg").contains(&note),
        "{note}"
    );
    assert!(!b.charts().iter().any(|c| title(c) == heading));
}

/// A batch run again without xlsx leaves no index.xlsx behind from the run before.
#[test]
fn a_batch_without_xlsx_removes_the_index_workbook_of_an_earlier_run() {
    let wd = Workdir::new();
    wd.write("in/Ann Lee.csv", "Date,SSI\n2025-09-29,50\n2025-10-27,53\n");
    wd.command()
        .args(["report", "in", "--each", "file", "--out", "out", "--quiet"])
        .assert()
        .success();
    assert!(wd.join("out/index.xlsx").exists());
    assert!(wd.join("out/ann-lee/2025-10/report.xlsx").exists());
    wd.command()
        .args([
            "report",
            "in",
            "--each",
            "file",
            "--out",
            "out",
            "--quiet",
            "--formats",
            "png",
        ])
        .assert()
        .success();
    assert!(!wd.join("out/index.xlsx").exists());
    assert!(!wd.join("out/ann-lee/2025-10/report.xlsx").exists());
}
