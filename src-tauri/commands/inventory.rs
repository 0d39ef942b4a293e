//! The counted inventory: the numbers behind the dashboard, the
//! departments and the tools screens.

use std::sync::Mutex;

use oversight_core::{inventory, Store};
use tauri::State;

use super::{lock, CommandResult};

/// Everything the dashboard, departments and tools screens show.
#[tauri::command]
pub fn summary(store: State<'_, Mutex<Store>>) -> CommandResult<inventory::Summary> {
    Ok(inventory::summary(&lock(&store))?)
}
