//! Turns one sheet's cell grid into typed rows: finds the header row, maps each column through the alias
//! table, classifies the sheet (SSI snapshots, activity, both, or ignored with a reason), and converts every
//! data row, so that each row is used, skipped as blank or as a summary row, or rejected with a reason.

use super::grid::{Cell, Location, Sheet};
use super::headers::{self, Canonical, HeaderMap};
use super::values::{self, DateOrder, OrderEvidence};
use crate::model::records::{ActivityRow, ActivityTable, RowOrigin, SsiRow};
use crate::model::schema::{self, SsiColumn, SsiValues};
use crate::model::validate;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Words that make a row label a summary ("Average", "Grand total", "Team average").
const SUMMARY_WORDS: [&str; 14] = [
    "average",
    "avg",
    "total",
    "totals",
    "subtotal",
    "mean",
    "sum",
    "median",
    "overall",
    "média",
    "media",
    "soma",
    "mediana",
    "subtotais",
];

/// Words that may stand beside a summary word in its label ("Team average", "Grand total").
const SUMMARY_QUALIFIERS: [&str; 9] = [
    "team", "group", "grand", "all", "everyone", "overall", "geral", "equipe", "da",
];

pub use crate::model::quality::TableKind;

/// Where a source column goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnMapping {
    /// Column letters in the sheet (A, B, ...).
    pub column: String,
    /// The header text as written.
    pub header: String,
    /// The canonical column, `None` when ignored.
    pub canonical: Option<String>,
    /// Why an unmapped column is ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// Where the problem is.
    pub location: Location,
    /// The offending cell as written (empty when the whole row is at fault).
    pub raw: String,
    /// What is wrong.
    pub reason: String,
}

/// Why a row was skipped rather than used or rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum SkipReason {
    /// Nothing in the row.
    Blank,
    /// A summary row under the data ("Average", "Total").
    Summary,
    /// The same values as another row, which is used.
    Duplicate(String),
    /// A long-layout row whose metric is known to carry nothing to analyse.
    Ignored,
    /// A date with no values yet (a template row filled in ahead).
    NoValues,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Blank => write!(f, "blank row"),
            SkipReason::Summary => write!(f, "summary row"),
            SkipReason::Duplicate(of) => write!(f, "duplicate of {of}, which is used"),
            SkipReason::Ignored => write!(f, "a metric with nothing to analyse"),
            SkipReason::NoValues => write!(f, "a date with no values yet"),
        }
    }
}

/// A row that was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    /// The row; the first of a run of blank rows.
    pub location: Location,
    /// How many rows: 1, or the length of a run of consecutive blank rows (kept as one entry, since a
    /// sheet can hold a million of them between two cells).
    pub rows: u32,
    /// The row's first text, e.g. the summary label.
    pub raw: String,
    /// Why.
    pub reason: SkipReason,
}

/// What reading one sheet found: the shape of the table and the fate of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetFindings {
    /// Table classification.
    pub kind: TableKind,
    /// Why the sheet is ignored (for `TableKind::Ignored`).
    pub ignored_reason: Option<String>,
    /// 1-based header row.
    pub header_row: Option<u32>,
    /// Column mappings, in sheet order.
    pub columns: Vec<ColumnMapping>,
    /// Rows below the header, up to the last non-blank one.
    pub rows_read: usize,
    /// Rows that gave an SSI snapshot, activity, or both.
    pub rows_used: usize,
    /// Rows that gave an SSI snapshot.
    pub ssi_rows: usize,
    /// Rows that gave activity.
    pub activity_rows: usize,
    /// Rows skipped as summary rows ("Average", "Total"); they are also in `skipped`.
    pub summary_rows: usize,
    /// Rows rejected, with reasons.
    pub rejections: Vec<Rejection>,
    /// Rows skipped (blank, summary, duplicate), with reasons.
    pub skipped: Vec<Skip>,
    /// Things the reader had to assume, one sentence each.
    pub notes: Vec<String>,
    /// For a sheet ignored for want of a header: the headers of the row that looks most like one and that
    /// nothing recognises (what a column mapping would need).
    pub unrecognised_headers: Vec<String>,
    /// People found.
    pub people: BTreeSet<String>,
    /// First and last date used.
    pub date_range: Option<(NaiveDate, NaiveDate)>,
}

impl SheetFindings {
    /// Rows skipped, counting each row of a blank run.
    pub fn rows_skipped(&self) -> usize {
        self.skipped.iter().map(|k| k.rows as usize).sum()
    }

    /// Findings with nothing found yet (an ignored table with no rows).
    pub fn empty() -> SheetFindings {
        SheetFindings {
            kind: TableKind::Ignored,
            ignored_reason: None,
            header_row: None,
            columns: Vec::new(),
            rows_read: 0,
            rows_used: 0,
            ssi_rows: 0,
            activity_rows: 0,
            summary_rows: 0,
            rejections: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
            unrecognised_headers: Vec::new(),
            people: BTreeSet::new(),
            date_range: None,
        }
    }
}

/// Why rows counted as used are taken back.
#[derive(Debug, Clone, PartialEq)]
pub enum Withdrawal {
    /// They repeat the row at this place, which is used: skipped.
    Duplicate(String),
    /// Rows elsewhere give the same person and date differently: rejected, with this reason.
    Conflict(String),
}

/// A row counted as used that a later stage takes back.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawn<'a> {
    /// The sheet it is on (`None` for text files).
    pub sheet: Option<&'a str>,
    /// Its input lines: the row's own, then those folded into it.
    pub lines: Vec<u32>,
    /// Whether it was counted as a snapshot.
    pub snapshot: bool,
    /// Whether it was counted as activity.
    pub activity: bool,
    /// Why it is taken back.
    pub why: Withdrawal,
}

