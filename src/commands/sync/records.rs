//! What each kind of synced record (contacts, the log, promises) tells the
//! sync engine: how to read, write, find, save and remove one.

use anyhow::Result;
use std::collections::BTreeMap;

use crate::dav;
use crate::formats::fields::{Fields, Loser};
use crate::store::Db;

/// What a kind of record needs to be synced.
pub trait Records {
    /// The name of the kind in the sync state ("contacts").
    fn kind(&self) -> &'static str;
    fn dav_kind(&self) -> dav::Kind;
    /// The resource extension, from the collection's kind.
    fn ext(&self) -> &'static str {
        match self.dav_kind() {
            dav::Kind::AddressBook => "vcf",
            dav::Kind::Calendar => "ics",
        }
    }
    /// The media type of an item, from the collection's kind.
    fn content_type(&self) -> &'static str {
        match self.dav_kind() {
            dav::Kind::AddressBook => "text/vcard; charset=utf-8",
            dav::Kind::Calendar => "text/calendar; charset=utf-8",
        }
    }
    /// Fields only net writes: unknown (not deleted) in an item without them.
    fn net_only(&self) -> &'static [&'static str];
    fn loser(&self, key: &str) -> Loser;
    /// Every local record by UUID.
    fn local(&self, db: &Db<'_>) -> Result<BTreeMap<String, Fields>>;
    /// One local record.
    fn local_one(&self, db: &Db<'_>, uuid: &str) -> Result<Option<Fields>>;
    fn read(&self, text: &str) -> Option<(Fields, bool)>;
    fn write(&self, fields: &Fields) -> String;
    /// Whether what the record refers to is here (an interaction waits for
    /// its people).
    fn ready(&self, _db: &Db<'_>, _fields: &Fields) -> Result<bool> {
        Ok(true)
    }
    /// The local record an item not yet synced is (same UID, or matching).
    fn find(&self, db: &Db<'_>, remote: &Fields) -> Result<Option<String>>;
    /// Creates (None) or updates a record; returns its UUID.
    fn save(&self, db: &Db<'_>, uuid: Option<&str>, fields: &Fields) -> Result<String>;
    /// The server deleted the record: returns what was done ("archived").
    fn remove(&self, db: &Db<'_>, uuid: &str) -> Result<&'static str>;
    /// A short name for messages.
    fn label(&self, fields: &Fields) -> String;
    /// Another device merged record `gone` into `keep` (both here): the
    /// same here. Returns whether it was done (kinds that never merge: no).
    fn follow_merge(&self, _db: &Db<'_>, _keep: &str, _gone: &str) -> Result<bool> {
        Ok(false)
    }

    /// Whether net's copy always wins (check-ins): what the server holds is
    /// only compared, an item net does not make is deleted there.
    fn one_way(&self) -> bool {
        false
    }

    /// The fields as they come back from the server: comparisons are made
    /// between these, never between texts (servers rewrite items).
    fn normal(&self, fields: &Fields) -> Fields {
        self.read(&self.write(fields))
            .map(|(f, _)| f)
            .unwrap_or_else(|| fields.clone())
    }
}
