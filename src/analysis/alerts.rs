//! Per-person verdicts for the report month: alerts (declining, stalled, dropped, weak component, rank
//! slipping, stale data; a fall within the person's own week-to-week spread set aside), wins, targets
//! met or missed, and a recommendation that names the weakest component, the activities
//! tied to it (from the data when the linkage supports them, else from the expected mapping) and the gap
//! to each activity target. Thresholds and targets come from `Settings`.

use super::findings::{adjusted, component_word, Adjusted};
use super::intervals::Logged;
use super::settings::{AlertThresholds, Settings};
use super::words::{fixed, rate, short, signed};
use super::Linkage;
use super::{PersonMonth, PersonSeries, Snapshot};
use crate::model::schema::SsiColumn;
use crate::model::schema::{expected_component, is_outcome, metric_plural, metric_unit, Component};
use crate::model::Month;
use chrono::{Datelike, NaiveDate};

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    /// SSI below its value a few month-ends earlier.
    Declining,
    /// SSI flat over a few months while below the stall ceiling.
    Stalled,
    /// A large month-over-month fall.
    Dropped,
    /// A component below the weak line.
    WeakComponent,
    /// Industry or network rank worse by several points.
    RankSlipping,
    /// No snapshot dated in the report month (the other alerts are not checked).
    NoSnapshot,
    /// The latest snapshot is more than `STALE_DAYS` older than the end of the report's data.
    Stale,
}

/// Days without a snapshot after which a person's data are stale.
pub const STALE_DAYS: i64 = 21;

impl AlertKind {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            AlertKind::Declining => "declining",
            AlertKind::Stalled => "stalled",
            AlertKind::Dropped => "dropped",
            AlertKind::WeakComponent => "weak_component",
            AlertKind::RankSlipping => "rank_slipping",
            AlertKind::NoSnapshot => "no_snapshot",
            AlertKind::Stale => "stale",
        }
    }

    /// How pressing the kind is, most pressing first: a sharp fall, a slide over months, no data this
    /// month, a rank slipping, a weak component, a stall.
    pub fn severity(self) -> u8 {
        match self {
            AlertKind::Dropped => 0,
            AlertKind::Declining => 1,
            AlertKind::NoSnapshot | AlertKind::Stale => 2,
            AlertKind::RankSlipping => 3,
            AlertKind::WeakComponent => 4,
            AlertKind::Stalled => 5,
        }
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The kind.
    pub kind: AlertKind,
    /// A sentence with the numbers.
    pub message: String,
    /// The alert in a few words ("SSI down 4.44 since July"), for the at-a-glance lines.
    pub brief: String,
    /// The value that raised it (a change, or a level for a weak component).
    pub value: f64,
    /// The threshold it crossed.
    pub threshold: f64,
}

/// A fall within the person's own week-to-week spread: not an alert, and listed so that it is seen.
#[derive(Debug, Clone, PartialEq)]
pub struct QuietFall {
    /// The alert it would have been.
    pub alert: Alert,
    /// Half the 80% range of a change over `days` that the person's spread gives (same units).
    pub band: f64,
    /// Days between the two values compared.
    pub days: i64,
    /// In a few words: "sum of components down 1.78 since the end of July, within ±2.90 over 92 days".
    pub message: String,
}

/// The value of a snapshot a fall is measured on.
type Measure = fn(&Snapshot) -> Option<f64>;

/// The two values a fall compares and what they measure, to set it against the person's own spread.
struct Fall {
    from: NaiveDate,
    to: NaiveDate,
    measure: Measure,
}

/// The alert, or a quiet fall when the fall stays within the 80% range of the person's weekly changes
/// over the 12 weeks before the span compared, scaled to its days; the span itself is left out, so a
/// sharp fall cannot widen its own band (no spread: the alert stands).
fn against_spread(
    alert: Alert,
    fall: &Fall,
    series: Option<&PersonSeries>,
) -> Result<Alert, QuietFall> {
    let end = fall.from;
    let values = series
        .into_iter()
        .flat_map(|s| &s.points)
        .filter_map(|p| Some((p.date, (fall.measure)(p)?)));
    let Some(spread) = super::noise::Spread::weekly(values, end) else {
        return Ok(alert);
    };
    let days = (fall.to - fall.from).num_days();
    let band = spread.band(days as f64);
    if alert.value.abs() > band {
        return Ok(alert);
    }
    Err(QuietFall {
        message: format!(
            "{}, within ±{} over {days} days",
            alert.brief,
            fixed(band, 2)
        ),
        band,
        days,
        alert,
    })
}

/// What a win is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WinKind {
    /// SSI at month end above every earlier snapshot.
    PersonalBest,
    /// Industry or network rank better by several points.
    RankUp,
    /// A target met this month that was missed last month.
    TargetMet,
}

impl WinKind {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            WinKind::PersonalBest => "personal_best",
            WinKind::RankUp => "rank_up",
            WinKind::TargetMet => "target_met",
        }
    }
}

/// Something that went well this month.
#[derive(Debug, Clone, PartialEq)]
pub struct Win {
    /// The kind.
    pub kind: WinKind,
    /// A sentence with the numbers.
    pub message: String,
}

/// The wins of one person for the month: a new personal best, a rank up by at least the rank-slip
/// threshold, targets newly met (`before`: last month's checks of the same targets).
pub fn wins(
    person: &PersonMonth,
    series: Option<&PersonSeries>,
    month: Month,
    settings: &Settings,
    now: &[TargetCheck],
    before: &[TargetCheck],
) -> Vec<Win> {
    let mut out = Vec::new();
    if person.snapshots_in_month == 0 {
        return out;
    }
    let earlier_best = series
        .into_iter()
        .flat_map(|s| &s.points)
        .filter(|p| p.date < month.first_day())
        .filter_map(|p| p.get(SsiColumn::Ssi))
        .fold(None, |best: Option<f64>, v| {
            Some(best.map_or(v, |b| b.max(v)))
        });
    if let (Some(now), Some(best)) = (person.month_end.get(SsiColumn::Ssi), earlier_best) {
        if now > best {
            out.push(Win {
                kind: WinKind::PersonalBest,
                message: format!(
                    "New personal best: SSI {} (the best before was {}).",
                    short(now),
                    short(best)
                ),
            });
        }
    }
    for (column, name) in [
        (SsiColumn::IndustryRankPct, "Industry"),
        (SsiColumn::NetworkRankPct, "Network"),
    ] {
        let (Some(change), Some(rank)) = (person.change(column), person.month_end.get(column))
        else {
            continue;
        };
        if -change >= settings.alerts.rank_slip_points {
            out.push(Win {
                kind: WinKind::RankUp,
                message: format!(
                    "{name} rank rose {} to top {}%.",
                    points(-change),
                    short(rank)
                ),
            });
        }
    }
    for check in now.iter().filter(|c| c.status == TargetStatus::Met) {
        let was = before.iter().find(|b| b.key == check.key);
        if was.is_some_and(|b| b.status == TargetStatus::Missed) {
            out.push(Win {
                kind: WinKind::TargetMet,
                message: format!("Target newly met: {}.", check.label),
            });
        }
    }
    out
}

