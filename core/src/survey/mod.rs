//! The survey import: from an export file to stored responses.
//!
//! `read` turns a file into a table of text, `fields` finds which column
//! holds which question, `values` reads each answer, and `row` reads a
//! whole row into what its response stores. This module runs an import
//! as one transaction: the batch, every source row verbatim, the parsed
//! response with its tools, and a flag for each value that could not be
//! read; rows are read on a second thread while the first stores them.
//! It also lists responses and lets the user fix a flagged value.
//!
//! Counting rules (shared with `inventory`): one respondent per e-mail
//! address compared without case, the latest submission counting and the
//! earlier ones kept but marked superseded; anonymous responses each count
//! once. E-mail addresses are compared through a hash, so the rule holds
//! even when the user leaves the addresses out of the store.

pub mod fields;
pub mod form;
pub mod read;
mod row;
pub mod values;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tracing::{debug, info};

use crate::catalog::ToolMatcher;
use crate::inventory::{Contribution, TallyDelta};
use crate::money::{Currency, Money};
use crate::store::new_id;
use crate::Store;
pub use fields::{Field, Mapping};
pub use read::{Format, Table};
use row::{Chunk, RowReader, SourceRow};
use values::DateOrder;

/// Errors of reading and importing a survey.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    /// The file could not be opened.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file could not be read as a survey export.
    #[error("{file}: {reason}")]
    File {
        /// The file.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A mapping names a header the file does not have, or a bad field.
    #[error("{0}")]
    Mapping(String),
    /// A fix for a flagged value is still not readable.
    #[error("{column}: '{value}' {reason}")]
    StillUnreadable {
        /// The column of the flagged value.
        column: String,
        /// What the user typed.
        value: String,
        /// Why it cannot be read.
        reason: String,
    },
    /// There is no such flag, or it is already fixed.
    #[error("no open flag has the id {0}")]
    NoSuchFlag(String),
    /// There is no import with this id.
    #[error("no import has the id {0} (see `oversight imports`)")]
    NoSuchBatch(String),
    /// The base currency or rates could not be read.
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// How to import a file; every field may be left out.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// Field → header, overriding what was recognised or remembered. An
    /// empty header means "do not read this field".
    pub mapping: BTreeMap<String, String>,
    /// Leave e-mail addresses and names out of the store entirely.
    pub omit_personal: bool,
    /// Do all the work and report it, but store nothing.
    pub dry_run: bool,
    /// The day/month order of slash dates, when the user decides it.
    pub date_order: Option<DateOrder>,
}

/// A value that could not be read, as reported after an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flagged {
    /// The row in the file (the header is row 1).
    pub row: u64,
    /// The column's header.
    pub column: String,
    /// The text as it was in the file.
    pub value: String,
    /// Why it could not be read.
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, Serialize)]
pub struct ImportReport {
    /// The batch id (empty for a dry run).
    pub batch: String,
    /// The file's name.
    pub file: String,
    /// Its format.
    pub format: Format,
    /// The encoding used to read it.
    pub encoding: &'static str,
    /// The day/month order used for its dates.
    pub date_order: Option<DateOrder>,
    /// Why that order.
    pub date_order_reason: Option<String>,
    /// The mapping used, field → header.
    pub mapping: Mapping,
    /// Data rows in the file.
    pub rows: u64,
    /// Responses added.
    pub imported: u64,
    /// Rows skipped because an earlier import holds them.
    pub duplicates: u64,
    /// Values that could not be read, kept for the user to fix.
    pub flagged: Vec<Flagged>,
    /// Remarks about the file that are not errors (ragged rows).
    pub notes: Vec<String>,
    /// True when nothing was stored.
    pub dry_run: bool,
}

/// A first look at a file, for the mapping step.
#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    /// The file's name.
    pub file: String,
    /// Its format.
    pub format: Format,
    /// The encoding used to read it.
    pub encoding: &'static str,
    /// Its headers.
    pub headers: Vec<String>,
    /// The first rows, at most five.
    pub rows: Vec<Vec<String>>,
    /// Data rows in all.
    pub total_rows: u64,
    /// Each header with the field it will be read as.
    pub mapping: Vec<HeaderField>,
    /// Every field name, for the mapping step's choices.
    pub fields: Vec<&'static str>,
    /// The day/month order of its dates, if it could be decided.
    pub date_order: Option<DateOrder>,
    /// Why that order, or why none.
    pub date_order_reason: Option<String>,
    /// True when part of the mapping came from an earlier import.
    pub remembered: bool,
    /// Remarks about the file (ragged rows).
    pub notes: Vec<String>,
}

/// One header and the field read from it.
#[derive(Clone, Debug, Serialize)]
pub struct HeaderField {
    /// The header.
    pub header: String,
    /// The field, or `None` when it is not read.
    pub field: Option<Field>,
}

/// Reads the start of `path` and says how it would be imported.
pub fn preview(
    store: &Store,
    path: &Path,
    mapping: &BTreeMap<String, String>,
) -> Result<Preview, SurveyError> {
    let (table, _) = read::read_file(path)?;
    let (mapping, remembered) = resolve_mapping(store, &table.headers, mapping)?;
    let (date_order, date_order_reason) = match decide_date_order(&table, &mapping, None) {
        Ok((o, r)) => (o, r),
        Err(SurveyError::File { reason, .. }) => (None, Some(reason)),
        Err(e) => return Err(e),
    };
    let by_header: HashMap<&str, Field> = mapping.iter().map(|(f, h)| (h.as_str(), *f)).collect();
    Ok(Preview {
        file: file_name(path),
        format: table.format,
        encoding: table.encoding,
        mapping: table
            .headers
            .iter()
            .map(|h| HeaderField { header: h.clone(), field: by_header.get(h.as_str()).copied() })
            .collect(),
        headers: table.headers.clone(),
        rows: table.rows.iter().take(5).cloned().collect(),
        total_rows: table.rows.len() as u64,
        fields: fields::ALL.iter().map(|f| f.as_str()).collect(),
        date_order,
        date_order_reason,
        remembered,
        notes: table.notes,
    })
}

