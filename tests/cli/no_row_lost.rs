//! Never lose a row (issue #11): a write reads what it changes inside the
//! write lock; a backup restores anywhere; undo takes back only its own step.

use crate::common::{Output, TestEnv, TODAY};
use std::process::Stdio;
use std::time::Duration;

/// Runs `net ARGS` while another writer holds the write lock and makes the
/// change `sql` in it: `net` starts (and reads) before that change commits
/// and can only write after it. Returns what `net` said.
fn while_another_writes(env: &TestEnv, sql: &str, args: &[&str]) -> Output {
    let conn = rusqlite::Connection::open(env.db()).expect("opening the database");
    conn.execute_batch("PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;")
        .expect("taking the write lock");
    conn.execute_batch(sql).expect("the other writer's change");
    let child = env
        .command(TODAY, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting net");
    // Long enough for net to start, resolve, read and wait for the lock.
    std::thread::sleep(Duration::from_millis(1500));
    conn.execute_batch("COMMIT")
        .expect("committing the other write");
    env.finish(child)
}

/// Anna (#1) with an e-mail, a phone, a note and a reason; Bob (#2).
fn anna_and_bob() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Anna Müller",
        "--email",
        "anna@example.org",
        "--phone",
        "+49 30 1234",
        "--why",
        "mentor",
        "--note",
        "likes tea",
    ]);
    env.ok(&["add", "Bob Stone", "--email", "bob@example.org"]);
    env
}

const FORGET_ANNA: &str = "DELETE FROM contacts WHERE id = 1;";
const GONE: &str = "net: Anna Müller (#1) was removed by another net just now: nothing was saved";

