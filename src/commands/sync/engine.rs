//! One collection's sync: pull what changed on the server (sync token, else
//! an ETag listing), merge it into the local records three-way against the
//! last-synced copy, and push what changed here with If-Match /
//! If-None-Match. The caller runs [`apply`] inside one write transaction:
//! a failure anywhere leaves nothing half-applied here.

use anyhow::Result;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::dav::{self, Client, Error, Item, Write};
use crate::formats::fields::{fill_unknown, merge, Fields, Loser};
use crate::store::{Db, SyncItem};

/// How often a write refused with 412 is fetched, merged and tried again.
const RETRIES: usize = 3;

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

    /// The fields as they come back from the server: comparisons are made
    /// between these, never between texts (servers rewrite items).
    fn normal(&self, fields: &Fields) -> Fields {
        self.read(&self.write(fields))
            .map(|(f, _)| f)
            .unwrap_or_else(|| fields.clone())
    }
}

/// What the server said changed since the last sync.
#[derive(Debug, Default)]
pub struct Pulled {
    pub href: String,
    /// Items fetched: (href, etag, text).
    pub items: Vec<Item>,
    pub removed: Vec<String>,
    pub token: Option<String>,
    /// The sync token was refused or missing: the ETags were listed.
    pub listed: bool,
}

/// What a sync of one collection did (or would do).
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub kind: &'static str,
    pub down_new: usize,
    pub down_changed: usize,
    pub down_removed: Vec<String>,
    pub up_new: usize,
    pub up_changed: usize,
    pub up_deleted: usize,
    /// "Anna Müller: name" — both sides changed; the server's value won.
    pub conflicts: Vec<String>,
    /// Writes the server kept refusing: tried again next time.
    pub pending: usize,
    /// Items whose people have not arrived: fetched again next time.
    pub waiting: usize,
    pub unreadable: usize,
    pub listed: bool,
}

impl Report {
    pub fn applied_remote(&self) -> bool {
        self.down_new + self.down_changed + self.down_removed.len() > 0
    }
}

