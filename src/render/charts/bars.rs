//! Horizontal bars with a name per row, drawn in pixels so that long names and 40 rows stay readable: the
//! row font shrinks with the row height, names are shortened with an ellipsis past a third of the width.

use super::theme;
use super::{Canvas, ChartSpec, DrawResult, Heading};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
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

/// A chart of named bars: the leaderboard or the movers.
#[derive(Debug, Clone, PartialEq)]
pub struct BarsSpec {
    /// Title (no legend).
    pub heading: Heading,
    /// The rows, top to bottom.
    pub bars: Vec<Bar>,
    /// The value range along x.
    pub range: (f64, f64),
    /// The axis caption under the bars.
    pub caption: &'static str,
}

impl ChartSpec for BarsSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let layout = Layout::new(&plot, c, &self.bars, self.range);
        for (i, b) in self.bars.iter().enumerate() {
            layout.draw_bar(&plot, c, b, i)?;
        }
        layout.draw_axis(&plot, c, self.caption)
    }
}

/// Where the rows go, in pixels of the plot area.
struct Layout {
    /// The value range.
    low: f64,
    high: f64,
    /// The outer margin.
    margin: i32,
    /// Height of the rows and how many there are (at least one).
    row_h: i32,
    rows: i32,
    /// Top of the first row.
    top: i32,
    /// The row font size.
    font_px: f64,
    /// Width of the name column.
    name_w: i32,
    /// Where `low` and `high` fall along x.
    x0: i32,
    x1: i32,
}

impl Layout {
    /// Rows shrink with their number (the font with them); names take at most a third of the width.
    fn new<DB: DrawingBackend>(
        plot: &DrawingArea<DB, Shift>,
        c: &Canvas,
        bars: &[Bar],
        (low, high): (f64, f64),
    ) -> Layout {
        let scale = c.scale;
        let (w, h) = plot.dim_in_pixel();
        let margin = scale.margin as i32;
        let caption_h = (scale.label * 2.0) as i32;
        let rows = bars.len().max(1) as i32;
        let row_h =
            ((h as i32 - caption_h - margin * 2) / rows).clamp(4, (scale.label * 2.6) as i32);
        // Few rows: the block of bars sits in the middle of the space rather than at its top.
        let top = margin + ((h as i32 - caption_h - margin * 2) - row_h * rows).max(0) / 2;
        let font_px = (scale.tick).min(f64::from(row_h) * 0.78).max(7.0);
        let name_w = (w / 3).min(
            bars.iter()
                .map(|b| theme::text_width(plot, &b.name, font_px, FontStyle::Normal))
                .max()
                .unwrap_or(0),
        ) as i32;
        let note_w = (font_px * 5.5) as i32;
        let x0 = margin + name_w + margin;
        let x1 = (w as i32 - margin - note_w).max(x0 + 20);
        Layout {
            low,
            high,
            margin,
            row_h,
            rows,
            top,
            font_px,
            name_w,
            x0,
            x1,
        }
    }

    /// The pixel column of value `v`.
    fn px(&self, v: f64) -> i32 {
        let span = (self.high - self.low).max(1e-9);
        self.x0 + ((v - self.low) / span * f64::from(self.x1 - self.x0)).round() as i32
    }

    /// The pixel column of zero (or the range's end nearest to it).
    fn zero(&self) -> i32 {
        self.px(0.0_f64.clamp(self.low, self.high))
    }

    /// Row `i`: its name, its bar from zero and its note beyond the bar's end.
    fn draw_bar<DB: DrawingBackend>(
        &self,
        plot: &DrawingArea<DB, Shift>,
        c: &Canvas,
        b: &Bar,
        i: usize,
    ) -> DrawResult {
        let (row_h, margin, zero) = (self.row_h, self.margin, self.zero());
        let y = self.top + row_h * i as i32;
        let name = fit(plot, &b.name, self.font_px, self.name_w as u32);
        theme::draw_runs(
            plot,
            &name,
            self.font_px,
            FontStyle::Normal,
            &c.pal.ink,
            HPos::Right,
            VPos::Center,
            (self.x0 - margin, y + row_h / 2),
        )?;
        let end = self.px(b.value.clamp(self.low, self.high));
        let pad = (row_h / 6).max(1);
        plot.draw(&Rectangle::new(
            [(zero.min(end), y + pad), (zero.max(end), y + row_h - pad)],
            b.colour.filled(),
        ))?;
        let (anchor, nx) = if b.value < 0.0 && self.low < 0.0 {
            (HPos::Right, zero.min(end) - margin / 2)
        } else {
            (HPos::Left, zero.max(end) + margin / 2)
        };
        let font = FontDesc::new(
            FontFamily::Name(theme::FONT),
            self.font_px,
            FontStyle::Normal,
        );
        plot.draw_text(
            &b.note,
            &font
                .color(&b.note_colour)
                .pos(Pos::new(anchor, VPos::Center)),
            (nx, y + row_h / 2),
        )?;
        Ok(())
    }

    /// The zero line (when the range spans zero), the axis line, its ticks and the caption.
    fn draw_axis<DB: DrawingBackend>(
        &self,
        plot: &DrawingArea<DB, Shift>,
        c: &Canvas,
        caption: &str,
    ) -> DrawResult {
        let (scale, pal) = (c.scale, &c.pal);
        let (top, zero, x0, x1) = (self.top, self.zero(), self.x0, self.x1);
        let bottom = top + self.row_h * self.rows;
        if self.low < 0.0 {
            plot.draw(&PathElement::new(
                vec![(zero, top), (zero, bottom)],
                pal.muted.stroke_width(scale.line),
            ))?;
        }
        plot.draw(&PathElement::new(
            vec![(x0, bottom), (x1, bottom)],
            pal.muted.stroke_width(1),
        ))?;
        let tick_font = theme::font(scale.tick, &pal.ink);
        for t in ticks(self.low, self.high) {
            plot.draw_text(
                &format!("{t}"),
                &tick_font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
                (self.px(t as f64), bottom + 4),
            )?;
        }
        plot.draw_text(
            caption,
            &theme::font(scale.label, &pal.ink).pos(Pos::new(HPos::Center, VPos::Top)),
            ((x0 + x1) / 2, bottom + (scale.tick * 1.6) as i32),
        )?;
        Ok(())
    }
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
