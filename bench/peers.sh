#!/usr/bin/env bash
# net against its closest peer (knotter) and against the floor (examples/floor.rs),
# on both network shapes (a, b) at 150/3k and 10k/1M. See bench/README.md.
#
#   KNOTTER=/path/to/knotter bench/peers.sh
#   BENCH_RUNS=10 bench/peers.sh              # fewer timed runs (default 20)
#   NET=/path/to/net NET_TAG=before bench/peers.sh   # another net binary, own databases
#   PEERS_SIZES=small bench/peers.sh          # only 150/3k (a quick check)
#
# One hyperfine run per shape holds every command of that shape (both sizes, net,
# knotter, floor), so the ratios compare numbers taken under the same noise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DATA=$ROOT/bench/data/peers
RUNS=${BENCH_RUNS:-20}
WARMUP=3
SEED=42
TODAY=2026-11-22
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

die() {
    echo "peers: $*" >&2
    exit 1
}

case $RUNS in
'' | *[!0-9]*) die "BENCH_RUNS=$RUNS is not a number of runs" ;;
esac
[ "$RUNS" -ge 2 ] || die "BENCH_RUNS must be at least 2 (hyperfine needs two runs)"
command -v hyperfine >/dev/null || die "hyperfine is missing (apt-get install hyperfine)"
command -v python3 >/dev/null || die "python3 is needed (knotter.py and the summary)"
PY=$(python3 -c 'import sys; print(sys.executable)')
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed for peak RSS (apt-get install time)"
case $ROOT in *"'"*) die "the checkout path must not contain a single quote" ;; esac

export NET_TODAY=$TODAY NO_COLOR=1 NET_CONFIG=$DATA/no-config.toml
# knotter: no config file (an empty config home means its defaults).
export XDG_CONFIG_HOME=$DATA/xdg-config
unset NET_DB COLUMNS

REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src migrations Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    REV="$REV + uncommitted changes"
fi
if [ -n "${NET:-}" ]; then
    [ -x "$NET" ] || die "NET=$NET is not an executable"
    NET_TAG=${NET_TAG:-$(basename "$NET")}
    echo "== build (release) of the generator and the floor probes; net is $NET"
    nice cargo build --release --quiet --example gen_network --example floor
    NET_REV="$NET"
else
    NET_TAG=${NET_TAG:-main}
    echo "== build (release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR) of $REV"
    nice cargo build --release --quiet --bin net --example gen_network --example floor
    NET=$CARGO_TARGET_DIR/release/net
    NET_REV="$REV"
fi
case $NET_TAG in *[!A-Za-z0-9._-]*) die "NET_TAG=$NET_TAG: letters, digits, . _ - only" ;; esac
GEN=$CARGO_TARGET_DIR/release/examples/gen_network
FLOOR=$CARGO_TARGET_DIR/release/examples/floor
OUT=$DATA/$NET_TAG
mkdir -p "$DATA" "$OUT" "$XDG_CONFIG_HOME"
rm -f "$NET_CONFIG"

if [ -n "${KNOTTER:-}" ]; then
    [ -x "$KNOTTER" ] || die "KNOTTER=$KNOTTER is not an executable"
    echo "knotter: $KNOTTER ($("$KNOTTER" --version))"
else
    echo "peers: KNOTTER is not set: knotter is skipped (build it from github.com/tomatyss/knotter and set KNOTTER=/path/to/knotter)" >&2
fi

fresh_db() {
    rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}
copy_db() {
    fresh_db "$2"
    cp "$1" "$2"
    [ ! -e "$1-wal" ] || cp "$1-wal" "$2-wal"
}
# `/usr/bin/time` of one run: "<seconds> <peak RSS in KB>" into $1, the command after it.
timed() {
    local out=$1
    shift
    /usr/bin/time -f '%e %M' -o "$out" "$@"
}

read -r -a SIZES <<<"${PEERS_SIZES:-small large}"
declare -A CONTACTS=([small]=150 [large]=10000)
declare -A INTERACTIONS=([small]=3000 [large]=1000000)
SHAPES=(a b)

