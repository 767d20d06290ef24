//! The index of a batch (`index.md`, `index.html`, `index.csv`, `index.json`): one row per report written,
//! per month that has no report and per input that failed, sorted so the reports needing attention come
//! first (most alerts, then the largest SSI fall).

use super::text::{escape_md, plural, ssi_change, ssi_value};
use super::{Artifact, RenderError};
use crate::model::Month;
use serde::Serialize;
use std::cmp::Ordering;

/// Version of index.json's layout.
pub const INDEX_SCHEMA: &str = "ssi-pulse-index/1";

/// What became of one row of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The report was written.
    Written,
    /// No report for this month (no snapshot in it, or before the data starts); not a failure.
    NoReport,
    /// The input or the report failed.
    Failed,
}

impl Status {
    /// The machine name (as in index.csv and index.json).
    pub fn name(self) -> &'static str {
        match self {
            Status::Written => "written",
            Status::NoReport => "no_report",
            Status::Failed => "failed",
        }
    }
}

/// One row of the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Who the report is about: the input file as given, the person, or the people of a merged report.
    pub report: String,
    /// The person, when the report covers exactly one.
    pub person: Option<String>,
    /// The report's month (`None` for an input that failed before a month was known).
    #[serde(serialize_with = "month_text")]
    pub month: Option<Month>,
    /// The last day of data when the month is still in progress (the data stop before its end).
    pub data_through: Option<chrono::NaiveDate>,
    /// The latest snapshot on or before the month's end (of anyone in the report).
    pub latest_snapshot: Option<chrono::NaiveDate>,
    /// True when someone in the report has stale data or no snapshot in the month.
    pub stale: bool,
    /// What became of it.
    pub status: Status,
    /// People in the report.
    pub people: usize,
    /// SSI at month end (the median for several people).
    pub ssi: Option<f64>,
    /// Decimals of SSI in the report (the rounding rule: 1 when the data have decimals).
    #[serde(skip)]
    pub ssi_decimals: usize,
    /// Month-over-month SSI change (the median change for several people).
    pub ssi_change: Option<f64>,
    /// The weakest component at month end (of the medians for several people), LinkedIn's label.
    pub weakest_component: Option<&'static str>,
    /// Alerts raised, across the report's people.
    pub alerts: usize,
    /// The kinds of those alerts, each once, alphabetically.
    pub alert_kinds: Vec<&'static str>,
    /// Input rows not used (each listed in the report's data/rejected.csv).
    pub rejected_rows: usize,
    /// The report's folder relative to the index, `/`-separated.
    pub folder: Option<String>,
    /// Why there is no report, or what failed.
    pub problem: Option<String>,
}

fn month_text<S: serde::Serializer>(m: &Option<Month>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_str(&m.to_string()),
        None => s.serialize_none(),
    }
}

/// The index order: failures first, then the written reports by alerts (most first) and SSI change
/// (largest fall first, unknown last), then months without a report; ties by report name and month.
pub fn sort(entries: &mut [Entry]) {
    let rank = |s: Status| match s {
        Status::Failed => 0,
        Status::Written => 1,
        Status::NoReport => 2,
    };
    entries.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then(b.alerts.cmp(&a.alerts))
            .then_with(|| match (a.ssi_change, b.ssi_change) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| a.report.cmp(&b.report))
            .then(a.month.cmp(&b.month))
            .then_with(|| a.folder.cmp(&b.folder))
    });
}

/// How the batch was split, for the index's first lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    /// "file", "person", "group", "folder" or "none".
    pub each: &'a str,
    /// Subjects of reports in the batch (files, people, groups, client folders, or 1 for all inputs
    /// together).
    pub units: usize,
    /// Files that gave no one's data (unreadable, or nothing usable), listed as failed.
    pub files_not_used: usize,
}

/// The four index files, and index.xlsx when the reports have workbooks (`workbook`), rows already
/// sorted.
pub fn render(
    entries: &[Entry],
    scope: Scope<'_>,
    workbook: bool,
) -> Result<Vec<Artifact>, RenderError> {
    let mut files = vec![
        Artifact::new("index.md", markdown(entries, scope, "md").into_bytes()),
        Artifact::new(
            "index.html",
            super::html::render(
                &markdown(entries, scope, "html"),
                "SSI reports",
                &Default::default(),
            )
            .into_bytes(),
        ),
        Artifact::new("index.csv", csv(entries)?),
        Artifact::new("index.json", json(entries, scope)?),
    ];
    if workbook {
        files.push(Artifact::new(
            "index.xlsx",
            super::workbook::index(entries)?,
        ));
    }
    Ok(files)
}

fn count(entries: &[Entry], status: Status) -> usize {
    entries.iter().filter(|e| e.status == status).count()
}

