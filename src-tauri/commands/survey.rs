//! Survey exports: preview, import with progress, the stored rows and
//! fixing the values that could not be read.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use oversight_core::inventory::Lang;
use oversight_core::survey::{self, ImportOptions, ImportReport, ResponseQuery};
use oversight_core::Store;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use super::{lock, CommandResult};

/// How often, at most, the import tells the window how far it got.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The payload of the `import-progress` event.
#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

/// Reads the first rows of a file and guesses its encoding, date order
/// and which header is which field. `mapping` (field → header) overrides
/// what was recognised or remembered for this form.
#[tauri::command]
pub fn preview_survey(
    store: State<'_, Mutex<Store>>,
    path: PathBuf,
    mapping: Option<BTreeMap<String, String>>,
) -> CommandResult<survey::Preview> {
    Ok(survey::preview(&lock(&store), &path, &mapping.unwrap_or_default())?)
}

/// Imports a survey export off the UI thread, emitting `import-progress`
/// events as rows are read.
#[tauri::command]
pub async fn import_survey(
    app: AppHandle,
    path: PathBuf,
    options: Option<ImportOptions>,
) -> CommandResult<ImportReport> {
    let options = options.unwrap_or_default();
    let work = tauri::async_runtime::spawn_blocking(move || {
        let mut last = Instant::now() - PROGRESS_EVERY;
        let mut progress = |done: u64, total: u64| {
            // A busy window would drown in one event per row.
            if done == total || last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                let _ = app.emit("import-progress", Progress { done, total });
            }
        };
        let state = app.state::<Mutex<Store>>();
        let mut store = lock(&state);
        survey::import(&mut store, &path, &options, &mut progress)
    });
    Ok(work.await??)
}

/// A page of the stored source rows, with their flags.
#[tauri::command]
pub fn list_responses(
    store: State<'_, Mutex<Store>>,
    query: Option<ResponseQuery>,
) -> CommandResult<survey::ResponsePage> {
    Ok(survey::list_responses(&lock(&store), &query.unwrap_or_default())?)
}

/// Replaces a flagged value with the user's text, which the core parses
/// again; it refuses text that is still unreadable.
#[tauri::command]
pub fn fix_flag(
    store: State<'_, Mutex<Store>>,
    flag_id: String,
    value: String,
) -> CommandResult<()> {
    Ok(survey::fix_flag(&mut lock(&store), &flag_id, &value)?)
}

/// The imports, newest first.
#[tauri::command]
pub fn list_imports(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<survey::Batch>> {
    Ok(survey::list_batches(&lock(&store))?)
}

/// Undoes one import as a whole; returns how many responses went.
#[tauri::command]
pub fn undo_import(store: State<'_, Mutex<Store>>, batch: String) -> CommandResult<u64> {
    Ok(survey::undo_import(&mut lock(&store), &batch)?)
}

/// The survey to send out, as text in `lang` (en or ja).
#[tauri::command]
pub fn survey_form(lang: String) -> CommandResult<String> {
    Ok(survey::form::text(lang.parse::<Lang>()?))
}

/// Writes the survey to send out, in `lang`, to the path the save dialog
/// gave, and says where.
#[tauri::command]
pub fn save_survey_form(lang: String, path: PathBuf) -> CommandResult<String> {
    survey::form::save(lang.parse::<Lang>()?, &path)?;
    Ok(path.display().to_string())
}
