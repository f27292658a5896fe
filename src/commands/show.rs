//! `net show NAME`: a brief to read before you call, and why the contact
//! ranks where it does.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::formats::json::{ContactDoc, InteractionDoc};
use crate::model::{Contact, Interaction, Minutes, PlanSource};
use crate::render::{self, sanitize};
use crate::schedule::{self, Entry, Subject};

#[derive(Serialize)]
struct Brief {
    contact: ContactDoc,
    last_touch: Option<chrono::NaiveDate>,
    relationship: Option<Relationship>,
    interactions_total: i64,
    minutes_logged: i64,
    recent: Vec<InteractionDoc>,
}

#[derive(Serialize)]
struct Relationship {
    #[serde(flatten)]
    entry: Entry,
    cadence: String,
    cadence_from: String,
    weight: f64,
}

pub fn run(ctx: &mut Ctx, name: &str) -> Result<ExitCode> {
    let id = ctx.resolve(name, true)?;
    let db = ctx.store.read();
    let contact = db.contact(id)?;
    let recent = db.history(id, 5)?;
    let (count, minutes) = db.totals(id)?;
    let policy = ctx.policy()?;
    let subject = Subject::new(&policy, contact.facts());
    let relationship = subject.as_ref().map(|s| Relationship {
        entry: schedule::assess(s, ctx.today),
        cadence: s.plan.interval.short(),
        cadence_from: match &s.plan.source {
            PlanSource::Own => "contact".into(),
            PlanSource::Rule(tag) => format!("rule:{tag}"),
            PlanSource::Watch => "watch".into(),
        },
        weight: s.weight.factor,
    });
    if ctx.json {
        let brief = Brief {
            contact: ContactDoc::from(&contact),
            last_touch: contact.last_touch,
            relationship,
            interactions_total: count,
            minutes_logged: minutes,
            recent: recent.iter().map(InteractionDoc::from).collect(),
        };
        render::json(&mut ctx.out, &brief)?;
        return Ok(ExitCode::SUCCESS);
    }
    let names = |ids: &[i64]| -> Result<String> {
        let mut out = Vec::new();
        for &other in ids.iter().filter(|&&o| o != id) {
            if let Some((n, _)) = db.name_of(other)? {
                out.push(n);
            }
        }
        Ok(out.join(", "))
    };
    let mut lines: Vec<String> = Vec::new();
    header(&mut lines, &contact, ctx.today);
    match (&subject, &relationship) {
        (Some(s), Some(r)) if contact.status == crate::model::ContactStatus::Active => {
            let e = &r.entry;
            let from = match &s.plan.source {
                PlanSource::Own => "its own".to_string(),
                PlanSource::Rule(tag) => format!("rule for #{tag}"),
                PlanSource::Watch => "watched: no cadence, but it matters".to_string(),
            };
            lines.push(field(
                "Cadence",
                &format!("{} ({from}) · next due {}", s.plan.interval, e.due_on),
            ));
            lines.push(field(
                "Status",
                &format!("{} · {}", e.status.as_str(), e.reason),
            ));
            let weight = s
                .weight
                .reason
                .as_deref()
                .map(|w| format!(" × {:.2} ({w})", s.weight.factor))
                .unwrap_or_default();
            lines.push(field(
                "Rank",
                &format!(
                    "score {:.2} = {:.2} of the cadence gone{weight}",
                    e.score, e.ratio
                ),
            ));
        }
        _ if contact.status == crate::model::ContactStatus::Archived => {
            lines.push(field("Status", "archived (net revive to bring back)"))
        }
        _ => lines.push(field(
            "Cadence",
            "none: not in `net due` (net every NAME 2mo)",
        )),
    }
    let last = contact
        .last_touch
        .map(|d| format!("{} ({d})", render::ago(d, ctx.today)))
        .unwrap_or_else(|| format!("never (added {})", contact.added_on));
    lines.push(field("Last touch", &last));
    let known = if contact.known_minutes > 0 {
        format!(" + {} known before net", Minutes(contact.known_minutes))
    } else {
        String::new()
    };
    lines.push(field(
        "Time",
        &format!(
            "{count} interaction(s), {} logged{known}",
            Minutes(minutes.clamp(0, u32::MAX as i64) as u32)
        ),
    ));
    if let Some(n) = &contact.notes {
        lines.push(field("Notes", n));
    }
    for line in &lines {
        writeln!(ctx.out, "{}", sanitize(line))?;
    }
    if !recent.is_empty() {
        writeln!(ctx.out, "\nLast interactions")?;
        for i in &recent {
            let with = names(&i.contacts)?;
            writeln!(ctx.out, "  {}", sanitize(&interaction_line(i, &with)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn field(label: &str, value: &str) -> String {
    format!("{label:<11}{}", value.replace('\n', "\n           "))
}

fn header(lines: &mut Vec<String>, c: &Contact, today: chrono::NaiveDate) {
    let mut title = format!("{} (#{})", c.name, c.id);
    let work: Vec<&str> = [c.role.as_deref(), c.org.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !work.is_empty() {
        title.push_str(&format!(" · {}", work.join(", ")));
    }
    lines.push(title);
    let opt = |label: &str, v: &Option<String>| v.as_ref().map(|v| field(label, v));
    lines.extend(opt("Why", &c.why));
    lines.extend(opt("Met", &c.met));
    let lists = [
        ("Tags", &c.tags),
        ("Aliases", &c.aliases),
        ("Email", &c.emails),
        ("Phone", &c.phones),
        ("Links", &c.links),
    ];
    for (label, list) in lists {
        if !list.is_empty() {
            lines.push(field(label, &list.join(", ")));
        }
    }
    if let Some(b) = c.birthday {
        let mut text = b.to_string();
        if let Some(next) = b.next_after(today) {
            let age = b
                .age_on(next)
                .map(|a| format!("turns {a} "))
                .unwrap_or_default();
            text.push_str(&format!(" ({age}{})", render::ago(next, today)));
        }
        lines.push(field("Birthday", &text));
    }
}

fn interaction_line(i: &Interaction, with: &str) -> String {
    let mut parts = vec![i.date.to_string(), i.kind.clone()];
    if let Some(m) = i.minutes {
        parts.push(m.to_string());
    }
    if !with.is_empty() {
        parts.push(format!("with {with}"));
    }
    if i.initiator == crate::model::Initiator::They {
        parts.push("(they reached out)".into());
    }
    let mut line = parts.join("  ");
    for (label, v) in [("", &i.note), ("gave: ", &i.gave), ("got: ", &i.got)] {
        if let Some(v) = v {
            line.push_str(&format!(" — {label}{}", v.replace('\n', " ")));
        }
    }
    line
}
