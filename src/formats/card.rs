//! A contact as `net sync` carries it: its fields (for the three-way merge)
//! and its vCard 3.0 on the server, with `X-NET-*` properties for what vCard
//! has no place for. The card text itself goes through [`super::vcard`].

use chrono::NaiveDate;

use super::contentline::{escape, unescape};
use super::fields::{timestamp, Fields, Loser, REV};
use super::vcard::{self, Version};
use crate::model::{Birthday, Contact, ContactStatus};

/// The fields only net writes (`X-NET-*`): a card from a writer that
/// dropped them says nothing about them.
pub const NET_ONLY: &[&str] = &[
    "uuid",
    "why",
    "met",
    "every",
    "known",
    "status",
    "snoozed",
    "added",
    "introduced_by",
    "merged",
];

/// `X-NET-*` properties beyond why and met (which [`vcard`] reads and
/// writes itself), and the field each carries.
const EXTRA: &[(&str, &str)] = &[
    ("X-NET-UUID", "uuid"),
    ("X-NET-EVERY", "every"),
    ("X-NET-KNOWN-MINUTES", "known"),
    ("X-NET-STATUS", "status"),
    ("X-NET-SNOOZED", "snoozed"),
    ("X-NET-ADDED", "added"),
    ("X-NET-INTRODUCED-BY", "introduced_by"),
];

pub const PRODID: &str = "-//net//net sync//EN";

/// How a conflicting contact field keeps the losing value visible.
pub fn loser(key: &str) -> Loser {
    match key {
        "name" => Loser::Into("aliases"),
        "notes" | "why" | "met" => Loser::Append,
        _ => Loser::Drop,
    }
}

/// The fields of a contact; `introducer` is the UUID of who introduced them.
pub fn fields(c: &Contact, introducer: Option<&str>) -> Fields {
    let mut f = Fields::default();
    f.put_text("uid", Some(vcard::uid_of(c)));
    f.put_text("uuid", c.uuid.clone());
    f.put_text("name", Some(c.name.clone()));
    f.put_set("aliases", &c.aliases);
    f.put_text("org", c.org.clone());
    f.put_text("role", c.role.clone());
    f.put_set("emails", &c.emails);
    f.put_set("phones", &c.phones);
    f.put_set("links", &c.links);
    f.put_set("tags", &c.tags);
    f.put_text("birthday", c.birthday.map(|b| b.to_iso()));
    f.put_text("notes", c.notes.clone());
    f.put_text("why", c.why.clone());
    f.put_text("met", c.met.clone());
    f.put_text("every", c.every.map(|e| e.short()));
    f.put_text(
        "known",
        (c.known_minutes > 0).then(|| c.known_minutes.to_string()),
    );
    f.put_text("status", Some(c.status.as_str()));
    f.put_text("snoozed", c.snoozed_until.map(|d| d.to_string()));
    f.put_text("added", Some(c.added_on.to_string()));
    f.put_text("introduced_by", introducer);
    f
}

/// Sets a contact's fields from `f` (all but `introduced_by`, a UUID the
/// caller resolves). Lists keep the order they had, new values at the end.
pub fn apply(f: &Fields, c: &mut Contact) {
    if let Some(name) = f.text("name") {
        c.name = name.to_string();
    }
    let list = |old: &[String], new: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = old.iter().filter(|v| new.contains(v)).cloned().collect();
        out.extend(new.into_iter().filter(|v| !old.contains(v)));
        out
    };
    c.aliases = list(&c.aliases, f.set("aliases"));
    c.aliases.retain(|a| *a != c.name);
    c.emails = list(&c.emails, f.set("emails"));
    c.phones = list(&c.phones, f.set("phones"));
    c.links = list(&c.links, f.set("links"));
    c.tags = f.set("tags");
    let text = |k: &str| f.text(k).map(str::to_string);
    c.org = text("org");
    c.role = text("role");
    c.notes = text("notes");
    c.why = text("why");
    c.met = text("met");
    c.birthday = f.text("birthday").and_then(Birthday::from_iso);
    c.every = f.text("every").and_then(|e| crate::parse::cadence(e).ok());
    c.known_minutes = f.text("known").and_then(|k| k.parse().ok()).unwrap_or(0);
    c.status = f
        .text("status")
        .and_then(ContactStatus::parse)
        .unwrap_or(ContactStatus::Active);
    c.snoozed_until = f.text("snoozed").and_then(|d| d.parse().ok());
    if let Some(added) = f.text("added").and_then(|d| d.parse().ok()) {
        c.added_on = added;
    }
    if let Some(uuid) = f.text("uuid") {
        c.uuid = Some(uuid.to_string());
    }
    // The UID stays the contact's own unless it came from elsewhere.
    if let Some(uid) = f.text("uid") {
        let own = c.uuid.as_ref().map(|u| format!("urn:uuid:{u}"));
        if own.as_deref() != Some(uid) {
            c.uid = Some(uid.to_string());
        }
    }
}

