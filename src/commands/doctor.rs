//! `net doctor`: is everything as it should be? `--fix` repairs what it can.

use anyhow::Result;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::DoctorArgs;
use crate::store::{schema_version, Db};

/// One check: its name, and the problems found (empty: fine).
struct Check {
    name: &'static str,
    problems: Vec<String>,
    fixed: bool,
}

pub fn run(ctx: &mut Ctx, args: &DoctorArgs) -> Result<ExitCode> {
    let mut checks = Vec::new();
    let damage = ctx.store.integrity()?;
    let damaged = !damage.is_empty();
    checks.push(Check {
        name: "integrity",
        problems: damage,
        fixed: false,
    });

    let version = ctx.store.version()?;
    let latest = schema_version() as i64;
    let schema = if version == latest {
        vec![]
    } else {
        vec![format!("schema {version}, expected {latest}")]
    };
    checks.push(Check {
        name: "schema",
        problems: schema,
        fixed: false,
    });

    let policy = ctx.policy()?;
    let recompute = |db: &Db<'_>| -> Result<Vec<String>> {
        let before = db.derived_snapshot()?;
        db.derive_all(&policy)?;
        let after = db.derived_snapshot()?;
        Ok(before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.2 != a.2)
            .map(|(b, _)| {
                format!(
                    "{} (#{}): stored last touch, due dates or depth differ from its history",
                    b.1, b.0
                )
            })
            .collect())
    };
    // Read-only (a full disk, a read-only file): the check needs a write
    // transaction; the "writable" check below says why there is none.
    let read_only = ctx.store.unwritable().is_some();
    let stale = if read_only {
        Vec::new()
    } else if args.fix {
        ctx.store.write("doctor --fix", recompute)?
    } else {
        ctx.store.dry_run(recompute)?
    };
    let fixed = args.fix && !stale.is_empty();
    if !read_only {
        checks.push(Check {
            name: "derived values",
            problems: stale,
            fixed,
        });
    }

    let writable = ctx
        .store
        .unwritable()
        .cloned()
        .or_else(|| crate::store::unwritable(ctx.store.path()));
    checks.push(Check {
        name: "writable",
        problems: writable.iter().map(|w| w.problem()).collect(),
        fixed: false,
    });

    let (problems, fixed) = permissions(ctx.store.path(), args.fix)?;
    checks.push(Check {
        name: "permissions",
        problems,
        fixed,
    });

    let config = ctx.config_problem.iter().cloned().collect();
    checks.push(Check {
        name: "config",
        problems: config,
        fixed: false,
    });

    let mut healthy = true;
    for c in &checks {
        if c.problems.is_empty() {
            writeln!(ctx.out, "ok     {}", c.name)?;
            continue;
        }
        let label = if c.fixed { "fixed " } else { "PROBLEM" };
        healthy &= c.fixed;
        for p in &c.problems {
            writeln!(
                ctx.out,
                "{label} {}: {}",
                c.name,
                crate::render::sanitize(p)
            )?;
        }
    }
    writeln!(
        ctx.out,
        "database {} (schema {version})",
        ctx.store.path().display()
    )?;
    // Every other file that holds your network (besides the database and its
    // -wal/-shm): to keep safe, or to delete once the upgrade is proven.
    for file in ctx.store.upgrade_copies() {
        writeln!(
            ctx.out,
            "holds data {} (a copy kept before an upgrade)",
            file.display()
        )?;
    }
    if healthy {
        Ok(ExitCode::SUCCESS)
    } else {
        if damaged {
            ctx.say(crate::error::damaged())?;
        } else if !args.fix {
            ctx.say("Repair what can be repaired with `net doctor --fix`; back up first with `net export json`.")?;
        }
        Ok(ExitCode::FAILURE)
    }
}

/// The database and its companions must be 0600; their folder 0700 when it is
/// net's own (it holds nothing else), never a home folder that merely holds
/// the file.
#[cfg(unix)]
fn permissions(db: &Path, fix: bool) -> Result<(Vec<String>, bool)> {
    use std::os::unix::fs::PermissionsExt;
    let mut wanted: Vec<(std::path::PathBuf, u32)> = Vec::new();
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        let name = db
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut own_folder = true;
        for entry in std::fs::read_dir(dir)?.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.starts_with(&name) {
                wanted.push((entry.path(), 0o600));
            } else {
                own_folder = false;
            }
        }
        if own_folder {
            wanted.push((dir.to_path_buf(), 0o700));
        }
    } else {
        wanted.push((db.to_path_buf(), 0o600));
    }
    let mut problems = Vec::new();
    for (path, mode) in wanted {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let actual = meta.permissions().mode() & 0o777;
        if actual & !mode != 0 {
            problems.push(format!(
                "{} is {actual:o}, should be {mode:o}",
                path.display()
            ));
            if fix {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))?;
            }
        }
    }
    let fixed = fix && !problems.is_empty();
    Ok((problems, fixed))
}

#[cfg(not(unix))]
fn permissions(_db: &Path, _fix: bool) -> Result<(Vec<String>, bool)> {
    Ok((Vec::new(), false))
}
