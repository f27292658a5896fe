//! What `net sync` keeps about the server (`local_sync_*`, outside undo) and
//! the few lookups by UUID it needs.

use anyhow::Result;
use rusqlite::{params, OptionalExtension};

use super::Db;

/// One item on the server as the last sync left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncItem {
    pub kind: String,
    pub href: String,
    pub etag: Option<String>,
    pub uid: String,
    /// The local record's UUID.
    pub uuid: String,
    /// The copy both sides agreed on (the base of the three-way merge), as
    /// the format module writes it.
    pub synced: String,
}

impl SyncItem {
    /// The state of an item as pulled: where it is, its ETag, the UID it
    /// carries, the local record it stands for, and the copy both sides now
    /// agree on (as the format module writes it).
    pub fn pulled(
        kind: &str,
        href: &str,
        etag: &str,
        uid: &str,
        uuid: &str,
        synced: String,
    ) -> SyncItem {
        SyncItem {
            kind: kind.to_string(),
            href: href.to_string(),
            etag: Some(etag.to_string()),
            uid: uid.to_string(),
            uuid: uuid.to_string(),
            synced,
        }
    }
}

/// UUIDs of the local records of one kind, with their ids.
pub type SyncRecords = Vec<(String, i64)>;

impl Db<'_> {
    /// The collection of `kind` and its last sync token.
    pub fn sync_collection(&self, kind: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT href, token FROM local_sync_collections WHERE kind = ?1")?
            .query_row([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Remembers the collection of `kind` (a new href forgets the items of
    /// the old one).
    pub fn set_sync_collection(&self, kind: &str, href: &str, token: Option<&str>) -> Result<()> {
        let old = self.sync_collection(kind)?;
        if old.as_ref().is_some_and(|(h, _)| h != href) {
            self.conn
                .prepare_cached("DELETE FROM local_sync_items WHERE kind = ?1")?
                .execute([kind])?;
        }
        self.conn
            .prepare_cached(
                "INSERT INTO local_sync_collections (kind, href, token) VALUES (?1, ?2, ?3)
                 ON CONFLICT (kind) DO UPDATE SET href = excluded.href, token = excluded.token",
            )?
            .execute(params![kind, href, token])?;
        Ok(())
    }

    /// Records when a collection was last synced.
    pub fn set_synced_at(&self, kind: &str, at: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE local_sync_collections SET synced_at = ?2 WHERE kind = ?1")?
            .execute(params![kind, at])?;
        Ok(())
    }

    /// Every collection `net sync` knows: kind, href and when it was last synced.
    pub fn sync_collections(&self) -> Result<Vec<(String, String, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, href, synced_at FROM local_sync_collections ORDER BY kind",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The items of one kind as the last sync left them.
    pub fn sync_items(&self, kind: &str) -> Result<Vec<SyncItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, href, etag, uid, uuid, synced FROM local_sync_items WHERE kind = ?1 ORDER BY href",
        )?;
        let rows = stmt.query_map([kind], |r| {
            Ok(SyncItem {
                kind: r.get(0)?,
                href: r.get(1)?,
                etag: r.get(2)?,
                uid: r.get(3)?,
                uuid: r.get(4)?,
                synced: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) what the server holds at an item's href.
    pub fn save_sync_item(&self, item: &SyncItem) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO local_sync_items (kind, href, etag, uid, uuid, synced)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (kind, href) DO UPDATE SET etag = excluded.etag, uid = excluded.uid,
                     uuid = excluded.uuid, synced = excluded.synced",
            )?
            .execute(params![
                item.kind,
                item.href,
                item.etag,
                item.uid,
                item.uuid,
                item.synced
            ])?;
        Ok(())
    }

    /// Forgets an item that is no longer on the server.
    pub fn drop_sync_item(&self, kind: &str, href: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM local_sync_items WHERE kind = ?1 AND href = ?2")?
            .execute(params![kind, href])?;
        Ok(())
    }

    /// Every contact's UUID and id.
    pub fn contact_uuids(&self) -> Result<SyncRecords> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uuid, id FROM contacts WHERE uuid IS NOT NULL ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The contact with this UUID.
    pub fn contact_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM contacts WHERE uuid = ?1")?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// The contact a card's UID names: its own UID, or `urn:uuid:` and its UUID.
    pub fn contact_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        let uuid = uid.strip_prefix("urn:uuid:").unwrap_or("");
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM contacts WHERE uid = ?1 OR uuid = ?2 LIMIT 1")?
            .query_row(params![uid, uuid], |r| r.get(0))
            .optional()?)
    }

    /// Whether anything was recorded with a contact: interactions, notes,
    /// promises or assessments (a card deleted elsewhere then archives it).
    pub fn has_history(&self, id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM participants WHERE contact_id = ?1)
                 OR EXISTS (SELECT 1 FROM contact_notes WHERE contact_id = ?1)
                 OR EXISTS (SELECT 1 FROM followups WHERE contact_id = ?1)
                 OR EXISTS (SELECT 1 FROM assessments WHERE contact_id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }
}

/// An interaction as sync sees it: its UUID and its people's UUIDs.
#[derive(Clone, Debug)]
pub struct SyncInteraction {
    pub uuid: String,
    pub interaction: crate::model::Interaction,
    pub contacts: Vec<String>,
    /// The ids of the calendar events and mails `net capture` made it from.
    pub captured: Vec<String>,
}

impl Db<'_> {
    /// Every interaction with its UUID and its participants' UUIDs.
    pub fn sync_interactions(&self) -> Result<Vec<SyncInteraction>> {
        let uuids: std::collections::HashMap<i64, String> = self
            .contact_uuids()?
            .into_iter()
            .map(|(u, id)| (id, u))
            .collect();
        let own: std::collections::HashMap<i64, String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, uuid FROM interactions WHERE uuid IS NOT NULL")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut captured = self.capture_ids_by_interaction()?;
        let mut out = Vec::new();
        self.each_interaction(|i, _| {
            if let Some(uuid) = own.get(&i.id) {
                out.push(SyncInteraction {
                    uuid: uuid.clone(),
                    captured: captured.remove(&i.id).unwrap_or_default(),
                    contacts: i
                        .contacts
                        .iter()
                        .filter_map(|c| uuids.get(c).cloned())
                        .collect(),
                    interaction: i,
                });
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The interaction with this UUID.
    pub fn interaction_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM interactions WHERE uuid = ?1")?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// Gives an interaction the UUID another device knows it by.
    pub fn set_interaction_uuid(&self, id: i64, uuid: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE interactions SET uuid = ?2 WHERE id = ?1")?
            .execute(params![id, uuid])?;
        Ok(())
    }
}

impl Db<'_> {
    /// Every promise with its UUID and its contact's UUID.
    pub fn sync_followups(&self) -> Result<Vec<(String, crate::model::FollowUp, Option<String>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.uuid, f.id, c.uuid FROM followups f JOIN contacts c ON c.id = f.contact_id
             WHERE f.uuid IS NOT NULL ORDER BY f.id",
        )?;
        let rows: Vec<(String, i64, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (uuid, id, contact) in rows {
            if let Some(f) = self.followup(id)? {
                out.push((uuid, f, contact));
            }
        }
        Ok(out)
    }

    /// The promise with this UUID.
    pub fn followup_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM followups WHERE uuid = ?1")?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// Gives a promise the UUID another device knows it by.
    pub fn set_followup_uuid(&self, id: i64, uuid: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE followups SET uuid = ?2 WHERE id = ?1")?
            .execute(params![id, uuid])?;
        Ok(())
    }

    /// Replaces a promise's text, date and state.
    pub fn replace_followup(&self, f: &crate::model::FollowUp) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE followups SET contact_id = ?2, text = ?3, due = ?4, created_on = ?5, done_on = ?6
                 WHERE id = ?1",
            )?
            .execute(params![f.id, f.contact, f.text, f.due, f.created_on, f.done_on])?;
        Ok(())
    }

    /// Deletes a promise.
    pub fn delete_followup(&self, id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM followups WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }
}

impl Db<'_> {
    /// One interaction by UUID, as [`Db::sync_interactions`] has it.
    pub fn sync_interaction(&self, uuid: &str) -> Result<Option<SyncInteraction>> {
        let Some(id) = self.interaction_by_uuid(uuid)? else {
            return Ok(None);
        };
        let row = self
            .conn
            .prepare_cached(
                "SELECT kind, date, time, minutes, note, gave, got, initiator, place
                 FROM interactions WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let initiator: String = r.get(7)?;
                Ok(crate::model::Interaction {
                    id,
                    kind: r.get(0)?,
                    date: r.get(1)?,
                    time: r.get(2)?,
                    minutes: r.get::<_, Option<u32>>(3)?.map(crate::model::Minutes),
                    note: r.get(4)?,
                    gave: r.get(5)?,
                    got: r.get(6)?,
                    initiator: crate::model::Initiator::parse(&initiator)
                        .unwrap_or(crate::model::Initiator::Me),
                    place: r.get(8)?,
                    contacts: Vec::new(),
                    intro: None,
                })
            })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.uuid FROM participants p JOIN contacts c ON c.id = p.contact_id
             WHERE p.interaction_id = ?1 ORDER BY c.id",
        )?;
        let people: Vec<(i64, Option<String>)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut interaction = row;
        interaction.contacts = people.iter().map(|(id, _)| *id).collect();
        let captured: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM capture_seen WHERE interaction_id = ?1 ORDER BY id")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(SyncInteraction {
            uuid: uuid.to_string(),
            contacts: people.into_iter().filter_map(|(_, u)| u).collect(),
            interaction,
            captured,
        }))
    }

    /// The UUID of an interaction.
    pub fn interaction_uuid(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT uuid FROM interactions WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }
}
