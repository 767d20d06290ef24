//! LinkedIn's "Get a copy of your data" archive, as the ZIP or the unpacked folder: turns the owner's
//! Shares, Comments, Reactions, Votes, InstantReposts, Invitations, Connections, messages and
//! SearchQueries files into daily activity counts. It handles the archive's traps: member-id suffixed
//! file names, the `Notes:` preamble of Connections.csv, backslash-escaped quotes in Comments.csv, newlines
//! inside quoted fields, and files that hold a single "No ... found" line.

use super::error::IngestError;
use super::grid::Location;
use super::table::{Rejection, SheetFindings, Skip, SkipReason};
use super::values::{self, DateOrder};
use crate::model::quality::TableKind;
use crate::model::records::{ActivityRow, ActivityTable, RowOrigin};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// How one archive file counts: its name prefix, the date column, and the metric (or metrics) a row adds to.
struct FileSpec {
    /// File name without extension and member-id suffix, compared case-insensitively.
    prefix: &'static str,
    /// The header of the date column.
    date_column: &'static str,
    /// What a row counts as.
    counts: Counts,
}

/// What a row of an archive file adds to.
#[derive(Clone, Copy)]
enum Counts {
    /// Always this metric.
    Metric(&'static str),
    /// Invitations: OUTGOING are requests sent, INCOMING invitations received.
    ByDirection,
    /// Messages: sent when FROM is the owner, received otherwise.
    BySender,
}

const FILES: [FileSpec; 9] = [
    FileSpec {
        prefix: "shares",
        date_column: "Date",
        counts: Counts::Metric("posts"),
    },
    FileSpec {
        prefix: "comments",
        date_column: "Date",
        counts: Counts::Metric("comments"),
    },
    FileSpec {
        prefix: "reactions",
        date_column: "Date",
        counts: Counts::Metric("reactions"),
    },
    FileSpec {
        prefix: "votes",
        date_column: "Date",
        counts: Counts::Metric("reactions"),
    },
    FileSpec {
        prefix: "instantreposts",
        date_column: "Date",
        counts: Counts::Metric("shares"),
    },
    FileSpec {
        prefix: "invitations",
        date_column: "Sent At",
        counts: Counts::ByDirection,
    },
    FileSpec {
        prefix: "connections",
        date_column: "Connected On",
        counts: Counts::Metric("connections_accepted"),
    },
    FileSpec {
        prefix: "messages",
        date_column: "DATE",
        counts: Counts::BySender,
    },
    FileSpec {
        prefix: "searchqueries",
        date_column: "Time",
        counts: Counts::Metric("searches"),
    },
];

/// The metrics an archive yields, in output order.
pub const METRICS: [&str; 10] = [
    "posts",
    "comments",
    "reactions",
    "shares",
    "connection_requests_sent",
    "invitations_received",
    "connections_accepted",
    "messages_sent",
    "messages_received",
    "searches",
];

/// The file names (inside the archive) that mark a LinkedIn data export.
pub fn is_archive_member(name: &str) -> bool {
    spec_for(name).is_some() || base_name(name).eq_ignore_ascii_case("profile")
}

/// "Shares_17529409.csv" -> "shares"; folders in the path are dropped.
fn base_name(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = file
        .strip_suffix(".csv")
        .or_else(|| file.strip_suffix(".CSV"))
        .unwrap_or(file);
    let stem = match stem.rsplit_once('_') {
        Some((head, tail)) if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) => head,
        _ => stem,
    };
    stem.to_ascii_lowercase()
}

fn spec_for(name: &str) -> Option<&'static FileSpec> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if !file.to_ascii_lowercase().ends_with(".csv") {
        return None;
    }
    let base = base_name(name);
    FILES.iter().find(|s| s.prefix == base)
}

/// A CSV record and the line it starts on.
type Record = (u32, Vec<String>);

/// One file of an archive: its name and text.
pub struct Member {
    /// Path inside the archive (or folder).
    pub name: String,
    /// Decoded text.
    pub text: String,
}

