//! `net config`: the effective configuration and where it comes from.

use anyhow::Result;
use std::io::Write;

use crate::config::{Settings, DEFAULT_TOML};
use crate::render;

/// Prints the effective config (or the commented default with `default`).
pub fn run(out: &mut dyn Write, settings: &Settings, default: bool, json: bool) -> Result<()> {
    if default {
        out.write_all(DEFAULT_TOML.as_bytes())?;
        return Ok(());
    }
    if json {
        let value = serde_json::json!({
            "path": settings.path,
            "file_exists": settings.file_exists,
            "config": settings.raw,
        });
        return render::json(out, &value);
    }
    let origin = if settings.file_exists {
        "read from"
    } else {
        "not found, defaults in use; create"
    };
    writeln!(out, "# config {origin} {}", settings.path.display())?;
    writeln!(out, "# `net config --default` prints a commented template")?;
    out.write_all(toml::to_string(&settings.raw)?.as_bytes())?;
    Ok(())
}
