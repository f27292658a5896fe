//! Promises: `net log … --follow-up TEXT --by DATE`, `net todo`, `net done ID`.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::json;

/// Anna and Bob, added in August.
fn two() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env
}

/// `two()` with three promises: #1 to Anna without a date, #2 to Bob overdue
/// since 10 September, #3 to Anna by Friday (made today).
fn promised() -> TestEnv {
    let env = two();
    env.ok_on(
        "2026-09-01",
        &["log", "call", "anna", "--follow-up", "call back"],
    );
    env.ok_on(
        "2026-09-01",
        &[
            "log",
            "call",
            "bob",
            "--follow-up",
            "intro to Carl",
            "--by",
            "2026-09-10",
        ],
    );
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send offer",
        "--by",
        "friday",
    ]);
    env
}

#[test]
fn by_friday_on_a_sunday_is_the_coming_friday() {
    let env = two();
    let out = env.net(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send offer",
        "--by",
        "friday",
    ]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Logged call with Anna Müller, counted as 20m (the usual for call; say how long with --for).
Promised Anna Müller: send offer by 2026-11-27 (net todo lists it).
[exit 0]
");
    assert_eq!(
        env.export()["followups"],
        json!([{"id": 1, "contact": 1, "text": "send offer", "due": "2026-11-27",
                "created_on": TODAY, "interaction": 1}])
    );
}

#[test]
fn todo_lists_the_promise() {
    let env = two();
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send offer",
        "--by",
        "friday",
    ]);
    assert_snapshot!(env.net(&["todo"]).snapshot(), @r"
 ID  Promise     To           By
 1   send offer  Anna Müller  2026-11-27 (in 5 days)
Kept one? net done ID
[exit 0]
");
    assert_eq!(
        env.json(&["todo", "--json"]),
        json!([{"id": 1, "contact": 1, "contact_name": "Anna Müller", "text": "send offer",
                "due": "2026-11-27", "created_on": TODAY, "done_on": null, "interaction": 1}])
    );
}

#[test]
fn a_promise_without_a_date() {
    let env = two();
    env.ok(&["log", "call", "anna", "--follow-up", "send the book"]);
    let v = env.json(&["todo", "--json"]);
    assert_eq!(v[0]["due"], serde_json::Value::Null);
    assert!(env
        .ok(&["todo"])
        .stdout
        .contains(" send the book  Anna Müller  -\n"));
}

#[test]
fn overdue_first() {
    let env = promised();
    assert_snapshot!(env.net(&["todo"]).snapshot(), @r"
 ID  Promise        To           By
 2   intro to Carl  Bob Stone    2026-09-10 (overdue for 2 months)
 3   send offer     Anna Müller  2026-11-27 (in 5 days)
 1   call back      Anna Müller  -
Kept one? net done ID
[exit 0]
");
    let ids: Vec<i64> = env
        .json(&["todo", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 3, 1]);
}

#[test]
fn a_promise_becomes_overdue_when_its_day_passes() {
    let env = two();
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "a",
        "--by",
        "2026-12-20",
    ]);
    env.ok(&[
        "log",
        "call",
        "bob",
        "--follow-up",
        "b",
        "--by",
        "2026-12-01",
    ]);
    // Both in the future today: soonest first.
    let order = |today: &str| -> Vec<String> {
        env.ok_on(today, &["todo"])
            .stdout
            .lines()
            .skip(1)
            .filter(|l| l.starts_with(' '))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(order(TODAY), ["b", "a"]);
    let later = env.ok_on("2026-12-10", &["todo"]).stdout;
    assert!(later.contains("2026-12-01 (overdue"), "{later}");
    assert!(!later.contains("2026-12-20 (overdue"), "{later}");
    assert_eq!(order("2026-12-10"), ["b", "a"]);
}

#[test]
fn todo_for_one_contact() {
    let env = promised();
    let v = env.json(&["todo", "anna", "--json"]);
    let texts: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["send offer", "call back"]);
    env.fails_unchanged(1, &["todo", "zelda"]);
}

