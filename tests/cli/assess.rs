//! `net assess NAME`: the nine questions of a referral partnership (seed 002).

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;
use serde_json::json;

fn anna() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env
}

#[test]
fn yes_numbers_give_the_score() {
    let env = anna();
    assert_snapshot!(env.net_on("2026-10-01", &["assess", "anna", "--yes", "1,2,5"]).snapshot(), @r"
[stderr]
Anna Müller: 3/9.
To grow the partnership, work on: 3. Do I regard them as an expert in their field?
[exit 0]
");
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!(
        v["assessments"],
        json!([{"id": 1, "contact": 1, "date": "2026-10-01", "answers": [1, 2, 5], "score": 3}])
    );
    assert_eq!(
        env.export()["assessments"],
        json!([{"id": 1, "contact": 1, "date": "2026-10-01", "answers": [1, 2, 5]}])
    );
}

#[test]
fn the_brief_shows_the_trend() {
    let env = anna();
    env.ok_on("2026-10-01", &["assess", "anna", "--yes", "1,2,5"]);
    let first = env.ok(&["show", "anna"]).stdout;
    assert!(
        first.contains("\nPartnership 3/9 on 2026-10-01 (net assess)\n"),
        "{first}"
    );
    let out = env.ok(&["assess", "anna", "--yes", "1,2,5,7"]);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "Anna Müller: 4/9 (was 3/9 on 2026-10-01)."
    );
    let up = env.ok(&["show", "anna"]).stdout;
    assert!(
        up.contains("\nPartnership 4/9 on 2026-11-22 (up from 3/9 on 2026-10-01) (net assess)\n"),
        "{up}"
    );
    env.ok_on("2026-11-23", &["assess", "anna", "--yes", "9"]);
    let down = env.ok_on("2026-11-23", &["show", "anna"]).stdout;
    assert!(
        down.contains(
            "\nPartnership 1/9 on 2026-11-23 (down from 4/9 on 2026-11-22) (net assess)\n"
        ),
        "{down}"
    );
    let all = env.json(&["show", "anna", "--json"])["assessments"].clone();
    let scores: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["score"].as_i64().unwrap())
        .collect();
    assert_eq!(scores, [3, 4, 1], "oldest first");
}

#[test]
fn none_and_all() {
    let env = anna();
    env.ok(&["assess", "anna", "--yes", "none"]);
    let out = env.ok(&["assess", "anna", "--yes", "9,8,7,6,5,4,3,2,1,1"]);
    assert_eq!(out.stderr, "Anna Müller: 9/9 (was 0/9 on 2026-11-22).\n");
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!(v["assessments"][0]["answers"], json!([]));
    assert_eq!(
        v["assessments"][1]["answers"],
        json!([1, 2, 3, 4, 5, 6, 7, 8, 9])
    );
}

#[test]
fn json_prints_the_stored_assessment() {
    let env = anna();
    env.ok(&["assess", "anna", "--yes", "1"]);
    let v = env.json(&["assess", "anna", "--yes", "1,2,5", "--json"]);
    assert_eq!(
        v,
        json!({"id": 2, "contact": 1, "date": TODAY, "answers": [1, 2, 5], "score": 3})
    );
}

#[test]
fn json_prints_the_assessment() {
    let env = anna();
    let v = env.json(&["assess", "anna", "--yes", "1,2,5", "--json"]);
    assert_eq!(v["contact"], 1);
    assert_eq!(v["date"], TODAY);
    assert_eq!(v["answers"], json!([1, 2, 5]));
    assert_eq!(v["score"], 3);
}

#[test]
fn question_numbers_out_of_range_change_nothing() {
    let env = anna();
    env.ok(&["assess", "anna", "--yes", "1"]);
    for bad in ["12", "0", "1,10", "x", "-1", "1.5"] {
        let line = env.fails_unchanged(2, &["assess", "anna", &format!("--yes={bad}")]);
        assert!(line.contains("is not a question number"), "{bad}: {line}");
    }
    let line = env.fails_unchanged(2, &["assess", "anna", "--yes", "12"]);
    assert_eq!(
        line,
        "net: \"12\" is not a question number: use 1 to 9, e.g. --yes 1,2,5"
    );
}

#[test]
fn without_a_terminal_yes_is_needed() {
    let env = anna();
    let line = env.fails_unchanged(2, &["assess", "anna"]);
    assert_snapshot!(line, @"net: without a terminal, give the numbers of the questions answered yes: --yes 1,2,5 (or --yes none; the nine are in `net assess --help`)");
}

#[test]
fn an_unknown_contact_changes_nothing() {
    let env = anna();
    env.fails_unchanged(1, &["assess", "zelda", "--yes", "1"]);
}

#[test]
fn help_lists_the_nine_questions() {
    let env = TestEnv::new();
    let help = env.ok(&["assess", "--help"]).stdout;
    for q in [
        "1. Am I convinced of their qualities?",
        "2. Do they have my complete trust?",
        "3. Do I regard them as an expert in their field?",
        "4. Do I know their background, their experience and their philosophy with customers?",
        "5. Can I describe their core business competently?",
        "6. Can I name at least three of their products or services right away?",
        "7. Do I know the names of their family members?",
        "8. Could I call them at 10 pm without unease if I urgently needed something?",
        "9. Do I enjoy spending (networking) time with them?",
    ] {
        assert!(help.contains(&format!("  {q}\n")), "missing {q:?}:\n{help}");
    }
    assert!(!help.contains("  10. "), "{help}");
}
