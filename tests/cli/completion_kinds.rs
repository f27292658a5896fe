//! Kinds where a kind goes: `net log KIND`, `net log edit --kind`, `net
//! history --kind` complete the configured kinds of interaction (your own
//! `[kinds]` too), each with its usual length, in bash, zsh and fish; `net log`
//! first offers them beside its own `edit` and `rm`.

use crate::common::require_tool;
use crate::common::TestEnv;
use crate::completion_fish::fish_candidates;
use crate::completion_ids::{bash_candidates, network, zsh_parts};

/// The shared network, with a kind of one's own.
/// The shared network, with a kind of one's own and a person whose name
/// starts like a kind (Cora Cole, coffee).
fn with_workshop() -> TestEnv {
    let env = network();
    env.ok(&["add", "Cora Cole"]);
    env.write_config("[kinds]\nworkshop = 90\n");
    env
}

#[test]
fn net_ids_kinds_lists_the_configured_kinds_with_their_usual_length() {
    let env = with_workshop();
    let all = env.ok(&["ids", "kinds"]).stdout;
    let kinds: Vec<&str> = all.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "call", "coffee", "email", "event", "gift", "intro", "lunch", "meeting", "message",
            "note", "workshop"
        ]
    );
    assert!(all.contains("coffee\tusually 45m\n"), "{all}");
    assert!(all.contains("note\tcounts no time\n"), "{all}");
    assert_eq!(
        env.ok(&["ids", "kinds", "W"]).stdout,
        "workshop\tusually 1h30\n"
    );
    assert_eq!(env.ok(&["ids", "kinds", "x"]).stdout, "");
}

#[test]
fn bash_completes_kinds_where_a_kind_goes() {
    require_tool("bash", "bash");
    let env = with_workshop();
    let lines = bash_candidates(
        &env,
        &[
            "net log \"\"",
            "net l co",
            "net log e",
            "net log --on yesterday w",
            "net history anna --kind m",
            "net log edit 1 --kind \"\"",
            "net log coffee b",
            // `--kind=m` as bash splits it, and a name option so written.
            "net history anna --kind = m",
            "net log edit 1 --add = b",
        ],
    );
    assert_eq!(
        lines,
        [
            "call|coffee|email|event|gift|intro|lunch|meeting|message|note|workshop|edit|rm|",
            "coffee|",
            "email|event|edit|",
            "workshop|",
            "meeting|message|",
            "call|coffee|email|event|gift|intro|lunch|meeting|message|note|workshop|",
            // After the kind come names.
            "Bob\\ Stone|",
            "meeting|message|",
            "Bob\\ Stone|",
        ]
    );
}

#[test]
fn fish_completes_kinds_with_their_usual_length() {
    require_tool("fish", "fish");
    let env = with_workshop();
    let got = fish_candidates(
        &env,
        &[
            "net log co",
            "net l w",
            "net log ",
            "net history anna --kind m",
            "net log coffee b",
            "net history anna --kind=m",
        ],
    );
    assert_eq!(got[0], ["coffee\tusually 45m"]);
    assert_eq!(got[1], ["workshop\tusually 1h30"]);
    let log = &got[2];
    for want in [
        "call\tusually 20m",
        "note\tcounts no time",
        "workshop\tusually 1h30",
    ] {
        assert!(log.iter().any(|c| c == want), "{want} in {log:?}");
    }
    assert!(log.iter().any(|c| c.starts_with("edit\t")), "{log:?}");
    assert_eq!(got[3], ["meeting\tusually 1h", "message\tusually 5m"]);
    assert_eq!(got[4], ["Bob Stone"]);
    assert_eq!(
        got[5],
        ["--kind=meeting\tusually 1h", "--kind=message\tusually 5m"]
    );
}

#[test]
fn zsh_completes_kinds_with_their_usual_length() {
    require_tool("zsh", "zsh");
    let env = with_workshop();
    let parts = zsh_parts(
        &env,
        &[
            "net log wo",
            "net history anna --kind ",
            "net log co",
            "net log edit 1 --kind mee",
            "net log coffee anna ",
            "net log edit 1 --kind=mee",
            "net log edit 1 --add=b",
        ],
    );
    // `--kind=` and `--add=` as one word, after `log edit ID` too.
    assert!(parts[5].contains("--kind=meeting"), "{}", parts[5]);
    // (On the probe's dumb terminal zle draws the match after the typed `b`;
    // the line itself is `--add=Bob\ Stone`.)
    assert!(parts[6].contains("--add=bBob\\ Stone"), "{:?}", parts[6]);
    // One: inserted.
    assert!(parts[0].contains("net log workshop"), "{}", parts[0]);
    // Where the kind goes, kinds only: Cora Cole is no candidate.
    assert!(parts[2].contains("net log coffee"), "{}", parts[2]);
    assert!(!parts[2].contains("Cora"), "{}", parts[2]);
    // After `log edit ID`, its own --kind.
    assert!(parts[3].contains("--kind meeting"), "{}", parts[3]);
    // After the kind, every name (clap's script offered edit/rm there).
    assert!(
        parts[4].contains("Bob\\ Stone") && parts[4].contains("Cora\\ Cole"),
        "{}",
        parts[4]
    );
    // Several: listed with their usual length (zsh aligns the columns, and
    // puts kinds of one length on one line: `intro gift -- usually 15m`).
    let listed: Vec<String> = parts[1]
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for want in [
        "meeting -- usually 1h",
        "message -- usually 5m",
        "note -- counts no time",
        "workshop -- usually 1h30",
    ] {
        assert!(listed.iter().any(|l| l == want), "{want} in {listed:?}");
    }
}

/// A kind is what `net log` takes as its first word: case does not matter,
/// and `edit` and `rm` are `net log`'s own; bash inserts one with shell
/// characters escaped, like a name (found by a review: `Workshop` was listed
/// but could not be logged, `edit` shadowed `net log edit`, `it's` completed
/// unquoted).
#[test]
fn kinds_in_the_config_are_one_word_in_any_case_and_never_edit_or_rm() {
    require_tool("bash", "bash");
    let env = network();
    env.write_config("[kinds]\nWorkshop = 90\n\"it's\" = 10\n");
    assert_eq!(
        env.ok(&["ids", "kinds", "Work"]).stdout,
        "workshop\tusually 1h30\n"
    );
    env.ok(&["log", "Workshop", "anna"]);
    env.ok(&["log", "it's", "anna"]);
    assert_eq!(bash_candidates(&env, &["net log it"]), ["it\\'s|"]);
    for (kind, says) in [
        ("edit = 10", "edit is taken by `net log edit`"),
        ("RM = 10", "rm is taken by `net log rm`"),
        ("\"two words\" = 5", "kind names are single words"),
    ] {
        env.write_config(&format!("[kinds]\n{kind}\n"));
        let line = env.net(&["ids", "kinds"]).error(1);
        assert!(line.contains(says), "{kind}: {line}");
    }
}
