//! Review checklists for AI-made deliverables, and the reviews run with
//! them.
//!
//! A checklist is an ordered list of items (facts checked, figures
//! checked against the source, no personal data …). Three are seeded in
//! English and in Japanese, for AI-written copy, AI-written code and
//! AI-made analysis; they and any new one can be edited: items added,
//! moved and reworded.
//!
//! A review run records the deliverable, department, tool, the prompt
//! template used, the reviewer and the day. It copies the checklist's
//! items as they read then, so a later edit of the checklist does not
//! change a past review. Each item is marked pass, fail or not applicable,
//! with a note. The rule: a run with a failed item cannot be approved (the
//! database enforces it too); a run can be approved only when every item
//! is marked.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::Store;

/// Errors of checklists and reviews.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A field was refused.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// A rule of reviews stops the change.
    #[error("{0}")]
    Rule(String),
    /// No checklist, item or review has that id.
    #[error("{0}")]
    NotFound(String),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn invalid(field: &'static str, reason: impl Into<String>) -> ReviewError {
    ReviewError::Invalid { field, reason: reason.into() }
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A checklist with its items in order.
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// copy, code, analysis or other.
    pub kind: String,
    /// en, ja, or "" for any.
    pub lang: String,
    /// The items, first to last.
    pub items: Vec<String>,
}

/// The seeded checklists: key, name, kind, language, items.
const SEED: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "copy-en",
        "AI-written copy",
        "copy",
        "en",
        &[
            "Every fact is checked against a reliable source",
            "Every figure is checked against the source data",
            "No confidential or personal information is included",
            "The tone fits the reader and the company's style",
            "Rights to images and quotations are cleared",
        ],
    ),
    (
        "copy-ja",
        "AI作成の文章",
        "copy",
        "ja",
        &[
            "事実関係を信頼できる情報源で確認した",
            "数値を元データと照合した",
            "機密情報・個人情報が含まれていない",
            "読み手と社内の表記ルールに合った文体である",
            "画像・引用の権利を確認した",
        ],
    ),
    (
        "code-en",
        "AI-written code",
        "code",
        "en",
        &[
            "It builds without warnings",
            "Tests cover the change and pass",
            "The licence of any suggested code is compatible",
            "No secrets (keys, passwords, tokens) are in the code",
            "A security review was done",
        ],
    ),
    (
        "code-ja",
        "AI作成のコード",
        "code",
        "ja",
        &[
            "警告なくビルドできる",
            "変更をテストで確認し、テストが通る",
            "提案されたコードのライセンスに問題がない",
            "秘密情報（キー・パスワード・トークン）が含まれていない",
            "セキュリティレビューを実施した",
        ],
    ),
    (
        "analysis-en",
        "AI-made analysis",
        "analysis",
        "en",
        &[
            "The data source is named and fit for the question",
            "The method is stated and appropriate",
            "Someone else can reproduce the result",
        ],
    ),
    (
        "analysis-ja",
        "AI作成の分析",
        "analysis",
        "ja",
        &[
            "データの出典が明記され、目的に合っている",
            "分析手法が明記され、妥当である",
            "第三者が結果を再現できる",
        ],
    ),
];

/// Bump when [`SEED`] changes, so stores add the new checklists once.
const SEED_VERSION: i64 = 1;

/// True when the store has this build's seeded checklists.
pub(crate) fn seed_is_current(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    let applied: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'checklist_seed_version'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(applied.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0) >= SEED_VERSION)
}

