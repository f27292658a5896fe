//! `net who TEXT`: who is this, who works there, who could introduce me?
//! Contact fields first (name and org, then why and tags), then what was
//! logged with them (notes, gave/got, places: the full-text index).

use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::WhoArgs;
use crate::names;
use crate::render;

/// How many contacts found only in what was logged are shown (the latest).
const LOGGED_ONLY: usize = 50;

#[derive(Serialize)]
struct Hit {
    id: i64,
    name: String,
    org: Option<String>,
    status: crate::model::ContactStatus,
    /// Which fields matched: name, alias, org, role, tag, why, met, notes,
    /// event, and `log #ID note|gave|got|place` for an interaction.
    matched: Vec<String>,
    /// 0: name, alias, org or role; 1: tag, why or how you met; 2: notes and what was logged.
    #[serde(skip)]
    rank: u8,
}

pub fn run(ctx: &mut Ctx, args: &WhoArgs) -> Result<ExitCode> {
    let needles = names::needles(&args.text);
    if needles.is_empty() {
        return Err(crate::error::usage(
            "give some text to look for, e.g. net who siemens",
        ));
    }
    let db = ctx.store.read();
    // Any status; in `net list`'s order (name without ASCII case, then id),
    // which the stable sort below keeps among equal names.
    let mut found: Vec<_> = db
        .contacts_containing(&needles)?
        .into_iter()
        .map(|id| db.searched(id))
        .collect::<Result<_>>()?;
    found.sort_by_cached_key(|c| (c.name.to_ascii_lowercase(), c.id));
    let notes = |id| db.notes(Some(id));
    let has = |text: &str| {
        let (a, b) = (names::fold(text), names::fold_plain(text));
        needles
            .iter()
            .any(|n| a.contains(n.as_str()) || b.contains(n.as_str()))
    };
    let logged = db.logged_query(&args.text)?;
    let placed = db.placed_contacts(&logged)?;
    let mut hits = Vec::new();
    for c in found {
        let mut matched: Vec<String> = Vec::new();
        let opt = |v: &Option<String>| v.as_deref().is_some_and(has);
        let fields: [(&'static str, bool); 7] = [
            ("name", has(&c.name)),
            ("alias", c.aliases.iter().any(|a| has(a))),
            ("org", opt(&c.org)),
            ("role", opt(&c.role)),
            ("tag", c.tags.iter().any(|t| has(t))),
            ("why", opt(&c.why)),
            ("met", opt(&c.met)),
        ];
        matched.extend(
            fields
                .iter()
                .filter(|(_, m)| *m)
                .map(|(f, _)| f.to_string()),
        );
        if opt(&c.notes) || notes(c.id)?.iter().any(|n| has(&n.text)) {
            matched.push("notes".into());
        }
        // The index answers for places; a contact found by nothing else
        // (a place matched inside a word) is looked up in its own history.
        if placed.contains(&c.id) || (matched.is_empty() && db.places(c.id)?.iter().any(|p| has(p)))
        {
            matched.push("event".into());
        }
        hits.push(Hit {
            rank: rank(&matched),
            id: c.id,
            name: c.name,
            org: c.org,
            status: c.status,
            matched,
        });
    }
    // What was logged: one line per contact, its latest matching interaction.
    let mut index: HashMap<i64, usize> = hits.iter().enumerate().map(|(n, h)| (h.id, n)).collect();
    let mut left_out = 0;
    let index_base = hits.len();
    for mut l in db.search_logged(&logged)? {
        let known = index.get(&l.contact).copied();
        if known.is_none() && hits.len() - index_base >= LOGGED_ONLY {
            left_out += 1;
            continue;
        }
        db.fill_logged(&mut l)?;
        let field = [
            ("note", &l.note),
            ("gave", &l.gave),
            ("got", &l.got),
            ("place", &l.place),
        ]
        .iter()
        .find(|(_, v)| v.as_deref().is_some_and(|t| words_in(&args.text, t)))
        .map(|(f, _)| *f)
        .unwrap_or("note");
        let place = format!("log #{} {field} ({})", l.interaction, l.date);
        match known {
            Some(n) => {
                if !(field == "place" && hits[n].matched.iter().any(|m| m == "event")) {
                    hits[n].matched.push(place);
                }
            }
            None => {
                let c = db.searched(l.contact)?;
                index.insert(c.id, hits.len());
                hits.push(Hit {
                    rank: 2,
                    id: c.id,
                    name: c.name,
                    org: c.org,
                    status: c.status,
                    matched: vec![place],
                });
            }
        }
    }
    drop(db);
    // Stable: equal names keep the order above.
    hits.sort_by_cached_key(|h| (h.rank, names::fold(&h.name)));
    if left_out > 0 {
        ctx.say(format!(
            "{left_out} more found only in what was logged (the latest {LOGGED_ONLY} are shown): add a word to narrow it"
        ))?;
    }
    if ctx.json {
        render::json(&mut ctx.out, &hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        ctx.say(format!(
            "Nobody matches {:?} in names, orgs, roles, tags, whys, how you met, notes or what was logged.",
            args.text
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = render::table(ctx.look, &["#", "Name", "Org", "Found in"]);
    for h in &hits {
        let mut name = h.name.clone();
        if h.status == crate::model::ContactStatus::Archived {
            name.push_str(" (archived)");
        }
        t.add_row(vec![
            h.id.into(),
            render::text(&name),
            render::text(h.org.as_deref().unwrap_or("")),
            h.matched.join(", ").into(),
        ]);
    }
    render::print_table(&mut ctx.out, &t)?;
    Ok(ExitCode::SUCCESS)
}

/// Where a hit ranks: the best field it matched in.
fn rank(matched: &[String]) -> u8 {
    let best = |fields: &[&str]| matched.iter().any(|m| fields.contains(&m.as_str()));
    if best(&["name", "alias", "org", "role"]) {
        0
    } else if best(&["tag", "why", "met"]) {
        1
    } else {
        2
    }
}

/// Whether every word of `query` starts a word of `text` (as the index
/// matched it: case and accents aside).
fn words_in(query: &str, text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(names::fold_plain)
        .collect();
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(names::fold_plain)
        .all(|q| words.iter().any(|w| w.starts_with(&q)))
}
