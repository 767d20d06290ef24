//! Reads delimited text (CSV, TSV, semicolon or pipe separated) into a cell grid: detects the encoding
//! (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252) and the delimiter. Every cell stays text;
//! number and date rules live in `values`.

use super::error::IngestError;
use super::grid::{Cell, Sheet};
use super::limits::{Limit, Limits};
use std::path::Path;

/// Delimiters tried, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many lines the delimiter sniffer looks at.
const SNIFF_LINES: usize = 50;

/// UTF-16 without a byte-order mark, told by where its NUL bytes fall (ASCII text in UTF-16 has a NUL in
/// every other byte): the encoding, or `None`.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 6;
    let hardly = |n: usize| n * 100 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes bytes to text: a BOM decides first, then UTF-16 by its NUL pattern, then valid UTF-8, then the
/// legacy encoding the bytes are most likely in (`guess_encoding`: Windows-125x, ISO-8859-x, Shift_JIS,
/// EUC-JP, GBK, Big5, EUC-KR...). Returns the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let encoding = guess_encoding(bytes);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            (text.into_owned(), encoding.name())
        }
    }
}

/// `decode`, taking the bytes over: UTF-8 without a byte-order mark becomes the text in place.
fn decode_owned(bytes: Vec<u8>) -> (String, &'static str) {
    if encoding_rs::Encoding::for_bom(&bytes).is_some() || utf16_without_bom(&bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, "UTF-8"),
        Err(e) => decode(e.as_bytes()),
    }
}

/// The legacy encoding bytes that are not UTF-8 are most likely in, as web browsers guess it (chardetng).
pub fn guess_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// How a guessed encoding is named in `inspect`: the encoding and the share of characters that decode to
/// something a table can hold (not a replacement character, not a control code).
fn guessed_label(encoding: &str, text: &str) -> String {
    let (odd, chars) = odd_chars(text);
    let plausible = ((chars - odd) * 100) / chars;
    format!("{encoding}, guessed: {plausible}% of its characters read as text")
}

/// How many characters of a text no table holds (replacement characters for malformed bytes, control
/// codes other than tab, line breaks and form feed), and how many characters it has (at least 1).
fn odd_chars(text: &str) -> (usize, usize) {
    let odd = text
        .chars()
        .filter(|&c| {
            c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        })
        .count();
    (odd, text.chars().count().max(1))
}

/// Picks the delimiter that splits the first lines into the most consistent number of fields (at least 2).
pub fn detect_delimiter(text: &str) -> u8 {
    let sample: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
        .collect::<Vec<_>>()
        .join("\n");
    let mut best = (b',', 0usize, 0usize);
    for &delim in &DELIMITERS {
        let counts: Vec<usize> = csv_reader(delim, sample.as_bytes())
            .records()
            .map_while(Result::ok)
            .map(|r| r.len())
            .collect();
        let mut freq = std::collections::BTreeMap::new();
        for &c in counts.iter().filter(|&&c| c >= 2) {
            *freq.entry(c).or_insert(0usize) += 1;
        }
        // The most frequent field count (the widest on a tie) and how many lines have it.
        if let Some((&fields, &lines)) = freq.iter().max_by_key(|(f, l)| (**l, **f)) {
            if (lines, fields) > (best.1, best.2) {
                best = (delim, lines, fields);
            }
        }
    }
    best.0
}

/// Reads a delimited text file held in memory as a single sheet.
///
/// A quote that is opened and never closed makes a CSV reader swallow the rest of the file into one cell.
/// When the file's quotes do not pair up, each line is therefore read on its own, so a broken line is
/// rejected by itself and every other line still counts.
pub fn read_text(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    legacy: Option<&'static encoding_rs::Encoding>,
) -> Result<(Sheet, TextInfo), IngestError> {
    read_owned_text(path, bytes.to_vec(), limits, legacy)
}

