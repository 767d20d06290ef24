//! The sheets of report.xlsx that run over time, with their charts: Trend (the SSI and ranks by date:
//! a team's median and quartiles per period and each person's SSI, or one person's own series),
//! Components (each component by date, at the month's end, and against peers) and Activity (per week).

use super::cells::{self, Styles};
use super::native::{self, Column, Native};
use crate::analysis::Analysis;
use crate::model::schema::{metric_label, Component, SsiColumn};
use crate::render::charts::{title_of, ChartId};
use chrono::NaiveDate;
use rust_xlsxwriter::{ChartType, Worksheet, XlsxError};

/// The Trend sheet's name.
pub const TREND: &str = "Trend";
/// The Components sheet's name.
pub const COMPONENTS: &str = "Components";
/// The Activity sheet's name.
pub const ACTIVITY: &str = "Activity";

/// A column of a sheet's first table (header in row 0, data from row 1).
fn col(sheet: &str, col: u16, rows: usize) -> Column<'_> {
    Column {
        sheet,
        first: 1,
        last: rows as u32,
        col,
    }
}

/// Trend: per period (team) or per snapshot (one person), the SSI and both ranks; a team's sheet also
/// holds each person's SSI by date. Gives the SSI trend and ranks charts.
pub fn trend(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    let rows = if a.is_team() {
        team_trend(ws, styles, a)?
    } else {
        person_trend(ws, styles, a)?
    };
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 12)?;
    if rows == 0 {
        return Ok(Vec::new());
    }
    Ok(vec![trend_chart(a, rows), ranks_chart(a, rows)])
}

/// The SSI trend: a team's median over its middle half (an unfilled base at the lower quartile and the
/// band stacked on it), or a person's SSI with the peers' averages dashed.
fn trend_chart(a: &Analysis, rows: usize) -> Native {
    let pal = native::palette();
    let x = col(TREND, 0, rows);
    let mut lines = native::chart(ChartType::Line);
    let mut chart = if a.is_team() {
        let mut band = native::chart(ChartType::AreaStacked);
        native::filled(&mut band, x, col(TREND, 3, rows), None);
        let fill = Some(native::colour(pal.iqr_band));
        native::filled(&mut band, x, col(TREND, 7, rows), fill);
        let median = native::colour(pal.ssi_line);
        native::line(&mut lines, x, col(TREND, 4, rows), median, 2.5, false);
        band.combine(&lines);
        band.legend().delete_entries(&[0]);
        band
    } else {
        let ssi = native::colour(pal.ssi_line);
        native::line(&mut lines, x, col(TREND, 1, rows), ssi, 2.5, false);
        // The peers' averages when the data hold them.
        let held = |c: SsiColumn| {
            a.series
                .iter()
                .flat_map(|s| &s.points)
                .any(|p| p.values.get(c).is_some())
        };
        for (c, column, colour) in [
            (2, SsiColumn::IndustryAvg, pal.industry),
            (3, SsiColumn::NetworkAvg, pal.network),
        ] {
            if held(column) {
                let y = col(TREND, c, rows);
                native::line(&mut lines, x, y, native::colour(colour), 1.5, true);
            }
        }
        lines
    };
    let (first, last) = span(a);
    native::date_axis(&mut chart, first, last);
    chart
        .y_axis()
        .set_name("Total SSI (out of 100)")
        .set_min(y_floor(a))
        .set_max(100);
    Native {
        id: ChartId::SsiTrend,
        title: title_of(ChartId::SsiTrend, a),
        chart,
    }
}

/// The bottom of the SSI axis: ten points under the lowest value drawn, in tens (as the PNG chart).
fn y_floor(a: &Analysis) -> f64 {
    let low = if a.is_team() {
        a.team_periods
            .iter()
            .map(|p| p.ssi.q1)
            .fold(f64::INFINITY, f64::min)
    } else {
        a.series
            .iter()
            .flat_map(|s| &s.points)
            .flat_map(|p| {
                [
                    SsiColumn::Ssi,
                    SsiColumn::IndustryAvg,
                    SsiColumn::NetworkAvg,
                ]
                .map(|c| p.values.get(c))
            })
            .flatten()
            .fold(f64::INFINITY, f64::min)
    };
    if low.is_finite() {
        ((low / 10.0).floor() * 10.0 - 10.0).max(0.0)
    } else {
        0.0
    }
}

