//! Cell writing for report.xlsx: the number and date formats, and text that is always text (a value
//! starting with `=`, `+`, `-` or `@` is stored with Excel's quote prefix, so it is never taken for a
//! formula, even when the cell is edited).

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Worksheet, XlsxError};

/// The formats of the workbook's cells.
pub struct Styles {
    /// Column headers.
    pub header: Format,
    /// A column header that starts like a formula.
    pub header_quoted: Format,
    /// Plain text, and numbers as the data give them (Excel's General).
    pub text: Format,
    /// Text that starts like a formula.
    pub quoted: Format,
    /// Two decimals.
    pub fixed: Format,
    /// A statistic, four significant places or so (`0.0000`).
    pub precise: Format,
    /// A signed change with two decimals.
    pub change: Format,
    /// A whole number.
    pub whole: Format,
    /// A date, ISO order.
    pub date: Format,
    /// A sheet's title line.
    pub title: Format,
    /// Text wrapped in its cell (a finding's sentence).
    pub wrapped: Format,
    /// Wrapped text that starts like a formula.
    pub wrapped_quoted: Format,
}

impl Styles {
    /// The house formats.
    pub fn new() -> Styles {
        Styles {
            header: Format::new().set_bold(),
            header_quoted: Format::new().set_bold().set_quote_prefix(),
            text: Format::new(),
            quoted: Format::new().set_quote_prefix(),
            fixed: Format::new().set_num_format("0.00"),
            precise: Format::new().set_num_format("0.0000"),
            change: Format::new().set_num_format("+0.00;-0.00;0.00"),
            whole: Format::new().set_num_format("0"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            title: Format::new().set_bold().set_font_size(14),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            wrapped_quoted: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_quote_prefix(),
        }
    }
}

/// True when a spreadsheet would read `s` as the start of a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// Writes `s` as text, never as a formula.
pub fn text(
    ws: &mut Worksheet,
    styles: &Styles,
    (row, col): (u32, u16),
    s: &str,
) -> Result<(), XlsxError> {
    text_in(ws, (row, col), s, &styles.text, &styles.quoted)
}

/// Writes `s` as text in `format`, or in `quoted` (the same with the quote prefix) when it starts like a
/// formula.
pub fn text_in(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    s: &str,
    format: &Format,
    quoted: &Format,
) -> Result<(), XlsxError> {
    let format = if looks_like_formula(s) {
        quoted
    } else {
        format
    };
    ws.write_string_with_format(row, col, s, format)?;
    Ok(())
}

/// Writes a number in `format`, or leaves the cell empty for `None` (and for a value that is not finite).
pub fn number(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = value.filter(|v| v.is_finite()) {
        ws.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

/// Writes a number in Excel's General (`Styles::text`), or leaves the cell empty for `None` (and for a
/// value that is not finite): the bytes of `number` with `styles.text` (a number written without a
/// format takes style 0, General, as no sheet sets a row or column format), without looking the format
/// up for every cell of the Data sheet.
pub fn general(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    value: Option<f64>,
) -> Result<(), XlsxError> {
    if let Some(v) = value.filter(|v| v.is_finite()) {
        ws.write_number(row, col, v)?;
    }
    Ok(())
}

/// Writes a date as a spreadsheet date.
pub fn date(
    ws: &mut Worksheet,
    styles: &Styles,
    (row, col): (u32, u16),
    day: chrono::NaiveDate,
) -> Result<(), XlsxError> {
    use chrono::Datelike;
    let d = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
    ws.write_date_with_format(row, col, &d, &styles.date)?;
    Ok(())
}

/// Writes a bold header row from the first column (names that start like a formula stay text).
pub fn headers(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    names: &[&str],
) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        headers_at(ws, styles, (row, c as u16), name)?;
    }
    Ok(())
}

/// Writes one bold header cell (a name that starts like a formula stays text).
pub fn headers_at(
    ws: &mut Worksheet,
    styles: &Styles,
    (row, col): (u32, u16),
    name: &str,
) -> Result<(), XlsxError> {
    let format = if looks_like_formula(name) {
        &styles.header_quoted
    } else {
        &styles.header
    };
    ws.write_string_with_format(row, col, name, format)?;
    Ok(())
}
