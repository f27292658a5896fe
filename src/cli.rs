//! The whole command line, in one place.

use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};
use std::path::PathBuf;

/// net keeps your relationships warm: who is going cold, whose birthday is near,
/// what you promised.
#[derive(Debug, Parser)]
#[command(name = "net", version, about, max_term_width = 100)]
#[command(disable_help_subcommand = true)]
#[command(
    after_help = "Start with:\n  net demo                 # try it on a throw-away network first\n  net add \"Anna Müller\" --tag client --why \"referrer for Mittelstand clients\"\n  net log coffee anna --for 45m --note \"talked about her new plant\"\n  net due                  # or just `net`\n\nTopics: net help names|dates|durations|intervals|cadence|budget|scripts"
)]
pub struct Cli {
    /// Database file [default: the platform data dir, e.g. ~/.local/share/net/net.db]
    #[arg(
        long,
        global = true,
        env = "NET_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Config file [default: ~/.config/net/config.toml]
    #[arg(
        long,
        global = true,
        env = "NET_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,

    /// Print data as JSON (for scripts)
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Where `--db` and `--config` came from (filled by [`parse`], not typed).
    #[arg(skip)]
    pub origins: Origins,
}

/// Where a path setting came from.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Nobody chose it: the platform default.
    #[default]
    Default,
    /// From the environment (`NET_DB`, `NET_CONFIG`).
    Env,
    /// Typed on the command line.
    Flag,
}

/// The origins of the global path options.
#[derive(Debug, Default, Clone, Copy)]
pub struct Origins {
    pub db: Origin,
    pub config: Origin,
}

