//! The resource limits a run reads untrusted input under: file size, unpacked size of ZIP-based workbooks
//! and archives, rows and cells per table, each with the flag that raises it. Only the vocabulary lives
//! here; `preflight` checks a file against the limits before a reader opens it, and the readers count
//! against them as they go. It depends on nothing else in ingestion.

/// One MiB, the unit of the size flags.
pub const MIB: u64 = 1 << 20;

/// The limits one run reads its inputs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes (`--max-file-mb`).
    pub max_file_bytes: u64,
    /// Largest unpacked content of one ZIP-based file (xlsx, xlsm, xlsb, ods, LinkedIn archive), in bytes
    /// (`--max-unpacked-mb`).
    pub max_unpacked_bytes: u64,
    /// Most rows in one sheet or text file (`--max-rows`).
    pub max_rows: u64,
    /// Most cells in one sheet or text file (`--max-cells`).
    pub max_cells: u64,
}

impl Default for Limits {
    /// Far above any real tracker (a 2,000-person, three-year team workbook is 31 MB packed, 231 MB
    /// unpacked, 312,000 rows and 6 million cells) and far below what would exhaust a laptop.
    fn default() -> Limits {
        Limits {
            max_file_bytes: 256 * MIB,
            max_unpacked_bytes: 1024 * MIB,
            max_rows: 2_000_000,
            max_cells: 30_000_000,
        }
    }
}

/// Which limit was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `--max-file-mb`.
    FileSize,
    /// `--max-unpacked-mb`.
    UnpackedSize,
    /// `--max-rows`.
    Rows,
    /// `--max-cells`.
    Cells,
}

impl Limit {
    /// The flag that raises the limit.
    pub fn flag(self) -> &'static str {
        match self {
            Limit::FileSize => "--max-file-mb",
            Limit::UnpackedSize => "--max-unpacked-mb",
            Limit::Rows => "--max-rows",
            Limit::Cells => "--max-cells",
        }
    }

    /// What is measured, as a noun.
    pub fn what(self) -> &'static str {
        match self {
            Limit::FileSize => "file size",
            Limit::UnpackedSize => "unpacked size",
            Limit::Rows => "row count",
            Limit::Cells => "cell count",
        }
    }

    /// A value of this limit's kind as a person reads it.
    pub fn show(self, value: u64) -> String {
        match self {
            Limit::FileSize | Limit::UnpackedSize if value >= MIB => {
                format!("{:.1} MiB", value as f64 / MIB as f64)
            }
            Limit::FileSize | Limit::UnpackedSize => format!("{value} bytes"),
            Limit::Rows | Limit::Cells => value.to_string(),
        }
    }

    /// The largest value this limit allows, in its own unit (bytes, rows or cells).
    pub fn allowed(self, limits: &Limits) -> u64 {
        match self {
            Limit::FileSize => limits.max_file_bytes,
            Limit::UnpackedSize => limits.max_unpacked_bytes,
            Limit::Rows => limits.max_rows,
            Limit::Cells => limits.max_cells,
        }
    }

    /// The limit's current value in the unit its flag takes.
    pub fn flag_value(self, limits: &Limits) -> u64 {
        match self {
            Limit::FileSize => limits.max_file_bytes / MIB,
            Limit::UnpackedSize => limits.max_unpacked_bytes / MIB,
            Limit::Rows => limits.max_rows,
            Limit::Cells => limits.max_cells,
        }
    }
}
