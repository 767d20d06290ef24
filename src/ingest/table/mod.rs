//! Turns one sheet's cell grid into typed rows, in stages that hand each other named types: `header`
//! finds the header row, `columns` maps it to a column plan (a typed role per column, SSI values by
//! `SsiColumn`), `planned` reads the table's conventions and starts each data row with its date and
//! person, `rows` numbers and classifies the rows (blank, summary, data), and the `wide` or `long` layout
//! reads the data rows into candidates that the `sink` validates, counts and emits. Every row is used,
//! skipped as blank or as a summary row, or rejected with a reason; the two layouts share every stage but
//! their own reading of a data row.

mod columns;
mod findings;
mod header;
mod long;
mod planned;
mod ranks;
mod roster;
mod rows;
mod sink;
mod wide;

pub use crate::model::quality::TableKind;
pub use findings::{
    ColumnMapping, Rejection, RowTally, SheetFindings, SheetRows, Skip, SkipReason, Withdrawal,
    Withdrawn,
};
pub use header::HEADER_SEARCH_ROWS;
pub use planned::{future_reason, SheetContext};

use crate::ingest::grid::Sheet;
use columns::{ColumnPlan, Role};
use planned::{DateSource, PlannedSheet};
use rows::{DataRows, RowNumbering};
use sink::RowSink;

/// Reads one sheet: what was found in it and the rows it gives.
pub fn read_sheet(sheet: &Sheet, ctx: &SheetContext<'_>) -> (SheetFindings, SheetRows) {
    let named = name_date(sheet, ctx);
    let header_idx = match header::locate(sheet, ctx.headers, named.is_some()) {
        Ok(i) => i,
        // A sheet of people and their groups, even a hidden one, is a roster.
        Err(none) => {
            return roster::read(sheet, ctx)
                .unwrap_or_else(|| (none.findings(), SheetRows::default()))
        }
    };
    let numbering = RowNumbering::new(&sheet.grid, ctx.row_numbers);
    let (plan, columns) = ColumnPlan::map(&sheet.grid, header_idx, ctx.headers);
    let mut findings = SheetFindings {
        kind: plan.kind(),
        header_row: Some(numbering.line(header_idx)),
        columns,
        ..SheetFindings::empty()
    };
    let has_ssi = plan.roles.iter().any(|r| matches!(r, Role::Ssi(_)));
    let date = match (plan.find(Role::Date), named) {
        (Some(col), _) => DateSource::Column(col),
        (None, Some((date, from))) if has_ssi => {
            findings.notes.push(format!(
                "no date column: every row is dated {date}, from {from}"
            ));
            DateSource::Named(date)
        }
        (None, _) => {
            findings.kind = TableKind::Ignored;
            findings.ignored_reason = Some("no date column".into());
            return (findings, SheetRows::default());
        }
    };
    let long = plan.long_columns();
    if long.is_some() {
        findings.kind = TableKind::Ssi;
    }
    let rows = DataRows::below(&sheet.grid, header_idx, numbering);
    let conventions = planned::conventions(sheet, &rows, date, ctx, &mut findings);
    let person_col = plan.find(Role::Person);
    let default_person = match person_col {
        None => sheet_person(sheet, header_idx, ctx, &mut findings),
        Some(_) => ctx.default_person.to_string(),
    };
    let table = PlannedSheet {
        ctx,
        person_col,
        default_person,
        plan,
        date,
        conventions,
        rows,
    };
    let sink = RowSink::new(sheet, findings);
    match long {
        Some(long) => long::read(&table, long, sink),
        None => wide::read(&table, sink),
    }
}
/// The person of a table with no person column: the one name its title rows give (noted when it is not
/// the file's or sheet's own), else the context's default.
fn sheet_person(
    sheet: &Sheet,
    header_idx: usize,
    ctx: &SheetContext<'_>,
    findings: &mut SheetFindings,
) -> String {
    let default = ctx.default_person.to_string();
    if !ctx.title_names {
        return default;
    }
    let mut names: Vec<String> = sheet.grid.rows[..header_idx]
        .iter()
        .flatten()
        .filter_map(|cell| match cell {
            crate::ingest::grid::Cell::Text(t) => crate::ingest::person::title_name(t),
            _ => None,
        })
        .collect();
    names.dedup();
    match names.as_slice() {
        [name] if *name != default => {
            findings.notes.push(format!(
                "the rows are {name}'s, as the title row names them (not '{default}')"
            ));
            name.clone()
        }
        _ => default,
    }
}

