//! ssi-pulse links LinkedIn Social Selling Index (SSI) changes to the activity that moved them: it reads
//! tracking spreadsheets, analyses them with polars and writes charts, a monthly report and a JSON summary.
//!
//! Data flows one way: `ingest` (files to rows) -> `model` (the tidy dataset) -> `analysis` (typed results)
//! -> `render` (artifacts as bytes) -> `output` (the only writer). `run` wires them for each command.

pub mod analysis;
pub mod artifact;
pub mod batch;
pub mod cli;
pub mod config;
pub mod error;
pub mod ingest;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod own_output;
pub mod pipeline;
pub mod render;
pub mod sample;
pub mod timings;

use cli::{Cli, Command};
use config::ReportConfig;
pub use error::Error;
use ingest::TableKind;
use render::RenderError;

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), Error> {
    ingest::install_panic_guard();
    interrupt::install();
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
                Err(Error::NoData(pipeline::nothing_usable(
                    &ingested,
                    "SSI or activity",
                )))
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

/// The `report` command.
pub fn report(cfg: &ReportConfig) -> Result<(), Error> {
    if cfg.default_input && !std::path::Path::new(config::DEFAULT_INPUT).is_dir() {
        return Err(Error::Usage(format!(
            "no INPUT given and no {}/ folder here; name the files or folders to read, e.g. ssi-pulse report tracker.xlsx",
            config::DEFAULT_INPUT
        )));
    }
    let timings = timings::Timings::new(cfg.timings);
    let (lock, cleared) = output::OutputLock::acquire(&cfg.out, cfg.wait, |holder| {
        output::warn(&format!(
            "waiting for another ssi-pulse run ({holder}) to finish writing to '{}'",
            cfg.out.display()
        ))
    })?;
    for line in &cleared {
        output::warn(line);
    }
    let result = if cfg.is_batch() {
        batch::run(cfg, &timings)
    } else {
        report_stages(cfg, &timings)
    };
    drop(lock);
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
    stop_if_interrupted(cfg)?;
    if ingested.ssi.is_empty() {
        return Err(Error::NoData(pipeline::nothing_usable(&ingested, "SSI")));
    }
    for failure in &ingested.failures {
        output::warn(&format!(
            "skipped {}: {}",
            failure.path,
            ingest::error_chain(&failure.error)
        ));
    }
    let prepared = pipeline::prepare_all(&ingested)?;
    // The rows as read are in the tidy tables now; a large team's rows are hundreds of megabytes.
    drop(ingested);
    timings.lap("tidy tables");
    let analysed = pipeline::analyse(&prepared, cfg.month, &cfg.analysis)?;
    timings.lap("analyse");
    stop_if_interrupted(cfg)?;
    progress.set_message("drawing charts");
    let options = pipeline::WriteOptions {
        out: &cfg.out,
        charts: &cfg.charts,
        layout: &cfg.layout,
        progress: &progress,
        timings,
    };
    let written = pipeline::write(&options, &analysed, &prepared.quality)?;
    progress.finish_and_clear();
    if let Some(table) = timings.table() {
        eprint!("{table}");
    }
    let quality = &prepared.quality;
    let rejected = quality.rejected.len();
    if rejected > 0 {
        output::warn(&format!(
            "{} not used; report.md (Data quality) and data/rejected.csv list each with its reason",
            render::text::plural(rejected, "input row was", "input rows were")
        ));
    }
    if !cfg.quiet {
        say_written(&written);
    }
    strict_check(cfg, quality, &written.dir)
}

/// Ends the run after Ctrl-C, before anything is written.
fn stop_if_interrupted(cfg: &ReportConfig) -> Result<(), Error> {
    if interrupt::requested() {
        return Err(output::OutputError::Interrupted {
            path: cfg.out.clone(),
        }
        .into());
    }
    Ok(())
}

/// The line saying what a report wrote.
fn say_written(written: &pipeline::Written) {
    let pages = written.person_pages;
    output::say(&format!(
        "wrote {} ({} files: report.md, report.html, {}summary.json, {} charts{}, data/)",
        written.dir.display(),
        written.files + written.person_files,
        if written.workbook {
            "report.xlsx, "
        } else {
            ""
        },
        written.charts,
        if pages > 0 {
            format!(", {pages} person pages in people/")
        } else {
            String::new()
        }
    ));
}

/// With `--strict`, a report written from unreadable files or rejected rows is a failure.
fn strict_check(
    cfg: &ReportConfig,
    quality: &model::quality::Quality,
    dir: &std::path::Path,
) -> Result<(), Error> {
    let rejected = quality.rejected.len();
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
