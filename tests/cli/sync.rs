//! `net sync` against real Radicale and Xandikos on loopback: two databases
//! ("laptop", "desktop") and a "phone" that writes cards with the DAV client
//! the way iOS and DAVx⁵ do. Every scenario runs against both servers.

use crate::common::dav::{DavServer, Kind, PASSWORD, USER};
use crate::common::{Output, TestEnv};
use net::dav::{Client, Kind as Collection, Write};
use serde_json::Value;

const VCARD: &str = "text/vcard; charset=utf-8";

/// Runs `scenario` against a fresh server of each kind, with its log on failure.
pub(crate) fn on_both(scenario: impl Fn(&DavServer)) {
    crate::common::dav::on_each(&Kind::ALL, scenario);
}

/// A database set up to sync with `server`.
pub(crate) fn machine(server: &DavServer) -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "sync",
        "setup",
        &server.url(),
        "--user",
        USER,
        "--password-command",
        &format!("echo {PASSWORD}"),
    ]);
    env
}

pub(crate) fn sync(env: &TestEnv) -> Output {
    env.ok(&["sync"])
}

/// The phone: the DAV client on the address book net uses.
struct Phone {
    client: Client,
    book: String,
}

impl Phone {
    fn new(server: &DavServer) -> Phone {
        let client = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let home = client.discover(Collection::AddressBook).unwrap().home;
        let book = client
            .list_collections(&home, Collection::AddressBook)
            .unwrap()
            .into_iter()
            .find(|c| c.display_name.as_deref() == Some("net"))
            .expect("net's address book")
            .href;
        Phone { client, book }
    }

    /// Every card: (href, etag, text).
    fn cards(&self) -> Vec<(String, String, String)> {
        let hrefs: Vec<String> = self
            .client
            .list_etags(&self.book)
            .unwrap()
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        self.client
            .multiget(&self.book, Collection::AddressBook, &hrefs)
            .unwrap()
            .into_iter()
            .map(|i| (i.href, i.etag, i.body))
            .collect()
    }

    fn card_of(&self, name: &str) -> (String, String, String) {
        self.cards()
            .into_iter()
            .find(|c| unfold(&c.2).contains(&format!("\nFN:{name}\r")))
            .unwrap_or_else(|| panic!("no card for {name}: {:?}", self.cards()))
    }
}

fn unfold(text: &str) -> String {
    text.replace("\r\n ", "")
}

/// A contact's fields as the JSON export has them (null when absent).
fn contact(env: &TestEnv, name: &str) -> Value {
    env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .cloned()
        .unwrap_or(Value::Null)
}

fn names(env: &TestEnv) -> Vec<String> {
    let mut out: Vec<String> = env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

pub(crate) fn network(laptop: &TestEnv) {
    laptop.ok(&[
        "add",
        "Anna Müller",
        "--email",
        "anna@example.org",
        "--tag",
        "client",
        "--why",
        "referrer for Mittelstand clients",
        "--every",
        "1mo",
    ]);
    laptop.ok(&["add", "Bob Stone", "--phone", "+44 7700 900123"]);
}

#[test]
fn first_sync_uploads_and_a_second_machine_downloads() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("contacts: 2 uploaded."),
            "{}",
            out.snapshot()
        );
        let desktop = machine(server);
        let out = sync(&desktop);
        assert!(
            out.stderr.contains("contacts: 2 new from the server."),
            "{}",
            out.snapshot()
        );
        let anna = contact(&desktop, "Anna Müller");
        assert_eq!(anna["why"], "referrer for Mittelstand clients");
        assert_eq!(anna["tags"], serde_json::json!(["client"]));
        assert_eq!(anna["emails"], serde_json::json!(["anna@example.org"]));
        assert_eq!(anna["every"], "1mo");
        assert_eq!(names(&desktop), names(&laptop));
        // Nothing changed: nothing to do, on either side.
        for env in [&laptop, &desktop] {
            let out = sync(env);
            assert!(
                out.stderr.contains("contacts: nothing to do."),
                "{}",
                out.snapshot()
            );
        }
        // The status names the server and the address book.
        let out = laptop.ok(&["sync", "status"]);
        assert!(out.stderr.contains("contacts: /"), "{}", out.snapshot());
        assert!(out.stderr.contains("2 items"), "{}", out.snapshot());
    });
}

