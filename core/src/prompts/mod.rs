//! The company prompt library: templates with typed variables, every
//! save kept as a version, use counts and ratings, and search that works
//! for Japanese and English.
//!
//! A template's body names its variables as `{{customer_name}}` (spaces
//! inside the braces are allowed, and names may be Japanese:
//! `{{顧客名}}`). Each variable has a kind (text, long text, date, one of
//! a list) and an optional default; a variable the body names but the
//! template does not describe is plain text.
//!
//! Search ([`search`]) runs on an FTS5 index with the trigram tokenizer,
//! so it matches substrings, which is what Japanese (written without
//! spaces) needs. The index holds the title, body and tags in Unicode
//! NFKC (so "（株）" finds "(株)"), without control characters. What the
//! user types is never FTS5 syntax: each word is searched as a literal
//! string, words of three characters or more as themselves and shorter
//! ones ("会議", "AI", "*") as the trigrams they start, which is still a
//! substring match, so no query can raise an error.

pub mod io;

use std::collections::{BTreeMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::Store;

/// Errors of the prompt library.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// A field was refused.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// No template (or version) has that id.
    #[error("{0}")]
    NotFound(String),
    /// A file could not be read or written.
    #[error("{path}: {reason}")]
    File {
        /// The file or folder.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn invalid(field: &'static str, reason: impl Into<String>) -> PromptError {
    PromptError::Invalid { field, reason: reason.into() }
}

/// What a variable holds, and so which input the "Use" form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VariableKind {
    /// One line of text.
    #[default]
    Text,
    /// Several lines.
    LongText,
    /// A day, YYYY-MM-DD.
    Date,
    /// One of `options`.
    Choice,
}

/// One variable of a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    /// Its name as written between the braces.
    pub name: String,
    /// What it holds.
    #[serde(default)]
    pub kind: VariableKind,
    /// The value used when the user gives none.
    #[serde(default)]
    pub default: Option<String>,
    /// The choices, for [`VariableKind::Choice`].
    #[serde(default)]
    pub options: Vec<String>,
}

/// Where a template stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written; not for general use.
    #[default]
    Draft,
    /// Approved for use.
    Approved,
    /// No longer to be used.
    Retired,
}

impl Status {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Retired => "retired",
        }
    }

    /// Reads a stored or typed status.
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_lowercase().as_str() {
            "draft" | "下書き" => Some(Status::Draft),
            "approved" | "承認済み" | "承認" => Some(Status::Approved),
            "retired" | "廃止" => Some(Status::Retired),
            _ => None,
        }
    }
}

/// The fields of a template that a version keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Content {
    /// The title.
    pub title: String,
    /// The body, with `{{variables}}`.
    pub body: String,
    /// The variables, in the order the body first names them.
    pub variables: Vec<Variable>,
    /// The task category, e.g. "meeting", "customer reply".
    pub category: String,
    /// The department it came from.
    pub department: String,
    /// The tools it is approved for.
    pub tools: Vec<String>,
    /// The data classes it may be used with (public, internal, confidential, personal).
    pub data_classes: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// draft, approved or retired.
    pub status: Status,
    /// Who looks after it.
    pub owner: String,
}

/// A stored template.
#[derive(Clone, Debug, Serialize)]
pub struct Prompt {
    /// Its id (UUID).
    pub id: String,
    /// Its fields.
    #[serde(flatten)]
    pub content: Content,
    /// Times it was used.
    pub uses: i64,
    /// The mean rating (1–5), to one decimal; `None` before any rating.
    pub rating: Option<f64>,
    /// How many ratings.
    pub ratings: i64,
    /// Its latest version.
    pub version: i64,
    /// When it was made.
    pub created_at: String,
    /// When it was last saved.
    pub updated_at: String,
}

/// The names of the variables `body` uses, in the order of first use.
pub fn variables_in(body: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, name) in placeholders(body) {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// The `{{name}}` placeholders of `body` in order: the byte range of
/// each, braces included, and its name. Braces around anything that is
/// not a name are text, and a `{{` never closed does not hide the
/// placeholders after it: in "A {{ oops } B {{name}}" the placeholder is
/// `{{name}}`, as the `}}` belongs to the last `{{` before it.
fn placeholders(body: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = body[from..].find("{{").map(|i| from + i) {
        let Some(close) = body[open + 2..].find("}}").map(|i| open + 2 + i) else { break };
        let open = body[open..close].rfind("{{").map_or(open, |i| open + i);
        let name = body[open + 2..close].trim();
        if is_name(name) {
            found.push((open..close + 2, name));
            from = close + 2;
        } else {
            from = open + 2;
        }
    }
    found
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// `text` without control characters other than tab and line breaks.
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).collect()
}

fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let t = clean(item).trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The longest title, category, department, owner, tag, tool or data
/// class, in characters.
pub const MAX_NAME_CHARS: usize = 300;
/// The longest body, in characters: a long prompt with its examples is a
/// few thousand; a whole document pasted in is not a template, and every
/// search that finds it reads it whole.
pub const MAX_BODY_CHARS: usize = 100_000;

