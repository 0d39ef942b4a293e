//! The inventory: the counted views of the survey, shared by the window
//! and `summary --json` so both show the same numbers.
//!
//! Counting rules: only each respondent's latest submission counts
//! (see `survey`); a value that is blank or still flagged counts nowhere;
//! hours a month are hours a week × 52 / 12; money is summed per currency
//! in integers, per department and tool, and each such sum is converted to
//! the base currency on its own, at the rate in the rate table, which
//! every total names. A response's monthly cost is split evenly over the
//! tools it names (any remainder to the first). Every figure of spend (a
//! department, a tool, a bar of a chart, the whole) is a sum of the same
//! converted amounts, so they add up to the yen; the whole may differ by
//! a few yen from converting the sum of all dollars at once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;
use std::sync::Arc;

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::charts::{BarSeries, StackedBars};
use crate::contract_charts::ContractChart;
use crate::money::{convert, Currency, Money, Rate};
use crate::settings::{self, SettingsError};
use crate::Store;

/// Errors of counting the inventory.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    /// Settings could not be read.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A chart kind or language that does not exist.
    #[error("{0}")]
    Unknown(String),
    /// A chart of contracts could not be made.
    #[error(transparent)]
    Contracts(#[from] Box<crate::contracts::ContractError>),
}

impl From<crate::contracts::ContractError> for InventoryError {
    fn from(e: crate::contracts::ContractError) -> InventoryError {
        InventoryError::Contracts(Box::new(e))
    }
}

/// The dashboard's figures, and the per-department and per-tool tables.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The currency totals are in.
    pub base_currency: Currency,
    /// The rates the totals used.
    pub rates_used: Vec<Rate>,
    /// Respondents counted (latest submission each).
    pub respondents: u64,
    /// Responses stored, superseded ones included.
    pub responses: u64,
    /// Values waiting to be fixed.
    pub flagged: u64,
    /// Monthly spend of all departments, in the base currency.
    pub monthly_spend: Money,
    /// Hours saved a month, all departments.
    pub hours_saved_per_month: f64,
    /// Hours spent using AI a month, all departments.
    pub usage_hours_per_month: f64,
    /// Per department, by name.
    pub departments: Vec<DepartmentSummary>,
    /// Per tool, most respondents first.
    pub tools: Vec<ToolSummary>,
    /// Amounts in currencies with no rate, left out of every total.
    pub unconverted: Vec<Money>,
}

/// One department's row.
#[derive(Clone, Debug, Serialize)]
pub struct DepartmentSummary {
    /// Its name; "" for responses that named none.
    pub name: String,
    /// Respondents counted.
    pub respondents: u64,
    /// Distinct tools used.
    pub tools: u64,
    /// Those tools' names, most used first.
    pub tool_names: Vec<String>,
    /// Respondents by payment kind.
    pub payments: Vec<PaymentCount>,
    /// Monthly spend in the base currency.
    pub monthly_spend: Money,
    /// Hours saved a month.
    pub hours_saved_per_month: f64,
    /// Hours using AI a month.
    pub usage_hours_per_month: f64,
    /// Challenges named, most named first.
    pub challenges: Vec<Count>,
}

/// One tool's row.
#[derive(Clone, Debug, Serialize)]
pub struct ToolSummary {
    /// The tool's name.
    pub name: String,
    /// Respondents who use it.
    pub respondents: u64,
    /// Departments it is used in.
    pub departments: u64,
    /// Those departments' names.
    pub department_names: Vec<String>,
    /// Respondents by payment kind.
    pub payments: Vec<PaymentCount>,
    /// Its share of monthly spend, in the base currency.
    pub monthly_spend: Money,
}

/// A challenge's text and how many respondents named it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Count {
    /// The challenge as the respondents wrote or chose it.
    pub name: String,
    /// Respondents.
    pub respondents: u64,
}

