//! `net rule add|list|rm`: cadences for everyone with a tag.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::json;

/// With `default_every = "never"`, `net add` leaves the cadence to the rules.
fn rules_decide() -> TestEnv {
    let env = TestEnv::new();
    env.write_config("default_every = \"never\"\n");
    env.ok_on("2026-10-01", &["add", "Anna Müller", "--tag", "client"]);
    env.ok_on("2026-10-01", &["add", "Bob Stone", "--tag", "friend"]);
    env.ok_on(
        "2026-10-01",
        &["add", "Carl Both", "--tag", "friend", "--tag", "client"],
    );
    env.ok_on(
        "2026-10-01",
        &["add", "Dora Own", "--tag", "client", "--every", "quarterly"],
    );
    env
}

fn plan(env: &TestEnv, name: &str) -> (String, String) {
    let r = &env.json(&["show", name, "--json"])["relationship"];
    if r.is_null() {
        return ("-".into(), "-".into());
    }
    (
        r["cadence"].as_str().unwrap().into(),
        r["cadence_from"].as_str().unwrap().into(),
    )
}

fn p(cadence: &str, from: &str) -> (String, String) {
    (cadence.into(), from.into())
}

#[test]
fn a_rule_makes_tagged_contacts_follow_it() {
    let env = rules_decide();
    assert_eq!(plan(&env, "bob"), p("-", "-"));
    assert_eq!(
        env.due_ids(TODAY, &["--all"]),
        vec![4, 1, 3],
        "Bob has no plan"
    );
    let out = env.net(&["rule", "add", "--tag", "friend", "--every", "1mo"]);
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Contacts tagged friend should hear from you monthly: 2 of 2 follow the rule.
[exit 0]
");
    assert_eq!(plan(&env, "bob"), p("1mo", "rule:friend"));
    assert_eq!(plan(&env, "carl"), p("1mo", "rule:friend"));
    let v = env.json(&["due", "--json"]);
    let bob = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == 2);
    // Issue 10.3: Bob never heard from you and got a cadence only today: his
    // clock starts today, not on the day he was added.
    assert_eq!(bob, None, "{v:#}");
    let r = &env.json(&["show", "bob", "--json"])["relationship"];
    assert_eq!(r["due_on"], "2026-12-22");
    assert_eq!(r["cadence_from"], "rule:friend");
}

#[test]
fn own_cadence_wins_and_the_tightest_rule_wins() {
    let env = rules_decide();
    env.ok(&["rule", "add", "--tag", "friend", "--every", "quarterly"]);
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    assert_eq!(plan(&env, "anna"), p("1mo", "rule:client"));
    assert_eq!(plan(&env, "bob"), p("3mo", "rule:friend"));
    assert_eq!(plan(&env, "carl"), p("1mo", "rule:client"));
    assert_eq!(plan(&env, "dora"), p("3mo", "contact"));
    // Changing a rule moves everyone who follows it.
    env.ok(&["rule", "add", "--tag", "friend", "--every", "2w"]);
    assert_eq!(plan(&env, "bob"), p("2w", "rule:friend"));
    assert_eq!(plan(&env, "carl"), p("2w", "rule:friend"));
}

#[test]
fn a_rule_reaches_a_contact_with_its_own_cadence_only_after_every_rules() {
    let env = TestEnv::new();
    // Issue 10.4: the default of `net add` is no own cadence: the rule applies.
    env.ok(&["add", "Anna Müller", "--tag", "client"]);
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    assert_eq!(plan(&env, "anna"), p("1mo", "rule:client"));
    env.ok(&["every", "anna", "2mo"]);
    assert_eq!(plan(&env, "anna"), p("2mo", "contact"));
    env.ok(&["every", "anna", "rules"]);
    assert_eq!(plan(&env, "anna"), p("1mo", "rule:client"));
}

#[test]
fn tags_added_later_pick_up_the_rule() {
    let env = rules_decide();
    env.ok(&["rule", "add", "--tag", "vip", "--every", "1w"]);
    env.ok(&["edit", "bob", "--tag", "vip"]);
    assert_eq!(plan(&env, "bob"), p("1w", "rule:vip"));
    env.ok(&["edit", "bob", "--untag", "vip"]);
    assert_eq!(plan(&env, "bob"), p("-", "-"));
}

#[test]
fn list_as_table_and_json() {
    let env = rules_decide();
    assert_snapshot!(env.net(&["rule", "list"]).snapshot(), @r"
[stderr]
No rules yet: net rule add --tag client --every 1mo
[exit 0]
");
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    env.ok(&["rule", "add", "--tag", "#Friend", "--every", "quarterly"]);
    assert_snapshot!(env.net(&["rule", "list"]).snapshot(), @r"
 Tag     Every      Tagged
 client  monthly    3
 friend  quarterly  2
[exit 0]
");
    assert_eq!(
        env.json(&["rule", "list", "--json"]),
        json!([{"tag": "client", "every": "1mo"}, {"tag": "friend", "every": "3mo"}])
    );
}

#[test]
fn rm_removes_and_contacts_fall_back() {
    let env = rules_decide();
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    env.ok(&["rule", "add", "--tag", "friend", "--every", "3mo"]);
    assert_snapshot!(env.net(&["rule", "rm", "client"]).snapshot(), @r"
[stderr]
Removed the rule for client.
[exit 0]
");
    assert_eq!(
        env.json(&["rule", "list", "--json"]),
        json!([{"tag": "friend", "every": "3mo"}])
    );
    assert_eq!(plan(&env, "carl"), p("3mo", "rule:friend"));
    // Anna matters (important tag client) and is still watched.
    assert_eq!(plan(&env, "anna"), p("6mo", "watch"));
    assert!(env.export()["rules"].as_array().unwrap().len() == 1);
}

#[test]
fn rm_of_a_missing_rule_fails_and_changes_nothing() {
    let env = rules_decide();
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    let line = env.fails_unchanged(1, &["rule", "rm", "friend"]);
    assert_snapshot!(line, @r"net: there is no rule for tag friend: see `net rule list`");
}

#[test]
fn bad_rules_change_nothing() {
    let env = rules_decide();
    let line = env.fails_unchanged(2, &["rule", "add", "--tag", "client", "--every", "2m"]);
    assert!(line.contains("2mo"), "{line}");
    env.fails_unchanged(2, &["rule", "add", "--tag", "client", "--every", "never"]);
    env.fails_unchanged(2, &["rule", "add", "--tag", "two words", "--every", "1mo"]);
    assert_eq!(env.net(&["rule", "add", "--tag", "client"]).code, 2);
}
