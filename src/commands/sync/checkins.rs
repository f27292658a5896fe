//! Check-ins as synced records: one VEVENT per nurtured contact in the
//! `net check-ins` calendar (formats::checkin). One-way: net's copy always
//! wins, an item rewritten elsewhere is put back, one net no longer makes
//! (archived, forgotten, no cadence) is deleted. An item is written only
//! when its day, cadence or name changed, so a sync with nothing to do is
//! still one request.

use anyhow::Result;
use std::cell::RefCell;
use std::collections::BTreeMap;

use super::records::Records;
use crate::dav;
use crate::formats::checkin;
use crate::formats::fields::{Fields, Loser};
use crate::model::{ContactStatus, PlanSource, Policy};
use crate::schedule::Subject;
use crate::store::Db;

pub struct CheckIns {
    /// The config part of the policy (the rules are read in the write).
    pub policy: Policy,
    /// DTSTAMP of the items written.
    pub stamp: String,
    /// The check-ins as the last [`Records::local`] made them.
    made: RefCell<BTreeMap<String, Fields>>,
}

impl CheckIns {
    pub fn new(policy: Policy, stamp: String) -> CheckIns {
        CheckIns {
            policy,
            stamp,
            made: RefCell::new(BTreeMap::new()),
        }
    }
}

impl Records for CheckIns {
    fn kind(&self) -> &'static str {
        "checkins"
    }
    fn dav_kind(&self) -> dav::Kind {
        dav::Kind::Calendar
    }
    fn net_only(&self) -> &'static [&'static str] {
        &[]
    }
    fn loser(&self, _key: &str) -> Loser {
        Loser::Drop
    }
    fn one_way(&self) -> bool {
        true
    }

    /// One check-in per active contact with a cadence (a watched one has
    /// none), on its due day (past when overdue: the day does not move
    /// with the clock) or the end of its snooze.
    fn local(&self, db: &Db<'_>) -> Result<BTreeMap<String, Fields>> {
        // The interactions this sync brought in move due days.
        db.derive_pending(&self.policy)?;
        let policy = Policy {
            rules: db.rules()?,
            ..self.policy.clone()
        };
        let mut out = BTreeMap::new();
        for c in db.all_contacts()? {
            let Some(uuid) = c.uuid.as_deref() else {
                continue;
            };
            if c.status != ContactStatus::Active {
                continue;
            }
            let Some(s) =
                Subject::new(&policy, c.facts()).filter(|s| s.plan.source != PlanSource::Watch)
            else {
                continue;
            };
            let mut day = s.plan.due_on(s.since);
            if let Some(snooze) = c.snoozed_until.filter(|&u| u > day) {
                day = snooze;
            }
            let f = checkin::fields(uuid, &c.name, day, s.plan.interval);
            out.insert(f.text("uuid").unwrap_or_default().to_string(), f);
        }
        *self.made.borrow_mut() = out.clone();
        Ok(out)
    }

    fn local_one(&self, _db: &Db<'_>, uuid: &str) -> Result<Option<Fields>> {
        Ok(self.made.borrow().get(uuid).cloned())
    }

    fn read(&self, text: &str) -> Option<(Fields, bool)> {
        checkin::read(text)
    }

    fn write(&self, fields: &Fields) -> String {
        checkin::write(fields, &self.stamp)
    }

    fn find(&self, _db: &Db<'_>, remote: &Fields) -> Result<Option<String>> {
        let uid = remote.text("uid").unwrap_or_default();
        Ok(self
            .made
            .borrow()
            .contains_key(uid)
            .then(|| uid.to_string()))
    }

    /// Nothing comes down: net's copy is what the item becomes.
    fn save(&self, _db: &Db<'_>, uuid: Option<&str>, fields: &Fields) -> Result<String> {
        Ok(uuid.or(fields.text("uuid")).unwrap_or_default().to_string())
    }

    fn remove(&self, _db: &Db<'_>, _uuid: &str) -> Result<&'static str> {
        Ok("put back at the next sync")
    }

    fn label(&self, fields: &Fields) -> String {
        fields.text("summary").unwrap_or("check-in").to_string()
    }
}
