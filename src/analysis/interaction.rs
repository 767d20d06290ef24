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
use statrs::distribution::{ContinuousCDF, FisherSnedecor};
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// The rows of one test: (person, group, weeks, activity per week, change per week). A person is a
/// number; people numbered in the order of their names (as `Interval::person_id`) are fitted in that
/// order.
pub type Row<'a> = (usize, &'a str, f64, f64, f64);

/// Tests one link on its rows (any order, though a person's rows usually stand together); `None` when
/// fewer than two groups qualify or the model cannot be fitted.
pub fn test_rows(metric: &str, component: Component, rows: &[Row<'_>]) -> Option<GroupDifference> {
    // Hash maps: a large team gives millions of rows over thousands of groups. A run of rows of one
    // person in one group is counted at once.
    let mut people_of: HashMap<&str, (HashSet<usize>, usize)> = HashMap::new();
    for run in rows.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let entry = people_of.entry(run[0].1).or_default();
        entry.0.insert(run[0].0);
        entry.1 += run.len();
    }
    let mut groups: Vec<&str> = people_of
        .iter()
        .filter(|(g, (people, intervals))| {
            **g != NO_GROUP && people.len() >= MIN_PEOPLE && *intervals >= MIN_INTERVALS
        })
        .map(|(g, _)| *g)
        .collect();
    groups.sort_by(|a, b| names(a, b));
    if groups.len() < 2 {
        return None;
    }
    let index: HashMap<&str, usize> = groups.iter().enumerate().map(|(i, g)| (*g, i)).collect();
    let mut kept: Vec<(&Row<'_>, usize)> = Vec::with_capacity(rows.len());
    for run in rows.chunk_by(|a, b| a.1 == b.1) {
        if let Some(g) = index.get(run[0].1) {
            kept.extend(run.iter().map(|r| (r, *g)));
        }
    }
    // Rows grouped by person (the covariance reads each person's rows together, in their order); a
    // stable sort, which finds rows already in order in one pass.
    kept.sort_by_key(|(r, _)| r.0);
    let mut person_id: Vec<usize> = Vec::with_capacity(kept.len());
    for (i, (r, _)) in kept.iter().enumerate() {
        person_id.push(match person_id.last() {
            Some(last) if kept[i - 1].0 .0 != r.0 => last + 1,
            Some(last) => *last,
            None => 0,
        });
    }
    let count = person_id.last().map_or(0, |last| last + 1);
    let group_id: Vec<usize> = kept.iter().map(|(_, g)| *g).collect();
    let kept: Vec<&Row<'_>> = kept.into_iter().map(|(r, _)| r).collect();
    let weights: Vec<f64> = kept.iter().map(|r| r.2).collect();
    let mut x: Vec<f64> = kept.iter().map(|r| r.3).collect();
    let mut y: Vec<f64> = kept.iter().map(|r| r.4).collect();
    within::centre(&mut x, &person_id, count, &weights);
    within::centre(&mut y, &person_id, count, &weights);
    let fit = slopes_by_group(
        &Panel {
            y: &y,
            x: &x,
            person: &person_id,
            people: count,
            weights: &weights,
        },
        &group_id,
        groups.len(),
    )?;
    let (f, q) = wald_equal(&fit.slopes, &fit.variances)?;
    let p_value = FisherSnedecor::new(q as f64, fit.df).ok()?.sf(f);
    Some(GroupDifference {
        metric: metric.to_string(),
        component,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        slopes: fit.slopes,
        n: kept.len(),
        people: count,
        f,
        df: (q as f64, fit.df),
        p_value,
        q_value: None,
    })
}

/// Rows centred within person: the change and the activity per week, each row's person (rows of a person
/// together, in time order) and weight.
struct Panel<'a> {
    y: &'a [f64],
    x: &'a [f64],
    person: &'a [usize],
    people: usize,
    weights: &'a [f64],
}

/// Each group's own slope and its variance, with the covariance's degrees of freedom.
struct Slopes {
    slopes: Vec<f64>,
    variances: Vec<f64>,
    df: f64,
}

