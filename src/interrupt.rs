//! Ctrl-C: the first interrupt asks the run to stop at the next safe point (before a file is written or
//! a folder swapped in), so the staging folder is removed and the previous month stays as it was; a second
//! interrupt ends the process at once (the next run removes what it left).

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The exit code of an interrupted run (128 + SIGINT, as shells report it).
pub const EXIT_CODE: u8 = 130;

/// Installs the Ctrl-C handler (once; later calls do nothing). Without a handler (a library user that
/// installed its own), `requested` is simply never true.
pub fn install() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if REQUESTED.swap(true, Ordering::SeqCst) {
                std::process::exit(i32::from(EXIT_CODE));
            }
        });
    });
}

/// Whether an interrupt asked the run to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
