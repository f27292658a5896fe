//! Which captured items become proposed interactions, and why the others do
//! not (issue 14). Pure: items, the user's addresses, a lookup from an
//! address to contact ids and the settings in; proposals, counts of what was
//! left out by reason, and hints of frequent correspondents who are not
//! contacts out.
//!
//! Events: net's own calendars (PRODID, or the categories and UIDs `net
//! export ics` writes), cancelled ones, ones the user declined and ones with
//! no one else on them are left out; the others who did not decline are the
//! people, matched to contacts; the kind is guessed from the summary, the
//! minutes are the event's (the kind's usual minutes for an all-day event).
//!
//! Mail: mailing lists and bulk (List-Id, List-Unsubscribe, Precedence
//! bulk/list/junk, Auto-Submitted other than `no`), no-reply senders and mail
//! to more than `max_recipients` people are left out; the people are the
//! others on it (From, To, Cc; the recipients when the user sent it), matched
//! to contacts; one proposal per thread, day and set of contacts, of kind
//! `email` and `mail_minutes`, started by the user when the first mail of it
//! was sent by the user (a Sent folder, or From one of the user's addresses).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use calcard::common::timezone::Tz;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::Event;
use super::mail::Mail;
use crate::model::Initiator;

/// The PRODID `net export ics` writes starts with this.
pub const NET_PRODID: &str = "-//net//net ";
/// The CATEGORIES of the events `net export ics` writes.
pub const NET_CATEGORIES: &[&str] = &["net check-in", "net birthday", "net promise"];

/// How the rules decide.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Mail to more people than this (To and Cc) is left out.
    pub max_recipients: usize,
    /// Words of a summary and the kind they stand for, lower case; a word of
    /// the summary that starts with one of them gives its kind (the first in
    /// this list wins).
    pub kind_words: Vec<(String, String)>,
    /// The kind of an event whose summary has none of the words.
    pub default_kind: String,
    /// The usual minutes of each kind (the `[kinds]` table), for all-day events.
    pub kind_minutes: BTreeMap<String, u32>,
    /// Minutes for an all-day event of a kind not in `kind_minutes`.
    pub all_day_minutes: u32,
    /// Minutes of a mail proposal.
    pub mail_minutes: u32,
    /// The user's time zone, for the day of a timed event or a mail; None:
    /// the day in the item's own zone.
    pub zone: Option<Tz>,
    /// An address not matched this many times or more is a hint.
    pub hint_min: usize,
}

impl Default for Settings {
    fn default() -> Self {
        let words = [
            ("coffee", "coffee"),
            ("kaffee", "coffee"),
            ("lunch", "lunch"),
            ("mittag", "lunch"),
            ("dinner", "lunch"),
            ("abendessen", "lunch"),
            ("call", "call"),
            ("anruf", "call"),
            ("telefon", "call"),
            ("phone", "call"),
            ("meeting", "meeting"),
            ("besprechung", "meeting"),
            ("treffen", "meeting"),
        ];
        Settings {
            max_recipients: 10,
            kind_words: words
                .iter()
                .map(|(w, k)| (w.to_string(), k.to_string()))
                .collect(),
            default_kind: "meeting".into(),
            kind_minutes: BTreeMap::new(),
            all_day_minutes: 60,
            mail_minutes: 0,
            zone: None,
            hint_min: 3,
        }
    }
}

/// Where a proposal came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Ics,
    Mail,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ics => "ics",
            Source::Mail => "mail",
        }
    }
}

/// A proposed interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Stable: the event's source id; for mail `mail-thread:ROOT@DAY#IDS`
    /// (the thread's first Message-ID, the day, the contact ids).
    pub source_id: String,
    /// The source ids of the items it stands for (an event's own; every mail
    /// of the thread that day).
    pub item_ids: Vec<String>,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub minutes: u32,
    pub kind: String,
    /// Sorted, once each.
    pub contacts: Vec<i64>,
    pub subject: String,
    pub initiator: Initiator,
    pub source: Source,
}

/// Why an item was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    NetOwn,
    Cancelled,
    Declined,
    /// No one but the user on it.
    Alone,
    NoContact,
    List,
    Bulk,
    AutoSubmitted,
    NoReply,
    TooManyRecipients,
    NoDate,
}

