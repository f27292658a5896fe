//! The readers and the rules on the fixtures in tests/fixtures/capture/.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use super::calendar::{self, Event};
use super::mail::{self, Mail, MboxMarker};
use super::rules::{self, Proposal, Settings, Skip, Source};
use crate::model::Initiator;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/capture")
        .join(name)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn me() -> Vec<String> {
    vec!["me@example.com".into(), "Me.Private@Example.net".into()]
}

/// Anna 1 (two addresses), Bob 2, Carla 3, Dan 4.
fn lookup(email: &str) -> Vec<i64> {
    match email {
        "anna@example.org" | "anna.private@example.net" => vec![1],
        "bob@example.org" => vec![2],
        "carla@example.org" => vec![3],
        "dan@example.org" => vec![4],
        _ => vec![],
    }
}

fn berlin() -> Settings {
    let mut s = Settings {
        zone: Some("Europe/Berlin".parse().unwrap()),
        ..Settings::default()
    };
    s.kind_minutes.insert("lunch".into(), 75);
    s
}

fn calendar_events() -> Vec<Event> {
    let r = calendar::read_file(
        &fixture("calendar.ics"),
        d("2026-10-01"),
        d("2026-11-30"),
        &me(),
    )
    .unwrap();
    assert_eq!(r.problems, Vec::<String>::new());
    r.events
}

fn of_uid<'a>(events: &'a [Event], uid: &str) -> Vec<&'a Event> {
    events.iter().filter(|e| e.uid == uid).collect()
}

#[test]
fn weekly_series_expands_in_berlin_time_without_the_exdate() {
    let events = calendar_events();
    let weekly = of_uid(&events, "weekly-sync@example.org");
    let ids: Vec<&str> = weekly.iter().map(|e| e.source_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            // 10:00 summer time, then 10:00 winter time (DST ends 25 October).
            "ics:weekly-sync@example.org/20261006T080000Z",
            "ics:weekly-sync@example.org/20261013T080000Z",
            "ics:weekly-sync@example.org/20261027T090000Z",
            "ics:weekly-sync@example.org/20261103T090000Z",
            // Moved to Wednesday 14:00: keeps the id of its original start.
            "ics:weekly-sync@example.org/20261110T090000Z",
            "ics:weekly-sync@example.org/20261117T090000Z",
            "ics:weekly-sync@example.org/20261124T090000Z",
        ]
    );
    assert!(weekly
        .iter()
        .all(|e| e.local_start.time() == t("10:00") || e.summary == "Weekly sync (moved)"));
    let moved = weekly
        .iter()
        .find(|e| e.summary == "Weekly sync (moved)")
        .unwrap();
    assert_eq!(moved.local_start, d("2026-11-11").and_time(t("14:00")));
    assert_eq!(moved.minutes, 60);
    assert_eq!(weekly[0].minutes, 30);
    assert_eq!(weekly[0].start.offset().local_minus_utc(), 7200);
    assert_eq!(weekly[2].start.offset().local_minus_utc(), 3600);
    assert_eq!(
        weekly[0].prodid.as_deref(),
        Some("-//Example Corp//Team Calendar 4.2//EN")
    );
}

#[test]
fn attendees_are_lower_case_with_partstat_and_me() {
    let events = calendar_events();
    let e = of_uid(&events, "weekly-sync@example.org")[0];
    let o = e.organizer.as_ref().unwrap();
    assert_eq!((o.email.as_str(), o.me), ("me@example.com", true));
    let anna = &e.attendees[0];
    assert_eq!(anna.email, "anna@example.org");
    assert_eq!(anna.name.as_deref(), Some("Anna Müller"));
    assert_eq!(anna.partstat.as_deref(), Some("ACCEPTED"));
    assert!(!anna.me);
    assert_eq!(e.attendees[1].partstat.as_deref(), Some("DECLINED"));
}

#[test]
fn a_series_that_began_years_ago_reaches_the_window() {
    let events = calendar_events();
    let old = of_uid(&events, "old-weekly@example.org");
    // Mondays from 5 October to 30 November 2026.
    assert_eq!(old.len(), 9);
    assert_eq!(
        old[0].source_id,
        "ics:old-weekly@example.org/20261005T150000Z"
    );
    assert_eq!(old[0].local_start, d("2026-10-05").and_time(t("17:00")));
}

