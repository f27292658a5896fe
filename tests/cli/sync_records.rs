//! `net sync` of what is not a contact, an interaction or a promise: topic
//! notes, assessments and tag rules (VJOURNAL items in `net log`, two-way)
//! and the check-ins (VEVENTs in `net check-ins`, one-way), against real
//! Radicale and Xandikos with two databases ("laptop", "desktop").

use crate::common::dav::{DavServer, PASSWORD, USER};
use crate::common::{Output, TestEnv};
use crate::sync::{machine, network, on_both, sync};
use net::dav::{Client, Write};
use serde_json::Value;

const ICS: &str = "text/calendar; charset=utf-8";

/// What a run said includes `line`.
fn says(out: Output, line: &str) {
    assert!(out.stderr.contains(line), "{}", out.snapshot());
}

/// The href of a collection `net sync setup` saved in the config.
fn collection(env: &TestEnv, kind: &str) -> String {
    let config = std::fs::read_to_string(env.config()).unwrap();
    config
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{kind} = \"")))
        .unwrap_or_else(|| panic!("no {kind} in {config}"))
        .trim_end_matches('"')
        .to_string()
}

/// Every item of a collection, unfolded: (href, etag, text).
fn items(server: &DavServer, href: &str) -> Vec<(String, String, String)> {
    let c = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
    let hrefs: Vec<String> = c
        .list_etags(href)
        .unwrap()
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    hrefs
        .iter()
        .map(|h| {
            let i = c.get(h).unwrap();
            (i.href, i.etag, i.body.replace("\r\n ", ""))
        })
        .collect()
}

/// The items of a collection that hold `needle`.
fn holding(server: &DavServer, href: &str, needle: &str) -> Vec<(String, String, String)> {
    items(server, href)
        .into_iter()
        .filter(|i| i.2.contains(needle))
        .collect()
}

fn export_list(env: &TestEnv, key: &str) -> Vec<Value> {
    env.export()[key].as_array().cloned().unwrap_or_default()
}

fn note_texts(env: &TestEnv) -> Vec<String> {
    let mut out: Vec<String> = export_list(env, "notes")
        .iter()
        .map(|n| {
            format!(
                "{}: {}",
                n["topic"].as_str().unwrap(),
                n["text"].as_str().unwrap()
            )
        })
        .collect();
    out.sort();
    out
}

fn rules(env: &TestEnv) -> Vec<String> {
    export_list(env, "rules")
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["tag"].as_str().unwrap(),
                r["every"].as_str().unwrap()
            )
        })
        .collect()
}

/// The id `net note NAME --json` gives the only note of a contact.
fn note_id(env: &TestEnv, name: &str) -> String {
    let notes = env.json(&["note", name, "--json"]);
    notes[0]["id"].as_i64().unwrap().to_string()
}

#[test]
fn a_note_goes_across_comes_back_edited_and_goes_away() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["note", "anna", "husband Jan, two kids", "--about", "family"]);
        says(sync(&laptop), "log: 1 uploaded.");
        let log = collection(&laptop, "log");
        let on_server = holding(server, &log, "X-NET-RECORD:note");
        assert_eq!(on_server.len(), 1, "{on_server:?}");
        let text = &on_server[0].2;
        assert!(text.contains("X-NET-TOPIC:family"), "{text}");
        assert!(
            text.contains("DESCRIPTION:husband Jan\\, two kids"),
            "{text}"
        );
        assert!(text.contains("X-NET-CONTACT:urn:uuid:"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261122"), "{text}");

        let desktop = machine(server);
        sync(&desktop);
        assert_eq!(note_texts(&desktop), ["family: husband Jan, two kids"]);
        let id = note_id(&desktop, "anna");
        desktop.ok(&[
            "note",
            "edit",
            &id,
            "--text",
            "husband Jan, kids Mia and Ben",
        ]);
        says(sync(&desktop), "log: 1 changed on the server.");
        says(sync(&laptop), "log: 1 changed from the server.");
        assert_eq!(
            note_texts(&laptop),
            ["family: husband Jan, kids Mia and Ben"]
        );

        let id = note_id(&laptop, "anna");
        laptop.ok(&["note", "rm", &id, "--yes"]);
        says(sync(&laptop), "log: 1 deleted from the server.");
        assert!(holding(server, &log, "X-NET-RECORD:note").is_empty());
        says(sync(&desktop), "deleted elsewhere: note (family)");
        assert!(note_texts(&desktop).is_empty());
        // Nothing left to do on either side.
        for env in [&laptop, &desktop] {
            says(sync(env), "log: nothing to do.");
        }
    });
}

