//! `net add`: a new contact, with the default cadence unless told otherwise.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{AddArgs, ContactFields};
use crate::formats::json::ContactDoc;
use crate::model::{Cadence, Contact};
use crate::names;
use crate::{prompt, render};

pub fn run(ctx: &mut Ctx, mut args: AddArgs) -> Result<ExitCode> {
    let typed = match args.name.take() {
        Some(name) => name,
        None if ctx.can_prompt => {
            let name = prompt::text("Name", false)?;
            ask(&mut args.fields)?;
            name
        }
        None => {
            return Err(crate::error::usage(
                "net add needs a NAME: net add \"Anna Müller\" --tag client --why \"…\"",
            ))
        }
    };
    let name = crate::parse::name(&typed)?;
    let mut contact = Contact::new(name, ctx.today);
    // A deliberate add means the person matters: give the default rhythm,
    // as a default that a tag rule (also one added later) overrides.
    contact.every = match ctx.settings.default_every {
        Cadence::Never => None,
        _ => Some(Cadence::Default),
    };
    args.fields.apply(&mut contact, ctx.today)?;
    let policy = ctx.policy()?;
    let via = match &args.fields.via {
        Some(via) => Some(ctx.pick(via, true)?),
        None => None,
    };
    contact.introduced_by = via.as_ref().map(|v| v.id);

    let same_name: Vec<String> = ctx
        .store
        .read()
        .candidates(&names::needles(&contact.name), true)?
        .into_iter()
        .filter(|c| names::fold(&c.name) == names::fold(&contact.name))
        .map(|c| format!("#{}", c.id))
        .collect();

    if let Some(existing) = super::near::same_person(ctx, &contact.name)? {
        let known = ctx.store.read().contact(existing)?.name;
        ctx.say(format!(
            "Not added: {known} (#{existing}) it is. To find them by this name too: net edit '#{existing}' --alias {:?}",
            contact.name
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let id = ctx.store.write(format!("add {}", contact.name), |db| {
        if let Some(by) = &via {
            db.require(by)?;
        }
        db.insert_contact(&contact)
    })?;
    let contact = ctx.store.read().contact(id)?;
    if ctx.json {
        render::json(&mut ctx.out, &ContactDoc::from(&contact))?;
    }
    let plan = policy.plan(contact.every, &contact.tags, contact.why.as_deref());
    let nurtured = plan
        .as_ref()
        .is_some_and(|p| p.source != crate::model::PlanSource::Watch);
    let rhythm = match plan {
        Some(plan) => format!(
            ", {}: first check-in by {}",
            plan.interval,
            plan.due_on(contact.added_on)
        ),
        None => ", no cadence".to_string(),
    };
    ctx.say(format!("Added {} (#{id}){rhythm}.", contact.name))?;
    if !same_name.is_empty() {
        ctx.say(format!(
            "note: the same name is already used by {} (merge later, or add an alias to tell them apart)",
            same_name.join(", ")
        ))?;
    }
    super::near::warn_created(ctx, &contact.name, id)?;
    if nurtured {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `net add` with no arguments at a terminal: after the name, what the flags
/// did not say, each skippable with Enter.
fn ask(fields: &mut ContactFields) -> Result<()> {
    let optional = |question: &str| -> Result<Option<String>> {
        let answer = prompt::text(&format!("{question} (Enter to skip)"), true)?;
        Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
    };
    if fields.org.is_none() {
        fields.org = optional("Organisation")?;
    }
    if fields.tags.is_empty() {
        if let Some(tags) = optional("Tags, separated by commas")? {
            fields.tags = tags
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
        }
    }
    if fields.why.is_none() {
        fields.why = optional("Why they matter")?;
    }
    if fields.met.is_none() {
        fields.met = optional("How you met")?;
    }
    Ok(())
}
