//! The tidy `Dataset` every later stage reads: one polars frame of SSI snapshots and one of activity, with
//! canonical column names and dtypes, built columnar from the ingested rows. Activity from several tables
//! is merged on (person, date); a metric given twice for the same person and date keeps the first value.

use super::records::{ActivityTable, Membership, SsiRow};
use super::schema::{self, SsiColumn, KNOWN_METRICS};
use chrono::NaiveDate;
use polars::prelude::*;
use std::collections::BTreeMap;

/// The SSI and activity tables the analysis uses.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Columns: person (str), date (date), then `SsiColumn::ALL` (f64, nullable); sorted by person, date.
    pub ssi: DataFrame,
    /// Columns: person (str), date (date), then one f64 column per metric in `metrics`; sorted.
    pub activity: DataFrame,
    /// Activity metric columns, known metrics first in `KNOWN_METRICS` order, then others by name.
    pub metrics: Vec<String>,
    /// Per person, the last day an event log of theirs speaks for (a LinkedIn export's date).
    pub log_ends: BTreeMap<String, NaiveDate>,
    /// The groups (team, region...) the rows and rosters name; set after the frames are built. Shared:
    /// a large team's rows name their team hundreds of thousands of times, and `up_to` copies the rest.
    pub memberships: std::sync::Arc<Vec<Membership>>,
    /// The group a report of one group is about (`--each group`): its kind (`schema::GROUP_KINDS`) and
    /// name (`NO_GROUP` for the people without one).
    pub group: Option<(&'static str, String)>,
}

/// A merge note: an activity value that repeated one already taken from an earlier table.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityOverlap {
    /// Person.
    pub person: String,
    /// Date.
    pub date: NaiveDate,
    /// Metric.
    pub metric: String,
    /// Source index and row of the value kept.
    pub kept: (usize, u32),
    /// Source index and row of the value not used.
    pub dropped: (usize, u32),
    /// True when the two values are equal.
    pub same_value: bool,
}

/// A value and the (source, row) it came from.
type Sourced = (f64, (usize, u32));

/// The activity frame: one row per person and date, the rows of every table merged (the first value of
/// a metric, by table and then row order, is kept; a later one is an overlap). Built from the rows
/// sorted in place of a map of merged rows, one metric column at a time: a large team's merge holds a
/// few numbers per row rather than a vector of sourced values per row.
fn activity_frame(
    activity: &[ActivityTable],
    metrics: &[String],
) -> PolarsResult<(DataFrame, Vec<ActivityOverlap>)> {
    let index: BTreeMap<&str, usize> = metrics
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    // Each table's columns as metrics of the frame.
    let slots: Vec<Vec<usize>> = activity
        .iter()
        .map(|t| t.metrics.iter().map(|m| index[m.as_str()]).collect())
        .collect();
    let row = |&(t, r): &(usize, usize)| &activity[t].rows[r];
    let key = |at: &(usize, usize)| {
        let row = row(at);
        (row.person.as_str(), row.date)
    };
    // Every row by person and date; a stable sort keeps table and row order within one.
    let mut rows: Vec<(usize, usize)> = activity
        .iter()
        .enumerate()
        .flat_map(|(t, table)| (0..table.rows.len()).map(move |r| (t, r)))
        .collect();
    rows.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut starts: Vec<usize> = (0..rows.len())
        .filter(|&i| i == 0 || key(&rows[i - 1]) != key(&rows[i]))
        .collect();
    starts.push(rows.len());
    let mut columns = Vec::with_capacity(2 + metrics.len());
    columns.push(Column::new(
        schema::PERSON.into(),
        starts[..starts.len() - 1]
            .iter()
            .map(|&i| key(&rows[i]).0)
            .collect::<Vec<_>>(),
    ));
    columns.push(date_column(
        starts[..starts.len() - 1]
            .iter()
            .map(|&i| epoch_days(key(&rows[i]).1))
            .collect(),
    )?);
    // Overlaps with where each was met reading table by table, row by row, column by column.
    let mut overlaps: Vec<((usize, usize, usize), ActivityOverlap)> = Vec::new();
    for (m, name) in metrics.iter().enumerate() {
        let mut values: Vec<Option<f64>> = Vec::with_capacity(starts.len() - 1);
        for group in starts.windows(2) {
            let mut first: Option<Sourced> = None;
            for &(t, r) in &rows[group[0]..group[1]] {
                let row = &activity[t].rows[r];
                for (k, _) in slots[t].iter().enumerate().filter(|(_, s)| **s == m) {
                    let Some(v) = row.values.get(k) else {
                        continue;
                    };
                    let origin = (row.origin.source, row.origin.row);
                    match first {
                        None => first = Some((v, origin)),
                        Some((kept_value, kept)) => overlaps.push((
                            (t, r, k),
                            ActivityOverlap {
                                person: row.person.clone(),
                                date: row.date,
                                metric: name.clone(),
                                kept,
                                dropped: origin,
                                same_value: kept_value == v,
                            },
                        )),
                    }
                }
            }
            values.push(first.map(|(v, _)| v));
        }
        columns.push(Column::new(name.as_str().into(), values));
    }
    overlaps.sort_by_key(|(at, _)| *at);
    let frame = DataFrame::new(starts.len() - 1, columns)?;
    Ok((frame, overlaps.into_iter().map(|(_, o)| o).collect()))
}

