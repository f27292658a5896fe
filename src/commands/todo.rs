//! `net todo [NAME]`: open promises, overdue first.

use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::TodoArgs;
use crate::render;

pub fn run(ctx: &mut Ctx, args: &TodoArgs) -> Result<ExitCode> {
    if let Some(action) = &args.action {
        return super::todo_edit::run(ctx, action);
    }
    let contact = args
        .name
        .as_deref()
        .map(|n| ctx.resolve(n, true))
        .transpose()?;
    if args.done {
        return super::todo_edit::kept(ctx, contact);
    }
    let open = ctx.store.read().open_followups(contact)?;
    if ctx.json {
        render::json(&mut ctx.out, &open)?;
        return Ok(ExitCode::SUCCESS);
    }
    if open.is_empty() {
        writeln!(ctx.out, "No open promises. Make one with: net log call anna --follow-up \"send the offer\" --by friday")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(ctx.look, &["ID", "Promise", "To", "By"]);
    for f in &open {
        let by = match f.due {
            Some(d) if d < ctx.today => format!(
                "{d} (overdue for {})",
                crate::model::span((ctx.today - d).num_days())
            ),
            Some(d) => format!("{d} ({})", render::ago(d, ctx.today)),
            None => "-".into(),
        };
        t.add_row(vec![
            f.id.into(),
            render::text(&f.text),
            render::text(&f.contact_name),
            by.into(),
        ]);
    }
    render::print_table(&mut ctx.out, &t)?;
    writeln!(ctx.out, "Kept one? net done ID")?;
    Ok(ExitCode::SUCCESS)
}