impl SheetFindings {
    /// Takes back a row counted as used so that the accounting still balances: its lines leave the used
    /// counts and are listed as skipped (a duplicate) or rejected (a conflict).
    pub fn withdraw(&mut self, row: Withdrawn<'_>) {
        self.rows_used = self.rows_used.saturating_sub(row.lines.len());
        self.ssi_rows = self.ssi_rows.saturating_sub(usize::from(row.snapshot));
        self.activity_rows = self.activity_rows.saturating_sub(usize::from(row.activity));
        for line in row.lines {
            let location = Location::whole_row(row.sheet.map(str::to_string), line);
            match &row.why {
                Withdrawal::Duplicate(of) => self.skipped.push(Skip {
                    location,
                    rows: 1,
                    raw: String::new(),
                    reason: SkipReason::Duplicate(of.clone()),
                }),
                Withdrawal::Conflict(reason) => self.rejections.push(Rejection {
                    location,
                    raw: String::new(),
                    reason: reason.clone(),
                }),
            }
        }
    }
}

/// The rows one sheet contributes.
#[derive(Debug, Clone, Default)]
pub struct SheetRows {
    /// SSI snapshots.
    pub ssi: Vec<SsiRow>,
    /// Activity, when the sheet has activity columns.
    pub activity: Option<ActivityTable>,
}

/// What a sheet is read with besides its cells.
#[derive(Debug, Clone, Copy)]
pub struct SheetContext<'a> {
    /// The person for rows when the sheet has no person column.
    pub default_person: &'a str,
    /// The index this sheet gets in the run's list of sources.
    pub source: usize,
    /// The 1-based file line of each grid row, for text files (sheets use grid offsets).
    pub row_numbers: Option<&'a [u32]>,
    /// Day/month order for date columns whose values do not settle it.
    pub date_order: Option<DateOrder>,
    /// How headers map to canonical columns.
    pub headers: &'a HeaderMap,
    /// Rows dated after this day are rejected as being in the future.
    pub as_of: Option<NaiveDate>,
    /// The decimal separator to assume when the table's numbers do not show it (a `;`-separated text
    /// file writes decimal commas).
    pub decimal_comma_hint: Option<bool>,
}

/// A column's role once the header is known.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Person,
    Date,
    Ssi(SsiColumn),
    Metric(usize),
    MetricName,
    Value,
    Section,
    Skip,
}

