//! `net note NAME TEXT --about TOPIC`: what you know, by topic.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::NoteArgs;
use crate::error::usage;
use crate::model::Note;
use crate::prompt;

pub fn run(ctx: &mut Ctx, args: &NoteArgs) -> Result<ExitCode> {
    if let Some(action) = &args.action {
        return super::note_edit::run(ctx, action);
    }
    let name = args.name.as_deref().unwrap_or_default();
    if args.text.is_none() && !args.edit {
        return super::note_edit::list(ctx, name);
    }
    let who = ctx.pick(name, true)?;
    let id = who.id;
    let topic = args.about.trim().to_lowercase();
    if topic.is_empty() || topic.contains(char::is_whitespace) {
        return Err(usage(format!(
            "{:?} is not a topic: use one word such as family, offer or anchor",
            args.about
        )));
    }
    let (text, typed) = match (&args.text, args.edit) {
        (Some(t), false) => (t.trim().to_string(), false),
        (None, true) if !ctx.can_prompt => {
            // Not a typing mistake: the command is right, the place is not (exit 1).
            anyhow::bail!("--edit needs a terminal: give the note as text instead")
        }
        (None, true) => (prompt::edit_text("note.md", "")?, true),
        _ => {
            return Err(usage(
                "give the note as text, or --edit to write it in $EDITOR",
            ))
        }
    };
    if text.is_empty() {
        return Err(usage("the note is empty: nothing saved"));
    }
    let note = Note {
        id: 0,
        contact: id,
        topic: topic.clone(),
        text,
        created_on: ctx.today,
    };
    let saved = ctx
        .store
        .write_contact(&who, format!("note {name} --about {topic}"), |db, _| {
            db.add_note(&note)?;
            Ok(())
        });
    if let Err(e) = saved {
        // What was typed in the editor is not lost with the contact: it is
        // kept in a private file beside the database, and the error says where.
        if typed {
            if let Ok(kept) = keep_typed(ctx, &note.text) {
                return Err(crate::error::user(format!(
                    "{e}; the note you wrote is kept in {}",
                    kept.display()
                )));
            }
        }
        return Err(e);
    }
    let name = ctx.store.read().contact(id)?.name;
    ctx.say(format!("Noted under {topic} for {name} (#{id})."))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a note that could not be saved into a new private (0600) file
/// beside the database and returns its path.
fn keep_typed(ctx: &Ctx, text: &str) -> Result<std::path::PathBuf> {
    use std::io::Write;
    let dir = ctx
        .store
        .path()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(|d| d.to_path_buf())
        .unwrap_or_else(|| ".".into());
    let mut file = tempfile::Builder::new()
        .prefix("net-unsaved-note-")
        .suffix(".md")
        .tempfile_in(&dir)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    let (_, path) = file.keep()?;
    Ok(path)
}
