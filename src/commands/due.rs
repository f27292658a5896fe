//! `net due`: who needs a touch, most urgent first.

use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::DueArgs;
use crate::model::PlanSource;
use crate::render;
use crate::schedule::{self, Status, Subject};

#[derive(Serialize)]
struct Row<'a> {
    id: i64,
    name: &'a str,
    status: Status,
    last_touch: Option<chrono::NaiveDate>,
    days_silent: i64,
    cadence: String,
    cadence_from: String,
    due_on: chrono::NaiveDate,
    score: f64,
    reason: &'a str,
}

#[derive(Serialize)]
struct Report<'a> {
    date: chrono::NaiveDate,
    entries: Vec<Row<'a>>,
    /// Rows left out by --limit.
    more: usize,
}

pub fn run(ctx: &mut Ctx, args: &DueArgs) -> Result<ExitCode> {
    let on = match &args.on {
        Some(text) => ctx.date(text)?,
        None => ctx.today,
    };
    let db = ctx.store.read();
    if db.contact_count()? == 0 {
        if ctx.json {
            render::json(
                &mut ctx.out,
                &Report {
                    date: on,
                    entries: Vec::new(),
                    more: 0,
                },
            )?;
        } else {
            writeln!(
                ctx.out,
                "net keeps your relationships warm: it tells you who is going cold.\n\
                 Your network is empty. Start with:\n\n  \
                 net add \"Anna Müller\" --tag client --why \"referrer for Mittelstand clients\"\n  \
                 net log coffee anna --for 45m --note \"talked about her new plant\"\n  \
                 net due\n\n\
                 Database: {}",
                ctx.store.path().display()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows = db.due_rows(on, args.all)?;
    let policy = ctx.policy()?;
    let subjects: Vec<Subject> = rows
        .iter()
        .filter_map(|r| Subject::new(&policy, r.facts()))
        .collect();
    let plans: HashMap<i64, &Subject> = subjects.iter().map(|s| (s.id, s)).collect();
    let by_id: HashMap<i64, _> = rows.iter().map(|r| (r.id, r)).collect();
    let entries = schedule::agenda(&subjects, on, args.all);
    let limit = args.limit.unwrap_or(if args.all {
        usize::MAX
    } else {
        ctx.settings.raw.due_limit
    });
    let shown = &entries[..entries.len().min(limit)];
    let more = entries.len() - shown.len();

    let report_rows: Vec<Row> = shown
        .iter()
        .map(|e| {
            let row = by_id[&e.id];
            let plan = &plans[&e.id].plan;
            Row {
                id: e.id,
                name: &row.name,
                status: e.status,
                last_touch: row.last_touch,
                days_silent: e.days_silent,
                cadence: plan.interval.short(),
                cadence_from: match &plan.source {
                    PlanSource::Own => "contact".into(),
                    PlanSource::Rule(tag) => format!("rule:{tag}"),
                    PlanSource::Watch => "watch".into(),
                },
                due_on: e.due_on,
                score: (e.score * 100.0).round() / 100.0,
                reason: &e.reason,
            }
        })
        .collect();

    if ctx.json {
        render::json(
            &mut ctx.out,
            &Report {
                date: on,
                entries: report_rows,
                more,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let when = if on == ctx.today {
        String::new()
    } else {
        format!(" on {on}")
    };
    if report_rows.is_empty() {
        let next = match db.next_soon(on)? {
            Some((name, date)) => format!(" Next up: {name}, {}.", render::ago(date, on)),
            None => " No contact has a cadence yet: net every NAME 2mo".into(),
        };
        writeln!(ctx.out, "Nothing due{when}.{next}")?;
    } else {
        let mut t = render::table(
            ctx.look,
            &["#", "Name", "Last touch", "Every", "Status", "Why now"],
        );
        for r in &report_rows {
            let last = r
                .last_touch
                .map(|d| render::ago(d, on))
                .unwrap_or_else(|| "never".into());
            t.add_row(vec![
                r.id.into(),
                render::text(r.name),
                last.into(),
                r.cadence.clone().into(),
                render::status(ctx.look, r.status),
                render::text(r.reason),
            ]);
        }
        render::print_table(&mut ctx.out, &t)?;
        if more > 0 {
            writeln!(ctx.out, "… and {more} more: net due --all")?;
        }
    }
    if on == ctx.today {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

use std::io::Write;
