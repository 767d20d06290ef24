//! The axes the component bar charts (change, peers, spread) share: the four components along x, one slot
//! each, points along y; and the rectangles drawn in a slot.

use super::{theme, Canvas, DrawResult};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A chart with one slot per component along x and points along y.
pub type ComponentChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// How the y ticks of a component chart are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YTicks {
    /// Numbers with the decimals the ticks need: "15", "12.5".
    Whole,
    /// Signed, with the decimals the ticks need: "+0.5", "-0.05", "0".
    Signed,
}

/// The axes of a component bar chart: the four components along x (named by `labels`), `y` along y with
/// its description and tick format.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentAxes {
    /// Each component's label, in LinkedIn's order.
    pub labels: Vec<String>,
    /// The y range.
    pub y: std::ops::Range<f64>,
    /// The y axis description.
    pub y_desc: &'static str,
    /// How the y ticks are written.
    pub y_ticks: YTicks,
}

impl ComponentAxes {
    /// Builds the chart on `plot` and draws its mesh.
    pub fn draw<'a, DB: DrawingBackend>(
        &self,
        plot: &'a DrawingArea<DB, Shift>,
        c: &Canvas,
    ) -> DrawResult<ComponentChart<'a, DB>> {
        let (scale, pal) = (c.scale, &c.pal);
        let mut chart =
            super::house_chart(plot, &scale, 4.0, (0..3).into_segmented(), self.y.clone())?;
        let x_format = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) => self.labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let y_format = super::ticks::formatter(
            self.y.clone(),
            super::ticks::DEFAULT_LABELS,
            self.y_ticks == YTicks::Signed,
        );
        let mut mesh = chart.configure_mesh();
        let mesh = theme::house_mesh(mesh.disable_x_mesh(), pal);
        mesh.x_labels(4)
            .x_label_formatter(&x_format)
            .y_label_formatter(&y_format);
        mesh.label_style(theme::font(scale.tick, &pal.ink))
            .y_desc(self.y_desc)
            .axis_desc_style(theme::font(scale.label, &pal.ink))
            .draw()?;
        Ok(chart)
    }
}

/// A rectangle across slot `slot` from `from` to `to` along y, inset by `left` and `right` pixels.
pub fn slot_rect(
    slot: i32,
    (from, to): (f64, f64),
    style: ShapeStyle,
    (left, right): (u32, u32),
) -> Rectangle<(SegmentValue<i32>, f64)> {
    let mut rect = Rectangle::new(
        [
            (SegmentValue::Exact(slot), from),
            (SegmentValue::Exact(slot + 1), to),
        ],
        style,
    );
    rect.set_margin(0, 0, left, right);
    rect
}
