//! The library outside the app: a folder of Markdown files (for a wiki or
//! Notion), one JSON file (with every version), or one CSV file.
//!
//! Markdown: one `.md` file per template, front matter between `---`
//! lines, then the body exactly as stored. Front matter values are
//! written in JSON syntax, which is valid YAML, so a YAML reader reads
//! them and the round trip is exact (Japanese text, line breaks,
//! variables). When reading, a value that is not JSON (a hand-edited
//! `title: 会議の要約`, a YAML list `[a, b]`, or a block list of `- a`
//! lines) is read as YAML would; other YAML (anchors, multi-line
//! strings) is not.
//!
//! CSV: one row per template; lists and variables are JSON in their
//! cells (a list typed in a spreadsheet as `会議, 要約` is read too). A cell that starts with `=`, `+`, `-`, `@`, tab, CR or `'` gets
//! a leading `'` so a spreadsheet never runs it, and reading strips
//! exactly one leading `'`, so the round trip is exact too. UTF-8 with
//! a BOM, for Excel.
//!
//! An import that meets a template already in the library does what
//! [`OnConflict`] says: skip it, replace it (the file's content becomes
//! its next version), or keep both (the file's template is added beside
//! it). A template with an id meets the library's template of that id
//! and no other, so two templates that share a title both come back; one
//! without an id (a hand-written page) meets a template of its title that
//! was in the library before the import. A file or folder that holds one
//! id twice is refused, as the two copies cannot both be the template.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{check, clean, get, list, save_in, Content, Filter, Prompt, PromptError, Status};
use crate::Store;

/// A file format of the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A folder of `.md` files.
    Markdown,
    /// One `.json` file, versions included.
    Json,
    /// One `.csv` file.
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_lowercase().as_str() {
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            other => Err(format!("'{other}' is not markdown, json or csv")),
        }
    }
}

/// What to do with a template that is already in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    /// Leave the library's template as it is.
    #[default]
    Skip,
    /// Save the file's content as the template's next version.
    Replace,
    /// Add the file's template beside it.
    KeepBoth,
}

impl std::str::FromStr for OnConflict {
    type Err = String;
    fn from_str(s: &str) -> Result<OnConflict, String> {
        match s.trim().to_lowercase().replace('_', "-").as_str() {
            "skip" => Ok(OnConflict::Skip),
            "replace" => Ok(OnConflict::Replace),
            "keep-both" => Ok(OnConflict::KeepBoth),
            other => Err(format!("'{other}' is not skip, replace or keep-both")),
        }
    }
}

/// A template as the files hold it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Exported {
    /// Its id.
    pub id: String,
    /// Its fields.
    #[serde(flatten)]
    pub content: Content,
    /// When it was made.
    #[serde(default)]
    pub created_at: String,
    /// When it was last saved.
    #[serde(default)]
    pub updated_at: String,
    /// Its versions, oldest first (JSON only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<ExportedVersion>,
}

/// One version, in a JSON export.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ExportedVersion {
    /// Its number.
    pub version: i64,
    /// When it was saved.
    pub saved_at: String,
    /// Its note.
    #[serde(default)]
    pub note: String,
    /// What the template was.
    pub content: Content,
}

#[derive(Serialize, Deserialize)]
struct JsonFile {
    format: String,
    templates: Vec<Exported>,
}

const JSON_FORMAT: &str = "ai-oversight-prompts/1";

fn file_error(path: &Path, reason: impl std::fmt::Display) -> PromptError {
    PromptError::File { path: path.display().to_string(), reason: reason.to_string() }
}

