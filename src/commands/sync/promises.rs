//! Promises as synced records: VTODO items in the `net promises` task list.

use anyhow::Result;
use chrono::NaiveDate;
use std::collections::BTreeMap;

use super::records::Records;
use crate::dav;
use crate::formats::fields::{Fields, Loser, REV};
use crate::formats::todo;
use crate::model::FollowUp;
use crate::store::{Db, Modified};

pub struct Promises {
    pub today: NaiveDate,
    pub stamp: String,
}

fn fields(uuid: &str, p: &FollowUp, contact: Option<&str>) -> Fields {
    let mut f = Fields::default();
    f.put_text("uid", Some(uuid));
    f.put_text("uuid", Some(uuid));
    f.put_text("text", Some(p.text.clone()));
    f.put_text("due", p.due.map(|d| d.to_string()));
    f.put_text("done", p.done_on.map(|d| d.to_string()));
    f.put_text("created", Some(p.created_on.to_string()));
    f.put_text("contact", contact);
    f
}

impl Records for Promises {
    fn kind(&self) -> &'static str {
        "promises"
    }
    fn dav_kind(&self) -> dav::Kind {
        dav::Kind::Calendar
    }
    fn net_only(&self) -> &'static [&'static str] {
        todo::NET_ONLY
    }
    fn loser(&self, key: &str) -> Loser {
        todo::loser(key)
    }

    fn local(&self, db: &Db<'_>) -> Result<BTreeMap<String, Fields>> {
        let mut modified = db.modified_all(Modified::Promise)?;
        Ok(db
            .sync_followups()?
            .iter()
            .map(|(u, p, c)| {
                let mut f = fields(u, p, c.as_deref());
                f.put_text(REV, modified.remove(u));
                (u.clone(), f)
            })
            .collect())
    }

    fn local_one(&self, db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
        Ok(self.local(db)?.remove(uuid))
    }

    fn read(&self, text: &str) -> Option<(Fields, bool)> {
        todo::read(text)
    }

    fn write(&self, fields: &Fields) -> String {
        todo::write(fields, &self.stamp)
    }

    fn ready(&self, db: &Db<'_>, fields: &Fields) -> Result<bool> {
        match fields.text("contact") {
            Some(c) => Ok(db.contact_by_uuid(c)?.is_some()),
            None => Ok(false),
        }
    }

    fn find(&self, db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
        if let Some(uuid) = remote.text("uuid") {
            if db.followup_by_uuid(uuid)?.is_some() {
                return Ok(Some(uuid.to_string()));
            }
        }
        // The same promise made on two machines: same person, text and date.
        let same = |f: &Fields| {
            ["contact", "text", "due"]
                .iter()
                .all(|k| f.text(k) == remote.text(k))
        };
        Ok(self
            .local(db)?
            .into_iter()
            .find(|(_, f)| same(f))
            .map(|(u, _)| u))
    }

    fn save(&self, db: &Db<'_>, uuid: Option<&str>, f: &Fields) -> Result<String> {
        let contact = match f.text("contact") {
            Some(c) => db.contact_by_uuid(c)?,
            None => None,
        }
        .ok_or_else(|| anyhow::anyhow!("a promise on the server names nobody here"))?;
        let date = |k: &str| f.text(k).and_then(|d| d.parse::<NaiveDate>().ok());
        let mut p = FollowUp {
            id: 0,
            contact,
            contact_name: String::new(),
            text: f.text("text").unwrap_or("promise").to_string(),
            due: date("due"),
            created_on: date("created").unwrap_or(self.today),
            done_on: date("done"),
            interaction: None,
        };
        let existing = match uuid {
            Some(u) => db.followup_by_uuid(u)?,
            None => None,
        };
        let id = match existing {
            Some(id) => {
                p.id = id;
                db.replace_followup(&p)?;
                id
            }
            None => db.add_followup(&p)?,
        };
        let wanted = f.text("uuid").unwrap_or_default();
        let uuid = if !wanted.is_empty() && db.followup_by_uuid(wanted)?.is_none() {
            db.set_followup_uuid(id, wanted)?;
            wanted.to_string()
        } else {
            db.sync_followups()?
                .into_iter()
                .find(|(_, p, _)| p.id == id)
                .map(|(u, _, _)| u)
                .unwrap_or_default()
        };
        if let Some(rev) = f.text(REV) {
            db.set_modified(Modified::Promise, &uuid, rev)?;
        }
        Ok(uuid)
    }

    fn remove(&self, db: &Db<'_>, uuid: &str) -> Result<&'static str> {
        match db.followup_by_uuid(uuid)? {
            Some(id) => {
                db.delete_followup(id)?;
                Ok("deleted")
            }
            None => Ok("already gone"),
        }
    }

    fn label(&self, f: &Fields) -> String {
        format!("promise {:?}", f.text("text").unwrap_or("?"))
    }
}
