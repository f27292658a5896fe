//! `net sync`: share the network through a CardDAV/CalDAV server. `setup`
//! finds or creates the collections and saves `[sync]` in the config; a sync
//! pulls every collection, merges, and pushes, in one write (one undo step).

mod contacts;
mod engine;
mod log;
mod promises;
mod setup;

use anyhow::{Context, Result};
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{SyncAction, SyncArgs};
use crate::config::SyncConfig;
use crate::dav::Client;
use crate::error::usage;
use engine::{Records, Report};

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
    let pulled_contacts = pull_one(ctx, &client, &sync, &contacts)?;
    let pulled_log = pull_one(ctx, &client, &sync, &log)?;
    let pulled_promises = pull_one(ctx, &client, &sync, &promises)?;
    let at = ctx.env.clock();
    let run = |db: &crate::store::Db<'_>, client: Option<&Client>| -> Result<Vec<Report>> {
        let mut reports = Vec::new();
        // Contacts first: interactions refer to them.
        if let Some(p) = pulled_contacts {
            reports.push(engine::apply(&contacts, db, client, p)?);
        }
        if let Some(p) = pulled_log {
            reports.push(engine::apply(&log, db, client, p)?);
        }
        if let Some(p) = pulled_promises {
            reports.push(engine::apply(&promises, db, client, p)?);
        }
        Ok(reports)
    };
    let reports = if dry_run {
        ctx.store.dry_run(|db| run(db, None))?
    } else {
        ctx.store.write("sync", |db| {
            let reports = run(db, Some(&client))?;
            for r in &reports {
                db.set_synced_at(r.kind, &at)?;
            }
            if reports.iter().any(Report::applied_remote) {
                db.cut_history()?;
            }
            Ok(reports)
        })?
    };
    say_report(ctx, &sync.url, &reports, dry_run)?;
    Ok(ExitCode::SUCCESS)
}

/// What changed in one configured collection (None: not configured).
fn pull_one<R: Records>(
    ctx: &Ctx,
    client: &Client,
    sync: &SyncConfig,
    r: &R,
) -> Result<Option<engine::Pulled>> {
    let Some(href) = sync.collections.get(r.kind()) else {
        return Ok(None);
    };
    let db = ctx.store.read();
    let token = match db.sync_collection(r.kind())? {
        Some((h, t)) if h == *href => t,
        _ => None,
    };
    let state = db.sync_items(r.kind())?;
    Ok(Some(engine::pull(
        client,
        r.dav_kind(),
        href,
        token.as_deref(),
        &state,
    )?))
}

fn say_report(ctx: &mut Ctx, url: &str, reports: &[Report], dry_run: bool) -> Result<()> {
    let (would, did) = if dry_run {
        ("would sync", " would have")
    } else {
        ("synced", "")
    };
    let mut lines = vec![format!("{} with {url}:", capital(would))];
    let mut history_ended = false;
    for r in reports {
        let mut parts = Vec::new();
        let mut part = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        part(r.down_new, "new from the server");
        part(r.down_changed, "changed from the server");
        part(r.down_removed.len(), "deleted on the server");
        part(r.up_new, "uploaded");
        part(r.up_changed, "changed on the server");
        part(r.up_deleted, "deleted from the server");
        let summary = if parts.is_empty() {
            "nothing to do".to_string()
        } else {
            parts.join(", ")
        };
        let listed = if r.listed {
            " (the server no longer knew the last sync: compared every item)"
        } else {
            ""
        };
        lines.push(format!("  {}: {summary}{listed}.", r.kind));
        for gone in &r.down_removed {
            lines.push(format!("    deleted elsewhere: {gone}"));
        }
        for c in &r.conflicts {
            lines.push(format!(
                "    both changed {c}: the server's version{did} won, yours{did} kept beside it"
            ));
        }
        if r.pending > 0 {
            lines.push(format!(
                "    {} the server kept refusing: tried again next sync",
                r.pending
            ));
        }
        if r.waiting > 0 {
            lines.push(format!(
                "    {} wait for people not on this device yet",
                r.waiting
            ));
        }
        if r.unreadable > 0 {
            lines.push(format!(
                "    {} items on the server could not be read: left alone",
                r.unreadable
            ));
        }
        history_ended |= r.applied_remote();
    }
    if history_ended && !dry_run {
        lines.push(
            "Changes from the server were applied: `net undo` can undo this sync, not what came before it."
                .into(),
        );
    }
    for l in lines {
        ctx.say(l)?;
    }
    Ok(())
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
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
