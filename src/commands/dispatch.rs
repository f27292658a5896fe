//! What each command needs before it runs, and which file runs it.

use anyhow::Result;
use std::process::ExitCode;

use super::*;
use crate::cli::{Command, RuleCommand, TodoArgs};

/// What a command needs before it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Needs {
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
pub(super) fn needs(command: Option<&Command>) -> Needs {
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
        | Command::Ids(_)
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

pub(super) fn dispatch(ctx: &mut Ctx, command: Command) -> Result<ExitCode> {
    match command {
        Command::Add(a) => add::run(ctx, a),
        Command::Edit(a) => edit::run(ctx, a),
        Command::Show(a) => show::run(ctx, &a.name),
        Command::List(a) => list::run(ctx, &a),
        Command::Log(mut a) => match a.action.take() {
            // `net log edit|rm`: a correction, not a new interaction.
            Some(action) => log_edit::run(ctx, action),
            None => log::run(ctx, a),
        },
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
        Command::Ids(a) => ids::run(ctx, &a),
        Command::Config(_) | Command::Help(_) | Command::Completions(_) | Command::Man(_) => Err(
            anyhow::anyhow!("this command runs before the database is opened"),
        ),
    }
}
