//! An interaction as `net sync` carries it: a VJOURNAL in the `net log`
//! calendar (DTSTART, SUMMARY, DESCRIPTION and `X-NET-*` for the kind, the
//! minutes, each person as `X-NET-CONTACT:urn:uuid:…`, gave/got, who
//! started it, the place). Never ATTENDEE or ORGANIZER: no server may mail
//! anyone about it.

use super::contentline::{escape, fold, unescape};
use super::fields::{timestamp, Fields, Loser, REV};
use crate::model::{Initiator, Interaction, Minutes};
use chrono::NaiveDate;

/// What a journal app that drops `X-NET-*` says nothing about.
pub const NET_ONLY: &[&str] = &[
    "kind",
    "minutes",
    "contacts",
    "gave",
    "got",
    "initiator",
    "place",
    "time",
    "captured",
    "record",
    "topic",
    "answers",
    "tag",
    "every",
];

const EXTRA: &[(&str, &str)] = &[
    ("X-NET-KIND", "kind"),
    ("X-NET-MINUTES", "minutes"),
    ("X-NET-TIME", "time"),
    ("X-NET-GAVE", "gave"),
    ("X-NET-GOT", "got"),
    ("X-NET-INITIATOR", "initiator"),
    ("X-NET-PLACE", "place"),
    // Notes, assessments and rules (see records.rs).
    ("X-NET-RECORD", "record"),
    ("X-NET-TOPIC", "topic"),
    ("X-NET-ANSWERS", "answers"),
    ("X-NET-TAG", "tag"),
    ("X-NET-EVERY", "every"),
];

/// A local interaction as the fields of a synced item: its UUID, its
/// people's UUIDs and the ids capture made it from.
pub fn fields(uuid: &str, i: &Interaction, people: &[String], captured: &[String]) -> Fields {
    let mut f = Fields::default();
    f.put_text("uid", Some(uuid.to_string()));
    f.put_text("uuid", Some(uuid.to_string()));
    f.put_text("date", Some(i.date.to_string()));
    f.put_text("kind", Some(i.kind.clone()));
    f.put_text("time", i.time.clone());
    f.put_text("minutes", i.minutes.map(|m| m.0.to_string()));
    f.put_text("note", i.note.clone());
    f.put_text("gave", i.gave.clone());
    f.put_text("got", i.got.clone());
    f.put_text("initiator", Some(i.initiator.as_str()));
    f.put_text("place", i.place.clone());
    f.put_set("contacts", people);
    f.put_set("captured", captured);
    f
}

/// What an interaction is: the same coffee logged on two machines has the
/// same signature.
pub fn signature(f: &Fields) -> String {
    super::records::signature_of(
        f,
        &["kind", "date", "time", "minutes", "note", "gave", "got"],
    )
}

/// The interaction a synced item describes, with its people already
/// resolved to local ids. None when it has no date.
pub fn interaction(f: &Fields, contacts: Vec<i64>) -> Option<Interaction> {
    let date: NaiveDate = f.text("date").and_then(|d| d.parse().ok())?;
    Some(Interaction {
        id: 0,
        kind: f.text("kind").unwrap_or("note").to_string(),
        date,
        time: f.text("time").map(str::to_string),
        minutes: f.text("minutes").and_then(|m| m.parse().ok()).map(Minutes),
        note: f.text("note").map(str::to_string),
        gave: f.text("gave").map(str::to_string),
        got: f.text("got").map(str::to_string),
        initiator: f
            .text("initiator")
            .and_then(Initiator::parse)
            .unwrap_or(Initiator::Me),
        place: f.text("place").map(str::to_string),
        contacts,
        intro: None,
    })
}

pub fn loser(key: &str) -> Loser {
    match key {
        "note" => Loser::Append,
        _ => Loser::Drop,
    }
}

/// The item's text; `stamp` is its DTSTAMP (`20261122T000000Z`).
pub fn write(f: &Fields, stamp: &str) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//net//net sync//EN\r\nBEGIN:VJOURNAL\r\n",
    );
    let mut put = |name: &str, value: &str| fold(&mut out, &format!("{name}:{value}"));
    put("UID", &escape(f.text("uid").unwrap_or_default()));
    put("DTSTAMP", stamp);
    if let Some(date) = f.text("date") {
        put("DTSTART;VALUE=DATE", &date.replace('-', ""));
    }
    let summary = match (f.text("kind"), f.text("label")) {
        _ if f.text("record").is_some() => super::records::summary(f).unwrap_or_default(),
        (Some(k), Some(who)) => format!("{k} with {who}"),
        (Some(k), None) => k.to_string(),
        _ => "net".to_string(),
    };
    put("SUMMARY", &escape(&summary));
    if let Some(note) = f.text("note") {
        put("DESCRIPTION", &escape(note));
    }
    for (prop, key) in EXTRA {
        if let Some(v) = f.text(key) {
            put(prop, &escape(v));
        }
    }
    for c in f.set("contacts") {
        put("X-NET-CONTACT", &format!("urn:uuid:{c}"));
    }
    for id in f.set("captured") {
        put("X-NET-CAPTURE", &escape(&id));
    }
    if let Some(rev) = f.text(REV) {
        put("LAST-MODIFIED", rev);
    }
    out.push_str("END:VJOURNAL\r\nEND:VCALENDAR\r\n");
    out
}

