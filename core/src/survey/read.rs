//! Reading a survey export into a table of text cells.
//!
//! This module owns the file formats: CSV and TSV in UTF-8 (with or
//! without BOM), CP932 as Excel on Japanese Windows saves it, UTF-16
//! "Unicode text", and XLSX/XLS workbooks. It says which encoding it used.
//! It knows nothing of the survey's questions; `fields` does that.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE};

use super::SurveyError;

/// The kind of file a table came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Comma- or semicolon-separated text.
    Csv,
    /// Tab-separated text ("Unicode text").
    Tsv,
    /// An Excel workbook (first sheet).
    Xlsx,
}

/// A file's rows as text: the header row and the data rows beneath it.
#[derive(Clone, Debug)]
pub struct Table {
    /// What kind of file it was.
    pub format: Format,
    /// The encoding used to read it, as the user should see it.
    pub encoding: &'static str,
    /// The header cells, trimmed; blank headers become "column N".
    pub headers: Vec<String>,
    /// Data rows, each exactly as long as `headers`.
    pub rows: Vec<Vec<String>>,
    /// File row number (1 = the header) of each data row.
    pub row_numbers: Vec<u64>,
    /// Things worth telling the user that are not errors, such as ragged
    /// rows that were padded.
    pub notes: Vec<String>,
    /// True when the date-time cells came from a workbook as serial
    /// numbers and were written out as ISO 8601.
    pub iso_times: bool,
}

/// The most a single cell may hold. A free-text answer of 100,000
/// characters is 300 KB of UTF-8; a cell of megabytes is a damaged or
/// hostile file, and would swell the database and the window.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// Reads `path`, deciding its format and encoding from its bytes.
pub fn read_file(path: &Path) -> Result<(Table, Vec<u8>), SurveyError> {
    let file = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|source| SurveyError::Io { file: file.clone(), source })?;
    let table = read_bytes(&bytes, &file)?;
    Ok((table, bytes))
}

/// Reads a file already in memory; `file` names it in messages.
pub fn read_bytes(bytes: &[u8], file: &str) -> Result<Table, SurveyError> {
    let err = |reason: String| SurveyError::File { file: file.to_string(), reason };
    if bytes.is_empty() {
        return Err(err("the file is empty".into()));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return read_workbook(bytes, file);
    }
    let (text, encoding) = decode(bytes).ok_or_else(|| {
        err("the file is not text in UTF-8, Shift_JIS (CP932) or UTF-16, nor an Excel \
             workbook; export it as CSV or XLSX"
            .into())
    })?;
    if looks_binary(&text) {
        return Err(err("the file holds binary data, not a CSV export; export it as CSV \
                        or XLSX"
            .into()));
    }
    // An unclosed quote makes the csv reader take the rest of the file as
    // one cell; the cell limit below then refuses it, or the rows after it
    // are missing, but no message points at the quote yet.
    let delimiter = sniff_delimiter(&text);
    let format = if delimiter == b'\t' { Format::Tsv } else { Format::Csv };
    let split = (text.len() >= SPLIT_FROM_BYTES).then(|| record_start_after_middle(&text));
    let records = read_records(&text, delimiter, split.flatten())
        .map_err(|(line, e)| err(format!("line {line}: {e}")))?;
    // Rows are counted as a spreadsheet shows them (the header is row 1),
    // not as lines: a quoted cell may hold newlines.
    let records = records.into_iter().zip(1..).map(|(cells, row)| (row, cells)).collect();
    into_table(records, format, encoding, file, false)
}

/// Text of at least this many bytes is parsed in two halves at once.
const SPLIT_FROM_BYTES: usize = 1 << 20;

