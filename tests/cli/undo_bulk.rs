//! Undo of bulk steps (issue 11 point 17, issue 15): an import, a large
//! merge and a forget come back exactly, and another writer started while
//! such an undo runs waits for it instead of failing.

use crate::common::TestEnv;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Every row of every table `net undo` reverts, as text, table by table
/// (undo's own tables and local ones left out, as undo leaves them).
fn rows(db: &Path) -> String {
    rows_except(db, &[])
}

/// [`rows`] without the columns `skip` names (added by a later migration).
/// `rows` with the `"count":N,` of each contact's kept totals taken out:
/// the totals as a net before derivation version 4 wrote them.
fn without_counts(rows: &str) -> String {
    let mut out = String::new();
    let mut rest = rows;
    while let Some(at) = rest.find("\"count\":") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "\"count\":".len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        rest = after[digits..]
            .strip_prefix(',')
            .unwrap_or(&after[digits..]);
    }
    out.push_str(rest);
    out
}

fn rows_except(db: &Path, skip: &[&str]) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE 'local_%' AND name NOT IN ('journal', 'undo_log', 'undo_rows', 'undo_state')
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let row = columns
            .iter()
            .filter(|c| !skip.contains(&c.as_str()))
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let lines: Vec<String> = conn
            .prepare(&format!("SELECT {row} FROM \"{table}\" ORDER BY 1"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        out.push_str(&format!("{table}: {}\n", lines.join("\n  ")));
    }
    out
}

/// The search index's matches for a word (kept by triggers, not by undo).
fn found(db: &Path, word: &str) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM local_search WHERE local_search MATCH ?1",
        [word],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn undo_of_an_import_restores_the_state_before_it_with_its_rules() {
    let env = TestEnv::new();
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    env.ok(&["rule", "add", "--tag", "family", "--every", "2w"]);
    let before = rows(&env.db());
    let doc = json!({"format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna Müller", "tags": ["client"], "every": "default", "added_on": "2026-03-01"},
            {"id": 2, "name": "Bob Stone", "every": "default", "added_on": "2026-03-01", "introduced_by": 1}],
        "interactions": [
            {"id": 1, "kind": "coffee", "date": "2026-09-01", "minutes": 45, "contacts": [1, 2], "note": "Sommerfest plans"}],
        "rules": [{"tag": "client", "every": "3mo"}, {"tag": "friend", "every": "1y"}]});
    env.load(&doc);
    assert_eq!(found(&env.db(), "Sommerfest"), 1);
    assert_ne!(rows(&env.db()), before);
    env.ok(&["undo"]);
    assert_eq!(rows(&env.db()), before);
    assert_eq!(found(&env.db(), "Sommerfest"), 0);
    // The rules are back as they were, not those of the file.
    let rules = env.ok(&["rule", "list"]).stdout;
    assert!(
        rules.contains("family") && !rules.contains("friend"),
        "{rules}"
    );

    // Into a database that holds people: a vCard import is undone exactly too.
    env.ok(&["add", "Carl Berg", "--tag", "friend"]);
    env.ok(&["log", "call", "carl", "--note", "Sommerfest again"]);
    let before = rows(&env.db());
    let cards = (0..300)
        .map(|i| format!("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-{i}\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nCATEGORIES:imported\r\nEND:VCARD\r\n"))
        .collect::<String>();
    let file = env.write("people.vcf", &cards);
    env.ok(&["import", "vcard", file.to_str().unwrap()]);
    assert_ne!(rows(&env.db()), before);
    env.ok(&["undo"]);
    assert_eq!(rows(&env.db()), before);
    assert_eq!(found(&env.db(), "Sommerfest"), 1);
}

