//! Feeling at home in a terminal (issue #6): the first run, `net demo`, help
//! and help topics, completions, the man page, `net config`, colour and width,
//! `due --quiet` and `--format short`, and the short forms of daily commands.

use crate::common::{TestEnv, TODAY};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `net demo --db <root>/demo.db` and returns that path.
fn demo(env: &TestEnv) -> PathBuf {
    let db = env.root().join("demo.db");
    env.ok(&["demo", "--db", db.to_str().unwrap()]);
    db
}

/// `net ARGS` on the demo database.
fn on_demo(env: &TestEnv, db: &Path, args: &[&str]) -> crate::common::Output {
    let mut cmd = env.command(TODAY, args);
    cmd.env("NET_DB", db);
    env.run(&mut cmd)
}

// --- 1. The first run ---

#[test]
fn first_run_says_what_net_is_and_how_to_start() {
    let env = TestEnv::new();
    for args in [&[][..], &["due"][..]] {
        let out = env.ok(args);
        let first = out.stdout.lines().next().unwrap();
        assert!(
            first.starts_with("net keeps your relationships warm"),
            "{first}"
        );
        for start in [
            "net add \"Anna Müller\"",
            "net log coffee anna",
            "net due",
            "net demo",
        ] {
            assert!(
                out.stdout.contains(start),
                "{start} missing:\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn demo_never_writes_the_database_from_the_environment() {
    let env = TestEnv::new();
    let out = env.ok(&["demo"]);
    assert!(
        !env.db().exists(),
        "NET_DB was written:\n{}",
        out.snapshot()
    );
    let line = out
        .stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("export NET_DB="))
        .unwrap_or_else(|| panic!("no export line:\n{}", out.stdout));
    let db = PathBuf::from(line);
    assert!(db.starts_with(env.root()), "not under TMPDIR: {line}");
    assert!(db.exists());
    let due = on_demo(&env, &db, &["due", "--all", "--json"])
        .success()
        .json();
    assert!(due["entries"].as_array().unwrap().len() >= 8, "{due:#}");
}

#[test]
fn demo_shows_a_lively_network() {
    let env = TestEnv::new();
    let db = demo(&env);
    let due = on_demo(&env, &db, &["due", "--all", "--json"])
        .success()
        .json();
    let statuses: Vec<&str> = due["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    for s in ["cold", "due", "soon", "ok", "snoozed"] {
        assert!(statuses.contains(&s), "no {s} contact: {statuses:?}");
    }
    assert_eq!(due["birthdays"].as_array().unwrap().len(), 2, "{due:#}");
    assert!(due["promises"].as_array().unwrap().len() >= 2, "{due:#}");

    let table = on_demo(&env, &db, &["due"]).success().stdout;
    for part in ["cold", "Birthdays", "Promises", "overdue since"] {
        assert!(table.contains(part), "{part} missing:\n{table}");
    }
    let show = on_demo(&env, &db, &["show", "anna"]).success().stdout;
    for part in [
        "family: husband Jan",
        "Partnership 7/9",
        "gave: the article",
    ] {
        assert!(show.contains(part), "{part} missing:\n{show}");
    }
    let budget = on_demo(&env, &db, &["budget", "--json"]).success().json();
    assert!(
        budget["this_week"]["minutes"].as_u64().unwrap() > 0,
        "{budget:#}"
    );
    let stats = on_demo(&env, &db, &["stats"]).success().stdout;
    assert!(stats.contains("1 cold"), "{stats}");
    let prune = on_demo(&env, &db, &["prune", "--dry-run", "--json"])
        .success()
        .json();
    assert_eq!(prune.as_array().unwrap().len(), 2, "{prune:#}");
    let intro = on_demo(&env, &db, &["show", "bob", "--json"])
        .success()
        .json();
    assert_eq!(intro["introductions"].as_array().unwrap().len(), 1);
}

#[test]
fn demo_is_dated_relative_to_today() {
    let env = TestEnv::new();
    let db = env.root().join("later.db");
    let later = "2031-03-01";
    let mut cmd = env.command(later, &["demo", "--db", db.to_str().unwrap()]);
    env.run(&mut cmd).success();
    let mut cmd = env.command(later, &["due", "--json"]);
    cmd.env("NET_DB", &db);
    let due = env.run(&mut cmd).success().json();
    assert_eq!(due["birthdays"].as_array().unwrap().len(), 2, "{due:#}");
    assert!(!due["entries"].as_array().unwrap().is_empty());
}

#[test]
fn demo_refuses_a_database_that_holds_contacts() {
    let env = TestEnv::new();
    let db = demo(&env);
    let line = env.net(&["demo", "--db", db.to_str().unwrap()]).error(1);
    assert!(line.contains("already holds contacts"), "{line}");
}

#[test]
fn demo_json_names_the_database() {
    let env = TestEnv::new();
    let db = env.root().join("d.db");
    let v = env.json(&["demo", "--db", db.to_str().unwrap(), "--json"]);
    assert_eq!(v["db"], db.display().to_string());
    assert_eq!(v["contacts"], 12);
}

// --- 2. Help ---

/// The subcommands a `--help` page lists (clap's "Commands:" section).
fn commands_in(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|w| w.trim_end_matches(',').to_string())
        .filter(|w| w != "help")
        .collect()
}

#[test]
fn every_command_has_help_with_an_example() {
    let env = TestEnv::new();
    let top = env.ok(&["--help"]).stdout;
    let commands = commands_in(&top);
    assert!(commands.len() > 25, "{commands:?}");
    let mut checked = 0;
    for c in &commands {
        let help = env.ok(&[c, "--help"]).stdout;
        assert!(
            help.contains("Example"),
            "`net {c} --help` has no example:\n{help}"
        );
        assert!(help.lines().next().is_some_and(|l| !l.is_empty()), "{help}");
        checked += 1;
        for sub in commands_in(&help) {
            let help = env.ok(&[c, &sub, "--help"]).stdout;
            assert!(help.contains("Example"), "`net {c} {sub} --help`:\n{help}");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} help pages");
    assert!(!env.db().exists(), "--help created a database");
}

#[test]
fn help_topics_and_commands() {
    let env = TestEnv::new();
    let dates = env.ok(&["help", "dates"]).stdout;
    assert!(
        dates.contains("last friday") && dates.contains("Examples:"),
        "{dates}"
    );
    for topic in [
        "names",
        "durations",
        "intervals",
        "cadence",
        "budget",
        "scripts",
    ] {
        let text = env.ok(&["help", topic]).stdout;
        assert!(text.contains("Example"), "{topic}:\n{text}");
    }
    assert_eq!(
        env.ok(&["help", "log"]).stdout,
        env.ok(&["log", "--help"]).stdout
    );
    assert_eq!(
        env.ok(&["help", "rule", "add"]).stdout,
        env.ok(&["rule", "add", "--help"]).stdout
    );
    let overview = env.ok(&["help"]).stdout;
    assert!(
        overview.contains("Help topics") && overview.contains("cadence"),
        "{overview}"
    );
    let line = env.net(&["help", "datse"]).error(2);
    assert!(line.contains("did you mean dates?"), "{line}");
    assert!(!env.db().exists(), "`net help` created a database");
}

#[test]
fn misspelled_commands_and_kinds_get_did_you_mean() {
    let env = TestEnv::new();
    let out = env.net(&["lsit"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("'list'"), "{}", out.stderr);
    env.ok(&["add", "Anna Müller"]);
    let line = env.net(&["log", "cofee", "anna"]).error(2);
    assert!(line.contains("did you mean coffee?"), "{line}");
    let line = env.net(&["log", "m", "anna"]).error(2);
    assert!(line.contains("meeting or message"), "{line}");
}

// --- 3. Completions and the man page ---

#[test]
fn completions_generate_for_every_shell_with_the_subcommands() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]).stdout;
        for sub in ["due", "log", "show", "prune", "demo", "completions"] {
            assert!(script.contains(sub), "{shell}: no {sub}");
        }
    }
    let bad = env.net(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(!env.db().exists(), "completions created a database");
}

