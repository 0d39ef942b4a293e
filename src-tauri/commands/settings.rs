//! Settings: the base currency, the fiscal year and exchange rates.

use std::sync::Mutex;

use oversight_core::money::Rate;
use oversight_core::{settings, Store};
use tauri::State;

use super::{lock, CommandResult};

/// The current settings and rate table.
#[tauri::command]
pub fn get_settings(store: State<'_, Mutex<Store>>) -> CommandResult<settings::Settings> {
    Ok(settings::get(&lock(&store))?)
}

/// Sets one setting; the core checks the key and the value.
#[tauri::command]
pub fn set_setting(
    store: State<'_, Mutex<Store>>,
    key: String,
    value: String,
) -> CommandResult<()> {
    Ok(settings::set(&mut lock(&store), &key, &value)?)
}

/// Sets the rate of `currency` in the base currency, as of a date
/// (today when none is given).
#[tauri::command]
pub fn set_rate(
    store: State<'_, Mutex<Store>>,
    currency: String,
    rate: String,
    as_of: Option<String>,
) -> CommandResult<Rate> {
    Ok(settings::set_rate(&mut lock(&store), &currency, &rate, as_of.as_deref())?)
}
