//! A kind of interaction as typed (`co`, `Coffee`): the configured one it
//! means, for `net log` and `net log edit`.

use anyhow::Result;

use super::Ctx;
use crate::error::usage;

/// The kind as configured (or a unique start of one), or an error that lists the known ones.
pub fn check_kind(ctx: &Ctx, kind: &str) -> Result<String> {
    let k = kind.trim().to_lowercase();
    if ctx.settings.kind_minutes(&k).is_some() {
        return Ok(k);
    }
    // A kind the history already has (from a backup made with another
    // config) can be logged again; without --for it counts 0 minutes.
    if !k.is_empty() && ctx.store.read().kind_in_history(&k)? {
        return Ok(k);
    }
    // A unique start of a kind is enough: `co` is coffee, `l` lunch.
    let starts: Vec<&String> = ctx
        .settings
        .kinds
        .keys()
        .filter(|known| !k.is_empty() && known.starts_with(&k))
        .collect();
    if let [only] = starts[..] {
        return Ok(only.clone());
    }
    if starts.len() > 1 {
        let names: Vec<&str> = starts.iter().map(|s| s.as_str()).collect();
        return Err(usage(format!(
            "{kind:?} could be {}: type more of the kind",
            names.join(" or ")
        )));
    }
    let close = ctx
        .settings
        .kinds
        .keys()
        .filter(|known| strsim::jaro_winkler(known, &k) > 0.8)
        .max_by(|a, b| strsim::jaro_winkler(a, &k).total_cmp(&strsim::jaro_winkler(b, &k)));
    let hint = close
        .map(|c| format!("did you mean {c}? "))
        .unwrap_or_default();
    Err(usage(format!(
        "{kind:?} is not a kind of interaction: {hint}known kinds are {} (add your own under [kinds] in the config)",
        ctx.settings.kind_list()
    )))
}
