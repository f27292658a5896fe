//! LinkedIn's `Connections.csv`, in the generations LinkedIn has written:
//!
//! - current: a `Notes:` line, a quoted paragraph and a blank line, then
//!   `First Name,Last Name,URL,Email Address,Company,Position,Connected On`,
//!   dates like `22 Nov 2025`;
//! - older: the same without the URL column;
//! - oldest: no preamble, dates like `1/8/18, 6:14 PM` (US month first).

use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::rows::Rows;
use super::text::{clean, one_line, push_unique};
use super::{Found, Reading};
use crate::model::{Contact, NameParts};

/// The tag every contact from LinkedIn gets.
pub const TAG: &str = "linkedin";

/// Degrees, certificates and titles people append to their LinkedIn name
/// ("Oliver Krause, MBA"), compared without dots and case.
const DEGREES: &[&str] = &[
    "mba", "phd", "dr", "msc", "bsc", "ma", "ba", "meng", "beng", "llm", "mpa", "md", "cfa", "cpa",
    "pmp", "acca", "cissp", "ceng", "pe", "dipling", "dipl", "dipl-ing", "dipl-kfm", "mag", "prof",
    "jd", "esq", "frsa", "cipd", "itil", "scrum", "psm", "csm", "emba", "mfa",
];

/// Emoji and pictographs (and their joiners): decoration, not name.
fn is_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

/// A LinkedIn display name without its decorations: emoji are dropped and
/// trailing degrees after a comma ("…, MBA", "…, PhD, PMP") come off. The
/// second value is the name as written when anything came off (kept as an
/// alias, so the contact is found by it and the import matches it again).
pub fn plain_name(name: &str) -> (String, Option<String>) {
    let no_emoji: String = name.chars().filter(|c| !is_emoji(*c)).collect();
    let mut plain = one_line(&no_emoji);
    if let Some((head, tail)) = plain.split_once(',') {
        let all_degrees = tail
            .split([',', ' ', '/'])
            .filter(|t| !t.is_empty())
            .all(|t| DEGREES.contains(&t.replace('.', "").to_lowercase().as_str()));
        if all_degrees && !head.trim().is_empty() {
            plain = head.trim().to_string();
        }
    }
    if plain.is_empty() {
        return (name.to_string(), None);
    }
    let changed = plain != name.trim();
    (plain, changed.then(|| name.trim().to_string()))
}

/// Reads the connections. `today` is the added-on day when a row has no date.
/// A file that is not a connections export (no header, a missing name
/// column) is an error; a row without a name is skipped and counted.
pub fn read(text: &str, today: NaiveDate) -> Result<Reading> {
    let mut rows = Rows::new(text);
    let Some(header) =
        rows.header(|fields| fields.iter().any(|f| f.eq_ignore_ascii_case("First Name")))?
    else {
        bail!("there is no header line with \"First Name\": export Connections.csv from LinkedIn (Settings, Data privacy, Get a copy of your data)");
    };
    if ["Labels", "Group Membership", "E-mail 1 - Value"]
        .iter()
        .any(|c| header.has(c))
    {
        bail!("this is a Google Contacts export: import it with `net import google`");
    }
    for column in ["First Name", "Last Name", "Connected On"] {
        header.require(column)?;
    }
    let mut reading = Reading::default();
    while let Some((line, row)) = rows.next()? {
        let get = |column: &str| header.get(&row, column).unwrap_or("").trim();
        let name = one_line(&format!("{} {}", get("First Name"), get("Last Name")));
        if name.is_empty() {
            reading.skip(line, "the row has no name");
            continue;
        }
        let (plain, decorated) = plain_name(&name);
        let mut c = Contact::new(plain.clone(), today);
        // Degrees that came off ("…, MBA") are the name's suffix in vCard N.
        if let Some((_, degrees)) = decorated.as_deref().and_then(|d| d.split_once(',')) {
            let mut parts = NameParts::guess(&plain);
            parts.suffix = degrees.trim().to_string();
            c.name_parts = Some(parts);
        }
        // As LinkedIn shows it: still finds them, and is not lost.
        c.aliases.extend(decorated);
        push_unique(&mut c.emails, get("Email Address"));
        push_unique(&mut c.links, get("URL"));
        c.org = clean(get("Company"));
        c.role = clean(get("Position"));
        c.tags.push(TAG.to_string());
        let connected = get("Connected On");
        if !connected.is_empty() {
            match date(connected) {
                // The day you connected is the day the relationship began.
                Some(d) => {
                    c.added_on = d.min(today);
                    c.met = Some(format!("LinkedIn, connected on {d}"));
                }
                None => reading.warn(
                    line,
                    format!("{connected:?} is not a date: the connection date is left out"),
                ),
            }
        }
        if c.met.is_none() {
            c.met = Some("LinkedIn".into());
        }
        reading.found.push(Found { line, contact: c });
    }
    Ok(reading)
}