#[test]
fn a_rename_on_one_and_an_edit_on_the_other_converge() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        laptop.ok(&["edit", "anna", "--rename", "Anna Lima"]);
        desktop.ok(&["edit", "anna", "--org", "Lima AG", "--tag", "golf"]);
        sync(&laptop);
        let out = sync(&desktop);
        assert!(
            out.stderr.contains("1 changed from the server"),
            "{}",
            out.snapshot()
        );
        sync(&laptop);
        for env in [&laptop, &desktop] {
            let anna = contact(env, "Anna Lima");
            assert_eq!(anna["org"], "Lima AG", "{anna}");
            assert_eq!(anna["tags"], serde_json::json!(["client", "golf"]));
        }
        assert!(sync(&desktop).stderr.contains("nothing to do"));
    });
}

#[test]
fn both_change_one_field_the_server_wins_and_the_loser_stays_visible() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        laptop.ok(&["edit", "bob", "--rename", "Robert Stone"]);
        desktop.ok(&["edit", "bob", "--rename", "Bobby Stone"]);
        sync(&laptop);
        let out = sync(&desktop);
        assert!(out.stderr.contains("both changed"), "{}", out.snapshot());
        sync(&laptop);
        for env in [&laptop, &desktop] {
            let bob = contact(env, "Robert Stone");
            assert_eq!(bob["aliases"], serde_json::json!(["Bobby Stone"]), "{bob}");
        }
    });
}

#[test]
fn a_phone_edits_a_card_and_keeps_nets_fields() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let phone = Phone::new(server);
        let (href, etag, text) = phone.card_of("Anna Müller");
        // DAVx⁵ keeps properties it does not know.
        let edited = text.replace("END:VCARD", "TEL;TYPE=CELL:+49 171 555\r\nEND:VCARD");
        phone
            .client
            .put(&href, &edited, VCARD, Write::Replace(&etag))
            .unwrap();
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("1 changed from the server"),
            "{}",
            out.snapshot()
        );
        let anna = contact(&laptop, "Anna Müller");
        assert_eq!(anna["phones"], serde_json::json!(["+49 171 555"]));
        assert_eq!(anna["why"], "referrer for Mittelstand clients");
    });
}

#[test]
fn a_phone_that_drops_net_fields_does_not_delete_them() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        let phone = Phone::new(server);
        let (href, etag, text) = phone.card_of("Anna Müller");
        let uid = unfold(&text)
            .lines()
            .find_map(|l| l.strip_prefix("UID:").map(str::to_string))
            .unwrap();
        // iOS rewrites the card with what it knows.
        let ios = format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n\
             N:Müller;Anna;;;\r\nFN:Anna Müller\r\nitem1.EMAIL;type=INTERNET;type=pref:anna@example.org\r\n\
             TEL;type=CELL;type=VOICE;type=pref:+49 171 777\r\nCATEGORIES:Client\r\nUID:{uid}\r\nEND:VCARD\r\n"
        );
        phone
            .client
            .put(&href, &ios, VCARD, Write::Replace(&etag))
            .unwrap();
        sync(&laptop);
        let anna = contact(&laptop, "Anna Müller");
        assert_eq!(anna["phones"], serde_json::json!(["+49 171 777"]));
        assert_eq!(anna["why"], "referrer for Mittelstand clients", "{anna}");
        assert_eq!(anna["every"], "1mo");
        // net wrote its fields back, so the desktop sees them too.
        let (_, _, back) = phone.card_of("Anna Müller");
        assert!(back.contains("X-NET-WHY:"), "{back}");
        sync(&desktop);
        let anna = contact(&desktop, "Anna Müller");
        assert_eq!(anna["phones"], serde_json::json!(["+49 171 777"]));
        assert_eq!(anna["why"], "referrer for Mittelstand clients");
    });
}

#[test]
fn a_card_deleted_on_the_phone_archives_a_contact_with_history() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["log", "coffee", "anna"]);
        sync(&laptop);
        let phone = Phone::new(server);
        for name in ["Anna Müller", "Bob Stone"] {
            let (href, etag, _) = phone.card_of(name);
            phone.client.delete(&href, Some(&etag)).unwrap();
        }
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("2 deleted on the server"),
            "{}",
            out.snapshot()
        );
        assert_eq!(contact(&laptop, "Anna Müller")["status"], "archived");
        assert_eq!(contact(&laptop, "Bob Stone"), Value::Null);
        // Undo brings Bob back (the sync is one undo step).
        laptop.ok(&["undo"]);
        assert_eq!(contact(&laptop, "Bob Stone")["name"], "Bob Stone");
    });
}

#[test]
fn a_forgotten_contact_is_deleted_on_the_server_and_elsewhere() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        laptop.ok(&["forget", "bob", "--yes"]);
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("1 deleted from the server"),
            "{}",
            out.snapshot()
        );
        assert_eq!(Phone::new(server).cards().len(), 1);
        sync(&desktop);
        assert_eq!(names(&desktop), ["Anna Müller"]);
    });
}

