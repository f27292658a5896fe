//! `net import vcard|linkedin|google` and `net import json --merge`, on
//! fixture files written for this project in every generation of each format
//! (tests/fixtures/import/), the broken ones included.

use crate::common::TestEnv;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The exported contact with this name.
fn contact(env: &TestEnv, name: &str) -> Value {
    env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no contact {name:?} in {}", env.db_dump()))
        .clone()
}

fn count(env: &TestEnv) -> usize {
    env.export()["contacts"].as_array().unwrap().len()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn vcard_2_1_from_a_phone_quoted_printable_charset_and_bare_types() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "vcard", &fixture("v21_phone.vcf")]);
    assert!(out.stderr.contains("Added 2,"), "{}", out.snapshot());
    let anna = contact(&env, "Anna Müller");
    assert_eq!(anna["org"], "Müller GmbH");
    assert_eq!(anna["role"], "Geschäftsführerin");
    assert_eq!(
        strings(&anna["phones"]),
        ["+49 171 1234567", "+49 89 123456"]
    );
    assert_eq!(
        strings(&anna["emails"]),
        ["anna@example.org", "anna.mueller@mueller-gmbh.example"]
    );
    assert_eq!(
        anna["notes"],
        "Met at the BVMW Sommerfest.\nHusband Jan, daughter Mia (8)."
    );
    assert_eq!(anna["birthday"], "1980-04-15");
    // ISO-8859-1 quoted-printable, N without FN, a prefix.
    contact(&env, "Dr. Jürgen Groß");
}

#[test]
fn vcard_3_0_from_apple_groups_labels_escapes_photo_and_bom() {
    let env = TestEnv::new();
    env.ok(&["import", "vcard", &fixture("v30_apple.vcf")]);
    let bob = contact(&env, "Bob Stone");
    assert_eq!(bob["org"], "Stone, Sons & Co., Sales");
    assert_eq!(bob["role"], "Head of Sales; EMEA");
    assert_eq!(
        strings(&bob["emails"]),
        ["bob@stone.example", "b.stone@stone.example"]
    );
    assert_eq!(strings(&bob["links"]), ["https://stone.example/bob"]);
    assert_eq!(strings(&bob["aliases"]), ["Bobby"]);
    assert_eq!(strings(&bob["tags"]), ["client", "golf-club"]);
    // Apple's "no year" placeholder is not a year.
    assert_eq!(bob["birthday"], "--12-24");
    assert_eq!(
        bob["notes"],
        "Plays golf on Sundays, prefers calls.\nAsk about the new warehouse."
    );
    assert_eq!(bob["uid"], "6B29FC40-CA47-1067-B31D-00DD010662DA");
    // The 13 kB photo is not kept anywhere.
    assert!(!env.db_dump().contains("AAECAwQF"), "the photo was stored");
    assert_eq!(contact(&env, "Clara Maria Berg")["birthday"], "1990-02-28");
}

#[test]
fn vcard_4_0_without_fn_uses_n() {
    let env = TestEnv::new();
    env.ok(&["import", "vcard", &fixture("v40_no_fn.vcf")]);
    let dora = contact(&env, "Dora Quiet");
    assert_eq!(dora["birthday"], "--04-15");
    assert_eq!(strings(&dora["phones"]), ["+49-30-1234567"]);
    assert_eq!(strings(&dora["tags"]), ["friend"]);
}

#[test]
fn a_latin_1_file_is_decoded_not_refused() {
    let env = TestEnv::new();
    env.ok(&["import", "vcard", &fixture("latin1.vcf")]);
    let j = contact(&env, "Jürgen Groß");
    assert_eq!(j["org"], "Bäckerei Groß");
    assert_eq!(j["notes"], "Brötchen für das Büro");
}

#[test]
fn a_vdir_folder_is_read_recursively_without_hidden_or_other_files() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "vcard", &fixture("vdir")]);
    assert!(out.stderr.contains("Added 3,"), "{}", out.snapshot());
    let names: Vec<String> = env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Gina Vdir", "Hans Vdir", "Ida Vdir"]);
}

#[test]
fn a_truncated_card_is_reported_with_file_and_line_and_the_rest_imported() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "vcard", &fixture("truncated.vcf")]);
    assert!(
        out.stderr
            .contains("truncated.vcf:6: skipped: the card has no END:VCARD (cut off?)"),
        "{}",
        out.snapshot()
    );
    assert!(out.stderr.contains("Added 1, updated 0, skipped 1."));
    assert_eq!(count(&env), 1);
}

