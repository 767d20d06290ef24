//! Analysis: pure functions from the tidy `Dataset` to typed results (no I/O, no printing). `monthly` finds
//! month-end snapshots, month-over-month changes and activity totals; `series` prepares the time series
//! the charts draw; `team` summarises across people.

pub mod alerts;
pub mod findings;
pub mod forecast;
pub mod frame;
pub mod glance;
pub mod groups;
pub mod interaction;
pub mod intervals;
pub mod linkage;
pub mod models;
pub mod monthly;
pub mod noise;
pub mod peers;
pub mod series;
pub mod settings;
#[cfg(test)]
mod simulation_tests;
pub mod stats;
pub mod team;
#[cfg(test)]
pub(crate) mod testing;
pub mod within;
pub mod words;

use crate::model::schema::{Component, SsiColumn, SsiValues};
use crate::model::{Dataset, Month, MonthWindow};
use alerts::{Alert, Recommendation, TargetCheck};
use chrono::NaiveDate;
use findings::{Expectation, Finding};
use forecast::Forecast;
use linkage::LinkageRow;
use models::Model;
use polars::prelude::*;
pub use settings::Settings;
use team::Board;
use thiserror::Error;

/// Why the analysis could not run.
#[derive(Debug, Error)]
pub enum AnalysisError {
    /// The dataset holds no SSI snapshot at all.
    #[error("no SSI snapshots to analyse")]
    NoSnapshots,
    /// No snapshot on or before the requested month's end.
    #[error("no SSI snapshot on or before {month_end} (the end of --month {month}); the data starts on {first}")]
    MonthBeforeData {
        /// The requested month.
        month: Month,
        /// Its last day.
        month_end: NaiveDate,
        /// The first snapshot date.
        first: NaiveDate,
    },
    /// Nobody has a snapshot dated in the requested month.
    #[error("no SSI snapshot is dated in {month}; the snapshots run from {first} to {last}")]
    EmptyMonth {
        /// The requested month.
        month: Month,
        /// The first snapshot date.
        first: NaiveDate,
        /// The last snapshot date.
        last: NaiveDate,
    },
    /// A polars operation failed.
    #[error("analysis failed")]
    Polars(#[from] PolarsError),
    /// The groups asked for cannot be made.
    #[error(transparent)]
    Groups(#[from] groups::GroupError),
}

/// What the analysis is asked for.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    /// The report month; the latest month with a snapshot when `None`.
    pub month: Option<Month>,
    /// Significance level, interval limit, alert thresholds and targets.
    pub settings: Settings,
}

/// How the intervals between snapshots were used by the linkage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IntervalCounts {
    /// Intervals between consecutive snapshots of a person.
    pub total: usize,
    /// Intervals used.
    pub used: usize,
    /// Left out: longer than `max_interval_days`.
    pub too_long: usize,
    /// Left out: no activity row overlaps them.
    pub no_activity: usize,
    /// Activity rates of used intervals withheld: the log covers under 80% of the interval's days for
    /// that metric.
    pub thin_rates: usize,
}

/// The activity-to-component linkage of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Linkage {
    /// How the intervals were used.
    pub intervals: IntervalCounts,
    /// Every metric x component x lag.
    pub rows: Vec<LinkageRow>,
    /// Rows with q below the level, in words, strongest first.
    pub findings: Vec<Finding>,
    /// How each expected link fares.
    pub expectations: Vec<Expectation>,
    /// One fixed-effects model per component.
    pub models: Vec<Model>,
    /// Per component, the points of its best-supported expected link (for the drivers chart).
    pub drivers: Vec<linkage::Driver>,
    /// For each expected link, whether its effect differs between groups (empty without groups).
    pub group_differences: Vec<interaction::GroupDifference>,
}

/// One week of activity: per metric, the person's rate (one person) or the mean rate of the people who
/// logged that week (a team).
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityWeek {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    /// Per metric, activity per week.
    pub rates: Vec<Option<f64>>,
    /// People with activity logged that week.
    pub people: usize,
}

/// Weeks of activity shown in the activity chart, up to the report month's end.
pub const ACTIVITY_WEEKS: i64 = 26;

