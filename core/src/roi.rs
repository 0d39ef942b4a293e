//! The return of AI use cases: time saved, valued at the department's
//! hourly cost, against the cost of the tool.
//!
//! A use case is a task a department does with a tool, and the time it
//! saves: minutes a run × runs a month, or hours a month given directly.
//! Its value a month is those hours × the department's hourly cost. Its
//! tool cost is its share of what the department pays a month for that
//! tool: the use case's seats over the seats of the department's
//! contracts for the tool (all of it when it takes them all). When the
//! department holds no contract for the tool, the company-wide contracts
//! are shared the same way; with none at all the tool costs nothing (a
//! free plan, or one the company does not pay). Each amount is computed
//! exactly and rounded once, half away from zero.
//!
//! Use cases are ranked by their net value a month (value − tool cost);
//! those of departments without an hourly cost come last, unvalued.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, nfkc};
use crate::contracts::{self, ContractError, Held, Month, Problem};
use crate::money::{Currency, Money, Rate, RATE_SCALE};
use crate::pricing::{round_div, Pricing};
use crate::survey::values;
use crate::Store;

/// A use case as typed: every field text.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UseCaseInput {
    /// The department's name. Required.
    pub department: String,
    /// The task, e.g. "請求書の照合". Required.
    pub task: String,
    /// The tool: its name, an alias or id; blank for none.
    pub tool: String,
    /// Minutes saved each time ("6", "6分").
    pub minutes_per_run: String,
    /// Runs a month.
    pub runs_per_month: String,
    /// Or: hours saved a month ("40", "約40時間", "30分").
    pub hours_per_month: String,
    /// Seats of the tool the use case takes; blank: 1.
    pub seats: String,
    /// A note.
    pub note: String,
}

/// A stored use case.
#[derive(Clone, Debug, Serialize)]
pub struct UseCase {
    /// Its id.
    pub id: String,
    /// The department.
    pub department: String,
    /// The task.
    pub task: String,
    /// The tool, if any.
    pub tool: Option<String>,
    /// Minutes saved a run, when given that way.
    pub minutes_per_run: Option<i64>,
    /// Runs a month, when given that way.
    pub runs_per_month: Option<i64>,
    /// Minutes saved a month, in all.
    pub saved_minutes_per_month: i64,
    /// Hours saved a month, to two decimals.
    pub hours_saved_per_month: f64,
    /// Seats it takes.
    pub seats: i64,
    /// A note.
    pub note: String,
}

/// One ranked use case.
#[derive(Clone, Debug, Serialize)]
pub struct RoiRow {
    /// 1 for the best.
    pub rank: u32,
    /// The use case.
    #[serde(flatten)]
    pub use_case: UseCase,
    /// The department's hourly cost, if set.
    pub hourly_cost: Option<Money>,
    /// Hours saved × hourly cost, in the base currency.
    pub monthly_value: Option<Money>,
    /// Its share of the tool's cost a month, in the base currency.
    pub monthly_tool_cost: Money,
    /// How the tool cost was shared.
    pub cost_basis: String,
    /// Value − tool cost.
    pub net_monthly: Option<Money>,
    /// Value ÷ tool cost, to two decimals; `None` when the tool costs nothing.
    pub ratio: Option<f64>,
}

/// The ranking.
#[derive(Clone, Debug, Serialize)]
pub struct Roi {
    /// The month looked at, YYYY-MM.
    pub month: String,
    /// The currency of every amount.
    pub base_currency: Currency,
    /// Ranked use cases.
    pub use_cases: Vec<RoiRow>,
    /// Departments with use cases but no hourly cost.
    pub missing_hourly_cost: Vec<String>,
    /// The rates used.
    pub rates_used: Vec<Rate>,
}

fn problem(field: &'static str, value: &str, reason: &str) -> Problem {
    Problem { field, value: value.trim().to_string(), reason: reason.to_string() }
}

fn whole(text: &str, units: &[&str]) -> Option<i64> {
    let mut t = nfkc(text).trim().to_lowercase().replace(',', "");
    for u in units {
        if let Some(s) = t.strip_suffix(u) {
            t = s.trim().to_string();
            break;
        }
    }
    t.parse().ok().filter(|n: &i64| (0..=10_000_000).contains(n))
}

/// A use case that passed [`check`].
pub(crate) struct CheckedUseCase {
    department: String,
    task: String,
    tool: Option<i64>,
    minutes_per_run: Option<i64>,
    runs_per_month: Option<i64>,
    saved_minutes_month: Option<i64>,
    seats: i64,
    note: String,
}

