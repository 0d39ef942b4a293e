//! The survey import on the realistic exports in `tests/fixtures/`, with
//! the numbers `tests/fixtures/EXPECTED.md` gives for each (computed by
//! the script that wrote the fixtures, not by this code).

use std::path::{Path, PathBuf};

use oversight_core::inventory::{self, Summary};
use oversight_core::survey::{self, ImportOptions, ImportReport};
use oversight_core::Store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn import(store: &mut Store, name: &str) -> ImportReport {
    survey::import(store, &fixture(name), &ImportOptions::default(), &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{name} imports: {e}"))
}

fn imported(name: &str) -> (Store, ImportReport, Summary) {
    let mut store = Store::open_in_memory().expect("store");
    let report = import(&mut store, name);
    let summary = inventory::summary(&store).expect("summary");
    (store, report, summary)
}

/// (department, respondents, spend in yen, hours saved a month)
fn departments(s: &Summary) -> Vec<(String, u64, i64, f64)> {
    let mut d: Vec<_> = s
        .departments
        .iter()
        .map(|d| (d.name.clone(), d.respondents, d.monthly_spend.minor, d.hours_saved_per_month))
        .collect();
    d.sort_by(|a, b| a.0.cmp(&b.0));
    d
}

fn sorted(mut rows: Vec<(&str, u64, i64, f64)>) -> Vec<(String, u64, i64, f64)> {
    rows.sort_by(|a, b| a.0.cmp(b.0));
    rows.into_iter().map(|(n, r, s, h)| (n.to_string(), r, s, h)).collect()
}

fn japanese_expected() -> Vec<(String, u64, i64, f64)> {
    sorted(vec![
        ("営業部", 4, 9000, 21.67),
        ("経理部", 4, 9000, 17.33),
        ("情報システム部", 4, 9000, 49.83),
        ("マーケティング部", 4, 7500, 32.50),
        ("総務部", 4, 6000, 13.00),
        ("人事部", 3, 2000, 8.67),
    ])
}

#[test]
fn japanese_google_forms_csv_gives_the_expected_inventory() {
    let (_, report, s) = imported("google_forms_ja.csv");
    assert_eq!(report.encoding, "UTF-8");
    assert_eq!((report.rows, report.imported), (24, 24));
    assert_eq!(s.respondents, 23, "one address answered twice, in another case");
    assert_eq!(s.monthly_spend.minor, 42_500, "yen and $20 at 150, blanks and flags left out");
    assert_eq!(s.hours_saved_per_month, 143.0);
    assert_eq!(departments(&s), japanese_expected());
    let flagged: Vec<(u64, &str, &str)> =
        report.flagged.iter().map(|f| (f.row, f.column.as_str(), f.value.as_str())).collect();
    assert_eq!(
        flagged,
        vec![(11, "月額費用", "￥3,000円円"), (12, "週あたりの削減時間", "たくさん")],
        "the unreadable values are flagged where they are"
    );
    let mut tools: Vec<&str> = s.tools.iter().map(|t| t.name.as_str()).collect();
    tools.sort();
    let mut expected = vec![
        "ChatGPT",
        "DeepL",
        "Microsoft Copilot",
        "GitHub Copilot",
        "Claude",
        "Gemini",
        "Notion AI",
        "社内GPT",
    ];
    expected.sort();
    assert_eq!(tools, expected, "aliases fold into ChatGPT; 社内GPT stays its own tool");
}

#[test]
fn the_same_survey_resaved_as_cp932_with_crlf_gives_the_same_numbers() {
    let (_, report, s) = imported("google_forms_ja_cp932.csv");
    assert_eq!(report.encoding, "CP932 (Shift_JIS)", "the encoding is detected and said");
    assert_eq!(s.respondents, 23);
    assert_eq!(s.monthly_spend.minor, 42_500);
    assert_eq!(departments(&s), japanese_expected());
    assert_eq!(report.flagged.len(), 2);
}

#[test]
fn english_google_forms_csv_with_us_dates_is_read_month_first() {
    let (_, report, s) = imported("google_forms_en.csv");
    assert_eq!(report.encoding, "UTF-8 (BOM)");
    assert_eq!(report.date_order.map(|o| o.as_str()), Some("mdy"), "11/13/2026 decides it");
    assert_eq!(s.respondents, 12);
    assert_eq!(s.monthly_spend.minor, 23_326);
    assert_eq!(s.hours_saved_per_month, 84.5);
    assert_eq!(
        departments(&s),
        sorted(vec![
            ("Sales", 2, 4500, 15.17),
            ("IT", 2, 6750, 30.33),
            ("Accounting", 2, 3000, 6.50),
            ("Marketing", 2, 3000, 17.33),
            ("HR", 2, 3076, 8.67),
            ("General Affairs", 2, 3000, 6.50),
        ])
    );
    assert!(report.flagged.is_empty(), "{:?}", report.flagged);
}

/// Respondents naming each challenge, summed over the departments.
fn challenges(s: &Summary) -> std::collections::BTreeMap<String, u64> {
    let mut named = std::collections::BTreeMap::new();
    for c in s.departments.iter().flat_map(|d| &d.challenges) {
        *named.entry(c.name.clone()).or_insert(0) += c.respondents;
    }
    named
}

#[test]
fn a_checkbox_label_holding_a_comma_is_counted_as_one_challenge() {
    // Four people chose it in each file; Chloe Martin chose it twice in
    // the Microsoft file, and only her later answer counts.
    let (_, _, google) = imported("google_forms_en.csv");
    let (_, _, microsoft) = imported("microsoft_forms.xlsx");
    for (file, s, expected) in [("google", &google, 4), ("microsoft", &microsoft, 4)] {
        let named = challenges(s);
        assert_eq!(
            named.get("Accuracy, hallucinations"),
            Some(&expected),
            "{file}: the survey's label stays whole: {named:?}"
        );
        assert!(
            !named.contains_key("hallucinations") && !named.contains_key("Accuracy"),
            "{file}: no half of it is counted: {named:?}"
        );
    }
}

#[test]
fn microsoft_forms_xlsx_with_serial_times_and_anonymous_rows() {
    let (_, report, s) = imported("microsoft_forms.xlsx");
    assert_eq!(report.encoding, "XLSX");
    assert_eq!(report.rows, 10);
    // Row 7 leaves its last answer blank: a sheet's row is not short.
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(s.respondents, 9, "two anonymous rows count once each; one address twice");
    assert_eq!(s.monthly_spend.minor, 16_251);
    assert_eq!(s.hours_saved_per_month, 58.5);
    assert_eq!(
        departments(&s),
        sorted(vec![
            ("IT", 2, 3000, 23.83),
            ("Accounting", 2, 5000, 8.67),
            ("Marketing", 2, 4500, 15.17),
            ("HR", 1, 0, 2.17),
            ("General Affairs", 1, 0, 0.0),
            ("Sales", 1, 3751, 8.67),
        ])
    );
}

#[test]
fn utf16_unicode_text_is_read_with_tabs() {
    let (_, report, s) = imported("unicode_text_utf16.txt");
    assert_eq!(report.encoding, "UTF-16LE");
    assert_eq!(s.respondents, 6);
    assert_eq!(s.monthly_spend.minor, 12_000);
    assert_eq!(s.hours_saved_per_month, 43.33);
    assert_eq!(report.flagged.len(), 1);
}

#[test]
fn reimporting_the_same_file_adds_nothing() {
    let (mut store, _, before) = imported("google_forms_ja.csv");
    let again = import(&mut store, "google_forms_ja.csv");
    assert_eq!((again.imported, again.duplicates), (0, 24), "every row is already stored");
    let after = inventory::summary(&store).unwrap();
    assert_eq!(after.responses, before.responses);
    assert_eq!(after.monthly_spend, before.monthly_spend);
    // The same answers re-saved by Excel as CP932 are the same responses.
    let resaved = import(&mut store, "google_forms_ja_cp932.csv");
    assert_eq!(resaved.imported, 0, "a re-saved copy of the same export adds nothing");
}

#[test]
fn a_later_export_with_more_rows_adds_only_the_new_ones() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "unicode_text_utf16.txt"); // 6 of the 24 rows
    let later = import(&mut store, "google_forms_ja.csv");
    assert_eq!((later.imported, later.duplicates), (18, 6), "only the 18 new rows are added");
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, 23, "the same inventory as importing the full export once");
    assert_eq!(s.monthly_spend.minor, 42_500);
}

