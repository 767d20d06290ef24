//! A per-person SSI outlook: the pace of the last 12 weeks up to the report month's end as the drift of a
//! random walk (SSI moves week to week much like one, so a line through the points would claim far more
//! certainty than the data hold), an 80% range for that pace, an 80% prediction interval that widens with
//! the horizon, each component held within 0-25, and the months in which the next 10-point band would
//! be reached at the 80% level ("flat within the noise" when the pace's range includes zero).
//! docs/analysis.md states the model and its limits.

use super::words::{fixed, signed};
use super::PersonSeries;
use crate::model::schema::{Component, SsiColumn};
use crate::model::Month;
use chrono::{Duration, NaiveDate};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Weeks of snapshots the pace is measured on.
pub const TREND_WEEKS: i64 = 12;

/// Fewest snapshots for a pace (two changes).
pub const MIN_POINTS: usize = 3;

/// A band further away than this many months is not given a month.
pub const HORIZON_MONTHS: f64 = 24.0;

/// Coverage of the ranges the outlook gives.
pub const LEVEL: f64 = 0.8;

/// Days ahead of the latest snapshot that `in_12_weeks` looks.
pub const AHEAD_DAYS: i64 = 84;

/// Days per average month, to turn a pace per day into one per month.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// A projected SSI and its 80% prediction interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Lower end.
    pub low: f64,
    /// Where the pace leads (components held within 0-25).
    pub mid: f64,
    /// Upper end.
    pub high: f64,
}

/// One person's outlook.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// SSI points per month: the drift of the last 12 weeks.
    pub slope_per_month: f64,
    /// Its 80% confidence range.
    pub slope_range: (f64, f64),
    /// True when that range includes zero: the pace cannot be told from noise.
    pub flat: bool,
    /// Snapshots used.
    pub points: usize,
    /// The first and last snapshot used.
    pub from: NaiveDate,
    /// See `from`.
    pub to: NaiveDate,
    /// The latest SSI.
    pub latest: f64,
    /// SSI `AHEAD_DAYS` after the latest snapshot, with its 80% prediction interval.
    pub ahead: Projection,
    /// The next multiple of 10 above the latest SSI (`None` at 100).
    pub next_band: Option<f64>,
    /// The months between which the band is reached at the 80% level: the earliest month the upper end
    /// reaches it and the month the lower end does (`None` beyond `HORIZON_MONTHS`). `None` when the
    /// pace is flat within the noise, falling, or the band is out of reach within the horizon.
    pub reaches: Option<(Month, Option<Month>)>,
    /// A sentence with the numbers.
    pub message: String,
}

/// The random walk behind a forecast: drift and variance per day, the variance of the drift, and the
/// latest values.
struct Walk {
    per_day: f64,
    sigma2: f64,
    drift_var: f64,
    latest: f64,
    /// Latest value and drift per day of each component, when every component is known at both ends.
    components: Option<[(f64, f64); 4]>,
    t: f64,
}

impl Walk {
    /// The projection `days` after the latest snapshot.
    fn at(&self, days: f64) -> Projection {
        let mid = match &self.components {
            Some(c) => c.iter().map(|(v, d)| (v + d * days).clamp(0.0, 25.0)).sum(),
            None => (self.latest + self.per_day * days).clamp(0.0, 100.0),
        };
        let spread = self.t * (self.sigma2 * days + days * days * self.drift_var).sqrt();
        Projection {
            low: (mid - spread).clamp(0.0, 100.0),
            mid,
            high: (mid + spread).clamp(0.0, 100.0),
        }
    }
}

/// The first day within the horizon on which `reached` holds, as a month.
fn first_month(
    walk: &Walk,
    last: NaiveDate,
    reached: impl Fn(&Projection) -> bool,
) -> Option<Month> {
    let horizon = (HORIZON_MONTHS * DAYS_PER_MONTH) as i64;
    (1..=horizon)
        .find(|d| reached(&walk.at(*d as f64)))
        .map(|d| Month::of(last + Duration::days(d)))
}