/// The records of `text`. With `split`, the part from there on is parsed
/// on a second thread while this one parses up to it; when the first
/// part's last record does not end exactly at `split` (a quote that the
/// split point misjudged), the second thread's work is dropped and this
/// one reads on to the end, so the records are always those one reader
/// would find. An error carries its line.
fn read_records(
    text: &str,
    delimiter: u8,
    split: Option<usize>,
) -> Result<Vec<Vec<String>>, (u64, csv::Error)> {
    let mut first = csv_reader(text.as_bytes(), delimiter);
    let Some(split) = split else {
        return read_until(&mut first, u64::MAX);
    };
    std::thread::scope(|scope| {
        let rest = &text.as_bytes()[split..];
        let second = scope.spawn(move || read_until(&mut csv_reader(rest, delimiter), u64::MAX));
        let mut records = read_until(&mut first, stop_before(text, split))?;
        let second = second.join().expect("reading records does not panic");
        match second {
            Ok(rest) if ends_at(&first, text, split) => records.extend(rest),
            // Read on from here: the right records, or the error with the
            // line it is on in the whole file.
            _ => records.extend(read_until(&mut first, u64::MAX)?),
        }
        Ok(records)
    })
}

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// Reads records until the reader has passed byte `stop` or the end.
///
/// The reader reads text already checked to be UTF-8, and splits it only
/// at ASCII delimiters, quotes and line ends, so every field is UTF-8
/// too; each is still checked, with the SIMD check, rather than trusted,
/// and the check csv's `StringRecord` would make of each record again is
/// left out.
fn read_until(
    reader: &mut csv::Reader<&[u8]>,
    stop: u64,
) -> Result<Vec<Vec<String>>, (u64, csv::Error)> {
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    while reader.position().byte() < stop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => records.push(
                record
                    .iter()
                    .map(|field| match simdutf8::basic::from_utf8(field) {
                        Ok(text) => text.to_string(),
                        Err(_) => String::from_utf8_lossy(field).into_owned(),
                    })
                    .collect(),
            ),
            Ok(false) => break,
            Err(e) => return Err((e.position().map_or(0, |p| p.line()), e)),
        }
    }
    Ok(records)
}

/// Where the first reader stops for a split at `split`: there, or at the
/// line feed of a CR LF before it, where the reader stands after a record
/// that the CR ended.
fn stop_before(text: &str, split: usize) -> u64 {
    let crlf = text[..split].ends_with("\r\n");
    (if crlf { split - 1 } else { split }) as u64
}

/// True when `reader` stopped at the record boundary `split`.
fn ends_at(reader: &csv::Reader<&[u8]>, text: &str, split: usize) -> bool {
    let at = reader.position().byte();
    at == split as u64 || at == stop_before(text, split)
}

/// The start of the first line after the middle of `text` that begins
/// outside quotes, by counting the quotes before it; `None` when there
/// is none.
fn record_start_after_middle(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quotes = bytes[..bytes.len() / 2].iter().filter(|&&b| b == b'"').count();
    for (i, &b) in bytes.iter().enumerate().skip(bytes.len() / 2) {
        match b {
            b'"' => quotes += 1,
            b'\n' if quotes % 2 == 0 && i + 1 < bytes.len() => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Decodes text by its BOM, else as UTF-8, else UTF-16 without BOM,
/// else CP932. `None` when no encoding reads it cleanly. UTF-8 text is
/// borrowed, not copied.
pub(crate) fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, &'static str)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let label = match enc.name() {
            "UTF-8" => "UTF-8 (BOM)",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (!had_errors).then_some((text, label));
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        if !looks_like_utf16(bytes) {
            return Some((Cow::Borrowed(text), "UTF-8"));
        }
    }
    if looks_like_utf16(bytes) {
        let even_zeros = bytes.iter().step_by(2).filter(|b| **b == 0).count();
        let odd_zeros = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let (enc, label) =
            if odd_zeros >= even_zeros { (UTF_16LE, "UTF-16LE") } else { (UTF_16BE, "UTF-16BE") };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return (!had_errors).then_some((text, label));
    }
    // Excel on Japanese Windows writes CP932; encoding_rs's Shift_JIS is
    // the WHATWG definition, which is CP932 with its NEC and IBM rows.
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    (!had_errors).then_some((text, "CP932 (Shift_JIS)"))
}

/// UTF-16 text without a BOM has a zero in every other byte of ASCII.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    sample.len() >= 4 && sample.iter().filter(|b| **b == 0).count() * 4 >= sample.len()
}

/// Decoded text with NULs or many control characters is not a CSV.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(8192).collect();
    let controls =
        sample.iter().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    sample.contains(&'\0') || controls * 20 > sample.len()
}

