//! Interval alignment: consecutive snapshots of a person define intervals, and the activity logged in each
//! interval is turned into weekly rates beside the weekly change of the SSI and its components. Activity
//! rows cover a period (a day, a week starting on their date, or a calendar month, inferred per person
//! from the spacing of their dates) and are split across intervals by the days that fall in each.
//! docs/analysis.md states the rules; this module is the only place that applies them.

use super::frame::{dates, f64s, strings};
use crate::model::schema::{SsiColumn, SsiValues, DATE, PERSON};
use crate::model::Dataset;
use chrono::{Datelike, Duration, NaiveDate};
use polars::prelude::*;
use std::collections::BTreeMap;

/// An activity row's date and its value per metric.
type DatedValues = (NaiveDate, Vec<Option<f64>>);

/// Intervals longer than this many days are left out of the linkage by default.
pub const DEFAULT_MAX_DAYS: i64 = 45;

/// How long one activity row counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// The row's own day.
    Day,
    /// Seven days starting on the row's date.
    Week,
    /// The calendar month the row's date falls in.
    Month,
}

impl Period {
    /// The days `[start, end)` a row dated `date` covers.
    pub fn span(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Day => (date, date + Duration::days(1)),
            Period::Week => (date, date + Duration::days(7)),
            Period::Month => {
                let first = date.with_day(1).unwrap_or(date);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first + Duration::days(31));
                (first, next)
            }
        }
    }
}

/// Infers a person's activity period from the median gap between their activity dates: about a day,
/// about a week, or about a month; anything else is read as dated events (a day each).
pub fn infer_period(sorted_dates: &[NaiveDate]) -> Period {
    let mut gaps: Vec<i64> = sorted_dates
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days())
        .filter(|g| *g > 0)
        .collect();
    if gaps.is_empty() {
        return Period::Day;
    }
    gaps.sort_unstable();
    match gaps[gaps.len() / 2] {
        5..=9 => Period::Week,
        26..=35 => Period::Month,
        _ => Period::Day,
    }
}

/// Why an interval is left out of the linkage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// Longer than the configured limit.
    TooLong,
    /// No activity row overlaps it.
    NoActivity,
}

/// One interval between consecutive snapshots of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The person.
    pub person: String,
    /// The person as a number: 0 for the first person (by name), 1 for the next...
    pub person_id: usize,
    /// The earlier snapshot's date (included).
    pub start: NaiveDate,
    /// The later snapshot's date (excluded).
    pub end: NaiveDate,
    /// Length in weeks (days / 7).
    pub weeks: f64,
    /// Activity per week over the days of the interval the log covers, for each dataset metric; `None`
    /// where nothing covers that metric.
    pub rates: Vec<Option<f64>>,
    /// Change per week of each of `SsiColumn::SCORE` (ssi and the components; `None` when either end
    /// lacks it, and for every other column).
    pub changes: SsiValues,
    /// Why it is left out of the linkage, if it is.
    pub excluded: Option<Exclusion>,
}

/// One person's activity rows.
#[derive(Debug, Clone)]
struct PersonLog {
    period: Period,
    rows: Vec<DatedValues>,
    /// Per metric: whether any row gives it.
    logged: Vec<bool>,
}

/// Every person's activity rows with the period each row covers.
#[derive(Debug, Clone, Default)]
pub struct ActivityLog {
    people: BTreeMap<String, PersonLog>,
    metrics: usize,
}

/// Activity totals over a span of days.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Per metric: the share-weighted total of overlapping rows (`None` where nothing covers the metric).
    pub totals: Vec<Option<f64>>,
    /// Days of the span the log covers.
    pub covered_days: i64,
}

impl Coverage {
    /// Per-week rates over the covered days (`None` with no coverage).
    pub fn rates(&self) -> Vec<Option<f64>> {
        let weeks = self.covered_days as f64 / 7.0;
        self.totals
            .iter()
            .map(|t| t.filter(|_| weeks > 0.0).map(|t| t / weeks))
            .collect()
    }
}

