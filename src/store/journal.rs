//! Undo (`net undo`): the journal of write commands and the triggers that
//! record how to reverse each row change.
//!
//! Every write command is one row in `journal`. While it runs,
//! `undo_state.op` names it, and a trigger on every recorded table keeps in
//! `undo_rows` the first change of each row in that step: the row's key and
//! its image before the step (a JSON object of its columns), or NULL when the
//! step added the row. Later changes of the same row in the step are ignored
//! (the key is the primary key of `undo_rows`), so a step holds one row per
//! row it touched, whatever it did to it. [`revert`] undoes a step with two
//! set statements per table: delete the rows it added, put back (upsert) the
//! rows it changed or deleted. Before schema 12 the triggers wrote one SQL
//! statement per row change into `undo_log`, replayed one parsed statement at
//! a time (undo of `forget` of a contact with 200k interactions 7.3 s, of a
//! large merge 2.5 s); such steps, recorded before an upgrade, are still
//! replayed that way.
//!
//! Bulk work records set by set: [`delete_recorded`] keeps the images of the
//! rows a delete removes (and of those its foreign keys cascade to) with one
//! `INSERT … SELECT` per table while the triggers rest, and an import into an
//! empty database records no rows at all but its reverse SQL ("empty every
//! table, put the rules back", [`run_bulk_reverse`]).
//!
//! The triggers are not written by hand and not kept in the schema:
//! [`start_recording`] builds them from the schema as it is
//! (`pragma_table_xinfo`) as TEMP triggers of the connection, at its first
//! recorded write. So a migration adds, drops or renames tables and columns
//! freely and writes no undo SQL, and a read (`net due`) parses no trigger at
//! all. Measured (release, 150 contacts): 33 triggers kept in the schema cost
//! every start about 0.7 ms of 6 (`net due` 5.9 -> 5.3 ms without them);
//! creating them at a write costs that write about 1.8 ms of CPU (callgrind,
//! `net add`: 17.9M of 26.5M instructions, nearly all of it SQLite parsing
//! the `CREATE TRIGGER` text; generating that text is 2.8M, so caching it
//! would save little). Reads are the many (the greeting, every TAB
//! completion), so the writes pay.
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

use anyhow::{bail, Context, Result};
use rusqlite::{Connection, OptionalExtension};

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

/// Every recorded table with its columns, read in one query; an error when
/// one has no primary key.
fn recorded_tables(conn: &Connection) -> Result<Vec<Table>> {
    // Generated columns (hidden 2 and 3) are computed, never written.
    let mut stmt = conn.prepare(
        "SELECT t.name, c.name, c.pk FROM main.sqlite_schema t, pragma_table_xinfo(t.name, 'main') c
         WHERE t.type = 'table' AND c.hidden = 0 ORDER BY t.name, c.cid",
    )?;
    let mut rows = stmt.query([])?;
    let mut tables: Vec<Table> = Vec::new();
    let mut keys: Vec<Vec<(i64, String)>> = Vec::new();
    while let Some(row) = rows.next()? {
        let (table, column, pk): (String, String, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        if !is_recorded(&table) {
            continue;
        }
        if tables.last().is_none_or(|t| t.name != table) {
            tables.push(Table {
                name: table,
                columns: Vec::new(),
                key: Vec::new(),
            });
            keys.push(Vec::new());
        }
        if pk > 0 {
            keys.last_mut().unwrap().push((pk, column.clone()));
        }
        tables.last_mut().unwrap().columns.push(column);
    }
    for (table, mut key) in tables.iter_mut().zip(keys) {
        if key.is_empty() {
            bail!(
                "table {} has no PRIMARY KEY, so undo cannot name its rows: give it one, \
                 or name it {LOCAL_PREFIX}… if undo must leave it alone",
                table.name
            );
        }
        key.sort();
        table.key = key.into_iter().map(|(_, c)| c).collect();
    }
    Ok(tables)
}

/// Makes sure this connection records row changes for undo: creates the
/// TEMP triggers at its first recorded write (a process makes one or two).
/// They go with a rolled-back transaction and come back at the next write.
pub fn start_recording(conn: &Connection) -> Result<()> {
    let ready: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_temp_schema WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\')",
        [],
        |r| r.get(0),
    )?;
    if !ready {
        let sql: String = recorded_tables(conn)?.iter().map(triggers_for).collect();
        conn.execute_batch(&sql)
            .context("creating the undo triggers")?;
    }
    Ok(())
}

