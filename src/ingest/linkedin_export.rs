//! LinkedIn's "Get a copy of your data" archive, as the ZIP or the unpacked folder: turns the owner's
//! Shares, Comments, Reactions, Votes, InstantReposts, Invitations, Connections, messages and
//! SearchQueries files into daily activity counts. It handles the archive's traps: member-id suffixed
//! file names, the `Notes:` preamble of Connections.csv, backslash-escaped quotes in Comments.csv, newlines
//! inside quoted fields, and files that hold a single "No ... found" line.

use super::error::IngestError;
use super::grid::Location;
use super::table::{Rejection, RowTally, SheetFindings};
use super::values::{self, DateOrder};
use crate::model::quality::TableKind;
use crate::model::records::{ActivityRow, ActivityTable, RowOrigin};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
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
    Metric(ArchiveMetric),
    /// Invitations: OUTGOING are requests sent, INCOMING invitations received.
    ByDirection,
    /// Messages: sent when FROM is the owner, received otherwise.
    BySender,
}

const FILES: [FileSpec; 9] = [
    FileSpec {
        prefix: "shares",
        date_column: "Date",
        counts: Counts::Metric(ArchiveMetric::Posts),
    },
    FileSpec {
        prefix: "comments",
        date_column: "Date",
        counts: Counts::Metric(ArchiveMetric::Comments),
    },
    FileSpec {
        prefix: "reactions",
        date_column: "Date",
        counts: Counts::Metric(ArchiveMetric::Reactions),
    },
    FileSpec {
        prefix: "votes",
        date_column: "Date",
        counts: Counts::Metric(ArchiveMetric::Reactions),
    },
    FileSpec {
        prefix: "instantreposts",
        date_column: "Date",
        counts: Counts::Metric(ArchiveMetric::Shares),
    },
    FileSpec {
        prefix: "invitations",
        date_column: "Sent At",
        counts: Counts::ByDirection,
    },
    FileSpec {
        prefix: "connections",
        date_column: "Connected On",
        counts: Counts::Metric(ArchiveMetric::ConnectionsAccepted),
    },
    FileSpec {
        prefix: "messages",
        date_column: "DATE",
        counts: Counts::BySender,
    },
    FileSpec {
        prefix: "searchqueries",
        date_column: "Time",
        counts: Counts::Metric(ArchiveMetric::Searches),
    },
];

/// An activity metric an archive yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArchiveMetric {
    /// Shares.csv: posts.
    Posts,
    /// Comments.csv.
    Comments,
    /// Reactions.csv and Votes.csv.
    Reactions,
    /// InstantReposts.csv: reposts.
    Shares,
    /// Invitations.csv, OUTGOING.
    ConnectionRequestsSent,
    /// Invitations.csv, INCOMING.
    InvitationsReceived,
    /// Connections.csv.
    ConnectionsAccepted,
    /// messages.csv, from the owner.
    MessagesSent,
    /// messages.csv, from anyone else.
    MessagesReceived,
    /// SearchQueries.csv.
    Searches,
}

impl ArchiveMetric {
    /// Every metric, in output order.
    pub const ALL: [ArchiveMetric; 10] = [
        ArchiveMetric::Posts,
        ArchiveMetric::Comments,
        ArchiveMetric::Reactions,
        ArchiveMetric::Shares,
        ArchiveMetric::ConnectionRequestsSent,
        ArchiveMetric::InvitationsReceived,
        ArchiveMetric::ConnectionsAccepted,
        ArchiveMetric::MessagesSent,
        ArchiveMetric::MessagesReceived,
        ArchiveMetric::Searches,
    ];

