//! NAME → contact: forgiving matching, a prompt or an error listing the
//! candidates when a name is ambiguous, and "did you mean" when it matches nobody.

use anyhow::{Context, Result};

use super::Ctx;
use crate::error::{usage, user};
use crate::names::{self, Resolution};
use crate::prompt;
use crate::store::{Db, Picked};

impl Ctx {
    /// Finds the one active contact a NAME means (archived ones too with `archived`).
    pub fn resolve(&mut self, query: &str, archived: bool) -> Result<i64> {
        match self.lookup(query, archived)? {
            Some(id) => Ok(id),
            None => Err(self.not_found(query, archived)),
        }
    }

    /// Like [`Ctx::resolve`], with the name the contact has now: for a write,
    /// which reads the contact again inside the write lock
    /// ([`crate::store::Store::write_contact`], [`Db::require`]).
    pub fn pick(&mut self, query: &str, archived: bool) -> Result<Picked> {
        let id = self.resolve(query, archived)?;
        self.picked(id)
    }

    /// The [`Picked`] of a contact id known to exist.
    pub fn picked(&self, id: i64) -> Result<Picked> {
        let (name, _) =
            self.store.read().name_of(id)?.ok_or_else(|| {
                user(format!("contact #{id} was removed by another net just now"))
            })?;
        Ok(Picked { id, name })
    }

    /// Like [`Ctx::resolve`], but None when nobody matches (for `log --new`).
    pub fn lookup(&mut self, query: &str, archived: bool) -> Result<Option<i64>> {
        let db = self.store.read();
        if let Some(id) = names::parse_id(query) {
            return match db.name_of(id)? {
                Some(_) => Ok(Some(id)),
                None => Err(user(format!("there is no contact #{id}: see `net list`"))),
            };
        }
        if names::fold(query).is_empty() {
            return Err(usage(format!(
                "{query:?} is not a name: give a name, prefix, alias or #ID"
            )));
        }
        let candidates = db.candidates(&names::needles(query), archived)?;
        match names::resolve(query, &candidates) {
            Resolution::One(id) => Ok(Some(id)),
            Resolution::NotFound { .. } => Ok(None),
            Resolution::Ambiguous(ids) => {
                if self.can_prompt {
                    let described = described(&db, &ids)?;
                    let pick = prompt::choose(&format!("Which {query}?"), &described)?;
                    return Ok(Some(ids[pick]));
                }
                let labels = labels(&db, &ids)?;
                Err(user(format!(
                    "{query:?} matches {}: name one by #ID",
                    labels.join(", ")
                )))
            }
        }
    }

    /// The error for a NAME that matches nobody, with the closest names.
    pub fn not_found(&self, query: &str, archived: bool) -> anyhow::Error {
        match self.not_found_message(query, archived) {
            Ok(msg) => user(msg),
            Err(e) => e,
        }
    }

    fn not_found_message(&self, query: &str, archived: bool) -> Result<String> {
        let db = self.store.read();
        let all = db.all_candidates(archived)?;
        let mut msg = format!("no contact matches {query:?}");
        if let Resolution::NotFound { closest } = names::resolve(query, &all) {
            if !closest.is_empty() {
                msg.push_str(&format!(
                    ": did you mean {}?",
                    labels(&db, &closest)?.join(", ")
                ));
                return Ok(msg);
            }
        }
        if !archived {
            let archived_match = db.candidates(&names::needles(query), true)?;
            if let Resolution::One(id) = names::resolve(query, &archived_match) {
                msg.push_str(&format!(": #{id} is archived (net revive '#{id}')"));
                return Ok(msg);
            }
        }
        msg.push_str(": add them with `net add NAME` (or `net log … --new`)");
        Ok(msg)
    }
}

/// "Anna Müller (#1)" for each id.
fn labels(db: &Db<'_>, ids: &[i64]) -> Result<Vec<String>> {
    ids.iter()
        .map(|&id| {
            let (name, _) = db.name_of(id)?.context("a contact vanished")?;
            Ok(format!("{name} (#{id})"))
        })
        .collect()
}

/// "Anna Müller (#1) · Müller GmbH · last touch 2026-11-02": what tells two
/// people of one name apart in the picker.
fn described(db: &Db<'_>, ids: &[i64]) -> Result<Vec<String>> {
    ids.iter()
        .map(|&id| {
            let c = db.contact(id)?;
            let mut label = format!("{} (#{id})", c.name);
            if let Some(org) = c.org.as_deref().filter(|o| !o.is_empty()) {
                label.push_str(&format!(" · {org}"));
            }
            match c.last_touch {
                Some(day) => label.push_str(&format!(" · last touch {day}")),
                None => label.push_str(&format!(" · never contacted (added {})", c.added_on)),
            }
            Ok(label)
        })
        .collect()
}
