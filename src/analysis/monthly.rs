//! Month-end figures per person: the last snapshot on or before the report month's last day and the
//! previous month's, their difference, the weakest component, and activity totals for both months (the
//! same days of each when the report month is in progress).

use super::frame::{dates, f64s, round2, strings, SsiColumns};
use super::intervals::ActivityLog;
use super::{AnalysisError, PersonMonth, Snapshot};
use crate::model::schema::{SsiColumn, SsiValues, DATE, PERSON};
use crate::model::{Dataset, Month, MonthWindow};
use chrono::NaiveDate;
use polars::prelude::*;
use std::collections::BTreeMap;

/// The last snapshot on or before `cutoff` for every person that has one (a frame: person, date, values).
pub fn last_on_or_before(ssi: &DataFrame, cutoff: NaiveDate) -> PolarsResult<DataFrame> {
    let mut aggs = vec![col(DATE).last()];
    aggs.extend(SsiColumn::ALL.iter().map(|c| col(c.key()).last()));
    ssi.clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(cutoff)))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .group_by_stable([col(PERSON)])
        .agg(aggs)
        .sort([PERSON], SortMultipleOptions::default())
        .collect()
}

/// The latest value of each peer column per person among the snapshots dated in `[from, to]` (a peer
/// column's own latest, so a tracker row without peers after a scraper row with them keeps them); the
/// person's own columns stay empty.
fn latest_peers(
    ssi: &DataFrame,
    from: NaiveDate,
    to: NaiveDate,
) -> PolarsResult<BTreeMap<String, SsiValues>> {
    let peer_columns: Vec<SsiColumn> = SsiColumn::ALL
        .into_iter()
        .filter(|c| c.peers().is_some())
        .collect();
    let aggs: Vec<Expr> = peer_columns
        .iter()
        .map(|c| col(c.key()).drop_nulls().last())
        .collect();
    let df = ssi
        .clone()
        .lazy()
        .filter(col(DATE).gt_eq(lit(from)).and(col(DATE).lt_eq(lit(to))))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .group_by_stable([col(PERSON)])
        .agg(aggs)
        .collect()?;
    let names = strings(&df, PERSON)?;
    let cols: Vec<(SsiColumn, Vec<Option<f64>>)> = peer_columns
        .iter()
        .map(|c| Ok((*c, f64s(&df, c.key())?)))
        .collect::<PolarsResult<_>>()?;
    Ok(names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let mut values = SsiValues::default();
            for (c, col) in &cols {
                values.set(*c, col[i]);
            }
            (name, values)
        })
        .collect())
}

fn snapshots_by_person(df: &DataFrame) -> PolarsResult<BTreeMap<String, Snapshot>> {
    let names = strings(df, PERSON)?;
    let days = dates(df, DATE)?;
    let rows = SsiColumns::of(df)?;
    let mut out = BTreeMap::new();
    for (i, (name, date)) in names.into_iter().zip(days).enumerate() {
        let Some(date) = date else { continue };
        out.insert(
            name,
            Snapshot {
                date,
                values: rows.row(i),
            },
        );
    }
    Ok(out)
}

