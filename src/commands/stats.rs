//! `net stats`: the health of the network at a glance.

use anyhow::Result;
use chrono::Months;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::model::{Minutes, Period, Tier};
use crate::render;
use crate::schedule::budget::{period_bounds, Spent};
use crate::schedule::{self, Status, Subject};

/// "3 ok · 1 soon": the counts of a map in a given order.
fn joined<V: std::fmt::Display>(m: &BTreeMap<&str, V>, order: &[&str]) -> String {
    order
        .iter()
        .map(|k| format!("{} {k}", m[k]))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[derive(Serialize)]
struct Report {
    active: i64,
    archived: i64,
    nurtured: i64,
    /// Contacts without a cadence that still show up after long silence.
    watched: i64,
    /// Active contacts with neither: never in `net due`.
    without_cadence: i64,
    max_nurtured: u32,
    statuses: BTreeMap<&'static str, usize>,
    tiers: BTreeMap<&'static str, i64>,
    months: Vec<Spent>,
    interactions: i64,
    gave: i64,
    got: i64,
    they_reached_out: i64,
    kinds_last_12_months: Vec<(String, i64)>,
}

pub fn run(ctx: &mut Ctx) -> Result<ExitCode> {
    let db = ctx.store.read();
    let (active, archived) = db.status_counts()?;
    let policy = ctx.policy()?;
    let subjects: Vec<Subject> = db
        .due_rows(ctx.today, true)?
        .iter()
        .filter_map(|r| Subject::new(&policy, r.facts()))
        .collect();
    let mut statuses: BTreeMap<&'static str, usize> = BTreeMap::new();
    for s in [
        Status::Ok,
        Status::Soon,
        Status::Due,
        Status::Cold,
        Status::Snoozed,
    ] {
        statuses.insert(s.as_str(), 0);
    }
    for e in schedule::agenda(&subjects, ctx.today, true) {
        *statuses.entry(e.status.as_str()).or_default() += 1;
    }
    let t = ctx.settings.thresholds;
    let starts = [0.0, t.casual_friend, t.friend, t.close_friend].map(|h| (h * 60.0) as u64);
    let counts = db.depth_counts(&starts)?;
    let tiers: BTreeMap<&'static str, i64> = [
        Tier::Acquaintance,
        Tier::CasualFriend,
        Tier::Friend,
        Tier::CloseFriend,
    ]
    .iter()
    .zip(counts)
    .map(|(tier, n)| (tier.as_str(), n))
    .collect();
    let mut months = Vec::new();
    for back in (0..12).rev() {
        let day = ctx
            .today
            .checked_sub_months(Months::new(back))
            .unwrap_or(ctx.today);
        months.push(ctx.spent(Period::Month, day)?);
    }
    let (interactions, gave, got, they) = db.give_take_totals()?;
    let year_ago = period_bounds(Period::Month, months[0].from).0;
    let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
    for row in db.time_between(year_ago, ctx.today)? {
        *kinds.entry(row.kind).or_default() += row.count;
    }
    let mut kinds: Vec<(String, i64)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    kinds.truncate(5);
    let report = Report {
        active,
        archived,
        nurtured: db.nurtured_count()?,
        watched: subjects.len() as i64 - db.nurtured_count()?,
        without_cadence: active - subjects.len() as i64,
        max_nurtured: ctx.settings.max_nurtured,
        statuses,
        tiers,
        months,
        interactions,
        gave,
        got,
        they_reached_out: they,
        kinds_last_12_months: kinds,
    };
    if ctx.json {
        render::json(&mut ctx.out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let out = &mut ctx.out;
    writeln!(
        out,
        "Contacts   {} active, {} archived",
        report.active, report.archived
    )?;
    writeln!(
        out,
        "Nurtured   {} of at most {} with a cadence; {} more watched for long silence",
        report.nurtured, report.max_nurtured, report.watched
    )?;
    writeln!(
        out,
        "Status     {} · {} without a cadence",
        joined(&report.statuses, &["ok", "soon", "due", "cold", "snoozed"]),
        report.without_cadence
    )?;
    writeln!(
        out,
        "Depth      {}",
        joined(
            &report.tiers,
            &["acquaintance", "casual friend", "friend", "close friend"]
        )
    )?;
    writeln!(
        out,
        "Give/take  gave {} · got {} · they reached out {} of {} interactions",
        report.gave, report.got, report.they_reached_out, report.interactions
    )?;
    if !report.kinds_last_12_months.is_empty() {
        let kinds: Vec<String> = report
            .kinds_last_12_months
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(out, "Top kinds  {} (last 12 months)", kinds.join(" · "))?;
    }
    writeln!(out, "\nTime per month against the budget")?;
    for m in &report.months {
        writeln!(
            out,
            "  {}  {}  {} of {}",
            m.from.format("%b %Y"),
            render::bar(m.minutes, m.budget, 20),
            Minutes(m.minutes),
            Minutes(m.budget)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
