//! The floor for workbook ingestion in the benchmark: opens a workbook with calamine, loads every sheet
//! and walks every cell, doing nothing else. `bench/run.sh` times it next to `ssi-pulse report` on the
//! same file. Usage: `calamine_floor WORKBOOK` (prints the sheets, cells and seconds).

use calamine::{open_workbook_auto, Data, Reader};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: calamine_floor WORKBOOK")?;
    let start = Instant::now();
    let mut workbook = open_workbook_auto(&path)?;
    let (mut cells, mut numbers, mut text_bytes) = (0usize, 0.0f64, 0usize);
    let names = workbook.sheet_names();
    for name in &names {
        let range = workbook.worksheet_range(name)?;
        for cell in range.used_cells() {
            cells += 1;
            match cell.2 {
                Data::Float(f) => numbers += f,
                Data::Int(i) => numbers += *i as f64,
                Data::DateTime(d) => numbers += d.as_f64(),
                Data::String(s) => text_bytes += s.len(),
                _ => {}
            }
        }
    }
    println!(
        "{} sheets, {cells} cells, {text_bytes} text bytes, checksum {numbers:.3}, {:.4} s",
        names.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
