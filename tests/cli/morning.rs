//! Issue 10: the morning list never hides the people who matter. Every
//! scenario of the issue, each at 100 and at 60 columns.

use crate::common::{Output, TestEnv};
use serde_json::Value;

const WIDTHS: [&str; 2] = ["100", "60"];

/// `net ARGS` on `today` at `columns` columns.
fn at(env: &TestEnv, columns: &str, today: &str, args: &[&str]) -> Output {
    let mut cmd = env.command(today, args);
    cmd.env("COLUMNS", columns);
    env.run(&mut cmd).success()
}

/// The text with every run of whitespace (wrapping included) made one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_on(env: &TestEnv, today: &str, args: &[&str]) -> Value {
    env.ok_on(today, args).json()
}

fn names(v: &Value) -> Vec<String> {
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

/// No line wider than the terminal, and no word broken across lines.
fn fits_the_width(out: &Output, columns: &str, words: &[&str]) {
    let width: usize = columns.parse().unwrap();
    for line in out.stdout.lines() {
        assert!(
            console::measure_text_width(line) <= width,
            "{line:?} is wider than {width}:\n{}",
            out.stdout
        );
    }
    for w in words {
        assert!(
            out.stdout.contains(w),
            "{w:?} is broken at {columns} columns:\n{}",
            out.stdout
        );
    }
}

const WED: &str = "2026-11-18";

/// Day 1 of the issue: a client whose only interaction was a 2-hour event,
/// a connection never spoken to, and a coffee friend; 1h36 spent on Monday,
/// so Wednesday's share is 48 minutes.
fn day_one() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Hans-Peter Groß",
            "--tag",
            "client",
            "--why",
            "biggest client, 40 % of revenue",
        ],
    );
    env.ok_on("2026-08-01", &["add", "Wei Chen"]);
    env.ok_on("2026-06-01", &["add", "Ana García López"]);
    env.ok_on("2026-08-01", &["add", "Zed Other", "--every", "1y"]);
    env.ok_on(
        "2026-09-15",
        &["log", "event", "hans", "--for", "2h", "--on", "2026-09-15"],
    );
    env.ok_on("2026-09-10", &["log", "coffee", "wei", "--for", "45m"]);
    env.ok_on("2026-11-16", &["log", "meeting", "zed", "--for", "96m"]);
    env
}

#[test]
fn greedy_fitting_no_longer_skips_the_top() {
    let env = day_one();
    for cols in WIDTHS {
        let out = at(&env, cols, WED, &["due"]);
        assert!(
            out.stdout
                .starts_with("this week: 1h36 of 4h networking · today's share 48m\n"),
            "{}",
            out.stdout
        );
        // Cold first, then due by score; nobody is left out for time.
        let ana = out.stdout.find("Ana García López").expect("Ana listed");
        let hans = out
            .stdout
            .find("Hans-Peter Groß")
            .expect("Hans-Peter listed");
        let wei = out.stdout.find("Wei Chen").expect("Wei listed");
        let line = out
            .stdout
            .find("── today's 48m end here: the first 2 fit (40m) ──")
            .unwrap_or_else(|| panic!("the line is marked:\n{}", out.stdout));
        assert!(ana < hans && hans < line && line < wei, "{}", out.stdout);
        assert!(!out.stdout.contains("more"), "{}", out.stdout);
        fits_the_width(&out, cols, &["Hans-Peter", "overdue"]);
    }
    let v = json_on(&env, WED, &["due", "--json"]);
    assert_eq!(
        names(&v),
        ["Ana García López", "Hans-Peter Groß", "Wei Chen"]
    );
    // His 2-hour event says nothing about a one-to-one touch: a call's 20m.
    assert_eq!(v["entries"][1]["expected_minutes"], 20);
    assert_eq!(v["entries"][2]["expected_minutes"], 45);
    let fits: Vec<&Value> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["fits"])
        .collect();
    assert_eq!(fits, [true, true, false]);
    assert_eq!(
        (&v["fitting"], &v["fitting_minutes"]),
        (&2.into(), &40.into())
    );
    let short = env.ok_on(WED, &["due", "--format", "short"]).stdout;
    assert_eq!(
        short, "3 due · the first 2 fit today's 48m · 2h24 left\n",
        "the short form says what the table says"
    );
}

