//! What the pushes of a sync came to, recorded in the short write after
//! them: a created item's href and ETag become its sync state, a replaced
//! one's new ETag and copy; a write refused with 412 goes back to be merged
//! like a pulled item, one deleted there meanwhile is removed.

use anyhow::Result;
use std::collections::{HashMap, HashSet};

use super::pull::Pulled;
use super::push::{Op, Outcome, Push};
use super::report::Report;
use crate::store::{Db, SyncItem};

/// Records what the pushes came to, checking the state again: another net
/// may have synced meanwhile. A write refused with 412 is merged like a
/// pulled item (and pushed again); one deleted there meanwhile is removed.
pub(super) fn record(
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
