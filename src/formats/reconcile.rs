//! What `net sync` does with one item the server sent, decided from the
//! item, the copy both sides agreed on last time and the local record:
//! take it, merge it, or leave it (deleted here); and which contacts another
//! device merged (X-NET-MERGED) are to be merged here too. Pure: no
//! database, no network; `commands::sync::engine` fetches and hands over.

use std::collections::{BTreeMap, HashSet};

use super::fields::{fill_unknown, merge, Conflict, Fields, Loser, REV};

/// What is known of one pulled item besides its own fields.
pub struct Sides<'a> {
    /// The copy of the last sync (None: never synced).
    pub base: Option<&'a Fields>,
    /// The local record it is (None: not here).
    pub local: Option<&'a Fields>,
    /// The item was synced before (its state is kept).
    pub synced: bool,
}

/// How a kind of record merges.
pub struct Rules<'a> {
    /// Fields only net writes: unknown (not deleted) in an item without them.
    pub net_only: &'a [&'a str],
    pub loser: &'a dyn Fn(&str) -> Loser,
    /// Only net writes this kind (check-ins): its copy is the truth.
    pub one_way: bool,
}

/// What to do with a pulled item.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Deleted here since the last sync: the delete wins (pushed later).
    DeletedHere,
    /// Not here: the server's record is saved as it is.
    New(Fields),
    /// Of a one-way kind and not one net makes (any more): deleted there.
    NotOurs,
    /// Merged with the local record.
    Merged {
        fields: Fields,
        conflicts: Vec<Conflict>,
        /// Anything but its identity and time differs from the local record
        /// (the same coffee known here under another UUID is adopted, not a
        /// change).
        changed: bool,
    },
}

/// Decides what a pulled item (`remote`; `knows_net`: its writer keeps
/// net's own fields) does to the local record.
pub fn step(remote: &Fields, knows_net: bool, sides: Sides<'_>, rules: Rules<'_>) -> Step {
    if sides.synced && sides.local.is_none() {
        return Step::DeletedHere;
    }
    if rules.one_way {
        return match sides.local {
            Some(local) => Step::Merged {
                fields: local.clone(),
                conflicts: Vec::new(),
                changed: false,
            },
            None => Step::NotOurs,
        };
    }
    let remote = if knows_net {
        remote.clone()
    } else {
        fill_unknown(remote, sides.base.or(sides.local), rules.net_only)
    };
    let Some(local) = sides.local else {
        return Step::New(remote);
    };
    let m = merge(sides.base, local, &remote, rules.loser);
    let changed = bare(&m.fields) != bare(local);
    Step::Merged {
        fields: m.fields,
        conflicts: m.conflicts,
        changed,
    }
}

/// A record without its identity and its time.
fn bare(f: &Fields) -> Fields {
    let mut f = f.clone();
    for key in ["uid", "uuid", REV] {
        f.0.remove(key);
    }
    f
}

/// The merges another device made that this one follows: (kept, gone) for
/// each UUID a pulled record lists as merged into it (`merged`) that is
/// still a record of its own here. A record listed by two follows the
/// first; a chain (b into a, a into c) ends in the last (b and a into c).
pub fn follows<'a>(
    pulled: impl IntoIterator<Item = &'a Fields>,
    locals: &BTreeMap<String, Fields>,
) -> Vec<(String, String)> {
    let mut into: BTreeMap<String, String> = BTreeMap::new();
    let mut order = Vec::new();
    for f in pulled {
        let Some(keep) = f.text("uuid") else { continue };
        for gone in f.set("merged") {
            if gone != keep && !into.contains_key(&gone) {
                into.insert(gone.clone(), keep.to_string());
                order.push(gone);
            }
        }
    }
    let last = |mut keep: String| {
        let mut seen = HashSet::new();
        while let Some(next) = into.get(&keep) {
            if !seen.insert(keep.clone()) {
                break;
            }
            keep = next.clone();
        }
        keep
    };
    order
        .into_iter()
        .filter(|gone| locals.contains_key(gone))
        .map(|gone| (last(into[&gone].clone()), gone))
        .filter(|(keep, gone)| keep != gone)
        .collect()
}

