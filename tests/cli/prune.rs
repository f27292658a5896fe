//! `net prune`: let contacts that bring nothing fall asleep (seed 000 §10),
//! reversibly.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

const YEAR_AGO: &str = "2025-11-22";

/// #1 Idle Ida: no cadence, never touched in a year (proposed).
/// #2 Promise Paul: like Ida but with an open promise (kept).
/// #3 Deep Dora: like Ida but 100 h deep (kept).
/// #4 Monthly Max: cadence 1mo, silent 7 months (proposed, with the alternative).
/// #5 Slow Sam: cadence 6mo, silent 7 months (kept: not yet twice his cadence).
fn dormant() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(YEAR_AGO, &["add", "Idle Ida", "--every", "never"]);
    env.ok_on(YEAR_AGO, &["add", "Promise Paul", "--every", "never"]);
    env.ok_on(
        YEAR_AGO,
        &["log", "call", "paul", "--follow-up", "send the book"],
    );
    env.ok_on(
        YEAR_AGO,
        &[
            "add",
            "Deep Dora",
            "--every",
            "never",
            "--known-hours",
            "100",
        ],
    );
    env.ok_on("2026-04-01", &["add", "Monthly Max", "--every", "1mo"]);
    env.ok(&["log", "call", "max", "--on", "2026-04-22"]);
    env.ok_on("2026-04-01", &["add", "Slow Sam", "--every", "6mo"]);
    env.ok(&["log", "call", "sam", "--on", "2026-04-22"]);
    env
}

