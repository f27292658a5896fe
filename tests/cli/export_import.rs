//! `net export json` / `net import json`: the lossless net/1 document.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::json;

/// A network using every part of the format.
fn full() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-03-01",
        &[
            "add",
            "Anna Müller",
            "--org",
            "Müller GmbH",
            "--role",
            "CEO",
            "--tag",
            "client",
            "--alias",
            "annie",
            "--email",
            "anna@example.org",
            "--phone",
            "+49 89 1",
            "--link",
            "https://example.org",
            "--why",
            "referrer",
            "--met",
            "BVMW",
            "--birthday",
            "15.04.",
            "--note",
            "line one\nline two",
            "--known-hours",
            "3",
        ],
    );
    env.ok_on(
        "2026-03-01",
        &["add", "Bob Stone", "--birthday", "1975-12-24"],
    );
    env.ok_on("2026-03-01", &["add", "Gone Soon"]);
    env.ok_on("2026-03-01", &["add", "Carl Quiet", "--every", "never"]);
    env.ok_on("2026-03-01", &["add", "Dora Old", "--every", "1y"]);
    env.ok(&[
        "log",
        "coffee",
        "anna",
        "--on",
        "2026-09-01",
        "--for",
        "45m",
        "--note",
        "plant",
    ]);
    env.ok(&[
        "log",
        "call",
        "anna",
        "bob",
        "--on",
        "2026-10-01",
        "--they",
        "--gave",
        "intro",
        "--got",
        "lead",
    ]);
    env.ok(&[
        "log",
        "event",
        "Eve Neu",
        "--new",
        "--at",
        "Sommerfest",
        "--on",
        "2026-11-01",
    ]);
    env.ok(&["forget", "gone", "--yes"]);
    env.ok(&["archive", "dora"]);
    env.ok(&["snooze", "bob", "3w"]);
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    env.ok(&["rule", "add", "--tag", "friend", "--every", "quarterly"]);
    env
}

#[test]
fn the_document() {
    let env = full();
    // Each record's UUID is random and its time the clock's: both are
    // there, shown as placeholders.
    insta::with_settings!({filters => vec![
        (r#""uuid":"[0-9a-f-]{36}""#, r#""uuid":"[uuid]""#),
        (r#""modified":"[0-9]{8}T[0-9]{6}Z""#, r#""modified":"[time]""#),
    ]}, {
        assert_snapshot!(env.db_dump(), @r#"
{
  "format": "net/1",
  "contacts": [
    {"id":1,"name":"Anna Müller","aliases":["annie"],"org":"Müller GmbH","role":"CEO","emails":["anna@example.org"],"phones":["+49 89 1"],"links":["https://example.org"],"tags":["client"],"why":"referrer","met":"BVMW","birthday":"--04-15","notes":"line one\nline two","every":"default","known_minutes":180,"added_on":"2026-03-01","uuid":"[uuid]","modified":"[time]"},
    {"id":2,"name":"Bob Stone","birthday":"1975-12-24","every":"default","snoozed_until":"2026-12-13","added_on":"2026-03-01","uuid":"[uuid]","modified":"[time]"},
    {"id":4,"name":"Carl Quiet","every":"never","added_on":"2026-03-01","uuid":"[uuid]","modified":"[time]"},
    {"id":5,"name":"Dora Old","every":"1y","status":"archived","added_on":"2026-03-01","uuid":"[uuid]","modified":"[time]"},
    {"id":6,"name":"Eve Neu","met":"Sommerfest (2026-11-01)","every":"default","added_on":"2026-11-22","uuid":"[uuid]","modified":"[time]"}
  ],
  "interactions": [
    {"id":1,"kind":"coffee","date":"2026-09-01","minutes":45,"contacts":[1],"note":"plant","uuid":"[uuid]","modified":"[time]"},
    {"id":2,"kind":"call","date":"2026-10-01","minutes":20,"contacts":[1,2],"gave":"intro","got":"lead","initiator":"they","uuid":"[uuid]","modified":"[time]"},
    {"id":3,"kind":"event","date":"2026-11-01","minutes":120,"contacts":[6],"place":"Sommerfest","uuid":"[uuid]","modified":"[time]"}
  ],
  "rules": [
    {"tag":"client","every":"1mo"},
    {"tag":"friend","every":"3mo"}
  ]
}
"#);
    });
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let env = full();
    let first = env.db_dump();
    let file = env.write("backup.json", &first);
    let fresh = TestEnv::new();
    let out = fresh.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("Imported 5 contacts, 3 interactions, 2 rules"),
        "{}",
        out.stderr
    );
    assert_eq!(fresh.db_dump(), first);
    // And the restored network behaves the same.
    assert_eq!(
        fresh.ok_on("2027-03-01", &["due", "--all"]).stdout,
        env.ok_on("2027-03-01", &["due", "--all"]).stdout
    );
}

#[test]
fn out_file_and_stdin() {
    let env = full();
    let path = env.root().join("backup.json");
    let out = env.ok(&["export", "json", "--out", path.to_str().unwrap()]);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("Wrote 5 contacts and 3 interactions to "),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), env.db_dump());
    assert!(!env.root().join("backup.json.partial").exists());
    let fresh = TestEnv::new();
    let mut cmd = fresh.command(TODAY, &["import", "json", "-"]);
    cmd.stdin(std::fs::File::open(&path).unwrap());
    fresh.run(&mut cmd).success();
    assert_eq!(fresh.db_dump(), env.db_dump());
}