/// Picks the delimiter that the header line (outside quotes) uses most:
/// tab, comma or semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let (mut tabs, mut commas, mut semis, mut quoted) = (0, 0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if tabs > 0 && tabs >= commas {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// Reads the first sheet of a workbook.
///
/// An XLSX sheet is read cell by cell, and only rows that hold a
/// non-blank cell become records, each as wide as its last such cell, so
/// a stray cell far below or to the right (a 6 KB file can hold one at
/// row 200,000, column 5,000) neither costs the whole grid's memory nor
/// slips through: a sheet whose records would hold more than
/// [`MAX_SHEET_CELLS`] cells is refused. Other workbooks (XLS, XLSB, ODS)
/// are read whole by calamine, as their formats bound them (XLS) or are
/// rare for survey exports. Known shortcoming: a workbook that
/// decompresses to gigabytes of XML is read before any check.
fn read_workbook(bytes: &[u8], file: &str) -> Result<Table, SurveyError> {
    let err = |reason: String| SurveyError::File { file: file.to_string(), reason };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| err(format!("the workbook cannot be read: {e}")))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| err("the workbook has no sheets".into()))?;
    let unreadable = |e: &dyn std::fmt::Display| err(format!("sheet {sheet} cannot be read: {e}"));

    let records = if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        let mut cells = xlsx.worksheet_cells_reader(&sheet).map_err(|e| unreadable(&e))?;
        let mut rows: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if !text.trim().is_empty() {
                let (row, col) = cell.get_position();
                rows.entry(row).or_default().push((col, text));
            }
        }
        // Columns left of every value (a sheet that starts at column B)
        // are no column of the survey.
        let left = rows.values().flatten().map(|&(c, _)| c).min().unwrap_or(0);
        for cells in rows.values_mut() {
            cells.iter_mut().for_each(|(c, _)| *c -= left);
        }
        let size: u64 =
            rows.values().map(|r| r.iter().map(|&(c, _)| c as u64 + 1).max().unwrap_or(0)).sum();
        if size > MAX_SHEET_CELLS {
            let (row, col) = rows
                .iter()
                .flat_map(|(r, cells)| cells.iter().map(move |(c, _)| (*r, *c)))
                .max_by_key(|&(_, c)| c)
                .unwrap_or_default();
            return Err(err(format!(
                "sheet {sheet} spreads over more than {MAX_SHEET_CELLS} cells (row {}, \
                 column {} holds a value); a survey export is far smaller: clear the stray \
                 cells or copy the answers to a new sheet",
                row + 1,
                col + left + 1
            )));
        }
        rows.into_iter()
            .map(|(row, cells)| {
                let width = cells.iter().map(|&(c, _)| c as usize + 1).max().unwrap_or(0);
                let mut record = vec![String::new(); width];
                for (col, text) in cells {
                    record[col as usize] = text;
                }
                (row as u64 + 1, record)
            })
            .collect()
    } else {
        let range = book.worksheet_range(&sheet).map_err(|e| unreadable(&e))?;
        let first_row = range.start().map_or(0, |(r, _)| r as u64);
        range
            .rows()
            .enumerate()
            .map(|(i, row)| (first_row + i as u64 + 1, row.iter().map(cell_text).collect()))
            .collect()
    };
    into_table(records, Format::Xlsx, "XLSX", file, true)
}

/// The most cells the rows of a sheet may hold, counted as each row's width
/// to its last non-blank cell: 20 million, ten times a 200,000-row export
/// of ten questions.
pub const MAX_SHEET_CELLS: u64 = 20_000_000;

/// A workbook cell as text. Date-times (Microsoft Forms stores them as
/// serial numbers with a date format) become ISO 8601 local times.
///
/// Known shortcomings: a serial is read in Excel's 1900 date system even
/// in a 1904 workbook (calamine does not say which a cell's workbook
/// uses), and a number's format is not read, so an amount formatted as
/// dollars reads as a plain number in the base currency.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => super::values::excel_serial_to_datetime(dt.as_f64())
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // As Excel shows it ("#DIV/0!"), so the flag names what the user sees.
        Data::Error(e) => e.to_string(),
    }
}

