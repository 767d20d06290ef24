//! Batch runs of `report` (`--each file|person`, `--months`, `--all-months`): splits the inputs into
//! independent reports, draws them in parallel, writes each to its own folder as a single run would, and
//! writes the index of them all. One input failing never stops the others.

use crate::analysis::alerts::AlertKind;
use crate::analysis::{self, Analysis, AnalysisError};
use crate::config::{Each, MonthSelection, ReportConfig};
use crate::error::Error;
use crate::ingest::grid::sheet_label;
use crate::ingest::{self, Ingested};
use crate::model::quality::Quality;
use crate::model::records::ActivityTable;
use crate::model::schema::SsiColumn;
use crate::model::{Dataset, Month};
use crate::pipeline::{self, Prepared};
use crate::render::index::{self, Entry, Scope, Status};
use crate::render::{self, slug, RenderError};
use crate::{output, timings::Timings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One subject of reports: an input file, a person, or every input together.
struct Unit {
    /// Shown in the index: the file as given, the person's name, or the people of a merged report.
    who: String,
    /// The folder under `--out` holding its month folders (`None`: month folders directly in `--out`).
    slug: Option<String>,
    /// The data, or why there is none.
    prepared: Result<Prepared, String>,
    /// A file that could not be read or held nothing usable, listed beside the people of a person batch
    /// or the months of a merged one (not a subject of reports itself).
    file_problem: bool,
    /// The only months it is reported for (`--each group` over several months: a group's people at
    /// each month's end); `None`: every month asked.
    only: Option<Vec<Month>>,
}

/// What one report job gave: its index row, and the fatal write error if writing failed.
type Outcome = Result<Entry, Error>;

/// Stack of each batch thread: as much as the main thread has, for the deepest workbook the readers
/// accept.
const STACK_BYTES: usize = 8 << 20;

/// Runs `f` on every item, `threads` at a time (the calling thread is one of them); results in item
/// order, whatever order they finished in.
///
/// Plain threads, not a rayon pool: a rayon worker waiting for polars' own pool steals queued work, and
/// with hundreds of reports queued that nests report inside report until the stack overflows. A plain
/// thread waiting for a pool just blocks; the work inside each report (polars, charts, person pages)
/// still runs on the pools.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                break done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.clamp(1, items.len().max(1)))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Runs a batch, `cfg.jobs` reports at a time (one per core by default).
pub fn run(cfg: &ReportConfig, timings: &Timings) -> Result<(), Error> {
    let bar = output::batch_progress(cfg.quiet);
    let result = run_with(cfg, timings, &bar);
    bar.finish_and_clear();
    match result {
        Ok(outcome) => {
            if let Some(table) = timings.table() {
                eprint!("{table}");
            }
            finish(cfg, &outcome)
        }
        Err(e) => Err(e),
    }
}

/// What a batch wrote: the index rows, and the units they came from.
struct Finished {
    entries: Vec<Entry>,
    units: Vec<Unit>,
}

fn run_with(
    cfg: &ReportConfig,
    timings: &Timings,
    bar: &indicatif::ProgressBar,
) -> Result<Finished, Error> {
    bar.set_message("reading inputs");
    let units = units(cfg, bar)?;
    timings.lap("read inputs");

    let mut jobs: Vec<(&Unit, &Prepared, Option<Month>)> = Vec::new();
    let mut entries = Vec::new();
    for unit in &units {
        if let Ok(p) = &unit.prepared {
            match months(&p.dataset, cfg.months) {
                Ok(months) => jobs.extend(
                    months
                        .into_iter()
                        .filter(|m| match (&unit.only, m) {
                            (Some(only), Some(m)) => only.contains(m),
                            _ => true,
                        })
                        .map(|m| (unit, p, m)),
                ),
                Err(problem) => entries.push(failed(unit, None, problem)),
            }
        }
    }
    bar.set_position(0);
    bar.set_length(jobs.len() as u64);
    bar.set_message("writing reports");
    let outcomes: Vec<Outcome> = parallel_map(&jobs, threads(cfg), |&(unit, p, month)| {
        // A bug met by one report is that report's failure, not the batch's.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            one_report(cfg, unit, p, month)
        }))
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Ok(failed(
                unit,
                month,
                format!("internal error while drawing this report: {what}"),
            ))
        });
        bar.inc(1);
        outcome
    });
    timings.lap("reports");

    let mut fatal = None;
    for outcome in outcomes {
        match outcome {
            Ok(entry) => entries.push(entry),
            Err(e) => {
                fatal.get_or_insert(e);
            }
        }
    }
    if let Some(e) = fatal {
        return Err(e);
    }
    for unit in &units {
        if let Err(problem) = &unit.prepared {
            entries.push(failed(unit, None, problem.clone()));
        }
    }
    mark_stale_against_the_batch(&mut entries);
    index::sort(&mut entries);
    let scope = Scope {
        each: match cfg.each {
            Each::None => "none",
            Each::File => "file",
            Each::Person => "person",
            Each::Group => "group",
            Each::Folder => "folder",
        },
        // A group whose people change between months is one subject however many units it takes.
        units: units
            .iter()
            .filter(|u| !u.file_problem)
            .map(|u| &u.who)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        files_not_used: units.iter().filter(|u| u.file_problem).count(),
    };
    bar.set_message("writing the index");
    write_index(cfg, &entries, scope)?;
    timings.lap("index");
    Ok(Finished { entries, units })
}

