#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the tests on 127.0.0.1:$HUB_PG_PORT (default 55432), trust
# auth, owned by the postgres user (PostgreSQL refuses to run as root). Installs Debian's
# postgresql package when missing (as root). Reuses the cluster this script started before, if it
# still runs, or starts it again on its data when it was stopped; otherwise makes a new one. Prints the connection string of the maintenance database
# on its last line: the tests make a database of their own per fixture in it.
# Durability: fsync and synchronous_commit off (tests only), unless HUB_PG_DURABLE=1 (the benchmark's own cluster).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
port="${HUB_PG_PORT:-55432}"
dir="${HUB_PG_DIR:-/tmp/hub-test-postgres}"
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL 15 is missing; run this script as root (apt-get install postgresql)" >&2; exit 1; fi
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends postgresql >/dev/null
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
options="-p $port -c listen_addresses=127.0.0.1 -k $dir/run -c max_connections=300"
# HUB_PG_DURABLE=1 (the benchmark's cluster): PostgreSQL's defaults, fsync and synchronous_commit on,
# and pg_stat_statements loaded, so the benchmark can count the statements a delivery costs.
if [ "${HUB_PG_DURABLE:-0}" = 1 ]; then
  options="$options -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
else
  options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
start() { as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/run/postgres.log" -w -t 60 -o "$options" start >/dev/null; }
if [ -f "$dir/data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 \
   && as_postgres "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  :
elif [ -f "$dir/data/PG_VERSION" ] && start; then
  # Stopped (scripts/stop-postgres.sh, or a reboot): started again on the data it had.
  :
else
  as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  mkdir -p "$dir/data" "$dir/run"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  start
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