#[test]
fn completion_scripts_hook_contact_names() {
    let env = TestEnv::new();
    let bash = env.ok(&["completions", "bash"]).stdout;
    assert!(bash.contains("net list --names"), "bash has no hook");
    assert!(bash.contains("complete -F _net_with_names"));
    let zsh = env.ok(&["completions", "zsh"]).stdout;
    let hook = zsh.find("_net_contact_names() {").expect("zsh hook");
    let call = zsh
        .rfind("if [ \"$funcstack[1]\" = \"_net\" ]")
        .expect("zsh entry");
    assert!(hook < call, "the zsh hook must be defined before _net runs");
    assert!(!zsh.contains("_users"), "zsh still completes user names");
    assert!(zsh.contains(":_net_contact_names'"));
    let fish = env.ok(&["completions", "fish"]).stdout;
    assert!(fish.contains("function __net_contact_names"));
    assert!(fish.contains("__fish_net_using_subcommand show;"));
    assert!(!fish.contains("__fish_complete_users"));
}

#[test]
fn bash_completes_contact_names() {
    crate::common::require_tool("bash", "bash");
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["add", "Clara Berg"]);
    env.ok(&["archive", "clara"]);
    let script = env.write("net.bash", &env.ok(&["completions", "bash"]).stdout);
    let bin = Path::new(env!("CARGO_BIN_EXE_net")).parent().unwrap();
    let probe = r#"
