//! Interval alignment: consecutive snapshots of a person define intervals, and the activity logged in each
//! interval is turned into weekly rates beside the weekly change of the SSI and its components. Activity
//! rows cover a period (a day, a week starting on their date, or a calendar month, inferred per person
//! from the spacing of their dates) and are split across intervals by the days that fall in each.
//! docs/analysis.md states the rules; this module is the only place that applies them.

use super::frame::{dates, f64s, strings};
use crate::model::schema::{SsiColumn, DATE, PERSON};
use crate::model::Dataset;
use chrono::{Datelike, Duration, NaiveDate};
use polars::prelude::*;
use std::collections::BTreeMap;

/// Intervals longer than this many days are left out of the linkage by default.
pub const DEFAULT_MAX_DAYS: i64 = 45;

/// An interval's rate of a metric is used only when the log covers at least this share of its days for
/// that metric (a first or last interval that the log only touches would otherwise get an inflated rate).
pub const MIN_COVERED_SHARE: f64 = 0.8;

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

/// Changes per week of the total and the components (`SsiColumn::SCORE`, in that order): an interval
/// holds only these, as a large team has hundreds of thousands of intervals. NaN stands for none (a change
/// is the difference of two finite scores over a positive number of weeks, never NaN): half the room of
/// options.
#[derive(Clone, Copy)]
pub struct ScoreChanges([f64; SsiColumn::SCORE.len()]);

/// Compared and shown as the options they stand for: none equals none.
impl PartialEq for ScoreChanges {
    fn eq(&self, other: &ScoreChanges) -> bool {
        self.0.map(f64::to_bits) == other.0.map(f64::to_bits)
    }
}

impl std::fmt::Debug for ScoreChanges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(SsiColumn::SCORE.iter().map(|c| self.get(*c)))
            .finish()
    }
}

impl Default for ScoreChanges {
    fn default() -> ScoreChanges {
        ScoreChanges([f64::NAN; SsiColumn::SCORE.len()])
    }
}

impl ScoreChanges {
    /// The change of a column; `None` when either end lacks it, and for a column that is not a score.
    pub fn get(&self, column: SsiColumn) -> Option<f64> {
        SsiColumn::SCORE
            .iter()
            .position(|c| *c == column)
            .map(|i| self.0[i])
            .filter(|v| !v.is_nan())
    }
}

/// An interval's rate per week of each metric, `None` where withheld: held as one number per metric, NaN
/// for none (a rate is a finite total over a positive number of days, never NaN), half the room of a
/// vector of options, for the hundreds of thousands of intervals of a large team.
pub type Rates = crate::model::records::MetricValues;

/// One interval between consecutive snapshots of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The person (shared by the person's intervals).
    pub person: std::sync::Arc<str>,
    /// The person as a number: 0 for the first person (by name), 1 for the next... (32 bits, as a team
    /// has hundreds of thousands of intervals).
    pub person_id: u32,
    /// The earlier snapshot's date (included).
    pub start: NaiveDate,
    /// The later snapshot's date (excluded).
    pub end: NaiveDate,
    /// Length in weeks (days / 7).
    pub weeks: f64,
    /// Activity per week over the days of the interval the log covers for each dataset metric; `None`
    /// where the log covers less than `MIN_COVERED_SHARE` of the interval's days for that metric.
    pub rates: Rates,
    /// Metrics whose rate is withheld because the log covers some, but too few, of the interval's days.
    pub thinly_covered: u16,
    /// Change per week of each of `SsiColumn::SCORE` (ssi and the components; `None` when either end
    /// lacks it, and for every other column).
    pub changes: ScoreChanges,
    /// Why it is left out of the linkage, if it is.
    pub excluded: Option<Exclusion>,
}

/// One person's activity rows.
#[derive(Debug, Clone)]
struct PersonLog {
    period: Period,
    /// For a log of dated events, the last day it speaks for when later than its last event.
    until: Option<NaiveDate>,
    /// The rows' dates, in order.
    dates: Vec<NaiveDate>,
    /// The rows' values, a run of one per metric for each row, NaN where blank (no allocation per row
    /// and no option per value: a large team logs hundreds of thousands of rows).
    values: Vec<f64>,
    /// Per metric: whether any row gives it.
    logged: Vec<bool>,
}

