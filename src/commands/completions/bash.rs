//! bash: a wrapper around clap's `_net` that knows, from the command tree,
//! which positions and options take a contact NAME or an ID.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::slots::Slots;

/// A position list for the script: `1 2+` (the last open-ended).
fn list(positions: &[usize], open: bool) -> String {
    let last = positions.len().saturating_sub(1);
    positions
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{p}{}", if i == last && open { "+" } else { "" }))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn hook(all: &[Slots]) -> String {
    format!(
        "{}{}{}",
        include_str!("hook_head.bash"),
        slots_function(all),
        include_str!("hook_tail.bash")
    )
}

/// `_net_slots SPELLING` (bash and zsh alike): a `case` arm per spelling of
/// each command (`log edit`, `l edit`), setting what it takes.
pub fn slots_function(all: &[Slots]) -> String {
    let mut spelled: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    let mut cases = String::new();
    for s in all {
        let parent = spelled
            .get(&s.path[..s.path.len() - 1])
            .cloned()
            .unwrap_or_default();
        let spellings = s.spellings(&parent);
        spelled.insert(s.path.clone(), spellings.clone());
        let quoted: Vec<String> = spellings.iter().map(|w| format!("\"{w}\"")).collect();
        let _ = writeln!(
            cases,
            "        {}) takes=\"{}\"; subs=\"{}\"; slots=\"{}\"; id_slots=\"{}\"; name_opts=\"{}\"; kind_slots=\"{}\"; kind_opts=\"{}\"; which={}; ids_of={} ;;",
            quoted.join("|"),
            s.takes_value.join(" "),
            s.subs.join(" "),
            list(&s.positions, s.open_ended),
            list(&s.ids, s.ids_open),
            s.name_options.join(" "),
            list(&s.kinds, false),
            s.kind_options.join(" "),
            if s.archived { "archived" } else { "active" },
            s.ids_of(),
        );
    }
    format!("{}{cases}    esac\n}}\n\n", include_str!("slots_head.sh"))
}