/// A target checked for the month.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetCheck {
    /// "ssi", "industry_rank_pct", "network_rank_pct", or "<metric>_per_week".
    pub key: String,
    /// Plain words: "SSI 80+", "Posts per week ≥ 1".
    pub label: String,
    /// The person's value (`None`: not known this month).
    pub value: Option<f64>,
    /// The target.
    pub threshold: f64,
    /// True when lower values are better (ranks).
    pub lower_is_better: bool,
    /// Met or not; `None` when the value is unknown or it is too early to judge.
    pub met: Option<bool>,
    /// The verdict.
    pub status: TargetStatus,
    /// For an activity target, what the rate rests on.
    pub logged: Option<Logged>,
}

/// A target's verdict for the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    /// Met.
    Met,
    /// Not met.
    Missed,
    /// An activity target with fewer than `MIN_WEEKS_JUDGED` weeks logged in a month in progress.
    TooEarly,
    /// The same in a finished month: too few weeks were logged to judge it.
    TooFewWeeks,
    /// No value this month.
    Unknown,
}

impl TargetStatus {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::TooEarly => "too_early",
            TargetStatus::TooFewWeeks => "too_few_weeks",
            TargetStatus::Unknown => "unknown",
        }
    }

    /// Plain words for a table cell.
    pub fn word(self) -> &'static str {
        match self {
            TargetStatus::Met => "yes",
            TargetStatus::Missed => "no",
            TargetStatus::TooEarly => "too early",
            TargetStatus::TooFewWeeks => "too few weeks logged",
            TargetStatus::Unknown => "",
        }
    }
}

/// An activity target is judged only on at least this many weeks logged in the month.
pub const MIN_WEEKS_JUDGED: f64 = 3.0;

/// Where a recommended activity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The linkage table supports it for this component.
    Data,
    /// The expected mapping of activities to components.
    Expected,
}

impl Basis {
    /// The machine-readable name.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Data => "data",
            Basis::Expected => "expected",
        }
    }
}

/// An activity recommended for the weakest component.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// The metric.
    pub metric: String,
    /// Why it is named.
    pub basis: Basis,
    /// Points of the component per week per +1 a week, when the data support it.
    pub slope: Option<f64>,
    /// The person's rate this month, per week (`None`: not logged).
    pub current_per_week: Option<f64>,
    /// What the rate rests on.
    pub logged: Option<Logged>,
    /// The activity target per week, if one is set.
    pub target_per_week: Option<f64>,
    /// Target minus current when below target.
    pub gap_per_week: Option<f64>,
    /// The person's rate per week over the three months before the report month.
    pub own_before: Option<f64>,
    /// The team's median rate this month (`None` for one person).
    pub team_median: Option<f64>,
    /// True when the person's rate is the team's highest (a team of more than one).
    pub leads_team: bool,
    /// True when the activity is advised: its effect holds and the person's rate is below their own of
    /// the three months before and below the team's median.
    pub advised: bool,
}

/// Where a person's activity stands, per metric: against their own three months before the report
/// month and against the team this month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    /// The person's rate per week over the three months before.
    pub own_before: Vec<Option<f64>>,
    /// The team's median rate this month (empty for one person).
    pub team_median: Vec<Option<f64>>,
    /// The team's highest rate this month (empty for one person).
    pub team_max: Vec<Option<f64>>,
}

/// What to work on next.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The weakest component at month end.
    pub component: Component,
    /// Its value.
    pub value: f64,
    /// Activities tied to it.
    pub levers: Vec<Lever>,
    /// The sentence.
    pub message: String,
}

/// "1 point", "2.5 points".
fn points(v: f64) -> String {
    let s = short(v);
    if s == "1" {
        "1 point".into()
    } else {
        format!("{s} points")
    }
}

/// The snapshot in force at a month's end.
fn at_month_end(series: &PersonSeries, month: Month) -> Option<&Snapshot> {
    let end = month.last_day();
    series.points.iter().rev().find(|p| p.date <= end)
}

fn months_back(month: Month, n: u32) -> Month {
    (0..n).fold(month, |m, _| m.previous())
}

/// The one alert of a month without a snapshot: old values say nothing about this month.
fn no_snapshot(person: &PersonMonth, month: Month) -> Alert {
    let days = (month.last_day() - person.month_end.date).num_days() as f64;
    Alert {
        kind: AlertKind::NoSnapshot,
        message: format!(
            "No snapshot in {}; the latest is from {}, so no other alert is checked.",
            month.long_name(),
            person.month_end.date
        ),
        brief: format!("no snapshot since {}", person.month_end.date),
        value: days,
        threshold: f64::from(month.last_day().day()),
    }
}

/// The sum of the four components when SSI is logged as a whole number and all four are known: the
/// score LinkedIn rounds, which moves when the rounded SSI does not (66.29 to 65.69 both show as 66).
fn component_sum(s: &Snapshot) -> Option<f64> {
    let ssi = s.get(SsiColumn::Ssi)?;
    if ssi.fract() != 0.0 {
        return None;
    }
    Component::ALL
        .iter()
        .map(|c| s.get(SsiColumn::from(*c)))
        .sum::<Option<f64>>()
        .map(super::frame::round2)
}

