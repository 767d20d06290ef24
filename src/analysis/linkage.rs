//! Within-person association between an activity rate and a component's weekly change: each person's
//! values are centred on that person's means before pooling, so differences between people do not pass for
//! effects of activity. Pearson r with its t-test, Spearman rho (ranks within person), the within-person
//! slope with a 95% interval, and Benjamini-Hochberg q-values across a table of tests.

use super::intervals::{lag_pairs, Interval};
use crate::model::schema::{expected_component, Component};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Below this many pairs a row is reported with its n only.
pub const MIN_PAIRS: usize = 8;

/// One pair: the person, the activity rate (x) and the change (y).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The person, as a small number (`Interval::person_id`).
    pub person: usize,
    /// Activity per week.
    pub x: f64,
    /// Component change per week.
    pub y: f64,
}

/// The statistics of one metric-component pairing.
#[derive(Debug, Clone, PartialEq)]
pub struct Association {
    /// Pairs used.
    pub n: usize,
    /// People contributing.
    pub people: usize,
    /// Within-person Pearson correlation.
    pub pearson_r: Option<f64>,
    /// Within-person Spearman correlation.
    pub spearman_rho: Option<f64>,
    /// Two-sided p-value of r (t distribution, n - people - 1 degrees of freedom).
    pub p_value: Option<f64>,
    /// Within-person slope: change per week per +1 activity per week.
    pub slope: Option<f64>,
    /// 95% confidence interval of the slope.
    pub ci: Option<(f64, f64)>,
}

/// The weekly change of a component over an interval (`Interval::changes` holds ssi first, then the
/// components in LinkedIn's order).
pub(super) fn component_change(interval: &Interval, component: Component) -> Option<f64> {
    interval.changes[component.into()]
}

/// Subtracts each group's mean from its members: `values[i]` belongs to group `groups[i]` of `count`.
pub(super) fn demean(values: &mut [f64], groups: &[usize], count: usize) {
    let mut sum = vec![0.0; count];
    let mut size = vec![0usize; count];
    for (v, g) in values.iter().zip(groups) {
        sum[*g] += v;
        size[*g] += 1;
    }
    for (v, g) in values.iter_mut().zip(groups) {
        *v -= sum[*g] / size[*g] as f64;
    }
}

/// Average ranks (1-based, ties share the mean rank) of `values`.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for k in &order[i..=j] {
            out[*k] = rank;
        }
        i = j + 1;
    }
    out
}

/// Below this share of its raw sum of squares, a centred column is rounding noise: no variation.
const NO_VARIATION: f64 = 1e-12;

/// True when the centred values `centred` of `raw` have real spread.
fn varies(centred: &[f64], raw: &[f64]) -> bool {
    let spread: f64 = centred.iter().map(|a| a * a).sum();
    let scale: f64 = raw.iter().map(|a| a * a).sum();
    spread > 0.0 && spread > NO_VARIATION * scale
}

/// Pearson correlation of centred values (clamped to [-1, 1] against rounding).
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let sxx: f64 = x.iter().map(|a| a * a).sum();
    let syy: f64 = y.iter().map(|b| b * b).sum();
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Dense group numbers (in order of first appearance) for a list of person ids, and the group count.
pub(super) fn dense_groups(persons: impl Iterator<Item = usize>) -> (Vec<usize>, usize) {
    let mut dense: Vec<Option<usize>> = Vec::new();
    let mut g = Vec::new();
    let mut groups = 0;
    for person in persons {
        if dense.len() <= person {
            dense.resize(person + 1, None);
        }
        let id = *dense[person].get_or_insert_with(|| {
            groups += 1;
            groups - 1
        });
        g.push(id);
    }
    (g, groups)
}

/// One variable of an association over a set of pairs: its values centred within person, whether they
/// vary beyond rounding noise, and its within-person ranks, centred the same way.
#[derive(Debug, Clone)]
struct Side {
    centred: Vec<f64>,
    varies: bool,
    ranks: Vec<f64>,
}

impl Side {
    /// No values: too few pairs for statistics.
    fn empty() -> Side {
        Side {
            centred: Vec::new(),
            varies: false,
            ranks: Vec::new(),
        }
    }

