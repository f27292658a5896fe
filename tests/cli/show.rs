//! `net show NAME`: the brief to read before you call.

use crate::common::TestEnv;
use insta::assert_snapshot;

/// Anna with every field, two interactions (one shared with Bob).
fn rich() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Anna Müller",
            "--org",
            "Müller GmbH",
            "--role",
            "CEO",
            "--tag",
            "client",
            "--alias",
            "annie",
            "--email",
            "anna@mueller.example",
            "--phone",
            "+49 89 1234",
            "--link",
            "https://mueller.example",
            "--why",
            "referrer for Mittelstand clients",
            "--met",
            "BVMW Sommerfest 2026",
            "--birthday",
            "1980-04-15",
            "--note",
            "two kids: Lena and Max",
        ],
    );
    env.ok_on("2026-08-01", &["add", "Bob Stone"]);
    env.ok_on(
        "2026-09-01",
        &[
            "log",
            "coffee",
            "anna",
            "--for",
            "45m",
            "--note",
            "her new plant",
        ],
    );
    env.ok_on(
        "2026-10-01",
        &[
            "log", "call", "anna", "bob", "--they", "--gave", "an intro", "--got", "a lead",
        ],
    );
    env
}

#[test]
fn the_brief() {
    let env = rich();
    assert_snapshot!(env.net(&["show", "anna"]).snapshot(), @r"
Anna Müller (#1) · CEO, Müller GmbH
Why        referrer for Mittelstand clients
Met        BVMW Sommerfest 2026
Tags       client
Aliases    annie
Email      anna@mueller.example
Phone      +49 89 1234
Links      https://mueller.example
Birthday   15 Apr 1980 (turns 47 in 4 months)
Cadence    bimonthly (the default) · next due 2026-12-01
Status     soon · silent 7 weeks; bimonthly: due in 9 days · tag client, has a why
Rank       score 1.54 = 0.85 of the cadence gone × 1.80 (tag client, has a why)
Last touch 7 weeks ago (2026-10-01)
Depth      acquaintance: 55m together over 2 interactions; 49h more to casual friend
Balance    gave 1 · got 1
Notes      two kids: Lena and Max

Give and take
  2026-10-01  gave: an intro · got: a lead

Last interactions
  2026-10-01  call  with Bob Stone  (they reached out) — gave: an intro — got: a lead
  2026-09-01  coffee  45m — her new plant
[exit 0]
");
}

#[test]
fn the_brief_as_json() {
    let env = rich();
    let v = env.json(&["show", "annie", "--json"]);
    assert_eq!(v["contact"]["name"], "Anna Müller");
    assert_eq!(v["last_touch"], "2026-10-01");
    assert_eq!(v["interactions_total"], 2);
    let r = &v["relationship"];
    assert_eq!(r["status"], "soon");
    assert_eq!(r["cadence"], "2mo");
    // Issue 10.4: what `net add` gives is the default, not an own cadence.
    assert_eq!(r["cadence_from"], "default");
    assert_eq!(r["due_on"], "2026-12-01");
    assert_eq!(r["days_silent"], 52);
    let recent = v["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!(recent[0]["kind"], "call", "newest first");
    assert_eq!(recent[0]["contacts"], serde_json::json!([1, 2]));
    assert_eq!(recent[0]["initiator"], "they");
    assert_eq!(recent[1]["note"], "her new plant");
}

#[test]
fn only_the_last_five_interactions_are_listed() {
    let env = TestEnv::new();
    env.ok_on("2026-01-01", &["add", "Anna Müller"]);
    for day in 1..=7 {
        env.ok(&["log", "message", "anna", "--on", &format!("2026-11-0{day}")]);
    }
    let v = env.json(&["show", "anna", "--json"]);
    assert_eq!(v["interactions_total"], 7);
    let dates: Vec<&str> = v["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-11-07",
            "2026-11-06",
            "2026-11-05",
            "2026-11-04",
            "2026-11-03"
        ]
    );
    let text = env.ok(&["show", "anna"]).stdout;
    assert!(text.contains("2026-11-03  message"), "{text}");
    assert!(!text.contains("2026-11-02  message"), "{text}");
}

#[test]
fn a_contact_without_cadence() {
    let env = TestEnv::new();
    env.ok(&["add", "Carl Quiet", "--every", "never"]);
    assert_snapshot!(env.net(&["show", "carl"]).snapshot(), @r"
Carl Quiet (#1)
Cadence    none: not in `net due` (net every NAME 2mo)
Last touch never (added 2026-11-22)
Depth      acquaintance: 0m together over 0 interactions; 50h more to casual friend
[exit 0]
");
    assert_eq!(
        env.json(&["show", "carl", "--json"])["relationship"],
        serde_json::Value::Null
    );
}

#[test]
fn a_contact_on_a_rule_and_one_watched() {
    let env = TestEnv::new();
    env.ok(&["rule", "add", "--tag", "friend", "--every", "1mo"]);
    env.ok_on("2026-10-01", &["add", "Rita Rule", "--tag", "friend"]);
    env.ok(&["every", "rita", "rules"]);
    env.ok_on(
        "2026-01-01",
        &["add", "Walt Watch", "--why", "knows everyone"],
    );
    env.ok(&["every", "walt", "rules"]);
    assert_snapshot!(env.net(&["show", "rita"]).snapshot(), @r"
Rita Rule (#1)
Tags       friend
Cadence    monthly (rule for #friend) · next due 2026-11-01
Status     due · never contacted, added 7 weeks ago; monthly (rule #friend): 3 weeks overdue
Rank       score 1.71 = 1.71 of the cadence gone
Last touch never (added 2026-10-01)
Depth      acquaintance: 0m together over 0 interactions; 50h more to casual friend
[exit 0]
");
    assert_snapshot!(env.net(&["show", "walt"]).snapshot(), @r"
Walt Watch (#2)
Why        knows everyone
Cadence    none, but they matter: shown in net due after 6 months of silence (2026-07-01)
Status     due · never contacted, added 10 months ago; no cadence, but they matter (shown after 6
           months of silence): 4 months overdue · has a why
Rank       score 2.14 = 1.78 of the cadence gone × 1.20 (has a why)
Last touch never (added 2026-01-01)
Depth      acquaintance: 0m together over 0 interactions; 50h more to casual friend
[exit 0]
");
    let v = env.json(&["show", "walt", "--json"]);
    assert_eq!(v["relationship"]["cadence_from"], "watch");
}

#[test]
fn an_archived_contact() {
    let env = rich();
    env.ok(&["archive", "anna"]);
    let out = env.ok(&["show", "anna"]);
    assert!(
        out.stdout
            .contains("Status     archived (net revive to bring back)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Cadence"), "{}", out.stdout);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["contact"]["status"],
        "archived"
    );
}

#[test]
fn unknown_and_missing_names() {
    let env = rich();
    let line = env.net(&["show", "zelda"]).error(1);
    assert!(
        line.starts_with("net: no contact matches \"zelda\""),
        "{line}"
    );
    let line = env.net(&["show", "#99"]).error(1);
    assert_eq!(line, "net: there is no contact #99: see `net list`");
}