#[test]
fn an_edit_against_a_delete_the_delete_wins() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        laptop.ok(&["forget", "bob", "--yes"]);
        desktop.ok(&["edit", "bob", "--org", "Stone & Sons"]);
        sync(&laptop);
        sync(&desktop);
        assert_eq!(names(&desktop), ["Anna Müller"]);
        assert_eq!(Phone::new(server).cards().len(), 1);
    });
}

/// Sets a column of the sync state directly, as if the server moved on.
fn tamper(env: &TestEnv, sql: &str) {
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute_batch(sql).unwrap();
}

#[test]
fn a_stale_etag_is_fetched_merged_and_retried() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let phone = Phone::new(server);
        let (href, etag, text) = phone.card_of("Anna Müller");
        phone
            .client
            .put(
                &href,
                &text.replace("END:VCARD", "TEL:+49 30 1\r\nEND:VCARD"),
                VCARD,
                Write::Replace(&etag),
            )
            .unwrap();
        // The laptop does not see the phone's change in its pull (its token
        // is moved past it), so its push meets a 412.
        let token = phone.client.sync_token(&phone.book).unwrap().unwrap();
        tamper(
            &laptop,
            &format!("UPDATE local_sync_collections SET token = '{token}' WHERE kind = 'contacts'"),
        );
        laptop.ok(&["edit", "anna", "--org", "Müller GmbH"]);
        sync(&laptop);
        let (_, _, now) = phone.card_of("Anna Müller");
        let now = unfold(&now);
        assert!(now.contains("ORG:Müller GmbH"), "{now}");
        assert!(now.contains("TEL:+49 30 1"), "{now}");
        let anna = contact(&laptop, "Anna Müller");
        assert_eq!(anna["phones"], serde_json::json!(["+49 30 1"]));
    });
}

#[test]
fn an_expired_sync_token_falls_back_to_listing() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        desktop.ok(&["edit", "bob", "--org", "Stone & Sons"]);
        sync(&desktop);
        let bogus = match server.kind {
            Kind::Radicale => {
                "http://radicale.org/ns/sync/0000000000000000000000000000000000000000"
            }
            Kind::Xandikos => {
                "http://xandikos.org/ns/sync/0000000000000000000000000000000000000000"
            }
        };
        tamper(
            &laptop,
            &format!("UPDATE local_sync_collections SET token = '{bogus}'"),
        );
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("compared every item"),
            "{}",
            out.snapshot()
        );
        assert_eq!(contact(&laptop, "Bob Stone")["org"], "Stone & Sons");
        assert!(sync(&laptop).stderr.contains("nothing to do"));
    });
}

#[test]
fn a_wrong_password_is_one_line_and_exit_1() {
    let Some(server) = DavServer::start(Kind::Radicale) else {
        return;
    };
    let laptop = machine(&server);
    network(&laptop);
    let config = std::fs::read_to_string(laptop.config()).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.starts_with("password_command"))
        .map(|l| format!("{l}\n"))
        .collect();
    laptop.write_config(&without);
    let before = laptop.db_dump();
    let mut cmd = laptop.command("2026-11-22", &["sync"]);
    cmd.env("NET_DAV_PASSWORD", "wrong");
    let out = laptop.run(&mut cmd);
    assert_eq!(out.code, 1, "{}", out.snapshot());
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.snapshot());
    assert!(
        out.stderr.contains("refused the user name or password"),
        "{}",
        out.snapshot()
    );
    assert_eq!(laptop.db_dump(), before);
    let mut cmd = laptop.command("2026-11-22", &["sync"]);
    cmd.env("NET_DAV_PASSWORD", PASSWORD);
    let out = laptop.run(&mut cmd);
    assert!(out.stderr.contains("2 uploaded"), "{}", out.snapshot());
}

#[test]
fn a_server_that_goes_away_leaves_nothing_half_applied() {
    for kind in Kind::ALL {
        let Some(server) = DavServer::start(kind) else {
            continue;
        };
        let laptop = machine(&server);
        network(&laptop);
        sync(&laptop);
        laptop.ok(&["edit", "anna", "--org", "Müller GmbH"]);
        let before = laptop.db_dump();
        drop(server);
        let out = laptop.net(&["sync"]);
        assert_eq!(out.code, 1, "{}", out.snapshot());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.snapshot());
        assert_eq!(laptop.db_dump(), before);
    }
}

#[test]
fn sync_without_setup_says_how() {
    let env = TestEnv::new();
    let out = env.net(&["sync"]);
    assert_eq!(out.code, 2, "{}", out.snapshot());
    assert!(out.stderr.contains("net sync setup"), "{}", out.snapshot());
}

