//! `distribution`: per component, the spread of the team's month-end values as a box (middle half), a line
//! at the median and whiskers to the lowest and highest person, in the component colours.

use super::columns::{slot_rect, ComponentAxes, YTicks};
use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::stats::FiveNumbers;
use crate::analysis::Analysis;
use crate::model::schema::Component;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One component's box and whiskers.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadBox {
    /// The component's slot (LinkedIn's order).
    pub slot: i32,
    /// Lowest, first quartile, median, third quartile, highest.
    pub values: FiveNumbers,
    /// The component's colour.
    pub colour: RGBColor,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionSpec {
    /// Title and legend.
    pub heading: Heading,
    /// The components along x, 0 to 25 points along y.
    pub axes: ComponentAxes,
    /// A box for each component with values.
    pub boxes: Vec<SpreadBox>,
}

/// The chart's data, or a note for one person or a team without component values.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<DistributionSpec> {
    let title = format!(
        "Spread of each component: {}, {}",
        crate::render::text::team_of(a),
        a.window.end()
    );
    let spread = a.team.component_spread;
    if !a.is_team() || spread.iter().all(Option::is_none) {
        return Figure::Note {
            title,
            note: "A spread needs a team with component values.",
        };
    }
    let legend = vec![
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
    let boxes = Component::ALL
        .iter()
        .zip(spread)
        .enumerate()
        .filter_map(|(i, (k, values))| {
            Some(SpreadBox {
                slot: i as i32,
                values: values?,
                colour: theme::component_colour(*k),
            })
        })
        .collect();
    Figure::Plot(DistributionSpec {
        heading: Heading { title, legend },
        axes: ComponentAxes {
            labels: Component::ALL
                .iter()
                .map(|k| k.short_label().to_string())
                .collect(),
            y: 0f64..25f64,
            y_desc: "Points (out of 25)",
            y_ticks: YTicks::Whole,
        },
        boxes,
    })
}

impl ChartSpec for DistributionSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let (scale, pal) = (c.scale, &c.pal);
        let mut chart = self.axes.draw(&plot, c)?;
        let inset = (c.size.0 as f64 * 0.06) as u32;
        for b in &self.boxes {
            let FiveNumbers {
                min,
                q1,
                median: med,
                q3,
                max,
            } = b.values;
            let i = b.slot;
            chart.draw_series(std::iter::once(slot_rect(
                i,
                (q1, q3),
                b.colour.mix(0.75).filled(),
                (inset, inset),
            )))?;
            chart.draw_series(std::iter::once(slot_rect(
                i,
                (med, med),
                pal.ink.stroke_width(scale.line * 3),
                (inset, inset),
            )))?;
            let whisker = pal.ink.stroke_width(scale.line * 2);
            for (from, to) in [(min, q1), (q3, max)] {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![
                        (SegmentValue::CenterOf(i), from),
                        (SegmentValue::CenterOf(i), to),
                    ],
                    whisker,
                )))?;
            }
            // Whisker caps, a fixed number of pixels wide around the box's centre.
            let half = (inset / 3).max(4) as i32;
            for v in [min, max] {
                let (px, py) = chart.backend_coord(&(SegmentValue::CenterOf(i), v));
                root.draw(&PathElement::new(
                    vec![(px - half, py), (px + half, py)],
                    whisker,
                ))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{light, one_person, team};

    #[test]
    fn each_component_gets_the_five_numbers_of_the_team() {
        let pal = light();
        let s = spec(&team(3), &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "Spread of each component: team of 3, end of October 2025"
        );
        assert_eq!(s.heading.legend.len(), 3);
        assert_eq!(
            s.heading.legend[1],
            ("Median".to_string(), Mark::Line(pal.ink))
        );
        assert_eq!(
            s.axes.labels,
            ["Brand", "People", "Insights", "Relationships"]
        );
        assert_eq!(s.boxes.len(), 4);
        // Month-end SSI 43, 53 and 63, a quarter each: 10.75, 13.25, 15.75; the quartiles half way.
        assert_eq!(s.boxes[3].slot, 3);
        assert_eq!(
            s.boxes[3].values,
            FiveNumbers {
                min: 10.75,
                q1: 12.0,
                median: 13.25,
                q3: 14.5,
                max: 15.75
            }
        );
        assert_eq!(s.boxes[0].colour, theme::component_colour(Component::Brand));
    }

    #[test]
    fn one_person_has_no_spread() {
        assert!(matches!(
            spec(&one_person(), &light()),
            Figure::Note {
                note: "A spread needs a team with component values.",
                ..
            }
        ));
    }
}
