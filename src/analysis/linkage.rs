//! Within-person association between an activity rate and a component's weekly change: each person's
//! values are centred on that person's means before pooling, so differences between people do not pass for
//! effects of activity. Pearson r and Spearman rho (ranks within person, scaled by the series length) describe
//! it; the slope comes from a weighted fixed-effects fit (weights: weeks of change) with errors clustered by
//! person, or Newey-West for a few people (`within`), and its p-value, 95% interval and Benjamini-Hochberg
//! q-value across the table follow. A lag-1 row ("in the following interval") is the partial effect of the
//! earlier interval's activity with the same interval's activity held fixed, so activity that merely
//! persists from week to week does not echo the lag-0 effect.

use super::intervals::{lag_pairs, Interval};
use super::within::{self, Method};
use crate::model::schema::{expected_component, Component};

/// Below this many pairs a row is reported with its n only.
pub const MIN_PAIRS: usize = 8;

/// One observation: the person, the weeks of change it spans (its weight), the activity rate tested (x),
/// for a lag-1 row the activity rate over the interval of the change (held fixed), and the change (y).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The person, as a small number (`Interval::person_id`).
    pub person: usize,
    /// Weeks the change spans.
    pub weeks: f64,
    /// Activity per week.
    pub x: f64,
    /// Lag 1: activity per week over the interval of the change.
    pub control: Option<f64>,
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
    /// Within-person Pearson correlation (lag 1: partial, given the same interval's activity).
    pub pearson_r: Option<f64>,
    /// Within-person Spearman correlation of ranks scaled by each person's series length.
    pub spearman_rho: Option<f64>,
    /// Two-sided p-value of the slope (see `method`).
    pub p_value: Option<f64>,
    /// Within-person slope: change per week per +1 activity per week.
    pub slope: Option<f64>,
    /// 95% confidence interval of the slope.
    pub ci: Option<(f64, f64)>,
    /// Standard error of the slope.
    pub se: Option<f64>,
    /// Degrees of freedom of its t distribution.
    pub df: Option<f64>,
    /// How the standard error was estimated.
    pub method: Option<Method>,
}

impl Association {
    /// No statistics: `n` pairs from `people` people.
    pub fn counts(n: usize, people: usize) -> Association {
        Association {
            n,
            people,
            pearson_r: None,
            spearman_rho: None,
            p_value: None,
            slope: None,
            ci: None,
            se: None,
            df: None,
            method: None,
        }
    }
}

