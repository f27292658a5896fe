//! One file per subcommand. Commands are thin: they resolve input, call the
//! store and the pure core, and hand values to `render`.

mod add;
mod archive;
mod assess;
mod budget;
mod completions;
mod config;
mod demo;
mod doctor;
mod done;
mod due;
mod dupes;
mod edit;
mod every;
mod export;
mod export_ics;
mod export_vcard;
mod fields;
mod forget;
mod give;
mod help;
mod import;
mod import_contacts;
mod import_csv;
mod import_json;
mod import_vcard;
mod intro;
mod list;
mod log;
mod man;
mod merge;
mod note;
mod prune;
mod rule;
mod show;
mod snooze;
mod stats;
mod todo;
mod undo;
mod who;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigAction, ConfigArgs};
use crate::config::Settings;
use crate::error::usage;
use crate::model::Policy;
use crate::names::{self, Resolution};
use crate::render::{sanitize, Look};
use crate::store::{Db, Store};
use crate::{parse, prompt};

/// What every command gets: the store, the settings, today, and where to write.
pub struct Ctx {
    pub store: Store,
    pub settings: Settings,
    /// "Today": the clock, or NET_TODAY. Read once, here, and passed down.
    pub today: NaiveDate,
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    pub json: bool,
    /// A person at a terminal can be asked (stdin and stderr are terminals).
    pub can_prompt: bool,
    pub look: Look,
    /// Why the config file could not be used (only `net doctor` runs then).
    pub config_problem: Option<String>,
}

/// Parses the command line's global parts and runs the command.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // Help, completions and the man page need neither the config nor the database.
    match &cli.command {
        Some(Command::Help(a)) => return finish(|out| help::run(out, &a.words)),
        Some(Command::Completions(a)) => return finish(|out| completions::run(out, a.shell)),
        Some(Command::Man(a)) => {
            return finish(|out| man::run(out, &mut std::io::stderr(), a.dir.as_deref()))
        }
        _ => {}
    }
    let can_prompt = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let config_path = crate::config::config_path(cli.config.clone())?;
    // A config that does not load must still be editable.
    if let Some(Command::Config(ConfigArgs {
        action: Some(ConfigAction::Edit),
        ..
    })) = &cli.command
    {
        return config::edit(&config_path, can_prompt, &mut std::io::stderr());
    }
    // A broken config stops every command but `net doctor`, which reports it.
    let (settings, config_problem) = match Settings::load(&config_path) {
        Ok(s) => (s, None),
        Err(e) if matches!(cli.command, Some(Command::Doctor(_))) => (
            Settings::defaults(config_path.clone())?,
            Some(format!("{e:#}")),
        ),
        Err(e) => return Err(e),
    };
    let today = today()?;
    let json = cli.json;
    let origins = cli.origins;
    let db_path = match &cli.command {
        Some(Command::Demo) => demo::db_path(cli.db, origins.db)?,
        _ => crate::config::db_path(cli.db)?,
    };
    // `net config` must work even when the database cannot be opened.
    if let Some(Command::Config(args)) = &cli.command {
        let paths = config::Paths {
            db: &db_path,
            db_from: origins.db,
            config_from: origins.config,
        };
        return finish(|out| {
            config::run(out, &settings, &paths, args.default, json)?;
            Ok(ExitCode::SUCCESS)
        });
    }
    let mut store = Store::open(&db_path)?;
    store.set_journal(clock(today), settings.raw.undo_keep);
    store.set_policy(settings.policy())?;
    let stdout = std::io::stdout();
    let look = look(stdout.is_terminal());
    let mut ctx = Ctx {
        store,
        settings,
        today,
        out: Box::new(std::io::BufWriter::new(stdout.lock())),
        err: Box::new(std::io::stderr()),
        json,
        can_prompt,
        look,
        config_problem,
    };
    let read_only = cli.command.as_ref().is_none_or(is_read_only);
    if read_only {
        ctx.store.begin_read()?;
    }
    let code = match cli.command {
        None => due::run(&mut ctx, &Default::default()),
        Some(command) => dispatch(&mut ctx, command),
    };
    if read_only {
        ctx.store.end_read()?;
    }
    let code = code?;
    ctx.out.flush()?;
    Ok(code)
}