/// Reads the CSV members of a ZIP archive held in memory.
pub fn members_from_zip(path: &Path, bytes: Vec<u8>) -> Result<Vec<Member>, IngestError> {
    let bad = |e: zip::result::ZipError| IngestError::Unsupported {
        path: path.to_path_buf(),
        reason: format!("the ZIP archive cannot be read ({e})"),
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(bad)?;
        let name = file.name().map_err(bad)?.to_string();
        if !is_archive_member(&name) {
            continue;
        }
        let mut raw = Vec::new();
        file.read_to_end(&mut raw)
            .map_err(|source| IngestError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        out.push(Member {
            name,
            text: super::text::decode(&raw).0,
        });
    }
    if out.is_empty() {
        return Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: "a ZIP archive that is neither a workbook nor a LinkedIn data export (no Profile.csv, Shares.csv, Connections.csv or similar inside)".into(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Reads the CSV members of an unpacked archive folder.
pub fn members_from_dir(dir: &Path) -> Result<Vec<Member>, IngestError> {
    let io = |source| IngestError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && is_archive_member(&name) {
            let raw = std::fs::read(entry.path()).map_err(io)?;
            out.push(Member {
                name,
                text: super::text::decode(&raw).0,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// True when a folder looks like an unpacked LinkedIn export (it holds Profile.csv or two known files).
pub fn is_archive_dir(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let known = names.iter().filter(|n| spec_for(n).is_some()).count();
    names
        .iter()
        .any(|n| base_name(n) == "profile" && n.to_ascii_lowercase().ends_with(".csv"))
        || known >= 2
}

/// Parses a member's CSV: skips a `Notes:` preamble up to the header that has `date_column`, accepts
/// backslash-escaped quotes, and returns the header, the records and each record's first line.
fn parse_member(text: &str, date_column: &str) -> Option<(Vec<String>, Vec<Record>)> {
    // Find the header line: the first line with the date column (Connections.csv has notes above it).
    let mut offset = 0usize;
    let mut header_line = 0u32;
    let mut found = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line
            .split(',')
            .any(|f| f.trim().trim_matches('"').eq_ignore_ascii_case(date_column))
        {
            header_line = i as u32 + 1;
            found = true;
            break;
        }
        offset += line.len();
    }
    if !found {
        return None;
    }
    // LinkedIn escapes quotes with a backslash (`\"`), which also turns a message that ends in a
    // backslash into an unclosed field. Both readings are tried; the one with more dated records wins.
    let read = |escape: Option<u8>| -> Option<(Vec<String>, Vec<Record>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .escape(escape)
            .from_reader(&text.as_bytes()[offset..]);
        let header: Vec<String> = reader
            .headers()
            .ok()?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let Ok(record) = record else { continue };
            let line = record
                .position()
                .map_or(0, |p| p.line() as u32 + header_line - 1);
            rows.push((line, record.iter().map(str::to_string).collect()));
        }
        Some((header, rows))
    };
    let dated = |parsed: &(Vec<String>, Vec<Record>)| {
        let col = parsed
            .0
            .iter()
            .position(|h| h.eq_ignore_ascii_case(date_column));
        parsed
            .1
            .iter()
            .filter(|(_, r)| {
                col.and_then(|c| r.get(c))
                    .is_some_and(|d| values::parse_date_text(d, DateOrder::MonthFirst).is_some())
            })
            .count()
    };
    let escaped = read(Some(b'\\'))?;
    match read(None) {
        Some(plain) if dated(&plain) > dated(&escaped) => Some(plain),
        _ => Some(escaped),
    }
}

/// The owner's name from Profile.csv ("First Name", "Last Name"), names double-encoded as Latin-1
/// repaired.
pub fn owner_name(members: &[Member]) -> Option<String> {
    let profile = members.iter().find(|m| base_name(&m.name) == "profile")?;
    let (header, rows) = parse_member(&profile.text, "First Name")?;
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (first, last) = (col("First Name")?, col("Last Name"));
    let row = &rows.first()?.1;
    let name = format!(
        "{} {}",
        row.get(first).map(String::as_str).unwrap_or(""),
        last.and_then(|l| row.get(l))
            .map(String::as_str)
            .unwrap_or("")
    );
    let name = repair_mojibake(name.trim());
    (!name.is_empty()).then_some(name)
}

/// Undoes UTF-8 text that was decoded once as Latin-1 or Windows-1252 ("JosÃ©" -> "José",
/// "MichaÅ‚" -> "Michał"), when that is what happened.
pub fn repair_mojibake(text: &str) -> String {
    if !text.contains(['Ã', 'Â', 'Å', 'Ä', 'Ð', 'Ñ', 'Ø', 'Ù']) {
        return text.to_string();
    }
    let latin1: Option<Vec<u8>> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    if let Some(repaired) = latin1.and_then(|b| String::from_utf8(b).ok()) {
        return repaired;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        return text.to_string();
    }
    String::from_utf8(bytes.into_owned()).unwrap_or_else(|_| text.to_string())
}

/// One archive member read into findings, ready to be listed like a sheet.
pub struct MemberFindings {
    /// The member's name.
    pub name: String,
    /// What was found.
    pub findings: SheetFindings,
}

/// Reads an archive's members into one daily activity table for `owner`; `sender` is the owner's name as
/// the messages file writes it (from Profile.csv). Records dated after `as_of` are rejected.
/// `first_source` is the source index of the first member; members get consecutive indices.
pub fn read_archive(
    members: &[Member],
    owner: &str,
    sender: &str,
    as_of: Option<NaiveDate>,
    first_source: usize,
) -> (Vec<MemberFindings>, ActivityTable) {
    let metric_index = |m: &str| METRICS.iter().position(|x| *x == m);
    let mut daily: BTreeMap<NaiveDate, [Option<f64>; 10]> = BTreeMap::new();
    let mut present = [false; 10];
    let mut first_row_of_day: BTreeMap<NaiveDate, RowOrigin> = BTreeMap::new();
    let mut out = Vec::new();
    let owner_key = repair_mojibake(sender.trim()).to_lowercase();
    for (k, member) in members
        .iter()
        .filter(|m| spec_for(&m.name).is_some())
        .enumerate()
    {
        let Some(spec) = spec_for(&member.name) else {
            continue;
        };
        let source = first_source + k;
        let mut f = SheetFindings::empty();
        let Some((header, rows)) = parse_member(&member.text, spec.date_column) else {
            let first_line = member.text.lines().next().unwrap_or("").trim();
            f.ignored_reason = Some(if first_line.to_ascii_lowercase().starts_with("no ") {
                format!("holds no records ('{first_line}')")
            } else {
                format!("no '{}' column", spec.date_column)
            });
            out.push(MemberFindings {
                name: member.name.clone(),
                findings: f,
            });
            continue;
        };
        let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let Some(date_col) = col(spec.date_column) else {
            continue;
        };
        let direction_col = col("Direction");
        let from_col = col("FROM");
        f.kind = TableKind::Activity;
        f.header_row = Some(
            rows.first()
                .map_or(1, |(line, _)| line.saturating_sub(1).max(1)),
        );
        let mut counted = [false; 10];
        for (line, record) in rows {
            f.rows_read += 1;
            let location = |col: Option<usize>| Location {
                sheet: None,
                row: line,
                col: col.map(|c| c as u32),
                header: col.and_then(|c| header.get(c).cloned()),
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                f.skipped.push(Skip {
                    rows: 1,
                    location: location(None),
                    raw: String::new(),
                    reason: SkipReason::Blank,
                });
                continue;
            }
            let raw_date = record.get(date_col).map(String::as_str).unwrap_or("");
            let Some(date) = values::parse_date_text(raw_date, DateOrder::MonthFirst) else {
                f.rejections.push(Rejection {
                    location: location(Some(date_col)),
                    raw: raw_date.to_string(),
                    reason: format!("'{raw_date}' is not a date"),
                });
                continue;
            };
            if let Some(reason) = super::table::future_reason(date, as_of) {
                f.rejections.push(Rejection {
                    location: location(Some(date_col)),
                    raw: raw_date.to_string(),
                    reason,
                });
                continue;
            }
            let metric = match spec.counts {
                Counts::Metric(m) => m,
                Counts::ByDirection => {
                    match direction_col
                        .and_then(|c| record.get(c))
                        .map(|d| d.trim().to_ascii_uppercase())
                    {
                        Some(d) if d == "OUTGOING" => "connection_requests_sent",
                        Some(d) if d == "INCOMING" => "invitations_received",
                        other => {
                            f.rejections.push(Rejection {
                                location: location(direction_col),
                                raw: other.unwrap_or_default(),
                                reason: "Direction is neither OUTGOING nor INCOMING".into(),
                            });
                            continue;
                        }
                    }
                }
                Counts::BySender => {
                    let from = from_col
                        .and_then(|c| record.get(c))
                        .map(|s| repair_mojibake(s.trim()).to_lowercase())
                        .unwrap_or_default();
                    if from == owner_key {
                        "messages_sent"
                    } else {
                        "messages_received"
                    }
                }
            };
            let Some(m) = metric_index(metric) else {
                continue;
            };
            counted[m] = true;
            let slot = daily.entry(date).or_insert([None; 10]);
            slot[m] = Some(slot[m].unwrap_or(0.0) + 1.0);
            first_row_of_day
                .entry(date)
                .or_insert(RowOrigin { source, row: line });
            f.rows_used += 1;
            f.activity_rows += 1;
            f.people.insert(owner.to_string());
            f.date_range = Some(match f.date_range {
                None => (date, date),
                Some((a, b)) => (a.min(date), b.max(date)),
            });
        }
        if spec.counts.is_by_direction() {
            // An invitations file speaks for both directions, even when all its rows go one way.
            present[4] = true;
            present[5] = true;
        }
        if spec.counts.is_by_sender() {
            present[7] = true;
            present[8] = true;
        }
        for (m, c) in counted.iter().enumerate() {
            present[m] |= *c;
        }
        if let Counts::Metric(name) = spec.counts {
            if let Some(m) = metric_index(name) {
                present[m] = true;
            }
        }
        out.push(MemberFindings {
            name: member.name.clone(),
            findings: f,
        });
    }
    // A metric whose file is in the archive counts 0 on days it has no record; one whose file is missing
    // stays unknown.
    let metrics: Vec<String> = METRICS
        .iter()
        .zip(present)
        .filter(|(_, p)| *p)
        .map(|(m, _)| m.to_string())
        .collect();
    let rows = daily
        .into_iter()
        .map(|(date, counts)| ActivityRow {
            person: owner.to_string(),
            date,
            values: counts
                .iter()
                .zip(present)
                .filter(|(_, p)| *p)
                .map(|(c, _)| Some(c.unwrap_or(0.0)))
                .collect(),
            origin: first_row_of_day.get(&date).copied().unwrap_or(RowOrigin {
                source: first_source,
                row: 0,
            }),
            also: Vec::new(),
        })
        .collect();
    (out, ActivityTable { metrics, rows })
}

impl Counts {
    fn is_by_direction(self) -> bool {
        matches!(self, Counts::ByDirection)
    }
    fn is_by_sender(self) -> bool {
        matches!(self, Counts::BySender)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_match_with_or_without_member_id() {
        assert_eq!(base_name("Shares_17529409.csv"), "shares");
        assert_eq!(
            base_name("Basic_LinkedInDataExport/Comments.csv"),
            "comments"
        );
        assert!(spec_for("Invitations_123.csv").is_some());
        assert!(spec_for("Rich_Media.csv").is_none());
        assert!(is_archive_member("Profile.csv"));
    }

    #[test]
    fn connections_preamble_and_escaped_quotes_are_handled() {
        let text = "Notes:\n\"When exporting your connection data, you may notice...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://x,,Acme,CEO,02 Mar 2022\n";
        let (header, rows) = parse_member(text, "Connected On").unwrap();
        assert_eq!(header[6], "Connected On");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 5);
        let comments =
            "Date,Link,Message\n2025-09-22 21:06:44,https://l,\"He said \\\"hi\\\", then left\"\n";
        let (_, rows) = parse_member(comments, "Date").unwrap();
        assert_eq!(rows[0].1[2], "He said \"hi\", then left");
        let trailing = "Date,Link,Message\n2025-09-22 21:06:44,https://l,\"ends in backslash \\\"\n2025-09-23 08:00:00,https://m,next\n";
        let (_, rows) = parse_member(trailing, "Date").unwrap();
        assert_eq!(rows.len(), 2, "{rows:?}");
    }

    #[test]
    fn repairs_names_decoded_twice() {
        assert_eq!(repair_mojibake("JosÃ© Ã\u{81}lvarez"), "José Álvarez");
        assert_eq!(repair_mojibake("Zoë"), "Zoë");
        assert_eq!(repair_mojibake("MichaÅ‚ Å»Ã³Å‚w"), "Michał Żółw");
    }
}