/// Writes the index files into `--out`; without xlsx, removes an index.xlsx from an earlier run, which
/// would link reports this run did not write.
fn write_index(cfg: &ReportConfig, entries: &[Entry], scope: Scope<'_>) -> Result<(), Error> {
    let files = index::render(entries, scope, cfg.charts.workbook)?;
    output::write_files(&cfg.out, &files)?;
    let stale = cfg.out.join("index.xlsx");
    if !cfg.charts.workbook && stale.is_file() {
        std::fs::remove_file(&stale).map_err(|source| {
            Error::Output(crate::artifact::OutputError::Io {
                path: stale.clone(),
                source,
            })
        })?;
    }
    Ok(())
}

/// Warnings, the summary line and the exit status of a finished batch.
fn finish(cfg: &ReportConfig, done: &Finished) -> Result<(), Error> {
    let (entries, units) = (&done.entries, &done.units);
    let count = |s: Status| entries.iter().filter(|e| e.status == s).count();
    let (written, failed, none) = (
        count(Status::Written),
        count(Status::Failed),
        count(Status::NoReport),
    );
    for e in entries.iter().filter(|e| e.status == Status::Failed) {
        let problem = e.problem.as_deref().unwrap_or("failed");
        match e.month {
            None if problem.contains(e.report.as_str()) => output::warn(problem),
            None => output::warn(&format!("{}: {problem}", e.report)),
            Some(m) => output::warn(&format!("{} {m}: {problem}", e.report)),
        }
    }
    // Units of one batch can share rows (a person batch shares one account): count each row once.
    let rejected = units
        .iter()
        .filter_map(|u| u.prepared.as_ref().ok())
        .flat_map(|p| &p.quality.rejected)
        .map(|r| (&r.path, &r.sheet, r.row))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let index_path = cfg.out.join("index.html");
    if !cfg.quiet {
        output::say(&format!(
            "wrote {} in {}{}{}; index: {}",
            render::text::plural(written, "report", "reports"),
            cfg.out.display(),
            if failed > 0 {
                format!(" ({failed} failed)")
            } else {
                String::new()
            },
            if none > 0 {
                format!(
                    ", {} without a report",
                    render::text::plural(none, "month", "months")
                )
            } else {
                String::new()
            },
            index_path.display()
        ));
    }
    if written == 0 {
        let mut why = Vec::new();
        if failed > 0 {
            why.push(render::text::plural(
                failed,
                "input or report failed",
                "inputs or reports failed",
            ));
        }
        if none > 0 {
            why.push(render::text::plural(
                none,
                "month has no snapshot",
                "months have no snapshot",
            ));
        }
        return Err(Error::NoData(format!(
            "no report was written ({}); {} lists each with the reason",
            why.join(", "),
            cfg.out.join("index.md").display()
        )));
    }
    if cfg.strict && failed > 0 {
        return Err(Error::Strict(format!(
            "{} failed; {} lists them",
            render::text::plural(failed, "input or report", "inputs or reports"),
            cfg.out.join("index.md").display()
        )));
    }
    if cfg.strict && rejected > 0 {
        return Err(Error::Strict(format!(
            "{} rejected; each report's data/rejected.csv lists them",
            render::text::plural(rejected, "input row was", "input rows were")
        )));
    }
    Ok(())
}

/// Splits the inputs into units and reads them (files in parallel).
fn units(cfg: &ReportConfig, bar: &indicatif::ProgressBar) -> Result<Vec<Unit>, Error> {
    match cfg.each {
        Each::File => {
            let found = ingest::discover(&cfg.inputs, cfg.ingest.skip.as_deref())?;
            for note in &found.notes {
                bar.suspend(|| output::warn(note));
            }
            let files = found.files;
            if files.is_empty() {
                return Err(Error::NoData(ingest::NO_SUPPORTED_FILES.into()));
            }
            let names: Vec<String> = files.iter().map(|f| file_stem(f)).collect();
            let slugs = slug::unique_slugs(&names);
            bar.set_length(files.len() as u64);
            let items: Vec<(&PathBuf, String)> = files.iter().zip(slugs).collect();
            Ok(parallel_map(&items, threads(cfg), |(file, slug)| {
                let ingested = ingest::read_files(std::slice::from_ref(*file), &cfg.ingest);
                bar.inc(1);
                Unit {
                    who: ingest::display_path(file),
                    slug: Some(slug.clone()),
                    prepared: prepare_all(&ingested),
                    file_problem: false,
                    only: None,
                }
            }))
        }
        Each::Person => {
            bar.set_length(1);
            let ingested = ingest::read_inputs(&cfg.inputs, &cfg.ingest)?;
            bar.inc(1);
            let mut units = file_problems(&ingested);
            let people = everyone(&ingested);
            if people.is_empty() && units.is_empty() {
                return Err(Error::NoData(pipeline::nothing_usable(&ingested, "SSI")));
            }
            let names: Vec<String> = people.iter().map(|p| p.to_string()).collect();
            let slugs = slug::unique_slugs(&names);
            let quality = ingest::quality(&ingested);
            let index = RowIndex::new(&ingested);
            let items: Vec<(&String, String)> = names.iter().zip(slugs).collect();
            units.extend(parallel_map(&items, threads(cfg), |(person, slug)| Unit {
                who: (*person).clone(),
                slug: Some(slug.clone()),
                prepared: prepare_person(&ingested, &index, &quality, person),
                file_problem: false,
                only: None,
            }));
            Ok(units)
        }
        Each::Group => group_units(cfg, bar),
        Each::Folder => folder_units(cfg, bar),
        Each::None => {
            bar.set_length(1);
            let ingested = ingest::read_inputs(&cfg.inputs, &cfg.ingest)?;
            bar.inc(1);
            if ingested.ssi.is_empty() {
                return Err(Error::NoData(pipeline::nothing_usable(&ingested, "SSI")));
            }
            // Files that could not be read are listed; tables with nothing usable are in each
            // report's data-quality section, as in a single report.
            let mut units: Vec<Unit> = file_problems(&ingested)
                .into_iter()
                .filter(|u| ingested.failures.iter().any(|f| f.path == u.who))
                .collect();
            let prepared = prepare_all(&ingested);
            let who = match &prepared {
                Ok(p) => match p.dataset.people().map_err(Error::Model)?.as_slice() {
                    [one] => one.clone(),
                    many => format!("{} people", many.len()),
                },
                Err(_) => "all inputs".into(),
            };
            units.push(Unit {
                who,
                slug: None,
                prepared,
                file_problem: false,
                only: None,
            });
            Ok(units)
        }
    }
}

