//! Fuzzes the delimited-text reader: any bytes are decoded, split into a grid and read as a table, and
//! every row below the header must be used, rejected or skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssi_pulse::ingest::{headers::HeaderMap, limits::Limits, table, text};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let Ok((sheet, info)) = text::read_text(path, data, &Limits::default()) else {
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
        },
    );
    assert_eq!(
        findings.rows_read,
        findings.rows_used + findings.rejections.len() + findings.rows_skipped()
    );
});
