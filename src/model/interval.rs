use chrono::{Months, NaiveDate};
use std::fmt;

/// The unit of an [`Interval`]. Months and years are calendar units: one month
/// after 31 January is the last day of February.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// How often a contact should hear from you, e.g. every 2 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    pub n: u32,
    pub unit: Unit,
}

impl Interval {
    pub const fn new(n: u32, unit: Unit) -> Self {
        Interval { n, unit }
    }

    /// The date one interval after `from`, saturating at the end of time.
    pub fn after(&self, from: NaiveDate) -> NaiveDate {
        self.scaled_after(from, 1)
    }

    /// The date `k` intervals after `from` (calendar-aware), saturating.
    pub fn scaled_after(&self, from: NaiveDate, k: u32) -> NaiveDate {
        let n = self.n.saturating_mul(k);
        let out = match self.unit {
            Unit::Days => from.checked_add_days(chrono::Days::new(n.into())),
            Unit::Weeks => from.checked_add_days(chrono::Days::new(u64::from(n) * 7)),
            Unit::Months => from.checked_add_months(Months::new(n)),
            Unit::Years => from.checked_add_months(Months::new(n.saturating_mul(12))),
        };
        out.unwrap_or(NaiveDate::MAX)
    }

    /// The date one interval before `to`, saturating at the start of time.
    pub fn before(&self, to: NaiveDate) -> NaiveDate {
        let out = match self.unit {
            Unit::Days => to.checked_sub_days(chrono::Days::new(self.n.into())),
            Unit::Weeks => to.checked_sub_days(chrono::Days::new(u64::from(self.n) * 7)),
            Unit::Months => to.checked_sub_months(Months::new(self.n)),
            Unit::Years => to.checked_sub_months(Months::new(self.n.saturating_mul(12))),
        };
        out.unwrap_or(NaiveDate::MIN)
    }

    /// The length in days when counted from `from` (months differ in length).
    pub fn days_from(&self, from: NaiveDate) -> i64 {
        (self.after(from) - from).num_days()
    }

    /// An approximate length in days, for comparing intervals ("the tightest rule").
    pub fn approx_days(&self) -> f64 {
        let n = f64::from(self.n);
        match self.unit {
            Unit::Days => n,
            Unit::Weeks => n * 7.0,
            Unit::Months => n * 30.436_875,
            Unit::Years => n * 365.2425,
        }
    }

    /// The short form that parses back to the same interval: `3d`, `2w`, `2mo`, `1y`.
    pub fn short(&self) -> String {
        let u = match self.unit {
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "mo",
            Unit::Years => "y",
        };
        format!("{}{}", self.n, u)
    }

    /// The length in words, as a span of time: "6 months", "1 week".
    pub fn words(&self) -> String {
        let unit = match self.unit {
            Unit::Days => "day",
            Unit::Weeks => "week",
            Unit::Months => "month",
            Unit::Years => "year",
        };
        if self.n == 1 {
            format!("1 {unit}")
        } else {
            format!("{} {unit}s", self.n)
        }
    }

    /// Whole days, when the interval is a fixed number of days (for `every_days`).
    pub fn as_days(&self) -> Option<u32> {
        match self.unit {
            Unit::Days => Some(self.n),
            Unit::Weeks => Some(self.n * 7),
            _ => None,
        }
    }
}

impl fmt::Display for Interval {
    /// Human words: "every 2 months", "weekly".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match (self.n, self.unit) {
            (1, Unit::Days) => "daily",
            (1, Unit::Weeks) => "weekly",
            (2, Unit::Weeks) => "every 2 weeks",
            (1, Unit::Months) => "monthly",
            (2, Unit::Months) => "bimonthly",
            (3, Unit::Months) => "quarterly",
            (1, Unit::Years) => "yearly",
            _ => "",
        };
        if !word.is_empty() {
            return f.write_str(word);
        }
        let unit = match self.unit {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
        };
        write!(f, "every {} {}", self.n, unit)
    }
}

/// A contact's own cadence setting: a rhythm, an explicit "never" that
/// also overrides tag rules, or the config's default (what `net add` gives),
/// which a tag rule overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cadence {
    Every(Interval),
    Never,
    /// `default_every` from the config, unless a tag rule says otherwise.
    Default,
}

impl Cadence {
    /// The form stored in the database and written to JSON: `2mo` or `never`.
    pub fn short(&self) -> String {
        match self {
            Cadence::Every(i) => i.short(),
            Cadence::Never => "never".to_string(),
            Cadence::Default => "default".to_string(),
        }
    }

    pub fn interval(&self) -> Option<Interval> {
        match self {
            Cadence::Every(i) => Some(*i),
            Cadence::Never | Cadence::Default => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_are_calendar_months() {
        let i = Interval::new(1, Unit::Months);
        assert_eq!(i.after(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(i.after(d("2026-03-15")), d("2026-04-15"));
        assert_eq!(
            Interval::new(1, Unit::Years).after(d("2024-02-29")),
            d("2025-02-28")
        );
    }

    #[test]
    fn short_form_and_words() {
        assert_eq!(Interval::new(2, Unit::Months).short(), "2mo");
        assert_eq!(Interval::new(2, Unit::Months).to_string(), "bimonthly");
        assert_eq!(Interval::new(5, Unit::Days).to_string(), "every 5 days");
    }

    #[test]
    fn saturates_at_the_end_of_time() {
        assert_eq!(
            Interval::new(1000, Unit::Years).after(NaiveDate::MAX),
            NaiveDate::MAX
        );
    }
}
