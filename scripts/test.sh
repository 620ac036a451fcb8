#!/usr/bin/env bash
# The README's test command: build in Release, run every test project, run the end-to-end suite a
# second time on PostgreSQL (HUB_TEST_BACKEND), run the benchmark harness in --quick mode (so it
# never rots; its numbers are not asserted, only its ledger), and end with the line "N passed, N
# failed". Needs the .NET SDK; installs Debian's Chromium (browser tests),
# python3 (an independent signature check) and PostgreSQL 15 (the PostgreSQL backend's suites) when
# missing (as root), and starts a private PostgreSQL cluster and the jongodb MongoDB-wire test engine
# (the MongoDB log store's suites; from npm); NuGet packages are restored on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-test-packages.sh
HUB_TEST_POSTGRES="$(scripts/start-postgres.sh | tail -n 1)"
export HUB_TEST_POSTGRES
HUB_TEST_MONGO="$(scripts/start-jongodb.sh | tail -n 1)"
export HUB_TEST_MONGO
dotnet build IntegrationHub.slnx -c Release </dev/null
log="$(mktemp)"
set +e
dotnet test IntegrationHub.slnx --no-build -c Release </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Tests that run on PostgreSQL whatever the backend (trait Backend=PostgreSql: the cluster) ran in the first pass.
echo "--- the end-to-end suite again, on PostgreSQL ---"
HUB_TEST_BACKEND=PostgreSql dotnet test tests/IntegrationHub.Tests --no-build -c Release --filter "Backend!=PostgreSql" </dev/null 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
echo "--- benchmark harness (--quick) ---"
dotnet run -c Release --no-build --project bench/IntegrationHub.Bench -- --quick --out "$(mktemp -d)/BENCHMARKS-quick.md" </dev/null > "$log.bench" 2>&1
bench=$?
set -e
tail -n 40 "$log.bench"
if [ "$bench" -ne 0 ]; then echo "benchmark harness failed (exit $bench): a void ledger or a crash"; rc=1; fi
awk '/(Passed|Failed)! +- +Failed:/ { gsub(/,/, ""); for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1) } }
     END { printf "%d passed, %d failed\n", p, f; if (p == 0) exit 1 }' "$log" || rc=1
rm -f "$log" "$log.bench"
exit "$rc"
