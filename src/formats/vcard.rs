//! vCard 2.1, 3.0 and 4.0: reading (with `calcard`, which copes with what
//! phones and mail programs really write) and writing.
//!
//! The file is first cut into cards at `BEGIN:VCARD` / `END:VCARD` lines, so
//! that each card's line number is known and a broken card (no END, nothing
//! usable in it) is skipped alone. Each card is then parsed by calcard, which
//! unfolds lines, decodes quoted-printable and CHARSET, reads bare `TEL;CELL`
//! parameters and unescapes `\,` `\;` `\n`.

use calcard::common::PartialDateTime;
use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardProperty, VCardValue};
use chrono::NaiveDate;

use super::text::{birth, birthday as birthday_text, clean, push_unique, tag_of};
use super::Reading;
use crate::model::{Birthday, Contact, NameParts};

/// Properties of our own, so that a card written by net and read back keeps
/// why a contact matters and how you met.
const X_WHY: &str = "X-NET-WHY";
const X_MET: &str = "X-NET-MET";

/// The vCard version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    V3,
    V4,
}

/// Reads every card of a file's text. `today` is the day a new contact is added on.
pub fn read(text: &str, today: NaiveDate) -> Reading {
    let mut reading = Reading::default();
    let mut card: Option<(usize, String)> = None;
    let mut any = false;
    // Classic Mac files end lines with CR alone.
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    for (n, raw) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // Files concatenated with `cat` keep the BOM of each part.
        let bare = line.trim_start_matches('\u{feff}').trim();
        if bare.eq_ignore_ascii_case("BEGIN:VCARD") {
            any = true;
            if let Some((start, _)) = card.take() {
                reading.skip(start, "the card has no END:VCARD (cut off?)");
            }
            card = Some((line_no, String::from("BEGIN:VCARD\r\n")));
            continue;
        }
        let Some((start, body)) = card.as_mut() else {
            continue;
        };
        body.push_str(&bday_basic(line));
        body.push_str("\r\n");
        if bare.eq_ignore_ascii_case("END:VCARD") {
            let start = *start;
            let (_, body) = card.take().unwrap_or_default();
            read_card(&body, start, today, &mut reading);
        }
    }
    if let Some((start, _)) = card {
        reading.skip(start, "the card has no END:VCARD (cut off?)");
    }
    if !any && !text.trim().is_empty() {
        reading.skip(1, "there is no BEGIN:VCARD in it: not a vCard file");
    }
    reading
}

/// A birthday in ISO 8601 extended form (`1980-04-15`, `--04-15`, as 3.0
/// and Apple write it) rewritten in the basic form (`19800415`, `--0415`)
/// that calcard reads in every version; every other line as it is.
fn bday_basic(line: &str) -> std::borrow::Cow<'_, str> {
    let Some((name, value)) = line.split_once(':') else {
        return line.into();
    };
    let prop = name.rsplit('.').next().unwrap_or(name);
    if !prop
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("BDAY"))
    {
        return line.into();
    }
    let v = value.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date = v.split(['T', 't']).next().unwrap_or(v);
    let parts: Vec<&str> = date.split('-').collect();
    let basic = match parts.as_slice() {
        ["", "", m, d] if m.len() == 2 && d.len() == 2 && digits(m) && digits(d) => {
            format!("--{m}{d}")
        }
        [y, m, d]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && digits(y)
                && digits(m)
                && digits(d) =>
        {
            format!("{y}{m}{d}")
        }
        _ => return line.into(),
    };
    format!("{name}:{basic}").into()
}

