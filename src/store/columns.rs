//! Readers of columns that long lists read for every row.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;

/// A date column (`YYYY-MM-DD`), read without chrono's format parser: a long
/// list (`net due --all`, `net list`) reads four dates a contact. Anything
/// not of that form is left to rusqlite's own reading, and its error.
pub fn day_opt(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => match ymd(t) {
            Some(d) => Ok(Some(d)),
            None => row.get(i),
        },
        _ => row.get(i),
    }
}

/// A date column that holds a date in every row.
pub fn day(row: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    match day_opt(row, i)? {
        Some(d) => Ok(d),
        None => row.get(i),
    }
}

fn ymd(t: &[u8]) -> Option<NaiveDate> {
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| {
        t[r].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn dates_read_as_chrono_reads_them() {
        let conn = Connection::open_in_memory().unwrap();
        for text in ["2026-11-22", "0001-01-01", "2024-02-29", "9999-12-31"] {
            let (fast, chrono): (Option<NaiveDate>, NaiveDate) = conn
                .query_row("SELECT ?1, ?1", [text], |r| Ok((day_opt(r, 0)?, r.get(1)?)))
                .unwrap();
            assert_eq!(fast, Some(chrono), "{text}");
        }
        let null: Option<NaiveDate> = conn
            .query_row("SELECT NULL", [], |r| day_opt(r, 0))
            .unwrap();
        assert_eq!(null, None);
        // Other text: what rusqlite's own reading makes of it, a date or an error.
        for text in [
            "2023-02-29",
            "2026-13-01",
            "2026-1-01",
            "yesterday",
            "2026-11-2x",
        ] {
            let fast = conn.query_row("SELECT ?1", [text], |r| day(r, 0));
            let chrono = conn.query_row("SELECT ?1", [text], |r| r.get::<_, NaiveDate>(0));
            assert_eq!(fast.ok(), chrono.ok(), "{text}");
        }
        assert!(conn
            .query_row("SELECT '2023-02-29'", [], |r| day(r, 0))
            .is_err());
        assert!(conn.query_row("SELECT NULL", [], |r| day(r, 0)).is_err());
    }
}
