//! Contracts: what the company (or its people) subscribe to.
//!
//! A contract is one subscription: a tool and plan, the department that
//! holds it, how it is paid (a company contract, a personal plan paid
//! back as an expense, or a personal plan the company does not pay), its
//! seats and price, its dates and status. Contracts come in three ways:
//! typed into the window's form (or `contracts add`), imported from a
//! file ([`import`]), or confirmed from a survey answer ([`survey`]).
//!
//! Every way in goes through [`check`], which reads the typed text of a
//! [`ContractInput`] and returns every problem at once, each naming its
//! field, so a form can mark them and an import can report them per row.
//!
//! When a contract counts: a trial costs nothing; an active or ended
//! contract counts from the month of its start to the month of its end
//! (open-ended without an end date); a cancelled one counts only up to an
//! end date it was given, and nowhere without one. A month counts whole:
//! there is no proration by day. Personal plans that the company does not
//! pay back are contracts (they show who would move to a team plan) but
//! not company spend.

pub mod import;
pub mod survey;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::catalog::{self, nfkc};
use crate::money::{Currency, Money};
use crate::pricing::{Billing, PriceKind, Pricing, Unpriced};
use crate::survey::values::{self, fold, PaymentKind};
use crate::Store;

/// Errors of contracts.
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    /// The typed contract has problems; each names its field.
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// No contract has that id.
    #[error("no contract has the id {0}")]
    NotFound(String),
    /// A file could not be read.
    #[error(transparent)]
    File(#[from] crate::survey::SurveyError),
    /// The catalogue refused.
    #[error(transparent)]
    Catalog(#[from] catalog::CatalogError),
    /// Settings could not be read.
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// One problem with one field of a typed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field, as [`ContractInput`] names it.
    pub field: &'static str,
    /// The text that was typed.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}: {}", self.field, self.reason)
        } else {
            write!(f, "{}: '{}' {}", self.field, self.value, self.reason)
        }
    }
}

/// Who pays for a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A company contract.
    Company,
    /// A personal plan paid back as an expense.
    Expense,
    /// A personal plan the company does not pay.
    Personal,
}

impl AccountKind {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AccountKind::Company => "company",
            AccountKind::Expense => "expense",
            AccountKind::Personal => "personal",
        }
    }

    /// Reads the stored name ([`AccountKind::as_str`]); a name this build
    /// does not know reads as a company contract.
    fn from_stored(name: &str) -> AccountKind {
        match name {
            "expense" => AccountKind::Expense,
            "personal" => AccountKind::Personal,
            _ => AccountKind::Company,
        }
    }

    /// Reads a stored code or a phrase ("会社契約", "経費精算", "自己負担").
    pub fn parse(text: &str) -> Option<AccountKind> {
        match values::parse_payment(text)? {
            PaymentKind::Company => Some(AccountKind::Company),
            PaymentKind::Expense => Some(AccountKind::Expense),
            PaymentKind::Personal => Some(AccountKind::Personal),
            PaymentKind::Free | PaymentKind::Other => None,
        }
    }

    /// True when the company pays: company contracts and expensed plans.
    pub fn company_pays(&self) -> bool {
        !matches!(self, AccountKind::Personal)
    }
}

/// Where a contract stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On trial: costs nothing.
    Trial,
    /// Running and paid.
    Active,
    /// Cancelled: counts only up to its end date.
    Cancelled,
    /// Ran its course: counts from start to end.
    Ended,
}

impl Status {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Trial => "trial",
            Status::Active => "active",
            Status::Cancelled => "cancelled",
            Status::Ended => "ended",
        }
    }

    /// Reads a stored name, in English or Japanese.
    pub fn parse(text: &str) -> Option<Status> {
        match fold(text).as_str() {
            "trial" | "trialing" | "試用" | "試用中" | "トライアル" | "お試し" => {
                Some(Status::Trial)
            }
            "active" | "in use" | "利用中" | "契約中" | "有効" | "稼働中" => {
                Some(Status::Active)
            }
            "cancelled" | "canceled" | "cancel" | "解約" | "解約済" | "解約済み" | "キャンセル" => {
                Some(Status::Cancelled)
            }
            "ended" | "expired" | "終了" | "満了" | "期限切れ" => Some(Status::Ended),
            _ => None,
        }
    }
}

/// How a contract came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Typed into the form or `contracts add`.
    Typed,
    /// A row of an imported file.
    Import,
    /// Confirmed from a survey answer.
    Survey,
}

