//! Fuzzes the file entry point (see `ssi_pulse::ingest::fuzz_checks::workbook_reader`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ssi_pulse::ingest::fuzz_checks::workbook_reader(data));
