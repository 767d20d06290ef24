//! `ssi_trend`: total SSI over time with the 80+ band and the report month shaded. One person: the SSI line
//! and the industry and network averages. A team: the weekly median, the middle half, and
//! thin lines for the highest and the lowest person (everyone in teams of up to five).

use super::axis::{x, DateAxis};
use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::{Analysis, Cadence, PersonSeries, TeamPeriod};
use crate::model::schema::SsiColumn;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Teams up to this size show every person's line; larger ones the highest and the lowest.
pub const ALL_LINES_UP_TO: usize = 5;

/// SSI at or above this is the "best performers" band.
pub const BEST_PERFORMERS: f64 = 80.0;

/// One person's SSI line has markers up to this many points.
const MARKERS_UP_TO: usize = 60;

/// The peer-average lines: column, colour, legend label.
fn averages(pal: &Palette) -> [(SsiColumn, RGBColor, &'static str); 2] {
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

/// Text placed at a point of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Where, in chart coordinates (days, SSI).
    pub at: (f64, f64),
}

/// A thin line for one person of a team.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLine {
    /// (day, SSI) points.
    pub points: Vec<(f64, f64)>,
    /// Half the usual width (every person of a small team is drawn).
    pub thin: bool,
    /// The name and last SSI, at the last point (only the highest and the lowest of a larger team).
    pub label: Option<Label>,
}

/// A team's median line and the band of its middle half.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamBand {
    /// The band's outline: the third quartiles left to right, then the first quartiles back.
    pub middle_half: Vec<(f64, f64)>,
    /// The median per period.
    pub median: Vec<(f64, f64)>,
}

/// One person's SSI line.
#[derive(Debug, Clone, PartialEq)]
pub struct SsiLine {
    /// (day, SSI) points.
    pub points: Vec<(f64, f64)>,
    /// A dot at every point (few points).
    pub markers: bool,
    /// The last value, just above the last point.
    pub last: Option<Label>,
}

/// A peer average's dashed line.
#[derive(Debug, Clone, PartialEq)]
pub struct AverageLine {
    /// (day, average) points.
    pub points: Vec<(f64, f64)>,
    /// The peer group's colour.
    pub colour: RGBColor,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSpec {
    /// Title and legend.
    pub heading: Heading,
    /// The date axis.
    pub x: DateAxis,
    /// The SSI range: a multiple of ten below the lowest value, up to 100.
    pub y: std::ops::Range<f64>,
    /// The best-performers band: lower-left and upper-right corners.
    pub best_band: [(f64, f64); 2],
    /// The report month's band: lower-left and upper-right corners.
    pub month_band: [(f64, f64); 2],
    /// The notes on the bands: "Best performers: 80+" and the month.
    pub notes: [Label; 2],
    /// Team: the people's lines.
    pub people: Vec<PersonLine>,
    /// Team: median and middle half (with at least two periods).
    pub band: Option<TeamBand>,
    /// One person: the industry and network averages with at least two points, and their colours.
    pub averages: Vec<AverageLine>,
    /// One person: their SSI.
    pub ssi: Option<SsiLine>,
}

/// The (day, value) points of a series where `column` has a value.
fn points(s: &PersonSeries, column: SsiColumn) -> Vec<(f64, f64)> {
    s.points
        .iter()
        .filter_map(|p| p.get(column).map(|v| (x(p.date), v)))
        .collect()
}

fn title(a: &Analysis, band: bool) -> String {
    if band {
        format!(
            "SSI over time: {} ({} median and middle half)",
            crate::render::text::team_of(a),
            a.team_cadence.adjective()
        )
    } else if a.is_team() {
        format!("SSI over time: {}", crate::render::text::team_of(a))
    } else {
        format!(
            "SSI over time: {}",
            a.series.first().map(|s| s.name.as_str()).unwrap_or("")
        )
    }
}

fn legend(a: &Analysis, pal: &Palette, band: bool) -> Vec<(String, Mark)> {
    let mut entries = Vec::new();
    if a.is_team() {
        if band {
            entries.push(("Team median".to_string(), Mark::Line(pal.ssi_line)));
            entries.push((
                "Middle half of the team (25th-75th percentile)".to_string(),
                Mark::Swatch(pal.iqr_band),
            ));
        }
        let label = if a.people.len() <= ALL_LINES_UP_TO {
            "One person"
        } else {
            "Highest and lowest at month end"
        };
        entries.push((label.to_string(), Mark::Line(pal.person_line)));
    } else if let Some(s) = a.series.first() {
        entries.push(("SSI".to_string(), Mark::Line(pal.ssi_line)));
        for (column, colour, label) in averages(pal) {
            if s.points.iter().filter(|p| p.get(column).is_some()).count() >= 2 {
                entries.push((label.to_string(), Mark::Dashed(colour)));
            }
        }
    }
    entries
}

/// The date axis from the first to the last SSI snapshot (or the month's end); team periods are drawn at
/// their middles, which can fall before the first snapshot. `None`: no snapshot.
fn date_axis(a: &Analysis, band: bool) -> Option<DateAxis> {
    let dates: Vec<_> = a
        .series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .filter(|p| p.get(SsiColumn::Ssi).is_some())
                .map(|p| p.date)
        })
        .collect();
    let (first, last) = (*dates.iter().min()?, *dates.iter().max()?);
    let first = if band {
        a.team_periods
            .first()
            .and_then(|p| crate::model::dataset::from_epoch_days(mid(p, a.team_cadence) as i32))
            .map_or(first, |d| d.min(first))
    } else {
        first
    };
    Some(DateAxis::new(first, last.max(a.month.last_day())))
}