/// Reads one sheet. `default_person` names the person when the sheet has no person column;
/// `row_numbers` gives the 1-based file line of each grid row for text files (sheets use grid offsets).
pub fn read_sheet(sheet: &Sheet, ctx: &SheetContext<'_>) -> (SheetFindings, SheetRows) {
    let SheetContext {
        default_person,
        source,
        row_numbers,
        date_order,
        headers,
        as_of,
        decimal_comma_hint,
    } = *ctx;
    let grid = &sheet.grid;
    let mut findings = SheetFindings::empty();
    let row_number = |i: usize| -> u32 {
        match row_numbers {
            Some(lines) => lines.get(i).copied().unwrap_or(i as u32 + 1),
            None => grid.first_row + i as u32 + 1,
        }
    };
    if sheet.hidden {
        findings.ignored_reason = Some("hidden sheet".into());
        return (findings, SheetRows::default());
    }
    if grid.rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        findings.ignored_reason = Some("empty".into());
        return (findings, SheetRows::default());
    }
    let Some(header_idx) = find_header(grid, headers) else {
        findings.ignored_reason = Some(no_header_reason(grid, headers));
        findings.unrecognised_headers = likely_header(grid)
            .into_iter()
            .filter(|h| headers.lookup(h).is_none())
            .collect();
        return (findings, SheetRows::default());
    };
    findings.header_row = Some(row_number(header_idx));

    // Map the columns.
    let header_cells = &grid.rows[header_idx];
    let data_rows = &grid.rows[header_idx + 1..];
    let mut roles = Vec::with_capacity(header_cells.len());
    let mut seen: Vec<String> = Vec::new();
    let mut metrics: Vec<String> = Vec::new();
    let mut has_ssi = false;
    let mut unknown = Vec::new();
    for (c, cell) in header_cells.iter().enumerate() {
        let header = cell.as_label();
        let letters = super::grid::column_letters(grid.first_col + c as u32);
        let (role, canonical, note) = match headers.lookup(&header) {
            Some(canon) if canon.name().is_some_and(|n| seen.iter().any(|s| s == n)) => (
                Role::Skip,
                None,
                Some(format!(
                    "a second '{}' column; the first one is used",
                    canon.name().unwrap_or_default()
                )),
            ),
            Some(Canonical::Person) => (Role::Person, Some(schema::PERSON.to_string()), None),
            Some(Canonical::Date) => (Role::Date, Some(schema::DATE.to_string()), None),
            Some(Canonical::Ssi(column)) => {
                has_ssi = true;
                (Role::Ssi(column), Some(column.key().to_string()), None)
            }
            Some(Canonical::Metric(name)) => {
                metrics.push(name.to_string());
                (
                    Role::Metric(metrics.len() - 1),
                    Some(name.to_string()),
                    None,
                )
            }
            Some(Canonical::Custom(name)) => {
                metrics.push(name.clone());
                (
                    Role::Metric(metrics.len() - 1),
                    Some(name),
                    Some("mapped by you".to_string()),
                )
            }
            Some(Canonical::Ignore) => (
                Role::Skip,
                None,
                Some("known column with nothing to analyse".into()),
            ),
            Some(Canonical::MetricName) => {
                (Role::MetricName, Some("metric_name".to_string()), None)
            }
            Some(Canonical::Value) => (Role::Value, Some("value".to_string()), None),
            Some(Canonical::Section) => (Role::Section, Some("section".to_string()), None),
            None if header.is_empty() => {
                let note = (!column_is_blank(data_rows, c)).then(|| "no header".to_string());
                (Role::Skip, None, note)
            }
            None => {
                unknown.push(c);
                (Role::Skip, None, None)
            }
        };
        if let Some(name) = &canonical {
            seen.push(name.clone());
        }
        roles.push(role);
        findings.columns.push(ColumnMapping {
            column: letters,
            header,
            canonical,
            note,
        });
    }
    // Unknown numeric columns count as activity metrics when the sheet already logs activity.
    let has_known_metrics = !metrics.is_empty();
    for c in unknown {
        let header = findings.columns[c].header.clone();
        if has_known_metrics && column_is_numeric(data_rows, c) {
            let name = schema::metric_name(&header);
            if metrics.contains(&name) || name.is_empty() {
                findings.columns[c].note = Some("duplicate metric name".into());
                continue;
            }
            metrics.push(name.clone());
            roles[c] = Role::Metric(metrics.len() - 1);
            findings.columns[c].canonical = Some(name);
            findings.columns[c].note = Some("unknown numeric column kept as a metric".into());
        } else {
            findings.columns[c].note = Some(if has_known_metrics {
                "unknown column, not numeric".into()
            } else {
                "unknown column".into()
            });
        }
    }

    findings.kind = match (has_ssi, !metrics.is_empty()) {
        (true, true) => TableKind::SsiAndActivity,
        (true, false) => TableKind::Ssi,
        (false, true) => TableKind::Activity,
        (false, false) => TableKind::Ignored,
    };

    let date_col = roles.iter().position(|r| matches!(r, Role::Date));
    let person_col = roles.iter().position(|r| matches!(r, Role::Person));
    let long_cols = (
        roles.iter().position(|r| matches!(r, Role::MetricName)),
        roles.iter().position(|r| matches!(r, Role::Value)),
    );
    if let (Some(_), Some(_), Some(_)) = (date_col, long_cols.0, long_cols.1) {
        findings.kind = TableKind::Ssi;
    }
    let Some(date_col) = date_col else {
        findings.kind = TableKind::Ignored;
        findings.ignored_reason = Some("no date column".into());
        return (findings, SheetRows::default());
    };
    let order = match values::detect_date_order(data_rows.iter().filter_map(|r| r.get(date_col))) {
        OrderEvidence::Settled(order) => order,
        OrderEvidence::NotNeeded => DateOrder::MonthFirst,
        OrderEvidence::Ambiguous => {
            let order = date_order.unwrap_or(DateOrder::MonthFirst);
            if date_order.is_none() {
                findings.notes.push(format!(
                    "column {} ('{}'): no date in it shows whether it is day/month or month/day; read as month first (set --date-order day-first if that is wrong)",
                    findings.columns[date_col].column, findings.columns[date_col].header
                ));
            }
            order
        }
    };
    let decimal_comma =
        values::detect_decimal_comma(data_rows.iter().flatten()).or(decimal_comma_hint);
    if let (Some(metric_col), Some(value_col)) = long_cols {
        let layout = LongLayout {
            date_col,
            person_col,
            metric_col,
            value_col,
            section_col: roles.iter().position(|r| matches!(r, Role::Section)),
            order,
        };
        let rows = read_long(
            sheet,
            ctx,
            &layout,
            header_idx,
            decimal_comma,
            &mut findings,
        );
        return (findings, rows);
    }
    let fraction_ranks: Vec<bool> = roles
        .iter()
        .enumerate()
        .map(|(c, role)| match role {
            Role::Ssi(column) if column.is_rank() => ranks_are_fractions(data_rows, c),
            _ => false,
        })
        .collect();

    let mut rows = SheetRows {
        ssi: Vec::new(),
        activity: (!metrics.is_empty()).then(|| ActivityTable {
            metrics: metrics.clone(),
            rows: Vec::new(),
        }),
    };
    let header_text = |c: usize| findings.columns.get(c).map(|m| m.header.clone());
    let mut rejections = Vec::new();
    let last_data_row = data_rows
        .iter()
        .rposition(|r| !r.iter().all(Cell::is_blank))
        .map_or(0, |i| i + 1);
    for (offset, cells) in data_rows[..last_data_row].iter().enumerate() {
        findings.rows_read += 1;
        let grid_idx = header_idx + 1 + offset;
        let line = row_number(grid_idx);
        let at = |c: usize| Location {
            sheet: sheet.name.clone(),
            row: line,
            col: Some(grid.first_col + c as u32),
            header: header_text(c),
        };
        let whole_row = Location {
            sheet: sheet.name.clone(),
            row: line,
            col: None,
            header: None,
        };
        let cell = |c: usize| cells.get(c).unwrap_or(&Cell::Empty);
        let reject = |c: usize, reason: String| Rejection {
            location: at(c),
            raw: cell(c).as_label(),
            reason,
        };
        if cells.iter().all(Cell::is_blank) {
            if let Some(run) = findings
                .skipped
                .last_mut()
                .filter(|k| k.reason == SkipReason::Blank && k.location.row + k.rows == line)
            {
                run.rows += 1;
                continue;
            }
            findings.skipped.push(Skip {
                rows: 1,
                location: whole_row,
                raw: String::new(),
                reason: SkipReason::Blank,
            });
            continue;
        }
        if is_summary_row(cells) {
            findings.summary_rows += 1;
            findings.skipped.push(Skip {
                rows: 1,
                location: whole_row,
                raw: first_text(cells),
                reason: SkipReason::Summary,
            });
            continue;
        }
        let date = match row_date(cell(date_col), order, sheet.date_1904) {
            Ok(d) => d,
            Err(reason) => {
                rejections.push(reject(date_col, reason));
                continue;
            }
        };
        let has_any_value = roles
            .iter()
            .enumerate()
            .any(|(c, r)| matches!(r, Role::Ssi(_) | Role::Metric(_)) && !cell(c).is_blank());
        if !has_any_value {
            // A template row filled in ahead (a date, nothing else yet) is skipped, not an error.
            findings.skipped.push(Skip {
                rows: 1,
                location: whole_row,
                raw: cell(date_col).as_label(),
                reason: SkipReason::NoValues,
            });
            continue;
        }
        if let Some(reason) = future_reason(date, as_of) {
            rejections.push(reject(date_col, reason));
            continue;
        }
        let person = match row_person(cells, person_col, default_person) {
            Ok(p) => p,
            Err((col, reason)) => {
                rejections.push(reject(col, reason));
                continue;
            }
        };
        let mut ssi_values = SsiValues::default();
        let mut metric_values = vec![None; metrics.len()];
        let mut problem = None;
        for (c, role) in roles.iter().enumerate() {
            let slot = match role {
                Role::Ssi(column) => &mut ssi_values[*column],
                Role::Metric(i) => &mut metric_values[*i],
                _ => continue,
            };
            match values::parse_number_cell_with(cell(c), decimal_comma) {
                Ok(Some(n)) => {
                    let scale = if fraction_ranks[c] && !n.percent {
                        100.0
                    } else {
                        1.0
                    };
                    // Rounded so 0.07 * 100 reads 7, not 7.000000000000001.
                    *slot = Some(if scale == 1.0 {
                        n.value
                    } else {
                        (n.value * scale * 1e9).round() / 1e9
                    });
                }
                Ok(None) => {}
                Err(reason) => {
                    problem = Some((c, reason));
                    break;
                }
            }
        }
        if problem.is_none() {
            for (c, role) in roles.iter().enumerate() {
                if let Role::Metric(i) = role {
                    if let Some(v) = metric_values[*i] {
                        if let Err(reason) = validate::validate_activity(&metrics[*i], v) {
                            problem = Some((c, reason));
                            break;
                        }
                    }
                }
            }
        }
        let has_ssi_values = !ssi_values.is_empty();
        if problem.is_none() && has_ssi_values {
            for warning in validate::drop_bad_peers(&mut ssi_values) {
                findings.notes.push(format!("row {line}: {warning}"));
            }
            if let Err(v) = validate::validate_ssi(&mut ssi_values) {
                let col = roles
                    .iter()
                    .position(|r| *r == Role::Ssi(v.column))
                    .unwrap_or(date_col);
                problem = Some((col, v.reason));
            }
        }
        if let Some((c, reason)) = problem {
            rejections.push(reject(c, reason));
            continue;
        }
        let has_metric_values = metric_values.iter().any(Option::is_some);
        if !has_ssi_values && !has_metric_values {
            // A template row filled in ahead (a date, nothing else yet) is skipped, not an error.
            findings.skipped.push(Skip {
                rows: 1,
                location: whole_row,
                raw: cell(date_col).as_label(),
                reason: SkipReason::NoValues,
            });
            continue;
        }
        let origin = RowOrigin { source, row: line };
        if has_ssi_values {
            if ssi_values[SsiColumn::Ssi].is_none() {
                rejections.push(reject(date_col, missing_total(&ssi_values)));
                continue;
            }
            findings.ssi_rows += 1;
            for warning in validate::peer_total_warnings(&ssi_values) {
                findings.notes.push(format!("row {line}: {warning}"));
            }
            rows.ssi.push(SsiRow {
                person: person.clone(),
                date,
                values: ssi_values,
                origin,
                also: Vec::new(),
            });
        }
        if has_metric_values {
            if let Some(table) = rows.activity.as_mut() {
                findings.activity_rows += 1;
                table.rows.push(ActivityRow {
                    person: person.clone(),
                    date,
                    values: metric_values,
                    origin,
                    also: Vec::new(),
                });
            }
        }
        findings.rows_used += 1;
        findings.date_range = Some(match findings.date_range {
            None => (date, date),
            Some((a, b)) => (a.min(date), b.max(date)),
        });
        findings.people.insert(person);
    }
    findings.rejections = rejections;
    if findings.kind == TableKind::Ignored {
        findings.ignored_reason = Some("no SSI or activity columns".into());
    }
    (findings, rows)
}

