//! The day's list: which of the ranked entries `net due` shows today, how
//! they fit into today's share of the budget, and what is left out. Pure.

use super::{Entry, Status};

/// One ranked entry with what a touch is expected to take.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub entry: Entry,
    /// Minutes a touch is expected to take with them.
    pub expected_minutes: u32,
    /// Whether it fits into today's share of the budget.
    pub fits: bool,
}

/// How the day is paced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    /// What is left of the budget for today, in minutes.
    pub share: u32,
    /// False with `budget_percent = 0`: everything due is today's.
    pub budget_on: bool,
    /// How many rows to show (`due_limit`, `--limit`).
    pub limit: usize,
    /// `--all`: every entry, in rank order, nothing left out.
    pub all: bool,
    /// What a touch is expected to take with someone without a history.
    pub default_touch: u32,
}

/// The day's list.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Day {
    pub shown: Vec<Planned>,
    /// Left out, most urgent first: beyond today's share or the limit.
    pub left_out: Vec<Planned>,
    /// Of those left out, the ones that did not fit today's share.
    pub also_due: usize,
    /// Entries due or cold, shown or not.
    pub needs_touch: usize,
}

/// Plans the day from the ranked entries (most urgent first), each with the
/// usual minutes of a touch with that contact, if known.
pub fn plan(ranked: Vec<(Entry, Option<u32>)>, pace: Pace) -> Day {
    let expected: Vec<u32> = ranked
        .iter()
        .map(|(_, usual)| usual.unwrap_or(pace.default_touch))
        .collect();
    // Only what needs a touch competes for today's time; ok contacts (--all) never fit.
    let needs: Vec<u32> = ranked
        .iter()
        .zip(&expected)
        .map(|((e, _), m)| {
            if matches!(e.status, Status::Ok | Status::Snoozed) {
                u32::MAX
            } else {
                *m
            }
        })
        .collect();
    let fits = if pace.budget_on {
        fit(&needs, pace.share)
    } else {
        needs.iter().map(|m| *m != u32::MAX).collect()
    };
    let all: Vec<Planned> = ranked
        .into_iter()
        .zip(expected)
        .zip(fits)
        .map(|(((entry, _), expected_minutes), fits)| Planned {
            entry,
            expected_minutes,
            fits,
        })
        .collect();
    let needs_touch = all
        .iter()
        .filter(|p| matches!(p.entry.status, Status::Due | Status::Cold))
        .count();
    let also_due = if pace.all {
        0
    } else {
        all.iter().filter(|p| !p.fits).count()
    };
    let (mut shown, mut left_out): (Vec<Planned>, Vec<Planned>) = if pace.all {
        (all, Vec::new())
    } else {
        all.into_iter().partition(|p| p.fits)
    };
    if shown.len() > pace.limit {
        let cut = shown.split_off(pace.limit);
        left_out.splice(0..0, cut);
    }
    Day {
        shown,
        left_out,
        also_due,
        needs_touch,
    }
}

/// Which entries, taken in rank order, fit into `share` minutes: each one
/// that still fits is taken, one that does not is left for later ("also due")
/// and the next, smaller ones are still tried.
pub fn fit(expected: &[u32], share: u32) -> Vec<bool> {
    let mut left = share;
    expected
        .iter()
        .map(|&m| {
            let fits = m <= left;
            if fits {
                left -= m;
            }
            fits
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(id: i64, status: Status) -> Entry {
        Entry {
            id,
            status,
            days_silent: 0,
            due_on: chrono::NaiveDate::MIN,
            ratio: 1.0,
            score: 1.0,
            reason: String::new(),
            factors: super::super::Factors {
                ratio: 1.0,
                weight: crate::model::Weight {
                    factor: 1.0,
                    reason: None,
                },
                promise: 1.0,
            },
        }
    }

    fn pace(share: u32) -> Pace {
        Pace {
            share,
            budget_on: true,
            limit: 20,
            all: false,
            default_touch: 20,
        }
    }

    #[test]
    fn what_does_not_fit_is_left_out_and_counted() {
        let ranked = vec![
            (entry(1, Status::Due), Some(45)),
            (entry(2, Status::Cold), Some(45)),
            (entry(3, Status::Soon), None),
        ];
        let day = plan(ranked, pace(70));
        let shown: Vec<i64> = day.shown.iter().map(|p| p.entry.id).collect();
        assert_eq!(shown, [1, 3]);
        assert_eq!(
            (day.also_due, day.needs_touch, day.left_out.len()),
            (1, 2, 1)
        );
    }

    #[test]
    fn without_a_budget_everything_due_is_today_s() {
        let ranked = vec![
            (entry(1, Status::Due), Some(500)),
            (entry(2, Status::Ok), None),
        ];
        let day = plan(
            ranked,
            Pace {
                budget_on: false,
                ..pace(0)
            },
        );
        assert_eq!(day.shown.len(), 1);
        assert_eq!(day.left_out.len(), 1);
    }

    #[test]
    fn the_limit_cuts_the_shown_rows() {
        let ranked = (1..=5)
            .map(|id| (entry(id, Status::Due), Some(1)))
            .collect();
        let day = plan(
            ranked,
            Pace {
                limit: 2,
                ..pace(100)
            },
        );
        assert_eq!(day.shown.len(), 2);
        assert_eq!(day.left_out[0].entry.id, 3);
    }

    #[test]
    fn fitting_keeps_rank_order_and_tries_smaller_ones() {
        assert_eq!(fit(&[45, 45, 20, 5], 60), vec![true, false, false, true]);
        assert_eq!(fit(&[30, 20, 10], 60), vec![true, true, true]);
        assert_eq!(fit(&[10], 0), vec![false]);
    }

    proptest! {
        #[test]
        fn what_fits_never_exceeds_the_share(expected in proptest::collection::vec(0u32..200, 0..30), share in 0u32..600) {
            let fits = fit(&expected, share);
            let used: u32 = expected.iter().zip(&fits).filter(|(_, f)| **f).map(|(m, _)| m).sum();
            prop_assert!(used <= share);
            // Nothing that would still have fitted is left out.
            for (m, f) in expected.iter().zip(&fits) {
                if !f {
                    prop_assert!(*m > 0);
                }
            }
        }

    }
}
