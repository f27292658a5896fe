//! `net who TEXT` over what was logged: interaction notes, gave/got and places
//! (the FTS5 index of migration 0009), ranked after contact fields, kept right
//! by every write and by `net undo`.

use crate::common::TestEnv;

/// Anna (org Augsburger Druck), Bob (why: knows Augsburg), Carl (a note of a coffee
/// in Augsburg, #1), Dora (gave something Zürich-related, #2).
fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--org", "Augsburger Druck"]);
    env.ok(&["add", "Bob Stone", "--why", "knows everyone in Augsburg"]);
    env.ok(&["add", "Carl Berg"]);
    env.ok(&["add", "Dora Klein"]);
    env.ok(&[
        "log",
        "coffee",
        "carl",
        "--note",
        "met at the fair in Augsburg",
        "--on",
        "2026-11-03",
    ]);
    env.ok(&[
        "log",
        "call",
        "dora",
        "--gave",
        "the Zürich office's number",
    ]);
    env
}

fn found(env: &TestEnv, text: &str) -> Vec<(i64, Vec<String>)> {
    env.json(&["who", text, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let m = h["matched"].as_array().unwrap();
            (
                h["id"].as_i64().unwrap(),
                m.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn who_finds_logged_notes_ranked_after_names_and_whys() {
    let env = network();
    assert_eq!(
        found(&env, "augsburg"),
        vec![
            (1, vec!["org".to_string()]),
            (2, vec!["why".to_string()]),
            (3, vec!["log #1 note (2026-11-03)".to_string()]),
        ]
    );
    // Accents and case do not matter, words are prefixes, and gave/got count too.
    assert_eq!(
        found(&env, "ZURICH"),
        vec![(4, vec!["log #2 gave (2026-11-22)".to_string()])]
    );
    assert_eq!(
        found(&env, "fair augs"),
        vec![(3, vec!["log #1 note (2026-11-03)".to_string()])]
    );
    let out = env.ok(&["who", "augsburg"]);
    insta::assert_snapshot!(out.snapshot(), @r"
     #  Name         Org               Found in
     1  Anna Müller  Augsburger Druck  org
     2  Bob Stone                      why
     3  Carl Berg                      log #1 note (2026-11-03)
    [exit 0]
    ");
    // FTS5 syntax in the text is only text.
    env.ok(&["who", "augsburg OR \"x\" NEAR(*"]);
}

#[test]
fn edits_deletes_and_undo_keep_the_index_right() {
    let env = network();
    env.ok(&["log", "edit", "1", "--note", "met at the fair in Munich"]);
    assert!(found(&env, "augsburg").iter().all(|(id, _)| *id != 3));
    assert_eq!(found(&env, "munich")[0].0, 3);
    env.ok(&["undo"]);
    assert_eq!(found(&env, "augsburg")[2].0, 3);
    assert!(found(&env, "munich").is_empty());
    env.ok(&["log", "rm", "1", "--yes"]);
    assert_eq!(found(&env, "fair"), vec![]);
    env.ok(&["undo"]);
    assert_eq!(found(&env, "fair")[0].0, 3);
    // Moved to someone else: found under them.
    env.ok(&["log", "edit", "1", "--add", "anna", "--remove", "carl"]);
    assert_eq!(found(&env, "fair")[0].0, 1);
    // Forgetting a person takes what only they were part of out of the index.
    env.ok(&["forget", "dora", "--yes"]);
    assert!(found(&env, "zurich").is_empty());
    env.ok(&["undo"]);
    assert_eq!(found(&env, "zurich")[0].0, 4);
}

#[test]
fn an_older_database_gets_its_history_indexed_on_upgrade() {
    let env = network();
    // Back to the schema before the index (0009 is the 9th migration; the
    // 10th, 0010, only adds an index; the 11th, 0011, two local tables; the
    // 12th, 0012, undo's row table; the 13th, 0013, contacts.name_parts; the
    // 14th, 0014, a column of history totals; then 0016, the index again,
    // with dates and people; 0017, the modification times and merged UUIDs),
    // as a net before the index left it.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "DROP TABLE local_search; DROP TRIGGER IF EXISTS local_search_insert;
         DROP TRIGGER IF EXISTS local_search_delete; DROP TRIGGER IF EXISTS local_search_update;
         DROP TABLE local_search_people; DROP TRIGGER local_search_people_insert;
         DROP TRIGGER local_search_people_delete; DROP TRIGGER local_search_people_update;
         DROP INDEX contacts_search_text; DROP TABLE local_contact_words;
         DROP TRIGGER local_contact_words_insert; DROP TRIGGER local_contact_words_delete;
         DROP TRIGGER local_contact_words_update;
         DROP INDEX IF EXISTS contacts_nurtured; DELETE FROM journal; DROP TABLE undo_rows;
         DROP TABLE local_capture_calendar_pending; DROP TABLE local_capture_calendars;
         ALTER TABLE contacts DROP COLUMN name_parts;
         ALTER TABLE contacts DROP COLUMN history_agg;
         ALTER TABLE contacts DROP COLUMN modified; ALTER TABLE contacts DROP COLUMN merged;
         ALTER TABLE interactions DROP COLUMN modified; ALTER TABLE followups DROP COLUMN modified;
         PRAGMA user_version = 8;",
    )
    .unwrap();
    drop(conn);
    assert_eq!(found(&env, "augsburg")[2].0, 3);
    assert_eq!(
        found(&env, "zurich"),
        vec![(4, vec!["log #2 gave (2026-11-22)".to_string()])]
    );
}

#[test]
fn dates_merges_notes_and_imports_keep_the_index_right() {
    let env = network();
    let carl = |date: &str| vec![(3, vec![format!("log #1 note ({date})")])];
    // A new date is the one shown, and what is latest follows it.
    env.ok(&["log", "edit", "1", "--on", "2026-10-01"]);
    assert_eq!(found(&env, "fair"), carl("2026-10-01"));
    env.ok(&[
        "log",
        "coffee",
        "carl",
        "--note",
        "the fair again",
        "--on",
        "2026-09-01",
    ]);
    assert_eq!(found(&env, "fair"), carl("2026-10-01"));
    env.ok(&["log", "edit", "3", "--on", "2026-10-02"]);
    assert_eq!(
        found(&env, "fair"),
        vec![(3, vec!["log #3 note (2026-10-02)".to_string()])]
    );
    env.ok(&["log", "rm", "3", "--yes"]);
    // A merge moves what was logged to the one kept; undo moves it back.
    env.ok(&["merge", "#4", "#3"]);
    assert_eq!(
        found(&env, "fair"),
        vec![(4, vec!["log #1 note (2026-10-01)".to_string()])]
    );
    env.ok(&["undo"]);
    assert_eq!(found(&env, "fair"), carl("2026-10-01"));
    // A contact's notes are searched as they are now.
    env.ok(&["note", "dora", "sails on the Ammersee", "--about", "hobby"]);
    assert_eq!(
        found(&env, "ammersee"),
        vec![(4, vec!["notes".to_string()])]
    );
    env.ok(&["note", "edit", "1", "--text", "sails on the Chiemsee"]);
    assert!(found(&env, "ammersee").is_empty());
    assert_eq!(found(&env, "chiemsee")[0].0, 4);
    // An import into an empty database is indexed, and its undo empties the index.
    let backup = env.root().join("backup.json");
    env.ok(&["export", "json", "--out", backup.to_str().unwrap()]);
    let copy = TestEnv::new();
    copy.ok(&["import", "json", backup.to_str().unwrap()]);
    assert_eq!(found(&copy, "fair"), carl("2026-10-01"));
    assert_eq!(found(&copy, "zurich"), found(&env, "zurich"));
    copy.ok(&["undo"]);
    assert!(found(&copy, "fair").is_empty());
    copy.ok(&["add", "Carl Berg"]);
    assert!(found(&copy, "fair").is_empty());
}

#[test]
fn many_people_found_only_in_the_log_are_capped_and_counted() {
    let env = TestEnv::new();
    let names: Vec<String> = (1..=53).map(|n| format!("Person{n:02} Test")).collect();
    let mut args = vec!["log", "meeting"];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--new", "--note", "the Hamburg workshop"]);
    env.ok(&args);
    let out = env.ok(&["who", "hamburg", "--json"]);
    assert_eq!(out.json().as_array().unwrap().len(), 50);
    assert!(
        out.stderr.contains("3 more found only in what was logged"),
        "{}",
        out.stderr
    );
}

/// A whole word is looked up as a whole term when no longer word of the log
/// starts with it (issue 12: `who` without FTS5's prefix merge), and as a
/// prefix whenever one does, also after such a word is logged or removed.
#[test]
fn a_word_finds_its_longer_forms_however_it_is_asked_for() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["log", "coffee", "anna", "--note", "trade fair in Hamburg"]);
    let ids = |text: &str| -> Vec<i64> { found(&env, text).iter().map(|(id, _)| *id).collect() };
    // Only "hamburg" starts so: a whole-term look-up, the same answer.
    assert_eq!(ids("hamburg"), [1]);
    assert_eq!(ids("Hamburg"), [1]);
    assert_eq!(ids("hamb"), [1]);
    // A longer word arrives: the prefix finds both.
    env.ok(&[
        "log",
        "lunch",
        "bob",
        "--note",
        "Hamburger at the station",
        "--at",
        "Hamburgmesse",
    ]);
    assert_eq!(ids("hamburg"), [1, 2]);
    assert_eq!(ids("hamburger"), [2]);
    let bob = found(&env, "hamburg");
    assert!(
        bob[1]
            .1
            .iter()
            .any(|m| m.ends_with(")") && m.starts_with("log #2")),
        "{bob:?}"
    );
    // And goes again.
    env.ok(&["undo"]);
    assert_eq!(ids("hamburg"), [1]);
    assert_eq!(ids("hamburger"), Vec::<i64>::new());
}