/// One unit per group and set of people: each person in their group at the end of the month reported
/// (over several months, at each month's end).
fn group_units(cfg: &ReportConfig, bar: &indicatif::ProgressBar) -> Result<Vec<Unit>, Error> {
    bar.set_length(1);
    let ingested = ingest::read_inputs(&cfg.inputs, &cfg.ingest)?;
    bar.inc(1);
    let mut units = file_problems(&ingested);
    if crate::analysis::groups::kinds(&ingested.memberships).is_empty() {
        return Err(Error::NoData(
            "--each group: no input names a group (a Team, Region or Manager column, or a roster of people and their groups)".into(),
        ));
    }
    let asked = cfg.analysis.group_by.as_deref();
    let kind = crate::analysis::groups::chosen_kind(&ingested.memberships, asked)
        .map_err(|e| Error::NoData(e.to_string()))?
        .unwrap_or(crate::model::schema::GROUP_KINDS[0]);
    let subjects = group_subjects(&ingested, kind, cfg.months);
    if subjects.is_empty() && units.is_empty() {
        return Err(Error::NoData(pipeline::nothing_usable(&ingested, "SSI")));
    }
    let mut names: Vec<String> = subjects.iter().map(|s| s.group.clone()).collect();
    names.dedup();
    let slugs = slug::unique_slugs(&names);
    let slug_of = |group: &str| {
        names
            .iter()
            .position(|n| n == group)
            .map(|i| slugs[i].clone())
    };
    let quality = ingest::quality(&ingested);
    let index = RowIndex::new(&ingested);
    // Keyed here, before the reports' threads start, rather than by the first of them while the rest wait.
    ingested.membership_keys();
    units.extend(parallel_map(&subjects, threads(cfg), |subject| {
        let people: Vec<&str> = subject.people.iter().map(String::as_str).collect();
        let prepared = prepare_people(&ingested, &index, &quality, &people).map(|mut p| {
            p.dataset.group = Some((kind, subject.group.clone()));
            // The rows of the people who left the group, so its report lists them going.
            std::sync::Arc::make_mut(&mut p.dataset.memberships).extend(leavers(
                &ingested,
                kind,
                &subject.group,
                &people,
            ));
            p
        });
        Unit {
            who: subject.group.clone(),
            slug: slug_of(&subject.group),
            prepared,
            file_problem: false,
            only: subject.months.clone(),
        }
    }));
    Ok(units)
}

/// A group's people over the months they are its people.
struct GroupSubject {
    group: String,
    people: Vec<String>,
    /// The months reported for them (`None`: the latest month with data).
    months: Option<Vec<Month>>,
}

/// The subjects of a `--each group` batch, groups in the reader's order: each month asked places everyone
/// with data by then in their group at its end, and a group keeps one subject per set of people.
fn group_subjects(
    ingested: &Ingested,
    kind: &'static str,
    selection: MonthSelection,
) -> Vec<GroupSubject> {
    let (months, each_month) = assignment_months(ingested, selection);
    let first_rows = first_rows(ingested);
    let mut subjects: Vec<GroupSubject> = Vec::new();
    for month in months {
        let end = month.map(Month::last_day);
        let only = if each_month { month } else { None };
        for (group, people) in people_by_group(ingested, kind, end, &first_rows) {
            match subjects
                .iter_mut()
                .find(|s| s.group == group && s.people == people)
            {
                Some(s) => {
                    if let (Some(months), Some(m)) = (&mut s.months, only) {
                        months.push(m);
                    }
                }
                None => subjects.push(GroupSubject {
                    group,
                    people,
                    months: only.map(|m| vec![m]),
                }),
            }
        }
    }
    subjects.sort_by(|a, b| crate::model::collate::names(&a.group, &b.group));
    subjects
}

