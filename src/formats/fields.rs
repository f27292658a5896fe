//! A synced record as named fields (texts and sets), and the three-way
//! merge `net sync` makes of a local record and the server's copy against
//! the copy both agreed on last time. Pure: no database, no network.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One field: a text, or a set (e-mails, tags, participants…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Set(BTreeSet<String>),
}

/// A record by field name. An empty text or set is never stored: absent
/// means empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields(pub BTreeMap<String, Value>);

impl Fields {
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.0.get(key) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn set(&self, key: &str) -> Vec<String> {
        match self.0.get(key) {
            Some(Value::Set(s)) => s.iter().cloned().collect(),
            Some(Value::Text(t)) => vec![t.clone()],
            None => Vec::new(),
        }
    }

    pub fn put_text(&mut self, key: &str, value: Option<impl Into<String>>) {
        match value
            .map(Into::into)
            .filter(|v: &String| !v.trim().is_empty())
        {
            Some(v) => self.0.insert(key.to_string(), Value::Text(v)),
            None => self.0.remove(key),
        };
    }

    pub fn put_set<S: AsRef<str>>(&mut self, key: &str, values: impl IntoIterator<Item = S>) {
        let set: BTreeSet<String> = values
            .into_iter()
            .map(|v| v.as_ref().trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if set.is_empty() {
            self.0.remove(key);
        } else {
            self.0.insert(key.to_string(), Value::Set(set));
        }
    }

    /// The stored form (the last-synced copy).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Fields> {
        serde_json::from_str(text).ok()
    }
}

/// The outcome of a merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub fields: Fields,
    /// Fields both sides changed differently: the later change won and the
    /// other was kept visible (a name as an alias, text appended).
    pub conflicts: Vec<Conflict>,
}

/// A field both sides changed, and whose change won.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub field: String,
    /// This device's change was the later one (else the server's).
    pub local_won: bool,
}

/// How a conflicting field keeps the losing value visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loser {
    /// The loser is dropped (dates, cadences: one value or the other).
    Drop,
    /// The loser is appended to the winner (free text).
    Append,
    /// The loser goes into this set field (a name becomes an alias).
    Into(&'static str),
}

/// Fields that name a record: changed on both sides, the server's wins,
/// whatever the times (it is what the item is known by there).
const IDENTITY: &[&str] = &["uid", "uuid"];

/// The field that holds when a record last changed (REV, LAST-MODIFIED):
/// UTC `20261122T091405Z`, compared as text.
pub const REV: &str = "rev";

/// A REV or LAST-MODIFIED as [`REV`] holds it: `2026-11-22T09:14:05Z`,
/// `20261122T091405Z`, `20261122T091405.123Z` or a bare date
/// (`2026-11-22`: its midnight) as `20261122T091405Z`, read as UTC. None when
/// it is none of these.
pub fn timestamp(value: &str) -> Option<String> {
    let digits: String = value
        .trim()
        .split(['.', ',', '+'])
        .next()?
        .chars()
        .filter(|c| !matches!(c, '-' | ':' | 'Z' | 'z'))
        .collect();
    let (date, time) = match digits.split_once(['T', 't']) {
        Some((d, t)) => (d.to_string(), t.to_string()),
        None => (digits.clone(), "000000".to_string()),
    };
    let time = format!("{time:0<6}");
    let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (ok(&date, 8) && ok(&time, 6)).then(|| format!("{date}T{time}Z"))
}

/// Whether the local change of a field both sides changed wins: the later
/// one does. A side without a time (a card without REV) is older than any
/// side with one. On a tie (the same second, or no time on either side)
/// the value that sorts later wins, a value before none: the same on every
/// machine, whichever syncs first.
fn local_wins(
    times: (Option<&str>, Option<&str>),
    local: Option<&Value>,
    remote: Option<&Value>,
) -> bool {
    match times {
        (Some(l), Some(r)) if l != r => l > r,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => sort_key(local) > sort_key(remote),
    }
}

fn sort_key(v: Option<&Value>) -> Option<String> {
    v.map(|v| match v {
        Value::Text(t) => t.clone(),
        Value::Set(s) => s.iter().cloned().collect::<Vec<_>>().join("\u{1f}"),
    })
}

