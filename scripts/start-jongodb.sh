#!/usr/bin/env bash
# A MongoDB-wire test engine for the MongoDB log store's tests: jongodb (in memory, a native binary
# from npm) on 127.0.0.1:$HUB_MONGO_PORT (default 27117: below the ephemeral port range, so no outgoing connection holds it).
# It is a test engine, not MongoDB: it keeps
# nothing across a restart and lacks $push, $avg/$max, listCollections, drop and change streams
# (the store uses none of them). Installs the npm package when missing (npm comes with node; Debian's
# nodejs and npm packages are installed as root when missing). Reuses the engine this script started
# before in $HUB_MONGO_DIR if it still answers (scripts/stop-jongodb.sh stops it). Prints the
# connection string on its last line.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
port="${HUB_MONGO_PORT:-27117}"
dir="${HUB_MONGO_DIR:-/tmp/hub-test-jongodb}"
install="${HUB_MONGO_INSTALL:-/tmp/hub-jongodb-bin}"
package=@jongodb/memory-server-bin-linux-x64-gnu@0.1.6
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "npm is missing; run this script as root (apt-get install nodejs npm)" >&2; exit 1; fi
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends nodejs npm >/dev/null
fi
bin="$install/node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb"
if [ ! -x "$bin" ]; then
  mkdir -p "$install"
  npm install --prefix "$install" --no-audit --no-fund --silent "$package" >/dev/null
fi
mkdir -p "$dir"
uri="mongodb://127.0.0.1:$port/?serverSelectionTimeoutMS=5000"
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
# Only ever a jongodb this script started: a pid file left by a reboot may name another process now.
ours() { [ -f "$dir/pid" ] && grep -q jongodb "/proc/$(cat "$dir/pid")/cmdline" 2>/dev/null; }
if ours && answers; then
  echo "$uri"
  exit 0
fi
if ours; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
# A port just given up can take a moment to bind again: three tries.
for _ in 1 2 3; do
  # setsid: the engine outlives the shell (and the test run) that started it, like the PostgreSQL cluster.
  setsid "$bin" --host=127.0.0.1 --port="$port" --database=test > "$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  for _ in $(seq 100); do
    grep -q '^JONGODB_URI=\|^JONGODB_START_FAILURE=' "$dir/server.log" && break
    sleep 0.1
  done
  grep -q '^JONGODB_URI=' "$dir/server.log" && break
  sleep 1
done
grep -q '^JONGODB_URI=' "$dir/server.log" || { cat "$dir/server.log" >&2; exit 1; }
echo "$uri"