/// `read_text`, taking the bytes over: a file in UTF-8 becomes the text without a copy (a large team's
/// CSV is tens of megabytes).
pub fn read_owned_text(
    path: &Path,
    bytes: Vec<u8>,
    limits: &Limits,
    legacy: Option<&'static encoding_rs::Encoding>,
) -> Result<(Sheet, TextInfo), IngestError> {
    let legacy_text = std::str::from_utf8(&bytes).is_err()
        && encoding_rs::Encoding::for_bom(&bytes).is_none()
        && utf16_without_bom(&bytes).is_none();
    let (text, encoding) = match legacy.filter(|_| legacy_text) {
        Some(given) => {
            let (text, _) = given.decode_without_bom_handling(&bytes);
            (text.into_owned(), given.name())
        }
        None => decode_owned(bytes),
    };
    let (text, mut notes) = clean_text(path, text, encoding)?;
    let encoding = match (legacy_text, legacy) {
        (true, Some(_)) => format!("{encoding}, as --encoding says"),
        (true, None) => guessed_label(encoding, &text),
        (false, _) => encoding.to_string(),
    };
    let delimiter = detect_delimiter(&text);
    let mut rows = TextRows::new(path, limits);
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        notes.push(
            "its quotes do not pair up (a quote is opened and never closed), so each line was read on its own"
                .to_string(),
        );
        read_each_line(&text, delimiter, &mut rows)?;
    } else {
        read_records(&text, delimiter, &mut rows)?;
    }
    let sheet = Sheet::at_a1(None, rows.cells);
    let info = TextInfo {
        encoding,
        delimiter,
        line_numbers: rows.lines,
        notes,
    };
    Ok((sheet, info))
}

/// Control codes other than tab and line breaks do not occur in tables: a few NULs are dropped (some
/// exporters pad with them) with a note, many control codes mean the bytes are not text in any encoding
/// known here.
fn clean_text(
    path: &Path,
    mut text: String,
    encoding: &str,
) -> Result<(String, Vec<String>), IngestError> {
    let mut notes = Vec::new();
    let nuls = text.matches('\0').count();
    if nuls > 0 {
        text = text.replace('\0', "");
        notes.push(format!(
            "{nuls} NUL byte{} removed from the text",
            if nuls == 1 { " was" } else { "s were" }
        ));
    }
    let (controls, chars) = odd_chars(&text);
    if controls * 100 > chars {
        return Err(IngestError::Unsupported {
            path: path.to_path_buf(),
            reason: format!(
                "text in no encoding ssi-pulse knows (UTF-8, UTF-16 or a legacy encoding it can guess): {}% of its characters are control codes or malformed bytes read as {encoding}; save it again as CSV UTF-8",
                (controls * 100).div_ceil(chars)
            ),
        });
    }
    Ok((text, notes))
}

/// The rows read from a text, with the 1-based line each starts on. Rows and cells are counted against
/// the limits as they come, and reading stops at the first limit passed.
struct TextRows<'a> {
    path: &'a Path,
    limits: &'a Limits,
    /// Cells read so far.
    cells_read: u64,
    cells: Vec<Vec<Cell>>,
    lines: Vec<u32>,
}

impl<'a> TextRows<'a> {
    fn new(path: &'a Path, limits: &'a Limits) -> TextRows<'a> {
        TextRows {
            path,
            limits,
            cells_read: 0,
            cells: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Adds a row read on `line`, unless it passes a limit.
    fn push(&mut self, cells: Vec<Cell>, line: u32) -> Result<(), IngestError> {
        let rows = self.cells.len() as u64 + 1;
        self.cells_read += cells.len() as u64;
        let over = if rows > self.limits.max_rows {
            Some((Limit::Rows, rows))
        } else if self.cells_read > self.limits.max_cells {
            Some((Limit::Cells, self.cells_read))
        } else {
            None
        };
        if let Some((limit, found)) = over {
            let (path, limits) = (self.path, self.limits);
            return Err(IngestError::limit_exceeded(
                path, None, limit, found, true, limits,
            ));
        }
        self.cells.push(cells);
        self.lines.push(line);
        Ok(())
    }

    /// Adds the blank row of an empty line the CSV reader passed over.
    fn push_blank(&mut self, line: u32) {
        self.cells.push(Vec::new());
        self.lines.push(line);
    }

    /// The error for a record the CSV reader cannot read.
    fn csv_error(&self, source: csv::Error) -> IngestError {
        IngestError::Csv {
            path: self.path.to_path_buf(),
            source,
        }
    }
}

/// The CSV reader for one delimiter: no header row, rows of any length.
fn csv_reader<R: std::io::Read>(delimiter: u8, from: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(from)
}

/// Reads each line as a record of its own (quotes that do not pair up cannot span lines).
fn read_each_line(text: &str, delimiter: u8, rows: &mut TextRows<'_>) -> Result<(), IngestError> {
    for (i, line) in text.lines().enumerate() {
        let cells = match csv_reader(delimiter, line.as_bytes()).records().next() {
            Some(record) => to_cells(&record.map_err(|e| rows.csv_error(e))?),
            None => Vec::new(),
        };
        rows.push(cells, i as u32 + 1)?;
    }
    Ok(())
}

/// Reads the text as CSV records, which may span lines. The CSV reader passes over empty lines; they come
/// back as blank rows (with their line numbers) so that a blank line inside the data is counted like a
/// blank spreadsheet row. Lines are counted from byte offsets, since the reader's own line count leaves
/// out empty lines.
fn read_records(text: &str, delimiter: u8, rows: &mut TextRows<'_>) -> Result<(), IngestError> {
    // The previous record's line and the newlines inside its fields.
    let mut previous: Option<(u32, u32)> = None;
    let (mut counted_to, mut line_at) = (0usize, 1u32);
    for record in csv_reader(delimiter, text.as_bytes()).records() {
        let record = record.map_err(|e| rows.csv_error(e))?;
        let mut byte = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(text.len());
        // The reported start can sit on the empty lines before the record.
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        line_at += text.as_bytes()[counted_to.min(byte)..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted_to = byte;
        let line = line_at;
        if let Some((prev_line, prev_newlines)) = previous {
            for blank in prev_line + prev_newlines + 1..line {
                rows.push_blank(blank);
            }
        }
        let newlines = record.iter().map(|f| f.matches('\n').count() as u32).sum();
        previous = Some((line, newlines));
        rows.push(to_cells(&record), line)?;
    }
    Ok(())
}

fn to_cells(record: &csv::StringRecord) -> Vec<Cell> {
    let mut cells: Vec<Cell> = record
        .iter()
        .map(|f| {
            if f.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(f.into())
            }
        })
        .collect();
    while cells.last().is_some_and(Cell::is_blank) {
        cells.pop();
    }
    cells
}

/// What the text reader detected.
#[derive(Debug, Clone)]
pub struct TextInfo {
    /// Encoding name (with how sure the guess is, for a guessed legacy encoding).
    pub encoding: String,
    /// The field delimiter.
    pub delimiter: u8,
    /// The 1-based line each grid row starts on (records may span lines).
    pub line_numbers: Vec<u32>,
    /// What the reader had to work around, one sentence each.
    pub notes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_semicolon_with_decimal_commas() {
        let text = "Date;SSI;Brand\n2025-01-06;52;12,5\n2025-01-13;53;12,7\n";
        assert_eq!(detect_delimiter(text), b';');
    }