/// What `net sync` says of the conflicts of one record.
pub fn describe(label: &str, conflicts: &[Conflict]) -> String {
    let fields: Vec<String> = conflicts
        .iter()
        .map(|c| {
            let side = if c.local_won {
                "this device's"
            } else {
                "the server's"
            };
            format!("{} ({side} won)", c.field)
        })
        .collect();
    format!("{label}: {}", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        let mut out = Fields::default();
        for (k, v) in pairs {
            match v.strip_prefix('[') {
                Some(list) => out.put_set(k, list.trim_end_matches(']').split(',')),
                None => out.put_text(k, Some(*v)),
            }
        }
        out
    }

    fn rules() -> Rules<'static> {
        Rules {
            net_only: &["why"],
            loser: &|k| {
                if k == "name" {
                    Loser::Into("aliases")
                } else {
                    Loser::Drop
                }
            },
            one_way: false,
        }
    }

    #[test]
    fn an_item_deleted_here_stays_deleted_and_a_new_one_is_taken() {
        let remote = f(&[("name", "Ana")]);
        let gone = Sides {
            base: Some(&remote),
            local: None,
            synced: true,
        };
        assert_eq!(step(&remote, true, gone, rules()), Step::DeletedHere);
        let new = Sides {
            base: None,
            local: None,
            synced: false,
        };
        assert_eq!(step(&remote, true, new, rules()), Step::New(remote.clone()));
    }

    #[test]
    fn a_phone_that_drops_net_fields_leaves_them_as_they_were() {
        let base = f(&[("name", "Ana"), ("why", "referrer")]);
        let phone = f(&[("name", "Ana Lima")]);
        let sides = Sides {
            base: Some(&base),
            local: Some(&base),
            synced: true,
        };
        let Step::Merged {
            fields, changed, ..
        } = step(&phone, false, sides, rules())
        else {
            panic!("not merged")
        };
        assert_eq!(fields, f(&[("name", "Ana Lima"), ("why", "referrer")]));
        assert!(changed);
    }

    #[test]
    fn the_later_change_wins_and_a_new_time_alone_is_no_change() {
        let base = f(&[("name", "Ana"), ("rev", "20261101T000000Z")]);
        let local = f(&[("name", "Ana L"), ("rev", "20261103T000000Z")]);
        let remote = f(&[("name", "Ana R"), ("rev", "20261102T000000Z")]);
        let sides = Sides {
            base: Some(&base),
            local: Some(&local),
            synced: true,
        };
        let Step::Merged {
            fields, conflicts, ..
        } = step(&remote, true, sides, rules())
        else {
            panic!("not merged")
        };
        assert_eq!(fields.text("name"), Some("Ana L"));
        assert_eq!(
            describe("Ana L", &conflicts),
            "Ana L: name (this device's won)"
        );
        let touched = f(&[("name", "Ana"), ("rev", "20261105T000000Z")]);
        let sides = Sides {
            base: Some(&base),
            local: Some(&base),
            synced: true,
        };
        let Step::Merged { changed, .. } = step(&touched, true, sides, rules()) else {
            panic!("not merged")
        };
        assert!(!changed);
    }

    #[test]
    fn merges_made_elsewhere_are_followed_once() {
        let locals: BTreeMap<String, Fields> = ["a", "b", "c"]
            .iter()
            .map(|u| (u.to_string(), Fields::default()))
            .collect();
        let a = f(&[("uuid", "a"), ("merged", "[b,x]")]);
        let c = f(&[("uuid", "c"), ("merged", "[b]")]);
        assert_eq!(follows([&a, &c], &locals), [("a".into(), "b".into())]);
        // A chain (b into a, a into c): b and a end in c, via a.
        let a = f(&[("uuid", "a"), ("merged", "[b]")]);
        let c = f(&[("uuid", "c"), ("merged", "[a,b]")]);
        for pulled in [[&a, &c], [&c, &a]] {
            let mut got = follows(pulled, &locals);
            got.sort();
            assert_eq!(got, [("c".into(), "a".into()), ("c".into(), "b".into())]);
        }
    }
}
