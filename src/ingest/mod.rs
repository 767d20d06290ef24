//! Ingestion: files and folders in, typed rows out. Finds the supported files, recognises each by its
//! content (not its extension), reads workbooks and delimited text into grids, and turns each sheet into
//! SSI and activity rows while accounting for every row. Duplicated snapshots are settled here too.
//!
//! This module only strings the stages together: `discover` finds the files, `file` reads one (through
//! `preflight`, `excel`, `text` or `linkedin_export`, then `table`), `duplicates` settles repeated rows
//! and `quality` builds the data-quality account. No stage imports this module.

pub mod discover;
pub mod duplicates;
pub mod error;
pub mod excel;
pub mod file;
pub mod fuzz_checks;
pub mod grid;
pub mod headers;
pub mod join;
pub mod limits;
pub mod linkedin_export;
pub mod options;
pub mod person;
pub mod preflight;
pub mod quality;
pub mod sources;
pub mod table;
pub mod text;
pub mod values;

#[cfg(test)]
mod accounting_tests;
#[cfg(test)]
mod roundtrip_tests;

pub use discover::{discover, Discovered, NO_SUPPORTED_FILES, SUPPORTED_EXTENSIONS};
pub use error::{error_chain, IngestError};
pub use file::{detect_format, read_bytes, read_file, Detected};
pub use options::IngestOptions;
pub use person::{default_person, looks_like_person};
pub use quality::quality;
pub use sources::{display_path, FileFailure, Ingested, SourceTable};
pub use table::{ColumnMapping, Rejection, SheetFindings, TableKind};

use std::path::{Path, PathBuf};

/// Reads every input. A file that cannot be read is recorded as a failure and the others go on; only a
/// missing input path stops the run.
pub fn read_inputs(inputs: &[PathBuf], options: &IngestOptions) -> Result<Ingested, IngestError> {
    let found = discover(inputs, options.skip.as_deref())?;
    let mut ingested = read_files(&found.files, options);
    ingested.notes = found.notes;
    Ok(ingested)
}

/// Reads files found by `discover` (an unpacked LinkedIn export folder is one of them) without scanning
/// any further; a file that cannot be read is listed in `failures`.
pub fn read_files(files: &[PathBuf], options: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    let mut placeholders = std::collections::BTreeSet::new();
    if options.person.is_none() {
        placeholders.extend(files.iter().filter_map(|f| person::file_name_person(f)));
        placeholders.insert(file::UNNAMED_ARCHIVE_OWNER.to_string());
    }
    for file in files {
        match guarded(file, || read_file(file, options, out.sources.len())) {
            Ok(tables) => {
                for (source, rows) in tables {
                    out.sources.push(source);
                    // The first table's rows are moved rather than copied (a large team's are
                    // hundreds of megabytes).
                    if out.ssi.is_empty() {
                        out.ssi = rows.ssi;
                    } else {
                        out.ssi.extend(rows.ssi);
                    }
                    if out.memberships.is_empty() {
                        out.memberships = rows.memberships;
                    } else {
                        out.memberships.extend(rows.memberships);
                    }
                    if let Some(activity) = rows.activity {
                        out.activity.push(activity);
                    }
                }
            }
            Err(error) => out.failures.push(FileFailure {
                path: display_path(file),
                error,
            }),
        }
    }
    duplicates::settle_duplicates(&mut out);
    keep_used_memberships(&mut out);
    unify_group_spellings(&mut out);
    join::join_single_person(&mut out, &placeholders);
    out.memberships = collapse_repeats(std::mem::take(&mut out.memberships));
    out
}

/// A person's dated rows that name the same group as their row before (in date and row order) say
/// nothing new: every rule that reads groups (a person's group at a date, the moves between groups, the
/// groups a person was ever in) gives the same answer without them. Kept, in the order read: each
/// person's first row of each stay in a group, the last row of each date (which stands for the date),
/// and every roster row. A large team's rows name their team hundreds of thousands of times. People are
/// told apart as the group rules tell them (`name_key`), after every merge of two names that reading
/// makes; a batch's `join::name_after_folder` later merges only "You" with an archive's owner, whose
/// rows name no group.
pub fn collapse_repeats(
    memberships: Vec<crate::model::records::Membership>,
) -> Vec<crate::model::records::Membership> {
    use crate::model::collate::name_key;
    use std::collections::HashMap;
    let mut keys: HashMap<&str, String> = HashMap::new();
    for m in &memberships {
        if !keys.contains_key(m.person.as_str()) {
            keys.insert(&m.person, name_key(&m.person));
        }
    }
    let key = |m: &crate::model::records::Membership| keys[m.person.as_str()].as_str();
    let mut dated: Vec<usize> = (0..memberships.len())
        .filter(|i| memberships[*i].date.is_some())
        .collect();
    dated.sort_by(|a, b| {
        let (a, b) = (&memberships[*a], &memberships[*b]);
        (key(a), a.kind, a.date, a.origin).cmp(&(key(b), b.kind, b.date, b.origin))
    });
    let same_list = |a: &crate::model::records::Membership,
                     b: &crate::model::records::Membership| {
        key(a) == key(b) && a.kind == b.kind
    };
    let mut repeat = vec![false; memberships.len()];
    for (at, &i) in dated.iter().enumerate().skip(1) {
        let (before, m) = (&memberships[dated[at - 1]], &memberships[i]);
        if !same_list(before, m) || before.group != m.group {
            continue;
        }
        // The last row of a date stands for it (`groups::dated_rows`): it stays, as written.
        let last_of_date = dated
            .get(at + 1)
            .is_none_or(|&n| !same_list(m, &memberships[n]) || memberships[n].date != m.date);
        repeat[i] = !(before.date == m.date && last_of_date);
    }
    drop(keys);
    let mut kept: Vec<_> = memberships
        .into_iter()
        .zip(repeat)
        .filter(|(_, repeat)| !repeat)
        .map(|(m, _)| m)
        .collect();
    kept.shrink_to_fit();
    kept
}

