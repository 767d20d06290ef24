//! Rendering: typed results in, artifacts (relative path + bytes) out. No decisions and no statistics are
//! made here, and nothing touches the disk: `output` writes what these functions return or hand to the
//! report's sinks.

pub mod charts;
pub mod groups_md;
pub mod html;
pub mod index;
pub mod inspect;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod outlook_md;
pub mod slug;
pub mod tables;
pub mod text;
pub mod workbook;

#[cfg(test)]
mod snapshot_tests;

use crate::analysis::Analysis;
pub use crate::artifact::Artifact;
use crate::artifact::OutputError;
use crate::model::quality::Quality;
use crate::model::Dataset;
use thiserror::Error;

/// Why rendering failed.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A chart could not be drawn or encoded.
    #[error("cannot draw chart '{chart}': {message}")]
    Chart {
        /// The chart's file stem (`ChartId::name`).
        chart: &'static str,
        /// What the drawing backend said.
        message: String,
    },
    /// summary.json could not be serialised.
    #[error("cannot serialise summary.json")]
    Json(#[from] serde_json::Error),
    /// A tidy CSV could not be written.
    #[error("cannot write {name}")]
    Csv {
        /// The file name.
        name: &'static str,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
    /// A tidy table could not be read back from its frame.
    #[error("cannot read the {name} table")]
    Frame {
        /// The table.
        name: &'static str,
        /// The underlying error.
        #[source]
        source: polars::prelude::PolarsError,
    },
    /// report.xlsx could not be built.
    #[error("cannot write report.xlsx: {0}")]
    Workbook(String),
    /// A person page, a data table or report.xlsx could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl From<rust_xlsxwriter::XlsxError> for RenderError {
    fn from(e: rust_xlsxwriter::XlsxError) -> RenderError {
        RenderError::Workbook(e.to_string())
    }
}

/// Image formats charts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ImageFormat {
    /// Portable Network Graphics, for slides and documents.
    Png,
    /// Scalable Vector Graphics, for the web and print.
    Svg,
}

impl ImageFormat {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// How charts are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    /// Formats to write (at least one).
    pub formats: Vec<ImageFormat>,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Light or dark.
    pub theme: charts::theme::ThemeName,
    /// No background: the slide shows through.
    pub transparent: bool,
    /// Also write report.xlsx (`--formats xlsx`).
    pub workbook: bool,
    /// Which person pages a team report writes.
    pub person_pages: PersonPages,
}

/// A team's person pages (`--person-pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonPages {
    /// people/<slug>.md and .html with the person's charts.
    Full,
    /// The pages without charts.
    Md,
    /// None.
    None,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            formats: vec![ImageFormat::Png, ImageFormat::Svg],
            size: (1600, 900),
            theme: charts::theme::ThemeName::Light,
            transparent: false,
            workbook: true,
            person_pages: PersonPages::Full,
        }
    }
}

/// Everything a report is rendered from.
#[derive(Clone, Copy)]
pub struct ReportContext<'a> {
    /// The analysis results.
    pub analysis: &'a Analysis,
    /// The data-quality account.
    pub quality: &'a Quality,
    /// The tidy tables used (up to the report month's end).
    pub dataset: &'a Dataset,
    /// Chart settings.
    pub charts: &'a ChartOptions,
    /// The sections of report.md and their order.
    pub layout: &'a layout::Layout,
    /// Receives each person's page and charts as soon as they are drawn (so a large team's pages are
    /// never all held in memory); called from several threads.
    pub person_sink: &'a PersonSink<'a>,
    /// Receives report.md, report.html, summary.json, the data tables and report.xlsx as soon as each
    /// is made, the largest files of a large team's report (so they are never all held at once).
    pub file_sink: &'a PersonSink<'a>,
}

/// Where person pages and the files written early (report.md, report.html, summary.json, data tables,
/// report.xlsx) go: `output::Staging::write` in a report run.
pub type PersonSink<'a> = dyn Fn(&[Artifact]) -> Result<(), OutputError> + Sync + 'a;

/// What `render_report` produced: the report's own files, and how many person pages (and files for
/// them) went to the sink.
#[derive(Debug)]
pub struct Rendered {
    /// The report's charts.
    pub artifacts: Vec<Artifact>,
    /// The files already given to the file sink: report.md, report.html, summary.json, the data tables
    /// and report.xlsx.
    pub written: Vec<std::path::PathBuf>,
    /// Person pages written.
    pub person_pages: usize,
    /// Files written for person pages (pages and their charts).
    pub person_files: usize,
    /// Outputs left out, with the reason (report.xlsx when the workbook cannot be built); the report
    /// itself stands.
    pub warnings: Vec<String>,
}