pub(crate) fn check(
    conn: &rusqlite::Connection,
    input: &UseCaseInput,
) -> Result<CheckedUseCase, ContractError> {
    let mut problems = Vec::new();
    if input.department.trim().is_empty() {
        problems.push(problem("department", "", "is required"));
    }
    if input.task.trim().is_empty() {
        problems.push(problem("task", "", "is required: what does AI do here?"));
    }
    let tool = match input.tool.trim() {
        "" => None,
        t => match catalog::tool_key(conn, t)? {
            Some(id) => Some(id),
            None => {
                problems.push(problem("tool", t, "is not a tool in the catalogue"));
                None
            }
        },
    };
    let minutes = match input.minutes_per_run.trim() {
        "" => None,
        t => whole(t, &["minutes", "min", "分"]).or_else(|| {
            problems.push(problem("minutes_per_run", t, "is not a whole number of minutes"));
            None
        }),
    };
    let runs = match input.runs_per_month.trim() {
        "" => None,
        t => whole(t, &["times", "runs", "回", "件"]).or_else(|| {
            problems.push(problem("runs_per_month", t, "is not a whole number of runs"));
            None
        }),
    };
    let monthly = match input.hours_per_month.trim() {
        "" => None,
        t => match values::parse_minutes(t) {
            Ok(Some(m)) => Some(m),
            _ => {
                problems.push(problem("hours_per_month", t, "is not a number of hours"));
                None
            }
        },
    };
    let given_runs = minutes.is_some() && runs.is_some();
    let time_refused = problems
        .iter()
        .any(|p| matches!(p.field, "minutes_per_run" | "runs_per_month" | "hours_per_month"));
    if !given_runs && monthly.is_none() && !time_refused {
        problems.push(problem(
            "hours_per_month",
            "",
            "give minutes per run and runs per month, or hours saved per month",
        ));
    }
    let seats = match input.seats.trim() {
        "" => 1,
        t => match whole(t, &["seats", "席", "人"]) {
            Some(n) if n >= 1 => n,
            _ => {
                problems.push(problem("seats", t, "must be a whole number from 1"));
                1
            }
        },
    };
    if !problems.is_empty() {
        return Err(ContractError::Invalid(problems));
    }
    Ok(CheckedUseCase {
        department: input.department.trim().to_string(),
        task: input.task.trim().to_string(),
        tool,
        minutes_per_run: if given_runs { minutes } else { None },
        runs_per_month: if given_runs { runs } else { None },
        saved_minutes_month: if given_runs { None } else { monthly },
        seats,
        note: input.note.trim().to_string(),
    })
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Checks and stores a use case (`id` None) or changes the use case `id`.
pub fn save_use_case(
    store: &mut Store,
    id: Option<&str>,
    input: &UseCaseInput,
) -> Result<UseCase, ContractError> {
    let c = check(store.conn(), input)?;
    let uid = store.write(|tx| match id {
        None => insert_use_case(tx, &c),
        Some(id) => {
            let dept = contracts::department_key(tx, &c.department)?;
            let n = tx.execute(
                "UPDATE use_cases SET department_id = ?2, task = ?3, tool_id = ?4,
                     minutes_per_run = ?5, runs_per_month = ?6, saved_minutes_month = ?7,
                     seats = ?8, note = ?9, updated_at = ?10
                 WHERE uid = ?1 AND deleted_at IS NULL",
                params![
                    id,
                    dept,
                    c.task,
                    c.tool,
                    c.minutes_per_run,
                    c.runs_per_month,
                    c.saved_minutes_month,
                    c.seats,
                    c.note,
                    now()
                ],
            )?;
            if n == 0 {
                return Err(ContractError::NotFound(format!("(use case {id})")));
            }
            Ok(id.to_string())
        }
    })?;
    list_use_cases(store)?.into_iter().find(|u| u.id == uid).ok_or(ContractError::NotFound(uid))
}

/// Stores a checked use case in `tx`; returns its id.
pub(crate) fn insert_use_case(
    tx: &rusqlite::Transaction,
    c: &CheckedUseCase,
) -> Result<String, ContractError> {
    let dept = contracts::department_key(tx, &c.department)?;
    let uid = crate::store::new_id();
    tx.execute(
        "INSERT INTO use_cases (uid, department_id, task, tool_id, minutes_per_run,
             runs_per_month, saved_minutes_month, seats, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            uid,
            dept,
            c.task,
            c.tool,
            c.minutes_per_run,
            c.runs_per_month,
            c.saved_minutes_month,
            c.seats,
            c.note,
            now()
        ],
    )?;
    Ok(uid)
}

