//! A contact's derived values, from its history, its notes and the policy.
//!
//! The store keeps these in columns so that `net due` and `net list` read one
//! row per contact instead of a history. It calls [`derive`] for every contact
//! a write touched, just before the write commits, and for every contact when
//! the policy's config part changed since the last derivation.

use chrono::NaiveDate;

use super::{Contact, Derived, PlanSource, Policy};

/// One interaction of the contact's history, as the derivation needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Touch {
    pub date: NaiveDate,
    pub kind: String,
    /// As logged; None means the kind's usual length.
    pub minutes: Option<u32>,
    pub gave: bool,
    pub got: bool,
    pub place: Option<String>,
}

/// Everything the store writes back into a contact's derived columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DerivedRow {
    pub last_touch: Option<NaiveDate>,
    pub soon_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub derived: Derived,
    /// Folded words `net who` searches.
    pub search_text: String,
    /// Whether the contact has a cadence of its own or from a rule (the Dunbar count).
    pub nurtured: bool,
}

/// How many recent interactions the usual length is the median of.
const RECENT: usize = 20;
/// How many distinct places are kept for search.
const PLACES: usize = 50;

/// Derives a contact's values. `history` is newest first; `notes` are the
/// texts of its topic notes.
pub fn derive<'a>(
    c: &Contact,
    history: impl IntoIterator<Item = &'a Touch>,
    notes: &[String],
    policy: &Policy,
) -> DerivedRow {
    let mut last_touch = None;
    let mut derived = Derived::default();
    let mut recent: Vec<u32> = Vec::new();
    // Where you met them (events logged with --at), for `net who`.
    let mut places: Vec<String> = Vec::new();
    for t in history {
        let minutes = policy.minutes_of(&t.kind, t.minutes);
        last_touch.get_or_insert(t.date);
        derived.depth_minutes += u64::from(minutes);
        if minutes > 0 && recent.len() < RECENT {
            recent.push(minutes);
        }
        derived.gave_count += u32::from(t.gave);
        derived.got_count += u32::from(t.got);
        if let Some(place) = &t.place {
            if places.len() < PLACES && !places.contains(place) {
                places.push(place.clone());
            }
        }
    }
    derived.depth_minutes += u64::from(c.known_minutes);
    derived.usual_minutes = median(&mut recent);
    let mut words: Vec<String> = c.aliases.clone();
    words.append(&mut places);
    words.extend(c.tags.iter().cloned());
    words.extend(
        [&c.org, &c.role, &c.why, &c.met, &c.notes]
            .into_iter()
            .flatten()
            .cloned(),
    );
    words.extend(notes.iter().cloned());
    let since = last_touch.unwrap_or(c.added_on);
    let plan = policy.plan(c.every, &c.tags, c.why.as_deref());
    DerivedRow {
        last_touch,
        soon_on: plan.as_ref().map(|p| p.soon_on(since)),
        due_on: plan.as_ref().map(|p| p.due_on(since)),
        derived,
        search_text: crate::names::search_key(&c.name, &words),
        nurtured: plan.is_some_and(|p| p.source != PlanSource::Watch),
    }
}

/// The config values that derived columns depend on, as one string. The
/// store keeps the one it derived with; when it differs on open, everything
/// is derived again. Bump the version when [`derive`] itself changes.
pub fn fingerprint(policy: &Policy) -> String {
    const VERSION: u32 = 1;
    format!(
        "v{VERSION}; watch_after={:?}; important_tags={:?}; kinds={:?}",
        policy.watch_after.map(|i| i.short()),
        policy.important_tags,
        policy.kind_minutes
    )
}

/// The middle value (the lower of the two middle ones), or None when empty.
fn median(values: &mut [u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    Some(values[(values.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cadence, Interval, Unit};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn touch(d: u32, kind: &str, minutes: Option<u32>) -> Touch {
        Touch {
            date: day(d),
            kind: kind.into(),
            minutes,
            gave: false,
            got: false,
            place: None,
        }
    }

    fn policy() -> Policy {
        Policy {
            kind_minutes: [("coffee".to_string(), 45)].into_iter().collect(),
            ..Policy::default()
        }
    }

    #[test]
    fn last_touch_depth_and_usual_length_come_from_the_history() {
        let mut c = Contact::new("Anna", day(1));
        c.every = Some(Cadence::Every(Interval {
            n: 2,
            unit: Unit::Weeks,
        }));
        c.known_minutes = 60;
        let history = [touch(20, "coffee", None), touch(10, "call", Some(20))];
        let row = derive(&c, &history, &[], &policy());
        assert_eq!(row.last_touch, Some(day(20)));
        assert_eq!(row.derived.depth_minutes, 45 + 20 + 60);
        assert_eq!(row.derived.usual_minutes, Some(20));
        assert_eq!(row.due_on, Some(day(20) + chrono::Days::new(14)));
        assert!(row.nurtured);
    }

    #[test]
    fn the_fingerprint_changes_with_the_config_it_depends_on() {
        let a = policy();
        let mut b = policy();
        b.important_tags.push("vip".into());
        assert_ne!(fingerprint(&a), fingerprint(&b));
        let mut c = policy();
        c.rules.push((
            "client".into(),
            Interval {
                n: 1,
                unit: Unit::Months,
            },
        ));
        // Rules live in the database: a rule change touches its contacts itself.
        assert_eq!(fingerprint(&a), fingerprint(&c));
    }
}
