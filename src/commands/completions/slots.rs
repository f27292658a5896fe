//! Where each command takes contact names and ids, read off the clap command
//! tree: contact arguments carry `ValueHint::Username`, ids `ValueHint::Hostname`,
//! kinds of interaction `ValueHint::CommandName` (cli.rs), so a new argument is
//! completed without touching the scripts.

use clap::{Arg, ArgAction, Command, ValueHint};

/// Where one command (`log`, or `log edit`) takes names and ids.
pub struct Slots {
    /// The words that lead to it, canonical names (`["log", "edit"]`).
    pub path: Vec<String>,
    /// The last word and its aliases (`log`, `l`).
    pub names: Vec<String>,
    /// Its own subcommands (`edit`, `rm`): a word that is one is no positional.
    pub subs: Vec<String>,
    /// Positions (0-based, among its positionals) that are contact names; the
    /// last may be open-ended (`log KIND NAME...`).
    pub positions: Vec<usize>,
    pub open_ended: bool,
    /// Positions that are ids, the last may be open-ended (`inbox accept ID...`).
    pub ids: Vec<usize>,
    pub ids_open: bool,
    /// Options followed by a value (`--on`, `-f`): their value is no positional.
    pub takes_value: Vec<String>,
    /// Options whose value is a contact (`--via`).
    pub name_options: Vec<String>,
    /// Positions that are a kind of interaction (`log KIND`), and options
    /// whose value is one (`--kind`): `ValueHint::CommandName` in cli.rs.
    pub kinds: Vec<usize>,
    pub kind_options: Vec<String>,
    /// `revive` completes archived contacts.
    pub archived: bool,
    /// Every option with a long name and the first line of its help
    /// (`--on`, `New date: …`), for zsh (see `zsh_options` in mod.rs).
    pub options: Vec<(String, String)>,
    /// Whether it has positionals: a subcommand of such a command is where
    /// clap's zsh script goes wrong.
    pub positionals: bool,
}

impl Slots {
    /// `net ids` argument: the command the ids belong to.
    pub fn ids_of(&self) -> &str {
        &self.path[0]
    }

    /// Every spelling of the path, aliases included (`log edit|l edit`).
    pub fn spellings(&self, parent: &[String]) -> Vec<String> {
        if parent.is_empty() {
            return self.names.clone();
        }
        parent
            .iter()
            .flat_map(|p| self.names.iter().map(move |n| format!("{p} {n}")))
            .collect()
    }
}

fn hint(arg: &Arg, h: ValueHint) -> bool {
    arg.get_value_hint() == h
}

/// Whether the word after the option is its value (`--on DATE`); not for an
/// optional value, given as `--they=false` only.
fn takes_value(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
        && arg.get_num_args().is_none_or(|r| r.min_values() > 0)
}

fn open(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|r| r.max_values() > 1)
}

pub fn flags(arg: &Arg) -> Vec<String> {
    let mut out: Vec<String> = arg
        .get_long_and_visible_aliases()
        .unwrap_or_default()
        .into_iter()
        .map(|l| format!("--{l}"))
        .collect();
    out.extend(arg.get_short().map(|s| format!("-{s}")));
    out
}

/// Every visible command at any depth, parents before their subcommands.
pub fn all(cmd: &Command) -> Vec<Slots> {
    let mut out = Vec::new();
    walk(cmd, &[], &mut out);
    out
}

fn walk(cmd: &Command, path: &[String], out: &mut Vec<Slots>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut here = path.to_vec();
        here.push(sub.get_name().to_string());
        let mut s = Slots {
            names: std::iter::once(sub.get_name())
                .chain(sub.get_all_aliases())
                .map(String::from)
                .collect(),
            subs: sub
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect(),
            positions: Vec::new(),
            open_ended: false,
            ids: Vec::new(),
            ids_open: false,
            takes_value: Vec::new(),
            name_options: Vec::new(),
            kinds: Vec::new(),
            kind_options: Vec::new(),
            archived: here[0] == "revive",
            options: sub
                .get_arguments()
                .filter(|a| !a.is_positional() && !a.is_hide_set())
                .filter_map(|a| {
                    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                    let first = help.lines().next().unwrap_or("").to_string();
                    Some((format!("--{}", a.get_long()?), first))
                })
                .collect(),
            positionals: sub.get_positionals().next().is_some(),
            path: here.clone(),
        };
        for (n, arg) in sub.get_positionals().enumerate() {
            if hint(arg, ValueHint::Username) {
                s.positions.push(n);
                s.open_ended |= open(arg);
            } else if hint(arg, ValueHint::Hostname) {
                s.ids.push(n);
                s.ids_open |= open(arg);
            } else if hint(arg, ValueHint::CommandName) {
                s.kinds.push(n);
            }
        }
        for arg in sub.get_opts().filter(|a| takes_value(a)) {
            s.takes_value.extend(flags(arg));
            if hint(arg, ValueHint::Username) {
                s.name_options.extend(flags(arg));
            } else if hint(arg, ValueHint::CommandName) {
                s.kind_options.extend(flags(arg));
            }
        }
        out.push(s);
        walk(sub, &here, out);
    }
}
