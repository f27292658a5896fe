//! Topic notes, assessments and tag rules as synced records: more VJOURNAL
//! items in the `net log` calendar, beside the interactions (one collection,
//! one request when nothing changed). `log.rs` hands every item that carries
//! `X-NET-RECORD` (and every local record that is not an interaction) here.

use anyhow::{anyhow, Result};
use std::collections::BTreeMap;

use crate::formats::fields::Fields;
use crate::formats::records::{self, rule_tag, rule_uid};
use crate::parse;
use crate::store::Db;

const NOTES: &str = "contact_notes";
const ASSESSMENTS: &str = "assessments";

/// Every local note, assessment and rule by UUID (a rule: `net-rule-<tag>`).
pub fn local(db: &Db<'_>) -> Result<BTreeMap<String, Fields>> {
    let mut out = BTreeMap::new();
    for (uuid, n, c) in db.sync_notes()? {
        out.insert(uuid.clone(), records::note_fields(&uuid, &n, c.as_deref()));
    }
    for (uuid, a, c) in db.sync_assessments()? {
        out.insert(
            uuid.clone(),
            records::assessment_fields(&uuid, &a, c.as_deref()),
        );
    }
    for (tag, every) in db.rules()? {
        out.insert(rule_uid(&tag), records::rule_fields(&tag, &every));
    }
    Ok(out)
}

/// One of them by UUID.
pub fn local_one(db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
    if let Some(tag) = rule_tag(uuid) {
        return Ok(db
            .rules()?
            .into_iter()
            .find(|(t, _)| t == tag)
            .map(|(t, every)| records::rule_fields(&t, &every)));
    }
    if db.note_by_uuid(uuid)?.is_some() {
        return Ok(db
            .sync_notes()?
            .into_iter()
            .find(|(u, _, _)| u == uuid)
            .map(|(u, n, c)| records::note_fields(&u, &n, c.as_deref())));
    }
    if db.assessment_by_uuid(uuid)?.is_some() {
        return Ok(db
            .sync_assessments()?
            .into_iter()
            .find(|(u, _, _)| u == uuid)
            .map(|(u, a, c)| records::assessment_fields(&u, &a, c.as_deref())));
    }
    Ok(None)
}

/// The local contact a note or an assessment is about.
fn contact(db: &Db<'_>, f: &Fields) -> Result<Option<i64>> {
    for c in f.set("contacts") {
        if let Some(id) = db.contact_by_uuid(&c)? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// A note or an assessment waits for its contact; a rule never waits.
pub fn ready(db: &Db<'_>, f: &Fields) -> Result<bool> {
    Ok(f.text("record") == Some("rule") || contact(db, f)?.is_some())
}

/// The local record an item not synced yet is: the same UUID, the rule of
/// the same tag (two machines that both added it), or the same note or
/// assessment made on both (its signature).
pub fn find(db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
    if f_is_rule(remote) {
        let tag = tag_of(remote)?;
        let here = db.rules()?.into_iter().any(|(t, _)| t == tag);
        return Ok(here.then(|| rule_uid(&tag)));
    }
    let uuid = remote.text("uuid").unwrap_or_default();
    if db.note_by_uuid(uuid)?.is_some() || db.assessment_by_uuid(uuid)?.is_some() {
        return Ok(Some(uuid.to_string()));
    }
    let wanted = records::signature(remote);
    Ok(local(db)?
        .into_iter()
        .find(|(_, f)| records::signature(f) == wanted)
        .map(|(u, _)| u))
}

fn f_is_rule(f: &Fields) -> bool {
    f.text("record") == Some("rule")
}

fn tag_of(f: &Fields) -> Result<String> {
    f.text("tag")
        .or_else(|| f.text("uid").and_then(rule_tag))
        .map(str::to_string)
        .ok_or_else(|| anyhow!("a tag rule on the server names no tag"))
}

/// Creates (None) or updates a note, an assessment or a rule; returns its UUID.
pub fn save(db: &Db<'_>, uuid: Option<&str>, f: &Fields) -> Result<String> {
    if f_is_rule(f) {
        let tag = tag_of(f)?;
        let every = parse::interval(f.text("every").unwrap_or_default())
            .map_err(|e| anyhow!("the rule for #{tag} on the server: {e}"))?;
        db.set_rule(&tag, every)?;
        return Ok(rule_uid(&tag));
    }
    let who = contact(db, f)?.ok_or_else(|| anyhow!("{} names nobody here", label(f)))?;
    let unreadable = || anyhow!("{} on the server has no day", label(f));
    let uuid = uuid.unwrap_or_default();
    let (table, id) = if f.text("record") == Some("assessment") {
        let mut a = records::assessment(f, who).ok_or_else(unreadable)?;
        match db.assessment_by_uuid(uuid)? {
            Some(id) => {
                a.id = id;
                db.replace_assessment(&a)?;
                (ASSESSMENTS, id)
            }
            None => (ASSESSMENTS, db.add_assessment(&a)?),
        }
    } else {
        let mut n = records::note(f, who).ok_or_else(unreadable)?;
        match db.note_by_uuid(uuid)? {
            Some(id) => {
                n.id = id;
                db.replace_note(&n)?;
                (NOTES, id)
            }
            None => (NOTES, db.add_note(&n)?),
        }
    };
    if let Some(wanted) = f.text("uuid") {
        db.adopt_uuid(table, id, wanted)?;
    }
    Ok(db.uuid_of(table, id)?.unwrap_or_default())
}

/// The server deleted it: deleted here (None: not one of these).
pub fn remove(db: &Db<'_>, uuid: &str) -> Result<Option<&'static str>> {
    if let Some(tag) = rule_tag(uuid) {
        db.remove_rule(tag)?;
        return Ok(Some("deleted"));
    }
    if let Some(id) = db.note_by_uuid(uuid)? {
        db.delete_note(id)?;
        return Ok(Some("deleted"));
    }
    if let Some(id) = db.assessment_by_uuid(uuid)? {
        db.delete_assessment(id)?;
        return Ok(Some("deleted"));
    }
    Ok(None)
}

/// A short name for messages ("note on family, 2026-11-22").
pub fn label(f: &Fields) -> String {
    match f.text("record") {
        Some("rule") => format!("rule for #{}", f.text("tag").unwrap_or("?")),
        Some(what) => format!(
            "{what}{} on {}",
            f.text("topic")
                .map(|t| format!(" ({t})"))
                .unwrap_or_default(),
            f.text("date").unwrap_or("?")
        ),
        None => "record".to_string(),
    }
}