impl Source {
    fn as_str(&self) -> &'static str {
        match self {
            Source::Typed => "typed",
            Source::Import => "import",
            Source::Survey => "survey",
        }
    }

    fn parse(text: &str) -> Source {
        match text {
            "import" => Source::Import,
            "survey" => Source::Survey,
            _ => Source::Typed,
        }
    }
}

/// A contract as typed: every field is text, as in the form and in an
/// imported row. Blank fields take the defaults [`check`] states.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractInput {
    /// The tool: its name, an alias or its id. Required.
    pub tool: String,
    /// The plan's name; blank for none.
    pub plan: String,
    /// The department's name; blank for none.
    pub department: String,
    /// company, expense or personal (or a phrase); blank: company.
    pub account_kind: String,
    /// Seats, a whole number from 1; blank: 1.
    pub seats: String,
    /// Price per seat per billing period ("30", "$30", "4,497円", "無料");
    /// blank: unknown, never zero.
    pub unit_price: String,
    /// ISO 4217 code; blank: the price's own symbol, else the plan's
    /// currency, else the base currency.
    pub currency: String,
    /// monthly or annual; blank: the plan's billing, else monthly.
    pub billing: String,
    /// YYYY-MM-DD; blank: unknown (counts from before any month shown).
    pub start_date: String,
    /// YYYY-MM-DD, the next renewal; blank for none.
    pub renewal_date: String,
    /// YYYY-MM-DD, the last day; blank for open-ended.
    pub end_date: String,
    /// yes or no; blank: yes.
    pub auto_renew: String,
    /// Days of notice before the renewal; blank: 0.
    pub notice_days: String,
    /// trial, active, cancelled or ended; blank: active.
    pub status: String,
    /// Who looks after it.
    pub owner: String,
    /// A note.
    pub note: String,
}

/// A contract that passed [`check`], ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    tool_id: Option<i64>,
    /// The tool's name as typed when it is not in the catalogue yet.
    new_tool: Option<String>,
    plan_id: Option<i64>,
    department: Option<String>,
    account_kind: AccountKind,
    seats: i64,
    unit_price_minor: Option<i64>,
    currency: Currency,
    billing: Billing,
    start_date: Option<NaiveDate>,
    renewal_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    auto_renew: bool,
    notice_days: i64,
    status: Status,
    owner: String,
    note: String,
}

/// A stored contract, as every view and `contracts list --json` show it.
#[derive(Clone, Debug, Serialize)]
pub struct Contract {
    /// Its id (UUID).
    pub id: String,
    /// The tool's name.
    pub tool: String,
    /// The tool's vendor.
    pub vendor: Option<String>,
    /// The plan's name, if one was given.
    pub plan: Option<String>,
    /// The department's name, if one was given.
    pub department: Option<String>,
    /// Who pays.
    pub account_kind: AccountKind,
    /// Seats.
    pub seats: i64,
    /// Price per seat per billing period; `None` when unknown.
    pub unit_price: Option<Money>,
    /// The currency of the price.
    pub currency: Currency,
    /// What the price covers.
    pub billing: Billing,
    /// YYYY-MM-DD.
    pub start_date: Option<String>,
    /// YYYY-MM-DD, as entered.
    pub renewal_date: Option<String>,
    /// The next renewal from today, YYYY-MM-DD: the entered date stepped
    /// forward by the billing period while it has passed, when it renews
    /// by itself; `None` when it will not renew (see
    /// [`crate::renewals::next_renewal_of`]).
    pub next_renewal: Option<String>,
    /// YYYY-MM-DD.
    pub end_date: Option<String>,
    /// Renews by itself unless cancelled.
    pub auto_renew: bool,
    /// Days of notice before the renewal.
    pub notice_days: i64,
    /// Where it stands.
    pub status: Status,
    /// Who looks after it.
    pub owner: String,
    /// A note.
    pub note: String,
    /// How it came in.
    pub source: Source,
    /// The row of the imported file it came from.
    pub source_row: Option<i64>,
    /// What it costs a month in its own currency (seats × price, ÷ 12
    /// when annual); `None` when the price is unknown.
    pub monthly_cost: Option<Money>,
    /// The same in the base currency, as of today's status; `None` when
    /// the price or the rate is unknown.
    pub monthly_cost_base: Option<Money>,
    /// Why `monthly_cost_base` is missing.
    pub unpriced: Option<String>,
    /// When it was stored and last changed.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
}

fn problem(field: &'static str, value: &str, reason: impl Into<String>) -> Problem {
    Problem { field, value: value.trim().to_string(), reason: reason.into() }
}

