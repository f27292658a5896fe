//! The events of an iCalendar file (RFC 5545), for `net capture ics`: one
//! plain [`Event`] per occurrence that starts within a window of days, with
//! recurring series expanded by calcard.
//!
//! Times: every occurrence keeps its own zone. `start` is the instant with
//! the offset of the event's zone (its TZID, honoured through the zone's name:
//! calcard resolves "Europe/Berlin", Outlook's "W. Europe Standard Time" and
//! X-LIC-LOCATION to the IANA rules and does not read the VTIMEZONE's own
//! STANDARD/DAYLIGHT blocks); `local_start` is the wall-clock time in that
//! zone, and `minutes` the duration. A time in UTC ("…Z") stays in UTC: which
//! zone the user lives in is the caller's to say (the rules convert with
//! [`super::rules::Settings::zone`]). All-day and floating events have no
//! zone: their `local_start` is what the file says and `start` carries +00:00.
//!
//! Source ids: `ics:UID` for a single event, `ics:UID/RECURRENCE` for an
//! occurrence of a series, where RECURRENCE is the occurrence's original start
//! (its RECURRENCE-ID when it was moved) as `YYYYMMDD` (all-day),
//! `YYYYMMDDTHHMMSSZ` (UTC) or `YYYYMMDDTHHMMSS` (floating). Moving a single
//! event or an occurrence keeps its id; a CalDAV copy of the same calendar
//! yields the same ids. An event without UID gets `ics:nouid-HASH` (summary and
//! start).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use calcard::common::timezone::Tz;
use calcard::common::PartialDateTime;
use calcard::icalendar::dates::TimeOrDelta;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameterName,
    ICalendarProperty, ICalendarStatus, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::fnv64;

/// Occurrences calcard computes per series before giving up on reaching the
/// window: a weekly series for about 960 years, a daily one for 55.
pub const MAX_OCCURRENCES: usize = 20_000;

/// A person on an event: an attendee or the organizer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Lower case, without `mailto:`.
    pub email: String,
    pub name: Option<String>,
    /// PARTSTAT in upper case ("ACCEPTED", "DECLINED", …); None when absent.
    pub partstat: Option<String>,
    /// One of the caller's own addresses.
    pub me: bool,
}

/// One occurrence of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub source_id: String,
    pub uid: String,
    /// The occurrence's original start (see the module's note); None for a
    /// single event.
    pub recurrence: Option<String>,
    pub start: DateTime<FixedOffset>,
    pub local_start: NaiveDateTime,
    pub minutes: u32,
    pub all_day: bool,
    /// Neither a TZID nor UTC: local time wherever the reader is.
    pub floating: bool,
    pub summary: String,
    pub organizer: Option<Person>,
    pub attendees: Vec<Person>,
    /// STATUS:CANCELLED, on the event or the calendar's METHOD:CANCEL.
    pub cancelled: bool,
    pub categories: Vec<String>,
    /// The PRODID of the calendar the event came in.
    pub prodid: Option<String>,
}

/// What a reader made of one file: the occurrences in the window, and what it
/// could not read (one sentence each).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub events: Vec<Event>,
    pub problems: Vec<String>,
}

/// Reads an .ics file (see [`read`]).
pub fn read_file(
    path: &Path,
    since: NaiveDate,
    until: NaiveDate,
    me: &[String],
) -> std::io::Result<Reading> {
    let bytes = std::fs::read(path)?;
    Ok(read(&String::from_utf8_lossy(&bytes), since, until, me))
}

/// The occurrences of the events in `text` whose local start day lies in
/// `since..=until`, in the order of the file, each series in time order.
/// `me`: the user's addresses, compared without regard to case.
pub fn read(text: &str, since: NaiveDate, until: NaiveDate, me: &[String]) -> Reading {
    let me: HashSet<String> = me.iter().map(|a| a.trim().to_lowercase()).collect();
    let mut reading = Reading::default();
    let mut parser = Parser::new(text);
    loop {
        match parser.entry() {
            Entry::ICalendar(cal) => calendar(&cal, since, until, &me, &mut reading),
            Entry::Eof => break,
            Entry::InvalidLine(_) | Entry::VCard(_) => {}
            Entry::TooManyComponents => {
                reading.problems.push("too many components".into());
                break;
            }
            other => reading.problems.push(format!("not read: {other:?}")),
        }
    }
    reading
}

