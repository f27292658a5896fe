//! Black-box tests of the `net` binary: every test runs the real program on a
//! temporary database in a sealed environment (see `common`).

mod common;

mod add;
mod aggregates;
mod archive;
mod assess;
mod birthdays;
mod budget;
mod capture;
mod capture_backup;
mod capture_calendar;
mod completion_fish;
mod completion_ids;
mod completion_kinds;
mod config;
mod correct;
mod correct_more;
mod dav_client;
mod depth;
mod derive;
mod due;
mod dunbar;
mod dupes_typed;
mod edit;
mod errors;
mod every;
mod export_formats;
mod export_import;
mod faults;
mod forget;
mod give;
mod history;
mod house;
mod import_formats;
mod intro;
mod list;
mod log;
mod merge;
mod morning;
mod names;
mod no_row_lost;
mod note;
mod prompts;
mod prune;
mod rule;
mod search;
mod show;
mod snooze;
mod stats;
mod store;
mod sync;
mod sync_conflicts;
mod sync_records;
mod tags;
mod terminal;
mod todo;
mod trust;
mod undo_bulk;
mod vcard_names;
mod who;

/// A test file that is not declared above would silently never run.
#[test]
fn every_test_file_is_a_declared_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs")
            && stem != "main"
            && !main.lines().any(|l| l.trim() == format!("mod {stem};"))
        {
            missing.push(stem.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "tests/cli/*.rs not declared in main.rs: {missing:?}"
    );
}
