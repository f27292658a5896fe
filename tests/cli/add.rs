//! `net add`: a new contact, with the default cadence unless told otherwise.

use crate::common::TestEnv;
use insta::assert_snapshot;
use serde_json::json;

#[test]
fn default_cadence_is_two_months() {
    let env = TestEnv::new();
    assert_snapshot!(env.net(&["add", "Anna Müller"]).snapshot(), @r"
[stderr]
Added Anna Müller (#1), bimonthly: first check-in by 2027-01-22.
[exit 0]
");
    // Issue 10.4: the default is stored as the default, which a tag rule overrides.
    let c = env.contact("anna");
    assert_eq!(c["every"], "default");
    assert_eq!(c["added_on"], "2026-11-22");
    let r = &env.json(&["show", "anna", "--json"])["relationship"];
    assert_eq!(
        (&r["cadence"], &r["cadence_from"]),
        (&"2mo".into(), &"default".into())
    );
    assert_eq!(env.due_ids("2027-01-22", &[]), vec![1]);
    assert_eq!(env.due_ids("2027-01-09", &[]), Vec::<i64>::new());
}

#[test]
fn every_sets_the_cadence() {
    let env = TestEnv::new();
    assert_snapshot!(env.net(&["add", "Bob Stone", "--every", "1mo"]).snapshot(), @r"
[stderr]
Added Bob Stone (#1), monthly: first check-in by 2026-12-22.
[exit 0]
");
    assert_eq!(env.contact("bob")["every"], "1mo");
    let v = env.json(&["due", "--all", "--json"]);
    assert_eq!(v["entries"][0]["due_on"], "2026-12-22");
    assert_eq!(v["entries"][0]["cadence"], "1mo");
}

#[test]
fn every_never_keeps_a_contact_out_of_due_despite_a_tag_rule() {
    let env = TestEnv::new();
    env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    let out = env.ok_on(
        "2026-01-01",
        &[
            "add",
            "Carl Quiet",
            "--every",
            "never",
            "--tag",
            "client",
            "--why",
            "big",
        ],
    );
    assert_snapshot!(out.snapshot(), @r"
[stderr]
Added Carl Quiet (#1), no cadence.
[exit 0]
");
    assert_eq!(env.contact("carl")["every"], "never");
    assert_eq!(env.due_ids(TODAY_LATE, &["--all"]), Vec::<i64>::new());
}

const TODAY_LATE: &str = "2027-12-31";

#[test]
fn every_field_is_stored() {
    let env = TestEnv::new();
    let out = env.ok(&[
        "add",
        "Anna Müller",
        "--org",
        "Müller GmbH",
        "--role",
        "CEO",
        "--email",
        "anna@mueller.example",
        "--email",
        "a.m@example.org",
        "--phone",
        "+49 89 1234",
        "--link",
        "https://mueller.example/blog",
        "--tag",
        "#Client",
        "--tag",
        "referrer",
        "--alias",
        "annie",
        "--why",
        "referrer for Mittelstand clients",
        "--met",
        "BVMW Sommerfest 2026",
        "--birthday",
        "1980-04-15",
        "--every",
        "quarterly",
        "--note",
        "two kids: Lena and Max",
        "--known-hours",
        "2.5",
    ]);
    assert_eq!(out.stdout, "", "add prints data only with --json");
    assert_eq!(
        env.contact("#1"),
        json!({
            "id": 1,
            "name": "Anna Müller",
            "aliases": ["annie"],
            "org": "Müller GmbH",
            "role": "CEO",
            "emails": ["anna@mueller.example", "a.m@example.org"],
            "phones": ["+49 89 1234"],
            "links": ["https://mueller.example/blog"],
            "tags": ["client", "referrer"],
            "why": "referrer for Mittelstand clients",
            "met": "BVMW Sommerfest 2026",
            "birthday": "1980-04-15",
            "notes": "two kids: Lena and Max",
            "every": "3mo",
            "known_minutes": 150,
            "added_on": "2026-11-22"
        })
    );
}

#[test]
fn json_prints_the_new_contact() {
    let env = TestEnv::new();
    let v = env.json(&["add", "Bob Stone", "--tag", "expert", "--json"]);
    assert_eq!(
        v,
        json!({"id": 1, "name": "Bob Stone", "tags": ["expert"], "every": "default", "added_on": "2026-11-22"})
    );
}

#[test]
fn birthday_forms() {
    let env = TestEnv::new();
    for (i, (given, stored)) in [
        ("1980-04-15", "1980-04-15"),
        ("04-15", "--04-15"),
        ("15.04.", "--04-15"),
        ("15.04.1980", "1980-04-15"),
        ("02-29", "--02-29"),
    ]
    .iter()
    .enumerate()
    {
        let name = format!("Person {i}");
        env.ok(&["add", &name, "--birthday", given]);
        assert_eq!(
            env.contact(&format!("#{}", i + 1))["birthday"],
            *stored,
            "--birthday {given}"
        );
    }
    for bad in ["31.02.", "1980-13-01", "0415", "04/15", "tomorrow"] {
        let line = env.fails_unchanged(2, &["add", "Bad Birthday", "--birthday", bad]);
        assert!(line.contains(bad), "{line}");
    }
}

#[test]
fn birthday_shows_in_the_brief() {
    let env = TestEnv::new();
    env.ok(&["add", "With Year", "--birthday", "1980-04-15"]);
    env.ok(&["add", "No Year", "--birthday", "15.04."]);
    let with = env.ok(&["show", "with"]).stdout;
    assert!(
        with.contains("Birthday   15 Apr 1980 (turns 47 in 4 months)"),
        "{with}"
    );
    let without = env.ok(&["show", "no year"]).stdout;
    assert!(
        without.contains("Birthday   15 Apr (in 4 months)"),
        "{without}"
    );
}

#[test]
fn empty_name_is_a_usage_error() {
    let env = TestEnv::new();
    for name in ["", "   ", "\t"] {
        let line = env.fails_unchanged(2, &["add", name]);
        assert_eq!(
            line,
            "net: a name cannot be empty: give their full name, e.g. \"Anna Müller\""
        );
    }
    assert_eq!(env.export()["contacts"], json!([]));
}

#[test]
fn an_id_is_not_a_name() {
    let env = TestEnv::new();
    let line = env.fails_unchanged(2, &["add", "#12"]);
    assert!(line.contains("looks like a contact id"), "{line}");
}

#[test]
fn two_m_is_refused_with_a_hint_and_nothing_changes() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let line = env.fails_unchanged(2, &["add", "Bob Stone", "--every", "2m"]);
    assert_snapshot!(line, @r#"net: "2m" is ambiguous: write 2mo for months (or 2w for weeks)"#);
    assert!(line.contains("2mo"));
    for bad in ["0d", "-1w", "2 parsecs", "often"] {
        env.fails_unchanged(2, &["add", "Bob Stone", &format!("--every={bad}")]);
    }
}

#[test]
fn bad_tag_and_bad_known_hours_change_nothing() {
    let env = TestEnv::new();
    env.fails_unchanged(2, &["add", "Bob Stone", "--tag", "two words"]);
    env.fails_unchanged(2, &["add", "Bob Stone", "--tag", "#"]);
    env.fails_unchanged(2, &["add", "Bob Stone", "--known-hours=-3"]);
    assert_eq!(env.export()["contacts"], json!([]));
}

#[test]
fn the_same_name_twice_is_allowed_with_a_note() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    assert_snapshot!(env.net(&["add", "anna MUELLER"]).snapshot(), @r"
[stderr]
Added anna MUELLER (#2), bimonthly: first check-in by 2027-01-22.
note: the same name is already used by #1 (merge later, or add an alias to tell them apart)
[exit 0]
");
    assert_eq!(env.export()["contacts"].as_array().unwrap().len(), 2);
}

#[test]
fn hostile_names_are_just_data() {
    let env = TestEnv::new();
    let names = [
        "Robert \"Bobby\" O'Brien",
        "Émile 🦀 Zola",
        "'; DROP TABLE contacts; --",
        "Robert'); DELETE FROM contacts WHERE ('1'='1",
        "%_ wildcard",
        "名前 テスト",
    ];
    for name in names {
        env.ok(&["add", name]);
    }
    let listed = env.ok(&["list", "--names"]).stdout;
    let mut expected: Vec<&str> = names.to_vec();
    let mut got: Vec<&str> = listed.lines().collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    for (i, name) in names.iter().enumerate() {
        assert_eq!(env.contact(&format!("#{}", i + 1))["name"], *name);
    }
    // Found by a piece of them, too.
    assert_eq!(env.contact("o'brien")["id"], 1);
    assert_eq!(env.contact("emile")["id"], 2);
    assert_eq!(env.contact("zola")["id"], 2);
}

#[test]
fn a_long_note_is_kept_whole() {
    let env = TestEnv::new();
    let note: String = "Lorem ipsum dolor sit amet. "
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    env.ok(&["add", "Long Note", "--note", &note]);
    let stored = env.contact("long")["notes"].as_str().unwrap().to_string();
    // Surrounding spaces are trimmed; the text itself is whole.
    assert_eq!(stored, note.trim());
    // The brief wraps it to the width; every word is there, in order.
    let shown = env.ok(&["show", "long"]).stdout;
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let shown_words = words(&shown);
    let at = shown_words
        .iter()
        .position(|w| w == "Lorem")
        .expect("the note is shown");
    assert_eq!(shown_words[at..at + words(&note).len()], words(&note)[..]);
}

#[test]
fn escape_sequences_in_a_name_are_never_echoed_raw() {
    let env = TestEnv::new();
    let evil = "Evil\u{1b}[31mRed\u{7}";
    // Every run checks that no raw ESC reaches stdout or stderr.
    let out = env.ok(&["add", evil, "--note", "\u{1b}]0;title\u{7}"]);
    assert!(out.stderr.contains("Evil^[[31mRed^G"), "{}", out.stderr);
    assert!(env.ok(&["list"]).stdout.contains("Evil^[[31mRed^G"));
    assert!(env
        .ok(&["list", "--names"])
        .stdout
        .contains("Evil^[[31mRed^G"));
    env.ok_on("2027-06-01", &["due"]);
    let brief = env.ok(&["show", "evil"]).stdout;
    assert!(brief.contains("Evil^[[31mRed^G (#1)"), "{brief}");
    assert!(brief.contains("^[]0;title^G"), "{brief}");
    // In JSON it is escaped, and still the same text.
    assert_eq!(env.contact("#1")["name"], evil);
    assert!(env.db_dump().contains("Evil\\u001b[31mRed\\u0007"));
    // An error quoting it does not replay it either.
    let line = env.net(&["show", "\u{1b}[2Jnobody"]).error(1);
    assert!(!line.contains('\u{1b}'), "{line:?}");
}
