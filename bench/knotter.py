#!/usr/bin/env python3
"""Builds a knotter database equivalent to a generated net network.

    bench/knotter.py KNOTTER NETWORK.json OUT.db --today 2026-11-22

knotter (github.com/tomatyss/knotter) imports contacts only (vCard, CardDAV,
macOS, e-mail, Telegram), no history, so the rows go in by direct SQLite
inserts into the schema knotter itself creates: the script first runs
`KNOTTER --db-path OUT.db list` (which applies knotter's migrations), then
fills, in one transaction, what knotter's own commands would write:

- contacts: a UUID per contact (derived from net's id, so `#ID` maps to a known
  UUID), display_name, the first e-mail (lowercased) and phone, created_at from
  added_on, archived_at for archived contacts;
- cadence_days: the contact's own `every` in days, else the shortest of its
  tags' rules (what `knotter loops apply` stores with a loops config of the same
  rules); next_touchpoint_at = last interaction (else added_on) + cadence, as
  `knotter touch --reschedule` leaves it, or the snooze date when later (what
  `knotter schedule` sets);
- tags and contact_tags; contact_emails (every e-mail; a duplicate address,
  which knotter forbids, is skipped); birthdays as contact_dates;
- interactions: knotter has one contact per interaction, so an interaction with
  three participants becomes three rows; kinds map to knotter's (call -> call,
  message -> text, email -> email, coffee and lunch -> hangout, meeting and
  event -> other:meeting / other:event); the note, or "" (knotter requires one).

knotter reads the real clock (there is no NET_TODAY), so every date is shifted
by (today's UTC date - --today): the same contacts are due in knotter today as
in net on --today. Standard library only. The document is read one record per
line, as gen_network writes it.
"""

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

KINDS = {
    "call": "call",
    "message": "text",
    "email": "email",
    "coffee": "hangout",
    "lunch": "hangout",
    "meeting": "other:meeting",
    "event": "other:event",
}

NAMED = {
    "daily": 1,
    "weekly": 7,
    "biweekly": 14,
    "monthly": 30,
    "bimonthly": 61,
    "quarterly": 91,
    "yearly": 365,
}


def cadence_days(every):
    """net's cadence as whole days (months as 30.4 days), None for none/never."""
    if every is None or every == "never":
        return None
    if every in NAMED:
        return NAMED[every]
    digits = len(every) - len(every.lstrip("0123456789"))
    n, unit = int(every[:digits]), every[digits:]
    return {"d": n, "w": 7 * n, "mo": round(30.4 * n), "y": 365 * n}[unit]


def contact_uuid(n):
    return f"00000000-0000-4000-8000-{n:012x}"


def interaction_uuid(n, k):
    return f"00000001-0000-4000-8{k:03x}-{n:012x}"


def tag_uuid(n):
    return f"00000002-0000-4000-8000-{n:012x}"


