//! `net due`: who needs a touch, most urgent first.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn fresh_database_explains_itself_and_is_created_private() {
    let env = TestEnv::new();
    let db = env.root().join("data").join("deep").join("net.db");
    let out = env.run(env.command(TODAY, &["due"]).env("NET_DB", &db));
    assert_snapshot!(out.snapshot(), @r#"
net keeps your relationships warm: it tells you who is going cold.
Your network is empty. Start with:

  net add "Anna Müller" --tag client --why "referrer for Mittelstand clients"
  net log coffee anna --for 45m --note "talked about her new plant"
  net due

Or look around an example network first: net demo
Database: $TEST_ENV/data/deep/net.db
[exit 0]
"#);
    assert!(db.is_file(), "the database file was created");
    #[cfg(unix)]
    {
        assert_eq!(mode(&db), 0o600, "database file mode");
        assert_eq!(mode(db.parent().unwrap()), 0o700, "new folder mode");
        assert_eq!(mode(&env.root().join("data")), 0o700, "new parent mode");
        for entry in std::fs::read_dir(db.parent().unwrap()).unwrap() {
            let path = entry.unwrap().path();
            assert_eq!(mode(&path), 0o600, "{} is not private", path.display());
        }
    }
}

#[test]
fn fresh_database_json_is_empty() {
    let env = TestEnv::new();
    let v = env.json(&["due", "--json"]);
    assert_eq!(v["date"], TODAY);
    assert_eq!(v["entries"], serde_json::json!([]));
    assert_eq!(v["more"], 0);
}

#[test]
fn no_subcommand_means_due() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    let bare = env.ok(&[]);
    assert_eq!(bare.stdout, env.ok(&["due"]).stdout);
    assert!(bare.stdout.contains("Anna Müller"), "{}", bare.snapshot());
}

#[test]
fn client_outranks_an_equally_late_plain_contact() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Paul Plain"]);
    env.ok_on("2026-08-01", &["add", "Clara Client", "--tag", "client"]);
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
 #  Name          Last touch  Every  Status  Why now
 2  Clara Client  never       2mo    due     never contacted, added 3 months ago; bimonthly: 7
                                             weeks overdue · tag client
 1  Paul Plain    never       2mo    due     never contacted, added 3 months ago; bimonthly: 7
                                             weeks overdue
[exit 0]
");
    assert_eq!(env.due_ids(TODAY, &[]), vec![2, 1]);
}

#[test]
fn a_why_outranks_nothing_and_lateness_orders_the_rest() {
    let env = TestEnv::new();
    env.ok_on("2026-09-01", &["add", "Late A"]);
    env.ok_on("2026-08-01", &["add", "Later B"]);
    env.ok_on("2026-09-01", &["add", "Why C", "--why", "knows everyone"]);
    // B is the latest; C and A are equally late but C has a why.
    assert_eq!(env.due_ids(TODAY, &[]), vec![2, 3, 1]);
}

