//! Chart look: sizes, the embedded font and the colour-blind-safe palette (Okabe-Ito). Component colours
//! are fixed here so every chart shows a component in the same colour.

use crate::model::schema::Component;
use plotters::style::{FontStyle, RGBColor};
use std::sync::OnceLock;

/// The font family name charts ask for; registered from the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";

/// The family used for text with Chinese, Japanese or Korean characters, which DejaVu Sans lacks; registered
/// from the embedded Droid Sans Fallback. In SVG it reads as a CSS font list.
pub const CJK_FONT: &str = "Droid Sans Fallback, Noto Sans CJK SC, sans-serif";

static FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
static FONT_CJK: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallback.ttf");

/// Registers the embedded fonts once per process; later calls return the first result.
pub fn ensure_fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_REGULAR)
            .map_err(|_| "the embedded regular font is invalid".to_string())?;
        plotters::style::register_font(FONT, FontStyle::Bold, FONT_BOLD)
            .map_err(|_| "the embedded bold font is invalid".to_string())?;
        for style in [FontStyle::Normal, FontStyle::Bold] {
            plotters::style::register_font(CJK_FONT, style, FONT_CJK)
                .map_err(|_| "the embedded CJK font is invalid".to_string())?;
        }
        Ok(())
    })
    .clone()
}

/// True for characters DejaVu Sans has no glyph for but Droid Sans Fallback has: CJK ideographs and
/// punctuation, kana, Hangul, full-width forms.
fn needs_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x2FA1F)
}

/// The font family to draw `text` with: DejaVu Sans, or the CJK fallback when the text needs it.
pub fn family_for(text: &str) -> &'static str {
    if text.chars().any(needs_cjk) {
        CJK_FONT
    } else {
        FONT
    }
}

/// Splits text into runs that one font can draw: (family, run).
pub fn runs(text: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for ch in text.chars() {
        let family = if needs_cjk(ch) { CJK_FONT } else { FONT };
        match out.last_mut() {
            Some((f, run)) if *f == family => run.push(ch),
            _ => out.push((family, ch.to_string())),
        }
    }
    out
}

/// Width in pixels of `text` drawn in runs at `size`.
pub fn text_width<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    size: f64,
    style: FontStyle,
) -> u32 {
    use plotters::style::{FontDesc, FontFamily, IntoTextStyle};
    runs(text)
        .iter()
        .map(|(family, run)| {
            let font = FontDesc::new(FontFamily::Name(family), size, style);
            area.estimate_text_size(run, &font.into_text_style(area))
                .map(|(w, _)| w)
                .unwrap_or(0)
        })
        .sum()
}

/// The font size at most `size` at which `text` fits in `max_px` (never below 8).
pub fn fit_size<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    size: f64,
    style: FontStyle,
    max_px: u32,
) -> f64 {
    let width = text_width(area, text, size, style);
    if width <= max_px || width == 0 {
        size
    } else {
        (size * f64::from(max_px) / f64::from(width)).max(8.0)
    }
}

/// Draws `text` with each run in a font that has its glyphs, so a Chinese name inside an English title
/// shows neither boxes nor missing digits. `h` places `(x, y)` at the left, centre or right of the whole.
#[allow(clippy::too_many_arguments)]
pub fn draw_runs<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    size: f64,
    style: FontStyle,
    colour: &RGBColor,
    h: plotters::style::text_anchor::HPos,
    v: plotters::style::text_anchor::VPos,
    (x, y): (i32, i32),
) -> super::DrawResult {
    use plotters::style::text_anchor::{HPos, Pos};
    use plotters::style::{Color, FontDesc, FontFamily, IntoTextStyle};
    let total = text_width(area, text, size, style) as i32;
    let mut left = match h {
        HPos::Left => x,
        HPos::Center => x - total / 2,
        HPos::Right => x - total,
    };
    for (family, run) in runs(text) {
        let font = FontDesc::new(FontFamily::Name(family), size, style);
        let width = area
            .estimate_text_size(&run, &font.clone().into_text_style(area))
            .map(|(w, _)| w as i32)
            .unwrap_or(0);
        let text_style = font.color(&colour.to_rgba()).pos(Pos::new(HPos::Left, v));
        area.draw_text(&run, &text_style, (left, y))?;
        left += width;
    }
    Ok(())
}

/// The house font at `size` in `colour`.
pub fn font(size: f64, colour: &RGBColor) -> plotters::style::TextStyle<'static> {
    use plotters::style::IntoFont;
    (FONT, size).into_font().color(colour)
}

/// The light or dark look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Dark ink on white (the default; prints well).
    #[default]
    Light,
    /// Light ink on a near-black background, for dark slides.
    Dark,
}

