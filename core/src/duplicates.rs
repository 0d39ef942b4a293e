//! Duplicate subscriptions, and what consolidating them would save.
//!
//! A duplicate group is one product held as two or more separate
//! contracts on the day looked at: across departments, or as personal
//! plans beside each other or beside a company contract. For a group the
//! report gives who is in it, what it costs the company a month now, the
//! cheapest team or enterprise plan in the catalogue that covers all its
//! seats (a plan's minimum seats are billed even when the group is
//! smaller), what that plan would cost and the saving a month and a year.
//! A group where that plan costs as much or more says so: it saves
//! nothing.
//!
//! "Now" counts as spend does: a trial costs nothing and a personal plan
//! the company does not pay back costs the company nothing (its cost is
//! shown apart, as `staff_paid_monthly`). A plan's list price is without
//! tax; when contract prices include tax it is compared at the price with
//! tax (see `pricing`).
//!
//! Category overlaps (two chat assistants in one department) are listed
//! apart: they are questions for the department, not waste.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::{self, Plan, Tier};
use crate::contracts::{self, AccountKind, ContractError, Held, Month, Status};
use crate::money::{Currency, Money, Rate};
use crate::pricing::{Billing, PriceKind, Pricing};
use crate::Store;

/// One contract of a duplicate group.
#[derive(Clone, Debug, Serialize)]
pub struct Member {
    /// The contract's id.
    pub id: String,
    /// Its department.
    pub department: Option<String>,
    /// Who pays.
    pub account_kind: AccountKind,
    /// Its plan.
    pub plan: Option<String>,
    /// Its seats.
    pub seats: i64,
    /// Its status.
    pub status: Status,
    /// What it costs a month in its own currency, when known.
    pub monthly_cost_original: Option<Money>,
    /// What it costs a month in the base currency, when known.
    pub monthly_cost: Option<Money>,
}

/// The plan a group would move to.
#[derive(Clone, Debug, Serialize)]
pub struct PlanChoice {
    /// The plan's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// team or enterprise.
    pub tier: Tier,
    /// What its price covers.
    pub billing: Billing,
    /// Its list price per seat per billing period.
    pub price: Money,
    /// The fewest seats it is sold with.
    pub min_seats: i64,
    /// The seats that would be billed: the group's, or the minimum.
    pub seats_billed: i64,
    /// The day its price was seen.
    pub as_of: String,
}

/// One product held more than once.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The product's vendor.
    pub vendor: Option<String>,
    /// The product.
    pub product: String,
    /// Its contracts.
    pub contracts: Vec<Member>,
    /// The departments holding it ("" for none given).
    pub departments: Vec<String>,
    /// Seats over all its contracts.
    pub seats: i64,
    /// What the company pays for it a month now, in the base currency.
    pub monthly_cost: Money,
    /// What people pay themselves for it a month (personal plans not paid back).
    pub staff_paid_monthly: Money,
    /// Contracts whose price or rate is unknown.
    pub unpriced: u64,
    /// The cheapest shared plan covering every seat, if the catalogue has one.
    pub plan: Option<PlanChoice>,
    /// What that plan would cost a month.
    pub plan_monthly_cost: Option<Money>,
    /// `monthly_cost` − `plan_monthly_cost` when positive, else zero.
    pub monthly_saving: Money,
    /// Twelve times the monthly saving.
    pub yearly_saving: Money,
    /// True when consolidating saves money.
    pub saves: bool,
    /// The finding in one sentence, in English.
    pub verdict: String,
}

/// Several tools of one category in one department.
#[derive(Clone, Debug, Serialize)]
pub struct Overlap {
    /// The department ("" for none given).
    pub department: String,
    /// The category, e.g. chat.
    pub category: String,
    /// The tools.
    pub tools: Vec<String>,
    /// What they cost the company a month together.
    pub monthly_cost: Money,
}

/// The duplicates report.
#[derive(Clone, Debug, Serialize)]
pub struct Duplicates {
    /// The day looked at, YYYY-MM-DD.
    pub as_of: String,
    /// The currency of every amount.
    pub base_currency: Currency,
    /// True when amounts include consumption tax.
    pub prices_include_tax: bool,
    /// The groups, biggest saving first.
    pub groups: Vec<Group>,
    /// What the company pays a month for products it holds more than once.
    pub duplicate_monthly_cost: Money,
    /// The saving a month over every group that saves.
    pub monthly_saving: Money,
    /// The same a year.
    pub yearly_saving: Money,
    /// Category overlaps, as questions.
    pub overlaps: Vec<Overlap>,
    /// The rates the amounts used.
    pub rates_used: Vec<Rate>,
}

/// The duplicates on `as_of`, from the store.
pub fn duplicates(store: &Store, as_of: NaiveDate) -> Result<Duplicates, ContractError> {
    let pricing = Pricing::load(store.conn())?;
    let held = contracts::load_held(store.conn(), &pricing)?;
    let plans = catalog::list_plans(store.conn())?;
    let tool_keys = tool_keys(store)?;
    Ok(compute(&held, &plans, &tool_keys, &pricing, as_of))
}

