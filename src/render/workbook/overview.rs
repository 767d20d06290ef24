//! The sheets of report.xlsx about people: Summary (the headline figures and the findings as sentences),
//! People (one row per person, a filterable table, with the leaderboard and the movers beside it),
//! Alerts, and Groups.

use super::cells::{self, Styles};
use super::native::{self, Column, Native};
use crate::analysis::Analysis;
use crate::model::schema::{Component, SsiColumn};
use crate::render::charts::{title_of, ChartId};
use rust_xlsxwriter::{
    ChartType, ConditionalFormat3ColorScale, ConditionalFormatType, Worksheet, XlsxError,
};

/// The People sheet's name.
pub const PEOPLE: &str = "People";
/// The Groups sheet's name.
pub const GROUPS: &str = "Groups";

/// The title, the headline figures, and the findings as sentences.
pub fn summary(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<(), XlsxError> {
    let title = crate::render::markdown::title(a, str::to_string);
    ws.write_string_with_format(0, 0, title, &styles.title)?;
    let team = &a.team;
    let median = if a.is_team() { "Median " } else { "" };
    let alerted = a.outlook.iter().filter(|o| !o.alerts.is_empty()).count();
    let figures: [(String, Option<f64>, &rust_xlsxwriter::Format); 7] = [
        ("People".into(), Some(a.people.len() as f64), &styles.whole),
        (
            format!("{median}SSI {}", a.window.at_end()),
            team.median.get(SsiColumn::Ssi),
            &styles.fixed,
        ),
        (
            format!(
                "{median}SSI change since the end of {}",
                a.month.previous().long_name()
            ),
            team.median_change.get(SsiColumn::Ssi),
            &styles.change,
        ),
        (
            format!("{median}industry rank (top %)"),
            team.median.get(SsiColumn::IndustryRankPct),
            &styles.fixed,
        ),
        (
            format!("{median}network rank (top %)"),
            team.median.get(SsiColumn::NetworkRankPct),
            &styles.fixed,
        ),
        (
            "People with an alert".into(),
            Some(alerted as f64),
            &styles.whole,
        ),
        ("Data through".into(), None, &styles.date),
    ];
    cells::text(ws, styles, (2, 0), "Month")?;
    cells::text(ws, styles, (2, 1), &a.month.to_string())?;
    for (k, (label, value, format)) in figures.iter().enumerate() {
        let row = 3 + k as u32;
        let mut label = label.clone();
        if let Some(first) = label.get(..1) {
            label = first.to_uppercase() + &label[1..];
        }
        cells::text(ws, styles, (row, 0), &label)?;
        cells::number(ws, (row, 1), *value, format)?;
    }
    cells::date(ws, styles, (9, 1), a.window.through)?;
    cells::text(ws, styles, (10, 0), "Weakest component")?;
    let weakest = team.weakest_component.map_or("", |c| c.label());
    cells::text(ws, styles, (10, 1), weakest)?;
    ws.write_string_with_format(12, 0, "Findings", &styles.header)?;
    let findings = &a.linkage.findings;
    if findings.is_empty() {
        let none = "No link between activity and score is clear enough to state.";
        cells::text(ws, styles, (13, 0), none)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let row = 13 + i as u32;
        ws.merge_range(row, 0, row, 1, "", &styles.wrapped)?;
        cells::text_in(
            ws,
            (row, 0),
            &f.text,
            &styles.wrapped,
            &styles.wrapped_quoted,
        )?;
        ws.set_row_height(row, 45)?;
    }
    ws.set_column_width(0, 60)?;
    ws.set_column_width(1, 40)?;
    Ok(())
}

/// The People sheet's columns.
pub const PEOPLE_HEADERS: [&str; 21] = [
    "Person",
    "Date",
    "SSI",
    "Brand",
    "People",
    "Insights",
    "Relationships",
    "Industry rank (top %)",
    "Network rank (top %)",
    "SSI change",
    "Brand change",
    "People change",
    "Insights change",
    "Relationships change",
    "Industry rank change",
    "Network rank change",
    "Weakest component",
    "Alerts",
    "Targets met",
    "Targets judged",
    "Group",
];

/// One row per person: month-end scores, ranks, changes since last month, the weakest component, alerts
/// and targets; filters, a frozen header and a colour scale on the changes. Beside it the leaderboard and
/// the movers as charted, for their charts.
pub fn people(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    cells::headers(ws, styles, 0, &PEOPLE_HEADERS)?;
    for (i, (p, o)) in a.people.iter().zip(&a.outlook).enumerate() {
        let row = i as u32 + 1;
        cells::text(ws, styles, (row, 0), &p.name)?;
        cells::date(ws, styles, (row, 1), p.month_end.date)?;
        for (c, column) in SsiColumn::CHANGES.iter().enumerate() {
            cells::number(
                ws,
                (row, 2 + c as u16),
                p.month_end.values.get(*column),
                &styles.fixed,
            )?;
            cells::number(ws, (row, 9 + c as u16), p.change(*column), &styles.change)?;
        }
        cells::text(
            ws,
            styles,
            (row, 16),
            p.weakest_component.map_or("", |c| c.label()),
        )?;
        ws.write_number_with_format(row, 17, o.alerts.len() as f64, &styles.whole)?;
        let met = o.targets.iter().filter(|t| t.met == Some(true)).count();
        let judged = o.targets.iter().filter(|t| t.met.is_some()).count();
        ws.write_number_with_format(row, 18, met as f64, &styles.whole)?;
        ws.write_number_with_format(row, 19, judged as f64, &styles.whole)?;
        if let Some(g) = &a.groups {
            cells::text(ws, styles, (row, 20), &g.of_person[i])?;
        }
    }
    let last = a.people.len() as u32;
    if last > 0 {
        ws.autofilter(0, 0, last, PEOPLE_HEADERS.len() as u16 - 1)?;
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum_color(native::colour(native::palette().down))
            .set_midpoint(ConditionalFormatType::Number, 0)
            .set_midpoint_color("FFFFFF")
            .set_maximum_color(native::colour(native::palette().up));
        ws.add_conditional_format(1, 9, last, 13, &scale)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 11)?;
    ws.set_column_range_width(2, 20, 12)?;
    board(ws, styles, a)
}

/// The leaderboard and the movers, rows as their charts show them: the leaderboard's SSI, and the
/// movers' rises and falls in columns of their own (so each has its colour).
fn board(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    use crate::render::charts::leaderboard::{MAX_ROWS, TOP_ROWS};
    const AT: u16 = 22;
    let Some(board) = &a.board else {
        return Ok(Vec::new());
    };
    let n = board.leaderboard.len();
    let charted: Vec<(&str, Vec<Option<f64>>)> = board
        .leaderboard
        .iter()
        .enumerate()
        .filter(|(i, _)| n <= MAX_ROWS || *i < TOP_ROWS || *i >= n - (MAX_ROWS - TOP_ROWS))
        .filter_map(|(_, s)| Some((s.name.as_str(), vec![Some(s.ssi?)])))
        .collect();
    let movers: Vec<(&str, Vec<Option<f64>>)> = board
        .rises
        .iter()
        .chain(&board.falls)
        .filter_map(|s| {
            let v = s.change?;
            let (rise, fall) = if v > 0.0 {
                (Some(v), None)
            } else {
                (None, Some(v))
            };
            Some((s.name.as_str(), vec![rise, fall]))
        })
        .collect();
    let pal = native::palette();
    let leaderboard = Bars {
        at: AT,
        headers: &["SSI"],
        colours: &[pal.ssi_line],
        id: ChartId::Leaderboard,
        format: &styles.fixed,
    };
    let moves = Bars {
        at: AT + 3,
        headers: &["Rise", "Fall"],
        colours: &[pal.up, pal.down],
        id: ChartId::Movers,
        format: &styles.change,
    };
    let mut out = Vec::new();
    out.extend(leaderboard.write(ws, styles, a, &charted)?);
    out.extend(moves.write(ws, styles, a, &movers)?);
    Ok(out)
}

/// A block of named bars beside the People table and its bar chart, the first row at the top.
struct Bars<'a> {
    /// The block's first column.
    at: u16,
    /// The value columns' headers, one series each.
    headers: &'a [&'a str],
    /// Each series' colour.
    colours: &'a [plotters::style::RGBColor],
    /// The chart it stands for.
    id: ChartId,
    /// The values' number format.
    format: &'a rust_xlsxwriter::Format,
}

