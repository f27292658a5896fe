//! Depth: 50 h together make a casual friend, 90 h a friend, 200 h a close
//! friend (seed 002), from logged time plus `--known-hours`.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// Anna 60 h (casual), Bob none, Carl 250 h (close), Fritz 89.5 h before net
/// and a logged half hour (friend at exactly 90 h).
/// What [`tiers_by_commands`] makes, loaded in one import.
fn tiers() -> TestEnv {
    TestEnv::with_network(&json!({
        "format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna Müller", "every": "default", "known_minutes": 3600, "added_on": "2026-11-22"},
            {"id": 2, "name": "Bob Stone", "every": "default", "added_on": "2026-11-22"},
            {"id": 3, "name": "Carl Close", "every": "default", "known_minutes": 15000, "added_on": "2026-11-22"},
            {"id": 4, "name": "Fritz Friend", "every": "default", "known_minutes": 5370, "added_on": "2026-11-22"},
        ],
        "interactions": [
            {"id": 1, "kind": "meeting", "date": "2026-11-22", "minutes": 30, "contacts": [4]},
        ],
    }))
}

fn tiers_by_commands() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--known-hours", "60"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["add", "Carl Close", "--known-hours", "250"]);
    env.ok(&["add", "Fritz Friend", "--known-hours", "89.5"]);
    env.ok(&["log", "meeting", "fritz", "--for", "30m"]);
    env
}

#[test]
fn the_tiers_fixture_is_what_its_commands_make() {
    assert_eq!(tiers().export(), tiers_by_commands().export());
}

fn names(env: &TestEnv, tier: &str) -> Vec<String> {
    env.ok(&["list", "--names", "--tier", tier])
        .stdout
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn known_hours_make_a_casual_friend() {
    let env = tiers();
    let brief = env.ok(&["show", "anna"]).stdout;
    assert!(
        brief.contains("\nDepth      casual friend: 60h together over 0 interactions, 60h of it before net; 30h more to friend\n"),
        "{brief}"
    );
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!(v["tier"], "casual_friend");
    assert_eq!(v["hours_together"], 60.0);
    assert_eq!(v["contact"]["known_minutes"], 3600);
}

#[test]
fn the_list_shows_the_tiers() {
    let env = tiers();
    assert_snapshot!(env.net(&["list"]).snapshot(), @r"
 #  Name          Org  Tags  Every  Last touch  Status  Depth
 1  Anna Müller              2mo    never       ok      casual friend (60h)
 2  Bob Stone                2mo    never       ok      acquaintance (0m)
 3  Carl Close               2mo    never       ok      close friend (250h)
 4  Fritz Friend             2mo    today       ok      friend (90h)
[exit 0]
");
    let v = env.json(&["list", "--json"]);
    let tiers: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tier"].as_str().unwrap())
        .collect();
    assert_eq!(
        tiers,
        ["casual_friend", "acquaintance", "close_friend", "friend"]
    );
}

#[test]
fn list_by_tier() {
    let env = tiers();
    assert_eq!(names(&env, "casual"), ["Anna Müller"]);
    assert_eq!(names(&env, "acquaintance"), ["Bob Stone"]);
    assert_eq!(names(&env, "friend"), ["Fritz Friend"]);
    assert_eq!(names(&env, "close"), ["Carl Close"]);
}

#[test]
fn logged_time_deepens_a_relationship() {
    let env = tiers();
    // Bob: 49h of meetings is not yet 50.
    env.ok(&["edit", "bob", "--known-hours", "49"]);
    assert_eq!(names(&env, "casual"), ["Anna Müller"]);
    env.ok(&["log", "meeting", "bob", "--for", "1h"]);
    assert_eq!(names(&env, "casual"), ["Anna Müller", "Bob Stone"]);
    assert_eq!(env.json(&["show", "bob", "--json"])["hours_together"], 50.0);
}

#[test]
fn thresholds_come_from_the_config() {
    let env = tiers();
    env.write_config("[depth]\ncasual_friend = 10\nfriend = 55\nclose_friend = 80\n");
    assert_eq!(names(&env, "friend"), ["Anna Müller"]);
    assert_eq!(names(&env, "close"), ["Carl Close", "Fritz Friend"]);
}

#[test]
fn a_bogus_tier_is_a_usage_error() {
    let env = tiers();
    let line = env.fails_unchanged(2, &["list", "--tier", "bogus"]);
    assert_eq!(
        line,
        "net: \"bogus\" is not a tier: use acquaintance, casual, friend or close"
    );
}

#[test]
fn negative_known_hours_are_refused() {
    let env = tiers();
    for args in [
        &["add", "Zoe", "--known-hours", "-1"][..],
        &["add", "Zoe", "--known-hours=-1"][..],
        &["edit", "anna", "--known-hours=-1"][..],
        &["add", "Zoe", "--known-hours", "lots"][..],
        &["add", "Zoe", "--known-hours", "NaN"][..],
        &["add", "Zoe", "--known-hours", "inf"][..],
    ] {
        env.fails_unchanged(2, args);
    }
    let line = env.fails_unchanged(2, &["add", "Zoe", "--known-hours=-1"]);
    assert_eq!(
        line,
        "net: --known-hours -1 is out of range: give hours from 0 to 100000"
    );
}