/// Why a snapshot without a total is rejected.
fn missing_total(values: &SsiValues) -> String {
    if values
        .iter()
        .all(|(column, v)| column.peers().is_some() || v.is_none())
    {
        "industry or network averages without the person's own SSI: they are read beside the person's own snapshot of the same date".into()
    } else {
        "no SSI total and not all four components to add up".into()
    }
}

/// Scores each of the first rows as a header: the number of recognised columns, requiring a date column
/// and at least one SSI or activity column. Returns the best row's index.
fn find_header(grid: &super::grid::Grid, headers: &HeaderMap) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let found: Vec<Canonical> = row
            .iter()
            .filter_map(|c| match c {
                Cell::Text(t) => headers.lookup(t),
                _ => None,
            })
            .collect();
        let has_date = found.contains(&Canonical::Date);
        let long = found.contains(&Canonical::MetricName) && found.contains(&Canonical::Value);
        let has_values = found.iter().any(Canonical::is_value);
        if has_date && (has_values || long) && best.is_none_or(|(_, score)| found.len() > score) {
            best = Some((i, found.len()));
        }
    }
    best.map(|(i, _)| i)
}

/// A row's date from its date cell; the reason when there is none.
fn row_date(cell: &Cell, order: DateOrder, date_1904: bool) -> Result<NaiveDate, String> {
    values::parse_date_cell(cell, order, date_1904)?.ok_or_else(|| "no date".to_string())
}

