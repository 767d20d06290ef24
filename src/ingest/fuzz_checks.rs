//! The checks the fuzz targets in `fuzz/` run on each input, kept in the library so that inputs which once
//! failed can be replayed by the ordinary test suite (`fuzz/regressions/`). Each takes any bytes and
//! panics only when an invariant breaks: a row not accounted for, a date out of range, a number that is
//! not finite.

use super::file::read_bytes;
use super::grid::Cell;
use super::headers::HeaderMap;
use super::limits::Limits;
use super::options::IngestOptions;
use super::values::{parse_date_cell, parse_number_cell_with, parse_number_text_with, DateOrder};
use super::{table, text};
use chrono::Datelike;
use std::path::Path;

fn assert_accounted(f: &table::SheetFindings) {
    assert_eq!(
        f.rows_read,
        f.rows_used + f.rejections.len() + f.rows_skipped(),
        "rows read = used + rejected + skipped"
    );
}

/// The delimited-text reader: any bytes are decoded, split into a grid and read as a table.
pub fn csv_reader(data: &[u8]) {
    let Ok((sheet, info)) = text::read_text(Path::new("fuzz.csv"), data, &Limits::default(), None)
    else {
        return;
    };
    let headers = HeaderMap::default();
    let (findings, _rows) = table::read_sheet(
        &sheet,
        &table::SheetContext {
            default_person: "fuzz",
            source: 0,
            row_numbers: Some(&info.line_numbers),
            date_order: None,
            headers: &headers,
            as_of: None,
            decimal_comma_hint: (info.delimiter == b';').then_some(true),
            file_date: None,
            title_names: true,
        },
    );
    assert_accounted(&findings);
}

/// The file entry point: any bytes are recognised by content and read as a workbook (xlsx, xlsb, xls,
/// ods), a LinkedIn export archive or text, under the default limits. As in a run, a panic inside a
/// workbook reader (a dependency) is contained and the file reported unreadable; a panic in ssi-pulse's
/// own code is a failure.
pub fn workbook_reader(data: &[u8]) {
    let options = IngestOptions::default();
    let outcome =
        super::contain_panics(|| read_bytes(Path::new("fuzz.xlsx"), data.to_vec(), &options, 0));
    match outcome {
        Ok(Ok(tables)) => {
            for (source, _rows) in tables {
                assert_accounted(&source.findings);
            }
        }
        Ok(Err(_)) => {}
        Err(place) => {
            let (file, line) = (place.file, place.line);
            let own = file.starts_with("src/")
                || file.starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/src/"));
            assert!(!own, "panic in ssi-pulse's own code at {file}:{line}");
        }
    }
}

/// The date parser: text in either day/month order, and the first eight bytes as an Excel serial in
/// both date systems.
pub fn date_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for order in [DateOrder::MonthFirst, DateOrder::DayFirst] {
        if let Ok(Some(date)) = parse_date_cell(&Cell::Text(text.as_ref().into()), order, false) {
            assert!((1900..=2200).contains(&date.year()), "{text:?} -> {date}");
        }
    }
    if let Some(bytes) = data.get(..8) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(bytes);
        let serial = f64::from_le_bytes(raw);
        for date_1904 in [false, true] {
            let _ = parse_date_cell(&Cell::Number(serial), DateOrder::MonthFirst, date_1904);
        }
    }
}

/// The number and rank parser, with each decimal-separator setting.
pub fn number_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for decimal_comma in [None, Some(true), Some(false)] {
        if let Some(n) = parse_number_text_with(&text, decimal_comma) {
            assert!(n.value.is_finite(), "{text:?} -> {}", n.value);
        }
        if let Ok(Some(n)) =
            parse_number_cell_with(&Cell::Text(text.as_ref().into()), decimal_comma)
        {
            assert!(n.value.is_finite(), "{text:?} -> {}", n.value);
        }
    }
}
