//! The prompt library and review commands: `prompts`, `checklists`,
//! `reviews`. Each calls one core function and prints its result, as
//! text or with `--json` as the window receives it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use oversight_core::prompts::io::{self as prompt_io, Format, OnConflict};
use oversight_core::prompts::{self, Filter, Status};
use oversight_core::reviews::{self, Mark, ReviewFilter, ReviewInput};
use oversight_core::Store;

use super::{print_json, Failure};

/// Filters of `prompts list` and `prompts search`.
#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Only this department's.
    #[arg(long)]
    department: Option<String>,
    /// Only this category.
    #[arg(long)]
    category: Option<String>,
    /// Only those with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only this status (draft, approved, retired).
    #[arg(long, value_parser = status_name)]
    status: Option<String>,
    /// Only those approved for this tool.
    #[arg(long)]
    tool: Option<String>,
    /// At most this many: 1 to 1000 for a list (200 unless given), up to 500
    /// for a search (50 unless given).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    limit: Option<u32>,
}

/// A status as typed (`draft`, `承認済み`, …), refused as a usage error
/// when it is none.
fn status_name(text: &str) -> Result<String, String> {
    prompts::Status::parse(text)
        .map(|s| s.as_str().to_string())
        .ok_or_else(|| format!("'{text}' is not draft, approved or retired"))
}

impl FilterArgs {
    fn filter(self, order: Option<String>) -> Result<Filter, Failure> {
        let status = match &self.status {
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                Failure(format!("--status {s}: give draft, approved or retired"))
            })?),
            None => None,
        };
        Ok(Filter {
            department: self.department,
            category: self.category,
            tag: self.tag,
            status,
            tool: self.tool,
            order,
            limit: self.limit,
        })
    }
}