/// Why a date after the `--as-of` cut-off is rejected, if it is after it.
pub fn future_reason(date: NaiveDate, as_of: Option<NaiveDate>) -> Option<String> {
    as_of.filter(|limit| date > *limit).map(|limit| {
        format!("{date} is in the future (after {limit}; set --as-of to change the cut-off)")
    })
}

/// A row's person: its person cell, else the sheet's default; the column and reason when the cell is blank.
fn row_person(
    cells: &[Cell],
    person_col: Option<usize>,
    default_person: &str,
) -> Result<String, (usize, String)> {
    match person_col {
        Some(pc) => match cells.get(pc).map(Cell::as_label).unwrap_or_default() {
            p if p.is_empty() => Err((pc, "no person name".into())),
            p => Ok(p),
        },
        None => Ok(default_person.to_string()),
    }
}

/// Where the columns of a long layout (person?, date, metric, value) are.
struct LongLayout {
    date_col: usize,
    person_col: Option<usize>,
    metric_col: usize,
    value_col: usize,
    /// Whose values each row holds (own, industry or network), when the layout says.
    section_col: Option<usize>,
    order: DateOrder,
}

/// One parsed row of a long layout, waiting for its (person, date) group.
struct LongEntry {
    line: u32,
    target: Canonical,
    value: f64,
    percent: bool,
    raw: String,
}