/// The months at whose end `--each group` places people, and whether each is reported on its own: the
/// month of the latest snapshot for the latest report; else every month asked (`--all-months`: those of
/// the snapshots read; when they span more than a batch allows, the latest, and each report says why).
fn assignment_months(ingested: &Ingested, selection: MonthSelection) -> (Vec<Option<Month>>, bool) {
    let first = ingested.ssi.iter().map(|r| r.date).min().map(Month::of);
    let last = ingested.ssi.iter().map(|r| r.date).max().map(Month::of);
    match selection {
        MonthSelection::Latest => (vec![last], false),
        MonthSelection::One(m) => (vec![Some(m)], true),
        MonthSelection::Range(first, last) => (month_span(first, last), true),
        MonthSelection::All => match (first, last) {
            (Some(a), Some(b))
                if crate::config::months_between(a, b) <= crate::config::MAX_MONTHS =>
            {
                (month_span(a, b), true)
            }
            _ => (vec![last], false),
        },
    }
}

/// Each person's first day with a snapshot or activity, by `name_key`.
fn first_rows(ingested: &Ingested) -> std::collections::BTreeMap<String, chrono::NaiveDate> {
    let mut first: std::collections::BTreeMap<String, chrono::NaiveDate> = Default::default();
    let rows = ingested.ssi.iter().map(|r| (&r.person, r.date)).chain(
        ingested
            .activity
            .iter()
            .flat_map(|t| t.rows.iter().map(|r| (&r.person, r.date))),
    );
    for (person, date) in rows {
        let day = first
            .entry(crate::model::collate::name_key(person))
            .or_insert(date);
        *day = (*day).min(date);
    }
    first
}

/// The dated rows naming `group` of the people who are not among `people`, and their later rows (the
/// report of `group` lists their moves out).
fn leavers(
    ingested: &Ingested,
    kind: &str,
    group: &str,
    people: &[&str],
) -> Vec<crate::model::records::Membership> {
    use crate::model::collate::name_key;
    let ours: std::collections::BTreeSet<String> = people.iter().map(|p| name_key(p)).collect();
    let were_in: std::collections::BTreeSet<&String> = ingested
        .memberships
        .iter()
        .zip(ingested.membership_keys())
        .filter(|(m, _)| m.kind == kind && m.date.is_some() && m.group == group)
        .map(|(_, key)| key)
        .filter(|k| !ours.contains(*k))
        .collect();
    if were_in.is_empty() {
        return Vec::new();
    }
    ingested
        .memberships
        .iter()
        .zip(ingested.membership_keys())
        .filter(|(m, key)| m.kind == kind && m.date.is_some() && were_in.contains(*key))
        .map(|(m, _)| m.clone())
        .collect()
}

/// One unit per immediate subfolder of each input folder, everything inside it read together.
fn folder_units(cfg: &ReportConfig, bar: &indicatif::ProgressBar) -> Result<Vec<Unit>, Error> {
    let (folders, mut units) = client_folders(&cfg.inputs, cfg.ingest.skip.as_deref())?;
    let names: Vec<String> = folders.iter().map(|f| folder_name(f)).collect();
    let slugs = slug::unique_slugs(&names);
    bar.set_length(folders.len() as u64);
    let items: Vec<(&PathBuf, String)> = folders.iter().zip(slugs).collect();
    units.extend(parallel_map(&items, threads(cfg), |(folder, slug)| {
        let prepared = match ingest::read_inputs(std::slice::from_ref(*folder), &cfg.ingest) {
            Ok(mut ingested) => {
                // A tracker named `ssi_scores.csv` names nobody: the client is the folder's.
                if cfg.ingest.person.is_none() {
                    ingest::join::name_after_folder(&mut ingested, &folder_name(folder));
                }
                prepare_all(&ingested)
            }
            Err(e) => Err(ingest::error_chain(&e)),
        };
        bar.inc(1);
        Unit {
            who: ingest::display_path(folder),
            slug: Some(slug.clone()),
            prepared,
            file_problem: false,
            only: None,
        }
    }));
    Ok(units)
}

/// Everyone with snapshots or activity, sorted by name, once each.
fn everyone(ingested: &Ingested) -> Vec<&str> {
    let mut people: Vec<&str> = ingested.ssi.iter().map(|r| r.person.as_str()).collect();
    people.extend(
        ingested
            .activity
            .iter()
            .flat_map(|t| t.rows.iter().map(|r| r.person.as_str())),
    );
    people.sort_unstable();
    people.dedup();
    people
}

/// The people of each group of `kind` at `end` (`None`: each in their latest group), as
/// `groups::group_at` places them, leaving out people whose first row is after `end`; groups in the
/// reader's order.
fn people_by_group(
    ingested: &Ingested,
    kind: &str,
    end: Option<chrono::NaiveDate>,
    first_rows: &std::collections::BTreeMap<String, chrono::NaiveDate>,
) -> Vec<(String, Vec<String>)> {
    let started = |person: &str| {
        end.is_none_or(|end| {
            first_rows
                .get(&crate::model::collate::name_key(person))
                .is_some_and(|first| *first <= end)
        })
    };
    // People with activity only are placed too: their group's report then says why it has no SSI.
    let mut by_group: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let placement = crate::analysis::groups::Placement::new(&ingested.memberships, kind);
    for person in everyone(ingested).into_iter().filter(|p| started(p)) {
        by_group
            .entry(placement.group_at(person, end))
            .or_default()
            .push(person.to_string());
    }
    let mut groups: Vec<(String, Vec<String>)> = by_group.into_iter().collect();
    groups.sort_by(|a, b| crate::model::collate::names(&a.0, &b.0));
    groups
}

