//! File formats for import and export. The readers are pure: text in, model
//! values out, with the line each value came from so that a problem can be
//! named as `FILE:LINE`.

pub mod capture;
pub mod card;
pub mod checkin;
mod contentline;
pub mod demo;
pub mod fields;
pub mod google;
pub mod ics;
pub mod journal;
pub mod json;
pub mod json_check;
pub mod json_stream;
pub mod linkedin;
pub mod reconcile;
pub mod records;
mod rows;
pub mod text;
pub mod todo;
pub mod vcard;

use crate::model::Contact;

/// A contact read from a foreign file, and the line its record starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub line: usize,
    pub contact: Contact,
}

/// Something a reader could not use. `skipped`: the whole record was left
/// out; otherwise only a part of it (a date it could not read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    pub skipped: bool,
}

/// What a reader made of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    pub found: Vec<Found>,
    pub problems: Vec<Problem>,
}

impl Reading {
    fn skip(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            line,
            message: message.into(),
            skipped: true,
        });
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            line,
            message: message.into(),
            skipped: false,
        });
    }

    /// Keeps a contact under the first of `names` that is not empty (its own
    /// name, then what else can stand for it: organisation, e-mail), or skips
    /// the record, saying `nameless`.
    fn push_named(
        &mut self,
        line: usize,
        mut contact: Contact,
        names: impl IntoIterator<Item = Option<String>>,
        nameless: &str,
    ) {
        let name = names
            .into_iter()
            .flatten()
            .map(|n| text::one_line(&n))
            .find(|n| !n.is_empty());
        match name {
            Some(name) => {
                contact.name = name;
                self.found.push(Found { line, contact });
            }
            None => self.skip(line, nameless),
        }
    }

    /// How many records were left out.
    pub fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| p.skipped).count()
    }
}
