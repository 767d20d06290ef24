//! Charts: each chart is a function generic over the plotters backend, so one drawing serves PNG and SVG.
//! This module owns the backends (SVG into a string, PNG into memory then encoded) and the list of charts
//! a report embeds; it never writes files.

pub mod activity;
pub mod axis;
pub mod backend;
pub mod bars;
pub mod catalog;
pub mod component_change;
pub mod components;
pub mod distribution;
pub mod drivers;
#[cfg(test)]
mod fixtures;
pub mod leaderboard;
pub mod legend;
pub mod linkage_heatmap;
pub mod peer_comparison;
pub mod ranks;
pub mod ssi_trend;
pub mod theme;

pub use backend::{encode_png, person_charts, render_all, render_chart};
pub use catalog::{references, ChartId, ChartRef};

use crate::analysis::Analysis;
use plotters::coord::ranged1d::AsRangedCoord;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Why a chart could not be drawn: what the drawing backend, the PNG encoder or the font registry said,
/// as text (backend error types differ per backend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

impl From<png::EncodingError> for DrawError {
    fn from(e: png::EncodingError) -> Self {
        DrawError(e.to_string())
    }
}

/// The outcome of drawing (or of a drawing step that hands back `T`).
pub type DrawResult<T = ()> = Result<T, DrawError>;

/// A chart with one slot per component along x and points along y.
pub type ComponentChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// The axes the component bar charts share: the four components along x (named by `labels`), `y` along
/// y with its description and, when given, its own tick format; the mesh is drawn.
pub fn component_axes<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    c: &Canvas,
    labels: &[String],
    y: std::ops::Range<f64>,
    y_format: Option<&dyn Fn(&f64) -> String>,
    y_desc: &str,
) -> DrawResult<ComponentChart<'a, DB>> {
    let (scale, pal) = (c.scale, &c.pal);
    let mut chart = house_chart(plot, &scale, 4.0, (0..3).into_segmented(), y)?;
    let tick_font = theme::font(scale.tick, &pal.ink);
    let label_font = theme::font(scale.label, &pal.ink);
    let x_format = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut mesh = chart.configure_mesh();
    let mesh = theme::house_mesh(mesh.disable_x_mesh(), pal);
    mesh.x_labels(4).x_label_formatter(&x_format);
    if let Some(f) = y_format {
        mesh.y_label_formatter(f);
    }
    mesh.label_style(tick_font)
        .y_desc(y_desc)
        .axis_desc_style(label_font)
        .draw()?;
    Ok(chart)
}

/// What every chart is drawn from: the analysis, the pixel size, the font scale and the colours.
#[derive(Debug, Clone, Copy)]
pub struct Canvas<'a> {
    /// The analysis result.
    pub analysis: &'a Analysis,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Font sizes and margins.
    pub scale: theme::Scale,
    /// Colours.
    pub pal: theme::Palette,
    /// Drawn into pixels (PNG) rather than shapes (SVG).
    pub raster: bool,
}

impl Canvas<'_> {
    /// Paints the background unless the chart is transparent.
    pub fn clear<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        if self.pal.opaque {
            root.fill(&self.pal.background)?;
        }
        Ok(())
    }
}

/// A chart's title and the entries of its legend row (see `legend::frame`).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The title above the chart.
    pub title: String,
    /// Legend entries, left to right; none: no legend row.
    pub legend: Vec<(String, legend::Mark)>,
}

impl Heading {
    /// A title without a legend.
    pub fn titled(title: impl Into<String>) -> Heading {
        Heading {
            title: title.into(),
            legend: Vec::new(),
        }
    }
}

/// What a chart shows: its spec, or a note in its place when the data is too thin to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure<S> {
    /// The chart's data, ready to draw.
    Plot(S),
    /// A title and a centred note instead of the chart.
    Note {
        /// The title.
        title: String,
        /// Why there is no chart.
        note: &'static str,
    },
}

impl<S> Figure<S> {
    /// The spec, or `None` for a note (for tests).
    pub fn plot(self) -> Option<S> {
        match self {
            Figure::Plot(s) => Some(s),
            Figure::Note { .. } => None,
        }
    }
}

