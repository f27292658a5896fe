//! `net history NAME` and `net journal`: what was logged, with ids, paged at a terminal.

use crate::common::{TestEnv, TODAY};

/// Anna Müller (#1), Bob Stone (#2); three interactions in November 2026.
fn logged() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on(
        "2026-11-02",
        &[
            "log",
            "coffee",
            "anna",
            "--for",
            "45m",
            "--note",
            "talked about Augsburg",
        ],
    );
    env.ok(&[
        "log",
        "call",
        "anna",
        "bob",
        "--on",
        "2026-11-18",
        "--for",
        "30m",
        "--gave",
        "the heat pump article",
    ]);
    env.ok(&["log", "lunch", "bob", "--for", "1h", "--they"]);
    env
}

#[test]
fn history_lists_every_interaction_newest_first_with_ids() {
    let env = logged();
    let out = env.ok(&["history", "anna"]);
    insta::assert_snapshot!(out.snapshot(), @r"
    Anna Müller (#1): 2 interactions
    #2      2026-11-18  call  30m  with Anna Müller, Bob Stone
           gave: the heat pump article
    #1      2026-11-02  coffee  45m  with Anna Müller
           talked about Augsburg
    Wrong? net log edit ID --on DATE --for 45m --note …  ·  net log rm ID
    [exit 0]
    ");
}

#[test]
fn history_filters_by_kind_date_and_limit() {
    let env = logged();
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["history", "anna", "--json"];
        all.extend_from_slice(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&[]), vec![2, 1]);
    assert_eq!(ids(&["--kind", "coffee"]), vec![1]);
    assert_eq!(ids(&["--since", "2026-11-10"]), vec![2]);
    assert_eq!(ids(&["--limit", "1"]), vec![2]);
    let v = env.json(&["history", "bob", "--json"]);
    assert_eq!(v[0]["kind"], "lunch");
    assert_eq!(v[0]["they"], true);
    assert_eq!(v[0]["minutes"], 60);
    assert_eq!(v[1]["with"][0]["name"], "Anna Müller");
    let out = env.ok(&["history", "anna", "--kind", "gift"]);
    assert!(
        out.stderr.contains("No interactions like that"),
        "{}",
        out.stderr
    );
}

#[test]
fn journal_lists_the_week_against_the_budget() {
    let env = logged();
    let out = env.ok(&["journal"]);
    insta::assert_snapshot!(out.snapshot(), @r"
    This week (2026-11-16 to 2026-11-22): 2 interactions, 1h30 of 4h of budget
    #3      2026-11-22  lunch  1h  with Bob Stone  (they reached out)
    #2      2026-11-18  call  30m  with Anna Müller, Bob Stone
           gave: the heat pump article
    [exit 0]
    ");
    let month = env.json(&["journal", "--month", "--json"]);
    assert_eq!(month["from"], "2026-11-01");
    assert_eq!(month["to"], "2026-11-30");
    assert_eq!(month["minutes"], 45 + 30 + 60);
    assert_eq!(month["interactions"].as_array().unwrap().len(), 3);
    let since = env.json(&["journal", "--since", "2026-11-02", "--json"]);
    assert_eq!(since["interactions"].as_array().unwrap().len(), 3);
    // Three weeks of a 4h week, pro rata.
    assert_eq!(since["budget"], 240 * 21 / 7);
    env.fails_unchanged(2, &["journal", "--since", "2026-12-01"]);
}

/// Runs net at a pseudo-terminal (util-linux `script`) with extra variables.
pub fn at_a_terminal(env: &TestEnv, args: &str, vars: &[(&str, &str)]) -> String {
    let out = crate::common::at_pty(env, args, "", vars);
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

#[test]
fn pager_runs_at_a_terminal_only_and_not_with_no_pager() {
    let env = logged();
    let pager = [("PAGER", "sed s/^/PAGED:/")];
    let paged = at_a_terminal(&env, "history anna", &pager);
    assert!(paged.contains("PAGED:Anna Müller (#1)"), "{paged}");
    let journal = at_a_terminal(&env, "journal", &pager);
    assert!(journal.contains("PAGED:#3"), "{journal}");
    for flag in ["-P", "--no-pager"] {
        let plain = at_a_terminal(&env, &format!("history anna {flag}"), &pager);
        assert!(
            plain.contains("Anna Müller (#1)") && !plain.contains("PAGED"),
            "{plain}"
        );
    }
    // Piped: never paged, whatever PAGER says.
    let mut cmd = env.command(TODAY, &["history", "anna"]);
    cmd.env("PAGER", "sed s/^/PAGED:/");
    let piped = env.run(&mut cmd).success();
    assert!(!piped.stdout.contains("PAGED"), "{}", piped.stdout);
}
