//! `net export vcard`: every contact as a vCard, in one file or as a vdir
//! (a folder of one `.vcf` per contact, as khard and vdirsyncer use).

use anyhow::Result;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::save;
use crate::cli::VcardVersion;
use crate::commands::Ctx;
use crate::formats::vcard::{self, Version};

pub fn run(
    ctx: &mut Ctx,
    out: Option<PathBuf>,
    dir: Option<PathBuf>,
    version: VcardVersion,
) -> Result<ExitCode> {
    let version = match version {
        VcardVersion::V3 => Version::V3,
        VcardVersion::V4 => Version::V4,
    };
    let contacts = ctx.store.read().all_contacts()?;
    let cards = contacts
        .iter()
        .map(|c| (vcard::uid_of(c), c))
        .map(|(uid, c)| (vcard::write(c, &uid, version), uid));
    match (dir, out) {
        (Some(dir), _) => {
            crate::files::private_dir(&dir)?;
            let mut used = HashSet::new();
            for (card, uid) in cards {
                // The vdir convention: the file is named after the UID.
                let mut stem = file_stem(&uid);
                if !used.insert(stem.clone()) {
                    stem = format!("{stem}-{}", used.len());
                    used.insert(stem.clone());
                }
                let path = dir.join(format!("{stem}.vcf"));
                save(&path, |w| Ok(w.write_all(card.as_bytes())?))?;
            }
            ctx.say(format!(
                "Wrote {} to {} (one .vcf per contact).",
                crate::render::count(contacts.len(), "card"),
                dir.display()
            ))?;
        }
        (None, Some(path)) => {
            save(&path, |w| {
                for (card, _) in cards {
                    w.write_all(card.as_bytes())?;
                }
                Ok(())
            })?;
            ctx.say(format!(
                "Wrote {} cards to {}.",
                contacts.len(),
                path.display()
            ))?;
        }
        (None, None) => {
            for (card, _) in cards {
                ctx.out.write_all(card.as_bytes())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A file name from a UID: letters, digits, `-`, `_`, `.` and `@` kept.
fn file_stem(uid: &str) -> String {
    let stem: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "contact".into()
    } else {
        stem.chars().take(120).collect()
    }
}
