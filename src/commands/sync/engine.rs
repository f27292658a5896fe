//! One collection's sync: merge what was pulled into the local records
//! three-way against the last-synced copy, and ask `push::plan` for the pushes of what
//! changed here (made by `push`, outside the write lock). The caller runs
//! [`apply`] inside one write transaction: a failure anywhere leaves
//! nothing half-applied here.

use anyhow::Result;
use std::collections::{BTreeMap, HashSet};

use super::pull::Pulled;
use super::push::{Outcome, Push};
use super::records::Records;
use super::report::Report;
use crate::dav::Item;
use crate::formats::fields::Fields;
use crate::formats::reconcile::{self, Rules, Sides, Step};
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
    super::outcomes::record(db, done, &mut pulled, report)?;
    let mut state: BTreeMap<String, SyncItem> = db
        .sync_items(kind)?
        .into_iter()
        .map(|s| (s.href.clone(), s))
        .collect();
    let mut locals: BTreeMap<String, Fields> = r
        .local(db)?
        .into_iter()
        .map(|(uuid, f)| (uuid, r.normal(&f)))
        .collect();

    // Read once: merges made elsewhere are followed after the items.
    let items: Vec<(Option<(Fields, bool)>, Item)> = std::mem::take(&mut pulled.items)
        .into_iter()
        .map(|i| (r.read(&i.body), i))
        .collect();
    let read = items.iter().filter_map(|(f, _)| f.as_ref().map(|f| &f.0));
    let follows = reconcile::follows(read, &locals);
    let merging: HashSet<&str> = follows.iter().map(|(_, g)| g.as_str()).collect();

    // Deleted on the server: the delete wins over an edit made here (a
    // contact merged into another elsewhere is merged here, below).
    for href in &pulled.removed {
        if let Some(st) = state.remove(href) {
            db.drop_sync_item(kind, href)?;
            if merging.contains(st.uuid.as_str()) {
                continue;
            }
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
    for (read, item) in items {
        let Some((remote, knows_net)) = read else {
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
        let pulled_as = |uid: &str, uuid: &str| {
            SyncItem::pulled(kind, &item.href, &item.etag, uid, uuid, remote.to_json())
        };
        let st = state.get(&item.href).cloned();
        let base = st.as_ref().and_then(|s| Fields::from_json(&s.synced));
        let uuid = match &st {
            Some(s) => Some(s.uuid.clone()),
            None => r.find(db, &remote)?.filter(|u| !claimed.contains(u)),
        };
        let local = uuid.as_ref().and_then(|u| locals.get(u)).cloned();
        let sides = Sides {
            base: base.as_ref(),
            local: local.as_ref(),
            synced: st.is_some(),
        };
        let rules = Rules {
            net_only: r.net_only(),
            loser: &|k| r.loser(k),
            one_way: r.one_way(),
        };
        let merged = match reconcile::step(&remote, knows_net, sides, rules) {
            Step::DeletedHere => {
                // Pushed below; the new ETag makes its DELETE match.
                let gone = SyncItem {
                    etag: Some(item.etag.clone()),
                    ..st.unwrap_or_else(|| unreachable!())
                };
                remember(db, &mut state, gone)?;
                continue;
            }
            Step::NotOurs => {
                // Not one net makes (any more): deleted there below.
                remember(db, &mut state, pulled_as(&uid, &uid))?;
                continue;
            }
            Step::New(fields) => {
                report.down_new += 1;
                fields
            }
            Step::Merged {
                fields,
                conflicts,
                changed,
            } => {
                if !conflicts.is_empty() {
                    report
                        .conflicts
                        .push(reconcile::describe(&r.label(&fields), &conflicts));
                }
                report.down_changed += usize::from(changed);
                fields
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
        reread(r, db, &mut locals, &new_uuid, merged)?;
        let uid = if uid.is_empty() { &new_uuid } else { &uid };
        remember(db, &mut state, pulled_as(uid, &new_uuid))?;
    }

    // Merged elsewhere: the same two merged here, history and all.
    for (keep, gone) in &follows {
        if locals.contains_key(keep)
            && locals.contains_key(gone)
            && r.follow_merge(db, keep, gone)?
        {
            let gone = locals.remove(gone).unwrap_or_default();
            reread(r, db, &mut locals, keep, Fields::default())?;
            let into = r.label(&locals[keep]);
            report
                .merged
                .push(format!("{} into {into}", r.label(&gone)));
        }
    }

    // What changed here goes up (pushed by the caller, after the write).
    let plan = super::push::plan(r, &state, &locals, &pulled.href);
    pulled.save_token(db, kind, report.waiting)?;
    Ok(plan)
}

/// The local record as the store has it now (it may have normalised what
/// was saved; `saved` when it is gone), in the form the server gives back.
fn reread<R: Records + ?Sized>(
    r: &R,
    db: &Db<'_>,
    locals: &mut BTreeMap<String, Fields>,
    uuid: &str,
    saved: Fields,
) -> Result<()> {
    let now = r.local_one(db, uuid)?.unwrap_or(saved);
    locals.insert(uuid.to_string(), r.normal(&now));
    Ok(())
}

/// Saves the sync state of an item and keeps it in this round's view of it.
fn remember(db: &Db<'_>, state: &mut BTreeMap<String, SyncItem>, item: SyncItem) -> Result<()> {
    db.save_sync_item(&item)?;
    state.insert(item.href.clone(), item);
    Ok(())
}
