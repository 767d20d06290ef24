//! The column plan: what each column of a table holds once its header is mapped through the alias table
//! and the user's mappings (a typed role; SSI values by `SsiColumn`, activity metrics by their index in
//! the table's metric list), with the mapping shown to the user. Unknown numeric columns of a sheet that
//! already logs activity are kept as metrics of their own.

use super::findings::ColumnMapping;
use crate::ingest::grid::{column_letters, Cell, Grid};
use crate::ingest::headers::{Canonical, HeaderMap, How};
use crate::ingest::values;
use crate::model::quality::TableKind;
use crate::model::schema::{self, SsiColumn};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Whose row it is.
    Person,
    /// The row's date.
    Date,
    /// One SSI value.
    Ssi(SsiColumn),
    /// The activity metric with this index in `ColumnPlan::metrics`.
    Metric(usize),
    /// In a long layout, the name of each row's metric.
    MetricName,
    /// In a long layout, each row's value.
    Value,
    /// In a long layout, whose values a row holds (own, industry, network).
    Section,
    /// The group (team, region...) with this index in `ColumnPlan::groups`.
    Group(usize),
    /// Nothing to read (ignored, unknown or a second copy of a column).
    Unused,
}

/// The columns of a long layout besides the date and person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LongColumns {
    /// The column naming each row's metric.
    pub metric: usize,
    /// The column holding each row's value.
    pub value: usize,
    /// The column saying whose values a row holds, when there is one.
    pub section: Option<usize>,
}

/// Each column's role, in sheet order, and the activity metrics the table logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ColumnPlan {
    /// One role per header cell.
    pub roles: Vec<Role>,
    /// Canonical metric names, indexed by `Role::Metric`.
    pub metrics: Vec<String>,
    /// Group kinds (`schema::GROUP_KINDS`), indexed by `Role::Group`.
    pub groups: Vec<&'static str>,
}

impl ColumnPlan {
    /// Maps the header row at `header_idx` of `grid`: the plan, and the mapping of each column as shown.
    pub(super) fn map(
        grid: &Grid,
        header_idx: usize,
        headers: &HeaderMap,
    ) -> (ColumnPlan, Vec<ColumnMapping>) {
        let data_rows = &grid.rows[header_idx + 1..];
        let mut plan = ColumnPlan::default();
        let mut mappings: Vec<ColumnMapping> = Vec::new();
        let mut unknown = Vec::new();
        for (c, cell) in grid.rows[header_idx].iter().enumerate() {
            let header = cell.as_label();
            let (role, canonical, note) = match headers.recognise(&header) {
                Some((canon, how)) => {
                    let (role, canonical, note) = plan.known(canon, &mappings);
                    let how = (how == How::Words && role != Role::Unused).then(|| how.note());
                    (role, canonical, note.or(how.flatten().map(str::to_string)))
                }
                None if header.is_empty() => {
                    let note = (!column_is_blank(data_rows, c)).then(|| "no header".to_string());
                    (Role::Unused, None, note)
                }
                None => {
                    unknown.push(c);
                    (Role::Unused, None, None)
                }
            };
            plan.roles.push(role);
            mappings.push(ColumnMapping {
                column: column_letters(grid.first_col + c as u32),
                header,
                canonical,
                note,
            });
        }
        // Only over SSI values: an activity sheet's other dates (a post's publish date) are no history.
        let has_ssi = plan.roles.iter().any(|r| matches!(r, Role::Ssi(_)));
        plan.confirm_by_values(data_rows, &mut mappings);
        plan.confirm_groups(data_rows, &mut mappings);
        plan.prefer_numeric_value(grid, header_idx, headers, &mut mappings);
        plan.drop_period_names(data_rows, &mut mappings);
        if plan.find(Role::Date).is_none() && (has_ssi || plan.long_columns().is_some()) {
            if let Some(c) = dated_column(data_rows, unknown.iter().copied()) {
                unknown.retain(|u| *u != c);
                plan.roles[c] = Role::Date;
                mappings[c].canonical = Some(schema::DATE.to_string());
                mappings[c].note = How::Content.note().map(str::to_string);
            }
        }
        plan.keep_numeric(&unknown, data_rows, &mut mappings);
        (plan, mappings)
    }

