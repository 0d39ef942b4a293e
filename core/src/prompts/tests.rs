use super::io::{self, Format, OnConflict};
use super::*;

fn content(title: &str, body: &str, tags: &[&str]) -> Content {
    Content {
        title: title.into(),
        body: body.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        category: "会議".into(),
        department: "総務部".into(),
        tools: vec!["ChatGPT".into()],
        data_classes: vec!["internal".into()],
        status: Status::Approved,
        owner: "吉田".into(),
        variables: Vec::new(),
    }
}

fn library() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for (title, body, tags) in [
        (
            "会議の議事録を要約する",
            "次の会議メモを箇条書きで要約してください。\n{{memo}}",
            vec!["会議", "要約"],
        ),
        (
            "Reply to a complaint",
            "Draft a polite reply to {{customer_name}} about: {{issue}}.",
            vec!["customer", "reply"],
        ),
        (
            "C++ code review",
            "Review this C++ code for memory safety:\n{{code}}",
            vec!["code", "C++"],
        ),
        (
            "Multi-agent plan",
            "Plan a multi-agent workflow; don't use more than {{n}} agents.",
            vec!["agents"],
        ),
        (
            "（株）宛の請求書チェック",
            "（株）みなと精機の請求書 {{invoice}} を照合する",
            vec!["経理"],
        ),
        (
            "AND/OR in search",
            "Explain AND and OR with an * wildcard and a \" quote.",
            vec!["search"],
        ),
    ] {
        save(&mut store, None, &content(title, body, &tags)).unwrap();
    }
    store
}

fn titles(r: &SearchResult) -> Vec<String> {
    r.hits.iter().map(|h| h.prompt.content.title.clone()).collect()
}

#[test]
fn variables_are_found_in_order_and_typed() {
    assert_eq!(
        variables_in("{{a}} {{ b }} {{a}} {{顧客名}} {{not a name}} {{"),
        vec!["a", "b", "顧客名"]
    );
    // An unclosed or mismatched "{{" hides none of the placeholders after it.
    let body = "A {{ oops }\nB {{name}}\nC {{x}} }}\nD {{y\nE {{z}}";
    assert_eq!(variables_in(body), vec!["name", "x", "z"]);
    let store = {
        let mut store = Store::open_in_memory().unwrap();
        save(&mut store, None, &content("t", body, &[])).unwrap();
        store
    };
    let p = list(&store, &Filter::default()).unwrap().remove(0);
    let values: BTreeMap<String, String> =
        [("name", "N"), ("x", "X"), ("z", "Z")].map(|(k, v)| (k.to_string(), v.to_string())).into();
    assert_eq!(fill(&p, &values).unwrap(), "A {{ oops }\nB N\nC X }}\nD {{y\nE Z");
    let c = check(&Content {
        variables: vec![Variable {
            name: "tone".into(),
            kind: VariableKind::Choice,
            default: Some("polite".into()),
            options: vec!["polite".into(), "brief".into()],
        }],
        ..content("t", "{{tone}} {{when}}", &[])
    })
    .unwrap();
    assert_eq!(c.variables.len(), 2);
    assert_eq!(c.variables[1].kind, VariableKind::Text, "an undescribed variable is text");
    let bad = Content {
        variables: vec![Variable {
            name: "tone".into(),
            kind: VariableKind::Choice,
            default: None,
            options: vec![],
        }],
        ..content("t", "{{tone}}", &[])
    };
    assert!(check(&bad).is_err(), "a choice needs choices");
}

