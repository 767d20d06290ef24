//! `linkage_heatmap`: activity x component, each cell the within-person correlation of the weekly activity
//! rate with the component's weekly change over the same interval, annotated with r and a star where the
//! link is a finding; the expected pairs are outlined.

use super::legend::Mark;
use super::theme::{self, Palette};
use super::{Canvas, ChartSpec, DrawResult, Figure, Heading};
use crate::analysis::linkage::LinkageRow;
use crate::analysis::Analysis;
use crate::model::schema::{metric_label, Component};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// |r| at which a cell reaches its full colour.
pub const FULL: f64 = 0.6;

/// Positive r (blue) and negative r (vermillion), both colour-blind safe.
pub const POSITIVE: RGBColor = RGBColor(0, 114, 178);
pub const NEGATIVE: RGBColor = RGBColor(213, 94, 0);

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

/// One activity x component cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Towards blue for positive r, vermillion for negative, the background without r.
    pub fill: RGBColor,
    /// An expected link: outlined.
    pub expected: bool,
    /// r ("+0.52", with a star for a finding) and its colour (white on strong cells).
    pub text: Option<(String, RGBColor)>,
}

/// One activity's row.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    /// The activity's label.
    pub label: String,
    /// A cell per component, in LinkedIn's order.
    pub cells: Vec<Cell>,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapSpec {
    /// Title and legend.
    pub heading: Heading,
    /// The column headers: each component's short label in its colour.
    pub columns: Vec<(&'static str, RGBColor)>,
    /// A row per activity with a same-interval pairing.
    pub rows: Vec<HeatRow>,
}

fn cell(row: Option<&LinkageRow>, alpha: f64, pal: &Palette) -> Cell {
    let r = row.and_then(|r| r.stats.pearson_r);
    let fill = match r {
        Some(r) if r >= 0.0 => blend(pal.background, POSITIVE, r / FULL),
        Some(r) => blend(pal.background, NEGATIVE, -r / FULL),
        None => pal.background,
    };
    let text = r.map(|r| {
        let star = if row.is_some_and(|x| x.significant(alpha)) {
            "*"
        } else {
            ""
        };
        let strong = r.abs() / FULL > 0.8;
        let ink = if strong { WHITE } else { pal.ink };
        (format!("{}{star}", two_decimals(r)), ink)
    });
    Cell {
        fill,
        expected: row.is_some_and(|r| r.expected),
        text,
    }
}

/// The chart's data, or a note without any activity paired with changes.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<HeatmapSpec> {
    let alpha = a.settings.alpha;
    let title = "Which activity went with which component (within-person r, same interval)";
    let same_interval = |m: &str, k: Component| {
        a.linkage
            .rows
            .iter()
            .find(|r| r.metric == m && r.component == k && r.lag == 0)
    };
    let metrics: Vec<&str> = a
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
    if metrics.is_empty() {
        return Figure::Note {
            title: title.into(),
            note:
                "No activity paired with component changes yet: log activity beside the snapshots.",
        };
    }
    let legend = vec![
        ("r > 0".to_string(), Mark::Swatch(POSITIVE)),
        ("r < 0".to_string(), Mark::Swatch(NEGATIVE)),
        ("Expected link".to_string(), Mark::Outline(pal.ink)),
        (format!("* finding (q < {alpha})"), Mark::Text),
        ("blank: too few intervals".to_string(), Mark::Text),
    ];
    let rows = metrics
        .iter()
        .map(|m| HeatRow {
            label: metric_label(m),
            cells: Component::ALL
                .iter()
                .map(|k| cell(same_interval(m, *k), alpha, pal))
                .collect(),
        })
        .collect();
    Figure::Plot(HeatmapSpec {
        heading: Heading {
            title: title.into(),
            legend,
        },
        columns: Component::ALL
            .iter()
            .map(|k| (k.short_label(), theme::component_colour(*k)))
            .collect(),
        rows,
    })
}

/// Where the cells go, in pixels of the plot area.
struct Grid {
    /// Left edge of the first column (right of the row labels).
    x0: i32,
    /// Top edge of the first row (below the column headers).
    y0: i32,
    /// Cell width and height.
    cw: i32,
    ch: i32,
    /// Height of the header row.
    header_h: i32,
}

