//! The `inspect` listing: per file and sheet, what table it holds (or why it is ignored), the header row,
//! the column mapping, dates, people and row counts, as text or JSON.

use super::text::plural;
use crate::ingest::grid::sheet_label;
use crate::ingest::{error_chain, Ingested, TableKind};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
struct SheetJson<'a> {
    path: &'a str,
    format: &'a str,
    sheet: Option<&'a str>,
    encoding: Option<&'a str>,
    delimiter: Option<String>,
    table: TableKind,
    ignored_reason: Option<&'a str>,
    header_row: Option<u32>,
    columns: &'a [crate::ingest::ColumnMapping],
    first_date: Option<String>,
    last_date: Option<String>,
    people: Vec<&'a str>,
    rows_read: usize,
    rows_used: usize,
    ssi_rows: usize,
    activity_rows: usize,
    rows_rejected: usize,
    summary_rows: usize,
    notes: Vec<&'a str>,
    rejections: Vec<String>,
}

#[derive(Serialize)]
struct InspectJson<'a> {
    tables: Vec<SheetJson<'a>>,
    unreadable_files: Vec<Unreadable<'a>>,
    /// Folders passed over as ssi-pulse's own output, and named files that are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<&'a str>,
}

#[derive(Serialize)]
struct Unreadable<'a> {
    path: &'a str,
    error: String,
}