#[test]
fn the_window_bounds_what_is_read() {
    let r = calendar::read_file(
        &fixture("calendar.ics"),
        d("2026-10-13"),
        d("2026-10-13"),
        &me(),
    )
    .unwrap();
    let ids: HashSet<&str> = r.events.iter().map(|e| e.source_id.as_str()).collect();
    assert_eq!(
        ids,
        HashSet::from([
            "ics:weekly-sync@example.org/20261013T080000Z",
            "ics:dentist@example.org",
        ])
    );
}

#[test]
fn all_day_and_utc_events() {
    let events = calendar_events();
    let offsite = of_uid(&events, "offsite@example.org")[0];
    assert!(offsite.all_day);
    assert_eq!(offsite.source_id, "ics:offsite@example.org");
    assert_eq!(offsite.local_start.date(), d("2026-10-15"));
    let call = of_uid(&events, "call-dan@example.org")[0];
    assert!(!call.all_day && !call.floating);
    assert_eq!(call.minutes, 30);
    assert_eq!(call.local_start, d("2026-10-16").and_time(t("15:00")));
}

fn calendar_outcome() -> rules::Outcome {
    rules::events(&calendar_events(), &me(), lookup, &berlin())
}

fn proposal<'a>(o: &'a rules::Outcome, source_id: &str) -> &'a Proposal {
    o.proposals
        .iter()
        .find(|p| p.source_id == source_id)
        .unwrap_or_else(|| panic!("no proposal {source_id} in {:#?}", o.proposals))
}

#[test]
fn meeting_rules_on_the_calendar() {
    let o = calendar_outcome();
    assert_eq!(o.skipped(Skip::Cancelled), 1);
    assert_eq!(o.skipped(Skip::Declined), 1);
    // Focus time (only me) and the dentist (no one).
    assert_eq!(o.skipped(Skip::Alone), 2);
    // The check-in series: 21 October only, in the window.
    assert_eq!(o.skipped(Skip::NetOwn), 1);
    assert_eq!(o.skipped(Skip::NoContact), 1);
    // 7 weekly syncs, 9 old weeklies, the offsite, the call.
    assert_eq!(o.proposals.len(), 18);

    let sync = proposal(&o, "ics:weekly-sync@example.org/20261027T090000Z");
    // Bob declined: only Anna is there.
    assert_eq!(sync.contacts, vec![1]);
    assert_eq!((sync.kind.as_str(), sync.minutes), ("meeting", 30));
    assert_eq!((sync.date, sync.time), (d("2026-10-27"), Some(t("10:00"))));
    assert_eq!(sync.initiator, Initiator::Me);
    assert_eq!(sync.source, Source::Ics);

    let offsite = proposal(&o, "ics:offsite@example.org");
    assert_eq!((offsite.kind.as_str(), offsite.minutes), ("lunch", 75));
    assert_eq!((offsite.date, offsite.time), (d("2026-10-15"), None));
    assert_eq!(offsite.contacts, vec![3]);

    let call = proposal(&o, "ics:call-dan@example.org");
    assert_eq!(call.kind, "call");
    // 15:00 UTC is 17:00 in Berlin.
    assert_eq!(call.time, Some(t("17:00")));
    assert_eq!(call.initiator, Initiator::They);

    let coffee = proposal(&o, "ics:old-weekly@example.org/20261005T150000Z");
    assert_eq!(
        (coffee.kind.as_str(), coffee.contacts.as_slice()),
        ("coffee", &[2][..])
    );
}

#[test]
fn without_a_zone_utc_stays_utc() {
    let o = rules::events(&calendar_events(), &me(), lookup, &Settings::default());
    let call = proposal(&o, "ics:call-dan@example.org");
    assert_eq!(call.time, Some(t("15:00")));
    // Events with a TZID keep their own wall clock.
    let sync = proposal(&o, "ics:weekly-sync@example.org/20261006T080000Z");
    assert_eq!(sync.time, Some(t("10:00")));
}

#[test]
fn an_all_day_kind_without_usual_minutes_takes_the_default() {
    let mut s = berlin();
    s.kind_minutes.clear();
    s.all_day_minutes = 90;
    let o = rules::events(&calendar_events(), &me(), lookup, &s);
    assert_eq!(proposal(&o, "ics:offsite@example.org").minutes, 90);
}

