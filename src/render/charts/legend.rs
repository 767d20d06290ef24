//! The chart frame shared by all charts: a bold title and a horizontal legend row above the plot, so the
//! legend never covers data. Returns the area left for the plot.

use super::theme::{self, Scale};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled box.
    Swatch(RGBColor),
    /// A hollow box.
    Outline(RGBColor),
    /// No mark: the label alone.
    Text,
}

/// Draws the title and legend; returns the plot area below them.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    entries: &[(String, Mark)],
    scale: &Scale,
    pal: &theme::Palette,
) -> super::DrawResult<DrawingArea<DB, Shift>> {
    let (w, _) = root.dim_in_pixel();
    let title_h = (scale.title * 1.6) as u32;
    let legend_h = if entries.is_empty() {
        0
    } else {
        (scale.label * 1.8) as u32
    };
    let (head, plot) = root.split_vertically(title_h + legend_h + scale.margin);
    // A long title (a long name) shrinks to fit rather than running off the edges.
    let avail = w.saturating_sub(scale.margin * 2);
    let title_size = theme::fit_size(&head, title, scale.title, FontStyle::Bold, avail);
    theme::draw_runs(
        &head,
        title,
        title_size,
        FontStyle::Bold,
        &pal.ink,
        HPos::Center,
        VPos::Center,
        (w as i32 / 2, (scale.margin + title_h / 2) as i32),
    )?;
    if entries.is_empty() {
        return Ok(plot);
    }
    // The legend row shrinks as a whole when it is wider than the chart.
    let (_, natural) = Row::at(&head, entries, scale.label);
    let label_size = if natural > avail as i32 && natural > 0 {
        (scale.label * f64::from(avail) / f64::from(natural)).max(7.0)
    } else {
        scale.label
    };
    let (row, total) = Row::at(&head, entries, label_size);
    let mut x = (w as i32 - total).max(0) / 2;
    let y = (scale.margin + title_h + legend_h / 2) as i32;
    let text_style = (theme::FONT, label_size)
        .into_font()
        .color(&pal.ink)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for ((label, mark), width) in entries.iter().zip(&row.widths) {
        row.draw_mark(&head, mark, (x, y), scale)?;
        let text_x = if matches!(mark, Mark::Text) {
            x
        } else {
            x + row.mark_w + row.gap
        };
        head.draw_text(label, &text_style, (text_x, y))?;
        x += width + row.spacing;
    }
    Ok(plot)
}

/// The legend row at one font size: each entry's width and the room around marks.
struct Row {
    /// The font size.
    size: f64,
    /// Each entry's width: mark, gap and label.
    widths: Vec<i32>,
    /// A mark's width.
    mark_w: i32,
    /// Between a mark and its label.
    gap: i32,
    /// Between entries.
    spacing: i32,
}

impl Row {
    /// The row at `size` and its total width.
    fn at<DB: DrawingBackend>(
        head: &DrawingArea<DB, Shift>,
        entries: &[(String, Mark)],
        size: f64,
    ) -> (Row, i32) {
        let font = (theme::FONT, size).into_font();
        let (mark_w, gap, spacing) = (
            (size * 1.6) as i32,
            (size * 0.5) as i32,
            (size * 1.6) as i32,
        );
        let widths: Vec<i32> = entries
            .iter()
            .map(|(label, mark)| {
                let (tw, _) = head
                    .estimate_text_size(label, &font.clone().into_text_style(head))
                    .unwrap_or((0, 0));
                if matches!(mark, Mark::Text) {
                    tw as i32
                } else {
                    mark_w + gap + tw as i32
                }
            })
            .collect();
        let total = widths.iter().sum::<i32>() + spacing * (entries.len() as i32 - 1);
        let row = Row {
            size,
            widths,
            mark_w,
            gap,
            spacing,
        };
        (row, total)
    }

    /// Draws a mark with its left end at `(x, y)`.
    fn draw_mark<DB: DrawingBackend>(
        &self,
        head: &DrawingArea<DB, Shift>,
        mark: &Mark,
        (x, y): (i32, i32),
        scale: &Scale,
    ) -> super::DrawResult {
        let mark_w = self.mark_w;
        let stroke = scale.line.max(2) * 2;
        let half = (self.size * 0.4) as i32;
        let rect = [(x, y - half), (x + mark_w, y + half)];
        match mark {
            Mark::Line(c) => head.draw(&PathElement::new(
                vec![(x, y), (x + mark_w, y)],
                c.stroke_width(stroke),
            ))?,
            Mark::Dashed(c) => {
                let third = mark_w / 3;
                for k in [0, 2] {
                    head.draw(&PathElement::new(
                        vec![(x + k * third, y), (x + (k + 1) * third, y)],
                        c.stroke_width(stroke),
                    ))?;
                }
            }
            Mark::Swatch(c) => head.draw(&Rectangle::new(rect, c.filled()))?,
            Mark::Outline(c) => {
                head.draw(&Rectangle::new(rect, c.stroke_width(scale.line.max(1) * 3)))?
            }
            Mark::Text => {}
        }
        Ok(())
    }
}