#[test]
fn search_handles_japanese_english_and_anything_typed() {
    let store = library();
    let f = Filter::default();
    // Two characters: through the trigrams they start.
    let r = search(&store, "会議", &f).unwrap();
    assert_eq!(r.mode, "index");
    assert_eq!(titles(&r), vec!["会議の議事録を要約する"]);
    let marked: Vec<&str> =
        r.hits[0].excerpt.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
    assert!(!marked.is_empty() && marked.iter().all(|m| *m == "会議"), "just the word: {marked:?}");
    // Three and more: the trigram index, with the match marked.
    let r = search(&store, "議事録", &f).unwrap();
    assert_eq!(r.mode, "index");
    assert_eq!(titles(&r), vec!["会議の議事録を要約する"]);
    assert!(
        r.hits[0].excerpt.iter().any(|s| s.hit && s.text.contains("議事録")),
        "{:?}",
        r.hits[0].excerpt
    );
    assert_eq!(titles(&search(&store, "C++", &f).unwrap()), vec!["C++ code review"]);
    assert_eq!(titles(&search(&store, "don't", &f).unwrap()), vec!["Multi-agent plan"]);
    assert_eq!(titles(&search(&store, "multi-agent", &f).unwrap()), vec!["Multi-agent plan"]);
    assert_eq!(titles(&search(&store, "（株）", &f).unwrap()), vec!["（株）宛の請求書チェック"]);
    assert_eq!(titles(&search(&store, "AND", &f).unwrap())[0], "AND/OR in search");
    for hostile in [
        "\"",
        "*",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "\"unclosed",
        "(",
        ")",
        "^",
        "-",
        ":",
        "title:x",
        "\u{0}",
        "'; DROP TABLE prompts; --",
    ] {
        assert!(search(&store, hostile, &f).is_ok(), "{hostile:?} must not raise an error");
    }
    assert_eq!(titles(&search(&store, "*", &f).unwrap()), vec!["AND/OR in search"]);
    assert_eq!(search(&store, "*", &f).unwrap().mode, "index", "one character, by its trigrams");
    // Two characters at the very end of a title or a tag are found too.
    assert_eq!(titles(&search(&store, "経理", &f).unwrap()), vec!["（株）宛の請求書チェック"]);
    assert_eq!(titles(&search(&store, "ly", &f).unwrap()), vec!["Reply to a complaint"]);
    assert_eq!(titles(&search(&store, "\"", &f).unwrap()), vec!["AND/OR in search"]);
    // Case does not matter for English.
    assert_eq!(titles(&search(&store, "COMPLAINT", &f).unwrap()), vec!["Reply to a complaint"]);
    // Two words must both match.
    assert_eq!(titles(&search(&store, "reply polite", &f).unwrap()), vec!["Reply to a complaint"]);
    assert!(search(&store, "reply 会議", &f).unwrap().hits.is_empty());
}

#[test]
fn search_ranks_a_title_match_first_and_filters() {
    let mut store = library();
    save(
        &mut store,
        None,
        &content("Summary helper", "Use this to write a 要約 of the 議事録 quickly", &["misc"]),
    )
    .unwrap();
    let r = search(&store, "議事録", &Filter::default()).unwrap();
    assert_eq!(r.hits[0].prompt.content.title, "会議の議事録を要約する", "the title counts most");
    assert_eq!(r.hits.len(), 2);
    let r = search(&store, "議事録", &Filter { tag: Some("misc".into()), ..Filter::default() })
        .unwrap();
    assert_eq!(titles(&r), vec!["Summary helper"]);
    let none = Filter { status: Some(Status::Retired), ..Filter::default() };
    assert!(search(&store, "議事録", &none).unwrap().hits.is_empty());
    let dept = Filter {
        department: Some("総務部".into()),
        tool: Some("ChatGPT".into()),
        ..Filter::default()
    };
    assert_eq!(search(&store, "", &dept).unwrap().hits.len(), 7);
}

