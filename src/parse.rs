//! What people type on the command line: dates, time spent, cadences and
//! birthdays. Pure functions of their input (and `today`), so every rule is
//! testable with a fixed date. Errors are one line, quote the bad text and
//! show what to write instead; the caller adds the `net: ` prefix.

use crate::model::{Birthday, Cadence, Interval, Minutes, Unit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::ops::RangeInclusive;

/// A mistake in user input, already phrased for the terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

// Years outside these ranges are typos ("26", "20026"), not history or plans.
/// The years a date may have, everywhere (typed, NET_TODAY, files): dates
/// outside human life are mistakes, and would break the text order of stored dates.
pub const DATE_YEARS: RangeInclusive<i32> = 1900..=2200;
const BIRTH_YEARS: RangeInclusive<i32> = 1900..=2100;
/// The most minutes one interaction (or a kind's usual length) may count.
pub const MAX_MINUTES: u64 = 24 * 60;

const DATE_HELP: &str = "is not a date: use 2026-03-14, 14.03.2026, today, yesterday, \
                         monday, last friday, next friday, 3 days ago or in 2 weeks";
const DURATION_HELP: &str = "is not a duration: use 45m, 1h or 1h30m";
const INTERVAL_HELP: &str =
    "is not an interval: use 3d, 2w, 2mo, 1y or weekly, monthly, bimonthly, quarterly, yearly";
const CADENCE_HELP: &str =
    "is not a cadence: use 3d, 2w, 2mo, 1y, weekly, monthly, bimonthly, quarterly, yearly or never";
const BIRTHDAY_HELP: &str = "is not a birthday: use 1980-04-15, 04-15, 15.04.1980 or 15.04.";

/// A tag as typed: one word, without the leading `#` people like to type.
pub fn tag(text: &str) -> Result<String, ParseError> {
    crate::model::tag(text).ok_or_else(|| {
        ParseError(format!(
            "{text:?} is not a tag: use one word such as client or referrer"
        ))
    })
}

/// A person's name as typed: something printable, and not a contact id.
pub fn name(text: &str) -> Result<String, ParseError> {
    let n = text.trim();
    if n.is_empty() {
        return Err(ParseError(
            "a name cannot be empty: give their full name, e.g. \"Anna Müller\"".into(),
        ));
    }
    if n.starts_with('#') && n[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(ParseError(format!(
            "{n:?} looks like a contact id, not a name"
        )));
    }
    Ok(n.to_string())
}

fn err(raw: &str, msg: &str) -> ParseError {
    ParseError(format!("\"{raw}\" {msg}"))
}

/// Lowercase with single spaces, so "  3 Days   AGO" matches "3 days ago".
fn normalize(raw: &str) -> String {
    raw.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Only ASCII digits (`str::parse` alone would also accept "+5"). Overflow
/// saturates, so "99999999999" reaches the range checks and gets their message.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse().unwrap_or(u32::MAX))
}

/// Splits "3 days" or "3d" into ("3", "days").
fn split_number(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (&s[..end], s[end..].trim_start())
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "d" | "day" | "days" => Unit::Days,
        "w" | "wk" | "wks" | "week" | "weeks" => Unit::Weeks,
        "mo" | "mos" | "month" | "months" => Unit::Months,
        "y" | "yr" | "yrs" | "year" | "years" => Unit::Years,
        _ => return None,
    })
}

/// "3 days", "3d" or "a week" as a count and a unit. A bare "m" could be
/// minutes, months or a typo for weeks, so it is refused rather than guessed.
fn amount(raw: &str, s: &str, help: &str) -> Result<(u32, Unit), ParseError> {
    let (digits, word) = match s.split_once(' ') {
        Some(("a" | "an", word)) => ("1", word),
        _ => split_number(s),
    };
    match (number(digits), unit(word)) {
        (Some(n), Some(u)) => Ok((n, u)),
        (Some(_), None) if word == "m" => Err(err(
            raw,
            &format!("is ambiguous: write {digits}mo for months (or {digits}w for weeks)"),
        )),
        _ => Err(err(raw, help)),
    }
}

