//! Ids where an id goes (issue 12, "Done means"): `net log edit ID`, `net log rm
//! ID`, `net note edit|rm ID`, `net todo edit ID`, `net done ID` and `net inbox
//! accept|drop ID` complete real ids from the database, each with its date,
//! kind and people, through the scripts' real entry points in bash and zsh.

use crate::common::{require_tool, TestEnv, TODAY};
use std::path::Path;
use std::process::Command;

/// Anna and Bob, two interactions, a note and a promise.
pub(crate) fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["log", "coffee", "anna", "--on", "2026-03-10"]);
    env.ok(&["log", "call", "anna", "bob", "--on", "2026-03-12"]);
    env.ok(&["note", "bob", "two daughters", "--about", "family"]);
    env.ok(&[
        "log",
        "message",
        "bob",
        "--on",
        "2026-03-13",
        "--follow-up",
        "send the offer",
        "--by",
        "2026-03-20",
    ]);
    env
}

/// Runs `shell ARGS` in the test's environment with `net` on PATH.
pub(crate) fn shell(env: &TestEnv, shell: &str, args: &[&str]) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_net")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let cmd = env.command(TODAY, &[]);
    let out = Command::new(shell)
        .args(args)
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn net_ids_lists_each_commands_ids_newest_first_with_date_kind_and_people() {
    let env = network();
    assert_eq!(
        env.ok(&["ids", "log"]).stdout,
        "3\t2026-03-13 message · Bob Stone\n\
         2\t2026-03-12 call · Anna Müller, Bob Stone\n\
         1\t2026-03-10 coffee · Anna Müller\n"
    );
    assert_eq!(env.ok(&["ids", "log", "2"]).stdout.lines().count(), 1);
    let note = env.ok(&["ids", "note"]).stdout;
    assert!(note.starts_with("1\t"), "{note}");
    assert!(note.contains("note (family) · Bob Stone"), "{note}");
    let done = env.ok(&["ids", "done"]).stdout;
    assert_eq!(done, "1\t2026-03-20 promise: send the offer · Bob Stone\n");
    env.ok(&["done", "1"]);
    assert_eq!(
        env.ok(&["ids", "todo"]).stdout,
        "",
        "a kept promise is offered"
    );
    assert_eq!(env.ok(&["ids", "inbox"]).stdout, "");
    assert_eq!(env.net(&["ids", "show"]).code, 2);
}

/// bash's candidates for each of `lines` (the words of a command line as
/// bash splits them, `""` for an empty last word), through the real entry
/// point of `net completions bash`: one `a|b|` line each.
pub(crate) fn bash_candidates(env: &TestEnv, lines: &[&str]) -> Vec<String> {
    let script = env.write("net.bash", &env.ok(&["completions", "bash"]).stdout);
    let calls: Vec<String> = lines.iter().map(|l| format!("t {l}")).collect();
    let probe = format!(
        r#"
source "$1"
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMPREPLY=()
      _net_with_names net "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
      printf '%s|' "${{COMPREPLY[@]}}"; echo; }}
{}
"#,
        calls.join("\n")
    );
    let args = [
        "--noprofile",
        "--norc",
        "-c",
        &probe,
        "probe",
        script.to_str().unwrap(),
    ];
    shell(env, "bash", &args)
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_ids_where_an_id_goes() {
    require_tool("bash", "bash");
    let env = network();
    let lines = bash_candidates(
        &env,
        &[
            "net log edit \"\"",
            "net l rm 2",
            "net log edit --on yesterday 1",
            "net note edit \"\"",
            "net done \"\"",
            "net todo edit \"\"",
            "net log edit 1 --add b",
            "net log coffee b",
            "net i",
        ],
    );
    assert_eq!(
        lines,
        [
            "3  (2026-03-13 message · Bob Stone)|2  (2026-03-12 call · Anna Müller, Bob Stone)|1  (2026-03-10 coffee · Anna Müller)|",
            "2|",
            "1|",
            "1|",
            "1|",
            "1|",
            "Bob\\ Stone|",
            "Bob\\ Stone|",
            // The hidden `net ids` (the scripts' own helper) is not offered.
            "intro|import|inbox|",
        ]
    );
}

/// Types each line and a Tab into an interactive zsh (in zsh's own pseudo
/// terminal, zpty) that loaded the script from its fpath with compinit.
const ZSH_PROBE: &str = r#"
zmodload zsh/zpty
zpty z LC_ALL=C.UTF-8 zsh -f -i
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; LISTMAX=1000"
for line in "${@[2,-1]}"; do
  zpty -w -n z "$line"$'\t'
  # The completion runs the debug `net`: under load it took over a second,
  # and the next keys then landed before its list.
  sleep 3
  zpty -w -n z $'\C-u'
  zpty -w z "print -r -- '--''-next'"
  sleep 0.3
done
zpty -w z "exit"
sleep 0.5
local out chunk
while zpty -r -t z chunk; do out+=$chunk; done
print -r -- "$out"
"#;

