use chrono::{Months, NaiveDate};

use super::{Cadence, Interval};

/// What the scheduler needs to know of a contact.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub id: i64,
    pub every: Option<Cadence>,
    pub tags: &'a [String],
    pub why: Option<&'a str>,
    pub last_touch: Option<NaiveDate>,
    pub added_on: NaiveDate,
    /// The day it got its cadence (None: not recorded, or none).
    pub cadence_since: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
}

impl Facts<'_> {
    /// The day the cadence clock counts from: the last touch; for a contact
    /// never contacted, the day it got its cadence, not the day it was added
    /// (for an import, an old connection date).
    pub fn clock_start(&self) -> NaiveDate {
        self.last_touch.unwrap_or_else(|| {
            self.cadence_since
                .unwrap_or(self.added_on)
                .max(self.added_on)
        })
    }
}

/// Why a contact has the rhythm it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanSource {
    /// Set on the contact itself.
    Own,
    /// The tightest rule among its tags.
    Rule(String),
    /// The config's `default_every`, given by `net add`; any tag rule overrides it.
    Default,
    /// No cadence, but it matters (a why or an important tag): watched for long silence.
    Watch,
}

impl PlanSource {
    /// The form JSON output uses: `contact`, `rule:TAG` or `watch`.
    pub fn label(&self) -> String {
        match self {
            PlanSource::Own => "contact".into(),
            PlanSource::Rule(tag) => format!("rule:{tag}"),
            PlanSource::Default => "default".into(),
            PlanSource::Watch => "watch".into(),
        }
    }
}

/// The effective rhythm of a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub interval: Interval,
    pub source: PlanSource,
}

/// Everything outside a contact that decides its plan and weight: tag rules and config.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub rules: Vec<(String, Interval)>,
    /// What a contact with the default cadence gets when no tag rule applies.
    pub default_every: Option<Interval>,
    pub watch_after: Option<Interval>,
    pub important_tags: Vec<String>,
    /// The usual minutes of each kind, for interactions logged without `--for`.
    pub kind_minutes: std::collections::BTreeMap<String, u32>,
}

impl Policy {
    /// Minutes an interaction counts for: as logged, else its kind's usual
    /// length (0 for a kind no longer configured).
    pub fn minutes_of(&self, kind: &str, logged: Option<u32>) -> u32 {
        logged.unwrap_or_else(|| self.kind_minutes.get(kind).copied().unwrap_or(0))
    }
}

/// How much a contact matters when ranking, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Weight {
    pub factor: f64,
    pub reason: Option<String>,
}

impl Policy {
    /// The effective plan: the contact's own cadence, else the tightest rule of
    /// its tags, else the default (for a contact that has it), else a watch
    /// for long silence when it matters, else none.
    pub fn plan(&self, own: Option<Cadence>, tags: &[String], why: Option<&str>) -> Option<Plan> {
        match own {
            Some(Cadence::Every(interval)) => {
                return Some(Plan {
                    interval,
                    source: PlanSource::Own,
                });
            }
            Some(Cadence::Never) => return None,
            Some(Cadence::Default) | None => {}
        }
        let tightest = self
            .rules
            .iter()
            .filter(|(tag, _)| tags.iter().any(|t| t == tag))
            .min_by(|a, b| a.1.approx_days().total_cmp(&b.1.approx_days()));
        if let Some((tag, interval)) = tightest {
            return Some(Plan {
                interval: *interval,
                source: PlanSource::Rule(tag.clone()),
            });
        }
        if let (Some(Cadence::Default), Some(interval)) = (own, self.default_every) {
            return Some(Plan {
                interval,
                source: PlanSource::Default,
            });
        }
        let matters =
            why.is_some_and(|w| !w.trim().is_empty()) || self.important_tag(tags).is_some();
        match (matters, self.watch_after) {
            (true, Some(interval)) => Some(Plan {
                interval,
                source: PlanSource::Watch,
            }),
            _ => None,
        }
    }

    fn important_tag<'a>(&self, tags: &'a [String]) -> Option<&'a String> {
        tags.iter().find(|t| self.important_tags.contains(t))
    }

    /// Ranking weight: ×1.5 for an important tag, ×1.2 for a stated why (both: ×1.8).
    pub fn weight(&self, tags: &[String], why: Option<&str>) -> Weight {
        let mut factor = 1.0;
        let mut reasons = Vec::new();
        if let Some(tag) = self.important_tag(tags) {
            factor *= 1.5;
            reasons.push(format!("tag {tag}"));
        }
        if why.is_some_and(|w| !w.trim().is_empty()) {
            factor *= 1.2;
            reasons.push("has a why".to_string());
        }
        Weight {
            factor,
            reason: (!reasons.is_empty()).then(|| reasons.join(", ")),
        }
    }
}

