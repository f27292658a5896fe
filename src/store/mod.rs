//! The SQLite store. The only module that speaks SQL.
//!
//! Opening a store sets the pragmas, creates the file with private permissions,
//! refuses a database from a newer `net`, backs up an older one and upgrades it.

mod contacts;
mod followups;
mod interactions;
mod merge;
mod notes;
mod rules;

pub use crate::model::TimeRow;
pub use contacts::{ContactFilter, ContactSummary, DueRow};
pub use merge::Moved;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::derive::fingerprint;
use crate::model::Policy;

/// Every migration, in order. Append only: a landed file is never edited.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_undo.sql"),
    include_str!("../../migrations/0003_speed.sql"),
    include_str!("../../migrations/0005_local_meta.sql"),
    include_str!("../../migrations/0006_cadence_since.sql"),
];

/// Empties every table of the network (the reverse of an import into an empty database).
pub const CLEAR_ALL: &str =
    "DELETE FROM assessments; DELETE FROM contact_notes; DELETE FROM introductions;
     DELETE FROM followups; DELETE FROM participants; DELETE FROM interactions; DELETE FROM rules;
     DELETE FROM contact_info; DELETE FROM tags; DELETE FROM aliases; DELETE FROM contacts;";

/// How long a command waits for another `net` to finish writing.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// When a write happened, as the journal shows it ("2026-11-22 09:14").
    clock: String,
    /// How many operations `net undo` can walk back.
    undo_keep: usize,
    /// The config part of the policy that derived columns are computed with
    /// (its rules are read inside each write, where they may just have changed).
    policy: Policy,
}

/// One recorded write command, as `net undo --list` shows it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Operation {
    pub id: i64,
    pub at: String,
    pub command: String,
    /// Row changes recorded for it (0 for a bulk import).
    pub changes: i64,
}

/// Queries and changes, over a plain connection (reads) or inside a write
/// transaction (the same methods; see [`Store::write`]).
pub struct Db<'a> {
    conn: &'a Connection,
    /// Contacts whose derived columns a write must recompute before it commits.
    touched: RefCell<BTreeSet<i64>>,
    /// The day of the write (from the journal clock): a contact that gets a
    /// cadence in it starts its clock on this day.
    today: std::cell::Cell<Option<chrono::NaiveDate>>,
}

