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
//! | `catalog`   | the tool catalogue: aliases, plans and list prices         |
//! | `pricing`   | a price per seat and period → a monthly base amount       |
//! | `contracts` | contracts: entry, import, survey-derived, trash           |
//! | `spend`     | monthly spend by month, department and tool               |
//! | `duplicates`| duplicate subscriptions and what consolidating saves      |
//! | `renewals`  | renewals and cancellation deadlines, as a list and .ics   |
//! | `roi`       | use cases: hours saved × hourly cost against tool cost    |
//! | `trash`     | deleted records, until restored or emptied                |
//! | `prompts`   | the prompt library: versions, search, Markdown/JSON/CSV   |
//! | `reviews`   | review checklists and the reviews run with them           |
//! | `exports`   | CSV and XLSX files for meetings, formulas neutralised     |
//! | `contract_charts` | the charts of contracts and use cases               |
//! | `survey`    | reading survey exports and importing them                 |
//! | `inventory` | the counted views: dashboard, departments, tools          |
//! | `charts`    | drawing charts to SVG, PNG and PDF                        |
//! | `demo`      | the fictional sample company                              |
//! | `paths`     | where the database, backups and logs live                 |
//! | `logging`   | the log file                                              |

pub mod catalog;
pub mod charts;
pub mod contract_charts;
pub mod contracts;
pub mod demo;
pub mod duplicates;
pub mod exports;
pub mod inventory;
pub mod logging;
pub mod money;
pub mod paths;
pub mod pricing;
pub mod prompts;
pub mod renewals;
pub mod reviews;
pub mod roi;
pub mod settings;
pub mod spend;
pub mod store;
pub mod survey;
pub mod trash;

pub use money::Money;
pub use store::Store;