/// Industry and network rank over time (a team's medians), the best at the top.
fn ranks_chart(a: &Analysis, rows: usize) -> Native {
    let pal = native::palette();
    let x = col(TREND, 0, rows);
    let at = if a.is_team() { 8 } else { 4 };
    let mut chart = native::chart(ChartType::Line);
    for (c, colour) in [(at, pal.industry), (at + 1, pal.network)] {
        native::line(
            &mut chart,
            x,
            col(TREND, c, rows),
            native::colour(colour),
            2.0,
            false,
        );
    }
    let (first, last) = span(a);
    native::date_axis(&mut chart, first, last);
    native::upside_down(&mut chart);
    chart.y_axis().set_name("Top % of people (lower is better)");
    Native {
        id: ChartId::Ranks,
        title: title_of(ChartId::Ranks, a),
        chart,
    }
}

/// The first and last dates of the trend.
fn span(a: &Analysis) -> (NaiveDate, NaiveDate) {
    let days: Vec<NaiveDate> = if a.is_team() {
        a.team_periods.iter().map(|p| p.start).collect()
    } else {
        a.series
            .first()
            .map_or(Vec::new(), |s| s.points.iter().map(|p| p.date).collect())
    };
    let first = days.first().copied().unwrap_or(a.window.through);
    (first, days.last().copied().unwrap_or(first))
}

/// A team's periods: people, the five numbers of SSI, the band, the rank medians; then each person's SSI
/// by date beside them. Returns the number of periods.
fn team_trend(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<usize, XlsxError> {
    cells::headers(
        ws,
        styles,
        0,
        &[
            "Period start",
            "People",
            "Minimum",
            "Lower quartile",
            "Median",
            "Upper quartile",
            "Maximum",
            "Middle half",
            "Industry rank median (top %)",
            "Network rank median (top %)",
        ],
    )?;
    for (i, p) in a.team_periods.iter().enumerate() {
        let row = i as u32 + 1;
        cells::date(ws, styles, (row, 0), p.start)?;
        ws.write_number_with_format(row, 1, p.people as f64, &styles.whole)?;
        let f = &p.ssi;
        for (c, v) in [f.min, f.q1, f.median, f.q3, f.max].into_iter().enumerate() {
            cells::number(ws, (row, 2 + c as u16), Some(v), &styles.fixed)?;
        }
        // The band the chart stacks on the lower quartile: a formula, so correcting a quartile moves it.
        let band = rust_xlsxwriter::Formula::new(format!("=F{0}-D{0}", row + 1))
            .set_result((f.q3 - f.q1).to_string());
        ws.write_formula_with_format(row, 7, band, &styles.fixed)?;
        cells::number(ws, (row, 8), p.rank_medians[0], &styles.fixed)?;
        cells::number(ws, (row, 9), p.rank_medians[1], &styles.fixed)?;
    }
    people_by_date(ws, styles, a, 11)?;
    Ok(a.team_periods.len())
}

/// Each person's SSI by date, a column per person, from column `at`.
fn people_by_date(
    ws: &mut Worksheet,
    styles: &Styles,
    a: &Analysis,
    at: u16,
) -> Result<(), XlsxError> {
    let mut days: Vec<NaiveDate> = a
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.date))
        .collect();
    days.sort_unstable();
    days.dedup();
    // A sheet has 16,384 columns: the first people fill them.
    let shown = a.series.len().min(16_000 - at as usize);
    ws.write_string_with_format(0, at, "Date", &styles.header)?;
    for (i, day) in days.iter().enumerate() {
        cells::date(ws, styles, (i as u32 + 1, at), *day)?;
    }
    for (k, s) in a.series.iter().take(shown).enumerate() {
        let c = at + 1 + k as u16;
        cells::headers_at(ws, styles, (0, c), &s.name)?;
        for p in &s.points {
            if let Ok(i) = days.binary_search(&p.date) {
                cells::number(
                    ws,
                    (i as u32 + 1, c),
                    p.values.get(SsiColumn::Ssi),
                    &styles.fixed,
                )?;
            }
        }
    }
    Ok(())
}

