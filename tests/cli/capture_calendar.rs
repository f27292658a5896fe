//! `net capture calendar` (issue 14) against a real Radicale and Xandikos on
//! loopback: events PUT into a calendar of the user's home the way a phone
//! would, then captured with the rules of `net capture ics`; net's own
//! check-in calendar and anything with net's PRODID left out; never twice,
//! and events that did not change on the server still bring their later
//! occurrences.

use crate::common::dav::{on_each, DavServer, Kind, PASSWORD, USER};
use crate::common::{TestEnv, TODAY};
use net::dav::{Client, Kind as Collection, Write};
use serde_json::Value;

const ICS: &str = "text/calendar; charset=utf-8";
const ME: &str = "[me]\nemails = [\"me@example.com\"]\n";

fn event(uid: &str, start: &str, end: &str, summary: &str, extra: &str) -> String {
    calendar(
        "-//Phone//Calendar 1.0//EN",
        &format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261001T000000Z\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\nSUMMARY:{summary}\r\nORGANIZER:mailto:me@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n{extra}END:VEVENT\r\n"
        ),
    )
}

fn calendar(prodid: &str, body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n{body}END:VCALENDAR\r\n")
}

fn attendee(email: &str, partstat: &str) -> String {
    format!("ATTENDEE;PARTSTAT={partstat}:mailto:{email}\r\n")
}

/// The phone: puts events into a calendar with the DAV client.
struct Phone {
    client: Client,
    home: String,
}

impl Phone {
    fn new(server: &DavServer) -> Phone {
        let client = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let home = client.discover(Collection::Calendar).unwrap().home;
        Phone { client, home }
    }

