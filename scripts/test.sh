#!/usr/bin/env bash
# The README's test command: build in Release, run every test project, end with "N passed, N failed".
# Needs only the .NET SDK; NuGet packages are restored on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build IntegrationHub.slnx -c Release </dev/null
log="$(mktemp)"
set +e
dotnet test IntegrationHub.slnx --no-build -c Release </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
awk '/(Passed|Failed)! +- +Failed:/ { gsub(/,/, ""); for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1) } }
     END { printf "%d passed, %d failed\n", p, f; if (p == 0) exit 1 }' "$log" || rc=1
rm -f "$log"
exit "$rc"
