//! A contact's derived values, from its history, its notes and the policy.
//!
//! The store keeps these in columns so that `net due` and `net list` read one
//! row per contact instead of a history. It calls [`derive`] for every contact
//! a write touched, just before the write commits, and for every contact when
//! the policy's config part changed since the last derivation.
//!
//! What a derivation reads of the history is a [`HistoryAgg`]: sums and two
//! short lists that one more interaction updates exactly, in any order
//! ([`HistoryAgg::add`]). The store keeps it in the contact's row, so a write
//! that logs an interaction costs the same for a contact with 10 or 16,000 of
//! them (issue 15); edits and deletions fold the contact's history again.
//!
//! Two rules of counting (README, "Cadence, status and ranking"):
//! - **Depth is time together, shared**: an interaction with several people
//!   gives each an equal share of its minutes (a 2-hour dinner for four is
//!   30 minutes with each). Show, list, tiers, stats and prune all read it.
//! - **The expected minutes of a touch** are the median of the contact's own
//!   one-to-one interactions (not events, not group ones), each counted at
//!   most at its kind's usual minutes, so no contact is too big for a day.

use chrono::NaiveDate;

use super::{Contact, Derived, Interaction, PlanSource, Policy};

/// One interaction of the contact's history, as the derivation needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Touch {
    /// The interaction's id: among touches of one day the larger is the newer.
    pub id: i64,
    pub date: NaiveDate,
    pub kind: String,
    /// As logged; None means the kind's usual length.
    pub minutes: Option<u32>,
    pub gave: bool,
    pub got: bool,
    pub place: Option<String>,
    /// How many people took part (1: one-to-one).
    pub people: u32,
}

impl Touch {
    /// The touch of interaction `i`, stored as `id` with `people` people.
    pub fn of(i: &Interaction, id: i64, people: u32) -> Touch {
        Touch {
            id,
            date: i.date,
            kind: i.kind.clone(),
            minutes: i.minutes.map(|m| m.0),
            gave: i.gave.is_some(),
            got: i.got.is_some(),
            place: i.place.clone(),
            people,
        }
    }
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
    /// The day its cadence started: kept while it has a plan, `today` for
    /// one that just got it, None without a plan.
    pub cadence_since: Option<NaiveDate>,
}

/// How many recent interactions the usual length is the median of.
const RECENT: usize = 20;
/// How many distinct places are kept for search.
const PLACES: usize = 50;

/// What a contact's derived values need of its history, kept up to date one
/// interaction at a time.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HistoryAgg {
    /// How many interactions the contact took part in (`net show`).
    pub count: u64,
    pub last_touch: Option<NaiveDate>,
    /// Time together from the history alone, each interaction's minutes
    /// shared among its people (the contact's known minutes come on top).
    pub minutes: u64,
    pub gave: u32,
    pub got: u32,
    /// The newest one-to-one touches (date, interaction id, minutes counted),
    /// newest first, at most [`RECENT`]: the usual length is their median.
    pub recent: Vec<(NaiveDate, i64, u32)>,
    /// The distinct places, by their latest interaction (place, date, id),
    /// newest first, at most [`PLACES`].
    pub places: Vec<(String, NaiveDate, i64)>,
}

impl HistoryAgg {
    /// Folds a whole history (in any order).
    pub fn of<'a>(history: impl IntoIterator<Item = &'a Touch>, policy: &Policy) -> HistoryAgg {
        let mut agg = HistoryAgg::default();
        for t in history {
            agg.add(t, policy);
        }
        agg
    }

    /// Counts one more interaction. Exact whatever the order the touches
    /// come in: each list keeps the newest entries by (date, id), and an
    /// entry older than a full list's last could never be in it.
    pub fn add(&mut self, t: &Touch, policy: &Policy) {
        self.count += 1;
        let minutes = policy.minutes_of(&t.kind, t.minutes);
        self.last_touch = self.last_touch.max(Some(t.date));
        // An equal share of the time for each of the people there, rounded.
        let people = u64::from(t.people.max(1));
        self.minutes += (u64::from(minutes) + people / 2) / people;
        self.gave += u32::from(t.gave);
        self.got += u32::from(t.got);
        let key = (t.date, t.id);
        if t.people <= 1 && t.kind != "event" && minutes > 0 {
            let usual = policy.kind_minutes.get(&t.kind).copied().filter(|m| *m > 0);
            let counted = usual.map_or(minutes, |u| minutes.min(u));
            let at = self.recent.iter().position(|(d, id, _)| (*d, *id) < key);
            let at = at.unwrap_or(self.recent.len());
            if at < RECENT {
                self.recent.insert(at, (t.date, t.id, counted));
                self.recent.truncate(RECENT);
            }
        }
        // Where you met them (events logged with --at), for `net who`.
        if let Some(place) = &t.place {
            if let Some(i) = self.places.iter().position(|(p, ..)| p == place) {
                if (self.places[i].1, self.places[i].2) > key {
                    return;
                }
                self.places.remove(i);
            }
            let at = self.places.iter().position(|(_, d, id)| (*d, *id) < key);
            let at = at.unwrap_or(self.places.len());
            if at < PLACES {
                self.places.insert(at, (place.clone(), t.date, t.id));
                self.places.truncate(PLACES);
            }
        }
    }
}

