//! `distribution`: per component, the spread of the team's month-end values as a box (middle half), a line
//! at the median and whiskers to the lowest and highest person, in the component colours.

use super::legend::Mark;
use super::theme;
use super::{Canvas, DrawResult};
use crate::analysis::stats::FiveNumbers;
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let title = format!(
        "Spread of each component: team of {}, end of {}",
        a.people.len(),
        a.month.long_name()
    );
    let spread = a.team.component_spread;
    if !a.is_team() || spread.iter().all(Option::is_none) {
        return super::draw_note(
            root,
            c,
            &title,
            "A spread needs a team with component values.",
        );
    }
    c.clear(root)?;
    let entries = vec![
        (
            "Middle half of the team".to_string(),
            Mark::Swatch(pal.muted),
        ),
        ("Median".to_string(), Mark::Line(pal.ink)),
        (
            "Whiskers: lowest and highest person".to_string(),
            Mark::Text,
        ),
    ];
    let plot = super::legend::frame(root, &title, &entries, &scale, pal)?;
    let labels: Vec<String> = Component::ALL
        .iter()
        .map(|k| k.short_label().to_string())
        .collect();
    let mut chart =
        super::component_axes(&plot, c, &labels, 0f64..25f64, None, "Points (out of 25)")?;
    let inset = (c.size.0 as f64 * 0.06) as u32;
    for (i, k) in Component::ALL.iter().enumerate() {
        let Some(FiveNumbers {
            min,
            q1,
            median: med,
            q3,
            max,
        }) = spread[i]
        else {
            continue;
        };
        let i = i as i32;
        let colour = theme::component_colour(*k);
        let mut body = Rectangle::new(
            [
                (SegmentValue::Exact(i), q1),
                (SegmentValue::Exact(i + 1), q3),
            ],
            colour.mix(0.75).filled(),
        );
        body.set_margin(0, 0, inset, inset);
        chart.draw_series(std::iter::once(body))?;
        let mut median = Rectangle::new(
            [
                (SegmentValue::Exact(i), med),
                (SegmentValue::Exact(i + 1), med),
            ],
            pal.ink.stroke_width(scale.line * 3),
        );
        median.set_margin(0, 0, inset, inset);
        chart.draw_series(std::iter::once(median))?;
        for (from, to) in [(min, q1), (q3, max)] {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![
                    (SegmentValue::CenterOf(i), from),
                    (SegmentValue::CenterOf(i), to),
                ],
                pal.ink.stroke_width(scale.line * 2),
            )))?;
        }
        // Whisker caps, a fixed number of pixels wide around the box's centre.
        let half = (inset / 3).max(4) as i32;
        for v in [min, max] {
            let (px, py) = chart.backend_coord(&(SegmentValue::CenterOf(i), v));
            root.draw(&PathElement::new(
                vec![(px - half, py), (px + half, py)],
                pal.ink.stroke_width(scale.line * 2),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}