impl Bars<'_> {
    fn write(
        &self,
        ws: &mut Worksheet,
        styles: &Styles,
        a: &Analysis,
        rows: &[(&str, Vec<Option<f64>>)],
    ) -> Result<Option<Native>, XlsxError> {
        ws.write_string_with_format(0, self.at, "Person", &styles.header)?;
        for (c, header) in self.headers.iter().enumerate() {
            ws.write_string_with_format(0, self.at + 1 + c as u16, *header, &styles.header)?;
        }
        for (i, (name, values)) in rows.iter().enumerate() {
            cells::text(ws, styles, (i as u32 + 1, self.at), name)?;
            for (c, v) in values.iter().enumerate() {
                cells::number(ws, (i as u32 + 1, self.at + 1 + c as u16), *v, self.format)?;
            }
        }
        ws.set_column_width(self.at, 24)?;
        if rows.is_empty() {
            return Ok(None);
        }
        let column = |col| Column {
            sheet: PEOPLE,
            first: 1,
            last: rows.len() as u32,
            col,
        };
        let mut chart = native::chart(ChartType::Bar);
        for (c, colour) in self.colours.iter().enumerate() {
            let values = column(self.at + 1 + c as u16);
            let fill = Some(native::colour(*colour));
            native::filled(&mut chart, column(self.at), values, fill).set_overlap(100);
        }
        native::upside_down(&mut chart);
        if self.headers.len() == 1 {
            chart.x_axis().set_min(0);
            chart.legend().set_hidden();
        } else {
            native::labels_low(chart.y_axis());
        }
        Ok(Some(Native {
            id: self.id,
            title: title_of(self.id, a),
            chart,
        }))
    }
}