    /// The canonical metric name.
    pub fn name(self) -> &'static str {
        match self {
            ArchiveMetric::Posts => "posts",
            ArchiveMetric::Comments => "comments",
            ArchiveMetric::Reactions => "reactions",
            ArchiveMetric::Shares => "shares",
            ArchiveMetric::ConnectionRequestsSent => "connection_requests_sent",
            ArchiveMetric::InvitationsReceived => "invitations_received",
            ArchiveMetric::ConnectionsAccepted => "connections_accepted",
            ArchiveMetric::MessagesSent => "messages_sent",
            ArchiveMetric::MessagesReceived => "messages_received",
            ArchiveMetric::Searches => "searches",
        }
    }
}

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
    let (offset, header_line) = header_line(text, date_column)?;
    let body = &text.as_bytes()[offset..];
    // LinkedIn escapes quotes with a backslash (`\"`), which also turns a message that ends in a
    // backslash into an unclosed field. Both readings are tried; the one with more dated records wins.
    let escaped = read_member_csv(body, header_line, Some(b'\\'))?;
    match read_member_csv(body, header_line, None) {
        Some(plain) if dated(&plain, date_column) > dated(&escaped, date_column) => Some(plain),
        _ => Some(escaped),
    }
}

/// Where the header line starts (a byte offset) and its 1-based line: the first line with the date
/// column (Connections.csv has notes above it).
fn header_line(text: &str, date_column: &str) -> Option<(usize, u32)> {
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line
            .split(',')
            .any(|f| f.trim().trim_matches('"').eq_ignore_ascii_case(date_column))
        {
            return Some((offset, i as u32 + 1));
        }
        offset += line.len();
    }
    None
}

/// Reads a member's CSV from its header line on, with or without backslash escapes.
fn read_member_csv(
    body: &[u8],
    header_line: u32,
    escape: Option<u8>,
) -> Option<(Vec<String>, Vec<Record>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .escape(escape)
        .from_reader(body);
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
}

/// How many records of a reading have a date in the date column.
fn dated(parsed: &(Vec<String>, Vec<Record>), date_column: &str) -> usize {
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
    let reader = ArchiveReader {
        owner,
        owner_key: repair_mojibake(sender.trim()).to_lowercase(),
        as_of,
    };
    let mut daily = DailyCounts::default();
    let mut out = Vec::new();
    let known = members.iter().filter_map(|m| Some((m, spec_for(&m.name)?)));
    for (k, (member, spec)) in known.enumerate() {
        let findings = reader.read_member(member, spec, first_source + k, &mut daily);
        out.push(MemberFindings {
            name: member.name.clone(),
            findings,
        });
    }
    (out, daily.into_table(owner, first_source))
}

/// The day an export was made, from its name as LinkedIn gives it (`Basic_LinkedInDataExport_10-09-2025`
/// is 9 October 2025: month, day, year), when the name has it.
pub fn export_date(path: &std::path::Path) -> Option<NaiveDate> {
    let name = path.file_stem()?.to_string_lossy().into_owned();
    let stamp = name.rsplit('_').next()?;
    let parts: Vec<u32> = stamp
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [month, day, year] = parts.as_slice() else {
        return None;
    };
    (name.contains("LinkedInDataExport") && *year >= 2003)
        .then(|| NaiveDate::from_ymd_opt(*year as i32, *month, *day))
        .flatten()
}

/// Whose archive is read, and the cut-off date.
struct ArchiveReader<'a> {
    /// The person the activity is filed under.
    owner: &'a str,
    /// The owner's name as the messages file writes it, folded for comparison.
    owner_key: String,
    /// Records dated after this day are rejected.
    as_of: Option<NaiveDate>,
}

/// Where the columns a member's records are read by sit in its header.
struct MemberColumns<'a> {
    header: &'a [String],
    date: usize,
    direction: Option<usize>,
    from: Option<usize>,
}

impl MemberColumns<'_> {
    /// A cell of a record, as a location in messages (members are text files: no sheet).
    fn location(&self, line: u32, col: Option<usize>) -> Location {
        Location {
            sheet: None,
            row: line,
            col: col.map(|c| c as u32),
            header: col.and_then(|c| self.header.get(c).cloned()),
        }
    }
}

/// What a counted record adds to its member's counts: one row used, for activity.
const ONE_ACTIVITY_ROW: RowTally = RowTally {
    used: 1,
    snapshots: 0,
    activity: 1,
};

