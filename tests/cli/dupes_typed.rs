//! Duplicates as they are typed: `net add` and `net log --new` warn about a
//! name a letter or two from an existing one (at a terminal they ask),
//! `net dupes` lists near names with the distance, and a LinkedIn re-import
//! matches by the stored profile URL.

use crate::common::TestEnv;

#[test]
fn add_and_log_new_say_how_to_merge_a_near_name() {
    let env = TestEnv::new();
    env.ok(&["add", "Jana Roth"]);
    env.ok(&["add", "Thomas Schmidt"]);
    let out = env.ok(&["add", "Jana Rot"]);
    assert!(
        out.stderr.contains("note: Jana Roth (#1) is 1 letter from Jana Rot: if they are one person, `net merge '#1' '#3'` joins them"),
        "{}",
        out.stderr
    );
    let out = env.ok(&["log", "coffee", "Thomas Schmit", "--new"]);
    assert!(
        out.stderr.contains("`net merge '#2' '#4'`"),
        "{}",
        out.stderr
    );
    // Far names say nothing.
    let out = env.ok(&["add", "Bob Stone"]);
    assert!(!out.stderr.contains("note:"), "{}", out.stderr);
    let v = env.json(&["dupes", "--json"]);
    assert_eq!(v[0]["a"], 1);
    assert_eq!(v[0]["b"], 3);
    assert_eq!(v[0]["distance"], 1);
    assert_eq!(v[1]["a"], 2);
    assert_eq!(v[1]["b"], 4);
    let table = env.ok(&["dupes"]).stdout;
    assert!(table.contains("near name (1 letter apart)"), "{table}");
}

#[test]
fn at_a_terminal_add_asks_whether_it_is_the_same_person() {
    let env = TestEnv::new();
    env.ok(&["add", "Jana Roth"]);
    let text = crate::prompts::at_terminal(&env, "add 'Jana Rot'", "y");
    assert!(
        text.contains("Jana Roth (#1) exists — same person?"),
        "{text}"
    );
    assert!(text.contains("Not added"), "{text}");
    assert_eq!(env.ok(&["list", "--names"]).stdout, "Jana Roth\n");
}

#[test]
fn a_linkedin_reimport_matches_a_renamed_profile() {
    let env = TestEnv::new();
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    let first = env.write(
        "c1.csv",
        &format!("{header}Oliver,Krause,https://www.linkedin.com/in/oliver-krause-42,,ACME,CTO,22 Nov 2025\n"),
    );
    env.ok(&["import", "linkedin", first.to_str().unwrap()]);
    let again = env.write(
        "c2.csv",
        &format!("{header}Oliver,\"Krause, MBA\",https://de.linkedin.com/in/oliver-krause-42/,,ACME,CEO,22 Nov 2025\n"),
    );
    env.ok(&["import", "linkedin", again.to_str().unwrap()]);
    let names = env.ok(&["list", "--names"]).stdout;
    assert_eq!(names.lines().count(), 1, "{names}");
    let v = env.export();
    assert_eq!(v["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(v["contacts"][0]["name"], "Oliver Krause");
    // Decorations come off the name and stay as an alias.
    let third = env.write(
        "c3.csv",
        &format!("{header}Julia,Wolf 🚀,https://www.linkedin.com/in/jwolf,,,,22 Nov 2025\n"),
    );
    env.ok(&["import", "linkedin", third.to_str().unwrap()]);
    let julia = env.json(&["show", "julia", "--json"]);
    assert_eq!(julia["contact"]["name"], "Julia Wolf");
    assert_eq!(julia["contact"]["aliases"][0], "Julia Wolf 🚀");
}