/// The interactions of a database as (kind, date, people's names, note).
fn history(env: &TestEnv) -> Vec<(String, String, Vec<String>, String)> {
    let export = env.export();
    let name_of = |id: &Value| -> String {
        export["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == *id)
            .map(|c| c["name"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let mut out: Vec<_> = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let mut people: Vec<String> = i["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .map(name_of)
                .collect();
            people.sort();
            (
                i["kind"].as_str().unwrap().to_string(),
                i["date"].as_str().unwrap().to_string(),
                people,
                i["note"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_rename_on_one_and_a_log_on_the_other_converge() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        laptop.ok(&["edit", "anna", "--rename", "Anna Lima"]);
        desktop.ok(&["log", "coffee", "anna", "bob", "--note", "plants; and more"]);
        sync(&laptop);
        let out = sync(&desktop);
        assert!(
            out.stderr.contains("log: 1 uploaded."),
            "{}",
            out.snapshot()
        );
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("log: 1 new from the server."),
            "{}",
            out.snapshot()
        );
        let want = vec![(
            "coffee".to_string(),
            "2026-11-22".to_string(),
            vec!["Anna Lima".to_string(), "Bob Stone".to_string()],
            "plants; and more".to_string(),
        )];
        assert_eq!(history(&laptop), want);
        assert_eq!(history(&desktop), want);
        // The laptop derives from what arrived: Anna was touched today.
        assert_eq!(contact(&laptop, "Anna Lima")["name"], "Anna Lima");
        for env in [&laptop, &desktop] {
            let out = sync(env);
            assert!(
                out.stderr.contains("log: nothing to do."),
                "{}",
                out.snapshot()
            );
        }
    });
}

#[test]
fn the_same_coffee_logged_on_both_folds_into_one() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        sync(&laptop);
        let desktop = machine(server);
        sync(&desktop);
        for env in [&laptop, &desktop] {
            env.ok(&[
                "log",
                "coffee",
                "anna",
                "--for",
                "45m",
                "--note",
                "the new plant",
            ]);
        }
        sync(&laptop);
        let out = sync(&desktop);
        assert!(
            out.stderr.contains("log: nothing to do."),
            "{}",
            out.snapshot()
        );
        sync(&laptop);
        assert_eq!(history(&laptop).len(), 1);
        assert_eq!(history(&desktop).len(), 1);
        // One item on the server.
        let c = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let config = std::fs::read_to_string(laptop.config()).unwrap();
        let log = config
            .lines()
            .find_map(|l| l.strip_prefix("log = \""))
            .unwrap()
            .trim_end_matches('"')
            .to_string();
        assert_eq!(c.list_etags(&log).unwrap().len(), 1);
    });
}

#[test]
fn a_dry_run_changes_nothing_anywhere() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        let before = laptop.db_dump();
        let out = laptop.ok(&["sync", "--dry-run"]);
        assert!(out.stderr.contains("Would sync"), "{}", out.snapshot());
        assert!(
            out.stderr.contains("contacts: 2 uploaded."),
            "{}",
            out.snapshot()
        );
        assert_eq!(laptop.db_dump(), before);
        assert!(Phone::new(server).cards().is_empty());
        assert!(sync(&laptop).stderr.contains("contacts: 2 uploaded."));
    });
}

#[test]
fn a_promise_ticked_off_on_the_phone_is_kept() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&[
            "log",
            "call",
            "anna",
            "--follow-up",
            "send the article",
            "--by",
            "2026-12-05",
        ]);
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("promises: 1 uploaded."),
            "{}",
            out.snapshot()
        );
        let desktop = machine(server);
        sync(&desktop);
        let todo = desktop.ok(&["todo"]).stdout;
        assert!(todo.contains("send the article"), "{todo}");
        // The phone's task app ticks it off.
        let c = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
        let config = std::fs::read_to_string(laptop.config()).unwrap();
        let list = config
            .lines()
            .find_map(|l| l.strip_prefix("promises = \""))
            .unwrap()
            .trim_end_matches('"')
            .to_string();
        let (href, etag) = c.list_etags(&list).unwrap().remove(0);
        let text = c.get(&href).unwrap().body;
        let ticked = text.replace(
            "STATUS:NEEDS-ACTION",
            "STATUS:COMPLETED\r\nCOMPLETED:20261123T101500Z",
        );
        assert_ne!(ticked, text, "{text}");
        c.put(
            &href,
            &ticked,
            "text/calendar; charset=utf-8",
            Write::Replace(&etag),
        )
        .unwrap();
        let out = laptop.net_on("2026-11-23", &["sync"]);
        assert!(
            out.stderr.contains("promises: 1 changed from the server."),
            "{}",
            out.snapshot()
        );
        let todo = laptop.ok_on("2026-11-23", &["todo"]).stdout;
        assert!(!todo.contains("send the article"), "{todo}");
        sync(&desktop);
        let todo = desktop.ok(&["todo"]).stdout;
        assert!(!todo.contains("send the article"), "{todo}");
    });
}