/// The date a sheet's name gives (`Oct 2026`, `2026-10`, `31.10.2026`: a month as its first day), else
/// the one its file's name is stamped with, and where it comes from; for SSI tables with no date column.
fn name_date(sheet: &Sheet, ctx: &SheetContext<'_>) -> Option<(chrono::NaiveDate, String)> {
    let from_sheet = sheet.name.as_deref().and_then(|name| {
        let date = crate::ingest::values::parse_date_text(
            name,
            crate::ingest::values::DateOrder::DayFirst,
        )?;
        Some((date, format!("the sheet name '{}'", name.trim())))
    });
    from_sheet.or_else(|| ctx.file_date.map(|d| (d, "the file name".to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Cell;
    use crate::ingest::headers::HeaderMap;
    use crate::model::schema::SsiColumn;
    use chrono::NaiveDate;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn n(v: f64) -> Cell {
        Cell::Number(v)
    }

    fn ctx(person: &str) -> SheetContext<'_> {
        SheetContext {
            default_person: person,
            source: 0,
            row_numbers: None,
            date_order: None,
            headers: &NO_MAPPINGS,
            as_of: None,
            decimal_comma_hint: None,
            file_date: None,
            title_names: true,
        }
    }

    static NO_MAPPINGS: std::sync::LazyLock<HeaderMap> =
        std::sync::LazyLock::new(HeaderMap::default);

    fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet::at_a1(Some("SSI".into()), rows)
    }

    #[test]
    fn a_wide_tables_rows_are_held_in_exactly_the_room_they_need() {
        let mut cells = vec![vec![t("Date"), t("SSI"), t("Posts"), t("Team")]];
        for week in 0..37 {
            let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Days::new(7 * week);
            cells.push(vec![t(&date.to_string()), n(50.0), n(2.0), t("East")]);
        }
        let (_, rows) = read_sheet(&sheet(cells), &ctx("Alex"));
        let activity = rows.activity.unwrap();
        assert_eq!((rows.ssi.len(), rows.ssi.capacity()), (37, 37));
        assert_eq!((activity.rows.len(), activity.rows.capacity()), (37, 37));
        assert_eq!(
            (rows.memberships.len(), rows.memberships.capacity()),
            (37, 37)
        );
        // Dated rows with nothing in them yet, and blank rows, make no room; room made for rows that
        // are all refused is given back.
        let mut cells = vec![vec![t("Date"), t("SSI"), t("Team")]];
        cells.push(vec![t("2026-01-05"), n(50.0)]);
        for _ in 0..40 {
            cells.push(vec![t("2026-01-12")]);
            cells.push(vec![]);
        }
        cells.push(vec![t("2026-01-19"), n(51.0)]);
        let (_, rows) = read_sheet(&sheet(cells), &ctx("Alex"));
        assert_eq!((rows.ssi.len(), rows.ssi.capacity()), (2, 2));
        let mut cells = vec![vec![t("Date"), t("SSI")]];
        cells.extend((0..30).map(|_| vec![t("not a date"), n(50.0)]));
        let (f, rows) = read_sheet(&sheet(cells), &ctx("Alex"));
        assert_eq!((f.rows_read, f.rows_used), (30, 0));
        assert_eq!((rows.ssi.len(), rows.ssi.capacity()), (0, 0));
    }

    #[test]
    fn finds_header_below_title_rows_and_reads_ranks() {
        let s = sheet(vec![
            vec![t("My SSI tracker")],
            vec![],
            vec![t("Date"), t("SSI"), t("Industry rank"), t("Network rank")],
            vec![t("2025-10-06"), n(61.0), t("Top 2%"), n(0.03)],
            vec![t("2025-10-13"), n(62.0), t("3%"), n(0.5 / 100.0)],
            vec![t("Average"), n(61.5)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("Alex"));
        assert_eq!(f.header_row, Some(3));
        assert_eq!(f.kind, TableKind::Ssi);
        assert_eq!(f.rows_read, 3);
        assert_eq!(f.summary_rows, 1);
        assert_eq!(f.rows_used, 2);
        assert_eq!(
            rows.ssi[0].values.get(SsiColumn::IndustryRankPct),
            Some(2.0)
        );
        assert!((rows.ssi[0].values.get(SsiColumn::NetworkRankPct).unwrap() - 3.0).abs() < 1e-9);
        assert_eq!(
            rows.ssi[1].values.get(SsiColumn::IndustryRankPct),
            Some(3.0)
        );
        assert!((rows.ssi[1].values.get(SsiColumn::NetworkRankPct).unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(rows.ssi[0].person, "Alex");
        assert_eq!(rows.ssi[0].origin.row, 4);
    }

    #[test]
    fn summary_rows_are_recognised_even_with_a_date() {
        let s = sheet(vec![
            vec![t("Person"), t("Date"), t("SSI")],
            vec![t("Ann"), t("2025-10-15"), n(54.0)],
            vec![t("Max Total"), t("2025-10-15"), n(60.0)],
            vec![t("Team average"), t("2025-10-15"), n(57.0)],
            vec![t("Grand total:"), Cell::Empty, n(114.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("x"));
        assert_eq!(f.summary_rows, 2);
        assert_eq!(rows.ssi.len(), 2);
        assert_eq!(rows.ssi[1].person, "Max Total");
    }

    #[test]
    fn iso_weeks_are_read_as_their_monday_and_the_notes_say_so() {
        let s = sheet(vec![
            vec![t("Week"), t("SSI")],
            vec![t("2026-W18"), n(61.0)],
            vec![t("Week 19, 2026"), n(62.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("A"));
        // 27 April and 4 May 2026 are the Mondays of ISO weeks 18 and 19 (a calendar shows it).
        assert_eq!(
            rows.ssi[0].date,
            NaiveDate::from_ymd_opt(2026, 4, 27).unwrap()
        );
        assert_eq!(
            rows.ssi[1].date,
            NaiveDate::from_ymd_opt(2026, 5, 4).unwrap()
        );
        assert_eq!(
            f.notes,
            ["column A ('Week'): weeks are read as their Monday ('2026-W18' is 27 April 2026)"]
        );
    }

    #[test]
    fn a_rank_column_of_fractions_may_reach_one() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Industry rank"), t("Network rank")],
            vec![t("2025-10-06"), n(61.0), n(0.02), n(1.0)],
            vec![t("2025-10-13"), n(62.0), n(1.0), n(1.0)],
        ]);
        let (_, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(
            rows.ssi[0].values.get(SsiColumn::IndustryRankPct),
            Some(2.0)
        );
        assert_eq!(
            rows.ssi[1].values.get(SsiColumn::IndustryRankPct),
            Some(100.0)
        );
        // A column of nothing but 1 is top 1%.
        assert_eq!(rows.ssi[0].values.get(SsiColumn::NetworkRankPct), Some(1.0));
    }

    #[test]
    fn plain_rank_numbers_above_one_are_percent() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Industry rank")],
            vec![t("2025-10-06"), n(61.0), n(2.0)],
            vec![t("2025-10-13"), n(62.0), n(0.5)],
        ]);
        let (_, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(
            rows.ssi[0].values.get(SsiColumn::IndustryRankPct),
            Some(2.0)
        );
        assert_eq!(
            rows.ssi[1].values.get(SsiColumn::IndustryRankPct),
            Some(0.5)
        );
    }

    #[test]
    fn rejected_rows_name_row_column_and_reason() {
        let s = sheet(vec![
            vec![t("Date"), t("SSI"), t("Brand")],
            vec![t("2025-10-06"), n(61.0), n(26.0)],
            vec![t("not a date"), n(61.0), n(20.0)],
            vec![t("2025-10-20"), t("sixty"), n(20.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("A"));
        assert!(rows.ssi.is_empty());
        assert_eq!(f.rejections.len(), 3);
        assert_eq!(f.rejections[0].location.to_string(), "'SSI'!C2 ('Brand')");
        assert!(f.rejections[0].reason.contains("outside the valid range"));
        assert_eq!(f.rejections[1].location.col, Some(0));
        assert!(f.rejections[2].reason.contains("'sixty' is not a number"));
    }

    #[test]
    fn activity_sheet_keeps_unknown_numeric_columns() {
        let s = sheet(vec![
            vec![
                t("Week starting"),
                t("Posts"),
                t("Coffee chats"),
                t("Notes"),
            ],
            vec![t("2025-10-06"), n(2.0), n(14.0), t("conference")],
            vec![t("2025-10-13"), n(1.0), n(9.0)],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("A"));
        assert_eq!(f.kind, TableKind::Activity);
        let table = rows.activity.unwrap();
        assert_eq!(table.metrics, vec!["posts", "coffee_chats"]);
        assert_eq!(table.rows[1].values, vec![Some(1.0), Some(9.0)].into());
    }

    #[test]
    fn group_columns_give_memberships_and_a_time_column_of_clock_times_is_no_team() {
        // "Equipe" (Portuguese team) and "Región" (Spanish region) name groups.
        let s = sheet(vec![
            vec![t("Nome"), t("Data"), t("SSI"), t("Equipe"), t("Región")],
            vec![t("Ana"), t("2025-10-06"), n(61.0), t(" Norte "), t("Sul")],
            vec![t("Bia"), t("2025-10-06"), n(55.0), Cell::Empty, t("Sul")],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("x"));
        let mapped: Vec<Option<&str>> = f.columns.iter().map(|c| c.canonical.as_deref()).collect();
        assert_eq!(
            mapped,
            [
                Some("person"),
                Some("date"),
                Some("ssi"),
                Some("team"),
                Some("region")
            ]
        );
        let got: Vec<(&str, &str, &str)> = rows
            .memberships
            .iter()
            .map(|m| (m.person.as_str(), m.kind, m.group.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ana", "team", "Norte"),
                ("Ana", "region", "Sul"),
                ("Bia", "region", "Sul")
            ]
        );
        assert_eq!(
            rows.memberships[0].date,
            NaiveDate::from_ymd_opt(2025, 10, 6)
        );
        // "Time" holding clock times is an English time of day, not Portuguese "time" (team).
        let s = sheet(vec![
            vec![t("Name"), t("Date"), t("SSI"), t("Time")],
            vec![t("Ana"), t("2025-10-06"), n(61.0), t("09:30")],
        ]);
        let (f, rows) = read_sheet(&s, &ctx("x"));
        assert_eq!(f.columns[3].canonical, None);
        assert_eq!(
            f.columns[3].note.as_deref(),
            Some("its header says team, but it holds 09:30, not names")
        );
        assert!(rows.memberships.is_empty());
    }

    #[test]
    fn sheet_without_date_column_is_ignored_with_reason() {
        let s = sheet(vec![vec![t("SSI"), t("Brand")], vec![n(60.0), n(20.0)]]);
        let (f, _) = read_sheet(&s, &ctx("A"));
        assert_eq!(f.kind, TableKind::Ignored);
        assert!(f.ignored_reason.unwrap().contains("no date column"));
    }

    fn any_cell() -> impl proptest::strategy::Strategy<Value = Cell> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Cell::Empty),
            (-10.0f64..120.0).prop_map(|v| Cell::Number((v * 100.0).round() / 100.0)),
            (-5.0f64..30.0).prop_map(|v| Cell::Text(format!("{v:.2}").into())),
            Just(Cell::Text("n/a".into())),
            Just(Cell::Text("Average".into())),
            Just(Cell::Text("oops".into())),
            Just(Cell::Error("#N/A".into())),
        ]
    }

    fn any_date() -> impl proptest::strategy::Strategy<Value = Cell> {
        use proptest::prelude::*;
        prop_oneof![
            (0u32..400).prop_map(|d| Cell::Text(
                (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(d as i64))
                    .to_string()
                    .into()
            )),
            Just(Cell::Text("2026-02-30".into())),
            Just(Cell::Text("Total".into())),
            Just(Cell::Empty),
        ]
    }

    proptest::proptest! {
        #[test]
        fn every_row_is_used_rejected_or_a_summary_row(
            rows in proptest::collection::vec(
                (any_date(), proptest::collection::vec(any_cell(), 0..6)),
                0..40,
            )
        ) {
            let mut grid = vec![vec![
                t("Date"), t("SSI"), t("Brand"), t("People"), t("Insights"), t("Relationships"),
            ]];
            for (date, cells) in rows {
                let mut row = vec![date];
                row.extend(cells);
                grid.push(row);
            }
            let (f, out) = read_sheet(&sheet(grid), &ctx("P"));
            proptest::prop_assert_eq!(f.rows_read, f.rows_used + f.rejections.len() + f.rows_skipped());
            proptest::prop_assert_eq!(f.ssi_rows, out.ssi.len());
            for row in &out.ssi {
                let total = row.values.get(SsiColumn::Ssi).unwrap();
                proptest::prop_assert!((0.0..=100.0).contains(&total));
                for c in row.values.components().iter().flatten() {
                    proptest::prop_assert!((0.0..=25.0).contains(c));
                }
                let parts: Option<Vec<f64>> = row.values.components().into_iter().collect();
                if let Some(parts) = parts {
                    proptest::prop_assert!((total - parts.iter().sum::<f64>()).abs() <= 1.0);
                }
            }
        }
    }
}
