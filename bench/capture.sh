#!/usr/bin/env bash
# Times `net capture mail` on a generated 100,000-message Maildir (issue 14):
# wall time, CPU and peak memory (GNU time's "Maximum resident set size") of
#   1. a dry run over all of it (--since 2000-01-01), cold page cache when the
#      script may drop it (root), then warm;
#   2. a dry run of the default window (30 days);
#   3. the saving run (proposals into the inbox, every file marked read);
#   4. `net inbox accept --all`;
#   5. the next run, with nothing new.
# Writes only to bench/data/capture (gitignored). COUNT= changes the size.
#   bench/capture.sh                  # the release build
#   NET=/path/to/net bench/capture.sh # another binary
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NET:-}" ]; then
    cargo build --release --quiet --bin net
    NET=$PWD/target/release/net
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
dir=$PWD/bench/data/capture
rm -rf "$dir"
mkdir -p "$dir"
python3 bench/gen_maildir.py "$dir/Mail" --count "${COUNT:-100000}" --contacts-out "$dir/contacts.txt"
echo "Maildir: $(du -sh "$dir/Mail" | cut -f1), $(find "$dir/Mail" -type f | wc -l) files"

export NET_DB=$dir/net.db NET_CONFIG=$dir/config.toml NET_TODAY=2026-11-22 NO_COLOR=1
printf '[me]\nemails = ["me@example.com"]\n' >"$NET_CONFIG"
i=0
while read -r address; do
    i=$((i + 1))
    "$NET" add "Person $i" --email "$address" >/dev/null 2>&1
done <"$dir/contacts.txt"

timed() {
    local name=$1
    shift
    /usr/bin/time -v "$NET" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
    awk -v name="$name" '
        /User time/ {u = $NF} /System time/ {s = $NF}
        /Elapsed/ {w = $NF} /Maximum resident/ {m = $NF}
        END {printf "%-10s wall %8s  cpu %6.2f s  peak %6.1f MB\n", name, w, u + s, m / 1024}
    ' "$dir/$name.err"
    grep -m1 -E "proposal|Recorded" "$dir/$name.err" | sed 's/^/           /' || true
}

sync
if [ "$(id -u)" = 0 ] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
    timed cold capture mail "$dir/Mail" --since 2000-01-01 --dry-run
else
    echo "cold: cannot drop the page cache (not root): skipped"
fi
timed warm capture mail "$dir/Mail" --since 2000-01-01 --dry-run
timed window capture mail "$dir/Mail" --dry-run
timed save capture mail "$dir/Mail" --since 2000-01-01
timed accept inbox accept --all
timed again capture mail "$dir/Mail"