/// Parses the process's arguments, remembering where `--db` and `--config` came from
/// (`net demo` writes only to a database named on its own command line).
pub fn parse() -> Result<Cli, clap::Error> {
    // An empty NET_DB= or NET_CONFIG= means "not set", not "a path of no letters"
    // (clap would refuse it as a missing value). Nothing else runs yet: no threads.
    for var in ["NET_DB", "NET_CONFIG"] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(var);
        }
    }
    let matches = Cli::command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    let origin = |id: &str| match matches.value_source(id) {
        Some(ValueSource::CommandLine) => Origin::Flag,
        Some(ValueSource::EnvVariable) => Origin::Env,
        _ => Origin::Default,
    };
    cli.origins = Origins {
        db: origin("db"),
        config: origin("config"),
    };
    Ok(cli)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a contact (gets the default cadence, 2 months, unless --every says otherwise)
    #[command(
        after_help = "Examples:\n  net add \"Anna Müller\" --org \"Müller GmbH\" --tag client --why \"referrer for Mittelstand clients\" --met \"BVMW Sommerfest 2026\"\n  net add \"Bob Stone\" --every 1mo --birthday 04-15\n  net add                  # at a terminal: asks the name, then org, tags, why, how you met"
    )]
    Add(AddArgs),
    /// Change a contact's fields, rename it, add or remove tags and aliases
    #[command(
        after_help = "Examples:\n  net edit anna --every quarterly --tag referrer\n  net edit anna --rename \"Anna Schmidt\" --alias annie\n  net edit anna --unset birthday"
    )]
    Edit(EditArgs),
    /// Show everything about one contact, and why it ranks where it does
    #[command(after_help = "Examples:\n  net show anna\n  net show '#12' --json")]
    Show(NameArg),
    /// List contacts (active ones, by name)
    #[command(
        after_help = "Examples:\n  net list --tag client\n  net list münchen\n  net list --status archived"
    )]
    List(ListArgs),
    /// Record an interaction with one or more contacts
    #[command(
        visible_alias = "l",
        after_help = "Examples:\n  net log coffee anna --for 45m --note \"talked about her new plant\"\n  net l co anna -f 1h              # short: alias l, a kind's prefix, -f for --for\n  net log call anna bob --on \"last friday\"\n  net log coffee \"Clara Berg\" --new --at \"BVMW Sommerfest\"\n  net log                          # at a terminal: asks kind, people, date, length, note, a promise"
    )]
    Log(LogArgs),
    /// Who needs a touch: cold, due and soon contacts, most urgent first
    #[command(
        visible_alias = "d",
        after_help = "Examples:\n  net due                       # or just `net`, or `net d`\n  net due --on \"in 2 weeks\"\n  net due --all --json\n  net due --format short        # one line for a shell prompt\n  net due --quiet; [ $? -eq 3 ] && echo \"someone is due\""
    )]
    Due(DueArgs),
    /// Keep a contact quiet in `net due` for a while
    #[command(
        after_help = "Examples:\n  net snooze anna 2w\n  net snooze anna --until 2027-01-10\n  net snooze anna --off"
    )]
    Snooze(SnoozeArgs),
    /// Set how often a contact should hear from you
    #[command(
        after_help = "Examples:\n  net every anna 2mo\n  net every bob quarterly\n  net every carl never\n  net every dora rules            # follow the tag rules again\n  net every --tag client rules    # everyone tagged client, in one undoable step\n  net every --all default --yes   # everyone: tag rules, else default_every"
    )]
    Every(EveryArgs),
    /// Cadence rules for everyone with a tag
    #[command(
        subcommand,
        after_help = "Examples:\n  net rule add --tag client --every 1mo\n  net rule list\n  net rule rm client"
    )]
    Rule(RuleCommand),
    /// Archive a contact: it leaves `due` and `list` but keeps its history
    #[command(
        after_help = "Examples:\n  net archive bob\n  net revive bob        # undoes it\n  net prune             # archives the dormant ones in one go"
    )]
    Archive(NameArg),
    /// Bring an archived contact back
    #[command(after_help = "Examples:\n  net list --status archived\n  net revive bob")]
    Revive(NameArg),
    /// Delete a contact and the interactions only they took part in
    #[command(after_help = "Example:\n  net forget \"Old Contact\" --yes")]
    Forget(ForgetArgs),
    /// Write down what you know about a contact, by topic (family, offer, anchor, …)
    #[command(
        after_help = "Examples:\n  net note anna \"husband Jan, daughter Mia (8)\" --about family\n  net note anna \"sells ERP consulting for Mittelstand\" --about offer\n  net note anna --edit --about anchor"
    )]
    Note(NoteArgs),
    /// Record that you introduced two contacts to each other
    #[command(after_help = "Example:\n  net intro anna bob --note \"both work on supply chains\"")]
    Intro(IntroArgs),
    /// Record something you gave a contact (advice, a lead, an article)
    #[command(after_help = "Example:\n  net gave anna \"sent the article on heat pumps\"")]
    Gave(GiveTakeArgs),
    /// Record something you got from a contact
    #[command(after_help = "Example:\n  net got anna \"referral to Schmidt AG\"")]
    Got(GiveTakeArgs),
    /// Open promises (follow-ups), overdue first
    #[command(
        after_help = "Examples:\n  net todo\n  net todo anna\n  net log call anna --follow-up \"send the offer\" --by friday"
    )]
    Todo(TodoArgs),
    /// Mark a promise as kept
    #[command(after_help = "Example:\n  net done 3")]
    Done(DoneArgs),
    /// The nine questions on how strong a referral partnership is
    #[command(
        after_help = "The nine questions:\n  1. Am I convinced of their qualities?\n  2. Do they have my complete trust?\n  3. Do I regard them as an expert in their field?\n  4. Do I know their background, their experience and their philosophy with customers?\n  5. Can I describe their core business competently?\n  6. Can I name at least three of their products or services right away?\n  7. Do I know the names of their family members?\n  8. Could I call them at 10 pm without unease if I urgently needed something?\n  9. Do I enjoy spending (networking) time with them?\n\nExamples:\n  net assess anna              # asks the nine yes/no questions\n  net assess anna --yes 1,2,5  # without a terminal: the questions answered yes"
    )]
    Assess(AssessArgs),
    /// Networking time spent against your budget (10 % of working hours)
    #[command(after_help = "Examples:\n  net budget\n  net budget --weeks 8\n  net budget --json")]
    Budget(BudgetArgs),
    /// Network health: statuses, depth, time per month, give and take
    #[command(after_help = "Examples:\n  net stats\n  net stats --json")]
    Stats,
    /// Quarterly clean-up: archive contacts that have gone dormant (reversible)
    #[command(
        after_help = "Examples:\n  net prune --dry-run\n  net prune --idle 1y\n  net prune --yes"
    )]
    Prune(PruneArgs),
    /// Find contacts by name, org, role, tag, why, how you met or notes
    #[command(
        after_help = "Examples:\n  net who siemens\n  net who \"sommerfest\"   # who did I meet there?\n  net who logistics       # who could introduce me to logistics people?"
    )]
    Who(WhoArgs),
    /// Revert the last write command (repeat to walk further back)
    #[command(after_help = "Examples:\n  net undo\n  net undo --list")]
    Undo(UndoArgs),
    /// Check the database and your files, and repair with --fix
    #[command(after_help = "Examples:\n  net doctor\n  net doctor --fix")]
    Doctor(DoctorArgs),
    /// Show the effective configuration and where each value comes from
    #[command(
        after_help = "Examples:\n  net config                    # every value, marked `file` or `default`\n  net config --default > ~/.config/net/config.toml\n  net config edit               # opens it in $EDITOR, checks it on save"
    )]
    Config(ConfigArgs),
    /// Write your network to a file (net/1 JSON: the backup format)
    #[command(
        subcommand,
        after_help = "Example:\n  net export json --out backup.json"
    )]
    Export(ExportCommand),
    /// Read contacts and interactions from a file
    #[command(
        subcommand,
        after_help = "Example:\n  NET_DB=restored.db net import json backup.json"
    )]
    Import(ImportCommand),
    /// Propose interactions with your contacts from a calendar or a mailbox
    #[command(
        subcommand,
        after_help = "Examples:\n  net capture ics ~/calendar.ics --dry-run\n  net capture mail ~/Mail/work           # a Maildir (cur/ new/) or an mbox file\n  net capture mail ~/Mail/work --yes     # accept every proposal without asking\n  net inbox                              # confirm what was captured\n\nOnly known people (matched by their e-mail addresses), never twice; nothing is recorded until you confirm."
    )]
    Capture(CaptureCommand),
    /// Captured interactions waiting for you: accept or drop them
    #[command(
        after_help = "At a terminal `net inbox` goes through them (accept all, one by one, or drop);\nwithout one it lists them, and these confirm:\n\nExamples:\n  net inbox accept 3 4\n  net inbox accept --all\n  net inbox drop 5\n  net inbox --json"
    )]
    Inbox(InboxArgs),
    /// Fill a throw-away database with a small example network to try net on
    #[command(
        after_help = "Your own database is never touched: the demo goes into a new temporary folder,\nor into --db PATH when you type it (it must be new or empty).\n\nExamples:\n  net demo\n  NET_DB=/tmp/net-demo-…/net.db net due    # the path net demo prints\n  net demo --db demo.db"
    )]
    Demo,
    /// Help on a command, or on a topic: names, dates, durations, intervals, cadence, budget, scripts
    #[command(after_help = "Examples:\n  net help log\n  net help dates\n  net help rule add")]
    Help(HelpArgs),
    /// Print a completion script for your shell (contact names and ids too in bash, zsh and fish)
    #[command(
        after_help = "Examples:\n  net completions bash > ~/.local/share/bash-completion/completions/net\n  net completions zsh > ~/.zfunc/_net     # with fpath+=~/.zfunc before compinit\n  net completions fish > ~/.config/fish/completions/net.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (or write one page per command with --dir)
    #[command(
        after_help = "Examples:\n  net man | man -l -\n  net man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
    /// Join two records of one person: B's interactions, notes, tags and details go to A
    #[command(
        after_help = "Examples:\n  net dupes\n  net merge '#3' '#17'     # #17 is folded into #3\n  net undo                 # changed your mind"
    )]
    Merge(MergeArgs),
    /// Contacts that look like the same person (same name, e-mail or phone)
    #[command(after_help = "Examples:\n  net dupes\n  net dupes --json")]
    Dupes,
    // Correcting the record (issue 12): history, journal, tags.
    /// A contact's interactions, newest first, with the ids `net log edit` and `net log rm` take
    #[command(
        after_help = "Examples:\n  net history anna\n  net history anna --kind coffee --since 2026-01-01 --limit 10\n  net history anna --json\n  net log edit 42 --on yesterday     # fix what the list shows"
    )]
    History(HistoryArgs),
    /// What you did across everyone this week (or month, or since a date), against your budget
    #[command(
        after_help = "Examples:\n  net journal                  # this week\n  net journal --month\n  net journal --since \"last monday\" --json"
    )]
    Journal(JournalArgs),
    /// Every tag, how many contacts carry it, and its cadence rule
    #[command(
        after_help = "Examples:\n  net tags\n  net tags --json\n  net tag rename kunde client"
    )]
    Tags,
    /// Work on a tag across all contacts: rename it (its rule follows)
    #[command(
        subcommand,
        after_help = "Examples:\n  net tag rename kunde client\n  net undo                     # one step"
    )]
    Tag(TagCommand),
    /// Share the network with other devices through a CardDAV/CalDAV server
    #[command(
        after_help = "Examples:\n  net sync setup https://dav.example.org/ --user anna --password-command \"pass show dav\"\n  net sync                 # pull, merge, push\n  net sync --dry-run       # what would change here\n  net sync status"
    )]
    Sync(SyncArgs),
    /// The ids a command takes, with their date, kind and people (for completion scripts)
    #[command(hide = true)]
    Ids(IdsArgs),
}

