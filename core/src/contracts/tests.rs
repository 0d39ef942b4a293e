use super::*;

fn input(tool: &str) -> ContractInput {
    ContractInput { tool: tool.into(), ..ContractInput::default() }
}

fn fields(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().map(|p| p.field).collect()
}

#[test]
fn dates_are_read_year_first_in_the_ways_people_write_them() {
    let d = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
    assert_eq!(parse_date("2026-04-01"), d(2026, 4, 1));
    assert_eq!(parse_date("2026/4/1"), d(2026, 4, 1));
    assert_eq!(parse_date("２０２６年４月１日"), d(2026, 4, 1));
    assert_eq!(parse_date("2026.04.01"), d(2026, 4, 1));
    assert_eq!(parse_date("2026-04-01T00:00:00"), d(2026, 4, 1));
    assert_eq!(parse_date("2026-04-01 10:00:00"), d(2026, 4, 1));
    assert_eq!(parse_date("46113"), d(2026, 4, 1), "an Excel serial day");
    assert_eq!(parse_date("  "), Ok(None));
    for bad in ["01/04/2026", "4/1", "2026-02-30", "tomorrow", "2026-13-01", "0000-01-01"] {
        assert!(parse_date(bad).is_err(), "{bad} must be refused, not guessed");
    }
    // Day and month first when the numbers tell which is which.
    assert_eq!(parse_date("13/04/2026"), d(2026, 4, 13));
    assert_eq!(parse_date("04/13/2026"), d(2026, 4, 13));
    assert_eq!(parse_date("4/4/2026"), d(2026, 4, 4));
    let two_ways = parse_date("01/04/2026").unwrap_err();
    assert!(two_ways.contains("2026-04-01 or 2026-01-04"), "{two_ways}");
    // Japanese era years.
    assert_eq!(parse_date("令和8年4月1日"), d(2026, 4, 1));
    assert_eq!(parse_date("令和元年5月1日"), d(2019, 5, 1));
    assert_eq!(parse_date("平成31年4月30日"), d(2019, 4, 30));
    assert!(parse_date("9999-12-31").unwrap_err().contains("9999"));
}

#[test]
fn a_typed_contract_takes_the_stated_defaults() {
    let store = Store::open_in_memory().unwrap();
    let c = check(
        store.conn(),
        &ContractInput { plan: "business (annual)".into(), ..input("GPT Plus") },
    )
    .expect("valid");
    assert_eq!(c.seats, 1);
    assert_eq!(c.status, Status::Active);
    assert_eq!(c.account_kind, AccountKind::Company);
    assert_eq!(c.billing, Billing::Annual, "the plan's billing");
    assert_eq!(c.currency, Currency::USD, "the plan's currency");
    assert_eq!(c.unit_price_minor, None, "a blank price is unknown, never zero");
    assert!(c.auto_renew);
}

#[test]
fn every_problem_is_reported_at_once_with_its_field() {
    let store = Store::open_in_memory().unwrap();
    let bad = ContractInput {
        tool: String::new(),
        account_kind: "friend pays".into(),
        seats: "-3".into(),
        unit_price: "たくさん".into(),
        currency: "XYZ".into(),
        billing: "weekly".into(),
        start_date: "2026-04-01".into(),
        renewal_date: "2026-03-01".into(),
        end_date: "2026-02-01".into(),
        auto_renew: "maybe".into(),
        notice_days: "-1".into(),
        status: "paused".into(),
        ..ContractInput::default()
    };
    let problems = check(store.conn(), &bad).unwrap_err();
    assert_eq!(
        fields(&problems),
        vec![
            "tool",
            "account_kind",
            "seats",
            "billing",
            "currency",
            "unit_price",
            "renewal_date",
            "end_date",
            "auto_renew",
            "notice_days",
            "status"
        ]
    );
    assert!(problems[2].reason.contains("1 or more"), "{}", problems[2]);
}

#[test]
fn a_plan_of_another_tool_is_refused_with_the_tools_plans() {
    let store = Store::open_in_memory().unwrap();
    let problems =
        check(store.conn(), &ContractInput { plan: "Team (annual)".into(), ..input("ChatGPT") })
            .unwrap_err();
    assert_eq!(fields(&problems), vec!["plan"]);
    assert!(problems[0].reason.contains("Business (annual)"), "{}", problems[0]);
}

#[test]
fn a_price_in_one_currency_and_a_code_of_another_is_refused() {
    let store = Store::open_in_memory().unwrap();
    let problems = check(
        store.conn(),
        &ContractInput { unit_price: "$20".into(), currency: "JPY".into(), ..input("Claude") },
    )
    .unwrap_err();
    assert_eq!(fields(&problems), vec!["unit_price"]);
}