/// The longest name (tool, plan, department, owner) a contract takes.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest note a contract takes.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// Reads a date as people write one in a contract: 2026-04-01,
/// 2026/4/1, 2026.4.1, 2026年4月1日, an ISO date-time (as workbook dates
/// are read), or an Excel serial day number. Day-first and month-first
/// forms are refused rather than guessed.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = nfkc(text.trim());
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 6 {
        // A workbook date stored as a serial day number (1900 system).
        let serial: i64 = t.parse().map_err(|_| "is not a date".to_string())?;
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
        return epoch
            .checked_add_signed(chrono::Duration::days(serial))
            .filter(|d| (1990..=2200).contains(&d.year()))
            .map(Some)
            .ok_or_else(|| "is not a date (write YYYY-MM-DD)".to_string());
    }
    // A Japanese era year: 令和8年 is 2026, 令和元年 2019, 平成31年 2019.
    let mut t = t.to_string();
    for (era, before_first) in [("令和", 2018), ("平成", 1988)] {
        if let Some(rest) = t.strip_prefix(era) {
            let (year, rest) = rest
                .split_once('年')
                .ok_or_else(|| format!("is not a date: {era} without a year (write YYYY-MM-DD)"))?;
            let year: i32 = if year == "元" {
                1
            } else {
                year.trim()
                    .parse()
                    .map_err(|_| format!("is not a date: '{year}年' is not a year"))?
            };
            t = format!("{}年{rest}", before_first + year);
            break;
        }
    }
    let t = t.trim_end_matches('日').replace(['年', '月', '/', '.'], "-");
    let parts: Vec<&str> = t.split('-').collect();
    let bad = || "is not a date (write YYYY-MM-DD, e.g. 2026-04-01)".to_string();
    if parts.len() != 3 {
        return Err(bad());
    }
    let n = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (year, month, day) = if parts[0].len() == 4 {
        (n(parts[0])?, n(parts[1])?, n(parts[2])?)
    } else if parts[2].len() == 4 {
        // Day and month first, in an order only the numbers can tell.
        let (a, b, year) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
        match (a, b) {
            (a, b) if a > 12 && b <= 12 => (year, b, a),
            (a, b) if b > 12 && a <= 12 => (year, a, b),
            (a, b) if a == b => (year, a, b),
            (a, b) if a <= 12 && b <= 12 => {
                return Err(format!(
                    "could be day {a} of month {b} or month {a}, day {b}; write YYYY-MM-DD \
                     ({year}-{b:02}-{a:02} or {year}-{a:02}-{b:02})"
                ))
            }
            _ => return Err(bad()),
        }
    } else {
        return Err(bad());
    };
    if !(1990..=2200).contains(&year) {
        return Err(format!("is in the year {year}; give a year from 1990 to 2200"));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| "is not a day of the calendar".to_string())
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "yes" | "y" | "true" | "1" | "on" | "はい" | "有" | "あり" | "する" | "自動更新" => {
            Some(true)
        }
        "no" | "n" | "false" | "0" | "off" | "いいえ" | "無" | "なし" | "しない" => {
            Some(false)
        }
        _ => None,
    }
}

/// A whole number from `text`, allowing full-width digits, separators and
/// a unit word ("5席", "30日", "30 days").
fn parse_count(text: &str, units: &[&str]) -> Option<i64> {
    let mut t = nfkc(text).trim().to_lowercase().replace(',', "");
    for unit in units {
        if let Some(stripped) = t.strip_suffix(unit) {
            t = stripped.trim().to_string();
            break;
        }
    }
    t.parse().ok()
}

/// `text` on one line: control characters (line breaks included) become
/// spaces, and runs of spaces one. Names are shown in tables, exported to
/// CSV and calendar files, and printed by the CLI, where a line break in
/// a department's name would break the line.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with line breaks as "\n" and no other control character but tabs.
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}

impl ContractInput {
    /// The input with control characters out of its text (see
    /// [`one_line`]); the note keeps its line breaks.
    fn cleaned(&self) -> ContractInput {
        let mut c = self.clone();
        for field in [
            &mut c.tool,
            &mut c.plan,
            &mut c.department,
            &mut c.account_kind,
            &mut c.seats,
            &mut c.unit_price,
            &mut c.currency,
            &mut c.billing,
            &mut c.start_date,
            &mut c.renewal_date,
            &mut c.end_date,
            &mut c.auto_renew,
            &mut c.notice_days,
            &mut c.status,
            &mut c.owner,
        ] {
            *field = one_line(field);
        }
        c.note = lines(&c.note);
        c
    }
}

