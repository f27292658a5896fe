//! `net snooze`: keep a contact quiet in `net due` for a while.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;

/// Anna and Bob, both overdue.
fn overdue() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env
}

#[test]
fn for_two_weeks() {
    let env = overdue();
    assert_snapshot!(env.net(&["snooze", "anna", "2w"]).snapshot(), @r"
[stderr]
Snoozed Anna Müller (#1) until 2026-12-06.
[exit 0]
");
    assert_eq!(env.export()["contacts"][0]["snoozed_until"], "2026-12-06");
    assert_eq!(env.due_ids(TODAY, &[]), vec![2]);
    assert_eq!(env.due_ids("2026-12-05", &[]), vec![2]);
    assert_eq!(env.due_ids("2026-12-06", &[]), vec![1, 2]);
}

#[test]
fn until_a_date() {
    let env = overdue();
    let out = env.net(&["snooze", "bob", "--until", "2027-01-10"]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Snoozed Bob Stone (#2) until 2027-01-10.
[exit 0]
");
    assert_eq!(env.export()["contacts"][1]["snoozed_until"], "2027-01-10");
    assert_eq!(env.due_ids("2027-01-09", &[]), vec![1]);
    assert_eq!(env.due_ids("2027-01-10", &[]), vec![1, 2]);
    let brief = env.json(&["show", "bob", "--json"]);
    assert_eq!(brief["relationship"]["status"], "snoozed");
}

#[test]
fn off_wakes_it_up() {
    let env = overdue();
    env.ok(&["snooze", "anna", "1mo"]);
    assert_eq!(env.due_ids(TODAY, &[]), vec![2]);
    assert_snapshot!(env.net(&["snooze", "anna", "--off"]).snapshot(), @r"
[stderr]
Anna Müller (#1) is awake again.
[exit 0]
");
    assert_eq!(env.due_ids(TODAY, &[]), vec![1, 2]);
    assert_eq!(env.export()["contacts"][0].get("snoozed_until"), None);
}

#[test]
fn bad_input_changes_nothing() {
    let env = overdue();
    env.ok(&["snooze", "anna", "1w"]);
    let line = env.fails_unchanged(2, &["snooze", "bob", "2x"]);
    assert_snapshot!(line, @r#"net: "2x" is not an interval: use 3d, 2w, 2mo, 1y or weekly, monthly, bimonthly, quarterly, yearly"#);
    let line = env.fails_unchanged(2, &["snooze", "bob", "2m"]);
    assert!(line.contains("2mo"), "{line}");
    let line = env.fails_unchanged(2, &["snooze", "bob", "--until", "yesterday"]);
    assert!(line.contains("later date"), "{line}");
    env.fails_unchanged(2, &["snooze", "bob", "--until", "today"]);
    env.fails_unchanged(2, &["snooze", "bob", "--until", "2026-02-30"]);
    let line = env.fails_unchanged(2, &["snooze", "bob"]);
    assert_eq!(
        line,
        "net: say how long: net snooze NAME 2w, --until DATE, or --off"
    );
    env.fails_unchanged(1, &["snooze", "zelda", "2w"]);
}

#[test]
fn archived_contacts_cannot_be_snoozed() {
    let env = overdue();
    env.ok(&["archive", "bob"]);
    let line = env.fails_unchanged(1, &["snooze", "bob", "2w"]);
    assert!(line.contains("net revive"), "{line}");
}
