//! `net dupes`: contacts that look like one person, to join with `net merge`.

use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::process::ExitCode;

use super::Ctx;
use crate::matching::{self, Key};
use crate::render;

/// A key shared by more contacts than this (a company switchboard) is ignored.
const MAX_GROUP: usize = 20;

#[derive(Serialize)]
struct PairDoc {
    a: i64,
    a_name: String,
    b: i64,
    b_name: String,
    same: Vec<Key>,
    /// For names a few letters apart: how many (edit distance of the folded names).
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<usize>,
}

pub fn run(ctx: &mut Ctx) -> Result<ExitCode> {
    let contacts = ctx.store.read().all_contacts()?;
    let names: HashMap<i64, &str> = contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
    let pairs: Vec<PairDoc> = matching::dupes(&contacts, MAX_GROUP)
        .into_iter()
        .map(|p| PairDoc {
            a: p.a,
            a_name: names.get(&p.a).copied().unwrap_or_default().to_string(),
            b: p.b,
            b_name: names.get(&p.b).copied().unwrap_or_default().to_string(),
            same: p.reasons,
            distance: None,
        })
        .collect();
    // Keys shared by too many contacts to list every pair: said, never hidden.
    let crowded: Vec<String> = matching::crowded(&contacts, MAX_GROUP)
        .into_iter()
        .map(|(key, value, n)| format!("{n} contacts share the {} {value:?}", key.as_str()))
        .collect();
    let left_out = (!crowded.is_empty()).then(|| {
        format!(
            "Left out, as more than {MAX_GROUP} contacts share each (a switchboard, a common name): {}. `net list TEXT` shows them.",
            crowded.join("; ")
        )
    });
    let mut pairs = pairs;
    for (a, b, d) in matching::near_pairs(&contacts, MAX_GROUP) {
        if pairs.iter().any(|p| (p.a, p.b) == (a, b)) {
            continue;
        }
        pairs.push(PairDoc {
            a,
            a_name: names.get(&a).copied().unwrap_or_default().to_string(),
            b,
            b_name: names.get(&b).copied().unwrap_or_default().to_string(),
            same: Vec::new(),
            distance: Some(d),
        });
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    if ctx.json {
        render::json(&mut ctx.out, &pairs)?;
        if let Some(note) = &left_out {
            ctx.say(note)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if pairs.is_empty() {
        match &left_out {
            Some(note) => ctx.say(format!("No likely duplicates among the rest. {note}"))?,
            None => ctx.say("No likely duplicates: no two contacts share a name, an e-mail address, a phone number or a LinkedIn profile, and no two names are a letter or two apart.")?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = render::table(ctx.look, &["Keep", "Merge into it", "Same"]);
    for p in &pairs {
        let mut same: Vec<String> = p.same.iter().map(|k| k.as_str().to_string()).collect();
        if let Some(d) = p.distance {
            let letters = if d == 1 { "letter" } else { "letters" };
            same.push(format!("near name ({d} {letters} apart)"));
        }
        table.add_row(vec![
            render::text(&format!("#{} {}", p.a, p.a_name)),
            render::text(&format!("#{} {}", p.b, p.b_name)),
            render::text(&same.join(", ")),
        ]);
    }
    render::print_table(&mut ctx.out, &table)?;
    ctx.say(format!(
        "{}. Join two with `net merge '#A' '#B'` (B goes into A; `net undo` takes it back).",
        crate::render::count(pairs.len(), "likely duplicate")
    ))?;
    if let Some(note) = &left_out {
        ctx.say(note)?;
    }
    Ok(ExitCode::SUCCESS)
}
