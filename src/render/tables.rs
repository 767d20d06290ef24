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

fn frame_csv(
    df: &DataFrame,
    value_columns: &[&str],
    name: &'static str,
) -> Result<Vec<u8>, RenderError> {
    let frame_err = |source| RenderError::Frame { name, source };
    let people = strings(df, PERSON).map_err(frame_err)?;
    let days = dates(df, DATE).map_err(frame_err)?;
    let columns: Vec<Vec<Option<f64>>> = value_columns
        .iter()
        .map(|c| f64s(df, c))
        .collect::<PolarsResult<_>>()
        .map_err(frame_err)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_err = |source| RenderError::Csv { name, source };
    let mut header = vec![PERSON, DATE];
    header.extend(value_columns);
    writer.write_record(&header).map_err(csv_err)?;
    for i in 0..df.height() {
        let mut record = Vec::with_capacity(header.len());
        record.push(neutralise(&people[i]));
        record.push(days[i].map(|d| d.to_string()).unwrap_or_default());
        for col in &columns {
            record.push(col[i].map(|v| v.to_string()).unwrap_or_default());
        }
        writer.write_record(&record).map_err(csv_err)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv_err(csv::Error::from(e.into_error())))
}

/// `data/ssi.csv`.
pub fn ssi_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    // The peer components only when some snapshot has them (most trackers do not record them).
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
    frame_csv(&dataset.ssi, &columns, "data/ssi.csv")
}

/// `data/activity.csv`.
pub fn activity_csv(dataset: &Dataset) -> Result<Vec<u8>, RenderError> {
    let metrics: Vec<&str> = dataset.metrics.iter().map(String::as_str).collect();
    frame_csv(&dataset.activity, &metrics, "data/activity.csv")
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
    let mut rows: Vec<(&str, Option<&str>, u32, [String; 6])> = Vec::new();
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
    for (path, sheet, row, [column, header, raw, fate, reason, count]) in rows {
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
