//! `drivers`: one panel per component (2x2), its best-supported expected activity against its weekly change,
//! both as differences from each person's own average, with the within-person slope and its 95% interval;
//! r, q and n in the corner.

use super::theme;
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::linkage::{Driver, LinkageRow};
use crate::analysis::words::{fixed, p_text};
use crate::analysis::Analysis;
use crate::model::schema::{metric_label, Component};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The slope through the origin and the fan of its 95% interval, cut where they leave the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// The interval's two triangles, as one outline through the origin.
    pub interval: Vec<(f64, f64)>,
    /// The slope's line.
    pub slope: [(f64, f64); 2],
}

/// One component's scatter.
#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    /// "Posts → Establish your professional brand".
    pub caption: String,
    /// The x axis description.
    pub x_desc: String,
    /// Half the x range: the farthest point from zero, with room.
    pub x_reach: f64,
    /// Half the y range.
    pub y_reach: f64,
    /// (activity difference, change difference) points.
    pub points: Vec<(f64, f64)>,
    /// The component's colour.
    pub colour: RGBColor,
    /// The slope and its interval, when estimated.
    pub fan: Option<Fan>,
    /// "r = 0.52, q = 0.001, n = 40", at the upper left corner.
    pub corner: String,
}

/// One panel: a scatter, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverPanel {
    /// The component's scatter.
    Scatter(Scatter),
    /// "Brand: no expected activity with enough data".
    Missing(String),
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DriversSpec {
    /// Title (no legend).
    pub heading: Heading,
    /// A panel per component, in LinkedIn's order (2x2).
    pub panels: Vec<DriverPanel>,
}

/// The slope's fan within `x_reach` and `y_reach`.
fn fan(slope: f64, (low, high): (f64, f64), x_reach: f64, y_reach: f64) -> Fan {
    // Lines through the origin stop where they leave the panel (plotters does not clip).
    let reach = |k: f64| {
        if k.abs() > 1e-12 {
            x_reach.min(y_reach / k.abs())
        } else {
            x_reach
        }
    };
    let xb = reach(low.abs().max(high.abs()));
    let xl = reach(slope);
    Fan {
        interval: vec![
            (-xb, -xb * low),
            (0.0, 0.0),
            (xb, xb * high),
            (xb, xb * low),
            (0.0, 0.0),
            (-xb, -xb * high),
        ],
        slope: [(-xl, -xl * slope), (xl, xl * slope)],
    }
}

fn scatter(k: Component, d: &Driver, row: &LinkageRow) -> Scatter {
    let span = |f: fn(&(f64, f64)) -> f64| {
        d.points
            .iter()
            .map(f)
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(1e-6)
            * 1.1
    };
    let (x_reach, y_reach) = (span(|p| p.0), span(|p| p.1));
    let corner = format!(
        "r = {}, {}, n = {}",
        row.stats
            .pearson_r
            .map(|r| fixed(r, 2))
            .unwrap_or_else(|| "—".into()),
        row.q_value
            .map(|q| p_text("q", q))
            .unwrap_or_else(|| "q —".into()),
        row.stats.n
    );
    Scatter {
        caption: format!("{} → {}", metric_label(&d.metric), k.label()),
        x_desc: format!("{} per week vs own average", metric_label(&d.metric)),
        x_reach,
        y_reach,
        points: d.points.clone(),
        colour: theme::component_colour(k),
        fan: match (row.stats.slope, row.stats.ci) {
            (Some(slope), Some(ci)) => Some(fan(slope, ci, x_reach, y_reach)),
            _ => None,
        },
        corner,
    }
}

/// The chart's data, or a note without any expected link with enough data.
pub fn spec(a: &Analysis) -> Figure<DriversSpec> {
    if a.linkage.drivers.is_empty() {
        return Figure::Note {
            title: "Expected drivers".into(),
            note: "Too few intervals with activity for any expected link (8 are needed).",
        };
    }
    let panels = Component::ALL
        .iter()
        .map(
            |k| match a.linkage.drivers.iter().find(|d| d.component == *k) {
                Some(d) => DriverPanel::Scatter(scatter(*k, d, &a.linkage.rows[d.row])),
                None => DriverPanel::Missing(format!(
                    "{}: no expected activity with enough data",
                    k.short_label()
                )),
            },
        )
        .collect();
    Figure::Plot(DriversSpec {
        heading: Heading::titled(
            "Expected drivers: activity against change, each person against their own average",
        ),
        panels,
    })
}

impl ChartSpec for DriversSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let small = theme::Scale {
            title: c.scale.label,
            label: c.scale.tick,
            tick: c.scale.tick * 0.85,
            ..c.scale
        };
        for (area, panel) in plot.split_evenly((2, 2)).iter().zip(&self.panels) {
            match panel {
                DriverPanel::Missing(text) => {
                    let (w, h) = area.dim_in_pixel();
                    area.draw_text(
                        text,
                        &theme::font(small.label, &c.pal.muted)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                        (w as i32 / 2, h as i32 / 2),
                    )?;
                }
                DriverPanel::Scatter(s) => draw_scatter(area, s, &small, c)?,
            }
        }
        Ok(())
    }
}

