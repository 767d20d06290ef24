//! The statistics sheets of report.xlsx: Linkage (the whole linkage table, as data/linkage.csv, with a
//! diverging colour scale on r like the heatmap) and Models (each component's fixed-effects model, one
//! row per term, then the metrics left out).

use super::cells::{self, Styles};
use super::native;
use crate::analysis::Analysis;
use rust_xlsxwriter::{ConditionalFormat3ColorScale, ConditionalFormatType, Worksheet, XlsxError};

/// The Linkage sheet's columns.
const LINKAGE_HEADERS: [&str; 18] = [
    "Metric",
    "Component",
    "Lag",
    "Expected",
    "Support",
    "Intervals",
    "People",
    "Weeks",
    "Pearson r",
    "Spearman rho",
    "p-value",
    "q-value",
    "Slope (points per week per extra one a week)",
    "Standard error",
    "95% CI low",
    "95% CI high",
    "Degrees of freedom",
    "Errors",
];

/// The linkage table, one row per metric, component and lag.
pub fn linkage(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<(), XlsxError> {
    cells::headers(ws, styles, 0, &LINKAGE_HEADERS)?;
    let rows = &a.linkage.rows;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let s = &r.stats;
        cells::text(ws, styles, (row, 0), &r.metric)?;
        cells::text(ws, styles, (row, 1), r.component.key())?;
        ws.write_number(row, 2, r.lag as f64)?;
        ws.write_boolean(row, 3, r.expected)?;
        cells::text(ws, styles, (row, 4), r.support.map_or("", |s| s.key()))?;
        ws.write_number(row, 5, s.n as f64)?;
        ws.write_number(row, 6, s.people as f64)?;
        cells::number(ws, (row, 7), Some(r.weeks), &styles.fixed)?;
        // p and q as Excel's General shows them (2.4E-07, not 0.0000); the rest to four places.
        let numbers = [
            (s.pearson_r, &styles.precise),
            (s.spearman_rho, &styles.precise),
            (s.p_value, &styles.text),
            (r.q_value, &styles.text),
            (s.slope, &styles.precise),
            (s.se, &styles.precise),
            (s.ci.map(|c| c.0), &styles.precise),
            (s.ci.map(|c| c.1), &styles.precise),
            (s.df, &styles.whole),
        ];
        for (c, (v, format)) in numbers.into_iter().enumerate() {
            cells::number(ws, (row, 8 + c as u16), v, format)?;
        }
        cells::text(ws, styles, (row, 17), s.method.map_or("", |m| m.key()))?;
    }
    if !rows.is_empty() {
        // The heatmap's scale: full colour from |r| = 0.6.
        use crate::render::charts::linkage_heatmap::{FULL, NEGATIVE, POSITIVE};
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, -FULL)
            .set_minimum_color(native::colour(NEGATIVE))
            .set_midpoint(ConditionalFormatType::Number, 0)
            .set_midpoint_color("FFFFFF")
            .set_maximum(ConditionalFormatType::Number, FULL)
            .set_maximum_color(native::colour(POSITIVE));
        ws.add_conditional_format(1, 8, rows.len() as u32, 9, &scale)?;
        ws.autofilter(0, 0, rows.len() as u32, LINKAGE_HEADERS.len() as u16 - 1)?;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 14)?;
    Ok(())
}

/// Each component's fixed-effects model: one row per term, then the metrics left out with the reason.
pub fn models(ws: &mut Worksheet, styles: &Styles, a: &Analysis) -> Result<(), XlsxError> {
    cells::headers(
        ws,
        styles,
        0,
        &[
            "Component",
            "Intervals",
            "People",
            "Errors",
            "Within R²",
            "Metric",
            "Coefficient",
            "Standard error",
            "p-value",
            "q-value",
            "95% CI low",
            "95% CI high",
        ],
    )?;
    let mut row = 1;
    for m in &a.linkage.models {
        for t in &m.terms {
            cells::text(ws, styles, (row, 0), m.component.key())?;
            ws.write_number(row, 1, m.n as f64)?;
            ws.write_number(row, 2, m.people as f64)?;
            cells::text(ws, styles, (row, 3), m.method.map_or("", |x| x.key()))?;
            cells::number(ws, (row, 4), m.r2_within, &styles.precise)?;
            cells::text(ws, styles, (row, 5), &t.metric)?;
            let e = t.estimate.as_ref();
            let numbers = [
                (Some(t.coef), &styles.precise),
                (e.map(|e| e.se), &styles.precise),
                (e.map(|e| e.p_value), &styles.text),
                (t.q_value, &styles.text),
                (e.map(|e| e.ci.0), &styles.precise),
                (e.map(|e| e.ci.1), &styles.precise),
            ];
            for (c, (v, format)) in numbers.into_iter().enumerate() {
                cells::number(ws, (row, 6 + c as u16), v, format)?;
            }
            row += 1;
        }
    }
    row += 1;
    cells::headers(ws, styles, row, &["Component", "Metric left out", "Why"])?;
    for m in &a.linkage.models {
        for d in &m.dropped {
            row += 1;
            cells::text(ws, styles, (row, 0), m.component.key())?;
            cells::text(ws, styles, (row, 1), &d.metric)?;
            cells::text(ws, styles, (row, 2), d.reason.key())?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(5, 22)?;
    Ok(())
}