/// What zsh shows after each of `lines` and a Tab, from the script `net
/// completions zsh` prints loaded from an fpath: one part per line.
pub(crate) fn zsh_parts(env: &TestEnv, lines: &[&str]) -> Vec<String> {
    let dir = env.root().join("zfunc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("_net"), env.ok(&["completions", "zsh"]).stdout).unwrap();
    let mut args = vec!["-f", "-c", ZSH_PROBE, "probe", dir.to_str().unwrap()];
    args.extend(lines);
    let out = shell(env, "zsh", &args);
    let parts: Vec<String> = out.split("---next").map(String::from).collect();
    assert!(parts.len() > lines.len(), "{out}");
    parts
}

#[test]
fn zsh_completes_ids_with_their_description() {
    require_tool("zsh", "zsh");
    let env = network();
    let parts = zsh_parts(
        &env,
        &[
            "net log edit ",
            "net done ",
            "net show an",
            "net i",
            "net log edit 1 --",
        ],
    );
    // Several: listed with what tells them apart.
    assert!(
        parts[0].contains("2  -- 2026-03-12 call · Anna Müller, Bob Stone"),
        "{}",
        parts[0]
    );
    assert!(parts[0].contains("1  -- 2026-03-10 coffee · Anna Müller"));
    // One: inserted.
    assert!(parts[1].contains("net done 1"), "{}", parts[1]);
    // Names still complete.
    assert!(parts[2].contains("Anna\\ Müller"), "{}", parts[2]);
    // The hidden `net ids` (the scripts' own helper) is not offered.
    assert!(
        parts[3].contains("import") && parts[3].contains("intro") && !parts[3].contains("ids"),
        "{}",
        parts[3]
    );
    // The options of `log edit`, not those of `log` (clap's script took
    // `edit 1` for a kind and a name).
    assert!(
        parts[4].contains("--remove")
            && parts[4].contains("--kind")
            && !parts[4].contains("--follow-up"),
        "{}",
        parts[4]
    );
}

/// `network()`, and beside it another database (`other.db`, with Zora Zeta
/// and one call) and config (`other.toml`, with a kind `workshop`).
fn with_another_database() -> TestEnv {
    let env = network();
    let other = env.root().join("other.db");
    let other = other.to_str().unwrap();
    env.ok(&["--db", other, "add", "Zora Zeta"]);
    env.ok(&["--db", other, "log", "call", "zora", "--on", "2026-03-01"]);
    env.write("other.toml", "[kinds]\nworkshop = 90\n");
    // And one in a folder whose name has a space.
    let spaced = env.root().join("my dir");
    std::fs::create_dir_all(&spaced).unwrap();
    let spaced = spaced.join("w.db");
    env.ok(&["--db", spaced.to_str().unwrap(), "add", "Walter White"]);
    env
}

#[test]
fn bash_completes_from_the_database_and_config_named_on_the_line() {
    require_tool("bash", "bash");
    let env = with_another_database();
    let other = env.root().join("other.db");
    let other = other.to_str().unwrap();
    let config = env.root().join("other.toml");
    let lines = bash_candidates(
        &env,
        &[
            &format!("net --db {other} show z"),
            // After the command too, and as bash splits `--db=PATH`.
            &format!("net show --db {other} \"\""),
            &format!("net show --db = {other} z"),
            "net show --db \"~/other.db\" z",
            // A path with a space, quoted or escaped as it was typed.
            "net --db '\"~/my dir/w.db\"' show w",
            "net --db '~/my\\ dir/w.db' show w",
            &format!("net --db {other} log edit \"\""),
            &format!("net --config {} log wo", config.to_str().unwrap()),
            // Without them, the database of NET_DB.
            "net show z",
            "net log wo",
        ],
    );
    assert_eq!(
        lines,
        [
            "Zora\\ Zeta|",
            "Zora\\ Zeta|",
            "Zora\\ Zeta|",
            "Zora\\ Zeta|",
            "Walter\\ White|",
            "Walter\\ White|",
            "1|",
            "workshop|",
            "|",
            "|",
        ]
    );
}

#[test]
fn zsh_completes_from_the_database_named_on_the_line() {
    require_tool("zsh", "zsh");
    let env = with_another_database();
    let parts = zsh_parts(
        &env,
        &[
            "net --db ~/other.db show ",
            "net show ",
            "net --db ~/my\\ dir/w.db show ",
        ],
    );
    assert!(parts[2].contains("Walter\\ White"), "{}", parts[2]);
    assert!(
        parts[0].contains("net --db ~/other.db show Zora\\ Zeta"),
        "{}",
        parts[0]
    );
    assert!(!parts[1].contains("Zora"), "{}", parts[1]);
}

#[test]
fn what_completion_asks_never_makes_a_database() {
    let env = TestEnv::new();
    let missing = env.root().join("typo.db");
    let db = missing.to_str().unwrap();
    for args in [
        &["--db", db, "list", "--names"][..],
        &["--db", db, "ids", "log"],
        &["list", "--names", "--status", "archived"],
        &["ids", "note", "1"],
    ] {
        let out = env.ok(args);
        assert_eq!(out.stdout, "", "{args:?}");
    }
    // The kinds come from the config alone.
    let kinds = env.ok(&["--db", db, "ids", "kinds", "co"]).stdout;
    assert_eq!(kinds, "coffee\tusually 45m\n");
    assert!(!missing.exists());
    assert!(!env.db().exists());
}