/// Imports the survey export at `path`. `progress` is called with rows
/// done and rows in all. The whole import is one transaction.
pub fn import(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport, SurveyError> {
    let started = std::time::Instant::now();
    let file = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|source| SurveyError::Io { file: file.clone(), source })?;
    // The batch records the file's SHA-256; it is worked out beside the
    // parsing rather than after it.
    let (table, sha256) = std::thread::scope(|scope| {
        let sha256 = scope.spawn(|| fields::hex(&Sha256::digest(&bytes)));
        let table = read::read_bytes(&bytes, &file);
        (table, sha256.join().expect("hashing does not panic"))
    });
    let table = table?;
    debug!(rows = table.rows.len(), elapsed = ?started.elapsed(), "read the file");
    import_table(store, table, &file_name(path), &sha256, options, progress)
}

/// Imports a table already read; `file` and `sha256` describe its source.
///
/// The work is shared by two threads. Before the first row is stored,
/// both decide which submission of each respondent counts; then a second
/// thread reads the rows (`row`) while this one stores them, SQLite
/// having one writer; after the last row this one counts the import into
/// the tallies from what was read and commits, while the other frees the
/// rows. Duplicates and each respondent's latest submission are decided
/// in memory against what the store held ([`Held`]), so `responses`
/// needs no index. A 200,000-row file takes about 1.5 s on a 2-core
/// machine, process start and reading the file included, against a
/// target of 2 s (bench/RESULTS.md); SQLite's inserts take this thread
/// about 0.8 s of it and the commit, which writes 75 MB through the WAL,
/// about 0.2 s.
pub fn import_table(
    store: &mut Store,
    mut table: Table,
    file: &str,
    sha256: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport, SurveyError> {
    let (mapping, _) = resolve_mapping(store, &table.headers, &options.mapping)?;
    // A file none of whose columns answers the survey (another form, a
    // summary sheet, a title row above the headers) would import each row
    // as an empty response.
    if !ANSWER_FIELDS.iter().any(|f| mapping.contains_key(f)) {
        let shown: Vec<&str> = table.headers.iter().take(8).map(String::as_str).collect();
        let more = if table.headers.len() > shown.len() { " | …" } else { "" };
        return Err(SurveyError::File {
            file: file.to_string(),
            reason: format!(
                "none of its columns is a question of the survey (its headers: {}{more}): \
                 map them with --map FIELD=HEADER, or in the window's mapping step",
                shown.join(" | ")
            ),
        });
    }
    let decided = decide_date_order(&table, &mapping, options.date_order);
    let (date_order, date_order_reason) = decided.map_err(|e| match e {
        SurveyError::File { reason, .. } => SurveyError::File { file: file.to_string(), reason },
        other => other,
    })?;
    debug!(order = ?date_order, "decided the date order");
    let base = crate::settings::base_currency(store.conn())?;
    let total = table.rows.len() as u64;
    progress(0, total);

    let started = std::time::Instant::now();
    let report = std::thread::scope(|scope| {
        store.write_or_rollback(!options.dry_run, |tx| {
            let batch_uid = new_id();
            tx.execute(
                "INSERT INTO import_batches (uid, kind, file_name, sha256, imported_at, encoding,
                     date_order, mapping, headers, rows_read, rows_added, fingerprint_version)
                 VALUES (?1, 'survey', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 2)",
                params![
                    batch_uid,
                    file,
                    sha256,
                    now(),
                    table.encoding,
                    date_order.map(|o| o.as_str()),
                    serde_json::to_string(&mapping).unwrap_or_default(),
                    serde_json::to_string(&table.headers).unwrap_or_default(),
                    total as i64,
                ],
            )?;
            let batch = tx.last_insert_rowid();
            // Rows of a store that holds rows fingerprinted the first way
            // (migration 0006) are checked by both fingerprints.
            let legacy = tx
                .prepare(
                    "SELECT 1 FROM import_batches
                     WHERE kind = 'survey' AND fingerprint_version = 1 LIMIT 1",
                )?
                .exists([])?;
            let mut reader = RowReader::new(
                &table,
                &mapping,
                base,
                date_order.unwrap_or(DateOrder::Ymd),
                options.omit_personal,
                legacy,
            );
            reader.decide_latest();
            debug!("decided the latest submissions in the file");
            let mut run = ImportRun::new(tx, &reader.respondents())?;
            store_rows(&mut run, reader, &table, batch, progress)?;
            debug!(elapsed = ?started.elapsed(), "stored the rows");
            // The rows are read and stored: their millions of cells are freed
            // on the other core while this one counts and commits.
            let rows = std::mem::take(&mut table.rows);
            scope.spawn(move || drop(rows));
            let flips = run.mark_superseded()?;
            debug!(
                elapsed = ?started.elapsed(),
                "decided the latest submissions against the store"
            );
            tx.execute(
                "UPDATE import_batches SET rows_added = ?2 WHERE id = ?1",
                params![batch, run.imported as i64],
            )?;
            remember_mapping(tx, &table.headers, &mapping)?;
            run.count(batch, &flips)?;
            debug!(elapsed = ?started.elapsed(), "counted the import");
            Ok::<_, SurveyError>(ImportReport {
                batch: if options.dry_run { String::new() } else { batch_uid },
                file: file.to_string(),
                format: table.format,
                encoding: table.encoding,
                date_order,
                date_order_reason,
                mapping: mapping.clone(),
                rows: total,
                imported: run.imported,
                duplicates: run.duplicates,
                flagged: run.flagged,
                notes: table.notes.clone(),
                dry_run: options.dry_run,
            })
        })
    })?;
    debug!(elapsed = ?started.elapsed(), "committed");
    progress(total, total);
    info!(
        file,
        imported = report.imported,
        duplicates = report.duplicates,
        flagged = report.flagged.len(),
        dry_run = report.dry_run,
        "imported a survey"
    );
    Ok(report)
}

/// The local time now, as stored.
fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The mapping for `headers`: recognised headers, overlaid by what was
/// remembered for this form, overlaid by what the user asked for now.
/// The fields that answer the survey, of which an import needs at least
/// one column: without any, a row says nothing to count.
const ANSWER_FIELDS: [Field; 6] = [
    Field::Department,
    Field::Tools,
    Field::Payment,
    Field::MonthlyCost,
    Field::UsageHoursWeek,
    Field::SavedHoursWeek,
];