fn names(env: &TestEnv) -> Vec<String> {
    env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

// ------------------------------------------------------------- 1. read inside the lock

#[test]
fn an_edit_waiting_for_a_forget_does_not_bring_the_contact_back() {
    let env = anna_and_bob();
    let out = while_another_writes(&env, FORGET_ANNA, &["edit", "anna", "--org", "X"]);
    assert_eq!(out.error(1), GONE);
    assert_eq!(names(&env), ["Bob Stone"]);
    assert!(env.net(&["doctor"]).stdout.contains("ok     integrity"));
}

#[test]
fn every_waiting_for_a_forget_does_not_bring_the_contact_back() {
    let env = anna_and_bob();
    let out = while_another_writes(&env, FORGET_ANNA, &["every", "anna", "2w"]);
    assert_eq!(out.error(1), GONE);
    assert_eq!(names(&env), ["Bob Stone"]);
}

#[test]
fn an_edit_waiting_for_a_merge_keeps_what_the_merge_brought() {
    let env = anna_and_bob();
    // What `net merge anna bob` leaves: Bob's e-mail, his name as an alias
    // and his cadence on Anna, Bob gone.
    let merge = "INSERT INTO contact_info (contact_id, kind, position, value) VALUES (1, 'email', 1, 'bob@example.org');
                 INSERT INTO aliases (contact_id, alias) VALUES (1, 'Bob Stone');
                 UPDATE contacts SET every = '2w' WHERE id = 1;
                 DELETE FROM contacts WHERE id = 2;";
    let out = while_another_writes(&env, merge, &["edit", "anna", "--tag", "edited"]);
    out.success();
    let anna = env.contact("anna");
    assert_eq!(
        anna["emails"],
        serde_json::json!(["anna@example.org", "bob@example.org"])
    );
    assert_eq!(anna["aliases"], serde_json::json!(["Bob Stone"]));
    assert_eq!(anna["every"], "2w");
    assert_eq!(anna["tags"], serde_json::json!(["edited"]));
}

#[test]
fn an_edit_waiting_for_an_import_keeps_what_the_import_brought() {
    let env = anna_and_bob();
    let import = "INSERT INTO contact_info (contact_id, kind, position, value) VALUES (1, 'email', 1, 'anna@new.example');
                  INSERT INTO contact_info (contact_id, kind, position, value) VALUES (1, 'phone', 1, '+49 30 9999');
                  UPDATE contacts SET notes = 'from the card', org = 'Card GmbH' WHERE id = 1;";
    while_another_writes(&env, import, &["edit", "anna", "--tag", "client"]).success();
    let anna = env.contact("anna");
    assert_eq!(
        anna["emails"],
        serde_json::json!(["anna@example.org", "anna@new.example"])
    );
    assert_eq!(
        anna["phones"],
        serde_json::json!(["+49 30 1234", "+49 30 9999"])
    );
    assert_eq!(anna["notes"], "from the card");
    assert_eq!(anna["org"], "Card GmbH");
    assert_eq!(anna["tags"], serde_json::json!(["client"]));
}

#[test]
fn an_edit_changes_only_the_fields_it_names() {
    let env = anna_and_bob();
    // Another net renamed Anna's org and cleared her reason meanwhile; the
    // edit sets the role only.
    let other = "UPDATE contacts SET org = 'Other GmbH', why = NULL WHERE id = 1;";
    while_another_writes(&env, other, &["edit", "anna", "--role", "CTO"]).success();
    let anna = env.contact("anna");
    assert_eq!(anna["org"], "Other GmbH");
    assert_eq!(anna.get("why"), None, "{anna}");
    assert_eq!(anna["role"], "CTO");
}

#[test]
fn every_write_about_a_contact_forgotten_meanwhile_fails_cleanly() {
    let cases: &[&[&str]] = &[
        &["log", "call", "anna"],
        &["note", "anna", "tea, not coffee", "--about", "family"],
        &["gave", "anna", "the article"],
        &["got", "anna", "a referral"],
        &["assess", "anna", "--yes", "1,2"],
        &["intro", "anna", "bob"],
        &["archive", "anna"],
        &["snooze", "anna", "2w"],
        &["forget", "anna", "--yes"],
        &["merge", "bob", "anna"],
        &["edit", "bob", "--via", "anna"],
        &["add", "Carla Diaz", "--via", "anna"],
    ];
    for args in cases {
        let env = anna_and_bob();
        let out = while_another_writes(&env, FORGET_ANNA, args);
        assert_eq!(out.error(1), GONE, "net {}", args.join(" "));
        assert_eq!(names(&env), ["Bob Stone"], "net {}", args.join(" "));
        let v = env.export();
        assert_eq!(v["interactions"], serde_json::json!([]));
        assert_eq!(v.get("notes"), None);
        assert_eq!(v.get("assessments"), None);
    }
}

/// `net note … --edit` at a pseudo-terminal (util-linux `script`), with an
/// editor that types the note and, while it is open, has another net forget
/// the contact. None without `script`.
fn note_edit_while_forgotten(env: &TestEnv) -> Option<String> {
    let script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .ok()?;
    if !script.status.success() {
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_net");
    let editor = env.write(
        "editor.sh",
        &format!(
            "printf 'she moved to Lisbon' > \"$1\"\n'{bin}' forget '#1' --yes >/dev/null 2>&1\n"
        ),
    );
    let cmd = env.command(TODAY, &[]);
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let out = std::process::Command::new("script")
        .arg("-qec")
        .arg(format!("'{bin}' note anna --about family --edit"))
        .arg("/dev/null")
        .env_clear()
        .envs(envs)
        .env("EDITOR", format!("sh {}", editor.display()))
        .env("TERM", "dumb")
        .current_dir(env.root())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_note_typed_while_the_contact_goes_is_kept_in_a_file() {
    let env = anna_and_bob();
    let Some(said) = note_edit_while_forgotten(&env) else {
        eprintln!("no `script`: skipped");
        return;
    };
    assert!(
        said.contains("was removed by another net just now"),
        "{said}"
    );
    assert!(!said.contains("FOREIGN KEY"), "{said}");
    let kept: Vec<_> = std::fs::read_dir(env.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("net-unsaved-note-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{said}");
    let path = kept[0].path();
    assert!(
        said.contains(&*kept[0].file_name().to_string_lossy()),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().trim(),
        "she moved to Lisbon"
    );
    #[cfg(unix)]
    assert_eq!(crate::common::mode(&path), 0o600);
}

/// Twelve processes at once on one database: six add tags to Anna, two merge
/// others into her, two forget others, two import a card of her with a new
/// e-mail address. Every write that said it was saved is there afterwards.
#[test]
fn twelve_processes_mixing_edits_merges_forgets_and_imports_lose_nothing() {
    const EDITS: usize = 10;
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    for n in ["One", "Two", "Three", "Four"] {
        env.ok(&[
            "add",
            &format!("Bert {n}"),
            "--email",
            &format!("bert.{}@example.org", n.to_lowercase()),
        ]);
        env.ok(&["add", &format!("Cleo {n}")]);
    }
    for n in 0..4 {
        env.write(
            &format!("anna{n}.vcf"),
            &format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nEMAIL:anna@example.org\r\nEMAIL:anna{n}@import.example\r\nEND:VCARD\r\n"
            ),
        );
    }
    let run = |args: Vec<String>| -> (Vec<String>, Output) {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.net(&refs);
        (args, out)
    };
    let results: Vec<(Vec<String>, Output)> = std::thread::scope(|s| {
        let mut handles = Vec::new();
        for p in 0..12 {
            let run = &run;
            handles.push(s.spawn(move || {
                let mut done = Vec::new();
                for i in 0..EDITS {
                    let args: Vec<String> = match p {
                        0..=5 => vec![
                            "edit".into(),
                            "#1".into(),
                            "--tag".into(),
                            format!("p{p}i{i}"),
                        ],
                        6 | 7 if i < 2 => {
                            let n = ["One", "Two", "Three", "Four"][(p - 6) * 2 + i];
                            vec!["merge".into(), "#1".into(), format!("Bert {n}")]
                        }
                        8 | 9 if i < 2 => {
                            let n = ["One", "Two", "Three", "Four"][(p - 8) * 2 + i];
                            vec!["forget".into(), format!("Cleo {n}"), "--yes".into()]
                        }
                        10 | 11 if i < 2 => vec![
                            "import".into(),
                            "vcard".into(),
                            format!("anna{}.vcf", (p - 10) * 2 + i),
                        ],
                        _ => continue,
                    };
                    done.push(run(args));
                }
                done
            }));
        }
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let anna = env.contact("#1");
    let has = |field: &str, value: &str| {
        anna[field]
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v == value))
    };
    let mut lost = Vec::new();
    let mut saved = 0;
    for (args, out) in &results {
        if out.code != 0 {
            lost.push(format!("failed: net {}: {}", args.join(" "), out.stderr));
            continue;
        }
        saved += 1;
        let kept = match args[0].as_str() {
            "edit" => has("tags", &args[3]),
            "merge" => {
                let n = args[2].trim_start_matches("Bert ").to_lowercase();
                has("emails", &format!("bert.{n}@example.org")) && has("aliases", &args[2])
            }
            "forget" => !env.net(&["show", &args[1]]).stdout.contains(&args[1]),
            _ => {
                let n = args[2].trim_start_matches("anna").trim_end_matches(".vcf");
                has("emails", &format!("anna{n}@import.example"))
            }
        };
        if !kept {
            lost.push(format!("lost: net {}", args.join(" ")));
        }
    }
    eprintln!(
        "{saved} writes reported saved, {} lost or failed",
        lost.len()
    );
    assert!(lost.is_empty(), "{lost:#?}\n{anna}");
    assert_eq!(saved, 6 * EDITS + 12);
}

// ------------------------------------------------------------- 2. backups that restore

/// Exports `env`, imports that into a new database and exports again:
/// the two documents must be the same bytes.
fn restores_byte_identical(env: &TestEnv) {
    let backup = env.db_dump();
    let file = env.write("backup.json", &backup);
    let fresh = TestEnv::new();
    let out = fresh.net(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(
        out.code,
        0,
        "the backup does not restore:\n{}",
        out.snapshot()
    );
    assert_eq!(fresh.db_dump(), backup, "the restore differs");
}

#[test]
fn introductions_to_later_contacts_and_cycles_restore() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["edit", "anna", "--via", "bob"]);
    restores_byte_identical(&env);
    env.ok(&["edit", "bob", "--via", "anna"]);
    restores_byte_identical(&env);
}

/// A tiny deterministic generator, so a failing sequence can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Any database reachable through commands restores byte-identical: a few
/// random sequences of adds, edits (with introductions both ways), logs,
/// notes, promises, merges, forgets and rules.
#[test]
fn any_database_made_by_commands_restores_byte_identical() {
    for seed in 1..=4u64 {
        let mut rng = Lcg(seed);
        let env = TestEnv::new();
        let mut people = 0;
        for step in 0..14 {
            let who = format!("#{}", 1 + rng.next(people.max(1)));
            let other = format!("#{}", 1 + rng.next(people.max(1)));
            let args: Vec<String> = match (people, rng.next(9)) {
                (0..=2, _) | (_, 0) => {
                    people += 1;
                    vec![
                        "add".into(),
                        format!("Person {seed}x{step}"),
                        "--email".into(),
                        format!("p{step}@example.org"),
                    ]
                }
                (_, 1) => vec!["edit".into(), who, "--via".into(), other],
                (_, 2) => vec![
                    "log".into(),
                    "coffee".into(),
                    who,
                    "--note".into(),
                    format!("step {step}"),
                ],
                (_, 3) => vec![
                    "note".into(),
                    who,
                    format!("fact {step}"),
                    "--about".into(),
                    "family".into(),
                ],
                (_, 4) => vec![
                    "log".into(),
                    "call".into(),
                    who,
                    "--follow-up".into(),
                    format!("send {step}"),
                ],
                (_, 5) => vec!["merge".into(), who, other],
                (_, 6) => vec![
                    "rule".into(),
                    "add".into(),
                    "--tag".into(),
                    format!("t{step}"),
                    "--every".into(),
                    "3mo".into(),
                ],
                (_, 7) => vec![
                    "edit".into(),
                    who,
                    "--tag".into(),
                    format!("t{}", rng.next(14)),
                    "--every".into(),
                    "2mo".into(),
                ],
                _ => vec!["assess".into(), who, "--yes".into(), "1,3".into()],
            };
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            // Some steps are refused (a merge of one with itself, a missing
            // id after a merge): the database stays reachable either way.
            env.net(&refs);
        }
        restores_byte_identical(&env);
    }
}

// ------------------------------------------------------------- 4. undo of an import

#[test]
fn undoing_an_import_keeps_the_rules_that_were_there_before() {
    let env = TestEnv::new();
    env.ok(&["rule", "add", "--tag", "client", "--every", "3mo"]);
    env.ok(&["rule", "add", "--tag", "family", "--every", "2w"]);
    let before = env.db_dump();
    let file = env.write(
        "backup.json",
        r#"{"format": "net/1",
            "contacts": [{"id": 1, "name": "Anna Müller", "tags": ["client"], "added_on": "2026-01-05"}],
            "rules": [{"tag": "client", "every": "1mo"}, {"tag": "expert", "every": "6mo"}]}"#,
    );
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let rules = env.export()["rules"].clone();
    assert_eq!(
        rules,
        serde_json::json!([{"tag": "client", "every": "1mo"}, {"tag": "expert", "every": "6mo"}, {"tag": "family", "every": "2w"}])
    );
    env.ok(&["undo"]);
    assert_eq!(
        env.db_dump(),
        before,
        "the rules of before are back as they were"
    );
}

// ------------------------------------------------------------- 6. a backup carries its minutes

#[test]
fn a_restore_without_the_config_gives_the_same_numbers() {
    let env = TestEnv::new();
    env.write_config("[kinds]\nconference = 240\ncoffee = 60\n");
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["log", "conference", "anna", "--on", "2026-11-20"]);
    env.ok(&["log", "coffee", "anna", "--on", "2026-11-21"]);
    env.ok(&["log", "call", "anna", "--for", "5m"]);
    let depth = env.contact("anna")["depth_minutes"].clone();
    let minutes = |env: &TestEnv| {
        let b = env.json(&["budget", "--json"]);
        (
            b["this_week"]["minutes"].clone(),
            b["this_month"]["minutes"].clone(),
        )
    };
    let budget = minutes(&env);
    let file = env.write("backup.json", &env.db_dump());

    // Another machine: no config at all.
    let other = TestEnv::new();
    other.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(other.contact("anna")["depth_minutes"], depth);
    assert_eq!(minutes(&other), budget);
    // A kind that is in the history can be logged again.
    other.ok(&["log", "conference", "anna"]);
}

