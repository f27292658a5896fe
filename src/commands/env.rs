//! The only reads of the environment and the clock: "today", the time a write
//! is recorded with, whether a person can be asked, and how output looks.
//! Everything below `commands` gets these as values.

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::io::IsTerminal;

use crate::error::usage;
use crate::render::Look;

/// What the environment and the clock say, read once per run.
#[derive(Clone, Debug)]
pub struct Env {
    /// "Today": the clock, or NET_TODAY.
    pub today: NaiveDate,
    /// NET_TODAY is set: every time of day is midnight, so tests see fixed text.
    fixed: bool,
    /// A person at a terminal can be asked (stdin and stderr are terminals).
    pub can_prompt: bool,
}

impl Env {
    /// Reads NET_TODAY (refusing a malformed one) and the terminals.
    pub fn read() -> Result<Env> {
        let (today, fixed) = match std::env::var("NET_TODAY") {
            Ok(s) if !s.is_empty() => {
                let day = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                    usage(format!(
                        "NET_TODAY={s:?} is not a date: use YYYY-MM-DD, or unset it"
                    ))
                })?;
                (day, true)
            }
            _ => (chrono::Local::now().date_naive(), false),
        };
        Ok(Env {
            today,
            fixed,
            can_prompt: can_prompt(),
        })
    }

    /// The time a write is recorded with, as `net undo --list` shows it.
    pub fn clock(&self) -> String {
        if self.fixed {
            format!("{} 00:00", self.today)
        } else {
            chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
        }
    }

    /// The moment in UTC (a calendar's DTSTAMP).
    pub fn now_utc(&self) -> NaiveDateTime {
        if self.fixed {
            self.today.and_time(NaiveTime::MIN)
        } else {
            chrono::Utc::now().naive_utc()
        }
    }
}

/// Whether a person can be asked: stdin and stderr are terminals.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Colour on a terminal (or with CLICOLOR_FORCE), never with NO_COLOR; the
/// width from COLUMNS when it is set, else the terminal's own width. A width
/// of 0 (`script(1)`, some CI and editor shells report one) means unknown:
/// COLUMNS if it is usable, else 80 on a terminal.
pub fn look(is_terminal: bool) -> Look {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    let columns: Option<u16> = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|c| *c > 0);
    // console answers None for a terminal that reports 0 columns; left
    // unset, comfy-table would ask the terminal itself and get 0.
    let terminal = || {
        is_terminal.then(|| {
            console::Term::stdout()
                .size_checked()
                .map_or(80, |(_, cols)| cols)
        })
    };
    Look {
        color: !set("NO_COLOR") && (is_terminal || set("CLICOLOR_FORCE")),
        width: columns.or_else(terminal),
    }
}