/// Checks a typed contract against the catalogue, returning every
/// problem at once. Does not write. Control characters are taken out of
/// the text first (see [`ContractInput::cleaned`]).
pub fn check(conn: &Connection, input: &ContractInput) -> Result<Checked, Vec<Problem>> {
    let input = &input.cleaned();
    let mut problems = Vec::new();
    let tool_text = input.tool.trim();
    let tool_id = match catalog::tool_key(conn, tool_text) {
        _ if tool_text.is_empty() => {
            problems.push(problem("tool", "", "is required: which tool is this contract for?"));
            None
        }
        Ok(id) => id,
        Err(e) => {
            problems.push(problem("tool", tool_text, e.to_string()));
            None
        }
    };
    let new_tool = (tool_id.is_none() && !tool_text.is_empty()).then(|| tool_text.to_string());

    // The plan, looked up among the tool's plans by folded name.
    let mut plan: Option<(i64, Currency, Billing)> = None;
    let plan_text = input.plan.trim();
    if !plan_text.is_empty() {
        if let Some(tool_id) = tool_id {
            match find_plan(conn, tool_id, plan_text) {
                Ok(Ok(p)) => plan = Some(p),
                Ok(Err(names)) => problems.push(problem(
                    "plan",
                    plan_text,
                    format!("is not a plan of {tool_text} (its plans: {})", names.join(", ")),
                )),
                Err(e) => problems.push(problem("plan", plan_text, e.to_string())),
            }
        } else if let Some(tool) = &new_tool {
            problems.push(problem(
                "plan",
                plan_text,
                format!(
                    "cannot be looked up: {tool} is not in the catalogue, so it has no plans yet; \
                     leave the plan blank, or add {tool} and its plans in the Catalogue first"
                ),
            ));
        }
    }

    let account_kind = match input.account_kind.trim() {
        "" => AccountKind::Company,
        t => AccountKind::parse(t).unwrap_or_else(|| {
            problems.push(problem(
                "account_kind",
                t,
                "is not company, expense (personal, paid back) or personal (not paid back)",
            ));
            AccountKind::Company
        }),
    };

    let seats = match input.seats.trim() {
        "" => 1,
        t => match parse_count(t, &["seats", "seat", "席", "ライセンス", "人", "名", "users"])
        {
            Some(n @ 1..=1_000_000) => n,
            Some(n) if n < 1 => {
                problems.push(problem("seats", t, "must be 1 or more"));
                1
            }
            _ if t.chars().all(|c| c.is_ascii_digit() || c == ',') => {
                problems.push(problem("seats", t, "is more than 1,000,000 seats"));
                1
            }
            _ => {
                problems.push(problem("seats", t, "is not a whole number of seats"));
                1
            }
        },
    };

    let billing = match input.billing.trim() {
        "" => plan.map_or(Billing::Monthly, |p| p.2),
        t => Billing::parse(t).unwrap_or_else(|| {
            problems.push(problem("billing", t, "is not monthly or annual"));
            Billing::Monthly
        }),
    };

    let given_currency = match input.currency.trim() {
        "" => None,
        t => match Currency::parse(t) {
            Ok(c) => Some(c),
            Err(_) => {
                problems.push(problem(
                    "currency",
                    t,
                    "is not a currency code this app knows (e.g. JPY, USD, EUR)",
                ));
                None
            }
        },
    };
    let base = crate::settings::base_currency(conn).unwrap_or(Currency::JPY);
    let fallback = given_currency.or(plan.map(|p| p.1)).unwrap_or(base);
    let price_text = input.unit_price.trim();
    let (unit_price_minor, currency) = match values::parse_money(price_text, fallback) {
        Ok(None) => (None, fallback),
        Ok(Some(m)) => {
            if let Some(c) = given_currency.filter(|&c| c != m.currency) {
                problems.push(problem(
                    "unit_price",
                    price_text,
                    format!("is in {}, but the currency says {c}", m.currency),
                ));
            }
            (Some(m.minor), m.currency)
        }
        Err(e) => {
            problems.push(problem("unit_price", price_text, e.to_string()));
            (None, fallback)
        }
    };

    let mut date = |field: &'static str, text: &str| match parse_date(text) {
        Ok(d) => d,
        Err(reason) => {
            problems.push(problem(field, text, reason));
            None
        }
    };
    let start_date = date("start_date", &input.start_date);
    let renewal_date = date("renewal_date", &input.renewal_date);
    let end_date = date("end_date", &input.end_date);
    if let (Some(start), Some(renewal)) = (start_date, renewal_date) {
        if renewal < start {
            problems.push(problem(
                "renewal_date",
                &input.renewal_date,
                format!("is before the start ({start})"),
            ));
        }
    }
    if let (Some(start), Some(end)) = (start_date, end_date) {
        if end < start {
            problems.push(problem(
                "end_date",
                &input.end_date,
                format!("is before the start ({start})"),
            ));
        }
    }

    let auto_renew = match input.auto_renew.trim() {
        "" => true,
        t => parse_yes_no(t).unwrap_or_else(|| {
            problems.push(problem("auto_renew", t, "is not yes or no"));
            true
        }),
    };
    let notice_days = match input.notice_days.trim() {
        "" => 0,
        t => match parse_count(t, &["days", "day", "日前", "日"]) {
            Some(n @ 0..=3650) => n,
            _ => {
                problems.push(problem("notice_days", t, "is not a number of days from 0"));
                0
            }
        },
    };
    let status = match input.status.trim() {
        "" => Status::Active,
        t => Status::parse(t).unwrap_or_else(|| {
            problems.push(problem("status", t, "is not trial, active, cancelled or ended"));
            Status::Active
        }),
    };
    let department = Some(input.department.trim()).filter(|d| !d.is_empty()).map(str::to_string);
    for (field, text, max) in [
        ("tool", &input.tool, MAX_NAME_CHARS),
        ("plan", &input.plan, MAX_NAME_CHARS),
        ("department", &input.department, MAX_NAME_CHARS),
        ("owner", &input.owner, MAX_NAME_CHARS),
        ("note", &input.note, MAX_NOTE_CHARS),
    ] {
        let chars = text.trim().chars().count();
        if chars > max {
            problems.retain(|p| p.field != field);
            let start: String = text.trim().chars().take(40).collect();
            problems.push(problem(
                field,
                &format!("{start}…"),
                format!("is {chars} characters long; at most {max} are kept"),
            ));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Checked {
        tool_id,
        new_tool,
        plan_id: plan.map(|p| p.0),
        department,
        account_kind,
        seats,
        unit_price_minor,
        currency,
        billing,
        start_date,
        renewal_date,
        end_date,
        auto_renew,
        notice_days,
        status,
        owner: input.owner.trim().to_string(),
        note: input.note.trim().to_string(),
    })
}

