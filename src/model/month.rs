//! The calendar month a report is about (`YYYY-MM`): parsing, display and its first and last days.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1-12.
    pub month: u32,
}

impl Month {
    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The month before.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// "October 2025".
    pub fn long_name(self) -> String {
        self.first_day().format("%B %Y").to_string()
    }
}

/// Days the data must stop short of a month's end for the month to count as in progress.
pub const IN_PROGRESS_DAYS: i64 = 7;

/// The days of a report month its data reach: the whole month, or up to the last day the data speak
/// for when they stop before the month's end (a month in progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthWindow {
    /// The month.
    pub month: Month,
    /// The last day counted: the month's last day, or the last day of data in a month in progress.
    pub through: NaiveDate,
}

impl MonthWindow {
    /// The whole month.
    pub fn whole(month: Month) -> MonthWindow {
        MonthWindow {
            month,
            through: month.last_day(),
        }
    }

    /// The month up to `last_data_day` when that falls a week or more before its end (`IN_PROGRESS_DAYS`);
    /// the whole month otherwise, since a last weekly or monthly snapshot a few days before the end is the
    /// month's end for people who log that way.
    pub fn to(month: Month, last_data_day: NaiveDate) -> MonthWindow {
        let short = (month.last_day() - last_data_day).num_days();
        if short < IN_PROGRESS_DAYS {
            return MonthWindow::whole(month);
        }
        MonthWindow {
            month,
            through: last_data_day.clamp(month.first_day(), month.last_day()),
        }
    }

    /// True when the data stop before the month's last day.
    pub fn in_progress(self) -> bool {
        self.through < self.month.last_day()
    }

    /// The days counted, `[first, through + 1)`.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        (
            self.month.first_day(),
            self.through + chrono::Duration::days(1),
        )
    }

    /// The same days of the previous month (its whole length when this month is whole; capped at its
    /// last day), `[first, end)`.
    pub fn previous_days(self) -> (NaiveDate, NaiveDate) {
        let previous = self.month.previous();
        let end = if self.in_progress() {
            (previous.first_day() + chrono::Duration::days(i64::from(self.through.day()) - 1))
                .min(previous.last_day())
        } else {
            previous.last_day()
        };
        (previous.first_day(), end + chrono::Duration::days(1))
    }

    /// "November 2026", or "November 2026, to 16 November" in a month in progress.
    pub fn label(self) -> String {
        if self.in_progress() {
            format!("{}, to {}", self.month.long_name(), day_month(self.through))
        } else {
            self.month.long_name()
        }
    }

    /// "at the end of October 2026", or "on 16 November 2026" in a month in progress.
    pub fn at_end(self) -> String {
        if self.in_progress() {
            format!("on {}", self.through.format("%-d %B %Y"))
        } else {
            format!("at the end of {}", self.month.long_name())
        }
    }

    /// "end of October 2026", or "on 16 November 2026" in a month in progress.
    pub fn end(self) -> String {
        if self.in_progress() {
            self.through.format("on %-d %B %Y").to_string()
        } else {
            format!("end of {}", self.month.long_name())
        }
    }

    /// "the end of October 2026", or "16 November 2026" in a month in progress.
    pub fn last_day_phrase(self) -> String {
        if self.in_progress() {
            self.through.format("%-d %B %Y").to_string()
        } else {
            format!("the end of {}", self.month.long_name())
        }
    }

    /// "1–16 November 2026" in a month in progress, "November 2026" otherwise.
    pub fn span_label(self) -> String {
        if self.in_progress() {
            format!("1–{}", self.through.format("%-d %B %Y"))
        } else {
            self.month.long_name()
        }
    }

    /// The previous month's days compared: "1–16 October 2026", or "October 2026" when whole.
    pub fn previous_span_label(self) -> String {
        let (from, end) = self.previous_days();
        let last = end - chrono::Duration::days(1);
        if self.in_progress() {
            format!("{}–{}", from.day(), last.format("%-d %B %Y"))
        } else {
            self.month.previous().long_name()
        }
    }
}

/// "16 November".
pub fn day_month(d: NaiveDate) -> String {
    d.format("%-d %B").to_string()
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a month; write it as YYYY-MM, e.g. 2025-10");
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_yyyy_mm() {
        let m: Month = "2025-02".parse().unwrap();
        assert_eq!(m.to_string(), "2025-02");
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
        assert_eq!(m.previous().to_string(), "2025-01");
        assert!("2025-13".parse::<Month>().is_err());
        assert!("25-01".parse::<Month>().is_err());
    }

    #[test]
    fn january_steps_back_to_december() {
        let m: Month = "2026-01".parse().unwrap();
        assert_eq!(m.previous().to_string(), "2025-12");
        assert_eq!(
            m.previous().last_day(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
        assert_eq!(
            "2024-02".parse::<Month>().unwrap().last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn a_month_is_in_progress_when_the_data_stop_a_week_or_more_before_its_end() {
        let m: Month = "2026-10".parse().unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        // A last weekly snapshot on the 25th (6 days short) is the month's end.
        assert!(!MonthWindow::to(m, day(25)).in_progress());
        assert_eq!(MonthWindow::to(m, day(25)).label(), "October 2026");
        // Data stopping on the 24th (7 days short) leave the month in progress.
        let w = MonthWindow::to(m, day(24));
        assert!(w.in_progress());
        assert_eq!(w.label(), "October 2026, to 24 October");
        assert_eq!(w.previous_span_label(), "1–24 September 2026");
        // A previous month shorter than the days compared is counted whole: 1-30 March against all of
        // February.
        let march = MonthWindow::to(
            "2026-03".parse().unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
        );
        assert_eq!(march.previous_span_label(), "1–20 February 2026");
        let late = MonthWindow {
            month: "2026-03".parse().unwrap(),
            through: NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
        };
        assert_eq!(late.previous_span_label(), "1–28 February 2026");
    }
}