impl Skip {
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NetOwn => "net's own calendar",
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined",
            Skip::Alone => "no one else",
            Skip::NoContact => "no contact",
            Skip::List => "mailing list",
            Skip::Bulk => "bulk",
            Skip::AutoSubmitted => "automatic",
            Skip::NoReply => "no-reply sender",
            Skip::TooManyRecipients => "too many recipients",
            Skip::NoDate => "no date",
        }
    }
}

/// An address seen on items that is not a contact's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub email: String,
    pub name: Option<String>,
    /// Items it was on.
    pub count: usize,
}

/// What the rules made of a batch of items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// By date, then source id.
    pub proposals: Vec<Proposal>,
    pub skipped: BTreeMap<Skip, usize>,
    /// Most frequent first.
    pub hints: Vec<Hint>,
}

#[cfg(test)]
impl Outcome {
    pub fn skipped(&self, why: Skip) -> usize {
        self.skipped.get(&why).copied().unwrap_or(0)
    }
}

fn lower_set(me: &[String]) -> HashSet<String> {
    me.iter().map(|a| a.trim().to_lowercase()).collect()
}

/// The kind a summary stands for.
pub fn guess_kind(summary: &str, settings: &Settings) -> String {
    let summary = summary.to_lowercase();
    let words: Vec<&str> = summary
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    settings
        .kind_words
        .iter()
        .find(|(k, _)| words.iter().any(|w| w.starts_with(k.as_str())))
        .map(|(_, kind)| kind.clone())
        .unwrap_or_else(|| settings.default_kind.clone())
}

/// Whether an address is a no-reply or robot address.
pub fn is_no_reply(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    let squashed: String = local.chars().filter(|c| c.is_alphanumeric()).collect();
    squashed.contains("noreply")
        || squashed.contains("donotreply")
        || squashed.starts_with("mailerdaemon")
        || squashed == "postmaster"
        || squashed.starts_with("bounce")
}

/// Whether an event is one `net export ics` wrote.
pub fn is_net_own(e: &Event) -> bool {
    let uid_and_summary = [
        ("checkin-", "Check in with "),
        ("birthday-", "Birthday: "),
        ("promise-", "Promise to "),
        ("promise-", "Overdue promise to "),
    ]
    .iter()
    .any(|(u, s)| e.uid.starts_with(u) && e.summary.starts_with(s));
    e.prodid
        .as_deref()
        .is_some_and(|p| p.starts_with(NET_PRODID))
        || e.categories
            .iter()
            .any(|c| NET_CATEGORIES.iter().any(|n| c.eq_ignore_ascii_case(n)))
        || uid_and_summary
}

#[derive(Default)]
struct Hints(HashMap<String, (usize, Option<String>)>);

impl Hints {
    fn add(&mut self, email: &str, name: Option<&String>) {
        let e = self.0.entry(email.to_string()).or_insert((0, None));
        e.0 += 1;
        if e.1.is_none() {
            e.1 = name.cloned();
        }
    }

    fn finish(self, min: usize) -> Vec<Hint> {
        let mut v: Vec<Hint> = self
            .0
            .into_iter()
            .filter(|(_, (n, _))| *n >= min.max(1))
            .map(|(email, (count, name))| Hint { email, name, count })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.email.cmp(&b.email)));
        v
    }
}

fn local(at: &DateTime<FixedOffset>, zone: Option<Tz>) -> NaiveDateTime {
    match zone {
        Some(z) => at.with_timezone(&z).naive_local(),
        None => at.naive_local(),
    }
}

