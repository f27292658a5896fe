//! `net capture ics|mail` and `net inbox` (issue 14) on the fixtures of
//! tests/fixtures/capture/: only known people, what is left out, what is
//! recorded, never twice, time zones, the inbox, dry runs and undo.

use crate::common::{interactions, TestEnv, TODAY};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/capture/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

const ME: &str = "[me]\nemails = [\"me@example.com\"]\n";

/// Anna (#1), Bob (#2, his address in capitals), Carla (#3), Dan (#4, a second address).
fn network(env: &TestEnv) {
    env.write_config(ME);
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Bob Stone", "--email", "BOB@Example.org"]);
    env.ok(&["add", "Carla Diaz", "--email", "carla@example.org"]);
    env.ok(&[
        "add",
        "Dan Ek",
        "--email",
        "dan.ek@work.example",
        "--email",
        "dan@example.org",
    ]);
}

/// `capture … --json` with TZ set as given.
fn capture_json(env: &TestEnv, tz: Option<&str>, args: &[&str]) -> Value {
    let mut all = vec!["capture"];
    all.extend_from_slice(args);
    all.push("--json");
    let mut cmd = env.command(TODAY, &all);
    if let Some(tz) = tz {
        cmd.env("TZ", tz);
    }
    env.run(&mut cmd).success().json()
}

fn proposals(v: &Value) -> Vec<Value> {
    v["proposals"].as_array().expect("proposals").clone()
}

fn find<'a>(list: &'a [Value], source_id: &str) -> &'a Value {
    list.iter()
        .find(|p| p["source_id"] == source_id)
        .unwrap_or_else(|| panic!("no proposal {source_id} in {list:#?}"))
}

fn skipped(v: &Value, why: &str) -> i64 {
    v["skipped"][why].as_i64().unwrap_or(0)
}

fn inbox(env: &TestEnv) -> Vec<Value> {
    env.json(&["inbox", "--json"]).as_array().unwrap().clone()
}