/// A way of paying and how many respondents pay that way.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PaymentCount {
    /// company, expense, personal, free, other or unknown.
    pub kind: String,
    /// Respondents.
    pub respondents: u64,
}

/// `minor` units of `currency` in `base`, rounded as [`convert`] does;
/// `None` when the rate table has no rate for it.
fn in_base(currency: Currency, minor: i64, base: Currency, rates: &[Rate]) -> Option<i64> {
    if currency == base {
        return Some(minor);
    }
    let rate = rates.iter().find(|r| r.currency == currency)?;
    convert(Money::new(currency, minor), base, rate.micros).ok().map(|m| m.minor)
}

/// Hours a month from minutes a week, to two decimals.
fn hours_per_month(minutes_week: i64) -> f64 {
    (minutes_week as f64 * 52.0 / 12.0 / 60.0 * 100.0).round() / 100.0
}

/// Rebuilds the tally tables from the counted responses, from nothing.
/// Writes keep the tallies up to date with [`shift_tallies`]; this full
/// recount is what a test checks them against.
pub fn refresh_tallies(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM tally_departments;
         DELETE FROM tally_spend;
         DELETE FROM tally_tools;
         DELETE FROM tally_payments;
         DELETE FROM tally_challenges;",
    )?;
    apply_tallies(tx, "r.superseded = 0", 1)
}

/// Adds (`sign` 1) or takes away (`sign` -1) the contributions of the
/// responses `ids` to the tallies, whatever their superseded mark: the
/// caller says which responses start or stop counting.
pub(crate) fn shift_tallies(
    tx: &rusqlite::Transaction,
    ids: &[i64],
    sign: i64,
) -> rusqlite::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS tally_delta (id INTEGER PRIMARY KEY);
         DELETE FROM temp.tally_delta;",
    )?;
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO temp.tally_delta (id) VALUES (?1)")?;
    for id in ids {
        insert.execute([id])?;
    }
    apply_tallies(tx, "r.id IN (SELECT id FROM temp.tally_delta)", sign)
}

/// Adds `sign` times the contributions of the responses `r` matching
/// `filter` (an SQL condition built from integers, never from user text)
/// to every tally. Department 0 is "no department", tool 0 "no tool".
fn apply_tallies(tx: &rusqlite::Transaction, filter: &str, sign: i64) -> rusqlite::Result<()> {
    let sql = format!(
        "INSERT INTO tally_departments
         SELECT coalesce(r.department_id, 0), {sign} * count(*),
                {sign} * coalesce(sum(r.saved_minutes_week), 0),
                {sign} * coalesce(sum(r.usage_minutes_week), 0)
         FROM responses r WHERE {filter}
         GROUP BY 1
         ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents,
             saved_minutes = saved_minutes + excluded.saved_minutes,
             usage_minutes = usage_minutes + excluded.usage_minutes;

         INSERT INTO tally_payments
         SELECT coalesce(r.department_id, 0), coalesce(r.payment, 'unknown'), {sign} * count(*)
         FROM responses r WHERE {filter}
         GROUP BY 1, 2
         ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents;

         INSERT INTO tally_tools
         SELECT coalesce(r.department_id, 0), t.value, coalesce(r.payment, 'unknown'),
                {sign} * count(*)
         FROM responses r, json_each(r.tool_ids) t
         WHERE {filter}
         GROUP BY 1, 2, 3
         ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents;

         -- A response's cost split evenly over its tools, the remainder
         -- in minor units to its first tool.
         INSERT INTO tally_spend
         SELECT coalesce(r.department_id, 0), coalesce(t.value, 0), r.monthly_cost_currency,
                {sign} * sum(CASE WHEN r.tool_count = 0 THEN r.monthly_cost_minor
                         ELSE r.monthly_cost_minor / r.tool_count
                              + (CASE WHEN t.key = 0
                                      THEN r.monthly_cost_minor % r.tool_count ELSE 0 END)
                    END)
         FROM responses r LEFT JOIN json_each(r.tool_ids) t
         WHERE r.monthly_cost_minor IS NOT NULL AND {filter}
         GROUP BY 1, 2, 3
         ON CONFLICT DO UPDATE SET minor = minor + excluded.minor;

         INSERT INTO tally_challenges
         SELECT coalesce(r.department_id, 0), c.value, {sign} * count(*)
         FROM responses r, json_each(r.challenges) c
         WHERE r.challenges <> '[]' AND {filter}
         GROUP BY 1, 2
         ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents;

         {DROP_EMPTY_TALLIES}"
    );
    tx.execute_batch(&sql)
}