#[test]
fn on_a_later_date_shows_what_will_be_due_then() {
    let env = TestEnv::new();
    env.ok_on("2026-11-01", &["add", "Anna Müller", "--every", "1mo"]);
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
Nothing due. Next up: Anna Müller, due in 9 days (on the list in 3 days).
[exit 0]
");
    assert_snapshot!(env.net(&["due", "--on", "in 2 weeks"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h (on 2026-12-06)
 #  Name         Last touch  Every  Status  Why now
 1  Anna Müller  never       1mo    due     never contacted, added 5 weeks ago; monthly: 5 days
                                            overdue
[exit 0]
");
    let v = env.json(&["due", "--on", "in 2 weeks", "--json"]);
    assert_eq!(v["date"], "2026-12-06");
    assert_eq!(v["entries"][0]["status"], "due");
}

#[test]
fn limit_says_how_many_more() {
    let env = TestEnv::new();
    for name in ["A One", "B Two", "C Three"] {
        env.ok_on("2026-08-01", &["add", name]);
    }
    assert_snapshot!(env.net(&["due", "--limit", "1"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
 #  Name   Last touch  Every  Status  Why now
 1  A One  never       2mo    due     never contacted, added 3 months ago; bimonthly: 7 weeks
                                      overdue
… and 2 more past the limit of 1: B Two and C Three (net due --all).
[exit 0]
");
    let v = env.json(&["due", "--limit", "1", "--json"]);
    assert_eq!(v["entries"].as_array().unwrap().len(), 1);
    assert_eq!(v["more"], 2);
}

#[test]
fn all_includes_contacts_that_are_fine() {
    let env = TestEnv::new();
    env.ok(&["add", "Fresh Fiona"]);
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
Nothing due. Next up: Fresh Fiona, due in 2 months (on the list in 7 weeks).
[exit 0]
");
    assert_snapshot!(env.net(&["due", "--all"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
 #  Name         Last touch  Every  Status  Why now
 1  Fresh Fiona  never       2mo    ok      never contacted, added today; bimonthly: due in 2
                                            months
[exit 0]
");
}

#[test]
fn json_has_the_documented_fields() {
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &["add", "Anna Müller", "--tag", "client", "--why", "referrer"],
    );
    env.ok_on("2026-09-15", &["log", "coffee", "anna"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    let v = env.json(&["due", "--json", "--limit", "1"]);
    assert_eq!(v["date"], TODAY);
    assert_eq!(v["more"], 1);
    let e = &v["entries"][0];
    assert_eq!(e["id"], 1);
    assert_eq!(e["name"], "Anna Müller");
    assert_eq!(e["status"], "due");
    assert_eq!(e["last_touch"], "2026-09-15");
    assert_eq!(e["cadence"], "2mo");
    assert_eq!(e["due_on"], "2026-11-15");
    assert_eq!(
        e["reason"],
        "silent 2 months; bimonthly: 7 days overdue · tag client, has a why"
    );
    let bob = &env.json(&["due", "--json"])["entries"][1];
    assert_eq!(bob["name"], "Bob Stone");
    assert_eq!(bob["last_touch"], serde_json::Value::Null);
}

#[test]
fn snoozed_contacts_are_absent_until_the_snooze_ends() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok(&["snooze", "anna", "2w"]);
    assert_eq!(env.due_ids(TODAY, &[]), vec![2]);
    assert_eq!(env.due_ids("2026-12-05", &[]), vec![2]);
    assert_eq!(env.due_ids("2026-12-06", &[]), vec![1, 2]);
    // --all shows the snoozed one, marked as such.
    let v = env.json(&["due", "--all", "--json"]);
    let anna = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == 1)
        .expect("--all includes the snoozed contact");
    assert_eq!(anna["status"], "snoozed");
}

#[test]
fn a_never_contacted_contact_counts_from_when_it_was_added() {
    let env = TestEnv::new();
    env.ok_on("2026-09-01", &["add", "Anna Müller", "--every", "1mo"]);
    assert_eq!(env.due_ids("2026-09-20", &[]), Vec::<i64>::new());
    assert_eq!(env.due_ids("2026-09-25", &[]), vec![1], "soon after 80 %");
    let e = &env.json(&["due", "--json"])["entries"][0];
    assert_eq!(e["status"], "cold");
    assert_eq!(e["due_on"], "2026-10-01");
    assert_eq!(
        e["reason"],
        "never contacted, added 2 months ago; monthly: 7 weeks overdue"
    );
}

#[test]
fn a_touch_takes_a_contact_off_the_list() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    assert_eq!(env.due_ids(TODAY, &[]), vec![1]);
    env.ok(&["log", "call", "anna"]);
    assert_eq!(env.due_ids(TODAY, &[]), Vec::<i64>::new());
    assert_eq!(env.due_ids("2027-01-22", &[]), vec![1]);
}

#[test]
fn archived_contacts_never_appear() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--tag", "client"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok(&["archive", "anna"]);
    assert_eq!(env.due_ids(TODAY, &[]), vec![2]);
    assert_eq!(env.due_ids(TODAY, &["--all"]), vec![2]);
    assert_eq!(env.due_ids("2027-06-01", &["--all"]), vec![2]);
    assert!(!env.ok(&["due", "--all"]).stdout.contains("Anna"));
}

#[test]
fn nothing_due_names_the_next_one() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
Nothing due. Next up: Anna Müller, due in 2 months (on the list in 7 weeks).
[exit 0]
");
}

#[test]
fn bad_limit_and_bad_date_are_usage_errors() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let line = env.fails_unchanged(2, &["due", "--on", "next blursday"]);
    assert!(line.contains("next blursday"), "{line}");
    assert_eq!(env.net(&["due", "--limit", "-1"]).code, 2);
}

#[test]
fn birthdays_a_few_days_ahead_but_not_of_archived_contacts() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--birthday", "1980-11-25"]);
    env.ok(&[
        "add",
        "Bob Stone",
        "--birthday",
        "11-24",
        "--every",
        "never",
    ]);
    env.ok(&["add", "Carl Later", "--birthday", "12-24"]);
    env.ok(&["add", "Dora Old", "--birthday", "11-23"]);
    env.ok(&["archive", "dora"]);
    assert_snapshot!(env.net(&["due"]).snapshot(), @r"
this week: 0m of 4h networking · today's share 4h
Nothing due. Next up: Anna Müller, due in 2 months (on the list in 7 weeks).

Birthdays
  Bob Stone on Tue 24 Nov (in 2 days)
  Anna Müller turns 46 on Wed 25 Nov (in 3 days)
[exit 0]
");
    let v = env.json(&["due", "--json"]);
    let ids: Vec<&serde_json::Value> = v["birthdays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["id"])
        .collect();
    assert_eq!(ids, [2, 1]);
    assert_eq!(v["birthdays"][1]["age"], 46);
}

#[test]
fn limit_zero_does_not_blame_the_time_budget() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "A One"]);
    env.ok_on("2026-08-01", &["add", "B Two"]);
    let out = env.ok(&["due", "--limit", "0"]);
    assert!(!out.stdout.contains("time is spent"), "{}", out.stdout);
    assert!(out.stdout.contains("2 more"), "{}", out.stdout);
}