/// Turns raw records into a table: the first non-blank record is the
/// header; blank records are dropped; short rows are padded and long ones
/// keep their extra cells under "column N" headers.
fn into_table(
    records: Vec<(u64, Vec<String>)>,
    format: Format,
    encoding: &'static str,
    file: &str,
    iso_times: bool,
) -> Result<Table, SurveyError> {
    let err = |reason: String| SurveyError::File { file: file.to_string(), reason };
    let blank = |cells: &[String]| cells.iter().all(|c| c.trim().is_empty());
    let mut records = records.into_iter().filter(|(_, cells)| !blank(cells));
    let (_, header) = records.next().ok_or_else(|| err("the file has no rows".into()))?;
    let mut headers: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim().trim_start_matches('\u{feff}').trim();
            if h.is_empty() {
                format!("column {}", i + 1)
            } else {
                h.to_string()
            }
        })
        .collect();
    dedupe_headers(&mut headers);

    let mut table = Table {
        format,
        encoding,
        headers,
        rows: Vec::new(),
        row_numbers: Vec::new(),
        notes: Vec::new(),
        iso_times,
    };
    let width = table.headers.len();
    let (mut short, mut long, mut repeated) = (Vec::new(), Vec::new(), Vec::new());
    for (line, mut cells) in records {
        // A header row pasted again under the first (two exports joined
        // by hand) is not a response.
        if cells.len() >= width && cells.iter().zip(&header).all(|(c, h)| c.trim() == h.trim()) {
            repeated.push(line);
            continue;
        }
        if let Some((col, cell)) = cells.iter().enumerate().find(|(_, c)| c.len() > MAX_CELL_BYTES)
        {
            return Err(err(format!(
                "row {line}, column {}: the cell holds {} bytes, more than the {} a survey \
                 answer may have",
                table.headers.get(col).map_or_else(|| format!("{}", col + 1), Clone::clone),
                cell.len(),
                MAX_CELL_BYTES
            )));
        }
        if cells.len() < width {
            // A sheet's row simply ends at its last value; only a text
            // file's row can be short of cells.
            if format != Format::Xlsx {
                short.push(line);
            }
            cells.resize(width, String::new());
        } else if cells.len() > width {
            long.push(line);
            while table.headers.len() < cells.len() {
                let n = table.headers.len() + 1;
                table.headers.push(format!("column {n}"));
            }
        }
        table.row_numbers.push(line);
        table.rows.push(cells);
    }
    let width = table.headers.len();
    for row in &mut table.rows {
        row.resize(width, String::new());
    }
    if !repeated.is_empty() {
        table.notes.push(format!(
            "{} row(s) repeated the header row and were skipped (rows {})",
            repeated.len(),
            list_rows(&repeated)
        ));
    }
    if !short.is_empty() {
        table.notes.push(format!(
            "{} row(s) had fewer cells than the header and were padded with blanks (rows {})",
            short.len(),
            list_rows(&short)
        ));
    }
    if !long.is_empty() {
        table.notes.push(format!(
            "{} row(s) had more cells than the header; the extra cells are kept under \
             \"column N\" headers (rows {})",
            long.len(),
            list_rows(&long)
        ));
    }
    if table.rows.is_empty() {
        return Err(err("the file has a header row but no responses under it".into()));
    }
    Ok(table)
}

fn dedupe_headers(headers: &mut [String]) {
    for i in 1..headers.len() {
        let mut n = 2;
        let base = headers[i].clone();
        while headers[..i].contains(&headers[i]) {
            headers[i] = format!("{base} ({n})");
            n += 1;
        }
    }
}

