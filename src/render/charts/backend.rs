//! The drawing backends: a chart drawn into SVG (a string) or into pixels encoded as PNG (opaque, or with
//! an alpha channel worked out from a drawing on black and one on white), and the chart files of a report
//! and of a person's page. Returns bytes; never writes files.

use super::catalog::{chart_refs, embedded_format, report_charts, ChartId, ChartRef};
use super::{draw_chart, theme, Canvas, DrawError, DrawResult};
use crate::analysis::Analysis;
use crate::render::{Artifact, ChartOptions, ImageFormat, RenderError};
use plotters::prelude::*;

fn bitmap(id: ChartId, analysis: &Analysis, c: &Canvas) -> DrawResult<Vec<u8>> {
    let mut pixels = Vec::new();
    draw_pixels(id, analysis, c, &mut pixels)?;
    Ok(pixels)
}

/// Draws a chart into `pixels` (resized to the chart, RGB).
fn draw_pixels(id: ChartId, analysis: &Analysis, c: &Canvas, pixels: &mut Vec<u8>) -> DrawResult {
    let (w, h) = c.size;
    let len = w as usize * h as usize * 3;
    // An opaque chart paints its whole background first, so a reused buffer needs no clearing.
    if pixels.len() != len || !c.pal.opaque {
        pixels.clear();
        pixels.resize(len, 0);
    }
    let root = BitMapBackend::with_buffer(pixels, c.size).into_drawing_area();
    draw_chart(id, analysis, &root, c)?;
    root.present()?;
    Ok(())
}

thread_local! {
    /// Each thread's pixel buffer, reused from chart to chart (a 1600x900 chart is 4.3 MB).
    static PIXELS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The chart as SVG text.
fn svg(id: ChartId, analysis: &Analysis, c: &Canvas) -> DrawResult<Vec<u8>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, c.size).into_drawing_area();
        draw_chart(id, analysis, &root, c)?;
        root.present()?;
    }
    Ok(svg.into_bytes())
}

/// The chart as an RGBA PNG: drawn once on black and once on white; where the two differ the chart is
/// see-through, and the difference gives each pixel's opacity exactly.
fn transparent_png(id: ChartId, analysis: &Analysis, canvas: &Canvas) -> DrawResult<Vec<u8>> {
    let opaque = |bg: RGBColor| Canvas {
        pal: theme::Palette {
            background: bg,
            opaque: true,
            ..canvas.pal
        },
        ..*canvas
    };
    let on_black = bitmap(id, analysis, &opaque(BLACK))?;
    let on_white = bitmap(id, analysis, &opaque(WHITE))?;
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
    encode_png(&rgba, canvas.size, true)
}

/// The chart as an RGB PNG, drawn into this thread's reused pixel buffer.
fn opaque_png(id: ChartId, analysis: &Analysis, canvas: &Canvas) -> DrawResult<Vec<u8>> {
    PIXELS.with(|cell| {
        let mut pixels = cell.borrow_mut();
        draw_pixels(id, analysis, canvas, &mut pixels)?;
        encode_png(&pixels, canvas.size, false)
    })
}

/// Draws one chart into the given format.
pub fn render_chart(
    id: ChartId,
    analysis: &Analysis,
    format: ImageFormat,
    options: &ChartOptions,
) -> Result<Vec<u8>, RenderError> {
    let fail = |e: DrawError| RenderError::Chart {
        chart: id.name(),
        message: e.0,
    };
    theme::ensure_fonts().map_err(|e| fail(DrawError(e)))?;
    let mut pal = theme::Palette::of(options.theme);
    pal.opaque = !options.transparent;
    let canvas = Canvas {
        size: options.size,
        scale: theme::Scale::for_size(options.size),
        pal,
        raster: format == ImageFormat::Png,
    };
    match format {
        ImageFormat::Svg => svg(id, analysis, &canvas),
        ImageFormat::Png if options.transparent => transparent_png(id, analysis, &canvas),
        ImageFormat::Png => opaque_png(id, analysis, &canvas),
    }
    .map_err(fail)
}

