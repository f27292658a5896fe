//! Floor probes for the benchmark (bench/peers.sh): the least a native program
//! on net's own database has to do for each kind of command, so the numbers of
//! `net` can be read against them.
//!
//! ```text
//! floor open DB               open the database as net does, read the schema
//! floor next-due DB TODAY     due contacts from the stored due_on, through the
//!                             contacts_soon index; the first 20 with their names
//! floor last-touch DB TODAY   due contacts from a scan of the stored last_touch
//!                             and cadence (own `every`, else the tag rules, else
//!                             net's default six-month watch when it matters)
//! floor insert DB TODAY       one durable insert: an interaction and its
//!                             participant, in WAL with synchronous = FULL
//! ```
//!
//! Each prints one line (what it found), so the script can check that the probe
//! did the work; `--plan` after the subcommand prints the query plan instead.

use chrono::{Days, Months, NaiveDate};
use rusqlite::{Connection, OpenFlags};
use std::process::ExitCode;

const USAGE: &str = "usage: floor open|next-due|last-touch|insert DB [TODAY] [--plan]";
const SHOWN: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, Box<dyn std::error::Error>> {
    let plan = args.iter().any(|a| a == "--plan");
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--plan")
        .collect();
    let (cmd, db) = match args.as_slice() {
        [cmd, db, ..] => (*cmd, *db),
        _ => return Err(USAGE.into()),
    };
    let today = || -> Result<NaiveDate, Box<dyn std::error::Error>> {
        let s = args.get(2).ok_or(USAGE)?;
        Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
    };
    // As net opens it (src/store/mod.rs): read-write, no mutex.
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    match cmd {
        "open" => open(&conn),
        "next-due" => {
            let today = today()?.to_string();
            if plan {
                return explain(&conn, NEXT_DUE);
            }
            next_due(&conn, &today)
        }
        "last-touch" => {
            let today = today()?;
            if plan {
                return explain(&conn, LAST_TOUCH);
            }
            last_touch(&conn, today)
        }
        "insert" => insert(&conn, &today()?.to_string()),
        _ => Err(USAGE.into()),
    }
}

/// Open and read the schema (preparing any statement parses all of it).
fn open(conn: &Connection) -> Result<String, Box<dyn std::error::Error>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(format!("schema {version}: {objects} objects"))
}

// The stored next-due: contacts_soon indexes soon_on (active contacts with a
// cadence); a contact is due once due_on (>= soon_on) has come.
const NEXT_DUE: &str = "SELECT id, due_on FROM contacts INDEXED BY contacts_soon
    WHERE status = 'active' AND soon_on IS NOT NULL AND soon_on <= ?1 AND due_on <= ?1";

fn next_due(conn: &Connection, today: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut stmt = conn.prepare(NEXT_DUE)?;
    let mut due: Vec<(i64, String)> = stmt
        .query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    // Ranked by how long overdue, the first screenful named.
    due.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let names = names(conn, due.iter().take(SHOWN).map(|d| d.0))?;
    Ok(format!("{} due; first: {}", due.len(), names.join(", ")))
}

const LAST_TOUCH: &str = "SELECT id, every, coalesce(last_touch, added_on), why FROM contacts
    WHERE status = 'active'";

// net's defaults (src/default_config.toml): a contact without a cadence that has
// a why or one of these tags is watched after six months of silence.
const IMPORTANT: &[&str] = &["client", "referrer", "expert", "mentor", "partner"];
const WATCH: Interval = Interval::Months(6);

