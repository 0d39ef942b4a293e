//! Importing contracts from a file: the app's own template (which
//! `contracts template` writes blank), or Snipe-IT's licence export.
//!
//! The file is read like a survey export (UTF-8 with or without BOM,
//! CP932, UTF-16 "Unicode text", XLSX), so an Excel-saved file from
//! Japanese Windows works. Headers are compared folded (case, width and
//! bracketed notes ignored), in English or Japanese.
//!
//! Each row goes through [`super::check`]. A row with a problem is not
//! imported; every problem is reported with its row, column, the text and
//! the reason, and the other rows are imported, all in one transaction.
//! Fix the rows and import the file again: the rows already imported are
//! recognised by their fingerprint and added nothing, so only the fixed
//! ones come in. A row repeated within the file is imported once.
//!
//! Snipe-IT's licence export: "Purchase Cost" is Snipe-IT's price of one
//! seat, and Snipe-IT has no billing period, so a licence is read as an
//! annual contract at that price a seat, starting on its "Purchase Date",
//! renewing on its "Expiration Date" and ending on its "Termination
//! Date". Snipe-IT stores no currency beside a cost: the import's
//! currency option (default: the base currency) says which it is. The
//! licence's name is matched against the tool catalogue's aliases
//! ("ChatGPT Business" is ChatGPT); manufacturer then name is tried next.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{check, insert, ContractError, ContractInput, Origin, Source};
use crate::catalog::ToolMatcher;
use crate::money::Currency;
use crate::survey::read::{self, Format, Table};
use crate::survey::values::fold;
use crate::Store;

/// Which columns a contracts file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// The app's own template.
    Template,
    /// Snipe-IT's licence export.
    SnipeIt,
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ContractImportOptions {
    /// Read and report, store nothing.
    pub dry_run: bool,
    /// The currency of costs in a file that names none (Snipe-IT); the
    /// base currency when `None`.
    pub currency: Option<Currency>,
}

/// A problem with one cell of one row; the row was not imported.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RowProblem {
    /// The file's row number (1 is the header).
    pub row: u64,
    /// The column's header as the file has it.
    pub column: String,
    /// The cell's text.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, Serialize)]
pub struct ContractImportReport {
    /// The import's id, for undoing it; "" when nothing was stored.
    pub batch: String,
    /// The file's name.
    pub file: String,
    /// csv, tsv or xlsx.
    pub format: Format,
    /// The encoding the file was read with.
    pub encoding: &'static str,
    /// Which columns it had.
    pub layout: Layout,
    /// Data rows in the file.
    pub rows: u64,
    /// Contracts added.
    pub imported: u64,
    /// Rows already stored, or repeated in the file.
    pub duplicates: u64,
    /// Problems, per row and column; those rows were not imported.
    pub flagged: Vec<RowProblem>,
    /// Things worth knowing that are not problems (ignored columns, new tools).
    pub notes: Vec<String>,
    /// True when nothing was stored.
    pub dry_run: bool,
}

/// The template's fields and the headers (folded) that name each.
const TEMPLATE_ALIASES: &[(&str, &[&str])] = &[
    (
        "tool",
        &["tool", "product", "ツール", "ツール名", "製品", "製品名", "サービス", "サービス名"],
    ),
    ("plan", &["plan", "プラン", "プラン名"]),
    ("department", &["department", "dept", "部署", "部門", "部署名"]),
    ("account_kind", &["account_kind", "account kind", "paid by", "契約形態", "支払区分", "負担"]),
    ("seats", &["seats", "licenses", "licences", "席数", "ライセンス数", "人数", "シート数"]),
    (
        "unit_price",
        &["unit_price", "unit price", "price", "price per seat", "単価", "1席あたり単価", "金額"],
    ),
    ("currency", &["currency", "通貨"]),
    (
        "billing",
        &["billing", "billing cycle", "cycle", "支払周期", "請求周期", "支払サイクル", "契約期間"],
    ),
    ("start_date", &["start_date", "start date", "start", "開始日", "契約開始日", "利用開始日"]),
    (
        "renewal_date",
        &["renewal_date", "renewal date", "renewal", "更新日", "次回更新日", "契約更新日"],
    ),
    ("end_date", &["end_date", "end date", "end", "終了日", "契約終了日"]),
    ("auto_renew", &["auto_renew", "auto renew", "auto-renew", "自動更新"]),
    (
        "notice_days",
        &[
            "notice_days",
            "notice days",
            "notice",
            "notice period",
            "解約通知日数",
            "通知期限",
            "解約予告日数",
        ],
    ),
    ("status", &["status", "状態", "ステータス", "契約状況"]),
    ("owner", &["owner", "担当者", "管理者", "責任者"]),
    ("note", &["note", "notes", "備考", "メモ"]),
];

