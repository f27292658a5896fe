//! `net note NAME` (the notes with ids and dates), `net note edit ID` and
//! `net note rm ID`: correct what you wrote down. Each change is one undo step.

use anyhow::Result;
use std::process::ExitCode;

use super::log_edit::parse_id;
use super::Ctx;
use crate::cli::{NoteAction, NoteEditArgs, RmArgs};
use crate::error::{usage, user};
use crate::{prompt, render};

pub fn run(ctx: &mut Ctx, action: &NoteAction) -> Result<ExitCode> {
    match action {
        NoteAction::Edit(a) => edit(ctx, a),
        NoteAction::Rm(a) => rm(ctx, a),
    }
}

fn missing(id: i64) -> anyhow::Error {
    user(format!("there is no note #{id}: see `net note NAME`"))
}

/// The notes of a contact, by topic, with ids and dates.
pub fn list(ctx: &mut Ctx, name: &str) -> Result<ExitCode> {
    let id = ctx.resolve(name, true)?;
    let db = ctx.store.read();
    let notes = db.notes(Some(id))?;
    let who = db.contact(id)?.name;
    drop(db);
    if ctx.json {
        render::json(&mut ctx.out, &notes)?;
        return Ok(ExitCode::SUCCESS);
    }
    if notes.is_empty() {
        ctx.say(format!(
            "No notes on {who} (#{id}) yet. Write one: net note '#{id}' \"husband Jan\" --about family"
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(ctx.look, &["ID", "Date", "Topic", "Note"]);
    for n in &notes {
        t.add_row(vec![
            n.id.into(),
            n.created_on.to_string().into(),
            render::text(&n.topic),
            render::text(&n.text),
        ]);
    }
    render::print_table(&mut ctx.out, &t)?;
    ctx.say("Change one: net note edit ID  ·  delete one: net note rm ID")?;
    Ok(ExitCode::SUCCESS)
}

fn edit(ctx: &mut Ctx, a: &NoteEditArgs) -> Result<ExitCode> {
    let id = parse_id(&a.id, "a note", "net note NAME")?;
    let Some(note) = ctx.store.read().note(id)? else {
        return Err(missing(id));
    };
    let text = match &a.text {
        Some(t) => t.trim().to_string(),
        None if ctx.can_prompt => crate::prompt::edit_text("note.md", &note.text)?,
        None => {
            return Err(usage(format!(
                "without a terminal give the new text: net note edit {id} --text \"…\""
            )))
        }
    };
    if text.is_empty() {
        return Err(usage(format!(
            "the note would be empty: delete it with `net note rm {id}`"
        )));
    }
    if text == note.text {
        ctx.say(format!("Note #{id} is unchanged."))?;
        return Ok(ExitCode::SUCCESS);
    }
    ctx.store.write(format!("note edit {id}"), |db| {
        if db.note(id)?.is_none() {
            return Err(missing(id));
        }
        db.set_note_text(id, &text)
    })?;
    ctx.say(format!("Changed note #{id} ({}).", note.topic))?;
    Ok(ExitCode::SUCCESS)
}

fn rm(ctx: &mut Ctx, a: &RmArgs) -> Result<ExitCode> {
    let id = parse_id(&a.id, "a note", "net note NAME")?;
    let Some(note) = ctx.store.read().note(id)? else {
        return Err(missing(id));
    };
    let short: String = note.text.chars().take(40).collect();
    if !a.yes {
        if !ctx.can_prompt {
            return Err(usage(format!(
                "deleting note #{id} ({}: {short}): add --yes to confirm (net undo brings it back)",
                note.topic
            )));
        }
        if !prompt::confirm(&format!("Delete note #{id} ({}: {short})?", note.topic))? {
            ctx.say("Nothing deleted.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    ctx.store.write(format!("note rm {id}"), |db| {
        if db.note(id)?.is_none() {
            return Err(missing(id));
        }
        db.delete_note(id)
    })?;
    ctx.say(format!(
        "Deleted note #{id} ({}). (net undo brings it back.)",
        note.topic
    ))?;
    Ok(ExitCode::SUCCESS)
}
