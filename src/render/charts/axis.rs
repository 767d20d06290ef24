//! The date axis shared by time charts: x as days since 1970-01-01 (f64), with key points on month starts
//! spaced to fit the span, labelled "Jan 2026" (or "6 Oct" for spans under three months).

use crate::model::dataset::{epoch_days, from_epoch_days};
use chrono::{Datelike, NaiveDate};

/// The x range and its tick positions.
#[derive(Debug, Clone, PartialEq)]
pub struct DateAxis {
    /// Lower bound (days).
    pub start: f64,
    /// Upper bound (days).
    pub end: f64,
    /// Tick positions (days).
    pub ticks: Vec<f64>,
    /// True when labels show day and month.
    pub short_span: bool,
}

/// Day number of a date as an x coordinate.
pub fn x(d: NaiveDate) -> f64 {
    epoch_days(d) as f64
}

impl DateAxis {
    /// An axis covering `first..=last` with a little padding.
    pub fn new(first: NaiveDate, last: NaiveDate) -> DateAxis {
        let span = (last - first).num_days().max(1);
        let pad = (span as f64 * 0.02).max(2.0);
        let start = x(first) - pad;
        let end = x(last) + pad;
        let short_span = span < 92;
        let mut ticks = Vec::new();
        if short_span {
            let step = if span <= 21 { 1 } else { 7 };
            let mut d = first;
            while d <= last {
                ticks.push(x(d));
                d += chrono::Duration::days(step);
            }
        } else {
            let months = span / 30;
            let every = match months {
                0..=14 => 1,
                15..=28 => 2,
                29..=42 => 3,
                43..=84 => 6,
                _ => 12,
            };
            let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
            while d <= last {
                if (d.month0() as i64) % every == 0 && x(d) >= start {
                    ticks.push(x(d));
                }
                d = d
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(NaiveDate::MAX);
            }
        }
        DateAxis {
            start,
            end,
            ticks,
            short_span,
        }
    }

    /// The label for a tick.
    pub fn label(&self, v: f64) -> String {
        match from_epoch_days(v.round() as i32) {
            Some(d) if self.short_span => d.format("%-d %b").to_string(),
            Some(d) => d.format("%b %Y").to_string(),
            None => String::new(),
        }
    }
}

impl plotters::coord::ranged1d::Ranged for DateAxis {
    type FormatOption = plotters::coord::ranged1d::NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = (self.end - self.start).max(f64::EPSILON);
        let t = (value - self.start) / span;
        limit.0 + (t * (limit.1 - limit.0) as f64).round() as i32
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let max = hint.max_num_points().max(1);
        if self.ticks.len() <= max {
            return self.ticks.clone();
        }
        let step = self.ticks.len().div_ceil(max);
        self.ticks.iter().step_by(step).copied().collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.start..self.end
    }
}

impl plotters::coord::ranged1d::ValueFormatter<f64> for DateAxis {
    fn format_ext(&self, value: &f64) -> String {
        self.label(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_spans_tick_on_month_starts() {
        let a = DateAxis::new(
            NaiveDate::from_ymd_opt(2025, 4, 14).unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
        );
        let labels: Vec<String> = a.ticks.iter().map(|t| a.label(*t)).collect();
        assert_eq!(labels.first().map(String::as_str), Some("May 2025"));
        assert!(labels.iter().all(|l| l.len() == 8), "{labels:?}");
        assert!(labels.len() <= 12, "{labels:?}");
    }
}
