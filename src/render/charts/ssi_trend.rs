//! `ssi_trend`: total SSI over time with the 80+ band and the report month shaded. One person: the SSI line
//! and the industry and network averages. A team: the weekly median, the middle half, and
//! thin lines for the highest and the lowest person (everyone in teams of up to five).

use super::axis::{x, DateAxis};
use super::legend::{self, Mark};
use super::theme;
use super::{Canvas, DrawResult};
use crate::analysis::{Cadence, TeamPeriod};
use crate::model::schema::SsiColumn;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Teams up to this size show every person's line; larger ones the highest and the lowest.
pub const ALL_LINES_UP_TO: usize = 5;

/// SSI at or above this is the "best performers" band.
pub const BEST_PERFORMERS: f64 = 80.0;

/// The peer-average lines: column, colour, legend label.
fn averages(pal: &theme::Palette) -> [(SsiColumn, RGBColor, &'static str); 2] {
    [
        (SsiColumn::IndustryAvg, pal.industry, "Industry average"),
        (SsiColumn::NetworkAvg, pal.network, "Network average"),
    ]
}

/// Where a team period is drawn: the middle of the week or month it summarises.
pub fn mid(period: &TeamPeriod, cadence: Cadence) -> f64 {
    x(period.start)
        + match cadence {
            Cadence::Weekly => 3.0,
            Cadence::Monthly => 14.5,
        }
}

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let analysis = c.analysis;
    let scale = c.scale;
    let pal = &c.pal;
    let team = analysis.is_team();
    let band = team && analysis.team_periods.len() >= 2;
    let title = if band {
        format!(
            "SSI over time: team of {} ({} median and middle half)",
            analysis.people.len(),
            analysis.team_cadence.adjective()
        )
    } else if team {
        format!("SSI over time: team of {}", analysis.people.len())
    } else {
        format!(
            "SSI over time: {}",
            analysis
                .series
                .first()
                .map(|s| s.name.as_str())
                .unwrap_or("")
        )
    };
    let dates: Vec<_> = analysis
        .series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .filter(|p| p.get(SsiColumn::Ssi).is_some())
                .map(|p| p.date)
        })
        .collect();
    let enough = analysis.series.iter().any(|s| {
        s.points
            .iter()
            .filter(|p| p.get(SsiColumn::Ssi).is_some())
            .count()
            >= 2
    });
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return super::draw_note(root, c, &title, "No SSI snapshots to draw.");
    };
    if !enough {
        return super::draw_note(
            root,
            c,
            &title,
            "Only one snapshot so far: a trend needs at least two.",
        );
    }
    let lowest = analysis
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .flat_map(|p| {
            [
                SsiColumn::Ssi,
                SsiColumn::IndustryAvg,
                SsiColumn::NetworkAvg,
            ]
            .map(|c| p.get(c))
        })
        .flatten()
        .fold(100.0, f64::min);
    let y_min = ((lowest - 5.0) / 10.0).floor().clamp(0.0, 7.0) * 10.0;
    let month_start = analysis.month.first_day();
    let month_end = analysis.month.last_day();
    // Team periods are drawn at their middles, which can fall before the first snapshot.
    let first = if band {
        analysis
            .team_periods
            .first()
            .and_then(|p| {
                crate::model::dataset::from_epoch_days(mid(p, analysis.team_cadence) as i32)
            })
            .map_or(*first, |d| d.min(*first))
    } else {
        *first
    };
    let axis = DateAxis::new(first, (*last).max(month_end));
    c.clear(root)?;
    let mut entries = Vec::new();
    if team {
        if band {
            entries.push(("Team median".to_string(), Mark::Line(pal.ssi_line)));
            entries.push((
                "Middle half of the team (25th-75th percentile)".to_string(),
                Mark::Swatch(pal.iqr_band),
            ));
        }
        let label = if analysis.people.len() <= ALL_LINES_UP_TO {
            "One person"
        } else {
            "Highest and lowest at month end"
        };
        entries.push((label.to_string(), Mark::Line(pal.person_line)));
    } else if let Some(s) = analysis.series.first() {
        entries.push(("SSI".to_string(), Mark::Line(pal.ssi_line)));
        for (column, colour, label) in averages(pal) {
            if s.points.iter().filter(|p| p.get(column).is_some()).count() >= 2 {
                entries.push((label.to_string(), Mark::Dashed(colour)));
            }
        }
    }
    let plot = legend::frame(root, &title, &entries, &scale, pal)?;
    let mut chart = ChartBuilder::on(&plot)
        .margin(scale.margin)
        .margin_right(scale.margin * 3)
        .x_label_area_size(scale.tick * 2.6)
        .y_label_area_size(scale.tick * 4.0)
        .build_cartesian_2d(axis.clone(), y_min..100f64)?;

    // Bands under everything else.
    chart.draw_series(std::iter::once(Rectangle::new(
        [(axis.start, BEST_PERFORMERS), (axis.end, 100.0)],
        pal.best_band.filled(),
    )))?;
    chart.draw_series(std::iter::once(Rectangle::new(
        [
            (x(month_start).max(axis.start), y_min),
            (x(month_end) + 1.0, 100.0),
        ],
        pal.month_band.mix(0.6).filled(),
    )))?;

    let tick_font = (theme::FONT, scale.tick).into_font().color(&pal.ink);
    let label_font = (theme::FONT, scale.label).into_font().color(&pal.ink);
    theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(tick_font.clone())
        .y_desc("Total SSI (out of 100)")
        .axis_desc_style(label_font.clone())
        .draw()?;

    let note_font = (theme::FONT, scale.tick).into_font().color(&pal.muted);
    chart.draw_series(std::iter::once(Text::new(
        "Best performers: 80+",
        (axis.start + (axis.end - axis.start) * 0.01, 98.0),
        note_font.clone(),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        analysis.month.first_day().format("%b %Y").to_string(),
        (x(month_start).max(axis.start), 93.0),
        note_font,
    )))?;

    let line = scale.line;
    if team {
        // Small teams: everyone. Larger ones: the highest and the lowest at month end, named.
        let ends: Vec<&str> = analysis
            .board
            .as_ref()
            .map(|b| {
                let ranked: Vec<&str> = b
                    .leaderboard
                    .iter()
                    .filter(|s| s.ssi.is_some())
                    .map(|s| s.name.as_str())
                    .collect();
                ranked
                    .first()
                    .into_iter()
                    .chain(ranked.last())
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        let all = analysis.people.len() <= ALL_LINES_UP_TO;
        for s in &analysis.series {
            if !all && !ends.contains(&s.name.as_str()) {
                continue;
            }
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter_map(|p| p.get(SsiColumn::Ssi).map(|v| (x(p.date), v)))
                .collect();
            let width = if all { line.div_ceil(2) } else { line };
            chart.draw_series(LineSeries::new(
                pts.clone(),
                pal.person_line.stroke_width(width),
            ))?;
            if !all {
                if let Some(&(lx, ly)) = pts.last() {
                    let at = chart.backend_coord(&(lx, ly));
                    theme::draw_runs(
                        root,
                        &format!("{} {ly:.0}", s.name),
                        scale.tick,
                        FontStyle::Normal,
                        &pal.muted,
                        plotters::style::text_anchor::HPos::Right,
                        plotters::style::text_anchor::VPos::Bottom,
                        at,
                    )?;
                }
            }
        }
        if band {
            let periods = &analysis.team_periods;
            let cadence = analysis.team_cadence;
            let mut polygon: Vec<(f64, f64)> = periods
                .iter()
                .map(|w| (mid(w, cadence), w.ssi.q3))
                .collect();
            polygon.extend(periods.iter().rev().map(|w| (mid(w, cadence), w.ssi.q1)));
            chart.draw_series(std::iter::once(Polygon::new(
                polygon,
                pal.iqr_band.mix(0.75).filled(),
            )))?;
            chart.draw_series(LineSeries::new(
                periods.iter().map(|w| (mid(w, cadence), w.ssi.median)),
                pal.ssi_line.stroke_width(line * 2),
            ))?;
        }
    } else if let Some(s) = analysis.series.first() {
        for (column, colour, _) in averages(pal) {
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter_map(|p| p.get(column).map(|v| (x(p.date), v)))
                .collect();
            if pts.len() < 2 {
                continue;
            }
            chart.draw_series(DashedLineSeries::new(
                pts,
                (scale.tick * 0.6) as i32,
                (scale.tick * 0.4) as i32,
                colour.stroke_width(line * 2),
            ))?;
        }
        let pts: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter_map(|p| p.get(SsiColumn::Ssi).map(|v| (x(p.date), v)))
            .collect();
        chart.draw_series(LineSeries::new(
            pts.clone(),
            pal.ssi_line.stroke_width(line * 2),
        ))?;
        if pts.len() <= 60 {
            chart.draw_series(
                pts.iter()
                    .map(|p| Circle::new(*p, line * 2, pal.ssi_line.filled())),
            )?;
        }
        if let Some(&(lx, ly)) = pts.last() {
            chart.draw_series(std::iter::once(Text::new(
                format!("{ly:.0}"),
                (lx, ly + 4.0),
                (theme::FONT, scale.label, FontStyle::Bold)
                    .into_font()
                    .color(&pal.ssi_line)
                    .pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Bottom,
                    )),
            )))?;
        }
    }
    root.present()?;
    Ok(())
}
