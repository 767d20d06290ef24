//! Horizontal bars with a name per row, drawn in pixels so that long names and 40 rows stay readable: the
//! row font shrinks with the row height, names are shortened with an ellipsis past a third of the width.

use super::theme;
use super::{Canvas, DrawResult};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Row name.
    pub name: String,
    /// Bar value.
    pub value: f64,
    /// Text after the bar end.
    pub note: String,
    /// Colour of the note (e.g. green for a rise).
    pub note_colour: RGBColor,
    /// Bar colour.
    pub colour: RGBColor,
}

/// Shortens `text` with an ellipsis until it fits `max_px` at `size`.
fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    size: f64,
    max_px: u32,
) -> String {
    let width = |t: &str| theme::text_width(area, t, size, FontStyle::Normal);
    if width(text) <= max_px {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..chars.len()).rev() {
        let t: String = chars[..keep].iter().collect::<String>() + "…";
        if width(&t) <= max_px {
            return t;
        }
    }
    "…".into()
}

/// Draws the rows into `plot` with values from `low` to `high` (a zero line when the range spans 0) and
/// the axis caption under it.
pub fn draw<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    c: &Canvas,
    bars: &[Bar],
    (low, high): (f64, f64),
    caption: &str,
) -> DrawResult {
    let (scale, pal) = (c.scale, &c.pal);
    let (w, h) = plot.dim_in_pixel();
    let margin = scale.margin as i32;
    let caption_h = (scale.label * 2.0) as i32;
    let rows = bars.len().max(1) as i32;
    let row_h = ((h as i32 - caption_h - margin * 2) / rows).clamp(4, (scale.label * 2.6) as i32);
    // Few rows: the block of bars sits in the middle of the space rather than at its top.
    let top = margin + ((h as i32 - caption_h - margin * 2) - row_h * rows).max(0) / 2;
    let font_px = (scale.tick).min(f64::from(row_h) * 0.78).max(7.0);
    let font = FontDesc::new(FontFamily::Name(theme::FONT), font_px, FontStyle::Normal);
    let name_w = (w / 3).min(
        bars.iter()
            .map(|b| theme::text_width(plot, &b.name, font_px, FontStyle::Normal))
            .max()
            .unwrap_or(0),
    ) as i32;
    let note_w = (font_px * 5.5) as i32;
    let x0 = margin + name_w + margin;
    let x1 = (w as i32 - margin - note_w).max(x0 + 20);
    let span = (high - low).max(1e-9);
    let px = |v: f64| x0 + ((v - low) / span * f64::from(x1 - x0)).round() as i32;
    let zero = px(0.0_f64.clamp(low, high));
    for (i, b) in bars.iter().enumerate() {
        let y = top + row_h * i as i32;
        let name = fit(plot, &b.name, font_px, name_w as u32);
        theme::draw_runs(
            plot,
            &name,
            font_px,
            FontStyle::Normal,
            &pal.ink,
            HPos::Right,
            VPos::Center,
            (x0 - margin, y + row_h / 2),
        )?;
        let end = px(b.value.clamp(low, high));
        let pad = (row_h / 6).max(1);
        plot.draw(&Rectangle::new(
            [(zero.min(end), y + pad), (zero.max(end), y + row_h - pad)],
            b.colour.filled(),
        ))?;
        let (anchor, nx) = if b.value < 0.0 && low < 0.0 {
            (HPos::Right, zero.min(end) - margin / 2)
        } else {
            (HPos::Left, zero.max(end) + margin / 2)
        };
        plot.draw_text(
            &b.note,
            &font
                .clone()
                .color(&b.note_colour)
                .pos(Pos::new(anchor, VPos::Center)),
            (nx, y + row_h / 2),
        )?;
    }
    let bottom = top + row_h * rows;
    if low < 0.0 {
        plot.draw(&PathElement::new(
            vec![(zero, top), (zero, bottom)],
            pal.muted.stroke_width(scale.line),
        ))?;
    }
    plot.draw(&PathElement::new(
        vec![(x0, bottom), (x1, bottom)],
        pal.muted.stroke_width(1),
    ))?;
    let tick_font = (theme::FONT, scale.tick).into_font().color(&pal.ink);
    for t in ticks(low, high) {
        plot.draw_text(
            &format!("{t}"),
            &tick_font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            (px(t as f64), bottom + 4),
        )?;
    }
    plot.draw_text(
        caption,
        &(theme::FONT, scale.label)
            .into_font()
            .color(&pal.ink)
            .pos(Pos::new(HPos::Center, VPos::Top)),
        ((x0 + x1) / 2, bottom + (scale.tick * 1.6) as i32),
    )?;
    Ok(())
}

/// Whole-number ticks, about five, on a 1-2-5 step.
fn ticks(low: f64, high: f64) -> Vec<i64> {
    let span = (high - low).max(1.0);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(raw)
        .max(1.0) as i64;
    let first = (low / step as f64).ceil() as i64 * step;
    (0..)
        .map(|k| first + k * step)
        .take_while(|t| (*t as f64) <= high)
        .take(50)
        .collect()
}
