//! Turns raw command-line arguments into validated run configurations (month parsed, formats checked,
//! default input resolved). Lower layers take these types and never see clap.

use crate::analysis::Settings;
use crate::cli::{DateOrderArg, EachArg, InputArgs, PersonPagesArg, ReportArgs, ThemeArg};
use crate::ingest::headers::HeaderMap;
use crate::ingest::limits::{Limits, MIB};
use crate::ingest::values::DateOrder;
use crate::ingest::IngestOptions;
use crate::model::Month;
use crate::render::charts::theme::ThemeName;
use crate::render::layout::{Audience, Layout};
use crate::render::{ChartOptions, ImageFormat, PersonPages};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::path::PathBuf;

/// The folder read when `report` gets no INPUT.
pub const DEFAULT_INPUT: &str = "sample_data";

/// A validated `report` run.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// True when no INPUT was given and `DEFAULT_INPUT` is used.
    pub default_input: bool,
    /// Output folder (the month folder goes inside).
    pub out: PathBuf,
    /// The report month, when given.
    pub month: Option<Month>,
    /// Chart settings.
    pub charts: ChartOptions,
    /// The sections of report.md: the audience's preset or a list chosen by name.
    pub layout: crate::render::layout::Layout,
    /// Ingestion options.
    pub ingest: IngestOptions,
    /// Analysis settings from the settings file.
    pub analysis: Settings,
    /// Any rejected row makes the run fail.
    pub strict: bool,
    /// No progress bar and no summary line.
    pub quiet: bool,
    /// Print stage timings to stderr.
    pub timings: bool,
    /// Which months get a report.
    pub months: MonthSelection,
    /// One report for all inputs, per file or per person.
    pub each: Each,
    /// Threads for a batch (`None`: one per core).
    pub jobs: Option<usize>,
    /// How long to wait while another run holds the output folder.
    pub wait: std::time::Duration,
}

impl ReportConfig {
    /// True when the run writes several reports and an index (`--each file|person`, `--months`,
    /// `--all-months`).
    pub fn is_batch(&self) -> bool {
        self.each != Each::None
            || matches!(self.months, MonthSelection::Range(..) | MonthSelection::All)
    }
}

/// How inputs are split into reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Each {
    /// One report for every input together.
    None,
    /// One per input file or LinkedIn archive.
    File,
    /// One per person.
    Person,
    /// One per group (team, region...), with its people.
    Group,
    /// One per immediate subfolder of each input folder, everything inside it read together.
    Folder,
}

/// Which months get a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthSelection {
    /// The latest month with a snapshot.
    Latest,
    /// One given month.
    One(Month),
    /// Every month from the first to the last, inclusive.
    Range(Month, Month),
    /// Every month from the first with a snapshot to the last.
    All,
}

/// The most months one batch reports on, per input (twenty years).
pub const MAX_MONTHS: u32 = 240;

/// Months from `first` to `last`, both counted (0 when `last` comes first).
pub fn months_between(first: Month, last: Month) -> u32 {
    let mut n = 0;
    let mut m = first;
    while m <= last && n <= MAX_MONTHS {
        n += 1;
        m = m.next();
    }
    n
}

/// Parses `--months FIRST..LAST`.
pub fn parse_month_range(text: &str) -> Result<(Month, Month), String> {
    let bad = |why: String| {
        format!("--months '{text}': {why}; write it as FIRST..LAST, e.g. 2025-11..2026-10")
    };
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| bad("no '..' between the months".into()))?;
    let first: Month = a.trim().parse().map_err(bad)?;
    let last: Month = b.trim().parse().map_err(bad)?;
    if last < first {
        return Err(bad(format!("{last} comes before {first}")));
    }
    if months_between(first, last) > MAX_MONTHS {
        return Err(bad(format!("more than {MAX_MONTHS} months")));
    }
    Ok((first, last))
}

