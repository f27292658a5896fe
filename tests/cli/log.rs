//! `net log KIND NAME...`: record what happened.

use crate::common::{interactions, TestEnv};
use insta::assert_snapshot;
use serde_json::json;

/// Anna Müller (#1, alias annie), Bob Stone (#2), Anna Schmidt (#3).
/// What [`people_by_commands`] makes, loaded in one import.
fn people() -> TestEnv {
    TestEnv::with_network(&json!({
        "format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna Müller", "aliases": ["annie"], "every": "default", "added_on": "2026-08-01"},
            {"id": 2, "name": "Bob Stone", "every": "default", "added_on": "2026-08-01"},
            {"id": 3, "name": "Anna Schmidt", "every": "default", "added_on": "2026-08-01"},
        ],
        "interactions": [],
    }))
}

fn people_by_commands() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--alias", "annie"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on("2026-08-01", &["add", "Anna Schmidt"]);
    env
}

#[test]
fn the_people_fixture_is_what_its_commands_make() {
    assert_eq!(people().export(), people_by_commands().export());
}

#[test]
fn coffee_with_duration_and_note() {
    let env = people();
    let out = env.net(&[
        "log",
        "coffee",
        "muller",
        "--for",
        "45m",
        "--note",
        "her new plant",
    ]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Logged coffee with Anna Müller, 45m.
[exit 0]
");
    let v = env.export();
    assert_eq!(
        v["interactions"],
        json!([{"id": 1, "kind": "coffee", "date": "2026-11-22", "minutes": 45,
                "contacts": [1], "note": "her new plant"}])
    );
}

#[test]
fn the_usual_length_is_announced() {
    let env = people();
    assert_snapshot!(env.net(&["log", "lunch", "bob"]).snapshot(), @r"
[stderr]
Logged lunch with Bob Stone, counted as 1h15 (the usual for lunch; say how long with --for).
[exit 0]
");
}

#[test]
fn durations() {
    let env = people();
    for (given, minutes) in [("1h", 60), ("1h30m", 90), ("1.5h", 90), ("45m", 45)] {
        let v = env.json(&["log", "call", "bob", "--for", given, "--json"]);
        assert_eq!(v["minutes"], minutes, "--for {given}");
    }
    for bad in ["2x", "0m", "-5m", "25h", "soon"] {
        let line = env.fails_unchanged(2, &["log", "call", "bob", &format!("--for={bad}")]);
        assert!(line.contains(bad), "{line}");
    }
}

#[test]
fn names_are_matched_forgivingly() {
    let env = people();
    for query in [
        "muller", "mueller", "MÜLLER", "Müller", "anna m", "annie", "#1",
    ] {
        let out = env.ok(&["log", "call", query]);
        assert!(
            out.stderr.starts_with("Logged call with Anna Müller"),
            "{query}: {}",
            out.stderr
        );
    }
    let all = interactions(&env.export());
    assert_eq!(all.len(), 7);
    assert!(all.iter().all(|(_, _, who)| who == &[1]), "{all:?}");
}

#[test]
fn two_people_in_one_interaction() {
    let env = people();
    let out = env.net(&["log", "call", "annie", "bob", "--on", "last friday"]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Logged call with Anna Müller and Bob Stone on 2026-11-20, counted as 20m (the usual for call; say how long with --for).
[exit 0]
");
    assert_eq!(
        interactions(&env.export()),
        [("call".to_string(), "2026-11-20".to_string(), vec![1, 2])]
    );
    // Both are touched.
    for name in ["annie", "bob"] {
        assert_eq!(
            env.json(&["show", name, "--json"])["last_touch"],
            "2026-11-20"
        );
    }
}

#[test]
fn the_same_person_twice_is_one_participant() {
    let env = people();
    env.ok(&["log", "call", "annie", "muller", "#1"]);
    assert_eq!(interactions(&env.export())[0].2, vec![1]);
}

#[test]
fn dates() {
    let env = people();
    for (given, date) in [
        ("2026-03-14", "2026-03-14"),
        ("14.03.2026", "2026-03-14"),
        ("today", "2026-11-22"),
        ("yesterday", "2026-11-21"),
        ("monday", "2026-11-16"),
        ("last friday", "2026-11-20"),
        ("3 days ago", "2026-11-19"),
    ] {
        let v = env.json(&["log", "note", "bob", "--on", given, "--json"]);
        assert_eq!(v["date"], date, "--on {given}");
    }
}

#[test]
fn unknown_kind_lists_the_known_ones_and_suggests() {
    let env = people();
    let line = env.fails_unchanged(2, &["log", "cofee", "anna m"]);
    assert_snapshot!(line, @r#"net: "cofee" is not a kind of interaction: did you mean coffee? known kinds are call, coffee, email, event, gift, intro, lunch, meeting, message, note (add your own under [kinds] in the config)"#);
    let line = env.fails_unchanged(2, &["log", "walk", "anna m"]);
    assert!(!line.contains("did you mean"), "{line}");
    assert!(line.contains("known kinds are call, coffee,"), "{line}");
}

#[test]
fn kinds_ignore_case() {
    let env = people();
    let v = env.json(&["log", "Coffee", "bob", "--json"]);
    assert_eq!(v["kind"], "coffee");
}

#[test]
fn unknown_name_suggests_the_closest() {
    let env = people();
    let line = env.fails_unchanged(1, &["log", "coffee", "bbo stone"]);
    assert_snapshot!(line, @r#"net: no contact matches "bbo stone": did you mean Bob Stone (#2)?"#);
    let line = env.fails_unchanged(1, &["log", "coffee", "zelda"]);
    assert_snapshot!(line, @r#"net: no contact matches "zelda": add them with `net add NAME` (or `net log … --new`)"#);
}

#[test]
fn an_ambiguous_name_without_a_terminal_lists_the_candidates() {
    let env = people();
    let line = env.fails_unchanged(1, &["log", "coffee", "anna"]);
    assert_snapshot!(line, @r#"net: "anna" matches Anna Müller (#1), Anna Schmidt (#3): name one by #ID"#);
}

#[test]
fn new_creates_the_contact_where_you_met() {
    let env = people();
    let out = env.net(&["log", "coffee", "Clara Berg", "--new", "--at", "BVMW"]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Logged coffee with Clara Berg, counted as 45m (the usual for coffee; say how long with --for).
New contact: Clara Berg (#4).
[exit 0]
");
    let c = env.contact("clara");
    assert_eq!(c["id"], 4);
    assert_eq!(c["met"], "BVMW (2026-11-22)");
    // Issue 10.4: the default, which a tag rule overrides.
    assert_eq!(c["every"], "default");
    let v = env.export();
    assert_eq!(v["interactions"][0]["contacts"], json!([4]));
    assert_eq!(v["interactions"][0]["place"], "BVMW");
}

#[test]
fn new_with_a_known_name_uses_the_contact() {
    let env = people();
    env.ok(&["log", "coffee", "bob", "Dora Neu", "--new"]);
    assert_eq!(interactions(&env.export())[0].2, vec![2, 4]);
    assert_eq!(env.export()["contacts"].as_array().unwrap().len(), 4);
}

#[test]
fn the_future_is_refused() {
    let env = people();
    let line = env.fails_unchanged(2, &["log", "coffee", "bob", "--on", "tomorrow"]);
    assert_snapshot!(line, @r"net: 2026-11-23 is in the future: log what has happened (see `net snooze` to plan)");
    env.fails_unchanged(2, &["log", "coffee", "bob", "--on", "in 2 weeks"]);
    env.fails_unchanged(2, &["log", "coffee", "bob", "--on", "2027-01-01"]);
}

#[test]
fn they_gave_got_are_stored() {
    let env = people();
    let v = env.json(&[
        "log",
        "call",
        "bob",
        "--they",
        "--gave",
        "an intro to Carl",
        "--got",
        "a lead",
        "--json",
    ]);
    assert_eq!(v["initiator"], "they");
    let stored = &env.export()["interactions"][0];
    assert_eq!(stored["initiator"], "they");
    assert_eq!(stored["gave"], "an intro to Carl");
    assert_eq!(stored["got"], "a lead");
    // No --for: the backup carries the usual length of a call from the config.
    assert_eq!(stored["minutes"], 20, "no --for: the usual length");
}

#[test]
fn json_prints_the_interaction() {
    let env = people();
    let v = env.json(&["log", "lunch", "bob", "--for", "1h", "--json"]);
    assert_eq!(
        v,
        json!({"id": 1, "kind": "lunch", "date": "2026-11-22", "minutes": 60, "contacts": [2]})
    );
}

#[test]
fn missing_arguments_without_a_terminal() {
    let env = people();
    for args in [&["log"][..], &["log", "coffee"][..]] {
        let line = env.fails_unchanged(2, args);
        assert_eq!(
            line,
            "net: say what and with whom: net log KIND NAME..., e.g. net log coffee anna --for 45m"
        );
    }
}

#[test]
fn one_unknown_name_logs_nothing() {
    let env = people();
    let line = env.fails_unchanged(1, &["log", "coffee", "bob", "zelda"]);
    assert!(line.contains("zelda"), "{line}");
    // --new creates nobody when another name fails.
    env.fails_unchanged(1, &["log", "coffee", "New Person", "--new", "anna"]);
    env.fails_unchanged(
        2,
        &["log", "coffee", "bob", "New Person", "--new", "--for", "2x"],
    );
}

#[test]
fn an_archived_contact_points_to_revive() {
    let env = people();
    env.ok(&["archive", "bob"]);
    let line = env.fails_unchanged(1, &["log", "coffee", "bob"]);
    assert_eq!(
        line,
        "net: no contact matches \"bob\": #2 is archived (net revive '#2')"
    );
}
