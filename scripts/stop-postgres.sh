#!/usr/bin/env bash
# Stops the private PostgreSQL cluster scripts/start-postgres.sh started (HUB_PG_DIR, default
# /tmp/hub-test-postgres), keeping its data: start-postgres.sh starts it again on that data.
# A fast shutdown, as an operator's restart or a failover would look to the hub: connections cut.
set -euo pipefail
dir="${HUB_PG_DIR:-/tmp/hub-test-postgres}"
bin=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
