//! The wide layout: one row per person and date, a column per SSI value or activity metric. Each data row
//! is dated and given its person, its cells are read as numbers (plain ranks of a column written as
//! fractions become percents), and the row goes to the sink to be validated and emitted.

use super::columns::Role;
use super::findings::{RowTally, SheetFindings, SheetRows, SkipReason};
use super::planned::{PlannedSheet, Refusal};
use super::ranks;
use super::sink::{Candidate, Problem, Room, RowSink, Slot};
use crate::ingest::grid::Cell;
use crate::ingest::values;
use crate::model::quality::TableKind;
use crate::model::records::RowOrigin;
use crate::model::schema::SsiValues;

/// Reads the data rows of a wide table.
pub(super) fn read(table: &PlannedSheet<'_>, mut sink: RowSink) -> (SheetFindings, SheetRows) {
    let fractions = fraction_columns(table);
    sink.log_metrics(&table.plan.metrics);
    sink.expect_rows(room(table));
    for (line, class) in table.rows.classified() {
        let Some(cells) = sink.admit(line, class) else {
            continue;
        };
        if let Err(refusal) = read_row(table, &fractions, &mut sink, line, cells) {
            sink.refuse(line, cells, refusal);
        }
    }
    let findings = sink.findings();
    if findings.kind == TableKind::Ignored {
        findings.ignored_reason = Some("no SSI or activity columns".into());
    }
    sink.finish()
}

/// The most rows of each kind the table can give, from the cells that hold something.
fn room(table: &PlannedSheet<'_>) -> Room {
    let mut room = Room::default();
    for row in table.rows.cells() {
        let (mut snapshot, mut activity) = (false, false);
        for (cell, role) in row.iter().zip(&table.plan.roles) {
            if cell.is_blank() {
                continue;
            }
            match role {
                Role::Ssi(_) => snapshot = true,
                Role::Metric(_) => activity = true,
                Role::Group(_) => room.memberships += 1,
                _ => {}
            }
        }
        room.snapshots += usize::from(snapshot);
        room.activity += usize::from(activity);
    }
    room
}

/// For each column, whether it is a rank column written as fractions.
fn fraction_columns(table: &PlannedSheet<'_>) -> Vec<bool> {
    let cells = table.rows.cells();
    let numbers = |c: usize| {
        cells
            .iter()
            .filter_map(move |r| r.get(c))
            .filter_map(|cell| values::parse_number_cell(cell).ok().flatten())
    };
    table
        .plan
        .roles
        .iter()
        .enumerate()
        .map(|(c, role)| match role {
            Role::Ssi(column) if column.is_rank() => ranks::written_as_fractions(numbers(c)),
            _ => false,
        })
        .collect()
}

/// Reads one data row into the sink, or says why it goes no further.
fn read_row(
    table: &PlannedSheet<'_>,
    fractions: &[bool],
    sink: &mut RowSink,
    line: u32,
    cells: &[Cell],
) -> Result<(), Refusal> {
    let date = table.row_date(cells)?;
    let filled = |c: usize| cells.get(c).is_some_and(|cell| !cell.is_blank());
    if !table.plan.value_columns().any(filled) {
        // A template row filled in ahead (a date, nothing else yet) is skipped, not an error.
        return Err(no_values(table, cells));
    }
    let person = table.row_person(cells, date)?;
    let mut row = Candidate {
        person,
        date,
        ssi: SsiValues::default(),
        activity: vec![None; table.plan.metrics.len()],
        origin: RowOrigin {
            source: table.ctx.source,
            row: line,
        },
        also: Vec::new(),
        label: format!("row {line}"),
        groups: row_groups(table, cells),
    };
    read_values(table, fractions, cells, &mut row)?;
    let metric_order = table.plan.roles.iter().filter_map(|r| match r {
        Role::Metric(i) => Some(*i),
        _ => None,
    });
    if let Err(problem) = sink.validate(&mut row, metric_order) {
        return Err(problem_column(table, problem));
    }
    if row.is_empty() {
        return Err(no_values(table, cells));
    }
    let tally = RowTally {
        used: 1,
        snapshots: usize::from(!row.ssi.is_empty()),
        activity: usize::from(row.activity.iter().any(Option::is_some)),
    };
    sink.emit(row, tally);
    Ok(())
}

/// The groups a row names, one per group column with a value.
fn row_groups(table: &PlannedSheet<'_>, cells: &[Cell]) -> Vec<(&'static str, String)> {
    table
        .plan
        .roles
        .iter()
        .enumerate()
        .filter_map(|(c, role)| match role {
            Role::Group(i) => {
                let name = cells.get(c)?.as_label().trim().to_string();
                (!name.is_empty()).then(|| (table.plan.groups[*i], name))
            }
            _ => None,
        })
        .collect()
}

/// Reads the row's value cells as numbers; the first cell that is not one refuses the row.
fn read_values(
    table: &PlannedSheet<'_>,
    fractions: &[bool],
    cells: &[Cell],
    row: &mut Candidate,
) -> Result<(), Refusal> {
    for (c, role) in table.plan.roles.iter().enumerate() {
        let slot = match role {
            Role::Ssi(column) => Slot::Ssi(*column),
            Role::Metric(i) => Slot::Metric(*i),
            _ => continue,
        };
        let cell = cells.get(c).unwrap_or(&Cell::Empty);
        match values::parse_number_cell_with(cell, table.conventions.decimal_comma) {
            Ok(number) => row.set(slot, number.map(|n| ranks::as_read(n, fractions[c]))),
            Err(reason) => return Err(Refusal::Reject { col: c, reason }),
        }
    }
    Ok(())
}

/// The column a broken rule is reported at: the value's own column, else the date column.
fn problem_column(table: &PlannedSheet<'_>, problem: Problem) -> Refusal {
    let col = match &problem {
        Problem::Activity { metric, .. } => table.plan.find(Role::Metric(*metric)),
        Problem::Snapshot { column, .. } => table.plan.find(Role::Ssi(*column)),
        Problem::NoTotal(_) => None,
    };
    Refusal::Reject {
        col: col.unwrap_or(table.date_col()),
        reason: problem.reason(),
    }
}

/// A dated row with no values yet.
fn no_values(table: &PlannedSheet<'_>, cells: &[Cell]) -> Refusal {
    Refusal::Skip {
        col: None,
        raw: cells
            .get(table.date_col())
            .map(Cell::as_label)
            .unwrap_or_default(),
        reason: SkipReason::NoValues,
    }
}
