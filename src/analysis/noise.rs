//! A person's own week-to-week spread: how far a measure (SSI, the sum of its components, a rank) moves
//! by chance over a number of days, from the person's weekly changes over the 12 weeks before the span
//! a fall is measured over, so that a fall within it is not raised as an alert. docs/analysis.md states
//! the rule.

use chrono::{Duration, NaiveDate};
use statrs::distribution::{ContinuousCDF, Normal};

/// Weeks of values the spread is measured on (as many as the forecast's pace).
pub const TREND_WEEKS: i64 = 12;

/// Coverage of the band a fall must leave (the forecast's ranges are at the same level).
pub const LEVEL: f64 = 0.8;

/// Fewest weekly changes the spread is measured on (a fortnightly tracker gives 5 in 12 weeks); with
/// fewer, the alert thresholds alone decide.
pub const MIN_CHANGES: usize = 5;

/// Drift and variance per day of a random walk through dated values: the drift is the line from the
/// first value to the last, and each change's departure from it, scaled by its length, gives the
/// variance (`Var(change) = sigma2 * days`). `None` with fewer than two changes.
pub fn walk(points: &[(NaiveDate, f64)]) -> Option<(f64, f64)> {
    let (first, last) = (points.first()?, points.last()?);
    let changes = points.len().checked_sub(1)?;
    if changes < 2 {
        return None;
    }
    let span = (last.0 - first.0).num_days() as f64;
    if span <= 0.0 {
        return None;
    }
    let per_day = (last.1 - first.1) / span;
    let sigma2 = points
        .windows(2)
        .map(|w| {
            let days = (w[1].0 - w[0].0).num_days().max(1) as f64;
            (w[1].1 - w[0].1 - per_day * days).powi(2) / days
        })
        .sum::<f64>()
        / (changes - 1) as f64;
    Some((per_day, sigma2))
}

/// The week-to-week spread of one measure for one person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Variance per day of the changes, the drift removed.
    pub sigma2: f64,
    /// Weekly changes it rests on.
    pub changes: usize,
}

impl Spread {
    /// The spread from dated values (any order, any cadence): the last value of each of the 12 weeks
    /// counted back from `end`, so a daily tracker's jitter within a week does not count. `None` with
    /// fewer than `MIN_CHANGES` weekly changes.
    pub fn weekly(
        points: impl IntoIterator<Item = (NaiveDate, f64)>,
        end: NaiveDate,
    ) -> Option<Self> {
        let start = end - Duration::weeks(TREND_WEEKS);
        let mut last_of_week: Vec<Option<(NaiveDate, f64)>> = vec![None; TREND_WEEKS as usize];
        for (date, value) in points {
            if date <= start || date > end || !value.is_finite() {
                continue;
            }
            let week = ((end - date).num_days() / 7) as usize;
            let slot = &mut last_of_week[week];
            if slot.is_none_or(|(d, _)| date > d) {
                *slot = Some((date, value));
            }
        }
        let weekly: Vec<(NaiveDate, f64)> = last_of_week.into_iter().rev().flatten().collect();
        let changes = weekly.len().saturating_sub(1);
        if changes < MIN_CHANGES {
            return None;
        }
        walk(&weekly).map(|(_, sigma2)| Spread { sigma2, changes })
    }

    /// Half the 80% range of a change over `days` days that the spread alone gives.
    pub fn band(&self, days: f64) -> f64 {
        let z = Normal::new(0.0, 1.0)
            .map(|n| n.inverse_cdf(0.5 + LEVEL / 2.0))
            .unwrap_or(1.281_551_565_544_600_4);
        z * (self.sigma2 * days.max(0.0)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_band_of_alternating_weeks_worked_by_hand() {
        // Weekly values 60, 62, 60, 62, ... over 8 weeks to 27 October: 7 changes of +-2 and a drift of
        // 2/49 a day (60 to 62 over 49 days), 2/7 a week. Departures: 2 - 2/7 = 12/7 on the 4 rises,
        // -2 - 2/7 = -16/7 on the 3 falls. sigma2 = (4 * 144 + 3 * 256) / 49 / 7 / 6 = 1344 / 2058 =
        // 32/49 per day.
        let pts: Vec<(NaiveDate, f64)> = (0..8)
            .map(|i| {
                (
                    day("2025-09-08") + Duration::weeks(i),
                    if i % 2 == 0 { 60.0 } else { 62.0 },
                )
            })
            .collect();
        let s = Spread::weekly(pts, day("2025-10-31")).unwrap();
        assert_eq!(s.changes, 7);
        assert!((s.sigma2 - 32.0 / 49.0).abs() < 1e-12, "{}", s.sigma2);
        // Over 28 days: z(0.9) * sqrt(32/49 * 28) = 1.2815515655446008 * 4.27617987059879 (Python's
        // statistics.NormalDist).
        assert!(
            (s.band(28.0) - 5.480_145_007_716_188).abs() < 1e-9,
            "{}",
            s.band(28.0)
        );
    }

    #[test]
    fn daily_jitter_within_a_week_does_not_count_and_thin_series_have_no_spread() {
        // A steady 1 point a week, with a daily value 5 points off on the day before each weekly one:
        // only the last value of each week is used, so the spread is zero.
        let end = day("2025-10-31");
        let mut pts = Vec::new();
        for w in 0..12 {
            let d = end - Duration::weeks(w);
            pts.push((d, 70.0 - w as f64));
            pts.push((d - Duration::days(1), 75.0));
        }
        let s = Spread::weekly(pts, end).unwrap();
        assert_eq!(s.changes, 11);
        assert!(s.sigma2.abs() < 1e-12);
        // Monthly snapshots: three in twelve weeks, too few changes.
        let monthly = [
            ("2025-08-31", 60.0),
            ("2025-09-30", 61.0),
            ("2025-10-31", 59.0),
        ];
        assert!(Spread::weekly(monthly.map(|(d, v)| (day(d), v)), end).is_none());
    }
}
