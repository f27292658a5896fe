//! `net intro A B`: you connected two of your contacts (seed 000 §9), and
//! `net add --via`: who connected you.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::json;

/// Anna and Bob, added in August and never touched since.
fn two() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env
}

#[test]
fn one_interaction_of_kind_intro_with_both() {
    let env = two();
    let out = env.net(&[
        "intro",
        "anna",
        "bob",
        "--note",
        "both work on supply chains",
    ]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Introduced Anna Müller to Bob Stone. Both count as touched today.
[exit 0]
");
    assert_eq!(
        env.export()["interactions"],
        // The backup carries the usual length of an intro (15 min), logged without --for.
        json!([{"id": 1, "kind": "intro", "date": TODAY, "minutes": 15, "contacts": [1, 2],
                "note": "both work on supply chains", "introduced": [1, 2]}])
    );
}

#[test]
fn both_are_touched() {
    let env = two();
    assert_eq!(env.due_ids(TODAY, &[]), vec![1, 2]);
    env.ok(&["intro", "anna", "bob"]);
    for name in ["anna", "bob"] {
        assert_eq!(env.json(&["show", name, "--json"])["last_touch"], TODAY);
    }
    assert_eq!(env.due_ids(TODAY, &[]), Vec::<i64>::new());
}

#[test]
fn the_briefs_name_the_direction() {
    let env = two();
    env.ok(&["intro", "anna", "bob", "--note", "supply chains"]);
    assert_snapshot!(env.net(&["show", "anna"]).snapshot(), @r"
Anna Müller (#1)
Cadence    bimonthly (the default) · next due 2027-01-22
Status     ok · touched today; bimonthly: due in 2 months
Rank       score 0.00 = 0.00 of the cadence gone
Last touch today (2026-11-22)
Depth      acquaintance: 8m together over 1 interaction; 50h more to casual friend

Introductions
  2026-11-22  you introduced them to Bob Stone

Last interactions
  2026-11-22  intro  with Bob Stone — supply chains
[exit 0]
");
    let bob = env.ok(&["show", "bob"]).stdout;
    assert!(
        bob.contains("\nIntroductions\n  2026-11-22  you introduced Anna Müller to them\n"),
        "{bob}"
    );
    let v = env.json(&["show", "bob", "--json"]);
    assert_eq!(
        v["introductions"],
        json!([{"interaction": 1, "date": TODAY, "a": 1, "a_name": "Anna Müller",
                "b": 2, "b_name": "Bob Stone"}])
    );
}

#[test]
fn the_reverse_direction_is_kept() {
    let env = two();
    env.ok(&["intro", "bob", "anna"]);
    assert_eq!(env.export()["interactions"][0]["introduced"], json!([2, 1]));
    assert!(env
        .ok(&["show", "bob"])
        .stdout
        .contains("you introduced them to Anna Müller"));
    assert!(env
        .ok(&["show", "anna"])
        .stdout
        .contains("you introduced Bob Stone to them"));
}

#[test]
fn on_a_past_date() {
    let env = two();
    env.ok(&["intro", "anna", "bob", "--on", "2026-11-01"]);
    assert_eq!(env.export()["interactions"][0]["date"], "2026-11-01");
    assert_eq!(
        env.json(&["show", "bob", "--json"])["last_touch"],
        "2026-11-01"
    );
    env.fails_unchanged(2, &["intro", "anna", "bob", "--on", "tomorrow"]);
}

#[test]
fn the_same_person_twice_is_refused() {
    let env = two();
    env.ok(&["add", "Carl Berg", "--alias", "cb"]);
    for args in [
        &["intro", "anna", "anna"][..],
        &["intro", "anna", "#1"][..],
        &["intro", "carl", "cb"][..],
    ] {
        let line = env.fails_unchanged(2, args);
        assert_eq!(line, "net: an introduction needs two different contacts");
    }
}

#[test]
fn unknown_or_archived_names_change_nothing() {
    let env = two();
    env.fails_unchanged(1, &["intro", "anna", "zelda"]);
    env.ok(&["archive", "bob"]);
    let line = env.fails_unchanged(1, &["intro", "anna", "bob"]);
    assert!(line.contains("archived"), "{line}");
}

#[test]
fn via_records_who_introduced_you() {
    let env = two();
    env.ok(&["add", "Clara Berg", "--via", "anna"]);
    assert_eq!(env.contact("clara")["introduced_by"], 1);
    let v = env.json(&["show", "clara", "--json"]);
    assert_eq!(v["introduced_by"], "Anna Müller");
    assert_snapshot!(env.net(&["show", "clara"]).snapshot(), @r"
Clara Berg (#3)
Via        introduced to you by Anna Müller
Cadence    bimonthly (the default) · next due 2027-01-22
Status     ok · never contacted, added today; bimonthly: due in 2 months
Rank       score 0.00 = 0.00 of the cadence gone
Last touch never (added 2026-11-22)
Depth      acquaintance: 0m together over 0 interactions; 50h more to casual friend
[exit 0]
");
    // Adding Clara is not a touch of Anna.
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        serde_json::Value::Null
    );
}

#[test]
fn via_an_unknown_name_adds_nobody() {
    let env = two();
    let line = env.fails_unchanged(1, &["add", "Clara Berg", "--via", "zelda"]);
    assert!(line.contains("zelda"), "{line}");
}

#[test]
fn a_past_introduction_is_not_announced_as_today() {
    let env = two();
    let out = env.ok(&["intro", "anna", "bob", "--on", "2026-11-01"]);
    assert!(!out.stderr.contains("today"), "{}", out.snapshot());
    assert!(out.stderr.contains("2026-11-01"), "{}", out.snapshot());
}

#[test]
fn the_introducer_s_brief_names_whom_they_opened_the_door_to() {
    let env = two();
    env.ok(&["add", "Clara Berg", "--via", "anna"]);
    let brief = env.ok(&["show", "anna"]).stdout;
    assert!(
        brief.contains("\nIntroduced you to Clara Berg\n"),
        "{brief}"
    );
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!(v["introduced_you_to"], serde_json::json!(["Clara Berg"]));
}
