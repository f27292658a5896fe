//! `net edit`: change fields, rename, add and remove tags and aliases.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

fn anna() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Anna Müller",
            "--tag",
            "client",
            "--tag",
            "referrer",
            "--birthday",
            "04-15",
            "--org",
            "Müller GmbH",
            "--email",
            "anna@example.org",
        ],
    );
    env
}

#[test]
fn rename_and_alias() {
    let env = anna();
    let out = env.net(&[
        "edit",
        "anna",
        "--rename",
        "Anna Schmidt",
        "--alias",
        "annie",
    ]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Updated Anna Schmidt (#1).
[exit 0]
");
    let c = env.contact("annie");
    assert_eq!(c["name"], "Anna Schmidt");
    assert_eq!(c["aliases"], json!(["annie"]));
    assert_eq!(env.contact("schmidt")["id"], 1);
    let line = env.net(&["show", "müller"]).error(1);
    assert!(line.contains("no contact matches \"müller\""), "{line}");
}

#[test]
fn unalias() {
    let env = anna();
    env.ok(&["edit", "anna", "--alias", "annie", "--alias", "am"]);
    env.ok(&["edit", "anna", "--unalias", "annie"]);
    assert_eq!(env.contact("#1")["aliases"], json!(["am"]));
    env.net(&["show", "annie"]).error(1);
}

#[test]
fn untag_and_tag() {
    let env = anna();
    env.ok(&["edit", "anna", "--untag", "client", "--tag", "expert"]);
    assert_eq!(env.contact("#1")["tags"], json!(["expert", "referrer"]));
    env.ok(&["edit", "anna", "--untag", "#Referrer"]);
    assert_eq!(env.contact("#1")["tags"], json!(["expert"]));
}

#[test]
fn unset_fields() {
    let env = anna();
    env.ok(&["edit", "anna", "--unset", "birthday", "--unset", "org"]);
    let c = env.contact("#1");
    assert_eq!(c.get("birthday"), None, "{c}");
    assert_eq!(c.get("org"), None, "{c}");
    assert_eq!(c["emails"], json!(["anna@example.org"]));
    env.ok(&["edit", "anna", "--unset", "emails"]);
    assert_eq!(env.contact("#1").get("emails"), None);
}

#[test]
fn lists_are_added_to() {
    let env = anna();
    env.ok(&["edit", "anna", "--email", "second@example.org"]);
    env.ok(&["edit", "anna", "--email", "anna@example.org"]);
    assert_eq!(
        env.contact("#1")["emails"],
        json!(["anna@example.org", "second@example.org"])
    );
}

#[test]
fn every_quarterly_moves_the_due_date() {
    let env = anna();
    let due_on = || env.json(&["due", "--all", "--json"])["entries"][0]["due_on"].clone();
    assert_eq!(due_on(), "2026-10-01");
    env.ok(&["edit", "anna", "--every", "quarterly"]);
    assert_eq!(due_on(), "2026-11-01");
    assert_eq!(env.contact("#1")["every"], "3mo");
    env.ok(&["edit", "anna", "--every", "yearly"]);
    assert_eq!(due_on(), "2027-08-01");
    assert_eq!(env.due_ids("2026-11-22", &[]), Vec::<i64>::new());
}

#[test]
fn json_prints_the_changed_contact() {
    let env = anna();
    let v = env.json(&["edit", "anna", "--role", "CEO", "--json"]);
    assert_eq!(v["role"], "CEO");
    assert_eq!(v["name"], "Anna Müller");
}

#[test]
fn nothing_to_change_says_so() {
    let env = anna();
    let before = env.db_dump();
    assert_snapshot!(env.net(&["edit", "anna"]).snapshot(), @r"
[stderr]
Nothing to change for Anna Müller (#1): see `net edit --help`.
[exit 0]
");
    assert_eq!(env.db_dump(), before);
}

#[test]
fn failures_change_nothing() {
    let env = anna();
    env.ok(&["add", "Bob Stone"]);
    let line = env.fails_unchanged(1, &["edit", "zelda", "--role", "CEO"]);
    assert!(line.contains("zelda"), "{line}");
    let line = env.fails_unchanged(2, &["edit", "anna", "--role", "CEO", "--every", "2m"]);
    assert!(line.contains("2mo"), "{line}");
    env.fails_unchanged(2, &["edit", "anna", "--rename", "  "]);
    env.fails_unchanged(2, &["edit", "anna", "--birthday", "30.02."]);
    env.fails_unchanged(2, &["edit", "anna", "--role", "CEO", "--tag", "a b"]);
}

#[test]
fn an_archived_contact_can_be_edited() {
    let env = anna();
    env.ok(&["archive", "anna"]);
    env.ok(&["edit", "anna", "--role", "retired"]);
    let c = env.contact("anna");
    assert_eq!(c["role"], "retired");
    assert_eq!(c["status"], "archived");
}
