//! Fuzzes the delimited-text reader (see `ssi_pulse::ingest::fuzz_checks::csv_reader`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ssi_pulse::ingest::fuzz_checks::csv_reader(data));
