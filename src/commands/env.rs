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
    /// The TZ variable ("Europe/Berlin"; a leading ':' dropped), for
    /// `net capture` when the config names no time zone.
    pub tz: Option<String>,
    /// NET_DAV_PASSWORD: the sync server's password, for scripts.
    pub dav_password: Option<Secret>,
}

/// A password: never printed, not even in a debug dump.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Env {
    /// Reads NET_TODAY (refusing a malformed one) and the terminals.
    pub fn read() -> Result<Env> {
        let (today, fixed) = match std::env::var("NET_TODAY") {
            Ok(s) if !s.is_empty() => {
                let day = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .ok()
                    .filter(|d| {
                        use chrono::Datelike;
                        crate::parse::DATE_YEARS.contains(&d.year())
                    })
                    .ok_or_else(|| {
                        usage(format!(
                            "NET_TODAY={s:?} is not a date from 1900 to 2200: use YYYY-MM-DD, or unset it"
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
            tz: std::env::var("TZ")
                .ok()
                .map(|t| t.trim().trim_start_matches(':').to_string())
                .filter(|t| !t.is_empty()),
            dav_password: std::env::var("NET_DAV_PASSWORD")
                .ok()
                .filter(|p| !p.is_empty())
                .map(Secret),
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

/// The pager for long output, as git chooses it: `$PAGER` (default `less`),
/// only when stdout is a terminal and the user did not say `--no-pager`;
/// none when PAGER is empty or `cat`. The second value: whether LESS is
/// unset, so the pager may be given git's `LESS=FRX` (quit when it fits,
/// keep colours, leave the text on screen).
pub fn pager(no_pager: bool) -> Option<(String, bool)> {
    if no_pager || !std::io::stdout().is_terminal() {
        return None;
    }
    let command = match std::env::var("PAGER") {
        Ok(p) => p.trim().to_string(),
        Err(_) => "less".to_string(),
    };
    if command.is_empty() || command == "cat" {
        return None;
    }
    Some((command, std::env::var_os("LESS").is_none()))
}