/// Every alert, one row each, the people in the report's order.
pub fn alerts(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<(), XlsxError> {
    cells::headers(
        ws,
        styles,
        0,
        &["Person", "Alert", "Value", "Threshold", "Message"],
    )?;
    let mut row = 1;
    for (p, o) in a.people.iter().zip(&a.outlook) {
        for alert in &o.alerts {
            cells::text(ws, styles, (row, 0), &p.name)?;
            cells::text(ws, styles, (row, 1), alert.kind.key())?;
            cells::number(ws, (row, 2), Some(alert.value), &styles.fixed)?;
            cells::number(ws, (row, 3), Some(alert.threshold), &styles.fixed)?;
            cells::text(ws, styles, (row, 4), &alert.message)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(4, 90)?;
    Ok(())
}

/// The groups chart's rows, highest median SSI first: every group with a median, or with more than the
/// PNG's limit the highest and the lowest medians (people without a group always in), as the PNG keeps them, and a row
/// without a value saying how many lie between (the table at left lists every group).
fn chart_rows(g: &crate::analysis::groups::Groups) -> Vec<(String, Option<f64>)> {
    use crate::analysis::groups::NO_GROUP;
    use crate::render::charts::groups as chart;
    // As the PNG: groups with a median, the highest first, people without a group last among equals.
    let mut sorted: Vec<(&crate::analysis::groups::GroupRow, f64)> = g
        .rows
        .iter()
        .filter_map(|r| Some((r, r.median_ssi?)))
        .collect();
    sorted.sort_by(|(x, mx), (y, my)| {
        my.total_cmp(mx)
            .then_with(|| (x.name == NO_GROUP).cmp(&(y.name == NO_GROUP)))
    });
    let (sorted, between, gap_at) = chart::keep_ends(sorted, |(r, _)| r.name == NO_GROUP);
    let mut rows: Vec<(String, Option<f64>)> = sorted
        .iter()
        .map(|(r, median)| (r.name.clone(), Some(*median)))
        .collect();
    if let Some(at) = gap_at {
        let singular = crate::model::schema::group_label(g.kind);
        let line = chart::between_line(
            between,
            &singular,
            &chart::plural_label(g.kind),
            "the table at left",
        );
        rows.insert(at, (line, None));
    }
    rows
}

/// The groups' figures, as the report's Groups section gives them; the groups chart from their median
/// SSI, highest first.
pub fn groups(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<Vec<Native>, XlsxError> {
    let Some(g) = &a.groups else {
        return Ok(Vec::new());
    };
    let mut names = vec!["Group", "Members", "Median SSI", "Median change"];
    names.extend(Component::ALL.iter().map(|c| c.label()));
    names.extend(["Weakest component", "Alerts", "Figures only"]);
    cells::headers(ws, styles, 0, &names)?;
    for (i, r) in g.rows.iter().enumerate() {
        let row = i as u32 + 1;
        cells::text(ws, styles, (row, 0), &r.name)?;
        ws.write_number_with_format(row, 1, r.people as f64, &styles.whole)?;
        cells::number(ws, (row, 2), r.median_ssi, &styles.fixed)?;
        cells::number(ws, (row, 3), r.median_change, &styles.change)?;
        for (c, v) in r.components.iter().enumerate() {
            cells::number(ws, (row, 4 + c as u16), *v, &styles.fixed)?;
        }
        cells::text(ws, styles, (row, 8), r.weakest.map_or("", |c| c.label()))?;
        ws.write_number_with_format(row, 9, r.alerts as f64, &styles.whole)?;
        ws.write_boolean(row, 10, r.descriptive_only)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_freeze_panes(1, 1)?;
    if g.only_one().is_some() {
        return Ok(Vec::new());
    }
    const AT: u16 = 12;
    let chart_rows = chart_rows(g);
    ws.write_string_with_format(0, AT, "Group (by median SSI)", &styles.header)?;
    ws.write_string_with_format(0, AT + 1, "Median SSI", &styles.header)?;
    for (i, (name, median)) in chart_rows.iter().enumerate() {
        cells::text(ws, styles, (i as u32 + 1, AT), name)?;
        cells::number(ws, (i as u32 + 1, AT + 1), *median, &styles.fixed)?;
    }
    ws.set_column_width(AT, 24)?;
    let column = |col| Column {
        sheet: GROUPS,
        first: 1,
        last: chart_rows.len() as u32,
        col,
    };
    // The PNG draws each person as a dot; the native chart has the medians only.
    let title = crate::render::charts::groups::titled(a, g.kind, "the median of each");
    let mut chart = native::chart(ChartType::Bar);
    native::filled(
        &mut chart,
        column(AT),
        column(AT + 1),
        Some(native::colour(native::palette().ssi_line)),
    );
    native::upside_down(&mut chart);
    chart.x_axis().set_min(0);
    chart.legend().set_hidden();
    Ok(vec![Native {
        id: ChartId::Groups,
        title,
        chart,
    }])
}

#[cfg(test)]
mod tests {
    use crate::analysis::groups::{GroupRow, Groups, NO_GROUP};

    fn groups(medians: &[(&str, f64)]) -> Groups {
        Groups {
            kind: "team",
            kinds: vec!["team"],
            of_person: Vec::new(),
            rows: medians
                .iter()
                .map(|(name, median)| GroupRow {
                    name: name.to_string(),
                    people: 5,
                    median_ssi: Some(*median),
                    median_change: Some(0.0),
                    components: [None; 4],
                    weakest: None,
                    targets: Vec::new(),
                    alerts: 0,
                    descriptive_only: false,
                })
                .collect(),
            moves: Vec::new(),
            roster: false,
            roster_only: Vec::new(),
            not_in_roster: Vec::new(),
            roster_conflicts: Vec::new(),
        }
    }

    /// Forty teams and the people without one (median in the middle), listed in the table's order (by
    /// name): the chart keeps the 15 highest, the line about the 10 left out, the row without a group
    /// and the 15 lowest medians; three teams are charted whole.
    #[test]
    fn the_native_chart_keeps_the_ends_of_many_groups() {
        let names: Vec<String> = (0..40).map(|i| format!("T{i:02}")).collect();
        let mut medians: Vec<(&str, f64)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), 30.0 + i as f64))
            .collect();
        medians.push((NO_GROUP, 50.5));
        let rows = super::chart_rows(&groups(&medians));
        assert_eq!(rows.len(), 32);
        assert_eq!(rows[0], ("T39".to_string(), Some(69.0)));
        assert_eq!(rows[14], ("T25".to_string(), Some(55.0)));
        assert_eq!(
            rows[15],
            (
                "10 more teams between these, each in the table at left".to_string(),
                None
            )
        );
        assert_eq!(rows[16], (NO_GROUP.to_string(), Some(50.5)));
        assert_eq!(rows[17], ("T14".to_string(), Some(44.0)));
        assert_eq!(rows[31], ("T00".to_string(), Some(30.0)));
        let few = super::chart_rows(&groups(&[("A", 50.0), ("B", 60.0), ("C", 55.0)]));
        let names: Vec<&str> = few.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["B", "C", "A"]);
        // A group without a median (no member has a month-end SSI) has no bar and is not counted, as
        // on the PNG; people without a group come last among equal medians.
        let mut g = groups(&[(NO_GROUP, 55.0), ("A", 50.0), ("B", 55.0), ("C", 0.0)]);
        g.rows[3].median_ssi = None;
        let names: Vec<String> = super::chart_rows(&g).into_iter().map(|r| r.0).collect();
        assert_eq!(names, ["B", NO_GROUP, "A"]);
        let mut many = groups(&medians);
        for row in many.rows.iter_mut().take(5) {
            row.median_ssi = None;
        }
        let rows = super::chart_rows(&many);
        assert_eq!(rows.len(), 32);
        assert_eq!(
            rows[15].0,
            "5 more teams between these, each in the table at left"
        );
        assert_eq!(rows[31], ("T05".to_string(), Some(35.0)));
    }
}