/// Snipe-IT's licence columns (as its export and importer name them) and
/// the contract field each gives.
const SNIPE_IT_ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "license name",
            "licence name",
            "license",
            "licence",
            "item name",
            "software name",
            "ライセンス名",
            "名前",
        ],
    ),
    ("manufacturer", &["manufacturer", "製造元", "メーカー"]),
    ("seats", &["seats", "total seats", "シート数", "総シート数"]),
    ("purchase_cost", &["purchase cost", "cost", "購入費用", "購入価格"]),
    ("purchase_date", &["purchase date", "購入日"]),
    ("expiration_date", &["expiration date", "expires", "expiration", "有効期限", "失効日"]),
    ("termination_date", &["termination date", "終了日", "解約日"]),
    ("department", &["department", "部署", "部門"]),
    ("licensed_to", &["licensed to name", "license name to", "licensed to", "ライセンス先の名前"]),
    ("licensed_to_email", &["licensed to email", "ライセンス先のメール"]),
    ("notes", &["notes", "note", "備考", "メモ"]),
    ("order_number", &["order number", "注文番号"]),
];

/// Snipe-IT columns read for nothing, so they are not reported as unknown.
const SNIPE_IT_KNOWN: &[&str] = &[
    "id",
    "product key",
    "serial",
    "serial number",
    "supplier",
    "company",
    "category",
    "location",
    "purchase order",
    "reassignable",
    "maintained",
    "depreciation",
    "min amt",
    "free seats",
    "available",
    "available seats",
    "remaining",
    "created at",
    "updated at",
    "checkouts",
    "in/out",
    "actions",
    "email",
    "username",
    "full name",
    "asset tag",
];

/// The column of each field: field name → column index.
fn columns(
    headers: &[String],
    aliases: &[(&'static str, &[&str])],
) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for (i, header) in headers.iter().enumerate() {
        let h = fold(header).replace('_', " ");
        for (field, names) in aliases {
            if names.iter().any(|n| fold(n).replace('_', " ") == h) && !out.contains_key(field) {
                out.insert(*field, i);
            }
        }
    }
    out
}

/// Decides the layout from the headers, or says what is missing.
fn layout(headers: &[String]) -> Result<(Layout, BTreeMap<&'static str, usize>), String> {
    let template = columns(headers, TEMPLATE_ALIASES);
    let snipe = columns(headers, SNIPE_IT_ALIASES);
    if template.contains_key("tool") {
        return Ok((Layout::Template, template));
    }
    if snipe.contains_key("name") || snipe.contains_key("purchase_cost") {
        let missing: Vec<&str> = ["name", "seats"]
            .into_iter()
            .filter(|f| !snipe.contains_key(f))
            .map(|f| if f == "name" { "Name" } else { "Seats" })
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "this looks like a Snipe-IT licence export but has no {} column \
                 (its headers: {})",
                missing.join(" or "),
                headers.join(" | ")
            ));
        }
        return Ok((Layout::SnipeIt, snipe));
    }
    Err(format!(
        "no 'tool' column (the file's headers: {}): use the template (oversight contracts \
         template --out FILE) or a Snipe-IT licence export (with 'Name', 'Seats' and \
         'Purchase Cost')",
        headers.join(" | ")
    ))
}

/// A row's identity across imports: a hash of its non-blank cells by
/// folded header, so the same row in a later file adds nothing.
fn fingerprint(headers: &[String], cells: &[String]) -> Vec<u8> {
    let mut pairs: Vec<(String, &str)> = headers
        .iter()
        .zip(cells)
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(h, c)| (fold(h), c.trim()))
        .collect();
    pairs.sort_unstable();
    let mut h = Sha256::new();
    h.update(b"contract\x1e");
    for (header, cell) in pairs {
        h.update(header.as_bytes());
        h.update([0x1f]);
        h.update(cell.as_bytes());
        h.update([0x1e]);
    }
    h.finalize().to_vec()
}

/// A row of the template as a [`ContractInput`].
fn template_input(cols: &BTreeMap<&'static str, usize>, row: &[String]) -> ContractInput {
    let get = |f: &str| cols.get(f).map(|&i| row[i].clone()).unwrap_or_default();
    ContractInput {
        tool: get("tool"),
        plan: get("plan"),
        department: get("department"),
        account_kind: get("account_kind"),
        seats: get("seats"),
        unit_price: get("unit_price"),
        currency: get("currency"),
        billing: get("billing"),
        start_date: get("start_date"),
        renewal_date: get("renewal_date"),
        end_date: get("end_date"),
        auto_renew: get("auto_renew"),
        notice_days: get("notice_days"),
        status: get("status"),
        owner: get("owner"),
        note: get("note"),
    }
}

