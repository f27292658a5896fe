//! `net todo edit ID --text --by` (correct a promise) and `net todo --done`
//! (the promises kept). An edit is one undo step.

use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

use super::log_edit::parse_id;
use super::Ctx;
use crate::cli::{TodoAction, TodoEditArgs};
use crate::error::{usage, user};
use crate::render;

pub fn run(ctx: &mut Ctx, action: &TodoAction) -> Result<ExitCode> {
    match action {
        TodoAction::Edit(a) => edit(ctx, a),
    }
}

fn missing(id: i64) -> anyhow::Error {
    user(format!("there is no promise #{id}: see `net todo`"))
}

fn edit(ctx: &mut Ctx, a: &TodoEditArgs) -> Result<ExitCode> {
    let id = parse_id(&a.id, "a promise", "net todo")?;
    if a.text.is_none() && a.by.is_none() {
        return Err(usage(format!(
            "say what to change: net todo edit {id} --text \"…\" --by friday (or --by none)"
        )));
    }
    let text = match &a.text {
        Some(t) if t.trim().is_empty() => {
            return Err(usage("the promise needs text: --text \"send the offer\""))
        }
        Some(t) => Some(t.trim().to_string()),
        None => None,
    };
    let by = match a.by.as_deref().map(str::trim) {
        Some("none" | "") => Some(None),
        Some(b) => Some(Some(super::log::due_date(ctx, b)?)),
        None => None,
    };
    let f = ctx.store.write(format!("todo edit {id}"), |db| {
        let mut f = db.followup(id)?.ok_or_else(|| missing(id))?;
        if let Some(t) = &text {
            f.text = t.clone();
        }
        if let Some(d) = by {
            f.due = d;
        }
        db.update_followup(id, &f.text, f.due)?;
        Ok(f)
    })?;
    let by = f.due.map(|d| format!(" by {d}")).unwrap_or_default();
    ctx.say(format!(
        "Promise #{id} to {}: {}{by}.",
        f.contact_name, f.text
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The promises kept, latest first.
pub fn kept(ctx: &mut Ctx, contact: Option<i64>) -> Result<ExitCode> {
    let done = ctx.store.read().kept_followups(contact)?;
    if ctx.json {
        render::json(&mut ctx.out, &done)?;
        return Ok(ExitCode::SUCCESS);
    }
    if done.is_empty() {
        writeln!(ctx.out, "No kept promises yet. Keep one with: net done ID")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(ctx.look, &["ID", "Promise", "To", "Kept"]);
    for f in &done {
        t.add_row(vec![
            f.id.into(),
            render::text(&f.text),
            render::text(&f.contact_name),
            f.done_on.map(|d| d.to_string()).unwrap_or_default().into(),
        ]);
    }
    render::print_table(&mut ctx.out, &t)?;
    Ok(ExitCode::SUCCESS)
}