/// Two people of one name on the laptop are two on the desktop, and both
/// cards stay on the server.
#[test]
fn two_people_of_one_name_stay_two() {
    on_both(|server| {
        let laptop = machine(server);
        laptop.ok(&["add", "Anna Müller", "--email", "anna@a.example"]);
        laptop.ok(&["add", "Anna Müller", "--email", "anna@b.example"]);
        laptop.ok(&["log", "coffee", "#1"]);
        laptop.ok(&["log", "coffee", "#1"]);
        sync(&laptop);
        let desktop = machine(server);
        let out = sync(&desktop);
        assert!(
            out.stderr.contains("contacts: 2 new from the server."),
            "{}",
            out.snapshot()
        );
        assert!(
            out.stderr.contains("log: 2 new from the server."),
            "{}",
            out.snapshot()
        );
        assert_eq!(names(&desktop), ["Anna Müller", "Anna Müller"]);
        assert_eq!(history(&desktop).len(), 2);
        assert_eq!(Phone::new(server).cards().len(), 2);
        assert!(sync(&desktop).stderr.contains("contacts: nothing to do."));
    });
}

#[test]
fn pushes_made_a_few_at_a_time_are_each_recorded_once() {
    on_both(|server| {
        let laptop = machine(server);
        let people: Vec<String> = (0..24).map(|i| format!("Person {i:02}")).collect();
        for p in &people {
            laptop.ok(&["add", p]);
        }
        for p in people.iter().take(12) {
            laptop.ok(&["log", "call", p]);
        }
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("contacts: 24 uploaded."),
            "{}",
            out.snapshot()
        );
        assert!(
            out.stderr.contains("log: 12 uploaded."),
            "{}",
            out.snapshot()
        );
        // Every push made it once (four at a time), and each was recorded:
        // nothing goes up again.
        let phone = Phone::new(server);
        assert_eq!(phone.cards().len(), 24);
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("contacts: nothing to do."),
            "{}",
            out.snapshot()
        );
        assert!(
            out.stderr.contains("log: nothing to do."),
            "{}",
            out.snapshot()
        );
        let desktop = machine(server);
        sync(&desktop);
        assert_eq!(names(&desktop), names(&laptop));
        assert_eq!(history(&desktop).len(), 12);
    });
}

#[test]
fn what_capture_recorded_on_one_machine_is_not_proposed_on_the_other() {
    let ics = format!(
        "{}/tests/fixtures/capture/calendar.ics",
        env!("CARGO_MANIFEST_DIR")
    );
    let capture = |env: &TestEnv, extra: &[&str]| -> Value {
        let mut args = vec!["capture", "ics", &ics, "--since", "2026-10-01", "--json"];
        args.extend_from_slice(extra);
        env.json(&args)
    };
    // Each machine knows your own address (declined events are yours).
    let me = |env: &TestEnv| {
        let config = std::fs::read_to_string(env.config()).unwrap();
        let config = format!("{config}\n[me]\nemails = [\"me@example.com\"]\n");
        std::fs::write(env.config(), config).unwrap();
    };
    on_both(|server| {
        let laptop = machine(server);
        me(&laptop);
        for (name, email) in [
            ("Anna Müller", "anna@example.org"),
            ("Bob Stone", "BOB@Example.org"),
            ("Carla Diaz", "carla@example.org"),
        ] {
            laptop.ok(&["add", name, "--email", email]);
        }
        let first = capture(&laptop, &["--yes"]);
        let n = first["proposals"].as_array().unwrap().len();
        assert!(n > 5, "{first:#}");
        sync(&laptop);
        let desktop = machine(server);
        me(&desktop);
        sync(&desktop);
        assert_eq!(names(&desktop), names(&laptop));
        // The same calendar on the desktop: everything in it is known.
        let again = capture(&desktop, &[]);
        assert_eq!(again["proposals"], serde_json::json!([]), "{again:#}");
        assert_eq!(again["captured_before"], n);
        // And it went back up unchanged: a second sync has nothing to do.
        let out = sync(&laptop);
        assert!(
            out.stderr.contains("log: nothing to do"),
            "{}",
            out.snapshot()
        );
    });
}