/// Tool name → integer key, to match plans to contracts.
fn tool_keys(store: &Store) -> rusqlite::Result<BTreeMap<String, i64>> {
    let mut stmt = store.conn().prepare("SELECT name, id FROM tools")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// The calculation, apart from the store.
pub fn compute(
    held: &[Held],
    plans: &[Plan],
    tool_keys: &BTreeMap<String, i64>,
    pricing: &Pricing,
    as_of: NaiveDate,
) -> Duplicates {
    let month = Month::of(as_of);
    let zero = pricing.zero();
    let money = |minor: i64| Money::new(zero.currency, minor);
    let mut by_tool: BTreeMap<i64, Vec<&Held>> = BTreeMap::new();
    for c in held.iter().filter(|c| c.held_on(as_of)) {
        by_tool.entry(c.tool_key).or_default().push(c);
    }
    let mut currencies = BTreeSet::new();
    let cost_now = |c: &Held| -> Option<i64> {
        if !c.paid_in(month) {
            return Some(0);
        }
        c.monthly.as_ref().ok().map(|m| m.minor)
    };

    let mut groups = Vec::new();
    for members in by_tool.values().filter(|m| m.len() >= 2) {
        let first = members[0];
        let mut company = 0i64;
        let mut staff = 0i64;
        let mut unpriced = 0u64;
        let mut seats = 0i64;
        let mut departments = BTreeSet::new();
        let mut rows = Vec::new();
        for c in members {
            seats = seats.saturating_add(c.seats);
            departments.insert(c.department.clone().unwrap_or_default());
            currencies.insert(c.currency);
            let now = cost_now(c);
            match now {
                None => unpriced += 1,
                Some(m) if c.account_kind.company_pays() => company = company.saturating_add(m),
                Some(m) => staff = staff.saturating_add(m),
            }
            rows.push(Member {
                id: c.id.clone(),
                department: c.department.clone(),
                account_kind: c.account_kind,
                plan: c.plan.clone(),
                seats: c.seats,
                status: c.status,
                monthly_cost_original: c.monthly_original,
                monthly_cost: now.map(money),
            });
        }
        // The cheapest shared plan of this product covering the seats.
        let choice = plans
            .iter()
            .filter(|p| tool_keys.get(&p.tool) == Some(&first.tool_key) && p.tier.is_shared())
            .filter_map(|p| {
                let price = p.price?;
                let billed = seats.max(p.min_seats);
                let cost = pricing
                    .monthly(Some(price.minor), price.currency, billed, p.billing, PriceKind::List)
                    .ok()?;
                Some((cost.minor, billed, p, price))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.name.cmp(&b.2.name)));
        let (plan, plan_cost, saving, verdict) = match choice {
            _ if unpriced > 0 => (
                None,
                None,
                0,
                format!(
                    "the price of {unpriced} of its contracts is not known; fill it in to compare"
                ),
            ),
            None => (
                None,
                None,
                0,
                "the catalogue has no team or enterprise plan with a published price for it"
                    .to_string(),
            ),
            Some((cost, billed, p, price)) => {
                currencies.insert(price.currency);
                let saving = company - cost;
                let verdict = if saving > 0 {
                    format!("one {} plan of {billed} seats saves {} a month", p.name, money(saving))
                } else if billed > seats {
                    format!(
                        "consolidating saves nothing: {} bills at least {} seats ({} a month)",
                        p.name,
                        p.min_seats,
                        money(cost)
                    )
                } else {
                    format!(
                        "consolidating saves nothing: {} for {billed} seats costs {} a month",
                        p.name,
                        money(cost)
                    )
                };
                let plan = PlanChoice {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    tier: p.tier,
                    billing: p.billing,
                    price,
                    min_seats: p.min_seats,
                    seats_billed: billed,
                    as_of: p.as_of.clone(),
                };
                (Some(plan), Some(money(cost)), saving.max(0), verdict)
            }
        };
        groups.push(Group {
            vendor: first.vendor.clone(),
            product: first.tool.clone(),
            contracts: rows,
            departments: departments.into_iter().collect(),
            seats,
            monthly_cost: money(company),
            staff_paid_monthly: money(staff),
            unpriced,
            plan,
            plan_monthly_cost: plan_cost,
            monthly_saving: money(saving),
            yearly_saving: money(saving.saturating_mul(12)),
            saves: saving > 0,
            verdict,
        });
    }
    groups.sort_by(|a, b| {
        b.monthly_saving
            .minor
            .cmp(&a.monthly_saving.minor)
            .then(b.monthly_cost.minor.cmp(&a.monthly_cost.minor))
            .then(a.product.cmp(&b.product))
    });

    // Category overlaps: per department, several tools of one category.
    let mut by_dept: BTreeMap<(String, String), BTreeMap<String, i64>> = BTreeMap::new();
    for c in held.iter().filter(|c| c.held_on(as_of)) {
        let Some(category) = c.category.clone().filter(|c| !c.is_empty() && c != "other") else {
            continue;
        };
        let cost = if c.account_kind.company_pays() { cost_now(c).unwrap_or(0) } else { 0 };
        let entry = by_dept
            .entry((c.department.clone().unwrap_or_default(), category))
            .or_default()
            .entry(c.tool.clone())
            .or_default();
        *entry = entry.saturating_add(cost);
    }
    let overlaps = by_dept
        .into_iter()
        .filter(|(_, tools)| tools.len() >= 2)
        .map(|((department, category), tools)| Overlap {
            department,
            category,
            monthly_cost: money(tools.values().fold(0i64, |a, v| a.saturating_add(*v))),
            tools: tools.into_keys().collect(),
        })
        .collect();

    let monthly_saving = groups.iter().fold(0i64, |a, g| a.saturating_add(g.monthly_saving.minor));
    Duplicates {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        base_currency: zero.currency,
        prices_include_tax: pricing.prices_include_tax,
        duplicate_monthly_cost: money(
            groups.iter().fold(0i64, |a, g| a.saturating_add(g.monthly_cost.minor)),
        ),
        monthly_saving: money(monthly_saving),
        yearly_saving: money(monthly_saving.saturating_mul(12)),
        groups,
        overlaps,
        rates_used: pricing.rates_for(currencies),
    }
}
