//! Fuzzes the date parser (see `ssi_pulse::ingest::fuzz_checks::date_parser`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ssi_pulse::ingest::fuzz_checks::date_parser(data));
