//! How long spend and duplicates take over 5,000 contracts and 36 months,
//! read from the store as the window and CLI read them. The target is
//! under 50 ms for each.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use oversight_core::contracts::{self, ContractInput};
use oversight_core::spend::{self, By};
use oversight_core::{duplicates, Store};

/// A store of 5,000 contracts: 40 departments, the seeded tools and
/// plans, a mix of company, expensed and personal plans, monthly and
/// annual, in yen and dollars, started over three years, some ended.
fn store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let tools = [
        ("ChatGPT", "Business (monthly)", "$30"),
        ("ChatGPT", "Plus", "$20"),
        ("Claude", "Pro (monthly)", "$20"),
        ("Claude", "Team (annual)", "$300"),
        ("GitHub Copilot", "Business", "$19"),
        ("Microsoft Copilot", "Microsoft 365 Copilot", "4,497円"),
        ("DeepL", "Pro Starter", "1,200円"),
        ("Gemini", "Google AI Pro", "2,900円"),
        ("Notion AI", "Business (annual)", "$240"),
    ];
    let kinds = ["company", "expense", "personal"];
    for i in 0..5_000usize {
        let (tool, plan, price) = tools[i % tools.len()];
        let start = NaiveDate::from_ymd_opt(2024 + (i % 2) as i32, 1 + (i % 12) as u32, 1).unwrap();
        let input = ContractInput {
            tool: tool.into(),
            plan: plan.into(),
            department: format!("部署{:02}", i % 40),
            account_kind: kinds[i % 3].into(),
            seats: (1 + i % 25).to_string(),
            unit_price: price.into(),
            start_date: start.to_string(),
            end_date: if i % 7 == 0 { "2026-06-30".into() } else { String::new() },
            status: if i % 7 == 0 { "ended".into() } else { "active".into() },
            renewal_date: if i % 7 == 0 { String::new() } else { "2027-01-01".into() },
            ..ContractInput::default()
        };
        contracts::add(&mut store, &input).expect("a valid contract");
    }
    store
}

fn bench(c: &mut Criterion) {
    let store = store();
    let (from, to) = spend::months("2024-01", "2026-12").unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    c.bench_function("spend by department, 5,000 contracts × 36 months", |b| {
        b.iter(|| black_box(spend::spend(&store, By::Department, from, to).unwrap()))
    });
    c.bench_function("spend by tool, 5,000 contracts × 36 months", |b| {
        b.iter(|| black_box(spend::spend(&store, By::Tool, from, to).unwrap()))
    });
    c.bench_function("duplicates, 5,000 contracts", |b| {
        b.iter(|| black_box(duplicates::duplicates(&store, day).unwrap()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