#[test]
fn every_save_is_a_version_that_can_be_compared_and_restored() {
    let mut store = Store::open_in_memory().unwrap();
    let p = save(&mut store, None, &content("議事録", "一行目\n二行目\n", &[])).unwrap();
    assert_eq!(p.version, 1);
    let p2 = save(
        &mut store,
        Some(&p.id),
        &content("議事録（改）", "一行目\n二行目を直した\n三行目\n", &[]),
    )
    .unwrap();
    assert_eq!(p2.version, 2);
    let v = versions(&store, &p.id).unwrap();
    assert_eq!(v.iter().map(|v| v.version).collect::<Vec<_>>(), vec![2, 1]);
    let d = diff(&store, &p.id, 1, 2).unwrap();
    let changes: Vec<(&str, &str)> = d.iter().map(|l| (l.change, l.text.as_str())).collect();
    assert_eq!(
        changes,
        vec![
            ("removed", "# 議事録"),
            ("added", "# 議事録（改）"),
            ("same", "一行目"),
            ("removed", "二行目"),
            ("added", "二行目を直した"),
            ("added", "三行目"),
        ]
    );
    let p3 = restore(&mut store, &p.id, 1).unwrap();
    assert_eq!(p3.version, 3, "restoring is a new version");
    assert_eq!(p3.content.body, "一行目\n二行目\n");
    assert_eq!(versions(&store, &p.id).unwrap()[0].note, "restored from version 1");
    // The index follows the restored text.
    assert!(search(&store, "直した", &Filter::default()).unwrap().hits.is_empty());
}

#[test]
fn using_fills_variables_counts_and_ratings_rank() {
    let mut store = library();
    let p = list(&store, &Filter::default())
        .unwrap()
        .into_iter()
        .find(|p| p.content.title == "Reply to a complaint")
        .unwrap();
    let values: BTreeMap<String, String> =
        [("customer_name".to_string(), "<b>Sato</b>".to_string())].into();
    let text = fill(&p, &values).unwrap();
    assert_eq!(
        text, "Draft a polite reply to <b>Sato</b> about: {{issue}}.",
        "an unfilled variable shows in the preview"
    );
    let err = fill_for_use(&p, &values).unwrap_err().to_string();
    assert!(err.contains("{{issue}}"), "a prompt to use is refused while one is unfilled: {err}");
    let blank: BTreeMap<String, String> =
        [("customer_name".to_string(), "Sato".to_string()), ("issue".to_string(), String::new())]
            .into();
    assert!(fill_for_use(&p, &blank).is_err(), "a blank value fills nothing");
    let all: BTreeMap<String, String> = [
        ("customer_name".to_string(), "Sato".to_string()),
        ("issue".to_string(), "a late delivery".to_string()),
    ]
    .into();
    assert_eq!(
        fill_for_use(&p, &all).unwrap(),
        "Draft a polite reply to Sato about: a late delivery."
    );
    assert_eq!(record_use(&mut store, &p.id).unwrap(), 1);
    record_use(&mut store, &p.id).unwrap();
    rate(&mut store, &p.id, 5).unwrap();
    let rated = rate(&mut store, &p.id, 4).unwrap();
    assert_eq!(rated.rating, Some(4.5));
    assert!(rate(&mut store, &p.id, 6).is_err());
    let most =
        list(&store, &Filter { order: Some("most_used".into()), ..Filter::default() }).unwrap();
    assert_eq!(most[0].id, p.id);
    let best =
        list(&store, &Filter { order: Some("best_rated".into()), ..Filter::default() }).unwrap();
    assert_eq!(best[0].id, p.id);
}

#[test]
fn control_characters_never_reach_the_index() {
    let mut store = Store::open_in_memory().unwrap();
    let p = save(
        &mut store,
        None,
        &content(
            "NUL\u{0}title",
            "bo\u{0}dy\u{7} with \u{1b}[31m escapes\r\nand a line",
            &["t\u{0}ag"],
        ),
    )
    .unwrap();
    assert_eq!(p.content.title, "NULtitle");
    assert_eq!(p.content.body, "body with [31m escapes\r\nand a line");
    assert!(store.integrity_check().unwrap().is_empty());
    store
        .conn()
        .execute("INSERT INTO prompts_fts (prompts_fts) VALUES ('integrity-check')", [])
        .expect("the full-text index is sound");
    assert_eq!(titles(&search(&store, "body", &Filter::default()).unwrap()), vec!["NULtitle"]);
}

