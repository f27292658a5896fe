//! `net import vcard PATH...`: files, or folders of `.vcf` files (a vdir).

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::read_bytes;
use super::upsert::{apply, progress, Source};
use crate::commands::Ctx;
use crate::formats::{text, vcard, Problem, Reading};

pub fn run(ctx: &mut Ctx, paths: &[PathBuf], dry_run: bool) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect_cards(path, &mut files)?;
            if files.len() == before {
                bail!(
                    "there is no .vcf file in {}: give the folder your address book syncs to, or a .vcf file",
                    path.display()
                );
            }
        } else {
            files.push(path.clone());
        }
    }
    let bar = progress(files.len() as u64, "reading");
    let mut sources = Vec::new();
    for file in files {
        let bytes = read_bytes(&file)?;
        let reading = match text::decode(&bytes) {
            Ok(t) => vcard::read(&t, ctx.today),
            Err(e) => {
                let mut r = Reading::default();
                r.problems.push(Problem {
                    line: 0,
                    message: format!("not a vCard file: {e}"),
                    skipped: true,
                });
                r
            }
        };
        sources.push(Source {
            path: file,
            reading,
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    let what = format!("import vcard {}", names_of(paths));
    apply(ctx, what, sources, dry_run)
}

/// The .vcf and .vcard files in a folder and its subfolders, by name.
fn collect_cards(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading the folder {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("reading the folder {}", dir.display()))?;
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
        if name.as_deref().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            collect_cards(&path, out)?;
        } else if name.is_some_and(|n| n.ends_with(".vcf") || n.ends_with(".vcard")) {
            out.push(path);
        }
    }
    Ok(())
}

fn names_of(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(" ")
}