/// What one record of a member comes to.
enum RecordFate {
    /// Nothing in it.
    Blank,
    /// Not counted, with the reason.
    Rejected(Rejection),
    /// One more of a metric on a day.
    Counts(NaiveDate, ArchiveMetric),
}

impl ArchiveReader<'_> {
    /// Reads one member's records into `daily`, accounting for each. A member whose date column is not
    /// among the headers read is listed as ignored, with the reason, and still takes its source index.
    fn read_member(
        &self,
        member: &Member,
        spec: &FileSpec,
        source: usize,
        daily: &mut DailyCounts,
    ) -> SheetFindings {
        let Some((header, rows)) = parse_member(&member.text, spec.date_column) else {
            return unreadable_member(member, spec);
        };
        let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let Some(date) = col(spec.date_column) else {
            return unreadable_member(member, spec);
        };
        let columns = MemberColumns {
            header: &header,
            date,
            direction: col("Direction"),
            from: col("FROM"),
        };
        let mut f = SheetFindings::empty();
        f.kind = TableKind::Activity;
        f.header_row = Some(
            rows.first()
                .map_or(1, |(line, _)| line.saturating_sub(1).max(1)),
        );
        for (line, record) in rows {
            f.rows_read += 1;
            match self.record_fate(spec.counts, &columns, line, &record) {
                RecordFate::Blank => f.skip_blank(columns.location(line, None)),
                RecordFate::Rejected(rejection) => f.rejections.push(rejection),
                RecordFate::Counts(date, metric) => {
                    daily.count(date, metric, RowOrigin { source, row: line });
                    f.count_used(self.owner, date, ONE_ACTIVITY_ROW);
                }
            }
        }
        // A file in the archive speaks for its metrics even when no row counts towards one of them.
        daily.present.extend(spec.counts.metrics());
        f
    }

    /// What a record counts as: its date, checked against the cut-off, and its metric.
    fn record_fate(
        &self,
        counts: Counts,
        columns: &MemberColumns<'_>,
        line: u32,
        record: &[String],
    ) -> RecordFate {
        if record.iter().all(|c| c.trim().is_empty()) {
            return RecordFate::Blank;
        }
        let reject = |col: Option<usize>, raw: String, reason: String| {
            RecordFate::Rejected(Rejection {
                location: columns.location(line, col),
                raw,
                reason,
            })
        };
        let raw_date = record.get(columns.date).map(String::as_str).unwrap_or("");
        let Some(date) = values::parse_date_text(raw_date, DateOrder::MonthFirst) else {
            let reason = format!("'{raw_date}' is not a date");
            return reject(Some(columns.date), raw_date.to_string(), reason);
        };
        if let Some(reason) = super::table::future_reason(date, self.as_of) {
            return reject(Some(columns.date), raw_date.to_string(), reason);
        }
        let cell = |col: Option<usize>| col.and_then(|c| record.get(c));
        let metric = match counts {
            Counts::Metric(m) => m,
            Counts::ByDirection => {
                let direction = cell(columns.direction).map(|d| d.trim().to_ascii_uppercase());
                match direction.as_deref() {
                    Some("OUTGOING") => ArchiveMetric::ConnectionRequestsSent,
                    Some("INCOMING") => ArchiveMetric::InvitationsReceived,
                    _ => {
                        let reason = "Direction is neither OUTGOING nor INCOMING".to_string();
                        return reject(columns.direction, direction.unwrap_or_default(), reason);
                    }
                }
            }
            Counts::BySender => {
                let from = cell(columns.from)
                    .map(|s| repair_mojibake(s.trim()).to_lowercase())
                    .unwrap_or_default();
                if from == self.owner_key {
                    ArchiveMetric::MessagesSent
                } else {
                    ArchiveMetric::MessagesReceived
                }
            }
        };
        RecordFate::Counts(date, metric)
    }
}

/// The findings of a member with no header to read it by: it holds only a "No ... found" line, or lacks
/// its date column.
fn unreadable_member(member: &Member, spec: &FileSpec) -> SheetFindings {
    let mut f = SheetFindings::empty();
    let first_line = member.text.lines().next().unwrap_or("").trim();
    f.ignored_reason = Some(if first_line.to_ascii_lowercase().starts_with("no ") {
        format!("holds no records ('{first_line}')")
    } else {
        format!("no '{}' column", spec.date_column)
    });
    f
}

