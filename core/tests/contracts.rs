//! Contracts, spend, duplicates, renewals and ROI on the fixtures in
//! `tests/fixtures/contracts/` (written by its make.py). Every expected
//! amount is worked out by hand beside its assertion, at USD = 150 JPY,
//! so the tests check the arithmetic rather than repeat it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use oversight_core::contracts::import::{self as contract_import, ContractImportOptions, Layout};
use oversight_core::contracts::{self, ContractError, ContractInput, Month};
use oversight_core::money::{Currency, Money};
use oversight_core::spend::{self, By};
use oversight_core::{duplicates, renewals, roi, settings, trash, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contracts").join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn yen(minor: i64) -> Money {
    Money::new(Currency::JPY, minor)
}

fn with_template() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let report = contract_import::import(
        &mut store,
        &fixture("template_ja.csv"),
        &ContractImportOptions::default(),
    )
    .expect("the template imports");
    assert_eq!(report.layout, Layout::Template);
    assert_eq!(report.imported, 13, "{:?}", report.flagged);
    assert_eq!(report.duplicates, 1, "the repeated row is imported once");
    assert!(report.flagged.is_empty(), "{:?}", report.flagged);
    store
}

#[test]
fn the_japanese_template_imports_in_utf8_and_in_cp932() {
    let store = with_template();
    let list = contracts::list(&store).unwrap();
    let tanaka = list.iter().find(|c| c.owner == "田中" && c.tool == "ChatGPT").unwrap();
    assert_eq!(
        tanaka.unit_price,
        Some(yen(3_000)),
        "'3,000円' is yen though Plus is priced in USD"
    );
    assert_eq!(tanaka.start_date.as_deref(), Some("2026-05-10"), "2026年5月10日");
    assert_eq!(tanaka.account_kind, contracts::AccountKind::Expense);
    let sales = list.iter().find(|c| c.owner == "佐藤" && c.tool == "ChatGPT").unwrap();
    assert_eq!(sales.plan.as_deref(), Some("Business (monthly)"), "not the annual plan");

    let mut cp932 = Store::open_in_memory().unwrap();
    let report = contract_import::import(
        &mut cp932,
        &fixture("template_ja_cp932.csv"),
        &ContractImportOptions::default(),
    )
    .unwrap();
    assert_eq!(report.encoding, "CP932 (Shift_JIS)");
    assert_eq!(report.imported, 13);
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let mut store = with_template();
    let again = contract_import::import(
        &mut store,
        &fixture("template_ja.csv"),
        &ContractImportOptions::default(),
    )
    .unwrap();
    assert_eq!(again.imported, 0);
    assert_eq!(again.duplicates, 14);
    assert_eq!(again.batch, "", "no empty import is recorded");
    assert_eq!(contracts::list(&store).unwrap().len(), 13);
}

#[test]
fn spend_by_department_april_to_december_is_exact() {
    let store = with_template();
    let (from, to) = spend::months("2026-04", "2026-12").unwrap();
    let s = spend::spend(&store, By::Department, from, to).unwrap();
    let row = |name: &str| s.rows.iter().find(|r| r.name == name).map(|r| r.total.minor);
    // 営業部: ChatGPT Business 5 × $30 × 150 = ¥22,500 × 9 months = ¥202,500;
    // DeepL ¥1,200, cancelled, counted April to its end in September: 6 × ¥1,200 = ¥7,200.
    assert_eq!(row("営業部"), Some(209_700));
    // 開発部: Business 3 × $30 = ¥13,500 × 6 (from July) = ¥81,000; two Claude Pro
    // $20 = ¥3,000 × 5 (from August) = ¥30,000; Copilot 8 × $19 = ¥22,800 × 9 = ¥205,200.
    // The personal ChatGPT Plus not paid back is no company spend.
    assert_eq!(row("開発部"), Some(316_200));
    // マーケティング部: Plus ¥3,000 × 8 (from May) + ¥3,000 × 7 (from June) = ¥45,000;
    // Notion 4 × $240 a year × 150 / 12 = ¥12,000 × 9 = ¥108,000; Gemini ¥2,900 × 4 = ¥11,600.
    assert_eq!(row("マーケティング部"), Some(164_600));
    // 経理部: Claude Pro annual $200 × 150 / 12 = ¥2,500 × 9 = ¥22,500.
    assert_eq!(row("経理部"), Some(22_500));
    // 総務部 holds only a trial, which costs nothing.
    assert_eq!(row("総務部"), None);
    assert_eq!(s.total, yen(713_000));
    assert_eq!(s.months["2026-04"], yen(22_500 + 1_200 + 2_500 + 22_800 + 12_000));
    // December: ¥22,500 + ¥13,500 + ¥3,000 × 4 + ¥2,500 + ¥22,800 + ¥12,000 + ¥2,900.
    assert_eq!(s.months["2026-12"], yen(88_200));
    assert_eq!(s.rows.iter().map(|r| r.total.minor).sum::<i64>(), s.total.minor);
    assert_eq!(s.rates_used.len(), 1, "the dollar rate is named");
}

