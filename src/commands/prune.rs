//! `net prune`: let contacts that bring nothing fall asleep (seed 000 §10),
//! reversibly: archived contacts keep their history and `net revive` them.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::PruneArgs;
use crate::model::{span, ContactStatus, Minutes};
use crate::schedule::Subject;
use crate::{parse, prompt, render};

#[derive(Serialize)]
struct Proposal {
    id: i64,
    name: String,
    last_touch: Option<chrono::NaiveDate>,
    minutes_together: u64,
    cadence: Option<String>,
    reason: String,
}

pub fn run(ctx: &mut Ctx, args: &PruneArgs) -> Result<ExitCode> {
    let idle = parse::interval(&args.idle)?;
    let cutoff = idle.before(ctx.today);
    let shallow = (ctx.settings.thresholds.casual_friend * 60.0) as u64;
    let policy = ctx.policy()?;
    let mut proposals = Vec::new();
    for c in ctx.store.read().dormant(cutoff, shallow)? {
        let since = c.last_touch.unwrap_or(c.added_on);
        let subject = Subject::new(&policy, c.facts());
        // A contact with a cadence goes only when it has been silent for more
        // than twice its cadence; dropping the cadence is the alternative.
        let cadence = match &subject {
            Some(s) if ctx.today <= s.plan.interval.scaled_after(since, 2) => continue,
            Some(s) => Some(s.plan.interval.short()),
            None => None,
        };
        let silent = match c.last_touch {
            Some(_) => format!("silent {}", span((ctx.today - since).num_days())),
            None => format!(
                "never contacted in {}",
                span((ctx.today - since).num_days())
            ),
        };
        let mut reason = format!(
            "{silent}, {} together",
            Minutes(c.derived.depth_minutes.min(u32::MAX as u64) as u32)
        );
        match &c.why {
            Some(why) => reason.push_str(&format!(", why: {why}")),
            None => reason.push_str(", no why"),
        }
        if let Some(every) = &cadence {
            reason.push_str(&format!(
                "; cadence {every} (or keep them: net every '#{}' never)",
                c.id
            ));
        }
        proposals.push(Proposal {
            id: c.id,
            name: c.name.clone(),
            last_touch: c.last_touch,
            minutes_together: c.derived.depth_minutes,
            cadence,
            reason,
        });
    }
    if ctx.json && (args.dry_run || !args.yes) {
        render::json(&mut ctx.out, &proposals)?;
        return Ok(ExitCode::SUCCESS);
    }
    if proposals.is_empty() {
        ctx.say(format!("Nothing to prune: no contact has been dormant for {} or more without depth or promises.", idle.words()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let labels: Vec<String> = proposals
        .iter()
        .map(|p| format!("{} (#{}) — {}", p.name, p.id, p.reason))
        .collect();
    let chosen: Vec<usize> = if args.yes {
        (0..proposals.len()).collect()
    } else if args.dry_run || !ctx.can_prompt {
        writeln!(
            ctx.out,
            "Dormant for {} or more: {}",
            idle.words(),
            render::count(proposals.len(), "contact")
        )?;
        for l in &labels {
            writeln!(ctx.out, "  {}", render::sanitize(l))?;
        }
        let how = if args.dry_run {
            "Dry run"
        } else {
            "No terminal to choose at"
        };
        ctx.say(format!("{how}: nothing archived. `net prune --yes` archives them all; `net revive` brings one back."))?;
        return Ok(ExitCode::SUCCESS);
    } else {
        prompt::pick_many("Archive these? (space toggles, enter confirms)", &labels)?
    };
    let ids: Vec<i64> = chosen.iter().map(|&i| proposals[i].id).collect();
    ctx.store
        .write(format!("prune ({} archived)", ids.len()), |db| {
            for id in &ids {
                db.set_status(*id, ContactStatus::Archived)?;
            }
            Ok(())
        })?;
    if ctx.json {
        let archived: Vec<&Proposal> = chosen.iter().map(|&i| &proposals[i]).collect();
        render::json(&mut ctx.out, &archived)?;
    }
    ctx.say(format!(
        "Archived {}. Their history stays; `net revive NAME` brings one back.",
        render::count(ids.len(), "contact")
    ))?;
    Ok(ExitCode::SUCCESS)
}
