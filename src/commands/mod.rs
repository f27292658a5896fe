//! One file per subcommand: fetch, hand over to `schedule`/`model` to decide,
//! hand the result to `render` to write. This file dispatches: each command
//! says what it needs ([`Needs`]), and `run` prepares just that.

mod add;
mod archive;
mod assess;
mod budget;
mod capture;
mod completions;
mod config;
mod demo;
mod doctor;
mod done;
mod due;
mod dupes;
mod edit;
mod env;
mod every;
mod export;
mod forget;
mod give;
mod help;
mod history;
mod import;
mod intro;
mod journal;
mod list;
mod log;
mod log_edit;
mod man;
mod merge;
mod near;
mod note;
mod note_edit;
mod pager;
mod prune;
mod resolve;
mod rule;
mod show;
mod snooze;
mod stats;
mod sync;
mod tags;
mod todo;
mod todo_edit;
mod undo;
mod who;

use anyhow::Result;
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigAction, ConfigArgs, RuleCommand, TodoArgs};
use crate::config::Settings;
use crate::error::usage;
use crate::model::{Period, Policy};
use crate::parse;
use crate::render::{sanitize, Look};
use crate::schedule::budget::{period_bounds, Spent};
use crate::store::Store;

pub use env::Env;

/// What every command that opens the database gets: the store, the settings,
/// today, and where to write.
pub struct Ctx {
    pub store: Store,
    pub settings: Settings,
    /// "Today": the clock, or NET_TODAY. Read once, in `env`, and passed down.
    pub today: NaiveDate,
    pub env: Env,
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    pub json: bool,
    /// A person at a terminal can be asked (stdin and stderr are terminals).
    pub can_prompt: bool,
    pub look: Look,
    /// Why the config file could not be used (only `net doctor` runs then).
    pub config_problem: Option<String>,
}

/// What a command needs before it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Needs {
    /// Only stdout: help, completions, the man page.
    Nothing,
    /// The config file and the paths, not the database (`net config`).
    Config,
    /// The database, read in one snapshot: the command never writes.
    Read,
    /// The database; the command writes through `Store::write`.
    Write,
}

/// Every command says what it needs; the match has no catch-all, so a new
/// command cannot be added without deciding.
fn needs(command: Option<&Command>) -> Needs {
    let Some(command) = command else {
        return Needs::Read;
    };
    match command {
        Command::Help(_) | Command::Completions(_) | Command::Man(_) => Needs::Nothing,
        Command::Config(_) => Needs::Config,
        Command::Due(_)
        | Command::Show(_)
        | Command::List(_)
        | Command::Todo(TodoArgs { action: None, .. })
        | Command::Budget(_)
        | Command::Stats
        | Command::Who(_)
        | Command::Export(_)
        | Command::Dupes
        | Command::History(_)
        | Command::Journal(_)
        | Command::Tags
        | Command::Rule(RuleCommand::List) => Needs::Read,
        Command::Add(_)
        | Command::Edit(_)
        | Command::Log(_)
        | Command::Snooze(_)
        | Command::Every(_)
        | Command::Rule(_)
        | Command::Archive(_)
        | Command::Revive(_)
        | Command::Forget(_)
        | Command::Note(_)
        | Command::Todo(_)
        | Command::Intro(_)
        | Command::Gave(_)
        | Command::Got(_)
        | Command::Done(_)
        | Command::Assess(_)
        | Command::Prune(_)
        | Command::Undo(_)
        | Command::Doctor(_)
        | Command::Import(_)
        | Command::Demo
        | Command::Merge(_)
        | Command::Tag(_)
        | Command::Sync(_) => Needs::Write,
        Command::Capture(_) | Command::Inbox(_) => Needs::Write,
    }
}

