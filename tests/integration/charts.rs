//! The charts as files: every SVG parses as XML and carries its title and its data marks; every PNG decodes
//! to the requested size with real content; --theme, --size and --transparent change what they should.

use crate::workdir::Workdir;
use std::collections::BTreeSet;

/// (file stem, words its title must contain, the SVG element its data are drawn with).
const TEAM_CHARTS: [(&str, &str, &str); 10] = [
    ("ssi_trend", "SSI over time: team of 14", "polyline"),
    ("components", "SSI components over time", "polyline"),
    ("component_change", "Median change per component", "rect"),
    ("ranks", "Rank over time", "polyline"),
    ("activity", "Weekly activity against targets", "rect"),
    (
        "linkage_heatmap",
        "Which activity went with which component",
        "rect",
    ),
    ("drivers", "Expected drivers", "circle"),
    ("leaderboard", "team of 14, highest first", "rect"),
    ("movers", "Largest SSI moves", "rect"),
    ("distribution", "Spread of each component", "rect"),
];

/// A decoded 8-bit RGB or RGBA PNG (a palette expanded to RGB).
struct Png {
    width: u32,
    height: u32,
    channels: usize,
    data: Vec<u8>,
}

impl Png {
    fn decode(bytes: &[u8]) -> Png {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut data = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut data).expect("PNG data");
        let (color_type, bit_depth) = reader.output_color_type();
        assert_eq!(bit_depth, png::BitDepth::Eight);
        let channels = match color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        data.truncate(info.buffer_size());
        Png {
            width: info.width,
            height: info.height,
            channels,
            data,
        }
    }

    fn pixels(&self) -> impl Iterator<Item = &[u8]> {
        self.data.chunks_exact(self.channels)
    }

    fn pixel(&self, x: u32, y: u32) -> &[u8] {
        let at = (y as usize * self.width as usize + x as usize) * self.channels;
        &self.data[at..at + self.channels]
    }
}

fn texts(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn every_team_chart_is_valid_svg_and_a_non_blank_png() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command().args(["report"]).assert().success();
    for (name, title, mark) in TEAM_CHARTS {
        let svg = wd.read(&format!("output/2026-10/charts/{name}.svg"));
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}.svg: {e}"));
        assert!(doc.root_element().has_tag_name("svg"), "{name}");
        assert!(
            !svg.contains("width=\"-") && !svg.contains("height=\"-"),
            "{name}.svg has a negative size, which browsers report as an error"
        );
        let all = texts(&doc);
        assert!(
            all.contains(title),
            "{name}.svg lacks its title '{title}': {all}"
        );
        let marks = doc.descendants().filter(|n| n.has_tag_name(mark)).count();
        assert!(marks >= 3, "{name}.svg has {marks} <{mark}>");

        let png = std::fs::read(wd.join(&format!("output/2026-10/charts/{name}.png"))).unwrap();
        let img = Png::decode(&png);
        assert_eq!((img.width, img.height), (1600, 900), "{name}.png");
        let colours: BTreeSet<&[u8]> = img.pixels().step_by(7).collect();
        assert!(
            colours.len() > 20,
            "{name}.png has {} colours",
            colours.len()
        );
    }
    // The heatmap names the metrics and the expected links' strongest r.
    let heat = wd.read("output/2026-10/charts/linkage_heatmap.svg");
    let doc = roxmltree::Document::parse(&heat).unwrap();
    let all = texts(&doc);
    for label in ["Posts", "Comments", "Connection requests sent", "+0.27*"] {
        assert!(all.contains(label), "heatmap lacks {label}");
    }
    // The leaderboard names all 14 people, non-Latin letters included.
    let board = wd.read("output/2026-10/charts/leaderboard.svg");
    for name in ["Łukasz Wiśniewski", "María José García", "Zoë Adams"] {
        assert!(board.contains(name), "leaderboard lacks {name}");
    }
}

#[test]
fn theme_size_and_transparency_apply_to_every_chart() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command()
        .args([
            "report",
            "--out",
            "dark",
            "--theme",
            "dark",
            "--size",
            "1280x720",
            "--formats",
            "png",
        ])
        .assert()
        .success();
    let png = std::fs::read(wd.join("dark/2026-10/charts/ranks.png")).unwrap();
    let img = Png::decode(&png);
    assert_eq!((img.width, img.height), (1280, 720));
    assert_eq!(img.pixel(2, 2), [24, 26, 31], "dark background");
    assert!(!wd.join("dark/2026-10/charts/ranks.svg").exists());

    wd.command()
        .args(["report", "--out", "clear", "--transparent"])
        .assert()
        .success();
    let png = std::fs::read(wd.join("clear/2026-10/charts/ssi_trend.png")).unwrap();
    let img = Png::decode(&png);
    assert_eq!(img.channels, 4, "transparent charts have an alpha channel");
    assert_eq!(img.pixel(2, 2)[3], 0, "corner is see-through");
    assert!(img.pixels().any(|p| p[3] == 255), "lines stay opaque");
    let svg = wd.read("clear/2026-10/charts/ssi_trend.svg");
    assert!(
        !svg.contains("fill=\"#FFFFFF\" stroke=\"none\"/>\n<text"),
        "no white page behind the title"
    );

    wd.command()
        .args(["report", "--out", "bad", "--size", "10x10"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--size"));
}

/// The team's components chart and the report agree: the legend gives the month-end medians of the
/// components table and the chart draws medians (not means, which stacked to about 59 beside a median SSI
/// of 66 on the sample).
#[test]
fn the_components_chart_shows_the_medians_of_the_components_table() {
    let wd = Workdir::new();
    wd.copy_sample_data();
    wd.command().args(["report"]).assert().success();
    let md = wd.read("output/2026-10/report.md");
    let svg = wd.read("output/2026-10/charts/components.svg");
    assert!(svg.contains("weekly median of each"));
    let s = wd.json("output/2026-10/summary.json");
    for (key, short, label) in [
        ("brand", "Brand", "Establish your professional brand"),
        ("people", "People", "Find the right people"),
        ("insights", "Insights", "Engage with insights"),
        ("relationships", "Relationships", "Build relationships"),
    ] {
        let median = s["team"]["median"][key].as_f64().unwrap();
        let text = format!("{median:.2}");
        assert!(
            md.contains(&format!("| {label} | {text} |")),
            "{label} {text}"
        );
        assert!(
            svg.contains(&format!("{short} {text}")),
            "legend {short} {text}"
        );
    }
}