fn versions_of(store: &Store, id: &str) -> Result<Vec<ExportedVersion>, PromptError> {
    let key: i64 =
        store
            .conn()
            .query_row("SELECT id FROM prompts WHERE uid = ?1", params![id], |r| r.get(0))?;
    let mut stmt = store.conn().prepare(
        "SELECT version, saved_at, note, content FROM prompt_versions WHERE prompt_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map(params![key], |r| {
        Ok(ExportedVersion {
            version: r.get(0)?,
            saved_at: r.get(1)?,
            note: r.get(2)?,
            content: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn exported(p: Prompt) -> Exported {
    Exported {
        id: p.id,
        content: p.content,
        created_at: p.created_at,
        updated_at: p.updated_at,
        versions: Vec::new(),
    }
}

/// Every template in the library (not the trash), for an export.
fn all(store: &Store, with_versions: bool) -> Result<Vec<Exported>, PromptError> {
    let mut out = Vec::new();
    for p in list(store, &Filter { limit: Some(u32::MAX), ..Filter::default() })? {
        let mut e = exported(p);
        if with_versions {
            e.versions = versions_of(store, &e.id)?;
        }
        out.push(e);
    }
    Ok(out)
}

/// The library as one JSON text, versions included.
pub fn to_json(store: &Store) -> Result<String, PromptError> {
    let file = JsonFile { format: JSON_FORMAT.into(), templates: all(store, true)? };
    Ok(serde_json::to_string_pretty(&file).expect("plain values serialise"))
}

/// One template as a Markdown file's text.
pub fn to_markdown(e: &Exported) -> String {
    let c = &e.content;
    let j = |v: serde_json::Value| v.to_string();
    let mut out = String::from("---\n");
    for (key, value) in [
        ("id", j(e.id.as_str().into())),
        ("title", j(c.title.as_str().into())),
        ("status", j(c.status.as_str().into())),
        ("category", j(c.category.as_str().into())),
        ("department", j(c.department.as_str().into())),
        ("tools", j(c.tools.clone().into())),
        ("data_classes", j(c.data_classes.clone().into())),
        ("tags", j(c.tags.clone().into())),
        ("owner", j(c.owner.as_str().into())),
        ("variables", j(serde_json::to_value(&c.variables).expect("variables serialise"))),
        ("created_at", j(e.created_at.as_str().into())),
        ("updated_at", j(e.updated_at.as_str().into())),
    ] {
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push_str("---\n");
    out.push_str(&c.body);
    out
}

/// A file name for a template: its title made safe, then its id's end.
fn file_name(e: &Exported) -> String {
    let safe: String = e
        .content
        .title
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(60)
        .collect();
    let tail: String = e.id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    // A name starting with "-" reads as an option to a shell command.
    match safe.trim_matches(['_', '-']) {
        "" => format!("template-{tail}.md"),
        safe => format!("{safe}-{tail}.md"),
    }
}

/// Writes the library as a folder of Markdown files; returns how many.
///
/// The folder must hold no `.md` file yet: an earlier export's file of a
/// template since retitled or deleted would stay beside the new ones and
/// come back with the next import of the folder.
pub fn export_markdown(store: &Store, dir: &Path) -> Result<usize, PromptError> {
    std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    let held = std::fs::read_dir(dir)
        .map_err(|e| file_error(dir, e))?
        .filter_map(Result::ok)
        .any(|f| f.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("md")));
    if held {
        return Err(file_error(
            dir,
            "the folder already holds Markdown files; export into an empty or new folder, \
             so that no old copy of a template is read back later",
        ));
    }
    let templates = all(store, false)?;
    for e in &templates {
        let path = dir.join(file_name(e));
        std::fs::write(&path, to_markdown(e)).map_err(|err| file_error(&path, err))?;
    }
    Ok(templates.len())
}

fn csv_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn csv_uncell(text: &str) -> String {
    text.strip_prefix('\'').unwrap_or(text).to_string()
}

const CSV_HEADERS: &[&str] = &[
    "id",
    "title",
    "body",
    "variables",
    "category",
    "department",
    "tools",
    "data_classes",
    "tags",
    "status",
    "owner",
    "created_at",
    "updated_at",
];

/// The library as CSV bytes.
pub fn to_csv(store: &Store) -> Result<Vec<u8>, PromptError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let fail = |e: csv::Error| PromptError::File { path: "CSV".into(), reason: e.to_string() };
        w.write_record(CSV_HEADERS).map_err(fail)?;
        for e in all(store, false)? {
            let c = &e.content;
            let j = |v: &Vec<String>| serde_json::to_string(v).expect("strings serialise");
            let row = [
                e.id.clone(),
                c.title.clone(),
                c.body.clone(),
                serde_json::to_string(&c.variables).expect("variables serialise"),
                c.category.clone(),
                c.department.clone(),
                j(&c.tools),
                j(&c.data_classes),
                j(&c.tags),
                c.status.as_str().to_string(),
                c.owner.clone(),
                e.created_at.clone(),
                e.updated_at.clone(),
            ];
            w.write_record(row.iter().map(|cell| csv_cell(cell))).map_err(fail)?;
        }
        w.flush().map_err(|e| PromptError::File { path: "CSV".into(), reason: e.to_string() })?;
    }
    Ok(out)
}

/// A front matter value: JSON, or else read as YAML would read a plain
/// scalar or a flow list.
fn front_value(raw: &str) -> serde_json::Value {
    let raw = raw.trim();
    if let Ok(v) = serde_json::from_str(raw) {
        return v;
    }
    if let Some(inner) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return serde_json::Value::Array(
            inner
                .split(',')
                .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
                .filter(|s| !s.is_empty())
                .map(serde_json::Value::String)
                .collect(),
        );
    }
    serde_json::Value::String(raw.trim_matches(['"', '\'']).to_string())
}

/// A list typed by hand: split on commas (also full-width ones and "、"),
/// each part trimmed, blanks dropped.
fn plain_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

/// Reads one Markdown template.
pub fn from_markdown(text: &str, path: &Path) -> Result<Exported, PromptError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(file_error(path, "no front matter: the file must start with a line '---'"));
    }
    let rest = &text[first.len()..];
    let mut fields = serde_json::Map::new();
    let mut offset = 0;
    let mut body = None;
    // The key of a YAML block list ("tags:" then "  - 会議" lines).
    let mut listing: Option<String> = None;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim_end() == "---" {
            body = Some(&rest[offset..]);
            break;
        }
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if let (Some(key), Some(item)) = (&listing, l.trim_start().strip_prefix("- ")) {
            let entry = fields.entry(key.clone()).or_insert(serde_json::Value::Null);
            if !entry.is_array() {
                *entry = serde_json::Value::Array(Vec::new());
            }
            if let serde_json::Value::Array(items) = entry {
                items.push(serde_json::Value::String(
                    item.trim().trim_matches(['"', '\'']).to_string(),
                ));
            }
            continue;
        }
        let (key, value) = l.split_once(':').ok_or_else(|| {
            file_error(path, format!("front matter line '{l}' is not 'key: value'"))
        })?;
        let key = key.trim().to_string();
        if value.trim().is_empty() {
            // Blank, unless "- " lines follow.
            listing = Some(key.clone());
            fields.insert(key, front_value(value));
        } else {
            listing = None;
            fields.insert(key, front_value(value));
        }
    }
    let body =
        body.ok_or_else(|| file_error(path, "the front matter has no closing '---' line"))?;
    fields.insert("body".into(), serde_json::Value::String(body.to_string()));
    if !fields.contains_key("id") {
        fields.insert("id".into(), serde_json::Value::String(String::new()));
    }
    if let Some(serde_json::Value::String(s)) = fields.get("status") {
        let status = Status::parse(s).ok_or_else(|| {
            file_error(path, format!("status '{s}' is not draft, approved or retired"))
        })?;
        fields.insert("status".into(), serde_json::Value::String(status.as_str().into()));
    }
    serde_json::from_value(serde_json::Value::Object(fields)).map_err(|e| file_error(path, e))
}