/// The weekly change of a component over an interval (`Interval::changes` holds ssi first, then the
/// components in LinkedIn's order).
pub(super) fn component_change(interval: &Interval, component: Component) -> Option<f64> {
    interval.changes.get(component.into())
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

/// Each value's rank within its person's values (average ranks for ties), divided by the number of that
/// person's values plus one, so every person's ranks span the same range whatever the series length.
fn scaled_ranks(values: &[f64], g: &[usize], groups: usize) -> Vec<f64> {
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (i, person) in g.iter().enumerate() {
        members_of[*person].push(i);
    }
    let mut out = vec![0.0; values.len()];
    for members in &members_of {
        let r = ranks(&members.iter().map(|i| values[*i]).collect::<Vec<_>>());
        let scale = members.len() as f64 + 1.0;
        for (k, i) in members.iter().enumerate() {
            out[*i] = r[k] / scale;
        }
    }
    out
}

/// `values` centred on each person's unweighted mean.
fn centred(values: &[f64], g: &[usize], groups: usize) -> Vec<f64> {
    let mut out = values.to_vec();
    demean(&mut out, g, groups);
    out
}

/// The residuals of `y` regressed on `x` through the origin (both already centred).
fn residualise(y: &[f64], x: &[f64]) -> Vec<f64> {
    let sxx: f64 = x.iter().map(|a| a * a).sum();
    let b = if sxx > 0.0 {
        x.iter().zip(y).map(|(a, c)| a * c).sum::<f64>() / sxx
    } else {
        0.0
    };
    y.iter().zip(x).map(|(c, a)| c - b * a).collect()
}

/// Computes the within-person association of x and y (with lag-1 pairs, of x given the control).
pub fn associate(pairs: &[Pair]) -> Association {
    let (g, people) = dense_groups(pairs.iter().map(|p| p.person));
    let n = pairs.len();
    let joint = pairs.iter().any(|p| p.control.is_some());
    let k = if joint { 2 } else { 1 };
    let mut out = Association::counts(n, people);
    if n < MIN_PAIRS || n < people + k + 1 {
        return out;
    }
    let xs: Vec<f64> = pairs.iter().map(|p| p.x).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.y).collect();
    let controls: Vec<f64> = pairs.iter().map(|p| p.control.unwrap_or(0.0)).collect();
    // Each step's columns are let go before the next step makes its own: a large team's pairs are
    // hundreds of thousands of values per column, and the table's rows are computed two at a time.
    {
        let (xc, yc) = (centred(&xs, &g, people), centred(&ys, &g, people));
        let cc = centred(&controls, &g, people);
        if !varies(&xc, &xs) || !varies(&yc, &ys) || (joint && !varies(&cc, &controls)) {
            return out;
        }
        out.pearson_r = if joint {
            pearson(&residualise(&xc, &cc), &residualise(&yc, &cc))
        } else {
            pearson(&xc, &yc)
        };
    }
    out.spearman_rho = {
        let x_ranks = centred(&scaled_ranks(&xs, &g, people), &g, people);
        let y_ranks = centred(&scaled_ranks(&ys, &g, people), &g, people);
        pearson(&x_ranks, &y_ranks)
    };
    let weights: Vec<f64> = pairs.iter().map(|p| p.weeks).collect();
    let weighted = |values: &[f64]| {
        let mut v = values.to_vec();
        within::centre(&mut v, &g, people, &weights);
        v
    };
    let (xw, yw) = (weighted(&xs), weighted(&ys));
    drop((xs, ys));
    let cw = if joint {
        weighted(&controls)
    } else {
        Vec::new()
    };
    drop(controls);
    let columns: Vec<&[f64]> = if joint { vec![&cw, &xw] } else { vec![&xw] };
    let Some(fit) = within::fit(&yw, &columns, &g, people, &weights) else {
        return out;
    };
    let j = columns.len() - 1;
    out.slope = Some(fit.coef[j]);
    out.df = Some(fit.df);
    out.method = Some(fit.method);
    if let Some(inference) = fit.inference[j] {
        out.se = Some(inference.se);
        out.p_value = Some(inference.p_value);
        out.ci = Some(inference.ci);
    }
    out
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
    /// The person, when every pair of the row is one person's.
    pub only: Option<String>,
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
        let both = observations(&pairs, m, component, 0);
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

/// The pairs where a metric's rate and a component's change are both present, the weeks of change they
/// cover, and the person when they are all one person's.
struct Paired<'a> {
    pairs: Vec<Pair>,
    weeks: f64,
    only: Option<&'a str>,
}

/// The observations of one row: for each pair of intervals of the lag, the metric's rate over the first
/// and the component's change over the second; at lag 1 also the rate over the second, held fixed. Pairs
/// missing any of them are left out.
fn observations<'a>(
    pairs: &[IntervalPair<'a>],
    metric: usize,
    component: Component,
    lag: usize,
) -> Paired<'a> {
    let mut out = Paired {
        pairs: Vec::with_capacity(pairs.len()),
        weeks: 0.0,
        only: None,
    };
    // The one person the pairs come from, while they all come from one (told apart by number: a
    // large team has hundreds of thousands of pairs per row).
    let mut one: Option<(usize, &'a str)> = None;
    let mut several = false;
    for (a, b) in pairs {
        let control = if lag == 0 {
            Some(None)
        } else {
            b.rates.get(metric).map(Some)
        };
        if let (Some(x), Some(y), Some(control)) =
            (a.rates.get(metric), component_change(b, component), control)
        {
            out.pairs.push(Pair {
                person: a.person_id as usize,
                weeks: b.weeks,
                x,
                control,
                y,
            });
            out.weeks += b.weeks;
            match one {
                None => one = Some((a.person_id as usize, &*a.person)),
                Some((id, _)) if id != a.person_id as usize => several = true,
                Some(_) => {}
            }
        }
    }
    if !several {
        out.only = one.map(|(_, name)| name);
    }
    out
}