/// The weekly activity series for the chart: the last `ACTIVITY_WEEKS` calendar weeks (Monday to Sunday)
/// up to the week holding the month's last day, weeks without any activity left out.
pub fn activity_weeks(
    log: &intervals::ActivityLog,
    people: &[PersonMonth],
    metrics: usize,
    month: Month,
) -> Vec<ActivityWeek> {
    use chrono::{Datelike, Duration};
    let end = month.last_day();
    let last_monday = end - Duration::days(i64::from(end.weekday().num_days_from_monday()));
    let mut out = Vec::new();
    for k in (0..ACTIVITY_WEEKS).rev() {
        let start = last_monday - Duration::weeks(k);
        let stop = start + Duration::days(7);
        let mut sums: Vec<(f64, usize)> = vec![(0.0, 0); metrics];
        let mut logged = 0;
        for p in people {
            let cover = log.over(&p.name, start, stop);
            if cover.covered_days == 0 {
                continue;
            }
            logged += 1;
            for (s, r) in sums.iter_mut().zip(cover.rates()) {
                if let Some(r) = r {
                    s.0 += r;
                    s.1 += 1;
                }
            }
        }
        if logged == 0 {
            continue;
        }
        out.push(ActivityWeek {
            start,
            rates: sums
                .iter()
                .map(|(s, n)| (*n > 0).then(|| s / *n as f64))
                .collect(),
            people: logged,
        });
    }
    out
}

/// One person's verdicts for the month (same order as `Analysis::people`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outlook {
    /// Activity per week over the report month, per metric (weekly rows dated in the month, or the
    /// days a daily or monthly log covers).
    pub month_rates: Vec<Option<f64>>,
    /// What the rates rest on, per metric.
    pub month_logged: Vec<Option<intervals::Logged>>,
    /// Per metric, the rate per week in the two months before the report month (oldest first), counted
    /// as the targets count it.
    pub earlier_rates: Vec<[Option<f64>; 2]>,
    /// Per metric, the team's median rate this month (empty for one person).
    pub team_median_rates: Vec<Option<f64>>,
    /// The person's weekly activity for their activity chart (teams only).
    pub activity_weeks: Vec<ActivityWeek>,
    /// Alerts raised.
    pub alerts: Vec<Alert>,
    /// Falls within the person's own week-to-week spread, not raised as alerts.
    pub within_noise: Vec<alerts::QuietFall>,
    /// What went well.
    pub wins: Vec<alerts::Win>,
    /// Targets met or missed.
    pub targets: Vec<TargetCheck>,
    /// What to work on.
    pub recommendation: Option<Recommendation>,
    /// SSI trend and where it leads.
    pub forecast: Option<Forecast>,
}

/// A snapshot's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The snapshot date.
    pub date: NaiveDate,
    /// One value per SSI column.
    pub values: SsiValues,
}

impl Snapshot {
    /// A column's value.
    pub fn get(&self, column: SsiColumn) -> Option<f64> {
        self.values.get(column)
    }

    /// A component's value.
    pub fn component(&self, c: Component) -> Option<f64> {
        self.get(c.into())
    }

    /// The lowest of the four components (the first in LinkedIn's order on a tie); `None` unless all four
    /// are known, since a missing component could be the weakest.
    pub fn weakest_component(&self) -> Option<Component> {
        let mut best: Option<(Component, f64)> = None;
        for c in Component::ALL {
            let v = self.component(c)?;
            if best.is_none_or(|(_, b)| v < b) {
                best = Some((c, v));
            }
        }
        best.map(|(c, _)| c)
    }

    /// The weakest component and every other within `WEAKEST_TIE` points of it, lowest first (LinkedIn's
    /// order among equals); empty unless all four are known.
    pub fn weakest_tied(&self) -> Vec<(Component, f64)> {
        let Some(low) = self.weakest_component().and_then(|c| self.component(c)) else {
            return Vec::new();
        };
        let mut tied: Vec<(Component, f64)> = Component::ALL
            .into_iter()
            .filter_map(|c| self.component(c).map(|v| (c, v)))
            // Compared as shown (two decimals), so a gap that reads 0.10 is a tie.
            .filter(|(_, v)| frame::round2(*v) - frame::round2(low) <= WEAKEST_TIE + 1e-9)
            .collect();
        tied.sort_by(|a, b| a.1.total_cmp(&b.1));
        tied
    }
}

/// Components within this many points of the weakest are tied with it.
pub const WEAKEST_TIE: f64 = 0.1;