/// What one counted response adds to the tallies: the same amounts
/// [`apply_tallies`] reads from its stored row, taken while an import
/// reads the row, so the import need not query its own rows again.
#[derive(Clone, Debug)]
pub(crate) struct Contribution {
    /// Its department; 0 when it named none.
    pub department: i64,
    /// Its payment code; "unknown" when it gave none.
    pub payment: &'static str,
    /// Its tools, in the order the answer names them.
    pub tools: Arc<[i64]>,
    /// Its monthly cost, when known.
    pub cost: Option<Money>,
    /// Minutes a week saved; 0 when unknown, as a recount sums them.
    pub saved_minutes: i64,
    /// Minutes a week using AI; 0 when unknown.
    pub usage_minutes: i64,
    /// The challenges it names.
    pub challenges: Arc<[String]>,
}

/// Changes to the tallies counted in memory, written with one upsert per
/// tally row by [`TallyDelta::write`]. Each key is the tally table's
/// primary key.
#[derive(Default)]
pub(crate) struct TallyDelta {
    /// Department → respondents, saved minutes, usage minutes.
    departments: HashMap<i64, [i64; 3]>,
    payments: HashMap<(i64, &'static str), i64>,
    tools: HashMap<(i64, i64, &'static str), i64>,
    spend: HashMap<(i64, i64, Currency), i64>,
    /// Department → challenge → respondents, so that a lookup needs no
    /// new `String`.
    challenges: HashMap<i64, HashMap<String, i64>>,
}

impl TallyDelta {
    /// Adds (`sign` 1) or takes away (`sign` -1) one response's share,
    /// by the rules of [`apply_tallies`]: its cost split evenly over its
    /// tools, the remainder in minor units to the first, or all of it to
    /// tool 0 when it names none.
    pub(crate) fn add(&mut self, c: &Contribution, sign: i64) {
        let dept = c.department;
        let d = self.departments.entry(dept).or_default();
        d[0] += sign;
        d[1] += sign * c.saved_minutes;
        d[2] += sign * c.usage_minutes;
        *self.payments.entry((dept, c.payment)).or_default() += sign;
        for &tool in c.tools.iter() {
            *self.tools.entry((dept, tool, c.payment)).or_default() += sign;
        }

        if let Some(cost) = c.cost {
            if c.tools.is_empty() {
                *self.spend.entry((dept, 0, cost.currency)).or_default() += sign * cost.minor;
            } else {
                let n = c.tools.len() as i64;
                for (position, &tool) in c.tools.iter().enumerate() {
                    let share = cost.minor / n + if position == 0 { cost.minor % n } else { 0 };
                    *self.spend.entry((dept, tool, cost.currency)).or_default() += sign * share;
                }
            }
        }

        let challenges = self.challenges.entry(dept).or_default();
        for challenge in c.challenges.iter() {
            match challenges.get_mut(challenge.as_str()) {
                Some(n) => *n += sign,
                None => {
                    challenges.insert(challenge.clone(), sign);
                }
            }
        }
    }

    /// Adds the changes to the tally tables and drops the rows that reach
    /// zero, as [`apply_tallies`] does.
    pub(crate) fn write(&self, tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
        let mut stmt = tx.prepare(
            "INSERT INTO tally_departments VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents,
                 saved_minutes = saved_minutes + excluded.saved_minutes,
                 usage_minutes = usage_minutes + excluded.usage_minutes",
        )?;
        for (dept, [n, saved, usage]) in &self.departments {
            stmt.execute(params![dept, n, saved, usage])?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO tally_payments VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents",
        )?;
        for ((dept, payment), n) in &self.payments {
            stmt.execute(params![dept, payment, n])?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO tally_tools VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents",
        )?;
        for ((dept, tool, payment), n) in &self.tools {
            stmt.execute(params![dept, tool, payment, n])?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO tally_spend VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO UPDATE SET minor = minor + excluded.minor",
        )?;
        for ((dept, tool, currency), minor) in &self.spend {
            stmt.execute(params![dept, tool, currency.code(), minor])?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO tally_challenges VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET respondents = respondents + excluded.respondents",
        )?;
        for (dept, challenges) in &self.challenges {
            for (challenge, n) in challenges {
                stmt.execute(params![dept, challenge, n])?;
            }
        }
        tx.execute_batch(DROP_EMPTY_TALLIES)
    }
}

/// Tally rows that count nothing are not kept.
const DROP_EMPTY_TALLIES: &str = "DELETE FROM tally_departments WHERE respondents = 0;
     DELETE FROM tally_payments WHERE respondents = 0;
     DELETE FROM tally_tools WHERE respondents = 0;
     DELETE FROM tally_challenges WHERE respondents = 0;
     DELETE FROM tally_spend WHERE minor = 0;";

/// Counts the whole inventory, from the tallies.
pub fn summary(store: &Store) -> Result<Summary, InventoryError> {
    let conn = store.conn();
    let base = settings::base_currency(conn)?;
    let rates = settings::list_rates(conn)?;

    let (responses, flagged): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM responses),
                (SELECT count(*) FROM flags WHERE resolved_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;

    let mut departments: Vec<DepartmentSummary> = Vec::new();
    let mut dept_index: HashMap<i64, usize> = HashMap::new();
    let (mut respondents, mut saved, mut used) = (0i64, 0i64, 0i64);
    let mut stmt = conn.prepare(
        "SELECT t.department_id, coalesce(d.name, ''), t.respondents, t.saved_minutes,
                t.usage_minutes
         FROM tally_departments t LEFT JOIN departments d ON d.id = t.department_id
         ORDER BY t.department_id = 0, d.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, n, s, u): (i64, i64, i64, i64) = (r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?);
        respondents += n;
        saved += s;
        used += u;
        dept_index.insert(id, departments.len());
        departments.push(DepartmentSummary {
            name: r.get(1)?,
            respondents: n as u64,
            tools: 0,
            tool_names: Vec::new(),
            payments: Vec::new(),
            monthly_spend: Money::zero(base),
            hours_saved_per_month: hours_per_month(s),
            usage_hours_per_month: hours_per_month(u),
            challenges: Vec::new(),
        });
    }

    let mut stmt = conn.prepare(
        "SELECT department_id, payment, respondents FROM tally_payments
         ORDER BY respondents DESC, payment",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = dept_index.get(&r.get::<_, i64>(0)?) {
            departments[i]
                .payments
                .push(PaymentCount { kind: r.get(1)?, respondents: r.get::<_, i64>(2)? as u64 });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT department_id, challenge, respondents FROM tally_challenges
         ORDER BY respondents DESC, challenge",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = dept_index.get(&r.get::<_, i64>(0)?) {
            departments[i]
                .challenges
                .push(Count { name: r.get(1)?, respondents: r.get::<_, i64>(2)? as u64 });
        }
    }