/// The model with the activity and the activity times each group but the first, fitted as one slope per
/// group: the same model (each person is in one group, so the activity times a group is the centred
/// activity on that group's rows), and the same Wald F. In this form the design has one column per group
/// and each row touches one of them, so X'WX and the meat (clustered by person, as `within::fit`: the
/// groups that take part hold at least 2 x `MIN_PEOPLE` people, never fewer than `within::MIN_CLUSTERS`)
/// are diagonal: 2,000 people in 200 groups cost one pass over the rows instead of dense n x 200
/// matrices.
fn slopes_by_group(p: &Panel<'_>, group: &[usize], groups: usize) -> Option<Slopes> {
    let (n, k) = (p.y.len(), groups);
    let df = p.people as f64 - 1.0;
    if k == 0 || p.people < within::MIN_CLUSTERS || (n as f64) < (p.people + k + 1) as f64 {
        return None;
    }
    let mut bread = vec![0.0; k];
    let mut cross = vec![0.0; k];
    for i in 0..n {
        bread[group[i]] += p.weights[i] * p.x[i] * p.x[i];
        cross[group[i]] += p.weights[i] * p.x[i] * p.y[i];
    }
    if bread.iter().any(|b| *b <= 0.0) {
        return None;
    }
    let slopes: Vec<f64> = cross.iter().zip(&bread).map(|(c, b)| c / b).collect();
    // Each person's summed score, w x e, in their group's column.
    let mut sums = vec![0.0; p.people];
    let mut of_person = vec![0; p.people];
    for i in 0..n {
        let e = p.y[i] - slopes[group[i]] * p.x[i];
        sums[p.person[i]] += p.weights[i] * p.x[i] * e;
        of_person[p.person[i]] = group[i];
    }
    let mut meat = vec![0.0; k];
    for (sum, g) in sums.iter().zip(&of_person) {
        meat[*g] += sum * sum;
    }
    let c = p.people as f64;
    let scale = c / (c - 1.0) * (n as f64 - 1.0) / (n as f64 - k as f64);
    let variances = meat
        .iter()
        .zip(&bread)
        .map(|(m, b)| m / (b * b) * scale)
        .collect();
    Some(Slopes {
        slopes,
        variances,
        df,
    })
}

/// The Wald F that every slope equals the first (independent slopes with these variances) and its
/// numerator degrees of freedom; `None` when the contrasts' covariance cannot be inverted (two slopes
/// without variance, or a variance that is not a number).
///
/// With independent slopes, the contrasts' quadratic form c'V⁻¹c is Cochran's Q, the weighted sum of
/// squares about the weighted mean slope (weights 1 / variance): one pass over the groups, so 10,000
/// groups cost 10,000 steps rather than a 10,000-column inverse. A slope without variance (a group
/// fitted exactly) has infinite weight: the mean is that slope, and the others' squares are taken
/// about it.
fn wald_equal(slopes: &[f64], variances: &[f64]) -> Option<(f64, usize)> {
    let q = slopes.len().checked_sub(1).filter(|q| *q > 0)?;
    if variances
        .iter()
        .any(|v| v.is_nan() || v.is_infinite() || *v < 0.0)
    {
        return None;
    }
    let mut exact = variances
        .iter()
        .enumerate()
        .filter(|(_, v)| **v == 0.0)
        .map(|(g, _)| g);
    let quadratic = match (exact.next(), exact.next()) {
        (Some(_), Some(_)) => return None,
        (Some(k), None) => slopes
            .iter()
            .zip(variances)
            .enumerate()
            .filter(|(g, _)| *g != k)
            .map(|(_, (s, v))| (s - slopes[k]).powi(2) / v)
            .sum(),
        (None, _) => {
            let (mut weight, mut weighted) = (0.0, 0.0);
            for (s, v) in slopes.iter().zip(variances) {
                weight += 1.0 / v;
                weighted += s / v;
            }
            let mean = weighted / weight;
            slopes
                .iter()
                .zip(variances)
                .map(|(s, v)| (s - mean).powi(2) / v)
                .sum::<f64>()
        }
    };
    let f = quadratic / q as f64;
    f.is_finite().then_some((f, q))
}