fn too_long(field: &'static str, text: &str, max: usize) -> Result<(), PromptError> {
    let n = text.chars().count();
    if n > max {
        let start: String = text.chars().take(40).collect();
        return Err(invalid(
            field,
            format!("'{start}…' is {n} characters long; at most {max} are kept"),
        ));
    }
    Ok(())
}

/// Checks `content` and puts it in its stored form: control characters
/// removed, lists trimmed, the variables those the body names (described
/// ones keep their description, others are text).
pub fn check(content: &Content) -> Result<Content, PromptError> {
    let title = clean(&content.title).trim().to_string();
    if title.is_empty() {
        return Err(invalid("title", "a template needs a title"));
    }
    too_long("title", &title, MAX_NAME_CHARS)?;
    let body = clean(&content.body);
    if body.trim().is_empty() {
        return Err(invalid("body", "a template needs a body"));
    }
    too_long("body", &body, MAX_BODY_CHARS)?;
    for (field, text) in [
        ("category", &content.category),
        ("department", &content.department),
        ("owner", &content.owner),
    ] {
        too_long(field, text, MAX_NAME_CHARS)?;
    }
    for (field, list) in [
        ("tags", &content.tags),
        ("tools", &content.tools),
        ("data_classes", &content.data_classes),
    ] {
        for item in list {
            too_long(field, item, MAX_NAME_CHARS)?;
        }
    }
    let mut variables = Vec::new();
    for name in variables_in(&body) {
        let v =
            content.variables.iter().find(|v| v.name.trim() == name).cloned().unwrap_or(Variable {
                name: name.clone(),
                kind: VariableKind::Text,
                default: None,
                options: Vec::new(),
            });
        let options = clean_list(&v.options);
        let default = v.default.as_deref().map(clean).filter(|d| !d.is_empty());
        match v.kind {
            VariableKind::Choice if options.is_empty() => {
                return Err(invalid(
                    "variables",
                    format!("{{{{{name}}}}} is one of a list, but the list is empty"),
                ));
            }
            VariableKind::Choice => {
                if let Some(d) = &default {
                    if !options.contains(d) {
                        return Err(invalid(
                            "variables",
                            format!("{{{{{name}}}}}: the default '{d}' is not one of its choices"),
                        ));
                    }
                }
            }
            VariableKind::Date => {
                if let Some(d) = &default {
                    if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                        return Err(invalid(
                            "variables",
                            format!("{{{{{name}}}}}: the default '{d}' is not a date (YYYY-MM-DD)"),
                        ));
                    }
                }
            }
            _ => {}
        }
        variables.push(Variable { name, kind: v.kind, default, options });
    }
    Ok(Content {
        title,
        body,
        variables,
        category: clean(&content.category).trim().to_string(),
        department: clean(&content.department).trim().to_string(),
        tools: clean_list(&content.tools),
        data_classes: clean_list(&content.data_classes),
        tags: clean_list(&content.tags),
        status: content.status,
        owner: clean(&content.owner).trim().to_string(),
    })
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain values serialise")
}

/// The text the index holds for a field: NFKC, no control characters.
fn index_text(text: &str) -> String {
    clean(text).nfkc().collect()
}

/// What the index is given for a field: [`index_text`] and two spaces,
/// so that every character of the text, even the last, starts one of the
/// index's trigrams (see [`word_expression`]).
fn indexed(text: &str) -> String {
    let mut t = index_text(text);
    t.push_str("  ");
    t
}

/// Writes the index row of prompt `id` afresh.
fn reindex(tx: &Transaction, id: i64, c: &Content) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM prompts_fts WHERE rowid = ?1", params![id])?;
    tx.execute("DELETE FROM prompts_title_fts WHERE rowid = ?1", params![id])?;
    tx.execute(
        "INSERT INTO prompts_fts (rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)",
        params![id, indexed(&c.title), indexed(&c.body), indexed(&c.tags.join(" "))],
    )?;
    tx.execute(
        "INSERT INTO prompts_title_fts (rowid, title) VALUES (?1, ?2)",
        params![id, indexed(&c.title)],
    )?;
    Ok(())
}