impl ActivityLog {
    /// Reads the activity table of a dataset.
    pub fn new(dataset: &Dataset) -> PolarsResult<ActivityLog> {
        let activity = dataset
            .activity
            .clone()
            .lazy()
            .sort([PERSON, DATE], SortMultipleOptions::default())
            .collect()?;
        let names = strings(&activity, PERSON)?;
        let days = dates(&activity, DATE)?;
        let columns: Vec<Vec<Option<f64>>> = dataset
            .metrics
            .iter()
            .map(|m| f64s(&activity, m))
            .collect::<PolarsResult<_>>()?;
        let metrics = dataset.metrics.len();
        let mut people: BTreeMap<String, PersonLog> = BTreeMap::new();
        for (i, person) in names.iter().enumerate() {
            let Some(date) = days[i] else { continue };
            let values: Vec<Option<f64>> = columns.iter().map(|c| c[i]).collect();
            let log = people.entry(person.clone()).or_insert_with(|| PersonLog {
                period: Period::Day,
                rows: Vec::new(),
                logged: vec![false; metrics],
            });
            for (l, v) in log.logged.iter_mut().zip(&values) {
                *l |= v.is_some();
            }
            log.rows.push((date, values));
        }
        for log in people.values_mut() {
            let ds: Vec<NaiveDate> = log.rows.iter().map(|(d, _)| *d).collect();
            log.period = infer_period(&ds);
        }
        Ok(ActivityLog { people, metrics })
    }

    /// The period a person's rows cover.
    pub fn period(&self, person: &str) -> Option<Period> {
        self.people.get(person).map(|l| l.period)
    }

    /// A person's activity over the days `[start, end)`: each row counts in proportion to the days of its
    /// period inside the span. Weekly and monthly logs cover the days of their rows' periods. A log of
    /// dated events (a day each) covers every day from its first to its last row: a day without a row had
    /// no activity, so each metric the person logs counts as 0 there.
    pub fn over(&self, person: &str, start: NaiveDate, end: NaiveDate) -> Coverage {
        let mut totals: Vec<Option<f64>> = vec![None; self.metrics];
        let Some(log) = self.people.get(person) else {
            return Coverage {
                totals,
                covered_days: 0,
            };
        };
        let mut spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        if log.period == Period::Day {
            if let (Some(first), Some(last)) = (log.rows.first(), log.rows.last()) {
                let (from, to) = (first.0.max(start), (last.0 + Duration::days(1)).min(end));
                if to > from {
                    spans.push((from, to));
                    for (t, logged) in totals.iter_mut().zip(&log.logged) {
                        if *logged {
                            *t = Some(0.0);
                        }
                    }
                }
            }
        }
        // No period is longer than 31 days, so earlier rows cannot reach the span.
        let first = log
            .rows
            .partition_point(|(d, _)| *d + Duration::days(31) < start);
        for (date, values) in &log.rows[first..] {
            let (a, b) = log.period.span(*date);
            if a >= end {
                break;
            }
            let (from, to) = (a.max(start), b.min(end));
            if to <= from {
                continue;
            }
            if log.period != Period::Day {
                spans.push((from, to));
            }
            let share = (to - from).num_days() as f64 / (b - a).num_days() as f64;
            for (t, v) in totals.iter_mut().zip(values) {
                if let Some(v) = v {
                    *t = Some(t.unwrap_or(0.0) + v * share);
                }
            }
        }
        // Days covered: the union of the clipped spans (sorted by start).
        spans.sort();
        let mut covered_days = 0;
        let mut reach: Option<NaiveDate> = None;
        for (from, to) in spans {
            let from = reach.map_or(from, |r| from.max(r));
            if to > from {
                covered_days += (to - from).num_days();
            }
            reach = Some(reach.map_or(to, |r| r.max(to)));
        }
        Coverage {
            totals,
            covered_days,
        }
    }
}

