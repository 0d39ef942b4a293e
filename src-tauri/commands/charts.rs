//! Charts: a PNG for the preview, and files for slides and meeting packs.

use std::path::PathBuf;
use std::sync::Mutex;

use oversight_core::charts::{self, ChartFormat};
use oversight_core::inventory::{self, ChartKind, Lang};
use oversight_core::Store;
use tauri::ipc::Response;
use tauri::State;

use super::{lock, CommandResult};

/// The chart as PNG bytes, sent raw rather than as a JSON array.
#[tauri::command]
pub fn chart_png(
    store: State<'_, Mutex<Store>>,
    kind: String,
    lang: String,
    width: Option<u32>,
    height: Option<u32>,
) -> CommandResult<Response> {
    let chart = inventory::chart(&lock(&store), kind.parse::<ChartKind>()?, lang.parse::<Lang>()?)?;
    let size = (width.unwrap_or(charts::DEFAULT_WIDTH), height.unwrap_or(charts::DEFAULT_HEIGHT));
    Ok(Response::new(charts::render(&chart, ChartFormat::Png, size.0, size.1)?))
}

/// Writes the chart to `path` as PNG, PDF or SVG.
#[tauri::command]
pub fn export_chart(
    store: State<'_, Mutex<Store>>,
    kind: String,
    lang: String,
    format: String,
    path: PathBuf,
    width: Option<u32>,
    height: Option<u32>,
) -> CommandResult<String> {
    let chart = inventory::chart(&lock(&store), kind.parse::<ChartKind>()?, lang.parse::<Lang>()?)?;
    let size = (width.unwrap_or(charts::DEFAULT_WIDTH), height.unwrap_or(charts::DEFAULT_HEIGHT));
    charts::write_file(&chart, format.parse::<ChartFormat>()?, size.0, size.1, &path)?;
    Ok(path.display().to_string())
}
