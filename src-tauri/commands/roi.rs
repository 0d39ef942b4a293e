//! The return of use cases: the ranking, the use cases themselves and
//! each department's hourly cost.

use std::sync::Mutex;

use oversight_core::roi::{self, Roi, UseCase, UseCaseInput};
use oversight_core::{Money, Store};
use tauri::State;

use super::{contract_error, lock, today, CommandResult};

/// The use cases ranked by their net value this month.
#[tauri::command]
pub fn roi(store: State<'_, Mutex<Store>>) -> CommandResult<Roi> {
    Ok(roi::roi(&lock(&store), today())?)
}

/// Adds a use case (`id` none) or changes the use case `id`; a refused
/// one comes back `"invalid"` with a problem per field.
#[tauri::command]
pub fn save_use_case(
    store: State<'_, Mutex<Store>>,
    id: Option<String>,
    input: UseCaseInput,
) -> CommandResult<UseCase> {
    roi::save_use_case(&mut lock(&store), id.as_deref(), &input).map_err(contract_error)
}

/// Moves a use case to the trash.
#[tauri::command]
pub fn delete_use_case(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<()> {
    Ok(roi::delete_use_case(&mut lock(&store), &id)?)
}

/// Every department, by name, with its hourly cost when set.
#[tauri::command]
pub fn hourly_costs(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<(String, Option<Money>)>> {
    Ok(roi::hourly_costs(&lock(&store))?)
}

/// Sets a department's hourly cost ("3500", "¥3,500"); blank clears it.
#[tauri::command]
pub fn set_hourly_cost(
    store: State<'_, Mutex<Store>>,
    department: String,
    cost: String,
) -> CommandResult<()> {
    roi::set_hourly_cost(&mut lock(&store), &department, &cost).map_err(contract_error)
}
