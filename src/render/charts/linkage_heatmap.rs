//! `linkage_heatmap`: activity x component, each cell the within-person correlation of the weekly activity
//! rate with the component's weekly change over the same interval, annotated with r and a star where the
//! link is a finding; the expected pairs are outlined.

use super::legend::{self, Mark};
use super::theme;
use super::{Canvas, DrawResult};
use crate::analysis::linkage::LinkageRow;
use crate::model::schema::{metric_label, Component};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// |r| at which a cell reaches its full colour.
const FULL: f64 = 0.6;

/// Positive r (blue) and negative r (vermillion), both colour-blind safe.
const POSITIVE: RGBColor = RGBColor(0, 114, 178);
const NEGATIVE: RGBColor = RGBColor(213, 94, 0);

fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// r with two decimals and its sign, "0.00" for values that round to zero.
fn two_decimals(r: f64) -> String {
    let text = crate::analysis::words::fixed(r, 2);
    if r > 0.0 && text != "0.00" {
        format!("+{text}")
    } else {
        text
    }
}

/// Draws the chart.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let (scale, pal) = (c.scale, &c.pal);
    let alpha = a.settings.alpha;
    let title = "Which activity went with which component (within-person r, same interval)";
    let rows: Vec<&str> = a
        .metrics
        .iter()
        .map(String::as_str)
        .filter(|m| {
            a.linkage
                .rows
                .iter()
                .any(|r| r.metric == *m && r.lag == 0 && r.stats.n > 0)
        })
        .collect();
    if rows.is_empty() {
        return super::draw_note(
            root,
            c,
            title,
            "No activity paired with component changes yet: log activity beside the snapshots.",
        );
    }
    let cell = |m: &str, k: Component| -> Option<&LinkageRow> {
        a.linkage
            .rows
            .iter()
            .find(|r| r.metric == m && r.component == k && r.lag == 0)
    };
    c.clear(root)?;
    let entries = vec![
        ("r > 0".to_string(), Mark::Swatch(POSITIVE)),
        ("r < 0".to_string(), Mark::Swatch(NEGATIVE)),
        ("Expected link".to_string(), Mark::Outline(pal.ink)),
        (format!("* finding (q < {alpha})"), Mark::Text),
        ("blank: too few intervals".to_string(), Mark::Text),
    ];
    let plot = legend::frame(root, title, &entries, &scale, pal)?;
    let (w, h) = plot.dim_in_pixel();
    let font = (theme::FONT, scale.label).into_font();
    let label_w = rows
        .iter()
        .map(|m| {
            plot.estimate_text_size(&metric_label(m), &font.clone().into_text_style(&plot))
                .map(|(tw, _)| tw)
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0) as i32
        + scale.margin as i32 * 2;
    let header_h = (scale.label * 2.2) as i32;
    let margin = scale.margin as i32;
    let grid_w = (w as i32 - label_w - margin * 3).max(40);
    let grid_h = (h as i32 - header_h - margin * 2).max(40);
    let cw = grid_w / 4;
    let ch = (grid_h / rows.len() as i32).min((scale.label * 3.2) as i32);
    let x0 = label_w + margin;
    let y0 = header_h + margin;
    let centre = Pos::new(HPos::Center, VPos::Center);
    for (j, k) in Component::ALL.iter().enumerate() {
        plot.draw_text(
            k.short_label(),
            &font.clone().color(&theme::component_colour(*k)).pos(centre),
            (x0 + cw * j as i32 + cw / 2, header_h / 2 + margin / 2),
        )?;
    }
    let value_font = (theme::FONT, scale.label, FontStyle::Bold).into_font();
    for (i, m) in rows.iter().enumerate() {
        let y = y0 + ch * i as i32;
        plot.draw_text(
            &metric_label(m),
            &font
                .clone()
                .color(&pal.ink)
                .pos(Pos::new(HPos::Right, VPos::Center)),
            (x0 - margin, y + ch / 2),
        )?;
        for (j, k) in Component::ALL.iter().enumerate() {
            let x = x0 + cw * j as i32;
            let row = cell(m, *k);
            let r = row.and_then(|r| r.stats.pearson_r);
            let fill = match r {
                Some(r) if r >= 0.0 => blend(pal.background, POSITIVE, r / FULL),
                Some(r) => blend(pal.background, NEGATIVE, -r / FULL),
                None => pal.background,
            };
            plot.draw(&Rectangle::new(
                [(x + 2, y + 2), (x + cw - 2, y + ch - 2)],
                fill.filled(),
            ))?;
            if row.is_some_and(|r| r.expected) {
                plot.draw(&Rectangle::new(
                    [(x + 3, y + 3), (x + cw - 3, y + ch - 3)],
                    pal.ink.stroke_width(scale.line.max(1) * 3),
                ))?;
            }
            if let Some(r) = r {
                let star = if row.is_some_and(|x| x.significant(alpha)) {
                    "*"
                } else {
                    ""
                };
                let strong = r.abs() / FULL > 0.8;
                let ink = if strong { WHITE } else { pal.ink };
                plot.draw_text(
                    &format!("{}{star}", two_decimals(r)),
                    &value_font.clone().color(&ink).pos(centre),
                    (x + cw / 2, y + ch / 2),
                )?;
            }
        }
    }
    root.present()?;
    Ok(())
}
