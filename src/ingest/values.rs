//! Cell value rules: numbers (thousands separators, decimal commas, "Top 2%", "52 out of 100"), dates
//! (Excel date cells and serials, ISO and common text forms with the day/month order decided per column)
//! and the blank markers people type ("-", "n/a"). Pure functions; no knowledge of tables.

use super::grid::Cell;
use chrono::{Duration, NaiveDate};

/// A parsed number and whether it was written with a percent sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value as written (a percent sign does not divide it by 100).
    pub value: f64,
    /// True when the text carried `%`.
    pub percent: bool,
}

/// Texts that mean "no value".
fn is_blank_marker(t: &str) -> bool {
    matches!(
        t.to_ascii_lowercase().as_str(),
        "" | "-" | "--" | "–" | "—" | "n/a" | "na" | "#n/a" | "none" | "null" | "?"
    )
}

/// Whether a table writes decimals with a comma (`12,5`, `1.234,5`): decided from all its text numbers,
/// it settles the ambiguous `1.234` (a thousand and more with a decimal comma, else one and a bit) and
/// `1,234`.
pub fn detect_decimal_comma<'a>(cells: impl Iterator<Item = &'a Cell>) -> Option<bool> {
    let (mut comma, mut point) = (0usize, 0usize);
    for cell in cells {
        let Cell::Text(t) = cell else { continue };
        let t = t.trim();
        let digits_after = |sep: char| t.rsplit_once(sep).map(|(_, d)| d.len());
        let numeric = !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | ' ' | '%'));
        if !numeric {
            continue;
        }
        match (t.contains(','), t.contains('.')) {
            (true, true) => {
                if t.rfind(',') > t.rfind('.') {
                    comma += 1;
                } else {
                    point += 1;
                }
            }
            // One separator only: "25.11.2026" is a date, not a number.
            (true, false) if t.matches(',').count() == 1 && digits_after(',') != Some(3) => {
                comma += 1
            }
            (false, true) if t.matches('.').count() == 1 && digits_after('.') != Some(3) => {
                point += 1
            }
            _ => {}
        }
    }
    match (comma, point) {
        (0, 0) => None,
        (c, p) => Some(c > p),
    }
}

/// Reads a cell as a number. `Ok(None)` for blank cells and blank markers.
pub fn parse_number_cell(cell: &Cell) -> Result<Option<Number>, String> {
    parse_number_cell_with(cell, None)
}

/// Reads a cell as a number, with the table's decimal separator when known.
pub fn parse_number_cell_with(
    cell: &Cell,
    decimal_comma: Option<bool>,
) -> Result<Option<Number>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(Number {
            value: *n,
            percent: false,
        })),
        Cell::Number(n) => Err(format!("{n} is not a finite number")),
        Cell::Text(t) => {
            let t = t.trim();
            if is_blank_marker(t) {
                return Ok(None);
            }
            parse_number_text_with(t, decimal_comma)
                .map(Some)
                .ok_or_else(|| match t.parse::<f64>() {
                    Ok(n) if !n.is_finite() => format!("'{t}' is not a finite number"),
                    _ => format!("'{t}' is not a number"),
                })
        }
        Cell::Bool(b) => Err(format!("{b} (a true/false cell) is not a number")),
        Cell::DateTime(d) => Err(format!("{} (a date) is not a number", d.date())),
        Cell::Error(e) => Err(format!("the cell holds the spreadsheet error {e}")),
    }
}

/// Parses number text: "12.5", "12,5", "1,234", "1.234,5", "1 234", "Top 2%", "2 %", "52 out of 100",
/// "52 de 100". Returns `None` for anything else.
pub fn parse_number_text(text: &str) -> Option<Number> {
    parse_number_text_with(text, None)
}

/// Parses number text with the table's decimal separator when known (see `detect_decimal_comma`).
pub fn parse_number_text_with(text: &str, decimal_comma: Option<bool>) -> Option<Number> {
    plain_decimal(text.trim(), decimal_comma).or_else(|| parse_written_number(text, decimal_comma))
}

