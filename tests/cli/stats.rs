//! `net stats`: the health of the network at a glance.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// Anna (due, gave), Bob (due, got, they reached out), Carl (fresh, 60 h),
/// Dora (archived), Eve (no cadence); an hour of coffee in November.
fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok(&["add", "Carl Close", "--known-hours", "60"]);
    env.ok(&["add", "Dora Old"]);
    env.ok(&["add", "Eve Never", "--every", "never"]);
    env.ok(&["archive", "dora"]);
    env.ok_on("2026-09-01", &["gave", "anna", "sent the article"]);
    env.ok_on("2026-09-01", &["got", "bob", "a referral"]);
    env.ok(&["log", "coffee", "carl", "--for", "1h", "--on", "2026-11-02"]);
    env.ok(&["log", "call", "carl", "--on", "2026-10-05"]);
    env
}

#[test]
fn the_report() {
    let env = network();
    assert_snapshot!(env.net(&["stats"]).snapshot(), @r"
Contacts   4 active, 1 archived
Nurtured   3 of at most 150 with a cadence; 0 more watched for long silence
Status     1 ok · 0 soon · 2 due · 0 cold · 0 snoozed · 1 without a cadence
Depth      3 acquaintance · 1 casual friend · 0 friend · 0 close friend
Give/take  gave 1 · got 1 · they reached out 1 of 4 interactions
Top kinds  note 2 · call 1 · coffee 1 (last 12 months)

Time per month against the budget
  Dec 2025  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Jan 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Feb 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Mar 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Apr 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  May 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Jun 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Jul 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Aug 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Sep 2026  ░░░░░░░░░░░░░░░░░░░░   0m of 17h20
  Oct 2026  ░░░░░░░░░░░░░░░░░░░░   20m of 17h20
  Nov 2026  █░░░░░░░░░░░░░░░░░░░   1h of 17h20
[exit 0]
");
}

#[test]
fn json_report() {
    let env = network();
    let v = env.json(&["stats", "--json"]);
    assert_eq!(v["active"], 4);
    assert_eq!(v["archived"], 1);
    assert_eq!(v["nurtured"], 3);
    assert_eq!(v["max_nurtured"], 150);
    assert_eq!(
        v["statuses"],
        json!({"cold": 0, "due": 2, "ok": 1, "snoozed": 0, "soon": 0})
    );
    assert_eq!(
        v["tiers"],
        json!({"acquaintance": 3, "casual friend": 1, "close friend": 0, "friend": 0})
    );
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["from"], "2025-12-01");
    assert_eq!(
        months[11],
        json!({"from": "2026-11-01", "to": "2026-11-30", "minutes": 60, "budget": 1040,
               "estimated": 0})
    );
    assert_eq!(months[10]["minutes"], 20);
    assert_eq!(months[10]["estimated"], 1);
    assert_eq!(v["interactions"], 4);
    assert_eq!(v["gave"], 1);
    assert_eq!(v["got"], 1);
    assert_eq!(v["they_reached_out"], 1);
    assert_eq!(
        v["kinds_last_12_months"],
        json!([["note", 2], ["call", 1], ["coffee", 1]])
    );
}

#[test]
fn snoozed_and_cold_are_counted() {
    let env = network();
    env.ok(&["snooze", "anna", "2w"]);
    let v = env.json(&["stats", "--json"]);
    assert_eq!(v["statuses"]["snoozed"], 1);
    assert_eq!(v["statuses"]["due"], 1);
    let later = env.ok_on("2027-03-01", &["stats", "--json"]).json();
    // Anna and Bob half a year silent; Carl (4 months) is due, not yet cold.
    assert_eq!(later["statuses"]["cold"], 2, "{later:#}");
    assert_eq!(later["statuses"]["due"], 1, "{later:#}");
}

#[test]
fn an_empty_network() {
    let env = TestEnv::new();
    let v = env.json(&["stats", "--json"]);
    assert_eq!(v["active"], 0);
    assert_eq!(v["months"].as_array().unwrap().len(), 12);
    assert_eq!(v["kinds_last_12_months"], json!([]));
    let out = env.ok(&["stats"]);
    assert!(out.stdout.starts_with("Contacts   0 active, 0 archived\n"));
    assert!(!out.stdout.contains("Top kinds"));
}

#[test]
fn the_budget_of_a_month_follows_the_config() {
    let env = network();
    env.write_config("budget_period = \"month\"\nwork_hours_per_week = 30\nbudget_percent = 20\n");
    let v = env.json(&["stats", "--json"]);
    assert_eq!(v["months"][11]["budget"], 1560);
}
