//! `net due` as text: the header with the budget, the table of who needs a
//! touch, what is left out, birthdays and promises.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

use super::Look;
use crate::model::{FollowUp, Minutes, Period};
use crate::schedule::budget::Spent;
use crate::schedule::Status;

#[derive(Serialize)]
pub struct Row {
    pub id: i64,
    pub name: String,
    pub status: Status,
    pub last_touch: Option<NaiveDate>,
    pub days_silent: i64,
    pub cadence: String,
    pub cadence_from: String,
    pub due_on: NaiveDate,
    pub score: f64,
    /// Minutes a touch usually takes with them (median of their history).
    pub expected_minutes: u32,
    /// Whether it fits into today's share of the budget.
    pub fits: bool,
    pub reason: String,
}

#[derive(Serialize)]
pub struct Budget {
    #[serde(flatten)]
    pub spent: Spent,
    /// What is left for today: the rest of the period over its work days left.
    pub share_today: u32,
}

#[derive(Serialize)]
pub struct Birthday {
    pub id: i64,
    pub name: String,
    pub date: NaiveDate,
    pub age: Option<i32>,
}

#[derive(Serialize)]
pub struct Report {
    pub date: NaiveDate,
    pub budget: Budget,
    pub entries: Vec<Row>,
    /// Rows left out: beyond today's share or --limit (see --all).
    pub more: usize,
    /// Of those, the ones due or cold that did not fit today's share.
    pub also_due: usize,
    pub birthdays: Vec<Birthday>,
    pub promises: Vec<FollowUp>,
    /// The names of the rows left out, most urgent first.
    #[serde(skip)]
    pub left_out_names: Vec<String>,
    /// Contacts due or cold, shown or not (for --quiet and --format short).
    #[serde(skip)]
    pub needs_touch: usize,
    /// What the text needs besides the data: the real today (the list may be for `--on`),
    /// the budget's period, `--all`, and who turns soon next when nothing is due.
    #[serde(skip)]
    pub today: NaiveDate,
    #[serde(skip)]
    pub period: Period,
    #[serde(skip)]
    pub all: bool,
    #[serde(skip)]
    pub next_up: Option<(String, NaiveDate)>,
}

impl Report {
    /// For --quiet: a contact due or cold, an overdue promise, or a birthday today.
    pub fn anything_due(&self, on: NaiveDate) -> bool {
        self.needs_touch > 0
            || self.promises.iter().any(|p| p.due.is_some_and(|d| d < on))
            || self.birthdays.iter().any(|b| b.date == on)
    }

    /// For --format short: "3 due · 1 birthday · 1 promise overdue · 2h15 left".
    pub fn short(&self, on: NaiveDate) -> String {
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

pub fn print(out: &mut dyn Write, look: Look, r: &Report) -> Result<()> {
    let on = r.date;
    let label = if r.period == Period::Week {
        "this week"
    } else {
        "this month"
    };
    let when = if on == r.today {
        String::new()
    } else {
        format!(" (on {on})")
    };
    writeln!(
        out,
        "{label}: {} networking · today's share {}{when}",
        r.budget.spent.words(),
        Minutes(r.budget.share_today)
    )?;
    if r.entries.is_empty() && r.more == 0 {
        let next = match &r.next_up {
            Some((name, date)) => format!(" Next up: {name}, {}.", super::ago(*date, on)),
            None => " No contact has a cadence yet: net every NAME 2mo".into(),
        };
        writeln!(out, "Nothing due.{next}")?;
    } else if r.entries.is_empty() && r.also_due == r.more {
        writeln!(
            out,
            "Today's time is spent: {} due that do not fit: {} (net due --all).",
            super::count(r.more, "contact"),
            names_of(&r.left_out_names)
        )?;
    } else {
        print_table(out, look, r)?;
    }
    print_extras(out, r)
}

fn print_table(out: &mut dyn Write, look: Look, r: &Report) -> Result<()> {
    let on = r.date;
    if !r.entries.is_empty() {
        let mut t = super::table(
            look,
            &["#", "Name", "Last touch", "Every", "Status", "Why now"],
        );
        for row in &r.entries {
            let last = row
                .last_touch
                .map(|d| super::ago(d, on))
                .unwrap_or_else(|| "never".into());
            let mut name = super::text(&row.name);
            if r.all && !row.fits && matches!(row.status, Status::Due | Status::Cold) {
                name = super::text(&format!("{} (also due)", row.name));
            }
            t.add_row(vec![
                row.id.into(),
                name,
                last.into(),
                row.cadence.clone().into(),
                super::status(look, row.status),
                super::text(&row.reason),
            ]);
        }
        super::print_table(out, &t)?;
    }
    {
        if r.more > 0 {
            let why = match (r.also_due, r.more - r.also_due) {
                (0, _) => "beyond --limit".to_string(),
                (_, 0) => "beyond today's time".to_string(),
                (t, l) => format!("{t} beyond today's time, {l} beyond --limit"),
            };
            writeln!(
                out,
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
    super::sanitize(&text)
}

fn print_extras(out: &mut dyn Write, r: &Report) -> Result<()> {
    let on = r.date;
    if !r.birthdays.is_empty() {
        writeln!(out, "\nBirthdays")?;
        for b in &r.birthdays {
            let age = b.age.map(|a| format!("turns {a} ")).unwrap_or_default();
            let line = format!(
                "  {} {age}on {} ({})",
                b.name,
                b.date.format("%a %d %b"),
                super::ago(b.date, on)
            );
            writeln!(out, "{}", super::sanitize(&line))?;
        }
    }
    if !r.promises.is_empty() {
        writeln!(out, "\nPromises")?;
        for f in &r.promises {
            let by = match f.due {
                Some(d) if d < on => format!(" — overdue since {d}"),
                Some(d) => format!(" — by {d}"),
                None => String::new(),
            };
            let line = format!("  {}. {} ({}){by}", f.id, f.text, f.contact_name);
            writeln!(out, "{}", super::sanitize(&line))?;
        }
    }
    Ok(())
}

/// What a new user sees first: what net is for and how to start.
pub fn empty(out: &mut dyn Write, db: &std::path::Path) -> Result<()> {
    writeln!(
        out,
        "net keeps your relationships warm: it tells you who is going cold.\n\
         Your network is empty. Start with:\n\n  \
         net add \"Anna Müller\" --tag client --why \"referrer for Mittelstand clients\"\n  \
         net log coffee anna --for 45m --note \"talked about her new plant\"\n  \
         net due\n\n\
         Or look around an example network first: net demo\n\
         Database: {}",
        db.display()
    )?;
    Ok(())
}