#[test]
fn a_long_history_never_makes_anyone_too_big_for_a_day() {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Conference Carla"]);
    for day in ["2026-08-03", "2026-08-04"] {
        env.ok_on(day, &["log", "coffee", "carla", "--for", "8h"]);
    }
    let v = json_on(&env, WED, &["due", "--json"]);
    assert_eq!(names(&v), ["Conference Carla"]);
    // Counted at most a coffee's usual 45m.
    assert_eq!(v["entries"][0]["expected_minutes"], 45);
    assert_eq!(v["entries"][0]["fits"], true);
}

/// Two 8-hour conference days on Monday and Tuesday with Priya and two more.
fn conference_week() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Priya Natarajan"]);
    env.ok_on("2026-08-01", &["add", "Otto A"]);
    env.ok_on("2026-08-01", &["add", "Olga B"]);
    env.ok_on("2026-08-01", &["add", "Anna Müller", "--tag", "client"]);
    // Falls due on Wednesday.
    env.ok_on("2026-09-18", &["add", "Clemens Client", "--tag", "client"]);
    env.ok_on("2026-06-01", &["add", "Bernd Early"]);
    for day in ["2026-11-16", "2026-11-17"] {
        env.ok_on(
            day,
            &["log", "event", "priya", "otto", "olga", "--for", "8h"],
        );
    }
    env
}

#[test]
fn a_spent_week_still_lists_who_is_due_with_one_honest_line() {
    let env = conference_week();
    // Wording true on every day: Clemens falls due on Wednesday and is in the
    // table, not a name in a sentence.
    for (today, weekday) in [
        (WED, "Wednesday"),
        ("2026-11-19", "Thursday"),
        ("2026-11-20", "Friday"),
    ] {
        for cols in WIDTHS {
            let out = at(&env, cols, today, &["due"]);
            let text = flat(&out.stdout);
            assert!(
                out.stdout
                    .starts_with("this week: 16h of 4h networking · 12h over\n"),
                "{weekday}:\n{}",
                out.stdout
            );
            assert!(
                text.contains(
                    "This week's 4h are spent (16h logged): these can wait until Monday, or go over."
                ),
                "{weekday}:\n{}",
                out.stdout
            );
            assert!(!out.stdout.contains("Today's time is spent"));
            assert!(!out.stdout.contains("today's share 0m"));
            for name in ["Anna Müller", "Clemens Client", "Bernd Early"] {
                assert!(
                    out.stdout.contains(name),
                    "{weekday}: {name}\n{}",
                    out.stdout
                );
            }
            assert!(out.stdout.contains("Why now"), "a table, with reasons");
            fits_the_width(&out, cols, &["overdue"]);
        }
        let v = json_on(&env, today, &["due", "--json"]);
        assert_eq!(v["budget"]["spent_out"], true);
        assert_eq!(v["fitting"], 0);
        assert_eq!(v["more"], 0);
        assert!(names(&v).contains(&"Clemens Client".to_string()));
        let short = env.ok_on(today, &["due", "--format", "short"]).stdout;
        assert!(
            short.ends_with("· this week's 4h spent (16h logged)\n"),
            "{weekday}: {short}"
        );
    }
}

#[test]
fn a_small_share_still_shows_the_list() {
    // Tuesday with 1h15 of the week left: 18 minutes a day.
    let env = TestEnv::new();
    env.ok_on("2026-08-01", &["add", "Anna Müller"]);
    env.ok_on("2026-08-01", &["add", "Zed Other", "--every", "1y"]);
    env.ok_on("2026-11-16", &["log", "meeting", "zed", "--for", "165m"]);
    for cols in WIDTHS {
        let out = at(&env, cols, "2026-11-17", &["due"]);
        assert!(out.stdout.contains("today's share 18m"), "{}", out.stdout);
        let text = flat(&out.stdout);
        assert!(
            text.contains("Today's 18m fit none of these in full: the first takes 20m."),
            "{}",
            out.stdout
        );
        assert!(out.stdout.contains("Anna Müller"), "{}", out.stdout);
    }
}