    // Tools: respondents per (department, tool, payment).
    let mut tools: Vec<ToolSummary> = Vec::new();
    let mut tool_index: HashMap<i64, usize> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT t.tool_id, tools.name, t.department_id, coalesce(d.name, ''), t.payment,
                t.respondents
         FROM tally_tools t
         JOIN tools ON tools.id = t.tool_id
         LEFT JOIN departments d ON d.id = t.department_id
         ORDER BY d.name, t.payment",
    )?;
    let mut dept_tools: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let tool_id: i64 = r.get(0)?;
        let dept_id: i64 = r.get(2)?;
        let dept_name: String = r.get(3)?;
        let payment: String = r.get(4)?;
        let n = r.get::<_, i64>(5)? as u64;
        let ti = *tool_index.entry(tool_id).or_insert_with(|| {
            tools.push(ToolSummary {
                name: String::new(),
                respondents: 0,
                departments: 0,
                department_names: Vec::new(),
                payments: Vec::new(),
                monthly_spend: Money::zero(base),
            });
            tools.len() - 1
        });
        let tool = &mut tools[ti];
        tool.name = r.get(1)?;
        tool.respondents += n;
        if dept_id != 0 && !tool.department_names.contains(&dept_name) {
            tool.department_names.push(dept_name);
        }
        match tool.payments.iter_mut().find(|c| c.kind == payment) {
            Some(c) => c.respondents += n,
            None => tool.payments.push(PaymentCount { kind: payment, respondents: n }),
        }
        if let Some(&di) = dept_index.get(&dept_id) {
            *dept_tools.entry((di, ti)).or_default() += n;
        }
    }
    // Respondents who named no department are counted for the tool but
    // are no department of it.
    for t in &mut tools {
        t.departments = t.department_names.len() as u64;
    }
    let mut per_dept: BTreeMap<usize, Vec<(u64, String)>> = BTreeMap::new();
    for ((di, ti), n) in dept_tools {
        per_dept.entry(di).or_default().push((n, tools[ti].name.clone()));
    }
    for (di, mut list) in per_dept {
        list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        departments[di].tools = list.len() as u64;
        departments[di].tool_names = list.into_iter().map(|(_, name)| name).collect();
    }
    for t in &mut tools {
        t.payments.sort_by(|a, b| b.respondents.cmp(&a.respondents).then(a.kind.cmp(&b.kind)));
    }

    // Spend: each tally cell (department, tool, currency) converted on its
    // own, and every figure a sum of converted cells.
    let mut total = 0i64;
    let mut currencies: BTreeSet<Currency> = BTreeSet::new();
    let mut left_out: BTreeMap<Currency, i64> = BTreeMap::new();
    let mut by_dept: HashMap<i64, i64> = HashMap::new();
    let mut by_tool: HashMap<i64, i64> = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT department_id, tool_id, currency, minor FROM tally_spend")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (dept, tool, currency, minor): (i64, i64, String, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let Ok(currency) = Currency::parse(&currency) else { continue };
        currencies.insert(currency);
        match in_base(currency, minor, base, &rates) {
            Some(m) => {
                total += m;
                *by_dept.entry(dept).or_default() += m;
                *by_tool.entry(tool).or_default() += m;
            }
            None => *left_out.entry(currency).or_default() += minor,
        }
    }
    let monthly_spend = Money::new(base, total);
    let unconverted: Vec<Money> = left_out.into_iter().map(|(c, m)| Money::new(c, m)).collect();
    for (id, minor) in &by_dept {
        if let Some(&i) = dept_index.get(id) {
            departments[i].monthly_spend = Money::new(base, *minor);
        }
    }
    for (id, minor) in &by_tool {
        if let Some(&i) = tool_index.get(id) {
            tools[i].monthly_spend = Money::new(base, *minor);
        }
    }
    tools.sort_by(|a, b| b.respondents.cmp(&a.respondents).then_with(|| a.name.cmp(&b.name)));

    let rates_used = rates
        .into_iter()
        .filter(|r| currencies.contains(&r.currency) && r.currency != base)
        .collect();
    Ok(Summary {
        base_currency: base,
        rates_used,
        respondents: respondents as u64,
        responses: responses as u64,
        flagged: flagged as u64,
        monthly_spend,
        hours_saved_per_month: hours_per_month(saved),
        usage_hours_per_month: hours_per_month(used),
        departments,
        tools,
        unconverted,
    })
}

