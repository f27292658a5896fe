//! The SQLite store. The only module that speaks SQL.
//!
//! Opening a store sets the pragmas, creates the file with private permissions,
//! refuses a database from a newer `net`, backs up an older one and upgrades it.

mod bulk;
mod capture;
mod columns;
mod contacts;
mod followups;
mod history;
mod ids;
mod interactions;
mod journal;
mod merge;
mod modified;
mod notes;
mod open;
mod rules;
pub(crate) mod search;
mod session;
mod sync;
mod sync_records;
mod tags;

pub use capture::{CalendarMark, InboxRow, MboxMark};
pub use contacts::{ContactFilter, Picked};
pub use history::HistoryFilter;
pub use ids::IdsOf;
pub use modified::Modified;
pub use open::{unwritable, Unwritable};
pub use sync::{SyncInteraction, SyncItem};

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::derive::fingerprint;
use crate::model::{Contact, Policy};

/// Every migration, in order. Append only: a landed file is never edited.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_undo.sql"),
    include_str!("../../migrations/0003_speed.sql"),
    include_str!("../../migrations/0004_undo_generated.sql"),
    include_str!("../../migrations/0005_local_meta.sql"),
    include_str!("../../migrations/0006_cadence_since.sql"),
    include_str!("../../migrations/0007_capture.sql"),
    include_str!("../../migrations/0008_uuids.sql"),
    include_str!("../../migrations/0009_search.sql"),
    include_str!("../../migrations/0010_speed.sql"),
    include_str!("../../migrations/0011_capture_calendar.sql"),
    include_str!("../../migrations/0012_undo_rows.sql"),
    include_str!("../../migrations/0013_name_parts.sql"),
    include_str!("../../migrations/0014_history_aggregates.sql"),
    include_str!("../../migrations/0016_search_people.sql"),
    include_str!("../../migrations/0017_modified.sql"),
    include_str!("../../migrations/0018_contact_words_delete.sql"),
];

/// Empties every table of the network (the reverse of an import into an empty database).
pub const CLEAR_ALL: &str = "DELETE FROM capture_seen WHERE interaction_id IS NOT NULL;
     DELETE FROM assessments; DELETE FROM contact_notes; DELETE FROM introductions;
     DELETE FROM followups; DELETE FROM participants; DELETE FROM interactions; DELETE FROM rules;
     DELETE FROM contact_info; DELETE FROM tags; DELETE FROM aliases; DELETE FROM contacts;";

impl Db<'_> {
    /// For an import into an empty database, which may still hold tag rules
    /// (no contacts, no interactions): its undo step ([`CLEAR_ALL`]) puts
    /// those rules back as they were, instead of deleting them with the
    /// import's own. Called inside the [`Store::write_bulk`] of the import,
    /// before it writes a rule.
    pub fn undo_keeps_rules(&self) -> Result<()> {
        let restore: Option<String> = self.conn.query_row(
            "SELECT group_concat('INSERT INTO rules (tag, every) VALUES (' || quote(tag) || ', ' || quote(every) || ');', ' ')
             FROM rules",
            [],
            |r| r.get(0),
        )?;
        if let Some(restore) = restore {
            self.conn.execute(
                "UPDATE journal SET reverse = reverse || ' ' || ?1 WHERE id = (SELECT max(id) FROM journal)",
                [restore],
            )?;
        }
        Ok(())
    }
}

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
    /// When a write happened in UTC (`20261122T091405Z`): the records it
    /// changed are stamped with it (see `modified.rs`).
    stamp: String,
    /// How many operations `net undo` can walk back.
    undo_keep: usize,
    /// The config part of the policy that derived columns are computed with
    /// (its rules are read inside each write, where they may just have changed).
    policy: Policy,
    /// Why the database was opened read-only (a full disk, a read-only file
    /// or folder); every write is then refused before it starts.
    unwritable: Option<Unwritable>,
}

/// One recorded write command, as `net undo --list` shows it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Operation {
    pub id: i64,
    pub at: String,
    pub command: String,
    /// Rows it changed, each counted once (0 for a bulk import).
    pub changes: i64,
}