/// `parse_number_text_with` for any way of writing a number (ranks, "52 of 100", separators...).
fn parse_written_number(text: &str, decimal_comma: Option<bool>) -> Option<Number> {
    let mut t = text.trim().to_string();
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` are valid in `t`.
    let lower = t.to_ascii_lowercase();
    for prefix in ["top ", "primeiros ", "los primeros ", "top"] {
        if lower.starts_with(prefix) {
            t = t[prefix.len()..].trim().to_string();
            break;
        }
    }
    // Japanese 上位 and Chinese 前 ("top") before a rank.
    for prefix in ["上位", "前"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim().to_string();
            break;
        }
    }
    // "Top 2 % der Branche": words after the percent sign say whose rank it is.
    if let Some(pos) = t.find('%') {
        let after = &t[pos + 1..];
        if !after.trim().is_empty() && after.chars().all(|c| c.is_alphabetic() || c == ' ') {
            t = t[..=pos].to_string();
        }
    }
    // "52 out of 100", "52 of 100", "52 de 100", "46 von 100", "52 sur 100", "52/100"
    let lower = t.to_ascii_lowercase();
    for sep in [
        " out of ", " of ", " de ", " von ", " sur ", " su ", " van ", "/",
    ] {
        if let Some(pos) = lower.find(sep) {
            if lower[pos + sep.len()..].trim() == "100" {
                t = t[..pos].trim().to_string();
                break;
            }
        }
    }
    let mut percent = false;
    if let Some(stripped) = t.strip_suffix('%') {
        percent = true;
        t = stripped.trim().to_string();
    }
    // Spaces (including no-break and thin spaces) are thousands separators inside a number.
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    let value = normalize_separators(&t, decimal_comma)?
        .parse::<f64>()
        .ok()?;
    value.is_finite().then_some(Number { value, percent })
}

/// A number written plainly (`52`, `-3.25`): digits with at most one decimal point, read without the
/// rewriting above (most cells of a CSV export are such). A point in a table that writes decimal commas
/// may be a thousands separator, so there it is left to the full reading.
fn plain_decimal(t: &str, decimal_comma: Option<bool>) -> Option<Number> {
    let body = t.strip_prefix('-').unwrap_or(t);
    let dots = body.bytes().filter(|b| *b == b'.').count();
    let plain = body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && (dots == 0 || (dots == 1 && decimal_comma != Some(true)));
    if !plain {
        return None;
    }
    let value = t.parse::<f64>().ok()?;
    value.is_finite().then_some(Number {
        value,
        percent: false,
    })
}

/// Rewrites thousands and decimal separators to a plain `1234.5` form.
fn normalize_separators(t: &str, decimal_comma: Option<bool>) -> Option<String> {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        // Let Rust's parser judge exponents and the like, but never words such as "inf" or "nan".
        let plain = t.to_ascii_lowercase();
        let ok = plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '-' | '+'));
        return ok.then(|| t.to_string());
    }
    let sign = if t.starts_with('-') { "-" } else { "" };
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let three_after = |sep: char| body.rsplit_once(sep).is_some_and(|(_, d)| d.len() == 3);
    let out = match (commas, dots) {
        // "1.234" in a table that writes decimal commas is a thousand and more.
        (0, 1) if decimal_comma == Some(true) && three_after('.') && !body.starts_with("0.") => {
            body.replace('.', "")
        }
        (0, _) if dots <= 1 => body.to_string(),
        // "1,234" in a table that writes decimal commas is one and a bit.
        (1, 0) if decimal_comma == Some(true) => body.replace(',', "."),
        (0, _) => thousands(body, '.')?,
        (_, 0) if commas == 1 => {
            let after = body.len() - body.rfind(',')? - 1;
            if after == 3 && !body.starts_with("0,") {
                body.replace(',', "")
            } else {
                body.replace(',', ".")
            }
        }
        (_, 0) => thousands(body, ',')?,
        _ => {
            let last_comma = body.rfind(',')?;
            let last_dot = body.rfind('.')?;
            if last_comma > last_dot {
                // 1.234,5
                thousands(&body[..last_comma], '.')? + "." + &body[last_comma + 1..]
            } else {
                thousands(&body[..last_dot], ',')? + &body[last_dot..]
            }
        }
    };
    Some(format!("{sign}{out}"))
}

/// Removes a thousands separator after checking every group but the first has three digits.
fn thousands(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// Day/month order for slash- or dot-separated dates, decided once per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 9/27/2025 (LinkedIn, US).
    MonthFirst,
    /// 27/09/2025 (Europe).
    DayFirst,
}

/// What the values of a date column say about day/month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// No numeric day/month dates in the column: order does not matter.
    NotNeeded,
    /// Some value settles it (a first part above 12 means day first, a second part above 12 month first).
    Settled(DateOrder),
    /// Numeric day/month dates, none of which settles the order.
    Ambiguous,
}

/// Looks at every value of a date column for evidence of its day/month order.
pub fn detect_date_order<'a>(cells: impl Iterator<Item = &'a Cell>) -> OrderEvidence {
    let mut day_first = 0;
    let mut month_first = 0;
    let mut numeric = 0;
    let mut dotted = 0;
    for cell in cells {
        if let Cell::Text(t) = cell {
            if let Some((a, b, _)) = split_numeric_date(t.trim()) {
                numeric += 1;
                if t.contains('.') {
                    dotted += 1;
                }
                if a > 12 && b <= 12 {
                    day_first += 1;
                } else if b > 12 && a <= 12 {
                    month_first += 1;
                }
            }
        }
    }
    if day_first > month_first {
        OrderEvidence::Settled(DateOrder::DayFirst)
    } else if month_first > 0 {
        OrderEvidence::Settled(DateOrder::MonthFirst)
    } else if numeric > 0 && dotted == numeric {
        // 01.10.2025 is written day first wherever dots separate dates.
        OrderEvidence::Settled(DateOrder::DayFirst)
    } else if numeric > 0 {
        OrderEvidence::Ambiguous
    } else {
        OrderEvidence::NotNeeded
    }
}

/// Splits "a/b/yyyy", "a.b.yyyy" or "a-b-yyyy" (year last, two or four digits).
fn split_numeric_date(t: &str) -> Option<(u32, u32, i32)> {
    let date_part = t.split([' ', 'T', ',']).next()?;
    let sep = ['/', '.', '-']
        .into_iter()
        .find(|s| date_part.contains(*s))?;
    let parts: Vec<&str> = date_part.split(sep).collect();
    if parts.len() != 3 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let a = parts[0].parse().ok()?;
    let b = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    let year = match parts[2].len() {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    Some((a, b, year))
}

/// Reads a cell as a date. Plain numbers are Excel serial day numbers in the workbook's date system.
pub fn parse_date_cell(
    cell: &Cell,
    order: DateOrder,
    date_1904: bool,
) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::DateTime(dt) => Ok(Some(dt.date())),
        Cell::Number(n) => excel_serial_to_date(*n, date_1904)
            .map(Some)
            .ok_or_else(|| format!("{n} is not a date")),
        Cell::Text(t) => {
            let t = t.trim();
            if is_blank_marker(t) {
                return Ok(None);
            }
            parse_date_text(t, order)
                .map(Some)
                .ok_or_else(|| date_text_problem(t, order))
        }
        Cell::Bool(b) => Err(format!("{b} is not a date")),
        Cell::Error(e) => Err(format!("the cell holds the spreadsheet error {e}")),
    }
}

/// Why date text is refused: a date outside the years a snapshot can have, or no date at all.
fn date_text_problem(t: &str, order: DateOrder) -> String {
    use chrono::Datelike;
    match parse_date_text_any(t, order) {
        Some(d) if d.year() < 1900 => format!(
            "'{t}' is a date in {}, long before LinkedIn existed (2003)",
            d.year()
        ),
        Some(d) => format!(
            "'{t}' is a date in {}, too far ahead to be a snapshot",
            d.year()
        ),
        None => format!("'{t}' is not a date (expected e.g. 2025-10-06)"),
    }
}

/// Converts an Excel serial day number to a date, in the 1900 date system (day 1 = 1900-01-01, with
/// Excel's phantom 1900-02-29) or the 1904 system (day 0 = 1904-01-01) older Mac workbooks use.
pub fn excel_serial_to_date(serial: f64, date_1904: bool) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = if date_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// True for a time of day as written in a cell: "9:30", "09:30:15", "9:30 PM".
pub fn is_clock_time(t: &str) -> bool {
    let t = t.trim();
    let t = t
        .strip_suffix("AM")
        .or_else(|| t.strip_suffix("PM"))
        .or_else(|| t.strip_suffix("am"))
        .or_else(|| t.strip_suffix("pm"))
        .unwrap_or(t)
        .trim();
    let parts: Vec<&str> = t.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// Parses date text: ISO (with or without a time), `yyyy/mm/dd`, numeric day/month forms in the given
/// order, and month-name forms ("06 Oct 2025", "Oct 6, 2025", "October 6, 2025").
pub fn parse_date_text(t: &str, order: DateOrder) -> Option<NaiveDate> {
    use chrono::Datelike;
    // A year outside this range is a misreading (chrono reads "Oct 2025" as day 20 of year 25).
    parse_date_text_any(t, order).filter(|d| (1900..=2200).contains(&d.year()))
}

/// Month names and abbreviations (English and Portuguese), lowercase, for month-only dates.
const MONTHS: [(&str, u32); 24] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("fev", 2),
    ("abr", 4),
    ("mai", 5),
    ("ago", 8),
    ("set", 9),
    ("out", 10),
    ("dez", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("outubro", 10),
    ("sept", 9),
];

/// "Oct 2025", "October 2025", "2025-10", "10/2025": the first day of that month.
fn parse_month_only(t: &str) -> Option<NaiveDate> {
    let lower = t.trim().to_lowercase();
    let parts: Vec<&str> = lower
        .split([' ', '/', '-', '.', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b] = parts.as_slice() else {
        return None;
    };
    let year = |s: &str| (s.len() == 4).then(|| s.parse::<i32>().ok()).flatten();
    let month_name = |s: &str| {
        MONTHS
            .iter()
            .find(|(name, _)| s.starts_with(name) && s.len() <= 9)
            .map(|(_, m)| *m)
    };
    let month_number = |s: &str| {
        (s.len() <= 2)
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    };
    let (y, m) = if let Some(y) = year(a) {
        (y, month_number(b).or_else(|| month_name(b))?)
    } else {
        (year(b)?, month_number(a).or_else(|| month_name(a))?)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn parse_date_text_any(t: &str, order: DateOrder) -> Option<NaiveDate> {
    let t = t.trim().trim_end_matches(" UTC");
    // Year first: "2025-10-06", "2025-10-06 23:49:02", "2025-10-06T09:30", "2025/10/06", and the first
    // date of a range such as "2025-9-29 – 2025-10-5".
    let first_token = t.split([' ', 'T']).next().unwrap_or(t);
    let bytes = first_token.as_bytes();
    if bytes.len() > 4
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && matches!(bytes[4], b'-' | b'/')
    {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(first_token, fmt) {
                return Some(d);
            }
        }
    }
    if let Some((a, b, year)) = split_numeric_date(t) {
        let (month, day) = match order {
            DateOrder::MonthFirst => (a, b),
            DateOrder::DayFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    for fmt in [
        "%d %b %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d %B %Y",
        "%b %d %Y",
        "%d-%b-%Y",
        "%b. %d, %Y",
        "%d %b. %Y",
        "%a, %b %d, %Y",
        "%A, %B %d, %Y",
        "%Y.%m.%d",
    ] {
        // A time may follow the date: "May 13, 2026 8:01 AM", "13 May 2026, 08:01".
        if let Ok((d, rest)) = NaiveDate::parse_and_remainder(t, fmt) {
            use chrono::Datelike;
            if is_time_of_day(rest) && (1900..=2200).contains(&d.year()) {
                return Some(d);
            }
        }
    }
    iso_week(t).or_else(|| parse_month_only(t))
}

/// What may follow a date in the same cell: nothing, or a time of day ("8:01 AM", "T09:30:00Z",
/// ", 14:22:11.123").
fn is_time_of_day(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', ',', 'T', '@']);
    rest.is_empty()
        || (rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.contains(':')
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | ' ' | '+' | '-')))
}

/// The first cell that is an ISO week (`2026-W18`, `Week 18, 2026`), with the Monday it is read as, so
/// the report can say how weeks became dates.
pub fn first_iso_week<'a>(
    mut cells: impl Iterator<Item = &'a Cell>,
) -> Option<(&'a str, NaiveDate)> {
    cells.find_map(|cell| match cell {
        Cell::Text(t) => iso_week(t).map(|monday| (t.trim(), monday)),
        _ => None,
    })
}

/// An ISO week as weekly trackers write it, read as its Monday: `2026-W18`, `2026W18`, `W18 2026`,
/// `Week 18, 2026`, `week 18 2026`.
fn iso_week(t: &str) -> Option<NaiveDate> {
    let lower = t.trim().to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let week_of = |p: &str| {
        p.strip_prefix("week")
            .or_else(|| p.strip_prefix('w'))
            .filter(|n| !n.is_empty())
            .and_then(|n| n.parse::<u32>().ok())
    };
    let year = |p: &str| (p.len() == 4).then(|| p.parse::<i32>().ok()).flatten();
    let (y, w) = match parts.as_slice() {
        [y, w] if year(y).is_some() => (year(y)?, week_of(w)?),
        [w, y] if year(y).is_some() => (year(y)?, week_of(w)?),
        ["week", n, y] => (year(y)?, n.parse().ok()?),
        [yw] => {
            let (y, w) = yw.split_once('w')?;
            (year(y)?, w.parse().ok()?)
        }
        _ => return None,
    };
    NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(t: &str) -> Option<f64> {
        parse_number_text(t).map(|n| n.value)
    }

    #[test]
    fn parses_numbers_people_type() {
        assert_eq!(num("12.5"), Some(12.5));
        assert_eq!(num("12,5"), Some(12.5));
        assert_eq!(num("1,234"), Some(1234.0));
        assert_eq!(num("1.234,5"), Some(1234.5));
        assert_eq!(num("1,234.5"), Some(1234.5));
        assert_eq!(num("1 234"), Some(1234.0));
        assert_eq!(num("-3.25"), Some(-3.25));
        assert_eq!(num("0,125"), Some(0.125));
        assert_eq!(num("52 out of 100"), Some(52.0));
        assert_eq!(num("52 de 100"), Some(52.0));
        assert_eq!(num("abc"), None);
        assert_eq!(num("inf"), None);
        assert_eq!(num("NaN"), None);
        assert_eq!(num("1e309"), None);
        // Non-ASCII text must not trip the prefix and "out of 100" handling.
        assert_eq!(num("ȺȺȺȺȺ/100"), None);
        assert_eq!(num("TOP 3%"), Some(3.0));
    }

    #[test]
    fn the_tables_decimal_separator_settles_ambiguous_numbers() {
        let eu = [Cell::Text("12,5".into()), Cell::Text("1.234".into())];
        assert_eq!(detect_decimal_comma(eu.iter()), Some(true));
        let us = [Cell::Text("12.5".into()), Cell::Text("1,234".into())];
        assert_eq!(detect_decimal_comma(us.iter()), Some(false));
        assert_eq!(
            detect_decimal_comma([Cell::Text("1.234".into())].iter()),
            None
        );
        let dates = [Cell::Text("25.11.2026".into()), Cell::Text("12,5".into())];
        assert_eq!(detect_decimal_comma(dates.iter()), Some(true));
        let n = |t: &str, dc| parse_number_text_with(t, dc).map(|n| n.value);
        assert_eq!(n("1.234", Some(true)), Some(1234.0));
        assert_eq!(n("1,234", Some(true)), Some(1.234));
        assert_eq!(n("0.125", Some(true)), Some(0.125));
        assert_eq!(n("1.234", Some(false)), Some(1.234));
        assert_eq!(n("1,234", Some(false)), Some(1234.0));
    }

    #[test]
    fn parses_rank_spellings() {
        let top = parse_number_text("Top 2%").unwrap();
        assert_eq!((top.value, top.percent), (2.0, true));
        let plain = parse_number_text("2%").unwrap();
        assert_eq!((plain.value, plain.percent), (2.0, true));
        assert_eq!(num("Top 0.5%"), Some(0.5));
        assert_eq!(num("Primeiros 10%"), Some(10.0));
        assert_eq!(num("Los primeros 2%"), Some(2.0));
        assert_eq!(num("上位 12%"), Some(12.0));
        assert_eq!(num("前5%"), Some(5.0));
        assert_eq!(num("top 2%"), Some(2.0));
        assert_eq!(num("Top 2 %"), Some(2.0));
        assert_eq!(num("Top 2 % der Branche"), Some(2.0));
        assert_eq!(num("53 of 100"), Some(53.0));
        assert_eq!(num("46 von 100"), Some(46.0));
        assert_eq!(num("46 sur 100"), Some(46.0));
        assert_eq!(num("53/100"), Some(53.0));
    }

    #[test]
    fn blank_markers_are_missing_not_errors() {
        assert_eq!(parse_number_cell(&Cell::Text("n/a".into())), Ok(None));
        assert_eq!(parse_number_cell(&Cell::Text(" - ".into())), Ok(None));
        assert!(parse_number_cell(&Cell::Error("#DIV/0!".into())).is_err());
    }

    #[test]
    fn parses_dates_in_common_forms() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mf = DateOrder::MonthFirst;
        assert_eq!(parse_date_text("2025-10-06", mf), d(2025, 10, 6));
        assert_eq!(
            parse_date_text("2025-10-06 23:49:02 UTC", mf),
            d(2025, 10, 6)
        );
        assert_eq!(parse_date_text("2025/10/06", mf), d(2025, 10, 6));
        assert_eq!(parse_date_text("9/27/25, 8:41 AM", mf), d(2025, 9, 27));
        assert_eq!(
            parse_date_text("06/10/2025", DateOrder::DayFirst),
            d(2025, 10, 6)
        );
        assert_eq!(
            parse_date_text("06.10.2025", DateOrder::DayFirst),
            d(2025, 10, 6)
        );
        assert_eq!(parse_date_text("02 Mar 2022", mf), d(2022, 3, 2));
        assert_eq!(parse_date_text("Oct 6, 2025", mf), d(2025, 10, 6));
        assert_eq!(parse_date_text("2026-02-30", mf), None);
        assert_eq!(parse_date_text("2025-9-29 – 2025-10-5", mf), d(2025, 9, 29));
        assert_eq!(parse_date_text("2025-10-1€", mf), None);
        assert_eq!(parse_date_text("2025-10-06T09:30:00", mf), d(2025, 10, 6));
        assert_eq!(parse_date_text("soon", mf), None);
        assert_eq!(parse_date_text("Oct 2025", mf), d(2025, 10, 1));
        assert_eq!(parse_date_text("October 2025", mf), d(2025, 10, 1));
        assert_eq!(parse_date_text("2025-10", mf), d(2025, 10, 1));
        assert_eq!(parse_date_text("10/2025", mf), d(2025, 10, 1));
        assert_eq!(parse_date_text("out/2025", mf), d(2025, 10, 1));
        assert_eq!(parse_date_text("25-Nov-2026", mf), d(2026, 11, 25));
        assert_eq!(parse_date_text("Nov. 25, 2026", mf), d(2026, 11, 25));
        assert_eq!(parse_date_text("Wed, Nov 25, 2026", mf), d(2026, 11, 25));
        assert_eq!(parse_date_text("2026.11.25", mf), d(2026, 11, 25));
        assert_eq!(parse_date_text("0025-10-20", mf), None);
    }

    #[test]
    fn parses_the_dates_other_peoples_files_write() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mf = DateOrder::MonthFirst;
        // US short dates with two-digit years, whatever the month's width (a weekly team sheet).
        assert_eq!(parse_date_text("12/1/25", mf), d(2025, 12, 1));
        assert_eq!(parse_date_text("1/5/26", mf), d(2026, 1, 5));
        assert_eq!(parse_date_text("11/17/25", mf), d(2025, 11, 17));
        // Timestamps: fractional seconds and offsets (PostgreSQL, Python, JavaScript).
        for t in [
            "2026-05-01 10:22:11.123+00",
            "2026-05-01 10:22:11.123+0000",
            "2026-05-01T10:22:11+00:00",
            "2026-05-01T10:22:11.953Z",
            "2026-05-01 10:22:11.123456",
        ] {
            assert_eq!(parse_date_text(t, mf), d(2026, 5, 1), "{t}");
        }
        // A note-taking database's created time.
        assert_eq!(parse_date_text("May 13, 2026 8:01 AM", mf), d(2026, 5, 13));
        assert_eq!(parse_date_text("13 May 2026, 08:01", mf), d(2026, 5, 13));
        assert_eq!(parse_date_text("May 13, 2026 and more", mf), None);
        // ISO weeks, as their Monday (4 May 2026 is the Monday of week 19).
        for t in [
            "2026-W19",
            "2026W19",
            "W19 2026",
            "Week 19, 2026",
            "week 19 2026",
        ] {
            assert_eq!(parse_date_text(t, mf), d(2026, 5, 4), "{t}");
        }
        assert_eq!(parse_date_text("2026-W54", mf), None);
    }

    #[test]
    fn dates_out_of_range_say_what_is_wrong() {
        let mf = DateOrder::MonthFirst;
        let text = |t: &str| parse_date_cell(&Cell::Text(t.into()), mf, false).unwrap_err();
        assert_eq!(
            text("1842-03-01"),
            "'1842-03-01' is a date in 1842, long before LinkedIn existed (2003)"
        );
        assert_eq!(
            text("2842-03-01"),
            "'2842-03-01' is a date in 2842, too far ahead to be a snapshot"
        );
        assert_eq!(
            text("soon"),
            "'soon' is not a date (expected e.g. 2025-10-06)"
        );
    }

    #[test]
    fn date_order_is_decided_by_the_column() {
        let cells = [
            Cell::Text("05/10/2025".into()),
            Cell::Text("27/10/2025".into()),
        ];
        assert_eq!(
            detect_date_order(cells.iter()),
            OrderEvidence::Settled(DateOrder::DayFirst)
        );
        let cells = [
            Cell::Text("10/05/2025".into()),
            Cell::Text("10/27/2025".into()),
        ];
        assert_eq!(
            detect_date_order(cells.iter()),
            OrderEvidence::Settled(DateOrder::MonthFirst)
        );
        let cells = [
            Cell::Text("05/10/2025".into()),
            Cell::Text("06/10/2025".into()),
        ];
        assert_eq!(detect_date_order(cells.iter()), OrderEvidence::Ambiguous);
        let cells = [Cell::Text("2025-10-05".into())];
        assert_eq!(detect_date_order(cells.iter()), OrderEvidence::NotNeeded);
        let cells = [
            Cell::Text("01.10.2025".into()),
            Cell::Text("08.10.2025".into()),
        ];
        assert_eq!(
            detect_date_order(cells.iter()),
            OrderEvidence::Settled(DateOrder::DayFirst)
        );
    }

    #[test]
    fn excel_serials_use_the_1900_system() {
        assert_eq!(
            excel_serial_to_date(45936.0, false),
            NaiveDate::from_ymd_opt(2025, 10, 6)
        );
        assert_eq!(excel_serial_to_date(0.5, false), None);
        // The same day in the 1904 system is 1462 days lower.
        assert_eq!(
            excel_serial_to_date(45936.0 - 1462.0, true),
            NaiveDate::from_ymd_opt(2025, 10, 6)
        );
    }

    /// Formats a two-decimal number with the given thousands and decimal separators.
    fn grouped(cents: i64, thousands: char, decimal: char) -> String {
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        let int = (abs / 100).to_string();
        let mut out = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(thousands);
            }
            out.push(ch);
        }
        format!("{sign}{out}{decimal}{:02}", abs % 100)
    }

    proptest::proptest! {
        #[test]
        fn grouped_numbers_parse_back_in_both_conventions(cents in -10_000_000_000i64..10_000_000_000) {
            let x = cents as f64 / 100.0;
            let us = grouped(cents, ',', '.');
            let eu = grouped(cents, '.', ',');
            proptest::prop_assert_eq!(parse_number_text(&us).map(|n| n.value), Some(x), "{}", us);
            proptest::prop_assert_eq!(parse_number_text(&eu).map(|n| n.value), Some(x), "{}", eu);
        }

        #[test]
        fn iso_dates_parse_back(days in 0i64..80_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Duration::days(days);
            proptest::prop_assert_eq!(parse_date_text(&d.to_string(), DateOrder::MonthFirst), Some(d));
            let us = d.format("%m/%d/%Y").to_string();
            proptest::prop_assert_eq!(parse_date_text(&us, DateOrder::MonthFirst), Some(d));
            let eu = d.format("%d.%m.%Y").to_string();
            proptest::prop_assert_eq!(parse_date_text(&eu, DateOrder::DayFirst), Some(d));
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_decimals_read_as_the_full_reading_reads_them(
            text in "-?[0-9]{1,7}(\\.[0-9]{0,4})?",
            comma in proptest::option::of(proptest::bool::ANY),
        ) {
            proptest::prop_assert_eq!(
                parse_number_text_with(&text, comma),
                parse_written_number(&text, comma)
            );
        }
    }
}
