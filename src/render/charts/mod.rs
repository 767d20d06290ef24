//! Charts: each chart is a function generic over the plotters backend, so one drawing serves PNG and SVG.
//! This module owns the backends (SVG into a string, PNG into memory then encoded) and the list of charts
//! a report embeds; it never writes files.

pub mod activity;
pub mod axis;
pub mod bars;
pub mod component_change;
pub mod components;
pub mod distribution;
pub mod drivers;
pub mod leaderboard;
pub mod legend;
pub mod linkage_heatmap;
pub mod peer_comparison;
pub mod ranks;
pub mod ssi_trend;
pub mod theme;

use super::{Artifact, ChartOptions, ImageFormat, RenderError};
use crate::analysis::Analysis;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A drawing failure, already turned into text (backend error types differ per backend).
pub type DrawResult = Result<(), String>;

/// A chart with one slot per component along x and points along y.
pub type ComponentChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// The axes the component bar charts share: the four components along x (named by `labels`), `y` along
/// y with its description and, when given, its own tick format; the mesh is drawn.
pub fn component_axes<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    c: &Canvas,
    labels: &[String],
    y: std::ops::Range<f64>,
    y_format: Option<&dyn Fn(&f64) -> String>,
    y_desc: &str,
) -> Result<ComponentChart<'a, DB>, String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (scale, pal) = (c.scale, &c.pal);
    let mut chart = ChartBuilder::on(plot)
        .margin(scale.margin)
        .margin_right(scale.margin * 3)
        .x_label_area_size(scale.tick * 2.6)
        .y_label_area_size(scale.tick * 4.0)
        .build_cartesian_2d((0..3).into_segmented(), y)
        .map_err(err)?;
    let tick_font = (theme::FONT, scale.tick).into_font().color(&pal.ink);
    let label_font = (theme::FONT, scale.label).into_font().color(&pal.ink);
    let x_format = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut mesh = chart.configure_mesh();
    let mesh = theme::house_mesh(mesh.disable_x_mesh(), pal);
    mesh.x_labels(4).x_label_formatter(&x_format);
    if let Some(f) = y_format {
        mesh.y_label_formatter(f);
    }
    mesh.label_style(tick_font)
        .y_desc(y_desc)
        .axis_desc_style(label_font)
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// What every chart is drawn from: the analysis, the pixel size, the font scale and the colours.
#[derive(Debug, Clone, Copy)]
pub struct Canvas<'a> {
    /// The analysis result.
    pub analysis: &'a Analysis,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// Font sizes and margins.
    pub scale: theme::Scale,
    /// Colours.
    pub pal: theme::Palette,
    /// Drawn into pixels (PNG) rather than shapes (SVG).
    pub raster: bool,
}

impl Canvas<'_> {
    /// Paints the background unless the chart is transparent.
    pub fn clear<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        if self.pal.opaque {
            root.fill(&self.pal.background).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

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
    let mut list = vec![
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
        (
            "component_change",
            "Change per component this month".to_string(),
            format!("This month's change of each SSI component for {who}"),
        ),
        (
            "ranks",
            "Industry and network rank".to_string(),
            format!("Industry and network rank over time for {who}"),
        ),
        (
            "activity",
            "Activity against targets".to_string(),
            format!("Weekly activity against the weekly targets for {who}"),
        ),
        (
            "linkage_heatmap",
            "Which activity went with which component".to_string(),
            format!(
                "Within-person correlation of each activity with each component's change for {who}"
            ),
        ),
        (
            "drivers",
            "Expected drivers".to_string(),
            format!("Each component's expected activity against its weekly change for {who}"),
        ),
    ];
    // Only when the data holds peer components: most trackers do not record them.
    let has_peers = if analysis.is_team() {
        analysis.team.peers.is_some()
    } else {
        analysis.people.iter().any(|p| p.peers.is_some())
    };
    if has_peers {
        list.insert(
            3,
            (
                "peer_comparison",
                if analysis.is_team() {
                    "The team against industry and network".to_string()
                } else {
                    "You against your industry and network".to_string()
                },
                format!("Each component against the industry and network averages for {who}"),
            ),
        );
    }
    if analysis.is_team() {
        list.extend([
            (
                "leaderboard",
                "Leaderboard".to_string(),
                format!("SSI of each person in the {who}, highest first"),
            ),
            (
                "movers",
                "Movers".to_string(),
                format!("Largest SSI rises and falls this month in the {who}"),
            ),
            (
                "distribution",
                "Spread of the components".to_string(),
                format!("Spread of each component across the {who}"),
            ),
        ]);
    }
    list
}

