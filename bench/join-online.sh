#!/usr/bin/env bash
# bench/join-online.sh — time from `skerry-agent` start with a join token to the device online at
# the hub (issue 12). One secure hub as shipped (mTLS-only embedded broker, HTTPS enrollment; see
# lib.sh start_hub), then RUNS times (default 5) a fresh agent through its launcher: new device
# id, empty data dir, a new single-use join token bound to that id. Per run, from the agent's own
# log (each line stamped to the millisecond) and the hub's API polled every 50 ms:
#
#   jvm      launch → the agent's first line ("reconciling stored desired revision", store open)
#   enroll   → "enrolled as" (key pair, CSR, HTTPS with the pinned CA, hub signs, files synced)
#   mqtt     → "connected to" (mutual TLS handshake with the new certificate, MQTT CONNECT)
#   hub      → GET /api/v1/devices/ID says online (the hub saw presence; ±50 ms of polling)
#   total    launch → online
#
#   bench/join-online.sh [-n RUNS]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=5
while getopts n: o; do case $o in n) RUNS=$OPTARG ;; *) exit 2 ;; esac; done
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap bench_cleanup EXIT
load_testenv
start_hub
log "load before: $(uptime | sed 's/.*load average: //')"

# epoch ms of the first agent log line containing $1 (the agent stamps each line with an ISO-8601
# instant, milliseconds included), or empty
stamp() {
  local ts
  ts=$(awk -v pat="$1" 'index($0, pat) {print $1; exit}' "$BENCH_TMP/agent.log")
  [[ -z $ts ]] || date -d "$ts" +%s%3N
}

declare -a JVM ENROLL MQTT HUB TOTAL
for run in $(seq 1 "$RUNS"); do
  DEVICE=bench-$RUN-$run
  rm -rf "$BENCH_TMP/agent"
  mkdir -p "$BENCH_TMP/agent"
  token_file=$BENCH_TMP/agent.join-token
  api POST /api/v1/join-tokens "{\"deviceId\":\"$DEVICE\",\"ttlSeconds\":3600}" | jq -r .token >"$token_file"
  chmod 600 "$token_file"
  AGENT_API=$(free_port)
  t0=$(now_ms)
  "$AGENT_LAUNCHER" --device-id "$DEVICE" --hub-api "https://127.0.0.1:$HUB_HTTPS" \
    --join-token-file "$token_file" --containerd-socket "$CTRD_SOCK" --namespace "$NS" \
    --data-dir "$BENCH_TMP/agent" --api-listen "127.0.0.1:$AGENT_API" >"$BENCH_TMP/agent.log" 2>&1 &
  AGENT_PID=$!
  online=
  for i in $(seq 1 2400); do
    if [[ $(api GET "/api/v1/devices/$DEVICE" 2>/dev/null | jq -r '.online' 2>/dev/null) == true ]]; then
      online=$(now_ms); break
    fi
    kill -0 "$AGENT_PID" 2>/dev/null || { cat "$BENCH_TMP/agent.log" >&2; die "agent exited"; }
    sleep 0.05
  done
  [[ -n $online ]] || die "device $DEVICE never came online"
  first=$(stamp "reconciling stored desired revision")
  enrolled=$(stamp "enrolled as $DEVICE")
  connected=$(stamp "connected to mqtts://")
  [[ -n $first && -n $enrolled && -n $connected ]] || { cat "$BENCH_TMP/agent.log" >&2; die "log lines missing"; }
  JVM+=($((first - t0))) ENROLL+=($((enrolled - first))) MQTT+=($((connected - enrolled)))
  HUB+=($((online - connected))) TOTAL+=($((online - t0)))
  echo "run $run: jvm ${JVM[-1]} ms, enroll ${ENROLL[-1]} ms, mqtt ${MQTT[-1]} ms, hub ${HUB[-1]} ms, total ${TOTAL[-1]} ms (load $(cut -d' ' -f1 /proc/loadavg))"
  kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
  AGENT_PID=
done

summary() { # name values...
  local name=$1; shift
  printf '%-7s median %6s ms  range %s ms\n' "$name" "$(printf '%s\n' "$@" | median)" "$(printf '%s\n' "$@" | minmax)"
}
summary jvm "${JVM[@]}"
summary enroll "${ENROLL[@]}"
summary mqtt "${MQTT[@]}"
summary hub "${HUB[@]}"
summary total "${TOTAL[@]}"
echo "load $(uptime | sed 's/.*load average: //')"
