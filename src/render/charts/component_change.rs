//! `component_change`: this month's change of each component as signed bars in the component colours, the
//! weakest component marked. One person: their change; a team: the median change per person.

use super::columns::{slot_rect, ComponentAxes, YTicks};
use super::theme;
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::Analysis;
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One component's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeBar {
    /// The component's slot (LinkedIn's order).
    pub slot: i32,
    /// The change, in points.
    pub value: f64,
    /// The component's colour.
    pub colour: RGBColor,
    /// The weakest component's bar is outlined.
    pub weakest: bool,
    /// The change written at the bar's end ("+0.70").
    pub text: String,
    /// Where the text sits along y: a little beyond the bar's end.
    pub text_y: f64,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSpec {
    /// Title (no legend).
    pub heading: Heading,
    /// The components along x, the weakest marked; y: room beyond the largest rise and fall, and always
    /// a sliver on both sides of zero.
    pub axes: ComponentAxes,
    /// A bar for each component with a change.
    pub bars: Vec<ChangeBar>,
}

/// The title, the change of each component and the weakest component.
fn changes(a: &Analysis) -> (String, [Option<f64>; 4], Option<Component>) {
    let previous = a.month.previous().long_name();
    if a.is_team() {
        (
            format!(
                "Median change per component since the end of {previous}: {}",
                crate::render::text::team_of(a)
            ),
            Component::ALL.map(|k| a.team.median_change.get(k.into())),
            a.team.weakest_component,
        )
    } else {
        let p = a.people.first();
        (
            format!(
                "Change per component since the end of {previous}: {}",
                p.map(|p| p.name.as_str()).unwrap_or("")
            ),
            Component::ALL.map(|k| p.and_then(|p| p.change(k.into()))),
            p.and_then(|p| p.weakest_component),
        )
    }
}

/// The chart's data, or a note without a change.
pub fn spec(a: &Analysis) -> Figure<ChangeSpec> {
    let (title, changes, weakest) = changes(a);
    if changes.iter().all(Option::is_none) {
        return Figure::Note {
            title,
            note:
                "No change to show: there is no snapshot from both this month and the month before.",
        };
    }
    let largest = changes.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let limit = (largest * 1.35).max(0.5);
    // Room below zero only as far as the bars need (a sliver when every change is positive).
    let high = changes.iter().flatten().fold(0.0f64, |m, v| m.max(*v));
    let low = changes.iter().flatten().fold(0.0f64, |m, v| m.min(*v));
    let (y_low, y_high) = (
        (low * 1.35).min(-limit * 0.15),
        (high * 1.35).max(limit * 0.15),
    );
    let labels = Component::ALL
        .iter()
        .map(|k| {
            if Some(*k) == weakest {
                format!("{} (weakest)", k.short_label())
            } else {
                k.short_label().to_string()
            }
        })
        .collect();
    let bars = Component::ALL
        .iter()
        .zip(changes)
        .enumerate()
        .filter_map(|(i, (k, v))| {
            let v = v?;
            let offset = limit * 0.02 * v.signum().max(0.0) - limit * 0.02 * (-v.signum()).max(0.0);
            Some(ChangeBar {
                slot: i as i32,
                value: v,
                colour: theme::component_colour(*k),
                weakest: Some(*k) == weakest,
                text: format!("{v:+.2}"),
                text_y: v + offset,
            })
        })
        .collect();
    Figure::Plot(ChangeSpec {
        heading: Heading::titled(title),
        axes: ComponentAxes {
            labels,
            y: y_low..y_high,
            y_desc: "Points since last month's end",
            y_ticks: YTicks::Signed,
        },
        bars,
    })
}

impl ChartSpec for ChangeSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (c.scale, &c.pal);
        let mut chart = self.axes.draw(&plot, c)?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(SegmentValue::Exact(0), 0.0), (SegmentValue::Last, 0.0)],
            pal.muted.stroke_width(scale.line),
        )))?;
        let inset = (c.size.0 as f64 * 0.04) as u32;
        for bar in &self.bars {
            let span = (0.0, bar.value);
            chart.draw_series(std::iter::once(slot_rect(
                bar.slot,
                span,
                bar.colour.filled(),
                (inset, inset),
            )))?;
            if bar.weakest {
                chart.draw_series(std::iter::once(slot_rect(
                    bar.slot,
                    span,
                    pal.ink.stroke_width(scale.line * 3),
                    (inset, inset),
                )))?;
            }
            let anchor = if bar.value >= 0.0 {
                VPos::Bottom
            } else {
                VPos::Top
            };
            chart.draw_series(std::iter::once(Text::new(
                bar.text.clone(),
                (SegmentValue::CenterOf(bar.slot), bar.text_y),
                (theme::FONT, scale.label, FontStyle::Bold)
                    .into_font()
                    .color(&pal.ink)
                    .pos(Pos::new(HPos::Center, anchor)),
            )))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{analysed, even, one_person, team};
    use approx::assert_abs_diff_eq;

    #[test]
    fn each_component_gets_a_bar_with_its_change_and_the_weakest_is_marked() {
        // Ana's components went from 54 / 4 = 13.5 to 57 / 4 = 14.25 each: +0.75. All four are equal,
        // so the first in LinkedIn's order (brand) is the weakest.
        let s = spec(&one_person()).plot().expect("a chart");
        assert_eq!(
            s.heading,
            Heading::titled("Change per component since the end of September 2025: Ana")
        );
        assert_eq!(
            s.axes.labels,
            ["Brand (weakest)", "People", "Insights", "Relationships"]
        );
        assert_eq!(s.bars.len(), 4);
        assert!(s.bars[0].weakest && !s.bars[1].weakest);
        assert_eq!(s.bars[2].slot, 2);
        assert_eq!(s.bars[2].value, 0.75);
        assert_eq!(s.bars[2].text, "+0.75");
        assert_eq!(
            s.bars[2].colour,
            theme::component_colour(Component::Insights)
        );
        // The limit is 0.75 x 1.35 = 1.0125: the text sits 2% of it beyond the bar, the range runs
        // from a sliver (15%) below zero to 1.35 times the largest rise.
        assert_abs_diff_eq!(s.bars[2].text_y, 0.75 + 0.02025, epsilon = 1e-12);
        assert_abs_diff_eq!(s.axes.y.start, -0.151875, epsilon = 1e-12);
        assert_abs_diff_eq!(s.axes.y.end, 1.0125, epsilon = 1e-12);
    }

    #[test]
    fn a_fall_puts_its_text_below_the_bar_and_the_range_below_zero() {
        let a = analysed(vec![
            even("Ana", "2025-09-29", 56.0),
            even("Ana", "2025-10-27", 54.0),
        ]);
        let s = spec(&a).plot().expect("a chart");
        // 13.5 - 14 = -0.5 each.
        assert_eq!(s.bars[0].text, "-0.50");
        assert_abs_diff_eq!(s.bars[0].text_y, -0.5 - 0.5 * 1.35 * 0.02, epsilon = 1e-12);
        assert_abs_diff_eq!(s.axes.y.start, -0.675, epsilon = 1e-12);
    }

    #[test]
    fn without_a_snapshot_from_last_month_there_is_a_note() {
        let Figure::Note { title, note } = spec(&team(3)) else {
            panic!("a note");
        };
        assert_eq!(
            title,
            "Median change per component since the end of September 2025: team of 3"
        );
        assert!(note.starts_with("No change to show"), "{note}");
    }
}
