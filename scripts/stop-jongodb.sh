#!/usr/bin/env bash
# Stops the jongodb test engine scripts/start-jongodb.sh started in $HUB_MONGO_DIR (its data, in
# memory, goes with it).
set -euo pipefail
dir="${HUB_MONGO_DIR:-/tmp/hub-test-jongodb}"
# Only a jongodb: a pid file left by a reboot may name another process now.
if [ -f "$dir/pid" ] && grep -q jongodb "/proc/$(cat "$dir/pid")/cmdline" 2>/dev/null; then
  pid="$(cat "$dir/pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$dir/pid"
echo stopped