#[test]
fn nets_own_export_is_never_captured() {
    let r = calendar::read_file(
        &fixture("net-export.ics"),
        d("2026-10-01"),
        d("2026-11-30"),
        &me(),
    )
    .unwrap();
    // Five fortnightly check-ins and a birthday.
    assert_eq!(r.events.len(), 6, "{:#?}", r.events);
    let o = rules::events(&r.events, &me(), lookup, &berlin());
    assert!(o.proposals.is_empty());
    assert_eq!(o.skipped(Skip::NetOwn), 6);
}

#[test]
fn nets_own_export_as_written_by_the_exporter() {
    use crate::formats::ics::{write, Event as Out, Repeat};
    use crate::model::{Interval, Unit};
    let text = write(
        &[Out {
            uid: "checkin-net-1-20260101@net.local".into(),
            summary: "Check in with Anna Müller".into(),
            description: None,
            day: d("2026-10-05"),
            repeat: Some(Repeat {
                every: Interval::new(2, Unit::Weeks),
                until: Some(d("2026-12-31")),
                end_of_february: false,
            }),
            category: "net check-in",
        }],
        "net",
        d("2026-10-01").and_time(t("00:00")),
    );
    let mut events = calendar::read(&text, d("2026-10-01"), d("2026-11-30"), &me()).events;
    assert_eq!(events.len(), 5);
    let o = rules::events(&events, &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::NetOwn), 5);
    // Imported into another calendar: the category still tells.
    for e in &mut events {
        e.prodid = Some("-//Google Inc//Google Calendar 70.9054//EN".into());
        e.attendees.push(calendar::Person {
            email: "anna@example.org".into(),
            name: None,
            partstat: None,
            me: false,
        });
    }
    let o = rules::events(&events, &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::NetOwn), 5);
    // Without the category, the UID and summary tell.
    for e in &mut events {
        e.categories.clear();
    }
    let o = rules::events(&events, &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::NetOwn), 5);
}

#[test]
fn source_ids_are_the_same_on_every_read() {
    let a: Vec<String> = calendar_events().into_iter().map(|e| e.source_id).collect();
    let b: Vec<String> = calendar_events().into_iter().map(|e| e.source_id).collect();
    assert_eq!(a, b);
    let unique: HashSet<&String> = a.iter().collect();
    assert_eq!(unique.len(), a.len());
}

#[test]
fn hints_name_frequent_strangers() {
    let mut s = berlin();
    s.hint_min = 1;
    let o = rules::events(&calendar_events(), &me(), lookup, &s);
    assert_eq!(o.hints.len(), 1);
    assert_eq!(o.hints[0].email, "maria@example.net");
    assert_eq!(o.hints[0].name.as_deref(), Some("Maria"));
}

// ---- mail ----

fn maildir_mails() -> Vec<Mail> {
    let files = mail::list_maildir(&fixture("maildir"), &|_, _| false).unwrap();
    files
        .iter()
        .map(|f| mail::read_mail_file(f).unwrap().unwrap())
        .collect()
}

fn by_id<'a>(mails: &'a [Mail], id: &str) -> &'a Mail {
    mails
        .iter()
        .find(|m| m.message_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no mail {id}"))
}

#[test]
fn maildir_lists_cur_new_and_subfolders() {
    let files = mail::list_maildir(&fixture("maildir"), &|_, _| false).unwrap();
    assert_eq!(files.len(), 13);
    let sent: Vec<&str> = files
        .iter()
        .filter(|f| f.sent_folder)
        .map(|f| f.folder.as_str())
        .collect();
    assert_eq!(sent, [".Sent"]);
    assert!(files
        .iter()
        .any(|f| f.key == "1791190800.M1P101.host" && f.folder.is_empty()));
    assert!(files.iter().any(|f| f.key == "1791275400.M3P103.host"));
}

#[test]
fn maildir_rescan_lists_only_new_files() {
    let first = mail::list_maildir(&fixture("maildir"), &|_, _| false).unwrap();
    let seen: HashSet<(String, String)> = first
        .iter()
        .filter(|f| !f.path.to_string_lossy().contains("/new/"))
        .map(|f| (f.folder.clone(), f.key.clone()))
        .collect();
    let again = mail::list_maildir(&fixture("maildir"), &|folder, key| {
        seen.contains(&(folder.to_string(), key.to_string()))
    })
    .unwrap();
    let keys: Vec<&str> = again.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["1791275400.M3P103.host"]);
}