/// Each expected link's test, over the intervals used by the linkage, each person in `group_of` their
/// group (people without one take no part).
pub fn tests(
    intervals: &[Interval],
    metrics: &[String],
    group_of: &BTreeMap<String, String>,
) -> Vec<GroupDifference> {
    // Each person's group, looked up once per person rather than once per interval and link.
    let people = intervals
        .iter()
        .map(|i| i.person_id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut group_by_id: Vec<Option<&str>> = vec![None; people];
    for person in intervals.chunk_by(|a, b| a.person_id == b.person_id) {
        let first = &person[0];
        group_by_id[first.person_id as usize] = group_of.get(&*first.person).map(String::as_str);
    }
    metrics
        .iter()
        .enumerate()
        .filter_map(|(m, metric)| {
            let component = expected_component(metric)?;
            let rows: Vec<Row<'_>> = intervals
                .iter()
                .filter(|i| i.excluded.is_none())
                .filter_map(|i| {
                    let group = group_by_id[i.person_id as usize]?;
                    let x = i.rates.get(m)?;
                    let y = i.changes.get(SsiColumn::from(component))?;
                    Some((i.person_id as usize, group, i.weeks, x, y))
                })
                .collect();
            test_rows(metric, component, &rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{DMatrix, DVector};

    /// The per-group form gives the F, slopes and degrees of freedom of the model with the activity and
    /// its interactions, fitted with one column per interaction by `within::fit` (itself checked against
    /// statsmodels), here with six groups of unequal size and people with unequal numbers of intervals.
    #[test]
    fn one_slope_per_group_is_the_interaction_model() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let groups = ["A", "B", "C", "D", "E", "F"];
        let mut names = Vec::new();
        let mut rows: Vec<(usize, usize, f64, f64, f64)> = Vec::new();
        for (g, _) in groups.iter().enumerate() {
            for k in 0..5 + g % 3 {
                names.push(format!("p{g}-{k}"));
                let person = names.len() - 1;
                for _ in 0..4 + (person % 5) {
                    let x: f64 = rng.random_range(0.0..6.0);
                    let w: f64 = rng.random_range(1.0..3.0);
                    let y = 0.02 * (g + 1) as f64 * x
                        + rng.random_range(-0.3..0.3)
                        + person as f64 * 0.01;
                    rows.push((person, g, w, x, y));
                }
            }
        }
        let rows_ref: Vec<Row<'_>> = rows
            .iter()
            .map(|(p, g, w, x, y)| (*p, groups[*g], *w, *x, *y))
            .collect();
        let got = test_rows("posts", Component::Brand, &rows_ref).unwrap();
        // The dense model: rows sorted by person, as the names sort.
        let mut sorted = rows.clone();
        sorted.sort_by(|a, b| names[a.0].cmp(&names[b.0]));
        let mut ids: Vec<usize> = Vec::new();
        for (i, r) in sorted.iter().enumerate() {
            ids.push(match ids.last() {
                Some(l) if names[sorted[i - 1].0] != names[r.0] => l + 1,
                Some(l) => *l,
                None => 0,
            });
        }
        let people = ids.last().unwrap() + 1;
        let w: Vec<f64> = sorted.iter().map(|r| r.2).collect();
        let mut y: Vec<f64> = sorted.iter().map(|r| r.4).collect();
        within::centre(&mut y, &ids, people, &w);
        let mut columns = vec![sorted.iter().map(|r| r.3).collect::<Vec<f64>>()];
        for g in 1..groups.len() {
            columns.push(
                sorted
                    .iter()
                    .map(|r| if r.1 == g { r.3 } else { 0.0 })
                    .collect(),
            );
        }
        for c in &mut columns {
            within::centre(c, &ids, people, &w);
        }
        let xs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let fit = within::fit(&y, &xs, &ids, people, &w).unwrap();
        let k = fit.coef.len();
        let q = k - 1;
        let c = DVector::from_iterator(q, fit.coef[1..].iter().copied());
        let v = DMatrix::from_fn(q, q, |i, j| fit.covariance[(i + 1) * k + j + 1]);
        let f = (c.transpose() * v.try_inverse().unwrap() * &c)[(0, 0)] / q as f64;
        assert!((got.f - f).abs() < 1e-9 * f.max(1.0), "{} vs {f}", got.f);
        assert_eq!(got.df, (q as f64, fit.df));
        assert_eq!(got.n, fit.n);
        for (g, slope) in got.slopes.iter().enumerate() {
            let dense = fit.coef[0] + if g == 0 { 0.0 } else { fit.coef[g] };
            assert!((slope - dense).abs() < 1e-12, "{g}: {slope} vs {dense}");
        }
    }

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
        // People numbered in the order of their names, as the intervals number them.
        let ids: BTreeMap<&str, usize> = cells
            .iter()
            .map(|c| c[person])
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, i))
            .collect();
        for name in ["differs", "same"] {
            let rows: Vec<Row<'_>> = cells
                .iter()
                .filter(|c| c[panel] == name)
                .map(|c| {
                    (
                        ids[c[person]],
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

    /// The closed form of the Wald F is the dense quadratic form: random slopes and variances, 2 to 60
    /// groups, against nalgebra's inverse of the contrasts' covariance.
    #[test]
    fn the_closed_form_wald_is_the_dense_one() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for groups in [2, 3, 7, 60] {
            let slopes: Vec<f64> = (0..groups).map(|_| rng.random_range(-0.2..0.2)).collect();
            let variances: Vec<f64> = (0..groups).map(|_| rng.random_range(1e-4..1e-2)).collect();
            let q = groups - 1;
            let c = DVector::from_iterator(q, slopes[1..].iter().map(|s| s - slopes[0]));
            let v = DMatrix::from_fn(q, q, |i, j| {
                variances[0] + if i == j { variances[i + 1] } else { 0.0 }
            });
            let dense = (c.transpose() * v.try_inverse().unwrap() * &c)[(0, 0)] / q as f64;
            let (f, df) = wald_equal(&slopes, &variances).unwrap();
            assert_eq!(df, q);
            assert!(
                (f - dense).abs() <= 1e-9 * dense.max(1.0),
                "{groups}: {f} vs {dense}"
            );
        }
        // A group fitted exactly (variance 0), the reference or another: the dense inverse still
        // exists, and the closed form is its limit.
        let dense_f = |slopes: &[f64], variances: &[f64]| {
            let q = slopes.len() - 1;
            let c = DVector::from_iterator(q, slopes[1..].iter().map(|s| s - slopes[0]));
            let v = DMatrix::from_fn(q, q, |i, j| {
                variances[0] + if i == j { variances[i + 1] } else { 0.0 }
            });
            (c.transpose() * v.try_inverse().unwrap() * &c)[(0, 0)] / q as f64
        };
        for variances in [[0.01, 0.0, 0.02], [0.0, 0.01, 0.02], [0.01, 0.02, 0.0]] {
            let slopes = [0.1, 0.3, 0.2];
            let (f, _) = wald_equal(&slopes, &variances).unwrap();
            let dense = dense_f(&slopes, &variances);
            assert!(
                (f - dense).abs() < 1e-9 * dense,
                "{variances:?}: {f} vs {dense}"
            );
        }
        // Two without variance: the covariance is singular, no test.
        assert!(wald_equal(&[0.1, 0.3, 0.2], &[0.0, 0.01, 0.0]).is_none());
        assert!(wald_equal(&[0.1, 0.3], &[f64::NAN, 0.01]).is_none());
        let many = 10_000;
        let slopes: Vec<f64> = (0..many).map(|g| (g % 7) as f64 * 0.01).collect();
        let mut variances = vec![1e-3; many];
        let (f, df) = wald_equal(&slopes, &variances).unwrap();
        assert_eq!(df, many - 1);
        // Equal variances: Q is the plain sum of squares about the mean slope, over the variance.
        let mean = slopes.iter().sum::<f64>() / many as f64;
        let q = slopes.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / 1e-3;
        assert!((f - q / (many - 1) as f64).abs() < 1e-9 * f, "{f}");
        variances[5] = 0.0;
        let (f, _) = wald_equal(&slopes, &variances).unwrap();
        let about_5: f64 = (0..many)
            .filter(|g| *g != 5)
            .map(|g| (slopes[g] - slopes[5]).powi(2) / 1e-3)
            .sum();
        assert!((f - about_5 / (many - 1) as f64).abs() < 1e-9 * f, "{f}");
    }

    #[test]
    fn small_groups_take_no_part() {
        // Two groups of four people: below the five a group needs, so no test.
        let rows: Vec<Row<'_>> = (0..8)
            .flat_map(|p| {
                let group = if p < 4 { "East" } else { "West" };
                (0..10).map(move |i| (p, group, 1.0, i as f64, i as f64 * 0.1))
            })
            .collect();
        assert!(test_rows("posts", Component::Brand, &rows).is_none());
    }
}
