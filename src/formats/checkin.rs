//! A check-in as `net sync` writes it into the `net check-ins` calendar:
//! one VEVENT per nurtured contact, all-day on its due day, repeating at
//! its cadence (RRULE), transparent (it does not make the day busy), UID
//! `checkin-<contact uuid>`, SUMMARY "Check in with NAME". Never ATTENDEE or
//! ORGANIZER, and no METHOD (a stored CalDAV item has none). One-way: what
//! the server holds is only compared, never read into the network.

use chrono::{Days, NaiveDate};

use super::contentline::{escape, fold};
use super::fields::Fields;
use super::ics::{rrule, Repeat};
use crate::model::Interval;

/// The fields of the check-in with the contact of `uuid`.
pub fn fields(uuid: &str, name: &str, day: NaiveDate, every: Interval) -> Fields {
    let uid = format!("checkin-{uuid}");
    let mut f = Fields::default();
    f.put_text("uid", Some(uid.clone()));
    f.put_text("uuid", Some(uid));
    f.put_text("date", Some(day.format("%Y%m%d").to_string()));
    let repeat = Repeat {
        every,
        until: None,
        end_of_february: false,
    };
    f.put_text("rrule", Some(rrule(&repeat)));
    f.put_text("summary", Some(format!("Check in with {name}")));
    f
}

/// The item's text; `stamp` is its DTSTAMP.
pub fn write(f: &Fields, stamp: &str) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//net//net sync//EN\r\nBEGIN:VEVENT\r\n",
    );
    let mut put = |name: &str, value: &str| fold(&mut out, &format!("{name}:{value}"));
    put("UID", &escape(f.text("uid").unwrap_or_default()));
    put("DTSTAMP", stamp);
    if let Some(day) = f.text("date") {
        put("DTSTART;VALUE=DATE", day);
        let next = NaiveDate::parse_from_str(day, "%Y%m%d")
            .ok()
            .and_then(|d| d.checked_add_days(Days::new(1)));
        if let Some(next) = next {
            put("DTEND;VALUE=DATE", &next.format("%Y%m%d").to_string());
        }
    }
    if let Some(r) = f.text("rrule") {
        put("RRULE", r);
    }
    put("SUMMARY", &escape(f.text("summary").unwrap_or("Check in")));
    put("CATEGORIES", "net check-in");
    put("TRANSP", "TRANSPARENT");
    out.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    out
}

/// The fields of a check-in on the server, to compare with net's. None
/// when the text holds no VEVENT.
pub fn read(text: &str) -> Option<(Fields, bool)> {
    let (props, _) = super::journal::properties(text, "VEVENT")?;
    let mut f = Fields::default();
    for (prop, value) in props {
        match prop.as_str() {
            "UID" => {
                f.put_text("uuid", Some(value.clone()));
                f.put_text("uid", Some(value));
            }
            "DTSTART" => f.put_text("date", Some(value.chars().take(8).collect::<String>())),
            "RRULE" => f.put_text("rrule", Some(value)),
            "SUMMARY" => f.put_text("summary", Some(value)),
            _ => {}
        }
    }
    // Nothing in it is net-only: a writer without X-NET-* knows all of it.
    Some((f, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    #[test]
    fn a_check_in_survives_the_round_trip() {
        let day = "2026-12-22".parse().unwrap();
        let f = fields(
            "c-uuid",
            "Anna Müller, CEO",
            day,
            Interval::new(2, Unit::Months),
        );
        let text = write(&f, "20261122T000000Z");
        assert!(
            text.contains("\r\nDTSTART;VALUE=DATE:20261222\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20261223\r\n"), "{text}");
        assert!(
            text.contains("\r\nRRULE:FREQ=MONTHLY;INTERVAL=2\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nUID:checkin-c-uuid\r\n"), "{text}");
        assert!(text.contains("\r\nTRANSP:TRANSPARENT\r\n"), "{text}");
        for never in ["ATTENDEE", "ORGANIZER", "METHOD"] {
            assert!(!text.contains(never), "{text}");
        }
        assert_eq!(read(&text).map(|(f, _)| f), Some(f));
    }
}
