//! The trash: deleted contracts, plans and use cases.

use std::sync::Mutex;

use oversight_core::trash::{self, TrashItem};
use oversight_core::Store;
use tauri::State;

use super::{lock, CommandResult};

/// Everything in the trash, last deleted first.
#[tauri::command]
pub fn list_trash(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<TrashItem>> {
    Ok(trash::list(&lock(&store))?)
}

/// Puts a deleted record back (`kind`: contract, plan or use_case).
#[tauri::command]
pub fn restore_from_trash(
    store: State<'_, Mutex<Store>>,
    kind: String,
    id: String,
) -> CommandResult<()> {
    Ok(trash::restore(&mut lock(&store), &kind, &id)?)
}

/// Removes everything in the trash for good; returns how many records.
#[tauri::command]
pub fn empty_trash(store: State<'_, Mutex<Store>>) -> CommandResult<u64> {
    Ok(trash::empty(&mut lock(&store))?)
}