source "$1"
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
      _net_with_names net "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      echo "${COMPREPLY[*]}"; }
t net show an
t net log coffee --for 45m anna b
t net intro anna ""
t net add X --via b
t net revive ""
t net log "" | grep -c Anna
"#;
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let cmd = env.command(TODAY, &[]);
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", probe, "probe"])
        .arg(&script)
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("PATH", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "Anna\\ Müller",
            "Bob\\ Stone",
            "Anna\\ Müller Bob\\ Stone",
            "Bob\\ Stone",
            "Clara\\ Berg",
            "0",
        ],
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn man_page_renders() {
    let env = TestEnv::new();
    let page = env.ok(&["man"]).stdout;
    assert!(
        page.starts_with(".ie") || page.contains(".TH net 1"),
        "{page}"
    );
    for part in [
        ".SH NAME",
        ".SH SYNOPSIS",
        "demo",
        "completions",
        "GETTING STARTED",
        ".SS dates",
        "EXIT STATUS",
    ] {
        assert!(page.contains(part), "{part} missing");
    }
    let dir = env.root().join("man1");
    let out = env.ok(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(out.stderr.contains("net-log"), "{}", out.stderr);
    for file in ["net.1", "net-log.1", "net-due.1", "net-rule-add.1"] {
        assert!(dir.join(file).exists(), "{file} missing");
    }
    // The page formats without a warning.
    crate::common::require_tool("groff", "groff (Debian: groff-base)");
    let man = env.write("net.1", &page);
    let out = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&man)
        .output()
        .expect("running groff");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

// --- 4. Config ---

#[test]
fn config_marks_where_each_value_comes_from() {
    let env = TestEnv::new();
    let out = env.ok(&["config"]).stdout;
    assert!(
        out.contains("not there yet: every value is a default"),
        "{out}"
    );
    assert!(
        out.contains("(from NET_CONFIG)") && out.contains("(from NET_DB)"),
        "{out}"
    );
    let due_limit = out.lines().find(|l| l.starts_with("due_limit")).unwrap();
    assert!(due_limit.ends_with("# default"), "{due_limit}");

    env.write_config("due_limit = 5\n\n[kinds]\nwalk = 60\n");
    let out = env.ok(&["config"]).stdout;
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} missing:\n{out}"))
            .to_string()
    };
    assert!(line("due_limit = 5").ends_with("# file"), "{out}");
    assert!(line("walk = 60").ends_with("# file"), "{out}");
    assert!(line("coffee = 45").ends_with("# default"), "{out}");
    assert!(line("friend = 90.0").ends_with("# default"), "{out}");

    let v = env.json(&["config", "--json"]);
    assert_eq!(v["sources"]["due_limit"], "file");
    assert_eq!(v["sources"]["kinds.walk"], "file");
    assert_eq!(v["sources"]["kinds.coffee"], "default");
    assert_eq!(v["db_from"], "NET_DB");
    assert_eq!(v["config_from"], "NET_CONFIG");
    let other = env.root().join("other.toml");
    let v = env.json(&["config", "--json", "--config", other.to_str().unwrap()]);
    assert_eq!(v["config_from"], "--config");
}

#[test]
fn config_default_is_the_commented_template() {
    let env = TestEnv::new();
    let text = env.ok(&["config", "--default"]).stdout;
    assert!(text.starts_with("# net configuration"), "{text}");
    env.write_config(&text);
    let out = env.ok(&["config"]).stdout;
    assert!(
        out.lines().any(|l| l.starts_with("due_limit = 20")),
        "{out}"
    );
}

#[test]
fn config_edit_needs_a_terminal() {
    let env = TestEnv::new();
    let line = env.net(&["config", "edit"]).error(1);
    assert!(line.contains("needs a terminal"), "{line}");
    assert!(!env.config().exists());
}