#[test]
fn a_mail_keeps_its_key_when_its_flags_change_or_it_moves_to_cur() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("new")).unwrap();
    std::fs::create_dir_all(dir.path().join("cur")).unwrap();
    std::fs::write(dir.path().join("new/123.M1.host"), "From: a@b.c\n\n").unwrap();
    let seen: HashSet<(String, String)> = mail::list_maildir(dir.path(), &|_, _| false)
        .unwrap()
        .into_iter()
        .map(|f| (f.folder, f.key))
        .collect();
    std::fs::rename(
        dir.path().join("new/123.M1.host"),
        dir.path().join("cur/123.M1.host:2,RS"),
    )
    .unwrap();
    let again = mail::list_maildir(dir.path(), &|f, k| {
        seen.contains(&(f.to_string(), k.to_string()))
    })
    .unwrap();
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn headers_are_read_and_decoded() {
    let mails = maildir_mails();
    let enc = by_id(&mails, "enc1@example.org");
    assert_eq!(enc.subject.as_deref(), Some("Rückfrage"));
    assert_eq!(enc.from[0].email, "carla@example.org");
    assert_eq!(enc.from[0].name.as_deref(), Some("Carla Diaz"));
    let t3 = by_id(&mails, "t3@example.org");
    assert_eq!(t3.in_reply_to, ["t2@example.com"]);
    assert_eq!(t3.references, ["t1@example.org", "t2@example.com"]);
    assert_eq!(t3.thread_root(), "t1@example.org");
    assert_eq!(t3.date.unwrap().to_rfc3339(), "2026-10-06T08:30:00+02:00");
    let list = by_id(&mails, "list1@example.org");
    assert!(list
        .list_id
        .as_deref()
        .unwrap()
        .contains("dev.lists.example.org"));
    assert!(list.list_unsubscribe.is_some());
    assert_eq!(
        by_id(&mails, "bulk1@example.org").precedence.as_deref(),
        Some("bulk")
    );
    assert_eq!(
        by_id(&mails, "auto1@example.org").auto_submitted.as_deref(),
        Some("auto-replied")
    );
    assert!(by_id(&mails, "t2@example.com").sent_folder);
    assert!(!t3.sent_folder);
}

#[test]
fn a_mail_without_message_id_gets_a_stable_hash() {
    let a = maildir_mails();
    let b = maildir_mails();
    let no_id: Vec<&Mail> = a.iter().filter(|m| m.message_id.is_none()).collect();
    assert_eq!(no_id.len(), 1);
    assert!(no_id[0].source_id.starts_with("mail:hash-"));
    let again = b.iter().find(|m| m.message_id.is_none()).unwrap();
    assert_eq!(no_id[0].source_id, again.source_id);
    assert_eq!(by_id(&a, "t1@example.org").source_id, "mail:t1@example.org");
}

#[test]
fn mail_rules_on_the_maildir() {
    let o = rules::mails(&maildir_mails(), &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::List), 1);
    assert_eq!(o.skipped(Skip::Bulk), 1);
    assert_eq!(o.skipped(Skip::NoReply), 1);
    assert_eq!(o.skipped(Skip::TooManyRecipients), 1);
    assert_eq!(o.skipped(Skip::AutoSubmitted), 1);
    assert_eq!(o.skipped(Skip::NoContact), 3);
    // The thread on 5 October (two mails), on 6 October, the Rückfrage, Dan's.
    assert_eq!(o.proposals.len(), 4, "{:#?}", o.proposals);
    let day1 = &o.proposals[0];
    assert_eq!(day1.date, d("2026-10-05"));
    assert_eq!(day1.source_id, "mail-thread:t1@example.org@2026-10-05#1");
    assert_eq!(
        day1.item_ids,
        ["mail:t1@example.org", "mail:t2@example.com"]
    );
    assert_eq!((day1.kind.as_str(), day1.minutes), ("email", 0));
    assert_eq!(day1.initiator, Initiator::They);
    assert_eq!(day1.subject, "Project kickoff");
    assert_eq!(day1.contacts, vec![1]);
    assert_eq!(day1.time, Some(t("09:00")));
    assert_eq!(day1.source, Source::Mail);
    let day2 = &o.proposals[1];
    assert_eq!(day2.source_id, "mail-thread:t1@example.org@2026-10-06#1");
    let enc = &o.proposals[2];
    assert_eq!(
        (enc.subject.as_str(), enc.contacts.as_slice()),
        ("Rückfrage", &[3][..])
    );
    assert_eq!(o.hints.len(), 1);
    assert_eq!(o.hints[0].email, "maria@example.net");
    assert_eq!(o.hints[0].count, 3);
}

