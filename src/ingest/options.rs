//! The options a run reads its inputs with (the person for tables without a person column, the date
//! order, the user's header mappings, the `--as-of` cut-off, the resource limits), and the context each
//! sheet is read in, built from them.

use super::headers::HeaderMap;
use super::limits::Limits;
use super::table::SheetContext;
use super::values::DateOrder;

/// Options that change how tables are read.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The person for tables with no person column (else the file name is used).
    pub person: Option<String>,
    /// Day/month order for date columns whose values do not settle it (month first when `None`).
    pub date_order: Option<DateOrder>,
    /// The encoding of text files that are neither UTF-8 nor UTF-16 (guessed when `None`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The user's header mappings.
    pub headers: HeaderMap,
    /// Rows dated after this day are rejected (no check when `None`).
    pub as_of: Option<chrono::NaiveDate>,
    /// Resource limits on each input.
    pub limits: Limits,
    /// A folder that folder scans pass over: the run's output folder (`--out`).
    pub skip: Option<std::path::PathBuf>,
}

impl IngestOptions {
    /// The context a sheet is read in: these options, the person for rows without a person column, and
    /// the sheet's index in the run's list of sources. A workbook sheet's rows are numbered from its grid
    /// and its decimal separator is read from its numbers.
    pub fn sheet_context<'a>(&'a self, default_person: &'a str, source: usize) -> SheetContext<'a> {
        SheetContext {
            default_person,
            source,
            row_numbers: None,
            date_order: self.date_order,
            headers: &self.headers,
            as_of: self.as_of,
            decimal_comma_hint: None,
            file_date: None,
            title_names: self.person.is_none(),
        }
    }
}
