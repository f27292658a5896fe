//! Forgiving contact-name matching: case, accents and German transliteration
//! (ä/ae/a, ß/ss) do not matter, and any unique prefix of a name, of one of its
//! words or of an alias is enough.
//!
//! Every matching rule below is "a folded query form is a substring of a folded
//! candidate form", which is what keeps [`needles`] (SQL `LIKE` prefilter) and
//! [`resolve`] consistent.

use deunicode::deunicode_char;
use strsim::jaro_winkler;

/// Below this Jaro-Winkler score a candidate is too different to suggest.
const CLOSEST_THRESHOLD: f64 = 0.8;
const CLOSEST_MAX: usize = 3;

/// Folds for matching with the German map: lowercase, ä→ae ö→oe ü→ue ß→ss (also
/// capitals), then deunicode to ASCII, keep only `[a-z0-9]` and single spaces
/// (punctuation, hyphens, emoji and other symbols become spaces, trimmed).
pub fn fold(s: &str) -> String {
    fold_with(s, true)
}

/// The same as [`fold`] without the German map (`"Müller"` → `"muller"`).
pub fn fold_plain(s: &str) -> String {
    fold_with(s, false)
}

/// Separators only set `gap`; the space is written lazily before the next letter,
/// so runs collapse and ends stay trimmed without a second pass or allocation.
fn push_byte(out: &mut String, gap: &mut bool, b: u8) {
    if !b.is_ascii_alphanumeric() {
        *gap = true;
        return;
    }
    if *gap && !out.is_empty() {
        out.push(' ');
    }
    *gap = false;
    out.push(b.to_ascii_lowercase() as char);
}

fn fold_with(s: &str, german: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_ascii() {
            push_byte(&mut out, &mut gap, c as u8);
            continue;
        }
        for lc in c.to_lowercase() {
            let t = match lc {
                'ä' if german => "ae",
                'ö' if german => "oe",
                'ü' if german => "ue",
                // Decomposed umlaut (NFD, e.g. pasted on macOS): the base letter is
                // already out, the diaeresis only adds the German 'e'.
                '\u{308}' if german && !gap && out.ends_with(['a', 'o', 'u']) => "e",
                _ => match deunicode_char(lc) {
                    // Emoji and symbols would otherwise become words ("🎉" → "tada")
                    // that nobody types and that break prefixes like "anna m".
                    // Combining marks map to "" and must not split a word.
                    Some(t) if lc.is_alphanumeric() || t.is_empty() => t,
                    _ => " ",
                },
            };
            t.bytes().for_each(|b| push_byte(&mut out, &mut gap, b));
        }
    }
    out
}

