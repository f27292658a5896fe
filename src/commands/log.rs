//! `net log KIND NAME...`: record what happened, in seconds.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::LogArgs;
use crate::error::usage;
use crate::formats::json::InteractionDoc;
use crate::model::FollowUp;
use crate::model::{Contact, Initiator, Interaction};
use crate::{parse, render};

/// A participant: someone known, or a name to create with `--new`.
enum Who {
    Known(crate::store::Picked),
    New(String),
}

pub fn run(ctx: &mut Ctx, mut args: LogArgs) -> Result<ExitCode> {
    if args.kind.is_none() || args.names.is_empty() {
        if !ctx.can_prompt {
            return Err(usage(
                "say what and with whom: net log KIND NAME..., e.g. net log coffee anna --for 45m",
            ));
        }
        super::log_ask::ask(ctx, &mut args)?;
    }
    let kind = super::kind::check_kind(ctx, args.kind.as_deref().unwrap_or_default())?;
    let date = match &args.on {
        Some(text) => ctx.date(text)?,
        None => ctx.today,
    };
    if date > ctx.today {
        return Err(usage(format!(
            "{date} is in the future: log what has happened (see `net snooze` to plan)"
        )));
    }
    let minutes = args.duration.as_deref().map(parse::duration).transpose()?;
    let promise = match &args.follow_up {
        Some(text) if text.trim().is_empty() => {
            return Err(usage("--follow-up needs the promise as text"))
        }
        Some(text) => Some((
            text.trim().to_string(),
            args.by.as_deref().map(|b| due_date(ctx, b)).transpose()?,
        )),
        None => None,
    };
    let mut who: Vec<Who> = Vec::new();
    for name in &args.names {
        let person = match ctx.lookup(name, false)? {
            Some(id) => Who::Known(ctx.picked(id)?),
            None if args.new => {
                let name = crate::parse::name(name)?;
                match super::near::same_person(ctx, &name)? {
                    Some(id) => Who::Known(ctx.picked(id)?),
                    None => Who::New(name),
                }
            }
            None => return Err(ctx.not_found(name, false)),
        };
        let duplicate = who.iter().any(|w| match (w, &person) {
            (Who::Known(a), Who::Known(b)) => a.id == b.id,
            (Who::New(a), Who::New(b)) => a == b,
            _ => false,
        });
        if !duplicate {
            who.push(person);
        }
    }
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut interaction = Interaction {
        id: 0,
        kind: kind.clone(),
        date,
        time: None,
        minutes,
        note: text(&args.note),
        gave: text(&args.gave),
        got: text(&args.got),
        initiator: if args.they {
            Initiator::They
        } else {
            Initiator::Me
        },
        place: text(&args.at),
        contacts: Vec::new(),
        intro: None,
    };
    let mut fresh = Contact::new(String::new(), ctx.today);
    // The default, which a tag rule overrides (issue 10.4).
    fresh.every = match ctx.settings.default_every {
        crate::model::Cadence::Never => None,
        _ => Some(crate::model::Cadence::Default),
    };
    fresh.met = text(&args.at).map(|at| format!("{at} ({date})"));
    let today = ctx.today;
    let (id, created) =
        ctx.store
            .write(format!("log {kind} with {}", args.names.join(", ")), |db| {
                let mut created = Vec::new();
                for w in &who {
                    let id = match w {
                        Who::Known(who) => db.require(who)?.id,
                        Who::New(name) => {
                            let id = db.insert_contact(&Contact {
                                name: name.clone(),
                                ..fresh.clone()
                            })?;
                            created.push(format!("{name} (#{id})"));
                            id
                        }
                    };
                    interaction.contacts.push(id);
                }
                let id = db.insert_interaction(&interaction)?;
                if let Some((text, due)) = &promise {
                    db.add_followup(&FollowUp {
                        id: 0,
                        contact: interaction.contacts[0],
                        contact_name: String::new(),
                        text: text.clone(),
                        due: *due,
                        created_on: today,
                        done_on: None,
                        interaction: Some(id),
                    })?;
                }
                Ok((id, created))
            })?;
    interaction.id = id;
    if ctx.json {
        render::json(&mut ctx.out, &InteractionDoc::from(&interaction))?;
    }
    let mut names = Vec::new();
    for c in &interaction.contacts {
        names.push(ctx.store.read().contact(*c)?.name);
    }
    let length = match minutes {
        Some(m) => format!(", {m}"),
        None => match ctx.settings.kind_minutes(&kind) {
            Some(0) | None => String::new(),
            Some(m) => format!(
                ", counted as {} (the usual for {kind}; say how long with --for)",
                crate::model::Minutes(m)
            ),
        },
    };
    let on = if date == ctx.today {
        String::new()
    } else {
        format!(" on {date}")
    };
    ctx.say(format!(
        "Logged {kind} with {}{on}{length}.",
        names.join(" and ")
    ))?;
    if !created.is_empty() {
        let label = if created.len() == 1 {
            "New contact"
        } else {
            "New contacts"
        };
        ctx.say(format!("{label}: {}.", created.join(", ")))?;
    }
    for (w, id) in who.iter().zip(&interaction.contacts) {
        if let Who::New(name) = w {
            super::near::warn_created(ctx, name, *id)?;
        }
    }
    if let Some((text, due)) = &promise {
        let by = due.map(|d| format!(" by {d}")).unwrap_or_default();
        ctx.say(format!(
            "Promised {}: {text}{by} (net todo lists it).",
            names[0]
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// When a promise is due. A bare weekday means the coming one ("by friday").
pub(super) fn due_date(ctx: &Ctx, text: &str) -> Result<chrono::NaiveDate> {
    ctx.date_ahead(text)
}