    /// The role, canonical name and note of a column whose header is recognised; a second column with
    /// the same canonical name as an earlier one is not used.
    fn known(
        &mut self,
        canon: Canonical,
        earlier: &[ColumnMapping],
    ) -> (Role, Option<String>, Option<String>) {
        if let Some(name) = canon.name() {
            if earlier.iter().any(|m| m.canonical.as_deref() == Some(name)) {
                let note = format!("a second '{name}' column; the first one is used");
                return (Role::Unused, None, Some(note));
            }
        }
        let named = |role: Role, name: &str| (role, Some(name.to_string()), None);
        match canon {
            Canonical::Person => named(Role::Person, schema::PERSON),
            Canonical::Date => named(Role::Date, schema::DATE),
            Canonical::Ssi(column) => named(Role::Ssi(column), column.key()),
            Canonical::Metric(name) => named(self.add_metric(name.to_string()), name),
            Canonical::Custom(name) => {
                let role = self.add_metric(name.clone());
                (role, Some(name), Some("mapped by you".to_string()))
            }
            Canonical::Ignore => {
                let note = "known column with nothing to analyse".to_string();
                (Role::Unused, None, Some(note))
            }
            Canonical::MetricName => named(Role::MetricName, "metric_name"),
            Canonical::Value => named(Role::Value, "value"),
            Canonical::Section => named(Role::Section, "section"),
            Canonical::Group(kind) => {
                self.groups.push(kind);
                named(Role::Group(self.groups.len() - 1), kind)
            }
        }
    }

    /// An SSI column recognised only by its words must hold values an SSI column can: a total or an
    /// average within 0-100, a component within 0-25, a rank within 0-100. One that does not is left unused
    /// with the first value that does not fit (a header's words can mislead; its spelling is trusted).
    fn confirm_by_values(&mut self, data_rows: &[Vec<Cell>], mappings: &mut [ColumnMapping]) {
        for (c, mapping) in mappings.iter_mut().enumerate() {
            let Role::Ssi(column) = self.roles[c] else {
                continue;
            };
            if mapping.note.as_deref() != How::Words.note() {
                continue;
            }
            let max = if column.component().is_some() {
                25.0
            } else {
                100.0
            };
            // A value fits when it fits read with either decimal separator (`20,973` may be 20.973).
            let fits = |cell: &Cell| {
                [Some(true), Some(false)].into_iter().any(|comma| {
                    match values::parse_number_cell_with(cell, comma) {
                        Ok(Some(n)) => (0.0..=max).contains(&n.value),
                        _ => true,
                    }
                })
            };
            let misfit = data_rows
                .iter()
                .filter_map(|r| r.get(c))
                .find(|cell| !fits(cell));
            if let Some(cell) = misfit {
                self.roles[c] = Role::Unused;
                mapping.canonical = None;
                mapping.note = Some(format!(
                    "its words say {}, but it holds {}, outside 0-{max}",
                    column.key(),
                    cell.as_label()
                ));
            }
        }
    }

    /// A group column holds names: one whose values are dates or times (an English "Time" column read
    /// as Portuguese "time", team) is left unused with the first such value.
    fn confirm_groups(&mut self, data_rows: &[Vec<Cell>], mappings: &mut [ColumnMapping]) {
        for (c, mapping) in mappings.iter_mut().enumerate() {
            let Role::Group(_) = self.roles[c] else {
                continue;
            };
            let misfit = data_rows
                .iter()
                .filter_map(|r| r.get(c))
                .find(|cell| match cell {
                    Cell::DateTime(_) => true,
                    Cell::Text(t) => {
                        values::parse_date_text(t, values::DateOrder::DayFirst).is_some()
                            || values::is_clock_time(t)
                    }
                    _ => false,
                });
            if let Some(cell) = misfit {
                self.roles[c] = Role::Unused;
                mapping.note = Some(format!(
                    "its header says {}, but it holds {}, not names",
                    mapping.canonical.as_deref().unwrap_or("a group"),
                    cell.as_label()
                ));
                mapping.canonical = None;
            }
        }
    }