/// Asks the server what changed in `href` since `token` (all of it with
/// none), and fetches those items.
pub fn pull(
    client: &Client,
    kind: dav::Kind,
    href: &str,
    token: Option<&str>,
    state: &[SyncItem],
) -> Result<Pulled, Error> {
    let known: HashMap<&str, Option<&str>> = state
        .iter()
        .map(|s| (s.href.as_str(), s.etag.as_deref()))
        .collect();
    let mut pulled = Pulled {
        href: href.to_string(),
        ..Pulled::default()
    };
    let delta = match token {
        Some(t) => match client.sync_collection(href, Some(t)) {
            Ok(delta) => Some(delta),
            Err(Error::InvalidSyncToken { .. }) => {
                pulled.listed = true;
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let changed: Vec<(String, String)> = match delta {
        Some(delta) => {
            pulled.token = Some(delta.token);
            pulled.removed = delta
                .removed
                .into_iter()
                .filter(|h| known.contains_key(h.as_str()))
                .collect();
            delta.changed
        }
        None => {
            // Token first: what changes while listing is seen again next time.
            pulled.token = client.sync_token(href)?;
            let listing = client.list_etags(href)?;
            let present: HashSet<&str> = listing.iter().map(|(h, _)| h.as_str()).collect();
            pulled.removed = state
                .iter()
                .filter(|s| !present.contains(s.href.as_str()))
                .map(|s| s.href.clone())
                .collect();
            listing
        }
    };
    let wanted: Vec<String> = changed
        .into_iter()
        .filter(|(h, etag)| known.get(h.as_str()) != Some(&Some(etag.as_str())))
        .map(|(h, _)| h)
        .collect();
    if !wanted.is_empty() {
        pulled.items = client.multiget(href, kind, &wanted)?;
        // Gone between the listing and the fetch: deleted meanwhile.
        let got: HashSet<&str> = pulled.items.iter().map(|i| i.href.as_str()).collect();
        for h in &wanted {
            if !got.contains(h.as_str()) && known.contains_key(h.as_str()) {
                pulled.removed.push(h.clone());
            }
        }
    }
    Ok(pulled)
}

/// Merges what was pulled into the local records and (unless `client` is
/// None: a dry run) pushes what changed here. Runs inside the caller's
/// transaction; the new sync token is saved with it.
pub fn apply<R: Records>(
    r: &R,
    db: &Db<'_>,
    client: Option<&Client>,
    pulled: Pulled,
) -> Result<Report> {
    let kind = r.kind();
    let mut report = Report {
        kind,
        listed: pulled.listed,
        ..Report::default()
    };
    let mut state: BTreeMap<String, SyncItem> = db
        .sync_items(kind)?
        .into_iter()
        .map(|s| (s.href.clone(), s))
        .collect();
    let mut locals: BTreeMap<String, Fields> = r
        .local(db)?
        .into_iter()
        .map(|(uuid, f)| {
            let n = r.normal(&f);
            (uuid, n)
        })
        .collect();

    // Deleted on the server: the delete wins over an edit made here.
    for href in &pulled.removed {
        if let Some(st) = state.remove(href) {
            db.drop_sync_item(kind, href)?;
            if let Some(f) = locals.remove(&st.uuid) {
                let done = r.remove(db, &st.uuid)?;
                report
                    .down_removed
                    .push(format!("{} ({done})", r.label(&f)));
            }
        }
    }

    // Changed or new on the server. Two items with one UID (Xandikos allows
    // it): the first wins. A local record already tied to an item is never
    // matched to another one: two people of one name, or two coffees on one
    // day, stay two (and neither is deleted on the server).
    let mut seen_uids = HashSet::new();
    let mut claimed: HashSet<String> = state.values().map(|s| s.uuid.clone()).collect();
    for item in pulled.items {
        let Some((remote, knows_net)) = r.read(&item.body) else {
            report.unreadable += 1;
            continue;
        };
        let uid = remote.text("uid").unwrap_or_default().to_string();
        if !uid.is_empty() && !seen_uids.insert(uid.clone()) {
            continue;
        }
        if !r.ready(db, &remote)? {
            report.waiting += 1;
            continue;
        }
        let st = state.get(&item.href).cloned();
        let base = st.as_ref().and_then(|s| Fields::from_json(&s.synced));
        let uuid = match &st {
            Some(s) => Some(s.uuid.clone()),
            None => r.find(db, &remote)?.filter(|u| !claimed.contains(u)),
        };
        let local = uuid.as_ref().and_then(|u| locals.get(u)).cloned();
        if st.is_some() && local.is_none() {
            // Deleted here since the last sync: the delete wins; pushed below.
            let mut gone = st.unwrap_or_else(|| unreachable!());
            gone.etag = Some(item.etag.clone());
            db.save_sync_item(&gone)?;
            state.insert(item.href.clone(), gone);
            continue;
        }
        let remote_eff = if knows_net {
            remote.clone()
        } else {
            fill_unknown(&remote, base.as_ref().or(local.as_ref()), r.net_only())
        };
        let merged = match &local {
            None => {
                report.down_new += 1;
                remote_eff
            }
            Some(local) => {
                let m = merge(base.as_ref(), local, &remote_eff, |k| r.loser(k));
                if !m.conflicts.is_empty() {
                    report.conflicts.push(format!(
                        "{}: {}",
                        r.label(&m.fields),
                        m.conflicts.join(", ")
                    ));
                }
                // The same record known here by another UUID (the same
                // coffee logged on two machines) is adopted, not a change.
                let bare = |f: &Fields| {
                    let mut f = f.clone();
                    f.0.remove("uid");
                    f.0.remove("uuid");
                    f
                };
                if bare(&m.fields) != bare(local) {
                    report.down_changed += 1;
                }
                m.fields
            }
        };
        let new_uuid = if local.as_ref() == Some(&merged) {
            uuid.clone().unwrap_or_default()
        } else {
            r.save(db, uuid.as_deref(), &merged)?
        };
        if let Some(old) = &uuid {
            locals.remove(old);
        }
        claimed.insert(new_uuid.clone());
        // Read back: the store may have normalised it.
        let mut now = r.local_one(db, &new_uuid)?.unwrap_or(merged);
        now = r.normal(&now);
        locals.insert(new_uuid.clone(), now);
        let saved = SyncItem {
            kind: kind.to_string(),
            href: item.href.clone(),
            etag: Some(item.etag),
            uid: if uid.is_empty() {
                new_uuid.clone()
            } else {
                uid
            },
            uuid: new_uuid,
            synced: remote.to_json(),
        };
        db.save_sync_item(&saved)?;
        state.insert(saved.href.clone(), saved);
    }

    // What changed here goes up.
    let by_uuid: HashMap<String, String> = state
        .values()
        .map(|s| (s.uuid.clone(), s.href.clone()))
        .collect();
    for (uuid, fields) in &locals {
        match by_uuid.get(uuid).and_then(|h| state.get(h)).cloned() {
            None => {
                report.up_new += 1;
                if let Some(c) = client {
                    push_new(r, db, c, &pulled.href, uuid, fields, &mut report)?;
                }
            }
            Some(st) => {
                let base = Fields::from_json(&st.synced);
                if base.as_ref() != Some(fields) {
                    report.up_changed += 1;
                    if let Some(c) = client {
                        push_changed(r, db, c, st, fields, &mut report)?;
                    }
                }
            }
        }
    }
    for st in state.values() {
        if !locals.contains_key(&st.uuid) {
            report.up_deleted += 1;
            if let Some(c) = client {
                push_delete(db, c, st)?;
            }
        }
    }
    if let Some(c) = client {
        let mut token = pulled.token.clone();
        let pushed = report.up_new + report.up_changed + report.up_deleted > 0;
        if report.waiting > 0 {
            // Keep the old token: the waiting items come again next time.
            token = db.sync_collection(kind)?.and_then(|(_, t)| t);
        } else if let (true, Some(t)) = (pushed, &token) {
            token = Some(past_own_writes(db, c, kind, &pulled.href, t)?);
        }
        db.set_sync_collection(kind, &pulled.href, token.as_deref())?;
    }
    Ok(report)
}

/// The token after this sync's own writes, when nobody else wrote since
/// `token`; else `token` itself, so that the next pull sees the others'
/// changes. (A token from before our writes would hide an item we created
/// and someone deleted: the server never saw it at that token.)
fn past_own_writes(
    db: &Db<'_>,
    client: &Client,
    kind: &str,
    href: &str,
    token: &str,
) -> Result<String> {
    let delta = match client.sync_collection(href, Some(token)) {
        Ok(delta) => delta,
        Err(Error::InvalidSyncToken { .. }) => return Ok(token.to_string()),
        Err(e) => return Err(e.into()),
    };
    let ours: HashMap<String, Option<String>> = db
        .sync_items(kind)?
        .into_iter()
        .map(|s| (s.href, s.etag))
        .collect();
    let only_ours = delta
        .changed
        .iter()
        .all(|(h, e)| ours.get(h).is_some_and(|ours| ours.as_deref() == Some(e)))
        && delta.removed.iter().all(|h| !ours.contains_key(h));
    Ok(if only_ours {
        delta.token
    } else {
        token.to_string()
    })
}

fn push_new<R: Records>(
    r: &R,
    db: &Db<'_>,
    client: &Client,
    collection: &str,
    uuid: &str,
    fields: &Fields,
    report: &mut Report,
) -> Result<()> {
    let body = r.write(fields);
    for _ in 0..RETRIES {
        let href = Client::new_href(collection, r.ext())?;
        match client.put(&href, &body, r.content_type(), Write::Create) {
            Ok(etag) => {
                db.save_sync_item(&SyncItem {
                    kind: r.kind().to_string(),
                    href,
                    etag,
                    uid: fields.text("uid").unwrap_or(uuid).to_string(),
                    uuid: uuid.to_string(),
                    synced: fields.to_json(),
                })?;
                return Ok(());
            }
            // The fresh name was taken: another one.
            Err(Error::PreconditionFailed { .. }) => continue,
            // The UID is already on the server under another name (a sync
            // cut short after its pushes): the next pull adopts it.
            Err(Error::Conflict { .. }) => break,
            Err(e) => return Err(e.into()),
        }
    }
    report.pending += 1;
    Ok(())
}

fn push_changed<R: Records>(
    r: &R,
    db: &Db<'_>,
    client: &Client,
    mut st: SyncItem,
    fields: &Fields,
    report: &mut Report,
) -> Result<()> {
    let mut fields = fields.clone();
    for _ in 0..RETRIES {
        let body = r.write(&fields);
        let write = match &st.etag {
            Some(e) => Write::Replace(e),
            None => Write::Create,
        };
        match client.put(&st.href, &body, r.content_type(), write) {
            Ok(etag) => {
                st.etag = etag;
                st.synced = fields.to_json();
                db.save_sync_item(&st)?;
                return Ok(());
            }
            Err(Error::PreconditionFailed { .. }) => {
                // Changed on the server since the pull: fetch, merge, again.
                let item = match client.get(&st.href) {
                    Ok(item) => item,
                    Err(Error::NotFound { .. }) => {
                        // Deleted there meanwhile: the delete wins.
                        db.drop_sync_item(&st.kind, &st.href)?;
                        let done = r.remove(db, &st.uuid)?;
                        report
                            .down_removed
                            .push(format!("{} ({done})", r.label(&fields)));
                        return Ok(());
                    }
                    Err(e) => return Err(e.into()),
                };
                let Some((remote, knows_net)) = r.read(&item.body) else {
                    break;
                };
                let base = Fields::from_json(&st.synced);
                let remote_eff = if knows_net {
                    remote.clone()
                } else {
                    fill_unknown(&remote, base.as_ref(), r.net_only())
                };
                let m = merge(base.as_ref(), &fields, &remote_eff, |k| r.loser(k));
                if !m.conflicts.is_empty() {
                    report.conflicts.push(format!(
                        "{}: {}",
                        r.label(&m.fields),
                        m.conflicts.join(", ")
                    ));
                }
                if m.fields != fields {
                    r.save(db, Some(&st.uuid), &m.fields)?;
                    report.down_changed += 1;
                }
                fields = r.normal(&m.fields);
                st.etag = Some(item.etag);
                st.synced = remote.to_json();
                db.save_sync_item(&st)?;
                if r.normal(&remote) == fields {
                    return Ok(());
                }
            }
            Err(Error::NotFound { .. }) => {
                st.etag = None;
            }
            Err(e) => return Err(e.into()),
        }
    }
    report.pending += 1;
    Ok(())
}

fn push_delete(db: &Db<'_>, client: &Client, st: &SyncItem) -> Result<()> {
    let mut etag = st.etag.clone();
    for _ in 0..RETRIES {
        match client.delete(&st.href, etag.as_deref()) {
            Ok(()) | Err(Error::NotFound { .. }) => {
                db.drop_sync_item(&st.kind, &st.href)?;
                return Ok(());
            }
            // Changed there since: the delete still wins.
            Err(Error::PreconditionFailed { .. }) => match client.get(&st.href) {
                Ok(item) => etag = Some(item.etag),
                Err(Error::NotFound { .. }) => etag = None,
                Err(e) => return Err(e.into()),
            },
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
