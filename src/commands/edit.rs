//! `net edit`: change fields, rename, add and remove tags and aliases.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::EditArgs;
use crate::formats::json::ContactDoc;
use crate::parse;
use crate::render;

pub fn run(ctx: &mut Ctx, args: EditArgs) -> Result<ExitCode> {
    let id = ctx.resolve(&args.name, true)?;
    let mut contact = ctx.store.read().contact(id)?;
    let before = contact.clone();
    for field in &args.unset {
        field.clear(&mut contact);
    }
    args.fields.apply(&mut contact, ctx.today)?;
    if let Some(via) = &args.fields.via {
        let by = ctx.resolve(via, true)?;
        if by == id {
            return Err(crate::error::usage(
                "a contact cannot have introduced themselves",
            ));
        }
        contact.introduced_by = Some(by);
    }
    if let Some(new) = &args.rename {
        contact.name = parse::name(new)?;
    }
    for tag in &args.untag {
        let tag = parse::tag(tag)?;
        contact.tags.retain(|t| *t != tag);
    }
    for alias in &args.unalias {
        contact.aliases.retain(|a| a != alias.trim());
    }
    if contact == before {
        ctx.say(format!(
            "Nothing to change for {} (#{id}): see `net edit --help`.",
            contact.name
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    ctx.store.write(format!("edit {}", before.name), |db| {
        db.save_contact(&contact)?;
        Ok(())
    })?;
    let contact = ctx.store.read().contact(id)?;
    if ctx.json {
        render::json(&mut ctx.out, &ContactDoc::from(&contact))?;
    }
    ctx.say(format!("Updated {} (#{id}).", contact.name))?;
    Ok(ExitCode::SUCCESS)
}
