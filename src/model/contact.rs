use chrono::NaiveDate;

use super::{Birthday, Cadence, ContactStatus, Initiator, Minutes};

/// A person you keep a relationship with, with everything `net` knows of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    /// The structured name (vCard N) as it came on import; None: guessed
    /// from `name` when one is needed.
    pub name_parts: Option<super::NameParts>,
    pub aliases: Vec<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    pub tags: Vec<String>,
    pub why: Option<String>,
    pub met: Option<String>,
    pub birthday: Option<Birthday>,
    pub notes: Option<String>,
    /// The contact's own cadence; None means tag rules decide.
    pub every: Option<Cadence>,
    /// Hours of relationship that predate `net`, in minutes.
    pub known_minutes: u32,
    pub status: ContactStatus,
    pub snoozed_until: Option<NaiveDate>,
    pub added_on: NaiveDate,
    pub uid: Option<String>,
    /// The stable identity shared by every device that syncs this contact
    /// (None until the store gives it one on insert).
    pub uuid: Option<String>,
    /// Who introduced you to them, if you know.
    pub introduced_by: Option<i64>,
    /// Derived from the history: the date of the latest interaction.
    pub last_touch: Option<NaiveDate>,
    /// The day the contact got its cadence (own, default or a rule's); None
    /// without one. A contact never contacted counts from it.
    pub cadence_since: Option<NaiveDate>,
    /// Derived: what the history says, kept up to date by the store.
    pub derived: Derived,
}

/// What the store derives from a contact's history on every write, so that
/// reading it never means scanning the history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derived {
    /// Time together: logged minutes, plus each kind's usual length where none was given.
    pub depth_minutes: u64,
    /// Median length of their recent interactions (same counting).
    pub usual_minutes: Option<u32>,
    pub gave_count: u32,
    pub got_count: u32,
}

impl Contact {
    /// A new active contact with only a name.
    pub fn new(name: impl Into<String>, added_on: NaiveDate) -> Self {
        Contact {
            id: 0,
            name: name.into(),
            name_parts: None,
            aliases: Vec::new(),
            org: None,
            role: None,
            emails: Vec::new(),
            phones: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            why: None,
            met: None,
            birthday: None,
            notes: None,
            every: None,
            known_minutes: 0,
            status: ContactStatus::Active,
            snoozed_until: None,
            added_on,
            uid: None,
            uuid: None,
            introduced_by: None,
            last_touch: None,
            cadence_since: None,
            derived: Derived::default(),
        }
    }

    /// What the scheduler needs of this contact.
    pub fn facts(&self) -> super::Facts<'_> {
        super::Facts {
            id: self.id,
            every: self.every,
            tags: &self.tags,
            why: self.why.as_deref(),
            last_touch: self.last_touch,
            added_on: self.added_on,
            cadence_since: self.cadence_since,
            snoozed_until: self.snoozed_until,
        }
    }

    /// The day the cadence clock counts from: the last touch, else the day
    /// the contact got its cadence (never before it was added).
    pub fn silent_since(&self) -> NaiveDate {
        self.facts().clock_start()
    }
}

/// Something that happened with one or more contacts.
#[derive(Clone, Debug, PartialEq)]
pub struct Interaction {
    pub id: i64,
    pub kind: String,
    pub date: NaiveDate,
    pub time: Option<String>,
    /// Time spent as given with `--for`; None when it was not given.
    pub minutes: Option<Minutes>,
    pub note: Option<String>,
    pub gave: Option<String>,
    pub got: Option<String>,
    pub initiator: Initiator,
    /// Where it happened (e.g. the event where you met).
    pub place: Option<String>,
    pub contacts: Vec<i64>,
    /// For an introduction (`net intro A B`): A was introduced to B.
    pub intro: Option<(i64, i64)>,
}
