//! `net completions SHELL`: clap_complete's script, plus hooks that complete
//! contact names (from `net list --names`) wherever a contact NAME goes and
//! ids (from `net ids COMMAND`, with date, kind and people) wherever an ID goes.
//!
//! Contact arguments carry `ValueHint::Username` in cli.rs, ids
//! `ValueHint::Hostname`, kinds of interaction `ValueHint::CommandName`. zsh
//! and fish scripts turn those hints into user-, host- and command-name
//! completion; here they are swapped for the database and the config. bash gets a
//! wrapper around clap's `_net` that knows, from the same command tree, which
//! positions and options take a NAME or an ID.

mod bash;
mod fish;
mod slots;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::Cli;

pub fn run(out: &mut dyn Write, shell: Shell) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "net", &mut script);
    let script = without_hidden(shell, String::from_utf8(script)?, &cmd);
    cmd.build();
    let all = slots::all(&cmd);
    let script = match shell {
        Shell::Bash => format!("{script}\n{}", bash::hook(&all)),
        Shell::Zsh => zsh(&script, &all),
        Shell::Fish => fish::script(
            &script
                .replace("(__fish_complete_users)", "(__net_contact_names active)")
                .replace("(__fish_print_hostnames)", "")
                .replace("(__fish_complete_command)", "(__net_kinds)"),
            &all,
        ),
        _ => script,
    };
    out.write_all(script.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The script without the hidden commands (`net ids`, which the scripts
/// themselves call), which clap_complete offers like any other: at
/// `net i<Tab>` a person should see import, inbox and intro.
fn without_hidden(shell: Shell, script: String, cmd: &clap::Command) -> String {
    let hidden: Vec<&str> = cmd
        .get_subcommands()
        .filter(|s| s.is_hide_set())
        .map(|s| s.get_name())
        .collect();
    if hidden.is_empty() {
        return script;
    }
    let mut out = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let offered = |name: &str| match shell {
            // A command list of zsh's `_net_commands` (and `net help`'s).
            Shell::Zsh => trimmed.starts_with(&format!("'{name}:")),
            Shell::Fish => trimmed.contains(&format!(" -a \"{name}\" ")),
            _ => false,
        };
        if hidden.iter().any(|h| offered(h)) {
            continue;
        }
        // bash: the words of each `opts="…"` list.
        match trimmed.strip_prefix("opts=\"") {
            Some(rest) if shell == Shell::Bash => {
                let words = rest.trim_end().trim_end_matches('"');
                let kept: Vec<&str> = words.split(' ').filter(|w| !hidden.contains(w)).collect();
                let indent = &line[..line.len() - trimmed.len()];
                out.push_str(&format!("{indent}opts=\"{}\"\n", kept.join(" ")));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// `_net_options SPELLING` (zsh): sets `opts` to the options of a
/// subcommand whose parent has positionals (`log edit`, `note rm`), as
/// `--on:description` items. clap's zsh script reads `net log edit 1 --`
/// as `log` with a kind and a name, and offers `log`'s options.
fn zsh_options(all: &[slots::Slots]) -> String {
    use std::fmt::Write as _;
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut cases = String::new();
    let mut spelled: std::collections::HashMap<Vec<String>, (Vec<String>, bool)> =
        std::collections::HashMap::new();
    for s in all {
        let parent = &s.path[..s.path.len() - 1];
        let (parent_spellings, parent_positionals) =
            spelled.get(parent).cloned().unwrap_or_default();
        let spellings = s.spellings(&parent_spellings);
        spelled.insert(s.path.clone(), (spellings.clone(), s.positionals));
        if !parent_positionals {
            continue;
        }
        let items: Vec<String> = s
            .options
            .iter()
            .map(|(flag, help)| quote(&format!("{flag}:{help}")))
            .collect();
        let quoted: Vec<String> = spellings.iter().map(|w| format!("\"{w}\"")).collect();
        let _ = writeln!(
            cases,
            "        {}) opts=({}) ;;",
            quoted.join("|"),
            items.join(" ")
        );
    }
    format!("_net_options() {{\n    opts=()\n    case $1 in\n{cases}    esac\n}}\n\n")
}

/// zsh: user-name completion becomes contact names; clap's `_net` becomes
/// `_net_clap`, behind a `_net` that completes ids first (clap's script takes
/// `log edit` for a kind and a name). All defined before the script's last
/// lines call `_net` (it runs as soon as it is autoloaded).
fn zsh(script: &str, all: &[slots::Slots]) -> String {
    let script = script
        .replace(":_users", ":_net_contact_names")
        .replace(":_hosts", ":( )")
        .replace(":_command_names -e", ":_net_kinds")
        .replacen("\n_net() {", "\n_net_clap() {", 1);
    let hook = format!(
        "{}{}{}",
        include_str!("hook.zsh"),
        bash::slots_function(all),
        zsh_options(all)
    );
    match script.rfind("if [ \"$funcstack[1]\" = \"_net\" ]") {
        Some(at) => format!("{}{hook}{}", &script[..at], &script[at..]),
        None => format!("{script}\n{hook}"),
    }
}