/// The plan of `tool_id` named `typed`: Ok(plan) or Err(the tool's plan names).
fn find_plan(
    conn: &Connection,
    tool_id: i64,
    typed: &str,
) -> rusqlite::Result<Result<(i64, Currency, Billing), Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, currency, billing FROM plans WHERE tool_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![tool_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    // Compared without case, width or extra spaces, but with the words in
    // brackets: "Business (monthly)" and "Business (annual)" are two plans.
    let key = |s: &str| nfkc(s).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut names = Vec::new();
    let want = key(typed);
    for row in rows {
        let (id, name, currency, billing) = row?;
        if key(&name) == want {
            let currency = Currency::parse(&currency).unwrap_or(Currency::JPY);
            return Ok(Ok((id, currency, Billing::parse(&billing).unwrap_or(Billing::Monthly))));
        }
        names.push(name);
    }
    Ok(Err(names))
}

/// The id of the department named `name` (compared folded), made if new.
pub(crate) fn department_key(tx: &Transaction, name: &str) -> rusqlite::Result<i64> {
    let want = fold(name);
    let mut stmt = tx.prepare_cached("SELECT id, name FROM departments")?;
    let found = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(Result::ok)
        .find(|(_, n)| fold(n) == want)
        .map(|(id, _)| id);
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO departments (uid, name) VALUES (?1, ?2)",
        params![crate::store::new_id(), name.trim()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The id of the tool a checked contract names, adding a new tool to the
/// catalogue when it named one not there yet.
fn tool_id_for(tx: &Transaction, checked: &Checked) -> rusqlite::Result<i64> {
    if let Some(id) = checked.tool_id {
        return Ok(id);
    }
    let name = checked.new_tool.as_deref().unwrap_or("?");
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM tools WHERE name = ?1", params![name], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO tools (uid, name, in_catalog) VALUES (?1, ?2, 1)",
        params![crate::store::new_id(), name],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Where a stored contract came from, for [`insert`].
pub(crate) struct Origin<'a> {
    pub source: Source,
    pub batch_id: Option<i64>,
    pub source_row: Option<i64>,
    pub fingerprint: Option<&'a [u8]>,
    pub response_id: Option<i64>,
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Stores a checked contract; `None` when its fingerprint is already
/// stored (the same imported row). Returns the new contract's id.
pub(crate) fn insert(
    tx: &Transaction,
    checked: &Checked,
    origin: &Origin,
) -> rusqlite::Result<Option<String>> {
    let tool_id = tool_id_for(tx, checked)?;
    let department_id = match &checked.department {
        Some(name) => Some(department_key(tx, name)?),
        None => None,
    };
    let uid = crate::store::new_id();
    let stamp = now();
    let n = tx.execute(
        "INSERT INTO contracts (uid, tool_id, plan_id, department_id, account_kind, seats,
             unit_price_minor, currency, billing, start_date, renewal_date, end_date, auto_renew,
             notice_days, status, owner, note, source, batch_id, source_row, fingerprint,
             response_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?23)
         ON CONFLICT (fingerprint) DO NOTHING",
        params![
            uid,
            tool_id,
            checked.plan_id,
            department_id,
            checked.account_kind.as_str(),
            checked.seats,
            checked.unit_price_minor,
            checked.currency.code(),
            checked.billing.as_str(),
            day(checked.start_date),
            day(checked.renewal_date),
            day(checked.end_date),
            checked.auto_renew,
            checked.notice_days,
            checked.status.as_str(),
            checked.owner,
            checked.note,
            origin.source.as_str(),
            origin.batch_id,
            origin.source_row,
            origin.fingerprint,
            origin.response_id,
            stamp,
        ],
    )?;
    Ok((n == 1).then_some(uid))
}

/// Checks and stores a contract typed into the form or the CLI.
pub fn add(store: &mut Store, input: &ContractInput) -> Result<Contract, ContractError> {
    let checked = check(store.conn(), input).map_err(ContractError::Invalid)?;
    let origin = Origin {
        source: Source::Typed,
        batch_id: None,
        source_row: None,
        fingerprint: None,
        response_id: None,
    };
    let id = store.write(|tx| insert(tx, &checked, &origin))?;
    let id = id.ok_or_else(|| ContractError::NotFound("(a typed contract)".into()))?;
    get(store, &id)
}

/// Checks and changes the contract `id`; its source stays as it was.
pub fn update(
    store: &mut Store,
    id: &str,
    input: &ContractInput,
) -> Result<Contract, ContractError> {
    let checked = check(store.conn(), input).map_err(ContractError::Invalid)?;
    let n = store.write(|tx| {
        let tool_id = tool_id_for(tx, &checked)?;
        let department_id = match &checked.department {
            Some(name) => Some(department_key(tx, name)?),
            None => None,
        };
        tx.execute(
            "UPDATE contracts SET tool_id = ?2, plan_id = ?3, department_id = ?4,
                 account_kind = ?5, seats = ?6, unit_price_minor = ?7, currency = ?8,
                 billing = ?9, start_date = ?10, renewal_date = ?11, end_date = ?12,
                 auto_renew = ?13, notice_days = ?14, status = ?15, owner = ?16, note = ?17,
                 updated_at = ?18
             WHERE uid = ?1 AND deleted_at IS NULL",
            params![
                id,
                tool_id,
                checked.plan_id,
                department_id,
                checked.account_kind.as_str(),
                checked.seats,
                checked.unit_price_minor,
                checked.currency.code(),
                checked.billing.as_str(),
                day(checked.start_date),
                day(checked.renewal_date),
                day(checked.end_date),
                checked.auto_renew,
                checked.notice_days,
                checked.status.as_str(),
                checked.owner,
                checked.note,
                now(),
            ],
        )
    })?;
    if n == 0 {
        return Err(ContractError::NotFound(id.to_string()));
    }
    get(store, id)
}

/// Moves the contract `id` to the trash.
pub fn delete(store: &mut Store, id: &str) -> Result<(), ContractError> {
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE contracts SET deleted_at = ?2 WHERE uid = ?1 AND deleted_at IS NULL",
            params![id, now()],
        )
    })?;
    if n == 0 {
        return Err(ContractError::NotFound(id.to_string()));
    }
    Ok(())
}