/// A chart's data (titles, ranges, series, labels, colours) computed from the analysis, and the plotters
/// calls that draw it.
pub trait ChartSpec {
    /// The title and legend.
    fn heading(&self) -> &Heading;
    /// Draws the chart into `plot`, the area below the heading on `root`.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        plot: &DrawingArea<DB, Shift>,
        c: &Canvas,
    ) -> DrawResult;
}

/// Draws a figure: the background, the heading and the chart, or the note.
fn show<DB: DrawingBackend, S: ChartSpec>(
    root: &DrawingArea<DB, Shift>,
    c: &Canvas,
    figure: Figure<S>,
) -> DrawResult {
    match figure {
        Figure::Note { title, note } => draw_note(root, c, &title, note),
        Figure::Plot(spec) => {
            c.clear(root)?;
            let heading = spec.heading();
            let plot = legend::frame(root, &heading.title, &heading.legend, &c.scale, &c.pal)?;
            spec.draw(root, &plot, c)?;
            root.present()?;
            Ok(())
        }
    }
}

/// A chart with the coordinates `x` and `y` are taken to (see `house_chart`).
pub type HouseChart<'a, DB, X, Y> = ChartContext<
    'a,
    DB,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// The house chart on `plot`: the outer margin (three times as wide on the right), room for tick labels
/// below, and `y_ticks` tick font sizes at the left for the y labels.
pub fn house_chart<'a, DB: DrawingBackend, X: AsRangedCoord, Y: AsRangedCoord>(
    plot: &'a DrawingArea<DB, Shift>,
    scale: &theme::Scale,
    y_ticks: f64,
    x: X,
    y: Y,
) -> DrawResult<HouseChart<'a, DB, X, Y>> {
    Ok(ChartBuilder::on(plot)
        .margin(scale.margin)
        .margin_right(scale.margin * 3)
        .x_label_area_size(scale.tick * 2.6)
        .y_label_area_size(scale.tick * y_ticks)
        .build_cartesian_2d(x, y)?)
}

/// Draws the chart `id` of `analysis` onto `root`.
fn draw_chart<DB: DrawingBackend>(
    id: ChartId,
    analysis: &Analysis,
    root: &DrawingArea<DB, Shift>,
    c: &Canvas,
) -> DrawResult {
    match id {
        ChartId::SsiTrend => show(root, c, ssi_trend::spec(analysis, &c.pal)),
        ChartId::Components => components::draw(root, c),
        ChartId::ComponentChange => component_change::draw(root, c),
        ChartId::PeerComparison => peer_comparison::draw(root, c),
        ChartId::Ranks => ranks::draw(root, c),
        ChartId::Activity => activity::draw(root, c),
        ChartId::LinkageHeatmap => linkage_heatmap::draw(root, c),
        ChartId::Drivers => drivers::draw(root, c),
        ChartId::Leaderboard => leaderboard::draw(root, c),
        ChartId::Movers => leaderboard::draw_movers(root, c),
        ChartId::Distribution => distribution::draw(root, c),
    }
}

/// Writes a centred note in place of a chart that has too little data to draw.
pub fn draw_note<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Canvas,
    title: &str,
    note: &str,
) -> DrawResult {
    let scale = c.scale;
    c.clear(root)?;
    let (w, h) = c.size;
    let note_style = (theme::FONT, scale.label)
        .into_font()
        .color(&c.pal.muted)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    let title_size = theme::fit_size(
        root,
        title,
        scale.title,
        FontStyle::Bold,
        w.saturating_sub(scale.margin * 2),
    );
    theme::draw_runs(
        root,
        title,
        title_size,
        FontStyle::Bold,
        &c.pal.ink,
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
        (w as i32 / 2, h as i32 / 2 - scale.title as i32),
    )?;
    root.draw_text(
        note,
        &note_style,
        (w as i32 / 2, h as i32 / 2 + scale.label as i32),
    )?;
    Ok(())
}