fn read_card(body: &str, line: usize, today: NaiveDate, reading: &mut Reading) {
    let card = match VCard::parse(body) {
        Ok(card) => card,
        Err(_) => {
            reading.skip(line, "the card cannot be read");
            return;
        }
    };
    let mut c = Contact::new(String::new(), today);
    let mut full_name = None;
    let mut structured = None;
    let mut orgs: Vec<String> = Vec::new();
    let mut title = None;
    let mut role = None;
    let mut notes: Vec<String> = Vec::new();
    for e in &card.entries {
        match &e.name {
            VCardProperty::Fn => full_name = full_name.or_else(|| joined(e, " ")),
            VCardProperty::N if structured.is_none() => {
                structured = name_of_n(e);
                c.name_parts = NameParts::from_parts(&n_parts(e));
            }
            VCardProperty::Nickname => texts(e).iter().for_each(|a| push_unique(&mut c.aliases, a)),
            VCardProperty::Email => {
                for v in texts(e) {
                    let v = v.trim();
                    let v = strip_prefix_ci(v, "mailto:").unwrap_or(v);
                    push_unique(&mut c.emails, v);
                }
            }
            VCardProperty::Tel => {
                for v in texts(e) {
                    let v = v.trim();
                    push_unique(&mut c.phones, strip_prefix_ci(v, "tel:").unwrap_or(v));
                }
            }
            VCardProperty::Url | VCardProperty::Socialprofile => {
                texts(e).iter().for_each(|v| push_unique(&mut c.links, v))
            }
            VCardProperty::Org if orgs.is_empty() => {
                orgs = texts(e)
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .collect();
            }
            VCardProperty::Title => title = title.or_else(|| joined(e, ", ")),
            VCardProperty::Role => role = role.or_else(|| joined(e, ", ")),
            VCardProperty::Categories => texts(e)
                .iter()
                .filter_map(|t| tag_of(t))
                .for_each(|t| push_unique(&mut c.tags, &t)),
            VCardProperty::Note => notes.extend(joined(e, ",")),
            VCardProperty::Uid => c.uid = c.uid.take().or_else(|| joined(e, ",")),
            VCardProperty::Bday if c.birthday.is_none() => match birthday(e) {
                Some(b) => c.birthday = Some(b),
                None => reading.warn(
                    line,
                    format!(
                        "the birthday {:?} is not a date: left out",
                        joined(e, ",").unwrap_or_default()
                    ),
                ),
            },
            VCardProperty::Other(name) if name.eq_ignore_ascii_case(X_WHY) => {
                c.why = joined(e, ",")
            }
            VCardProperty::Other(name) if name.eq_ignore_ascii_case(X_MET) => {
                c.met = joined(e, ",")
            }
            VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-SOCIALPROFILE") => {
                texts(e).iter().for_each(|v| push_unique(&mut c.links, v))
            }
            // PHOTO, LOGO, SOUND, KEY (often megabytes of base64), ADR and the rest: not kept.
            _ => {}
        }
    }
    c.org = clean(&orgs.join(", "));
    c.role = title.or(role);
    c.notes = clean(&notes.join("\n\n"));
    c.tags.sort();
    // N is kept only when it says more than a guess from the name would.
    let shown = full_name.as_deref().or(structured.as_deref());
    if shown.map(NameParts::guess) == c.name_parts {
        c.name_parts = None;
    }
    // A card without FN uses N, then the organisation, then the address.
    let names = [
        full_name,
        structured,
        c.org.clone(),
        c.emails.first().cloned(),
    ];
    reading.push_named(
        line,
        c,
        names,
        "the card has no name (no FN, N, ORG or EMAIL)",
    );
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Every text value of a property, one per comma- or semicolon-separated part.
fn texts(e: &VCardEntry) -> Vec<String> {
    let mut out = Vec::new();
    for v in &e.values {
        match v {
            VCardValue::Text(s) => out.push(s.clone()),
            VCardValue::Component(parts) => out.extend(parts.iter().cloned()),
            _ => {}
        }
    }
    out
}

/// The text values of a property joined by `sep`, cleaned; None when empty.
fn joined(e: &VCardEntry, sep: &str) -> Option<String> {
    clean(&texts(e).join(sep))
}

/// N's five parts (Family, Given, Additional, Prefix, Suffix), each trimmed.
fn n_parts(e: &VCardEntry) -> Vec<String> {
    (0..5)
        .map(|i| match e.values.get(i) {
            Some(VCardValue::Text(s)) => s.trim().to_string(),
            Some(VCardValue::Component(parts)) => parts.join(" ").trim().to_string(),
            _ => String::new(),
        })
        .collect()
}

/// `N:Family;Given;Additional;Prefix;Suffix` as "Prefix Given Additional Family Suffix".
fn name_of_n(e: &VCardEntry) -> Option<String> {
    let parts = n_parts(e);
    let words: Vec<&str> = [3, 1, 2, 0, 4]
        .into_iter()
        .map(|i| parts[i].as_str())
        .filter(|p| !p.is_empty())
        .collect();
    clean(&words.join(" "))
}

