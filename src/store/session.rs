//! The few calls of SQLite's session extension that undo makes
//! ([`super::journal`]): watch the recorded tables during a write step, then
//! read what changed. A thin safe wrapper over the C functions, whose
//! declarations come with the bundled SQLite's prebuilt bindings; the C code
//! is compiled with `SQLITE_ENABLE_SESSION` and `SQLITE_ENABLE_PREUPDATE_HOOK`
//! through `LIBSQLITE3_FLAGS` (`.cargo/config.toml`). rusqlite's own session
//! module would have bindgen read SQLite's header at build time, which needs
//! libclang on the machine.
//!
//! Every `unsafe` block below calls the C API as its documentation asks
//! (<https://sqlite.org/session/intro.html>): each object is used only while
//! the one that made it lives (a session while its connection does, a
//! value while the iterator stays on its change), and freed once.

use anyhow::{bail, Result};
use rusqlite::ffi;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::marker::PhantomData;
use std::ptr;

/// What a change did to its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Insert,
    Update,
    Delete,
}

/// A session on the main database of a connection, recording the tables
/// `filter` accepts.
pub struct Session<'c> {
    raw: *mut ffi::sqlite3_session,
    _conn: PhantomData<&'c Connection>,
}

/// The table filter: a plain function of the table's name.
type Filter = fn(&str) -> bool;

unsafe extern "C" fn call_filter(ctx: *mut c_void, table: *const c_char) -> c_int {
    // SAFETY: `ctx` is the `Filter` that `Session::new` passed, a plain
    // function pointer cast to a data pointer and back; `table` is a
    // NUL-terminated name SQLite owns for the call.
    let filter: Filter = unsafe { std::mem::transmute::<*mut c_void, Filter>(ctx) };
    let name = unsafe { CStr::from_ptr(table) };
    // A name that is not UTF-8 is recorded: undo then names it when it reads it.
    name.to_str().map_or(1, |t| filter(t) as c_int)
}

fn check(rc: c_int, what: &str) -> Result<()> {
    if rc != ffi::SQLITE_OK {
        bail!("undo: {what} failed (SQLite error {rc})");
    }
    Ok(())
}

impl<'c> Session<'c> {
    /// A session that records every table `filter` accepts from now on.
    pub fn new(conn: &'c Connection, filter: Filter) -> Result<Session<'c>> {
        let mut raw = ptr::null_mut();
        // SAFETY: the handle is the live connection's, borrowed for 'c; the
        // session is deleted (Drop) before that borrow ends.
        let rc = unsafe { ffi::sqlite3session_create(conn.handle(), c"main".as_ptr(), &mut raw) };
        check(rc, "starting a session")?;
        let session = Session {
            raw,
            _conn: PhantomData,
        };
        // SAFETY: a function pointer outlives the session; `call_filter`
        // turns it back into the same type.
        unsafe {
            ffi::sqlite3session_table_filter(
                session.raw,
                Some(call_filter),
                filter as *const () as *mut c_void,
            );
        }
        // NULL: every table (that the filter accepts).
        let rc = unsafe { ffi::sqlite3session_attach(session.raw, ptr::null()) };
        check(rc, "attaching the session")?;
        Ok(session)
    }

    /// Whether it has recorded no change.
    pub fn is_empty(&self) -> bool {
        // SAFETY: a live session.
        unsafe { ffi::sqlite3session_isempty(self.raw) != 0 }
    }

    /// Stops or resumes recording.
    pub fn set_enabled(&mut self, on: bool) {
        // SAFETY: a live session; the call only sets a flag.
        unsafe {
            ffi::sqlite3session_enable(self.raw, on as c_int);
        }
    }

    /// What it recorded so far, one table's changes together.
    pub fn changeset(&mut self) -> Result<Changeset> {
        let (mut len, mut data) = (0, ptr::null_mut());
        // SAFETY: a live session; SQLite allocates the buffer with
        // sqlite3_malloc, freed by the Changeset's Drop.
        let rc = unsafe { ffi::sqlite3session_changeset(self.raw, &mut len, &mut data) };
        let changeset = Changeset { data, len };
        check(rc, "reading the changes")?;
        Ok(changeset)
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // SAFETY: made by sqlite3session_create, deleted once.
        unsafe { ffi::sqlite3session_delete(self.raw) }
    }
}

/// A changeset: a buffer of SQLite's.
pub struct Changeset {
    data: *mut c_void,
    len: c_int,
}

impl Drop for Changeset {
    fn drop(&mut self) {
        // SAFETY: allocated by sqlite3session_changeset (NULL is fine).
        unsafe { ffi::sqlite3_free(self.data) }
    }
}

impl Changeset {
    /// Calls `f` with each change, in the changeset's order.
    pub fn each(&self, mut f: impl FnMut(&Change<'_>) -> Result<()>) -> Result<()> {
        if self.len == 0 {
            return Ok(());
        }
        let mut iter = ptr::null_mut();
        // SAFETY: the buffer lives as long as `self`, which outlives the
        // iterator: it is finalized below on every path.
        let rc = unsafe { ffi::sqlite3changeset_start(&mut iter, self.len, self.data) };
        check(rc, "reading the changes")?;
        let out = (|| loop {
            // SAFETY: a live iterator.
            match unsafe { ffi::sqlite3changeset_next(iter) } {
                ffi::SQLITE_ROW => f(&Change::at(iter)?)?,
                ffi::SQLITE_DONE => return Ok(()),
                rc => return check(rc, "reading a change"),
            }
        })();
        // SAFETY: started above, finalized once.
        let rc = unsafe { ffi::sqlite3changeset_finalize(iter) };
        out?;
        check(rc, "reading the changes")
    }
}

/// The change an iterator is on.
pub struct Change<'i> {
    iter: *mut ffi::sqlite3_changeset_iter,
    table: &'i str,
    columns: usize,
    kind: Kind,
}

impl<'i> Change<'i> {
    fn at(iter: *mut ffi::sqlite3_changeset_iter) -> Result<Change<'i>> {
        let (mut table, mut columns, mut op, mut indirect) = (ptr::null(), 0, 0, 0);
        // SAFETY: the iterator is on a change (sqlite3changeset_next gave
        // SQLITE_ROW); the table name lives until the next step.
        let rc = unsafe {
            ffi::sqlite3changeset_op(iter, &mut table, &mut columns, &mut op, &mut indirect)
        };
        check(rc, "reading a change")?;
        let table = unsafe { CStr::from_ptr(table) }.to_str()?;
        let kind = match op {
            ffi::SQLITE_INSERT => Kind::Insert,
            ffi::SQLITE_UPDATE => Kind::Update,
            ffi::SQLITE_DELETE => Kind::Delete,
            other => bail!("undo: an unknown change ({other}) of {table}"),
        };
        Ok(Change {
            iter,
            table,
            columns: columns as usize,
            kind,
        })
    }

