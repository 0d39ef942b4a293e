//! Where the app keeps its files, unless told otherwise.
//!
//! The database is `oversight.sqlite3` in the OS data folder for the app
//! (`~/.local/share/ai-oversight/` on Linux); `--db PATH` or the
//! `OVERSIGHT_DB` variable overrides it. Backups go to `backups/` beside
//! the database, and logs to `logs/` beside it.

use std::path::{Path, PathBuf};

/// The folder name under the OS data folder.
pub const APP_DIR: &str = "ai-oversight";

/// The environment variable that points the app at another database.
pub const DB_ENV: &str = "OVERSIGHT_DB";

/// The database to open: `explicit`, else `$OVERSIGHT_DB`, else the OS
/// data folder.
pub fn database_path(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_DIR).join("oversight.sqlite3")
}

/// The backups folder for the database at `db`.
pub fn backup_dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The log folder for the database at `db`.
pub fn log_dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("logs")
}
