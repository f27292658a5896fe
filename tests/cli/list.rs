//! `net list`: contacts, filtered by tag, status or text.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// What [`people_by_commands`] makes, loaded in one import.
fn people() -> TestEnv {
    TestEnv::with_network(&json!({
        "format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna Müller", "org": "Müller GmbH", "tags": ["client"], "every": "default", "added_on": "2026-08-01"},
            {"id": 2, "name": "Bob Stone", "tags": ["client", "golf"], "every": "never", "added_on": "2026-08-01"},
            {"id": 3, "name": "Carl Berg", "notes": "lives in München", "every": "default", "added_on": "2026-08-01"},
            {"id": 4, "name": "Dora Old", "role": "retired", "every": "default", "status": "archived", "added_on": "2026-08-01"},
        ],
        "interactions": [
            {"id": 1, "kind": "coffee", "date": "2026-11-22", "contacts": [3]},
        ],
    }))
}

fn people_by_commands() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Anna Müller",
            "--org",
            "Müller GmbH",
            "--tag",
            "client",
        ],
    );
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Bob Stone",
            "--tag",
            "client",
            "--tag",
            "golf",
            "--every",
            "never",
        ],
    );
    env.ok_on(
        "2026-08-01",
        &["add", "Carl Berg", "--note", "lives in München"],
    );
    env.ok_on("2026-08-01", &["add", "Dora Old", "--role", "retired"]);
    env.ok(&["log", "coffee", "carl"]);
    env.ok(&["archive", "dora"]);
    env
}

#[test]
fn the_people_fixture_is_what_its_commands_make() {
    assert_eq!(people().export(), people_by_commands().export());
}

fn names(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--names"];
    all.extend_from_slice(args);
    env.ok(&all).stdout.lines().map(String::from).collect()
}

