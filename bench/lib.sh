# bench/lib.sh — shared helpers of the bench scripts (sourced, not run).
# Starts the packaged hub jar and the agent through its launcher, talks to the hub's REST API,
# and cleans up everything it started (trap bench_cleanup EXIT).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HUB_JAR=${HUB_JAR:-$ROOT/hub/target/skerry-hub.jar}
AGENT_LAUNCHER=${AGENT_LAUNCHER:-$ROOT/agent/src/main/dist/skerry-agent}
export SKERRY_AGENT_JAR=${SKERRY_AGENT_JAR:-$ROOT/agent/target/skerry-agent.jar}

RUN=${RUN:-$(date +%s)-$$}
BENCH_TMP=$(mktemp -d "/tmp/skerry-bench-run.XXXXXX")
NS=${NS:-bench-$RUN}
DEVICE=${DEVICE:-bench-$RUN}
HUB_PID= AGENT_PID=

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Test environment: BENCH_TESTENV_DIR (default the shared /tmp/skerry-testenv).
load_testenv() {
  local dir=${BENCH_TESTENV_DIR:-/tmp/skerry-testenv}
  [[ -s $dir/env ]] || die "no test environment at $dir (SKERRY_TESTENV_DIR=$dir bash dev/testenv.sh start)"
  eval "$(SKERRY_TESTENV_DIR=$dir bash "$ROOT/dev/testenv.sh" env)"
  CTRD_SOCK=$SKERRY_IT_CONTAINERD_SOCKET
  ctr --address "$CTRD_SOCK" version >/dev/null 2>&1 || die "containerd at $CTRD_SOCK not answering"
}

start_hub() {
  [[ -f $HUB_JAR ]] || die "no $HUB_JAR (mvn -B -DskipTests package)"
  HUB_HTTP=$(free_port); HUB_HTTPS=$(free_port); HUB_MQTT=$(free_port)
  mkdir -p "$BENCH_TMP/hub"
  # As shipped: mTLS-only broker (HUB_MQTT is its MQTTS port), agents enroll over HTTPS.
  java -jar "$HUB_JAR" --data-dir "$BENCH_TMP/hub" --http-port "$HUB_HTTP" \
    --https-port "$HUB_HTTPS" --embedded-mqtt-host 127.0.0.1 --embedded-mqtts-port "$HUB_MQTT" \
    --public-host 127.0.0.1 >"$BENCH_TMP/hub.log" 2>&1 &
  HUB_PID=$!
  local i
  for i in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$HUB_HTTP/healthz" >/dev/null 2>&1 && [[ -s $BENCH_TMP/hub/admin.token ]] && break
    kill -0 "$HUB_PID" 2>/dev/null || { cat "$BENCH_TMP/hub.log" >&2; die "hub exited"; }
    sleep 0.2
  done
  TOKEN=$(<"$BENCH_TMP/hub/admin.token")
  log "hub up: http $HUB_HTTP, mqtt $HUB_MQTT"
}

# start_agent [extra agent args...]; sets AGENT_PID, AGENT_API, AGENT_START_MS (launch→/healthz).
start_agent() {
  AGENT_API=$(free_port)
  mkdir -p "$BENCH_TMP/agent"
  # First start: a join token bound to the device id; later starts reuse the stored identity.
  local token_file=$BENCH_TMP/agent.join-token
  if [[ ! -s $BENCH_TMP/agent/identity/device.crt ]]; then
    api POST /api/v1/join-tokens "{\"deviceId\":\"$DEVICE\",\"ttlSeconds\":3600}" | jq -r .token >"$token_file"
    chmod 600 "$token_file"
  fi
  local t0; t0=$(now_ms)
  "$AGENT_LAUNCHER" --device-id "$DEVICE" --hub-api "https://127.0.0.1:$HUB_HTTPS" \
    --join-token-file "$token_file" \
    --labels "bench=$RUN" --containerd-socket "$CTRD_SOCK" --namespace "$NS" \
    --data-dir "$BENCH_TMP/agent" --api-listen "127.0.0.1:$AGENT_API" \
    --insecure-registry "$SKERRY_IT_REGISTRY" "$@" >"$BENCH_TMP/agent.log" 2>&1 &
  AGENT_PID=$!
  local i
  for i in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$AGENT_API/healthz" >/dev/null 2>&1 && break
    kill -0 "$AGENT_PID" 2>/dev/null || { cat "$BENCH_TMP/agent.log" >&2; die "agent exited"; }
    sleep 0.05
  done
  AGENT_START_MS=$(( $(now_ms) - t0 ))
  log "agent up (pid $AGENT_PID, ns $NS): local API answered after $AGENT_START_MS ms"
}