/// Parses `--formats`: the chart image formats (at least one, since report.md shows the charts), and
/// whether report.xlsx is written.
pub fn parse_formats(list: &str) -> Result<(Vec<ImageFormat>, bool), String> {
    let mut formats = Vec::new();
    let mut workbook = false;
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let f = match part.to_ascii_lowercase().as_str() {
            "png" => ImageFormat::Png,
            "svg" => ImageFormat::Svg,
            "xlsx" => {
                workbook = true;
                continue;
            }
            other => {
                return Err(format!(
                    "unknown format '{other}' in --formats; use png, svg and xlsx, e.g. png,svg"
                ))
            }
        };
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    if formats.is_empty() {
        return Err(
            "--formats needs png or svg (report.md shows the charts), e.g. png,svg or png,xlsx"
                .into(),
        );
    }
    formats.sort();
    Ok((formats, workbook))
}

/// Smallest and largest chart side accepted by `--size`.
pub const CHART_SIDE: (u32, u32) = (320, 4000);

/// Parses `--size WxH`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("--size '{text}' is not WIDTHxHEIGHT in pixels, e.g. 1600x900");
    let (w, h) = text.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let (lo, hi) = CHART_SIDE;
    if !(lo..=hi).contains(&w) || !(lo..=hi).contains(&h) {
        return Err(format!(
            "--size {w}x{h}: each side must be between {lo} and {hi} pixels"
        ));
    }
    Ok((w, h))
}

/// The settings file's name, looked for next to the inputs.
pub const CONFIG_FILE: &str = "ssi-pulse.toml";

/// The settings file (`ssi-pulse.toml`). Command-line flags win over it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The person for tables with no person column.
    pub person: Option<String>,
    /// `month-first` or `day-first`.
    pub date_order: Option<String>,
    /// The encoding of legacy text files (a WHATWG label such as `shift_jis`).
    pub encoding: Option<String>,
    /// Header -> canonical column, metric name or `ignore`.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Significance level, interval limit, alert thresholds and targets.
    #[serde(default)]
    pub analysis: Settings,
    /// Who reads the report: `manager` (the default), `rep` or `client`.
    pub audience: Option<String>,
    /// The sections of report.md in order, by name (overrides the audience's preset).
    pub sections: Option<Vec<String>>,
    /// The group column a team report is by: team, region, manager... (or a header naming one).
    pub group_by: Option<String>,
}

/// Finds the settings file: the one given, else `ssi-pulse.toml` in an input folder or beside an input file.
pub fn find_config(inputs: &[PathBuf], explicit: Option<&Path>) -> Result<Option<PathBuf>, String> {
    if let Some(path) = explicit {
        return if path.is_file() {
            Ok(Some(path.to_path_buf()))
        } else {
            Err(format!("settings file '{}' does not exist", path.display()))
        };
    }
    for input in inputs {
        let dir = if input.is_dir() {
            Some(input.as_path())
        } else {
            input.parent()
        };
        let candidate = match dir {
            Some(d) if !d.as_os_str().is_empty() => d.join(CONFIG_FILE),
            _ => PathBuf::from(CONFIG_FILE),
        };
        if candidate.is_file() {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

/// Reads and parses a settings file; errors name the file and the line.
pub fn load_config(path: &Path) -> Result<FileConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read settings file '{}': {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
        format!(
            "settings file '{}'{}: {}",
            path.display(),
            line.map(|l| format!(" line {l}")).unwrap_or_default(),
            e.message()
        )
    })
}

fn parse_date_order(text: &str, source: &str) -> Result<DateOrder, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "month-first" | "mdy" => Ok(DateOrder::MonthFirst),
        "day-first" | "dmy" => Ok(DateOrder::DayFirst),
        other => Err(format!(
            "{source}: date_order '{other}' is not month-first or day-first"
        )),
    }
}

/// Ingestion options from the shared input flags and the settings file (flags win).
pub fn ingest_options(args: &InputArgs, inputs: &[PathBuf]) -> Result<IngestOptions, String> {
    options(args, inputs).map(|(ingest, _, _)| ingest)
}