fn round_trip(format: Format) {
    let mut store = library();
    let p = list(&store, &Filter::default()).unwrap()[0].clone();
    save(
        &mut store,
        Some(&p.id),
        &Content { body: "改行\r\nあり\n\n最後".into(), ..p.content.clone() },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = match format {
        Format::Markdown => {
            io::export_markdown(&store, &dir.path().join("md")).unwrap();
            dir.path().join("md")
        }
        Format::Json => {
            let path = dir.path().join("lib.json");
            std::fs::write(&path, io::to_json(&store).unwrap()).unwrap();
            path
        }
        Format::Csv => {
            let path = dir.path().join("lib.csv");
            std::fs::write(&path, io::to_csv(&store).unwrap()).unwrap();
            path
        }
    };
    let read = io::read(&path, format).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    let report = io::import(&mut fresh, &read, OnConflict::Skip, false).unwrap();
    assert_eq!(report.added, 6, "{format:?}");
    let before = list(&store, &Filter::default()).unwrap();
    let after = list(&fresh, &Filter::default()).unwrap();
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a.id, b.id, "{format:?}: ids kept");
        assert_eq!(a.content, b.content, "{format:?}: {}", a.content.title);
        assert_eq!(a.created_at, b.created_at);
    }
    if format == Format::Json {
        for a in &before {
            let va = versions(&store, &a.id).unwrap();
            let vb = versions(&fresh, &a.id).unwrap();
            assert_eq!(va.len(), vb.len(), "versions kept");
            for v in &va {
                assert_eq!(
                    version(&store, &a.id, v.version).unwrap(),
                    version(&fresh, &a.id, v.version).unwrap()
                );
            }
        }
    }
    // Meeting the same templates again: skip, replace or keep both.
    let again = io::import(&mut fresh, &read, OnConflict::Skip, false).unwrap();
    assert_eq!((again.skipped, again.conflicts.len()), (6, 6));
    let replaced = io::import(&mut fresh, &read, OnConflict::Replace, false).unwrap();
    assert_eq!(replaced.replaced, 6);
    assert_eq!(list(&fresh, &Filter::default()).unwrap().len(), 6);
    let both = io::import(&mut fresh, &read, OnConflict::KeepBoth, false).unwrap();
    assert_eq!(both.kept_both, 6);
    assert_eq!(list(&fresh, &Filter::default()).unwrap().len(), 12);
}

#[test]
fn filters_compare_names_without_case_as_the_search_does() {
    let store = library();
    let all = list(&store, &Filter::default()).unwrap().len();
    let lower = Filter { tool: Some("chatgpt".into()), ..Filter::default() };
    assert_eq!(list(&store, &lower).unwrap().len(), all, "'chatgpt' is the tool ChatGPT");
    let tag = Filter { tag: Some("c++".into()), ..Filter::default() };
    assert_eq!(titles(&search(&store, "review", &tag).unwrap()), vec!["C++ code review"]);
}