fn resolve_mapping(
    store: &Store,
    headers: &[String],
    asked: &BTreeMap<String, String>,
) -> Result<(Mapping, bool), SurveyError> {
    let mut mapping = fields::recognise(headers);
    let remembered: Option<String> = store
        .conn()
        .query_row(
            "SELECT mapping FROM form_mappings WHERE form_key = ?1",
            params![fields::form_key(headers)],
            |r| r.get(0),
        )
        .optional()?;
    let remembered: Option<Mapping> = remembered.and_then(|m| serde_json::from_str(&m).ok());
    let was_remembered = remembered.is_some();
    for (field, header) in remembered.into_iter().flatten() {
        if headers.contains(&header) {
            mapping.insert(field, header);
        }
    }
    for (field, header) in asked {
        let field: Field = field.parse().map_err(SurveyError::Mapping)?;
        if header.trim().is_empty() {
            mapping.remove(&field);
        } else if let Some(h) = headers.iter().find(|h| h.trim() == header.trim()) {
            mapping.insert(field, h.clone());
        } else {
            return Err(SurveyError::Mapping(format!(
                "{field}={header}: the file has no header '{header}' (its headers: {})",
                headers.join(" | ")
            )));
        }
    }
    Ok((mapping, was_remembered))
}

fn remember_mapping(
    tx: &Transaction,
    headers: &[String],
    mapping: &Mapping,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO form_mappings (form_key, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (form_key) DO UPDATE SET mapping = excluded.mapping,
             updated_at = excluded.updated_at",
        params![
            fields::form_key(headers),
            serde_json::to_string(mapping).unwrap_or_default(),
            now()
        ],
    )?;
    Ok(())
}

/// Decides the date order once for the whole file, from every timestamp.
fn decide_date_order(
    table: &Table,
    mapping: &Mapping,
    asked: Option<DateOrder>,
) -> Result<(Option<DateOrder>, Option<String>), SurveyError> {
    if let Some(order) = asked {
        return Ok((Some(order), Some("chosen by the user".into())));
    }
    let Some(col) = column(table, mapping, Field::SubmittedAt) else {
        return Ok((None, None));
    };
    let samples = table.rows.iter().map(|r| r[col].trim()).filter(|s| !s.is_empty());
    match values::detect_date_order(samples) {
        Ok((order, reason)) => Ok((Some(order), Some(reason))),
        Err(e) => Err(SurveyError::File {
            file: String::new(),
            reason: format!(
                "column {}: {e}; choose the order (Date order in the import view, or \
                 --date-order dmy or mdy)",
                table.headers[col]
            ),
        }),
    }
}

fn column(table: &Table, mapping: &Mapping, field: Field) -> Option<usize> {
    let header = mapping.get(&field)?;
    table.headers.iter().position(|h| h == header)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into())
}

/// Rows read ahead of the storing thread, in chunks of this many; a chunk
/// is one message between the threads.
const CHUNK_ROWS: usize = 512;

/// Chunks the reading thread may hold ready before it waits: when storing
/// is the slower side, the rows read ahead stay a few thousand rather
/// than a second copy of the file.
const CHUNKS_AHEAD: usize = 16;

/// Reads every row of `table` on a second thread and stores each as it
/// arrives; `progress` is called with rows done every 1,000 rows. The
/// reader has decided the latest submissions in the file.
fn store_rows(
    run: &mut ImportRun,
    mut reader: RowReader,
    table: &Table,
    batch: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), SurveyError> {
    let total = table.rows.len() as u64;
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(CHUNKS_AHEAD);
        scope.spawn(move || {
            let mut chunk = Chunk::with_capacity(CHUNK_ROWS);
            for index in 0..table.rows.len() {
                reader.read(index, &mut chunk);
                if chunk.rows.len() == CHUNK_ROWS {
                    let full = std::mem::replace(&mut chunk, Chunk::with_capacity(CHUNK_ROWS));
                    // A closed channel means the storing thread failed.
                    if send.send(full).is_err() {
                        return;
                    }
                }
            }
            let _ = send.send(chunk);
        });

        // On an error `receive` drops, so the reader stops at its next
        // chunk, and the scope waits for it.
        let (mut done, mut next_report) = (0u64, 1000u64);
        for Chunk { cells, rows } in receive {
            for row in rows {
                let kept = &cells[row.cells.clone()];
                run.add_row(batch, row, kept)?;
                done += 1;
                if done == next_report {
                    progress(done, total);
                    next_report += 1000;
                }
            }
        }
        Ok(())
    })
}

/// The storing side of one import: the rows read so far go into the
/// store, and tool and department names become ids.
struct ImportRun<'a> {
    tx: &'a Transaction<'a>,
    tools: ToolMatcher,
    /// The store's departments by folded name.
    departments: HashMap<String, i64>,
    /// The latest submission of each respondent in this import, unless
    /// an earlier import holds it: at most one each, as the reader
    /// decided.
    latest: Vec<Latest>,
    /// What this import's counted responses add to the tallies, so far:
    /// its anonymous responses, as they are stored. Those in `latest`
    /// are added once the latest submissions are decided against the
    /// store.
    tally: TallyDelta,
    /// What the store held before this import.
    held: Held,
    /// This import's stored rows of respondents the store did not hold,
    /// as submissions, in case one of their rows was skipped (below).
    new_submissions: Vec<(i64, Submission)>,
    /// Respondents one of whose rows was skipped as already stored: the
    /// reader's choice of their latest row may be that row, so their
    /// stored rows are decided again.
    skipped: HashSet<i64>,
    imported: u64,
    duplicates: u64,
    flagged: Vec<Flagged>,
    /// Tools answers already matched, by their text.
    tool_answers: HashMap<String, ToolIds>,
    /// Department answers already matched, by their text.
    department_answers: HashMap<String, i64>,
    stmts: Statements<'a>,
}