/// Merges `local` and `remote` against `base` (None: never synced, as when
/// two databases first meet): a field one side changed takes that side; both
/// changed differently: the later change wins ([`REV`] of each side; see
/// [`local_wins`]), the loser is kept per `loser`; sets merge element by
/// element (added on either side: in; removed on one: out). The result's
/// [`REV`] is the later of the two.
pub fn merge(
    base: Option<&Fields>,
    local: &Fields,
    remote: &Fields,
    loser: impl Fn(&str) -> Loser,
) -> Merged {
    let empty = Fields::default();
    let base = base.unwrap_or(&empty);
    let times = (local.text(REV), remote.text(REV));
    let keys: BTreeSet<&String> = base
        .0
        .keys()
        .chain(local.0.keys())
        .chain(remote.0.keys())
        .filter(|k| *k != REV)
        .collect();
    let mut out = Merged::default();
    let mut losers: Vec<(&'static str, String)> = Vec::new();
    for key in keys {
        let (b, l, r) = (base.0.get(key), local.0.get(key), remote.0.get(key));
        let is_set = [b, l, r].iter().any(|v| matches!(v, Some(Value::Set(_))));
        if is_set {
            let (b, l, r) = (base.set(key), local.set(key), remote.set(key));
            let merged: BTreeSet<String> = l
                .iter()
                .chain(r.iter())
                .filter(|v| {
                    let (inb, inl, inr) = (b.contains(v), l.contains(v), r.contains(v));
                    (inl && inr) || (!inb && (inl || inr))
                })
                .cloned()
                .collect();
            out.fields.put_set(key, merged);
            continue;
        }
        let value = if l == r || l == b {
            r
        } else if r == b {
            l
        } else if IDENTITY.contains(&key.as_str()) {
            // The same record known here under another identity (the same
            // coffee logged on two machines) takes the server's.
            r.or(l)
        } else {
            let local_won = local_wins(times, l, r);
            out.conflicts.push(Conflict {
                field: key.clone(),
                local_won,
            });
            let (win, lose) = if local_won { (l, r) } else { (r, l) };
            let text = |v: Option<&Value>| match v {
                Some(Value::Text(t)) => t.clone(),
                _ => String::new(),
            };
            match loser(key) {
                Loser::Drop => win,
                Loser::Into(set) => {
                    if lose.is_some() {
                        losers.push((set, text(lose)));
                    }
                    win.or(lose)
                }
                Loser::Append => {
                    let (wt, lt) = (text(win), text(lose));
                    let joined = if wt.contains(&lt) {
                        wt
                    } else if lt.contains(&wt) {
                        lt
                    } else {
                        format!("{wt}\n\n{lt}")
                    };
                    out.fields.put_text(key, Some(joined));
                    continue;
                }
            }
        };
        match value {
            Some(v) => out.fields.0.insert(key.clone(), v.clone()),
            None => out.fields.0.remove(key),
        };
    }
    for (set, value) in losers {
        let mut values = out.fields.set(set);
        values.push(value);
        out.fields.put_set(set, values);
    }
    out.fields.put_text(REV, times.0.max(times.1));
    out
}

/// A copy of `remote` in which the fields its writer does not know (a phone
/// drops `X-NET-*`) are taken from `base`: unknown, not deleted.
pub fn fill_unknown(remote: &Fields, base: Option<&Fields>, unknown: &[&str]) -> Fields {
    let mut out = remote.clone();
    for key in unknown {
        out.0.remove(*key);
        if let Some(v) = base.and_then(|b| b.0.get(*key)) {
            out.0.insert(key.to_string(), v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        let mut out = Fields::default();
        for (k, v) in pairs {
            if let Some(list) = v.strip_prefix('[') {
                out.put_set(k, list.trim_end_matches(']').split(','));
            } else {
                out.put_text(k, Some(*v));
            }
        }
        out
    }

    fn names(key: &str) -> Loser {
        match key {
            "name" => Loser::Into("aliases"),
            "notes" => Loser::Append,
            _ => Loser::Drop,
        }
    }

    #[test]
    fn one_side_changed_takes_that_side() {
        let base = f(&[("name", "Ana"), ("org", "X")]);
        let local = f(&[("name", "Ana Lima"), ("org", "X")]);
        let remote = f(&[("name", "Ana"), ("org", "Y")]);
        let m = merge(Some(&base), &local, &remote, names);
        assert_eq!(m.fields, f(&[("name", "Ana Lima"), ("org", "Y")]));
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn both_changed_the_later_wins_and_the_loser_stays_visible() {
        let base = f(&[("name", "Ana"), ("notes", "a"), ("rev", "20261101T000000Z")]);
        let local = f(&[
            ("name", "Ana L"),
            ("notes", "local"),
            ("rev", "20261102T000000Z"),
        ]);
        let remote = f(&[
            ("name", "Ana R"),
            ("notes", "remote"),
            ("rev", "20261103T000000Z"),
        ]);
        let m = merge(Some(&base), &local, &remote, names);
        assert_eq!(m.fields.text("name"), Some("Ana R"));
        assert_eq!(m.fields.set("aliases"), ["Ana L"]);
        assert_eq!(m.fields.text("notes"), Some("remote\n\nlocal"));
        let fields: Vec<(&str, bool)> = m
            .conflicts
            .iter()
            .map(|c| (c.field.as_str(), c.local_won))
            .collect();
        assert_eq!(fields, [("name", false), ("notes", false)]);
        assert_eq!(m.fields.text("rev"), Some("20261103T000000Z"));
        // The local change is the later one: it wins.
        let local = f(&[("name", "Ana L"), ("rev", "20261104T000000Z")]);
        let m = merge(Some(&base), &local, &remote, names);
        assert_eq!(m.fields.text("name"), Some("Ana L"));
        assert_eq!(m.fields.set("aliases"), ["Ana R"]);
        assert_eq!(m.fields.text("notes"), Some("remote"));
        assert!(m.conflicts[0].local_won);
        assert_eq!(m.fields.text("rev"), Some("20261104T000000Z"));
    }

    #[test]
    fn a_side_without_a_time_is_older_and_a_tie_is_the_same_everywhere() {
        let base = f(&[("name", "Ana")]);
        let dated = f(&[("name", "Ana A"), ("rev", "20200101T000000Z")]);
        let undated = f(&[("name", "Ana Z")]);
        for (local, remote) in [(&dated, &undated), (&undated, &dated)] {
            let m = merge(Some(&base), local, remote, names);
            assert_eq!(m.fields.text("name"), Some("Ana A"));
        }
        // A tie: the value that sorts later, whichever side it is on.
        let a = f(&[("name", "Ana A"), ("rev", "20261101T000000Z")]);
        let z = f(&[("name", "Ana Z"), ("rev", "20261101T000000Z")]);
        for (local, remote) in [(&a, &z), (&z, &a)] {
            let m = merge(Some(&base), local, remote, names);
            assert_eq!(m.fields.text("name"), Some("Ana Z"));
            assert_eq!(m.fields.set("aliases"), ["Ana A"]);
        }
    }

    #[test]
    fn sets_merge_element_by_element() {
        let base = f(&[("tags", "[a,b]")]);
        let local = f(&[("tags", "[a,b,c]")]);
        let remote = f(&[("tags", "[b,d]")]);
        let m = merge(Some(&base), &local, &remote, names);
        assert_eq!(m.fields.set("tags"), ["b", "c", "d"]);
        // Without a base, a union.
        let m = merge(None, &f(&[("tags", "[a]")]), &f(&[("tags", "[b]")]), names);
        assert_eq!(m.fields.set("tags"), ["a", "b"]);
    }

    #[test]
    fn the_servers_identity_wins_whatever_the_times() {
        let local = f(&[("uid", "a"), ("uuid", "a"), ("rev", "20261102T000000Z")]);
        let remote = f(&[("uid", "z"), ("uuid", "z"), ("rev", "20261101T000000Z")]);
        let m = merge(None, &local, &remote, names);
        assert_eq!(
            (m.fields.text("uid"), m.fields.text("uuid")),
            (Some("z"), Some("z"))
        );
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn a_deleted_field_is_a_change() {
        let base = f(&[("org", "X")]);
        let m = merge(Some(&base), &f(&[]), &f(&[("org", "X")]), names);
        assert_eq!(m.fields, f(&[]));
    }

    #[test]
    fn unknown_fields_come_from_the_base() {
        let base = f(&[("name", "A"), ("why", "referrer")]);
        let phone = f(&[("name", "B")]);
        let filled = fill_unknown(&phone, Some(&base), &["why"]);
        assert_eq!(filled, f(&[("name", "B"), ("why", "referrer")]));
    }

    #[test]
    fn times_from_phones_read_as_one_form() {
        for text in [
            "2026-11-22T09:14:05Z",
            "20261122T091405Z",
            "20261122T091405.123Z",
            "2026-11-22T09:14:05+00:00",
        ] {
            assert_eq!(
                timestamp(text).as_deref(),
                Some("20261122T091405Z"),
                "{text}"
            );
        }
        assert_eq!(timestamp("2026-11-22").as_deref(), Some("20261122T000000Z"));
        assert_eq!(timestamp("yesterday"), None);
    }

    #[test]
    fn stored_form_reads_back() {
        let x = f(&[("name", "A"), ("tags", "[a,b]")]);
        assert_eq!(Fields::from_json(&x.to_json()), Some(x));
    }
}