#[test]
fn months_print_and_parse_as_yyyy_mm() {
    let m = Month::parse("2026-04").unwrap();
    assert_eq!(m.to_string(), "2026-04");
    assert_eq!(Month::parse("2026-12").unwrap().next().to_string(), "2027-01");
    assert_eq!(Month::of(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()).to_string(), "2027-01");
    for bad in ["2026-13", "2026-4", "26-04", "2026/04", ""] {
        assert!(Month::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn names_and_notes_of_absurd_length_are_refused() {
    let store = Store::open_in_memory().unwrap();
    let long = "A".repeat(MAX_NAME_CHARS + 1);
    let problems = check(store.conn(), &input(&long)).unwrap_err();
    assert_eq!(fields(&problems), vec!["tool"]);
    assert!(problems[0].reason.contains("201 characters"), "{}", problems[0]);
    let note = ContractInput { note: "x".repeat(MAX_NOTE_CHARS + 1), ..input("Claude") };
    assert_eq!(fields(&check(store.conn(), &note).unwrap_err()), vec!["note"]);
    assert!(check(
        store.conn(),
        &ContractInput { note: "x".repeat(MAX_NOTE_CHARS), ..input("Claude") }
    )
    .is_ok());
}

#[test]
fn a_plan_for_a_tool_not_in_the_catalogue_is_refused_not_dropped() {
    let store = Store::open_in_memory().unwrap();
    let problems =
        check(store.conn(), &ContractInput { plan: "Team".into(), ..input("AcmeAI") }).unwrap_err();
    assert_eq!(fields(&problems), vec!["plan"]);
    assert!(problems[0].reason.contains("AcmeAI is not in the catalogue"), "{}", problems[0]);
    // Without a plan the new tool is fine, and is added.
    let checked = check(store.conn(), &input("AcmeAI")).expect("a new tool alone is accepted");
    assert_eq!(checked.new_tool.as_deref(), Some("AcmeAI"));
}

#[test]
fn prices_negative_as_accounts_write_them_and_absurd_seats_are_refused() {
    let store = Store::open_in_memory().unwrap();
    for price in ["(20)", "▲3,000"] {
        let problems = check(
            store.conn(),
            &ContractInput { unit_price: price.into(), currency: "USD".into(), ..input("Claude") },
        )
        .unwrap_err();
        assert_eq!(fields(&problems), vec!["unit_price"], "{price}");
        assert!(problems[0].reason.contains("negative"), "{}", problems[0]);
    }
    for seats in ["2000000000", "99999999999999999999"] {
        let problems =
            check(store.conn(), &ContractInput { seats: seats.into(), ..input("Claude") })
                .unwrap_err();
        assert!(problems[0].reason.contains("more than 1,000,000"), "{}", problems[0]);
    }
}

#[test]
fn line_breaks_and_control_characters_never_reach_a_name() {
    let store = Store::open_in_memory().unwrap();
    let checked = check(
        store.conn(),
        &ContractInput {
            department: "営業\r\nEND:VEVENT\r\nBEGIN:VEVENT\u{0}".into(),
            note: "first\r\nsecond\u{7}".into(),
            ..input("Claude")
        },
    )
    .expect("accepted, cleaned");
    assert_eq!(checked.department.as_deref(), Some("営業 END:VEVENT BEGIN:VEVENT"));
    assert_eq!(checked.note, "first\nsecond", "the note keeps its line break, nothing else");
}

#[test]
fn the_list_shows_the_next_renewal_of_a_date_entered_long_ago() {
    let mut store = Store::open_in_memory().unwrap();
    let today = chrono::Local::now().date_naive();
    let renews = add(
        &mut store,
        &ContractInput {
            start_date: "2020-04-01".into(),
            renewal_date: "2020-05-01".into(),
            auto_renew: "yes".into(),
            ..input("Claude")
        },
    )
    .unwrap();
    let next =
        NaiveDate::parse_from_str(renews.next_renewal.as_deref().unwrap(), "%Y-%m-%d").unwrap();
    assert!(next >= today && next < today + chrono::Duration::days(32), "{next}");
    assert_eq!(next.format("%d").to_string(), "01", "stepped a month at a time");
    assert_eq!(renews.renewal_date.as_deref(), Some("2020-05-01"), "as entered");
    let lapsed = add(
        &mut store,
        &ContractInput {
            start_date: "2020-04-01".into(),
            renewal_date: "2020-05-01".into(),
            auto_renew: "no".into(),
            ..input("Claude")
        },
    )
    .unwrap();
    assert_eq!(lapsed.next_renewal, None, "it does not renew by itself");
}
