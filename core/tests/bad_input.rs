//! Files a survey import must survive: each gives a clear message naming
//! the file, or a correct import; never a panic, never a half-written
//! batch. Each test starts from a store that already holds an import, to
//! show that a refused file leaves it exactly as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use oversight_core::inventory;
use oversight_core::survey::{self, ImportOptions};
use oversight_core::Store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn store_with_data() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    survey::import(
        &mut store,
        &fixture("google_forms_en.csv"),
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .unwrap();
    store
}

fn counts(store: &Store) -> (i64, i64, i64) {
    store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM import_batches), (SELECT count(*) FROM responses),
                    (SELECT count(*) FROM responses r, json_each(r.tool_ids))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Imports `path` into a store holding data, expecting a refusal whose
/// message names the file and contains `says`, and nothing changed.
fn refused(path: &Path, says: &str) {
    let mut store = store_with_data();
    let before = counts(&store);
    let err = survey::import(&mut store, path, &ImportOptions::default(), &mut |_, _| {})
        .expect_err("the file is refused");
    let msg = err.to_string();
    let name = path.file_name().unwrap().to_string_lossy();
    assert!(msg.contains(name.as_ref()), "the message names the file: {msg}");
    assert!(msg.contains(says), "the message says what is wrong ({says}): {msg}");
    assert_eq!(counts(&store), before, "nothing was written");
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    refused(&fixture("empty.csv"), "empty");
}

#[test]
fn a_header_without_rows_is_refused_as_having_no_responses() {
    refused(&fixture("header_only.csv"), "no responses");
}

#[test]
fn a_binary_file_renamed_csv_is_refused_as_not_a_survey() {
    refused(&fixture("binary_renamed.csv"), "CSV");
}

#[test]
fn ragged_rows_import_padded_and_noted() {
    let mut store = store_with_data();
    let r = survey::import(
        &mut store,
        &fixture("ragged_rows.csv"),
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .expect("ragged rows still import");
    assert_eq!(r.rows, 5, "every row is kept");
    assert_eq!(r.imported, 5);
    assert!(!r.notes.is_empty(), "the user is told which rows were ragged");
    assert!(r.notes.iter().any(|n| n.contains("fewer cells")), "{:?}", r.notes);
}

#[test]
fn quoted_cells_with_newlines_stay_one_row_each() {
    let mut store = Store::open_in_memory().unwrap();
    let r = survey::import(
        &mut store,
        &fixture("quoted_newlines.csv"),
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .expect("imports");
    assert_eq!(r.rows, 3, "three records, whatever the line breaks inside them");
    let page = survey::list_responses(&store, &Default::default()).unwrap();
    let requests: Vec<String> = page.rows.iter().filter_map(|r| r.requests.clone()).collect();
    assert!(requests.iter().any(|t| t.contains('\n')), "line breaks are kept: {requests:?}");
    assert!(requests.iter().any(|t| t.contains('"')), "doubled quotes are one quote: {requests:?}");
}

#[test]
fn a_cell_of_100000_characters_is_kept_whole() {
    let mut store = Store::open_in_memory().unwrap();
    survey::import(
        &mut store,
        &fixture("long_cell.csv"),
        &ImportOptions::default(),
        &mut |_, _| {},
    )
    .expect("imports");
    let page = survey::list_responses(&store, &Default::default()).unwrap();
    let longest =
        page.rows.iter().filter_map(|r| r.requests.as_ref()).map(|t| t.chars().count()).max();
    assert_eq!(longest, Some(100_000), "the long answer is stored whole");
}

#[test]
fn a_50_mb_export_imports_in_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        f,
        "タイムスタンプ,メールアドレス,部署,利用しているAIツール（複数選択可）,月額費用,要望"
    )
    .unwrap();
    let filler = "生成AIの活用についての要望です。".repeat(12);
    let mut rows = 0u64;
    let mut written = 0usize;
    while written < 50 * 1024 * 1024 {
        let line = format!(
            "2026/11/{:02} 9:{:02}:{:02},user{rows}@example.co.jp,部署{},\"ChatGPT, Claude\",\"3,000円\",\"{filler}\"\n",
            1 + rows % 28,
            rows % 60,
            rows % 59,
            rows % 12
        );
        written += line.len();
        f.write_all(line.as_bytes()).unwrap();
        rows += 1;
    }
    drop(f);
    let mut store = store_with_data();
    let mut calls = 0;
    let r = survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| calls += 1)
        .expect("a large file imports");
    assert_eq!(r.imported, rows, "every row of the 50 MB file is stored");
    assert!(calls > 10, "progress is reported along the way, not only at the end");
    let s = inventory::summary(&store).unwrap();
    assert_eq!(s.respondents, rows + 12, "the earlier import is still there too");
}

#[test]
fn a_file_that_does_not_exist_is_named_in_the_message() {
    refused(Path::new("/nonexistent/survey.csv"), "survey.csv");
}

/// An XLSX workbook of `header` and `rows`, with `stray` cells (row,
/// column, text) written where they say.
fn workbook(dir: &Path, name: &str, stray: &[(u32, u16, &str)]) -> PathBuf {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, text) in ["部署", "利用しているAIツール", "月額費用"].iter().enumerate()
    {
        sheet.write_string(0, col as u16, *text).unwrap();
    }
    for (col, text) in ["営業部", "ChatGPT", "3000"].iter().enumerate() {
        sheet.write_string(1, col as u16, *text).unwrap();
    }
    for &(row, col, text) in stray {
        sheet.write_string(row, col, text).unwrap();
    }
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

#[test]
fn a_stray_cell_far_from_the_answers_costs_no_grid_of_memory() {
    // Read as a grid, this 6 KB file would need 200,000 × 5,000 cells.
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "stray.xlsx", &[(199_999, 4_999, " ")]);
    let mut store = Store::open_in_memory().unwrap();
    let report =
        survey::import(&mut store, &path, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!(report.imported, 1, "the one answer is read; a blank cell is no row");
}

#[test]
fn a_sheet_spread_over_too_many_cells_is_refused_with_where() {
    let dir = tempfile::tempdir().unwrap();
    let stray: Vec<(u32, u16, &str)> = (2..2_000).map(|row| (row, 15_999, "x")).collect();
    let path = workbook(dir.path(), "wide.xlsx", &stray);
    refused(&path, "column 16000 holds a value");
}

#[test]
fn a_file_with_no_column_of_the_survey_is_refused_not_imported_as_empty_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other_form.csv");
    std::fs::write(&path, "Order,Customer,Amount due\n1001,Acme,3000\n1002,Globex,4500\n").unwrap();
    refused(&path, "none of its columns is a question of the survey");
}