fn text_of(c: &ICalendarComponent, prop: &ICalendarProperty) -> Option<String> {
    c.property(prop)
        .and_then(|e| e.values.first())
        .and_then(|v| v.as_text())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn calendar(
    cal: &ICalendar,
    since: NaiveDate,
    until: NaiveDate,
    me: &HashSet<String>,
    reading: &mut Reading,
) {
    let Some(root) = cal.components.first() else {
        return;
    };
    let prodid = text_of(root, &ICalendarProperty::Prodid);
    let method_cancel =
        text_of(root, &ICalendarProperty::Method).is_some_and(|m| m.eq_ignore_ascii_case("CANCEL"));
    let timezones: Vec<ICalendarComponent> = cal
        .components
        .iter()
        .filter(|c| c.component_type == ICalendarComponentType::VTimezone)
        .map(|c| ICalendarComponent {
            component_type: c.component_type.clone(),
            entries: c.entries.clone(),
            component_ids: Vec::new(),
        })
        .collect();
    // The events of one UID: a series with its moved occurrences, or one event.
    let mut groups: BTreeMap<String, Vec<&ICalendarComponent>> = BTreeMap::new();
    let mut order = Vec::new();
    for c in &cal.components {
        if c.component_type != ICalendarComponentType::VEvent {
            continue;
        }
        let uid = match c.uid().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => u.to_string(),
            None => {
                let start = c
                    .property(&ICalendarProperty::Dtstart)
                    .and_then(|e| e.values.first())
                    .and_then(|v| v.as_partial_date_time())
                    .map(|d| format!("{d:?}"))
                    .unwrap_or_default();
                let summary = text_of(c, &ICalendarProperty::Summary).unwrap_or_default();
                format!(
                    "nouid-{:016x}",
                    fnv64(format!("{summary}\n{start}").as_bytes())
                )
            }
        };
        if !groups.contains_key(&uid) {
            order.push(uid.clone());
        }
        groups.entry(uid).or_default().push(c);
    }
    for uid in order {
        let comps = &groups[&uid];
        series(
            &uid,
            comps,
            &timezones,
            Context {
                since,
                until,
                me,
                prodid: &prodid,
                method_cancel,
            },
            reading,
        );
    }
}

struct Context<'a> {
    since: NaiveDate,
    until: NaiveDate,
    me: &'a HashSet<String>,
    prodid: &'a Option<String>,
    method_cancel: bool,
}

fn series(
    uid: &str,
    comps: &[&ICalendarComponent],
    timezones: &[ICalendarComponent],
    cx: Context<'_>,
    reading: &mut Reading,
) {
    // calcard's limit counts every occurrence of the calendar it expands: one
    // small calendar per series keeps one endless series from eating the
    // others' share.
    let mut mini = ICalendar {
        components: vec![ICalendarComponent {
            component_type: ICalendarComponentType::VCalendar,
            entries: Vec::new(),
            component_ids: Vec::new(),
        }],
    };
    mini.components.extend(timezones.iter().cloned());
    let first_event = mini.components.len();
    mini.components.extend(comps.iter().map(|c| (*c).clone()));
    for c in &mut mini.components[first_event..] {
        end_series_after(c, cx.until);
    }
    let resolver = mini.build_tz_resolver();
    let recurring = comps.iter().any(|c| c.is_recurrent_or_override());

    // The moved occurrences, by their original start: calcard matches them to
    // the series only when their SEQUENCE equals the series', so the series'
    // own occurrence at that start is dropped here.
    let mut moved = HashSet::new();
    let mut rid_of = BTreeMap::new();
    for (i, c) in comps.iter().enumerate() {
        if let Some(e) = c.property(&ICalendarProperty::RecurrenceId) {
            if let Some(ICalendarValue::PartialDateTime(dt)) = e.values.first() {
                let tz = resolver.resolve_or_default(e.tz_id().or_else(|| start_tzid(c)));
                if let Some(at) = dt.to_date_time_with_tz(tz) {
                    moved.insert(at.timestamp());
                    rid_of.insert(first_event + i, recurrence_id(&at, !dt.has_time()));
                }
            }
        }
    }

    let expand = mini.expand_dates(Tz::Floating, MAX_OCCURRENCES);
    for err in &expand.errors {
        reading
            .problems
            .push(format!("event {uid}: {:?}", err.error));
    }
    let last = expand
        .events
        .iter()
        .map(|e| e.start.naive_local().date())
        .max();
    if expand.events.len() >= MAX_OCCURRENCES && last.is_some_and(|l| l < cx.until) {
        reading.problems.push(format!(
            "event {uid}: more than {MAX_OCCURRENCES} occurrences; later ones are not read"
        ));
    }
    let mut out = Vec::new();
    for occ in expand.events {
        let idx = occ.comp_id as usize;
        let Some(comp) = mini.components.get(idx) else {
            continue;
        };
        let is_override = rid_of.contains_key(&idx);
        if !is_override && moved.contains(&occ.start.timestamp()) && comp.is_recurrent() {
            continue;
        }
        let start = occ.start;
        let local_start = start.naive_local();
        if local_start.date() < cx.since || local_start.date() > cx.until {
            continue;
        }
        let end_secs = match occ.end {
            TimeOrDelta::Time(end) => end.timestamp() - start.timestamp(),
            TimeOrDelta::Delta(d) => d.num_seconds(),
        };
        let dt_start = comp
            .property(&ICalendarProperty::Dtstart)
            .and_then(|e| e.values.first())
            .and_then(|v| v.as_partial_date_time());
        let all_day = dt_start.is_some_and(|d| !d.has_time());
        let floating = start.timezone().is_floating();
        let recurrence = if is_override {
            rid_of.get(&idx).cloned()
        } else if recurring {
            Some(recurrence_id(&start, all_day))
        } else {
            None
        };
        let source_id = match &recurrence {
            Some(r) => format!("ics:{uid}/{r}"),
            None => format!("ics:{uid}"),
        };
        let fixed = if floating {
            Utc.from_utc_datetime(&local_start).fixed_offset()
        } else {
            start.fixed_offset()
        };
        out.push(Event {
            source_id,
            uid: uid.to_string(),
            recurrence,
            start: fixed,
            local_start,
            minutes: (end_secs.max(0) / 60).min(u32::MAX as i64) as u32,
            all_day,
            floating,
            summary: text_of(comp, &ICalendarProperty::Summary).unwrap_or_default(),
            organizer: comp
                .property(&ICalendarProperty::Organizer)
                .and_then(|e| person(e, cx.me)),
            attendees: comp
                .properties(&ICalendarProperty::Attendee)
                .filter_map(|e| person(e, cx.me))
                .collect(),
            cancelled: cx.method_cancel || comp.status() == Some(&ICalendarStatus::Cancelled),
            categories: comp
                .properties(&ICalendarProperty::Categories)
                .flat_map(|e| e.values.iter())
                .filter_map(|v| v.as_text())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            prodid: cx.prodid.clone(),
        });
    }
    out.sort_by_key(|e| e.start);
    // The same event twice in a file (a copy, or an older SEQUENCE): once.
    let mut ids = HashSet::new();
    out.retain(|e| ids.insert(e.source_id.clone()));
    reading.events.extend(out);
}

