//! Files for meetings and spreadsheets: the duplicates list as CSV and
//! XLSX, and the contracts template.
//!
//! Every text cell a user or respondent could have typed is neutralised
//! before it is written: in CSV, a cell starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a leading `'`, so a spreadsheet shows
//! it as text and never runs it as a formula. In XLSX such a cell is a
//! string cell with Excel's quote prefix (the hidden `'` Excel itself adds
//! when one types `'=1+1`): it shows the text as typed, and editing it in
//! Excel keeps it text. Amounts are written as numbers in
//! major units (yen, dollars) in XLSX and as plain decimals in CSV. CSV
//! files start with a UTF-8 BOM, so Excel on Japanese Windows reads them.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::contracts::TEMPLATE_HEADERS;
use crate::duplicates::Duplicates;
use crate::inventory::Lang;
use crate::money::Money;

/// Errors of writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The workbook could not be made.
    #[error("could not write the workbook: {0}")]
    Xlsx(#[from] XlsxError),
    /// The CSV could not be made.
    #[error("could not write the CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// True when a spreadsheet would read `text` as a formula.
fn formula_like(text: &str) -> bool {
    matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// `text` made safe for a CSV cell (see the module's notes).
pub fn safe_cell(text: &str) -> String {
    if formula_like(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Writes `text` as a string cell, with the quote prefix when a
/// spreadsheet would otherwise take it for a formula.
fn write_text(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    text: &str,
    quoted: &Format,
) -> Result<(), XlsxError> {
    if formula_like(text) {
        ws.write_string_with_format(row, col, text, quoted)?;
    } else {
        ws.write_string(row, col, text)?;
    }
    Ok(())
}

/// One table: headers, and rows of cells that are text or amounts.
struct Sheet {
    headers: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

enum Cell {
    Text(String),
    Money(Option<Money>),
    Count(i64),
}

fn duplicates_sheet(d: &Duplicates, lang: Lang) -> Sheet {
    let ja = lang == Lang::Ja;
    let headers = if ja {
        vec![
            "製品",
            "ベンダー",
            "部署",
            "契約形態",
            "プラン",
            "席数",
            "現在の月額",
            "統合先プラン",
            "請求席数",
            "統合後の月額",
            "月間削減額",
            "年間削減額",
            "所見",
        ]
    } else {
        vec![
            "Product",
            "Vendor",
            "Department",
            "Paid by",
            "Plan",
            "Seats",
            "Monthly cost now",
            "Consolidate into",
            "Seats billed",
            "Monthly cost after",
            "Monthly saving",
            "Yearly saving",
            "Finding",
        ]
    };
    let mut rows = Vec::new();
    for g in &d.groups {
        // One row for the group, then one per contract.
        rows.push(vec![
            Cell::Text(g.product.clone()),
            Cell::Text(g.vendor.clone().unwrap_or_default()),
            Cell::Text(g.departments.join(", ")),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Count(g.seats),
            Cell::Money(Some(g.monthly_cost)),
            Cell::Text(g.plan.as_ref().map(|p| p.name.clone()).unwrap_or_default()),
            match &g.plan {
                Some(p) => Cell::Count(p.seats_billed),
                None => Cell::Text(String::new()),
            },
            Cell::Money(g.plan_monthly_cost),
            Cell::Money(Some(g.monthly_saving)),
            Cell::Money(Some(g.yearly_saving)),
            Cell::Text(g.verdict.clone()),
        ]);
        for m in &g.contracts {
            rows.push(vec![
                Cell::Text(String::new()),
                Cell::Text(String::new()),
                Cell::Text(m.department.clone().unwrap_or_default()),
                Cell::Text(m.account_kind.as_str().to_string()),
                Cell::Text(m.plan.clone().unwrap_or_default()),
                Cell::Count(m.seats),
                Cell::Money(m.monthly_cost),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
            ]);
        }
    }
    Sheet { headers, rows }
}

fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>, ExportError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(&sheet.headers)?;
        for row in &sheet.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(t) => safe_cell(t),
                Cell::Money(Some(m)) => m.to_decimal_string(),
                Cell::Money(None) => String::new(),
                Cell::Count(n) => n.to_string(),
            }))?;
        }
        w.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

fn xlsx_bytes(sheet: &Sheet, name: &str, note: &str) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    let yen = Format::new().set_num_format("#,##0");
    let cents = Format::new().set_num_format("#,##0.00");
    let quoted = Format::new().set_quote_prefix();
    for (col, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
        ws.set_column_width(col as u16, if col == sheet.headers.len() - 1 { 60 } else { 16 })?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match cell {
                // Written as a string, never as a formula, whatever it starts with.
                Cell::Text(t) if !t.is_empty() => write_text(ws, r, c, t, &quoted)?,
                Cell::Text(_) | Cell::Money(None) => {}
                Cell::Money(Some(m)) => {
                    let format = if m.currency.exponent() == 0 { &yen } else { &cents };
                    ws.write_number_with_format(r, c, m.to_major_f64(), format)?;
                }
                Cell::Count(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
            }
        }
    }
    write_text(ws, sheet.rows.len() as u32 + 2, 0, note, &quoted)?;
    Ok(book.save_to_buffer()?)
}

