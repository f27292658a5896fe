//! `net::dav::Client` against real Radicale and Xandikos on loopback: the
//! requests `net sync` will make, and the server answers it must understand.

use crate::common::dav::{DavServer, Kind, PASSWORD, USER};
use net::dav::{Client, CollectionType, Error, Kind as Collection, Write};

const VCARD: &str = "text/vcard; charset=utf-8";
const ICAL: &str = "text/calendar; charset=utf-8";

fn vcard(uid: &str, name: &str) -> String {
    format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{name};;;;\r\n\
         EMAIL;TYPE=INTERNET:ana@example.org\r\nNOTE:met at the conference & liked it\r\n\
         END:VCARD\r\n"
    )
}

fn ical(component: &str, uid: &str, summary: &str) -> String {
    let dates = match component {
        "VEVENT" => {
            "DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261124\r\nTRANSP:TRANSPARENT\r\n"
        }
        "VTODO" => "DUE;VALUE=DATE:20261130\r\nSTATUS:NEEDS-ACTION\r\n",
        _ => "DTSTART;VALUE=DATE:20261122\r\n",
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//net//tests//EN\r\nBEGIN:{component}\r\n\
         UID:{uid}\r\nDTSTAMP:20261122T090000Z\r\n{dates}SUMMARY:{summary}\r\n\
         END:{component}\r\nEND:VCALENDAR\r\n"
    )
}

fn client(server: &DavServer) -> Client {
    Client::new(&server.url(), USER, PASSWORD, None).unwrap()
}

/// A property line of an item, whatever the server did to the rest of it
/// (Radicale re-serialises items: compare values, not bytes).
fn has_line(body: &str, line: &str) -> bool {
    body.lines().any(|l| l.trim_end() == line)
}

/// Runs `scenario` against a fresh `kind` server, with its log on failure.
fn with_server(kind: Kind, scenario: impl Fn(&DavServer)) {
    crate::common::dav::on_each(&[kind], scenario);
}