#[test]
fn files_with_nothing_importable_fail_and_change_nothing() {
    let env = TestEnv::new();
    env.ok(&["add", "Already Here"]);
    let line = env.fails_unchanged(1, &["import", "vcard", &fixture("only_truncated.vcf")]);
    assert!(
        line.contains("only_truncated.vcf:1: skipped: the card has no END:VCARD"),
        "{line}"
    );
    let line = env.fails_unchanged(1, &["import", "vcard", &fixture("binary.vcf")]);
    assert!(
        line.contains("binary.vcf: skipped: not a vCard file: it is not a text file"),
        "{line}"
    );
    let line = env.fails_unchanged(1, &["import", "google", &fixture("binary.vcf")]);
    assert!(line.contains("is not a Google Contacts export"), "{line}");
    let line = env.fails_unchanged(1, &["import", "vcard", "missing.vcf"]);
    assert!(line.contains("reading missing.vcf"), "{line}");
    let empty = env.root().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let line = env.fails_unchanged(1, &["import", "vcard", empty.to_str().unwrap()]);
    assert!(line.contains("there is no .vcf file in"), "{line}");
}

#[test]
fn reimporting_updates_instead_of_duplicating() {
    let env = TestEnv::new();
    env.ok(&["import", "vcard", &fixture("v30_apple.vcf")]);
    let before = env.db_dump();
    let out = env.ok(&["import", "vcard", &fixture("v30_apple.vcf")]);
    assert!(
        out.stderr.contains("Added 0, updated 0, 2 unchanged"),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.db_dump(), before);

    // The same person from another program: matched by e-mail, details added.
    env.write(
        "work.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Robert Stone\nEMAIL:B.Stone@stone.example\nTEL:+49 89 1\nEND:VCARD\n",
    );
    let out = env.ok(&["import", "vcard", "work.vcf"]);
    assert!(out.stderr.contains("updated 1"), "{}", out.snapshot());
    let bob = contact(&env, "Bob Stone");
    assert_eq!(strings(&bob["aliases"]), ["Bobby", "Robert Stone"]);
    assert_eq!(
        strings(&bob["phones"]),
        ["+44 7700 900123", "+44 20 7946 0000", "+49 89 1"]
    );
    assert_eq!(count(&env), 2);
}

#[test]
fn matching_goes_uid_email_phone_name_and_a_name_alone_needs_no_conflict() {
    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Anna Müller",
        "--phone",
        "+49 171 1234567",
        "--every",
        "1mo",
    ]);
    env.ok(&["add", "Peter Pan", "--email", "peter@pan.example"]);
    env.write(
        "in.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Mueller\nTEL:0171 1234567\nORG:Müller GmbH\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:3.0\nFN:Peter Pan\nEMAIL:other@pan.example\nEND:VCARD\n\
         BEGIN:VCARD\nVERSION:3.0\nFN:peter pan\nROLE:Pilot\nEND:VCARD\n",
    );
    let out = env.ok(&["import", "vcard", "in.vcf", "--dry-run"]);
    assert_eq!(
        out.stdout,
        "update  #1 Anna Mueller (same phone)\nadd     Peter Pan\nupdate  #2 peter pan (same name)\n"
    );
    let anna = contact(&env, "Anna Müller");
    assert_eq!(anna["org"], Value::Null, "--dry-run changed nothing");
    env.ok(&["import", "vcard", "in.vcf"]);
    assert_eq!(contact(&env, "Anna Müller")["org"], "Müller GmbH");
    // An update never takes away the contact's own cadence.
    assert_eq!(contact(&env, "Anna Müller")["every"], "1mo");
    assert_eq!(count(&env), 3);
}

#[test]
fn imported_contacts_get_no_cadence() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "linkedin", &fixture("linkedin_2025.csv")]);
    assert!(out.stderr.contains("get no cadence"), "{}", out.snapshot());
    assert!(
        out.stderr.contains("net rule add --tag"),
        "{}",
        out.snapshot()
    );
    let due = env.json(&["due", "--all", "--json"]);
    assert_eq!(due["entries"].as_array().map(Vec::len), Some(0), "{due}");
    for c in env.export()["contacts"].as_array().unwrap() {
        assert_eq!(c["every"], Value::Null, "{c}");
    }
}

