//! `net list`: contacts, filtered by tag, status or text.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{ListArgs, ListSort, StatusFilter};
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
    #[serde(skip)]
    depth: u32,
}

pub fn run(ctx: &mut Ctx, args: &ListArgs) -> Result<ExitCode> {
    let filter = ContactFilter {
        tag: args
            .tag
            .as_deref()
            .map(|t| crate::parse::tag(t).map_err(anyhow::Error::from))
            .transpose()?,
        status: args.status.map(|s| match s {
            StatusFilter::Active | StatusFilter::Due | StatusFilter::Cold | StatusFilter::Soon => {
                Some(ContactStatus::Active)
            }
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
    let mut contacts = ctx.store.read().list(&filter)?;
    if let Some(org) = &args.org {
        let want = crate::names::fold_plain(org);
        contacts.retain(|c| {
            c.org
                .as_deref()
                .is_some_and(|o| crate::names::fold_plain(o).contains(&want))
        });
    }
    // Names alone in name order need no schedule (completion is fast).
    let plain = args.sort == ListSort::Name
        && !matches!(
            args.status,
            Some(StatusFilter::Due | StatusFilter::Cold | StatusFilter::Soon)
        );
    if args.names && plain {
        return names(ctx, contacts.iter().map(|c| c.name.as_str()));
    }
    let policy = ctx.policy()?;
    let wanted = match args.status {
        Some(StatusFilter::Due) => Some(Status::Due),
        Some(StatusFilter::Cold) => Some(Status::Cold),
        Some(StatusFilter::Soon) => Some(Status::Soon),
        _ => None,
    };
    // Each row with the day its cadence runs out (for --sort due).
    let mut rows: Vec<(Row, Option<chrono::NaiveDate>)> = contacts
        .iter()
        .map(|c| {
            let subject = Subject::new(&policy, c.facts());
            let entry = subject
                .as_ref()
                .filter(|_| c.status == ContactStatus::Active)
                .map(|s| schedule::assess(s, ctx.today));
            let row = Row {
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
                relationship: entry.as_ref().map(|e| e.status),
                last_touch: c.last_touch,
                depth: c.derived.depth_minutes.min(u64::from(u32::MAX)) as u32,
            };
            (row, entry.map(|e| e.due_on))
        })
        .filter(|(r, _)| wanted.is_none() || r.relationship == wanted)
        .collect();
    match args.sort {
        ListSort::Name => {}
        // Never touched first, then the longest untouched.
        ListSort::Last => rows.sort_by_key(|(r, _)| r.last_touch),
        ListSort::Depth => rows.sort_by(|(a, _), (b, _)| b.hours.total_cmp(&a.hours)),
        // No cadence last.
        ListSort::Due => rows.sort_by_key(|(_, due)| (due.is_none(), *due)),
    }
    let rows: Vec<Row> = rows.into_iter().map(|(r, _)| r).collect();
    if args.names {
        return names(ctx, rows.iter().map(|r| r.name));
    }
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
    let cells = rows
        .iter()
        .map(|r| {
            let status = match (r.status, r.relationship) {
                (ContactStatus::Archived, _) => "archived",
                (_, Some(s)) => s.as_str(),
                (_, None) => "-",
            };
            vec![
                r.id.to_string(),
                render::clean(r.name),
                render::clean(r.org.unwrap_or("")),
                render::clean(&r.tags.join(", ")),
                r.cadence.clone().unwrap_or_else(|| "-".into()),
                r.last_touch
                    .map(|d| render::ago(d, ctx.today))
                    .unwrap_or_else(|| "never".into()),
                status.to_string(),
                // Exact, as `net show` says it: never through tenths of an hour.
                format!("{} ({})", r.tier, Minutes(r.depth)),
            ]
        })
        .collect();
    // Narrow terminals lose Org, then Last touch, then Tags, before a word breaks.
    let lines = render::fitted_lines(
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
        Some(6),
    );
    for line in lines {
        writeln!(ctx.out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The depth range of a tier, in minutes: from its threshold to the next one.
fn depth_range(ctx: &Ctx, tier: &str) -> Result<(u64, Option<u64>)> {
    let tier = Tier::parse(tier).ok_or_else(|| {
        usage(format!(
            "{tier:?} is not a tier: use acquaintance, casual, friend or close"
        ))
    })?;
    Ok(tier.minutes_range(&ctx.settings.thresholds))
}

/// `--names`: one per line, or a JSON array.
fn names<'a>(ctx: &mut Ctx, list: impl Iterator<Item = &'a str>) -> Result<ExitCode> {
    let list: Vec<&str> = list.collect();
    if ctx.json {
        render::json(&mut ctx.out, &list)?;
        return Ok(ExitCode::SUCCESS);
    }
    for n in list {
        writeln!(ctx.out, "{}", render::sanitize(n).replace('\n', " "))?;
    }
    Ok(ExitCode::SUCCESS)
}
