//! What `net capture` left behind travels: the source ids of captured
//! interactions go into `net export json` and come back with `net import
//! json` (into an empty database or `--merge`), so capturing the same file
//! after a restore proposes nothing new; `net merge A B` moves B's waiting
//! proposals to A (issue 14).

use crate::common::{TestEnv, TODAY};
use serde_json::Value;

const ME: &str = "[me]\nemails = [\"me@example.com\"]\n";

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/capture/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn network(env: &TestEnv) {
    env.write_config(ME);
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Bob Stone", "--email", "BOB@Example.org"]);
    env.ok(&["add", "Carla Diaz", "--email", "carla@example.org"]);
    env.ok(&["add", "Dan Ek", "--email", "dan@example.org"]);
}

fn capture_ics(env: &TestEnv, file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["capture", "ics", file, "--since", "2026-10-01", "--json"];
    args.extend_from_slice(extra);
    let mut cmd = env.command(TODAY, &args);
    cmd.env("TZ", "Europe/Berlin");
    env.run(&mut cmd).success().json()
}

fn proposals(v: &Value) -> usize {
    v["proposals"].as_array().expect("proposals").len()
}

fn capture_ids(export: &Value) -> Vec<String> {
    let mut out: Vec<String> = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["capture_ids"].as_array().cloned().unwrap_or_default())
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn capture_ids_travel_with_a_backup_and_a_merge_import() {
    let laptop = TestEnv::new();
    network(&laptop);
    let ics = fixture("calendar.ics");
    let n = proposals(&capture_ics(&laptop, &ics, &["--yes"]));
    assert!(n > 10, "{n}");
    // An interaction logged by hand carries none.
    laptop.ok(&["log", "call", "Bob Stone", "--on", "2026-11-01"]);
    let export = laptop.export();
    let ids = capture_ids(&export);
    assert_eq!(ids.len(), n, "{export:#}");
    assert!(ids.iter().all(|id| id.starts_with("ics:")), "{ids:?}");
    let manual = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "call" && i["date"] == "2026-11-01")
        .expect("the manual call");
    assert!(manual.get("capture_ids").is_none(), "{manual}");
    let backup = laptop.write("backup.json", &laptop.ok(&["export", "json"]).stdout);
    let backup = backup.display().to_string();

    // A restore into an empty database: the same document, and nothing new.
    let restored = TestEnv::new();
    restored.write_config(ME);
    restored.ok(&["import", "json", &backup]);
    assert_eq!(restored.export(), export);
    let again = capture_ics(&restored, &ics, &[]);
    assert_eq!(proposals(&again), 0, "{again:#}");
    assert_eq!(again["captured_before"], n);
    // Undoing the import forgets its capture ids with it.
    restored.ok(&["undo"]);
    restored.ok(&["import", "json", &backup]);
    restored.ok(&["undo"]);
    network(&restored);
    assert_eq!(proposals(&capture_ics(&restored, &ics, &["--dry-run"])), n);

    // --merge into a database that has the same people.
    let desktop = TestEnv::new();
    network(&desktop);
    desktop.ok(&["import", "json", &backup, "--merge"]);
    assert_eq!(capture_ids(&desktop.export()), ids);
    let merged = capture_ics(&desktop, &ics, &[]);
    assert_eq!(proposals(&merged), 0, "{merged:#}");
    // Merged twice: the ids stay on the same interactions.
    desktop.ok(&["import", "json", &backup, "--merge"]);
    assert_eq!(capture_ids(&desktop.export()), ids);
}

#[test]
fn a_capture_id_must_not_be_empty() {
    let env = TestEnv::new();
    let file = env.write(
        "bad.json",
        r#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01"}],
            "interactions":[{"kind":"call","date":"2026-11-01","contacts":[1],"capture_ids":[" "]}]}"#,
    );
    let line = env.fails_unchanged(1, &["import", "json", &file.display().to_string()]);
    assert!(line.contains("interactions[0]"), "{line}");
}

fn inbox_people(env: &TestEnv) -> Vec<(String, Vec<i64>)> {
    let mut out: Vec<(String, Vec<i64>)> = env
        .json(&["inbox", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ids = r["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_i64().unwrap())
                .collect();
            (r["subject"].as_str().unwrap().to_string(), ids)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn merge_moves_the_waiting_proposals_of_the_one_that_goes() {
    let env = TestEnv::new();
    network(&env);
    // Anna twice: #5 has her work address.
    env.ok(&["add", "A. Müller", "--email", "anna.work@example.org"]);
    let event = |uid: &str, day: &str, summary: &str, attendees: &[&str]| {
        let people: String = attendees
            .iter()
            .map(|a| format!("ATTENDEE;PARTSTAT=ACCEPTED:mailto:{a}\r\n"))
            .collect();
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:{day}T100000Z\r\nDTEND:{day}T110000Z\r\nSUMMARY:{summary}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n{people}END:VEVENT\r\n"
        )
    };
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}{}{}END:VCALENDAR\r\n",
        event(
            "work@test",
            "20261110",
            "Work meeting",
            &["anna.work@example.org"]
        ),
        event(
            "both@test",
            "20261111",
            "Lunch with both",
            &["anna@example.org", "anna.work@example.org"]
        ),
        event("bob@test", "20261112", "Call Bob", &["bob@example.org"]),
    );
    let file = env.write("anna.ics", &ics).display().to_string();
    assert_eq!(proposals(&capture_ics(&env, &file, &[])), 3);
    let before = inbox_people(&env);
    assert_eq!(
        before,
        [
            ("Call Bob".to_string(), vec![2]),
            ("Lunch with both".to_string(), vec![1, 5]),
            ("Work meeting".to_string(), vec![5]),
        ]
    );
    let said = env.ok(&["merge", "#1", "#5"]).stderr;
    assert!(
        said.contains("moved (2 captured proposals in the inbox)"),
        "{said}"
    );
    assert_eq!(
        inbox_people(&env),
        [
            ("Call Bob".to_string(), vec![2]),
            ("Lunch with both".to_string(), vec![1]),
            ("Work meeting".to_string(), vec![1]),
        ]
    );
    // Accepted, they are Anna's; undone, the merge gives them back.
    env.ok(&["undo"]);
    assert_eq!(inbox_people(&env), before);
    env.ok(&["merge", "#1", "#5"]);
    env.ok(&["inbox", "accept", "--all"]);
    let history = env.ok(&["history", "Anna Müller"]).stdout;
    for subject in ["Work meeting", "Lunch with both"] {
        assert!(history.contains(subject), "{history}");
    }
}
