//! `net tags` (every tag, its count and rule) and `net tag rename OLD NEW`
//! (one write, one undo step; the rule moves with the tag).

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::TagCommand;
use crate::error::user;
use crate::render;

#[derive(Serialize)]
struct TagRow {
    tag: String,
    contacts: i64,
    /// The cadence rule of the tag (`net rule add`), if any.
    every: Option<String>,
}

pub fn list(ctx: &mut Ctx) -> Result<ExitCode> {
    let db = ctx.store.read();
    let rules = db.rules()?;
    let mut rows: Vec<TagRow> = db
        .tag_counts()?
        .into_iter()
        .map(|(tag, contacts)| TagRow {
            every: rules
                .iter()
                .find(|(t, _)| *t == tag)
                .map(|(_, i)| i.short()),
            tag,
            contacts,
        })
        .collect();
    // A rule on a tag nobody carries yet is still a rule.
    for (tag, interval) in &rules {
        if !rows.iter().any(|r| &r.tag == tag) {
            rows.push(TagRow {
                tag: tag.clone(),
                contacts: 0,
                every: Some(interval.short()),
            });
        }
    }
    drop(db);
    rows.sort_by(|a, b| a.tag.cmp(&b.tag));
    if ctx.json {
        render::json(&mut ctx.out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        writeln!(
            ctx.out,
            "No tags yet. Tag someone: net edit anna --tag client"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(ctx.look, &["Tag", "Contacts", "Rule"]);
    for r in &rows {
        t.add_row(vec![
            render::text(&r.tag),
            r.contacts.into(),
            r.every
                .as_ref()
                .map(|e| format!("every {e}"))
                .unwrap_or_else(|| "-".into())
                .into(),
        ]);
    }
    render::print_table(&mut ctx.out, &t)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(ctx: &mut Ctx, command: &TagCommand) -> Result<ExitCode> {
    match command {
        TagCommand::Rename { old, new } => {
            let old = crate::parse::tag(old)?;
            let new = crate::parse::tag(new)?;
            if old == new {
                return Err(user(format!(
                    "{old} is already called so: nothing to rename"
                )));
            }
            let n = ctx.store.write(format!("tag rename {old} {new}"), |db| {
                let n = db.rename_tag(&old, &new)?;
                if n == 0 && !db.rules()?.iter().any(|(t, _)| *t == new) {
                    return Err(user(format!("nobody is tagged {old}: see `net tags`")));
                }
                Ok(n)
            })?;
            ctx.say(format!(
                "Renamed {old} to {new} on {} (a rule on it moved too). net undo takes it back.",
                render::count(n, "contact")
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
