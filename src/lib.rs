//! ssi-pulse links LinkedIn Social Selling Index (SSI) changes to the activity that moved them: it reads
//! tracking spreadsheets, analyses them with polars and writes charts, a monthly report and a JSON summary.
//!
//! Data flows one way: `ingest` (files to rows) -> `model` (the tidy dataset) -> `analysis` (typed results)
//! -> `render` (artifacts as bytes) -> `output` (the only writer).

pub mod analysis;
pub mod ingest;
pub mod model;