/// Discovery, a new address book, and a card's life: create, sync, fetch,
/// update, the stale-ETag and duplicate-UID refusals, a rejected token, the
/// ETag listing, and a conditional delete.
fn address_book(server: &DavServer) {
    let c = client(server);
    let found = c.discover(Collection::AddressBook).unwrap();
    assert!(found.home.starts_with('/'), "{found:?}");

    let book = format!("{}net-{}/", found.home, server.kind.name());
    c.create_addressbook(&book, "net").unwrap();
    assert!(
        matches!(
            c.create_addressbook(&book, "net"),
            Err(Error::AlreadyExists { .. })
        ),
        "a second MKCOL on the same href"
    );
    let books = c
        .list_collections(&found.home, Collection::AddressBook)
        .unwrap();
    let listed = books
        .iter()
        .find(|b| b.href == book)
        .unwrap_or_else(|| panic!("{book} not in {books:?}"));
    assert_eq!(listed.kind, CollectionType::AddressBook);
    assert_eq!(listed.display_name.as_deref(), Some("net"));
    assert!(listed.sync_token.is_some(), "{listed:?}");
    // Calendars are not address books.
    let calendars = c
        .list_collections(&found.home, Collection::Calendar)
        .unwrap();
    assert!(calendars.iter().all(|cal| cal.href != book));

    let first = c.sync_collection(&book, None).unwrap();
    assert!(
        first.changed.is_empty() && first.removed.is_empty(),
        "{first:?}"
    );

    // A new card under a UUID name; its UID has the characters imported
    // UIDs have, which never go into the href.
    let uid = "urn:uuid:0f1e/2d3c@phone";
    let href = Client::new_href(&book, "vcf").unwrap();
    let etag1 = c
        .put(&href, &vcard(uid, "Ana Lima"), VCARD, Write::Create)
        .unwrap()
        .expect("an ETag for the new card");
    assert!(
        matches!(
            c.put(&href, &vcard(uid, "Ana Lima"), VCARD, Write::Create),
            Err(Error::PreconditionFailed { .. })
        ),
        "If-None-Match: * on an existing href"
    );

    let delta = c.sync_collection(&book, Some(&first.token)).unwrap();
    assert_eq!(delta.changed, vec![(href.clone(), etag1.clone())]);
    assert!(delta.removed.is_empty());
    assert_ne!(delta.token, first.token);
    // Nothing new since: one request, nothing to do.
    let quiet = c.sync_collection(&book, Some(&delta.token)).unwrap();
    assert!(
        quiet.changed.is_empty() && quiet.removed.is_empty(),
        "{quiet:?}"
    );

    let items = c
        .multiget(&book, Collection::AddressBook, &[href.as_str()])
        .unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].href, href);
    assert_eq!(items[0].etag, etag1);
    assert!(
        has_line(&items[0].body, &format!("UID:{uid}")),
        "{}",
        items[0].body
    );
    assert!(has_line(&items[0].body, "FN:Ana Lima"), "{}", items[0].body);
    assert!(
        has_line(&items[0].body, "NOTE:met at the conference & liked it"),
        "{}",
        items[0].body
    );
    let got = c.get(&href).unwrap();
    assert_eq!(got.etag, etag1);
    assert!(has_line(&got.body, "FN:Ana Lima"));

    // Update with the current ETag, then a write with the old one is refused.
    let etag2 = c
        .put(
            &href,
            &vcard(uid, "Ana Lima Souza"),
            VCARD,
            Write::Replace(&etag1),
        )
        .unwrap()
        .expect("an ETag for the update");
    assert_ne!(etag1, etag2);
    let stale = c.put(&href, &vcard(uid, "Ana L."), VCARD, Write::Replace(&etag1));
    assert!(
        matches!(stale, Err(Error::PreconditionFailed { .. })),
        "{stale:?}"
    );
    assert!(has_line(&c.get(&href).unwrap().body, "FN:Ana Lima Souza"));

    // The same UID under another href: Radicale refuses it (409); Xandikos
    // 0.4.10 takes it in an address book (it checks UIDs in calendars only),
    // so a pull can meet two cards with one UID.
    let twin = Client::new_href(&book, "vcf").unwrap();
    let dup = c.put(&twin, &vcard(uid, "Ana again"), VCARD, Write::Create);
    match server.kind {
        Kind::Radicale => assert!(matches!(dup, Err(Error::Conflict { .. })), "{dup:?}"),
        Kind::Xandikos => {
            let twin_etag = dup.unwrap().unwrap();
            c.delete(&twin, Some(&twin_etag)).unwrap();
        }
    }

    // A token the server never gave, and one from before a change.
    for bogus in ["bogus-token", "http://radicale.org/ns/sync/ffffffff"] {
        let rejected = c.sync_collection(&book, Some(bogus));
        assert!(
            matches!(rejected, Err(Error::InvalidSyncToken { .. })),
            "{bogus}: {rejected:?}"
        );
    }
    assert_eq!(
        c.list_etags(&book).unwrap(),
        vec![(href.clone(), etag2.clone())]
    );
    assert_eq!(
        c.sync_token(&book).unwrap().as_deref(),
        Some(
            c.sync_collection(&book, Some(&first.token))
                .unwrap()
                .token
                .as_str()
        )
    );

    // Delete only with the current ETag; then the sync reports it removed.
    let before = c.sync_collection(&book, Some(&first.token)).unwrap().token;
    let refused = c.delete(&href, Some(&etag1));
    assert!(
        matches!(refused, Err(Error::PreconditionFailed { .. })),
        "{refused:?}"
    );
    c.delete(&href, Some(&etag2)).unwrap();
    let gone = c.sync_collection(&book, Some(&before)).unwrap();
    assert_eq!(gone.removed, vec![href.clone()], "{gone:?}");
    assert!(gone.changed.is_empty(), "{gone:?}");
    assert!(matches!(c.get(&href), Err(Error::NotFound { .. })));
    assert!(matches!(c.delete(&href, None), Err(Error::NotFound { .. })));
    assert!(c
        .multiget(&book, Collection::AddressBook, &[href])
        .unwrap()
        .is_empty());
    assert!(c.list_etags(&book).unwrap().is_empty());
}

