//! Small helpers that move polars columns into plain Rust vectors for the typed results.

use crate::model::dataset::from_epoch_days;
use crate::model::schema::{SsiColumn, SsiValues};
use chrono::NaiveDate;
use polars::prelude::*;

/// A Float64 column as options.
pub fn f64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let col = df.column(name)?.cast(&DataType::Float64)?;
    Ok(col.f64()?.iter().collect())
}

/// A Date column as options.
pub fn dates(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<NaiveDate>>> {
    let col = df.column(name)?.cast(&DataType::Int32)?;
    Ok(col
        .i32()?
        .iter()
        .map(|d| d.and_then(from_epoch_days))
        .collect())
}

/// Every SSI column of a frame, read a row at a time: each column cast to numbers once (in one chunk),
/// with no list of options per column and no list of rows, which for a large team's snapshots are
/// hundreds of megabytes.
pub struct SsiColumns(Vec<Float64Chunked>);

impl SsiColumns {
    /// The frame's SSI columns.
    pub fn of(df: &DataFrame) -> PolarsResult<SsiColumns> {
        SsiColumn::ALL
            .iter()
            .map(|c| {
                let col = df.column(c.key())?.cast(&DataType::Float64)?;
                Ok(col.f64()?.rechunk().into_owned())
            })
            .collect::<PolarsResult<_>>()
            .map(SsiColumns)
    }

    /// Row `i`'s values.
    pub fn row(&self, i: usize) -> SsiValues {
        let mut values = SsiValues::default();
        for (c, col) in SsiColumn::ALL.into_iter().zip(&self.0) {
            values.set(c, col.get(i));
        }
        values
    }
}

/// A String column.
pub fn strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    let col = df.column(name)?;
    Ok(col
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_string())
        .collect())
}

/// Rounds to two decimals (the precision LinkedIn shows components with), removing float noise.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