/// Proposals from calendar events. `lookup`: the contact ids of an address
/// (given in lower case).
pub fn events<F>(events: &[Event], me: &[String], lookup: F, settings: &Settings) -> Outcome
where
    F: Fn(&str) -> Vec<i64>,
{
    let mine = lower_set(me);
    let mut out = Outcome::default();
    let mut hints = Hints::default();
    for e in events {
        let is_me = |email: &str, flag: bool| flag || mine.contains(email);
        let why = if is_net_own(e) {
            Some(Skip::NetOwn)
        } else if e.cancelled {
            Some(Skip::Cancelled)
        } else if e
            .attendees
            .iter()
            .any(|a| is_me(&a.email, a.me) && a.partstat.as_deref() == Some("DECLINED"))
        {
            Some(Skip::Declined)
        } else {
            None
        };
        if let Some(why) = why {
            *out.skipped.entry(why).or_default() += 1;
            continue;
        }
        let mut others = BTreeMap::new();
        for p in e.organizer.iter().chain(e.attendees.iter()) {
            if is_me(&p.email, p.me) || p.partstat.as_deref() == Some("DECLINED") {
                continue;
            }
            others.entry(p.email.clone()).or_insert(p.name.clone());
        }
        // An organizer who declined their own event is still not "someone else".
        if let Some(o) = &e.organizer {
            if e.attendees
                .iter()
                .any(|a| a.email == o.email && a.partstat.as_deref() == Some("DECLINED"))
            {
                others.remove(&o.email);
            }
        }
        if others.is_empty() {
            *out.skipped.entry(Skip::Alone).or_default() += 1;
            continue;
        }
        let mut contacts = BTreeSet::new();
        for (email, name) in &others {
            let ids = lookup(email);
            if ids.is_empty() {
                hints.add(email, name.as_ref());
            }
            contacts.extend(ids);
        }
        if contacts.is_empty() {
            *out.skipped.entry(Skip::NoContact).or_default() += 1;
            continue;
        }
        let kind = guess_kind(&e.summary, settings);
        let (date, time, minutes) = if e.all_day {
            let minutes = settings
                .kind_minutes
                .get(&kind)
                .copied()
                .unwrap_or(settings.all_day_minutes);
            (e.local_start.date(), None, minutes)
        } else {
            let at = if e.floating {
                e.local_start
            } else {
                local(&e.start, settings.zone)
            };
            (at.date(), Some(at.time()), e.minutes)
        };
        let initiator = match &e.organizer {
            Some(o) if !is_me(&o.email, o.me) => Initiator::They,
            _ => Initiator::Me,
        };
        out.proposals.push(Proposal {
            source_id: e.source_id.clone(),
            item_ids: vec![e.source_id.clone()],
            date,
            time,
            minutes,
            kind,
            contacts: contacts.into_iter().collect(),
            subject: e.summary.clone(),
            initiator,
            source: Source::Ics,
        });
    }
    out.hints = hints.finish(settings.hint_min);
    out.proposals
        .sort_by(|a, b| (a.date, &a.source_id).cmp(&(b.date, &b.source_id)));
    out
}

struct Kept {
    message_id: Option<String>,
    root: String,
    at: DateTime<FixedOffset>,
    date: NaiveDate,
    contacts: Vec<i64>,
    subject: String,
    sent: bool,
    source_id: String,
}

/// The mail rules, fed one mail at a time so that a large mailbox need not
/// be held in memory: only the mail kept is remembered, until [`finish`].
///
/// [`finish`]: MailRules::finish
pub struct MailRules<'a, F> {
    settings: &'a Settings,
    mine: HashSet<String>,
    lookup: F,
    kept: Vec<Kept>,
    skipped: BTreeMap<Skip, usize>,
    hints: Hints,
}