/// Moves a use case to the trash.
pub fn delete_use_case(store: &mut Store, id: &str) -> Result<(), ContractError> {
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE use_cases SET deleted_at = ?2 WHERE uid = ?1 AND deleted_at IS NULL",
            params![id, now()],
        )
    })?;
    if n == 0 {
        return Err(ContractError::NotFound(format!("(use case {id})")));
    }
    Ok(())
}

/// Sets a department's hourly cost ("3500", "¥3,500", "$40"); blank clears it.
pub fn set_hourly_cost(
    store: &mut Store,
    department: &str,
    cost: &str,
) -> Result<(), ContractError> {
    let base = crate::settings::base_currency(store.conn())?;
    let money = values::parse_money(cost, base)
        .map_err(|e| ContractError::Invalid(vec![problem("hourly_cost", cost, &e.to_string())]))?;
    let name = department.trim();
    if name.is_empty() {
        return Err(ContractError::Invalid(vec![problem("department", "", "is required")]));
    }
    store.write(|tx| set_hourly_cost_in(tx, name, money))?;
    Ok(())
}

/// Sets the hourly cost of the department `name` (made if new) in `tx`.
pub(crate) fn set_hourly_cost_in(
    tx: &rusqlite::Transaction,
    name: &str,
    money: Option<Money>,
) -> rusqlite::Result<()> {
    let id = contracts::department_key(tx, name)?;
    tx.execute(
        "UPDATE departments SET hourly_cost_minor = ?2, hourly_cost_currency = ?3 WHERE id = ?1",
        params![id, money.map(|m| m.minor), money.map(|m| m.currency.code().to_string())],
    )?;
    Ok(())
}

