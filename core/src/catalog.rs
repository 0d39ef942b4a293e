//! The tool catalogue: the AI products people name in survey answers, the
//! aliases that map what they typed ("GPT Plus", "チャットGPT") to one
//! tool, and each product's plans with their list prices.
//!
//! Tools and aliases are seeded by the first migration; "Other" survey
//! answers become tools of their own. Plans are seeded from [`SEED_PLANS`]
//! each time the store opens with a newer seed than it last applied: a
//! seed plan the user has not touched follows the seed (a later version
//! of the app can correct a price), one the user edited or deleted is
//! theirs and the seed leaves it alone. That is how a user's edits
//! survive upgrades.
//!
//! The deployment kind (consumer cloud, enterprise cloud with no training
//! on inputs, on-premise) and whether inputs are used for training belong
//! to a plan, not to a product: ChatGPT Plus and ChatGPT Enterprise are
//! the same product with different answers. A product's kinds are those
//! of its plans.
//!
//! The seed prices are the vendors' public list prices as published
//! around each plan's as-of date, written into the source by hand (the
//! app never goes online). They are a starting point: check the vendor's
//! page before a decision, and edit the plan.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, MoneyError};
use crate::pricing::Billing;
use crate::survey::values::{self, fold};
use crate::Store;

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
            // Folding drops a bracketed note, so "Copilot (GitHub)" folds
            // to what "Copilot" does; an alias with a note never takes a
            // name that another tool already answers to.
            let noted = alias.contains(['(', '（', '[', '［', '【']);
            match by_alias.entry(fold(&alias)) {
                std::collections::hash_map::Entry::Occupied(_) if noted => {}
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    e.insert(id);
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(id);
                }
            }
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

/// Errors of reading and editing the catalogue.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A field of a plan or tool was refused.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field, as the form and the CLI name it.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// No tool or plan has that id or name.
    #[error("{0}")]
    NotFound(String),
    /// A currency was refused.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// How a plan is sold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// No charge.
    Free,
    /// One person's plan.
    Individual,
    /// Seats for a team, one contract.
    Team,
    /// A company-wide agreement.
    Enterprise,
}

impl Tier {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Tier::Free => "free",
            Tier::Individual => "individual",
            Tier::Team => "team",
            Tier::Enterprise => "enterprise",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Tier> {
        match text.trim().to_lowercase().as_str() {
            "free" => Some(Tier::Free),
            "individual" | "personal" => Some(Tier::Individual),
            "team" | "business" => Some(Tier::Team),
            "enterprise" => Some(Tier::Enterprise),
            _ => None,
        }
    }

    /// True for a plan that many people can share as one contract, the
    /// kind a duplicate group can be consolidated into.
    pub fn is_shared(&self) -> bool {
        matches!(self, Tier::Team | Tier::Enterprise)
    }
}

/// Where a tool runs and whose terms cover what is typed into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    /// A consumer service under consumer terms.
    ConsumerCloud,
    /// A business service whose terms exclude training on inputs.
    EnterpriseCloud,
    /// Runs on the company's own machines.
    OnPremise,
}

impl Deployment {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Deployment::ConsumerCloud => "consumer_cloud",
            Deployment::EnterpriseCloud => "enterprise_cloud",
            Deployment::OnPremise => "on_premise",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Deployment> {
        match text.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "consumer_cloud" | "consumer" => Some(Deployment::ConsumerCloud),
            "enterprise_cloud" | "enterprise" => Some(Deployment::EnterpriseCloud),
            "on_premise" | "on_premises" | "local" => Some(Deployment::OnPremise),
            _ => None,
        }
    }
}

/// One plan of a product, as the catalogue views show it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Plan {
    /// Its id (UUID).
    pub id: String,
    /// The product's id (UUID).
    pub tool_id: String,
    /// The product's name.
    pub tool: String,
    /// The plan's name, e.g. "Business (annual)".
    pub name: String,
    /// How it is sold.
    pub tier: Tier,
    /// List price per seat per billing period, before tax; `None` when not published.
    pub price: Option<Money>,
    /// The currency of the price (also when the price is not published).
    pub currency: Currency,
    /// What the price covers.
    pub billing: Billing,
    /// The fewest seats it is sold with.
    pub min_seats: i64,
    /// Where it runs.
    pub deployment: Deployment,
    /// True when the vendor may train on what users type.
    pub trains_on_inputs: bool,
    /// The day the price was seen.
    pub as_of: String,
    /// A note, e.g. "formerly Team".
    pub note: String,
    /// True when it came from the app's seed list.
    pub from_seed: bool,
    /// True when the user changed it (the seed no longer updates it).
    pub edited: bool,
}

