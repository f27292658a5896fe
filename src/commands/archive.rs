//! `net archive` / `net revive`: let a contact go quiet, reversibly.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::model::ContactStatus;

pub fn run(ctx: &mut Ctx, name: &str, archive: bool) -> Result<ExitCode> {
    let who = ctx.pick(name, true)?;
    let id = who.id;
    let (target, verb) = if archive {
        (ContactStatus::Archived, "Archived")
    } else {
        (ContactStatus::Active, "Revived")
    };
    let (contact, already) = ctx.store.write_contact(
        &who,
        format!("{} {}", verb.to_lowercase(), who.name),
        |db, contact| {
            let already = contact.status == target;
            if !already {
                db.set_status(id, target)?;
            }
            Ok((contact, already))
        },
    )?;
    if already {
        ctx.say(format!(
            "{} (#{id}) is already {}.",
            contact.name,
            target.as_str()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let hint = if archive {
        " Their history stays; `net revive` brings them back."
    } else {
        ""
    };
    ctx.say(format!("{verb} {} (#{id}).{hint}", contact.name))?;
    let open = ctx.store.read().open_followups(Some(id))?.len();
    if archive && open > 0 {
        ctx.say(format!(
            "note: {} to {} stays open (net todo '#{id}'; net done ID when kept).",
            crate::render::count(open, "promise"),
            contact.name
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
