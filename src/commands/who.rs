//! `net who TEXT`: who is this, who works there, who could introduce me?

use anyhow::Result;
use serde::Serialize;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::WhoArgs;
use crate::names;
use crate::render;
use crate::store::ContactFilter;

#[derive(Serialize)]
struct Hit {
    id: i64,
    name: String,
    org: Option<String>,
    status: crate::model::ContactStatus,
    /// Which fields matched: name, alias, org, role, tag, why, met, notes, event.
    matched: Vec<&'static str>,
}

pub fn run(ctx: &mut Ctx, args: &WhoArgs) -> Result<ExitCode> {
    let needles = names::needles(&args.text);
    if needles.is_empty() {
        return Err(crate::error::usage(
            "give some text to look for, e.g. net who siemens",
        ));
    }
    let filter = ContactFilter {
        status: Some(None),
        text: Some(args.text.clone()),
        ..Default::default()
    };
    let db = ctx.store.read();
    let found = db.list(&filter)?;
    let notes = |id| db.notes(Some(id));
    let mut hits = Vec::new();
    for summary in found {
        let c = db.contact(summary.id)?;
        let has = |text: &str| {
            let (a, b) = (names::fold(text), names::fold_plain(text));
            needles
                .iter()
                .any(|n| a.contains(n.as_str()) || b.contains(n.as_str()))
        };
        let mut matched = Vec::new();
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
        matched.extend(fields.iter().filter(|(_, m)| *m).map(|(f, _)| *f));
        if opt(&c.notes) || notes(c.id)?.iter().any(|n| has(&n.text)) {
            matched.push("notes");
        }
        if db.places(c.id)?.iter().any(|p| has(p)) {
            matched.push("event");
        }
        hits.push(Hit {
            id: c.id,
            name: c.name,
            org: c.org,
            status: c.status,
            matched,
        });
    }
    if ctx.json {
        render::json(&mut ctx.out, &hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        ctx.say(format!(
            "Nobody matches {:?} in names, orgs, roles, tags, whys, how you met or notes.",
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
