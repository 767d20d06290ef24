//! `activity`: small multiples, one panel per activity (those with a target first, then the most logged, at
//! most six): weekly activity as bars over the last 26 weeks with the weekly target as a dashed line. A team
//! shows the average per person who logged that week.

use super::theme;
use super::{Canvas, DrawResult};
use crate::model::schema::metric_label;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Most panels drawn.
const MAX_PANELS: usize = 6;

/// The bar colour of a week below target: the bar colour halfway to the background.
fn blend_half(pal: &theme::Palette) -> RGBColor {
    let mix = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
    let (a, b) = (pal.ssi_line, pal.background);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let title = if a.is_team() {
        format!(
            "Weekly activity against targets: average per person, team of {}",
            a.people.len()
        )
    } else {
        format!(
            "Weekly activity against targets: {}",
            a.people.first().map(|p| p.name.as_str()).unwrap_or("")
        )
    };
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
    if order.is_empty() || weeks.len() < 2 {
        return super::draw_note(
            root,
            c,
            &title,
            "Fewer than two weeks of activity logged in the last 26 weeks.",
        );
    }
    c.clear(root)?;
    let entries = vec![
        (
            "Activity per week".to_string(),
            super::legend::Mark::Swatch(pal.ssi_line),
        ),
        (
            "Below target".to_string(),
            super::legend::Mark::Swatch(blend_half(pal)),
        ),
        (
            "Weekly target".to_string(),
            super::legend::Mark::Dashed(pal.down),
        ),
    ];
    let plot = super::legend::frame(root, &title, &entries, &scale, pal)?;
    let cols = if order.len() <= 2 {
        order.len()
    } else {
        order.len().div_ceil(2)
    };
    let rows = order.len().div_ceil(cols);
    let panels = plot.split_evenly((rows, cols));
    let small = (theme::FONT, scale.tick * 0.9).into_font().color(&pal.ink);
    let n = weeks.len();
    for (panel, m) in panels.iter().zip(&order) {
        let metric = &a.metrics[*m];
        let target = targets.get(metric).copied();
        let top = weeks
            .iter()
            .filter_map(|w| w.rates[*m])
            .fold(target.unwrap_or(0.0), f64::max)
            .max(1.0)
            * 1.15;
        let caption = match target {
            Some(t) => format!(
                "{} (target {})",
                metric_label(metric),
                crate::analysis::words::short(t)
            ),
            None => metric_label(metric),
        };
        let labels: Vec<String> = weeks
            .iter()
            .map(|w| w.start.format("%-d %b").to_string())
            .collect();
        let mut chart = ChartBuilder::on(panel)
            .margin(scale.margin)
            .caption(
                caption,
                (theme::FONT, scale.label, FontStyle::Bold)
                    .into_font()
                    .color(&pal.ink),
            )
            .x_label_area_size(scale.tick * 2.2)
            .y_label_area_size(scale.tick * 3.2)
            .build_cartesian_2d((0..(n as i32 - 1)).into_segmented(), 0f64..top)?;
        theme::house_mesh(chart.configure_mesh().disable_x_mesh(), pal)
            .x_labels(4)
            .y_labels(4)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| crate::analysis::words::short(*v))
            .label_style(small.clone())
            .draw()?;
        for (i, w) in weeks.iter().enumerate() {
            let Some(v) = w.rates[*m] else { continue };
            let i = i as i32;
            let below = target.is_some_and(|t| v < t);
            let colour = if below { blend_half(pal) } else { pal.ssi_line };
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), v),
                ],
                colour.filled(),
            );
            bar.set_margin(0, 0, 1, 1);
            chart.draw_series(std::iter::once(bar))?;
        }
        if let Some(t) = target {
            chart.draw_series(DashedLineSeries::new(
                vec![(SegmentValue::Exact(0), t), (SegmentValue::Last, t)],
                (scale.tick * 0.5) as i32,
                (scale.tick * 0.3) as i32,
                pal.down.stroke_width(scale.line * 2),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}