/// Adds the seeded checklists a store does not have yet (one the user
/// deleted is not added again).
pub(crate) fn seed(tx: &Transaction) -> rusqlite::Result<()> {
    for (key, name, kind, lang, items) in SEED {
        let exists: bool = tx.query_row(
            "SELECT count(*) FROM checklists WHERE seed_key = ?1",
            params![key],
            |r| r.get::<_, i64>(0),
        )? > 0;
        if exists {
            continue;
        }
        let stamp = now();
        tx.execute(
            "INSERT INTO checklists (uid, name, kind, lang, seed_key, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![crate::store::new_id(), name, kind, lang, key, stamp],
        )?;
        let id = tx.last_insert_rowid();
        for (i, item) in items.iter().enumerate() {
            tx.execute(
                "INSERT INTO checklist_items (checklist_id, position, text) VALUES (?1, ?2, ?3)",
                params![id, i as i64 + 1, item],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('checklist_seed_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![SEED_VERSION.to_string()],
    )?;
    Ok(())
}

fn checklist_key(tx: &rusqlite::Connection, id: &str) -> Result<i64, ReviewError> {
    tx.query_row(
        "SELECT id FROM checklists WHERE uid = ?1 AND deleted_at IS NULL",
        params![id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| ReviewError::NotFound(format!("no checklist has the id {id}")))
}

/// Every checklist not in the trash, with its items.
pub fn list_checklists(store: &Store) -> Result<Vec<Checklist>, ReviewError> {
    let conn = store.conn();
    let mut items = conn.prepare_cached(
        "SELECT text FROM checklist_items WHERE checklist_id = ?1 ORDER BY position",
    )?;
    let mut stmt = conn.prepare(
        "SELECT id, uid, name, kind, lang FROM checklists WHERE deleted_at IS NULL ORDER BY kind, lang, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, id, name, kind, lang) = row?;
        let texts = items.query_map(params![key], |r| r.get(0))?.collect::<Result<_, _>>()?;
        out.push(Checklist { id, name, kind, lang, items: texts });
    }
    Ok(out)
}

/// One checklist by id.
pub fn get_checklist(store: &Store, id: &str) -> Result<Checklist, ReviewError> {
    list_checklists(store)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ReviewError::NotFound(format!("no checklist has the id {id}")))
}

fn clean_text(field: &'static str, text: &str) -> Result<String, ReviewError> {
    let t: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    let t = t.trim().to_string();
    if t.is_empty() {
        return Err(invalid(field, "cannot be blank"));
    }
    Ok(t)
}

/// Makes a checklist (`id` None) or renames `id`, and sets its items to
/// `items` in order: the one call the editor makes to add, move, reword
/// or remove items.
pub fn save_checklist(
    store: &mut Store,
    id: Option<&str>,
    name: &str,
    kind: &str,
    items: &[String],
) -> Result<Checklist, ReviewError> {
    let name = clean_text("name", name)?;
    let kind = match kind.trim() {
        k @ ("copy" | "code" | "analysis" | "other") => k.to_string(),
        "" => "other".to_string(),
        k => return Err(invalid("kind", format!("'{k}' is not copy, code, analysis or other"))),
    };
    let items: Vec<String> = items
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| clean_text("items", t))
        .collect::<Result<_, _>>()?;
    if items.is_empty() {
        return Err(invalid("items", "a checklist needs at least one item"));
    }
    let uid = store.write(|tx| {
        let stamp = now();
        let (key, uid) = match id {
            None => {
                let uid = crate::store::new_id();
                tx.execute(
                    "INSERT INTO checklists (uid, name, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![uid, name, kind, stamp],
                )?;
                (tx.last_insert_rowid(), uid)
            }
            Some(id) => {
                let key = checklist_key(tx, id)?;
                tx.execute(
                    "UPDATE checklists SET name = ?2, kind = ?3, updated_at = ?4 WHERE id = ?1",
                    params![key, name, kind, stamp],
                )?;
                (key, id.to_string())
            }
        };
        tx.execute("DELETE FROM checklist_items WHERE checklist_id = ?1", params![key])?;
        for (i, item) in items.iter().enumerate() {
            tx.execute(
                "INSERT INTO checklist_items (checklist_id, position, text) VALUES (?1, ?2, ?3)",
                params![key, i as i64 + 1, item],
            )?;
        }
        Ok::<_, ReviewError>(uid)
    })?;
    get_checklist(store, &uid)
}

/// A review's mark for one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// The item holds.
    Pass,
    /// The item does not hold.
    Fail,
    /// The item does not apply.
    Na,
}

impl Mark {
    fn as_str(&self) -> &'static str {
        match self {
            Mark::Pass => "pass",
            Mark::Fail => "fail",
            Mark::Na => "na",
        }
    }

    /// Reads pass, fail or na.
    pub fn parse(text: &str) -> Option<Mark> {
        match text.trim().to_lowercase().as_str() {
            "pass" | "ok" | "合格" => Some(Mark::Pass),
            "fail" | "ng" | "不合格" => Some(Mark::Fail),
            "na" | "n/a" | "not applicable" | "対象外" => Some(Mark::Na),
            _ => None,
        }
    }
}