/// `net ids KIND [PREFIX]`: what the completion scripts offer where an ID goes.
#[derive(Debug, Args)]
pub struct IdsArgs {
    /// The command the id is for: log (interactions), note, todo or done (open promises), inbox; or `kinds`, the kinds of interaction
    pub of: String,
    /// Only ids that start with these digits
    #[arg(default_value = "")]
    pub prefix: String,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncAction>,
    /// Show what would change here, change nothing (here or on the server)
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Find (or create) the collections on a server and save them in the config
    #[command(
        after_help = "Examples:\n  net sync setup https://dav.example.org/ --user anna\n  net sync setup http://127.0.0.1:5232/ --user anna --password-command \"pass show dav\""
    )]
    Setup(SyncSetupArgs),
    /// When the last sync was, what it knows of the server
    #[command(after_help = "Example:\n  net sync status")]
    Status,
}

#[derive(Debug, Args)]
pub struct SyncSetupArgs {
    /// The server (https://; http:// only for this machine)
    pub url: String,
    /// Your user name on the server
    #[arg(long)]
    pub user: String,
    /// A command that prints the password (never stored); else NET_DAV_PASSWORD, else asked
    #[arg(long, value_name = "CMD")]
    pub password_command: Option<String>,
    /// The CA certificate (PEM) of a self-signed server
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The contact that stays (a name, prefix, alias or #ID)
    pub a: String,
    /// The contact that is folded into A and disappears
    pub b: String,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (`log`, `rule add`) or a topic (`dates`); nothing for the overview
    #[arg(value_name = "COMMAND|TOPIC")]
    pub words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write net.1 and a page per command (net-log.1, …) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

// Contact NAME arguments carry `ValueHint::Username`: the completion scripts
// (commands/completions.rs) turn it into completion from `net list --names`.
// ID arguments carry `ValueHint::Hostname`: it becomes completion from
// `net ids COMMAND` (interactions, notes, promises, proposals, by command).

#[derive(Debug, Args)]
pub struct NameArg {
    /// Contact: a name, prefix, alias or #ID (case and accents do not matter)
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
}

/// Fields shared by `add` and `edit`.
#[derive(Debug, Args, Default)]
pub struct ContactFields {
    /// Organisation
    #[arg(long)]
    pub org: Option<String>,
    /// Role or title
    #[arg(long)]
    pub role: Option<String>,
    /// Email address (repeatable)
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// Phone number (repeatable)
    #[arg(long = "phone", value_name = "PHONE")]
    pub phones: Vec<String>,
    /// Web link, e.g. a profile or their blog (repeatable)
    #[arg(long = "link", value_name = "URL")]
    pub links: Vec<String>,
    /// Tag such as client, referrer, expert (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Another name to find them by (repeatable)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    /// Why they matter to you
    #[arg(long)]
    pub why: Option<String>,
    /// How and where you met
    #[arg(long)]
    pub met: Option<String>,
    /// Birthday: 1980-04-15, 04-15 or 15.04.
    #[arg(long)]
    pub birthday: Option<String>,
    /// Cadence: 3d, 2w, 2mo, 1y, weekly, monthly, bimonthly, quarterly, yearly or never
    #[arg(long, value_name = "INTERVAL")]
    pub every: Option<String>,
    /// A note about them
    #[arg(long)]
    pub note: Option<String>,
    /// Hours you already spent together before using net (for depth)
    #[arg(long, value_name = "HOURS")]
    pub known_hours: Option<f64>,
    /// Who introduced you to them (a contact)
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Username)]
    pub via: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their full name, e.g. "Anna Müller" (quoted when it has a space; asked for at a terminal when left out)
    #[arg(value_name = "FULL_NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: ContactFields,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// New full name
    #[arg(long, value_name = "NEW")]
    pub rename: Option<String>,
    /// Remove a tag (repeatable)
    #[arg(long, value_name = "TAG")]
    pub untag: Vec<String>,
    /// Remove an alias (repeatable)
    #[arg(long, value_name = "ALIAS")]
    pub unalias: Vec<String>,
    /// Clear a field: org, role, why, met, birthday, note, every, emails, phones, links
    #[arg(long, value_name = "FIELD")]
    pub unset: Vec<Field>,
    #[command(flatten)]
    pub fields: ContactFields,
}