/// Builds every person's intervals in date order.
pub fn align(dataset: &Dataset, max_days: i64) -> PolarsResult<Vec<Interval>> {
    let ssi = dataset
        .ssi
        .clone()
        .lazy()
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .collect()?;
    let people = strings(&ssi, PERSON)?;
    let days = dates(&ssi, DATE)?;
    let value_cols: Vec<(SsiColumn, Vec<Option<f64>>)> = SsiColumn::SCORE
        .iter()
        .map(|c| Ok((*c, f64s(&ssi, c.key())?)))
        .collect::<PolarsResult<_>>()?;
    let log = ActivityLog::new(dataset)?;
    let mut out = Vec::new();
    let mut person_id = 0;
    for i in 1..people.len() {
        if people[i] != people[i - 1] {
            person_id += 1;
            continue;
        }
        let (Some(d0), Some(d1)) = (days[i - 1], days[i]) else {
            continue;
        };
        let span = (d1 - d0).num_days();
        if span <= 0 {
            continue;
        }
        let weeks = span as f64 / 7.0;
        let mut changes = SsiValues::default();
        for (column, col) in &value_cols {
            changes[*column] = match (col[i - 1], col[i]) {
                (Some(a), Some(b)) => Some((b - a) / weeks),
                _ => None,
            };
        }
        let person = people[i].as_str();
        let coverage = log.over(person, d0, d1);
        let excluded = if span > max_days {
            Some(Exclusion::TooLong)
        } else if coverage.covered_days == 0 {
            Some(Exclusion::NoActivity)
        } else {
            None
        };
        out.push(Interval {
            person: person.to_string(),
            person_id,
            start: d0,
            end: d1,
            weeks,
            rates: coverage.rates(),
            changes,
            excluded,
        });
    }
    Ok(out)
}

