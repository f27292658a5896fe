//! fish: contact names and ids by position, on top of clap's script.

use std::fmt::Write as _;

use super::slots::Slots;

const HEAD: &str = r#"# Contact names for NAME arguments, from your database (net list --names).
function __net_contact_names
    net list --names --status $argv[1] 2>/dev/null
end
# IDs for ID arguments, each with its date, kind and people (net ids COMMAND).
function __net_ids
    net ids $argv[1] (commandline -ct | string trim -l -c '#') 2>/dev/null
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

pub fn hook(all: &[Slots]) -> String {
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
        if !s.ids.is_empty() {
            let _ = writeln!(
                out,
                "complete -c net -n \"{}; and begin; {}; end\" -f -a \"(__net_ids {})\"",
                within(s),
                test(s, &s.ids, s.ids_open),
                s.ids_of()
            );
        }
    }
    out
}
