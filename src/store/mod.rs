//! The SQLite store. The only module that speaks SQL.
//!
//! Opening a store sets the pragmas, creates the file with private permissions,
//! refuses a database from a newer `net`, backs up an older one and upgrades it.

mod contacts;
mod followups;
mod interactions;
mod notes;
mod rules;

pub use contacts::{ContactFilter, ContactSummary, DueRow};
pub use interactions::TimeRow;

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Every migration, in order. Append only: a landed file is never edited.
pub const MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_init.sql")];

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
}

/// Queries and changes, over a plain connection (reads) or inside a write
/// transaction (the same methods; see [`Store::write`]).
pub struct Db<'a> {
    conn: &'a Connection,
}

impl Store {
    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
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
        })
    }

    /// Where the database file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access.
    pub fn read(&self) -> Db<'_> {
        Db { conn: &self.conn }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it lands, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a write (is another net holding the database?)")?;
        let out = f(&Db { conn: &tx })?;
        tx.commit().context("saving the change")?;
        Ok(out)
    }
}

/// Brings the schema up to date, one migration per `BEGIN IMMEDIATE`
/// transaction. The version is read again inside the transaction, so two
/// `net` processes opening a new file at once do not both run a migration
/// (a runner that checks the version before taking the write lock does).
fn migrate(conn: &mut Connection) -> Result<()> {
    for (done, sql) in MIGRATIONS.iter().enumerate() {
        let target = done as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= target {
            continue;
        }
        tx.execute_batch(sql)
            .with_context(|| format!("applying migration {target}"))?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
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
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .with_context(|| format!("backing up to {} before the upgrade", backup.display()))?;
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