const COLUMNS: &str = "c.uid, t.name, t.vendor, p.name, d.name, c.account_kind, c.seats,
    c.unit_price_minor, c.currency, c.billing, c.start_date, c.renewal_date, c.end_date,
    c.auto_renew, c.notice_days, c.status, c.owner, c.note, c.source, c.source_row,
    c.created_at, c.updated_at";

const FROM: &str = "FROM contracts c JOIN tools t ON t.id = c.tool_id
    LEFT JOIN plans p ON p.id = c.plan_id LEFT JOIN departments d ON d.id = c.department_id";

fn contract_from_row(r: &rusqlite::Row, pricing: &Pricing) -> rusqlite::Result<Contract> {
    let currency = Currency::parse(&r.get::<_, String>(8)?).unwrap_or(pricing.base);
    let billing = Billing::parse(&r.get::<_, String>(9)?).unwrap_or(Billing::Monthly);
    let seats: i64 = r.get(6)?;
    let unit: Option<i64> = r.get(7)?;
    let status = Status::parse(&r.get::<_, String>(15)?).unwrap_or(Status::Active);
    let base = pricing.monthly(unit, currency, seats, billing, PriceKind::Contract);
    Ok(Contract {
        id: r.get(0)?,
        tool: r.get(1)?,
        vendor: r.get(2)?,
        plan: r.get(3)?,
        department: r.get(4)?,
        account_kind: AccountKind::from_stored(r.get_ref(5)?.as_str()?),
        seats,
        unit_price: unit.map(|m| Money::new(currency, m)),
        currency,
        billing,
        start_date: r.get(10)?,
        next_renewal: {
            let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(r.get::<_, Option<String>>(i)?
                    .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
            };
            crate::renewals::next_renewal_of(
                status,
                date(11)?,
                billing,
                r.get(13)?,
                date(12)?,
                chrono::Local::now().date_naive(),
            )
            .map(|d| d.format("%Y-%m-%d").to_string())
        },
        renewal_date: r.get(11)?,
        end_date: r.get(12)?,
        auto_renew: r.get(13)?,
        notice_days: r.get(14)?,
        status,
        owner: r.get(16)?,
        note: r.get(17)?,
        source: Source::parse(&r.get::<_, String>(18)?),
        source_row: r.get(19)?,
        monthly_cost: unit.and_then(|u| Pricing::monthly_original(u, currency, seats, billing)),
        unpriced: base.as_ref().err().map(|e| e.to_string()),
        monthly_cost_base: base.ok(),
        created_at: r.get(20)?,
        updated_at: r.get(21)?,
    })
}

