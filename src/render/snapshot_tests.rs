//! Snapshot tests of the markdown report and summary.json rendered from a hand-built analysis result
//! (one person, two metrics, one rejected row whose text needs escaping).

use super::charts::ChartRef;
use crate::analysis::alerts::{self, Alert, AlertKind};
use crate::analysis::intervals::Logged;
use crate::analysis::linkage::{Association, LinkageRow, Support};
use crate::analysis::models::{DropReason, Dropped, Model, Term};
use crate::analysis::stats::FiveNumbers;
use crate::analysis::within::{Inference, Method};
use crate::analysis::{findings, forecast};
use crate::analysis::{
    Analysis, IntervalCounts, Linkage, Outlook, PersonMonth, PersonSeries, Settings, Snapshot,
    TeamSummary,
};
use crate::model::quality::{IgnoredTable, InputTable, Quality, RejectedRow};
use crate::model::schema::{Component, Peers, SsiColumn, SsiValues};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Values for `SsiColumn::CHANGES`, in that order.
fn changes(values: [f64; 7]) -> SsiValues {
    let mut out = SsiValues::default();
    for (c, v) in SsiColumn::CHANGES.into_iter().zip(values) {
        out.set(c, Some(v));
    }
    out
}

/// A spread whose five numbers are all `v`.
fn flat(v: f64) -> FiveNumbers {
    FiveNumbers {
        min: v,
        q1: v,
        median: v,
        q3: v,
        max: v,
    }
}

fn analysis() -> Analysis {
    let mut now = Snapshot {
        date: d("2025-10-27"),
        values: crate::model::schema::SsiValues::from_own([
            Some(57.0),
            Some(13.5),
            Some(14.2),
            Some(14.6),
            Some(14.7),
            Some(5.0),
            Some(4.0),
            Some(26.0),
            None,
        ]),
    };
    // The industry's components (26.0 in all); no network components.
    for (c, v) in Component::ALL.into_iter().zip([6.0, 7.5, 6.0, 6.5]) {
        now.values.set(Peers::Industry.component(c), Some(v));
    }
    let peers = crate::analysis::peers::compare(&now);
    let before = Snapshot {
        date: d("2025-09-29"),
        values: crate::model::schema::SsiValues::from_own([
            Some(54.0),
            Some(12.8),
            Some(13.5),
            Some(13.6),
            Some(14.1),
            Some(7.0),
            Some(6.0),
            Some(25.0),
            None,
        ]),
    };
    let mut a = Analysis {
        month: "2025-10".parse().unwrap(),
        window: crate::model::MonthWindow::whole("2025-10".parse().unwrap()),
        activity_window: crate::model::MonthWindow::whole("2025-10".parse().unwrap()),
        ssi_decimals: 0,
        metrics: vec!["posts".into(), "new_followers".into()],
        people: vec![PersonMonth {
            name: "Dana <Scully> | *QA*".into(),
            month_end: now.clone(),
            previous_month_end: Some(before.clone()),
            mom_change: changes([3.0, 0.7, 0.7, 1.0, 0.6, -2.0, -2.0]),
            weakest_component: Some(Component::Brand),
            snapshots_in_month: 2,
            activity_month: vec![Some(6.0), None],
            activity_previous_month: vec![Some(5.0), Some(12.0)],
            peers: peers.clone(),
        }],
        team: TeamSummary {
            peers,
            people: 1,
            median: changes([57.0, 13.5, 14.2, 14.6, 14.7, 5.0, 4.0]),
            median_change: changes([3.0, 0.7, 0.7, 1.0, 0.6, -2.0, -2.0]),
            weakest_component: Some(Component::Brand),
            component_spread: [
                Some(flat(13.5)),
                Some(flat(14.2)),
                Some(flat(14.6)),
                Some(flat(14.7)),
            ],
            ssi_up: 1,
            ssi_down: 0,
            ssi_held: 0,
            activity_month: vec![Some(6.0), None],
            activity_previous_month: vec![Some(5.0), Some(12.0)],
            activity_change: vec![Some(1.0), None],
            people_logging: vec![1, 0],
        },
        series: vec![PersonSeries {
            name: "Dana <Scully> | *QA*".into(),
            points: vec![before, now],
        }],
        team_periods: vec![],
        team_cadence: crate::analysis::Cadence::Weekly,
        rows_after_month: 2,
        settings: Settings::default(),
        linkage: linkage(),
        outlook: vec![],
        board: None,
        activity_weeks: vec![],
        groups: None,
        group: None,
    };
    let settings = Settings::default();
    let p = &a.people[0];
    let logged = vec![
        Some(Logged {
            total: 6.0,
            days: 28,
            weekly_rows: Some(4),
        }),
        Some(Logged {
            total: 160.0,
            days: 28,
            weekly_rows: Some(4),
        }),
    ];
    let rates = vec![Some(1.5), Some(40.0)];
    a.outlook = vec![Outlook {
        alerts: vec![Alert {
            kind: AlertKind::RankSlipping,
            message: "Industry rank slipped 2 points to top 5%.".into(),
            brief: "industry rank fell 2 points to top 5%".into(),
            value: 2.0,
            threshold: 2.0,
        }],
        within_noise: vec![alerts::QuietFall {
            alert: Alert {
                kind: AlertKind::Dropped,
                message: "SSI fell 3 points this month (the alert is for a fall of 3 or more)."
                    .into(),
                brief: "SSI fell 3 points this month".into(),
                value: -3.0,
                threshold: -3.0,
            },
            band: 4.1,
            days: 28,
            message: "SSI fell 3 points this month, within ±4.10 over 28 days".into(),
        }],
        wins: vec![],
        earlier_rates: vec![[Some(1.25), Some(1.0)], [None, None]],
        team_median_rates: vec![],
        activity_weeks: vec![],
        targets: alerts::targets(p, &a.metrics, &logged, &settings, false),
        recommendation: alerts::recommend(
            p,
            &a.metrics,
            &logged,
            &a.linkage,
            &settings,
            false,
            &alerts::Standing {
                own_before: vec![Some(1.0), None],
                ..Default::default()
            },
        ),
        forecast: forecast::forecast(&a.series[0], d("2025-10-31")),
        month_rates: rates,
        month_logged: logged,
    }];
    a
}