/// Reads a long layout: each row gives one metric's value for a person and date; rows are grouped by
/// (person, date) into one snapshot and one activity row. A row is rejected when its metric is unknown,
/// its value is not a number, it repeats a metric of its group with another value, or its group fails
/// validation (then every row of the group is rejected with the reason).
fn read_long(
    sheet: &Sheet,
    ctx: &SheetContext<'_>,
    layout: &LongLayout,
    header_idx: usize,
    decimal_comma: Option<bool>,
    findings: &mut SheetFindings,
) -> SheetRows {
    let grid = &sheet.grid;
    let row_number = |i: usize| -> u32 {
        match ctx.row_numbers {
            Some(lines) => lines.get(i).copied().unwrap_or(i as u32 + 1),
            None => grid.first_row + i as u32 + 1,
        }
    };
    let header_of = |c: usize| findings.columns.get(c).map(|m| m.header.clone());
    let data_rows = &grid.rows[header_idx + 1..];
    let last = data_rows
        .iter()
        .rposition(|r| !r.iter().all(Cell::is_blank))
        .map_or(0, |i| i + 1);
    let mut groups: BTreeMap<(String, NaiveDate), Vec<LongEntry>> = BTreeMap::new();
    let mut rejections = Vec::new();
    let mut skipped = Vec::new();
    let mut summary_rows = 0;
    for (offset, cells) in data_rows[..last].iter().enumerate() {
        findings.rows_read += 1;
        let line = row_number(header_idx + 1 + offset);
        let cell = |c: usize| cells.get(c).unwrap_or(&Cell::Empty);
        let at = |c: Option<usize>| Location {
            sheet: sheet.name.clone(),
            row: line,
            col: c.map(|c| grid.first_col + c as u32),
            header: c.and_then(header_of),
        };
        let reject = |c: usize, reason: String| Rejection {
            location: at(Some(c)),
            raw: cell(c).as_label(),
            reason,
        };
        if cells.iter().all(Cell::is_blank) {
            skipped.push(Skip {
                rows: 1,
                location: at(None),
                raw: String::new(),
                reason: SkipReason::Blank,
            });
            continue;
        }
        if is_summary_row(cells) {
            summary_rows += 1;
            skipped.push(Skip {
                rows: 1,
                location: at(None),
                raw: first_text(cells),
                reason: SkipReason::Summary,
            });
            continue;
        }
        let date = match row_date(cell(layout.date_col), layout.order, sheet.date_1904) {
            Ok(d) => d,
            Err(reason) => {
                rejections.push(reject(layout.date_col, reason));
                continue;
            }
        };
        if let Some(reason) = future_reason(date, ctx.as_of) {
            rejections.push(reject(layout.date_col, reason));
            continue;
        }
        let person = match row_person(cells, layout.person_col, ctx.default_person) {
            Ok(p) => p,
            Err((col, reason)) => {
                rejections.push(reject(col, reason));
                continue;
            }
        };
        let name = cell(layout.metric_col).as_label();
        // Under a peer section, the same labels name the peers' values, never the person's own.
        let peers = layout
            .section_col
            .and_then(|c| super::headers::section_peers(&cell(c).as_label(), ctx.headers));
        let target = match ctx.headers.lookup(&name) {
            Some(t @ (Canonical::Ssi(_) | Canonical::Metric(_) | Canonical::Custom(_))) => {
                super::headers::under_section(t, peers)
            }
            Some(Canonical::Ignore) => {
                skipped.push(Skip {
                    rows: 1,
                    location: at(Some(layout.metric_col)),
                    raw: name,
                    reason: SkipReason::Ignored,
                });
                continue;
            }
            _ => {
                let reason = format!(
                    "unknown metric '{name}'; map it with --column \"{name}=NAME\" or in ssi-pulse.toml"
                );
                rejections.push(reject(layout.metric_col, reason));
                continue;
            }
        };
        let number = match values::parse_number_cell_with(cell(layout.value_col), decimal_comma) {
            Ok(Some(n)) => n,
            Ok(None) => {
                rejections.push(reject(layout.value_col, "no value".into()));
                continue;
            }
            Err(reason) => {
                rejections.push(reject(layout.value_col, reason));
                continue;
            }
        };
        groups.entry((person, date)).or_default().push(LongEntry {
            line,
            target,
            value: number.value,
            percent: number.percent,
            raw: cell(layout.value_col).as_label(),
        });
    }
    // Ranks written as fractions: every plain value of that rank at most 1, one below 1.
    let fraction = |column: SsiColumn| {
        let plain: Vec<f64> = groups
            .values()
            .flatten()
            .filter(|e| e.target == Canonical::Ssi(column) && !e.percent)
            .map(|e| e.value)
            .collect();
        plain.iter().all(|v| *v <= 1.0) && plain.iter().any(|v| *v < 1.0)
    };
    let fraction_ranks: Vec<SsiColumn> = [SsiColumn::IndustryRankPct, SsiColumn::NetworkRankPct]
        .into_iter()
        .filter(|c| fraction(*c))
        .collect();
    let mut metrics: Vec<String> = Vec::new();
    for e in groups.values().flatten() {
        if let Some(name) = metric_of(&e.target) {
            if !metrics.contains(&name) {
                metrics.push(name);
            }
        }
    }
    let mut out = SheetRows {
        ssi: Vec::new(),
        activity: (!metrics.is_empty()).then(|| ActivityTable {
            metrics: metrics.clone(),
            rows: Vec::new(),
        }),
    };
    let whole = |line: u32| Location {
        sheet: sheet.name.clone(),
        row: line,
        col: Some(grid.first_col + layout.value_col as u32),
        header: header_of(layout.value_col),
    };
    for ((person, date), entries) in groups {
        let mut ssi = SsiValues::default();
        let mut activity = vec![None; metrics.len()];
        let mut conflict = None;
        for e in &entries {
            let (slot, value) = match &e.target {
                Canonical::Ssi(column) => {
                    let scaled = if fraction_ranks.contains(column) && !e.percent {
                        (e.value * 100.0 * 1e9).round() / 1e9
                    } else {
                        e.value
                    };
                    (&mut ssi[*column], scaled)
                }
                other => {
                    match metric_of(other).and_then(|m| metrics.iter().position(|x| *x == m)) {
                        Some(i) => (&mut activity[i], e.value),
                        None => continue,
                    }
                }
            };
            match *slot {
                Some(previous) if previous != value => {
                    conflict = Some(format!(
                        "{} is given twice for {person} on {date} ({previous} and {value})",
                        e.target.name().unwrap_or_default()
                    ));
                }
                _ => *slot = Some(value),
            }
        }
        let mut problem = conflict;
        if problem.is_none() {
            for (m, v) in metrics.iter().zip(&activity) {
                if let Some(v) = v {
                    if let Err(reason) = validate::validate_activity(m, *v) {
                        problem = Some(reason);
                    }
                }
            }
        }
        let has_ssi = !ssi.is_empty();
        if problem.is_none() && has_ssi {
            for warning in validate::drop_bad_peers(&mut ssi) {
                findings
                    .notes
                    .push(format!("{person} on {date}: {warning}"));
            }
            if let Err(v) = validate::validate_ssi(&mut ssi) {
                problem = Some(v.reason);
            } else if ssi[SsiColumn::Ssi].is_none() {
                problem = Some(missing_total(&ssi));
            }
        }
        if let Some(reason) = problem {
            for e in &entries {
                rejections.push(Rejection {
                    location: whole(e.line),
                    raw: e.raw.clone(),
                    reason: reason.clone(),
                });
            }
            continue;
        }
        let origin = RowOrigin {
            source: ctx.source,
            row: entries.first().map_or(0, |e| e.line),
        };
        let also: Vec<u32> = entries.iter().skip(1).map(|e| e.line).collect();
        let ssi_entries = entries
            .iter()
            .filter(|e| matches!(e.target, Canonical::Ssi(_)))
            .count();
        findings.rows_used += entries.len();
        findings.ssi_rows += ssi_entries;
        findings.activity_rows += entries.len() - ssi_entries;
        if has_ssi {
            for warning in validate::peer_total_warnings(&ssi) {
                findings
                    .notes
                    .push(format!("{person} on {date}: {warning}"));
            }
            out.ssi.push(SsiRow {
                person: person.clone(),
                date,
                values: ssi,
                origin,
                also: also.clone(),
            });
        }
        if activity.iter().any(Option::is_some) {
            if let Some(table) = out.activity.as_mut() {
                table.rows.push(ActivityRow {
                    person: person.clone(),
                    date,
                    values: activity,
                    origin,
                    also,
                });
            }
        }
        findings.date_range = Some(match findings.date_range {
            None => (date, date),
            Some((a, b)) => (a.min(date), b.max(date)),
        });
        findings.people.insert(person);
    }
    findings.kind = match (!out.ssi.is_empty(), out.activity.is_some()) {
        (true, true) => TableKind::SsiAndActivity,
        (false, true) => TableKind::Activity,
        _ => TableKind::Ssi,
    };
    findings.summary_rows += summary_rows;
    findings.rejections.extend(rejections);
    findings.skipped.extend(skipped);
    out
}

