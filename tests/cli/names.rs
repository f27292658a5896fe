//! How a NAME finds a contact: case, accents, transliteration, prefixes,
//! aliases and #IDs; ambiguity and suggestions.

use crate::common::TestEnv;
use insta::assert_snapshot;

fn id_of(env: &TestEnv, query: &str) -> i64 {
    env.contact(query)["id"].as_i64().unwrap()
}

/// #1 Anna Müller (alias annie), #2 Jürgen Groß, #3 Ann, #4 Anna Schmidt,
/// #5 Zoë Ørsted, #6 Old Olga (archived).
fn people() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--alias", "annie"]);
    env.ok(&["add", "Jürgen Groß"]);
    env.ok(&["add", "Ann"]);
    env.ok(&["add", "Anna Schmidt"]);
    env.ok(&["add", "Zoë Ørsted"]);
    env.ok(&["add", "Old Olga"]);
    env.ok(&["archive", "olga"]);
    env
}

#[test]
fn case_accents_and_german_transliteration_do_not_matter() {
    let env = people();
    for q in [
        "muller",
        "mueller",
        "Müller",
        "MÜLLER",
        "MUELLER",
        "Mu\u{308}ller",
    ] {
        assert_eq!(id_of(&env, q), 1, "{q}");
    }
    for q in [
        "jurgen",
        "juergen",
        "JÜRGEN",
        "gross",
        "groß",
        "GROSS",
        "jürgen groß",
    ] {
        assert_eq!(id_of(&env, q), 2, "{q}");
    }
    for q in ["zoe", "orsted", "ØRSTED", "zoë ø"] {
        assert_eq!(id_of(&env, q), 5, "{q}");
    }
}

#[test]
fn prefixes_aliases_and_ids() {
    let env = people();
    assert_eq!(id_of(&env, "anna m"), 1);
    assert_eq!(id_of(&env, "mül"), 1);
    assert_eq!(id_of(&env, "ANNA MUE"), 1);
    assert_eq!(id_of(&env, "annie"), 1);
    assert_eq!(id_of(&env, "ann"), 3, "an exact name beats longer prefixes");
    assert_eq!(id_of(&env, "ANN"), 3);
    assert_eq!(id_of(&env, "schm"), 4);
    assert_eq!(id_of(&env, "#4"), 4);
    assert_eq!(id_of(&env, " #2 "), 2);
}

#[test]
fn the_order_of_words_matters() {
    let env = people();
    env.net(&["show", "muller anna"]).error(1);
}

#[test]
fn ambiguous_without_a_terminal_lists_the_candidates() {
    let env = people();
    let line = env.net(&["show", "anna"]).error(1);
    assert_snapshot!(line, @r#"net: "anna" matches Anna Müller (#1), Anna Schmidt (#4): name one by #ID"#);
}

#[test]
fn not_found_suggests_up_to_three() {
    let env = people();
    let line = env.net(&["show", "muler"]).error(1);
    assert_snapshot!(line, @r#"net: no contact matches "muler": did you mean Anna Müller (#1)?"#);
    let line = env.net(&["show", "xyzzy"]).error(1);
    assert_snapshot!(line, @r#"net: no contact matches "xyzzy": add them with `net add NAME` (or `net log … --new`)"#);
}

#[test]
fn archived_contacts_are_found_where_it_makes_sense() {
    let env = people();
    assert_eq!(id_of(&env, "olga"), 6, "show finds archived contacts");
    let line = env.net(&["log", "call", "olga"]).error(1);
    assert_eq!(
        line,
        "net: no contact matches \"olga\": #6 is archived (net revive '#6')"
    );
    let line = env.net(&["every", "olga", "1mo"]).error(1);
    assert!(line.contains("net revive"), "{line}");
}

#[test]
fn ids_that_do_not_exist_and_non_names() {
    let env = people();
    let line = env.net(&["show", "#42"]).error(1);
    assert_eq!(line, "net: there is no contact #42: see `net list`");
    let line = env.net(&["show", "🦀"]).error(2);
    assert_eq!(
        line,
        "net: \"🦀\" is not a name: give a name, prefix, alias or #ID"
    );
    env.net(&["show", " - "]).error(2);
}

#[test]
fn a_renamed_contact_is_found_by_its_new_name_only() {
    let env = people();
    env.ok(&["edit", "jurgen", "--rename", "Jürgen Weiß"]);
    assert_eq!(id_of(&env, "weiss"), 2);
    env.net(&["show", "gross"]).error(1);
}