/// `people/<slug>.md` and its charts for every person of a team, rendered in parallel and handed to the
/// sink; returns the pages and files written.
fn person_pages(
    analysis: &Analysis,
    options: &ChartOptions,
    sink: &PersonSink<'_>,
) -> Result<(usize, usize), RenderError> {
    use rayon::prelude::*;
    let names: Vec<String> = analysis.people.iter().map(|p| p.name.clone()).collect();
    let slugs = slug::unique_slugs(&names);
    (0..names.len())
        .into_par_iter()
        .map(|i| {
            let Some(view) = analysis.person_view(i) else {
                return Ok((0, 0));
            };
            let (refs, mut files) = if options.person_pages == PersonPages::Full {
                charts::person_charts(&view, &slugs[i], options)?
            } else {
                (Vec::new(), Vec::new())
            };
            let md = markdown::render_person(&view, &refs);
            let page = html::render(&md, &names[i], &std::collections::BTreeMap::new());
            files.insert(
                0,
                Artifact::new(format!("people/{}.html", slugs[i]), page.into_bytes()),
            );
            files.insert(
                0,
                Artifact::new(format!("people/{}.md", slugs[i]), md.into_bytes()),
            );
            sink(&files)?;
            Ok((1, files.len()))
        })
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))
}

/// Renders every artifact of one monthly report, paths relative to the month's folder.
pub fn render_report(ctx: ReportContext<'_>) -> Result<Rendered, RenderError> {
    // The report's own files and the person pages are independent: drawn side by side, so the serial
    // parts of one (markdown, html, json, csv) overlap the other's charts.
    let (own, people) = rayon::join(
        || report_files(&ctx),
        || {
            if ctx.analysis.is_team() && ctx.charts.person_pages != PersonPages::None {
                person_pages(ctx.analysis, ctx.charts, ctx.person_sink)
            } else {
                Ok((0, 0))
            }
        },
    );
    let (person_pages, person_files) = people?;
    let (artifacts, written, warnings) = own?;
    Ok(Rendered {
        artifacts,
        written,
        person_pages,
        person_files,
        warnings,
    })
}

/// The report's own files, in three parts: the charts; the paths of report.md, report.html, summary.json,
/// the data tables and report.xlsx, given to the file sink as each is made; and warnings.
type ReportFiles = (Vec<Artifact>, Vec<std::path::PathBuf>, Vec<String>);

/// The charts, and (through the file sink) report.md, report.html, summary.json, the data tables and
/// report.xlsx.
fn report_files(ctx: &ReportContext<'_>) -> Result<ReportFiles, RenderError> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut written = Vec::new();
    let mut write = |artifact: Artifact| -> Result<(), RenderError> {
        (ctx.file_sink)(std::slice::from_ref(&artifact))?;
        written.push(artifact.path);
        Ok(())
    };
    let chart_files = charts::render_all(ctx.analysis, ctx.charts)?;
    let embedded: Vec<charts::ChartRef> = charts::references(ctx.analysis, ctx.charts);
    let md = markdown::render(ctx.analysis, ctx.quality, &embedded, ctx.layout);
    // report.html carries every chart as SVG inline, drawn for it when SVG files are not written.
    let mut svgs = std::collections::BTreeMap::new();
    let page_options = ChartOptions {
        transparent: false,
        ..ctx.charts.clone()
    };
    for chart in &embedded {
        let svg_path = format!("charts/{}.svg", chart.id.name());
        // A page has its own background, so the charts in it are never transparent.
        let svg = match chart_files.iter().find(|a| a.path == svg_path) {
            Some(a) if !ctx.charts.transparent => a.bytes.clone(),
            _ => charts::render_chart(chart.id, ctx.analysis, ImageFormat::Svg, &page_options)?,
        };
        svgs.insert(
            chart.path.clone(),
            String::from_utf8_lossy(&svg).into_owned(),
        );
    }
    let title = markdown::title(ctx.analysis, str::to_string);
    write(Artifact::new(
        "report.html",
        html::render(&md, &title, &svgs).into_bytes(),
    ))?;
    drop(svgs);
    write(Artifact::new("report.md", md.into_bytes()))?;
    write(Artifact::new(
        "summary.json",
        json::render(ctx.analysis, ctx.quality)?,
    ))?;
    write(Artifact::new("data/ssi.csv", tables::ssi_csv(ctx.dataset)?))?;
    write(Artifact::new(
        "data/activity.csv",
        tables::activity_csv(ctx.dataset)?,
    ))?;
    write(Artifact::new(
        "data/linkage.csv",
        tables::linkage_csv(&ctx.analysis.linkage.rows)?,
    ))?;
    write(Artifact::new(
        "data/rejected.csv",
        tables::rejected_csv(ctx.quality)?,
    ))?;
    if ctx.charts.workbook {
        // A workbook that cannot be built leaves the rest of the report standing.
        match workbook::render(ctx.analysis, ctx.quality, ctx.dataset) {
            Ok(bytes) => write(Artifact::new("report.xlsx", bytes))?,
            Err(e) => warnings.push(format!("report.xlsx was not written: {e}")),
        }
    }
    out.extend(chart_files);
    Ok((out, written, warnings))
}
