#!/usr/bin/env python3
"""Hostile checks of `net` (issue 11's attacks, rerun): kills, races, fuzz.

    NET=target/release/net python3 bench/attack.py [--kills N] [--fuzz N] [--rounds N]

Not a test (it is random and takes minutes); it prints what held:
- kills: a write (import, log, merge, forget, edit, undo, rule) is SIGKILLed after a random
  delay; the database must then be either exactly as before or exactly as a run that was
  not killed leaves it (compared by `net export json`), pass `PRAGMA integrity_check`, and
  `net doctor` must find nothing to fix.
- races: twelve processes mix `edit --tag`, `log`, `merge`, `forget` and `import vcard`;
  every `edit --tag` reported saved must have its tag afterwards, no process may say
  "database is locked", and every failure is one line.
- fuzz: mutated copies of the fixtures (net/1 JSON, vCard, CSV, ICS, mbox, config) and
  random arguments; no run may panic (exit 101, "panicked"), print a raw SQLite message
  ("Error code", "constraint failed") or take longer than 10 s.
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NET = os.path.abspath(os.environ.get("NET", os.path.join(ROOT, "target/release/net")))
TODAY = "2026-11-22"
RAW = ("Error code", "constraint failed", "panicked", "RUST_BACKTRACE")


def env_for(db, config=None):
    e = dict(os.environ, NET_DB=db, NET_TODAY=TODAY, NO_COLOR="1")
    e["NET_CONFIG"] = config or (db + ".config.toml")
    e.pop("NET_DAV_PASSWORD", None)
    return e


def net(db, *args, timeout=60, stdin=None, config=None):
    p = subprocess.run([NET, *args], env=env_for(db, config), capture_output=True,
                       text=True, timeout=timeout, stdin=subprocess.DEVNULL if stdin is None else stdin)
    return p.returncode, p.stdout, p.stderr


def export(db):
    code, out, err = net(db, "export", "json")
    assert code == 0, err
    return out


def network(n_contacts, n_interactions, seed):
    """A net/1 document: contacts with e-mails and tags, interactions among them."""
    rnd = random.Random(seed)
    firsts = ["Anna", "Bob", "Jana", "Thomas", "Wei", "Priya", "Hans", "Ana", "Felix", "Eva"]
    lasts = ["Müller", "Stone", "Roth", "Schmidt", "Chen", "Patel", "Groß", "López", "Koch"]
    contacts = []
    for i in range(1, n_contacts + 1):
        name = f"{rnd.choice(firsts)} {rnd.choice(lasts)} {i}"
        contacts.append({"id": i, "name": name, "emails": [f"p{i}@example.org"],
                         "tags": rnd.sample(["client", "friend", "expert"], rnd.randint(0, 2)),
                         "every": rnd.choice(["2w", "1mo", "2mo", "quarterly"])})
    interactions = []
    for i in range(1, n_interactions + 1):
        people = sorted(rnd.sample(range(1, n_contacts + 1), rnd.choice([1, 1, 1, 2])))
        day = 1 + (i * 300 // n_interactions)
        date = time.strftime("%Y-%m-%d", time.gmtime(time.mktime((2026, 1, day, 12, 0, 0, 0, 0, 0))))
        interactions.append({"id": i, "kind": rnd.choice(["coffee", "call", "lunch"]),
                             "date": date, "contacts": people, "minutes": rnd.choice([None, 30, 45])})
    return {"format": "net/1", "contacts": contacts, "interactions": interactions}


def fresh(tmp, doc, name):
    folder = tempfile.mkdtemp(dir=tmp)
    src = os.path.join(folder, "in.json")
    with open(src, "w") as f:
        json.dump(doc, f)
    db = os.path.join(folder, name)
    code, _, err = net(db, "import", "json", src)
    assert code == 0, err
    return db


def copy_db(db, tmp):
    folder = tempfile.mkdtemp(dir=tmp)
    out = os.path.join(folder, "net.db")
    src = sqlite3.connect(db)
    dst = sqlite3.connect(out)
    src.backup(dst)
    src.close()
    dst.close()
    os.chmod(out, 0o600)
    return out


def kills(tmp, n, rnd):
    base = fresh(tmp, network(300, 6000, 1), "base.db")
    big = os.path.join(tmp, "big.json")
    with open(big, "w") as f:
        doc = network(400, 20000, 2)
        for c in doc["contacts"]:
            c["name"] += " (new)"
            c["emails"] = [e.replace("@", ".new@") for e in c["emails"]]
        json.dump(doc, f)
    net(base, "log", "coffee", "#3", "--for", "30m")  # something for undo to take back
    commands = [
        ["import", "json", big, "--merge"],
        ["log", "coffee", "#1", "#2", "--for", "45m", "--note", "killed?"],
        ["merge", "#5", "#6", "--yes"],
        ["forget", "#7", "--yes"],
        ["edit", "#8", "--tag", "k", "--org", "K GmbH"],
        ["undo"],
        ["rule", "add", "--tag", "friend", "--every", "1mo"],
        ["every", "--tag", "client", "1mo", "--yes"],
    ]
    before = export(base)
    afters = {}
    for cmd in commands:
        db = copy_db(base, tmp)
        code, _, err = net(db, *cmd, timeout=300)
        afters[tuple(cmd)] = export(db) if code == 0 else None
    held = broken = 0
    outcomes = {"before": 0, "after": 0}
    for _ in range(n):
        cmd = rnd.choice(commands)
        db = copy_db(base, tmp)
        p = subprocess.Popen([NET, *cmd], env=env_for(db), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.0, 0.4 if cmd[0] == "import" else 0.03))
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = export(db)
        ok = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        doctor = net(db, "doctor")[0] == 0
        if now == before:
            outcomes["before"] += 1
        elif now == afters[tuple(cmd)]:
            outcomes["after"] += 1
        else:
            ok = False
        if ok and doctor:
            held += 1
        else:
            broken += 1
            print(f"  KILL BROKE: {' '.join(cmd)} (integrity {ok}, doctor {doctor})")
    print(f"kills: {held} of {n} held all-or-nothing ({outcomes['before']} as before, "
          f"{outcomes['after']} as after), {broken} broke")
    return broken == 0


def races(tmp, rounds, rnd):
    lost = locked = multi = saved = 0
    for r in range(rounds):
        db = fresh(tmp, network(40, 400, 10 + r), "race.db")
        vdir = tempfile.mkdtemp(dir=tmp)
        for i in range(60):
            with open(os.path.join(vdir, f"{i}.vcf"), "w") as f:
                f.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:race-{i}\r\nFN:Racer {i}\r\n"
                        f"EMAIL:racer{i}@example.org\r\nEND:VCARD\r\n")
        jobs = []
        for w in range(12):
            ops = []
            for k in range(5):
                pick = rnd.random()
                if pick < 0.5:
                    c = rnd.randint(1, 20)
                    ops.append((["edit", f"#{c}", "--tag", f"t{w}x{k}"], c, f"t{w}x{k}"))
                elif pick < 0.7:
                    ops.append((["log", "call", f"#{rnd.randint(1, 40)}"], None, None))
                elif pick < 0.8:
                    a, b = rnd.sample(range(21, 41), 2)
                    ops.append((["merge", f"#{a}", f"#{b}", "--yes"], None, None))
                elif pick < 0.9:
                    ops.append((["forget", f"#{rnd.randint(21, 40)}", "--yes"], None, None))
                else:
                    ops.append((["import", "vcard", vdir], None, None))
            jobs.append(ops)
        script = "\n".join(
            "; ".join(f"{NET} {' '.join(repr(a) for a in op[0])} >/dev/null 2>>{db}.err{w}; echo $? >>{db}.rc{w}"
                      for op in ops) for w, ops in enumerate(jobs))
        procs = [subprocess.Popen(["bash", "-c", line], env=env_for(db)) for line in script.split("\n")]
        for p in procs:
            p.wait()
        doc = json.loads(export(db))
        tags = {c["id"]: set(c.get("tags", [])) for c in doc["contacts"]}
        for w, ops in enumerate(jobs):
            codes = open(f"{db}.rc{w}").read().split()
            errs = open(f"{db}.err{w}").read()
            locked += errs.count("database is locked")
            for line in errs.splitlines():
                if any(raw in line for raw in RAW):
                    multi += 1
                    print(f"  RAW: {line}")
            for (cmd, c, tag), code in zip(ops, codes):
                if tag and code == "0":
                    saved += 1
                    if tag not in tags.get(c, set()):
                        lost += 1
                        print(f"  LOST: {' '.join(cmd)}")
    print(f"races: {rounds} rounds of 12 processes x 5 writes; {saved} tag edits reported saved, "
          f"{lost} lost; 'database is locked' {locked} times; raw messages {multi}")
    return lost == 0 and locked == 0 and multi == 0


def mutate(data, rnd):
    data = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.random()
        if not data:
            data.extend(b"x")
        i = rnd.randrange(len(data))
        if op < 0.3:
            data[i] = rnd.randrange(256)
        elif op < 0.5:
            del data[i:i + rnd.randint(1, 64)]
        elif op < 0.7:
            data[i:i] = rnd.choice([b"\x00", b"\r", b"\n", b"\xff\xfe", b"\"", b"{", b"]", b",",
                                    "\u202e".encode(), b"-0001-01-01", b"99999999999999999999",
                                    b"BEGIN:VCARD\r\n", b"END:VEVENT\r\n", b";", b":"])
        elif op < 0.85:
            del data[i:]
        else:
            j = rnd.randrange(len(data))
            data[i:i] = data[j:j + rnd.randint(1, 200)]
    return bytes(data)


def fuzz(tmp, n, rnd):
    fx = os.path.join(ROOT, "tests/fixtures")
    small = json.dumps(network(20, 100, 3), ensure_ascii=False).encode()
    seeds = [
        ("json", small, ["import", "json"]),
        ("json", small, ["import", "json", "--merge"]),
        ("vcf", open(os.path.join(fx, "import/v30_apple.vcf"), "rb").read(), ["import", "vcard"]),
        ("vcf", open(os.path.join(fx, "import/v21_phone.vcf"), "rb").read(), ["import", "vcard"]),
        ("csv", open(os.path.join(fx, "import/linkedin_2025.csv"), "rb").read(), ["import", "csv"]),
        ("csv", open(os.path.join(fx, "import/google_new.csv"), "rb").read(), ["import", "csv"]),
        ("ics", open(os.path.join(fx, "capture/calendar.ics"), "rb").read(), ["capture", "ics", "--yes"]),
        ("mbox", open(os.path.join(fx, "capture/mail.mbox"), "rb").read(), ["capture", "mail", "--yes"]),
    ]
    config_seed = b'due_limit = 5\nwork_days = ["mon", "tue"]\n[kinds]\nwalk = 60\n[depth]\nfriend = 80\n'
    words = ["add", "edit", "log", "due", "show", "list", "every", "snooze", "note", "todo", "done",
             "rule", "undo", "merge", "forget", "who", "history", "journal", "--on", "--for", "--tag",
             "--every", "#1", "#99999", "anna", "Anna Müller", "", "-", "--", "\u202e", "0000-01-01",
             "+10000-01-01", "9999999d", "-5m", "1mo", "never", "--json", "--all", "--yes", "coffee",
             "2026-02-30", "yesterday", "last friday", "--limit", "-1", "x" * 5000, "--by", "friday"]
    panics = raw = slow = runs = 0
    base = fresh(tmp, network(30, 200, 4), "fuzz.db")
    for i in range(n):
        db = copy_db(base, tmp)
        folder = os.path.dirname(db)
        pick = rnd.random()
        config = None
        if pick < 0.55:
            ext, data, cmd = rnd.choice(seeds)
            path = os.path.join(folder, f"in.{ext}")
            with open(path, "wb") as f:
                f.write(mutate(data, rnd))
            args = cmd + [path]
        elif pick < 0.7:
            config = os.path.join(folder, "config.toml")
            with open(config, "wb") as f:
                f.write(mutate(config_seed, rnd))
            args = [rnd.choice(["due", "log", "show"]), "#1"][: rnd.randint(1, 2)]
            if args[0] == "log":
                args = ["log", "walk", "#1"]
        else:
            args = [rnd.choice(words[:18])] + [rnd.choice(words) for _ in range(rnd.randint(0, 5))]
        runs += 1
        start = time.time()
        try:
            code, out, err = net(db, *args, timeout=10, config=config)
        except subprocess.TimeoutExpired:
            slow += 1
            print(f"  SLOW: {args}")
            continue
        if code == 101 or "panicked" in err:
            panics += 1
            print(f"  PANIC: {args}: {err.strip()[:200]}")
        for line in err.splitlines():
            if any(r in line for r in RAW[:2]):
                raw += 1
                print(f"  RAW: {args}: {line[:200]}")
        if time.time() - start > 5:
            print(f"  took {time.time() - start:.1f}s: {args}")
    print(f"fuzz: {runs} runs; {panics} panics, {raw} raw SQLite messages, {slow} over 10 s")
    return panics == 0 and raw == 0 and slow == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--fuzz", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    if not os.access(NET, os.X_OK):
        sys.exit(f"no net binary at {NET}: cargo build --release, or set NET")
    rnd = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="net-attack-")
    try:
        ok = kills(tmp, a.kills, rnd) & races(tmp, a.rounds, rnd) & fuzz(tmp, a.fuzz, rnd)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
