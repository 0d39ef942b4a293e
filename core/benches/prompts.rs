//! How long searching and listing the prompt library take with 100,000
//! templates in a file database. Targets: search under 10 ms at the 95th
//! percentile, listing under 20 ms. Prints p50, p95 and the worst of many
//! runs of a mix of Japanese and English queries (criterion reports means,
//! and the target is a percentile).

use std::time::{Duration, Instant};

use oversight_core::prompts::io::{self, Exported, OnConflict};
use oversight_core::prompts::{self, Content, Filter, Status};
use oversight_core::Store;

const TEMPLATES: usize = 100_000;

/// A deterministic mix of Japanese and English templates of realistic length.
fn templates() -> Vec<Exported> {
    let ja_tasks = [
        "議事録",
        "請求書",
        "提案書",
        "苦情",
        "求人票",
        "報告書",
        "契約書",
        "仕様書",
        "見積書",
        "議題",
    ];
    let ja_verbs = ["要約する", "照合する", "下書きする", "校正する", "翻訳する", "分類する"];
    let en_tasks = [
        "meeting notes",
        "invoice",
        "proposal",
        "complaint",
        "job posting",
        "report",
        "contract",
        "spec",
    ];
    let en_verbs = ["Summarise", "Check", "Draft", "Proofread", "Translate", "Classify"];
    let depts = ["営業部", "経理部", "人事部", "情報システム部", "総務部", "マーケティング部"];
    let mut seed: u64 = 42;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    (0..TEMPLATES)
        .map(|i| {
            let (title, body, tags) = if i % 2 == 0 {
                let t = ja_tasks[next(ja_tasks.len())];
                let v = ja_verbs[next(ja_verbs.len())];
                (
                    format!("{t}を{v}（{i}）"),
                    format!(
                        "あなたは{}の担当者です。次の{t}を{v}際は、事実と数値を確認し、社外秘の情報を含めないでください。\n\n対象:\n{{{{text}}}}\n\n補足: {{{{note}}}} 番号{i}",
                        depts[next(depts.len())]
                    ),
                    vec![t.to_string(), "業務".to_string()],
                )
            } else {
                let t = en_tasks[next(en_tasks.len())];
                let v = en_verbs[next(en_verbs.len())];
                (
                    format!("{v} the {t} ({i})"),
                    format!(
                        "You work in {}. {v} the following {t}; check every fact and figure and leave out anything confidential.\n\nInput:\n{{{{text}}}}\n\nNote: {{{{note}}}} number {i}",
                        depts[next(depts.len())]
                    ),
                    vec![t.to_string(), "work".to_string()],
                )
            };
            Exported {
                id: String::new(),
                content: Content {
                    title,
                    body,
                    department: depts[next(depts.len())].to_string(),
                    category: "general".into(),
                    tags,
                    status: if i % 10 == 0 { Status::Draft } else { Status::Approved },
                    ..Content::default()
                },
                created_at: String::new(),
                updated_at: String::new(),
                versions: Vec::new(),
            }
        })
        .collect()
}

fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95), *times.last().expect("some runs"))
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("XKEEP")
        .map_or_else(|| dir.path().join("library.sqlite3"), std::path::PathBuf::from);
    let mut store = Store::open(&path).expect("store");
    let started = Instant::now();
    io::import(&mut store, &templates(), OnConflict::Skip, false).expect("import");
    eprintln!("made {TEMPLATES} templates in {:.1?}", started.elapsed());
    drop(store);
    let store = Store::open(&path).expect("reopen");

    let queries = [
        "議事録",
        "請求書を照合",
        "社外秘",
        "会議",
        "提案",
        "番号12345",
        "invoice",
        "meeting notes",
        "confidential",
        "Draft the proposal",
        "C++",
        "don't",
        "AND",
        "\"",
        "（株）",
        "*",
        "multi-agent",
        "見積書を翻訳する",
        "fact figure",
        "存在しない語句",
        "確認",
        "の",
        "e",
        "株",
        "ゑ",
    ];
    let mut all = Vec::new();
    println!("| query | p50 | p95 | worst | hits |");
    println!("| --- | --- | --- | --- | --- |");
    for q in queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..40 {
            let t = Instant::now();
            let r = prompts::search(&store, q, &Filter::default()).expect("search never fails");
            times.push(t.elapsed());
            hits = r.hits.len();
        }
        all.extend(times.iter().copied());
        let (p50, p95, worst) = percentiles(times);
        println!("| `{q}` | {p50:.2?} | {p95:.2?} | {worst:.2?} | {hits} |");
    }
    let (p50, p95, worst) = percentiles(all);
    println!("| **all queries** | {p50:.2?} | **{p95:.2?}** | {worst:.2?} | |");

    // With a filter: every match is checked against it until a page is full.
    let sales = Filter { department: Some("営業部".into()), ..Filter::default() };
    for q in ["invoice", "議事録", "Draft the proposal"] {
        let times: Vec<Duration> = (0..40)
            .map(|_| {
                let t = Instant::now();
                prompts::search(&store, q, &sales).expect("search");
                t.elapsed()
            })
            .collect();
        let (p50, p95, worst) = percentiles(times);
        println!("| `{q}`, department 営業部 | {p50:.2?} | {p95:.2?} | {worst:.2?} | |");
    }

    // A filter that few of a common word's matches pass: past the newest
    // 500 matches, every older one is checked until the page is full or
    // the matches end (the worst case: none passes).
    let rare = Filter { tag: Some("invoice".into()), ..Filter::default() };
    for q in ["議事録", "社外秘", "invoice"] {
        let mut hits = 0;
        let times: Vec<Duration> = (0..20)
            .map(|_| {
                let t = Instant::now();
                hits = prompts::search(&store, q, &rare).expect("search").hits.len();
                t.elapsed()
            })
            .collect();
        let (p50, p95, worst) = percentiles(times);
        println!("| `{q}`, tag invoice | {p50:.2?} | {p95:.2?} | {worst:.2?} | {hits} |");
    }

    for (name, order) in
        [("list (by title, first 200)", None), ("list (most used, first 200)", Some("most_used"))]
    {
        let times: Vec<Duration> = (0..40)
            .map(|_| {
                let t = Instant::now();
                let l = prompts::list(
                    &store,
                    &Filter { order: order.map(str::to_string), ..Filter::default() },
                )
                .expect("list");
                assert_eq!(l.len(), 200);
                t.elapsed()
            })
            .collect();
        let (p50, p95, worst) = percentiles(times);
        println!("| {name} | {p50:.2?} | {p95:.2?} | {worst:.2?} | 200 |");
    }
}
