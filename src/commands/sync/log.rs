//! Interactions as synced records: VJOURNAL items in the `net log` calendar,
//! beside the topic notes, assessments and tag rules of notes.rs (an item or
//! a record with `record` set is one of those).

use anyhow::Result;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use super::notes;
use super::records::Records;
use crate::dav;
use crate::formats::fields::{Fields, Loser, REV};
use crate::formats::journal;
use crate::model::Interaction;
use crate::store::{Db, Modified, SyncInteraction};

pub struct Log {
    /// DTSTAMP of the items written.
    pub stamp: String,
    /// Local interactions by what they are (the signature `import json
    /// --merge` folds by), built on first use.
    signatures: RefCell<Option<HashMap<String, String>>>,
}

impl Log {
    pub fn new(stamp: String) -> Log {
        Log {
            stamp,
            signatures: RefCell::new(None),
        }
    }
}

fn fields(s: &SyncInteraction, modified: Option<String>) -> Fields {
    let mut f = journal::fields(&s.uuid, &s.interaction, &s.contacts, &s.captured);
    f.put_text(REV, modified);
    f
}

impl Records for Log {
    fn kind(&self) -> &'static str {
        "log"
    }
    fn dav_kind(&self) -> dav::Kind {
        dav::Kind::Calendar
    }
    fn net_only(&self) -> &'static [&'static str] {
        journal::NET_ONLY
    }
    fn loser(&self, key: &str) -> Loser {
        journal::loser(key)
    }

    fn local(&self, db: &Db<'_>) -> Result<BTreeMap<String, Fields>> {
        let mut modified = db.modified_all(Modified::Interaction)?;
        let mut all = notes::local(db)?;
        all.extend(
            db.sync_interactions()?
                .iter()
                .map(|s| (s.uuid.clone(), fields(s, modified.remove(&s.uuid)))),
        );
        Ok(all)
    }

    fn local_one(&self, db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
        match db.sync_interaction(uuid)? {
            Some(s) => {
                let modified = db.modified(Modified::Interaction, uuid)?;
                Ok(Some(fields(&s, modified)))
            }
            None => notes::local_one(db, uuid),
        }
    }

    fn read(&self, text: &str) -> Option<(Fields, bool)> {
        journal::read(text)
    }

    fn write(&self, fields: &Fields) -> String {
        journal::write(fields, &self.stamp)
    }

    fn ready(&self, db: &Db<'_>, fields: &Fields) -> Result<bool> {
        if fields.text("record").is_some() {
            return notes::ready(db, fields);
        }
        for c in fields.set("contacts") {
            if db.contact_by_uuid(&c)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn find(&self, db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
        if remote.text("record").is_some() {
            return notes::find(db, remote);
        }
        if let Some(uuid) = remote.text("uuid") {
            if db.interaction_by_uuid(uuid)?.is_some() {
                return Ok(Some(uuid.to_string()));
            }
        }
        let mut cache = self.signatures.borrow_mut();
        if cache.is_none() {
            *cache = Some(
                self.local(db)?
                    .into_iter()
                    .map(|(uuid, f)| (journal::signature(&f), uuid))
                    .collect(),
            );
        }
        Ok(cache
            .as_ref()
            .and_then(|c| c.get(&journal::signature(remote)).cloned()))
    }

    fn save(&self, db: &Db<'_>, uuid: Option<&str>, f: &Fields) -> Result<String> {
        if f.text("record").is_some() {
            return notes::save(db, uuid, f);
        }
        let mut contacts = Vec::new();
        for c in f.set("contacts") {
            if let Some(id) = db.contact_by_uuid(&c)? {
                contacts.push(id);
            }
        }
        let mut i = journal::interaction(f, contacts)
            .ok_or_else(|| anyhow::anyhow!("an interaction on the server has no date"))?;
        let existing = match uuid {
            Some(u) => db.interaction_by_uuid(u)?,
            None => None,
        };
        let id = self.save_row(db, uuid, f, &mut i, existing)?;
        // What capture made it from: capture on this machine then proposes it no more.
        for source in f.set("captured") {
            db.mark_captured(&source, Some(id.0))?;
        }
        if let Some(rev) = f.text(REV) {
            db.set_modified(Modified::Interaction, &id.1, rev)?;
        }
        Ok(id.1)
    }

    fn remove(&self, db: &Db<'_>, uuid: &str) -> Result<&'static str> {
        match db.interaction_by_uuid(uuid)? {
            Some(id) => {
                db.delete_interaction(id)?;
                Ok("deleted")
            }
            None => Ok(notes::remove(db, uuid)?.unwrap_or("already gone")),
        }
    }

    fn label(&self, f: &Fields) -> String {
        if f.text("record").is_some() {
            return notes::label(f);
        }
        format!(
            "{} on {}",
            f.text("kind").unwrap_or("interaction"),
            f.text("date").unwrap_or("?")
        )
    }
}

impl Log {
    /// Writes the interaction (new or over `existing`) and returns its id and
    /// the UUID it now has.
    fn save_row(
        &self,
        db: &Db<'_>,
        uuid: Option<&str>,
        f: &Fields,
        i: &mut Interaction,
        existing: Option<i64>,
    ) -> Result<(i64, String)> {
        let id = match existing {
            Some(id) => {
                i.id = id;
                db.update_interaction(i)?;
                id
            }
            None => db.insert_interaction(i)?,
        };
        let current = match existing.and(uuid) {
            Some(u) => u.to_string(),
            None => db.interaction_uuid(id)?.unwrap_or_default(),
        };
        let wanted = f.text("uuid").unwrap_or_default();
        if !wanted.is_empty() && wanted != current && db.interaction_by_uuid(wanted)?.is_none() {
            db.set_interaction_uuid(id, wanted)?;
            return Ok((id, wanted.to_string()));
        }
        Ok((id, current))
    }
}