    pub fn table(&self) -> &str {
        self.table
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Column `i` before the change (a delete or an update); None for a
    /// column an update left as it was.
    pub fn before(&self, i: usize) -> Result<Option<ValueRef<'_>>> {
        self.value(i, ffi::sqlite3changeset_old)
    }

    /// Column `i` after the change (an insert or an update).
    pub fn after(&self, i: usize) -> Result<Option<ValueRef<'_>>> {
        self.value(i, ffi::sqlite3changeset_new)
    }

    fn value(
        &self,
        i: usize,
        read: unsafe extern "C" fn(
            *mut ffi::sqlite3_changeset_iter,
            c_int,
            *mut *mut ffi::sqlite3_value,
        ) -> c_int,
    ) -> Result<Option<ValueRef<'_>>> {
        if i >= self.columns {
            bail!("undo: column {i} of {} is not there", self.table);
        }
        let mut value = ptr::null_mut();
        // SAFETY: a live iterator on this change, a column in range.
        let rc = unsafe { read(self.iter, i as c_int, &mut value) };
        check(rc, "reading a changed value")?;
        if value.is_null() {
            return Ok(None);
        }
        // SAFETY: SQLite's value, valid while the iterator stays on this
        // change, which the borrow of `self` guarantees.
        Ok(Some(unsafe { value_ref(value) }))
    }
}

/// A value of SQLite's as rusqlite's borrowed value.
///
/// # Safety
/// `value` is a live `sqlite3_value` for the lifetime `'v`.
unsafe fn value_ref<'v>(value: *mut ffi::sqlite3_value) -> ValueRef<'v> {
    unsafe {
        match ffi::sqlite3_value_type(value) {
            ffi::SQLITE_INTEGER => ValueRef::Integer(ffi::sqlite3_value_int64(value)),
            ffi::SQLITE_FLOAT => ValueRef::Real(ffi::sqlite3_value_double(value)),
            ffi::SQLITE_TEXT => {
                let text = ffi::sqlite3_value_text(value);
                let len = ffi::sqlite3_value_bytes(value) as usize;
                ValueRef::Text(bytes(text, len))
            }
            ffi::SQLITE_BLOB => {
                let blob = ffi::sqlite3_value_blob(value) as *const u8;
                let len = ffi::sqlite3_value_bytes(value) as usize;
                ValueRef::Blob(bytes(blob, len))
            }
            _ => ValueRef::Null,
        }
    }
}

/// `len` bytes at `at` (none when `at` is NULL, as for an empty blob).
///
/// # Safety
/// `at` points at `len` bytes that live for `'v`, or is NULL.
unsafe fn bytes<'v>(at: *const u8, len: usize) -> &'v [u8] {
    if at.is_null() || len == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(at, len) }
    }
}
