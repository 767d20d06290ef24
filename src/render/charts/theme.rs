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

/// Near-black for text and the main series.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Grey for secondary text and grid lines.
pub const MUTED: RGBColor = RGBColor(110, 110, 110);
/// Light grey for grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Main SSI line.
pub const SSI_LINE: RGBColor = RGBColor(0, 62, 116);
/// Industry average (vermillion).
pub const INDUSTRY: RGBColor = RGBColor(213, 94, 0);
/// Network average (sky blue).
pub const NETWORK: RGBColor = RGBColor(86, 180, 233);
/// The 80+ band.
pub const BEST_BAND: RGBColor = RGBColor(225, 242, 232);
/// The report-month highlight.
pub const MONTH_BAND: RGBColor = RGBColor(255, 243, 205);
/// Team interquartile band.
pub const IQR_BAND: RGBColor = RGBColor(190, 215, 238);
/// Thin per-person lines in team charts.
pub const PERSON_LINE: RGBColor = RGBColor(180, 180, 180);

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
