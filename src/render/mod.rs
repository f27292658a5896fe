//! Output: tables sized to the terminal, JSON, colour only where it helps.

pub mod due;
pub mod history;
pub mod show;

use anyhow::Result;
use chrono::NaiveDate;
use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use std::io::Write;

use crate::model::span;
use crate::schedule::Status;

/// How output looks on this run.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Colour: only on a terminal, never with NO_COLOR.
    pub color: bool,
    /// Width to fit tables into (COLUMNS, else the terminal's), if known.
    pub width: Option<u16>,
}

/// An empty table with a header, fitted to the width.
pub fn table(look: Look, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().map(Cell::new));
    if let Some(w) = look.width {
        t.set_width(w);
    }
    // Colours are only ever added when look.color is set; comfy-table's own
    // terminal detection still sizes the table on a terminal.
    if look.color {
        t.enforce_styling();
    }
    t
}

/// Writes a table, trimming the padding comfy-table leaves at line ends.
pub fn print_table(out: &mut dyn Write, t: &Table) -> Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Pretty JSON and a newline.
pub fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    let formatter = SafeJson(serde_json::ser::PrettyFormatter::new());
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, formatter);
    value.serialize(&mut ser)?;
    writeln!(out)?;
    Ok(())
}

/// A cell of user text: control characters made visible, lines joined.
pub fn text(s: &str) -> Cell {
    Cell::new(sanitize(s).replace('\n', " "))
}

/// Makes control characters (ESC, BEL, …) visible as `^[`-style escapes so
/// that text from a file can never drive the terminal. Newlines and tabs stay.
/// Bidirectional overrides and isolates (U+202E …) and zero-width characters
/// are made visible as `\u{202e}`, so a displayed name cannot be spoofed.
pub fn sanitize(s: &str) -> String {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || invisible(c))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from_u32(c as u32 + 0x40).unwrap_or('?'));
            }
            c if c.is_control() || invisible(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Characters that change how text around them is shown, or show nothing:
/// bidirectional marks, embeddings, overrides and isolates; zero-width
/// spaces, joiners and the word joiner; the byte order mark; invisible
/// operators; the Mongolian vowel separator and the Hangul fillers.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
    )
}

/// A serde_json formatter that also escapes what serde_json leaves raw: DEL,
/// the C1 controls and the [`invisible`] characters, as `\u00XX`. The JSON
/// means the same; a terminal showing it is not driven or spoofed.
pub struct SafeJson<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeJson<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_control() || invisible(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Word-wraps text to `width` columns (when known): every line on its own,
/// continuation lines indented by `indent` (or the line's own indentation,
/// if deeper), a word longer than the width left whole.
pub fn wrap(text: &str, width: Option<u16>, indent: usize) -> String {
    let Some(width) = width.map(usize::from).filter(|w| *w > indent + 10) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let own = line.len() - line.trim_start().len();
        let pad = " ".repeat(indent.max(own));
        let mut col = 0;
        out.push_str(&line[..own]);
        col += own;
        let mut first = true;
        for word in line[own..].split(' ') {
            let w = word.chars().count();
            if !first && col + 1 + w > width {
                out.push('\n');
                out.push_str(&pad);
                col = pad.len();
            } else if !first {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
            first = false;
        }
    }
    out
}

/// A date relative to today: "today", "yesterday", "3 weeks ago", "in 5 days".
pub fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        -1 => "tomorrow".into(),
        d if d > 0 => format!("{} ago", span(d)),
        d => format!("in {}", span(d)),
    }
}

/// A bar of `width` cells filled by `value` of `max` (overfull shows full, then `+`).
pub fn bar(value: u32, max: u32, width: usize) -> String {
    let filled = if max == 0 {
        if value > 0 {
            width
        } else {
            0
        }
    } else {
        ((value as f64 / max as f64) * width as f64).round() as usize
    };
    let mut out = "█".repeat(filled.min(width));
    out.push_str(&"░".repeat(width - filled.min(width)));
    out.push(if filled > width { '+' } else { ' ' });
    out
}

/// "1 contact", "3 contacts".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A status word, coloured by meaning: cold red, due yellow, soon dim.
pub fn status(look: Look, s: Status) -> Cell {
    let cell = Cell::new(s.as_str());
    if !look.color {
        return cell;
    }
    match s {
        Status::Cold => cell.fg(Color::Red),
        Status::Due => cell.fg(Color::Yellow),
        Status::Soon | Status::Snoozed => cell.fg(Color::DarkGrey),
        Status::Ok => cell.fg(Color::Green),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(sanitize("a\u{1b}[31mred"), "a^[[31mred");
        assert_eq!(sanitize("bell\u{7}"), "bell^G");
        assert_eq!(sanitize("plain\nline"), "plain\nline");
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(120, 240, 4), "██░░ ");
        assert_eq!(bar(0, 240, 4), "░░░░ ");
        assert_eq!(bar(500, 240, 4), "████+");
    }

    #[test]
    fn wraps_with_a_hanging_indent() {
        let text = "Status     due · silent 2 months; bimonthly: 3 weeks overdue";
        assert_eq!(
            wrap(text, Some(40), 11),
            "Status     due · silent 2 months;\n           bimonthly: 3 weeks overdue"
        );
        assert_eq!(wrap(text, None, 11), text);
        assert_eq!(wrap("a\n  b c", Some(80), 4), "a\n  b c");
    }

    #[test]
    fn relative_dates() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        assert_eq!(ago(today, today), "today");
        assert_eq!(ago("2026-08-20".parse().unwrap(), today), "3 months ago");
        assert_eq!(ago("2026-11-27".parse().unwrap(), today), "in 5 days");
    }
}
