//! Review checklists and the reviews run with them: editing a
//! checklist, starting a review, marking its items, approving or
//! rejecting it, the history, and a run as PDF or Markdown.

use std::path::PathBuf;
use std::sync::Mutex;

use oversight_core::reviews::{self, Checklist, Mark, Review, ReviewFilter, ReviewInput};
use oversight_core::Store;
use tauri::State;

use super::{lock, review_error, write_export, CommandResult};

/// The checklists with their items in order.
#[tauri::command]
pub fn list_checklists(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<Checklist>> {
    reviews::list_checklists(&lock(&store)).map_err(review_error)
}

/// Makes a checklist (`id` none) or changes `id`: its name, kind and the
/// full ordered list of items.
#[tauri::command]
pub fn save_checklist(
    store: State<'_, Mutex<Store>>,
    id: Option<String>,
    name: String,
    kind: String,
    items: Vec<String>,
) -> CommandResult<Checklist> {
    reviews::save_checklist(&mut lock(&store), id.as_deref(), &name, &kind, &items)
        .map_err(review_error)
}

/// Starts a review of a deliverable; a refused field comes back `"invalid"`.
#[tauri::command]
pub fn start_review(store: State<'_, Mutex<Store>>, input: ReviewInput) -> CommandResult<Review> {
    reviews::start(&mut lock(&store), &input).map_err(review_error)
}

/// Marks item `position` of review `id` pass, fail or n.a., with a note.
#[tauri::command]
pub fn mark_review_item(
    store: State<'_, Mutex<Store>>,
    id: String,
    position: i64,
    mark: Mark,
    note: String,
) -> CommandResult<Review> {
    reviews::mark(&mut lock(&store), &id, position, mark, Some(&note)).map_err(review_error)
}

/// Sets a review open, approved or rejected; the core refuses to approve
/// one with a failed or unmarked item.
#[tauri::command]
pub fn set_review_status(
    store: State<'_, Mutex<Store>>,
    id: String,
    status: String,
) -> CommandResult<Review> {
    reviews::set_status(&mut lock(&store), &id, &status).map_err(review_error)
}

/// The reviews, newest first, by department, template or checklist.
#[tauri::command]
pub fn list_reviews(
    store: State<'_, Mutex<Store>>,
    filter: ReviewFilter,
) -> CommandResult<Vec<Review>> {
    reviews::list(&lock(&store), &filter).map_err(review_error)
}

/// Writes review `id` as a one-page PDF to `path`, in Japanese when
/// `lang` is "ja".
#[tauri::command]
pub fn export_review_pdf(
    store: State<'_, Mutex<Store>>,
    id: String,
    lang: String,
    path: PathBuf,
) -> CommandResult<String> {
    let review = reviews::get(&lock(&store), &id).map_err(review_error)?;
    write_export(&path, &reviews::to_pdf(&review, lang == "ja")?)
}

/// Writes review `id` as Markdown to `path`.
#[tauri::command]
pub fn export_review_markdown(
    store: State<'_, Mutex<Store>>,
    id: String,
    lang: String,
    path: PathBuf,
) -> CommandResult<String> {
    let review = reviews::get(&lock(&store), &id).map_err(review_error)?;
    write_export(&path, reviews::to_markdown(&review, lang == "ja").as_bytes())
}
