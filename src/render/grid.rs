//! Long tables without comfy-table: fixed-width rows laid out once and
//! written line by line (issue 15: drawing 10k rows with comfy-table was
//! most of `net list`). The layout is comfy-table's `NOTHING` preset: one
//! space of padding either side of each cell, no borders; when the table is
//! wider than the terminal, the columns wider than their longest word give
//! up width first (the widest first) and text wraps between words by
//! display width, as [`super::fitted_table`] does.

use super::width;
use std::borrow::Cow;

/// From this many rows on, and without colour, tables are laid out here;
/// shorter ones (and coloured ones) by comfy-table.
pub const LONG: usize = 100;

/// The lines of a table of `rows` (cells already filtered to the kept
/// columns), each column no narrower than `min` (its longest word).
pub fn lines(
    room: Option<usize>,
    header: &[&str],
    rows: &[Vec<String>],
    min: &[usize],
) -> Vec<String> {
    let columns = header.len();
    // Each cell's width, measured once (a long list has tens of thousands).
    let cell_widths: Vec<Vec<usize>> = rows
        .iter()
        .map(|r| r.iter().take(columns).map(|s| width(s)).collect())
        .collect();
    let mut widths: Vec<usize> = (0..columns)
        .map(|c| {
            cell_widths
                .iter()
                .filter_map(|r| r.get(c).copied())
                .chain([width(header[c])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if let Some(room) = room {
        while widths.iter().map(|w| w + 2).sum::<usize>() > room {
            let Some(c) = (0..columns)
                .filter(|&c| widths[c] > min.get(c).copied().unwrap_or(0))
                .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)))
            else {
                break;
            };
            widths[c] -= 1;
        }
    }
    let mut out = Vec::with_capacity(rows.len() + 1);
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let head_widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    let mut line = String::new();
    let all = std::iter::once((&head, &head_widths)).chain(rows.iter().zip(&cell_widths));
    for (row, row_widths) in all {
        let fits = (0..columns).all(|c| row_widths.get(c).is_none_or(|w| *w <= widths[c]));
        if fits {
            // The common case: one line, no wrapping, no cell copied.
            line.clear();
            for (c, wide) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                line.push(' ');
                line.push_str(cell);
                pad(
                    &mut line,
                    wide - row_widths.get(c).copied().unwrap_or(0) + 1,
                );
            }
            out.push(line.trim_end().to_string());
            continue;
        }
        let cells: Vec<Vec<(Cow<str>, usize)>> = (0..columns)
            .map(|c| wrap(row.get(c).map_or("", String::as_str), widths[c]))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            line.clear();
            for (c, cell) in cells.iter().enumerate() {
                let (part, w) = cell.get(n).map_or(("", 0), |(p, w)| (p.as_ref(), *w));
                line.push(' ');
                line.push_str(part);
                pad(&mut line, widths[c].saturating_sub(w) + 1);
            }
            out.push(line.trim_end().to_string());
        }
    }
    out
}

/// `n` spaces at the end of `line`.
fn pad(line: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Words of `text` in lines of at most `room` columns, each with its width;
/// a longer word stays whole. Text that fits is its own single line.
fn wrap(text: &str, room: usize) -> Vec<(Cow<'_, str>, usize)> {
    let all = width(text);
    if all <= room {
        return vec![(Cow::Borrowed(text), all)];
    }
    let mut lines: Vec<(Cow<str>, usize)> = vec![(Cow::Owned(String::new()), 0)];
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        let (line, col) = lines.last_mut().expect("one line");
        if *col > 0 && *col + 1 + w > room {
            lines.push((Cow::Owned(word.to_string()), w));
        } else {
            let line = line.to_mut();
            if *col > 0 {
                line.push(' ');
                *col += 1;
            }
            line.push_str(word);
            *col += w;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Look;

    fn rows(n: usize) -> Vec<Vec<String>> {
        (0..n)
            .map(|i| {
                vec![
                    (i + 1).to_string(),
                    if i % 3 == 0 {
                        "陈伟 Chen"
                    } else {
                        "Hans-Peter Groß"
                    }
                    .to_string(),
                    "client, friend, acquaintance of many years".to_string(),
                ]
            })
            .collect()
    }

    #[test]
    fn a_table_that_fits_is_laid_out_as_comfy_table_does() {
        for width in [None, Some(120)] {
            let look = Look {
                color: false,
                width,
            };
            let header = ["#", "Name", "Tags"];
            let mut t = crate::render::table(look, &header);
            for r in rows(5) {
                t.add_row(r);
            }
            let comfy: Vec<String> = t.lines().map(|l| l.trim_end().to_string()).collect();
            let ours = lines(width.map(usize::from), &header, &rows(5), &[1, 6, 12]);
            assert_eq!(ours, comfy);
        }
    }

    #[test]
    fn a_narrow_table_wraps_between_words_by_display_width() {
        let ours = lines(Some(40), &["#", "Name", "Tags"], &rows(4), &[1, 10, 12]);
        for line in &ours {
            assert!(width(line) <= 40, "{line:?}\n{ours:#?}");
        }
        let all = ours.join("\n");
        assert!(all.contains("Hans-Peter"), "{all}");
        assert!(all.contains("acquaintance"), "{all}");
        assert!(ours.len() > 5, "rows wrap onto more lines: {all}");
        // Every word arrives whole, in order.
        let words: Vec<&str> = all.split_whitespace().collect();
        assert!(words.windows(2).any(|w| w == ["many", "years"]) || words.contains(&"years"));
    }
}