/// One person's snapshots: SSI, the peers' averages, both ranks. Returns the number of snapshots.
fn person_trend(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<usize, XlsxError> {
    let columns = [
        SsiColumn::Ssi,
        SsiColumn::IndustryAvg,
        SsiColumn::NetworkAvg,
        SsiColumn::IndustryRankPct,
        SsiColumn::NetworkRankPct,
    ];
    cells::headers(
        ws,
        styles,
        0,
        &[
            "Date",
            "SSI",
            "Industry average SSI",
            "Network average SSI",
            "Industry rank (top %)",
            "Network rank (top %)",
        ],
    )?;
    let points = a.series.first().map_or(&[][..], |s| &s.points[..]);
    for (i, p) in points.iter().enumerate() {
        let row = i as u32 + 1;
        cells::date(ws, styles, (row, 0), p.date)?;
        for (c, column) in columns.iter().enumerate() {
            cells::number(
                ws,
                (row, 1 + c as u16),
                p.values.get(*column),
                &styles.fixed,
            )?;
        }
    }
    Ok(points.len())
}

/// Components: each component by date (a team's period medians, or the person's own), the month's end
/// and change, and the peers. Gives the components, component change and peer comparison charts.
pub fn components(
    ws: &mut Worksheet,
    styles: &Styles,
    a: &Analysis,
) -> Result<Vec<Native>, XlsxError> {
    let mut names = vec![if a.is_team() { "Period start" } else { "Date" }];
    names.extend(Component::ALL.iter().map(|c| c.label()));
    cells::headers(ws, styles, 0, &names)?;
    let rows: Vec<(NaiveDate, [Option<f64>; 4])> = if a.is_team() {
        a.team_periods
            .iter()
            .map(|p| {
                (
                    p.start,
                    p.component_medians.map_or([None; 4], |m| m.map(Some)),
                )
            })
            .collect()
    } else {
        a.series.first().map_or(Vec::new(), |s| {
            s.points
                .iter()
                .map(|p| {
                    (
                        p.date,
                        Component::ALL.map(|c| p.values.get(SsiColumn::from(c))),
                    )
                })
                .collect()
        })
    };
    for (i, (day, values)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        cells::date(ws, styles, (row, 0), *day)?;
        for (c, v) in values.iter().enumerate() {
            cells::number(ws, (row, 1 + c as u16), *v, &styles.fixed)?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 12)?;
    let mut out = Vec::new();
    if !rows.is_empty() {
        let kind = if a.is_team() {
            ChartType::Line
        } else {
            ChartType::AreaStacked
        };
        let mut chart = native::chart(kind);
        let x = col(COMPONENTS, 0, rows.len());
        for (c, k) in Component::ALL.iter().enumerate() {
            let y = col(COMPONENTS, 1 + c as u16, rows.len());
            if a.is_team() {
                native::line(&mut chart, x, y, native::component(*k), 2.0, false);
            } else {
                native::filled(&mut chart, x, y, Some(native::component(*k)));
            }
        }
        native::date_axis(&mut chart, rows[0].0, rows[rows.len() - 1].0);
        chart.y_axis().set_name("Points");
        out.push(Native {
            id: ChartId::Components,
            title: title_of(ChartId::Components, a),
            chart,
        });
    }
    out.extend(month_end(ws, styles, a)?);
    Ok(out)
}

/// The month's end per component (value and change; a team's spread), and the peers, beside the series.
fn month_end(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    const AT: u16 = 7;
    let team = a.is_team();
    let mut names = vec![
        "Component",
        if team {
            "Median at month end"
        } else {
            "At month end"
        },
        if team { "Median change" } else { "Change" },
    ];
    if team {
        names.extend([
            "Minimum",
            "Lower quartile",
            "Median",
            "Upper quartile",
            "Maximum",
        ]);
    }
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, AT + c as u16, *name, &styles.header)?;
    }
    let person = a.people.first();
    for (i, k) in Component::ALL.iter().enumerate() {
        let row = i as u32 + 1;
        let column = SsiColumn::from(*k);
        let (value, change) = if team {
            (a.team.median.get(column), a.team.median_change.get(column))
        } else {
            (
                person.and_then(|p| p.month_end.values.get(column)),
                person.and_then(|p| p.change(column)),
            )
        };
        cells::text(ws, styles, (row, AT), k.label())?;
        cells::number(ws, (row, AT + 1), value, &styles.fixed)?;
        cells::number(ws, (row, AT + 2), change, &styles.change)?;
        if let Some(f) = a.team.component_spread[i].as_ref().filter(|_| team) {
            for (c, v) in [f.min, f.q1, f.median, f.q3, f.max].into_iter().enumerate() {
                cells::number(ws, (row, AT + 3 + c as u16), Some(v), &styles.fixed)?;
            }
        }
    }
    ws.set_column_width(AT, 34)?;
    let x = col(COMPONENTS, AT, 4);
    let mut change = native::chart(ChartType::Column);
    native::filled(
        &mut change,
        x,
        col(COMPONENTS, AT + 2, 4),
        Some(native::colour(native::palette().ssi_line)),
    );
    change.legend().set_hidden();
    native::labels_low(change.x_axis());
    change.y_axis().set_name("Points");
    let mut out = vec![Native {
        id: ChartId::ComponentChange,
        title: title_of(ChartId::ComponentChange, a),
        chart: change,
    }];
    out.extend(peers(ws, styles, a)?);
    Ok(out)
}

