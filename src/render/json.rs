//! `summary.json`, the stable machine contract (documented in docs/summary-schema.md). Field order is fixed
//! by the structs below; missing values are `null`, never 0.

use super::RenderError;
use crate::analysis::alerts::{Alert, Lever, Recommendation, TargetCheck};
use crate::analysis::findings::{Adjusted, Expectation};
use crate::analysis::forecast::Forecast;
use crate::analysis::linkage::LinkageRow;
use crate::analysis::models::{Dropped, Model, Term};
use crate::analysis::team::{Standing, TargetShare};
use crate::analysis::within::Method;
use crate::analysis::{Analysis, Outlook, PersonMonth, Snapshot};
use crate::model::quality::{
    FileProblem, IgnoredTable, InputTable, Quality, RejectedRow, SkippedRow,
};
use crate::model::schema::{SsiColumn, SsiValues};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The schema version; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 5;

/// A JSON object with keys in a fixed order.
struct Ordered<'a>(Vec<(&'a str, Option<f64>)>);

impl Ordered<'static> {
    /// The given SSI columns' values, keyed by column name in the order given.
    fn columns(columns: &[SsiColumn], values: &SsiValues) -> Ordered<'static> {
        Ordered(columns.iter().map(|c| (c.key(), values.get(*c))).collect())
    }
}

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct SnapshotJson<'a> {
    date: String,
    #[serde(flatten)]
    values: Ordered<'a>,
}

fn snapshot(s: &Snapshot) -> SnapshotJson<'static> {
    SnapshotJson {
        date: s.date.to_string(),
        // The peer components are under `peers`.
        values: Ordered::columns(&SsiColumn::OWN, &s.values),
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    month: String,
    month_in_progress: bool,
    data_through: String,
    ssi_decimals: usize,
    at_a_glance: GlanceJson,
    generator: &'static str,
    inputs: Vec<InputJson<'a>>,
    metrics: &'a [String],
    people: Vec<PersonJson<'a>>,
    team: TeamJson<'a>,
    groups: Option<GroupsJson<'a>>,
    group: Option<ReportGroupJson<'a>>,
    analysis: AnalysisJson,
    linkage: Vec<LinkageJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    expectations: Vec<ExpectationJson<'a>>,
    models: Vec<ModelJson<'a>>,
    data_quality: QualityJson<'a>,
}

#[derive(Serialize)]
struct GroupsJson<'a> {
    kind: &'static str,
    kinds: &'a [&'static str],
    people: Vec<GroupMemberJson<'a>>,
    groups: Vec<GroupRowJson<'a>>,
    moves: Vec<GroupMoveJson<'a>>,
    roster: bool,
    roster_only: &'a [String],
    not_in_roster: &'a [String],
    roster_conflicts: &'a [String],
    differences: Vec<DifferenceJson<'a>>,
}

#[derive(Serialize)]
struct DifferenceJson<'a> {
    metric: &'a str,
    component: &'static str,
    groups: &'a [String],
    slopes: Vec<f64>,
    n: usize,
    people: usize,
    f: f64,
    df_num: f64,
    df_denom: f64,
    p_value: f64,
    q_value: Option<f64>,
}

#[derive(Serialize)]
struct GroupMemberJson<'a> {
    name: &'a str,
    group: &'a str,
}

#[derive(Serialize)]
struct GroupRowJson<'a> {
    name: &'a str,
    people: usize,
    median_ssi: Option<f64>,
    median_change: Option<f64>,
    median_components: ComponentsJson,
    weakest_component: Option<&'static str>,
    targets: Vec<TargetShareJson<'a>>,
    alerts: usize,
    descriptive_only: bool,
}

#[derive(Serialize)]
struct ComponentsJson {
    brand: Option<f64>,
    people: Option<f64>,
    insights: Option<f64>,
    relationships: Option<f64>,
}

#[derive(Serialize)]
struct GroupMoveJson<'a> {
    person: &'a str,
    from: &'a str,
    to: &'a str,
    date: String,
}

/// The group a report of one group is about (`--each group`).
#[derive(Serialize)]
struct ReportGroupJson<'a> {
    kind: &'a str,
    name: &'a str,
}