/// A Snipe-IT licence row as a [`ContractInput`] (see the module's notes).
fn snipe_input(
    cols: &BTreeMap<&'static str, usize>,
    row: &[String],
    matcher: &ToolMatcher,
    currency: Currency,
    today: chrono::NaiveDate,
) -> ContractInput {
    let get = |f: &str| cols.get(f).map(|&i| row[i].trim().to_string()).unwrap_or_default();
    let name = get("name");
    let manufacturer = get("manufacturer");
    // "Copilot Business" by GitHub is GitHub Copilot, not Microsoft's:
    // the manufacturer's name in front is tried first.
    let with_maker = format!("{manufacturer} {name}");
    let tool = if !manufacturer.is_empty() && matcher.find(&with_maker).is_some() {
        with_maker
    } else {
        name.clone()
    };
    let termination = get("termination_date");
    let ended = super::parse_date(&termination).ok().flatten().is_some_and(|d| d < today);
    let mut note = get("notes");
    for (label, field) in [("Licensed to", "licensed_to"), ("Order", "order_number")] {
        let value = get(field);
        if !value.is_empty() {
            if !note.is_empty() {
                note.push_str("; ");
            }
            note.push_str(&format!("{label}: {value}"));
        }
    }
    if !name.is_empty() && fold(&tool) != fold(&name) {
        note = format!("Snipe-IT: {name}{}{note}", if note.is_empty() { "" } else { "; " });
    }
    let cost = get("purchase_cost");
    ContractInput {
        tool,
        plan: String::new(),
        department: get("department"),
        account_kind: "company".into(),
        seats: get("seats"),
        unit_price: cost.clone(),
        // A cost with its own symbol ("$20") keeps it; a bare number is in
        // the import's currency.
        currency: if cost.chars().any(|c| c.is_ascii_digit())
            && cost.chars().all(|c| c.is_ascii_digit() || ",. ".contains(c))
        {
            currency.code().to_string()
        } else {
            String::new()
        },
        billing: "annual".into(),
        start_date: get("purchase_date"),
        renewal_date: if ended { String::new() } else { get("expiration_date") },
        end_date: termination,
        auto_renew: String::new(),
        notice_days: String::new(),
        status: if ended { "ended".into() } else { "active".into() },
        owner: get("licensed_to_email"),
        note,
    }
}

/// The header of the column a field of [`ContractInput`] was read from.
fn column_of(
    layout: Layout,
    cols: &BTreeMap<&'static str, usize>,
    headers: &[String],
    field: &str,
) -> String {
    let source = match layout {
        Layout::Template => field,
        Layout::SnipeIt => match field {
            "tool" => "name",
            "seats" => "seats",
            "unit_price" | "currency" => "purchase_cost",
            "start_date" => "purchase_date",
            "renewal_date" => "expiration_date",
            "end_date" => "termination_date",
            "department" => "department",
            other => other,
        },
    };
    cols.get(source).map(|&i| headers[i].clone()).unwrap_or_else(|| field.to_string())
}

/// Imports the contracts file at `path`.
pub fn import(
    store: &mut Store,
    path: &Path,
    options: &ContractImportOptions,
) -> Result<ContractImportReport, ContractError> {
    let (table, bytes) = read::read_file(path)?;
    let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let file =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
    import_table(store, &table, &file, &sha256, options)
}

