//! Contacts as synced records: vCards in the address book.

use anyhow::Result;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

use super::records::Records;
use crate::dav;
use crate::formats::card;
use crate::formats::fields::{Fields, Loser, REV};
use crate::matching::Index;
use crate::model::{Contact, ContactStatus};
use crate::store::{Db, Modified};

pub struct Contacts {
    /// The day a contact new to this database is added on, when the card
    /// does not say.
    pub today: NaiveDate,
}

/// What a card carries beside the contact: when it last changed here and
/// the UUIDs merged into it.
type Meta = (Option<String>, Vec<String>);

impl Contacts {
    fn fields_of(&self, c: &Contact, uuids: &HashMap<i64, String>, meta: Meta) -> Fields {
        let introducer = c.introduced_by.and_then(|id| uuids.get(&id)).cloned();
        let mut f = card::fields(c, introducer.as_deref());
        f.put_text(REV, meta.0);
        f.put_set("merged", meta.1);
        f
    }
}

impl Records for Contacts {
    fn kind(&self) -> &'static str {
        "contacts"
    }
    fn dav_kind(&self) -> dav::Kind {
        dav::Kind::AddressBook
    }
    fn net_only(&self) -> &'static [&'static str] {
        card::NET_ONLY
    }
    fn loser(&self, key: &str) -> Loser {
        card::loser(key)
    }

    fn local(&self, db: &Db<'_>) -> Result<BTreeMap<String, Fields>> {
        let uuids: HashMap<i64, String> = db
            .contact_uuids()?
            .into_iter()
            .map(|(u, id)| (id, u))
            .collect();
        let mut modified = db.modified_all(Modified::Contact)?;
        let mut merged = db.merged_all()?;
        let mut out = BTreeMap::new();
        for c in db.all_contacts()? {
            if let Some(uuid) = c.uuid.clone() {
                let meta = (
                    modified.remove(&uuid),
                    merged.remove(&uuid).unwrap_or_default(),
                );
                out.insert(uuid, self.fields_of(&c, &uuids, meta));
            }
        }
        Ok(out)
    }

    fn local_one(&self, db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
        let Some(id) = db.contact_by_uuid(uuid)? else {
            return Ok(None);
        };
        let c = db.contact(id)?;
        let mut uuids = HashMap::new();
        if let Some(by) = c.introduced_by {
            if let Some(u) = db.contact(by)?.uuid {
                uuids.insert(by, u);
            }
        }
        let meta = (db.modified(Modified::Contact, uuid)?, db.merged(id)?);
        Ok(Some(self.fields_of(&c, &uuids, meta)))
    }

    fn read(&self, text: &str) -> Option<(Fields, bool)> {
        card::read(text)
    }

    fn write(&self, fields: &Fields) -> String {
        card::write(fields)
    }

    fn find(&self, db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
        let uuid_of = |id: i64| -> Result<Option<String>> { Ok(db.contact(id)?.uuid) };
        if let Some(uuid) = remote.text("uuid") {
            if db.contact_by_uuid(uuid)?.is_some() {
                return Ok(Some(uuid.to_string()));
            }
        }
        if let Some(uid) = remote.text("uid") {
            if let Some(id) = db.contact_by_uid(uid)? {
                return uuid_of(id);
            }
        }
        // Two databases meeting for the first time: the same person by
        // e-mail, phone or name, as `import --merge` matches.
        let mut probe = Contact::new(remote.text("name").unwrap_or("?"), self.today);
        card::apply(remote, &mut probe);
        probe.uid = None;
        let all = db.all_contacts()?;
        let index = Index::new(&all);
        match index.find(&probe) {
            Some((id, _)) => uuid_of(id),
            None => Ok(None),
        }
    }

    fn save(&self, db: &Db<'_>, uuid: Option<&str>, fields: &Fields) -> Result<String> {
        let existing = match uuid {
            Some(u) => db.contact_by_uuid(u)?,
            None => None,
        };
        let before = match existing {
            Some(id) => Some(db.contact(id)?),
            None => None,
        };
        let mut c = before
            .clone()
            .unwrap_or_else(|| Contact::new(fields.text("name").unwrap_or("?"), self.today));
        // A UUID another contact here already has is not adopted.
        let wanted = fields.text("uuid");
        let taken = match wanted {
            Some(w) => db
                .contact_by_uuid(w)?
                .is_some_and(|id| Some(id) != existing),
            None => false,
        };
        let mut fields = fields.clone();
        if taken {
            fields.put_text("uuid", c.uuid.clone());
        }
        card::apply(&fields, &mut c);
        c.introduced_by = match fields.text("introduced_by") {
            Some(u) => db.contact_by_uuid(u)?.or(c.introduced_by),
            None => None,
        };
        // Read inside this write; only what the card changed is written.
        let id = match &before {
            Some(before) => {
                db.update_contact(before, &c)?;
                before.id
            }
            None => db.insert_contact(&c)?,
        };
        db.set_merged(id, &fields.set("merged"))?;
        let uuid = db.contact(id)?.uuid.unwrap_or_default();
        if let Some(rev) = fields.text(REV) {
            db.set_modified(Modified::Contact, &uuid, rev)?;
        }
        Ok(uuid)
    }

    fn remove(&self, db: &Db<'_>, uuid: &str) -> Result<&'static str> {
        let Some(id) = db.contact_by_uuid(uuid)? else {
            return Ok("already gone");
        };
        if db.has_history(id)? {
            db.set_status(id, ContactStatus::Archived)?;
            Ok("archived: it has history")
        } else {
            db.forget(id)?;
            Ok("deleted")
        }
    }

    fn label(&self, fields: &Fields) -> String {
        fields.text("name").unwrap_or("?").to_string()
    }

    fn follow_merge(&self, db: &Db<'_>, keep: &str, gone: &str) -> Result<bool> {
        let (Some(k), Some(g)) = (db.contact_by_uuid(keep)?, db.contact_by_uuid(gone)?) else {
            return Ok(false);
        };
        let (kept, goes) = (db.contact(k)?, db.contact(g)?);
        let merged = crate::matching::combine(&kept, &goes);
        // As `net merge`: the one that goes first (its UID may move).
        db.merge_into(k, g)?;
        db.update_contact(&kept, &merged)?;
        Ok(true)
    }
}