/// What an import needs to know of the responses stored before it, read
/// in one pass over `responses` (which keeps no index but one by batch,
/// migration 0008): on a 2-core machine, an import of 200,000 rows into
/// an empty store is about 0.5 s faster than with a unique index on the
/// fingerprints and an index by respondent (bench/RESULTS.md), and the
/// pass over a store of 200,000 responses takes about 0.05 s.
struct Held {
    /// The fingerprint of every stored response, and of every response
    /// this import stores, as it stores them.
    fingerprints: HashSet<[u8; 16]>,
    /// The stored submissions of the respondents in the file, by
    /// respondent, and then this import's rows of them as it stores them:
    /// whose submission counts is decided again among them all.
    submissions: HashMap<i64, Vec<Submission>>,
}

impl Held {
    /// Reads the store's fingerprints, and the submissions of the
    /// respondents `respondents`.
    fn read(tx: &Transaction, respondents: &HashSet<i64>) -> Result<Held, SurveyError> {
        let mut held = Held { fingerprints: HashSet::new(), submissions: HashMap::new() };
        let mut stmt = tx.prepare(
            "SELECT fingerprint, respondent_key, id, batch_id, submitted_at, superseded
             FROM responses",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let rusqlite::types::ValueRef::Blob(print) = r.get_ref(0)? {
                if let Ok(print) = <[u8; 16]>::try_from(print) {
                    held.fingerprints.insert(print);
                }
            }
            if let Some(key) = r.get::<_, Option<i64>>(1)?.filter(|k| respondents.contains(k)) {
                held.submissions.entry(key).or_default().push(Submission::from_row(r)?);
            }
        }
        Ok(held)
    }
}

/// The tools one answer names, and the JSON array of them that is stored.
#[derive(Clone)]
struct ToolIds {
    ids: Arc<[i64]>,
    json: Arc<str>,
}

/// A respondent's latest submission in one import.
struct Latest {
    id: i64,
    contribution: Contribution,
}

/// The statements an import runs for every row, prepared once.
struct Statements<'a> {
    insert_response: rusqlite::Statement<'a>,
    insert_flag: rusqlite::Statement<'a>,
}

impl<'a> Statements<'a> {
    fn prepare(tx: &'a Transaction<'a>) -> rusqlite::Result<Statements<'a>> {
        Ok(Statements {
            insert_response: tx.prepare(
                "INSERT INTO responses (batch_id, row_number, fingerprint, submitted_at,
                     respondent_key, department_id, payment, monthly_cost_minor,
                     monthly_cost_currency, usage_minutes_week, saved_minutes_week, challenges,
                     data_kinds, tool_count, tool_ids, cells, superseded)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17)",
            )?,
            insert_flag: tx.prepare(
                "INSERT INTO flags (id, response_id, field, row_number, column_name, raw, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
        })
    }
}