/// How many pixels after the one at byte `at` repeat it: the first byte where the buffer differs from
/// itself three bytes on, compared eight bytes at a time (charts are mostly long runs of one colour).
fn run_after(pixels: &[u8], at: usize) -> usize {
    let (a, b) = (&pixels[at..pixels.len() - 3], &pixels[at + 3..]);
    let mut same = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let diff = u64::from_le_bytes(x.try_into().unwrap_or_default())
            ^ u64::from_le_bytes(y.try_into().unwrap_or_default());
        if diff != 0 {
            return (same + diff.trailing_zeros() as usize / 8) / 3;
        }
        same += 8;
    }
    same += a[same..]
        .iter()
        .zip(&b[same..])
        .take_while(|(x, y)| x == y)
        .count();
    same / 3
}

/// The pixels of an RGB buffer as palette indices, and the palette (RGB triples in order of first
/// appearance), when the buffer holds at most 256 colours; `None` as soon as a 257th appears.
fn palette_of(pixels: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    const SLOTS: usize = 4096;
    let mut colours: Vec<u32> = Vec::with_capacity(256);
    // Open addressing over the colour: slot -> index into `colours`.
    let mut slots = [u16::MAX; SLOTS];
    let count = pixels.len() / 3;
    let mut indices = Vec::with_capacity(count);
    while indices.len() < count {
        let at = indices.len() * 3;
        let p = &pixels[at..at + 3];
        let colour = (u32::from(p[0]) << 16) | (u32::from(p[1]) << 8) | u32::from(p[2]);
        let mut slot = (colour.wrapping_mul(0x9E37_79B1) >> 20) as usize % SLOTS;
        let index = loop {
            match slots[slot] {
                u16::MAX => {
                    let index = u8::try_from(colours.len()).ok()?;
                    slots[slot] = u16::from(index);
                    colours.push(colour);
                    break index;
                }
                i if colours[usize::from(i)] == colour => break i as u8,
                _ => slot = (slot + 1) % SLOTS,
            }
        };
        let run = 1 + run_after(pixels, at);
        indices.resize(indices.len() + run, index);
    }
    let palette = colours
        .iter()
        .flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8])
        .collect();
    Some((indices, palette))
}

/// Encodes an RGB (or, with `alpha`, RGBA) buffer as PNG. An RGB chart of at most 256 colours (bars,
/// lines and text on flat fills) is written with a palette, one byte per pixel: the same pixels in
/// about half the bytes, encoded faster; others as RGB. Deflate level 2 with the "up" filter: on these
/// charts (flat colours, long runs) it encodes 2.6 times as fast as level 6 with adaptive filters for
/// files about 10% larger (measured on the sample charts; see README, Performance).
pub fn encode_png(pixels: &[u8], (w, h): (u32, u32), alpha: bool) -> DrawResult<Vec<u8>> {
    let indexed = if alpha { None } else { palette_of(pixels) };
    let mut out = Vec::with_capacity(pixels.len() / 16);
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(match (&indexed, alpha) {
            (Some(_), _) => png::ColorType::Indexed,
            (None, true) => png::ColorType::Rgba,
            (None, false) => png::ColorType::Rgb,
        });
        if let Some((_, palette)) = &indexed {
            encoder.set_palette(palette.clone());
        }
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_deflate_compression(png::DeflateCompression::Level(2));
        encoder.set_filter(png::Filter::Up);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(indexed.as_ref().map_or(pixels, |(i, _)| i.as_slice()))?;
        writer.finish()?;
    }
    Ok(out)
}

/// Draws every chart of the report in every requested format.
pub fn render_all(
    analysis: &Analysis,
    options: &ChartOptions,
) -> Result<Vec<Artifact>, RenderError> {
    use rayon::prelude::*;
    let jobs: Vec<(ChartId, ImageFormat)> = report_charts(analysis)
        .into_iter()
        .flat_map(|id| options.formats.iter().map(move |f| (id, *f)))
        .collect();
    // In parallel; collecting keeps the job order, so the output does not depend on scheduling.
    jobs.par_iter()
        .map(|(id, format)| {
            render_chart(*id, analysis, *format, options).map(|bytes| {
                Artifact::new(
                    format!("charts/{}.{}", id.name(), format.extension()),
                    bytes,
                )
            })
        })
        .collect()
}

