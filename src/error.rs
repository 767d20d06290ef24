//! The library's error: why a command failed, and the exit code each kind of failure maps to (1 input or
//! data, 2 usage, 3 output or internal, 130 interrupted). A leaf every command stage can return.

use crate::analysis::AnalysisError;
use crate::artifact::OutputError;
use crate::ingest::IngestError;
use crate::render::RenderError;
use thiserror::Error;

/// Why a command failed; each maps to an exit code.
#[derive(Debug, Error)]
pub enum Error {
    /// Bad arguments (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An input could not be read at all (exit 1).
    #[error(transparent)]
    Input(#[from] IngestError),
    /// Nothing usable in the inputs (exit 1).
    #[error("{0}")]
    NoData(String),
    /// The analysis could not run (exit 1 for data problems, 3 otherwise).
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// Building the tidy tables failed (exit 3).
    #[error("cannot build the tidy tables")]
    Model(#[from] polars::prelude::PolarsError),
    /// Rendering failed (exit 3).
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A sample workbook could not be built (exit 3).
    #[error("cannot build the sample workbooks")]
    Sample(#[source] rust_xlsxwriter::XlsxError),
    /// `--strict` and some rows were rejected (exit 1).
    #[error("--strict is set and {0}")]
    Strict(String),
    /// Writing failed (exit 3).
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl Error {
    /// The process exit code: 1 input or data problem, 2 usage, 3 output or internal.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Output(OutputError::Interrupted { .. })
            | Error::Render(RenderError::Output(OutputError::Interrupted { .. })) => {
                crate::interrupt::EXIT_CODE
            }
            Error::Usage(_) => 2,
            Error::Input(_) | Error::NoData(_) | Error::Strict(..) => 1,
            Error::Analysis(AnalysisError::Polars(_)) => 3,
            Error::Analysis(_) => 1,
            Error::Model(_) | Error::Render(_) | Error::Output(_) | Error::Sample(_) => 3,
        }
    }
}