/// The activity metric a long-layout target names, if it is one.
fn metric_of(target: &Canonical) -> Option<String> {
    match target {
        Canonical::Metric(m) => Some(m.to_string()),
        Canonical::Custom(m) => Some(m.clone()),
        _ => None,
    }
}

/// The first row of at least two text cells, all of them text: the likeliest header of a sheet whose header
/// nothing recognised.
fn likely_header(grid: &super::grid::Grid) -> Vec<String> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find(|row| {
            let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
            filled.len() >= 2 && filled.iter().all(|c| matches!(c, Cell::Text(_)))
        })
        .map(|row| {
            row.iter()
                .filter(|c| !c.is_blank())
                .map(Cell::as_label)
                .collect()
        })
        .unwrap_or_default()
}

/// Explains why no header row was found.
fn no_header_reason(grid: &super::grid::Grid, headers: &HeaderMap) -> String {
    for (i, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let has_values = row
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if headers.lookup(t).is_some_and(|c| c.is_value())));
        if has_values {
            return format!(
                "row {} has SSI or activity headers but no date column; name it one of: {}",
                grid.first_row + i as u32 + 1,
                headers::spellings(schema::DATE).join(", ")
            );
        }
    }
    format!(
        "no header row with a date column and SSI or activity columns in the first {HEADER_SEARCH_ROWS} rows"
    )
}

/// A row whose first text is a summary label: made only of summary words and qualifiers, with at least
/// one summary word ("Average", "Total:", "Team average"; not "Max Total").
fn is_summary_row(cells: &[Cell]) -> bool {
    let Some(Cell::Text(label)) = cells.iter().find(|c| !c.is_blank()) else {
        return false;
    };
    let label = label.to_lowercase();
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| SUMMARY_WORDS.contains(w) || SUMMARY_QUALIFIERS.contains(w))
        && words.iter().any(|w| SUMMARY_WORDS.contains(w))
}

/// The first non-blank cell's text.
fn first_text(cells: &[Cell]) -> String {
    cells
        .iter()
        .find(|c| !c.is_blank())
        .map(Cell::as_label)
        .unwrap_or_default()
}

fn column_is_blank(rows: &[Vec<Cell>], c: usize) -> bool {
    rows.iter()
        .all(|r| r.get(c).is_none_or(|cell| cell.is_blank()))
}

/// A column is numeric when most of its non-blank cells read as numbers.
fn column_is_numeric(rows: &[Vec<Cell>], c: usize) -> bool {
    let mut numbers = 0usize;
    let mut total = 0usize;
    for cell in rows.iter().filter_map(|r| r.get(c)) {
        if cell.is_blank() {
            continue;
        }
        total += 1;
        if matches!(values::parse_number_cell(cell), Ok(Some(_))) {
            numbers += 1;
        }
    }
    total > 0 && numbers * 10 >= total * 8
}