impl Store {
    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            bail!(
                "{} is a folder: point --db or NET_DB at a file, e.g. {}",
                path.display(),
                path.join("net.db").display()
            );
        }
        create_private(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening database {}", path.display()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Not a database at all (or truncated): say so before anything else.
        let version: i64 = retry_busy(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .map_err(|e| not_a_database(path, e))?;
        retry_busy(|| {
            conn.execute_batch(
                "PRAGMA foreign_keys = ON;
                 PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = FULL;
                 PRAGMA secure_delete = ON;",
            )
        })
        .map_err(|e| not_a_database(path, e))?;
        let latest = schema_version() as i64;
        if version > latest {
            bail!(
                "{} was written by a newer net (schema {version}; this net knows up to {latest}): upgrade net to use it",
                path.display()
            );
        }
        if version > 0 && version < latest {
            backup_before_upgrade(&conn, path, version)?;
        }
        if version < latest {
            migrate(&mut conn)
                .with_context(|| format!("upgrading the schema of {}", path.display()))?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            clock: String::new(),
            undo_keep: 20,
            policy: Policy::default(),
        })
    }

    /// Where the database file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts one read transaction for a read-only command: every query
    /// after it sees the same snapshot (an export is consistent even while
    /// another net writes), and SQLite takes its locks once instead of per
    /// statement.
    pub fn begin_read(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(())
    }

    /// Ends what [`Store::begin_read`] started.
    pub fn end_read(&self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Read access.
    pub fn read(&self) -> Db<'_> {
        Db::new(&self.conn)
    }

    /// Sets the config part of the policy (rules come from the database).
    /// When it differs from the one the stored derived columns were computed
    /// with, every contact is derived again, in one transaction, before any
    /// command reads them: a changed `important_tags` or `[kinds]` shows in
    /// the very next `net due`.
    pub fn set_policy(&mut self, mut policy: Policy) -> Result<()> {
        policy.rules.clear();
        let wanted = fingerprint(&policy);
        self.policy = policy;
        if self.stored_fingerprint(&self.conn)?.as_deref() == Some(wanted.as_str()) {
            return Ok(());
        }
        let path = self.path.clone();
        let today = self.today();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| busy(&path, e))?;
        // Another net may have done it while this one waited for the lock.
        let db = Db::new(&tx);
        db.today.set(today);
        if Self::fingerprint_in(&db)?.as_deref() != Some(wanted.as_str()) {
            let policy = Self::policy_in(&self.policy, &db)?;
            db.derive(db.all_ids()?, &policy)?;
            tx.execute(
                "INSERT INTO local_meta (key, value) VALUES ('derived_with', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&wanted],
            )?;
        }
        drop(db);
        tx.commit().context("saving the derived values")?;
        Ok(())
    }

    fn stored_fingerprint(&self, conn: &Connection) -> Result<Option<String>> {
        Self::fingerprint_in(&Db::new(conn))
    }

    fn fingerprint_in(db: &Db<'_>) -> Result<Option<String>> {
        Ok(db
            .conn
            .query_row(
                "SELECT value FROM local_meta WHERE key = 'derived_with'",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The whole policy as a transaction sees it: the config part with the rules as stored.
    fn policy_in(base: &Policy, db: &Db<'_>) -> Result<Policy> {
        Ok(Policy {
            rules: db.rules()?,
            ..base.clone()
        })
    }

    /// The policy that decides cadences and weights now.
    pub fn policy(&self) -> Result<Policy> {
        Self::policy_in(&self.policy, &self.read())
    }

    /// The day of the journal clock ("2026-11-22 09:14"), if it is set.
    fn today(&self) -> Option<chrono::NaiveDate> {
        self.clock.get(..10).and_then(|d| d.parse().ok())
    }

    /// Sets the time recorded with each write, and how many writes undo keeps.
    pub fn set_journal(&mut self, clock: String, undo_keep: usize) {
        self.clock = clock;
        self.undo_keep = undo_keep.max(1);
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it lands, or
    /// none. `what` is the command as `net undo` names it; every row change
    /// is recorded for undo in the same transaction.
    pub fn write<T>(
        &mut self,
        what: impl Into<String>,
        f: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(what.into(), None, f)
    }

    /// Like [`Store::write`] for bulk work whose reverse is known as SQL
    /// (`reverse`): rows are not recorded one by one.
    pub fn write_bulk<T>(
        &mut self,
        what: impl Into<String>,
        reverse: &str,
        f: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(what.into(), Some(reverse), f)
    }

    fn transact<T>(
        &mut self,
        what: String,
        reverse: Option<&str>,
        f: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let today = self.today();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| busy(&path, e))?;
        let op: i64 = tx.query_row(
            "INSERT INTO journal (at, command, reverse) VALUES (?1, ?2, ?3) RETURNING id",
            rusqlite::params![self.clock, what, reverse],
            |r| r.get(0),
        )?;
        if reverse.is_none() {
            tx.execute("UPDATE undo_state SET op = ?1", [op])?;
        }
        let db = Db::new(&tx);
        db.today.set(today);
        let out = f(&db)?;
        let touched = db.derive_touched(&self.policy)?;
        drop(db);
        tx.execute(
            "UPDATE journal SET touched = ?2 WHERE id = ?1",
            rusqlite::params![op, touched],
        )?;
        tx.execute("UPDATE undo_state SET op = NULL", [])?;
        // A command that changed nothing leaves no step for `net undo` to waste.
        if reverse.is_none() {
            tx.execute(
                "DELETE FROM journal WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM undo_log WHERE op = ?1)",
                [op],
            )?;
        }
        // Keep the last `undo_keep` operations; older ones cannot be undone.
        tx.execute(
            "DELETE FROM journal WHERE id <= (SELECT id FROM journal ORDER BY id DESC LIMIT 1 OFFSET ?1)",
            [self.undo_keep as i64],
        )?;
        tx.commit().context("saving the change")?;
        Ok(out)
    }

    /// Reverts the latest recorded operation and returns what it was.
    pub fn undo(&mut self) -> Result<Option<Operation>> {
        let path = self.path.clone();
        let today = self.today();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| busy(&path, e))?;
        let Some(op) = latest_operations(&tx, 1)?.pop() else {
            return Ok(None);
        };
        // Cascaded deletes were recorded parent first; replayed backwards the
        // children come back first, so foreign keys are checked at commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let steps: Vec<String> = tx
            .prepare("SELECT sql FROM undo_log WHERE op = ?1 ORDER BY seq DESC")?
            .query_map([op.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for sql in &steps {
            tx.execute_batch(sql)
                .with_context(|| format!("undoing {:?}", op.command))?;
        }
        let reverse: Option<String> =
            tx.query_row("SELECT reverse FROM journal WHERE id = ?1", [op.id], |r| {
                r.get(0)
            })?;
        if let Some(sql) = reverse {
            tx.execute_batch(&sql)
                .with_context(|| format!("undoing {:?}", op.command))?;
        }
        // The undone rows come back with the values derived when they were
        // written; the policy may have changed since.
        let touched: Option<String> =
            tx.query_row("SELECT touched FROM journal WHERE id = ?1", [op.id], |r| {
                r.get(0)
            })?;
        tx.execute("DELETE FROM journal WHERE id = ?1", [op.id])?;
        let db = Db::new(&tx);
        db.today.set(today);
        let policy = Self::policy_in(&self.policy, &db)?;
        db.derive(touched_ids(touched.as_deref()), &policy)?;
        drop(db);
        tx.commit().context("saving the undo")?;
        Ok(Some(op))
    }

    /// Runs `f` in a transaction that is always rolled back: for checks that
    /// compute what a repair would change.
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let today = self.today();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let db = Db::new(&tx);
        db.today.set(today);
        let out = f(&db)?;
        drop(db);
        tx.rollback()?;
        Ok(out)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: the problems found, if any.
    pub fn integrity(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = fk.query_map([], |r| {
            Ok(format!(
                "{} row {} points to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }

    /// The schema version of the open file.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The latest operations that `net undo` can revert, newest first.
    pub fn operations(&self, limit: usize) -> Result<Vec<Operation>> {
        latest_operations(&self.conn, limit)
    }
}

/// The filter for "one contact (?1) or all (?1 is NULL)": the equality alone
/// when a contact is given, so SQLite can use its index (an `?1 IS NULL OR …`
/// would keep it from doing so).
fn of_contact(contact: Option<i64>, filter: &str) -> String {
    match contact {
        Some(_) => filter.to_string(),
        None => "?1 IS NULL".to_string(),
    }
}

/// The error for a write that could not start: said plainly when another
/// net kept the database busy past the timeout.
fn busy(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    if is_busy(&e) {
        anyhow::anyhow!(
            "another net has been writing to {} for over {} s: nothing was saved; run the command again when it is done",
            path.display(),
            BUSY_TIMEOUT.as_secs()
        )
    } else {
        anyhow::Error::new(e).context("starting a write")
    }
}

fn latest_operations(conn: &Connection, limit: usize) -> Result<Vec<Operation>> {
    let mut stmt = conn.prepare(
        "SELECT j.id, j.at, j.command, (SELECT count(*) FROM undo_log u WHERE u.op = j.id)
         FROM journal j ORDER BY j.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(Operation {
            id: r.get(0)?,
            at: r.get(1)?,
            command: r.get(2)?,
            changes: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The contact ids a journal row's `touched` column lists (a JSON array).
fn touched_ids(text: Option<&str>) -> Vec<i64> {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

impl<'a> Db<'a> {
    fn new(conn: &'a Connection) -> Db<'a> {
        Db {
            conn,
            touched: RefCell::new(BTreeSet::new()),
            today: std::cell::Cell::new(None),
        }
    }
}

impl Db<'_> {
    /// Marks contacts whose derived columns must be computed again before
    /// the write commits. Every store method that changes what a contact's
    /// derived values depend on calls it; commands never need to.
    pub(crate) fn touch(&self, ids: impl IntoIterator<Item = i64>) {
        self.touched.borrow_mut().extend(ids);
    }

    /// Derives the touched contacts with `base` and the rules as they are
    /// now; returns their ids as the journal keeps them (a JSON array).
    fn derive_touched(&self, base: &Policy) -> Result<Option<String>> {
        let ids = std::mem::take(&mut *self.touched.borrow_mut());
        if ids.is_empty() {
            return Ok(None);
        }
        let policy = Store::policy_in(base, self)?;
        self.derive(ids.iter().copied(), &policy)?;
        Ok(Some(serde_json::to_string(&ids)?))
    }

    /// Derives every contact again with this policy (`net doctor` compares
    /// the result with what was stored).
    pub fn derive_all(&self, policy: &Policy) -> Result<()> {
        self.derive(self.all_ids()?, policy)
    }

    /// The derived columns of every contact, one string each, to compare
    /// before and after a recomputation.
    pub fn derived_snapshot(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, concat_ws('|', last_touch, soon_on, due_on, depth_minutes, usual_minutes,
                    gave_count, got_count, search_text) FROM contacts ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets every earlier operation: after `net forget`, older undo steps
    /// would still hold pieces of the person. The forget itself stays undoable.
    pub fn cut_history(&self) -> Result<()> {
        self.conn.execute(
            "DELETE FROM journal WHERE id < (SELECT op FROM undo_state WHERE op IS NOT NULL)",
            [],
        )?;
        Ok(())
    }
}

/// Brings the schema up to date in one `BEGIN IMMEDIATE` transaction. The
/// version is read again inside it, so two `net` processes opening a new file
/// at once do not both run a migration (a runner that checks the version
/// before taking the write lock does), and nobody ever sees a half-upgraded
/// schema.
fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (done, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("applying migration {}", done + 1))?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.commit()?;
    Ok(())
}

/// Runs `f` again while SQLite answers busy without waiting, as it does when
/// several processes switch a new file to WAL at the same moment.
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    loop {
        match f() {
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
        return anyhow::anyhow!(
            "{} is damaged (its disk image is malformed): restore your last backup into a new file \
             (NET_DB=new.db net import json backup.json), or point --db or NET_DB at another file",
            path.display()
        );
    }
    if e.sqlite_error_code() != Some(rusqlite::ErrorCode::NotADatabase) {
        return anyhow::Error::new(e).context(format!("opening database {}", path.display()));
    }
    anyhow::anyhow!(
        "{} is not a net database ({e}): point --db or NET_DB at another file",
        path.display()
    )
}

/// Creates the folder (0700) and an empty file (0600) before SQLite does, so
/// the database never exists with looser permissions. SQLite gives its -wal
/// and -shm files the permissions of the database file.
fn create_private(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder
                .create(dir)
                .with_context(|| format!("creating the folder {}", dir.display()))?;
        }
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_) => {}
            // Another net created it in between: fine.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| format!("creating the database {}", path.display()))
            }
        }
    } else {
        // An empty file someone else made (touch net.db) becomes the
        // database: make it private before anything is written into it.
        #[cfg(unix)]
        if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("making {} private", path.display()))?;
        }
    }
    Ok(())
}

/// Keeps a copy of an older database beside it before its schema is upgraded.
fn backup_before_upgrade(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".schema{version}.bak"));
    let backup = path.with_file_name(name);
    if backup.exists() {
        return Ok(());
    }
    if let Err(e) = conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]) {
        // Another net opening the same file made the copy a moment ago.
        if !backup.exists() {
            return Err(e)
                .with_context(|| format!("backing up to {} before the upgrade", backup.display()));
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("making {} private", backup.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_build_the_latest_schema_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema_version() as i64);
        conn.execute_batch("PRAGMA foreign_key_check; PRAGMA integrity_check;")
            .unwrap();
    }

    #[test]
    fn every_table_records_undo_for_every_column() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                      AND name NOT IN ('journal', 'undo_log', 'undo_state') AND name NOT LIKE 'local_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(tables.len() >= 11, "{tables:?}");
        for table in tables {
            let columns: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_xinfo('{table}') WHERE hidden = 0"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for event in ["insert", "update", "delete"] {
                let sql: String = conn
                    .query_row(
                        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                        [format!("undo_{table}_{event}")],
                        |r| r.get(0),
                    )
                    .unwrap_or_else(|_| {
                        panic!("{table} has no undo trigger for {event}: add it in a migration")
                    });
                if event != "insert" {
                    for c in &columns {
                        assert!(
                            sql.contains(&format!("quote(old.{c})")),
                            "undo_{table}_{event} misses column {c}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_migration_file_is_listed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        assert_eq!(
            files.len(),
            MIGRATIONS.len(),
            "a file in migrations/ is not in MIGRATIONS: {files:?}"
        );
        for (file, sql) in files.iter().zip(MIGRATIONS) {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("migrations")
                    .join(file),
            )
            .unwrap();
            assert_eq!(&text, sql, "{file} is listed out of order");
        }
    }
}