/// Stores `c` as a new template or as the next version of `id`, inside
/// `tx`; returns the template's uid. The timestamps are given so an
/// import can keep the ones it read.
pub(crate) fn save_in(
    tx: &Transaction,
    id: Option<&str>,
    c: &Content,
    note: &str,
    created_at: Option<&str>,
) -> Result<String, PromptError> {
    let stamp = now();
    let (key, uid, version) = match id {
        None => {
            let uid = crate::store::new_id();
            tx.execute(
                "INSERT INTO prompts (uid, title, body, variables, category, department, tools,
                     data_classes, tags, status, owner, version, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13)",
                params![
                    uid,
                    c.title,
                    c.body,
                    json(&c.variables),
                    c.category,
                    c.department,
                    json(&c.tools),
                    json(&c.data_classes),
                    json(&c.tags),
                    c.status.as_str(),
                    c.owner,
                    created_at.unwrap_or(&stamp),
                    stamp
                ],
            )?;
            (tx.last_insert_rowid(), uid, 1)
        }
        Some(uid) => {
            let found: Option<(i64, i64)> = tx
                .query_row(
                    "SELECT id, version FROM prompts WHERE uid = ?1 AND deleted_at IS NULL",
                    params![uid],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (key, version) = found
                .ok_or_else(|| PromptError::NotFound(format!("no template has the id {uid}")))?;
            tx.execute(
                "UPDATE prompts SET title = ?2, body = ?3, variables = ?4, category = ?5,
                     department = ?6, tools = ?7, data_classes = ?8, tags = ?9, status = ?10,
                     owner = ?11, version = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    key,
                    c.title,
                    c.body,
                    json(&c.variables),
                    c.category,
                    c.department,
                    json(&c.tools),
                    json(&c.data_classes),
                    json(&c.tags),
                    c.status.as_str(),
                    c.owner,
                    version + 1,
                    stamp
                ],
            )?;
            (key, uid.to_string(), version + 1)
        }
    };
    tx.execute(
        "INSERT INTO prompt_versions (prompt_id, version, content, saved_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key, version, json(c), stamp, clean(note).trim()],
    )?;
    reindex(tx, key, c)?;
    Ok(uid)
}

/// Checks and saves a template: a new one (`id` None) or the next version
/// of `id`. Every save makes a version.
pub fn save(store: &mut Store, id: Option<&str>, content: &Content) -> Result<Prompt, PromptError> {
    let c = check(content)?;
    let uid = store.write(|tx| save_in(tx, id, &c, "", None))?;
    get(store, &uid)
}

const COLUMNS: &str = "uid, title, body, variables, category, department, tools, data_classes,
    tags, status, owner, uses, rating_sum, rating_count, version, created_at, updated_at";

fn prompt_from_row(r: &rusqlite::Row) -> rusqlite::Result<Prompt> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    let sum: i64 = r.get(12)?;
    let count: i64 = r.get(13)?;
    Ok(Prompt {
        id: r.get(0)?,
        content: Content {
            title: r.get(1)?,
            body: r.get(2)?,
            variables: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
            category: r.get(4)?,
            department: r.get(5)?,
            tools: list(6)?,
            data_classes: list(7)?,
            tags: list(8)?,
            status: Status::parse(&r.get::<_, String>(9)?).unwrap_or_default(),
            owner: r.get(10)?,
        },
        uses: r.get(11)?,
        rating: (count > 0).then(|| (sum as f64 / count as f64 * 10.0).round() / 10.0),
        ratings: count,
        version: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
    })
}

/// One template by id.
pub fn get(store: &Store, id: &str) -> Result<Prompt, PromptError> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM prompts WHERE uid = ?1 AND deleted_at IS NULL"),
            params![id],
            prompt_from_row,
        )
        .optional()?
        .ok_or_else(|| PromptError::NotFound(format!("no template has the id {id}")))
}

/// Which templates to list or search, and in what order.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Only this department's.
    pub department: Option<String>,
    /// Only this category.
    pub category: Option<String>,
    /// Only those with this tag.
    pub tag: Option<String>,
    /// Only this status.
    pub status: Option<Status>,
    /// Only those approved for this tool.
    pub tool: Option<String>,
    /// title | most_used | best_rated | updated (default: title).
    pub order: Option<String>,
    /// At most this many (default 200, at most 1,000).
    pub limit: Option<u32>,
}

/// The parameters of a query whose first are a filter's `args` (from
/// [`filter_sql`]) and whose last are `more`, numbered after them.
fn bound<'a>(args: &'a [String], more: &[&'a dyn rusqlite::ToSql]) -> Vec<&'a dyn rusqlite::ToSql> {
    args.iter().map(|a| a as &dyn rusqlite::ToSql).chain(more.iter().copied()).collect()
}

/// The SQL condition and parameters for `f`, on the table alias `p`;
/// names compare without ASCII case, as the search does ("chatgpt" finds
/// "ChatGPT").
fn filter_sql(f: &Filter) -> (String, Vec<String>) {
    let mut sql = String::from("p.deleted_at IS NULL");
    let mut args = Vec::new();
    let mut add = |cond: &str, value: String| {
        args.push(value);
        sql.push_str(&format!(" AND {}", cond.replace('?', &format!("?{}", args.len()))));
    };
    if let Some(d) = f.department.as_deref().filter(|d| !d.trim().is_empty()) {
        add("p.department = ? COLLATE NOCASE", d.trim().to_string());
    }
    if let Some(c) = f.category.as_deref().filter(|c| !c.trim().is_empty()) {
        add("p.category = ? COLLATE NOCASE", c.trim().to_string());
    }
    if let Some(s) = f.status {
        add("p.status = ?", s.as_str().to_string());
    }
    if let Some(t) = f.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        add(
            "EXISTS (SELECT 1 FROM json_each(p.tags) WHERE value = ? COLLATE NOCASE)",
            t.trim().to_string(),
        );
    }
    if let Some(t) = f.tool.as_deref().filter(|t| !t.trim().is_empty()) {
        add(
            "EXISTS (SELECT 1 FROM json_each(p.tools) WHERE value = ? COLLATE NOCASE)",
            t.trim().to_string(),
        );
    }
    (sql, args)
}

