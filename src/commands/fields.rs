//! Turning `--org`, `--tag`, `--every`, … into changes of a [`Contact`]
//! (shared by `add` and `edit`).

use anyhow::Result;

use crate::cli::{ContactFields, Field};
use crate::error::usage;
use crate::model::Contact;
use crate::parse;

/// Applies the given flags to a contact; lists are added to, not replaced.
pub fn apply(c: &mut Contact, f: &ContactFields, today: chrono::NaiveDate) -> Result<()> {
    let set = |slot: &mut Option<String>, value: &Option<String>| {
        if let Some(v) = value {
            *slot = non_empty(v);
        }
    };
    set(&mut c.org, &f.org);
    set(&mut c.role, &f.role);
    set(&mut c.why, &f.why);
    set(&mut c.met, &f.met);
    set(&mut c.notes, &f.note);
    if let Some(b) = &f.birthday {
        let birthday = parse::birthday(b)?;
        let born = birthday.year.and_then(|y| birthday.in_year(y));
        if born.is_some_and(|d| d > today) {
            return Err(usage(format!(
                "--birthday {b} is after today: give the day they were born"
            )));
        }
        c.birthday = Some(birthday);
    }
    if let Some(e) = &f.every {
        c.every = Some(parse::cadence(e)?);
    }
    if let Some(h) = f.known_hours {
        if !(0.0..=100_000.0).contains(&h) || h.is_nan() {
            return Err(usage(format!(
                "--known-hours {h} is out of range: give hours from 0 to 100000"
            )));
        }
        c.known_minutes = (h * 60.0).round() as u32;
    }
    push_unique(&mut c.emails, &f.emails);
    push_unique(&mut c.phones, &f.phones);
    push_unique(&mut c.links, &f.links);
    push_unique(&mut c.aliases, &f.aliases);
    let tags: Vec<String> = f
        .tags
        .iter()
        .map(|t| normalize_tag(t))
        .collect::<Result<_>>()?;
    push_unique(&mut c.tags, &tags);
    c.tags.sort();
    Ok(())
}

/// Clears one field (`net edit --unset`).
pub fn unset(c: &mut Contact, field: Field) {
    match field {
        Field::Org => c.org = None,
        Field::Role => c.role = None,
        Field::Why => c.why = None,
        Field::Met => c.met = None,
        Field::Birthday => c.birthday = None,
        Field::Note => c.notes = None,
        Field::Every => c.every = None,
        Field::Emails => c.emails.clear(),
        Field::Phones => c.phones.clear(),
        Field::Links => c.links.clear(),
    }
}

/// A tag is one lowercase word without the leading `#` people like to type.
pub fn normalize_tag(tag: &str) -> Result<String> {
    crate::model::tag(tag).ok_or_else(|| {
        usage(format!(
            "{tag:?} is not a tag: use one word such as client or referrer"
        ))
    })
}

/// A name must have something printable in it.
pub fn check_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(usage(
            "a name cannot be empty: give their full name, e.g. \"Anna Müller\"",
        ));
    }
    if n.starts_with('#') && n[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(usage(format!("{n:?} looks like a contact id, not a name")));
    }
    Ok(n.to_string())
}

fn non_empty(v: &str) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn push_unique(list: &mut Vec<String>, new: &[String]) {
    for v in new {
        let v = v.trim();
        if !v.is_empty() && !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    }
}
