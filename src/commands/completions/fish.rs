//! fish: contact names and ids by position, on top of clap's script (newest
//! id first, as `net ids` lists them: `-k` keeps that order).

use std::fmt::Write as _;

use super::slots::Slots;

const HEAD: &str = r#"# Contact names for NAME arguments, from your database (net list --names).
function __net_contact_names
    net (__net_files) list --names --status $argv[1] 2>/dev/null
end
# The --db and --config typed on the line, for net's own calls here.
function __net_files
    set -l want
    for word in (commandline -opc)[2..-1]
        if test -n "$want"
            echo $want
            string replace -r '^~' $HOME -- $word
            set want
        else if contains -- $word --db --config
            set want $word
        else if string match -qr -- '^--(db|config)=' $word
            string split -m1 = -- $word | string replace -r '^~' $HOME
        end
    end
end
# IDs for ID arguments, each with its date, kind and people (net ids COMMAND).
function __net_ids
    net (__net_files) ids $argv[1] (commandline -ct | string trim -l -c '#') 2>/dev/null
end
# Kinds of interaction for KIND arguments, each with its usual length (net ids kinds).
function __net_kinds
    net (__net_files) ids kinds (commandline -ct | string replace -r -- '^--[^=]*=' '') 2>/dev/null
end
# The position of the word being completed among the positionals (0-based).
function __net_position
    set -l words (commandline -opc)
    set -l takes $argv
    set -l pos -1
    set -l skip 0
    for word in $words[2..-1]
        if test $skip = 1
            set skip 0
        else if contains -- $word $takes --db --config
            set skip 1
        else if not string match -q -- '-*' $word
            set pos (math $pos + 1)
        end
    end
    echo $pos
end
"#;

/// `test (__net_position …) -eq 1; or …`, positions counted after the command's words.
fn test(s: &Slots, positions: &[usize], open: bool) -> String {
    let depth = s.path.len() - 1;
    let takes = s.takes_value.join(" ");
    let last = positions.len().saturating_sub(1);
    positions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let op = if i == last && open { "-ge" } else { "-eq" };
            format!("test (__net_position {takes}) {op} {}", p + depth)
        })
        .collect::<Vec<_>>()
        .join("; or ")
}

/// The condition that the command line is in `s` (and in none of its subcommands).
fn within(s: &Slots) -> String {
    let mut cond = format!("__fish_net_using_subcommand {}", s.path[0]);
    for word in &s.path[1..] {
        let _ = write!(cond, "; and __fish_seen_subcommand_from {word}");
    }
    if !s.subs.is_empty() {
        let _ = write!(
            cond,
            "; and not __fish_seen_subcommand_from {}",
            s.subs.join(" ")
        );
    }
    cond
}

/// clap's script with the database hooks, and two fixes to clap's own lines:
/// an alias (`net l`) completes like its command (clap tests for `log` only),
/// and a command's subcommands (`edit`, `rm`) are offered only in the first
/// position (`net log coffee ed` is a name: args conflict with subcommands).
pub fn script(clap: &str, all: &[Slots]) -> String {
    let mut script = clap.to_string();
    for s in all.iter().filter(|s| !s.subs.is_empty()) {
        let first = test(s, &[0], false);
        for sub in &s.subs {
            let offer = format!("-n \"{}\" -a \"{sub}\"", within(s));
            let fixed = format!("-n \"{}; and {first}\" -a \"{sub}\"", within(s));
            script = script.replace(&offer, &fixed);
        }
    }
    let mut script = format!("{script}\n{}", hook(all));
    for s in all
        .iter()
        .filter(|s| s.path.len() == 1 && s.names.len() > 1)
    {
        for end in [";", "\""] {
            let one = format!("__fish_net_using_subcommand {}{end}", s.path[0]);
            let every = format!("__fish_net_using_subcommand {}{end}", s.names.join(" "));
            script = script.replace(&one, &every);
        }
    }
    script
}

fn hook(all: &[Slots]) -> String {
    let mut out = String::from(HEAD);
    for s in all {
        if !s.positions.is_empty() {
            let _ = writeln!(
                out,
                "complete -c net -n \"{}; and begin; {}; end\" -f -a \"(__net_contact_names {})\"",
                within(s),
                test(s, &s.positions, s.open_ended),
                if s.archived { "archived" } else { "active" }
            );
        }
        if !s.kinds.is_empty() {
            let _ = writeln!(
                out,
                "complete -c net -n \"{}; and begin; {}; end\" -f -a \"(__net_kinds)\"",
                within(s),
                test(s, &s.kinds, false),
            );
        }
        if !s.ids.is_empty() {
            let _ = writeln!(
                out,
                "complete -c net -n \"{}; and begin; {}; end\" -f -k -a \"(__net_ids {})\"",
                within(s),
                test(s, &s.ids, s.ids_open),
                s.ids_of()
            );
        }
    }
    out
}