fn order_sql(order: Option<&str>) -> &'static str {
    match order {
        Some("most_used") => "p.uses DESC, p.title",
        // The same expressions as the index prompts_by_rating, so it is used.
        Some("best_rated") => {
            "(p.rating_count = 0), (1.0 * p.rating_sum / max(p.rating_count, 1)) DESC, \
             p.rating_count DESC, p.title"
        }
        Some("updated") => "p.updated_at DESC, p.title",
        _ => "p.title COLLATE NOCASE, p.id",
    }
}

/// The library: templates not in the trash, filtered and ordered.
pub fn list(store: &Store, filter: &Filter) -> Result<Vec<Prompt>, PromptError> {
    let (cond, args) = filter_sql(filter);
    let limit = filter.limit.unwrap_or(200).min(1_000);
    let sql = format!(
        "SELECT {} FROM prompts p WHERE {cond} ORDER BY {} LIMIT {limit}",
        COLUMNS.split(',').map(|c| format!("p.{}", c.trim())).collect::<Vec<_>>().join(", "),
        order_sql(filter.order.as_deref())
    );
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), prompt_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The values the library's templates use, for filters and suggestions:
/// every department, category, tag and tool, sorted, over the whole
/// library (a list is cut at 200 templates; these are not).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    /// Departments templates came from.
    pub department: Vec<String>,
    /// Task categories.
    pub category: Vec<String>,
    /// Tags.
    pub tag: Vec<String>,
    /// Tools templates are approved for.
    pub tool: Vec<String>,
}

/// The library's [`Facets`].
pub fn facets(store: &Store) -> Result<Facets, PromptError> {
    let conn = store.conn();
    let values = |sql: &str| -> Result<Vec<String>, PromptError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok(Facets {
        department: values(
            "SELECT DISTINCT department FROM prompts
             WHERE deleted_at IS NULL AND department <> '' ORDER BY 1",
        )?,
        category: values(
            "SELECT DISTINCT category FROM prompts
             WHERE deleted_at IS NULL AND category <> '' ORDER BY 1",
        )?,
        tag: values(
            "SELECT DISTINCT j.value FROM prompts p, json_each(p.tags) j
             WHERE p.deleted_at IS NULL ORDER BY 1",
        )?,
        tool: values(
            "SELECT DISTINCT j.value FROM prompts p, json_each(p.tools) j
             WHERE p.deleted_at IS NULL ORDER BY 1",
        )?,
    })
}

/// A piece of a search result's excerpt: text, and whether it matched.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// True for the words that matched the query.
    pub hit: bool,
}

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// The template.
    pub prompt: Prompt,
    /// Where the query matched, as text with the matches marked.
    pub excerpt: Vec<Segment>,
}

/// The result of a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResult {
    /// The query as given.
    pub query: String,
    /// index (trigram), substring (only short words too common for the
    /// index) or all (an empty query).
    pub mode: &'static str,
    /// True when the query matched more than [`RANKED_MATCHES`]
    /// templates: then the newest matches were ordered (title matches
    /// first) instead of ranking every one; another word narrows it.
    pub truncated: bool,
    /// The matches, best first.
    pub hits: Vec<Hit>,
}

/// Up to this many matches a search ranks every one (see [`rank`]).
pub const RANKED_MATCHES: usize = 500;

/// The words of a query, in NFKC, without control characters.
fn words(query: &str) -> Vec<String> {
    index_text(query).split_whitespace().map(str::to_string).take(16).collect()
}