/// Days since 1970-01-01, polars' physical Date representation.
pub fn epoch_days(d: NaiveDate) -> i32 {
    const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;
    use chrono::Datelike;
    d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
}

/// The date for polars' physical Date value.
pub fn from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(days as i64))
}

fn date_column(dates: Vec<i32>) -> PolarsResult<Column> {
    Column::new(schema::DATE.into(), dates).cast(&DataType::Date)
}

impl Dataset {
    /// Builds the frames from ingested rows (which must already be free of duplicate snapshots).
    pub fn from_rows(
        ssi: &[SsiRow],
        activity: &[ActivityTable],
    ) -> PolarsResult<(Dataset, Vec<ActivityOverlap>)> {
        let mut order: Vec<usize> = (0..ssi.len()).collect();
        order.sort_by(|&a, &b| (&ssi[a].person, ssi[a].date).cmp(&(&ssi[b].person, ssi[b].date)));
        let mut columns = Vec::with_capacity(2 + SsiColumn::ALL.len());
        columns.push(Column::new(
            schema::PERSON.into(),
            order
                .iter()
                .map(|&i| ssi[i].person.as_str())
                .collect::<Vec<_>>(),
        ));
        columns.push(date_column(
            order.iter().map(|&i| epoch_days(ssi[i].date)).collect(),
        )?);
        for column in SsiColumn::ALL {
            let values: Vec<Option<f64>> =
                order.iter().map(|&i| ssi[i].values.get(column)).collect();
            // A column no row gives (most trackers give no peer components) is one null repeated,
            // held as that one value rather than a number per row.
            columns.push(if values.iter().all(Option::is_none) {
                Column::full_null(column.key().into(), values.len(), &DataType::Float64)
            } else {
                Column::new(column.key().into(), values)
            });
        }
        let ssi_frame = DataFrame::new(order.len(), columns)?;

        let metrics = metric_order(activity);
        let (activity_frame, overlaps) = activity_frame(activity, &metrics)?;
        let mut log_ends: BTreeMap<String, NaiveDate> = BTreeMap::new();
        for table in activity {
            let Some(until) = table.until else { continue };
            for row in &table.rows {
                let end = log_ends.entry(row.person.clone()).or_insert(until);
                *end = (*end).max(until);
            }
        }
        Ok((
            Dataset {
                ssi: ssi_frame,
                activity: activity_frame,
                metrics,
                log_ends,
                memberships: Default::default(),
                group: None,
            },
            overlaps,
        ))
    }

    /// The people with SSI snapshots, sorted.
    pub fn people(&self) -> PolarsResult<Vec<String>> {
        let unique = self.ssi.column(schema::PERSON)?.unique_stable()?;
        let mut people: Vec<String> = unique.str()?.iter().flatten().map(str::to_string).collect();
        people.sort();
        Ok(people)
    }
}

/// Known metrics in their fixed order, then the others alphabetically.
fn metric_order(activity: &[ActivityTable]) -> Vec<String> {
    let mut known: Vec<&str> = Vec::new();
    let mut other: Vec<&str> = Vec::new();
    for m in activity.iter().flat_map(|t| t.metrics.iter()) {
        if KNOWN_METRICS.contains(&m.as_str()) {
            known.push(m);
        } else {
            other.push(m);
        }
    }
    known.sort_by_key(|m| KNOWN_METRICS.iter().position(|k| k == m));
    known.dedup();
    other.sort();
    other.dedup();
    known.into_iter().chain(other).map(str::to_string).collect()
}

impl Dataset {
    /// The same tables restricted to rows dated on or before `cutoff`.
    pub fn up_to(&self, cutoff: NaiveDate) -> PolarsResult<Dataset> {
        let keep = |df: &DataFrame| {
            // A frame with nothing after the cutoff (and no undated row) is shared, not copied.
            let days = df
                .column(schema::DATE)?
                .as_materialized_series()
                .cast(&DataType::Int32)?;
            if days.null_count() == 0 && days.i32()?.max().is_none_or(|d| d <= epoch_days(cutoff)) {
                return Ok(df.clone());
            }
            df.clone()
                .lazy()
                .filter(col(schema::DATE).lt_eq(lit(cutoff)))
                .collect()
        };
        Ok(Dataset {
            ssi: keep(&self.ssi)?,
            activity: keep(&self.activity)?,
            metrics: self.metrics.clone(),
            log_ends: self.log_ends.clone(),
            memberships: self.memberships.clone(),
            group: self.group.clone(),
        })
    }
}

