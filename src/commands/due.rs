//! `net due`: who needs a touch today, most urgent first, fitted into
//! today's share of the networking budget; birthdays and promises below.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{DueArgs, DueFormat};
use crate::model::FollowUp;
use crate::model::Minutes;
use crate::render;
use crate::schedule::budget::{period_bounds, todays_share, Spent};
use crate::schedule::day::{self, Pace, Planned};
use crate::schedule::{self, Status, Subject};

#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    status: Status,
    last_touch: Option<NaiveDate>,
    days_silent: i64,
    cadence: String,
    cadence_from: String,
    due_on: NaiveDate,
    score: f64,
    /// Minutes a touch usually takes with them (median of their history).
    expected_minutes: u32,
    /// Whether it fits into today's share of the budget.
    fits: bool,
    reason: String,
}

#[derive(Serialize)]
struct Budget {
    #[serde(flatten)]
    spent: Spent,
    /// What is left for today: the rest of the period over its work days left.
    share_today: u32,
}

#[derive(Serialize)]
struct Birthday {
    id: i64,
    name: String,
    date: NaiveDate,
    age: Option<i32>,
}

#[derive(Serialize)]
struct Report {
    date: NaiveDate,
    budget: Budget,
    entries: Vec<Row>,
    /// Rows left out: beyond today's share or --limit (see --all).
    more: usize,
    /// Of those, the ones due or cold that did not fit today's share.
    also_due: usize,
    birthdays: Vec<Birthday>,
    promises: Vec<FollowUp>,
    /// The names of the rows left out, most urgent first.
    #[serde(skip)]
    left_out_names: Vec<String>,
    /// Contacts due or cold, shown or not (for --quiet and --format short).
    #[serde(skip)]
    needs_touch: usize,
}

pub fn run(ctx: &mut Ctx, args: &DueArgs) -> Result<ExitCode> {
    let on = match &args.on {
        Some(text) => ctx.date(text)?,
        None => ctx.today,
    };
    let empty = ctx.store.read().contact_count()? == 0;
    if empty && !args.quiet && args.format == DueFormat::Table {
        return empty_state(ctx, on);
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
    print(ctx, args, on, &report)?;
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

    let period = ctx.settings.budget_period();
    let spent = ctx.spent(period, on)?;
    let (_, end) = period_bounds(period, on);
    let share = todays_share(
        spent.budget,
        spent.minutes,
        on,
        end,
        &ctx.settings.work_days,
    );
    let day = day::plan(
        ranked,
        Pace {
            share,
            budget_on: spent.budget > 0,
            limit: args.limit.unwrap_or(if args.all {
                usize::MAX
            } else {
                ctx.settings.raw.due_limit
            }),
            all: args.all,
            // With no history, a touch is expected to take as long as a call.
            default_touch: ctx.settings.kind_minutes("call").unwrap_or(20),
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
        },
        entries: day.shown.iter().map(row).collect(),
        more: day.left_out.len(),
        also_due: day.also_due,
        // Named, not only counted: the most urgent of what is left out.
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
    })
}

impl Report {
    /// For --quiet: a contact due or cold, an overdue promise, or a birthday today.
    fn anything_due(&self, on: NaiveDate) -> bool {
        self.needs_touch > 0
            || self.promises.iter().any(|p| p.due.is_some_and(|d| d < on))
            || self.birthdays.iter().any(|b| b.date == on)
    }

    /// For --format short: "3 due · 1 birthday · 1 promise overdue · 2h15 left".
    fn short(&self, on: NaiveDate) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![if self.needs_touch == 0 {
            "nothing due".to_string()
        } else {
            format!("{} due", self.needs_touch)
        }];
        if !self.birthdays.is_empty() {
            parts.push(plural(self.birthdays.len(), "birthday", "birthdays"));
        }
        let overdue = self
            .promises
            .iter()
            .filter(|p| p.due.is_some_and(|d| d < on))
            .count();
        if overdue > 0 {
            parts.push(plural(overdue, "promise overdue", "promises overdue"));
        }
        let spent = &self.budget.spent;
        parts.push(if spent.minutes <= spent.budget {
            format!("{} left", Minutes(spent.budget - spent.minutes))
        } else {
            format!("{} over", Minutes(spent.minutes - spent.budget))
        });
        parts.join(" · ")
    }
}

