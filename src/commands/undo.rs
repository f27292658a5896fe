//! `net undo`: revert the last write command as a whole.

use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::UndoArgs;
use crate::render;

pub fn run(ctx: &mut Ctx, args: &UndoArgs) -> Result<ExitCode> {
    if args.list {
        let ops = ctx.store.operations(ctx.settings.undo_keep)?;
        if ctx.json {
            render::json(&mut ctx.out, &ops)?;
        } else if ops.is_empty() {
            writeln!(ctx.out, "Nothing to undo.")?;
        } else {
            let mut t = render::table(ctx.look, &["When", "Command", "Changes"]);
            for op in &ops {
                let changes = if op.changes == 0 {
                    "bulk".to_string()
                } else {
                    op.changes.to_string()
                };
                t.add_row(vec![
                    op.at.clone().into(),
                    render::text(&op.command),
                    changes.into(),
                ]);
            }
            render::print_table(&mut ctx.out, &t)?;
            writeln!(
                ctx.out,
                "`net undo` reverts the first line; repeat to walk further back."
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match ctx.store.undo()? {
        Some(op) => {
            if ctx.json {
                render::json(&mut ctx.out, &op)?;
            }
            ctx.say(format!("Undid: {} ({}).", op.command, op.at))?;
        }
        None => ctx.say("Nothing to undo.")?,
    }
    Ok(ExitCode::SUCCESS)
}