impl<'a, F> MailRules<'a, F>
where
    F: Fn(&str) -> Vec<i64>,
{
    pub fn new(me: &[String], lookup: F, settings: &'a Settings) -> Self {
        MailRules {
            settings,
            mine: lower_set(me),
            lookup,
            kept: Vec::new(),
            skipped: BTreeMap::new(),
            hints: Hints::default(),
        }
    }

    fn skip(&mut self, why: Skip) {
        *self.skipped.entry(why).or_default() += 1;
    }

    pub fn add(&mut self, m: &Mail) {
        let Some(at) = m.date else {
            return self.skip(Skip::NoDate);
        };
        if m.list_id.is_some() || m.list_unsubscribe.is_some() {
            return self.skip(Skip::List);
        }
        if m.precedence.as_deref().is_some_and(|p| {
            let p = p.to_lowercase();
            ["bulk", "list", "junk"].contains(&p.trim())
        }) {
            return self.skip(Skip::Bulk);
        }
        if m.auto_submitted.as_deref().is_some_and(|a| {
            let value = a.split(';').next().unwrap_or("").trim();
            !value.eq_ignore_ascii_case("no")
        }) {
            return self.skip(Skip::AutoSubmitted);
        }
        let from_me = m.from.iter().any(|a| self.mine.contains(&a.email));
        let sent = m.sent_folder || from_me;
        if !sent && m.from.iter().any(|a| is_no_reply(&a.email)) {
            return self.skip(Skip::NoReply);
        }
        let recipients: HashSet<&str> = m.recipients().map(|a| a.email.as_str()).collect();
        if recipients.len() > self.settings.max_recipients {
            return self.skip(Skip::TooManyRecipients);
        }
        let mut others = BTreeMap::new();
        let people = if sent {
            m.recipients().collect::<Vec<_>>()
        } else {
            m.from.iter().chain(m.recipients()).collect()
        };
        for a in people {
            if !self.mine.contains(&a.email) && !is_no_reply(&a.email) {
                others.entry(a.email.clone()).or_insert(a.name.clone());
            }
        }
        if others.is_empty() {
            return self.skip(Skip::Alone);
        }
        let mut contacts = BTreeSet::new();
        for (email, name) in &others {
            let ids = (self.lookup)(email);
            if ids.is_empty() {
                self.hints.add(email, name.as_ref());
            }
            contacts.extend(ids);
        }
        if contacts.is_empty() {
            return self.skip(Skip::NoContact);
        }
        self.kept.push(Kept {
            message_id: m.message_id.clone(),
            root: m.thread_root().to_string(),
            at,
            date: local(&at, self.settings.zone).date(),
            contacts: contacts.into_iter().collect(),
            subject: m.subject.clone().unwrap_or_default(),
            sent,
            source_id: m.source_id.clone(),
        });
    }

    /// The proposals: one per thread, day and set of contacts.
    pub fn finish(self) -> Outcome {
        let MailRules {
            settings,
            kept,
            skipped,
            hints,
            ..
        } = self;
        // A mail that names only its parent (In-Reply-To, no References)
        // joins its parent's thread when the parent is in the batch.
        let parent: HashMap<&str, &str> = kept
            .iter()
            .filter_map(|k| Some((k.message_id.as_deref()?, k.root.as_str())))
            .filter(|(id, root)| id != root)
            .collect();
        fn resolve<'k>(parent: &HashMap<&'k str, &'k str>, mut r: &'k str) -> String {
            for _ in 0..64 {
                match parent.get(r) {
                    Some(p) if *p != r => r = p,
                    _ => break,
                }
            }
            r.to_string()
        }
        let mut groups: BTreeMap<(String, NaiveDate, Vec<i64>), Vec<&Kept>> = BTreeMap::new();
        for k in &kept {
            groups
                .entry((resolve(&parent, &k.root), k.date, k.contacts.clone()))
                .or_default()
                .push(k);
        }
        let mut proposals: Vec<Proposal> = groups
            .into_iter()
            .map(|((root, date, contacts), mut mails)| {
                mails.sort_by(|a, b| (a.at, &a.source_id).cmp(&(b.at, &b.source_id)));
                let first = mails[0];
                let ids: Vec<String> = contacts.iter().map(i64::to_string).collect();
                Proposal {
                    source_id: format!("mail-thread:{root}@{date}#{}", ids.join(",")),
                    item_ids: mails.iter().map(|k| k.source_id.clone()).collect(),
                    date,
                    time: Some(local(&first.at, settings.zone).time()),
                    minutes: settings.mail_minutes,
                    kind: "email".into(),
                    contacts,
                    subject: first.subject.clone(),
                    initiator: if first.sent {
                        Initiator::Me
                    } else {
                        Initiator::They
                    },
                    source: Source::Mail,
                }
            })
            .collect();
        proposals.sort_by(|a, b| (a.date, &a.source_id).cmp(&(b.date, &b.source_id)));
        Outcome {
            proposals,
            skipped,
            hints: hints.finish(settings.hint_min),
        }
    }
}

/// [`MailRules`] over a batch already in memory.
#[cfg(test)]
pub fn mails<F>(mails: &[Mail], me: &[String], lookup: F, settings: &Settings) -> Outcome
where
    F: Fn(&str) -> Vec<i64>,
{
    let mut rules = MailRules::new(me, lookup, settings);
    for m in mails {
        rules.add(m);
    }
    rules.finish()
}
