//! `oversight`: the command-line front end over oversight-core.
//!
//! Every job the window does can be run here, and `--json` prints the same
//! figures the window shows. Exit status: 0 on success, 1 on an error (one
//! line on stderr saying what failed and where), 2 on a usage error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod library;
mod money;

use clap::{Args, Parser, Subcommand};
use oversight_core::charts::{self, ChartFormat};
use oversight_core::contracts::import as contract_import;
use oversight_core::contracts::ContractError;
use oversight_core::inventory::{self, ChartKind, Lang};
use oversight_core::survey::values::DateOrder;
use oversight_core::survey::{self, ImportOptions, ResponseQuery};
use oversight_core::{demo, logging, paths, settings, Store};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "oversight",
    version,
    about = "AI Oversight: the AI tool inventory, on the command line"
)]
struct Cli {
    /// The database file (default: $OVERSIGHT_DB, else the app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the sample company (30 people, 6 departments) into an empty database.
    Demo {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import a file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Show how a survey file would be read: encoding, headers, mapping, first rows.
    Preview {
        /// The survey export (CSV, TSV, "Unicode text", XLSX).
        file: PathBuf,
        /// Read FIELD from the column HEADER (repeatable).
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The survey to send out: its questions and options, to copy into
    /// Google Forms or Microsoft Forms; their exports then import as they are.
    SurveyForm {
        /// Language of the questions.
        #[arg(long, default_value = "en", value_parser = ["en", "ja"])]
        lang: String,
        /// Write it to this file instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The inventory: respondents, departments, tools, spend, hours saved.
    Summary {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Draw a chart to a PNG, PDF or SVG file.
    Chart(ChartArgs),
    /// List survey responses with their flagged values.
    Responses {
        /// Only responses with a value waiting to be fixed.
        #[arg(long)]
        flagged: bool,
        /// At most this many.
        #[arg(long, default_value_t = 200)]
        limit: u32,
        /// Skip this many first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fix a flagged value: give the flag's id (from `responses --flagged`) and the new text.
    Fix {
        /// The flag's id.
        flag: String,
        /// The corrected text, e.g. "3000円" or "2.5"; blank means unknown.
        value: String,
    },
    /// Read or change a setting (base_currency, fiscal_year_start_month).
    Settings {
        #[command(subcommand)]
        action: SettingsAction,
    },
    /// The currency rate table.
    Rates {
        #[command(subcommand)]
        action: RatesAction,
    },
    /// List the imports, newest first.
    Imports {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Contracts (subscriptions): list, add, edit, delete, template, survey suggestions.
    Contracts {
        #[command(subcommand)]
        action: money::ContractsAction,
    },
    /// The tool catalogue: plans, list prices, deployment kinds, aliases.
    Catalog {
        #[command(subcommand)]
        action: money::CatalogAction,
    },
    /// Monthly spend from the contracts, by department or tool.
    Spend {
        /// department or tool.
        #[arg(long, value_parser = ["department", "tool"])]
        by: String,
        /// The first month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        from: String,
        /// The last month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        to: String,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Duplicate subscriptions and what consolidating them saves.
    Duplicates(money::DuplicatesArgs),
    /// Renewals and cancellation deadlines coming up.
    Renewals(money::RenewalsArgs),
    /// Use cases ranked by their return.
    Roi {
        /// The month to look at, as a day in it (default today), YYYY-MM-DD.
        #[arg(long)]
        as_of: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// AI use cases and the hourly cost of each department.
    Usecases {
        #[command(subcommand)]
        action: money::UseCaseAction,
    },
    /// Deleted contracts, plans and use cases.
    Trash {
        #[command(subcommand)]
        action: money::TrashAction,
    },
    /// The company prompt library: list, search, show, use, export, import.
    Prompts {
        #[command(subcommand)]
        action: library::PromptsAction,
    },
    /// Review checklists for AI-made deliverables.
    Checklists {
        #[command(subcommand)]
        action: library::ChecklistsAction,
    },
    /// Reviews of AI-made deliverables, run with a checklist.
    Reviews {
        #[command(subcommand)]
        action: library::ReviewsAction,
    },
    /// Check that the database file is sound (the full-text index included).
    IntegrityCheck,
    /// Where the database, backups and logs are.
    Paths,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// A survey export: Google Forms CSV, Microsoft Forms XLSX, Excel CSV or "Unicode text".
    Survey(ImportSurveyArgs),
    /// Contracts: the app's template (CSV/XLSX) or Snipe-IT's licence export.
    Contracts(money::ImportContractsArgs),
    /// Undo an import as a whole (its id is in `oversight imports`).
    Undo {
        /// The import's id.
        batch: String,
    },
}

#[derive(Args)]
struct ImportSurveyArgs {
    /// The file.
    file: PathBuf,
    /// Read FIELD from the column HEADER (repeatable); an empty HEADER skips the field.
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// Read everything and report, but store nothing.
    #[arg(long)]
    dry_run: bool,
    /// Leave e-mail addresses and names out of the database.
    #[arg(long)]
    omit_personal: bool,
    /// The day/month order of slash dates, when the file cannot tell.
    #[arg(long, value_parser = ["ymd", "mdy", "dmy"])]
    date_order: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ChartArgs {
    /// The chart to draw.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(inventory::CHART_KINDS))]
    kind: String,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// png, pdf or svg (default: from the file's extension).
    #[arg(long, value_parser = ["png", "pdf", "svg"])]
    format: Option<String>,
    /// Language of the labels.
    #[arg(long, default_value = "en", value_parser = ["en", "ja"])]
    lang: String,
    /// Width in pixels (PNG and SVG).
    #[arg(long, default_value_t = charts::DEFAULT_WIDTH)]
    width: u32,
    /// Height in pixels (PNG and SVG).
    #[arg(long, default_value_t = charts::DEFAULT_HEIGHT)]
    height: u32,
    /// The day the contract charts look at (default today), YYYY-MM-DD.
    #[arg(long)]
    as_of: Option<String>,
}

#[derive(Subcommand)]
enum SettingsAction {
    /// Print one setting.
    Get {
        /// The setting's key.
        key: String,
    },
    /// Change one setting.
    Set {
        /// The setting's key.
        key: String,
        /// Its new value.
        value: String,
    },
    /// Print every setting as JSON.
    List,
}

#[derive(Subcommand)]
enum RatesAction {
    /// Print the rate table.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a rate: units of the base currency for one unit of CURRENCY.
    Set {
        /// e.g. USD.
        currency: String,
        /// e.g. 150.25.
        rate: String,
        /// The day the rate is from (default today), YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
}

/// Prints a line to stdout; a closed pipe (`| head`) is not an error.
/// Control characters other than line breaks and tabs are shown as
/// U+FFFD, so that a respondent's text cannot send the terminal escape
/// sequences (`--json` escapes them instead).
macro_rules! out {
    () => {
        $crate::out!("")
    };
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stdout().lock(), "{}", $crate::terminal_safe(&text));
    }};
}
pub(crate) use out;

/// `text` with every control character but `\n`, `\r` and `\t` replaced
/// by U+FFFD.
pub(crate) fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars().map(|c| if unsafe_char(c) { '\u{fffd}' } else { c }).collect()
}

/// An error for the user: one line, already saying what and where.
pub(crate) struct Failure(pub(crate) String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

/// mimalloc rather than glibc's malloc: see the workspace Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = paths::database_path(cli.db.as_deref());
    logging::init(&paths::log_dir_for(&db), "oversight-cli");
    match run(cli.command, &db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            tracing::error!(%message, "command failed");
            eprintln!("error: {}", terminal_safe(&message));
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, db: &Path) -> Result<(), Failure> {
    match command {
        Command::Paths => {
            print_json(&serde_json::json!({
                "database": db,
                "backups": paths::backup_dir_for(db),
                "logs": paths::log_dir_for(db),
            }));
            Ok(())
        }
        Command::Preview { file, map, json } => {
            let store = Store::open(db)?;
            let p = survey::preview(&store, &file, &parse_map(&map)?)?;
            if json {
                print_json(&p);
            } else {
                out!("{}: {:?}, {}, {} rows", p.file, p.format, p.encoding, p.total_rows);
                match (p.date_order, &p.date_order_reason) {
                    (Some(o), Some(r)) => out!("dates: {} ({r})", o.as_str()),
                    (None, Some(r)) => out!("dates: not decided: {r}"),
                    _ => {}
                }
                for hf in &p.mapping {
                    let field = hf.field.map_or("—", |f| f.as_str());
                    out!("  {:<18} ← {}", field, hf.header);
                }
                for note in &p.notes {
                    out!("note: {note}");
                }
            }
            Ok(())
        }
        Command::SurveyForm { lang, out } => {
            let lang: Lang = lang.parse()?;
            match out {
                Some(path) => survey::form::save(lang, &path)?,
                None => out!("{}", survey::form::text(lang).trim_end()),
            }
            Ok(())
        }
        Command::Import { what: ImportWhat::Survey(args) } => import_survey(db, args),
        Command::Import { what: ImportWhat::Contracts(args) } => money::import_contracts(db, args),
        Command::Import { what: ImportWhat::Undo { batch } } => {
            let mut store = Store::open(db)?;
            match contract_import::undo(&mut store, &batch) {
                Ok(removed) => out!("undid the import: {removed} contracts removed"),
                Err(ContractError::NotFound(_)) => {
                    let later = survey::list_batches(&store)?
                        .into_iter()
                        .find(|b| b.batch == batch)
                        .map(|b| b.later_skipped)
                        .unwrap_or_default();
                    let removed = survey::undo_import(&mut store, &batch)?;
                    out!("undid the import: {removed} responses removed");
                    for l in later {
                        out!(
                            "note: {}, imported later, skipped {} rows as already imported; \
                             those that were this import's went with it: import {} again to \
                             bring them back",
                            l.file,
                            l.rows,
                            l.file
                        );
                    }
                }
                Err(e) => return Err(e.into()),
            }
            Ok(())
        }
        Command::Contracts { action } => money::run_contracts(db, action),
        Command::Catalog { action } => money::run_catalog(db, action),
        Command::Spend { by, from, to, json } => money::run_spend(db, &by, &from, &to, json),
        Command::Duplicates(args) => money::run_duplicates(db, args),
        Command::Renewals(args) => money::run_renewals(db, args),
        Command::Roi { as_of, json } => money::run_roi(db, as_of.as_deref(), json),
        Command::Usecases { action } => money::run_use_cases(db, action),
        Command::Trash { action } => money::run_trash(db, action),
        Command::Prompts { action } => library::run_prompts(db, action),
        Command::Checklists { action } => library::run_checklists(db, action),
        Command::Reviews { action } => library::run_reviews(db, action),
        Command::Imports { json } => {
            let store = Store::open(db)?;
            let batches = survey::list_batches(&store)?;
            if json {
                print_json(&batches);
            } else {
                for b in &batches {
                    let added = if b.kind == "contracts" {
                        format!("{} contracts", b.contracts)
                    } else {
                        format!("{} responses", b.responses)
                    };
                    out!(
                        "{}  {}  {} ({} rows, {added}, {})",
                        b.batch,
                        b.imported_at,
                        b.file,
                        b.rows,
                        b.encoding
                    );
                }
            }
            Ok(())
        }
        Command::Demo { json } => {
            let mut store = Store::open(db)?;
            let r = demo::load(&mut store)?;
            if json {
                print_json(&r);
            } else {
                out!(
                    "loaded the sample company: {} respondents in {} departments, {} values to fix",
                    r.respondents,
                    r.departments,
                    r.flagged
                );
            }
            Ok(())
        }
        Command::Summary { json } => {
            let store = Store::open(db)?;
            let s = inventory::summary(&store)?;
            if json {
                print_json(&s);
            } else {
                print_summary(&s);
            }
            Ok(())
        }
        Command::Chart(args) => {
            let store = Store::open(db)?;
            let kind: ChartKind = args.kind.parse()?;
            let lang: Lang = args.lang.parse()?;
            let format: ChartFormat = match &args.format {
                Some(f) => f.parse()?,
                None => {
                    args.out.extension().and_then(|e| e.to_str()).unwrap_or("png").parse().map_err(
                        |e| Failure(format!("{}: {e}; give --format", args.out.display())),
                    )?
                }
            };
            let as_of = money::as_of(args.as_of.as_deref())?;
            let chart = inventory::chart_as_of(&store, kind, lang, as_of)?;
            charts::write_file(&chart, format, args.width, args.height, &args.out)?;
            let what = match format {
                ChartFormat::Png => format!("a {}×{} PNG", args.width, args.height),
                ChartFormat::Pdf => "a one-page A4 PDF".to_string(),
                ChartFormat::Svg => "an SVG".to_string(),
            };
            out!("wrote {what}: {}", args.out.display());
            Ok(())
        }
        Command::Responses { flagged, limit, offset, json } => {
            let store = Store::open(db)?;
            let page = survey::list_responses(
                &store,
                &ResponseQuery { flagged_only: flagged, limit, offset },
            )?;
            if json {
                print_json(&page);
            } else {
                for r in &page.rows {
                    out!(
                        "{} row {:>5}  {}  {}  {}",
                        r.file,
                        r.row,
                        r.submitted_at.as_deref().unwrap_or("?"),
                        r.department.as_deref().unwrap_or("—"),
                        r.tools.join(", ")
                    );
                    for f in &r.flags {
                        out!("    flag {}: {} '{}' {}", f.id, f.column, f.value, f.reason);
                    }
                }
                out!("{} of {} responses", page.rows.len(), page.total);
            }
            Ok(())
        }
        Command::Fix { flag, value } => {
            let mut store = Store::open(db)?;
            survey::fix_flag(&mut store, &flag, &value)?;
            out!("fixed");
            Ok(())
        }
        Command::Settings { action } => {
            let mut store = Store::open(db)?;
            match action {
                SettingsAction::Get { key } => out!("{}", settings::get_value(store.conn(), &key)?),
                SettingsAction::Set { key, value } => settings::set(&mut store, &key, &value)?,
                SettingsAction::List => print_json(&settings::get(&store)?),
            }
            Ok(())
        }
        Command::Rates { action } => {
            let mut store = Store::open(db)?;
            match action {
                RatesAction::List { json } => {
                    let rates = settings::list_rates(store.conn())?;
                    if json {
                        print_json(&rates);
                    } else {
                        let base = settings::base_currency(store.conn())?;
                        for r in rates {
                            out!("{} = {} {} (as of {})", r.currency, r.rate, base, r.as_of);
                        }
                    }
                }
                RatesAction::Set { currency, rate, as_of } => {
                    let r = settings::set_rate(&mut store, &currency, &rate, as_of.as_deref())?;
                    out!("{} = {} (as of {})", r.currency, r.rate, r.as_of);
                }
            }
            Ok(())
        }
        Command::IntegrityCheck => {
            let store = Store::open(db)?;
            let problems = store.integrity_check()?;
            if problems.is_empty() {
                out!("ok");
                Ok(())
            } else {
                Err(Failure(format!("{}: {}", db.display(), problems.join("; "))))
            }
        }
    }
}

fn import_survey(db: &Path, args: ImportSurveyArgs) -> Result<(), Failure> {
    let date_order = match &args.date_order {
        Some(o) => Some(
            DateOrder::parse(o)
                .ok_or_else(|| Failure(format!("--date-order {o}: give ymd, mdy or dmy")))?,
        ),
        None => None,
    };
    let options = ImportOptions {
        mapping: parse_map(&args.map)?,
        omit_personal: args.omit_personal,
        dry_run: args.dry_run,
        date_order,
    };
    let mut store = Store::open(db)?;
    let report = survey::import(&mut store, &args.file, &options, &mut |_, _| {})?;
    if args.json {
        print_json(&report);
        return Ok(());
    }
    let verb = if report.dry_run { "would import" } else { "imported" };
    out!(
        "{}: {verb} {} of {} rows ({} already imported), read as {}",
        report.file,
        report.imported,
        report.rows,
        report.duplicates,
        report.encoding
    );
    if let (Some(o), Some(r)) = (report.date_order, &report.date_order_reason) {
        out!("dates read {}: {r}", o.as_str());
    }
    for note in &report.notes {
        out!("note: {note}");
    }
    // The first few as examples; all of them are in `responses --flagged`
    // and in --json.
    for f in report.flagged.iter().take(SHOWN_FLAGS) {
        out!("flagged: row {}, column {}: '{}' {}", f.row, f.column, f.value, f.reason);
    }
    if report.flagged.len() > SHOWN_FLAGS {
        out!(
            "flagged: {} more; `oversight responses --flagged` lists them all",
            report.flagged.len() - SHOWN_FLAGS
        );
    }
    Ok(())
}

/// How many flagged values an import lists in its text output.
const SHOWN_FLAGS: usize = 20;

/// Parses `--map FIELD=HEADER` pairs.
fn parse_map(pairs: &[String]) -> Result<BTreeMap<String, String>, Failure> {
    pairs
        .iter()
        .map(|pair| {
            pair.split_once('=')
                .map(|(f, h)| (f.trim().to_string(), h.to_string()))
                .ok_or_else(|| Failure(format!("--map {pair}: give FIELD=HEADER")))
        })
        .collect()
}

pub(crate) fn print_json<T: Serialize>(value: &T) {
    out!("{}", serde_json::to_string_pretty(value).expect("values serialise"));
}

fn print_summary(s: &inventory::Summary) {
    out!("respondents           {}", s.respondents);
    out!("departments           {}", s.departments.len());
    out!("tools in use          {}", s.tools.len());
    out!("monthly spend         {}", s.monthly_spend);
    out!("hours saved / month   {}", s.hours_saved_per_month);
    out!("values to fix         {}", s.flagged);
    for r in &s.rates_used {
        out!("  rate used: 1 {} = {} {} (as of {})", r.currency, r.rate, s.base_currency, r.as_of);
    }
    for m in &s.unconverted {
        out!(
            "  not counted: {m} (no rate to {}; oversight rates set {} RATE)",
            s.base_currency,
            m.currency
        );
    }
    out!();
    for d in &s.departments {
        let name = if d.name.is_empty() { "(no department)" } else { &d.name };
        out!(
            "{name}: {} respondents, {} tools, {}, {} h saved / month",
            d.respondents,
            d.tools,
            d.monthly_spend,
            d.hours_saved_per_month
        );
    }
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn terminal_escapes_in_answers_are_not_sent_to_the_terminal() {
        assert_eq!(terminal_safe("営業\u{1b}[31m部\u{7}"), "営業\u{fffd}[31m部\u{fffd}");
        assert_eq!(terminal_safe("一行目\r\n二行目\tタブ"), "一行目\r\n二行目\tタブ", "kept");
    }
}
