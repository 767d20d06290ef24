//! `ranks`: industry and network rank ("top X%") over time on an inverted axis, so "Top 1%" is at the top,
//! with the rank targets as dashed lines. One person: their ranks; a team: the median rank per period.

use super::axis::{x, DateAxis};
use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::Analysis;
use crate::model::schema::SsiColumn;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A rank target: its dashed line and its note. Plotted as minus the rank, so the best is at the top.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetLine {
    /// The line's ends (y: minus the target).
    pub line: [(f64, f64); 2],
    /// "Target industry: top 10%".
    pub text: String,
    /// Where the note's lower right corner sits.
    pub at: (f64, f64),
}

/// One rank's line.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    /// (day, minus the rank) points.
    pub points: Vec<(f64, f64)>,
    /// Industry or network colour.
    pub colour: RGBColor,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RanksSpec {
    /// Title and legend.
    pub heading: Heading,
    /// The date axis.
    pub x: DateAxis,
    /// The y range: minus the worst rank shown (at least 6, with room) up to 0.
    pub y: std::ops::Range<f64>,
    /// The report month's band: lower-left and upper-right corners.
    pub month_band: [(f64, f64); 2],
    /// Industry then network target.
    pub targets: [TargetLine; 2],
    /// The ranks with at least two points.
    pub lines: Vec<RankLine>,
}

