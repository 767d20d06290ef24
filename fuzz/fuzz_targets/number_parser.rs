//! Fuzzes the number and rank parser ("12,5", "1.234,5", "Top 2%", "52 de 100"): any text, with each
//! decimal-separator setting, gives a finite number or no number, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssi_pulse::ingest::grid::Cell;
use ssi_pulse::ingest::values::{parse_number_cell_with, parse_number_text_with};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for decimal_comma in [None, Some(true), Some(false)] {
        if let Some(n) = parse_number_text_with(&text, decimal_comma) {
            assert!(n.value.is_finite(), "{text:?} -> {}", n.value);
        }
        if let Ok(Some(n)) = parse_number_cell_with(&Cell::Text(text.to_string()), decimal_comma) {
            assert!(n.value.is_finite(), "{text:?} -> {}", n.value);
        }
    }
});
