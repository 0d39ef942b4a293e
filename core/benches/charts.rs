//! How long exporting one realistic chart takes: 6 departments × 8 tools with Japanese
//! names, at slide size, to PNG and to PDF. The target is under 100 ms for each.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use oversight_core::charts::{self, BarSeries, ChartFormat, StackedBars};

fn realistic_chart() -> StackedBars {
    let departments =
        ["営業部", "経理部", "情報システム部", "人事部", "法務部", "マーケティング部"];
    let tools = [
        "ChatGPT Team",
        "Microsoft 365 Copilot",
        "Gemini for Workspace",
        "Claude Team",
        "GitHub Copilot",
        "DeepL Pro",
        "Notion AI",
        "社内翻訳ツール",
    ];
    let series = tools
        .iter()
        .enumerate()
        .map(|(j, tool)| BarSeries {
            name: (*tool).to_owned(),
            values: (0..departments.len())
                .map(|i| (((i * 7 + j * 13) % 11) as f64 + 1.0) * 4_500.0)
                .collect(),
        })
        .collect();
    StackedBars {
        title: "部署別・ツール別の月額費用".to_owned(),
        y_label: "月額費用（円）".to_owned(),
        categories: departments.iter().map(|d| (*d).to_owned()).collect(),
        series,
        note: Some("USD at 150 JPY (as of 2026-11-01)".to_owned()),
    }
}

fn export(c: &mut Criterion) {
    let chart = realistic_chart();
    // The first render parses the bundled font; keep that out of the measurements.
    let _ = charts::render(&chart, ChartFormat::Png, 320, 320);

    for format in [ChartFormat::Png, ChartFormat::Pdf] {
        c.bench_function(&format!("render 6×8 chart to {}", format.extension()), |b| {
            b.iter(|| {
                charts::render(black_box(&chart), format, 1600, 900).expect("the chart renders")
            })
        });
    }
}

criterion_group!(benches, export);
criterion_main!(benches);