    fn calendar_named(&self, name: &str) -> String {
        self.client
            .list_collections(&self.home, Collection::Calendar)
            .unwrap()
            .into_iter()
            .find(|c| c.display_name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no calendar {name}"))
            .href
    }

    fn put(&self, calendar: &str, text: &str) {
        let href = Client::new_href(calendar, "ics").unwrap();
        self.client.put(&href, text, ICS, Write::Create).unwrap();
    }
}

fn capture(env: &TestEnv, today: &str) -> Value {
    capture_with(env, today, &[])
}

fn capture_with(env: &TestEnv, today: &str, extra: &[&str]) -> Value {
    let mut args = vec!["capture", "calendar", "--json"];
    args.extend_from_slice(extra);
    let mut cmd = env.command(today, &args);
    cmd.env("TZ", "Europe/Berlin");
    env.run(&mut cmd).success().json()
}

fn ids(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| p["source_id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn caldav_calendars_are_captured_once_without_nets_own() {
    on_each(&Kind::ALL, scenario);
}

fn scenario(server: &DavServer) {
    let env = TestEnv::new();
    env.write_config(ME);
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Bob Stone", "--email", "bob@example.org"]);
    env.ok(&["add", "Carla Diaz", "--email", "carla@example.org"]);
    env.ok(&["add", "Dan Ek", "--email", "dan@example.org"]);

    // Before `net sync setup` there is no server to read.
    let line = env.net(&["capture", "calendar"]).error(2);
    assert!(line.contains("net sync setup"), "{line}");

    env.ok(&[
        "sync",
        "setup",
        &server.url(),
        "--user",
        USER,
        "--password-command",
        &format!("echo {PASSWORD}"),
    ]);
    let phone = Phone::new(server);
    let work = format!("{}/work/", phone.home.trim_end_matches('/'));
    phone
        .client
        .create_calendar(&work, "Work", &["VEVENT"])
        .unwrap();
    let work = phone.calendar_named("Work");
    let anna = attendee("anna@example.org", "ACCEPTED");
    let bob = attendee("bob@example.org", "ACCEPTED");
    let carla = attendee("carla@example.org", "NEEDS-ACTION");
    let dan = attendee("dan@example.org", "ACCEPTED");
    phone.put(
        &work,
        &event(
            "single-1@test",
            "20261118T100000",
            "20261118T113000",
            "Coffee with Anna",
            &anna,
        ),
    );
    // Weekly on Thursdays in Berlin: 29 Oct and 5, 12, 19 Nov are in the
    // 30 days before 22 Nov (after the end of summer time: 08:00Z).
    phone.put(
        &work,
        &event(
            "weekly-1@test",
            "20261001T090000",
            "20261001T093000",
            "Weekly sync",
            &format!("RRULE:FREQ=WEEKLY\r\n{carla}"),
        ),
    );
    phone.put(
        &work,
        &event(
            "declined-1@test",
            "20261117T140000",
            "20261117T150000",
            "Review",
            &bob,
        )
        .replace(
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com",
        ),
    );
    phone.put(
        &work,
        &event(
            "cancelled-1@test",
            "20261116T140000",
            "20261116T150000",
            "Planning",
            &format!("STATUS:CANCELLED\r\n{dan}"),
        ),
    );
    phone.put(
        &work,
        &event(
            "alone-1@test",
            "20261115T080000",
            "20261115T090000",
            "Focus time",
            "",
        ),
    );
    phone.put(
        &work,
        &event(
            "netown-1@test",
            "20261114T080000",
            "20261114T090000",
            "Anna",
            &anna,
        )
        .replace("-//Phone//Calendar 1.0//EN", "-//net//net 0.1//EN"),
    );
    // Still to come on 22 Nov: proposed once its day has come, unchanged.
    phone.put(
        &work,
        &event(
            "lunch-1@test",
            "20261125T123000",
            "20261125T133000",
            "Lunch",
            &anna,
        ),
    );
    // net's own check-in calendar is never read, whatever it holds.
    let checkins = phone.calendar_named("net check-ins");
    phone.put(
        &checkins,
        &event(
            "checkin-bob@test",
            "20261119T100000",
            "20261119T103000",
            "Call Bob",
            &bob,
        ),
    );

    // A dry run remembers nothing, not even the sync token.
    let dry = capture_with(&env, TODAY, &["--dry-run"]);
    let first = capture(&env, TODAY);
    assert_eq!(ids(&dry), ids(&first), "{dry:#}");
    assert_eq!(
        ids(&first),
        [
            "ics:single-1@test",
            "ics:weekly-1@test/20261029T080000Z",
            "ics:weekly-1@test/20261105T080000Z",
            "ics:weekly-1@test/20261112T080000Z",
            "ics:weekly-1@test/20261119T080000Z",
        ],
        "{first:#}"
    );
    let coffee = first["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source_id"] == "ics:single-1@test")
        .unwrap();
    assert_eq!(coffee["date"], "2026-11-18");
    assert_eq!(coffee["time"], "10:00", "TZID honoured: {coffee:#}");
    assert_eq!(coffee["minutes"], 90);
    assert_eq!(coffee["kind"], "coffee");
    assert_eq!(coffee["names"], serde_json::json!(["Anna Müller"]));
    for (why, n) in [
        ("declined", 1),
        ("cancelled", 1),
        ("no one else", 1),
        ("net's own calendar", 1),
    ] {
        assert_eq!(first["skipped"][why], n, "{why}: {first:#}");
    }
    assert!(!first.to_string().contains("Bob Stone"), "{first:#}");

    // Again: nothing new. The server is asked only for what changed.
    let second = capture(&env, TODAY);
    assert_eq!(ids(&second), Vec::<String>::new(), "{second:#}");

    // A new event on the server is the only thing proposed next.
    phone.put(
        &work,
        &event(
            "call-dan@test",
            "20261121T170000",
            "20261121T171500",
            "Call",
            &dan,
        ),
    );
    let third = capture(&env, TODAY);
    assert_eq!(ids(&third), ["ics:call-dan@test"], "{third:#}");

    // Four days later the weekly series and the lunch bring their new
    // occurrences, though neither changed on the server.
    let later = capture(&env, "2026-11-26");
    assert_eq!(
        ids(&later),
        ["ics:lunch-1@test", "ics:weekly-1@test/20261126T080000Z"],
        "{later:#}"
    );
    let inbox = env.json(&["inbox", "--json"]);
    assert_eq!(inbox.as_array().unwrap().len(), 8, "{inbox:#}");
    assert_eq!(ids(&capture(&env, "2026-11-26")), Vec::<String>::new());
}