/// One person's month.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMonth {
    /// The person.
    pub name: String,
    /// The last snapshot on or before the report month's last day.
    pub month_end: Snapshot,
    /// The last snapshot on or before the previous month's last day.
    pub previous_month_end: Option<Snapshot>,
    /// month_end - previous_month_end for each of `SsiColumn::CHANGES` (rank changes: negative is
    /// better; the other columns stay empty); all `None` when there is no snapshot in the month (the two
    /// snapshots would be the same one).
    pub mom_change: SsiValues,
    /// The lowest component at month end (the first in LinkedIn's order on a tie).
    pub weakest_component: Option<Component>,
    /// Snapshots dated inside the report month.
    pub snapshots_in_month: usize,
    /// Activity totals per metric for the report month (`None`: nothing logged for that metric).
    pub activity_month: Vec<Option<f64>>,
    /// Activity totals per metric for the month before.
    pub activity_previous_month: Vec<Option<f64>>,
    /// The month-end snapshot against industry and network peers (`None` without peer components).
    pub peers: Option<peers::PeerComparison>,
}

impl PersonMonth {
    /// A column's month-over-month change.
    pub fn change(&self, column: SsiColumn) -> Option<f64> {
        self.mom_change.get(column)
    }
}

/// Team-level figures across the people in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    /// How many people have a month-end snapshot.
    pub people: usize,
    /// Median month-end value of each of `SsiColumn::CHANGES` (ssi, the components, both ranks).
    pub median: SsiValues,
    /// Median month-over-month change of the same seven (the median of each person's change, which is
    /// not the change of the median).
    pub median_change: SsiValues,
    /// The lowest median component (needs all four medians).
    pub weakest_component: Option<Component>,
    /// Per component, the minimum, quartiles and maximum of the people's month-end values.
    pub component_spread: [Option<stats::FiveNumbers>; 4],
    /// People whose SSI went up, down, or held over the month (people without a change are not counted).
    pub ssi_up: usize,
    /// See `ssi_up`.
    pub ssi_down: usize,
    /// See `ssi_up`.
    pub ssi_held: usize,
    /// Team total per metric for the report month (`None`: nobody logged it).
    pub activity_month: Vec<Option<f64>>,
    /// Team total per metric for the month before.
    pub activity_previous_month: Vec<Option<f64>>,
    /// Report-month total minus previous-month total per metric (`None` unless both exist).
    pub activity_change: Vec<Option<f64>>,
    /// People with a value logged for each metric in the report month.
    pub people_logging: Vec<usize>,
    /// The medians against industry and network peers, across the people with peer components.
    pub peers: Option<peers::PeerComparison>,
}

/// A person's snapshot series up to the report month's end.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSeries {
    /// The person.
    pub name: String,
    /// Snapshots in date order.
    pub points: Vec<Snapshot>,
}

/// How often the team series is bucketed, chosen from how often people take snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// Calendar weeks starting on Monday.
    Weekly,
    /// Calendar months.
    Monthly,
}

impl Cadence {
    /// "weekly" or "monthly".
    pub fn adjective(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
        }
    }
}

/// One period (week or month) of the team series: the distribution of each person's latest snapshot in it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamPeriod {
    /// First day of the period (a Monday, or the 1st of the month).
    pub start: NaiveDate,
    /// People with a snapshot in the period.
    pub people: usize,
    /// The spread of the people's SSI.
    pub ssi: stats::FiveNumbers,
    /// Median of each component (the statistic of the components table; medians do not add up to the
    /// median SSI, so the team chart draws them as lines); `None` when a component has no value.
    pub component_medians: Option<[f64; 4]>,
    /// Median industry and network rank (top percent) of the people with one.
    pub rank_medians: [Option<f64>; 2],
}

/// Everything the renderers need for one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The report month.
    pub month: Month,
    /// The days of the month the data reach (all of them unless the month is in progress).
    pub window: MonthWindow,
    /// The days the activity totals compare (in a month in progress, up to the last day the activity log
    /// covers, which can be before `window.through`; the same days of the month before are compared).
    pub activity_window: MonthWindow,
    /// Decimals of SSI totals in every output: 1 when any snapshot's SSI has decimals, else 0.
    pub ssi_decimals: usize,
    /// Activity metrics, as in the dataset.
    pub metrics: Vec<String>,
    /// Per-person results, sorted by name.
    pub people: Vec<PersonMonth>,
    /// Team summary (also filled for a single person).
    pub team: TeamSummary,
    /// Per-person snapshot series up to the month's end.
    pub series: Vec<PersonSeries>,
    /// The team distribution per period (empty for a single person).
    pub team_periods: Vec<TeamPeriod>,
    /// The period length of `team_periods`.
    pub team_cadence: Cadence,
    /// Snapshots and activity rows dated after the report month (not used in this report).
    pub rows_after_month: usize,
    /// The settings the analysis ran with.
    pub settings: Settings,
    /// Activity linked to component changes, with data up to the month's end.
    pub linkage: Linkage,
    /// Per-person alerts, targets, recommendation and forecast.
    pub outlook: Vec<Outlook>,
    /// Leaderboard, movers and target shares (teams only).
    pub board: Option<Board>,
    /// The groups of a team report (`None` for one person or when no input names a group).
    pub groups: Option<groups::Groups>,
    /// The group a report of one group is about (`Dataset::group`).
    pub group: Option<(&'static str, String)>,
    /// Weekly activity for the activity chart.
    pub activity_weeks: Vec<ActivityWeek>,
}