#[test]
fn an_empty_database_exports_empty_sections() {
    let env = TestEnv::new();
    assert_snapshot!(env.db_dump(), @r#"
{
  "format": "net/1",
  "contacts": [],
  "interactions": []
}
"#);
}

#[test]
fn import_into_a_non_empty_database_is_refused() {
    let env = full();
    let file = env.write("backup.json", &env.db_dump());
    let line = env.fails_unchanged(1, &["import", "json", file.to_str().unwrap()]);
    assert_snapshot!(line, @r"net: the database already holds contacts: add --merge to import into it, or import into an empty one (NET_DB=new.db net import json FILE)");
}

/// Imports `doc` into a fresh database: must fail with one line, exit
/// `code`, and leave the database empty.
fn refused(doc: &str, code: i32) -> String {
    let env = TestEnv::new();
    let file = env.write("in.json", doc);
    let line = env
        .net(&["import", "json", file.to_str().unwrap()])
        .error(code);
    assert_eq!(
        env.export(),
        json!({"format": "net/1", "contacts": [], "interactions": []}),
        "a refused import wrote something"
    );
    line
}

#[test]
fn malformed_json_is_refused() {
    let line = refused("{\"format\": \"net/1\",\n  \"contacts\": [\n", 1);
    assert_snapshot!(line, @r"net: $TEST_ENV/in.json is not a net/1 document: EOF while parsing a list at line 3 column 0");
    let line = refused("", 1);
    assert!(line.contains("in.json"), "{line}");
}

#[test]
fn another_format_is_refused() {
    let line = refused(r#"{"format": "net/2", "contacts": []}"#, 1);
    assert!(line.contains("net/2"), "{line}");
    refused(r#"{"contacts": []}"#, 1);
}

#[test]
fn an_unknown_field_is_named() {
    let line = refused(
        "{\"format\": \"net/1\",\n  \"contacts\": [\n    {\"id\":1,\"name\":\"A\",\"added_on\":\"2026-01-01\"},\n    {\"id\":2,\"name\":\"B\",\"added_on\":\"2026-01-01\",\"nmae\":\"x\"}\n  ]\n}\n",
        1,
    );
    assert!(line.contains("unknown field `nmae`"), "{line}");
    assert!(line.contains("line 4"), "names the entry's line: {line}");
}

#[test]
fn a_bad_date_names_the_line() {
    let line = refused(
        "{\"format\": \"net/1\",\n  \"contacts\": [\n    {\"id\":1,\"name\":\"A\",\"added_on\":\"2026-01-01\"}\n  ],\n  \"interactions\": [\n    {\"kind\":\"coffee\",\"date\":\"2026-02-30\",\"contacts\":[1]}\n  ]\n}\n",
        1,
    );
    assert!(line.contains("line 6"), "{line}");
}

#[test]
fn a_bad_date_names_the_field_and_value() {
    let line = refused(
        "{\"format\": \"net/1\",\n  \"contacts\": [\n    {\"id\":1,\"name\":\"A\",\"added_on\":\"2026-01-01\"}\n  ],\n  \"interactions\": [\n    {\"kind\":\"coffee\",\"date\":\"2026-02-30\",\"contacts\":[1]}\n  ]\n}\n",
        1,
    );
    assert!(
        line.contains("2026-02-30") || line.contains("date"),
        "{line}"
    );
}

#[test]
fn bad_values_name_the_entry() {
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01"},{"id":2,"name":"B","added_on":"2026-01-01","birthday":"1980-02-30"}]}"#,
        1,
    );
    assert!(
        line.contains("contacts[1] (\"B\"): birthday \"1980-02-30\" is not YYYY-MM-DD or --MM-DD"),
        "{line}"
    );
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01","every":"2m"}]}"#,
        1,
    );
    assert!(line.contains("contacts[0] (\"A\"): "), "{line}");
    assert!(line.contains("2mo"), "{line}");
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01","every":"1mo","every_days":30}]}"#,
        1,
    );
    assert!(line.contains("contacts[0]"), "{line}");
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01"},{"id":1,"name":"B","added_on":"2026-01-01"}]}"#,
        1,
    );
    assert!(line.contains("contacts[1]"), "{line}");
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":" ","added_on":"2026-01-01"}]}"#,
        1,
    );
    assert!(line.contains("contacts[0]"), "{line}");
}

