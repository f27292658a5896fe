//! The scheduler: who needs a touch, and in what order. Pure: `today` is a
//! parameter and nothing here reads the clock, a file or the environment.
//!
//! Ranking is a Taskwarrior-style ramp: the share of the cadence that has gone
//! by (1.0 on the day it runs out, 2.0 at twice the cadence) times a weight for
//! how much the contact matters (×1.5 for an important tag, ×1.2 for a why).
//!
//! `mod.rs` decides one contact (status, score, reason, the [`Factors`] of
//! its rank); `day.rs` decides the day's list; `budget.rs` the time spent and
//! today's share.

pub mod budget;
pub mod day;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Facts, Plan, PlanSource, Policy, Span, Weight};

/// Where a relationship stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Soon,
    Due,
    Cold,
    Snoozed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Soon => "soon",
            Status::Due => "due",
            Status::Cold => "cold",
            Status::Snoozed => "snoozed",
        }
    }

    /// The status of its word ([`Status::as_str`]).
    pub fn parse(word: &str) -> Option<Status> {
        [
            Status::Ok,
            Status::Soon,
            Status::Due,
            Status::Cold,
            Status::Snoozed,
        ]
        .into_iter()
        .find(|s| s.as_str() == word)
    }
}

/// One contact as the scheduler sees it.
#[derive(Clone, Debug)]
pub struct Subject {
    pub id: i64,
    /// The last touch, else the day the contact got its cadence.
    pub since: NaiveDate,
    /// The day the contact was added (for the reason of one never contacted).
    pub added_on: NaiveDate,
    /// Whether `since` is a real touch (false: never contacted since added).
    pub touched: bool,
    pub plan: Plan,
    pub weight: Weight,
    pub snoozed_until: Option<NaiveDate>,
    /// Open promises to this contact, and how many of them are overdue.
    pub promises: (u32, u32),
    /// How often you gave and got something (for "give first").
    pub gave_got: (u32, u32),
}

impl Subject {
    /// The subject for a contact under a policy; None when it has no plan.
    pub fn new(policy: &Policy, f: Facts<'_>) -> Option<Subject> {
        let plan = policy.plan(f.every, f.tags, f.why)?;
        Some(Subject {
            id: f.id,
            since: f.clock_start(),
            added_on: f.added_on,
            touched: f.last_touch.is_some(),
            plan,
            weight: policy.weight(f.tags, f.why),
            snoozed_until: f.snoozed_until,
            promises: (0, 0),
            gave_got: (0, 0),
        })
    }
}

/// The scheduler's verdict on one contact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub status: Status,
    pub days_silent: i64,
    pub due_on: NaiveDate,
    /// Share of the cadence gone by.
    pub ratio: f64,
    /// Ratio × weight: the rank.
    pub score: f64,
    /// A short reason, in words.
    pub reason: String,
    /// What the score is made of (`net show` explains the rank with it).
    #[serde(skip)]
    pub factors: Factors,
}

/// The parts of a score: the share of the cadence gone by, times how much
/// the contact matters, times a factor for open promises.
#[derive(Clone, Debug, PartialEq)]
pub struct Factors {
    pub ratio: f64,
    pub weight: Weight,
    /// 1.5 for an overdue promise, 1.25 for an open one, else 1.
    pub promise: f64,
}

impl Factors {
    /// What raises the promise factor, in words.
    pub fn promise_reason(&self) -> Option<&'static str> {
        if self.promise >= 1.5 {
            Some("overdue promise")
        } else if self.promise > 1.0 {
            Some("open promise")
        } else {
            None
        }
    }
}

