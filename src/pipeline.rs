//! The report pipeline shared by a single report and by batches: prepare (rows read -> tidy tables and
//! the data-quality account), analyse (one month), and render and write (a month's folder, staged and
//! swapped in whole). `lib` runs it once; `batch` runs it per report. It decides nothing about which
//! reports to make and prints nothing.

use crate::analysis::{self, Analysis, AnalysisOptions, Settings};
use crate::error::Error;
use crate::ingest::grid::sheet_label;
use crate::ingest::{self, Ingested, TableKind};
use crate::model::quality::Quality;
use crate::model::records::{ActivityTable, SsiRow};
use crate::model::{Dataset, Month};
use crate::render::{self, ChartOptions, ReportContext};
use crate::timings::Timings;
use crate::{model, output};
use std::path::{Path, PathBuf};

/// A report's tidy tables and data-quality account.
pub struct Prepared {
    /// The tidy tables.
    pub dataset: Dataset,
    /// Every input row used, rejected or skipped, and the warnings.
    pub quality: Quality,
}

/// Every row read, merged as a single report merges them.
pub fn prepare_all(ingested: &Ingested) -> Result<Prepared, Error> {
    prepare(
        ingested,
        &ingested.ssi,
        &ingested.activity,
        ingest::quality(ingested),
    )
}

/// The given rows of what was read (all of them, or one person's) with the data-quality account of the
/// inputs, plus what merging the tables found.
pub fn prepare(
    ingested: &Ingested,
    ssi: &[SsiRow],
    activity: &[ActivityTable],
    mut quality: Quality,
) -> Result<Prepared, Error> {
    let (mut dataset, overlaps) = Dataset::from_rows(ssi, activity)?;
    dataset.memberships = memberships_of(ingested, ssi, activity).into();
    note_merge_problems(&mut quality, ingested, &overlaps, &dataset)?;
    Ok(Prepared { dataset, quality })
}

/// The groups named for the people of these rows; all of them (a roster's people without data too)
/// when the rows are every row read.
fn memberships_of(
    ingested: &Ingested,
    ssi: &[SsiRow],
    activity: &[ActivityTable],
) -> Vec<crate::model::records::Membership> {
    let all = ssi.len() == ingested.ssi.len()
        && activity.iter().map(|t| t.rows.len()).sum::<usize>()
            == ingested
                .activity
                .iter()
                .map(|t| t.rows.len())
                .sum::<usize>();
    if all {
        return ingested.memberships.clone();
    }
    let people: std::collections::HashSet<&str> = ssi
        .iter()
        .map(|r| r.person.as_str())
        .chain(
            activity
                .iter()
                .flat_map(|t| t.rows.iter().map(|r| r.person.as_str())),
        )
        .collect();
    let keys: std::collections::HashSet<String> =
        people.into_iter().map(model::collate::name_key).collect();
    ingested
        .memberships
        .iter()
        .zip(ingested.membership_keys())
        .filter(|(_, key)| keys.contains(*key))
        .map(|(m, _)| m.clone())
        .collect()
}

/// A month analysed, and the tidy tables it used (cut at the month's end).
pub struct Analysed {
    /// The results.
    pub analysis: Analysis,
    /// The rows up to the month's end, for the data tables.
    pub used: Dataset,
}

/// Analyses one month (`None`: the latest with a snapshot).
pub fn analyse(
    prepared: &Prepared,
    month: Option<Month>,
    settings: &Settings,
) -> Result<Analysed, Error> {
    let analysis = analysis::analyse(
        &prepared.dataset,
        &AnalysisOptions {
            month,
            settings: settings.clone(),
        },
    )?;
    let used = prepared.dataset.up_to(analysis.month.last_day())?;
    Ok(Analysed { analysis, used })
}

/// Where and how a report is written.
pub struct WriteOptions<'a> {
    /// The folder that receives the month's folder.
    pub out: &'a Path,
    /// Chart settings.
    pub charts: &'a ChartOptions,
    /// The sections of report.md and their order.
    pub layout: &'a crate::render::layout::Layout,
    /// Advanced as each person's page is written.
    pub progress: &'a indicatif::ProgressBar,
    /// Stage timings ("render", then "write").
    pub timings: &'a Timings,
}

/// What a written report holds.
#[derive(Debug)]
pub struct Written {
    /// The month's folder.
    pub dir: PathBuf,
    /// The report's own files (report.md, report.html, summary.json, charts, data tables).
    pub files: usize,
    /// Chart files among them.
    pub charts: usize,
    /// True when report.xlsx was written.
    pub workbook: bool,
    /// Person pages written (teams only).
    pub person_pages: usize,
    /// Files written for person pages (pages and their charts).
    pub person_files: usize,
}