/// Each department's hourly cost, by name.
pub fn hourly_costs(store: &Store) -> Result<Vec<(String, Option<Money>)>, ContractError> {
    let mut stmt = store.conn().prepare(
        "SELECT name, hourly_cost_minor, hourly_cost_currency FROM departments ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        let minor: Option<i64> = r.get(1)?;
        let currency: Option<String> = r.get(2)?;
        let money = match (minor, currency.and_then(|c| Currency::parse(&c).ok())) {
            (Some(m), Some(c)) => Some(Money::new(c, m)),
            _ => None,
        };
        Ok((r.get::<_, String>(0)?, money))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every use case not in the trash.
pub fn list_use_cases(store: &Store) -> Result<Vec<UseCase>, ContractError> {
    let mut stmt = store.conn().prepare(
        "SELECT u.uid, d.name, u.task, t.name, u.minutes_per_run, u.runs_per_month,
             u.saved_minutes_month, u.seats, u.note
         FROM use_cases u JOIN departments d ON d.id = u.department_id
         LEFT JOIN tools t ON t.id = u.tool_id
         WHERE u.deleted_at IS NULL ORDER BY d.name, u.task",
    )?;
    let rows = stmt.query_map([], |r| {
        let per_run: Option<i64> = r.get(4)?;
        let runs: Option<i64> = r.get(5)?;
        let monthly: Option<i64> = r.get(6)?;
        let minutes =
            monthly.unwrap_or_else(|| per_run.unwrap_or(0).saturating_mul(runs.unwrap_or(0)));
        Ok(UseCase {
            id: r.get(0)?,
            department: r.get(1)?,
            task: r.get(2)?,
            tool: r.get(3)?,
            minutes_per_run: per_run,
            runs_per_month: runs,
            saved_minutes_per_month: minutes,
            hours_saved_per_month: (minutes as f64 / 60.0 * 100.0).round() / 100.0,
            seats: r.get(7)?,
            note: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ranking for the month of `as_of`.
pub fn roi(store: &Store, as_of: NaiveDate) -> Result<Roi, ContractError> {
    let pricing = Pricing::load(store.conn())?;
    let held = contracts::load_held(store.conn(), &pricing)?;
    let hourly = hourly_costs(store)?;
    let use_cases = list_use_cases(store)?;
    Ok(compute(&use_cases, &hourly, &held, &pricing, as_of))
}

/// `minutes` of an hour costing `hourly`, in the base currency, rounded once.
fn value_of(minutes: i64, hourly: Money, pricing: &Pricing) -> Option<Money> {
    let rate = if hourly.currency == pricing.base {
        RATE_SCALE
    } else {
        pricing.rates.iter().find(|r| r.currency == hourly.currency)?.micros
    };
    let num =
        minutes as i128 * hourly.minor as i128 * rate as i128 * 10i128.pow(pricing.base.exponent());
    let den = 60 * RATE_SCALE as i128 * 10i128.pow(hourly.currency.exponent());
    i64::try_from(round_div(num, den)).ok().map(|m| Money::new(pricing.base, m))
}

/// The calculation, apart from the store.
pub fn compute(
    use_cases: &[UseCase],
    hourly: &[(String, Option<Money>)],
    held: &[Held],
    pricing: &Pricing,
    as_of: NaiveDate,
) -> Roi {
    let month = Month::of(as_of);
    let zero = pricing.zero();
    // (cost a month, seats) of the paid contracts of a tool, in a
    // department (Some) or in all (None), and the currencies each tool's
    // contracts are in: one pass over the contracts, so the use cases
    // look them up rather than scanning every contract each.
    let mut by_department: HashMap<(&str, &str), (i64, i64)> = HashMap::new();
    let mut by_tool: HashMap<&str, (i64, i64)> = HashMap::new();
    let mut tool_currencies: HashMap<&str, Vec<Currency>> = HashMap::new();
    let add = |sum: &mut (i64, i64), cost: i64, seats: i64| {
        *sum = (sum.0.saturating_add(cost), sum.1.saturating_add(seats));
    };
    for c in held {
        tool_currencies.entry(c.tool.as_str()).or_default().push(c.currency);
        if !(c.paid_in(month) && c.account_kind.company_pays()) {
            continue;
        }
        let cost = c.monthly.map_or(0, |m| m.minor);
        add(by_tool.entry(c.tool.as_str()).or_default(), cost, c.seats);
        if let Some(dept) = c.department.as_deref() {
            add(by_department.entry((c.tool.as_str(), dept)).or_default(), cost, c.seats);
        }
    }
    let share = |tool: &str, dept: Option<&str>| -> (i64, i64) {
        match dept {
            Some(d) => by_department.get(&(tool, d)),
            None => by_tool.get(tool),
        }
        .copied()
        .unwrap_or((0, 0))
    };
    let mut currencies = std::collections::BTreeSet::new();
    let mut missing = std::collections::BTreeSet::new();
    let mut rows: Vec<RoiRow> = use_cases
        .iter()
        .map(|u| {
            let hourly_cost = hourly.iter().find(|(d, _)| *d == u.department).and_then(|(_, m)| *m);
            if let Some(h) = hourly_cost {
                currencies.insert(h.currency);
            } else {
                missing.insert(u.department.clone());
            }
            let value = hourly_cost.and_then(|h| value_of(u.saved_minutes_per_month, h, pricing));
            let (cost, basis) = match &u.tool {
                None => (0, "no tool named".to_string()),
                Some(tool) => {
                    let (dept_cost, dept_seats) = share(tool, Some(&u.department));
                    let (all_cost, all_seats) = share(tool, None);
                    if dept_seats > 0 {
                        let taken = u.seats.min(dept_seats);
                        (
                            round_div(dept_cost as i128 * taken as i128, dept_seats as i128) as i64,
                            format!("{taken} of the department's {dept_seats} seats"),
                        )
                    } else if all_seats > 0 {
                        let taken = u.seats.min(all_seats);
                        (
                            round_div(all_cost as i128 * taken as i128, all_seats as i128) as i64,
                            format!("{taken} of the company's {all_seats} seats"),
                        )
                    } else {
                        (0, "no paid contract for the tool".to_string())
                    }
                }
            };
            if let Some(used) = u.tool.as_deref().and_then(|t| tool_currencies.get(t)) {
                currencies.extend(used.iter().copied());
            }
            let cost = Money::new(zero.currency, cost);
            let net = value.map(|v| Money::new(zero.currency, v.minor.saturating_sub(cost.minor)));
            let ratio = match value {
                Some(v) if cost.minor > 0 => {
                    Some((v.minor as f64 / cost.minor as f64 * 100.0).round() / 100.0)
                }
                _ => None,
            };
            RoiRow {
                rank: 0,
                use_case: u.clone(),
                hourly_cost,
                monthly_value: value,
                monthly_tool_cost: cost,
                cost_basis: basis,
                net_monthly: net,
                ratio,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &RoiRow| r.net_monthly.map(|m| m.minor);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.use_case.department.cmp(&b.use_case.department))
        .then_with(|| a.use_case.task.cmp(&b.use_case.task))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i as u32 + 1;
    }
    Roi {
        month: month.to_string(),
        base_currency: zero.currency,
        use_cases: rows,
        missing_hourly_cost: missing.into_iter().collect(),
        rates_used: pricing.rates_for(currencies),
    }
}
