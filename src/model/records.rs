//! Records attached to contacts: promises, notes, introductions, assessments.

use chrono::NaiveDate;

/// A promise to a contact.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub contact: i64,
    pub contact_name: String,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub interaction: Option<i64>,
}

/// A note about a contact under a topic (family, offer, anchor, …).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Note {
    pub id: i64,
    pub contact: i64,
    pub topic: String,
    pub text: String,
    pub created_on: NaiveDate,
}

/// An introduction you made: `a` introduced to `b`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Introduction {
    pub interaction: i64,
    pub date: NaiveDate,
    pub a: i64,
    pub a_name: String,
    pub b: i64,
    pub b_name: String,
}

/// One run of the nine questions.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Assessment {
    pub id: i64,
    pub contact: i64,
    pub date: NaiveDate,
    /// The numbers (1–9) of the questions answered yes.
    pub answers: Vec<u8>,
    pub score: u8,
}

/// Minutes logged on one day for one kind, and how many interactions had no length.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeRow {
    pub date: NaiveDate,
    pub kind: String,
    pub logged: i64,
    pub unlogged: i64,
    pub count: i64,
}

/// One interaction's give and take.
#[derive(Clone, Debug, PartialEq)]
pub struct GiveTake {
    pub date: NaiveDate,
    pub gave: Option<String>,
    pub got: Option<String>,
}