/// Commands that never write: they run in one read transaction.
fn is_read_only(command: &Command) -> bool {
    use crate::cli::RuleCommand;
    matches!(
        command,
        Command::Due(_)
            | Command::Show(_)
            | Command::List(_)
            | Command::Todo(_)
            | Command::Budget(_)
            | Command::Stats
            | Command::Who(_)
            | Command::Export(_)
            | Command::Rule(RuleCommand::List)
    )
}

/// Runs a command that only writes to stdout, and flushes it.
fn finish(f: impl FnOnce(&mut dyn Write) -> Result<ExitCode>) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let code = f(&mut out)?;
    out.flush()?;
    Ok(code)
}

/// Colour on a terminal (or with CLICOLOR_FORCE), never with NO_COLOR; the
/// width from COLUMNS when it is set.
fn look(is_terminal: bool) -> Look {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    Look {
        color: !set("NO_COLOR") && (is_terminal || set("CLICOLOR_FORCE")),
        // COLUMNS when set, else the terminal's own width.
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .or_else(|| {
                is_terminal
                    .then(|| console::Term::stdout().size_checked())
                    .flatten()
                    .map(|(_, cols)| cols)
            }),
    }
}

fn dispatch(ctx: &mut Ctx, command: Command) -> Result<ExitCode> {
    match command {
        Command::Add(a) => add::run(ctx, a),
        Command::Edit(a) => edit::run(ctx, a),
        Command::Show(a) => show::run(ctx, &a.name),
        Command::List(a) => list::run(ctx, &a),
        Command::Log(a) => log::run(ctx, a),
        Command::Due(a) => due::run(ctx, &a),
        Command::Snooze(a) => snooze::run(ctx, &a),
        Command::Every(a) => every::run(ctx, &a),
        Command::Rule(a) => rule::run(ctx, a),
        Command::Archive(a) => archive::run(ctx, &a.name, true),
        Command::Revive(a) => archive::run(ctx, &a.name, false),
        Command::Forget(a) => forget::run(ctx, &a),
        Command::Note(a) => note::run(ctx, &a),
        Command::Intro(a) => intro::run(ctx, &a),
        Command::Gave(a) => give::run(ctx, &a, true),
        Command::Got(a) => give::run(ctx, &a, false),
        Command::Todo(a) => todo::run(ctx, &a),
        Command::Done(a) => done::run(ctx, &a),
        Command::Assess(a) => assess::run(ctx, &a),
        Command::Budget(a) => budget::run(ctx, &a),
        Command::Stats => stats::run(ctx),
        Command::Prune(a) => prune::run(ctx, &a),
        Command::Who(a) => who::run(ctx, &a),
        Command::Undo(a) => undo::run(ctx, &a),
        Command::Doctor(a) => doctor::run(ctx, &a),
        Command::Export(a) => export::run(ctx, a),
        Command::Import(a) => import::run(ctx, a),
        Command::Demo => demo::run(ctx),
        Command::Merge(a) => merge::run(ctx, &a),
        Command::Dupes => dupes::run(ctx),
        Command::Config(_) | Command::Help(_) | Command::Completions(_) | Command::Man(_) => Err(
            anyhow::anyhow!("this command runs before the database is opened"),
        ),
    }
}

/// The time a write is recorded with: midnight of NET_TODAY when it is set
/// (so tests see fixed text), else the local time.
fn clock(today: NaiveDate) -> String {
    if std::env::var_os("NET_TODAY").is_some_and(|v| !v.is_empty()) {
        format!("{today} 00:00")
    } else {
        chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
    }
}

/// The moment of an export in UTC (a calendar's DTSTAMP): midnight of
/// NET_TODAY when it is set, so tests see fixed text, else the clock.
pub fn now_utc(today: NaiveDate) -> chrono::NaiveDateTime {
    if std::env::var_os("NET_TODAY").is_some_and(|v| !v.is_empty()) {
        today.and_time(chrono::NaiveTime::MIN)
    } else {
        chrono::Utc::now().naive_utc()
    }
}