#[test]
fn linkedin_current_export_with_preamble_and_url() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "linkedin", &fixture("linkedin_2025.csv")]);
    assert!(
        out.stderr
            .contains("linkedin_2025.csv:6: skipped: the row has no name"),
        "{}",
        out.snapshot()
    );
    assert!(out.stderr.contains("Added 3, updated 0, skipped 1."));
    let anna = contact(&env, "Anna Müller");
    assert_eq!(anna["org"], "Müller GmbH, München");
    assert_eq!(anna["role"], "Geschäftsführerin");
    assert_eq!(strings(&anna["emails"]), ["anna@example.org"]);
    assert_eq!(
        strings(&anna["links"]),
        ["https://www.linkedin.com/in/anna-mueller-0815"]
    );
    assert_eq!(strings(&anna["tags"]), ["linkedin"]);
    assert_eq!(anna["added_on"], "2025-11-22");
    assert_eq!(anna["met"], "LinkedIn, connected on 2025-11-22");
    assert_eq!(contact(&env, "Karl Klein")["role"], "Partner, Tax");
}

#[test]
fn linkedin_older_exports_without_url_and_with_us_dates() {
    let env = TestEnv::new();
    env.ok(&["import", "linkedin", &fixture("linkedin_2021.csv")]);
    let max = contact(&env, "Max Mayer");
    assert_eq!(max["added_on"], "2019-06-14");
    assert_eq!(max["links"], Value::Null);
    let out = env.ok(&["import", "linkedin", &fixture("linkedin_2018.csv")]);
    assert!(out.stderr.contains("skipped 1"), "{}", out.snapshot());
    assert_eq!(contact(&env, "Otto Ost")["added_on"], "2018-01-08");
    let paula = contact(&env, "Paula Pohl");
    assert_eq!(paula["added_on"], "2017-12-31");
    assert_eq!(paula["role"], "Head of \"Growth\"");
}

#[test]
fn a_csv_with_a_missing_column_fails_and_changes_nothing() {
    let env = TestEnv::new();
    env.ok(&["add", "Already Here"]);
    let line = env.fails_unchanged(
        1,
        &[
            "import",
            "linkedin",
            &fixture("linkedin_missing_column.csv"),
        ],
    );
    assert!(
        line.contains("the header has no \"Last Name\" column"),
        "{line}"
    );
    let line = env.fails_unchanged(
        1,
        &["import", "google", &fixture("google_missing_column.csv")],
    );
    assert!(
        line.contains("the header has no \"Last Name\" column"),
        "{line}"
    );
    let line = env.fails_unchanged(1, &["import", "linkedin", &fixture("google_new.csv")]);
    assert!(line.contains("is not LinkedIn's Connections.csv"), "{line}");
    assert!(
        line.contains("import it with `net import google`"),
        "{line}"
    );
    let line = env.fails_unchanged(1, &["import", "google", &fixture("linkedin_2018.csv")]);
    assert!(
        line.contains("use `net import linkedin`")
            || line.contains("import it with `net import linkedin`"),
        "{line}"
    );
}

#[test]
fn google_new_header_labels_multi_values_and_numbered_columns() {
    let env = TestEnv::new();
    let out = env.ok(&["import", "google", &fixture("google_new.csv")]);
    assert!(
        out.stderr.contains("Added 3, updated 0, skipped 1."),
        "{}",
        out.snapshot()
    );
    let anna = contact(&env, "Anna Müller");
    assert_eq!(
        strings(&anna["emails"]),
        [
            "anna@example.org",
            "anna@old.example",
            "a.mueller@home.example"
        ]
    );
    assert_eq!(strings(&anna["tags"]), ["golf-club", "kunden"]);
    assert_eq!(strings(&anna["aliases"]), ["Annie"]);
    assert_eq!(anna["role"], "CEO");
    assert_eq!(anna["birthday"], "1980-04-15");
    assert_eq!(strings(&anna["links"]), ["https://anna.example"]);
    let quinn = contact(&env, "Dr. Quinn Quast");
    assert_eq!(strings(&quinn["tags"]), ["starred"]);
    assert_eq!(quinn["birthday"], "--03-07");
    // A row with only an organisation is named after it.
    contact(&env, "Rad GmbH");
}