/// The outlook from the 12 weeks up to `end` (none with fewer than 3 snapshots or under 2 weeks).
pub fn forecast(series: &PersonSeries, end: NaiveDate) -> Option<Forecast> {
    let start = end - Duration::weeks(TREND_WEEKS);
    let window: Vec<&super::Snapshot> = series
        .points
        .iter()
        .filter(|p| p.date > start && p.date <= end && p.get(SsiColumn::Ssi).is_some())
        .collect();
    let (first, last) = (window.first()?, window.last()?);
    let span = (last.date - first.date).num_days() as f64;
    if window.len() < MIN_POINTS || span < 14.0 {
        return None;
    }
    let ssi = |p: &super::Snapshot| p.get(SsiColumn::Ssi).unwrap_or(0.0);
    let changes = window.len() - 1;
    let dated: Vec<(NaiveDate, f64)> = window.iter().map(|p| (p.date, ssi(p))).collect();
    let (per_day, sigma2) = super::noise::walk(&dated)?;
    let t = StudentsT::new(0.0, 1.0, (changes - 1) as f64)
        .ok()?
        .inverse_cdf(0.5 + LEVEL / 2.0);
    let components = Component::ALL.map(|c| {
        let col = SsiColumn::from(c);
        match (last.get(col), first.get(col)) {
            (Some(b), Some(a)) => Some((b, (b - a) / span)),
            _ => None,
        }
    });
    let walk = Walk {
        per_day,
        sigma2,
        drift_var: sigma2 / span,
        latest: ssi(last),
        components: components
            .iter()
            .all(Option::is_some)
            .then(|| components.map(|c| c.unwrap_or_default())),
        t,
    };
    let drift_half = t * walk.drift_var.sqrt() * DAYS_PER_MONTH;
    let slope_per_month = per_day * DAYS_PER_MONTH;
    let slope_range = (slope_per_month - drift_half, slope_per_month + drift_half);
    let flat = slope_range.0 <= 0.0 && slope_range.1 >= 0.0;
    let band = ((walk.latest / 10.0).floor() + 1.0) * 10.0;
    let next_band = (band <= 100.0).then_some(band);
    let reaches = match next_band {
        Some(b) if !flat && per_day > 0.0 => first_month(&walk, last.date, |p| p.high >= b)
            .map(|early| (early, first_month(&walk, last.date, |p| p.low >= b))),
        _ => None,
    };
    let mut outlook = Forecast {
        slope_per_month,
        slope_range,
        flat,
        points: window.len(),
        from: first.date,
        to: last.date,
        latest: walk.latest,
        ahead: walk.at(AHEAD_DAYS as f64),
        next_band,
        reaches,
        message: String::new(),
    };
    outlook.message = message(&outlook);
    Some(outlook)
}

