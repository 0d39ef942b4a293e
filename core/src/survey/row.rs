//! Reading one source row into what its response stores.
//!
//! This is the part of an import that needs no database: the row's
//! fingerprint and respondent key, each mapped answer read by `values`,
//! a flag for each value that could not be read, and the row's cells as
//! they are kept. It runs on the import's second thread while the first
//! stores the rows already read (see `import_table`). Tool and
//! department answers are left as text: turning them into ids may add
//! rows to the catalogue, which is the storing thread's work.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::fields::{Field, Mapping};
use super::form;
use super::read::Table;
use super::values::{self, DateOrder, PaymentKind, ValueError};
use super::Flagged;
use crate::money::{Currency, Money};

/// Reads the rows of one table, in file order, remembering what it has
/// read so far.
pub(super) struct RowReader<'t> {
    table: &'t Table,
    /// The mapped fields and their columns.
    columns: Vec<(Field, usize)>,
    /// Per column: true when its cell is left out of the kept row
    /// (personal data, when the user asked for that).
    omitted: Vec<bool>,
    /// The columns in the order of their headers, for fingerprints;
    /// `None` when two headers are the same.
    by_header: Option<Vec<usize>>,
    base: Currency,
    date_order: DateOrder,
    /// Each row's respondent key, by row index.
    keys: Vec<Option<i64>>,
    /// Each row's mark: true when a later submission of the same
    /// respondent in this file counts instead.
    superseded: Vec<bool>,
    /// The submission times already read, by row index, until the row is.
    stamps: Vec<Option<Stamp>>,
    /// How often each fingerprint has been seen in this file so far.
    copies: HashMap<[u8; 16], u32>,
    /// The same for version-1 fingerprints, when they are made.
    legacy_copies: Option<HashMap<[u8; 16], u32>>,
    memo: Memo,
}

/// One row as read: its response's values, before tool and department
/// names become ids. Text borrows from the table.
pub(super) struct SourceRow<'t> {
    /// The row in the file (the header is row 1).
    pub row_number: u64,
    /// The row's identity across exports (see [`RowReader::fingerprint`]).
    pub fingerprint: [u8; 16],
    /// Its version-1 fingerprint, when the store holds rows fingerprinted
    /// that way (see [`RowReader::legacy_fingerprint`]).
    pub legacy_fingerprint: Option<[u8; 16]>,
    /// The submission time as stored, ISO 8601 to the second.
    pub submitted_at: Option<String>,
    /// The hash of the e-mail address; `None` when anonymous.
    pub respondent_key: Option<i64>,
    /// True when a later submission of the same respondent in this file
    /// counts instead (see [`RowReader::decide_latest`]).
    pub superseded: bool,
    pub department: Option<&'t str>,
    pub payment: Option<PaymentKind>,
    pub monthly_cost: Option<Money>,
    pub usage_minutes: Option<i64>,
    pub saved_minutes: Option<i64>,
    /// The tools answer, trimmed, for the storing thread to match.
    pub tools_text: &'t str,
    pub challenges: Choices,
    pub data_kinds: Choices,
    /// Where the cells as kept are in the chunk's `cells`: a JSON array
    /// in header order, with null for a cell left out.
    pub cells: Range<usize>,
    /// The values that could not be read, with their fields.
    pub flags: Vec<(Field, Flagged)>,
}

/// Rows read together: one message from the reading thread to the
/// storing one. Their kept cells share one buffer, so that the storing
/// thread frees one string a chunk rather than one a row.
pub(super) struct Chunk<'t> {
    /// Every row's kept cells, one JSON array after another.
    pub cells: String,
    pub rows: Vec<SourceRow<'t>>,
}

impl Chunk<'_> {
    /// An empty chunk with room for `rows` rows.
    pub fn with_capacity(rows: usize) -> Self {
        Chunk { cells: String::with_capacity(rows * 384), rows: Vec::with_capacity(rows) }
    }
}

/// A checkbox answer split into its options, and the JSON array of them
/// that is stored.
#[derive(Clone)]
pub(super) struct Choices {
    pub options: Arc<[String]>,
    pub json: Arc<str>,
}

