//! Reads a report.md with a markdown parser (pulldown-cmark): every table is well formed (each row has the
//! header's number of cells) and every link and image points to a file that exists.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// What a page holds.
pub struct Parsed {
    /// Image targets.
    pub images: Vec<String>,
    /// Link targets.
    pub links: Vec<String>,
    /// Tables.
    pub tables: usize,
}

/// Parses `md` and checks its tables and targets (relative to `dir`); panics on a problem.
pub fn check(md: &str, dir: &Path) -> Parsed {
    let mut out = Parsed {
        images: Vec::new(),
        links: Vec::new(),
        tables: 0,
    };
    let mut header_cells = 0;
    let mut cells = 0;
    let mut in_head = false;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => out.tables += 1,
            Event::Start(Tag::TableHead) => {
                in_head = true;
                header_cells = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => cells = 0,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(
                    cells, header_cells,
                    "a table row has {cells} cells, the header {header_cells}"
                );
            }
            Event::Start(Tag::TableCell) => {
                if in_head {
                    header_cells += 1;
                } else {
                    cells += 1;
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => out.images.push(dest_url.to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => out.links.push(dest_url.to_string()),
            _ => {}
        }
    }
    for target in out.images.iter().chain(&out.links) {
        assert!(
            dir.join(target).is_file(),
            "broken link {target} in {}",
            dir.display()
        );
    }
    out
}