/// The lowest SSI or peer average, less 5, down to a multiple of ten (0 to 70).
fn y_min(a: &Analysis) -> f64 {
    let lowest = a
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
    ((lowest - 5.0) / 10.0).floor().clamp(0.0, 7.0) * 10.0
}

/// Small teams: everyone. Larger ones: the highest and the lowest at month end, named.
fn people_lines(a: &Analysis) -> Vec<PersonLine> {
    let ends: Vec<&str> = a
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
    let all = a.people.len() <= ALL_LINES_UP_TO;
    a.series
        .iter()
        .filter(|s| all || ends.contains(&s.name.as_str()))
        .map(|s| {
            let points = points(s, SsiColumn::Ssi);
            let label = (!all)
                .then(|| points.last())
                .flatten()
                .map(|&(lx, ly)| Label {
                    text: format!("{} {ly:.0}", s.name),
                    at: (lx, ly),
                });
            PersonLine {
                points,
                thin: all,
                label,
            }
        })
        .collect()
}

fn team_band(a: &Analysis) -> TeamBand {
    let periods = &a.team_periods;
    let cadence = a.team_cadence;
    let mut middle_half: Vec<(f64, f64)> = periods
        .iter()
        .map(|w| (mid(w, cadence), w.ssi.q3))
        .collect();
    middle_half.extend(periods.iter().rev().map(|w| (mid(w, cadence), w.ssi.q1)));
    TeamBand {
        middle_half,
        median: periods
            .iter()
            .map(|w| (mid(w, cadence), w.ssi.median))
            .collect(),
    }
}

/// One person's averages (those with two points or more) and SSI line.
fn person_lines(s: &PersonSeries, pal: &Palette) -> (Vec<AverageLine>, SsiLine) {
    let averages = averages(pal)
        .into_iter()
        .map(|(column, colour, _)| AverageLine {
            points: points(s, column),
            colour,
        })
        .filter(|line| line.points.len() >= 2)
        .collect();
    let points = points(s, SsiColumn::Ssi);
    let last = points.last().map(|&(lx, ly)| Label {
        text: format!("{ly:.0}"),
        at: (lx, ly + 4.0),
    });
    let ssi = SsiLine {
        markers: points.len() <= MARKERS_UP_TO,
        points,
        last,
    };
    (averages, ssi)
}

/// The chart's data, or a note when there are not two snapshots of one person to draw.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<TrendSpec> {
    let team = a.is_team();
    let band = team && a.team_periods.len() >= 2;
    let title = title(a, band);
    let enough = a.series.iter().any(|s| {
        s.points
            .iter()
            .filter(|p| p.get(SsiColumn::Ssi).is_some())
            .count()
            >= 2
    });
    let Some(axis) = date_axis(a, band) else {
        return Figure::Note {
            title,
            note: "No SSI snapshots to draw.",
        };
    };
    if !enough {
        return Figure::Note {
            title,
            note: "Only one snapshot so far: a trend needs at least two.",
        };
    }
    let y_min = y_min(a);
    let month_start = x(a.month.first_day()).max(axis.start);
    let (averages, ssi) = match a.series.first() {
        Some(s) if !team => {
            let (averages, ssi) = person_lines(s, pal);
            (averages, Some(ssi))
        }
        _ => (Vec::new(), None),
    };
    Figure::Plot(TrendSpec {
        heading: Heading {
            title,
            legend: legend(a, pal, band),
        },
        best_band: [(axis.start, BEST_PERFORMERS), (axis.end, 100.0)],
        month_band: [(month_start, y_min), (x(a.month.last_day()) + 1.0, 100.0)],
        notes: [
            Label {
                text: "Best performers: 80+".to_string(),
                at: (axis.start + (axis.end - axis.start) * 0.01, 98.0),
            },
            Label {
                text: a.month.first_day().format("%b %Y").to_string(),
                at: (month_start, 93.0),
            },
        ],
        people: if team { people_lines(a) } else { Vec::new() },
        band: band.then(|| team_band(a)),
        averages,
        ssi,
        x: axis,
        y: y_min..100.0,
    })
}