/// One contract by id (also one in the trash).
pub fn get(store: &Store, id: &str) -> Result<Contract, ContractError> {
    let pricing = Pricing::load(store.conn())?;
    store
        .conn()
        .query_row(&format!("SELECT {COLUMNS} {FROM} WHERE c.uid = ?1"), params![id], |r| {
            contract_from_row(r, &pricing)
        })
        .optional()?
        .ok_or_else(|| ContractError::NotFound(id.to_string()))
}

/// Every contract not in the trash: by tool, then department.
pub fn list(store: &Store) -> Result<Vec<Contract>, ContractError> {
    let pricing = Pricing::load(store.conn())?;
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} {FROM} WHERE c.deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE, d.name, c.start_date, c.id"
    ))?;
    let rows = stmt.query_map([], |r| contract_from_row(r, &pricing))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A month, `YYYY-MM`, as a count of months since year 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    /// The month a day falls in.
    pub fn of(d: NaiveDate) -> Month {
        Month(d.year() * 12 + d.month0() as i32)
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        ((1..=12).contains(&m) && (1900..=9999).contains(&y) && text.trim().len() == 7)
            .then(|| Month(y * 12 + m as i32 - 1))
    }

    /// The following month.
    pub fn next(self) -> Month {
        Month(self.0 + 1)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.0.div_euclid(12), self.0.rem_euclid(12) + 1)
    }
}

/// A contract reduced to what the counting views need, loaded in one
/// query for spend, duplicates, renewals and ROI.
///
/// [`Contract`] is the same row as the list, the form and the CLI show it
/// (dates as text, owner, note, where it came from); this one carries the
/// keys and parsed dates the calculations use instead. Both price the
/// contract through [`Pricing::monthly`] and read who pays through one
/// function, so they cannot disagree.
#[derive(Clone, Debug)]
pub struct Held {
    /// The contract's id.
    pub id: String,
    /// The tool's integer key.
    pub tool_key: i64,
    /// The tool's name.
    pub tool: String,
    /// The tool's vendor.
    pub vendor: Option<String>,
    /// The tool's category.
    pub category: Option<String>,
    /// The plan's name.
    pub plan: Option<String>,
    /// The department's integer key.
    pub department_key: Option<i64>,
    /// The department's name.
    pub department: Option<String>,
    /// Who pays.
    pub account_kind: AccountKind,
    /// Seats.
    pub seats: i64,
    /// What it costs a month in the base currency when active.
    pub monthly: Result<Money, Unpriced>,
    /// What it costs a month in its own currency.
    pub monthly_original: Option<Money>,
    /// Its currency.
    pub currency: Currency,
    /// What its price covers.
    pub billing: Billing,
    /// Its first day.
    pub start: Option<NaiveDate>,
    /// Its next renewal.
    pub renewal: Option<NaiveDate>,
    /// Its last day.
    pub end: Option<NaiveDate>,
    /// Renews by itself.
    pub auto_renew: bool,
    /// Days of notice.
    pub notice_days: i64,
    /// Where it stands.
    pub status: Status,
}