/// Derives a contact's values from what its history adds up to; `notes`
/// are the texts of its topic notes; `today` is the day of the write.
pub fn derive(
    c: &Contact,
    agg: &HistoryAgg,
    notes: &[String],
    policy: &Policy,
    today: NaiveDate,
) -> DerivedRow {
    let last_touch = agg.last_touch;
    let mut derived = Derived {
        depth_minutes: agg.minutes,
        gave_count: agg.gave,
        got_count: agg.got,
        ..Derived::default()
    };
    let mut recent: Vec<u32> = agg.recent.iter().map(|r| r.2).collect();
    let mut places: Vec<String> = agg.places.iter().map(|p| p.0.clone()).collect();
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
    let plan = policy.plan(c.every, &c.tags, c.why.as_deref());
    // A watch is no cadence: its silence counts from the day they were added.
    let cadence_since = plan
        .as_ref()
        .filter(|p| p.source != PlanSource::Watch)
        .map(|_| c.cadence_since.unwrap_or_else(|| today.max(c.added_on)));
    let since = crate::model::Facts {
        last_touch,
        cadence_since,
        ..c.facts()
    }
    .clock_start();
    DerivedRow {
        last_touch,
        soon_on: plan.as_ref().map(|p| p.soon_on(since)),
        due_on: plan.as_ref().map(|p| p.due_on(since)),
        derived,
        search_text: crate::names::search_key(&c.name, &words),
        nurtured: plan.is_some_and(|p| p.source != PlanSource::Watch),
        cadence_since,
    }
}

/// The config values that derived columns depend on, as one string. The
/// store keeps the one it derived with; when it differs on open, everything
/// is derived again. Bump the version when [`derive`] itself changes.
pub fn fingerprint(policy: &Policy) -> String {
    // 2: depth shared among the people of an interaction, one-to-one
    // expected minutes, the cadence clock and the default cadence (issue 10).
    // 3: the history's aggregates are kept in the row (issue 15).
    // 4: they count the interactions too (`net show` without a count(*)).
    const VERSION: u32 = 4;
    format!(
        "v{VERSION}; default_every={:?}; watch_after={:?}; important_tags={:?}; kinds={:?}",
        policy.default_every.map(|i| i.short()),
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
            id: i64::from(d),
            date: day(d),
            kind: kind.into(),
            minutes,
            gave: false,
            got: false,
            place: None,
            people: 1,
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
        let row = derive(
            &c,
            &HistoryAgg::of(&history, &policy()),
            &[],
            &policy(),
            day(22),
        );
        assert_eq!(row.last_touch, Some(day(20)));
        assert_eq!(row.derived.depth_minutes, 45 + 20 + 60);
        assert_eq!(row.derived.usual_minutes, Some(20));
        assert_eq!(row.due_on, Some(day(20) + chrono::Days::new(14)));
        assert!(row.nurtured);
    }

    #[test]
    fn group_time_is_shared_and_only_one_to_one_touches_set_the_expected_minutes() {
        let c = Contact::new("Priya", day(1));
        let mut conference = touch(10, "event", Some(8 * 60));
        conference.people = 4;
        let mut dinner = touch(12, "lunch", Some(120));
        dinner.people = 3;
        let history = [dinner, conference, touch(5, "coffee", Some(300))];
        let row = derive(
            &c,
            &HistoryAgg::of(&history, &policy()),
            &[],
            &policy(),
            day(22),
        );
        // 120 / 3 + 480 / 4 + 300.
        assert_eq!(row.derived.depth_minutes, 40 + 120 + 300);
        // Only the coffee is one-to-one, and it counts at most a coffee's 45.
        assert_eq!(row.derived.usual_minutes, Some(45));
        let only_events = [touch(10, "event", Some(480))];
        let row = derive(
            &c,
            &HistoryAgg::of(&only_events, &policy()),
            &[],
            &policy(),
            day(22),
        );
        assert_eq!(
            row.derived.usual_minutes, None,
            "events say nothing of a touch"
        );
    }

    #[test]
    fn a_cadence_clock_starts_the_day_the_cadence_is_given() {
        let mut c = Contact::new("Ana", "2024-03-01".parse().unwrap());
        let p = policy();
        assert_eq!(
            derive(&c, &HistoryAgg::default(), &[], &p, day(22)).cadence_since,
            None
        );
        c.every = Some(Cadence::Every(Interval {
            n: 3,
            unit: Unit::Months,
        }));
        let row = derive(&c, &HistoryAgg::default(), &[], &p, day(22));
        assert_eq!(row.cadence_since, Some(day(22)));
        assert_eq!(row.due_on, Some("2027-02-22".parse().unwrap()));
        // Kept once set.
        c.cadence_since = row.cadence_since;
        assert_eq!(
            derive(&c, &HistoryAgg::default(), &[], &p, day(30)).cadence_since,
            Some(day(22))
        );
    }

    /// The aggregate of a history is the same whatever order its
    /// interactions were added in, and the lists keep only the newest.
    #[test]
    fn the_aggregate_does_not_depend_on_the_order_of_adding() {
        let p = policy();
        let mut history = Vec::new();
        for n in 0..200u32 {
            let mut t = touch(
                1 + n % 28,
                ["coffee", "call", "event"][n as usize % 3],
                Some(n % 90),
            );
            t.id = i64::from(n);
            t.people = 1 + n % 4 / 3;
            t.gave = n % 5 == 0;
            t.place = (n % 7 == 0).then(|| format!("place {}", n % 60));
            history.push(t);
        }
        let forward = HistoryAgg::of(&history, &p);
        let mut shuffled = history.clone();
        // A fixed, order-scrambling permutation (no randomness in a unit test).
        shuffled.sort_by_key(|t| (t.id * 7919) % 211);
        assert_eq!(HistoryAgg::of(&shuffled, &p), forward);
        history.sort_by_key(|t| std::cmp::Reverse((t.date, t.id)));
        assert_eq!(HistoryAgg::of(&history, &p), forward);
        assert_eq!(forward.recent.len(), RECENT);
        assert!(forward
            .recent
            .windows(2)
            .all(|w| (w[0].0, w[0].1) > (w[1].0, w[1].1)));
        assert!(forward.places.len() <= PLACES);
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