#[test]
fn a_failed_import_changes_nothing() {
    let (mut store, _, before) = imported("google_forms_en.csv");
    // Make the database refuse the 8th row of the next import, half-way.
    store
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER refuse AFTER INSERT ON responses
             WHEN NEW.row_number = 8 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let err = survey::import(
        &mut store,
        &fixture("google_forms_ja.csv"),
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .expect_err("the import fails at row 8");
    assert!(err.to_string().contains("disk full"), "{err}");
    let after = inventory::summary(&store).unwrap();
    assert_eq!(after.responses, before.responses, "no row of the failed import stayed");
    assert_eq!(after.departments.len(), before.departments.len(), "no new department stayed");
    let batches: i64 =
        store.conn().query_row("SELECT count(*) FROM import_batches", [], |r| r.get(0)).unwrap();
    assert_eq!(batches, 1, "the failed batch is not recorded");
}

#[test]
fn a_dry_run_reports_everything_and_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let options = ImportOptions { dry_run: true, ..Default::default() };
    let r = survey::import(&mut store, &fixture("google_forms_ja.csv"), &options, &mut |_, _| {})
        .unwrap();
    assert_eq!((r.imported, r.flagged.len()), (24, 2));
    assert_eq!(inventory::summary(&store).unwrap().responses, 0, "nothing was kept");
}

