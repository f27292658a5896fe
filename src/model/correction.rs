//! A correction of a logged interaction (`net log edit`): what changes, the
//! check that the result still makes sense, and what changed, for the
//! message. Pure: the command reads the interaction inside its write and
//! hands it here.

use chrono::NaiveDate;

use super::{Initiator, Interaction, Minutes};

/// The fields `net log edit` was given; None (or empty) leaves a field as it is.
/// A text of `Some(None)` clears the field.
#[derive(Clone, Debug, Default)]
pub struct Correction {
    pub date: Option<NaiveDate>,
    pub minutes: Option<Minutes>,
    pub kind: Option<String>,
    pub note: Option<Option<String>>,
    pub gave: Option<Option<String>>,
    pub got: Option<Option<String>>,
    pub they: Option<bool>,
    pub add: Vec<i64>,
    pub remove: Vec<i64>,
}

/// Why a correction cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The contact is not one of the interaction's people.
    NotPartOf(i64),
    /// Removing would leave nobody: delete the interaction instead.
    LeavesNobody,
}

/// One change, for the message; names are looked up by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Date(NaiveDate, NaiveDate),
    Kind(String, String),
    Minutes(Option<Minutes>, Option<Minutes>),
    /// A text field (`note`, `gave`, `got`) set to a value or cleared.
    Text(&'static str, Option<String>),
    Initiator(Initiator),
    Added(i64),
    Removed(i64),
}

impl Correction {
    /// Whether nothing was asked for.
    pub fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.minutes.is_none()
            && self.kind.is_none()
            && self.note.is_none()
            && self.gave.is_none()
            && self.got.is_none()
            && self.they.is_none()
            && self.add.is_empty()
            && self.remove.is_empty()
    }

    /// The interaction as corrected.
    pub fn apply(&self, before: &Interaction) -> Result<Interaction, Refusal> {
        let mut i = before.clone();
        if let Some(d) = self.date {
            i.date = d;
        }
        if let Some(m) = self.minutes {
            i.minutes = Some(m);
        }
        if let Some(k) = &self.kind {
            i.kind = k.clone();
        }
        for (field, given) in [
            (&mut i.note, &self.note),
            (&mut i.gave, &self.gave),
            (&mut i.got, &self.got),
        ] {
            if let Some(v) = given {
                *field = v.clone();
            }
        }
        if let Some(t) = self.they {
            i.initiator = if t { Initiator::They } else { Initiator::Me };
        }
        for r in &self.remove {
            if !i.contacts.contains(r) {
                return Err(Refusal::NotPartOf(*r));
            }
            i.contacts.retain(|c| c != r);
        }
        for n in &self.add {
            if !i.contacts.contains(n) {
                i.contacts.push(*n);
            }
        }
        i.contacts.sort_unstable();
        if i.contacts.is_empty() {
            return Err(Refusal::LeavesNobody);
        }
        Ok(i)
    }
}

/// What differs between an interaction before and after a correction.
pub fn changes(a: &Interaction, b: &Interaction) -> Vec<Change> {
    let mut out = Vec::new();
    if a.date != b.date {
        out.push(Change::Date(a.date, b.date));
    }
    if a.kind != b.kind {
        out.push(Change::Kind(a.kind.clone(), b.kind.clone()));
    }
    if a.minutes != b.minutes {
        out.push(Change::Minutes(a.minutes, b.minutes));
    }
    for (label, x, y) in [
        ("note", &a.note, &b.note),
        ("gave", &a.gave, &b.gave),
        ("got", &a.got, &b.got),
    ] {
        if x != y {
            out.push(Change::Text(label, y.clone()));
        }
    }
    if a.initiator != b.initiator {
        out.push(Change::Initiator(b.initiator));
    }
    let added = b.contacts.iter().filter(|c| !a.contacts.contains(c));
    out.extend(added.map(|c| Change::Added(*c)));
    let removed = a.contacts.iter().filter(|c| !b.contacts.contains(c));
    out.extend(removed.map(|c| Change::Removed(*c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coffee() -> Interaction {
        Interaction {
            id: 7,
            kind: "coffee".into(),
            date: "2026-11-02".parse().unwrap(),
            time: None,
            minutes: None,
            note: Some("plant".into()),
            gave: None,
            got: None,
            initiator: Initiator::Me,
            place: None,
            contacts: vec![1, 2],
            intro: None,
        }
    }

    #[test]
    fn only_what_was_given_changes() {
        let c = Correction {
            date: Some("2026-11-01".parse().unwrap()),
            note: Some(None),
            add: vec![3],
            remove: vec![1],
            ..Correction::default()
        };
        let after = c.apply(&coffee()).unwrap();
        assert_eq!(after.contacts, [2, 3]);
        assert_eq!(after.kind, "coffee");
        assert_eq!(
            changes(&coffee(), &after),
            [
                Change::Date("2026-11-02".parse().unwrap(), "2026-11-01".parse().unwrap()),
                Change::Text("note", None),
                Change::Added(3),
                Change::Removed(1),
            ]
        );
        assert!(Correction::default().is_empty());
        assert!(changes(&coffee(), &Correction::default().apply(&coffee()).unwrap()).is_empty());
    }

    #[test]
    fn nobody_left_or_a_stranger_removed_is_refused() {
        let c = Correction {
            remove: vec![1, 2],
            ..Correction::default()
        };
        assert_eq!(c.apply(&coffee()), Err(Refusal::LeavesNobody));
        let c = Correction {
            remove: vec![9],
            ..Correction::default()
        };
        assert_eq!(c.apply(&coffee()), Err(Refusal::NotPartOf(9)));
    }
}
