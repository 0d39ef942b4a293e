//! Monthly spend on AI tools, by month and by department or tool, from
//! the contracts.
//!
//! What counts is what the company pays: company contracts and personal
//! plans paid back as expenses. A personal plan the company does not pay
//! back is not company spend. Each contract counts in the months
//! `contracts::Held::paid_in` says (a trial costs nothing; an annual
//! contract counts 1/12 of its price a month), at its monthly amount in
//! the base currency (rounded once, see `pricing`). A contract whose price
//! or rate is unknown counts nowhere and is listed in `unpriced`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::contracts::{self, ContractError, Held, Month};
use crate::money::{Money, Rate};
use crate::pricing::Pricing;
use crate::Store;

/// What spend is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// One row per department ("" for contracts without one).
    Department,
    /// One row per tool.
    Tool,
}

impl std::str::FromStr for By {
    type Err = String;
    fn from_str(s: &str) -> Result<By, String> {
        match s.trim() {
            "department" => Ok(By::Department),
            "tool" => Ok(By::Tool),
            other => Err(format!("'{other}' is not department or tool")),
        }
    }
}

/// The most months one spend report covers (ten years).
pub const MAX_MONTHS: i32 = 120;

/// One row of a spend report.
#[derive(Clone, Debug, Serialize)]
pub struct SpendRow {
    /// The department's or tool's name; "" for no department.
    pub name: String,
    /// Its spend over the months.
    pub total: Money,
    /// Its spend in each month, `YYYY-MM` → amount.
    pub months: BTreeMap<String, Money>,
}

/// A contract left out of the spend, and why.
#[derive(Clone, Debug, Serialize)]
pub struct UnpricedContract {
    /// The contract's id.
    pub id: String,
    /// Its tool.
    pub tool: String,
    /// Its department.
    pub department: Option<String>,
    /// Why it has no amount.
    pub reason: String,
}

/// Spend by month and by department or tool.
#[derive(Clone, Debug, Serialize)]
pub struct Spend {
    /// What rows are.
    pub by: By,
    /// The first month, `YYYY-MM`.
    pub from: String,
    /// The last month, `YYYY-MM`.
    pub to: String,
    /// The currency of every amount.
    pub base_currency: crate::money::Currency,
    /// True when amounts include consumption tax (as contracts are written).
    pub prices_include_tax: bool,
    /// Spend over all rows and months.
    pub total: Money,
    /// Spend of all rows in each month.
    pub months: BTreeMap<String, Money>,
    /// One row per department or tool, most spend first.
    pub rows: Vec<SpendRow>,
    /// The rates the amounts used.
    pub rates_used: Vec<Rate>,
    /// Contracts that would count but whose price or rate is unknown.
    pub unpriced: Vec<UnpricedContract>,
}

/// Why a spend query was refused.
#[derive(Debug, thiserror::Error)]
pub enum SpendError {
    /// A month that is not `YYYY-MM`, or a range the wrong way round.
    #[error("{0}")]
    Range(String),
    /// The contracts could not be read.
    #[error(transparent)]
    Contracts(#[from] ContractError),
}

impl From<rusqlite::Error> for SpendError {
    fn from(e: rusqlite::Error) -> SpendError {
        SpendError::Contracts(e.into())
    }
}

/// Reads `--from` and `--to`, checking the range.
pub fn months(from: &str, to: &str) -> Result<(Month, Month), SpendError> {
    let parse = |flag: &str, text: &str| {
        Month::parse(text).ok_or_else(|| {
            SpendError::Range(format!(
                "{flag} '{text}' is not a month from 1900-01 to 9999-12 (write YYYY-MM)"
            ))
        })
    };
    let (from, to) = (parse("--from", from)?, parse("--to", to)?);
    if to < from {
        return Err(SpendError::Range(format!("--to {to} is before --from {from}")));
    }
    if to.0 - from.0 >= MAX_MONTHS {
        return Err(SpendError::Range(format!(
            "{from} to {to} is more than {MAX_MONTHS} months; ask for fewer"
        )));
    }
    Ok((from, to))
}

/// Spend from the store's contracts.
pub fn spend(store: &Store, by: By, from: Month, to: Month) -> Result<Spend, SpendError> {
    let pricing = Pricing::load(store.conn()).map_err(ContractError::from)?;
    let held = contracts::load_held(store.conn(), &pricing)?;
    Ok(compute(&held, &pricing, by, from, to))
}

/// Spend of `held` contracts; the calculation, apart from the store.
pub fn compute(held: &[Held], pricing: &Pricing, by: By, from: Month, to: Month) -> Spend {
    let zero = pricing.zero();
    let month_names: Vec<(Month, String)> = {
        let mut v = Vec::new();
        let mut m = from;
        while m <= to {
            v.push((m, m.to_string()));
            m = m.next();
        }
        v
    };
    let mut rows: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut unpriced = Vec::new();
    let mut currencies = std::collections::BTreeSet::new();
    for c in held {
        if !c.account_kind.company_pays() {
            continue;
        }
        let counted: Vec<usize> =
            (0..month_names.len()).filter(|&i| c.paid_in(month_names[i].0)).collect();
        if counted.is_empty() {
            continue;
        }
        let amount = match c.monthly {
            Ok(m) => m.minor,
            Err(e) => {
                unpriced.push(UnpricedContract {
                    id: c.id.clone(),
                    tool: c.tool.clone(),
                    department: c.department.clone(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        currencies.insert(c.currency);
        let name = match by {
            By::Department => c.department.clone().unwrap_or_default(),
            By::Tool => c.tool.clone(),
        };
        let cells = rows.entry(name).or_insert_with(|| vec![0; month_names.len()]);
        for i in counted {
            cells[i] = cells[i].saturating_add(amount);
        }
    }
    let money = |minor: i64| Money::new(zero.currency, minor);
    let mut month_totals = vec![0i64; month_names.len()];
    let mut out: Vec<SpendRow> = rows
        .into_iter()
        .map(|(name, cells)| {
            for (t, v) in month_totals.iter_mut().zip(&cells) {
                *t = t.saturating_add(*v);
            }
            SpendRow {
                name,
                total: money(cells.iter().fold(0i64, |a, v| a.saturating_add(*v))),
                months: month_names
                    .iter()
                    .zip(&cells)
                    .map(|((_, n), &v)| (n.clone(), money(v)))
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| b.total.minor.cmp(&a.total.minor).then_with(|| a.name.cmp(&b.name)));
    Spend {
        by,
        from: from.to_string(),
        to: to.to_string(),
        base_currency: zero.currency,
        prices_include_tax: pricing.prices_include_tax,
        total: money(month_totals.iter().fold(0i64, |a, v| a.saturating_add(*v))),
        months: month_names
            .iter()
            .zip(&month_totals)
            .map(|((_, n), &v)| (n.clone(), money(v)))
            .collect(),
        rows: out,
        rates_used: pricing.rates_for(currencies),
        unpriced,
    }
}
