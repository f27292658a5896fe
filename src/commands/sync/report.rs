//! What `net sync` says: one line per collection, then what needs a look.

use anyhow::Result;

use crate::commands::Ctx;

pub fn say(ctx: &mut Ctx, url: &str, reports: &[Report], dry_run: bool) -> Result<()> {
    let (would, did) = if dry_run {
        ("would sync", " would have")
    } else {
        ("synced", "")
    };
    let mut lines = vec![format!("{} with {url}:", capital(would))];
    let mut history_ended = false;
    for r in reports {
        let mut parts = Vec::new();
        let mut part = |n: usize, what: &str| {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        };
        part(r.down_new, "new from the server");
        part(r.down_changed, "changed from the server");
        part(r.down_removed.len(), "deleted on the server");
        part(r.up_new, "uploaded");
        part(r.up_changed, "changed on the server");
        part(r.up_deleted, "deleted from the server");
        let summary = if parts.is_empty() {
            "nothing to do".to_string()
        } else {
            parts.join(", ")
        };
        let listed = if r.listed {
            " (the server no longer knew the last sync: compared every item)"
        } else {
            ""
        };
        lines.push(format!("  {}: {summary}{listed}.", r.kind));
        for gone in &r.down_removed {
            lines.push(format!("    deleted elsewhere: {gone}"));
        }
        for c in &r.conflicts {
            lines.push(format!(
                "    both changed {c}: the later change{did} won, the other{did} kept beside it"
            ));
        }
        for m in &r.merged {
            lines.push(format!(
                "    merged on another device: {m}; here too{did}, with its history"
            ));
        }
        if r.pending > 0 {
            lines.push(format!(
                "    {} the server kept refusing: tried again next sync",
                r.pending
            ));
        }
        if r.waiting > 0 {
            lines.push(format!(
                "    {} wait for people not on this device yet",
                r.waiting
            ));
        }
        if r.unreadable > 0 {
            lines.push(format!(
                "    {} items on the server could not be read: left alone",
                r.unreadable
            ));
        }
        history_ended |= r.applied_remote();
    }
    if history_ended && !dry_run {
        lines.push(
            "Changes from the server were applied: `net undo` can undo this sync, not what came before it."
                .into(),
        );
    }
    for l in lines {
        ctx.say(l)?;
    }
    Ok(())
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
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
    /// "Anna Müller: name (the server's won)": both sides changed a field;
    /// the later change won, the other is kept beside it.
    pub conflicts: Vec<String>,
    /// Records merged into another, as another device merged them.
    pub merged: Vec<String>,
    /// Writes the server kept refusing: tried again next time.
    pub pending: usize,
    /// Items whose people have not arrived: fetched again next time.
    pub waiting: usize,
    pub unreadable: usize,
    pub listed: bool,
}

impl Report {
    pub fn applied_remote(&self) -> bool {
        self.down_new + self.down_changed + self.down_removed.len() + self.merged.len() > 0
    }
}
