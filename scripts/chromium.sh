#!/usr/bin/env bash
# A real Chromium for the browser tests (the hosted connect page), from Debian's `chromium` package:
# browser downloads (playwright install) do not work here. Installs it when missing (root + apt-get),
# then prints the executable's path as its last line: CHROMIUM_PATH="$(bash scripts/chromium.sh | tail -n1)".
set -euo pipefail

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -n "$candidate" && -x "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! find_chromium >/dev/null; then
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "chromium.sh: Chromium is not installed and apt-get is not usable here (need root on Debian/Ubuntu)." >&2
    echo "Install Debian's 'chromium' package yourself, or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "chromium.sh: installing Debian's chromium package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi
find_chromium