/// One department's spend on one tool in one currency.
struct SpendCell {
    department: String,
    tool: String,
    currency: String,
    minor: i64,
}

/// Monthly spend per department, tool and currency, from the tallies; a
/// cost with no tool named has the tool name "".
fn split_spend(conn: &Connection) -> Result<Vec<SpendCell>, InventoryError> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(d.name, ''), coalesce(t.name, ''), s.currency, s.minor
         FROM tally_spend s
         LEFT JOIN departments d ON d.id = s.department_id
         LEFT JOIN tools t ON t.id = s.tool_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SpendCell {
            department: r.get(0)?,
            tool: r.get(1)?,
            currency: r.get(2)?,
            minor: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every chart the app draws: of the survey (here) or of the contracts
/// and use cases (`contract_charts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// A chart of the survey's answers.
    Survey(SurveyChart),
    /// A chart of contracts or use cases.
    Contracts(ContractChart),
}

/// The charts of the survey's answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurveyChart {
    /// Monthly spend per department, stacked by tool.
    SpendByDepartment,
    /// Hours saved a month per department.
    HoursSavedByDepartment,
}

/// Every chart kind's name, for messages.
pub const CHART_KINDS: &[&str] = &[
    "spend-by-department",
    "hours-saved-by-department",
    "spend-by-tool",
    "spend-trend",
    "duplicates",
    "roi",
];

