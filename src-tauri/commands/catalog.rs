//! The tool catalogue: tools with their aliases and plans, and editing
//! them.

use std::sync::Mutex;

use oversight_core::catalog::{self, CatalogTool, Plan, PlanInput};
use oversight_core::Store;
use tauri::State;

use super::{catalog_error, lock, CommandResult};

/// Every tool with its aliases and plans.
#[tauri::command]
pub fn list_catalog(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<CatalogTool>> {
    Ok(catalog::list(lock(&store).conn())?)
}

/// Adds a plan (`id` none) or changes the plan `id`; a refused field
/// comes back `"invalid"`.
#[tauri::command]
pub fn save_plan(
    store: State<'_, Mutex<Store>>,
    id: Option<String>,
    input: PlanInput,
) -> CommandResult<Plan> {
    catalog::save_plan(&mut lock(&store), id.as_deref(), &input).map_err(catalog_error)
}

/// Moves a plan to the trash.
#[tauri::command]
pub fn delete_plan(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<()> {
    catalog::delete_plan(&mut lock(&store), &id).map_err(catalog_error)
}

/// Changes a tool's vendor and category.
#[tauri::command]
pub fn update_tool(
    store: State<'_, Mutex<Store>>,
    tool: String,
    vendor: String,
    category: String,
) -> CommandResult<()> {
    catalog::update_tool(&mut lock(&store), &tool, &vendor, &category).map_err(catalog_error)
}

/// Adds a spelling that names `tool`.
#[tauri::command]
pub fn add_alias(store: State<'_, Mutex<Store>>, tool: String, alias: String) -> CommandResult<()> {
    catalog::add_alias(&mut lock(&store), &tool, &alias).map_err(catalog_error)
}
