//! Gaps left in issue 12's tests, filled: `net log rm` asks at a terminal,
//! `log edit --got`, the week's budget follows an edit, `journal --week`.

use crate::common::TestEnv;
use crate::prompts::at_terminal;

/// Anna's 45-minute coffee #1 on Friday 2026-11-20, in the week of TODAY.
fn coffee() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok(&[
        "log",
        "coffee",
        "anna",
        "--on",
        "2026-11-20",
        "--for",
        "45m",
    ]);
    env
}

#[test]
fn log_rm_asks_at_a_terminal_and_no_keeps_it() {
    let env = coffee();
    let shown = at_terminal(&env, "log rm 1", "n");
    assert!(shown.contains("coffee on 2026-11-20"), "{shown}");
    assert_eq!(env.export()["interactions"].as_array().unwrap().len(), 1);
    at_terminal(&env, "log rm 1", "y");
    assert_eq!(env.export()["interactions"], serde_json::json!([]));
    env.ok(&["undo"]);
    assert_eq!(env.export()["interactions"].as_array().unwrap().len(), 1);
}

#[test]
fn the_week_follows_an_edit_and_journal_week_is_the_default() {
    let env = coffee();
    let week = env.json(&["journal", "--week", "--json"]);
    assert_eq!(week["minutes"], 45);
    assert_eq!(week, env.json(&["journal", "--json"]));
    env.ok(&[
        "log",
        "edit",
        "1",
        "--on",
        "2026-11-10",
        "--got",
        "an intro",
    ]);
    assert_eq!(env.json(&["journal", "--week", "--json"])["minutes"], 0);
    let budget = env.json(&["budget", "--json"]);
    assert_eq!(budget["this_week"]["minutes"], 0, "{budget}");
    let earlier = budget["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["from"] == "2026-11-09")
        .unwrap_or_else(|| panic!("no week of 2026-11-09: {budget}"));
    assert_eq!(
        earlier["minutes"], 45,
        "the earlier week holds it now: {budget}"
    );
    assert_eq!(budget["this_month"]["minutes"], 45, "{budget}");
    assert_eq!(env.export()["interactions"][0]["got"], "an intro");
    env.ok(&["undo"]);
    assert_eq!(env.json(&["journal", "--week", "--json"])["minutes"], 45);
}
