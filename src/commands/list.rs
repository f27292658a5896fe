//! `net list`: contacts, filtered by tag, status or text.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{ListArgs, StatusFilter};
use crate::error::usage;
use crate::model::{ContactStatus, Minutes, Tier};
use crate::render;
use crate::schedule::{self, Status, Subject};
use crate::store::ContactFilter;

#[derive(Serialize)]
struct Row<'a> {
    id: i64,
    name: &'a str,
    org: Option<&'a str>,
    tags: &'a [String],
    status: ContactStatus,
    tier: Tier,
    hours: f64,
    cadence: Option<String>,
    relationship: Option<Status>,
    last_touch: Option<chrono::NaiveDate>,
}

pub fn run(ctx: &mut Ctx, args: &ListArgs) -> Result<ExitCode> {
    let filter = ContactFilter {
        tag: args
            .tag
            .as_deref()
            .map(|t| crate::parse::tag(t).map_err(anyhow::Error::from))
            .transpose()?,
        status: args.status.map(|s| match s {
            StatusFilter::Active => Some(ContactStatus::Active),
            StatusFilter::Archived => Some(ContactStatus::Archived),
            StatusFilter::All => None,
        }),
        text: args.text.clone(),
        depth: args
            .tier
            .as_deref()
            .map(|t| depth_range(ctx, t))
            .transpose()?,
    };
    let contacts = ctx.store.read().list(&filter)?;
    if args.names && ctx.json {
        let names: Vec<&str> = contacts.iter().map(|c| c.name.as_str()).collect();
        render::json(&mut ctx.out, &names)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.names {
        for c in &contacts {
            writeln!(ctx.out, "{}", render::sanitize(&c.name).replace('\n', " "))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let policy = ctx.policy()?;
    let rows: Vec<Row> = contacts
        .iter()
        .map(|c| {
            let subject = Subject::new(&policy, c.facts());
            Row {
                id: c.id,
                name: &c.name,
                org: c.org.as_deref(),
                tags: &c.tags,
                status: c.status,
                tier: Tier::of(c.derived.depth_minutes, &ctx.settings.thresholds),
                hours: (c.derived.depth_minutes as f64 / 6.0).round() / 10.0,
                // A watch is no cadence: it only lists them after long silence.
                cadence: subject.as_ref().map(|s| match s.plan.source {
                    crate::model::PlanSource::Watch => "watch".to_string(),
                    _ => s.plan.interval.short(),
                }),
                relationship: subject
                    .filter(|_| c.status == ContactStatus::Active)
                    .map(|s| schedule::assess(&s, ctx.today).status),
                last_touch: c.last_touch,
            }
        })
        .collect();
    if ctx.json {
        return render::json(&mut ctx.out, &rows).map(|_| ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        if ctx.store.read().contact_count()? == 0 {
            ctx.say("No contacts yet: net add \"Anna Müller\" (or net demo to look around).")?;
        } else {
            ctx.say("No contacts match. `net list --status all` includes archived ones.")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut cells = Vec::with_capacity(rows.len());
    for r in &rows {
        let status = match (r.status, r.relationship) {
            (ContactStatus::Archived, _) => comfy_table::Cell::new("archived"),
            (_, Some(s)) => render::status(ctx.look, s),
            (_, None) => comfy_table::Cell::new("-"),
        };
        let depth = c_minutes(&contacts, r.id);
        cells.push(vec![
            r.id.into(),
            render::text(r.name),
            render::text(r.org.unwrap_or("")),
            render::text(&r.tags.join(", ")),
            r.cadence.clone().unwrap_or_else(|| "-".into()).into(),
            r.last_touch
                .map(|d| render::ago(d, ctx.today))
                .unwrap_or_else(|| "never".into())
                .into(),
            status,
            // Exact, as `net show` says it: never through tenths of an hour.
            format!("{} ({})", r.tier, Minutes(depth)).into(),
        ]);
    }
    // Narrow terminals lose Org, then Last touch, then Tags, before a word breaks.
    let t = render::fitted_table(
        ctx.look,
        &[
            "#",
            "Name",
            "Org",
            "Tags",
            "Every",
            "Last touch",
            "Status",
            "Depth",
        ],
        cells,
        &[2, 5, 3],
        0,
    );
    render::print_table(&mut ctx.out, &t)?;
    Ok(ExitCode::SUCCESS)
}

/// The depth of a listed contact, in minutes.
fn c_minutes(contacts: &[crate::store::ContactSummary], id: i64) -> u32 {
    contacts.iter().find(|c| c.id == id).map_or(0, |c| {
        c.derived.depth_minutes.min(u64::from(u32::MAX)) as u32
    })
}

/// The depth range of a tier, in minutes: from its threshold to the next one.
fn depth_range(ctx: &Ctx, tier: &str) -> Result<(u64, Option<u64>)> {
    let t = ctx.settings.thresholds;
    let m = |h: f64| (h * 60.0) as u64;
    Ok(match Tier::parse(tier) {
        Some(Tier::Acquaintance) => (0, Some(m(t.casual_friend))),
        Some(Tier::CasualFriend) => (m(t.casual_friend), Some(m(t.friend))),
        Some(Tier::Friend) => (m(t.friend), Some(m(t.close_friend))),
        Some(Tier::CloseFriend) => (m(t.close_friend), None),
        None => {
            return Err(usage(format!(
                "{tier:?} is not a tier: use acquaintance, casual, friend or close"
            )))
        }
    })
}
