//! Correcting the record: `net log edit|rm`, `net note NAME|edit|rm`,
//! `net todo edit`, `net todo --done`; every change one undo step whose
//! derived values (last touch, due date, depth) follow.

use crate::common::TestEnv;
use crate::history::at_a_terminal;
use serde_json::json;

/// Anna Müller (#1), Bob Stone (#2), Carl Berg (#3); Anna's coffee #1 (Nov 20, 45m).
fn people() -> TestEnv {
    let env = TestEnv::new();
    for name in ["Anna Müller", "Bob Stone", "Carl Berg"] {
        env.ok_on("2026-08-01", &["add", name]);
    }
    env.ok(&[
        "log",
        "coffee",
        "anna",
        "carl",
        "--on",
        "2026-11-20",
        "--for",
        "45m",
        "--note",
        "plant",
    ]);
    env
}

fn show(env: &TestEnv, name: &str) -> serde_json::Value {
    env.json(&["show", name, "--json"])
}

#[test]
fn log_edit_changes_fields_and_people_and_the_derived_values_follow() {
    let env = people();
    assert_eq!(show(&env, "bob")["last_touch"], serde_json::Value::Null);
    let out = env.ok(&[
        "log",
        "edit",
        "1",
        "--on",
        "2026-11-15",
        "--for",
        "1h",
        "--kind",
        "lu",
        "--note",
        "",
        "--gave",
        "a lead",
        "--add",
        "bob",
        "--remove",
        "carl",
        "--they",
    ]);
    assert!(out.stderr.contains("Changed interaction #1: date 2026-11-20 → 2026-11-15; kind coffee → lunch; length 45m → 1h; note cleared; gave \"a lead\"; they reached out; added Bob Stone; removed Carl Berg"), "{}", out.stderr);
    let v = env.export();
    assert_eq!(
        v["interactions"],
        json!([{"id": 1, "kind": "lunch", "date": "2026-11-15", "minutes": 60,
                "contacts": [1, 2], "gave": "a lead", "initiator": "they"}])
    );
    assert_eq!(show(&env, "anna")["last_touch"], "2026-11-15");
    assert_eq!(show(&env, "bob")["last_touch"], "2026-11-15");
    assert_eq!(show(&env, "carl")["last_touch"], serde_json::Value::Null);
    // One step back, and everything is as it was.
    env.ok(&["undo"]);
    assert_eq!(show(&env, "carl")["last_touch"], "2026-11-20");
    assert_eq!(show(&env, "bob")["last_touch"], serde_json::Value::Null);
    assert_eq!(env.export()["interactions"][0]["note"], "plant");
    // What the store derived is what a recomputation gives.
    let doctor = env.net(&["doctor"]).stdout;
    assert!(doctor.contains("ok     derived values"), "{doctor}");
}

#[test]
fn log_edit_refuses_what_makes_no_sense() {
    let env = people();
    env.fails_unchanged(2, &["log", "edit", "1"]);
    env.fails_unchanged(2, &["log", "edit", "x1", "--for", "1h"]);
    env.fails_unchanged(1, &["log", "edit", "9", "--for", "1h"]);
    env.fails_unchanged(2, &["log", "edit", "1", "--on", "2026-12-24"]);
    env.fails_unchanged(1, &["log", "edit", "1", "--remove", "bob"]);
    let err = env.fails_unchanged(
        2,
        &["log", "edit", "1", "--remove", "anna", "--remove", "carl"],
    );
    assert!(err.contains("net log rm 1"), "{err}");
}

#[test]
fn log_rm_needs_yes_without_a_terminal_and_undo_brings_it_back() {
    let env = people();
    let err = env.fails_unchanged(2, &["log", "rm", "1"]);
    assert!(err.contains("--yes"), "{err}");
    let out = env.ok(&["log", "rm", "#1", "--yes"]);
    assert!(
        out.stderr
            .contains("Deleted interaction #1 (coffee on 2026-11-20 with Anna Müller, Carl Berg)"),
        "{}",
        out.stderr
    );
    assert_eq!(env.export()["interactions"], json!([]));
    assert_eq!(show(&env, "anna")["last_touch"], serde_json::Value::Null);
    assert_eq!(show(&env, "anna")["hours_together"], 0.0);
    env.ok(&["undo"]);
    assert_eq!(show(&env, "anna")["last_touch"], "2026-11-20");
    assert_eq!(env.export()["interactions"][0]["contacts"], json!([1, 3]));
}

