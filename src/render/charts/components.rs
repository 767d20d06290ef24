//! `components`: the four SSI components over time, in the fixed component colours. One person: their
//! snapshots, stacked to the total. A team: the median of each component per period as four lines (the
//! statistic of the report's components table; medians do not stack to the median SSI, so they are not
//! stacked).

use super::axis::{x, DateAxis};
use super::legend::Mark;
use super::theme;
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::Analysis;
use crate::model::schema::Component;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Paints stacked areas as pixels: `columns` gives, at each point's pixel column (left to right), the
/// pixel rows of the baseline and of each band's top; columns between points are interpolated. A pixel
/// belongs to a band when its row lies between the band's rounded bottom and top. Pixels above the stack
/// get the background, or the month band's colour within `month_px`; band colours come in pairs (over
/// the background, over the month band). Returns the patch and its top-left corner, or None when there is
/// nothing to paint.
fn paint_stack(
    columns: &[(i32, [f64; 5])],
    month_px: (i32, i32),
    colours: &[[RGBColor; 2]],
    pal: &theme::Palette,
) -> Option<BitMapElement<'static, (i32, i32)>> {
    let (first, last) = (columns.first()?.0, columns.last()?.0);
    if last <= first {
        return None;
    }
    let top = columns.iter().map(|(_, ys)| ys[4].round() as i32).min()?;
    let bottom = columns.iter().map(|(_, ys)| ys[0].round() as i32).max()?;
    if bottom <= top {
        return None;
    }
    let (width, height) = ((last - first + 1) as usize, (bottom - top) as usize);
    // Each column's band edges, then the pixels row by row (the buffer's order).
    let mut edges: Vec<([i32; 5], usize)> = Vec::with_capacity(width);
    let mut segment = 0;
    for x in first..=last {
        while segment + 2 < columns.len() && columns[segment + 1].0 <= x {
            segment += 1;
        }
        let (x0, a) = columns[segment];
        let (x1, b) = columns[(segment + 1).min(columns.len() - 1)];
        let t = if x1 > x0 {
            f64::from(x - x0) / f64::from(x1 - x0)
        } else {
            0.0
        };
        let rows: [i32; 5] = std::array::from_fn(|k| (a[k] + t * (b[k] - a[k])).round() as i32);
        edges.push((rows, usize::from(x >= month_px.0 && x <= month_px.1)));
    }
    let mut pixels = Vec::with_capacity(width * height * 3);
    for y in top..bottom {
        for (rows, in_month) in &edges {
            let colour = (0..4).find(|k| y >= rows[k + 1] && y < rows[*k]).map_or(
                if *in_month == 1 {
                    pal.month_band
                } else {
                    pal.background
                },
                |k| colours[k][*in_month],
            );
            pixels.extend_from_slice(&[colour.0, colour.1, colour.2]);
        }
    }
    BitMapElement::with_owned_buffer((first, top), (width as u32, height as u32), pixels)
}

/// How opaque the stacked areas are.
const AREA_ALPHA: f64 = 0.85;

