//! Richer prompts where a person is asked (issue 12.5), at a real
//! pseudo-terminal (util-linux `script`): `net add` with no arguments, the
//! `net log` wizard with several people, a date and a follow-up, and the
//! ambiguity picker that tells two "Anna"s apart.

use crate::common::TestEnv;

/// Runs `net ARGS` at a pseudo-terminal, typing `keys`; returns what it showed.
pub fn at_terminal(env: &TestEnv, args: &str, keys: &str) -> String {
    let out = crate::common::at_pty(env, args, keys, &[]);
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn add_with_no_arguments_asks_the_name_then_skippable_details() {
    let env = TestEnv::new();
    let shown = at_terminal(
        &env,
        "add",
        r"Julia Wolf\rWolf Consulting\rclient, referrer\r\rBVMW Sommerfest\r",
    );
    for question in [
        "Name",
        "Organisation",
        "Tags",
        "Why they matter",
        "How you met",
    ] {
        assert!(shown.contains(question), "no {question:?} asked: {shown}");
    }
    assert!(shown.contains("Added Julia Wolf (#1)"), "{shown}");
    let v = env.json(&["show", "julia", "--json"])["contact"].clone();
    assert_eq!(v["org"], "Wolf Consulting");
    assert_eq!(v["tags"], serde_json::json!(["client", "referrer"]));
    assert_eq!(v["met"], "BVMW Sommerfest");
    assert!(v["why"].is_null(), "Enter skipped why: {v}");
    // Enter at every question: just the name.
    at_terminal(&env, "add", r"Tom Berg\r\r\r\r\r");
    let v = env.json(&["show", "tom", "--json"])["contact"].clone();
    assert!(v["org"].is_null() && v["met"].is_null(), "{v}");
    assert!(v["tags"].as_array().is_none_or(|t| t.is_empty()), "{v}");
}

#[test]
fn the_log_wizard_takes_several_people_a_date_and_a_follow_up() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["add", "Clara Berg"]);
    let shown = at_terminal(
        &env,
        "log coffee",
        r"ann\rbob\r\ryesterday\r30m\rtalked shop\rsend the offer\rfriday\r",
    );
    assert!(
        shown.contains("Logged coffee with Anna Müller and Bob Stone on 2026-11-21, 30m."),
        "{shown}"
    );
    let v = env.json(&["history", "bob", "--json"]);
    let first = &v[0];
    assert_eq!(first["date"], "2026-11-21");
    assert_eq!(first["note"], "talked shop");
    let todo = env.json(&["todo", "--json"]);
    assert_eq!(todo[0]["text"], "send the offer", "{todo}");
    assert_eq!(todo[0]["due"], "2026-11-27", "{todo}");
    assert_eq!(first["with"].as_array().unwrap().len(), 2, "{first}");
    assert_eq!(
        env.json(&["history", "clara", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn the_ambiguity_picker_shows_org_and_last_touch() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--org", "Müller GmbH"]);
    env.ok(&["add", "Anna Schmidt"]);
    env.ok(&["log", "call", "#2", "--on", "2026-03-01"]);
    let shown = at_terminal(&env, "show anna", r"\r");
    assert!(
        shown.contains("Anna Müller (#1) · Müller GmbH · never contacted (added 2026-11-22)"),
        "{shown}"
    );
    assert!(
        shown.contains("Anna Schmidt (#2) · last touch 2026-03-01"),
        "{shown}"
    );
}