impl Held {
    /// True when the contract is paid for in `month` (see the module's
    /// counting rule); a trial is live but not paid.
    pub fn paid_in(&self, month: Month) -> bool {
        let after_start = self.start.is_none_or(|s| Month::of(s) <= month);
        let before_end = |end: Option<NaiveDate>| end.is_none_or(|e| month <= Month::of(e));
        match self.status {
            Status::Trial => false,
            Status::Active | Status::Ended => after_start && before_end(self.end),
            Status::Cancelled => after_start && self.end.is_some() && before_end(self.end),
        }
    }

    /// True when the contract is held on `day`: active or on trial,
    /// started, not yet ended.
    pub fn held_on(&self, day: NaiveDate) -> bool {
        matches!(self.status, Status::Active | Status::Trial)
            && self.start.is_none_or(|s| s <= day)
            && self.end.is_none_or(|e| day <= e)
    }

    /// What the company pays for it a month when it is paid: nothing for a
    /// personal plan it does not pay back.
    pub fn company_monthly(&self) -> Result<Money, Unpriced> {
        if self.account_kind.company_pays() {
            self.monthly
        } else {
            Ok(Money::zero(self.monthly.map_or(Currency::JPY, |m| m.currency)))
        }
    }
}

/// Every contract not in the trash, for the counting views.
pub fn load_held(conn: &Connection, pricing: &Pricing) -> rusqlite::Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.uid, c.tool_id, t.name, t.vendor, t.category, p.name, c.department_id, d.name,
             c.account_kind, c.seats, c.unit_price_minor, c.currency, c.billing, c.start_date,
             c.renewal_date, c.end_date, c.auto_renew, c.notice_days, c.status
         FROM contracts c JOIN tools t ON t.id = c.tool_id
         LEFT JOIN plans p ON p.id = c.plan_id LEFT JOIN departments d ON d.id = c.department_id
         WHERE c.deleted_at IS NULL
         ORDER BY c.id",
    )?;
    let date = |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let rows = stmt.query_map([], |r| {
        let currency_text: String = r.get(11)?;
        let billing_text: String = r.get(12)?;
        let seats: i64 = r.get(9)?;
        let unit: Option<i64> = r.get(10)?;
        let currency = Currency::parse(&currency_text).unwrap_or(pricing.base);
        let billing = Billing::parse(&billing_text).unwrap_or(Billing::Monthly);
        let monthly = pricing.monthly(unit, currency, seats, billing, PriceKind::Contract);
        Ok(Held {
            id: r.get(0)?,
            tool_key: r.get(1)?,
            tool: r.get(2)?,
            vendor: r.get(3)?,
            category: r.get(4)?,
            plan: r.get(5)?,
            department_key: r.get(6)?,
            department: r.get(7)?,
            account_kind: AccountKind::from_stored(r.get_ref(8)?.as_str()?),
            seats,
            monthly,
            monthly_original: unit
                .and_then(|u| Pricing::monthly_original(u, currency, seats, billing)),
            currency,
            billing,
            start: date(r.get(13)?),
            renewal: date(r.get(14)?),
            end: date(r.get(15)?),
            auto_renew: r.get(16)?,
            notice_days: r.get(17)?,
            status: Status::parse(&r.get::<_, String>(18)?).unwrap_or(Status::Active),
        })
    })?;
    rows.collect()
}

/// The blank template for `import contracts`: its header row, in English.
pub const TEMPLATE_HEADERS: &[&str] = &[
    "tool",
    "plan",
    "department",
    "account_kind",
    "seats",
    "unit_price",
    "currency",
    "billing",
    "start_date",
    "renewal_date",
    "end_date",
    "auto_renew",
    "notice_days",
    "status",
    "owner",
    "note",
];

#[cfg(test)]
mod tests;