#[test]
fn the_table() {
    let env = people();
    assert_snapshot!(env.net(&["list"]).snapshot(), @r"
 #  Name         Org          Tags          Every  Last touch  Status  Depth
 1  Anna Müller  Müller GmbH  client        2mo    never       due     acquaintance (0m)
 2  Bob Stone                 client, golf  -      never       -       acquaintance (0m)
 3  Carl Berg                               2mo    today       ok      acquaintance (45m)
[exit 0]
");
}

#[test]
fn by_tag() {
    let env = people();
    assert_snapshot!(env.net(&["list", "--tag", "client"]).snapshot(), @r"
 #  Name         Org          Tags          Every  Last touch  Status  Depth
 1  Anna Müller  Müller GmbH  client        2mo    never       due     acquaintance (0m)
 2  Bob Stone                 client, golf  -      never       -       acquaintance (0m)
[exit 0]
");
    assert_eq!(names(&env, &["--tag", "#GOLF"]), ["Bob Stone"]);
    assert_eq!(names(&env, &["--tag", "nobody"]), Vec::<String>::new());
}

#[test]
fn by_status() {
    let env = people();
    assert_snapshot!(env.net(&["list", "--status", "archived"]).snapshot(), @r"
 #  Name      Org  Tags  Every  Last touch  Status    Depth
 4  Dora Old             2mo    never       archived  acquaintance (0m)
[exit 0]
");
    assert_eq!(
        names(&env, &["--status", "all"]),
        ["Anna Müller", "Bob Stone", "Carl Berg", "Dora Old"]
    );
    assert_eq!(
        names(&env, &["--status", "active"]),
        ["Anna Müller", "Bob Stone", "Carl Berg"]
    );
    assert_eq!(env.net(&["list", "--status", "gone"]).code, 2);
}

#[test]
fn by_text() {
    let env = people();
    assert_eq!(names(&env, &["gmbh"]), ["Anna Müller"]);
    assert_eq!(names(&env, &["münchen"]), ["Carl Berg"]);
    assert_eq!(names(&env, &["stone"]), ["Bob Stone"]);
    assert_eq!(names(&env, &["retired"]), Vec::<String>::new(), "archived");
    assert_eq!(names(&env, &["retired", "--status", "all"]), ["Dora Old"]);
}

#[test]
fn no_match_says_so_on_stderr() {
    let env = people();
    assert_snapshot!(env.net(&["list", "zzz"]).snapshot(), @r"
[stderr]
No contacts match. `net list --status all` includes archived ones.
[exit 0]
");
}

#[test]
fn json_rows() {
    let env = people();
    let v = env.json(&["list", "--json", "--status", "all"]);
    // The documented fields (rows may carry more).
    let keys = [
        "id",
        "name",
        "org",
        "tags",
        "status",
        "cadence",
        "relationship",
        "last_touch",
    ];
    let rows: Vec<serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            keys.iter()
                .map(|k| (k.to_string(), row.get(*k).cloned().unwrap_or_default()))
                .collect::<serde_json::Map<_, _>>()
                .into()
        })
        .collect();
    assert_eq!(
        serde_json::Value::Array(rows),
        json!([
            {"id": 1, "name": "Anna Müller", "org": "Müller GmbH", "tags": ["client"],
             "status": "active", "cadence": "2mo", "relationship": "due", "last_touch": null},
            {"id": 2, "name": "Bob Stone", "org": null, "tags": ["client", "golf"],
             "status": "active", "cadence": null, "relationship": null, "last_touch": null},
            {"id": 3, "name": "Carl Berg", "org": null, "tags": [],
             "status": "active", "cadence": "2mo", "relationship": "ok", "last_touch": "2026-11-22"},
            {"id": 4, "name": "Dora Old", "org": null, "tags": [],
             "status": "archived", "cadence": "2mo", "relationship": null, "last_touch": null}
        ])
    );
}

#[test]
fn empty_database() {
    let env = TestEnv::new();
    let out = env.ok(&["list"]);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("No contacts yet"), "{}", out.stderr);
    assert_eq!(env.json(&["list", "--json"]), json!([]));
}

/// Issue 15: a long list (past 100 rows) is laid out without comfy-table;
/// it still fits the terminal by display width, breaks no word, keeps every
/// row and, piped with no width, is one line per contact.
#[test]
fn a_long_list_fits_the_width_without_breaking_words() {
    let names = [
        "陈伟 Chen",
        "Hans-Peter Groß",
        "Agnieszka Dvořák-Wiśniewska",
    ];
    let contacts: Vec<_> = (1..=150)
        .map(|i| {
            json!({"id": i, "name": format!("{} {i}", names[i % 3]), "org": "Kanzlei Weiß & Partner mbB",
                   "tags": ["client", "acquaintance"], "every": "default", "added_on": "2026-08-01"})
        })
        .collect();
    let env = TestEnv::with_network(
        &json!({"format": "net/1", "contacts": contacts, "interactions": []}),
    );
    for columns in ["60", "100"] {
        let mut cmd = env.command("2026-11-22", &["list"]);
        cmd.env("COLUMNS", columns);
        let out = env.run(&mut cmd).success();
        let width: usize = columns.parse().unwrap();
        for line in out.stdout.lines() {
            assert!(
                console::measure_text_width(line) <= width,
                "{columns}: {line:?}"
            );
        }
        for word in ["Hans-Peter", "Dvořák-Wiśniewska", "acquaintance", "陈伟"] {
            assert!(
                out.stdout.contains(word),
                "{columns}: {word} broken\n{}",
                out.stdout
            );
        }
        // A row starts with its id in the first column; its wrapped lines leave it blank.
        let rows = out
            .stdout
            .lines()
            .filter(|l| l.as_bytes().get(1).is_some_and(u8::is_ascii_digit));
        assert_eq!(rows.count(), 150, "{}", out.stdout);
    }
    let mut cmd = env.command("2026-11-22", &["list"]);
    cmd.env_remove("COLUMNS");
    let out = env.run(&mut cmd).success();
    assert_eq!(out.stdout.lines().count(), 151, "{}", out.stdout);
    assert!(out
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .contains("Kanzlei Weiß & Partner mbB"));
}
