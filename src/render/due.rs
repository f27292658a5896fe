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
    #[serde(serialize_with = "crate::safe::day_opt")]
    pub last_touch: Option<NaiveDate>,
    pub days_silent: i64,
    pub cadence: String,
    pub cadence_from: String,
    #[serde(serialize_with = "crate::safe::day")]
    pub due_on: NaiveDate,
    pub score: f64,
    /// Minutes a one-to-one touch usually takes with them.
    pub expected_minutes: u32,
    /// Whether it fits into today's share, counted with every row above it.
    pub fits: bool,
    pub reason: String,
}

#[derive(Serialize)]
pub struct Budget {
    #[serde(flatten)]
    pub spent: Spent,
    /// What is left for today: the rest of the period over its work days left.
    pub share_today: u32,
    /// The period's budget is used up: nothing fits today, everyone is still listed.
    pub spent_out: bool,
}

#[derive(Serialize)]
pub struct Birthday {
    pub id: i64,
    pub name: String,
    pub date: NaiveDate,
    pub age: Option<i32>,
}

/// Who comes on the list next when nothing is due.
pub struct NextUp {
    pub name: String,
    /// The day they turn soon (and are listed).
    pub soon_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
}

#[derive(Serialize)]
pub struct Report {
    pub date: NaiveDate,
    pub budget: Budget,
    /// The top of the ranking, in order.
    pub entries: Vec<Row>,
    /// How many of the entries, from the top, fit today's share together.
    pub fitting: usize,
    /// What those take, in minutes.
    pub fitting_minutes: u32,
    /// Rows of the ranking past the limit (see --all).
    pub more: usize,
    pub birthdays: Vec<Birthday>,
    pub promises: Vec<FollowUp>,
    /// The names of the rows past the limit, most urgent first.
    #[serde(skip)]
    pub left_out_names: Vec<String>,
    /// Contacts due or cold, shown or not (for --quiet and --format short).
    #[serde(skip)]
    pub needs_touch: usize,
    /// What the text needs besides the data: the real today (the list may be for `--on`),
    /// the budget's period, and who turns soon next when nothing is due.
    #[serde(skip)]
    pub today: NaiveDate,
    #[serde(skip)]
    pub period: Period,
    #[serde(skip)]
    pub next_up: Option<NextUp>,
}

impl Report {
    /// For --quiet: a contact due or cold, an overdue promise, or a birthday today.
    pub fn anything_due(&self, on: NaiveDate) -> bool {
        self.needs_touch > 0
            || self.promises.iter().any(|p| p.due.is_some_and(|d| d < on))
            || self.birthdays.iter().any(|b| b.date == on)
    }

    fn budget_on(&self) -> bool {
        self.budget.spent.budget > 0
    }

    /// The paced rows (soon, due, cold) among the entries.
    fn paced(&self) -> usize {
        self.entries
            .iter()
            .filter(|r| matches!(r.status, Status::Soon | Status::Due | Status::Cold))
            .count()
    }

    /// For --format short: "3 due · first 2 fit today's 48m · 1 birthday · 1 promise overdue · 2h15 left";
    /// the same facts as the table.
    pub fn short(&self, on: NaiveDate) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![if self.needs_touch == 0 {
            "nothing due".to_string()
        } else {
            format!("{} due", self.needs_touch)
        }];
        if let Some(pace) = self.pace_words() {
            parts.push(pace);
        }
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
        if self.budget.spent_out {
            parts.push(format!(
                "{} {} spent ({} logged)",
                self.period_words(),
                Minutes(spent.budget),
                Minutes(spent.minutes)
            ));
        } else if self.budget_on() {
            parts.push(format!("{} left", Minutes(spent.budget - spent.minutes)));
        }
        parts.join(" · ")
    }

    /// Where today's share ends, in a few words, when it cuts the list.
    fn pace_words(&self) -> Option<String> {
        let paced = self.paced();
        if !self.budget_on() || self.budget.spent_out || paced == 0 || self.fitting >= paced {
            return None;
        }
        let share = Minutes(self.budget.share_today);
        Some(match self.fitting {
            0 => format!("none fits today's {share}"),
            1 => format!("the first fits today's {share}"),
            n => format!("the first {n} fit today's {share}"),
        })
    }

    /// "this week's", "this month's".
    fn period_words(&self) -> &'static str {
        if self.period == Period::Week {
            "this week's"
        } else {
            "this month's"
        }
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
    let spent = &r.budget.spent;
    let header = if !r.budget_on() {
        format!(
            "{label}: {} networking · no budget (budget_percent = 0){when}",
            Minutes(spent.minutes)
        )
    } else if r.budget.spent_out {
        let over = match spent.minutes.saturating_sub(spent.budget) {
            0 => "nothing left".to_string(),
            m => format!("{} over", Minutes(m)),
        };
        format!("{label}: {} networking · {over}{when}", spent.words())
    } else {
        format!(
            "{label}: {} networking · today's share {}{when}",
            spent.words(),
            Minutes(r.budget.share_today)
        )
    };
    writeln!(out, "{}", super::wrap(&header, look.width, 2))?;
    if r.entries.is_empty() && r.more == 0 {
        let next = match &r.next_up {
            Some(n) => {
                let due = n
                    .due_on
                    .map(|d| format!(", due {}", super::ago(d, on)))
                    .unwrap_or_default();
                format!(
                    " Next up: {}{due} (on the list {}).",
                    super::sanitize(&n.name),
                    super::ago(n.soon_on, on)
                )
            }
            None => " No contact has a cadence yet: net every NAME 2mo".into(),
        };
        writeln!(
            out,
            "{}",
            super::wrap(&format!("Nothing due.{next}"), look.width, 2)
        )?;
    } else {
        print_table(out, look, r)?;
    }
    print_extras(out, look, r)
}