impl PersonLog {
    /// The rows from the `first`th on: each date with its value per metric (NaN where blank).
    fn rows_from(&self, first: usize) -> impl Iterator<Item = (NaiveDate, &[f64])> {
        let metrics = self.logged.len();
        (first..self.dates.len())
            .map(move |i| (self.dates[i], &self.values[i * metrics..(i + 1) * metrics]))
    }
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
    /// Days of the span the log covers for any metric.
    pub covered_days: i64,
    /// Per metric: days of the span covered by rows that give the metric (a blank cell covers nothing).
    pub metric_days: Vec<i64>,
}

impl Coverage {
    /// Per-week rates over each metric's covered days (`None` with no coverage).
    pub fn rates(&self) -> Vec<Option<f64>> {
        self.totals
            .iter()
            .zip(&self.metric_days)
            .map(|(t, days)| t.filter(|_| *days > 0).map(|t| t * 7.0 / *days as f64))
            .collect()
    }

    /// Per-week rates of the metrics covered on at least `MIN_COVERED_SHARE` of `span_days`, and how many
    /// metrics were covered on fewer (but some) days.
    pub fn rates_covering(&self, span_days: i64) -> (Vec<Option<f64>>, usize) {
        let needed = MIN_COVERED_SHARE * span_days as f64;
        let mut thin = 0;
        let rates = self
            .rates()
            .into_iter()
            .zip(&self.metric_days)
            .map(|(rate, days)| {
                let enough = *days as f64 >= needed - 1e-9;
                thin += usize::from(rate.is_some() && !enough);
                rate.filter(|_| enough)
            })
            .collect();
        (rates, thin)
    }
}

/// What a person logged of one metric over a span, for a rate per week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Logged {
    /// The total.
    pub total: f64,
    /// Days the log covers for the metric.
    pub days: i64,
    /// Weekly rows counted, for a weekly log.
    pub weekly_rows: Option<usize>,
}

impl Logged {
    /// The rate per week.
    pub fn per_week(&self) -> f64 {
        self.total * 7.0 / self.days as f64
    }

    /// Weeks logged (days / 7).
    pub fn weeks(&self) -> f64 {
        self.days as f64 / 7.0
    }
}

/// Days in the union of `[from, to)` spans.
fn union_days(mut spans: Vec<(NaiveDate, NaiveDate)>) -> i64 {
    spans.sort();
    let mut days = 0;
    let mut reach: Option<NaiveDate> = None;
    for (from, to) in spans {
        let from = reach.map_or(from, |r| from.max(r));
        if to > from {
            days += (to - from).num_days();
        }
        reach = Some(reach.map_or(to, |r| r.max(to)));
    }
    days
}

impl ActivityLog {
    /// Reads the activity table of a dataset: each person's run of rows in the sorted frame becomes one
    /// log, made at its size, with the metric columns read in place (a list of options per column and
    /// a name per row were hundreds of megabytes for a large team, and stayed resident).
    pub fn new(dataset: &Dataset) -> PolarsResult<ActivityLog> {
        let activity = dataset
            .activity
            .clone()
            .lazy()
            .sort([PERSON, DATE], SortMultipleOptions::default())
            .collect()?;
        let names = activity.column(PERSON)?.str()?.rechunk().into_owned();
        let days = dates(&activity, DATE)?;
        let columns: Vec<Float64Chunked> = dataset
            .metrics
            .iter()
            .map(|m| {
                let col = activity.column(m)?.cast(&DataType::Float64)?;
                Ok(col.f64()?.rechunk().into_owned())
            })
            .collect::<PolarsResult<_>>()?;
        let metrics = dataset.metrics.len();
        let mut people: BTreeMap<String, PersonLog> = BTreeMap::new();
        let height = activity.height();
        let mut start = 0;
        while start < height {
            let person = names.get(start).unwrap_or_default();
            let end = (start..height)
                .find(|i| names.get(*i).unwrap_or_default() != person)
                .unwrap_or(height);
            let dated = days[start..end].iter().filter(|d| d.is_some()).count();
            if dated > 0 {
                let mut log = PersonLog {
                    period: Period::Day,
                    until: dataset.log_ends.get(person).copied(),
                    dates: Vec::with_capacity(dated),
                    values: Vec::with_capacity(dated * metrics),
                    logged: vec![false; metrics],
                };
                for (i, day) in days.iter().enumerate().take(end).skip(start) {
                    let Some(date) = day else { continue };
                    for (l, c) in log.logged.iter_mut().zip(&columns) {
                        let value = c.get(i);
                        *l |= value.is_some();
                        log.values.push(value.unwrap_or(f64::NAN));
                    }
                    log.dates.push(*date);
                }
                log.period = infer_period(&log.dates);
                people.insert(person.to_string(), log);
            }
            start = end;
        }
        Ok(ActivityLog { people, metrics })
    }