impl Default for Choices {
    fn default() -> Self {
        Choices { options: Arc::from([]), json: Arc::from("[]") }
    }
}

/// Answers already read in this import, by their exact text. Survey
/// columns repeat the same few answers thousands of times ("費用, 精度",
/// "3,000円"), so each distinct text is read once.
#[derive(Default)]
struct Memo {
    money: HashMap<String, Result<Option<Money>, ValueError>>,
    minutes: HashMap<String, Result<Option<i64>, ValueError>>,
    choices: HashMap<String, Choices>,
    payment: HashMap<String, Option<PaymentKind>>,
}

fn remembered<T: Clone>(map: &mut HashMap<String, T>, key: &str, read: impl FnOnce() -> T) -> T {
    if let Some(v) = map.get(key) {
        return v.clone();
    }
    let v = read();
    map.insert(key.to_string(), v.clone());
    v
}

impl<'t> RowReader<'t> {
    /// A reader of `table`'s rows by `mapping`.
    pub fn new(
        table: &'t Table,
        mapping: &Mapping,
        base: Currency,
        date_order: DateOrder,
        omit_personal: bool,
        legacy: bool,
    ) -> RowReader<'t> {
        let columns: Vec<(Field, usize)> = super::fields::ALL
            .iter()
            .filter_map(|f| super::column(table, mapping, *f).map(|c| (*f, c)))
            .collect();
        let omitted = (0..table.headers.len())
            .map(|i| {
                omit_personal
                    && columns
                        .iter()
                        .any(|(f, c)| *c == i && matches!(f, Field::Email | Field::Name))
            })
            .collect();
        let mut by_header: Vec<usize> = (0..table.headers.len()).collect();
        by_header.sort_by(|&a, &b| table.headers[a].cmp(&table.headers[b]));
        let unique = by_header.windows(2).all(|w| table.headers[w[0]] != table.headers[w[1]]);
        RowReader {
            table,
            columns,
            omitted,
            by_header: unique.then_some(by_header),
            base,
            date_order,
            keys: Vec::new(),
            superseded: Vec::new(),
            stamps: Vec::new(),
            copies: HashMap::new(),
            legacy_copies: legacy.then(HashMap::new),
            memo: Memo::default(),
        }
    }

    /// Decides which submission of each respondent in the file counts,
    /// before any is stored, so that none is stored counted and marked
    /// superseded a moment later: a later time wins, a known time beats
    /// an unknown one, and an equal time (or two unknown) goes to the
    /// later row, as in `mark_superseded`. Only
    /// the times of respondents who answered more than once are read,
    /// and kept for [`RowReader::read`]. The storing thread has nothing
    /// to do until this is done, so the work is shared with a second
    /// thread.
    pub fn decide_latest(&mut self) {
        let table = self.table;
        let rows = table.rows.len();
        let email = self.column(Field::Email);
        self.keys = on_two_threads(&table.rows, |cells| {
            email.and_then(|c| address(&cells[c])).map(respondent_key)
        });
        self.superseded = vec![false; rows];
        self.stamps = (0..rows).map(|_| None).collect();

        // Each respondent's rows, in file order.
        let mut by_key: Vec<(i64, usize)> =
            self.keys.iter().enumerate().filter_map(|(i, k)| k.map(|k| (k, i))).collect();
        by_key.sort_unstable();
        let groups: Vec<&[(i64, usize)]> =
            by_key.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1).collect();
        let Some(submitted) = self.column(Field::SubmittedAt) else {
            // No times: each respondent's last row counts.
            for group in groups {
                for &(_, i) in &group[..group.len() - 1] {
                    self.superseded[i] = true;
                }
            }
            return;
        };

        let again: Vec<usize> = groups.iter().flat_map(|g| g.iter().map(|&(_, i)| i)).collect();
        let order = self.date_order;
        let stamps = on_two_threads(&again, |&i| stamp(&table.rows[i][submitted], order));
        for (&i, stamp) in again.iter().zip(stamps) {
            self.stamps[i] = Some(stamp);
        }
        let at = |i: usize| match &self.stamps[i] {
            Some(Ok(Some(t))) => t.as_str(),
            _ => "",
        };
        for group in groups {
            let mut best = group[0].1;
            for &(_, i) in &group[1..] {
                if at(i) >= at(best) {
                    self.superseded[best] = true;
                    best = i;
                } else {
                    self.superseded[i] = true;
                }
            }
        }
    }

    /// The respondents of the file's rows; [`RowReader::decide_latest`]
    /// has run.
    pub fn respondents(&self) -> HashSet<i64> {
        self.keys.iter().flatten().copied().collect()
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().find(|(f, _)| *f == field).map(|&(_, c)| c)
    }

    /// Reads the row at `index` into `chunk`; a value that cannot be read
    /// becomes a flag and stays unknown. [`RowReader::decide_latest`] has
    /// run.
    pub fn read(&mut self, index: usize, chunk: &mut Chunk<'t>) {
        let cells = &self.table.rows[index];
        let row_number = self.table.row_numbers[index];
        let start = chunk.cells.len();
        chunk.cells.push_str(&self.kept_cells(cells));
        let mut row = SourceRow {
            row_number,
            fingerprint: [0; 16],
            legacy_fingerprint: self.legacy_fingerprint(cells),
            submitted_at: None,
            respondent_key: self.keys[index],
            superseded: self.superseded[index],
            department: None,
            payment: None,
            monthly_cost: None,
            usage_minutes: None,
            saved_minutes: None,
            tools_text: "",
            challenges: Choices::default(),
            data_kinds: Choices::default(),
            cells: start..chunk.cells.len(),
            flags: Vec::new(),
        };
        let base = self.base;
        let memo = &mut self.memo;
        for &(field, col) in &self.columns {
            let raw = cells[col].as_str();
            let text = raw.trim();
            let mut flag = |e: ValueError| {
                row.flags.push((
                    field,
                    Flagged {
                        row: row_number,
                        column: self.table.headers[col].clone(),
                        value: raw.to_string(),
                        reason: e.0,
                    },
                ))
            };
            match field {
                Field::SubmittedAt => {
                    let read = self.stamps.get_mut(index).and_then(Option::take);
                    match read.unwrap_or_else(|| stamp(raw, self.date_order)) {
                        Ok(t) => row.submitted_at = t,
                        Err(e) => flag(e),
                    }
                }
                Field::MonthlyCost => {
                    match remembered(&mut memo.money, text, || values::parse_money(text, base)) {
                        Ok(m) => row.monthly_cost = m,
                        Err(e) => flag(e),
                    }
                }
                Field::UsageHoursWeek => {
                    match remembered(&mut memo.minutes, text, || values::parse_minutes(text)) {
                        Ok(m) => row.usage_minutes = m,
                        Err(e) => flag(e),
                    }
                }
                Field::SavedHoursWeek => {
                    match remembered(&mut memo.minutes, text, || values::parse_minutes(text)) {
                        Ok(m) => row.saved_minutes = m,
                        Err(e) => flag(e),
                    }
                }
                // Kept only in the source row (TextColumns reads them).
                Field::Email | Field::Name | Field::Tasks | Field::Requests => {}
                Field::Department => row.department = non_blank(text),
                Field::Payment => {
                    row.payment =
                        remembered(&mut memo.payment, text, || values::parse_payment(text));
                }
                Field::Tools => row.tools_text = text,
                Field::Challenges => {
                    row.challenges = remembered(&mut memo.choices, text, || choices(text))
                }
                Field::DataKinds => {
                    row.data_kinds = remembered(&mut memo.choices, text, || choices(text))
                }
            }
        }
        row.fingerprint = self.fingerprint(cells, &row);
        chunk.rows.push(row);
    }

    /// A row's identity across exports: a hash of its non-blank cells by
    /// header, each as read (see [`canonical`]; the submission time, when
    /// it could be read, to the minute), so that a later export with new
    /// columns or rows, or the same export re-saved by Excel, re-adds
    /// nothing. The same cells twice in one file are two responses (two
    /// anonymous people can answer alike); the n-th copy gets its own
    /// fingerprint, the same in every later export of the file.
    fn fingerprint(&mut self, cells: &[String], row: &SourceRow<'_>) -> [u8; 16] {
        // The values read, for the cells a spreadsheet rewrites: a time
        // without its seconds, "￥3,000" as "3000", "２" as "2". The time is
        // taken as its numbers in the order written, not as the date the
        // import read: two exports of one form may be read in different
        // day/month orders, and the same row must still be the same.
        let stamp_column = self.column(Field::SubmittedAt);
        let read: Vec<(usize, String)> = [
            (
                Field::SubmittedAt,
                stamp_column.map(|c| stamp_key(&cells[c])).filter(|k| !k.is_empty()),
            ),
            (
                Field::MonthlyCost,
                row.monthly_cost.map(|m| format!("{}:{}", m.currency.code(), m.minor)),
            ),
            (Field::UsageHoursWeek, row.usage_minutes.map(|m| format!("{m} min"))),
            (Field::SavedHoursWeek, row.saved_minutes.map(|m| format!("{m} min"))),
        ]
        .into_iter()
        .filter_map(|(field, value)| Some((self.column(field)?, value?)))
        .collect();
        let canonical_cells: Vec<Cow<'_, str>> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| match read.iter().find(|(col, _)| *col == i) {
                Some((_, value)) => Cow::Owned(value.clone()),
                None => canonical(c),
            })
            .collect();
        let fingerprint = hash_cells(&self.table.headers, &canonical_cells, &self.by_header);
        salt_copy(fingerprint, &mut self.copies)
    }

    /// The fingerprint rows had before version 2: the cells' text, only
    /// trimmed. Made only when the store holds rows fingerprinted so.
    fn legacy_fingerprint(&mut self, cells: &[String]) -> Option<[u8; 16]> {
        let copies = self.legacy_copies.as_mut()?;
        let trimmed: Vec<Cow<'_, str>> = cells.iter().map(|c| Cow::Borrowed(c.trim())).collect();
        let fingerprint = hash_cells(&self.table.headers, &trimmed, &self.by_header);
        Some(salt_copy(fingerprint, copies))
    }

    /// The row's cells as kept, a JSON array.
    fn kept_cells(&self, cells: &[String]) -> String {
        let kept: Vec<Option<&str>> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (!self.omitted.get(i).copied().unwrap_or(false)).then_some(c.as_str()))
            .collect();
        serde_json::to_string(&kept).unwrap_or_default()
    }
}