#[test]
fn leaving_out_personal_data_keeps_no_address_or_name_but_still_dedupes() {
    let mut store = Store::open_in_memory().unwrap();
    let options = ImportOptions { omit_personal: true, ..Default::default() };
    survey::import(&mut store, &fixture("google_forms_ja.csv"), &options, &mut |_, _| {}).unwrap();
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, 23, "respondents are still told apart");
    let listed = survey::list_responses(&store, &survey::ResponseQuery::default()).unwrap();
    assert_eq!(listed.rows.len(), 24);
    for row in &listed.rows {
        assert_eq!((&row.email, &row.name), (&None, &None), "row {}", row.row);
    }
    let cells: String = store
        .conn()
        .query_row("SELECT group_concat(cells) FROM responses", [], |r| r.get(0))
        .unwrap();
    assert!(!cells.contains("minato-seiki.example"), "the source rows keep no address either");
    assert!(!cells.contains("佐藤"), "nor their names");
}

#[test]
fn fixing_a_flagged_value_counts_it_from_then_on() {
    let (mut store, _, before) = imported("google_forms_ja.csv");
    let page = survey::list_responses(
        &store,
        &survey::ResponseQuery { flagged_only: true, ..Default::default() },
    )
    .unwrap();
    assert_eq!(page.total, 2, "two responses wait for a fix");
    let money = page.rows.iter().flat_map(|r| &r.flags).find(|f| f.column == "月額費用").unwrap();
    let err = survey::fix_flag(&mut store, &money.id, "三千円くらい").unwrap_err();
    assert!(err.to_string().contains("月額費用"), "the message names the column: {err}");
    let blank = survey::fix_flag(&mut store, &money.id, "  ").unwrap_err();
    assert!(blank.to_string().contains("blank"), "a blank is no fix: {blank}");
    survey::fix_flag(&mut store, &money.id, "3,000円").unwrap();
    let after = inventory::summary(&store).unwrap();
    assert_eq!(after.flagged, 1);
    let counted = before.monthly_spend.minor + 3000;
    // The row may be superseded; then the fix is stored but not counted.
    assert!(
        after.monthly_spend.minor == counted
            || after.monthly_spend.minor == before.monthly_spend.minor,
        "the fixed amount is counted once its response counts: {} vs {}",
        after.monthly_spend.minor,
        before.monthly_spend.minor
    );
    assert!(survey::fix_flag(&mut store, &money.id, "3000").is_err(), "a fixed flag is closed");
}

#[test]
fn a_user_mapping_reads_an_unknown_header_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("custom.csv");
    std::fs::write(
        &path,
        "回答時刻,所属チーム,使っているもの,月あたりの費用\n2026/11/05 9:00:00,開発,ChatGPT,$20\n",
    )
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut options = ImportOptions::default();
    for (f, h) in [
        ("submitted_at", "回答時刻"),
        ("department", "所属チーム"),
        ("tools", "使っているもの"),
        ("monthly_cost", "月あたりの費用"),
    ] {
        options.mapping.insert(f.into(), h.into());
    }
    survey::import(&mut store, &path, &options, &mut |_, _| {}).unwrap();
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.departments[0].name, "開発");
    assert_eq!(s.monthly_spend.minor, 3000);
    let preview = survey::preview(&store, &path, &Default::default()).unwrap();
    assert!(preview.remembered, "the mapping is offered again for this form");
    assert!(preview.mapping.iter().all(|h| h.field.is_some()), "{:?}", preview.mapping);
    let bad = ImportOptions {
        mapping: [("department".to_string(), "部署".to_string())].into(),
        ..Default::default()
    };
    let err = survey::import(&mut store, &path, &bad, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("no header '部署'"), "{err}");
}

#[test]
fn an_older_answer_imported_later_does_not_replace_the_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let header = "タイムスタンプ,メールアドレス,部署,月額費用\n";
    let newer = dir.path().join("newer.csv");
    let older = dir.path().join("older.csv");
    std::fs::write(&newer, format!("{header}2026/11/10 9:00:00,a@example.jp,経理部,3000\n"))
        .unwrap();
    std::fs::write(
        &older,
        format!("{header}2026/11/05 9:00:00,A@Example.jp,営業部,9000\n2026/11/06 9:00:00,b@example.jp,営業部,100\n"),
    )
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for path in [&newer, &older] {
        survey::import(&mut store, path, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    }
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, 2, "a@ counts once, b@ once");
    assert_eq!(s.monthly_spend.minor, 3100, "a@'s newer answer (3000) counts, not the older 9000");
    let accounting = s.departments.iter().find(|d| d.name == "経理部").unwrap();
    assert_eq!(accounting.respondents, 1, "a@ is counted in the department of the newer answer");
}

#[test]
fn undoing_an_import_removes_it_whole_and_the_earlier_answers_count_again() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "unicode_text_utf16.txt");
    let before = inventory::summary(&store).unwrap();
    let later = import(&mut store, "google_forms_ja.csv");
    assert_eq!(later.imported, 18);
    let removed = survey::undo_import(&mut store, &later.batch).unwrap();
    assert_eq!(removed, 18, "every response of the undone import goes");
    let after = inventory::summary(&store).unwrap();
    assert_eq!(after.respondents, before.respondents, "back to the first import's count");
    assert_eq!(after.monthly_spend, before.monthly_spend);
    assert_eq!(after.flagged, before.flagged, "the undone import's flags went with it");
    assert_eq!(survey::list_batches(&store).unwrap().len(), 1);
    assert!(survey::undo_import(&mut store, &later.batch).is_err(), "it cannot be undone twice");
    // Re-importing the undone file adds its rows again.
    assert_eq!(import(&mut store, "google_forms_ja.csv").imported, 18);
}