/// A group named by a row counts only when the row itself is used: rows withdrawn as duplicates or
/// conflicts take their groups with them. A roster's groups (no date) always count.
fn keep_used_memberships(out: &mut Ingested) {
    let used: std::collections::HashSet<(usize, u32)> = out
        .ssi
        .iter()
        .flat_map(|r| {
            std::iter::once(r.origin.row)
                .chain(r.also.iter().copied())
                .map(move |row| (r.origin.source, row))
        })
        .chain(out.activity.iter().flat_map(|t| {
            t.rows.iter().flat_map(|r| {
                std::iter::once(r.origin.row)
                    .chain(r.also.iter().copied())
                    .map(move |row| (r.origin.source, row))
            })
        }))
        .collect();
    out.memberships
        .retain(|m| m.date.is_none() || used.contains(&(m.origin.source, m.origin.row)));
}

/// One spelling per group: names that differ only in case, accents or spaces ("North", "north ",
/// "NORTH") are one group, written as most rows write it (the first read on a tie), with a note on the
/// first table writing it otherwise.
fn unify_group_spellings(out: &mut Ingested) {
    use crate::model::collate::name_key;
    use std::collections::BTreeMap;
    // (kind, key) -> spellings in the order first read, with their counts.
    let mut spellings: BTreeMap<(&'static str, String), Vec<(String, usize)>> = BTreeMap::new();
    for m in &out.memberships {
        let seen = spellings.entry((m.kind, name_key(&m.group))).or_default();
        match seen.iter_mut().find(|(s, _)| *s == m.group) {
            Some((_, n)) => *n += 1,
            None => seen.push((m.group.clone(), 1)),
        }
    }
    for ((kind, _), seen) in spellings.into_iter().filter(|(_, seen)| seen.len() > 1) {
        let most = seen.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let Some((chosen, _)) = seen.iter().find(|(_, n)| *n == most) else {
            continue;
        };
        let others: Vec<&str> = seen
            .iter()
            .map(|(s, _)| s.as_str())
            .filter(|s| s != chosen)
            .collect();
        let mut noted = false;
        for m in out
            .memberships
            .iter_mut()
            .filter(|m| m.kind == kind && others.contains(&m.group.as_str()))
        {
            if !noted {
                if let Some(source) = out.sources.get_mut(m.origin.source) {
                    source.notes.push(format!(
                        "{} '{}' is read as '{chosen}', as most rows write it (group names are matched with case, accents and spaces set aside)",
                        crate::model::schema::group_label(kind),
                        others.join("', '")
                    ));
                }
                noted = true;
            }
            m.group = chosen.clone();
        }
    }
}

thread_local! {
    /// Set while this thread runs code whose panics are contained (`contain_panics`).
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Where the last contained panic on this thread happened.
    static LAST_PANIC: std::cell::RefCell<Option<PanicPlace>> = const { std::cell::RefCell::new(None) };
}

/// Where a contained panic happened: the source file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanicPlace {
    /// The source file, as the compiler names it.
    pub file: String,
    /// The line.
    pub line: u32,
}