impl Dataset {
    /// People who have activity rows but no SSI snapshot, with their number of activity rows.
    pub fn activity_only_people(&self) -> PolarsResult<Vec<(String, usize)>> {
        let with_ssi = self
            .ssi
            .clone()
            .lazy()
            .group_by([col(schema::PERSON)])
            .agg([len().alias("snapshots")]);
        let df = self
            .activity
            .clone()
            .lazy()
            .group_by([col(schema::PERSON)])
            .agg([len().alias("rows")])
            .left_join(with_ssi, col(schema::PERSON), col(schema::PERSON))
            .filter(col("snapshots").is_null())
            .sort([schema::PERSON], SortMultipleOptions::default())
            .collect()?;
        let names = df.column(schema::PERSON)?.str()?.clone();
        let rows = df.column("rows")?.cast(&DataType::UInt64)?;
        let rows = rows.u64()?;
        Ok(names
            .iter()
            .zip(rows.iter())
            .filter_map(|(n, r)| Some((n?.to_string(), r? as usize)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{ActivityRow, RowOrigin};
    use proptest::prelude::*;

    /// A merged row: person, date and each metric's value.
    type Merged = (String, NaiveDate, Vec<Option<f64>>);

    /// The merge as a map from person and date to each metric's first value, read table by table and
    /// row by row (the plain statement of the rule `activity_frame` follows).
    fn merged_by_map(
        activity: &[ActivityTable],
        metrics: &[String],
    ) -> (Vec<Merged>, Vec<ActivityOverlap>) {
        let mut merged: BTreeMap<(String, NaiveDate), Vec<Option<Sourced>>> = BTreeMap::new();
        let mut overlaps = Vec::new();
        for table in activity {
            for row in &table.rows {
                let slot = merged
                    .entry((row.person.clone(), row.date))
                    .or_insert_with(|| vec![None; metrics.len()]);
                for (k, value) in row.values.iter().enumerate() {
                    let Some(v) = value else { continue };
                    let m = metrics.iter().position(|m| *m == table.metrics[k]).unwrap();
                    let origin = (row.origin.source, row.origin.row);
                    match slot[m] {
                        None => slot[m] = Some((v, origin)),
                        Some((first, kept)) => overlaps.push(ActivityOverlap {
                            person: row.person.clone(),
                            date: row.date,
                            metric: metrics[m].clone(),
                            kept,
                            dropped: origin,
                            same_value: first == v,
                        }),
                    }
                }
            }
        }
        let rows = merged
            .into_iter()
            .map(|((p, d), v)| (p, d, v.iter().map(|s| s.map(|s| s.0)).collect()))
            .collect();
        (rows, overlaps)
    }

    fn table() -> impl Strategy<Value = ActivityTable> {
        let names = ["posts", "comments", "messages_sent"];
        (
            prop::sample::subsequence(names.to_vec(), 1..=3),
            prop::collection::vec(
                (
                    0..3usize,
                    0..4u64,
                    prop::collection::vec(prop::option::of(0..3u8), 3),
                ),
                0..12,
            ),
        )
            .prop_map(|(metrics, rows)| ActivityTable {
                until: None,
                metrics: metrics.iter().map(|m| m.to_string()).collect(),
                rows: rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, (p, d, values))| ActivityRow {
                        person: ["Ann", "Bob", "Cy"][p].to_string(),
                        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
                            + chrono::Days::new(7 * d),
                        values: values[..metrics.len()]
                            .iter()
                            .map(|v| v.map(f64::from))
                            .collect(),
                        origin: RowOrigin {
                            source: 0,
                            row: i as u32 + 2,
                        },
                        also: Vec::new(),
                    })
                    .collect(),
            })
    }

    proptest! {
        #[test]
        fn the_activity_frame_merges_tables_as_a_map_of_first_values_would(
            tables in prop::collection::vec(table(), 1..4)
        ) {
            let tables: Vec<ActivityTable> = tables
                .into_iter()
                .enumerate()
                .map(|(t, mut table)| {
                    table.rows.iter_mut().for_each(|r| r.origin.source = t);
                    table
                })
                .collect();
            let metrics = metric_order(&tables);
            let (frame, overlaps) = activity_frame(&tables, &metrics).unwrap();
            let (rows, expected_overlaps) = merged_by_map(&tables, &metrics);
            prop_assert_eq!(overlaps, expected_overlaps);
            prop_assert_eq!(frame.height(), rows.len());
            let people = crate::analysis::frame::strings(&frame, schema::PERSON).unwrap();
            let days = crate::analysis::frame::dates(&frame, schema::DATE).unwrap();
            for (i, (person, date, values)) in rows.iter().enumerate() {
                prop_assert_eq!(&people[i], person);
                prop_assert_eq!(days[i], Some(*date));
                for (m, name) in metrics.iter().enumerate() {
                    let column = crate::analysis::frame::f64s(&frame, name).unwrap();
                    prop_assert_eq!(column[i], values[m]);
                }
            }
        }
    }
}