/// The months of the written reports, as " for <month>" or " for <first> to <last>" (empty without any).
fn span(entries: &[Entry]) -> String {
    let months: Vec<Month> = entries
        .iter()
        .filter(|e| e.status == Status::Written)
        .filter_map(|e| e.month)
        .collect();
    match (months.iter().min(), months.iter().max()) {
        (Some(a), Some(b)) if a == b => format!(" for {}", a.long_name()),
        (Some(a), Some(b)) => format!(" for {} to {}", a.long_name(), b.long_name()),
        _ => String::new(),
    }
}

/// What the batch was split by, in words.
fn split(scope: Scope<'_>) -> String {
    match scope.each {
        "file" => plural(scope.units, "input file", "input files"),
        "person" => plural(scope.units, "person", "people"),
        "group" => plural(scope.units, "group", "groups"),
        "folder" => plural(scope.units, "client folder", "client folders"),
        _ => "all inputs together".to_string(),
    }
}

/// "2 inputs and 1 report" for the failures: inputs failed before a month was known, reports after.
fn failures(entries: &[Entry], failed: usize) -> String {
    let inputs = entries
        .iter()
        .filter(|e| e.status == Status::Failed && e.month.is_none())
        .count();
    let mut parts = Vec::new();
    if inputs > 0 {
        parts.push(plural(inputs, "input", "inputs"));
    }
    if failed > inputs {
        parts.push(plural(failed - inputs, "report", "reports"));
    }
    parts.join(" and ")
}

/// The index's opening paragraph: reports written, over which months, from what; failures and months
/// without a report.
fn summary(md: &mut String, entries: &[Entry], scope: Scope<'_>) {
    let written = count(entries, Status::Written);
    let failed = count(entries, Status::Failed);
    let none = count(entries, Status::NoReport);
    md.push_str(&format!(
        "{}{}, from {}.",
        plural(written, "report", "reports"),
        span(entries),
        split(scope)
    ));
    if failed > 0 {
        md.push_str(&format!(
            " **{} failed** (listed first, with the reason).",
            failures(entries, failed)
        ));
    }
    if none > 0 {
        md.push_str(&format!(
            " {} no report (listed last).",
            plural(none, "month has", "months have")
        ));
    }
    md.push_str("\n\n");
}

/// A section of the index listing the entries of one status with what went wrong.
struct ProblemList {
    status: Status,
    /// The heading and the table's header rows.
    head: &'static str,
    /// The month cell of an entry without a month.
    no_month: &'static str,
    /// The problem cell of an entry without a problem.
    no_problem: &'static str,
}

/// The failures, listed first.
const FAILED: ProblemList = ProblemList {
    status: Status::Failed,
    head: "## Failed\n\n| Input | Month | Problem |\n|---|---|---|\n",
    no_month: "—",
    no_problem: "failed",
};

/// The months without a report, listed last.
const NO_REPORT: ProblemList = ProblemList {
    status: Status::NoReport,
    head: "## Months without a report\n\n| Report | Month | Why |\n|---|---|---|\n",
    no_month: "",
    no_problem: "",
};

/// The list's section, or nothing when no entry has its status.
fn problem_list(md: &mut String, entries: &[Entry], list: &ProblemList) {
    let listed: Vec<&Entry> = entries.iter().filter(|e| e.status == list.status).collect();
    if listed.is_empty() {
        return;
    }
    md.push_str(list.head);
    for e in listed {
        md.push_str(&format!(
            "| {} | {} | {} |\n",
            escape_md(&e.report),
            e.month
                .map(|m| m.to_string())
                .unwrap_or_else(|| list.no_month.into()),
            escape_md(e.problem.as_deref().unwrap_or(list.no_problem))
        ));
    }
    md.push('\n');
}

/// One written report's row: its name linked to `report.<link_ext>` in its folder.
fn report_row(e: &Entry, link_ext: &str) -> String {
    let alerts = if e.alerts == 0 {
        "0".to_string()
    } else {
        format!(
            "{} ({})",
            e.alerts,
            e.alert_kinds.join(", ").replace('_', " ")
        )
    };
    // A client's name, not the file it came from (which follows, when it differs).
    let shown = e.person.as_deref().unwrap_or(&e.report);
    let name = match &e.folder {
        Some(f) => format!("[{}]({f}/report.{link_ext})", escape_md(shown)),
        None => escape_md(shown),
    };
    let from = if shown == e.report {
        String::new()
    } else {
        format!(" (from {})", escape_md(&e.report))
    };
    let latest = match (e.latest_snapshot, e.stale) {
        (Some(d), true) => format!("{d} (stale)"),
        (Some(d), false) => d.to_string(),
        (None, _) => String::new(),
    };
    format!(
        "| {name}{from} | {} | {} | {latest} | {} | {} | {} | {} | {} |\n",
        month_cell(e),
        e.people,
        ssi_value(e.ssi, e.ssi_decimals),
        ssi_change(e.ssi_change, e.ssi_decimals),
        e.weakest_component.unwrap_or("—"),
        alerts,
        e.rejected_rows,
    )
}

