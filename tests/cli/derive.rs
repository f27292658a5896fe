//! Derived values follow the config they depend on: a change to
//! `important_tags`, `watch_after`, `[kinds]` or `[depth]` shows in the very
//! next `net due`, `net list` and `net show`, with no `net doctor --fix`.

use crate::common::TestEnv;

/// Tom has no cadence of his own and a tag that is not important by default.
fn tom() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-01-05", &["add", "Tom Berger", "--tag", "vip"]);
    env.ok_on("2026-01-05", &["every", "tom", "rules"]);
    env
}

#[test]
fn an_important_tag_set_in_the_config_brings_a_contact_into_due_at_once() {
    let env = tom();
    assert_eq!(env.due_ids("2026-11-22", &[]), Vec::<i64>::new());
    env.write_config("important_tags = [\"vip\"]\n");
    assert_eq!(env.due_ids("2026-11-22", &[]), vec![1]);
    let show = env.json(&["show", "tom", "--json"]);
    assert_eq!(show["relationship"]["status"], "due", "{show}");
    let list = env.json(&["list", "--json"]);
    assert_eq!(list[0]["name"], "Tom Berger", "{list}");
    // Nothing was left for doctor to repair.
    let doctor = env.ok(&["doctor"]);
    assert!(
        doctor.stdout.contains("ok     derived values"),
        "{}",
        doctor.snapshot()
    );
}

#[test]
fn a_longer_watch_after_takes_a_contact_out_of_due_at_once() {
    let env = tom();
    env.write_config("important_tags = [\"vip\"]\n");
    assert_eq!(env.due_ids("2026-11-22", &[]), vec![1]);
    env.write_config("important_tags = [\"vip\"]\nwatch_after = \"2y\"\n");
    assert_eq!(env.due_ids("2026-11-22", &[]), Vec::<i64>::new());
}

#[test]
fn new_usual_minutes_of_a_kind_change_depth_at_once() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["log", "coffee", "anna"]);
    let before = env.json(&["show", "anna", "--json"]);
    assert_eq!(before["hours_together"], 0.8, "{before}");
    env.write_config("[kinds]\ncoffee = 90\n");
    let after = env.json(&["show", "anna", "--json"]);
    assert_eq!(after["hours_together"], 1.5, "{after}");
    let list = env.ok(&["list"]);
    assert!(list.stdout.contains("1h30"), "{}", list.snapshot());
}

#[test]
fn new_depth_tiers_show_at_once() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--known-hours", "10"]);
    let before = env.json(&["show", "anna", "--json"]);
    assert_eq!(before["tier"], "acquaintance", "{before}");
    env.write_config("[depth]\ncasual_friend = 5.0\nfriend = 20.0\nclose_friend = 40.0\n");
    let after = env.json(&["show", "anna", "--json"]);
    assert_eq!(after["tier"], "casual_friend", "{after}");
}

#[test]
fn undo_after_a_config_change_derives_with_the_new_config() {
    let env = tom();
    env.ok(&["log", "call", "tom", "--on", "2026-11-01"]);
    env.write_config("important_tags = [\"vip\"]\n");
    assert_eq!(env.due_ids("2026-11-22", &[]), Vec::<i64>::new());
    env.ok(&["undo"]);
    // Back to "never contacted since January": due under the new config.
    assert_eq!(env.due_ids("2026-11-22", &[]), vec![1]);
    let doctor = env.ok(&["doctor"]);
    assert!(
        doctor.stdout.contains("ok     derived values"),
        "{}",
        doctor.snapshot()
    );
}
