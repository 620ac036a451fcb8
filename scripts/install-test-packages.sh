#!/usr/bin/env bash
# The Debian packages the tests need, installed when missing (as root):
# - chromium, for the dashboard's browser tests (Playwright drives /usr/bin/chromium, so no
#   'playwright install' download is needed);
# - python3, whose hmac module checks the hub's webhook signatures independently.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "missing: ${missing[*]}; run this script as root (apt-get install ${missing[*]})" >&2; exit 1; fi
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium --version
python3 --version
