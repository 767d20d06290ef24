//! Charts: each chart is a function generic over the plotters backend, so one drawing serves PNG and SVG.
//! This module owns the backends (SVG into a string, PNG into memory then encoded) and the list of charts
//! a report embeds; it never writes files.

pub mod axis;
pub mod components;
pub mod legend;
pub mod ssi_trend;
pub mod theme;

use super::{Artifact, ChartOptions, ImageFormat, RenderError};
use crate::analysis::Analysis;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A drawing failure, already turned into text (backend error types differ per backend).
pub type DrawResult = Result<(), String>;

/// A chart as the report embeds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRef {
    /// File stem, e.g. `ssi_trend`.
    pub name: &'static str,
    /// Section title.
    pub title: String,
    /// Alt text.
    pub alt: String,
    /// Relative path of the embedded image.
    pub path: String,
}

/// The charts of a report, in report order: (file stem, title).
pub fn chart_list(analysis: &Analysis) -> Vec<(&'static str, String, String)> {
    let who = if analysis.is_team() {
        format!("team of {}", analysis.people.len())
    } else {
        analysis
            .people
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    vec![
        (
            "ssi_trend",
            "SSI over time".to_string(),
            format!("SSI over time for {who}"),
        ),
        (
            "components",
            "Components over time".to_string(),
            format!("The four SSI components over time for {who}"),
        ),
    ]
}

/// The chart references for report.md (PNG preferred, SVG when only SVG is written).
pub fn references(analysis: &Analysis, options: &ChartOptions) -> Vec<ChartRef> {
    let ext = if options.formats.contains(&ImageFormat::Png) {
        "png"
    } else {
        "svg"
    };
    chart_list(analysis)
        .into_iter()
        .map(|(name, title, alt)| ChartRef {
            name,
            title,
            alt: super::text::escape_md(&alt),
            path: format!("charts/{name}.{ext}"),
        })
        .collect()
}

fn draw_chart<DB: DrawingBackend>(
    name: &str,
    root: &DrawingArea<DB, Shift>,
    analysis: &Analysis,
    size: (u32, u32),
) -> DrawResult {
    match name {
        "ssi_trend" => ssi_trend::draw(root, analysis, size),
        _ => components::draw(root, analysis, size),
    }
}

/// Draws one chart into the given format.
pub fn render_chart(
    name: &'static str,
    analysis: &Analysis,
    format: ImageFormat,
    size: (u32, u32),
) -> Result<Vec<u8>, RenderError> {
    let fail = |message: String| RenderError::Chart {
        chart: name,
        message,
    };
    theme::ensure_fonts().map_err(fail)?;
    match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw_chart(name, &root, analysis, size).map_err(fail)?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            Ok(svg.into_bytes())
        }
        ImageFormat::Png => {
            let (w, h) = size;
            let mut pixels = vec![0u8; w as usize * h as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
                draw_chart(name, &root, analysis, size).map_err(fail)?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            encode_png(&pixels, size).map_err(fail)
        }
    }
}

/// Encodes an RGB buffer as PNG.
pub fn encode_png(pixels: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(pixels, w, h, image::ColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Draws every chart of the report in every requested format.
pub fn render_all(
    analysis: &Analysis,
    options: &ChartOptions,
) -> Result<Vec<Artifact>, RenderError> {
    let mut out = Vec::new();
    for (name, _, _) in chart_list(analysis) {
        for &format in &options.formats {
            let bytes = render_chart(name, analysis, format, options.size)?;
            out.push(Artifact::new(
                format!("charts/{name}.{}", format.extension()),
                bytes,
            ));
        }
    }
    Ok(out)
}

/// Writes a centred note in place of a chart that has too little data to draw.
pub fn draw_note<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    note: &str,
    size: (u32, u32),
) -> DrawResult {
    let scale = theme::Scale::for_size(size);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (w, h) = size;
    let title_style = (theme::FONT, scale.title, FontStyle::Bold)
        .into_font()
        .color(&theme::INK)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    let note_style = (theme::FONT, scale.label)
        .into_font()
        .color(&theme::MUTED)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    root.draw_text(
        title,
        &title_style,
        (w as i32 / 2, h as i32 / 2 - scale.title as i32),
    )
    .map_err(|e| e.to_string())?;
    root.draw_text(
        note,
        &note_style,
        (w as i32 / 2, h as i32 / 2 + scale.label as i32),
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}
