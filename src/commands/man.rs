//! `net man`: the man page, generated from the command line itself, with the
//! help topics, the environment and the exit codes added as sections.

use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::Cli;
use crate::topics::TOPICS;

/// Writes net.1 to `out`, or with `dir` net.1 and a page per command into it.
pub fn run(out: &mut dyn Write, say: &mut dyn Write, dir: Option<&Path>) -> Result<ExitCode> {
    let Some(dir) = dir else {
        page(out).context("writing the man page")?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("writing man pages into {}", dir.display()))?;
    // net.1 again, with the topics.
    let path = dir.join("net.1");
    let mut file =
        std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
    page(&mut file).with_context(|| format!("writing {}", path.display()))?;
    writeln!(
        say,
        "Wrote net.1 and a page per command (net-log.1, …) into {}: try `man net`, `man net-log`.",
        dir.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The whole net(1) page.
fn page(out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    writeln!(out, ".SH \"GETTING STARTED\"")?;
    preformatted(
        out,
        "net demo                 # a throw-away example network to look around in\n\
         net add \"Anna Müller\" --tag client --why \"referrer for Mittelstand clients\"\n\
         net log coffee anna --for 45m --note \"talked about her new plant\"\n\
         net due                  # or just `net`\n\n\
         Every command has --help with examples; `net help TOPIC` explains the topics below.",
    )?;
    writeln!(out, ".SH \"HELP TOPICS\"")?;
    for topic in TOPICS {
        writeln!(out, ".SS {}", topic.name)?;
        preformatted(out, topic.text.trim_end())?;
    }
    writeln!(out, ".SH ENVIRONMENT")?;
    preformatted(
        out,
        "NET_DB        the database (default ~/.local/share/net/net.db)\n\
         NET_CONFIG    the config file (default ~/.config/net/config.toml)\n\
         NET_TODAY     YYYY-MM-DD: act as if it were that day\n\
         NO_COLOR      no colour; CLICOLOR_FORCE=1 colour even in a pipe\n\
         COLUMNS       the width tables are fitted to\n\
         VISUAL, EDITOR  the editor for `net note --edit` and `net config edit`",
    )?;
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    preformatted(
        out,
        "0  fine\n\
         1  a failure (one `net: …` line on stderr)\n\
         2  something typed was wrong\n\
         3  only `net due --quiet`: someone needs you today (no error uses 3)",
    )?;
    man.render_version_section(out)?;
    Ok(())
}

/// Text shown as is (`.nf`), escaped for roff.
fn preformatted(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    writeln!(out, ".nf")?;
    for line in text.lines() {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        if line.starts_with('.') || line.starts_with('\'') {
            writeln!(out, "\\&{line}")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out, ".fi")
}
