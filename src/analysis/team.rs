//! Team figures across people: medians of month-end values and of month-over-month changes.

use super::{PersonMonth, Snapshot, TeamSummary};
use polars::prelude::*;

/// Median of the values present (`None` when there are none).
pub fn median(values: &[Option<f64>]) -> Option<f64> {
    let s = Series::new("v".into(), values);
    s.median().map(super::frame::round2)
}

/// Sum of the values present, `None` when there are none.
fn total(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v))
        .map(super::frame::round2)
}

/// Summarises the people of one report; `metrics` is the number of activity metrics.
pub fn summarise(people: &[PersonMonth], metrics: usize) -> TeamSummary {
    let mut med = [None; 7];
    let mut med_change = [None; 7];
    for (k, column) in super::CHANGE_COLUMNS.iter().enumerate() {
        let now: Vec<Option<f64>> = people.iter().map(|p| p.month_end.get(column)).collect();
        let change: Vec<Option<f64>> = people.iter().map(|p| p.change(column)).collect();
        med[k] = median(&now);
        med_change[k] = median(&change);
    }
    let medians_as_snapshot = Snapshot {
        date: chrono::NaiveDate::MIN,
        values: [
            med[0], med[1], med[2], med[3], med[4], None, None, None, None,
        ],
    };
    let changes: Vec<f64> = people.iter().filter_map(|p| p.change("ssi")).collect();
    let activity_month: Vec<Option<f64>> = (0..metrics)
        .map(|m| total(people.iter().map(|p| p.activity_month[m])))
        .collect();
    let activity_previous_month: Vec<Option<f64>> = (0..metrics)
        .map(|m| total(people.iter().map(|p| p.activity_previous_month[m])))
        .collect();
    let activity_change = activity_month
        .iter()
        .zip(&activity_previous_month)
        .map(|(now, before)| Some(super::frame::round2((*now)? - (*before)?)))
        .collect();
    TeamSummary {
        people: people.len(),
        median: med,
        median_change: med_change,
        weakest_component: super::monthly::weakest(&medians_as_snapshot),
        ssi_up: changes.iter().filter(|c| **c > 0.0).count(),
        ssi_down: changes.iter().filter(|c| **c < 0.0).count(),
        ssi_held: changes.iter().filter(|c| **c == 0.0).count(),
        activity_month,
        activity_previous_month,
        activity_change,
        people_logging: (0..metrics)
            .map(|m| {
                people
                    .iter()
                    .filter(|p| p.activity_month[m].is_some())
                    .count()
            })
            .collect(),
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
