#!/usr/bin/env bash
# Scores the systemd units and verifies them; exits non-zero if a unit is above its threshold or
# has a verify error. Needs systemd-analyze (systemd >= 252), no running systemd.
#   packaging/check-units.sh
# Thresholds (docs/security.md "systemd units"): hub <= 2.0, agent <= 4.0.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0
score() { # unit threshold (systemd counts in tenths: 2.0 is 20)
  local unit=$top/systemd/$1 out
  out=$(systemd-analyze security --offline=true --threshold="$(( ${2%.*} * 10 + ${2#*.} ))" "$unit" 2>&1) || {
    echo "FAIL: $1 is above $2:"; echo "$out" | grep -v '^✓' >&2; fail=1; return; }
  echo "ok: $1 $(echo "$out" | grep -o 'exposure level for [^ ]*: [0-9.]*' | awk '{print $NF}') <= $2"
}
score skerry-hub.service 2.0
score skerry-agent.service 4.0

# verify checks that ExecStart exists: give it a root with the packaged paths.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/lib/skerry" "$root/usr/bin" "$root/etc/systemd/system" "$root/lib/systemd"
cp -a /lib/systemd/system "$root/lib/systemd/"
install -m 0755 "$top/agent/src/main/dist/skerry-agent" "$root/usr/lib/skerry/skerry-agent"
printf '#!/bin/sh\n' > "$root/usr/bin/java"; chmod 0755 "$root/usr/bin/java"
cp "$top/systemd/skerry-hub.service" "$top/systemd/skerry-agent.service" "$root/etc/systemd/system/"
if out=$(systemd-analyze verify --root="$root" skerry-hub.service skerry-agent.service 2>&1) \
    && ! echo "$out" | grep -q 'skerry-'; then
  echo "ok: systemd-analyze verify"
else
  echo "FAIL: systemd-analyze verify:"; echo "$out"; fail=1
fi
exit $fail
