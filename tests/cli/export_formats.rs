//! `net export vcard` and `net export ics`.

use crate::common::TestEnv;
use serde_json::Value;

/// A network with every field a card carries.
fn network() -> TestEnv {
    let env = TestEnv::new();
    env.ok_on(
        "2026-03-01",
        &[
            "add",
            "Anna Müller",
            "--org",
            "Müller GmbH; München",
            "--role",
            "CEO, Founder",
            "--email",
            "anna@example.org",
            "--email",
            "a@mueller.example",
            "--phone",
            "+49 171 1234567",
            "--link",
            "https://anna.example/a,b",
            "--tag",
            "client",
            "--tag",
            "golf",
            "--alias",
            "annie",
            "--why",
            "referrer for Mittelstand clients",
            "--met",
            "BVMW Sommerfest",
            "--birthday",
            "15.04.",
            "--note",
            "line one\nline two; with, all \\ of it",
        ],
    );
    env.ok_on(
        "2026-03-01",
        &["add", "Bob Stone", "--birthday", "1975-12-24"],
    );
    env
}

/// The fields a vCard carries, of every contact, by name.
fn card_fields(env: &TestEnv) -> Vec<Value> {
    let keep = [
        "name", "aliases", "org", "role", "emails", "phones", "links", "tags", "why", "met",
        "birthday", "notes",
    ];
    let mut out: Vec<Value> = env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let obj = c.as_object().unwrap();
            Value::Object(
                obj.iter()
                    .filter(|(k, _)| keep.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            )
        })
        .collect();
    out.sort_by_key(|v| v["name"].as_str().unwrap().to_string());
    out
}

#[test]
fn vcard_3_0_has_every_field() {
    let env = network();
    let out = env.ok(&["export", "vcard"]);
    let text = out.stdout;
    assert!(
        // A contact without a UID of its own is written with its UUID.
        text.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:"),
        "{text}"
    );
    for line in [
        "FN:Anna Müller",
        "N:Müller;Anna;;;",
        "NICKNAME:annie",
        "ORG:Müller GmbH\\; München",
        "TITLE:CEO\\, Founder",
        "EMAIL:anna@example.org",
        "EMAIL:a@mueller.example",
        "TEL:+49 171 1234567",
        "BDAY:--04-15",
        "BDAY:1975-12-24",
        "CATEGORIES:client,golf",
        "X-NET-WHY:referrer for Mittelstand clients",
    ] {
        assert!(
            text.contains(&format!("\r\n{line}\r\n")),
            "{line} missing:\n{text}"
        );
    }
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "unfolded line:\n{text}"
    );
    let v4 = env.ok(&["export", "vcard", "--version", "4.0"]).stdout;
    assert!(v4.contains("\r\nVERSION:4.0\r\n"));
    assert!(v4.contains("\r\nBDAY:--0415\r\n"), "{v4}");
    assert!(v4.contains("\r\nBDAY:19751224\r\n"), "{v4}");
}

#[test]
fn exported_cards_read_back_without_loss() {
    let env = network();
    let file = env.root().join("all.vcf");
    for version in ["3.0", "4.0"] {
        env.ok(&[
            "export",
            "vcard",
            "--version",
            version,
            "--out",
            file.to_str().unwrap(),
        ]);
        let other = TestEnv::new();
        other.ok(&["import", "vcard", file.to_str().unwrap()]);
        assert_eq!(card_fields(&other), card_fields(&env), "vCard {version}");
        // Read back into the network it came from: the same people.
        let out = env.ok(&["import", "vcard", file.to_str().unwrap()]);
        assert!(out.stderr.contains("Added 0,"), "{}", out.snapshot());
    }
}

#[test]
fn a_vdir_has_one_card_per_contact_named_by_uid() {
    let env = network();
    let dir = env.root().join("contacts");
    let out = env.ok(&["export", "vcard", "--dir", dir.to_str().unwrap()]);
    assert!(out.stderr.contains("Wrote 2 cards"), "{}", out.snapshot());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.iter().all(|f| f.ends_with(".vcf")), "{files:?}");
    let other = TestEnv::new();
    other.ok(&["import", "vcard", dir.to_str().unwrap()]);
    assert_eq!(card_fields(&other), card_fields(&env));
    // A second export writes the same files.
    let first = std::fs::read(dir.join(&files[0])).unwrap();
    env.ok(&["export", "vcard", "--dir", dir.to_str().unwrap()]);
    assert_eq!(std::fs::read(dir.join(&files[0])).unwrap(), first);
}

