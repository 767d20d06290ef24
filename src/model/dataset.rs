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
            columns.push(Column::new(column.key().into(), values));
        }
        let ssi_frame = DataFrame::new(order.len(), columns)?;

        let metrics = metric_order(activity);
        let index: BTreeMap<&str, usize> = metrics
            .iter()
            .enumerate()
            .map(|(i, m)| (m.as_str(), i))
            .collect();
        let mut merged: BTreeMap<(&str, NaiveDate), Vec<Option<Sourced>>> = BTreeMap::new();
        let mut overlaps = Vec::new();
        for table in activity {
            for row in &table.rows {
                let slot = merged
                    .entry((row.person.as_str(), row.date))
                    .or_insert_with(|| vec![None; metrics.len()]);
                for (k, value) in row.values.iter().enumerate() {
                    let Some(v) = value else { continue };
                    let m = index[table.metrics[k].as_str()];
                    let origin = (row.origin.source, row.origin.row);
                    match slot[m] {
                        None => slot[m] = Some((*v, origin)),
                        Some((first, kept)) => overlaps.push(ActivityOverlap {
                            person: row.person.clone(),
                            date: row.date,
                            metric: metrics[m].clone(),
                            kept,
                            dropped: origin,
                            same_value: first == *v,
                        }),
                    }
                }
            }
        }
        let mut columns = Vec::with_capacity(2 + metrics.len());
        columns.push(Column::new(
            schema::PERSON.into(),
            merged.keys().map(|(p, _)| *p).collect::<Vec<_>>(),
        ));
        columns.push(date_column(
            merged.keys().map(|(_, d)| epoch_days(*d)).collect(),
        )?);
        for (m, name) in metrics.iter().enumerate() {
            let values: Vec<Option<f64>> = merged.values().map(|v| v[m].map(|x| x.0)).collect();
            columns.push(Column::new(name.as_str().into(), values));
        }
        let activity_frame = DataFrame::new(merged.len(), columns)?;
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