/// `net config edit` at a pseudo-terminal (util-linux `script`), with a
/// scripted editor.
fn config_edit_at_a_terminal(env: &TestEnv, editor: &str, answer: &str) -> String {
    crate::common::require_tool("script", "util-linux's `script` (Debian: bsdutils)");
    let bin = env!("CARGO_BIN_EXE_net");
    let mut cmd = env.command(TODAY, &[]);
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let _ = &mut cmd;
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf '{answer}' | script -qec \"'{bin}' config edit\" /dev/null"
        ))
        .env_clear()
        .envs(envs)
        .env("EDITOR", editor)
        .env("TERM", "dumb")
        .output()
        .expect("running script");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn config_edit_saves_only_what_checks_out() {
    let env = TestEnv::new();
    let ok = "sed -i 's/^due_limit = 20/due_limit = 7/'";
    let said = config_edit_at_a_terminal(&env, ok, "");
    assert!(said.contains("Saved"), "{said}");
    let text = std::fs::read_to_string(env.config()).unwrap();
    assert!(text.contains("due_limit = 7") && text.starts_with("# net configuration"));

    let bad = "sed -i 's/^due_limit = 7/due_limit = \"x\"/'";
    let said = config_edit_at_a_terminal(&env, bad, "n\\n");
    assert!(
        said.contains("due_limit") && said.contains("not changed"),
        "{said}"
    );
    let after = std::fs::read_to_string(env.config()).unwrap();
    assert_eq!(after, text, "a broken edit was saved");
    let leftovers: Vec<_> = std::fs::read_dir(env.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".edit"))
        .collect();
    assert!(leftovers.is_empty(), "draft left behind");
}

// --- 5. Output ---

#[test]
fn no_color_is_honoured_even_when_colour_is_forced() {
    let env = TestEnv::new();
    let db = demo(&env);
    let mut forced = env.command(TODAY, &["due"]);
    forced
        .env("NET_DB", &db)
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1");
    let out = forced.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\u{1b}[31m") || text.contains("\u{1b}[38;5;9m"),
        "cold is not red:\n{text:?}"
    );

    let mut both = env.command(TODAY, &["due"]);
    both.env("NET_DB", &db).env("CLICOLOR_FORCE", "1");
    let out = both.output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains('\u{1b}'),
        "NO_COLOR ignored"
    );

    let mut piped = env.command(TODAY, &["due"]);
    piped.env("NET_DB", &db).env_remove("NO_COLOR");
    let out = piped.output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains('\u{1b}'),
        "colour in a pipe"
    );
}