impl Analysis {
    /// True when the report covers more than one person.
    pub fn is_team(&self) -> bool {
        self.people.len() > 1
    }

    /// A person's series: found by halving, as the series are in name order (a scan for each of a
    /// large team's people would be quadratic), else by a scan.
    fn series_of(&self, name: &str) -> Vec<PersonSeries> {
        match self.series.binary_search_by(|s| s.name.as_str().cmp(name)) {
            Ok(i) => vec![self.series[i].clone()],
            Err(_) => self
                .series
                .iter()
                .filter(|s| s.name == name)
                .cloned()
                .collect(),
        }
    }

    /// The analysis seen for one person of a team (their month, series and verdicts; the team's linkage,
    /// which is where their evidence comes from). `None` for an index out of range.
    pub fn person_view(&self, i: usize) -> Option<Analysis> {
        let person = self.people.get(i)?.clone();
        let outlook = self.outlook.get(i)?.clone();
        let people = vec![person];
        Some(Analysis {
            month: self.month,
            window: self.window,
            activity_window: self.activity_window,
            ssi_decimals: self.ssi_decimals,
            metrics: self.metrics.clone(),
            team: team::summarise(&people, self.metrics.len()),
            series: self.series_of(&people[0].name),
            people,
            team_periods: Vec::new(),
            team_cadence: self.team_cadence,
            rows_after_month: 0,
            settings: self.settings.clone(),
            linkage: self.linkage.clone(),
            activity_weeks: outlook.activity_weeks.clone(),
            outlook: vec![outlook],
            board: None,
            groups: None,
            group: None,
        })
    }
}

/// What the per-person verdicts are worked out from.
struct Context<'a> {
    dataset: &'a Dataset,
    people: &'a [PersonMonth],
    series: &'a [PersonSeries],
    log: &'a intervals::ActivityLog,
    linkage: &'a Linkage,
    settings: &'a Settings,
    window: MonthWindow,
    /// The latest snapshot in the data.
    last: NaiveDate,
}

/// A person's activity over a whole month, counted as the targets count it.
fn logged_in(log: &intervals::ActivityLog, name: &str, m: Month) -> Vec<Option<intervals::Logged>> {
    log.weeks_in(
        name,
        m.first_day(),
        m.last_day() + chrono::Duration::days(1),
    )
}

/// Per metric, a person's rate per week in the two months before `month` (oldest first).
fn earlier_rates(log: &intervals::ActivityLog, name: &str, month: Month) -> Vec<[Option<f64>; 2]> {
    let rate = |m: Month| -> Vec<Option<f64>> {
        logged_in(log, name, m)
            .iter()
            .map(|l| l.map(|l| l.per_week()))
            .collect()
    };
    rate(month.previous().previous())
        .into_iter()
        .zip(rate(month.previous()))
        .map(|(a, b)| [a, b])
        .collect()
}

/// Last month's checks of the same targets, for the targets newly met (`None` without a previous
/// month-end).
fn targets_before(c: &Context<'_>, p: &PersonMonth) -> Option<Vec<TargetCheck>> {
    let previous = p.previous_month_end.as_ref()?;
    let logged = logged_in(c.log, &p.name, c.window.month.previous());
    let then = PersonMonth {
        month_end: previous.clone(),
        ..p.clone()
    };
    Some(alerts::targets(
        &then,
        &c.dataset.metrics,
        &logged,
        c.settings,
        false,
    ))
}

/// The team's median and highest rate per metric (none for one person).
fn team_rates(rates: &[Vec<Option<f64>>], metrics: usize) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    if rates.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    (0..metrics)
        .map(|m| {
            let of: Vec<Option<f64>> = rates.iter().map(|r| r[m]).collect();
            (
                stats::median(&of),
                of.iter().flatten().copied().reduce(f64::max),
            )
        })
        .unzip()
}