/// What a write changed of a touched contact's history, which decides how
/// its aggregates ([`crate::model::derive::HistoryAgg`]) are brought up to date.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Change {
    /// Nothing: the stored aggregates stand (fields, tags, notes, rules).
    Fields,
    /// Only these interactions were added: each is added to the stored
    /// aggregates, whatever the size of the history.
    Added(Vec<i64>),
    /// A load into an empty database: the histories of all contacts are
    /// folded in one pass over every interaction.
    Loaded,
    /// Interactions were edited, deleted, moved or lost a participant (log
    /// edit/rm, merge, forget, undo — the rare writes): the whole history of
    /// the contact is folded again.
    Full,
}

/// How many added interactions of one contact are counted one by one.
const FOLD_AFTER: usize = 4;

impl Change {
    fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Loaded, _) | (_, Change::Loaded) => Change::Loaded,
            (Change::Full, _) | (_, Change::Full) => Change::Full,
            (Change::Added(mut a), Change::Added(b)) => {
                // A contact named twice in one interaction takes part once.
                for id in b {
                    if !a.contains(&id) {
                        a.push(id);
                    }
                }
                // Many at once (an import): one pass over the history reads
                // fewer rows than one look-up per interaction.
                if a.len() > FOLD_AFTER {
                    Change::Full
                } else {
                    Change::Added(a)
                }
            }
            (Change::Added(a), Change::Fields) | (Change::Fields, Change::Added(a)) => {
                Change::Added(a)
            }
            (Change::Fields, Change::Fields) => Change::Fields,
        }
    }
}

/// Queries and changes, over a plain connection (reads) or inside a write
/// transaction (the same methods; see [`Store::write`]).
pub struct Db<'a> {
    conn: &'a Connection,
    /// Contacts whose derived columns a write must recompute before it
    /// commits, with what changed of their history.
    touched: RefCell<BTreeMap<i64, Change>>,
    /// The day of the write (from the journal clock): a contact that gets a
    /// cadence in it starts its clock on this day.
    today: std::cell::Cell<Option<chrono::NaiveDate>>,
    /// The undo recording of the write step this runs in, if it is recorded
    /// row by row (bulk work pauses it, see [`journal::delete_recorded`]).
    recording: Option<&'a dyn journal::Recorder>,
    /// Modification times a write set itself ([`Db::set_modified`]): they
    /// stand at commit.
    modified: RefCell<Vec<(Modified, String, String)>>,
    /// The write's time in UTC (`20261122T091405Z`; empty outside a write):
    /// what it adds and changes is stamped with it (see `modified.rs`).
    stamp: RefCell<String>,
    /// During a load: each contact's history folded as its interactions go
    /// in (see [`Db::begin_load`]).
    folding: RefCell<Option<bulk::Folding>>,
}

impl Store {
    /// Why writes are refused, when the database was opened read-only.
    pub fn unwritable(&self) -> Option<&Unwritable> {
        self.unwritable.as_ref()
    }

    /// Refuses a write before it starts on a database opened read-only.
    fn check_writable(&self) -> Result<()> {
        match &self.unwritable {
            Some(why) => Err(crate::error::user(why.refusal())),
            None => Ok(()),
        }
    }