/// The charts drawn for each person of a team.
pub const PERSON_CHARTS: [&str; 3] = ["ssi_trend", "components", "peer_comparison"];

/// The chart references of one person's page and the files behind them: PNG, or SVG when only SVG is
/// asked for; paths relative to `people/`.
pub fn person_charts(
    view: &Analysis,
    slug: &str,
    options: &ChartOptions,
) -> Result<(Vec<ChartRef>, Vec<Artifact>), RenderError> {
    let format = if options.formats.contains(&ImageFormat::Png) {
        ImageFormat::Png
    } else {
        ImageFormat::Svg
    };
    let mut refs = Vec::new();
    let mut files = Vec::new();
    for (name, title, alt) in chart_list(view) {
        if !PERSON_CHARTS.contains(&name) {
            continue;
        }
        let file = format!("{slug}/{name}.{}", format.extension());
        files.push(Artifact::new(
            format!("people/{file}"),
            render_chart(name, view, format, options)?,
        ));
        refs.push(ChartRef {
            name,
            title,
            alt: super::text::escape_md(&alt),
            path: file,
        });
    }
    Ok((refs, files))
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
    c: &Canvas,
) -> DrawResult {
    match name {
        "ssi_trend" => ssi_trend::draw(root, c),
        "component_change" => component_change::draw(root, c),
        "peer_comparison" => peer_comparison::draw(root, c),
        "ranks" => ranks::draw(root, c),
        "activity" => activity::draw(root, c),
        "linkage_heatmap" => linkage_heatmap::draw(root, c),
        "drivers" => drivers::draw(root, c),
        "leaderboard" => leaderboard::draw(root, c),
        "movers" => leaderboard::draw_movers(root, c),
        "distribution" => distribution::draw(root, c),
        _ => components::draw(root, c),
    }
}

fn bitmap(name: &str, c: &Canvas) -> Result<Vec<u8>, String> {
    let mut pixels = Vec::new();
    draw_pixels(name, c, &mut pixels)?;
    Ok(pixels)
}

/// Draws a chart into `pixels` (resized to the chart, RGB).
fn draw_pixels(name: &str, c: &Canvas, pixels: &mut Vec<u8>) -> Result<(), String> {
    let (w, h) = c.size;
    pixels.clear();
    pixels.resize(w as usize * h as usize * 3, 0);
    let root = BitMapBackend::with_buffer(pixels, c.size).into_drawing_area();
    draw_chart(name, &root, c)?;
    root.present().map_err(|e| e.to_string())
}