    /// The last day any person's log covers: a dated event's day (or the day the log was exported),
    /// the last day of a weekly or monthly row's period.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.people
            .values()
            .filter_map(|log| {
                let date = *log.dates.last()?;
                Some(match log.period {
                    Period::Day => log.until.map_or(date, |u| u.max(date)),
                    period => period.span(date).1 - Duration::days(1),
                })
            })
            .max()
    }

    /// A person's activity per metric over the days `[start, end)` for a rate per week: a weekly row
    /// counts wholly in the span holding its date (its week belongs to it; no day of it is spread
    /// across the span's edge), daily and monthly logs count the days they cover. `None` where the
    /// metric is not logged there.
    pub fn weeks_in(&self, person: &str, start: NaiveDate, end: NaiveDate) -> Vec<Option<Logged>> {
        let Some(log) = self.people.get(person) else {
            return vec![None; self.metrics];
        };
        if log.period != Period::Week {
            let cover = self.over(person, start, end);
            return cover
                .totals
                .iter()
                .zip(&cover.metric_days)
                .map(|(t, days)| {
                    t.filter(|_| *days > 0).map(|total| Logged {
                        total,
                        days: *days,
                        weekly_rows: None,
                    })
                })
                .collect();
        }
        let mut out: Vec<Option<Logged>> = vec![None; self.metrics];
        for (_, values) in log.rows_from(0).filter(|(d, _)| *d >= start && *d < end) {
            for (o, v) in out.iter_mut().zip(values) {
                if !v.is_nan() {
                    let l = o.get_or_insert(Logged {
                        total: 0.0,
                        days: 0,
                        weekly_rows: Some(0),
                    });
                    l.total += v;
                    l.days += 7;
                    l.weekly_rows = l.weekly_rows.map(|n| n + 1);
                }
            }
        }
        out
    }

    /// The period a person's rows cover.
    pub fn period(&self, person: &str) -> Option<Period> {
        self.people.get(person).map(|l| l.period)
    }

    /// A person's activity over the days `[start, end)`: each row counts in proportion to the days of its
    /// period inside the span. Weekly and monthly logs cover the days of their rows' periods. A log of
    /// dated events (a day each) covers every day from its first row to its last, or to the day it was
    /// exported when that is later (`Dataset::log_ends`): a day without a row had no activity, so each
    /// metric the person logs counts as 0 there. Each metric's covered days are counted apart: a blank
    /// cell covers nothing for its metric.
    pub fn over(&self, person: &str, start: NaiveDate, end: NaiveDate) -> Coverage {
        let mut totals: Vec<Option<f64>> = vec![None; self.metrics];
        let Some(log) = self.people.get(person) else {
            return Coverage {
                totals,
                covered_days: 0,
                metric_days: vec![0; self.metrics],
            };
        };
        let mut spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        let mut metric_spans: Vec<Vec<(NaiveDate, NaiveDate)>> = vec![Vec::new(); self.metrics];
        if log.period == Period::Day {
            if let (Some(first), Some(last)) = (log.dates.first(), log.dates.last()) {
                let last_day = log.until.map_or(*last, |until| until.max(*last));
                let (from, to) = ((*first).max(start), (last_day + Duration::days(1)).min(end));
                if to > from {
                    spans.push((from, to));
                    for ((t, logged), m) in
                        totals.iter_mut().zip(&log.logged).zip(&mut metric_spans)
                    {
                        if *logged {
                            *t = Some(0.0);
                            m.push((from, to));
                        }
                    }
                }
            }
        }
        // No period is longer than 31 days, so earlier rows cannot reach the span.
        let first = log
            .dates
            .partition_point(|d| *d + Duration::days(31) < start);
        for (date, values) in log.rows_from(first) {
            let (a, b) = log.period.span(date);
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
            for ((t, v), m) in totals.iter_mut().zip(values).zip(&mut metric_spans) {
                if !v.is_nan() {
                    *t = Some(t.unwrap_or(0.0) + v * share);
                    if log.period != Period::Day {
                        m.push((from, to));
                    }
                }
            }
        }
        Coverage {
            totals,
            covered_days: union_days(spans),
            metric_days: metric_spans.into_iter().map(union_days).collect(),
        }
    }
}