#[test]
fn an_interaction_with_a_missing_contact_is_named() {
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01"}],
            "interactions":[{"kind":"coffee","date":"2026-02-01","contacts":[1]},
                            {"kind":"call","date":"2026-02-02","contacts":[1,7]}]}"#,
        1,
    );
    assert!(
        line.contains("interactions[1]: contact 7 is not in the file's contacts"),
        "{line}"
    );
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01"}],
            "interactions":[{"kind":"call","date":"2026-02-02","contacts":[]}]}"#,
        1,
    );
    assert!(line.contains("interactions[0]"), "{line}");
}

#[test]
fn a_bad_rule_is_refused() {
    let line = refused(
        r#"{"format":"net/1","contacts":[],"rules":[{"tag":"client","every":"2m"}]}"#,
        1,
    );
    assert!(line.contains("client"), "{line}");
}

#[test]
fn every_days_is_a_cadence() {
    let env = TestEnv::new();
    let file = env.write(
        "in.json",
        r#"{"format":"net/1","contacts":[
            {"id":1,"name":"Anna Müller","added_on":"2026-01-01","every_days":60},
            {"id":2,"name":"Bob Stone","added_on":"2026-01-01","every":"2mo","tags":["client"]}],
            "interactions":[{"kind":"coffee","date":"2026-02-01","contacts":[2],"minutes":30}]}"#,
    );
    // Issue 10.3: a never-contacted contact counts from the day it got its
    // cadence, here the day of the import; issue 10.6: `due --on` refuses a
    // past day. So both happen on the days they are about.
    env.ok_on("2026-01-01", &["import", "json", file.to_str().unwrap()]);
    assert_eq!(env.contact("anna")["every"], "60d");
    let out = env.ok_on("2026-03-05", &["due", "--json", "--all"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let anna = &v["entries"][0];
    assert_eq!(anna["name"], "Anna Müller");
    assert_eq!(anna["due_on"], "2026-03-02");
    assert_eq!(anna["cadence"], "60d");
    assert_eq!(
        v["entries"][1]["last_touch"], "2026-02-01",
        "derived on import"
    );
}

#[test]
fn imported_tags_are_checked_like_typed_ones() {
    let env = TestEnv::new();
    let file = env.write(
        "in.json",
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01","tags":["Client"]}]}"#,
    );
    let out = env.net(&["import", "json", file.to_str().unwrap()]);
    if out.code == 0 {
        assert_eq!(
            env.ok(&["list", "--tag", "client", "--names"]).stdout,
            "A\n"
        );
    } else {
        out.error(out.code);
    }
    refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01","tags":["two words"]}]}"#,
        1,
    );
}