/// The report's sections: `--sections`, else the settings file's `sections`, else the preset of
/// `--audience` or the file's `audience`.
fn layout(
    audience: Option<&str>,
    sections: Option<&str>,
    file: &FileConfig,
    source: &str,
) -> Result<Layout, String> {
    let from_file = |e: String| format!("{source}: {e}");
    let audience = match (audience, &file.audience) {
        (Some(a), _) => a.parse::<Audience>()?,
        (None, Some(a)) => a.parse::<Audience>().map_err(from_file)?,
        (None, None) => Audience::default(),
    };
    let sections = match (sections, &file.sections) {
        (Some(list), _) => {
            Some(Layout::parse_sections(list).map_err(|e| format!("--sections: {e}"))?)
        }
        (None, Some(list)) => Some(Layout::parse_sections(&list.join(",")).map_err(from_file)?),
        (None, None) => None,
    };
    Ok(Layout {
        audience,
        sections,
        without_pages: false,
    })
}

/// The kind of group `--group-by` names: a kind ("region", "business unit") or a header that maps to
/// one ("Região", "Sales team"), through the user's mappings and the header table.
fn group_kind(asked: &str, headers: &HeaderMap) -> Result<String, String> {
    if let Some(crate::ingest::headers::Canonical::Group(kind)) = headers.lookup(asked) {
        return Ok(kind.to_string());
    }
    crate::analysis::groups::parse_kind(asked)
        .map(str::to_string)
        .map_err(|e| e.to_string())
}

/// Ingestion options and analysis settings from the input flags and the settings file.
pub fn options(
    args: &InputArgs,
    inputs: &[PathBuf],
) -> Result<(IngestOptions, Settings, (FileConfig, String)), String> {
    let config_path = find_config(inputs, args.config.as_deref())?;
    let file = match &config_path {
        Some(path) => load_config(path)?,
        None => FileConfig::default(),
    };
    let source = config_path
        .as_ref()
        .map(|p| format!("settings file '{}'", p.display()))
        .unwrap_or_default();
    file.analysis
        .validate()
        .map_err(|e| format!("{source} [analysis]: {e}"))?;
    let settings = file.analysis.clone();
    let mut pairs: Vec<(String, String)> = file.columns.clone().into_iter().collect();
    for spec in &args.columns {
        let (header, target) = spec.split_once('=').ok_or_else(|| {
            format!("--column '{spec}' needs the form HEADER=NAME, e.g. --column \"Datum=date\"")
        })?;
        pairs.push((header.trim().to_string(), target.trim().to_string()));
    }
    let headers = HeaderMap::new(&pairs)?;
    let date_order = match (args.date_order, &file.date_order) {
        (Some(DateOrderArg::MonthFirst), _) => Some(DateOrder::MonthFirst),
        (Some(DateOrderArg::DayFirst), _) => Some(DateOrder::DayFirst),
        (None, Some(text)) => Some(parse_date_order(text, &source)?),
        (None, None) => None,
    };
    let person = args
        .person
        .clone()
        .or(file.person.clone())
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    let as_of = match &args.as_of {
        Some(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| format!("--as-of '{text}' is not a date; write it as YYYY-MM-DD"))?,
        None => chrono::Utc::now().date_naive(),
    };
    let encoding = match args.encoding.as_ref().or(file.encoding.as_ref()) {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                format!("--encoding '{label}' is not an encoding name; use a label such as windows-1252, iso-8859-2, shift_jis, euc-jp, gbk, big5 or euc-kr")
            })?,
        ),
        None => None,
    };
    let ingest = IngestOptions {
        person,
        date_order,
        encoding,
        headers,
        as_of: Some(as_of),
        limits: Limits {
            max_file_bytes: args.max_file_mb.saturating_mul(MIB),
            max_unpacked_bytes: args.max_unpacked_mb.saturating_mul(MIB),
            max_rows: args.max_rows,
            max_cells: args.max_cells,
        },
        skip: None,
    };
    Ok((ingest, settings, (file, source)))
}