#[test]
fn max_recipients_is_a_setting() {
    let mut s = berlin();
    s.max_recipients = 20;
    let o = rules::mails(&maildir_mails(), &me(), lookup, &s);
    assert_eq!(o.skipped(Skip::TooManyRecipients), 0);
    assert!(o
        .proposals
        .iter()
        .any(|p| p.item_ids == ["mail:many1@example.org"]));
}

#[test]
fn mail_to_myself_is_no_one_else() {
    let m = mail::parse(
        b"From: me@example.com\nTo: Me.Private@example.net\nDate: Fri, 09 Oct 2026 16:00:00 +0200\nMessage-ID: <self@x>\n\n",
        "",
        false,
    )
    .unwrap();
    let o = rules::mails(&[m], &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::Alone), 1);
}

#[test]
fn auto_submitted_no_is_a_person() {
    let m = mail::parse(
        b"From: bob@example.org\nTo: me@example.com\nAuto-Submitted: no\nDate: Fri, 09 Oct 2026 16:00:00 +0200\nMessage-ID: <p@x>\n\n",
        "",
        false,
    )
    .unwrap();
    let o = rules::mails(&[m], &me(), lookup, &berlin());
    assert_eq!(o.proposals.len(), 1);
}

#[test]
fn a_contacts_other_address_matches() {
    let m = mail::parse(
        b"From: Anna <ANNA.private@example.net>\nTo: me@example.com\nDate: Fri, 09 Oct 2026 16:00:00 +0200\nMessage-ID: <q@x>\n\n",
        "",
        false,
    )
    .unwrap();
    let o = rules::mails(&[m], &me(), lookup, &berlin());
    assert_eq!(o.proposals[0].contacts, vec![1]);
}

fn mbox_mails(marker: Option<MboxMarker>, path: &Path) -> (Vec<Mail>, MboxMarker) {
    let mut out = Vec::new();
    let end = mail::scan_mbox(path, marker, |m, _| out.push(m)).unwrap();
    (out, end)
}

#[test]
fn mbox_headers_only_and_from_lines_in_bodies() {
    let (mails, end) = mbox_mails(None, &fixture("mail.mbox"));
    assert_eq!(mails.len(), 8, "{mails:#?}");
    let len = std::fs::metadata(fixture("mail.mbox")).unwrap().len();
    assert_eq!(end, MboxMarker { offset: len, len });
    let carla = by_id(&mails, "enc2@example.org");
    assert_eq!(carla.subject.as_deref(), Some("Rückfrage"));
    assert_eq!(carla.from[0].name.as_deref(), Some("Carla Díaz"));
    assert_eq!(carla.folder, "mail.mbox");
}

#[test]
fn mail_rules_on_the_mbox() {
    let (mails, _) = mbox_mails(None, &fixture("mail.mbox"));
    let o = rules::mails(&mails, &me(), lookup, &berlin());
    assert_eq!(o.skipped(Skip::List), 1);
    assert_eq!(o.skipped(Skip::Bulk), 1);
    assert_eq!(o.skipped(Skip::NoReply), 1);
    assert_eq!(o.skipped(Skip::TooManyRecipients), 1);
    assert_eq!(o.proposals.len(), 2, "{:#?}", o.proposals);
    // The thread links by In-Reply-To alone; I wrote first.
    let lunch = &o.proposals[0];
    assert_eq!(lunch.source_id, "mail-thread:m1@example.com@2026-10-01#2");
    assert_eq!(lunch.item_ids.len(), 3);
    assert_eq!(lunch.initiator, Initiator::Me);
    assert_eq!(lunch.subject, "Lunch next week?");
    assert_eq!(o.proposals[1].contacts, vec![3]);
}

