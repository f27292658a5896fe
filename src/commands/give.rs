//! `net gave NAME TEXT` / `net got NAME TEXT`: give and take, in one line
//! (seed 000 §7: give first, then take).

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::GiveTakeArgs;
use crate::error::usage;
use crate::model::{Initiator, Interaction};

pub fn run(ctx: &mut Ctx, args: &GiveTakeArgs, gave: bool) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, false)?;
    let id = who.id;
    let text = args.text.trim().to_string();
    if text.is_empty() {
        return Err(usage(
            "say what it was: net gave NAME \"the article on heat pumps\"",
        ));
    }
    let date = super::past_date(ctx, args.on.as_deref())?;
    let (gave_text, got_text) = if gave {
        (Some(text.clone()), None)
    } else {
        (None, Some(text.clone()))
    };
    let interaction = Interaction {
        id: 0,
        kind: "note".into(),
        date,
        time: None,
        minutes: None,
        note: None,
        gave: gave_text,
        got: got_text,
        initiator: if gave { Initiator::Me } else { Initiator::They },
        place: None,
        contacts: vec![id],
        intro: None,
    };
    ctx.store.write_contact(
        &who,
        format!(
            "{} {}: {text}",
            if gave { "gave" } else { "got" },
            args.name
        ),
        |db, _| {
            db.insert_interaction(&interaction)?;
            Ok(())
        },
    )?;
    let c = ctx.store.read().contact(id)?;
    let verb = if gave { "gave" } else { "got from" };
    ctx.say(format!(
        "You {verb} {}: {text}. Balance: gave {} · got {}.",
        c.name, c.derived.gave_count, c.derived.got_count
    ))?;
    Ok(ExitCode::SUCCESS)
}
