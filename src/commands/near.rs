//! Duplicates as they are typed: a new name a letter or two from an existing
//! one (`net add "Jana Rot"` while Jana Roth exists, `net log … --new`). At a
//! terminal the person is asked; without one the contact is created and
//! stderr says how to merge it.

use anyhow::Result;

use super::Ctx;
use crate::matching::{self, Near};
use crate::prompt;

/// Existing contacts whose folded name is 1 to a few letters from `name`
/// (the same name is said elsewhere), closest first; `except` is left out.
fn near(ctx: &Ctx, name: &str, except: Option<i64>) -> Result<Vec<(Near, String)>> {
    let all = ctx.store.read().all_candidates(true)?;
    let mut out = Vec::new();
    for n in matching::near_names(name, &all) {
        if n.distance == 0 || Some(n.id) == except {
            continue;
        }
        if let Some(c) = all.iter().find(|c| c.id == n.id) {
            out.push((n, c.name.clone()));
        }
    }
    Ok(out)
}

/// Before creating `name`: at a terminal, asks about each near name
/// ("Jana Roth (#12) exists — same person?") and returns the one meant.
pub fn same_person(ctx: &mut Ctx, name: &str) -> Result<Option<i64>> {
    if !ctx.can_prompt {
        return Ok(None);
    }
    for (n, existing) in near(ctx, name, None)? {
        if prompt::confirm(&format!("{existing} (#{}) exists — same person?", n.id))? {
            return Ok(Some(n.id));
        }
    }
    Ok(None)
}

/// After creating `name` as `id` without a terminal to ask: says on stderr
/// which existing names are close, and the command that joins them.
pub fn warn_created(ctx: &mut Ctx, name: &str, id: i64) -> Result<()> {
    if ctx.can_prompt {
        return Ok(());
    }
    for (n, existing) in near(ctx, name, Some(id))? {
        let letters = if n.distance == 1 { "letter" } else { "letters" };
        ctx.say(format!(
            "note: {existing} (#{}) is {} {letters} from {name}: if they are one person, `net merge '#{}' '#{id}'` joins them",
            n.id, n.distance, n.id
        ))?;
    }
    Ok(())
}