/// Every active contact's stored last touch and cadence, due computed here.
fn last_touch(conn: &Connection, today: NaiveDate) -> Result<String, Box<dyn std::error::Error>> {
    // Tag rules: the shortest rule of a contact's tags applies when it has no
    // `every` of its own; else the watch, when it matters.
    let mut rule_of = std::collections::HashMap::<i64, Interval>::new();
    let mut important = std::collections::HashSet::<i64>::new();
    let mut stmt = conn.prepare(
        "SELECT t.contact_id, t.tag, r.every FROM tags t LEFT JOIN rules r ON r.tag = t.tag",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if IMPORTANT.contains(&r.get_ref(1)?.as_str()?) {
            important.insert(id);
        }
        let every: Option<String> = r.get(2)?;
        if let Some(iv) = every.as_deref().and_then(interval) {
            let e = rule_of.entry(id).or_insert(iv);
            if iv.days() < e.days() {
                *e = iv;
            }
        }
    }
    let mut due: Vec<(NaiveDate, i64)> = Vec::new();
    let mut stmt = conn.prepare(LAST_TOUCH)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let every: Option<String> = r.get(1)?;
        let why: Option<String> = r.get(3)?;
        let matters = important.contains(&id) || why.is_some_and(|w| !w.trim().is_empty());
        let cadence = match every.as_deref() {
            Some(e) => interval(e),
            None => rule_of.get(&id).copied().or(matters.then_some(WATCH)),
        };
        let Some(cadence) = cadence else { continue };
        let since: String = r.get(2)?;
        let since = NaiveDate::parse_from_str(&since, "%Y-%m-%d")?;
        let on = cadence.after(since);
        if on <= today {
            due.push((on, id));
        }
    }
    due.sort_unstable();
    let names = names(conn, due.iter().take(SHOWN).map(|d| d.1))?;
    Ok(format!("{} due; first: {}", due.len(), names.join(", ")))
}

fn names(
    conn: &Connection,
    ids: impl Iterator<Item = i64>,
) -> Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare_cached("SELECT name FROM contacts WHERE id = ?1")?;
    ids.map(|id| stmt.query_row([id], |r| r.get(0))).collect()
}

/// One durable write, as `net log` makes one: WAL, synchronous = FULL, an
/// immediate transaction, the interaction, its participant, the contact's
/// last touch.
fn insert(conn: &Connection, today: &str) -> Result<String, Box<dyn std::error::Error>> {
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
    )?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    conn.execute(
        "INSERT INTO interactions (kind, date, minutes) VALUES ('coffee', ?1, 30)",
        [today],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO participants (interaction_id, contact_id, date) VALUES (?1, 5, ?2)",
        rusqlite::params![id, today],
    )?;
    conn.execute(
        "UPDATE contacts SET last_touch = ?1 WHERE id = 5 AND (last_touch IS NULL OR last_touch < ?1)",
        [today],
    )?;
    conn.execute_batch("COMMIT")?;
    Ok(format!("interaction {id}"))
}

fn explain(conn: &Connection, sql: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let n = stmt.parameter_count();
    let params: Vec<&str> = vec!["2026-11-22"; n];
    let lines: Vec<String> = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })?
        .collect::<Result<_, _>>()?;
    Ok(lines.join("\n"))
}

#[derive(Clone, Copy)]
enum Interval {
    Days(u64),
    Months(u32),
}

impl Interval {
    fn days(self) -> u64 {
        match self {
            Interval::Days(d) => d,
            Interval::Months(m) => u64::from(m) * 30,
        }
    }

    fn after(self, date: NaiveDate) -> NaiveDate {
        match self {
            Interval::Days(d) => date.checked_add_days(Days::new(d)),
            Interval::Months(m) => date.checked_add_months(Months::new(m)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// net's cadences: 3d, 2w, 2mo, 1y and the named ones; `never` and anything
/// else: no cadence.
fn interval(s: &str) -> Option<Interval> {
    let named = match s {
        "daily" => Some(Interval::Days(1)),
        "weekly" => Some(Interval::Days(7)),
        "biweekly" => Some(Interval::Days(14)),
        "monthly" => Some(Interval::Months(1)),
        "bimonthly" => Some(Interval::Months(2)),
        "quarterly" => Some(Interval::Months(3)),
        "yearly" => Some(Interval::Months(12)),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let n: u32 = s[..digits].parse().ok()?;
    match &s[digits..] {
        "d" => Some(Interval::Days(n.into())),
        "w" => Some(Interval::Days(u64::from(n) * 7)),
        "mo" => Some(Interval::Months(n)),
        "y" => Some(Interval::Months(n * 12)),
        _ => None,
    }
}