/// The stacked series: dates and the four component values at each.
fn stack_points(analysis: &Analysis) -> Vec<(f64, [f64; 4])> {
    if analysis.is_team() {
        analysis
            .team_periods
            .iter()
            .filter_map(|w| {
                w.component_medians
                    .map(|m| (super::ssi_trend::mid(w, analysis.team_cadence), m))
            })
            .collect()
    } else {
        analysis
            .series
            .first()
            .map(|s| {
                s.points
                    .iter()
                    .filter_map(|p| {
                        let c: Option<Vec<f64>> =
                            Component::ALL.iter().map(|c| p.component(*c)).collect();
                        c.map(|c| (x(p.date), [c[0], c[1], c[2], c[3]]))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One component's area: between the components below it and its own top.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The component's colour.
    pub colour: RGBColor,
    /// (day, cumulative value) along the area's top.
    pub top: Vec<(f64, f64)>,
    /// (day, cumulative value) along its bottom: the top of the layer below, or zero.
    pub bottom: Vec<(f64, f64)>,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentsSpec {
    /// Title and legend (each component with its latest value).
    pub heading: Heading,
    /// The date axis.
    pub x: DateAxis,
    /// The top of the y range: ten above the highest total, rounded up to ten, at most 100.
    pub y_max: f64,
    /// The report month's band along x.
    pub month_band: (f64, f64),
    /// Brand at the bottom, relationships on top (stacked); or one line per component (`stacked` false).
    pub layers: Vec<Layer>,
    /// True for one person's stacked areas, false for a team's median lines.
    pub stacked: bool,
}

fn title(a: &Analysis) -> String {
    if a.is_team() {
        format!(
            "SSI components over time: {} ({} median of each)",
            crate::render::text::team_of(a),
            a.team_cadence.adjective()
        )
    } else {
        format!(
            "SSI components over time: {}",
            a.series.first().map(|s| s.name.as_str()).unwrap_or("")
        )
    }
}

/// Cumulative tops: brand at the bottom, relationships on top.
fn layers(points: &[(f64, [f64; 4])]) -> Vec<Layer> {
    let mut lower: Vec<f64> = vec![0.0; points.len()];
    let mut out = Vec::with_capacity(4);
    for (k, c) in Component::ALL.iter().enumerate() {
        let upper: Vec<f64> = points
            .iter()
            .zip(&lower)
            .map(|((_, v), l)| l + v[k])
            .collect();
        let at = |values: &[f64]| -> Vec<(f64, f64)> {
            points
                .iter()
                .zip(values)
                .map(|((d, _), v)| (*d, *v))
                .collect()
        };
        out.push(Layer {
            colour: theme::component_colour(*c),
            top: at(&upper),
            bottom: at(&lower),
        });
        lower = upper;
    }
    out
}

/// One line per component at its own value (a team's medians), with no area below.
fn lines(points: &[(f64, [f64; 4])]) -> Vec<Layer> {
    Component::ALL
        .iter()
        .enumerate()
        .map(|(k, c)| Layer {
            colour: theme::component_colour(*c),
            top: points.iter().map(|(d, v)| (*d, v[k])).collect(),
            bottom: Vec::new(),
        })
        .collect()
}

/// The chart's data, or a note with fewer than two snapshots holding all four components.
pub fn spec(a: &Analysis) -> Figure<ComponentsSpec> {
    let title = title(a);
    let points = stack_points(a);
    if points.len() < 2 {
        return Figure::Note {
            title,
            note: "Fewer than two snapshots with all four components: nothing to stack yet.",
        };
    }
    // The axis spans the stacked points (a team's series starts once enough people have snapshots).
    let to_date = |v: f64| crate::model::dataset::from_epoch_days(v.floor() as i32);
    let (Some(first), Some(last)) = (to_date(points[0].0), to_date(points[points.len() - 1].0))
    else {
        return Figure::Note {
            title,
            note: "No SSI snapshots to draw.",
        };
    };
    let axis = DateAxis::new(first, last.max(a.month.last_day()));
    // A team's legend gives the month-end medians of the components table and the headline; one
    // person's, their latest snapshot.
    let latest = if a.is_team() {
        Component::ALL.map(|c| a.team.median.get(c.into()).unwrap_or(f64::NAN))
    } else {
        points.last().map(|(_, v)| *v).unwrap_or_default()
    };
    let legend = Component::ALL
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let value = latest[k];
            (
                if value.is_finite() {
                    format!("{} {value:.2}", c.short_label())
                } else {
                    c.short_label().to_string()
                },
                Mark::Swatch(theme::component_colour(*c)),
            )
        })
        .collect();
    let stacked = !a.is_team();
    let top = points
        .iter()
        .map(|(_, c)| c.iter().sum::<f64>())
        .fold(0.0, f64::max);
    Figure::Plot(ComponentsSpec {
        heading: Heading { title, legend },
        y_max: if stacked {
            ((top / 10.0).ceil() * 10.0 + 10.0).min(100.0)
        } else {
            25.0
        },
        month_band: (
            x(a.month.first_day()).max(axis.start),
            x(a.month.last_day()) + 1.0,
        ),
        layers: if stacked {
            layers(&points)
        } else {
            lines(&points)
        },
        stacked,
        x: axis,
    })
}

type StackChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<DateAxis, RangedCoordf64>>;

impl ComponentsSpec {
    /// Paints the whole stack as one bitmap, with the blend over the background and the month band
    /// worked out (see `paint_stack`).
    fn paint<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        chart: &StackChart<'_, DB>,
        pal: &theme::Palette,
    ) -> DrawResult {
        let to_px = |d: f64, v: f64| {
            let (px, py) = chart.backend_coord(&(d, v));
            (px, f64::from(py))
        };
        let n = self.layers.first().map_or(0, |l| l.top.len());
        let mut columns: Vec<(i32, [f64; 5])> = Vec::with_capacity(n);
        for j in 0..n {
            let d = self.layers[0].top[j].0;
            let mut ys = [0.0; 5];
            let (px, base) = to_px(d, 0.0);
            ys[0] = base;
            for (k, layer) in self.layers.iter().enumerate() {
                ys[k + 1] = to_px(d, layer.top[j].1).1;
            }
            columns.push((px, ys));
        }
        let month_px = (
            chart.backend_coord(&(self.month_band.0, 0.0)).0,
            chart.backend_coord(&(self.month_band.1, 0.0)).0,
        );
        let colours: Vec<[RGBColor; 2]> = self
            .layers
            .iter()
            .map(|layer| {
                [
                    theme::over(layer.colour, AREA_ALPHA, pal.background),
                    theme::over(layer.colour, AREA_ALPHA, pal.month_band),
                ]
            })
            .collect();
        if let Some(patch) = paint_stack(&columns, month_px, &colours, pal) {
            root.draw(&patch)?;
        }
        Ok(())
    }
}

impl ChartSpec for ComponentsSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (&c.scale, &c.pal);
        let mut chart = super::house_chart(&plot, scale, 4.0, self.x.clone(), 0f64..self.y_max)?;
        let band = self.month_band;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(band.0, 0.0), (band.1, self.y_max)],
            pal.month_band.filled(),
        )))?;
        // Areas are 85% opaque so the month band shows through. In an opaque bitmap the whole stack is
        // painted here, row by row, with the blend worked out, and copied in at once (the bitmap backend
        // fills a translucent polygon one pixel column at a time, which made this the slowest chart to
        // draw).
        if !self.stacked {
            for layer in &self.layers {
                chart.draw_series(LineSeries::new(
                    layer.top.clone(),
                    layer.colour.stroke_width(scale.line),
                ))?;
            }
        }
        let painted = c.raster && pal.opaque && self.stacked;
        if painted {
            self.paint(root, &chart, pal)?;
        }
        for layer in self.layers.iter().filter(|_| self.stacked) {
            if !painted {
                // Shapes (SVG) blend natively: translucent polygons over the month band.
                let mut area = layer.top.clone();
                area.extend(layer.bottom.iter().rev().copied());
                chart.draw_series(std::iter::once(Polygon::new(
                    area,
                    layer.colour.mix(AREA_ALPHA).filled(),
                )))?;
            }
            chart.draw_series(LineSeries::new(
                layer.top.clone(),
                pal.background.stroke_width(1),
            ))?;
        }
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(pal.background.mix(0.5).stroke_width(1))
            .axis_style(pal.muted.stroke_width(1))
            .y_label_formatter(&super::ticks::formatter(
                0f64..self.y_max,
                super::ticks::DEFAULT_LABELS,
                false,
            ))
            .label_style(theme::font(scale.tick, &pal.ink))
            .y_desc(if self.stacked {
                "Points (components stack to the total SSI)"
            } else {
                "Median points (each component, of 25)"
            })
            .axis_desc_style(theme::font(scale.label, &pal.ink))
            .draw()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::paint_stack;
    use crate::render::charts::theme::{Palette, ThemeName};
    use plotters::prelude::*;

    #[test]
    fn painted_stack_puts_each_row_in_its_band() {
        let pal = Palette::of(ThemeName::Light);
        // Two points 4 pixels apart; baseline at row 10, band tops at rows 8, 6, 4, 2 on the left and
        // 8, 7, 6, 5 on the right; the month covers columns 3 and 4.
        let columns = [
            (0, [10.0, 8.0, 6.0, 4.0, 2.0]),
            (4, [10.0, 8.0, 7.0, 6.0, 5.0]),
        ];
        let colours: Vec<[RGBColor; 2]> = (0..4u8)
            .map(|k| [RGBColor(k, 0, 0), RGBColor(k, 100, 0)])
            .collect();
        let patch = paint_stack(&columns, (3, 4), &colours, &pal).unwrap();
        let mut target = vec![0u8; 20 * 20 * 3];
        {
            let root = BitMapBackend::with_buffer(&mut target, (20, 20)).into_drawing_area();
            root.draw(&patch).unwrap();
        }
        let at = |x: usize, y: usize| {
            let i = (y * 20 + x) * 3;
            (target[i], target[i + 1], target[i + 2])
        };
        assert_eq!(at(0, 9), (0, 0, 0), "brand at the bottom");
        assert_eq!(at(0, 2), (3, 0, 0), "relationships on top");
        assert_eq!(at(4, 9), (0, 100, 0), "brand inside the month");
        // Column 2 sits half way: tops at 8, 6.5, 5, 3.5, rounded to 8, 7, 5, 4, so people holds row 7,
        // insights rows 5 and 6, relationships row 4.
        assert_eq!(at(2, 7), (1, 0, 0));
        assert_eq!(at(2, 6), (2, 0, 0));
        assert_eq!(at(2, 5), (2, 0, 0));
        assert_eq!(at(2, 4), (3, 0, 0));
        let bg = pal.background;
        assert_eq!(at(2, 3), (bg.0, bg.1, bg.2), "above the stack: background");
        assert_eq!(
            at(4, 4),
            (pal.month_band.0, pal.month_band.1, pal.month_band.2)
        );
        assert_eq!(at(0, 10), (0, 0, 0), "the baseline row is left alone");
    }
}

