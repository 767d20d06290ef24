//! Small hand-made analyses the chart specs are tested on: one person over two months, and teams with
//! weekly snapshots through October 2025.

use crate::analysis::testing::{dataset, snap};
use crate::analysis::{analyse, Analysis, AnalysisOptions, Snapshot};
use crate::model::records::SsiRow;
use crate::model::schema::SsiColumn;
use crate::render::charts::theme::{Palette, ThemeName};
use chrono::NaiveDate;

/// The light palette.
pub fn light() -> Palette {
    Palette::of(ThemeName::Light)
}

/// A date.
pub fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test date")
}

/// The x coordinate of a date.
pub fn at(d: &str) -> f64 {
    crate::render::charts::axis::x(day(d))
}

/// Sets a value of a snapshot.
pub fn set(snapshot: &mut Snapshot, column: SsiColumn, value: Option<f64>) {
    snapshot.values.set(column, value);
}

/// A snapshot whose four components are a quarter of the total each.
pub fn even(person: &str, date: &str, ssi: f64) -> SsiRow {
    snap(person, date, ssi, [ssi / 4.0; 4])
}

/// The analysis of these snapshots for the latest month.
pub fn analysed(rows: Vec<SsiRow>) -> Analysis {
    analyse(&dataset(rows, vec![]), &AnalysisOptions::default()).expect("analysis")
}

/// Ana: SSI 52 on 1 Sep, 54 on 29 Sep, 56 on 13 Oct and 57 on 27 Oct 2025; the report is October's.
pub fn one_person() -> Analysis {
    analysed(vec![
        even("Ana", "2025-09-01", 52.0),
        even("Ana", "2025-09-29", 54.0),
        even("Ana", "2025-10-13", 56.0),
        even("Ana", "2025-10-27", 57.0),
    ])
}

/// The names of the people in `team`.
pub const NAMES: [&str; 6] = ["Ava", "Ben", "Cy", "Dee", "Eli", "Fay"];

/// The first `n` of `NAMES` with a snapshot every Monday from 6 to 27 October 2025: person `i` starts
/// at 40 + 10i and gains a point a week.
pub fn team(n: usize) -> Analysis {
    let mondays = ["2025-10-06", "2025-10-13", "2025-10-20", "2025-10-27"];
    let rows = NAMES[..n]
        .iter()
        .enumerate()
        .flat_map(|(i, name)| {
            mondays
                .iter()
                .enumerate()
                .map(move |(w, d)| even(name, d, 40.0 + 10.0 * i as f64 + w as f64))
        })
        .collect();
    analysed(rows)
}

/// A same-interval linkage row of `metric` and `component` over 40 intervals, with Pearson r `r`, slope
/// `slope` (95% interval `ci`) and q-value `q`.
pub fn linkage_row(
    metric: &str,
    component: crate::model::schema::Component,
    r: Option<f64>,
    slope: Option<(f64, (f64, f64))>,
    q: Option<f64>,
) -> crate::analysis::linkage::LinkageRow {
    use crate::analysis::linkage::{Association, LinkageRow};
    LinkageRow {
        only: None,
        metric: metric.into(),
        component,
        lag: 0,
        expected: crate::model::schema::expected_component(metric) == Some(component),
        weeks: 40.0,
        stats: Association {
            n: 40,
            people: 1,
            pearson_r: r,
            spearman_rho: r,
            p_value: q,
            slope: slope.map(|s| s.0),
            ci: slope.map(|s| s.1),
            se: None,
            df: None,
            method: None,
        },
        q_value: q,
        support: None,
    }
}
