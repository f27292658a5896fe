//! `net show` as text: the brief, section by section.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

use super::{sanitize, Look};
use crate::formats::json::{ContactDoc, InteractionDoc};
use crate::model::{Assessment, FollowUp, GiveTake, Introduction, Note};
use crate::model::{
    Contact, ContactStatus, Initiator, Interaction, Minutes, Plan, PlanSource, Tier,
};
use crate::schedule::Entry;

/// Everything `net show` says of a contact; the JSON is this, less `text`.
#[derive(Serialize)]
pub struct Brief {
    pub contact: ContactDoc,
    pub last_touch: Option<NaiveDate>,
    pub relationship: Option<Relationship>,
    pub tier: Tier,
    pub hours_together: f64,
    pub interactions_total: i64,
    pub gave: u32,
    pub got: u32,
    pub introduced_by: Option<String>,
    /// Contacts this one introduced you to.
    pub introduced_you_to: Vec<String>,
    pub recent: Vec<InteractionDoc>,
    pub notes: Vec<Note>,
    pub introductions: Vec<Introduction>,
    pub promises: Vec<FollowUp>,
    pub assessments: Vec<Assessment>,
    #[serde(skip)]
    pub text: Text,
}

/// What only the text needs.
pub struct Text {
    pub contact: Contact,
    pub plan: Option<Plan>,
    /// The next tier and the hours still to go.
    pub next_tier: Option<(Tier, f64)>,
    pub give_take: Vec<GiveTake>,
    pub recent: Vec<Interaction>,
    /// For each recent interaction, the others who took part.
    pub recent_with: Vec<String>,
    pub today: NaiveDate,
}

#[derive(Serialize)]
pub struct Relationship {
    #[serde(flatten)]
    pub entry: Entry,
    pub cadence: String,
    pub cadence_from: String,
    pub weight: f64,
}

/// Writes the brief as text.
pub fn print(out: &mut dyn Write, look: Look, b: &Brief) -> Result<()> {
    let mut lines: Vec<String> = Vec::new();
    let t = &b.text;
    let contact = &t.contact;
    let today = t.today;
    let id = contact.id;
    let depth = contact.derived.depth_minutes;
    let tier = b.tier;
    header(&mut lines, contact, today);
    if let Some(by) = &b.introduced_by {
        lines.push(field("Via", &format!("introduced to you by {by}")));
    }
    if !b.introduced_you_to.is_empty() {
        lines.push(field(
            "Introduced",
            &format!("you to {}", b.introduced_you_to.join(", ")),
        ));
    }
    match (&t.plan, &b.relationship) {
        (Some(plan), Some(r)) if contact.status == ContactStatus::Active => {
            let e = &r.entry;
            let from = match &plan.source {
                PlanSource::Own => "its own".to_string(),
                PlanSource::Rule(tag) => format!("rule for #{tag}"),
                PlanSource::Default => "the default".to_string(),
                PlanSource::Watch => String::new(),
            };
            let cadence = match &plan.source {
                PlanSource::Watch => format!(
                    "none, but they matter: shown in net due after {} of silence ({})",
                    plan.interval.words(),
                    e.due_on
                ),
                _ => format!("{} ({from}) · next due {}", plan.interval, e.due_on),
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
        .map(|d| format!("{} ({d})", super::ago(d, today)))
        .unwrap_or_else(|| format!("never (added {})", contact.added_on));
    lines.push(field("Last touch", &last));
    let known = if contact.known_minutes > 0 {
        format!(", {} of it before net", Minutes(contact.known_minutes))
    } else {
        String::new()
    };
    let next = t
        .next_tier
        .map(|(t, h)| format!("; {h:.0}h more to {t}"))
        .unwrap_or_default();
    lines.push(field(
        "Depth",
        &format!(
            "{tier}: {} together over {}{known}{next}",
            Minutes(depth.min(u32::MAX as u64) as u32),
            super::count(b.interactions_total as usize, "interaction")
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
    let width = look.width;
    for line in &lines {
        writeln!(out, "{}", super::wrap(&sanitize(line), width, 11))?;
    }
    section(
        &mut *out,
        width,
        "About",
        b.notes
            .iter()
            .map(|n| format!("{}: {} ({}, #{})", n.topic, n.text, n.created_on, n.id)),
    )?;
    section(
        &mut *out,
        width,
        "Promises",
        b.promises.iter().map(|f| {
            let by = f.due.map(|d| format!(" (by {d})")).unwrap_or_default();
            format!("{}. {}{by}", f.id, f.text)
        }),
    )?;
    section(
        &mut *out,
        width,
        "Give and take",
        t.give_take.iter().map(|g| {
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
        &mut *out,
        width,
        "Introductions",
        b.introductions.iter().map(|i| {
            if i.a == id {
                format!("{}  you introduced them to {}", i.date, i.b_name)
            } else {
                format!("{}  you introduced {} to them", i.date, i.a_name)
            }
        }),
    )?;
    if let Some(last) = b.assessments.last() {
        let trend = match b.assessments.len() {
            n if n >= 2 => {
                let prev = &b.assessments[n - 2];
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
            out,
            "\nPartnership {}/9 on {}{trend} (net assess)",
            last.score, last.date
        )?;
    }
    if !t.recent.is_empty() {
        writeln!(out, "\nLast interactions")?;
        for (i, with) in t.recent.iter().zip(&t.recent_with) {
            let line = format!("  {}", sanitize(&interaction_line(i, with)));
            writeln!(out, "{}", super::wrap(&line, width, 4))?;
        }
    }
    Ok(())
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
            writeln!(out, "{}", super::wrap(&line, width, 4))?;
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
            text.push_str(&format!(" ({age}{})", super::ago(next, today)));
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
