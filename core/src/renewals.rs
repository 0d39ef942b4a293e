//! Renewals and cancellation deadlines coming up, as a list and as an
//! `.ics` calendar file.
//!
//! Each contract's next renewal is listed (not every later one). A
//! contract that is active or on trial and has a renewal date renews
//! then. When it renews by itself and that date has passed, the next
//! renewal is found by stepping a billing period (a month or a year) at a
//! time. One that does not renew by itself, or that ends before the
//! renewal, has none. The cancellation deadline is the renewal date less
//! the notice period: after it, the next period is owed.

use chrono::{Months, NaiveDate};
use icalendar::{Calendar, Component, EventLike};
use serde::Serialize;

use crate::contracts::{self, ContractError, Held, Status};
use crate::money::Money;
use crate::pricing::{Billing, Pricing};
use crate::Store;

/// What falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// The contract renews (and the next period is charged).
    Renewal,
    /// The last day to give notice before the renewal.
    CancellationDeadline,
}

/// One date falling due.
#[derive(Clone, Debug, Serialize)]
pub struct Due {
    /// The contract's id.
    pub contract: String,
    /// Its tool.
    pub tool: String,
    /// Its plan.
    pub plan: Option<String>,
    /// Its department.
    pub department: Option<String>,
    /// What falls due.
    pub kind: DueKind,
    /// When, YYYY-MM-DD.
    pub date: String,
    /// Days from the day looked at.
    pub days_left: i64,
    /// The renewal this belongs to, YYYY-MM-DD.
    pub renewal_date: String,
    /// Renews by itself.
    pub auto_renew: bool,
    /// Days of notice.
    pub notice_days: i64,
    /// Seats.
    pub seats: i64,
    /// What it costs a month in the base currency, when known.
    pub monthly_cost: Option<Money>,
}

/// Renewals and deadlines due from `as_of` to `until`.
#[derive(Clone, Debug, Serialize)]
pub struct Renewals {
    /// The first day, YYYY-MM-DD.
    pub as_of: String,
    /// The last day, YYYY-MM-DD.
    pub until: String,
    /// Days ahead.
    pub within_days: u32,
    /// The dates, soonest first.
    pub items: Vec<Due>,
}

/// The most days ahead a list covers (two years).
pub const MAX_DAYS: u32 = 730;

/// The next renewal of `c` on or after `day`, if it has one.
pub fn next_renewal(c: &Held, day: NaiveDate) -> Option<NaiveDate> {
    next_renewal_of(c.status, c.renewal, c.billing, c.auto_renew, c.end, day)
}

/// The next renewal on or after `day` of a contract with these terms: its
/// stored renewal date, stepped forward by its billing period while it
/// has passed and the contract renews by itself; none for a contract
/// cancelled or ended, or ending before it.
pub fn next_renewal_of(
    status: Status,
    renewal: Option<NaiveDate>,
    billing: Billing,
    auto_renew: bool,
    end: Option<NaiveDate>,
    day: NaiveDate,
) -> Option<NaiveDate> {
    if !matches!(status, Status::Active | Status::Trial) {
        return None;
    }
    let mut renewal = renewal?;
    let step = match billing {
        Billing::Monthly => Months::new(1),
        Billing::Annual => Months::new(12),
    };
    let mut steps = 0;
    while renewal < day {
        if !auto_renew || steps > 1200 {
            return None;
        }
        renewal = renewal.checked_add_months(step)?;
        steps += 1;
    }
    if end.is_some_and(|end| end < renewal) {
        return None;
    }
    Some(renewal)
}

/// The renewals and deadlines of the store's contracts within `days` of `as_of`.
pub fn renewals(store: &Store, days: u32, as_of: NaiveDate) -> Result<Renewals, ContractError> {
    let pricing = Pricing::load(store.conn())?;
    let held = contracts::load_held(store.conn(), &pricing)?;
    Ok(compute(&held, days, as_of))
}

/// The calculation, apart from the store.
pub fn compute(held: &[Held], days: u32, as_of: NaiveDate) -> Renewals {
    let days = days.min(MAX_DAYS);
    let until = as_of + chrono::Duration::days(days as i64);
    let mut items = Vec::new();
    for c in held {
        // The next renewal on or after the day; its deadline is listed
        // too when it falls in the window.
        let Some(renewal) = next_renewal(c, as_of) else { continue };
        let deadline = renewal - chrono::Duration::days(c.notice_days);
        let mut push = |kind, date: NaiveDate| {
            if as_of <= date && date <= until {
                items.push(Due {
                    contract: c.id.clone(),
                    tool: c.tool.clone(),
                    plan: c.plan.clone(),
                    department: c.department.clone(),
                    kind,
                    date: date.format("%Y-%m-%d").to_string(),
                    days_left: (date - as_of).num_days(),
                    renewal_date: renewal.format("%Y-%m-%d").to_string(),
                    auto_renew: c.auto_renew,
                    notice_days: c.notice_days,
                    seats: c.seats,
                    monthly_cost: c.monthly.ok(),
                });
            }
        };
        if c.notice_days > 0 {
            push(DueKind::CancellationDeadline, deadline);
        }
        push(DueKind::Renewal, renewal);
    }
    items.sort_by(|a, b| {
        a.date.cmp(&b.date).then(a.tool.cmp(&b.tool)).then(a.contract.cmp(&b.contract))
    });
    Renewals {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        until: until.format("%Y-%m-%d").to_string(),
        within_days: days,
        items,
    }
}

/// The list as an iCalendar file: one all-day event per date, with a
/// stable UID per contract and date, so importing a newer file updates
/// the events instead of doubling them.
pub fn to_ics(renewals: &Renewals, ja: bool) -> String {
    let mut calendar = Calendar::new();
    calendar.name(if ja { "AI Oversight 契約更新" } else { "AI Oversight renewals" });
    for item in &renewals.items {
        let Ok(date) = NaiveDate::parse_from_str(&item.date, "%Y-%m-%d") else { continue };
        let what = match &item.plan {
            Some(plan) => format!("{} {plan}", item.tool),
            None => item.tool.clone(),
        };
        // Names stored before control characters were taken out of them
        // (contracts::check) could hold a line break; a calendar's text
        // value may not.
        let flat =
            |t: &str| t.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
        let what = flat(&what);
        let dept = flat(&item.department.clone().unwrap_or_default());
        let summary = match (item.kind, ja) {
            (DueKind::Renewal, false) => format!("Renewal: {what}"),
            (DueKind::Renewal, true) => format!("契約更新: {what}"),
            (DueKind::CancellationDeadline, false) => format!("Last day to cancel: {what}"),
            (DueKind::CancellationDeadline, true) => format!("解約通知の期限: {what}"),
        };
        let cost = item.monthly_cost.map(|m| m.to_string()).unwrap_or_else(|| "?".into());
        let description = if ja {
            format!(
                "部署: {dept}\n席数: {}\n月額: {cost}\n更新日: {}\n解約通知: {} 日前",
                item.seats, item.renewal_date, item.notice_days
            )
        } else {
            format!(
                "Department: {dept}\nSeats: {}\nMonthly: {cost}\nRenews: {}\nNotice: {} days",
                item.seats, item.renewal_date, item.notice_days
            )
        };
        let kind = match item.kind {
            DueKind::Renewal => "renewal",
            DueKind::CancellationDeadline => "deadline",
        };
        calendar.push(
            icalendar::Event::new()
                .uid(&format!("{}-{kind}-{}@ai-oversight", item.contract, item.renewal_date))
                .summary(&summary)
                .description(&description)
                .all_day(date)
                .done(),
        );
    }
    calendar.done().to_string()
}
