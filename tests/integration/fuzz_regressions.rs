//! Replays the inputs kept in `fuzz/regressions/<target>/` (inputs that once made a fuzz target fail,
//! and seeds worth keeping) through the same checks the fuzz targets run.

use ssi_pulse::ingest::fuzz_checks;
use std::path::Path;

/// A fuzz target's check.
type Check = fn(&[u8]);

#[test]
fn fuzz_regressions_pass_their_targets_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let targets: [(&str, Check); 4] = [
        ("csv_reader", fuzz_checks::csv_reader),
        ("workbook_reader", fuzz_checks::workbook_reader),
        ("date_parser", fuzz_checks::date_parser),
        ("number_parser", fuzz_checks::number_parser),
    ];
    let mut replayed = 0;
    for (target, check) in targets {
        let dir = root.join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs under {}",
        root.display()
    );
}
