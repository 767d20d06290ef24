//! Fixed-effects regressions: per component, an OLS of its weekly change on every activity rate with one
//! intercept per person, estimated by centring each person's values (the within transformation). Metrics
//! logged too rarely, without variation within a person, or collinear with others are dropped and named.
//! Classical standard errors use n - people - k degrees of freedom; with enough people, standard errors
//! clustered by person are added. Linear algebra comes from nalgebra, distributions from statrs.

use super::intervals::{lag_pairs, Interval};
use super::linkage::{component_change, demean, dense_groups};
use crate::model::schema::Component;
use nalgebra::{DMatrix, DVector};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Cluster-robust standard errors are added from this many people on.
pub const MIN_CLUSTERS: usize = 10;

/// A metric enters a model only when it is logged in at least this share of the intervals.
pub const MIN_COVERAGE: f64 = 0.8;

/// Fewer observations than this and no model is fitted.
pub const MIN_OBSERVATIONS: usize = 8;

/// A column whose within-person spread, or whose part not explained by the columns before it, is below
/// this share of its raw spread counts as constant or collinear.
const COLLINEAR_TOLERANCE: f64 = 1e-9;

/// One coefficient's estimate and inference.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Standard error.
    pub se: f64,
    /// coef / se.
    pub t: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// 95% confidence interval.
    pub ci: (f64, f64),
}

/// One activity metric's coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The metric.
    pub metric: String,
    /// Points of component change per week per +1 of the metric per week, other metrics held fixed.
    pub coef: f64,
    /// Classical inference (t with n - people - k degrees of freedom); `None` when the fit is exact.
    pub classical: Option<Estimate>,
    /// Inference with standard errors clustered by person (t with people - 1 degrees of freedom), when
    /// there are at least `MIN_CLUSTERS` people.
    pub clustered: Option<Estimate>,
}

/// Why a metric is not in a model.
#[derive(Debug, Clone, PartialEq)]
pub enum DropReason {
    /// Logged in too few of the intervals (the share it was logged in).
    SparselyLogged(f64),
    /// Constant within every person (so the person intercepts absorb it).
    NoVariation,
    /// A linear combination of the metrics kept before it.
    Collinear,
}

impl DropReason {
    /// A short machine-readable name.
    pub fn key(&self) -> &'static str {
        match self {
            DropReason::SparselyLogged(_) => "sparsely_logged",
            DropReason::NoVariation => "no_variation",
            DropReason::Collinear => "collinear",
        }
    }

    /// Plain words.
    pub fn describe(&self) -> String {
        match self {
            DropReason::SparselyLogged(share) => format!(
                "logged in only {:.0}% of the intervals, under the {:.0}% needed",
                share * 100.0,
                MIN_COVERAGE * 100.0
            ),
            DropReason::NoVariation => "does not vary within any person".into(),
            DropReason::Collinear => "a linear combination of the metrics before it".into(),
        }
    }
}

/// A metric left out of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The metric.
    pub metric: String,
    /// Why.
    pub reason: DropReason,
}

/// One component's fixed-effects model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The component whose weekly change is explained.
    pub component: Component,
    /// Observations (intervals) used.
    pub n: usize,
    /// People contributing.
    pub people: usize,
    /// Residual degrees of freedom: n - people - terms.
    pub df: usize,
    /// Share of the within-person variance of the change explained by the metrics.
    pub r2_within: Option<f64>,
    /// Coefficients, in the dataset's metric order.
    pub terms: Vec<Term>,
    /// Metrics left out, with the reason.
    pub dropped: Vec<Dropped>,
}

impl Model {
    /// A model with nothing fitted yet.
    fn unfitted(component: Component) -> Model {
        Model {
            component,
            n: 0,
            people: 0,
            df: 0,
            r2_within: None,
            terms: Vec::new(),
            dropped: Vec::new(),
        }
    }
}

fn estimate(coef: f64, variance: f64, dist: &StudentsT) -> Option<Estimate> {
    if !(variance.is_finite() && variance > 0.0) {
        return None;
    }
    let se = variance.sqrt();
    let t = coef / se;
    let crit = dist.inverse_cdf(0.975);
    Some(Estimate {
        se,
        t,
        p_value: 2.0 * dist.sf(t.abs()),
        ci: (coef - crit * se, coef + crit * se),
    })
}

/// The lag-0 intervals (activity and change over the same interval) that have the component's change.
fn usable_intervals(intervals: &[Interval], component: Component) -> Vec<&Interval> {
    lag_pairs(intervals, 0)
        .into_iter()
        .map(|(a, _)| a)
        .filter(|i| component_change(i, component).is_some())
        .collect()
}