/// Pairs each included interval's activity with the change of the interval `lag` places later for the
/// same person (lag 0: the same interval; lag 1: the next, since LinkedIn scores trailing activity).
/// Both intervals must be included and consecutive.
pub fn lag_pairs(intervals: &[Interval], lag: usize) -> Vec<(&Interval, &Interval)> {
    let mut out = Vec::new();
    for (i, a) in intervals.iter().enumerate() {
        let Some(b) = intervals.get(i + lag) else {
            continue;
        };
        let same_run = intervals[i..=i + lag]
            .windows(2)
            .all(|w| w[0].person_id == w[1].person_id && w[0].end == w[1].start);
        if a.excluded.is_none() && b.excluded.is_none() && same_run {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{activity, dataset, snap};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_are_inferred_from_the_spacing_of_dates() {
        let weekly = [day("2025-10-06"), day("2025-10-13"), day("2025-10-20")];
        assert_eq!(infer_period(&weekly), Period::Week);
        let monthly = [day("2025-08-01"), day("2025-09-01"), day("2025-10-01")];
        assert_eq!(infer_period(&monthly), Period::Month);
        let daily = [day("2025-10-06"), day("2025-10-07"), day("2025-10-09")];
        assert_eq!(infer_period(&daily), Period::Day);
        assert_eq!(
            Period::Month.span(day("2025-02-10")),
            (day("2025-02-01"), day("2025-03-01"))
        );
    }

    #[test]
    fn weekly_rows_are_split_across_intervals_by_days() {
        let c = |x: f64| [x, 10.0, 10.0, 10.0];
        // Snapshots on Oct 6, Oct 16 (10 days later) and Oct 30 (14 days later).
        let ds = dataset(
            vec![
                snap("A", "2025-10-06", 40.0, c(10.0)),
                snap("A", "2025-10-16", 42.0, c(12.0)),
                snap("A", "2025-10-30", 43.0, c(13.0)),
            ],
            vec![
                activity("A", "2025-10-06", Some(2.0), Some(1.0)),
                activity("A", "2025-10-13", Some(4.0), None),
                activity("A", "2025-10-20", Some(1.0), Some(7.0)),
                activity("A", "2025-10-27", Some(0.0), Some(0.0)),
            ],
        );
        let iv = align(&ds, DEFAULT_MAX_DAYS).unwrap();
        assert_eq!(iv.len(), 2);
        // [Oct 6, Oct 16): the week of Oct 6 whole (2 posts) and 3 of the 7 days of the week of Oct 13
        // (4 * 3/7 posts), over 10/7 weeks.
        let weeks = 10.0 / 7.0;
        let posts = 2.0 + 4.0 * 3.0 / 7.0;
        assert!((iv[0].weeks - weeks).abs() < 1e-12);
        assert!((iv[0].rates[0].unwrap() - posts / weeks).abs() < 1e-12);
        assert!((iv[0].rates[1].unwrap() - 1.0 / weeks).abs() < 1e-12);
        // ssi 40 -> 42 and brand 10 -> 12 over 10/7 weeks.
        assert!((iv[0].changes[SsiColumn::Ssi].unwrap() - 2.0 / weeks).abs() < 1e-12);
        assert!((iv[0].changes[SsiColumn::Brand].unwrap() - 2.0 / weeks).abs() < 1e-12);
        // [Oct 16, Oct 30): 4 of the 7 days of Oct 13's week, all of Oct 20's, 3 days of Oct 27's; 2 weeks.
        let posts = 4.0 * 4.0 / 7.0 + 1.0 + 0.0;
        assert!((iv[1].rates[0].unwrap() - posts / 2.0).abs() < 1e-12);
        assert!((iv[1].rates[1].unwrap() - (7.0 + 0.0) / 2.0).abs() < 1e-12);
        assert_eq!(iv[1].changes[SsiColumn::Ssi], Some(0.5));
        assert_eq!(lag_pairs(&iv, 0).len(), 2);
        let lagged = lag_pairs(&iv, 1);
        assert_eq!(lagged.len(), 1);
        assert_eq!(
            (lagged[0].0.start, lagged[0].1.start),
            (day("2025-10-06"), day("2025-10-16"))
        );
    }

    #[test]
    fn event_logs_count_quiet_days_as_zero_between_their_first_and_last_event() {
        let c = [10.0, 10.0, 10.0, 10.0];
        // Events on Oct 3 (1 post), Oct 17 (1 post, 2 comments) and Oct 20 (1 comment): the log covers
        // Oct 3 to Oct 20 (18 days). The week [Oct 6, Oct 13) has no event but lies inside the log: its
        // rates are 0, not missing.
        let ds = dataset(
            vec![
                snap("A", "2025-10-06", 40.0, c),
                snap("A", "2025-10-13", 40.0, c),
                snap("A", "2025-10-20", 40.0, c),
                snap("A", "2025-10-27", 40.0, c),
            ],
            vec![
                activity("A", "2025-10-03", Some(1.0), None),
                activity("A", "2025-10-17", Some(1.0), Some(2.0)),
                activity("A", "2025-10-20", None, Some(1.0)),
            ],
        );
        let iv = align(&ds, DEFAULT_MAX_DAYS).unwrap();
        assert_eq!(iv[0].excluded, None);
        assert_eq!(iv[0].rates, [Some(0.0), Some(0.0)]);
        assert_eq!(iv[1].rates, [Some(1.0), Some(2.0)]);
        // [Oct 20, Oct 27): only Oct 20 is inside the log: 1 comment over 1 day is 7 a week.
        assert_eq!(iv[2].rates, [Some(0.0), Some(7.0)]);
        let log = ActivityLog::new(&ds).unwrap();
        let october = log.over("A", day("2025-10-01"), day("2025-11-01"));
        assert_eq!(october.covered_days, 18);
        assert_eq!(october.totals, [Some(2.0), Some(3.0)]);
    }

    #[test]
    fn long_intervals_and_intervals_without_activity_are_left_out() {
        let c = [10.0, 10.0, 10.0, 10.0];
        let ds = dataset(
            vec![
                snap("A", "2025-06-02", 40.0, c),
                snap("A", "2025-08-04", 40.0, c),
                snap("A", "2025-08-11", 40.0, c),
                snap("A", "2025-08-18", 40.0, c),
                snap("B", "2025-08-04", 40.0, c),
            ],
            vec![activity("A", "2025-08-04", Some(1.0), None)],
        );
        let iv = align(&ds, DEFAULT_MAX_DAYS).unwrap();
        let kinds: Vec<Option<Exclusion>> = iv.iter().map(|i| i.excluded).collect();
        assert_eq!(
            kinds,
            [Some(Exclusion::TooLong), None, Some(Exclusion::NoActivity)]
        );
        assert!(lag_pairs(&iv, 1).is_empty());
    }
}