/// A field `net edit --unset` can clear.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Field {
    Org,
    Role,
    Why,
    Met,
    Birthday,
    Note,
    Every,
    Emails,
    Phones,
    Links,
}

impl ContactFields {
    /// Applies the given flags to a contact; lists are added to, not replaced.
    pub fn apply(
        &self,
        c: &mut crate::model::Contact,
        today: chrono::NaiveDate,
    ) -> anyhow::Result<()> {
        let f = self;
        let set = |slot: &mut Option<String>, value: &Option<String>| {
            if let Some(v) = value {
                *slot = non_empty(v);
            }
        };
        set(&mut c.org, &f.org);
        set(&mut c.role, &f.role);
        set(&mut c.why, &f.why);
        set(&mut c.met, &f.met);
        set(&mut c.notes, &f.note);
        if let Some(b) = &f.birthday {
            let birthday = crate::parse::birthday(b)?;
            let born = birthday.year.and_then(|y| birthday.in_year(y));
            if born.is_some_and(|d| d > today) {
                return Err(crate::error::usage(format!(
                    "--birthday {b} is after today: give the day they were born"
                )));
            }
            c.birthday = Some(birthday);
        }
        if let Some(e) = &f.every {
            c.every = Some(crate::parse::cadence(e)?);
        }
        if let Some(h) = f.known_hours {
            if !(0.0..=100_000.0).contains(&h) || h.is_nan() {
                return Err(crate::error::usage(format!(
                    "--known-hours {h} is out of range: give hours from 0 to 100000"
                )));
            }
            c.known_minutes = (h * 60.0).round() as u32;
        }
        push_unique(&mut c.emails, &f.emails);
        push_unique(&mut c.phones, &f.phones);
        push_unique(&mut c.links, &f.links);
        push_unique(&mut c.aliases, &f.aliases);
        let tags: Vec<String> = f
            .tags
            .iter()
            .map(|t| crate::parse::tag(t))
            .collect::<Result<_, _>>()?;
        push_unique(&mut c.tags, &tags);
        c.tags.sort();
        Ok(())
    }
}

