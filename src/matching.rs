//! Who is who: the one place that decides whether an imported contact is
//! someone already in the network (by UID, then e-mail, then phone, then
//! folded full name), how two records of one person are combined, and which
//! contacts look like duplicates. Pure: contacts in, decisions out.

use std::collections::HashMap;

use crate::model::Contact;
use crate::names;

/// What made two records the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Key {
    /// net's own identity of the record (a backup, or a card net wrote).
    Uuid,
    Uid,
    /// A stored LinkedIn profile URL (`linkedin.com/in/…`): the same
    /// profile is the same person, whatever the name says now.
    Profile,
    Email,
    Phone,
    Name,
}

impl Key {
    pub fn as_str(self) -> &'static str {
        match self {
            Key::Uuid => "uuid",
            Key::Uid => "uid",
            Key::Profile => "profile",
            Key::Email => "email",
            Key::Phone => "phone",
            Key::Name => "name",
        }
    }
}

/// An e-mail address for comparing: trimmed, lowercase.
pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    e.contains('@').then_some(e)
}

/// A phone number for comparing: its last nine digits, so that `+49 171
/// 1234567`, `0049 171 1234567` and `0171 1234567` are one number. Numbers
/// of fewer than seven digits (extensions, short codes) are not compared.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(9)..].iter().collect())
}

/// A LinkedIn profile link for comparing: `linkedin.com/in/SLUG`, without
/// scheme, `www.`/country subdomain, query, trailing slash or case.
pub fn profile_key(link: &str) -> Option<String> {
    let l = link.trim().to_lowercase();
    let at = l.find("linkedin.com/in/")?;
    let slug = l[at + "linkedin.com/in/".len()..]
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    (!slug.is_empty()).then(|| format!("linkedin.com/in/{slug}"))
}

/// A full name for comparing: folded (case, accents, ä/ae do not matter).
pub fn name_key(name: &str) -> Option<String> {
    let f = names::fold(name);
    (!f.is_empty()).then_some(f)
}

/// The contacts of a network by every key, kept up to date while an import
/// adds and changes contacts (so that a file naming one person twice gives
/// one contact). A key shared by several contacts finds the oldest.
#[derive(Debug, Default)]
pub struct Index {
    keys: HashMap<(Key, String), i64>,
    /// Whether each contact has any e-mail address, any phone number.
    reachable: HashMap<i64, (bool, bool)>,
    /// Each contact's UID, if it has one.
    uids: HashMap<i64, String>,
}

fn uid_of(c: &Contact) -> Option<&str> {
    c.uid.as_deref().map(str::trim).filter(|u| !u.is_empty())
}

fn keys_of(c: &Contact) -> Vec<(Key, String)> {
    let mut out = Vec::new();
    if let Some(uid) = c.uid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        out.push((Key::Uid, uid.to_string()));
    }
    out.extend(
        c.links
            .iter()
            .filter_map(|l| profile_key(l))
            .map(|k| (Key::Profile, k)),
    );
    out.extend(
        c.emails
            .iter()
            .filter_map(|e| email_key(e))
            .map(|k| (Key::Email, k)),
    );
    out.extend(
        c.phones
            .iter()
            .filter_map(|p| phone_key(p))
            .map(|k| (Key::Phone, k)),
    );
    out.extend(name_key(&c.name).map(|k| (Key::Name, k)));
    out
}

impl Index {
    pub fn new<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Index {
        let mut index = Index::default();
        let mut all: Vec<&Contact> = contacts.into_iter().collect();
        all.sort_by_key(|c| c.id);
        for c in all {
            index.add(c);
        }
        index
    }

    /// Remembers a contact's keys (after it was saved: `c.id` is set). Keys
    /// already taken by an older contact keep pointing there.
    pub fn add(&mut self, c: &Contact) {
        for key in keys_of(c) {
            self.keys.entry(key).or_insert(c.id);
        }
        self.reachable
            .insert(c.id, (!c.emails.is_empty(), !c.phones.is_empty()));
        if let Some(uid) = uid_of(c) {
            self.uids.entry(c.id).or_insert_with(|| uid.to_string());
        }
    }