impl FromStr for ChartKind {
    type Err = InventoryError;
    fn from_str(s: &str) -> Result<ChartKind, InventoryError> {
        match s.trim() {
            "spend-by-department" => Ok(ChartKind::Survey(SurveyChart::SpendByDepartment)),
            "hours-saved-by-department" => {
                Ok(ChartKind::Survey(SurveyChart::HoursSavedByDepartment))
            }
            "spend-by-tool" => Ok(ChartKind::Contracts(ContractChart::SpendByTool)),
            "spend-trend" => Ok(ChartKind::Contracts(ContractChart::SpendTrend)),
            "duplicates" => Ok(ChartKind::Contracts(ContractChart::Duplicates)),
            "roi" => Ok(ChartKind::Contracts(ContractChart::Roi)),
            other => Err(InventoryError::Unknown(format!(
                "'{other}' is not a chart (charts: {})",
                CHART_KINDS.join(", ")
            ))),
        }
    }
}

/// The language of a chart's labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl FromStr for Lang {
    type Err = InventoryError;
    fn from_str(s: &str) -> Result<Lang, InventoryError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "ja" => Ok(Lang::Ja),
            other => Err(InventoryError::Unknown(format!("'{other}' is not a language (en, ja)"))),
        }
    }
}

/// The data of one chart, with its labels in `lang`, as of today.
pub fn chart(store: &Store, kind: ChartKind, lang: Lang) -> Result<StackedBars, InventoryError> {
    chart_as_of(store, kind, lang, chrono::Local::now().date_naive())
}

/// The data of one chart as of `as_of` (the survey charts have no date).
pub fn chart_as_of(
    store: &Store,
    kind: ChartKind,
    lang: Lang,
    as_of: chrono::NaiveDate,
) -> Result<StackedBars, InventoryError> {
    match kind {
        ChartKind::Survey(k) => survey_chart(store, k, lang),
        ChartKind::Contracts(k) => Ok(crate::contract_charts::chart(store, k, lang, as_of)?),
    }
}

