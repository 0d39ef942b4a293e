//! The contract commands: contracts, the catalogue, spend, duplicates,
//! renewals, ROI and the trash. Each calls one core function and prints
//! its result, as text or with `--json` as the window receives it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use oversight_core::catalog::{self, PlanInput};
use oversight_core::contracts::import::{self as contract_import, ContractImportOptions};
use oversight_core::contracts::{self, ContractError, ContractInput};
use oversight_core::inventory::Lang;
use oversight_core::money::Currency;
use oversight_core::roi::{self, UseCaseInput};
use oversight_core::spend::{self, By};
use oversight_core::{duplicates, exports, renewals, trash, Store};

use super::{print_json, Failure};

/// The fields of a contract, as `contracts add` and `contracts edit` take them.
#[derive(Args, Debug, Default)]
pub struct ContractFields {
    /// The tool: its name, an alias or its id.
    #[arg(long, allow_hyphen_values = true)]
    tool: Option<String>,
    /// The plan's name, e.g. "Business (annual)".
    #[arg(long, allow_hyphen_values = true)]
    plan: Option<String>,
    /// The department.
    #[arg(long, allow_hyphen_values = true)]
    department: Option<String>,
    /// company, expense or personal.
    #[arg(long, allow_hyphen_values = true)]
    account_kind: Option<String>,
    /// Seats (default 1).
    #[arg(long, allow_hyphen_values = true)]
    seats: Option<String>,
    /// Price of one seat for one billing period: 30, $30, 4,497円; blank is unknown.
    #[arg(long, allow_hyphen_values = true)]
    unit_price: Option<String>,
    /// ISO 4217 code.
    #[arg(long, allow_hyphen_values = true)]
    currency: Option<String>,
    /// monthly or annual.
    #[arg(long, allow_hyphen_values = true)]
    billing: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    start_date: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    renewal_date: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    end_date: Option<String>,
    /// yes or no.
    #[arg(long, allow_hyphen_values = true)]
    auto_renew: Option<String>,
    /// Days of notice before the renewal.
    #[arg(long, allow_hyphen_values = true)]
    notice_days: Option<String>,
    /// trial, active, cancelled or ended.
    #[arg(long, allow_hyphen_values = true)]
    status: Option<String>,
    /// Who looks after it.
    #[arg(long, allow_hyphen_values = true)]
    owner: Option<String>,
    /// A note.
    #[arg(long, allow_hyphen_values = true)]
    note: Option<String>,
}

impl ContractFields {
    /// The typed contract, on top of `base` (a stored contract when editing).
    fn over(self, base: ContractInput) -> ContractInput {
        let pick = |new: Option<String>, old: String| new.unwrap_or(old);
        ContractInput {
            tool: pick(self.tool, base.tool),
            plan: pick(self.plan, base.plan),
            department: pick(self.department, base.department),
            account_kind: pick(self.account_kind, base.account_kind),
            seats: pick(self.seats, base.seats),
            unit_price: pick(self.unit_price, base.unit_price),
            currency: pick(self.currency, base.currency),
            billing: pick(self.billing, base.billing),
            start_date: pick(self.start_date, base.start_date),
            renewal_date: pick(self.renewal_date, base.renewal_date),
            end_date: pick(self.end_date, base.end_date),
            auto_renew: pick(self.auto_renew, base.auto_renew),
            notice_days: pick(self.notice_days, base.notice_days),
            status: pick(self.status, base.status),
            owner: pick(self.owner, base.owner),
            note: pick(self.note, base.note),
        }
    }
}