    /// The contact `c` is, and why: UID first, then a LinkedIn profile, then any e-mail, then any
    /// phone, then the folded full name. Two people of the same name whose
    /// e-mail addresses (or phone numbers) are all different are two people,
    /// so a name alone does not match then. Two records that both carry a
    /// UID, and different ones, are two people whatever else they share
    /// (`net merge` joins them when they are one; `net dupes` lists them).
    pub fn find(&self, c: &Contact) -> Option<(i64, Key)> {
        let keys = keys_of(c);
        let uid = uid_of(c);
        for wanted in [Key::Uid, Key::Profile, Key::Email, Key::Phone, Key::Name] {
            for (kind, value) in keys.iter().filter(|(k, _)| *k == wanted) {
                let Some(&id) = self.keys.get(&(*kind, value.clone())) else {
                    continue;
                };
                if let (Some(mine), Some(theirs)) = (uid, self.uids.get(&id)) {
                    if mine != theirs {
                        continue;
                    }
                }
                if wanted == Key::Name {
                    let (email, phone) = self.reachable.get(&id).copied().unwrap_or_default();
                    if (email && !c.emails.is_empty()) || (phone && !c.phones.is_empty()) {
                        continue;
                    }
                }
                return Some((id, wanted));
            }
        }
        None
    }
}

/// The contact `keep` becomes when `gone` is merged into it (`net merge`,
/// and a sync following a merge made elsewhere): `gone`'s details added
/// ([`absorb`]); the relationship began with the earlier record; time known
/// before net was counted in both, not twice; active if either is.
pub fn combine(keep: &Contact, gone: &Contact) -> Contact {
    let mut merged = keep.clone();
    absorb(&mut merged, gone);
    merged.added_on = keep.added_on.min(gone.added_on);
    merged.known_minutes = keep.known_minutes.max(gone.known_minutes);
    if gone.status == crate::model::ContactStatus::Active {
        merged.status = crate::model::ContactStatus::Active;
    }
    if merged.introduced_by == Some(gone.id) {
        merged.introduced_by = None;
    }
    merged
}

/// Adds what `other` knows to `into` without overwriting anything `into`
/// already has: empty fields are filled, lists are joined, a note that is
/// new is appended, and a different name becomes an alias. Used when an
/// import updates a contact and when `net merge` joins two.
pub fn absorb(into: &mut Contact, other: &Contact) {
    let fill = |slot: &mut Option<String>, value: &Option<String>| {
        if slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
            slot.clone_from(value);
        }
    };
    fill(&mut into.org, &other.org);
    fill(&mut into.role, &other.role);
    fill(&mut into.why, &other.why);
    fill(&mut into.met, &other.met);
    if into.uid.is_none() {
        into.uid.clone_from(&other.uid);
    }
    if into.every.is_none() {
        into.every = other.every;
    }
    if into.introduced_by.is_none() && other.introduced_by != Some(into.id) {
        into.introduced_by = other.introduced_by;
    }
    into.birthday = match (into.birthday, other.birthday) {
        (None, b) => b,
        // The same day with the year known is more than without.
        (Some(a), Some(b)) if a.year.is_none() && (a.month, a.day) == (b.month, b.day) => Some(b),
        (a, _) => a,
    };
    match (&mut into.notes, &other.notes) {
        (None, n) => into.notes.clone_from(n),
        (Some(mine), Some(theirs)) if !mine.contains(theirs.as_str()) => {
            mine.push_str("\n\n");
            mine.push_str(theirs);
        }
        _ => {}
    }
    // The same address or number in another spelling (case, +49 / 0) is the
    // one already there, as matching saw it.
    join(&mut into.emails, &other.emails, email_key);
    join(&mut into.phones, &other.phones, phone_key);
    for (mine, theirs) in [
        (&mut into.links, &other.links),
        (&mut into.tags, &other.tags),
        (&mut into.aliases, &other.aliases),
    ] {
        join(mine, theirs, |v| Some(v.to_string()));
    }
    if name_key(&other.name) != name_key(&into.name) && !into.aliases.contains(&other.name) {
        into.aliases.push(other.name.clone());
    }
    into.aliases.retain(|a| *a != into.name);
    into.tags.sort();
}