/// Imports a table already read; `file` and `sha256` describe its source.
pub fn import_table(
    store: &mut Store,
    table: &Table,
    file: &str,
    sha256: &str,
    options: &ContractImportOptions,
) -> Result<ContractImportReport, ContractError> {
    let (layout, cols) = layout(&table.headers).map_err(|reason| {
        ContractError::File(crate::survey::SurveyError::File { file: file.to_string(), reason })
    })?;
    let conn = store.conn();
    let base = crate::settings::base_currency(conn)?;
    let currency = options.currency.unwrap_or(base);
    let matcher = ToolMatcher::load(conn)?;
    let today = chrono::Local::now().date_naive();
    let mut notes = table.notes.clone();
    let used: std::collections::BTreeSet<usize> = cols.values().copied().collect();
    let ignored: Vec<&str> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            let known = layout == Layout::SnipeIt && SNIPE_IT_KNOWN.contains(&fold(h).as_str());
            !used.contains(i) && !known
        })
        .map(|(_, h)| h.as_str())
        .collect();
    if !ignored.is_empty() {
        notes.push(format!("columns not read: {}", ignored.join(", ")));
    }
    if layout == Layout::SnipeIt {
        notes.push(format!(
            "Snipe-IT licences read as annual contracts; costs without a currency symbol in {currency}"
        ));
    }

    // Check every row first, so a problem is reported with its row.
    let mut flagged = Vec::new();
    let mut ready = Vec::new();
    let mut seen: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut duplicates = 0;
    let mut new_tools: Vec<String> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let row_number = table.row_numbers[i];
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let input = match layout {
            Layout::Template => template_input(&cols, row),
            Layout::SnipeIt => snipe_input(&cols, row, &matcher, currency, today),
        };
        let print = fingerprint(&table.headers, row);
        if seen.contains_key(&print) {
            duplicates += 1;
            notes.push(format!("row {row_number} repeats row {}; imported once", seen[&print]));
            continue;
        }
        seen.insert(print.clone(), row_number);
        match check(store.conn(), &input) {
            Ok(checked) => {
                if let Some(name) = &checked.new_tool {
                    if !new_tools.contains(name) {
                        new_tools.push(name.clone());
                    }
                }
                ready.push((row_number, checked, print));
            }
            Err(problems) => {
                for p in problems {
                    flagged.push(RowProblem {
                        row: row_number,
                        column: column_of(layout, &cols, &table.headers, p.field),
                        value: p.value,
                        reason: format!("{}; the row was not imported", p.reason),
                    });
                }
            }
        }
    }
    if !new_tools.is_empty() {
        notes.push(format!("added to the catalogue: {}", new_tools.join(", ")));
    }

    let total = table.rows.len() as u64;
    let (batch, imported, stored_duplicates) = store.write_or_rollback(!options.dry_run, |tx| {
        let uid = crate::store::new_id();
        tx.execute(
            "INSERT INTO import_batches (uid, kind, file_name, sha256, imported_at, encoding,
                 date_order, mapping, headers, rows_read, rows_added)
             VALUES (?1, 'contracts', ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, 0)",
            params![
                uid,
                file,
                sha256,
                chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                table.encoding,
                serde_json::to_string(&layout).unwrap_or_default(),
                serde_json::to_string(&table.headers).unwrap_or_default(),
                total as i64,
            ],
        )?;
        let batch_id = tx.last_insert_rowid();
        let mut imported = 0u64;
        let mut already = 0u64;
        for (row, checked, print) in &ready {
            let origin = Origin {
                source: Source::Import,
                batch_id: Some(batch_id),
                source_row: Some(*row as i64),
                fingerprint: Some(print),
                response_id: None,
            };
            match insert(tx, checked, &origin)? {
                Some(_) => imported += 1,
                None => already += 1,
            }
        }
        if imported == 0 {
            tx.execute("DELETE FROM import_batches WHERE id = ?1", params![batch_id])?;
            return Ok::<_, ContractError>((String::new(), 0, already));
        }
        tx.execute(
            "UPDATE import_batches SET rows_added = ?2 WHERE id = ?1",
            params![batch_id, imported as i64],
        )?;
        Ok((uid, imported, already))
    })?;
    tracing::info!(file, imported, flagged = flagged.len(), "imported contracts");
    Ok(ContractImportReport {
        batch: if options.dry_run { String::new() } else { batch },
        file: file.to_string(),
        format: table.format,
        encoding: table.encoding,
        layout,
        rows: total,
        imported,
        duplicates: duplicates + stored_duplicates,
        flagged,
        notes,
        dry_run: options.dry_run,
    })
}

/// Undoes a contracts import: its contracts go, trash included, and so do
/// the tools it added to the catalogue that nothing else names.
pub fn undo(store: &mut Store, batch: &str) -> Result<u64, ContractError> {
    store.write(|tx| {
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM import_batches WHERE uid = ?1 AND kind = 'contracts'",
                params![batch],
                |r| r.get(0),
            )
            .ok();
        let id = id.ok_or_else(|| ContractError::NotFound(format!("(import {batch})")))?;
        let tools: Vec<i64> = tx
            .prepare("SELECT DISTINCT tool_id FROM contracts WHERE batch_id = ?1")?
            .query_map(params![id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let removed = tx.execute("DELETE FROM contracts WHERE batch_id = ?1", params![id])?;
        tx.execute("DELETE FROM import_batches WHERE id = ?1", params![id])?;
        // A tool an import added has no plans, vendor or category and is
        // named by nothing else; one the user or the seed made has some.
        // Survey answers name tools inside `responses.tool_ids`, and the
        // tallies by id, so both are looked at too.
        let mut orphans = 0;
        for tool in tools {
            orphans += tx.execute(
                "DELETE FROM tools WHERE id = ?1 AND vendor IS NULL AND category IS NULL
                   AND NOT EXISTS (SELECT 1 FROM contracts WHERE tool_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM plans WHERE tool_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM use_cases WHERE tool_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM tally_tools WHERE tool_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM tally_spend WHERE tool_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM responses r, json_each(r.tool_ids) j
                                   WHERE j.value = ?1)",
                params![tool],
            )?;
        }
        tracing::info!(batch, contracts = removed, tools = orphans, "undid a contracts import");
        Ok(removed as u64)
    })
}
