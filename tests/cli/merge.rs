//! `net merge A B` and `net dupes`.

use crate::common::TestEnv;
use serde_json::Value;

fn contacts(env: &TestEnv) -> Vec<Value> {
    env.export()["contacts"].as_array().unwrap().clone()
}

fn two_annas() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-01-10",
        &[
            "add",
            "Anna Müller",
            "--email",
            "anna@example.org",
            "--tag",
            "client",
            "--every",
            "1mo",
        ],
    );
    env.ok_on(
        "2026-01-05",
        &[
            "add",
            "Anna Mueller-Schmidt",
            "--email",
            "ANNA@example.org",
            "--phone",
            "+49 1",
            "--tag",
            "golf",
            "--org",
            "Müller GmbH",
            "--alias",
            "annie",
        ],
    );
    env.ok(&["add", "Bob Stone"]);
    env.ok(&[
        "log",
        "coffee",
        "#2",
        "--on",
        "2026-11-01",
        "--note",
        "only the second",
    ]);
    env.ok(&["log", "lunch", "#1", "#2", "bob", "--on", "2026-11-10"]);
    env.ok(&["note", "#2", "two kids", "--about", "family"]);
    env.ok(&[
        "log",
        "call",
        "#2",
        "--follow-up",
        "send the offer",
        "--by",
        "2026-12-01",
    ]);
    env.ok(&["assess", "#2", "--yes", "1,2"]);
    env.ok(&["intro", "#2", "bob"]);
    env
}

#[test]
fn dupes_lists_pairs_with_what_they_share() {
    let env = two_annas();
    let out = env.ok(&["dupes"]);
    assert_eq!(
        out.stdout,
        " Keep            Merge into it            Same\n #1 Anna Müller  #2 Anna Mueller-Schmidt  email\n"
    );
    assert!(out.stderr.contains("net merge"), "{}", out.snapshot());
    let json = env.json(&["dupes", "--json"]);
    assert_eq!(
        json,
        serde_json::json!([{"a": 1, "a_name": "Anna Müller", "b": 2, "b_name": "Anna Mueller-Schmidt", "same": ["email"]}])
    );
    let lone = TestEnv::new();
    lone.ok(&["add", "Solo"]);
    let out = lone.ok(&["dupes"]);
    assert!(
        out.stderr.contains("No likely duplicates"),
        "{}",
        out.snapshot()
    );
}

#[test]
fn merge_moves_everything_into_a_and_undo_restores() {
    let env = two_annas();
    let before = env.db_dump();
    let out = env.ok(&["merge", "#1", "#2"]);
    assert!(
        out.stderr.contains("Merged Anna Mueller-Schmidt (#2) into Anna Müller (#1): 4 interactions, 1 note, 1 promise and 1 assessment moved."),
        "{}",
        out.snapshot()
    );
    let all = contacts(&env);
    assert_eq!(all.len(), 2);
    let anna = &all[0];
    assert_eq!(anna["name"], "Anna Müller");
    assert_eq!(
        anna["emails"],
        // The same address in another case is the one already there.
        serde_json::json!(["anna@example.org"])
    );
    assert_eq!(anna["phones"], serde_json::json!(["+49 1"]));
    assert_eq!(anna["tags"], serde_json::json!(["client", "golf"]));
    assert_eq!(anna["org"], "Müller GmbH");
    assert_eq!(
        anna["aliases"],
        serde_json::json!(["Anna Mueller-Schmidt", "annie"])
    );
    assert_eq!(anna["every"], "1mo", "A's own cadence stays");
    assert_eq!(anna["added_on"], "2026-01-05", "the earlier record");
    let export = env.export();
    // The lunch both were at has Anna once.
    let lunch = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "lunch")
        .unwrap();
    assert_eq!(lunch["contacts"], serde_json::json!([1, 3]));
    assert_eq!(export["notes"][0]["contact"], 1);
    assert_eq!(export["followups"][0]["contact"], 1);
    assert_eq!(export["assessments"][0]["contact"], 1);
    let intro = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "intro")
        .unwrap();
    assert_eq!(intro["introduced"], serde_json::json!([1, 3]));
    // The last touch is the latest of both histories.
    let show = env.json(&["show", "anna", "--json"]);
    assert_eq!(show["last_touch"], "2026-11-22", "{show}");

    env.ok(&["undo"]);
    assert_eq!(env.db_dump(), before);
}

#[test]
fn merge_takes_the_uid_of_b_when_a_has_none() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.write(
        "a.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nUID:phone-anna\nFN:Anna M.\nEMAIL:a@x.example\nEND:VCARD\n",
    );
    env.ok(&["import", "vcard", "a.vcf"]);
    env.ok(&["merge", "anna m\u{fc}ller", "#2"]);
    let all = contacts(&env);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["uid"], "phone-anna");
    // The phone's card now updates the merged contact.
    let out = env.ok(&["import", "vcard", "a.vcf"]);
    assert!(out.stderr.contains("1 unchanged"), "{}", out.snapshot());
}

#[test]
fn merging_a_contact_with_itself_or_nobody_fails_unchanged() {
    let env = two_annas();
    let line = env.fails_unchanged(2, &["merge", "#1", "#1"]);
    assert!(line.contains("are the same contact (#1)"), "{line}");
    let line = env.fails_unchanged(1, &["merge", "#1", "#99"]);
    assert!(line.contains("there is no contact #99"), "{line}");
    let out = env.net(&["merge", "#1"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
}