    /// Where the database file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every file that holds (or may hold) the network: the database, its
    /// `-wal` and `-shm`, the copies kept before upgrades, and temporary
    /// upgrade copies a kill left behind. Existing files only, by name.
    pub fn data_files(&self) -> Vec<PathBuf> {
        let name = self
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| {
                        let f = e.file_name().to_string_lossy().into_owned();
                        f == name
                            || f == format!("{name}-wal")
                            || f == format!("{name}-shm")
                            || (f.starts_with(&format!("{name}.schema")) && f.ends_with(".bak"))
                            || f.starts_with(".net-upgrade-copy-")
                    })
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    /// The copies kept before upgrades (and temporary ones a kill left):
    /// after `net forget` they are the only place the person is still in.
    pub fn upgrade_copies(&self) -> Vec<PathBuf> {
        let name = self
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        self.data_files()
            .into_iter()
            .filter(|p| {
                let f = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                f != name && f != format!("{name}-wal") && f != format!("{name}-shm")
            })
            .collect()
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
        // Read-only (a full disk): the stored derived values are what can be shown.
        if self.unwritable.is_some() {
            return Ok(());
        }
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

    /// Sets the time (UTC, `20261122T091405Z`) the records a write changes
    /// are stamped with.
    pub fn set_stamp(&mut self, stamp: String) {
        self.stamp = stamp;
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

    /// A write about one contact: `f` gets the contact as read again inside
    /// the write lock (never a copy read before it), to apply only the
    /// command's changes to. When another net removed the contact meanwhile,
    /// nothing is written and the error says so.
    pub fn write_contact<T>(
        &mut self,
        who: &Picked,
        what: impl Into<String>,
        f: impl FnOnce(&Db<'_>, Contact) -> Result<T>,
    ) -> Result<T> {
        self.write(what, |db| {
            let contact = db.require(who)?;
            f(db, contact)
        })
    }

    /// Like [`Store::write`] for bulk work whose reverse is known as SQL
    /// (`reverse`): rows are not recorded one by one.
    pub fn write_bulk<T>(
        &mut self,
        what: impl Into<String>,
        reverse: &str,
        f: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        self.large(|store| store.transact(what.into(), Some(reverse), f))
    }

    /// Runs `f` with a page cache fit for a write of many rows: SQLite's
    /// default 2 MiB thrashes inside one large transaction (issue 15: 9.9M
    /// page writes importing 1M interactions); a bulk write, an undo or a
    /// `forget` gets 256 MiB while it runs (memory used only as pages are
    /// touched).
    pub fn large<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("PRAGMA cache_size = -262144")?;
        let out = f(self);
        self.conn.execute_batch("PRAGMA cache_size = -2000")?;
        out
    }

    fn transact<T>(
        &mut self,
        what: String,
        reverse: Option<&str>,
        f: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
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
        let recording = match reverse {
            None => Some(journal::Recording::start(&tx, op)?),
            Some(_) => None,
        };
        let mut db = Db::new(&tx);
        db.recording = recording.as_ref().map(|r| r as &dyn journal::Recorder);
        db.today.set(today);
        db.stamp.replace(self.stamp.clone());
        let out = f(&db)?;
        let touched = db.derive_touched(&self.policy)?;
        let explicit = std::mem::take(&mut *db.modified.borrow_mut());
        drop(db);
        recording.map(journal::Recording::finish).transpose()?;
        // The step's undo rows are written now: they say what it changed,
        // and what it changed is stamped with the write's time.
        let db = Db::new(&tx);
        db.stamp.replace(self.stamp.clone());
        db.stamp_modified(op, explicit)?;
        drop(db);
        tx.execute(
            "UPDATE journal SET touched = ?2 WHERE id = ?1",
            rusqlite::params![op, touched],
        )?;
        // A command that changed nothing leaves no step for `net undo` to waste.
        if reverse.is_none() {
            tx.execute(
                "DELETE FROM journal WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM undo_rows WHERE op = ?1)",
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
        self.check_writable()?;
        // A bulk step empties tables: without foreign keys (checked as a
        // whole before the undo commits) SQLite drops their pages at once.
        // The pragma cannot change inside a transaction, so it is set before.
        let bulk: bool = self.conn.query_row(
            "SELECT coalesce((SELECT reverse IS NOT NULL FROM journal ORDER BY id DESC LIMIT 1), 0)",
            [],
            |r| r.get(0),
        )?;
        if bulk {
            self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        }
        let out = self.large(|store| store.undo_latest(bulk));
        if bulk {
            self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        }
        out
    }

    fn undo_latest(&mut self, keys_off: bool) -> Result<Option<Operation>> {
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
        journal::revert(&tx, op.id).with_context(|| format!("undoing {:?}", op.command))?;
        let reverse: Option<String> =
            tx.query_row("SELECT reverse FROM journal WHERE id = ?1", [op.id], |r| {
                r.get(0)
            })?;
        match reverse {
            Some(sql) => journal::run_bulk_reverse(&tx, &sql)
                .with_context(|| format!("undoing {:?}", op.command))?,
            // Another net wrote a step between the look and the lock.
            None if keys_off => {
                anyhow::bail!(
                    "another net wrote meanwhile: nothing was undone; run `net undo` again"
                )
            }
            None => {}
        }
        if keys_off && tx.prepare("PRAGMA foreign_key_check")?.exists([])? {
            anyhow::bail!(
                "undoing {:?} would leave rows pointing at missing ones: nothing was undone",
                op.command
            );
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

/// A fresh random (v4) UUID for a new row.
fn new_uuid() -> Result<String> {
    crate::dav::url::new_uuid().map_err(anyhow::Error::msg)
}

/// The UUID a new row gets: the one it came with, or a fresh one.
fn uuid_of(given: &crate::model::Identity) -> Result<String> {
    given.uuid.clone().map_or_else(new_uuid, Ok)
}

impl Db<'_> {
    /// The `modified` a new row gets: the time it came with, or this write's.
    fn modified_of(&self, given: &crate::model::Identity) -> Option<String> {
        given.modified.clone().or_else(|| self.stamp())
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
                + (SELECT count(*) FROM undo_rows u WHERE u.op = j.id)
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
            touched: RefCell::new(BTreeMap::new()),
            today: std::cell::Cell::new(None),
            recording: None,
            modified: RefCell::new(Vec::new()),
            stamp: RefCell::new(String::new()),
            folding: RefCell::new(None),
        }
    }
}

impl Db<'_> {
    /// Marks contacts whose derived columns must be computed again before
    /// the write commits, from their whole history. Every store method that
    /// changes what a contact's derived values depend on calls it or one of
    /// the two below; commands never need to.
    pub(crate) fn touch(&self, ids: impl IntoIterator<Item = i64>) {
        self.mark(ids, Change::Full);
    }

    /// Like [`Db::touch`] for every contact of a load ([`Change::Loaded`]).
    pub(crate) fn touch_loaded(&self, ids: impl IntoIterator<Item = i64>) {
        self.mark(ids, Change::Loaded);
    }

    /// Like [`Db::touch`] for a change that leaves the history as it was.
    pub(crate) fn touch_fields(&self, ids: impl IntoIterator<Item = i64>) {
        self.mark(ids, Change::Fields);
    }

    /// Like [`Db::touch`] for a new interaction of these contacts.
    pub(crate) fn touch_added(&self, ids: impl IntoIterator<Item = i64>, interaction: i64) {
        self.mark(ids, Change::Added(vec![interaction]));
    }

    fn mark(&self, ids: impl IntoIterator<Item = i64>, change: Change) {
        let mut touched = self.touched.borrow_mut();
        for id in ids {
            let before = touched.remove(&id).unwrap_or(Change::Fields);
            touched.insert(id, before.and(change.clone()));
        }
    }

    /// Derives the touched contacts with `base` and the rules as they are
    /// now; returns their ids as the journal keeps them (a JSON array).
    fn derive_touched(&self, base: &Policy) -> Result<Option<String>> {
        let ids = std::mem::take(&mut *self.touched.borrow_mut());
        if ids.is_empty() {
            return Ok(None);
        }
        let policy = Store::policy_in(base, self)?;
        let list: Vec<i64> = ids.keys().copied().collect();
        self.derive_changed(ids, &policy)?;
        Ok(Some(serde_json::to_string(&list)?))
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
                    gave_count, got_count, search_text, history_agg) FROM contacts ORDER BY id",
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
    migrate_with(conn, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version as usize >= migrations.len() {
        return Ok(());
    }
    for (done, sql) in migrations.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("applying migration {}", done + 1))?;
    }
    journal::check_tables(&tx)?;
    tx.pragma_update(None, "user_version", migrations.len() as i64)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_of_one_write_combine_and_an_edit_outweighs_an_addition() {
        let added = |ids: &[i64]| Change::Added(ids.to_vec());
        assert_eq!(Change::Fields.and(added(&[3])), added(&[3]));
        // The same interaction marked twice (a name given twice) counts once.
        assert_eq!(added(&[3]).and(added(&[3, 4])), added(&[3, 4]));
        assert_eq!(added(&[3]).and(Change::Full), Change::Full);
        assert_eq!(Change::Full.and(Change::Fields), Change::Full);
        let many: Vec<i64> = (0..=FOLD_AFTER as i64).collect();
        assert_eq!(added(&many[..1]).and(added(&many[1..])), Change::Full);
    }

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

    /// A stored column: its name, its type, whether it is in the key.
    type Column = (String, String, bool);

    /// Every recorded table with its stored columns.
    fn recorded_columns(conn: &Connection) -> Vec<(String, Vec<Column>)> {
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap();
        tables
            .into_iter()
            .filter(|t| journal::is_recorded(t))
            .map(|t| {
                let columns = conn
                    .prepare(
                        "SELECT name, type, pk > 0 FROM pragma_table_xinfo(?1) WHERE hidden = 0",
                    )
                    .unwrap()
                    .query_map([&t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                (t, columns)
            })
            .collect()
    }

    /// Every row of every recorded table, as text.
    fn recorded_rows(conn: &Connection) -> String {
        let mut out = String::new();
        for (table, columns) in recorded_columns(conn) {
            let row: Vec<String> = columns
                .iter()
                .map(|(c, _, _)| format!("quote(\"{c}\")"))
                .collect();
            let rows: Vec<String> = conn
                .prepare(&format!(
                    "SELECT {} FROM \"{table}\" ORDER BY 1",
                    row.join(" || ',' || ")
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            out.push_str(&format!("{table}: {}\n", rows.join(" / ")));
        }
        out
    }

    #[test]
    fn every_column_of_every_recorded_table_is_undone_without_undo_sql() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_at(&dir.path().join("net.db"), MIGRATIONS);
        // Rows of any shape: the rules of the schema are not what is tested.
        store
            .conn
            .execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON")
            .unwrap();
        let in_schema: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'undo%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            in_schema, 0,
            "undo is recorded by the session, not by triggers in the schema"
        );
        let tables = recorded_columns(&store.conn);
        assert!(tables.len() >= 11, "{tables:?}");
        let value = |ty: &str, n: i64| match ty {
            "INTEGER" => n.to_string(),
            "REAL" => format!("{n}.5"),
            _ => format!("'v{n}'"),
        };
        let empty = recorded_rows(&store.conn);
        store
            .write("a row in every table", |db| {
                for (table, columns) in &tables {
                    let names: Vec<String> =
                        columns.iter().map(|(c, _, _)| format!("\"{c}\"")).collect();
                    let values: Vec<String> =
                        columns.iter().map(|(_, ty, _)| value(ty, 1)).collect();
                    db.conn.execute(
                        &format!(
                            "INSERT INTO \"{table}\" ({}) VALUES ({})",
                            names.join(", "),
                            values.join(", ")
                        ),
                        [],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        let added = recorded_rows(&store.conn);
        assert_eq!(
            store.operations(1).unwrap()[0].changes,
            tables.len() as i64,
            "{added}"
        );
        store
            .write("every column changed", |db| {
                for (table, columns) in &tables {
                    let set: Vec<String> = columns
                        .iter()
                        .filter(|(_, _, key)| !key)
                        .map(|(c, ty, _)| format!("\"{c}\" = {}", value(ty, 2)))
                        .collect();
                    if !set.is_empty() {
                        db.conn
                            .execute(&format!("UPDATE \"{table}\" SET {}", set.join(", ")), [])?;
                    }
                }
                Ok(())
            })
            .unwrap();
        let changed = recorded_rows(&store.conn);
        // Each changed row's image holds every column as it was.
        let step = store.operations(1).unwrap()[0].id;
        for (table, columns) in &tables {
            let image: Option<String> = store
                .conn
                .query_row(
                    "SELECT old FROM undo_rows WHERE op = ?1 AND tbl = ?2",
                    rusqlite::params![step, table],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            if columns.iter().all(|(_, _, key)| *key) {
                assert_eq!(image, None, "{table}");
                continue;
            }
            let image: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&image.unwrap_or_else(|| panic!("{table} was not recorded")))
                    .unwrap();
            let names: Vec<&String> = image.keys().collect();
            assert_eq!(
                names,
                columns.iter().map(|(c, _, _)| c).collect::<Vec<_>>(),
                "{table}"
            );
        }
        store
            .write("every row deleted", |db| {
                for (table, _) in &tables {
                    db.conn.execute(&format!("DELETE FROM \"{table}\""), [])?;
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(recorded_rows(&store.conn), empty);
        for state in [changed, added, empty] {
            store.undo().unwrap().unwrap();
            assert_eq!(recorded_rows(&store.conn), state);
        }
    }

    /// A store on a file at `path` with the schema of the first `version`
    /// migrations, as the `net` of that time wrote it.
    fn store_at(path: &Path, migrations: &[&str]) -> Store {
        let mut conn = Connection::open(path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        migrate_with(&mut conn, migrations).unwrap();
        Store {
            conn,
            path: path.to_path_buf(),
            clock: "2026-11-22 09:00".into(),
            stamp: "20261122T090000Z".into(),
            undo_keep: 20,
            policy: Policy::default(),
            unwritable: None,
        }
    }

    fn add(store: &mut Store, name: &str) {
        store
            .write(format!("add {name}"), |db| {
                db.conn.execute(
                    "INSERT INTO contacts (name, search_key, added_on) VALUES (?1, ?1, '2026-11-22')",
                    [name],
                )?;
                db.conn.execute(
                    "INSERT INTO tags (contact_id, tag) VALUES (last_insert_rowid(), 'x')",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
    }

    fn names(store: &Store) -> Vec<String> {
        store
            .conn
            .prepare("SELECT name || ':' || (SELECT count(*) FROM tags WHERE contact_id = c.id) FROM contacts c ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn an_upgrade_from_schema_3_keeps_the_undo_history() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("net.db");
        // Steps as the net of schema 3 recorded them, through its own triggers.
        let old = store_at(&path, &MIGRATIONS[..3]);
        for (what, sql) in [
            ("add Anna", "INSERT INTO contacts (name, search_key, added_on) VALUES ('Anna', 'anna', '2026-11-22')"),
            ("add Bob", "INSERT INTO contacts (name, search_key, added_on) VALUES ('Bob', 'bob', '2026-11-22')"),
            ("rename", "UPDATE contacts SET name = 'Bobby' WHERE name = 'Bob'"),
        ] {
            old.conn
                .execute_batch(&format!(
                    "BEGIN IMMEDIATE;
                     INSERT INTO journal (at, command) VALUES ('2026-11-22 09:00', '{what}');
                     UPDATE undo_state SET op = last_insert_rowid();
                     {sql};
                     INSERT INTO tags (contact_id, tag) SELECT id, 'x' FROM contacts WHERE '{what}' LIKE 'add%' ORDER BY id DESC LIMIT 1;
                     UPDATE undo_state SET op = NULL;
                     COMMIT;"
                ))
                .unwrap();
        }
        drop(old);

        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.version().unwrap(), schema_version() as i64);
        let steps: Vec<String> = store
            .operations(10)
            .unwrap()
            .into_iter()
            .map(|o| o.command)
            .collect();
        assert_eq!(steps, ["rename", "add Bob", "add Anna"]);
        assert_eq!(names(&store), ["Anna:1", "Bobby:1"]);
        store.undo().unwrap().unwrap();
        assert_eq!(names(&store), ["Anna:1", "Bob:1"]);
        store.undo().unwrap().unwrap();
        assert_eq!(names(&store), ["Anna:1"]);
        // New steps are recorded by the generated triggers.
        add(&mut store, "Carl");
        store.undo().unwrap().unwrap();
        store.undo().unwrap().unwrap();
        assert_eq!(names(&store), Vec::<String>::new());
        assert!(store.undo().unwrap().is_none());
    }

    #[test]
    fn a_later_migration_keeps_the_undo_history_and_covers_what_it_adds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("net.db");
        let mut store = store_at(&path, MIGRATIONS);
        add(&mut store, "Anna");
        store
            .write("retitle", |db| {
                db.conn.execute("UPDATE contacts SET org = 'ACME'", [])?;
                Ok(())
            })
            .unwrap();
        add(&mut store, "Bob");
        drop(store);

        // The next net adds a column, a table and a local table, and writes no undo SQL.
        let next: Vec<&str> = MIGRATIONS
            .iter()
            .copied()
            .chain([
                "ALTER TABLE contacts ADD COLUMN mood TEXT NOT NULL DEFAULT 'fine';
                 CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES contacts (id) ON DELETE CASCADE, name TEXT);
                 CREATE TABLE local_marks (key TEXT, value TEXT);",
            ])
            .collect();
        let mut store = store_at(&path, &next);
        store.undo().unwrap().unwrap();
        assert_eq!(names(&store), ["Anna:1"]);
        let org: String = store
            .conn
            .query_row("SELECT org FROM contacts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(org, "ACME");
        store.undo().unwrap().unwrap();
        let org: Option<String> = store
            .conn
            .query_row("SELECT org FROM contacts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(org, None);

        // The new column and table are undone; the local table is not.
        let before = store.read().derived_snapshot().unwrap();
        store
            .write("moods", |db| {
                db.conn.execute_batch(
                    "UPDATE contacts SET mood = 'glum';
                     INSERT INTO pets (owner, name) SELECT id, 'Rex' FROM contacts;
                     INSERT INTO local_marks VALUES ('synced', 'yes');",
                )?;
                Ok(())
            })
            .unwrap();
        assert_eq!(store.operations(1).unwrap()[0].changes, 2);
        store
            .write("forget", |db| {
                db.conn.execute("DELETE FROM contacts", [])?;
                Ok(())
            })
            .unwrap();
        store.undo().unwrap().unwrap();
        let mood: String = store
            .conn
            .query_row(
                "SELECT mood || (SELECT name FROM pets) FROM contacts",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(mood, "glumRex");
        store.undo().unwrap().unwrap();
        let (mood, pets, local): (String, i64, i64) = store
            .conn
            .query_row(
                "SELECT mood, (SELECT count(*) FROM pets), (SELECT count(*) FROM local_marks) FROM contacts",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((mood.as_str(), pets, local), ("fine", 0, 1));
        assert_eq!(store.read().derived_snapshot().unwrap(), before);
    }

    #[test]
    fn a_write_after_a_failed_one_is_still_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_at(&dir.path().join("net.db"), MIGRATIONS);
        // The failed write takes the triggers it created with it.
        let failed = store.write("add Nobody", |db| -> Result<()> {
            db.conn.execute(
                "INSERT INTO contacts (name, search_key, added_on) VALUES ('Nobody', 'n', '2026-11-22')",
                [],
            )?;
            anyhow::bail!("changed my mind")
        });
        assert!(failed.is_err());
        add(&mut store, "Anna");
        assert_eq!(store.operations(5).unwrap()[0].changes, 2);
        store.undo().unwrap().unwrap();
        assert_eq!(names(&store), Vec::<String>::new());
    }

    #[test]
    fn a_recorded_table_without_a_primary_key_fails_the_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        let next: Vec<&str> = MIGRATIONS
            .iter()
            .copied()
            .chain(["CREATE TABLE scratch (a TEXT, b TEXT);"])
            .collect();
        let err = migrate_with(&mut conn, &next).unwrap_err();
        assert!(
            format!("{err:#}").contains("scratch has no PRIMARY KEY"),
            "{err:#}"
        );
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0, "the failed upgrade was rolled back");
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