fn birthday(e: &VCardEntry) -> Option<Birthday> {
    // Apple writes a birthday without a year as 1604-04-15 with this parameter.
    let omit_year = e.params.iter().any(|p| {
        matches!(&p.name, VCardParameterName::Other(n) if n.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR"))
    });
    for v in &e.values {
        match v {
            VCardValue::PartialDateTime(PartialDateTime {
                year,
                month: Some(m),
                day: Some(d),
                ..
            }) => {
                let year = year.map(i32::from).filter(|_| !omit_year);
                return birth(year, u32::from(*m), u32::from(*d));
            }
            VCardValue::Text(s) => return birthday_text(s),
            _ => {}
        }
    }
    None
}

/// The UID a contact is exported and synced with: its own (from an import,
/// or the one an older net exported it with), else `urn:uuid:` and its
/// UUID. The same on every export, so a phone or vdirsyncer updates the
/// card; never shared with another contact, even one that later takes a
/// forgotten contact's id on the same day. (The id-and-date form is the
/// fallback only for a contact that has no UUID, which the store prevents.)
pub fn uid_of(c: &Contact) -> String {
    match c.uid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(uid) => uid.to_string(),
        None => match &c.uuid {
            Some(uuid) => format!("urn:uuid:{uuid}"),
            None => format!("net-{}-{}@net.local", c.id, c.added_on.format("%Y%m%d")),
        },
    }
}

/// One card for a contact, with CRLF line ends and lines folded at 75 octets.
/// `uid` is the contact's own, or one made for it (see the export command).
pub fn write(c: &Contact, uid: &str, version: Version) -> String {
    let mut entries = vec![
        text_entry(VCardProperty::Uid, [uid]),
        text_entry(VCardProperty::Fn, [c.name.as_str()]),
        n_entry(c),
    ];
    if !c.aliases.is_empty() {
        entries.push(text_entry(VCardProperty::Nickname, c.aliases.iter()));
    }
    if let Some(org) = &c.org {
        entries.push(text_entry(VCardProperty::Org, [org]));
    }
    if let Some(role) = &c.role {
        entries.push(text_entry(VCardProperty::Title, [role]));
    }
    for e in &c.emails {
        entries.push(text_entry(VCardProperty::Email, [e]));
    }
    for p in &c.phones {
        entries.push(text_entry(VCardProperty::Tel, [p]));
    }
    for l in &c.links {
        entries.push(text_entry(VCardProperty::Url, [l]));
    }
    if let Some(b) = c.birthday {
        let text = match (version, b.year) {
            (Version::V3, Some(y)) => format!("{y:04}-{:02}-{:02}", b.month, b.day),
            (Version::V3, None) => format!("--{:02}-{:02}", b.month, b.day),
            (Version::V4, Some(y)) => format!("{y:04}{:02}{:02}", b.month, b.day),
            (Version::V4, None) => format!("--{:02}{:02}", b.month, b.day),
        };
        entries.push(text_entry(VCardProperty::Bday, [text]));
    }
    if !c.tags.is_empty() {
        entries.push(text_entry(VCardProperty::Categories, c.tags.iter()));
    }
    if let Some(n) = &c.notes {
        entries.push(text_entry(VCardProperty::Note, [n]));
    }
    if let Some(w) = &c.why {
        entries.push(text_entry(VCardProperty::Other(X_WHY.into()), [w]));
    }
    if let Some(m) = &c.met {
        entries.push(text_entry(VCardProperty::Other(X_MET.into()), [m]));
    }
    let mut out = String::from("BEGIN:VCARD\r\n");
    out.push_str(match version {
        Version::V3 => "VERSION:3.0\r\n",
        Version::V4 => "VERSION:4.0\r\n",
    });
    for e in &entries {
        // Written the vCard 4 way (no CHARSET parameter, which 3.0 does not
        // know either); the values themselves are the same in both versions.
        let _ = e.write_to(&mut out, true);
    }
    out.push_str("END:VCARD\r\n");
    out
}

fn text_entry<S: AsRef<str>>(
    name: VCardProperty,
    values: impl IntoIterator<Item = S>,
) -> VCardEntry {
    VCardEntry {
        group: None,
        name,
        params: Vec::new(),
        values: values
            .into_iter()
            .map(|v| VCardValue::Text(v.as_ref().to_string()))
            .collect(),
    }
}