#[test]
fn an_assessment_goes_across_and_an_edit_on_the_server_comes_back() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["assess", "anna", "--yes", "1,2,5"]);
        sync(&laptop);
        let log = collection(&laptop, "log");
        let on_server = holding(server, &log, "X-NET-RECORD:assessment");
        assert_eq!(on_server.len(), 1, "{on_server:?}");
        let (href, etag, text) = on_server[0].clone();
        assert!(
            text.replace("\\,", ",").contains("X-NET-ANSWERS:yes:1,2,5"),
            "{text}"
        );
        // The score is counted from the answers: never on the server.
        assert!(!text.contains("SCORE") && !text.contains("3/9"), "{text}");

        let desktop = machine(server);
        sync(&desktop);
        let got = export_list(&desktop, "assessments");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0]["answers"], serde_json::json!([1, 2, 5]));
        assert_eq!(got[0]["date"], "2026-11-22");

        // Another net changes the answers on the server.
        let c = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let changed = c
            .get(&href)
            .unwrap()
            .body
            .replace("yes:1\\,2\\,5", "yes:1\\,2\\,5\\,7");
        c.put(&href, &changed, ICS, Write::Replace(&etag)).unwrap();
        for env in [&laptop, &desktop] {
            says(sync(env), "log: 1 changed from the server.");
            let got = export_list(env, "assessments");
            assert_eq!(got[0]["answers"], serde_json::json!([1, 2, 5, 7]));
        }
        // The score is counted again from the answers.
        let show = desktop.json(&["show", "anna", "--json"]);
        assert_eq!(show["assessments"][0]["score"], 4, "{show}");

        // Deleted on the server: deleted on both.
        let (href, _, _) = holding(server, &log, "X-NET-RECORD:assessment").remove(0);
        c.delete(&href, None).unwrap();
        for env in [&laptop, &desktop] {
            sync(env);
            assert!(export_list(env, "assessments").is_empty());
        }
    });
}

#[test]
fn a_rule_goes_across_is_changed_back_and_removed() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["rule", "add", "--tag", "client", "--every", "3w"]);
        sync(&laptop);
        let log = collection(&laptop, "log");
        let on_server = holding(server, &log, "UID:net-rule-client");
        assert_eq!(on_server.len(), 1, "{on_server:?}");
        assert!(
            on_server[0].2.contains("X-NET-EVERY:3w"),
            "{}",
            on_server[0].2
        );

        let desktop = machine(server);
        sync(&desktop);
        assert_eq!(rules(&desktop), ["client 3w"]);
        desktop.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
        sync(&desktop);
        says(sync(&laptop), "log: 1 changed from the server.");
        assert_eq!(rules(&laptop), ["client 1mo"]);

        desktop.ok(&["rule", "rm", "client"]);
        sync(&desktop);
        assert!(holding(server, &log, "net-rule-").is_empty());
        sync(&laptop);
        assert!(rules(&laptop).is_empty());
    });
}