/// An item's fields, and whether its writer knows net's properties. None
/// when it holds no VJOURNAL.
pub fn read(text: &str) -> Option<(Fields, bool)> {
    let (props, knows_net) = properties(text, "VJOURNAL")?;
    let mut f = Fields::default();
    let mut contacts = Vec::new();
    let mut captured = Vec::new();
    for (prop, value) in props {
        match prop.as_str() {
            "UID" => f.put_text("uid", Some(value)),
            "DTSTART" => {
                let d: String = value.chars().take(8).collect();
                if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
                    f.put_text(
                        "date",
                        Some(format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])),
                    );
                }
            }
            "DESCRIPTION" => f.put_text("note", Some(value)),
            "X-NET-CONTACT" => {
                contacts.push(value.trim().trim_start_matches("urn:uuid:").to_string());
            }
            "X-NET-CAPTURE" => captured.push(value),
            "LAST-MODIFIED" => f.put_text(REV, timestamp(&value)),
            _ => {
                if let Some((_, key)) = EXTRA.iter().find(|(p, _)| *p == prop) {
                    f.put_text(key, Some(value));
                }
            }
        }
    }
    f.put_set("contacts", contacts);
    f.put_set("captured", captured);
    let uid = f.text("uid").map(str::to_string);
    f.put_text("uuid", uid);
    Some((f, knows_net))
}

/// The properties (upper-case name without parameters, unescaped value) of
/// the first `component` (VJOURNAL, VTODO) of an iCalendar text, unfolded,
/// and whether its writer knows net's `X-NET-*` properties. None when the
/// text holds no such component.
pub(crate) fn properties(text: &str, component: &str) -> Option<(Vec<(String, String)>, bool)> {
    let unfolded = text
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "");
    let (begin, end) = (format!("BEGIN:{component}"), format!("END:{component}"));
    let mut props = Vec::new();
    let (mut inside, mut knows_net) = (false, false);
    for line in unfolded.lines() {
        let line = line.trim_end_matches('\r');
        if line.eq_ignore_ascii_case(&begin) {
            inside = true;
            continue;
        }
        if line.eq_ignore_ascii_case(&end) {
            break;
        }
        if !inside {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let prop = name.split(';').next().unwrap_or(name).to_ascii_uppercase();
        knows_net |= prop.starts_with("X-NET-");
        props.push((prop, unescape(value)));
    }
    inside.then_some((props, knows_net))
}

#[cfg(test)]
mod tests {
    use super::super::records;
    use super::*;
    use crate::model::{Assessment, Interval, Note, Unit};

    #[test]
    fn an_interaction_survives_the_round_trip() {
        let mut f = Fields::default();
        f.put_text("uid", Some("0f1e2d3c-0000-4000-8000-000000000001"));
        f.put_text("uuid", Some("0f1e2d3c-0000-4000-8000-000000000001"));
        f.put_text("date", Some("2026-11-22"));
        f.put_text("kind", Some("coffee"));
        f.put_text("minutes", Some("45"));
        f.put_text(
            "note",
            Some("talked about her plant; and, more\nline two — ü".repeat(3)),
        );
        f.put_text("initiator", Some("they"));
        f.put_set("contacts", ["a-uuid", "b-uuid"]);
        let text = write(&f, "20261122T000000Z");
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        assert!(!text.contains("ATTENDEE") && !text.contains("ORGANIZER"));
        let (back, knows) = read(&text).unwrap();
        assert!(knows);
        assert_eq!(back, f, "{text}");
    }

    #[test]
    fn notes_assessments_and_rules_survive_the_round_trip() {
        let d: NaiveDate = "2026-11-22".parse().unwrap();
        let n = Note {
            id: 3,
            contact: 1,
            topic: "family".into(),
            text: "husband Jan; two kids, one\nin school".into(),
            created_on: d,
        };
        let a = Assessment {
            id: 4,
            contact: 1,
            date: d,
            answers: vec![1, 2, 5],
            score: 3,
        };
        let all = [
            records::note_fields("n-uuid", &n, Some("c-uuid")),
            records::assessment_fields("a-uuid", &a, Some("c-uuid")),
            records::rule_fields("client", &Interval::new(1, Unit::Months)),
        ];
        for f in all {
            let text = write(&f, "20261122T000000Z");
            let (back, knows) = read(&text).unwrap();
            assert!(knows);
            assert_eq!(back, f, "{text}");
        }
        let f = records::note_fields("n-uuid", &n, Some("c-uuid"));
        assert_eq!(records::note(&f, 1), Some(Note { id: 0, ..n }));
        let f = records::assessment_fields("a-uuid", &a, Some("c-uuid"));
        assert_eq!(records::assessment(&f, 1), Some(Assessment { id: 0, ..a }));
        assert_eq!(
            records::rule_tag(&records::rule_uid("client")),
            Some("client")
        );
    }
}