/// A literal FTS5 string for `word`.
fn fts_string(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// Characters of context an excerpt shows before its first match.
const EXCERPT_BEFORE: usize = 30;
/// Characters an excerpt shows in all, its first match included.
const EXCERPT_CHARS: usize = 90;

/// One character as the search compares it: in lower case where that is
/// one character (so positions in the text and in its folded form agree).
fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The excerpt of a template that shows where `words` matched: about
/// [`EXCERPT_CHARS`] characters of the first field holding one of them
/// (body, then title, then tags), starting a little before the first
/// match, with every match in it marked. The text is the indexed form
/// (NFKC, see [`index_text`]), where the index matched; a word matches as
/// a substring, ignoring case, as the trigram index matches it.
fn excerpt(content: &Content, words: &[String]) -> Vec<Segment> {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().map(fold_char).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect();
    let fields = [index_text(&content.body), index_text(&content.title), content.tags.join(" ")];
    // The field holding the most of the words (the body first on a tie),
    // so that a word found only in the title is marked there.
    let holds = |field: &str| {
        let folded: String = field.chars().map(fold_char).collect();
        words.iter().filter(|w| folded.contains(&w.iter().collect::<String>())).count()
    };
    let mut order = [0usize, 1, 2];
    order.sort_by_key(|&i| std::cmp::Reverse(holds(&fields[i])));
    for field in order.iter().map(|&i| &fields[i]) {
        let chars: Vec<char> = field.chars().collect();
        let folded: Vec<char> = chars.iter().copied().map(fold_char).collect();
        // The longest word that matches at `i`, if any.
        let match_at =
            |i: usize| words.iter().filter(|w| folded[i..].starts_with(w)).map(Vec::len).max();
        let Some(first) = (0..folded.len()).find(|&i| match_at(i).is_some()) else {
            continue;
        };
        let from = first.saturating_sub(EXCERPT_BEFORE);
        let to = (from + EXCERPT_CHARS).min(chars.len());
        let mut out: Vec<Segment> = Vec::new();
        let mut push = |text: &[char], hit: bool| match out.last_mut() {
            Some(last) if last.hit == hit => last.text.extend(text),
            _ if !text.is_empty() => out.push(Segment { text: text.iter().collect(), hit }),
            _ => {}
        };
        if from > 0 {
            push(&['…'], false);
        }
        let mut i = from;
        while i < to {
            match match_at(i) {
                Some(len) => {
                    let end = (i + len).min(chars.len());
                    push(&chars[i..end], true);
                    i = end;
                }
                None => {
                    push(&chars[i..i + 1], false);
                    i += 1;
                }
            }
        }
        if i < chars.len() {
            push(&['…'], false);
        }
        return out;
    }
    let start: String = fields[0].chars().take(EXCERPT_CHARS).collect();
    if start.is_empty() {
        Vec::new()
    } else {
        vec![Segment { text: start, hit: false }]
    }
}

/// True when every one of `words` (already folded) is in the indexed
/// text of `content`, ignoring case.
fn holds_all(content: &Content, words: &[String]) -> bool {
    let text: String =
        [index_text(&content.title), index_text(&content.body), content.tags.join(" ")]
            .join("\n")
            .chars()
            .map(fold_char)
            .collect();
    words.iter().all(|w| text.contains(w.as_str()))
}

/// BM25's constants, as FTS5's bm25() has them.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The templates `ids` (those a search matched, at most
/// [`RANKED_MATCHES`]), best first for `words`.
///
/// Templates with a word in the title come first, then those with one in
/// a tag, then the rest; within each, the score is BM25 without its
/// rarity factor: each word adds
/// `tf × (k1 + 1) / (tf + k1 × (1 − b + b × length / mean length))`, where
/// `tf` counts the word's matches in the title 10 times, in the tags 5
/// times and in the body once, and the length is the template's in
/// characters (the trigram index has one token per character). Every
/// template here holds every word, and a word's contribution levels off
/// as it repeats, so no word can outweigh the others by being common.
/// Ties go by title, then newest first.
///
/// FTS5's own bm25() ranked the same matches but read every phrase's
/// positions across the whole index to weigh its rarity: 10–25 ms for 900
/// matches of a 100,000-template library, against about 2 ms to read the
/// matched rows' indexed text and count the words here. (The index's
/// `rank` setting, `bm25(10.0, 1.0, 5.0)` from migration 0004, is no
/// longer read.)
fn rank(conn: &Connection, ids: &[i64], words: &[String]) -> rusqlite::Result<Vec<i64>> {
    let words: Vec<String> = words.iter().map(|w| w.chars().map(fold_char).collect()).collect();
    // The index's own copy of each row, by rowid: the text as indexed,
    // read without matching the query a second time.
    let mut stmt =
        conn.prepare_cached("SELECT title, body, tags FROM prompts_fts WHERE rowid = ?1")?;
    // (id, title, where the words are, weighted counts per word, length)
    let mut found: Vec<(i64, String, u8, Vec<f64>, f64)> = Vec::new();
    for &id in ids {
        let row = stmt
            .query_row(params![id], |r| {
                let fold = |i: usize| -> rusqlite::Result<String> {
                    Ok(r.get_ref(i)?.as_str()?.chars().map(fold_char).collect())
                };
                Ok((fold(0)?, fold(1)?, fold(2)?))
            })
            .optional()?;
        let Some((title, body, tags)) = row else { continue };
        let counts = words
            .iter()
            .map(|w| {
                let n = |field: &str| field.matches(w.as_str()).count() as f64;
                10.0 * n(&title) + n(&body) + 5.0 * n(&tags)
            })
            .collect();
        let length = (title.chars().count() + body.chars().count() + tags.chars().count()) as f64;
        let field = if words.iter().any(|w| title.contains(w.as_str())) {
            2
        } else if words.iter().any(|w| tags.contains(w.as_str())) {
            1
        } else {
            0
        };
        found.push((id, title, field, counts, length));
    }
    let mean = found.iter().map(|f| f.4).sum::<f64>() / found.len().max(1) as f64;
    let mut scored: Vec<(u8, f64, String, i64)> = found
        .into_iter()
        .map(|(id, title, field, counts, length)| {
            let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * length / mean.max(1.0));
            let score: f64 = counts.iter().map(|tf| tf * (BM25_K1 + 1.0) / (tf + norm)).sum();
            (field, score, title, id)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then_with(|| a.2.cmp(&b.2)).then(b.3.cmp(&a.3))
    });
    Ok(scored.into_iter().map(|(_, _, _, id)| id).collect())
}

