//! `net show NAME`: a brief to read before you call (seed 000 §4, seed 002),
//! and why the contact ranks where it does.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::formats::json::{ContactDoc, InteractionDoc};
use crate::model::{Assessment, FollowUp, Introduction, Note};
use crate::model::{Contact, ContactStatus, Initiator, Interaction, Minutes, PlanSource, Tier};
use crate::render::{self, sanitize};
use crate::schedule::{self, Entry, Subject};

#[derive(Serialize)]
struct Brief {
    contact: ContactDoc,
    last_touch: Option<chrono::NaiveDate>,
    relationship: Option<Relationship>,
    tier: Tier,
    hours_together: f64,
    interactions_total: i64,
    gave: u32,
    got: u32,
    introduced_by: Option<String>,
    /// Contacts this one introduced you to.
    introduced_you_to: Vec<String>,
    recent: Vec<InteractionDoc>,
    notes: Vec<Note>,
    introductions: Vec<Introduction>,
    promises: Vec<FollowUp>,
    assessments: Vec<Assessment>,
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
    let count = db.interaction_total(id)?;
    let notes = db.notes(Some(id))?;
    let introductions = db.introductions(Some(id))?;
    let mut promises = db.open_followups(Some(id))?;
    promises.retain(|f| f.contact == id);
    let assessments = db.assessments(Some(id))?;
    let introduced_by = match contact.introduced_by {
        Some(by) => db.name_of(by)?.map(|(n, _)| n),
        None => None,
    };
    let introduced_you_to = db.introduced_through(id)?;
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
    let depth = contact.derived.depth_minutes;
    let tier = Tier::of(depth, &ctx.settings.thresholds);
    if ctx.json {
        let brief = Brief {
            contact: ContactDoc::from(&contact),
            last_touch: contact.last_touch,
            relationship,
            tier,
            hours_together: (depth as f64 / 6.0).round() / 10.0,
            interactions_total: count,
            gave: contact.derived.gave_count,
            got: contact.derived.got_count,
            introduced_by,
            introduced_you_to,
            recent: recent.iter().map(InteractionDoc::from).collect(),
            notes,
            introductions,
            promises,
            assessments,
        };
        render::json(&mut ctx.out, &brief)?;
        return Ok(ExitCode::SUCCESS);
    }

