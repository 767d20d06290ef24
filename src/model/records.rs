//! The validated rows ingestion hands to the model: SSI snapshots and activity tables, each row remembering
//! where it came from. Plain data; building polars frames from them is `dataset`'s job.

use chrono::NaiveDate;

/// Where a row came from: the index of its source table and its 1-based row (line) in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowOrigin {
    /// Index into the run's list of source tables.
    pub source: usize,
    /// 1-based row (sheet) or line (text file).
    pub row: u32,
}

/// One SSI snapshot: a person's scores on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct SsiRow {
    /// The person.
    pub person: String,
    /// The snapshot date.
    pub date: NaiveDate,
    /// One value per SSI column; `None` where the source had no value.
    pub values: crate::model::schema::SsiValues,
    /// Where the row came from.
    pub origin: RowOrigin,
    /// Other input lines folded into this row (a long layout gives one line per metric).
    pub also: Vec<u32>,
}

/// One row of logged activity: counts per metric for the period starting (or dated) on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// The person.
    pub person: String,
    /// The date the row is logged under.
    pub date: NaiveDate,
    /// One value per metric of the owning table, `None` where blank.
    pub values: MetricValues,
    /// Where the row came from.
    pub origin: RowOrigin,
    /// Other input lines folded into this row (a long layout gives one line per metric).
    pub also: Vec<u32>,
}

/// A person's group (team, region, manager...) as a row or a roster gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The person, as written.
    pub person: String,
    /// The date of the row that gives it; `None` for a roster (no dates: it holds at all times).
    pub date: Option<NaiveDate>,
    /// The kind of group: one of `schema::GROUP_KINDS`.
    pub kind: &'static str,
    /// The group's name, as written (trimmed).
    pub group: String,
    /// Where it came from.
    pub origin: RowOrigin,
}

/// Activity rows sharing one set of metric columns (one source sheet or file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityTable {
    /// Canonical metric names, one per value column.
    pub metrics: Vec<String>,
    /// The rows.
    pub rows: Vec<ActivityRow>,
    /// For an event log (one row per day with events, such as a LinkedIn export), the last day it speaks
    /// for: the export date. Days after the last event up to it had no activity.
    pub until: Option<NaiveDate>,
}

/// One value per metric, `None` where blank: held as numbers with NaN for a blank, 8 bytes a value
/// rather than an option's 16 (a large team has millions of activity rows and intervals; every value
/// read, and every rate worked out from them, is a finite number).
#[derive(Clone, Default)]
pub struct MetricValues(Box<[f64]>);

impl MetricValues {
    /// The value of metric `k`.
    pub fn get(&self, k: usize) -> Option<f64> {
        self.0.get(k).copied().filter(|v| !v.is_nan())
    }

    /// Every metric's value, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        self.0.iter().map(|v| (!v.is_nan()).then_some(*v))
    }

    /// Every metric's value, in order, as a vector.
    pub fn to_vec(&self) -> Vec<Option<f64>> {
        self.iter().collect()
    }

    /// The number of metrics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True with no metrics.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Option<f64>> for MetricValues {
    fn from_iter<I: IntoIterator<Item = Option<f64>>>(values: I) -> MetricValues {
        MetricValues(values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }
}

impl From<Vec<Option<f64>>> for MetricValues {
    fn from(values: Vec<Option<f64>>) -> MetricValues {
        values.into_iter().collect()
    }
}

/// Equal when every metric has the same value or none in both.
impl PartialEq for MetricValues {
    fn eq(&self, other: &MetricValues) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for MetricValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_values_read_back_as_given_and_blanks_compare_equal() {
        let given = vec![Some(3.0), None, Some(0.0), Some(-0.5)];
        let values = MetricValues::from(given.clone());
        assert_eq!(values.len(), 4);
        assert_eq!(values.iter().collect::<Vec<_>>(), given);
        assert_eq!(values.get(1), None);
        assert_eq!(values.get(2), Some(0.0));
        assert_eq!(values.get(9), None);
        assert_eq!(values, MetricValues::from(given));
        assert_ne!(
            values,
            MetricValues::from(vec![Some(3.0), Some(0.0), Some(0.0), Some(-0.5)])
        );
        assert_eq!(
            format!("{values:?}"),
            "[Some(3.0), None, Some(0.0), Some(-0.5)]"
        );
    }
}