/// Rank columns written as fractions (0.02 for "Top 2%"): every plain number in the column is at most 1
/// and one is below 1. A column of nothing but 1 reads as top 1%, the likelier meaning.
fn ranks_are_fractions(rows: &[Vec<Cell>], c: usize) -> bool {
    let mut below_one = false;
    for cell in rows.iter().filter_map(|r| r.get(c)) {
        if let Ok(Some(n)) = values::parse_number_cell(cell) {
            if n.percent {
                continue;
            }
            if n.value > 1.0 {
                return false;
            }
            below_one |= n.value < 1.0;
        }
    }
    below_one
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn n(v: f64) -> Cell {
        Cell::Number(v)
    }

    fn ctx(person: &str) -> SheetContext<'_> {
        SheetContext {
            default_person: person,
            source: 0,
            row_numbers: None,
            date_order: None,
            headers: &NO_MAPPINGS,
            as_of: None,
            decimal_comma_hint: None,
        }
    }

    static NO_MAPPINGS: std::sync::LazyLock<HeaderMap> =
        std::sync::LazyLock::new(HeaderMap::default);

    fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet::at_a1(Some("SSI".into()), rows)
    }

    #[test]
    fn finds_header_below_title_rows_and_reads_ranks() {
        let s = sheet(vec![
            vec![t("My SSI tracker")],
            vec![],
            vec![t("Date"), t("SSI"), t("Industry rank"), t("Network rank")],
            vec![t("2025-10-06"), n(61.0), t("Top 2%"), n(0.03)],
            vec![t("2025-10-13"), n(62.0), t("3%"), n(0.5 / 100.0)],
            vec![t("Average"), n(61.5)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("Alex"));
        assert_eq!(f.header_row, Some(3));
        assert_eq!(f.kind, TableKind::Ssi);
        assert_eq!(f.rows_read, 3);
        assert_eq!(f.summary_rows, 1);
        assert_eq!(f.rows_used, 2);
        assert_eq!(rows.ssi[0].values[SsiColumn::IndustryRankPct], Some(2.0));
        assert!((rows.ssi[0].values[SsiColumn::NetworkRankPct].unwrap() - 3.0).abs() < 1e-9);
        assert_eq!(rows.ssi[1].values[SsiColumn::IndustryRankPct], Some(3.0));
        assert!((rows.ssi[1].values[SsiColumn::NetworkRankPct].unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(rows.ssi[0].person, "Alex");
        assert_eq!(rows.ssi[0].origin.row, 4);
    }

    #[test]
    fn summary_rows_are_recognised_even_with_a_date() {
        let s = sheet(vec![
            vec![t("Person"), t("Date"), t("SSI")],
            vec![t("Ann"), t("2025-10-15"), n(54.0)],
            vec![t("Max Total"), t("2025-10-15"), n(60.0)],
            vec![t("Team average"), t("2025-10-15"), n(57.0)],
            vec![t("Grand total:"), Cell::Empty, n(114.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("x"));
        assert_eq!(f.summary_rows, 2);
        assert_eq!(rows.ssi.len(), 2);
        assert_eq!(rows.ssi[1].person, "Max Total");
    }

    #[test]
    fn a_rank_column_of_fractions_may_reach_one() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Industry rank"), t("Network rank")],
            vec![t("2025-10-06"), n(61.0), n(0.02), n(1.0)],
            vec![t("2025-10-13"), n(62.0), n(1.0), n(1.0)],
        ]);
        let (_, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(rows.ssi[0].values[SsiColumn::IndustryRankPct], Some(2.0));
        assert_eq!(rows.ssi[1].values[SsiColumn::IndustryRankPct], Some(100.0));
        // A column of nothing but 1 is top 1%.
        assert_eq!(rows.ssi[0].values[SsiColumn::NetworkRankPct], Some(1.0));
    }

    #[test]
    fn plain_rank_numbers_above_one_are_percent() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Industry rank")],
            vec![t("2025-10-06"), n(61.0), n(2.0)],
            vec![t("2025-10-13"), n(62.0), n(0.5)],
        ]);
        let (_, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(rows.ssi[0].values[SsiColumn::IndustryRankPct], Some(2.0));
        assert_eq!(rows.ssi[1].values[SsiColumn::IndustryRankPct], Some(0.5));
    }

    #[test]
    fn rejected_rows_name_row_column_and_reason() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Brand")],
            vec![t("2025-10-06"), n(61.0), n(26.0)],
            vec![t("not a date"), n(61.0), n(20.0)],
            vec![t("2025-10-20"), t("sixty"), n(20.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("A"));
        assert!(rows.ssi.is_empty());
        assert_eq!(f.rejections.len(), 3);
        assert_eq!(f.rejections[0].location.to_string(), "'SSI'!C2 ('Brand')");
        assert!(f.rejections[0].reason.contains("outside the valid range"));
        assert_eq!(f.rejections[1].location.col, Some(0));
        assert!(f.rejections[2].reason.contains("'sixty' is not a number"));
    }

    #[test]
    fn activity_sheet_keeps_unknown_numeric_columns() {
        let s = sheet(vec![
            vec![
                t("Week starting"),
                t("Posts"),
                t("Coffee chats"),
                t("Notes"),
            ],
            vec![t("2025-10-06"), n(2.0), n(14.0), t("conference")],
            vec![t("2025-10-13"), n(1.0), n(9.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(f.kind, TableKind::Activity);
        let table = rows.activity.unwrap();
        assert_eq!(table.metrics, vec!["posts", "coffee_chats"]);
        assert_eq!(table.rows[1].values, vec![Some(1.0), Some(9.0)]);
    }

    #[test]
    fn sheet_without_date_column_is_ignored_with_reason() {
        let s = sheet(vec![vec![t("SSI"), t("Brand")], vec![n(60.0), n(20.0)]]);
        let (f, _) = read_sheet(&s, &ctx("A"));
        assert_eq!(f.kind, TableKind::Ignored);
        assert!(f.ignored_reason.unwrap().contains("no date column"));
    }

    fn any_cell() -> impl proptest::strategy::Strategy<Value = Cell> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Cell::Empty),
            (-10.0f64..120.0).prop_map(|v| Cell::Number((v * 100.0).round() / 100.0)),
            (-5.0f64..30.0).prop_map(|v| Cell::Text(format!("{v:.2}"))),
            Just(Cell::Text("n/a".into())),
            Just(Cell::Text("Average".into())),
            Just(Cell::Text("oops".into())),
            Just(Cell::Error("#N/A".into())),
        ]
    }

    fn any_date() -> impl proptest::strategy::Strategy<Value = Cell> {
        use proptest::prelude::*;
        prop_oneof![
            (0u32..400).prop_map(|d| Cell::Text(
                (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(d as i64))
                    .to_string()
            )),
            Just(Cell::Text("2026-02-30".into())),
            Just(Cell::Text("Total".into())),
            Just(Cell::Empty),
        ]
    }

    proptest::proptest! {
        #[test]
        fn every_row_is_used_rejected_or_a_summary_row(
            rows in proptest::collection::vec(
                (any_date(), proptest::collection::vec(any_cell(), 0..6)),
                0..40,
            )
        ) {
            let mut grid = vec![vec![
                t("Date"), t("SSI"), t("Brand"), t("People"), t("Insights"), t("Relationships"),
            ]];
            for (date, cells) in rows {
                let mut row = vec![date];
                row.extend(cells);
                grid.push(row);
            }
            let (f, out) = read_sheet(&sheet(grid), &ctx("P"));
            proptest::prop_assert_eq!(f.rows_read, f.rows_used + f.rejections.len() + f.rows_skipped());
            proptest::prop_assert_eq!(f.ssi_rows, out.ssi.len());
            for row in &out.ssi {
                let total = row.values[SsiColumn::Ssi].unwrap();
                proptest::prop_assert!((0.0..=100.0).contains(&total));
                for c in row.values.components().iter().flatten() {
                    proptest::prop_assert!((0.0..=25.0).contains(c));
                }
                let parts: Option<Vec<f64>> = row.values.components().into_iter().collect();
                if let Some(parts) = parts {
                    proptest::prop_assert!((total - parts.iter().sum::<f64>()).abs() <= 1.0);
                }
            }
        }
    }
}