impl Field {
    /// Clears this field of a contact (`net edit --unset`).
    pub fn clear(self, c: &mut crate::model::Contact) {
        match self {
            Field::Org => c.org = None,
            Field::Role => c.role = None,
            Field::Why => c.why = None,
            Field::Met => c.met = None,
            Field::Birthday => c.birthday = None,
            Field::Note => c.notes = None,
            Field::Every => c.every = None,
            Field::Emails => c.emails.clear(),
            Field::Phones => c.phones.clear(),
            Field::Links => c.links.clear(),
        }
    }
}

fn non_empty(v: &str) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn push_unique(list: &mut Vec<String>, new: &[String]) {
    for v in new {
        let v = v.trim();
        if !v.is_empty() && !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only contacts whose name, org, role, why, how-met or notes contain this
    pub text: Option<String>,
    /// Only contacts with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// active (default), archived or all
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
    /// Only contacts of this depth: acquaintance, casual, friend, close
    #[arg(long)]
    pub tier: Option<String>,
    /// Print only names, one per line (for shell completion and scripts)
    #[arg(long)]
    pub names: bool,
    /// Order: name (default), last (longest untouched first), depth (deepest first), due (soonest due first)
    #[arg(long, value_enum, default_value_t = ListSort::Name)]
    pub sort: ListSort,
    /// Only contacts whose organisation contains this (case and accents do not matter)
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusFilter {
    Active,
    Archived,
    All,
    /// Active contacts whose cadence has run out
    Due,
    /// Active contacts long past due
    Cold,
    /// Active contacts due shortly
    Soon,
}

/// How `net list` orders contacts.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListSort {
    Name,
    Last,
    Depth,
    Due,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
#[command(
    subcommand_value_name = "edit|rm",
    subcommand_help_heading = "Correcting (edit and rm are reserved: no kind can be called so)"
)]
pub struct LogArgs {
    /// `net log edit ID …`, `net log rm ID`: correct what was logged
    #[command(subcommand)]
    pub action: Option<LogAction>,
    /// Kind: coffee, call, meeting, lunch, message, email, event, intro, gift, note (see `net config`); a unique prefix will do (co = coffee)
    #[arg(value_hint = ValueHint::CommandName)]
    pub kind: Option<String>,
    /// Who was there: one or more names, prefixes, aliases or #IDs
    #[arg(value_name = "NAME", value_hint = ValueHint::Username)]
    pub names: Vec<String>,
    /// When: 2026-03-14, 14.03.2026, today, yesterday, monday, last friday, 3 days ago
    #[arg(long, short, value_name = "DATE")]
    pub on: Option<String>,
    /// How long: 45m, 1h, 1h30m, 1.5h (default: the kind's usual length)
    #[arg(long = "for", short = 'f', value_name = "DURATION")]
    pub duration: Option<String>,
    /// What it was about
    #[arg(long, short)]
    pub note: Option<String>,
    /// What you gave (advice, an intro, a lead)
    #[arg(long)]
    pub gave: Option<String>,
    /// What you got
    #[arg(long)]
    pub got: Option<String>,
    /// They reached out, not you
    #[arg(long)]
    pub they: bool,
    /// Create names that match nobody as new contacts
    #[arg(long)]
    pub new: bool,
    /// Where it happened (with --new: becomes how you met)
    #[arg(long, value_name = "PLACE")]
    pub at: Option<String>,
    /// A promise you made, e.g. "send her the article"
    #[arg(long, value_name = "TEXT")]
    pub follow_up: Option<String>,
    /// When the promise is due (with --follow-up)
    #[arg(long, value_name = "DATE", requires = "follow_up")]
    pub by: Option<String>,
}

#[derive(Debug, Args, Default)]
pub struct DueArgs {
    /// Show what will be due on this date instead of today
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Show every nurtured contact, also the ones that are fine
    #[arg(long)]
    pub all: bool,
    /// Show at most N rows [default: due_limit from config, 20]
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print nothing; exit 1 when a contact is due or cold, a promise is overdue or a birthday is today
    #[arg(long, short, conflicts_with_all = ["format", "all"])]
    pub quiet: bool,
    /// table, or short: one line such as "3 due · 1 birthday · 2h15 left" for a shell prompt
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
}

/// How `net due` prints.
#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum DueFormat {
    /// The table, birthdays and promises
    #[default]
    Table,
    /// One line for a prompt or a status bar
    Short,
}

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// For how long: 3d, 2w, 1mo
    #[arg(value_name = "FOR", conflicts_with_all = ["until", "off"])]
    pub duration: Option<String>,
    /// Until this date
    #[arg(long, value_name = "DATE", conflicts_with = "off")]
    pub until: Option<String>,
    /// End the snooze now
    #[arg(long)]
    pub off: bool,
}

