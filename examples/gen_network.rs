//! Writes a deterministic, realistic `net/1` document to stdout, for benchmarks
//! and for trying net on a network of a real size.
//!
//! ```text
//! cargo run --release --example gen_network -- --contacts 10000 --interactions 1000000 \
//!     [--seed 42] [--today 2026-11-22] [--shape a|b] > network.json
//! NET_DB=big.db net import json network.json
//! ```
//!
//! Shape `b` (the default, and the bytes it always wrote): about min(150, N) nurtured contacts with an explicit cadence
//! (`2w`, `1mo`, `2mo`, `quarterly`) who get most of the interactions; everyone
//! else has no cadence, like imported LinkedIn connections. Names are German and
//! international (umlauts, repeated first names), with orgs, tags, a `why` on
//! some, birthdays on about 30% (a third of them without the year) and `added_on`
//! spread over the five years before `--today`. Interactions fall in the three
//! years before `--today`, are written oldest first with ids 1..M, and have 1–3
//! participants (mostly one), minutes on about 70% and a note on some.
//!
//! Shape `a`, a heavy user after years of use: 60% of the contacts have a cadence
//! of their own (7 days to a year), another 15% get one from a tag rule (six
//! rules), and half of the contacts with a cadence have gone quiet at some point
//! in the three years (no interactions since), so a third (10k/1M) to more than half (150/3k) of all contacts are
//! due. The rest (names, orgs, interaction details) is drawn as in shape `b`.
//!
//! The same arguments always give the same bytes: the only randomness is a
//! seeded SplitMix64.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_network --contacts N --interactions M [--seed S] [--today YYYY-MM-DD] [--shape a|b]";

/// SplitMix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to the weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// First names: some are deliberately far more common than others, so a large
// network has many Thomases and Annas, as real ones do.
#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Thomas", "Thomas", "Thomas", "Anna", "Anna", "Anna", "Michael", "Michael", "Julia", "Julia",
    "Stefan", "Stefan", "Laura", "Andreas", "Sabine", "Jürgen", "Jörg", "Björn", "Sören",
    "Günther", "Käthe", "Jens", "Lena", "Lea", "Marie", "Sophie", "Maximilian", "Felix", "Lukas",
    "Paul", "Katharina", "Christina", "Matthias", "Tobias", "Florian", "Daniel", "Sandra",
    "Nicole", "Ursula", "Wolfgang", "Dieter", "Heike", "Birgit", "Uwe", "Jan", "Hannah", "Mia",
    "Niklas", "Zoë", "Chloé", "François", "José", "João", "Søren", "Åsa", "Łukasz", "Agnieszka",
    "Mehmet", "Ayşe", "Emre", "Fatma", "Aisha", "Ahmed", "Fatima", "Omar", "Priya", "Rahul", "Wei",
    "Mei", "Yuki", "Kenji", "Olga", "Dmitri", "Natalia", "Emeka", "Chidi", "Amara", "Carlos",
    "Lucía", "Mateo", "Giulia", "Marco", "Siobhán", "Seán", "Emily", "James", "Sarah", "David",
    "Noah",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Müller", "Müller", "Schmidt", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann",
    "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Böhm", "Jäger", "Groß",
    "Weiß", "Fuchs", "Vogel", "Günther", "Brandt", "Haas", "Schuster", "Kühn", "Engel", "Otto",
    "Yılmaz", "Kaya", "Demir", "Öztürk", "Nowak", "Kowalski", "Wiśniewska", "Rossi", "Bianchi",
    "García", "Fernández", "Silva", "Gonçalves", "Nguyen", "Tran", "Kim", "Park", "Patel",
    "Sharma", "Wang", "Li", "Tanaka", "Satō", "Ivanova", "Petrov", "Okafor", "Adeyemi", "Smith",
    "O'Brien", "Dubois", "Lefèvre", "Andersson", "Nielsen", "Novák", "Dvořák", "Popescu",
    "Van der Berg",
];

