//! Trust in the data: undo, several processes at once, kills in the middle
//! of a write, upgrades of old files, `net doctor`, and hostile input.

use crate::common::{assert_no_raw_controls, interactions, set_user_version, TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// A test folder that `net doctor` finds private (0700), as `net` itself
/// would create it.
fn private_env() -> TestEnv {
    let env = TestEnv::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.root(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    env
}

// ---------------------------------------------------------------- undo

/// Anna, Bob and Carl, added in August; one coffee with Anna in September.
fn three() -> TestEnv {
    let env = private_env();
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--tag", "client"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on("2026-08-01", &["add", "Carl Berg"]);
    env.ok_on("2026-09-01", &["log", "coffee", "anna", "--for", "45m"]);
    env
}

/// Runs `args`, which must change the database, then `net undo`, which must
/// restore the exact previous export.
#[track_caller]
fn undo_restores(env: &TestEnv, args: &[&str]) {
    let before = env.db_dump();
    env.ok(args);
    assert_ne!(
        env.db_dump(),
        before,
        "`net {}` changed nothing",
        args.join(" ")
    );
    let out = env.ok(&["undo"]);
    assert!(
        out.stderr.starts_with("Undid: "),
        "`net {}`: {}",
        args.join(" "),
        out.snapshot()
    );
    assert_eq!(
        env.db_dump(),
        before,
        "undo after `net {}` did not restore the database",
        args.join(" ")
    );
}

#[test]
fn undo_reverts_each_kind_of_write() {
    let env = three();
    let commands: &[&[&str]] = &[
        &[
            "add",
            "Dora Neu",
            "--org",
            "X",
            "--tag",
            "expert",
            "--birthday",
            "04-15",
        ],
        &[
            "edit",
            "anna",
            "--org",
            "Müller GmbH",
            "--tag",
            "referrer",
            "--alias",
            "annie",
        ],
        &[
            "edit",
            "anna",
            "--rename",
            "Anna Schmidt",
            "--unset",
            "every",
        ],
        &[
            "log",
            "coffee",
            "anna",
            "bob",
            "carl",
            "--for",
            "1h",
            "--note",
            "all three",
        ],
        &[
            "log",
            "call",
            "bob",
            "--follow-up",
            "send it",
            "--by",
            "friday",
        ],
        &["log", "coffee", "New Person", "--new", "--at", "BVMW"],
        &["note", "anna", "husband Jan", "--about", "family"],
        &["intro", "anna", "bob", "--note", "supply chains"],
        &["rule", "add", "--tag", "client", "--every", "1mo"],
        &["every", "bob", "quarterly"],
        &["snooze", "bob", "2w"],
        &["archive", "carl"],
        &["gave", "anna", "an article"],
        &["got", "bob", "a lead"],
        &["assess", "anna", "--yes", "1,2,5"],
    ];
    for args in commands {
        undo_restores(&env, args);
    }
}

#[test]
fn undo_reverts_revive_done_rule_rm_and_prune() {
    let env = three();
    env.ok(&["log", "call", "bob", "--follow-up", "send it"]);
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    env.ok(&["archive", "carl"]);
    undo_restores(&env, &["revive", "carl"]);
    undo_restores(&env, &["done", "1"]);
    undo_restores(&env, &["rule", "rm", "client"]);
    // Carl (archived) aside, a year later Anna and Bob are dormant.
    let before = env.db_dump();
    env.ok_on("2027-12-01", &["prune", "--yes"]);
    assert_ne!(env.db_dump(), before);
    env.ok(&["undo"]);
    assert_eq!(env.db_dump(), before);
}

#[test]
fn undo_reverts_an_import_into_an_empty_database() {
    let source = three();
    source.ok(&["note", "anna", "husband Jan", "--about", "family"]);
    source.ok(&["assess", "anna", "--yes", "1,2"]);
    let file = source.write("backup.json", &source.db_dump());
    let env = private_env();
    undo_restores(&env, &["import", "json", file.to_str().unwrap()]);
    assert_eq!(env.export()["contacts"], json!([]));
    assert_eq!(env.ok(&["undo"]).stderr, "Nothing to undo.\n");
    // And the file can be imported again.
    env.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(env.db_dump(), source.db_dump());
}

#[test]
fn repeated_undo_walks_back() {
    let env = private_env();
    let mut states = vec![env.db_dump()];
    for args in [
        &["add", "Anna Müller"][..],
        &["add", "Bob Stone"][..],
        &["log", "call", "anna", "bob"][..],
        &["note", "bob", "likes chess"][..],
        &["edit", "anna", "--org", "Müller GmbH"][..],
    ] {
        env.ok(args);
        states.push(env.db_dump());
    }
    states.pop();
    while let Some(state) = states.pop() {
        env.ok(&["undo"]);
        assert_eq!(env.db_dump(), state, "{} steps left", states.len());
    }
    assert_eq!(env.ok(&["undo"]).stderr, "Nothing to undo.\n");
    assert_eq!(env.export()["contacts"], json!([]));
}

#[test]
fn undo_list_is_newest_first() {
    let env = three();
    env.ok(&["note", "anna", "husband Jan", "--about", "family"]);
    env.ok(&["intro", "anna", "bob"]);
    assert_snapshot!(env.net(&["undo", "--list"]).snapshot(), @r"
 When              Command                   Changes
 2026-11-22 00:00  intro anna bob            6
 2026-11-22 00:00  note anna --about family  2
 2026-09-01 00:00  log coffee with anna      3
 2026-08-01 00:00  add Carl Berg             1
 2026-08-01 00:00  add Bob Stone             1
 2026-08-01 00:00  add Anna Müller           2
`net undo` reverts the first line; repeat to walk further back.
[exit 0]
");
    let v = env.json(&["undo", "--list", "--json"]);
    let commands: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands[0], "intro anna bob");
    assert_eq!(commands[5], "add Anna Müller");
    // Listing changes nothing.
    assert_eq!(env.json(&["undo", "--list", "--json"]), v);
}

#[test]
fn nothing_to_undo() {
    let env = private_env();
    assert_snapshot!(env.net(&["undo"]).snapshot(), @r"
[stderr]
Nothing to undo.
[exit 0]
");
    assert_snapshot!(env.net(&["undo", "--list"]).snapshot(), @r"
Nothing to undo.
[exit 0]
");
}

#[test]
fn reads_and_failed_writes_leave_no_undo_step() {
    let env = three();
    let before = env.json(&["undo", "--list", "--json"]);
    for args in [
        &["due"][..],
        &["show", "anna"][..],
        &["list"][..],
        &["todo"][..],
        &["budget"][..],
        &["stats"][..],
        &["who", "anna"][..],
        &["prune", "--dry-run"][..],
        &["doctor"][..],
        &["export", "json"][..],
    ] {
        env.ok(args);
    }
    for args in [
        &["log", "coffee", "zelda"][..],
        &["log", "coffee", "anna", "--for", "2x"][..],
        &["note", "anna", " "][..],
        &["intro", "anna", "anna"][..],
        &["assess", "anna", "--yes", "12"][..],
        &["done", "99"][..],
    ] {
        assert_ne!(env.net(args).code, 0, "{args:?}");
    }
    assert_eq!(env.json(&["undo", "--list", "--json"]), before);
}

#[test]
fn doctor_fix_with_nothing_to_fix_leaves_no_undo_step() {
    let env = three();
    env.ok(&["doctor", "--fix"]);
    let v = env.json(&["undo", "--list", "--json"]);
    assert_eq!(v[0]["command"], "log coffee with anna");
}

#[test]
fn undo_keep_limits_how_far_back() {
    let env = private_env();
    env.write_config("undo_keep = 2\n");
    for name in ["A One", "B Two", "C Three", "D Four"] {
        env.ok(&["add", name]);
    }
    assert_eq!(
        env.json(&["undo", "--list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    assert_eq!(env.ok(&["undo"]).stderr, "Nothing to undo.\n");
    assert_eq!(env.ok(&["list", "--names"]).stdout, "A One\nB Two\n");
}

#[test]
fn forget_is_undoable_but_cuts_the_history_before_it() {
    let env = three();
    env.ok(&["note", "anna", "husband Jan", "--about", "family"]);
    env.ok(&["log", "call", "anna", "bob", "--follow-up", "send it"]);
    env.ok(&["assess", "anna", "--yes", "1"]);
    let before = env.db_dump();
    env.ok(&["forget", "anna", "--yes"]);
    assert!(!env.db_dump().contains("Anna"));
    // 9: Bob's derived values change too, the call is now his alone.
    assert_snapshot!(env.net(&["undo", "--list"]).snapshot(), @r"
 When              Command             Changes
 2026-11-22 00:00  forget Anna Müller  9
`net undo` reverts the first line; repeat to walk further back.
[exit 0]
");
    env.ok(&["undo"]);
    assert_eq!(env.db_dump(), before, "Anna is back exactly");
    assert_eq!(env.ok(&["undo"]).stderr, "Nothing to undo.\n");
    assert_eq!(env.db_dump(), before);
}

// ---------------------------------------------------------------- concurrency

#[test]
fn eight_processes_logging_at_once_lose_nothing() {
    const PROCESSES: usize = 8;
    const TIMES: usize = 50;
    let env = private_env();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..PROCESSES)
            .map(|p| {
                let env = &env;
                s.spawn(move || {
                    let mut failures = Vec::new();
                    for i in 0..TIMES {
                        let note = format!("p{p} i{i}");
                        let who = if i % 2 == 0 { "anna" } else { "bob" };
                        let out =
                            env.run(&mut env.command(
                                TODAY,
                                &["log", "call", who, "--for", "5m", "--note", &note],
                            ));
                        let lower = out.stderr.to_lowercase();
                        if out.code != 0 || lower.contains("locked") || lower.contains("busy") {
                            failures.push(out.snapshot());
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    eprintln!(
        "{} logging runs in {:?}",
        PROCESSES * TIMES,
        started.elapsed()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    let v = env.export();
    let all = v["interactions"].as_array().unwrap();
    assert_eq!(all.len(), PROCESSES * TIMES);
    let mut notes: Vec<&str> = all.iter().map(|i| i["note"].as_str().unwrap()).collect();
    notes.sort_unstable();
    notes.dedup();
    assert_eq!(notes.len(), PROCESSES * TIMES, "every run logged once");
    let total = |name: &str| env.json(&["show", name, "--json"])["interactions_total"].clone();
    assert_eq!(total("anna"), PROCESSES * TIMES / 2);
    assert_eq!(total("bob"), PROCESSES * TIMES / 2);
    let doctor = env.net(&["doctor"]);
    assert_eq!(doctor.code, 0, "{}", doctor.snapshot());
}

// ---------------------------------------------------------------- crash safety

/// A net/1 document of `contacts` people and `per` interactions each; when
/// `broken`, a last interaction names a contact that is not in the file.
fn big_document(contacts: usize, per: usize, broken: bool) -> String {
    let people: Vec<Value> = (1..=contacts)
        .map(|i| {
            json!({"id": i, "name": format!("Person {i:04}"), "org": format!("Org {}", i % 97),
                   "tags": [if i % 3 == 0 { "client" } else { "peer" }],
                   "every": "2mo", "added_on": "2025-01-01"})
        })
        .collect();
    let mut talks = Vec::with_capacity(contacts * per + 1);
    for n in 0..contacts * per {
        let kind = ["call", "coffee", "email"][n % 3];
        talks.push(json!({
            "id": n + 1,
            "kind": kind,
            "date": format!("2026-{:02}-{:02}", n % 10 + 1, n % 28 + 1),
            "minutes": 15 + n % 60,
            "contacts": [n % contacts + 1],
            "note": format!("talk {n}")
        }));
    }
    if broken {
        talks.push(
            json!({"id": contacts * per + 1, "kind": "call", "date": "2026-01-01",
                          "contacts": [contacts + 1]}),
        );
    }
    serde_json::to_string(&json!({"format": "net/1", "contacts": people, "interactions": talks}))
        .unwrap()
}

/// Deterministic pseudo-random numbers (an LCG), so that a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
#[cfg(unix)]
fn a_killed_import_leaves_all_or_nothing() {
    const CONTACTS: usize = 3_000;
    const PER: usize = 10;
    let started = Instant::now();

    // One import to the end: how long it takes here, and the reference.
    let full = private_env();
    let file = full.write("big.json", &big_document(CONTACTS, PER, false));
    let t = Instant::now();
    full.ok(&["import", "json", file.to_str().unwrap()]);
    let whole = t.elapsed().as_millis() as u64;
    // One export per database: in a debug build each takes a second or two.
    let v = full.export();
    assert_eq!(v["contacts"].as_array().unwrap().len(), CONTACTS);
    assert_eq!(interactions(&v).len(), CONTACTS * PER);

    // The same file with a bad last line is refused after reading and
    // checking all of it, before writing: how long the write phase waits.
    let broken = full.write("broken.json", &big_document(CONTACTS, PER, true));
    let refused = private_env();
    let t = Instant::now();
    refused.fails_unchanged(1, &["import", "json", broken.to_str().unwrap()]);
    let reading = (t.elapsed().as_millis() as u64).min(whole);

    // Kill it at pseudo-random points: two anywhere from 10 ms to the whole
    // length, three inside the write (after the reading).
    let mut rng = Lcg(0x5eed);
    let mut outcomes = Vec::new();
    for run in 0..5 {
        let env = private_env();
        let delay = if run < 2 {
            10 + rng.next() % whole.max(1)
        } else {
            reading + rng.next() % (whole - reading).max(1)
        };
        let delay = Duration::from_millis(delay);
        let mut child = env
            .command(TODAY, &["import", "json", file.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starting net");
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let wal = std::fs::metadata(env.root().join("net.db-wal")).map_or(0, |m| m.len());
        let _ = child.kill();
        child.wait().unwrap();

        let doctor = env.net(&["doctor"]);
        assert_eq!(
            doctor.code,
            0,
            "run {run}, killed after {delay:?}:\n{}",
            doctor.snapshot()
        );
        assert!(
            doctor.stdout.contains("ok     integrity"),
            "{}",
            doctor.snapshot()
        );
        let v = env.export();
        let n = v["contacts"].as_array().unwrap().len();
        assert!(
            n == 0 || n == CONTACTS,
            "run {run}, killed after {delay:?}: {n} contacts"
        );
        if n == CONTACTS {
            assert_eq!(interactions(&v).len(), CONTACTS * PER);
        } else {
            assert_eq!(v["interactions"], json!([]));
        }
        if finished {
            assert_eq!(n, CONTACTS, "run {run}: it had finished");
        }
        // The database is usable afterwards.
        env.ok(&["add", "After Crash"]);
        outcomes.push(format!("{delay:?}: wal {wal} B, {n} contacts"));
    }
    eprintln!(
        "import of {CONTACTS} contacts: {whole} ms ({reading} ms reading); kills: {outcomes:?}; total {:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------- upgrades

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The schema version a new database gets from this build.
fn latest_version() -> i64 {
    let env = private_env();
    env.ok(&["list"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
#[cfg(unix)]
fn a_schema_1_database_is_upgraded_with_a_private_backup() {
    upgrades_from(1);
}

#[test]
fn a_schema_2_database_is_upgraded_with_a_private_backup() {
    upgrades_from(2);
}

/// A database written by the schema-`version` build (tests/fixtures) opens,
/// keeps a private backup of itself, and holds what it held.
fn upgrades_from(version: i64) {
    use std::os::unix::fs::PermissionsExt;
    let env = private_env();
    std::fs::copy(fixture(&format!("schema{version}.db")), env.db()).unwrap();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();

    let got = env.export();
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("schema{version}.json"))).unwrap(),
    )
    .unwrap();
    for section in [
        "format",
        "contacts",
        "interactions",
        "notes",
        "followups",
        "assessments",
        "rules",
    ] {
        assert_eq!(got[section], want[section], "section {section}");
    }

    let backup = env.root().join(format!("net.db.schema{version}.bak"));
    assert!(backup.is_file(), "no backup beside the database");
    assert_eq!(crate::common::mode(&backup), 0o600, "backup mode");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, version, "the backup is the old schema");
    drop(conn);

    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, latest_version());
    drop(conn);

    let doctor = env.net(&["doctor"]);
    assert_eq!(doctor.code, 0, "{}", doctor.snapshot());
    // Undo steps of the old schema are not replayed on the new one.
    assert_eq!(env.ok(&["undo"]).stderr, "Nothing to undo.\n");
    // The upgraded database is used like any other, undo included.
    let before = env.export();
    env.ok(&["log", "call", "anna"]);
    assert_eq!(
        interactions(&env.export()).len(),
        interactions(&before).len() + 1
    );
    env.ok(&["undo"]);
    assert_eq!(env.export(), before);
}

#[test]
fn a_database_from_a_newer_net_names_both_versions() {
    let env = three();
    set_user_version(&env.db(), 99);
    let before = std::fs::read(env.db()).unwrap();
    let latest = latest_version();
    for args in [&["due"][..], &["log", "call", "anna"][..], &["doctor"][..]] {
        let line = env.net(args).error(1);
        assert!(line.contains("99"), "{line}");
        assert!(line.contains(&format!("up to {latest}")), "{line}");
    }
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "file changed");
}

/// `net` on a file that is not a usable database: one line, exit 1, the
/// file untouched.
#[track_caller]
fn refuses_untouched(env: &TestEnv, bytes: &[u8]) -> String {
    std::fs::write(env.db(), bytes).unwrap();
    let mut last = String::new();
    for args in [
        &["due"][..],
        &["add", "Anna Müller"][..],
        &["export", "json"][..],
        &["doctor"][..],
    ] {
        last = env.net(args).error(1);
        assert!(last.contains("$TEST_ENV/net.db"), "{last}");
        assert_eq!(
            std::fs::read(env.db()).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
    last
}

#[test]
fn files_that_are_not_databases_are_refused_untouched() {
    let env = private_env();
    let mut rng = Lcg(42);
    let random: Vec<u8> = (0..8192).map(|_| rng.next() as u8).collect();
    refuses_untouched(&env, &random);
    refuses_untouched(&env, "Anna Müller, Bob Stone\n".repeat(200).as_bytes());
    // A SQLite header and nothing else.
    refuses_untouched(&env, b"SQLite format 3\0");
}

/// A real database of 30 contacts, checkpointed into one file.
fn real_database() -> Vec<u8> {
    let env = private_env();
    let people: Vec<Value> = (1..=30)
        .map(|i| {
            json!({"id": i, "name": format!("P{i}"), "notes": "x".repeat(2000),
                        "added_on": "2026-01-01"})
        })
        .collect();
    let doc = json!({"format": "net/1", "contacts": people, "interactions": []});
    let file = env.write("doc.json", &doc.to_string());
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(conn);
    std::fs::read(env.db()).unwrap()
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let full = real_database();
    assert!(full.len() > 60_000, "{}", full.len());
    for cut in [50, 100, 4096, 8192, full.len() / 2, full.len() - 4096] {
        let env = private_env();
        refuses_untouched(&env, &full[..cut]);
    }
}

#[test]
fn a_damaged_database_names_the_problem_once_and_a_fix() {
    let full = real_database();
    let env = private_env();
    let line = refuses_untouched(&env, &full[..full.len() / 2]);
    assert_eq!(line.matches("malformed").count(), 1, "{line}");
    assert!(!line.contains("Error code"), "{line}");
    assert!(
        line.contains("backup") || line.contains("NET_DB") || line.contains("--db"),
        "{line}"
    );
}

#[test]
fn an_empty_file_is_a_fresh_database() {
    // A 0-byte file is what `net` itself creates first; a kill right after
    // must not leave an unusable database.
    let env = private_env();
    std::fs::write(env.db(), b"").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = env.ok(&["due"]);
    assert!(
        out.stdout.contains("Your network is empty"),
        "{}",
        out.snapshot()
    );
    env.ok(&["add", "Anna Müller"]);
    assert_eq!(env.contact("anna")["id"], 1);
    assert_eq!(env.net(&["doctor"]).code, 0);
}

// ---------------------------------------------------------------- doctor

#[test]
fn doctor_on_a_healthy_database() {
    let env = three();
    let out = env.net(&["doctor"]).snapshot();
    let latest = format!("(schema {})", latest_version());
    assert_snapshot!(out.replace(&latest, "(schema LATEST)"), @r"
ok     integrity
ok     schema
ok     derived values
ok     writable
ok     permissions
ok     config
database $TEST_ENV/net.db (schema LATEST)
[exit 0]
");
}

#[test]
#[cfg(unix)]
fn doctor_finds_and_fixes_loose_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = three();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.net(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    assert!(
        out.snapshot()
            .contains("PROBLEM permissions: $TEST_ENV/net.db is 644, should be 600\n"),
        "{}",
        out.snapshot()
    );
    assert!(
        out.stderr.contains("net doctor --fix"),
        "{}",
        out.snapshot()
    );
    let fixed = env.net(&["doctor", "--fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.snapshot());
    assert!(
        fixed
            .snapshot()
            .contains("fixed  permissions: $TEST_ENV/net.db is 644"),
        "{}",
        fixed.snapshot()
    );
    assert_eq!(crate::common::mode(&env.db()), 0o600);
    for entry in std::fs::read_dir(env.root()).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("net.db")
        {
            assert_eq!(crate::common::mode(&path), 0o600, "{}", path.display());
        }
    }
    assert_eq!(env.net(&["doctor"]).code, 0);
}

#[test]
#[cfg(unix)]
fn doctor_finds_an_open_folder() {
    use std::os::unix::fs::PermissionsExt;
    let env = three();
    std::fs::set_permissions(env.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.net(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    assert!(out
        .snapshot()
        .contains("PROBLEM permissions: $TEST_ENV is 755, should be 700"));
    env.ok(&["doctor", "--fix"]);
    assert_eq!(crate::common::mode(env.root()), 0o700);
}

#[test]
fn a_broken_config_stops_commands_but_not_doctor() {
    let env = three();
    env.write_config("budget_percent = \n");
    let line = env.net(&["due"]).error(1);
    assert!(line.contains("config.toml"), "{line}");
    assert!(line.contains("line 1"), "{line}");
    let out = env.net(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    let problem = out
        .stdout
        .lines()
        .find(|l| l.starts_with("PROBLEM config: "))
        .unwrap_or_else(|| panic!("no config problem:\n{}", out.snapshot()));
    assert!(problem.contains("config.toml"), "{problem}");
    assert!(
        out.stdout.contains("ok     integrity"),
        "{}",
        out.snapshot()
    );
    // --fix cannot repair a config, and says so by failing.
    assert_eq!(env.net(&["doctor", "--fix"]).code, 1);
    env.write_config("budget_percent = 5\n");
    assert_eq!(env.net(&["doctor"]).code, 0);
}

#[test]
fn doctor_repairs_stale_derived_values() {
    let env = three();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute("UPDATE contacts SET last_touch = NULL", [])
            .unwrap();
    }
    let out = env.net(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    assert!(
        out.stdout.contains(
            "PROBLEM derived values: Anna Müller (#1): stored last touch, due dates or depth differ from its history\n"
        ),
        "{}",
        out.snapshot()
    );
    assert!(!out.stdout.contains("Bob Stone"), "only Anna had a touch");
    // Without --fix nothing is repaired.
    assert_eq!(env.net(&["doctor"]).code, 1);
    let fixed = env.net(&["doctor", "--fix"]);
    assert_eq!(fixed.code, 0, "{}", fixed.snapshot());
    assert!(fixed
        .stdout
        .contains("fixed  derived values: Anna Müller (#1)"));
    assert_eq!(
        env.json(&["show", "anna", "--json"])["last_touch"],
        "2026-09-01"
    );
    assert_eq!(env.net(&["doctor"]).code, 0);
}

// ---------------------------------------------------------------- hostile input

const SQL: &str = "'; DROP TABLE contacts; --";

#[test]
fn quotes_and_sql_are_just_text_everywhere() {
    let env = private_env();
    let quoted = "Robert \"Bobby\" O'Brien";
    env.ok(&["add", quoted, "--org", SQL, "--why", SQL, "--tag", "client"]);
    env.ok(&["add", SQL]);
    env.ok(&["note", "#1", SQL, "--about", "anchor"]);
    env.ok(&["log", "call", "#1", "#2", "--note", SQL, "--gave", SQL]);
    env.ok(&["log", "call", "#2", "--follow-up", SQL]);
    env.ok(&["intro", "#1", "#2", "--note", SQL]);
    let v = env.export();
    assert_eq!(v["contacts"][0]["name"], quoted);
    assert_eq!(v["contacts"][0]["org"], SQL);
    assert_eq!(v["contacts"][1]["name"], SQL);
    assert_eq!(v["interactions"][0]["note"], SQL);
    assert_eq!(v["notes"][0]["text"], SQL);
    assert_eq!(v["followups"][0]["text"], SQL);
    assert_eq!(env.contact("o'brien")["name"], quoted);
    assert_eq!(env.contact("#2")["name"], SQL);
    assert!(env
        .ok(&["show", "#2"])
        .stdout
        .starts_with(&format!("{SQL} (#2)")));
    let hits = env.json(&["who", "drop table", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 2, "{hits:#}");
    assert!(env.ok(&["todo"]).stdout.contains(SQL));
    // The round trip through a file keeps every byte.
    let file = env.write("backup.json", &env.db_dump());
    let copy = private_env();
    copy.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(copy.db_dump(), env.db_dump());
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let env = private_env();
    let evil_name = "Eve \u{1b}[31mRed\u{7}\u{8}\r\u{9b}2J\u{7f} Null";
    let evil_text = "text \u{1b}]0;title\u{7} \u{1b}[2J\r\u{85} end";
    env.ok_on(
        "2025-06-01",
        &[
            "add",
            evil_name,
            "--org",
            evil_text,
            "--why",
            evil_text,
            "--met",
            evil_text,
            "--tag",
            "client",
            "--alias",
            "evie",
            "--birthday",
            "11-24",
        ],
    );
    env.ok_on("2025-06-01", &["add", "Bob Stone"]);
    env.ok(&["note", "evie", evil_text, "--about", "anchor"]);
    env.ok(&[
        "log",
        "call",
        "evie",
        "--on",
        "2026-01-10",
        "--note",
        evil_text,
        "--gave",
        evil_text,
        "--got",
        evil_text,
        "--follow-up",
        evil_text,
        "--by",
        "2026-02-01",
    ]);
    env.ok(&[
        "intro",
        "evie",
        "bob",
        "--note",
        evil_text,
        "--on",
        "2026-01-11",
    ]);
    env.ok(&["assess", "evie", "--yes", "1"]);
    for args in [
        &["show", "evie"][..],
        &["show", "bob"][..],
        &["list"][..],
        &["list", "--names"][..],
        &["list", "--tag", "client"][..],
        &["due"][..],
        &["due", "--all"][..],
        &["who", "text"][..],
        &["who", "eve"][..],
        &["todo"][..],
        &["undo", "--list"][..],
        &["stats"][..],
        &["budget"][..],
        &["prune", "--dry-run", "--idle", "1w"][..],
        &["prune", "--idle", "1w"][..],
        &["doctor"][..],
        &["gave", "evie", evil_text][..],
        &["done", "1"][..],
    ] {
        let out = env.net(args);
        assert_eq!(out.code, 0, "{}", out.snapshot().escape_debug());
        assert_no_raw_controls(&out);
    }
    // Errors that quote the input do not replay it either.
    for args in [
        &["show", evil_text][..],
        &["log", evil_text, "evie"][..],
        &["note", "evie", "x", "--about", evil_text][..],
        &["due", "--on", evil_text][..],
        &["every", "evie", evil_text][..],
    ] {
        let out = env.net(args);
        assert_ne!(out.code, 0);
        assert_no_raw_controls(&out);
    }
    // The data itself is kept as typed.
    assert_eq!(env.contact("evie")["name"], evil_name);
    assert_eq!(env.contact("evie")["org"], evil_text);
}

#[test]
fn a_ten_megabyte_note_round_trips() {
    // The sentence repeated to 10 MiB (ASCII: bytes are chars), built by
    // copying rather than char by char, which takes seconds unoptimised.
    let sentence = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
    let mut note = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    note.truncate(10 * 1024 * 1024);
    let note = note.trim().to_string();
    let doc = json!({
        "format": "net/1",
        "contacts": [{"id": 1, "name": "Long Note", "notes": note, "added_on": "2026-01-01"}],
        "interactions": [],
        "notes": [{"id": 1, "contact": 1, "topic": "offer", "text": note, "created_on": "2026-01-02"}]
    });
    let env = private_env();
    let file = env.write("long.json", &doc.to_string());
    env.ok(&["import", "json", file.to_str().unwrap()]);
    let v = env.export();
    assert_eq!(
        v["contacts"][0]["notes"].as_str().unwrap().len(),
        note.len()
    );
    assert!(v["contacts"][0]["notes"] == note.as_str());
    assert!(v["notes"][0]["text"] == note.as_str());
    // The brief wraps it to the width: all its words are there, in order.
    let brief = env.ok(&["show", "long"]).stdout;
    let unwrapped = brief.split_whitespace().collect::<Vec<_>>().join(" ");
    let note_words = note.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        unwrapped.contains(&note_words),
        "the brief has the whole note"
    );
    assert_eq!(env.json(&["who", "adipiscing", "--json"])[0]["id"], 1);
}

#[test]
fn empty_and_binary_import_files_are_refused() {
    let env = three();
    let empty = env.write("empty.json", "");
    let line = env.fails_unchanged(1, &["import", "json", empty.to_str().unwrap()]);
    assert!(line.contains("empty.json"), "{line}");
    let mut rng = Lcg(7);
    let mut bytes: Vec<u8> = b"\x1b[31m\x00\x07".to_vec();
    bytes.extend((0..4096).map(|_| rng.next() as u8));
    let binary = env.root().join("binary.json");
    std::fs::write(&binary, &bytes).unwrap();
    let line = env.fails_unchanged(1, &["import", "json", binary.to_str().unwrap()]);
    assert!(line.contains("binary.json"), "{line}");
    let out = env.net(&["import", "json", binary.to_str().unwrap()]);
    assert_no_raw_controls(&out);
    // Into an empty database, too: it stays empty.
    let fresh = private_env();
    fresh.fails_unchanged(1, &["import", "json", binary.to_str().unwrap()]);
    fresh.fails_unchanged(1, &["import", "json", empty.to_str().unwrap()]);
    assert_eq!(fresh.export()["contacts"], json!([]));
}

#[test]
fn dates_out_of_range_are_usage_errors() {
    let env = three();
    for args in [
        &["log", "call", "anna", "--on", "0000-01-01"][..],
        &["log", "call", "anna", "--on", "9999-12-31"][..],
        &["log", "call", "anna", "--on", "2026-02-30"][..],
        &["log", "call", "anna", "--on", "2026-13-01"][..],
        &["log", "call", "anna", "--on", "1899-12-31"][..],
        &["log", "call", "anna", "--on", "99999-01-01"][..],
        &[
            "log",
            "call",
            "anna",
            "--follow-up",
            "x",
            "--by",
            "9999-12-31",
        ][..],
        &["add", "Zoe", "--birthday", "02-30"][..],
        &["add", "Zoe", "--birthday", "0000-04-15"][..],
        &["snooze", "anna", "--until", "9999-12-31"][..],
        &["due", "--on", "0000-01-01"][..],
        &["intro", "anna", "bob", "--on", "2026-02-30"][..],
        &["gave", "anna", "x", "--on", "0000-01-01"][..],
    ] {
        env.fails_unchanged(2, args);
    }
}

#[test]
fn the_end_of_time_does_not_panic() {
    let env = private_env();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Anna Müller",
            "--every",
            "1mo",
            "--birthday",
            "02-29",
        ],
    );
    env.ok_on("2026-08-01", &["add", "Bob Stone", "--every", "1y"]);
    env.ok(&["log", "call", "anna", "--follow-up", "x", "--by", "friday"]);
    for args in [
        &["due"][..],
        &["due", "--all", "--json"][..],
        &["list"][..],
        &["show", "anna"][..],
        &["stats"][..],
        &["budget"][..],
        &["todo"][..],
        &["prune", "--dry-run"][..],
        &["who", "anna"][..],
        &["log", "call", "bob"][..],
        &["snooze", "anna", "2w"][..],
        &["add", "Carl Late"][..],
    ] {
        // `run` fails on a panic; a refusal must be a clean one-line error.
        let out = env.net_on("9999-12-31", args);
        if out.code != 0 {
            out.error(out.code);
        }
    }
    // A year outside 1900-2200 is refused cleanly (issue 11); the database is sound.
    let line = env.net_on("9999-12-31", &["doctor"]).error(2);
    assert!(line.contains("1900 to 2200"), "{line}");
    let doctor = env.net(&["doctor"]);
    assert!(
        doctor.stdout.contains("ok     integrity"),
        "{}",
        doctor.snapshot()
    );
    // Whatever was written can still be exported and imported again.
    let file = env.write("backup.json", &env.db_dump());
    let copy = private_env();
    copy.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(copy.db_dump(), env.db_dump());
}