/// The immediate subfolders of each input folder (one client each), and a unit for every input that is
/// not a folder or file that sits beside the subfolders, saying why it has no report.
fn client_folders(
    inputs: &[PathBuf],
    out: Option<&Path>,
) -> Result<(Vec<PathBuf>, Vec<Unit>), Error> {
    let out = out.and_then(|o| std::fs::canonicalize(o).ok());
    let mut folders = Vec::new();
    let mut loose = Vec::new();
    // Input folders with no subfolders: a client's own folder given by mistake.
    let mut flat: Vec<String> = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            loose.push((
                input.clone(),
                "an input file, not a folder of client folders",
            ));
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| Error::NoData(format!("cannot read {}: {e}", input.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                // Hidden entries and ssi-pulse's own reports are not clients.
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                    && !crate::own_output::is_report_folder(p)
                    && (out.is_none() || std::fs::canonicalize(p).ok() != out)
            })
            .collect();
        entries.sort();
        let has_clients = entries.iter().any(|e| e.is_dir());
        if !has_clients {
            flat.push(input.display().to_string());
        }
        for entry in entries {
            if entry.is_dir() {
                folders.push(entry);
            } else if ingest::SUPPORTED_EXTENSIONS.iter().any(|x| {
                entry
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case(x))
            }) {
                loose.push((
                    entry,
                    if has_clients {
                        "beside the client folders, in none of them: move it into its client's folder"
                    } else {
                        "in a folder without client folders: --each folder wants the folder that holds one folder per client"
                    },
                ));
            }
        }
    }
    if folders.is_empty() && flat.is_empty() {
        return Err(Error::NoData(
            "--each folder: the inputs are files; give the folder that holds one folder per client"
                .into(),
        ));
    }
    if folders.is_empty() {
        return Err(Error::NoData(format!(
            "--each folder: {} {} no subfolders; give the folder that holds one folder per client, or leave out --each folder to report on {} files together",
            flat.join(", "),
            if flat.len() == 1 { "holds" } else { "hold" },
            if flat.len() == 1 { "its" } else { "their" },
        )));
    }
    let units = loose
        .into_iter()
        .map(|(path, why)| Unit {
            who: ingest::display_path(&path),
            slug: None,
            prepared: Err(why.to_string()),
            file_problem: true,
            only: None,
        })
        .collect();
    Ok((folders, units))
}

/// The files of a person batch that give no one's data: those that could not be read, and those whose
/// every table was ignored.
fn file_problems(ingested: &Ingested) -> Vec<Unit> {
    let mut units: Vec<Unit> = ingested
        .failures
        .iter()
        .map(|f| Unit {
            who: f.path.clone(),
            slug: None,
            prepared: Err(ingest::error_chain(&f.error)),
            file_problem: true,
            only: None,
        })
        .collect();
    let mut paths: Vec<&str> = ingested.sources.iter().map(|s| s.path.as_str()).collect();
    paths.dedup();
    for path in paths {
        let tables: Vec<_> = ingested.sources.iter().filter(|s| s.path == path).collect();
        if tables
            .iter()
            .all(|s| s.findings.kind == ingest::TableKind::Ignored)
        {
            let reasons: Vec<String> = tables
                .iter()
                .map(|s| {
                    let reason = s
                        .findings
                        .ignored_reason
                        .as_deref()
                        .unwrap_or("nothing to analyse");
                    match &s.sheet {
                        Some(sheet) => format!("{}: {reason}", sheet_label(sheet)),
                        None => reason.to_string(),
                    }
                })
                .collect();
            units.push(Unit {
                who: path.to_string(),
                slug: None,
                prepared: Err(format!("nothing usable: {}", reasons.join("; "))),
                file_problem: true,
                only: None,
            });
        }
    }
    units
}

/// Reports drawn at once: `--jobs`, else one per core.
fn threads(cfg: &ReportConfig) -> usize {
    cfg.jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The file name without its extension (the person of a one-person file), for the unit's folder.
fn file_stem(path: &Path) -> String {
    let named = match path.file_stem() {
        Some(_) => path.to_path_buf(),
        // "." or "..": the folder's own name.
        None => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    named
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A client folder's name, whole ("J. Smith" keeps its dot), without a date stamp ("Dana Whitfield
/// 2026-05-13" is Dana Whitfield).
fn folder_name(path: &Path) -> String {
    let named = match path.file_name() {
        Some(_) => path.to_path_buf(),
        None => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    let name = named
        .file_name()
        .map(|s| s.to_string_lossy().trim().to_string())
        .unwrap_or_else(|| path.display().to_string());
    match ingest::person::date_stamp(&name) {
        Some((rest, _)) if !rest.is_empty() => rest,
        _ => name,
    }
}

/// A unit of everything read: the tables merged as a single report merges them.
fn prepare_all(ingested: &Ingested) -> Result<Prepared, String> {
    if ingested.ssi.is_empty() {
        return Err(problem_of(ingested));
    }
    pipeline::prepare_all(ingested).map_err(|e| ingest::error_chain(&e))
}

/// Where each person's rows are in what was read: the SSI rows and each activity table's rows, by the
/// person as written. A batch of 2,000 groups takes each group's rows from here instead of reading
/// every row once per group.
struct RowIndex<'a> {
    ssi: HashMap<&'a str, Vec<usize>>,
    activity: Vec<HashMap<&'a str, Vec<usize>>>,
}

impl<'a> RowIndex<'a> {
    fn new(ingested: &'a Ingested) -> Self {
        fn index<'a>(people: impl Iterator<Item = &'a str>) -> HashMap<&'a str, Vec<usize>> {
            let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, person) in people.enumerate() {
                at.entry(person).or_default().push(i);
            }
            at
        }
        RowIndex {
            ssi: index(ingested.ssi.iter().map(|r| r.person.as_str())),
            activity: ingested
                .activity
                .iter()
                .map(|t| index(t.rows.iter().map(|r| r.person.as_str())))
                .collect(),
        }
    }

    /// The positions of `people`'s rows, in the order read.
    fn rows(at: &HashMap<&str, Vec<usize>>, people: &[&str]) -> Vec<usize> {
        let mut people = people.to_vec();
        people.sort_unstable();
        people.dedup();
        let mut rows: Vec<usize> = people
            .iter()
            .filter_map(|p| at.get(p))
            .flatten()
            .copied()
            .collect();
        rows.sort_unstable();
        rows
    }
}

