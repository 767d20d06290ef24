//! The canonical data model: column names and vocabulary (`schema`), the rows ingestion produces
//! (`records`), the rules a row must satisfy (`validate`) and the tidy polars `Dataset` built from them.

pub mod collate;
pub mod dataset;
pub mod month;
pub mod quality;
pub mod records;
pub mod schema;
pub mod validate;

pub use dataset::Dataset;
pub use month::{Month, MonthWindow};
