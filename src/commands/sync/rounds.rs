//! A sync after its pulls: one write merges what came from the server and
//! plans the pushes (one undo step); the pushes run outside the lock, a few
//! at a time; a short write records what they came to (checking the state
//! again) and merges what a 412 fetched, whose pushes go again (bounded).
//! Last, the sync tokens are moved past this sync's own writes.

use anyhow::Result;
use std::collections::HashSet;

use super::engine;
use super::pull;
use super::pull::Pulled;
use super::push::{self, Outcome, Push};
use super::records::Records;
use super::report::Report;
use crate::commands::Ctx;
use crate::dav::Client;
use crate::store::Db;

/// Push rounds: a write refused with 412 is fetched, merged and retried.
const ROUNDS: usize = 3;

/// Syncs the pulled collections (contacts first: the rest refer to them).
pub fn run(
    ctx: &mut Ctx,
    client: &Client,
    lanes: Vec<(&dyn Records, Pulled)>,
    dry_run: bool,
) -> Result<Vec<Report>> {
    let at = ctx.env.clock();
    let mut reports: Vec<Report> = lanes
        .iter()
        .map(|(r, p)| Report {
            kind: r.kind(),
            listed: p.listed,
            ..Report::default()
        })
        .collect();
    let hrefs: Vec<String> = lanes.iter().map(|(_, p)| p.href.clone()).collect();
    let (kinds, pulled): (Vec<&dyn Records>, Vec<Pulled>) = lanes.into_iter().unzip();
    let mut plan = if dry_run {
        ctx.store
            .dry_run(|db| first_round(db, &kinds, pulled, &mut reports))?
    } else {
        ctx.store.write("sync", |db| {
            let plan = first_round(db, &kinds, pulled, &mut reports)?;
            for r in &reports {
                db.set_synced_at(r.kind, &at)?;
            }
            if reports.iter().any(Report::applied_remote) {
                db.cut_history()?;
            }
            Ok(plan)
        })?
    };
    count(&plan, &mut reports);
    if dry_run {
        return Ok(reports);
    }
    let mut wrote = vec![false; kinds.len()];
    let mut refused = HashSet::new();
    let lane_of = |kind: &str| kinds.iter().position(|r| r.kind() == kind).unwrap_or(0);
    for round in 0..ROUNDS {
        if plan.is_empty() {
            break;
        }
        let answers = push::all(client, &plan);
        let mut failure = None;
        let mut done: Vec<Vec<(Push, Outcome)>> = kinds.iter().map(|_| Vec::new()).collect();
        for (p, answer) in plan.into_iter().zip(answers) {
            let lane = lane_of(p.kind);
            match answer {
                Some(Ok(o)) => {
                    wrote[lane] |= matches!(
                        o,
                        Outcome::Created { .. } | Outcome::Replaced { .. } | Outcome::Deleted
                    );
                    if matches!(o, Outcome::Refused) {
                        refused.insert(p.uuid.clone());
                    }
                    done[lane].push((p, o));
                }
                Some(Err(e)) => failure = failure.or(Some(e)),
                None => {}
            }
        }
        // What went up is recorded even when the server went away meanwhile.
        plan = ctx.store.write("sync", |db| {
            let mut plan = Vec::new();
            for (i, d) in done.into_iter().enumerate() {
                let again = Pulled {
                    href: hrefs[i].clone(),
                    refetched: true,
                    ..Pulled::default()
                };
                plan.extend(engine::apply(kinds[i], db, again, d, &mut reports[i])?);
            }
            Ok(plan)
        })?;
        if let Some(e) = failure {
            return Err(e.into());
        }
        plan.retain(|p| !refused.contains(&p.uuid));
        if round + 1 == ROUNDS {
            for p in &plan {
                reports[lane_of(p.kind)].pending += 1;
            }
        }
    }
    past_own_writes(ctx, client, &kinds, &wrote, &reports)?;
    Ok(reports)
}

fn first_round(
    db: &Db<'_>,
    kinds: &[&dyn Records],
    pulled: Vec<Pulled>,
    reports: &mut [Report],
) -> Result<Vec<Push>> {
    let mut plan = Vec::new();
    for ((r, p), report) in kinds.iter().zip(pulled).zip(reports.iter_mut()) {
        plan.extend(engine::apply(*r, db, p, Vec::new(), report)?);
    }
    Ok(plan)
}

/// The report counts what the first plan would push.
fn count(plan: &[Push], reports: &mut [Report]) {
    for p in plan {
        let Some(r) = reports.iter_mut().find(|r| r.kind == p.kind) else {
            continue;
        };
        match p.op {
            push::Op::New { .. } => r.up_new += 1,
            push::Op::Change(_) => r.up_changed += 1,
            push::Op::Delete(_) => r.up_deleted += 1,
        }
    }
}

/// Moves each token past this sync's own writes, when nobody else wrote
/// meanwhile (asked outside the lock, saved in a short write).
fn past_own_writes(
    ctx: &mut Ctx,
    client: &Client,
    kinds: &[&dyn Records],
    wrote: &[bool],
    reports: &[Report],
) -> Result<()> {
    let mut asked = Vec::new();
    {
        let db = ctx.store.read();
        for (i, r) in kinds.iter().enumerate() {
            if !wrote[i] || reports[i].waiting > 0 {
                continue;
            }
            if let Some((href, Some(token))) = db.sync_collection(r.kind())? {
                asked.push((r.kind(), href, token, db.sync_items(r.kind())?));
            }
        }
    }
    let mut tokens = Vec::new();
    for (kind, href, token, ours) in asked {
        let newer = pull::past_own_writes(&ours, client, &href, &token)?;
        if newer != token {
            tokens.push((kind, href, newer));
        }
    }
    if !tokens.is_empty() {
        ctx.store.write("sync", |db| {
            for (kind, href, token) in &tokens {
                db.set_sync_collection(kind, href, Some(token))?;
            }
            Ok(())
        })?;
    }
    Ok(())
}
