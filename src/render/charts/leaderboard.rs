//! Team charts: `leaderboard` (everyone's SSI, highest first, with this month's change) and `movers` (the
//! largest rises and falls of the month).

use super::bars::{self, Bar};
use super::{Canvas, DrawResult};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Past this many people the leaderboard shows the top and the bottom only (the report lists everyone).
const MAX_ROWS: usize = 50;
/// Of `MAX_ROWS`, how many from the top.
const TOP_ROWS: usize = 40;

fn arrow(change: Option<f64>) -> String {
    match change {
        Some(v) if crate::analysis::words::short(v) == "0" => "±0".into(),
        Some(v) if v > 0.0 => format!("▲ +{}", crate::analysis::words::short(v)),
        Some(v) if v < 0.0 => format!("▼ {}", crate::analysis::words::short(v)),
        Some(_) => "±0".into(),
        None => String::new(),
    }
}

/// Draws the leaderboard.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let pal = &c.pal;
    let shown = a.people.len() > MAX_ROWS;
    let title = if shown {
        format!(
            "SSI at the end of {}: top {TOP_ROWS} and bottom {} of {}",
            a.month.long_name(),
            MAX_ROWS - TOP_ROWS,
            a.people.len()
        )
    } else {
        format!(
            "SSI at the end of {}: team of {}, highest first",
            a.month.long_name(),
            a.people.len()
        )
    };
    let Some(board) = &a.board else {
        return super::draw_note(root, c, &title, "A leaderboard needs a team.");
    };
    c.clear(root)?;
    let plot = super::legend::frame(root, &title, &[], &c.scale, pal)?;
    let n = board.leaderboard.len();
    let rows: Vec<Bar> = board
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
                note: format!("{} {}", crate::analysis::words::short(ssi), arrow(s.change)),
                note_colour: colour,
                colour: pal.ssi_line,
            })
        })
        .collect();
    bars::draw(
        &plot,
        c,
        &rows,
        (0.0, 100.0),
        "SSI (out of 100); arrows show the change since last month's end",
    )?;
    root.present()?;
    Ok(())
}

/// Draws the movers.
pub fn draw_movers<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Canvas) -> DrawResult {
    let a = c.analysis;
    let pal = &c.pal;
    let title = format!(
        "Largest SSI moves since the end of {}",
        a.month.previous().long_name()
    );
    let Some(board) = &a.board else {
        return super::draw_note(root, c, &title, "Movers need a team.");
    };
    if board.rises.is_empty() && board.falls.is_empty() {
        return super::draw_note(root, c, &title, "Nobody's SSI changed this month.");
    }
    c.clear(root)?;
    let plot = super::legend::frame(root, &title, &[], &c.scale, pal)?;
    let rows: Vec<Bar> = board
        .rises
        .iter()
        .chain(board.falls.iter())
        .filter_map(|s| {
            let v = s.change?;
            let colour = if v > 0.0 { pal.up } else { pal.down };
            Some(Bar {
                name: s.name.clone(),
                value: v,
                note: arrow(Some(v)),
                note_colour: colour,
                colour,
            })
        })
        .collect();
    let largest = rows.iter().fold(1.0f64, |m, b| m.max(b.value.abs()));
    let limit = (largest * 1.25).ceil();
    bars::draw(
        &plot,
        c,
        &rows,
        (-limit, limit),
        "SSI points since last month's end",
    )?;
    root.present()?;
    Ok(())
}