    /// `values[i]` belongs to group `g[i]` of `groups`.
    fn new(values: &[f64], g: &[usize], groups: usize) -> Side {
        let mut centred = values.to_vec();
        demean(&mut centred, g, groups);
        let varies = varies(&centred, values);
        // Spearman: ranks within each person, then centred like the values.
        let mut rank = vec![0.0; values.len()];
        let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); groups];
        for (i, person) in g.iter().enumerate() {
            members_of[*person].push(i);
        }
        for members in &members_of {
            let r = ranks(&members.iter().map(|i| values[*i]).collect::<Vec<_>>());
            for (k, i) in members.iter().enumerate() {
                rank[*i] = r[k];
            }
        }
        demean(&mut rank, g, groups);
        Side {
            centred,
            varies,
            ranks: rank,
        }
    }
}

/// The association of two sides over the same `n` pairs from `people` people.
fn combine(x: &Side, y: &Side, n: usize, people: usize) -> Association {
    let mut out = Association {
        n,
        people,
        pearson_r: None,
        spearman_rho: None,
        p_value: None,
        slope: None,
        ci: None,
    };
    let df = n as f64 - people as f64 - 1.0;
    if n < MIN_PAIRS || df < 1.0 || !x.varies || !y.varies {
        return out;
    }
    let (x, y, rx, ry) = (&x.centred, &y.centred, &x.ranks, &y.ranks);
    out.spearman_rho = pearson(rx, ry);
    let Some(r) = pearson(x, y) else {
        return out;
    };
    out.pearson_r = Some(r);
    let Ok(t_dist) = StudentsT::new(0.0, 1.0, df) else {
        return out;
    };
    out.p_value = Some(if r.abs() >= 1.0 {
        0.0
    } else {
        let t = r * (df / (1.0 - r * r)).sqrt();
        2.0 * t_dist.sf(t.abs())
    });
    let sxx: f64 = x.iter().map(|a| a * a).sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let slope = sxy / sxx;
    let sse: f64 = x.iter().zip(y).map(|(a, b)| (b - slope * a).powi(2)).sum();
    let se = (sse / df / sxx).sqrt();
    let t_crit = t_dist.inverse_cdf(0.975);
    out.slope = Some(slope);
    out.ci = Some((slope - t_crit * se, slope + t_crit * se));
    out
}

/// Computes the within-person association of x and y.
pub fn associate(pairs: &[Pair]) -> Association {
    let (g, people) = dense_groups(pairs.iter().map(|p| p.person));
    let n = pairs.len();
    let df = n as f64 - people as f64 - 1.0;
    if n < MIN_PAIRS || df < 1.0 {
        return combine(&Side::empty(), &Side::empty(), n, people);
    }
    let xs: Vec<f64> = pairs.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.y).collect();
    combine(
        &Side::new(&xs, &g, people),
        &Side::new(&ys, &g, people),
        n,
        people,
    )
}

/// A variable prepared over the pairs where it is present (`present[i]` for pair i of a lag).
struct Prepared {
    variable: Variable,
    present: Vec<bool>,
    side: Side,
    n: usize,
    people: usize,
    weeks: f64,
}

/// Benjamini-Hochberg q-values for a list of p-values (`None` stays `None` and does not count).
pub fn bh_q_values(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    present.sort_by(|a, b| a.1.total_cmp(&b.1));
    let m = present.len() as f64;
    let mut out = vec![None; p.len()];
    let mut running = 1.0f64;
    for (rank, (i, v)) in present.iter().enumerate().rev() {
        let q = (v * m / (rank as f64 + 1.0)).min(running);
        running = q;
        out[*i] = Some(q.min(1.0));
    }
    out
}

/// The lags the table covers: 0 pairs an interval's activity with its own change, 1 with the next one's.
pub const LAGS: [usize; 2] = [0, 1];

/// How an expected metric-component link fares in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// A positive association with q below the level.
    Supported,
    /// Statistics computed, nothing significant.
    NotSupported,
    /// A significant association in the wrong direction.
    Contradicted,
    /// Too few intervals for statistics.
    TooLittleData,
    /// Enough intervals, but the activity (or the change) never varies within a person.
    NoVariation,
    /// A significant association the expected mapping does not predict.
    Surprising,
}

impl Support {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            Support::Supported => "supported",
            Support::NotSupported => "not_supported",
            Support::Contradicted => "contradicted",
            Support::TooLittleData => "too_little_data",
            Support::NoVariation => "no_variation",
            Support::Surprising => "surprising",
        }
    }
}

