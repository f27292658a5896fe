//! `net import linkedin FILE` and `net import google FILE`.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

use super::read_bytes;
use super::upsert::{apply, Source};
use crate::commands::Ctx;
use crate::formats::{google, linkedin, text, Reading};

pub fn linkedin(ctx: &mut Ctx, file: &Path, dry_run: bool) -> Result<ExitCode> {
    import(
        ctx,
        file,
        dry_run,
        "linkedin",
        "LinkedIn's Connections.csv",
        linkedin::read,
    )
}

pub fn google(ctx: &mut Ctx, file: &Path, dry_run: bool) -> Result<ExitCode> {
    import(
        ctx,
        file,
        dry_run,
        "google",
        "a Google Contacts export",
        google::read,
    )
}

fn import(
    ctx: &mut Ctx,
    file: &Path,
    dry_run: bool,
    format: &str,
    kind: &str,
    read: fn(&str, chrono::NaiveDate) -> Result<Reading>,
) -> Result<ExitCode> {
    let reading = read_csv(file, kind, read, ctx)?;
    let what = format!("import {format} {}", file.display());
    let sources = vec![Source {
        path: file.into(),
        reading,
    }];
    apply(ctx, what, sources, dry_run)
}

fn read_csv(
    file: &Path,
    kind: &str,
    read: fn(&str, chrono::NaiveDate) -> Result<Reading>,
    ctx: &Ctx,
) -> Result<Reading> {
    let bytes = read_bytes(file)?;
    let not_it = || format!("{} is not {kind}", file.display());
    let text = text::decode(&bytes).with_context(not_it)?;
    read(&text, ctx.today).with_context(not_it)
}