/// The data of one chart of the survey's answers.
fn survey_chart(
    store: &Store,
    kind: SurveyChart,
    lang: Lang,
) -> Result<StackedBars, InventoryError> {
    let summary = summary(store)?;
    let ja = lang == Lang::Ja;
    let dept_label = |name: &str| match (name.is_empty(), ja) {
        (true, true) => "（部署未回答）".to_string(),
        (true, false) => "(no department)".to_string(),
        (false, _) => name.to_string(),
    };
    let categories: Vec<String> = summary.departments.iter().map(|d| dept_label(&d.name)).collect();
    let rate_note = rate_note(&summary, ja);
    match kind {
        SurveyChart::HoursSavedByDepartment => Ok(StackedBars {
            title: if ja {
                "部署別の削減時間（月）"
            } else {
                "Hours saved per month by department"
            }
            .into(),
            y_label: if ja { "時間／月" } else { "hours per month" }.into(),
            categories,
            series: vec![BarSeries {
                name: if ja { "削減時間" } else { "Hours saved" }.into(),
                values: summary.departments.iter().map(|d| d.hours_saved_per_month).collect(),
            }],
            note: Some(if ja {
                format!("回答者 {} 人・週あたりの時間 × 52 ÷ 12", summary.respondents)
            } else {
                format!("{} respondents; hours a week × 52 / 12", summary.respondents)
            }),
        }),
        SurveyChart::SpendByDepartment => {
            let conn = store.conn();
            let base = summary.base_currency;
            let rates = settings::list_rates(conn)?;
            // The cells converted as `summary` converts them, so a bar is
            // its department's spend.
            let mut cells: BTreeMap<(String, String), i64> = BTreeMap::new();
            for cell in split_spend(conn)? {
                let Ok(currency) = Currency::parse(&cell.currency) else { continue };
                if let Some(m) = in_base(currency, cell.minor, base, &rates) {
                    *cells.entry((cell.department, cell.tool)).or_default() += m;
                }
            }
            let mut tool_names: Vec<String> =
                summary.tools.iter().map(|t| t.name.clone()).collect();
            if cells.keys().any(|(_, t)| t.is_empty()) {
                tool_names.push(String::new());
            }
            let series = tool_names
                .iter()
                .map(|tool| BarSeries {
                    name: match (tool.is_empty(), ja) {
                        (true, true) => "（ツール未回答）".into(),
                        (true, false) => "(no tool named)".into(),
                        _ => tool.clone(),
                    },
                    values: summary
                        .departments
                        .iter()
                        .map(|d| {
                            cells
                                .get(&(d.name.clone(), tool.clone()))
                                .map_or(0.0, |&m| Money::new(base, m).to_major_f64())
                        })
                        .collect(),
                })
                .filter(|s| s.values.iter().any(|v| *v != 0.0))
                .collect();
            Ok(StackedBars {
                title: if ja {
                    "部署別の月額費用（ツール別）"
                } else {
                    "Monthly spend by department and tool"
                }
                .into(),
                y_label: if ja { format!("{} ／月", base) } else { format!("{base} per month") },
                categories,
                series,
                note: Some(rate_note),
            })
        }
    }
}

fn rate_note(summary: &Summary, ja: bool) -> String {
    let mut rates: Vec<String> = summary
        .rates_used
        .iter()
        .map(|r| {
            if ja {
                format!("{} = {} {}（{} 時点）", r.currency, r.rate, summary.base_currency, r.as_of)
            } else {
                format!(
                    "{} at {} {} (as of {})",
                    r.currency, r.rate, summary.base_currency, r.as_of
                )
            }
        })
        .collect();
    let total = summary.monthly_spend.to_grouped_string();
    let left_out: Vec<String> = summary.unconverted.iter().map(|m| m.to_string()).collect();
    if !left_out.is_empty() && ja {
        rates.push(format!("換算レートがないため除外: {}", left_out.join("、")));
    } else if !left_out.is_empty() {
        rates.push(format!("not counted, no rate: {}", left_out.join(", ")));
    }
    match (rates.is_empty(), ja) {
        (true, true) => format!("合計 {total} {}", summary.base_currency),
        (true, false) => format!("Total {total} {}", summary.base_currency),
        (false, true) => format!("合計 {total} {}・{}", summary.base_currency, rates.join("、")),
        (false, false) => format!("Total {total} {}; {}", summary.base_currency, rates.join(", ")),
    }
}
