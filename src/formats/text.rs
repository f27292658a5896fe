//! Turning the bytes of a foreign file into text, whatever program wrote it:
//! UTF-8 with or without a BOM, UTF-16 with a BOM (Outlook), and Latin-1 /
//! Windows-1252 (old phones and Windows address books). Pure.

use chrono::{Datelike, NaiveDate};

use crate::model::Birthday;

/// Why a file cannot be read as text.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText;

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("it is not a text file (binary data)")
    }
}

impl std::error::Error for NotText {}

/// The text of a file. Invalid UTF-8 is read as Windows-1252 (a superset of
/// Latin-1 for printable characters), so a file never fails for its encoding;
/// a file with NUL bytes and no UTF-16 BOM is binary and refused.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_8bit(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    decode_8bit(bytes)
}

fn decode_8bit(bytes: &[u8]) -> Result<String, NotText> {
    if bytes.contains(&0) {
        return Err(NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    let units = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if text.contains('\0') {
        return Err(NotText);
    }
    Ok(text)
}

/// One byte of Windows-1252. 0x80–0x9F hold the typographic characters
/// (€, quotes, dashes) that Windows programs write; the five unassigned
/// bytes keep their Latin-1 (control) meaning.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// A label from an address book as a tag: one lowercase word, spaces become
/// hyphens, a leading `#` goes. None when nothing is left.
pub fn tag_of(label: &str) -> Option<String> {
    let words: Vec<String> = label
        .trim()
        .trim_start_matches('#')
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let tag = words.join("-");
    (!tag.is_empty()).then_some(tag)
}

/// Adds `value` (trimmed) to a list unless it is empty or already there.
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let v = value.trim();
    if !v.is_empty() && !list.iter().any(|x| x == v) {
        list.push(v.to_string());
    }
}

/// Trimmed, with line breaks as `\n`; None when empty.
pub fn clean(value: &str) -> Option<String> {
    let v = value.replace("\r\n", "\n").replace('\r', "\n");
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The one-line form of a name: whitespace runs become single spaces.
pub fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A birthday as address books write it: `1980-04-15`, `19800415`,
/// `--04-15`, `--0415`, `1980-04-15T00:00:00Z`, `15.04.1980`, `15.04.`.
pub fn birthday(s: &str) -> Option<Birthday> {
    let s = s.trim();
    let date = s.split(['T', ' ']).next().unwrap_or(s);
    if let Some(md) = date.strip_prefix("--") {
        let md = md.replace('-', "");
        if md.len() == 4 && md.bytes().all(|b| b.is_ascii_digit()) {
            return birth(None, md[..2].parse().ok()?, md[2..].parse().ok()?);
        }
        return None;
    }
    for format in ["%Y-%m-%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(date, format) {
            return birth(Some(d.year()), d.month(), d.day());
        }
    }
    crate::parse::birthday(date).ok()
}

/// A birthday whose year is dropped when it cannot be a birth year: address
/// books write placeholders such as 1604 (Apple) or 0000 for "no year".
pub fn birth(year: Option<i32>, month: u32, day: u32) -> Option<Birthday> {
    let year = year.filter(|y| (1900..=2100).contains(y));
    Birthday::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_every_encoding_real_programs_write() {
        assert_eq!(decode(b"\xEF\xBB\xBFM\xC3\xBCller").unwrap(), "Müller");
        assert_eq!(decode(b"M\xFCller \x80").unwrap(), "Müller €");
        assert_eq!(decode(b"\xFF\xFEM\0\xFC\0").unwrap(), "Mü");
        assert_eq!(decode(b"\xFE\xFF\0M\0\xFC").unwrap(), "Mü");
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(NotText));
    }

    #[test]
    fn labels_become_tags() {
        assert_eq!(tag_of(" Work Friends ").as_deref(), Some("work-friends"));
        assert_eq!(tag_of("#Client").as_deref(), Some("client"));
        assert_eq!(tag_of("  "), None);
    }

    proptest! {
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn tags_are_one_lowercase_word(label in ".{0,40}") {
            if let Some(t) = tag_of(&label) {
                prop_assert!(!t.is_empty());
                prop_assert!(!t.contains(char::is_whitespace));
                prop_assert!(!t.chars().any(char::is_control));
                prop_assert_eq!(t.to_lowercase(), t.clone());
            }
        }
    }
}
