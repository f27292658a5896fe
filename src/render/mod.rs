//! Output: tables sized to the terminal, JSON, colour only where it helps.

pub mod due;
pub mod grid;
pub mod history;
pub mod show;

use anyhow::Result;
use chrono::NaiveDate;
use comfy_table::{presets, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};
use std::io::Write;

use crate::model::span;
pub use crate::safe::{sanitize, SafeJson};
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

/// A table of these rows fitted to the width without breaking a word: while
/// the longest words of the columns do not fit side by side, the `optional`
/// columns are dropped (in that order, least needed first); no column is
/// then made narrower than its longest word, so text wraps between words.
/// The last column, free text, is given at least `text_width` before
/// optional columns stay. Widths are display widths (CJK and emoji count double).
pub fn fitted_table(
    look: Look,
    header: &[&str],
    rows: Vec<Vec<String>>,
    optional: &[usize],
    text_width: usize,
    status: Option<usize>,
) -> Table {
    // The status column keeps its index among the kept columns.
    let kept_status = status.and_then(|c| kept(look, header, &rows, optional, text_width, c));
    let (names, rows, min) = fit(look, header, rows, optional, text_width);
    let mut t = table(look, &names);
    for row in rows {
        t.add_row(row.into_iter().enumerate().map(|(c, text)| {
            match Status::parse(&text).filter(|_| Some(c) == kept_status) {
                Some(s) => self::status(look, s),
                None => Cell::new(text),
            }
        }));
    }
    for (i, w) in min.iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            // comfy-table's boundaries include the padding of one space on either side.
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    t
}

/// The lines of [`fitted_table`], trimmed at their ends: long tables without
/// colour are laid out by [`grid`] rather than comfy-table.
pub fn fitted_lines(
    look: Look,
    header: &[&str],
    rows: Vec<Vec<String>>,
    optional: &[usize],
    text_width: usize,
    status: Option<usize>,
) -> Vec<String> {
    if rows.len() < grid::LONG || look.color {
        let t = fitted_table(look, header, rows, optional, text_width, status);
        return t.lines().map(|l| l.trim_end().to_string()).collect();
    }
    let (names, rows, min) = fit(look, header, rows, optional, text_width);
    grid::lines(look.width.map(usize::from), &names, &rows, &min)
}

/// Where column `c` is among the columns [`fit`] keeps, if it is kept.
fn kept(
    look: Look,
    header: &[&str],
    rows: &[Vec<String>],
    optional: &[usize],
    text_width: usize,
    c: usize,
) -> Option<usize> {
    let keep = keep(
        look,
        header.len(),
        &longest_words(header, rows),
        optional,
        text_width,
    );
    keep.get(c)
        .copied()
        .unwrap_or(false)
        .then(|| keep[..c].iter().filter(|k| **k).count())
}

/// The longest word of each column, header included, by display width.
fn longest_words(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let words = |text: &str| text.split_whitespace().map(width).max().unwrap_or(0);
    let mut min: Vec<usize> = header.iter().map(|h| words(h)).collect();
    for row in rows {
        for (c, cell) in row.iter().enumerate().take(header.len()) {
            min[c] = min[c].max(words(cell));
        }
    }
    min
}

/// Which columns stay: the `optional` ones go, in order, while the longest
/// words do not fit side by side in the width.
fn keep(
    look: Look,
    columns: usize,
    min: &[usize],
    optional: &[usize],
    text_width: usize,
) -> Vec<bool> {
    let mut keep: Vec<bool> = vec![true; columns];
    if let Some(width) = look.width.map(usize::from) {
        // Each column takes its width plus one space of padding on either side.
        let need = |keep: &[bool]| -> usize {
            let last = columns.saturating_sub(1);
            (0..columns)
                .filter(|c| keep[*c])
                .map(|c| {
                    if c == last {
                        min[c].max(text_width) + 2
                    } else {
                        min[c] + 2
                    }
                })
                .sum()
        };
        for &c in optional {
            if need(&keep) <= width {
                break;
            }
            if c < columns {
                keep[c] = false;
            }
        }
    }
    keep
}