api() { # api METHOD PATH [BODY]
  local m=$1 p=$2
  if [[ $# -ge 3 ]]; then
    curl -fsS -X "$m" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data-binary "$3" "http://127.0.0.1:$HUB_HTTP$p"
  else
    curl -fsS -X "$m" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HUB_HTTP$p"
  fi
}

wait_online() {
  local i
  for i in $(seq 1 600); do
    [[ $(api GET "/api/v1/devices/$DEVICE" 2>/dev/null | jq -r '.online' 2>/dev/null) == true ]] && return 0
    sleep 0.1
  done
  die "device $DEVICE never came online"
}

# put_deployment NAME IMAGE WORKLOAD...  (each workload runs `sleep 3600`)
put_deployment() {
  local name=$1 image=$2; shift 2
  local wl w
  wl=$(for w in "$@"; do jq -nc --arg n "$w" --arg i "$image" '{name:$n,image:$i,command:["sleep","3600"]}'; done | jq -sc .)
  api PUT "/api/v1/deployments/$name" \
    "$(jq -nc --arg n "$name" --arg r "$RUN" --argjson w "$wl" '{name:$n,selector:{matchLabels:{bench:$r}},workloads:$w}')" >/dev/null
}

# wait_running TIMEOUT_S WORKLOAD...: until the hub shows every named workload `running`.
wait_running() {
  local timeout=$1; shift
  local deadline=$(( $(now_ms) + timeout * 1000 )) doc w ok
  while (( $(now_ms) < deadline )); do
    doc=$(api GET "/api/v1/devices/$DEVICE" 2>/dev/null || true)
    ok=1
    for w in "$@"; do
      [[ $(jq -r --arg w "$w" '.workloads[]? | select(.name==$w) | .state' <<<"$doc" 2>/dev/null) == running ]] || { ok=0; break; }
    done
    (( ok )) && return 0
    kill -0 "$AGENT_PID" 2>/dev/null || die "agent exited"
    sleep 0.05
  done
  log "hub view at timeout: $(jq -c '.workloads' <<<"$doc" 2>/dev/null)"
  return 1
}

wait_no_containers() {
  local i
  for i in $(seq 1 300); do
    [[ -z $(ctr --address "$CTRD_SOCK" -n "$NS" containers ls -q 2>/dev/null) ]] && return 0
    sleep 0.2
  done
  return 1
}

# Remove the deployments (the agent then removes its containers), stop agent and hub, then
# force-remove whatever is left in the namespace, and delete the namespace and temp dir.
bench_cleanup() {
  local rc=$? d
  set +e
  if [[ -n ${HUB_PID:-} ]] && kill -0 "$HUB_PID" 2>/dev/null && [[ -n ${TOKEN:-} ]]; then
    for d in $(api GET /api/v1/deployments 2>/dev/null | jq -r '.items[]?.name'); do
      api DELETE "/api/v1/deployments/$d" >/dev/null 2>&1
    done
    [[ -n ${AGENT_PID:-} ]] && kill -0 "$AGENT_PID" 2>/dev/null && wait_no_containers
  fi
  [[ -n ${AGENT_PID:-} ]] && { kill "$AGENT_PID" 2>/dev/null; wait "$AGENT_PID" 2>/dev/null; }
  [[ -n ${HUB_PID:-} ]] && { kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; }
  if [[ -n ${CTRD_SOCK:-} ]]; then
    local c=(ctr --address "$CTRD_SOCK" -n "$NS") t
    for t in $("${c[@]}" tasks ls -q 2>/dev/null); do "${c[@]}" tasks kill -s KILL "$t" >/dev/null 2>&1; done
    sleep 0.5
    for t in $("${c[@]}" tasks ls -q 2>/dev/null); do "${c[@]}" tasks rm -f "$t" >/dev/null 2>&1; done
    for t in $("${c[@]}" containers ls -q 2>/dev/null); do "${c[@]}" containers rm "$t" >/dev/null 2>&1; done
    for t in $("${c[@]}" images ls -q 2>/dev/null); do "${c[@]}" images rm "$t" >/dev/null 2>&1; done
    for t in $("${c[@]}" snapshots ls 2>/dev/null | awk 'NR>1{print $1}'); do "${c[@]}" snapshots rm "$t" >/dev/null 2>&1; done
    for t in $("${c[@]}" leases ls -q 2>/dev/null); do "${c[@]}" leases rm "$t" >/dev/null 2>&1; done
    for t in $("${c[@]}" content ls -q 2>/dev/null); do "${c[@]}" content rm "$t" >/dev/null 2>&1; done
    ctr --address "$CTRD_SOCK" namespaces rm "$NS" >/dev/null 2>&1
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $BENCH_TMP"; else rm -rf "$BENCH_TMP"; fi
  exit $rc
}

median() { sort -n | awk '{a[NR]=$1} END{ if(NR==0){print "n/a"; exit} if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
minmax() { sort -n | awk 'NR==1{m=$1} {M=$1} END{print m".."M}'; }
