//! The charts drawn from contracts and use cases: spend by tool, the
//! spend trend, duplicate spend and the ROI of use cases. Each is built
//! from the same report the CLI prints as JSON (`spend`, `duplicates`,
//! `roi`), so a chart and `--json` never disagree.

use chrono::NaiveDate;

use crate::charts::{BarSeries, StackedBars};
use crate::contracts::{ContractError, Month};
use crate::inventory::Lang;
use crate::money::{Currency, Money, Rate};
use crate::spend::{self, By};
use crate::{duplicates, roi, Store};

/// Which contract chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractChart {
    /// This month's spend per tool, stacked by department.
    SpendByTool,
    /// Spend in each of the last twelve months, stacked by tool.
    SpendTrend,
    /// What the company pays a month for each product held more than once,
    /// stacked by department.
    Duplicates,
    /// Net value a month of each use case (value − tool cost).
    Roi,
}

fn rates_note(rates: &[Rate], base: Currency, ja: bool) -> String {
    rates
        .iter()
        .map(|r| {
            if ja {
                format!("{} = {} {}（{} 時点）", r.currency, r.rate, base, r.as_of)
            } else {
                format!("{} at {} {} (as of {})", r.currency, r.rate, base, r.as_of)
            }
        })
        .collect::<Vec<_>>()
        .join(if ja { "、" } else { ", " })
}

fn join_note(parts: Vec<String>, ja: bool) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(if ja { "・" } else { "; " }))
}

fn dept_label(name: &str, ja: bool) -> String {
    match (name.is_empty(), ja) {
        (true, true) => "（部署なし）".into(),
        (true, false) => "(no department)".into(),
        _ => name.to_string(),
    }
}

fn major(m: Money) -> f64 {
    m.to_major_f64()
}

