//! Findings from the linkage table in plain words with their numbers: significant associations ordered by
//! effect size, and how each expected link fares (supported, not supported, contradicted, too little data).
//! The report's sentences about what moved the needle are made here, from the statistics, never guessed.

use super::linkage::{LinkageRow, Support, LAGS};
use super::models::{Model, Term};
use super::words::{fixed, p_text, signed};
use crate::model::schema::{
    expected_component, is_outcome, metric_label, metric_plural, metric_unit, Component,
};

/// A significant linkage row stated in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the row in the linkage table.
    pub row: usize,
    /// True when the mapping of activities to components does not predict this link.
    pub surprising: bool,
    /// What the fixed-effects model says of the activity's own effect (lag 0 only).
    pub adjusted: Adjusted,
    /// True when the metric is an outcome (something others do), never advice.
    pub outcome: bool,
    /// The sentence with its numbers.
    pub text: String,
}

/// An activity's own effect on a component once the other activities are counted (its term in the
/// component's fixed-effects model).
#[derive(Debug, Clone, PartialEq)]
pub enum Adjusted {
    /// The term has the same sign and a q-value below the level.
    Holds {
        /// The coefficient.
        coef: f64,
    },
    /// The term is in the model but does not hold; the activities whose terms do.
    NoOwnEffect {
        /// Metrics with an effect of their own in the same model.
        alongside: Vec<String>,
    },
    /// Not in a fitted model (left out, a lag, or no model).
    NotModelled,
}

impl Adjusted {
    /// The machine-readable name.
    pub fn key(&self) -> &'static str {
        match self {
            Adjusted::Holds { .. } => "holds",
            Adjusted::NoOwnEffect { .. } => "no_own_effect",
            Adjusted::NotModelled => "not_modelled",
        }
    }
}

/// What the fixed-effects model of `component` says of `metric`'s own effect in the direction `sign`.
pub fn adjusted(
    models: &[Model],
    component: Component,
    metric: &str,
    sign: f64,
    alpha: f64,
) -> Adjusted {
    let Some(model) = models.iter().find(|m| m.component == component) else {
        return Adjusted::NotModelled;
    };
    let holds = |t: &Term, sign: f64| t.q_value.is_some_and(|q| q < alpha) && t.coef * sign > 0.0;
    let Some(term) = model.terms.iter().find(|t| t.metric == metric) else {
        return Adjusted::NotModelled;
    };
    if holds(term, sign) {
        return Adjusted::Holds { coef: term.coef };
    }
    Adjusted::NoOwnEffect {
        alongside: model
            .terms
            .iter()
            .filter(|t| t.metric != metric && !is_outcome(&t.metric) && holds(t, 1.0))
            .map(|t| t.metric.clone())
            .collect(),
    }
}

/// How one expected metric-component link fares, over both lags.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// The metric.
    pub metric: String,
    /// Its expected component.
    pub component: Component,
    /// Supported when either lag supports it; contradicted when a lag contradicts it and none supports it.
    pub support: Support,
    /// Indexes of its linkage rows (lag 0, lag 1).
    pub rows: Vec<usize>,
    /// The sentence with its numbers.
    pub text: String,
}

/// A component's lowercase name for "brand points".
pub fn component_word(c: Component) -> &'static str {
    match c {
        Component::Brand => "brand",
        Component::People => "people",
        Component::Insights => "insights",
        Component::Relationships => "relationships",
    }
}

fn basis(row: &LinkageRow) -> String {
    format!(
        "n = {} intervals over {} weeks, {}",
        row.stats.n,
        fixed(row.weeks, 0),
        if row.stats.people == 1 {
            "1 person".to_string()
        } else {
            format!("{} people", row.stats.people)
        }
    )
}

/// "Each extra post per week went with +0.31 brand points per week (95% CI 0.22 to 0.40; n = ...)".
pub fn finding_text(row: &LinkageRow) -> String {
    let (Some(slope), Some((low, high)), Some(r)) =
        (row.stats.slope, row.stats.ci, row.stats.pearson_r)
    else {
        return String::new();
    };
    let when = if row.lag == 1 {
        " in the following interval"
    } else {
        ""
    };
    format!(
        "Each extra {} per week went with {} {} points per week{when} (95% CI {} to {}; {}; r = {}, {}).",
        metric_unit(&row.metric),
        signed(slope),
        component_word(row.component),
        fixed_like(low, slope),
        fixed_like(high, slope),
        basis(row),
        fixed(r, 2),
        p_text("q", row.q_value.unwrap_or(1.0)),
    )
}

