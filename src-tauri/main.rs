//! The AI Oversight window: opens the store, sets up logging and hands
//! every command to `commands/`, which calls `oversight-core`.
//!
//! The database is the one `oversight_core::paths::database_path` names
//! (`OVERSIGHT_DB`, else the OS data folder), or the path after `--db` on
//! the command line, which is how the end-to-end tests give each window
//! its own throwaway database. Logs go to a file in the log folder beside
//! the database; `RUST_LOG` raises or lowers the level (default `info`).

// Without this a console window opens beside the app on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use oversight_core::{logging, paths, Store};

use crate::commands::DataPaths;

/// mimalloc rather than glibc's malloc: see the workspace Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let db = paths::database_path(db_argument().as_deref());
    let log_dir = paths::log_dir_for(&db);
    logging::init(&log_dir, "app");

    let store = match Store::open(&db) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("cannot open {}: {e}", db.display());
            eprintln!("ai-oversight: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("opened {}", db.display());

    let data_paths = DataPaths { backup_dir: paths::backup_dir_for(&db), log_dir, db };
    let run = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window's text falls back to the font the charts bundle
        // (ui/css/app.css), so Japanese shows on a machine with no CJK
        // font. Whatever the path asked for, the answer is that font.
        .register_uri_scheme_protocol("font", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "font/ttf")
                .body(Cow::Borrowed(oversight_core::charts::FONT_DATA))
                .expect("a response with one fixed header always builds")
        })
        .manage(Mutex::new(store))
        .manage(data_paths)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::load_demo,
            commands::inventory::summary,
            commands::survey::preview_survey,
            commands::survey::import_survey,
            commands::survey::list_responses,
            commands::survey::fix_flag,
            commands::survey::list_imports,
            commands::survey::undo_import,
            commands::survey::survey_form,
            commands::survey::save_survey_form,
            commands::charts::chart_png,
            commands::charts::export_chart,
            commands::settings::get_settings,
            commands::settings::set_setting,
            commands::settings::set_rate,
            commands::contracts::list_contracts,
            commands::contracts::add_contract,
            commands::contracts::update_contract,
            commands::contracts::delete_contract,
            commands::contracts::import_contracts,
            commands::contracts::undo_contract_import,
            commands::contracts::contract_suggestions,
            commands::contracts::confirm_suggestions,
            commands::contracts::export_template_csv,
            commands::contracts::export_template_xlsx,
            commands::catalog::list_catalog,
            commands::catalog::save_plan,
            commands::catalog::delete_plan,
            commands::catalog::update_tool,
            commands::catalog::add_alias,
            commands::reports::spend,
            commands::reports::duplicates,
            commands::reports::export_duplicates_csv,
            commands::reports::export_duplicates_xlsx,
            commands::reports::renewals,
            commands::reports::export_renewals_ics,
            commands::roi::roi,
            commands::roi::save_use_case,
            commands::roi::delete_use_case,
            commands::roi::hourly_costs,
            commands::roi::set_hourly_cost,
            commands::trash::list_trash,
            commands::trash::restore_from_trash,
            commands::trash::empty_trash,
            commands::prompts::list_prompts,
            commands::prompts::search_prompts,
            commands::prompts::get_prompt,
            commands::prompts::save_prompt,
            commands::prompts::prompt_versions,
            commands::prompts::prompt_diff,
            commands::prompts::prompt_version,
            commands::prompts::prompt_facets,
            commands::prompts::restore_prompt,
            commands::prompts::fill_prompt,
            commands::prompts::fill_prompt_for_use,
            commands::prompts::record_prompt_use,
            commands::prompts::rate_prompt,
            commands::prompts::delete_prompt,
            commands::prompts::export_prompts_json,
            commands::prompts::export_prompts_csv,
            commands::prompts::export_prompts_markdown,
            commands::prompts::import_prompts,
            commands::reviews::list_checklists,
            commands::reviews::save_checklist,
            commands::reviews::start_review,
            commands::reviews::mark_review_item,
            commands::reviews::set_review_status,
            commands::reviews::list_reviews,
            commands::reviews::export_review_pdf,
            commands::reviews::export_review_markdown,
        ])
        .run(tauri::generate_context!());

    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("the window failed: {e}");
            eprintln!("ai-oversight: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The path after `--db` (or in `--db=PATH`), if the app was given one.
fn db_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}
