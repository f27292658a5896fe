//! Records attached to contacts: promises, notes, introductions, assessments.

use chrono::NaiveDate;

/// Who a record is on every device and when it last changed there: its
/// UUID and its `modified` time (`20261122T091405Z`), as a backup carries
/// them. None: the store gives a new UUID, and the time of the write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub uuid: Option<String>,
    pub modified: Option<String>,
}

impl Identity {
    /// A UUID as written everywhere: 8-4-4-4-12 hexadecimal digits, lower
    /// case (upper case is read and lowered); None when `text` is not one.
    pub fn uuid(text: &str) -> Option<String> {
        let ok = text.len() == 36
            && text.char_indices().all(|(n, c)| match n {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        ok.then(|| text.to_ascii_lowercase())
    }

    /// A modification time as net writes it: `YYYYMMDDTHHMMSSZ`, in UTC.
    pub fn is_time(text: &str) -> bool {
        text.len() == 16
            && text.ends_with('Z')
            && chrono::NaiveDateTime::parse_from_str(&text[..15], "%Y%m%dT%H%M%S").is_ok()
    }
}

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