#[test]
fn the_minimal_document_of_the_product_imports() {
    let env = TestEnv::new();
    let file = env.write(
        "minimal.json",
        r#"{
  "format": "net/1",
  "contacts": [
    {"id": 1, "name": "Anna Müller", "org": "Müller GmbH", "tags": ["client"],
     "every_days": 60, "birthday": "--04-15", "status": "active"},
    {"id": 2, "name": "Bob Stone", "every": "2mo"},
    {"id": 3, "name": "Carla Diaz", "every_days": "30"}
  ],
  "interactions": [
    {"kind": "coffee", "date": "2026-11-20", "minutes": 45, "contacts": [1],
     "note": "…", "gave": "…", "got": "…"}
  ]
}"#,
    );
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let v = env.export();
    let contacts = v["contacts"].as_array().unwrap();
    // Without added_on: the day of the first interaction in the file, or the day of the import.
    assert_eq!(contacts[0]["added_on"], "2026-11-20");
    assert_eq!(contacts[1]["added_on"], TODAY);
    assert_eq!(contacts[1]["every"], "2mo");
    assert_eq!(contacts[2]["every"], "30d");
}

// ------------------------------------------------------------- 3. the upgrade copy

fn schema1_env() -> TestEnv {
    let env = TestEnv::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema1.db");
    std::fs::copy(fixture, env.db()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env
}

/// The schema version and contact count of an upgrade copy.
fn copy_holds(path: &std::path::Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let contacts = conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    (version, contacts)
}

#[test]
fn an_empty_upgrade_copy_left_by_a_kill_is_made_again() {
    let env = schema1_env();
    let backup = env.root().join("net.db.schema1.bak");
    std::fs::write(&backup, "").unwrap();
    env.ok(&["list"]);
    assert_eq!(
        copy_holds(&backup),
        (1, 2),
        "the copy holds the old database"
    );
    #[cfg(unix)]
    assert_eq!(crate::common::mode(&backup), 0o600);
}

#[test]
fn a_kill_during_the_upgrade_never_leaves_a_broken_copy() {
    let mut rng = Lcg(0x0bad);
    for run in 0..12 {
        let env = schema1_env();
        let mut child = env
            .command(TODAY, &["list"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(500 + rng.next(20_000)));
        let _ = child.kill();
        child.wait().unwrap();
        let backup = env.root().join("net.db.schema1.bak");
        if backup.exists() {
            assert_eq!(copy_holds(&backup), (1, 2), "run {run}: a broken copy");
        }
        // The next run finishes the upgrade with a whole copy.
        env.ok(&["list"]);
        assert_eq!(copy_holds(&backup), (1, 2), "run {run}");
    }
}

// ------------------------------------------------------------- 9. no raw SQLite message

#[test]
fn a_uid_used_twice_in_a_file_is_named_not_a_constraint() {
    let env = TestEnv::new();
    let file = env.write(
        "twice.json",
        r#"{"format": "net/1", "contacts": [
            {"id": 1, "name": "Anna Müller", "uid": "u-1", "added_on": "2026-01-05"},
            {"id": 2, "name": "Bob Stone", "uid": "u-1", "added_on": "2026-01-05"}]}"#,
    );
    let line = env.fails_unchanged(1, &["import", "json", file.to_str().unwrap()]);
    assert!(!line.contains("constraint"), "{line}");
    assert!(
        line.contains("contacts[1]") && line.contains("\"u-1\"") && line.contains("contacts[0]"),
        "{line}"
    );
    // The same file merged into a database that has contacts.
    env.ok(&["add", "Carla Diaz"]);
    let line = env.fails_unchanged(1, &["import", "json", "--merge", file.to_str().unwrap()]);
    assert!(!line.contains("constraint"), "{line}");
    assert!(line.contains("contacts[1]"), "{line}");
}

