//! `net` keeps a professional's relationships warm: contacts, the interactions
//! you had with them, and cadence rules that say how often each relationship
//! needs a touch. See README.md for the tour.
//!
//! Layout: `cli` parses, `commands` (one file per subcommand) resolve input and
//! call `store` (the only SQL), `model`/`schedule`/`parse`/`names` (pure) and
//! `render`. Arrows point down only.

pub mod cli;
pub(crate) mod commands;
pub(crate) mod config;
pub mod dav;
pub mod error;
pub(crate) mod files;
pub(crate) mod formats;
pub(crate) mod matching;
pub(crate) mod model;
pub(crate) mod names;
pub(crate) mod parse;
pub(crate) mod prompt;
pub(crate) mod render;
pub(crate) mod safe;
pub(crate) mod schedule;
pub(crate) mod store;
pub(crate) mod topics;

use std::process::ExitCode;

/// Runs one command line; errors come back to `main` to be printed once.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    commands::run(cli)
}