/// Each person's alerts, wins, targets, recommendation and forecast for the month.
fn outlooks(c: &Context<'_>) -> Vec<Outlook> {
    let (month, window, settings, metrics) =
        (c.window.month, c.window, c.settings, &c.dataset.metrics);
    // Staleness is judged against the report's latest snapshot, so a team or person logging monthly is
    // not stale between snapshots.
    let latest_snapshot = c
        .people
        .iter()
        .map(|p| p.month_end.date)
        .max()
        .unwrap_or(c.last);
    let series_of: std::collections::HashMap<&str, &PersonSeries> =
        c.series.iter().map(|s| (s.name.as_str(), s)).collect();
    let (from, to) = window.days();
    let logged: Vec<Vec<Option<intervals::Logged>>> = c
        .people
        .iter()
        .map(|p| c.log.weeks_in(&p.name, from, to))
        .collect();
    let rates: Vec<Vec<Option<f64>>> = logged
        .iter()
        .map(|l| l.iter().map(|l| l.map(|l| l.per_week())).collect())
        .collect();
    let (team_median, team_max) = team_rates(&rates, metrics.len());
    // The three months before the report month.
    let before_from = month.previous().previous().previous().first_day();
    c.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let person_series = series_of.get(p.name.as_str()).copied();
            let month_logged = logged[i].clone();
            let month_rates = rates[i].clone();
            let standing = alerts::Standing {
                own_before: c.log.over(&p.name, before_from, month.first_day()).rates(),
                team_median: team_median.clone(),
                team_max: team_max.clone(),
            };
            let targets =
                alerts::targets(p, metrics, &month_logged, settings, window.in_progress());
            let before = targets_before(c, p);
            let (raised, within_noise) =
                alerts::alerts(p, person_series, month, latest_snapshot, settings);
            Outlook {
                earlier_rates: earlier_rates(c.log, &p.name, month),
                team_median_rates: team_median.clone(),
                activity_weeks: if c.people.len() > 1 {
                    activity_weeks(c.log, std::slice::from_ref(p), metrics.len(), month)
                } else {
                    Vec::new()
                },
                alerts: raised,
                within_noise,
                wins: alerts::wins(
                    p,
                    person_series,
                    month,
                    settings,
                    &targets,
                    before.as_deref().unwrap_or(&[]),
                ),
                targets,
                recommendation: alerts::recommend(
                    p,
                    metrics,
                    &month_logged,
                    c.linkage,
                    settings,
                    window.in_progress(),
                    &standing,
                ),
                forecast: person_series.and_then(|s| forecast::forecast(s, month.last_day())),
                month_rates,
                month_logged,
            }
        })
        .collect()
}

/// Runs the analysis for one month.
pub fn analyse(dataset: &Dataset, options: &AnalysisOptions) -> Result<Analysis, AnalysisError> {
    let all_dates = frame::dates(&dataset.ssi, crate::model::schema::DATE)?;
    let first = all_dates.iter().flatten().min().copied();
    let last = all_dates.iter().flatten().max().copied();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(AnalysisError::NoSnapshots);
    };
    let month = options.month.unwrap_or_else(|| Month::of(last));
    if first > month.last_day() {
        return Err(AnalysisError::MonthBeforeData {
            month,
            month_end: month.last_day(),
            first,
        });
    }
    let rows_after_month = monthly::rows_after(dataset, month)?;
    let used = dataset.up_to(month.last_day())?;
    let log = intervals::ActivityLog::new(&used)?;
    // The month is in progress when the data (snapshots, and the days the activity log covers) stop a
    // week or more before its end; activity is then compared over the days the log covers.
    let (window, activity_window) = if rows_after_month == 0 {
        let covered = log.last_day();
        let through = covered.map_or(last, |d| d.max(last));
        (
            MonthWindow::to(month, through),
            MonthWindow::to(month, covered.unwrap_or(through)),
        )
    } else {
        (MonthWindow::whole(month), MonthWindow::whole(month))
    };
    let people = monthly::person_months(dataset, activity_window, &log)?;
    if people.iter().all(|p| p.snapshots_in_month == 0) {
        return Err(AnalysisError::EmptyMonth { month, first, last });
    }
    let team = team::summarise(&people, dataset.metrics.len());
    let settings = options.settings.clone();
    let group_of = groups::group_of(
        &people,
        &dataset.memberships,
        settings.group_by.as_deref(),
        month.last_day(),
    )?;
    let linkage = link(&used, &log, &settings, &group_of)?;
    // The series come after the linkage, so a large team never holds both its intervals and its series.
    let series = series::person_series(dataset, month)?;
    let team_cadence = series::cadence(dataset, month)?;
    let team_periods = if people.len() > 1 {
        series::team_periods(dataset, month, team_cadence)?
    } else {
        Vec::new()
    };
    let outlook = outlooks(&Context {
        dataset,
        people: &people,
        series: &series,
        log: &log,
        linkage: &linkage,
        settings: &settings,
        window,
        last,
    });
    let board = (people.len() > 1).then(|| {
        let checks: Vec<Vec<TargetCheck>> = outlook.iter().map(|o| o.targets.clone()).collect();
        team::board(&people, &checks)
    });
    let groups = group_figures(&people, &outlook, dataset, &settings, month)?;
    let activity_weeks = activity_weeks(&log, &people, dataset.metrics.len(), month);
    Ok(Analysis {
        groups,
        group: dataset.group.clone(),
        activity_weeks,
        month,
        window,
        activity_window,
        ssi_decimals: words::ssi_decimals(
            frame::f64s(&dataset.ssi, SsiColumn::Ssi.key())?
                .into_iter()
                .flatten(),
        ),
        metrics: dataset.metrics.clone(),
        people,
        team,
        series,
        team_periods,
        team_cadence,
        rows_after_month,
        settings,
        linkage,
        outlook,
        board,
    })
}