/// A submission time as stored, or why it cannot be read.
type Stamp = Result<Option<String>, ValueError>;

fn stamp(raw: &str, order: DateOrder) -> Stamp {
    Ok(values::parse_datetime(raw.trim(), order)?.as_ref().map(values::iso_stamp))
}

/// `f` of every item, in order, with the second half worked out on a
/// second thread.
fn on_two_threads<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| second.iter().map(&f).collect::<Vec<U>>());
        let mut out: Vec<U> = first.iter().map(&f).collect();
        out.extend(later.join().expect("reading rows does not panic"));
        out
    })
}

/// The options of a challenges or data-kinds answer, split with the
/// shipped survey's labels kept whole ([`form::choice_labels`]); an
/// option that says "none" ("特になし") names nothing.
fn choices(text: &str) -> Choices {
    let mut options = values::split_choices(text, form::choice_labels());
    options.retain(|o| !values::means_none(o));
    let json = serde_json::to_string(&options).unwrap_or_default();
    Choices { options: options.into(), json: json.into() }
}

/// The e-mail address in an answer; `None` when blank or Microsoft's
/// "anonymous".
pub(super) fn address(text: &str) -> Option<&str> {
    non_blank(text).filter(|e| !e.eq_ignore_ascii_case("anonymous"))
}

