//! `net import json`: load a net/1 document into an empty database.

use anyhow::{bail, Context, Result};
use std::collections::HashSet;
use std::io::Read;
use std::process::ExitCode;

use super::{fields, Ctx};
use crate::cli::ImportCommand;
use crate::formats::json;
use crate::parse;

pub fn run(ctx: &mut Ctx, command: ImportCommand) -> Result<ExitCode> {
    let ImportCommand::Json { file } = command;
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        std::fs::File::open(&file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .with_context(|| format!("reading {}", file.display()))?;
    }
    let doc = json::parse(&bytes)
        .with_context(|| format!("{} is not a net/1 document", file.display()))?;

    // Check everything before writing anything.
    let mut contacts = Vec::with_capacity(doc.contacts.len());
    let mut ids = HashSet::new();
    for (n, c) in doc.contacts.iter().enumerate() {
        let contact = c
            .to_contact()
            .with_context(|| format!("contacts[{n}] ({:?})", c.name))?;
        if c.id < 1 || !ids.insert(c.id) {
            bail!(
                "contacts[{n}] ({:?}): id {} is not a positive number used once",
                c.name,
                c.id
            );
        }
        contacts.push(contact);
    }
    let mut interactions = Vec::with_capacity(doc.interactions.len());
    for (n, i) in doc.interactions.iter().enumerate() {
        interactions.push(
            i.to_interaction(&ids)
                .with_context(|| format!("interactions[{n}]"))?,
        );
    }
    let mut rules = Vec::new();
    for r in &doc.rules {
        let tag = fields::normalize_tag(&r.tag)?;
        rules.push((
            tag,
            parse::interval(&r.every).with_context(|| format!("rule for {}", r.tag))?,
        ));
    }

    let settings = ctx.settings.clone();
    ctx.store.write(|db| {
        if db.contact_count()? > 0 || db.interaction_count()? > 0 {
            bail!(
                "the database already holds contacts: import a net/1 file into an empty one (NET_DB=new.db net import json FILE)"
            );
        }
        for c in &contacts {
            db.save_contact(c)?;
        }
        for i in &interactions {
            db.insert_interaction(i)?;
        }
        for (tag, every) in &rules {
            db.set_rule(tag, *every)?;
        }
        let policy = super::policy_of(db, &settings)?;
        db.refresh(&db.all_ids()?, &policy)
    })?;
    ctx.say(format!(
        "Imported {} contacts, {} interactions and {} rules from {}.",
        contacts.len(),
        interactions.len(),
        rules.len(),
        file.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