/// Status of a plan on `today`, counting from `since`.
pub fn status(
    plan: &Plan,
    since: NaiveDate,
    snoozed_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Status {
    if snoozed_until.is_some_and(|until| today < until) {
        return Status::Snoozed;
    }
    if plan.cold_on(since).is_some_and(|cold| today >= cold) {
        Status::Cold
    } else if today >= plan.due_on(since) {
        Status::Due
    } else if today >= plan.soon_on(since) {
        Status::Soon
    } else {
        Status::Ok
    }
}

/// The verdict on one subject.
pub fn assess(s: &Subject, today: NaiveDate) -> Entry {
    let status = status(&s.plan, s.since, s.snoozed_until, today);
    let days_silent = (today - s.since).num_days().max(0);
    // The average length of the interval, not its calendar length from
    // `since`: "1 month" from 28 January is 31 days, from 31 January 28, so
    // a later touch could otherwise raise the score (found by the proptest).
    let cadence_days = s.plan.interval.approx_days().max(1.0);
    let ratio = days_silent as f64 / cadence_days;
    // An open promise raises the rank until it is kept; an overdue one more.
    let promise_factor = match s.promises {
        (_, overdue) if overdue > 0 => 1.5,
        (open, _) if open > 0 => 1.25,
        _ => 1.0,
    };
    let score = if status == Status::Snoozed {
        0.0
    } else {
        ratio * s.weight.factor * promise_factor
    };
    let due_on = s.plan.due_on(s.since);
    Entry {
        id: s.id,
        status,
        days_silent,
        due_on,
        ratio,
        score,
        reason: reason(s, status, today, due_on),
        factors: Factors {
            ratio,
            weight: s.weight.clone(),
            promise: promise_factor,
        },
    }
}

fn reason(s: &Subject, status: Status, today: NaiveDate, due_on: NaiveDate) -> String {
    use std::fmt::Write;
    // One string written in place: a long list (`net due --all`) words
    // thousands of reasons.
    let mut text = String::with_capacity(96);
    let days = (today - s.since).num_days();
    if status != Status::Snoozed {
        let _ = if s.touched && days == 0 {
            write!(text, "touched today")
        } else if s.touched {
            write!(text, "silent {}", Span(days))
        } else {
            let added = (today - s.added_on).num_days();
            text.push_str("never contacted");
            text.push_str(if s.since > s.added_on { " (" } else { ", " });
            let _ = match added {
                0 => write!(text, "added today"),
                _ => write!(text, "added {} ago", Span(added)),
            };
            if s.since > s.added_on {
                // The clock started with the cadence, not with the (import's) added date.
                let _ = match days {
                    0 => write!(text, ", cadence given today"),
                    _ => write!(text, ", cadence given {} ago", Span(days)),
                };
                text.push(')');
            }
            Ok(())
        };
        text.push_str("; ");
    }
    let rhythm = |text: &mut String| {
        let _ = match &s.plan.source {
            PlanSource::Own | PlanSource::Default => write!(text, "{}", s.plan.interval),
            PlanSource::Rule(tag) => write!(text, "{} (rule #{tag})", s.plan.interval),
            PlanSource::Watch => write!(
                text,
                "no cadence, but they matter (shown after {} of silence)",
                s.plan.interval.words()
            ),
        };
    };
    let _ = match status {
        Status::Snoozed => write!(text, "snoozed until {}", s.snoozed_until.unwrap_or(today)),
        Status::Ok | Status::Soon => {
            rhythm(&mut text);
            write!(text, ": due in {}", Span((due_on - today).num_days()))
        }
        Status::Due | Status::Cold if today == due_on => {
            rhythm(&mut text);
            write!(text, ": due today")
        }
        Status::Due | Status::Cold => {
            rhythm(&mut text);
            write!(text, ": {} overdue", Span((today - due_on).num_days()))
        }
    };
    if let Some(w) = &s.weight.reason {
        let _ = write!(text, " · {w}");
    }
    match s.promises {
        (_, overdue) if overdue > 0 => text.push_str(" · a promise is overdue"),
        (open, _) if open > 0 => text.push_str(" · a promise is open"),
        _ => {}
    }
    if s.gave_got.1 > 0 && s.gave_got.0 == 0 {
        text.push_str(" · you have only taken so far: give first");
    }
    text
}

/// Where a status ranks: cold, then due, then soon, then ok, then snoozed.
pub fn tier(status: Status) -> u8 {
    match status {
        Status::Cold => 0,
        Status::Due => 1,
        Status::Soon => 2,
        Status::Ok => 3,
        Status::Snoozed => 4,
    }
}

/// Today's agenda: every subject that is soon, due or cold (and, with
/// `include_ok`, the rest too), most urgent first: by status (cold, due,
/// soon, ok, snoozed), then by score.
pub fn agenda(subjects: &[Subject], today: NaiveDate, include_ok: bool) -> Vec<Entry> {
    let mut entries: Vec<Entry> = subjects
        .iter()
        .map(|s| assess(s, today))
        .filter(|e| include_ok || matches!(e.status, Status::Soon | Status::Due | Status::Cold))
        .collect();
    entries.sort_by(|a, b| {
        tier(a.status)
            .cmp(&tier(b.status))
            .then(b.score.total_cmp(&a.score))
            .then(b.days_silent.cmp(&a.days_silent))
            .then(a.id.cmp(&b.id))
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interval, Unit};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn subject(id: i64, since: &str, months: u32, factor: f64) -> Subject {
        Subject {
            id,
            since: d(since),
            added_on: d(since),
            touched: true,
            plan: Plan {
                interval: Interval::new(months, Unit::Months),
                source: PlanSource::Own,
            },
            weight: Weight {
                factor,
                reason: None,
            },
            snoozed_until: None,
            promises: (0, 0),
            gave_got: (0, 0),
        }
    }

    #[test]
    fn statuses_along_a_two_month_cadence() {
        let s = subject(1, "2026-09-01", 2, 1.0);
        let at = |day: &str| assess(&s, d(day)).status;
        assert_eq!(at("2026-10-01"), Status::Ok);
        assert_eq!(at("2026-10-20"), Status::Soon);
        assert_eq!(at("2026-11-01"), Status::Due);
        assert_eq!(at("2027-01-01"), Status::Cold);
    }

    #[test]
    fn snoozed_is_quiet_until_the_snooze_ends() {
        let mut s = subject(1, "2026-01-01", 1, 1.0);
        s.snoozed_until = Some(d("2026-12-01"));
        assert_eq!(assess(&s, d("2026-11-22")).status, Status::Snoozed);
        assert!(agenda(&[s.clone()], d("2026-11-22"), false).is_empty());
        assert_eq!(assess(&s, d("2026-12-01")).status, Status::Cold);
    }

    #[test]
    fn importance_outranks_equal_lateness() {
        let plain = subject(1, "2026-09-01", 2, 1.0);
        let client = subject(2, "2026-09-01", 2, 1.5);
        let order: Vec<i64> = agenda(&[plain, client], d("2026-11-22"), false)
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(order, vec![2, 1]);
    }

    #[test]
    fn a_later_touch_in_a_short_month_does_not_score_higher() {
        let early = subject(1, "2026-01-28", 1, 1.0);
        let late = subject(1, "2026-01-31", 1, 1.0);
        let today = d("2026-03-10");
        assert!(assess(&late, today).score <= assess(&early, today).score);
    }

    #[test]
    fn an_open_promise_raises_the_rank() {
        let plain = subject(1, "2026-09-01", 2, 1.0);
        let mut promised = subject(2, "2026-09-01", 2, 1.0);
        promised.promises = (1, 0);
        let order: Vec<i64> = agenda(&[plain, promised], d("2026-11-22"), false)
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(order, vec![2, 1]);
    }

    #[test]
    fn reason_says_how_late_and_why() {
        let mut s = subject(1, "2026-09-01", 2, 1.5);
        s.weight.reason = Some("tag client".into());
        let e = assess(&s, d("2026-11-22"));
        assert_eq!(
            e.reason,
            "silent 2 months; bimonthly: 3 weeks overdue · tag client"
        );
    }

    fn arb_subject() -> impl Strategy<Value = (Subject, NaiveDate)> {
        (0i64..2000, 1u32..24, 0.5f64..3.0, 0i64..2000).prop_map(
            |(since_off, months, factor, today_off)| {
                let base = d("2020-01-01");
                let since = base + chrono::Days::new(since_off as u64);
                let today = since + chrono::Days::new(today_off as u64);
                let mut s = subject(1, "2020-01-01", months, factor);
                s.since = since;
                (s, today)
            },
        )
    }

    proptest! {
        #[test]
        fn a_touch_never_makes_a_contact_more_overdue((s, today) in arb_subject(), touch_off in 0i64..2000) {
            // Regression: months of different lengths once let a later touch score higher.
            let before = assess(&s, today);
            let touched_on = (s.since + chrono::Days::new(touch_off as u64)).min(today);
            let after = assess(&Subject { since: touched_on, ..s.clone() }, today);
            prop_assert!(after.score <= before.score + 1e-9);
            prop_assert!(after.status <= before.status);
        }

        #[test]
        fn due_stays_due_until_touched((s, today) in arb_subject(), later in 0u64..1000) {
            let now = assess(&s, today).status;
            if now >= Status::Due {
                let then = assess(&s, today + chrono::Days::new(later)).status;
                prop_assert!(then >= Status::Due);
            }
        }

        #[test]
        fn status_only_grows_with_time((s, today) in arb_subject(), later in 0u64..1000) {
            let now = assess(&s, today).status;
            let then = assess(&s, today + chrono::Days::new(later)).status;
            prop_assert!(then >= now);
        }
    }
}