/// Birthdays in the next `birthday_days_ahead` days, soonest first.
fn birthdays(ctx: &Ctx, on: NaiveDate) -> Result<Vec<Birthday>> {
    let days = crate::model::Birthday::days_within(on, ctx.settings.raw.birthday_days_ahead);
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

fn print(ctx: &mut Ctx, args: &DueArgs, on: NaiveDate, r: &Report) -> Result<()> {
    let label = if ctx.settings.budget_period() == crate::model::Period::Week {
        "this week"
    } else {
        "this month"
    };
    let when = if on == ctx.today {
        String::new()
    } else {
        format!(" (on {on})")
    };
    writeln!(
        ctx.out,
        "{label}: {} networking · today's share {}{when}",
        r.budget.spent.words(),
        Minutes(r.budget.share_today)
    )?;
    if r.entries.is_empty() && r.more == 0 {
        let next = match ctx.store.read().next_soon(on)? {
            Some((name, date)) => format!(" Next up: {name}, {}.", render::ago(date, on)),
            None => " No contact has a cadence yet: net every NAME 2mo".into(),
        };
        writeln!(ctx.out, "Nothing due.{next}")?;
    } else if r.entries.is_empty() && r.also_due == r.more {
        writeln!(
            ctx.out,
            "Today's time is spent: {} due that do not fit: {} (net due --all).",
            render::count(r.more, "contact"),
            names_of(&r.left_out_names)
        )?;
    } else {
        print_table(ctx, args, on, r)?;
    }
    print_extras(ctx, on, r)
}

fn print_table(ctx: &mut Ctx, args: &DueArgs, on: NaiveDate, r: &Report) -> Result<()> {
    if !r.entries.is_empty() {
        let mut t = render::table(
            ctx.look,
            &["#", "Name", "Last touch", "Every", "Status", "Why now"],
        );
        for row in &r.entries {
            let last = row
                .last_touch
                .map(|d| render::ago(d, on))
                .unwrap_or_else(|| "never".into());
            let mut name = render::text(&row.name);
            if args.all && !row.fits && matches!(row.status, Status::Due | Status::Cold) {
                name = render::text(&format!("{} (also due)", row.name));
            }
            t.add_row(vec![
                row.id.into(),
                name,
                last.into(),
                row.cadence.clone().into(),
                render::status(ctx.look, row.status),
                render::text(&row.reason),
            ]);
        }
        render::print_table(&mut ctx.out, &t)?;
    }
    {
        if r.more > 0 {
            let why = match (r.also_due, r.more - r.also_due) {
                (0, _) => "beyond --limit".to_string(),
                (_, 0) => "beyond today's time".to_string(),
                (t, l) => format!("{t} beyond today's time, {l} beyond --limit"),
            };
            writeln!(
                ctx.out,
                "… and {} more, {why}: {} (net due --all).",
                r.more,
                names_of(&r.left_out_names)
            )?;
        }
    }
    Ok(())
}

/// "Clara Berg (cold), Bob Stone and 3 others".
fn names_of(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} others", names.len() - SHOWN));
    }
    render::sanitize(&text)
}

fn print_extras(ctx: &mut Ctx, on: NaiveDate, r: &Report) -> Result<()> {
    if !r.birthdays.is_empty() {
        writeln!(ctx.out, "\nBirthdays")?;
        for b in &r.birthdays {
            let age = b.age.map(|a| format!("turns {a} ")).unwrap_or_default();
            let line = format!(
                "  {} {age}on {} ({})",
                b.name,
                b.date.format("%a %d %b"),
                render::ago(b.date, on)
            );
            writeln!(ctx.out, "{}", render::sanitize(&line))?;
        }
    }
    if !r.promises.is_empty() {
        writeln!(ctx.out, "\nPromises")?;
        for f in &r.promises {
            let by = match f.due {
                Some(d) if d < on => format!(" — overdue since {d}"),
                Some(d) => format!(" — by {d}"),
                None => String::new(),
            };
            let line = format!("  {}. {} ({}){by}", f.id, f.text, f.contact_name);
            writeln!(ctx.out, "{}", render::sanitize(&line))?;
        }
    }
    Ok(())
}

fn empty_state(ctx: &mut Ctx, on: NaiveDate) -> Result<ExitCode> {
    if ctx.json {
        let period = ctx.settings.budget_period();
        let spent = ctx.spent(period, on)?;
        let (_, end) = period_bounds(period, on);
        let share = todays_share(
            spent.budget,
            spent.minutes,
            on,
            end,
            &ctx.settings.work_days,
        );
        let report = Report {
            date: on,
            budget: Budget {
                spent,
                share_today: share,
            },
            entries: Vec::new(),
            more: 0,
            also_due: 0,
            left_out_names: Vec::new(),
            birthdays: Vec::new(),
            promises: Vec::new(),
            needs_touch: 0,
        };
        render::json(&mut ctx.out, &report)?;
    } else {
        writeln!(
            ctx.out,
            "net keeps your relationships warm: it tells you who is going cold.\n\
             Your network is empty. Start with:\n\n  \
             net add \"Anna Müller\" --tag client --why \"referrer for Mittelstand clients\"\n  \
             net log coffee anna --for 45m --note \"talked about her new plant\"\n  \
             net due\n\n\
             Or look around an example network first: net demo\n\
             Database: {}",
            ctx.store.path().display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
