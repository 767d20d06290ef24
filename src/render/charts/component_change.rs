//! `component_change`: this month's change of each component as signed bars in the component colours, the
//! weakest component marked. One person: their change; a team: the median change per person.

use super::theme;
use super::{Canvas, DrawResult};
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let previous = a.month.previous().long_name();
    let (title, changes, weakest) = if a.is_team() {
        (
            format!(
                "Median change per component since the end of {previous}: team of {}",
                a.people.len()
            ),
            Component::ALL.map(|k| a.team.median_change[k.into()]),
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
    };
    if changes.iter().all(Option::is_none) {
        return super::draw_note(
            root,
            c,
            &title,
            "No change to show: there is no snapshot from both this month and the month before.",
        );
    }
    c.clear(root)?;
    let plot = super::legend::frame(root, &title, &[], &scale, pal)?;
    let largest = changes.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let limit = (largest * 1.35).max(0.5);
    // Room below zero only as far as the bars need (a sliver when every change is positive).
    let high = changes.iter().flatten().fold(0.0f64, |m, v| m.max(*v));
    let low = changes.iter().flatten().fold(0.0f64, |m, v| m.min(*v));
    let (y_low, y_high) = (
        (low * 1.35).min(-limit * 0.15),
        (high * 1.35).max(limit * 0.15),
    );
    let labels: Vec<String> = Component::ALL
        .iter()
        .map(|k| {
            if Some(*k) == weakest {
                format!("{} (weakest)", k.short_label())
            } else {
                k.short_label().to_string()
            }
        })
        .collect();
    let y_format = |v: &f64| format!("{v:+.1}");
    let mut chart = super::component_axes(
        &plot,
        c,
        &labels,
        y_low..y_high,
        Some(&y_format),
        "Points since last month's end",
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(SegmentValue::Exact(0), 0.0), (SegmentValue::Last, 0.0)],
        pal.muted.stroke_width(scale.line),
    )))?;
    let inset = (c.size.0 as f64 * 0.04) as u32;
    for (i, k) in Component::ALL.iter().enumerate() {
        let Some(v) = changes[i] else { continue };
        let i = i as i32;
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), v),
            ],
            theme::component_colour(*k).filled(),
        );
        bar.set_margin(0, 0, inset, inset);
        chart.draw_series(std::iter::once(bar))?;
        if Some(*k) == weakest {
            let mut outline = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), v),
                ],
                pal.ink.stroke_width(scale.line * 3),
            );
            outline.set_margin(0, 0, inset, inset);
            chart.draw_series(std::iter::once(outline))?;
        }
        let anchor = if v >= 0.0 { VPos::Bottom } else { VPos::Top };
        let offset = limit * 0.02 * v.signum().max(0.0) - limit * 0.02 * (-v.signum()).max(0.0);
        chart.draw_series(std::iter::once(Text::new(
            format!("{v:+.2}"),
            (SegmentValue::CenterOf(i), v + offset),
            (theme::FONT, scale.label, FontStyle::Bold)
                .into_font()
                .color(&pal.ink)
                .pos(Pos::new(HPos::Center, anchor)),
        )))?;
    }
    root.present()?;
    Ok(())
}
