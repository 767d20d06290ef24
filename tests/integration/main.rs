//! End-to-end tests: drive the `ssi-pulse` binary in temporary folders and check exit codes, messages,
//! the artifact list and concrete numbers worked out by hand for small fixtures.

mod batch;
mod charts;
mod config;
mod dates;
mod fixture_files;
mod fixtures;
mod fuzz_regressions;
mod golden;
mod groups;
mod hostile;
mod inspect;
mod layouts;
mod linkage;
mod linkedin;
mod markdown_check;
mod peers;
mod real_world;
mod regressions;
mod reliability;
mod report;
mod sample;
mod workbook;
mod workdir;