    #[test]
    fn detects_comma_tab_and_pipe() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn bytes_taken_over_decode_as_bytes_lent() {
        let le: Vec<u8> = "Zoë".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let samples: [&[u8]; 6] = [
            b"Date,SSI\n2026-01-05,50",
            b"\xEF\xBB\xBFDate,SSI",
            b"Jos\xE9,Ren\xE9e",
            b"",
            &[0xFF, 0xFE, b'A', 0],
            &le,
        ];
        for bytes in samples {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
        assert_eq!(decode_owned(b"Jos\xE9".to_vec()).0, "José");
    }

    #[test]
    fn decodes_bom_utf16_and_windows_1252() {
        let (t, enc) = decode(b"\xEF\xBB\xBFDate,SSI");
        assert_eq!((t.as_str(), enc), ("Date,SSI", "UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Jos\u{e9}".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).0, "José");
        let (t, enc) = decode(b"Jos\xE9");
        assert_eq!((t.as_str(), enc), ("José", "windows-1252"));
    }

    #[test]
    fn legacy_encodings_of_many_scripts_are_guessed_and_decode_back() {
        // A tracker's header and three rows in each script, saved in the encoding its Excel writes.
        let cases: [(&str, &encoding_rs::Encoding); 7] = [
            ("日付,氏名,SSIスコア\n2026-05-04,山田太郎,52\n2026-05-11,佐藤花子,48\n2026-05-18,鈴木一郎,61\n", encoding_rs::SHIFT_JIS),
            ("日付,氏名,SSIスコア\n2026-05-04,山田太郎,52\n2026-05-11,佐藤花子,48\n2026-05-18,鈴木一郎,61\n", encoding_rs::EUC_JP),
            ("日期,姓名,总分\n2026-05-04,王小明,52\n2026-05-11,李娜,48\n2026-05-18,张伟,61\n", encoding_rs::GBK),
            ("日期,姓名,總分\n2026-05-04,陳志明,52\n2026-05-11,林美玲,48\n2026-05-18,黃建國,61\n", encoding_rs::BIG5),
            ("날짜,이름,점수\n2026-05-04,김민준,52\n2026-05-11,이서연,48\n2026-05-18,박지훈,61\n", encoding_rs::EUC_KR),
            ("Дата,Имя,Оценка\n2026-05-04,Иван Петров,52\n2026-05-11,Мария Смирнова,48\n2026-05-18,Олег Кузнецов,61\n", encoding_rs::WINDOWS_1251),
            ("Data,Imię i nazwisko,Wynik\n2026-05-04,Łukasz Wróbel,52\n2026-05-11,Zofia Kołodziej,48\n2026-05-18,Bożena Żółć,61\n", encoding_rs::WINDOWS_1250),
        ];
        for (text, encoding) in cases {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable, "{}", encoding.name());
            let (decoded, name) = decode(&bytes);
            assert_eq!(decoded, text, "{} guessed as {name}", encoding.name());
        }
    }

