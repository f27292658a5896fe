//! `net archive` / `net revive`: let a contact go quiet, reversibly.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;

fn two() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--tag", "client"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on("2026-09-01", &["log", "coffee", "anna", "bob"]);
    env
}

fn listed(env: &TestEnv) -> Vec<String> {
    env.ok(&["list", "--names"])
        .stdout
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn archive_leaves_due_and_list_but_keeps_history() {
    let env = two();
    assert_eq!(env.due_ids(TODAY, &[]), vec![1, 2]);
    assert_snapshot!(env.net(&["archive", "anna"]).snapshot(), @r"
[stderr]
Archived Anna Müller (#1). Their history stays; `net revive` brings them back.
[exit 0]
");
    assert_eq!(env.due_ids(TODAY, &[]), vec![2]);
    assert_eq!(listed(&env), ["Bob Stone"]);
    let v = env.export();
    assert_eq!(v["contacts"][0]["status"], "archived");
    assert_eq!(v["interactions"][0]["contacts"], serde_json::json!([1, 2]));
    assert_eq!(
        env.json(&["show", "anna", "--json"])["interactions_total"],
        1
    );
}

#[test]
fn revive_brings_it_back() {
    let env = two();
    env.ok(&["archive", "anna"]);
    assert_snapshot!(env.net(&["revive", "anna"]).snapshot(), @r"
[stderr]
Revived Anna Müller (#1).
[exit 0]
");
    assert_eq!(env.due_ids(TODAY, &[]), vec![1, 2]);
    assert_eq!(listed(&env), ["Anna Müller", "Bob Stone"]);
    assert_eq!(env.export()["contacts"][0].get("status"), None);
}

#[test]
fn archived_names_resolve_for_archive_and_revive() {
    let env = two();
    env.ok(&["archive", "muller"]);
    // Archiving again is harmless and says so.
    assert_snapshot!(env.net(&["archive", "mueller"]).snapshot(), @r"
[stderr]
Anna Müller (#1) is already archived.
[exit 0]
");
    env.ok(&["revive", "MÜLLER"]);
    let out = env.ok(&["revive", "anna"]);
    assert_eq!(out.stderr, "Anna Müller (#1) is already active.\n");
}

#[test]
fn unknown_names_change_nothing() {
    let env = two();
    env.fails_unchanged(1, &["archive", "zelda"]);
    env.fails_unchanged(1, &["revive", "zelda"]);
    env.fails_unchanged(1, &["archive", "#7"]);
}
