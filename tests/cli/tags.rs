//! Tags as a thing: `net tags`, `net tag rename` (one undo step, rules follow),
//! and `net list --sort`, `--status due|cold|soon`, `--org`.

use crate::common::TestEnv;
use serde_json::json;

/// Anna (kunde, Müller GmbH, coffee 3h on Oct 1), Bob (kunde + client, Stone AG,
/// call Nov 20), Carl (weekly, never touched); a monthly rule on kunde.
fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Anna Müller",
        "--tag",
        "kunde",
        "--org",
        "Müller GmbH",
    ]);
    env.ok(&[
        "add",
        "Bob Stone",
        "--tag",
        "kunde",
        "--tag",
        "client",
        "--org",
        "Stone AG",
    ]);
    env.ok(&["add", "Carl Berg", "--every", "1w"]);
    env.ok(&["rule", "add", "--tag", "kunde", "--every", "1mo"]);
    env.ok(&["every", "anna", "rules"]);
    env.ok(&["log", "coffee", "anna", "--on", "2026-10-01", "--for", "3h"]);
    env.ok(&["log", "call", "bob", "--on", "2026-11-20"]);
    env
}

fn names(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--names"];
    all.extend_from_slice(args);
    env.ok(&all).stdout.lines().map(String::from).collect()
}

#[test]
fn tags_list_counts_and_rules() {
    let env = network();
    let out = env.ok(&["tags"]);
    insta::assert_snapshot!(out.snapshot(), @r"
     Tag     Contacts  Rule
     client  1         -
     kunde   2         every 1mo
    [exit 0]
    ");
    assert_eq!(
        env.json(&["tags", "--json"]),
        json!([{"tag": "client", "contacts": 1, "every": null},
               {"tag": "kunde", "contacts": 2, "every": "1mo"}])
    );
}

#[test]
fn tag_rename_moves_contacts_and_the_rule_in_one_undo_step() {
    let env = network();
    let before = env.json(&["show", "anna", "--json"]);
    let out = env.ok(&["tag", "rename", "kunde", "client"]);
    assert!(
        out.stderr.contains("Renamed kunde to client on 2 contacts"),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.json(&["tags", "--json"]),
        json!([{"tag": "client", "contacts": 2, "every": "1mo"}])
    );
    // Anna follows the rule under its new name: the same due date.
    let after = env.json(&["show", "anna", "--json"]);
    assert_eq!(
        after["relationship"]["due_on"],
        before["relationship"]["due_on"]
    );
    assert_eq!(after["relationship"]["cadence_from"], "rule:client");
    assert_eq!(after["contact"]["tags"], json!(["client"]));
    assert_eq!(
        names(&env, &["--tag", "client"]),
        ["Anna Müller", "Bob Stone"]
    );
    assert!(names(&env, &["--tag", "kunde"]).is_empty());
    env.ok(&["undo"]);
    assert_eq!(env.json(&["tags", "--json"])[1]["tag"], "kunde");
    assert!(env
        .json(&["rule", "list", "--json"])
        .to_string()
        .contains("kunde"));
    env.fails_unchanged(1, &["tag", "rename", "nobody", "x"]);
    env.fails_unchanged(1, &["tag", "rename", "kunde", "kunde"]);
}

#[test]
fn list_sorts_and_filters_by_status_and_org() {
    let env = network();
    // Anna is due on Nov 1 (monthly from Oct 1); Carl on Nov 29; Bob on Jan 20.
    assert_eq!(
        names(&env, &["--sort", "due"]),
        ["Anna Müller", "Carl Berg", "Bob Stone"]
    );
    assert_eq!(
        names(&env, &["--sort", "last"]),
        ["Carl Berg", "Anna Müller", "Bob Stone"]
    );
    assert_eq!(names(&env, &["--sort", "depth"])[0], "Anna Müller");
    let due: Vec<String> = ["due", "cold", "soon"]
        .iter()
        .flat_map(|s| names(&env, &["--status", s]))
        .collect();
    assert_eq!(due, ["Anna Müller"]);
    assert_eq!(names(&env, &["--org", "muller"]), ["Anna Müller"]);
    assert_eq!(names(&env, &["--org", "AG"]), ["Bob Stone"]);
    let rows = env.json(&["list", "--sort", "due", "--json"]);
    assert_eq!(rows[0]["name"], "Anna Müller");
}
