//! Whether an expected link's effect differs between groups: the component's change per week on the
//! activity and the activity times each group (the first group by name the reference), each person
//! compared with themselves (fixed effects, intervals weighted by their weeks, the covariance of
//! `within`), and a Wald F-test that every group's slope is the same. Only groups of at least
//! `MIN_PEOPLE` people and `MIN_INTERVALS` intervals take part, and at least two of them.
//! docs/analysis.md states the test; tests/fixtures/groups/ holds its statsmodels reference.

use super::groups::{MIN_PEOPLE, NO_GROUP};
use super::intervals::Interval;
use super::within;
use crate::model::collate::names;
use crate::model::schema::{expected_component, Component, SsiColumn};
use nalgebra::{DMatrix, DVector};
use statrs::distribution::{ContinuousCDF, FisherSnedecor};
use std::collections::{BTreeMap, BTreeSet};

/// Fewest intervals a group needs to take part.
pub const MIN_INTERVALS: usize = 20;

/// The test of one expected link.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDifference {
    /// The activity.
    pub metric: String,
    /// The component it is expected to move.
    pub component: Component,
    /// The groups tested, the reference first.
    pub groups: Vec<String>,
    /// Each group's slope (points of the component per week per extra activity a week), same order.
    pub slopes: Vec<f64>,
    /// Intervals used.
    pub n: usize,
    /// People in them.
    pub people: usize,
    /// The Wald F statistic.
    pub f: f64,
    /// Its degrees of freedom: groups - 1, and those of the covariance (people - 1 when clustered).
    pub df: (f64, f64),
    /// Its p-value.
    pub p_value: f64,
    /// Adjusted with the linkage's tests (Benjamini-Hochberg); set by the caller.
    pub q_value: Option<f64>,
}

/// The rows of one test: (person, group, weeks, activity per week, change per week).
pub type Row<'a> = (&'a str, &'a str, f64, f64, f64);