/// One component's panel, its fonts at the `small` scale.
fn draw_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Scatter,
    small: &theme::Scale,
    c: &Canvas,
) -> DrawResult {
    let (scale, pal) = (&c.scale, &c.pal);
    let (xr, yr) = (s.x_reach, s.y_reach);
    let mut chart = ChartBuilder::on(area)
        .margin(scale.margin)
        .caption(
            s.caption.clone(),
            (theme::FONT, small.title, FontStyle::Bold)
                .into_font()
                .color(&pal.ink),
        )
        .x_label_area_size(small.tick * 3.2)
        .y_label_area_size(small.tick * 4.5)
        .build_cartesian_2d(-xr..xr, -yr..yr)?;
    let tick_font = theme::font(small.tick, &pal.ink);
    let x_format = super::ticks::formatter(-xr..xr, 5, false);
    let y_format = super::ticks::formatter(-yr..yr, 5, false);
    theme::house_mesh(&mut chart.configure_mesh(), pal)
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(tick_font.clone())
        .x_desc(s.x_desc.clone())
        .y_desc("Points per week vs own average")
        .axis_desc_style(tick_font)
        .draw()?;
    let radius = (small.tick / 5.0).max(2.0) as u32;
    chart.draw_series(
        s.points
            .iter()
            .map(|p| Circle::new(*p, radius, s.colour.mix(0.45).filled())),
    )?;
    if let Some(fan) = &s.fan {
        chart.draw_series(std::iter::once(Polygon::new(
            fan.interval.clone(),
            pal.muted.mix(0.25).filled(),
        )))?;
        chart.draw_series(LineSeries::new(
            fan.slope,
            pal.ink.stroke_width(scale.line * 2),
        ))?;
    }
    chart.draw_series(std::iter::once(Text::new(
        s.corner.clone(),
        (-xr * 0.95, yr * 0.95),
        theme::font(small.label, &pal.ink).pos(Pos::new(HPos::Left, VPos::Top)),
    )))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{linkage_row, one_person};
    use approx::assert_abs_diff_eq;

    #[test]
    fn a_component_with_a_driver_gets_its_points_and_the_slope_fan() {
        let mut a = one_person();
        a.linkage.rows = vec![linkage_row(
            "posts",
            Component::Brand,
            Some(0.52),
            Some((0.3, (0.1, 0.5))),
            Some(0.0012),
        )];
        a.linkage.drivers = vec![Driver {
            component: Component::Brand,
            metric: "posts".into(),
            row: 0,
            points: vec![(1.0, 0.5), (-2.0, -0.4), (0.5, 1.0)],
        }];
        let s = spec(&a).plot().expect("a chart");
        assert_eq!(s.panels.len(), 4);
        assert_eq!(
            s.panels[1],
            DriverPanel::Missing("People: no expected activity with enough data".into())
        );
        let DriverPanel::Scatter(brand) = &s.panels[0] else {
            panic!("a scatter: {:?}", s.panels[0]);
        };
        assert_eq!(brand.caption, "Posts → Establish your professional brand");
        assert_eq!(brand.x_desc, "Posts per week vs own average");
        assert_eq!(brand.corner, "r = 0.52, q = 0.001, n = 40");
        assert_eq!(brand.points.len(), 3);
        assert_eq!(brand.colour, theme::component_colour(Component::Brand));
        // The farthest points, 2 along x and 1 along y, with 10% room.
        assert_abs_diff_eq!(brand.x_reach, 2.2, epsilon = 1e-12);
        assert_abs_diff_eq!(brand.y_reach, 1.1, epsilon = 1e-12);
        // The interval's steeper edge (0.5) leaves the panel at x = 1.1 / 0.5 = 2.2; the slope 0.3
        // reaches the side first.
        let fan = brand.fan.as_ref().expect("a fan");
        assert_abs_diff_eq!(fan.interval[2].0, 2.2, epsilon = 1e-12);
        assert_abs_diff_eq!(fan.interval[2].1, 1.1, epsilon = 1e-12);
        assert_abs_diff_eq!(fan.interval[3].1, 0.22, epsilon = 1e-12);
        assert_abs_diff_eq!(fan.slope[1].1, 0.66, epsilon = 1e-12);
        assert_eq!(fan.slope[0].0, -fan.slope[1].0);
    }

    #[test]
    fn a_flat_slope_runs_to_the_panel_side() {
        let f = fan(0.0, (-1e-13, 1e-13), 3.0, 1.0);
        assert_eq!(f.slope, [(-3.0, -0.0), (3.0, 0.0)]);
    }

    #[test]
    fn without_drivers_there_is_a_note_titled_for_the_section() {
        assert_eq!(
            spec(&one_person()),
            Figure::Note {
                title: "Expected drivers".into(),
                note: "Too few intervals with activity for any expected link (8 are needed)."
            }
        );
    }
}
