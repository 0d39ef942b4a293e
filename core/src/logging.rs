//! Logging to a file in the log folder beside the database.
//!
//! Both front ends call [`init`] once. The level is `info` unless the
//! `OVERSIGHT_LOG` variable says otherwise (`debug`, or a tracing filter
//! such as `oversight_core=debug`). Nothing is logged to the terminal, so
//! the CLI's output stays clean for scripts.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The variable that sets the log level.
pub const LOG_ENV: &str = "OVERSIGHT_LOG";

/// Sends this process's logs to `<dir>/<name>.log`, appending. A folder
/// that cannot be written leaves logging off rather than stopping the app.
pub fn init(dir: &Path, name: &str) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(file) =
        OpenOptions::new().create(true).append(true).open(dir.join(format!("{name}.log")))
    else {
        return;
    };
    let filter = EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}
