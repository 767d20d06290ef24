//! Writes the binary workbook fixtures under tests/fixtures/workbooks/ (run by tests/fixtures/generate.sh,
//! which then converts the xlsx to the other workbook formats).

// The fixture builders are shared with the integration tests; this program uses only the workbook ones.
#[allow(dead_code)]
#[path = "../tests/integration/fixtures.rs"]
mod fixtures;

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("dana_tracker.xlsx"), fixtures::dana_tracker())?;
    println!("wrote {}", dir.join("dana_tracker.xlsx").display());
    Ok(())
}