/// Reads a library file or folder in `format`.
pub fn read(path: &Path, format: Format) -> Result<Vec<Exported>, PromptError> {
    match format {
        Format::Json => {
            let text = std::fs::read_to_string(path).map_err(|e| file_error(path, e))?;
            let file: JsonFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .map_err(|e| file_error(path, format!("not a prompt library JSON file: {e}")))?;
            if file.format != JSON_FORMAT {
                return Err(file_error(
                    path,
                    format!("format '{}' is not {JSON_FORMAT}", file.format),
                ));
            }
            Ok(file.templates)
        }
        Format::Markdown => {
            if path.is_file() {
                return Err(file_error(
                    path,
                    "a Markdown import reads a folder of .md files: give the folder",
                ));
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| file_error(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
                .collect();
            files.sort();
            files
                .iter()
                .map(|f| {
                    let text = std::fs::read_to_string(f).map_err(|e| file_error(f, e))?;
                    let e = from_markdown(&text, f)?;
                    // Checked here too, so that a refusal names its file.
                    check(&e.content).map_err(|err| file_error(f, err))?;
                    Ok(e)
                })
                .collect()
        }
        Format::Csv => {
            let bytes = std::fs::read(path).map_err(|e| file_error(path, e))?;
            // As the survey reader reads text: UTF-8 with or without a BOM,
            // UTF-16 with a BOM, or CP932 as Excel on Japanese Windows saves.
            let (text, _) = crate::survey::read::decode(&bytes).ok_or_else(|| {
                file_error(path, "not text in UTF-8, UTF-16 or Shift_JIS (CP932)")
            })?;
            let text = text.trim_start_matches('\u{feff}');
            let delimiter =
                if text.lines().next().is_some_and(|h| h.contains('\t')) { b'\t' } else { b',' };
            let mut r = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
            let headers: Vec<String> =
                r.headers().map_err(|e| file_error(path, e))?.iter().map(str::to_string).collect();
            let col = |name: &str| headers.iter().position(|h| h == name);
            for required in ["title", "body"] {
                if col(required).is_none() {
                    return Err(file_error(
                        path,
                        format!("no '{required}' column (columns: {})", headers.join(", ")),
                    ));
                }
            }
            let mut out = Vec::new();
            for (i, record) in r.records().enumerate() {
                let row = i + 2;
                let record = record.map_err(|e| file_error(path, format!("row {row}: {e}")))?;
                let get = |name: &str| {
                    col(name).and_then(|c| record.get(c)).map(csv_uncell).unwrap_or_default()
                };
                // The export writes a JSON array; a cell typed in a
                // spreadsheet ("会議, 要約") is read as a plain list.
                let list = |name: &str| -> Result<Vec<String>, PromptError> {
                    let t = get(name);
                    if !t.trim_start().starts_with('[') {
                        return Ok(plain_list(&t));
                    }
                    serde_json::from_str(&t).map_err(|e| {
                        file_error(
                            path,
                            format!("row {row}, column {name}: not a JSON list of text: {e}"),
                        )
                    })
                };
                let variables = match get("variables") {
                    t if t.trim().is_empty() => Vec::new(),
                    t => serde_json::from_str(&t).map_err(|e| {
                        file_error(path, format!("row {row}, column variables: {e}"))
                    })?,
                };
                let status = match get("status") {
                    s if s.trim().is_empty() => Status::Draft,
                    s => Status::parse(&s).ok_or_else(|| {
                        file_error(
                            path,
                            format!(
                                "row {row}, column status: '{s}' is not draft, approved or retired"
                            ),
                        )
                    })?,
                };
                out.push(Exported {
                    id: get("id"),
                    content: Content {
                        title: get("title"),
                        body: get("body"),
                        variables,
                        category: get("category"),
                        department: get("department"),
                        tools: list("tools")?,
                        data_classes: list("data_classes")?,
                        tags: list("tags")?,
                        status,
                        owner: get("owner"),
                    },
                    created_at: get("created_at"),
                    updated_at: get("updated_at"),
                    versions: Vec::new(),
                });
            }
            Ok(out)
        }
    }
}

/// A template of the file that is already in the library.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    /// Its title in the file.
    pub title: String,
    /// The library's template it meets.
    pub existing_id: String,
    /// Why they are the same: "id" or "title".
    pub by: &'static str,
}

/// What an import did (or, dry, would do).
#[derive(Clone, Debug, Serialize, Default)]
pub struct ImportReport {
    /// Templates in the file.
    pub templates: usize,
    /// Added as new templates.
    pub added: usize,
    /// Saved as the next version of the library's template.
    pub replaced: usize,
    /// Added beside the library's template.
    pub kept_both: usize,
    /// Left alone.
    pub skipped: usize,
    /// The templates already in the library.
    pub conflicts: Vec<Conflict>,
    /// True when nothing was stored.
    pub dry_run: bool,
}

/// The library's template that `e` meets, and why: by id when `e` has
/// one, else by title among the templates of `titles` (those the library
/// held before the import, title → id of the oldest).
fn existing(
    tx: &Transaction,
    e: &Exported,
    titles: &HashMap<String, String>,
) -> rusqlite::Result<Option<(String, &'static str)>> {
    if !e.id.trim().is_empty() {
        let by_id: Option<String> = tx
            .query_row(
                "SELECT uid FROM prompts WHERE uid = ?1 AND deleted_at IS NULL",
                params![e.id.trim()],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(by_id.map(|id| (id, "id")));
    }
    Ok(titles.get(clean(&e.content.title).trim()).map(|id| (id.clone(), "title")))
}

/// Every template's title, with the id of the oldest that has it.
fn titles_before(tx: &Transaction) -> rusqlite::Result<HashMap<String, String>> {
    let mut stmt =
        tx.prepare("SELECT title, uid FROM prompts WHERE deleted_at IS NULL ORDER BY id DESC")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.collect()
}

/// Refuses templates that hold one id twice, naming both.
fn check_ids_once(templates: &[Exported]) -> Result<(), PromptError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in templates.iter().enumerate() {
        let id = e.id.trim();
        if id.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(PromptError::Invalid {
                field: "id",
                reason: format!(
                    "templates {} ('{}') and {} ('{}') have the same id {id}: keep one copy \
                     of the template and import again",
                    first + 1,
                    templates[first].content.title.trim(),
                    i + 1,
                    e.content.title.trim()
                ),
            });
        }
    }
    Ok(())
}