/// One supported expected link (posts -> brand) and one row with too few intervals.
fn linkage() -> Linkage {
    let row = |component, lag, stats: Association, q: Option<f64>, support| LinkageRow {
        only: None,
        metric: "posts".into(),
        component,
        lag,
        expected: component == Component::Brand,
        weeks: stats.n as f64,
        stats,
        q_value: q,
        support,
    };
    let strong = Association {
        n: 40,
        people: 1,
        pearson_r: Some(0.52),
        spearman_rho: Some(0.49),
        p_value: Some(0.0006),
        slope: Some(0.314),
        ci: Some((0.22, 0.40)),
        se: Some(0.045),
        df: Some(38.0),
        method: Some(crate::analysis::within::Method::Hac { lags: 3 }),
    };
    let thin = Association::counts(5, 1);
    let rows = vec![
        row(
            Component::Brand,
            0,
            strong,
            Some(0.0012),
            Some(Support::Supported),
        ),
        row(
            Component::Brand,
            1,
            thin,
            None,
            Some(Support::TooLittleData),
        ),
    ];
    let models = vec![Model {
        component: Component::Brand,
        n: 40,
        people: 1,
        df: 37,
        method: Some(Method::Hac { lags: 3 }),
        r2_within: Some(0.27),
        terms: vec![Term {
            metric: "posts".into(),
            coef: 0.301,
            estimate: Some(Inference {
                se: 0.08,
                t: 3.76,
                p_value: 0.0006,
                ci: (0.139, 0.463),
            }),
            q_value: Some(0.0006),
        }],
        dropped: vec![Dropped {
            metric: "new_followers".into(),
            reason: DropReason::SparselyLogged(0.25),
        }],
    }];
    Linkage {
        group_differences: Vec::new(),
        intervals: IntervalCounts {
            total: 44,
            used: 40,
            too_long: 1,
            no_activity: 3,
            thin_rates: 0,
        },
        findings: findings::findings(&rows, &models, 0.05),
        expectations: findings::expectations(&rows),
        models,
        drivers: vec![],
        rows,
    }
}

fn quality() -> Quality {
    Quality {
        inputs: vec![InputTable {
            path: "in/dana_tracker.xlsx".into(),
            sheet: Some("SSI".into()),
            table: crate::model::quality::TableKind::Ssi,
            header_row: Some(3),
            rows_read: 8,
            rows_used: 6,
            ssi_rows: 6,
            activity_rows: 0,
            rows_rejected: 1,
            rows_skipped: 1,
            summary_rows: 1,
            columns: vec![
                ("Date".into(), Some("date".into())),
                ("Brand | *score*".into(), Some("brand".into())),
                ("ssi".into(), Some("ssi".into())),
                ("Notes".into(), None),
            ],
        }],
        ignored: vec![IgnoredTable {
            path: "in/dana_tracker.xlsx".into(),
            sheet: Some("Notes".into()),
            reason: "no header row".into(),
        }],
        rejected: vec![RejectedRow {
            path: "in/dana_tracker.xlsx".into(),
            sheet: Some("SSI".into()),
            row: 8,
            column: Some("C".into()),
            header: Some("Brand | *score*".into()),
            raw: "26".into(),
            reason: "brand is 26, outside the valid range (between 0 and 25)".into(),
        }],
        skipped: vec![crate::model::quality::SkippedRow {
            rows: 1,
            path: "in/dana_tracker.xlsx".into(),
            sheet: Some("SSI".into()),
            row: 11,
            raw: "Average".into(),
            reason: "summary row".into(),
        }],
        unreadable: vec![],
        activity_overlaps: 0,
        warnings: vec![],
    }
}

#[test]
fn markdown_report_for_one_person() {
    let charts = vec![ChartRef {
        id: super::charts::ChartId::SsiTrend,
        title: "SSI over time".into(),
        alt: "SSI over time".into(),
        path: "charts/ssi_trend.png".into(),
    }];
    insta::assert_snapshot!(super::markdown::render(
        &analysis(),
        &quality(),
        &charts,
        &super::layout::Layout::default()
    ));
}

#[test]
fn summary_json_for_one_person() {
    let bytes = super::json::render(&analysis(), &quality()).unwrap();
    insta::assert_snapshot!(String::from_utf8(bytes).unwrap());
}
