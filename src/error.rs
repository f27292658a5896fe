//! The errors a person can cause, and how they map to exit codes.
//!
//! Everything else travels as `anyhow::Error` with context; `main` prints the
//! whole chain on one line as `net: …`.

use std::process::ExitCode;

/// What kind of failure an error is. It is decided where the error is made
/// (a [`Failure`] carries it; a [`crate::parse::ParseError`] of typed text is
/// a usage error by nature) and read only at the root of the chain, so context
/// added on the way up never changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Something typed on the command line is wrong (exit code 2).
    Usage,
    /// What was asked cannot be done: an unknown contact, a file that is not
    /// what it should be (exit code 1).
    User,
    /// The config file has a bad value (exit code 1).
    Config,
    /// Anything else: the disk, the database, a bug (exit code 1).
    Internal,
}

/// The exit codes of `net`, in one place (the README and `net help scripts`
/// show the same table).
pub mod code {
    /// Success; for `net due --quiet`: nothing needs you today.
    pub const OK: u8 = 0;
    /// A failure: one `net: …` line on stderr.
    pub const FAILURE: u8 = 1;
    /// A usage error: something typed on the command line is wrong.
    pub const USAGE: u8 = 2;
    /// `net due --quiet`: someone or something needs you today. No error uses it.
    pub const NEEDS_YOU: u8 = 3;
}

/// An error with its kind, made where the problem is found.
#[derive(Debug, thiserror::Error)]
#[error("{msg}")]
pub struct Failure {
    pub kind: Kind,
    msg: String,
}

/// A mistake in what the user typed (exit code 2).
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    Failure {
        kind: Kind::Usage,
        msg: msg.into(),
    }
    .into()
}

/// What was asked cannot be done (exit code 1).
pub fn user(msg: impl Into<String>) -> anyhow::Error {
    Failure {
        kind: Kind::User,
        msg: msg.into(),
    }
    .into()
}

/// The config file cannot be used (exit code 1).
pub fn config(msg: impl Into<String>) -> anyhow::Error {
    Failure {
        kind: Kind::Config,
        msg: msg.into(),
    }
    .into()
}

/// The kind of an error, read from the root of its chain.
pub fn kind(err: &anyhow::Error) -> Kind {
    let root = err.root_cause();
    if let Some(f) = root.downcast_ref::<Failure>() {
        f.kind
    } else if root.downcast_ref::<crate::parse::ParseError>().is_some() {
        Kind::Usage
    } else {
        Kind::Internal
    }
}

/// The exit code for an error: 2 for a usage error, 1 for every other kind.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    ExitCode::from(match kind(err) {
        Kind::Usage => code::USAGE,
        Kind::User | Kind::Config | Kind::Internal => code::FAILURE,
    })
}

/// True when the error (anywhere in its chain) is a closed pipe, e.g. `net list | head`.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == pipe)
            // JSON is written through serde_json, which wraps the I/O error.
            || e.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(pipe))
    })
}

/// A clap error (missing argument, unknown command, bad value) as one line:
/// its first paragraph and any "tip", then where to read more.
pub fn clap_line(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    let mut paragraph = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if line.is_empty() {
            if !paragraph.is_empty() {
                parts.push(paragraph.join(" "));
                paragraph.clear();
            }
            continue;
        }
        paragraph.push(line.trim_start_matches("error: ").to_string());
    }
    if !paragraph.is_empty() {
        parts.push(paragraph.join(" "));
    }
    let mut out = parts.join("; ").replace(": ;", ":");
    out.push_str(" (net --help lists the commands; net COMMAND --help explains one)");
    crate::safe::sanitize(&out)
}

/// A problem inside a file (config, import) that a parser for typed input
/// found: a user error (exit code 1), not a usage error.
pub fn in_file(err: impl std::fmt::Display) -> anyhow::Error {
    user(err.to_string())
}

/// The database of this run, named by the messages about it that are made
/// far from where it was opened (a damaged page found mid-command).
static DATABASE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Records which database this run uses (set once, when it is opened).
pub fn set_database(path: &std::path::Path) {
    let _ = DATABASE.set(path.to_path_buf());
}

fn database() -> String {
    DATABASE
        .get()
        .map_or_else(|| "net.db".to_string(), |p| p.display().to_string())
}

/// What every command (and `net doctor`) says when SQLite finds the
/// database file damaged, in one line: what is wrong and how to recover.
pub fn damaged() -> String {
    let db = database();
    format!(
        "the database file {db} is damaged (SQLite: database disk image is malformed) and nothing was saved: \
restore your last export into a new file (NET_DB=new.db net import json backup.json), \
or start from the copy kept before an upgrade ({db}.schemaN.bak, `net doctor` lists it), \
or rescue what is left with `sqlite3 {db} .recover | sqlite3 rescued.db`"
    )
}

/// What a write says when the disk filled up under it.
pub fn disk_full() -> String {
    format!(
        "the disk is full: nothing was saved ({} is unchanged; free some space and run the command again)",
        database()
    )
}

/// Which fault from outside an error is, if any: a damaged file, a full
/// disk, a database that cannot be written.
fn fault(err: &anyhow::Error) -> Option<String> {
    use rusqlite::ErrorCode as C;
    for e in err.chain() {
        if let Some(code) = e
            .downcast_ref::<rusqlite::Error>()
            .and_then(|e| e.sqlite_error_code())
        {
            match code {
                C::DatabaseCorrupt | C::NotADatabase => return Some(damaged()),
                C::DiskFull => return Some(disk_full()),
                C::SystemIoFailure => {
                    return Some(format!(
                        "reading or writing {} failed (a disk I/O error): nothing was saved; check the disk, then run `net doctor`",
                        database()
                    ))
                }
                C::CannotOpen => {
                    return Some(format!(
                        "{} cannot be opened (is its folder there and readable?): nothing was read or saved",
                        database()
                    ))
                }
                C::ReadOnly => {
                    return Some(format!(
                    "{} cannot be written (read-only): nothing was saved; `net doctor` says why",
                    database()
                ))
                }
                _ => {}
            }
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28) {
                return Some(disk_full());
            }
        }
    }
    None
}

/// One line for the terminal: the chain joined by ": ", with control characters
/// made visible so that no input can drive the terminal.
pub fn one_line(err: &anyhow::Error) -> String {
    // A damaged file, a full disk: whatever the command was, say so and how to recover.
    if let Some(line) = fault(err) {
        return crate::safe::sanitize(&line);
    }
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        // anyhow's context often repeats the cause verbatim; say it once.
        if parts.last().is_some_and(|p| p.ends_with(&text)) {
            continue;
        }
        parts.push(text);
    }
    crate::safe::sanitize(&parts.join(": ")).replace('\n', " ")
}