/// Declining or stalled: SSI now against its value at the end of the month `lookback_months` back,
/// judged on the sum of the components when both ends log SSI in whole points and give all four. A
/// decline comes with the fall it measures.
fn trend(
    person: &PersonMonth,
    series: Option<&PersonSeries>,
    month: Month,
    t: &AlertThresholds,
) -> Option<(Alert, Option<Fall>)> {
    let back = months_back(month, t.lookback_months);
    let earlier = series
        .and_then(|s| at_month_end(s, back))
        .filter(|s| s.date < person.month_end.date)?;
    let (now, before, what, measure): (f64, f64, &str, Measure) =
        match (component_sum(&person.month_end), component_sum(earlier)) {
            (Some(now), Some(before)) => (
                now,
                before,
                "SSI (the sum of its components)",
                component_sum,
            ),
            _ => (
                person.month_end.get(SsiColumn::Ssi)?,
                earlier.get(SsiColumn::Ssi)?,
                "SSI",
                |s| s.get(SsiColumn::Ssi),
            ),
        };
    let fall = Fall {
        from: earlier.date,
        to: person.month_end.date,
        measure,
    };
    let change = super::frame::round2(now - before);
    // Sums of components are shown to the hundredth, as the components are.
    let num = |v: f64| {
        if what == "SSI" {
            short(v)
        } else {
            fixed(v, 2)
        }
    };
    let since = format!("since the end of {}", back.long_name());
    if change < -t.declining_points {
        let alert = Alert {
            kind: AlertKind::Declining,
            message: format!(
                "{what} down {} points {since} ({} to {}); the alert is for a fall of more than {}.",
                num(-change),
                num(before),
                num(now),
                short(t.declining_points)
            ),
            brief: format!(
                "{} down {} since the end of {}",
                if what == "SSI" {
                    "SSI"
                } else {
                    "sum of components"
                },
                num(-change),
                back.first_day().format("%B")
            ),
            value: change,
            threshold: -t.declining_points,
        };
        Some((alert, Some(fall)))
    } else if change.abs() <= t.stalled_points && now < t.stalled_below {
        let alert = Alert {
            kind: AlertKind::Stalled,
            message: format!(
                "{what} stalled at {} ({} {since}) while below {}.",
                num(now),
                if change == 0.0 {
                    "unchanged".to_string()
                } else {
                    format!("{} points", signed(change))
                },
                short(t.stalled_below)
            ),
            brief: format!(
                "SSI stalled at {} since the end of {}",
                person
                    .month_end
                    .get(SsiColumn::Ssi)
                    .map_or_else(|| num(now), short),
                back.first_day().format("%B")
            ),
            value: change,
            threshold: t.stalled_points,
        };
        Some((alert, None))
    } else {
        None
    }
}

/// A large month-over-month fall of SSI, with the fall it measures.
fn dropped(person: &PersonMonth, t: &AlertThresholds) -> Option<(Alert, Fall)> {
    let change = person.change(SsiColumn::Ssi)?;
    let fall = Fall {
        from: person.previous_month_end.as_ref()?.date,
        to: person.month_end.date,
        measure: |s| s.get(SsiColumn::Ssi),
    };
    (change <= -t.dropped_points)
        .then(|| Alert {
            kind: AlertKind::Dropped,
            message: format!(
                "SSI fell {} points this month (the alert is for a fall of {} or more).",
                short(-change),
                short(t.dropped_points)
            ),
            brief: format!("SSI fell {} this month", points(-change)),
            value: change,
            threshold: -t.dropped_points,
        })
        .map(|a| (a, fall))
}

/// Each component below the weak line, in LinkedIn's order.
fn weak_components<'a>(
    person: &'a PersonMonth,
    t: &'a AlertThresholds,
) -> impl Iterator<Item = Alert> + 'a {
    Component::ALL.into_iter().filter_map(|c| {
        let v = person.month_end.component(c)?;
        (v < t.weak_component).then(|| Alert {
            kind: AlertKind::WeakComponent,
            message: format!(
                "{} is {} of 25, below {}.",
                c.label(),
                fixed(v, 2),
                short(t.weak_component)
            ),
            brief: format!("{} at {} of 25", c.short_label(), fixed(v, 2)),
            value: v,
            threshold: t.weak_component,
        })
    })
}

/// The industry, then the network rank, when worse by at least the slip threshold, with the fall each
/// measures.
fn rank_slips<'a>(
    person: &'a PersonMonth,
    t: &'a AlertThresholds,
) -> impl Iterator<Item = (Alert, Fall)> + 'a {
    let industry: Measure = |s| s.get(SsiColumn::IndustryRankPct);
    let network: Measure = |s| s.get(SsiColumn::NetworkRankPct);
    [
        (SsiColumn::IndustryRankPct, "Industry", industry),
        (SsiColumn::NetworkRankPct, "Network", network),
    ]
    .into_iter()
    .filter_map(|(column, name, measure)| {
        let change = person.change(column)?;
        let fall = Fall {
            from: person.previous_month_end.as_ref()?.date,
            to: person.month_end.date,
            measure,
        };
        (change >= t.rank_slip_points)
            .then(|| {
                let now = person.month_end.get(column).unwrap_or(f64::NAN);
                Alert {
                    kind: AlertKind::RankSlipping,
                    message: format!(
                        "{name} rank slipped {} points to top {}%.",
                        short(change),
                        short(now)
                    ),
                    brief: format!(
                        "{} rank fell {} to top {}%",
                        name.to_lowercase(),
                        points(change),
                        short(now)
                    ),
                    value: change,
                    threshold: t.rank_slip_points,
                }
            })
            .map(|a| (a, fall))
    })
}

/// A person whose latest snapshot is more than `STALE_DAYS` before `data_end` (the report's latest
/// snapshot): their figures may no longer be what LinkedIn shows.
fn stale(person: &PersonMonth, data_end: NaiveDate) -> Option<Alert> {
    let days = (data_end - person.month_end.date).num_days();
    (days > STALE_DAYS).then(|| Alert {
        kind: AlertKind::Stale,
        message: format!(
            "Data stale since {}: no snapshot in the {days} days to the report's latest, on {}.",
            person.month_end.date.format("%-d %B %Y"),
            data_end.format("%-d %B %Y")
        ),
        brief: format!(
            "data stale since {}",
            person.month_end.date.format("%-d %B")
        ),
        value: days as f64,
        threshold: STALE_DAYS as f64,
    })
}

/// The alerts of one person for the month (`data_end`: the report's latest snapshot), and the falls
/// left out because they stay within the person's own week-to-week spread.
pub fn alerts(
    person: &PersonMonth,
    series: Option<&PersonSeries>,
    month: Month,
    data_end: NaiveDate,
    settings: &Settings,
) -> (Vec<Alert>, Vec<QuietFall>) {
    let t = &settings.alerts;
    if person.snapshots_in_month == 0 {
        return (vec![no_snapshot(person, month)], Vec::new());
    }
    let mut out: Vec<Alert> = stale(person, data_end).into_iter().collect();
    let mut quiet = Vec::new();
    let mut judge = |alert: Alert, fall: Option<Fall>| {
        let verdict = match fall {
            Some(f) => against_spread(alert, &f, series),
            None => Ok(alert),
        };
        match verdict {
            Ok(a) => out.push(a),
            Err(q) => quiet.push(q),
        }
    };
    if let Some((a, fall)) = trend(person, series, month, t) {
        judge(a, fall);
    }
    if let Some((a, fall)) = dropped(person, t) {
        judge(a, Some(fall));
    }
    for a in weak_components(person, t) {
        judge(a, None);
    }
    for (a, fall) in rank_slips(person, t) {
        judge(a, Some(fall));
    }
    out.sort_by_key(|a| a.kind.severity());
    (out, quiet)
}

impl TargetCheck {
    fn new(key: &str, label: String, value: Option<f64>, threshold: f64, lower: bool) -> Self {
        let met = value.map(|v| {
            if lower {
                v <= threshold
            } else {
                v >= threshold
            }
        });
        TargetCheck {
            key: key.to_string(),
            label,
            value,
            threshold,
            lower_is_better: lower,
            met,
            status: match met {
                Some(true) => TargetStatus::Met,
                Some(false) => TargetStatus::Missed,
                None => TargetStatus::Unknown,
            },
            logged: None,
        }
    }

