//! `net intro A B`: you connected two of your contacts (seed 000 §9).

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::IntroArgs;
use crate::error::usage;
use crate::model::{Initiator, Interaction};

pub fn run(ctx: &mut Ctx, args: &IntroArgs) -> Result<ExitCode> {
    let (pa, pb) = (ctx.pick(&args.a, false)?, ctx.pick(&args.b, false)?);
    let (a, b) = (pa.id, pb.id);
    if a == b {
        return Err(usage("an introduction needs two different contacts"));
    }
    let date = super::past_date(ctx, args.on.as_deref())?;
    let interaction = Interaction {
        id: 0,
        kind: "intro".into(),
        date,
        time: None,
        minutes: None,
        note: args
            .note
            .as_ref()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        gave: None,
        got: None,
        initiator: Initiator::Me,
        place: None,
        contacts: vec![a, b],
        intro: Some((a, b)),
    };
    ctx.store
        .write(format!("intro {} {}", args.a, args.b), |db| {
            db.require(&pa)?;
            db.require(&pb)?;
            db.insert_interaction(&interaction)?;
            Ok(())
        })?;
    let (an, bn) = (
        ctx.store.read().contact(a)?.name,
        ctx.store.read().contact(b)?.name,
    );
    ctx.say(format!(
        "Introduced {an} to {bn}. Both count as touched {}.",
        if date == ctx.today {
            "today".to_string()
        } else {
            format!("on {date}")
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}