#[test]
fn spend_by_tool_adds_up_to_the_same_total() {
    let store = with_template();
    let (from, to) = spend::months("2026-04", "2026-12").unwrap();
    let s = spend::spend(&store, By::Tool, from, to).unwrap();
    assert_eq!(s.total, yen(713_000));
    let chatgpt = s.rows.iter().find(|r| r.name == "ChatGPT").unwrap();
    assert_eq!(chatgpt.total, yen(202_500 + 81_000 + 24_000 + 21_000));
    assert!(spend::months("2026-12", "2026-04").is_err(), "a range the wrong way round");
    assert!(spend::months("2026-4", "2026-12").is_err());
}

#[test]
fn a_cancelled_contract_counts_only_until_its_end_and_never_without_one() {
    let mut store = Store::open_in_memory().unwrap();
    let base = ContractInput {
        tool: "DeepL".into(),
        unit_price: "1000".into(),
        currency: "JPY".into(),
        start_date: "2026-01-01".into(),
        status: "cancelled".into(),
        ..ContractInput::default()
    };
    contracts::add(&mut store, &base).unwrap();
    let (from, to) = spend::months("2026-01", "2026-12").unwrap();
    assert_eq!(spend::spend(&store, By::Tool, from, to).unwrap().total, yen(0));
    contracts::add(&mut store, &ContractInput { end_date: "2026-03-15".into(), ..base }).unwrap();
    let s = spend::spend(&store, By::Tool, from, to).unwrap();
    assert_eq!(s.total, yen(3_000), "January to March");
    assert_eq!(s.months["2026-04"], yen(0));
}

#[test]
fn annual_and_monthly_billing_of_the_same_price_differ_twelvefold() {
    let mut store = Store::open_in_memory().unwrap();
    let c = |billing: &str| ContractInput {
        tool: "Claude".into(),
        seats: "7".into(),
        unit_price: "$25.50".into(),
        billing: billing.into(),
        start_date: "2026-01-01".into(),
        ..ContractInput::default()
    };
    let monthly = contracts::add(&mut store, &c("monthly")).unwrap();
    let annual = contracts::add(&mut store, &c("annual")).unwrap();
    // 7 × $25.50 = $178.50 a month = ¥26,775.
    assert_eq!(monthly.monthly_cost, Some(Money::new(Currency::USD, 17_850)));
    assert_eq!(monthly.monthly_cost_base, Some(yen(26_775)));
    // 7 × $25.50 a year = $178.50 / 12 = $14.875 → $14.88 shown; in yen exactly
    // 178.50 × 150 / 12 = ¥2,231.25 → ¥2,231, rounded once from the exact value.
    assert_eq!(annual.monthly_cost, Some(Money::new(Currency::USD, 1_488)));
    assert_eq!(annual.monthly_cost_base, Some(yen(2_231)));
}

#[test]
fn dollars_as_the_base_give_exact_cents() {
    let mut store = with_template();
    settings::set(&mut store, "base_currency", "USD").unwrap();
    let (from, to) = spend::months("2026-12", "2026-12").unwrap();
    let s = spend::spend(&store, By::Tool, from, to).unwrap();
    let cents = |name: &str| s.rows.iter().find(|r| r.name == name).map(|r| r.total);
    // GitHub Copilot 8 × $19.00 = $152.00 exactly.
    assert_eq!(cents("GitHub Copilot"), Some(Money::new(Currency::USD, 15_200)));
    // Gemini ¥2,900 at 1/150 ($0.006667 a yen) = $19.3343 → $19.33.
    assert_eq!(cents("Gemini"), Some(Money::new(Currency::USD, 1_933)));
}

