//! The `net log` wizard, at a terminal: what the command line left out —
//! the kind, the people (several), the date, the length, a note and an
//! optional follow-up (a promise, with a due date).

use anyhow::Result;

use super::Ctx;
use crate::cli::LogArgs;
use crate::error::usage;
use crate::prompt;

/// Fills in what is missing from `args`; every answer goes through the same
/// checks as typed flags afterwards.
pub fn ask(ctx: &mut Ctx, args: &mut LogArgs) -> Result<()> {
    if args.kind.is_none() {
        let kinds: Vec<String> = ctx.settings.kinds.keys().cloned().collect();
        let pick = prompt::fuzzy("Kind", &kinds)?;
        args.kind = Some(kinds[pick].clone());
    }
    if args.names.is_empty() {
        people(ctx, args)?;
    }
    let optional = |question: &str| -> Result<Option<String>> {
        let answer = prompt::text(question, true)?;
        Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
    };
    if args.on.is_none() {
        args.on = optional("When (Enter for today; yesterday, last friday, 2026-03-14)")?;
    }
    if args.duration.is_none() {
        args.duration = optional("How long (e.g. 45m, 1h; Enter for the usual)")?;
    }
    if args.note.is_none() {
        args.note = optional("Note (Enter to skip)")?;
    }
    if args.follow_up.is_none() {
        args.follow_up = optional("A promise you made, e.g. send the article (Enter for none)")?;
        if args.follow_up.is_some() && args.by.is_none() {
            args.by = optional("By when (Enter for no date)")?;
        }
    }
    Ok(())
}

/// One or more people: the first is needed, then more until "nobody else".
fn people(ctx: &mut Ctx, args: &mut LogArgs) -> Result<()> {
    let people = ctx.store.read().all_candidates(false)?;
    if people.is_empty() {
        return Err(usage(
            "there are no contacts yet: net add NAME first, or net log KIND NAME --new",
        ));
    }
    let labels: Vec<String> = people
        .iter()
        .map(|c| format!("{} (#{})", c.name, c.id))
        .collect();
    let pick = prompt::fuzzy("With whom", &labels)?;
    let mut chosen = vec![pick];
    let done = "(nobody else)".to_string();
    while chosen.len() < people.len() {
        let rest: Vec<usize> = (0..people.len()).filter(|i| !chosen.contains(i)).collect();
        let items: Vec<String> = std::iter::once(done.clone())
            .chain(rest.iter().map(|&i| labels[i].clone()))
            .collect();
        match prompt::fuzzy("Anyone else (Enter: nobody else)", &items)? {
            0 => break,
            n => chosen.push(rest[n - 1]),
        }
    }
    args.names = chosen
        .into_iter()
        .map(|i| format!("#{}", people[i].id))
        .collect();
    Ok(())
}