/// The components against industry and network peers (a team's medians), when the data hold them.
fn peers(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    const AT: u16 = 16;
    let cmp = if a.is_team() {
        a.team.peers.as_ref()
    } else {
        a.people.first().and_then(|p| p.peers.as_ref())
    };
    let Some(cmp) = cmp else {
        return Ok(Vec::new());
    };
    let own = if a.is_team() { "Team median" } else { "You" };
    for (c, name) in ["Component", own, "Industry peers", "Network peers"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, AT + c as u16, *name, &styles.header)?;
    }
    for (i, k) in Component::ALL.iter().enumerate() {
        let row = i as u32 + 1;
        cells::text(ws, styles, (row, AT), k.label())?;
        cells::number(ws, (row, AT + 1), cmp.own[i], &styles.fixed)?;
        cells::number(ws, (row, AT + 2), cmp.industry.components[i], &styles.fixed)?;
        cells::number(ws, (row, AT + 3), cmp.network.components[i], &styles.fixed)?;
    }
    ws.set_column_width(AT, 34)?;
    let pal = native::palette();
    let x = col(COMPONENTS, AT, 4);
    let mut chart = native::chart(ChartType::Column);
    for (c, colour) in [(1, pal.ssi_line), (2, pal.industry), (3, pal.network)] {
        native::filled(
            &mut chart,
            x,
            col(COMPONENTS, AT + c, 4),
            Some(native::colour(colour)),
        );
    }
    chart.y_axis().set_name("Points (out of 25)");
    Ok(vec![Native {
        id: ChartId::PeerComparison,
        title: title_of(ChartId::PeerComparison, a),
        chart,
    }])
}

/// Activity: per week, the people logging and each metric per person per week, and each target. Gives
/// the activity chart.
pub fn activity(
    ws: &mut Worksheet,
    styles: &Styles,
    a: &Analysis,
) -> Result<Vec<Native>, XlsxError> {
    let targets: Vec<(usize, f64)> = a
        .metrics
        .iter()
        .enumerate()
        .filter_map(|(i, m)| a.settings.targets.per_week.get(m).map(|t| (i, *t)))
        .collect();
    ws.write_string_with_format(0, 0, "Week starting", &styles.header)?;
    ws.write_string_with_format(0, 1, "People logging", &styles.header)?;
    for (i, m) in a.metrics.iter().enumerate() {
        cells::headers_at(
            ws,
            styles,
            (0, 2 + i as u16),
            &format!("{} per week", metric_label(m)),
        )?;
    }
    let target_at = 2 + a.metrics.len() as u16;
    for (k, (i, _)) in targets.iter().enumerate() {
        cells::headers_at(
            ws,
            styles,
            (0, target_at + k as u16),
            &format!("Target: {} per week", metric_label(&a.metrics[*i])),
        )?;
    }
    let weeks = &a.activity_weeks;
    for (w, week) in weeks.iter().enumerate() {
        let row = w as u32 + 1;
        cells::date(ws, styles, (row, 0), week.start)?;
        ws.write_number_with_format(row, 1, week.people as f64, &styles.whole)?;
        for (i, v) in week.rates.iter().enumerate() {
            cells::number(ws, (row, 2 + i as u16), *v, &styles.fixed)?;
        }
        for (k, (_, t)) in targets.iter().enumerate() {
            cells::number(ws, (row, target_at + k as u16), Some(*t), &styles.fixed)?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 12)?;
    Ok(activity_charts(a, &targets, target_at))
}

/// The activity charts: one per metric the PNG chart shows a panel for (`activity::panel_metrics`), each
/// on its own scale as the panels are, the weeks as columns and the target as a dashed line.
fn activity_charts(a: &Analysis, targets: &[(usize, f64)], target_at: u16) -> Vec<Native> {
    let weeks = &a.activity_weeks;
    if weeks.is_empty() {
        return Vec::new();
    }
    let pal = native::palette();
    let x = col(ACTIVITY, 0, weeks.len());
    let title = title_of(ChartId::Activity, a);
    crate::render::charts::activity::panel_metrics(a)
        .into_iter()
        .map(|m| {
            let mut chart = native::chart(ChartType::Column);
            let rates = col(ACTIVITY, 2 + m as u16, weeks.len());
            native::filled(&mut chart, x, rates, Some(native::colour(pal.ssi_line)));
            if let Some(k) = targets.iter().position(|(i, _)| *i == m) {
                let mut target = native::chart(ChartType::Line);
                let line = col(ACTIVITY, target_at + k as u16, weeks.len());
                native::line(
                    &mut target,
                    x,
                    line,
                    native::colour(pal.industry),
                    2.0,
                    true,
                );
                chart.combine(&target);
            }
            // Weeks as categories, so each week's column stands on its own.
            chart.x_axis().set_text_axis(true).set_num_format("d mmm");
            chart.y_axis().set_name("Per person per week").set_min(0);
            Native {
                id: ChartId::Activity,
                title: format!("{title}: {} per week", metric_label(&a.metrics[m])),
                chart,
            }
        })
        .collect()
}
