//! The rows below the header: numbered as the file shows them (grid offsets for sheets, file lines for
//! text files), read up to the last non-blank one, and each classified as blank, a summary row ("Average",
//! "Total") or data. Both layouts read their rows through here.

use crate::ingest::grid::{Cell, Grid};

/// Words that make a row label a summary ("Average", "Grand total", "Team average").
const SUMMARY_WORDS: [&str; 14] = [
    "average",
    "avg",
    "total",
    "totals",
    "subtotal",
    "mean",
    "sum",
    "median",
    "overall",
    "média",
    "media",
    "soma",
    "mediana",
    "subtotais",
];

/// Words that may stand beside a summary word in its label ("Team average", "Grand total").
const SUMMARY_QUALIFIERS: [&str; 9] = [
    "team", "group", "grand", "all", "everyone", "overall", "geral", "equipe", "da",
];

/// How grid rows are numbered in messages: the 1-based file line of each row for text files, else the
/// row's place in the sheet.
#[derive(Debug, Clone, Copy)]
pub(super) struct RowNumbering<'a> {
    first_row: u32,
    lines: Option<&'a [u32]>,
}

impl<'a> RowNumbering<'a> {
    /// Numbering for a grid; `lines` gives each grid row's file line (text files).
    pub(super) fn new(grid: &Grid, lines: Option<&'a [u32]>) -> RowNumbering<'a> {
        RowNumbering {
            first_row: grid.first_row,
            lines,
        }
    }

    /// The number of the grid row at index `i`.
    pub(super) fn line(&self, i: usize) -> u32 {
        match self.lines {
            Some(lines) => lines.get(i).copied().unwrap_or(i as u32 + 1),
            None => self.first_row + i as u32 + 1,
        }
    }
}

/// What a row below the header is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RowClass<'a> {
    /// Nothing in it.
    Blank,
    /// A summary row, with its label.
    Summary(String),
    /// A row to read.
    Data(&'a [Cell]),
}

/// The rows below a header.
#[derive(Debug, Clone, Copy)]
pub(super) struct DataRows<'a> {
    /// Every grid row below the header, trailing blank rows included.
    cells: &'a [Vec<Cell>],
    /// The grid index of the first of them.
    first: usize,
    numbering: RowNumbering<'a>,
}

impl<'a> DataRows<'a> {
    /// The rows of `grid` below the header at `header_idx`.
    pub(super) fn below(
        grid: &'a Grid,
        header_idx: usize,
        numbering: RowNumbering<'a>,
    ) -> DataRows<'a> {
        DataRows {
            cells: &grid.rows[header_idx + 1..],
            first: header_idx + 1,
            numbering,
        }
    }

    /// Every row below the header, trailing blank rows included (for what a column's cells show).
    pub(super) fn cells(&self) -> &'a [Vec<Cell>] {
        self.cells
    }

    /// The rows that are read, up to the last non-blank one: each row's number and class.
    pub(super) fn classified(&self) -> impl Iterator<Item = (u32, RowClass<'a>)> + 'a {
        let last = self
            .cells
            .iter()
            .rposition(|r| !r.iter().all(Cell::is_blank))
            .map_or(0, |i| i + 1);
        let (first, numbering) = (self.first, self.numbering);
        self.cells[..last]
            .iter()
            .enumerate()
            .map(move |(offset, cells)| (numbering.line(first + offset), classify(cells)))
    }
}

/// Whether a row is blank, a summary row or data.
pub(super) fn classify(cells: &[Cell]) -> RowClass<'_> {
    if cells.iter().all(Cell::is_blank) {
        RowClass::Blank
    } else if is_summary_row(cells) {
        RowClass::Summary(first_text(cells))
    } else {
        RowClass::Data(cells)
    }
}

/// A row whose first text is a summary label: made only of summary words and qualifiers, with at least
/// one summary word ("Average", "Total:", "Team average"; not "Max Total").
fn is_summary_row(cells: &[Cell]) -> bool {
    let Some(Cell::Text(label)) = cells.iter().find(|c| !c.is_blank()) else {
        return false;
    };
    let label = label.to_lowercase();
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| SUMMARY_WORDS.contains(w) || SUMMARY_QUALIFIERS.contains(w))
        && words.iter().any(|w| SUMMARY_WORDS.contains(w))
}

/// The first non-blank cell's text.
fn first_text(cells: &[Cell]) -> String {
    cells
        .iter()
        .find(|c| !c.is_blank())
        .map(Cell::as_label)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn summary_labels_are_summary_words_with_qualifiers() {
        assert_eq!(
            classify(&[Cell::Empty, t("Team average:"), Cell::Number(57.0)]),
            RowClass::Summary("Team average:".into())
        );
        assert!(matches!(
            classify(&[t("Max Total"), Cell::Number(60.0)]),
            RowClass::Data(_)
        ));
        assert!(matches!(classify(&[Cell::Empty, t("  ")]), RowClass::Blank));
        // A number first is data, whatever follows.
        assert!(matches!(
            classify(&[Cell::Number(1.0), t("Total")]),
            RowClass::Data(_)
        ));
    }

    #[test]
    fn rows_are_numbered_by_sheet_offset_or_file_line_and_read_to_the_last_filled_one() {
        let grid = Grid {
            rows: vec![
                vec![t("Date")],
                vec![t("2025-10-06")],
                vec![],
                vec![t("Total")],
                vec![],
                vec![],
            ],
            first_row: 4,
            first_col: 0,
        };
        let sheet = DataRows::below(&grid, 0, RowNumbering::new(&grid, None));
        let lines: Vec<u32> = sheet.classified().map(|(line, _)| line).collect();
        // Rows 6 to 8 of the sheet (the grid starts on row 5); the two blank rows at the end are not read.
        assert_eq!(lines, [6, 7, 8]);
        assert_eq!(sheet.cells().len(), 5);
        let text_lines = [1, 2, 4, 5, 9, 10];
        let text = DataRows::below(&grid, 0, RowNumbering::new(&grid, Some(&text_lines)));
        let classes: Vec<(u32, RowClass<'_>)> = text.classified().collect();
        assert_eq!(classes[1], (4, RowClass::Blank));
        assert_eq!(classes[2], (5, RowClass::Summary("Total".into())));
    }
}