impl HeatmapSpec {
    /// Sizes the grid: the widest row label, then equal columns and rows (not taller than 3.2 labels).
    fn grid<DB: DrawingBackend>(&self, plot: &DrawingArea<DB, Shift>, c: &Canvas) -> Grid {
        let scale = c.scale;
        let (w, h) = plot.dim_in_pixel();
        let font = (theme::FONT, scale.label).into_font();
        let label_w = self
            .rows
            .iter()
            .map(|row| {
                plot.estimate_text_size(&row.label, &font.clone().into_text_style(plot))
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
        Grid {
            x0: label_w + margin,
            y0: header_h + margin,
            cw: grid_w / self.columns.len() as i32,
            ch: (grid_h / self.rows.len() as i32).min((scale.label * 3.2) as i32),
            header_h,
        }
    }

    /// One row: its label, then its cells.
    fn draw_row<DB: DrawingBackend>(
        plot: &DrawingArea<DB, Shift>,
        row: &HeatRow,
        y: i32,
        g: &Grid,
        c: &Canvas,
    ) -> DrawResult {
        let (scale, pal) = (c.scale, &c.pal);
        let margin = scale.margin as i32;
        let (cw, ch) = (g.cw, g.ch);
        plot.draw_text(
            &row.label,
            &theme::font(scale.label, &pal.ink).pos(Pos::new(HPos::Right, VPos::Center)),
            (g.x0 - margin, y + ch / 2),
        )?;
        let value_font = (theme::FONT, scale.label, FontStyle::Bold).into_font();
        for (j, cell) in row.cells.iter().enumerate() {
            let x = g.x0 + cw * j as i32;
            plot.draw(&Rectangle::new(
                [(x + 2, y + 2), (x + cw - 2, y + ch - 2)],
                cell.fill.filled(),
            ))?;
            if cell.expected {
                plot.draw(&Rectangle::new(
                    [(x + 3, y + 3), (x + cw - 3, y + ch - 3)],
                    pal.ink.stroke_width(scale.line.max(1) * 3),
                ))?;
            }
            if let Some((text, ink)) = &cell.text {
                plot.draw_text(
                    text,
                    &value_font.clone().color(ink).pos(centre()),
                    (x + cw / 2, y + ch / 2),
                )?;
            }
        }
        Ok(())
    }
}

/// Text centred on its point.
fn centre() -> Pos {
    Pos::new(HPos::Center, VPos::Center)
}

impl ChartSpec for HeatmapSpec {
    fn heading(&self) -> &Heading {
        &self.heading
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
        let plot = self.heading.frame(root, c)?;
        let g = self.grid(&plot, c);
        let margin = c.scale.margin as i32;
        for (j, (label, colour)) in self.columns.iter().enumerate() {
            plot.draw_text(
                label,
                &theme::font(c.scale.label, colour).pos(centre()),
                (
                    g.x0 + g.cw * j as i32 + g.cw / 2,
                    g.header_h / 2 + margin / 2,
                ),
            )?;
        }
        for (i, row) in self.rows.iter().enumerate() {
            Self::draw_row(&plot, row, g.y0 + g.ch * i as i32, &g, c)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{light, linkage_row, one_person};

    #[test]
    fn cells_are_shaded_by_r_with_findings_starred_and_expected_links_outlined() {
        let pal = light();
        let mut a = one_person();
        // Posts with brand (expected) r = 0.52, a finding; posts with people r = -0.3; comments unpaired.
        a.linkage.rows = vec![
            linkage_row("posts", Component::Brand, Some(0.52), None, Some(0.001)),
            linkage_row("posts", Component::People, Some(-0.3), None, Some(0.4)),
        ];
        let s = spec(&a, &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.legend[3],
            ("* finding (q < 0.05)".to_string(), Mark::Text)
        );
        assert_eq!(
            s.columns[2],
            ("Insights", theme::component_colour(Component::Insights))
        );
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].label, "Posts");
        let [brand, people, insights, _] = &s.rows[0].cells[..] else {
            panic!("four cells");
        };
        // 0.52 / 0.6 of the way from white to (0, 114, 178); past 0.8 of full colour the text is white.
        assert_eq!(brand.fill, RGBColor(34, 133, 188));
        assert!(brand.expected);
        assert_eq!(brand.text, Some(("+0.52*".to_string(), WHITE)));
        // Half way from white to (213, 94, 0), rounded half away from zero.
        assert_eq!(people.fill, RGBColor(234, 175, 128));
        assert!(!people.expected);
        assert_eq!(people.text, Some(("-0.30".to_string(), pal.ink)));
        assert_eq!(insights.fill, pal.background);
        assert_eq!(insights.text, None);
    }

    #[test]
    fn without_pairs_there_is_a_note() {
        let Figure::Note { note, .. } = spec(&one_person(), &light()) else {
            panic!("a note");
        };
        assert!(note.starts_with("No activity paired"), "{note}");
    }

    #[test]
    fn r_is_signed_with_two_decimals() {
        assert_eq!(two_decimals(0.456), "+0.46");
        assert_eq!(two_decimals(0.004), "0.00");
        assert_eq!(two_decimals(-0.2), "-0.20");
    }
}