/// The groups of a team report with their figures (`None` for one person or without groups).
fn group_figures(
    people: &[PersonMonth],
    outlook: &[Outlook],
    dataset: &Dataset,
    settings: &Settings,
    month: Month,
) -> Result<Option<groups::Groups>, groups::GroupError> {
    let checks: Vec<&[TargetCheck]> = outlook.iter().map(|o| o.targets.as_slice()).collect();
    let raised: Vec<&[Alert]> = outlook.iter().map(|o| o.alerts.as_slice()).collect();
    groups::groups(
        people,
        &checks,
        &raised,
        &dataset.memberships,
        settings.group_by.as_deref(),
        month.last_day(),
        dataset.group.as_ref().map(|(_, g)| g.as_str()),
    )
}

/// Aligns intervals (activity read from `log`, the dataset's) and builds the linkage table, findings and
/// models.
pub fn link(
    dataset: &Dataset,
    log: &intervals::ActivityLog,
    settings: &Settings,
    group_of: &std::collections::BTreeMap<String, String>,
) -> PolarsResult<Linkage> {
    let intervals = intervals::align(dataset, log, settings.max_interval_days)?;
    let count =
        |e: intervals::Exclusion| intervals.iter().filter(|i| i.excluded == Some(e)).count();
    let counts = IntervalCounts {
        total: intervals.len(),
        used: intervals.iter().filter(|i| i.excluded.is_none()).count(),
        too_long: count(intervals::Exclusion::TooLong),
        no_activity: count(intervals::Exclusion::NoActivity),
        thin_rates: intervals
            .iter()
            .filter(|i| i.excluded.is_none())
            .map(|i| i.thinly_covered as usize)
            .sum(),
    };
    // The table and the models read the same intervals; both use every core.
    let (mut rows, models) = rayon::join(
        || linkage::table(&intervals, &dataset.metrics, settings.alpha),
        || models::fit_all(&intervals, &dataset.metrics),
    );
    // Whether each expected link differs between groups, adjusted together with the linkage's tests.
    let mut group_differences = if group_of.is_empty() {
        Vec::new()
    } else {
        interaction::tests(&intervals, &dataset.metrics, group_of)
    };
    if !group_differences.is_empty() {
        let p: Vec<Option<f64>> = rows
            .iter()
            .map(|r| r.stats.p_value)
            .chain(group_differences.iter().map(|d| Some(d.p_value)))
            .collect();
        let q = linkage::bh_q_values(&p);
        for (row, q) in rows.iter_mut().zip(&q) {
            row.q_value = *q;
            row.support = linkage::support(row, settings.alpha);
        }
        for (d, q) in group_differences.iter_mut().zip(&q[rows.len()..]) {
            d.q_value = *q;
        }
    }
    Ok(Linkage {
        group_differences,
        intervals: counts,
        findings: findings::findings(&rows, &models, settings.alpha),
        expectations: findings::expectations(&rows),
        models,
        drivers: linkage::drivers(&intervals, &dataset.metrics, &rows),
        rows,
    })
}