/// Exactly three `sep`-separated parts, e.g. the pieces of 2026-03-14.
fn three(s: &str, sep: char) -> Option<[&str; 3]> {
    let mut it = s.split(sep);
    let parts = [it.next()?, it.next()?, it.next()?];
    it.next().is_none().then_some(parts)
}

/// Why year-month-day is no date, phrased as the fix.
fn impossible(year: i32, month: u32, day: u32) -> String {
    let last = (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some());
    match last {
        None => "is not a real date: months go from 1 to 12".to_string(),
        Some(_) if day == 0 => "is not a real date: days start at 1".to_string(),
        Some(last) => format!("is not a real date: that month has only {last} days"),
    }
}

/// A year within `range`, or an error saying which years to write instead.
fn year_in(raw: &str, y: u32, range: RangeInclusive<i32>, fix: &str) -> Result<i32, ParseError> {
    let year = i32::try_from(y).ok().filter(|y| range.contains(y));
    year.ok_or_else(|| err(raw, &format!("has an impossible year: {fix}")))
}

fn absolute(raw: &str, [y, m, d]: [&str; 3]) -> Result<NaiveDate, ParseError> {
    let (Some(y), Some(m), Some(d)) = (number(y), number(m), number(d)) else {
        return Err(err(raw, DATE_HELP));
    };
    let year = year_in(
        raw,
        y,
        DATE_YEARS,
        "use a four-digit year from 1900 to 2200",
    )?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| err(raw, &impossible(year, m, d)))
}