/// `prompts …`
#[derive(Subcommand)]
pub enum PromptsAction {
    /// The library: templates, filtered and ordered.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// title, most_used, best_rated or updated.
        #[arg(long, value_parser = ["title", "most_used", "best_rated", "updated"])]
        order: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search title, body and tags (Japanese and English; anything may be typed).
    Search {
        /// The query.
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// One template; with --versions its history, --version N one old version whole, --diff A B a comparison.
    Show {
        /// The template's id.
        id: String,
        /// List its versions.
        #[arg(long)]
        versions: bool,
        /// Show version N as it was saved: title, body and every other field.
        #[arg(long, value_name = "N", conflicts_with_all = ["versions", "diff"])]
        version: Option<i64>,
        /// Compare two versions' bodies, line by line.
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        diff: Option<Vec<i64>>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a template from a Markdown file (front matter + body), or with --id save a new version.
    Save {
        /// The Markdown file.
        file: PathBuf,
        /// The template to save a new version of.
        #[arg(long)]
        id: Option<String>,
    },
    /// Fill a template's variables and print the prompt (counts one use).
    Use {
        /// The template's id.
        id: String,
        /// A variable's value (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
    },
    /// Rate a template from 1 to 5.
    Rate {
        /// The template's id.
        id: String,
        /// 1 to 5.
        #[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
        stars: u8,
    },
    /// Save an old version again as the newest.
    Restore {
        /// The template's id.
        id: String,
        /// The version to restore.
        version: i64,
    },
    /// Move a template to the trash.
    Delete {
        /// The template's id.
        id: String,
    },
    /// Export the library: a folder of Markdown files, or one JSON or CSV file.
    Export {
        /// markdown, json or csv.
        #[arg(long, value_parser = ["markdown", "json", "csv"])]
        format: String,
        /// The folder (markdown) or file to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Import templates from a Markdown folder, a JSON or a CSV file.
    Import {
        /// The folder or file.
        path: PathBuf,
        /// markdown, json or csv (default: a folder is markdown, else from the extension).
        #[arg(long, value_parser = ["markdown", "json", "csv"])]
        format: Option<String>,
        /// What to do with a template already in the library.
        #[arg(long, default_value = "skip", value_parser = ["skip", "replace", "keep-both"])]
        on_conflict: String,
        /// Report what would happen; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `checklists …`
#[derive(Subcommand)]
pub enum ChecklistsAction {
    /// The review checklists with their items.
    List {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a checklist as Markdown (to paste into a wiki).
    Export {
        /// The checklist's id.
        id: String,
        /// The file to write (default: print it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Make a checklist, or with --id replace its name and items.
    Save {
        /// The checklist to change.
        #[arg(long)]
        id: Option<String>,
        /// Its name.
        #[arg(long)]
        name: String,
        /// copy, code, analysis or other.
        #[arg(long, default_value = "other", value_parser = ["copy", "code", "analysis", "other"])]
        kind: String,
        /// An item, in order (repeatable).
        #[arg(long = "item", required = true)]
        items: Vec<String>,
    },
}

/// `reviews …`
#[derive(Subcommand)]
pub enum ReviewsAction {
    /// Reviews, newest first: by department, template or checklist.
    List {
        /// Only this department's.
        #[arg(long)]
        department: Option<String>,
        /// Only those of this prompt template (id).
        #[arg(long)]
        prompt: Option<String>,
        /// Only those with this checklist (id).
        #[arg(long)]
        checklist: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Start a review of a deliverable with a checklist.
    Start {
        /// The checklist's id.
        #[arg(long)]
        checklist: String,
        /// What is reviewed.
        #[arg(long)]
        deliverable: String,
        /// The reviewer.
        #[arg(long)]
        reviewer: String,
        /// The department.
        #[arg(long, default_value = "")]
        department: String,
        /// The AI tool that made it.
        #[arg(long, default_value = "")]
        tool: String,
        /// The prompt template used (id).
        #[arg(long, default_value = "")]
        prompt: String,
        /// The day, YYYY-MM-DD (default today).
        #[arg(long, default_value = "")]
        date: String,
    },
    /// Mark one item: pass, fail or na.
    Mark {
        /// The review's id.
        id: String,
        /// The item's number.
        item: i64,
        /// pass, fail or na.
        #[arg(value_parser = ["pass", "fail", "na"])]
        mark: String,
        /// A note (without it, the item keeps the note it has).
        #[arg(long)]
        note: Option<String>,
    },
    /// Set the outcome: open, approved (no failed item) or rejected.
    Status {
        /// The review's id.
        id: String,
        /// open, approved or rejected.
        #[arg(value_parser = ["open", "approved", "rejected"])]
        status: String,
    },
    /// Write a review as PDF or Markdown (from the file's extension).
    Export {
        /// The review's id.
        id: String,
        /// The file: .pdf or .md.
        #[arg(long)]
        out: PathBuf,
        /// Language of the labels.
        #[arg(long, default_value = "en", value_parser = ["en", "ja"])]
        lang: String,
    },
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn print_prompt_line(p: &prompts::Prompt) {
    crate::out!(
        "{}  {}  [{}]  {}  used {}  {}",
        p.id,
        p.content.title,
        p.content.status.as_str(),
        p.content.tags.join(", "),
        p.uses,
        p.rating.map_or("not rated".to_string(), |r| format!("★{r}"))
    );
}

/// Runs `prompts …`.
pub fn run_prompts(db: &Path, action: PromptsAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        PromptsAction::List { filter, order, json } => {
            let f = filter.filter(order)?;
            let list = prompts::list(&store, &f)?;
            if json {
                print_json(&list);
            } else {
                list.iter().for_each(print_prompt_line);
                if list.len() >= f.limit.unwrap_or(200).min(1_000) as usize {
                    crate::out!("the first {} templates; more may follow (--limit)", list.len());
                } else {
                    crate::out!("{} templates", list.len());
                }
            }
        }
        PromptsAction::Search { query, filter, json } => {
            let f = filter.filter(None)?;
            let r = prompts::search(&store, &query, &f)?;
            if json {
                print_json(&r);
            } else {
                for h in &r.hits {
                    print_prompt_line(&h.prompt);
                    let excerpt: String = h
                        .excerpt
                        .iter()
                        .map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() })
                        .collect::<String>()
                        .replace('\n', " ");
                    crate::out!("    {excerpt}");
                }
                if r.truncated {
                    crate::out!(
                        "{} shown of more than {} matches: the newest, title matches first \
                         ({}); add a word to narrow it",
                        r.hits.len(),
                        prompts::RANKED_MATCHES,
                        r.mode
                    );
                } else if r.hits.len() >= f.limit.unwrap_or(50).min(500) as usize {
                    crate::out!(
                        "the best {} shown; more match (--limit) ({})",
                        r.hits.len(),
                        r.mode
                    );
                } else {
                    crate::out!("{} found ({})", r.hits.len(), r.mode);
                }
            }
        }
        PromptsAction::Show { id, versions, version, diff, json } => {
            if let Some(n) = version {
                let c = prompts::version(&store, &id, n)?;
                if json {
                    print_json(&c);
                } else {
                    crate::out!("v{n}  {}", c.title);
                    crate::out!("{}", c.body);
                }
            } else if let Some(d) = diff {
                let lines = prompts::diff(&store, &id, d[0], d[1])?;
                if json {
                    print_json(&lines);
                } else {
                    for l in &lines {
                        let sign = match l.change {
                            "added" => '+',
                            "removed" => '-',
                            _ => ' ',
                        };
                        crate::out!("{sign} {}", l.text);
                    }
                }
            } else if versions {
                let v = prompts::versions(&store, &id)?;
                if json {
                    print_json(&v);
                } else {
                    for v in &v {
                        crate::out!("v{}  {}  {}  {}", v.version, v.saved_at, v.title, v.note);
                    }
                }
            } else {
                let p = prompts::get(&store, &id)?;
                if json {
                    print_json(&p);
                } else {
                    print_prompt_line(&p);
                    crate::out!("{}", p.content.body);
                }
            }
        }
        PromptsAction::Save { file, id } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
            let e = prompt_io::from_markdown(&text, &file)?;
            let p = prompts::save(&mut store, id.as_deref(), &e.content)?;
            print_prompt_line(&p);
        }
        PromptsAction::Use { id, set } => {
            let values: BTreeMap<String, String> = set
                .iter()
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                        .ok_or_else(|| Failure(format!("--set {pair}: give NAME=VALUE")))
                })
                .collect::<Result<_, _>>()?;
            let p = prompts::get(&store, &id)?;
            let names: Vec<&str> = p.content.variables.iter().map(|v| v.name.as_str()).collect();
            if let Some(unknown) = values.keys().find(|k| !names.contains(&k.as_str())) {
                return Err(Failure(format!(
                    "--set {unknown}: the template has no variable {{{{{unknown}}}}} (its variables: {})",
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                )));
            }
            let text = prompts::fill_for_use(&p, &values)?;
            prompts::record_use(&mut store, &id)?;
            crate::out!("{text}");
        }
        PromptsAction::Rate { id, stars } => {
            let p = prompts::rate(&mut store, &id, stars)?;
            print_prompt_line(&p);
        }
        PromptsAction::Restore { id, version } => {
            let p = prompts::restore(&mut store, &id, version)?;
            crate::out!("restored version {version} as version {}", p.version);
        }
        PromptsAction::Delete { id } => {
            prompts::delete(&mut store, &id)?;
            crate::out!("moved to the trash (oversight trash restore prompt {id})");
        }
        PromptsAction::Export { format, out } => {
            let format: Format = format.parse().map_err(Failure)?;
            match format {
                Format::Markdown => {
                    let n = prompt_io::export_markdown(&store, &out)?;
                    crate::out!("wrote {n} files to {}", out.display());
                }
                Format::Json => write(&out, prompt_io::to_json(&store)?.as_bytes())?,
                Format::Csv => write(&out, &prompt_io::to_csv(&store)?)?,
            }
        }
        PromptsAction::Import { path, format, on_conflict, dry_run, json } => {
            let format: Format = match format {
                Some(f) => f.parse().map_err(Failure)?,
                None if path.is_dir() => Format::Markdown,
                None => path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("")
                    .parse()
                    .map_err(|e| Failure(format!("{}: {e}; give --format", path.display())))?,
            };
            let on_conflict: OnConflict = on_conflict.parse().map_err(Failure)?;
            let templates = prompt_io::read(&path, format)?;
            let r = prompt_io::import(&mut store, &templates, on_conflict, dry_run)?;
            if json {
                print_json(&r);
            } else {
                let verb = if r.dry_run { "would add" } else { "added" };
                crate::out!(
                    "{} templates: {verb} {}, replaced {}, kept both {}, skipped {}",
                    r.templates,
                    r.added,
                    r.replaced,
                    r.kept_both,
                    r.skipped
                );
                for c in &r.conflicts {
                    crate::out!(
                        "  already in the library (same {}): {} ({})",
                        c.by,
                        c.title,
                        c.existing_id
                    );
                }
            }
        }
    }
    Ok(())
}

/// Runs `checklists …`.
pub fn run_checklists(db: &Path, action: ChecklistsAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        ChecklistsAction::List { json } => {
            let lists = reviews::list_checklists(&store)?;
            if json {
                print_json(&lists);
            } else {
                for c in &lists {
                    crate::out!("{}  {} ({}, {})", c.id, c.name, c.kind, c.lang);
                    for (i, item) in c.items.iter().enumerate() {
                        crate::out!("    {}. {item}", i + 1);
                    }
                }
            }
        }
        ChecklistsAction::Export { id, out } => {
            let c = reviews::get_checklist(&store, &id)?;
            let mut md = format!("# {}\n\n", c.name);
            for item in &c.items {
                md.push_str(&format!("- [ ] {item}\n"));
            }
            match out {
                Some(path) => write(&path, md.as_bytes())?,
                None => crate::out!("{md}"),
            }
        }
        ChecklistsAction::Save { id, name, kind, items } => {
            let c = reviews::save_checklist(&mut store, id.as_deref(), &name, &kind, &items)?;
            crate::out!("{}  {} ({} items)", c.id, c.name, c.items.len());
        }
    }
    Ok(())
}

fn print_review(r: &reviews::Review) {
    crate::out!(
        "{}  {}  {}  {}  {}  {}  [{}]",
        r.id,
        r.reviewed_on,
        r.checklist,
        r.deliverable,
        r.department,
        r.reviewer,
        r.status
    );
}

/// Runs `reviews …`.
pub fn run_reviews(db: &Path, action: ReviewsAction) -> Result<(), Failure> {
    let mut store = Store::open(db)?;
    match action {
        ReviewsAction::List { department, prompt, checklist, json } => {
            let list = reviews::list(&store, &ReviewFilter { department, prompt, checklist })?;
            if json {
                print_json(&list);
            } else {
                list.iter().for_each(print_review);
            }
        }
        ReviewsAction::Start {
            checklist,
            deliverable,
            reviewer,
            department,
            tool,
            prompt,
            date,
        } => {
            let r = reviews::start(
                &mut store,
                &ReviewInput {
                    checklist,
                    deliverable,
                    department,
                    tool,
                    prompt,
                    reviewer,
                    reviewed_on: date,
                    note: String::new(),
                },
            )?;
            print_review(&r);
        }
        ReviewsAction::Mark { id, item, mark, note } => {
            let mark = Mark::parse(&mark)
                .ok_or_else(|| Failure(format!("{mark}: give pass, fail or na")))?;
            let r = reviews::mark(&mut store, &id, item, mark, note.as_deref())?;
            print_review(&r);
        }
        ReviewsAction::Status { id, status } => {
            let r = reviews::set_status(&mut store, &id, &status)?;
            print_review(&r);
        }
        ReviewsAction::Export { id, out, lang } => {
            let r = reviews::get(&store, &id)?;
            let ja = lang == "ja";
            let extension = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            match extension.as_deref() {
                Some("pdf") => write(&out, &reviews::to_pdf(&r, ja)?)?,
                Some("md") => write(&out, reviews::to_markdown(&r, ja).as_bytes())?,
                _ => return Err(Failure(format!("{}: name it .pdf or .md", out.display()))),
            }
        }
    }
    Ok(())
}
