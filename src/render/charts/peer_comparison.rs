//! `peer_comparison`: each component at month end as three bars side by side, you, the industry average
//! and the network average, each labelled with its value; the component with the largest gap to either
//! group outlined. One person: their values; a team: the medians of the people with peer data.

use super::legend::Mark;
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
    let (title, comparison, you) = if a.is_team() {
        (
            format!(
                "Components against peers, end of {}: medians of {} of {} people",
                a.month.long_name(),
                a.team.peers.as_ref().map_or(0, |p| p.people),
                a.people.len()
            ),
            a.team.peers.as_ref(),
            "Team median",
        )
    } else {
        let p = a.people.first();
        (
            format!(
                "Components against peers at the end of {}: {}",
                a.month.long_name(),
                p.map(|p| p.name.as_str()).unwrap_or("")
            ),
            p.and_then(|p| p.peers.as_ref()),
            "You",
        )
    };
    let Some(cmp) = comparison else {
        return super::draw_note(
            root,
            c,
            &title,
            "No peer components in the data: record the industry and network averages of each component (LinkedIn's SSI page shows them) to compare.",
        );
    };
    c.clear(root)?;
    let colours = [pal.ssi_line, pal.industry, pal.network];
    let names = [you, "Industry average", "Network average"];
    let series = [cmp.own, cmp.industry.components, cmp.network.components];
    // A group with no value at all gets no legend entry.
    let entries: Vec<(String, Mark)> = names
        .iter()
        .zip(colours)
        .zip(&series)
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .map(|((n, col), _)| (n.to_string(), Mark::Swatch(col)))
        .collect();
    let plot = super::legend::frame(root, &title, &entries, &scale, pal)?;
    let largest = cmp.largest_gap.map(|g| g.component);
    let labels: Vec<String> = Component::ALL
        .iter()
        .map(|k| match cmp.largest_gap {
            Some(g) if g.component == *k => format!(
                "{} ({} to the {} {:+.1})",
                k.short_label(),
                if g.is_behind() {
                    "largest gap"
                } else {
                    "smallest lead"
                },
                g.peers.name(),
                g.gap
            ),
            _ => k.short_label().to_string(),
        })
        .collect();
    let y_format = |v: &f64| format!("{v:.0}");
    let mut chart = super::component_axes(
        &plot,
        c,
        &labels,
        0.0..27.5,
        Some(&y_format),
        "Points (each component 0-25)",
    )?;
    // Each component's slot: an outer gap, then three bars of equal width.
    let slot = chart.plotting_area().dim_in_pixel().0 as f64 / 4.0;
    let gap = (slot * 0.12) as u32;
    let bar = ((slot - 2.0 * slot * 0.12) / 3.0).max(1.0);
    for (i, k) in Component::ALL.iter().enumerate() {
        let x = i as i32;
        for (s, values) in series.iter().enumerate() {
            let Some(v) = values[i] else { continue };
            // Margins inside the slot put bar `s` in its third.
            let left = gap + (bar * s as f64) as u32;
            let right = gap + (bar * (2 - s) as f64) as u32;
            let mut rect = Rectangle::new(
                [
                    (SegmentValue::Exact(x), 0.0),
                    (SegmentValue::Exact(x + 1), v),
                ],
                colours[s].filled(),
            );
            rect.set_margin(0, 0, left, right);
            chart.draw_series(std::iter::once(rect))?;
            if s == 0 && Some(*k) == largest {
                let mut outline = Rectangle::new(
                    [
                        (SegmentValue::Exact(x), 0.0),
                        (SegmentValue::Exact(x + 1), v),
                    ],
                    pal.ink.stroke_width(scale.line * 3),
                );
                outline.set_margin(0, 0, left, right);
                chart.draw_series(std::iter::once(outline))?;
            }
            // The value above its bar: the label's centre sits at the bar's centre.
            let centre = gap as f64 + bar * (s as f64 + 0.5);
            let dx = (centre - slot / 2.0) as i32;
            let style = (theme::FONT, scale.tick, FontStyle::Bold)
                .into_font()
                .color(&pal.ink)
                .pos(Pos::new(HPos::Center, VPos::Bottom));
            chart.draw_series(std::iter::once(
                EmptyElement::at((SegmentValue::CenterOf(x), v + 0.3))
                    + Text::new(format!("{v:.1}"), (dx, 0), style),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}
