//! The trash: contracts, plans, use cases and prompt templates the user deleted, until
//! they are restored or the trash is emptied. Deleting sets a record's
//! `deleted_at`; every view leaves such records out. Emptying removes
//! them for good.

use rusqlite::params;
use serde::Serialize;

use crate::Store;

/// Errors of the trash.
#[derive(Debug, thiserror::Error)]
pub enum TrashError {
    /// Nothing in the trash has that kind and id.
    #[error("the trash holds no {kind} with the id {id}")]
    NotFound {
        /// contract, plan, use_case or prompt.
        kind: String,
        /// The id asked for.
        id: String,
    },
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// One deleted record.
#[derive(Clone, Debug, Serialize)]
pub struct TrashItem {
    /// contract, plan or use_case.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// What it is, in a few words.
    pub label: String,
    /// When it was deleted.
    pub deleted_at: String,
}

/// The kinds of record the trash holds, with their table and a label.
const KINDS: &[(&str, &str, &str)] = &[
    (
        "contract",
        "contracts",
        "SELECT c.uid, t.name || coalesce(' ' || p.name, '') || coalesce(' — ' || d.name, '')
             || ' (' || c.seats || ')', c.deleted_at
         FROM contracts c JOIN tools t ON t.id = c.tool_id LEFT JOIN plans p ON p.id = c.plan_id
         LEFT JOIN departments d ON d.id = c.department_id WHERE c.deleted_at IS NOT NULL",
    ),
    (
        "plan",
        "plans",
        "SELECT p.uid, t.name || ' ' || p.name, p.deleted_at
         FROM plans p JOIN tools t ON t.id = p.tool_id WHERE p.deleted_at IS NOT NULL",
    ),
    (
        "prompt",
        "prompts",
        "SELECT uid, title, deleted_at FROM prompts WHERE deleted_at IS NOT NULL",
    ),
    (
        "use_case",
        "use_cases",
        "SELECT u.uid, d.name || ': ' || u.task, u.deleted_at
         FROM use_cases u JOIN departments d ON d.id = u.department_id
         WHERE u.deleted_at IS NOT NULL",
    ),
];

/// Everything in the trash, last deleted first.
pub fn list(store: &Store) -> Result<Vec<TrashItem>, TrashError> {
    let mut items = Vec::new();
    for (kind, _, sql) in KINDS {
        let mut stmt = store.conn().prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashItem { kind, id: r.get(0)?, label: r.get(1)?, deleted_at: r.get(2)? })
        })?;
        for row in rows {
            items.push(row?);
        }
    }
    items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(a.label.cmp(&b.label)));
    Ok(items)
}

fn table(kind: &str) -> Result<&'static str, TrashError> {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, t, _)| *t)
        .ok_or_else(|| TrashError::NotFound { kind: kind.to_string(), id: String::new() })
}

/// Puts a deleted record back.
pub fn restore(store: &mut Store, kind: &str, id: &str) -> Result<(), TrashError> {
    let table = table(kind)?;
    let n = store.write(|tx| {
        tx.execute(
            &format!(
                "UPDATE {table} SET deleted_at = NULL WHERE uid = ?1 AND deleted_at IS NOT NULL"
            ),
            params![id],
        )
    })?;
    if n == 0 {
        return Err(TrashError::NotFound { kind: kind.to_string(), id: id.to_string() });
    }
    Ok(())
}

/// Removes everything in the trash for good; returns how many records.
pub fn empty(store: &mut Store) -> Result<u64, TrashError> {
    store.write(|tx| {
        let mut n = 0;
        // Contracts first: a plan in the trash may still be named by one.
        n += tx.execute("DELETE FROM contracts WHERE deleted_at IS NOT NULL", [])?;
        n += tx.execute("DELETE FROM use_cases WHERE deleted_at IS NOT NULL", [])?;
        n += tx.execute("DELETE FROM plans WHERE deleted_at IS NOT NULL", [])?;
        for index in ["prompts_fts", "prompts_title_fts"] {
            tx.execute(
                &format!(
                    "DELETE FROM {index}
                     WHERE rowid IN (SELECT id FROM prompts WHERE deleted_at IS NOT NULL)"
                ),
                [],
            )?;
        }
        n += tx.execute("DELETE FROM prompts WHERE deleted_at IS NOT NULL", [])?;
        Ok(n as u64)
    })
}