/// The chart's data, with labels in `lang`, as of `as_of`.
pub fn chart(
    store: &Store,
    kind: ContractChart,
    lang: Lang,
    as_of: NaiveDate,
) -> Result<StackedBars, ContractError> {
    let ja = lang == Lang::Ja;
    let month = Month::of(as_of);
    let spend_err = |e: spend::SpendError| match e {
        spend::SpendError::Contracts(c) => c,
        spend::SpendError::Range(r) => ContractError::NotFound(r),
    };
    match kind {
        ContractChart::SpendByTool => {
            // One read of the contracts: the tool order and total from the
            // spend by tool, the departments from the spend by department,
            // and each department × tool cell from one pass over them.
            let pricing = crate::pricing::Pricing::load(store.conn())?;
            let held = crate::contracts::load_held(store.conn(), &pricing)?;
            let by_tool = spend::compute(&held, &pricing, By::Tool, month, month);
            let by_both = spend::compute(&held, &pricing, By::Department, month, month);
            let tools: Vec<String> = by_tool.rows.iter().map(|r| r.name.clone()).collect();
            let mut cells: std::collections::HashMap<(&str, &str), i64> =
                std::collections::HashMap::new();
            for c in held.iter().filter(|c| c.account_kind.company_pays() && c.paid_in(month)) {
                if let Ok(m) = c.monthly {
                    let key = (c.department.as_deref().unwrap_or(""), c.tool.as_str());
                    let cell = cells.entry(key).or_insert(0);
                    *cell = cell.saturating_add(m.minor);
                }
            }
            let scale = 10f64.powi(by_tool.base_currency.exponent() as i32);
            let series = by_both
                .rows
                .iter()
                .map(|d| BarSeries {
                    name: dept_label(&d.name, ja),
                    values: tools
                        .iter()
                        .map(|tool| {
                            let minor = cells.get(&(d.name.as_str(), tool.as_str())).copied();
                            minor.unwrap_or(0) as f64 / scale
                        })
                        .collect(),
                })
                .collect();
            let base = by_tool.base_currency;
            Ok(StackedBars {
                title: if ja {
                    format!("ツール別の月額費用（{month}、部署別）")
                } else {
                    format!("Monthly spend by tool, {month}, by department")
                },
                y_label: if ja { format!("{base} ／月") } else { format!("{base} per month") },
                categories: tools,
                series,
                note: join_note(
                    vec![
                        if ja {
                            format!("合計 {} {base}", by_tool.total.to_grouped_string())
                        } else {
                            format!("Total {} {base}", by_tool.total.to_grouped_string())
                        },
                        rates_note(&by_tool.rates_used, base, ja),
                    ],
                    ja,
                ),
            })
        }
        ContractChart::SpendTrend => {
            let from = Month(month.0 - 11);
            let s = spend::spend(store, By::Tool, from, month).map_err(spend_err)?;
            let months: Vec<String> = s.months.keys().cloned().collect();
            let series = s
                .rows
                .iter()
                .map(|r| BarSeries {
                    name: r.name.clone(),
                    values: months
                        .iter()
                        .map(|m| r.months.get(m).copied().map_or(0.0, major))
                        .collect(),
                })
                .collect();
            let base = s.base_currency;
            Ok(StackedBars {
                title: if ja {
                    "月別の費用（ツール別、直近12か月）".into()
                } else {
                    "Monthly spend, last 12 months, by tool".into()
                },
                y_label: if ja { format!("{base} ／月") } else { format!("{base} per month") },
                categories: months,
                series,
                note: join_note(
                    vec![
                        if ja {
                            format!("12か月合計 {} {base}", s.total.to_grouped_string())
                        } else {
                            format!("12-month total {} {base}", s.total.to_grouped_string())
                        },
                        rates_note(&s.rates_used, base, ja),
                    ],
                    ja,
                ),
            })
        }
        ContractChart::Duplicates => {
            let d = duplicates::duplicates(store, as_of)?;
            let products: Vec<String> = d.groups.iter().map(|g| g.product.clone()).collect();
            let mut departments: Vec<String> = d
                .groups
                .iter()
                .flat_map(|g| g.contracts.iter().map(|c| c.department.clone().unwrap_or_default()))
                .collect();
            departments.sort();
            departments.dedup();
            let series = departments
                .iter()
                .map(|dept| BarSeries {
                    name: dept_label(dept, ja),
                    values: d
                        .groups
                        .iter()
                        .map(|g| {
                            g.contracts
                                .iter()
                                .filter(|c| c.department.clone().unwrap_or_default() == *dept)
                                .filter(|c| c.account_kind.company_pays())
                                .filter_map(|c| c.monthly_cost)
                                .map(major)
                                .sum()
                        })
                        .collect(),
                })
                .collect();
            let base = d.base_currency;
            Ok(StackedBars {
                title: if ja {
                    "重複契約の月額費用（部署別）".into()
                } else {
                    "Monthly cost of products held more than once, by department".into()
                },
                y_label: if ja { format!("{base} ／月") } else { format!("{base} per month") },
                categories: products,
                series,
                note: join_note(
                    vec![
                        if ja {
                            format!(
                                "{} 時点・統合による削減 {} {base}／月",
                                d.as_of,
                                d.monthly_saving.to_grouped_string()
                            )
                        } else {
                            format!(
                                "As of {}; consolidating saves {} {base} a month",
                                d.as_of,
                                d.monthly_saving.to_grouped_string()
                            )
                        },
                        rates_note(&d.rates_used, base, ja),
                    ],
                    ja,
                ),
            })
        }
        ContractChart::Roi => {
            let r = roi::roi(store, as_of)?;
            let valued: Vec<&roi::RoiRow> =
                r.use_cases.iter().filter(|u| u.net_monthly.is_some()).collect();
            let base = r.base_currency;
            Ok(StackedBars {
                title: if ja {
                    "活用事例の月間純価値（削減時間の価値 − ツール費用）".into()
                } else {
                    "Net monthly value of AI use cases (time saved − tool cost)".into()
                },
                y_label: if ja { format!("{base} ／月") } else { format!("{base} per month") },
                categories: valued
                    .iter()
                    .map(|u| format!("{}: {}", u.use_case.department, u.use_case.task))
                    .collect(),
                series: vec![BarSeries {
                    name: String::new(),
                    values: valued.iter().map(|u| u.net_monthly.map_or(0.0, major)).collect(),
                }],
                note: join_note(
                    vec![
                        if ja {
                            format!("{}・時間単価 × 削減時間 − 席数に応じたツール費用", r.month)
                        } else {
                            format!(
                                "{}; hourly cost × hours saved − the tool's cost for its seats",
                                r.month
                            )
                        },
                        rates_note(&r.rates_used, base, ja),
                    ],
                    ja,
                ),
            })
        }
    }
}