#[test]
fn a_card_whose_uid_is_another_contacts_does_not_leak_a_constraint() {
    let env = TestEnv::new();
    env.write(
        "a.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-1\r\nFN:Anna Müller\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", "vcard", "a.vcf"]);
    env.ok(&["add", "Bob Stone"]);
    // A card with Bob's name and e-mail but Anna's UID.
    env.write(
        "b.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-1\r\nFN:Bob Stone\r\nEND:VCARD\r\n",
    );
    let out = env.net(&["import", "vcard", "b.vcf"]);
    assert!(!out.stderr.contains("constraint"), "{}", out.snapshot());
}

// ------------------------------------------------------------- 5. vCard round trip

#[test]
fn a_vcard_round_trip_keeps_everyone() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Bob Stone", "--phone", "+49 30 1234567"]);
    env.ok(&["add", "Bob Stone", "--phone", "+49 30 1234567"]);
    env.ok(&["add", "Carla Diaz"]);
    env.ok(&["add", "Carla Diaz"]);
    env.ok(&["export", "vcard", "--out", "all.vcf"]);
    let other = TestEnv::new();
    let file = env.root().join("all.vcf");
    other.ok(&["import", "vcard", file.to_str().unwrap()]);
    assert_eq!(names(&other).len(), 6, "{:?}", names(&other));
    // Importing the same file again changes nobody and adds nobody.
    other.ok(&["import", "vcard", file.to_str().unwrap()]);
    assert_eq!(names(&other).len(), 6);
}