/// `n` units before or after `today`, in calendar months for months and years.
fn shift(
    raw: &str,
    today: NaiveDate,
    n: u32,
    unit: Unit,
    forward: bool,
) -> Result<NaiveDate, ParseError> {
    let (days, months) = match unit {
        Unit::Days => (u64::from(n), Some(0)),
        Unit::Weeks => (u64::from(n) * 7, Some(0)),
        Unit::Months => (0, Some(n)),
        Unit::Years => (0, n.checked_mul(12)),
    };
    let out = months.and_then(|months| {
        let (days, months) = (Days::new(days), Months::new(months));
        if forward {
            today.checked_add_days(days)?.checked_add_months(months)
        } else {
            today.checked_sub_days(days)?.checked_sub_months(months)
        }
    });
    out.filter(|d| DATE_YEARS.contains(&d.year()))
        .ok_or_else(|| err(raw, "is too far away: use a date from 1900 to 2200"))
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Parses a date as typed for "when did this happen / when is it due".
///
/// Absolute: `2026-03-14`, `14.03.2026`, `14.3.2026` (years 1900 to 2200).
/// Relative to `today`: `today`, `yesterday`, `tomorrow`, `3 days ago`,
/// `a week ago`, `in 2w`, `in a month` (months and years are calendar units).
/// A weekday (`friday`, `fri`, `last friday`) is the latest one strictly
/// before today, because notes are mostly logged after the fact; `next friday`
/// is the first one strictly after today.
pub fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, ParseError> {
    let raw = text.trim();
    let s = normalize(raw);
    match s.as_str() {
        "today" => return Ok(today),
        "yesterday" => return shift(raw, today, 1, Unit::Days, false),
        "tomorrow" => return shift(raw, today, 1, Unit::Days, true),
        _ => {}
    }
    if let Some([y, m, d]) = three(&s, '-') {
        return absolute(raw, [y, m, d]);
    }
    if let Some([d, m, y]) = three(&s, '.') {
        return absolute(raw, [y, m, d]);
    }
    if let Some(rest) = s.strip_suffix(" ago") {
        let (n, unit) = amount(raw, rest, DATE_HELP)?;
        return shift(raw, today, n, unit, false);
    }
    if let Some(rest) = s.strip_prefix("in ") {
        let (n, unit) = amount(raw, rest, DATE_HELP)?;
        return shift(raw, today, n, unit, true);
    }
    let (forward, day) = match s.strip_prefix("next ") {
        Some(day) => (true, day),
        None => (false, s.strip_prefix("last ").unwrap_or(&s)),
    };
    let wanted = weekday(day).ok_or_else(|| err(raw, DATE_HELP))?;
    let now = today.weekday();
    let steps = if forward {
        wanted.days_since(now)
    } else {
        now.days_since(wanted)
    };
    // Same weekday as today means a full week away, never today itself.
    let steps = if steps == 0 { 7 } else { steps };
    shift(raw, today, steps, Unit::Days, forward)
}

/// Parses a date of something ahead (`--by`, `--until`, `net due --on`): as
/// [`date`], except that a bare weekday (`friday`, `fri`) is the coming one,
/// strictly after today. The one rule (`net help dates`): a bare weekday
/// points the way the option looks — back for what happened, ahead for what
/// is due; `last` and `next` say it outright.
pub fn date_ahead(text: &str, today: NaiveDate) -> Result<NaiveDate, ParseError> {
    let s = normalize(text.trim());
    if weekday(&s).is_some() {
        return date(&format!("next {s}"), today);
    }
    date(text, today)
}

/// Parses time spent: `45m`, `45min`, `30 minutes`, `1h`, `2 h`, `1h30m`,
/// `1h30`, `1.5h`, `1,5h`, or a bare number of minutes (`90`). The result is
/// whole minutes (fractions of an hour are rounded), from 1 minute to 24 hours.
pub fn duration(text: &str) -> Result<Minutes, ParseError> {
    const HOURS: [&str; 5] = ["hours", "hour", "hrs", "hr", "h"];
    const MINUTES: [&str; 6] = ["", "m", "min", "mins", "minute", "minutes"];
    let raw = text.trim();
    let bad = || err(raw, DURATION_HELP);
    // Spaces carry no meaning ("1 h 30 min") and a decimal comma is as common as a point.
    let s: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if s.starts_with('-') {
        return Err(err(raw, "is negative: time spent must be at least 1m"));
    }
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (lead, rest) = s.split_at(split);
    // Digits and one point only, so f64 never sees "inf", "nan" or "1e9".
    let is_decimal = lead.bytes().any(|b| b.is_ascii_digit()) && lead.matches('.').count() <= 1;
    let value: f64 = match lead.parse() {
        Ok(v) if is_decimal => v,
        _ => return Err(bad()),
    };
    let after_hours = HOURS.iter().find_map(|h| rest.strip_prefix(h));
    let total = if let Some(after) = after_hours {
        let (digits, word) = split_number(after);
        let extra = match number(digits) {
            _ if after.is_empty() => 0,
            // "1.5h30" mixes two ways of writing the same thing: refuse it.
            Some(m) if m < 60 && MINUTES.contains(&word) && !lead.contains('.') => u64::from(m),
            _ => return Err(bad()),
        };
        // Float-to-int `as` saturates, so a huge number cannot wrap to a small one.
        ((value * 60.0).round() as u64).saturating_add(extra)
    } else if MINUTES.contains(&rest) && !lead.contains('.') {
        value as u64
    } else {
        return Err(bad());
    };
    match u32::try_from(total) {
        Ok(0) => Err(err(raw, "is zero: time spent must be at least 1m")),
        Ok(m) if u64::from(m) <= MAX_MINUTES => Ok(Minutes(m)),
        _ => Err(err(raw, "is more than a day: enter at most 24h")),
    }
}

fn interval_with_help(text: &str, help: &str) -> Result<Interval, ParseError> {
    let raw = text.trim();
    let s = normalize(raw);
    let (n, unit) = match s.as_str() {
        "daily" => (1, Unit::Days),
        "weekly" => (1, Unit::Weeks),
        "biweekly" | "fortnightly" => (2, Unit::Weeks),
        "monthly" => (1, Unit::Months),
        "bimonthly" => (2, Unit::Months),
        "quarterly" => (3, Unit::Months),
        "yearly" | "annually" => (1, Unit::Years),
        // "every 2 weeks" is how an Interval displays itself, so it parses back.
        _ => amount(raw, s.strip_prefix("every ").unwrap_or(&s), help)?,
    };
    // A cadence of more than a lifetime is a typo, not a plan.
    let max = if unit == Unit::Years { 100 } else { 1000 };
    if !(1..=max).contains(&n) {
        let (lo, hi) = (
            Interval::new(1, unit).short(),
            Interval::new(max, unit).short(),
        );
        return Err(err(raw, &format!("is out of range: use {lo} to {hi}")));
    }
    Ok(Interval::new(n, unit))
}

/// Parses a rhythm: `3d`, `2w`, `2mo`, `1y`, `3 days`, `2 months`, `every 2 weeks`,
/// or `daily`, `weekly`, `biweekly`, `monthly`, `bimonthly`, `quarterly`,
/// `yearly`, `annually`. At most 1000 days, weeks or months, or 100 years.
/// `2m` is refused as ambiguous between minutes, months and weeks.
pub fn interval(text: &str) -> Result<Interval, ParseError> {
    interval_with_help(text, INTERVAL_HELP)
}

/// Parses a contact's cadence: an [`interval`], `never`/`none`/`off`, or
/// `default` (the config's `default_every` unless a tag rule applies).
pub fn cadence(text: &str) -> Result<Cadence, ParseError> {
    match normalize(text).as_str() {
        "never" | "none" | "off" => Ok(Cadence::Never),
        "default" => Ok(Cadence::Default),
        _ => interval_with_help(text, CADENCE_HELP).map(Cadence::Every),
    }
}

/// Parses a birthday with or without the year: `1980-04-15`, `04-15`,
/// `--04-15` (vCard), `15.04.1980`, `15.04.`, `15.4.`. Dashes mean
/// month-day order, dots day-month. Years run from 1900 to 2100; `02-29`
/// without a year is fine, `1981-02-29` is not.
pub fn birthday(text: &str) -> Result<Birthday, ParseError> {
    let raw = text.trim();
    let bad = || err(raw, BIRTHDAY_HELP);
    let no_year = raw.strip_prefix("--");
    let s = no_year.unwrap_or(raw);
    let dashed = s.contains('-');
    let parts: Vec<&str> = if dashed {
        s.split('-').collect()
    } else {
        s.strip_suffix('.').unwrap_or(s).split('.').collect()
    };
    let (y, m, d) = match (dashed, parts.as_slice()) {
        (true, [y, m, d]) if no_year.is_none() => (Some(*y), *m, *d),
        (true, [m, d]) => (None, *m, *d),
        (false, [d, m, y]) => (Some(*y), *m, *d),
        (false, [d, m]) => (None, *m, *d),
        _ => return Err(bad()),
    };
    let (Some(m), Some(d)) = (number(m), number(d)) else {
        return Err(bad());
    };
    let fix = "use 1900 to 2100, or leave the year out (15.04.)";
    let year = y
        .map(|y| {
            number(y)
                .ok_or_else(bad)
                .and_then(|y| year_in(raw, y, BIRTH_YEARS, fix))
        })
        .transpose()?;
    // Without a year, check against a leap year so that 29 February is allowed.
    Birthday::new(year, m, d).ok_or_else(|| err(raw, &impossible(year.unwrap_or(2000), m, d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A Sunday, so every weekday rule is exercised away from "today".
    fn today() -> NaiveDate {
        day("2026-11-22")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn d(s: &str) -> NaiveDate {
        date(s, today()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn date_err(s: &str) -> String {
        date(s, today()).expect_err(s).0
    }

    fn iv(n: u32, unit: Unit) -> Interval {
        Interval::new(n, unit)
    }

    #[test]
    fn absolute_dates() {
        for s in ["2026-03-14", "14.03.2026", "14.3.2026", " 2026-3-14 "] {
            assert_eq!(d(s), day("2026-03-14"), "{s}");
        }
        assert_eq!(d("29.02.2028"), day("2028-02-29"));
        assert_eq!(d("1900-01-01"), day("1900-01-01"));
        assert_eq!(d("2200-12-31"), day("2200-12-31"));
    }

    #[test]
    fn impossible_dates_name_the_date() {
        let e = date_err("2026-02-30");
        assert_eq!(
            e,
            "\"2026-02-30\" is not a real date: that month has only 28 days"
        );
        assert!(date_err("31.04.2026").starts_with("\"31.04.2026\" is not a real date"));
        assert!(date_err("2026-13-01").contains("months go from 1 to 12"));
        assert!(date_err("00.01.2026").contains("days start at 1"));
        #[rustfmt::skip]
        let bad = ["0000-01-01", "14.03.26", "1899-12-31", "2201-01-01", "99999999999-01-01"];
        for s in bad {
            assert!(date_err(s).contains("impossible year"), "{s}");
        }
    }

    #[test]
    fn a_bare_weekday_looks_ahead_for_what_is_due() {
        let today = day("2026-11-22"); // a Sunday
        assert_eq!(date_ahead("friday", today), Ok(day("2026-11-27")));
        assert_eq!(date_ahead("fri", today), Ok(day("2026-11-27")));
        assert_eq!(date_ahead("last friday", today), Ok(day("2026-11-20")));
        assert_eq!(date_ahead("in 2 days", today), Ok(day("2026-11-24")));
        assert_eq!(date("friday", today), Ok(day("2026-11-20")));
    }

    #[test]
    fn keywords_and_weekdays() {
        assert_eq!(d("today"), today());
        assert_eq!(d("Yesterday"), day("2026-11-21"));
        assert_eq!(d("TOMORROW"), day("2026-11-23"));
        #[rustfmt::skip]
        let past = [
            ("monday", "16"), ("tue", "17"), ("wednesday", "18"), ("thu", "19"), ("fri", "20"),
            ("saturday", "21"), ("sunday", "15"), ("sun", "15"),
        ];
        for (s, dd) in past {
            let want = day(&format!("2026-11-{dd}"));
            assert_eq!(d(s), want, "{s}");
            assert_eq!(d(&format!("last {s}")), want, "last {s}");
        }
        assert_eq!(d("next friday"), day("2026-11-27"));
        assert_eq!(d("next monday"), day("2026-11-23"));
        assert_eq!(d("next sunday"), day("2026-11-29"));
        assert_eq!(d("  Last   FRIDAY "), day("2026-11-20"));
    }

    #[test]
    fn relative_dates() {
        #[rustfmt::skip]
        let cases = [
            ("3 days ago", "2026-11-19"), ("3d ago", "2026-11-19"), ("1 day ago", "2026-11-21"),
            ("2 weeks ago", "2026-11-08"), ("a week ago", "2026-11-15"), ("2w ago", "2026-11-08"),
            ("1 month ago", "2026-10-22"), ("1 year ago", "2025-11-22"),
            ("2 yrs ago", "2024-11-22"), ("in 2 weeks", "2026-12-06"), ("in 3 days", "2026-11-25"),
            ("in a month", "2026-12-22"), ("in 2w", "2026-12-06"), ("In 1 Mo", "2026-12-22"),
            ("0 days ago", "2026-11-22"),
        ];
        for (s, want) in cases {
            assert_eq!(d(s), day(want), "{s}");
        }
        // Calendar months: one month before 31 March is the end of February.
        let end_of_march = day("2026-03-31");
        assert_eq!(date("1 month ago", end_of_march), Ok(day("2026-02-28")));
    }

    #[test]
    fn bad_dates() {
        let help = "\"xyz\" is not a date: use 2026-03-14, 14.03.2026, today, yesterday, \
                    monday, last friday, next friday, 3 days ago or in 2 weeks";
        assert_eq!(date_err("xyz"), help);
        #[rustfmt::skip]
        let bad = [
            "", "next", "last week", "3 ago", "in days", "3 parsecs ago", "2026-03", "+3 days ago",
        ];
        for s in bad {
            assert!(date_err(s).contains("is not a date"), "{s}");
        }
        assert_eq!(
            date_err("3m ago"),
            "\"3m ago\" is ambiguous: write 3mo for months (or 3w for weeks)"
        );
        #[rustfmt::skip]
        let bad = [
            "99999999999 days ago", "in 4294967295 years", "200 years ago", "in 1000000 weeks",
        ];
        for s in bad {
            assert!(date_err(s).contains("too far away"), "{s}");
        }
    }

    #[test]
    fn durations() {
        #[rustfmt::skip]
        let cases = [
            ("45m", 45), ("45min", 45), ("1h", 60), ("1h30m", 90), ("1h30", 90), ("1.5h", 90),
            ("1,5h", 90), ("90", 90), ("2 h", 120), ("30 minutes", 30), ("1 hour 15 min", 75),
            ("2hrs", 120), ("24h", 1440), ("1440", 1440), (" 1H05 ", 65), ("0.25h", 15),
        ];
        for (s, want) in cases {
            assert_eq!(duration(s), Ok(Minutes(want)), "{s}");
        }
    }

    #[test]
    fn bad_durations() {
        let e = |s: &str| duration(s).expect_err(s).0;
        assert_eq!(e("abc"), "\"abc\" is not a duration: use 45m, 1h or 1h30m");
        #[rustfmt::skip]
        let bad = [
            "", "h", "1.5m", "1h90", "1.5h30", "1x", "1..5h", "1e3", "inf", "nan", "1h30s", "½h",
        ];
        for s in bad {
            assert!(e(s).contains("is not a duration"), "{s}");
        }
        for s in ["0", "0m", "0h0m", "0.001h"] {
            assert!(e(s).contains("is zero"), "{s}");
        }
        #[rustfmt::skip]
        let bad = ["1441", "25h", "24h1m", "99999999999999999999h", "4294967296"];
        for s in bad {
            assert!(e(s).contains("more than a day"), "{s}");
        }
        assert!(e("-5m").contains("is negative"));
    }

    #[test]
    fn intervals() {
        #[rustfmt::skip]
        let cases = [
            ("3d", iv(3, Unit::Days)), ("2w", iv(2, Unit::Weeks)), ("2mo", iv(2, Unit::Months)),
            ("1y", iv(1, Unit::Years)), ("3 days", iv(3, Unit::Days)),
            ("2 weeks", iv(2, Unit::Weeks)), ("2 months", iv(2, Unit::Months)),
            ("1 year", iv(1, Unit::Years)), ("2mos", iv(2, Unit::Months)),
            ("daily", iv(1, Unit::Days)), ("Weekly", iv(1, Unit::Weeks)),
            ("biweekly", iv(2, Unit::Weeks)), ("monthly", iv(1, Unit::Months)),
            ("bimonthly", iv(2, Unit::Months)), ("quarterly", iv(3, Unit::Months)),
            ("yearly", iv(1, Unit::Years)), ("annually", iv(1, Unit::Years)),
            ("every 5 days", iv(5, Unit::Days)), ("1000mo", iv(1000, Unit::Months)),
            ("100y", iv(100, Unit::Years)),
        ];
        for (s, want) in cases {
            assert_eq!(interval(s), Ok(want), "{s}");
        }
    }

    #[test]
    fn bad_intervals() {
        let e = |s: &str| interval(s).expect_err(s).0;
        assert_eq!(
            e("2m"),
            "\"2m\" is ambiguous: write 2mo for months (or 2w for weeks)"
        );
        assert!(e("2 m").starts_with("\"2 m\" is ambiguous: write 2mo"));
        assert_eq!(
            e("xyz"),
            "\"xyz\" is not an interval: use 3d, 2w, 2mo, 1y \
             or weekly, monthly, bimonthly, quarterly, yearly"
        );
        for s in ["", "3", "d", "-2w", "2 fortnights", "every", "never"] {
            assert!(e(s).contains("is not an interval"), "{s}");
        }
        assert_eq!(e("0d"), "\"0d\" is out of range: use 1d to 1000d");
        assert_eq!(e("101y"), "\"101y\" is out of range: use 1y to 100y");
        assert!(e("1001w").contains("use 1w to 1000w"));
        assert!(e("99999999999999d").contains("out of range"));
    }

    #[test]
    fn cadences() {
        for s in ["never", "None", " OFF "] {
            assert_eq!(cadence(s), Ok(Cadence::Never), "{s}");
        }
        assert_eq!(cadence("2mo"), Ok(Cadence::Every(iv(2, Unit::Months))));
        let e = cadence("sometimes").expect_err("sometimes").0;
        assert!(e.starts_with("\"sometimes\" is not a cadence") && e.ends_with("or never"));
        assert!(cadence("2m").expect_err("2m").0.contains("ambiguous"));
    }

    #[test]
    fn birthdays() {
        let b = |y, m, d| Birthday::new(y, m, d).expect("valid");
        #[rustfmt::skip]
        let cases = [
            ("1980-04-15", b(Some(1980), 4, 15)), ("04-15", b(None, 4, 15)),
            ("--04-15", b(None, 4, 15)), ("15.04.1980", b(Some(1980), 4, 15)),
            ("15.04.", b(None, 4, 15)), ("15.4.", b(None, 4, 15)), ("15.4", b(None, 4, 15)),
            ("02-29", b(None, 2, 29)), ("2000-02-29", b(Some(2000), 2, 29)),
        ];
        for (s, want) in cases {
            assert_eq!(birthday(s), Ok(want), "{s}");
        }
    }

    #[test]
    fn bad_birthdays() {
        let e = |s: &str| birthday(s).expect_err(s).0;
        assert_eq!(
            e("02-30"),
            "\"02-30\" is not a real date: that month has only 29 days"
        );
        assert!(e("1981-02-29").contains("only 28 days"));
        assert!(e("13-01").contains("months go from 1 to 12"));
        assert!(e("31.04.").contains("only 30 days"));
        for s in [
            "1899-01-01",
            "01.01.2101",
            "0000-04-15",
            "99999999999-04-15",
        ] {
            assert!(e(s).contains("impossible year"), "{s}");
        }
        assert_eq!(
            e("xyz"),
            "\"xyz\" is not a birthday: use 1980-04-15, 04-15, 15.04.1980 or 15.04."
        );
        #[rustfmt::skip]
        let bad = ["", "--", "1980", "--1980-04-15", "15.04.1980.1", "a-b", "+4-15", "15..04"];
        for s in bad {
            assert!(e(s).contains("is not a birthday"), "{s}");
        }
    }

    fn any_interval() -> impl Strategy<Value = Interval> {
        prop_oneof![
            (1..=1000u32).prop_map(|n| iv(n, Unit::Days)),
            (1..=1000u32).prop_map(|n| iv(n, Unit::Weeks)),
            (1..=1000u32).prop_map(|n| iv(n, Unit::Months)),
            (1..=100u32).prop_map(|n| iv(n, Unit::Years)),
        ]
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = (date(&s, today()), duration(&s), interval(&s), cadence(&s), birthday(&s));
        }

        #[test]
        fn never_panics_on_near_misses(s in "[0-9a-z.,: -]{0,20}") {
            let _ = (date(&s, today()), duration(&s), interval(&s), cadence(&s), birthday(&s));
        }

        #[test]
        fn interval_short_round_trips(i in any_interval()) {
            prop_assert_eq!(interval(&i.short()), Ok(i));
            prop_assert_eq!(interval(&i.to_string()), Ok(i));
            prop_assert_eq!(cadence(&i.short()), Ok(Cadence::Every(i)));
        }

        #[test]
        fn minutes_round_trip(n in 1..=1440u32) {
            prop_assert_eq!(duration(&format!("{n}m")), Ok(Minutes(n)));
            prop_assert_eq!(duration(&Minutes(n).to_string()), Ok(Minutes(n)));
        }

        #[test]
        // 109_938 days after 1900-01-01 is 2201-01-01, the first year refused.
        fn iso_dates_round_trip(offset in 0..109_938u64) {
            let d = day("1900-01-01") + Days::new(offset);
            prop_assert_eq!(date(&d.format("%Y-%m-%d").to_string(), today()), Ok(d));
            prop_assert_eq!(date(&d.format("%d.%m.%Y").to_string(), today()), Ok(d));
        }

        #[test]
        fn relative_days_are_plain_offsets(n in 0..=20_000u64) {
            prop_assert_eq!(date(&format!("in {n} days"), today()), Ok(today() + Days::new(n)));
            prop_assert_eq!(date(&format!("{n} days ago"), today()), Ok(today() - Days::new(n)));
        }
    }
}
