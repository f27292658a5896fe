//! fish completion (issue 12): the real fish sources `net completions fish`
//! and answers `complete -C LINE` as it would on Tab: subcommands, contact
//! names where a NAME goes, ids (newest first, with what tells them apart)
//! where an ID goes, and the alias `l` like `log`.

use crate::common::require_tool;
use crate::common::TestEnv;
use crate::completion_ids::{network, shell};

/// Sources the script, then prints fish's candidates for each line, one per
/// line, each line's list ended by `---next`.
const FISH_PROBE: &str = r#"
source $argv[1]
for line in $argv[2..-1]
    complete -C "$line"
    echo -- ---next
end
"#;

/// fish's candidates for each of `lines`, from the script `net completions
/// fish` prints, as `complete -C` gives them on Tab.
pub(crate) fn fish_candidates(env: &TestEnv, lines: &[&str]) -> Vec<Vec<String>> {
    let script = env.write("net.fish", &env.ok(&["completions", "fish"]).stdout);
    let mut args = vec!["--no-config", "-c", FISH_PROBE, script.to_str().unwrap()];
    args.extend(lines);
    let out = shell(env, "fish", &args);
    let got: Vec<Vec<String>> = out
        .split("---next\n")
        .map(|part| part.lines().map(String::from).collect())
        .collect();
    assert_eq!(got.len(), lines.len() + 1, "{out}");
    got
}

#[test]
fn fish_completes_subcommands_names_and_ids() {
    require_tool("fish", "fish");
    let env = network();
    let lines = [
        "net lo",
        "net show ",
        "net show an",
        "net log coffee ",
        "net log ",
        "net log edit ",
        "net l rm 2",
        "net log edit --on yesterday 1",
        "net note edit ",
        "net done ",
        "net log edit 1 --add b",
        "net l co a",
        "net i",
    ];
    let got = fish_candidates(&env, &lines);
    let of = |line: &str| &got[lines.iter().position(|l| *l == line).unwrap()];
    assert_eq!(
        of("net lo"),
        &["log\tRecord an interaction with one or more contacts"]
    );
    assert_eq!(of("net show "), &["Anna Müller", "Bob Stone"]);
    // The hidden `net ids` (the scripts' own helper) is not offered.
    let commands: Vec<&str> = of("net i")
        .iter()
        .map(|c| c.split('\t').next().unwrap())
        .collect();
    assert_eq!(commands, ["import", "inbox", "intro"]);
    assert_eq!(of("net show an"), &["Anna Müller"]);
    // After a kind come names, not `edit`/`rm` (those only go first).
    assert_eq!(of("net log coffee "), &["Anna Müller", "Bob Stone"]);
    let log = of("net log ");
    assert!(log.iter().any(|c| c.starts_with("edit\t")), "{log:?}");
    assert!(log.iter().any(|c| c.starts_with("rm\t")), "{log:?}");
    assert_eq!(
        of("net log edit "),
        &[
            "3\t2026-03-13 message · Bob Stone",
            "2\t2026-03-12 call · Anna Müller, Bob Stone",
            "1\t2026-03-10 coffee · Anna Müller",
        ]
    );
    assert_eq!(
        of("net l rm 2"),
        &["2\t2026-03-12 call · Anna Müller, Bob Stone"]
    );
    assert_eq!(
        of("net log edit --on yesterday 1"),
        &["1\t2026-03-10 coffee · Anna Müller"]
    );
    let note = of("net note edit ");
    assert_eq!(note.len(), 1, "{note:?}");
    assert!(note[0].starts_with("1\t"), "{note:?}");
    assert!(note[0].contains("note (family) · Bob Stone"), "{note:?}");
    assert_eq!(
        of("net done "),
        &["1\t2026-03-20 promise: send the offer · Bob Stone"]
    );
    assert_eq!(
        of("net log edit 1 --add b"),
        &["Bob Stone\tSomeone else who was there (repeatable)"]
    );
    assert_eq!(of("net l co a"), &["Anna Müller"]);
}

#[test]
fn fish_completes_from_the_database_named_on_the_line() {
    require_tool("fish", "fish");
    let env = network();
    let other = env.root().join("other.db");
    let other = other.to_str().unwrap();
    env.ok(&["--db", other, "add", "Zora Zeta"]);
    let lines = [
        format!("net --db {other} show "),
        format!("net show --db={other} "),
        "net show --db ~/other.db z".to_string(),
        "net show z".to_string(),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got = fish_candidates(&env, &lines);
    let zora = vec!["Zora Zeta".to_string()];
    assert_eq!(got[..4], [zora.clone(), zora.clone(), zora, vec![]]);
}
