//! ssi-pulse links LinkedIn Social Selling Index (SSI) changes to the activity that moved them: it reads
//! tracking spreadsheets, analyses them with polars and writes charts, a monthly report and a JSON summary.
//!
//! Data flows one way: `ingest` (files to rows) -> `model` (the tidy dataset) -> `analysis` (typed results)
//! -> `render` (artifacts as bytes) -> `output` (the only writer). `run` wires them for each command.

pub mod analysis;
pub mod batch;
pub mod cli;
pub mod config;
pub mod ingest;
pub mod model;
pub mod output;
pub mod render;
pub mod sample;
pub mod timings;

use analysis::{AnalysisError, AnalysisOptions};
use cli::{Cli, Command};
use config::ReportConfig;
use ingest::{IngestError, Ingested, TableKind};
use model::Dataset;
use render::{RenderError, ReportContext};
use thiserror::Error;

/// Why a command failed; each maps to an exit code.
#[derive(Debug, Error)]
pub enum Error {
    /// Bad arguments (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An input could not be read at all (exit 1).
    #[error(transparent)]
    Input(#[from] IngestError),
    /// Nothing usable in the inputs (exit 1).
    #[error("{0}")]
    NoData(String),
    /// The analysis could not run (exit 1 for data problems, 3 otherwise).
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// Building the tidy tables failed (exit 3).
    #[error("cannot build the tidy tables")]
    Model(#[from] polars::prelude::PolarsError),
    /// Rendering failed (exit 3).
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A sample workbook could not be built (exit 3).
    #[error("cannot build the sample workbooks")]
    Sample(#[source] rust_xlsxwriter::XlsxError),
    /// `--strict` and some rows were rejected (exit 1).
    #[error("--strict is set and {0}")]
    Strict(String),
    /// Writing failed (exit 3).
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

impl Error {
    /// The process exit code: 1 input or data problem, 2 usage, 3 output or internal.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Input(_) | Error::NoData(_) | Error::Strict(..) => 1,
            Error::Analysis(AnalysisError::Polars(_)) => 3,
            Error::Analysis(_) => 1,
            Error::Model(_) | Error::Render(_) | Error::Output(_) | Error::Sample(_) => 3,
        }
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Report(args) => {
            let cfg = ReportConfig::from_args(&args).map_err(Error::Usage)?;
            report(&cfg)
        }
        Command::Inspect(args) => {
            let options =
                config::ingest_options(&args.input, &args.inputs).map_err(Error::Usage)?;
            let ingested = ingest::read_inputs(&args.inputs, &options)?;
            if args.json {
                let bytes = render::inspect::json(&ingested).map_err(RenderError::Json)?;
                output::say(String::from_utf8_lossy(&bytes).trim_end());
            } else {
                output::say(render::inspect::text(&ingested).trim_end());
            }
            let found = ingested
                .sources
                .iter()
                .any(|s| s.findings.kind != TableKind::Ignored);
            if found {
                Ok(())
            } else {
                Err(Error::NoData(nothing_usable(&ingested, "SSI or activity")))
            }
        }
        Command::Sample(args) => {
            let files = match args.people {
                Some(people) => {
                    sample::scaled_samples(args.seed, people as usize, args.weeks as usize)
                }
                None => sample::samples(args.seed),
            }
            .map_err(Error::Sample)?;
            for path in output::write_files(&args.out, &files)? {
                output::say(&format!("wrote {}", path.display()));
            }
            Ok(())
        }
    }
}

/// Explains why nothing usable was found, file by file.
pub(crate) fn nothing_usable(ingested: &Ingested, what: &str) -> String {
    let mut msg = format!("no {what} data found in the inputs");
    if ingested.sources.is_empty() && ingested.failures.is_empty() {
        msg.push_str(
            " (no .xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv or .txt files in the given folders)",
        );
    }
    for line in usable_problems(ingested) {
        msg.push_str("\n  ");
        msg.push_str(&line);
    }
    msg.push_str("\nexpected a header row with a date column and SSI columns, e.g. Date | SSI | Brand | People | Insights | Relationships (run `ssi-pulse inspect FILE` to see what is found)");
    msg
}

/// What each table and file held instead of SSI data, one line each.
pub(crate) fn usable_problems(ingested: &Ingested) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &ingested.sources {
        let where_ = match &s.sheet {
            Some(sheet) => format!("'{}' sheet '{sheet}'", s.path),
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
pub(crate) fn note_merge_problems(
    quality: &mut model::quality::Quality,
    ingested: &Ingested,
    overlaps: &[model::dataset::ActivityOverlap],
    dataset: &Dataset,
) -> Result<(), Error> {
    let place = |(source, row): (usize, u32)| {
        let s = &ingested.sources[source];
        match &s.sheet {
            Some(sheet) => format!("{} sheet '{sheet}' row {row}", s.path),
            None => format!("{} row {row}", s.path),
        }
    };
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
        quality.warnings.push(format!(
            "{person} has {rows} activity rows but no SSI snapshot, so that activity is not in the report (check the person's name matches across files)"
        ));
    }
    Ok(())
}

/// The `report` command.
pub fn report(cfg: &ReportConfig) -> Result<(), Error> {
    if cfg.default_input && !std::path::Path::new(config::DEFAULT_INPUT).is_dir() {
        return Err(Error::Usage(format!(
            "no INPUT given and no {}/ folder here; name the files or folders to read, e.g. ssi-pulse report tracker.xlsx",
            config::DEFAULT_INPUT
        )));
    }
    let timings = timings::Timings::new(cfg.timings);
    let result = if cfg.is_batch() {
        batch::run(cfg, &timings)
    } else {
        report_stages(cfg, &timings)
    };
    // A failed run still shows how far it got and its peak memory.
    if result.is_err() {
        if let Some(table) = timings.table() {
            eprint!("{table}");
        }
    }
    result
}

/// The stages of `report`, timed into `timings`.
fn report_stages(cfg: &ReportConfig, timings: &timings::Timings) -> Result<(), Error> {
    let progress = output::progress(cfg.quiet);
    progress.set_message("reading inputs");
    let ingested = ingest::read_inputs(&cfg.inputs, &cfg.ingest)?;
    timings.lap("read inputs");
    if ingested.ssi.is_empty() {
        return Err(Error::NoData(nothing_usable(&ingested, "SSI")));
    }
    for failure in &ingested.failures {
        output::warn(&format!(
            "skipped {}: {}",
            failure.path,
            ingest::error_chain(&failure.error)
        ));
    }
    let (dataset, overlaps) = Dataset::from_rows(&ingested.ssi, &ingested.activity)?;
    let mut quality = ingest::quality(&ingested);
    note_merge_problems(&mut quality, &ingested, &overlaps, &dataset)?;
    timings.lap("tidy tables");
    let analysis = analysis::analyse(
        &dataset,
        &AnalysisOptions {
            month: cfg.month,
            settings: cfg.analysis.clone(),
        },
    )?;
    let used = dataset.up_to(analysis.month.last_day())?;
    timings.lap("analyse");
    progress.set_message("drawing charts");
    let staging = output::Staging::begin(&cfg.out, &analysis.month.to_string())?;
    let rendered = render::render_report(ReportContext {
        analysis: &analysis,
        quality: &quality,
        dataset: &used,
        charts: &cfg.charts,
        progress: &progress,
        timings,
        person_sink: &|files: &[render::Artifact]| staging.write(files),
    })?;
    progress.set_message("writing");
    let artifacts = rendered.artifacts;
    staging.write(&artifacts)?;
    let dir = staging.commit()?;
    timings.lap("write");
    progress.finish_and_clear();
    if let Some(table) = timings.table() {
        eprint!("{table}");
    }
    let rejected = quality.rejected.len();
    if rejected > 0 {
        output::warn(&format!(
            "{} not used; report.md (Data quality) and data/rejected.csv list each with its reason",
            render::text::plural(rejected, "input row was", "input rows were")
        ));
    }
    if !cfg.quiet {
        let pages = rendered.person_pages;
        output::say(&format!(
            "wrote {} ({} files: report.md, report.html, summary.json, {} charts{}, data/)",
            dir.display(),
            artifacts.len() + rendered.person_files,
            artifacts
                .iter()
                .filter(|a| a.path.starts_with("charts"))
                .count(),
            if pages > 0 {
                format!(", {pages} person pages in people/")
            } else {
                String::new()
            }
        ));
    }
    if cfg.strict && !quality.unreadable.is_empty() {
        return Err(Error::Strict(format!(
            "{} not be read (report.md lists them)",
            render::text::plural(
                quality.unreadable.len(),
                "input file could",
                "input files could"
            )
        )));
    }
    if cfg.strict && rejected > 0 {
        return Err(Error::Strict(format!(
            "{} rejected; data/rejected.csv in {} lists them",
            render::text::plural(rejected, "input row was", "input rows were"),
            dir.display()
        )));
    }
    Ok(())
}