/// One item of a review.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewItem {
    /// Its place, from 1.
    pub position: i64,
    /// The item as it read when the review started.
    pub item: String,
    /// Its mark, once given.
    pub mark: Option<Mark>,
    /// The reviewer's note.
    pub note: String,
}

/// A review run.
#[derive(Clone, Debug, Serialize)]
pub struct Review {
    /// Its id.
    pub id: String,
    /// The checklist's id.
    pub checklist_id: String,
    /// The checklist's name.
    pub checklist: String,
    /// What was reviewed.
    pub deliverable: String,
    /// The department.
    pub department: String,
    /// The AI tool that made it.
    pub tool: String,
    /// The prompt template used, if any: its id and title.
    pub prompt_id: Option<String>,
    /// The template's title.
    pub prompt_title: Option<String>,
    /// Who reviewed it.
    pub reviewer: String,
    /// The day, YYYY-MM-DD.
    pub reviewed_on: String,
    /// open, approved or rejected.
    pub status: String,
    /// A note on the whole.
    pub note: String,
    /// The items.
    pub items: Vec<ReviewItem>,
}

/// A review as typed when it starts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewInput {
    /// The checklist's id.
    pub checklist: String,
    /// What is reviewed. Required.
    pub deliverable: String,
    /// The department.
    pub department: String,
    /// The AI tool that made it.
    pub tool: String,
    /// The prompt template's id, if one was used.
    pub prompt: String,
    /// Who reviews. Required.
    pub reviewer: String,
    /// The day (YYYY-MM-DD); blank: today.
    pub reviewed_on: String,
    /// A note.
    pub note: String,
}

/// Starts a review of a deliverable with a checklist.
pub fn start(store: &mut Store, input: &ReviewInput) -> Result<Review, ReviewError> {
    let deliverable = clean_text("deliverable", &input.deliverable)?;
    let reviewer = clean_text("reviewer", &input.reviewer)?;
    let day = match input.reviewed_on.trim() {
        "" => chrono::Local::now().date_naive(),
        t => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| invalid("reviewed_on", format!("'{t}' is not a date (YYYY-MM-DD)")))?,
    };
    let uid = store.write(|tx| {
        let key = checklist_key(tx, input.checklist.trim())?;
        let prompt: Option<i64> = match input.prompt.trim() {
            "" => None,
            p => Some(
                tx.query_row("SELECT id FROM prompts WHERE uid = ?1", params![p], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| invalid("prompt", format!("no template has the id {p}")))?,
            ),
        };
        let uid = crate::store::new_id();
        let stamp = now();
        tx.execute(
            "INSERT INTO review_runs (uid, checklist_id, deliverable, department, tool, prompt_id,
                 reviewer, reviewed_on, status, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?10, ?10)",
            params![
                uid,
                key,
                deliverable,
                input.department.trim(),
                input.tool.trim(),
                prompt,
                reviewer,
                day.format("%Y-%m-%d").to_string(),
                input.note.trim(),
                stamp
            ],
        )?;
        let run = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO review_marks (run_id, position, item)
             SELECT ?1, position, text FROM checklist_items WHERE checklist_id = ?2",
            params![run, key],
        )?;
        Ok::<_, ReviewError>(uid)
    })?;
    get(store, &uid)
}