/// The listing as JSON.
pub fn json(ingested: &Ingested) -> Result<Vec<u8>, serde_json::Error> {
    let tables = ingested
        .sources
        .iter()
        .map(|s| {
            let f = &s.findings;
            SheetJson {
                path: &s.path,
                format: &s.format,
                sheet: s.sheet.as_deref(),
                encoding: s.text.as_ref().map(|t| t.0.as_str()),
                delimiter: s.text.as_ref().map(|t| t.1.to_string()),
                table: f.kind,
                ignored_reason: f.ignored_reason.as_deref(),
                header_row: f.header_row,
                columns: &f.columns,
                first_date: f.date_range.map(|r| r.0.to_string()),
                last_date: f.date_range.map(|r| r.1.to_string()),
                people: f.people.iter().map(String::as_str).collect(),
                rows_read: f.rows_read,
                rows_used: f.rows_used,
                ssi_rows: f.ssi_rows,
                activity_rows: f.activity_rows,
                rows_rejected: f.rejections.len(),
                summary_rows: f.summary_rows,
                notes: s.notes.iter().chain(&f.notes).map(String::as_str).collect(),
                rejections: f
                    .rejections
                    .iter()
                    .map(|r| format!("{}: {}", r.location, r.reason))
                    .collect(),
            }
        })
        .collect();
    let unreadable_files = ingested
        .failures
        .iter()
        .map(|f| Unreadable {
            path: &f.path,
            error: error_chain(&f.error),
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&InspectJson {
        tables,
        unreadable_files,
        notes: ingested.notes.iter().map(String::as_str).collect(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The listing as text.
pub fn text(ingested: &Ingested) -> String {
    let mut out = String::new();
    let mut last_path: Option<&str> = None;
    for s in &ingested.sources {
        if last_path != Some(s.path.as_str()) {
            let _ = write!(out, "{} ({}", s.path, s.format);
            if let Some((enc, delim)) = &s.text {
                let shown = match delim {
                    '\t' => "tab".to_string(),
                    c => format!("'{c}'"),
                };
                let _ = write!(out, ", {enc}, delimiter {shown}");
            }
            out.push_str(")\n");
            last_path = Some(&s.path);
        }
        let f = &s.findings;
        let label = s
            .sheet
            .as_ref()
            .map(|n| sheet_label(n))
            .unwrap_or_else(|| "table".to_string());
        if f.kind == TableKind::Ignored {
            let _ = writeln!(
                out,
                "  {label}: ignored ({})",
                f.ignored_reason.as_deref().unwrap_or("nothing to analyse")
            );
            continue;
        }
        let _ = writeln!(out, "  {label}: {}", f.kind.label());
        let _ = writeln!(
            out,
            "    header row {}; {} read, {} used ({} with a snapshot, {} with activity), {} rejected, {}",
            f.header_row.unwrap_or(0),
            plural(f.rows_read, "row", "rows"),
            f.rows_used,
            f.ssi_rows,
            f.activity_rows,
            f.rejections.len(),
            plural(f.summary_rows, "summary row", "summary rows")
        );
        if let Some((a, b)) = f.date_range {
            let people: Vec<&str> = f.people.iter().map(String::as_str).collect();
            let shown = if people.len() > 8 {
                format!("{} and {} more", people[..8].join(", "), people.len() - 8)
            } else {
                people.join(", ")
            };
            let _ = writeln!(
                out,
                "    dates {a} to {b}; {}: {shown}",
                plural(people.len(), "person", "people")
            );
        }
        for note in s.notes.iter().chain(&f.notes) {
            let _ = writeln!(out, "    note: {note}");
        }
        if !f.columns.is_empty() {
            out.push_str("    columns:\n");
        }
        let width = f
            .columns
            .iter()
            .map(|c| c.header.chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for c in &f.columns {
            let target = match (&c.canonical, &c.note) {
                (Some(name), Some(note)) => format!("-> {name} ({note})"),
                (Some(name), None) => format!("-> {name}"),
                (None, Some(note)) => format!("not used ({note})"),
                (None, None) => "not used".to_string(),
            };
            let _ = writeln!(out, "      {:<3} {:<width$}  {target}", c.column, c.header);
        }
        for r in f.rejections.iter().take(20) {
            let _ = writeln!(out, "    rejected: {}: {}", r.location, r.reason);
        }
        if f.rejections.len() > 20 {
            let _ = writeln!(
                out,
                "    ... and {} more rejected rows",
                f.rejections.len() - 20
            );
        }
    }
    unreadable_and_notes(&mut out, ingested);
    out.push_str(&config_snippet(ingested));
    out
}

/// The files that could not be read, then what the folder scan passed over.
fn unreadable_and_notes(out: &mut String, ingested: &Ingested) {
    for failure in &ingested.failures {
        let _ = writeln!(
            out,
            "{}: unreadable: {}",
            failure.path,
            error_chain(&failure.error)
        );
    }
    for note in &ingested.notes {
        let _ = writeln!(out, "note: {note}");
    }
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word stands alone).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// A ready-to-paste `[columns]` section for the headers nothing recognised, or nothing when all were.
pub fn config_snippet(ingested: &Ingested) -> String {
    let mut headers: Vec<&str> = Vec::new();
    for s in &ingested.sources {
        let f = &s.findings;
        let unknown_columns = f.columns.iter().filter(|c| {
            c.canonical.is_none()
                && c.note
                    .as_deref()
                    .is_some_and(|n| n.starts_with("unknown column"))
        });
        let candidates = unknown_columns
            .map(|c| c.header.as_str())
            .chain(f.unrecognised_headers.iter().map(String::as_str));
        for h in candidates {
            if !h.is_empty() && !headers.contains(&h) {
                headers.push(h);
            }
        }
    }
    if headers.is_empty() {
        return String::new();
    }
    let advice = format!(
        "Headers not recognised. To use them, put this in ssi-pulse.toml next to your files (or pass \
         --column \"HEADER=NAME\") and replace each \"ignore\" with a canonical column (date, person, ssi, \
         brand, people, insights, relationships, industry_rank_pct, network_rank_pct, industry_avg, \
         network_avg), a kind of group ({}) or an activity metric name such as posts or coffee_chats:",
        crate::model::schema::GROUP_KINDS.join(", ")
    );
    let mut out = format!("\n{}\n\n[columns]\n", wrap(&advice, 100));
    for h in headers {
        let key = h.replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(out, "\"{key}\" = \"ignore\"");
    }
    out
}
