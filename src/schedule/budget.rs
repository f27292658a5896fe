//! Time spent in a period against the ten-percent budget, and today's share
//! of what is left (seed 000 §3). Pure: the rows come from the store.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::Serialize;

use crate::model::{Minutes, Period, Policy, TimeRow};

/// Time spent in one period against its budget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spent {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub minutes: u32,
    pub budget: u32,
    /// Interactions without a logged length, counted at their kind's usual minutes.
    pub estimated: u32,
}

impl Spent {
    /// "1h45 of 4h".
    pub fn words(&self) -> String {
        format!("{} of {}", Minutes(self.minutes), Minutes(self.budget))
    }
}

/// What was spent from `from` to `to` (the period's bounds), given the time
/// logged per day and kind in it; an interaction logged without a length
/// counts at its kind's usual minutes.
pub fn spent(
    from: NaiveDate,
    to: NaiveDate,
    budget: u32,
    rows: &[TimeRow],
    policy: &Policy,
) -> Spent {
    let mut s = Spent {
        from,
        to,
        minutes: 0,
        budget,
        estimated: 0,
    };
    for row in rows {
        let usual = i64::from(policy.minutes_of(&row.kind, None));
        let minutes = (row.logged + row.unlogged * usual).clamp(0, i64::from(u32::MAX)) as u32;
        s.minutes = s.minutes.saturating_add(minutes);
        s.estimated += row.unlogged as u32;
    }
    s
}

/// The first and last day of the week (Monday to Sunday) or calendar month holding `day`.
pub fn period_bounds(period: Period, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    match period {
        Period::Week => {
            let start = day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
            (start, start + chrono::Days::new(6))
        }
        Period::Month => {
            let start = day.with_day(1).unwrap_or(day);
            let next = start
                .checked_add_months(Months::new(1))
                .unwrap_or(NaiveDate::MAX);
            (start, next.pred_opt().unwrap_or(next))
        }
    }
}

/// What is left of the budget today: the remaining minutes of the period
/// spread evenly over its remaining work days (today included when it is one).
/// On a day off after the last work day, all that is left is today's.
pub fn todays_share(
    budget: u32,
    spent: u32,
    today: NaiveDate,
    end: NaiveDate,
    work_days: &[Weekday],
) -> u32 {
    let left = budget.saturating_sub(spent);
    let days = today
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| work_days.contains(&d.weekday()))
        .count() as u32;
    left / days.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_months_are_calendar_months() {
        assert_eq!(
            period_bounds(Period::Week, d("2026-11-22")),
            (d("2026-11-16"), d("2026-11-22"))
        );
        assert_eq!(
            period_bounds(Period::Week, d("2026-11-16")),
            (d("2026-11-16"), d("2026-11-22"))
        );
        assert_eq!(
            period_bounds(Period::Month, d("2026-02-10")),
            (d("2026-02-01"), d("2026-02-28"))
        );
    }

    #[test]
    fn the_share_spreads_what_is_left_over_the_work_days_left() {
        let week = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        let end = d("2026-11-22");
        // Wednesday: Wed, Thu, Fri left; 240 - 60 spent = 180 → 60 a day.
        assert_eq!(todays_share(240, 60, d("2026-11-18"), end, &week), 60);
        // Sunday: no work day left, everything that is left is today's.
        assert_eq!(todays_share(240, 60, d("2026-11-22"), end, &week), 180);
        // Overspent: nothing left.
        assert_eq!(todays_share(240, 300, d("2026-11-18"), end, &week), 0);
    }

    #[test]
    fn unlogged_interactions_count_at_their_kinds_usual_length() {
        let policy = Policy {
            kind_minutes: [("coffee".to_string(), 45)].into_iter().collect(),
            ..Policy::default()
        };
        let rows = [TimeRow {
            date: d("2026-11-18"),
            kind: "coffee".into(),
            logged: 30,
            unlogged: 2,
            count: 3,
        }];
        let s = spent(d("2026-11-16"), d("2026-11-22"), 240, &rows, &policy);
        assert_eq!((s.minutes, s.estimated), (30 + 90, 2));
        assert_eq!(s.words(), "2h of 4h");
    }
}