#[rustfmt::skip]
const ORGS: &[&str] = &[
    "Müller GmbH", "Siemens AG", "Robert Bosch GmbH", "SAP SE", "Deutsche Bahn", "Zalando", "N26",
    "Celonis", "Personio", "Fraunhofer IIS", "TU München", "LMU München", "RWTH Aachen",
    "Stadtwerke Köln", "Bäckerei Schröder", "Kanzlei Weiß & Partner", "Schäfer Steuerberatung",
    "Hoffmann Maschinenbau KG", "Grüne Energie eG", "Allianz", "Munich Re", "BMW Group",
    "Volkswagen AG", "Lufthansa", "Otto Group", "dm-drogerie markt", "Kühne + Nagel", "Spotify",
    "Google", "Microsoft", "Accenture", "McKinsey & Company", "Freelancer", "Ärzte ohne Grenzen",
    "IHK München", "BVMW", "Handwerkskammer Hamburg", "Startup Ösi", "Böhm & Söhne", "Café Glück",
    "Agentur Fuchs", "Jäger Consulting", "Krüger Logistik",
];

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "CEO", "CTO", "Geschäftsführerin", "Geschäftsführer", "Head of Sales", "Einkauf",
    "Steuerberater", "Rechtsanwältin", "Professor", "Designer", "Product Manager", "Engineer",
    "Recruiter", "Investor", "Marketing", "Inhaberin", "Projektleiter", "Data Scientist",
];

const WHY: &[&str] = &[
    "referrer for Mittelstand clients",
    "knows everyone in the Munich startup scene",
    "our biggest client since 2023",
    "great sparring partner on pricing",
    "introduced me to my first customer",
    "expert for Förderanträge and grants",
    "old friend from university",
    "potential partner for the Hamburg project",
    "mentor, always honest feedback",
    "decision maker at a target account",
    "tax questions, quick and friendly",
    "organises the BVMW Stammtisch",
];

#[rustfmt::skip]
const MET: &[&str] = &[
    "BVMW Sommerfest 2024", "re:publica 2025", "Studium TU Berlin", "über LinkedIn",
    "Bits & Pretzels", "Kunde seit 2022", "Nachbarin", "Sportverein", "Web Summit Lisbon",
    "intro via Anna", "Hackathon Köln", "Elternabend",
];

const NOTES: &[&str] = &[
    "talked about her new plant",
    "wants an intro to a tax advisor",
    "planning to move to Hamburg next year",
    "kids: two, both at school",
    "prefers calls in the morning",
    "vegetarian, loves Italian food",
    "follow up on the offer",
    "sent the slides afterwards",
    "Geburtstag nicht vergessen!",
    "they are hiring engineers",
    "asked for feedback on the pitch deck",
    "discussed the Förderprogramm",
    "catch-up, nothing urgent",
    "promised to send the article about pricing",
    "met his co-founder",
];

const GAVE: &[&str] = &[
    "intro to Jörg",
    "feedback on the website",
    "a lead for their agency",
    "book recommendation",
];
const GOT: &[&str] = &[
    "referral to a new client",
    "advice on pricing",
    "contact at Siemens",
    "feedback on my offer",
];

const PLACES: &[&str] = &[
    "Café Glück",
    "their office",
    "Zoom",
    "Viktualienmarkt",
    "Hauptbahnhof",
    "coworking space",
];

// Interactions: kind, weight, minutes range.
const KINDS: &[(&str, u32, u32, u32)] = &[
    ("coffee", 20, 30, 90),
    ("call", 20, 10, 45),
    ("meeting", 15, 30, 120),
    ("lunch", 8, 60, 120),
    ("message", 20, 2, 10),
    ("email", 12, 5, 20),
    ("event", 5, 90, 240),
];

// Nurtured cadences and how much more often they are met than `2mo`.
const CADENCES: &[(&str, u32, u32)] = &[
    // (cadence, share weight, interaction weight)
    ("2w", 10, 40),
    ("1mo", 35, 20),
    ("2mo", 35, 10),
    ("quarterly", 20, 7),
];