#[test]
fn a_duplicate_rule_is_refused() {
    refused(
        r#"{"format":"net/1","contacts":[],"rules":[{"tag":"client","every":"1mo"},{"tag":"client","every":"2mo"}]}"#,
        1,
    );
}

/// A document read as it streams (issue 15) still takes its sections in any
/// order: interactions and promises before the contacts they name wait for
/// them, and a contact without `added_on` counts from its first interaction.
#[test]
fn sections_in_any_order_are_imported() {
    let env = TestEnv::new();
    let file = env.write(
        "in.json",
        r#"{"followups":[{"id":1,"contact":1,"text":"send the deck","created_on":"2026-02-01","interaction":5}],
            "interactions":[{"id":5,"kind":"call","date":"2026-02-01","minutes":30,"contacts":[1]},
                            {"id":6,"kind":"coffee","date":"2026-01-10","contacts":[1,2],"note":"plant"}],
            "contacts":[{"id":1,"name":"Anna"},{"id":2,"name":"Bob","added_on":"2025-12-01"}],
            "format":"net/1"}"#,
    );
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let doc = env.export();
    assert_eq!(doc["contacts"][0]["added_on"], "2026-01-10", "{doc}");
    assert_eq!(doc["contacts"][1]["added_on"], "2025-12-01", "{doc}");
    assert_eq!(doc["interactions"].as_array().unwrap().len(), 2, "{doc}");
    assert_eq!(doc["followups"][0]["interaction"], 5, "{doc}");
    assert!(env
        .net(&["doctor"])
        .stdout
        .contains("ok     derived values"));
    assert!(env.ok(&["who", "plant"]).stdout.contains("Anna"));
}

/// A syntax error anywhere is named before a bad record that comes earlier,
/// as when the whole document was read first; either leaves the database empty.
#[test]
fn a_syntax_error_wins_over_an_earlier_bad_record() {
    let line = refused(
        "{\"format\": \"net/1\",\n  \"contacts\": [\n    {\"id\":1,\"name\":\" \"}\n  ],\n  \"interactions\": [\n    {\"kind\":\"call\",\"date\":\"2026-01-01\",\"contacts\":[1]},\n    {\"kind\":\"call\" \"date\"}\n  ]\n}\n",
        1,
    );
    assert!(line.contains("is not a net/1 document"), "{line}");
    assert!(line.contains("line 7"), "{line}");
    assert!(line.contains("near `"), "{line}");
}

/// The ids a file gives are kept, and the search indexes pack a contact's and
/// an interaction's id into one rowid: ids too large for that are refused
/// (they made `net who` fail or name the wrong person).
#[test]
fn ids_too_large_for_the_search_index_are_refused() {
    let big_contact = r#"{"format": "net/1",
      "contacts": [{"id": 1, "name": "Anna"}, {"id": 2147483648, "name": "Big"}],
      "interactions": []}"#;
    let line = refused(big_contact, 1);
    assert!(
        line.contains("contacts[1] (\"Big\"): id 2147483648 is not a number from 1 to 1000000000"),
        "{line}"
    );
    let big_interaction = r#"{"format": "net/1",
      "contacts": [{"id": 1, "name": "Anna"}],
      "interactions": [{"id": 4294967301, "kind": "coffee", "date": "2026-11-01", "contacts": [1], "note": "hamburger"}]}"#;
    let line = refused(big_interaction, 1);
    assert!(
        line.contains("interactions[0]: id 4294967301 is not a number"),
        "{line}"
    );
    // The largest allowed id works, and who finds what was logged with it.
    let env = TestEnv::new();
    let file = env.write(
        "in.json",
        r#"{"format": "net/1",
          "contacts": [{"id": 1000000000, "name": "Anna"}],
          "interactions": [{"id": 1000000000, "kind": "coffee", "date": "2026-11-01", "contacts": [1000000000], "note": "hamburger"}]}"#,
    );
    env.ok(&["import", "json", file.to_str().unwrap()]);
    env.ok(&["log", "call", "anna", "--note", "hamburger again"]);
    let out = env.ok(&["who", "hamburger"]).stdout;
    assert!(
        out.contains("Anna") && out.contains("log #1000000001"),
        "{out}"
    );
}

