//! Interactions as synced records: VJOURNAL items in the `net log` calendar.

use anyhow::Result;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use super::engine::Records;
use crate::dav;
use crate::formats::fields::{Fields, Loser};
use crate::formats::journal;
use crate::model::{Initiator, Interaction, Minutes};
use crate::store::{Db, SyncInteraction};

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

fn fields(s: &SyncInteraction) -> Fields {
    let i = &s.interaction;
    let mut f = Fields::default();
    f.put_text("uid", Some(s.uuid.clone()));
    f.put_text("uuid", Some(s.uuid.clone()));
    f.put_text("date", Some(i.date.to_string()));
    f.put_text("kind", Some(i.kind.clone()));
    f.put_text("time", i.time.clone());
    f.put_text("minutes", i.minutes.map(|m| m.0.to_string()));
    f.put_text("note", i.note.clone());
    f.put_text("gave", i.gave.clone());
    f.put_text("got", i.got.clone());
    f.put_text("initiator", Some(i.initiator.as_str()));
    f.put_text("place", i.place.clone());
    f.put_set("contacts", &s.contacts);
    f.put_set("captured", &s.captured);
    f
}

/// What an interaction is: the same coffee logged on two machines has the
/// same signature.
fn signature(f: &Fields) -> String {
    let keys = ["kind", "date", "time", "minutes", "note", "gave", "got"];
    let mut parts: Vec<String> = keys
        .iter()
        .map(|k| f.text(k).unwrap_or_default().to_string())
        .collect();
    parts.push(f.set("contacts").join(","));
    parts.join("\u{1f}")
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
        Ok(db
            .sync_interactions()?
            .iter()
            .map(|s| (s.uuid.clone(), fields(s)))
            .collect())
    }

    fn local_one(&self, db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
        Ok(db.sync_interaction(uuid)?.as_ref().map(fields))
    }

    fn read(&self, text: &str) -> Option<(Fields, bool)> {
        journal::read(text)
    }

    fn write(&self, fields: &Fields) -> String {
        journal::write(fields, &self.stamp)
    }

    fn ready(&self, db: &Db<'_>, fields: &Fields) -> Result<bool> {
        for c in fields.set("contacts") {
            if db.contact_by_uuid(&c)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn find(&self, db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
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
                    .map(|(uuid, f)| (signature(&f), uuid))
                    .collect(),
            );
        }
        Ok(cache
            .as_ref()
            .and_then(|c| c.get(&signature(remote)).cloned()))
    }

    fn save(&self, db: &Db<'_>, uuid: Option<&str>, f: &Fields) -> Result<String> {
        let mut contacts = Vec::new();
        for c in f.set("contacts") {
            if let Some(id) = db.contact_by_uuid(&c)? {
                contacts.push(id);
            }
        }
        let date: NaiveDate = f
            .text("date")
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| anyhow::anyhow!("an interaction on the server has no date"))?;
        let mut i = Interaction {
            id: 0,
            kind: f.text("kind").unwrap_or("note").to_string(),
            date,
            time: f.text("time").map(str::to_string),
            minutes: f.text("minutes").and_then(|m| m.parse().ok()).map(Minutes),
            note: f.text("note").map(str::to_string),
            gave: f.text("gave").map(str::to_string),
            got: f.text("got").map(str::to_string),
            initiator: f
                .text("initiator")
                .and_then(Initiator::parse)
                .unwrap_or(Initiator::Me),
            place: f.text("place").map(str::to_string),
            contacts,
            intro: None,
        };
        let existing = match uuid {
            Some(u) => db.interaction_by_uuid(u)?,
            None => None,
        };
        let id = self.save_row(db, uuid, f, &mut i, existing)?;
        // What capture made it from: capture on this machine then proposes it no more.
        for source in f.set("captured") {
            db.mark_captured(&source, Some(id.0))?;
        }
        Ok(id.1)
    }

    fn remove(&self, db: &Db<'_>, uuid: &str) -> Result<&'static str> {
        match db.interaction_by_uuid(uuid)? {
            Some(id) => {
                db.delete_interaction(id)?;
                Ok("deleted")
            }
            None => Ok("already gone"),
        }
    }

    fn label(&self, f: &Fields) -> String {
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
        match existing {
            Some(id) => {
                i.id = id;
                db.update_interaction(i)?;
                let wanted = f.text("uuid").unwrap_or_default();
                let current = uuid.unwrap_or_default().to_string();
                if !wanted.is_empty()
                    && wanted != current
                    && db.interaction_by_uuid(wanted)?.is_none()
                {
                    db.set_interaction_uuid(id, wanted)?;
                    return Ok((id, wanted.to_string()));
                }
                Ok((id, current))
            }
            None => {
                let id = db.insert_interaction(i)?;
                let wanted = f.text("uuid").unwrap_or_default();
                if !wanted.is_empty() && db.interaction_by_uuid(wanted)?.is_none() {
                    db.set_interaction_uuid(id, wanted)?;
                    return Ok((id, wanted.to_string()));
                }
                Ok((id, db.interaction_uuid(id)?.unwrap_or_default()))
            }
        }
    }
}
