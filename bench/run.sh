#!/usr/bin/env bash
# Benchmarks net on a small (150 contacts / 3,000 interactions) and a large
# (10,000 / 1,000,000) generated network. See bench/README.md.
#
#   bench/run.sh                 # 30 timed runs per command
#   BENCH_RUNS=10 bench/run.sh   # fewer runs
#
# Builds into $CARGO_TARGET_DIR (default: target/). Generated networks are kept in
# bench/data/ and reused until the generator is rebuilt; the databases are
# re-imported on every run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DATA=$ROOT/bench/data
RUNS=${BENCH_RUNS:-30}
WARMUP=3
SEED=42
TODAY=2026-11-22
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

die() {
    echo "bench: $*" >&2
    exit 1
}

case $RUNS in
'' | *[!0-9]*) die "BENCH_RUNS=$RUNS is not a number of runs" ;;
esac
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2 (hyperfine needs two runs)"

command -v python3 >/dev/null || die "python3 is needed (the sqlite3 baseline and the summary use it)"
# The interpreter itself, not a wrapper such as a pyenv shim (a shell script that
# adds ~100 ms of noise to every python run).
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" -c 'import sqlite3' 2>/dev/null || die "$PY lacks its sqlite3 module"

if ! command -v hyperfine >/dev/null; then
    echo "bench: hyperfine is missing; installing it with apt-get" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! $sudo apt-get install -y hyperfine >&2; then
        die "could not install hyperfine: install it yourself (apt-get install hyperfine, brew install hyperfine or cargo install hyperfine) and run bench/run.sh again"
    fi
fi

# hyperfine runs the commands without a shell (--shell=none) and splits them
# like a shell would, so paths are single-quoted below: keep ' out of the path.
case $ROOT in *"'"*) die "the checkout path must not contain a single quote" ;; esac

# Fixed "today", no colour, and no user config (a path that does not exist means
# the built-in defaults), so the numbers do not depend on who runs this.
export NET_TODAY=$TODAY NO_COLOR=1 NET_CONFIG=$DATA/no-config.toml
unset NET_DB COLUMNS

REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src migrations Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    REV="$REV + uncommitted changes"
fi
echo "== build (release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR) of $REV"
cargo build --release --quiet --bin net --example gen_network
NET=$CARGO_TARGET_DIR/release/net
GEN=$CARGO_TARGET_DIR/release/examples/gen_network
mkdir -p "$DATA"
rm -f "$NET_CONFIG"

# Milliseconds since the epoch, for timing single runs.
now_ms() { date +%s%3N; }

# `net` on one database.
on() {
    local db=$1
    shift
    NET_DB=$db "$NET" "$@"
}

fresh_db() {
    rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}

SIZES=(small large)
declare -A CONTACTS=([small]=150 [large]=10000)
declare -A INTERACTIONS=([small]=3000 [large]=1000000)
declare -A IMPORT_S SHOW_ID

for size in "${SIZES[@]}"; do
    c=${CONTACTS[$size]}
    i=${INTERACTIONS[$size]}
    json=$DATA/$size-$c-$i-seed$SEED.json
    db=$DATA/$size.db

    echo
    echo "== $size: $c contacts, $i interactions"
    # Reused while it is newer than the generator (a rebuilt generator may write
    # something else).
    if [ -s "$json" ] && [ "$json" -nt "$GEN" ]; then
        echo "reusing $json"
    else
        t0=$(now_ms)
        "$GEN" --contacts "$c" --interactions "$i" --seed "$SEED" --today "$TODAY" >"$json.partial"
        mv "$json.partial" "$json"
        echo "generated $json in $(($(now_ms) - t0)) ms"
    fi

    fresh_db "$db"
    # Peak memory too, when GNU time is there.
    timer=()
    rss=$DATA/import-$size.rss
    rm -f "$rss"
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$rss")
    t0=$(now_ms)
    NET_DB=$db ${timer[@]+"${timer[@]}"} "$NET" import json "$json"
    ms=$(($(now_ms) - t0))
    IMPORT_S[$size]=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
    [ -s "$rss" ] && IMPORT_S[$size]="${IMPORT_S[$size]} s, $(($(tail -1 "$rss") / 1024)) MB peak RSS" || IMPORT_S[$size]="${IMPORT_S[$size]} s"
    echo "import: ${IMPORT_S[$size]} ($(du -h "$json" | cut -f1) of JSON -> $(du -h "$db" | cut -f1) database)"

    # A nurtured contact to show: the first with the shortest cadence (they have
    # the most interactions), else the first with any cadence.
    line=$(grep -m1 '"every":"2w"' "$json" || grep -m1 '"every":' "$json" || true)
    [ -n "$line" ] || die "$json has no contact with a cadence"
    id=$(sed -E 's/^ *\{"id":([0-9]+),.*/\1/' <<<"$line")
    SHOW_ID[$size]=$id

    # `net log` writes, so it runs on a copy (every run adds one interaction).
    logdb=$DATA/$size-log.db
    fresh_db "$logdb"
    cp "$db" "$logdb"
    # Fail here, with net's own message, rather than inside hyperfine.
    on "$db" due >/dev/null
    on "$db" show "#$id" >/dev/null
    on "$logdb" log coffee '#5' --for 30m >/dev/null

    # The baseline: open the database and read 20 rows, as a process (timed by
    # hyperfine, but dominated by Python's start-up) and in-process (the SQLite
    # work alone, timed by Python).
    read20="import sqlite3, sys; db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True); rows = db.execute('SELECT * FROM contacts LIMIT 20').fetchall(); assert len(rows) == 20; db.close()"
    "$PY" - "$db" "$DATA/read20-$size.txt" <<'PYEOF'