#[cfg(test)]
mod spec_tests {
    use super::*;
    use crate::analysis::testing::snap;
    use crate::render::charts::fixtures::{analysed, at, team};

    #[test]
    fn the_components_stack_from_brand_up_with_the_latest_values_in_the_legend() {
        let a = analysed(vec![
            snap("Ana", "2025-09-29", 50.0, [12.0, 13.0, 12.5, 12.5]),
            snap("Ana", "2025-10-27", 54.0, [13.0, 14.0, 13.5, 13.5]),
        ]);
        let s = spec(&a).plot().expect("a chart");
        assert_eq!(s.heading.title, "SSI components over time: Ana");
        let labels: Vec<&str> = s.heading.legend.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Brand 13.00",
                "People 14.00",
                "Insights 13.50",
                "Relationships 13.50"
            ]
        );
        // The highest total 54, rounded up to 60, plus 10.
        assert_eq!(s.y_max, 70.0);
        assert_eq!(s.month_band, (at("2025-10-01"), at("2025-10-31") + 1.0));
        assert_eq!(s.layers.len(), 4);
        let (sep, oct) = (at("2025-09-29"), at("2025-10-27"));
        assert_eq!(s.layers[0].bottom, [(sep, 0.0), (oct, 0.0)]);
        assert_eq!(s.layers[0].top, [(sep, 12.0), (oct, 13.0)]);
        assert_eq!(s.layers[1].bottom, s.layers[0].top);
        assert_eq!(s.layers[1].top, [(sep, 25.0), (oct, 27.0)]);
        assert_eq!(s.layers[3].top, [(sep, 50.0), (oct, 54.0)]);
        assert_eq!(
            s.layers[3].colour,
            theme::component_colour(Component::Relationships)
        );
    }

    #[test]
    fn a_team_draws_the_weekly_median_of_each_component_unstacked() {
        let s = spec(&team(3)).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "SSI components over time: team of 3 (weekly median of each)"
        );
        assert!(!s.stacked);
        assert_eq!(s.y_max, 25.0);
        // Week of 6 Oct: SSI 40, 50, 60, a quarter each; the median brand is 12.5, drawn on the Thursday.
        assert_eq!(s.layers[0].top[0], (at("2025-10-06") + 3.0, 12.5));
        assert!(s.layers[0].bottom.is_empty());
        // Week of 27 Oct: SSI 43, 53, 63; relationships 10.75, 13.25, 15.75, median 13.25 (not stacked).
        assert_eq!(s.layers[3].top.len(), 4);
        assert_eq!(s.layers[3].top[3].1, 13.25);
        // The legend gives the month-end medians, as the components table does.
        let labels: Vec<&str> = s.heading.legend.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels[0], "Brand 13.25");
    }

    #[test]
    fn one_snapshot_is_a_note() {
        let a = analysed(vec![snap(
            "Ana",
            "2025-10-27",
            54.0,
            [13.0, 14.0, 13.5, 13.5],
        )]);
        assert_eq!(
            spec(&a),
            Figure::Note {
                title: "SSI components over time: Ana".into(),
                note: "Fewer than two snapshots with all four components: nothing to stack yet."
            }
        );
    }
}
