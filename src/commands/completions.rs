//! `net completions SHELL`: clap_complete's script, plus a hook that completes
//! contact names (from `net list --names`) wherever a contact NAME goes.
//!
//! Contact arguments carry `ValueHint::Username` in cli.rs. zsh and fish
//! scripts turn that hint into user-name completion; here it is swapped for
//! `net list --names`. bash gets a wrapper around clap's `_net` that knows,
//! from the same command tree, which positions and options take a NAME.

use anyhow::Result;
use clap::{Arg, ArgAction, Command, CommandFactory, ValueHint};
use clap_complete::Shell;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::Cli;

pub fn run(out: &mut dyn Write, shell: Shell) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "net", &mut script);
    let script = String::from_utf8(script)?;
    cmd.build();
    let subs = name_slots(&cmd);
    let script = match shell {
        Shell::Bash => format!("{script}\n{}", bash_hook(&subs)),
        Shell::Zsh => zsh(&script),
        Shell::Fish => format!(
            "{}\n{}",
            script.replace("(__fish_complete_users)", "(__net_contact_names active)"),
            fish_hook(&subs)
        ),
        _ => script,
    };
    out.write_all(script.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Where one subcommand takes contact names.
struct Slots {
    /// The name and its aliases (`log`, `l`).
    names: Vec<String>,
    /// Positions (0-based, among positionals) that are contact names; the
    /// last may be open-ended (`log KIND NAME...`).
    positions: Vec<usize>,
    open_ended: bool,
    /// Options followed by a value (`--on`, `-f`): their value is no positional.
    takes_value: Vec<String>,
    /// Options whose value is a contact (`--via`).
    name_options: Vec<String>,
    /// `revive` completes archived contacts.
    archived: bool,
}

fn is_contact(arg: &Arg) -> bool {
    arg.get_value_hint() == ValueHint::Username
}

fn takes_value(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
}

fn flags(arg: &Arg) -> Vec<String> {
    let mut out: Vec<String> = arg
        .get_long_and_visible_aliases()
        .unwrap_or_default()
        .into_iter()
        .map(|l| format!("--{l}"))
        .collect();
    out.extend(arg.get_short().map(|s| format!("-{s}")));
    out
}

/// The subcommands that take a contact somewhere.
fn name_slots(cmd: &Command) -> Vec<Slots> {
    let mut out = Vec::new();
    for sub in cmd.get_subcommands() {
        let mut slots = Slots {
            names: std::iter::once(sub.get_name())
                .chain(sub.get_all_aliases())
                .map(String::from)
                .collect(),
            positions: Vec::new(),
            open_ended: false,
            takes_value: Vec::new(),
            name_options: Vec::new(),
            archived: sub.get_name() == "revive",
        };
        for (n, arg) in sub.get_positionals().enumerate() {
            if is_contact(arg) {
                slots.positions.push(n);
                slots.open_ended |= arg.get_num_args().is_some_and(|r| r.max_values() > 1);
            }
        }
        for arg in sub.get_opts() {
            if takes_value(arg) {
                slots.takes_value.extend(flags(arg));
                if is_contact(arg) {
                    slots.name_options.extend(flags(arg));
                }
            }
        }
        if !slots.positions.is_empty() || !slots.name_options.is_empty() {
            out.push(slots);
        }
    }
    out
}

fn bash_hook(subs: &[Slots]) -> String {
    let mut cases = String::new();
    for s in subs {
        let positions: Vec<String> = s
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let last = i + 1 == s.positions.len();
                format!("{p}{}", if last && s.open_ended { "+" } else { "" })
            })
            .collect();
        let _ = writeln!(
            cases,
            "                       {}) takes=\"{}\"; slots=\"{}\"; name_opts=\"{}\"; which={} ;;",
            s.names.join("|"),
            s.takes_value.join(" "),
            positions.join(" "),
            s.name_options.join(" "),
            if s.archived { "archived" } else { "active" }
        );
    }
    format!(
        r#"# Contact names for NAME arguments, from your database (net list --names).
_net_contact_names() {{
    local cur=${{1#[\"\']}} which=$2 name restore c
    restore=$(shopt -p nocasematch)
    shopt -s nocasematch
    COMPREPLY=()
    while IFS= read -r name; do
        if [[ $name == "$cur"* ]]; then
            # Backslashes before what the shell would take apart (not printf %q,
            # which turns "ü" into $'\303\274' outside a UTF-8 locale).
            for c in '\' ' ' "'" '"' '(' ')' '&' ';' '$' '!' '`' '<' '>' '|' '*' '?' '[' ']' '#' '~'; do
                name=${{name//"$c"/\\$c}}
            done
            COMPREPLY+=("$name")
        fi
    done < <(command net list --names --status "$which" 2>/dev/null)
    eval "$restore"
}}

_net_with_names() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local sub="" word i pos=0 skip=0 takes="" slots="" name_opts="" which=active slot
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        if ((skip)); then skip=0; continue; fi
        if [[ -z $sub ]]; then
            case $word in
                --db|--config) skip=1 ;;
                -*) ;;
                *) sub=$word
                   case $sub in
{cases}                   esac ;;
            esac
            continue
        fi
        if [[ " $takes " == *" $word "* ]]; then skip=1; continue; fi
        [[ $word == -* ]] || pos=$((pos + 1))
    done
    if [[ -n $sub && $cur != -* ]]; then
        if ((skip)); then
            if [[ " $name_opts " == *" $prev "* ]]; then
                _net_contact_names "$cur" "$which"
                return 0
            fi
        else
            for slot in $slots; do
                if [[ $slot == "$pos" || ( $slot == *+ && $pos -ge ${{slot%+}} ) ]]; then
                    _net_contact_names "$cur" "$which"
                    return 0
                fi
            done
        fi
    fi
    _net "$@"
}}

if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _net_with_names -o nosort -o bashdefault -o default net
else
    complete -F _net_with_names -o bashdefault -o default net
fi
"#
    )
}

/// zsh: user-name completion becomes contact names, defined before the
/// script's last lines call `_net` (it runs as soon as it is autoloaded).
fn zsh(script: &str) -> String {
    let hook = r#"# Contact names for NAME arguments, from your database (net list --names).
(( $+functions[_net_contact_names] )) ||
_net_contact_names() {
    local which=active
    [[ ${words[1]} == revive ]] && which=archived
    local -a names
    names=(${(f)"$(_call_program contacts net list --names --status $which 2>/dev/null)"})
    compadd -M 'm:{a-zA-Z}={A-Za-z}' -a names
}

"#;
    let script = script.replace(":_users", ":_net_contact_names");
    match script.rfind("if [ \"$funcstack[1]\" = \"_net\" ]") {
        Some(at) => format!("{}{hook}{}", &script[..at], &script[at..]),
        None => format!("{script}\n{hook}"),
    }
}

fn fish_hook(subs: &[Slots]) -> String {
    let mut out = String::from(
        "# Contact names for NAME arguments, from your database (net list --names).\n\
         function __net_contact_names\n    \
         net list --names --status $argv[1] 2>/dev/null\n\
         end\n\
         # The position of the word being completed among the positionals (0-based).\n\
         function __net_position\n    \
         set -l words (commandline -opc)\n    \
         set -l takes $argv\n    \
         set -l pos -1\n    \
         set -l skip 0\n    \
         for word in $words[2..-1]\n        \
         if test $skip = 1\n            \
         set skip 0\n        \
         else if contains -- $word $takes --db --config\n            \
         set skip 1\n        \
         else if not string match -q -- '-*' $word\n            \
         set pos (math $pos + 1)\n        \
         end\n    \
         end\n    \
         echo $pos\n\
         end\n",
    );
    for s in subs {
        if s.positions.is_empty() {
            continue;
        }
        let mut test: Vec<String> = s
            .positions
            .iter()
            .map(|p| format!("test (__net_position {}) -eq {p}", s.takes_value.join(" ")))
            .collect();
        if s.open_ended {
            if let Some(last) = s.positions.last() {
                test.pop();
                test.push(format!(
                    "test (__net_position {}) -ge {last}",
                    s.takes_value.join(" ")
                ));
            }
        }
        let _ = writeln!(
            out,
            "complete -c net -n \"__fish_net_using_subcommand {}; and begin; {}; end\" -f -a \"(__net_contact_names {})\"",
            s.names.join(" "),
            test.join("; or "),
            if s.archived { "archived" } else { "active" }
        );
    }
    out
}