#[test]
fn templates_that_share_a_title_all_come_back_into_an_empty_library() {
    let mut store = Store::open_in_memory().unwrap();
    for body in ["一つ目", "二つ目", "三つ目"] {
        save(&mut store, None, &content("議事録", body, &[])).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("lib.json");
    std::fs::write(&json, io::to_json(&store).unwrap()).unwrap();
    let csv = dir.path().join("lib.csv");
    std::fs::write(&csv, io::to_csv(&store).unwrap()).unwrap();
    io::export_markdown(&store, &dir.path().join("md")).unwrap();

    let mut ids: Vec<String> =
        list(&store, &Filter::default()).unwrap().into_iter().map(|p| p.id).collect();
    ids.sort();
    for (path, format) in
        [(json, Format::Json), (csv, Format::Csv), (dir.path().join("md"), Format::Markdown)]
    {
        for on_conflict in [OnConflict::Skip, OnConflict::Replace, OnConflict::KeepBoth] {
            let mut fresh = Store::open_in_memory().unwrap();
            let read = io::read(&path, format).unwrap();
            let report = io::import(&mut fresh, &read, on_conflict, false).unwrap();
            assert_eq!(
                (report.added, report.conflicts.len()),
                (3, 0),
                "{format:?} {on_conflict:?}: a title is no identity between templates with ids"
            );
            let mut back: Vec<String> =
                list(&fresh, &Filter::default()).unwrap().into_iter().map(|p| p.id).collect();
            back.sort();
            assert_eq!(back, ids, "{format:?} {on_conflict:?}: every template, with its id");
        }
    }
}

#[test]
fn a_template_without_an_id_meets_the_library_template_of_its_title() {
    let mut store = library();
    let page = "---\ntitle: 会議の議事録を要約する\n---\n手で書いた本文\n";
    let read = vec![io::from_markdown(page, std::path::Path::new("page.md")).unwrap()];
    let report = io::import(&mut store, &read, OnConflict::Skip, true).unwrap();
    assert_eq!(report.conflicts.len(), 1, "a hand-written page meets its title");
    assert_eq!(report.conflicts[0].by, "title");
}

#[test]
fn a_folder_holding_one_template_twice_is_refused() {
    let store = library();
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("md");
    io::export_markdown(&store, &md).unwrap();
    let first = std::fs::read_dir(&md).unwrap().next().unwrap().unwrap().path();
    std::fs::copy(&first, md.join("zz-old-copy.md")).unwrap();

    let read = io::read(&md, Format::Markdown).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    let err = io::import(&mut fresh, &read, OnConflict::Skip, false).unwrap_err().to_string();
    assert!(err.contains("the same id"), "{err}");
    assert!(list(&fresh, &Filter::default()).unwrap().is_empty(), "nothing is stored");
}

#[test]
fn markdown_is_not_exported_over_an_earlier_export() {
    let store = library();
    let dir = tempfile::tempdir().unwrap();
    io::export_markdown(&store, dir.path()).unwrap();
    let err = io::export_markdown(&store, dir.path()).unwrap_err().to_string();
    assert!(err.contains("already holds Markdown files"), "a stale file would come back: {err}");
}

#[test]
fn markdown_round_trip_is_exact() {
    round_trip(Format::Markdown);
}

#[test]
fn json_round_trip_is_exact_with_versions() {
    round_trip(Format::Json);
}

#[test]
fn csv_round_trip_is_exact_and_neutralises_formulas() {
    round_trip(Format::Csv);
    let mut store = Store::open_in_memory().unwrap();
    save(&mut store, None, &content("=HYPERLINK(\"x\")", "'quoted and +plus", &[])).unwrap();
    let csv = String::from_utf8(io::to_csv(&store).unwrap()).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("''quoted"), "{csv}");
}

#[test]
fn a_hand_written_markdown_file_reads_as_yaml_would() {
    let text =
        "---\ntitle: 会議の要約\ntags: [会議, 要約]\nstatus: approved\n---\n{{memo}} を要約して\n";
    let e = io::from_markdown(text, std::path::Path::new("x.md")).unwrap();
    assert_eq!(e.content.title, "会議の要約");
    assert_eq!(e.content.tags, vec!["会議", "要約"]);
    assert_eq!(e.content.status, Status::Approved);
    assert_eq!(e.content.body, "{{memo}} を要約して\n");
    assert!(io::from_markdown("no front matter", std::path::Path::new("y.md")).is_err());
}