/// Every tally row, sorted, for comparing two ways of counting.
fn tallies(store: &Store) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT 'd', department_id, respondents, saved_minutes, usage_minutes FROM tally_departments",
        "SELECT 's', department_id, tool_id, currency, minor FROM tally_spend",
        "SELECT 't', department_id, tool_id, payment, respondents FROM tally_tools",
        "SELECT 'p', department_id, payment, respondents, '' FROM tally_payments",
        "SELECT 'c', department_id, challenge, respondents, '' FROM tally_challenges",
    ] {
        let mut stmt = store.conn().prepare(sql).unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..5)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                    other => format!("{other:?}"),
                })
                .collect();
            rows.push(cells.join("|"));
        }
    }
    rows.sort();
    rows
}

#[test]
fn tallies_kept_up_to_date_equal_a_full_recount() {
    let mut store = Store::open_in_memory().unwrap();
    let recount = |store: &mut Store| {
        let kept = tallies(store);
        store.write(inventory::refresh_tallies).unwrap();
        let full = tallies(store);
        assert_eq!(kept, full, "the tallies kept by each write equal a recount");
    };
    import(&mut store, "unicode_text_utf16.txt");
    recount(&mut store);
    let ja = import(&mut store, "google_forms_ja.csv");
    recount(&mut store);
    import(&mut store, "microsoft_forms.xlsx");
    import(&mut store, "google_forms_en.csv");
    recount(&mut store);
    // Fix every flag, then move one respondent's time so another of their
    // submissions becomes the counted one.
    let page = survey::list_responses(
        &store,
        &survey::ResponseQuery { flagged_only: true, limit: 100, offset: 0 },
    )
    .unwrap();
    for flag in page.rows.iter().flat_map(|r| &r.flags) {
        let value = if flag.field == "monthly_cost" { "¥4,500" } else { "2" };
        survey::fix_flag(&mut store, &flag.id, value).unwrap();
        recount(&mut store);
    }
    survey::undo_import(&mut store, &ja.batch).unwrap();
    recount(&mut store);
    assert!(inventory::summary(&store).unwrap().respondents > 0);
}

#[test]
fn identical_anonymous_answers_in_one_file_each_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anon.csv");
    std::fs::write(&path, "部署,月額費用\n営業部,3000\n営業部,3000\n営業部,3000\n").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let first =
        survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(first.imported, 3, "three people answered alike");
    let again =
        survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 3), "the same file again adds nothing");
    assert_eq!(inventory::summary(&store).unwrap().respondents, 3);
}

#[test]
fn a_tool_named_without_a_department_adds_no_department_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nodept.csv");
    std::fs::write(&path, "部署,利用しているAIツール\n,ChatGPT\n営業部,ChatGPT\n").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    let s = inventory::summary(&store).unwrap();
    let chatgpt = s.tools.iter().find(|t| t.name == "ChatGPT").unwrap();
    assert_eq!(chatgpt.respondents, 2, "both respondents use it");
    assert_eq!(chatgpt.department_names, vec!["営業部".to_string()]);
    assert_eq!(chatgpt.departments, 1, "the count agrees with the names listed");
}

/// Writes `rows` under the survey's Japanese headers to `dir/name`.
fn survey_file(dir: &Path, name: &str, rows: &[&str]) -> PathBuf {
    let header = "タイムスタンプ,メールアドレス,部署,利用しているAIツール,契約形態,月額費用,\
                  週あたりの利用時間,週あたりの削減時間,課題";
    let path = dir.join(name);
    std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    path
}