fn today() -> Result<NaiveDate> {
    match std::env::var("NET_TODAY") {
        Ok(s) if !s.is_empty() => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            usage(format!(
                "NET_TODAY={s:?} is not a date: use YYYY-MM-DD, or unset it"
            ))
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

impl Ctx {
    /// A message for the person (stderr), never mixed into data on stdout.
    pub fn say(&mut self, msg: impl AsRef<str>) -> Result<()> {
        // Data written so far comes first, as it would on a terminal without a buffer.
        self.out.flush()?;
        writeln!(self.err, "{}", sanitize(msg.as_ref()))?;
        Ok(())
    }

    /// The tag rules and config that decide cadences and weights.
    pub fn policy(&self) -> Result<Policy> {
        self.store.policy()
    }

    /// Parses a DATE relative to today.
    pub fn date(&self, text: &str) -> Result<NaiveDate> {
        Ok(parse::date(text, self.today)?)
    }

    /// Finds the one active contact a NAME means (archived ones too with `archived`).
    pub fn resolve(&mut self, query: &str, archived: bool) -> Result<i64> {
        match self.lookup(query, archived)? {
            Some(id) => Ok(id),
            None => Err(self.not_found(query, archived)),
        }
    }

    /// Like [`Ctx::resolve`], but None when nobody matches (for `log --new`).
    pub fn lookup(&mut self, query: &str, archived: bool) -> Result<Option<i64>> {
        let db = self.store.read();
        if let Some(id) = names::parse_id(query) {
            return match db.name_of(id)? {
                Some(_) => Ok(Some(id)),
                None => bail!("there is no contact #{id}: see `net list`"),
            };
        }
        if names::fold(query).is_empty() {
            return Err(usage(format!(
                "{query:?} is not a name: give a name, prefix, alias or #ID"
            )));
        }
        let candidates = db.candidates(&names::needles(query), archived)?;
        match names::resolve(query, &candidates) {
            Resolution::One(id) => Ok(Some(id)),
            Resolution::NotFound { .. } => Ok(None),
            Resolution::Ambiguous(ids) => {
                let labels = labels(&db, &ids)?;
                if self.can_prompt {
                    let pick = prompt::choose(&format!("Which {query}?"), &labels)?;
                    return Ok(Some(ids[pick]));
                }
                bail!("{query:?} matches {}: name one by #ID", labels.join(", "))
            }
        }
    }

    /// The error for a NAME that matches nobody, with the closest names.
    pub fn not_found(&self, query: &str, archived: bool) -> anyhow::Error {
        match self.not_found_message(query, archived) {
            Ok(msg) => anyhow::anyhow!(msg),
            Err(e) => e,
        }
    }

    fn not_found_message(&self, query: &str, archived: bool) -> Result<String> {
        let db = self.store.read();
        let all = db.all_candidates(archived)?;
        let mut msg = format!("no contact matches {query:?}");
        if let Resolution::NotFound { closest } = names::resolve(query, &all) {
            if !closest.is_empty() {
                msg.push_str(&format!(
                    ": did you mean {}?",
                    labels(&db, &closest)?.join(", ")
                ));
                return Ok(msg);
            }
        }
        if !archived {
            let archived_match = db.candidates(&names::needles(query), true)?;
            if let Resolution::One(id) = names::resolve(query, &archived_match) {
                msg.push_str(&format!(": #{id} is archived (net revive '#{id}')"));
                return Ok(msg);
            }
        }
        msg.push_str(": add them with `net add NAME` (or `net log … --new`)");
        Ok(msg)
    }
}

/// One line when more contacts are nurtured than anyone can keep up (seed 000 §2).
pub fn dunbar_warning(ctx: &mut Ctx) -> Result<()> {
    let max = ctx.settings.raw.max_nurtured;
    let n = ctx.store.read().nurtured_count()?;
    if n > max as i64 {
        ctx.say(format!(
            "note: {n} contacts have a cadence, more than max_nurtured ({max}; about 150 close relationships is what anyone keeps up): `net prune` or `net every NAME never`"
        ))?;
    }
    Ok(())
}

/// A DATE that has happened: `--on` or today; the future is refused.
pub fn past_date(ctx: &Ctx, on: Option<&str>) -> Result<NaiveDate> {
    let date = match on {
        Some(text) => ctx.date(text)?,
        None => ctx.today,
    };
    if date > ctx.today {
        return Err(usage(format!(
            "{date} is in the future: record what has happened"
        )));
    }
    Ok(date)
}

/// "Anna Müller (#1)" for each id.
fn labels(db: &Db<'_>, ids: &[i64]) -> Result<Vec<String>> {
    ids.iter()
        .map(|&id| {
            let (name, _) = db.name_of(id)?.context("a contact vanished")?;
            Ok(format!("{name} (#{id})"))
        })
        .collect()
}