def records(path):
    """(section, record) for each line of a gen_network document."""
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s.startswith('"') and s.endswith("["):
                section = s.split('"')[1]
                continue
            if s.startswith("{") and section:
                yield section, json.loads(s.rstrip(","))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("knotter")
    ap.add_argument("network")
    ap.add_argument("out")
    ap.add_argument("--today", required=True)
    args = ap.parse_args()

    today = dt.date.fromisoformat(args.today)
    shift = dt.datetime.now(dt.timezone.utc).date() - today
    midnight = dt.time(0, 0, tzinfo=dt.timezone.utc)

    def epoch(day, time=None):
        d = dt.date.fromisoformat(day) + shift
        t = dt.time.fromisoformat(time).replace(tzinfo=dt.timezone.utc) if time else dt.time(9, 0, tzinfo=dt.timezone.utc)
        return int(dt.datetime.combine(d, t).timestamp())

    def day_epoch(d):
        return int(dt.datetime.combine(d, midnight).timestamp())

    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(args.out + suffix):
            os.remove(args.out + suffix)
    # knotter creates its schema (all migrations) on first use.
    env = dict(os.environ)
    subprocess.run(
        [args.knotter, "--db-path", args.out, "list", "--json"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )

    contacts = {}
    rules = {}
    history = []  # (net interaction id, date, time, kind, note, [contact ids])
    for section, rec in records(args.network):
        if section == "contacts":
            contacts[rec["id"]] = rec
        elif section == "interactions":
            history.append(
                (rec["id"], rec["date"], rec.get("time"), rec["kind"], rec.get("note"), rec["contacts"])
            )
        elif section == "rules":
            rules[rec["tag"]] = cadence_days(rec["every"])
    if not contacts:
        sys.exit(f"knotter.py: no contacts in {args.network}")

    last = {}
    for _, date, _, _, _, people in history:
        for c in people:
            if last.get(c, "") < date:
                last[c] = date

    db = sqlite3.connect(args.out)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    tag_ids = {}
    crow, trow, erow, drow = [], [], [], []
    for n, c in contacts.items():
        uid = contact_uuid(n)
        created = epoch(c["added_on"])
        every = c.get("every")
        days = cadence_days(every) if every else None
        if every is None:
            ruled = [rules[t] for t in c.get("tags", []) if rules.get(t)]
            days = min(ruled) if ruled else None
        nxt = None
        if days is not None:
            anchor = dt.date.fromisoformat(last.get(n, c["added_on"])) + shift
            nxt = day_epoch(anchor + dt.timedelta(days=days))
            if c.get("snoozed_until"):
                nxt = max(nxt, epoch(c["snoozed_until"]))
        emails = [e.lower() for e in c.get("emails", [])]
        phones = c.get("phones", [])
        archived = created if c.get("status") == "archived" else None
        crow.append(
            (uid, c["name"], emails[0] if emails else None, phones[0] if phones else None,
             nxt, days, created, created, archived)
        )
        for t in c.get("tags", []):
            if t not in tag_ids:
                tag_ids[t] = tag_uuid(len(tag_ids) + 1)
            trow.append((uid, tag_ids[t]))
        for i, e in enumerate(emails):
            erow.append((uid, e, 1 if i == 0 else 0, created))
        b = c.get("birthday")
        if b:
            year = None if b.startswith("--") else int(b[:4])
            month, day = int(b[-5:-3]), int(b[-2:])
            drow.append((f"00000003-0000-4000-8000-{n:012x}", uid, month, day, year, created, created))
    db.executemany(
        "INSERT INTO contacts (id, display_name, email, phone, next_touchpoint_at, cadence_days,"
        " created_at, updated_at, archived_at) VALUES (?,?,?,?,?,?,?,?,?)",
        crow,
    )
    db.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", [(v, k) for k, v in tag_ids.items()])
    db.executemany("INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", trow)
    db.executemany(
        "INSERT OR IGNORE INTO contact_emails (contact_id, email, is_primary, created_at, source)"
        " VALUES (?, ?, ?, ?, 'import')",
        erow,
    )
    db.executemany(
        "INSERT INTO contact_dates (id, contact_id, kind, label, month, day, year, created_at,"
        " updated_at, source) VALUES (?, ?, 'birthday', '', ?, ?, ?, ?, ?, 'import')",
        drow,
    )

    def irows():
        for n, date, time, kind, note, people in history:
            at = epoch(date, time)
            for k, c in enumerate(people):
                yield (interaction_uuid(n, k), contact_uuid(c), at, at, KINDS.get(kind, "other:" + kind), note or "")

    db.executemany(
        "INSERT INTO interactions (id, contact_id, occurred_at, created_at, kind, note)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        irows(),
    )
    db.commit()
    (rows,) = db.execute("SELECT count(*) FROM interactions").fetchone()
    # No ANALYZE: neither knotter nor net runs it.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(
        f"knotter db {args.out}: {len(crow)} contacts, {rows} interaction rows"
        f" ({len(history)} interactions), {len(tag_ids)} tags; dates shifted by {shift.days} days"
    )


if __name__ == "__main__":
    main()
