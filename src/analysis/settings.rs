//! The analysis settings a user can change in `ssi-pulse.toml` under `[analysis]`: the significance level
//! for findings, the longest interval the linkage uses, alert thresholds and targets. Defaults follow
//! docs/analysis.md and the targets users aim at.

use serde::Deserialize;
use std::collections::BTreeMap;

/// All analysis settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Linkage rows with a q-value below this are stated as findings.
    pub alpha: f64,
    /// Intervals between snapshots longer than this many days are left out of the linkage.
    pub max_interval_days: i64,
    /// When a person's month raises an alert.
    pub alerts: AlertThresholds,
    /// What counts as meeting a target.
    pub targets: Targets,
    /// The kind of group a team report is by (`schema::GROUP_KINDS`); the first found when `None`. Set
    /// by `--group-by` or the settings file's top-level `group_by`, not under `[analysis]`.
    #[serde(skip)]
    pub group_by: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            alpha: 0.05,
            max_interval_days: super::intervals::DEFAULT_MAX_DAYS,
            alerts: AlertThresholds::default(),
            targets: Targets::default(),
            group_by: None,
        }
    }
}

/// Alert thresholds, in SSI points, component points or rank percentage points.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertThresholds {
    /// Month-ends looked back for "declining" and "stalled".
    pub lookback_months: u32,
    /// Declining: SSI below its value `lookback_months` month-ends earlier by more than this.
    pub declining_points: f64,
    /// Stalled: SSI within plus or minus this over the lookback...
    pub stalled_points: f64,
    /// ...while below this SSI.
    pub stalled_below: f64,
    /// Dropped: a month-over-month fall of at least this.
    pub dropped_points: f64,
    /// Weak component: a component below this.
    pub weak_component: f64,
    /// Rank slipping: industry or network rank worse by at least this many percentage points.
    pub rank_slip_points: f64,
}

impl Default for AlertThresholds {
    fn default() -> Self {
        AlertThresholds {
            lookback_months: 3,
            declining_points: 1.0,
            stalled_points: 0.5,
            stalled_below: 70.0,
            dropped_points: 3.0,
            weak_component: 10.0,
            rank_slip_points: 2.0,
        }
    }
}

/// Targets checked each month.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Targets {
    /// SSI at or above this (the best performers sit in the 80s).
    pub ssi: f64,
    /// Industry rank within the top this many percent.
    pub industry_rank_pct: f64,
    /// Network rank within the top this many percent.
    pub network_rank_pct: f64,
    /// Activity per week at or above these, by metric.
    pub per_week: BTreeMap<String, f64>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            ssi: 80.0,
            industry_rank_pct: 5.0,
            network_rank_pct: 3.0,
            per_week: [("posts".to_string(), 1.0), ("comments".to_string(), 5.0)]
                .into_iter()
                .collect(),
        }
    }
}

impl Settings {
    /// Checks the values make sense; the message names the setting.
    pub fn validate(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            problems.push(format!("alpha = {} must be between 0 and 1", self.alpha));
        }
        if self.max_interval_days < 1 {
            problems.push(format!(
                "max_interval_days = {} must be at least 1",
                self.max_interval_days
            ));
        }
        if self.alerts.lookback_months == 0 {
            problems.push("alerts.lookback_months must be at least 1".to_string());
        }
        let a = &self.alerts;
        for (name, v) in [
            ("alerts.declining_points", a.declining_points),
            ("alerts.stalled_points", a.stalled_points),
            ("alerts.dropped_points", a.dropped_points),
            ("alerts.rank_slip_points", a.rank_slip_points),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                problems.push(format!("{name} = {v} must be zero or more"));
            }
        }
        for (name, v, max) in [
            ("alerts.stalled_below", a.stalled_below, 100.0),
            ("alerts.weak_component", a.weak_component, 25.0),
            ("targets.ssi", self.targets.ssi, 100.0),
            (
                "targets.industry_rank_pct",
                self.targets.industry_rank_pct,
                100.0,
            ),
            (
                "targets.network_rank_pct",
                self.targets.network_rank_pct,
                100.0,
            ),
        ] {
            if !(v.is_finite() && (0.0..=max).contains(&v)) {
                problems.push(format!("{name} = {v} must be between 0 and {max}"));
            }
        }
        for (metric, v) in &self.targets.per_week {
            if !(v.is_finite() && *v > 0.0) {
                problems.push(format!("targets.per_week.{metric} = {v} must be above 0"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }
}
