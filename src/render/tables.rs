//! The tidy tables as CSV (`data/ssi.csv`, `data/activity.csv`, `data/linkage.csv`, `data/rejected.csv`):
//! canonical column names, ISO dates, plain numbers, empty cells for missing values. Text that a
//! spreadsheet would run as a formula is neutralised.

use super::RenderError;
use crate::analysis::frame::{dates, f64s, strings};
use crate::model::schema::{SsiColumn, DATE, PERSON};
use crate::model::Dataset;
use polars::prelude::*;

/// Prefixes text that starts like a formula with an apostrophe (the OWASP CSV-injection rule).
pub fn neutralise(text: &str) -> String {
    let is_number = text.trim().parse::<f64>().is_ok_and(f64::is_finite);
    if !is_number && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// How many rows of a tidy table are read back from its frame at a time: a large team's table (300,000
/// snapshots at 2,000 people) is never held whole as Rust values beside its frame.
const CHUNK_ROWS: usize = 65_536;

/// A tidy table's frame and the value columns it shows, read back a slice of rows at a time.
pub struct TidyFrame<'a> {
    df: &'a DataFrame,
    /// The value columns' names (canonical columns or metrics).
    pub names: Vec<String>,
    /// The file the table is written as, for errors.
    name: &'static str,
    /// Rows per slice: `CHUNK_ROWS`, fewer in tests.
    chunk_rows: usize,
}

impl TidyFrame<'_> {
    /// How many rows the table has.
    pub fn height(&self) -> usize {
        self.df.height()
    }

    /// How many slices the first `rows` rows take.
    pub fn chunks_of(&self, rows: usize) -> usize {
        rows.div_ceil(self.chunk_rows)
    }

    /// The rows of slice `k`: up to one slice's rows from row `k` times its length (none past the end).
    pub fn chunk(&self, k: usize) -> Result<Tidy, RenderError> {
        let offset = i64::try_from(k * self.chunk_rows).unwrap_or(i64::MAX);
        let df = self.df.slice(offset, self.chunk_rows);
        let frame_err = |source| RenderError::Frame {
            name: self.name,
            source,
        };
        Ok(Tidy {
            people: strings(&df, PERSON).map_err(frame_err)?,
            dates: dates(&df, DATE).map_err(frame_err)?,
            values: self
                .names
                .iter()
                .map(|c| f64s(&df, c))
                .collect::<PolarsResult<_>>()
                .map_err(frame_err)?,
        })
    }
}

/// Rows of a tidy table read back from its frame: person and date, then one column of values per name.
pub struct Tidy {
    /// Each row's person.
    pub people: Vec<String>,
    /// Each row's date.
    pub dates: Vec<Option<chrono::NaiveDate>>,
    /// One vector per value column, a value per row.
    pub values: Vec<Vec<Option<f64>>>,
}

fn tidy<'a>(df: &'a DataFrame, value_columns: &[&str], name: &'static str) -> TidyFrame<'a> {
    TidyFrame {
        df,
        names: value_columns.iter().map(|c| c.to_string()).collect(),
        name,
        chunk_rows: CHUNK_ROWS,
    }
}

#[cfg(test)]
impl TidyFrame<'_> {
    /// The same table read back `rows` rows at a time.
    pub fn in_slices_of(self, rows: usize) -> Self {
        TidyFrame {
            chunk_rows: rows,
            ..self
        }
    }
}

