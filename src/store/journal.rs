//! Undo (`net undo`): the journal of write commands and how each row change
//! is recorded to be reversed.
//!
//! Every write command is one row in `journal`. While it runs, SQLite's
//! session extension ([`Recording`]) watches every recorded table, and at its
//! commit the step's changes go into `undo_rows`: for each row it touched,
//! the row's key and its image before the step (a JSON object of its
//! columns), or NULL when the step added the row. A step holds one row per
//! row it touched, whatever it did to it, and a row that ends as it began
//! (a refresh of derived columns that changed nothing) is not kept.
//! [`revert`] undoes a step with two set statements per table: delete the
//! rows it added, put back (upsert) the rows it changed or deleted. Before
//! schema 12 triggers wrote one SQL statement per row change into
//! `undo_log`, replayed one parsed statement at a time (undo of `forget` of
//! a contact with 200k interactions 7.3 s, of a large merge 2.5 s); such
//! steps, recorded before an upgrade, are still replayed that way.
//!
//! Bulk work records set by set: [`delete_recorded`] keeps the images of the
//! rows a delete removes (and of those its foreign keys cascade to) with one
//! `INSERT … SELECT` per table while the session rests, and an import into
//! an empty database records no rows at all but its reverse SQL ("empty
//! every table, put the rules back", [`run_bulk_reverse`]). Where a row was
//! kept first wins (the key is the primary key of `undo_rows`): the session
//! saves what it saw before a bulk delete keeps its rows.
//!
//! Nothing is written by hand or kept in the schema, and a read (`net due`)
//! builds nothing: the session records every stored column of every
//! recorded table as the schema is, so a migration adds, drops or renames
//! tables and columns freely and writes no undo SQL. The images are made
//! from the changeset at the save: an added row needs its key, a deleted
//! one has all its columns in the changeset, an updated one is read as it
//! is now with the changed columns put back (the others did not change).
//! Schemas 12 to 14 built TEMP triggers at each process's first write
//! instead: 33 `CREATE TRIGGER` texts for SQLite to parse, 18.4M of the 25.4M
//! instructions of a `net log` (callgrind); the session costs a few
//! statements per table the step changed (see bench/README.md).
//!
//! Which tables are recorded is one rule, [`is_recorded`]: every table except
//! undo's own (`journal`, `undo_log`, `undo_rows`, `undo_state`) and any
//! table whose name starts with `local_` (state of this machine that an undo
//! must not revert, such as sync bookkeeping, or derived, such as the search
//! index). A recorded table must have a PRIMARY KEY: the images are named by
//! it. [`check_tables`] runs after every upgrade, which fails (rolled back) on
//! a table without one rather than leave it silently out of undo.
//!
//! Undo history survives an upgrade: an image names its columns, so it still
//! applies after a migration adds a column (the old row keeps the column's
//! default or current value) or adds a table; a column an image holds that
//! the table no longer has is ignored. A migration that renames a column of a
//! recorded table must rewrite or clear the `undo_rows` and `undo_log` rows
//! that name it.

use super::session::{Kind, Session};
use anyhow::{bail, Result};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use std::cell::RefCell;

/// Undo's own tables: never recorded.
pub const UNDO_TABLES: &[&str] = &["journal", "undo_log", "undo_rows", "undo_state"];

/// Tables whose name starts with this hold state of this machine (sync
/// bookkeeping, caches) that `net undo` must leave alone: never recorded.
pub const LOCAL_PREFIX: &str = "local_";

/// Whether `net undo` reverts changes to `table`: the one rule.
pub fn is_recorded(table: &str) -> bool {
    !table.starts_with("sqlite_")
        && !UNDO_TABLES.contains(&table)
        && !table.starts_with(LOCAL_PREFIX)
}

/// A recorded table as undo sees it.
struct Table {
    name: String,
    /// Its stored columns (not the generated ones), in order.
    columns: Vec<String>,
    /// Its primary key, in key order.
    key: Vec<String>,
}

/// Every recorded table with its columns; an error when one has no primary key.
fn recorded_tables(conn: &Connection) -> Result<Vec<Table>> {
    tables_of(conn, |_| true)
}

/// The recorded tables that `wanted` names, by name, with their columns.
fn tables_of(conn: &Connection, wanted: impl Fn(&str) -> bool) -> Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare_cached("SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .filter(|t| is_recorded(t) && wanted(t))
        .map(|t| table(conn, t))
        .collect()
}