/// "2026-11", or "2026-11 (in progress, to 16 Nov)" for a month whose data stop before its end.
fn month_cell(e: &Entry) -> String {
    match (e.month, e.data_through) {
        (Some(m), Some(d)) => format!("{m} (in progress, to {})", d.format("%-d %b")),
        (Some(m), None) => m.to_string(),
        _ => String::new(),
    }
}

/// The written reports, in index order.
fn reports(md: &mut String, entries: &[Entry], link_ext: &str) {
    md.push_str("## Reports\n\n");
    if count(entries, Status::Written) == 0 {
        md.push_str("No report was written.\n\n");
        return;
    }
    md.push_str(
        "Most alerts first, then the largest SSI fall; each name links to its report. For a report covering several people, SSI, change and weakest component are the medians.\n\n\
         | Report | Month | People | Latest snapshot | SSI | Change | Weakest component | Alerts | Rows not used |\n\
         |---|---|---:|---|---:|---:|---|---|---:|\n",
    );
    for e in entries.iter().filter(|e| e.status == Status::Written) {
        md.push_str(&report_row(e, link_ext));
    }
    md.push('\n');
}

/// The markdown index; report links point to `report.<link_ext>`.
pub fn markdown(entries: &[Entry], scope: Scope<'_>, link_ext: &str) -> String {
    let mut md = String::from("# SSI reports\n\n");
    summary(&mut md, entries, scope);
    problem_list(&mut md, entries, &FAILED);
    reports(&mut md, entries, link_ext);
    problem_list(&mut md, entries, &NO_REPORT);
    md
}

fn number(v: Option<f64>) -> String {
    v.map(|x| format!("{x}")).unwrap_or_default()
}

/// index.csv: one row per entry, in index order; text that a spreadsheet would run is neutralised.
pub fn csv(entries: &[Entry]) -> Result<Vec<u8>, RenderError> {
    let name = "index.csv";
    let err = |source| RenderError::Csv { name, source };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "report",
        "person",
        "month",
        "status",
        "people",
        "ssi",
        "ssi_change",
        "weakest_component",
        "alerts",
        "alert_kinds",
        "rejected_rows",
        "folder",
        "problem",
        "data_through",
        "latest_snapshot",
        "stale",
    ])
    .map_err(err)?;
    let text = |s: &str| super::tables::neutralise(s);
    for e in entries {
        w.write_record([
            text(&e.report),
            text(e.person.as_deref().unwrap_or("")),
            e.month.map(|m| m.to_string()).unwrap_or_default(),
            e.status.name().to_string(),
            e.people.to_string(),
            number(e.ssi),
            number(e.ssi_change),
            e.weakest_component.unwrap_or("").to_string(),
            e.alerts.to_string(),
            e.alert_kinds.join(" "),
            e.rejected_rows.to_string(),
            e.folder.clone().unwrap_or_default(),
            text(e.problem.as_deref().unwrap_or("")),
            e.data_through.map(|d| d.to_string()).unwrap_or_default(),
            e.latest_snapshot.map(|d| d.to_string()).unwrap_or_default(),
            e.stale.to_string(),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| err(csv::Error::from(e.into_error())))
}

#[derive(Serialize)]
struct IndexJson<'a> {
    schema: &'static str,
    each: &'a str,
    inputs: usize,
    files_not_used: usize,
    written: usize,
    no_report: usize,
    failed: usize,
    reports: &'a [Entry],
}