fn print_table(out: &mut dyn Write, look: Look, r: &Report) -> Result<()> {
    let on = r.date;
    let spent = &r.budget.spent;
    if r.budget.spent_out && !r.entries.is_empty() {
        let next = spent.to.succ_opt().unwrap_or(spent.to);
        let until = if r.period == Period::Week {
            next.format("%A").to_string()
        } else {
            next.format("%-d %b").to_string()
        };
        let line = format!(
            "{} {} {} spent ({} logged): these can wait until {until}, or go over.",
            capitalized(r.period_words()),
            Minutes(spent.budget),
            if spent.budget == 60 { "is" } else { "are" },
            Minutes(spent.minutes)
        );
        writeln!(out, "{}", super::wrap(&line, look.width, 2))?;
    } else if r.budget_on() && r.fitting == 0 && r.paced() > 0 {
        let first = r.entries[0].expected_minutes;
        let line = format!(
            "Today's {} fit none of these in full: the first takes {}.",
            Minutes(r.budget.share_today),
            Minutes(first)
        );
        writeln!(out, "{}", super::wrap(&line, look.width, 2))?;
    }
    if !r.entries.is_empty() {
        let rows: Vec<Vec<String>> = r
            .entries
            .iter()
            .map(|row| {
                let last = row
                    .last_touch
                    .map(|d| super::ago(d, on))
                    .unwrap_or_else(|| "never".into());
                vec![
                    row.id.to_string(),
                    super::clean(&row.name),
                    last,
                    // A watch is no cadence: it only lists them after long silence.
                    if row.cadence_from == "watch" {
                        "watch".into()
                    } else {
                        row.cadence.clone()
                    },
                    row.status.as_str().to_string(),
                    super::clean(&row.reason),
                ]
            })
            .collect();
        // Narrow terminals lose "Last touch" (the reason says it), then "Every".
        let t = super::fitted_lines(
            look,
            &["#", "Name", "Last touch", "Every", "Status", "Why now"],
            rows,
            &[2, 3],
            36,
            Some(4),
        );
        let line = (r.budget_on() && !r.budget.spent_out && r.fitting > 0 && r.fitting < r.paced())
            .then(|| {
                let fit = if r.fitting == 1 {
                    format!("the first fits ({})", Minutes(r.fitting_minutes))
                } else {
                    format!(
                        "the first {} fit ({})",
                        r.fitting,
                        Minutes(r.fitting_minutes)
                    )
                };
                format!(
                    "── today's {} end here: {fit} ──",
                    Minutes(r.budget.share_today)
                )
            });
        print_marked(out, look, &t, r.fitting, line.as_deref())?;
    }
    if r.more > 0 {
        let line = format!(
            "… and {} more past the limit of {}: {} (net due --all).",
            r.more,
            r.entries.len(),
            super::names(&r.left_out_names, 3)
        );
        writeln!(out, "{}", super::wrap(&line, look.width, 2))?;
    }
    Ok(())
}

/// Writes the table with `line` before its row number `at` (0-based). A row
/// starts where the "#" column holds a number; its other lines leave it blank.
fn print_marked(
    out: &mut dyn Write,
    look: Look,
    t: &[String],
    at: usize,
    line: Option<&str>,
) -> Result<()> {
    let mut row = 0;
    for (n, text) in t.iter().enumerate() {
        let starts = n > 0
            && text
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
            && text.len() - text.trim_start().len() <= 8;
        if starts {
            if row == at {
                if let Some(line) = line {
                    writeln!(out, "{}", super::wrap(line, look.width, 3))?;
                }
            }
            row += 1;
        }
        writeln!(out, "{text}")?;
    }
    Ok(())
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn print_extras(out: &mut dyn Write, look: Look, r: &Report) -> Result<()> {
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
            writeln!(
                out,
                "{}",
                super::wrap(&super::sanitize(&line), look.width, 4)
            )?;
        }
    }
    if !r.promises.is_empty() {
        writeln!(out, "\nPromises")?;
        for f in &r.promises {
            // Relative, as birthdays are, with the day to plan by.
            let by = match f.due {
                Some(d) if d < on => format!(
                    " — overdue since {} ({})",
                    d.format("%a %d %b"),
                    super::ago(d, on)
                ),
                Some(d) => format!(" — by {} ({})", d.format("%a %d %b"), super::ago(d, on)),
                None => String::new(),
            };
            let line = format!("  {}. {} ({}){by}", f.id, f.text, f.contact_name);
            writeln!(
                out,
                "{}",
                super::wrap(&super::sanitize(&line), look.width, 4)
            )?;
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
