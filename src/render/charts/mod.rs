//! Charts: each chart is data, then drawing. A chart's module computes its spec (titles, ranges, series,
//! labels, colours) from the analysis without plotters, or a note where the data is too thin; its draw is
//! generic over the plotters backend, so one drawing serves PNG and SVG. This module owns what the charts
//! share (the canvas, the heading, the drawing error) and picks a chart by `ChartId`; `backend` turns the
//! drawing into bytes and `catalog` lists the charts a report embeds. Nothing here writes files.

pub mod activity;
pub mod axis;
pub mod backend;
pub mod bars;
pub mod catalog;
pub mod columns;
pub mod component_change;
pub mod components;
pub mod distribution;
pub mod drivers;
#[cfg(test)]
mod fixtures;
pub mod groups;
pub mod leaderboard;
pub mod legend;
pub mod linkage_heatmap;
pub mod peer_comparison;
pub mod ranks;
pub mod ssi_trend;
pub mod theme;
pub mod ticks;

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

/// What every chart is drawn on: the pixel size, the font scale and the colours.
#[derive(Debug, Clone, Copy)]
pub struct Canvas {
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Font sizes and margins.
    pub scale: theme::Scale,
    /// Colours.
    pub pal: theme::Palette,
    /// Drawn into pixels (PNG) rather than shapes (SVG).
    pub raster: bool,
}

impl Canvas {
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
    /// Draws the title and the legend row on `root`; returns the area below them for the plot.
    pub fn frame<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        c: &Canvas,
    ) -> DrawResult<DrawingArea<DB, Shift>> {
        legend::frame(root, &self.title, &self.legend, &c.scale, &c.pal)
    }

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
    /// The spec, or `None` for a note.
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
    /// Draws the chart, its heading first (see `Heading::frame`), onto the cleared `root`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult;

    /// The title and legend above the chart.
    fn heading(&self) -> &Heading;
}

/// A chart's title as its image shows it, and the note its image shows instead of a chart when the data
/// are too thin to draw; for the native charts of report.xlsx.
pub fn heading_of(id: ChartId, analysis: &Analysis) -> (String, Option<&'static str>) {
    fn heading<S: ChartSpec>(figure: Figure<S>) -> (String, Option<&'static str>) {
        match figure {
            Figure::Plot(spec) => (spec.heading().title.clone(), None),
            Figure::Note { title, note } => (title, Some(note)),
        }
    }
    let pal = theme::Palette::of(theme::ThemeName::Light);
    let a = analysis;
    match id {
        ChartId::SsiTrend => heading(ssi_trend::spec(a, &pal)),
        ChartId::Components => heading(components::spec(a)),
        ChartId::ComponentChange => heading(component_change::spec(a)),
        ChartId::PeerComparison => heading(peer_comparison::spec(a, &pal)),
        ChartId::Ranks => heading(ranks::spec(a, &pal)),
        ChartId::Activity => heading(activity::spec(a, &pal)),
        ChartId::LinkageHeatmap => heading(linkage_heatmap::spec(a, &pal)),
        ChartId::Drivers => heading(drivers::spec(a)),
        ChartId::Leaderboard => heading(leaderboard::spec(a, &pal)),
        ChartId::Movers => heading(leaderboard::movers_spec(a, &pal)),
        ChartId::Distribution => heading(distribution::spec(a, &pal)),
        ChartId::Groups => heading(groups::spec(a, &pal)),
        ChartId::GroupTrend => heading(groups::trend_spec(a, &pal)),
    }
}

/// A chart's title as its image shows it.
pub fn title_of(id: ChartId, analysis: &Analysis) -> String {
    heading_of(id, analysis).0
}

/// Draws a figure: the background and the chart, or the note.
fn show<DB: DrawingBackend, S: ChartSpec>(
    root: &DrawingArea<DB, Shift>,
    c: &Canvas,
    figure: Figure<S>,
) -> DrawResult {
    match figure {
        Figure::Note { title, note } => draw_note(root, c, &title, note),
        Figure::Plot(spec) => {
            c.clear(root)?;
            spec.draw(root, c)?;
            root.present()?;
            Ok(())
        }
    }
}

/// A chart on the coordinates that the ranges `x` and `y` describe (see `house_chart`).
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
        ChartId::Components => show(root, c, components::spec(analysis)),
        ChartId::ComponentChange => show(root, c, component_change::spec(analysis)),
        ChartId::PeerComparison => show(root, c, peer_comparison::spec(analysis, &c.pal)),
        ChartId::Ranks => show(root, c, ranks::spec(analysis, &c.pal)),
        ChartId::Activity => show(root, c, activity::spec(analysis, &c.pal)),
        ChartId::LinkageHeatmap => show(root, c, linkage_heatmap::spec(analysis, &c.pal)),
        ChartId::Drivers => show(root, c, drivers::spec(analysis)),
        ChartId::Leaderboard => show(root, c, leaderboard::spec(analysis, &c.pal)),
        ChartId::Movers => show(root, c, leaderboard::movers_spec(analysis, &c.pal)),
        ChartId::Distribution => show(root, c, distribution::spec(analysis, &c.pal)),
        ChartId::Groups => show(root, c, groups::spec(analysis, &c.pal)),
        ChartId::GroupTrend => show(root, c, groups::trend_spec(analysis, &c.pal)),
    }
}

/// Writes a centred note in place of a chart that has too little data to draw.
fn draw_note<DB: DrawingBackend>(
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