impl Plan {
    /// The day the cadence runs out, counting from `since`.
    pub fn due_on(&self, since: NaiveDate) -> NaiveDate {
        self.interval.after(since)
    }

    /// The day the contact turns "soon": 80 % of the cadence gone (never for a watch).
    pub fn soon_on(&self, since: NaiveDate) -> NaiveDate {
        if self.source == PlanSource::Watch {
            return self.due_on(since);
        }
        let days = self.interval.days_from(since);
        // ceil(0.8 × days) in integers, so 10 days turn soon after 8.
        let soon = (days * 4 + 4) / 5;
        since
            .checked_add_days(chrono::Days::new(soon.max(0) as u64))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The day the contact goes cold: twice the cadence or half a year, whichever
    /// comes first, but never before it is due. A watch never goes cold: it is
    /// a reminder, not a promise.
    pub fn cold_on(&self, since: NaiveDate) -> Option<NaiveDate> {
        if self.source == PlanSource::Watch {
            return None;
        }
        let twice = self.interval.scaled_after(since, 2);
        let half_year = since
            .checked_add_months(Months::new(6))
            .unwrap_or(NaiveDate::MAX);
        Some(twice.min(half_year).max(self.due_on(since)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn policy() -> Policy {
        Policy {
            rules: vec![
                ("client".into(), Interval::new(1, Unit::Months)),
                ("friend".into(), Interval::new(3, Unit::Months)),
            ],
            default_every: Some(Interval::new(2, Unit::Months)),
            watch_after: Some(Interval::new(6, Unit::Months)),
            important_tags: vec!["client".into(), "referrer".into()],
            kind_minutes: Default::default(),
        }
    }

    #[test]
    fn own_cadence_beats_rules_and_never_silences_them() {
        let p = policy();
        let tags = vec!["client".to_string()];
        let own = Some(Cadence::Every(Interval::new(2, Unit::Weeks)));
        assert_eq!(p.plan(own, &tags, None).unwrap().source, PlanSource::Own);
        assert_eq!(p.plan(Some(Cadence::Never), &tags, None), None);
    }

    #[test]
    fn a_rule_overrides_the_default_but_not_an_own_cadence() {
        let p = policy();
        let client = vec!["client".to_string()];
        let plan = p.plan(Some(Cadence::Default), &client, None).unwrap();
        assert_eq!(plan.source, PlanSource::Rule("client".into()));
        let plan = p.plan(Some(Cadence::Default), &[], None).unwrap();
        assert_eq!(plan.source, PlanSource::Default);
        assert_eq!(plan.interval, Interval::new(2, Unit::Months));
        // Without the default, only rules and the watch speak for a contact.
        assert_eq!(p.plan(None, &[], None), None);
    }

    #[test]
    fn tightest_rule_wins() {
        let tags = vec!["friend".to_string(), "client".to_string()];
        let plan = policy().plan(None, &tags, None).unwrap();
        assert_eq!(plan.source, PlanSource::Rule("client".into()));
        assert_eq!(plan.interval, Interval::new(1, Unit::Months));
    }

    #[test]
    fn a_contact_that_matters_is_watched() {
        let plan = policy()
            .plan(None, &[], Some("knows everyone in Munich"))
            .unwrap();
        assert_eq!(plan.source, PlanSource::Watch);
        assert_eq!(policy().plan(None, &["golf".into()], None), None);
        assert_eq!(policy().plan(None, &[], Some("  ")), None);
    }

    #[test]
    fn thresholds_of_two_months() {
        let plan = Plan {
            interval: Interval::new(2, Unit::Months),
            source: PlanSource::Own,
        };
        let since = d("2026-09-01");
        assert_eq!(plan.due_on(since), d("2026-11-01"));
        assert_eq!(plan.soon_on(since), d("2026-10-20")); // 49 of 61 days
        assert_eq!(plan.cold_on(since), Some(d("2027-01-01")));
    }

    #[test]
    fn long_cadences_go_cold_when_due() {
        let plan = Plan {
            interval: Interval::new(1, Unit::Years),
            source: PlanSource::Own,
        };
        let since = d("2026-01-01");
        assert_eq!(plan.cold_on(since), Some(plan.due_on(since)));
    }

    #[test]
    fn weight_combines_tag_and_why() {
        let w = policy().weight(&["client".into()], Some("big account"));
        assert!((w.factor - 1.8).abs() < 1e-9);
        assert_eq!(w.reason.as_deref(), Some("tag client, has a why"));
    }
}
