#!/usr/bin/env bash
# bench/e2e-latency.sh — time from `PUT /api/v1/deployments/NAME` on the hub to the hub showing
# the workload `running` (GET /api/v1/devices/ID, workloads[].state), end to end through the real
# hub jar, the embedded MQTT broker, the agent (started with its launcher), containerd and a
# registry.
#
#   bench/e2e-latency.sh [-n RUNS] [-i IMAGE]
#
# Each run starts a fresh hub + agent (new device id, new containerd namespace bench-<run>) and
#   1. "uncached": deployment lat-a, workload `a` (`sleep 3600` from IMAGE) — the image is not in
#      the containerd content store (checked in every namespace before the PUT; see below);
#   2. "cached":   deployment lat-b, workload `b`, same image (already pulled by step 1).
# then deletes the deployments, waits for the agent to remove its containers, stops everything,
# and removes the namespace's images/content/snapshots/leases and the namespace itself.
#
# Uncached honestly: containerd shares content blobs across namespaces, so use a private
# containerd that nobody else pulls into:
#   SKERRY_TESTENV_DIR=/tmp/skerry-bench bash dev/testenv.sh start
#   BENCH_TESTENV_DIR=/tmp/skerry-bench bench/e2e-latency.sh -n 5
# (the default BENCH_TESTENV_DIR is the shared /tmp/skerry-testenv; a run whose image blobs were
# already present is reported as "warm", not "uncached").
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=3 IMAGE_OVERRIDE=
while getopts n:i: o; do case $o in n) RUNS=$OPTARG ;; i) IMAGE_OVERRIDE=$OPTARG ;; *) exit 2 ;; esac; done

median() { sort -n | awk '{a[NR]=$1} END{ if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
minmax() { sort -n | awk 'NR==1{m=$1} {M=$1} END{print m".."M}'; }

if [[ ${BENCH_ONE:-0} != 1 ]]; then
  out=$(mktemp)
  for r in $(seq 1 "$RUNS"); do
    BENCH_ONE=1 "$0" ${IMAGE_OVERRIDE:+-i "$IMAGE_OVERRIDE"} | tee -a "$out"
  done
  echo "== e2e PUT->running over $RUNS runs ($(uptime | sed 's/.*load/load/'))"
  for k in start uncached warm cached; do
    vals=$(awk -v k=$k '$1==k{print $2}' "$out")
    [[ -n $vals ]] || continue
    printf '%-9s n=%s median=%s ms range=%s ms\n' "$k" "$(wc -l <<<"$vals")" \
      "$(median <<<"$vals")" "$(minmax <<<"$vals")"
  done
  rm -f "$out"
  exit 0
fi

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
trap bench_cleanup EXIT
load_testenv
IMAGE=${IMAGE_OVERRIDE:-$SKERRY_IT_IMAGE}
case $IMAGE in
  "$SKERRY_IT_IMAGE") IMAGE_DIGEST=$SKERRY_IT_IMAGE_DIGEST ;;
  "$SKERRY_IT_BIG_IMAGE") IMAGE_DIGEST=$SKERRY_IT_BIG_IMAGE_DIGEST ;;
  *) IMAGE_DIGEST= ;;
esac

# Is the image's top-level blob already in this containerd's content store (shared by every
# namespace)? Then the pull would not download it: the run is "warm", not "uncached".
image_cached() {
  local root digest
  root=$(awk -F'"' '/^root *=/{print $2; exit}' "$(dirname "$CTRD_SOCK")/config.toml")
  digest=${IMAGE_DIGEST:-}
  [[ -n $digest ]] || return 0
  [[ -e $root/io.containerd.content.v1.content/blobs/sha256/${digest#sha256:} ]]
}

start_hub
start_agent
wait_online
echo "start $AGENT_START_MS"

kind=uncached
image_cached && kind=warm
t0=$(now_ms); put_deployment lat-a "$IMAGE" a
wait_running 180 a || die "workload a not running"
echo "$kind $(( $(now_ms) - t0 ))"

t0=$(now_ms); put_deployment lat-b "$IMAGE" b
wait_running 180 b || die "workload b not running"
echo "cached $(( $(now_ms) - t0 ))"
