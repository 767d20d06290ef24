//! Turns raw command-line arguments into validated run configurations (month parsed, formats checked,
//! default input resolved). Lower layers take these types and never see clap.

use crate::cli::{DateOrderArg, InputArgs, ReportArgs};
use crate::ingest::values::DateOrder;
use crate::ingest::IngestOptions;
use crate::model::Month;
use crate::render::{ChartOptions, ImageFormat};
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
    /// Ingestion options.
    pub ingest: IngestOptions,
    /// Any rejected row makes the run fail.
    pub strict: bool,
}

/// Parses `--formats`.
pub fn parse_formats(list: &str) -> Result<Vec<ImageFormat>, String> {
    let mut formats = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let f = match part.to_ascii_lowercase().as_str() {
            "png" => ImageFormat::Png,
            "svg" => ImageFormat::Svg,
            other => {
                return Err(format!(
                    "unknown chart format '{other}' in --formats; use png, svg or png,svg"
                ))
            }
        };
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    if formats.is_empty() {
        return Err("--formats is empty; use png, svg or png,svg".into());
    }
    formats.sort();
    Ok(formats)
}

/// Ingestion options from the shared input flags.
pub fn ingest_options(args: &InputArgs) -> IngestOptions {
    IngestOptions {
        person: args
            .person
            .as_ref()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::MonthFirst => DateOrder::MonthFirst,
            DateOrderArg::DayFirst => DateOrder::DayFirst,
        }),
    }
}

impl ReportConfig {
    /// Validates `report` arguments.
    pub fn from_args(args: &ReportArgs) -> Result<ReportConfig, String> {
        let month = args.month.as_deref().map(str::parse::<Month>).transpose()?;
        let formats = parse_formats(&args.formats)?;
        let inputs = if args.inputs.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            args.inputs.clone()
        };
        Ok(ReportConfig {
            default_input: args.inputs.is_empty(),
            inputs,
            out: args.out.clone(),
            month,
            charts: ChartOptions {
                formats,
                ..ChartOptions::default()
            },
            ingest: ingest_options(&args.input),
            strict: args.strict,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_reject_unknown() {
        assert_eq!(
            parse_formats("svg, PNG,png").unwrap(),
            vec![ImageFormat::Png, ImageFormat::Svg]
        );
        assert!(parse_formats("gif").unwrap_err().contains("gif"));
        assert!(parse_formats(" , ").is_err());
    }
}