/// The card on the server.
pub fn write(f: &Fields) -> String {
    let mut c = Contact::new(
        f.text("name").unwrap_or("?"),
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
    );
    apply(f, &mut c);
    let uid = f.text("uid").unwrap_or_default();
    let text = vcard::write(&c, uid, Version::V3);
    let mut extra = format!("PRODID:{PRODID}\r\n");
    for (prop, key) in EXTRA {
        if let Some(v) = f.text(key) {
            extra.push_str(&format!("{prop}:{}\r\n", escape(v)));
        }
    }
    for uuid in f.set("merged") {
        extra.push_str(&format!("X-NET-MERGED:{}\r\n", escape(&uuid)));
    }
    if let Some(rev) = f.text(REV) {
        extra.push_str(&format!("REV:{rev}\r\n"));
    }
    match text.rfind("END:VCARD") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]),
        None => text,
    }
}

/// A card from the server: its fields, and whether its writer knows
/// net's properties (false: a phone that dropped them). None when it is not
/// a card that names someone.
pub fn read(text: &str) -> Option<(Fields, bool)> {
    let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let reading = vcard::read(text, day);
    let found = reading.found.into_iter().next()?;
    let mut c = found.contact;
    let unfolded = text
        .replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "");
    let mut knows_net = false;
    let mut extra = Vec::new();
    let (mut merged, mut rev) = (Vec::new(), None);
    for line in unfolded.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let prop = name.split(';').next().unwrap_or(name).trim();
        let prop = prop.rsplit('.').next().unwrap_or(prop).to_ascii_uppercase();
        if prop.starts_with("X-NET-") {
            knows_net = true;
        }
        if let Some((_, key)) = EXTRA.iter().find(|(p, _)| *p == prop) {
            extra.push((*key, unescape(value.trim_end())));
        }
        match prop.as_str() {
            "X-NET-MERGED" => merged.push(unescape(value.trim())),
            "REV" => rev = timestamp(value),
            _ => {}
        }
    }
    let uuid = extra
        .iter()
        .find(|(k, _)| *k == "uuid")
        .map(|(_, v)| v.clone());
    c.uuid = uuid;
    let mut f = fields(&c, None);
    // Read from the card, not made up: a card without UID has none.
    f.put_text("uid", c.uid.clone());
    for key in ["status", "added", "uuid"] {
        f.put_text(key, None::<String>);
    }
    for (key, value) in extra {
        f.put_text(key, Some(value));
    }
    f.put_set("merged", merged);
    f.put_text(REV, rev);
    Some((f, knows_net))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_contact_survives_the_round_trip() {
        let mut c = Contact::new("Anna Müller", day("2026-03-01"));
        c.uuid = Some("0f1e2d3c-0000-4000-8000-000000000001".into());
        c.aliases = vec!["annie".into()];
        c.org = Some("Müller, GmbH".into());
        c.emails = vec!["a@x.org".into(), "b@x.org".into()];
        c.tags = vec!["client".into()];
        c.why = Some("referrer; for all".into());
        c.every = crate::parse::cadence("2mo").ok();
        c.known_minutes = 600;
        c.status = ContactStatus::Archived;
        c.snoozed_until = Some(day("2026-12-01"));
        c.birthday = Birthday::new(None, 4, 15);
        let mut f = fields(&c, Some("intro-uuid"));
        f.put_set("merged", ["m-1", "m-2"]);
        f.put_text(REV, Some("20261122T091405Z"));
        let text = write(&f);
        assert!(text.contains("\r\nREV:20261122T091405Z\r\n"), "{text}");
        assert!(text.contains("\r\nX-NET-MERGED:m-1\r\nX-NET-MERGED:m-2\r\n"));
        assert!(text.contains("\r\nX-NET-EVERY:2mo\r\n"), "{text}");
        let (back, knows) = read(&text).unwrap();
        assert!(knows);
        assert_eq!(back, f, "{text}");
    }

    #[test]
    fn a_phone_card_knows_nothing_of_net() {
        let (f, knows) = read(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\nUID:ABC\r\nFN:Bob\r\nTEL;TYPE=CELL:+49 1\r\nEND:VCARD\r\n",
        )
        .unwrap();
        assert!(!knows);
        assert_eq!(f.text("uid"), Some("ABC"));
        assert_eq!(f.set("phones"), ["+49 1"]);
        assert_eq!(f.text("status"), None);
        let (f, _) = read(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nREV:2026-11-22T09:14:05Z\r\nEND:VCARD\r\n",
        )
        .unwrap();
        assert_eq!(f.text(REV), Some("20261122T091405Z"));
    }
}
