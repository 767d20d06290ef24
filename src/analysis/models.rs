//! Fixed-effects regressions: per component, a weighted least-squares fit of its weekly change on every
//! activity rate with one intercept per person (weights: the interval's weeks), estimated by centring each
//! person's values (`within`). Metrics logged too rarely, without variation within a person, or collinear
//! with others are dropped and named. Standard errors are clustered by person (or Newey-West for a few
//! people), and the terms of all models get Benjamini-Hochberg q-values together, since each is a test.

use super::intervals::{lag_pairs, Interval};
use super::linkage::{bh_q_values, component_change, dense_groups};
use super::within::{self, Inference, Method};
use crate::model::schema::Component;
use nalgebra::{DMatrix, DVector};

/// A metric enters a model only when it is logged in at least this share of the intervals.
pub const MIN_COVERAGE: f64 = 0.8;

/// Fewer observations than this and no model is fitted.
pub const MIN_OBSERVATIONS: usize = 8;

/// A column whose within-person spread, or whose part not explained by the columns before it, is below
/// this share of its raw spread counts as constant or collinear.
const COLLINEAR_TOLERANCE: f64 = 1e-9;

/// One activity metric's coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The metric.
    pub metric: String,
    /// Points of component change per week per +1 of the metric per week, other metrics held fixed.
    pub coef: f64,
    /// Its standard error, p-value and interval (`Model::method`); `None` when the variance is not positive.
    pub estimate: Option<Inference>,
    /// Benjamini-Hochberg q-value across the terms of every model.
    pub q_value: Option<f64>,
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
    /// Degrees of freedom of the t distribution: people - 1 when clustered, n - people - terms otherwise.
    pub df: usize,
    /// How the standard errors were estimated.
    pub method: Option<Method>,
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
            method: None,
            r2_within: None,
            terms: Vec::new(),
            dropped: Vec::new(),
        }
    }
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
        let logged = usable.iter().filter(|i| i.rates.get(m).is_some()).count();
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
    weights: Vec<f64>,
}

impl<'a> Panel<'a> {
    fn new(usable: Vec<&'a Interval>, candidates: &[usize]) -> Panel<'a> {
        let rows: Vec<&Interval> = usable
            .into_iter()
            .filter(|i| candidates.iter().all(|m| i.rates.get(*m).is_some()))
            .collect();
        let (groups, people) = dense_groups(rows.iter().map(|r| r.person_id as usize));
        let weights = rows.iter().map(|r| r.weeks).collect();
        Panel {
            rows,
            groups,
            people,
            weights,
        }
    }

    /// A value of every row, centred on its person's weighted mean.
    fn centred(&self, value: impl Fn(&Interval) -> f64) -> Vec<f64> {
        let mut values: Vec<f64> = self.rows.iter().map(|r| value(r)).collect();
        within::centre(&mut values, &self.groups, self.people, &self.weights);
        values
    }
}

/// A candidate metric's column over the panel, centred within person, and the raw weighted sum of squares
/// (at least 1) it is judged against; its spread is measured with the panel's weights.
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
                .map(|r| r.rates.get(*m).unwrap_or(0.0))
                .collect();
            let scale: f64 = raw
                .iter()
                .zip(&panel.weights)
                .map(|(v, w)| w * v * v)
                .sum::<f64>()
                .max(1.0);
            let mut values = raw;
            within::centre(&mut values, &panel.groups, panel.people, &panel.weights);
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
    weights: &[f64],
    metrics: &[String],
    dropped: &mut Vec<Dropped>,
) -> Vec<&'c Column> {
    let gram = DMatrix::from_fn(columns.len(), columns.len(), |i, j| {
        columns[i]
            .values
            .iter()
            .zip(&columns[j].values)
            .zip(weights)
            .map(|((a, b), w)| w * a * b)
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
    let kept = independent_columns(&columns, &panel.weights, metrics, &mut model.dropped);
    let xs: Vec<&[f64]> = kept.iter().map(|c| c.values.as_slice()).collect();
    let Some(fit) = within::fit(&y, &xs, &panel.groups, people, &panel.weights) else {
        return model;
    };
    let kept: Vec<usize> = kept.iter().map(|c| c.metric).collect();
    model.df = fit.df as usize;
    model.method = Some(fit.method);
    model.r2_within = (fit.sst > 0.0).then(|| 1.0 - fit.sse / fit.sst);
    for ((metric, coef), estimate) in kept.iter().zip(&fit.coef).zip(&fit.inference) {
        model.terms.push(Term {
            metric: metrics[*metric].clone(),
            coef: *coef,
            estimate: *estimate,
            q_value: None,
        });
    }
    model
}

/// Fits the model of every component.
pub fn fit_all(intervals: &[Interval], metrics: &[String]) -> Vec<Model> {
    use rayon::prelude::*;
    // One model per component, fitted in parallel; collecting keeps the component order.
    let mut models: Vec<Model> = Component::ALL
        .par_iter()
        .map(|c| fit(intervals, metrics, *c))
        .collect();
    let p: Vec<Option<f64>> = models
        .iter()
        .flat_map(|m| m.terms.iter().map(|t| t.estimate.map(|e| e.p_value)))
        .collect();
    let mut q = bh_q_values(&p).into_iter();
    for term in models.iter_mut().flat_map(|m| m.terms.iter_mut()) {
        term.q_value = q.next().flatten();
    }
    models
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
        let kept = independent_columns(&columns, &[1.0; 4], &metrics, &mut dropped);
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
