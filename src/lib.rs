//! `net` keeps a professional's relationships warm: contacts, the interactions
//! you had with them, and cadence rules that say how often each relationship
//! needs a touch. See README.md for the tour.
//!
//! Layout: `cli` parses, `commands` (one file per subcommand) resolve input and
//! call `store` (the only SQL), `model`/`schedule`/`parse`/`names` (pure) and
//! `render`. Arrows point down only.

pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod files;
pub mod formats;
pub mod matching;
pub mod model;
pub mod names;
pub mod parse;
pub mod prompt;
pub mod render;
pub mod schedule;
pub mod store;
pub mod topics;

use std::process::ExitCode;

/// Runs one command line; errors come back to `main` to be printed once.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    commands::run(cli)
}
