//! The Dunbar guard: quality over quantity (seed 000 §2, 003 §3).

use crate::common::TestEnv;
use insta::assert_snapshot;

const NOTE: &str = "note: 3 contacts have a cadence, more than max_nurtured (2; about 150 close relationships is what anyone keeps up): `net prune` or `net every NAME never`\n";

fn limit_two() -> TestEnv {
    let env = TestEnv::new();
    env.write_config("max_nurtured = 2\n");
    env
}

#[test]
fn the_third_add_says_so_in_one_line() {
    let env = limit_two();
    for name in ["A One", "B Two"] {
        let out = env.ok(&["add", name]);
        assert!(!out.stderr.contains("note:"), "{}", out.snapshot());
    }
    assert_snapshot!(env.net(&["add", "C Three"]).snapshot(), @r"
[stderr]
Added C Three (#3), bimonthly: first check-in by 2027-01-22.
note: 3 contacts have a cadence, more than max_nurtured (2; about 150 close relationships is what anyone keeps up): `net prune` or `net every NAME never`
[exit 0]
");
    // `due` says it too, on stderr, once.
    let due = env.ok(&["due"]);
    assert_eq!(due.stderr, NOTE);
    assert!(!due.stdout.contains("note:"));
    // Not in JSON output.
    let json = env.ok(&["due", "--json"]);
    json.json();
}

#[test]
fn contacts_without_a_cadence_or_archived_do_not_count() {
    let env = limit_two();
    env.ok(&["add", "A One"]);
    env.ok(&["add", "B Two"]);
    env.ok(&["add", "C Three", "--every", "never"]);
    assert_eq!(env.ok(&["due"]).stderr, "");
    env.ok(&["every", "c three", "1mo"]);
    assert_eq!(env.ok(&["due"]).stderr, NOTE);
    env.ok(&["archive", "a one"]);
    assert_eq!(env.ok(&["due"]).stderr, "");
}

#[test]
fn every_and_rule_add_say_so_too() {
    let env = limit_two();
    env.ok(&["add", "A One"]);
    env.ok(&["add", "B Two"]);
    env.ok(&["add", "C Three", "--every", "never", "--tag", "client"]);
    env.ok(&["every", "c three", "rules"]);
    let rule = env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    assert!(rule.stderr.ends_with(NOTE), "{}", rule.snapshot());
    let every = env.ok(&["every", "a one", "1mo"]);
    assert!(every.stderr.ends_with(NOTE), "{}", every.snapshot());
}

#[test]
fn prune_is_the_way_out() {
    let env = TestEnv::new();
    env.write_config("max_nurtured = 2\n");
    for name in ["A One", "B Two", "C Three"] {
        env.ok_on("2026-01-01", &["add", name, "--every", "1mo"]);
    }
    assert_eq!(env.ok(&["due"]).stderr, NOTE);
    env.ok(&["prune", "--yes"]);
    assert_eq!(env.ok(&["due"]).stderr, "");
}
