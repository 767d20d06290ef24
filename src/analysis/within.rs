//! Within-person (fixed-effects) weighted least squares with errors that respect how the data were drawn:
//! coefficients from each person's values centred on that person's weighted mean (weights are interval
//! lengths in weeks, since a change over a longer interval is a steadier figure per week), and a covariance
//! that lets one person's intervals depend on one another: clustered by person (CR1, t with G - 1 degrees
//! of freedom) from `MIN_CLUSTERS` people on, Newey-West within each person's series (Bartlett kernel,
//! t with N - K - G degrees of freedom) below. docs/analysis.md states the estimators and their limits.

use nalgebra::{DMatrix, DVector};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// From this many people on, errors are clustered by person; below, each person's series gets a
/// Newey-West (HAC) covariance.
pub const MIN_CLUSTERS: usize = 10;

/// How the covariance of the coefficients was estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Clustered by person (CR1).
    Cluster,
    /// Newey-West within each person's series, with this many lags.
    Hac {
        /// Bartlett lags.
        lags: usize,
    },
}

impl Method {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            Method::Cluster => "cluster",
            Method::Hac { .. } => "hac",
        }
    }

    /// Plain words for the report.
    pub fn describe(self) -> String {
        match self {
            Method::Cluster => "standard errors clustered by person".into(),
            Method::Hac { lags } => format!(
                "Newey-West standard errors within each person's series ({lags} lag{})",
                if lags == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The method for `people` people and `n` observations: clustered from `MIN_CLUSTERS` people on, else
/// Newey-West with max(1, floor(4 (T/100)^(2/9))) lags for an average series length T = n / people.
pub fn method_for(n: usize, people: usize) -> Method {
    if people >= MIN_CLUSTERS {
        return Method::Cluster;
    }
    let t = n as f64 / people.max(1) as f64;
    let lags = (4.0 * (t / 100.0).powf(2.0 / 9.0)).floor() as usize;
    Method::Hac { lags: lags.max(1) }
}

/// Subtracts each group's weighted mean from its members: `values[i]` belongs to group `groups[i]` of
/// `count`, with weight `weights[i]`.
pub fn centre(values: &mut [f64], groups: &[usize], count: usize, weights: &[f64]) {
    let mut sum = vec![0.0; count];
    let mut total = vec![0.0; count];
    for ((v, g), w) in values.iter().zip(groups).zip(weights) {
        sum[*g] += w * v;
        total[*g] += w;
    }
    for (v, g) in values.iter_mut().zip(groups) {
        if total[*g] > 0.0 {
            *v -= sum[*g] / total[*g];
        }
    }
}

/// The sum of w_i a_i b_i, in four running sums (fewer rounding steps in a row than one, and the loop
/// vectorises).
fn weighted_dot(w: &[f64], a: &[f64], b: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let (wc, ac, bc) = (w.chunks_exact(4), a.chunks_exact(4), b.chunks_exact(4));
    let rest: f64 = wc
        .remainder()
        .iter()
        .zip(ac.remainder())
        .zip(bc.remainder())
        .map(|((w, a), b)| w * a * b)
        .sum();
    for ((w, a), b) in wc.zip(ac).zip(bc) {
        for l in 0..4 {
            lanes[l] += w[l] * a[l] * b[l];
        }
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}

/// One coefficient's inference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inference {
    /// Standard error.
    pub se: f64,
    /// coef / se.
    pub t: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// 95% confidence interval.
    pub ci: (f64, f64),
}

/// A fitted within model.
#[derive(Debug, Clone, PartialEq)]
pub struct WithinFit {
    /// Observations.
    pub n: usize,
    /// People.
    pub people: usize,
    /// Coefficients, one per regressor.
    pub coef: Vec<f64>,
    /// Inference per coefficient (`None` where the variance is not positive).
    pub inference: Vec<Option<Inference>>,
    /// Degrees of freedom of the t distribution.
    pub df: f64,
    /// How the covariance was estimated.
    pub method: Method,
    /// The coefficients' covariance, row-major (`coef.len()` squared), as the method estimates it.
    pub covariance: Vec<f64>,
    /// Weighted residual and total sums of squares of the centred outcome.
    pub sse: f64,
    /// See `sse`.
    pub sst: f64,
}

/// Fits `y` on the columns `xs`, all already centred within person with the same `weights` (`centre`),
/// rows grouped by person and in time order within each person. `None` when the columns are not
/// linearly independent or too few degrees of freedom remain.
///
/// Every product is read off the columns as they are (X'WX and X'Wy as weighted dot products, each
/// person's score sums in one pass over the rows): no n x k matrix is made, since a large team's model
/// has hundreds of thousands of rows and runs beside others. Only the Newey-West covariance (fewer than
/// `MIN_CLUSTERS` people, so short series) holds the scores, one column per regressor.
pub fn fit(
    y: &[f64],
    xs: &[&[f64]],
    groups: &[usize],
    people: usize,
    weights: &[f64],
) -> Option<WithinFit> {
    let (n, k) = (y.len(), xs.len());
    let method = method_for(n, people);
    let df = match method {
        Method::Cluster => people as f64 - 1.0,
        Method::Hac { .. } => n as f64 - k as f64 - people as f64,
    };
    if k == 0 || df < 1.0 || (n as f64) < (people + k + 1) as f64 {
        return None;
    }
    let bread = DMatrix::from_fn(k, k, |a, b| weighted_dot(weights, xs[a], xs[b]));
    let xty = DVector::from_fn(k, |a, _| weighted_dot(weights, xs[a], y));
    let chol = bread.cholesky()?;
    let beta = chol.solve(&xty);
    let inverse = chol.inverse();
    let residuals: Vec<f64> = (0..n)
        .map(|i| y[i] - (0..k).map(|a| xs[a][i] * beta[a]).sum::<f64>())
        .collect();
    let sse: f64 = residuals.iter().zip(weights).map(|(e, w)| w * e * e).sum();
    let sst: f64 = y.iter().zip(weights).map(|(v, w)| w * v * v).sum();
    // A row's score for regressor a: w x_a e.
    let score = |i: usize, a: usize| weights[i] * xs[a][i] * residuals[i];
    let (meat, scale) = match method {
        Method::Cluster => {
            let mut sums = DMatrix::<f64>::zeros(people, k);
            for (i, g) in groups.iter().enumerate() {
                for a in 0..k {
                    sums[(*g, a)] += score(i, a);
                }
            }
            let g = people as f64;
            let scale = g / (g - 1.0) * (n as f64 - 1.0) / (n as f64 - k as f64);
            (sums.tr_mul(&sums), scale)
        }
        Method::Hac { lags } => {
            let scores = DMatrix::from_fn(n, k, score);
            let mut meat = scores.tr_mul(&scores);
            for lag in 1..=lags {
                let weight = 1.0 - lag as f64 / (lags as f64 + 1.0);
                let mut cross = DMatrix::<f64>::zeros(k, k);
                for i in lag..n {
                    if groups[i] != groups[i - lag] {
                        continue;
                    }
                    for a in 0..k {
                        for b in 0..k {
                            cross[(a, b)] += scores[(i, a)] * scores[(i - lag, b)];
                        }
                    }
                }
                meat += (&cross + cross.transpose()) * weight;
            }
            let scale = n as f64 / (n as f64 - k as f64 - people as f64);
            (meat, scale)
        }
    };
    let covariance = &inverse * meat * &inverse * scale;
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let crit = dist.inverse_cdf(0.975);
    let inference = (0..k)
        .map(|j| {
            let variance = covariance[(j, j)];
            (variance.is_finite() && variance > 0.0).then(|| {
                let se = variance.sqrt();
                let t = beta[j] / se;
                Inference {
                    se,
                    t,
                    p_value: 2.0 * dist.sf(t.abs()),
                    ci: (beta[j] - crit * se, beta[j] + crit * se),
                }
            })
        })
        .collect();
    Some(WithinFit {
        n,
        people,
        coef: beta.iter().copied().collect(),
        covariance: (0..k)
            .flat_map(|i| (0..k).map(move |j| (i, j)))
            .map(|(i, j)| covariance[(i, j)])
            .collect(),
        inference,
        df,
        method,
        sse,
        sst,
    })
}
