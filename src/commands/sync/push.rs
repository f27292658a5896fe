//! The pushes of a sync, made outside the write lock and a few at a time:
//! the network is slow (a first sync of 10,000 interactions is 10,000 PUTs)
//! and another `net` must be able to write meanwhile. What each push came to
//! is recorded afterwards in a short write that checks the state again.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::records::Records;
use crate::dav::{Client, Error, Item, Write};
use crate::formats::fields::Fields;
use crate::store::SyncItem;
use std::collections::{BTreeMap, HashMap};

/// Requests in flight at once: enough to hide the server's latency, few
/// enough not to swamp a small server.
const WORKERS: usize = 4;
/// How often a fresh resource name is tried, or a refused DELETE retried.
const RETRIES: usize = 3;

/// One write planned inside the transaction, made after it.
#[derive(Debug, Clone)]
pub struct Push {
    pub kind: &'static str,
    /// The local record's UUID.
    pub uuid: String,
    /// What is written (as it comes back from the server): the new base.
    pub fields: Fields,
    pub body: String,
    pub content_type: &'static str,
    pub ext: &'static str,
    pub op: Op,
}

#[derive(Debug, Clone)]
pub enum Op {
    /// Not on the server yet: a new resource in this collection.
    New { collection: String },
    /// On the server as of this state: replaced with If-Match.
    Change(SyncItem),
    /// Deleted here: deleted there (the delete wins over an edit there).
    Delete(SyncItem),
}

/// What a push came to.
#[derive(Debug)]
pub enum Outcome {
    Created {
        href: String,
        etag: Option<String>,
    },
    Replaced {
        etag: Option<String>,
    },
    /// The resource was no longer there: created again next round.
    Missing,
    Deleted,
    /// Changed on the server since the pull (412): its text, to merge.
    Stale(Item),
    /// Deleted on the server since the pull: the delete wins.
    Gone,
    /// The server kept refusing: tried again next sync.
    Refused,
}

/// Makes every push, `WORKERS` at a time. The answers line up with `plan`;
/// after a network failure the pushes not yet started are None.
pub fn all(client: &Client, plan: &[Push]) -> Vec<Option<Result<Outcome, Error>>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let answers: Vec<Mutex<Option<Result<Outcome, Error>>>> =
        plan.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(plan.len()) {
            s.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = plan.get(i) else { break };
                    let answer = one(client, p);
                    if answer.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    *answers[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(answer);
                }
            });
        }
    });
    answers
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

fn one(client: &Client, p: &Push) -> Result<Outcome, Error> {
    match &p.op {
        Op::New { collection } => {
            for _ in 0..RETRIES {
                let href = Client::new_href(collection, p.ext)?;
                match client.put(&href, &p.body, p.content_type, Write::Create) {
                    Ok(etag) => return Ok(Outcome::Created { href, etag }),
                    // The fresh name was taken: another one.
                    Err(Error::PreconditionFailed { .. }) => continue,
                    // The UID is already on the server under another name (a
                    // sync cut short after its pushes): the next pull adopts it.
                    Err(Error::Conflict { .. }) => break,
                    Err(e) => return Err(e),
                }
            }
            Ok(Outcome::Refused)
        }
        Op::Change(st) => {
            let write = match &st.etag {
                Some(e) => Write::Replace(e),
                None => Write::Create,
            };
            match client.put(&st.href, &p.body, p.content_type, write) {
                Ok(etag) => Ok(Outcome::Replaced { etag }),
                Err(Error::PreconditionFailed { .. }) => match client.get(&st.href) {
                    Ok(item) => Ok(Outcome::Stale(item)),
                    Err(Error::NotFound { .. }) => Ok(Outcome::Gone),
                    Err(e) => Err(e),
                },
                Err(Error::NotFound { .. }) => Ok(Outcome::Missing),
                Err(e) => Err(e),
            }
        }
        Op::Delete(st) => {
            let mut etag = st.etag.clone();
            for _ in 0..RETRIES {
                match client.delete(&st.href, etag.as_deref()) {
                    Ok(()) | Err(Error::NotFound { .. }) => return Ok(Outcome::Deleted),
                    // Changed there since: the delete still wins.
                    Err(Error::PreconditionFailed { .. }) => match client.get(&st.href) {
                        Ok(item) => etag = Some(item.etag),
                        Err(Error::NotFound { .. }) => etag = None,
                        Err(e) => return Err(e),
                    },
                    Err(e) => return Err(e),
                }
            }
            Ok(Outcome::Refused)
        }
    }
}

/// The pushes of what changed here since the last sync: new records, changed
/// ones (against their last-synced copy) and deletions, for the records of
/// `r` (`locals`, by UUID) and the sync state (`state`, by href).
pub(super) fn plan<R: Records + ?Sized>(
    r: &R,
    state: &BTreeMap<String, SyncItem>,
    locals: &BTreeMap<String, Fields>,
    collection: &str,
) -> Vec<Push> {
    let kind = r.kind();
    let by_uuid: HashMap<String, String> = state
        .values()
        .map(|s| (s.uuid.clone(), s.href.clone()))
        .collect();
    let push = |uuid: &str, fields: &Fields, op: Op| Push {
        kind,
        uuid: uuid.to_string(),
        fields: fields.clone(),
        body: r.write(fields),
        content_type: r.content_type(),
        ext: r.ext(),
        op,
    };
    let mut plan = Vec::new();
    for (uuid, fields) in locals {
        match by_uuid.get(uuid).and_then(|h| state.get(h)) {
            None => plan.push(push(
                uuid,
                fields,
                Op::New {
                    collection: collection.to_string(),
                },
            )),
            Some(st) => {
                if Fields::from_json(&st.synced).as_ref() != Some(fields) {
                    plan.push(push(uuid, fields, Op::Change(st.clone())));
                }
            }
        }
    }
    for st in state.values() {
        if !locals.contains_key(&st.uuid) {
            plan.push(Push {
                body: String::new(),
                ..push(&st.uuid, &Fields::default(), Op::Delete(st.clone()))
            });
        }
    }
    plan
}