/// The three calendars `net` keeps: journal, tasks, events; an item in each,
/// fetched back by calendar-multiget.
fn calendars(server: &DavServer) {
    let c = client(server);
    let found = c.discover(Collection::Calendar).unwrap();
    // A URL that points past the root (the principal) finds the same home,
    // without .well-known.
    let deep = format!(
        "{}{}",
        server.url(),
        found.principal.trim_start_matches('/')
    );
    let from_principal = Client::new(&deep, USER, PASSWORD, None).unwrap();
    assert_eq!(
        from_principal.discover(Collection::Calendar).unwrap(),
        found
    );
    let mut made = Vec::new();
    for (name, component) in [
        ("net-log", "VJOURNAL"),
        ("net-promises", "VTODO"),
        ("net-check-ins", "VEVENT"),
    ] {
        let href = format!("{}{name}/", found.home);
        c.create_calendar(&href, name, &[component]).unwrap();
        made.push((href, component));
    }
    let listed = c
        .list_collections(&found.home, Collection::Calendar)
        .unwrap();
    for (href, component) in &made {
        let cal = listed
            .iter()
            .find(|l| &l.href == href)
            .unwrap_or_else(|| panic!("{href} not in {listed:?}"));
        assert_eq!(
            cal.kind,
            CollectionType::Calendar {
                components: vec![component.to_string()]
            }
        );
        assert!(cal.sync_token.is_some(), "{cal:?}");
    }
    assert!(c
        .list_collections(&found.home, Collection::AddressBook)
        .unwrap()
        .iter()
        .all(|b| !made.iter().any(|(href, _)| *href == b.href)));

    for (calendar, component) in &made {
        let start = c.sync_collection(calendar, None).unwrap();
        let href = Client::new_href(calendar, "ics").unwrap();
        let uid = format!("{component}-1@net");
        let body = ical(component, &uid, "Coffee with Ana");
        let etag = c.put(&href, &body, ICAL, Write::Create).unwrap().unwrap();
        let delta = c.sync_collection(calendar, Some(&start.token)).unwrap();
        assert_eq!(
            delta.changed,
            vec![(href.clone(), etag.clone())],
            "{component}"
        );
        let items = c
            .multiget(calendar, Collection::Calendar, &[href.as_str()])
            .unwrap();
        assert_eq!(items.len(), 1, "{component}");
        assert_eq!(items[0].etag, etag);
        assert!(
            has_line(&items[0].body, &format!("BEGIN:{component}")),
            "{}",
            items[0].body
        );
        assert!(
            has_line(&items[0].body, &format!("UID:{uid}")),
            "{}",
            items[0].body
        );
        assert!(
            has_line(&items[0].body, "SUMMARY:Coffee with Ana"),
            "{}",
            items[0].body
        );

        // Ticked off on the phone: a new version under the same href.
        if *component == "VTODO" {
            let done = body.replace(
                "STATUS:NEEDS-ACTION",
                "STATUS:COMPLETED\r\nCOMPLETED:20261125T080000Z",
            );
            let etag2 = c
                .put(&href, &done, ICAL, Write::Replace(&etag))
                .unwrap()
                .unwrap();
            let items = c
                .multiget(calendar, Collection::Calendar, &[href.as_str()])
                .unwrap();
            assert_eq!(items[0].etag, etag2);
            assert!(
                has_line(&items[0].body, "STATUS:COMPLETED"),
                "{}",
                items[0].body
            );
        }
        // The same UID under another href: Radicale answers 409, Xandikos
        // 412 with `no-uid-conflict`; both are a Conflict.
        let twin = Client::new_href(calendar, "ics").unwrap();
        let dup = c.put(&twin, &body, ICAL, Write::Create);
        assert!(
            matches!(dup, Err(Error::Conflict { .. })),
            "{component}: {dup:?}"
        );
    }
}

