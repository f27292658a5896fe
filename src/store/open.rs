//! Opening the database: private from its first byte, refused when it is
//! not one of net's, backed up and upgraded when it is older, and opened
//! read-only when the disk is full or the file or its folder cannot be
//! written, so that `due`, `show`, `list` and `export` still work then and
//! every write says why nothing was saved.

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

use super::{migrate, retry_busy, schema_version, Store, BUSY_TIMEOUT};
use crate::model::Policy;

/// Why the database cannot be written just now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unwritable {
    /// No room is left on the disk that holds the database.
    Full(PathBuf),
    /// The database file itself is read-only.
    ReadOnlyFile(PathBuf),
    /// Its folder is read-only: SQLite cannot make its `-wal` and `-shm` there.
    ReadOnlyFolder(PathBuf),
    /// It is on a file system mounted read-only.
    ReadOnlyMount(PathBuf),
}

impl Unwritable {
    /// What is wrong, for `net doctor`.
    pub fn problem(&self) -> String {
        match self {
            Unwritable::Full(db) => format!(
                "the disk that holds {} is full: reads work, writes are refused; free some space",
                db.display()
            ),
            Unwritable::ReadOnlyFile(db) => format!(
                "{} is read-only: reads work, writes are refused; make it writable (chmod u+w)",
                db.display()
            ),
            Unwritable::ReadOnlyFolder(dir) => format!(
                "the folder {} is read-only (SQLite writes its -wal and -shm files there): reads work, writes are refused",
                dir.display()
            ),
            Unwritable::ReadOnlyMount(db) => format!(
                "{} is on a read-only file system: reads work, writes are refused",
                db.display()
            ),
        }
    }

    /// The one line a write command fails with.
    pub fn refusal(&self) -> String {
        match self {
            Unwritable::Full(_) => crate::error::disk_full(),
            Unwritable::ReadOnlyFile(db) => format!(
                "{} is read-only: nothing was saved; make it writable (chmod u+w {}) and run the command again",
                db.display(),
                db.display()
            ),
            Unwritable::ReadOnlyFolder(dir) => format!(
                "the folder {} is read-only: nothing was saved; net needs to write its -wal and -shm files beside the database",
                dir.display()
            ),
            Unwritable::ReadOnlyMount(db) => format!(
                "{} is on a read-only file system: nothing was saved",
                db.display()
            ),
        }
    }
}

/// Whether (and why) the database at `path` cannot be written now: the file
/// is opened for writing (nothing is written to it), and a scratch file of
/// 64 KiB is written beside it and removed.
pub fn unwritable(path: &Path) -> Option<Unwritable> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        // Not there yet: creating it says what is wrong, if anything.
        return None;
    }
    let read_only_fs = |e: &std::io::Error| {
        e.kind() == std::io::ErrorKind::ReadOnlyFilesystem || e.raw_os_error() == Some(30)
    };
    let full = |e: &std::io::Error| {
        e.kind() == std::io::ErrorKind::StorageFull
            || e.kind() == std::io::ErrorKind::QuotaExceeded
            || matches!(e.raw_os_error(), Some(28 | 122))
    };
    if path.exists() {
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
            return Some(if read_only_fs(&e) {
                Unwritable::ReadOnlyMount(path.to_path_buf())
            } else {
                Unwritable::ReadOnlyFile(path.to_path_buf())
            });
        }
    }
    let scratch = match tempfile::Builder::new()
        .prefix(".net-space-check-")
        .tempfile_in(dir)
    {
        Ok(file) => file,
        Err(e) if read_only_fs(&e) => return Some(Unwritable::ReadOnlyMount(path.to_path_buf())),
        Err(e) if full(&e) => return Some(Unwritable::Full(path.to_path_buf())),
        Err(_) => return Some(Unwritable::ReadOnlyFolder(dir.to_path_buf())),
    };
    use std::io::Write;
    let mut file = scratch.as_file();
    let written = file
        .write_all(&[0u8; 64 * 1024])
        .and_then(|_| file.sync_all());
    match written {
        Err(e) if full(&e) => Some(Unwritable::Full(path.to_path_buf())),
        _ => None,
    }
}

