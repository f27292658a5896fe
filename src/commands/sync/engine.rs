//! One collection's sync: merge what was pulled into the local records
//! three-way against the last-synced copy, and ask `push::plan` for the pushes of what
//! changed here (made by `push`, outside the write lock). The caller runs
//! [`apply`] inside one write transaction: a failure anywhere leaves
//! nothing half-applied here.

use anyhow::Result;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::pull::Pulled;
use super::push::{Op, Outcome, Push};
use super::records::Records;
use super::report::Report;

use crate::formats::fields::{fill_unknown, merge, Fields};
use crate::store::{Db, SyncItem};

/// Records what the last pushes came to, merges what was pulled (or
/// fetched again after a 412) into the local records, and plans the pushes
/// of what changed here. Runs inside the caller's short write transaction;
/// the pushes are made after it, outside the lock.
pub fn apply<R: Records + ?Sized>(
    r: &R,
    db: &Db<'_>,
    mut pulled: Pulled,
    done: Vec<(Push, Outcome)>,
    report: &mut Report,
) -> Result<Vec<Push>> {
    let kind = r.kind();
    record(db, done, &mut pulled, report)?;
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
        if r.one_way() && st.is_none() && local.is_none() {
            // Not one net makes (any more): deleted there below.
            let gone = SyncItem {
                kind: kind.to_string(),
                href: item.href.clone(),
                etag: Some(item.etag.clone()),
                uid: uid.clone(),
                uuid: uid.clone(),
                synced: remote.to_json(),
            };
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
            Some(local) if r.one_way() => local.clone(),
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

    // What changed here goes up (pushed by the caller, after the write).
    let plan = super::push::plan(r, &state, &locals, &pulled.href);
    if let Some(token) = pulled.token.filter(|_| !pulled.refetched) {
        // Waiting items keep the old token: they come again next time.
        let token = if report.waiting > 0 {
            db.sync_collection(kind)?.and_then(|(_, t)| t)
        } else {
            Some(token)
        };
        db.set_sync_collection(kind, &pulled.href, token.as_deref())?;
    }
    Ok(plan)
}

/// Records what the pushes came to, checking the state again: another net
/// may have synced meanwhile. A write refused with 412 is merged like a
/// pulled item (and pushed again); one deleted there meanwhile is removed.
fn record(
    db: &Db<'_>,
    done: Vec<(Push, Outcome)>,
    pulled: &mut Pulled,
    report: &mut Report,
) -> Result<()> {
    let Some(kind) = done.first().map(|(p, _)| p.kind) else {
        return Ok(());
    };
    // Read once: a first sync records thousands of pushes.
    let mut now: HashMap<String, SyncItem> = db
        .sync_items(kind)?
        .into_iter()
        .map(|s| (s.href.clone(), s))
        .collect();
    let mut known: HashSet<String> = now.values().map(|s| s.uuid.clone()).collect();
    for (p, outcome) in done {
        match (p.op, outcome) {
            (Op::New { .. }, Outcome::Created { href, etag }) => {
                if known.insert(p.uuid.clone()) {
                    let item = SyncItem {
                        kind: p.kind.to_string(),
                        href,
                        etag,
                        uid: p.fields.text("uid").unwrap_or(&p.uuid).to_string(),
                        uuid: p.uuid.clone(),
                        synced: p.fields.to_json(),
                    };
                    db.save_sync_item(&item)?;
                    now.insert(item.href.clone(), item);
                }
            }
            (Op::Change(st), outcome) => {
                if now.get(&st.href) != Some(&st) {
                    continue;
                }
                match outcome {
                    Outcome::Replaced { etag } => db.save_sync_item(&SyncItem {
                        etag,
                        synced: p.fields.to_json(),
                        ..st
                    })?,
                    Outcome::Missing => db.save_sync_item(&SyncItem { etag: None, ..st })?,
                    Outcome::Stale(item) => pulled.items.push(item),
                    Outcome::Gone => pulled.removed.push(st.href),
                    _ => report.pending += 1,
                }
            }
            (Op::Delete(st), Outcome::Deleted) => db.drop_sync_item(&st.kind, &st.href)?,
            _ => report.pending += 1,
        }
    }
    Ok(())
}