/// A product of the catalogue with its aliases and plans.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogTool {
    /// Its id (UUID).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who makes it.
    pub vendor: Option<String>,
    /// What kind of tool it is (chat, coding, translation …).
    pub category: Option<String>,
    /// False for an "Other" survey answer kept as a tool.
    pub in_catalog: bool,
    /// The spellings that name it.
    pub aliases: Vec<String>,
    /// Its plans (not those in the trash), cheapest first within a tier.
    pub plans: Vec<Plan>,
}

/// A plan as typed into the form or the CLI: text, checked by [`save_plan`].
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlanInput {
    /// The product: its id or name.
    pub tool: String,
    /// The plan's name.
    pub name: String,
    /// free, individual, team or enterprise.
    pub tier: String,
    /// The list price per seat per billing period ("30", "$30", "4,497円"); blank: not published.
    pub price: String,
    /// ISO 4217 code; may be left out when the price names its currency.
    pub currency: String,
    /// monthly or annual.
    pub billing: String,
    /// The fewest seats; blank means 1.
    pub min_seats: String,
    /// consumer_cloud, enterprise_cloud or on_premise.
    pub deployment: String,
    /// Whether the vendor may train on inputs.
    pub trains_on_inputs: bool,
    /// YYYY-MM-DD; blank means today.
    pub as_of: String,
    /// A note.
    pub note: String,
}

/// One seed plan: (key, tool uid, name, tier, price per period in minor
/// units or None, currency, billing, min seats, deployment, trains, as of, note).
type SeedPlan = (
    &'static str,
    &'static str,
    &'static str,
    Tier,
    Option<i64>,
    &'static str,
    Billing,
    i64,
    Deployment,
    bool,
    &'static str,
    &'static str,
);

/// Bump when [`SEED_PLANS`] changes, so stores apply the new seed once.
pub const SEED_VERSION: i64 = 1;

const CHATGPT: &str = "0192f0a0-0000-7000-8000-000000000001";
const CLAUDE: &str = "0192f0a0-0000-7000-8000-000000000002";
const MS_COPILOT: &str = "0192f0a0-0000-7000-8000-000000000003";
const GH_COPILOT: &str = "0192f0a0-0000-7000-8000-000000000004";
const GEMINI: &str = "0192f0a0-0000-7000-8000-000000000005";
const DEEPL: &str = "0192f0a0-0000-7000-8000-000000000006";
const NOTION: &str = "0192f0a0-0000-7000-8000-000000000007";
const PERPLEXITY: &str = "0192f0a0-0000-7000-8000-000000000008";
const CURSOR: &str = "0192f0a0-0000-7000-8000-000000000009";
const LOCAL_LLM: &str = "0192f0a0-0000-7000-8000-00000000000d";

use Billing::{Annual, Monthly};
use Deployment::{ConsumerCloud, EnterpriseCloud, OnPremise};