fn groups_json(a: &Analysis) -> Option<GroupsJson<'_>> {
    let g = a.groups.as_ref()?;
    Some(GroupsJson {
        kind: g.kind,
        kinds: &g.kinds,
        people: a
            .people
            .iter()
            .zip(&g.of_person)
            .map(|(p, group)| GroupMemberJson {
                name: &p.name,
                group,
            })
            .collect(),
        groups: g
            .rows
            .iter()
            .map(|r| GroupRowJson {
                name: &r.name,
                people: r.people,
                median_ssi: r.median_ssi,
                median_change: r.median_change,
                median_components: ComponentsJson {
                    brand: r.components[0],
                    people: r.components[1],
                    insights: r.components[2],
                    relationships: r.components[3],
                },
                weakest_component: r.weakest.map(|c| c.key()),
                targets: r.targets.iter().map(TargetShareJson::from).collect(),
                alerts: r.alerts,
                descriptive_only: r.descriptive_only,
            })
            .collect(),
        moves: g
            .moves
            .iter()
            .map(|m| GroupMoveJson {
                person: &m.person,
                from: &m.from,
                to: &m.to,
                date: m.date.to_string(),
            })
            .collect(),
        roster: g.roster,
        roster_only: &g.roster_only,
        not_in_roster: &g.not_in_roster,
        roster_conflicts: &g.roster_conflicts,
        differences: a
            .linkage
            .group_differences
            .iter()
            .map(|d| DifferenceJson {
                metric: &d.metric,
                component: d.component.key(),
                groups: &d.groups,
                slopes: d.slopes.iter().map(|s| round(*s, 6)).collect(),
                n: d.n,
                people: d.people,
                f: round(d.f, 6),
                df_num: d.df.0,
                df_denom: d.df.1,
                p_value: d.p_value,
                q_value: d.q_value,
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct AnalysisJson {
    alpha: f64,
    max_interval_days: i64,
    intervals: usize,
    intervals_used: usize,
    intervals_too_long: usize,
    intervals_without_activity: usize,
    rates_thinly_covered: usize,
}

#[derive(Serialize)]
struct LinkageJson<'a> {
    metric: &'a str,
    component: &'static str,
    lag: usize,
    expected: bool,
    support: Option<&'static str>,
    n: usize,
    people: usize,
    weeks: f64,
    pearson_r: Option<f64>,
    spearman_rho: Option<f64>,
    p_value: Option<f64>,
    q_value: Option<f64>,
    slope: Option<f64>,
    se: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    df: Option<f64>,
    method: Option<&'static str>,
    hac_lags: Option<usize>,
}

#[derive(Serialize)]
struct WinJson<'a> {
    kind: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct QuietFallJson<'a> {
    kind: &'static str,
    message: &'a str,
    change: f64,
    band: f64,
    days: i64,
}

#[derive(Serialize)]
struct GlanceJson {
    attention: Vec<AttentionJson>,
    attention_total: usize,
    up: Vec<MoveJson>,
    down: Vec<MoveJson>,
    action: Option<ActionJson>,
}

#[derive(Serialize)]
struct AttentionJson {
    name: String,
    alert: &'static str,
    brief: String,
}

#[derive(Serialize)]
struct MoveJson {
    name: String,
    change: f64,
}

#[derive(Serialize)]
struct ActionJson {
    metric: Option<String>,
    component: &'static str,
    coefficient: Option<f64>,
    people: usize,
    of: usize,
    text: String,
}

impl From<crate::analysis::glance::Glance> for GlanceJson {
    fn from(g: crate::analysis::glance::Glance) -> Self {
        let moves = |list: Vec<crate::analysis::glance::Move>| -> Vec<MoveJson> {
            list.into_iter()
                .map(|m| MoveJson {
                    name: m.name,
                    change: round(m.change, 2),
                })
                .collect()
        };
        GlanceJson {
            attention: g
                .attention
                .into_iter()
                .map(|x| AttentionJson {
                    name: x.name,
                    alert: x.kind.key(),
                    brief: x.brief,
                })
                .collect(),
            attention_total: g.attention_total,
            up: moves(g.up),
            down: moves(g.down),
            action: g.action.map(|a| ActionJson {
                metric: a.metric,
                component: a.component.key(),
                coefficient: a.coefficient,
                people: a.people,
                of: a.of,
                text: a.text,
            }),
        }
    }
}

#[derive(Serialize)]
struct FindingJson<'a> {
    metric: &'a str,
    component: &'static str,
    lag: usize,
    surprising: bool,
    people: usize,
    only: Option<&'a str>,
    adjusted: &'static str,
    alongside: Vec<&'a str>,
    outcome: bool,
    text: &'a str,
}

#[derive(Serialize)]
struct ExpectationJson<'a> {
    metric: &'a str,
    component: &'static str,
    support: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct ModelJson<'a> {
    component: &'static str,
    lag: usize,
    n: usize,
    people: usize,
    df: usize,
    r2_within: Option<f64>,
    method: Option<&'static str>,
    hac_lags: Option<usize>,
    terms: Vec<TermJson<'a>>,
    dropped: Vec<DroppedJson<'a>>,
}

