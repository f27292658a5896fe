//! `net config` and what `config.toml` changes.

use crate::common::{TestEnv, TODAY};
use insta::assert_snapshot;

#[test]
fn shows_the_path_and_the_defaults() {
    let env = TestEnv::new();
    assert_snapshot!(env.net(&["config"]).snapshot(), @r#"
# config   $TEST_ENV/config.toml  (from NET_CONFIG)
#          not there yet: every value is a default (`net config edit` creates it)
# database $TEST_ENV/net.db  (from NET_DB)
# file: set in the config; default: built in (`net config --default` prints them, commented)
default_every = "2mo"                                                   # default
watch_after = "6mo"                                                     # default
important_tags = ["client", "referrer", "expert", "mentor", "partner"]  # default
due_limit = 20                                                          # default
max_nurtured = 150                                                      # default
undo_keep = 20                                                          # default
work_hours_per_week = 40.0                                              # default
budget_percent = 10.0                                                   # default
budget_period = "week"                                                  # default
work_days = ["mon", "tue", "wed", "thu", "fri"]                         # default
birthday_days_ahead = 7                                                 # default

[kinds]
call = 20                                                               # default
coffee = 45                                                             # default
email = 10                                                              # default
event = 120                                                             # default
gift = 15                                                               # default
intro = 15                                                              # default
lunch = 75                                                              # default
meeting = 60                                                            # default
message = 5                                                             # default
note = 0                                                                # default

[depth]
casual_friend = 50.0                                                    # default
friend = 90.0                                                           # default
close_friend = 200.0                                                    # default

[me]
emails = []                                                             # default

[capture]
max_recipients = 10                                                     # default
mail_minutes = 0                                                        # default
time_zone = ""                                                          # default

[capture.kind_words]
abendessen = "lunch"                                                    # default
anruf = "call"                                                          # default
besprechung = "meeting"                                                 # default
call = "call"                                                           # default
coffee = "coffee"                                                       # default
dinner = "lunch"                                                        # default
kaffee = "coffee"                                                       # default
lunch = "lunch"                                                         # default
meeting = "meeting"                                                     # default
mittag = "lunch"                                                        # default
phone = "call"                                                          # default
telefon = "call"                                                        # default
treffen = "meeting"                                                     # default

[sync]
url = ""                                                                # default
user = ""                                                               # default

[sync.collections]
[exit 0]
"#);
    assert!(
        !env.db().exists(),
        "`net config` does not create a database"
    );
}

#[test]
fn json_says_where_it_comes_from() {
    let env = TestEnv::new();
    let v = env.json(&["config", "--json"]);
    assert_eq!(v["path"], env.config().display().to_string());
    assert_eq!(v["file_exists"], false);
    assert_eq!(v["config"]["default_every"], "2mo");
    assert_eq!(v["config"]["kinds"]["coffee"], 45);
    env.write_config("due_limit = 5\n");
    let v = env.json(&["config", "--json"]);
    assert_eq!(v["file_exists"], true);
    assert_eq!(v["config"]["due_limit"], 5);
    assert_eq!(
        v["config"]["default_every"], "2mo",
        "other keys keep defaults"
    );
}

#[test]
fn the_commented_default_is_the_default() {
    let env = TestEnv::new();
    let defaults = env.ok(&["config"]).stdout;
    let template = env.ok(&["config", "--default"]).stdout;
    assert!(template.starts_with("# net configuration."), "{template}");
    assert!(
        template.contains("\ndefault_every = \"2mo\"\n"),
        "{template}"
    );
    env.write_config(&template);
    let from_file = env.ok(&["config"]).stdout;
    let body = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with('#'))
            // Each value is marked with where it came from; compare the values.
            .map(|l| l.rsplit_once("  # ").map_or(l, |(v, _)| v).trim_end())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&from_file), body(&defaults));
    assert!(from_file.starts_with("# config   "), "{from_file}");
    assert!(from_file.contains("# file\n"), "{from_file}");
}

#[test]
fn an_unknown_key_is_named() {
    let env = TestEnv::new();
    env.write_config("defualt_every = \"1mo\"\n");
    for args in [&["config"][..], &["due"][..]] {
        let out = env.net(args);
        let line = out.error(1);
        assert!(line.contains("unknown field `defualt_every`"), "{line}");
        assert!(line.contains("config.toml"), "{line}");
    }
    assert!(!env.db().exists(), "a bad config stops before the database");
}