/// One row of the linkage table: a metric, a component and a lag.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkageRow {
    /// The activity metric.
    pub metric: String,
    /// The component whose weekly change is paired with it.
    pub component: Component,
    /// 0 or 1.
    pub lag: usize,
    /// True when the metric is expected to move this component.
    pub expected: bool,
    /// Total length in weeks of the change intervals used.
    pub weeks: f64,
    /// The within-person statistics.
    pub stats: Association,
    /// Benjamini-Hochberg q-value across the whole table.
    pub q_value: Option<f64>,
    /// For expected rows, whether the data agree; for other rows, `Surprising` when significant.
    pub support: Option<Support>,
}

impl LinkageRow {
    /// True when the row is a finding at level `alpha`.
    pub fn significant(&self, alpha: f64) -> bool {
        self.q_value.is_some_and(|q| q < alpha)
    }
}

/// The points behind one expected link, for a scatter: each interval's activity rate and component change,
/// both as differences from that person's own mean (lag 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    /// The component.
    pub component: Component,
    /// Its expected metric with the strongest evidence (lowest q, then most pairs).
    pub metric: String,
    /// The linkage row of that pairing.
    pub row: usize,
    /// (rate difference, change difference); at most `MAX_DRIVER_POINTS`, evenly thinned.
    pub points: Vec<(f64, f64)>,
}

/// The most points a driver keeps for drawing.
pub const MAX_DRIVER_POINTS: usize = 2000;

/// The expected lag-0 row of a component with the strongest evidence (lowest q, then most pairs) among
/// those with a slope, with its index in `rows`.
fn strongest_expected(rows: &[LinkageRow], component: Component) -> Option<(usize, &LinkageRow)> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.lag == 0 && r.expected && r.component == component)
        .filter(|(_, r)| r.stats.slope.is_some())
        .min_by(|(_, a), (_, b)| {
            let q = |r: &LinkageRow| r.q_value.unwrap_or(1.0);
            q(a).total_cmp(&q(b)).then(b.stats.n.cmp(&a.stats.n))
        })
}

/// The pairs' (rate, change) points, each centred on its person's means, thinned to at most
/// `MAX_DRIVER_POINTS`.
fn driver_points(pairs: &[Pair]) -> Vec<(f64, f64)> {
    let (g, count) = dense_groups(pairs.iter().map(|p| p.person));
    let mut x: Vec<f64> = pairs.iter().map(|p| p.x).collect();
    let mut y: Vec<f64> = pairs.iter().map(|p| p.y).collect();
    demean(&mut x, &g, count);
    demean(&mut y, &g, count);
    let step = x.len().div_ceil(MAX_DRIVER_POINTS).max(1);
    x.into_iter().zip(y).step_by(step).collect()
}

/// For each component, the expected metric with the strongest lag-0 evidence and its centred points.
pub fn drivers(intervals: &[Interval], metrics: &[String], rows: &[LinkageRow]) -> Vec<Driver> {
    let pairs = lag_pairs(intervals, 0);
    let mut out = Vec::new();
    for component in Component::ALL {
        let Some((row, best)) = strongest_expected(rows, component) else {
            continue;
        };
        let Some(m) = metrics.iter().position(|x| *x == best.metric) else {
            continue;
        };
        let both = Variable::Rate(m).paired_with(Variable::Change(component), &pairs);
        out.push(Driver {
            component,
            metric: best.metric.clone(),
            row,
            points: driver_points(&both.pairs),
        });
    }
    out
}

/// Two intervals of a person paired at a lag: the activity of the first, the change of the second.
type IntervalPair<'a> = (&'a Interval, &'a Interval);

/// One side of a linkage test: an activity rate or a component's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variable {
    /// The rate of the metric with this index, over the first interval of a pair.
    Rate(usize),
    /// The component's change, over the second interval of a pair.
    Change(Component),
}

/// The pairs where two variables are both present, and the weeks of change they cover.
struct Paired {
    pairs: Vec<Pair>,
    weeks: f64,
}

impl Variable {
    fn value(self, (a, b): IntervalPair) -> Option<f64> {
        match self {
            Variable::Rate(m) => a.rates[m],
            Variable::Change(c) => component_change(b, c),
        }
    }