    /// An activity target: judged on the weeks logged; with fewer than three, "too early" in a month in
    /// progress and "too few weeks logged" in a finished one.
    fn activity(
        key: &str,
        label: String,
        logged: Option<Logged>,
        threshold: f64,
        in_progress: bool,
    ) -> Self {
        let mut check =
            TargetCheck::new(key, label, logged.map(|l| l.per_week()), threshold, false);
        check.logged = logged;
        if logged.is_some_and(|l| l.weeks() < MIN_WEEKS_JUDGED - 1e-9) {
            check.met = None;
            check.status = if in_progress {
                TargetStatus::TooEarly
            } else {
                TargetStatus::TooFewWeeks
            };
        }
        check
    }

    /// True when there were too few weeks to judge (in a month in progress or a finished one).
    pub fn unjudged(&self) -> bool {
        matches!(
            self.status,
            TargetStatus::TooEarly | TargetStatus::TooFewWeeks
        )
    }

    /// "2 posts in 2 weeks" (a weekly log) or "9 posts in 16 days": the counts behind an activity rate.
    pub fn counts(&self, metric_unit: &str, metric_plural: &str) -> Option<String> {
        let l = self.logged?;
        let total = short(l.total);
        let what = if (l.total - 1.0).abs() < 1e-9 {
            metric_unit
        } else {
            metric_plural
        };
        let span = match l.weekly_rows {
            Some(1) => "1 week".to_string(),
            Some(n) => format!("{n} weeks"),
            None if l.days == 1 => "1 day".to_string(),
            None => format!("{} days", l.days),
        };
        Some(format!("{total} {what} in {span}"))
    }
}

/// The targets of one person for the month.
pub fn targets(
    person: &PersonMonth,
    metrics: &[String],
    logged: &[Option<Logged>],
    settings: &Settings,
    in_progress: bool,
) -> Vec<TargetCheck> {
    let t = &settings.targets;
    // SSI and the ranks; a rank is better when lower.
    let levels = [
        (SsiColumn::Ssi, format!("SSI {}+", fixed(t.ssi, 0)), t.ssi),
        (
            SsiColumn::IndustryRankPct,
            format!("Industry rank top {}%", fixed(t.industry_rank_pct, 0)),
            t.industry_rank_pct,
        ),
        (
            SsiColumn::NetworkRankPct,
            format!("Network rank top {}%", fixed(t.network_rank_pct, 0)),
            t.network_rank_pct,
        ),
    ];
    let mut out: Vec<TargetCheck> = levels
        .into_iter()
        .map(|(column, label, threshold)| {
            let value = person.month_end.get(column);
            TargetCheck::new(column.key(), label, value, threshold, column.is_rank())
        })
        .collect();
    for (metric, threshold) in &t.per_week {
        let label = crate::model::schema::metric_label(metric);
        let of_metric = metrics
            .iter()
            .position(|m| m == metric)
            .and_then(|i| logged.get(i).copied().flatten());
        out.push(TargetCheck::activity(
            &format!("{metric}_per_week"),
            format!("{label} per week ≥ {}", short(*threshold)),
            of_metric,
            *threshold,
            in_progress,
        ));
    }
    out
}

/// An activity for the weakest component, with the person's rate and the gap to its target.
fn lever(
    metric: &str,
    basis: Basis,
    slope: Option<f64>,
    logged: Option<Logged>,
    settings: &Settings,
) -> Lever {
    let target = settings.targets.per_week.get(metric).copied();
    let current = logged.map(|l| l.per_week());
    let gap = match (current, target) {
        (Some(c), Some(t)) if c < t => Some(t - c),
        (None, Some(t)) => Some(t),
        _ => None,
    };
    Lever {
        metric: metric.to_string(),
        basis,
        slope,
        current_per_week: current,
        logged,
        own_before: None,
        team_median: None,
        leads_team: false,
        advised: false,
        target_per_week: target,
        gap_per_week: gap,
    }
}

/// The activities (never outcomes) whose own effect on the component holds in its fixed-effects model,
/// lowest q first, with their coefficients.
fn supported_metrics(linkage: &Linkage, component: Component, alpha: f64) -> Vec<(String, f64)> {
    let Some(model) = linkage.models.iter().find(|m| m.component == component) else {
        return Vec::new();
    };
    let mut out: Vec<(String, f64, f64)> = model
        .terms
        .iter()
        .filter(|t| !is_outcome(&t.metric))
        .filter_map(
            |t| match adjusted(&linkage.models, component, &t.metric, 1.0, alpha) {
                Adjusted::Holds { coef } => {
                    Some((t.metric.clone(), coef, t.q_value.unwrap_or(1.0)))
                }
                _ => None,
            },
        )
        .collect();
    out.sort_by(|a, b| a.2.total_cmp(&b.2).then(b.1.total_cmp(&a.1)));
    out.into_iter().map(|(m, c, _)| (m, c)).collect()
}

/// The metrics expected to move the component: those in the data, else every known one.
fn expected_metrics(metrics: &[String], component: Component) -> Vec<String> {
    let logged: Vec<&String> = metrics
        .iter()
        .filter(|m| expected_component(m) == Some(component) && !is_outcome(m))
        .collect();
    if logged.is_empty() {
        crate::model::schema::KNOWN_METRICS
            .iter()
            .filter(|m| expected_component(m) == Some(component) && !is_outcome(m))
            .map(|m| m.to_string())
            .collect()
    } else {
        logged.into_iter().cloned().collect()
    }
}