/// The metrics logged in at least `MIN_COVERAGE` of the usable intervals; the others are recorded in
/// `dropped` with the share they were logged in.
fn logged_metrics(
    usable: &[&Interval],
    metrics: &[String],
    dropped: &mut Vec<Dropped>,
) -> Vec<usize> {
    let mut candidates = Vec::new();
    for (m, name) in metrics.iter().enumerate() {
        let logged = usable.iter().filter(|i| i.rates[m].is_some()).count();
        let share = if usable.is_empty() {
            0.0
        } else {
            logged as f64 / usable.len() as f64
        };
        if share < MIN_COVERAGE {
            dropped.push(Dropped {
                metric: name.clone(),
                reason: DropReason::SparselyLogged(share),
            });
        } else {
            candidates.push(m);
        }
    }
    candidates
}

/// The observations of one model: the usable intervals that log every candidate metric, each with its
/// person as a group number (0 for the first person seen).
struct Panel<'a> {
    rows: Vec<&'a Interval>,
    groups: Vec<usize>,
    people: usize,
}

impl<'a> Panel<'a> {
    fn new(usable: Vec<&'a Interval>, candidates: &[usize]) -> Panel<'a> {
        let rows: Vec<&Interval> = usable
            .into_iter()
            .filter(|i| candidates.iter().all(|m| i.rates[*m].is_some()))
            .collect();
        let (groups, people) = dense_groups(rows.iter().map(|r| r.person_id));
        Panel {
            rows,
            groups,
            people,
        }
    }

    /// A value of every row, centred on its person's mean.
    fn centred(&self, value: impl Fn(&Interval) -> f64) -> Vec<f64> {
        let mut values: Vec<f64> = self.rows.iter().map(|r| value(r)).collect();
        demean(&mut values, &self.groups, self.people);
        values
    }
}

/// A candidate metric's column over the panel, centred within person, with the raw sum of squares (at
/// least 1) its spread is judged against.
struct Column {
    metric: usize,
    values: Vec<f64>,
    scale: f64,
}

/// Each candidate metric's column over the panel.
fn centred_columns(panel: &Panel, candidates: &[usize]) -> Vec<Column> {
    candidates
        .iter()
        .map(|m| {
            let raw: Vec<f64> = panel
                .rows
                .iter()
                .map(|r| r.rates[*m].unwrap_or(0.0))
                .collect();
            let scale: f64 = raw.iter().map(|v| v * v).sum::<f64>().max(1.0);
            let mut values = raw;
            demean(&mut values, &panel.groups, panel.people);
            Column {
                metric: *m,
                values,
                scale,
            }
        })
        .collect()
}

/// The columns to keep, in order: a metric stays when its centred column has within-person spread and
/// is not explained by the columns kept before it. The residual sum of squares of that regression, read
/// off the Gram matrix of the centred columns (G_jj - G_jK G_KK^-1 G_Kj), must stay above a tiny share
/// of its spread. The others are recorded in `dropped`.
fn independent_columns<'c>(
    columns: &'c [Column],
    metrics: &[String],
    dropped: &mut Vec<Dropped>,
) -> Vec<&'c Column> {
    let gram = DMatrix::from_fn(columns.len(), columns.len(), |i, j| {
        columns[i]
            .values
            .iter()
            .zip(&columns[j].values)
            .map(|(a, b)| a * b)
            .sum::<f64>()
    });
    let mut kept_idx: Vec<usize> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        let spread = gram[(i, i)];
        let reason = if spread <= COLLINEAR_TOLERANCE * column.scale {
            Some(DropReason::NoVariation)
        } else if !kept_idx.is_empty()
            && spread - explained(&gram, &kept_idx, i)
                <= COLLINEAR_TOLERANCE * spread.max(column.scale)
        {
            Some(DropReason::Collinear)
        } else {
            None
        };
        match reason {
            Some(reason) => dropped.push(Dropped {
                metric: metrics[column.metric].clone(),
                reason,
            }),
            None => kept_idx.push(i),
        }
    }
    kept_idx.iter().map(|i| &columns[*i]).collect()
}

/// The part of column `i`'s spread explained by the columns `kept`.
fn explained(gram: &DMatrix<f64>, kept: &[usize], i: usize) -> f64 {
    let gkk = DMatrix::from_fn(kept.len(), kept.len(), |a, b| gram[(kept[a], kept[b])]);
    let gkj = DVector::from_fn(kept.len(), |a, _| gram[(kept[a], i)]);
    gkk.cholesky()
        .map(|c| gkj.dot(&c.solve(&gkj)))
        .unwrap_or(0.0)
}

/// The least-squares fit of the centred change on the kept columns.
struct Solution {
    x: DMatrix<f64>,
    beta: DVector<f64>,
    /// (X'X)^-1.
    inverse: DMatrix<f64>,
    residuals: DVector<f64>,
    sse: f64,
    sst: f64,
}

/// Solves the normal equations; `None` when X'X is not positive definite.
fn solve(kept: &[&Column], y: &[f64]) -> Option<Solution> {
    let x = DMatrix::from_fn(y.len(), kept.len(), |i, j| kept[j].values[i]);
    let yv = DVector::from_column_slice(y);
    let xtx = x.transpose() * &x;
    let chol = xtx.cholesky()?;
    let beta = chol.solve(&(x.transpose() * &yv));
    let inverse = chol.inverse();
    let residuals = &yv - &x * &beta;
    let sse = residuals.norm_squared();
    let sst = yv.norm_squared();
    Some(Solution {
        x,
        beta,
        inverse,
        residuals,
        sse,
        sst,
    })
}