/// How an expected row fares, or whether an unexpected one is surprising, once its q-value is known.
pub fn support(row: &LinkageRow, alpha: f64) -> Option<Support> {
    let significant = row.significant(alpha);
    let positive = row.stats.slope.is_some_and(|s| s > 0.0);
    match (row.expected, significant) {
        (true, _) if row.stats.p_value.is_none() => {
            let df = row.stats.n as f64 - row.stats.people as f64 - 1.0 - row.lag.min(1) as f64;
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

/// Builds the table of every metric x component at lag 0 and every expected link at lag 1 from the
/// intervals, with q-values across all rows and each row's support at level `alpha`.
pub fn table(intervals: &[Interval], metrics: &[String], alpha: f64) -> Vec<LinkageRow> {
    use rayon::prelude::*;
    let by_lag: Vec<Vec<IntervalPair>> =
        LAGS.iter().map(|lag| lag_pairs(intervals, *lag)).collect();
    // Rows are independent: computed in parallel, collected in metric, component, lag order. Lag 1 is
    // tested for expected links only: a delayed effect is a claim about how LinkedIn scores an activity,
    // and testing it for every pairing would spend the false-discovery budget on chance.
    let jobs: Vec<(usize, usize, usize)> = (0..metrics.len())
        .flat_map(|m| {
            (0..Component::ALL.len()).flat_map(move |c| (0..LAGS.len()).map(move |l| (m, c, l)))
        })
        .filter(|&(m, c, l)| {
            LAGS[l] == 0 || expected_component(&metrics[m]) == Some(Component::ALL[c])
        })
        .collect();
    let mut rows: Vec<LinkageRow> = jobs
        .par_iter()
        .map(|&(m, c, l)| {
            let component = Component::ALL[c];
            let paired = observations(&by_lag[l], m, component, LAGS[l]);
            LinkageRow {
                metric: metrics[m].clone(),
                component,
                lag: LAGS[l],
                expected: expected_component(&metrics[m]) == Some(component),
                weeks: paired.weeks,
                stats: associate(&paired.pairs),
                only: paired.only.map(str::to_string),
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

    /// Benjamini-Hochberg q-values computed once by tests/fixtures/linkage/make_expected.py (statsmodels).
    const EXPECTED: &str = include_str!("../../tests/fixtures/linkage/expected.json");

    /// Weighted within-person fits with clustered and Newey-West errors, computed once by
    /// tests/fixtures/linkage/make_estimators.py (statsmodels WLS with cov_type cluster and hac-panel).
    pub(crate) const ESTIMATORS: &str =
        include_str!("../../tests/fixtures/linkage/estimators_expected.json");

    pub(crate) fn floats(v: &serde_json::Value) -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    }

    fn close(got: Option<f64>, want: f64, what: &str) {
        let got = got.unwrap_or_else(|| panic!("{what}: not computed"));
        assert!(
            (got - want).abs() < 1e-9 * want.abs().max(1.0),
            "{what}: {got} != {want}"
        );
    }

    #[test]
    fn matches_the_weighted_fixed_effects_reference() {
        let e: serde_json::Value = serde_json::from_str(ESTIMATORS).unwrap();
        for case in e["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let people: Vec<usize> = case["person"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as usize)
                .collect();
            let (w, x0, x1, y) = (
                floats(&case["w"]),
                floats(&case["x0"]),
                floats(&case["x1"]),
                floats(&case["y"]),
            );
            for (model, joint) in [("single", false), ("joint", true)] {
                let pairs: Vec<Pair> = (0..y.len())
                    .map(|i| Pair {
                        person: people[i],
                        weeks: w[i],
                        x: if joint { x1[i] } else { x0[i] },
                        control: joint.then_some(x0[i]),
                        y: y[i],
                    })
                    .collect();
                let a = associate(&pairs);
                let want = &case[model];
                let what = |k: &str| format!("{name} {model} {k}");
                assert_eq!(a.n as u64, want["n"].as_u64().unwrap(), "{}", what("n"));
                assert_eq!(a.people as u64, want["people"].as_u64().unwrap());
                assert_eq!(a.method.map(Method::key), case["method"].as_str());
                if let Some(Method::Hac { lags }) = a.method {
                    assert_eq!(lags as u64, want["maxlags"].as_u64().unwrap());
                }
                let last = |k: &str| *floats(&want[k]).last().unwrap();
                close(a.df, want["df"].as_f64().unwrap(), &what("df"));
                close(a.slope, last("coef"), &what("coef"));
                close(a.se, last("se"), &what("se"));
                close(a.p_value, last("p"), &what("p"));
                close(a.ci.map(|c| c.0), last("ci_low"), &what("ci_low"));
                close(a.ci.map(|c| c.1), last("ci_high"), &what("ci_high"));
                close(a.pearson_r, want["r"].as_f64().unwrap(), &what("r"));
                close(a.spearman_rho, want["rho"].as_f64().unwrap(), &what("rho"));
            }
        }
    }

    #[test]
    fn benjamini_hochberg_matches_the_reference() {
        let e: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
        let p: Vec<Option<f64>> = e["bh_p"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64())
            .collect();
        let q = bh_q_values(&p);
        for (got, want) in q.iter().zip(e["bh_q"].as_array().unwrap()) {
            close(*got, want.as_f64().unwrap(), "q");
        }
    }

    #[test]
    fn fewer_than_eight_pairs_give_n_but_no_statistics() {
        let pairs: Vec<Pair> = (0..7)
            .map(|i| Pair {
                person: 0,
                weeks: 1.0,
                x: i as f64,
                control: None,
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
                weeks: 10.0 / 7.0,
                x: 3.0 / (10.0 / 7.0),
                control: None,
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
