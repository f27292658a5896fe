//! `net edit`: change fields, rename, add and remove tags and aliases.
//!
//! The contact is read again inside the write lock and only the fields the
//! flags name are changed on that fresh row: an edit never writes back what
//! another net changed (or removed) while this one waited for the lock.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::EditArgs;
use crate::formats::json::ContactDoc;
use crate::model::Contact;
use crate::parse;
use crate::render;

pub fn run(ctx: &mut Ctx, args: EditArgs) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, true)?;
    // Every typed value is checked before the lock is taken.
    args.fields
        .apply(&mut Contact::new("check", ctx.today), ctx.today)?;
    let rename = args.rename.as_deref().map(parse::name).transpose()?;
    let untag: Vec<String> = args
        .untag
        .iter()
        .map(|t| parse::tag(t))
        .collect::<Result<_, _>>()?;
    let via = match &args.fields.via {
        Some(via) => {
            let by = ctx.pick(via, true)?;
            if by.id == who.id {
                return Err(crate::error::usage(
                    "a contact cannot have introduced themselves",
                ));
            }
            Some(by)
        }
        None => None,
    };
    let today = ctx.today;
    let id = who.id;
    let changed = ctx
        .store
        .write_contact(&who, format!("edit {}", who.name), |db, before| {
            let mut contact = before.clone();
            for field in &args.unset {
                field.clear(&mut contact);
            }
            args.fields.apply(&mut contact, today)?;
            if let Some(by) = &via {
                db.require(by)?;
                contact.introduced_by = Some(by.id);
            }
            if let Some(new) = &rename {
                contact.name = new.clone();
            }
            contact.tags.retain(|t| !untag.contains(t));
            for alias in &args.unalias {
                contact.aliases.retain(|a| a != alias.trim());
            }
            db.update_contact(&before, &contact)
        })?;
    let contact = ctx.store.read().contact(id)?;
    if !changed {
        ctx.say(format!(
            "Nothing to change for {} (#{id}): see `net edit --help`.",
            contact.name
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    if ctx.json {
        render::json(&mut ctx.out, &ContactDoc::from(&contact))?;
    }
    ctx.say(format!("Updated {} (#{id}).", contact.name))?;
    Ok(ExitCode::SUCCESS)
}
