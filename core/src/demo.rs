//! The sample company: a fictional firm of 30 people in six departments,
//! so a newcomer sees every view filled.
//!
//! The sample goes in through the same import as a real survey (a table
//! with the survey's Japanese headers), so it exercises the same rules:
//! one respondent re-submitted and counts once, one answer is paid in
//! dollars, and two values are unreadable and wait to be fixed.
//!
//! Its contracts show every finding of the duplicates view: ChatGPT held
//! by three departments (one annual Business plan saves money), Claude as
//! three personal plans (the Team plan's five-seat minimum makes
//! consolidating cost more), two chat assistants in marketing, a trial,
//! renewals with notice periods. Its use cases show why invoice checking
//! in accounting returns far more than proposal writing in sales: forty
//! hours a month on one cheap seat against ten hours on six seats.

use serde::Serialize;

use crate::contracts::{self, ContractError, ContractInput, Origin, Source};
use crate::prompts;
use crate::roi::{self, UseCaseInput};
use crate::survey::{self, ImportOptions, SurveyError, Table};
use crate::Store;

/// Errors of loading the sample company.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The store already holds survey data, which the sample would mix with.
    #[error(
        "the database already holds {0} survey responses; load the sample company into an \
             empty database (e.g. --db /tmp/demo.sqlite3)"
    )]
    NotEmpty(u64),
    /// The import of the sample failed.
    #[error(transparent)]
    Survey(#[from] SurveyError),
    /// A sample contract or use case was refused (a bug in the sample).
    #[error(transparent)]
    Contract(#[from] ContractError),
    /// A sample prompt template was refused (a bug in the sample).
    #[error("sample prompt: {0}")]
    Prompt(String),
    /// The database refused.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// What loading the sample did.
#[derive(Clone, Debug, Serialize)]
pub struct DemoReport {
    /// Respondents counted.
    pub respondents: u64,
    /// Departments.
    pub departments: u64,
    /// Responses stored (one respondent submitted twice).
    pub responses: u64,
    /// Values left flagged to show the fixing step.
    pub flagged: u64,
    /// Contracts.
    pub contracts: u64,
    /// Use cases.
    pub use_cases: u64,
}

/// The sample contracts: tool, plan, department, paid by, seats, price,
/// billing, start, renewal, notice days, status, owner.
const CONTRACTS: &[[&str; 12]] = &[
    [
        "ChatGPT",
        "Business (monthly)",
        "営業部",
        "company",
        "6",
        "$30",
        "monthly",
        "2026-04-01",
        "2026-12-01",
        "7",
        "active",
        "佐藤 健",
    ],
    [
        "ChatGPT",
        "Business (monthly)",
        "マーケティング部",
        "company",
        "4",
        "$30",
        "monthly",
        "2026-06-01",
        "2026-12-01",
        "7",
        "active",
        "鈴木 美咲",
    ],
    [
        "ChatGPT",
        "Plus",
        "人事部",
        "expense",
        "1",
        "3,000円",
        "monthly",
        "2026-05-10",
        "",
        "",
        "active",
        "高橋 由美",
    ],
    [
        "ChatGPT",
        "Plus",
        "人事部",
        "expense",
        "1",
        "3,000円",
        "monthly",
        "2026-07-01",
        "",
        "",
        "active",
        "渡辺 翔",
    ],
    [
        "Claude",
        "Pro (monthly)",
        "情報システム部",
        "expense",
        "1",
        "$20",
        "monthly",
        "2026-08-01",
        "",
        "",
        "active",
        "伊藤 大輔",
    ],
    [
        "Claude",
        "Pro (monthly)",
        "情報システム部",
        "personal",
        "1",
        "$20",
        "monthly",
        "2026-09-01",
        "",
        "",
        "active",
        "山本 拓也",
    ],
    [
        "Claude",
        "Pro (annual)",
        "経理部",
        "expense",
        "1",
        "$200",
        "annual",
        "2026-04-01",
        "2027-04-01",
        "0",
        "active",
        "中村 直子",
    ],
    [
        "GitHub Copilot",
        "Business",
        "情報システム部",
        "company",
        "5",
        "$19",
        "monthly",
        "2026-04-01",
        "2026-12-20",
        "14",
        "active",
        "伊藤 大輔",
    ],
    [
        "Microsoft Copilot",
        "Microsoft 365 Copilot",
        "総務部",
        "company",
        "3",
        "4,497円",
        "monthly",
        "2026-11-15",
        "2026-12-15",
        "0",
        "trial",
        "吉田 恵",
    ],
    [
        "DeepL",
        "Pro Starter",
        "マーケティング部",
        "expense",
        "1",
        "1,200円",
        "monthly",
        "2026-04-01",
        "",
        "",
        "active",
        "鈴木 美咲",
    ],
    [
        "Gemini",
        "Google AI Pro",
        "マーケティング部",
        "expense",
        "1",
        "2,900円",
        "monthly",
        "2026-09-01",
        "",
        "",
        "active",
        "小林 彩",
    ],
];

/// The starter prompt library: title, category, department, tags, body.
/// Variables are described in [`starter_variables`].
const PROMPTS: &[(&str, &str, &str, &[&str], &str)] = &[
    (
        "会議の議事録を要約する",
        "会議",
        "総務部",
        &["会議", "要約", "議事録"],
        "あなたは社内の議事録担当です。次の会議メモを、決定事項・宿題（担当者と期限）・未決事項の3つに分けて箇条書きで要約してください。\n\n会議名: {{meeting}}\n日付: {{date}}\n\nメモ:\n{{notes}}",
    ),
    (
        "お客様からの苦情への返信",
        "顧客対応",
        "営業部",
        &["苦情", "返信", "メール"],
        "{{customer_name}} 様からの次のお問い合わせに、{{tone}}な文面で返信メールの下書きを作ってください。事実を確認していない約束はしないでください。\n\nお問い合わせ:\n{{complaint}}",
    ),
    (
        "請求書と発注書の照合",
        "経理",
        "経理部",
        &["請求書", "照合", "経理"],
        "次の請求書と発注書の内容を照合し、金額・数量・品目・支払期日の食い違いを表にしてください。食い違いがなければ「一致」とだけ答えてください。\n\n請求書:\n{{invoice}}\n\n発注書:\n{{order}}",
    ),
    (
        "提案書の骨子を作る",
        "営業",
        "営業部",
        &["提案書", "営業"],
        "{{client}} 向けの提案書の骨子を作ってください。課題、提案内容、期待される効果、スケジュール、費用の順に、各項目3行以内で。\n\n先方の課題:\n{{problem}}",
    ),
    (
        "Summarise a meeting",
        "meeting",
        "総務部",
        &["meeting", "summary"],
        "You take the minutes. Summarise these meeting notes as three lists: decisions, action items (owner and due date) and open questions.\n\nMeeting: {{meeting}}\nDate: {{date}}\n\nNotes:\n{{notes}}",
    ),
    (
        "Reply to a customer complaint",
        "customer reply",
        "営業部",
        &["complaint", "reply", "email"],
        "Draft a {{tone}} reply to {{customer_name}} about the complaint below. Do not promise anything that has not been checked.\n\nComplaint:\n{{complaint}}",
    ),
    (
        "Review code for security issues",
        "code",
        "情報システム部",
        &["code", "security", "review"],
        "Review the following {{language}} code for security problems (injection, secrets, unsafe input handling) and list each with its line and a fix.\n\n{{code}}",
    ),
    (
        "求人票の下書き",
        "採用",
        "人事部",
        &["採用", "求人"],
        "次の条件で {{position}} の求人票の下書きを作ってください。仕事内容、必須条件、歓迎条件、待遇の順に。差別的な表現は使わないでください。\n\n条件:\n{{conditions}}",
    ),
];

/// The variables of the starter templates that are not plain text.
fn starter_variables(body: &str) -> Vec<prompts::Variable> {
    use prompts::{Variable, VariableKind};
    let mut out = Vec::new();
    for name in prompts::variables_in(body) {
        let (kind, default, options) = match name.as_str() {
            "date" => (VariableKind::Date, None, Vec::new()),
            "notes" | "complaint" | "invoice" | "order" | "problem" | "code" | "conditions" => {
                (VariableKind::LongText, None, Vec::new())
            }
            "tone" if body.is_ascii() => (
                VariableKind::Choice,
                Some("polite".to_string()),
                vec!["polite".into(), "brief".into(), "warm".into()],
            ),
            "tone" => (
                VariableKind::Choice,
                Some("丁寧".to_string()),
                vec!["丁寧".into(), "簡潔".into(), "親しみのある".into()],
            ),
            "language" => (
                VariableKind::Choice,
                Some("Rust".to_string()),
                vec!["Rust".into(), "Python".into(), "TypeScript".into(), "Java".into()],
            ),
            _ => (VariableKind::Text, None, Vec::new()),
        };
        out.push(Variable { name, kind, default, options });
    }
    out
}

/// Each department's hourly cost.
const HOURLY: &[(&str, i64)] = &[
    ("営業部", 4_500),
    ("マーケティング部", 3_500),
    ("人事部", 3_200),
    ("情報システム部", 5_000),
    ("経理部", 3_000),
    ("総務部", 3_000),
];

/// The sample use cases: department, task, tool, minutes a run, runs a
/// month, hours a month, seats.
const USE_CASES: &[[&str; 7]] = &[
    ["経理部", "請求書の照合", "Claude", "6", "400", "", "1"],
    ["営業部", "提案書の作成", "ChatGPT", "30", "20", "", "6"],
    ["マーケティング部", "広告コピーの下書き", "ChatGPT", "", "", "15", "4"],
    ["情報システム部", "コードレビュー", "GitHub Copilot", "20", "60", "", "5"],
    ["人事部", "求人票の作成", "ChatGPT", "", "", "4", "2"],
    ["総務部", "議事録の要約", "Microsoft Copilot", "", "", "8", "3"],
];

const HEADERS: [&str; 13] = [
    "タイムスタンプ",
    "メールアドレス",
    "氏名",
    "部署",
    "利用しているAIツール（複数選択可）",
    "契約形態",
    "月額費用",
    "主な利用業務",
    "週あたりの利用時間",
    "週あたりの削減時間",
    "課題（複数選択可）",
    "要望",
    "入力するデータの種類（複数選択可）",
];

/// The respondents: time, e-mail, name, department, tools, payment, cost,
/// tasks, usage hours, saved hours, challenges, requests, data kinds.
const ROWS: &[[&str; 13]] = &[
    [
        "2026/11/04 9:02:11",
        "sato.k@example.co.jp",
        "佐藤 健",
        "営業部",
        "ChatGPT, Microsoft Copilot",
        "会社契約",
        "¥4,500",
        "提案書の作成, メール文面",
        "5",
        "3",
        "回答の正確性, 情報漏えいの不安",
        "提案書のテンプレートが欲しい",
        "社内情報",
    ],
    [
        "2026/11/04 9:15:40",
        "suzuki.m@example.co.jp",
        "鈴木 舞",
        "営業部",
        "ChatGPT",
        "個人契約（経費精算）",
        "$20",
        "議事録の要約",
        "4",
        "2.5",
        "費用",
        "",
        "社内情報, 顧客情報",
    ],
    [
        "2026/11/04 10:01:05",
        "takahashi.y@example.co.jp",
        "高橋 陽介",
        "営業部",
        "GPT Plus",
        "個人負担",
        "3,000円",
        "提案書の作成",
        "3",
        "2",
        "費用, 使い方・スキル",
        "会社で契約してほしい",
        "公開情報",
    ],
    [
        "2026/11/04 11:20:00",
        "tanaka.a@example.co.jp",
        "田中 彩",
        "営業部",
        "Gemini",
        "無料プラン",
        "無料",
        "市場調査",
        "2",
        "1",
        "回答の正確性",
        "",
        "公開情報",
    ],
    [
        "2026/11/05 8:45:12",
        "ito.r@example.co.jp",
        "伊藤 涼",
        "営業部",
        "ChatGPT, DeepL",
        "会社契約",
        "4,500円",
        "海外顧客へのメール",
        "6",
        "4",
        "情報漏えいの不安",
        "翻訳の品質チェック方法を知りたい",
        "顧客情報",
    ],
    [
        "2026/11/05 9:30:44",
        "watanabe.s@example.co.jp",
        "渡辺 翔",
        "営業部",
        "使っていない",
        "",
        "",
        "",
        "0",
        "0",
        "使い方・スキル",
        "研修があれば使いたい",
        "",
    ],
    [
        "2026/11/04 13:05:09",
        "yamamoto.n@example.co.jp",
        "山本 直子",
        "経理部",
        "Microsoft Copilot",
        "会社契約",
        "4,500円",
        "請求書の確認, 仕訳の下書き",
        "6",
        "5",
        "回答の正確性",
        "",
        "社内情報, 個人情報",
    ],
    [
        "2026/11/04 13:40:31",
        "nakamura.t@example.co.jp",
        "中村 拓",
        "経理部",
        "Microsoft Copilot, ChatGPT",
        "会社契約",
        "¥4,500",
        "請求書処理",
        "8",
        "6",
        "回答の正確性, 情報漏えいの不安",
        "請求書の読み取りを自動化したい",
        "社内情報",
    ],
    [
        "2026/11/05 10:10:10",
        "kobayashi.e@example.co.jp",
        "小林 恵美",
        "経理部",
        "ChatGPT",
        "個人契約（経費精算）",
        "3,000円",
        "Excel関数の作成",
        "3",
        "2",
        "費用",
        "",
        "社内情報",
    ],
    [
        "2026/11/05 14:22:18",
        "kato.h@example.co.jp",
        "加藤 浩",
        "経理部",
        "Claude",
        "個人負担",
        "$20",
        "規程の要約",
        "2",
        "たくさん",
        "使い方・スキル",
        "",
        "公開情報",
    ],
    [
        "2026/11/06 9:00:00",
        "yoshida.k@example.co.jp",
        "吉田 香織",
        "経理部",
        "Microsoft Copilot",
        "会社契約",
        "4,500円",
        "請求書処理",
        "7",
        "5.5",
        "回答の正確性",
        "",
        "社内情報",
    ],
    [
        "2026/11/04 15:12:47",
        "yamada.j@example.co.jp",
        "山田 純",
        "人事部",
        "ChatGPT",
        "会社契約",
        "3,000円",
        "求人票の作成",
        "3",
        "2",
        "情報漏えいの不安",
        "",
        "個人情報",
    ],
    [
        "2026/11/05 11:11:11",
        "sasaki.m@example.co.jp",
        "佐々木 真理",
        "人事部",
        "ChatGPT, Notion AI",
        "個人契約（経費精算）",
        "4,500円",
        "研修資料の作成",
        "4",
        "3",
        "費用",
        "Notion AIの会社契約を検討してほしい",
        "社内情報",
    ],
    [
        "2026/11/05 16:40:02",
        "yamaguchi.s@example.co.jp",
        "山口 聡",
        "人事部",
        "Gemini",
        "無料プラン",
        "無料",
        "面接質問の準備",
        "1",
        "0.5",
        "回答の正確性",
        "",
        "公開情報",
    ],
    [
        "2026/11/06 10:30:30",
        "matsumoto.y@example.co.jp",
        "松本 由美",
        "人事部",
        "チャットGPT",
        "個人負担",
        "3000",
        "社内報の下書き",
        "2",
        "1.5",
        "使い方・スキル",
        "",
        "社内情報",
    ],
    [
        "2026/11/04 9:45:00",
        "inoue.d@example.co.jp",
        "井上 大輔",
        "情報システム部",
        "GitHub Copilot, ChatGPT",
        "会社契約",
        "$39",
        "コードレビュー, スクリプト作成",
        "10",
        "6",
        "情報漏えいの不安",
        "社内規程の整備を急いでほしい",
        "社内情報, ソースコード",
    ],
    [
        "2026/11/04 10:20:15",
        "kimura.r@example.co.jp",
        "木村 亮",
        "情報システム部",
        "GitHub Copilot",
        "会社契約",
        "$19",
        "コーディング",
        "12",
        "8",
        "回答の正確性",
        "",
        "ソースコード",
    ],
    [
        "2026/11/05 13:33:33",
        "hayashi.k@example.co.jp",
        "林 健二",
        "情報システム部",
        "Claude, GitHub Copilot",
        "個人契約（経費精算）",
        "$20",
        "設計書の作成",
        "8",
        "5",
        "費用",
        "",
        "社内情報",
    ],
    [
        "2026/11/05 15:05:05",
        "shimizu.a@example.co.jp",
        "清水 明",
        "情報システム部",
        "ローカルLLM",
        "会社契約",
        "0",
        "ログ解析",
        "4",
        "2",
        "使い方・スキル",
        "GPUサーバーが欲しい",
        "社内情報, 個人情報",
    ],
    [
        "2026/11/06 11:45:20",
        "yamazaki.t@example.co.jp",
        "山崎 剛",
        "情報システム部",
        "GitHub Copilot",
        "会社契約",
        "$19",
        "コーディング",
        "10",
        "7",
        "",
        "",
        "ソースコード",
    ],
    [
        "2026/11/04 11:00:00",
        "mori.y@example.co.jp",
        "森 由香",
        "マーケティング部",
        "ChatGPT, Notion AI",
        "個人契約（経費精算）",
        "4,500円",
        "広告コピー, ブログ記事",
        "6",
        "4",
        "回答の正確性, 費用",
        "",
        "公開情報",
    ],
    [
        "2026/11/04 14:14:14",
        "abe.s@example.co.jp",
        "阿部 沙織",
        "マーケティング部",
        "ChatGPT",
        "個人負担",
        "3,000円",
        "SNS投稿",
        "5",
        "3",
        "費用",
        "",
        "公開情報",
    ],
    [
        "2026/11/05 9:09:09",
        "ikeda.k@example.co.jp",
        "池田 健太",
        "マーケティング部",
        "Claude",
        "個人契約（経費精算）",
        "$20",
        "市場調査レポート",
        "4",
        "3",
        "回答の正確性",
        "",
        "公開情報, 社内情報",
    ],
    [
        "2026/11/05 10:45:45",
        "hashimoto.m@example.co.jp",
        "橋本 美穂",
        "マーケティング部",
        "Midjourney, ChatGPT",
        "個人負担",
        "$30",
        "バナー画像",
        "3",
        "2",
        "権利",
        "画像生成の利用ルールを決めてほしい",
        "公開情報",
    ],
    [
        "2026/11/06 13:00:00",
        "ishikawa.r@example.co.jp",
        "石川 蓮",
        "マーケティング部",
        "Gemini",
        "無料プラン",
        "無料",
        "競合調査",
        "2",
        "1",
        "回答の正確性",
        "",
        "公開情報",
    ],
    [
        "2026/11/06 15:30:00",
        "ogawa.n@example.co.jp",
        "小川 奈々",
        "マーケティング部",
        "ChatGPT",
        "個人負担",
        "3000円円",
        "メルマガ",
        "3",
        "2",
        "費用",
        "",
        "公開情報",
    ],
    [
        "2026/11/04 16:00:00",
        "fujita.h@example.co.jp",
        "藤田 博",
        "総務部",
        "Microsoft Copilot",
        "会社契約",
        "4,500円",
        "議事録, 社内文書",
        "4",
        "3",
        "使い方・スキル",
        "",
        "社内情報",
    ],
    [
        "2026/11/05 8:30:00",
        "okada.m@example.co.jp",
        "岡田 真由",
        "総務部",
        "ChatGPT",
        "無料プラン",
        "無料",
        "案内文の作成",
        "1",
        "1",
        "情報漏えいの不安",
        "",
        "社内情報",
    ],
    [
        "2026/11/05 17:10:00",
        "goto.k@example.co.jp",
        "後藤 圭",
        "総務部",
        "DeepL",
        "個人負担",
        "1,200円",
        "英文契約書の翻訳",
        "2",
        "1.5",
        "情報漏えいの不安",
        "",
        "社内情報",
    ],
    [
        "2026/11/06 9:20:00",
        "hasegawa.y@example.co.jp",
        "長谷川 優",
        "総務部",
        "Microsoft Copilot, ChatGPT",
        "会社契約",
        "4,500円",
        "マニュアル作成",
        "3",
        "2",
        "",
        "",
        "社内情報",
    ],
    // Sato answered again a week later; only this later answer counts.
    [
        "2026/11/11 9:00:00",
        "Sato.K@example.co.jp",
        "佐藤 健",
        "営業部",
        "ChatGPT, Microsoft Copilot, DeepL",
        "会社契約",
        "¥4,500",
        "提案書の作成, メール文面, 翻訳",
        "6",
        "4",
        "回答の正確性, 情報漏えいの不安",
        "提案書のテンプレートが欲しい",
        "社内情報",
    ],
];

/// The sample as a table, as if read from a Google Forms export.
pub fn table() -> Table {
    Table {
        format: survey::Format::Csv,
        encoding: "UTF-8",
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: ROWS.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
        row_numbers: (2..ROWS.len() as u64 + 2).collect(),
        notes: Vec::new(),
        iso_times: false,
    }
}

/// Loads the sample company into an empty store.
pub fn load(store: &mut Store) -> Result<DemoReport, DemoError> {
    let existing: i64 =
        store.conn().query_row("SELECT count(*) FROM responses", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing as u64));
    }
    let report = survey::import_table(
        store,
        table(),
        "sample-company.csv",
        "sample",
        &ImportOptions::default(),
        &mut |_, _| {},
    )?;
    // The contracts, use cases and prompts go in a second transaction: their
    // checks read the departments the survey made. Should it fail, the
    // survey import is undone too, so no half of the sample stays.
    let (contracts, use_cases) = match load_contracts(store) {
        Ok(loaded) => loaded,
        Err(e) => {
            if let Err(undo) = survey::undo_import(store, &report.batch) {
                tracing::error!(%undo, "could not undo the sample survey after a failure");
            }
            return Err(e);
        }
    };
    let (respondents, departments): (i64, i64) = store.conn().query_row(
        "SELECT (SELECT count(*) FROM responses WHERE superseded = 0),
                (SELECT count(*) FROM departments)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(DemoReport {
        respondents: respondents as u64,
        departments: departments as u64,
        responses: report.imported,
        flagged: report.flagged.len() as u64,
        contracts,
        use_cases,
    })
}

/// Stores the sample contracts, hourly costs and use cases, in one
/// transaction, through the same checks as typed ones.
fn load_contracts(store: &mut Store) -> Result<(u64, u64), DemoError> {
    let checked: Vec<_> = CONTRACTS
        .iter()
        .map(|c| {
            let input = ContractInput {
                tool: c[0].into(),
                plan: c[1].into(),
                department: c[2].into(),
                account_kind: c[3].into(),
                seats: c[4].into(),
                unit_price: c[5].into(),
                billing: c[6].into(),
                start_date: c[7].into(),
                renewal_date: c[8].into(),
                notice_days: c[9].into(),
                status: c[10].into(),
                owner: c[11].into(),
                ..ContractInput::default()
            };
            contracts::check(store.conn(), &input).map_err(ContractError::Invalid)
        })
        .collect::<Result<_, _>>()?;
    let cases: Vec<_> = USE_CASES
        .iter()
        .map(|u| {
            let input = UseCaseInput {
                department: u[0].into(),
                task: u[1].into(),
                tool: u[2].into(),
                minutes_per_run: u[3].into(),
                runs_per_month: u[4].into(),
                hours_per_month: u[5].into(),
                seats: u[6].into(),
                note: String::new(),
            };
            roi::check(store.conn(), &input)
        })
        .collect::<Result<_, _>>()?;
    let origin = Origin {
        source: Source::Typed,
        batch_id: None,
        source_row: None,
        fingerprint: None,
        response_id: None,
    };
    store.write(|tx| {
        for c in &checked {
            contracts::insert(tx, c, &origin)?;
        }
        for (dept, yen) in HOURLY {
            roi::set_hourly_cost_in(
                tx,
                dept,
                Some(crate::Money::new(crate::money::Currency::JPY, *yen)),
            )?;
        }
        for u in &cases {
            roi::insert_use_case(tx, u)?;
        }
        for (title, category, department, tags, body) in PROMPTS {
            let content = prompts::check(&prompts::Content {
                title: title.to_string(),
                body: body.to_string(),
                variables: starter_variables(body),
                category: category.to_string(),
                department: department.to_string(),
                tools: vec!["ChatGPT".into(), "Claude".into(), "Microsoft Copilot".into()],
                data_classes: vec!["public".into(), "internal".into()],
                tags: tags.iter().map(|t| t.to_string()).collect(),
                status: prompts::Status::Approved,
                owner: "AI推進タスクフォース".into(),
            })
            .map_err(|e| DemoError::Prompt(e.to_string()))?;
            prompts::save_in(tx, None, &content, "", None)
                .map_err(|e| DemoError::Prompt(e.to_string()))?;
        }
        Ok::<_, DemoError>((checked.len() as u64, cases.len() as u64))
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_company_has_thirty_people_in_six_departments() -> Result<(), DemoError> {
        let mut store = Store::open_in_memory().expect("store");
        let r = load(&mut store)?;
        assert_eq!(r.respondents, 30, "Sato's second answer replaces the first");
        assert_eq!(r.responses, 31, "both of Sato's answers are stored");
        assert_eq!(r.departments, 6);
        assert_eq!(r.flagged, 2, "'たくさん' hours and '3000円円' wait to be fixed");
        assert!(matches!(load(&mut store), Err(DemoError::NotEmpty(31))), "no second load");
        assert_eq!((r.contracts, r.use_cases), (11, 6));
        let library = crate::prompts::list(&store, &crate::prompts::Filter::default()).unwrap();
        assert_eq!(library.len(), 8, "a starter set in Japanese and English");
        let hits = crate::prompts::search(&store, "議事録", &Default::default()).unwrap();
        assert!(!hits.hits.is_empty());
        Ok(())
    }

    #[test]
    fn a_sample_that_fails_half_way_leaves_no_half() {
        let mut store = Store::open_in_memory().expect("store");
        store
            .conn()
            .execute_batch(
                "CREATE TEMP TRIGGER refuse AFTER INSERT ON contracts
                 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
            )
            .unwrap();
        assert!(load(&mut store).is_err(), "the contracts fail");
        let left: i64 = store
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM contracts)
                      + (SELECT count(*) FROM import_batches)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "the survey half was undone too");
        store.conn().execute_batch("DROP TRIGGER refuse").unwrap();
        assert_eq!(load(&mut store).expect("loads after").respondents, 30);
    }

    #[test]
    fn the_sample_shows_a_saving_a_minimum_and_the_roi_story() -> Result<(), DemoError> {
        let mut store = Store::open_in_memory().expect("store");
        load(&mut store)?;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let d = crate::duplicates::duplicates(&store, day)?;
        let chatgpt = d.groups.iter().find(|g| g.product == "ChatGPT").unwrap();
        // 6 + 4 Business seats at $30 (¥27,000 + ¥18,000) and two Plus at ¥3,000:
        // ¥51,000 now; Business (annual) for 12 seats: 12 × $300 × 150 / 12 = ¥45,000.
        assert_eq!(chatgpt.monthly_saving.minor, 6_000);
        let claude = d.groups.iter().find(|g| g.product == "Claude").unwrap();
        assert!(!claude.saves, "three seats against Team's minimum of five");
        let r = crate::roi::roi(&store, day)?;
        let rank = |task: &str| r.use_cases.iter().find(|u| u.use_case.task == task).unwrap().rank;
        assert!(rank("請求書の照合") < rank("提案書の作成"));
        let invoices = r.use_cases.iter().find(|u| u.use_case.task == "請求書の照合").unwrap();
        let proposals = r.use_cases.iter().find(|u| u.use_case.task == "提案書の作成").unwrap();
        assert!(invoices.ratio > proposals.ratio, "{:?} vs {:?}", invoices.ratio, proposals.ratio);
        Ok(())
    }
}