#[test]
fn tallies_counted_while_importing_equal_a_recount_when_people_answer_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let recount = |store: &mut Store, when: &str| {
        let kept = tallies(store);
        store.write(inventory::refresh_tallies).unwrap();
        assert_eq!(kept, tallies(store), "after {when}, the tallies equal a recount");
    };
    let first = survey_file(
        dir.path(),
        "first.csv",
        &[
            "2026/11/01 9:00:00,a@example.jp,営業部,ChatGPT,会社契約,3000,2,1,費用",
            "2026/11/20 9:00:00,b@example.jp,経理部,\"Claude, DeepL\",個人負担,$20,3,2,精度",
            "2026/11/02 9:00:00,,総務部,なし,無料プラン,無料,1,1,",
        ],
    );
    import_path(&mut store, &first, &ImportOptions::default());
    recount(&mut store, "a first import");

    // c@ answers three times in one file, out of order, once at the same
    // time and once with an unreadable time; a@ answers again later (the
    // earlier answer stops counting); b@'s answer here is older than the
    // stored one (this one never counts); some values are flagged.
    let second = survey_file(
        dir.path(),
        "second.csv",
        &[
            "2026/11/05 9:00:00,c@example.jp,営業部,\"ChatGPT, Claude, Gemini\",会社契約,1000,2,1,\"費用, 精度\"",
            "2026/11/04 9:00:00,C@example.jp,人事部,Gemini,個人契約（経費精算）,\"3,000円\",1,1,スキル",
            "2026/11/05 9:00:00,c@example.jp,情報システム部,GitHub Copilot,会社契約,$19,4,3,",
            "いつか,c@example.jp,人事部,社内GPT,会社契約,500,1,1,費用",
            "2026/11/10 9:00:00,a@example.jp,経理部,\"ChatGPT, 社内GPT\",個人負担,\"￥3,000円円\",2,たくさん,費用",
            "2026/11/03 9:00:00,b@example.jp,総務部,DeepL,無料プラン,0,1,1,",
            ",,,ChatGPT,,1001,,,",
        ],
    );
    let r = import_path(&mut store, &second, &ImportOptions::default());
    assert_eq!(r.imported, 7);
    assert_eq!(r.flagged.len(), 3, "the time, the amount and the hours are flagged: {r:?}");
    recount(&mut store, "answers again, in one file and across files");

    // A dry run of the same file on top counts nothing that stays.
    let before = tallies(&store);
    let third = survey_file(
        dir.path(),
        "third.csv",
        &["2026/11/30 9:00:00,b@example.jp,営業部,Claude,会社契約,5000,1,1,費用"],
    );
    import_path(&mut store, &third, &ImportOptions { dry_run: true, ..Default::default() });
    assert_eq!(tallies(&store), before, "a dry run leaves the tallies as they were");
    let third = import_path(&mut store, &third, &ImportOptions::default());
    recount(&mut store, "a newer answer of a respondent from the first import");

    // Re-importing adds nothing; undoing puts the earlier answers back.
    assert_eq!(import_path(&mut store, &second, &ImportOptions::default()).imported, 0);
    recount(&mut store, "a re-import");
    survey::undo_import(&mut store, &third.batch).unwrap();
    recount(&mut store, "undoing the newest import");
    survey::undo_import(&mut store, &r.batch).unwrap();
    recount(&mut store, "undoing the import with the repeated answers");
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, 3, "back to the first import alone");
}

fn import_path(store: &mut Store, path: &Path, options: &ImportOptions) -> ImportReport {
    survey::import(store, path, options, &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{} imports: {e}", path.display()))
}

#[test]
fn a_files_latest_answer_already_stored_is_weighed_by_its_stored_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    // Read day first, "11/05/2026" is 11 May.
    let first = survey_file(
        dir.path(),
        "dmy.csv",
        &[
            "11/05/2026 9:00:00,a@example.jp,営業部,ChatGPT,会社契約,3000,2,1,費用",
            "13/11/2026 9:00:00,b@example.jp,経理部,Claude,会社契約,2000,2,1,",
        ],
    );
    let r = import_path(&mut store, &first, &ImportOptions::default());
    assert_eq!(r.date_order.map(|o| o.as_str()), Some("dmy"));
    // Read month first, the same row is 5 November and the latest of a@
    // in this file, but it is stored as 11 May, so a@'s 1 October answer
    // is the one that counts.
    let second = survey_file(
        dir.path(),
        "mdy.csv",
        &[
            "11/05/2026 9:00:00,a@example.jp,営業部,ChatGPT,会社契約,3000,2,1,費用",
            "10/01/2026 9:00:00,a@example.jp,人事部,Gemini,個人負担,5000,3,2,精度",
            "11/13/2026 9:00:00,c@example.jp,総務部,DeepL,無料プラン,0,1,1,",
        ],
    );
    let r = import_path(&mut store, &second, &ImportOptions::default());
    assert_eq!(r.date_order.map(|o| o.as_str()), Some("mdy"));
    assert_eq!((r.imported, r.duplicates), (2, 1), "a@'s first answer is stored already");
    let kept = tallies(&store);
    store.write(inventory::refresh_tallies).unwrap();
    assert_eq!(kept, tallies(&store), "the tallies equal a recount");
    let s = inventory::summary(&store).unwrap();
    let hr = s.departments.iter().find(|d| d.name == "人事部").expect("a@ counts in 人事部");
    assert_eq!(hr.respondents, 1, "a@'s 1 October answer counts");
    assert!(s.departments.iter().all(|d| d.name != "営業部"), "the 11 May answer does not");
}

#[test]
fn without_a_time_column_a_respondents_last_row_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notime.csv");
    std::fs::write(
        &path,
        "メールアドレス,部署,月額費用\na@example.jp,営業部,1000\nb@example.jp,営業部,10\n\
         A@example.jp,経理部,2000\n",
    )
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import_path(&mut store, &path, &ImportOptions::default());
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, 2);
    assert_eq!(s.monthly_spend.minor, 2010, "a@'s later row (2000) counts, not the first");
    let kept = tallies(&store);
    store.write(inventory::refresh_tallies).unwrap();
    assert_eq!(kept, tallies(&store), "the tallies equal a recount");
}

