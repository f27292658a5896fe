//! `net sync` when both sides changed one field (the later change wins, the
//! other stays visible) and when another device merged two contacts (the
//! merge is followed, history and all), against Radicale and Xandikos.

use crate::common::TestEnv;
use crate::sync::{contact, history, machine, names, network, on_both, unfold, Phone, VCARD};
use net::dav::Write;
use serde_json::json;

fn sync_on(env: &TestEnv, day: &str) -> String {
    env.ok_on(day, &["sync"]).stderr
}

#[test]
fn the_later_change_wins_whichever_device_syncs_first() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["sync"]);
        let desktop = machine(server);
        desktop.ok(&["sync"]);
        // Bob: the desktop's rename is the later one; Anna: the laptop's.
        laptop.ok_on("2026-11-23", &["edit", "bob", "--rename", "Robert Stone"]);
        desktop.ok_on("2026-11-24", &["edit", "bob", "--rename", "Bobby Stone"]);
        desktop.ok_on("2026-11-23", &["edit", "anna", "--rename", "Anna Lima"]);
        laptop.ok_on("2026-11-24", &["edit", "anna", "--rename", "Anna Schmidt"]);
        sync_on(&laptop, "2026-11-25");
        let out = sync_on(&desktop, "2026-11-25");
        assert!(
            out.contains("both changed Bobby Stone: name (this device's won)"),
            "{out}"
        );
        assert!(
            out.contains("both changed Anna Schmidt: name (the server's won)"),
            "{out}"
        );
        assert!(out.contains("the later change won"), "{out}");
        sync_on(&laptop, "2026-11-25");
        for env in [&laptop, &desktop] {
            assert_eq!(names(env), ["Anna Schmidt", "Bobby Stone"]);
            assert_eq!(
                contact(env, "Bobby Stone")["aliases"],
                json!(["Robert Stone"])
            );
            assert_eq!(
                contact(env, "Anna Schmidt")["aliases"],
                json!(["Anna Lima"])
            );
            let out = sync_on(env, "2026-11-25");
            assert!(out.contains("contacts: nothing to do."), "{out}");
        }
        // The card says when it changed: the desktop's rename.
        let (_, _, card) = Phone::new(server).card_of("Bobby Stone");
        assert!(card.contains("\nREV:20261124T000000Z\r"), "{card}");
    });
}

/// The card as a phone rewrites it: `from` replaced with `to`, REV as given
/// (None: the phone writes none).
fn phone_edit(phone: &Phone, name: &str, from: &str, to: &str, rev: Option<&str>) {
    let (href, etag, text) = phone.card_of(name);
    let mut card: String = unfold(&text)
        .split("\r\n")
        .filter(|l| !l.is_empty() && !l.starts_with("REV:"))
        .map(|l| format!("{}\r\n", l.replace(from, to)))
        .collect();
    if let Some(rev) = rev {
        card = card.replace("END:VCARD", &format!("REV:{rev}\r\nEND:VCARD"));
    }
    phone
        .client
        .put(&href, &card, VCARD, Write::Replace(&etag))
        .unwrap();
}

#[test]
fn a_phones_rev_is_compared_and_a_card_without_one_is_older() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["sync"]);
        let phone = Phone::new(server);
        // iOS writes REV with dashes and colons: later than the laptop's edit.
        phone_edit(
            &phone,
            "Anna Müller",
            "FN:Anna Müller",
            "FN:Anna Phone",
            Some("2026-11-24T08:00:00Z"),
        );
        // No REV at all: older than any change made here.
        phone_edit(&phone, "Bob Stone", "FN:Bob Stone", "FN:Bobby Phone", None);
        laptop.ok_on("2026-11-23", &["edit", "anna", "--rename", "Anna Lima"]);
        laptop.ok_on("2026-11-23", &["edit", "bob", "--rename", "Robert Stone"]);
        let out = sync_on(&laptop, "2026-11-25");
        assert!(out.contains("Anna Phone: name (the server's won)"), "{out}");
        assert!(
            out.contains("Robert Stone: name (this device's won)"),
            "{out}"
        );
        assert_eq!(names(&laptop), ["Anna Phone", "Robert Stone"]);
        assert_eq!(
            contact(&laptop, "Anna Phone")["aliases"],
            json!(["Anna Lima"])
        );
        assert_eq!(
            contact(&laptop, "Robert Stone")["aliases"],
            json!(["Bobby Phone"])
        );
        // The why the phone never knew is still there.
        assert_eq!(
            contact(&laptop, "Anna Phone")["why"],
            "referrer for Mittelstand clients"
        );
        let (_, _, card) = phone.card_of("Robert Stone");
        assert!(card.contains("\nREV:20261123T000000Z\r"), "{card}");
        assert!(sync_on(&laptop, "2026-11-25").contains("contacts: nothing to do."));
    });
}

#[test]
fn a_merge_on_one_device_is_followed_on_the_other_with_its_history() {
    on_both(|server| {
        let laptop = machine(server);
        network(&laptop);
        laptop.ok(&["add", "Robert Stone", "--email", "robert@stone.example"]);
        laptop.ok(&["log", "call", "Bob Stone", "--note", "shared"]);
        laptop.ok(&["sync"]);
        let desktop = machine(server);
        desktop.ok(&["sync"]);
        // The desktop's own history of Bob, not on the server yet.
        desktop.ok(&["log", "lunch", "Bob Stone", "--note", "desktop only"]);
        let out = laptop.ok(&["merge", "Robert Stone", "Bob Stone"]);
        assert!(
            out.stderr.contains("Merged Bob Stone"),
            "{}",
            out.snapshot()
        );
        let out = sync_on(&laptop, "2026-11-22");
        assert!(out.contains("1 deleted from the server"), "{out}");
        let out = sync_on(&desktop, "2026-11-22");
        assert!(
            out.contains("merged on another device: Bob Stone into Robert Stone"),
            "{out}"
        );
        assert!(!out.contains("deleted elsewhere"), "{out}");
        assert!(out.contains("log: 1 uploaded."), "{out}");
        sync_on(&laptop, "2026-11-22");
        let want = vec![
            (
                "call".to_string(),
                "2026-11-22".to_string(),
                vec!["Robert Stone".to_string()],
                "shared".to_string(),
            ),
            (
                "lunch".to_string(),
                "2026-11-22".to_string(),
                vec!["Robert Stone".to_string()],
                "desktop only".to_string(),
            ),
        ];
        for env in [&laptop, &desktop] {
            assert_eq!(names(env), ["Anna Müller", "Robert Stone"]);
            assert_eq!(history(env), want);
            let robert = contact(env, "Robert Stone");
            assert_eq!(robert["aliases"], json!(["Bob Stone"]), "{robert}");
            assert_eq!(robert["phones"], json!(["+44 7700 900123"]), "{robert}");
        }
        let cards = Phone::new(server).cards();
        assert_eq!(cards.len(), 2);
        let (_, _, robert) = Phone::new(server).card_of("Robert Stone");
        assert!(unfold(&robert).contains("\nX-NET-MERGED:"), "{robert}");
        for env in [&laptop, &desktop] {
            let out = sync_on(env, "2026-11-22");
            assert!(out.contains("contacts: nothing to do."), "{out}");
            assert!(out.contains("log: nothing to do."), "{out}");
        }
    });
}