/// The most trigrams a word of one or two characters is looked up
/// through; a word that starts more is so common that reading the library
/// in order finds a page of it sooner (see [`search`]).
const MAX_START_TRIGRAMS: usize = 300;

/// The FTS5 expression for one word: a literal string for three
/// characters or more; for one or two, any of the index's trigrams that
/// start with them (every occurrence starts one, as each indexed field
/// ends in two spaces); `None` for a word that starts more than
/// [`MAX_START_TRIGRAMS`] of them, matched by substring instead.
fn word_expression(conn: &Connection, word: &str) -> rusqlite::Result<Option<String>> {
    if word.chars().count() >= 3 {
        return Ok(Some(fts_string(word)));
    }
    // Trigram terms are stored in lower case.
    let lower = word.to_lowercase();
    let mut stmt = conn.prepare_cached(
        "SELECT term FROM prompts_vocab WHERE term >= ?1 AND term < ?1 || char(1114111)",
    )?;
    let mut terms: Vec<String> = Vec::new();
    let mut rows = stmt.query(params![lower])?;
    while let Some(row) = rows.next()? {
        let term: String = row.get(0)?;
        if term.starts_with(&lower) && term.chars().count() == 3 {
            if terms.len() == MAX_START_TRIGRAMS {
                return Ok(None);
            }
            terms.push(term);
        }
    }
    if terms.is_empty() {
        // No trigram starts with it: nothing holds it.
        return Ok(Some(String::from("\"\u{1}\u{1}\u{1}\"")));
    }
    Ok(Some(format!("({})", terms.iter().map(|t| fts_string(t)).collect::<Vec<_>>().join(" OR "))))
}

