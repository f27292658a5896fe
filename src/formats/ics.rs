//! iCalendar (RFC 5545) for `net export ics`: all-day events, some repeating.
//! Lines are escaped and folded by calcard; this module only decides what
//! goes in. Pure: the time stamp comes in as a parameter.

use calcard::icalendar::{
    ICalendarEntry, ICalendarParameter, ICalendarParameterName, ICalendarParameterValue,
    ICalendarProperty, ICalendarValue, ICalendarValueType,
};
use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::model::{Interval, Unit};

/// How an event repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeat {
    pub every: Interval,
    /// The last day an occurrence may fall on; None: for ever.
    pub until: Option<NaiveDate>,
    /// Yearly on the last day of February (a birthday on 29 February: the
    /// 29th in leap years, the 28th otherwise, as net itself counts it).
    pub end_of_february: bool,
}

/// One all-day event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable across exports, so a calendar updates the event instead of adding another.
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    pub day: NaiveDate,
    pub repeat: Option<Repeat>,
    /// A category calendar programs can colour or filter by.
    pub category: &'static str,
}

/// The RRULE value: `FREQ=MONTHLY;INTERVAL=2;UNTIL=20271122`.
pub fn rrule(r: &Repeat) -> String {
    let freq = match r.every.unit {
        Unit::Days => "DAILY",
        Unit::Weeks => "WEEKLY",
        Unit::Months => "MONTHLY",
        Unit::Years => "YEARLY",
    };
    let mut s = format!("FREQ={freq}");
    if r.every.n > 1 {
        s.push_str(&format!(";INTERVAL={}", r.every.n));
    }
    if r.end_of_february {
        s.push_str(";BYMONTH=2;BYMONTHDAY=-1");
    }
    if let Some(until) = r.until {
        s.push_str(&format!(";UNTIL={}", until.format("%Y%m%d")));
    }
    s
}

/// The whole calendar. `stamp` is the DTSTAMP (UTC) of every event.
pub fn write(events: &[Event], name: &str, stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    out.push_str("BEGIN:VCALENDAR\r\n");
    for (prop, value) in [
        (ICalendarProperty::Version, "2.0"),
        (
            ICalendarProperty::Prodid,
            concat!("-//net//net ", env!("CARGO_PKG_VERSION"), "//EN"),
        ),
        (ICalendarProperty::Calscale, "GREGORIAN"),
        (ICalendarProperty::Method, "PUBLISH"),
        (ICalendarProperty::Other("X-WR-CALNAME".into()), name),
    ] {
        line(&mut out, prop, None, value);
    }
    for e in events {
        out.push_str("BEGIN:VEVENT\r\n");
        line(&mut out, ICalendarProperty::Uid, None, &e.uid);
        line(&mut out, ICalendarProperty::Dtstamp, None, &stamp);
        let date = Some(ICalendarValueType::Date);
        line(&mut out, ICalendarProperty::Dtstart, date, &ymd(e.day));
        let next = e.day.checked_add_days(Days::new(1)).unwrap_or(e.day);
        line(&mut out, ICalendarProperty::Dtend, date, &ymd(next));
        if let Some(r) = &e.repeat {
            line(&mut out, ICalendarProperty::Rrule, None, &rrule(r));
        }
        line(&mut out, ICalendarProperty::Summary, None, &e.summary);
        if let Some(d) = &e.description {
            line(&mut out, ICalendarProperty::Description, None, d);
        }
        line(&mut out, ICalendarProperty::Categories, None, e.category);
        // All-day reminders should not block the day as busy.
        line(&mut out, ICalendarProperty::Transp, None, "TRANSPARENT");
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn line(
    out: &mut String,
    name: ICalendarProperty,
    value_type: Option<ICalendarValueType>,
    value: &str,
) {
    let entry = ICalendarEntry {
        name,
        params: value_type
            .map(|t| ICalendarParameter {
                name: ICalendarParameterName::Value,
                value: ICalendarParameterValue::Value(t),
            })
            .into_iter()
            .collect(),
        values: vec![ICalendarValue::Text(value.to_string())],
    };
    // Writing into a String cannot fail.
    let _ = entry.write_to(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stamp() -> NaiveDateTime {
        d("2026-11-22").and_hms_opt(0, 0, 0).unwrap()
    }

    #[test]
    fn a_repeating_check_in() {
        let e = Event {
            uid: "checkin-1@net".into(),
            summary: "Check in with Anna Müller, CEO; Müller GmbH".into(),
            description: Some("why: referrer\nlast touch: 2026-09-01".into()),
            day: d("2026-11-22"),
            repeat: Some(Repeat {
                end_of_february: false,
                every: Interval::new(2, Unit::Months),
                until: Some(d("2027-11-22")),
            }),
            category: "net check-in",
        };
        let text = write(&[e], "net", stamp());
        assert!(
            text.contains("\r\nDTSTART;VALUE=DATE:20261122\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20261123\r\n"), "{text}");
        assert!(
            text.contains("\r\nRRULE:FREQ=MONTHLY;INTERVAL=2;UNTIL=20271122\r\n"),
            "{text}"
        );
        assert!(
            text.contains("SUMMARY:Check in with Anna Müller\\, CEO\\; Müller GmbH\r\n"),
            "{text}"
        );
        assert!(
            text.contains("DESCRIPTION:why: referrer\\nlast touch: 2026-09-01\r\n"),
            "{text}"
        );
        assert!(text.contains("DTSTAMP:20261122T000000Z\r\n"), "{text}");
    }

    proptest! {
        #[test]
        fn lines_are_folded_at_75_octets(summary in "\\PC{0,200}", n in 1u32..100) {
            let e = Event {
                uid: "u".into(),
                summary,
                description: None,
                day: d("2026-01-31"),
                repeat: Some(Repeat { every: Interval::new(n, Unit::Weeks), until: None, end_of_february: false }),
                category: "c",
            };
            let text = write(&[e], "net", stamp());
            prop_assert!(text.split("\r\n").all(|l| l.len() <= 75));
            prop_assert!(!text.replace("\r\n", "").contains('\n'));
        }
    }

    #[test]
    fn a_leap_day_birthday_repeats_on_the_last_day_of_february() {
        let r = Repeat {
            every: Interval::new(1, Unit::Years),
            until: None,
            end_of_february: true,
        };
        assert_eq!(rrule(&r), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
    }
}