#[test]
fn mbox_rescan_reads_only_what_was_appended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inbox");
    std::fs::copy(fixture("mail.mbox"), &path).unwrap();
    let (first, marker) = mbox_mails(None, &path);
    assert_eq!(first.len(), 8);
    let (none, same) = mbox_mails(Some(marker), &path);
    assert!(none.is_empty());
    assert_eq!(same, marker);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "From dan@example.org Sun Oct  4 10:00:00 2026\nFrom: dan@example.org\nTo: me@example.com\nSubject: New\nDate: Sun, 04 Oct 2026 10:00:00 +0200\nMessage-ID: <new@example.org>\n\nBody\n\n",
    );
    std::fs::write(&path, &text).unwrap();
    let (new, end) = mbox_mails(Some(marker), &path);
    let ids: Vec<&str> = new.iter().filter_map(|m| m.message_id.as_deref()).collect();
    assert_eq!(ids, ["new@example.org"]);
    assert_eq!(end.offset, text.len() as u64);
    // Rewritten shorter (mail deleted): from the top again.
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let (again, _) = mbox_mails(Some(end), &path);
    assert!(!again.is_empty());
    assert_eq!(again[0].message_id.as_deref(), Some("m1@example.com"));
}

#[test]
fn a_huge_body_line_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big");
    let mut text = String::from(
        "From x Thu Oct  1 10:00:00 2026\nFrom: bob@example.org\nTo: me@example.com\nDate: Thu, 01 Oct 2026 10:00:00 +0200\nMessage-ID: <big@x>\n\n",
    );
    text.push_str(&"A".repeat(3 * mail::LINE_CAP));
    text.push_str("\n\nFrom y Thu Oct  1 10:00:00 2026\nFrom: carla@example.org\nMessage-ID: <after@x>\n\nok\n");
    std::fs::write(&path, &text).unwrap();
    let (mails, end) = mbox_mails(None, &path);
    let ids: Vec<&str> = mails
        .iter()
        .filter_map(|m| m.message_id.as_deref())
        .collect();
    assert_eq!(ids, ["big@x", "after@x"]);
    assert_eq!(end.offset, text.len() as u64);
}

#[test]
fn sent_folder_names() {
    for yes in [
        ".Sent",
        "Sent",
        "INBOX.Sent",
        "[Gmail].Sent Mail",
        "Gesendet",
        "work/Sent Items",
        "Sent Messages",
        ".Gesendete Objekte",
        "sent-mail",
    ] {
        assert!(mail::is_sent_folder(yes), "{yes}");
    }
    for no in ["", "INBOX", ".Drafts", "Sent/Archive", "Consent"] {
        assert!(!mail::is_sent_folder(no), "{no}");
    }
}

#[test]
fn no_reply_addresses() {
    for yes in [
        "no-reply@x.org",
        "noreply@x.org",
        "do-not-reply@x.org",
        "DoNotReply@x.org",
        "mailer-daemon@x.org",
        "bounces+123@x.org",
    ] {
        assert!(rules::is_no_reply(yes), "{yes}");
    }
    for no in ["nora@x.org", "reply@x.org", "anna@x.org"] {
        assert!(!rules::is_no_reply(no), "{no}");
    }
}

#[test]
fn kinds_from_summary_words() {
    let s = Settings::default();
    for (summary, kind) in [
        ("Kaffee mit Bob", "coffee"),
        ("Coffee chat", "coffee"),
        ("Mittagessen", "lunch"),
        ("Quick call", "call"),
        ("Telefonat mit Anna", "call"),
        ("Planning", "meeting"),
    ] {
        assert_eq!(rules::guess_kind(summary, &s), kind, "{summary}");
    }
}

#[test]
fn an_event_given_twice_is_read_once() {
    let one = "BEGIN:VEVENT\r\nUID:dup@x\r\nDTSTART:20261005T100000Z\r\nDURATION:PT1H\r\nSUMMARY:Call\r\nEND:VEVENT\r\n";
    let text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{one}{one}END:VCALENDAR\r\n");
    let r = calendar::read(&text, d("2026-10-01"), d("2026-10-31"), &me());
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].source_id, "ics:dup@x");
}