/// A person's activity totals per metric over `[from, to)`, weekly and monthly rows split by the days
/// they cover; `None` where nothing was logged.
fn activity_totals(
    log: &ActivityLog,
    person: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<Option<f64>> {
    log.over(person, from, to)
        .totals
        .into_iter()
        .map(|t| t.map(round2))
        .collect()
}

/// Snapshots per person dated inside `[from, to]`.
fn snapshot_counts(
    ssi: &DataFrame,
    from: NaiveDate,
    to: NaiveDate,
) -> PolarsResult<BTreeMap<String, usize>> {
    let df = ssi
        .clone()
        .lazy()
        .filter(col(DATE).gt_eq(lit(from)).and(col(DATE).lt_eq(lit(to))))
        .group_by([col(PERSON)])
        .agg([len().alias("n")])
        .collect()?;
    let names = strings(&df, PERSON)?;
    let counts = f64s(&df, "n")?;
    Ok(names
        .into_iter()
        .zip(counts)
        .map(|(n, c)| (n, c.unwrap_or(0.0) as usize))
        .collect())
}

/// Per-person results for the month, sorted by name; people with no snapshot by the month's end are left
/// out (they have nothing to report yet). Activity is totalled over the window's days and the same days
/// of the month before.
pub fn person_months(
    dataset: &Dataset,
    window: MonthWindow,
    log: &ActivityLog,
) -> Result<Vec<PersonMonth>, AnalysisError> {
    let month = window.month;
    let current = snapshots_by_person(&last_on_or_before(&dataset.ssi, month.last_day())?)?;
    // Peer averages recorded during the month count even when the month's last snapshot lacks them.
    let month_peers = latest_peers(&dataset.ssi, month.first_day(), month.last_day())?;
    let compared = |name: &str, month_end: &Snapshot| {
        let mut view = month_end.clone();
        if let Some(peers) = month_peers.get(name) {
            if peers
                .iter()
                .any(|(c, v)| c.is_peer_component() && v.is_some())
            {
                for (c, v) in peers.iter().filter(|(c, _)| c.peers().is_some()) {
                    view.values.set(c, v);
                }
            }
        }
        super::peers::compare(&view)
    };
    let previous = snapshots_by_person(&last_on_or_before(
        &dataset.ssi,
        month.previous().last_day(),
    )?)?;
    let counts = snapshot_counts(&dataset.ssi, month.first_day(), month.last_day())?;
    let mut out = Vec::with_capacity(current.len());
    for (name, month_end) in current {
        let previous_month_end = previous.get(&name).cloned();
        let snapshots_in_month = counts.get(&name).copied().unwrap_or(0);
        let mut mom_change = SsiValues::default();
        if let (Some(p), true) = (&previous_month_end, snapshots_in_month > 0) {
            for column in SsiColumn::CHANGES {
                let change = match (month_end.get(column), p.get(column)) {
                    (Some(a), Some(b)) => Some(round2(a - b)),
                    _ => None,
                };
                mom_change.set(column, change);
            }
        }
        out.push(PersonMonth {
            peers: compared(&name, &month_end),
            weakest_component: month_end.weakest_component(),
            snapshots_in_month,
            activity_month: activity_totals(log, &name, window.days()),
            activity_previous_month: activity_totals(log, &name, window.previous_days()),
            name,
            month_end,
            previous_month_end,
            mom_change,
        });
    }
    Ok(out)
}

/// Rows (snapshots and activity) dated after the month's last day.
pub fn rows_after(dataset: &Dataset, month: Month) -> PolarsResult<usize> {
    let cutoff = month.last_day();
    let count = |df: &DataFrame| -> PolarsResult<usize> {
        Ok(df
            .clone()
            .lazy()
            .filter(col(DATE).gt(lit(cutoff)))
            .collect()?
            .height())
    };
    Ok(count(&dataset.ssi)? + count(&dataset.activity)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{activity, dataset, snap};
    use crate::model::schema::Component;

    /// The whole month's figures, as the report of a finished month computes them.
    fn months(ds: &Dataset, month: Month) -> Vec<PersonMonth> {
        let log = ActivityLog::new(ds).unwrap();
        person_months(ds, MonthWindow::whole(month), &log).unwrap()
    }

    #[test]
    fn month_end_is_the_last_snapshot_on_or_before_the_last_day() {
        let ds = dataset(
            vec![
                snap("A", "2025-09-10", 50.0, [12.0, 13.0, 12.5, 12.5]),
                snap("A", "2025-09-30", 52.0, [12.4, 13.2, 13.1, 13.3]),
                snap("A", "2025-10-15", 54.0, [12.8, 13.5, 13.6, 14.1]),
                snap("A", "2025-11-02", 60.0, [15.0, 15.0, 15.0, 15.0]),
                snap("B", "2025-10-20", 40.0, [10.0, 10.0, 10.0, 10.0]),
            ],
            vec![],
        );
        let month: Month = "2025-10".parse().unwrap();
        let people = months(&ds, month);
        assert_eq!(people.len(), 2);
        let a = &people[0];
        assert_eq!(a.month_end.date.to_string(), "2025-10-15");
        assert_eq!(
            a.previous_month_end.as_ref().map(|s| s.date.to_string()),
            Some("2025-09-30".into())
        );
        // 54 - 52 and 12.8 - 12.4, 14.1 - 13.3 by hand.
        assert_eq!(a.change(SsiColumn::Ssi), Some(2.0));
        assert_eq!(a.change(SsiColumn::Brand), Some(0.4));
        assert_eq!(a.change(SsiColumn::Relationships), Some(0.8));
        assert_eq!(a.weakest_component, Some(Component::Brand));
        assert_eq!(a.snapshots_in_month, 1);
        let b = &people[1];
        assert!(b.previous_month_end.is_none());
        assert_eq!(b.change(SsiColumn::Ssi), None);
        // A four-way tie goes to the first component in LinkedIn's order.
        assert_eq!(b.weakest_component, Some(Component::Brand));
    }

    #[test]
    fn weekly_rows_are_split_by_their_days_and_a_metric_never_logged_is_null() {
        let ds = dataset(
            vec![snap("A", "2025-10-15", 54.0, [12.8, 13.5, 13.6, 14.1])],
            vec![
                activity("A", "2025-09-22", Some(7.0), Some(14.0)),
                activity("A", "2025-09-29", Some(7.0), None),
                activity("A", "2025-10-06", Some(2.0), None),
                activity("A", "2025-10-13", Some(3.0), None),
                activity("A", "2025-10-20", Some(0.0), None),
                activity("A", "2025-10-27", Some(7.0), None),
            ],
        );
        let month: Month = "2025-10".parse().unwrap();
        let a = &months(&ds, month)[0];
        // By hand: the week of 29 September has 5 days in October (7 x 5/7 = 5), the week of 27 October
        // 5 days (5); 5 + 2 + 3 + 0 + 5 = 15. No comments are logged in October.
        assert_eq!(a.activity_month, vec![Some(15.0), None]);
        // September: 7 + 7 x 2/7 = 9 posts; 14 comments.
        assert_eq!(a.activity_previous_month, vec![Some(9.0), Some(14.0)]);
        assert_eq!(rows_after(&ds, month).unwrap(), 0);
    }

    #[test]
    fn no_snapshot_in_the_month_means_no_change() {
        let ds = dataset(
            vec![
                snap("A", "2025-08-15", 50.0, [12.0, 13.0, 12.5, 12.5]),
                snap("A", "2025-10-15", 54.0, [12.8, 13.5, 13.6, 14.1]),
                snap("B", "2025-09-20", 40.0, [10.0, 10.0, 10.0, 10.0]),
            ],
            vec![],
        );
        let people = months(&ds, "2025-09".parse().unwrap());
        // A's month-end for September is the August snapshot, which is also August's month-end.
        let a = &people[0];
        assert_eq!(a.month_end.date.to_string(), "2025-08-15");
        assert_eq!(a.snapshots_in_month, 0);
        assert_eq!(a.mom_change, SsiValues::default());
        assert_eq!(people[1].snapshots_in_month, 1);
    }

    #[test]
    fn weakest_needs_all_four_components() {
        let mut s = snap("A", "2025-10-15", 54.0, [12.8, 13.5, 13.6, 14.1]);
        s.values.set(SsiColumn::Insights, None);
        let snapshot = Snapshot {
            date: s.date,
            values: s.values,
        };
        assert_eq!(snapshot.weakest_component(), None);
    }

    #[test]
    fn a_weakest_component_within_a_tenth_of_the_next_is_a_tie() {
        let s = |c: [f64; 4]| {
            let row = snap("A", "2025-10-15", 56.0, c);
            Snapshot {
                date: row.date,
                values: row.values,
            }
        };
        // 13.99 - 13.93 = 0.06 and 14.03 - 13.93 = 0.10 are ties; 14.20 is not.
        assert_eq!(
            s([13.93, 13.99, 14.20, 14.03]).weakest_tied(),
            [
                (Component::Brand, 13.93),
                (Component::People, 13.99),
                (Component::Relationships, 14.03)
            ]
        );
        assert_eq!(
            s([14.5, 14.04, 14.2, 13.93]).weakest_tied(),
            [(Component::Relationships, 13.93)]
        );
    }
}
