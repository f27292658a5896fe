//! `net config`: the effective configuration and where each value comes
//! from; `--default` the commented template; `edit` opens it in $EDITOR.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::Origin;
use crate::config::{Settings, DEFAULT_TOML};
use crate::{prompt, render};

/// Where the two files are, and who chose them.
pub struct Paths<'a> {
    pub db: &'a Path,
    pub db_from: Origin,
    pub config_from: Origin,
}

/// Prints the effective config, each value marked `file` or `default`
/// (or the commented default with `default`).
pub fn run(
    out: &mut dyn Write,
    settings: &Settings,
    paths: &Paths<'_>,
    default: bool,
    json: bool,
) -> Result<()> {
    if default {
        out.write_all(DEFAULT_TOML.as_bytes())?;
        return Ok(());
    }
    let rendered = toml::to_string(settings.values())?;
    let marked = mark(&rendered, settings);
    if json {
        let sources: serde_json::Map<String, serde_json::Value> = marked
            .iter()
            .filter_map(|(_, key)| key.as_ref())
            .map(|(key, from)| (key.clone(), (*from).into()))
            .collect();
        let value = serde_json::json!({
            "path": settings.path,
            "file_exists": settings.file_exists,
            "config_from": origin(paths.config_from, "NET_CONFIG", "--config"),
            "db": paths.db,
            "db_from": origin(paths.db_from, "NET_DB", "--db"),
            "config": settings.values(),
            "sources": sources,
        });
        return render::json(out, &value);
    }
    let said = |o: Origin, env: &str, flag: &str| match o {
        Origin::Default => "default path".to_string(),
        _ => format!("from {}", origin(o, env, flag)),
    };
    writeln!(
        out,
        "# config   {}  ({})",
        settings.path.display(),
        said(paths.config_from, "NET_CONFIG", "--config")
    )?;
    if !settings.file_exists {
        writeln!(
            out,
            "#          not there yet: every value is a default (`net config edit` creates it)"
        )?;
    }
    writeln!(
        out,
        "# database {}  ({})",
        paths.db.display(),
        said(paths.db_from, "NET_DB", "--db")
    )?;
    writeln!(
        out,
        "# file: set in the config; default: built in (`net config --default` prints them, commented)"
    )?;
    let width = marked
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (line, key) in &marked {
        match key {
            Some((_, from)) => writeln!(out, "{line:<width$}  # {from}")?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// Each line of the rendered TOML with its dotted key and origin, if it sets one.
fn mark(rendered: &str, settings: &Settings) -> Vec<(String, Option<(String, &'static str)>)> {
    let mut table = String::new();
    rendered
        .lines()
        .map(|line| {
            let trimmed = line.trim();
            if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                table = format!("{name}.");
                return (line.to_string(), None);
            }
            let Some((key, _)) = trimmed.split_once(" = ") else {
                return (line.to_string(), None);
            };
            let key = format!("{table}{}", key.trim().trim_matches('"'));
            let from = if settings.from_file.contains(&key) {
                "file"
            } else {
                "default"
            };
            (line.to_string(), Some((key, from)))
        })
        .collect()
}

fn origin(o: Origin, env: &str, flag: &str) -> String {
    match o {
        Origin::Default => "default".into(),
        Origin::Env => env.into(),
        Origin::Flag => flag.into(),
    }
}

/// Opens the config (or the commented default, if there is none) in the
/// editor and saves it only once it checks out; a broken draft can be edited
/// again or dropped, and the file stays as it was.
pub fn edit(path: &Path, can_prompt: bool, say: &mut dyn Write) -> Result<ExitCode> {
    if !can_prompt {
        // Not a typing mistake: the command is right, the place is not (exit 1).
        anyhow::bail!(
            "net config edit needs a terminal: edit {} with any editor, then run `net config` to check it",
            path.display()
        );
    }
    let original = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading config {}", path.display())),
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // The draft sits beside the config, so that saving is one rename.
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let draft = path.with_file_name(format!(
        ".{}.edit",
        file_name.as_deref().unwrap_or("config.toml")
    ));
    let mut text = original.clone().unwrap_or_else(|| DEFAULT_TOML.to_string());
    loop {
        std::fs::write(&draft, &text)
            .with_context(|| format!("writing the draft {}", draft.display()))?;
        let edited = prompt::editor(&draft);
        let read = std::fs::read_to_string(&draft).context("reading the draft back");
        if edited.is_err() || read.is_err() {
            let _ = std::fs::remove_file(&draft);
            edited?;
        }
        text = read?;
        if original.as_deref() == Some(text.as_str()) {
            std::fs::remove_file(&draft).ok();
            writeln!(say, "No change to {}.", path.display())?;
            return Ok(ExitCode::SUCCESS);
        }
        match Settings::from_text(&text, path) {
            Ok(_) => {
                std::fs::rename(&draft, path)
                    .with_context(|| format!("saving {}", path.display()))?;
                writeln!(
                    say,
                    "Saved {}; `net config` shows the effect.",
                    path.display()
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(e) => {
                writeln!(say, "net: {}", crate::error::one_line(&e))?;
                if !prompt::confirm("Edit it again? (no: keep the config as it was)")? {
                    std::fs::remove_file(&draft).ok();
                    anyhow::bail!("{} not changed: the edit did not check out", path.display());
                }
            }
        }
    }
}