thread_local! {
    /// Each thread's pixel buffer, reused from chart to chart (a 1600x900 chart is 4.3 MB).
    static PIXELS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Draws one chart into the given format.
pub fn render_chart(
    name: &'static str,
    analysis: &Analysis,
    format: ImageFormat,
    options: &ChartOptions,
) -> Result<Vec<u8>, RenderError> {
    let fail = |message: String| RenderError::Chart {
        chart: name,
        message,
    };
    theme::ensure_fonts().map_err(fail)?;
    let mut pal = theme::Palette::of(options.theme);
    pal.opaque = !options.transparent;
    let canvas = Canvas {
        analysis,
        size: options.size,
        scale: theme::Scale::for_size(options.size),
        pal,
        raster: format == ImageFormat::Png,
    };
    match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, options.size).into_drawing_area();
                draw_chart(name, &root, &canvas).map_err(fail)?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            Ok(svg.into_bytes())
        }
        ImageFormat::Png if options.transparent => {
            // Drawn once on black and once on white: where the two differ the chart is see-through,
            // and the difference gives each pixel's opacity exactly.
            let opaque = |bg: RGBColor| Canvas {
                pal: theme::Palette {
                    background: bg,
                    opaque: true,
                    ..canvas.pal
                },
                ..canvas
            };
            let on_black = bitmap(name, &opaque(BLACK)).map_err(fail)?;
            let on_white = bitmap(name, &opaque(WHITE)).map_err(fail)?;
            let mut rgba = Vec::with_capacity(on_black.len() / 3 * 4);
            for (b, wh) in on_black.chunks_exact(3).zip(on_white.chunks_exact(3)) {
                let alpha = 255 - (i32::from(wh[1]) - i32::from(b[1])).clamp(0, 255);
                for ch in b {
                    let v = if alpha == 0 {
                        0
                    } else {
                        (i32::from(*ch) * 255 / alpha).min(255)
                    };
                    rgba.push(v as u8);
                }
                rgba.push(alpha as u8);
            }
            encode_png(&rgba, options.size, true).map_err(fail)
        }
        ImageFormat::Png => PIXELS.with(|cell| {
            let mut pixels = cell.borrow_mut();
            draw_pixels(name, &canvas, &mut pixels).map_err(fail)?;
            encode_png(&pixels, options.size, false).map_err(fail)
        }),
    }
}

/// Encodes an RGB (or, with `alpha`, RGBA) buffer as PNG. Deflate level 2 with the "up" filter: on
/// these charts (flat colours, long runs) it encodes 2.6 times as fast as level 6 with adaptive filters
/// for files about 10% larger (measured on the sample charts; see README, Performance).
pub fn encode_png(pixels: &[u8], (w, h): (u32, u32), alpha: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(pixels.len() / 16);
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(if alpha {
            png::ColorType::Rgba
        } else {
            png::ColorType::Rgb
        });
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_deflate_compression(png::DeflateCompression::Level(2));
        encoder.set_filter(png::Filter::Up);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(pixels).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Draws every chart of the report in every requested format.
pub fn render_all(
    analysis: &Analysis,
    options: &ChartOptions,
) -> Result<Vec<Artifact>, RenderError> {
    use rayon::prelude::*;
    let jobs: Vec<(&'static str, ImageFormat)> = chart_list(analysis)
        .into_iter()
        .flat_map(|(name, _, _)| options.formats.iter().map(move |f| (name, *f)))
        .collect();
    // In parallel; collecting keeps the job order, so the output does not depend on scheduling.
    jobs.par_iter()
        .map(|(name, format)| {
            render_chart(name, analysis, *format, options)
                .map(|bytes| Artifact::new(format!("charts/{name}.{}", format.extension()), bytes))
        })
        .collect()
}

/// Writes a centred note in place of a chart that has too little data to draw.
pub fn draw_note<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Canvas,
    title: &str,
    note: &str,
) -> DrawResult {
    let scale = c.scale;
    c.clear(root)?;
    let (w, h) = c.size;
    let note_style = (theme::FONT, scale.label)
        .into_font()
        .color(&c.pal.muted)
        .pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    let title_size = theme::fit_size(
        root,
        title,
        scale.title,
        FontStyle::Bold,
        w.saturating_sub(scale.margin * 2),
    );
    theme::draw_runs(
        root,
        title,
        title_size,
        FontStyle::Bold,
        &c.pal.ink,
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
        (w as i32 / 2, h as i32 / 2 - scale.title as i32),
    )?;
    root.draw_text(
        note,
        &note_style,
        (w as i32 / 2, h as i32 / 2 + scale.label as i32),
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}
