//! The tool catalogue: the AI products people name in survey answers, and
//! the aliases that map what they typed ("GPT Plus", "チャットGPT") to one
//! tool. The seed list is in the first migration; this module reads it and
//! adds "Other" answers as tools of their own. Plans, prices and
//! deployment kinds are not modelled yet: no view needs them so far.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::survey::values::fold;

/// Words that name a plan or edition after a product's name; "ChatGPT
/// Team" and "DeepL 有料版" are the tool of the first word(s).
const PLAN_WORDS: &[&str] = &[
    "plus",
    "pro",
    "team",
    "teams",
    "business",
    "enterprise",
    "free",
    "premium",
    "advanced",
    "有料版",
    "無料版",
    "有料",
    "無料",
    "版",
    "プラン",
    "plan",
    "個人",
    "法人",
];

/// Matches typed tool names to catalogue tools, loaded once per import.
pub struct ToolMatcher {
    by_alias: HashMap<String, i64>,
    names: Vec<String>,
}

impl ToolMatcher {
    /// Loads every alias and tool name, folded.
    pub fn load(conn: &Connection) -> rusqlite::Result<ToolMatcher> {
        let mut by_alias = HashMap::new();
        let mut names = Vec::new();
        let mut stmt = conn.prepare("SELECT id, name FROM tools")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            by_alias.insert(fold(&name), id);
            names.push(name);
        }
        let mut stmt = conn.prepare("SELECT alias, tool_id FROM tool_aliases")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (alias, id) = row?;
            by_alias.insert(fold(&alias), id);
        }
        Ok(ToolMatcher { by_alias, names })
    }

    /// The catalogue's tool names and aliases, as option labels for
    /// splitting a checkbox answer.
    pub fn labels(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    /// The id of the tool `typed` names, trying it whole and then without
    /// trailing plan words; `None` for an answer not in the catalogue.
    pub fn find(&self, typed: &str) -> Option<i64> {
        let folded = fold(typed);
        if let Some(&id) = self.by_alias.get(&folded) {
            return Some(id);
        }
        let mut words: Vec<&str> = folded.split(' ').collect();
        while words.len() > 1 && PLAN_WORDS.contains(words.last().unwrap_or(&"")) {
            words.pop();
            if let Some(&id) = self.by_alias.get(&words.join(" ")) {
                return Some(id);
            }
        }
        PLAN_WORDS
            .iter()
            .filter_map(|w| folded.strip_suffix(w))
            .find_map(|stem| self.by_alias.get(stem.trim_end()).copied())
    }

    /// The tool `typed` names, adding it to the catalogue as an "Other"
    /// tool under its own text when nothing matches.
    pub fn find_or_add(&mut self, conn: &Connection, typed: &str) -> rusqlite::Result<i64> {
        if let Some(id) = self.find(typed) {
            return Ok(id);
        }
        let name = typed.trim();
        let existing: Option<i64> = conn
            .query_row("SELECT id FROM tools WHERE name = ?1", params![name], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                conn.execute(
                    "INSERT INTO tools (uid, name, category, in_catalog) VALUES (?1, ?2, 'other', 0)",
                    params![crate::store::new_id(), name],
                )?;
                conn.last_insert_rowid()
            }
        };
        self.by_alias.insert(fold(name), id);
        self.names.push(name.to_string());
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn aliases_people_type_find_the_catalogue_tool() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::open_in_memory()?;
        let m = ToolMatcher::load(store.conn())?;
        let chatgpt = m.find("ChatGPT").expect("ChatGPT is seeded");
        for typed in [
            "GPT Plus",
            "チャットGPT",
            "ＣｈａｔＧＰＴ",
            "chatgpt plus",
            "ChatGPT Team",
            "ChatGPT（有料版）",
        ] {
            assert_eq!(m.find(typed), Some(chatgpt), "{typed} is ChatGPT");
        }
        assert!(m.find("社内GPT").is_none(), "an in-house tool is not ChatGPT");
        Ok(())
    }

    #[test]
    fn an_other_answer_becomes_a_tool_of_its_own_once() -> Result<(), Box<dyn std::error::Error>> {
        let store = Store::open_in_memory()?;
        let mut m = ToolMatcher::load(store.conn())?;
        let a = m.find_or_add(store.conn(), "社内GPT")?;
        let b = m.find_or_add(store.conn(), " 社内ＧＰＴ ")?;
        assert_eq!(a, b, "the same text, folded, is the same tool");
        Ok(())
    }
}
