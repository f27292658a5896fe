//! Birthdays in `net due`, a few days ahead (seed 001).

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

/// Contacts with no cadence, so that `due` shows only the birthdays.
fn born(env: &TestEnv, name: &str, birthday: &str) {
    env.ok(&["add", name, "--birthday", birthday, "--every", "never"]);
}

#[test]
fn with_and_without_a_year() {
    let env = TestEnv::new();
    born(&env, "Anna Müller", "11-25");
    born(&env, "Bob Stone", "1980-11-25");
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
Nothing due. No contact has a cadence yet: net every NAME 2mo

Birthdays
  Anna Müller on Wed 25 Nov (in 3 days)
  Bob Stone turns 46 on Wed 25 Nov (in 3 days)
[exit 0]
");
    assert_eq!(
        env.json(&["due", "--json"])["birthdays"],
        json!([
            {"id": 1, "name": "Anna Müller", "date": "2026-11-25", "age": null},
            {"id": 2, "name": "Bob Stone", "date": "2026-11-25", "age": 46}
        ])
    );
}

#[test]
fn today_and_the_last_day_of_the_window() {
    let env = TestEnv::new();
    born(&env, "Anna Today", "11-22");
    born(&env, "Bob Seven", "11-29");
    born(&env, "Carl Eight", "11-30");
    let ids: Vec<serde_json::Value> = env.json(&["due", "--json"])["birthdays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].clone())
        .collect();
    assert_eq!(ids, [1, 2], "today and 7 days ahead, not 8");
    assert!(env
        .ok(&["due"])
        .stdout
        .contains("  Anna Today on Sun 22 Nov (today)\n"));
}

#[test]
fn ten_days_ahead_is_not_shown() {
    let env = TestEnv::new();
    born(&env, "Dora Ten", "12-02");
    let out = env.ok(&["due"]);
    assert!(!out.stdout.contains("Birthdays"), "{}", out.snapshot());
    assert_eq!(env.json(&["due", "--json"])["birthdays"], json!([]));
    // ... until it is near.
    let later = env.json(&["due", "--json", "--on", "2026-11-26"]);
    assert_eq!(later["birthdays"][0]["date"], "2026-12-02");
}

#[test]
fn days_ahead_comes_from_the_config() {
    let env = TestEnv::new();
    born(&env, "Dora Ten", "12-02");
    env.write_config("birthday_days_ahead = 14\n");
    assert_eq!(env.json(&["due", "--json"])["birthdays"][0]["id"], 1);
}

#[test]
fn the_29th_of_february_on_the_28th_in_common_years() {
    let env = TestEnv::new();
    born(&env, "Carl Leap", "1992-02-29");
    let out = env.ok_on("2027-02-25", &["due"]);
    assert!(
        out.stdout
            .contains("\nBirthdays\n  Carl Leap turns 35 on Sun 28 Feb (in 3 days)\n"),
        "{}",
        out.snapshot()
    );
    let v = env.ok_on("2027-02-25", &["due", "--json"]).json();
    assert_eq!(
        v["birthdays"],
        json!([{"id": 1, "name": "Carl Leap", "date": "2027-02-28", "age": 35}])
    );
    // In a leap year, on the day itself.
    let v = env.ok_on("2028-02-25", &["due", "--json"]).json();
    assert_eq!(v["birthdays"][0]["date"], "2028-02-29");
    // On 1 March of a common year it has passed.
    let v = env.ok_on("2027-03-01", &["due", "--json"]).json();
    assert_eq!(v["birthdays"], json!([]));
}

#[test]
fn a_birthday_shows_with_a_due_contact_and_archived_ones_do_not() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--birthday", "11-24"]);
    born(&env, "Bob Stone", "11-23");
    env.ok(&["archive", "bob"]);
    let v = env.json(&["due", "--json"]);
    assert_eq!(v["entries"][0]["id"], 1);
    assert_eq!(
        v["birthdays"],
        json!([{"id": 1, "name": "Anna Müller", "date": "2026-11-24", "age": null}])
    );
}

#[test]
fn impossible_birthdays_are_usage_errors() {
    let env = TestEnv::new();
    for bad in [
        "02-30",
        "1981-02-29",
        "13-01",
        "00-10",
        "31.04.",
        "2030-01-01x",
    ] {
        let line = env.fails_unchanged(2, &["add", "Anna", "--birthday", bad]);
        assert!(line.contains(bad), "{bad}: {line}");
    }
    let line = env.fails_unchanged(2, &["add", "Anna", "--birthday", "02-30"]);
    assert_eq!(
        line,
        "net: \"02-30\" is not a real date: that month has only 29 days"
    );
    env.ok(&["add", "Anna", "--birthday", "1980-02-29"]);
    let line = env.fails_unchanged(2, &["edit", "anna", "--birthday", "02-30"]);
    assert!(line.contains("02-30"), "{line}");
}

#[test]
fn a_birthday_after_today_is_refused() {
    let env = TestEnv::new();
    for bad in ["2030-01-01", "2026-11-23"] {
        let line = env.fails_unchanged(2, &["add", "Kid", "--birthday", bad]);
        assert!(line.contains(bad), "{line}");
    }
    // Today itself is a possible (if young) birthday; a year-less one is always fine.
    env.ok(&["add", "Newborn", "--birthday", "2026-11-22"]);
    env.ok(&["add", "Someone", "--birthday", "11-23"]);
}