impl ChartSpec for TrendSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (&c.scale, &c.pal);
        let mut chart = super::house_chart(&plot, scale, 4.0, self.x.clone(), self.y.clone())?;
        // Bands under everything else.
        chart.draw_series(std::iter::once(Rectangle::new(
            self.best_band,
            pal.best_band.filled(),
        )))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            self.month_band,
            pal.month_band.mix(0.6).filled(),
        )))?;
        theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
            .y_labels(6)
            .y_label_formatter(&super::ticks::formatter(self.y.clone(), 6, false))
            .label_style(theme::font(scale.tick, &pal.ink))
            .y_desc("Total SSI (out of 100)")
            .axis_desc_style(theme::font(scale.label, &pal.ink))
            .draw()?;
        let note_font = theme::font(scale.tick, &pal.muted);
        for note in &self.notes {
            chart.draw_series(std::iter::once(Text::new(
                note.text.clone(),
                note.at,
                note_font.clone(),
            )))?;
        }
        for person in &self.people {
            draw_person(root, &mut chart, person, c)?;
        }
        if let Some(band) = &self.band {
            chart.draw_series(std::iter::once(Polygon::new(
                band.middle_half.clone(),
                pal.iqr_band.mix(0.75).filled(),
            )))?;
            chart.draw_series(LineSeries::new(
                band.median.iter().copied(),
                pal.ssi_line.stroke_width(scale.line * 2),
            ))?;
        }
        for average in &self.averages {
            chart.draw_series(DashedLineSeries::new(
                average.points.clone(),
                (scale.tick * 0.6) as i32,
                (scale.tick * 0.4) as i32,
                average.colour.stroke_width(scale.line * 2),
            ))?;
        }
        if let Some(ssi) = &self.ssi {
            draw_ssi(&mut chart, ssi, c)?;
        }
        Ok(())
    }
}

type TrendChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<DateAxis, plotters::coord::types::RangedCoordf64>>;

/// One person's thin line in a team chart, and their name at its end.
fn draw_person<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut TrendChart<'_, DB>,
    person: &PersonLine,
    c: &Canvas,
) -> DrawResult {
    let line = c.scale.line;
    let width = if person.thin { line.div_ceil(2) } else { line };
    chart.draw_series(LineSeries::new(
        person.points.clone(),
        c.pal.person_line.stroke_width(width),
    ))?;
    if let Some(label) = &person.label {
        theme::draw_runs(
            root,
            &label.text,
            c.scale.tick,
            FontStyle::Normal,
            &c.pal.muted,
            HPos::Right,
            VPos::Bottom,
            chart.backend_coord(&label.at),
        )?;
    }
    Ok(())
}

