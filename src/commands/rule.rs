//! `net rule add|list|rm`: cadences for everyone with a tag.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::RuleCommand;
use crate::parse;
use crate::render;

pub fn run(ctx: &mut Ctx, command: RuleCommand) -> Result<ExitCode> {
    match command {
        RuleCommand::Add { tag, every } => {
            let tag = parse::tag(&tag)?;
            let interval = parse::interval(&every)?;
            let count = ctx
                .store
                .write(format!("rule add {tag} {}", interval.short()), |db| {
                    db.set_rule(&tag, interval)?;
                    let ids = db.tagged(&tag)?;
                    let mut own = 0;
                    for id in &ids {
                        own += usize::from(db.contact(*id)?.every.is_some());
                    }
                    Ok((ids.len(), own))
                })?;
            let (tagged, own) = count;
            let mut msg = format!(
                "Contacts tagged {tag} should hear from you {interval}: {} of {tagged} follow the rule.",
                tagged - own
            );
            if own > 0 {
                msg.push_str(&format!(
                    " {} of their own (net every NAME rules makes one follow the rule).",
                    if own == 1 {
                        "1 keeps a cadence".to_string()
                    } else {
                        format!("{own} keep a cadence")
                    }
                ));
            }
            ctx.say(msg)?;
            super::dunbar_warning(ctx)?;
        }
        RuleCommand::List => {
            let rules = ctx.store.read().rules()?;
            if ctx.json {
                let list: Vec<_> = rules
                    .iter()
                    .map(|(tag, i)| serde_json::json!({"tag": tag, "every": i.short()}))
                    .collect();
                render::json(&mut ctx.out, &list)?;
            } else if rules.is_empty() {
                ctx.say("No rules yet: net rule add --tag client --every 1mo")?;
            } else {
                let mut t = render::table(ctx.look, &["Tag", "Every", "Tagged"]);
                for (tag, i) in &rules {
                    let n = ctx.store.read().tagged(tag)?.len();
                    t.add_row(vec![
                        render::text(tag),
                        render::text(&i.to_string()),
                        n.into(),
                    ]);
                }
                render::print_table(&mut ctx.out, &t)?;
            }
        }
        RuleCommand::Rm { tag } => {
            let tag = parse::tag(&tag)?;
            let removed = ctx.store.write(format!("rule rm {tag}"), |db| {
                if !db.remove_rule(&tag)? {
                    return Ok(false);
                }
                Ok(true)
            })?;
            if !removed {
                anyhow::bail!("there is no rule for tag {tag}: see `net rule list`");
            }
            ctx.say(format!("Removed the rule for {tag}."))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