#[test]
fn cards_with_classic_mac_line_ends_are_read() {
    let env = TestEnv::new();
    env.write(
        "mac.vcf",
        "BEGIN:VCARD\rVERSION:3.0\rFN:Anna Müller\rEMAIL:anna@example.org\rEND:VCARD\rBEGIN:VCARD\rVERSION:3.0\rFN:Bob Stone\rEND:VCARD\r",
    );
    env.ok(&["import", "vcard", "mac.vcf"]);
    assert_eq!(names(&env), ["Anna Müller", "Bob Stone"]);
    assert_eq!(
        env.contact("anna")["emails"],
        serde_json::json!(["anna@example.org"])
    );
}

// ------------------------------------------------------------- 14, 15. private files

#[cfg(unix)]
#[test]
fn exports_are_private_and_keep_a_stricter_mode() {
    use crate::common::mode;
    use std::os::unix::fs::PermissionsExt;
    let env = anna_and_bob();
    env.ok(&["export", "json", "--out", "backup.json"]);
    assert_eq!(mode(&env.root().join("backup.json")), 0o600);
    env.ok(&["export", "vcard", "--out", "all.vcf"]);
    assert_eq!(mode(&env.root().join("all.vcf")), 0o600);
    env.ok(&["export", "ics", "--out", "due.ics"]);
    assert_eq!(mode(&env.root().join("due.ics")), 0o600);
    env.ok(&["export", "vcard", "--dir", "cards/sub"]);
    assert_eq!(mode(&env.root().join("cards")), 0o700);
    assert_eq!(mode(&env.root().join("cards/sub")), 0o700);
    for card in std::fs::read_dir(env.root().join("cards/sub")).unwrap() {
        assert_eq!(mode(&card.unwrap().path()), 0o600);
    }
    // An existing backup keeps its stricter mode; a looser one becomes private.
    let backup = env.root().join("backup.json");
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o400)).unwrap();
    env.ok(&["export", "json", "--out", "backup.json"]);
    assert_eq!(mode(&backup), 0o400);
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["export", "json", "--out", "backup.json"]);
    assert_eq!(mode(&backup), 0o600);
    let left: Vec<_> = std::fs::read_dir(env.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_database_behind_a_dangling_link_is_created_private() {
    let env = TestEnv::new();
    let target = env.root().join("real.db");
    std::os::unix::fs::symlink(&target, env.db()).unwrap();
    env.ok(&["add", "Anna Müller"]);
    assert_eq!(crate::common::mode(&target), 0o600);
    assert_eq!(names(&env), ["Anna Müller"]);
}

// ------------------------------------------------------------- 16. nothing spoofs the terminal

#[test]
fn bidi_overrides_and_zero_width_characters_are_made_visible() {
    let env = TestEnv::new();
    let file = env.write(
        "odd.json",
        "{\"format\": \"net/1\", \"contacts\": [
            {\"id\": 1, \"name\": \"Anna \\u202eröllüM\", \"every\": \"1w\", \"added_on\": \"2026-01-05\"},
            {\"id\": 2, \"name\": \"Bob\\u200b Stone\\u2066\", \"org\": \"x\\u007f\\u0085y\", \"added_on\": \"2026-01-05\"}]}",
    );
    env.ok(&["import", "json", file.to_str().unwrap()]);
    env.ok(&["edit", "#2", "--tag", "client"]);
    let raw = ['\u{202e}', '\u{200b}', '\u{2066}', '\u{7f}', '\u{85}'];
    for args in [
        &["list"][..],
        &["show", "#1"],
        &["show", "#2"],
        &["due", "--all"],
        &["undo", "--list"],
        &["list", "--json"],
        &["show", "#2", "--json"],
        &["export", "json"],
        &["edit", "#2", "--role", "r"],
    ] {
        let out = env.ok(args);
        for stream in [&out.stdout, &out.stderr] {
            assert!(
                !stream.contains(raw),
                "net {}: raw {:?}",
                args.join(" "),
                stream
            );
        }
        if !args.contains(&"--json") && args[0] != "export" {
            let all = format!("{}{}", out.stdout, out.stderr);
            assert!(
                all.contains("\\u{202e}") || all.contains("\\u{200b}"),
                "net {}: {all}",
                args.join(" ")
            );
        }
    }
    // The JSON still means the same names.
    let v = env.export();
    assert_eq!(v["contacts"][0]["name"], "Anna \u{202e}röllüM");
    assert_eq!(v["contacts"][1]["org"], "x\u{7f}\u{85}y");
}

// ------------------------------------------------------------- 10. bounded reads

/// Runs `net ARGS` with at most 1 GB of memory and 5 seconds; None when it
/// had to be stopped.
fn bounded(env: &TestEnv, vars: &[(&str, &str)], args: &[&str]) -> Option<Output> {
    let bin = env!("CARGO_BIN_EXE_net");
    let mut cmd = env.command(TODAY, &[]);
    cmd.envs(vars.iter().copied());
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1000000; exec '{bin}' {}",
            quoted.join(" ")
        ))
        .env_clear()
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        )
        .current_dir(env.root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..50 {
        if child.try_wait().unwrap().is_some() {
            return Some(env.finish(child));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(unix)]
#[test]
fn devices_are_refused_before_a_byte_is_read() {
    let env = anna_and_bob();
    for (vars, args) in [
        (&[("NET_CONFIG", "/dev/urandom")][..], &["list"][..]),
        (&[], &["import", "vcard", "/dev/zero"]),
        (&[], &["import", "json", "/dev/urandom"]),
        (&[], &["import", "json", "--merge", "/dev/zero"]),
        (&[], &["import", "linkedin", "/dev/zero"]),
    ] {
        let out = bounded(&env, vars, args)
            .unwrap_or_else(|| panic!("net {} did not stop", args.join(" ")));
        let line = out.error(1);
        assert!(line.contains("not a regular file"), "{line}");
    }
}

#[test]
fn a_file_larger_than_the_limit_is_refused_unread() {
    let env = anna_and_bob();
    let huge = env.root().join("huge.json");
    // Sparse: no disk is used.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(600 * 1024 * 1024)
        .unwrap();
    let out = bounded(&env, &[], &["import", "json", huge.to_str().unwrap()]).expect("it stops");
    let line = out.error(1);
    assert!(line.contains("larger than 512 MiB"), "{line}");
}

// ------------------------------------------------------------- 12. dupes says what it left out

#[test]
fn dupes_says_what_it_left_out() {
    let env = TestEnv::new();
    let mut doc = String::from("{\"format\": \"net/1\", \"contacts\": [");
    for id in 1..=25 {
        if id > 1 {
            doc.push(',');
        }
        doc.push_str(&format!(
            "{{\"id\": {id}, \"name\": \"Anna Müller\", \"phones\": [\"+49 30 {}\"], \"added_on\": \"2026-01-05\"}}",
            1_000_000 + id
        ));
    }
    doc.push_str("]}");
    let file = env.write("many.json", &doc);
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let out = env.ok(&["dupes"]);
    assert!(
        !out.stderr.contains("no two contacts share a name"),
        "{}",
        out.snapshot()
    );
    assert!(
        out.stderr.contains("25 contacts share the name"),
        "{}",
        out.snapshot()
    );
}

// ------------------------------------------------------------- 13. forget reaches the upgrade copy

#[test]
fn forget_removes_the_upgrade_copy_that_still_holds_the_person() {
    let env = schema1_env();
    env.ok(&["list"]);
    let backup = env.root().join("net.db.schema1.bak");
    assert!(backup.exists());
    let doctor = env.net(&["doctor"]);
    assert!(
        doctor
            .stdout
            .contains("holds data $TEST_ENV/net.db.schema1.bak")
            || doctor
                .stdout
                .contains(&format!("holds data {}", backup.display())),
        "{}",
        doctor.snapshot()
    );
    let out = env.ok(&["forget", "#1", "--yes"]);
    assert!(!backup.exists(), "{}", out.snapshot());
    assert!(
        out.stderr.contains("net.db.schema1.bak"),
        "{}",
        out.snapshot()
    );
}

// ------------------------------------------------------------- 11. dates of human life

#[test]
fn dates_outside_1900_to_2200_are_refused_everywhere() {
    let env = anna_and_bob();
    for today in [
        "0000-01-01",
        "-0001-01-01",
        "+10000-01-01",
        "1899-12-31",
        "2201-01-01",
    ] {
        let line = env.fails_unchanged_on(today, 2, &["list"]);
        assert!(line.contains("1900 to 2200"), "{today}: {line}");
    }
    for (field, value) in [
        ("added_on", "0000-01-01"),
        ("added_on", "+10000-01-01"),
        ("snoozed_until", "2201-01-01"),
        ("birthday", "1066-10-14"),
    ] {
        let fresh = TestEnv::new();
        let file = fresh.write(
            "old.json",
            &format!(
                "{{\"format\": \"net/1\", \"contacts\": [{{\"id\": 1, \"name\": \"Anna\", \"added_on\": \"2026-01-01\", \"{field}\": \"{value}\"}}]}}"
            )
            .replace("\"added_on\": \"2026-01-01\", \"added_on\"", "\"added_on\""),
        );
        let line = fresh.fails_unchanged(1, &["import", "json", file.to_str().unwrap()]);
        assert!(line.contains("1900 to 2200"), "{field} {value}: {line}");
    }
    let fresh = TestEnv::new();
    let file = fresh.write(
        "old.json",
        r#"{"format": "net/1", "contacts": [{"id": 1, "name": "Anna", "added_on": "2026-01-01"}],
            "interactions": [{"kind": "call", "date": "0000-01-01", "contacts": [1]}]}"#,
    );
    let line = fresh.fails_unchanged(1, &["import", "json", file.to_str().unwrap()]);
    assert!(
        line.contains("interactions[0]") && line.contains("1900 to 2200"),
        "{line}"
    );

    env.write_config("[kinds]\nhike = 1000000\n");
    let line = env.net(&["list"]).error(1);
    assert!(
        line.contains("hike") && line.contains("more than a day"),
        "{line}"
    );
}

// ------------------------------------------------------------- 7. a damaged file

#[test]
fn a_damaged_file_is_explained_by_every_command_and_doctor() {
    let env = anna_and_bob();
    for n in 0..40 {
        env.ok(&[
            "log",
            "call",
            "anna",
            "--note",
            &format!("call {n} {}", "x".repeat(300)),
        ]);
    }
    // Checkpoint, then scribble over the pages after the first two.
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = std::fs::read(env.db()).unwrap();
    let page = 4096;
    for b in bytes.iter_mut().skip(2 * page).step_by(7) {
        *b = 0x5a;
    }
    std::fs::write(env.db(), &bytes).unwrap();
    for args in [
        &["list"][..],
        &["doctor"],
        &["export", "json"],
        &["edit", "anna", "--org", "X"],
    ] {
        let out = env.net(args);
        assert_ne!(out.code, 0, "net {}: {}", args.join(" "), out.snapshot());
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("damaged") && all.contains("net import json") && all.contains(".recover"),
            "net {}: {}",
            args.join(" "),
            out.snapshot()
        );
        assert!(!all.contains("Error code 11"), "{}", out.snapshot());
    }
}

/// A network big enough that an export takes a while: 2,000 people, 40,000 coffees.
fn busy_network() -> TestEnv {
    let contacts: Vec<_> = (1..=2000)
        .map(|i| serde_json::json!({"id": i, "name": format!("Person {i}"), "every": "2mo"}))
        .collect();
    let interactions: Vec<_> = (1..=40_000)
        .map(|i| {
            serde_json::json!({"id": i, "kind": "coffee", "date": "2026-10-01",
                "contacts": [1 + i % 2000], "note": "a long talk about the weather and the plant"})
        })
        .collect();
    TestEnv::with_network(&serde_json::json!({
        "format": "net/1", "contacts": contacts, "interactions": interactions
    }))
}

fn partials(env: &TestEnv) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(env.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".partial"))
        .collect()
}

