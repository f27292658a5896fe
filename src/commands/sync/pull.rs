//! Asking the server what changed: a sync-collection report from the last
//! token, or (a token refused, or none) a listing of every ETag compared
//! with the stored state; then the changed items by multiget.

use anyhow::Result;
use std::collections::{HashMap, HashSet};

use crate::dav::{self, Client, Error, Item};
use crate::store::{Db, SyncItem};

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

/// The token after this sync's own writes, when nobody else wrote since
/// `token`; else `token` itself, so that the next pull sees the others'
/// changes. (A token from before our writes would hide an item we created
/// and someone deleted: the server never saw it at that token.)
pub fn past_own_writes(
    ours: &[SyncItem],
    client: &Client,
    href: &str,
    token: &str,
) -> Result<String> {
    let delta = match client.sync_collection(href, Some(token)) {
        Ok(delta) => delta,
        Err(Error::InvalidSyncToken { .. }) => return Ok(token.to_string()),
        Err(e) => return Err(e.into()),
    };
    let ours: HashMap<&str, Option<&str>> = ours
        .iter()
        .map(|s| (s.href.as_str(), s.etag.as_deref()))
        .collect();
    let only_ours = delta.changed.iter().all(|(h, e)| {
        ours.get(h.as_str())
            .is_some_and(|ours| *ours == Some(e.as_str()))
    }) && delta.removed.iter().all(|h| !ours.contains_key(h.as_str()));
    Ok(if only_ours {
        delta.token
    } else {
        token.to_string()
    })
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
    /// Items fetched again after a 412, not a pull: the token stays.
    pub refetched: bool,
}

impl Pulled {
    /// Keeps the collection's new sync token, unless this was a refetch
    /// after a 412 (the token stays) or items wait for their contact (they
    /// must come again next time: the old token stays).
    pub fn save_token(&self, db: &Db<'_>, kind: &str, waiting: usize) -> Result<()> {
        let Some(token) = self.token.as_deref().filter(|_| !self.refetched) else {
            return Ok(());
        };
        let token = match waiting {
            0 => Some(token.to_string()),
            _ => db.sync_collection(kind)?.and_then(|(_, t)| t),
        };
        db.set_sync_collection(kind, &self.href, token.as_deref())
    }
}