/// Adds the values of `theirs` whose key (`key`, else the value itself) is not
/// among those of `mine`.
fn join(mine: &mut Vec<String>, theirs: &[String], key: impl Fn(&str) -> Option<String>) {
    let k = |v: &str| key(v).unwrap_or_else(|| v.to_string());
    for v in theirs {
        if !mine.iter().any(|m| k(m) == k(v)) {
            mine.push(v.clone());
        }
    }
}

/// Two contacts that look like one person, and the keys they share.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Pair {
    pub a: i64,
    pub b: i64,
    pub reasons: Vec<Key>,
}

/// The keys [`dupes`] leaves out because more than `max_group` contacts
/// share them: (key, value, how many), by count then value.
pub fn crowded(contacts: &[Contact], max_group: usize) -> Vec<(Key, String, usize)> {
    let mut groups: HashMap<(Key, String), std::collections::HashSet<i64>> = HashMap::new();
    for c in contacts {
        for key in keys_of(c).into_iter().filter(|(k, _)| *k != Key::Uid) {
            groups.entry(key).or_default().insert(c.id);
        }
    }
    let mut out: Vec<(Key, String, usize)> = groups
        .into_iter()
        .filter(|(_, ids)| ids.len() > max_group)
        .map(|((k, v), ids)| (k, v, ids.len()))
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    out
}

/// Every pair of contacts sharing a folded full name, an e-mail address or a
/// phone number, ordered by ids. A key shared by very many contacts (a
/// switchboard number) says little, so keys of more than `max_group`
/// contacts are ignored.
pub fn dupes(contacts: &[Contact], max_group: usize) -> Vec<Pair> {
    let mut groups: HashMap<(Key, String), Vec<i64>> = HashMap::new();
    for c in contacts {
        let mut keys = keys_of(c);
        keys.retain(|(k, _)| *k != Key::Uid);
        keys.sort();
        keys.dedup();
        for key in keys {
            groups.entry(key).or_default().push(c.id);
        }
    }
    let mut pairs: HashMap<(i64, i64), Vec<Key>> = HashMap::new();
    for ((key, _), mut ids) in groups {
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 || ids.len() > max_group {
            continue;
        }
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let reasons = pairs.entry((a, b)).or_default();
                if !reasons.contains(&key) {
                    reasons.push(key);
                }
            }
        }
    }
    let mut out: Vec<Pair> = pairs
        .into_iter()
        .map(|((a, b), mut reasons)| {
            reasons.sort();
            Pair { a, b, reasons }
        })
        .collect();
    out.sort_by_key(|p| (p.a, p.b));
    out
}

/// How many letters two folded names may differ by to look like one person
/// typed twice: 1 for short names, 2 from 10 letters on.
pub fn near_limit(folded: &str) -> usize {
    if folded.chars().count() >= 10 {
        2
    } else {
        1
    }
}

/// A name close to another one, and how many letters apart (edit distance
/// of the folded names; 0 is the same name).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Near {
    pub id: i64,
    pub distance: usize,
}

/// The contacts whose name (or an alias) is within [`near_limit`] edits of
/// `name` once folded, closest first. The same folded name counts (0).
pub fn near_names(name: &str, others: &[names::Candidate]) -> Vec<Near> {
    let me = names::fold(name);
    if me.is_empty() {
        return Vec::new();
    }
    let limit = near_limit(&me);
    let len = me.chars().count();
    let mut out: Vec<Near> = others
        .iter()
        .filter_map(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .map(|n| names::fold(n))
                .filter(|f| f.chars().count().abs_diff(len) <= limit)
                .map(|f| strsim::levenshtein(&me, &f))
                .min()
                .filter(|d| *d <= limit)
                .map(|distance| Near { id: c.id, distance })
        })
        .collect();
    out.sort_by_key(|n| (n.distance, n.id));
    out
}