#[test]
fn the_duplicate_groups_of_the_template() {
    let store = with_template();
    let d = duplicates::duplicates(&store, day("2026-12-04")).unwrap();
    let names: Vec<&str> = d.groups.iter().map(|g| g.product.as_str()).collect();
    assert_eq!(names, vec!["ChatGPT", "Claude"], "DeepL ended; the rest are held once");

    // ChatGPT, a mixed JPY/USD group: Business 5 + 3 seats at $30 (¥22,500 + ¥13,500),
    // two Plus expensed in yen (¥3,000 each) and one personal Plus not paid back.
    let chatgpt = &d.groups[0];
    assert_eq!(chatgpt.seats, 11);
    assert_eq!(chatgpt.monthly_cost, yen(42_000));
    assert_eq!(chatgpt.staff_paid_monthly, yen(3_000));
    assert_eq!(chatgpt.departments, vec!["マーケティング部", "営業部", "開発部"]);
    // The cheapest covering plan: Business (annual), 11 × $300 × 150 / 12 = ¥41,250.
    let plan = chatgpt.plan.as_ref().unwrap();
    assert_eq!(plan.name, "Business (annual)");
    assert_eq!(plan.seats_billed, 11);
    assert_eq!(chatgpt.plan_monthly_cost, Some(yen(41_250)));
    assert_eq!(chatgpt.monthly_saving, yen(750));
    assert_eq!(chatgpt.yearly_saving, yen(9_000));
    assert!(chatgpt.saves);

    // Claude: 3 seats (¥3,000 + ¥3,000 + ¥2,500 = ¥8,500), but Team bills at least 5:
    // 5 × $300 × 150 / 12 = ¥18,750. Consolidating saves nothing, and says so.
    let claude = &d.groups[1];
    assert_eq!(claude.seats, 3);
    assert_eq!(claude.monthly_cost, yen(8_500));
    let plan = claude.plan.as_ref().unwrap();
    assert_eq!((plan.name.as_str(), plan.min_seats, plan.seats_billed), ("Team (annual)", 5, 5));
    assert_eq!(claude.plan_monthly_cost, Some(yen(18_750)));
    assert_eq!(claude.monthly_saving, yen(0));
    assert!(!claude.saves);
    assert!(claude.verdict.contains("saves nothing"), "{}", claude.verdict);
    assert!(claude.verdict.contains("at least 5 seats"), "{}", claude.verdict);

    assert_eq!(d.monthly_saving, yen(750));
    assert_eq!(d.duplicate_monthly_cost, yen(50_500));
    // Marketing holds two chat assistants: a question, not waste.
    let overlap = d.overlaps.iter().find(|o| o.department == "マーケティング部").unwrap();
    assert_eq!(overlap.category, "chat");
    assert_eq!(overlap.tools, vec!["ChatGPT", "Gemini"]);
}

#[test]
fn prices_with_tax_compare_the_list_price_with_tax() {
    let mut store = with_template();
    settings::set(&mut store, "prices_include_tax", "true").unwrap();
    let d = duplicates::duplicates(&store, day("2026-12-04")).unwrap();
    // ¥41,250 × 1.10 = ¥45,375 against the ¥42,000 the contracts say: no saving.
    assert_eq!(d.groups[0].plan_monthly_cost, Some(yen(45_375)));
    assert!(!d.groups[0].saves);
}

