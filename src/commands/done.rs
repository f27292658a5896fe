//! `net done ID`: a promise kept.

use anyhow::{bail, Result};
use std::process::ExitCode;

use super::Ctx;
use crate::cli::DoneArgs;
use crate::error::usage;

pub fn run(ctx: &mut Ctx, args: &DoneArgs) -> Result<ExitCode> {
    let id: i64 = args
        .id
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| {
            usage(format!(
                "{:?} is not a promise number: see `net todo`",
                args.id
            ))
        })?;
    let Some(f) = ctx.store.read().followup(id)? else {
        bail!("there is no promise {id}: see `net todo`");
    };
    if let Some(done) = f.done_on {
        ctx.say(format!("Promise {id} was already kept on {done}."))?;
        return Ok(ExitCode::SUCCESS);
    }
    let today = ctx.today;
    ctx.store.write(format!("done {id}: {}", f.text), |db| {
        db.finish_followup(id, today)
    })?;
    ctx.say(format!("Kept: {} ({}).", f.text, f.contact_name))?;
    Ok(ExitCode::SUCCESS)
}
