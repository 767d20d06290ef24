//! `summary.json`, the stable machine contract (documented in docs/summary-schema.md). Field order is fixed
//! by the structs below; missing values are `null`, never 0.

use super::RenderError;
use crate::analysis::{Analysis, PersonMonth, Snapshot, CHANGE_COLUMNS};
use crate::model::quality::Quality;
use crate::model::schema::SSI_VALUE_COLUMNS;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The schema version; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON object with keys in a fixed order.
struct Ordered<'a>(Vec<(&'a str, Option<f64>)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct SnapshotJson<'a> {
    date: String,
    #[serde(flatten)]
    values: Ordered<'a>,
}

fn snapshot(s: &Snapshot) -> SnapshotJson<'static> {
    SnapshotJson {
        date: s.date.to_string(),
        values: Ordered(
            SSI_VALUE_COLUMNS
                .iter()
                .zip(s.values)
                .map(|(k, v)| (*k, v))
                .collect(),
        ),
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    month: String,
    generator: &'static str,
    inputs: Vec<InputJson<'a>>,
    metrics: &'a [String],
    people: Vec<PersonJson<'a>>,
    team: TeamJson,
    data_quality: QualityJson<'a>,
}

#[derive(Serialize)]
struct InputJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    table: &'static str,
    header_row: Option<u32>,
    rows_read: usize,
    rows_used: usize,
    ssi_rows: usize,
    activity_rows: usize,
    rows_rejected: usize,
    rows_skipped: usize,
    summary_rows: usize,
}

#[derive(Serialize)]
struct PersonJson<'a> {
    name: &'a str,
    month_end: SnapshotJson<'static>,
    previous_month_end: Option<SnapshotJson<'static>>,
    mom_change: Ordered<'static>,
    weakest_component: Option<&'static str>,
    snapshots_in_month: usize,
    activity_month: Ordered<'a>,
    activity_previous_month: Ordered<'a>,
}

#[derive(Serialize)]
struct TeamJson {
    people: usize,
    median: Ordered<'static>,
    median_change: Ordered<'static>,
}

#[derive(Serialize)]
struct QualityJson<'a> {
    rejected_rows: Vec<RejectedJson<'a>>,
    skipped_rows: Vec<SkippedJson<'a>>,
    ignored_sheets: Vec<IgnoredJson<'a>>,
    unreadable_files: Vec<UnreadableJson<'a>>,
    activity_overlaps: usize,
    rows_after_month: usize,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct RejectedJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    column: Option<&'a str>,
    header: Option<&'a str>,
    raw: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    raw: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct IgnoredJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    reason: &'a str,
}

#[derive(Serialize)]
struct UnreadableJson<'a> {
    path: &'a str,
    error: &'a str,
}

fn person<'a>(p: &'a PersonMonth, metrics: &'a [String]) -> PersonJson<'a> {
    let activity = |values: &[Option<f64>]| {
        Ordered(
            metrics
                .iter()
                .map(String::as_str)
                .zip(values.iter().copied())
                .collect(),
        )
    };
    PersonJson {
        name: &p.name,
        month_end: snapshot(&p.month_end),
        previous_month_end: p.previous_month_end.as_ref().map(snapshot),
        mom_change: Ordered(
            CHANGE_COLUMNS
                .iter()
                .zip(p.mom_change)
                .map(|(k, v)| (*k, v))
                .collect(),
        ),
        weakest_component: p.weakest_component.map(|c| c.key()),
        snapshots_in_month: p.snapshots_in_month,
        activity_month: activity(&p.activity_month),
        activity_previous_month: activity(&p.activity_previous_month),
    }
}

/// Renders summary.json (pretty-printed, trailing newline).
pub fn render(analysis: &Analysis, quality: &Quality) -> Result<Vec<u8>, RenderError> {
    let seven = |values: [Option<f64>; 7]| {
        Ordered(
            CHANGE_COLUMNS
                .iter()
                .zip(values)
                .map(|(k, v)| (*k, v))
                .collect(),
        )
    };
    let inputs: Vec<InputJson> = quality
        .inputs
        .iter()
        .map(|t| InputJson {
            path: &t.path,
            sheet: t.sheet.as_deref(),
            table: t.table.name(),
            header_row: t.header_row,
            rows_read: t.rows_read,
            rows_used: t.rows_used,
            ssi_rows: t.ssi_rows,
            activity_rows: t.activity_rows,
            rows_rejected: t.rows_rejected,
            rows_skipped: t.rows_skipped,
            summary_rows: t.summary_rows,
        })
        .collect();
    let summary = Summary {
        schema_version: SCHEMA_VERSION,
        month: analysis.month.to_string(),
        generator: concat!("ssi-pulse ", env!("CARGO_PKG_VERSION")),
        inputs,
        metrics: &analysis.metrics,
        people: analysis
            .people
            .iter()
            .map(|p| person(p, &analysis.metrics))
            .collect(),
        team: TeamJson {
            people: analysis.team.people,
            median: seven(analysis.team.median),
            median_change: seven(analysis.team.median_change),
        },
        data_quality: QualityJson {
            rejected_rows: quality
                .rejected
                .iter()
                .map(|r| RejectedJson {
                    path: &r.path,
                    sheet: r.sheet.as_deref(),
                    row: r.row,
                    column: r.column.as_deref(),
                    header: r.header.as_deref(),
                    raw: &r.raw,
                    reason: &r.reason,
                })
                .collect(),
            skipped_rows: quality
                .skipped
                .iter()
                .map(|k| SkippedJson {
                    path: &k.path,
                    sheet: k.sheet.as_deref(),
                    row: k.row,
                    raw: &k.raw,
                    reason: &k.reason,
                })
                .collect(),
            ignored_sheets: quality
                .ignored
                .iter()
                .map(|i| IgnoredJson {
                    path: &i.path,
                    sheet: i.sheet.as_deref(),
                    reason: &i.reason,
                })
                .collect(),
            unreadable_files: quality
                .unreadable
                .iter()
                .map(|u| UnreadableJson {
                    path: &u.path,
                    error: &u.message,
                })
                .collect(),
            activity_overlaps: quality.activity_overlaps,
            rows_after_month: analysis.rows_after_month,
            warnings: &quality.warnings,
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}