const RULES: &[(&str, &str)] = &[
    ("client", "1mo"),
    ("referrer", "2mo"),
    ("mentor", "quarterly"),
];

// Shape `a`: cadences from a week to a year, met more often the shorter they are.
const CADENCES_A: &[(&str, u32, u32)] = &[
    // (cadence, share weight, interaction weight)
    ("7d", 4, 60),
    ("2w", 8, 40),
    ("3w", 8, 30),
    ("1mo", 16, 20),
    ("6w", 12, 14),
    ("2mo", 14, 10),
    ("quarterly", 16, 7),
    ("6mo", 12, 4),
    ("1y", 10, 2),
];

// Shape `a`: more rules, and 15% of the contacts have a cadence only through one.
const RULES_A: &[(&str, &str)] = &[
    ("client", "1mo"),
    ("referrer", "2mo"),
    ("mentor", "quarterly"),
    ("friend", "6w"),
    ("alumni", "1y"),
    ("investor", "6mo"),
];

#[derive(Serialize)]
struct ContactOut<'a> {
    id: u32,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    emails: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phones: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    met: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    every: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    known_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snoozed_until: Option<NaiveDate>,
    added_on: NaiveDate,
}

#[derive(Serialize)]
struct InteractionOut<'a> {
    id: u32,
    kind: &'a str,
    date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes: Option<u32>,
    contacts: &'a [u32],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gave: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    got: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    initiator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    tag: &'a str,
    every: &'a str,
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    A,
    B,
}

struct Args {
    contacts: u32,
    interactions: u32,
    seed: u64,
    today: NaiveDate,
    shape: Shape,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        contacts: 0,
        interactions: 0,
        seed: 42,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        shape: Shape::B,
    };
    let (mut got_contacts, mut got_interactions) = (false, false);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.into());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag} {value:?} is not {what}\n{USAGE}");
        match flag.as_str() {
            "--contacts" => {
                args.contacts = value.parse().map_err(|_| bad("a number"))?;
                got_contacts = true;
            }
            "--interactions" => {
                args.interactions = value.parse().map_err(|_| bad("a number"))?;
                got_interactions = true;
            }
            "--seed" => args.seed = value.parse().map_err(|_| bad("a number"))?,
            "--shape" => {
                args.shape = match value.as_str() {
                    "a" | "A" => Shape::A,
                    "b" | "B" => Shape::B,
                    _ => return Err(bad("a or b")),
                }
            }
            "--today" => {
                args.today = NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                    .map_err(|_| bad("a YYYY-MM-DD date"))?
            }
            _ => return Err(format!("unknown argument {flag:?}\n{USAGE}")),
        }
    }
    if !got_contacts || !got_interactions {
        return Err(USAGE.into());
    }
    if args.contacts == 0 && args.interactions > 0 {
        return Err("interactions need at least one contact".into());
    }
    Ok(args)
}

/// ASCII for e-mail addresses: "Jürgen Groß" -> "juergen.gross".
fn ascii_slug(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => s.push_str("ae"),
            'ö' | 'Ö' => s.push_str("oe"),
            'ü' | 'Ü' => s.push_str("ue"),
            'ß' => s.push_str("ss"),
            'é' | 'è' | 'ë' | 'É' => s.push('e'),
            'ç' => s.push('c'),
            'ã' | 'å' | 'Å' | 'á' => s.push('a'),
            'ø' | 'ō' | 'ó' => s.push('o'),
            'ł' | 'Ł' => s.push('l'),
            'ş' | 'ś' => s.push('s'),
            'ı' | 'í' => s.push('i'),
            'ř' => s.push('r'),
            ' ' => s.push('.'),
            c if c.is_ascii_alphanumeric() => s.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    s
}

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today
        .checked_sub_days(Days::new(days))
        .expect("date in range")
}