#[derive(Serialize)]
struct TermJson<'a> {
    metric: &'a str,
    coef: f64,
    se: Option<f64>,
    t: Option<f64>,
    p_value: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    q_value: Option<f64>,
}

#[derive(Serialize)]
struct DroppedJson<'a> {
    metric: &'a str,
    reason: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct AlertJson<'a> {
    kind: &'static str,
    message: &'a str,
    value: f64,
    threshold: f64,
    brief: &'a str,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    key: &'a str,
    label: &'a str,
    value: Option<f64>,
    threshold: f64,
    lower_is_better: bool,
    met: Option<bool>,
    status: &'static str,
    logged_total: Option<f64>,
    logged_days: Option<i64>,
    logged_weekly_rows: Option<usize>,
}

#[derive(Serialize)]
struct RecommendationJson<'a> {
    component: &'static str,
    value: f64,
    message: &'a str,
    activities: Vec<LeverJson<'a>>,
}

#[derive(Serialize)]
struct LeverJson<'a> {
    metric: &'a str,
    basis: &'static str,
    slope: Option<f64>,
    current_per_week: Option<f64>,
    target_per_week: Option<f64>,
    gap_per_week: Option<f64>,
    own_before: Option<f64>,
    team_median: Option<f64>,
    leads_team: bool,
    advised: bool,
}

#[derive(Serialize)]
struct ForecastJson<'a> {
    slope_per_month: f64,
    slope_low: f64,
    slope_high: f64,
    flat: bool,
    points: usize,
    from: String,
    to: String,
    latest: f64,
    in_12_weeks: ProjectionJson,
    next_band: Option<f64>,
    reaches_from: Option<String>,
    reaches_by: Option<String>,
    message: &'a str,
}

#[derive(Serialize)]
struct ProjectionJson {
    low: f64,
    mid: f64,
    high: f64,
}

#[derive(Serialize)]
struct StandingJson<'a> {
    name: &'a str,
    ssi: Option<f64>,
    rank: Option<usize>,
    change: Option<f64>,
}

#[derive(Serialize)]
struct MoversJson<'a> {
    rises: Vec<StandingJson<'a>>,
    falls: Vec<StandingJson<'a>>,
}

#[derive(Serialize)]
struct TargetShareJson<'a> {
    key: &'a str,
    label: &'a str,
    met: usize,
    known: usize,
    too_early: usize,
}

#[derive(Serialize)]
struct InputJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    table: &'static str,
    header_row: Option<u32>,
    rows_read: usize,
    rows_used: usize,
    ssi_rows: usize,
    activity_rows: usize,
    rows_rejected: usize,
    rows_skipped: usize,
    summary_rows: usize,
}

#[derive(Serialize)]
struct PersonJson<'a> {
    name: &'a str,
    month_end: SnapshotJson<'static>,
    previous_month_end: Option<SnapshotJson<'static>>,
    mom_change: Ordered<'static>,
    weakest_component: Option<&'static str>,
    weakest_tied: Vec<&'static str>,
    snapshots_in_month: usize,
    activity_month: Ordered<'a>,
    activity_previous_month: Ordered<'a>,
    activity_per_week: Ordered<'a>,
    alerts: Vec<AlertJson<'a>>,
    within_noise: Vec<QuietFallJson<'a>>,
    wins: Vec<WinJson<'a>>,
    targets: Vec<TargetJson<'a>>,
    recommendation: Option<RecommendationJson<'a>>,
    forecast: Option<ForecastJson<'a>>,
    peers: Option<PeersJson>,
}

