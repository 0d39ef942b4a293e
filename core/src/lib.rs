//! AI Oversight's core: everything the product does, with no window.
//!
//! The desktop shell (`src-tauri/`) and the `oversight` CLI are two thin
//! front ends over the functions here, so both see the same numbers. This
//! crate never depends on Tauri; `tests/no_tauri.rs` proves it.
//!
//! | module      | what it owns                                              |
//! | ----------- | --------------------------------------------------------- |
//! | `store`     | the SQLite file: opening, pragmas, migrations, backups    |
//! | `money`     | `Money`, currencies, rates, conversion to the base        |
//! | `settings`  | user settings (base currency, fiscal year start)          |
//! | `catalog`   | the tool catalogue and its aliases                        |
//! | `survey`    | reading survey exports and importing them                 |
//! | `inventory` | the counted views: dashboard, departments, tools          |
//! | `charts`    | drawing charts to SVG, PNG and PDF                        |
//! | `demo`      | the fictional sample company                              |
//! | `paths`     | where the database, backups and logs live                 |
//! | `logging`   | the log file                                              |

pub mod catalog;
pub mod charts;
pub mod demo;
pub mod inventory;
pub mod logging;
pub mod money;
pub mod paths;
pub mod settings;
pub mod store;
pub mod survey;

pub use money::Money;
pub use store::Store;