/// One person's rows from everything read; the data-quality account is the inputs' own.
fn prepare_person(
    ingested: &Ingested,
    index: &RowIndex<'_>,
    quality: &Quality,
    person: &str,
) -> Result<Prepared, String> {
    prepare_people(ingested, index, quality, &[person])
}

/// Some people's rows from everything read (one person, or a group's people), in the order read, with
/// the data-quality account of the tables holding them.
fn prepare_people(
    ingested: &Ingested,
    index: &RowIndex<'_>,
    quality: &Quality,
    people: &[&str],
) -> Result<Prepared, String> {
    let ssi: Vec<_> = RowIndex::rows(&index.ssi, people)
        .into_iter()
        .map(|i| ingested.ssi[i].clone())
        .collect();
    let activity: Vec<ActivityTable> = ingested
        .activity
        .iter()
        .zip(&index.activity)
        .map(|(t, at)| ActivityTable {
            until: t.until,
            metrics: t.metrics.clone(),
            rows: RowIndex::rows(at, people)
                .into_iter()
                .map(|i| t.rows[i].clone())
                .collect(),
        })
        .filter(|t| !t.rows.is_empty())
        .collect();
    if ssi.is_empty() {
        let rows: usize = activity.iter().map(|t| t.rows.len()).sum();
        return Err(format!(
            "{} but no SSI snapshot (check the name is spelled the same in every file)",
            render::text::plural(rows, "activity row", "activity rows")
        ));
    }
    pipeline::prepare(
        ingested,
        &ssi,
        &activity,
        quality_for(quality, ingested, people),
    )
    .map_err(|e| ingest::error_chain(&e))
}

/// The data-quality account of some people's report: only the tables holding their rows, with those
/// tables' rejected, skipped and ignored rows, so one client's report never names another's files.
fn quality_for(quality: &Quality, ingested: &Ingested, people: &[&str]) -> Quality {
    let theirs: Vec<(&str, Option<&str>)> = ingested
        .sources
        .iter()
        .filter(|s| people.iter().any(|p| s.findings.people.contains(*p)))
        .map(|s| (s.path.as_str(), s.sheet.as_deref()))
        .collect();
    let table = |path: &str, sheet: &Option<String>| theirs.contains(&(path, sheet.as_deref()));
    let file = |path: &str| theirs.iter().any(|(p, _)| *p == path);
    let others: Vec<&str> = ingested
        .sources
        .iter()
        .map(|s| s.path.as_str())
        .chain(quality.unreadable.iter().map(|u| u.path.as_str()))
        .filter(|p| !file(p))
        .collect();
    Quality {
        inputs: quality
            .inputs
            .iter()
            .filter(|t| table(&t.path, &t.sheet))
            .cloned()
            .collect(),
        ignored: quality
            .ignored
            .iter()
            .filter(|t| file(&t.path))
            .cloned()
            .collect(),
        rejected: quality
            .rejected
            .iter()
            .filter(|r| table(&r.path, &r.sheet))
            .cloned()
            .collect(),
        skipped: quality
            .skipped
            .iter()
            .filter(|r| table(&r.path, &r.sheet))
            .cloned()
            .collect(),
        unreadable: Vec::new(),
        activity_overlaps: quality.activity_overlaps,
        warnings: quality
            .warnings
            .iter()
            .filter(|w| !others.iter().any(|p| w.contains(p)))
            .cloned()
            .collect(),
    }
}

/// Why an input gave no SSI data, on one line.
fn problem_of(ingested: &Ingested) -> String {
    if let Some(f) = ingested.failures.first() {
        return ingest::error_chain(&f.error);
    }
    let tables: Vec<_> = ingested
        .sources
        .iter()
        .filter(|s| s.findings.kind != ingest::TableKind::Ignored)
        .collect();
    if !tables.is_empty()
        && tables
            .iter()
            .all(|s| s.findings.kind == ingest::TableKind::Activity)
    {
        let rows: usize = tables.iter().map(|s| s.findings.activity_rows).sum();
        return format!(
            "activity only ({} in {}), no SSI snapshot (a LinkedIn data export has none); to report on it, give it with the person's SSI tracker and use --each person, which joins them by name",
            render::text::plural(rows, "row", "rows"),
            render::text::plural(tables.len(), "table", "tables")
        );
    }
    let lines = pipeline::usable_problems(ingested);
    const SHOWN: usize = 3;
    match lines.len() {
        0 => "no SSI data found".into(),
        n if n <= SHOWN => format!("no SSI data found: {}", lines.join("; ")),
        n => format!(
            "no SSI data found: {}; and {} more (`ssi-pulse inspect` lists them)",
            lines[..SHOWN].join("; "),
            n - SHOWN
        ),
    }
}