for shape in "${SHAPES[@]}"; do
    cmds=()
    for size in "${SIZES[@]}"; do
        c=${CONTACTS[$size]:?unknown size $size}
        i=${INTERACTIONS[$size]}
        key=$shape-$size
        json=$DATA/$shape-$c-$i-seed$SEED.json
        db=$OUT/$key.db
        echo
        echo "== shape $shape, $size: $c contacts, $i interactions ($NET_TAG)"
        if [ -s "$json" ] && [ "$json" -nt "$GEN" ]; then
            echo "reusing $json"
        else
            "$GEN" --shape "$shape" --contacts "$c" --interactions "$i" --seed "$SEED" --today "$TODAY" >"$json.partial"
            mv "$json.partial" "$json"
            echo "generated $json ($(du -h "$json" | cut -f1))"
        fi

        fresh_db "$db"
        NET_DB=$db timed "$OUT/$key.import" "$NET" import json "$json" >/dev/null
        echo "import: $(cat "$OUT/$key.import") (s, KB peak RSS)"
        undodb=$OUT/$key-undo.db
        copy_db "$db" "$undodb"
        NET_DB=$undodb timed "$OUT/$key.undo" "$NET" undo >/dev/null
        echo "undo of the import: $(cat "$OUT/$key.undo") (s, KB peak RSS)"
        left=$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM interactions").fetchone()[0])' "$undodb")
        [ "$left" = 0 ] || die "net undo of the import left $left interactions in $undodb"
        fresh_db "$undodb"

        # The busiest contact (most interactions) and a median one (the middle of
        # the contacts that have any).
        read -r busy median < <("$PY" - "$db" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT contact_id, count(*) AS n FROM participants GROUP BY contact_id ORDER BY n DESC, contact_id").fetchall()
print(rows[0][0], rows[len(rows) // 2][0])
PYEOF
)
        echo "$busy" >"$OUT/$key.busy"
        echo "$median" >"$OUT/$key.median"
        "$NET" --db "$db" due --all --json >"$OUT/$key.due-all.json"
        "$PY" - "$OUT/$key.due-all.json" "$db" "$OUT/$key.counts" <<'PYEOF'
import json, sqlite3, sys
doc = json.load(open(sys.argv[1]))
rows = doc["entries"]
db = sqlite3.connect(sys.argv[2])
n = lambda sql: db.execute(sql).fetchone()[0]
# Due: the cadence has run out (net's statuses "due" and "cold"; "soon", "ok" and
# "snoozed" are listed by --all too).
due = sum(1 for r in rows if r.get("due_on") and r["due_on"] <= doc["date"])
counts = {"rows": len(rows), "due": due, "contacts": n("SELECT count(*) FROM contacts"),
          "active": n("SELECT count(*) FROM contacts WHERE status = 'active'")}
json.dump(counts, open(sys.argv[3], "w"))
print(f"net due --all --json: {len(rows)} rows, {due} due, of {counts['active']} active contacts")
PYEOF
        echo "busiest #$busy, median #$median"

        logdb=$OUT/$key-log.db
        copy_db "$db" "$logdb"
        floordb=$OUT/$key-floor.db
        copy_db "$db" "$floordb"
        # Fail here, with the tool's own message, rather than inside hyperfine.
        for args in "due" "show #$busy" "log coffee #$median --for 30m"; do
            # shellcheck disable=SC2086
            "$NET" --db "$logdb" $args >/dev/null
        done
        echo "floor next-due:   $("$FLOOR" next-due "$db" "$TODAY" | cut -c1-60)"
        echo "floor last-touch: $("$FLOOR" last-touch "$db" "$TODAY" | cut -c1-60)"
        "$FLOOR" insert "$floordb" "$TODAY" >/dev/null

        n="'$NET' --db"
        cmds+=(-n "net due $key" "$n '$db' due")
        cmds+=(-n "net due-all $key" "$n '$db' due --all")
        cmds+=(-n "net due-all-json $key" "$n '$db' --json due --all")
        cmds+=(-n "net list $key" "$n '$db' list")
        cmds+=(-n "net list-json $key" "$n '$db' --json list")
        cmds+=(-n "net show $key" "$n '$db' show '#$busy'")
        cmds+=(-n "net show-json $key" "$n '$db' --json show '#$busy'")
        cmds+=(-n "net log-busy $key" "$n '$logdb' log coffee '#$busy' --for 30m")
        cmds+=(-n "net log-median $key" "$n '$logdb' log coffee '#$median' --for 30m")
        cmds+=(-n "net config $key" "'$NET' config")
        cmds+=(-n "floor open $key" "'$FLOOR' open '$db'")
        cmds+=(-n "floor next-due $key" "'$FLOOR' next-due '$db' $TODAY")
        cmds+=(-n "floor last-touch $key" "'$FLOOR' last-touch '$db' $TODAY")
        cmds+=(-n "floor insert $key" "'$FLOOR' insert '$floordb' $TODAY")

        # Peak RSS of one run each (the log on the copy).
        timed "$OUT/$key.rss-due" "$NET" --db "$db" due >/dev/null
        timed "$OUT/$key.rss-show" "$NET" --db "$db" show "#$busy" >/dev/null
        timed "$OUT/$key.rss-log" "$NET" --db "$logdb" log coffee "#$busy" --for 30m >/dev/null

        if [ -n "${KNOTTER:-}" ]; then
            kdb=$OUT/$key-knotter.db
            klog=$OUT/$key-knotter-log.db
            "$PY" "$ROOT/bench/knotter.py" "$KNOTTER" "$json" "$kdb" --today "$TODAY"
            copy_db "$kdb" "$klog"
            kbusy=$(printf '00000000-0000-4000-8000-%012x' "$busy")
            kmedian=$(printf '00000000-0000-4000-8000-%012x' "$median")
            k="'$KNOTTER' --db-path"
            "$KNOTTER" --db-path "$kdb" show "$kbusy" >/dev/null
            "$KNOTTER" --db-path "$klog" add-note "$kmedian" --kind hangout --note coffee --reschedule >/dev/null
            "$KNOTTER" --db-path "$kdb" --json remind >"$OUT/$key.knotter-remind.json"
            "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("knotter remind --json:", {k: len(v) for k, v in d.items() if isinstance(v, list)})' "$OUT/$key.knotter-remind.json"
            cmds+=(-n "knotter due $key" "$k '$kdb' remind")
            cmds+=(-n "knotter list $key" "$k '$kdb' list")
            cmds+=(-n "knotter list-json $key" "$k '$kdb' --json list")
            cmds+=(-n "knotter show $key" "$k '$kdb' show $kbusy")
            cmds+=(-n "knotter show-json $key" "$k '$kdb' --json show $kbusy")
            cmds+=(-n "knotter log-busy $key" "$k '$klog' add-note $kbusy --kind hangout --note coffee --reschedule")
            cmds+=(-n "knotter log-median $key" "$k '$klog' add-note $kmedian --kind hangout --note coffee --reschedule")
            timed "$OUT/$key.knotter-rss-due" "$KNOTTER" --db-path "$kdb" remind >/dev/null
            timed "$OUT/$key.knotter-rss-show" "$KNOTTER" --db-path "$kdb" show "$kbusy" >/dev/null
            timed "$OUT/$key.knotter-rss-log" "$KNOTTER" --db-path "$klog" add-note "$kbusy" --kind hangout --note coffee --reschedule >/dev/null
        fi
    done

    echo
    echo "== hyperfine, shape $shape: ${#cmds[@]} arguments, $RUNS runs each after $WARMUP warm-ups"
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$OUT/hyperfine-$shape.json" "${cmds[@]}" >"$OUT/hyperfine-$shape.txt"
    echo "(hyperfine's own report: $OUT/hyperfine-$shape.txt)"
done

echo
echo "== summary: net ($NET_TAG, $NET_REV) against knotter and the floor; NET_TODAY=$TODAY"
echo "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); median ms (min) over $RUNS runs; ratios of medians"
"$PY" - "$OUT" "${SIZES[@]}" <<'PYEOF'
import json, os, sys

out, sizes = sys.argv[1], sys.argv[2:]
shapes = ["a", "b"]
res = {}
for shape in shapes:
    with open(os.path.join(out, f"hyperfine-{shape}.json")) as f:
        for r in json.load(f)["results"]:
            res[r["command"]] = (r["median"] * 1000, r["min"] * 1000)

def get(tool, what, key):
    return res.get(f"{tool} {what} {key}")

def cell(v):
    return f"{v[0]:.1f} ({v[1]:.1f})" if v else "-"

def ratio(a, b):
    return f"{a[0] / b[0]:.2f}x" if a and b else "-"

def once(key, what):
    p = os.path.join(out, f"{key}.{what}")
    if not os.path.exists(p):
        return None
    sec, kb = open(p).read().split()[:2]
    return float(sec), int(kb) // 1024

# (label, net, knotter, floor)
rows = [
    ("due", "due", "due", "last-touch"),
    ("due --all", "due-all", None, "next-due"),
    ("due --all --json", "due-all-json", None, "next-due"),
    ("list", "list", "list", None),
    ("list --json", "list-json", "list-json", None),
    ("show busiest", "show", "show", None),
    ("show busiest --json", "show-json", "show-json", None),
    ("log busiest", "log-busy", "log-busy", "insert"),
    ("log median", "log-median", "log-median", "insert"),
    ("config (process start)", "config", None, "open"),
]
floors = [("floor: open + schema", "open"), ("floor: next-due via index", "next-due"),
          ("floor: last-touch scan", "last-touch"), ("floor: one durable insert", "insert")]

for size in sizes:
    label = {"small": "150/3k", "large": "10k/1M"}[size]
    head = f"{'at ' + label:<26}"
    for shape in shapes:
        head += f" | {shape.upper() + ' net':>15} {'knotter':>15} {'net/kn':>7} {'net/floor':>9}"
    print()
    print(head)
    print("-" * len(head))
    for name, n, k, fl in rows:
        line = f"{name:<26}"
        for shape in shapes:
            key = f"{shape}-{size}"
            nv = get("net", n, key)
            kv = get("knotter", k, key) if k else None
            fv = get("floor", fl, key) if fl else None
            line += f" | {cell(nv):>15} {cell(kv):>15} {ratio(nv, kv):>7} {ratio(nv, fv):>9}"
        print(line)
    for name, fl in floors:
        line = f"{name:<26}"
        for shape in shapes:
            line += f" | {cell(get('floor', fl, f'{shape}-{size}')):>15} {'':>15} {'':>7} {'':>9}"
        print(line)

    for shape in shapes:
        key = f"{shape}-{size}"
        imp, undo = once(key, "import"), once(key, "undo")
        rss = {w: once(key, f"rss-{w}") for w in ("due", "show", "log")}
        krss = {w: once(key, f"knotter-rss-{w}") for w in ("due", "show", "log")}
        counts = json.load(open(os.path.join(out, f"{key}.counts")))
        busy = open(os.path.join(out, f"{key}.busy")).read().strip()
        median = open(os.path.join(out, f"{key}.median")).read().strip()
        print(f"  {shape.upper()} {label}: {counts['due']} due of {counts['active']} active"
              f" ({counts['rows']} rows in due --all); busiest #{busy}, median #{median}")
        if imp:
            print(f"  {shape.upper()} {label}: net import json {imp[0]:.2f} s, {imp[1]} MB peak;"
                  f" net undo of it {undo[0]:.2f} s, {undo[1]} MB peak")
        print(f"  {shape.upper()} {label}: peak RSS MB net due {rss['due'][1]}, show {rss['show'][1]},"
              f" log {rss['log'][1]}" + (f"; knotter remind {krss['due'][1]}, show {krss['show'][1]},"
              f" add-note {krss['log'][1]}" if krss["due"] else ""))

if "small" in sizes and "large" in sizes:
    print()
    print("growth 150/3k -> 10k/1M (ratio of medians)")
    for name, tool, what in [("net due", "net", "due"), ("net due --all", "net", "due-all"),
                             ("knotter remind", "knotter", "due"), ("floor last-touch", "floor", "last-touch"),
                             ("floor next-due", "floor", "next-due")]:
        line = f"  {name:<20}"
        for shape in shapes:
            line += f"  {shape.upper()}: {ratio(get(tool, what, f'{shape}-large'), get(tool, what, f'{shape}-small')):>7}"
        print(line)
PYEOF
echo "raw: $OUT/hyperfine-{a,b}.json"