/// The recommendation for one person, from their weakest component.
pub fn recommend(
    person: &PersonMonth,
    metrics: &[String],
    logged: &[Option<Logged>],
    linkage: &Linkage,
    settings: &Settings,
    in_progress: bool,
    standing: &Standing,
) -> Option<Recommendation> {
    let component = person.weakest_component?;
    let value = person.month_end.component(component)?;
    let current = |metric: &str| {
        metrics
            .iter()
            .position(|m| m == metric)
            .and_then(|i| logged.get(i).copied().flatten())
    };
    let mut levers: Vec<Lever> = supported_metrics(linkage, component, settings.alpha)
        .into_iter()
        .map(|(m, slope)| lever(&m, Basis::Data, Some(slope), current(&m), settings))
        .collect();
    if levers.is_empty() {
        levers = expected_metrics(metrics, component)
            .iter()
            .map(|m| lever(m, Basis::Expected, None, current(m), settings))
            .collect();
    }
    for l in &mut levers {
        let at = |list: &[Option<f64>]| {
            metrics
                .iter()
                .position(|m| *m == l.metric)
                .and_then(|i| list.get(i).copied().flatten())
        };
        l.own_before = at(&standing.own_before);
        l.team_median = at(&standing.team_median);
        let now = l.current_per_week.unwrap_or(0.0);
        l.leads_team = at(&standing.team_max).is_some_and(|max| now >= max && now > 0.0);
        let below = |other: Option<f64>| other.is_none_or(|o| now < o);
        // An activity the person does not log is not advised: nothing says where they stand.
        l.advised = l.basis == Basis::Data
            && l.current_per_week.is_some()
            && !l.leads_team
            && below(l.own_before)
            && below(l.team_median);
    }
    let mut message = recommendation_text(component, value, &levers, in_progress);
    message.push_str(&personal_text(
        component,
        &levers,
        !standing.team_max.is_empty(),
    ));
    let tied: Vec<String> = person
        .month_end
        .weakest_tied()
        .into_iter()
        .skip(1)
        .map(|(c, v)| format!("{} at {}", c.label(), fixed(v, 2)))
        .collect();
    if !tied.is_empty() {
        message = message.replacen(
            "the weakest component).",
            &format!(
                "the weakest component, tied within {} with {}).",
                super::WEAKEST_TIE,
                super::findings::join_and(&tied)
            ),
            1,
        );
    }
    Some(Recommendation {
        component,
        value,
        levers,
        message,
    })
}

/// Weeks in an average month, for "points a month".
const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;

/// The advice for this person: for each activity the data support, one more a week in their own units
/// when they are below their own pace and the team's median, or why not.
fn personal_text(component: Component, levers: &[Lever], team: bool) -> String {
    let mut parts = Vec::new();
    let whose = if team { "the team's rate" } else { "your rate" };
    for l in levers.iter().filter(|l| l.basis == Basis::Data) {
        let label = crate::model::schema::metric_label(&l.metric);
        let Some(slope) = l.slope else { continue };
        let Some(now) = l.current_per_week else {
            parts.push(format!(
                " {label}: not logged this month, so where you stand cannot be told."
            ));
            continue;
        };
        let mut against = vec![format!("{} a week now", rate(now))];
        if let Some(own) = l.own_before {
            against.push(format!("{} over the three months before", rate(own)));
        }
        if let Some(median) = l.team_median {
            against.push(format!("team median {}", rate(median)));
        }
        let against = against.join(", ");
        let up_on_own = l.own_before.is_some_and(|own| now >= own);
        let at_median = l.team_median.is_some_and(|median| now >= median);
        parts.push(if l.leads_team {
            format!(" {label}: you already lead the team ({against}); keep it there.")
        } else if l.advised {
            format!(
                " One more {} a week: about {} {} points a month at {whose} ({against}).",
                metric_unit(&l.metric),
                signed(slope * WEEKS_PER_MONTH),
                component_word(component)
            )
        } else if up_on_own && !at_median {
            format!(" {label}: up on your own pace of the three months before; keep it going ({against}).")
        } else if at_median && !up_on_own {
            format!(" {label}: at or above the team's median, though below your own pace of the three months before ({against}).")
        } else if team {
            format!(" {label}: at or above your own pace and the team's median ({against}), so not the activity to push.")
        } else {
            format!(" {label}: at or above your own pace of the three months before ({against}), so not the activity to push.")
        });
    }
    parts.concat()
}

