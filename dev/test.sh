#!/usr/bin/env bash
# dev/test.sh — start the integration-test environment, then build and run all tests, then check
# the Debian packages and systemd units the build made (lintian, contents, systemd-analyze).
# Extra arguments go to Maven, e.g. `dev/test.sh -pl agent -Dit.test=PullIT`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash dev/testenv.sh start
# The env file is a list of `export K=V` lines (containerd socket, registry, images).
eval "$(bash dev/testenv.sh env)"
env | grep '^SKERRY_IT_' | sort >&2

# Units first: seconds, and a failing score should not wait for the whole test run.
bash packaging/check-units.sh
mvn -B verify "$@"
if (($# == 0)); then
  log=$(mktemp)
  if ! bash packaging/check-packages.sh --no-build --ci >"$log" 2>&1; then
    cat "$log" >&2
    echo "packages: the check of the built .deb files failed (output above)" >&2
    exit 1
  fi
  echo "packages: lintian clean, contents and units checked ($log)"
fi