/// A recorded table's stored columns and key, from the schema as it is; an
/// error when it has no primary key.
fn table(conn: &Connection, name: String) -> Result<Table> {
    // Generated columns (hidden 2 and 3) are computed, never written.
    let mut stmt = conn.prepare_cached(
        "SELECT name, pk FROM pragma_table_xinfo(?1, 'main') WHERE hidden = 0 ORDER BY cid",
    )?;
    let mut columns = Vec::new();
    let mut key: Vec<(i64, String)> = Vec::new();
    let mut rows = stmt.query([&name])?;
    while let Some(row) = rows.next()? {
        let (column, pk): (String, i64) = (row.get(0)?, row.get(1)?);
        if pk > 0 {
            key.push((pk, column.clone()));
        }
        columns.push(column);
    }
    if key.is_empty() {
        bail!(
            "table {name} has no PRIMARY KEY, so undo cannot name its rows: give it one, \
             or name it {LOCAL_PREFIX}… if undo must leave it alone"
        );
    }
    key.sort();
    Ok(Table {
        name,
        columns,
        key: key.into_iter().map(|(_, c)| c).collect(),
    })
}

/// The recording of one write step: SQLite's session extension watches
/// every recorded table (one rule, [`is_recorded`]) while the step runs, and
/// [`Recording::save`] turns what it saw into `undo_rows`. Creating it parses
/// nothing; each table the step changes costs a few statements at the save.
pub struct Recording<'c> {
    conn: &'c Connection,
    op: i64,
    session: RefCell<Session<'c>>,
}

impl<'c> Recording<'c> {
    /// Starts recording step `op` (a row of `journal`) on `conn`, inside its
    /// write transaction.
    pub fn start(conn: &'c Connection, op: i64) -> Result<Recording<'c>> {
        let session = Session::new(conn, is_recorded)?;
        conn.execute("UPDATE undo_state SET op = ?1", [op])?;
        Ok(Recording {
            conn,
            op,
            session: RefCell::new(session),
        })
    }

    /// Saves what the step changed and ends its recording.
    pub fn finish(self) -> Result<()> {
        self.save()?;
        self.conn.execute("UPDATE undo_state SET op = NULL", [])?;
        Ok(())
    }
}

/// What bulk work needs of the recording of the step it runs in (a trait, so
/// that [`crate::store::Db`] holds it without naming the session's lifetime).
pub trait Recorder {
    /// Keeps in `undo_rows` the first change of each row the step made so
    /// far, as the triggers of schema 12 to 14 did: the row's key, and its
    /// image before the step (NULL for a row it added). A row already kept
    /// (by an earlier save or by [`delete_recorded`]) keeps its image.
    fn save(&self) -> Result<()>;

    /// Runs `f` with the session resting: bulk work records set by set.
    fn paused(&self, f: &mut dyn FnMut() -> rusqlite::Result<usize>) -> rusqlite::Result<usize>;
}

impl Recorder for Recording<'_> {
    fn save(&self) -> Result<()> {
        let mut session = self.session.borrow_mut();
        if session.is_empty() {
            return Ok(());
        }
        let changeset = session.changeset()?;
        // A changeset holds the changes of one table together.
        let mut current: Option<Changes<'_>> = None;
        changeset.each(|item| {
            if current
                .as_ref()
                .is_none_or(|s| s.table.name != item.table())
            {
                let table = table(self.conn, item.table().to_string())?;
                if table.columns.len() != item.columns() {
                    bail!("undo: {} changed shape during a write", table.name);
                }
                current = Some(Changes::new(self.conn, self.op, table)?);
            }
            let changes = current.as_mut().unwrap();
            let n = changes.table.columns.len();
            match item.kind() {
                Kind::Insert => {
                    let key = changes.key(|i| item.after(i))?;
                    changes.put(&key, None)?;
                }
                Kind::Delete => {
                    let key = changes.key(|i| item.before(i))?;
                    let old = (0..n)
                        .map(|i| Ok(item.before(i)?.unwrap_or(ValueRef::Null)))
                        .collect::<Result<Vec<_>>>()?;
                    changes.put(&key, Some(&old))?;
                }
                Kind::Update => {
                    // The columns it did not change are as they were.
                    let key = changes.key(|i| item.before(i))?;
                    let mut now = changes.read(&key)?;
                    for (i, value) in now.iter_mut().enumerate() {
                        if let Some(old) = item.before(i)? {
                            *value = Value::try_from(old)?;
                        }
                    }
                    let old: Vec<ValueRef<'_>> = now.iter().map(ValueRef::from).collect();
                    changes.put(&key, Some(&old))?;
                }
            }
            Ok(())
        })
    }

