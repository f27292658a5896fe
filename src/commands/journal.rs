//! `net journal`: what you did across everyone in a week, a month or since a
//! date, with the period's time against the budget.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::JournalArgs;
use crate::error::usage;
use crate::model::Period;
use crate::render::history::Entry;
use crate::render::{self};

#[derive(Serialize)]
struct Journal {
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    /// Time spent, unlogged lengths counted at their kind's usual minutes.
    minutes: u32,
    /// How many interactions were counted that way.
    estimated: u32,
    /// The budget for the period (a date range: the weekly budget, pro rata).
    budget: u32,
    interactions: Vec<Entry>,
}

pub fn run(ctx: &mut Ctx, args: &JournalArgs) -> Result<ExitCode> {
    let (spent, label) = match &args.since {
        Some(text) => {
            let from = ctx.date(text)?;
            if from > ctx.today {
                return Err(usage(format!(
                    "--since {text} is in the future: give a day that has been"
                )));
            }
            let days = (ctx.today - from).num_days() + 1;
            let week = ctx.settings.budget_minutes(Period::Week);
            let budget = (i64::from(week) * days / 7) as u32;
            let rows = ctx.store.read().time_between(from, ctx.today)?;
            let spent =
                crate::schedule::budget::spent(from, ctx.today, budget, &rows, &ctx.policy()?);
            (spent, format!("Since {from}"))
        }
        None if args.month => (ctx.spent(Period::Month, ctx.today)?, "This month".into()),
        None => (ctx.spent(Period::Week, ctx.today)?, "This week".into()),
    };
    let to = spent.to.min(ctx.today);
    let db = ctx.store.read();
    let list = super::history::entries(&db, &db.interactions_between(spent.from, to)?)?;
    drop(db);
    if ctx.json {
        let doc = Journal {
            from: spent.from,
            to: spent.to,
            minutes: spent.minutes,
            estimated: spent.estimated,
            budget: spent.budget,
            interactions: list,
        };
        render::json(&mut ctx.out, &doc)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = Vec::new();
    let estimated = match spent.estimated {
        0 => String::new(),
        n => format!(" ({n} at their kind's usual length)"),
    };
    writeln!(
        text,
        "{label} ({} to {}): {}, {} of budget{estimated}",
        spent.from,
        spent.to,
        render::count(list.len(), "interaction"),
        spent.words()
    )?;
    if list.is_empty() {
        writeln!(
            text,
            "Nothing logged in this period. Log what you did: net log coffee anna --for 45m"
        )?;
    } else {
        render::history::entries(&mut text, ctx.look, &list)?;
    }
    super::pager::show(ctx, args.no_pager, &text)?;
    Ok(ExitCode::SUCCESS)
}
