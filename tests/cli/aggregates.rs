//! A write keeps each contact's history aggregates (issue 15) by adding what
//! it logged to the stored ones, or by folding the history again after an
//! edit, a deletion, a merge, a forget or an undo. Whatever the sequence of
//! commands, the kept values equal a full recomputation: `net doctor`
//! recomputes every contact from its history and finds nothing to repair.

use crate::common::TestEnv;

/// A small deterministic generator (xorshift), so a failing sequence can be
/// replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PEOPLE: [&str; 6] = ["Anna", "Bob", "Carl", "Dora", "Emil", "Fay"];

#[track_caller]
fn assert_doctor_clean(env: &TestEnv, context: &str) {
    let doctor = env.net(&["doctor"]);
    assert!(
        doctor.stdout.contains("ok     derived values"),
        "{context}\n{}",
        doctor.snapshot()
    );
}

/// One random command; returns it as text for the failure message.
fn step(env: &TestEnv, rng: &mut Rng) -> String {
    let day = format!("2026-{:02}-{:02}", 1 + rng.below(11), 1 + rng.below(28));
    let id = (1 + rng.below(40)).to_string();
    let who = rng.pick(&PEOPLE);
    let other = rng.pick(&PEOPLE);
    let args: Vec<String> = match rng.below(20) {
        0..=9 => {
            let mut a = vec![
                "log".into(),
                rng.pick(&["coffee", "call", "event", "lunch"]).into(),
            ];
            a.push(who.into());
            if rng.below(3) == 0 {
                a.push(other.into());
            }
            a.extend(["--on".into(), day]);
            if rng.below(2) == 0 {
                a.extend(["--for".into(), format!("{}m", rng.below(200))]);
            }
            if rng.below(3) == 0 {
                a.extend(["--at".into(), format!("place {}", rng.below(8))]);
            }
            if rng.below(4) == 0 {
                a.extend(["--gave".into(), "advice".into()]);
            }
            if rng.below(4) == 0 {
                a.extend(["--got".into(), "a lead".into()]);
            }
            a
        }
        10..=11 => {
            let mut a = vec!["log".into(), "edit".into(), id];
            match rng.below(4) {
                0 => a.extend(["--on".into(), day]),
                1 => a.extend(["--for".into(), format!("{}m", rng.below(120))]),
                2 => a.extend(["--add".into(), other.into()]),
                _ => a.extend(["--remove".into(), other.into()]),
            }
            a
        }
        12 => vec!["log".into(), "rm".into(), id, "--yes".into()],
        13..=14 => vec!["undo".into()],
        15 => vec!["merge".into(), who.into(), other.into()],
        16 => vec!["forget".into(), who.into(), "--yes".into()],
        17 => vec!["add".into(), who.into(), "--known-hours".into(), "2".into()],
        18 => vec!["note".into(), who.into(), "met at the fair".into()],
        _ => vec!["every".into(), who.into(), "2w".into()],
    };
    // Some fail (an id that is gone, a merge of one with itself, a name
    // that now matches two): they must then change nothing.
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.net(&args);
    args.join(" ")
}

#[test]
fn after_any_sequence_of_writes_the_kept_aggregates_equal_a_recomputation() {
    for seed in [0x9e37_79b9_7f4a_7c15_u64, 42, 2026] {
        let env = TestEnv::new();
        for name in PEOPLE {
            env.ok(&["add", name]);
        }
        let mut rng = Rng(seed);
        let mut done = Vec::new();
        for n in 0..70 {
            done.push(step(&env, &mut rng));
            if n % 35 == 34 {
                assert_doctor_clean(&env, &format!("seed {seed}, after:\n{}", done.join("\n")));
            }
        }
    }
}

#[test]
fn doctor_finds_and_fix_repairs_aggregates_that_differ_from_the_history() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna"]);
    env.ok(&[
        "log",
        "coffee",
        "anna",
        "--for",
        "30m",
        "--at",
        "Café Kranz",
    ]);
    assert_doctor_clean(&env, "after one log");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "UPDATE contacts SET history_agg = replace(history_agg, '\"minutes\":30', '\"minutes\":31')",
        [],
    )
    .unwrap();
    drop(conn);
    let doctor = env.net(&["doctor"]);
    assert!(
        doctor.stdout.contains("Anna (#1)"),
        "doctor should name the contact:\n{}",
        doctor.snapshot()
    );
    env.net(&["doctor", "--fix"]);
    assert_doctor_clean(&env, "after doctor --fix");
    // The next log adds to the repaired totals.
    env.ok(&["log", "call", "anna", "--for", "10m"]);
    let show = env.json(&["show", "anna", "--json"]);
    assert_eq!(show["hours_together"], 0.7, "{show}");
}

/// A load folds each history as its interactions go in (issue 15: no second
/// pass over them at commit): out of date order, a person named twice in one
/// interaction, a kind's usual length or one of its own, one-to-one and group
/// touches, give and take, places. What it stored equals the recomputation.
#[test]
fn an_import_into_an_empty_database_keeps_the_aggregates_a_recomputation_gives() {
    let env = TestEnv::with_network(&serde_json::json!({
        "format": "net/1",
        "contacts": [
            {"id": 1, "name": "Anna", "every": "1mo", "added_on": "2026-01-01"},
            {"id": 2, "name": "Bob", "every": "default", "added_on": "2026-01-01"},
            {"id": 3, "name": "Carl", "every": "never", "added_on": "2026-01-01"}
        ],
        "interactions": [
            {"id": 7, "kind": "lunch", "date": "2026-10-05", "contacts": [1, 2], "gave": "an intro"},
            {"id": 3, "kind": "coffee", "date": "2026-11-02", "minutes": 30, "contacts": [1, 1], "place": "Hamburg"},
            {"id": 5, "kind": "call", "date": "2026-03-01", "contacts": [2], "got": "a lead"},
            {"id": 9, "kind": "note", "date": "2026-11-02", "contacts": [1, 2, 3], "note": "all three"},
            {"id": 4, "kind": "event", "date": "2026-06-12", "minutes": 240, "contacts": [3, 1], "place": "Berlin"}
        ]
    }));
    assert_doctor_clean(&env, "after the import");
    let anna = env.json(&["--json", "show", "anna"]);
    assert_eq!(anna["last_touch"], "2026-11-02", "{anna}");
    assert_eq!(anna["interactions_total"], 4, "{anna}");
}