impl Store {
    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    ///
    /// When that fails because the disk is full or the file or its folder is
    /// read-only, the database is opened read-only instead: reads work and
    /// every write is refused with [`Unwritable::refusal`].
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            bail!(
                "{} is a folder: point --db or NET_DB at a file, e.g. {}",
                path.display(),
                path.join("net.db").display()
            );
        }
        crate::error::set_database(path);
        if !path.exists() {
            if let Some(why) = unwritable(path) {
                return Err(crate::error::user(format!(
                    "there is no database at {} and none can be made: {}",
                    path.display(),
                    why.problem()
                )));
            }
        }
        match Self::open_writable(path) {
            Ok(store) if !store.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) => Ok(store),
            Ok(store) => {
                let why = unwritable(path).unwrap_or(Unwritable::ReadOnlyFile(path.to_path_buf()));
                Ok(Store {
                    unwritable: Some(why),
                    ..store
                })
            }
            // A refusal made on purpose (a damaged file, a foreign -wal)
            // stands on a full disk too.
            Err(err) if crate::error::kind(&err) == crate::error::Kind::User => Err(err),
            Err(err) => match unwritable(path) {
                Some(why) => Self::open_read_only(path, why),
                None => Err(err),
            },
        }
    }

    /// Opens the database for reading only, for a disk that cannot take a
    /// write: with a read-only `-shm` (SQLite then reads the `-wal` itself),
    /// or, when there is no `-wal` to read, as an immutable file.
    fn open_read_only(path: &Path, why: Unwritable) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |query: &str| -> rusqlite::Result<(Connection, i64)> {
            let conn =
                Connection::open_with_flags(format!("file:{}?{query}", uri_path(path)), flags)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let version = retry_busy(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))?;
            Ok((conn, version))
        };
        let (conn, version) = match open("mode=ro&readonly_shm=1") {
            Ok(opened) => opened,
            Err(_) if wal_is_empty(path) => {
                open("mode=ro&immutable=1").map_err(|e| not_a_database(path, e))?
            }
            Err(e) => {
                return Err(not_a_database(path, e)).context(why.problem());
            }
        };
        let latest = schema_version() as i64;
        if version != latest {
            bail!(
                "{} is schema {version} and this net needs schema {latest}, but it cannot upgrade it: {}",
                path.display(),
                why.problem()
            );
        }
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            clock: String::new(),
            stamp: String::new(),
            undo_keep: 20,
            policy: Policy::default(),
            unwritable: Some(why),
        })
    }

    /// The usual open: read-write, WAL, upgraded when older.
    fn open_writable(path: &Path) -> Result<Store> {
        create_private(path)?;
        wait_for_a_lost_index(path)?;
        let wal = wal_state(path);
        if wal == WalState::Replaced {
            return Err(crate::error::user(foreign_wal(path, false)));
        }
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
        // A -wal nobody has indexed (no -shm): a crash, a copy, or another
        // database's file placed beside this one. Check what it makes of the
        // database before anything can fold it in.
        if wal == WalState::Unindexed && !whole(&conn, "integrity_check") {
            conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )?;
            let without = Connection::open_with_flags(
                format!("file:{}?mode=ro&immutable=1", uri_path(path)),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            );
            if without.is_ok_and(|c| whole(&c, "integrity_check")) {
                // The -shm this open made indexes that -wal: remove it, so
                // that the next net checks the -wal again.
                drop(conn);
                let _ = std::fs::remove_file(companion(path, "-shm"));
                return Err(crate::error::user(foreign_wal(path, true)));
            }
            return Err(crate::error::user(crate::error::damaged()));
        }
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
            stamp: String::new(),
            undo_keep: 20,
            policy: Policy::default(),
            unwritable: None,
        })
    }
}

/// What the `-wal` beside the database is, read before SQLite opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WalState {
    /// None, empty, or indexed by a `-shm` that agrees with it.
    Plain,
    /// It has frames but no `-shm` indexes it.
    Unindexed,
    /// The `-shm` indexes frames of another `-wal` (different salts): the
    /// file was replaced under it.
    Replaced,
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn wal_state(path: &Path) -> WalState {
    let read = |suffix: &str, len: usize| -> Option<Vec<u8>> {
        use std::io::Read;
        let mut buf = Vec::new();
        std::fs::File::open(companion(path, suffix))
            .ok()?
            .take(len as u64)
            .read_to_end(&mut buf)
            .ok()?;
        Some(buf)
    };
    let once = || {
        let Some(wal) = read("-wal", 32).filter(|w| w.len() == 32) else {
            return WalState::Plain;
        };
        let Some(shm) = read("-shm", 96).filter(|s| s.len() == 96) else {
            return WalState::Unindexed;
        };
        // The -shm header (twice, for torn reads): isInit at 12, mxFrame at
        // 16, the salts of the -wal it indexes at 32..40 (as in the -wal's
        // own header at 16..24).
        let (first, second) = shm.split_at(48);
        let frames = u32::from_ne_bytes(first[16..20].try_into().unwrap_or_default());
        if first == second && first[12] != 0 && frames != 0 && first[32..40] != wal[16..24] {
            WalState::Replaced
        } else {
            WalState::Plain
        }
    };
    match once() {
        // A writer restarting its -wal is between the two headers for a
        // moment: only a mismatch that stays is a replaced file.
        WalState::Replaced => {
            std::thread::sleep(std::time::Duration::from_millis(50));
            once()
        }
        state => state,
    }
}