/// The seed plans: public list prices per seat before tax, per billing
/// period (an annual price is the year's), as published around the as-of
/// date. "Enterprise" plans whose price is quoted on request have none.
pub const SEED_PLANS: &[SeedPlan] = &[
    (
        "chatgpt-free",
        CHATGPT,
        "Free",
        Tier::Free,
        Some(0),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "chatgpt-plus",
        CHATGPT,
        "Plus",
        Tier::Individual,
        Some(2_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "training can be turned off in the user's settings",
    ),
    (
        "chatgpt-pro",
        CHATGPT,
        "Pro",
        Tier::Individual,
        Some(20_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "chatgpt-business-monthly",
        CHATGPT,
        "Business (monthly)",
        Tier::Team,
        Some(3_000),
        "USD",
        Monthly,
        2,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "formerly ChatGPT Team",
    ),
    (
        "chatgpt-business-annual",
        CHATGPT,
        "Business (annual)",
        Tier::Team,
        Some(30_000),
        "USD",
        Annual,
        2,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "formerly ChatGPT Team; $25 a seat a month, billed yearly",
    ),
    (
        "chatgpt-enterprise",
        CHATGPT,
        "Enterprise",
        Tier::Enterprise,
        None,
        "USD",
        Annual,
        150,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "price on request; the minimum seats are as commonly quoted",
    ),
    (
        "claude-free",
        CLAUDE,
        "Free",
        Tier::Free,
        Some(0),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "chats train models when the user allows it",
    ),
    (
        "claude-pro-monthly",
        CLAUDE,
        "Pro (monthly)",
        Tier::Individual,
        Some(2_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "chats train models when the user allows it",
    ),
    (
        "claude-pro-annual",
        CLAUDE,
        "Pro (annual)",
        Tier::Individual,
        Some(20_000),
        "USD",
        Annual,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "chats train models when the user allows it",
    ),
    (
        "claude-team-monthly",
        CLAUDE,
        "Team (monthly)",
        Tier::Team,
        Some(3_000),
        "USD",
        Monthly,
        5,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "",
    ),
    (
        "claude-team-annual",
        CLAUDE,
        "Team (annual)",
        Tier::Team,
        Some(30_000),
        "USD",
        Annual,
        5,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "$25 a seat a month, billed yearly",
    ),
    (
        "claude-enterprise",
        CLAUDE,
        "Enterprise",
        Tier::Enterprise,
        None,
        "USD",
        Annual,
        70,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "price on request; the minimum seats are as commonly quoted",
    ),
    (
        "m365-copilot-chat",
        MS_COPILOT,
        "Microsoft 365 Copilot Chat",
        Tier::Free,
        Some(0),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "included with Microsoft 365 work accounts",
    ),
    (
        "copilot-pro",
        MS_COPILOT,
        "Copilot Pro",
        Tier::Individual,
        Some(2_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "m365-copilot",
        MS_COPILOT,
        "Microsoft 365 Copilot",
        Tier::Enterprise,
        Some(36_000),
        "USD",
        Annual,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "$30 a user a month on a yearly commitment, on top of Microsoft 365",
    ),
    (
        "github-copilot-free",
        GH_COPILOT,
        "Free",
        Tier::Free,
        Some(0),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "github-copilot-pro",
        GH_COPILOT,
        "Pro",
        Tier::Individual,
        Some(1_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "github-copilot-business",
        GH_COPILOT,
        "Business",
        Tier::Team,
        Some(1_900),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "",
    ),
    (
        "github-copilot-enterprise",
        GH_COPILOT,
        "Enterprise",
        Tier::Enterprise,
        Some(3_900),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "needs GitHub Enterprise Cloud",
    ),
    (
        "gemini-free",
        GEMINI,
        "Free",
        Tier::Free,
        Some(0),
        "JPY",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "google-ai-pro",
        GEMINI,
        "Google AI Pro",
        Tier::Individual,
        Some(2_900),
        "JPY",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "formerly Gemini Advanced",
    ),
    (
        "deepl-free",
        DEEPL,
        "Free",
        Tier::Free,
        Some(0),
        "JPY",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "texts may be used to improve the service",
    ),
    (
        "deepl-pro-starter",
        DEEPL,
        "Pro Starter",
        Tier::Individual,
        Some(1_200),
        "JPY",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "texts are deleted after translation",
    ),
    (
        "deepl-pro-advanced",
        DEEPL,
        "Pro Advanced",
        Tier::Team,
        Some(3_800),
        "JPY",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "",
    ),
    (
        "notion-business-monthly",
        NOTION,
        "Business (monthly)",
        Tier::Team,
        Some(2_400),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "Notion AI included",
    ),
    (
        "notion-business-annual",
        NOTION,
        "Business (annual)",
        Tier::Team,
        Some(24_000),
        "USD",
        Annual,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "Notion AI included; $20 a seat a month, billed yearly",
    ),
    (
        "perplexity-pro",
        PERPLEXITY,
        "Pro",
        Tier::Individual,
        Some(2_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "",
    ),
    (
        "perplexity-enterprise-pro",
        PERPLEXITY,
        "Enterprise Pro",
        Tier::Team,
        Some(4_000),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "",
    ),
    (
        "cursor-pro",
        CURSOR,
        "Pro",
        Tier::Individual,
        Some(2_000),
        "USD",
        Monthly,
        1,
        ConsumerCloud,
        true,
        "2025-11-01",
        "privacy mode stops training",
    ),
    (
        "cursor-teams",
        CURSOR,
        "Teams",
        Tier::Team,
        Some(4_000),
        "USD",
        Monthly,
        1,
        EnterpriseCloud,
        false,
        "2025-11-01",
        "",
    ),
    (
        "local-llm",
        LOCAL_LLM,
        "Self-hosted",
        Tier::Free,
        Some(0),
        "JPY",
        Monthly,
        1,
        OnPremise,
        false,
        "2025-11-01",
        "hardware and running costs are not included",
    ),
];

/// True when the store has applied this build's seed.
pub fn seed_is_current(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(applied_seed(conn)? >= SEED_VERSION)
}

fn applied_seed(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = 'catalog_seed_version'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// Applies [`SEED_PLANS`] when the store last applied an older seed: adds
/// the seed plans it lacks and updates those the user has not edited or
/// deleted. A user's plan of the same name as a new seed plan wins.
pub fn sync_seed(tx: &Transaction) -> rusqlite::Result<()> {
    if applied_seed(tx)? >= SEED_VERSION {
        return Ok(());
    }
    let mut tool_of = tx.prepare("SELECT id FROM tools WHERE uid = ?1")?;
    let mut existing = tx.prepare(
        "SELECT edited_at IS NOT NULL OR deleted_at IS NOT NULL FROM plans WHERE seed_key = ?1",
    )?;
    let mut update = tx.prepare(
        "UPDATE plans SET name = ?2, tier = ?3, price_minor = ?4, currency = ?5, billing = ?6,
             min_seats = ?7, deployment = ?8, trains_on_inputs = ?9, as_of = ?10, note = ?11
         WHERE seed_key = ?1",
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO plans (uid, tool_id, name, tier, price_minor, currency, billing, min_seats,
             deployment, trains_on_inputs, as_of, note, seed_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (tool_id, name) DO NOTHING",
    )?;
    for &(
        key,
        tool_uid,
        name,
        tier,
        price,
        currency,
        billing,
        min,
        deployment,
        trains,
        as_of,
        note,
    ) in SEED_PLANS
    {
        let Some(tool_id): Option<i64> =
            tool_of.query_row(params![tool_uid], |r| r.get(0)).optional()?
        else {
            continue;
        };
        match existing.query_row(params![key], |r| r.get::<_, bool>(0)).optional()? {
            Some(true) => {}
            Some(false) => {
                update.execute(params![
                    key,
                    name,
                    tier.as_str(),
                    price,
                    currency,
                    billing.as_str(),
                    min,
                    deployment.as_str(),
                    trains,
                    as_of,
                    note
                ])?;
            }
            None => {
                insert.execute(params![
                    crate::store::new_id(),
                    tool_id,
                    name,
                    tier.as_str(),
                    price,
                    currency,
                    billing.as_str(),
                    min,
                    deployment.as_str(),
                    trains,
                    as_of,
                    note,
                    key
                ])?;
            }
        }
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('catalog_seed_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![SEED_VERSION.to_string()],
    )?;
    Ok(())
}

const PLAN_COLUMNS: &str = "p.uid, t.uid, t.name, p.name, p.tier, p.price_minor, p.currency,
    p.billing, p.min_seats, p.deployment, p.trains_on_inputs, p.as_of, p.note,
    p.seed_key IS NOT NULL, p.edited_at IS NOT NULL";

fn plan_from_row(r: &rusqlite::Row) -> rusqlite::Result<Plan> {
    let currency = Currency::parse(&r.get::<_, String>(6)?).unwrap_or(Currency::JPY);
    let text = |i: usize| r.get::<_, String>(i);
    Ok(Plan {
        id: text(0)?,
        tool_id: text(1)?,
        tool: text(2)?,
        name: text(3)?,
        tier: Tier::parse(&text(4)?).unwrap_or(Tier::Individual),
        price: r.get::<_, Option<i64>>(5)?.map(|m| Money::new(currency, m)),
        currency,
        billing: Billing::parse(&text(7)?).unwrap_or(Billing::Monthly),
        min_seats: r.get(8)?,
        deployment: Deployment::parse(&text(9)?).unwrap_or(Deployment::ConsumerCloud),
        trains_on_inputs: r.get(10)?,
        as_of: text(11)?,
        note: text(12)?,
        from_seed: r.get(13)?,
        edited: r.get(14)?,
    })
}

/// Every plan not in the trash, by product then tier then price.
pub fn list_plans(conn: &Connection) -> rusqlite::Result<Vec<Plan>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans p JOIN tools t ON t.id = p.tool_id
         WHERE p.deleted_at IS NULL
         ORDER BY t.name, CASE p.tier WHEN 'free' THEN 0 WHEN 'individual' THEN 1
             WHEN 'team' THEN 2 ELSE 3 END, p.price_minor IS NULL, p.price_minor, p.name"
    ))?;
    let plans = stmt.query_map([], plan_from_row)?.collect();
    plans
}

/// One plan by id, trash included.
pub fn get_plan(conn: &Connection, id: &str) -> Result<Plan, CatalogError> {
    conn.query_row(
        &format!(
            "SELECT {PLAN_COLUMNS} FROM plans p JOIN tools t ON t.id = p.tool_id WHERE p.uid = ?1"
        ),
        params![id],
        plan_from_row,
    )
    .optional()?
    .ok_or_else(|| CatalogError::NotFound(format!("no plan has the id {id}")))
}

/// The whole catalogue: every tool with its aliases and plans.
pub fn list(conn: &Connection) -> Result<Vec<CatalogTool>, CatalogError> {
    let mut plans_by_tool: HashMap<String, Vec<Plan>> = HashMap::new();
    for plan in list_plans(conn)? {
        plans_by_tool.entry(plan.tool_id.clone()).or_default().push(plan);
    }
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT tool_id, alias FROM tool_aliases ORDER BY alias")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, alias) = row?;
        aliases.entry(id).or_default().push(alias);
    }
    let mut stmt = conn.prepare(
        "SELECT id, uid, name, vendor, category, in_catalog FROM tools
         ORDER BY in_catalog DESC, name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut tools = Vec::new();
    for row in rows {
        let (id, uid, name, vendor, category, in_catalog) = row?;
        tools.push(CatalogTool {
            plans: plans_by_tool.remove(&uid).unwrap_or_default(),
            aliases: aliases.remove(&id).unwrap_or_default(),
            id: uid,
            name,
            vendor,
            category,
            in_catalog,
        });
    }
    Ok(tools)
}

/// The integer key of the tool `typed` names: its id, its name or an alias.
pub fn tool_key(conn: &Connection, typed: &str) -> Result<Option<i64>, CatalogError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let by_uid: Option<i64> = conn
        .query_row("SELECT id FROM tools WHERE uid = ?1 OR name = ?1", params![typed], |r| r.get(0))
        .optional()?;
    if by_uid.is_some() {
        return Ok(by_uid);
    }
    Ok(ToolMatcher::load(conn)?.find(typed))
}

/// `text` in Unicode NFKC, so full-width digits read as digits.
pub(crate) fn nfkc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().collect()
}

fn invalid(field: &'static str, reason: impl Into<String>) -> CatalogError {
    CatalogError::Invalid { field, reason: reason.into() }
}

/// Checks a typed plan and adds it (`id` None) or changes the plan `id`.
/// A changed seed plan is marked edited, so the seed leaves it alone.
pub fn save_plan(
    store: &mut Store,
    id: Option<&str>,
    input: &PlanInput,
) -> Result<Plan, CatalogError> {
    let conn = store.conn();
    let tool = tool_key(conn, &input.tool)?.ok_or_else(|| {
        invalid("tool", format!("'{}' is not a tool in the catalogue", input.tool.trim()))
    })?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(invalid("name", "a plan needs a name"));
    }
    let tier = Tier::parse(&input.tier).ok_or_else(|| {
        invalid(
            "tier",
            format!("'{}' is not free, individual, team or enterprise", input.tier.trim()),
        )
    })?;
    let (price, currency) = price_and_currency(&input.price, &input.currency)?;
    let billing = Billing::parse(&input.billing).ok_or_else(|| {
        invalid("billing", format!("'{}' is not monthly or annual", input.billing.trim()))
    })?;
    let min_seats = match input.min_seats.trim() {
        "" => 1,
        t => match nfkc(t).parse::<i64>() {
            Ok(n @ 1..=1_000_000) => n,
            _ => {
                return Err(invalid(
                    "min_seats",
                    format!("'{t}' is not a whole number of seats from 1"),
                ))
            }
        },
    };
    let deployment = Deployment::parse(&input.deployment).ok_or_else(|| {
        invalid(
            "deployment",
            format!(
                "'{}' is not consumer_cloud, enterprise_cloud or on_premise",
                input.deployment.trim()
            ),
        )
    })?;
    let as_of = match input.as_of.trim() {
        "" => chrono::Local::now().date_naive().format("%Y-%m-%d").to_string(),
        t => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| invalid("as_of", format!("'{t}' is not a date (YYYY-MM-DD)")))?
            .format("%Y-%m-%d")
            .to_string(),
    };
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let uid = store.write(|tx| {
        let clash: Option<String> = tx
            .query_row(
                "SELECT uid FROM plans WHERE tool_id = ?1 AND name = ?2",
                params![tool, name],
                |r| r.get(0),
            )
            .optional()?;
        if clash.as_deref().is_some_and(|c| Some(c) != id) {
            return Err(invalid("name", format!("the tool already has a plan named '{name}'")));
        }
        let values = params![
            tool,
            name,
            tier.as_str(),
            price,
            currency.code(),
            billing.as_str(),
            min_seats,
            deployment.as_str(),
            input.trains_on_inputs,
            as_of,
            input.note.trim()
        ];
        match id {
            None => {
                let uid = crate::store::new_id();
                tx.execute(
                    "INSERT INTO plans (tool_id, name, tier, price_minor, currency, billing,
                         min_seats, deployment, trains_on_inputs, as_of, note, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    rusqlite::params_from_iter(
                        values.iter().copied().chain([&uid as &dyn rusqlite::ToSql]),
                    ),
                )?;
                Ok(uid)
            }
            Some(id) => {
                let n = tx.execute(
                    "UPDATE plans SET tool_id = ?1, name = ?2, tier = ?3, price_minor = ?4,
                         currency = ?5, billing = ?6, min_seats = ?7, deployment = ?8,
                         trains_on_inputs = ?9, as_of = ?10, note = ?11, edited_at = ?12
                     WHERE uid = ?13",
                    rusqlite::params_from_iter(
                        values.iter().copied().chain([&now as &dyn rusqlite::ToSql, &id]),
                    ),
                )?;
                if n == 0 {
                    return Err(CatalogError::NotFound(format!("no plan has the id {id}")));
                }
                Ok(id.to_string())
            }
        }
    })?;
    get_plan(store.conn(), &uid)
}

/// A typed price and currency: "30" with "USD", "$30", "4,497円", or
/// blank for a price not published (then the currency must be given).
pub fn price_and_currency(
    price: &str,
    currency: &str,
) -> Result<(Option<i64>, Currency), CatalogError> {
    let given = match currency.trim() {
        "" => None,
        c => Some(Currency::parse(c).map_err(|e| invalid("currency", e.to_string()))?),
    };
    let default = given.unwrap_or(Currency::JPY);
    let parsed = values::parse_money(price, default)
        .map_err(|e| invalid("price", format!("'{}' {e}", price.trim())))?;
    let Some(money) = parsed else {
        let currency =
            given.ok_or_else(|| invalid("currency", "give the currency (e.g. JPY or USD)"))?;
        return Ok((None, currency));
    };
    if let Some(c) = given {
        if money.currency != c {
            return Err(invalid(
                "price",
                format!("'{}' is in {}, but the currency says {c}", price.trim(), money.currency),
            ));
        }
    }
    Ok((Some(money.minor), money.currency))
}

/// Moves a plan to the trash; contracts on it keep their own prices.
pub fn delete_plan(store: &mut Store, id: &str) -> Result<(), CatalogError> {
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let n = store.write(|tx| {
        tx.execute(
            "UPDATE plans SET deleted_at = ?2 WHERE uid = ?1 AND deleted_at IS NULL",
            params![id, now],
        )
    })?;
    if n == 0 {
        return Err(CatalogError::NotFound(format!("no plan has the id {id}")));
    }
    Ok(())
}

/// Changes a tool's vendor and category.
pub fn update_tool(
    store: &mut Store,
    tool: &str,
    vendor: &str,
    category: &str,
) -> Result<(), CatalogError> {
    let key = tool_key(store.conn(), tool)?.ok_or_else(|| {
        CatalogError::NotFound(format!("'{tool}' is not a tool in the catalogue"))
    })?;
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let blank = |t: &str| (!t.trim().is_empty()).then(|| t.trim().to_string());
    store.write(|tx| {
        tx.execute(
            "UPDATE tools SET vendor = ?2, category = ?3, edited_at = ?4 WHERE id = ?1",
            params![key, blank(vendor), blank(category), now],
        )
    })?;
    Ok(())
}

/// Adds a spelling that names `tool`; an alias another tool has is refused.
pub fn add_alias(store: &mut Store, tool: &str, alias: &str) -> Result<(), CatalogError> {
    let key = tool_key(store.conn(), tool)?.ok_or_else(|| {
        CatalogError::NotFound(format!("'{tool}' is not a tool in the catalogue"))
    })?;
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(invalid("alias", "an alias cannot be blank"));
    }
    if let Some(other) = ToolMatcher::load(store.conn())?.find(alias).filter(|&o| o != key) {
        let name: String = store.conn().query_row(
            "SELECT name FROM tools WHERE id = ?1",
            params![other],
            |r| r.get(0),
        )?;
        return Err(invalid("alias", format!("'{alias}' already names {name}")));
    }
    store.write(|tx| {
        tx.execute(
            "INSERT INTO tool_aliases (alias, tool_id) VALUES (?1, ?2)
             ON CONFLICT (alias) DO UPDATE SET tool_id = excluded.tool_id",
            params![alias, key],
        )
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let named = |tool: &str| m.find(tool).unwrap_or_else(|| panic!("{tool} is seeded"));
        for (typed, tool) in [
            ("GPT4", "ChatGPT"),
            ("Claude.ai", "Claude"),
            ("Copilot Chat", "Microsoft Copilot"),
            ("Gemini for Google Workspace", "Gemini"),
        ] {
            assert_eq!(m.find(typed), Some(named(tool)), "{typed} is {tool}");
        }
        Ok(())
    }

    #[test]
    fn copilot_alone_stays_microsoft_copilot_beside_the_alias_copilot_github() {
        // "Copilot (GitHub)" folds to "copilot" as a header's note folds
        // away; it must not take the plain name from Microsoft Copilot.
        let store = Store::open_in_memory().unwrap();
        let m = ToolMatcher::load(store.conn()).unwrap();
        assert_eq!(m.find("Copilot"), m.find("Microsoft Copilot"), "Copilot alone");
        assert_ne!(m.find("Copilot"), m.find("GitHub Copilot"));
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

#[cfg(test)]
mod plan_tests {
    use super::*;

    #[test]
    fn the_seed_has_the_common_products_and_their_plans() -> Result<(), Box<dyn std::error::Error>>
    {
        let store = Store::open_in_memory()?;
        let plans = list_plans(store.conn())?;
        let find = |tool: &str, name: &str| {
            plans.iter().find(|p| p.tool == tool && p.name == name).cloned()
        };
        let business = find("ChatGPT", "Business (annual)").expect("ChatGPT Business");
        assert_eq!(business.price, Some(Money::new(Currency::USD, 30_000)));
        assert_eq!(business.min_seats, 2);
        assert_eq!(business.deployment, Deployment::EnterpriseCloud);
        assert!(!business.trains_on_inputs);
        assert!(find("ChatGPT", "Plus").is_some_and(|p| p.trains_on_inputs));
        assert!(
            find("ChatGPT", "Enterprise").is_some_and(|p| p.price.is_none()),
            "quoted on request"
        );
        assert!(find("Claude", "Team (annual)").is_some_and(|p| p.min_seats == 5));
        assert!(find("Microsoft Copilot", "Microsoft 365 Copilot").is_some());
        assert!(find("GitHub Copilot", "Business").is_some());
        assert!(find("GitHub Copilot", "Enterprise").is_some());
        assert!(find("Gemini", "Google AI Pro").is_some());
        assert!(find("DeepL", "Pro Starter").is_some());
        assert!(find("Notion AI", "Business (annual)").is_some());
        assert!(
            find("Local LLM", "Self-hosted").is_some_and(|p| p.deployment == Deployment::OnPremise)
        );
        assert!(plans.iter().all(|p| !p.as_of.is_empty()), "every price says when it was seen");
        Ok(())
    }

    #[test]
    fn a_users_edit_survives_a_newer_seed() -> Result<(), Box<dyn std::error::Error>> {
        let mut store = Store::open_in_memory()?;
        let plus = list_plans(store.conn())?
            .into_iter()
            .find(|p| p.tool == "ChatGPT" && p.name == "Plus")
            .unwrap();
        let team = list_plans(store.conn())?
            .into_iter()
            .find(|p| p.tool == "Claude" && p.name == "Team (monthly)")
            .unwrap();
        save_plan(
            &mut store,
            Some(&plus.id),
            &PlanInput {
                tool: "ChatGPT".into(),
                name: "Plus".into(),
                tier: "individual".into(),
                price: "3,300円".into(),
                currency: String::new(),
                billing: "monthly".into(),
                min_seats: "1".into(),
                deployment: "consumer_cloud".into(),
                trains_on_inputs: true,
                as_of: "2026-12-01".into(),
                note: "our card's price in yen".into(),
            },
        )?;
        delete_plan(&mut store, &team.id)?;
        // An upgrade brings a newer seed: pretend the seed ran long ago and
        // the untouched rows hold old values.
        store.write(|tx| {
            tx.execute(
                "UPDATE plans SET price_minor = 1 WHERE seed_key = 'claude-pro-monthly'",
                [],
            )?;
            tx.execute("UPDATE settings SET value = '0' WHERE key = 'catalog_seed_version'", [])?;
            sync_seed(tx)
        })?;
        let plans = list_plans(store.conn())?;
        let plus = plans.iter().find(|p| p.id == plus.id).unwrap();
        assert_eq!(plus.price, Some(Money::new(Currency::JPY, 3_300)), "the user's price stays");
        assert!(plus.edited);
        assert!(!plans.iter().any(|p| p.id == team.id), "a plan the user deleted stays deleted");
        let pro = plans.iter().find(|p| p.tool == "Claude" && p.name == "Pro (monthly)").unwrap();
        assert_eq!(
            pro.price,
            Some(Money::new(Currency::USD, 2_000)),
            "an untouched seed row follows the seed"
        );
        Ok(())
    }

    #[test]
    fn a_bad_plan_names_the_field_and_stores_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let mut store = Store::open_in_memory()?;
        let before = list_plans(store.conn())?.len();
        let good = PlanInput {
            tool: "チャットGPT".into(),
            name: "社内契約".into(),
            tier: "team".into(),
            price: "$28".into(),
            billing: "monthly".into(),
            deployment: "enterprise_cloud".into(),
            ..PlanInput::default()
        };
        for (bad, field) in [
            (PlanInput { tool: "nothing".into(), ..good.clone() }, "tool"),
            (PlanInput { tier: "gold".into(), ..good.clone() }, "tier"),
            (PlanInput { price: "たくさん".into(), ..good.clone() }, "price"),
            (PlanInput { price: "$28".into(), currency: "JPY".into(), ..good.clone() }, "price"),
            (PlanInput { currency: "XYZ".into(), ..good.clone() }, "currency"),
            (PlanInput { min_seats: "-3".into(), ..good.clone() }, "min_seats"),
            (PlanInput { billing: "weekly".into(), ..good.clone() }, "billing"),
            (PlanInput { name: "Plus".into(), ..good.clone() }, "name"),
        ] {
            match save_plan(&mut store, None, &bad) {
                Err(CatalogError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: expected a refusal, got {other:?}"),
            }
        }
        assert_eq!(list_plans(store.conn())?.len(), before, "nothing was stored");
        let plan = save_plan(&mut store, None, &good)?;
        assert_eq!(plan.tool, "ChatGPT", "the alias found the tool");
        assert_eq!(plan.price, Some(Money::new(Currency::USD, 2_800)));
        Ok(())
    }
}