/// Adds `e` as a new template, keeping its id (when free), times and
/// versions, so an export read back into an empty library is the same.
fn add_exported(
    tx: &Transaction,
    e: &Exported,
    c: &Content,
    keep_id: bool,
) -> Result<(), PromptError> {
    let uid = if keep_id && !e.id.is_empty() && uuid::Uuid::parse_str(&e.id).is_ok() {
        e.id.clone()
    } else {
        crate::store::new_id()
    };
    let taken: bool =
        tx.query_row("SELECT count(*) FROM prompts WHERE uid = ?1", params![uid], |r| {
            r.get::<_, i64>(0)
        })? > 0;
    let uid = if taken { crate::store::new_id() } else { uid };
    let created = Some(e.created_at.as_str()).filter(|s| !s.is_empty());
    let made = save_in(tx, None, c, "", created)?;
    tx.execute("UPDATE prompts SET uid = ?2 WHERE uid = ?1", params![made, uid])?;
    if !e.versions.is_empty() {
        let key: i64 =
            tx.query_row("SELECT id FROM prompts WHERE uid = ?1", params![uid], |r| r.get(0))?;
        tx.execute("DELETE FROM prompt_versions WHERE prompt_id = ?1", params![key])?;
        for v in &e.versions {
            tx.execute(
                "INSERT INTO prompt_versions (prompt_id, version, content, saved_at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![key, v.version, serde_json::to_string(&v.content).expect("content serialises"), v.saved_at, v.note],
            )?;
        }
        let latest = e.versions.iter().map(|v| v.version).max().unwrap_or(1);
        tx.execute("UPDATE prompts SET version = ?2 WHERE id = ?1", params![key, latest])?;
    }
    if !e.updated_at.is_empty() {
        tx.execute(
            "UPDATE prompts SET updated_at = ?2 WHERE uid = ?1",
            params![uid, e.updated_at],
        )?;
    }
    Ok(())
}

