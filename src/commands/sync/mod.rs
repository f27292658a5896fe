//! `net sync`: share the network through a CardDAV/CalDAV server. `setup`
//! finds or creates the collections and saves `[sync]` in the config; a sync
//! pulls every collection, merges, and pushes, in one write (one undo step).

mod checkins;
mod contacts;
mod engine;
mod log;
mod notes;
mod outcomes;
mod promises;
mod pull;
mod push;
mod records;
mod report;
mod rounds;
mod setup;

use anyhow::{Context, Result};
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{SyncAction, SyncArgs};
use crate::config::SyncConfig;
use crate::dav::Client;
use crate::error::usage;
use records::Records;

pub fn run(ctx: &mut Ctx, args: SyncArgs) -> Result<ExitCode> {
    match args.action {
        Some(SyncAction::Setup(a)) => setup::run(ctx, a),
        Some(SyncAction::Status) => status(ctx),
        None => sync(ctx, args.dry_run),
    }
}

/// The configured server, or how to set it up.
pub(crate) fn configured(ctx: &Ctx) -> Result<SyncConfig> {
    let sync = ctx.settings.sync.clone();
    if sync.url.is_empty() {
        return Err(usage(
            "no sync server yet: net sync setup https://dav.example.org/ --user NAME",
        ));
    }
    Ok(sync)
}

/// The password: `password_command`, else NET_DAV_PASSWORD, else asked.
fn password(ctx: &Ctx, command: Option<&str>) -> Result<String> {
    if let Some(cmd) = command {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stderr(std::process::Stdio::inherit())
            .output()
            .with_context(|| format!("running password_command {cmd:?}"))?;
        if !out.status.success() {
            anyhow::bail!("password_command {cmd:?} failed ({})", out.status);
        }
        let text = String::from_utf8_lossy(&out.stdout);
        return Ok(text.lines().next().unwrap_or("").to_string());
    }
    if let Some(p) = &ctx.env.dav_password {
        return Ok(p.0.clone());
    }
    if ctx.can_prompt {
        return crate::prompt::password("Password for the sync server");
    }
    Err(usage(
        "no password for the sync server: set password_command in [sync] (e.g. \"pass show dav\") or NET_DAV_PASSWORD",
    ))
}

pub(crate) fn client(ctx: &Ctx, sync: &SyncConfig) -> Result<Client> {
    let password = password(ctx, sync.password_command.as_deref())?;
    Ok(Client::new(
        &sync.url,
        &sync.user,
        &password,
        sync.ca_file.as_deref(),
    )?)
}

fn sync(ctx: &mut Ctx, dry_run: bool) -> Result<ExitCode> {
    let sync = configured(ctx)?;
    let client = client(ctx, &sync)?;
    let contacts = contacts::Contacts { today: ctx.today };
    let stamp = ctx.env.now_utc().format("%Y%m%dT%H%M%SZ").to_string();
    let log = log::Log::new(stamp.clone());
    let checkins = checkins::CheckIns::new(ctx.policy()?, stamp.clone());
    let promises = promises::Promises {
        today: ctx.today,
        stamp,
    };
    if !sync.collections.contains_key(contacts.kind()) {
        return Err(usage(
            "the config names no address book: run net sync setup again",
        ));
    }
    // Pull everything first, outside the write: the network is slow.
    let mut lanes: Vec<(&dyn Records, pull::Pulled)> = Vec::new();
    if let Some(p) = pull_one(ctx, &client, &sync, &contacts)? {
        lanes.push((&contacts, p));
    }
    if let Some(p) = pull_one(ctx, &client, &sync, &log)? {
        lanes.push((&log, p));
    }
    if let Some(p) = pull_one(ctx, &client, &sync, &promises)? {
        lanes.push((&promises, p));
    }
    // Last: the check-ins follow what the others brought in.
    if let Some(p) = pull_one(ctx, &client, &sync, &checkins)? {
        lanes.push((&checkins, p));
    }
    let reports = rounds::run(ctx, &client, lanes, dry_run)?;
    report::say(ctx, &sync.url, &reports, dry_run)?;
    Ok(ExitCode::SUCCESS)
}

/// What changed in one configured collection (None: not configured).
fn pull_one<R: Records>(
    ctx: &Ctx,
    client: &Client,
    sync: &SyncConfig,
    r: &R,
) -> Result<Option<pull::Pulled>> {
    let Some(href) = sync.collections.get(r.kind()) else {
        return Ok(None);
    };
    let db = ctx.store.read();
    let token = match db.sync_collection(r.kind())? {
        Some((h, t)) if h == *href => t,
        _ => None,
    };
    let state = db.sync_items(r.kind())?;
    Ok(Some(pull::pull(
        client,
        r.dav_kind(),
        href,
        token.as_deref(),
        &state,
    )?))
}

/// `net sync status`: the server, the collections, when each was synced.
fn status(ctx: &mut Ctx) -> Result<ExitCode> {
    let sync = configured(ctx)?;
    let db = ctx.store.read();
    let known = db.sync_collections()?;
    let mut lines = vec![format!("Server: {} (user {})", sync.url, sync.user)];
    for (kind, href) in &sync.collections {
        let items = db.sync_items(kind)?.len();
        let when = known
            .iter()
            .find(|(k, h, _)| k == kind && h == href)
            .and_then(|(_, _, at)| at.clone());
        lines.push(match when {
            Some(at) => format!("  {kind}: {href}, {items} items, last synced {at}"),
            None => format!("  {kind}: {href}, never synced"),
        });
    }
    drop(db);
    for l in lines {
        ctx.say(l)?;
    }
    Ok(ExitCode::SUCCESS)
}