/// An archive's records summed by day and metric, with the first record of each day (where the day's
/// row comes from) and the metrics whose files are in the archive.
#[derive(Default)]
struct DailyCounts {
    days: BTreeMap<NaiveDate, BTreeMap<ArchiveMetric, f64>>,
    first_row: BTreeMap<NaiveDate, RowOrigin>,
    present: BTreeSet<ArchiveMetric>,
}

impl DailyCounts {
    /// Counts one record.
    fn count(&mut self, date: NaiveDate, metric: ArchiveMetric, origin: RowOrigin) {
        *self
            .days
            .entry(date)
            .or_default()
            .entry(metric)
            .or_insert(0.0) += 1.0;
        self.first_row.entry(date).or_insert(origin);
    }

    /// One row a day. A metric whose file is in the archive counts 0 on days it has no record; one whose
    /// file is missing stays unknown (it is not a column of the table).
    fn into_table(self, owner: &str, first_source: usize) -> ActivityTable {
        let present: Vec<ArchiveMetric> = ArchiveMetric::ALL
            .into_iter()
            .filter(|m| self.present.contains(m))
            .collect();
        let rows = self
            .days
            .into_iter()
            .map(|(date, counts)| ActivityRow {
                person: owner.to_string(),
                date,
                values: present
                    .iter()
                    .map(|m| Some(counts.get(m).copied().unwrap_or(0.0)))
                    .collect(),
                origin: self.first_row.get(&date).copied().unwrap_or(RowOrigin {
                    source: first_source,
                    row: 0,
                }),
                also: Vec::new(),
            })
            .collect();
        let metrics = present.iter().map(|m| m.name().to_string()).collect();
        ActivityTable {
            metrics,
            rows,
            until: None,
        }
    }
}

impl Counts {
    /// The metrics a file of this kind speaks for: an invitations file for both directions and a
    /// messages file for both senders, even when all its rows go one way.
    fn metrics(self) -> Vec<ArchiveMetric> {
        match self {
            Counts::Metric(m) => vec![m],
            Counts::ByDirection => vec![
                ArchiveMetric::ConnectionRequestsSent,
                ArchiveMetric::InvitationsReceived,
            ],
            Counts::BySender => vec![ArchiveMetric::MessagesSent, ArchiveMetric::MessagesReceived],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_date_comes_from_linkedins_file_name() {
        let date = |s: &str| export_date(std::path::Path::new(s));
        assert_eq!(
            date("in/Basic_LinkedInDataExport_10-09-2025.zip"),
            NaiveDate::from_ymd_opt(2025, 10, 9)
        );
        assert_eq!(
            date("Complete_LinkedInDataExport_01-31-2026"),
            NaiveDate::from_ymd_opt(2026, 1, 31)
        );
        assert_eq!(date("my export.zip"), None);
        assert_eq!(date("Basic_LinkedInDataExport_31-01-2026.zip"), None);
    }

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
    fn a_member_without_its_date_column_is_listed_and_keeps_the_sources_in_step() {
        // The header line names Date only inside a quoted field, so the CSV header has no Date column.
        let members = [
            Member {
                name: "Shares.csv".into(),
                text: "\"Note, Date\",Link\nx,https://s\n".into(),
            },
            Member {
                name: "Comments.csv".into(),
                text: "Date,Link,Message\n2025-09-22 21:06:44,https://l,hi\n".into(),
            },
        ];
        let (found, table) = read_archive(&members, "Ana Lima", "Ana Lima", None, 7);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Shares.csv");
        assert_eq!(
            found[0].findings.ignored_reason.as_deref(),
            Some("no 'Date' column")
        );
        assert_eq!(found[1].findings.rows_used, 1);
        // The comment comes from the second member: source 7 + 1, line 2.
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].origin, RowOrigin { source: 8, row: 2 });
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
