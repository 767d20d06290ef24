//! A roster: a sheet or file with a person column and group columns (team, region, manager...) and no
//! dates or values, such as a hidden "Lists" sheet or `roster.csv`. Each row gives the person's groups,
//! which hold at all times; every row is used, skipped or rejected with the reason, like any table's.

use super::columns::{ColumnPlan, Role};
use super::findings::{SheetFindings, SheetRows, SkipReason};
use super::header::HEADER_SEARCH_ROWS;
use super::planned::SheetContext;
use super::rows::{DataRows, RowClass, RowNumbering};
use crate::ingest::grid::{Cell, Location, Sheet};
use crate::ingest::headers::Canonical;
use crate::model::quality::TableKind;
use crate::model::records::{Membership, RowOrigin};

/// Reads a sheet as a roster when one of its first rows names a person column and a group column and
/// nothing dated or measured; `None` otherwise.
pub(super) fn read(sheet: &Sheet, ctx: &SheetContext<'_>) -> Option<(SheetFindings, SheetRows)> {
    let grid = &sheet.grid;
    let header_idx = grid.rows.iter().take(HEADER_SEARCH_ROWS).position(|row| {
        let found: Vec<Canonical> = row
            .iter()
            .filter_map(|c| match c {
                Cell::Text(t) => ctx.headers.lookup(t),
                _ => None,
            })
            .collect();
        found.contains(&Canonical::Person)
            && found.iter().any(|c| matches!(c, Canonical::Group(_)))
            && !found.iter().any(|c| c.is_value() || *c == Canonical::Date)
    })?;
    let numbering = RowNumbering::new(grid, ctx.row_numbers);
    let (plan, columns) = ColumnPlan::map(grid, header_idx, ctx.headers);
    let person_col = plan.find(Role::Person)?;
    let group_cols: Vec<(usize, &'static str)> = plan
        .roles
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match r {
            Role::Group(i) => Some((c, plan.groups[*i])),
            _ => None,
        })
        .collect();
    if group_cols.is_empty() {
        return None;
    }
    let mut findings = SheetFindings {
        kind: TableKind::Roster,
        header_row: Some(numbering.line(header_idx)),
        columns,
        ..SheetFindings::empty()
    };
    let mut rows = SheetRows::default();
    let location = |line: u32, col: Option<usize>| Location {
        sheet: sheet.name.clone(),
        row: line,
        col: col.map(|c| grid.first_col + c as u32),
        header: col.and_then(|c| {
            grid.rows[header_idx]
                .get(c)
                .map(|h| h.as_label().trim().to_string())
        }),
    };
    for (line, class) in DataRows::below(grid, header_idx, numbering).classified() {
        findings.rows_read += 1;
        let cells = match class {
            RowClass::Blank => {
                findings.skip_blank(location(line, None));
                continue;
            }
            RowClass::Summary(label) => {
                findings.skip_summary(location(line, None), label);
                continue;
            }
            RowClass::Data(cells) => cells,
        };
        read_row(
            &mut findings,
            &mut rows,
            (line, cells),
            person_col,
            &group_cols,
            ctx,
            &location,
        );
    }
    Some((findings, rows))
}

/// One data row of a roster: a membership per group it names, or why it gives none.
fn read_row(
    findings: &mut SheetFindings,
    rows: &mut SheetRows,
    (line, cells): (u32, &[Cell]),
    person_col: usize,
    group_cols: &[(usize, &'static str)],
    ctx: &SheetContext<'_>,
    location: &dyn Fn(u32, Option<usize>) -> Location,
) {
    let text = |c: usize| {
        cells
            .get(c)
            .map(|cell| cell.as_label().trim().to_string())
            .unwrap_or_default()
    };
    let person = text(person_col);
    if person.is_empty() {
        let raw = group_cols
            .iter()
            .map(|(c, _)| text(*c))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        findings.reject(
            location(line, Some(person_col)),
            raw,
            "a roster row without a name".into(),
        );
        return;
    }
    let named: Vec<(&'static str, String)> = group_cols
        .iter()
        .map(|(c, kind)| (*kind, text(*c)))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    if named.is_empty() {
        findings.skip(location(line, None), person, SkipReason::NoGroup);
        return;
    }
    findings.rows_used += 1;
    findings.people.insert(person.clone());
    for (kind, group) in named {
        rows.memberships.push(Membership {
            person: person.clone(),
            date: None,
            kind,
            group,
            origin: RowOrigin {
                source: ctx.source,
                row: line,
            },
        });
    }
}
