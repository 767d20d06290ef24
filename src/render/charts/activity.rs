//! `activity`: small multiples, one panel per activity (those with a target first, then the most logged, at
//! most six): weekly activity as bars over the last 26 weeks with the weekly target as a dashed line. A team
//! shows the average per person who logged that week.

use super::columns::slot_rect;
use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::words::short;
use crate::analysis::Analysis;
use crate::model::schema::metric_label;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Most panels drawn.
const MAX_PANELS: usize = 6;

/// The bar colour of a week below target: the bar colour halfway to the background.
fn blend_half(pal: &Palette) -> RGBColor {
    let mix = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
    let (a, b) = (pal.ssi_line, pal.background);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// One week's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekBar {
    /// The week's slot (oldest first).
    pub slot: i32,
    /// Activity that week.
    pub value: f64,
    /// Paler below target.
    pub colour: RGBColor,
}

/// One activity's panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityPanel {
    /// "Posts (target 3)".
    pub caption: String,
    /// The top of the y range: the highest week or the target (at least 1), with room.
    pub top: f64,
    /// The weekly target.
    pub target: Option<f64>,
    /// A bar for each week with a value.
    pub bars: Vec<WeekBar>,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivitySpec {
    /// Title and legend.
    pub heading: Heading,
    /// Each week's label ("6 Oct"), oldest first.
    pub weeks: Vec<String>,
    /// Rows and columns of panels.
    pub grid: (usize, usize),
    /// The panels, row by row.
    pub panels: Vec<ActivityPanel>,
}

fn title(a: &Analysis) -> String {
    if a.is_team() {
        format!(
            "Weekly activity against targets: average per person, {}",
            crate::render::text::team_of(a)
        )
    } else {
        format!(
            "Weekly activity against targets: {}",
            a.people.first().map(|p| p.name.as_str()).unwrap_or("")
        )
    }
}

/// The metrics shown: those with a target first, then the most logged, at most `MAX_PANELS`.
pub fn panel_metrics(a: &Analysis) -> Vec<usize> {
    let weeks = &a.activity_weeks;
    let targets = &a.settings.targets.per_week;
    let logged = |m: usize| weeks.iter().filter(|w| w.rates[m].is_some()).count();
    let mut order: Vec<usize> = (0..a.metrics.len()).filter(|m| logged(*m) > 0).collect();
    order.sort_by_key(|m| {
        (
            !targets.contains_key(&a.metrics[*m]),
            usize::MAX - logged(*m),
            *m,
        )
    });
    order.truncate(MAX_PANELS);
    order
}

fn panel(a: &Analysis, m: usize, pal: &Palette) -> ActivityPanel {
    let weeks = &a.activity_weeks;
    let metric = &a.metrics[m];
    let target = a.settings.targets.per_week.get(metric).copied();
    let top = weeks
        .iter()
        .filter_map(|w| w.rates[m])
        .fold(target.unwrap_or(0.0), f64::max)
        .max(1.0)
        * 1.15;
    let caption = match target {
        Some(t) => format!("{} (target {})", metric_label(metric), short(t)),
        None => metric_label(metric),
    };
    let bars = weeks
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let v = w.rates[m]?;
            let below = target.is_some_and(|t| v < t);
            Some(WeekBar {
                slot: i as i32,
                value: v,
                colour: if below { blend_half(pal) } else { pal.ssi_line },
            })
        })
        .collect();
    ActivityPanel {
        caption,
        top,
        target,
        bars,
    }
}

/// The chart's data, or a note with fewer than two weeks logged.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<ActivitySpec> {
    let title = title(a);
    let order = panel_metrics(a);
    if order.is_empty() || a.activity_weeks.len() < 2 {
        return Figure::Note {
            title,
            note: "Fewer than two weeks of activity logged in the last 26 weeks.",
        };
    }
    let legend = vec![
        ("Activity per week".to_string(), Mark::Swatch(pal.ssi_line)),
        ("Below target".to_string(), Mark::Swatch(blend_half(pal))),
        ("Weekly target".to_string(), Mark::Dashed(pal.down)),
    ];
    let cols = if order.len() <= 2 {
        order.len()
    } else {
        order.len().div_ceil(2)
    };
    Figure::Plot(ActivitySpec {
        heading: Heading { title, legend },
        weeks: a
            .activity_weeks
            .iter()
            .map(|w| w.start.format("%-d %b").to_string())
            .collect(),
        grid: (order.len().div_ceil(cols), cols),
        panels: order.iter().map(|m| panel(a, *m, pal)).collect(),
    })
}

