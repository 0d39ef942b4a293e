//! Contracts derived from survey answers.
//!
//! A respondent who pays for a tool personally (paid back as an expense,
//! or not) holds a subscription the company may not know of. Each such
//! counted response with a known monthly cost is offered as a personal
//! contract of one seat at that price a month, for the first tool it
//! names, starting on the day it was submitted. Nothing is stored until
//! the user confirms it; a confirmed contract is linked to its response,
//! so it is offered once.

use rusqlite::params;
use serde::Serialize;

use super::{check, insert, Contract, ContractError, ContractInput, Origin, Source};
use crate::money::{Currency, Money};
use crate::survey::SourceRows;
use crate::Store;

/// A survey answer that could become a personal contract.
#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    /// The response's id, to confirm it with.
    pub response_id: i64,
    /// Its row in the survey file.
    pub row: u64,
    /// The respondent's name or address, unless left out at import.
    pub respondent: Option<String>,
    /// The department answered.
    pub department: Option<String>,
    /// The first tool the response names.
    pub tool: String,
    /// Every tool it names.
    pub tools: Vec<String>,
    /// expense or personal.
    pub account_kind: String,
    /// The monthly cost answered.
    pub monthly_cost: Money,
    /// The day it was submitted, YYYY-MM-DD.
    pub submitted_on: Option<String>,
}

/// The counted survey answers paid personally, with a known cost, that
/// no contract was confirmed from yet.
pub fn suggestions(store: &Store) -> Result<Vec<Suggestion>, ContractError> {
    let conn = store.conn();
    let mut tools_of = conn.prepare_cached(
        "SELECT t.name FROM responses r, json_each(r.tool_ids) j JOIN tools t ON t.id = j.value
         WHERE r.id = ?1 ORDER BY j.key",
    )?;
    let mut stmt = conn.prepare(
        "SELECT r.id, r.row_number, r.cells, d.name, r.payment,
             r.monthly_cost_minor, r.monthly_cost_currency, substr(r.submitted_at, 1, 10),
             r.batch_id
         FROM responses r
         LEFT JOIN departments d ON d.id = r.department_id
         WHERE r.superseded = 0 AND r.payment IN ('expense', 'personal')
           AND r.monthly_cost_minor > 0 AND r.tool_count > 0
           AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.response_id = r.id)
         ORDER BY d.name, r.row_number",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, i64>(8)?,
        ))
    })?;
    let mut sources = SourceRows::new(conn);
    let mut out = Vec::new();
    for row in rows {
        let (id, row_number, cells, department, payment, minor, currency, submitted, batch) = row?;
        // The respondent is named by the name answer, else the address.
        let (text, _) = sources.read(batch, &cells)?;
        let respondent = text.name.or(text.email);
        let Ok(currency) = Currency::parse(&currency) else { continue };
        let tools: Vec<String> =
            tools_of.query_map(params![id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let Some(tool) = tools.first().cloned() else { continue };
        out.push(Suggestion {
            response_id: id,
            row: row_number as u64,
            respondent,
            department,
            tool,
            tools,
            account_kind: payment,
            monthly_cost: Money::new(currency, minor),
            submitted_on: submitted,
        });
    }
    Ok(out)
}

/// Confirms the suggestions for `response_ids` as personal contracts, all
/// in one transaction. An id that is not (or no longer) a suggestion is
/// refused and nothing is stored.
pub fn confirm(store: &mut Store, response_ids: &[i64]) -> Result<Vec<Contract>, ContractError> {
    let offered = suggestions(store)?;
    let mut checked = Vec::new();
    for &id in response_ids {
        let s = offered.iter().find(|s| s.response_id == id).ok_or_else(|| {
            ContractError::NotFound(format!(
                "(survey response {id}: not a paid personal answer, or already confirmed)"
            ))
        })?;
        let input = ContractInput {
            tool: s.tool.clone(),
            department: s.department.clone().unwrap_or_default(),
            account_kind: s.account_kind.clone(),
            seats: "1".into(),
            unit_price: s.monthly_cost.to_decimal_string(),
            currency: s.monthly_cost.currency.code().into(),
            billing: "monthly".into(),
            start_date: s.submitted_on.clone().unwrap_or_default(),
            status: "active".into(),
            owner: s.respondent.clone().unwrap_or_default(),
            note: if s.tools.len() > 1 {
                format!("from the survey, row {}; the answer names {}", s.row, s.tools.join(", "))
            } else {
                format!("from the survey, row {}", s.row)
            },
            ..ContractInput::default()
        };
        checked.push((id, check(store.conn(), &input).map_err(ContractError::Invalid)?));
    }
    let ids = store.write(|tx| {
        let mut ids = Vec::new();
        for (response_id, c) in &checked {
            let origin = Origin {
                source: Source::Survey,
                batch_id: None,
                source_row: None,
                fingerprint: None,
                response_id: Some(*response_id),
            };
            ids.extend(insert(tx, c, &origin)?);
        }
        Ok::<_, ContractError>(ids)
    })?;
    ids.iter().map(|id| super::get(store, id)).collect()
}
