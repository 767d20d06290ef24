//! Fuzzes the number and rank parser (see `ssi_pulse::ingest::fuzz_checks::number_parser`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ssi_pulse::ingest::fuzz_checks::number_parser(data));
