//! Questions at a terminal (dialoguer). Only called when `can_prompt` is true:
//! without a terminal, commands fail with a message naming the flag instead.

use anyhow::{Context, Result};
use dialoguer::{theme::ColorfulTheme, Confirm, FuzzySelect, Input, MultiSelect, Password, Select};

/// The prompts hide the cursor while they run. Ctrl-C ends the process from
/// inside them (exit 130, nothing written: every write happens after the
/// answers), and would leave the cursor hidden in the user's shell; this
/// handler shows it again first. Installed once, before the first prompt.
fn restore_cursor_on_interrupt() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // ctrlc runs the handler on its own thread, where printing is safe.
        let _ = ctrlc::set_handler(|| {
            let _ = console::Term::stderr().show_cursor();
            eprintln!();
            std::process::exit(130);
        });
    });
}

/// A password, not echoed.
pub fn password(question: &str) -> Result<String> {
    restore_cursor_on_interrupt();
    Password::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .interact()
        .context("reading the password")
}

/// Yes or no, defaulting to no.
pub fn confirm(question: &str) -> Result<bool> {
    restore_cursor_on_interrupt();
    Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(false)
        .interact()
        .context("reading your answer")
}

/// Picks one of `items`; returns its index.
pub fn choose(question: &str, items: &[String]) -> Result<usize> {
    restore_cursor_on_interrupt();
    Select::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .items(items)
        .default(0)
        .interact()
        .context("reading your choice")
}

/// Picks one of many by typing part of it.
pub fn fuzzy(question: &str, items: &[String]) -> Result<usize> {
    restore_cursor_on_interrupt();
    FuzzySelect::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .items(items)
        .default(0)
        .interact()
        .context("reading your choice")
}

/// A line of text; empty allowed when `optional`.
pub fn text(question: &str, optional: bool) -> Result<String> {
    restore_cursor_on_interrupt();
    Input::<String>::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .allow_empty(optional)
        .interact_text()
        .context("reading your answer")
}

/// Picks any number of `items` (all preselected); returns their indexes.
pub fn pick_many(question: &str, items: &[String]) -> Result<Vec<usize>> {
    restore_cursor_on_interrupt();
    let defaults = vec![true; items.len()];
    MultiSelect::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .items(items)
        .defaults(&defaults)
        .interact()
        .context("reading your choice")
}

/// Opens `path` in $VISUAL, else $EDITOR, else vi, and waits for it to close.
pub fn editor(path: &std::path::Path) -> Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    // Through sh, so that EDITOR="code --wait" works as it does for git.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .with_context(|| format!("starting the editor {editor:?}"))?;
    if !status.success() {
        anyhow::bail!("the editor {editor:?} exited with {status}: nothing saved");
    }
    Ok(())
}

/// Opens `initial` as the file `name` in a private scratch folder (0700,
/// removed afterwards) in the editor, and returns the text as saved, trimmed.
pub fn edit_text(name: &str, initial: &str) -> Result<String> {
    let dir = tempfile::Builder::new()
        .prefix("net-edit-")
        .tempdir()
        .context("creating a scratch folder for the editor")?;
    let path = dir.path().join(name);
    std::fs::write(&path, initial).context("preparing the file for the editor")?;
    editor(&path)?;
    let text = std::fs::read_to_string(&path).context("reading the text back")?;
    Ok(text.trim().to_string())
}