/// Imports templates read from a file, in one transaction; every
/// template is checked first, so a bad one stores nothing.
pub fn import(
    store: &mut Store,
    templates: &[Exported],
    on_conflict: OnConflict,
    dry_run: bool,
) -> Result<ImportReport, PromptError> {
    let checked: Vec<Content> = templates
        .iter()
        .enumerate()
        .map(|(i, e)| {
            check(&e.content).map_err(|err| PromptError::Invalid {
                field: "template",
                reason: format!("template {} ('{}'): {err}", i + 1, e.content.title.trim()),
            })
        })
        .collect::<Result<_, _>>()?;
    check_ids_once(templates)?;
    store.write_or_rollback(!dry_run, |tx| {
        let mut report =
            ImportReport { templates: templates.len(), dry_run, ..ImportReport::default() };
        let titles = titles_before(tx)?;
        for (e, c) in templates.iter().zip(&checked) {
            match existing(tx, e, &titles)? {
                None => {
                    add_exported(tx, e, c, true)?;
                    report.added += 1;
                }
                Some((id, by)) => {
                    report.conflicts.push(Conflict {
                        title: c.title.clone(),
                        existing_id: id.clone(),
                        by,
                    });
                    match on_conflict {
                        OnConflict::Skip => report.skipped += 1,
                        OnConflict::Replace => {
                            save_in(tx, Some(&id), c, "replaced by an import", None)?;
                            report.replaced += 1;
                        }
                        OnConflict::KeepBoth => {
                            add_exported(tx, e, c, false)?;
                            report.kept_both += 1;
                        }
                    }
                }
            }
        }
        Ok::<_, PromptError>(report)
    })
}

/// The library's template `id` in the shape an export writes it.
pub fn export_one(store: &Store, id: &str) -> Result<Exported, PromptError> {
    let mut e = exported(get(store, id)?);
    e.versions = versions_of(store, id)?;
    Ok(e)
}

/// Counts of templates by status, for a summary line.
pub fn counts(store: &Store) -> Result<BTreeMap<String, i64>, PromptError> {
    let mut stmt = store
        .conn()
        .prepare("SELECT status, count(*) FROM prompts WHERE deleted_at IS NULL GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
