#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (Playwright drives it through
# ExecutablePath=/usr/bin/chromium, so no 'playwright install' download is needed).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "chromium is missing; run this script as root (apt-get install chromium)" >&2; exit 1; fi
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
chromium --version