#[derive(Serialize)]
struct PeerSideJson {
    #[serde(flatten)]
    averages: Ordered<'static>,
    gap: Ordered<'static>,
    largest_gap: Option<&'static str>,
}

/// Own values, then each peer group's averages, gaps (own minus peers) and largest gap.
#[derive(Serialize)]
struct PeersJson {
    people: usize,
    own: Ordered<'static>,
    industry: PeerSideJson,
    network: PeerSideJson,
    largest_gap: Option<crate::analysis::peers::Gap>,
}

fn five(total: Option<f64>, components: [Option<f64>; 4]) -> Ordered<'static> {
    let mut pairs = vec![("ssi", total)];
    pairs.extend(
        crate::model::schema::Component::ALL
            .iter()
            .zip(components)
            .map(|(c, v)| (c.key(), v)),
    );
    Ordered(pairs)
}

fn peers_json(c: &crate::analysis::peers::PeerComparison) -> PeersJson {
    let side = |s: &crate::analysis::peers::PeerSide| PeerSideJson {
        averages: five(s.total, s.components),
        gap: five(s.gap_total, s.gaps),
        largest_gap: s.largest_gap.map(|c| c.key()),
    };
    PeersJson {
        people: c.people,
        own: five(c.own_total, c.own),
        industry: side(&c.industry),
        network: side(&c.network),
        largest_gap: c.largest_gap,
    }
}

#[derive(Serialize)]
struct TeamJson<'a> {
    people: usize,
    peers: Option<PeersJson>,
    median: Ordered<'static>,
    median_change: Ordered<'static>,
    weakest_component: Option<&'static str>,
    weakest_tied: Vec<&'static str>,
    leaderboard: Option<Vec<StandingJson<'a>>>,
    movers: Option<MoversJson<'a>>,
    targets: Option<Vec<TargetShareJson<'a>>>,
}

#[derive(Serialize)]
struct QualityJson<'a> {
    rejected_rows: Vec<RejectedJson<'a>>,
    skipped_rows: Vec<SkippedJson<'a>>,
    ignored_sheets: Vec<IgnoredJson<'a>>,
    unreadable_files: Vec<UnreadableJson<'a>>,
    activity_overlaps: usize,
    rows_after_month: usize,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct RejectedJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    column: Option<&'a str>,
    header: Option<&'a str>,
    raw: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    row: u32,
    rows: u32,
    raw: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct IgnoredJson<'a> {
    path: &'a str,
    sheet: Option<&'a str>,
    reason: &'a str,
}

#[derive(Serialize)]
struct UnreadableJson<'a> {
    path: &'a str,
    error: &'a str,
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

impl<'a> From<&'a Alert> for AlertJson<'a> {
    fn from(a: &'a Alert) -> Self {
        AlertJson {
            kind: a.kind.key(),
            message: &a.message,
            value: round(a.value, 2),
            threshold: a.threshold,
            brief: &a.brief,
        }
    }
}

impl<'a> From<&'a TargetCheck> for TargetJson<'a> {
    fn from(t: &'a TargetCheck) -> Self {
        TargetJson {
            key: &t.key,
            label: &t.label,
            value: t.value.map(|v| round(v, 2)),
            threshold: t.threshold,
            lower_is_better: t.lower_is_better,
            met: t.met,
            status: t.status.key(),
            logged_total: t.logged.map(|l| round(l.total, 2)),
            logged_days: t.logged.map(|l| l.days),
            logged_weekly_rows: t.logged.and_then(|l| l.weekly_rows),
        }
    }
}

impl<'a> From<&'a Lever> for LeverJson<'a> {
    fn from(l: &'a Lever) -> Self {
        LeverJson {
            metric: &l.metric,
            basis: l.basis.key(),
            slope: l.slope,
            current_per_week: l.current_per_week.map(|v| round(v, 2)),
            target_per_week: l.target_per_week,
            gap_per_week: l.gap_per_week.map(|v| round(v, 2)),
            own_before: l.own_before.map(|v| round(v, 2)),
            team_median: l.team_median.map(|v| round(v, 2)),
            leads_team: l.leads_team,
            advised: l.advised,
        }
    }
}

