//! `net rule add|list|rm`: cadences for everyone with a tag.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::RuleCommand;
use crate::model::PlanSource;
use crate::parse;
use crate::render;

pub fn run(ctx: &mut Ctx, command: RuleCommand) -> Result<ExitCode> {
    match command {
        RuleCommand::Add { tag, every } => {
            let tag = parse::tag(&tag)?;
            let interval = parse::interval(&every)?;
            let base = ctx.policy()?;
            let (tagged, follow, own, tighter) =
                ctx.store
                    .write(format!("rule add {tag} {}", interval.short()), |db| {
                        db.set_rule(&tag, interval)?;
                        // Who follows it is what the policy says with the rule in place.
                        let policy = crate::model::Policy {
                            rules: db.rules()?,
                            ..base.clone()
                        };
                        let ids = db.tagged(&tag)?;
                        let (mut follow, mut own, mut tighter) = (0, 0, 0);
                        for id in &ids {
                            let c = db.contact(*id)?;
                            match policy
                                .plan(c.every, &c.tags, c.why.as_deref())
                                .map(|p| p.source)
                            {
                                Some(PlanSource::Rule(t)) if t == tag => follow += 1,
                                Some(PlanSource::Rule(_)) => tighter += 1,
                                _ => own += 1,
                            }
                        }
                        Ok((ids.len(), follow, own, tighter))
                    })?;
            let mut msg = format!(
                "Contacts tagged {tag} should hear from you {interval}: {follow} of {tagged} follow the rule."
            );
            if tighter > 0 {
                msg.push_str(&format!(
                    " {} a tighter rule of another tag.",
                    if tighter == 1 {
                        "1 follows".to_string()
                    } else {
                        format!("{tighter} follow")
                    }
                ));
            }
            if own > 0 {
                msg.push_str(&format!(
                    " {} of their own (net every NAME rules, or net every --tag {tag} rules, makes them follow it).",
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
