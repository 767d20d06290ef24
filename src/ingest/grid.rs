//! The in-memory cell grid every reader produces (workbook sheets and delimited text alike), and the cell
//! locations used in messages. Readers fill it; the table module interprets it. No parsing rules live here.

use chrono::NaiveDateTime;
use std::fmt;

/// One spreadsheet cell, reduced to what ingestion needs: 24 bytes, with text of up to 24 bytes (a name,
/// a date, a number written in a text file) held in the cell itself, since a large team's grid has
/// millions of cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell (or only white space).
    Empty,
    /// A numeric cell.
    Number(f64),
    /// A text cell (all cells of a delimited text file are text).
    Text(compact_str::CompactString),
    /// A cell the workbook marks as a date or date-time.
    DateTime(NaiveDateTime),
    /// A boolean cell.
    Bool(bool),
    /// A spreadsheet error value such as `#N/A`.
    Error(Box<str>),
}

impl Cell {
    /// True for an empty cell or a text cell holding only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as header or label text (numbers printed plainly, dates as ISO).
    pub fn as_label(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format_number(*n),
            Cell::Text(t) => t.trim().to_string(),
            Cell::DateTime(d) => d.date().to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.to_string(),
        }
    }
}

/// Prints a number without a trailing `.0` for integers.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A rectangular block of cells with its position in the sheet (0-based absolute offsets).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Rows of cells; rows may be shorter than the widest row.
    pub rows: Vec<Vec<Cell>>,
    /// Absolute 0-based row index of `rows[0]`.
    pub first_row: u32,
    /// Absolute 0-based column index of each row's first cell.
    pub first_col: u32,
}

impl Grid {
    /// The cell at a relative position, `Cell::Empty` when outside the grid.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A sheet of a workbook, or the single table of a text file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name; `None` for a text file.
    pub name: Option<String>,
    /// True when the workbook hides the sheet.
    pub hidden: bool,
    /// The cells.
    pub grid: Grid,
    /// True when the workbook counts serial dates from 1904 (older Mac Excel).
    pub date_1904: bool,
}

impl Sheet {
    /// A visible sheet whose rows start at A1, counting serial dates from 1900 (how a text file reads).
    pub fn at_a1(name: Option<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name,
            hidden: false,
            date_1904: false,
            grid: Grid {
                rows,
                first_row: 0,
                first_col: 0,
            },
        }
    }
}

/// Spreadsheet column letters for a 0-based index (0 -> A, 27 -> AB).
pub fn column_letters(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Where a value sits: sheet (if any), 1-based row, 0-based column index and the column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Sheet name, `None` for text files.
    pub sheet: Option<String>,
    /// 1-based row (line for text files, counting the header and any rows above it).
    pub row: u32,
    /// 0-based absolute column index.
    pub col: Option<u32>,
    /// The column's header text.
    pub header: Option<String>,
}

impl Location {
    /// A whole row (no column).
    pub fn whole_row(sheet: Option<String>, row: u32) -> Location {
        Location {
            sheet,
            row,
            col: None,
            header: None,
        }
    }
}

/// Shown as a spreadsheet address where there is one (`'Weekly Activity'!D14 ('Posts')`), else as
/// `row 14, column D ('Posts')` (text files) or `sheet 'Q3' row 14` (a whole row).
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, self.col) {
            (Some(sheet), Some(col)) => write!(
                f,
                "'{}'!{}{}",
                sheet.replace('\'', "''"),
                column_letters(col),
                self.row
            )?,
            (Some(sheet), None) => write!(f, "{} row {}", sheet_label(sheet), self.row)?,
            (None, Some(col)) => write!(f, "row {}, column {}", self.row, column_letters(col))?,
            (None, None) => write!(f, "row {}", self.row)?,
        }
        if let (Some(h), Some(_)) = (&self.header, self.col) {
            write!(f, " ('{h}')")?;
        }
        Ok(())
    }
}

/// A sheet as messages name it within its file: `sheet 'Q3'`.
pub fn sheet_label(sheet: &str) -> String {
    format!("sheet '{sheet}'")
}

/// A table, or one row of it, as messages name it with its file: `team.xlsx sheet 'Q3' row 14`,
/// `log.csv row 14`, `team.xlsx sheet 'Q3'`, or the file alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// The file, as shown in reports.
    pub path: &'a str,
    /// The sheet, for workbooks.
    pub sheet: Option<&'a str>,
    /// The 1-based row (line for text files), when one row is meant.
    pub row: Option<u32>,
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path)?;
        if let Some(sheet) = self.sheet {
            write!(f, " {}", sheet_label(sheet))?;
        }
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_holds_short_text_in_24_bytes() {
        assert_eq!(std::mem::size_of::<Cell>(), 24);
        let Cell::Text(text) = Cell::Text("Alexandra Smith-Jones 42".into()) else {
            unreachable!()
        };
        assert!(!text.is_heap_allocated());
    }

    #[test]
    fn column_letters_follow_spreadsheet_naming() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn location_names_sheet_row_and_column() {
        let loc = Location {
            sheet: Some("Q3".into()),
            row: 14,
            col: Some(3),
            header: Some("Brand".into()),
        };
        assert_eq!(loc.to_string(), "'Q3'!D14 ('Brand')");
        let text = Location {
            sheet: None,
            ..loc.clone()
        };
        assert_eq!(text.to_string(), "row 14, column D ('Brand')");
        let quoted = Location {
            sheet: Some("Dana's log".into()),
            col: None,
            ..loc
        };
        assert_eq!(quoted.to_string(), "sheet 'Dana's log' row 14");
    }

    #[test]
    fn place_names_file_sheet_and_row() {
        let sheet_row = Place {
            path: "team.xlsx",
            sheet: Some("Q3"),
            row: Some(14),
        };
        assert_eq!(sheet_row.to_string(), "team.xlsx sheet 'Q3' row 14");
        let line = Place {
            path: "log.csv",
            sheet: None,
            row: Some(7),
        };
        assert_eq!(line.to_string(), "log.csv row 7");
        let table = Place {
            row: None,
            ..sheet_row
        };
        assert_eq!(table.to_string(), "team.xlsx sheet 'Q3'");
    }
}
