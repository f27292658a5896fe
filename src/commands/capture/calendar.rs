//! `net capture calendar`: the events of the CalDAV calendars of `[sync]`,
//! net's own collections left out. Each calendar is asked only for what
//! changed since its last capture (its sync token), and the events that
//! may still bring occurrences into the window (recurring series, events
//! to come) are read again; the window is the one of `net capture ics`.

use anyhow::{Context, Result};
use chrono::{Days, NaiveDate};
use std::collections::{BTreeSet, HashSet};
use std::process::ExitCode;

use super::{Ctx, Found, Marks};
use crate::cli::CaptureOpts;
use crate::commands::sync;
use crate::dav::{self, Client, CollectionType, Kind};
use crate::formats::capture::{calendar, rules};
use crate::store::CalendarMark;

/// How many days ahead a series is looked at for a next occurrence.
const SERIES_HORIZON: u64 = 731;

/// The last day an event may start on to count as still to come.
const FAR: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

pub fn run(ctx: &mut Ctx, opts: &CaptureOpts) -> Result<ExitCode> {
    let config = sync::configured(ctx)?;
    let client = sync::client(ctx, &config)?;
    let home = client.discover(Kind::Calendar)?.home;
    let own: HashSet<&str> = config
        .collections
        .values()
        .map(|h| h.trim_end_matches('/'))
        .collect();
    let calendars: Vec<String> = client
        .list_collections(&home, Kind::Calendar)?
        .into_iter()
        .filter(|c| !own.contains(c.href.trim_end_matches('/')) && holds_events(&c.kind))
        .map(|c| c.href)
        .collect();
    let source = format!("calendar:{}", config.url);
    let (since, again) = super::since(ctx, opts, &source, false)?;
    let me = super::me(ctx);
    let mut events = Vec::new();
    let mut problems = Vec::new();
    let mut marks = Vec::new();
    for href in calendars {
        let key = format!("{} {href}", config.url);
        let old = if again {
            CalendarMark::default()
        } else {
            ctx.store.read().calendar_mark(&key)?
        };
        // What changed on the server (a past meeting put in late too) is
        // read from 30 days back; the rest from the day of the last capture.
        let back = match &opts.since {
            Some(_) => since,
            None => since.min(ctx.today - Days::new(30)),
        };
        let (items, fresh, token) = changed(&client, &href, &old)
            .with_context(|| format!("reading the calendar {href}"))?;
        let mut pending = Vec::new();
        for item in items {
            let first = if fresh.contains(&item.href) {
                back
            } else {
                since
            };
            let reading = calendar::read(&item.body, first, ctx.today, &me);
            events.extend(reading.events);
            problems.extend(
                reading
                    .problems
                    .into_iter()
                    .map(|p| format!("{}: {p}", item.href)),
            );
            if still_to_come(&item.body, ctx.today, &me) {
                pending.push(item.href);
            }
        }
        marks.push((
            key,
            CalendarMark {
                token: Some(token),
                pending,
            },
        ));
    }
    let settings = super::rule_settings(ctx)?;
    let index = super::email_index(ctx)?;
    let outcome = rules::events(
        &events,
        &me,
        |email| index.get(email).cloned().unwrap_or_default(),
        &settings,
    );
    let found = Found {
        what: "capture calendar".to_string(),
        source,
        outcome,
        before: 0,
        problems,
        marks: Marks::Calendars(marks),
        noun: "event",
    };
    super::finish(ctx, opts, found)
}

fn holds_events(kind: &CollectionType) -> bool {
    match kind {
        CollectionType::Calendar { components } => {
            components.is_empty() || components.iter().any(|c| c == "VEVENT")
        }
        CollectionType::AddressBook => false,
    }
}

/// The items of `href` changed since the mark (their hrefs are the second
/// part) and those it keeps to read again, with the sync token to remember.
/// A token the server no longer takes reads everything (what was captured
/// before stays known).
fn changed(
    client: &Client,
    href: &str,
    old: &CalendarMark,
) -> Result<(Vec<dav::Item>, HashSet<String>, String)> {
    let changes = match client.sync_collection(href, old.token.as_deref()) {
        Err(dav::Error::InvalidSyncToken { .. }) => client.sync_collection(href, None)?,
        other => other?,
    };
    let removed: HashSet<&String> = changes.removed.iter().collect();
    let wanted: BTreeSet<&String> = changes
        .changed
        .iter()
        .map(|(h, _)| h)
        .chain(&old.pending)
        .filter(|h| !removed.contains(h))
        .collect();
    let wanted: Vec<&String> = wanted.into_iter().collect();
    let items = client.multiget(href, Kind::Calendar, &wanted)?;
    let fresh = changes.changed.into_iter().map(|(h, _)| h).collect();
    Ok((items, fresh, changes.token))
}

/// Whether an item may bring occurrences into a later window: one of its
/// events starts after today (for a series: within two years, so an endless
/// one is not expanded to the end of time; a series that has ended is done).
fn still_to_come(body: &str, today: NaiveDate, me: &[String]) -> bool {
    // The RRULEs of a VTIMEZONE are its daylight-saving changes.
    let mut in_zone = false;
    let recurs = body.lines().any(|l| {
        let l = l.trim().to_ascii_uppercase();
        match l.as_str() {
            "BEGIN:VTIMEZONE" => in_zone = true,
            "END:VTIMEZONE" => in_zone = false,
            _ => {}
        }
        !in_zone && (l.starts_with("RRULE") || l.starts_with("RDATE"))
    });
    let until = if recurs {
        today
            .checked_add_days(Days::new(SERIES_HORIZON))
            .unwrap_or(FAR)
    } else {
        FAR
    };
    today
        .succ_opt()
        .is_some_and(|next| !calendar::read(body, next, until, me).events.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    const ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    fn body(start: &str, extra: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{ZONE}BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT1H\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n")
    }

    #[test]
    fn what_is_still_to_come_is_read_again() {
        // Past and single: done (the RRULE of the time zone is not a series).
        assert!(!still_to_come(&body("20261110T100000", ""), day(22), &[]));
        assert!(still_to_come(&body("20261125T100000", ""), day(22), &[]));
        let series = |rule: &str| still_to_come(&body("20261001T100000", rule), day(22), &[]);
        assert!(series("RRULE:FREQ=WEEKLY\r\n"));
        assert!(series("RRULE:FREQ=YEARLY\r\n"));
        assert!(!series("RRULE:FREQ=WEEKLY;COUNT=3\r\n"), "ended in October");
        assert!(!series("RRULE:FREQ=DAILY;UNTIL=20261120T000000Z\r\n"));
        assert!(series("RDATE;TZID=Europe/Berlin:20261201T100000\r\n"));
    }
}
