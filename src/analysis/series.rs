//! Time series for the charts: each person's snapshots up to the report month's end, and the weekly team
//! distribution (each person's latest snapshot per week; median, quartiles, range and component means).

use super::frame::{dates, f64s, strings};
use super::{PersonSeries, Snapshot, TeamWeek};
use crate::model::schema::{
    Component, BRAND, DATE, INSIGHTS, PEOPLE, PERSON, RELATIONSHIPS, SSI, SSI_VALUE_COLUMNS,
};
use crate::model::{Dataset, Month};
use polars::prelude::*;

/// Each person's snapshots up to the month's end, in date order, people sorted by name.
pub fn person_series(dataset: &Dataset, month: Month) -> PolarsResult<Vec<PersonSeries>> {
    let df = dataset
        .ssi
        .clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(month.last_day())))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .collect()?;
    let names = strings(&df, PERSON)?;
    let days = dates(&df, DATE)?;
    let cols: Vec<Vec<Option<f64>>> = SSI_VALUE_COLUMNS
        .iter()
        .map(|c| f64s(&df, c))
        .collect::<PolarsResult<_>>()?;
    let mut out: Vec<PersonSeries> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let Some(date) = days[i] else { continue };
        let mut values = [None; 9];
        for (k, col) in cols.iter().enumerate() {
            values[k] = col[i];
        }
        if out.last().is_none_or(|s| s.name != name) {
            out.push(PersonSeries {
                name,
                points: Vec::new(),
            });
        }
        if let Some(series) = out.last_mut() {
            series.points.push(Snapshot { date, values });
        }
    }
    Ok(out)
}

/// A week enters the team series only when this many people (or the whole team, if smaller) have a
/// snapshot in it: a "median" of one or two people says nothing about a team.
pub const MIN_PEOPLE_PER_WEEK: usize = 3;

/// The weekly team distribution up to the month's end.
pub fn team_weeks(dataset: &Dataset, month: Month) -> PolarsResult<Vec<TeamWeek>> {
    let components = [BRAND, PEOPLE, INSIGHTS, RELATIONSHIPS];
    let mut last_aggs = vec![col(SSI).last()];
    last_aggs.extend(components.iter().map(|c| col(*c).last()));
    let mut week_aggs = vec![
        len().alias("n"),
        col(SSI).median().alias("median"),
        col(SSI)
            .quantile(lit(0.25), QuantileMethod::Linear)
            .alias("q1"),
        col(SSI)
            .quantile(lit(0.75), QuantileMethod::Linear)
            .alias("q3"),
        col(SSI).min().alias("min"),
        col(SSI).max().alias("max"),
    ];
    week_aggs.extend(components.iter().map(|c| col(*c).mean()));
    let df = dataset
        .ssi
        .clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(month.last_day())))
        .with_column(col(DATE).dt().truncate(lit("1w")).alias("week"))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .group_by_stable([col(PERSON), col("week")])
        .agg(last_aggs)
        .group_by([col("week")])
        .agg(week_aggs)
        .sort(["week"], SortMultipleOptions::default())
        .collect()?;
    let weeks = dates(&df, "week")?;
    let n = f64s(&df, "n")?;
    let stats: Vec<Vec<Option<f64>>> = ["median", "q1", "q3", "min", "max"]
        .iter()
        .map(|c| f64s(&df, c))
        .collect::<PolarsResult<_>>()?;
    let means: Vec<Vec<Option<f64>>> = Component::ALL
        .iter()
        .map(|c| f64s(&df, c.key()))
        .collect::<PolarsResult<_>>()?;
    let team_size = dataset.people()?.len();
    let min_people = MIN_PEOPLE_PER_WEEK.min(team_size) as f64;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(week), Some(people)) = (weeks[i], n[i]) else {
            continue;
        };
        if people < min_people {
            continue;
        }
        let Some(ssi) = stats.iter().map(|s| s[i]).collect::<Option<Vec<f64>>>() else {
            continue;
        };
        let component_means = [0, 1, 2, 3].map(|k| means[k][i].unwrap_or(0.0));
        out.push(TeamWeek {
            week,
            people: people as usize,
            ssi: [ssi[0], ssi[1], ssi[2], ssi[3], ssi[4]],
            component_means,
        });
    }
    Ok(out)
}