/// Cluster-robust covariance: (X'X)^-1 (sum over people of X_g' u_g u_g' X_g) (X'X)^-1, scaled by
/// G/(G-1) * (n-1)/(n-K) with K counting the person intercepts, as for the dummy-variable regression;
/// with its t distribution (people - 1 degrees of freedom). `None` under `MIN_CLUSTERS` people.
fn clustered_covariance(fit: &Solution, panel: &Panel) -> Option<(DMatrix<f64>, StudentsT)> {
    let people = panel.people;
    if people < MIN_CLUSTERS {
        return None;
    }
    let (n, k) = fit.x.shape();
    let mut meat = DMatrix::<f64>::zeros(k, k);
    let mut score = vec![DVector::<f64>::zeros(k); people];
    for (i, g) in panel.groups.iter().enumerate() {
        for (j, s) in score[*g].iter_mut().enumerate() {
            *s += fit.x[(i, j)] * fit.residuals[i];
        }
    }
    for s in &score {
        meat += s * s.transpose();
    }
    let g = people as f64;
    let total_k = (people + k) as f64;
    let scale = g / (g - 1.0) * (n as f64 - 1.0) / (n as f64 - total_k);
    let cov = &fit.inverse * meat * &fit.inverse * scale;
    StudentsT::new(0.0, 1.0, g - 1.0).ok().map(|d| (cov, d))
}

/// Fits one component's model on lag-0 intervals (activity and change over the same interval).
pub fn fit(intervals: &[Interval], metrics: &[String], component: Component) -> Model {
    let mut model = Model::unfitted(component);
    let usable = usable_intervals(intervals, component);
    let candidates = logged_metrics(&usable, metrics, &mut model.dropped);
    let panel = Panel::new(usable, &candidates);
    let (n, people) = (panel.rows.len(), panel.people);
    model.n = n;
    model.people = people;
    if n < MIN_OBSERVATIONS {
        return model;
    }
    let y = panel.centred(|r| component_change(r, component).unwrap_or(0.0));
    let columns = centred_columns(&panel, &candidates);
    let kept = independent_columns(&columns, metrics, &mut model.dropped);
    let k = kept.len();
    if k == 0 || n < MIN_OBSERVATIONS || n < people + k + 1 {
        return model;
    }
    let df = n - people - k;
    model.df = df;
    let Some(fit) = solve(&kept, &y) else {
        return model;
    };
    model.r2_within = (fit.sst > 0.0).then(|| 1.0 - fit.sse / fit.sst);
    let sigma2 = fit.sse / df as f64;
    let Ok(classical_t) = StudentsT::new(0.0, 1.0, df as f64) else {
        return model;
    };
    let clustered = clustered_covariance(&fit, &panel);
    for (j, column) in kept.iter().enumerate() {
        let coef = fit.beta[j];
        model.terms.push(Term {
            metric: metrics[column.metric].clone(),
            coef,
            classical: estimate(coef, sigma2 * fit.inverse[(j, j)], &classical_t),
            clustered: clustered
                .as_ref()
                .and_then(|(cov, dist)| estimate(coef, cov[(j, j)], dist)),
        });
    }
    model
}

/// Fits the model of every component.
pub fn fit_all(intervals: &[Interval], metrics: &[String]) -> Vec<Model> {
    use rayon::prelude::*;
    // One model per component, fitted in parallel; collecting keeps the component order.
    Component::ALL
        .par_iter()
        .map(|c| fit(intervals, metrics, *c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(metric: usize, values: [f64; 4]) -> Column {
        let scale = values.iter().map(|v| v * v).sum::<f64>().max(1.0);
        Column {
            metric,
            values: values.to_vec(),
            scale,
        }
    }

    #[test]
    fn constant_and_collinear_columns_are_dropped_in_order() {
        let metrics: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        // b is twice a (its spread 8 is all explained by a: 4 * 4 / 2), c never varies, d is orthogonal
        // to a (nothing of its spread 2 explained).
        let columns = [
            column(0, [1.0, -1.0, 0.0, 0.0]),
            column(1, [2.0, -2.0, 0.0, 0.0]),
            column(2, [0.0; 4]),
            column(3, [0.0, 0.0, 1.0, -1.0]),
        ];
        let mut dropped = Vec::new();
        let kept = independent_columns(&columns, &metrics, &mut dropped);
        let kept: Vec<usize> = kept.iter().map(|c| c.metric).collect();
        assert_eq!(kept, [0, 3]);
        assert_eq!(
            dropped,
            [
                Dropped {
                    metric: "b".into(),
                    reason: DropReason::Collinear
                },
                Dropped {
                    metric: "c".into(),
                    reason: DropReason::NoVariation
                },
            ]
        );
    }
}