fn proposed(env: &TestEnv, extra: &[&str]) -> Vec<i64> {
    let mut args = vec!["prune", "--dry-run", "--json"];
    args.extend_from_slice(extra);
    env.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn dry_run_proposes_with_a_reason_each_and_changes_nothing() {
    let env = dormant();
    let before = env.db_dump();
    assert_snapshot!(env.net(&["prune", "--dry-run"]).snapshot(), @r"
Dormant for 6 months or more: 2 contacts
  Idle Ida (#1) — never contacted in 12 months, 0m together, no why
  Monthly Max (#4) — silent 7 months, 20m together, no why; cadence 1mo (or keep them: net every '#4' never)
[stderr]
Dry run: nothing archived. `net prune --yes` archives them all; `net revive` brings one back.
[exit 0]
");
    assert_eq!(env.db_dump(), before);
}

#[test]
fn json_proposals() {
    let env = dormant();
    assert_eq!(
        env.json(&["prune", "--dry-run", "--json"]),
        json!([
            {"id": 1, "name": "Idle Ida", "last_touch": null, "minutes_together": 0,
             "cadence": null, "reason": "never contacted in 12 months, 0m together, no why"},
            {"id": 4, "name": "Monthly Max", "last_touch": "2026-04-22", "minutes_together": 20,
             "cadence": "1mo",
             "reason": "silent 7 months, 20m together, no why; cadence 1mo (or keep them: net every '#4' never)"}
        ])
    );
}

#[test]
fn without_a_terminal_and_without_yes_nothing_changes() {
    let env = dormant();
    let before = env.db_dump();
    let out = env.ok(&["prune"]);
    assert!(out.stdout.contains("Idle Ida (#1)"), "{}", out.snapshot());
    assert!(
        out.stderr
            .starts_with("No terminal to choose at: nothing archived."),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.db_dump(), before);
}

#[test]
fn yes_archives_and_revive_brings_back_with_history() {
    let env = dormant();
    assert_snapshot!(env.net(&["prune", "--yes"]).snapshot(), @r"
[stderr]
Archived 2 contacts. Their history stays; `net revive NAME` brings one back.
[exit 0]
");
    let archived: Vec<String> = env
        .ok(&["list", "--names", "--status", "archived"])
        .stdout
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(archived, ["Idle Ida", "Monthly Max"]);
    assert!(!env.ok(&["list", "--names"]).stdout.contains("Max"));
    assert!(!env.ok(&["due", "--all"]).stdout.contains("Max"));
    // Nothing left to propose.
    assert_eq!(proposed(&env, &[]), Vec::<i64>::new());

    env.ok(&["revive", "max"]);
    let v = env.json(&["show", "max", "--json"]);
    assert_eq!(
        v["contact"]["status"],
        serde_json::Value::Null,
        "active again"
    );
    assert_eq!(v["interactions_total"], 1);
    assert_eq!(v["last_touch"], "2026-04-22");
    assert_eq!(v["contact"]["every"], "1mo");
    assert!(env.ok(&["list", "--names"]).stdout.contains("Monthly Max"));
}

#[test]
fn an_open_promise_keeps_a_contact() {
    let env = dormant();
    assert!(!proposed(&env, &[]).contains(&2));
    // Once the promise is kept, Paul is dormant like Ida.
    env.ok(&["done", "1"]);
    assert!(proposed(&env, &[]).contains(&2));
}

#[test]
fn depth_keeps_a_contact() {
    let env = dormant();
    assert!(!proposed(&env, &[]).contains(&3));
    env.ok(&["edit", "dora", "--known-hours", "10"]);
    assert!(proposed(&env, &[]).contains(&3));
}

#[test]
fn a_cadence_keeps_a_contact_until_twice_its_length() {
    let env = dormant();
    assert!(proposed(&env, &[]).contains(&4), "1mo, silent 7 months");
    assert!(!proposed(&env, &[]).contains(&5), "6mo, silent 7 months");
    // Sam: twice six months after 22 April is 22 April 2027.
    let later = env
        .ok_on("2027-04-23", &["prune", "--dry-run", "--json"])
        .json();
    assert!(
        later.as_array().unwrap().iter().any(|p| p["id"] == 5),
        "{later:#}"
    );
    // The alternative it offers keeps Max.
    env.ok(&["every", "#4", "never"]);
    let v = env.json(&["prune", "--dry-run", "--json"]);
    let max = v.as_array().unwrap().iter().find(|p| p["id"] == 4).unwrap();
    assert_eq!(max["cadence"], serde_json::Value::Null);
}

#[test]
fn a_recent_touch_keeps_a_contact() {
    let env = dormant();
    env.ok(&["log", "message", "ida", "--on", "2026-06-01"]);
    assert_eq!(proposed(&env, &[]), [4]);
}

#[test]
fn idle_sets_the_threshold() {
    let env = dormant();
    assert_eq!(proposed(&env, &["--idle", "11mo"]), [1]);
    assert_eq!(proposed(&env, &["--idle", "13mo"]), Vec::<i64>::new());
    // Sam's cadence still protects him at a short idle.
    assert_eq!(proposed(&env, &["--idle", "3mo"]), [1, 4]);
}

#[test]
fn a_why_is_named_in_the_reason() {
    let env = TestEnv::new();
    env.ok_on(
        YEAR_AGO,
        &[
            "add",
            "Wanda Why",
            "--every",
            "never",
            "--why",
            "met at a fair",
        ],
    );
    let v = env.json(&["prune", "--dry-run", "--json"]);
    assert_eq!(
        v[0]["reason"],
        "never contacted in 12 months, 0m together, why: met at a fair"
    );
}

#[test]
fn silent_exactly_idle_is_dormant() {
    let env = TestEnv::new();
    env.ok_on("2026-05-22", &["add", "Six Months", "--every", "never"]);
    env.ok_on("2026-05-23", &["add", "Not Yet", "--every", "never"]);
    assert_eq!(proposed(&env, &[]), [1]);
    assert_eq!(proposed(&env, &["--idle", "1y"]), Vec::<i64>::new());
}

#[test]
fn nothing_to_prune() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let out = env.ok(&["prune"]);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with("Nothing to prune"),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.json(&["prune", "--dry-run", "--json"]), json!([]));
}

#[test]
fn nothing_to_prune_names_the_idle_time_plainly() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let out = env.ok(&["prune"]);
    assert!(!out.stderr.contains("for every"), "{}", out.snapshot());
    assert!(
        out.stderr.contains(" 6 months or more"),
        "{}",
        out.snapshot()
    );
}

#[test]
fn bad_idle_is_a_usage_error() {
    let env = dormant();
    let line = env.fails_unchanged(2, &["prune", "--idle", "2m"]);
    assert_eq!(
        line,
        "net: \"2m\" is ambiguous: write 2mo for months (or 2w for weeks)"
    );
    env.fails_unchanged(2, &["prune", "--idle", "soon", "--yes"]);
    env.fails_unchanged(2, &["prune", "--idle", "0d", "--yes"]);
    env.fails_unchanged(2, &["prune", "--dry-run", "--yes"]);
}

#[test]
fn json_with_yes_prints_what_was_archived() {
    let env = dormant();
    let v = env.json(&["prune", "--yes", "--json"]);
    let ids: Vec<&serde_json::Value> = v.as_array().unwrap().iter().map(|p| &p["id"]).collect();
    assert_eq!(ids, [1, 4]);
}