fn list_rows(rows: &[u64]) -> String {
    let mut s: Vec<String> = rows.iter().take(10).map(u64::to_string).collect();
    if rows.len() > 10 {
        s.push("…".into());
    }
    s.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_with_crlf_reads_as_japanese() {
        let (bytes, _, _) = SHIFT_JIS.encode("部署,月額費用\r\n営業部,\"3,000円\"\r\n");
        let t = read_bytes(&bytes, "x.csv").expect("reads");
        assert_eq!(t.encoding, "CP932 (Shift_JIS)");
        assert_eq!(t.headers, vec!["部署", "月額費用"]);
        assert_eq!(t.rows[0], vec!["営業部", "3,000円"], "the quoted comma stays in the cell");
    }

    #[test]
    fn utf16_unicode_text_is_tab_separated() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "部署\t課題\r\n経理部\tコスト\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = read_bytes(&bytes, "x.txt").expect("reads");
        assert_eq!((t.encoding, t.format), ("UTF-16LE", Format::Tsv));
        assert_eq!(t.rows[0], vec!["経理部", "コスト"]);
    }

    #[test]
    fn a_bom_is_reported_and_not_part_of_the_first_header() {
        let t = read_bytes("\u{feff}Timestamp,Department\n1,2\n".as_bytes(), "x").expect("reads");
        assert_eq!(t.encoding, "UTF-8 (BOM)");
        assert_eq!(t.headers[0], "Timestamp");
    }

    #[test]
    fn empty_header_only_and_binary_files_say_what_is_wrong() {
        let msg = |b: &[u8]| read_bytes(b, "f.csv").unwrap_err().to_string();
        assert!(msg(b"").contains("empty"), "{}", msg(b""));
        assert!(msg(b"a,b\n").contains("no responses"), "{}", msg(b"a,b\n"));
        let binary: Vec<u8> =
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(msg(&binary).contains("f.csv"), "the message names the file");
    }

    #[test]
    fn a_header_row_repeated_below_is_skipped_and_noted() {
        let t = read_bytes(b"a,b\n1,2\na,b\n3,4\n", "x").expect("reads");
        assert_eq!(t.rows.len(), 2, "the repeated header is not a response");
        assert!(t.notes[0].contains("repeated the header"), "{:?}", t.notes);
    }

    #[test]
    fn a_cell_of_megabytes_is_refused_with_its_row_and_column() {
        let text = format!("a,要望\n1,{}\n", "x".repeat(MAX_CELL_BYTES + 1));
        let msg = read_bytes(text.as_bytes(), "big.csv").unwrap_err().to_string();
        assert!(msg.contains("row 2, column 要望"), "{msg}");
    }

    /// The records one reader finds in `text`, from the start.
    fn read_in_one(text: &str) -> Vec<Vec<String>> {
        read_records(text, b',', None).expect("reads")
    }

    #[test]
    fn reading_in_two_halves_finds_the_same_records_wherever_the_split_falls() {
        let texts = [
            "a,b\n1,2\n3,4\n5,6\n",
            "a,b\r\n1,2\r\n3,4\r\n5,6\r\n",
            "a,b\n\"x\ny\",\"p,q\"\n\n\"\"\"q\"\"\",z\n7,8",
            // Quotes inside unquoted cells, which counting quotes misjudges.
            "a,b\n5\" screen,2\nx,\"y\n\"\n3\",4\n9,\"1\n2\"\n",
            "a,b\r\n\"1\r\n2\",3\r\n\r\n4,5\r\n",
        ];
        for text in texts {
            let whole = read_in_one(text);
            for split in 1..text.len() {
                if !text.is_char_boundary(split) {
                    continue;
                }
                let halves = read_records(text, b',', Some(split)).expect("reads");
                assert_eq!(halves, whole, "split at {split} of {text:?}");
            }
        }
    }

    #[test]
    fn the_first_reader_stops_at_a_split_between_records() {
        for text in ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n", "a,b\n\"1\n2\",3\n4,5\n"] {
            let split = record_start_after_middle(text).expect("a line after the middle");
            let mut first = csv_reader(text.as_bytes(), b',');
            read_until(&mut first, stop_before(text, split)).expect("reads");
            assert!(ends_at(&first, text, split), "the halves meet at {split} in {text:?}");
        }
    }

    #[test]
    fn ragged_rows_are_padded_and_noted() {
        let t = read_bytes(b"a,b,c\n1,2\n1,2,3,4\n", "x").expect("reads");
        assert_eq!(t.headers, vec!["a", "b", "c", "column 4"]);
        assert_eq!(t.rows[0], vec!["1", "2", "", ""]);
        assert_eq!(t.notes.len(), 2, "both kinds of raggedness are noted: {:?}", t.notes);
    }
}
