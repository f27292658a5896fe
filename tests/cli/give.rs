//! `net gave NAME TEXT` / `net got NAME TEXT`: give first, then take
//! (seed 000 §7), and the balance everywhere it shows.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// Anna (you gave), Bob (you only took), Carl (nothing either way), all
/// added in August; the give and the take on 1 September.
/// What [`three_by_commands`] makes, loaded in one import.
fn three() -> TestEnv {
    TestEnv::with_network(&json!({
        "format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna Müller", "every": "default", "added_on": "2026-08-01"},
            {"id": 2, "name": "Bob Stone", "every": "default", "added_on": "2026-08-01"},
            {"id": 3, "name": "Carl Clone", "every": "default", "added_on": "2026-08-01"},
        ],
        "interactions": [
            {"id": 1, "kind": "note", "date": "2026-09-01", "contacts": [1], "gave": "sent the article"},
            {"id": 2, "kind": "note", "date": "2026-09-01", "contacts": [2], "got": "a referral to Schmidt AG", "initiator": "they"},
        ],
    }))
}

fn three_by_commands() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on("2026-08-01", &["add", "Carl Clone"]);
    env.ok_on("2026-09-01", &["gave", "anna", "sent the article"]);
    env.ok_on("2026-09-01", &["got", "bob", "a referral to Schmidt AG"]);
    env
}

#[test]
fn the_three_fixture_is_what_its_commands_make() {
    assert_eq!(three().export(), three_by_commands().export());
}

#[test]
fn gave_and_got_say_the_balance() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    assert_snapshot!(env.net(&["gave", "anna", "sent the article on heat pumps"]).snapshot(), @r"
[stderr]
You gave Anna Müller: sent the article on heat pumps. Balance: gave 1 · got 0.
[exit 0]
");
    assert_snapshot!(env.net(&["got", "anna", "a referral"]).snapshot(), @r"
[stderr]
You got from Anna Müller: a referral. Balance: gave 1 · got 1.
[exit 0]
");
}

#[test]
fn stored_as_touches_of_kind_note() {
    let env = three();
    assert_eq!(
        env.export()["interactions"],
        json!([
            {"id": 1, "kind": "note", "date": "2026-09-01", "contacts": [1],
             "gave": "sent the article"},
            {"id": 2, "kind": "note", "date": "2026-09-01", "contacts": [2],
             "got": "a referral to Schmidt AG", "initiator": "they"}
        ])
    );
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        "2026-09-01"
    );
}

#[test]
fn the_brief_shows_the_balance() {
    let env = three();
    assert_snapshot!(env.net(&["show", "anna"]).snapshot(), @r"
Anna Müller (#1)
Cadence    bimonthly (the default) · next due 2026-11-01
Status     due · silent 2 months; bimonthly: 3 weeks overdue
Rank       score 1.35 = 1.35 of the cadence gone
Last touch 2 months ago (2026-09-01)
Depth      acquaintance: 0m together over 1 interaction; 50h more to casual friend
Balance    gave 1 · got 0

Give and take
  2026-09-01  gave: sent the article

Last interactions
  2026-09-01  note — gave: sent the article
[exit 0]
");
    let bob = env.ok(&["show", "bob"]).stdout;
    assert!(
        bob.contains("\nBalance    gave 0 · got 1 — give something first\n"),
        "{bob}"
    );
    assert!(
        !env.ok(&["show", "carl"]).stdout.contains("Balance"),
        "no balance line without give or take"
    );
    let v = env.json(&["show", "bob", "--json"]);
    assert_eq!((v["gave"].clone(), v["got"].clone()), (json!(0), json!(1)));
}

#[test]
fn due_hints_give_first_only_to_the_taker() {
    let env = three();
    let v = env.json(&["due", "--json"]);
    let reasons: Vec<(i64, &str)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_i64().unwrap(), e["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    for (id, reason) in reasons {
        assert_eq!(
            reason.contains("you have only taken so far"),
            id == 2,
            "#{id}: {reason}"
        );
    }
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
 #  Name         Last touch    Every  Status  Why now
 3  Carl Clone   never         2mo    due     never contacted, added 3 months ago; bimonthly: 7
                                              weeks overdue
 1  Anna Müller  2 months ago  2mo    due     silent 2 months; bimonthly: 3 weeks overdue
 2  Bob Stone    2 months ago  2mo    due     silent 2 months; bimonthly: 3 weeks overdue · you
                                              have only taken so far: give first
[exit 0]
");
}

#[test]
fn giving_once_ends_the_hint() {
    let env = three();
    env.ok_on("2026-09-02", &["gave", "bob", "an intro to Carl"]);
    let v = env.json(&["due", "--json"]);
    assert!(v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| !e["reason"].as_str().unwrap().contains("only taken")));
}

#[test]
fn log_gave_and_got_count_too() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&[
        "log", "coffee", "anna", "--gave", "advice", "--got", "a lead",
    ]);
    env.ok(&["log", "call", "anna", "--got", "feedback"]);
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!((v["gave"].clone(), v["got"].clone()), (json!(1), json!(2)));
}

#[test]
fn stats_totals() {
    let env = three();
    env.ok(&["log", "call", "carl", "--gave", "x", "--got", "y", "--they"]);
    let v = env.json(&["stats", "--json"]);
    assert_eq!(v["interactions"], 3);
    assert_eq!(v["gave"], 2);
    assert_eq!(v["got"], 2);
    assert_eq!(v["they_reached_out"], 2);
    assert!(env
        .ok(&["stats"])
        .stdout
        .contains("Give/take  gave 2 · got 2 · they reached out 2 of 3 interactions\n"));
}

#[test]
fn empty_text_and_future_dates_change_nothing() {
    let env = three();
    for verb in ["gave", "got"] {
        let line = env.fails_unchanged(2, &[verb, "anna", "  "]);
        assert!(line.starts_with("net: say what it was"), "{line}");
        env.fails_unchanged(2, &[verb, "anna", "x", "--on", "tomorrow"]);
        env.fails_unchanged(1, &[verb, "zelda", "x"]);
    }
    env.ok(&["gave", "anna", "x", "--on", "yesterday"]);
    assert_eq!(env.export()["interactions"][2]["date"], "2026-11-21");
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        "2026-11-21"
    );
}
