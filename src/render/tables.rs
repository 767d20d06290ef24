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

/// A tidy table read back from its frame: person and date, then one column of values per name.
pub struct Tidy {
    /// The value columns' names (canonical columns or metrics).
    pub names: Vec<String>,
    /// Each row's person.
    pub people: Vec<String>,
    /// Each row's date.
    pub dates: Vec<Option<chrono::NaiveDate>>,
    /// One vector per value column, a value per row.
    pub values: Vec<Vec<Option<f64>>>,
}

fn tidy(df: &DataFrame, value_columns: &[&str], name: &'static str) -> Result<Tidy, RenderError> {
    let frame_err = |source| RenderError::Frame { name, source };
    Ok(Tidy {
        names: value_columns.iter().map(|c| c.to_string()).collect(),
        people: strings(df, PERSON).map_err(frame_err)?,
        dates: dates(df, DATE).map_err(frame_err)?,
        values: value_columns
            .iter()
            .map(|c| f64s(df, c))
            .collect::<PolarsResult<_>>()
            .map_err(frame_err)?,
    })
}

fn frame_csv(t: &Tidy, name: &'static str) -> Result<Vec<u8>, RenderError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_err = |source| RenderError::Csv { name, source };
    let mut header = vec![PERSON, DATE];
    header.extend(t.names.iter().map(String::as_str));
    writer.write_record(&header).map_err(csv_err)?;
    for i in 0..t.people.len() {
        let mut record = Vec::with_capacity(header.len());
        record.push(neutralise(&t.people[i]));
        record.push(t.dates[i].map(|d| d.to_string()).unwrap_or_default());
        for col in &t.values {
            record.push(col[i].map(|v| v.to_string()).unwrap_or_default());
        }
        writer.write_record(&record).map_err(csv_err)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv_err(csv::Error::from(e.into_error())))
}

/// The tidy SSI table: the person's own columns, and the peer components only when some snapshot has
/// them (most trackers do not record them).
pub fn ssi_table(dataset: &Dataset) -> Result<Tidy, RenderError> {
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
pub fn activity_table(dataset: &Dataset) -> Result<Tidy, RenderError> {
    let metrics: Vec<&str> = dataset.metrics.iter().map(String::as_str).collect();
    tidy(&dataset.activity, &metrics, "data/activity.csv")
}

/// `data/ssi.csv`.
pub fn ssi_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    frame_csv(&ssi_table(dataset)?, "data/ssi.csv")
}

/// `data/activity.csv`.
pub fn activity_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    frame_csv(&activity_table(dataset)?, "data/activity.csv")
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
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_like_text_only() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("Zoë Adams"), "Zoë Adams");
        assert_eq!(neutralise("-3.5"), "-3.5");
        assert_eq!(neutralise("-cmd"), "'-cmd");
    }
}
