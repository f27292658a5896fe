//! `net every NAME INTERVAL`: a contact's own cadence.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;

fn anna() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-10-01", &["add", "Anna Müller", "--tag", "client"]);
    env
}

fn relationship(env: &TestEnv) -> serde_json::Value {
    env.json(&["show", "anna", "--json"])["relationship"].clone()
}

#[test]
fn monthly() {
    let env = anna();
    assert_snapshot!(env.net(&["every", "anna", "1mo"]).snapshot(), @r"
[stderr]
Anna Müller (#1): monthly, due now (since 2026-11-01).
[exit 0]
");
    let r = relationship(&env);
    assert_eq!(r["cadence"], "1mo");
    assert_eq!(r["due_on"], "2026-11-01");
    assert_eq!(r["status"], "due");
    assert_eq!(env.contact("anna")["every"], "1mo");
    assert_eq!(env.due_ids(TODAY, &[]), vec![1]);
}

#[test]
fn words_and_units() {
    let env = anna();
    for (given, short) in [
        ("3d", "3d"),
        ("2w", "2w"),
        ("1y", "1y"),
        ("weekly", "1w"),
        ("monthly", "1mo"),
        ("bimonthly", "2mo"),
        ("quarterly", "3mo"),
        ("yearly", "1y"),
    ] {
        env.ok(&["every", "anna", given]);
        assert_eq!(env.contact("anna")["every"], short, "every {given}");
    }
}

#[test]
fn never() {
    let env = anna();
    assert_snapshot!(env.net(&["every", "anna", "never"]).snapshot(), @r"
[stderr]
Anna Müller (#1): no cadence.
[exit 0]
");
    assert_eq!(relationship(&env), serde_json::Value::Null);
    assert_eq!(env.due_ids("2030-01-01", &["--all"]), Vec::<i64>::new());
}

#[test]
fn rules_hands_the_cadence_to_the_tag_rules() {
    let env = anna();
    env.ok(&["rule", "add", "--tag", "client", "--every", "2w"]);
    // Issue 10.4: the default cadence of `net add` gives way to the rule at once.
    assert_eq!(relationship(&env)["cadence_from"], "rule:client");
    env.ok(&["every", "anna", "2mo"]);
    assert_eq!(relationship(&env)["cadence_from"], "contact");
    assert_snapshot!(env.net(&["every", "anna", "rules"]).snapshot(), @r"
[stderr]
Anna Müller (#1): every 2 weeks, due now (since 2026-10-15).
[exit 0]
");
    let r = relationship(&env);
    assert_eq!(r["cadence"], "2w");
    assert_eq!(r["cadence_from"], "rule:client");
    assert_eq!(env.contact("anna").get("every"), None);
}

#[test]
fn bad_interval_and_unknown_name_change_nothing() {
    let env = anna();
    let line = env.fails_unchanged(2, &["every", "anna", "2m"]);
    assert!(line.contains("2mo"), "{line}");
    env.fails_unchanged(2, &["every", "anna", "sometimes"]);
    env.fails_unchanged(2, &["every", "anna", "0w"]);
    env.fails_unchanged(1, &["every", "zelda", "1mo"]);
}
