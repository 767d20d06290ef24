//! The native charts of report.xlsx: Excel line, area, column and bar charts over ranges of the data
//! sheets (so editing a number redraws the chart), titled as the PNG charts, in the house palette, 16:9.

use crate::render::charts::theme::{self, Palette, ThemeName};
use crate::render::charts::ChartId;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartAxisDateUnitType, ChartFormat, ChartLine, ChartLineDashType,
    ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Color,
};

/// A chart's size on the Charts sheet, in pixels (16:9).
pub const SIZE: (u32, u32) = (960, 540);

/// A chart made for one of the report's charts.
pub struct Native {
    /// Which report chart it stands for.
    pub id: ChartId,
    /// Its title, as the PNG chart's.
    pub title: String,
    /// The chart (its title is set where it is placed: from the cell above it).
    pub chart: Chart,
}

/// A cell range on a sheet: sheet, first row, column, last row.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// The sheet's name.
    pub sheet: &'a str,
    /// The first data row (0-based).
    pub first: u32,
    /// The last data row.
    pub last: u32,
    /// The column (0-based).
    pub col: u16,
}

impl Column<'_> {
    fn range(&self) -> (&str, u32, u16, u32, u16) {
        (self.sheet, self.first, self.col, self.last, self.col)
    }

    /// The header cell above the data, which names the series.
    fn name(&self) -> (&str, u32, u16) {
        (self.sheet, self.first.saturating_sub(1), self.col)
    }
}

/// The light palette's colour as Excel writes it.
pub fn colour(c: plotters::style::RGBColor) -> Color {
    Color::RGB(((c.0 as u32) << 16) | ((c.1 as u32) << 8) | c.2 as u32)
}

/// The house palette (light: a workbook has a white page).
pub fn palette() -> Palette {
    Palette::of(ThemeName::Light)
}

/// A new chart of `kind` in the size and plain style of the house.
pub fn chart(kind: ChartType) -> Chart {
    let mut chart = Chart::new(kind);
    chart.set_width(SIZE.0).set_height(SIZE.1);
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Top);
    chart
}

/// Adds a line series over `categories` in `colour`, `width` points wide, dashed when asked.
pub fn line(
    chart: &mut Chart,
    categories: Column<'_>,
    values: Column<'_>,
    colour_of: Color,
    width: f64,
    dashed: bool,
) {
    let mut stroke = ChartLine::new();
    stroke.set_color(colour_of).set_width(width);
    if dashed {
        stroke.set_dash_type(ChartLineDashType::Dash);
    }
    let mut format = ChartFormat::new();
    format.set_line(&stroke);
    let series = chart
        .add_series()
        .set_categories(categories.range())
        .set_values(values.range())
        .set_name(values.name())
        .set_format(&mut format);
    // A line of one or two points shows as its points.
    if values.last < values.first + 2 {
        let mut fill = ChartSolidFill::new();
        fill.set_color(colour_of);
        let mut marker = ChartMarker::new();
        marker
            .set_type(ChartMarkerType::Circle)
            .set_size(7)
            .set_format(ChartFormat::new().set_solid_fill(&fill));
        series.set_marker(&marker);
    }
}

/// Adds a filled series (area, column or bar) in `colour`; `None` leaves it unfilled (the invisible
/// base of a stacked band).
pub fn filled<'c>(
    chart: &'c mut Chart,
    categories: Column<'_>,
    values: Column<'_>,
    fill: Option<Color>,
) -> &'c mut rust_xlsxwriter::ChartSeries {
    let mut format = ChartFormat::new();
    match fill {
        Some(c) => {
            let mut solid = ChartSolidFill::new();
            solid.set_color(c);
            format.set_solid_fill(&solid);
        }
        None => {
            format.set_no_fill().set_no_line();
        }
    }
    chart
        .add_series()
        .set_categories(categories.range())
        .set_values(values.range())
        .set_name(values.name())
        .set_format(&mut format)
}

/// A component's colour, as the PNG charts draw it.
pub fn component(c: crate::model::schema::Component) -> Color {
    colour(theme::component_colour(c))
}

/// A date axis with a tick every month, or every few months over a long span, labelled "Oct 2026".
pub fn date_axis(chart: &mut Chart, first: NaiveDate, last: NaiveDate) {
    let months = (last - first).num_days() / 30;
    let step = (months / 12 + 1).max(1);
    chart
        .x_axis()
        .set_date_axis(true)
        .set_num_format("mmm yyyy")
        .set_major_unit(step as f64)
        .set_major_unit_date_type(ChartAxisDateUnitType::Months);
}

/// The y axis upside down with the other axis kept at the bottom: a rank's values (lower is better), or
/// a bar chart's rows from the top in sheet order.
pub fn upside_down(chart: &mut Chart) {
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
}

/// Category labels below the plot, clear of bars that fall below zero.
pub fn labels_low(axis: &mut rust_xlsxwriter::ChartAxis) {
    axis.set_label_position(rust_xlsxwriter::ChartAxisLabelPosition::Low);
}