    fn paused(&self, f: &mut dyn FnMut() -> rusqlite::Result<usize>) -> rusqlite::Result<usize> {
        self.session.borrow_mut().set_enabled(false);
        let out = f();
        self.session.borrow_mut().set_enabled(true);
        out
    }
}

/// The changed rows of one table, kept in `undo_rows` as [`keep_images`]
/// keeps them: the key as a JSON array made by SQLite (so that the same row
/// is the same key), the image a JSON object of every stored column.
struct Changes<'c> {
    conn: &'c Connection,
    op: i64,
    table: Table,
    /// Where each key column is among the columns.
    key_at: Vec<usize>,
}

impl<'c> Changes<'c> {
    fn new(conn: &'c Connection, op: i64, table: Table) -> Result<Changes<'c>> {
        let key_at = table
            .key
            .iter()
            .map(|k| table.columns.iter().position(|c| c == k).unwrap())
            .collect();
        Ok(Changes {
            conn,
            op,
            table,
            key_at,
        })
    }

    /// The key of a changed row, from its values in the changeset (a key
    /// column is always there).
    fn key<'v>(&self, value: impl Fn(usize) -> Result<Option<ValueRef<'v>>>) -> Result<Vec<Value>> {
        self.key_at
            .iter()
            .map(|&i| match value(i)? {
                Some(v) => Ok(Value::try_from(v)?),
                None => bail!("undo: a key column of {} is missing", self.table.name),
            })
            .collect()
    }

    /// Keeps a row: `old` its columns before the step, None for a row it added.
    fn put(&self, key: &[Value], old: Option<&[ValueRef<'_>]>) -> Result<()> {
        let old = old.map(|values| self.image(values)).transpose()?;
        let params: Vec<String> = (0..key.len()).map(|i| format!("?{}", i + 4)).collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO undo_rows (op, tbl, key, old) VALUES (?1, ?2, json_array({}), ?3)",
            params.join(", ")
        ))?;
        stmt.raw_bind_parameter(1, self.op)?;
        stmt.raw_bind_parameter(2, &self.table.name)?;
        stmt.raw_bind_parameter(3, old)?;
        for (i, value) in key.iter().enumerate() {
            stmt.raw_bind_parameter(i + 4, value)?;
        }
        stmt.raw_execute()?;
        Ok(())
    }

    /// The row with this key as it is now, every stored column.
    fn read(&self, key: &[Value]) -> Result<Vec<Value>> {
        let t = &self.table;
        let columns: Vec<String> = t.columns.iter().map(|c| ident(c)).collect();
        let matches: Vec<String> = (0..t.key.len())
            .map(|i| format!("{} = ?{}", ident(&t.key[i]), i + 1))
            .collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM main.{} WHERE {}",
            columns.join(", "),
            ident(&t.name),
            matches.join(" AND ")
        ))?;
        let row = stmt.query_row(rusqlite::params_from_iter(key), |r| {
            (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
        })?;
        Ok(row)
    }

    /// A row's image, as `json_object` of its columns would make it.
    fn image(&self, values: &[ValueRef<'_>]) -> Result<String> {
        let mut out = String::from("{");
        for (i, (column, value)) in self.table.columns.iter().zip(values).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(column)?);
            out.push(':');
            match *value {
                ValueRef::Null => out.push_str("null"),
                ValueRef::Integer(n) => out.push_str(&n.to_string()),
                ValueRef::Real(x) if x.is_finite() => out.push_str(&serde_json::to_string(&x)?),
                // What json_object writes for an infinity, and reads back as one.
                ValueRef::Real(x) => out.push_str(if x > 0.0 { "9e999" } else { "-9e999" }),
                ValueRef::Text(t) => {
                    out.push_str(&serde_json::to_string(&String::from_utf8_lossy(t))?)
                }
                ValueRef::Blob(_) => {
                    bail!("undo cannot keep the BLOB in {}.{column}", self.table.name)
                }
            }
        }
        out.push('}');
        Ok(out)
    }
}

/// Fails when a recorded table has no primary key (run after an upgrade).
pub fn check_tables(conn: &Connection) -> Result<()> {
    recorded_tables(conn)?;
    Ok(())
}

