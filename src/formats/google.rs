//! Google Contacts CSV, in both headers Google has written:
//!
//! - new: `First Name,Middle Name,Last Name,…,Organization Name,Organization Title,
//!   …,Birthday,Notes,…,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - …`;
//! - old: `Name,Given Name,Additional Name,Family Name,…,Group Membership,
//!   E-mail 1 - Type,E-mail 1 - Value,…,Organization 1 - Name,Organization 1 - Title,…`.
//!
//! Numbered columns (`E-mail 3 - Value`) are found by pattern; a cell with
//! several values separates them with ` ::: `; labels become tags, except
//! the `* myContacts` every contact has.

use anyhow::{bail, Result};
use chrono::NaiveDate;

use super::rows::Rows;
use super::text::{birthday, clean, one_line, push_unique, tag_of};
use super::Reading;
use crate::model::Contact;

/// Which of Google's headers a file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    New,
    Old,
}

fn numbered(name: &str, prefixes: &[&str], suffix: &str) -> bool {
    prefixes.iter().any(|p| {
        name.strip_prefix(p)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Reads the contacts. A file without Google's name columns is an error; a
/// row without any name, organisation or address is skipped and counted.
pub fn read(text: &str, today: NaiveDate) -> Result<Reading> {
    // LinkedIn's newer exports start with a "Notes:" paragraph, so their
    // header is not the first line: look a few lines in.
    if text.lines().take(12).any(|l| l.contains("Connected On")) {
        bail!("this is LinkedIn's Connections.csv: import it with `net import linkedin`");
    }
    let mut rows = Rows::new(text);
    let Some(header) = rows.header(|_| true)? else {
        bail!("the file is empty");
    };
    if header.has("Connected On") {
        bail!("this is LinkedIn's Connections.csv: import it with `net import linkedin`");
    }
    let generation = if header.has("First Name") {
        header.require("Last Name")?;
        Generation::New
    } else if header.has("Given Name") || header.has("Name") {
        header.require("Name")?;
        Generation::Old
    } else {
        bail!(
            "the header has no \"First Name\" column (nor \"Name\" of the older format): export the contacts from Google Contacts as \"Google CSV\""
        );
    };
    let emails = header.matching(|n| numbered(n, &["e-mail ", "email "], " - value"));
    let phones = header.matching(|n| numbered(n, &["phone "], " - value"));
    let sites = header.matching(|n| numbered(n, &["website "], " - value"));
    let org_names = header.matching(|n| numbered(n, &["organization "], " - name"));
    let org_titles = header.matching(|n| numbered(n, &["organization "], " - title"));

    let mut reading = Reading::default();
    while let Some((line, row)) = rows.next()? {
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |column: &str| header.get(&row, column).unwrap_or("").trim();
        let cells = |columns: &[usize]| -> Vec<String> {
            columns
                .iter()
                .filter_map(|&i| row.get(i))
                .flat_map(|cell| split(cell))
                .collect()
        };
        let mut c = Contact::new(String::new(), today);
        for e in cells(&emails) {
            push_unique(&mut c.emails, &e);
        }
        for p in cells(&phones) {
            push_unique(&mut c.phones, &p);
        }
        for s in cells(&sites) {
            push_unique(&mut c.links, &s);
        }
        for a in split(get("Nickname")) {
            push_unique(&mut c.aliases, &a);
        }
        let name = match generation {
            Generation::New => {
                c.org = clean(get("Organization Name"));
                c.role = clean(get("Organization Title"));
                words(&[
                    get("Name Prefix"),
                    get("First Name"),
                    get("Middle Name"),
                    get("Last Name"),
                    get("Name Suffix"),
                ])
            }
            Generation::Old => {
                c.org = cells(&org_names).into_iter().next();
                c.role = cells(&org_titles).into_iter().next();
                let full = one_line(get("Name"));
                if full.is_empty() {
                    words(&[
                        get("Name Prefix"),
                        get("Given Name"),
                        get("Additional Name"),
                        get("Family Name"),
                        get("Name Suffix"),
                    ])
                } else {
                    full
                }
            }
        };
        c.notes = clean(get("Notes"));
        let bday = get("Birthday");
        if !bday.is_empty() {
            match birthday(bday) {
                Some(b) => c.birthday = Some(b),
                None => reading.warn(
                    line,
                    format!("the birthday {bday:?} is not a date: left out"),
                ),
            }
        }
        let labels = if header.has("Labels") {
            get("Labels")
        } else {
            get("Group Membership")
        };
        for label in split(labels) {
            let label = label.trim_start_matches('*').trim();
            if label.eq_ignore_ascii_case("myContacts") || label.eq_ignore_ascii_case("My Contacts")
            {
                continue;
            }
            if let Some(tag) = tag_of(label) {
                push_unique(&mut c.tags, &tag);
            }
        }
        c.tags.sort();
        let names = [Some(name), c.org.clone(), c.emails.first().cloned()];
        reading.push_named(
            line,
            c,
            names,
            "the row has no name, organisation or e-mail",
        );
    }
    Ok(reading)
}

/// The values of a cell: Google separates several with ` ::: `.
fn split(cell: &str) -> Vec<String> {
    cell.split(":::")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

fn words(parts: &[&str]) -> String {
    one_line(&parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Birthday;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        "2026-11-22".parse().unwrap()
    }

    #[test]
    fn new_header() {
        let text = "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\nAnna,,Müller,annie,Müller GmbH,CEO,--04-15,\"line one\nline two\",* myContacts ::: Work Friends ::: * starred,* Work,a@x.org ::: b@x.org,Home,c@y.org,Mobile,+49 1,,https://x.org\n";
        let r = read(text, today()).unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let c = &r.found[0].contact;
        assert_eq!(c.name, "Anna Müller");
        assert_eq!(c.emails, ["a@x.org", "b@x.org", "c@y.org"]);
        assert_eq!(c.phones, ["+49 1"]);
        assert_eq!(c.links, ["https://x.org"]);
        assert_eq!(c.tags, ["starred", "work-friends"]);
        assert_eq!(c.birthday, Birthday::new(None, 4, 15));
        assert_eq!(c.notes.as_deref(), Some("line one\nline two"));
        assert_eq!(c.aliases, ["annie"]);
    }

    #[test]
    fn old_header() {
        let text = "Name,Given Name,Additional Name,Family Name,Birthday,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\nBob Stone,Bob,,Stone,1975-12-24,* My Contacts ::: Golf,* Work,bob@x.org,,Stone AG,CEO\n,,,,,,,,,,\n,,,,,,,,,Only Org,\n";
        let r = read(text, today()).unwrap();
        assert_eq!(r.found.len(), 2);
        let c = &r.found[0].contact;
        assert_eq!(c.name, "Bob Stone");
        assert_eq!(c.org.as_deref(), Some("Stone AG"));
        assert_eq!(c.role.as_deref(), Some("CEO"));
        assert_eq!(c.tags, ["golf"]);
        assert_eq!(r.found[1].contact.name, "Only Org");
        assert_eq!(r.found[1].line, 4);
    }

    #[test]
    fn a_missing_column_is_an_error() {
        let err = read("First Name,E-mail 1 - Value\nA,a@x\n", today()).unwrap_err();
        assert!(err.to_string().contains("\"Last Name\""), "{err}");
        assert!(read("", today()).is_err());
        assert!(read("foo,bar\n1,2\n", today()).is_err());
    }

    proptest! {
        #[test]
        fn reading_never_panics(text in "(First Name,Last Name,Labels,E-mail 1 - Value\n|Name,Group Membership\n|\"|,|:::|\n|[a-z0-9 *-]){0,120}") {
            let _ = read(&text, today());
        }
    }
}
