//! Topic notes, assessments and tag rules as `net sync` carries them: more
//! VJOURNAL items in the `net log` calendar, told apart from interactions by
//! `X-NET-RECORD` (`note`, `assessment`, `rule`; an interaction has none, so
//! an item written by an older net still reads as one). A note has its
//! contact, day, topic (`X-NET-TOPIC`) and text (DESCRIPTION); an
//! assessment its contact, day and the questions answered yes
//! (`X-NET-ANSWERS:1,2,5`; the score is counted from them, never synced); a
//! rule its tag and cadence (`X-NET-TAG`, `X-NET-EVERY`) under the fixed UID
//! `net-rule-<tag>`, so two machines that add a rule for one tag meet on one
//! item. Pure: the text itself is journal.rs's.

use chrono::NaiveDate;

use super::fields::Fields;
use crate::model::{Assessment, Interval, Note};

/// The UID (and local key) of the rule of `tag`.
pub fn rule_uid(tag: &str) -> String {
    format!("net-rule-{tag}")
}

/// The tag of a rule's UID.
pub fn rule_tag(uid: &str) -> Option<&str> {
    uid.strip_prefix("net-rule-").filter(|t| !t.is_empty())
}

fn base(record: &str, uuid: &str) -> Fields {
    let mut f = Fields::default();
    f.put_text("record", Some(record));
    f.put_text("uid", Some(uuid));
    f.put_text("uuid", Some(uuid));
    f
}

pub fn note_fields(uuid: &str, n: &Note, contact: Option<&str>) -> Fields {
    let mut f = base("note", uuid);
    f.put_text("date", Some(n.created_on.to_string()));
    f.put_text("topic", Some(n.topic.clone()));
    f.put_text("note", Some(n.text.clone()));
    f.put_set("contacts", contact);
    f
}

pub fn assessment_fields(uuid: &str, a: &Assessment, contact: Option<&str>) -> Fields {
    let mut f = base("assessment", uuid);
    f.put_text("date", Some(a.date.to_string()));
    let answers: Vec<String> = a.answers.iter().map(u8::to_string).collect();
    f.put_text("answers", Some(format!("yes:{}", answers.join(","))));
    f.put_set("contacts", contact);
    f
}

pub fn rule_fields(tag: &str, every: &Interval) -> Fields {
    let mut f = base("rule", &rule_uid(tag));
    f.put_text("tag", Some(tag));
    f.put_text("every", Some(every.short()));
    f
}

fn date(f: &Fields) -> Option<NaiveDate> {
    f.text("date").and_then(|d| d.parse().ok())
}

/// The note an item describes, for `contact` (a local id); None without a
/// day or a text.
pub fn note(f: &Fields, contact: i64) -> Option<Note> {
    Some(Note {
        id: 0,
        contact,
        topic: f.text("topic").unwrap_or("general").to_string(),
        text: f.text("note")?.to_string(),
        created_on: date(f)?,
    })
}

/// The assessment an item describes, for `contact`; None without a day.
pub fn assessment(f: &Fields, contact: i64) -> Option<Assessment> {
    let answers: Vec<u8> = f
        .text("answers")
        .unwrap_or_default()
        .trim_start_matches("yes:")
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .filter(|n| (1..=9).contains(n))
        .collect();
    Some(Assessment {
        id: 0,
        contact,
        date: date(f)?,
        score: answers.len() as u8,
        answers,
    })
}

/// What a note or an assessment is, for matching one made on two machines
/// before either synced (the same import on both).
pub fn signature(f: &Fields) -> String {
    signature_of(f, &["record", "date", "topic", "note", "answers"])
}

/// The texts of `keys` and the people: what makes two records one.
pub fn signature_of(f: &Fields, keys: &[&str]) -> String {
    let mut parts: Vec<String> = keys
        .iter()
        .map(|k| f.text(k).unwrap_or_default().to_string())
        .collect();
    parts.push(f.set("contacts").join(","));
    parts.join("\u{1f}")
}

/// The item's SUMMARY (what a journal app lists); None for an interaction.
pub fn summary(f: &Fields) -> Option<String> {
    Some(match f.text("record")? {
        "note" => format!("Note: {}", f.text("topic").unwrap_or("general")),
        "assessment" => format!(
            "Assessment: {}",
            f.text("answers")
                .unwrap_or("yes:")
                .trim_start_matches("yes:")
        ),
        "rule" => format!(
            "Rule: #{} every {}",
            f.text("tag").unwrap_or("?"),
            f.text("every").unwrap_or("?")
        ),
        other => other.to_string(),
    })
}