/// The title and two series of (day, rank): industry then network.
fn series(a: &Analysis) -> (String, [Vec<(f64, f64)>; 2]) {
    if a.is_team() {
        let mid = |p: &crate::analysis::TeamPeriod| super::ssi_trend::mid(p, a.team_cadence);
        (
            format!(
                "Rank over time: {} ({} median, top % of people)",
                crate::render::text::team_of(a),
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
    }
}

fn target(value: f64, label: &str, axis: &DateAxis, bottom: f64) -> TargetLine {
    TargetLine {
        line: [(axis.start, -value), (axis.end, -value)],
        text: format!("Target {label}: top {value:.0}%"),
        at: (
            axis.end - (axis.end - axis.start) * 0.01,
            -value + bottom * 0.005,
        ),
    }
}

/// The chart's data, or a note with fewer than two ranks.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<RanksSpec> {
    let targets = &a.settings.targets;
    let (title, series) = series(a);
    if series.iter().all(|s| s.len() < 2) {
        return Figure::Note {
            title,
            note: "Fewer than two snapshots with a rank: no trend to draw yet.",
        };
    }
    let days: Vec<f64> = series.iter().flatten().map(|p| p.0).collect();
    let to_date = |v: f64| crate::model::dataset::from_epoch_days(v.floor() as i32);
    let (Some(first), Some(last)) = (
        to_date(days.iter().copied().fold(f64::INFINITY, f64::min)),
        to_date(days.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
    ) else {
        return Figure::Note {
            title,
            note: "No ranks to draw.",
        };
    };
    let axis = DateAxis::new(first, last.max(a.month.last_day()));
    let worst = series.iter().flatten().map(|p| p.1).fold(
        targets.industry_rank_pct.max(targets.network_rank_pct),
        f64::max,
    );
    let bottom = (worst * 1.15).ceil().max(6.0);
    let colours = [pal.industry, pal.network];
    let names = ["Industry rank", "Network rank"];
    let shown = |k: usize| series[k].len() >= 2;
    let mut legend: Vec<(String, Mark)> = (0..2)
        .filter(|k| shown(*k))
        .map(|k| (names[k].to_string(), Mark::Line(colours[k])))
        .collect();
    legend.push(("Targets".to_string(), Mark::Dashed(pal.muted)));
    let lines = (0..2)
        .filter(|k| shown(*k))
        .map(|k| RankLine {
            points: series[k].iter().map(|(d, r)| (*d, -r)).collect(),
            colour: colours[k],
        })
        .collect();
    Figure::Plot(RanksSpec {
        heading: Heading { title, legend },
        month_band: [
            (x(a.month.first_day()).max(axis.start), -bottom),
            (x(a.month.last_day()) + 1.0, 0.0),
        ],
        targets: [
            target(targets.industry_rank_pct, "industry", &axis, bottom),
            target(targets.network_rank_pct, "network", &axis, bottom),
        ],
        lines,
        x: axis,
        y: -bottom..0.0,
    })
}

/// "Top 5%" for minus 5 (with the decimals the ticks of `y` need); nothing at the top edge.
fn rank_label(y: std::ops::Range<f64>) -> impl Fn(&f64) -> String {
    let d = super::ticks::decimals(y, 8);
    move |v: &f64| {
        if *v > -1e-9 {
            String::new()
        } else {
            format!("Top {}%", super::ticks::label(-v, d, false))
        }
    }
}

impl ChartSpec for RanksSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (&c.scale, &c.pal);
        let mut chart = super::house_chart(&plot, scale, 5.0, self.x.clone(), self.y.clone())?;
        chart.draw_series(std::iter::once(Rectangle::new(
            self.month_band,
            pal.month_band.filled(),
        )))?;
        theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
            .y_labels(8)
            .y_label_formatter(&rank_label(self.y.clone()))
            .label_style(theme::font(scale.tick, &pal.ink))
            .y_desc("Rank (better is higher)")
            .axis_desc_style(theme::font(scale.label, &pal.ink))
            .draw()?;
        let note = theme::font(scale.tick, &pal.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
        for t in &self.targets {
            chart.draw_series(DashedLineSeries::new(
                t.line,
                (scale.tick * 0.6) as i32,
                (scale.tick * 0.4) as i32,
                pal.muted.stroke_width(scale.line),
            ))?;
            chart.draw_series(std::iter::once(Text::new(
                t.text.clone(),
                t.at,
                note.clone(),
            )))?;
        }
        for line in &self.lines {
            chart.draw_series(LineSeries::new(
                line.points.iter().copied(),
                line.colour.stroke_width(scale.line * 2),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{at, light, one_person, set};

    #[test]
    fn ranks_are_drawn_upside_down_above_the_targets() {
        let pal = light();
        let mut a = one_person();
        // Industry rank top 8% on 13 Oct and top 5% on 27 Oct; no network rank.
        for (p, r) in a.series[0].points[2..].iter_mut().zip([8.0, 5.0]) {
            set(p, SsiColumn::IndustryRankPct, Some(r));
        }
        let s = spec(&a, &pal).plot().expect("a chart");
        assert_eq!(s.heading.title, "Rank over time: Ana (top % of people)");
        assert_eq!(
            s.heading.legend,
            [
                ("Industry rank".to_string(), Mark::Line(pal.industry)),
                ("Targets".to_string(), Mark::Dashed(pal.muted)),
            ]
        );
        assert_eq!(s.lines.len(), 1);
        assert_eq!(
            s.lines[0].points,
            [(at("2025-10-13"), -8.0), (at("2025-10-27"), -5.0)]
        );
        // The worst rank 8, times 1.15, rounded up: 10.
        assert_eq!(s.y, -10.0..0.0);
        // The default targets: top 5% of the industry, top 3% of the network.
        assert_eq!(s.targets[0].text, "Target industry: top 5%");
        assert_eq!(s.targets[1].text, "Target network: top 3%");
        assert_eq!(s.targets[1].line, [(s.x.start, -3.0), (s.x.end, -3.0)]);
        // 13 Oct to 31 Oct is 18 days: 2 days of padding.
        assert_eq!(s.x.start, at("2025-10-13") - 2.0);
        assert_eq!(
            s.month_band,
            [(s.x.start, -10.0), (at("2025-10-31") + 1.0, 0.0)]
        );
    }

    #[test]
    fn without_two_ranks_there_is_a_note() {
        assert_eq!(
            spec(&one_person(), &light()),
            Figure::Note {
                title: "Rank over time: Ana (top % of people)".into(),
                note: "Fewer than two snapshots with a rank: no trend to draw yet."
            }
        );
    }

    #[test]
    fn rank_labels_read_top_percent_and_leave_the_top_edge_blank() {
        let label = rank_label(-12.0..0.0);
        assert_eq!(label(&-5.0), "Top 5%");
        assert_eq!(label(&0.0), "");
        // A narrow range keeps its half points apart.
        let narrow = rank_label(-3.0..0.0);
        assert_eq!(narrow(&-2.5), "Top 2.5%");
    }
}
