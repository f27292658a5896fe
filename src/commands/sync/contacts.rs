//! Contacts as synced records: vCards in the address book.

use anyhow::Result;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

use super::records::Records;
use crate::dav;
use crate::formats::card;
use crate::formats::fields::{Fields, Loser};
use crate::matching::Index;
use crate::model::{Contact, ContactStatus};
use crate::store::Db;

pub struct Contacts {
    /// The day a contact new to this database is added on, when the card
    /// does not say.
    pub today: NaiveDate,
}

impl Contacts {
    fn fields_of(&self, db: &Db<'_>, c: &Contact, uuids: &HashMap<i64, String>) -> Fields {
        let _ = db;
        let introducer = c.introduced_by.and_then(|id| uuids.get(&id)).cloned();
        card::fields(c, introducer.as_deref())
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
        let mut out = BTreeMap::new();
        for c in db.all_contacts()? {
            if let Some(uuid) = c.uuid.clone() {
                out.insert(uuid, self.fields_of(db, &c, &uuids));
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
        Ok(Some(self.fields_of(db, &c, &uuids)))
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
        Ok(db.contact(id)?.uuid.unwrap_or_default())
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
}