/// A survey of `people` respondents who each answered three times (on the
/// 1st, 10th and 20th of November, spending more each time), in time
/// order, as Google Forms exports it; `rows` of it are written.
fn three_rounds(path: &Path, people: usize, rows: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "タイムスタンプ,メールアドレス,部署,利用しているAIツール（複数選択可）,月額費用")
        .unwrap();
    for (round, day) in [1, 10, 20].into_iter().enumerate() {
        for person in 0..people {
            if round * people + person == rows {
                return;
            }
            writeln!(
                f,
                "2026/11/{day:02} 9:{:02}:{:02},user{person}@example.co.jp,部署{},\"ChatGPT, Claude\",\"{}円\"",
                person / 60 % 60,
                person % 60,
                person % 6,
                1000 * (round + 1) + person % 7
            )
            .unwrap();
        }
    }
}

/// (row number, superseded) of every stored response, by row number.
fn superseded(store: &Store) -> Vec<(i64, i64)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT row_number, superseded FROM responses ORDER BY row_number")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

/// An import decides duplicates and latest submissions in memory, from
/// one pass over what the store holds (survey::Held); a later export
/// imported over an earlier one must leave the store as one import of
/// the later export would.
#[test]
fn large_imports_give_the_same_store_as_one_import_of_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let (early, whole) = (dir.path().join("early.csv"), dir.path().join("whole.csv"));
    three_rounds(&early, 5_000, 12_000);
    three_rounds(&whole, 5_000, 15_000);
    let options = ImportOptions::default();

    let mut once = Store::open_in_memory().unwrap();
    survey::import(&mut once, &whole, &options, &mut |_, _| {}).unwrap();

    let mut twice = Store::open_in_memory().unwrap();
    survey::import(&mut twice, &early, &options, &mut |_, _| {}).unwrap();
    let later = survey::import(&mut twice, &whole, &options, &mut |_, _| {}).unwrap();
    assert_eq!((later.imported, later.duplicates), (3_000, 12_000));

    for store in [&once, &twice] {
        assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
        let (rows, prints): (i64, i64) = store
            .conn()
            .query_row("SELECT count(*), count(DISTINCT fingerprint) FROM responses", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((rows, prints), (15_000, 15_000), "each row once, each fingerprint once");
    }
    let counted = superseded(&once).iter().filter(|(_, s)| *s == 0).count();
    assert_eq!(counted, 5_000, "one submission counts per respondent");
    assert_eq!(superseded(&twice), superseded(&once), "the same submissions count");
    let summary = |s: &Store| serde_json::to_value(inventory::summary(s).unwrap()).unwrap();
    assert_eq!(summary(&twice), summary(&once));
    // Everyone's third answer counts: 3,000 yen plus person % 7 each.
    let spend = inventory::summary(&once).unwrap().monthly_spend.minor;
    assert_eq!(spend, 5_000 * 3_000 + 14_995);
}

/// `google_forms_ja.csv` as Excel on Japanese Windows saves it after
/// opening it: times as "2026/11/5 9:12" (no seconds, no leading zeros),
/// full-width digits and yen signs as plain ones, CP932 (where ¥ is the
/// backslash byte) with CRLF.
fn resaved_by_excel(path: &Path) {
    let text = std::fs::read_to_string(fixture("google_forms_ja.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut line = line.to_string();
        if i > 0 && line.starts_with("\"20") {
            // "2026/11/05 9:12:33" → "2026/11/5 9:12"
            let stamp = line[1..].split('"').next().unwrap().to_string();
            let (date, time) = stamp.split_once(' ').unwrap();
            let d: Vec<u32> = date.split('/').map(|p| p.parse().unwrap()).collect();
            let hm = time.rsplit_once(':').unwrap().0;
            line = line.replacen(&stamp, &format!("{}/{}/{} {hm}", d[0], d[1], d[2]), 1);
        }
        if i > 0 {
            line = line.replace('２', "2").replace('￥', "¥");
        }
        out.push_str(&line);
        out.push_str("\r\n");
    }
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(&out);
    assert!(!lossy);
    std::fs::write(path, &*bytes).unwrap();
}

#[test]
fn the_same_export_resaved_by_excel_adds_nothing() {
    let (mut store, first, before) = imported("google_forms_ja.csv");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("resaved.csv");
    resaved_by_excel(&path);
    let again = survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| {})
        .expect("the re-saved file imports");
    assert_eq!(again.encoding, "CP932 (Shift_JIS)");
    let added: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT row_number || ' ' || cells FROM responses WHERE batch_id = 2")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(
        (again.imported, again.duplicates),
        (0, first.imported),
        "every row is already stored; added: {added:?}"
    );
    let after = inventory::summary(&store).unwrap();
    assert_eq!(after.respondents, before.respondents);
    assert_eq!(after.hours_saved_per_month, before.hours_saved_per_month);
}