fn frame_csv(t: &TidyFrame<'_>) -> Result<Vec<u8>, RenderError> {
    let name = t.name;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_err = |source| RenderError::Csv { name, source };
    let mut header = vec![PERSON, DATE];
    header.extend(t.names.iter().map(String::as_str));
    writer.write_record(&header).map_err(csv_err)?;
    for k in 0..t.chunks_of(t.height()) {
        let chunk = t.chunk(k)?;
        for i in 0..chunk.people.len() {
            let mut record = Vec::with_capacity(header.len());
            record.push(neutralise(&chunk.people[i]));
            record.push(chunk.dates[i].map(|d| d.to_string()).unwrap_or_default());
            for col in &chunk.values {
                record.push(col[i].map(|v| v.to_string()).unwrap_or_default());
            }
            writer.write_record(&record).map_err(csv_err)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| csv_err(csv::Error::from(e.into_error())))
}

/// The tidy SSI table: the person's own columns, and the peer components only when some snapshot has
/// them (most trackers do not record them).
pub fn ssi_table(dataset: &Dataset) -> TidyFrame<'_> {
    let mut columns: Vec<&str> = SsiColumn::OWN.iter().map(|c| c.key()).collect();
    for c in SsiColumn::ALL.iter().filter(|c| c.is_peer_component()) {
        let c = c.key();
        let present = dataset
            .ssi
            .column(c)
            .map(|s| s.null_count() < s.len())
            .unwrap_or(false);
        if present {
            columns.push(c);
        }
    }
    tidy(&dataset.ssi, &columns, "data/ssi.csv")
}

/// The tidy activity table: one column per metric.
pub fn activity_table(dataset: &Dataset) -> TidyFrame<'_> {
    let metrics: Vec<&str> = dataset.metrics.iter().map(String::as_str).collect();
    tidy(&dataset.activity, &metrics, "data/activity.csv")
}

/// `data/ssi.csv`.
pub fn ssi_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    frame_csv(&ssi_table(dataset))
}

/// `data/activity.csv`.
pub fn activity_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    frame_csv(&activity_table(dataset))
}

/// `data/linkage.csv`: the whole linkage table, one row per metric, component and lag (the columns of
/// summary.json's `linkage`).
pub fn linkage_csv(rows: &[crate::analysis::linkage::LinkageRow]) -> Result<Vec<u8>, RenderError> {
    let name = "data/linkage.csv";
    let csv_err = |source| RenderError::Csv { name, source };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "metric",
            "component",
            "lag",
            "expected",
            "support",
            "n",
            "people",
            "weeks",
            "pearson_r",
            "spearman_rho",
            "p_value",
            "q_value",
            "slope",
            "se",
            "ci_low",
            "ci_high",
            "df",
            "method",
        ])
        .map_err(csv_err)?;
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in rows {
        writer
            .write_record([
                neutralise(&r.metric),
                r.component.key().to_string(),
                r.lag.to_string(),
                r.expected.to_string(),
                r.support.map(|s| s.key().to_string()).unwrap_or_default(),
                r.stats.n.to_string(),
                r.stats.people.to_string(),
                r.weeks.to_string(),
                num(r.stats.pearson_r),
                num(r.stats.spearman_rho),
                num(r.stats.p_value),
                num(r.q_value),
                num(r.stats.slope),
                num(r.stats.se),
                num(r.stats.ci.map(|c| c.0)),
                num(r.stats.ci.map(|c| c.1)),
                num(r.stats.df),
                r.stats
                    .method
                    .map(|m| m.key().to_string())
                    .unwrap_or_default(),
            ])
            .map_err(csv_err)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv_err(csv::Error::from(e.into_error())))
}

/// `data/rejected.csv`: every rejected or skipped row with file, sheet, row as the spreadsheet shows it,
/// column, the raw value, the reason and how many rows the line stands for (a run of blank rows is one
/// line).
pub fn rejected_csv(quality: &crate::model::quality::Quality) -> Result<Vec<u8>, RenderError> {
    let name = "data/rejected.csv";
    let csv_err = |source| RenderError::Csv { name, source };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "file",
            "sheet",
            "row",
            "column",
            "header",
            "raw_value",
            "fate",
            "reason",
            "rows",
        ])
        .map_err(csv_err)?;
    for (path, sheet, row, [column, header, raw, fate, reason, count]) in quality_rows(quality) {
        writer
            .write_record([
                neutralise(path),
                neutralise(sheet.unwrap_or("")),
                row.to_string(),
                column,
                neutralise(&header),
                neutralise(&raw),
                fate,
                neutralise(&reason),
                count,
            ])
            .map_err(csv_err)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv_err(csv::Error::from(e.into_error())))
}

