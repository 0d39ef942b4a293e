//! The prompt library: listing, search, the editor with its versions,
//! filling a template in, use counts and ratings, and the library's
//! files (Markdown folder, JSON, CSV) both ways.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use oversight_core::prompts::io::{self, Format, ImportReport, OnConflict};
use oversight_core::prompts::{
    self, Content, DiffLine, Facets, Filter, Prompt, SearchResult, VersionInfo,
};
use oversight_core::Store;
use tauri::State;

use super::{lock, prompt_error, write_export, CommandResult};

/// The library, filtered and ordered (title, most_used, best_rated, updated).
#[tauri::command]
pub fn list_prompts(store: State<'_, Mutex<Store>>, filter: Filter) -> CommandResult<Vec<Prompt>> {
    prompts::list(&lock(&store), &filter).map_err(prompt_error)
}

/// Templates matching what was typed, best first, with the matched
/// excerpt; any text is a valid query.
#[tauri::command]
pub fn search_prompts(
    store: State<'_, Mutex<Store>>,
    query: String,
    filter: Filter,
) -> CommandResult<SearchResult> {
    prompts::search(&lock(&store), &query, &filter).map_err(prompt_error)
}

/// One template by id.
#[tauri::command]
pub fn get_prompt(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<Prompt> {
    prompts::get(&lock(&store), &id).map_err(prompt_error)
}

/// Saves a new template (`id` none) or the next version of `id`; a
/// refused field comes back `"invalid"`.
#[tauri::command]
pub fn save_prompt(
    store: State<'_, Mutex<Store>>,
    id: Option<String>,
    content: Content,
) -> CommandResult<Prompt> {
    prompts::save(&mut lock(&store), id.as_deref(), &content).map_err(prompt_error)
}

/// Every saved version of a template, newest first.
#[tauri::command]
pub fn prompt_versions(
    store: State<'_, Mutex<Store>>,
    id: String,
) -> CommandResult<Vec<VersionInfo>> {
    prompts::versions(&lock(&store), &id).map_err(prompt_error)
}

/// The departments, categories, tags and tools the whole library uses.
#[tauri::command]
pub fn prompt_facets(store: State<'_, Mutex<Store>>) -> CommandResult<Facets> {
    prompts::facets(&lock(&store)).map_err(prompt_error)
}

/// Version `version` of a template, whole, as it was saved.
#[tauri::command]
pub fn prompt_version(
    store: State<'_, Mutex<Store>>,
    id: String,
    version: i64,
) -> CommandResult<Content> {
    prompts::version(&lock(&store), &id, version).map_err(prompt_error)
}

/// The line diff of a template's body between versions `from` and `to`.
#[tauri::command]
pub fn prompt_diff(
    store: State<'_, Mutex<Store>>,
    id: String,
    from: i64,
    to: i64,
) -> CommandResult<Vec<DiffLine>> {
    prompts::diff(&lock(&store), &id, from, to).map_err(prompt_error)
}

/// Saves version `version` again as the template's newest.
#[tauri::command]
pub fn restore_prompt(
    store: State<'_, Mutex<Store>>,
    id: String,
    version: i64,
) -> CommandResult<Prompt> {
    prompts::restore(&mut lock(&store), &id, version).map_err(prompt_error)
}

/// The template's body with `values` filled in (the Use preview); counts
/// nothing.
#[tauri::command]
pub fn fill_prompt(
    store: State<'_, Mutex<Store>>,
    id: String,
    values: BTreeMap<String, String>,
) -> CommandResult<String> {
    filled(&store, &id, &values, prompts::fill)
}

/// The filled prompt to copy: refused while a variable has neither a
/// value nor a default.
#[tauri::command]
pub fn fill_prompt_for_use(
    store: State<'_, Mutex<Store>>,
    id: String,
    values: BTreeMap<String, String>,
) -> CommandResult<String> {
    filled(&store, &id, &values, prompts::fill_for_use)
}

/// Template `id` filled in by `fill`.
fn filled(
    store: &Mutex<Store>,
    id: &str,
    values: &BTreeMap<String, String>,
    fill: fn(&Prompt, &BTreeMap<String, String>) -> Result<String, prompts::PromptError>,
) -> CommandResult<String> {
    let prompt = prompts::get(&lock(store), id).map_err(prompt_error)?;
    fill(&prompt, values).map_err(prompt_error)
}

/// Counts one use (a copy of the filled prompt); returns the new count.
#[tauri::command]
pub fn record_prompt_use(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<i64> {
    prompts::record_use(&mut lock(&store), &id).map_err(prompt_error)
}

/// Rates a template from 1 to 5 stars.
#[tauri::command]
pub fn rate_prompt(store: State<'_, Mutex<Store>>, id: String, stars: u8) -> CommandResult<Prompt> {
    prompts::rate(&mut lock(&store), &id, stars).map_err(prompt_error)
}

/// Moves a template to the trash.
#[tauri::command]
pub fn delete_prompt(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<()> {
    prompts::delete(&mut lock(&store), &id).map_err(prompt_error)
}

/// Writes the library, versions included, as JSON to `path`.
#[tauri::command]
pub fn export_prompts_json(store: State<'_, Mutex<Store>>, path: PathBuf) -> CommandResult<String> {
    let text = io::to_json(&lock(&store)).map_err(prompt_error)?;
    write_export(&path, text.as_bytes())
}

/// Writes the library as CSV to `path`.
#[tauri::command]
pub fn export_prompts_csv(store: State<'_, Mutex<Store>>, path: PathBuf) -> CommandResult<String> {
    let bytes = io::to_csv(&lock(&store)).map_err(prompt_error)?;
    write_export(&path, &bytes)
}

/// Writes one Markdown file per template into the folder `dir`; returns
/// how many.
#[tauri::command]
pub fn export_prompts_markdown(
    store: State<'_, Mutex<Store>>,
    dir: PathBuf,
) -> CommandResult<usize> {
    io::export_markdown(&lock(&store), &dir).map_err(prompt_error)
}

/// Reads a library file or folder (`format`: markdown, json or csv) and
/// imports it; with `dry_run` nothing is stored and the report lists the
/// templates already in the library, so the user can choose
/// `on_conflict` before the real import.
#[tauri::command]
pub fn import_prompts(
    store: State<'_, Mutex<Store>>,
    path: PathBuf,
    format: String,
    on_conflict: OnConflict,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let format: Format = format.parse()?;
    let templates = io::read(&path, format).map_err(prompt_error)?;
    io::import(&mut lock(&store), &templates, on_conflict, dry_run).map_err(prompt_error)
}
