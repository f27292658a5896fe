//! `net who TEXT`: who is this, who works there, who could introduce me?

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Anna Müller",
        "--org",
        "Siemens AG",
        "--role",
        "Head of Logistics",
        "--tag",
        "client",
        "--why",
        "knows the Mittelstand",
        "--met",
        "BVMW Sommerfest 2026",
        "--alias",
        "annie",
    ]);
    env.ok(&["add", "Bob Stone", "--org", "Stadtwerke München"]);
    env.ok(&["add", "Carl Note"]);
    env.ok(&[
        "note",
        "carl",
        "plays chess in Giesing",
        "--about",
        "anchor",
    ]);
    env.ok(&["add", "Dora Archiv", "--org", "Siemens Energy"]);
    env.ok(&["archive", "dora"]);
    env.ok(&["add", "Eve Plain", "--note", "sister works at Bosch"]);
    env
}

/// The ids `who` finds, and where it found each.
fn found(env: &TestEnv, text: &str) -> Vec<(i64, Vec<String>)> {
    env.json(&["who", text, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_i64().unwrap(),
                h["matched"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn one(id: i64, field: &str) -> Vec<(i64, Vec<String>)> {
    vec![(id, vec![field.to_string()])]
}

#[test]
fn by_every_field() {
    let env = network();
    assert_eq!(found(&env, "logistics"), one(1, "role"));
    assert_eq!(found(&env, "client"), one(1, "tag"));
    assert_eq!(found(&env, "mittelstand"), one(1, "why"));
    assert_eq!(found(&env, "sommerfest"), one(1, "met"));
    assert_eq!(found(&env, "annie"), one(1, "alias"));
    assert_eq!(found(&env, "chess"), one(3, "notes"));
    assert_eq!(found(&env, "bosch"), one(5, "notes"));
    assert_eq!(found(&env, "stone"), one(2, "name"));
}

#[test]
fn by_org_with_archived_ones_marked() {
    let env = network();
    assert_snapshot!(env.net(&["who", "siemens"]).snapshot(), @r"
 #  Name                    Org             Found in
 1  Anna Müller             Siemens AG      org
 4  Dora Archiv (archived)  Siemens Energy  org
[exit 0]
");
    assert_eq!(
        env.json(&["who", "siemens", "--json"])[1],
        json!({"id": 4, "name": "Dora Archiv", "org": "Siemens Energy",
               "status": "archived", "matched": ["org"]})
    );
}

#[test]
fn accents_and_case_do_not_matter() {
    let env = network();
    for text in ["muenchen", "munchen", "münchen", "MÜNCHEN", "Muenchen"] {
        assert_eq!(found(&env, text), one(2, "org"), "{text}");
    }
    for text in ["müller", "mueller", "MULLER"] {
        assert_eq!(found(&env, text), one(1, "name"), "{text}");
    }
}

#[test]
fn several_fields_at_once() {
    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Siemens Sam",
        "--org",
        "Siemens AG",
        "--why",
        "Siemens insider",
    ]);
    assert_eq!(
        found(&env, "siemens"),
        vec![(1, vec!["name".into(), "org".into(), "why".into()])]
    );
}

#[test]
fn no_match_says_so_and_succeeds() {
    let env = network();
    assert_snapshot!(env.net(&["who", "zeppelin"]).snapshot(), @r#"
[stderr]
Nobody matches "zeppelin" in names, orgs, roles, tags, whys, how you met, notes or what was logged.
[exit 0]
"#);
    assert_eq!(env.json(&["who", "zeppelin", "--json"]), json!([]));
}

#[test]
fn empty_text_is_a_usage_error() {
    let env = network();
    for text in ["", "   "] {
        let line = env.fails_unchanged(2, &["who", text]);
        assert_eq!(
            line,
            "net: give some text to look for, e.g. net who siemens"
        );
    }
}

#[test]
fn an_empty_network() {
    let env = TestEnv::new();
    let out = env.ok(&["who", "anyone"]);
    assert!(
        out.stderr.starts_with("Nobody matches"),
        "{}",
        out.snapshot()
    );
}

#[test]
fn finds_who_was_at_a_logged_event() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["add", "Carl Elsewhere"]);
    env.ok(&[
        "log",
        "event",
        "anna",
        "bob",
        "--at",
        "BVMW Sommerfest",
        "--on",
        "2026-07-03",
    ]);
    let ids: Vec<i64> = found(&env, "sommerfest").iter().map(|h| h.0).collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn an_event_is_named_as_where_it_was_found() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["log", "event", "anna", "--at", "BVMW Sommerfest"]);
    let v = env.json(&["who", "sommerfest", "--json"]);
    assert_eq!(v[0]["matched"], serde_json::json!(["event"]), "{v:#}");
}

#[test]
fn short_and_long_texts_find_the_same_and_follow_every_change() {
    let env = network();
    // 3 characters or more: the trigram index; fewer: every contact is read.
    assert_eq!(found(&env, "sie"), found(&env, "siemens"));
    let ids = |text: &str| found(&env, text).iter().map(|h| h.0).collect::<Vec<_>>();
    // Siemens twice, then "Giesing" and "sister" in notes.
    assert_eq!(ids("si"), [1, 4, 3, 5]);
    env.ok(&["edit", "bob", "--org", "Siemens Mobility"]);
    assert_eq!(found(&env, "siemens").len(), 3);
    assert_eq!(found(&env, "mobility"), one(2, "org"));
    assert!(found(&env, "stadtwerke").is_empty());
    env.ok(&["undo"]);
    assert_eq!(found(&env, "stadtwerke"), one(2, "org"));
    env.ok(&["forget", "anna", "--yes"]);
    assert!(found(&env, "logistics").is_empty());
    assert!(found(&env, "lo").iter().all(|(id, _)| *id != 1));
    env.ok(&["undo"]);
    assert_eq!(found(&env, "logistics"), one(1, "role"));
    // A quote is only text, in the index's query as in the scan.
    env.ok(&["who", "\"sie\" OR x"]);
    env.ok(&["who", "\"s"]);
}