impl<'a> From<&'a Recommendation> for RecommendationJson<'a> {
    fn from(r: &'a Recommendation) -> Self {
        RecommendationJson {
            component: r.component.key(),
            value: r.value,
            message: &r.message,
            activities: r.levers.iter().map(LeverJson::from).collect(),
        }
    }
}

impl<'a> From<&'a Forecast> for ForecastJson<'a> {
    fn from(f: &'a Forecast) -> Self {
        ForecastJson {
            slope_per_month: round(f.slope_per_month, 4),
            slope_low: round(f.slope_range.0, 4),
            slope_high: round(f.slope_range.1, 4),
            flat: f.flat,
            points: f.points,
            from: f.from.to_string(),
            to: f.to.to_string(),
            latest: f.latest,
            in_12_weeks: ProjectionJson {
                low: round(f.ahead.low, 2),
                mid: round(f.ahead.mid, 2),
                high: round(f.ahead.high, 2),
            },
            next_band: f.next_band,
            reaches_from: f.reaches.map(|(m, _)| m.to_string()),
            reaches_by: f.reaches.and_then(|(_, m)| m.map(|m| m.to_string())),
            message: &f.message,
        }
    }
}

fn person<'a>(p: &'a PersonMonth, o: &'a Outlook, metrics: &'a [String]) -> PersonJson<'a> {
    let activity = |values: &[Option<f64>]| {
        Ordered(
            metrics
                .iter()
                .map(String::as_str)
                .zip(values.iter().copied())
                .collect(),
        )
    };
    let per_week: Vec<Option<f64>> = o
        .month_rates
        .iter()
        .map(|v| v.map(|v| round(v, 2)))
        .collect();
    PersonJson {
        peers: p.peers.as_ref().map(peers_json),
        name: &p.name,
        month_end: snapshot(&p.month_end),
        previous_month_end: p.previous_month_end.as_ref().map(snapshot),
        mom_change: Ordered::columns(&SsiColumn::CHANGES, &p.mom_change),
        weakest_component: p.weakest_component.map(|c| c.key()),
        weakest_tied: p
            .month_end
            .weakest_tied()
            .iter()
            .map(|(c, _)| c.key())
            .collect(),
        snapshots_in_month: p.snapshots_in_month,
        activity_month: activity(&p.activity_month),
        activity_previous_month: activity(&p.activity_previous_month),
        activity_per_week: activity(&per_week),
        alerts: o.alerts.iter().map(AlertJson::from).collect(),
        within_noise: o
            .within_noise
            .iter()
            .map(|q| QuietFallJson {
                kind: q.alert.kind.key(),
                message: &q.message,
                change: q.alert.value,
                band: round(q.band, 4),
                days: q.days,
            })
            .collect(),
        wins: o
            .wins
            .iter()
            .map(|w| WinJson {
                kind: w.kind.key(),
                message: &w.message,
            })
            .collect(),
        targets: o.targets.iter().map(TargetJson::from).collect(),
        recommendation: o.recommendation.as_ref().map(RecommendationJson::from),
        forecast: o.forecast.as_ref().map(ForecastJson::from),
    }
}

fn standing(s: &Standing) -> StandingJson<'_> {
    StandingJson {
        name: &s.name,
        ssi: s.ssi,
        rank: s.rank,
        change: s.change,
    }
}

impl<'a> From<&'a TargetShare> for TargetShareJson<'a> {
    fn from(t: &'a TargetShare) -> Self {
        TargetShareJson {
            key: &t.key,
            label: &t.label,
            met: t.met,
            known: t.known,
            too_early: t.too_early,
        }
    }
}

fn team(a: &Analysis) -> TeamJson<'_> {
    TeamJson {
        people: a.team.people,
        peers: a.team.peers.as_ref().map(peers_json),
        median: Ordered::columns(&SsiColumn::CHANGES, &a.team.median),
        median_change: Ordered::columns(&SsiColumn::CHANGES, &a.team.median_change),
        weakest_component: a.team.weakest_component.map(|c| c.key()),
        weakest_tied: Snapshot {
            date: chrono::NaiveDate::MIN,
            values: a.team.median.only(&SsiColumn::SCORE),
        }
        .weakest_tied()
        .iter()
        .map(|(c, _)| c.key())
        .collect(),
        leaderboard: a
            .board
            .as_ref()
            .map(|b| b.leaderboard.iter().map(standing).collect()),
        movers: a.board.as_ref().map(|b| MoversJson {
            rises: b.rises.iter().map(standing).collect(),
            falls: b.falls.iter().map(standing).collect(),
        }),
        targets: a
            .board
            .as_ref()
            .map(|b| b.targets.iter().map(TargetShareJson::from).collect()),
    }
}

