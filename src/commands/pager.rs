//! Long output through a pager at a terminal, like git: the text is rendered
//! first, then handed to `$PAGER` (see [`super::env::pager`]); piped, it goes
//! straight to stdout.

use anyhow::{Context, Result};
use std::io::Write;
use std::process::{Command, Stdio};

use super::Ctx;

/// Writes `text` to stdout, through the pager when one applies.
pub fn show(ctx: &mut Ctx, no_pager: bool, text: &[u8]) -> Result<()> {
    let Some((pager, set_less)) = super::env::pager(no_pager) else {
        ctx.out.write_all(text)?;
        return Ok(());
    };
    ctx.out.flush()?;
    let mut cmd = Command::new("sh");
    // Through sh, so that PAGER="less -S" works as it does for git.
    cmd.arg("-c").arg(&pager).stdin(Stdio::piped());
    if set_less {
        cmd.env("LESS", "FRX");
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        // No shell to run it: the text still reaches the reader.
        Err(_) => {
            ctx.out.write_all(text)?;
            return Ok(());
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit the pager before reading it all: not an error.
        let _ = stdin.write_all(text);
    }
    child
        .wait()
        .with_context(|| format!("waiting for the pager {pager:?}"))?;
    Ok(())
}