#[test]
fn existing_log_invocations_still_mean_a_kind() {
    let env = people();
    // `edit` and `rm` are reserved: a kind cannot be called so, and KIND NAME still works.
    env.ok(&["log", "call", "anna"]);
    env.ok(&["l", "co", "bob"]);
    let help = env.ok(&["log", "--help"]).stdout;
    assert!(help.contains("edit and rm are reserved"), "{help}");
    assert!(env
        .ok(&["log", "edit", "--help"])
        .stdout
        .contains("Example"));
}

#[test]
fn notes_list_with_ids_and_dates_edit_and_rm() {
    let env = people();
    env.ok_on(
        "2026-11-01",
        &[
            "note",
            "anna",
            "husband Jan, daughter Mia (8)",
            "--about",
            "family",
        ],
    );
    env.ok(&["note", "anna", "sells ERP consulting", "--about", "offer"]);
    let out = env.ok(&["note", "anna"]);
    insta::assert_snapshot!(out.snapshot(), @r"
     ID  Date        Topic   Note
     1   2026-11-01  family  husband Jan, daughter Mia (8)
     2   2026-11-22  offer   sells ERP consulting
    [stderr]
    Change one: net note edit ID  ·  delete one: net note rm ID
    [exit 0]
    ");
    let brief = env.ok(&["show", "anna"]).stdout;
    assert!(
        brief.contains("family: husband Jan, daughter Mia (8) (2026-11-01, #1)"),
        "{brief}"
    );
    env.ok(&[
        "note",
        "edit",
        "1",
        "--text",
        "husband Jan, daughter Mia (9)",
    ]);
    assert_eq!(
        env.json(&["note", "anna", "--json"])[0]["text"],
        "husband Jan, daughter Mia (9)"
    );
    // The search follows the note.
    assert!(env.ok(&["list", "mia (9)"]).stdout.contains("Anna"));
    env.fails_unchanged(2, &["note", "rm", "2"]);
    env.ok(&["note", "rm", "2", "--yes"]);
    assert_eq!(
        env.json(&["note", "anna", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    let notes = env.json(&["note", "anna", "--json"]);
    assert_eq!(notes[0]["text"], "husband Jan, daughter Mia (8)");
    assert_eq!(notes.as_array().unwrap().len(), 2);
    env.fails_unchanged(1, &["note", "edit", "9", "--text", "x"]);
    env.fails_unchanged(2, &["note", "edit", "1"]);
}

#[test]
fn note_edit_opens_the_editor_with_the_text() {
    let env = people();
    env.ok(&["note", "anna", "daughter Mia (8)", "--about", "family"]);
    at_a_terminal(&env, "note edit 1", &[("EDITOR", "sed -i s/Mia/Lena/")]);
    assert_eq!(
        env.json(&["note", "anna", "--json"])[0]["text"],
        "daughter Lena (8)"
    );
}

#[test]
fn promises_edit_list_kept_and_done_is_undoable() {
    let env = people();
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send the offer",
        "--by",
        "2026-11-30",
    ]);
    env.ok(&[
        "todo",
        "edit",
        "1",
        "--text",
        "send the signed offer",
        "--by",
        "2026-12-04",
    ]);
    let open = env.json(&["todo", "--json"]);
    assert_eq!(open[0]["text"], "send the signed offer");
    assert_eq!(open[0]["due"], "2026-12-04");
    env.ok(&["todo", "edit", "1", "--by", "none"]);
    assert_eq!(
        env.json(&["todo", "--json"])[0]["due"],
        serde_json::Value::Null
    );
    env.fails_unchanged(2, &["todo", "edit", "1"]);
    env.fails_unchanged(1, &["todo", "edit", "7", "--text", "x"]);
    assert!(env
        .ok(&["todo", "--done"])
        .stdout
        .contains("No kept promises"));
    env.ok(&["done", "1"]);
    let kept = env.ok(&["todo", "--done"]).stdout;
    assert!(
        kept.contains("send the signed offer") && kept.contains("2026-11-22"),
        "{kept}"
    );
    assert_eq!(env.json(&["todo", "--json"]), json!([]));
    let undone = env.ok(&["undo"]);
    assert!(undone.stderr.contains("done 1"), "{}", undone.stderr);
    assert_eq!(env.json(&["todo", "--json"]).as_array().unwrap().len(), 1);
    env.ok(&["undo"]);
    assert_eq!(env.json(&["todo", "--json"])[0]["due"], "2026-12-04");
}
