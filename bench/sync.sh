#!/usr/bin/env bash
# Times `net sync` against a local Radicale (or Xandikos): the first sync of a
# 1,000-contact / 10,000-interaction network (everything uploaded), then a sync with
# nothing to do, then a second, empty database downloading it all. CONTACTS= and
# INTERACTIONS= change the size. Each line gives the wall time and, apart, the CPU
# time of `net` itself (the rest is the server's and the network's).
# Needs .venv-dav (see .ci/run). Writes only to bench/data/sync (gitignored).
#   bench/sync.sh                      # the debug build, Radicale
#   PROFILE=release bench/sync.sh      # the release build
#   SERVER=xandikos bench/sync.sh      # against Xandikos
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-debug}
flag=""
[ "$profile" = release ] && flag=--release
cargo build $flag --quiet --bin net --example gen_network
bin=target/$profile
dir=bench/data/sync
rm -rf "$dir"
mkdir -p "$dir"
"$bin/examples/gen_network" --contacts "${CONTACTS:-1000}" --interactions "${INTERACTIONS:-10000}" --today 2026-11-22 >"$dir/network.json"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_kind=${SERVER:-radicale}
if [ "$server_kind" = xandikos ]; then
  .venv-dav/bin/xandikos serve -d "$dir/xandikos" --defaults --no-detect-systemd \
    -l 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
else
  echo "bench:bench" >"$dir/users"
  cat >"$dir/radicale.conf" <<CONF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $PWD/$dir/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $PWD/$dir/collections
[web]
type = none
[logging]
level = warning
CONF
  .venv-dav/bin/radicale -C "$dir/radicale.conf" >"$dir/server.log" 2>&1 &
fi
server=$!
trap 'kill $server' EXIT
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

export NET_DB=$dir/net.db NET_CONFIG=$dir/config.toml NET_TODAY=2026-11-22 NET_DAV_PASSWORD=bench NO_COLOR=1
"$bin/net" import json "$dir/network.json" 2>/dev/null
"$bin/net" sync setup "http://127.0.0.1:$port/" --user bench >/dev/null 2>&1
timed() {
  local start end cpu
  start=$(date +%s.%N)
  cpu=$( { TIMEFORMAT='%U %S'; time "$bin/net" sync 2>"$dir/last.txt"; } 2>&1 )
  end=$(date +%s.%N)
  printf '%-22s %7.2f s (net CPU %5.2f s)   %s\n' "$1" "$(echo "$end - $start" | bc)" \
    "$(echo "$cpu" | awk '{print $1 + $2}')" "$(sed -n 2p "$dir/last.txt")"
}
timed "first sync ($profile, $server_kind)"
timed "no-change sync"
# A second, empty database downloads it all.
export NET_DB=$dir/desktop.db NET_CONFIG=$dir/desktop.toml
"$bin/net" sync setup "http://127.0.0.1:$port/" --user bench >/dev/null 2>&1
timed "second machine, first"
timed "second machine, again"
# The server's floor: as many bare items PUT one after another into a fresh
# calendar (Radicale and Xandikos both check a new item's UID against the whole
# collection, so a first upload grows with the square of its size on either).
floor_path=/bench/floor/
[ "$server_kind" = xandikos ] && floor_path=/user/calendars/floor/
curl -s -u bench:bench -X MKCALENDAR "http://127.0.0.1:$port$floor_path" -o /dev/null
printf '%-22s %s\n' "floor (bare PUTs)" \
  "$(bench/put_floor.py "$port" "$floor_path" "$(( ${CONTACTS:-1000} + ${INTERACTIONS:-10000} ))")"