fn recommendation_text(
    component: Component,
    value: f64,
    levers: &[Lever],
    in_progress: bool,
) -> String {
    let mut parts = vec![format!(
        "Work on {} ({} of 25, the weakest component).",
        component.label(),
        fixed(value, 2)
    )];
    let from_data: Vec<&Lever> = levers.iter().filter(|l| l.basis == Basis::Data).collect();
    if from_data.is_empty() {
        let names: Vec<String> = levers.iter().map(|l| metric_plural(&l.metric)).collect();
        parts.push(format!(
            "The data do not yet tie any activity to {}; the activities expected to move it are {}.",
            component_word(component),
            names.join(", ")
        ));
    } else {
        let named: Vec<String> = from_data
            .iter()
            .map(|l| match l.slope {
                Some(s) => format!(
                    "{} ({} {} points a week per extra {} a week)",
                    metric_plural(&l.metric),
                    signed(s),
                    component_word(component),
                    metric_unit(&l.metric)
                ),
                None => metric_plural(&l.metric),
            })
            .collect();
        parts.push(format!(
            "In the data, {} went with it rising, the other activities held fixed: {}.",
            if named.len() == 1 {
                "this activity"
            } else {
                "these activities"
            },
            named.join("; ")
        ));
    }
    for l in levers {
        let Some(target) = l.target_per_week else {
            continue;
        };
        let label = crate::model::schema::metric_label(&l.metric);
        let check = TargetCheck::activity(&l.metric, String::new(), l.logged, target, in_progress);
        let counts = check.counts(&metric_unit(&l.metric), &metric_plural(&l.metric));
        let now = match (l.current_per_week, &counts) {
            (Some(c), Some(counts)) => format!("{} a week now: {counts}", rate(c)),
            _ => "none logged".into(),
        };
        match (check.status, l.gap_per_week) {
            (TargetStatus::TooEarly, _) => parts.push(format!(
                "{label}: too early to judge the target of {} a week ({now}).",
                short(target)
            )),
            (TargetStatus::TooFewWeeks, _) => parts.push(format!(
                "{label}: too few weeks logged to judge the target of {} a week ({now}).",
                short(target)
            )),
            (_, Some(gap)) => parts.push(format!(
                "{label}: {} more a week reaches the target of {} ({now}).",
                rate(gap),
                short(target)
            )),
            _ => {}
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use crate::analysis::alerts::AlertKind;
    use crate::analysis::testing::{activity, dataset, day, snap, snap_on};
    use crate::analysis::{analyse, AnalysisOptions};
    use crate::model::schema::SsiColumn;

    #[test]
    fn alerts_targets_and_recommendation_for_a_falling_month() {
        // Month-ends: July 60, September 62, October 58 (brand 8: weak). October fell 4 points (dropped)
        // and sits 2 below July's end; SSI is logged in whole points, so the trend is judged on the
        // components: 8 + 3 x 16.67 = 58.01 against 12 + 3 x 16 = 60, down 1.99 (declining, more than 1).
        let c = |b: f64, rest: f64| [b, rest, rest, rest];
        let ds = dataset(
            vec![
                snap("A", "2025-07-28", 60.0, c(12.0, 16.0)),
                snap("A", "2025-09-29", 62.0, c(11.0, 17.0)),
                snap("A", "2025-10-06", 60.0, c(9.0, 17.0)),
                snap("A", "2025-10-13", 58.0, c(8.0, 16.67)),
            ],
            vec![
                activity("A", "2025-10-06", Some(0.0), Some(2.0)),
                activity("A", "2025-10-13", Some(1.0), Some(4.0)),
            ],
        );
        let a = analyse(&ds, &AnalysisOptions::default()).unwrap();
        let o = &a.outlook[0];
        let kinds: Vec<AlertKind> = o.alerts.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [
                AlertKind::Dropped,
                AlertKind::Declining,
                AlertKind::WeakComponent
            ]
        );
        assert_eq!((o.alerts[1].value, o.alerts[1].threshold), (-1.99, -1.0));
        assert_eq!((o.alerts[0].value, o.alerts[0].threshold), (-4.0, -3.0));
        assert_eq!(o.alerts[2].value, 8.0);
        assert!(
            o.alerts[1]
                .message
                .contains("down 1.99 points since the end of July 2025 (60.00 to 58.01)"),
            "{}",
            o.alerts[0].message
        );
        // Weekly rows from Oct 6 and Oct 13 cover Oct 6-19: 14 days, 2 weeks. Posts 1 -> 0.5 a week,
        // comments 6 -> 3 a week; two weeks are too few to judge a target.
        let rate = |key: &str| o.targets.iter().find(|t| t.key == key).unwrap();
        assert_eq!(rate("posts_per_week").value, Some(0.5));
        assert_eq!(rate("posts_per_week").met, None);
        assert_eq!(rate("posts_per_week").status, super::TargetStatus::TooEarly);
        assert_eq!(rate("comments_per_week").value, Some(3.0));
        assert_eq!(rate("ssi").met, Some(false));
        assert_eq!(rate("industry_rank_pct").met, None);
        // Too few intervals for statistics: the recommendation falls back on the expected mapping.
        let r = o.recommendation.as_ref().unwrap();
        assert_eq!(r.component, crate::model::schema::Component::Brand);
        assert_eq!(r.levers.len(), 1);
        assert_eq!(r.levers[0].metric, "posts");
        assert_eq!(r.levers[0].basis, super::Basis::Expected);
        assert_eq!(r.levers[0].gap_per_week, Some(0.5));
    }

    #[test]
    fn a_fall_of_exactly_the_threshold_is_not_declining_and_a_month_without_snapshot_is_one_alert()
    {
        let c = [16.1, 16.1, 16.1, 16.1];
        // 64.4 -> 63.4 is -1.000000000000007 in floating point; the rule is "more than 1".
        let ds = dataset(
            vec![
                snap("A", "2025-07-28", 64.4, c),
                snap("A", "2025-10-27", 63.4, [15.85; 4]),
                snap("B", "2025-07-28", 64.4, c),
                snap("B", "2025-08-25", 50.0, [12.5; 4]),
            ],
            vec![],
        );
        let a = analyse(&ds, &AnalysisOptions::default()).unwrap();
        let kinds =
            |i: usize| -> Vec<AlertKind> { a.outlook[i].alerts.iter().map(|x| x.kind).collect() };
        assert_eq!(kinds(0), []);
        // B's latest snapshot is from August: no stale "weak" or "declining", one no-snapshot alert.
        assert_eq!(kinds(1), [AlertKind::NoSnapshot]);
        assert_eq!(a.outlook[1].alerts[0].value, 67.0);
    }

    #[test]
    fn whole_point_ssi_is_judged_on_the_sum_of_its_components() {
        // A: SSI shows 66 at both ends, but the components fell from 66.29 to 65.69: moved 0.6, more than
        // the 0.5 of "stalled", so no stalled alert. B: 66 -> 65 is a fall of exactly 1 (no alert), but
        // the components fell from 66.40 to 65.20, 1.2 points: declining.
        let rows = vec![
            snap("A", "2025-07-28", 66.0, [16.29, 16.0, 17.0, 17.0]),
            snap("A", "2025-10-27", 66.0, [15.69, 16.0, 17.0, 17.0]),
            snap("B", "2025-07-28", 66.0, [16.4, 16.0, 17.0, 17.0]),
            snap("B", "2025-10-27", 65.0, [15.2, 16.0, 17.0, 17.0]),
        ];
        let a = analyse(&dataset(rows, vec![]), &AnalysisOptions::default()).unwrap();
        let kinds =
            |i: usize| -> Vec<AlertKind> { a.outlook[i].alerts.iter().map(|x| x.kind).collect() };
        assert_eq!(kinds(0), []);
        assert_eq!(kinds(1), [AlertKind::Declining]);
        let b = &a.outlook[1].alerts[0];
        assert_eq!(b.value, -1.2);
        assert!(
            b.message
                .starts_with("SSI (the sum of its components) down 1.20 points"),
            "{}",
            b.message
        );
    }

    #[test]
    fn stalled_and_rank_slipping() {
        let c = [15.0, 15.0, 15.0, 15.0];
        let mut rows = vec![
            snap("A", "2025-07-28", 60.0, c),
            snap("A", "2025-09-29", 60.0, c),
            snap("A", "2025-10-27", 60.0, c),
        ];
        rows[1].values.set(SsiColumn::NetworkRankPct, Some(5.0));
        rows[2].values.set(SsiColumn::NetworkRankPct, Some(7.0));
        let a = analyse(&dataset(rows, vec![]), &AnalysisOptions::default()).unwrap();
        let kinds: Vec<AlertKind> = a.outlook[0].alerts.iter().map(|x| x.kind).collect();
        // Most pressing first: the slipping rank before the stall.
        assert_eq!(kinds, [AlertKind::RankSlipping, AlertKind::Stalled]);
        assert_eq!(a.outlook[0].alerts[0].value, 2.0);
    }

    /// Weekly snapshots and weekly rows (each dated on its Monday) from 28 September 2026 to 16 November
    /// 2026: October starts on a Thursday, and November's data stop on the 16th.
    fn weekly_team_to_16_november() -> crate::model::Dataset {
        let c = [15.0, 15.0, 15.0, 15.0];
        let mondays = [
            ("2026-09-28", 3.0),
            ("2026-10-05", 1.0),
            ("2026-10-12", 0.0),
            ("2026-10-19", 2.0),
            ("2026-10-26", 1.0),
            ("2026-11-02", 1.0),
            ("2026-11-09", 1.0),
        ];
        let mut ssi: Vec<_> = mondays.iter().map(|(d, _)| snap("A", d, 60.0, c)).collect();
        ssi.push(snap("A", "2026-11-16", 60.0, c));
        let rows = mondays
            .iter()
            .map(|(d, posts)| activity("A", d, Some(*posts), Some(5.0)))
            .collect();
        dataset(ssi, rows)
    }

    #[test]
    fn a_month_that_starts_mid_week_counts_each_week_once_and_a_month_in_progress_says_so() {
        let ds = weekly_team_to_16_november();
        let target = |a: &crate::analysis::Analysis| {
            a.outlook[0]
                .targets
                .iter()
                .find(|t| t.key == "posts_per_week")
                .unwrap()
                .clone()
        };
        // October: the weeks of 5, 12, 19 and 26 October are October's (the week of 28 September is
        // September's, though four of its days fall in October): 1 + 0 + 2 + 1 = 4 posts in 4 weeks.
        let october = analyse(
            &ds,
            &AnalysisOptions {
                month: Some("2026-10".parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(!october.window.in_progress(), "data continue after October");
        let t = target(&october);
        assert_eq!(t.value, Some(1.0));
        assert_eq!(t.status, super::TargetStatus::Met);
        assert_eq!(t.counts("post", "posts").unwrap(), "4 posts in 4 weeks");
        // November: data stop on the 16th (the last snapshot; the last row covers 9-15 November).
        let november = analyse(&ds, &AnalysisOptions::default()).unwrap();
        assert!(november.window.in_progress());
        assert_eq!(november.window.label(), "November 2026, to 16 November");
        assert_eq!(november.window.span_label(), "1–16 November 2026");
        assert_eq!(november.window.previous_span_label(), "1–16 October 2026");
        // 2 posts in 2 weeks: 1.00 a week, too early to judge (not 0.93 and missed, as spreading the
        // week of 26 October over its day in November would give).
        let t = target(&november);
        assert_eq!(t.value, Some(1.0));
        assert_eq!(t.met, None);
        assert_eq!(t.status, super::TargetStatus::TooEarly);
        assert_eq!(t.counts("post", "posts").unwrap(), "2 posts in 2 weeks");
        let r = november.outlook[0].recommendation.as_ref().unwrap();
        assert!(
            r.message
                .contains("Posts: too early to judge the target of 1 a week (1.00 a week now: 2 posts in 2 weeks)."),
            "{}",
            r.message
        );
        // Like for like: the log covers up to 15 November (the week of 9 November), so 1-15 November is
        // compared with 1-15 October, weekly rows split by days. November: 1 day of the week of 26
        // October (1/7 of a post) and the weeks of 2 and 9 November (1 + 1): 2.14. October: 4 days of
        // the week of 28 September (3 x 4/7), the week of 5 October (1) and 4 days of the week of 12
        // October (0): 2.71. Comments at a steady 5 a week: 5/7 + 10 = 10.71 against 5 x 4/7 + 5 +
        // 5 x 4/7 = 10.71, no change.
        assert_eq!(november.activity_window.span_label(), "1–15 November 2026");
        assert_eq!(
            november.activity_window.previous_span_label(),
            "1–15 October 2026"
        );
        let p = &november.people[0];
        assert_eq!(p.activity_month, vec![Some(2.14), Some(10.71)]);
        assert_eq!(p.activity_previous_month, vec![Some(2.71), Some(10.71)]);
    }

    #[test]
    fn stale_data_and_wins_are_named() {
        // Ann: best before October 61, now 64 (a personal best); a missed posts target in September
        // (2 posts in 4 weeks) met in October (4 in 4). Bob: last snapshot on 6 October, 22 days before
        // the team's latest (28 October): stale. Cy: 20 days, not stale.
        let c = |v: f64| [v / 4.0; 4];
        let ssi = vec![
            snap("Ann", "2025-08-25", 61.0, c(61.0)),
            snap("Ann", "2025-09-29", 60.0, c(60.0)),
            snap("Ann", "2025-10-28", 64.0, c(64.0)),
            snap("Bob", "2025-09-29", 50.0, c(50.0)),
            snap("Bob", "2025-10-06", 50.0, c(50.0)),
            snap("Cy", "2025-09-29", 50.0, c(50.0)),
            snap("Cy", "2025-10-08", 50.0, c(50.0)),
        ];
        let weeks = [
            ("2025-09-01", 1.0),
            ("2025-09-08", 0.0),
            ("2025-09-15", 1.0),
            ("2025-09-22", 0.0),
            ("2025-10-06", 1.0),
            ("2025-10-13", 1.0),
            ("2025-10-20", 1.0),
            ("2025-10-27", 1.0),
        ];
        let rows = weeks
            .iter()
            .map(|(d, posts)| activity("Ann", d, Some(*posts), Some(5.0)))
            .collect();
        let a = analyse(
            &dataset(ssi, rows),
            &AnalysisOptions {
                month: Some("2025-10".parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        let of = |name: &str| a.people.iter().position(|p| p.name == name).unwrap();
        let ann = &a.outlook[of("Ann")];
        let kinds: Vec<super::WinKind> = ann.wins.iter().map(|w| w.kind).collect();
        assert_eq!(
            kinds,
            [super::WinKind::PersonalBest, super::WinKind::TargetMet]
        );
        assert_eq!(
            ann.wins[0].message,
            "New personal best: SSI 64 (the best before was 61)."
        );
        assert_eq!(ann.wins[1].message, "Target newly met: Posts per week ≥ 1.");
        let bob = &a.outlook[of("Bob")];
        assert_eq!(bob.alerts[0].kind, AlertKind::Stale);
        assert_eq!(bob.alerts[0].value, 22.0);
        assert_eq!(bob.alerts[0].brief, "data stale since 6 October");
        assert!(a.outlook[of("Cy")]
            .alerts
            .iter()
            .all(|x| x.kind != AlertKind::Stale));
    }

    #[test]
    fn a_fall_within_the_persons_own_spread_is_not_an_alert_and_a_steady_slide_is() {
        // Weekly snapshots on Mondays, 28 April (k = -13) to 27 October 2025 (k = 13), SSI with
        // decimals. Swing repeats 60.5, 57.5, 54.5 by k mod 3 (28 July, k = 0: 60.5; 29 September,
        // k = 9: 60.5; 27 October, k = 13: 57.5): down 3 since July (declining: more than 1) and 3 over
        // the month (dropped: 3 or more). Steady slides 0.25 a week: down 3.25 since July. Step swings
        // 60 / 60.5 week by week, then drops to 56.5 from 6 October: its spread before the drop is small.
        // Monthly logs four month-ends, 60.5 down to 57.5: too few weekly changes for a spread.
        let c = |v: f64| [v / 4.0; 4];
        let monday = |k: i64| day("2025-07-28") + chrono::Duration::weeks(k);
        let mut ssi = Vec::new();
        for k in -13..14i64 {
            let swing = [60.5, 57.5, 54.5][k.rem_euclid(3) as usize];
            ssi.push(snap_on("Swing", monday(k), swing, c(swing)));
            let steady = 62.5 - 0.25 * k as f64;
            ssi.push(snap_on("Steady", monday(k), steady, c(steady)));
            let step = match k {
                10.. => 56.5,
                _ if k.rem_euclid(2) == 1 => 60.5,
                _ => 60.0,
            };
            ssi.push(snap_on("Step", monday(k), step, c(step)));
        }
        for (d, v) in [
            ("2025-07-31", 60.5),
            ("2025-08-29", 59.5),
            ("2025-09-30", 58.5),
            ("2025-10-31", 57.5),
        ] {
            ssi.push(snap("Monthly", d, v, c(v)));
        }
        let a = analyse(
            &dataset(ssi, Vec::new()),
            &AnalysisOptions {
                month: Some("2025-10".parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        let of = |name: &str| &a.outlook[a.people.iter().position(|p| p.name == name).unwrap()];
        // Swing's spreads, by hand, from the 12 weeks before each span (the span itself left out). The
        // 12 weeks to 28 July hold k = -11..0 (57.5, 54.5, 60.5, ..., 60.5), those to 29 September
        // k = -2..9 (57.5, 54.5, ..., 60.5): the same 11 changes, +6 four times and -3 seven times, a
        // drift of 3/11 a week; departures 63/11 and -36/11; sigma2 = (4 * 3969 + 7 * 1296) / 121 / 7
        // / 10 = 162/55 a day. Over the 91 days since 28 July: z(0.9) * sqrt(162/55 * 91) =
        // 1.2815515655446008 * 16.372... = 20.98; over the 28 days since 29 September: 11.64.
        let swing = of("Swing");
        assert!(swing.alerts.is_empty(), "{:?}", swing.alerts);
        let quiet: Vec<(AlertKind, f64, i64)> = swing
            .within_noise
            .iter()
            .map(|q| (q.alert.kind, q.alert.value, q.days))
            .collect();
        assert_eq!(
            quiet,
            [
                (AlertKind::Declining, -3.0, 91),
                (AlertKind::Dropped, -3.0, 28)
            ]
        );
        let z = 1.281_551_565_544_600_8;
        let by_hand = |sigma2: f64, days: f64| z * (sigma2 * days).sqrt();
        assert!((swing.within_noise[0].band - by_hand(162.0 / 55.0, 91.0)).abs() < 1e-9);
        assert!((swing.within_noise[0].band - 20.98).abs() < 0.005);
        assert!((swing.within_noise[1].band - by_hand(162.0 / 55.0, 28.0)).abs() < 1e-9);
        assert!((swing.within_noise[1].band - 11.64).abs() < 0.005);
        assert_eq!(
            swing.within_noise[1].message,
            "SSI fell 3 points this month, within ±11.64 over 28 days"
        );
        // Steady has no spread about its drift: the slide stays an alert.
        let steady = of("Steady");
        assert_eq!(steady.alerts.len(), 1);
        assert_eq!(steady.alerts[0].kind, AlertKind::Declining);
        assert_eq!(steady.alerts[0].value, -3.25);
        assert!(steady.within_noise.is_empty());
        // Step's drop of 4 in October is judged against its half-point swings before it, not against a
        // spread the drop itself would widen.
        let step = of("Step");
        assert!(
            step.alerts
                .iter()
                .any(|x| x.kind == AlertKind::Dropped && x.value == -4.0),
            "{:?}",
            step
        );
        assert!(step.within_noise.is_empty(), "{:?}", step.within_noise);
        // Monthly: no spread, so the threshold alone decides.
        assert_eq!(of("Monthly").alerts[0].kind, AlertKind::Declining);
        assert!(of("Monthly").within_noise.is_empty());
        // The report says the rule once and names the falls it left out.
        let mut md = String::new();
        crate::render::outlook_md::alerts(&mut md, &a);
        assert_eq!(md.matches("is not an alert").count(), 1, "{md}");
        assert!(
            md.contains("- **Swing**: SSI down 3 since the end of July, within ±20.98 over 91 days. SSI fell 3 points this month, within ±11.64 over 28 days."),
            "{md}"
        );
        assert!(md.find("**Monthly**").unwrap() < md.find("is not an alert").unwrap());
    }

    /// A linkage whose brand model holds for posts: +0.301 brand points a week per extra post a week.
    fn posts_hold() -> crate::analysis::Linkage {
        use crate::analysis::models::{Model, Term};
        use crate::model::schema::Component;
        crate::analysis::Linkage {
            group_differences: Vec::new(),
            intervals: Default::default(),
            rows: vec![],
            findings: vec![],
            expectations: vec![],
            models: vec![Model {
                component: Component::Brand,
                n: 40,
                people: 3,
                df: 2,
                method: None,
                r2_within: None,
                terms: vec![Term {
                    metric: "posts".into(),
                    coef: 0.301,
                    estimate: None,
                    q_value: Some(0.001),
                }],
                dropped: vec![],
            }],
            drivers: vec![],
        }
    }

    #[test]
    fn personal_advice_never_pushes_an_activity_the_person_leads_in() {
        let ds = dataset(
            vec![
                snap("A", "2025-09-29", 50.0, [8.0, 14.0, 14.0, 14.0]),
                snap("A", "2025-10-27", 51.0, [9.0, 14.0, 14.0, 14.0]),
            ],
            vec![],
        );
        let a = analyse(&ds, &AnalysisOptions::default()).unwrap();
        let person = &a.people[0];
        let logged = [
            Some(super::Logged {
                total: 4.0,
                days: 28,
                weekly_rows: Some(4),
            }),
            None,
        ];
        let metrics = ["posts".to_string(), "comments".to_string()];
        let advise = |own: f64, median: f64, max: f64| {
            super::recommend(
                person,
                &metrics,
                &logged,
                &posts_hold(),
                &crate::analysis::Settings::default(),
                false,
                &super::Standing {
                    own_before: vec![Some(own), None],
                    team_median: vec![Some(median), None],
                    team_max: vec![Some(max), None],
                },
            )
            .unwrap()
        };
        // 1 post a week, the team's highest: never told to post more.
        let leads = advise(2.0, 0.5, 1.0);
        assert!(leads.levers[0].leads_team && !leads.levers[0].advised);
        assert!(leads.message.contains("Posts: you already lead the team (1.00 a week now, 2.00 over the three months before, team median 0.50); keep it there."), "{}", leads.message);
        assert!(!leads.message.contains("One more post"));
        // Below their own 1.2 and the team's 1.5: one more post a week is about 0.301 x 365.25/12/7 =
        // +1.31 brand points a month.
        let below = advise(1.2, 1.5, 3.0);
        assert!(below.levers[0].advised);
        assert!(below.message.contains("One more post a week: about +1.31 brand points a month at the team's rate (1.00 a week now, 1.20 over the three months before, team median 1.50)."), "{}", below.message);
        // Up on their own 0.5 though below the team's median: encouraged, not pushed.
        let up = advise(0.5, 1.5, 3.0);
        assert!(!up.levers[0].advised);
        assert!(
            up.message
                .contains("Posts: up on your own pace of the three months before; keep it going"),
            "{}",
            up.message
        );
    }
}