/// index.json: the counts and every entry, in index order.
pub fn json(entries: &[Entry], scope: Scope<'_>) -> Result<Vec<u8>, RenderError> {
    let doc = IndexJson {
        schema: INDEX_SCHEMA,
        each: scope.each,
        inputs: scope.units,
        files_not_used: scope.files_not_used,
        written: count(entries, Status::Written),
        no_report: count(entries, Status::NoReport),
        failed: count(entries, Status::Failed),
        reports: entries,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(report: &str, status: Status, alerts: usize, change: Option<f64>) -> Entry {
        Entry {
            ssi_decimals: 0,
            data_through: None,
            latest_snapshot: chrono::NaiveDate::from_ymd_opt(2026, 10, 26),
            stale: false,
            report: report.into(),
            person: Some(report.into()),
            month: Some("2026-10".parse().unwrap()),
            status,
            people: 1,
            ssi: Some(60.0),
            ssi_change: change,
            weakest_component: Some("Engage with insights"),
            alerts,
            alert_kinds: vec!["ssi_drop"; alerts.min(1)],
            rejected_rows: 0,
            folder: Some(format!("{report}/2026-10")),
            problem: None,
        }
    }

    fn split_by(each: &str, units: usize) -> Scope<'_> {
        Scope {
            each,
            units,
            files_not_used: 0,
        }
    }

    #[test]
    fn the_index_says_what_the_batch_was_split_by() {
        assert_eq!(split(split_by("group", 3)), "3 groups");
        assert_eq!(split(split_by("folder", 1)), "1 client folder");
        assert_eq!(split(split_by("person", 2)), "2 people");
        assert_eq!(split(split_by("none", 1)), "all inputs together");
    }

    #[test]
    fn failures_first_then_most_alerts_then_largest_fall() {
        let mut rows = vec![
            entry("a", Status::Written, 0, Some(-5.0)),
            entry("b", Status::Written, 2, Some(1.0)),
            entry("c", Status::NoReport, 0, None),
            entry("d", Status::Written, 2, Some(-3.0)),
            entry("e", Status::Failed, 0, None),
            entry("f", Status::Written, 0, None),
            entry("g", Status::Written, 0, Some(4.0)),
        ];
        sort(&mut rows);
        let order: Vec<&str> = rows.iter().map(|e| e.report.as_str()).collect();
        assert_eq!(order, ["e", "d", "b", "a", "g", "f", "c"]);
    }

    #[test]
    fn links_point_at_the_format_of_the_index() {
        let rows = vec![entry("ann", Status::Written, 1, Some(-2.0))];
        let scope = split_by("person", 1);
        let md = markdown(&rows, scope, "md");
        assert!(
            md.contains("| [ann](ann/2026-10/report.md) | 2026-10 | 1 | 2026-10-26 | 60 | -2 | Engage with insights | 1 (ssi drop) | 0 |"),
            "{md}"
        );
        let html = markdown(&rows, scope, "html");
        assert!(html.contains("(ann/2026-10/report.html)"));
    }

    #[test]
    fn a_month_in_progress_is_marked_in_the_index() {
        let mut ann = entry("ann", Status::Written, 1, Some(-2.0));
        ann.month = Some("2026-11".parse().unwrap());
        ann.data_through = chrono::NaiveDate::from_ymd_opt(2026, 11, 16);
        let md = markdown(std::slice::from_ref(&ann), split_by("person", 1), "md");
        assert!(md.contains("| 2026-11 (in progress, to 16 Nov) |"), "{md}");
        let table = String::from_utf8(csv(&[ann]).unwrap()).unwrap();
        assert!(table
            .lines()
            .next()
            .unwrap()
            .ends_with(",data_through,latest_snapshot,stale"));
        assert!(
            table
                .lines()
                .nth(1)
                .unwrap()
                .ends_with(",2026-11-16,2026-10-26,false"),
            "{table}"
        );
    }

    #[test]
    fn a_clients_row_names_the_client_and_marks_stale_data() {
        // A report per file: the client's name leads, the file follows; stale data are marked.
        let mut client = entry("clients/Sam Rivera.csv", Status::Written, 1, Some(-2.0));
        client.person = Some("Sam Rivera".into());
        client.latest_snapshot = chrono::NaiveDate::from_ymd_opt(2026, 10, 5);
        client.stale = true;
        let md = markdown(&[client], split_by("file", 1), "md");
        assert!(
            md.contains("| [Sam Rivera](clients/Sam Rivera.csv/2026-10/report.md) (from clients/Sam Rivera.csv) | 2026-10 | 1 | 2026-10-05 (stale) |"),
            "{md}"
        );
    }

    #[test]
    fn failures_are_listed_first_and_months_without_a_report_last() {
        let mut failed = entry("bad.xlsx", Status::Failed, 0, None);
        failed.month = None;
        let rows = vec![
            failed,
            entry("ann", Status::Written, 0, Some(1.0)),
            entry("bob", Status::NoReport, 0, None),
        ];
        // Three input files: one unreadable, one with a report, one with no snapshot in the month.
        let md = markdown(&rows, split_by("file", 3), "md");
        assert!(
            md.contains("1 report for October 2026, from 3 input files. **1 input failed** (listed first, with the reason). 1 month has no report (listed last).\n\n"),
            "{md}"
        );
        let failed_at = md.find("| bad.xlsx | — | failed |\n").expect("failure row");
        let reports_at = md.find("## Reports").expect("reports");
        let none_at = md.find("| bob | 2026-10 |  |\n").expect("no-report row");
        assert!(failed_at < reports_at && reports_at < none_at, "{md}");
    }

    #[test]
    fn csv_cells_are_neutralised_and_numbers_stay_numbers() {
        let mut e = entry("=HYPERLINK(\"x\")", Status::Written, 0, Some(-1.5));
        e.person = None;
        let text = String::from_utf8(csv(&[e]).unwrap()).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("\"'=HYPERLINK"), "{row}");
        assert!(row.contains(",-1.5,"), "{row}");
    }
}
