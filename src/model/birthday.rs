use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A birthday, with or without the year of birth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Birthday {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Birthday {
    /// A valid birthday, or None (02-30, month 13, 29 Feb in a year without one).
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<Self> {
        // 2000 is a leap year, so 29 February is valid without a year.
        let check_year = year.unwrap_or(2000);
        NaiveDate::from_ymd_opt(check_year, month, day)?;
        Some(Birthday { year, month, day })
    }

    /// The stored form: `1980-04-15`, or `--04-15` without a year (as in vCard).
    pub fn to_iso(self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// Parses the stored form written by [`Birthday::to_iso`].
    pub fn from_iso(s: &str) -> Option<Self> {
        if let Some(md) = s.strip_prefix("--") {
            let (m, d) = md.split_once('-')?;
            return Birthday::new(None, m.parse().ok()?, d.parse().ok()?);
        }
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        Birthday::new(Some(date.year()), date.month(), date.day())
    }

    /// The day it is celebrated in `year`: 29 February becomes 28 February in
    /// years without a leap day.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
    }

    /// The next celebration on or after `today`.
    pub fn next_after(&self, today: NaiveDate) -> Option<NaiveDate> {
        let this = self.in_year(today.year())?;
        if this >= today {
            Some(this)
        } else {
            self.in_year(today.year() + 1)
        }
    }

    /// The `MM-DD` days whose birthdays fall within `ahead` days from `on`
    /// (both ends included): 29 February counts on 28 February in years
    /// without a leap day.
    pub fn days_within(on: NaiveDate, ahead: u32) -> Vec<String> {
        let mut days = Vec::new();
        for d in on.iter_days().take(ahead.min(366) as usize + 1) {
            days.push(d.format("%m-%d").to_string());
            if d.month() == 2 && d.day() == 28 && NaiveDate::from_ymd_opt(d.year(), 2, 29).is_none()
            {
                days.push("02-29".into());
            }
        }
        days
    }

    /// The age reached on `on`, when the year is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<i32> {
        self.year.map(|y| on.year() - y)
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let m = MONTHS[(self.month - 1) as usize];
        match self.year {
            Some(y) => write!(f, "{} {m} {y}", self.day),
            None => write!(f, "{} {m}", self.day),
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
    fn leap_day_is_celebrated_on_28_february() {
        let b = Birthday::new(Some(2000), 2, 29).unwrap();
        assert_eq!(b.next_after(d("2026-01-01")), Some(d("2026-02-28")));
        assert_eq!(b.next_after(d("2028-01-01")), Some(d("2028-02-29")));
    }

    #[test]
    fn the_window_includes_a_leap_day_in_common_years() {
        assert_eq!(
            Birthday::days_within(d("2027-02-27"), 1),
            vec!["02-27", "02-28", "02-29"]
        );
        assert_eq!(Birthday::days_within(d("2028-02-28"), 0), vec!["02-28"]);
        assert_eq!(
            Birthday::days_within(d("2026-12-31"), 1),
            vec!["12-31", "01-01"]
        );
    }

    #[test]
    fn round_trips_iso() {
        for s in ["1980-04-15", "--04-15", "--02-29"] {
            assert_eq!(Birthday::from_iso(s).unwrap().to_iso(), s);
        }
        assert!(Birthday::from_iso("--02-30").is_none());
    }
}