/// One person's SSI line, its dots and its last value.
fn draw_ssi<DB: DrawingBackend>(
    chart: &mut TrendChart<'_, DB>,
    ssi: &SsiLine,
    c: &Canvas,
) -> DrawResult {
    let (line, pal) = (c.scale.line, &c.pal);
    chart.draw_series(LineSeries::new(
        ssi.points.clone(),
        pal.ssi_line.stroke_width(line * 2),
    ))?;
    if ssi.markers {
        chart.draw_series(
            ssi.points
                .iter()
                .map(|p| Circle::new(*p, line * 2, pal.ssi_line.filled())),
        )?;
    }
    if let Some(last) = &ssi.last {
        chart.draw_series(std::iter::once(Text::new(
            last.text.clone(),
            last.at,
            (theme::FONT, c.scale.label, FontStyle::Bold)
                .into_font()
                .color(&pal.ssi_line)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        )))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{analysed, at, even, light, one_person, set, team};

    #[test]
    fn one_person_gets_their_line_on_a_range_below_their_lowest_value() {
        let pal = light();
        let s = spec(&one_person(), &pal).plot().expect("a chart");
        assert_eq!(s.heading.title, "SSI over time: Ana");
        assert_eq!(
            s.heading.legend,
            [("SSI".to_string(), Mark::Line(pal.ssi_line))]
        );
        // Lowest 52, less 5 is 47: down to 40.
        assert_eq!(s.y, 40.0..100.0);
        // 1 Sep to the month's end (31 Oct) is 60 days: padded by 2 days each side.
        assert_eq!(s.x.start, at("2025-09-01") - 2.0);
        assert_eq!(s.x.end, at("2025-10-31") + 2.0);
        assert_eq!(
            s.month_band,
            [(at("2025-10-01"), 40.0), (at("2025-10-31") + 1.0, 100.0)]
        );
        assert_eq!(s.best_band[0].1, 80.0);
        assert_eq!(s.notes[0].text, "Best performers: 80+");
        assert_eq!(s.notes[1].text, "Oct 2025");
        let ssi = s.ssi.expect("the SSI line");
        assert_eq!(ssi.points.len(), 4);
        assert!(ssi.markers);
        let last = ssi.last.expect("the last value");
        assert_eq!(last.text, "57");
        assert_eq!(last.at, (at("2025-10-27"), 61.0));
        assert!(s.averages.is_empty() && s.people.is_empty() && s.band.is_none());
    }

    #[test]
    fn a_peer_average_with_two_values_gets_a_dashed_line_and_lowers_the_range() {
        let pal = light();
        let mut a = one_person();
        for p in &mut a.series[0].points[2..] {
            set(p, SsiColumn::NetworkAvg, Some(31.0));
        }
        let s = spec(&a, &pal).plot().expect("a chart");
        assert_eq!(s.heading.legend.len(), 2);
        assert_eq!(
            s.heading.legend[1],
            ("Network average".to_string(), Mark::Dashed(pal.network))
        );
        assert_eq!(s.averages.len(), 1);
        assert_eq!(s.averages[0].colour, pal.network);
        assert_eq!(
            s.averages[0].points,
            [(at("2025-10-13"), 31.0), (at("2025-10-27"), 31.0)]
        );
        // 31 less 5 is 26: down to 20.
        assert_eq!(s.y.start, 20.0);
    }

    #[test]
    fn a_single_snapshot_is_a_note() {
        let a = analysed(vec![even("Ana", "2025-10-13", 56.0)]);
        assert_eq!(
            spec(&a, &light()),
            Figure::Note {
                title: "SSI over time: Ana".into(),
                note: "Only one snapshot so far: a trend needs at least two."
            }
        );
    }

    #[test]
    fn a_small_team_shows_everyone_thin_under_the_weekly_median_and_middle_half() {
        let pal = light();
        let s = spec(&team(3), &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "SSI over time: team of 3 (weekly median and middle half)"
        );
        let labels: Vec<&str> = s.heading.legend.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Team median",
                "Middle half of the team (25th-75th percentile)",
                "One person"
            ]
        );
        assert_eq!(s.people.len(), 3);
        assert!(s.people.iter().all(|p| p.thin && p.label.is_none()));
        // Lowest 40, less 5 is 35: down to 30.
        assert_eq!(s.y, 30.0..100.0);
        let band = s.band.expect("a band");
        // Week of 6 Oct, drawn on its Thursday: 40, 50, 60 give median 50, quartiles 45 and 55.
        let thursday = at("2025-10-06") + 3.0;
        assert_eq!(band.median.len(), 4);
        assert_eq!(band.median[0], (thursday, 50.0));
        assert_eq!(band.median[3], (at("2025-10-27") + 3.0, 53.0));
        assert_eq!(band.middle_half.len(), 8);
        assert_eq!(band.middle_half[0], (thursday, 55.0));
        assert_eq!(band.middle_half[7], (thursday, 45.0));
        assert!(s.ssi.is_none() && s.averages.is_empty());
    }

    #[test]
    fn a_larger_team_names_its_highest_and_lowest() {
        let s = spec(&team(6), &light()).plot().expect("a chart");
        assert_eq!(
            s.heading.legend.last().map(|(l, _)| l.as_str()),
            Some("Highest and lowest at month end")
        );
        let labels: Vec<&str> = s
            .people
            .iter()
            .filter_map(|p| p.label.as_ref().map(|l| l.text.as_str()))
            .collect();
        // Ava ends at 40 + 3, Fay at 90 + 3.
        assert_eq!(labels, ["Ava 43", "Fay 93"]);
        assert!(s.people.iter().all(|p| !p.thin));
        assert_eq!(
            s.people[1].label.as_ref().map(|l| l.at),
            Some((at("2025-10-27"), 93.0))
        );
    }
}