#[test]
fn a_bad_interval_names_the_key() {
    let env = TestEnv::new();
    env.write_config("default_every = \"2m\"\n");
    let line = env.net(&["due"]).error(1);
    assert_snapshot!(line, @r#"net: config $TEST_ENV/config.toml: default_every: "2m" is ambiguous: write 2mo for months (or 2w for weeks)"#);
    env.write_config("watch_after = \"sometimes\"\n");
    let line = env.net(&["due"]).error(1);
    assert!(line.contains("watch_after"), "{line}");
}

#[test]
fn a_wrongly_typed_value_names_the_key() {
    let env = TestEnv::new();
    env.write_config("max_nurtured = 150\ndue_limit = \"x\"\n");
    let line = env.net(&["due"]).error(1);
    assert!(line.contains("due_limit"), "{line}");
}

#[test]
fn broken_toml_is_one_line() {
    let env = TestEnv::new();
    env.write_config("garbage [[\n");
    let line = env.net(&["due"]).error(1);
    assert!(line.starts_with("net: config "), "{line}");
}

#[test]
fn user_kinds_extend_the_defaults() {
    let env = TestEnv::new();
    env.write_config("[kinds]\nwalk = 60\n");
    env.ok(&["add", "Anna Müller"]);
    let out = env.ok(&["log", "walk", "anna"]);
    assert_eq!(
        out.stderr,
        "Logged walk with Anna Müller, counted as 1h (the usual for walk; say how long with --for).\n"
    );
    env.ok(&["log", "coffee", "anna"]);
    let line = env.net(&["log", "hike", "anna"]).error(2);
    assert!(
        line.contains("walk"),
        "the known kinds include walk: {line}"
    );
}

#[test]
fn a_kind_with_a_space_is_refused() {
    let env = TestEnv::new();
    env.write_config("[kinds]\n\"long walk\" = 60\n");
    let line = env.net(&["due"]).error(1);
    assert!(line.contains("long walk"), "{line}");
}

#[test]
fn default_every_applies_to_new_contacts() {
    let env = TestEnv::new();
    env.write_config("default_every = \"monthly\"\n");
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["log", "coffee", "Bob Neu", "--new"]);
    // Issue 10.4: stored as the default, which is the config's default_every.
    for name in ["anna", "bob"] {
        assert_eq!(env.contact(name)["every"], "default");
        let r = &env.json(&["show", name, "--json"])["relationship"];
        assert_eq!(r["cadence"], "1mo");
        assert_eq!(r["cadence_from"], "default");
    }
}

#[test]
fn due_limit_caps_the_list() {
    let env = TestEnv::new();
    env.write_config("due_limit = 1\n");
    for name in ["A One", "B Two", "C Three"] {
        env.ok_on("2026-08-01", &["add", name]);
    }
    let out = env.ok(&["due"]);
    assert!(out.stdout.contains("A One"), "{}", out.stdout);
    assert!(!out.stdout.contains(" 2  B Two"), "{}", out.stdout);
    assert!(out.stdout.contains("2 more"), "{}", out.stdout);
    assert_eq!(env.due_ids(TODAY, &["--all"]).len(), 3);
}

#[test]
fn max_nurtured_warns() {
    let env = TestEnv::new();
    env.write_config("max_nurtured = 1\n");
    env.ok(&["add", "A One"]);
    let out = env.ok(&["add", "B Two"]);
    assert!(
        out.stderr
            .contains("note: 2 contacts have a cadence, more than max_nurtured (1;"),
        "{}",
        out.stderr
    );
    let due = env.ok(&["due"]);
    assert!(due.stderr.contains("note: 2 contacts"), "{}", due.stderr);
    assert_eq!(
        due.stdout.matches("note:").count(),
        0,
        "the note is not data"
    );
}

#[test]
fn important_tags_and_watch_after() {
    let env = TestEnv::new();
    env.write_config(
        "important_tags = [\"golf\"]\nwatch_after = \"1mo\"\ndefault_every = \"never\"\n",
    );
    env.ok_on("2026-08-01", &["add", "Paul Plain", "--every", "2mo"]);
    env.ok_on(
        "2026-08-01",
        &["add", "Gina Golf", "--every", "2mo", "--tag", "golf"],
    );
    env.ok_on(
        "2026-08-01",
        &["add", "Carl Client", "--every", "2mo", "--tag", "client"],
    );
    assert_eq!(env.due_ids(TODAY, &[]), vec![2, 1, 3]);
    // No cadence, but a why: watched after a month of silence.
    env.ok_on(
        "2026-10-01",
        &["add", "Walt Why", "--why", "knows everyone"],
    );
    env.ok_on("2026-10-01", &["add", "Nora Nothing"]);
    assert!(!env.due_ids("2026-10-31", &[]).contains(&4));
    assert!(env.due_ids("2026-11-01", &[]).contains(&4));
    assert!(!env.due_ids("2030-01-01", &["--all"]).contains(&5));
}

#[test]
fn config_works_without_a_usable_database() {
    let env = TestEnv::new();
    std::fs::write(env.db(), "not a database").unwrap();
    env.ok(&["config"]);
    env.ok(&["config", "--default"]);
}