/// Fails when a recorded table has no primary key (run after an upgrade).
pub fn check_tables(conn: &Connection) -> Result<()> {
    recorded_tables(conn)?;
    Ok(())
}

/// The three `CREATE TEMP TRIGGER` statements that record how to reverse a
/// change of `table`: the first change of each row in a step keeps the row's
/// key and its image before the step (NULL for a row the step added) in
/// `undo_rows`; later changes of the same row in the step are ignored.
fn triggers_for(table: &Table) -> String {
    let (names, key) = (&table.columns, &table.key);
    let table = table.name.as_str();
    let t = ident(table);
    let keys = |row: &str| {
        let cols: Vec<String> = key.iter().map(|c| format!("{row}.{}", ident(c))).collect();
        format!("json_array({})", cols.join(", "))
    };
    let image = |row: &str| {
        let pairs: Vec<String> = names
            .iter()
            .map(|c| format!("{}, {row}.{}", lit(c), ident(c)))
            .collect();
        format!("json_object({})", pairs.join(", "))
    };
    let op = "(SELECT op FROM undo_state)";
    let record = |key: String, old: String| {
        format!(
            "INSERT OR IGNORE INTO undo_rows (op, tbl, key, old) VALUES ({op}, {}, {key}, {old});",
            lit(table)
        )
    };
    let recording = format!("{op} IS NOT NULL");
    let prefix = |event: &str| ident(&format!("undo_{table}_{event}"));
    // Only a real change is recorded: most refreshes of derived columns change nothing.
    let changed = names
        .iter()
        .map(|c| format!("old.{0} IS NOT new.{0}", ident(c)))
        .collect::<Vec<_>>()
        .join(" OR ");
    // An update that changes the key also adds a row under the new key.
    let moved = key
        .iter()
        .map(|c| format!("old.{0} IS NOT new.{0}", ident(c)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let update = format!(
        "{} INSERT OR IGNORE INTO undo_rows (op, tbl, key, old) SELECT {op}, {}, {}, NULL WHERE {moved};",
        record(keys("old"), image("old")),
        lit(table),
        keys("new"),
    );
    format!(
        "CREATE TEMP TRIGGER {} AFTER INSERT ON main.{t} WHEN {recording}\nBEGIN {} END;\n\
         CREATE TEMP TRIGGER {} AFTER UPDATE ON main.{t} WHEN {recording} AND ({changed})\nBEGIN {update} END;\n\
         CREATE TEMP TRIGGER {} BEFORE DELETE ON main.{t} WHEN {recording}\nBEGIN {} END;\n",
        prefix("insert"),
        record(keys("new"), "NULL".into()),
        prefix("update"),
        prefix("delete"),
        record(keys("old"), image("old")),
    )
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
    let tables: Vec<Table> = recorded_tables(conn)?
        .into_iter()
        .filter(|t| changed.contains(&t.name))
        .collect();
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
/// cascades the delete to (or sets to NULL), instead of a trigger firing per
/// row (`net forget` of a contact with 200k interactions). Outside a
/// recorded write it only deletes.
pub fn delete_recorded(conn: &Connection, table: &str, filter: &str) -> Result<usize> {
    let op: Option<i64> = conn.query_row("SELECT op FROM undo_state", [], |r| r.get(0))?;
    if op.is_some() {
        keep_images(conn, &recorded_tables(conn)?, table, filter, Some(0))?;
    }
    // Every row the delete changes is recorded: the triggers rest meanwhile.
    conn.execute("UPDATE undo_state SET op = NULL", [])?;
    let deleted = conn.execute(
        &format!("DELETE FROM main.{} WHERE {filter}", ident(table)),
        [],
    );
    conn.execute("UPDATE undo_state SET op = ?1", [op])?;
    Ok(deleted?)
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
/// table (the search index's, this connection's undo triggers) is dropped
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
