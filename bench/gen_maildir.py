#!/usr/bin/env python3
"""Write a Maildir for benchmarking `net capture mail` (issue 14).

    python3 bench/gen_maildir.py OUT [--count 100000] [--seed 1] [--body-kb 4]
                                 [--big-every 500] [--big-kb 2048]
                                 [--contacts 150] [--contacts-out FILE]

OUT gets a Maildir++ tree: cur/ and new/ (inbox), .Sent/cur (what "I" wrote,
about 15 %), .Lists/cur (mailing lists), each with tmp/. The mail is a mix of
threads with the known correspondents (person0@example.org ...), mail from
strangers, mailing lists (List-Id), bulk (Precedence: bulk), no-reply senders,
mail to many recipients and RFC 2047 subjects; every --big-every-th message
carries a base64 attachment of --big-kb KB so a scan that reads bodies shows
in time and memory. Same seed, same tree. Python 3 standard library only.

--contacts-out writes the known correspondents' addresses, one a line, for
adding them as contacts before the benchmark. "Me" is me@example.com.
"""

import argparse
import base64
import os
import random
import sys
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

ME = "me@example.com"
WORDS = ("project offer meeting notes draft contract invoice lunch coffee trip "
         "question update plan review budget hiring launch report idea").split()
ENCODED = ["=?utf-8?q?R=C3=BCckfrage?=", "=?utf-8?b?w5xiZXJhcmJlaXR1bmc=?=",
           "=?iso-8859-1?q?Gr=FC=DFe_aus_K=F6ln?="]


def subject(rng):
    if rng.random() < 0.05:
        return rng.choice(ENCODED)
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()


def body(rng, kb):
    n = max(1, int(rng.expovariate(1 / max(kb, 0.1)) * 1024))
    line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do.\n"
    return (line * (n // len(line) + 1))[:n] + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--body-kb", type=float, default=4.0, help="mean body size")
    ap.add_argument("--big-every", type=int, default=500)
    ap.add_argument("--big-kb", type=int, default=2048)
    ap.add_argument("--contacts", type=int, default=150)
    ap.add_argument("--contacts-out")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    known = [f"person{i}@example.org" for i in range(a.contacts)]
    strangers = [f"stranger{i}@example.net" for i in range(2000)]
    folders = {"inbox": "", "sent": ".Sent", "lists": ".Lists"}
    for f in folders.values():
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(a.out, f, sub), exist_ok=True)
    if a.contacts_out:
        with open(a.contacts_out, "w") as fh:
            fh.write("\n".join(known) + "\n")

    start = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
    threads = []  # (root id, last id, subject, person)
    big = base64.encodebytes(rng.randbytes(a.big_kb * 1024)).decode() if a.big_every else ""
    for i in range(a.count):
        when = start + timedelta(minutes=i * 7 + rng.randint(0, 6))
        mid = f"<bench{i}.{a.seed}@example.org>"
        headers = [("Date", format_datetime(when)), ("Message-ID", mid)]
        folder, roll = "inbox", rng.random()
        if roll < 0.15:  # I write, new or in a thread
            folder = "sent"
            if threads and rng.random() < 0.6:
                root, last, subj, who = rng.choice(threads)
                headers += [("In-Reply-To", last), ("References", f"{root} {last}")]
                subj = "Re: " + subj
            else:
                who, subj, root = rng.choice(known), subject(rng), mid
                threads.append((root, mid, subj, who))
            headers += [("From", f"Me <{ME}>"), ("To", who), ("Subject", subj)]
        elif roll < 0.45:  # a known person writes
            who = rng.choice(known)
            subj = subject(rng)
            if threads and rng.random() < 0.5:
                root, last, subj, who = rng.choice(threads)
                headers += [("In-Reply-To", last), ("References", f"{root} {last}")]
                subj = "Re: " + subj
            headers += [("From", who), ("To", ME), ("Subject", subj)]
            if rng.random() < 0.1:
                headers.append(("Cc", rng.choice(known)))
        elif roll < 0.65:  # mailing list
            folder = "lists"
            lst = f"list{rng.randint(0, 20)}"
            headers += [("From", rng.choice(known + strangers)), ("To", f"{lst}@lists.example.org"),
                        ("Subject", f"[{lst}] " + subject(rng)),
                        ("List-Id", f"<{lst}.lists.example.org>"),
                        ("List-Unsubscribe", f"<mailto:{lst}-leave@lists.example.org>")]
        elif roll < 0.75:  # bulk
            headers += [("From", "News <news@shop.example.com>"), ("To", ME),
                        ("Subject", subject(rng)), ("Precedence", "bulk")]
        elif roll < 0.82:  # no-reply
            headers += [("From", "Service <no-reply@service.example.com>"), ("To", ME),
                        ("Subject", subject(rng)), ("Auto-Submitted", "auto-generated")]
        elif roll < 0.85:  # many recipients
            to = ", ".join(rng.sample(known + strangers, 25))
            headers += [("From", rng.choice(known)), ("To", to), ("Subject", subject(rng))]
        else:  # strangers
            headers += [("From", rng.choice(strangers)), ("To", ME), ("Subject", subject(rng))]
        if len(threads) > 500:
            threads.pop(0)

        text = "".join(f"{k}: {v}\n" for k, v in headers)
        if a.big_every and i % a.big_every == a.big_every - 1:
            text += ('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
                     "--b\nContent-Type: text/plain\n\n" + body(rng, a.body_kb) +
                     "\n--b\nContent-Type: application/octet-stream\n"
                     "Content-Transfer-Encoding: base64\n\n" + big + "--b--\n")
        else:
            text += "\n" + body(rng, a.body_kb)
        sub = "new" if rng.random() < 0.05 else "cur"
        name = f"{int(when.timestamp())}.M{i}P{a.seed}.bench" + (":2,S" if sub == "cur" else "")
        with open(os.path.join(a.out, folders[folder], sub, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        if i % 10_000 == 9_999:
            print(f"{i + 1} messages", file=sys.stderr)
    print(f"wrote {a.count} messages to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