    /// Reads UTF-8 text with the default limits and no encoding given.
    fn read_plain(name: &str, text: &str) -> (Sheet, TextInfo) {
        read_text(Path::new(name), text.as_bytes(), &Limits::default(), None).unwrap()
    }

    #[test]
    fn an_unclosed_quote_costs_one_line_not_the_rest_of_the_file() {
        let text = "Person,Date,SSI\nAnn,2025-09-30,52\n\"Bob,2025-09-30,52\nBob,2025-10-15,54\n";
        let (sheet, info) = read_plain("q.csv", text);
        assert!(!info.notes.is_empty());
        assert_eq!(sheet.grid.rows.len(), 4);
        assert_eq!(sheet.grid.rows[3][0], Cell::Text("Bob".into()));
        assert_eq!(info.line_numbers, vec![1, 2, 3, 4]);
    }

    #[test]
    fn quoted_fields_with_newlines_stay_one_record() {
        let text = "Date,Note\n2025-10-06,\"two\nlines\"\n2025-10-13,x\n";
        let (sheet, info) = read_plain("n.csv", text);
        assert!(info.notes.is_empty());
        assert_eq!(sheet.grid.rows.len(), 3);
        assert_eq!(info.line_numbers, vec![1, 2, 4]);
    }

    #[test]
    fn empty_lines_come_back_as_blank_rows() {
        let text = "Date,Note\n2025-10-06,\"two\nlines\"\n\n2025-10-13,x\n";
        let (sheet, info) = read_plain("n.csv", text);
        assert_eq!(info.line_numbers, vec![1, 2, 4, 5]);
        assert!(sheet.grid.rows[2].is_empty());
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_nul_bytes() {
        let text = "Date,SSI\n2025-10-06,52\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le), (text.to_string(), "UTF-16LE"));
        assert_eq!(decode(&be), (text.to_string(), "UTF-16BE"));
        // Stray NULs in UTF-8 text are not UTF-16.
        assert_eq!(utf16_without_bom(b"Date,SSI\n2025-10-06,5\x002\n"), None);
    }

    #[test]
    fn legacy_text_is_guessed_and_the_guess_can_be_overridden() {
        // "Zoë;Ærø" in ISO-8859-1 bytes, a header and one row.
        let bytes = b"Name;Date;SSI\nZo\xeb \xc6r\xf8;2025-10-06;52\n";
        let (sheet, info) = read_text(Path::new("l.csv"), bytes, &Limits::default(), None).unwrap();
        assert!(
            info.encoding.starts_with("windows-1252, guessed"),
            "{}",
            info.encoding
        );
        assert_eq!(sheet.grid.rows[1][0], Cell::Text("Zoë Ærø".into()));
        let (sheet, info) = read_text(
            Path::new("l.csv"),
            bytes,
            &Limits::default(),
            Some(encoding_rs::ISO_8859_2),
        )
        .unwrap();
        assert_eq!(info.encoding, "ISO-8859-2, as --encoding says");
        // ë, Ć and ř in ISO-8859-2.
        assert_eq!(sheet.grid.rows[1][0], Cell::Text("Zoë Ćrř".into()));
        // UTF-8 stays UTF-8 whatever --encoding says.
        let (_, info) = read_text(
            Path::new("u.csv"),
            "Name;SSI\nZoë;52\n".as_bytes(),
            &Limits::default(),
            Some(encoding_rs::SHIFT_JIS),
        )
        .unwrap();
        assert_eq!(info.encoding, "UTF-8");
    }

    #[test]
    fn stray_nuls_are_removed_with_a_note_and_control_codes_refused() {
        let (sheet, info) = read_text(
            Path::new("n.csv"),
            b"Date,SSI\n2025-10-06,5\x002\n\x00\x00",
            &Limits::default(),
            None,
        )
        .unwrap();
        assert_eq!(sheet.grid.rows[1][1], Cell::Text("52".into()));
        assert_eq!(info.notes, ["3 NUL bytes were removed from the text"]);
        let err = read_text(
            Path::new("c.csv"),
            b"Date\x01\x02\x03,SSI\x04\x05",
            &Limits::default(),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("'c.csv' is not a spreadsheet or CSV file: text in no encoding"),
            "{err}"
        );
    }
}
