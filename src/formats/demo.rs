//! The example network of `net demo`: a net/1 document dated relative to
//! "today", so it always looks alive: a few contacts cold, due and soon, a
//! birthday in a few days, promises (one overdue), notes, an introduction,
//! give and take, assessments, and two dormant contacts for `net prune`.

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{json, Value};

use super::json::{self, Document};

/// One contact's routine touches: one `last` days ago, then one every `step` days
/// back to `since` (the stories below add the latest ones).
struct History {
    contact: i64,
    last: u64,
    step: u64,
    since: u64,
    kinds: &'static [(&'static str, u32)],
}

/// The demo network as a checked-in-spirit net/1 document (check it before loading).
pub fn document(today: NaiveDate) -> anyhow::Result<Document> {
    let day = |ago: i64| -> String {
        let d = if ago >= 0 {
            today.checked_sub_days(Days::new(ago as u64))
        } else {
            today.checked_add_days(Days::new(ago.unsigned_abs()))
        };
        d.unwrap_or(today).to_string()
    };
    // Birthdays a few days ahead, so `net due` shows them; 1984 has a 29 February.
    let soon = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
    let anna_birthday = soon(3);
    let anna_birthday = format!(
        "1984-{:02}-{:02}",
        anna_birthday.month(),
        anna_birthday.day()
    );
    let jonas_birthday = soon(5);
    let jonas_birthday = format!(
        "--{:02}-{:02}",
        jonas_birthday.month(),
        jonas_birthday.day()
    );

    let contacts = vec![
        json!({"id": 1, "name": "Anna Müller", "aliases": ["annie"], "org": "Müller GmbH",
               "role": "Managing director", "emails": ["anna@mueller-gmbh.example"],
               "tags": ["client", "referrer"], "why": "refers Mittelstand clients to me",
               "met": "BVMW Sommerfest", "birthday": anna_birthday, "every": "2mo",
               "known_minutes": 1800, "added_on": day(700)}),
        json!({"id": 2, "name": "Bob Stone", "org": "Stone Logistics", "role": "Head of operations",
               "tags": ["partner"], "why": "knows everyone in logistics", "every": "1mo",
               "added_on": day(400)}),
        json!({"id": 3, "name": "Clara Berg", "org": "Berg Steuerberatung", "role": "Tax adviser",
               "tags": ["referrer"], "why": "sends me founders who need a plan",
               "met": "Anna's summer party", "every": "2mo", "introduced_by": 1,
               "added_on": day(300)}),
        json!({"id": 4, "name": "David Okafor", "org": "TU München",
               "role": "Professor of supply chain management", "tags": ["expert"],
               "why": "the one to ask about supply chains", "every": "quarterly",
               "added_on": day(500)}),
        json!({"id": 5, "name": "Eva Schneider", "role": "my first boss", "tags": ["mentor"],
               "why": "my mentor since 2015", "every": "quarterly", "known_minutes": 15000,
               "added_on": day(900)}),
        json!({"id": 6, "name": "Felix Wagner", "org": "IHK München",
               "why": "could open doors at the Chamber of Commerce", "met": "IHK New Year reception",
               "added_on": day(400)}),
        json!({"id": 7, "name": "Greta Hoffmann", "org": "Hoffmann Print",
               "met": "trade fair 2024", "added_on": day(600)}),
        json!({"id": 8, "name": "Hans Peters", "met": "Barcamp Stuttgart", "added_on": day(500)}),
        json!({"id": 9, "name": "Ines Kaya", "org": "Kaya Design", "role": "Designer",
               "tags": ["partner"], "why": "designs my slides and offers", "every": "2mo",
               "added_on": day(250)}),
        json!({"id": 10, "name": "Jonas Weber", "org": "Weber IT", "tags": ["client"],
               "birthday": jonas_birthday, "every": "1mo", "snoozed_until": day(-10),
               "added_on": day(200)}),
        json!({"id": 11, "name": "Lena Fischer", "org": "Startup Network Munich",
               "role": "Founder", "why": "an old friend who knows every founder in town",
               "every": "monthly", "known_minutes": 3000, "added_on": day(800)}),
        json!({"id": 12, "name": "Max Braun", "org": "Braun AG", "role": "Head of purchasing",
               "tags": ["client"], "every": "2mo", "added_on": day(365)}),
    ];

    const COFFEE: &[(&str, u32)] = &[("coffee", 45), ("call", 20), ("lunch", 75)];
    const CALLS: &[(&str, u32)] = &[("call", 20), ("call", 30), ("meeting", 60)];
    const MEETINGS: &[(&str, u32)] = &[("meeting", 60), ("email", 10), ("call", 20)];
    let histories = [
        // soon: most of two months gone
        History {
            contact: 1,
            last: 107,
            step: 55,
            since: 700,
            kinds: COFFEE,
        },
        // due: a month has run out
        History {
            contact: 2,
            last: 70,
            step: 30,
            since: 400,
            kinds: CALLS,
        },
        // cold: five months on a two-month cadence
        History {
            contact: 3,
            last: 210,
            step: 60,
            since: 300,
            kinds: COFFEE,
        },
        // ok
        History {
            contact: 4,
            last: 20,
            step: 90,
            since: 500,
            kinds: MEETINGS,
        },
        // soon: 80 days of a quarter
        History {
            contact: 5,
            last: 80,
            step: 85,
            since: 900,
            kinds: COFFEE,
        },
        // no cadence but a why: shows after six months of silence
        History {
            contact: 6,
            last: 210,
            step: 120,
            since: 400,
            kinds: MEETINGS,
        },
        // dormant: proposed by `net prune`
        History {
            contact: 7,
            last: 400,
            step: 200,
            since: 600,
            kinds: MEETINGS,
        },
        History {
            contact: 8,
            last: 300,
            step: 300,
            since: 500,
            kinds: COFFEE,
        },
        // snoozed
        History {
            contact: 10,
            last: 45,
            step: 30,
            since: 200,
            kinds: CALLS,
        },
        // a friend: monthly lunches
        History {
            contact: 11,
            last: 17,
            step: 28,
            since: 800,
            kinds: &[("lunch", 75), ("coffee", 45)],
        },
        // ok: a call today
        History {
            contact: 12,
            last: 0,
            step: 50,
            since: 365,
            kinds: CALLS,
        },
    ];
    let mut interactions: Vec<Value> = Vec::new();
    for h in &histories {
        let mut ago = h.last;
        let mut n = 0;
        while ago <= h.since {
            let (kind, minutes) = h.kinds[n % h.kinds.len()];
            interactions.push(
                json!({"kind": kind, "date": day(ago as i64), "minutes": minutes,
                                     "contacts": [h.contact]}),
            );
            ago += h.step;
            n += 1;
        }
    }
    // The stories: what was said, given and got.
    let story = [
        json!({"kind": "coffee", "date": day(52), "minutes": 45, "contacts": [1],
               "note": "talked about her new plant in Augsburg", "gave": "the article on heat pumps",
               "place": "Café Luitpold"}),
        json!({"kind": "intro", "date": day(100), "minutes": 15, "contacts": [2, 4],
               "introduced": [2, 4], "note": "both work on resilient supply chains",
               "gave": "an introduction to David"}),
        json!({"kind": "call", "date": day(40), "minutes": 30, "contacts": [2],
               "note": "new warehouse in Leipzig", "got": "a lead at a freight forwarder"}),
        json!({"kind": "meeting", "date": day(70), "minutes": 60, "contacts": [9],
               "initiator": "they", "note": "she offered to redesign my slides",
               "got": "a new slide template, for free"}),
        json!({"kind": "lunch", "date": day(150), "minutes": 75, "contacts": [3],
               "note": "her firm is growing", "got": "a referral to a founder"}),
        json!({"kind": "event", "date": day(3), "minutes": 120, "contacts": [11, 12],
               "note": "startup night", "place": "Werk1"}),
    ];
    interactions.extend(story);
    interactions.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    for (n, i) in interactions.iter_mut().enumerate() {
        i["id"] = json!(n + 1);
    }
    let anna_coffee = interactions
        .iter()
        .find(|i| i["contacts"] == json!([1]) && i["note"].is_string())
        .and_then(|i| i["id"].as_i64());

    let doc = json!({
        "format": json::FORMAT,
        "contacts": contacts,
        "interactions": interactions,
        "rules": [{"tag": "client", "every": "6w"}],
        "notes": [
            {"id": 1, "contact": 1, "topic": "family", "text": "husband Jan, daughter Mia (8)", "created_on": day(300)},
            {"id": 2, "contact": 1, "topic": "offer", "text": "ERP consulting for Mittelstand manufacturers", "created_on": day(600)},
            {"id": 3, "contact": 1, "topic": "anchor", "text": "wrote on heat pumps in the VDI journal", "created_on": day(52)},
            {"id": 4, "contact": 4, "topic": "anchor", "text": "his paper on resilient supply chains (2025)", "created_on": day(20)},
            {"id": 5, "contact": 5, "topic": "family", "text": "partner Tom, two sons at university", "created_on": day(400)},
            {"id": 6, "contact": 9, "topic": "offer", "text": "slide design, brand identity, packaging", "created_on": day(200)},
        ],
        "followups": [
            {"id": 1, "contact": 1, "text": "send her the study on heat pump subsidies", "due": day(-2),
             "created_on": day(52), "interaction": anna_coffee},
            {"id": 2, "contact": 2, "text": "introduce him to a tax adviser", "due": day(5),
             "created_on": day(40)},
            {"id": 3, "contact": 3, "text": "send the pitch deck", "created_on": day(160),
             "done_on": day(150)},
        ],
        "assessments": [
            {"id": 1, "contact": 1, "date": day(200), "answers": [1, 2, 5, 9]},
            {"id": 2, "contact": 1, "date": day(30), "answers": [1, 2, 3, 4, 5, 6, 9]},
            {"id": 3, "contact": 3, "date": day(60), "answers": [1, 3, 5]},
        ],
    });
    Ok(serde_json::from_value(doc)?)
}