    /// A long layout with two value columns (a scraper's display text `52 de 100` beside its number `52`)
    /// reads the one whose cells are numbers; the first is kept on a tie.
    fn prefer_numeric_value(
        &mut self,
        grid: &Grid,
        header_idx: usize,
        headers: &HeaderMap,
        mappings: &mut [ColumnMapping],
    ) {
        let Some(first) = self.find(Role::Value) else {
            return;
        };
        let data_rows = &grid.rows[header_idx + 1..];
        let candidates: Vec<usize> = (0..self.roles.len())
            .filter(|&c| headers.lookup(&mappings[c].header) == Some(Canonical::Value))
            .collect();
        let plain = |c: usize| plain_number_share(data_rows, c);
        let Some(&best) = candidates
            .iter()
            .max_by(|a, b| plain(**a).total_cmp(&plain(**b)).then(b.cmp(a)))
        else {
            return;
        };
        if best == first {
            return;
        }
        let used = mappings[best].column.clone();
        self.roles.swap(first, best);
        mappings[best].canonical = mappings[first].canonical.take();
        mappings[best].note = Some("the value column whose cells are plain numbers".to_string());
        mappings[first].note = Some(format!(
            "a second 'value' column; {used}, whose cells are plain numbers, is used"
        ));
    }

    /// A person column whose every value is a period label ("Week 19", "May 2026", "Q2"), as in a
    /// note-taking database whose entries are titled by week, names no one: the rows are the file's person.
    fn drop_period_names(&mut self, data_rows: &[Vec<Cell>], mappings: &mut [ColumnMapping]) {
        let Some(c) = self.find(Role::Person) else {
            return;
        };
        let mut names = data_rows
            .iter()
            .filter_map(|r| r.get(c))
            .filter(|cell| !cell.is_blank())
            .peekable();
        let is_period = |cell: &Cell| match cell {
            Cell::Text(t) => !crate::ingest::person::looks_like_person(t),
            _ => true,
        };
        if names.peek().is_some() && names.all(is_period) {
            self.roles[c] = Role::Unused;
            mappings[c].canonical = None;
            mappings[c].note = Some("its values are periods, not people".to_string());
        }
    }

    fn add_metric(&mut self, name: String) -> Role {
        self.metrics.push(name);
        Role::Metric(self.metrics.len() - 1)
    }

    /// Unknown numeric columns count as activity metrics when the sheet already logs activity; the
    /// other unknown columns are noted as such.
    fn keep_numeric(
        &mut self,
        unknown: &[usize],
        data_rows: &[Vec<Cell>],
        mappings: &mut [ColumnMapping],
    ) {
        let has_known_metrics = !self.metrics.is_empty();
        for &c in unknown {
            let mapping = &mut mappings[c];
            if !has_known_metrics || !column_is_numeric(data_rows, c) {
                mapping.note = Some(if has_known_metrics {
                    "unknown column, not numeric".into()
                } else {
                    "unknown column".into()
                });
                continue;
            }
            let name = schema::metric_name(&mapping.header);
            if self.metrics.contains(&name) || name.is_empty() {
                mapping.note = Some("duplicate metric name".into());
                continue;
            }
            self.roles[c] = self.add_metric(name.clone());
            mapping.canonical = Some(name);
            mapping.note = Some("unknown numeric column kept as a metric".into());
        }
    }

