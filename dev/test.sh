#!/usr/bin/env bash
# dev/test.sh — start the integration-test environment, then build and run all tests.
# Extra arguments go to Maven, e.g. `dev/test.sh -pl agent -Dit.test=PullIT`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash dev/testenv.sh start
# The env file is a list of `export K=V` lines (containerd socket, registry, images).
eval "$(bash dev/testenv.sh env)"
env | grep '^SKERRY_IT_' | sort >&2

exec mvn -B verify "$@"