#[test]
fn the_same_rule_added_on_both_meets_on_one_item() {
    on_both(|server| {
        let laptop = machine(server);
        let desktop = machine(server);
        for env in [&laptop, &desktop] {
            env.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
        }
        desktop.ok(&["rule", "add", "--tag", "friend", "--every", "2mo"]);
        sync(&laptop);
        let out = sync(&desktop);
        assert!(!out.stderr.contains("both changed"), "{}", out.snapshot());
        sync(&laptop);
        let log = collection(&laptop, "log");
        assert_eq!(holding(server, &log, "UID:net-rule-client").len(), 1);
        assert_eq!(holding(server, &log, "UID:net-rule-friend").len(), 1);
        for env in [&laptop, &desktop] {
            assert_eq!(rules(env), ["client 1mo", "friend 2mo"]);
            says(sync(env), "log: nothing to do.");
        }
    });
}

/// The check-in of `name` on the server (unfolded text).
fn checkin(server: &DavServer, env: &TestEnv, name: &str) -> Option<String> {
    let href = collection(env, "checkins");
    let mut found = holding(server, &href, &format!("SUMMARY:Check in with {name}"));
    assert!(found.len() <= 1, "{found:?}");
    found.pop().map(|i| i.2)
}

#[test]
fn check_ins_follow_the_due_day_and_go_away_on_archive() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        says(sync(&laptop), "checkins: 2 uploaded.");
        let anna = checkin(server, &laptop, "Anna Müller").expect("Anna's check-in");
        let uuid: String = rusqlite::Connection::open(laptop.db())
            .unwrap()
            .query_row(
                "SELECT uuid FROM contacts WHERE name = 'Anna Müller'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(anna.contains(&format!("UID:checkin-{uuid}\r\n")), "{anna}");
        // Added today with a monthly cadence: due in a month, every month.
        assert!(anna.contains("DTSTART;VALUE=DATE:20261222"), "{anna}");
        assert!(anna.contains("RRULE:FREQ=MONTHLY\r\n"), "{anna}");
        assert!(anna.contains("TRANSP:TRANSPARENT"), "{anna}");
        for never in ["ATTENDEE", "ORGANIZER", "METHOD"] {
            assert!(!anna.contains(never), "{anna}");
        }
        let bob = checkin(server, &laptop, "Bob Stone").expect("Bob's check-in");
        assert!(bob.contains("RRULE:FREQ=MONTHLY;INTERVAL=2"), "{bob}");

        // Nothing changed: nothing written.
        says(sync(&laptop), "checkins: nothing to do.");

        // A second machine makes the same check-ins: nothing to write.
        let desktop = machine(server);
        says(sync(&desktop), "checkins: nothing to do.");

        // A call logged on the desktop moves Anna's check-in.
        desktop.ok_on("2026-12-01", &["log", "call", "anna"]);
        says(
            desktop.ok_on("2026-12-01", &["sync"]),
            "checkins: 1 changed on the server.",
        );
        let anna = checkin(server, &laptop, "Anna Müller").unwrap();
        assert!(anna.contains("DTSTART;VALUE=DATE:20270101"), "{anna}");
        // The laptop pulls the call and agrees: nothing to write.
        says(
            laptop.ok_on("2026-12-01", &["sync"]),
            "checkins: nothing to do.",
        );

        // Rewritten elsewhere: put back.
        let href = collection(&laptop, "checkins");
        let (h, etag, _) = holding(server, &href, "Check in with Anna").remove(0);
        let c = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let moved = c.get(&h).unwrap().body.replace("20270101", "20270301");
        c.put(&h, &moved, ICS, Write::Replace(&etag)).unwrap();
        says(
            laptop.ok_on("2026-12-01", &["sync"]),
            "checkins: 1 changed on the server.",
        );
        assert!(checkin(server, &laptop, "Anna Müller")
            .unwrap()
            .contains("20270101"));

        // Archived: its check-in goes away.
        laptop.ok_on("2026-12-01", &["archive", "bob"]);
        says(
            laptop.ok_on("2026-12-01", &["sync"]),
            "checkins: 1 deleted from the server.",
        );
        assert!(checkin(server, &laptop, "Bob Stone").is_none());
        says(
            desktop.ok_on("2026-12-01", &["sync"]),
            "checkins: nothing to do.",
        );
    });
}