/// The kept columns' names, the rows' cells of them, and their longest words.
fn fit<'h>(
    look: Look,
    header: &[&'h str],
    rows: Vec<Vec<String>>,
    optional: &[usize],
    text_width: usize,
) -> (Vec<&'h str>, Vec<Vec<String>>, Vec<usize>) {
    let columns = header.len();
    // comfy-table gets the longest words as lower bounds; the grid only
    // needs them to fit a width.
    let min = if look.width.is_some() || rows.len() < grid::LONG || look.color {
        longest_words(header, &rows)
    } else {
        vec![0; columns]
    };
    let keep = keep(look, columns, &min, optional, text_width);
    let kept = |c: &usize| keep.get(*c).copied().unwrap_or(false);
    let names = (0..columns).filter(kept).map(|c| header[c]).collect();
    let rows = if keep.iter().all(|k| *k) {
        rows
    } else {
        rows.into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    .filter(|(c, _)| kept(c))
                    .map(|(_, cell)| cell)
                    .collect()
            })
            .collect()
    };
    let min = (0..columns).filter(kept).map(|c| min[c]).collect();
    (names, rows, min)
}

/// The display width of text (CJK and emoji count double), quickly for ASCII.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else if !s.contains('\x1b') {
        unicode_width::UnicodeWidthStr::width(s)
    } else {
        console::measure_text_width(s)
    }
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

/// User text for a cell: control characters made visible, lines joined.
pub fn clean(s: &str) -> String {
    let s = sanitize(s);
    if s.contains('\n') {
        s.replace('\n', " ")
    } else {
        s
    }
}

/// A cell of user text: control characters made visible, lines joined.
pub fn text(s: &str) -> Cell {
    Cell::new(clean(s))
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
        // Columns are display widths: a CJK character or an emoji takes two.
        let mut col = 0;
        out.push_str(&line[..own]);
        col += own;
        let mut first = true;
        for word in line[own..].split(' ') {
            let w = console::measure_text_width(word);
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

/// "Anna", "Anna and Bob", "Anna, Bob and Carl"; past `shown` names,
/// "Anna, Bob and 3 others" ("and 1 other").
pub fn names(names: &[String], shown: usize) -> String {
    let shown = shown.max(1);
    let (listed, rest) = if names.len() > shown {
        (&names[..shown], names.len() - shown)
    } else {
        (names, 0)
    };
    let mut parts: Vec<String> = listed.to_vec();
    if rest > 0 {
        parts.push(if rest == 1 {
            "1 other".to_string()
        } else {
            format!("{rest} others")
        });
    }
    let text = match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    sanitize(&text)
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
    fn wrapping_counts_display_width() {
        // Each of these characters takes two columns.
        assert_eq!(wrap("陈伟 陈伟 陈伟", Some(14), 0), "陈伟 陈伟 陈伟");
        assert_eq!(
            wrap("陈伟陈伟 陈伟陈伟 ab", Some(12), 0),
            "陈伟陈伟\n陈伟陈伟 ab"
        );
    }

    #[test]
    fn names_are_listed_with_one_and() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&n(&["A"]), 3), "A");
        assert_eq!(names(&n(&["A", "B"]), 3), "A and B");
        assert_eq!(names(&n(&["A", "B", "C"]), 3), "A, B and C");
        assert_eq!(names(&n(&["A", "B", "C", "D"]), 3), "A, B, C and 1 other");
        assert_eq!(
            names(&n(&["A", "B", "C", "D", "E"]), 3),
            "A, B, C and 2 others"
        );
    }

    #[test]
    fn a_narrow_table_drops_columns_before_breaking_words() {
        let look = Look {
            color: false,
            width: Some(25),
        };
        let rows = vec![vec![
            "1".to_string(),
            "Hans-Peter Groß".to_string(),
            "acquaintance".to_string(),
        ]];
        let t = fitted_table(look, &["#", "Name", "Tier"], rows, &[2], 0, None);
        let text = t.to_string();
        assert!(text.contains("Hans-Peter"), "{text}");
        assert!(!text.contains("acquaintance"), "{text}");
    }

    #[test]
    fn relative_dates() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        assert_eq!(ago(today, today), "today");
        assert_eq!(ago("2026-08-20".parse().unwrap(), today), "3 months ago");
        assert_eq!(ago("2026-11-27".parse().unwrap(), today), "in 5 days");
    }
}