    /// This variable (x) and `y` over the pairs that have both.
    fn paired_with(self, y: Variable, pairs: &[IntervalPair]) -> Paired {
        let mut out = Paired {
            pairs: Vec::with_capacity(pairs.len()),
            weeks: 0.0,
        };
        for pair in pairs {
            if let (Some(x), Some(y)) = (self.value(*pair), y.value(*pair)) {
                out.pairs.push(Pair {
                    person: pair.0.person_id,
                    x,
                    y,
                });
                out.weeks += pair.1.weeks;
            }
        }
        out
    }
}

impl Prepared {
    /// The variable over the pairs where it is present.
    fn new(pairs: &[IntervalPair], variable: Variable) -> Prepared {
        let present: Vec<bool> = pairs.iter().map(|p| variable.value(*p).is_some()).collect();
        let chosen: Vec<&IntervalPair> = pairs
            .iter()
            .zip(&present)
            .filter(|(_, p)| **p)
            .map(|(pair, _)| pair)
            .collect();
        let (g, people) = dense_groups(chosen.iter().map(|(a, _)| a.person_id));
        let values: Vec<f64> = chosen
            .iter()
            .map(|pair| variable.value(**pair).unwrap_or_default())
            .collect();
        let weeks: f64 = chosen.iter().map(|(_, b)| b.weeks).sum();
        let n = values.len();
        let side = if n >= MIN_PAIRS && n as f64 - people as f64 - 1.0 >= 1.0 {
            Side::new(&values, &g, people)
        } else {
            Side::empty()
        };
        Prepared {
            variable,
            present,
            side,
            n,
            people,
            weeks,
        }
    }
}

/// Every variable prepared over every lag's pairs, computed in parallel: `[lag][variable]`.
fn prepare(by_lag: &[Vec<IntervalPair>], variables: &[Variable]) -> Vec<Vec<Prepared>> {
    use rayon::prelude::*;
    let jobs: Vec<(usize, Variable)> = (0..by_lag.len())
        .flat_map(|l| variables.iter().map(move |v| (l, *v)))
        .collect();
    let mut prepared = jobs
        .par_iter()
        .map(|(l, v)| Prepared::new(&by_lag[*l], *v))
        .collect::<Vec<_>>()
        .into_iter();
    by_lag
        .iter()
        .map(|_| prepared.by_ref().take(variables.len()).collect())
        .collect()
}

/// The association of x and y over the pairs of one lag, with the weeks of change it covers. When both
/// are present in exactly the same pairs (complete logs), the prepared sides are reused; otherwise the
/// pairs that have both are taken. Both give the same numbers.
fn associate_prepared(pairs: &[IntervalPair], x: &Prepared, y: &Prepared) -> (Association, f64) {
    if x.present == y.present {
        return (combine(&x.side, &y.side, x.n, x.people), x.weeks);
    }
    let both = x.variable.paired_with(y.variable, pairs);
    (associate(&both.pairs), both.weeks)
}

/// How an expected row fares, or whether an unexpected one is surprising, once its q-value is known.
fn support(row: &LinkageRow, alpha: f64) -> Option<Support> {
    let significant = row.significant(alpha);
    let positive = row.stats.slope.is_some_and(|s| s > 0.0);
    match (row.expected, significant) {
        (true, _) if row.stats.p_value.is_none() => {
            let df = row.stats.n as f64 - row.stats.people as f64 - 1.0;
            if row.stats.n >= MIN_PAIRS && df >= 1.0 {
                Some(Support::NoVariation)
            } else {
                Some(Support::TooLittleData)
            }
        }
        (true, true) if positive => Some(Support::Supported),
        (true, true) => Some(Support::Contradicted),
        (true, false) => Some(Support::NotSupported),
        (false, true) => Some(Support::Surprising),
        (false, false) => None,
    }
}