/// A bound printed with as many decimals as its estimate.
fn fixed_like(value: f64, estimate: f64) -> String {
    let s = signed(estimate);
    let decimals = s.split('.').nth(1).map_or(0, str::len);
    fixed(value, decimals)
}

fn lag_stats(row: &LinkageRow) -> String {
    match (row.stats.pearson_r, row.q_value) {
        (Some(r), Some(q)) => format!(
            "lag {}: r = {}, {}, {}",
            row.lag,
            fixed(r, 2),
            p_text("q", q),
            basis(row)
        ),
        _ => format!("lag {}: {}", row.lag, basis(row)),
    }
}

fn expectation_text(
    metric: &str,
    component: Component,
    support: Support,
    rows: &[&LinkageRow],
) -> String {
    let unit = metric_plural(metric);
    let what = component_word(component);
    let stats: Vec<String> = rows.iter().map(|r| lag_stats(r)).collect();
    let stats = stats.join("; ");
    match support {
        Support::Supported => {
            format!("More {unit} per week went with a rising {what} component, as expected ({stats}).")
        }
        Support::NotSupported => format!(
            "More {unit} per week were expected to lift {what}; the data do not show it ({stats})."
        ),
        Support::Contradicted => format!(
            "More {unit} per week went with a falling {what} component, against expectation ({stats})."
        ),
        Support::TooLittleData => format!(
            "Too little data to test {unit} against {what}: {} of the {} intervals needed ({stats}).",
            rows.iter().map(|r| r.stats.n).max().unwrap_or(0),
            super::linkage::MIN_PAIRS
        ),
        Support::NoVariation => format!(
            "{} or the {what} component never varied within a person over these intervals, so the link cannot be tested ({stats}).",
            crate::model::schema::metric_label(metric)
        ),
        Support::Surprising => String::new(),
    }
}

/// How findings are ranked, in words for the report.
pub const RANKING: &str =
    "those resting on the most people first, then on the most intervals, then the lowest q, then the strongest r";

/// Findings (rows with q below `alpha`), the best supported first: by people, then intervals, then q,
/// then |r|. In a team's table a finding that rests on one person says whose it is.
pub fn findings(rows: &[LinkageRow], models: &[Model], alpha: f64) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|i| rows[*i].significant(alpha) && rows[*i].stats.slope.is_some())
        .collect();
    order.sort_by(|a, b| {
        let (x, y) = (&rows[*a], &rows[*b]);
        let q = |r: &LinkageRow| r.q_value.unwrap_or(1.0);
        let r = |r: &LinkageRow| r.stats.pearson_r.map_or(0.0, f64::abs);
        y.stats
            .people
            .cmp(&x.stats.people)
            .then(y.stats.n.cmp(&x.stats.n))
            .then(q(x).total_cmp(&q(y)))
            .then(r(y).total_cmp(&r(x)))
            .then(a.cmp(b))
    });
    let team = rows.iter().any(|r| r.stats.people > 1);
    order
        .into_iter()
        .map(|i| {
            let row = &rows[i];
            let adjusted = match (row.lag, row.stats.slope) {
                (0, Some(slope)) => adjusted(models, row.component, &row.metric, slope, alpha),
                _ => Adjusted::NotModelled,
            };
            let outcome = is_outcome(&row.metric);
            Finding {
                row: i,
                surprising: !row.expected,
                text: qualified(finding_text_for(row, team), &row.metric, &adjusted, outcome),
                adjusted,
                outcome,
            }
        })
        .collect()
}

/// The finding a report leads with: the best supported one about an activity whose own effect is not
/// ruled out by the models (no outcome, no "no clear effect of its own"), else the best supported.
pub fn headline(findings: &[Finding]) -> Option<&Finding> {
    findings
        .iter()
        .find(|f| !f.outcome && !matches!(f.adjusted, Adjusted::NoOwnEffect { .. }))
        .or(findings.first())
}

