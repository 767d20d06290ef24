//! The `ssi-pulse` binary: parses the command line, runs the library, prints errors and maps them to exit
//! codes (0 ok, 1 input or data problem, 2 usage, 3 output or internal).

use clap::Parser;
use std::process::ExitCode;

/// mimalloc returns freed memory to the system as a run moves from stage to stage, where the system
/// allocator kept a large team's read buffers resident until the end (see README, Performance). Built
/// without transparent huge pages, which cost a small report 40 MB of memory it never used.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match ssi_pulse::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match ssi_pulse::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", ssi_pulse::ingest::error_chain(&e));
            ExitCode::from(e.exit_code())
        }
    }
}