    let mut lines: Vec<String> = Vec::new();
    header(&mut lines, &contact, ctx.today);
    if let Some(by) = &introduced_by {
        lines.push(field("Via", &format!("introduced to you by {by}")));
    }
    if !introduced_you_to.is_empty() {
        lines.push(field(
            "Introduced",
            &format!("you to {}", introduced_you_to.join(", ")),
        ));
    }
    match (&subject, &relationship) {
        (Some(s), Some(r)) if contact.status == ContactStatus::Active => {
            let e = &r.entry;
            let from = match &s.plan.source {
                PlanSource::Own => "its own".to_string(),
                PlanSource::Rule(tag) => format!("rule for #{tag}"),
                PlanSource::Watch => String::new(),
            };
            let cadence = match &s.plan.source {
                PlanSource::Watch => format!(
                    "none, but they matter: shown in net due after {} of silence ({})",
                    s.plan.interval.words(),
                    e.due_on
                ),
                _ => format!("{} ({from}) · next due {}", s.plan.interval, e.due_on),
            };
            lines.push(field("Cadence", &cadence));
            lines.push(field(
                "Status",
                &format!("{} · {}", e.status.as_str(), e.reason),
            ));
            let f = &e.factors;
            let weight = f
                .weight
                .reason
                .as_deref()
                .map(|w| format!(" × {:.2} ({w})", f.weight.factor))
                .unwrap_or_default();
            let promise = f
                .promise_reason()
                .map(|why| format!(" × {} ({why})", f.promise))
                .unwrap_or_default();
            lines.push(field(
                "Rank",
                &format!(
                    "score {:.2} = {:.2} of the cadence gone{weight}{promise}",
                    e.score, f.ratio
                ),
            ));
        }
        _ if contact.status == ContactStatus::Archived => {
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
        format!(", {} of it before net", Minutes(contact.known_minutes))
    } else {
        String::new()
    };
    let next = Tier::hours_to_next(depth, &ctx.settings.thresholds)
        .map(|(t, h)| format!("; {h:.0}h more to {t}"))
        .unwrap_or_default();
    lines.push(field(
        "Depth",
        &format!(
            "{tier}: {} together over {}{known}{next}",
            Minutes(depth.min(u32::MAX as u64) as u32),
            render::count(count as usize, "interaction")
        ),
    ));
    let (gave, got) = (contact.derived.gave_count, contact.derived.got_count);
    if gave + got > 0 {
        let hint = if gave == 0 {
            " — give something first"
        } else {
            ""
        };
        lines.push(field("Balance", &format!("gave {gave} · got {got}{hint}")));
    }
    if let Some(n) = &contact.notes {
        lines.push(field("Notes", n));
    }
    let width = ctx.look.width;
    for line in &lines {
        writeln!(ctx.out, "{}", render::wrap(&sanitize(line), width, 11))?;
    }
    section(
        &mut *ctx.out,
        width,
        "About",
        notes.iter().map(|n| format!("{}: {}", n.topic, n.text)),
    )?;
    section(
        &mut *ctx.out,
        width,
        "Promises",
        promises.iter().map(|f| {
            let by = f.due.map(|d| format!(" (by {d})")).unwrap_or_default();
            format!("{}. {}{by}", f.id, f.text)
        }),
    )?;
    let gt = db.give_take(id, 10)?;
    section(
        &mut *ctx.out,
        width,
        "Give and take",
        gt.iter().map(|g| {
            let mut parts = Vec::new();
            if let Some(v) = &g.gave {
                parts.push(format!("gave: {v}"));
            }
            if let Some(v) = &g.got {
                parts.push(format!("got: {v}"));
            }
            format!("{}  {}", g.date, parts.join(" · "))
        }),
    )?;
    section(
        &mut *ctx.out,
        width,
        "Introductions",
        introductions.iter().map(|i| {
            if i.a == id {
                format!("{}  you introduced them to {}", i.date, i.b_name)
            } else {
                format!("{}  you introduced {} to them", i.date, i.a_name)
            }
        }),
    )?;
    if let Some(last) = assessments.last() {
        let trend = match assessments.len() {
            n if n >= 2 => {
                let prev = &assessments[n - 2];
                let arrow = match last.score.cmp(&prev.score) {
                    std::cmp::Ordering::Greater => "up",
                    std::cmp::Ordering::Less => "down",
                    std::cmp::Ordering::Equal => "same",
                };
                format!(" ({arrow} from {}/9 on {})", prev.score, prev.date)
            }
            _ => String::new(),
        };
        writeln!(
            ctx.out,
            "\nPartnership {}/9 on {}{trend} (net assess)",
            last.score, last.date
        )?;
    }
    if !recent.is_empty() {
        writeln!(ctx.out, "\nLast interactions")?;
        for i in &recent {
            let mut others = Vec::new();
            for &other in i.contacts.iter().filter(|&&o| o != id) {
                if let Some((n, _)) = db.name_of(other)? {
                    others.push(n);
                }
            }
            let line = format!("  {}", sanitize(&interaction_line(i, &others.join(", "))));
            writeln!(ctx.out, "{}", render::wrap(&line, width, 4))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn section(
    out: &mut dyn Write,
    width: Option<u16>,
    title: &str,
    lines: impl Iterator<Item = String>,
) -> Result<()> {
    let lines: Vec<String> = lines.collect();
    if !lines.is_empty() {
        writeln!(out, "\n{title}")?;
        for l in lines {
            let line = format!("  {}", sanitize(&l.replace('\n', "\n  ")));
            writeln!(out, "{}", render::wrap(&line, width, 4))?;
        }
    }
    Ok(())
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
    if i.initiator == Initiator::They {
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
