//! Writes the fixture files under tests/fixtures/ from the builders in tests/integration/fixtures.rs (run
//! by tests/fixtures/generate.sh, which then converts the tracker workbook to xls and ods).

// The fixture builders are shared with the integration tests; this program uses only some of them.
#[allow(dead_code)]
#[path = "../tests/integration/fixtures.rs"]
mod fixtures;

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (rel, bytes) in fixtures::files() {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, bytes)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