    /// What the table holds, by its columns.
    pub(super) fn kind(&self) -> TableKind {
        let has_ssi = self.roles.iter().any(|r| matches!(r, Role::Ssi(_)));
        match (has_ssi, !self.metrics.is_empty()) {
            (true, true) => TableKind::SsiAndActivity,
            (true, false) => TableKind::Ssi,
            (false, true) => TableKind::Activity,
            (false, false) => TableKind::Ignored,
        }
    }

    /// The first column with this role.
    pub(super) fn find(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }

    /// The metric and value columns (and the section column) of a long layout, when it is one.
    pub(super) fn long_columns(&self) -> Option<LongColumns> {
        Some(LongColumns {
            metric: self.find(Role::MetricName)?,
            value: self.find(Role::Value)?,
            section: self.find(Role::Section),
        })
    }

    /// The columns that hold SSI values or activity, in sheet order.
    pub(super) fn value_columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Role::Ssi(_) | Role::Metric(_)))
            .map(|(c, _)| c)
    }
}

/// The share of a column's non-blank cells that are plain numbers (a number cell, or text such as `20.998`
/// with nothing around it); 0 for a blank column.
fn plain_number_share(rows: &[Vec<Cell>], c: usize) -> f64 {
    let mut plain = 0usize;
    let mut total = 0usize;
    for cell in rows
        .iter()
        .filter_map(|r| r.get(c))
        .filter(|c| !c.is_blank())
    {
        total += 1;
        let is_plain = match cell {
            Cell::Number(n) => n.is_finite(),
            Cell::Text(t) => t.trim().parse::<f64>().is_ok_and(f64::is_finite),
            _ => false,
        };
        plain += usize::from(is_plain);
    }
    if total == 0 {
        0.0
    } else {
        plain as f64 / total as f64
    }
}

/// How many values of a column are looked at to call it a column of dates.
const DATE_SAMPLE: usize = 500;

/// The first of `candidates` whose values below the header are all dates (date cells, or text that
/// reads as a date in either day/month order), looking at up to `DATE_SAMPLE` of them: the date
/// column of an SSI table whose header names none. Plain numbers do not count (they are the values).
pub(super) fn dated_column(
    data_rows: &[Vec<Cell>],
    candidates: impl IntoIterator<Item = usize>,
) -> Option<usize> {
    candidates.into_iter().find(|&c| {
        let mut cells = data_rows
            .iter()
            .filter_map(|r| r.get(c))
            .filter(|cell| !cell.is_blank())
            .take(DATE_SAMPLE)
            .peekable();
        cells.peek().is_some() && cells.all(is_date_cell)
    })
}

/// A date cell, or text that reads as a date.
fn is_date_cell(cell: &Cell) -> bool {
    match cell {
        Cell::DateTime(_) => true,
        Cell::Text(t) => [values::DateOrder::DayFirst, values::DateOrder::MonthFirst]
            .into_iter()
            .any(|order| values::parse_date_text(t, order).is_some()),
        _ => false,
    }
}

fn column_is_blank(rows: &[Vec<Cell>], c: usize) -> bool {
    rows.iter()
        .all(|r| r.get(c).is_none_or(|cell| cell.is_blank()))
}

