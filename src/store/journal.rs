//! Undo (`net undo`): the journal of write commands and the triggers that
//! record how to reverse each row change.
//!
//! Every write command is one row in `journal`. While it runs,
//! `undo_state.op` names it, and a trigger on every recorded table writes
//! into `undo_log` the SQL that reverses one row change: a `DELETE` for an
//! insert, an `UPDATE` back to the old values, an `INSERT` of the deleted row.
//! Undo replays an operation's log backwards.
//!
//! The triggers are not written by hand and not kept in the schema:
//! [`start_recording`] builds them from the schema as it is
//! (`pragma_table_xinfo`) as TEMP triggers of the connection, at its first
//! recorded write. So a migration adds, drops or renames tables and columns
//! freely and writes no undo SQL, and a read (`net due`) parses no trigger at
//! all. Measured (release, 150 contacts): 33 triggers kept in the schema cost
//! every start about 0.7 ms of 6 (`net due` 5.9 -> 5.3 ms without them);
//! creating them at a write costs that write about 1.8 ms of CPU, on a write
//! of about 15 ms that waits for the disk. Reads are the many (the greeting,
//! every TAB completion), so the writes pay.
//!
//! Which tables are recorded is one rule, [`is_recorded`]: every table except
//! undo's own (`journal`, `undo_log`, `undo_state`) and any table whose name
//! starts with `local_` (state of this machine that an undo must not revert,
//! such as sync bookkeeping). A recorded table must have a PRIMARY KEY: the
//! reverse SQL names its rows by it. [`check_tables`] runs after every
//! upgrade, which fails (rolled back) on a table without one rather than
//! leave it silently out of undo.
//!
//! Undo history survives an upgrade: the recorded SQL names its columns, so
//! it still applies after a migration adds a column (the old row gets the
//! column's default back) or adds a table. A migration that drops or renames a
//! column of a recorded table must rewrite or clear the `undo_log` rows that
//! name it.

use anyhow::{bail, Context, Result};
use rusqlite::Connection;

/// Undo's own tables: never recorded.
pub const UNDO_TABLES: &[&str] = &["journal", "undo_log", "undo_state"];

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
/// change of `table`.
fn triggers_for(table: &Table) -> String {
    let (names, key) = (&table.columns, &table.key);
    let table = table.name.as_str();
    let t = ident(table);
    // Pieces of a SQL expression that builds the reverse statement as text.
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let value = |row: &str, c: &str| format!("quote({row}.{})", ident(c));
    let assign =
        |row: &str, c: &str| format!("{} || {}", lit(&format!("{}=", ident(c))), value(row, c));
    let where_key = |row: &str| {
        key.iter()
            .map(|c| assign(row, c))
            .collect::<Vec<_>>()
            .join(&format!(" || {} || ", lit(" AND ")))
    };
    let comma = format!(" || {} || ", lit(","));
    let record = |text: String| {
        format!("INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), {text});")
    };
    let recording = "(SELECT op FROM undo_state) IS NOT NULL";
    let prefix = |event: &str| ident(&format!("undo_{table}_{event}"));

    let insert = record(format!(
        "{} || {}",
        lit(&format!("DELETE FROM {t} WHERE ")),
        where_key("new")
    ));
    let update = record(format!(
        "{} || {} || {} || {}",
        lit(&format!("UPDATE {t} SET ")),
        names
            .iter()
            .map(|c| assign("old", c))
            .collect::<Vec<_>>()
            .join(&comma),
        lit(" WHERE "),
        where_key("new")
    ));
    // Only a real change is recorded: most refreshes of derived columns change nothing.
    let changed = names
        .iter()
        .map(|c| format!("old.{0} IS NOT new.{0}", ident(c)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let delete = record(format!(
        "{} || {} || {}",
        lit(&format!(
            "INSERT INTO {t} ({}) VALUES (",
            names.iter().map(|c| ident(c)).collect::<Vec<_>>().join(",")
        )),
        names
            .iter()
            .map(|c| value("old", c))
            .collect::<Vec<_>>()
            .join(&comma),
        lit(")")
    ));
    format!(
        "CREATE TEMP TRIGGER {} AFTER INSERT ON main.{t} WHEN {recording}\nBEGIN {insert} END;\n\
         CREATE TEMP TRIGGER {} AFTER UPDATE ON main.{t} WHEN {recording} AND ({changed})\nBEGIN {update} END;\n\
         CREATE TEMP TRIGGER {} BEFORE DELETE ON main.{t} WHEN {recording}\nBEGIN {delete} END;\n",
        prefix("insert"),
        prefix("update"),
        prefix("delete"),
    )
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