/// `N`: the parts that came on import while they still fit the name, else
/// a guess from the name with honorifics as prefix ([`NameParts`]).
fn n_entry(c: &Contact) -> VCardEntry {
    let parts = NameParts::for_name(c.name_parts.as_ref(), &c.name);
    text_entry(VCardProperty::N, parts.as_array())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        "2026-11-22".parse().unwrap()
    }

    fn one(text: &str) -> Contact {
        let r = read(text, today());
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.found.len(), 1);
        r.found[0].contact.clone()
    }

    #[test]
    fn reads_version_2_1_with_quoted_printable_and_bare_types() {
        let c = one("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Anna;;;\r\nTEL;CELL:+49 171 1\r\nTEL;WORK;VOICE:+49 89 2\r\nEMAIL;INTERNET;PREF:anna@example.org\r\nNOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0Aline=\r\n two\r\nEND:VCARD\r\n");
        assert_eq!(c.name, "Anna Müller");
        assert_eq!(c.phones, ["+49 171 1", "+49 89 2"]);
        assert_eq!(c.emails, ["anna@example.org"]);
        assert_eq!(c.notes.as_deref(), Some("line one\nline two"));
    }

    #[test]
    fn reads_version_3_fields() {
        let c = one("BEGIN:VCARD\nVERSION:3.0\nFN:Bob Stone\nN:Stone;Bob;;;\nNICKNAME:bobby,bs\nORG:Stone\\, Sons;Sales\nTITLE:CEO\nURL:https://bob.example\nCATEGORIES:Client,Golf Club\nBDAY:1975-12-24\nUID:urn:uuid:1\nEND:VCARD\n");
        assert_eq!(c.name, "Bob Stone");
        assert_eq!(c.aliases, ["bobby", "bs"]);
        assert_eq!(c.org.as_deref(), Some("Stone, Sons, Sales"));
        assert_eq!(c.role.as_deref(), Some("CEO"));
        assert_eq!(c.links, ["https://bob.example"]);
        assert_eq!(c.tags, ["client", "golf-club"]);
        assert_eq!(c.birthday, Birthday::new(Some(1975), 12, 24));
        assert_eq!(c.uid.as_deref(), Some("urn:uuid:1"));
    }

    #[test]
    fn birthdays_without_year() {
        for text in [
            "BDAY:--0415",
            "BDAY:--04-15",
            "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15",
        ] {
            let c = one(&format!(
                "BEGIN:VCARD\nVERSION:4.0\nFN:A\n{text}\nEND:VCARD\n"
            ));
            assert_eq!(c.birthday, Birthday::new(None, 4, 15), "{text}");
        }
    }

    #[test]
    fn broken_cards_are_skipped_with_their_line() {
        let r = read(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nEMAIL;TYPE=x:\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n",
            today(),
        );
        assert_eq!(r.found.len(), 1);
        let lines: Vec<usize> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [5, 9]);
        assert_eq!(r.skipped(), 2);
    }

    #[test]
    fn written_cards_read_back() {
        let mut c = Contact::new("Anna Müller; Jr, \\ x", today());
        c.org = Some("Müller, GmbH".into());
        c.role = Some("CEO".into());
        c.emails = vec!["a@x.org".into(), "b@x.org".into()];
        c.phones = vec!["+49 1".into()];
        c.links = vec!["https://x.org/a,b".into()];
        c.tags = vec!["client".into(), "golf-club".into()];
        c.aliases = vec!["annie".into()];
        c.notes = Some("line one\nline two; with, all".into());
        c.why = Some("referrer".into());
        c.met = Some("BVMW".into());
        c.uid = Some("u-1".into());
        for version in [Version::V3, Version::V4] {
            for b in [Birthday::new(Some(1980), 4, 15), Birthday::new(None, 2, 29)] {
                c.birthday = b;
                let text = write(&c, "u-1", version);
                assert!(text.lines().all(|l| l.len() <= 75), "{text}");
                assert_eq!(one(&text), c, "{text}");
            }
        }
    }

    proptest! {
        #[test]
        fn reading_never_panics(text in "(BEGIN:VCARD\n|END:VCARD\n|FN:|N:|BDAY:|;|:|,|\\\\|=|\n| |[a-z0-9]|.){0,80}") {
            let _ = read(&text, today());
        }

        #[test]
        fn reading_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = read(&format!("BEGIN:VCARD\n{text}\nEND:VCARD\n"), today());
        }
    }
}
