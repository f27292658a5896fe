//! Bad input of every kind: one line on stderr starting `net: `, exit 2 for
//! usage and 1 for other failures, never a panic, and no change.

use crate::common::{set_user_version, TestEnv, TODAY};
use insta::assert_snapshot;

fn anna() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env
}

#[test]
fn bad_dates_are_usage_errors() {
    let env = anna();
    let line = env.fails_unchanged(2, &["due", "--on", "2026-02-30"]);
    assert_snapshot!(line, @r#"net: "2026-02-30" is not a real date: that month has only 28 days"#);
    let line = env.fails_unchanged(2, &["log", "coffee", "anna", "--on", "yesterdayy"]);
    assert_snapshot!(line, @r#"net: "yesterdayy" is not a date: use 2026-03-14, 14.03.2026, today, yesterday, monday, last friday, next friday, 3 days ago or in 2 weeks"#);
    for bad in [
        "31.04.2026",
        "2026-13-01",
        "",
        "last",
        "in two weeks",
        "3 parsecs ago",
    ] {
        env.fails_unchanged(2, &["log", "coffee", "anna", "--on", bad]);
        env.fails_unchanged(2, &["snooze", "anna", "--until", bad]);
    }
}

#[test]
fn a_malformed_net_today_is_a_usage_error() {
    let env = anna();
    for bad in ["2026-1-5x", "2026-11-31", "22.11.2026", "tomorrow"] {
        let line = env.fails_unchanged_on(bad, 2, &["due"]);
        assert_eq!(
            line,
            format!("net: NET_TODAY={bad:?} is not a date from 1900 to 2200: use YYYY-MM-DD, or unset it")
        );
    }
}

#[test]
fn a_file_that_is_not_a_database() {
    let env = TestEnv::new();
    let garbage = "this is not a database\n".repeat(100);
    std::fs::write(env.db(), &garbage).unwrap();
    for args in [
        &["due"][..],
        &["add", "Anna Müller"][..],
        &["list"][..],
        &["export", "json"][..],
    ] {
        let line = env.net(args).error(1);
        assert_eq!(
            line,
            "net: $TEST_ENV/net.db is not a net database (file is not a database): point --db or NET_DB at another file"
        );
    }
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), garbage);
    let files: Vec<_> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["net.db"], "no -wal or -shm beside a foreign file");
}

#[test]
fn a_folder_is_not_a_database() {
    let env = TestEnv::new();
    std::fs::create_dir(env.db()).unwrap();
    let line = env.net(&["due"]).error(1);
    assert!(line.contains("net.db"), "{line}");
}

#[test]
fn a_database_from_a_newer_net_is_refused_untouched() {
    let env = anna();
    set_user_version(&env.db(), 99);
    let before = std::fs::read(env.db()).unwrap();
    for args in [&["due"][..], &["add", "Bob Stone"][..]] {
        let line = env.net(args).error(1);
        assert!(
            line.contains("newer net (schema 99; this net knows up to "),
            "{line}"
        );
        assert!(line.contains("upgrade net"), "{line}");
    }
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "file changed");
}

#[test]
fn clap_usage_errors_exit_2() {
    let env = anna();
    for args in [
        &["bogus"][..],
        &["add"][..],
        &["show"][..],
        &["due", "--limit", "many"][..],
        &["list", "--status", "gone"][..],
        &["snooze", "anna", "2w", "--off"][..],
        &["edit", "anna", "--unset", "shoe_size"][..],
    ] {
        let before = env.db_dump();
        let out = env.net(args);
        assert_eq!(out.code, 2, "{args:?}:\n{}", out.snapshot());
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(env.db_dump(), before, "{args:?}");
    }
}

#[test]
fn clap_usage_errors_are_one_net_line() {
    let env = anna();
    let line = env.net(&["add"]).error(2);
    assert!(line.contains("NAME"), "{line}");
    env.net(&["bogus"]).error(2);
    env.net(&["list", "--status", "gone"]).error(2);
}

#[test]
fn help_and_version_succeed() {
    let env = TestEnv::new();
    let help = env.ok(&["--help"]).stdout;
    assert!(help.contains("Usage: net [OPTIONS] [COMMAND]"), "{help}");
    assert!(help.contains("Start with:"), "{help}");
    let log_help = env.ok(&["log", "--help"]).stdout;
    assert!(
        log_help.contains("net log coffee anna --for 45m"),
        "{log_help}"
    );
    let version = env.ok(&["--version"]).stdout;
    assert!(version.starts_with("net "), "{version}");
    assert!(!env.db().exists(), "help does not create a database");
}

#[test]
fn extreme_numbers_are_refused_cleanly() {
    let env = anna();
    let cases: &[(&[&str], i32)] = &[
        (&["due", "--on", "99999 days ago"], 2),
        (&["due", "--on", "in 99999999 weeks"], 2),
        (&["due", "--on", "9999-12-31"], 2),
        (&["every", "anna", "99999999y"], 2),
        (&["every", "anna", "4294967296d"], 2),
        (&["snooze", "anna", "999999999d"], 2),
        (&["snooze", "anna", "100000y"], 2),
        (&["log", "call", "anna", "--for", "99999999h"], 2),
        (&["log", "call", "anna", "--for", "1e308h"], 2),
        (&["log", "call", "anna", "--on", "0001-01-01"], 2),
        (&["add", "Big", "--known-hours", "1e308"], 2),
        (&["add", "Nan", "--known-hours", "NaN"], 2),
        (&["show", "#99999999999999999999"], 1),
        (&["show", "#-1"], 1),
    ];
    for (args, code) in cases {
        env.fails_unchanged(*code, args);
    }
    assert_eq!(env.net(&["due", "--limit", "99999999999999999999"]).code, 2);
    // The largest allowed values work, and the database still does.
    env.ok(&["every", "anna", "100y"]);
    env.ok(&["snooze", "anna", "100y"]);
    env.ok(&["log", "call", "anna", "--for", "24h", "--on", "1900-01-01"]);
    env.ok(&["due", "--all"]);
    env.ok_on("2199-12-31", &["due", "--all"]);
    env.ok(&["show", "anna"]);
}

#[test]
fn no_database_is_created_by_a_usage_error() {
    let env = TestEnv::new();
    env.net_on("not-a-date", &["due"]).error(2);
    assert!(!env.db().exists());
}

#[test]
fn every_error_names_the_fix() {
    let env = anna();
    let line = env.net_on(TODAY, &["show", "zelda"]).error(1);
    assert!(line.contains("net add NAME"), "{line}");
}

#[test]
fn a_folder_as_the_database_says_to_name_a_file() {
    let env = TestEnv::new();
    let mut cmd = env.command(crate::common::TODAY, &["due"]);
    cmd.env("NET_DB", env.root());
    let out = env.run(&mut cmd);
    let line = out.error(1);
    assert!(
        line.contains("is a folder: point --db or NET_DB at a file"),
        "{line}"
    );
}

#[test]
fn a_closed_pipe_after_json_exits_0() {
    use std::io::Read;
    let env = TestEnv::new();
    let contacts: Vec<_> = (1..=2000)
        .map(|i| serde_json::json!({"id": i, "name": format!("Person {i}"), "added_on": "2026-01-01"}))
        .collect();
    let doc = serde_json::json!({"format": "net/1", "contacts": contacts});
    let file = env.write("many.json", &doc.to_string());
    env.ok(&["import", "json", file.to_str().unwrap()]);
    for args in [&["list", "--json"][..], &["export", "json"][..]] {
        let mut child = env
            .command(crate::common::TODAY, args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 5];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the reader went away, like `| head -c 5`.
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
