//! Commands about the app itself: where its files are, and the sample
//! company for a first look.

use std::sync::Mutex;

use oversight_core::{demo, inventory, Store};
use serde::Serialize;
use tauri::State;

use super::{lock, CommandResult, DataPaths};

/// What the settings screen and the first-run dashboard need to know.
#[derive(Serialize)]
pub struct AppInfo {
    db_path: String,
    log_dir: String,
    backup_dir: String,
    version: &'static str,
    /// True while the store holds no survey response yet.
    empty: bool,
    /// The OS's language tag (e.g. "ja-JP"), for the window's default.
    os_locale: Option<String>,
}

/// The data folders, the version and whether the store is still empty.
#[tauri::command]
pub fn app_info(
    store: State<'_, Mutex<Store>>,
    paths: State<'_, DataPaths>,
) -> CommandResult<AppInfo> {
    let summary = inventory::summary(&lock(&store))?;
    Ok(AppInfo {
        db_path: paths.db.display().to_string(),
        log_dir: paths.log_dir.display().to_string(),
        backup_dir: paths.backup_dir.display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        empty: summary.responses == 0,
        os_locale: sys_locale::get_locale(),
    })
}

/// Loads the fictional sample company; the core refuses when the store
/// already holds survey data.
#[tauri::command]
pub fn load_demo(store: State<'_, Mutex<Store>>) -> CommandResult<demo::DemoReport> {
    Ok(demo::load(&mut lock(&store))?)
}