import sqlite3, statistics, sys, time

def read20():
    db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
    rows = db.execute("SELECT * FROM contacts LIMIT 20").fetchall()
    assert len(rows) == 20
    db.close()

for _ in range(20):
    read20()
times = []
for _ in range(500):
    t = time.perf_counter()
    read20()
    times.append(time.perf_counter() - t)
ms = statistics.median(times) * 1000
with open(sys.argv[2], "w") as f:
    f.write(f"{ms}\n")
print(f"in-process: open + read 20 rows + close = {ms:.3f} ms (median of 500)")
PYEOF
    hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$DATA/hyperfine-$size.json" \
        -n "due" "'$NET' --db '$db' due" \
        -n "due-all" "'$NET' --db '$db' due --all" \
        -n "list" "'$NET' --db '$db' list" \
        -n "show" "'$NET' --db '$db' show '#$id'" \
        -n "who" "'$NET' --db '$db' who hamburg" \
        -n "history" "'$NET' --db '$db' history '#$id'" \
        -n "log" "'$NET' --db '$logdb' log coffee '#5' --for 30m" \
        -n "config" "'$NET' config" \
        -n "py-sqlite-read20" "'$PY' -c \"$read20\" '$db'" \
        -n "py-startup" "'$PY' -c \"import sqlite3\""
done

echo
echo "== round trip: export small -> import into a new database -> export again"
rt1=$DATA/roundtrip-1.json
rt2=$DATA/roundtrip-2.json
rtdb=$DATA/roundtrip.db
fresh_db "$rtdb"
rm -f "$rt1" "$rt2"
on "$DATA/small.db" export json >"$rt1"
on "$rtdb" import json "$rt1"
on "$rtdb" export json >"$rt2"
if cmp "$rt1" "$rt2"; then
    ROUNDTRIP=OK
else
    ROUNDTRIP=FAIL
fi
echo "round trip: $ROUNDTRIP"

echo
echo "== summary (median ms over $RUNS runs, NET_TODAY=$TODAY, output to /dev/null)"
echo "net $("$NET" --version | cut -d' ' -f2) built from $REV; $(nproc) CPUs"
echo "import (run once each): small ${IMPORT_S[small]}; large ${IMPORT_S[large]}"
echo "show: small #${SHOW_ID[small]}, large #${SHOW_ID[large]}"
"$PY" - "$DATA" <<'PYEOF'
import json, os, sys

data = sys.argv[1]

def medians(size):
    with open(os.path.join(data, f"hyperfine-{size}.json")) as f:
        m = {r["command"]: r["median"] * 1000 for r in json.load(f)["results"]}
    with open(os.path.join(data, f"read20-{size}.txt")) as f:
        m["read20"] = float(f.read())
    return m

small, large = medians("small"), medians("large")
labels = {
    "due": "net due",
    "due-all": "net due --all",
    "list": "net list",
    "show": "net show '#ID' (nurtured)",
    "who": "net who hamburg (notes: 1 in 60 interactions)",
    "history": "net history '#ID' (all of it)",
    "log": "net log coffee '#5' --for 30m",
    "config": "net config (process floor, no DB)",
    "py-sqlite-read20": "python3: open DB, read 20 rows",
    "py-startup": "python3 -c 'import sqlite3'",
    "read20": "open DB, read 20 rows, in-process",
}
w = max(len(v) for v in labels.values())
print(f"{'median ms':<{w}}  {'small':>8}  {'large':>8}  {'large/small':>11}")
for key, label in labels.items():
    s, l = small[key], large[key]
    print(f"{label:<{w}}  {s:8.2f}  {l:8.2f}  {l / s:10.2f}x")

print()
print("baseline = net config (start a process, read the config) + open the DB and read 20 rows in-process")
for name, m in (("small", small), ("large", large)):
    base = m["config"] + m["read20"]
    print(f"  {name}: net due {m['due']:.2f} ms vs baseline {base:.2f} ms -> {m['due'] / base:.2f}x")
print(f"net due large/small: {large['due'] / small['due']:.2f}x")
for key in ("who", "history"):
    print(f"net {key} vs net show: small {small[key] / small['show']:.2f}x, large {large[key] / large['show']:.2f}x (target for who: within 2x)")
PYEOF
echo "round trip (export -> import -> export, cmp): $ROUNDTRIP"
echo "raw hyperfine results: $DATA/hyperfine-small.json, $DATA/hyperfine-large.json"
[ "$ROUNDTRIP" = OK ]
