//! A name's structured parts, as vCard's `N` has them: family, given,
//! additional names, honorific prefixes and suffixes. Kept as it came on
//! import (`N:García López;Ana;;;`); otherwise guessed from the display name,
//! with honorifics ("Dr.", "Prof. Dr.") as the prefix and what follows a
//! comma ("…, MBA") as the suffix.

/// Honorific prefixes, compared without dots and case.
const PREFIXES: &[&str] = &[
    "dr", "prof", "mr", "mrs", "ms", "mx", "herr", "frau", "sir", "dame", "dipl-ing", "dipl",
    "ing", "mag", "med", "rer", "nat", "phil", "jur", "hc",
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    pub family: String,
    pub given: String,
    pub additional: String,
    pub prefix: String,
    pub suffix: String,
}

impl NameParts {
    /// Guesses the parts of a display name: leading honorifics are the
    /// prefix, what follows a comma the suffix, the last word the family name.
    pub fn guess(name: &str) -> NameParts {
        let (head, suffix) = match name.split_once(',') {
            Some((head, tail)) if !head.trim().is_empty() => (head, tail.trim()),
            _ => (name, ""),
        };
        let mut words: Vec<&str> = head.split_whitespace().collect();
        let honorific = |w: &str| PREFIXES.contains(&w.replace('.', "").to_lowercase().as_str());
        let mut prefix = Vec::new();
        // Keep at least one word for the name itself.
        while words.len() > 1 && honorific(words[0]) {
            prefix.push(words.remove(0));
        }
        let (given, family) = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => (rest.join(" "), last.to_string()),
            _ => (words.join(" "), String::new()),
        };
        NameParts {
            family,
            given,
            additional: String::new(),
            prefix: prefix.join(" "),
            suffix: suffix.to_string(),
        }
    }

    /// The parts to write for `name`: these when they still belong to it (the
    /// given and family names are in it), else a guess (after a rename).
    pub fn for_name(kept: Option<&NameParts>, name: &str) -> NameParts {
        let folded = name.to_lowercase();
        match kept {
            Some(p)
                if !(p.family.is_empty() && p.given.is_empty())
                    && folded.contains(&p.family.to_lowercase())
                    && folded.contains(&p.given.to_lowercase()) =>
            {
                p.clone()
            }
            _ => NameParts::guess(name),
        }
    }

    /// The five parts in N's order.
    pub fn as_array(&self) -> [&str; 5] {
        [
            &self.family,
            &self.given,
            &self.additional,
            &self.prefix,
            &self.suffix,
        ]
    }

    /// From N's five parts (missing ones empty); None when all are empty.
    pub fn from_parts<S: AsRef<str>>(parts: &[S]) -> Option<NameParts> {
        let part = |i: usize| {
            parts
                .get(i)
                .map(|s| s.as_ref().trim().to_string())
                .unwrap_or_default()
        };
        let p = NameParts {
            family: part(0),
            given: part(1),
            additional: part(2),
            prefix: part(3),
            suffix: part(4),
        };
        (p != NameParts::default()).then_some(p)
    }

    /// One column of text: the parts joined by `;`, `\` and `;` escaped.
    pub fn to_text(&self) -> String {
        self.as_array()
            .iter()
            .map(|p| p.replace('\\', "\\\\").replace(';', "\\;"))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The reverse of [`NameParts::to_text`].
    pub fn from_text(text: &str) -> Option<NameParts> {
        let mut parts = vec![String::new()];
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => parts.last_mut()?.extend(chars.next()),
                ';' => parts.push(String::new()),
                c => parts.last_mut()?.push(c),
            }
        }
        NameParts::from_parts(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(name: &str) -> [String; 5] {
        NameParts::guess(name).as_array().map(String::from)
    }

    #[test]
    fn honorifics_are_the_prefix_and_degrees_the_suffix() {
        assert_eq!(n("Dr. Stefan Koch"), ["Koch", "Stefan", "", "Dr.", ""]);
        assert_eq!(
            n("Prof. Dr. Eva Lang"),
            ["Lang", "Eva", "", "Prof. Dr.", ""]
        );
        assert_eq!(n("Oliver Krause, MBA"), ["Krause", "Oliver", "", "", "MBA"]);
        assert_eq!(n("Anna Maria Müller"), ["Müller", "Anna Maria", "", "", ""]);
        assert_eq!(n("Cher"), ["", "Cher", "", "", ""]);
        assert_eq!(n("Dr."), ["", "Dr.", "", "", ""]);
    }

    #[test]
    fn kept_parts_are_written_while_they_belong_to_the_name() {
        let kept = NameParts::from_parts(&["García López", "Ana"]).unwrap();
        assert_eq!(NameParts::for_name(Some(&kept), "Ana García López"), kept);
        assert_eq!(
            NameParts::for_name(Some(&kept), "Ana Ruiz").family,
            "Ruiz",
            "after a rename the parts are guessed again"
        );
    }

    #[test]
    fn text_round_trips_with_semicolons_and_backslashes() {
        let p = NameParts::from_parts(&["A;B", "C\\D", "", "Dr.", "x"]).unwrap();
        assert_eq!(NameParts::from_text(&p.to_text()), Some(p));
        assert_eq!(NameParts::from_text(";;;;"), None);
    }
}
