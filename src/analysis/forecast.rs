//! A per-person SSI trend: a least-squares line through the snapshots of the last 12 weeks up to the
//! report month's end, its slope per month, and the month the next 10-point band would be reached if the
//! trend held (none when the slope is not positive or the
//! band lies more than two years away).

use super::words::{fixed, signed};
use super::PersonSeries;
use crate::model::schema::SsiColumn;
use crate::model::Month;
use chrono::{Duration, NaiveDate};

/// Weeks of snapshots the trend is fitted on.
pub const TREND_WEEKS: i64 = 12;

/// Fewest snapshots for a trend.
pub const MIN_POINTS: usize = 3;

/// A band further away than this many months is not given a month.
pub const HORIZON_MONTHS: f64 = 24.0;

/// Days per average month, to turn a slope per day into one per month.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// One person's trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// SSI points per month.
    pub slope_per_month: f64,
    /// Snapshots the line is fitted on.
    pub points: usize,
    /// The first and last snapshot used.
    pub from: NaiveDate,
    /// See `from`.
    pub to: NaiveDate,
    /// The trend's value at the last snapshot.
    pub fitted_now: f64,
    /// The next multiple of 10 above the last SSI (`None` at 100).
    pub next_band: Option<f64>,
    /// The month the trend reaches `next_band` (`None` when the slope is not positive or the band is more
    /// than `HORIZON_MONTHS` away).
    pub reaches: Option<Month>,
    /// A sentence with the numbers.
    pub message: String,
}

/// Fits the trend over the 12 weeks up to `end` (none with fewer than 3 snapshots or under 2 weeks).
pub fn forecast(series: &PersonSeries, end: NaiveDate) -> Option<Forecast> {
    let start = end - Duration::weeks(TREND_WEEKS);
    let points: Vec<(NaiveDate, f64)> = series
        .points
        .iter()
        .filter(|p| p.date > start && p.date <= end)
        .filter_map(|p| p.get(SsiColumn::Ssi).map(|v| (p.date, v)))
        .collect();
    let (first, last) = (points.first()?.0, points.last()?.0);
    if points.len() < MIN_POINTS || (last - first).num_days() < 14 {
        return None;
    }
    let xs: Vec<f64> = points
        .iter()
        .map(|(d, _)| (*d - first).num_days() as f64)
        .collect();
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let sxy: f64 = xs
        .iter()
        .zip(&points)
        .map(|(x, p)| (x - mx) * (p.1 - my))
        .sum();
    let per_day = sxy / sxx;
    let x_last = (last - first).num_days() as f64;
    let fitted_now = my + per_day * (x_last - mx);
    let latest = points.last()?.1;
    let band = ((latest / 10.0).floor() + 1.0) * 10.0;
    let next_band = (band <= 100.0).then_some(band);
    let slope_per_month = per_day * DAYS_PER_MONTH;
    let reaches = match next_band {
        Some(b) if per_day > 0.0 => {
            // From the latest value at the trend's pace, so the band is always reached after it.
            let days = ((b - latest) / per_day).ceil().max(1.0);
            (days <= HORIZON_MONTHS * DAYS_PER_MONTH)
                .then(|| Month::of(last + Duration::days(days as i64)))
        }
        _ => None,
    };
    let trend = format!(
        "SSI trend over the last {TREND_WEEKS} weeks: {} points a month ({} snapshots, {} to {})",
        signed(slope_per_month),
        points.len(),
        first,
        last
    );
    let message = match (next_band, reaches) {
        (Some(b), Some(m)) => format!(
            "{trend}; if it holds, SSI reaches {} in {}.",
            fixed(b, 0),
            m.long_name()
        ),
        (Some(b), None) if per_day > 0.0 => format!(
            "{trend}; at this pace it does not reach {} within {HORIZON_MONTHS} months.",
            fixed(b, 0)
        ),
        (Some(b), None) => format!("{trend}; at this pace it does not reach {}.", fixed(b, 0)),
        (None, _) => format!("{trend}."),
    };
    Some(Forecast {
        slope_per_month,
        points: points.len(),
        from: first,
        to: last,
        fitted_now,
        next_band,
        reaches,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Snapshot;

    fn series(values: &[(NaiveDate, f64)]) -> PersonSeries {
        PersonSeries {
            name: "A".into(),
            points: values
                .iter()
                .map(|(d, v)| Snapshot {
                    date: *d,
                    values: crate::model::schema::SsiValues::scored(Some(*v), [None; 4]),
                })
                .collect(),
        }
    }

    #[test]
    fn a_straight_rise_reaches_the_next_band_when_the_line_says() {
        // 0.5 points a week: per month 0.5 / 7 * 365.25 / 12 = 2.174107...; the last of 12 weekly
        // snapshots is 55.5, so 60 is 4.5 / (0.5 / 7) = 63 days after 2025-10-27: 2025-12-29.
        let start = NaiveDate::from_ymd_opt(2025, 8, 11).unwrap();
        let pts: Vec<(NaiveDate, f64)> = (0..12)
            .map(|w| (start + Duration::weeks(w), 50.0 + 0.5 * w as f64))
            .collect();
        // An older snapshot outside the 12 weeks does not count.
        let mut all = vec![(start - Duration::weeks(20), 90.0)];
        all.extend(pts);
        let f = forecast(
            &series(&all),
            NaiveDate::from_ymd_opt(2025, 10, 31).unwrap(),
        )
        .unwrap();
        assert_eq!(f.points, 12);
        assert!((f.slope_per_month - 0.5 / 7.0 * 365.25 / 12.0).abs() < 1e-12);
        assert!((f.fitted_now - 55.5).abs() < 1e-12);
        assert_eq!(f.next_band, Some(60.0));
        assert_eq!(f.reaches, Some("2025-12".parse().unwrap()));
    }

    #[test]
    fn the_band_is_reached_after_the_latest_value_even_when_the_line_is_above_it() {
        // 50, 59, 59.9 a week apart: the line ends above 60 but the latest SSI is below it. From 59.9 at
        // 4.95 points a week (9.9 over 14 days), 60 is 1 day after 2025-10-15.
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let s = series(&[
            (d("2025-10-01"), 50.0),
            (d("2025-10-08"), 59.0),
            (d("2025-10-15"), 59.9),
        ]);
        let f = forecast(&s, d("2025-10-31")).unwrap();
        assert!(f.fitted_now > 60.0);
        assert_eq!(f.reaches, Some("2025-10".parse().unwrap()));
        // A series that ends before the 12 weeks up to the month's end gives no forecast.
        assert_eq!(forecast(&s, d("2026-03-31")), None);
    }

    #[test]
    fn falling_or_thin_series_give_no_month() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let falling = series(&[
            (d("2025-10-01"), 60.0),
            (d("2025-10-08"), 59.0),
            (d("2025-10-15"), 58.0),
        ]);
        let f = forecast(&falling, d("2025-10-31")).unwrap();
        assert_eq!(f.reaches, None);
        assert!(f.slope_per_month < 0.0);
        let thin = series(&[(d("2025-10-01"), 60.0), (d("2025-10-08"), 61.0)]);
        assert_eq!(forecast(&thin, d("2025-10-31")), None);
    }
}