#[test]
fn radicale_address_book() {
    with_server(Kind::Radicale, address_book);
}

#[test]
fn xandikos_address_book() {
    with_server(Kind::Xandikos, address_book);
}

#[test]
fn radicale_calendars() {
    with_server(Kind::Radicale, calendars);
}

#[test]
fn xandikos_calendars() {
    with_server(Kind::Xandikos, calendars);
}

/// Xandikos enforces a calendar's component set; Radicale does not (so
/// `net sync` must not rely on the server to keep kinds apart).
#[test]
fn component_sets_are_enforced_by_xandikos_only() {
    for kind in Kind::ALL {
        with_server(kind, |server| {
            let c = client(server);
            let home = c.discover(Collection::Calendar).unwrap().home;
            let journal = format!("{home}only-journal/");
            c.create_calendar(&journal, "journal", &["VJOURNAL"])
                .unwrap();
            let href = Client::new_href(&journal, "ics").unwrap();
            let put = c.put(
                &href,
                &ical("VTODO", "todo-1@net", "Send the deck"),
                ICAL,
                Write::Create,
            );
            match kind {
                Kind::Xandikos => assert!(
                    matches!(
                        &put,
                        Err(Error::Rejected { condition, .. }) if condition == "supported-calendar-component"
                    ),
                    "{put:?}"
                ),
                Kind::Radicale => assert!(put.is_ok(), "{put:?}"),
            }
        });
    }
}

/// A wrong password is its own error, and says which server refused it.
/// (Xandikos has no authentication: only Radicale can refuse.)
#[test]
fn radicale_wrong_password_is_unauthorized() {
    with_server(Kind::Radicale, |server| {
        let c = Client::new(&server.url(), USER, "wrong", None).unwrap();
        let err = c.discover(Collection::AddressBook).unwrap_err();
        assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(&server.url()), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
        let other = Client::new(&server.url(), "bob", PASSWORD, None).unwrap();
        assert!(matches!(
            other.discover(Collection::AddressBook),
            Err(Error::Unauthorized { .. })
        ));
    });
}

/// A server that is not there is a network error naming the URL, not a hang.
#[test]
fn a_closed_port_is_a_network_error_with_the_url() {
    let port = {
        let l = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let c = Client::new(&url, USER, PASSWORD, None).unwrap();
    let err = c.discover(Collection::AddressBook).unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(err.to_string().contains(&url), "{err}");
}

/// TLS: a self-signed server is refused with the platform's roots, and
/// trusted with its CA in `ca_file`; the whole client works over it.
#[test]
fn radicale_over_tls_with_a_ca_file() {
    let Some(server) = DavServer::start_radicale_tls() else {
        return;
    };
    let untrusted = Client::new(&server.url(), USER, PASSWORD, None).unwrap();
    let err = untrusted.discover(Collection::AddressBook).unwrap_err();
    assert!(matches!(err, Error::Certificate { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains(&server.url()) && text.contains("ca_file"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, crate::common::dav::TEST_CA_PEM).unwrap();
    let c = Client::new(&server.url(), USER, PASSWORD, Some(&ca)).unwrap();
    let home = c.discover(Collection::AddressBook).unwrap().home;
    let book = format!("{home}tls/");
    c.create_addressbook(&book, "tls").unwrap();
    let href = Client::new_href(&book, "vcf").unwrap();
    let etag = c
        .put(&href, &vcard("tls-1", "Ana"), VCARD, Write::Create)
        .unwrap()
        .unwrap();
    assert_eq!(c.list_etags(&book).unwrap(), vec![(href, etag)]);
    let wrong = Client::new(&server.url(), USER, "nope", Some(&ca)).unwrap();
    assert!(matches!(
        wrong.list_etags(&book),
        Err(Error::Unauthorized { .. })
    ));
}