/// The colours of one theme. Component colours are the same in both (see `component_colour`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Chart background.
    pub background: RGBColor,
    /// Whether the background is painted (false for `--transparent`).
    pub opaque: bool,
    /// Text and axes.
    pub ink: RGBColor,
    /// Secondary text.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// The main SSI line.
    pub ssi_line: RGBColor,
    /// Industry average (vermillion).
    pub industry: RGBColor,
    /// Network average (sky blue).
    pub network: RGBColor,
    /// The 80+ band.
    pub best_band: RGBColor,
    /// The report-month highlight.
    pub month_band: RGBColor,
    /// Team interquartile band.
    pub iqr_band: RGBColor,
    /// Thin per-person lines in team charts.
    pub person_line: RGBColor,
    /// Rises (bluish green) and falls (vermillion).
    pub up: RGBColor,
    /// See `up`.
    pub down: RGBColor,
}

/// `fg` at opacity `alpha` over `bg`, as one solid colour.
pub fn over(fg: RGBColor, alpha: f64, bg: RGBColor) -> RGBColor {
    let mix = |f: u8, b: u8| (alpha * f64::from(f) + (1.0 - alpha) * f64::from(b)).round() as u8;
    RGBColor(mix(fg.0, bg.0), mix(fg.1, bg.1), mix(fg.2, bg.2))
}

impl Palette {
    /// The palette of a theme.
    pub fn of(theme: ThemeName) -> Palette {
        match theme {
            ThemeName::Light => Palette {
                background: RGBColor(255, 255, 255),
                opaque: true,
                ink: RGBColor(34, 34, 34),
                muted: RGBColor(110, 110, 110),
                grid: RGBColor(225, 225, 225),
                ssi_line: RGBColor(0, 62, 116),
                industry: RGBColor(213, 94, 0),
                network: RGBColor(86, 180, 233),
                best_band: RGBColor(225, 242, 232),
                month_band: RGBColor(255, 243, 205),
                iqr_band: RGBColor(190, 215, 238),
                person_line: RGBColor(180, 180, 180),
                up: RGBColor(0, 158, 115),
                down: RGBColor(213, 94, 0),
            },
            ThemeName::Dark => Palette {
                background: RGBColor(24, 26, 31),
                opaque: true,
                ink: RGBColor(232, 232, 232),
                muted: RGBColor(165, 165, 170),
                grid: RGBColor(62, 65, 72),
                ssi_line: RGBColor(240, 240, 240),
                industry: RGBColor(240, 128, 50),
                network: RGBColor(86, 180, 233),
                best_band: RGBColor(28, 48, 38),
                month_band: RGBColor(60, 54, 30),
                iqr_band: RGBColor(52, 82, 112),
                person_line: RGBColor(92, 94, 100),
                up: RGBColor(0, 190, 140),
                down: RGBColor(240, 128, 50),
            },
        }
    }
}

/// The house mesh: no minor grid lines, light major ones, muted axes.
pub fn house_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    pal: &Palette,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
    DB: plotters::prelude::DrawingBackend,
{
    use plotters::style::{Color, TRANSPARENT};
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(pal.grid.stroke_width(1))
        .axis_style(pal.muted.stroke_width(1))
}

/// Colours of named series beyond the components (Okabe-Ito, distinguishable with colour blindness).
pub const SERIES: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(120, 94, 240),
];

/// A component's colour.
pub fn component_colour(c: Component) -> RGBColor {
    match c {
        Component::Brand => RGBColor(0, 114, 178),
        Component::People => RGBColor(230, 159, 0),
        Component::Insights => RGBColor(0, 158, 115),
        Component::Relationships => RGBColor(204, 121, 167),
    }
}

/// Font sizes and margins scaled to the chart's height.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Title font size.
    pub title: f64,
    /// Axis label font size.
    pub label: f64,
    /// Tick label font size.
    pub tick: f64,
    /// Outer margin.
    pub margin: u32,
    /// Main line width.
    pub line: u32,
}

impl Scale {
    /// The scale for a chart of this size.
    pub fn for_size((w, h): (u32, u32)) -> Scale {
        let base = (h as f64).min(w as f64 * 9.0 / 16.0);
        Scale {
            title: (base * 0.042).max(12.0),
            label: (base * 0.027).max(10.0),
            tick: (base * 0.024).max(9.0),
            margin: (base * 0.025).max(6.0) as u32,
            line: (base / 450.0).round().max(1.0) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font, FontRef};

    #[test]
    fn every_character_of_an_international_team_has_a_glyph_in_the_font_chosen_for_it() {
        let dejavu = FontRef::try_from_slice(FONT_REGULAR).unwrap();
        let cjk = FontRef::try_from_slice(FONT_CJK).unwrap();
        let names = "1. 王伟 佐藤 花子 김민준 Анастасия Ковалёва Γιώργος Łukasz Wiśniewski María José Zoë ▲▼±…";
        for (family, run) in runs(names) {
            let font = if family == CJK_FONT { &cjk } else { &dejavu };
            for ch in run.chars().filter(|c| !c.is_whitespace()) {
                assert_ne!(font.glyph_id(ch).0, 0, "no glyph for {ch:?} in {family}");
            }
        }
        // The split keeps digits and Latin letters in DejaVu Sans.
        assert_eq!(
            runs("1. 王伟"),
            [(FONT, "1. ".to_string()), (CJK_FONT, "王伟".to_string())]
        );
        assert_eq!(family_for("Łukasz"), FONT);
    }
}
