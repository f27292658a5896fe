//! Plain types of the domain. No I/O, no clock, no SQL: everything here is
//! computed from its arguments, so it can be tested with fixed dates.

mod birthday;
mod contact;
pub mod correction;
pub mod derive;
mod interval;
mod minutes;
mod name_parts;
mod plan;
mod records;
mod tier;

pub use birthday::Birthday;
pub use contact::{Contact, Derived, Interaction};
pub use interval::{Cadence, Interval, Unit};
pub use minutes::Minutes;
pub use name_parts::NameParts;
pub use plan::{Facts, Plan, PlanSource, Policy, Weight};
pub use records::{Assessment, FollowUp, GiveTake, Identity, Introduction, Note, TimeRow};
pub use tier::{Thresholds, Tier};

use serde::Serialize;

/// Whether a contact is part of the living network or has been let go (reversibly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactStatus {
    Active,
    Archived,
}

impl ContactStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactStatus::Active => "active",
            ContactStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(ContactStatus::Active),
            "archived" => Some(ContactStatus::Archived),
            _ => None,
        }
    }
}

/// A tag as stored: one lowercase word, without the `#` people like to type.
/// None when it is not a tag (empty, several words, control characters).
pub fn tag(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches('#').to_lowercase();
    let bad = t.is_empty() || t.contains(char::is_whitespace) || t.chars().any(char::is_control);
    (!bad).then_some(t)
}

/// A kind of interaction as stored: one lowercase word.
pub fn kind(text: &str) -> Option<String> {
    tag(text)
}

/// The span a time budget is counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
}

/// Who started an interaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    Me,
    They,
}

impl Initiator {
    pub fn as_str(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::They => "they",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "me" => Some(Initiator::Me),
            "they" => Some(Initiator::They),
            _ => None,
        }
    }
}

/// A span of days in words a person reads at a glance: "5 days", "3 weeks",
/// "4 months", "2 years".
pub fn span(days: i64) -> String {
    Span(days).to_string()
}

/// [`span`] written where it is needed, without a string of its own (the
/// reasons of a long list hold two or three each).
#[derive(Clone, Copy, Debug)]
pub struct Span(pub i64);

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let days = self.0.abs();
        let (n, unit) = match days {
            0..=13 => (days, "day"),
            14..=59 => (days / 7, "week"),
            // Whole months of 30 days: 91 days are 3 months (a "3mo" cadence),
            // not the 2 that 91 × 12 / 365 rounds down to.
            60..=729 => ((days / 30).min(23), "month"),
            _ => (days / 365, "year"),
        };
        if n == 1 {
            write!(f, "1 {unit}")
        } else {
            write!(f, "{n} {unit}s")
        }
    }
}

/// The nine questions of seed 002 on how strong a referral partnership is,
/// in the article's order. A yes scores one point.
pub const NINE_QUESTIONS: [&str; 9] = [
    "Am I convinced of their qualities?",
    "Do they have my complete trust?",
    "Do I regard them as an expert in their field?",
    "Do I know their background, their experience and their philosophy with customers?",
    "Can I describe their core business competently?",
    "Can I name at least three of their products or services right away?",
    "Do I know the names of their family members?",
    "Could I call them at 10 pm without unease if I urgently needed something?",
    "Do I enjoy spending (networking) time with them?",
];

#[cfg(test)]
mod tests {
    #[test]
    fn span_reads_naturally() {
        assert_eq!(super::span(1), "1 day");
        assert_eq!(super::span(20), "2 weeks");
        assert_eq!(super::span(92), "3 months");
        // Regression (issue 10.6): `net prune --idle 3mo` said "2 months" for 91 days.
        assert_eq!(super::span(91), "3 months");
        assert_eq!(super::span(82), "2 months");
        assert_eq!(super::span(729), "23 months");
        assert_eq!(super::span(800), "2 years");
    }
}
