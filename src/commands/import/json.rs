//! `net import json FILE --merge`: a net/1 document into a database that
//! already has contacts (a second laptop, an old backup). Contacts are
//! matched as every import matches them; what is already there (the same
//! interaction, note, promise or assessment) is not added twice, so merging
//! the same file again changes nothing.

use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use super::checked_document;
use super::upsert::{print_steps, upsert, Step};
use crate::commands::Ctx;
use crate::matching::Index;
use crate::model::Interaction;
use crate::store::Db;

/// What an interaction is, for telling whether it is already there.
fn signature(i: &Interaction, contacts: &[i64]) -> String {
    let mut ids = contacts.to_vec();
    ids.sort_unstable();
    format!(
        "{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{ids:?}",
        i.kind, i.date, i.time, i.minutes, i.note, i.gave, i.got
    )
}

/// Adds a record when it is `new`, and counts it as added or already there.
fn count<T>(counts: &mut (usize, usize), new: bool, add: impl FnOnce() -> Result<T>) -> Result<()> {
    if new {
        add()?;
        counts.0 += 1;
    } else {
        counts.1 += 1;
    }
    Ok(())
}

#[derive(Default)]
struct Counts {
    interactions: (usize, usize),
    notes: (usize, usize),
    followups: (usize, usize),
    assessments: (usize, usize),
    rules: (usize, usize),
}

pub fn merge(ctx: &mut Ctx, file: &Path, dry_run: bool) -> Result<ExitCode> {
    let checked = checked_document(file, ctx.today)?;
    let work = |db: &Db<'_>| -> Result<(Vec<(Step, String)>, Counts)> {
        let mut index = Index::new(&db.all_contacts()?);
        let mut counts = Counts::default();
        let mut steps = Vec::new();
        let mut ids: HashMap<i64, i64> = HashMap::new();
        for c in &checked.contacts {
            let mut incoming = c.clone();
            incoming.id = 0;
            // File ids mean nothing here; set below once every contact has its id.
            incoming.introduced_by = None;
            let step = upsert(db, &mut index, &incoming)?;
            let id = match step {
                Step::Add(id) | Step::Update(id, _) | Step::Same(id, _) => id,
            };
            ids.insert(c.id, id);
            steps.push((step, c.name.clone()));
        }
        for c in &checked.contacts {
            if let (Some(by), Some(&id)) = (c.introduced_by, ids.get(&c.id)) {
                let before = db.contact(id)?;
                let by = ids.get(&by).copied().filter(|&b| b != id);
                if before.introduced_by.is_none() && by.is_some() {
                    let mut contact = before.clone();
                    contact.introduced_by = by;
                    db.update_contact(&before, &contact)?;
                }
            }
        }
        let map = |id: i64| {
            ids.get(&id)
                .copied()
                .context("a contact of the file vanished")
        };

        let mut known: HashMap<String, i64> = HashMap::new();
        db.each_interaction(|i, _| {
            known.insert(signature(&i, &i.contacts), i.id);
            Ok(())
        })?;
        let mut interaction_ids: HashMap<i64, i64> = HashMap::new();
        let mut capture_ids = checked.capture_ids();
        for (n, i) in checked.interactions.iter().enumerate() {
            let contacts: Vec<i64> = i.contacts.iter().map(|&c| map(c)).collect::<Result<_>>()?;
            let sig = signature(i, &contacts);
            let id = match known.get(&sig) {
                Some(&id) => {
                    counts.interactions.1 += 1;
                    id
                }
                None => {
                    let mut new = i.clone();
                    new.id = 0;
                    new.contacts = contacts;
                    new.contacts.dedup();
                    new.intro = match i.intro {
                        Some((a, b)) if map(a)? != map(b)? => Some((map(a)?, map(b)?)),
                        _ => None,
                    };
                    let id = db.insert_interaction(&new)?;
                    known.insert(sig, id);
                    counts.interactions.0 += 1;
                    id
                }
            };
            for c in capture_ids(n) {
                db.mark_captured(c, Some(id))?;
            }
            if i.id != 0 {
                interaction_ids.insert(i.id, id);
            }
        }

        let tags_with_rules: HashSet<String> =
            db.rules()?.into_iter().map(|(tag, _)| tag).collect();
        for (tag, every) in &checked.rules {
            // A rule you already have for the tag wins.
            count(&mut counts.rules, !tags_with_rules.contains(tag), || {
                db.set_rule(tag, *every)
            })?;
        }
        let notes = db.notes(None)?.into_iter();
        let mut seen: HashSet<_> = notes.map(|n| (n.contact, n.topic, n.text)).collect();
        for n in &checked.notes {
            let new = crate::model::Note {
                id: 0,
                contact: map(n.contact)?,
                ..n.clone()
            };
            let key = (new.contact, new.topic.clone(), new.text.clone());
            count(&mut counts.notes, seen.insert(key), || db.add_note(&new))?;
        }
        let promises = db.all_followups()?.into_iter();
        let mut seen: HashSet<_> = promises.map(|f| (f.contact, f.text, f.due)).collect();
        for f in &checked.followups {
            let mut new = f.clone();
            new.id = 0;
            new.contact = map(f.contact)?;
            new.interaction = f.interaction.and_then(|i| interaction_ids.get(&i).copied());
            let key = (new.contact, new.text.clone(), new.due);
            count(&mut counts.followups, seen.insert(key), || {
                db.add_followup(&new)
            })?;
        }
        let assessed = db.assessments(None)?.into_iter();
        let mut seen: HashSet<_> = assessed.map(|a| (a.contact, a.date)).collect();
        for a in &checked.assessments {
            let new = crate::model::Assessment {
                id: 0,
                contact: map(a.contact)?,
                ..a.clone()
            };
            count(
                &mut counts.assessments,
                seen.insert((new.contact, new.date)),
                || db.add_assessment(&new),
            )?;
        }
        Ok((steps, counts))
    };
    let (steps, counts) = if dry_run {
        ctx.store.dry_run(work)?
    } else {
        ctx.store
            .write(format!("import json --merge {}", file.display()), work)?
    };
    let (added, updated, same) = print_steps(ctx, &steps, dry_run)?;
    let part = |(new, old): (usize, usize), what: &str| match old {
        0 => crate::render::count(new, what),
        old => format!("{} ({old} already there)", crate::render::count(new, what)),
    };
    let verb = if dry_run { "Would merge" } else { "Merged" };
    let mut summary = format!(
        "{verb} {}: {}, {updated} updated, {same} unchanged; {}, {}, {}, {}, {}.",
        file.display(),
        crate::render::count(added, "new contact"),
        part(counts.interactions, "interaction"),
        part(counts.rules, "rule"),
        part(counts.notes, "note"),
        part(counts.followups, "promise"),
        part(counts.assessments, "assessment"),
    );
    if dry_run {
        summary.push_str(" Nothing was changed.");
    }
    ctx.say(summary)?;
    crate::commands::dunbar_warning(ctx)?;
    Ok(ExitCode::SUCCESS)
}