#[test]
fn renewals_and_deadlines_within_thirty_days() {
    let store = with_template();
    let r = renewals::renewals(&store, 30, day("2026-12-04")).unwrap();
    let items: Vec<(&str, &str, renewals::DueKind)> =
        r.items.iter().map(|i| (i.date.as_str(), i.tool.as_str(), i.kind)).collect();
    use renewals::DueKind::*;
    assert_eq!(
        items,
        vec![
            // Copilot renews on 12-20 with 14 days' notice: cancel by 12-06.
            ("2026-12-06", "GitHub Copilot", CancellationDeadline),
            ("2026-12-15", "Microsoft Copilot", Renewal),
            ("2026-12-20", "GitHub Copilot", Renewal),
            // Both Business contracts renew on 01-01; their deadlines (12-02) have passed.
            ("2027-01-01", "ChatGPT", Renewal),
            ("2027-01-01", "ChatGPT", Renewal),
        ]
    );
    assert_eq!(r.items[0].days_left, 2);

    let ics = renewals::to_ics(&r, true);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
    assert!(ics.contains("DTSTART;VALUE=DATE:20261206"), "an all-day event");
    assert!(ics.contains("解約通知の期限"), "Japanese summaries");
    assert!(ics.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
    let parsed: icalendar::Calendar = ics.parse().expect("a calendar app can read it");
    assert_eq!(parsed.components.len(), 5);
}

#[test]
fn a_lapsed_renewal_rolls_forward_when_it_renews_by_itself() {
    let mut store = Store::open_in_memory().unwrap();
    let c = |auto: &str| ContractInput {
        tool: "Notion AI".into(),
        unit_price: "$20".into(),
        start_date: "2025-01-10".into(),
        renewal_date: "2025-02-10".into(),
        auto_renew: auto.into(),
        ..ContractInput::default()
    };
    contracts::add(&mut store, &c("yes")).unwrap();
    contracts::add(&mut store, &c("no")).unwrap();
    let r = renewals::renewals(&store, 60, day("2026-12-04")).unwrap();
    let dates: Vec<&str> = r.items.iter().map(|i| i.date.as_str()).collect();
    assert_eq!(dates, vec!["2026-12-10"], "the next monthly renewal; the other lapsed");
}

#[test]
fn bad_rows_are_reported_per_row_and_the_good_ones_imported() {
    let mut store = Store::open_in_memory().unwrap();
    let report = contract_import::import(
        &mut store,
        &fixture("template_bad.csv"),
        &ContractImportOptions::default(),
    )
    .unwrap();
    let flagged: Vec<(u64, &str)> =
        report.flagged.iter().map(|f| (f.row, f.column.as_str())).collect();
    assert_eq!(
        flagged,
        vec![(2, "seats"), (5, "currency"), (6, "renewal_date"), (7, "start_date")],
        "{:#?}",
        report.flagged
    );
    assert!(report.flagged[0].reason.contains("not imported"));
    assert_eq!(report.imported, 2, "the blank price and the zero price");
    assert_eq!(report.duplicates, 1, "row 8 repeats row 4");
    let list = contracts::list(&store).unwrap();
    let claude = list.iter().find(|c| c.tool == "Claude").unwrap();
    assert_eq!(claude.unit_price, None, "blank is unknown");
    assert_eq!(claude.monthly_cost_base, None);
    assert!(claude.unpriced.as_deref().is_some_and(|u| u.contains("not known")));
    let local = list.iter().find(|c| c.tool == "Local LLM").unwrap();
    assert_eq!(local.monthly_cost_base, Some(yen(0)), "zero is free");

    let (from, to) = spend::months("2026-04", "2026-04").unwrap();
    let s = spend::spend(&store, By::Tool, from, to).unwrap();
    assert_eq!(s.unpriced.len(), 1, "the unknown price is listed, not counted as zero");
}

#[test]
fn a_failed_import_leaves_the_store_as_it_was() {
    let mut store = with_template();
    let err = contract_import::import(
        &mut store,
        &fixture("snipeit_missing_seats.csv"),
        &ContractImportOptions::default(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Seats"), "{text}");
    assert!(text.contains("snipeit_missing_seats.csv"), "names the file: {text}");
    assert_eq!(contracts::list(&store).unwrap().len(), 13);
}

#[test]
fn snipe_it_licences_import_as_annual_contracts() {
    let mut store = Store::open_in_memory().unwrap();
    let report = contract_import::import(
        &mut store,
        &fixture("snipeit_licenses.csv"),
        &ContractImportOptions { currency: Some(Currency::USD), ..Default::default() },
    )
    .unwrap();
    assert_eq!(report.layout, Layout::SnipeIt);
    assert_eq!(report.imported, 4);
    assert_eq!(report.flagged.len(), 1, "{:?}", report.flagged);
    assert_eq!((report.flagged[0].row, report.flagged[0].column.as_str()), (6, "Seats"));
    assert!(report.notes.iter().any(|n| n.contains("Cost Center")), "{:?}", report.notes);
    assert!(report.notes.iter().any(|n| n.contains("Acrobat AI Assistant")), "{:?}", report.notes);
    let list = contracts::list(&store).unwrap();
    let copilot =
        list.iter().find(|c| c.tool == "GitHub Copilot").expect("GitHub's, not Microsoft's");
    // $228.00 a seat a year × 8 seats × 150 / 12 = ¥22,800 a month.
    assert_eq!(copilot.monthly_cost_base, Some(yen(22_800)));
    assert_eq!(copilot.renewal_date.as_deref(), Some("2027-03-31"));
    let deepl = list.iter().find(|c| c.tool == "DeepL").unwrap();
    assert_eq!(deepl.status, contracts::Status::Ended, "terminated 2026-06-30");
}

#[test]
fn a_deleted_contract_waits_in_the_trash_and_comes_back() {
    let mut store = with_template();
    let id = contracts::list(&store).unwrap()[0].id.clone();
    contracts::delete(&mut store, &id).unwrap();
    assert_eq!(contracts::list(&store).unwrap().len(), 12);
    let items = trash::list(&store).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, "contract");
    trash::restore(&mut store, "contract", &id).unwrap();
    assert_eq!(contracts::list(&store).unwrap().len(), 13);
    assert!(trash::restore(&mut store, "contract", &id).is_err(), "not in the trash any more");
    contracts::delete(&mut store, &id).unwrap();
    assert_eq!(trash::empty(&mut store).unwrap(), 1);
    assert!(matches!(contracts::get(&store, &id), Err(ContractError::NotFound(_))));
}

#[test]
fn an_import_can_be_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let report = contract_import::import(
        &mut store,
        &fixture("template_ja.csv"),
        &ContractImportOptions::default(),
    )
    .unwrap();
    assert_eq!(contract_import::undo(&mut store, &report.batch).unwrap(), 13);
    assert!(contracts::list(&store).unwrap().is_empty());
}

#[test]
fn undoing_an_import_removes_the_tools_it_added_and_no_other() {
    let mut store = Store::open_in_memory().unwrap();
    let tools = |store: &Store| -> Vec<String> {
        let mut stmt = store.conn().prepare("SELECT name FROM tools ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let before = tools(&store);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-tools.csv");
    std::fs::write(
        &path,
        "tool,plan,department,seats,unit_price,currency,start_date\n\
         AcmeAI,,営業部,2,10,USD,2026-04-01\n\
         ChatGPT,Plus,営業部,1,20,USD,2026-04-01\n",
    )
    .unwrap();
    let report =
        contract_import::import(&mut store, &path, &ContractImportOptions::default()).unwrap();
    assert!(tools(&store).contains(&"AcmeAI".to_string()), "the import added AcmeAI");
    let batches = oversight_core::survey::list_batches(&store).unwrap();
    assert_eq!(
        (batches[0].kind.as_str(), batches[0].contracts, batches[0].responses),
        ("contracts", 2, 0),
        "the list of imports counts what a contracts import added"
    );
    assert_eq!(contract_import::undo(&mut store, &report.batch).unwrap(), 2);
    assert_eq!(tools(&store), before, "AcmeAI went with its contract; ChatGPT stayed");
}

#[test]
fn roi_ranks_invoice_checking_above_proposal_writing() {
    let mut store = with_template();
    roi::set_hourly_cost(&mut store, "経理部", "3,000円").unwrap();
    roi::set_hourly_cost(&mut store, "営業部", "¥4,500").unwrap();
    let invoices = roi::save_use_case(
        &mut store,
        None,
        &roi::UseCaseInput {
            department: "経理部".into(),
            task: "請求書の照合".into(),
            tool: "Claude".into(),
            minutes_per_run: "6分".into(),
            runs_per_month: "400".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(invoices.saved_minutes_per_month, 2_400);
    roi::save_use_case(
        &mut store,
        None,
        &roi::UseCaseInput {
            department: "営業部".into(),
            task: "提案書の作成".into(),
            tool: "ChatGPT".into(),
            hours_per_month: "10時間".into(),
            seats: "5".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let r = roi::roi(&store, day("2026-12-04")).unwrap();
    let first = &r.use_cases[0];
    assert_eq!(first.use_case.task, "請求書の照合");
    // 40 hours × ¥3,000 = ¥120,000 against the department's one Claude seat (¥2,500).
    assert_eq!(first.monthly_value, Some(yen(120_000)));
    assert_eq!(first.monthly_tool_cost, yen(2_500));
    assert_eq!(first.net_monthly, Some(yen(117_500)));
    assert_eq!(first.ratio, Some(48.0));
    let second = &r.use_cases[1];
    // 10 hours × ¥4,500 = ¥45,000 against all 5 Business seats of sales (¥22,500).
    assert_eq!(second.monthly_value, Some(yen(45_000)));
    assert_eq!(second.monthly_tool_cost, yen(22_500));
    assert_eq!(second.ratio, Some(2.0));
    assert_eq!(Month::parse(&r.month).unwrap().to_string(), "2026-12");
}

#[test]
fn survey_answers_paid_personally_become_contracts_once_confirmed() {
    let mut store = Store::open_in_memory().unwrap();
    oversight_core::demo::load(&mut store).unwrap();
    let offered = contracts::survey::suggestions(&store).unwrap();
    assert!(!offered.is_empty(), "the sample company has expensed plans");
    let first = offered[0].clone();
    // The respondent is the name answer, read from the source row.
    let listed = oversight_core::survey::list_responses(
        &store,
        &oversight_core::survey::ResponseQuery { limit: 1000, ..Default::default() },
    )
    .unwrap();
    let answer = listed.rows.iter().find(|r| r.id == first.response_id).unwrap();
    assert!(answer.name.is_some(), "the sample company's answers give names");
    assert_eq!(first.respondent, answer.name);
    let made = contracts::survey::confirm(&mut store, &[first.response_id]).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(Some(&made[0].owner), first.respondent.as_ref(), "the contract's owner");
    assert_eq!(made[0].source, contracts::Source::Survey);
    assert_eq!(made[0].unit_price, Some(first.monthly_cost));
    let again = contracts::survey::suggestions(&store).unwrap();
    assert_eq!(again.len(), offered.len() - 1, "a confirmed answer is not offered again");
    assert!(contracts::survey::confirm(&mut store, &[first.response_id]).is_err());
}

#[test]
fn exports_neutralise_formulas_and_read_as_excel_expects() {
    let mut store = Store::open_in_memory().unwrap();
    for dept in ["=HYPERLINK(\"http://x\")", "営業部"] {
        contracts::add(
            &mut store,
            &ContractInput {
                tool: "ChatGPT".into(),
                plan: "Business (monthly)".into(),
                department: dept.into(),
                seats: "2".into(),
                unit_price: "$30".into(),
                start_date: "2026-01-01".into(),
                ..ContractInput::default()
            },
        )
        .unwrap();
    }
    let d = duplicates::duplicates(&store, day("2026-12-04")).unwrap();
    let csv =
        oversight_core::exports::duplicates_csv(&d, oversight_core::inventory::Lang::Ja).unwrap();
    assert!(csv.starts_with("\u{feff}製品,".as_bytes()), "a BOM, then Japanese headers");
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(!text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"), "{text}");
    let xlsx =
        oversight_core::exports::duplicates_xlsx(&d, oversight_core::inventory::Lang::En).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a workbook is a zip");
    // In the workbook the cell holds the text as typed, as a string, and
    // no cell is a formula.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let name = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&name).unwrap();
    assert!(
        cells
            .used_cells()
            .any(|(_, _, c)| matches!(c, calamine::Data::String(s) if s.starts_with("=HYPERLINK"))),
        "the text without an added apostrophe"
    );
    let formulas = book.worksheet_formula(&name).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula anywhere");
}