/// Searches title, body and tags for `query`, within `filter`; never an
/// error for what the user typed (see the module's notes).
///
/// Words of three characters or more are looked up in the trigram index;
/// words of one or two through the index's vocabulary (the trigrams they
/// start); a short word so common that it starts hundreds of trigrams, by
/// substring over the templates the other words found, or over the
/// library in its most-used order when there are none.
/// Matches are ranked (see [`rank`]) with the title weighed 10, tags 5,
/// body 1; a query matching more than [`RANKED_MATCHES`] templates orders
/// the newest of them instead, title matches first, and says so
/// (`truncated`). Then the matches are read in that order, the filters
/// checked on each, until a page is full; its excerpts are made from the
/// indexed text (see [`excerpt`]).
pub fn search(store: &Store, query: &str, filter: &Filter) -> Result<SearchResult, PromptError> {
    let words = words(query);
    let limit = filter.limit.unwrap_or(50).min(500) as usize;
    if words.is_empty() {
        let hits = list(store, &Filter { limit: Some(limit as u32), ..filter.clone() })?
            .into_iter()
            .map(|p| Hit { excerpt: excerpt(&p.content, &[]), prompt: p })
            .collect();
        return Ok(SearchResult { query: query.to_string(), mode: "all", truncated: false, hits });
    }
    let conn = store.conn();
    let mut expressions = Vec::new();
    let mut singles = Vec::new();
    for w in &words {
        match word_expression(conn, w)? {
            Some(e) => expressions.push(e),
            None => singles.push(w.chars().map(fold_char).collect::<String>()),
        }
    }
    let (cond, args) = filter_sql(filter);
    let columns =
        COLUMNS.split(',').map(|c| format!("p.{}", c.trim())).collect::<Vec<_>>().join(", ");
    let keep = |prompt: &Prompt| singles.is_empty() || holds_all(&prompt.content, &singles);
    let mut prompts = Vec::new();
    let mut truncated = false;
    let mode = if expressions.is_empty() {
        // Only words too common for the index (see [`word_expression`]):
        // the library is read in its most-used order (an index) until a
        // page of templates holds them all, which, as they are common,
        // comes soon. The indexed text is compared, which is in NFKC like
        // the words; lower() folds ASCII only.
        let mut extra = String::new();
        let mut args = args.clone();
        for w in &singles {
            args.push(w.clone());
            extra.push_str(&format!(
                " AND instr(lower(f.title || f.body || f.tags), ?{}) > 0",
                args.len()
            ));
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {columns} FROM prompts p JOIN prompts_fts f ON f.rowid = p.id
             WHERE {cond}{extra} ORDER BY p.uses DESC, p.title LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), prompt_from_row)?;
        prompts = rows.collect::<Result<_, _>>()?;
        "substring"
    } else {
        let expression = expressions.join(" AND ");
        // How common is it? The newest matches, which the index gives in
        // rowid order without reading the rest.
        let mut probe = conn.prepare_cached(
            "SELECT rowid FROM prompts_fts WHERE prompts_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        )?;
        let newest: Vec<i64> = probe
            .query_map(params![expression, RANKED_MATCHES as i64 + 1], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let oldest_ranked = newest.last().copied();
        let order: Vec<i64> = if newest.len() > RANKED_MATCHES {
            // Too common to rank every match in time: the newest matches,
            // those matching in the title first.
            truncated = true;
            let mut titles = conn.prepare_cached(
                "SELECT rowid FROM prompts_title_fts WHERE prompts_title_fts MATCH ?1
                 ORDER BY rowid DESC LIMIT ?2",
            )?;
            let titled: Vec<i64> = titles
                .query_map(params![expression, RANKED_MATCHES as i64], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let seen: HashSet<i64> = titled.iter().copied().collect();
            titled.into_iter().chain(newest.into_iter().filter(|id| !seen.contains(id))).collect()
        } else {
            rank(conn, &newest, &words)?
        };
        // The page: the matches in that order that pass the filters,
        // read one by one until it is full.
        let n = args.len() + 1;
        let mut one = conn.prepare_cached(&format!(
            "SELECT {columns} FROM prompts p WHERE p.id = ?{n} AND {cond}"
        ))?;
        // The title matches of a cut search may be older than the rest,
        // and are met again when the older matches are read.
        let mut visited: HashSet<i64> = HashSet::new();
        let mut take = |id: i64, prompts: &mut Vec<Prompt>| -> rusqlite::Result<bool> {
            if !visited.insert(id) {
                return Ok(false);
            }
            let values = bound(&args, &[&id]);
            if let Some(prompt) = one.query_row(&*values, prompt_from_row).optional()? {
                if keep(&prompt) {
                    prompts.push(prompt);
                }
            }
            Ok(prompts.len() == limit)
        };
        let mut full = false;
        for id in order {
            if take(id, &mut prompts)? {
                full = true;
                break;
            }
        }
        // A cut search whose filters left the page short goes on through
        // the older matches, so that a filtered template is never missed
        // for being older than the newest few hundred matches.
        if truncated && !full {
            // The index gives the matches newest first (the CROSS JOIN keeps
            // it the outer loop); SQLite checks the filters on each.
            let n = args.len();
            let mut older = conn.prepare_cached(&format!(
                "SELECT p.id FROM prompts_fts f CROSS JOIN prompts p ON p.id = f.rowid
                 WHERE prompts_fts MATCH ?{} AND f.rowid < ?{} AND {cond}
                 ORDER BY f.rowid DESC",
                n + 1,
                n + 2
            ))?;
            let before = oldest_ranked.unwrap_or(i64::MAX);
            let values = bound(&args, &[&expression, &before]);
            let ids = older.query_map(&*values, |r| r.get::<_, i64>(0))?;
            for id in ids {
                if take(id?, &mut prompts)? {
                    break;
                }
            }
        }
        "index"
    };
    let hits = prompts
        .into_iter()
        .map(|prompt| Hit { excerpt: excerpt(&prompt.content, &words), prompt })
        .collect();
    Ok(SearchResult { query: query.to_string(), mode, truncated, hits })
}

/// One saved version, as the history lists it.
#[derive(Clone, Debug, Serialize)]
pub struct VersionInfo {
    /// Its number, from 1.
    pub version: i64,
    /// When it was saved.
    pub saved_at: String,
    /// The title it had.
    pub title: String,
    /// A note, e.g. "restored from version 2".
    pub note: String,
}

fn key_of(conn: &Connection, id: &str) -> Result<i64, PromptError> {
    conn.query_row("SELECT id FROM prompts WHERE uid = ?1", params![id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| PromptError::NotFound(format!("no template has the id {id}")))
}

/// The versions of template `id`, newest first.
pub fn versions(store: &Store, id: &str) -> Result<Vec<VersionInfo>, PromptError> {
    let key = key_of(store.conn(), id)?;
    let mut stmt = store.conn().prepare(
        "SELECT version, saved_at, content, note FROM prompt_versions
         WHERE prompt_id = ?1 ORDER BY version DESC",
    )?;
    let rows = stmt.query_map(params![key], |r| {
        let content: Content = serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default();
        Ok(VersionInfo {
            version: r.get(0)?,
            saved_at: r.get(1)?,
            title: content.title,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What template `id` was at `version`.
pub fn version(store: &Store, id: &str, version: i64) -> Result<Content, PromptError> {
    let key = key_of(store.conn(), id)?;
    let text: String = store
        .conn()
        .query_row(
            "SELECT content FROM prompt_versions WHERE prompt_id = ?1 AND version = ?2",
            params![key, version],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| PromptError::NotFound(format!("the template has no version {version}")))?;
    serde_json::from_str(&text)
        .map_err(|e| PromptError::NotFound(format!("version {version} cannot be read: {e}")))
}

/// One line of a comparison of two versions' bodies.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DiffLine {
    /// same, added or removed.
    pub change: &'static str,
    /// The line, without its line break.
    pub text: String,
}

/// The line diff of the bodies of versions `from` and `to`; a title that
/// changed is shown as its own first lines.
pub fn diff(store: &Store, id: &str, from: i64, to: i64) -> Result<Vec<DiffLine>, PromptError> {
    let (a, b) = (version(store, id, from)?, version(store, id, to)?);
    let mut out = Vec::new();
    if a.title != b.title {
        out.push(DiffLine { change: "removed", text: format!("# {}", a.title) });
        out.push(DiffLine { change: "added", text: format!("# {}", b.title) });
    }
    let d = similar::TextDiff::from_lines(&a.body, &b.body);
    for change in d.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => "same",
            similar::ChangeTag::Insert => "added",
            similar::ChangeTag::Delete => "removed",
        };
        let text = change.value().trim_end_matches(['\n', '\r']).to_string();
        out.push(DiffLine { change: kind, text });
    }
    Ok(out)
}

/// Saves version `n`'s content as a new version of template `id`.
pub fn restore(store: &mut Store, id: &str, n: i64) -> Result<Prompt, PromptError> {
    let content = version(store, id, n)?;
    let c = check(&content)?;
    store.write(|tx| save_in(tx, Some(id), &c, &format!("restored from version {n}"), None))?;
    get(store, id)
}

/// The body with each variable replaced by its value in `values`, its
/// default, or (neither given) left as `{{name}}` so the gap shows.
pub fn fill(prompt: &Prompt, values: &BTreeMap<String, String>) -> Result<String, PromptError> {
    for v in &prompt.content.variables {
        let Some(value) = values.get(&v.name).filter(|s| !s.is_empty()) else { continue };
        match v.kind {
            VariableKind::Choice if !v.options.contains(value) => {
                return Err(invalid(
                    "variables",
                    format!("{{{{{}}}}}: '{value}' is not one of {}", v.name, v.options.join(", ")),
                ));
            }
            VariableKind::Date if chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() => {
                return Err(invalid(
                    "variables",
                    format!("{{{{{}}}}}: '{value}' is not a date (YYYY-MM-DD)", v.name),
                ));
            }
            _ => {}
        }
    }
    let body = prompt.content.body.as_str();
    let mut out = String::with_capacity(body.len());
    let mut done = 0;
    for (range, name) in placeholders(body) {
        out.push_str(&body[done..range.start]);
        let value = values.get(name).filter(|s| !s.is_empty()).cloned().or_else(|| {
            prompt.content.variables.iter().find(|v| v.name == name).and_then(|v| v.default.clone())
        });
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(&body[range.clone()]),
        }
        done = range.end;
    }
    out.push_str(&body[done..]);
    Ok(out)
}

/// The filled prompt to use (copy, or `prompts use`): as [`fill`], but
/// refused while a placeholder has neither a value nor a default, naming
/// each, so that no `{{name}}` goes out in a prompt.
pub fn fill_for_use(
    prompt: &Prompt,
    values: &BTreeMap<String, String>,
) -> Result<String, PromptError> {
    let text = fill(prompt, values)?;
    let mut missing: Vec<&str> = Vec::new();
    for (_, name) in placeholders(&prompt.content.body) {
        let given = values.get(name).is_some_and(|v| !v.is_empty());
        let default =
            prompt.content.variables.iter().any(|v| v.name == name && v.default.is_some());
        if !given && !default && !missing.contains(&name) {
            missing.push(name);
        }
    }
    if missing.is_empty() {
        return Ok(text);
    }
    let names: Vec<String> = missing.iter().map(|n| format!("{{{{{n}}}}}")).collect();
    Err(invalid("variables", format!("no value for {}: fill in each first", names.join(", "))))
}

/// Counts one use of template `id`.
pub fn record_use(store: &mut Store, id: &str) -> Result<i64, PromptError> {
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE prompts SET uses = uses + 1 WHERE uid = ?1 AND deleted_at IS NULL",
            params![id],
        )?;
        tx.query_row("SELECT uses FROM prompts WHERE uid = ?1", params![id], |r| r.get(0))
            .optional()
    })?;
    n.ok_or_else(|| PromptError::NotFound(format!("no template has the id {id}")))
}

/// Records a rating of 1 to 5 stars for template `id`.
pub fn rate(store: &mut Store, id: &str, stars: u8) -> Result<Prompt, PromptError> {
    if !(1..=5).contains(&stars) {
        return Err(invalid("rating", format!("{stars} is not from 1 to 5")));
    }
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE prompts SET rating_sum = rating_sum + ?2, rating_count = rating_count + 1
             WHERE uid = ?1 AND deleted_at IS NULL",
            params![id, stars],
        )
    })?;
    if n == 0 {
        return Err(PromptError::NotFound(format!("no template has the id {id}")));
    }
    get(store, id)
}

/// Moves template `id` to the trash.
pub fn delete(store: &mut Store, id: &str) -> Result<(), PromptError> {
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE prompts SET deleted_at = ?2 WHERE uid = ?1 AND deleted_at IS NULL",
            params![id, now()],
        )
    })?;
    if n == 0 {
        return Err(PromptError::NotFound(format!("no template has the id {id}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