#[test]
fn hand_written_pages_with_block_lists_and_loose_fences_are_read() {
    let text = "--- \ntitle: 議事録\ntags:\n  - 会議\n  - \"要約\"\ndepartment:\nowner: 吉田\n---  \n本文\n";
    let e = io::from_markdown(text, std::path::Path::new("p.md")).unwrap();
    assert_eq!(e.content.tags, vec!["会議", "要約"], "a YAML block list");
    assert_eq!(e.content.department, "", "a blank value stays blank");
    assert_eq!(e.content.owner, "吉田", "the list ends at the next key");
    assert_eq!(e.content.body, "本文\n", "fences may carry trailing spaces");
}

#[test]
fn a_csv_typed_in_a_spreadsheet_may_list_tags_with_commas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.csv");
    std::fs::write(
        &path,
        "title,body,tags,tools\n議事録,本文,\"会議, 要約\",\"[\"\"ChatGPT\"\"]\"\n",
    )
    .unwrap();
    let read = io::read(&path, Format::Csv).unwrap();
    assert_eq!(read[0].content.tags, vec!["会議", "要約"], "a plain list");
    assert_eq!(read[0].content.tools, vec!["ChatGPT"], "a JSON list, as exported");

    let err = io::read(&path, Format::Markdown).unwrap_err().to_string();
    assert!(err.contains("give the folder"), "a file where a folder is wanted: {err}");
}

/// `n` templates without ids to import, "定型文 i" with the body "`body` i"
/// and the tag "x", oldest first.
fn numbered(n: usize, body: &str) -> Vec<io::Exported> {
    (0..n)
        .map(|i| io::Exported {
            id: String::new(),
            content: content(&format!("定型文 {i}"), &format!("{body} {i}"), &["x"]),
            created_at: String::new(),
            updated_at: String::new(),
            versions: Vec::new(),
        })
        .collect()
}

#[test]
fn a_very_common_word_orders_the_newest_matches_title_first() {
    let mut store = Store::open_in_memory().unwrap();
    let mut many = numbered(RANKED_MATCHES + 50, "社外秘の資料を扱う手順");
    many[10].content.title = "社外秘の扱い".into();
    io::import(&mut store, &many, OnConflict::KeepBoth, false).unwrap();
    let r = search(&store, "社外秘", &Filter::default()).unwrap();
    assert!(r.truncated, "more matches than are ranked one by one");
    assert_eq!(r.hits[0].prompt.content.title, "社外秘の扱い", "the title match comes first");
    assert_eq!(
        r.hits[1].prompt.content.title,
        format!("定型文 {}", RANKED_MATCHES + 49),
        "then the newest"
    );
    assert_eq!(r.hits.len(), 50);
    let few = search(&store, "社外秘の扱い", &Filter::default()).unwrap();
    assert!(!few.truncated);
    assert_eq!(few.hits.len(), 1);
}

#[test]
fn a_filter_finds_a_match_older_than_the_newest_ranked_ones() {
    let mut store = Store::open_in_memory().unwrap();
    let mut many = numbered(RANKED_MATCHES + 50, "社外秘の資料");
    for (i, e) in many.iter_mut().enumerate() {
        if i % 2 == 0 {
            e.content.tags = vec!["even".into()];
        }
    }
    many[3].content.tags = vec!["rare".into()];
    many[10].content.title = "社外秘の扱い".into();
    io::import(&mut store, &many, OnConflict::KeepBoth, false).unwrap();

    let rare = Filter { tag: Some("rare".into()), ..Filter::default() };
    let r = search(&store, "社外秘", &rare).unwrap();
    assert_eq!(titles(&r), vec!["定型文 3"], "the oldest matches are read for a filter too");

    let even = Filter { tag: Some("even".into()), limit: Some(500), ..Filter::default() };
    let r = search(&store, "社外秘", &even).unwrap();
    let mut ids: Vec<&str> = r.hits.iter().map(|h| h.prompt.id.as_str()).collect();
    assert_eq!(ids.len(), (RANKED_MATCHES + 50) / 2, "every even template, older ones too");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), (RANKED_MATCHES + 50) / 2, "an older title match is not shown twice");
}

