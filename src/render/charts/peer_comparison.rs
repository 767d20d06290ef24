//! `peer_comparison`: each component at month end as three bars side by side, you, the industry average
//! and the network average, each labelled with its value; the component with the largest gap to either
//! group outlined. One person: their values; a team: the medians of the people with peer data.

use super::columns::{slot_rect, ComponentAxes, YTicks};
use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::peers::PeerComparison;
use crate::analysis::Analysis;
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Bars per component: own, industry, network.
const GROUPS: usize = 3;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerBar {
    /// The component's slot (LinkedIn's order).
    pub slot: i32,
    /// Which third of the slot: 0 own, 1 industry, 2 network.
    pub group: usize,
    /// The value, in points.
    pub value: f64,
    /// The group's colour.
    pub colour: RGBColor,
    /// Own bar of the component with the largest gap: outlined.
    pub outlined: bool,
    /// The value written above the bar ("13.5").
    pub text: String,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerSpec {
    /// Title and a legend entry per group with a value.
    pub heading: Heading,
    /// The components along x, the one with the largest gap described; y: up to `Y_TOP`.
    pub axes: ComponentAxes,
    /// Every bar with a value, component by component.
    pub bars: Vec<PeerBar>,
}

/// The top of the y range: a component is worth at most 25 points, with room for the labels.
pub const Y_TOP: f64 = 27.5;

/// The title, the comparison and what own values are called.
fn comparison(a: &Analysis) -> (String, Option<&PeerComparison>, &'static str) {
    if a.is_team() {
        (
            format!(
                "Components against peers, {}: medians of {} of {} people",
                a.window.end(),
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
                "Components against peers {}: {}",
                a.window.at_end(),
                p.map(|p| p.name.as_str()).unwrap_or("")
            ),
            p.and_then(|p| p.peers.as_ref()),
            "You",
        )
    }
}

/// Each component's label; the one with the largest gap (or smallest lead) says so.
fn labels(cmp: &PeerComparison) -> Vec<String> {
    Component::ALL
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
        .collect()
}

/// The chart's data, or a note without peer components.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<PeerSpec> {
    let (title, comparison, you) = comparison(a);
    let Some(cmp) = comparison else {
        return Figure::Note {
            title,
            note: "No peer components in the data: record the industry and network averages of each component (LinkedIn's SSI page shows them) to compare.",
        };
    };
    let colours = [pal.ssi_line, pal.industry, pal.network];
    let names = [you, "Industry average", "Network average"];
    let series = [cmp.own, cmp.industry.components, cmp.network.components];
    // A group with no value at all gets no legend entry.
    let legend = names
        .iter()
        .zip(colours)
        .zip(&series)
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .map(|((n, col), _)| (n.to_string(), Mark::Swatch(col)))
        .collect();
    let largest = cmp.largest_gap.map(|g| g.component);
    let mut bars = Vec::new();
    for (i, k) in Component::ALL.iter().enumerate() {
        for (group, values) in series.iter().enumerate() {
            let Some(v) = values[i] else { continue };
            bars.push(PeerBar {
                slot: i as i32,
                group,
                value: v,
                colour: colours[group],
                outlined: group == 0 && Some(*k) == largest,
                text: format!("{v:.2}"),
            });
        }
    }
    Figure::Plot(PeerSpec {
        heading: Heading { title, legend },
        axes: ComponentAxes {
            labels: labels(cmp),
            y: 0.0..Y_TOP,
            y_desc: "Points (each component 0-25)",
            y_ticks: YTicks::Whole,
        },
        bars,
    })
}

impl ChartSpec for PeerSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (c.scale, &c.pal);
        let mut chart = self.axes.draw(&plot, c)?;
        // Each component's slot: an outer gap, then three bars of equal width.
        let slot = chart.plotting_area().dim_in_pixel().0 as f64 / 4.0;
        let gap = (slot * 0.12) as u32;
        let bar = ((slot - 2.0 * slot * 0.12) / GROUPS as f64).max(1.0);
        for b in &self.bars {
            // Margins inside the slot put bar `group` in its third.
            let s = b.group;
            let margins = (
                gap + (bar * s as f64) as u32,
                gap + (bar * (2 - s) as f64) as u32,
            );
            let span = (0.0, b.value);
            chart.draw_series(std::iter::once(slot_rect(
                b.slot,
                span,
                b.colour.filled(),
                margins,
            )))?;
            if b.outlined {
                chart.draw_series(std::iter::once(slot_rect(
                    b.slot,
                    span,
                    pal.ink.stroke_width(scale.line * 3),
                    margins,
                )))?;
            }
            // The value above its bar: the label's centre sits at the bar's centre.
            let centre = gap as f64 + bar * (s as f64 + 0.5);
            let dx = (centre - slot / 2.0) as i32;
            let style = (theme::FONT, scale.tick, FontStyle::Bold)
                .into_font()
                .color(&pal.ink)
                .pos(Pos::new(HPos::Center, VPos::Bottom));
            chart.draw_series(std::iter::once(
                EmptyElement::at((SegmentValue::CenterOf(b.slot), b.value + 0.3))
                    + Text::new(b.text.clone(), (dx, 0), style),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::peers::compare;
    use crate::render::charts::fixtures::{light, one_person, set};

    /// Ana (14.25 in each component) against industry averages of 10, 12, 16.45 and 15; no network.
    fn with_industry() -> Analysis {
        let mut a = one_person();
        let p = &mut a.people[0];
        for (c, v) in Component::ALL.iter().zip([10.0, 12.0, 16.45, 15.0]) {
            set(
                &mut p.month_end,
                crate::model::schema::Peers::Industry.component(*c),
                Some(v),
            );
        }
        p.peers = compare(&p.month_end);
        a
    }

    #[test]
    fn own_and_industry_bars_per_component_with_the_largest_gap_outlined() {
        let pal = light();
        let s = spec(&with_industry(), &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "Components against peers at the end of October 2025: Ana"
        );
        // No network values: no network entry.
        assert_eq!(
            s.heading.legend,
            [
                ("You".to_string(), Mark::Swatch(pal.ssi_line)),
                ("Industry average".to_string(), Mark::Swatch(pal.industry)),
            ]
        );
        // Insights: 14.25 - 16.45 = -2.2, the furthest behind.
        assert_eq!(
            s.axes.labels,
            [
                "Brand",
                "People",
                "Insights (largest gap to the industry -2.2)",
                "Relationships"
            ]
        );
        assert_eq!(s.axes.y, 0.0..27.5);
        assert_eq!(s.axes.y_ticks, YTicks::Whole);
        assert_eq!(s.bars.len(), 8);
        let outlined: Vec<(i32, usize)> = s
            .bars
            .iter()
            .filter(|b| b.outlined)
            .map(|b| (b.slot, b.group))
            .collect();
        assert_eq!(outlined, [(2, 0)]);
        let industry_brand = &s.bars[1];
        assert_eq!((industry_brand.slot, industry_brand.group), (0, 1));
        assert_eq!(industry_brand.value, 10.0);
        assert_eq!(industry_brand.text, "10.00");
        assert_eq!(industry_brand.colour, pal.industry);
    }

    #[test]
    fn without_peer_components_there_is_a_note() {
        let Figure::Note { title, note } = spec(&one_person(), &light()) else {
            panic!("a note");
        };
        assert_eq!(
            title,
            "Components against peers at the end of October 2025: Ana"
        );
        assert!(note.starts_with("No peer components in the data"), "{note}");
    }
}
