//! Builders for tiny hand-made datasets used by the analysis unit tests.

use crate::model::records::{ActivityRow, ActivityTable, RowOrigin, SsiRow};
use crate::model::Dataset;
use chrono::NaiveDate;

pub fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("test date")
}

/// A snapshot with a total and four components.
pub fn snap(person: &str, date: &str, ssi: f64, c: [f64; 4]) -> SsiRow {
    snap_on(person, day(date), ssi, c)
}

/// A snapshot on a date value.
pub fn snap_on(person: &str, date: NaiveDate, ssi: f64, c: [f64; 4]) -> SsiRow {
    SsiRow {
        person: person.into(),
        date,
        values: crate::model::schema::SsiValues::scored(Some(ssi), c.map(Some)),
        origin: RowOrigin { source: 0, row: 1 },
        also: Vec::new(),
    }
}

/// An activity row with posts and comments.
pub fn activity(
    person: &str,
    date: &str,
    posts: Option<f64>,
    comments: Option<f64>,
) -> ActivityRow {
    ActivityRow {
        person: person.into(),
        date: day(date),
        values: vec![posts, comments].into(),
        origin: RowOrigin { source: 1, row: 1 },
        also: Vec::new(),
    }
}

/// A dataset from snapshots and (posts, comments) activity rows.
pub fn dataset(ssi: Vec<SsiRow>, activity: Vec<ActivityRow>) -> Dataset {
    let table = ActivityTable {
        until: None,
        metrics: vec!["posts".into(), "comments".into()],
        rows: activity,
    };
    Dataset::from_rows(&ssi, &[table]).expect("dataset").0
}