impl<'a> ImportRun<'a> {
    /// Prepares to store rows of the respondents `respondents`, reading
    /// what the store holds.
    fn new(tx: &'a Transaction<'a>, respondents: &HashSet<i64>) -> Result<Self, SurveyError> {
        let held = Held::read(tx, respondents)?;
        debug!(responses = held.fingerprints.len(), "read the stored fingerprints");
        let mut departments = HashMap::new();
        let mut stmt = tx.prepare("SELECT id, name FROM departments")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            departments.insert(values::fold(&name), id);
        }
        Ok(ImportRun {
            tx,
            tools: ToolMatcher::load(tx)?,
            departments,
            latest: Vec::new(),
            tally: TallyDelta::default(),
            held,
            new_submissions: Vec::new(),
            skipped: HashSet::new(),
            imported: 0,
            duplicates: 0,
            flagged: Vec::new(),
            tool_answers: HashMap::new(),
            department_answers: HashMap::new(),
            stmts: Statements::prepare(tx)?,
        })
    }

    /// Stores one row, whose cells as kept are `kept`.
    fn add_row(&mut self, batch: i64, row: SourceRow, kept: &str) -> Result<(), SurveyError> {
        let department_id = match row.department {
            Some(name) => Some(self.department_id(name)?),
            None => None,
        };
        // An import made before fingerprints read values holds a row by
        // its old fingerprint; an earlier import, or this one, by its new.
        let legacy =
            row.legacy_fingerprint.is_some_and(|old| self.held.fingerprints.contains(&old));
        if legacy || !self.held.fingerprints.insert(row.fingerprint) {
            self.duplicates += 1;
            self.skipped.extend(row.respondent_key);
            return Ok(());
        }
        let tools = self.tool_ids(row.tools_text)?;
        self.stmts.insert_response.execute(params![
            batch,
            row.row_number as i64,
            row.fingerprint,
            &row.submitted_at,
            row.respondent_key,
            department_id,
            row.payment.map(|p| p.as_str()),
            row.monthly_cost.map(|m| m.minor),
            row.monthly_cost.as_ref().map(|m| m.currency.code()),
            row.usage_minutes,
            row.saved_minutes,
            &*row.challenges.json,
            &*row.data_kinds.json,
            tools.ids.len() as i64,
            &*tools.json,
            kept,
            row.superseded,
        ])?;
        let response_id = self.tx.last_insert_rowid();
        for (field, flag) in row.flags {
            self.stmts.insert_flag.execute(params![
                new_id(),
                response_id,
                field.as_str(),
                flag.row as i64,
                flag.column,
                flag.value,
                flag.reason
            ])?;
            self.flagged.push(flag);
        }

        let contribution = Contribution {
            department: department_id.unwrap_or(0),
            payment: row.payment.map_or("unknown", |p| p.as_str()),
            tools: tools.ids,
            cost: row.monthly_cost,
            saved_minutes: row.saved_minutes.unwrap_or(0),
            usage_minutes: row.usage_minutes.unwrap_or(0),
            challenges: row.challenges.options,
        };
        match row.respondent_key {
            Some(key) => {
                // A respondent the store held is decided against its stored
                // submissions once every row is in.
                let submission = Submission {
                    id: response_id,
                    batch,
                    submitted_at: row.submitted_at,
                    superseded: row.superseded,
                };
                match self.held.submissions.get_mut(&key) {
                    Some(stored) => stored.push(submission),
                    None => self.new_submissions.push((key, submission)),
                }
                if !row.superseded {
                    self.latest.push(Latest { id: response_id, contribution });
                }
            }
            None => self.tally.add(&contribution, 1),
        }
        self.imported += 1;
        Ok(())
    }

    /// The tools a checkbox answer names, adding "Other" answers to the
    /// catalogue; "none" answers name no tool.
    fn tool_ids(&mut self, text: &str) -> Result<ToolIds, SurveyError> {
        if let Some(tools) = self.tool_answers.get(text) {
            return Ok(tools.clone());
        }
        // The labels include the "Other" tools added so far, so a later
        // answer naming one is split the same way.
        let labels: Vec<String> = self.tools.labels().iter().map(|l| l.to_string()).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let mut ids: Vec<i64> = Vec::new();
        for typed in values::split_choices(text, &labels) {
            if values::means_no_tool(&typed) {
                continue;
            }
            let id = self.tools.find_or_add(self.tx, &typed)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let json = serde_json::to_string(&ids).unwrap_or_default();
        let tools = ToolIds { ids: ids.into(), json: json.into() };
        self.tool_answers.insert(text.to_string(), tools.clone());
        Ok(tools)
    }

    fn department_id(&mut self, name: &str) -> Result<i64, SurveyError> {
        if let Some(&id) = self.department_answers.get(name) {
            return Ok(id);
        }
        let key = values::fold(name);
        let id = match self.departments.get(&key) {
            Some(&id) => id,
            None => {
                self.tx.execute(
                    "INSERT INTO departments (uid, name) VALUES (?1, ?2)",
                    params![new_id(), name],
                )?;
                let id = self.tx.last_insert_rowid();
                self.departments.insert(key, id);
                id
            }
        };
        self.department_answers.insert(name.to_string(), id);
        Ok(id)
    }

    /// Decides the latest submissions against what the store held before;
    /// within the file, [`RowReader::decide_latest`] did it. Respondents
    /// with a row skipped as already stored are decided again among their
    /// stored rows too: the skipped row, which the reader may have chosen,
    /// is stored without them (an earlier import read it as anonymous,
    /// its e-mail column unmapped).
    fn mark_superseded(&mut self) -> Result<Vec<Flip>, SurveyError> {
        let mut submissions = std::mem::take(&mut self.held.submissions);
        if !self.skipped.is_empty() {
            for (key, submission) in std::mem::take(&mut self.new_submissions) {
                if self.skipped.contains(&key) {
                    submissions.entry(key).or_default().push(submission);
                }
            }
        }
        debug!(respondents = submissions.len(), "re-deciding the latest submissions");
        flip_latest(self.tx, &mut submissions)
    }

    /// Brings the tallies up to date: the responses stored before whose
    /// mark `flips` changed stop or start counting, and this import's
    /// counted responses are added from what was read of their rows.
    fn count(&mut self, batch: i64, flips: &[Flip]) -> Result<(), SurveyError> {
        let mut stopped = Vec::new();
        let mut started = Vec::new();
        for flip in flips {
            if flip.batch != batch {
                if flip.superseded {
                    stopped.push(flip.id);
                } else {
                    started.push(flip.id);
                }
            } else if !flip.superseded {
                // The file's latest submission of this respondent was
                // already stored, and the stored one lost to one of this
                // import's rows (it was read under another date order).
                started.push(flip.id);
            }
        }
        let outdated: HashSet<i64> =
            flips.iter().filter(|f| f.batch == batch && f.superseded).map(|f| f.id).collect();
        for latest in &self.latest {
            if !outdated.contains(&latest.id) {
                self.tally.add(&latest.contribution, 1);
            }
        }
        crate::inventory::shift_tallies(self.tx, &stopped, -1)?;
        crate::inventory::shift_tallies(self.tx, &started, 1)?;
        self.tally.write(self.tx)?;
        Ok(())
    }
}

/// A response whose superseded mark changed.
struct Flip {
    id: i64,
    batch: i64,
    superseded: bool,
}

/// Re-decides which of each respondent's `submissions` counts, in the
/// store and in the map: the latest submission time wins, a known time
/// beats an unknown one, and equal times (or two unknown) go to the later
/// import (the higher id); the others are marked superseded. Returns the
/// marks it changed.
fn flip_latest(
    tx: &Transaction,
    by_respondent: &mut HashMap<i64, Vec<Submission>>,
) -> Result<Vec<Flip>, SurveyError> {
    let mut set = tx.prepare_cached("UPDATE responses SET superseded = ?2 WHERE id = ?1")?;
    let mut flips = Vec::new();
    for submissions in by_respondent.values_mut() {
        submissions.sort_by(|a, b| {
            let (ta, tb) = (a.submitted_at.as_deref(), b.submitted_at.as_deref());
            tb.unwrap_or("").cmp(ta.unwrap_or("")).then(b.id.cmp(&a.id))
        });
        for (i, s) in submissions.iter_mut().enumerate() {
            let should = i > 0;
            if s.superseded != should {
                set.execute(params![s.id, should])?;
                s.superseded = should;
                flips.push(Flip { id: s.id, batch: s.batch, superseded: should });
            }
        }
    }
    Ok(flips)
}

/// The counted submissions in `by_respondent`.
fn counted_of(by_respondent: &HashMap<i64, Vec<Submission>>) -> Vec<i64> {
    by_respondent.values().flatten().filter(|s| !s.superseded).map(|s| s.id).collect()
}

/// A stored response of an identified respondent.
struct Submission {
    id: i64,
    batch: i64,
    submitted_at: Option<String>,
    superseded: bool,
}

impl Submission {
    /// From a row whose columns 2 to 5 are id, batch_id, submitted_at and
    /// superseded.
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Submission> {
        Ok(Submission {
            id: r.get(2)?,
            batch: r.get(3)?,
            submitted_at: r.get(4)?,
            superseded: r.get(5)?,
        })
    }
}