#[test]
fn vcard_export_options_conflict_cleanly() {
    let env = network();
    let out = env.net(&["export", "vcard", "--out", "a.vcf", "--dir", "d"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
    let out = env.net(&["export", "vcard", "--version", "2.1"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
}

/// The events of a calendar as (UID, DTSTART, RRULE, SUMMARY), unfolded.
fn events(ics: &str) -> Vec<(String, String, String, String)> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    for block in unfolded.split("BEGIN:VEVENT\r\n").skip(1) {
        let field = |name: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or("")
                .to_string()
        };
        out.push((
            field("UID:"),
            field("DTSTART;VALUE=DATE:"),
            field("RRULE:"),
            field("SUMMARY:"),
        ));
    }
    out
}

#[test]
fn calendar_of_check_ins_birthdays_and_promises() {
    let env = network();
    // Anna: 2 months; touched 2026-10-01, so due 2026-12-01.
    env.ok(&["log", "coffee", "anna", "--on", "2026-10-01"]);
    // Bob: weekly, never touched since 2026-03-01: overdue, starts today.
    env.ok(&["every", "bob", "1w"]);
    env.ok(&["add", "Carl Snooze", "--every", "quarterly"]);
    env.ok(&["snooze", "carl", "--until", "2027-06-01"]);
    env.ok(&[
        "add",
        "Dora Watch",
        "--every",
        "never",
        "--birthday",
        "1992-02-29",
    ]);
    env.ok(&["add", "Eve Gone", "--every", "1mo"]);
    env.ok(&["archive", "eve"]);
    env.ok(&[
        "log",
        "call",
        "anna",
        "--follow-up",
        "send the article",
        "--by",
        "2026-12-05",
    ]);
    let ics = env.ok(&["export", "ics"]).stdout;
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//net//net "),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("\r\nDTSTAMP:20261122T000000Z\r\n"));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "unfolded:\n{ics}");
    let ev = events(&ics);
    // Found by what they say: UIDs are made from each contact's random UUID.
    let find = |summary: &str| {
        let e = ev
            .iter()
            .find(|e| e.3 == summary)
            .unwrap_or_else(|| panic!("no {summary} in {ev:?}"))
            .clone();
        assert!(e.0.contains("urn:uuid:"), "{e:?}");
        e
    };
    // Anna was touched by the call today: due in two months.
    let anna = find("Check in with Anna Müller");
    assert!(anna.0.starts_with("checkin-"), "{anna:?}");
    assert_eq!(
        (anna.1.as_str(), anna.2.as_str()),
        ("20270122", "FREQ=MONTHLY;INTERVAL=2;UNTIL=20271122")
    );
    let bob = find("Check in with Bob Stone");
    assert_eq!(
        (bob.1.as_str(), bob.2.as_str()),
        ("20261122", "FREQ=WEEKLY;UNTIL=20271122")
    );
    let carl = find("Check in with Carl Snooze");
    assert_eq!(
        (carl.1.as_str(), carl.2.as_str()),
        ("20270601", "FREQ=MONTHLY;INTERVAL=3;UNTIL=20271122")
    );
    assert!(
        !ev.iter()
            .any(|e| e.3.contains("Dora") && e.0.starts_with("checkin")),
        "no cadence, no check-in"
    );
    assert!(
        !ev.iter().any(|e| e.3.contains("Eve")),
        "archived contacts stay out"
    );
    let bday = find("Birthday: Anna Müller");
    assert!(bday.0.starts_with("birthday-"), "{bday:?}");
    assert_eq!(
        (bday.1.as_str(), bday.2.as_str()),
        ("20270415", "FREQ=YEARLY")
    );
    assert_eq!(find("Birthday: Dora Watch").1, "20270228");
    let promise = ev.iter().find(|e| e.0.starts_with("promise-")).unwrap();
    assert_eq!(promise.1, "20261205");
    assert_eq!(promise.3, "Promise to Anna Müller: send the article");

    // Stable: the same calendar twice.
    assert_eq!(env.ok(&["export", "ics"]).stdout, ics);
    // A shorter horizon leaves out what starts after it.
    let short = env.ok(&["export", "ics", "--months", "3"]).stdout;
    assert!(!short.contains("checkin-net-3-"), "{short}");
    assert!(short.contains("UNTIL=20270222"), "{short}");
}

#[test]
fn calendar_to_a_file_and_bad_months() {
    let env = network();
    env.ok(&["every", "anna", "2mo"]);
    let file = env.root().join("net.ics");
    let out = env.ok(&["export", "ics", "--out", file.to_str().unwrap()]);
    assert!(
        out.stderr
            .contains("Wrote 2 check-ins, 2 birthdays and 0 promises to"),
        "{}",
        out.snapshot()
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("BEGIN:VEVENT"));
    let out = env.net(&["export", "ics", "--months", "0"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
}

#[test]
fn calendar_text_is_escaped() {
    let env = TestEnv::new();
    env.ok(&["add", "Smith, John; Jr.", "--every", "1y", "--why", "a\nb"]);
    let ics = env.ok(&["export", "ics"]).stdout;
    assert!(
        ics.contains("SUMMARY:Check in with Smith\\, John\\; Jr.\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DESCRIPTION:Why: a\\nb\\n"), "{ics}");
}

/// A contact added after a forgotten one, the same day, takes its id but
/// not its UID: a phone must not take the new person for the old one.
#[test]
fn a_forgotten_contacts_uid_is_never_reused() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["add", "Bob Stone"]);
    let uid = |env: &TestEnv| {
        let text = env.ok(&["export", "vcard"]).stdout;
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let before = uid(&env);
    env.ok(&["forget", "bob", "--yes"]);
    env.ok(&["add", "Carl Neu"]);
    let after = uid(&env);
    assert_eq!(before.len(), 2);
    assert_eq!(after.len(), 2);
    assert_eq!(before[0], after[0], "Anna keeps her UID");
    assert_ne!(before[1], after[1], "Carl is not Bob");
}
