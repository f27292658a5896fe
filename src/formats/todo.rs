//! A promise as `net sync` carries it: a VTODO in the `net promises` task
//! list (SUMMARY, DUE, STATUS/COMPLETED, `X-NET-CONTACT`). A task app that
//! ticks it off marks the promise kept.

use super::contentline::{escape, fold};
use super::fields::{timestamp, Fields, Loser, REV};
use super::journal::properties;

/// What a task app that drops `X-NET-*` says nothing about.
pub const NET_ONLY: &[&str] = &["contact", "created"];

pub fn loser(key: &str) -> Loser {
    match key {
        "text" => Loser::Append,
        _ => Loser::Drop,
    }
}

/// The item's text; `stamp` is its DTSTAMP (`20261122T000000Z`).
pub fn write(f: &Fields, stamp: &str) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//net//net sync//EN\r\nBEGIN:VTODO\r\n",
    );
    let mut put = |name: &str, value: &str| fold(&mut out, &format!("{name}:{value}"));
    put("UID", &escape(f.text("uid").unwrap_or_default()));
    put("DTSTAMP", stamp);
    put("SUMMARY", &escape(f.text("text").unwrap_or("promise")));
    if let Some(due) = f.text("due") {
        put("DUE;VALUE=DATE", &due.replace('-', ""));
    }
    match f.text("done") {
        Some(done) => {
            put("STATUS", "COMPLETED");
            put("COMPLETED", &format!("{}T000000Z", done.replace('-', "")));
        }
        None => put("STATUS", "NEEDS-ACTION"),
    }
    if let Some(c) = f.text("created") {
        put("X-NET-CREATED", c);
    }
    if let Some(c) = f.text("contact") {
        put("X-NET-CONTACT", &format!("urn:uuid:{c}"));
    }
    if let Some(rev) = f.text(REV) {
        put("LAST-MODIFIED", rev);
    }
    out.push_str("END:VTODO\r\nEND:VCALENDAR\r\n");
    out
}

fn date_of(value: &str) -> Option<String> {
    let d: String = value.chars().take(8).collect();
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// An item's fields, and whether its writer knows net's properties. A task
/// marked COMPLETED without a date is done on its DTSTAMP's day.
pub fn read(text: &str) -> Option<(Fields, bool)> {
    let (props, knows_net) = properties(text, "VTODO")?;
    let mut f = Fields::default();
    let (mut completed, mut stamp, mut status) = (None, None, String::new());
    for (prop, value) in props {
        match prop.as_str() {
            "UID" => f.put_text("uid", Some(value)),
            "SUMMARY" => f.put_text("text", Some(value)),
            "DUE" => f.put_text("due", date_of(&value)),
            "COMPLETED" => completed = date_of(&value),
            "DTSTAMP" => stamp = date_of(&value),
            "STATUS" => status = value.trim().to_ascii_uppercase(),
            "X-NET-CREATED" => f.put_text("created", Some(value)),
            "LAST-MODIFIED" => f.put_text(REV, timestamp(&value)),
            "X-NET-CONTACT" => f.put_text(
                "contact",
                Some(value.trim().trim_start_matches("urn:uuid:").to_string()),
            ),
            _ => {}
        }
    }
    if status == "COMPLETED" || completed.is_some() {
        f.put_text("done", completed.or(stamp));
    }
    let uid = f.text("uid").map(str::to_string);
    f.put_text("uuid", uid);
    Some((f, knows_net))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_promise_survives_the_round_trip_and_a_tick_marks_it_done() {
        let mut f = Fields::default();
        f.put_text("uid", Some("u-1"));
        f.put_text("uuid", Some("u-1"));
        f.put_text("text", Some("send the article, today"));
        f.put_text("due", Some("2026-12-05"));
        f.put_text("created", Some("2026-11-22"));
        f.put_text("contact", Some("c-1"));
        let text = write(&f, "20261122T000000Z");
        let (back, knows) = read(&text).unwrap();
        assert!(knows);
        assert_eq!(back, f, "{text}");
        let ticked = text.replace(
            "STATUS:NEEDS-ACTION",
            "STATUS:COMPLETED\r\nCOMPLETED:20261201T101500Z",
        );
        let (done, _) = read(&ticked).unwrap();
        assert_eq!(done.text("done"), Some("2026-12-01"));
    }
}
