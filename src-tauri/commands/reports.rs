//! The contract reports: spend by month, duplicate subscriptions and
//! renewals, each as of today, and their files.

use std::path::PathBuf;
use std::sync::Mutex;

use oversight_core::duplicates::{self, Duplicates};
use oversight_core::inventory::Lang;
use oversight_core::renewals::{self, Renewals};
use oversight_core::spend::{self, By, Spend};
use oversight_core::{exports, Store};
use tauri::State;

use super::{lock, today, write_export, CommandResult};

/// Spend by month from `from` to `to` (YYYY-MM), by department or tool.
#[tauri::command]
pub fn spend(
    store: State<'_, Mutex<Store>>,
    by: String,
    from: String,
    to: String,
) -> CommandResult<Spend> {
    let (from, to) = spend::months(&from, &to)?;
    Ok(spend::spend(&lock(&store), by.parse::<By>()?, from, to)?)
}

/// The duplicate subscriptions today.
#[tauri::command]
pub fn duplicates(store: State<'_, Mutex<Store>>) -> CommandResult<Duplicates> {
    Ok(duplicates::duplicates(&lock(&store), today())?)
}

/// Writes today's duplicates list as CSV (UTF-8 with a BOM) to `path`.
#[tauri::command]
pub fn export_duplicates_csv(
    store: State<'_, Mutex<Store>>,
    lang: String,
    path: PathBuf,
) -> CommandResult<String> {
    let report = duplicates::duplicates(&lock(&store), today())?;
    write_export(&path, &exports::duplicates_csv(&report, lang.parse::<Lang>()?)?)
}

/// Writes today's duplicates list as an XLSX workbook to `path`.
#[tauri::command]
pub fn export_duplicates_xlsx(
    store: State<'_, Mutex<Store>>,
    lang: String,
    path: PathBuf,
) -> CommandResult<String> {
    let report = duplicates::duplicates(&lock(&store), today())?;
    write_export(&path, &exports::duplicates_xlsx(&report, lang.parse::<Lang>()?)?)
}

/// The renewals and cancellation deadlines within `days` of today.
#[tauri::command]
pub fn renewals(store: State<'_, Mutex<Store>>, days: u32) -> CommandResult<Renewals> {
    Ok(renewals::renewals(&lock(&store), days, today())?)
}

/// Writes the renewals within `days` of today as an .ics calendar.
#[tauri::command]
pub fn export_renewals_ics(
    store: State<'_, Mutex<Store>>,
    days: u32,
    lang: String,
    path: PathBuf,
) -> CommandResult<String> {
    let list = renewals::renewals(&lock(&store), days, today())?;
    write_export(&path, renewals::to_ics(&list, lang.parse::<Lang>()? == Lang::Ja).as_bytes())
}