/// The stored responses of the respondents `keys`, by respondent, in one
/// pass over `responses`, which keeps no index by respondent (see
/// [`Held`]).
fn submissions_of(
    tx: &Transaction,
    keys: &[i64],
) -> Result<HashMap<i64, Vec<Submission>>, SurveyError> {
    let wanted: HashSet<i64> = keys.iter().copied().collect();
    let mut out: HashMap<i64, Vec<Submission>> = HashMap::new();
    if wanted.is_empty() {
        return Ok(out);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT NULL, respondent_key, id, batch_id, submitted_at, superseded FROM responses
         WHERE respondent_key IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: i64 = r.get(1)?;
        if wanted.contains(&key) {
            out.entry(key).or_default().push(Submission::from_row(r)?);
        }
    }
    Ok(out)
}

/// The counted responses among `ids`.
fn counted(tx: &Transaction, ids: &[i64]) -> Result<Vec<i64>, SurveyError> {
    let mut stmt = tx.prepare_cached("SELECT superseded FROM responses WHERE id = ?1")?;
    let mut out = Vec::new();
    for &id in ids {
        let superseded: Option<i64> = stmt.query_row(params![id], |r| r.get(0)).optional()?;
        if superseded == Some(0) {
            out.push(id);
        }
    }
    Ok(out)
}

/// One import, as the list of imports shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Batch {
    /// The batch id, to undo it with.
    pub batch: String,
    /// The file's name.
    pub file: String,
    /// When it was imported.
    pub imported_at: String,
    /// The encoding it was read with.
    pub encoding: String,
    /// Data rows in the file.
    pub rows: u64,
    /// survey or contracts.
    pub kind: String,
    /// Responses it added that are still stored (a survey import).
    pub responses: u64,
    /// Contracts it added that are still stored, trash included (a
    /// contracts import).
    pub contracts: u64,
    /// The survey imports made after this one that skipped rows as already
    /// stored. Some of those rows may be this import's: undoing it removes
    /// them, and the later file must be imported again to bring them back,
    /// as no import records which earlier one held the rows it skipped.
    pub later_skipped: Vec<LaterSkipped>,
}

/// A later survey import that skipped rows as already stored.
#[derive(Clone, Debug, Serialize)]
pub struct LaterSkipped {
    /// Its file's name.
    pub file: String,
    /// How many of its rows it skipped.
    pub rows: u64,
}

/// Lists the imports of both kinds, newest first.
pub fn list_batches(store: &Store) -> Result<Vec<Batch>, SurveyError> {
    let mut stmt = store.conn().prepare(
        "SELECT b.uid, b.file_name, b.imported_at, b.encoding, b.rows_read, b.kind,
                (SELECT count(*) FROM responses r WHERE r.batch_id = b.id),
                (SELECT count(*) FROM contracts c WHERE c.batch_id = b.id),
                b.rows_read - b.rows_added
         FROM import_batches b ORDER BY b.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let batch = Batch {
            batch: r.get(0)?,
            file: r.get(1)?,
            imported_at: r.get(2)?,
            encoding: r.get(3)?,
            rows: r.get::<_, i64>(4)? as u64,
            kind: r.get(5)?,
            responses: r.get::<_, i64>(6)? as u64,
            contracts: r.get::<_, i64>(7)? as u64,
            later_skipped: Vec::new(),
        };
        Ok((batch, r.get::<_, i64>(8)?.max(0) as u64))
    })?;
    let newest_first: Vec<(Batch, u64)> = rows.collect::<Result<_, _>>()?;
    // Newest first: each survey batch hears of the skipping ones above it.
    let mut skipping: Vec<LaterSkipped> = Vec::new();
    let mut out = Vec::with_capacity(newest_first.len());
    for (mut batch, skipped) in newest_first {
        if batch.kind == "survey" {
            batch.later_skipped = skipping.iter().rev().cloned().collect();
            if skipped > 0 {
                skipping.push(LaterSkipped { file: batch.file.clone(), rows: skipped });
            }
        }
        out.push(batch);
    }
    Ok(out)
}