#[test]
fn tables_fit_the_terminal_width() {
    let env = TestEnv::new();
    let db = demo(&env);
    on_demo(
        &env,
        &db,
        &[
            "note",
            "anna",
            &"a very long note about nothing much ".repeat(8),
        ],
    )
    .success();
    for width in ["60", "80"] {
        for args in [&["due", "--all"][..], &["list"][..], &["who", "a"][..]] {
            let mut cmd = env.command(TODAY, args);
            cmd.env("NET_DB", &db).env("COLUMNS", width);
            let out = env.run(&mut cmd).success();
            let max: usize = width.parse().unwrap();
            // The table: from the header to the first empty line.
            let table = out
                .stdout
                .lines()
                .skip_while(|l| !l.contains("Name"))
                .take_while(|l| !l.is_empty() && !l.starts_with("Also due"));
            for line in table {
                assert!(
                    line.chars().count() <= max,
                    "`net {}` at {width}: {} chars:\n{line}",
                    args.join(" "),
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn relative_dates_in_tables_absolute_in_json() {
    let env = TestEnv::new();
    let db = demo(&env);
    let table = on_demo(&env, &db, &["due"]).success().stdout;
    assert!(
        table.contains("months ago") || table.contains("weeks ago"),
        "{table}"
    );
    let json = on_demo(&env, &db, &["due", "--json"]).success().json();
    let last = json["entries"][0]["last_touch"].as_str().unwrap();
    assert_eq!(last.len(), 10, "{last}");
    assert!(last.starts_with("20"), "{last}");
}

#[test]
fn messages_follow_the_data_they_are_about() {
    // Data goes through a buffer; a message must not overtake it on a shared terminal.
    let env = TestEnv::new();
    let db = demo(&env);
    let mut cmd = env.command(TODAY, &[]);
    cmd.env("NET_DB", &db);
    let bin = env!("CARGO_BIN_EXE_net");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("'{bin}' prune --dry-run 2>&1"))
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let list = text.find("Greta Hoffmann").expect("the list");
    let message = text.find("Dry run").expect("the message");
    assert!(list < message, "{text}");
}

// --- 6. Scripts ---

#[test]
fn due_quiet_exits_3_when_something_is_due() {
    let env = TestEnv::new();
    let empty = env.net(&["due", "--quiet"]);
    assert_eq!(
        (empty.code, empty.stdout.as_str(), empty.stderr.as_str()),
        (0, "", "")
    );
    env.ok(&["add", "Anna Müller", "--every", "1mo"]);
    let fresh = env.net(&["due", "--quiet"]);
    assert_eq!(
        (fresh.code, fresh.stdout.as_str()),
        (0, ""),
        "{}",
        fresh.snapshot()
    );
    let later = env.net_on("2027-01-10", &["due", "-q"]);
    assert_eq!(
        (later.code, later.stdout.as_str(), later.stderr.as_str()),
        (3, "", "")
    );
    let db = demo(&env);
    let out = on_demo(&env, &db, &["d", "--quiet"]);
    assert_eq!((out.code, out.stdout.as_str()), (3, ""));
}

#[test]
fn due_quiet_on_a_broken_database_is_an_error_not_someone_due() {
    let env = TestEnv::new();
    std::fs::write(
        env.db(),
        "this is not a database, but it is long enough to look like one",
    )
    .unwrap();
    let out = env.net(&["due", "--quiet"]);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    assert!(out.stderr.starts_with("net: "), "{}", out.snapshot());
    let bad = TestEnv::new().net(&["due", "--quiet", "--on", "someday"]);
    assert_eq!(bad.code, 2, "{}", bad.snapshot());
    // The cron recipe of the README fires only for exit code 3.
    let recipe = env.run(
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{net} due --quiet; [ $? -eq 3 ] && {net} due; exit 0",
                net = env!("CARGO_BIN_EXE_net")
            ))
            .env_clear()
            .env("NET_DB", env.db())
            .env("NET_CONFIG", env.config())
            .env("NET_TODAY", crate::common::TODAY),
    );
    assert_eq!(recipe.stdout, "", "{}", recipe.snapshot());
}

#[test]
fn due_short_is_one_line_for_a_prompt() {
    let env = TestEnv::new();
    assert_eq!(
        env.ok(&["due", "--format", "short"]).stdout,
        "nothing due · 4h left\n"
    );
    let db = demo(&env);
    let out = on_demo(&env, &db, &["due", "--format", "short"]).success();
    assert_eq!(
        out.stdout,
        "4 due · the first 2 fit today's 1h40 · 2 birthdays · 1 promise overdue · 1h40 left\n"
    );
    assert_eq!(out.stderr, "");
}

// --- 7. Short forms for daily use ---

#[test]
fn daily_commands_have_short_forms() {
    let env = TestEnv::new();
    let db = demo(&env);
    assert_eq!(
        on_demo(&env, &db, &["d"]).success().stdout,
        on_demo(&env, &db, &["due"]).success().stdout
    );
    assert_eq!(
        on_demo(&env, &db, &[]).success().stdout,
        on_demo(&env, &db, &["due"]).success().stdout
    );
    let out = on_demo(
        &env,
        &db,
        &["l", "co", "anna", "-f", "45m", "-n", "plans for 2027"],
    );
    assert!(out
        .success()
        .stderr
        .starts_with("Logged coffee with Anna Müller"));
    let show = on_demo(&env, &db, &["show", "anna", "--json"])
        .success()
        .json();
    assert_eq!(show["recent"][0]["kind"], "coffee");
    assert_eq!(show["recent"][0]["minutes"], 45);
    assert_eq!(show["recent"][0]["note"], "plans for 2027");
    assert_eq!(show["recent"][0]["date"], TODAY);
}

#[test]
fn an_empty_net_db_means_the_default() {
    let env = TestEnv::new();
    let mut cmd = env.command(TODAY, &["config", "--json"]);
    cmd.env("NET_DB", "").env("NET_CONFIG", "");
    let v = env.run(&mut cmd).success().json();
    assert_eq!(v["db_from"], "default");
    assert_eq!(v["config_from"], "default");
    let db = v["db"].as_str().unwrap();
    assert!(db.starts_with(&env.root().display().to_string()), "{db}");
}

#[test]
fn help_does_not_print_the_environment_s_paths() {
    let env = TestEnv::new();
    let help = env.ok(&["log", "--help"]).stdout;
    assert!(help.contains("[env: NET_DB]"), "{help}");
    assert!(!help.contains(&env.root().display().to_string()), "{help}");
}
