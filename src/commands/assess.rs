//! `net assess NAME`: the nine questions of seed 002, stored with their date.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::AssessArgs;
use crate::error::usage;
use crate::model::Assessment;
use crate::model::NINE_QUESTIONS;
use crate::prompt;

pub fn run(ctx: &mut Ctx, args: &AssessArgs) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, true)?;
    let (id, name) = (who.id, who.name.clone());
    let answers = match &args.yes {
        Some(list) => parse_yes(list)?,
        None if ctx.can_prompt => {
            ctx.say(format!("Nine questions on how strong your referral partnership with {name} is. Answer honestly."))?;
            let mut yes = Vec::new();
            for (n, q) in NINE_QUESTIONS.iter().enumerate() {
                if prompt::confirm(&format!("{}. {q}", n + 1))? {
                    yes.push(n as u8 + 1);
                }
            }
            yes
        }
        None => {
            return Err(usage(
                "without a terminal, give the numbers of the questions answered yes: --yes 1,2,5 (or --yes none; the nine are in `net assess --help`)",
            ))
        }
    };
    let previous = ctx.store.read().assessments(Some(id))?.pop();
    let assessment = Assessment {
        id: 0,
        contact: id,
        date: ctx.today,
        score: answers.len() as u8,
        answers,
    };
    let mut assessment = assessment;
    assessment.id = ctx
        .store
        .write_contact(&who, format!("assess {name}"), |db, _| {
            db.add_assessment(&assessment)
        })?;
    if ctx.json {
        crate::render::json(&mut ctx.out, &assessment)?;
    }
    let trend = match previous {
        Some(p) => format!(" (was {}/9 on {})", p.score, p.date),
        None => String::new(),
    };
    ctx.say(format!("{name}: {}/9{trend}.", assessment.score))?;
    let missing: Vec<String> = (1..=9u8)
        .filter(|n| !assessment.answers.contains(n))
        .map(|n| format!("{n}. {}", NINE_QUESTIONS[n as usize - 1]))
        .collect();
    if let Some(first) = missing.first() {
        ctx.say(format!("To grow the partnership, work on: {first}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "1,2,5" → [1, 2, 5]; "none" or "" → []. Each number 1–9, once.
pub fn parse_yes(list: &str) -> Result<Vec<u8>> {
    let list = list.trim();
    if list.is_empty() || list.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for part in list.split([',', ' ']).filter(|p| !p.is_empty()) {
        let n: u8 = part
            .parse()
            .ok()
            .filter(|n| (1..=9).contains(n))
            .ok_or_else(|| {
                usage(format!(
                    "{part:?} is not a question number: use 1 to 9, e.g. --yes 1,2,5"
                ))
            })?;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out.sort_unstable();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse_yes;

    #[test]
    fn yes_lists() {
        assert_eq!(parse_yes("1,2,5").unwrap(), vec![1, 2, 5]);
        assert_eq!(parse_yes("5, 1 1").unwrap(), vec![1, 5]);
        assert!(parse_yes("none").unwrap().is_empty());
        assert!(parse_yes("12").is_err());
        assert!(parse_yes("0").is_err());
    }
}
