//! What a command gets: the store, the settings, today, where to write,
//! and the small helpers every command shares.

use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

use super::Env;
use crate::config::Settings;
use crate::error::usage;
use crate::model::{Period, Policy};
use crate::parse;
use crate::render::{sanitize, Look};
use crate::schedule::budget::{period_bounds, Spent};
use crate::store::Store;

/// What every command that opens the database gets: the store, the settings,
/// today, and where to write.
pub struct Ctx {
    pub store: Store,
    pub settings: Settings,
    /// "Today": the clock, or NET_TODAY. Read once, in `env`, and passed down.
    pub today: NaiveDate,
    pub env: Env,
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    pub json: bool,
    /// A person at a terminal can be asked (stdin and stderr are terminals).
    pub can_prompt: bool,
    pub look: Look,
    /// Why the config file could not be used (only `net doctor` runs then).
    pub config_problem: Option<String>,
}

impl Ctx {
    /// A message for the person (stderr), never mixed into data on stdout.
    pub fn say(&mut self, msg: impl AsRef<str>) -> Result<()> {
        // Data written so far comes first, as it would on a terminal without a buffer.
        self.out.flush()?;
        writeln!(self.err, "{}", sanitize(msg.as_ref()))?;
        Ok(())
    }

    /// The tag rules and config that decide cadences and weights.
    pub fn policy(&self) -> Result<Policy> {
        self.store.policy()
    }

    /// Time spent in the period of `period` that holds `day`, against its budget.
    pub fn spent(&self, period: Period, day: NaiveDate) -> Result<Spent> {
        let (from, to) = period_bounds(period, day);
        let rows = self.store.read().time_between(from, to)?;
        let budget = self.settings.budget_minutes(period);
        Ok(crate::schedule::budget::spent(
            from,
            to,
            budget,
            &rows,
            &self.policy()?,
        ))
    }

    /// Parses a DATE relative to today.
    pub fn date(&self, text: &str) -> Result<NaiveDate> {
        Ok(parse::date(text, self.today)?)
    }

    /// Parses a DATE of something ahead: a bare weekday is the coming one.
    pub fn date_ahead(&self, text: &str) -> Result<NaiveDate> {
        Ok(parse::date_ahead(text, self.today)?)
    }
}

/// One line when more contacts are nurtured than anyone can keep up (seed 000 §2).
pub fn dunbar_warning(ctx: &mut Ctx) -> Result<()> {
    let max = ctx.settings.max_nurtured;
    let n = ctx.store.read().nurtured_count()?;
    if n > max as i64 {
        ctx.say(format!(
            "note: {n} contacts have a cadence, more than max_nurtured ({max}; about 150 close relationships is what anyone keeps up): `net prune` or `net every NAME never`"
        ))?;
    }
    Ok(())
}

/// A DATE that has happened: `--on` or today; the future is refused.
pub fn past_date(ctx: &Ctx, on: Option<&str>) -> Result<NaiveDate> {
    let date = match on {
        Some(text) => ctx.date(text)?,
        None => ctx.today,
    };
    if date > ctx.today {
        return Err(usage(format!(
            "{date} is in the future: record what has happened"
        )));
    }
    Ok(date)
}
