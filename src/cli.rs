//! The command line, as clap derive types only: commands, flags, defaults and help text. Validation into a
//! run configuration happens in `config`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Links LinkedIn SSI changes to the activity that moved them.
///
/// Reads SSI tracking spreadsheets (xlsx, xlsm, xlsb, xls, ods, CSV) and writes charts, a monthly
/// markdown report and a machine-readable summary.
#[derive(Debug, Parser)]
#[command(name = "ssi-pulse", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the monthly report: report.md, summary.json, charts and the tidy data tables.
    #[command(after_help = REPORT_HELP)]
    Report(Box<ReportArgs>),
    /// Show what ssi-pulse finds in each file and sheet: table type, header row, column mapping.
    #[command(after_help = INSPECT_HELP)]
    Inspect(InspectArgs),
    /// Write realistic, deterministic sample workbooks to try ssi-pulse on.
    #[command(after_help = SAMPLE_HELP)]
    Sample(SampleArgs),
}

const REPORT_HELP: &str = "\
Outputs (in DIR/<YYYY-MM>/):
  report.md            the monthly report, charts embedded by relative path
  summary.json         machine-readable summary (schema: docs/summary-schema.md)
  charts/*.png, *.svg  ssi_trend and components
  data/ssi.csv         the validated SSI snapshots used, canonical columns, ISO dates
  data/activity.csv    the validated activity used

Batches (--each file|person|group|folder, --months, --all-months):
  DIR/<name>/<YYYY-MM>/  one report as above per input file, person, group or client folder and month
                         (DIR/<YYYY-MM>/ with --each none)
  DIR/index.md, .html    one row per report: who, month, SSI and change, weakest component, alerts,
                         link; sorted by alerts, then by change; inputs that failed listed with the error
  DIR/index.csv, .json   the same rows for spreadsheets and scripts
  A failing input does not stop the batch; the exit code is 1 only when no report could be written.

Examples:
  ssi-pulse report                              # reads sample_data/, writes output/<month>/
  ssi-pulse report tracker.xlsx --month 2026-09 --out reports
  ssi-pulse report team/ --formats png
  ssi-pulse report clients/ --each file --out reports          # one report per client workbook
  ssi-pulse report team.xlsx --each person --months 2025-11..2026-10
  ssi-pulse report team.xlsx roster.csv --each group --group-by manager
  ssi-pulse report clients/ --each folder --out reports        # one per clients/<name>/ folder";

const INSPECT_HELP: &str = "\
Examples:
  ssi-pulse inspect tracker.xlsx
  ssi-pulse inspect sample_data --json";

const SAMPLE_HELP: &str = "\
Writes 'Alex Morgan.xlsx' (one person's tracker), 'team_export.xlsx' (12 people) and 'Sam Rivera.csv'.
The committed sample_data/ folder is exactly what `ssi-pulse sample --out sample_data` writes.

With --people N [--weeks W] writes a generated team instead: team_<N>x<W>.xlsx (sheets \"SSI\" and
\"Activity\") and the same tables as team_<N>x<W>_ssi.csv and team_<N>x<W>_activity.csv; from
1,048,576 rows (N x W), more than a sheet holds, the CSV files only.

Examples:
  ssi-pulse sample --out /tmp/ssi-samples --seed 42
  ssi-pulse sample --people 200 --weeks 104 --out /tmp/bench";

/// Options shared by the commands that read inputs.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The person for tables with no person column (default: the file name without extension).
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Day/month order for dates like 05/10/2025 when no date in the column settles it
    /// (a day above 12 does). Default: month-first, noted in the report.
    #[arg(long, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// The encoding of text files that are neither UTF-8 nor UTF-16, when the guess is wrong: a WHATWG
    /// label such as windows-1252, iso-8859-2, shift_jis, euc-jp, gbk, big5 or euc-kr (default: guessed;
    /// `inspect` shows the guess).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Map a header ssi-pulse does not know, e.g. --column "Datum=date" or --column "Coffee chats=coffee_chats"
    /// (repeatable; the target is a canonical column, an activity metric name of your own, or ignore).
    #[arg(long = "column", value_name = "HEADER=NAME")]
    pub columns: Vec<String>,
    /// Rows dated after this day are rejected as future dates (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Settings file (default: ssi-pulse.toml next to the first input that has one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Refuse input files larger than this many MiB.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_file_mb: u64,
    /// Refuse xlsx, xlsb, ods and ZIP archives whose content unpacks to more than this many MiB.
    #[arg(long, value_name = "MB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_unpacked_mb: u64,
    /// Refuse a sheet or text file with more rows than this.
    #[arg(long, value_name = "N", default_value_t = 2_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_rows: u64,
    /// Refuse a sheet or text file with more cells than this.
    #[arg(long, value_name = "N", default_value_t = 30_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
}

/// `--date-order` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// 10/05/2025 is October 5.
    MonthFirst,
    /// 10/05/2025 is 10 May.
    DayFirst,
}

/// `--each`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EachArg {
    /// One report for every input together.
    None,
    /// One report per input file or LinkedIn archive.
    File,
    /// One report per person found across the inputs.
    Person,
    /// One report per group (team, region, manager... as --group-by picks), for each group's manager.
    Group,
    /// One report per immediate subfolder of each input folder (a coach's clients/<name>/), everything
    /// inside a subfolder read together.
    Folder,
}

/// `--theme`.
/// `--person-pages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PersonPagesArg {
    /// Pages with their charts.
    Full,
    /// Pages without charts.
    Md,
    /// No person pages.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark ink on white.
    Light,
    /// Light ink on near-black.
    Dark,
}

/// `report` options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders to read (folders are scanned for .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt).
    /// Default: sample_data/.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder; the report goes to DIR/<YYYY-MM>/.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Report month (default: the latest month that has a snapshot).
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["months", "all_months"])]
    pub month: Option<String>,
    /// One report per month from FIRST to LAST (inclusive), each using only data up to its month's end.
    #[arg(long, value_name = "FIRST..LAST", conflicts_with = "all_months")]
    pub months: Option<String>,
    /// One report per month, from the first month with a snapshot to the last.
    #[arg(long)]
    pub all_months: bool,
    /// One report per input file or LinkedIn archive (file), per person (person), per group (group),
    /// per client folder (folder), or one for all inputs together (none). Except with none, reports go
    /// to DIR/<name>/<YYYY-MM>/ and an index of them all to DIR/index.{md,html,csv,json}.
    #[arg(long, value_enum, value_name = "WHAT", default_value = "none")]
    pub each: EachArg,
    /// Reports drawn at once in a batch (default: one per core). The output is the same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// Output formats, comma-separated: chart images (png, svg; at least one) and xlsx (report.xlsx with
    /// native, editable charts, and index.xlsx for a batch).
    #[arg(long, value_name = "LIST", default_value = "png,svg,xlsx")]
    pub formats: String,
    /// Chart size in pixels (16:9 suits slides).
    #[arg(long, value_name = "WxH", default_value = "1600x900")]
    pub size: String,
    /// A team's person pages: full (people/<name>.md and .html with their charts), md (the pages
    /// without charts, much faster for large teams) or none (no people/ folder; report.md does not
    /// link them).
    #[arg(long, value_enum, value_name = "WHICH", default_value = "full")]
    pub person_pages: PersonPagesArg,
    /// Chart colours: light (dark ink on white) or dark (light ink on near-black).
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeArg,
    /// Charts without a background, for slides with their own.
    #[arg(long)]
    pub transparent: bool,
    /// Who reads report.md: manager (people first, statistics in an appendix), rep (a team report is a
    /// list of person pages, without team statistics) or client (a coach's client update: the person,
    /// their progress and advice, no statistics tables).
    #[arg(long, value_name = "WHO")]
    pub audience: Option<String>,
    /// The sections of report.md in order, comma-separated, overriding the audience's: glance, summary,
    /// pages, leaderboard, groups, alerts, people, components, activity, targets, charts, needle, quality, guide.
    #[arg(long, value_name = "LIST")]
    pub sections: Option<String>,
    /// The group column a team report compares by: team, region, manager, office, department, squad,
    /// pod, territory, segment, business_unit or cohort (or a header naming one); the first of team,
    /// region, manager found by default.
    #[arg(long, value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// No progress bar and no summary line (warnings and errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the wall time and the most resident memory of each stage (read, tidy, analyse, render, write)
    /// and the peak memory to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Seconds to wait while another ssi-pulse run writes to the same --out (0: fail at once).
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub wait: u64,
    /// Fail (exit 1) when any input row is rejected or, in a batch, any input or report fails; every
    /// report is still written.
    #[arg(long)]
    pub strict: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `inspect` options.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Files or folders to inspect.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `sample` options.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Folder to write the samples into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "sample_data")]
    pub out: PathBuf,
    /// Random seed; the same seed always gives the same files.
    #[arg(long, value_name = "N", default_value_t = crate::sample::DEFAULT_SEED)]
    pub seed: u64,
    /// Instead of the three samples, generate a team of N people (team_<N>x<W>.xlsx with "SSI" and
    /// "Activity" sheets, and the same tables as two CSV files; only the CSV files when the rows are more
    /// than a sheet holds), for trying ssi-pulse at scale.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub people: Option<u32>,
    /// Weekly snapshots per person in a generated team (with --people).
    #[arg(long, value_name = "W", requires = "people", default_value_t = 78, value_parser = clap::value_parser!(u32).range(2..=1_000))]
    pub weeks: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