impl ChartSpec for ActivitySpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        for (area, panel) in plot.split_evenly(self.grid).iter().zip(&self.panels) {
            self.draw_panel(area, panel, c)?;
        }
        Ok(())
    }
}

impl ActivitySpec {
    fn draw_panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panel: &ActivityPanel,
        c: &Canvas,
    ) -> DrawResult {
        let (scale, pal) = (c.scale, &c.pal);
        let n = self.weeks.len();
        let mut chart = ChartBuilder::on(area)
            .margin(scale.margin)
            .caption(
                panel.caption.clone(),
                (theme::FONT, scale.label, FontStyle::Bold)
                    .into_font()
                    .color(&pal.ink),
            )
            .x_label_area_size(scale.tick * 2.2)
            .y_label_area_size(scale.tick * 3.2)
            .build_cartesian_2d((0..(n as i32 - 1)).into_segmented(), 0f64..panel.top)?;
        theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
            .x_labels(4)
            .y_labels(4)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => {
                    self.weeks.get(*i as usize).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .y_label_formatter(&super::ticks::formatter(0f64..panel.top, 4, false))
            .label_style(theme::font(scale.tick * 0.9, &pal.ink))
            .draw()?;
        for bar in &panel.bars {
            chart.draw_series(std::iter::once(slot_rect(
                bar.slot,
                (0.0, bar.value),
                bar.colour.filled(),
                (1, 1),
            )))?;
        }
        if let Some(t) = panel.target {
            chart.draw_series(DashedLineSeries::new(
                vec![(SegmentValue::Exact(0), t), (SegmentValue::Last, t)],
                (scale.tick * 0.5) as i32,
                (scale.tick * 0.3) as i32,
                pal.down.stroke_width(scale.line * 2),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ActivityWeek;
    use crate::render::charts::fixtures::{day, light, one_person};
    use approx::assert_abs_diff_eq;

    /// Ana logged posts in three weeks of October and comments in two; the default targets are a post and
    /// five comments a week.
    fn with_activity() -> Analysis {
        let mut a = one_person();
        let week = |start: &str, posts, comments| ActivityWeek {
            start: day(start),
            rates: vec![posts, comments],
            people: 1,
        };
        a.activity_weeks = vec![
            week("2025-10-06", Some(3.0), None),
            week("2025-10-13", Some(0.5), Some(10.0)),
            week("2025-10-20", Some(4.0), Some(2.0)),
        ];
        a
    }

    #[test]
    fn a_panel_per_logged_activity_with_weeks_below_target_paler() {
        let pal = light();
        let s = spec(&with_activity(), &pal).plot().expect("a chart");
        assert_eq!(s.heading.title, "Weekly activity against targets: Ana");
        assert_eq!(s.weeks, ["6 Oct", "13 Oct", "20 Oct"]);
        assert_eq!(s.grid, (1, 2));
        let [posts, comments] = &s.panels[..] else {
            panic!("two panels: {:?}", s.panels);
        };
        assert_eq!(posts.caption, "Posts (target 1)");
        assert_eq!(posts.target, Some(1.0));
        // The highest week (4) with 15% room.
        assert_abs_diff_eq!(posts.top, 4.6, epsilon = 1e-12);
        let colours: Vec<RGBColor> = posts.bars.iter().map(|b| b.colour).collect();
        assert_eq!(colours, [pal.ssi_line, blend_half(&pal), pal.ssi_line]);
        assert_eq!(comments.caption, "Comments (target 5)");
        let slots: Vec<i32> = comments.bars.iter().map(|b| b.slot).collect();
        assert_eq!(slots, [1, 2]);
        assert_eq!(comments.bars[1].value, 2.0);
    }

    #[test]
    fn below_target_is_half_way_to_the_background() {
        // (0, 62, 116) half way to white (255, 255, 255), rounded down.
        assert_eq!(blend_half(&light()), RGBColor(127, 158, 185));
    }

    #[test]
    fn fewer_than_two_weeks_is_a_note() {
        let Figure::Note { note, .. } = spec(&one_person(), &light()) else {
            panic!("a note");
        };
        assert_eq!(
            note,
            "Fewer than two weeks of activity logged in the last 26 weeks."
        );
    }
}