impl From<&Analysis> for AnalysisJson {
    fn from(a: &Analysis) -> Self {
        let intervals = &a.linkage.intervals;
        AnalysisJson {
            alpha: a.settings.alpha,
            max_interval_days: a.settings.max_interval_days,
            intervals: intervals.total,
            intervals_used: intervals.used,
            intervals_too_long: intervals.too_long,
            intervals_without_activity: intervals.no_activity,
            rates_thinly_covered: intervals.thin_rates,
        }
    }
}

impl<'a> From<&'a LinkageRow> for LinkageJson<'a> {
    fn from(r: &'a LinkageRow) -> Self {
        LinkageJson {
            metric: &r.metric,
            component: r.component.key(),
            lag: r.lag,
            expected: r.expected,
            support: r.support.map(|s| s.key()),
            n: r.stats.n,
            people: r.stats.people,
            weeks: round(r.weeks, 4),
            pearson_r: r.stats.pearson_r,
            spearman_rho: r.stats.spearman_rho,
            p_value: r.stats.p_value,
            q_value: r.q_value,
            slope: r.stats.slope,
            se: r.stats.se,
            ci_low: r.stats.ci.map(|c| c.0),
            ci_high: r.stats.ci.map(|c| c.1),
            df: r.stats.df,
            method: r.stats.method.map(Method::key),
            hac_lags: hac_lags(r.stats.method),
        }
    }
}

fn findings(a: &Analysis) -> Vec<FindingJson<'_>> {
    a.linkage
        .findings
        .iter()
        .map(|f| {
            let r = &a.linkage.rows[f.row];
            FindingJson {
                metric: &r.metric,
                component: r.component.key(),
                lag: r.lag,
                surprising: f.surprising,
                people: r.stats.people,
                only: r.only.as_deref(),
                adjusted: f.adjusted.key(),
                alongside: match &f.adjusted {
                    Adjusted::NoOwnEffect { alongside } => {
                        alongside.iter().map(String::as_str).collect()
                    }
                    _ => Vec::new(),
                },
                outcome: f.outcome,
                text: &f.text,
            }
        })
        .collect()
}

impl<'a> From<&'a Expectation> for ExpectationJson<'a> {
    fn from(e: &'a Expectation) -> Self {
        ExpectationJson {
            metric: &e.metric,
            component: e.component.key(),
            support: e.support.key(),
            text: &e.text,
        }
    }
}

impl<'a> From<&'a Term> for TermJson<'a> {
    fn from(t: &'a Term) -> Self {
        let e = t.estimate.as_ref();
        TermJson {
            metric: &t.metric,
            coef: t.coef,
            se: e.map(|e| e.se),
            t: e.map(|e| e.t),
            p_value: e.map(|e| e.p_value),
            ci_low: e.map(|e| e.ci.0),
            ci_high: e.map(|e| e.ci.1),
            q_value: t.q_value,
        }
    }
}

/// The Newey-West lags of a method, when it is Newey-West.
fn hac_lags(method: Option<Method>) -> Option<usize> {
    match method {
        Some(Method::Hac { lags }) => Some(lags),
        _ => None,
    }
}

impl<'a> From<&'a Dropped> for DroppedJson<'a> {
    fn from(d: &'a Dropped) -> Self {
        DroppedJson {
            metric: &d.metric,
            reason: d.reason.key(),
            detail: d.reason.describe(),
        }
    }
}

impl<'a> From<&'a Model> for ModelJson<'a> {
    fn from(m: &'a Model) -> Self {
        ModelJson {
            component: m.component.key(),
            lag: 0,
            n: m.n,
            people: m.people,
            df: m.df,
            r2_within: m.r2_within,
            method: m.method.map(Method::key),
            hac_lags: hac_lags(m.method),
            terms: m.terms.iter().map(TermJson::from).collect(),
            dropped: m.dropped.iter().map(DroppedJson::from).collect(),
        }
    }
}