/// The outlook in one sentence.
fn message(f: &Forecast) -> String {
    let trend = format!(
        "SSI pace over the last {TREND_WEEKS} weeks: {} points a month (80% range {} to {}; {} snapshots, {} to {})",
        signed(f.slope_per_month),
        signed(f.slope_range.0),
        signed(f.slope_range.1),
        f.points,
        f.from,
        f.to
    );
    let ahead = format!(
        "in 12 weeks SSI is likely between {} and {}",
        fixed(f.ahead.low, 0),
        fixed(f.ahead.high, 0)
    );
    match (f.flat, f.next_band, f.reaches) {
        (true, _, _) => format!("{trend}: flat within the noise; {ahead}."),
        (false, Some(b), Some((early, Some(late)))) if early == late => format!(
            "{trend}; at this pace SSI reaches {} in {}; {ahead}.",
            fixed(b, 0),
            early.long_name()
        ),
        (false, Some(b), Some((early, Some(late)))) => format!(
            "{trend}; at this pace SSI reaches {} between {} and {}; {ahead}.",
            fixed(b, 0),
            early.long_name(),
            late.long_name()
        ),
        (false, Some(b), Some((early, None))) => format!(
            "{trend}; at this pace SSI reaches {} in {} at the earliest, possibly not within {HORIZON_MONTHS} months; {ahead}.",
            fixed(b, 0),
            early.long_name()
        ),
        (false, Some(b), None) if f.slope_per_month > 0.0 => format!(
            "{trend}; at this pace it does not reach {} within {HORIZON_MONTHS} months; {ahead}.",
            fixed(b, 0)
        ),
        _ => format!("{trend}: falling; {ahead}."),
    }
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

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_steady_rise_reaches_the_next_band_when_its_pace_says() {
        // 0.5 points a week without noise: per month 0.5 / 7 * 365.25 / 12 = 2.174107...; the last of 12
        // weekly snapshots is 55.5, so 60 is 4.5 / (0.5 / 7) = 63 days after 2025-10-27: 2025-12-29.
        let start = day("2025-08-11");
        let pts: Vec<(NaiveDate, f64)> = (0..12)
            .map(|w| (start + Duration::weeks(w), 50.0 + 0.5 * w as f64))
            .collect();
        // An older snapshot outside the 12 weeks does not count.
        let mut all = vec![(start - Duration::weeks(20), 90.0)];
        all.extend(pts);
        let f = forecast(&series(&all), day("2025-10-31")).unwrap();
        assert_eq!(f.points, 12);
        assert!((f.slope_per_month - 0.5 / 7.0 * 365.25 / 12.0).abs() < 1e-12);
        assert!(!f.flat);
        assert_eq!(f.next_band, Some(60.0));
        let december = "2025-12".parse().unwrap();
        assert_eq!(f.reaches, Some((december, Some(december))));
        // 12 weeks on: 55.5 + 6 = 61.5, with no spread when the walk has none.
        assert!((f.ahead.mid - 61.5).abs() < 1e-9);
        assert!((f.ahead.high - f.ahead.low).abs() < 1e-9);
        assert!(
            f.message.contains("reaches 60 in December 2025"),
            "{}",
            f.message
        );
    }

    #[test]
    fn a_noisy_level_series_is_flat_and_its_range_widens_with_the_horizon() {
        // 50, 52, 49, 51, 50 a week apart: drift 0; changes 2, -3, 2, -1 over 7 days each give
        // sigma2 = (4 + 9 + 4 + 1) / 7 / 3 = 6/7 a day and the drift's variance sigma2 / 28. At 84 days:
        // 6/7 * 84 + 84^2 * 6/7/28 = 72 + 216 = 288; t(3) at 0.9 is 1.6377443572159062 (scipy).
        let s = series(&[
            (day("2025-10-01"), 50.0),
            (day("2025-10-08"), 52.0),
            (day("2025-10-15"), 49.0),
            (day("2025-10-22"), 51.0),
            (day("2025-10-29"), 50.0),
        ]);
        let f = forecast(&s, day("2025-10-31")).unwrap();
        assert!(f.flat);
        assert_eq!(f.reaches, None);
        // statrs finds t quantiles numerically, to about 1e-8 here.
        let half = 1.637_744_357_215_906_2 * 288f64.sqrt();
        assert!((f.ahead.mid - 50.0).abs() < 1e-9);
        assert!((f.ahead.low - (50.0 - half)).abs() < 1e-6, "{:?}", f.ahead);
        assert!((f.ahead.high - (50.0 + half)).abs() < 1e-6, "{:?}", f.ahead);
        // The pace's range: +-t * sqrt(6/7/28) points a day, times 365.25/12 days a month.
        let pace = 1.637_744_357_215_906_2 * (6.0f64 / 7.0 / 28.0).sqrt() * 365.25 / 12.0;
        assert!((f.slope_range.1 - pace).abs() < 1e-6);
        assert!(f.message.contains("flat within the noise"), "{}", f.message);
    }

    #[test]
    fn a_component_stops_at_25() {
        // Brand rises 0.5 a week from 24 while the others stay at 12: in 84 days brand would be 30, but
        // it stops at 25, so SSI reaches 25 + 36 = 61 and never the band of 70.
        let start = day("2025-08-11");
        let s = PersonSeries {
            name: "A".into(),
            points: (0..12)
                .map(|w| {
                    let brand = 24.0 + 0.5 * w as f64;
                    Snapshot {
                        date: start + Duration::weeks(w),
                        values: crate::model::schema::SsiValues::scored(
                            Some(brand + 36.0),
                            [Some(brand), Some(12.0), Some(12.0), Some(12.0)],
                        ),
                    }
                })
                .collect(),
        };
        let f = forecast(&s, day("2025-10-31")).unwrap();
        assert!((f.ahead.mid - 61.0).abs() < 1e-9, "{:?}", f.ahead);
        assert_eq!(f.next_band, Some(70.0));
        assert_eq!(f.reaches, None);
    }

    #[test]
    fn falling_or_thin_series_give_no_month() {
        let falling = series(&[
            (day("2025-10-01"), 60.0),
            (day("2025-10-08"), 59.0),
            (day("2025-10-15"), 57.0),
        ]);
        let f = forecast(&falling, day("2025-10-31")).unwrap();
        assert_eq!(f.reaches, None);
        assert!(f.slope_per_month < 0.0);
        let thin = series(&[(day("2025-10-01"), 60.0), (day("2025-10-08"), 61.0)]);
        assert_eq!(forecast(&thin, day("2025-10-31")), None);
        // A series that ends before the 12 weeks up to the month's end gives no forecast.
        assert_eq!(forecast(&falling, day("2026-03-31")), None);
    }

    #[test]
    fn the_80_percent_range_covers_the_realised_ssi_twelve_weeks_on_about_80_percent_of_the_time() {
        // Simulated people whose SSI is a random walk with a drift of their own (weekly steps N(mu, s)
        // with mu ~ U(-0.4, 0.4) and s ~ U(0.4, 1.5)), shown rounded to whole points as LinkedIn does:
        // 12 weekly snapshots up to the month's end, and the SSI 84 days after the last.
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20261205);
        let mut normal = || {
            // Box-Muller.
            let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-12), rng.random::<f64>());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        };
        let mut params = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let people = 4000;
        let mut covered = 0;
        let start = day("2025-08-11");
        for _ in 0..people {
            let mu: f64 = params.random_range(-0.4..0.4);
            let sd: f64 = params.random_range(0.4..1.5);
            let mut level: f64 = params.random_range(35.0..65.0);
            let mut pts = Vec::new();
            for w in 0..24 {
                pts.push((start + Duration::weeks(w), level.round()));
                level += mu + sd * normal();
            }
            let f = forecast(&series(&pts[..12]), day("2025-10-31")).unwrap();
            let realised = pts[23].1;
            covered += usize::from(f.ahead.low <= realised && realised <= f.ahead.high);
        }
        let share = covered as f64 / people as f64;
        eprintln!("80% range covered the realised SSI for {share:.3} of {people} people");
        assert!((0.75..=0.85).contains(&share), "coverage {share}");
    }
}
