//! Time series for the charts: each person's snapshots up to the report month's end, and the weekly team
//! distribution (each person's latest snapshot per week; median, quartiles, range and component means).

use super::frame::{dates, f64s, SsiColumns};
use super::stats::FiveNumbers;
use super::{Cadence, PersonSeries, Snapshot, TeamPeriod};
use crate::model::schema::{Component, BRAND, DATE, INSIGHTS, PEOPLE, PERSON, RELATIONSHIPS, SSI};
use crate::model::{Dataset, Month};
use polars::prelude::*;
use polars::series::ops::NullBehavior;

/// Each person's snapshots up to the month's end, in date order, people sorted by name.
pub fn person_series(dataset: &Dataset, month: Month) -> PolarsResult<Vec<PersonSeries>> {
    let df = dataset
        .ssi
        .clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(month.last_day())))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .collect()?;
    let names = df.column(PERSON)?.str()?.rechunk().into_owned();
    let days = dates(&df, DATE)?;
    let values = SsiColumns::of(&df)?;
    // Rows sorted by person: each person's run of rows becomes one series, made at its size (a person
    // whose rows all lack a date has none).
    let mut out: Vec<PersonSeries> = Vec::new();
    let mut start = 0;
    while start < df.height() {
        let name = names.get(start).unwrap_or_default();
        let end = (start..df.height())
            .find(|i| names.get(*i).unwrap_or_default() != name)
            .unwrap_or(df.height());
        let dated = days[start..end].iter().filter(|d| d.is_some()).count();
        if dated > 0 {
            let mut points = Vec::with_capacity(dated);
            for (i, day) in days.iter().enumerate().take(end).skip(start) {
                if let Some(date) = day {
                    points.push(Snapshot {
                        date: *date,
                        values: values.row(i),
                    });
                }
            }
            out.push(PersonSeries {
                name: name.to_string(),
                points,
            });
        }
        start = end;
    }
    Ok(out)
}

/// A period enters the team series only when this many people (or the whole team, if smaller) have a
/// snapshot in it: a "median" of one or two people says nothing about a team.
pub const MIN_PEOPLE_PER_PERIOD: usize = 3;

/// Snapshots further apart than this (median gap, in days) make the team series monthly.
pub const MONTHLY_GAP_DAYS: f64 = 10.0;

/// Weekly when people snapshot about weekly or more often, monthly when they snapshot less often: the
/// median over people of each person's median gap between consecutive snapshots decides.
pub fn cadence(dataset: &Dataset, month: Month) -> PolarsResult<Cadence> {
    let gaps = dataset
        .ssi
        .clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(month.last_day())))
        .sort([PERSON, DATE], SortMultipleOptions::default())
        .with_column(
            col(DATE)
                .cast(DataType::Int32)
                .diff(lit(1), NullBehavior::Ignore)
                .over([col(PERSON)])?
                .alias("gap"),
        )
        .group_by([col(PERSON)])
        .agg([col("gap").median().alias("gap")])
        .select([col("gap").median()])
        .collect()?;
    let median_gap = f64s(&gaps, "gap")?.first().copied().flatten();
    Ok(match median_gap {
        Some(g) if g > MONTHLY_GAP_DAYS => Cadence::Monthly,
        _ => Cadence::Weekly,
    })
}

/// The rank columns whose team median each period carries.
const RANKS: [&str; 2] = ["industry_rank_pct", "network_rank_pct"];

