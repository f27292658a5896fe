//! `net help [COMMAND|TOPIC]`: a command's help, as `--help` prints it, or a topic.

use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::Cli;
use crate::error::usage;
use crate::topics::{self, TOPICS};

pub fn run(out: &mut dyn Write, words: &[String]) -> Result<ExitCode> {
    let mut cmd = Cli::command();
    cmd.build();
    if words.is_empty() {
        write!(out, "{}", cmd.render_help())?;
        writeln!(out, "\nHelp topics (net help TOPIC):")?;
        for t in TOPICS {
            writeln!(out, "  {:<10} {}", t.name, t.summary)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let [word] = words {
        if let Some(topic) = topics::find(word) {
            out.write_all(topic.text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut current = &mut cmd;
    for word in words {
        let name = word.to_lowercase();
        let found = current
            .get_subcommands()
            .position(|c| c.get_name() == name || c.get_all_aliases().any(|a| a == name));
        let Some(index) = found else {
            return Err(usage(unknown(current, word)));
        };
        current = current
            .get_subcommands_mut()
            .nth(index)
            .expect("just found");
    }
    write!(out, "{}", current.render_help())?;
    Ok(ExitCode::SUCCESS)
}

/// "no command or topic …: did you mean …?" over the subcommands and topics.
fn unknown(cmd: &clap::Command, word: &str) -> String {
    let mut known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
    if cmd.get_name() == "net" {
        known.extend(TOPICS.iter().map(|t| t.name));
    }
    let close = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, &word.to_lowercase()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean {k}? "))
        .unwrap_or_default();
    let topics: Vec<&str> = TOPICS.iter().map(|t| t.name).collect();
    if cmd.get_name() == "net" {
        format!(
            "no command or topic {word:?}: {close}topics are {}; `net help` lists the commands",
            topics.join(", ")
        )
    } else {
        format!(
            "`{}` has no subcommand {word:?}: {close}try `net help {}`",
            cmd.get_name(),
            cmd.get_name()
        )
    }
}
