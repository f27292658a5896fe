//! The errors a person can cause, and how they map to exit codes.
//!
//! Everything else travels as `anyhow::Error` with context; `main` prints the
//! whole chain on one line as `net: …`.

use std::process::ExitCode;

/// A mistake in what the user typed: exit code 2, like a usage error of clap.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// Builds a usage error (exit code 2) from anything printable.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    Usage(msg.into()).into()
}

/// The exit code for an error: 2 when the user typed something wrong, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    let is_usage = err.chain().any(|e| {
        e.downcast_ref::<Usage>().is_some()
            || e.downcast_ref::<crate::parse::ParseError>().is_some()
    });
    if is_usage {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
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
    crate::render::sanitize(&out)
}

/// The message of an error without its type, so that a problem inside a
/// file (config, import) exits 1 even when a parser for typed input found it.
pub fn in_file(err: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{err}")
}

/// One line for the terminal: the chain joined by ": ", with control characters
/// made visible so that no input can drive the terminal.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        // anyhow's context often repeats the cause verbatim; say it once.
        if parts.last().is_some_and(|p| p.ends_with(&text)) {
            continue;
        }
        parts.push(text);
    }
    crate::render::sanitize(&parts.join(": ")).replace('\n', " ")
}
