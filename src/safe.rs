//! Text that is safe to show: control, bidirectional and invisible
//! characters made visible, in terminal text and in JSON. A leaf module, so
//! errors, formats and render can all use it without importing each other.

use std::io::Write;

/// Makes control characters (ESC, BEL, …) visible as `^[`-style escapes so
/// that text from a file can never drive the terminal. Newlines and tabs stay.
/// Bidirectional overrides and isolates (U+202E …) and zero-width characters
/// are made visible as `\u{202e}`, so a displayed name cannot be spoofed.
pub fn sanitize(s: &str) -> String {
    // Printable ASCII (most text) needs no look at each character.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return s.to_string();
    }
    // The same test as below, cheapest comparisons first.
    let shown = |c: char| {
        if c < ' ' {
            c == '\n' || c == '\t'
        } else {
            c < '\u{7f}' || (c > '\u{9f}' && !invisible(c))
        }
    };
    if s.chars().all(shown) {
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
        // Printable ASCII (most text) holds nothing to escape.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return w.write_all(fragment.as_bytes());
        }
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

/// A date as JSON writes it (`"2026-11-22"`), without chrono's formatting
/// machinery: long lists (`net due --all --json`) write two a row.
pub fn day<S: serde::Serializer>(d: &chrono::NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    use chrono::Datelike;
    let (y, m, dd) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return s.collect_str(d);
    }
    let mut b = *b"0000-00-00";
    for (i, n) in [(0, y as u32 / 100), (2, y as u32 % 100), (5, m), (8, dd)] {
        b[i] = b'0' + (n / 10) as u8;
        b[i + 1] = b'0' + (n % 10) as u8;
    }
    s.serialize_str(std::str::from_utf8(&b).expect("ASCII digits"))
}

/// [`day`] of a date that may be missing (`null`).
pub fn day_opt<S: serde::Serializer>(
    d: &Option<chrono::NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => day(d, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[derive(serde::Serialize)]
    struct Both {
        #[serde(serialize_with = "super::day")]
        fast: NaiveDate,
        slow: NaiveDate,
        #[serde(serialize_with = "super::day_opt")]
        none: Option<NaiveDate>,
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        while d < last {
            let json = serde_json::to_value(Both {
                fast: d,
                slow: d,
                none: None,
            })
            .unwrap();
            assert_eq!(json["fast"], json["slow"], "{d}");
            assert!(json["none"].is_null());
            d = d + chrono::Days::new(997);
        }
        for d in [NaiveDate::MIN, NaiveDate::MAX, last] {
            let json = serde_json::to_value(Both {
                fast: d,
                slow: d,
                none: Some(d),
            })
            .unwrap();
            assert_eq!(json["fast"], json["slow"], "{d}");
            assert_eq!(json["none"], json["slow"], "{d}");
        }
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on() {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            super::SafeJson(serde_json::ser::CompactFormatter),
        );
        serde::Serialize::serialize("plain ascii · \u{7f}\u{202e}x\u{85}", &mut ser).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#""plain ascii · \u007f\u202ex\u0085""#
        );
    }
}