fn duplicates_note(d: &Duplicates, lang: Lang) -> String {
    let rates: Vec<String> = d
        .rates_used
        .iter()
        .map(|r| format!("{} = {} {} ({})", r.currency, r.rate, d.base_currency, r.as_of))
        .collect();
    let tax = match (d.prices_include_tax, lang) {
        (true, Lang::Ja) => "税込",
        (false, Lang::Ja) => "税抜",
        (true, Lang::En) => "prices include tax",
        (false, Lang::En) => "prices exclude tax",
    };
    match lang {
        Lang::Ja => format!("{} 時点・{}・{}", d.as_of, tax, rates.join("、")),
        Lang::En => format!("As of {}; {}; {}", d.as_of, tax, rates.join(", ")),
    }
}

/// The duplicates list as CSV.
pub fn duplicates_csv(d: &Duplicates, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let mut sheet = duplicates_sheet(d, lang);
    sheet.rows.push(vec![Cell::Text(duplicates_note(d, lang))]);
    csv_bytes(&sheet)
}

/// The duplicates list as an XLSX workbook.
pub fn duplicates_xlsx(d: &Duplicates, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let name = if lang == Lang::Ja { "重複契約" } else { "Duplicates" };
    xlsx_bytes(&duplicates_sheet(d, lang), name, &duplicates_note(d, lang))
}

/// The blank contracts template as CSV: the header row only.
pub fn template_csv() -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend_from_slice(TEMPLATE_HEADERS.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

/// The blank contracts template as XLSX, with the allowed values as a
/// second sheet.
pub fn template_xlsx() -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("contracts")?;
    let bold = Format::new().set_bold();
    for (col, h) in TEMPLATE_HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
        ws.set_column_width(col as u16, 16)?;
    }
    let help = book.add_worksheet();
    help.set_name("values")?;
    let lines = [
        ("tool", "a product name or alias: ChatGPT, Claude, GitHub Copilot …"),
        (
            "plan",
            "a plan of the tool as the catalogue names it, e.g. Business (annual); blank for none",
        ),
        ("account_kind", "company | expense (personal, paid back) | personal (not paid back)"),
        ("seats", "a whole number from 1"),
        (
            "unit_price",
            "price of one seat for one billing period: 30, $30, 4,497円; blank = unknown, 0 = free",
        ),
        ("currency", "JPY, USD, EUR …; blank = the price's symbol, else the plan's currency"),
        ("billing", "monthly | annual"),
        ("start_date / renewal_date / end_date", "YYYY-MM-DD (or 2026/4/1, 2026年4月1日)"),
        ("auto_renew", "yes | no"),
        ("notice_days", "days of notice before the renewal"),
        ("status", "trial | active | cancelled | ended"),
    ];
    for (i, (field, text)) in lines.iter().enumerate() {
        help.write_string_with_format(i as u32, 0, *field, &bold)?;
        help.write_string(i as u32, 1, *text)?;
    }
    help.set_column_width(0, 36)?;
    help.set_column_width(1, 90)?;
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(safe_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(safe_cell("ChatGPT"), "ChatGPT");
        assert_eq!(safe_cell("営業部"), "営業部");
    }

    #[test]
    fn the_templates_read_back_as_the_template() {
        let csv = template_csv();
        assert!(csv.starts_with("\u{feff}tool,plan,".as_bytes()));
        use calamine::Reader;
        let xlsx = template_xlsx().unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let sheet = book.worksheet_range("contracts").unwrap();
        let headers: Vec<String> =
            sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(headers, TEMPLATE_HEADERS);
    }
}