#[test]
fn a_store_fingerprinted_the_first_way_still_knows_its_rows() {
    let (mut store, first, _) = imported("google_forms_ja.csv");
    // As a version-1 store holds them: each row's hash of its cells' text.
    store.conn().execute_batch("UPDATE import_batches SET fingerprint_version = 1;").unwrap();
    let rows: Vec<(i64, String)> = {
        let mut stmt = store.conn().prepare("SELECT id, cells FROM responses").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let headers: Vec<String> = serde_json::from_str(
        &store
            .conn()
            .query_row("SELECT headers FROM import_batches", [], |r| r.get::<_, String>(0))
            .unwrap(),
    )
    .unwrap();
    for (id, cells) in rows {
        let cells: Vec<Option<String>> = serde_json::from_str(&cells).unwrap();
        let mut pairs: Vec<(&str, &str)> = headers
            .iter()
            .zip(&cells)
            .filter_map(|(h, c)| {
                c.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(|c| (h.as_str(), c))
            })
            .collect();
        pairs.sort_unstable();
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for (header, cell) in pairs {
            h.update(header.as_bytes());
            h.update([0x1f]);
            h.update(cell.as_bytes());
            h.update([0x1e]);
        }
        let old: [u8; 16] = h.finalize()[..16].try_into().unwrap();
        store
            .conn()
            .execute(
                "UPDATE responses SET fingerprint = ?2 WHERE id = ?1",
                rusqlite::params![id, old],
            )
            .unwrap();
    }
    let again = import(&mut store, "google_forms_ja.csv");
    assert_eq!((again.imported, again.duplicates), (0, first.imported), "known by the old prints");
}

/// A CSV cell, quoted.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[test]
fn an_export_of_the_shipped_form_imports_every_option_as_meant() {
    use oversight_core::inventory::Lang;
    use oversight_core::survey::form::{self, Answer};
    use oversight_core::survey::Field;

    for (lang, stamp, time, company) in [
        (Lang::En, "Timestamp", "11/5/2026 9:12:33", "Company contract"),
        (Lang::Ja, "タイムスタンプ", "2026/11/05 9:12:33", "会社契約"),
    ] {
        let questions = form::questions(lang);
        let options = |field: Field| {
            let q = questions.iter().find(|q| q.field == field).expect("asked");
            assert_eq!(q.answer, Answer::Checkboxes, "{field} has check boxes");
            q.options.to_vec()
        };
        let (tools, hard, data) =
            (options(Field::Tools), options(Field::Challenges), options(Field::DataKinds));
        // Google Forms joins checked options with ", ", the last one of
        // each list being its "none".
        let answer = |field: Field| -> String {
            match field {
                Field::SubmittedAt => time.into(),
                Field::Email => "a@example.com".into(),
                Field::Department => "Sales".into(),
                Field::Tools => tools.join(", "),
                Field::Payment => company.into(),
                Field::MonthlyCost => "3,000円".into(),
                Field::UsageHoursWeek | Field::SavedHoursWeek => "2".into(),
                Field::Challenges => hard.join(", "),
                Field::DataKinds => data.join(", "),
                _ => String::new(),
            }
        };
        let mut header = vec![quoted(stamp)];
        let mut row = vec![quoted(&answer(Field::SubmittedAt))];
        for q in &questions {
            header.push(quoted(q.text));
            row.push(quoted(&answer(q.field)));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.csv");
        std::fs::write(&path, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();

        let mut store = Store::open_in_memory().unwrap();
        let report = import_path(&mut store, &path, &ImportOptions::default());
        assert!(report.flagged.is_empty(), "{lang:?}: every answer reads: {:?}", report.flagged);
        let s = inventory::summary(&store).unwrap();

        let mut used: Vec<&str> = s.tools.iter().map(|t| t.name.as_str()).collect();
        used.sort();
        assert_eq!(
            used,
            [
                "ChatGPT",
                "Claude",
                "Cursor",
                "DeepL",
                "Gemini",
                "GitHub Copilot",
                "Local LLM",
                "Microsoft Copilot",
                "NotebookLM",
                "Notion AI",
                "Perplexity"
            ],
            "{lang:?}: each tool option is a catalogue tool, and 'none' is none"
        );
        let named: Vec<String> = challenges(&s).into_keys().collect();
        let mut expected: Vec<String> =
            hard[..hard.len() - 1].iter().map(|c| c.to_string()).collect();
        expected.sort();
        assert_eq!(named, expected, "{lang:?}: each challenge once, whole; 'none' is none");
        assert_eq!(s.departments[0].payments[0].kind, "company", "{lang:?}: paid by the company");
    }
}

/// The free-text answers are stored once, in the source row; the list
/// reads them from it through the batch's mapping, trimmed, with
/// Microsoft's "anonymous" as no address.
#[test]
fn listed_responses_read_their_free_text_from_the_source_row() {
    let (store, _, _) = imported("google_forms_ja.csv");
    let page = survey::list_responses(&store, &survey::ResponseQuery::default()).unwrap();
    let first = &page.rows[0];
    assert_eq!(first.email.as_deref(), Some("tanaka.hiroshi@minato-seiki.example"));
    assert_eq!(first.name.as_deref(), Some("田中 浩"));
    assert_eq!(first.payment_text.as_deref(), Some("個人契約（経費精算）"));
    assert_eq!(first.tasks.as_deref(), Some("メール文面の作成, 提案書の下書き"));
    assert_eq!(first.requests, None, "a blank answer is none");

    let (store, _, _) = imported("microsoft_forms.xlsx");
    let page = survey::list_responses(&store, &survey::ResponseQuery::default()).unwrap();
    for row in &page.rows {
        let cell = row.cells.iter().find(|c| c.header == "Email").map(|c| c.text.trim());
        match cell {
            Some(text) if !text.is_empty() && !text.eq_ignore_ascii_case("anonymous") => {
                assert_eq!(row.email.as_deref(), Some(text), "row {}", row.row)
            }
            _ => assert_eq!(row.email, None, "row {}", row.row),
        }
    }
}

/// A respondent whose latest answer in a later export is skipped as
/// already stored (an earlier import read it as anonymous, its e-mail
/// column left unmapped) still has one counted submission: the stored
/// ones are decided again without the skipped row.
#[test]
fn a_latest_answer_skipped_as_already_stored_leaves_the_next_one_counted() {
    let dir = tempfile::tempdir().unwrap();
    let header = "タイムスタンプ,メールアドレス,氏名,部署,利用しているAIツール（複数選択可）,\
                  契約形態,月額費用,週あたりの削減時間\n";
    let later = "2026/11/20 10:00:00,x@ex.jp,X,営業部,ChatGPT,会社契約,1000,1\n";
    let earlier = "2026/11/10 10:00:00,x@ex.jp,X,経理部,ChatGPT,会社契約,2000,2\n";
    let (first, second) = (dir.path().join("first.csv"), dir.path().join("second.csv"));
    std::fs::write(&first, format!("{header}{later}")).unwrap();
    std::fs::write(&second, format!("{header}{later}{earlier}")).unwrap();

    let mut store = Store::open_in_memory().unwrap();
    let anonymous = ImportOptions {
        mapping: [("email".to_string(), String::new())].into(),
        ..Default::default()
    };
    let a = survey::import(&mut store, &first, &anonymous, &mut |_, _| {}).unwrap();
    assert_eq!(a.mapping.get(&survey::Field::Email), None, "the e-mail column is unmapped");
    let b = survey::import(&mut store, &second, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((b.imported, b.duplicates), (1, 1));
    let s = inventory::summary(&store).unwrap();
    assert_eq!((s.respondents, s.monthly_spend.minor), (2, 3000), "anonymous + x@, each counted");
    assert_eq!(superseded(&store), vec![(2, 0), (3, 0)]);
    let kept = tallies(&store);
    store.write(inventory::refresh_tallies).unwrap();
    assert_eq!(kept, tallies(&store), "the tallies equal a recount");

    survey::undo_import(&mut store, &a.batch).unwrap();
    let s = inventory::summary(&store).unwrap();
    assert_eq!((s.respondents, s.monthly_spend.minor), (1, 2000));
}

/// No import records which earlier import held the rows it skipped, so
/// undoing the earlier one removes them; the list of imports warns of
/// it before, and importing the later file again brings them back.
#[test]
fn undoing_an_import_whose_rows_a_later_one_skipped_is_warned_of_and_mended_by_reimporting() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import(&mut store, "google_forms_ja.csv");
    let resaved = import(&mut store, "google_forms_ja_cp932.csv");
    assert_eq!((resaved.imported, resaved.duplicates), (0, 24));
    let batches = survey::list_batches(&store).unwrap();
    let listed = |uid: &str| batches.iter().find(|b| b.batch == uid).unwrap().clone();
    let warned = listed(&first.batch).later_skipped;
    assert_eq!(warned.len(), 1);
    assert_eq!((warned[0].file.as_str(), warned[0].rows), ("google_forms_ja_cp932.csv", 24));
    assert!(listed(&resaved.batch).later_skipped.is_empty(), "nothing came after it");

    survey::undo_import(&mut store, &first.batch).unwrap();
    assert_eq!(inventory::summary(&store).unwrap().responses, 0, "the rows went with it");
    let again = import(&mut store, "google_forms_ja_cp932.csv");
    assert_eq!(again.imported, 24, "importing the later file again brings them back");
}

/// Every figure of spend is a sum of the same converted amounts: the
/// tools add up to the total, the departments add up to it, and each bar
/// of the spend chart is its department's spend, to the yen, also where a
/// dollar cost split over two tools gives half yen ($20.50 = 1,537.5 × 2).
#[test]
fn spend_by_tool_by_department_and_in_the_chart_adds_up_to_the_yen() {
    for file in ["google_forms_en.csv", "microsoft_forms.xlsx", "google_forms_ja.csv"] {
        let (store, _, s) = imported(file);
        let total = s.monthly_spend.minor;
        let tools: i64 = s.tools.iter().map(|t| t.monthly_spend.minor).sum();
        let departments: i64 = s.departments.iter().map(|d| d.monthly_spend.minor).sum();
        assert_eq!((tools, departments), (total, total), "{file}");
        let chart =
            inventory::chart(&store, "spend-by-department".parse().unwrap(), inventory::Lang::En)
                .unwrap();
        for (i, d) in s.departments.iter().enumerate() {
            let bar: f64 = chart.series.iter().map(|series| series.values[i]).sum();
            assert_eq!(bar, d.monthly_spend.to_major_f64(), "{file}: the bar of {}", d.name);
        }
    }
}
