//! `net forget`: delete a contact and the interactions only they were in.

use crate::common::{interactions, TestEnv};
use insta::assert_snapshot;

/// Anna and Bob; a coffee with Anna alone, a call with both.
fn two() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on("2026-09-01", &["log", "coffee", "anna"]);
    env.ok_on("2026-10-01", &["log", "call", "anna", "bob"]);
    env.ok_on("2026-10-02", &["log", "email", "bob"]);
    env
}

#[test]
fn without_yes_and_without_a_terminal_nothing_is_deleted() {
    let env = two();
    let line = env.fails_unchanged(2, &["forget", "anna"]);
    assert_snapshot!(line, @r"net: forgetting Anna Müller (#1) deletes them and their history for good: add --yes to confirm (or `net archive` to keep it)");
}

#[test]
fn yes_deletes_the_contact_and_its_solo_interactions() {
    let env = two();
    assert_snapshot!(env.net(&["forget", "anna", "--yes"]).snapshot(), @r"
[stderr]
Forgot Anna Müller (#1) and 1 interaction only they were part of.
[exit 0]
");
    let v = env.export();
    let names: Vec<&str> = v["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bob Stone"]);
    assert_eq!(
        interactions(&v),
        [
            ("call".to_string(), "2026-10-01".to_string(), vec![2]),
            ("email".to_string(), "2026-10-02".to_string(), vec![2]),
        ]
    );
    env.net(&["show", "anna"]).error(1);
    env.net(&["show", "#1"]).error(1);
}

#[test]
fn an_archived_contact_can_be_forgotten() {
    let env = two();
    env.ok(&["archive", "bob"]);
    env.ok(&["forget", "bob", "--yes"]);
    assert_eq!(env.export()["contacts"].as_array().unwrap().len(), 1);
}

#[test]
fn unknown_name_changes_nothing() {
    let env = two();
    env.fails_unchanged(1, &["forget", "zelda", "--yes"]);
}