/// `22 Nov 2025`, `1/8/18, 6:14 PM`, `1/8/2018`, `2025-11-22`.
pub fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let day_part = s.split(',').next().unwrap_or(s).trim();
    for (text, format) in [
        (s, "%d %b %Y"),
        (s, "%d %B %Y"),
        (day_part, "%m/%d/%y"),
        (day_part, "%m/%d/%Y"),
        (s, "%Y-%m-%d"),
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod name_tests {
    use super::plain_name;

    #[test]
    fn decorations_come_off_and_are_kept_as_an_alias() {
        assert_eq!(
            plain_name("Julia Wolf 🚀"),
            ("Julia Wolf".into(), Some("Julia Wolf 🚀".into()))
        );
        assert_eq!(
            plain_name("Oliver Krause, MBA"),
            ("Oliver Krause".into(), Some("Oliver Krause, MBA".into()))
        );
        assert_eq!(plain_name("Ana Lee, Ph.D., PMP").0, "Ana Lee");
        assert_eq!(plain_name("Anna Müller"), ("Anna Müller".into(), None));
        // A comma that is not followed by degrees stays.
        assert_eq!(plain_name("Smith, John").0, "Smith, John");
        assert_eq!(plain_name("🚀").0, "🚀");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_of_every_generation() {
        assert_eq!(date("22 Nov 2025"), Some(d("2025-11-22")));
        assert_eq!(date("1/8/18, 6:14 PM"), Some(d("2018-01-08")));
        assert_eq!(date("12/31/2019"), Some(d("2019-12-31")));
        assert_eq!(date("yesterday"), None);
    }

    #[test]
    fn current_export_with_preamble() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed it, see https://www.linkedin.com/psettings/privacy/email\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnna,Müller,https://www.linkedin.com/in/anna,anna@example.org,\"Müller GmbH, Munich\",CEO,22 Nov 2025\n,,,,,,21 Nov 2025\n";
        let r = read(text, d("2026-11-22")).unwrap();
        assert_eq!(r.found.len(), 1);
        let c = &r.found[0].contact;
        assert_eq!(r.found[0].line, 5);
        assert_eq!(c.name, "Anna Müller");
        assert_eq!(c.org.as_deref(), Some("Müller GmbH, Munich"));
        assert_eq!(c.links, ["https://www.linkedin.com/in/anna"]);
        assert_eq!(c.added_on, d("2025-11-22"));
        assert_eq!(c.tags, ["linkedin"]);
        assert_eq!(r.skipped(), 1);
        assert_eq!(r.problems[0].line, 6);
    }

    #[test]
    fn a_missing_name_column_is_an_error() {
        let err = read("First Name,URL\nAnna,x\n", d("2026-11-22")).unwrap_err();
        assert!(err.to_string().contains("\"Last Name\""), "{err}");
        assert!(read("hello\nworld\n", d("2026-11-22")).is_err());
    }

    proptest! {
        #[test]
        fn reading_never_panics(text in "(First Name,Last Name,Connected On\n|\"|,|\n|[a-z0-9/ ]){0,120}") {
            let _ = read(&text, d("2026-11-22"));
        }
    }
}