impl<'a> From<&'a InputTable> for InputJson<'a> {
    fn from(t: &'a InputTable) -> Self {
        InputJson {
            path: &t.path,
            sheet: t.sheet.as_deref(),
            table: t.table.name(),
            header_row: t.header_row,
            rows_read: t.rows_read,
            rows_used: t.rows_used,
            ssi_rows: t.ssi_rows,
            activity_rows: t.activity_rows,
            rows_rejected: t.rows_rejected,
            rows_skipped: t.rows_skipped,
            summary_rows: t.summary_rows,
        }
    }
}

impl<'a> From<&'a RejectedRow> for RejectedJson<'a> {
    fn from(r: &'a RejectedRow) -> Self {
        RejectedJson {
            path: &r.path,
            sheet: r.sheet.as_deref(),
            row: r.row,
            column: r.column.as_deref(),
            header: r.header.as_deref(),
            raw: &r.raw,
            reason: &r.reason,
        }
    }
}

impl<'a> From<&'a SkippedRow> for SkippedJson<'a> {
    fn from(k: &'a SkippedRow) -> Self {
        SkippedJson {
            path: &k.path,
            sheet: k.sheet.as_deref(),
            row: k.row,
            rows: k.rows,
            raw: &k.raw,
            reason: &k.reason,
        }
    }
}

impl<'a> From<&'a IgnoredTable> for IgnoredJson<'a> {
    fn from(i: &'a IgnoredTable) -> Self {
        IgnoredJson {
            path: &i.path,
            sheet: i.sheet.as_deref(),
            reason: &i.reason,
        }
    }
}

impl<'a> From<&'a FileProblem> for UnreadableJson<'a> {
    fn from(u: &'a FileProblem) -> Self {
        UnreadableJson {
            path: &u.path,
            error: &u.message,
        }
    }
}

fn data_quality<'a>(a: &Analysis, q: &'a Quality) -> QualityJson<'a> {
    QualityJson {
        rejected_rows: q.rejected.iter().map(RejectedJson::from).collect(),
        skipped_rows: q.skipped.iter().map(SkippedJson::from).collect(),
        ignored_sheets: q.ignored.iter().map(IgnoredJson::from).collect(),
        unreadable_files: q.unreadable.iter().map(UnreadableJson::from).collect(),
        activity_overlaps: q.activity_overlaps,
        rows_after_month: a.rows_after_month,
        warnings: &q.warnings,
    }
}

/// Renders summary.json (pretty-printed, trailing newline).
pub fn render(analysis: &Analysis, quality: &Quality) -> Result<Vec<u8>, RenderError> {
    let linkage = &analysis.linkage;
    let summary = Summary {
        schema_version: SCHEMA_VERSION,
        month: analysis.month.to_string(),
        month_in_progress: analysis.window.in_progress(),
        data_through: analysis.window.through.to_string(),
        ssi_decimals: analysis.ssi_decimals,
        at_a_glance: GlanceJson::from(crate::analysis::glance::glance(analysis)),
        generator: concat!("ssi-pulse ", env!("CARGO_PKG_VERSION")),
        inputs: quality.inputs.iter().map(InputJson::from).collect(),
        metrics: &analysis.metrics,
        people: analysis
            .people
            .iter()
            .zip(&analysis.outlook)
            .map(|(p, o)| person(p, o, &analysis.metrics))
            .collect(),
        team: team(analysis),
        groups: groups_json(analysis),
        group: analysis
            .group
            .as_ref()
            .map(|(kind, name)| ReportGroupJson { kind, name }),
        analysis: AnalysisJson::from(analysis),
        linkage: linkage.rows.iter().map(LinkageJson::from).collect(),
        findings: findings(analysis),
        expectations: linkage
            .expectations
            .iter()
            .map(ExpectationJson::from)
            .collect(),
        models: linkage.models.iter().map(ModelJson::from).collect(),
        data_quality: data_quality(analysis, quality),
    };
    // Written into a buffer of its size, counted first: a large team's summary is a few hundred
    // megabytes, and a buffer grown by doubling holds up to three times that while it is copied.
    let mut size = ByteCount(0);
    serde_json::to_writer_pretty(&mut size, &summary)?;
    let mut bytes = Vec::with_capacity(size.0 + 1);
    serde_json::to_writer_pretty(&mut bytes, &summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A writer that only counts the bytes written to it.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