/// Pairs of contacts whose folded names are a few letters apart (1 to
/// [`near_limit`]); the same name is [`dupes`]' business. Names are
/// compared within blocks sharing their first three letters or the first
/// three letters of the last word, so 10,000 contacts are not 50 million
/// comparisons (a typo in both beginnings is missed).
pub fn near_pairs(contacts: &[Contact], max_group: usize) -> Vec<(i64, i64, usize)> {
    let folded: Vec<(i64, String)> = contacts
        .iter()
        .map(|c| (c.id, names::fold(&c.name)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, (_, f)) in folded.iter().enumerate() {
        let start: String = f.chars().take(3).collect();
        blocks.entry(format!("a{start}")).or_default().push(n);
        if let Some(last) = f.split_whitespace().last() {
            let start: String = last.chars().take(3).collect();
            blocks.entry(format!("b{start}")).or_default().push(n);
        }
    }
    let mut found: HashMap<(i64, i64), usize> = HashMap::new();
    for members in blocks.values().filter(|m| m.len() <= max_group * 50) {
        for (i, &x) in members.iter().enumerate() {
            for &y in &members[i + 1..] {
                let ((ia, fa), (ib, fb)) = (&folded[x], &folded[y]);
                let limit = near_limit(fa).min(near_limit(fb));
                if fa == fb || fa.chars().count().abs_diff(fb.chars().count()) > limit {
                    continue;
                }
                let d = strsim::levenshtein(fa, fb);
                if d <= limit {
                    found.insert(((*ia).min(*ib), (*ia).max(*ib)), d);
                }
            }
        }
    }
    let mut out: Vec<(i64, i64, usize)> = found.into_iter().map(|((a, b), d)| (a, b, d)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod near_tests {
    use super::*;

    fn cand(id: i64, name: &str) -> names::Candidate {
        names::Candidate {
            id,
            name: name.into(),
            aliases: vec![],
        }
    }

    #[test]
    fn near_names_are_a_letter_or_two_apart_once_folded() {
        let people = [
            cand(12, "Jana Roth"),
            cand(13, "Thomas Schmidt"),
            cand(14, "Anna Müller"),
        ];
        assert_eq!(
            near_names("Jana Rot", &people),
            vec![Near {
                id: 12,
                distance: 1
            }]
        );
        assert_eq!(near_names("Thomas Schmit", &people)[0].id, 13);
        assert_eq!(
            near_names("anna mueller", &people),
            vec![Near {
                id: 14,
                distance: 0
            }]
        );
        assert!(near_names("Jan Ro", &people).is_empty());
        assert!(near_names("Bob Stone", &people).is_empty());
    }

    #[test]
    fn near_pairs_skip_the_same_name_and_far_ones() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut all = Vec::new();
        for (id, n) in [
            (1, "Jana Roth"),
            (2, "Jana Rot"),
            (3, "Jana Roth"),
            (4, "Jan Berg"),
        ] {
            let mut c = Contact::new(n, d);
            c.id = id;
            all.push(c);
        }
        assert_eq!(near_pairs(&all, 20), vec![(1, 2, 1), (2, 3, 1)]);
    }

    #[test]
    fn linkedin_profiles_compare_without_decoration() {
        assert_eq!(
            profile_key("https://www.linkedin.com/in/Oliver-Krause/?trk=x"),
            Some("linkedin.com/in/oliver-krause".into())
        );
        assert_eq!(
            profile_key("https://de.linkedin.com/in/oliver-krause"),
            profile_key("linkedin.com/in/oliver-krause/")
        );
        assert_eq!(profile_key("https://example.org/in/x"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Birthday;
    use chrono::NaiveDate;

    fn contact(id: i64, name: &str) -> Contact {
        let mut c = Contact::new(name, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        c.id = id;
        c
    }

    #[test]
    fn phones_match_across_national_and_international_forms() {
        assert_eq!(phone_key("+49 171 1234567"), phone_key("0171 / 123 45 67"));
        assert_eq!(phone_key("0049 171 1234567"), phone_key("0171-1234567"));
        assert_eq!(phone_key("112"), None);
    }

    #[test]
    fn uid_beats_email_beats_phone_beats_name() {
        let mut a = contact(1, "Anna Müller");
        a.phones = vec!["+49 171 1234567".into()];
        let mut b = contact(2, "Bob Stone");
        b.emails = vec!["Bob@X.org".into()];
        let mut c = contact(3, "Carl");
        c.uid = Some("u-3".into());
        let index = Index::new([&a, &b, &c]);

        let mut q = contact(0, "Anna Mueller");
        assert_eq!(index.find(&q), Some((1, Key::Name)));
        q.phones = vec!["0171 1234567".into()];
        assert_eq!(index.find(&q), Some((1, Key::Phone)));
        q.emails = vec![" bob@x.org".into()];
        assert_eq!(index.find(&q), Some((2, Key::Email)));
        q.uid = Some("u-3".into());
        assert_eq!(index.find(&q), Some((3, Key::Uid)));
        assert_eq!(index.find(&contact(0, "Dora")), None);

        let mut other_bob = contact(0, "Bob Stone");
        assert_eq!(index.find(&other_bob), Some((2, Key::Name)));
        other_bob.emails = vec!["bob@elsewhere.org".into()];
        assert_eq!(
            index.find(&other_bob),
            None,
            "same name, other address: another Bob"
        );
    }

    #[test]
    fn absorb_keeps_one_spelling_of_an_address_or_number() {
        let mut a = contact(1, "Dieter Koch");
        a.emails = vec!["dieter@koch.example".into()];
        a.phones = vec!["0171 7654321".into()];
        let mut b = contact(2, "Dieter Koch");
        b.emails = vec!["dieter@KOCH.example".into(), "d@other.example".into()];
        b.phones = vec!["+49 171 7654321".into()];
        absorb(&mut a, &b);
        assert_eq!(a.emails, vec!["dieter@koch.example", "d@other.example"]);
        assert_eq!(a.phones, vec!["0171 7654321"]);
    }

    #[test]
    fn absorb_fills_and_joins_but_never_overwrites() {
        let mut a = contact(1, "Anna Müller");
        a.org = Some("Müller GmbH".into());
        a.emails = vec!["a@x.org".into()];
        a.birthday = Birthday::new(None, 4, 15);
        a.notes = Some("likes tea".into());
        let mut b = contact(2, "Anna Mueller-Schmidt");
        b.org = Some("Other AG".into());
        b.role = Some("CEO".into());
        b.emails = vec!["a@x.org".into(), "b@x.org".into()];
        b.birthday = Birthday::new(Some(1980), 4, 15);
        b.notes = Some("two kids".into());
        b.tags = vec!["client".into()];
        absorb(&mut a, &b);
        assert_eq!(a.org.as_deref(), Some("Müller GmbH"));
        assert_eq!(a.role.as_deref(), Some("CEO"));
        assert_eq!(a.emails, ["a@x.org", "b@x.org"]);
        assert_eq!(a.birthday, Birthday::new(Some(1980), 4, 15));
        assert_eq!(a.notes.as_deref(), Some("likes tea\n\ntwo kids"));
        assert_eq!(a.aliases, ["Anna Mueller-Schmidt"]);
        let before = a.clone();
        absorb(&mut a, &b);
        assert_eq!(a, before, "absorbing twice changes nothing");
    }

    #[test]
    fn dupes_by_name_email_and_phone() {
        let mut a = contact(1, "Anna Müller");
        a.emails = vec!["a@x.org".into()];
        let mut b = contact(2, "anna mueller");
        b.emails = vec!["A@x.org".into()];
        let mut c = contact(3, "Carl");
        c.phones = vec!["+49 171 1234567".into()];
        let mut d = contact(4, "Dora");
        d.phones = vec!["0171 1234567".into()];
        let pairs = dupes(&[a, b, c, d, contact(5, "Eve")], 10);
        assert_eq!(
            pairs,
            [
                Pair {
                    a: 1,
                    b: 2,
                    reasons: vec![Key::Email, Key::Name]
                },
                Pair {
                    a: 3,
                    b: 4,
                    reasons: vec![Key::Phone]
                },
            ]
        );
    }
}