#[derive(Debug, Args)]
pub struct EveryArgs {
    /// Contact: a name, prefix, alias or #ID (not with --tag or --all)
    #[arg(value_hint = ValueHint::Username)]
    pub name: Option<String>,
    /// 3d, 2w, 2mo, 1y, weekly, monthly, bimonthly, quarterly, yearly, never, rules (follow tag
    /// rules only) or default (tag rules, else default_every)
    pub interval: Option<String>,
    /// Every active contact with this tag, in one undoable step
    #[arg(long, conflicts_with = "all")]
    pub tag: Option<String>,
    /// Every active contact, in one undoable step
    #[arg(long)]
    pub all: bool,
    /// Do not ask for confirmation (with --tag or --all)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Give everyone with a tag a cadence (their own cadence still wins)
    #[command(after_help = "Example:\n  net rule add --tag client --every 1mo")]
    Add {
        /// The tag
        #[arg(long)]
        tag: String,
        /// The cadence: 3d, 2w, 2mo, 1y, monthly, …
        #[arg(long, value_name = "INTERVAL")]
        every: String,
    },
    /// List the rules
    #[command(after_help = "Examples:\n  net rule list\n  net rule list --json")]
    List,
    /// Remove the rule of a tag
    #[command(after_help = "Example:\n  net rule rm client")]
    Rm {
        /// The tag
        tag: String,
    },
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// Do not ask for confirmation
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConfigArgs {
    /// Print the commented default config.toml
    #[arg(long)]
    pub default: bool,
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Open config.toml in $VISUAL or $EDITOR (the commented default if there is none); check it on save
    #[command(after_help = "Example:\n  EDITOR=nano net config edit")]
    Edit,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The lossless net/1 JSON document (backup; `net import json` reads it back)
    #[command(after_help = "Example:\n  net export json --out backup.json")]
    Json {
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Every contact as a vCard, for a phone, a mail program or khard/vdirsyncer
    #[command(
        after_help = "Examples:\n  net export vcard --out contacts.vcf\n  net export vcard --dir ~/.contacts/net     # a vdir: one .vcf per contact\n  net export vcard --version 4.0"
    )]
    Vcard {
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE", conflicts_with = "dir")]
        out: Option<PathBuf>,
        /// Write one FILE.vcf per contact into this folder (created if needed)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// vCard version
        #[arg(long, value_enum, default_value = "3.0")]
        version: VcardVersion,
    },
    /// A calendar: check-ins at each contact's cadence, birthdays, dated promises
    #[command(
        after_help = "Examples:\n  net export ics --out ~/net.ics\n  net export ics --months 6\n\nRun it daily (cron, a systemd timer) and subscribe your calendar to the file."
    )]
    Ics {
        /// How many months ahead the check-ins reach
        #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=120))]
        months: u32,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// The vCard version `net export vcard` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VcardVersion {
    #[value(name = "3.0", alias = "3")]
    V3,
    #[value(name = "4.0", alias = "4")]
    V4,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A net/1 JSON document: into an empty database, or with --merge into this one
    #[command(
        after_help = "Examples:\n  NET_DB=restored.db net import json backup.json\n  net import json laptop.json --merge --dry-run"
    )]
    Json {
        /// The file (- for standard input)
        file: PathBuf,
        /// Import into a database that already has contacts, matching them as other imports do
        #[arg(long)]
        merge: bool,
        /// Only show what would be added and updated
        #[arg(long, requires = "merge")]
        dry_run: bool,
    },
    /// vCard files (.vcf, versions 2.1, 3.0, 4.0) or folders of them (a vdir)
    #[command(
        after_help = "Examples:\n  net import vcard contacts.vcf\n  net import vcard ~/.contacts/default --dry-run\n\nImported contacts get no cadence: pick the ones that matter with `net every NAME 2mo`."
    )]
    Vcard {
        /// Files and folders (folders: every .vcf/.vcard file in them, recursively)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only show what would be added and updated
        #[arg(long)]
        dry_run: bool,
    },
    /// LinkedIn's Connections.csv (Settings, Data privacy, Get a copy of your data)
    #[command(
        after_help = "Example:\n  net import linkedin ~/Downloads/Connections.csv\n\nEvery connection is tagged linkedin and gets no cadence: `net rule add --tag linkedin --every 1y` would nurture them all."
    )]
    Linkedin {
        /// The Connections.csv file
        file: PathBuf,
        /// Only show what would be added and updated
        #[arg(long)]
        dry_run: bool,
    },
    /// A Google Contacts export ("Google CSV", new or old header)
    #[command(after_help = "Example:\n  net import google ~/Downloads/contacts.csv")]
    Google {
        /// The contacts.csv file
        file: PathBuf,
        /// Only show what would be added and updated
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaptureCommand {
    /// An iCalendar file: events with attendees who are contacts
    #[command(
        after_help = "Examples:\n  net capture ics ~/calendar.ics\n  net capture ics work.ics --since 2026-10-01 --dry-run"
    )]
    Ics {
        /// The .ics file
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
        #[command(flatten)]
        opts: CaptureOpts,
    },
    /// A Maildir (cur/ new/, with its subfolders) or an mbox file; Sent folders count as "I reached out"
    #[command(
        after_help = "Examples:\n  net capture mail ~/Mail/work\n  net capture mail ~/mail/archive.mbox --since 2026-01-01 --dry-run\n\nHeaders only; the next run reads only mail that is new since this one."
    )]
    Mail {
        /// The Maildir folder or the mbox file
        #[arg(value_name = "DIR|MBOX", value_hint = ValueHint::AnyPath)]
        path: PathBuf,
        #[command(flatten)]
        opts: CaptureOpts,
    },
    /// The CalDAV calendars of [sync] (`net sync setup`), since the last capture
    #[command(
        after_help = "Every calendar of the [sync] server but net's own (check-ins, log, promises); each run asks the server only for what changed since the last one, and reads recurring and coming events again.\n\nExamples:\n  net capture calendar\n  net capture calendar --since 2026-10-01 --dry-run"
    )]
    Calendar {
        #[command(flatten)]
        opts: CaptureOpts,
    },
}

