//! Contracts: the list, the form, imports from a file, the blank
//! template, and the personal plans the survey answers point to.

use std::path::PathBuf;
use std::sync::Mutex;

use oversight_core::contracts::import::{self, ContractImportOptions, ContractImportReport};
use oversight_core::contracts::survey::{self, Suggestion};
use oversight_core::contracts::{self, Contract, ContractInput};
use oversight_core::money::Currency;
use oversight_core::{exports, Store};
use tauri::State;

use super::{contract_error, lock, write_export, CommandResult};

/// Every contract not in the trash.
#[tauri::command]
pub fn list_contracts(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<Contract>> {
    Ok(contracts::list(&lock(&store))?)
}

/// Checks and stores a typed contract; a refused one comes back
/// `"invalid"` with a problem per field.
#[tauri::command]
pub fn add_contract(
    store: State<'_, Mutex<Store>>,
    input: ContractInput,
) -> CommandResult<Contract> {
    contracts::add(&mut lock(&store), &input).map_err(contract_error)
}

/// Checks and changes the contract `id`.
#[tauri::command]
pub fn update_contract(
    store: State<'_, Mutex<Store>>,
    id: String,
    input: ContractInput,
) -> CommandResult<Contract> {
    contracts::update(&mut lock(&store), &id, &input).map_err(contract_error)
}

/// Moves the contract `id` to the trash.
#[tauri::command]
pub fn delete_contract(store: State<'_, Mutex<Store>>, id: String) -> CommandResult<()> {
    Ok(contracts::delete(&mut lock(&store), &id)?)
}

/// Imports a contracts file (the template, or Snipe-IT's licence
/// export). `currency` is the currency of costs in a file that names
/// none; the base currency when not given.
#[tauri::command]
pub fn import_contracts(
    store: State<'_, Mutex<Store>>,
    path: PathBuf,
    dry_run: bool,
    currency: Option<String>,
) -> CommandResult<ContractImportReport> {
    let currency = currency.as_deref().map(Currency::parse).transpose()?;
    let options = ContractImportOptions { dry_run, currency };
    Ok(import::import(&mut lock(&store), &path, &options)?)
}

/// Undoes one contracts import as a whole; returns how many contracts went.
#[tauri::command]
pub fn undo_contract_import(store: State<'_, Mutex<Store>>, batch: String) -> CommandResult<u64> {
    Ok(import::undo(&mut lock(&store), &batch)?)
}

/// The survey answers paid personally that could become contracts.
#[tauri::command]
pub fn contract_suggestions(store: State<'_, Mutex<Store>>) -> CommandResult<Vec<Suggestion>> {
    Ok(survey::suggestions(&lock(&store))?)
}

/// Stores the suggested contracts of these survey answers.
#[tauri::command]
pub fn confirm_suggestions(
    store: State<'_, Mutex<Store>>,
    response_ids: Vec<i64>,
) -> CommandResult<Vec<Contract>> {
    Ok(survey::confirm(&mut lock(&store), &response_ids)?)
}

/// Writes the blank contracts template as CSV to `path`.
#[tauri::command]
pub fn export_template_csv(path: PathBuf) -> CommandResult<String> {
    write_export(&path, &exports::template_csv())
}

/// Writes the blank contracts template as XLSX to `path`.
#[tauri::command]
pub fn export_template_xlsx(path: PathBuf) -> CommandResult<String> {
    write_export(&path, &exports::template_xlsx()?)
}