/// The chart references of one person's page and the files behind them: PNG, or SVG when only SVG is
/// asked for; paths relative to `people/`.
pub fn person_charts(
    view: &Analysis,
    slug: &str,
    options: &ChartOptions,
) -> Result<(Vec<ChartRef>, Vec<Artifact>), RenderError> {
    let format = embedded_format(options);
    // A person page draws the activity chart only when the person logged two weeks or more.
    let charts = ChartId::PERSON_PAGE.into_iter().filter(|id| {
        id.shown_for(view) && (*id != ChartId::Activity || view.activity_weeks.len() >= 2)
    });
    let refs = chart_refs(view, charts, |id| {
        format!("{slug}/{}.{}", id.name(), format.extension())
    });
    let files = refs
        .iter()
        .map(|r| {
            let bytes = render_chart(r.id, view, format, options)?;
            Ok(Artifact::new(format!("people/{}", r.path), bytes))
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    Ok((refs, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a PNG to RGB pixels (a palette expanded), with its colour type.
    fn decode(bytes: &[u8]) -> (Vec<u8>, png::ColorType) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (buf, reader.info().color_type)
    }

    /// A w x h RGB image of `colours` distinct colours in horizontal runs.
    fn stripes(w: u32, h: u32, colours: u32) -> Vec<u8> {
        (0..w * h)
            .flat_map(|i| {
                let c = (i / 7) % colours * 977;
                [(c >> 16) as u8, (c >> 8) as u8, c as u8]
            })
            .collect()
    }

    #[test]
    fn charts_of_up_to_256_colours_get_a_palette_and_keep_every_pixel() {
        for colours in [1, 2, 200, 256] {
            let pixels = stripes(64, 48, colours);
            let bytes = encode_png(&pixels, (64, 48), false).unwrap();
            let (decoded, kind) = decode(&bytes);
            assert_eq!(kind, png::ColorType::Indexed, "{colours} colours");
            assert_eq!(decoded, pixels, "{colours} colours");
        }
    }

    #[test]
    fn charts_of_more_colours_stay_rgb_and_keep_every_pixel() {
        let pixels = stripes(64, 48, 257);
        let bytes = encode_png(&pixels, (64, 48), false).unwrap();
        let (decoded, kind) = decode(&bytes);
        assert_eq!(kind, png::ColorType::Rgb);
        assert_eq!(decoded, pixels);
        // A see-through chart keeps its alpha channel whatever its colours.
        let rgba: Vec<u8> = pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 128])
            .collect();
        let (_, kind) = decode(&encode_png(&rgba, (64, 48), true).unwrap());
        assert_eq!(kind, png::ColorType::Rgba);
    }

    #[test]
    fn the_palette_lists_colours_in_order_of_first_appearance() {
        let pixels = [9, 9, 9, 1, 2, 3, 9, 9, 9, 4, 5, 6];
        let (indices, palette) = palette_of(&pixels).unwrap();
        assert_eq!(indices, [0, 1, 0, 2]);
        assert_eq!(palette, [9, 9, 9, 1, 2, 3, 4, 5, 6]);
    }

    /// The palette read pixel by pixel, without skipping runs: the reference for `palette_of`.
    fn palette_pixel_by_pixel(pixels: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut palette: Vec<[u8; 3]> = Vec::new();
        let mut indices = Vec::new();
        for p in pixels.chunks_exact(3) {
            let p = [p[0], p[1], p[2]];
            let i = palette.iter().position(|c| *c == p).unwrap_or_else(|| {
                palette.push(p);
                palette.len() - 1
            });
            indices.push(u8::try_from(i).ok()?);
        }
        Some((indices, palette.concat()))
    }

    proptest::proptest! {
        #[test]
        fn skipping_runs_finds_the_same_palette_and_indices(
            runs in proptest::collection::vec((0u8..4, 0u8..3, 1usize..40), 0..60),
            wide in proptest::bool::ANY,
        ) {
            // Runs of a few colours (or, with `wide`, of many) that differ in one channel or another.
            let pixels: Vec<u8> = runs
                .iter()
                .enumerate()
                .flat_map(|(k, &(v, channel, len))| {
                    let mut p = [v, v, v];
                    p[usize::from(channel)] = if wide { (k * 5) as u8 } else { v ^ 1 };
                    std::iter::repeat_n(p, len).flatten()
                })
                .collect();
            proptest::prop_assert_eq!(palette_of(&pixels), palette_pixel_by_pixel(&pixels));
        }
    }
}