/// One rejected or skipped row: file, sheet, row, then column, header, raw value, fate ("rejected" or
/// "skipped"), reason and the rows it stands for.
pub type QualityRow<'a> = (&'a str, Option<&'a str>, u32, [String; 6]);

/// The rejected and skipped rows of data/rejected.csv, inputs in reading order and rows top to bottom.
pub fn quality_rows(quality: &crate::model::quality::Quality) -> Vec<QualityRow<'_>> {
    let mut rows: Vec<QualityRow<'_>> = Vec::new();
    for r in &quality.rejected {
        rows.push((
            &r.path,
            r.sheet.as_deref(),
            r.row,
            [
                r.column.clone().unwrap_or_default(),
                r.header.clone().unwrap_or_default(),
                r.raw.clone(),
                "rejected".into(),
                r.reason.clone(),
                "1".into(),
            ],
        ));
    }
    for k in &quality.skipped {
        rows.push((
            &k.path,
            k.sheet.as_deref(),
            k.row,
            [
                String::new(),
                String::new(),
                k.raw.clone(),
                "skipped".into(),
                k.reason.clone(),
                k.rows.to_string(),
            ],
        ));
    }
    // Inputs keep their reading order; rows within a file and sheet go top to bottom.
    let order = |path: &str, sheet: Option<&str>| {
        quality
            .inputs
            .iter()
            .map(|t| (t.path.as_str(), t.sheet.as_deref()))
            .chain(
                quality
                    .ignored
                    .iter()
                    .map(|t| (t.path.as_str(), t.sheet.as_deref())),
            )
            .position(|o| o == (path, sheet))
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(|(p, s, row, _)| (order(p, *s), *p, *s, *row));
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::records::{ActivityRow, ActivityTable, RowOrigin, SsiRow};
    use crate::model::schema::SsiValues;

    /// A dataset of `snapshots` SSI rows and `logged` activity rows over three people, all different.
    pub(crate) fn dataset(snapshots: usize, logged: usize) -> Dataset {
        let day = |i: usize| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + chrono::Days::new(7 * i as u64)
        };
        let origin = |i: usize| RowOrigin {
            source: 0,
            row: i as u32 + 2,
        };
        let ssi: Vec<SsiRow> = (0..snapshots)
            .map(|i| {
                let mut values = SsiValues::default();
                values.set(SsiColumn::Ssi, Some(40.0 + i as f64 / 4.0));
                SsiRow {
                    person: format!("Person {}", i % 3),
                    date: day(i / 3),
                    values,
                    origin: origin(i),
                    also: Vec::new(),
                }
            })
            .collect();
        let activity = ActivityTable {
            until: None,
            metrics: vec!["posts".into()],
            rows: (0..logged)
                .map(|i| ActivityRow {
                    person: format!("Person {}", i % 3),
                    date: day(i / 3),
                    values: vec![Some(i as f64)].into(),
                    origin: origin(i),
                    also: Vec::new(),
                })
                .collect(),
        };
        Dataset::from_rows(&ssi, &[activity]).unwrap().0
    }

    #[test]
    fn a_table_read_back_in_slices_writes_the_same_csv() {
        let ds = dataset(11, 7);
        let whole = frame_csv(&ssi_table(&ds)).unwrap();
        assert_eq!(String::from_utf8_lossy(&whole).lines().count(), 12);
        let activity = frame_csv(&activity_table(&ds)).unwrap();
        assert_eq!(String::from_utf8_lossy(&activity).lines().count(), 8);
        for rows in [1, 2, 3, 7, 11, 12] {
            assert_eq!(
                frame_csv(&ssi_table(&ds).in_slices_of(rows)).unwrap(),
                whole
            );
            assert_eq!(
                frame_csv(&activity_table(&ds).in_slices_of(rows)).unwrap(),
                activity
            );
        }
    }

    #[test]
    fn neutralises_formula_like_text_only() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("Zoë Adams"), "Zoë Adams");
        assert_eq!(neutralise("-3.5"), "-3.5");
        assert_eq!(neutralise("-cmd"), "'-cmd");
    }
}