// ------------------------------------------------------------- identities

#[test]
fn a_restore_keeps_every_records_uuid_and_time_and_the_cards_uids() {
    let env = full();
    env.ok(&["note", "anna", "--about", "family", "two kids"]);
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send the offer",
        "--by",
        "2026-11-30",
    ]);
    env.ok(&["assess", "anna", "--yes", "1,2,5"]);
    let first = env.db_dump();
    // Every record has its UUID, and those sync compares their time.
    let mut doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    crate::common::without_identities(&mut doc);
    let file = env.write("backup.json", &first);
    let fresh = TestEnv::new();
    // Another second on the clock: a time written by the import would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    fresh.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(fresh.db_dump(), first);
    // The phone that imported the cards sees the same people, not new ones.
    assert_eq!(
        fresh.ok(&["export", "vcard"]).stdout,
        env.ok(&["export", "vcard"]).stdout
    );
}

#[test]
fn a_uuid_given_twice_or_not_a_uuid_and_a_bad_time_are_refused() {
    let uuid = "0f1e2d3c-0000-4000-8000-000000000001";
    let twice = format!(
        r#"{{"format":"net/1","contacts":[
            {{"id":1,"name":"Anna","uuid":"{uuid}"}},
            {{"id":2,"name":"Bob"}}],
          "interactions":[{{"kind":"call","date":"2026-11-01","contacts":[2],"uuid":"{}"}}]}}"#,
        uuid.to_uppercase()
    );
    let line = refused(&twice, 1);
    assert!(
        line.contains(&format!(
            "uuid {uuid} is given to two records of the file (contacts and interactions)"
        )),
        "{line}"
    );
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"Anna","uuid":"net-1@net.local"}]}"#,
        1,
    );
    assert!(
        line.contains(r#"contacts[0] ("Anna"): uuid "net-1@net.local" is not a UUID"#),
        "{line}"
    );
    let line = refused(
        r#"{"format":"net/1","contacts":[{"id":1,"name":"Anna"}],
            "followups":[{"id":1,"contact":1,"text":"deck","created_on":"2026-11-01","modified":"2026-11-01"}]}"#,
        1,
    );
    assert!(
        line.contains(
            r#"followups[0]: modified "2026-11-01" is not a time such as 20261122T091405Z"#
        ),
        "{line}"
    );
}

#[test]
fn a_merge_knows_a_contact_by_its_uuid_whatever_its_name() {
    let env = full();
    let doc: serde_json::Value = serde_json::from_str(&env.db_dump()).unwrap();
    let anna = doc["contacts"][0]["uuid"].as_str().unwrap().to_string();
    // Renamed on another machine, with an address this one has not seen.
    let other = format!(
        r#"{{"format":"net/1","contacts":[{{"id":7,"name":"Anna Schmidt","emails":["anna@schmidt.example"],"uuid":"{anna}"}}]}}"#
    );
    let file = env.write("other.json", &other);
    let out = env.ok(&["import", "json", "--merge", file.to_str().unwrap()]);
    assert!(
        out.stderr.contains("0 new contacts, 1 updated"),
        "{}",
        out.stderr
    );
    let after = env.export();
    assert_eq!(after["contacts"].as_array().unwrap().len(), 5, "{after}");
    let emails = env.contact("#1")["emails"].clone();
    assert_eq!(emails, json!(["anna@example.org", "anna@schmidt.example"]));
}

#[test]
fn one_contact_is_written_as_one_contact() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let path = env.root().join("backup.json");
    let out = env.ok(&["export", "json", "--out", path.to_str().unwrap()]);
    assert!(
        out.stderr
            .starts_with("Wrote 1 contact and 0 interactions to "),
        "{}",
        out.stderr
    );
}
