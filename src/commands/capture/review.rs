//! At a terminal, `net capture` and `net inbox` go through the proposals a
//! screen at a time: accept all, one by one, drop, or keep for later.

use anyhow::Result;
use std::collections::BTreeMap;

use super::{view, Choice, Ctx};
use crate::store::InboxRow;
use crate::{prompt, render};

/// Proposals shown per screen at a terminal.
const SCREEN: usize = 15;

/// At a terminal: a screen of proposals at a time, accepted all, one by
/// one, dropped, or kept for later.
pub fn review(
    ctx: &mut Ctx,
    rows: &[InboxRow],
    names: &BTreeMap<i64, String>,
) -> Result<Vec<Choice>> {
    let mut choices = Vec::with_capacity(rows.len());
    for screen in rows.chunks(SCREEN) {
        for r in screen {
            ctx.say(format!("  {}", view::line(r, names)))?;
        }
        let question = format!("{}:", render::count(screen.len(), "proposal"));
        let options = [
            "Accept all".to_string(),
            "One by one".to_string(),
            "Drop all".to_string(),
            "Later (keep them in the inbox)".to_string(),
        ];
        match prompt::choose(&question, &options)? {
            0 => choices.extend(vec![Choice::Accept; screen.len()]),
            1 => {
                let each = [
                    "Accept".to_string(),
                    "Drop".to_string(),
                    "Later".to_string(),
                ];
                for r in screen {
                    choices.push(match prompt::choose(&view::line(r, names), &each)? {
                        0 => Choice::Accept,
                        1 => Choice::Drop,
                        _ => Choice::Keep,
                    });
                }
            }
            2 => choices.extend(vec![Choice::Drop; screen.len()]),
            _ => choices.extend(vec![Choice::Keep; screen.len()]),
        }
    }
    Ok(choices)
}