/// A network of `people` contacts; the first takes part in `busy` interactions
/// (the first `shared` of them with the second), the others in a few each.
fn network(people: i64, busy: i64, shared: i64) -> Value {
    let contacts: Vec<Value> = (1..=people)
        .map(|id| json!({"id": id, "name": format!("Person {id}"), "tags": ["t"], "every": "default",
                         "added_on": "2024-01-01", "introduced_by": if id > 2 { Some(1) } else { None }}))
        .collect();
    let mut interactions: Vec<Value> = (1..=busy)
        .map(|id| {
            let with = if id <= shared { vec![1, 2] } else { vec![1] };
            json!({"id": id, "kind": "call", "date": format!("2025-{:02}-{:02}", id % 12 + 1, id % 28 + 1),
                   "minutes": 30, "contacts": with, "note": if id % 3 == 0 { Some(format!("topic {id}")) } else { None }})
        })
        .collect();
    for other in 2..=people {
        interactions.push(json!({"id": busy + other, "kind": "coffee", "date": "2026-01-05", "contacts": [other]}));
    }
    json!({"format": "net/1", "contacts": contacts, "interactions": interactions,
           "notes": [{"id": 1, "contact": 1, "topic": "family", "text": "two kids", "created_on": "2025-01-01"},
                     {"id": 2, "contact": 2, "topic": "work", "text": "moved to Berlin", "created_on": "2025-02-01"}],
           "followups": [{"id": 1, "contact": 1, "text": "send the slides", "created_on": "2025-03-01"}]})
}

#[test]
fn undo_of_a_large_merge_and_of_a_forget_restores_every_row() {
    let env = TestEnv::with_network(&network(5, 3000, 1200));
    env.ok(&["intro", "#2", "#3"]);
    env.ok(&["note", "#2", "likes sailing", "--about", "hobby"]);
    let before = rows(&env.db());
    env.ok(&["merge", "#1", "#2"]);
    assert_ne!(rows(&env.db()), before);
    env.ok(&["undo"]);
    assert_eq!(rows(&env.db()), before);
    let topics = found(&env.db(), "topic");
    assert_eq!(topics, 1000);

    env.ok(&["forget", "#1", "--yes"]);
    assert!(found(&env.db(), "topic") < topics);
    env.ok(&["undo"]);
    assert_eq!(rows(&env.db()), before);
    assert_eq!(found(&env.db(), "topic"), topics);
    // What undo put back is whole and derived as a fresh write would be.
    let doctor = env.net(&["doctor"]).stdout;
    assert!(doctor.contains("ok     integrity"), "{doctor}");
    assert!(doctor.contains("ok     derived values"), "{doctor}");
}

#[test]
fn a_writer_started_during_a_bulk_undo_succeeds() {
    let env = TestEnv::with_network(&network(3, 60_000, 0));
    env.ok(&["forget", "#1", "--yes"]);
    let mut undo = env.command("2026-11-22", &["undo"]);
    let mut undo = undo
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the undo holds the write lock, then start another writer.
    let probe = Connection::open(env.db()).unwrap();
    probe.busy_timeout(Duration::ZERO).unwrap();
    let started = Instant::now();
    while probe.execute_batch("BEGIN IMMEDIATE; ROLLBACK").is_ok() {
        if undo.try_wait().unwrap().is_some() {
            panic!(
                "the undo ended before another writer could start (make the step larger):\n{}",
                env.finish(undo).snapshot()
            );
        }
        assert!(started.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1));
    }
    let writer = env.net(&["add", "Zoe Late"]);
    let undone = env.finish(undo);
    assert_eq!(undone.code, 0, "{}", undone.snapshot());
    assert!(
        undone.stderr.starts_with("Undid: forget"),
        "{}",
        undone.snapshot()
    );
    assert_eq!(writer.code, 0, "{}", writer.snapshot());
    assert!(env.contact("Zoe Late")["name"] == "Zoe Late");
    assert_eq!(env.contact("Person 1")["name"], "Person 1");
}

#[test]
fn steps_recorded_by_the_triggers_of_schema_14_are_undone_as_that_net_undid_them() {
    // tests/fixtures/undo14.sh: steps (a forget among them) recorded by
    // the net that built TEMP undo triggers, and the rows after each of its
    // own undos, newest step first.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let env = TestEnv::new();
    std::fs::copy(fixtures.join("undo14.db"), env.db()).unwrap();
    let states = std::fs::read_to_string(fixtures.join("undo14.txt")).unwrap();
    let states: Vec<&str> = states
        .split("== after one more undo\n")
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(states.len(), 7);
    for state in states {
        env.ok_on("2026-11-22", &["undo"]);
        // Schema 17 added the modification times and merged UUIDs; since
        // derivation version 4 the kept totals count the interactions too.
        let rows = rows_except(&env.db(), &["modified", "merged"]);
        assert_eq!(without_counts(&rows), state);
    }
    let nothing = env.ok_on("2026-11-22", &["undo"]);
    let said = format!("{}{}", nothing.stdout, nothing.stderr);
    assert!(said.contains("Nothing to undo."), "{said}");
}
