//! `ranks`: industry and network rank ("top X%") over time on an inverted axis, so "Top 1%" is at the top,
//! with the rank targets as dashed lines. One person: their ranks; a team: the median rank per period.

use super::axis::{x, DateAxis};
use super::legend::{self, Mark};
use super::theme;
use super::{Canvas, DrawResult};
use crate::model::schema::SsiColumn;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let targets = &a.settings.targets;
    // Two series of (day, rank): industry then network.
    let (title, series): (String, [Vec<(f64, f64)>; 2]) = if a.is_team() {
        let mid = |p: &crate::analysis::TeamPeriod| super::ssi_trend::mid(p, a.team_cadence);
        (
            format!(
                "Rank over time: team of {} ({} median, top % of people)",
                a.people.len(),
                a.team_cadence.adjective()
            ),
            [0, 1].map(|k| {
                a.team_periods
                    .iter()
                    .filter_map(|p| p.rank_medians[k].map(|r| (mid(p), r)))
                    .collect()
            }),
        )
    } else {
        let s = a.series.first();
        (
            format!(
                "Rank over time: {} (top % of people)",
                s.map(|s| s.name.as_str()).unwrap_or("")
            ),
            [SsiColumn::IndustryRankPct, SsiColumn::NetworkRankPct].map(|col| {
                s.map(|s| {
                    s.points
                        .iter()
                        .filter_map(|p| p.get(col).map(|r| (x(p.date), r)))
                        .collect()
                })
                .unwrap_or_default()
            }),
        )
    };
    if series.iter().all(|s| s.len() < 2) {
        return super::draw_note(
            root,
            c,
            &title,
            "Fewer than two snapshots with a rank: no trend to draw yet.",
        );
    }
    let days: Vec<f64> = series.iter().flatten().map(|p| p.0).collect();
    let to_date = |v: f64| crate::model::dataset::from_epoch_days(v.floor() as i32);
    let (Some(first), Some(last)) = (
        to_date(days.iter().copied().fold(f64::INFINITY, f64::min)),
        to_date(days.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
    ) else {
        return super::draw_note(root, c, &title, "No ranks to draw.");
    };
    let axis = DateAxis::new(first, last.max(a.month.last_day()));
    let worst = series.iter().flatten().map(|p| p.1).fold(
        targets.industry_rank_pct.max(targets.network_rank_pct),
        f64::max,
    );
    let bottom = (worst * 1.15).ceil().max(6.0);
    c.clear(root)?;
    let colours = [pal.industry, pal.network];
    let names = ["Industry rank", "Network rank"];
    let mut entries: Vec<(String, Mark)> = Vec::new();
    for k in 0..2 {
        if series[k].len() >= 2 {
            entries.push((names[k].to_string(), Mark::Line(colours[k])));
        }
    }
    entries.push(("Targets".to_string(), Mark::Dashed(pal.muted)));
    let plot = legend::frame(root, &title, &entries, &scale, pal)?;
    // Plotted as -rank so that the best rank is at the top.
    let mut chart = ChartBuilder::on(&plot)
        .margin(scale.margin)
        .margin_right(scale.margin * 3)
        .x_label_area_size(scale.tick * 2.6)
        .y_label_area_size(scale.tick * 5.0)
        .build_cartesian_2d(axis.clone(), -bottom..0.0)?;
    chart.draw_series(std::iter::once(Rectangle::new(
        [
            (x(a.month.first_day()).max(axis.start), -bottom),
            (x(a.month.last_day()) + 1.0, 0.0),
        ],
        pal.month_band.filled(),
    )))?;
    let tick_font = (theme::FONT, scale.tick).into_font().color(&pal.ink);
    let label_font = (theme::FONT, scale.label).into_font().color(&pal.ink);
    theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
        .y_labels(8)
        .y_label_formatter(&|v| {
            if *v > -0.5 {
                String::new()
            } else {
                format!("Top {:.0}%", -v)
            }
        })
        .label_style(tick_font)
        .y_desc("Rank (better is higher)")
        .axis_desc_style(label_font)
        .draw()?;
    let note = (theme::FONT, scale.tick).into_font().color(&pal.muted);
    for (value, label) in [
        (targets.industry_rank_pct, "industry"),
        (targets.network_rank_pct, "network"),
    ] {
        chart.draw_series(DashedLineSeries::new(
            vec![(axis.start, -value), (axis.end, -value)],
            (scale.tick * 0.6) as i32,
            (scale.tick * 0.4) as i32,
            pal.muted.stroke_width(scale.line),
        ))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("Target {label}: top {value:.0}%"),
            (
                axis.end - (axis.end - axis.start) * 0.01,
                -value + bottom * 0.005,
            ),
            note.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Right,
                plotters::style::text_anchor::VPos::Bottom,
            )),
        )))?;
    }
    for k in 0..2 {
        if series[k].len() < 2 {
            continue;
        }
        chart.draw_series(LineSeries::new(
            series[k].iter().map(|(d, r)| (*d, -r)),
            colours[k].stroke_width(scale.line * 2),
        ))?;
    }
    root.present()?;
    Ok(())
}