#[test]
fn two_exports_at_once_to_one_file_both_finish_whole() {
    let env = busy_network();
    let whole = env.db_dump();
    let start = || {
        env.command(TODAY, &["export", "json", "--out", "backup.json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting net")
    };
    let (a, b) = (start(), start());
    env.finish(a).success();
    env.finish(b).success();
    let saved = std::fs::read_to_string(env.root().join("backup.json")).unwrap();
    assert!(saved == whole, "the backup is one whole export");
    assert_eq!(crate::common::mode(&env.root().join("backup.json")), 0o600);
    assert!(partials(&env).is_empty(), "{:?}", partials(&env));
}

#[test]
fn a_killed_export_keeps_the_old_backup_and_leaves_nothing_readable() {
    let env = busy_network();
    env.ok(&["export", "json", "--out", "backup.json"]);
    let old = std::fs::read(env.root().join("backup.json")).unwrap();
    env.ok(&["log", "call", "#1"]);
    let mut child = env
        .command(TODAY, &["export", "json", "--out", "backup.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting net");
    // Kill it while it writes: as soon as its temporary file is there.
    let started = std::time::Instant::now();
    while partials(&env).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the export finished before it could be killed: make the network bigger"
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(env.root().join("backup.json")).unwrap(),
        old,
        "the old backup is untouched"
    );
    for left in partials(&env) {
        let name = left.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".backup.json."), "{name}");
        assert_eq!(crate::common::mode(&left), 0o600, "{name} is private");
    }
}
