//! Fuzzes the date parser: any text in either day/month order, and any number as an Excel serial in both
//! date systems, gives a date in the supported range or no date, never a panic.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use ssi_pulse::ingest::grid::Cell;
use ssi_pulse::ingest::values::{parse_date_cell, DateOrder};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for order in [DateOrder::MonthFirst, DateOrder::DayFirst] {
        if let Ok(Some(date)) = parse_date_cell(&Cell::Text(text.to_string()), order, false) {
            assert!((1900..=2200).contains(&date.year()), "{text:?} -> {date}");
        }
    }
    if data.len() >= 8 {
        let serial = f64::from_le_bytes(data[..8].try_into().unwrap());
        for date_1904 in [false, true] {
            let _ = parse_date_cell(&Cell::Number(serial), DateOrder::MonthFirst, date_1904);
        }
    }
});