/// Ends an endless series (no COUNT, no UNTIL or a later one) two days after
/// the window, in the series' own wall-clock time: what comes after is not
/// read anyway, and calcard then stops there instead of at its limit.
fn end_series_after(c: &mut ICalendarComponent, until: NaiveDate) {
    let Some(end) = until.checked_add_days(Days::new(2)) else {
        return;
    };
    let starts_before = c
        .property(&ICalendarProperty::Dtstart)
        .and_then(|e| e.values.first())
        .and_then(|v| v.as_partial_date_time())
        .and_then(|d| d.to_date_time())
        .is_some_and(|d| d.date_time.date() < end);
    if !starts_before {
        return;
    }
    for e in &mut c.entries {
        if e.name != ICalendarProperty::Rrule {
            continue;
        }
        if let Some(ICalendarValue::RecurrenceRule(rule)) = e.values.first_mut() {
            let later = match &rule.until {
                None => true,
                Some(u) => u.to_date_time().is_none_or(|u| u.date_time.date() > end),
            };
            if rule.count.is_none() && later {
                rule.until = Some(PartialDateTime {
                    year: Some(end.year() as u16),
                    month: Some(end.month() as u8),
                    day: Some(end.day() as u8),
                    hour: Some(0),
                    minute: Some(0),
                    second: Some(0),
                    ..PartialDateTime::default()
                });
            }
        }
    }
}

fn start_tzid(c: &ICalendarComponent) -> Option<&str> {
    c.property(&ICalendarProperty::Dtstart)
        .and_then(|e| e.tz_id())
}

/// `YYYYMMDD`, `YYYYMMDDTHHMMSSZ` or `YYYYMMDDTHHMMSS` (floating).
fn recurrence_id(at: &DateTime<Tz>, all_day: bool) -> String {
    if all_day {
        at.naive_local().format("%Y%m%d").to_string()
    } else if at.timezone().is_floating() {
        at.naive_local().format("%Y%m%dT%H%M%S").to_string()
    } else {
        at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
    }
}

fn person(e: &ICalendarEntry, me: &HashSet<String>) -> Option<Person> {
    let email = e.calendar_address()?.trim().to_lowercase();
    if email.is_empty() {
        return None;
    }
    let mut name = None;
    let mut partstat = None;
    for p in &e.params {
        match (&p.name, &p.value) {
            (ICalendarParameterName::Cn, v) => {
                name = v.as_text().map(str::to_string).filter(|s| !s.is_empty())
            }
            (ICalendarParameterName::Partstat, v) => partstat = v.as_text().map(str::to_uppercase),
            _ => {}
        }
    }
    Some(Person {
        me: me.contains(&email),
        email,
        name,
        partstat,
    })
}