/// Reverts step `op` (inside the undo's transaction, foreign keys deferred):
/// the SQL a step recorded before schema 12 kept, replayed backwards, then
/// the rows it recorded: every row it added deleted and every row it changed
/// or deleted put back as it was, with two set statements per table.
pub fn revert(conn: &Connection, op: i64) -> Result<()> {
    let steps: Vec<String> = conn
        .prepare("SELECT sql FROM undo_log WHERE op = ?1 ORDER BY seq DESC")?
        .query_map([op], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sql in &steps {
        conn.execute_batch(sql)?;
    }
    let changed: Vec<String> = conn
        .prepare("SELECT DISTINCT tbl FROM undo_rows WHERE op = ?1")?
        .query_map([op], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // The columns of the tables the step changed only (a small step changes
    // one or two of them).
    let tables = tables_of(conn, |t| changed.iter().any(|c| c == t))?;
    // Deletes first: one that cascades to a row the step changed is then
    // followed by that row coming back.
    for table in &tables {
        let key = table.key.iter().map(|c| ident(c)).collect::<Vec<_>>();
        let from_key: Vec<String> = (0..key.len())
            .map(|i| format!("json_extract(key, '$[{i}]')"))
            .collect();
        conn.execute(
            &format!(
                "DELETE FROM main.{} WHERE ({}) IN (SELECT {} FROM undo_rows WHERE op = ?1 AND tbl = ?2 AND old IS NULL)",
                ident(&table.name),
                key.join(", "),
                from_key.join(", ")
            ),
            rusqlite::params![op, table.name],
        )?;
    }
    for table in &tables {
        restore(conn, op, table)?;
    }
    Ok(())
}

/// Deletes the rows of `table` that `filter` (a condition on its columns)
/// selects, recording them for undo set by set: one `INSERT … SELECT` of
/// their images per table, for them and for every row a foreign key
/// cascades the delete to (or sets to NULL), while the session rests,
/// instead of it keeping each row (`net forget` of a contact with 200k
/// interactions). Outside a recorded write it only deletes.
pub fn delete_recorded(
    conn: &Connection,
    recording: Option<&dyn Recorder>,
    table: &str,
    filter: &str,
) -> Result<usize> {
    let mut delete = || {
        conn.execute(
            &format!("DELETE FROM main.{} WHERE {filter}", ident(table)),
            [],
        )
    };
    let Some(recording) = recording else {
        return Ok(delete()?);
    };
    // What the step changed before keeps its image from before the step.
    recording.save()?;
    keep_images(conn, &recorded_tables(conn)?, table, filter, Some(0))?;
    Ok(recording.paused(&mut delete)?)
}

/// A foreign key of `child` onto the table being deleted from.
struct ForeignKey {
    child: String,
    id: i64,
    /// The child's columns and the parent's they point at, quoted.
    from: Vec<String>,
    to: Vec<String>,
    on_delete: String,
}

/// Records the images of the rows of `table` that `filter` selects, and of
/// the rows that deleting them changes through foreign keys (`depth`: how
/// many cascades led here; None for rows a delete only updates).
fn keep_images(
    conn: &Connection,
    tables: &[Table],
    table: &str,
    filter: &str,
    depth: Option<usize>,
) -> Result<()> {
    let Some(t) = tables.iter().find(|t| t.name == table) else {
        return Ok(()); // not recorded (a local table)
    };
    if depth.is_some_and(|d| d > 8) {
        bail!("foreign keys cascade deeper than 8 tables from {table}");
    }
    let keys: Vec<String> = t.key.iter().map(|c| ident(c)).collect();
    let pairs: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("{}, {}", lit(c), ident(c)))
        .collect();
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO undo_rows (op, tbl, key, old)
             SELECT (SELECT op FROM undo_state), {}, json_array({}), json_object({}) FROM main.{} WHERE {filter}",
            lit(table),
            keys.join(", "),
            pairs.join(", "),
            ident(table)
        ),
        [],
    )?;
    let Some(depth) = depth else {
        return Ok(());
    };
    let mut stmt = conn.prepare(
        "SELECT m.name, f.id, f.\"from\", f.\"to\", f.on_delete
         FROM main.sqlite_schema m, pragma_foreign_key_list(m.name, 'main') f
         WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name, f.id, f.seq",
    )?;
    let rows = stmt.query_map([table], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut keys_to: Vec<ForeignKey> = Vec::new();
    for row in rows {
        let (child, id, from, to, action) = row?;
        if keys_to
            .last()
            .is_none_or(|k| k.child != child || k.id != id)
        {
            keys_to.push(ForeignKey {
                child,
                id,
                from: Vec::new(),
                to: Vec::new(),
                on_delete: action,
            });
        }
        let k = keys_to.last_mut().unwrap();
        k.from.push(ident(&from));
        // No parent column named: the parent's primary key, in order.
        let parent = to.map_or_else(
            || keys[k.to.len().min(keys.len() - 1)].clone(),
            |c| ident(&c),
        );
        k.to.push(parent);
    }
    for k in keys_to {
        if k.on_delete == "NO ACTION" || k.on_delete == "RESTRICT" {
            continue;
        }
        let child_filter = format!(
            "({}) IN (SELECT {} FROM main.{} WHERE {filter})",
            k.from.join(", "),
            k.to.join(", "),
            ident(table)
        );
        // SET NULL and SET DEFAULT change the child rows, nothing further.
        let next = (k.on_delete == "CASCADE").then_some(depth + 1);
        keep_images(conn, tables, &k.child, &child_filter, next)?;
    }
    Ok(())
}