/// Every month from `first` to `last`, both included.
fn month_span(first: Month, last: Month) -> Vec<Option<Month>> {
    let mut out = Vec::new();
    let mut m = first;
    while m <= last {
        out.push(Some(m));
        m = m.next();
    }
    out
}

/// The months a unit gets a report for (`None`: the latest month with a snapshot); why there are none
/// when its snapshots span more than `MAX_MONTHS`.
fn months(dataset: &Dataset, selection: MonthSelection) -> Result<Vec<Option<Month>>, String> {
    Ok(match selection {
        MonthSelection::Latest => vec![None],
        MonthSelection::One(m) => vec![Some(m)],
        MonthSelection::Range(first, last) => month_span(first, last),
        MonthSelection::All => {
            let dates = analysis::frame::dates(&dataset.ssi, crate::model::schema::DATE)
                .map_err(|e| format!("cannot read the snapshot dates: {e}"))?;
            let first = dates.iter().flatten().min().copied();
            let last = dates.iter().flatten().max().copied();
            match (first, last) {
                (Some(a), Some(b)) => {
                    let (a, b) = (Month::of(a), Month::of(b));
                    if crate::config::months_between(a, b) > crate::config::MAX_MONTHS {
                        return Err(format!(
                            "the snapshots run from {a} to {b}, more than {} months; choose the months with --months FIRST..LAST",
                            crate::config::MAX_MONTHS
                        ));
                    }
                    month_span(a, b)
                }
                _ => Vec::new(),
            }
        }
    })
}

/// An index row for a unit or report that failed.
fn failed(unit: &Unit, month: Option<Month>, problem: String) -> Entry {
    Entry {
        report: unit.who.clone(),
        person: None,
        month,
        data_through: None,
        latest_snapshot: None,
        stale: false,
        ssi_decimals: 0,
        status: Status::Failed,
        people: 0,
        ssi: None,
        ssi_change: None,
        weakest_component: None,
        alerts: 0,
        alert_kinds: Vec::new(),
        rejected_rows: 0,
        folder: None,
        problem: Some(problem),
    }
}

/// Analyses, renders and writes one report; returns its index row. Only a write failure is an error
/// (it would fail every other report too); an analysis or drawing failure is a failed row, and a month
/// with no snapshot a row without a report.
fn one_report(cfg: &ReportConfig, unit: &Unit, p: &Prepared, month: Option<Month>) -> Outcome {
    let analysed = match pipeline::analyse(p, month, &cfg.analysis) {
        Ok(a) => a,
        Err(e) => return Ok(unanalysed(unit, month, e)),
    };
    let dir: PathBuf = match &unit.slug {
        Some(s) => cfg.out.join(s),
        None => cfg.out.clone(),
    };
    let options = pipeline::WriteOptions {
        out: &dir,
        charts: &cfg.charts,
        layout: &cfg.layout,
        progress: &indicatif::ProgressBar::hidden(),
        timings: &Timings::new(false),
    };
    let month = analysed.analysis.month;
    match pipeline::write(&options, &analysed, &p.quality) {
        Ok(_) => {}
        // A disk problem would fail every other report too: it stops the batch.
        Err(Error::Render(RenderError::Output(e))) => return Err(e.into()),
        Err(e @ Error::Output(_)) => return Err(e),
        Err(e) => return Ok(failed(unit, Some(month), ingest::error_chain(&e))),
    }
    let folder = match &unit.slug {
        Some(s) => format!("{s}/{month}"),
        None => month.to_string(),
    };
    Ok(written(unit, &analysed.analysis, &p.quality, folder))
}

/// The index row of a month that could not be analysed: no report yet, or a failure.
fn unanalysed(unit: &Unit, month: Option<Month>, e: Error) -> Entry {
    match e {
        Error::Analysis(AnalysisError::MonthBeforeData { first, .. }) => no_report(
            unit,
            month,
            format!("no data yet: the first snapshot is dated {first}"),
        ),
        Error::Analysis(AnalysisError::EmptyMonth { .. }) => {
            no_report(unit, month, "no SSI snapshot is dated in this month".into())
        }
        Error::Model(e) => failed(
            unit,
            month,
            format!("cannot cut the data at the month's end: {e}"),
        ),
        e => failed(unit, month, ingest::error_chain(&e)),
    }
}

fn no_report(unit: &Unit, month: Option<Month>, why: String) -> Entry {
    Entry {
        status: Status::NoReport,
        ..failed(unit, month, why)
    }
}

