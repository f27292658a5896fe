//! `net ids COMMAND [PREFIX]` (hidden): the ids COMMAND takes, newest first,
//! one `ID<TAB>date kind people` a line, for the completion scripts
//! (commands/completions.rs) to offer where an ID goes. `net ids kinds`:
//! the configured kinds of interaction, `KIND<TAB>usual length`, for where a
//! kind goes.

use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::IdsArgs;
use crate::config::Settings;
use crate::error::usage;
use crate::render;
use crate::store::IdsOf;

/// Enough to choose from, few enough for a shell to list.
const LIMIT: usize = 100;

/// The ids of a command, by its name (and alias).
pub fn of(command: &str) -> Option<IdsOf> {
    match command {
        "log" | "l" | "history" | "journal" => Some(IdsOf::Interactions),
        "note" => Some(IdsOf::Notes),
        "todo" | "done" => Some(IdsOf::Promises),
        "inbox" => Some(IdsOf::Proposals),
        _ => None,
    }
}

pub fn run(ctx: &mut Ctx, args: &IdsArgs) -> Result<ExitCode> {
    if args.of == "kinds" {
        return kinds(&mut ctx.out, &ctx.settings, &args.prefix);
    }
    let Some(of) = of(&args.of) else {
        return Err(usage(format!(
            "{:?} takes no ids: log, note, todo, done or inbox (or kinds)",
            args.of
        )));
    };
    let prefix = args.prefix.trim_start_matches('#');
    let list = ctx.store.read().id_candidates(of, prefix, LIMIT)?;
    if ctx.json {
        let doc: Vec<_> = list
            .iter()
            .map(|c| {
                serde_json::json!({"id": c.id, "date": c.date, "kind": c.kind, "people": c.people})
            })
            .collect();
        render::json(&mut ctx.out, &doc)?;
        return Ok(ExitCode::SUCCESS);
    }
    for c in list {
        let kind = match of {
            IdsOf::Notes => format!("note ({})", c.kind),
            IdsOf::Promises => format!("promise: {}", short(&c.kind)),
            IdsOf::Interactions | IdsOf::Proposals => c.kind,
        };
        let line = format!("{} {kind} · {}", c.date, c.people);
        // One line each, nothing a shell would take for a separator.
        let line = render::sanitize(&line).replace(['\n', '\t'], " ");
        writeln!(ctx.out, "{}\t{line}", c.id)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A promise's text, cut to fit a completion menu.
fn short(text: &str) -> String {
    match text.char_indices().nth(30) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The configured kinds that start with `prefix`, each with its usual length.
pub fn kinds(out: &mut dyn Write, settings: &Settings, prefix: &str) -> Result<ExitCode> {
    let prefix = prefix.to_lowercase();
    for (kind, minutes) in &settings.kinds {
        if kind.starts_with(&prefix) {
            let usual = match minutes {
                0 => "counts no time".to_string(),
                m => format!("usually {}", crate::model::Minutes(*m)),
            };
            writeln!(out, "{kind}\t{usual}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
