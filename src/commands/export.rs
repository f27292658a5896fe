//! `net export json`: the whole network as a net/1 document.

use anyhow::{Context, Result};
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::ExportCommand;
use crate::formats::json::{
    self, AssessmentDoc, ContactDoc, FollowUpDoc, InteractionDoc, NoteDoc, RuleDoc,
};

pub fn run(ctx: &mut Ctx, command: ExportCommand) -> Result<ExitCode> {
    let ExportCommand::Json { out } = command;
    match out {
        Some(path) => {
            // Write beside the target and rename, so a failed export never
            // leaves half a backup under the real name.
            let tmp = path.with_extension("json.partial");
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let counts = write(ctx, &mut w)?;
            w.flush()
                .with_context(|| format!("writing {}", tmp.display()))?;
            w.get_ref().sync_all()?;
            std::fs::rename(&tmp, &path).with_context(|| format!("saving {}", path.display()))?;
            ctx.say(format!(
                "Wrote {} contacts and {} interactions to {}.",
                counts.0,
                counts.1,
                path.display()
            ))?;
        }
        None => {
            let mut out = std::mem::replace(&mut ctx.out, Box::new(std::io::sink()));
            let result = write(ctx, &mut out);
            ctx.out = out;
            result?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write(ctx: &Ctx, out: &mut dyn Write) -> Result<(usize, usize)> {
    let db = ctx.store.read();
    let mut w = json::Writer::new(out)?;
    let contacts = db.all_contacts()?;
    if contacts.is_empty() {
        w.empty("contacts")?;
    }
    for c in &contacts {
        w.record("contacts", &ContactDoc::from(c))?;
    }
    let mut n = 0;
    db.each_interaction(|i| {
        n += 1;
        w.record("interactions", &InteractionDoc::from(&i))
    })?;
    if n == 0 {
        w.empty("interactions")?;
    }
    for (tag, every) in db.rules()? {
        w.record(
            "rules",
            &RuleDoc {
                tag,
                every: every.short(),
            },
        )?;
    }
    for note in db.notes(None)? {
        let doc = NoteDoc {
            id: note.id,
            contact: note.contact,
            topic: note.topic,
            text: note.text,
            created_on: note.created_on,
        };
        w.record("notes", &doc)?;
    }
    for f in db.all_followups()? {
        let doc = FollowUpDoc {
            id: f.id,
            contact: f.contact,
            text: f.text,
            due: f.due,
            created_on: f.created_on,
            done_on: f.done_on,
            interaction: f.interaction,
        };
        w.record("followups", &doc)?;
    }
    for a in db.assessments(None)? {
        w.record(
            "assessments",
            &AssessmentDoc {
                id: a.id,
                contact: a.contact,
                date: a.date,
                answers: a.answers,
            },
        )?;
    }
    w.finish()?;
    Ok((contacts.len(), n))
}