/// When the `-shm` is gone while another process has the database open
/// (someone deleted it under a running net), a second index of the same
/// `-wal` would lose writes: wait until the other one ends, then go on with
/// a fresh index. A net closing the database deletes its `-shm` just before
/// its `-wal`: that moment passes too.
fn wait_for_a_lost_index(path: &Path) -> Result<()> {
    let started = std::time::Instant::now();
    while path.exists() && !companion(path, "-shm").exists() && used_by_another(path) {
        if started.elapsed() > BUSY_TIMEOUT {
            return Err(crate::error::user(format!(
                "another net has {} open, but its {} was deleted: nothing was read or saved; \
run net again when the other one has ended",
                path.display(),
                companion(path, "-shm").display()
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Ok(())
}

/// Whether another process holds one of SQLite's locks on the database file
/// (a connection in WAL mode holds a shared one as long as it is open): the
/// kernel is asked whether a write lock on SQLite's lock bytes (the pending
/// and reserved bytes and the shared range, 512 bytes from 1 GiB) would
/// conflict. One `F_GETLK` answers at once; `/proc/locks`, read while other
/// processes take and drop locks, can skip a line and miss the holder.
/// The probe's own descriptor is closed right away, before this process
/// holds any lock of its own on the file (closing one would drop them).
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn used_by_another(path: &Path) -> bool {
    use nix::fcntl::{fcntl, FcntlArg};
    use nix::libc;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut probe = libc::flock {
        l_type: libc::F_WRLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: 0x4000_0000,
        l_len: 512,
        l_pid: 0,
    };
    fcntl(&file, FcntlArg::F_GETLK(&mut probe)).is_ok()
        && probe.l_type != libc::F_UNLCK as libc::c_short
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn used_by_another(_path: &Path) -> bool {
    false
}

/// `PRAGMA quick_check` (or `integrity_check`, which also checks every
/// index against its table) says "ok".
fn whole(conn: &Connection, check: &str) -> bool {
    conn.query_row(&format!("PRAGMA {check}"), [], |r| r.get::<_, String>(0))
        .is_ok_and(|v| v == "ok")
}

/// What net says about a `-wal` that does not belong to the database;
/// `whole`: the database without it was checked and is whole.
fn foreign_wal(path: &Path, whole: bool) -> String {
    let wal = companion(path, "-wal");
    let then = if whole {
        "the database without it is whole"
    } else {
        "then `net doctor` checks the database"
    };
    format!(
        "{} does not belong to {} (another database's, or left from a copy): nothing was read or saved; \
move it away (mv {} {}.foreign) and run net again; {then}",
        wal.display(),
        path.display(),
        wal.display(),
        wal.display()
    )
}

/// `path` as the path part of an SQLite URI (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// True when there is no `-wal` beside the database, or it holds no frame.
fn wal_is_empty(path: &Path) -> bool {
    std::fs::metadata(companion(path, "-wal")).map_or(true, |m| m.len() <= 32)
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
        return crate::error::user(crate::error::damaged());
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
            crate::files::private_dir(dir)?;
        }
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(_) => {}
            // A symbolic link to a file not there yet (a dotfiles setup):
            // create the file it points to, private too, before SQLite does.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !path.exists() => {
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                options.open(path).with_context(|| {
                    format!(
                        "creating the database {} (a link) points to",
                        path.display()
                    )
                })?;
            }
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
/// The copy is written under a temporary name (private from its first byte),
/// checked, and renamed into place, so a kill at any moment leaves either no
/// copy or a whole one; a copy that does not check out (an empty file left
/// by an older net) is made again.
fn backup_before_upgrade(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".schema{version}.bak"));
    let backup = path.with_file_name(name);
    if backup.exists() && is_copy_of(&backup, version) {
        return Ok(());
    }
    let dir = backup
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".net-upgrade-copy-")
        .tempfile_in(dir)
        .with_context(|| format!("backing up to {} before the upgrade", backup.display()))?;
    conn.execute("VACUUM INTO ?1", [tmp.path().to_string_lossy()])
        .with_context(|| format!("backing up to {} before the upgrade", backup.display()))?;
    if !is_copy_of(tmp.path(), version) {
        bail!(
            "the copy of {} made before the upgrade does not read back: nothing was changed; check the disk and run net again",
            path.display()
        );
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("backing up to {} before the upgrade", backup.display()))?;
    tmp.persist(&backup)
        .map_err(|e| e.error)
        .with_context(|| format!("saving {} before the upgrade", backup.display()))?;
    Ok(())
}

/// Whether `file` is a readable, whole SQLite database of schema `version`.
fn is_copy_of(file: &Path, version: i64) -> bool {
    let Ok(conn) = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return false;
    };
    let version_ok = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|v| v == version);
    version_ok && whole(&conn, "quick_check")
}