pub(super) fn non_blank(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty()).then_some(t)
}

fn first_16(digest: &[u8]) -> [u8; 16] {
    let mut out = [0; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// A respondent's key: the first 8 bytes of a SHA-256 of the lower-cased
/// address. A clash between two addresses is a 1 in 2^64 chance per pair.
pub(super) fn respondent_key(email: &str) -> i64 {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 has 32 bytes"))
}

/// The hash of a row's non-blank cells by header (`cells` in the file's
/// column order; `by_header` that order sorted by header, `None` when two
/// headers are the same).
fn hash_cells(
    headers: &[String],
    cells: &[Cow<'_, str>],
    by_header: &Option<Vec<usize>>,
) -> [u8; 16] {
    let mut h = Sha256::new();
    let mut add = |header: &str, cell: &str| {
        h.update(header.as_bytes());
        h.update([0x1f]);
        h.update(cell.as_bytes());
        h.update([0x1e]);
    };
    match by_header {
        Some(order) => {
            for &i in order {
                let cell = cells.get(i).map_or("", |c| c.as_ref());
                if !cell.is_empty() {
                    add(&headers[i], cell);
                }
            }
        }
        None => {
            // Two columns under one header: the pairs sort by cell too.
            let mut pairs: Vec<(&str, &str)> = headers
                .iter()
                .zip(cells)
                .filter(|(_, c)| !c.is_empty())
                .map(|(h, c)| (h.as_str(), c.as_ref()))
                .collect();
            pairs.sort_unstable();
            for (header, cell) in pairs {
                add(header, cell);
            }
        }
    }
    first_16(&h.finalize())
}

/// A submission time as a fingerprint reads it: its numbers in the order
/// written, without leading zeros, up to the minute, and its words (PM,
/// 午後): "2026/11/05 9:12:33" and Excel's "2026/11/5 9:12" are both
/// "2026 11 5 9 12".
fn stamp_key(text: &str) -> String {
    let text = values::nfkc_text(text.trim());
    let mut parts: Vec<String> = Vec::new();
    let mut numbers = 0;
    let mut current = String::new();
    let mut push = |current: &mut String, numbers: &mut usize| {
        if current.is_empty() {
            return;
        }
        if current.as_bytes()[0].is_ascii_digit() {
            *numbers += 1;
            if *numbers <= 5 {
                let n = current.trim_start_matches('0');
                parts.push(if n.is_empty() { "0".into() } else { n.to_string() });
            }
        } else {
            parts.push(current.to_lowercase());
        }
        current.clear();
    };
    for c in text.chars() {
        let same_kind =
            current.chars().next().is_some_and(|p| p.is_ascii_digit() == c.is_ascii_digit());
        if c.is_alphanumeric() {
            if !current.is_empty() && !same_kind {
                push(&mut current, &mut numbers);
            }
            current.push(c);
        } else {
            push(&mut current, &mut numbers);
        }
    }
    push(&mut current, &mut numbers);
    parts.join(" ")
}

/// The n-th copy of the same cells in one file gets its own fingerprint.
fn salt_copy(fingerprint: [u8; 16], copies: &mut HashMap<[u8; 16], u32>) -> [u8; 16] {
    let n = copies.entry(fingerprint).or_insert(0);
    *n += 1;
    if *n == 1 {
        return fingerprint;
    }
    let mut salted = Sha256::new();
    salted.update(fingerprint);
    salted.update(n.to_be_bytes());
    first_16(&salted.finalize())
}

/// A cell as a fingerprint reads it, so that the same answer written by
/// Google Forms and re-saved by Excel is the same: trimmed; a plain
/// number, in ASCII or full-width digits, without the zeros a spreadsheet
/// drops ("2.50" is "2.5", "０３" is "3"); line breaks as "\n" whichever
/// way the file writes them; and a backslash or a full-width ￥ read as
/// ¥ (a CP932 file holds the yen sign as a backslash, and Excel rewrites
/// ￥ when it reads an amount). Other text is left as it is (Excel
/// keeps it), which keeps this cheap: it runs on every cell.
pub(super) fn canonical(cell: &str) -> Cow<'_, str> {
    let t = cell.trim();
    let digit = |c: char| match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    };
    let is_point = |c: char| c == '.' || c == '．';
    if !t.is_empty()
        && t.chars().all(|c| digit(c).is_some() || is_point(c))
        && t.chars().filter(|&c| is_point(c)).count() <= 1
        && t.chars().any(|c| digit(c).is_some())
    {
        let ascii: String = t.chars().map(|c| digit(c).unwrap_or('.')).collect();
        let (int, frac) = ascii.split_once('.').unwrap_or((&ascii, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        return if frac.is_empty() {
            Cow::Owned(int.to_string())
        } else {
            Cow::Owned(format!("{int}.{frac}"))
        };
    }
    if !t.contains(['\r', '\\', '￥']) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\\' | '￥' => out.push('¥'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
