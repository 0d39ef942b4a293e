//! The Tauri commands, one module per area of the app.
//!
//! Each command is a hand-off: it unpacks its state, calls one function of
//! `oversight-core` and maps the error to a [`CommandError`]. Anything
//! that needs a branch, SQL, arithmetic or drawing belongs in the core.

pub mod app;
pub mod charts;
pub mod inventory;
pub mod settings;
pub mod survey;

use std::fmt::Display;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

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
#[derive(Debug, Serialize)]
pub struct CommandError {
    /// A machine-readable code.
    pub code: String,
    /// The core's message, which names the operation and the input.
    pub message: String,
}

impl<E: Display> From<E> for CommandError {
    fn from(e: E) -> Self {
        let message = e.to_string();
        tracing::error!("{message}");
        CommandError { code: "error".into(), message }
    }
}

/// What a command returns.
pub type CommandResult<T> = Result<T, CommandError>;

/// Takes the store. A panic while it was held leaves it poisoned; the
/// connection itself is still sound (SQLite rolls back an unfinished
/// transaction), so the app carries on with it rather than dying.
pub fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
