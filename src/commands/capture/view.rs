//! How proposals are written: one line each, as JSON, and the summary of a
//! capture (what was left out, the hints).

use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use super::{row, Choice, Ctx, Found};
use crate::cli::CaptureOpts;
use crate::formats::capture::rules::Proposal;
use crate::model::Minutes;
use crate::render;
use crate::store::InboxRow;

#[allow(clippy::too_many_arguments)]
pub(super) fn capture(
    ctx: &mut Ctx,
    opts: &CaptureOpts,
    found: &Found,
    rows: &[InboxRow],
    choices: &[Choice],
    names: &BTreeMap<i64, String>,
    attached: &[(&Proposal, i64)],
    before: usize,
) -> Result<ExitCode> {
    let status = |i: usize| match choices.get(i) {
        None => "new",
        Some(Choice::Accept) => "accepted",
        Some(Choice::Drop) => "dropped",
        Some(Choice::Keep) => "inbox",
    };
    let skipped: BTreeMap<&str, usize> = found
        .outcome
        .skipped
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    if ctx.json {
        let proposals: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| json_row(r, names, status(i)))
            .collect();
        let value = serde_json::json!({
            "proposals": proposals,
            "already_logged": attached.iter().map(|(p, i)| serde_json::json!({"source_id": p.source_id, "date": p.date, "interaction": i})).collect::<Vec<_>>(),
            "captured_before": before,
            "before_since": found.before,
            "skipped": skipped,
            "hints": found.outcome.hints.iter().map(|h| serde_json::json!({"email": h.email, "name": h.name, "count": h.count})).collect::<Vec<_>>(),
            "dry_run": opts.dry_run,
        });
        render::json(&mut ctx.out, &value)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (i, r) in rows.iter().enumerate() {
        let line = line(r, names);
        let tag = match choices.get(i) {
            Some(Choice::Keep) => format!("#{:<3}", r.id),
            _ => format!("{:<4}", ""),
        };
        writeln!(ctx.out, "{tag} {line}  [{}]", status(i))?;
    }
    for (p, _) in attached {
        writeln!(ctx.out, "     {}  [already logged]", line(&row(p), names))?;
    }
    let mut summary = vec![render::count(rows.len(), "new proposal")];
    if !attached.is_empty() {
        summary.push(format!("{} already logged by hand", attached.len()));
    }
    if before > 0 {
        summary.push(format!("{before} captured before"));
    }
    if found.before > 0 {
        summary.push(format!("{} before the first day", found.before));
    }
    let skips: Vec<String> = skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let mut text = summary.join(", ");
    if !skips.is_empty() {
        text.push_str(&format!("; left out: {}", skips.join(", ")));
    }
    ctx.say(format!("{text}."))?;
    for h in found.outcome.hints.iter().take(5) {
        let name = match &h.name {
            Some(n) => format!("{n:?}"),
            None => "NAME".to_string(),
        };
        ctx.say(format!(
            "{} with {}, not a contact: net add {} --email {}",
            render::count(h.count, found.noun),
            h.email,
            name,
            h.email
        ))?;
    }
    let kept = choices.iter().filter(|c| **c == Choice::Keep).count();
    if opts.dry_run {
        ctx.say("Dry run: nothing saved.")?;
    } else if kept > 0 {
        ctx.say(format!(
            "{} in the inbox: `net inbox` goes through them; `net inbox accept ID…|--all` or `net inbox drop ID…|--all` confirm.",
            render::count(kept, "proposal")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The names of the contacts on the rows.
pub fn names(ctx: &Ctx, rows: &[InboxRow]) -> Result<BTreeMap<i64, String>> {
    let db = ctx.store.read();
    let mut out = BTreeMap::new();
    for id in rows.iter().flat_map(|r| r.contacts.iter()) {
        if !out.contains_key(id) {
            let name = db.name_of(*id)?.map(|(n, _)| n).unwrap_or_default();
            out.insert(*id, name);
        }
    }
    Ok(out)
}

fn people(r: &InboxRow, names: &BTreeMap<i64, String>) -> Vec<String> {
    r.contacts
        .iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
        .collect()
}

/// One proposal on a line: when, kind, minutes, who, subject.
pub fn line(r: &InboxRow, names: &BTreeMap<i64, String>) -> String {
    let when = match &r.time {
        Some(t) => format!("{} {t}", r.date),
        None => format!("{}      ", r.date),
    };
    let who = people(r, names).join(", ");
    let by = if r.initiator == "they" { " (they)" } else { "" };
    render::sanitize(&format!(
        "{when}  {:<8} {:>5}  {who}{by} — {}",
        r.kind,
        Minutes(r.minutes).to_string(),
        r.subject
    ))
}

pub fn json_row(r: &InboxRow, names: &BTreeMap<i64, String>, status: &str) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    v["names"] = serde_json::json!(people(r, names));
    v["status"] = serde_json::json!(status);
    if r.id == 0 {
        v["id"] = serde_json::Value::Null;
    }
    v
}