#[test]
fn a_deleted_template_leaves_search_and_the_index_stays_sound() {
    let mut store = library();
    let id = search(&store, "議事録", &Filter::default()).unwrap().hits[0].prompt.id.clone();
    delete(&mut store, &id).unwrap();
    assert!(search(&store, "議事録", &Filter::default()).unwrap().hits.is_empty());
    crate::trash::restore(&mut store, "prompt", &id).unwrap();
    assert_eq!(search(&store, "議事録", &Filter::default()).unwrap().hits.len(), 1);
    delete(&mut store, &id).unwrap();
    assert_eq!(crate::trash::empty(&mut store).unwrap(), 1);
    assert!(store.integrity_check().unwrap().is_empty());
    let left: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM prompts_fts) + (SELECT count(*) FROM prompts_title_fts)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 10, "5 templates left, in both indexes");
}

#[test]
fn one_character_is_found_anywhere_even_last() {
    let store = library();
    let f = Filter::default();
    // "ク" ends the title "…チェック" and "理" ends its only tag "経理".
    assert_eq!(titles(&search(&store, "ク", &f).unwrap()), vec!["（株）宛の請求書チェック"]);
    assert_eq!(titles(&search(&store, "理", &f).unwrap()), vec!["（株）宛の請求書チェック"]);
    let r = search(&store, "\"", &f).unwrap();
    assert_eq!((r.mode, titles(&r)), ("index", vec!["AND/OR in search".to_string()]));
    let marked: Vec<&str> =
        r.hits[0].excerpt.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
    assert_eq!(marked, vec!["\""], "the excerpt marks the character itself");
    assert!(search(&store, "ゑ", &f).unwrap().hits.is_empty(), "a character no template has");
    // A character with one word more: both must match.
    assert_eq!(titles(&search(&store, "* wildcard", &f).unwrap()), vec!["AND/OR in search"]);
}

#[test]
fn a_character_in_every_template_is_found_by_reading_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    // "x" followed by MAX_START_TRIGRAMS + 1 different pairs of characters.
    let pairs: Vec<String> = (0..=MAX_START_TRIGRAMS)
        .map(|i| format!("x{}{} ", char::from_u32(0x4E00 + i as u32).unwrap(), i % 10))
        .collect();
    for (i, chunk) in pairs.chunks(50).enumerate() {
        save(&mut store, None, &content(&format!("t{i}"), &chunk.concat(), &[])).unwrap();
    }
    save(&mut store, None, &content("none", "nothing here", &[])).unwrap();
    assert_eq!(word_expression(store.conn(), "x").unwrap(), None, "too common for the index");
    let r = search(&store, "x", &Filter::default()).unwrap();
    assert_eq!(r.mode, "substring");
    assert_eq!(r.hits.len(), pairs.len().div_ceil(50), "every template holding it, no other");
}

#[test]
fn a_library_indexed_by_version_4_finds_one_character_after_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        save(&mut store, None, &content("請求書チェック", "本文", &["経理"])).unwrap();
        // As version 4 wrote the index: one space after each field.
        store
            .conn()
            .execute_batch(
                "CREATE TEMP TABLE old AS SELECT rowid AS id, title, body, tags FROM prompts_fts;
                 DELETE FROM prompts_fts;
                 INSERT INTO prompts_fts (rowid, title, body, tags)
                     SELECT id, rtrim(title) || ' ', rtrim(body) || ' ', rtrim(tags) || ' ' FROM old;
                 DELETE FROM prompts_title_fts;
                 INSERT INTO prompts_title_fts (rowid, title) SELECT id, rtrim(title) || ' ' FROM old;
                 ALTER TABLE import_batches DROP COLUMN fingerprint_version;
                 PRAGMA user_version = 4;",
            )
            .unwrap();
        assert!(search(&store, "ク", &Filter::default()).unwrap().hits.is_empty(), "as before");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(titles(&search(&store, "ク", &Filter::default()).unwrap()), vec!["請求書チェック"]);
    assert_eq!(titles(&search(&store, "理", &Filter::default()).unwrap()), vec!["請求書チェック"]);
    assert!(store.integrity_check().unwrap().is_empty(), "the index is sound");
}

