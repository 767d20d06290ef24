//! Chart look: sizes, the embedded font and the colour-blind-safe palette (Okabe-Ito). Component colours
//! are fixed here so every chart shows a component in the same colour.

use crate::model::schema::Component;
use plotters::style::{FontStyle, RGBColor};
use std::sync::OnceLock;

/// The font family name charts ask for; registered from the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";

static FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded fonts once per process; later calls return the first result.
pub fn ensure_fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_REGULAR)
            .map_err(|_| "the embedded regular font is invalid".to_string())?;
        plotters::style::register_font(FONT, FontStyle::Bold, FONT_BOLD)
            .map_err(|_| "the embedded bold font is invalid".to_string())
    })
    .clone()
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