#[test]
fn due_lists_promises_at_the_end() {
    let env = promised();
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 20m of 4h networking · today's share 3h40
 #  Name       Last touch    Every  Status  Why now
 2  Bob Stone  2 months ago  2mo    due     silent 2 months; bimonthly: 3 weeks overdue · a promise
                                            is overdue

Promises
  2. intro to Carl (Bob Stone) — overdue since Thu 10 Sep (2 months ago)
  3. send offer (Anna Müller) — by Fri 27 Nov (in 5 days)
  1. call back (Anna Müller)
[exit 0]
");
}

/// Two contacts touched the same day; the first also got a promise.
fn twins(by: Option<&str>) -> TestEnv {
    let env = two();
    let mut args = vec![
        "log",
        "call",
        "anna",
        "--on",
        "2026-09-15",
        "--follow-up",
        "send offer",
    ];
    if let Some(by) = by {
        args.extend(["--by", by]);
    }
    env.ok(&args);
    env.ok(&["log", "call", "bob", "--on", "2026-09-15"]);
    env
}

fn scores(env: &TestEnv) -> (f64, f64) {
    let v = env.json(&["due", "--json"]);
    let score = |id: i64| {
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("#{id} is due: {v:#}"))["score"]
            .as_f64()
            .unwrap()
    };
    (score(1), score(2))
}

#[test]
fn an_open_promise_raises_the_rank() {
    let env = twins(None);
    let (anna, bob) = scores(&env);
    assert!(anna > bob, "anna {anna} bob {bob}");
    assert!((anna / bob - 1.25).abs() < 0.02, "×1.25: {anna} / {bob}");
    assert_eq!(env.due_ids(TODAY, &[]), vec![1, 2]);
    let reason = &env.json(&["due", "--json"])["entries"][0]["reason"];
    assert!(
        reason.as_str().unwrap().ends_with("· a promise is open"),
        "{reason}"
    );
}

#[test]
fn an_overdue_promise_raises_it_more() {
    let env = twins(Some("2026-10-01"));
    let (anna, bob) = scores(&env);
    assert!((anna / bob - 1.5).abs() < 0.02, "×1.5: {anna} / {bob}");
}

#[test]
fn done_removes_the_promise_from_todo_and_due() {
    let env = twins(None);
    assert_snapshot!(env.net(&["done", "1"]).snapshot(), @r"
[stderr]
Kept: send offer (Anna Müller).
[exit 0]
");
    assert_eq!(env.json(&["todo", "--json"]), json!([]));
    let v = env.json(&["due", "--json"]);
    assert_eq!(v["promises"], json!([]));
    let (anna, bob) = scores(&env);
    assert_eq!(anna, bob, "the promise no longer raises the rank");
    assert_eq!(env.export()["followups"][0]["done_on"], TODAY);
    assert!(env.ok(&["todo"]).stdout.starts_with("No open promises."));
    // Keeping it twice is harmless.
    let out = env.ok(&["done", "#1"]);
    assert_eq!(out.stderr, "Promise 1 was already kept on 2026-11-22.\n");
}

#[test]
fn done_with_a_bad_id() {
    let env = promised();
    let line = env.fails_unchanged(1, &["done", "999"]);
    assert_eq!(line, "net: there is no promise 999: see `net todo`");
    let line = env.fails_unchanged(2, &["done", "abc"]);
    assert_eq!(line, "net: \"abc\" is not a promise number: see `net todo`");
    env.fails_unchanged(2, &["done", "-1"]);
}

#[test]
fn by_needs_a_follow_up() {
    let env = two();
    let line = env.fails_unchanged(2, &["log", "call", "anna", "--by", "friday"]);
    assert!(line.contains("--follow-up"), "{line}");
}

#[test]
fn bad_promises_log_nothing() {
    let env = two();
    env.fails_unchanged(
        2,
        &[
            "log",
            "call",
            "anna",
            "--follow-up",
            "x",
            "--by",
            "blursday",
        ],
    );
    env.fails_unchanged(2, &["log", "call", "anna", "--follow-up", "  "]);
}

#[test]
fn a_promise_to_an_archived_contact_is_not_hidden_from_its_name() {
    let env = two();
    env.ok(&["log", "call", "bob", "--follow-up", "send it"]);
    let archive = env.ok(&["archive", "bob"]);
    let v = env.json(&["todo", "bob", "--json"]);
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(1),
        "{v:#}\narchive said: {}",
        archive.stderr
    );
}