#[test]
fn without_a_budget_the_header_says_so() {
    let env = conference_week();
    env.write_config("budget_percent = 0.0\n");
    for cols in WIDTHS {
        let out = at(&env, cols, WED, &["due"]);
        assert!(
            out.stdout
                .starts_with("this week: 16h networking · no budget (budget_percent = 0)\n"),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("end here"), "{}", out.stdout);
    }
    let v = json_on(&env, WED, &["due", "--json"]);
    assert!(v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["fits"] == true));
}

#[test]
fn the_limit_cuts_the_bottom_and_says_so_wrapped() {
    let env = TestEnv::new();
    for name in [
        "Alpha Person",
        "Bravo Person",
        "Charlie Person",
        "Delta Person",
        "Echo Person",
    ] {
        env.ok_on("2026-08-01", &["add", name]);
    }
    for cols in WIDTHS {
        let out = at(&env, cols, WED, &["due", "--limit", "1"]);
        let text = flat(&out.stdout);
        assert!(
            text.contains(
                "… and 4 more past the limit of 1: Bravo Person, Charlie Person, Delta Person and 1 other (net due --all)."
            ),
            "{}",
            out.stdout
        );
        fits_the_width(&out, cols, &[]);
    }
}

#[test]
fn cold_contacts_are_shown_even_past_the_limit() {
    let env = TestEnv::new();
    env.ok_on("2026-03-01", &["add", "Cold One"]);
    env.ok_on("2026-03-01", &["add", "Cold Two"]);
    env.ok_on("2026-09-01", &["add", "Due Three"]);
    let v = json_on(&env, WED, &["due", "--json", "--limit", "1"]);
    assert_eq!(names(&v), ["Cold One", "Cold Two"]);
    assert_eq!(v["more"], 1);
}

#[test]
fn an_imported_connection_counts_from_the_day_it_got_its_cadence() {
    let env = TestEnv::new();
    let file = env.write(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,García López,https://www.linkedin.com/in/ana,,Acme,CTO,12 Mar 2024\n",
    );
    env.ok(&["import", "linkedin", file.to_str().unwrap()]);
    let out = env.ok(&["every", "ana", "quarterly"]);
    assert!(
        out.stderr
            .contains("quarterly, next check-in by 2027-02-22"),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.due_ids("2026-11-22", &[]), Vec::<i64>::new());
    // Soon after 80 % of the quarter, due when it runs out: never "2 years overdue".
    assert_eq!(env.due_ids("2027-02-22", &[]), vec![1]);
    let v = json_on(&env, "2027-02-22", &["due", "--json"]);
    assert_eq!(v["entries"][0]["status"], "due");
    let reason = v["entries"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("never contacted (added 2 years ago, cadence given 3 months ago)"),
        "{reason}"
    );
    assert!(reason.contains("quarterly: due today"), "{reason}");
    for cols in WIDTHS {
        let out = at(&env, cols, "2027-02-22", &["due"]);
        fits_the_width(&out, cols, &["García"]);
    }
}