/// One planned interaction, before it gets its id (ids follow the date order).
struct Planned {
    date: NaiveDate,
    kind: u8,
    n: u8,
    contacts: [u32; 3],
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    match generate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_network: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: &Args) -> std::io::Result<()> {
    let mut rng = Rng(args.seed ^ 0x6E65_742F_3100_0000);
    let today = args.today;
    let n = args.contacts as usize;
    let a = args.shape == Shape::A;
    let (cadences, rules) = if a {
        (CADENCES_A, RULES_A)
    } else {
        (CADENCES, RULES)
    };

    // Which contacts are nurtured: min(150, N) of them (shape a: 60%), spread
    // over the ids.
    let n_nurtured = if a { n * 60 / 100 } else { n.min(150) };
    let mut ids: Vec<u32> = (1..=args.contacts).collect();
    for i in (1..ids.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        ids.swap(i, j);
    }
    // cadence index + 1 for nurtured contacts, 0 for the rest.
    let mut cadence = vec![0u8; n + 1];
    let cadence_shares: Vec<u32> = cadences.iter().map(|c| c.1).collect();
    for &id in &ids[..n_nurtured] {
        cadence[id as usize] = rng.weighted(&cadence_shares) as u8 + 1;
    }
    // Shape a: the next 15% have a cadence only through a rule's tag (index
    // into RULES_A + 1), and who went quiet how many days ago (0: still in touch).
    let mut rule_tag = vec![0u8; n + 1];
    let mut quiet = vec![0u64; n + 1];
    if a {
        for &id in &ids[n_nurtured..n_nurtured + n * 15 / 100] {
            rule_tag[id as usize] = rng.below(RULES_A.len() as u64) as u8 + 1;
        }
        for idx in 1..=n {
            if (cadence[idx] != 0 || rule_tag[idx] != 0) && rng.chance(0.5) {
                quiet[idx] = rng.range(1, 3 * 365);
            }
        }
    }

    // Archived: about 3% of the others, never a nurtured contact.
    let mut active = vec![true; n + 1];
    // A weight per contact for picking interaction partners.
    let mut weight = vec![0u32; n + 1];
    for idx in 1..=n {
        let c = cadence[idx] as usize;
        active[idx] = c != 0 || !rng.chance(0.03);
        weight[idx] = match (active[idx], c) {
            (false, _) => 0,
            (true, 0) => 1,
            (true, c) => cadences[c - 1].2 * 100,
        };
        if a && rule_tag[idx] != 0 && active[idx] {
            weight[idx] = 400;
        }
    }

    // Interactions are planned first, so each contact's `added_on` can be put
    // before their first interaction. Nurtured contacts share ~80% of them
    // (more for shorter cadences), the rest spread thinly over everyone else;
    // dates are uniform over the three years before today.
    let nurtured_ids: Vec<u32> = (1..=args.contacts)
        .filter(|&id| cadence[id as usize] != 0)
        .collect();
    let nurtured_cum = cumulative(&nurtured_ids, &weight);
    let others: Vec<u32> = (1..=args.contacts)
        .filter(|&id| cadence[id as usize] == 0 && active[id as usize])
        .collect();
    let all: Vec<u32> = (1..=args.contacts).collect();
    let kind_weights: Vec<u32> = KINDS.iter().map(|k| k.1).collect();
    let three_years = 3 * 365;
    let mut first_touch: Vec<Option<NaiveDate>> = vec![None; n + 1];

    let mut planned: Vec<Planned> = Vec::with_capacity(args.interactions as usize);
    for _ in 0..args.interactions {
        let people = match rng.below(100) {
            0..=84 => 1,
            85..=96 => 2,
            _ => 3,
        }
        .min(args.contacts as usize);
        let mut contacts = [0u32; 3];
        let mut k = 0;
        let mut tries = 0;
        while k < people && tries < 20 {
            tries += 1;
            let id = if !nurtured_ids.is_empty() && (others.is_empty() || rng.chance(0.8)) {
                pick_weighted(&mut rng, &nurtured_ids, &nurtured_cum)
            } else if !others.is_empty() {
                rng.pick(&others)
            } else {
                rng.pick(&all)
            };
            if !contacts[..k].contains(&id) {
                contacts[k] = id;
                k += 1;
            }
        }
        // Shape a: not after the day the quietest of them went quiet.
        let after = contacts[..k].iter().map(|&id| quiet[id as usize]).max();
        let after = after.unwrap_or(0);
        let date = days_before(today, after + rng.below(three_years - after + 1));
        for &id in &contacts[..k] {
            let first = &mut first_touch[id as usize];
            if first.is_none_or(|f| date < f) {
                *first = Some(date);
            }
        }
        planned.push(Planned {
            date,
            kind: rng.weighted(&kind_weights) as u8,
            n: k as u8,
            contacts,
        });
    }
    planned.sort_by_key(|p| p.date);

    let out = std::io::stdout().lock();
    let mut w = BufWriter::with_capacity(1 << 20, out);
    w.write_all(b"{\n  \"format\": \"net/1\"")?;

    // Contacts.
    if n == 0 {
        w.write_all(b",\n  \"contacts\": []")?;
    } else {
        w.write_all(b",\n  \"contacts\": [")?;
    }
    for id in 1..=args.contacts {
        let idx = id as usize;
        let nurtured = cadence[idx] != 0;
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let name = if rng.chance(0.03) {
            // A middle initial, as some people insist on.
            let initial = (b'A' + rng.below(26) as u8) as char;
            format!("{first} {initial}. {last}")
        } else {
            format!("{first} {last}")
        };
        // Added some time in the last five years, and before the first interaction.
        let mut added_on = days_before(today, rng.below(5 * 365));
        if let Some(first) = first_touch[idx] {
            if first < added_on {
                added_on = days_before(first, rng.below(90));
            }
        }

        let mut tags: Vec<&str> = Vec::new();
        if nurtured {
            let main = [
                "client",
                "client",
                "referrer",
                "friend",
                "colleague",
                "expert",
                "mentor",
                "partner",
            ];
            tags.push(rng.pick(&main));
            if rng.chance(0.4) {
                tags.push(rng.pick(&["expert", "friend", "linkedin", "alumni", "investor"]));
            }
        } else {
            if rng.chance(0.8) {
                tags.push("linkedin");
            }
            if rng.chance(0.3) {
                tags.push(rng.pick(&["colleague", "expert", "friend", "alumni", "conference"]));
            }
            // A few former clients and referrers among the imports: the rules pick them up.
            if rng.chance(0.003) {
                tags.push(rng.pick(&["client", "referrer"]));
            }
            if rule_tag[idx] != 0 {
                tags.push(RULES_A[rule_tag[idx] as usize - 1].0);
            }
        }
        tags.sort_unstable();
        tags.dedup();

        let org = rng.chance(0.7).then(|| rng.pick(ORGS));
        let role = rng.chance(0.35).then(|| rng.pick(ROLES));
        let why = rng
            .chance(if nurtured { 0.6 } else { 0.04 })
            .then(|| rng.pick(WHY));
        let met = rng
            .chance(if nurtured { 0.5 } else { 0.1 })
            .then(|| rng.pick(MET));
        let notes = rng
            .chance(if nurtured { 0.3 } else { 0.03 })
            .then(|| rng.pick(NOTES));
        let birthday = rng.chance(0.3).then(|| {
            let (m, d) = (rng.range(1, 12), rng.range(1, 28));
            if rng.chance(0.35) {
                format!("--{m:02}-{d:02}")
            } else {
                format!("{}-{m:02}-{d:02}", rng.range(1950, 2002))
            }
        });
        let slug = ascii_slug(&name);
        let mut emails = Vec::new();
        if rng.chance(if nurtured { 0.8 } else { 0.4 }) {
            let domain = rng.pick(&["gmail.com", "web.de", "gmx.de", "posteo.de", "example.com"]);
            emails.push(format!("{slug}@{domain}"));
        }
        let mut phones = Vec::new();
        if rng.chance(if nurtured { 0.6 } else { 0.1 }) {
            phones.push(format!(
                "+49 1{} {}",
                rng.range(51, 79),
                rng.range(1_000_000, 9_999_999)
            ));
        }
        let mut links = Vec::new();
        if tags.contains(&"linkedin") {
            links.push(format!(
                "https://www.linkedin.com/in/{}-{id}",
                slug.replace('.', "-")
            ));
        }
        let mut aliases = Vec::new();
        if rng.chance(if nurtured { 0.1 } else { 0.01 }) {
            let short: String = first.chars().take(3).collect();
            aliases.push(format!("{short}i"));
        }
        let every = nurtured.then(|| cadences[cadence[idx] as usize - 1].0);
        let known_minutes = (nurtured && rng.chance(0.3)).then(|| rng.range(1, 200) as u32 * 30);
        let archived = !active[idx];
        let snoozed_until = (nurtured && rng.chance(0.04))
            .then(|| today.checked_add_days(Days::new(rng.range(3, 40))).unwrap());

        let c = ContactOut {
            id,
            name,
            aliases,
            org,
            role,
            emails,
            phones,
            links,
            tags,
            why,
            met,
            birthday,
            notes,
            every,
            known_minutes,
            status: archived.then_some("archived"),
            snoozed_until,
            added_on,
        };
        w.write_all(if id == 1 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut w, &c)?;
    }
    if n > 0 {
        w.write_all(b"\n  ]")?;
    }

    if args.interactions == 0 {
        w.write_all(b",\n  \"interactions\": []")?;
    } else {
        w.write_all(b",\n  \"interactions\": [")?;
    }
    let mut time = String::new();
    for (i, p) in planned.iter().enumerate() {
        let (kind, _, lo, hi) = KINDS[p.kind as usize];
        let has_time = rng.chance(0.1);
        if has_time {
            time.clear();
            use std::fmt::Write as _;
            let _ = write!(time, "{:02}:{:02}", rng.range(8, 19), rng.below(4) * 15);
        }
        let minutes = rng
            .chance(0.7)
            .then(|| rng.range(u64::from(lo), u64::from(hi)) as u32);
        let note = rng.chance(0.25).then(|| rng.pick(NOTES));
        let gave = rng.chance(0.03).then(|| rng.pick(GAVE));
        let got = rng.chance(0.03).then(|| rng.pick(GOT));
        let they = rng.chance(0.25);
        let place = (matches!(kind, "coffee" | "lunch" | "meeting") && rng.chance(0.2))
            .then(|| rng.pick(PLACES));
        let rec = InteractionOut {
            id: i as u32 + 1,
            kind,
            date: p.date,
            time: has_time.then(|| time.clone()),
            minutes,
            contacts: &p.contacts[..p.n as usize],
            note,
            gave,
            got,
            initiator: they.then_some("they"),
            place,
        };
        w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut w, &rec)?;
    }
    if args.interactions > 0 {
        w.write_all(b"\n  ]")?;
    }

    w.write_all(b",\n  \"rules\": [")?;
    for (i, (tag, every)) in rules.iter().enumerate() {
        w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut w, &RuleOut { tag, every })?;
    }
    w.write_all(b"\n  ]\n}\n")?;
    w.flush()?;

    Ok(())
}

/// Running totals of the contacts' weights, for [`pick_weighted`].
fn cumulative(ids: &[u32], weight: &[u32]) -> Vec<u64> {
    let mut total = 0u64;
    ids.iter()
        .map(|&id| {
            total += u64::from(weight[id as usize]);
            total
        })
        .collect()
}

fn pick_weighted(rng: &mut Rng, ids: &[u32], cum: &[u64]) -> u32 {
    let r = rng.below(*cum.last().unwrap());
    ids[cum.partition_point(|&c| c <= r)]
}
