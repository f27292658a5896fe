//! Interactions as `net history` and `net journal` list them: one entry per
//! interaction, its id first (what `net log edit` and `net log rm` take).

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

use super::{sanitize, wrap, Look};
use crate::model::Minutes;

/// Someone who took part.
#[derive(Clone, Debug, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
}

/// One interaction, ready to print.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: i64,
    pub date: NaiveDate,
    pub kind: String,
    /// As logged with `--for`; None: not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub with: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gave: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub got: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// They reached out, not you.
    pub they: bool,
}

/// Writes entries, newest first as given: a line with id, date, kind,
/// length and people, then the note, gave and got indented below.
pub fn entries(out: &mut dyn Write, look: Look, list: &[Entry]) -> Result<()> {
    for e in list {
        let mut head = vec![format!("#{:<5}", e.id), e.date.to_string(), e.kind.clone()];
        if let Some(m) = e.minutes {
            head.push(Minutes(m).to_string());
        }
        if !e.with.is_empty() {
            let names: Vec<&str> = e.with.iter().map(|p| p.name.as_str()).collect();
            head.push(format!("with {}", names.join(", ")));
        }
        if let Some(p) = &e.place {
            head.push(format!("at {p}"));
        }
        if e.they {
            head.push("(they reached out)".into());
        }
        writeln!(out, "{}", sanitize(&head.join("  ")))?;
        for (label, v) in [("", &e.note), ("gave: ", &e.gave), ("got: ", &e.got)] {
            if let Some(v) = v {
                let line = format!("       {label}{}", v.replace('\n', " "));
                writeln!(out, "{}", wrap(&sanitize(&line), look.width, 7))?;
            }
        }
    }
    Ok(())
}
