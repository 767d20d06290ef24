//! `components`: the four SSI components stacked to the total over time, in the fixed component colours.
//! One person: their snapshots. A team: the weekly mean of each component (means add up, medians do not).

use super::axis::{x, DateAxis};
use super::legend::{self, Mark};
use super::theme;
use super::{Canvas, DrawResult};
use crate::analysis::Analysis;
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;

/// How opaque the stacked areas are.
const AREA_ALPHA: f64 = 0.85;

/// The part of a polyline (sorted by x) within `[from, to]` in x, with points interpolated at the ends.
fn clip_x(line: &[(f64, f64)], (from, to): (f64, f64)) -> Vec<(f64, f64)> {
    let at = |a: (f64, f64), b: (f64, f64), x: f64| {
        let t = if b.0 == a.0 {
            0.0
        } else {
            (x - a.0) / (b.0 - a.0)
        };
        (x, a.1 + t * (b.1 - a.1))
    };
    let mut out = Vec::new();
    for (i, &p) in line.iter().enumerate() {
        if let Some(&prev) = i.checked_sub(1).and_then(|j| line.get(j)) {
            if prev.0 < from && p.0 > from {
                out.push(at(prev, p, from));
            }
            if prev.0 < to && p.0 > to {
                out.push(at(prev, p, to));
            }
        }
        if p.0 >= from && p.0 <= to {
            out.push(p);
        }
    }
    out
}

/// The stacked series: dates and the four component values at each.
fn stack_points(analysis: &Analysis) -> Vec<(f64, [f64; 4])> {
    if analysis.is_team() {
        analysis
            .team_periods
            .iter()
            .filter_map(|w| {
                w.component_means
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

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let analysis = c.analysis;
    let scale = c.scale;
    let pal = &c.pal;
    let title = if analysis.is_team() {
        format!(
            "SSI components over time: team of {} ({} average)",
            analysis.people.len(),
            analysis.team_cadence.adjective()
        )
    } else {
        format!(
            "SSI components over time: {}",
            analysis
                .series
                .first()
                .map(|s| s.name.as_str())
                .unwrap_or("")
        )
    };
    let points = stack_points(analysis);
    if points.len() < 2 {
        return super::draw_note(
            root,
            c,
            &title,
            "Fewer than two snapshots with all four components: nothing to stack yet.",
        );
    }
    // The axis spans the stacked points (a team's series starts once enough people have snapshots).
    let to_date = |v: f64| crate::model::dataset::from_epoch_days(v.floor() as i32);
    let (Some(first), Some(last)) = (to_date(points[0].0), to_date(points[points.len() - 1].0))
    else {
        return super::draw_note(root, c, &title, "No SSI snapshots to draw.");
    };
    let axis = DateAxis::new(first, last.max(analysis.month.last_day()));
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    c.clear(root)?;
    let latest = points.last().map(|(_, v)| *v).unwrap_or_default();
    let entries: Vec<(String, Mark)> = Component::ALL
        .iter()
        .enumerate()
        .map(|(k, c)| {
            (
                format!("{} {:.1}", c.short_label(), latest[k]),
                Mark::Swatch(theme::component_colour(*c)),
            )
        })
        .collect();
    let plot = legend::frame(root, &title, &entries, &scale, pal)?;
    let top = points
        .iter()
        .map(|(_, c)| c.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let y_max = ((top / 10.0).ceil() * 10.0 + 10.0).min(100.0);
    let mut chart = ChartBuilder::on(&plot)
        .margin(scale.margin)
        .margin_right(scale.margin * 3)
        .x_label_area_size(scale.tick * 2.6)
        .y_label_area_size(scale.tick * 4.0)
        .build_cartesian_2d(axis.clone(), 0f64..y_max)
        .map_err(err)?;
    let band = (
        x(analysis.month.first_day()).max(axis.start),
        x(analysis.month.last_day()) + 1.0,
    );
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(band.0, 0.0), (band.1, y_max)],
            pal.month_band.filled(),
        )))
        .map_err(err)?;

    // Cumulative tops: brand at the bottom, relationships on top. Areas are 85% opaque so the month band
    // shows through. On an opaque background the blend is computed here and the areas drawn solid (a
    // translucent polygon costs a blend per pixel column in the bitmap backend): once over the background
    // and once, clipped to the month, over the band, which gives the same pixels.
    let mut lower: Vec<f64> = vec![0.0; points.len()];
    for (k, c) in Component::ALL.iter().enumerate() {
        let upper: Vec<f64> = points
            .iter()
            .zip(&lower)
            .map(|((_, v), l)| l + v[k])
            .collect();
        let top: Vec<(f64, f64)> = points
            .iter()
            .zip(&upper)
            .map(|((d, _), u)| (*d, *u))
            .collect();
        let bottom: Vec<(f64, f64)> = points
            .iter()
            .zip(&lower)
            .map(|((d, _), l)| (*d, *l))
            .collect();
        let colour = theme::component_colour(*c);
        let area = |top: &[(f64, f64)], bottom: &[(f64, f64)]| {
            let mut poly = top.to_vec();
            poly.extend(bottom.iter().rev());
            poly
        };
        if pal.opaque {
            chart
                .draw_series(std::iter::once(Polygon::new(
                    area(&top, &bottom),
                    theme::over(colour, AREA_ALPHA, pal.background).filled(),
                )))
                .map_err(err)?;
            let (top_in, bottom_in) = (clip_x(&top, band), clip_x(&bottom, band));
            if top_in.len() >= 2 {
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        area(&top_in, &bottom_in),
                        theme::over(colour, AREA_ALPHA, pal.month_band).filled(),
                    )))
                    .map_err(err)?;
            }
        } else {
            chart
                .draw_series(std::iter::once(Polygon::new(
                    area(&top, &bottom),
                    colour.mix(AREA_ALPHA).filled(),
                )))
                .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(top, pal.background.stroke_width(1)))
            .map_err(err)?;
        lower = upper;
    }
    let tick_font = (theme::FONT, scale.tick).into_font().color(&pal.ink);
    let label_font = (theme::FONT, scale.label).into_font().color(&pal.ink);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(pal.background.mix(0.5).stroke_width(1))
        .axis_style(pal.muted.stroke_width(1))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(tick_font)
        .y_desc("Points (components stack to the total SSI)")
        .axis_desc_style(label_font)
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::clip_x;

    #[test]
    fn clipping_interpolates_at_both_ends() {
        let line = [(0.0, 0.0), (10.0, 10.0), (20.0, 0.0)];
        assert_eq!(
            clip_x(&line, (5.0, 15.0)),
            vec![(5.0, 5.0), (10.0, 10.0), (15.0, 5.0)]
        );
        assert_eq!(clip_x(&line, (10.0, 30.0)), vec![(10.0, 10.0), (20.0, 0.0)]);
        assert_eq!(clip_x(&line, (-5.0, 0.0)), vec![(0.0, 0.0)]);
        assert!(clip_x(&line, (21.0, 30.0)).is_empty());
    }
}
