//! `net sync setup URL --user U`: finds the user's address book and
//! calendars (or creates them) and saves `[sync]` in the config file.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::process::ExitCode;

use super::super::Ctx;
use crate::cli::SyncSetupArgs;
use crate::config::{Settings, SyncConfig};
use crate::dav::{Client, CollectionType, Error, Kind};

/// What each collection holds: (kind, display name, component; None: an
/// address book).
const COLLECTIONS: &[(&str, &str, Option<&str>)] = &[
    ("contacts", "net", None),
    ("log", "net log", Some("VJOURNAL")),
    ("promises", "net promises", Some("VTODO")),
    ("checkins", "net check-ins", Some("VEVENT")),
];

pub fn run(ctx: &mut Ctx, args: SyncSetupArgs) -> Result<ExitCode> {
    let mut sync = SyncConfig {
        url: args.url.clone(),
        user: args.user.clone(),
        password_command: args.password_command.clone(),
        ca_file: args.ca_file.clone(),
        collections: BTreeMap::new(),
    };
    let client = super::client(ctx, &sync)?;
    let mut lines = Vec::new();
    for (kind, name, component) in COLLECTIONS {
        let dav_kind = if component.is_some() {
            Kind::Calendar
        } else {
            Kind::AddressBook
        };
        let found = match find_or_create(&client, dav_kind, name, *component) {
            Ok(found) => found,
            // A server without calendars, or one that refuses this kind
            // (Google has no tasks or journals): synced without it.
            Err(
                e @ (Error::Forbidden { .. }
                | Error::Rejected { .. }
                | Error::NotFound { .. }
                | Error::Protocol { .. }
                | Error::Status { .. }),
            ) if component.is_some() => {
                lines.push(format!("  {kind}: not on this server ({e}): not synced"));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let (href, created) = found;
        lines.push(format!(
            "  {kind}: \"{name}\" at {href}{}",
            if created { " (created)" } else { "" }
        ));
        sync.collections.insert(kind.to_string(), href);
    }
    save(&ctx.settings, &sync)?;
    ctx.say(format!(
        "Set up {} for {} in {}:",
        sync.url,
        sync.user,
        ctx.settings.path.display()
    ))?;
    for l in lines {
        ctx.say(l)?;
    }
    ctx.say("Next: net sync")?;
    Ok(ExitCode::SUCCESS)
}

/// The collection named `name` in the user's home set, made when missing.
fn find_or_create(
    client: &Client,
    kind: Kind,
    name: &str,
    component: Option<&str>,
) -> Result<(String, bool), Error> {
    let home = client.discover(kind)?.home;
    let existing = client.list_collections(&home, kind)?;
    let fits = |t: &CollectionType| match (t, component) {
        (CollectionType::AddressBook, None) => true,
        (CollectionType::Calendar { components }, Some(c)) => {
            components.is_empty() || components.iter().any(|x| x == c)
        }
        _ => false,
    };
    if let Some(c) = existing
        .iter()
        .find(|c| c.display_name.as_deref() == Some(name) && fits(&c.kind))
    {
        return Ok((c.href.clone(), false));
    }
    let slug: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let home = if home.ends_with('/') {
        home
    } else {
        format!("{home}/")
    };
    let href = format!("{home}{slug}/");
    match component {
        None => client.create_addressbook(&href, name)?,
        Some(c) => client.create_calendar(&href, name, &[c])?,
    }
    Ok((href, true))
}

/// Writes `[sync]` into the config file, replacing an earlier one and
/// keeping everything else as it was; checked before it is saved.
fn save(settings: &Settings, sync: &SyncConfig) -> Result<()> {
    let path = &settings.path;
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let mut kept = Vec::new();
    let mut in_sync = false;
    for line in old.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            let name = t.trim_start_matches('[').trim_end_matches(']').trim();
            in_sync = name == "sync" || name.starts_with("sync.");
        }
        if !in_sync {
            kept.push(line);
        }
    }
    let mut text = kept.join("\n").trim_end().to_string();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let table = toml::to_string(&Wrapper { sync: sync.clone() })?;
    text.push_str(&table);
    Settings::from_text(&text, path).context("the config with [sync] would not load")?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the folder {}", dir.display()))?;
    }
    let tmp = path.with_extension("toml.new");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("saving {}", path.display()))?;
    Ok(())
}

#[derive(serde::Serialize)]
struct Wrapper {
    sync: SyncConfig,
}
