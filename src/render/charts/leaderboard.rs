//! Team charts: `leaderboard` (everyone's SSI, highest first, with this month's change) and `movers` (the
//! largest rises and falls of the month).

use super::bars::{Bar, BarsSpec};
use super::theme::Palette;
use super::{Figure, Heading};
use crate::analysis::Analysis;

/// Past this many people the leaderboard shows the top and the bottom only (the report lists everyone).
pub const MAX_ROWS: usize = 50;
/// Of `MAX_ROWS`, how many from the top.
pub const TOP_ROWS: usize = 40;

/// A change by the SSI rounding rule: "▲ +2", "▼ -0.5", "±0".
fn arrow(change: Option<f64>, decimals: usize) -> String {
    let text = |v: f64| crate::analysis::words::ssi(v, decimals);
    match change {
        Some(v) if text(v.abs()).chars().all(|c| c == '0' || c == '.') => "±0".into(),
        Some(v) if v > 0.0 => format!("▲ +{}", text(v)),
        Some(v) if v < 0.0 => format!("▼ {}", text(v)),
        Some(_) => "±0".into(),
        None => String::new(),
    }
}

/// The leaderboard: everyone with an SSI, highest first (the top and the bottom of a large team), each
/// with this month's change; a note for one person.
pub fn spec(a: &Analysis, pal: &Palette) -> Figure<BarsSpec> {
    let shown = a.people.len() > MAX_ROWS;
    let title = if shown {
        format!(
            "SSI {}: top {TOP_ROWS} and bottom {} of {}",
            a.window.at_end(),
            MAX_ROWS - TOP_ROWS,
            a.people.len()
        )
    } else {
        format!(
            "SSI {}: {}, highest first",
            a.window.at_end(),
            crate::render::text::team_of(a)
        )
    };
    let Some(board) = &a.board else {
        return Figure::Note {
            title,
            note: "A leaderboard needs a team.",
        };
    };
    let n = board.leaderboard.len();
    let bars = board
        .leaderboard
        .iter()
        .enumerate()
        .filter(|(i, _)| n <= MAX_ROWS || *i < TOP_ROWS || *i >= n - (MAX_ROWS - TOP_ROWS))
        .filter_map(|(_, s)| {
            let ssi = s.ssi?;
            let colour = match s.change {
                Some(v) if v > 0.0 => pal.up,
                Some(v) if v < 0.0 => pal.down,
                _ => pal.muted,
            };
            Some(Bar {
                name: format!("{}. {}", s.rank.unwrap_or(0), s.name),
                value: ssi,
                note: format!(
                    "{} {}",
                    crate::analysis::words::ssi(ssi, a.ssi_decimals),
                    arrow(s.change, a.ssi_decimals)
                ),
                note_colour: colour,
                colour: pal.ssi_line,
            })
        })
        .collect();
    Figure::Plot(BarsSpec {
        heading: Heading::titled(title),
        bars,
        range: (0.0, 100.0),
        caption: "SSI (out of 100); arrows show the change since last month's end",
    })
}

/// The movers: the largest rises, then the largest falls, on a range symmetric about zero.
pub fn movers_spec(a: &Analysis, pal: &Palette) -> Figure<BarsSpec> {
    let title = format!(
        "Largest SSI moves since the end of {}",
        a.month.previous().long_name()
    );
    let Some(board) = &a.board else {
        return Figure::Note {
            title,
            note: "Movers need a team.",
        };
    };
    if board.rises.is_empty() && board.falls.is_empty() {
        return Figure::Note {
            title,
            note: "Nobody's SSI changed this month.",
        };
    }
    let bars: Vec<Bar> = board
        .rises
        .iter()
        .chain(board.falls.iter())
        .filter_map(|s| {
            let v = s.change?;
            let colour = if v > 0.0 { pal.up } else { pal.down };
            Some(Bar {
                name: s.name.clone(),
                value: v,
                note: arrow(Some(v), a.ssi_decimals),
                note_colour: colour,
                colour,
            })
        })
        .collect();
    let largest = bars.iter().fold(1.0f64, |m, b| m.max(b.value.abs()));
    let limit = (largest * 1.25).ceil();
    Figure::Plot(BarsSpec {
        heading: Heading::titled(title),
        bars,
        range: (-limit, limit),
        caption: "SSI points since last month's end",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{analysed, even, light, one_person, team};

    #[test]
    fn the_leaderboard_ranks_everyone_highest_first() {
        let pal = light();
        let s = spec(&team(3), &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "SSI at the end of October 2025: team of 3, highest first"
        );
        let names: Vec<&str> = s.bars.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["1. Cy", "2. Ben", "3. Ava"]);
        assert_eq!(s.bars[0].value, 63.0);
        // No snapshot in September: no change, no arrow.
        assert_eq!(s.bars[0].note, "63 ");
        assert_eq!(s.bars[0].note_colour, pal.muted);
        assert_eq!(s.range, (0.0, 100.0));
    }

    #[test]
    fn movers_rise_then_fall_on_a_range_symmetric_about_zero() {
        let pal = light();
        let a = analysed(vec![
            even("Ava", "2025-09-29", 40.0),
            even("Ava", "2025-10-27", 43.0),
            even("Ben", "2025-09-29", 55.0),
            even("Ben", "2025-10-27", 50.0),
        ]);
        let s = movers_spec(&a, &pal).plot().expect("a chart");
        assert_eq!(
            s.heading.title,
            "Largest SSI moves since the end of September 2025"
        );
        let rows: Vec<(&str, f64, &str)> = s
            .bars
            .iter()
            .map(|b| (b.name.as_str(), b.value, b.note.as_str()))
            .collect();
        assert_eq!(rows, [("Ava", 3.0, "▲ +3"), ("Ben", -5.0, "▼ -5")]);
        assert_eq!(s.bars[1].colour, pal.down);
        // The largest move 5, with a quarter more room, rounded up: 7.
        assert_eq!(s.range, (-7.0, 7.0));
    }

    #[test]
    fn notes_for_one_person_and_for_a_month_without_moves() {
        assert!(matches!(
            spec(&one_person(), &light()),
            Figure::Note {
                note: "A leaderboard needs a team.",
                ..
            }
        ));
        assert!(matches!(
            movers_spec(&team(3), &light()),
            Figure::Note {
                note: "Nobody's SSI changed this month.",
                ..
            }
        ));
    }
}
