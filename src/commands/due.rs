//! `net due`: who needs a touch today, the top of the ranking in order,
//! paced by today's share of the networking budget; birthdays and promises below.

use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{DueArgs, DueFormat};
use crate::render;
use crate::render::due::{Birthday, Budget, NextUp, Report, Row};
use crate::schedule::budget::{period_bounds, todays_share};
use crate::schedule::day::{self, Pace, Planned};
use crate::schedule::{self, Status, Subject};

pub fn run(ctx: &mut Ctx, args: &DueArgs) -> Result<ExitCode> {
    let on = match &args.on {
        Some(text) => ctx.date_ahead(text)?,
        None => ctx.today,
    };
    // The list is computed from today's history: for a past day it would
    // claim touches that came later were still missing.
    if on < ctx.today {
        return Err(crate::error::usage(format!(
            "--on {on} is in the past: net due shows what is due from today on (today, or a later date such as --on friday)"
        )));
    }
    let empty = ctx.store.read().contact_count()? == 0;
    if empty && !args.quiet && !ctx.json && args.format == DueFormat::Table {
        render::due::empty(&mut ctx.out, ctx.store.path())?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = build(ctx, args, on)?;
    if args.quiet {
        return Ok(if report.anything_due(on) {
            ExitCode::from(crate::error::code::NEEDS_YOU)
        } else {
            ExitCode::SUCCESS
        });
    }
    if ctx.json {
        render::json(&mut ctx.out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.format == DueFormat::Short {
        writeln!(ctx.out, "{}", report.short(on))?;
        return Ok(ExitCode::SUCCESS);
    }
    render::due::print(&mut ctx.out, ctx.look, &report)?;
    if on == ctx.today {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn build(ctx: &Ctx, args: &DueArgs, on: NaiveDate) -> Result<Report> {
    let db = ctx.store.read();
    let policy = ctx.policy()?;
    let rows = db.due_rows(on, args.all)?;
    let promises = db.open_followups(None)?;
    let mut promised: HashMap<i64, (u32, u32)> = HashMap::new();
    for f in &promises {
        let p = promised.entry(f.contact).or_default();
        p.0 += 1;
        p.1 += u32::from(f.due.is_some_and(|d| d < on));
    }
    let by_id: HashMap<i64, _> = rows.iter().map(|r| (r.id, r)).collect();
    let subjects: Vec<Subject> = rows
        .iter()
        .filter_map(|r| {
            let mut s = Subject::new(&policy, r.facts())?;
            s.promises = promised.get(&s.id).copied().unwrap_or_default();
            s.gave_got = (r.derived.gave_count, r.derived.got_count);
            Some(s)
        })
        .collect();
    let plans: HashMap<i64, &Subject> = subjects.iter().map(|s| (s.id, s)).collect();
    let ranked = schedule::agenda(&subjects, on, args.all)
        .into_iter()
        .map(|e| {
            let usual = by_id[&e.id].derived.usual_minutes;
            (e, usual)
        })
        .collect();

    let period = ctx.settings.budget_period;
    let default_touch = ctx.settings.kind_minutes("call").unwrap_or(20);
    let spent = ctx.spent(period, on)?;
    let (_, end) = period_bounds(period, on);
    let share = todays_share(
        spent.budget,
        spent.minutes,
        on,
        end,
        &ctx.settings.work_days,
    );
    let spent_out = spent.budget > 0 && spent.minutes >= spent.budget;
    let day = day::plan(
        ranked,
        Pace {
            share,
            budget_on: spent.budget > 0,
            spent_out,
            limit: args.limit.unwrap_or(if args.all {
                usize::MAX
            } else {
                ctx.settings.due_limit
            }),
            // With no one-to-one history, a touch is expected to take as long as a call.
            default_touch,
        },
    );
    let row = |p: &Planned| {
        let contact = by_id[&p.entry.id];
        let plan = &plans[&p.entry.id].plan;
        Row {
            id: p.entry.id,
            name: contact.name.clone(),
            status: p.entry.status,
            last_touch: contact.last_touch,
            days_silent: p.entry.days_silent,
            cadence: plan.interval.short(),
            cadence_from: plan.source.label(),
            due_on: p.entry.due_on,
            score: (p.entry.score * 100.0).round() / 100.0,
            expected_minutes: p.expected_minutes,
            fits: p.fits,
            reason: p.entry.reason.clone(),
        }
    };
    Ok(Report {
        date: on,
        budget: Budget {
            spent,
            share_today: share,
            spent_out: day.spent_out,
        },
        entries: day.shown.iter().map(row).collect(),
        fitting: day.fitting,
        fitting_minutes: day.fitting_minutes,
        more: day.left_out.len(),
        // Named, not only counted: the most urgent of what is past the limit.
        left_out_names: day
            .left_out
            .iter()
            .map(|p| {
                let name = &by_id[&p.entry.id].name;
                match p.entry.status {
                    Status::Cold => format!("{name} (cold)"),
                    _ => name.clone(),
                }
            })
            .collect(),
        birthdays: birthdays(ctx, on)?,
        promises,
        needs_touch: day.needs_touch,
        today: ctx.today,
        period,
        next_up: db.next_up(on)?.map(|(name, soon_on, due_on)| NextUp {
            name,
            soon_on,
            due_on,
        }),
    })
}

/// Birthdays in the next `birthday_days_ahead` days, soonest first.
fn birthdays(ctx: &Ctx, on: NaiveDate) -> Result<Vec<Birthday>> {
    let days = crate::model::Birthday::days_within(on, ctx.settings.birthday_days_ahead);
    let mut out: Vec<Birthday> = ctx
        .store
        .read()
        .birthdays_on(&days)?
        .into_iter()
        .filter_map(|(id, name, b)| {
            let date = b.next_after(on)?;
            Some(Birthday {
                id,
                name,
                date,
                age: b.age_on(date),
            })
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    Ok(out)
}