/// Undoes an import as a whole: its responses, their cells, tools and
/// flags go, and each of its respondents' latest remaining submission
/// counts again. Returns how many responses were removed.
pub fn undo_import(store: &mut Store, batch: &str) -> Result<u64, SurveyError> {
    store.write(|tx| {
        let id: i64 = tx
            .query_row("SELECT id FROM import_batches WHERE uid = ?1", params![batch], |r| r.get(0))
            .optional()?
            .ok_or_else(|| SurveyError::NoSuchBatch(batch.to_string()))?;
        let keys: Vec<i64> = tx
            .prepare(
                "SELECT DISTINCT respondent_key FROM responses
                 WHERE batch_id = ?1 AND respondent_key IS NOT NULL",
            )?
            .query_map(params![id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Every response whose counting may change stops counting first,
        // and those still counted afterwards count again.
        let mut affected: Vec<i64> = tx
            .prepare("SELECT id FROM responses WHERE batch_id = ?1 AND superseded = 0")?
            .query_map(params![id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // One pass over the store finds its respondents' submissions.
        let mut theirs = submissions_of(tx, &keys)?;
        affected.extend(counted_of(&theirs));
        crate::inventory::shift_tallies(tx, &affected, -1)?;
        let removed = tx.execute("DELETE FROM responses WHERE batch_id = ?1", params![id])?;
        tx.execute("DELETE FROM import_batches WHERE id = ?1", params![id])?;
        theirs.values_mut().for_each(|list| list.retain(|s| s.batch != id));
        flip_latest(tx, &mut theirs)?;
        crate::inventory::shift_tallies(tx, &counted_of(&theirs), 1)?;
        info!(batch, removed, "undid an import");
        Ok(removed as u64)
    })
}

/// Which responses to list.
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct ResponseQuery {
    /// Only responses with a value waiting to be fixed.
    pub flagged_only: bool,
    /// At most this many rows.
    pub limit: u32,
    /// Skip this many rows first.
    pub offset: u32,
}

impl Default for ResponseQuery {
    fn default() -> Self {
        ResponseQuery { flagged_only: false, limit: 200, offset: 0 }
    }
}

/// A page of responses.
#[derive(Clone, Debug, Serialize)]
pub struct ResponsePage {
    /// Responses matching the query, in all.
    pub total: u64,
    /// This page's responses.
    pub rows: Vec<ResponseRow>,
}

/// One response as the Responses view shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseRow {
    /// The response id.
    pub id: i64,
    /// Its row in the file.
    pub row: u64,
    /// The file it came from.
    pub file: String,
    /// When it was submitted.
    pub submitted_at: Option<String>,
    /// E-mail, unless left out.
    pub email: Option<String>,
    /// Name, unless left out.
    pub name: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Tools named.
    pub tools: Vec<String>,
    /// Payment kind.
    pub payment: Option<String>,
    /// The payment answer as written.
    pub payment_text: Option<String>,
    /// Monthly cost, when known.
    pub monthly_cost: Option<Money>,
    /// Hours a week using AI.
    pub usage_hours_week: Option<f64>,
    /// Hours a week saved.
    pub saved_hours_week: Option<f64>,
    /// Main tasks.
    pub tasks: Option<String>,
    /// Challenges named.
    pub challenges: Vec<String>,
    /// Requests.
    pub requests: Option<String>,
    /// True when a later submission of the same respondent counts instead.
    pub superseded: bool,
    /// The source row's cells as in the file, in the file's column order
    /// (personal cells left out at import are absent).
    pub cells: Vec<Cell>,
    /// Values waiting to be fixed.
    pub flags: Vec<OpenFlag>,
}

/// One cell of a source row.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The column's header.
    pub header: String,
    /// The text in the file.
    pub text: String,
}

/// A value waiting to be fixed.
#[derive(Clone, Debug, Serialize)]
pub struct OpenFlag {
    /// The flag id, to fix it with.
    pub id: String,
    /// The field.
    pub field: String,
    /// The column's header.
    pub column: String,
    /// The text in the file.
    pub value: String,
    /// Why it could not be read.
    pub reason: String,
}

/// Lists responses, oldest import first, in file order.
pub fn list_responses(store: &Store, query: &ResponseQuery) -> Result<ResponsePage, SurveyError> {
    let conn = store.conn();
    let filter = if query.flagged_only {
        "WHERE EXISTS (SELECT 1 FROM flags f WHERE f.response_id = r.id AND f.resolved_at IS NULL)"
    } else {
        ""
    };
    let total: i64 =
        conn.query_row(&format!("SELECT count(*) FROM responses r {filter}"), [], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.row_number, b.file_name, r.submitted_at, r.batch_id, d.name,
                r.payment, r.monthly_cost_minor, r.monthly_cost_currency,
                r.usage_minutes_week, r.saved_minutes_week, r.challenges,
                r.superseded, r.cells
         FROM responses r
         JOIN import_batches b ON b.id = r.batch_id
         LEFT JOIN departments d ON d.id = r.department_id
         {filter}
         ORDER BY r.id
         LIMIT ?1 OFFSET ?2"
    ))?;
    let hours = |m: Option<i64>| m.map(|m| (m as f64 / 60.0 * 100.0).round() / 100.0);
    let mut rows = Vec::new();
    let mut sources = SourceRows::new(conn);
    let mut result = stmt.query(params![query.limit, query.offset])?;
    while let Some(r) = result.next()? {
        let cost: Option<i64> = r.get(7)?;
        let currency: Option<String> = r.get(8)?;
        let monthly_cost = match (cost, currency.and_then(|c| Currency::parse(&c).ok())) {
            (Some(minor), Some(c)) => Some(Money::new(c, minor)),
            _ => None,
        };
        let challenges: String = r.get(11)?;
        let (text, cells) = sources.read(r.get(4)?, &r.get::<_, String>(13)?)?;
        rows.push(ResponseRow {
            id: r.get(0)?,
            row: r.get::<_, i64>(1)? as u64,
            file: r.get(2)?,
            submitted_at: r.get(3)?,
            email: text.email,
            name: text.name,
            department: r.get(5)?,
            tools: Vec::new(),
            payment: r.get(6)?,
            payment_text: text.payment,
            monthly_cost,
            usage_hours_week: hours(r.get(9)?),
            saved_hours_week: hours(r.get(10)?),
            tasks: text.tasks,
            challenges: serde_json::from_str(&challenges).unwrap_or_default(),
            requests: text.requests,
            superseded: r.get::<_, i64>(12)? != 0,
            cells,
            flags: Vec::new(),
        });
    }
    let mut tools = conn.prepare_cached(
        "SELECT t.name FROM responses r, json_each(r.tool_ids) j JOIN tools t ON t.id = j.value
         WHERE r.id = ?1 ORDER BY j.key",
    )?;
    let mut flags = conn.prepare_cached(
        "SELECT id, field, column_name, raw, reason FROM flags
         WHERE response_id = ?1 AND resolved_at IS NULL ORDER BY column_name",
    )?;
    for row in &mut rows {
        row.tools = tools.query_map(params![row.id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        row.flags = flags
            .query_map(params![row.id], |r| {
                Ok(OpenFlag {
                    id: r.get(0)?,
                    field: r.get(1)?,
                    column: r.get(2)?,
                    value: r.get(3)?,
                    reason: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    Ok(ResponsePage { total: total as u64, rows })
}

/// Reads stored source rows (`responses.cells`) with their batches'
/// headers, each batch's read and worked out once.
pub(crate) struct SourceRows<'c> {
    conn: &'c rusqlite::Connection,
    batches: HashMap<i64, (Vec<String>, TextColumns)>,
}

impl<'c> SourceRows<'c> {
    pub(crate) fn new(conn: &'c rusqlite::Connection) -> Self {
        SourceRows { conn, batches: HashMap::new() }
    }

    /// The free-text answers and the cells (those not left out) of a
    /// response of `batch` whose stored row is `cells`.
    pub(crate) fn read(
        &mut self,
        batch: i64,
        cells: &str,
    ) -> rusqlite::Result<(TextAnswers, Vec<Cell>)> {
        let (headers, columns) = match self.batches.entry(batch) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let (mapping, headers): (String, String) = self.conn.query_row(
                    "SELECT mapping, headers FROM import_batches WHERE id = ?1",
                    params![batch],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let headers: Vec<String> = serde_json::from_str(&headers).unwrap_or_default();
                let columns = TextColumns::of(&mapping, &headers);
                e.insert((headers, columns))
            }
        };
        let cells: Vec<Option<String>> = serde_json::from_str(cells).unwrap_or_default();
        let text = columns.read(&cells);
        let cells = headers
            .iter()
            .zip(cells)
            .filter_map(|(h, c)| c.map(|c| Cell { header: h.clone(), text: c }))
            .collect();
        Ok((text, cells))
    }
}

/// Where a batch's free-text answers are in its rows' `cells`: the
/// e-mail, name, payment, tasks and requests answers are stored only
/// there (migration 0008).
struct TextColumns {
    email: Option<usize>,
    name: Option<usize>,
    payment: Option<usize>,
    tasks: Option<usize>,
    requests: Option<usize>,
}

/// A response's free-text answers, as read from its source row; each is
/// `None` when blank, not asked or left out at import.
pub(crate) struct TextAnswers {
    pub email: Option<String>,
    pub name: Option<String>,
    pub payment: Option<String>,
    pub tasks: Option<String>,
    pub requests: Option<String>,
}

impl TextColumns {
    /// The columns of a batch whose mapping (a JSON object of field to
    /// header) and headers are these.
    fn of(mapping: &str, headers: &[String]) -> TextColumns {
        let mapping: Mapping = serde_json::from_str(mapping).unwrap_or_default();
        let column = |field: Field| {
            let header = mapping.get(&field)?;
            headers.iter().position(|h| h == header)
        };
        TextColumns {
            email: column(Field::Email),
            name: column(Field::Name),
            payment: column(Field::Payment),
            tasks: column(Field::Tasks),
            requests: column(Field::Requests),
        }
    }

    /// The answers in `cells`, read as the import read them: trimmed, and
    /// an e-mail of Microsoft's "anonymous" is none.
    fn read(&self, cells: &[Option<String>]) -> TextAnswers {
        let cell = |column: Option<usize>| cells.get(column?)?.as_deref();
        let text = |column: Option<usize>| cell(column).and_then(row::non_blank).map(String::from);
        TextAnswers {
            email: cell(self.email).and_then(row::address).map(String::from),
            name: text(self.name),
            payment: text(self.payment),
            tasks: text(self.tasks),
            requests: text(self.requests),
        }
    }
}

/// A flag's response, field, column, its batch's date order and the
/// respondent key.
type FlagTarget = (i64, String, String, Option<String>, Option<i64>);

/// Fixes a flagged value with the text the user typed: it is read as the
/// field's kind and, if readable, counted from now on. A blank fix means
/// "unknown", which clears the flag and counts nowhere. The source row
/// keeps the text that was in the file; the flag keeps the fix.
pub fn fix_flag(store: &mut Store, flag_id: &str, value: &str) -> Result<(), SurveyError> {
    let base = crate::settings::base_currency(store.conn())?;
    store.write(|tx| {
        let found: Option<FlagTarget> = tx
            .query_row(
                "SELECT f.response_id, f.field, f.column_name, b.date_order, r.respondent_key
                 FROM flags f
                 JOIN responses r ON r.id = f.response_id
                 JOIN import_batches b ON b.id = r.batch_id
                 WHERE f.id = ?1 AND f.resolved_at IS NULL",
                params![flag_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (response, field, column, date_order, key) =
            found.ok_or_else(|| SurveyError::NoSuchFlag(flag_id.to_string()))?;
        let unreadable = |e: values::ValueError| SurveyError::StillUnreadable {
            column: column.clone(),
            value: value.to_string(),
            reason: e.0,
        };
        let text = value.trim();
        if text.is_empty() {
            // A blank would close the flag with the value unknown, and a
            // closed flag cannot be fixed again.
            return Err(SurveyError::StillUnreadable {
                column: column.clone(),
                value: String::new(),
                reason: "is blank; give the value".into(),
            });
        }
        // The response, and the other submissions of its respondent whose
        // counting a new time may change, stop counting while it changes.
        let mut theirs = submissions_of(tx, &key.into_iter().collect::<Vec<_>>())?;
        let mut affected = vec![response];
        affected.extend(theirs.values().flatten().map(|s| s.id).filter(|&r| r != response));
        let before = counted(tx, &affected)?;
        crate::inventory::shift_tallies(tx, &before, -1)?;
        match field.parse::<Field>().map_err(SurveyError::Mapping)? {
            Field::SubmittedAt => {
                let order =
                    date_order.as_deref().and_then(DateOrder::parse).unwrap_or(DateOrder::Ymd);
                let t = values::parse_datetime(text, order).map_err(unreadable)?;
                let stamp = t.as_ref().map(values::iso_stamp);
                tx.execute(
                    "UPDATE responses SET submitted_at = ?2 WHERE id = ?1",
                    params![response, stamp],
                )?;
                for s in theirs.values_mut().flatten().filter(|s| s.id == response) {
                    s.submitted_at = stamp.clone();
                }
                flip_latest(tx, &mut theirs)?;
            }
            Field::MonthlyCost => {
                let m = values::parse_money(text, base).map_err(unreadable)?;
                tx.execute(
                    "UPDATE responses SET monthly_cost_minor = ?2, monthly_cost_currency = ?3
                     WHERE id = ?1",
                    params![response, m.map(|m| m.minor), m.map(|m| m.currency.code().to_string())],
                )?;
            }
            Field::UsageHoursWeek => {
                let m = values::parse_minutes(text).map_err(unreadable)?;
                tx.execute(
                    "UPDATE responses SET usage_minutes_week = ?2 WHERE id = ?1",
                    params![response, m],
                )?;
            }
            Field::SavedHoursWeek => {
                let m = values::parse_minutes(text).map_err(unreadable)?;
                tx.execute(
                    "UPDATE responses SET saved_minutes_week = ?2 WHERE id = ?1",
                    params![response, m],
                )?;
            }
            other => return Err(SurveyError::Mapping(format!("{other} values are never flagged"))),
        }
        tx.execute(
            "UPDATE flags SET fixed_value = ?2, resolved_at = ?3 WHERE id = ?1",
            params![flag_id, value, now()],
        )?;
        crate::inventory::shift_tallies(tx, &counted(tx, &affected)?, 1)?;
        Ok(())
    })
}
