//! Team figures across people: medians of month-end values and of month-over-month changes.

use super::{PersonMonth, TeamSummary};
use polars::prelude::*;

/// Median of the values present (`None` when there are none).
pub fn median(values: &[Option<f64>]) -> Option<f64> {
    let s = Series::new("v".into(), values);
    s.median().map(super::frame::round2)
}

/// Summarises the people of one report.
pub fn summarise(people: &[PersonMonth]) -> TeamSummary {
    let mut med = [None; 7];
    let mut med_change = [None; 7];
    for (k, column) in super::CHANGE_COLUMNS.iter().enumerate() {
        let now: Vec<Option<f64>> = people.iter().map(|p| p.month_end.get(column)).collect();
        let change: Vec<Option<f64>> = people.iter().map(|p| p.change(column)).collect();
        med[k] = median(&now);
        med_change[k] = median(&change);
    }
    TeamSummary {
        people: people.len(),
        median: med,
        median_change: med_change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_skips_missing_values() {
        assert_eq!(median(&[Some(1.0), None, Some(3.0), Some(10.0)]), Some(3.0));
        assert_eq!(median(&[Some(1.0), Some(2.0)]), Some(1.5));
        assert_eq!(median(&[None]), None);
    }
}