#[test]
fn a_rule_overrides_the_default_of_net_add_and_says_who_follows_it() {
    let env = TestEnv::new();
    for name in ["Anna Client", "Bob Client", "Carl Client"] {
        env.ok_on("2026-08-01", &["add", name, "--tag", "client"]);
    }
    env.ok_on("2026-08-01", &["every", "carl", "2w"]);
    let out = env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    assert!(
        out.stderr.contains(
            "Contacts tagged client should hear from you monthly: 2 of 3 follow the rule. \
             1 keeps a cadence of their own"
        ),
        "{}",
        out.snapshot()
    );
    let v = json_on(&env, "2026-11-22", &["due", "--json", "--all"]);
    let mut from: Vec<(i64, String)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().unwrap(),
                e["cadence_from"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    from.sort();
    assert_eq!(
        from,
        [
            (1, "rule:client".to_string()),
            (2, "rule:client".to_string()),
            (3, "contact".to_string())
        ]
    );
}

#[test]
fn every_for_a_tag_or_everyone_is_one_undoable_step() {
    let env = TestEnv::new();
    for name in ["Anna Client", "Bob Client"] {
        env.ok_on(
            "2026-08-01",
            &["add", name, "--tag", "client", "--every", "3mo"],
        );
    }
    env.ok_on("2026-08-01", &["add", "Dora Friend", "--every", "1y"]);
    let before = env.export();
    let out = env.ok(&["every", "--tag", "client", "rules", "--yes"]);
    assert!(
        out.stderr
            .contains("2 contacts tagged client now follow their tag rules only"),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.contact("anna").get("every"), None);
    assert_eq!(env.contact("dora")["every"], "1y");
    env.ok(&["undo"]);
    assert_eq!(
        env.export(),
        before,
        "one undo step reverts the whole change"
    );
    // Without a terminal it needs no confirmation; --all reaches everyone.
    env.ok(&["every", "--all", "default"]);
    for name in ["anna", "bob", "dora"] {
        assert_eq!(env.contact(name)["every"], "default");
    }
    // A name and --tag together are refused, as is a missing interval.
    env.fails_unchanged(2, &["every", "anna", "1mo", "--tag", "client"]);
    env.fails_unchanged(2, &["every", "--tag", "client"]);
}

#[test]
fn depth_shares_group_time_among_the_people_there() {
    let env = conference_week();
    env.ok_on("2026-11-18", &["log", "coffee", "anna", "--for", "45m"]);
    let priya = env.json(&["show", "priya", "--json"]);
    // Two 8-hour days with three people: 2h40 each day.
    assert_eq!(priya["hours_together"], 5.3, "{priya}");
    let anna = env.json(&["show", "anna", "--json"]);
    assert_eq!(anna["hours_together"], 0.8, "{anna}");
    for cols in WIDTHS {
        let out = at(&env, cols, "2026-11-22", &["list"]);
        assert!(out.stdout.contains("(5h20)"), "{}", out.stdout);
        fits_the_width(&out, cols, &["acquaintance", "Natarajan"]);
    }
}

#[test]
fn the_smaller_things_on_screen() {
    let env = TestEnv::new();
    env.ok_on(
        "2026-01-01",
        &["add", "Walter Watch", "--why", "knows everyone"],
    );
    env.ok_on("2026-01-01", &["every", "walter", "rules"]);
    env.ok_on("2026-09-01", &["add", "Doris Due"]);
    env.ok_on("2026-10-01", &["add", "Sonja Soon", "--every", "2mo"]);
    env.ok_on(
        "2026-10-01",
        &["add", "Sven Soon", "--every", "2mo", "--tag", "client"],
    );
    env.ok(&["log", "call", "sven", "--on", "2026-09-10", "--for", "15m"]);
    env.ok(&[
        "log",
        "lunch",
        "sonja",
        "--on",
        "2026-09-12",
        "--for",
        "8h10",
    ]);
    env.ok(&[
        "log",
        "call",
        "doris",
        "--on",
        "2026-08-01",
        "--follow-up",
        "send the deck",
        "--by",
        "2026-11-25",
    ]);
    for cols in WIDTHS {
        let out = at(&env, cols, "2026-11-22", &["due", "--all"]);
        // A watch is no cadence; due ranks above soon.
        let row = out
            .stdout
            .lines()
            .find(|l| l.contains("Walter Watch"))
            .unwrap()
            .to_string();
        assert!(row.contains("watch") || cols == "60", "{}", out.stdout);
        let doris = out.stdout.find("Doris Due").unwrap();
        for soon in ["Sonja Soon", "Sven Soon"] {
            assert!(doris < out.stdout.find(soon).unwrap(), "{}", out.stdout);
        }
        // Promises read like birthdays: a day and how far it is.
        let text = flat(&out.stdout);
        assert!(
            text.contains("send the deck (Doris Due) — by Wed 25 Nov (in 3 days)"),
            "{}",
            out.stdout
        );
        let list = at(&env, cols, "2026-11-22", &["list"]);
        // Exact depth, as show says it.
        assert!(list.stdout.contains("(15m)"), "{}", list.stdout);
        assert!(list.stdout.contains("(8h10)"), "{}", list.stdout);
    }
    let v = json_on(&env, "2026-11-22", &["due", "--json", "--all"]);
    let walter = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Walter Watch")
        .unwrap()
        .clone();
    assert_eq!(walter["cadence_from"], "watch");
    assert_eq!(walter["cadence"], "6mo");
    // A past day is refused, not answered with nonsense.
    let line = env.fails_unchanged(2, &["due", "--on", "2026-11-01"]);
    assert!(line.contains("in the past"), "{line}");
    // "Next up" names the day someone is due, and when they are listed.
    let quiet = TestEnv::new();
    quiet.ok(&["add", "Anna Müller"]);
    let out = quiet.ok(&["due"]);
    assert!(
        out.stdout.contains(
            "Nothing due. Next up: Anna Müller, due in 2 months (on the list in 7 weeks)."
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn one_other_and_one_promise_are_singular() {
    let env = TestEnv::new();
    for name in ["A Person", "B Person", "C Person", "D Person", "E Person"] {
        env.ok_on("2026-08-01", &["add", name]);
    }
    let out = env.ok(&["due", "--limit", "1"]);
    assert!(
        out.stdout.contains("and 1 other (net due --all)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("1 others"));
}

#[test]
fn prune_counts_months_as_the_idle_option_does() {
    let env = TestEnv::new();
    // 1 September to 1 December: 91 days, three calendar months.
    env.ok_on("2026-09-01", &["add", "Quiet Quentin", "--every", "never"]);
    let out = env.ok_on("2026-12-01", &["prune", "--idle", "3mo", "--dry-run"]);
    assert!(
        out.stdout.contains("never contacted in 3 months"),
        "{}",
        out.snapshot()
    );
}

#[test]
fn a_bare_weekday_looks_ahead_for_what_is_due_and_help_says_so() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    // 2026-11-22 is a Sunday.
    let out = env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "call back",
        "--by",
        "friday",
    ]);
    assert!(out.stderr.contains("by 2026-11-27"), "{}", out.snapshot());
    let out = env.ok(&["log", "call", "anna", "--on", "friday"]);
    let v = env.export();
    let dates: Vec<&Value> = v["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["date"])
        .collect();
    assert!(
        dates.contains(&&Value::from("2026-11-20")),
        "{dates:?} {}",
        out.snapshot()
    );
    let v = env.json(&["due", "--on", "friday", "--json"]);
    assert_eq!(v["date"], "2026-11-27");
    let help = env.ok(&["help", "dates"]).stdout.replace('\n', " ");
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("friday, fri points the way the option looks"),
        "{help}"
    );
}

#[test]
fn a_terminal_reporting_no_width_gets_80_columns() {
    // COLUMNS=0 is no width at all: the terminal's, else 80 on a terminal.
    let env = TestEnv::new();
    env.ok_on(
        "2026-08-01",
        &[
            "add",
            "Hans-Peter Groß",
            "--tag",
            "acquaintance-of-a-friend",
        ],
    );
    let mut cmd = env.command("2026-11-22", &["list"]);
    cmd.env("COLUMNS", "0");
    let zero = env.run(&mut cmd).success();
    assert!(zero.stdout.contains("Hans-Peter"), "{}", zero.stdout);
    assert!(
        zero.stdout.contains("acquaintance-of-a-friend"),
        "{}",
        zero.stdout
    );
    // A real terminal of 0 columns, through script(1) and stty.
    let bin = env!("CARGO_BIN_EXE_net");
    let shell = format!("stty cols 0 rows 0; '{bin}' list");
    let out = std::process::Command::new("script")
        .args(["-qec", &shell, "/dev/null"])
        .env_clear()
        .env("NET_DB", env.db())
        .env("NET_CONFIG", env.config())
        .env("NET_TODAY", "2026-11-22")
        .env("NO_COLOR", "1")
        .env("HOME", env.root())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("script(1) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    // 80 columns: one-letter columns would break every word.
    for word in [
        "Hans-Peter",
        "acquaintance-of-a-friend",
        "acquaintance",
        "never",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert!(
        text.lines()
            .all(|l| console::measure_text_width(l.trim_end()) <= 80),
        "{text}"
    );
}
