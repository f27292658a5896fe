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
use crate::model::Contact;

/// The tag every contact from LinkedIn gets.
pub const TAG: &str = "linkedin";

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
        let mut c = Contact::new(name, today);
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