/// Installs, once per process, a panic hook that keeps contained panics off the terminal: a panic on a
/// thread inside `contain_panics` is only recorded for that thread, every other panic goes to the hook
/// that was there before. The hook is never swapped again, so threads reading in parallel cannot restore
/// it under one another.
pub fn install_panic_guard() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET_PANICS.with(|quiet| quiet.get()) {
                let place = info.location().map(|l| PanicPlace {
                    file: l.file().to_string(),
                    line: l.line(),
                });
                LAST_PANIC.with(|last| *last.borrow_mut() = place);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic inside it into `Err` with the place it happened, without printing it and
/// without touching any other thread.
pub fn contain_panics<T>(f: impl FnOnce() -> T) -> Result<T, PanicPlace> {
    install_panic_guard();
    let was_quiet = QUIET_PANICS.with(|quiet| quiet.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET_PANICS.with(|quiet| quiet.set(was_quiet));
    result.map_err(|_| LAST_PANIC.with(|last| last.borrow_mut().take().unwrap_or_default()))
}

/// Runs a file reader, turning a panic inside it (crafted or corrupt files can trigger them in the
/// workbook readers) into an error that names the file. The panic message is kept off the terminal.
fn guarded<T>(
    path: &Path,
    read: impl FnOnce() -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    contain_panics(read).unwrap_or_else(|_| {
        Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: "reading it failed on malformed content; open the file and save it again"
                .into(),
        })
    })
}

#[cfg(test)]
mod collapse_tests {
    use super::collapse_repeats;
    use crate::analysis::groups::group_at;
    use crate::model::collate::name_key;
    use crate::model::records::{Membership, RowOrigin};
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// What the group rules read: for each (person key, kind), the row standing for each date (the last
    /// of the date), kept where the group changes (a move: its date, group and the name as written);
    /// and the groups each person was ever named in.
    type Read = (
        BTreeMap<(String, &'static str), Vec<(NaiveDate, String, String)>>,
        BTreeSet<(String, &'static str, String)>,
    );

    fn read(memberships: &[Membership]) -> Read {
        let mut sorted: Vec<&Membership> =
            memberships.iter().filter(|m| m.date.is_some()).collect();
        sorted.sort_by_key(|m| (m.date, m.origin));
        let mut standing: BTreeMap<(String, &'static str), BTreeMap<NaiveDate, &Membership>> =
            BTreeMap::new();
        for m in sorted {
            let list = standing.entry((name_key(&m.person), m.kind)).or_default();
            list.insert(m.date.unwrap(), m);
        }
        let moves = standing
            .into_iter()
            .map(|(list, days)| {
                let mut changes: Vec<(NaiveDate, String, String)> = Vec::new();
                for (date, m) in days {
                    if changes.last().is_none_or(|(_, g, _)| *g != m.group) {
                        changes.push((date, m.group.clone(), m.person.clone()));
                    }
                }
                (list, changes)
            })
            .collect();
        let ever = memberships
            .iter()
            .map(|m| (name_key(&m.person), m.kind, m.group.clone()))
            .collect();
        (moves, ever)
    }

    fn membership() -> impl Strategy<Value = Membership> {
        (
            0..3usize,
            0..2usize,
            0..2usize,
            prop::option::weighted(0.9, 1..5u32),
            0..2usize,
            1..40u32,
        )
            .prop_map(|(p, k, g, d, source, row)| Membership {
                person: ["Ann", "ann ", "Bob"][p].to_string(),
                date: d.map(day),
                kind: ["team", "region"][k],
                group: ["East", "West"][g].to_string(),
                origin: RowOrigin { source, row },
            })
    }

    proptest! {
        #[test]
        fn collapsing_repeats_changes_nothing_the_group_rules_read(
            memberships in prop::collection::vec(membership(), 0..40)
        ) {
            let collapsed = collapse_repeats(memberships.clone());
            prop_assert_eq!(read(&collapsed), read(&memberships));
            for person in ["Ann", "Bob"] {
                for kind in ["team", "region"] {
                    for end in [None, Some(day(1)), Some(day(2)), Some(day(3)), Some(day(4))] {
                        prop_assert_eq!(
                            group_at(&collapsed, kind, person, end),
                            group_at(&memberships, kind, person, end)
                        );
                    }
                }
            }
            // The rows kept are in the order read, roster rows all kept.
            let rosters = |m: &[Membership]| m.iter().filter(|m| m.date.is_none()).count();
            prop_assert_eq!(rosters(&collapsed), rosters(&memberships));
            let mut rest = memberships.iter();
            for m in &collapsed {
                prop_assert!(rest.any(|r| r == m));
            }
        }
    }

    #[test]
    fn a_person_named_in_one_team_week_after_week_keeps_one_row() {
        let rows: Vec<Membership> = (1..29)
            .map(|d| Membership {
                person: "Ann".into(),
                date: Some(day(d)),
                kind: "team",
                group: if d < 15 { "East" } else { "West" }.into(),
                origin: RowOrigin {
                    source: 0,
                    row: d + 1,
                },
            })
            .collect();
        let kept: Vec<(u32, String)> = collapse_repeats(rows)
            .iter()
            .map(|m| (m.origin.row, m.group.clone()))
            .collect();
        assert_eq!(kept, [(2, "East".to_string()), (16, "West".to_string())]);
    }
}