/// Both fold forms of a name and of its aliases, deduplicated, without empty ones.
fn all_forms(name: &str, aliases: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(2 + 2 * aliases.len());
    for s in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        for f in [fold(s), fold_plain(s)] {
            if !f.is_empty() && !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// The text stored in the database for a fast SQL prefilter: every folded form
/// ([`fold`] and [`fold_plain`]) of the name and of every alias, joined by `'|'`
/// and starting and ending with `'|'` (e.g. `"|anna mueller|anna muller|annie|"`).
/// Folded forms never contain `'|'`, `'%'` or `'_'`, so a needle can only match
/// inside one form and needs no `LIKE` escaping.
pub fn search_key(name: &str, aliases: &[String]) -> String {
    let mut key = String::from("|");
    for f in &all_forms(name, aliases) {
        key.push_str(f);
        key.push('|');
    }
    key
}

/// The folded forms of a query to look for as substrings of [`search_key`] with SQL
/// `LIKE '%needle%'` (deduplicated; empty for a query that folds to nothing).
pub fn needles(query: &str) -> Vec<String> {
    all_forms(query, &[])
}

/// `"#12"` → `Some(12)` (surrounding whitespace allowed); anything else `None`.
pub fn parse_id(query: &str) -> Option<i64> {
    let digits = query.trim().strip_prefix('#')?;
    // `parse` alone would also accept "+12".
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A contact as seen by [`resolve`]: its id, display name and aliases.
pub struct Candidate {
    /// Database id of the contact.
    pub id: i64,
    /// Full display name.
    pub name: String,
    /// Alternative names (nicknames) that also match.
    pub aliases: Vec<String>,
}

/// Outcome of [`resolve`].
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one contact matches.
    One(i64),
    /// Several contacts match equally well (ids sorted ascending).
    Ambiguous(Vec<i64>),
    /// Nothing matches; up to three similar contacts, best first.
    NotFound {
        /// Ids of the closest candidates by string similarity.
        closest: Vec<i64>,
    },
}

/// The form itself and every suffix starting at a word boundary.
fn word_starts(form: &str) -> impl Iterator<Item = &str> {
    std::iter::once(form).chain(form.match_indices(' ').map(|(i, _)| &form[i + 1..]))
}

/// Tier 0 exact, 1 prefix, 2 word prefix; `None` if no query form is a word-start
/// substring of any candidate form.
fn tier(query_forms: &[String], forms: &[String]) -> Option<u8> {
    let mut best = None;
    for q in query_forms {
        for f in forms {
            let t = if f == q {
                0
            } else if f.starts_with(q.as_str()) {
                1
            } else if word_starts(f).skip(1).any(|w| w.starts_with(q.as_str())) {
                2
            } else {
                continue;
            };
            best = Some(best.map_or(t, |b: u8| b.min(t)));
        }
    }
    best
}

/// Resolves a query against candidates. Tiers, first non-empty wins: exact match
/// of a folded name or alias, prefix of one, prefix of one starting at a word
/// boundary. Both fold forms are compared on both sides, so "muller", "mueller"
/// and "Müller" all find "Anna Müller". Within the winning tier one id gives
/// [`Resolution::One`], several give [`Resolution::Ambiguous`]; no match gives
/// [`Resolution::NotFound`] with the closest candidates by Jaro-Winkler.
pub fn resolve(query: &str, candidates: &[Candidate]) -> Resolution {
    let query_forms = needles(query);
    if query_forms.is_empty() {
        return Resolution::NotFound { closest: vec![] };
    }
    let forms: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| all_forms(&c.name, &c.aliases))
        .collect();
    let mut best_tier = u8::MAX;
    let mut ids = Vec::new();
    for (c, forms) in candidates.iter().zip(&forms) {
        match tier(&query_forms, forms) {
            Some(t) if t < best_tier => {
                best_tier = t;
                ids.clear();
                ids.push(c.id);
            }
            Some(t) if t == best_tier => ids.push(c.id),
            _ => {}
        }
    }
    ids.sort_unstable();
    ids.dedup();
    match ids.len() {
        0 => Resolution::NotFound {
            closest: closest(&query_forms, candidates, &forms),
        },
        1 => Resolution::One(ids[0]),
        _ => Resolution::Ambiguous(ids),
    }
}

/// Scores against word-start suffixes too, so a misspelt surname alone ("muler")
/// still scores high against "anna muller".
fn closest(
    query_forms: &[String],
    candidates: &[Candidate],
    all_forms: &[Vec<String>],
) -> Vec<i64> {
    let mut scored: Vec<(f64, i64)> = Vec::new();
    for (c, forms) in candidates.iter().zip(all_forms) {
        let score = query_forms
            .iter()
            .flat_map(|q| {
                // Against the whole name, each word onward, and each single
                // word ("bobb" is close to "bob", not to "bob stone").
                forms.iter().flat_map(move |f| {
                    word_starts(f)
                        .chain(f.split(' '))
                        .map(move |w| jaro_winkler(q, w))
                })
            })
            .fold(0.0, f64::max);
        if score >= CLOSEST_THRESHOLD {
            match scored.iter_mut().find(|(_, id)| *id == c.id) {
                Some(entry) => entry.0 = entry.0.max(score),
                None => scored.push((score, c.id)),
            }
        }
    }
    // Ties broken by id so the suggestion list is deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(CLOSEST_MAX)
        .map(|(_, id)| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Resolution::{Ambiguous, NotFound, One};
    use super::*;
    use proptest::prelude::*;

    fn cands(names: &[&str]) -> Vec<Candidate> {
        let cand = |(id, n): (i64, &&str)| Candidate {
            id,
            name: n.to_string(),
            aliases: vec![],
        };
        (1..).zip(names).map(cand).collect()
    }

    fn not_found(closest: &[i64]) -> Resolution {
        NotFound {
            closest: closest.to_vec(),
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Müller"), "mueller");
        assert_eq!(fold("MÜLLER"), "mueller");
        assert_eq!(fold_plain("Müller"), "muller");
        assert_eq!(fold("Mu\u{308}ller"), "mueller");
        assert_eq!(fold("Weiß"), fold("WEISS"));
        assert_eq!(fold("  Jean-Luc   O'Neil! "), "jean luc o neil");
        assert_eq!(fold("Émile Zoë Ørsted"), "emile zoe orsted");
        assert_eq!(fold("🎉 Party Pete 🦄"), "party pete");
        assert_eq!(fold("'; DROP TABLE contacts; --"), "drop table contacts");
        assert_eq!(fold(" -- 🎉 "), "");
    }

    #[test]
    fn keys_needles_ids() {
        let key = search_key("Anna Müller", &["Annie".into()]);
        assert_eq!(key, "|anna mueller|anna muller|annie|");
        assert_eq!(search_key("🎉", &[]), "|");
        assert_eq!(needles("Müller"), ["mueller", "muller"]);
        assert_eq!(needles("anna"), ["anna"]);
        assert!(needles(" \t ").is_empty());
        assert_eq!(needles("'; DROP TABLE x; --"), ["drop table x"]);
        assert_eq!(parse_id("#12"), Some(12));
        assert_eq!(parse_id(" #7 "), Some(7));
        for bad in ["12", "#", "#+1", "#-1", "#1a", "#99999999999999999999", ""] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn finds_mueller_in_every_spelling() {
        let c = cands(&["Anna Müller", "Bob Schmidt"]);
        for q in [
            "muller", "mueller", "Müller", "MÜLLER", "anna", "mül", "anna m", "ANNA MUE",
        ] {
            assert_eq!(resolve(q, &c), One(1), "{q}");
        }
        assert!(matches!(resolve("muller anna", &c), NotFound { .. }));
    }

    #[test]
    fn sharp_s() {
        let c = cands(&["Karl Weiß", "Anna Schmidt"]);
        for q in ["weiß", "WEISS", "weis", "karl weis"] {
            assert_eq!(resolve(q, &c), One(1), "{q}");
        }
        let c = cands(&["Weiß", "Weissmann"]);
        assert_eq!(resolve("weiss", &c), One(1));
        assert_eq!(resolve("weis", &c), Ambiguous(vec![1, 2]));
    }

    #[test]
    fn tiers_ambiguity_alias() {
        assert_eq!(resolve("ann", &cands(&["Anna", "Ann"])), One(2));
        let mut c = cands(&["Anna Müller", "Anna Schmidt", "Bob"]);
        assert_eq!(resolve("anna", &c), Ambiguous(vec![1, 2]));
        c[1].aliases.push("Schmiddy".into());
        assert_eq!(resolve("schmiddy", &c), One(2));
        assert_eq!(resolve("schmi", &c), One(2));
        // A word inside another contact's alias loses to an exact name.
        c[0].aliases.push("Big Bob".into());
        assert_eq!(resolve("bob", &c), One(3));
    }

    #[test]
    fn odd_names_and_queries() {
        let c = cands(&["🎉 Party Pete", "'; DROP TABLE contacts; --", "O'Brien"]);
        assert_eq!(resolve("pete", &c), One(1));
        assert_eq!(resolve("party p", &c), One(1));
        assert_eq!(resolve("drop", &c), One(2));
        assert_eq!(resolve("'; DROP TABLE contacts; --", &c), One(2));
        assert_eq!(resolve("o'b", &c), One(3));
        for q in ["", "   ", "🎉", "--"] {
            assert_eq!(resolve(q, &c), not_found(&[]), "{q:?}");
        }
        assert_eq!(resolve("anna", &[]), not_found(&[]));
    }

    #[test]
    fn closest_for_a_typo_of_one_word() {
        let c = cands(&["Bob Stone", "Anna Müller"]);
        assert_eq!(resolve("bobb", &c), not_found(&[1]));
        assert_eq!(resolve("anan", &c), not_found(&[2]));
    }

    #[test]
    fn closest_for_typos() {
        let c = cands(&["Bob Schmidt", "Anna Müller", "Zed"]);
        assert_eq!(resolve("ana muler", &c), not_found(&[2]));
        assert_eq!(resolve("schmitt", &c), not_found(&[1]));
        assert_eq!(resolve("qqqq", &c), not_found(&[]));
    }

    /// A name plus a query that is a prefix of it or of one of its words, spelled
    /// with random case and one consistent umlaut convention (kept, ue or u).
    fn name_and_query() -> impl Strategy<Value = (String, String)> {
        let name = "[a-zA-ZäöüÄÖÜßéÉ]{1,7}([ -]{1,2}[a-zA-ZäöüÄÖÜßéÉ]{1,7}){0,2}[ ,]?";
        let index = any::<prop::sample::Index>();
        (name, index, 1..30usize, 0..3u8, any::<u64>()).prop_map(|(name, word, len, mode, case)| {
            let spaces = name.match_indices(' ').map(|(i, _)| i + 1);
            let starts: Vec<usize> = std::iter::once(0).chain(spaces).collect();
            let mut query = String::new();
            let tail = &name[starts[word.index(starts.len())]..];
            for (i, c) in tail.chars().take(len).enumerate() {
                let piece = match (mode, c) {
                    (1, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü') => fold(&c.to_string()),
                    (2, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü') => fold_plain(&c.to_string()),
                    _ => c.to_string(),
                };
                // Full uppercase mapping on purpose: 'ß' becomes "SS".
                let upper = case >> (i % 64) & 1 == 1;
                query.push_str(&if upper { piece.to_uppercase() } else { piece });
            }
            (name, query)
        })
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*", t in any::<String>()) {
            let c = [Candidate { id: 1, name: s.clone(), aliases: vec![t.clone()] }];
            let _ = (fold(&s), fold_plain(&t), search_key(&s, std::slice::from_ref(&t)));
            let _ = (needles(&t), parse_id(&s), resolve(&t, &c), resolve(&s, &c));
        }

        #[test]
        fn fold_is_idempotent(s in any::<String>()) {
            let f = fold(&s);
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert_eq!(fold_plain(&f), f);
        }

        /// The caller's SQL prefilter never drops a contact resolve() would pick, and
        /// a prefix of a name or alias is always found.
        #[test]
        fn needles_cover_resolved(
            people in prop::collection::vec((name_and_query(), name_and_query(), any::<bool>()), 1..6),
            pick in any::<prop::sample::Index>(),
            alias in any::<bool>(),
        ) {
            let c: Vec<Candidate> = (1..).zip(&people).map(|(id, ((n, _), (a, _), has_alias))| {
                Candidate { id, name: n.clone(), aliases: if *has_alias { vec![a.clone()] } else { vec![] } }
            }).collect();
            let ((_, name_q), (_, alias_q), has_alias) = &people[pick.index(people.len())];
            let query = if alias && *has_alias { alias_q } else { name_q };
            let ns = needles(query);
            let ids = match resolve(query, &c) {
                One(id) => vec![id],
                Ambiguous(ids) => ids,
                NotFound { .. } => {
                    prop_assert!(ns.is_empty(), "{:?} not found", query);
                    vec![]
                }
            };
            for id in ids {
                let cand = &c[id as usize - 1];
                let key = search_key(&cand.name, &cand.aliases);
                prop_assert!(ns.iter().any(|n| key.contains(n.as_str())), "{:?} vs {}", query, key);
            }
        }
    }
}
