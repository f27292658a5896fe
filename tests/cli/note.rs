//! `net note NAME TEXT --about TOPIC`: what you know about someone, by topic.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// Anna with a note on each of the three topics of the brief, and Bob.
fn anna_with_notes() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&[
        "note",
        "anna",
        "husband Jan, daughter Mia (8)",
        "--about",
        "family",
    ]);
    env.ok(&[
        "note",
        "anna",
        "ERP consulting for Mittelstand",
        "--about",
        "offer",
    ]);
    env.ok(&[
        "note",
        "anna",
        "wrote on heat pumps in the VDI journal",
        "--about",
        "anchor",
    ]);
    env.ok(&[
        "note",
        "anna",
        "son Paul started school",
        "--about",
        "Family",
    ]);
    env
}

#[test]
fn a_note_is_confirmed_with_its_topic() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    assert_snapshot!(env.net(&["note", "muller", "likes chess", "--about", "anchor"]).snapshot(), @r"
[stderr]
Noted under anchor for Anna Müller (#1).
[exit 0]
");
    // Without --about a note is general.
    env.ok(&["note", "anna", "plain"]);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["notes"][1]["topic"],
        "general"
    );
}

#[test]
fn the_brief_groups_notes_by_topic() {
    let env = anna_with_notes();
    assert_snapshot!(env.net(&["show", "anna"]).snapshot(), @r"
Anna Müller (#1)
Cadence    bimonthly (the default) · next due 2027-01-22
Status     ok · never contacted, added today; bimonthly: due in 2 months
Rank       score 0.00 = 0.00 of the cadence gone
Last touch never (added 2026-11-22)
Depth      acquaintance: 0m together over 0 interactions; 50h more to casual friend

About
  anchor: wrote on heat pumps in the VDI journal (2026-11-22, #3)
  family: husband Jan, daughter Mia (8) (2026-11-22, #1)
  family: son Paul started school (2026-11-22, #4)
  offer: ERP consulting for Mittelstand (2026-11-22, #2)
[exit 0]
");
    // Bob's brief has none of Anna's notes.
    assert!(!env.ok(&["show", "bob"]).stdout.contains("About"));
}

#[test]
fn the_brief_as_json_lists_notes_by_topic() {
    let env = anna_with_notes();
    let v = env.json(&["show", "anna", "--json"]);
    let notes: Vec<(&str, &str)> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["topic"].as_str().unwrap(), n["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        notes,
        [
            ("anchor", "wrote on heat pumps in the VDI journal"),
            ("family", "husband Jan, daughter Mia (8)"),
            ("family", "son Paul started school"),
            ("offer", "ERP consulting for Mittelstand"),
        ]
    );
    assert_eq!(
        v["notes"][1],
        json!({"id": 1, "contact": 1, "topic": "family",
               "text": "husband Jan, daughter Mia (8)", "created_on": "2026-11-22"})
    );
    // The export keeps them too, with the topic lower-cased.
    let exported = env.export();
    assert_eq!(exported["notes"].as_array().unwrap().len(), 4);
    assert!(exported["notes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["contact"] == 1));
    assert_eq!(
        env.json(&["show", "bob", "--json"])["notes"],
        json!([]),
        "Bob has no notes"
    );
}

#[test]
fn a_note_is_not_a_touch() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok(&["note", "anna", "husband Jan", "--about", "family"]);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        serde_json::Value::Null
    );
    assert_eq!(env.due_ids(crate::common::TODAY, &[]), vec![1]);
}

#[test]
fn an_empty_note_is_a_usage_error() {
    let env = anna_with_notes();
    for text in ["", "   ", "\n\t"] {
        let line = env.fails_unchanged(2, &["note", "anna", text, "--about", "family"]);
        assert_eq!(line, "net: the note is empty: nothing saved");
    }
    // Neither text nor --edit: the notes are listed (see tests/cli/correct.rs).
    let list = env.ok(&["note", "anna"]).stdout;
    assert!(list.contains("husband Jan"), "{list}");
}

#[test]
fn a_topic_is_one_word() {
    let env = anna_with_notes();
    let line = env.fails_unchanged(2, &["note", "anna", "x", "--about", "two words"]);
    assert_snapshot!(line, @r#"net: "two words" is not a topic: use one word such as family, offer or anchor"#);
    env.fails_unchanged(2, &["note", "anna", "x", "--about", ""]);
    env.fails_unchanged(2, &["note", "anna", "x", "--about", " "]);
}

#[test]
fn edit_needs_a_terminal() {
    let env = anna_with_notes();
    for args in [
        &["note", "anna", "--edit"][..],
        &["note", "anna", "--edit", "--about", "anchor"][..],
    ] {
        let line = env.fails_unchanged(1, args);
        assert_eq!(
            line,
            "net: --edit needs a terminal: give the note as text instead"
        );
    }
    // The editor is never started, even when one is set.
    let before = env.db_dump();
    let out = env.run(
        env.command(crate::common::TODAY, &["note", "anna", "--edit"])
            .env("EDITOR", "touch EDITOR_RAN; true"),
    );
    out.error(1);
    assert!(!env.root().join("EDITOR_RAN").exists());
    assert_eq!(env.db_dump(), before);
}

#[test]
fn text_and_edit_together_is_a_usage_error() {
    let env = anna_with_notes();
    let out = env.net(&["note", "anna", "text", "--edit"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
}

#[test]
fn an_unknown_contact_changes_nothing() {
    let env = anna_with_notes();
    let line = env.fails_unchanged(1, &["note", "zelda", "x"]);
    assert!(line.contains("zelda"), "{line}");
}

#[test]
fn an_archived_contact_can_still_get_a_note() {
    let env = anna_with_notes();
    env.ok(&["archive", "bob"]);
    env.ok(&["note", "bob", "moved to Hamburg", "--about", "family"]);
    let notes = env.json(&["show", "bob", "--json"])["notes"].clone();
    assert_eq!(notes[0]["text"], "moved to Hamburg");
}

#[test]
fn notes_are_found_by_who() {
    let env = anna_with_notes();
    let v = env.json(&["who", "heat pumps", "--json"]);
    assert_eq!(
        v,
        json!([{"id": 1, "name": "Anna Müller", "org": null,
                "status": "active", "matched": ["notes"]}])
    );
    assert_snapshot!(env.net(&["who", "mia"]).snapshot(), @r"
 #  Name         Org  Found in
 1  Anna Müller       notes
[exit 0]
");
}

#[test]
fn control_characters_in_a_note_are_never_replayed() {
    let env = anna_with_notes();
    env.ok(&[
        "note",
        "anna",
        "evil \u{1b}[2J\u{7} bell\r\u{9b}31m csi",
        "--about",
        "anchor",
    ]);
    for args in [
        &["show", "anna"][..],
        &["who", "evil"][..],
        &["due", "--all"][..],
        &["list", "evil"][..],
    ] {
        crate::common::assert_no_raw_controls(&env.ok(args));
    }
    let v = env.json(&["show", "anna", "--json"]);
    let stored = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"].as_str().unwrap().starts_with("evil"))
        .expect("the note is stored");
    assert_eq!(stored["text"], "evil \u{1b}[2J\u{7} bell\r\u{9b}31m csi");
}
