//! Fixed-effects regressions: per component, an OLS of its weekly change on every activity rate with one
//! intercept per person, estimated by centring each person's values (the within transformation). Metrics
//! logged too rarely, without variation within a person, or collinear with others are dropped and named.
//! Classical standard errors use n - people - k degrees of freedom; with enough people, standard errors
//! clustered by person are added. Linear algebra comes from nalgebra, distributions from statrs.

use super::intervals::{lag_pairs, Interval};
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

/// Subtracts each group's mean from its members.
fn demean(values: &mut [f64], groups: &[usize], count: usize) {
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

/// Fits one component's model on lag-0 intervals (activity and change over the same interval).
pub fn fit(intervals: &[Interval], metrics: &[String], component: Component) -> Model {
    let k_index = 1 + Component::ALL
        .iter()
        .position(|c| *c == component)
        .unwrap_or(0);
    let usable: Vec<&Interval> = lag_pairs(intervals, 0)
        .into_iter()
        .map(|(a, _)| a)
        .filter(|i| i.changes[k_index].is_some())
        .collect();
    let mut model = Model {
        component,
        n: 0,
        people: 0,
        df: 0,
        r2_within: None,
        terms: Vec::new(),
        dropped: Vec::new(),
    };
    // Metrics logged often enough; then the intervals that have all of them.
    let mut candidates = Vec::new();
    for (m, name) in metrics.iter().enumerate() {
        let logged = usable.iter().filter(|i| i.rates[m].is_some()).count();
        let share = if usable.is_empty() {
            0.0
        } else {
            logged as f64 / usable.len() as f64
        };
        if share < MIN_COVERAGE {
            model.dropped.push(Dropped {
                metric: name.clone(),
                reason: DropReason::SparselyLogged(share),
            });
        } else {
            candidates.push(m);
        }
    }
    let rows: Vec<&Interval> = usable
        .into_iter()
        .filter(|i| candidates.iter().all(|m| i.rates[*m].is_some()))
        .collect();
    let mut dense: Vec<Option<usize>> = Vec::new();
    let mut people = 0;
    let groups: Vec<usize> = rows
        .iter()
        .map(|r| {
            if dense.len() <= r.person_id {
                dense.resize(r.person_id + 1, None);
            }
            *dense[r.person_id].get_or_insert_with(|| {
                people += 1;
                people - 1
            })
        })
        .collect();
    let n = rows.len();
    model.n = n;
    model.people = people;
    if n < MIN_OBSERVATIONS {
        return model;
    }
    let mut y: Vec<f64> = rows
        .iter()
        .map(|r| r.changes[k_index].unwrap_or(0.0))
        .collect();
    demean(&mut y, &groups, people);

    // Keep a metric when its centred column has within-person spread and is not explained by the
    // columns kept before it: the residual sum of squares of that regression, read off the Gram matrix
    // of the centred columns (G_jj - G_jK G_KK^-1 G_Kj), must stay above a tiny share of its spread.
    let centred: Vec<(usize, Vec<f64>, f64)> = candidates
        .iter()
        .map(|m| {
            let raw: Vec<f64> = rows.iter().map(|r| r.rates[*m].unwrap_or(0.0)).collect();
            let scale: f64 = raw.iter().map(|v| v * v).sum::<f64>().max(1.0);
            let mut col = raw;
            demean(&mut col, &groups, people);
            (*m, col, scale)
        })
        .collect();
    let gram = DMatrix::from_fn(centred.len(), centred.len(), |i, j| {
        centred[i]
            .1
            .iter()
            .zip(&centred[j].1)
            .map(|(a, b)| a * b)
            .sum::<f64>()
    });
    let mut kept_idx: Vec<usize> = Vec::new();
    for (i, (m, _, scale)) in centred.iter().enumerate() {
        let spread = gram[(i, i)];
        if spread <= COLLINEAR_TOLERANCE * scale {
            model.dropped.push(Dropped {
                metric: metrics[*m].clone(),
                reason: DropReason::NoVariation,
            });
            continue;
        }
        if !kept_idx.is_empty() {
            let gkk = DMatrix::from_fn(kept_idx.len(), kept_idx.len(), |a, b| {
                gram[(kept_idx[a], kept_idx[b])]
            });
            let gkj = DVector::from_fn(kept_idx.len(), |a, _| gram[(kept_idx[a], i)]);
            let explained = gkk
                .cholesky()
                .map(|c| gkj.dot(&c.solve(&gkj)))
                .unwrap_or(0.0);
            if spread - explained <= COLLINEAR_TOLERANCE * spread.max(*scale) {
                model.dropped.push(Dropped {
                    metric: metrics[*m].clone(),
                    reason: DropReason::Collinear,
                });
                continue;
            }
        }
        kept_idx.push(i);
    }
    let kept: Vec<(usize, &Vec<f64>)> = kept_idx
        .iter()
        .map(|i| (centred[*i].0, &centred[*i].1))
        .collect();
    let k = kept.len();
    if k == 0 || n < MIN_OBSERVATIONS || n < people + k + 1 {
        return model;
    }
    let df = n - people - k;
    model.df = df;
    let x = DMatrix::from_fn(n, k, |i, j| kept[j].1[i]);
    let yv = DVector::from_column_slice(&y);
    let xtx = x.transpose() * &x;
    let Some(chol) = xtx.cholesky() else {
        return model;
    };
    let beta = chol.solve(&(x.transpose() * &yv));
    let inverse = chol.inverse();
    let residuals = &yv - &x * &beta;
    let sse = residuals.norm_squared();
    let sst = yv.norm_squared();
    model.r2_within = (sst > 0.0).then(|| 1.0 - sse / sst);
    let sigma2 = sse / df as f64;
    let Ok(classical_t) = StudentsT::new(0.0, 1.0, df as f64) else {
        return model;
    };

    // Cluster-robust: (X'X)^-1 (sum over people of X_g' u_g u_g' X_g) (X'X)^-1, scaled by
    // G/(G-1) * (n-1)/(n-K) with K counting the person intercepts, as for the dummy-variable regression.
    let clustered = if people >= MIN_CLUSTERS {
        let mut meat = DMatrix::<f64>::zeros(k, k);
        let mut score = vec![DVector::<f64>::zeros(k); people];
        for (i, g) in groups.iter().enumerate() {
            for j in 0..k {
                score[*g][j] += x[(i, j)] * residuals[i];
            }
        }
        for s in &score {
            meat += s * s.transpose();
        }
        let g = people as f64;
        let total_k = (people + k) as f64;
        let scale = g / (g - 1.0) * (n as f64 - 1.0) / (n as f64 - total_k);
        let cov = &inverse * meat * &inverse * scale;
        StudentsT::new(0.0, 1.0, g - 1.0).ok().map(|d| (cov, d))
    } else {
        None
    };

    for (j, (m, _)) in kept.iter().enumerate() {
        let coef = beta[j];
        let classical = estimate(coef, sigma2 * inverse[(j, j)], &classical_t);
        let clustered = clustered
            .as_ref()
            .and_then(|(cov, dist)| estimate(coef, cov[(j, j)], dist));
        model.terms.push(Term {
            metric: metrics[*m].clone(),
            coef,
            classical,
            clustered,
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