/// Row counts of every table, the local ones included: what "changes
/// nothing" means for a dry run.
fn table_counts(db: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

/// A copy of the fixture Maildir that a test may add mail to.
fn maildir_copy(env: &TestEnv) -> PathBuf {
    let to = env.root().join("Mail");
    copy_dir(Path::new(&fixture("maildir")), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn ics_proposes_meetings_with_known_people_in_their_time_zone() {
    let env = TestEnv::new();
    network(&env);
    let ics = fixture("calendar.ics");
    let v = capture_json(
        &env,
        Some("Europe/Berlin"),
        &["ics", &ics, "--since", "2026-10-01", "--dry-run"],
    );
    let list = proposals(&v);
    // A weekly series in Europe/Berlin: 10:00 there, across the change to
    // winter time; the excluded date is not there; Bob declined, so only Anna.
    let first = find(&list, "ics:weekly-sync@example.org/20261006T080000Z");
    assert_eq!(first["date"], "2026-10-06");
    assert_eq!(first["time"], "10:00");
    assert_eq!(first["kind"], "meeting");
    assert_eq!(first["minutes"], 30);
    assert_eq!(first["contacts"], serde_json::json!([1]));
    assert_eq!(first["initiator"], "me");
    assert_eq!(
        find(&list, "ics:weekly-sync@example.org/20261027T090000Z")["time"],
        "10:00"
    );
    assert!(!list
        .iter()
        .any(|p| p["source_id"] == "ics:weekly-sync@example.org/20261020T080000Z"));
    // The moved occurrence keeps the id of its original start, with its own time.
    let moved = find(&list, "ics:weekly-sync@example.org/20261110T090000Z");
    assert_eq!(moved["date"], "2026-11-11");
    assert_eq!(moved["time"], "14:00");
    assert_eq!(moved["minutes"], 60);
    // A UTC time shown in the user's zone; the kind from the summary; they organized it.
    let call = find(&list, "ics:call-dan@example.org");
    assert_eq!(
        (&call["time"], &call["kind"], &call["minutes"]),
        (&"17:00".into(), &"call".into(), &30.into())
    );
    assert_eq!(call["initiator"], "they");
    assert_eq!(call["contacts"], serde_json::json!([4]));
    // All day: the kind's usual minutes ([kinds] lunch = 75), German summary.
    let lunch = find(&list, "ics:offsite@example.org");
    assert_eq!(
        (&lunch["kind"], &lunch["minutes"], &lunch["time"]),
        (&"lunch".into(), &75.into(), &Value::Null)
    );
    // A series started in 2020 is expanded in the window only, Bob's address in any case.
    let coffees: Vec<&Value> = list
        .iter()
        .filter(|p| {
            p["source_id"]
                .as_str()
                .unwrap()
                .starts_with("ics:old-weekly")
        })
        .collect();
    assert_eq!(coffees.len(), 7, "{coffees:#?}");
    assert!(coffees
        .iter()
        .all(|p| p["kind"] == "coffee" && p["contacts"] == serde_json::json!([2])));
    // Left out: cancelled, declined by me, me alone (focus) or nobody (dentist),
    // net's own check-ins, and Maria, who is not a contact (a hint then).
    assert_eq!(skipped(&v, "cancelled"), 1);
    assert_eq!(skipped(&v, "declined"), 1);
    assert_eq!(skipped(&v, "no one else"), 2);
    assert_eq!(skipped(&v, "net's own calendar"), 1);
    assert_eq!(skipped(&v, "no contact"), 1);
    assert!(!list
        .iter()
        .any(|p| p["source_id"] == "ics:stranger@example.org"
            || p["source_id"] == "ics:declined-coffee@example.org"
            || p["source_id"] == "ics:cancelled-lunch@example.org"));
    assert!(list.iter().all(|p| p["status"] == "new"));

    // The zone of the config wins over TZ; without either, UTC.
    env.write_config(&format!(
        "{ME}[capture]\ntime_zone = \"America/New_York\"\n"
    ));
    let v = capture_json(
        &env,
        Some("Europe/Berlin"),
        &["ics", &ics, "--since", "2026-10-01", "--dry-run"],
    );
    let p = proposals(&v);
    assert_eq!(
        find(&p, "ics:weekly-sync@example.org/20261006T080000Z")["time"],
        "04:00"
    );
    env.write_config(ME);
    let v = capture_json(
        &env,
        None,
        &["ics", &ics, "--since", "2026-10-01", "--dry-run"],
    );
    let p = proposals(&v);
    assert_eq!(
        find(&p, "ics:weekly-sync@example.org/20261006T080000Z")["time"],
        "08:00"
    );
}

#[test]
fn a_bad_time_zone_in_the_config_is_refused() {
    let env = TestEnv::new();
    env.write_config("[capture]\ntime_zone = \"Mars/Olympus\"\n");
    let line = env
        .net(&["capture", "ics", &fixture("calendar.ics")])
        .error(1);
    assert!(line.contains("time_zone"), "{line}");
}

#[test]
fn nets_own_calendar_is_never_captured() {
    let env = TestEnv::new();
    network(&env);
    let v = capture_json(
        &env,
        None,
        &["ics", &fixture("net-export.ics"), "--since", "2026-10-01"],
    );
    assert_eq!(proposals(&v), Vec::<Value>::new());
    assert!(skipped(&v, "net's own calendar") > 0, "{v:#}");
    assert!(inbox(&env).is_empty());
}

#[test]
fn your_own_addresses_are_never_people() {
    let env = TestEnv::new();
    network(&env);
    env.write_config("");
    let ics = fixture("calendar.ics");
    let without = capture_json(
        &env,
        None,
        &["ics", &ics, "--since", "2026-10-01", "--dry-run"],
    );
    // Without [me] emails, "me" is a stranger on every event: a hint.
    assert!(
        without["hints"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["email"] == "me@example.com"),
        "{without:#}"
    );
    env.write_config(ME);
    let with = capture_json(
        &env,
        None,
        &["ics", &ics, "--since", "2026-10-01", "--dry-run"],
    );
    assert!(!with["hints"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["email"] == "me@example.com"));
    assert_eq!(skipped(&with, "no one else"), 2);
}

#[test]
fn maildir_proposes_one_interaction_per_thread_and_day_and_leaves_out_bulk() {
    let env = TestEnv::new();
    network(&env);
    let v = capture_json(
        &env,
        Some("Europe/Berlin"),
        &[
            "mail",
            &fixture("maildir"),
            "--since",
            "2026-10-01",
            "--dry-run",
        ],
    );
    let list = proposals(&v);
    // Anna wrote, I answered from Sent the same day: one interaction she started.
    let day1 = find(&list, "mail-thread:t1@example.org@2026-10-05#1");
    assert_eq!(day1["kind"], "email");
    assert_eq!(day1["minutes"], 0);
    assert_eq!(day1["initiator"], "they");
    assert_eq!(day1["time"], "09:00");
    assert_eq!(day1["subject"], "Project kickoff");
    // Her answer the next day is the same thread on another day.
    assert_eq!(
        find(&list, "mail-thread:t1@example.org@2026-10-06#1")["subject"],
        "Re: Project kickoff"
    );
    // The encoded subject is decoded.
    assert_eq!(
        find(&list, "mail-thread:enc1@example.org@2026-10-07#3")["subject"],
        "Rückfrage"
    );
    // Dan's mail has no Message-ID: it still has a stable id; his second address matched.
    let dan: Vec<&Value> = list
        .iter()
        .filter(|p| p["contacts"] == serde_json::json!([4]))
        .collect();
    assert_eq!(dan.len(), 1, "{list:#?}");
    assert!(dan[0]["source_id"].as_str().unwrap().contains("hash-"));
    assert_eq!(list.len(), 4, "{list:#?}");
    assert_eq!(skipped(&v, "mailing list"), 1);
    assert_eq!(skipped(&v, "bulk"), 1);
    assert_eq!(skipped(&v, "automatic"), 1);
    assert_eq!(skipped(&v, "no-reply sender"), 1);
    assert_eq!(skipped(&v, "too many recipients"), 1);
    assert_eq!(skipped(&v, "no contact"), 3);
    let hint = &v["hints"][0];
    assert_eq!(
        (&hint["email"], &hint["count"]),
        (&"maria@example.net".into(), &3.into())
    );
    // The hint says how to add her, on stderr.
    let out = env.ok(&[
        "capture",
        "mail",
        &fixture("maildir"),
        "--since",
        "2026-10-01",
        "--dry-run",
    ]);
    assert!(
        out.stderr.contains("3 mails with maria@example.net, not a contact: net add \"Maria Rossi\" --email maria@example.net"),
        "{}",
        out.snapshot()
    );
}

#[test]
fn mail_to_many_people_is_proposed_when_the_limit_allows_it() {
    let env = TestEnv::new();
    network(&env);
    env.write_config(&format!(
        "{ME}[capture]\nmax_recipients = 20\nmail_minutes = 5\n"
    ));
    let v = capture_json(
        &env,
        None,
        &[
            "mail",
            &fixture("maildir"),
            "--since",
            "2026-10-01",
            "--dry-run",
        ],
    );
    let party = proposals(&v)
        .into_iter()
        .find(|p| p["subject"] == "Party!")
        .expect("the party mail");
    assert_eq!(party["contacts"], serde_json::json!([1, 4]));
    assert_eq!(party["minutes"], 5);
    assert_eq!(skipped(&v, "too many recipients"), 0);
}

#[test]
fn mbox_threads_i_started_count_as_mine() {
    let env = TestEnv::new();
    network(&env);
    let v = capture_json(
        &env,
        None,
        &[
            "mail",
            &fixture("mail.mbox"),
            "--since",
            "2026-10-01",
            "--dry-run",
        ],
    );
    let list = proposals(&v);
    let bob = find(&list, "mail-thread:m1@example.com@2026-10-01#2");
    assert_eq!(bob["initiator"], "me");
    assert_eq!(bob["subject"], "Lunch next week?");
    assert_eq!(
        find(&list, "mail-thread:enc2@example.org@2026-10-03#3")["subject"],
        "Rückfrage"
    );
    assert_eq!(list.len(), 2, "{list:#?}");
    assert_eq!(skipped(&v, "mailing list"), 1);
    assert_eq!(skipped(&v, "bulk"), 1);
    assert_eq!(skipped(&v, "no-reply sender"), 1);
    assert_eq!(skipped(&v, "too many recipients"), 1);
}

#[test]
fn without_a_terminal_proposals_wait_in_the_inbox_until_accepted_or_dropped() {
    let env = TestEnv::new();
    network(&env);
    let out = env.ok(&[
        "capture",
        "ics",
        &fixture("calendar.ics"),
        "--since",
        "2026-11-01",
    ]);
    assert!(
        out.stderr.contains("net inbox accept ID…|--all"),
        "{}",
        out.snapshot()
    );
    let waiting = inbox(&env);
    // Nov 2, 3, 9, 11 (moved), 16, 17.
    assert_eq!(waiting.len(), 6, "{waiting:#?}");
    assert_eq!(interactions(&env.export()).len(), 0);
    let listed = env.ok(&["inbox"]);
    assert!(
        listed.stdout.contains("Weekly sync (moved)"),
        "{}",
        listed.snapshot()
    );
    assert!(listed.stdout.contains("Anna Müller"));

    let id = |i: usize| waiting[i]["id"].as_i64().unwrap().to_string();
    env.ok(&["inbox", "accept", &id(0), &format!("#{}", id(1))]);
    // Undoing an accept puts the proposals back.
    env.ok(&["undo"]);
    assert_eq!(inbox(&env).len(), 6);
    assert_eq!(interactions(&env.export()).len(), 0);
    env.ok(&["inbox", "accept", &id(0), &id(1)]);
    env.ok(&["inbox", "drop", &id(2)]);
    assert_eq!(inbox(&env).len(), 3);
    let recorded = interactions(&env.export());
    assert_eq!(recorded.len(), 2, "{recorded:?}");
    assert_eq!(recorded[0].1, waiting[0]["date"].as_str().unwrap());

    // A number that is not there is refused, and nothing changes.
    let line = env.fails_unchanged(2, &["inbox", "accept", "99"]);
    assert!(line.contains("#99"), "{line}");

    env.ok(&["inbox", "drop", "--all"]);
    assert!(inbox(&env).is_empty());
    assert_eq!(interactions(&env.export()).len(), 2);
    // Dropped and accepted proposals are never proposed again.
    let again = capture_json(
        &env,
        None,
        &["ics", &fixture("calendar.ics"), "--since", "2026-11-01"],
    );
    assert_eq!(proposals(&again), Vec::<Value>::new());
    assert_eq!(again["captured_before"], 6);
}

#[test]
fn yes_records_every_proposal_and_moves_last_touch_and_due_date() {
    let env = TestEnv::new();
    network(&env);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        Value::Null
    );
    let v = capture_json(
        &env,
        Some("Europe/Berlin"),
        &[
            "ics",
            &fixture("calendar.ics"),
            "--since",
            "2026-11-01",
            "--yes",
        ],
    );
    assert!(proposals(&v).iter().all(|p| p["status"] == "accepted"));
    assert!(inbox(&env).is_empty());
    let anna = env.json(&["show", "anna", "--json"]);
    assert_eq!(anna["last_touch"], "2026-11-17");
    assert_eq!(anna["relationship"]["due_on"], "2027-01-17");
    let due = env.json(&["due", "--json", "--all"]);
    let entry = due["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == 1)
        .expect("Anna in `net due --all`");
    assert_eq!(entry["last_touch"], "2026-11-17");
    assert_eq!(entry["due_on"], "2027-01-17");
    let export = env.export();
    let meeting = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["date"] == "2026-11-17" && i["kind"] == "meeting")
        .expect("the meeting of Nov 17");
    assert_eq!(meeting["minutes"], 30);
    assert_eq!(meeting["time"], "10:00");
    assert_eq!(meeting["note"], "Weekly sync");
}

#[test]
fn mail_accepted_counts_no_minutes_against_the_budget() {
    let env = TestEnv::new();
    network(&env);
    env.ok_on(
        "2026-10-09",
        &[
            "capture",
            "mail",
            &fixture("maildir"),
            "--since",
            "2026-10-05",
            "--yes",
        ],
    );
    let export = env.export();
    let mails: Vec<&Value> = export["interactions"].as_array().unwrap().iter().collect();
    assert_eq!(mails.len(), 4);
    assert!(mails
        .iter()
        .all(|i| i["kind"] == "email" && i["minutes"] == 0));
    let due = env.ok_on("2026-10-09", &["due", "--json"]).json();
    assert_eq!(due["budget"]["minutes"], 0, "{due:#}");
}

#[test]
fn capturing_twice_proposes_nothing_new_and_reads_only_new_mail() {
    let env = TestEnv::new();
    network(&env);
    let ics = fixture("calendar.ics");
    let first = capture_json(&env, None, &["ics", &ics, "--since", "2026-10-01"]);
    let n = proposals(&first).len();
    assert!(n > 10);
    let second = capture_json(&env, None, &["ics", &ics, "--since", "2026-10-01"]);
    assert_eq!(proposals(&second), Vec::<Value>::new());
    assert_eq!(second["captured_before"], n);
    assert_eq!(inbox(&env).len(), n);

    // A Maildir: the second run reads only the file that arrived since.
    let dir = maildir_copy(&env);
    let dir_s = dir.display().to_string();
    let m1 = capture_json(&env, None, &["mail", &dir_s, "--since", "2026-10-01"]);
    assert_eq!(proposals(&m1).len(), 4);
    let m2 = capture_json(&env, None, &["mail", &dir_s]);
    assert_eq!(proposals(&m2), Vec::<Value>::new());
    assert_eq!(m2["captured_before"], 0, "no file was read again: {m2:#}");
    assert_eq!(m2["skipped"], serde_json::json!({}));
    std::fs::write(
        dir.join("new/1795000000.M99P199.host"),
        "From: Bob Stone <bob@example.org>\nTo: me@example.com\nSubject: Ping\nDate: Sat, 21 Nov 2026 10:00:00 +0100\nMessage-ID: <ping@example.org>\n\nbody\n",
    )
    .unwrap();
    let m3 = capture_json(&env, None, &["mail", &dir_s]);
    let p = proposals(&m3);
    assert_eq!(p.len(), 1, "{m3:#}");
    assert_eq!(
        p[0]["source_id"],
        "mail-thread:ping@example.org@2026-11-21#2"
    );
    // --since reads everything again; the ids keep it from proposing twice.
    let m4 = capture_json(&env, None, &["mail", &dir_s, "--since", "2026-10-01"]);
    assert_eq!(proposals(&m4), Vec::<Value>::new());
    assert_eq!(m4["captured_before"], 5);

    // An mbox file: the next scan starts where the last one ended.
    let mbox = env.root().join("inbox.mbox");
    std::fs::copy(fixture("mail.mbox"), &mbox).unwrap();
    let mbox_s = mbox.display().to_string();
    assert_eq!(
        proposals(&capture_json(
            &env,
            None,
            &["mail", &mbox_s, "--since", "2026-10-01"]
        ))
        .len(),
        2
    );
    let mut text = std::fs::read_to_string(&mbox).unwrap();
    text.push_str("From carla@example.org Sat Nov 21 10:00:00 2026\nFrom: Carla Diaz <carla@example.org>\nTo: me@example.com\nSubject: Termin\nDate: Sat, 21 Nov 2026 11:00:00 +0100\nMessage-ID: <termin@example.org>\n\nHallo\n");
    std::fs::write(&mbox, text).unwrap();
    let again = capture_json(&env, None, &["mail", &mbox_s]);
    let p = proposals(&again);
    assert_eq!(p.len(), 1, "{again:#}");
    assert_eq!(p[0]["subject"], "Termin");
    assert_eq!(again["captured_before"], 0, "old mail was not read again");
}

#[test]
fn a_proposal_attaches_to_a_manual_log_of_the_same_person_that_day() {
    let env = TestEnv::new();
    network(&env);
    env.ok(&["log", "call", "anna", "--on", "2026-11-17", "--for", "15m"]);
    let v = capture_json(
        &env,
        None,
        &[
            "ics",
            &fixture("calendar.ics"),
            "--since",
            "2026-11-01",
            "--yes",
        ],
    );
    let logged = v["already_logged"].as_array().unwrap();
    assert_eq!(logged.len(), 1, "{v:#}");
    assert_eq!(
        logged[0]["source_id"],
        "ics:weekly-sync@example.org/20261117T090000Z"
    );
    assert_eq!(logged[0]["interaction"], 1);
    let on_17: Vec<_> = interactions(&env.export())
        .into_iter()
        .filter(|(_, d, c)| d == "2026-11-17" && c.contains(&1))
        .collect();
    assert_eq!(
        on_17,
        vec![("call".to_string(), "2026-11-17".to_string(), vec![1])]
    );
    // And it is never proposed again either.
    let again = capture_json(
        &env,
        None,
        &["ics", &fixture("calendar.ics"), "--since", "2026-11-01"],
    );
    assert_eq!(proposals(&again), Vec::<Value>::new());

    // A proposal accepted from the inbox after a manual log that day attaches too.
    let env = TestEnv::new();
    network(&env);
    env.ok(&[
        "capture",
        "ics",
        &fixture("calendar.ics"),
        "--since",
        "2026-11-15",
    ]);
    env.ok(&["log", "coffee", "bob", "--on", "2026-11-16"]);
    env.ok(&["inbox", "accept", "--all"]);
    let recorded = interactions(&env.export());
    assert_eq!(
        recorded,
        vec![
            ("coffee".to_string(), "2026-11-16".to_string(), vec![2]),
            ("meeting".to_string(), "2026-11-17".to_string(), vec![1]),
        ]
    );
}

#[test]
fn a_dry_run_changes_nothing_not_even_what_was_scanned() {
    let env = TestEnv::new();
    network(&env);
    let dir = maildir_copy(&env);
    let dir_s = dir.display().to_string();
    let before = table_counts(&env.db());
    for args in [
        vec![
            "capture",
            "ics",
            &fixture("calendar.ics"),
            "--since",
            "2026-10-01",
            "--dry-run",
        ],
        vec!["capture", "mail", &dir_s, "--dry-run"],
        vec!["capture", "mail", &fixture("mail.mbox"), "--dry-run"],
    ] {
        let out = env.ok(&args);
        assert!(
            out.stderr.contains("Dry run: nothing saved."),
            "{}",
            out.snapshot()
        );
    }
    assert_eq!(table_counts(&env.db()), before);
    // The real run afterwards still reads everything.
    let v = capture_json(&env, None, &["mail", &dir_s, "--since", "2026-10-01"]);
    assert_eq!(proposals(&v).len(), 4);
}

#[test]
fn one_capture_is_one_undo_step() {
    let env = TestEnv::new();
    network(&env);
    let ics = fixture("calendar.ics");
    env.ok(&["capture", "ics", &ics, "--since", "2026-11-01", "--yes"]);
    assert_eq!(interactions(&env.export()).len(), 6);
    let undo = env.ok(&["undo"]);
    assert!(undo.stderr.contains("capture ics"), "{}", undo.snapshot());
    assert_eq!(interactions(&env.export()).len(), 0);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        Value::Null
    );
    // Undone, the items are no longer known: capturing again proposes them.
    let v = capture_json(&env, None, &["ics", &ics, "--since", "2026-11-01"]);
    assert_eq!(proposals(&v).len(), 6);
    env.ok(&["undo"]);
    assert!(inbox(&env).is_empty());
}

#[test]
fn a_missing_source_is_named() {
    let env = TestEnv::new();
    network(&env);
    let line = env.fails_unchanged(2, &["capture", "mail", "nowhere"]);
    assert!(line.contains("nowhere"), "{line}");
    let line = env.fails_unchanged(2, &["capture", "ics", "nowhere.ics"]);
    assert!(line.contains("nowhere.ics"), "{line}");
}

#[test]
fn mail_in_a_sent_folder_is_mine_even_without_my_addresses() {
    let env = TestEnv::new();
    network(&env);
    env.write_config("");
    let dir = env.root().join("Sent-only");
    copy_dir(Path::new(&fixture("maildir/.Sent")), &dir.join(".Sent"));
    let v = capture_json(
        &env,
        None,
        &[
            "mail",
            &dir.display().to_string(),
            "--since",
            "2026-10-01",
            "--dry-run",
        ],
    );
    let list = proposals(&v);
    assert_eq!(list.len(), 1, "{v:#}");
    assert_eq!(list[0]["initiator"], "me");
    assert_eq!(list[0]["contacts"], serde_json::json!([1]));
    assert_eq!(
        list[0]["source_id"],
        "mail-thread:t1@example.org@2026-10-05#1"
    );
}