/// A column is numeric when most of its non-blank cells read as numbers.
fn column_is_numeric(rows: &[Vec<Cell>], c: usize) -> bool {
    let mut numbers = 0usize;
    let mut total = 0usize;
    for cell in rows.iter().filter_map(|r| r.get(c)) {
        if cell.is_blank() {
            continue;
        }
        total += 1;
        if matches!(values::parse_number_cell(cell), Ok(Some(_))) {
            numbers += 1;
        }
    }
    total > 0 && numbers * 10 >= total * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_column_of_dates_under_an_unknown_header_is_the_date_of_an_ssi_table() {
        let grid = Grid {
            rows: vec![
                vec![
                    t("id"),
                    t("ssi_overall_score"),
                    t("Brand"),
                    t("when"),
                    t("source"),
                ],
                vec![
                    Cell::Number(1.0),
                    Cell::Number(52.0),
                    Cell::Number(12.5),
                    t("2026-05-01 10:22:11.123+00"),
                    t("first"),
                ],
                vec![
                    Cell::Number(2.0),
                    Cell::Number(53.0),
                    Cell::Number(12.9),
                    t("05/08/2026 08:01"),
                    t("second"),
                ],
            ],
            first_row: 0,
            first_col: 0,
        };
        let (plan, mappings) = ColumnPlan::map(&grid, 0, &HeaderMap::default());
        assert_eq!(
            plan.roles,
            [
                Role::Unused,
                Role::Ssi(SsiColumn::Ssi),
                Role::Ssi(SsiColumn::Brand),
                Role::Date,
                Role::Unused,
            ]
        );
        assert_eq!(mappings[1].note.as_deref(), Some("recognised by its words"));
        assert_eq!(
            mappings[3].note.as_deref(),
            Some("recognised by its values: every one is a date")
        );
        assert_eq!(mappings[4].note.as_deref(), Some("unknown column"));
        // Over activity alone, a column of dates is not taken for the table's date.
        let activity = Grid {
            rows: vec![
                vec![t("Post publish date"), t("Engagements")],
                vec![t("2025-10-06"), Cell::Number(3.0)],
            ],
            first_row: 0,
            first_col: 0,
        };
        let (plan, _) = ColumnPlan::map(&activity, 0, &HeaderMap::default());
        assert_eq!(plan.find(Role::Date), None);
    }

    #[test]
    fn a_column_recognised_by_its_words_must_hold_values_of_its_kind() {
        let grid = Grid {
            rows: vec![
                vec![
                    t("Date"),
                    t("SSI"),
                    t("brand_score"),
                    t("total_connections_score"),
                ],
                vec![
                    t("2026-05-01"),
                    Cell::Number(52.0),
                    Cell::Number(12.5),
                    Cell::Number(0.0),
                ],
                vec![
                    t("2026-05-08"),
                    Cell::Number(53.0),
                    Cell::Number(1840.0),
                    Cell::Number(1.0),
                ],
            ],
            first_row: 0,
            first_col: 0,
        };
        let (plan, mappings) = ColumnPlan::map(&grid, 0, &HeaderMap::default());
        assert_eq!(plan.roles[2], Role::Unused);
        assert_eq!(
            mappings[2].note.as_deref(),
            Some("its words say brand, but it holds 1840, outside 0-25")
        );
    }

    #[test]
    fn maps_headers_to_typed_roles_and_keeps_the_first_of_two_copies() {
        let grid = Grid {
            rows: vec![
                vec![
                    t("Date"),
                    t("SSI"),
                    t("Industry rank"),
                    t("Posts"),
                    t("Total SSI"),
                    t("Notes"),
                ],
                vec![t("2025-10-06"), Cell::Number(61.0)],
            ],
            first_row: 0,
            first_col: 2,
        };
        let (plan, mappings) = ColumnPlan::map(&grid, 0, &HeaderMap::default());
        assert_eq!(
            plan.roles,
            [
                Role::Date,
                Role::Ssi(SsiColumn::Ssi),
                Role::Ssi(SsiColumn::IndustryRankPct),
                Role::Metric(0),
                Role::Unused,
                Role::Unused,
            ]
        );
        assert_eq!(plan.metrics, ["posts"]);
        assert_eq!(plan.kind(), TableKind::SsiAndActivity);
        assert_eq!(mappings[0].column, "C");
        assert_eq!(
            mappings[4].note.as_deref(),
            Some("a second 'ssi' column; the first one is used")
        );
        assert_eq!(plan.long_columns(), None);
        assert_eq!(plan.value_columns().collect::<Vec<_>>(), [1, 2, 3]);
    }
}