/// What every capture takes.
#[derive(Debug, Args)]
pub struct CaptureOpts {
    /// Only list what would be proposed; nothing is saved
    #[arg(long)]
    pub dry_run: bool,
    /// Accept every proposal without asking
    #[arg(long, conflicts_with = "dry_run")]
    pub yes: bool,
    /// From this DATE on (default: since the last capture, or 30 days); reads every file again
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct InboxArgs {
    #[command(subcommand)]
    pub action: Option<InboxAction>,
}

#[derive(Debug, Subcommand)]
pub enum InboxAction {
    /// Record proposals as interactions
    #[command(after_help = "Examples:\n  net inbox accept 3 4\n  net inbox accept --all")]
    Accept(InboxIds),
    /// Throw proposals away (they are not proposed again)
    #[command(after_help = "Examples:\n  net inbox drop 5\n  net inbox drop --all")]
    Drop(InboxIds),
}

#[derive(Debug, Args)]
pub struct InboxIds {
    /// The numbers `net inbox` shows
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname, required_unless_present = "all")]
    pub ids: Vec<String>,
    /// Every proposal in the inbox
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
#[command(
    subcommand_value_name = "edit|rm",
    subcommand_help_heading = "Correcting (edit and rm are reserved: `net note '#ID'` for a contact so named)"
)]
pub struct NoteArgs {
    /// `net note edit ID`, `net note rm ID`: correct a note
    #[command(subcommand)]
    pub action: Option<NoteAction>,
    /// Contact: a name, prefix, alias or #ID (alone: list their notes with ids and dates)
    #[arg(value_hint = ValueHint::Username, required = true)]
    pub name: Option<String>,
    /// The note (omit with --edit; omit both to list the notes)
    pub text: Option<String>,
    /// Topic: family (partner, children), offer (products, services), anchor (conversation anchors), or your own word
    #[arg(long, value_name = "TOPIC", default_value = "general")]
    pub about: String,
    /// Write a long note in $EDITOR
    #[arg(long, conflicts_with = "text")]
    pub edit: bool,
}

#[derive(Debug, Args)]
pub struct IntroArgs {
    /// The contact you introduced
    #[arg(value_name = "NAME", value_hint = ValueHint::Username)]
    pub a: String,
    /// The contact you introduced them to
    #[arg(value_name = "NAME", value_hint = ValueHint::Username)]
    pub b: String,
    /// Why, or what came of it
    #[arg(long)]
    pub note: Option<String>,
    /// When: a DATE (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct GiveTakeArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// What it was
    pub text: String,
    /// When: a DATE (default today)
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(subcommand_value_name = "edit", subcommand_help_heading = "Correcting")]
pub struct TodoArgs {
    /// `net todo edit ID --text … --by …`: correct a promise
    #[command(subcommand)]
    pub action: Option<TodoAction>,
    /// Only the promises to this contact
    #[arg(value_name = "NAME", value_hint = ValueHint::Username)]
    pub name: Option<String>,
    /// The kept promises instead of the open ones, latest first
    #[arg(long)]
    pub done: bool,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The number `net todo` shows
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname)]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// Without a terminal: the numbers of the questions answered yes, e.g. 1,2,5 (or "none")
    #[arg(long, value_name = "NUMBERS")]
    pub yes: Option<String>,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Show the last N weeks
    #[arg(long, value_name = "N", conflicts_with = "months")]
    pub weeks: Option<u32>,
    /// Show the last N months
    #[arg(long, value_name = "N")]
    pub months: Option<u32>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// How long without a touch makes a contact dormant
    #[arg(long, value_name = "INTERVAL", default_value = "6mo")]
    pub idle: String,
    /// Only list what would be archived
    #[arg(long)]
    pub dry_run: bool,
    /// Archive everything proposed without asking
    #[arg(long, conflicts_with = "dry_run")]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Text to look for (case and accents do not matter)
    pub text: String,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// List the write commands that can be undone, newest first
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Repair what can be repaired: derived values, file permissions
    #[arg(long)]
    pub fix: bool,
}

