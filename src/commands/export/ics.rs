//! `net export ics`: the coming months as a calendar (seed 000 §8: put
//! important people in the calendar, a year ahead). For every nurtured
//! contact a check-in repeating at its cadence from its next due day, for
//! every birthday a yearly all-day event, for every dated promise an event.

use anyhow::Result;
use chrono::Months;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::save;
use crate::commands::Ctx;
use crate::formats::ics::{self, Event, Repeat};
use crate::formats::vcard::uid_of;
use crate::model::{ContactStatus, Interval, PlanSource, Unit};
use crate::schedule::Subject;

pub fn run(ctx: &mut Ctx, months: u32, out: Option<PathBuf>) -> Result<ExitCode> {
    let today = ctx.today;
    let until = today
        .checked_add_months(Months::new(months))
        .unwrap_or(today);
    let policy = ctx.policy()?;
    let db = ctx.store.read();
    let contacts: Vec<_> = db
        .all_contacts()?
        .into_iter()
        .filter(|c| c.status == ContactStatus::Active)
        .collect();
    let mut checkins = Vec::new();
    let mut birthdays = Vec::new();
    for c in &contacts {
        let uid = uid_of(c);
        // A watched contact has no cadence: it is a reminder in `net due`, not a plan.
        if let Some(s) =
            Subject::new(&policy, c.facts()).filter(|s| s.plan.source != PlanSource::Watch)
        {
            // Overdue: today. Snoozed: when the snooze ends.
            let mut day = s.plan.due_on(s.since).max(today);
            if let Some(snooze) = c.snoozed_until.filter(|&u| u > day) {
                day = snooze;
            }
            if day <= until {
                let mut lines = Vec::new();
                if let Some(why) = &c.why {
                    lines.push(format!("Why: {why}"));
                }
                let work: Vec<&str> = [c.role.as_deref(), c.org.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if !work.is_empty() {
                    lines.push(work.join(", "));
                }
                lines.push(match c.last_touch {
                    Some(d) => format!("Last touch: {d}"),
                    None => "Not contacted since added".to_string(),
                });
                lines.push(format!("Cadence: {}", s.plan.interval));
                lines.push(format!("Before you call: net show '#{}'", c.id));
                checkins.push(Event {
                    uid: format!("checkin-{uid}"),
                    summary: format!("Check in with {}", c.name),
                    description: Some(lines.join("\n")),
                    day,
                    repeat: Some(Repeat {
                        end_of_february: false,
                        every: s.plan.interval,
                        until: Some(until),
                    }),
                    category: "net check-in",
                });
            }
        }
        if let Some(day) = c.birthday.and_then(|b| b.next_after(today)) {
            birthdays.push(Event {
                uid: format!("birthday-{uid}"),
                summary: format!("Birthday: {}", c.name),
                description: c.birthday.and_then(|b| b.year).map(|y| format!("Born {y}")),
                day,
                repeat: Some(Repeat {
                    every: Interval::new(1, Unit::Years),
                    until: None,
                    end_of_february: c.birthday.is_some_and(|b| (b.month, b.day) == (2, 29)),
                }),
                category: "net birthday",
            });
        }
    }
    let uids: HashMap<i64, String> = contacts.iter().map(|c| (c.id, uid_of(c))).collect();
    let mut promises = Vec::new();
    for f in db.open_followups(None)? {
        let (Some(due), Some(uid)) = (f.due, uids.get(&f.contact)) else {
            continue;
        };
        let overdue = due < today;
        promises.push(Event {
            uid: format!("promise-{}-{uid}", f.id),
            summary: if overdue {
                format!("Overdue promise to {}: {}", f.contact_name, f.text)
            } else {
                format!("Promise to {}: {}", f.contact_name, f.text)
            },
            description: Some(format!("Due {due}. When kept: net done {}", f.id)),
            day: due.max(today),
            repeat: None,
            category: "net promise",
        });
    }
    let counts = (checkins.len(), birthdays.len(), promises.len());
    let mut events = checkins;
    events.append(&mut birthdays);
    events.append(&mut promises);
    let text = ics::write(&events, "net", ctx.env.now_utc());
    match out {
        Some(path) => {
            save(&path, |w| Ok(w.write_all(text.as_bytes())?))?;
            ctx.say(format!(
                "Wrote {}, {} and {} to {}.",
                crate::render::count(counts.0, "check-in"),
                crate::render::count(counts.1, "birthday"),
                crate::render::count(counts.2, "promise"),
                path.display()
            ))?;
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
