//! `net show NAME`: a brief to read before you call (seed 000 §4, seed 002),
//! and why the contact ranks where it does.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::formats::json::{ContactDoc, InteractionDoc};
use crate::model::Tier;
use crate::render::show::{Brief, Relationship, Text};
use crate::render::{self};
use crate::schedule::{self, Subject};

pub fn run(ctx: &mut Ctx, name: &str) -> Result<ExitCode> {
    let id = ctx.resolve(name, true)?;
    let db = ctx.store.read();
    let contact = db.contact(id)?;
    let recent = db.history(id, 5)?;
    let mut recent_with = Vec::with_capacity(recent.len());
    for i in &recent {
        let mut others = Vec::new();
        for &other in i.contacts.iter().filter(|&&o| o != id) {
            if let Some((n, _)) = db.name_of(other)? {
                others.push(n);
            }
        }
        recent_with.push(others.join(", "));
    }
    let mut promises = db.open_followups(Some(id))?;
    promises.retain(|f| f.contact == id);
    let introduced_by = match contact.introduced_by {
        Some(by) => db.name_of(by)?.map(|(n, _)| n),
        None => None,
    };
    let policy = ctx.policy()?;
    let mut subject = Subject::new(&policy, contact.facts());
    if let Some(s) = &mut subject {
        let overdue = promises
            .iter()
            .filter(|f| f.due.is_some_and(|d| d < ctx.today))
            .count();
        s.promises = (promises.len() as u32, overdue as u32);
        s.gave_got = (contact.derived.gave_count, contact.derived.got_count);
    }
    let relationship = subject.as_ref().map(|s| Relationship {
        entry: schedule::assess(s, ctx.today),
        cadence: s.plan.interval.short(),
        cadence_from: s.plan.source.label(),
        weight: s.weight.factor,
    });
    let brief_counts = (contact.derived.gave_count, contact.derived.got_count);
    let depth = contact.derived.depth_minutes;
    let thresholds = ctx.settings.thresholds;
    let brief = Brief {
        contact: ContactDoc::from(&contact),
        last_touch: contact.last_touch,
        relationship,
        tier: Tier::of(depth, &thresholds),
        hours_together: (depth as f64 / 6.0).round() / 10.0,
        interactions_total: db.interaction_total(id)?,
        gave: contact.derived.gave_count,
        got: contact.derived.got_count,
        introduced_by,
        introduced_you_to: db.introduced_through(id)?,
        recent: recent.iter().map(InteractionDoc::from).collect(),
        notes: db.notes(Some(id))?,
        introductions: db.introductions(Some(id))?,
        promises,
        assessments: db.assessments(Some(id))?,
        text: Text {
            plan: subject.map(|s| s.plan),
            next_tier: Tier::hours_to_next(depth, &thresholds),
            // The stored counts say whether there is anything to look for: a
            // busy contact's whole history is not joined to find nothing.
            give_take: if ctx.json || brief_counts == (0, 0) {
                Vec::new()
            } else {
                db.give_take(id, 10)?
            },
            recent,
            recent_with,
            today: ctx.today,
            contact,
        },
    };
    if ctx.json {
        render::json(&mut ctx.out, &brief)?;
    } else {
        render::show::print(&mut ctx.out, ctx.look, &brief)?;
    }
    Ok(ExitCode::SUCCESS)
}