/// The index row of a written report.
fn written(unit: &Unit, a: &Analysis, quality: &Quality, folder: String) -> Entry {
    let (ssi, ssi_change, weakest) = match a.people.as_slice() {
        [one] => (
            one.month_end.get(SsiColumn::Ssi),
            one.change(SsiColumn::Ssi),
            one.weakest_component,
        ),
        _ => (
            a.team.median.get(SsiColumn::Ssi),
            a.team.median_change.get(SsiColumn::Ssi),
            a.team.weakest_component,
        ),
    };
    let mut kinds: Vec<&'static str> = a
        .outlook
        .iter()
        .flat_map(|o| &o.alerts)
        .map(|alert| alert.kind.key())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    Entry {
        report: unit.who.clone(),
        person: match a.people.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        },
        month: Some(a.month),
        data_through: a.window.in_progress().then_some(a.window.through),
        latest_snapshot: a.people.iter().map(|p| p.month_end.date).max(),
        stale: a
            .outlook
            .iter()
            .flat_map(|o| &o.alerts)
            .any(|x| matches!(x.kind, AlertKind::Stale | AlertKind::NoSnapshot)),
        ssi_decimals: a.ssi_decimals,
        status: Status::Written,
        people: a.people.len(),
        ssi,
        ssi_change,
        weakest_component: weakest.map(|c| c.label()),
        alerts: a.outlook.iter().map(|o| o.alerts.len()).sum(),
        alert_kinds: kinds,
        rejected_rows: quality.rejected.len(),
        folder: Some(folder),
        problem: None,
    }
}

/// A client whose latest snapshot is more than `STALE_DAYS` older than the batch's latest is stale, even
/// when their own report, judged on their data alone, cannot tell: each report's newest month is marked.
fn mark_stale_against_the_batch(entries: &mut [Entry]) {
    let Some(latest) = entries.iter().filter_map(|e| e.latest_snapshot).max() else {
        return;
    };
    let mut newest: std::collections::BTreeMap<&str, Month> = std::collections::BTreeMap::new();
    for e in entries.iter() {
        if let Some(m) = e.month {
            let slot = newest.entry(e.report.as_str()).or_insert(m);
            *slot = (*slot).max(m);
        }
    }
    let newest: std::collections::BTreeMap<String, Month> = newest
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    for e in entries.iter_mut() {
        let is_newest = e.month.is_some() && newest.get(&e.report) == e.month.as_ref();
        let behind = e
            .latest_snapshot
            .is_some_and(|d| (latest - d).num_days() > crate::analysis::alerts::STALE_DAYS);
        if is_newest && behind {
            e.stale = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::time::Duration;

    thread_local!(static DEPTH: Cell<usize> = const { Cell::new(0) });

    /// A group's rows from the index are the rows a filter over every row keeps, in the order read,
    /// whatever the order and repeats of the names asked for.
    #[test]
    fn the_row_index_gives_the_rows_a_filter_gives_in_order() {
        let names = ["Bo", "Al", "Cy", "Al", "Bo", "Al", "Di"];
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            index.entry(n).or_default().push(i);
        }
        for asked in [
            &["Al"][..],
            &["Bo", "Al"],
            &["Al", "Bo", "Al"],
            &["Zed"],
            &["Di", "Cy"],
        ] {
            let filtered: Vec<usize> = (0..names.len())
                .filter(|i| asked.contains(&names[*i]))
                .collect();
            assert_eq!(RowIndex::rows(&index, asked), filtered, "{asked:?}");
        }
    }

    /// Runs `f` counting how deeply jobs nest on one thread; returns the deepest seen.
    fn deepest(map: impl FnOnce(&(dyn Fn(&usize) -> usize + Sync)) -> Vec<usize>) -> usize {
        let other = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let max = AtomicUsize::new(0);
        let job = |i: &usize| {
            let depth = DEPTH.with(|d| {
                d.set(d.get() + 1);
                d.get()
            });
            max.fetch_max(depth, Ordering::Relaxed);
            // Waits for another pool, as every polars call does.
            other.install(|| std::thread::sleep(Duration::from_millis(2)));
            DEPTH.with(|d| d.set(d.get() - 1));
            i * 2
        };
        let out = map(&job);
        assert_eq!(out, (0..40).map(|i| i * 2).collect::<Vec<_>>());
        max.load(Ordering::Relaxed)
    }

    #[test]
    fn jobs_never_nest_on_a_thread_that_waits_for_another_pool() {
        let items: Vec<usize> = (0..40).collect();
        assert_eq!(deepest(|job| parallel_map(&items, 4, job)), 1);
        assert_eq!(deepest(|job| parallel_map(&items, 1, job)), 1);
        assert_eq!(deepest(|job| parallel_map(&items, 100, job)), 1);
        // The check can fail: on a rayon pool the waiting workers take up queued jobs, nesting them.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let nested = deepest(|job| {
            use rayon::prelude::*;
            pool.install(|| items.par_iter().with_max_len(1).map(job).collect())
        });
        assert!(nested > 1, "rayon nested {nested}");
    }

    #[test]
    fn no_items_and_results_in_item_order() {
        let none: Vec<u32> = Vec::new();
        assert!(parallel_map(&none, 3, |x| *x).is_empty());
        let items: Vec<u64> = (0..200).collect();
        let out = parallel_map(&items, 3, |&x| {
            // Later items finish first.
            std::thread::sleep(Duration::from_micros(200 - x));
            x * x
        });
        assert_eq!(out, items.iter().map(|x| x * x).collect::<Vec<_>>());
    }
}
