//! `net demo`: a throw-away database with a small, lively example network, so
//! a newcomer sees `due`, `show`, `budget` and `stats` filled before typing
//! in their own people. The user's own database is never written.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::Origin;
use crate::formats::demo;

/// Where the demo goes: `--db PATH` when typed on this command line, else a
/// new folder under the temporary directory (never `NET_DB`, which may well
/// be the real database).
pub fn db_path(flag: Option<PathBuf>, origin: Origin) -> Result<PathBuf> {
    if let Some(path) = flag.filter(|_| origin == Origin::Flag) {
        return Ok(path);
    }
    let base = std::env::temp_dir();
    for n in 0..1000 {
        let dir = base.join(format!("net-demo-{}-{n}", std::process::id()));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir.join("net.db")),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("creating {}", dir.display())),
        }
    }
    bail!(
        "could not create a fresh folder in {}: give one with net demo --db PATH",
        base.display()
    )
}

pub fn run(ctx: &mut Ctx) -> Result<ExitCode> {
    let path = ctx.store.path().to_path_buf();
    if ctx.store.read().contact_count()? > 0 {
        bail!(
            "{} already holds contacts: net demo fills only a new or empty database (leave out --db for a temporary one)",
            path.display()
        );
    }
    let checked = demo::document(ctx.today)?
        .check(ctx.today)
        .context("building the demo network")?;
    super::import::load(ctx, &checked, "demo".into())?;
    if ctx.json {
        let value = serde_json::json!({
            "db": path,
            "contacts": checked.contacts.len(),
            "interactions": checked.interactions.len(),
        });
        crate::render::json(&mut ctx.out, &value)?;
        return Ok(ExitCode::SUCCESS);
    }
    let db = shell_quote(&path.display().to_string());
    writeln!(
        ctx.out,
        "A demo network of {} contacts and {} interactions is in {}.\n\
         Your own database is untouched. Try it in this shell:\n\n  \
         export NET_DB={db}\n  \
         net due              # who is going cold, birthdays, promises\n  \
         net show anna        # the brief before you call Anna\n  \
         net budget           # networking time against 10 % of your week\n  \
         net stats            # the health of the network\n  \
         net prune --dry-run  # who could be let go\n\n\
         Back to your own network: unset NET_DB. The demo stays until you delete it.",
        checked.contacts.len(),
        checked.interactions.len(),
        path.display(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The path as one shell word.
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
