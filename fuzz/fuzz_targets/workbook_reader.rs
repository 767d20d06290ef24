//! Fuzzes the file entry point: any bytes are recognised by content and read as a workbook (xlsx, xlsb,
//! xls, ods), a LinkedIn export archive or text, under the default resource limits; every sheet read must
//! account for each of its rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssi_pulse::ingest::{read_bytes, IngestOptions};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions::default();
    let Ok(tables) = read_bytes(Path::new("fuzz.xlsx"), data.to_vec(), &options, 0) else {
        return;
    };
    for (source, _rows) in tables {
        let f = &source.findings;
        assert_eq!(
            f.rows_read,
            f.rows_used + f.rejections.len() + f.rows_skipped()
        );
    }
});
