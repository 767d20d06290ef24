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

/// Every SSI column of a frame, row by row.
pub fn ssi_values(df: &DataFrame) -> PolarsResult<Vec<SsiValues>> {
    let cols: Vec<Vec<Option<f64>>> = SsiColumn::ALL
        .iter()
        .map(|c| f64s(df, c.key()))
        .collect::<PolarsResult<_>>()?;
    Ok((0..df.height())
        .map(|i| {
            let mut values = SsiValues::default();
            for (c, col) in SsiColumn::ALL.into_iter().zip(&cols) {
                values.set(c, col[i]);
            }
            values
        })
        .collect())
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