/// Builds the table of every metric x component x lag from the intervals, with q-values across all rows
/// and each row's support at level `alpha`.
pub fn table(intervals: &[Interval], metrics: &[String], alpha: f64) -> Vec<LinkageRow> {
    use rayon::prelude::*;
    let by_lag: Vec<Vec<IntervalPair>> =
        LAGS.iter().map(|lag| lag_pairs(intervals, *lag)).collect();
    // Each variable's centred values and ranks are computed once per lag instead of once per row.
    let rates: Vec<Variable> = (0..metrics.len()).map(Variable::Rate).collect();
    let changes: Vec<Variable> = Component::ALL.map(Variable::Change).to_vec();
    let x_sides = prepare(&by_lag, &rates);
    let y_sides = prepare(&by_lag, &changes);
    // Rows are independent: computed in parallel, collected in metric, component, lag order.
    let jobs: Vec<(usize, usize, usize)> = (0..metrics.len())
        .flat_map(|m| {
            (0..Component::ALL.len()).flat_map(move |c| (0..LAGS.len()).map(move |l| (m, c, l)))
        })
        .collect();
    let mut rows: Vec<LinkageRow> = jobs
        .par_iter()
        .map(|&(m, c, l)| {
            let component = Component::ALL[c];
            let (stats, weeks) = associate_prepared(&by_lag[l], &x_sides[l][m], &y_sides[l][c]);
            LinkageRow {
                metric: metrics[m].clone(),
                component,
                lag: LAGS[l],
                expected: expected_component(&metrics[m]) == Some(component),
                weeks,
                stats,
                q_value: None,
                support: None,
            }
        })
        .collect();
    let p: Vec<Option<f64>> = rows.iter().map(|r| r.stats.p_value).collect();
    for (row, q) in rows.iter_mut().zip(bh_q_values(&p)) {
        row.q_value = q;
        row.support = support(row, alpha);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values computed once by tests/fixtures/linkage/make_expected.py (statsmodels fixed-effects OLS,
    /// numpy correlations of person-centred values, statsmodels' Benjamini-Hochberg).
    const EXPECTED: &str = include_str!("../../tests/fixtures/linkage/expected.json");

    #[test]
    fn matches_the_fixed_effects_reference() {
        let e: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
        let people: Vec<String> = e["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let num = |k: &str| e[k].as_f64().unwrap();
        let xs: Vec<f64> = e["x"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let ys: Vec<f64> = e["y"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let mut names = people.clone();
        names.dedup();
        let pairs: Vec<Pair> = people
            .iter()
            .zip(xs.iter().zip(&ys))
            .map(|(p, (x, y))| Pair {
                person: names.iter().position(|n| n == p).unwrap(),
                x: *x,
                y: *y,
            })
            .collect();
        let a = associate(&pairs);
        assert_eq!((a.n, a.people), (18, 3));
        let close = |got: Option<f64>, want: f64| {
            let got = got.expect("computed");
            assert!((got - want).abs() < 1e-9, "{got} != {want}");
        };
        close(a.pearson_r, num("pearson_r"));
        close(a.spearman_rho, num("spearman_rho"));
        close(a.p_value, num("p_value"));
        close(a.slope, num("slope"));
        close(a.ci.map(|c| c.0), num("ci_low"));
        close(a.ci.map(|c| c.1), num("ci_high"));
        let p: Vec<Option<f64>> = e["bh_p"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64())
            .collect();
        let q = bh_q_values(&p);
        for (got, want) in q.iter().zip(e["bh_q"].as_array().unwrap()) {
            close(*got, want.as_f64().unwrap());
        }
    }

    #[test]
    fn fewer_than_eight_pairs_give_n_but_no_statistics() {
        let pairs: Vec<Pair> = (0..7)
            .map(|i| Pair {
                person: 0,
                x: i as f64,
                y: (i * i) as f64,
            })
            .collect();
        let a = associate(&pairs);
        assert_eq!(a.n, 7);
        assert_eq!((a.pearson_r, a.p_value, a.slope), (None, None, None));
    }

    #[test]
    fn a_constant_rate_with_rounding_noise_has_no_statistics() {
        // 3 posts over 10 days is 2.1 a week in every interval; centring leaves only rounding noise.
        let pairs: Vec<Pair> = (0..10)
            .map(|i| Pair {
                person: 0,
                x: 3.0 / (10.0 / 7.0),
                y: (i % 3) as f64,
            })
            .collect();
        let a = associate(&pairs);
        assert_eq!(a.n, 10);
        assert_eq!(
            (a.pearson_r, a.p_value, a.slope, a.ci),
            (None, None, None, None)
        );
    }

    #[test]
    fn missing_p_values_are_not_counted_in_the_correction() {
        let q = bh_q_values(&[Some(0.01), None, Some(0.04)]);
        assert_eq!(q[1], None);
        assert!((q[0].unwrap() - 0.02).abs() < 1e-12);
        assert!((q[2].unwrap() - 0.04).abs() < 1e-12);
    }
}