// ---- Correcting the record (issue 12) ----

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Contact: a name, prefix, alias or #ID
    #[arg(value_hint = ValueHint::Username)]
    pub name: String,
    /// Only interactions of this kind
    #[arg(long, value_name = "KIND", value_hint = ValueHint::CommandName)]
    pub kind: Option<String>,
    /// Only interactions on or after this DATE
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// At most N interactions
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Do not page the output (it is paged by $PAGER only at a terminal)
    #[arg(short = 'P', long)]
    pub no_pager: bool,
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// This week, Monday to Sunday (the default)
    #[arg(long, conflicts_with_all = ["month", "since"])]
    pub week: bool,
    /// This month
    #[arg(long, conflicts_with = "since")]
    pub month: bool,
    /// From this DATE to today
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Do not page the output (it is paged by $PAGER only at a terminal)
    #[arg(short = 'P', long)]
    pub no_pager: bool,
}

/// `net log edit|rm`.
#[derive(Debug, Subcommand)]
pub enum LogAction {
    /// Change a logged interaction: date, length, kind, note, people (ids from `net history NAME`)
    #[command(
        after_help = "Examples:\n  net history anna                       # shows the ids\n  net log edit 42 --on \"last friday\" --for 1h\n  net log edit 42 --add bob --remove carl --note \"with Bob, not Carl\"\n  net log edit 42 --note \"\"              # clears the note\n  net undo                               # each edit is one step"
    )]
    Edit(LogEditArgs),
    /// Delete a logged interaction (asks first at a terminal)
    #[command(
        after_help = "Examples:\n  net log rm 42\n  net log rm 42 --yes\n  net undo            # brings it back"
    )]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub struct LogEditArgs {
    /// The interaction's id (see `net history NAME` or `net journal`)
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname)]
    pub id: String,
    /// New date: 2026-03-14, yesterday, last friday
    #[arg(long, short, value_name = "DATE")]
    pub on: Option<String>,
    /// New length: 45m, 1h30m
    #[arg(long = "for", short = 'f', value_name = "DURATION")]
    pub duration: Option<String>,
    /// New kind (a unique prefix will do)
    #[arg(long, value_name = "KIND", value_hint = ValueHint::CommandName)]
    pub kind: Option<String>,
    /// New note ("" clears it)
    #[arg(long, short)]
    pub note: Option<String>,
    /// What you gave ("" clears it)
    #[arg(long)]
    pub gave: Option<String>,
    /// What you got ("" clears it)
    #[arg(long)]
    pub got: Option<String>,
    /// They reached out (--they=false: you did)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub they: Option<bool>,
    /// Someone else who was there (repeatable)
    #[arg(long = "add", value_name = "NAME", value_hint = ValueHint::Username)]
    pub add: Vec<String>,
    /// Someone who was not there after all (repeatable)
    #[arg(long = "remove", value_name = "NAME", value_hint = ValueHint::Username)]
    pub remove: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The id (see the listing that shows it)
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname)]
    pub id: String,
    /// Do not ask for confirmation
    #[arg(long)]
    pub yes: bool,
}

/// `net note edit|rm`.
#[derive(Debug, Subcommand)]
pub enum NoteAction {
    /// Change a note in $EDITOR (ids from `net note NAME`)
    #[command(
        after_help = "Examples:\n  net note anna            # the notes with their ids\n  net note edit 7          # opens $EDITOR with the note's text\n  net note edit 7 --text \"daughter Mia (9)\""
    )]
    Edit(NoteEditArgs),
    /// Delete a note
    #[command(
        after_help = "Examples:\n  net note rm 7 --yes\n  net undo          # brings it back"
    )]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub struct NoteEditArgs {
    /// The note's id (see `net note NAME`)
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname)]
    pub id: String,
    /// The new text, without opening an editor
    #[arg(long)]
    pub text: Option<String>,
}

/// `net todo edit`.
#[derive(Debug, Subcommand)]
pub enum TodoAction {
    /// Change a promise's text or date (ids from `net todo`)
    #[command(
        after_help = "Examples:\n  net todo edit 3 --by \"next friday\"\n  net todo edit 3 --text \"send the signed offer\"\n  net todo edit 3 --by none       # no date"
    )]
    Edit(TodoEditArgs),
}

#[derive(Debug, Args)]
pub struct TodoEditArgs {
    /// The promise's id (see `net todo`)
    #[arg(value_name = "ID", value_hint = ValueHint::Hostname)]
    pub id: String,
    /// The new text
    #[arg(long)]
    pub text: Option<String>,
    /// The new date (none: no date)
    #[arg(long, value_name = "DATE")]
    pub by: Option<String>,
}

/// `net tag …`.
#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Rename a tag on every contact; a rule on it moves to the new name
    #[command(after_help = "Examples:\n  net tag rename kunde client\n  net undo")]
    Rename {
        /// The tag as it is now
        old: String,
        /// Its new name
        new: String,
    },
}
