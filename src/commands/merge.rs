//! `net merge A B`: two records of one person become one. B's interactions,
//! introductions, notes, promises and assessments go to A; its details,
//! tags and aliases are added to A's (A's own values win); B's name becomes
//! an alias of A; B is deleted. One transaction, undoable.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::MergeArgs;
use crate::error::usage;
use crate::formats::json::ContactDoc;
use crate::matching;
use crate::render;

pub fn run(ctx: &mut Ctx, args: &MergeArgs) -> Result<ExitCode> {
    let (pa, pb) = (ctx.pick(&args.a, true)?, ctx.pick(&args.b, true)?);
    let (a, b) = (pa.id, pb.id);
    if a == b {
        return Err(usage(format!(
            "{:?} and {:?} are the same contact (#{a}): name two different ones",
            args.a, args.b
        )));
    }
    let (keep, gone, moved) = ctx.store.write(format!("merge #{a} #{b}"), |db| {
        let keep = db.require(&pa)?;
        let gone = db.require(&pb)?;
        let merged = matching::combine(&keep, &gone);
        // B goes first: its UID may move to A.
        let moved = db.merge_into(a, b)?;
        db.update_contact(&keep, &merged)?;
        Ok((keep, gone, moved))
    })?;
    if ctx.json {
        let merged = ctx.store.read().contact(a)?;
        render::json(&mut ctx.out, &ContactDoc::from(&merged))?;
    }
    let inbox = match moved.proposals {
        0 => String::new(),
        n => format!(" ({} in the inbox)", render::count(n, "captured proposal")),
    };
    ctx.say(format!(
        "Merged {} (#{b}) into {} (#{a}): {}, {}, {} and {} moved{inbox}. `net undo` takes it back.",
        gone.name,
        keep.name,
        render::count(moved.interactions, "interaction"),
        render::count(moved.notes, "note"),
        render::count(moved.followups, "promise"),
        render::count(moved.assessments, "assessment")
    ))?;
    Ok(ExitCode::SUCCESS)
}
