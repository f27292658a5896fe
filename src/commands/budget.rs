//! `net budget`: networking time spent against ten percent of working hours
//! (seed 000 §3).

use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::BudgetArgs;
use crate::model::{Minutes, Period};
use crate::render;
use crate::schedule::budget::Spent;

#[derive(Serialize)]
struct Report {
    period: Period,
    budget_percent: f64,
    work_hours_per_week: f64,
    this_week: Spent,
    this_month: Spent,
    history: Vec<Spent>,
}

pub fn run(ctx: &mut Ctx, args: &BudgetArgs) -> Result<ExitCode> {
    let today = ctx.today;
    let (period, n) = match (args.weeks, args.months) {
        (_, Some(m)) => (Period::Month, m),
        (Some(w), None) => (Period::Week, w),
        (None, None) => (Period::Week, 8),
    };
    if !(1..=520).contains(&n) {
        return Err(crate::error::usage(format!(
            "show 1 to 520 {}, not {n}",
            if period == Period::Week {
                "weeks"
            } else {
                "months"
            }
        )));
    }
    let mut history = Vec::new();
    let mut day = today;
    for _ in 0..n {
        let s = ctx.spent(period, day)?;
        day = s.from.pred_opt().unwrap_or(s.from);
        history.push(s);
    }
    history.reverse();
    let report = Report {
        period: ctx.settings.budget_period,
        budget_percent: ctx.settings.budget_percent,
        work_hours_per_week: ctx.settings.work_hours_per_week,
        this_week: ctx.spent(Period::Week, today)?,
        this_month: ctx.spent(Period::Month, today)?,
        history,
    };
    if ctx.json {
        render::json(&mut ctx.out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        ctx.out,
        "Budget: {}% of {} working hours a week = {} a week",
        report.budget_percent,
        report.work_hours_per_week,
        Minutes(ctx.settings.budget_minutes(Period::Week))
    )?;
    for (label, s) in [
        ("This week ", &report.this_week),
        ("This month", &report.this_month),
    ] {
        writeln!(
            ctx.out,
            "{label}  {}  {}{}",
            render::bar(s.minutes, s.budget, 20),
            s.words(),
            estimated(s)
        )?;
    }
    if report.this_month.estimated > 0 {
        writeln!(
            ctx.out,
            "Estimated: interactions logged without --for count at their kind's usual length."
        )?;
    }
    let unit = if period == Period::Week {
        "weeks"
    } else {
        "months"
    };
    writeln!(ctx.out, "\nLast {n} {unit}")?;
    for s in &report.history {
        let label = match period {
            Period::Week => s.from.format("%d %b").to_string(),
            Period::Month => s.from.format("%b %Y").to_string(),
        };
        writeln!(
            ctx.out,
            "  {label:<9} {}  {}",
            render::bar(s.minutes, s.budget, 20),
            s.words()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn estimated(s: &Spent) -> String {
    match s.estimated {
        0 => String::new(),
        n => format!("  ({n} estimated)"),
    }
}
