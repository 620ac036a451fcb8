#!/usr/bin/env bash
# The hub as a cluster on this machine: a private PostgreSQL 15 (scripts/start-postgres.sh, on
# 127.0.0.1:$HUB_PG_PORT, default 55440; installed when missing, as root), one web process with
# the demo lab and its sandbox partner on http://127.0.0.1:5080, and two worker processes that
# deliver (health on :5081 and :5082). All three share the database "hub" and the data folder
# data-cluster/ (report PDFs and the key ring). Ctrl+C stops the hub processes; the database keeps
# running (scripts/stop-postgres.sh with the same HUB_PG_DIR stops it).
# The private cluster runs with fsync off, as the tests' does: it shows the cluster working, it is
# not a production database.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export HUB_PG_PORT="${HUB_PG_PORT:-55440}" HUB_PG_DIR="${HUB_PG_DIR:-/tmp/hub-cluster-postgres}"
scripts/start-postgres.sh >/dev/null
psql=(psql -h 127.0.0.1 -p "$HUB_PG_PORT" -U postgres -d postgres -tAq)
"${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'hub'" | grep -q 1 || "${psql[@]}" -c "CREATE DATABASE hub"

dotnet build src/IntegrationHub.Server -c Release -v quiet -nologo </dev/null >/dev/null
server=src/IntegrationHub.Server/bin/Release/net10.0/IntegrationHub.Server.dll
data="$PWD/data-cluster"
mkdir -p "$data"
common=(--IntegrationHub:DataFolder="$data" --IntegrationHub:Storage:Provider=PostgreSql
        --IntegrationHub:Storage:ConnectionString="Host=127.0.0.1;Port=$HUB_PG_PORT;Username=postgres;Database=hub")

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT INT TERM
healthy() { for _ in $(seq 1 600); do curl -fs "$1/health" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1/health" >&2; return 1; }

# The web process first: it seeds the demo and writes the key ring the workers then read.
dotnet "$server" --demo --urls http://127.0.0.1:5080 --IntegrationHub:Role=Web "${common[@]}" & pids+=($!)
healthy http://127.0.0.1:5080
for port in 5081 5082; do
  # The demo's partner is the web process's sandbox, an internal address: allowed by name.
  dotnet "$server" --urls "http://127.0.0.1:$port" --IntegrationHub:Role=Worker \
    --IntegrationHub:Destinations:Allow:0=127.0.0.1:5080 "${common[@]}" & pids+=($!)
done
healthy http://127.0.0.1:5081
healthy http://127.0.0.1:5082
echo "Integration Hub cluster: web http://127.0.0.1:5080 (dashboard, API), workers :5081 :5082, PostgreSQL 127.0.0.1:$HUB_PG_PORT/hub. Ctrl+C stops it."
wait -n "${pids[@]}"
