//! The Tauri commands, one module per area of the app.
//!
//! Each command is a hand-off: it unpacks its state, calls one function of
//! `oversight-core` and maps the error to a [`CommandError`]. Anything
//! that needs a branch, SQL, arithmetic or drawing belongs in the core.

pub mod app;
pub mod catalog;
pub mod charts;
pub mod contracts;
pub mod inventory;
pub mod prompts;
pub mod reports;
pub mod reviews;
pub mod roi;
pub mod settings;
pub mod survey;
pub mod trash;

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use oversight_core::catalog::CatalogError;
use oversight_core::contracts::{ContractError, Problem};
use oversight_core::prompts::PromptError;
use oversight_core::reviews::ReviewError;
use oversight_core::Store;
use serde::Serialize;

/// Where this window's files live, fixed when the app starts.
pub struct DataPaths {
    /// The database file.
    pub db: PathBuf,
    /// The folder the log file is written to.
    pub log_dir: PathBuf,
    /// The folder backups are taken to before a migration.
    pub backup_dir: PathBuf,
}

/// What the UI receives when a command fails: a code it may branch on
/// (`"error"` unless it has a reason to) and a message for the user.
///
/// A form the core refused comes back with the code `"invalid"` and one
/// problem per field in `problems`, so the form can show each beside its
/// field.
#[derive(Debug, Serialize)]
pub struct CommandError {
    /// A machine-readable code.
    pub code: String,
    /// The core's message, which names the operation and the input.
    pub message: String,
    /// The fields the core refused, for the code `"invalid"`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl<E: Display> From<E> for CommandError {
    fn from(e: E) -> Self {
        let message = e.to_string();
        tracing::error!("{message}");
        CommandError { code: "error".into(), message, problems: Vec::new() }
    }
}

/// Maps a contract or use-case error, keeping the refused fields apart.
pub fn contract_error(e: ContractError) -> CommandError {
    match e {
        ContractError::Invalid(problems) => invalid(problems_message(&problems), problems),
        other => other.into(),
    }
}

/// Maps a catalogue error, keeping the refused field apart.
pub fn catalog_error(e: CatalogError) -> CommandError {
    match e {
        CatalogError::Invalid { field, reason } => field_problem(field, reason),
        other => other.into(),
    }
}

/// Maps a prompt library error, keeping the refused field apart.
pub fn prompt_error(e: PromptError) -> CommandError {
    match e {
        PromptError::Invalid { field, reason } => field_problem(field, reason),
        other => other.into(),
    }
}

/// Maps a checklist or review error, keeping the refused field apart.
/// A broken rule (approving a run with a failed item) keeps the code
/// `"error"`: the UI only shows the core's message.
pub fn review_error(e: ReviewError) -> CommandError {
    match e {
        ReviewError::Invalid { field, reason } => field_problem(field, reason),
        other => other.into(),
    }
}

fn field_problem(field: &'static str, reason: String) -> CommandError {
    let problem = Problem { field, value: String::new(), reason };
    invalid(problem.to_string(), vec![problem])
}

fn problems_message(problems: &[Problem]) -> String {
    problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("; ")
}

fn invalid(message: String, problems: Vec<Problem>) -> CommandError {
    tracing::error!("refused: {message}");
    CommandError { code: "invalid".into(), message, problems }
}

/// What a command returns.
pub type CommandResult<T> = Result<T, CommandError>;

/// Takes the store. A panic while it was held leaves it poisoned; the
/// connection itself is still sound (SQLite rolls back an unfinished
/// transaction), so the app carries on with it rather than dying.
pub fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes an export's bytes to the path the save dialog gave, and says
/// where; a failure names the path.
pub fn write_export(path: &Path, bytes: &[u8]) -> CommandResult<String> {
    std::fs::write(path, bytes)
        .map_err(|e| CommandError::from(format!("could not write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

/// Today's date on this computer, the day the contract reports look at
/// (as the CLI's default `--as-of`).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