/// The finding's sentence with what the models add: no effect of its own once the activities it goes
/// along with are counted, and an outcome named as a sign rather than something to do.
fn qualified(text: String, metric: &str, adjusted: &Adjusted, outcome: bool) -> String {
    let mut text = text;
    if let Adjusted::NoOwnEffect { alongside } = adjusted {
        let body = text.trim_end_matches('.').to_string();
        text = if alongside.is_empty() {
            format!("{body}; no clear effect of its own once the other activities are counted.")
        } else {
            let names: Vec<String> = alongside.iter().map(|m| metric_plural(m)).collect();
            format!(
                "{body}; it goes along with {}, and has no clear effect of its own once {} counted.",
                join_and(&names),
                if names.len() == 1 {
                    "they are"
                } else {
                    "those are"
                }
            )
        };
    }
    if outcome {
        text.push_str(&format!(
            " {} are an outcome: a sign of the work, not something to do more of.",
            metric_label(metric)
        ));
    }
    text
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `finding_text`, saying whose finding it is when a team's finding rests on one person.
fn finding_text_for(row: &LinkageRow, team: bool) -> String {
    let text = finding_text(row);
    match (&row.only, team) {
        (Some(name), true) => format!("For {name} only: {}", lower_first(&text)),
        _ => text,
    }
}

/// The sentence with its first letter in lower case ("Each" becomes "each").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One entry per metric in the table that has an expected component.
pub fn expectations(rows: &[LinkageRow]) -> Vec<Expectation> {
    let mut out: Vec<Expectation> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if !row.expected || out.iter().any(|e| e.metric == row.metric) {
            continue;
        }
        let Some(component) = expected_component(&row.metric) else {
            continue;
        };
        let idx: Vec<usize> = (i..rows.len())
            .filter(|j| rows[*j].metric == row.metric && rows[*j].component == component)
            .take(LAGS.len())
            .collect();
        let supports: Vec<Support> = idx.iter().filter_map(|j| rows[*j].support).collect();
        let support = if supports.contains(&Support::Supported) {
            Support::Supported
        } else if supports.contains(&Support::Contradicted) {
            Support::Contradicted
        } else if supports.contains(&Support::NotSupported) {
            Support::NotSupported
        } else if supports.contains(&Support::NoVariation) {
            Support::NoVariation
        } else {
            Support::TooLittleData
        };
        let refs: Vec<&LinkageRow> = idx.iter().map(|j| &rows[*j]).collect();
        out.push(Expectation {
            metric: row.metric.clone(),
            component,
            support,
            text: expectation_text(&row.metric, component, support, &refs),
            rows: idx,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::linkage::Association;

    fn row(
        metric: &str,
        component: Component,
        people: usize,
        n: usize,
        r: f64,
        q: f64,
        only: Option<&str>,
    ) -> LinkageRow {
        let mut stats = Association::counts(n, people);
        stats.pearson_r = Some(r);
        stats.p_value = Some(q);
        stats.slope = Some(0.1);
        stats.ci = Some((0.05, 0.15));
        LinkageRow {
            metric: metric.into(),
            component,
            lag: 0,
            expected: true,
            weeks: n as f64,
            stats,
            only: only.map(str::to_string),
            q_value: Some(q),
            support: None,
        }
    }

    #[test]
    fn findings_over_more_people_rank_above_one_persons_series_which_says_whose_it_is() {
        let rows = [
            row(
                "replies_received",
                Component::Relationships,
                1,
                89,
                0.32,
                0.02,
                Some("Alex Morgan"),
            ),
            row(
                "connection_requests_sent",
                Component::People,
                14,
                785,
                0.15,
                0.03,
                None,
            ),
            row("posts", Component::Brand, 14, 785, 0.27, 0.0001, None),
            row("comments", Component::Insights, 14, 700, 0.40, 0.0001, None),
            row("reactions", Component::Insights, 14, 785, 0.05, 0.2, None),
        ];
        let f = findings(&rows, &[], 0.05);
        // 14 people and 785 intervals first (lower q first), then 14 people over 700, then one person.
        assert_eq!(f.iter().map(|f| f.row).collect::<Vec<_>>(), [2, 1, 3, 0]);
        assert!(
            f[3].text
                .starts_with("For Alex Morgan only: each extra reply received per week"),
            "{}",
            f[3].text
        );
        assert!(f[0].text.starts_with("Each extra post per week"));
        // In a one-person report every finding is that person's: no label.
        let alone = [row(
            "posts",
            Component::Brand,
            1,
            40,
            0.5,
            0.001,
            Some("Alex Morgan"),
        )];
        assert!(findings(&alone, &[], 0.05)[0]
            .text
            .starts_with("Each extra post"));
    }
}