/// Builds every person's intervals in date order, their activity read from `log` (the dataset's).
pub fn align(dataset: &Dataset, log: &ActivityLog, max_days: i64) -> PolarsResult<Vec<Interval>> {
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
    // At most one interval per snapshot: reserved once, as a large team has hundreds of thousands.
    let mut out = Vec::with_capacity(people.len());
    let mut person_id: u32 = 0;
    let mut person: std::sync::Arc<str> = people.first().map_or("".into(), |p| p.as_str().into());
    for i in 1..people.len() {
        if people[i] != people[i - 1] {
            person_id += 1;
            person = people[i].as_str().into();
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
        let mut changes = ScoreChanges::default();
        for (slot, (_, col)) in changes.0.iter_mut().zip(&value_cols) {
            *slot = match (col[i - 1], col[i]) {
                (Some(a), Some(b)) => (b - a) / weeks,
                _ => f64::NAN,
            };
        }
        let coverage = log.over(&person, d0, d1);
        let (rates, thinly_covered) = coverage.rates_covering(span);
        let excluded = if span > max_days {
            Some(Exclusion::TooLong)
        } else if coverage.covered_days == 0 {
            Some(Exclusion::NoActivity)
        } else {
            None
        };
        out.push(Interval {
            person: person.clone(),
            person_id,
            start: d0,
            end: d1,
            weeks,
            rates: rates.into_iter().collect(),
            thinly_covered: u16::try_from(thinly_covered).unwrap_or(u16::MAX),
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
    /// An interval is 96 bytes besides its rates: a large team holds millions of them at once.
    #[test]
    fn an_interval_stays_small() {
        assert!(std::mem::size_of::<super::Interval>() <= 96);
        let none = super::ScoreChanges::default();
        assert_eq!(none.get(crate::model::schema::SsiColumn::Ssi), None);
        assert_eq!(none, super::ScoreChanges::default());
        assert_eq!(format!("{none:?}"), "[None, None, None, None, None]");
    }

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
        let iv = align(&ds, &ActivityLog::new(&ds).unwrap(), DEFAULT_MAX_DAYS).unwrap();
        assert_eq!(iv.len(), 2);
        // [Oct 6, Oct 16): the week of Oct 6 whole (2 posts) and 3 of the 7 days of the week of Oct 13
        // (4 * 3/7 posts), over 10/7 weeks.
        let weeks = 10.0 / 7.0;
        let posts = 2.0 + 4.0 * 3.0 / 7.0;
        assert!((iv[0].weeks - weeks).abs() < 1e-12);
        assert!((iv[0].rates.get(0).unwrap() - posts / weeks).abs() < 1e-12);
        // Comments: the week of Oct 13 leaves them blank, so only 7 of the 10 days are covered for
        // them, under 80%: no rate (a blank is not a zero).
        assert_eq!(iv[0].rates.get(1), None);
        assert_eq!(iv[0].thinly_covered, 1);
        // ssi 40 -> 42 and brand 10 -> 12 over 10/7 weeks.
        assert!((iv[0].changes.get(SsiColumn::Ssi).unwrap() - 2.0 / weeks).abs() < 1e-12);
        assert!((iv[0].changes.get(SsiColumn::Brand).unwrap() - 2.0 / weeks).abs() < 1e-12);
        // [Oct 16, Oct 30): 4 of the 7 days of Oct 13's week, all of Oct 20's, 3 days of Oct 27's; 2 weeks.
        let posts = 4.0 * 4.0 / 7.0 + 1.0 + 0.0;
        assert!((iv[1].rates.get(0).unwrap() - posts / 2.0).abs() < 1e-12);
        // Comments are covered on Oct 20-29 only: 10 of 14 days, under 80%. Over those days the rate is
        // 7 comments in 10 days, 4.9 a week (not 7 over the 14 days, 3.5).
        assert_eq!(iv[1].rates.get(1), None);
        let log = ActivityLog::new(&ds).unwrap();
        let late = log.over("A", day("2025-10-16"), day("2025-10-30"));
        assert_eq!(late.metric_days, [14, 10]);
        assert!((late.rates()[1].unwrap() - 4.9).abs() < 1e-12);
        assert_eq!(iv[1].changes.get(SsiColumn::Ssi), Some(0.5));
        assert_eq!(lag_pairs(&iv, 0).len(), 2);
        let lagged = lag_pairs(&iv, 1);
        assert_eq!(lagged.len(), 1);
        assert_eq!(
            (lagged[0].0.start, lagged[0].1.start),
            (day("2025-10-06"), day("2025-10-16"))
        );
    }

    #[test]
    fn event_logs_count_quiet_days_as_zero_and_a_barely_touched_interval_has_no_rate() {
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
        let iv = align(&ds, &ActivityLog::new(&ds).unwrap(), DEFAULT_MAX_DAYS).unwrap();
        assert_eq!(iv[0].excluded, None);
        assert_eq!(iv[0].rates.to_vec(), [Some(0.0), Some(0.0)]);
        assert_eq!(iv[1].rates.to_vec(), [Some(1.0), Some(2.0)]);
        // [Oct 20, Oct 27): only Oct 20 is inside the log, 1 day of 7: one comment is not "7 a week".
        assert_eq!(iv[2].rates.to_vec(), [None, None]);
        assert_eq!(iv[2].thinly_covered, 2);
        let log = ActivityLog::new(&ds).unwrap();
        let october = log.over("A", day("2025-10-01"), day("2025-11-01"));
        assert_eq!(october.covered_days, 18);
        assert_eq!(october.totals, [Some(2.0), Some(3.0)]);

        // Exported on Oct 26: the log speaks for every day up to it, so [Oct 20, Oct 27) is covered on
        // Oct 20-26, 7 of 7 days (the 80% rule is met): 0 posts and 1 comment a week.
        let mut exported = ds.clone();
        exported.log_ends.insert("A".into(), day("2025-10-26"));
        let iv = align(
            &exported,
            &ActivityLog::new(&exported).unwrap(),
            DEFAULT_MAX_DAYS,
        )
        .unwrap();
        assert_eq!(iv[2].rates.to_vec(), [Some(0.0), Some(1.0)]);
        assert_eq!(iv[2].thinly_covered, 0);
        let log = ActivityLog::new(&exported).unwrap();
        assert_eq!(
            log.over("A", day("2025-10-01"), day("2025-11-01"))
                .covered_days,
            24
        );
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
        let iv = align(&ds, &ActivityLog::new(&ds).unwrap(), DEFAULT_MAX_DAYS).unwrap();
        let kinds: Vec<Option<Exclusion>> = iv.iter().map(|i| i.excluded).collect();
        assert_eq!(
            kinds,
            [Some(Exclusion::TooLong), None, Some(Exclusion::NoActivity)]
        );
        assert!(lag_pairs(&iv, 1).is_empty());
    }
}