/// The team distribution per period up to the month's end.
pub fn team_periods(
    dataset: &Dataset,
    month: Month,
    cadence: Cadence,
) -> PolarsResult<Vec<TeamPeriod>> {
    let every = match cadence {
        Cadence::Weekly => "1w",
        Cadence::Monthly => "1mo",
    };
    let components = [BRAND, PEOPLE, INSIGHTS, RELATIONSHIPS];
    let mut last_aggs = vec![col(SSI).last()];
    last_aggs.extend(components.iter().map(|c| col(*c).last()));
    last_aggs.extend(RANKS.iter().map(|c| col(*c).last()));
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
    week_aggs.extend(components.iter().map(|c| col(*c).median()));
    week_aggs.extend(RANKS.iter().map(|c| col(*c).median()));
    let df = dataset
        .ssi
        .clone()
        .lazy()
        .filter(col(DATE).lt_eq(lit(month.last_day())))
        .with_column(col(DATE).dt().truncate(lit(every)).alias("week"))
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
    let medians: Vec<Vec<Option<f64>>> = Component::ALL
        .iter()
        .map(|c| f64s(&df, c.key()))
        .collect::<PolarsResult<_>>()?;
    let ranks: Vec<Vec<Option<f64>>> = RANKS
        .iter()
        .map(|c| f64s(&df, c))
        .collect::<PolarsResult<_>>()?;
    let team_size = dataset.people()?.len();
    let min_people = MIN_PEOPLE_PER_PERIOD.min(team_size) as f64;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(start), Some(people)) = (weeks[i], n[i]) else {
            continue;
        };
        if people < min_people {
            continue;
        }
        let Some(ssi) = stats.iter().map(|s| s[i]).collect::<Option<Vec<f64>>>() else {
            continue;
        };
        let component_medians = medians
            .iter()
            .map(|m| m[i])
            .collect::<Option<Vec<f64>>>()
            .map(|m| [m[0], m[1], m[2], m[3]]);
        out.push(TeamPeriod {
            start,
            people: people as usize,
            ssi: FiveNumbers {
                median: ssi[0],
                q1: ssi[1],
                q3: ssi[2],
                min: ssi[3],
                max: ssi[4],
            },
            component_medians,
            rank_medians: [ranks[0][i], ranks[1][i]],
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{dataset, snap};

    #[test]
    fn team_periods_take_each_persons_last_snapshot_and_linear_quartiles() {
        let c = [10.0, 10.0, 10.0, 10.0];
        let ds = dataset(
            vec![
                // Week of Monday 2025-10-06: A twice (the later, 40, counts), B 50, C 60, D 80.
                snap("A", "2025-10-06", 45.0, c),
                snap("A", "2025-10-09", 40.0, c),
                snap("B", "2025-10-07", 50.0, c),
                snap("C", "2025-10-08", 60.0, c),
                snap("D", "2025-10-12", 80.0, [20.0, 20.0, 20.0, 20.0]),
                // Week of 2025-10-13: only two people, below the three-person minimum.
                snap("A", "2025-10-13", 41.0, c),
                snap("B", "2025-10-14", 51.0, c),
            ],
            vec![],
        );
        let month = "2025-10".parse().unwrap();
        assert_eq!(cadence(&ds, month).unwrap(), Cadence::Weekly);
        let weeks = team_periods(&ds, month, Cadence::Weekly).unwrap();
        assert_eq!(weeks.len(), 1);
        let w = &weeks[0];
        assert_eq!(w.start.to_string(), "2025-10-06");
        assert_eq!(w.people, 4);
        // Values 40, 50, 60, 80: median 55; q1 at 0.75 of the way 40->50 = 47.5; q3 at 0.25 of 60->80 = 65.
        assert_eq!(
            w.ssi,
            FiveNumbers {
                median: 55.0,
                q1: 47.5,
                q3: 65.0,
                min: 40.0,
                max: 80.0
            }
        );
        // Brand median of 10, 10, 10, 20 (the statistic the components table uses): 10.
        assert_eq!(w.component_medians.map(|m| m[0]), Some(10.0));
    }

    #[test]
    fn person_series_stop_at_the_month_end() {
        let c = [10.0, 10.0, 10.0, 10.0];
        let ds = dataset(
            vec![
                snap("A", "2025-10-06", 40.0, c),
                snap("A", "2025-11-06", 40.0, c),
                snap("B", "2025-10-31", 40.0, c),
            ],
            vec![],
        );
        let s = person_series(&ds, "2025-10".parse().unwrap()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].points.len(), 1);
        assert_eq!(s[1].name, "B");
    }

    #[test]
    fn monthly_snapshots_on_different_days_make_a_monthly_team_series() {
        let c = [10.0, 10.0, 10.0, 10.0];
        let mut rows = Vec::new();
        for (person, day) in [("A", 3), ("B", 10), ("C", 17), ("D", 24)] {
            for m in 4..=10 {
                rows.push(snap(
                    person,
                    &format!("2025-{m:02}-{day:02}"),
                    50.0 + m as f64,
                    c,
                ));
            }
        }
        let ds = dataset(rows, vec![]);
        let month = "2025-10".parse().unwrap();
        assert_eq!(cadence(&ds, month).unwrap(), Cadence::Monthly);
        let periods = team_periods(&ds, month, Cadence::Monthly).unwrap();
        assert_eq!(periods.len(), 7);
        assert_eq!(periods[0].start.to_string(), "2025-04-01");
        assert_eq!(periods[6].people, 4);
        assert_eq!(periods[6].ssi.median, 60.0);
    }
}