/// Renders a month's report and writes it into `out/<YYYY-MM>/`: person pages as they are drawn,
/// report.md, report.html, summary.json, the data tables and report.xlsx as each is made, the report's
/// charts after, and the folder swapped in only once everything is written.
pub fn write(
    options: &WriteOptions<'_>,
    analysed: &Analysed,
    quality: &Quality,
) -> Result<Written, Error> {
    let analysis = &analysed.analysis;
    let staging = output::Staging::begin(options.out, &analysis.month.to_string())?;
    if analysis.is_team() {
        person_progress(options.progress, analysis.people.len());
    }
    let rendered = render::render_report(ReportContext {
        analysis,
        quality,
        dataset: &analysed.used,
        charts: options.charts,
        layout: options.layout,
        person_sink: &|files: &[render::Artifact]| {
            staging.write(files)?;
            options.progress.inc(1);
            Ok(())
        },
        file_sink: &|files: &[render::Artifact]| staging.write(files),
    })?;
    options.timings.lap("render");
    options.progress.set_message("writing");
    let artifacts = rendered.artifacts;
    staging.write(&artifacts)?;
    let dir = staging.commit()?;
    for warning in &rendered.warnings {
        crate::output::warn(&format!("{}: {warning}", dir.display()));
    }
    options.timings.lap("write");
    Ok(Written {
        dir,
        files: artifacts.len() + rendered.written.len(),
        charts: artifacts
            .iter()
            .filter(|a| a.path.starts_with("charts"))
            .count(),
        workbook: rendered
            .written
            .iter()
            .any(|p| p.as_path() == std::path::Path::new("report.xlsx")),
        person_pages: rendered.person_pages,
        person_files: rendered.person_files,
    })
}

/// Turns the bar into a count of person pages.
fn person_progress(progress: &indicatif::ProgressBar, people: usize) {
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg} {bar:30} {pos}/{len}")
    {
        progress.set_style(style);
    }
    progress.set_message("drawing person pages");
    progress.set_length(people as u64);
    progress.set_position(0);
}

/// Explains why nothing usable was found, file by file.
pub fn nothing_usable(ingested: &Ingested, what: &str) -> String {
    let mut msg = format!("no {what} data found in the inputs");
    if ingested.sources.is_empty() && ingested.failures.is_empty() {
        msg.push_str(&format!(" ({})", ingest::NO_SUPPORTED_FILES));
    }
    for line in usable_problems(ingested) {
        msg.push_str("\n  ");
        msg.push_str(&line);
    }
    msg.push_str("\nexpected a header row with a date column and SSI columns, e.g. Date | SSI | Brand | People | Insights | Relationships (run `ssi-pulse inspect FILE` to see what is found)");
    msg
}

/// What each table and file held instead of SSI data, one line each.
pub fn usable_problems(ingested: &Ingested) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &ingested.sources {
        let where_ = match &s.sheet {
            Some(sheet) => format!("'{}' {}", s.path, sheet_label(sheet)),
            None => format!("'{}'", s.path),
        };
        let f = &s.findings;
        lines.push(match f.kind {
            TableKind::Activity => format!(
                "{where_}: activity only ({} rows), no SSI columns",
                f.activity_rows
            ),
            TableKind::Ignored => format!(
                "{where_}: {}",
                f.ignored_reason.as_deref().unwrap_or("nothing to analyse")
            ),
            _ => format!(
                "{where_}: {} rows read, none usable{}",
                f.rows_read,
                f.rejections
                    .first()
                    .map(|r| format!(" (first problem: {}: {})", r.location, r.reason))
                    .unwrap_or_default()
            ),
        });
    }
    for failure in &ingested.failures {
        lines.push(format!(
            "{}: {}",
            failure.path,
            ingest::error_chain(&failure.error)
        ));
    }
    lines
}

/// How many activity overlaps are listed one by one before the rest are counted.
const MAX_LISTED_OVERLAPS: usize = 20;

/// Adds to the data-quality account what merging the tables found: activity values given twice for the
/// same person, date and metric, and activity for people with no SSI snapshot.
fn note_merge_problems(
    quality: &mut Quality,
    ingested: &Ingested,
    overlaps: &[model::dataset::ActivityOverlap],
    dataset: &Dataset,
) -> Result<(), Error> {
    let place = |(source, row): (usize, u32)| ingested.sources[source].row_place(row).to_string();
    quality.activity_overlaps = overlaps.len();
    for o in overlaps.iter().take(MAX_LISTED_OVERLAPS) {
        quality.warnings.push(format!(
            "{}: {} for {} on {} {} the value in {}, which is used",
            place(o.dropped),
            o.metric,
            o.person,
            o.date,
            if o.same_value {
                "repeats"
            } else {
                "differs from"
            },
            place(o.kept)
        ));
    }
    if overlaps.len() > MAX_LISTED_OVERLAPS {
        quality.warnings.push(format!(
            "{} more activity values were given twice; the first of each is used",
            overlaps.len() - MAX_LISTED_OVERLAPS
        ));
    }
    for (person, rows) in dataset.activity_only_people()? {
        quality.warnings.push(if person == ingest::person::UNNAMED_PERSON {
            format!(
                "{rows} activity rows from files whose names name no one (filed under '{person}') have no SSI snapshot, so that activity is not in the report (name its person with --person or a person column)"
            )
        } else {
            format!(
                "{person} has {rows} activity rows but no SSI snapshot, so that activity is not in the report (check the person's name matches across files)"
            )
        });
    }
    Ok(())
}
