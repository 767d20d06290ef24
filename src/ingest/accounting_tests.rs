//! Property test of the row accounting under faults: tables full of broken values (impossible dates,
//! `NaN`, `1e309`, out-of-range scores, summary rows, blank runs, ragged rows, duplicates that agree and
//! that conflict, NUL bytes), saved as CSV or xlsx, read through the whole ingestion (duplicates settled,
//! data-quality lists built): every row below the header is used, rejected or skipped, and the lists
//! written to `data/rejected.csv` cover exactly the rows not used.

use super::{quality, read_inputs, IngestOptions};
use proptest::prelude::*;

/// One generated row: cells as text, in header order.
type Cells = Vec<String>;

/// The header of a one-sheet tracker, comma-separated: person, date, the score and its components, and
/// one metric.
pub(super) const HEADER: &str = "Name,Date,SSI,Brand,People,Insights,Relationships,Posts";

fn cell(kind: u8, col: usize, seed: u32) -> String {
    let good_date = format!("2025-{:02}-{:02}", 1 + seed % 12, 1 + seed % 28);
    match (col, kind) {
        (0, 0..=5) => ["Ann", "Bo", "Zoë"][seed as usize % 3].to_string(),
        (0, 6) => "Average".into(),
        (0, _) => String::new(),
        (1, 0..=4) => good_date,
        (1, 5) => "2026-02-30".into(),
        (1, 6) => "not a date".into(),
        (1, _) => String::new(),
        (2, 0..=4) => format!("{}", 40 + seed % 40),
        (_, 5) => ["NaN", "inf", "1e309", "-3", "140", "x"][seed as usize % 6].into(),
        (_, 6) => String::new(),
        (7, 7) => format!("{}\u{0}", seed % 9),
        (7, _) => format!("{}", seed % 9),
        _ => format!("{}", 5 + seed % 20),
    }
}

fn table() -> impl Strategy<Value = Vec<Cells>> {
    let row = (
        prop::collection::vec((0u8..8, 0u32..1000), HEADER.split(',').count()),
        0usize..4,
        any::<bool>(),
    )
        .prop_map(|(cells, shape, blank)| {
            if blank {
                return Vec::new();
            }
            let mut out: Cells = cells
                .iter()
                .enumerate()
                .map(|(c, (kind, seed))| cell(*kind, c, *seed))
                .collect();
            match shape {
                0 => out.truncate(3),          // ragged: too few fields
                1 => out.push("extra".into()), // too many
                _ => {}
            }
            out
        });
    prop::collection::vec(row, 1..40).prop_map(|mut rows| {
        // Repeat some rows exactly and some with one value changed: duplicates that agree and conflict.
        let n = rows.len();
        for i in (0..n).step_by(7) {
            let mut copy = rows[i].clone();
            if i % 2 == 1 && copy.len() > 2 {
                copy[2] = "77".into();
            }
            rows.push(copy);
        }
        rows
    })
}

fn csv_bytes(rows: &[Cells], delimiter: char) -> Vec<u8> {
    let mut text = HEADER.replace(',', &delimiter.to_string());
    text.push('\n');
    for row in rows {
        text.push_str(&row.join(&delimiter.to_string()));
        text.push('\n');
    }
    text.into_bytes()
}

fn xlsx_bytes(rows: &[Cells]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        sheet.write(0, c as u16, h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let value = value.replace('\u{0}', "");
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) if n.is_finite() => sheet.write(r as u32 + 1, c as u16, n),
                _ => sheet.write(r as u32 + 1, c as u16, value.as_str()),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_row_is_used_rejected_or_skipped_whatever_is_wrong_with_it(
        rows in table(),
        format in 0u8..3,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (name, bytes) = match format {
            0 => ("t.csv", csv_bytes(&rows, ',')),
            1 => ("t.csv", csv_bytes(&rows, ';')),
            _ => ("t.xlsx", xlsx_bytes(&rows)),
        };
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let ingested = read_inputs(std::slice::from_ref(&path), &IngestOptions::default())
            .expect("read");
        prop_assert!(ingested.failures.is_empty(), "{:?}", ingested.failures);
        // Rows below the header up to the last non-blank one, counted from the generated table.
        let last = rows.iter().rposition(|r| r.iter().any(|c| !c.trim_matches(['\u{0}', ' ']).is_empty()));
        let expected_read = last.map_or(0, |i| i + 1);
        let q = quality(&ingested);
        let mut read = 0;
        for s in &ingested.sources {
            let f = &s.findings;
            prop_assert_eq!(f.rows_read, f.rows_used + f.rejections.len() + f.rows_skipped());
            read += f.rows_read;
        }
        if !q.inputs.is_empty() {
            prop_assert_eq!(read, expected_read);
        }
        let not_used: usize = q.inputs.iter().map(|t| t.rows_rejected + t.rows_skipped).sum();
        let listed = q.rejected.len() + q.skipped.iter().map(|k| k.rows as usize).sum::<usize>();
        prop_assert_eq!(not_used, listed);
    }
}