#[test]
fn a_body_or_title_too_long_is_refused_with_its_field() {
    let mut store = Store::open_in_memory().unwrap();
    let long_body = "あ".repeat(MAX_BODY_CHARS + 1);
    let err = save(&mut store, None, &content("t", &long_body, &[])).unwrap_err();
    assert!(
        matches!(&err, PromptError::Invalid { field: "body", reason } if reason.contains("100001 characters")),
        "{err}"
    );
    let err = save(&mut store, None, &content(&"x".repeat(301), "body", &[])).unwrap_err();
    assert!(matches!(err, PromptError::Invalid { field: "title", .. }), "{err}");
    let err = save(&mut store, None, &content("t", "body", &[&"タグ".repeat(200)])).unwrap_err();
    assert!(matches!(err, PromptError::Invalid { field: "tags", .. }), "{err}");
    assert!(list(&store, &Filter::default()).unwrap().is_empty(), "nothing was stored");
    save(&mut store, None, &content("t", &"あ".repeat(MAX_BODY_CHARS), &[])).expect("at the limit");
}

#[test]
fn a_library_csv_resaved_as_utf16_or_cp932_reads_the_same() {
    let store = library();
    let csv = io::to_csv(&store).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let dir = tempfile::tempdir().unwrap();
    // Excel's "Unicode text": UTF-16LE with a BOM (commas kept here).
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path16 = dir.path().join("lib16.csv");
    std::fs::write(&path16, utf16).unwrap();
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!lossy, "the sample library is all in CP932");
    let path_sjis = dir.path().join("libsjis.csv");
    std::fs::write(&path_sjis, &*sjis).unwrap();
    let utf8 = dir.path().join("lib8.csv");
    std::fs::write(&utf8, text).unwrap();
    let titles = |p: &std::path::Path| -> Vec<String> {
        io::read(p, Format::Csv).unwrap().into_iter().map(|e| e.content.title).collect()
    };
    assert_eq!(titles(&path16), titles(&utf8));
    assert_eq!(titles(&path_sjis), titles(&utf8));
    assert_eq!(titles(&utf8).len(), 6);
}

#[test]
fn a_bad_template_in_a_markdown_folder_is_named_by_its_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "---\ntitle: \"ok\"\n---\nbody\n").unwrap();
    std::fs::write(dir.path().join("untitled.md"), "---\ntitle: \"\"\n---\nbody\n").unwrap();
    let err = io::read(dir.path(), Format::Markdown).unwrap_err().to_string();
    assert!(err.contains("untitled.md") && err.contains("title"), "{err}");
}

#[test]
fn title_matches_rank_before_tag_matches_before_body_matches() {
    let mut store = Store::open_in_memory().unwrap();
    let long = "filler text ".repeat(200);
    save(&mut store, None, &content("body only", "a meeting note", &[])).unwrap();
    save(&mut store, None, &content("tag only", "short", &["meeting"])).unwrap();
    save(&mut store, None, &content("Weekly meeting", &long, &[])).unwrap();
    let r = search(&store, "meeting", &Filter::default()).unwrap();
    assert_eq!(titles(&r), vec!["Weekly meeting", "tag only", "body only"]);
    // A word only in the title is marked there.
    let r = search(&store, "weekly", &Filter::default()).unwrap();
    let marked: Vec<&str> =
        r.hits[0].excerpt.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
    assert_eq!(marked, vec!["Weekly"]);
}