/// Runs the reverse SQL of a bulk step (an import into an empty database:
/// "empty every table, put back the rules"). Every trigger on a recorded
/// table (the search index's) is dropped
/// while it runs and comes back after, and every full-text index is rebuilt
/// from what is left: a `DELETE FROM t` without triggers (and, as
/// [`crate::store::Store::undo`] runs it, without foreign keys) lets SQLite
/// drop a table's pages at once instead of deleting its rows one by one
/// (undo of a 1M-interaction import: 38.6 s -> about 1 s).
pub fn run_bulk_reverse(conn: &Connection, sql: &str) -> Result<()> {
    let mut triggers: Vec<(String, String, String)> = Vec::new();
    for schema in ["main", "temp"] {
        let mut stmt = conn.prepare(&format!(
            "SELECT name, tbl_name, sql FROM {schema}.sqlite_schema WHERE type = 'trigger'"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
        for row in rows {
            let (name, table, sql): (String, String, String) = row?;
            if is_recorded(&table) {
                triggers.push((schema.to_string(), name, sql));
            }
        }
    }
    for (schema, name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER {schema}.{}", ident(name)))?;
    }
    conn.execute_batch(sql)?;
    for (_, _, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    // Contentless indexes (the search's) have no 'rebuild': the store refills them.
    conn.execute_batch(crate::store::search::REBUILD)?;
    let indexes: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table'
             AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' AND sql NOT LIKE '%content = ''''%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for index in indexes {
        let t = ident(&index);
        conn.execute_batch(&format!("INSERT INTO main.{t} ({t}) VALUES ('rebuild')"))?;
    }
    Ok(())
}

/// Puts back the rows of `table` that step `op` changed or deleted, as they
/// were. A column added since the step was recorded is not in its images and
/// keeps its default (or its current value); a dropped one is ignored.
fn restore(conn: &Connection, op: i64, table: &Table) -> Result<()> {
    let Some(sample): Option<String> = conn
        .query_row(
            "SELECT old FROM undo_rows WHERE op = ?1 AND tbl = ?2 AND old IS NOT NULL LIMIT 1",
            rusqlite::params![op, table.name],
            |r| r.get(0),
        )
        .optional()?
    else {
        return Ok(());
    };
    let imaged: Vec<String> = conn
        .prepare("SELECT key FROM json_each(?1)")?
        .query_map([sample], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let columns: Vec<&String> = table
        .columns
        .iter()
        .filter(|c| imaged.contains(c))
        .collect();
    let values: Vec<String> = columns
        .iter()
        .map(|c| format!("json_extract(old, {})", lit(&format!("$.\"{c}\""))))
        .collect();
    let set: Vec<String> = columns
        .iter()
        .filter(|c| !table.key.contains(c))
        .map(|c| format!("{0} = excluded.{0}", ident(c)))
        .collect();
    let on_conflict = if set.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", set.join(", "))
    };
    conn.execute(
        &format!(
            "INSERT INTO main.{} ({}) SELECT {} FROM undo_rows WHERE op = ?1 AND tbl = ?2 AND old IS NOT NULL
             ON CONFLICT ({}) {on_conflict}",
            ident(&table.name),
            columns.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", "),
            values.join(", "),
            table.key.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", "),
        ),
        rusqlite::params![op, table.name],
    )?;
    Ok(())
}

/// `s` as a SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `name` as a quoted SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_leaves_its_own_and_local_tables_alone() {
        for table in [
            "journal",
            "undo_log",
            "undo_state",
            "local_meta",
            "local_sync_state",
        ] {
            assert!(!is_recorded(table), "{table}");
        }
        for table in ["contacts", "tags", "locals", "sqlite_stat1x"] {
            assert_eq!(is_recorded(table), table != "sqlite_stat1x", "{table}");
        }
    }
}
