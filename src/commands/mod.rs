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
mod ctx;
mod demo;
mod dispatch;
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
mod ids;
mod import;
mod intro;
mod journal;
mod kind;
mod list;
mod log;
mod log_ask;
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
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigAction, ConfigArgs};
use crate::config::Settings;
use crate::store::Store;
use dispatch::{dispatch, needs, Needs};

pub use ctx::{dunbar_warning, past_date, Ctx};
pub use env::Env;

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
    // What the completion scripts ask (`net list --names`, `net ids`) never
    // makes a database: a mistyped --db, or a Tab before the first net.
    if completes(cli.command.as_ref()) && !db_path.exists() {
        if let Some(Command::Ids(a)) = &cli.command {
            if a.of == "kinds" {
                return finish(|out| ids::kinds(out, &settings, &a.prefix));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut store = Store::open(&db_path)?;
    store.set_journal(env.clock(), settings.undo_keep);
    store.set_stamp(env.now_utc().format("%Y%m%dT%H%M%SZ").to_string());
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

/// Whether the command is one the completion scripts run.
fn completes(command: Option<&Command>) -> bool {
    matches!(command, Some(Command::Ids(_))) || matches!(command, Some(Command::List(a)) if a.names)
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