fn run_key(conn: &rusqlite::Connection, id: &str) -> Result<(i64, String), ReviewError> {
    conn.query_row("SELECT id, status FROM review_runs WHERE uid = ?1", params![id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?
    .ok_or_else(|| ReviewError::NotFound(format!("no review has the id {id}")))
}

/// Marks item `position` of review `id`, with `note`, or keeping the
/// note it has when `note` is `None` (a fail's reason stays when the item
/// is marked again after a fix).
pub fn mark(
    store: &mut Store,
    id: &str,
    position: i64,
    mark: Mark,
    note: Option<&str>,
) -> Result<Review, ReviewError> {
    let note: Option<String> = note.map(|n| {
        let kept: String = n.chars().filter(|c| !c.is_control() || *c == '\n').collect();
        kept.trim().to_string()
    });
    store.write(|tx| {
        let (key, status) = run_key(tx, id)?;
        if status == "approved" && mark == Mark::Fail {
            return Err(ReviewError::Rule(
                "an approved review cannot get a failed item; reopen it first".into(),
            ));
        }
        let n = tx.execute(
            "UPDATE review_marks SET mark = ?3, note = coalesce(?4, note)
             WHERE run_id = ?1 AND position = ?2",
            params![key, position, mark.as_str(), note],
        )?;
        if n == 0 {
            return Err(ReviewError::NotFound(format!("the review has no item {position}")));
        }
        tx.execute("UPDATE review_runs SET updated_at = ?2 WHERE id = ?1", params![key, now()])?;
        Ok(())
    })?;
    get(store, id)
}

/// Sets a review's outcome: open, approved or rejected. Approving needs
/// every item marked and none failed.
pub fn set_status(store: &mut Store, id: &str, status: &str) -> Result<Review, ReviewError> {
    let status = match status.trim() {
        s @ ("open" | "approved" | "rejected") => s.to_string(),
        s => return Err(invalid("status", format!("'{s}' is not open, approved or rejected"))),
    };
    store.write(|tx| {
        let (key, _) = run_key(tx, id)?;
        if status == "approved" {
            let (failed, unmarked): (i64, i64) = tx.query_row(
                "SELECT count(*) FILTER (WHERE mark = 'fail'), count(*) FILTER (WHERE mark IS NULL)
                 FROM review_marks WHERE run_id = ?1",
                params![key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if failed > 0 {
                return Err(ReviewError::Rule(format!(
                    "a review with a failed item cannot be approved ({failed} failed)"
                )));
            }
            if unmarked > 0 {
                return Err(ReviewError::Rule(format!("{unmarked} items are not marked yet")));
            }
        }
        tx.execute(
            "UPDATE review_runs SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![key, status, now()],
        )?;
        Ok(())
    })?;
    get(store, id)
}

/// Which reviews to list.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewFilter {
    /// Only this department's.
    pub department: Option<String>,
    /// Only those of this prompt template (its id).
    pub prompt: Option<String>,
    /// Only those with this checklist (its id).
    pub checklist: Option<String>,
}

/// Reviews, newest first: the history per department, per template or per checklist.
pub fn list(store: &Store, filter: &ReviewFilter) -> Result<Vec<Review>, ReviewError> {
    let mut stmt = store.conn().prepare(
        "SELECT r.uid FROM review_runs r
         LEFT JOIN prompts p ON p.id = r.prompt_id JOIN checklists c ON c.id = r.checklist_id
         WHERE (?1 IS NULL OR r.department = ?1) AND (?2 IS NULL OR p.uid = ?2)
           AND (?3 IS NULL OR c.uid = ?3)
         ORDER BY r.reviewed_on DESC, r.id DESC",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![filter.department, filter.prompt, filter.checklist], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| get(store, id)).collect()
}

/// One review by id.
pub fn get(store: &Store, id: &str) -> Result<Review, ReviewError> {
    let conn = store.conn();
    let (key, mut review) = conn
        .query_row(
            "SELECT r.id, r.uid, c.uid, c.name, r.deliverable, r.department, r.tool, p.uid, p.title,
                 r.reviewer, r.reviewed_on, r.status, r.note
             FROM review_runs r JOIN checklists c ON c.id = r.checklist_id
             LEFT JOIN prompts p ON p.id = r.prompt_id WHERE r.uid = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Review {
                        id: r.get(1)?,
                        checklist_id: r.get(2)?,
                        checklist: r.get(3)?,
                        deliverable: r.get(4)?,
                        department: r.get(5)?,
                        tool: r.get(6)?,
                        prompt_id: r.get(7)?,
                        prompt_title: r.get(8)?,
                        reviewer: r.get(9)?,
                        reviewed_on: r.get(10)?,
                        status: r.get(11)?,
                        note: r.get(12)?,
                        items: Vec::new(),
                    },
                ))
            },
        )
        .optional()?
        .ok_or_else(|| ReviewError::NotFound(format!("no review has the id {id}")))?;
    let mut stmt = conn.prepare_cached(
        "SELECT position, item, mark, note FROM review_marks WHERE run_id = ?1 ORDER BY position",
    )?;
    review.items = stmt
        .query_map(params![key], |r| {
            Ok(ReviewItem {
                position: r.get(0)?,
                item: r.get(1)?,
                mark: r.get::<_, Option<String>>(2)?.as_deref().and_then(Mark::parse),
                note: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(review)
}

/// The outcome as the export shows it.
fn status_label(status: &str, ja: bool) -> &str {
    match (status, ja) {
        ("open", true) => "確認中",
        ("approved", true) => "承認",
        ("rejected", true) => "差し戻し",
        ("open", false) => "in review",
        (s, _) => s,
    }
}

/// A review as Markdown, for a wiki or an e-mail.
pub fn to_markdown(r: &Review, ja: bool) -> String {
    let (l_deliv, l_dept, l_tool, l_prompt, l_rev, l_day, l_status) = if ja {
        ("成果物", "部署", "ツール", "使用したテンプレート", "レビュー担当", "日付", "結果")
    } else {
        ("Deliverable", "Department", "Tool", "Prompt template", "Reviewer", "Date", "Outcome")
    };
    let mark = |m: Option<Mark>| match (m, ja) {
        (Some(Mark::Pass), false) => "pass",
        (Some(Mark::Fail), false) => "FAIL",
        (Some(Mark::Na), false) => "n/a",
        (None, false) => "not marked",
        (Some(Mark::Pass), true) => "合格",
        (Some(Mark::Fail), true) => "不合格",
        (Some(Mark::Na), true) => "対象外",
        (None, true) => "未確認",
    };
    // Markdown in the user's text is shown as written, not as markup.
    let esc = |t: &str| {
        t.chars()
            .flat_map(|c| {
                if "\\`*_[]<>#|".contains(c) {
                    vec!['\\', c]
                } else if c == '\n' {
                    vec![' ']
                } else {
                    vec![c]
                }
            })
            .collect::<String>()
    };
    let mut out = format!("# {}\n\n", esc(&r.checklist));
    for (label, value) in [
        (l_deliv, r.deliverable.as_str()),
        (l_dept, r.department.as_str()),
        (l_tool, r.tool.as_str()),
        (l_prompt, r.prompt_title.as_deref().unwrap_or("—")),
        (l_rev, r.reviewer.as_str()),
        (l_day, r.reviewed_on.as_str()),
        (l_status, status_label(&r.status, ja)),
    ] {
        out.push_str(&format!("- **{label}**: {}\n", esc(value)));
    }
    out.push('\n');
    out.push_str(if ja {
        "| # | 項目 | 判定 | メモ |\n|---|---|---|---|\n"
    } else {
        "| # | Item | Mark | Note |\n|---|---|---|---|\n"
    });
    for i in &r.items {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i.position,
            esc(&i.item),
            mark(i.mark),
            esc(&i.note)
        ));
    }
    if !r.note.is_empty() {
        out.push_str(&format!("\n{}\n", esc(&r.note)));
    }
    out
}

/// A review as an A4 PDF of as many pages as its items need, with the app's bundled font.
pub fn to_pdf(r: &Review, ja: bool) -> Result<Vec<u8>, crate::charts::ChartError> {
    let mark = |m: Option<Mark>| match (m, ja) {
        (Some(Mark::Pass), false) => "PASS",
        (Some(Mark::Fail), false) => "FAIL",
        (Some(Mark::Na), false) => "N/A",
        (None, false) => "—",
        (Some(Mark::Pass), true) => "合格",
        (Some(Mark::Fail), true) => "不合格",
        (Some(Mark::Na), true) => "対象外",
        (None, true) => "未確認",
    };
    let label = |en: &'static str, jp: &'static str| if ja { jp } else { en };
    let mut lines = vec![
        crate::charts::DocLine::title(&r.checklist),
        crate::charts::DocLine::text(&format!(
            "{}: {}",
            label("Deliverable", "成果物"),
            r.deliverable
        )),
        crate::charts::DocLine::text(&format!(
            "{}: {}    {}: {}",
            label("Department", "部署"),
            r.department,
            label("Tool", "ツール"),
            r.tool
        )),
        crate::charts::DocLine::text(&format!(
            "{}: {}",
            label("Prompt template", "使用したテンプレート"),
            r.prompt_title.as_deref().unwrap_or("—")
        )),
        crate::charts::DocLine::text(&format!(
            "{}: {}    {}: {}    {}: {}",
            label("Reviewer", "レビュー担当"),
            r.reviewer,
            label("Date", "日付"),
            r.reviewed_on,
            label("Outcome", "結果"),
            status_label(&r.status, ja)
        )),
        crate::charts::DocLine::gap(),
    ];
    for i in &r.items {
        lines.push(crate::charts::DocLine::item(
            &format!("{}. {}", i.position, i.item),
            mark(i.mark),
            i.mark == Some(Mark::Fail),
        ));
        if !i.note.is_empty() {
            lines.push(crate::charts::DocLine::note(&i.note));
        }
    }
    if !r.note.is_empty() {
        lines.push(crate::charts::DocLine::gap());
        lines.push(crate::charts::DocLine::text(&r.note));
    }
    crate::charts::document_pdf(&lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_checklist(store: &Store, lang: &str) -> Checklist {
        list_checklists(store)
            .unwrap()
            .into_iter()
            .find(|c| c.kind == "copy" && c.lang == lang)
            .unwrap()
    }

    fn started(store: &mut Store) -> Review {
        let id = copy_checklist(store, "ja").id;
        start(
            store,
            &ReviewInput {
                checklist: id,
                deliverable: "新製品のプレスリリース".into(),
                department: "マーケティング部".into(),
                tool: "ChatGPT".into(),
                reviewer: "鈴木 美咲".into(),
                reviewed_on: "2026-12-04".into(),
                ..ReviewInput::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn three_checklists_are_seeded_in_each_language() {
        let store = Store::open_in_memory().unwrap();
        let lists = list_checklists(&store).unwrap();
        for kind in ["copy", "code", "analysis"] {
            for lang in ["en", "ja"] {
                assert!(lists.iter().any(|c| c.kind == kind && c.lang == lang), "{kind} {lang}");
            }
        }
        let copy = copy_checklist(&store, "en");
        assert!(copy.items.iter().any(|i| i.contains("figure")));
        assert!(copy.items.iter().any(|i| i.contains("personal")));
        let code = lists.iter().find(|c| c.kind == "code" && c.lang == "en").unwrap();
        assert!(code.items.iter().any(|i| i.contains("secrets")));
    }

    #[test]
    fn a_run_with_a_failed_item_cannot_be_approved() {
        let mut store = Store::open_in_memory().unwrap();
        let r = started(&mut store);
        assert_eq!(r.items.len(), 5);
        for p in 1..=5 {
            mark(&mut store, &r.id, p, Mark::Pass, None).unwrap();
        }
        mark(&mut store, &r.id, 2, Mark::Fail, Some("売上の数字が古い")).unwrap();
        let err = set_status(&mut store, &r.id, "approved").unwrap_err();
        assert!(err.to_string().contains("failed item"), "{err}");
        assert_eq!(get(&store, &r.id).unwrap().status, "open", "nothing changed");
        // The database keeps the rule even against a direct write.
        let direct = store
            .conn()
            .execute("UPDATE review_runs SET status = 'approved' WHERE uid = ?1", params![r.id]);
        assert!(direct.is_err(), "the trigger refuses it");
        let again = mark(&mut store, &r.id, 2, Mark::Pass, None).unwrap();
        assert_eq!(again.items[1].note, "売上の数字が古い", "marked again without a note keeps it");
        mark(&mut store, &r.id, 2, Mark::Pass, Some("最新の数字に直した")).unwrap();
        let ok = set_status(&mut store, &r.id, "approved").unwrap();
        assert_eq!(ok.status, "approved");
        assert!(
            mark(&mut store, &r.id, 3, Mark::Fail, Some("")).is_err(),
            "approved: reopen first"
        );
    }

    #[test]
    fn every_item_must_be_marked_before_approval() {
        let mut store = Store::open_in_memory().unwrap();
        let r = started(&mut store);
        mark(&mut store, &r.id, 1, Mark::Na, Some("")).unwrap();
        let err = set_status(&mut store, &r.id, "approved").unwrap_err();
        assert!(err.to_string().contains("not marked"), "{err}");
    }

    #[test]
    fn items_can_be_added_ordered_and_edited_without_changing_past_reviews() {
        let mut store = Store::open_in_memory().unwrap();
        let r = started(&mut store);
        let c = copy_checklist(&store, "ja");
        let mut items = c.items.clone();
        items.reverse();
        items.push("社名・製品名の表記を確認した".into());
        let edited = save_checklist(&mut store, Some(&c.id), &c.name, &c.kind, &items).unwrap();
        assert_eq!(edited.items.len(), 6);
        assert_eq!(edited.items[0], c.items[4]);
        assert_eq!(
            get(&store, &r.id).unwrap().items[0].item,
            c.items[0],
            "the review kept its copy"
        );
        assert!(save_checklist(&mut store, None, "", "copy", &items).is_err());
        assert!(save_checklist(&mut store, None, "x", "poetry", &items).is_err());
    }

    #[test]
    fn history_per_department_and_template() {
        let mut store = Store::open_in_memory().unwrap();
        let prompt = crate::prompts::save(
            &mut store,
            None,
            &crate::prompts::Content {
                title: "プレスリリース".into(),
                body: "{{product}} のプレスリリースを書いて".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let id = copy_checklist(&store, "ja").id;
        for (dept, with_prompt) in [("マーケティング部", true), ("営業部", false)] {
            start(
                &mut store,
                &ReviewInput {
                    checklist: id.clone(),
                    deliverable: "文書".into(),
                    department: dept.into(),
                    prompt: if with_prompt { prompt.id.clone() } else { String::new() },
                    reviewer: "R".into(),
                    ..ReviewInput::default()
                },
            )
            .unwrap();
        }
        let dept =
            list(&store, &ReviewFilter { department: Some("営業部".into()), ..Default::default() })
                .unwrap();
        assert_eq!(dept.len(), 1);
        let by_prompt =
            list(&store, &ReviewFilter { prompt: Some(prompt.id.clone()), ..Default::default() })
                .unwrap();
        assert_eq!(by_prompt.len(), 1);
        assert_eq!(by_prompt[0].prompt_title.as_deref(), Some("プレスリリース"));
        assert_eq!(list(&store, &ReviewFilter::default()).unwrap().len(), 2);
    }

    #[test]
    fn a_review_exports_as_markdown_and_pdf() {
        let mut store = Store::open_in_memory().unwrap();
        let r = started(&mut store);
        let r = mark(&mut store, &r.id, 1, Mark::Fail, Some("<script>alert(1)</script> | *bold*"))
            .unwrap();
        let md = to_markdown(&r, true);
        assert!(md.starts_with("# AI作成の文章\n"));
        assert!(md.contains("| 1 | 事実関係を信頼できる情報源で確認した | 不合格 |"), "{md}");
        assert!(md.contains("\\<script\\>"), "markup in a note is escaped: {md}");
        assert!(!md.contains("<script>"));
        let pdf = to_pdf(&r, true).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