/// Runs the command line: prepares what the command needs, then dispatches.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let needs = needs(cli.command.as_ref());
    if needs == Needs::Nothing {
        return finish(|out| match &cli.command {
            Some(Command::Help(a)) => help::run(out, &a.words),
            Some(Command::Completions(a)) => completions::run(out, a.shell),
            Some(Command::Man(a)) => man::run(out, &mut std::io::stderr(), a.dir.as_deref()),
            _ => unreachable!("needs() said Nothing"),
        });
    }
    let config_path = crate::config::config_path(cli.config.clone())?;
    if let Some(Command::Config(args)) = &cli.command {
        return config_command(&cli, args, &config_path);
    }
    // A broken config stops every command but `net doctor`, which reports it.
    let (settings, config_problem) = match Settings::load(&config_path) {
        Ok(s) => (s, None),
        Err(e) if matches!(cli.command, Some(Command::Doctor(_))) => (
            Settings::defaults(config_path.clone()),
            Some(format!("{e:#}")),
        ),
        Err(e) => return Err(e),
    };
    let env = Env::read()?;
    let db_path = match &cli.command {
        Some(Command::Demo) => demo::db_path(cli.db, cli.origins.db)?,
        _ => crate::config::db_path(cli.db)?,
    };
    let mut store = Store::open(&db_path)?;
    store.set_journal(env.clock(), settings.undo_keep);
    store.set_policy(settings.policy())?;
    let stdout = std::io::stdout();
    let mut ctx = Ctx {
        store,
        settings,
        today: env.today,
        can_prompt: env.can_prompt,
        env,
        look: env::look(stdout.is_terminal()),
        out: Box::new(std::io::BufWriter::new(stdout.lock())),
        err: Box::new(std::io::stderr()),
        json: cli.json,
        config_problem,
    };
    if needs == Needs::Read {
        ctx.store.begin_read()?;
    }
    let code = match cli.command {
        None => due::run(&mut ctx, &Default::default()),
        Some(command) => dispatch(&mut ctx, command),
    };
    if needs == Needs::Read {
        ctx.store.end_read()?;
    }
    let code = code?;
    ctx.out.flush()?;
    Ok(code)
}

/// `net config`: works when the database cannot be opened, and `config edit`
/// even when the config does not load (that is what it is for).
fn config_command(cli: &Cli, args: &ConfigArgs, path: &std::path::Path) -> Result<ExitCode> {
    if let Some(ConfigAction::Edit) = args.action {
        return config::edit(path, env::can_prompt(), &mut std::io::stderr());
    }
    let settings = Settings::load(path)?;
    Env::read()?;
    let db = crate::config::db_path(cli.db.clone())?;
    let paths = config::Paths {
        db: &db,
        db_from: cli.origins.db,
        config_from: cli.origins.config,
    };
    finish(|out| {
        config::run(out, &settings, &paths, args.default, cli.json)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Runs a command that only writes to stdout, and flushes it.
fn finish(f: impl FnOnce(&mut dyn Write) -> Result<ExitCode>) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let code = f(&mut out)?;
    out.flush()?;
    Ok(code)
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
        Command::Capture(a) => capture::run(ctx, a),
        Command::Inbox(a) => capture::inbox::run(ctx, a),
        Command::History(a) => history::run(ctx, &a),
        Command::Journal(a) => journal::run(ctx, &a),
        Command::Tags => tags::list(ctx),
        Command::Tag(a) => tags::run(ctx, &a),
        Command::Sync(a) => sync::run(ctx, a),
        Command::Config(_) | Command::Help(_) | Command::Completions(_) | Command::Man(_) => Err(
            anyhow::anyhow!("this command runs before the database is opened"),
        ),
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

    /// Time spent in the period of `period` that holds `day`, against its budget.
    pub fn spent(&self, period: Period, day: NaiveDate) -> Result<Spent> {
        let (from, to) = period_bounds(period, day);
        let rows = self.store.read().time_between(from, to)?;
        let budget = self.settings.budget_minutes(period);
        Ok(crate::schedule::budget::spent(
            from,
            to,
            budget,
            &rows,
            &self.policy()?,
        ))
    }

    /// Parses a DATE relative to today.
    pub fn date(&self, text: &str) -> Result<NaiveDate> {
        Ok(parse::date(text, self.today)?)
    }

    /// Parses a DATE of something ahead: a bare weekday is the coming one.
    pub fn date_ahead(&self, text: &str) -> Result<NaiveDate> {
        Ok(parse::date_ahead(text, self.today)?)
    }
}

/// One line when more contacts are nurtured than anyone can keep up (seed 000 §2).
pub fn dunbar_warning(ctx: &mut Ctx) -> Result<()> {
    let max = ctx.settings.max_nurtured;
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