/// `contracts …`
#[derive(Subcommand)]
pub enum ContractsAction {
    /// List the contracts (not those in the trash).
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a contract.
    Add {
        #[command(flatten)]
        fields: ContractFields,
        /// Print the stored contract as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a contract: only the fields given change.
    Edit {
        /// The contract's id.
        id: String,
        #[command(flatten)]
        fields: ContractFields,
    },
    /// Move a contract to the trash.
    Delete {
        /// The contract's id.
        id: String,
    },
    /// Write the blank import template (.csv or .xlsx, from the file's extension).
    Template {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Survey answers paid personally that could become contracts.
    Suggestions {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Confirm survey suggestions (by response id) as personal contracts.
    Confirm {
        /// Response ids, from `contracts suggestions`.
        #[arg(required = true)]
        response_ids: Vec<i64>,
    },
}

/// `import contracts …`
#[derive(Args)]
pub struct ImportContractsArgs {
    /// The file: the app's template (CSV/XLSX) or Snipe-IT's licence export.
    file: PathBuf,
    /// The currency of costs written without one (Snipe-IT); default: the base currency.
    #[arg(long)]
    currency: Option<String>,
    /// Read and report, store nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// `catalog …`
// Parsed once per run: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum CatalogAction {
    /// List the tools with their aliases and plans.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a plan, or change the plan --id.
    Plan {
        /// The plan to change; a new plan when left out.
        #[arg(long)]
        id: Option<String>,
        /// The tool.
        #[arg(long)]
        tool: String,
        /// The plan's name.
        #[arg(long)]
        name: String,
        /// free, individual, team or enterprise.
        #[arg(long)]
        tier: String,
        /// List price per seat per billing period, before tax; blank when not published.
        #[arg(long, default_value = "")]
        price: String,
        /// ISO 4217 code.
        #[arg(long, default_value = "")]
        currency: String,
        /// monthly or annual.
        #[arg(long, default_value = "monthly")]
        billing: String,
        /// The fewest seats it is sold with.
        #[arg(long, default_value = "1")]
        min_seats: String,
        /// consumer_cloud, enterprise_cloud or on_premise.
        #[arg(long)]
        deployment: String,
        /// The vendor may train on inputs.
        #[arg(long)]
        trains_on_inputs: bool,
        /// The day the price was seen, YYYY-MM-DD (default today).
        #[arg(long, default_value = "")]
        as_of: String,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move a plan to the trash.
    DeletePlan {
        /// The plan's id.
        id: String,
    },
    /// Add a spelling that names a tool.
    Alias {
        /// The tool.
        tool: String,
        /// The spelling.
        alias: String,
    },
}

/// `usecases …`
#[derive(Subcommand)]
pub enum UseCaseAction {
    /// List the use cases.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a use case, or change the use case --id.
    Add {
        /// The use case to change.
        #[arg(long)]
        id: Option<String>,
        /// The department.
        #[arg(long)]
        department: String,
        /// The task.
        #[arg(long)]
        task: String,
        /// The tool.
        #[arg(long, default_value = "")]
        tool: String,
        /// Minutes saved a run.
        #[arg(long, default_value = "")]
        minutes_per_run: String,
        /// Runs a month.
        #[arg(long, default_value = "")]
        runs_per_month: String,
        /// Or: hours saved a month.
        #[arg(long, default_value = "")]
        hours_per_month: String,
        /// Seats of the tool it takes.
        #[arg(long, default_value = "")]
        seats: String,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move a use case to the trash.
    Delete {
        /// The use case's id.
        id: String,
    },
    /// Set a department's hourly cost ("3500", "¥3,500"; blank clears it).
    HourlyCost {
        /// The department.
        department: String,
        /// The cost of an hour of its work.
        cost: String,
    },
}

/// `trash …`
#[derive(Subcommand)]
pub enum TrashAction {
    /// List what is in the trash.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Put a record back: its kind (contract, plan, use_case) and id.
    Restore {
        /// contract, plan or use_case.
        kind: String,
        /// Its id.
        id: String,
    },
    /// Remove everything in the trash for good.
    Empty,
}

/// Reads `--as-of` (default today).
pub fn as_of(text: Option<&str>) -> Result<NaiveDate, Failure> {
    match text {
        None => Ok(chrono::Local::now().date_naive()),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| Failure(format!("--as-of {t}: give a date as YYYY-MM-DD"))),
    }
}

fn lang(text: &str) -> Result<Lang, Failure> {
    Ok(text.parse::<Lang>()?)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// The stored contract as typed text, to edit it.
fn as_input(c: &contracts::Contract) -> ContractInput {
    ContractInput {
        tool: c.tool.clone(),
        plan: c.plan.clone().unwrap_or_default(),
        department: c.department.clone().unwrap_or_default(),
        account_kind: c.account_kind.as_str().into(),
        seats: c.seats.to_string(),
        unit_price: c.unit_price.map(|m| m.to_decimal_string()).unwrap_or_default(),
        currency: c.currency.code().into(),
        billing: c.billing.as_str().into(),
        start_date: c.start_date.clone().unwrap_or_default(),
        renewal_date: c.renewal_date.clone().unwrap_or_default(),
        end_date: c.end_date.clone().unwrap_or_default(),
        auto_renew: if c.auto_renew { "yes" } else { "no" }.into(),
        notice_days: c.notice_days.to_string(),
        status: c.status.as_str().into(),
        owner: c.owner.clone(),
        note: c.note.clone(),
    }
}

fn print_contract(c: &contracts::Contract) {
    let price = c.unit_price.map_or("price unknown".to_string(), |m| {
        format!("{m} a seat {}", if c.billing.as_str() == "annual" { "a year" } else { "a month" })
    });
    let monthly = c
        .monthly_cost_base
        .map_or_else(|| c.unpriced.clone().unwrap_or_default(), |m| format!("{m} a month"));
    crate::out!(
        "{}  {} {}  {}  {}  {} seat{}  {price}  = {monthly}  {}",
        c.id,
        c.tool,
        c.plan.as_deref().unwrap_or(""),
        c.department.as_deref().unwrap_or("(no department)"),
        c.account_kind.as_str(),
        c.seats,
        if c.seats == 1 { "" } else { "s" },
        c.status.as_str()
    );
}

/// Runs `contracts …`.
pub fn run_contracts(db: &Path, action: ContractsAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        ContractsAction::List { json } => {
            let list = contracts::list(&store)?;
            if json {
                print_json(&list);
            } else {
                list.iter().for_each(print_contract);
                crate::out!("{} contracts", list.len());
            }
        }
        ContractsAction::Add { fields, json } => {
            let c = contracts::add(&mut store, &fields.over(ContractInput::default()))
                .map_err(invalid)?;
            if json {
                print_json(&c);
            } else {
                print_contract(&c);
            }
        }
        ContractsAction::Edit { id, fields } => {
            let old = contracts::get(&store, &id)?;
            let c = contracts::update(&mut store, &id, &fields.over(as_input(&old)))
                .map_err(invalid)?;
            print_contract(&c);
        }
        ContractsAction::Delete { id } => {
            contracts::delete(&mut store, &id)?;
            crate::out!("moved to the trash (oversight trash restore contract {id})");
        }
        ContractsAction::Template { out } => {
            let bytes = match out.extension().and_then(|e| e.to_str()) {
                Some("xlsx") => exports::template_xlsx()?,
                Some("csv") => exports::template_csv(),
                _ => return Err(Failure(format!("{}: name it .csv or .xlsx", out.display()))),
            };
            write(&out, &bytes)?;
        }
        ContractsAction::Suggestions { json } => {
            let list = contracts::survey::suggestions(&store)?;
            if json {
                print_json(&list);
            } else {
                for s in &list {
                    crate::out!(
                        "{}  row {}  {}  {}  {}  {}  {}",
                        s.response_id,
                        s.row,
                        s.department.as_deref().unwrap_or("(no department)"),
                        s.respondent.as_deref().unwrap_or("(anonymous)"),
                        s.tool,
                        s.account_kind,
                        s.monthly_cost
                    );
                }
                crate::out!(
                    "{} answers; confirm with: oversight contracts confirm ID…",
                    list.len()
                );
            }
        }
        ContractsAction::Confirm { response_ids } => {
            let made = contracts::survey::confirm(&mut store, &response_ids)?;
            made.iter().for_each(print_contract);
        }
    }
    Ok(())
}

/// A refused contract: every problem on one line, field by field.
fn invalid(e: ContractError) -> Failure {
    match e {
        ContractError::Invalid(problems) => Failure(format!(
            "not stored: {}",
            problems
                .iter()
                .map(|p| match p.value.as_str() {
                    "" => format!("--{} {}", p.field.replace('_', "-"), p.reason),
                    v => format!("--{} '{v}' {}", p.field.replace('_', "-"), p.reason),
                })
                .collect::<Vec<_>>()
                .join("; ")
        )),
        other => Failure(other.to_string()),
    }
}

/// Runs `import contracts …`.
pub fn import_contracts(db: &Path, args: ImportContractsArgs) -> Result<(), Failure> {
    let currency = match &args.currency {
        Some(c) => Some(Currency::parse(c).map_err(|e| Failure(format!("--currency {c}: {e}")))?),
        None => None,
    };
    let mut store = Store::open(db)?;
    let report = contract_import::import(
        &mut store,
        &args.file,
        &ContractImportOptions { dry_run: args.dry_run, currency },
    )?;
    if args.json {
        print_json(&report);
        return Ok(());
    }
    let verb = if report.dry_run { "would import" } else { "imported" };
    crate::out!(
        "{}: {verb} {} contracts from {} rows ({} already imported or repeated), read as {}",
        report.file,
        report.imported,
        report.rows,
        report.duplicates,
        report.encoding
    );
    for note in &report.notes {
        crate::out!("note: {note}");
    }
    for f in &report.flagged {
        crate::out!("flagged: row {}, column {}: '{}' {}", f.row, f.column, f.value, f.reason);
    }
    if !report.batch.is_empty() {
        crate::out!("undo with: oversight import undo {}", report.batch);
    }
    Ok(())
}

/// Runs `catalog …`.
pub fn run_catalog(db: &Path, action: CatalogAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        CatalogAction::List { json } => {
            let tools = catalog::list(store.conn())?;
            if json {
                print_json(&tools);
                return Ok(());
            }
            for t in tools.iter().filter(|t| t.in_catalog) {
                crate::out!("{} ({})", t.name, t.vendor.as_deref().unwrap_or("?"));
                for p in &t.plans {
                    let price = p.price.map_or("price on request".to_string(), |m| m.to_string());
                    crate::out!(
                        "  {}  {}  {price} a seat {}, from {} seats, {}{}, as of {}",
                        p.id,
                        p.name,
                        p.billing.as_str(),
                        p.min_seats,
                        p.deployment.as_str(),
                        if p.trains_on_inputs { ", trains on inputs" } else { "" },
                        p.as_of
                    );
                }
            }
        }
        CatalogAction::Plan {
            id,
            tool,
            name,
            tier,
            price,
            currency,
            billing,
            min_seats,
            deployment,
            trains_on_inputs,
            as_of,
            note,
        } => {
            let input = PlanInput {
                tool,
                name,
                tier,
                price,
                currency,
                billing,
                min_seats,
                deployment,
                trains_on_inputs,
                as_of,
                note,
            };
            let p = catalog::save_plan(&mut store, id.as_deref(), &input)?;
            crate::out!("{}  {} {}", p.id, p.tool, p.name);
        }
        CatalogAction::DeletePlan { id } => {
            catalog::delete_plan(&mut store, &id)?;
            crate::out!("moved to the trash (oversight trash restore plan {id})");
        }
        CatalogAction::Alias { tool, alias } => {
            catalog::add_alias(&mut store, &tool, &alias)?;
        }
    }
    Ok(())
}

/// Runs `spend …`.
pub fn run_spend(db: &Path, by: &str, from: &str, to: &str, json: bool) -> Result<(), Failure> {
    let by: By = by.parse().map_err(|e| Failure(format!("--by {e}")))?;
    let (from, to) = spend::months(from, to)?;
    let store = Store::open(db)?;
    let s = spend::spend(&store, by, from, to)?;
    if json {
        print_json(&s);
        return Ok(());
    }
    for r in &s.rows {
        let name = if r.name.is_empty() { "(no department)" } else { &r.name };
        crate::out!("{name}: {}", r.total);
    }
    crate::out!("total {} to {}: {}", s.from, s.to, s.total);
    for r in &s.rates_used {
        crate::out!(
            "  rate used: 1 {} = {} {} (as of {})",
            r.currency,
            r.rate,
            s.base_currency,
            r.as_of
        );
    }
    for u in &s.unpriced {
        crate::out!("  not counted: {} {} ({})", u.id, u.tool, u.reason);
    }
    Ok(())
}

/// Options of `duplicates`.
#[derive(Args)]
pub struct DuplicatesArgs {
    /// The day to look at (default today), YYYY-MM-DD.
    #[arg(long)]
    as_of: Option<String>,
    /// Also write the list as CSV.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Also write the list as XLSX.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Language of the exported files.
    #[arg(long, default_value = "en", value_parser = ["en", "ja"])]
    lang: String,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `duplicates …`.
pub fn run_duplicates(db: &Path, args: DuplicatesArgs) -> Result<(), Failure> {
    let store = Store::open(db)?;
    let d = duplicates::duplicates(&store, as_of(args.as_of.as_deref())?)?;
    let lang = lang(&args.lang)?;
    if let Some(path) = &args.csv {
        write(path, &exports::duplicates_csv(&d, lang)?)?;
    }
    if let Some(path) = &args.xlsx {
        write(path, &exports::duplicates_xlsx(&d, lang)?)?;
    }
    if args.json {
        print_json(&d);
        return Ok(());
    }
    for g in &d.groups {
        crate::out!(
            "{}: {} contracts, {} seats in {}, {} a month now; {}",
            g.product,
            g.contracts.len(),
            g.seats,
            g.departments.join(", "),
            g.monthly_cost,
            g.verdict
        );
    }
    for o in &d.overlaps {
        crate::out!(
            "question: {} has {} tools for {}: {}",
            o.department,
            o.tools.len(),
            o.category,
            o.tools.join(", ")
        );
    }
    crate::out!("consolidating saves {} a month ({} a year)", d.monthly_saving, d.yearly_saving);
    Ok(())
}

/// Options of `renewals`.
#[derive(Args)]
pub struct RenewalsArgs {
    /// Days ahead (30, 60, 90 …).
    #[arg(long, default_value_t = 30)]
    within: u32,
    /// The first day (default today), YYYY-MM-DD.
    #[arg(long)]
    as_of: Option<String>,
    /// Also write the list as an .ics calendar file.
    #[arg(long, value_name = "FILE")]
    ics: Option<PathBuf>,
    /// Language of the calendar's events.
    #[arg(long, default_value = "en", value_parser = ["en", "ja"])]
    lang: String,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `renewals …`.
pub fn run_renewals(db: &Path, args: RenewalsArgs) -> Result<(), Failure> {
    if args.within > renewals::MAX_DAYS {
        return Err(Failure(format!(
            "--within {}: at most {} days",
            args.within,
            renewals::MAX_DAYS
        )));
    }
    let store = Store::open(db)?;
    let r = renewals::renewals(&store, args.within, as_of(args.as_of.as_deref())?)?;
    if let Some(path) = &args.ics {
        write(path, renewals::to_ics(&r, lang(&args.lang)? == Lang::Ja).as_bytes())?;
    }
    if args.json {
        print_json(&r);
        return Ok(());
    }
    for i in &r.items {
        let what = match i.kind {
            renewals::DueKind::Renewal => "renews",
            renewals::DueKind::CancellationDeadline => "last day to cancel",
        };
        crate::out!(
            "{} ({} days)  {} {}  {}  {what}",
            i.date,
            i.days_left,
            i.tool,
            i.plan.as_deref().unwrap_or(""),
            i.department.as_deref().unwrap_or("(no department)")
        );
    }
    crate::out!("{} dates from {} to {}", r.items.len(), r.as_of, r.until);
    Ok(())
}

/// Runs `roi …`.
pub fn run_roi(db: &Path, as_of_text: Option<&str>, json: bool) -> Result<(), Failure> {
    let store = Store::open(db)?;
    let r = roi::roi(&store, as_of(as_of_text)?)?;
    if json {
        print_json(&r);
        return Ok(());
    }
    for u in &r.use_cases {
        crate::out!(
            "{:>2}. {}: {} ({}), {} h a month, value {}, tool cost {}, net {}",
            u.rank,
            u.use_case.department,
            u.use_case.task,
            u.use_case.tool.as_deref().unwrap_or("no tool"),
            u.use_case.hours_saved_per_month,
            u.monthly_value.map_or("?".into(), |m| m.to_string()),
            u.monthly_tool_cost,
            u.net_monthly.map_or("?".into(), |m| m.to_string())
        );
    }
    for d in &r.missing_hourly_cost {
        crate::out!("  no hourly cost for {d}: oversight usecases hourly-cost {d} COST");
    }
    Ok(())
}

/// Runs `usecases …`.
pub fn run_use_cases(db: &Path, action: UseCaseAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        UseCaseAction::List { json } => {
            let list = roi::list_use_cases(&store)?;
            if json {
                print_json(&list);
            } else {
                for u in &list {
                    crate::out!(
                        "{}  {}: {}  {} h a month",
                        u.id,
                        u.department,
                        u.task,
                        u.hours_saved_per_month
                    );
                }
            }
        }
        UseCaseAction::Add {
            id,
            department,
            task,
            tool,
            minutes_per_run,
            runs_per_month,
            hours_per_month,
            seats,
            note,
        } => {
            let input = UseCaseInput {
                department,
                task,
                tool,
                minutes_per_run,
                runs_per_month,
                hours_per_month,
                seats,
                note,
            };
            let u = roi::save_use_case(&mut store, id.as_deref(), &input).map_err(invalid)?;
            crate::out!(
                "{}  {}: {}  {} h a month",
                u.id,
                u.department,
                u.task,
                u.hours_saved_per_month
            );
        }
        UseCaseAction::Delete { id } => {
            roi::delete_use_case(&mut store, &id)?;
            crate::out!("moved to the trash (oversight trash restore use_case {id})");
        }
        UseCaseAction::HourlyCost { department, cost } => {
            roi::set_hourly_cost(&mut store, &department, &cost).map_err(invalid)?;
        }
    }
    Ok(())
}

/// Runs `trash …`.
pub fn run_trash(db: &Path, action: TrashAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        TrashAction::List { json } => {
            let items = trash::list(&store)?;
            if json {
                print_json(&items);
            } else {
                for i in &items {
                    crate::out!("{}  {} {}  {}", i.deleted_at, i.kind, i.id, i.label);
                }
                crate::out!("{} in the trash", items.len());
            }
        }
        TrashAction::Restore { kind, id } => {
            trash::restore(&mut store, &kind, &id)?;
            crate::out!("restored");
        }
        TrashAction::Empty => {
            let n = trash::empty(&mut store)?;
            crate::out!("removed {n} for good");
        }
    }
    Ok(())
}