#[test]
fn google_old_header_with_group_membership_and_a_bom() {
    let env = TestEnv::new();
    env.ok(&["import", "google", &fixture("google_old.csv")]);
    let sven = contact(&env, "Sven Sommer");
    assert_eq!(sven["org"], "Sommer & Söhne");
    assert_eq!(sven["role"], "Inhaber");
    assert_eq!(
        strings(&sven["phones"]),
        ["0171 7654321", "0171 1111111", "+49 89 999"]
    );
    assert_eq!(strings(&sven["tags"]), ["ihk-events", "netzwerk"]);
    assert_eq!(strings(&sven["links"]), ["https://sommer.example"]);
}

#[test]
fn linkedin_then_google_is_one_person() {
    let env = TestEnv::new();
    env.ok(&["import", "linkedin", &fixture("linkedin_2025.csv")]);
    let out = env.ok(&["import", "google", &fixture("google_new.csv")]);
    assert!(
        out.stderr.contains("Added 2, updated 1"),
        "{}",
        out.snapshot()
    );
    let anna = contact(&env, "Anna Müller");
    assert_eq!(strings(&anna["tags"]), ["golf-club", "kunden", "linkedin"]);
    // LinkedIn came first: its organisation stays, Google's fills the rest.
    assert_eq!(anna["org"], "Müller GmbH, München");
    assert_eq!(anna["birthday"], "1980-04-15");
}

#[test]
fn an_import_is_one_undoable_step() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    let before = env.db_dump();
    env.ok(&["import", "google", &fixture("google_new.csv")]);
    assert_ne!(env.db_dump(), before);
    env.ok(&["undo"]);
    assert_eq!(env.db_dump(), before);
}

#[test]
fn json_merge_imports_into_a_database_that_has_contacts() {
    let laptop = TestEnv::new();
    laptop.ok(&[
        "add",
        "Anna Müller",
        "--email",
        "anna@example.org",
        "--tag",
        "client",
    ]);
    laptop.ok(&["add", "Bob Stone"]);
    laptop.ok(&[
        "log",
        "coffee",
        "anna",
        "bob",
        "--on",
        "2026-11-20",
        "--note",
        "kickoff",
    ]);
    laptop.ok(&["note", "anna", "two kids", "--about", "family"]);
    laptop.ok(&[
        "log",
        "call",
        "bob",
        "--follow-up",
        "send the offer",
        "--by",
        "2026-12-01",
    ]);
    laptop.ok(&["rule", "add", "--tag", "client", "--every", "1mo"]);
    let file = laptop.root().join("laptop.json");
    laptop.ok(&["export", "json", "--out", file.to_str().unwrap()]);

    let env = TestEnv::new();
    env.ok(&[
        "add",
        "Anna Mueller",
        "--email",
        "ANNA@example.org",
        "--org",
        "Müller GmbH",
    ]);
    env.ok(&["add", "Carl Other"]);
    let line = env.fails_unchanged(1, &["import", "json", file.to_str().unwrap()]);
    assert!(line.contains("add --merge"), "{line}");

    let before = env.db_dump();
    let out = env.ok(&[
        "import",
        "json",
        file.to_str().unwrap(),
        "--merge",
        "--dry-run",
    ]);
    assert_eq!(
        out.stdout,
        "update  #1 Anna Müller (same email)\nadd     Bob Stone\n"
    );
    assert_eq!(env.db_dump(), before);

    let out = env.ok(&["import", "json", file.to_str().unwrap(), "--merge"]);
    assert!(
        out.stderr.contains(
            "1 new contact, 1 updated, 0 unchanged; 2 interactions, 1 rule, 1 note, 1 promise"
        ),
        "{}",
        out.snapshot()
    );
    let export = env.export();
    assert_eq!(export["contacts"].as_array().unwrap().len(), 3);
    let anna = contact(&env, "Anna Mueller");
    assert_eq!(anna["org"], "Müller GmbH");
    assert_eq!(strings(&anna["tags"]), ["client"]);
    let coffee = export["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "coffee")
        .unwrap()
        .clone();
    let bob_id = contact(&env, "Bob Stone")["id"].clone();
    assert_eq!(coffee["contacts"], serde_json::json!([anna["id"], bob_id]));

    // Merging the same file again adds nothing.
    let after = env.db_dump();
    let out = env.ok(&["import", "json", file.to_str().unwrap(), "--merge"]);
    assert!(
        out.stderr.contains("0 interactions (2 already there)"),
        "{}",
        out.snapshot()
    );
    assert_eq!(env.db_dump(), after);
}
