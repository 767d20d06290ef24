//! Property tests: random tidy tables written out the ways people save them (CSV with any delimiter,
//! encoding and date format; xlsx) read back to the same values, and every row is accounted for.

use super::accounting_tests::HEADER;
use super::grid::Sheet;
use super::headers::HeaderMap;
use super::table::{read_sheet, SheetContext};
use super::values::DateOrder;
use crate::model::schema::SsiColumn;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use std::path::Path;

#[derive(Debug, Clone)]
struct Row {
    person: &'static str,
    date: NaiveDate,
    components: [f64; 4],
    posts: u32,
}

impl Row {
    fn ssi(&self) -> f64 {
        self.components.iter().sum::<f64>().round()
    }
}

const PEOPLE: [&str; 4] = ["Ann", "José Álvarez", "Zoë Smith", "Bo"];

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0usize..PEOPLE.len(),
            0i64..700,
            prop::array::uniform4(0u32..=2500),
            0u32..50,
        ),
        1..25,
    )
    .prop_map(|raw| {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        raw.into_iter()
            .filter(|(p, d, _, _)| seen.insert((*p, *d)))
            .map(|(p, d, c, posts)| Row {
                person: PEOPLE[p],
                date: start + Duration::days(d),
                components: c.map(|x| f64::from(x) / 100.0),
                posts,
            })
            .collect()
    })
}

fn check(rows: &[Row], sheet: &Sheet, order: Option<DateOrder>, line_numbers: Option<&[u32]>) {
    let headers = HeaderMap::default();
    let ctx = SheetContext {
        default_person: "nobody",
        source: 0,
        row_numbers: line_numbers,
        date_order: order,
        headers: &headers,
        as_of: None,
        decimal_comma_hint: None,
        file_date: None,
        title_names: true,
    };
    let (f, out) = read_sheet(sheet, &ctx);
    assert_eq!(f.rows_read, rows.len());
    assert_eq!(
        f.rows_read,
        f.rows_used + f.rejections.len() + f.rows_skipped()
    );
    assert!(f.rejections.is_empty(), "{:?}", f.rejections);
    assert_eq!(out.ssi.len(), rows.len());
    let activity = out.activity.expect("activity");
    for (i, row) in rows.iter().enumerate() {
        let got = &out.ssi[i];
        assert_eq!(got.person, row.person);
        assert_eq!(got.date, row.date);
        assert_eq!(got.values.get(SsiColumn::Ssi), Some(row.ssi()));
        for (k, got) in got.values.components().into_iter().enumerate() {
            assert_eq!(got, Some(row.components[k]), "row {i} component {k}");
        }
        assert_eq!(activity.rows[i].values.get(0), Some(f64::from(row.posts)));
    }
}

fn csv_text(rows: &[Row], delimiter: char, decimal_comma: bool, date_format: &str) -> String {
    let number = |x: f64| {
        let s = format!("{x}");
        if decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let quote = |s: String| {
        if s.contains(delimiter) || s.contains('"') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let d = delimiter.to_string();
    let mut out = HEADER.replace(',', &d);
    out.push('\n');
    for r in rows {
        let mut fields = vec![
            r.person.to_string(),
            r.date.format(date_format).to_string(),
            number(r.ssi()),
        ];
        fields.extend(r.components.iter().map(|c| number(*c)));
        fields.push(r.posts.to_string());
        out.push_str(&fields.into_iter().map(quote).collect::<Vec<_>>().join(&d));
        out.push('\n');
    }
    out
}

fn encode(text: &str, encoding: usize) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        2 => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        3 => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        _ => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn csv_round_trips_in_any_delimiter_encoding_and_date_format(
        rows in rows(),
        delimiter in prop::sample::select(vec![',', ';', '\t', '|']),
        encoding in 0usize..5,
        date_format in prop::sample::select(vec!["%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %b %Y", "%b %d, %Y"]),
    ) {
        let decimal_comma = delimiter == ';';
        let text = csv_text(&rows, delimiter, decimal_comma, date_format);
        let bytes = encode(&text, encoding);
        let (sheet, info) = super::text::read_text(Path::new("t.csv"), &bytes, &Default::default(), None).expect("readable");
        // Day-first files say so (as a user would with --date-order) when no day above 12 settles it.
        let order = date_format.starts_with("%d").then_some(DateOrder::DayFirst);
        check(&rows, &sheet, order, Some(&info.line_numbers));
    }

    #[test]
    fn xlsx_round_trips(rows in rows(), dates_as_text in any::<bool>()) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let date_fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in ["Name", "Date", "SSI", "Brand", "People", "Insights", "Relationships", "Posts"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for (i, r) in rows.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_string(row, 0, r.person).expect("write");
            if dates_as_text {
                ws.write_string(row, 1, r.date.to_string()).expect("write");
            } else {
                use chrono::Datelike;
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(r.date.year() as u16, r.date.month() as u8, r.date.day() as u8).expect("date");
                ws.write_datetime_with_format(row, 1, d, &date_fmt).expect("write");
            }
            ws.write_number(row, 2, r.ssi()).expect("write");
            for k in 0..4 {
                ws.write_number(row, 3 + k as u16, r.components[k]).expect("write");
            }
            ws.write_number(row, 7, f64::from(r.posts)).expect("write");
        }
        let bytes = wb.save_to_buffer().expect("xlsx");
        let sheets = super::excel::read_workbook(Path::new("t.xlsx"), bytes, super::excel::WorkbookFormat::Xlsx, &Default::default()).expect("readable");
        check(&rows, &sheets[0], None, None);
    }
}