impl ReportConfig {
    /// Validates `report` arguments.
    pub fn from_args(args: &ReportArgs) -> Result<ReportConfig, String> {
        let month = args.month.as_deref().map(str::parse::<Month>).transpose()?;
        let months = match (month, &args.months, args.all_months) {
            (Some(m), _, _) => MonthSelection::One(m),
            (None, Some(range), _) => {
                let (first, last) = parse_month_range(range)?;
                MonthSelection::Range(first, last)
            }
            (None, None, true) => MonthSelection::All,
            (None, None, false) => MonthSelection::Latest,
        };
        let (formats, workbook) = parse_formats(&args.formats)?;
        let inputs = if args.inputs.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            args.inputs.clone()
        };
        let (mut ingest, mut analysis, (file, source)) = options(&args.input, &inputs)?;
        analysis.group_by = match (&args.group_by, &file.group_by) {
            (Some(asked), _) => {
                Some(group_kind(asked, &ingest.headers).map_err(|e| format!("--group-by: {e}"))?)
            }
            (None, Some(asked)) => Some(
                group_kind(asked, &ingest.headers)
                    .map_err(|e| format!("{source}: group_by: {e}"))?,
            ),
            (None, None) => None,
        };
        let mut layout = layout(
            args.audience.as_deref(),
            args.sections.as_deref(),
            &file,
            &source,
        )?;
        let person_pages = match args.person_pages {
            PersonPagesArg::Full => PersonPages::Full,
            PersonPagesArg::Md => PersonPages::Md,
            PersonPagesArg::None => PersonPages::None,
        };
        layout.without_pages = person_pages == PersonPages::None;
        ingest.skip = Some(args.out.clone());
        Ok(ReportConfig {
            default_input: args.inputs.is_empty(),
            inputs,
            out: args.out.clone(),
            month,
            layout,
            charts: ChartOptions {
                formats,
                size: parse_size(&args.size)?,
                theme: match args.theme {
                    ThemeArg::Light => ThemeName::Light,
                    ThemeArg::Dark => ThemeName::Dark,
                },
                transparent: args.transparent,
                workbook,
                person_pages,
            },
            ingest,
            analysis,
            strict: args.strict,
            quiet: args.quiet,
            timings: args.timings,
            months,
            each: match args.each {
                EachArg::None => Each::None,
                EachArg::File => Each::File,
                EachArg::Person => Each::Person,
                EachArg::Group => Each::Group,
                EachArg::Folder => Each::Folder,
            },
            jobs: args.jobs.map(|n| n as usize),
            wait: std::time::Duration::from_secs(args.wait),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_reject_unknown() {
        assert_eq!(
            parse_formats("svg, PNG,png").unwrap().0,
            vec![ImageFormat::Png, ImageFormat::Svg]
        );
        assert!(parse_formats("gif").unwrap_err().contains("gif"));
        assert!(parse_formats(" , ").is_err());
        assert_eq!(
            parse_formats("png,XLSX").unwrap(),
            (vec![ImageFormat::Png], true)
        );
        assert!(parse_formats("xlsx")
            .unwrap_err()
            .contains("needs png or svg"));
    }

    #[test]
    fn month_ranges_parse_in_order() {
        let (a, b) = parse_month_range("2025-11..2026-02").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2025-11".into(), "2026-02".into())
        );
        assert_eq!(
            parse_month_range(" 2026-03 .. 2026-03 ")
                .unwrap()
                .0
                .to_string(),
            "2026-03"
        );
        assert!(parse_month_range("2026-03..2026-01")
            .unwrap_err()
            .contains("comes before"));
        assert!(parse_month_range("2026-03")
            .unwrap_err()
            .contains("FIRST..LAST"));
        assert!(parse_month_range("2026-13..2027-01").is_err());
        assert!(parse_month_range("2006-01..2025-12").is_ok(), "240 months");
        assert!(parse_month_range("2005-12..2025-12")
            .unwrap_err()
            .contains("more than 240 months"));
    }

    #[test]
    fn sizes_parse_and_stay_in_range() {
        assert_eq!(parse_size("1920x1080").unwrap(), (1920, 1080));
        assert_eq!(parse_size(" 800 X 450 ").unwrap(), (800, 450));
        assert!(parse_size("1600").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("10x10")
            .unwrap_err()
            .contains("between 320 and 4000"));
        assert!(parse_size("99999x900").is_err());
    }
}
