//! `drivers`: one panel per component (2x2), its best-supported expected activity against its weekly change,
//! both as differences from each person's own average, with the within-person slope and its 95% interval;
//! r, q and n in the corner.

use super::theme;
use super::{Canvas, DrawResult};
use crate::analysis::words::{fixed, p_text};
use crate::model::schema::{metric_label, Component};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let title = "Expected drivers: activity against change, each person against their own average";
    if a.linkage.drivers.is_empty() {
        return super::draw_note(
            root,
            c,
            "Expected drivers",
            "Too few intervals with activity for any expected link (8 are needed).",
        );
    }
    c.clear(root)?;
    let plot = super::legend::frame(root, title, &[], &scale, pal)?;
    let panels = plot.split_evenly((2, 2));
    let small = theme::Scale {
        title: scale.label,
        label: scale.tick,
        tick: scale.tick * 0.85,
        ..scale
    };
    for (panel, k) in panels.iter().zip(Component::ALL) {
        let Some(d) = a.linkage.drivers.iter().find(|d| d.component == k) else {
            panel.draw_text(
                &format!("{}: no expected activity with enough data", k.short_label()),
                &(theme::FONT, small.label)
                    .into_font()
                    .color(&pal.muted)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
                (
                    panel.dim_in_pixel().0 as i32 / 2,
                    panel.dim_in_pixel().1 as i32 / 2,
                ),
            )?;
            continue;
        };
        let row = &a.linkage.rows[d.row];
        let colour = theme::component_colour(k);
        let span = |f: fn(&(f64, f64)) -> f64| {
            d.points
                .iter()
                .map(f)
                .fold(0.0f64, |m, v| m.max(v.abs()))
                .max(1e-6)
                * 1.1
        };
        let (xr, yr) = (span(|p| p.0), span(|p| p.1));
        let mut chart = ChartBuilder::on(panel)
            .margin(scale.margin)
            .caption(
                format!("{} → {}", metric_label(&d.metric), k.label()),
                (theme::FONT, small.title, FontStyle::Bold)
                    .into_font()
                    .color(&pal.ink),
            )
            .x_label_area_size(small.tick * 3.2)
            .y_label_area_size(small.tick * 4.5)
            .build_cartesian_2d(-xr..xr, -yr..yr)?;
        let tick_font = (theme::FONT, small.tick).into_font().color(&pal.ink);
        theme::house_mesh(&mut chart.configure_mesh(), pal)
            .x_labels(5)
            .y_labels(5)
            .label_style(tick_font.clone())
            .x_desc(format!(
                "{} per week vs own average",
                metric_label(&d.metric)
            ))
            .y_desc("Points per week vs own average")
            .axis_desc_style(tick_font)
            .draw()?;
        let radius = (small.tick / 5.0).max(2.0) as u32;
        chart.draw_series(
            d.points
                .iter()
                .map(|p| Circle::new(*p, radius, colour.mix(0.45).filled())),
        )?;
        if let (Some(slope), Some((low, high))) = (row.stats.slope, row.stats.ci) {
            // Lines through the origin stop where they leave the panel (plotters does not clip).
            let reach = |k: f64| {
                if k.abs() > 1e-12 {
                    xr.min(yr / k.abs())
                } else {
                    xr
                }
            };
            let xb = reach(low.abs().max(high.abs()));
            chart.draw_series(std::iter::once(Polygon::new(
                vec![
                    (-xb, -xb * low),
                    (0.0, 0.0),
                    (xb, xb * high),
                    (xb, xb * low),
                    (0.0, 0.0),
                    (-xb, -xb * high),
                ],
                pal.muted.mix(0.25).filled(),
            )))?;
            let xl = reach(slope);
            chart.draw_series(LineSeries::new(
                vec![(-xl, -xl * slope), (xl, xl * slope)],
                pal.ink.stroke_width(scale.line * 2),
            ))?;
        }
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
        chart.draw_series(std::iter::once(Text::new(
            corner,
            (-xr * 0.95, yr * 0.95),
            (theme::FONT, small.label)
                .into_font()
                .color(&pal.ink)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
    }
    root.present()?;
    Ok(())
}
