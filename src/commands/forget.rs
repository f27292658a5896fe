//! `net forget`: delete a person for good, with the interactions only they were in.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::ForgetArgs;
use crate::error::usage;
use crate::prompt;

pub fn run(ctx: &mut Ctx, args: &ForgetArgs) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, true)?;
    let (id, name) = (who.id, who.name.clone());
    if !args.yes {
        if !ctx.can_prompt {
            return Err(usage(format!(
                "forgetting {name} (#{id}) deletes them and their history for good: add --yes to confirm (or `net archive` to keep it)"
            )));
        }
        let question =
            format!("Delete {name} (#{id}) and the interactions only they were part of?");
        if !prompt::confirm(&question)? {
            ctx.say("Nothing deleted.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    // A busy contact's history is many rows: a large write.
    let gone = ctx.store.large(|store| {
        store.write_contact(&who, format!("forget {name}"), |db, _| {
            let gone = db.forget(id)?;
            db.cut_history()?;
            Ok(gone)
        })
    })?;
    ctx.say(format!(
        "Forgot {name} (#{id}) and {} only they were part of.",
        crate::render::count(gone, "interaction")
    ))?;
    // A copy kept before an upgrade still holds them: it goes too.
    for copy in ctx.store.upgrade_copies() {
        match std::fs::remove_file(&copy) {
            Ok(()) => ctx.say(format!(
                "Removed {}, the copy kept before an upgrade, which still held them.",
                copy.display()
            ))?,
            Err(e) => ctx.say(format!(
                "warning: {} (a copy kept before an upgrade) still holds them and could not be removed ({e}): delete it yourself",
                copy.display()
            ))?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