/// Tests one link on its rows (any order); `None` when fewer than two groups qualify or the model cannot
/// be fitted.
pub fn test_rows(metric: &str, component: Component, rows: &[Row<'_>]) -> Option<GroupDifference> {
    let mut people_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut intervals_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (person, group, ..) in rows {
        people_of.entry(group).or_default().insert(person);
        *intervals_of.entry(group).or_default() += 1;
    }
    let mut groups: Vec<&str> = people_of
        .iter()
        .filter(|(g, people)| {
            **g != NO_GROUP && people.len() >= MIN_PEOPLE && intervals_of[**g] >= MIN_INTERVALS
        })
        .map(|(g, _)| *g)
        .collect();
    groups.sort_by(|a, b| names(a, b));
    if groups.len() < 2 {
        return None;
    }
    let mut kept: Vec<&Row<'_>> = rows.iter().filter(|r| groups.contains(&r.1)).collect();
    // Rows grouped by person (the covariance reads each person's rows together, in their order).
    kept.sort_by(|a, b| a.0.cmp(b.0));
    let persons: Vec<&str> = {
        let mut p: Vec<&str> = kept.iter().map(|r| r.0).collect();
        p.dedup();
        p
    };
    let person_id: Vec<usize> = kept
        .iter()
        .map(|r| persons.iter().position(|p| *p == r.0).unwrap_or(0))
        .collect();
    let weights: Vec<f64> = kept.iter().map(|r| r.2).collect();
    let count = persons.len();
    let mut y: Vec<f64> = kept.iter().map(|r| r.4).collect();
    within::centre(&mut y, &person_id, count, &weights);
    let mut columns: Vec<Vec<f64>> = vec![kept.iter().map(|r| r.3).collect()];
    for g in &groups[1..] {
        columns.push(
            kept.iter()
                .map(|r| if r.1 == *g { r.3 } else { 0.0 })
                .collect(),
        );
    }
    for c in &mut columns {
        within::centre(c, &person_id, count, &weights);
    }
    let xs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let fit = within::fit(&y, &xs, &person_id, count, &weights)?;
    let k = fit.coef.len();
    let q = k - 1;
    let c = DVector::from_iterator(q, fit.coef[1..].iter().copied());
    let v = DMatrix::from_fn(q, q, |i, j| fit.covariance[(i + 1) * k + j + 1]);
    let f = (c.transpose() * v.try_inverse()? * &c)[(0, 0)] / q as f64;
    let p_value = FisherSnedecor::new(q as f64, fit.df).ok()?.sf(f);
    let slopes = std::iter::once(fit.coef[0])
        .chain(fit.coef[1..].iter().map(|c| fit.coef[0] + c))
        .collect();
    Some(GroupDifference {
        metric: metric.to_string(),
        component,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        slopes,
        n: fit.n,
        people: count,
        f,
        df: (q as f64, fit.df),
        p_value,
        q_value: None,
    })
}

/// Each expected link's test, over the intervals used by the linkage, each person in `group_of` their
/// group (people without one take no part).
pub fn tests(
    intervals: &[Interval],
    metrics: &[String],
    group_of: &BTreeMap<String, String>,
) -> Vec<GroupDifference> {
    metrics
        .iter()
        .enumerate()
        .filter_map(|(m, metric)| {
            let component = expected_component(metric)?;
            let rows: Vec<Row<'_>> = intervals
                .iter()
                .filter(|i| i.excluded.is_none())
                .filter_map(|i| {
                    let group = group_of.get(&i.person)?;
                    let x = i.rates.get(m).copied().flatten()?;
                    let y = i.changes.get(SsiColumn::from(component))?;
                    Some((i.person.as_str(), group.as_str(), i.weeks, x, y))
                })
                .collect();
            test_rows(metric, component, &rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statsmodels reference (tests/fixtures/groups/make_interaction.py): two panels of 15 people
    /// in three groups of five, 20 intervals each; "differs" has slopes 0.02, 0.06 and 0.10.
    #[test]
    fn the_group_difference_matches_statsmodels() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/groups/");
        let csv = std::fs::read_to_string(format!("{dir}interaction_panel.csv")).unwrap();
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{dir}interaction_expected.json")).unwrap(),
        )
        .unwrap();
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let (panel, person, group, w, x, y) = (
            col("panel"),
            col("person"),
            col("group"),
            col("w"),
            col("x"),
            col("y"),
        );
        let cells: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        for name in ["differs", "same"] {
            let rows: Vec<Row<'_>> = cells
                .iter()
                .filter(|c| c[panel] == name)
                .map(|c| {
                    (
                        c[person],
                        c[group],
                        c[w].parse().unwrap(),
                        c[x].parse().unwrap(),
                        c[y].parse().unwrap(),
                    )
                })
                .collect();
            let t = test_rows("posts", Component::Brand, &rows).expect("a test");
            let e = expected["panels"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == name)
                .unwrap();
            let close = |a: f64, b: &serde_json::Value, what: &str| {
                let b = b.as_f64().unwrap();
                assert!(
                    (a - b).abs() <= 1e-8 * b.abs().max(1.0),
                    "{name} {what}: {a} against {b}"
                );
            };
            close(t.f, &e["F"], "F");
            close(t.p_value, &e["p_value"], "p");
            close(t.df.0, &e["df_num"], "df_num");
            close(t.df.1, &e["df_denom"], "df_denom");
            assert_eq!(t.n as u64, e["n"].as_u64().unwrap());
            assert_eq!(t.groups, ["East", "North", "West"]);
            let coef = e["coef"].as_array().unwrap();
            close(t.slopes[0], &coef[0], "reference slope");
            close(t.slopes[1] - t.slopes[0], &coef[1], "North");
            close(t.slopes[2] - t.slopes[0], &coef[2], "West");
        }
    }

    #[test]
    fn small_groups_take_no_part() {
        // Two groups of four people: below the five a group needs, so no test.
        let rows: Vec<Row<'_>> = (0..8)
            .flat_map(|p| {
                let person = ["a", "b", "c", "d", "e", "f", "g", "h"][p];
                let group = if p < 4 { "East" } else { "West" };
                (0..10).map(move |i| (person, group, 1.0, i as f64, i as f64 * 0.1))
            })
            .collect();
        assert!(test_rows("posts", Component::Brand, &rows).is_none());
    }
}
