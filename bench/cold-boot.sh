#!/usr/bin/env bash
# bench/cold-boot.sh — offline cold boot: time from agent process start to all workloads RUNNING
# after a simulated reboot, with no hub reachable.
#
# Method (each of RUNS runs, default 3; the median is printed):
#   1. A fresh data dir gets a desired document of N (default 10) busybox workloads
#      (`sleep 3600`, image $SKERRY_IT_IMAGE), written into agent.db as the agent stores it.
#   2. The agent (agent/src/main/dist/skerry-agent: the product's JVM flags) runs until all N
#      are running (images pulled once, so they are present for the measured boot).
#   3. "Reboot": the agent is SIGKILLed, every task in its containerd namespace is killed
#      (SIGKILL) and deleted; containers and images stay, as after a power cycle.
#   4. The agent starts with --hub pointing at a closed local port (no broker reachable);
#      we measure from just before exec to the first /v1/status answer listing N workloads
#      in state "running" (polled every 20 ms with curl).
# containerd: the shared dev/testenv.sh one (or SKERRY_IT_CONTAINERD_SOCKET), in a namespace
# of its own that is removed at the end. Needs: java, curl, jq, ctr, python3; the jar built
# (`mvn -B -pl agent -am package -DskipTests`).
#
# Measured 2026-11-27 on the dev box (2 cores, containerd 1.6.20, cgroup v1, launcher JVM flags),
# 10 workloads, while five other Maven builds ran (load average 19-22 on 2 cores):
#   runs 37060, 31948, 29552 ms -> median 31948 ms: ABOVE the 5 s target. In run 1 about 20 s
#   passed before the JVM logged its first line, so the figure is dominated by CPU contention;
#   it has to be re-measured on an idle box before anyone draws a conclusion from it.
# The load average is printed with each run for that reason.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10}
RUNS=${RUNS:-3}
TARGET_MS=${TARGET_MS:-5000}

if [[ -z ${SKERRY_IT_CONTAINERD_SOCKET:-} || -z ${SKERRY_IT_IMAGE:-} ]]; then
  eval "$(bash "$ROOT/dev/testenv.sh" env)"
fi
SOCK=$SKERRY_IT_CONTAINERD_SOCKET
IMAGE=$SKERRY_IT_IMAGE
REGISTRY=$SKERRY_IT_REGISTRY
NS=skerry-bench-$$-$RANDOM
WORK=$(mktemp -d /tmp/skerry-bench.XXXXXX)
LAUNCHER=$ROOT/agent/src/main/dist/skerry-agent
export SKERRY_AGENT_JAR=${SKERRY_AGENT_JAR:-$ROOT/agent/target/skerry-agent.jar}
[[ -f $SKERRY_AGENT_JAR ]] || { echo "no $SKERRY_AGENT_JAR: build it first" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
ctr_() { ctr --address "$SOCK" -n "$NS" "$@"; }

AGENT_PID=
stop_agent() {
  if [[ -n $AGENT_PID ]] && kill -0 "$AGENT_PID" 2>/dev/null; then
    kill -KILL "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
  fi
  AGENT_PID=
}
kill_tasks() {
  local id
  for id in $(ctr_ tasks ls -q 2>/dev/null); do
    ctr_ tasks kill -a -s SIGKILL "$id" >/dev/null 2>&1 || true
  done
  for id in $(ctr_ tasks ls -q 2>/dev/null); do
    for _ in $(seq 100); do
      ctr_ tasks delete "$id" >/dev/null 2>&1 && break
      sleep 0.05
    done
  done
}
cleanup() {
  stop_agent
  kill_tasks
  for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
  for img in $(ctr_ images ls -q 2>/dev/null); do ctr_ images rm --sync "$img" >/dev/null 2>&1 || true; done
  ctr --address "$SOCK" namespaces remove "$NS" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# $1 data dir, $2 api port, $3 hub port
start_agent() {
  "$LAUNCHER" --device-id bench-1 --data-dir "$1" --api-listen "127.0.0.1:$2" \
    --hub "mqtt://127.0.0.1:$3" --containerd-socket "$SOCK" --namespace "$NS" \
    --insecure-registry "$REGISTRY" >>"$1/agent.log" 2>&1 &
  AGENT_PID=$!
}
running_count() {
  curl -fsS --max-time 1 "http://127.0.0.1:$1/v1/status" 2>/dev/null \
    | jq '[.workloads[] | select(.state == "running")] | length' 2>/dev/null || echo 0
}

write_desired() {  # $1 data dir: let the agent create agent.db, then store the document
  python3 - "$1/agent.db" "$N" "$IMAGE" <<'PY'
import json, sqlite3, sys, datetime
db, n, image = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
doc = {"v": 1, "deviceId": "bench-1", "revision": 1, "issuedAt": now, "workloads": [
    {"deployment": "bench", "revision": 1,
     "spec": {"name": f"w{i}", "image": image, "command": ["sleep", "3600"],
              "restartPolicy": "always"}} for i in range(n)]}
c = sqlite3.connect(db)
c.execute("INSERT INTO desired_document (id, revision, document, stored_at) VALUES (1, 1, ?, ?)",
          (json.dumps(doc).encode(), now))
c.commit()
c.close()
PY
}

results=()
for run in $(seq "$RUNS"); do
  data=$WORK/data-$run
  mkdir -p "$data"
  api=$(free_port); hub=$(free_port)   # nothing listens on $hub
  # 1–2: create agent.db, store the document, run until all N run (pulls happen here).
  start_agent "$data" "$api" "$hub"
  for _ in $(seq 600); do [[ -f $data/agent.db ]] && curl -fsS "http://127.0.0.1:$api/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
  stop_agent
  write_desired "$data"
  start_agent "$data" "$api" "$hub"
  for _ in $(seq 1200); do [[ $(running_count "$api") == "$N" ]] && break; sleep 0.1; done
  [[ $(running_count "$api") == "$N" ]] || { echo "warm-up: workloads never all ran; see $data/agent.log" >&2; exit 1; }
  # 3: reboot.
  stop_agent
  kill_tasks
  [[ -z $(ctr_ tasks ls -q) ]] || { echo "tasks survived the simulated reboot" >&2; exit 1; }
  # 4: measured cold boot, offline.
  t0=$(now_ms)
  start_agent "$data" "$api" "$hub"
  ok=
  for _ in $(seq 3000); do
    if [[ $(running_count "$api") == "$N" ]]; then ok=1; break; fi
    sleep 0.02
  done
  t1=$(now_ms)
  [[ -n $ok ]] || { echo "run $run: workloads not all running after 60 s; see $data/agent.log" >&2; exit 1; }
  ms=$((t1 - t0))
  tasks=$(ctr_ tasks ls | grep -c RUNNING || true)
  echo "run $run: $N workloads running after ${ms} ms (containerd shows $tasks RUNNING tasks;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg))"
  results+=("$ms")
  stop_agent
  kill_tasks
  for id in $(ctr_ containers ls -q); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
done

median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "offline cold boot, $N workloads, median of $RUNS: ${median} ms (target ${TARGET_MS} ms)"
(( median <= TARGET_MS )) || { echo "ABOVE TARGET" >&2; exit 1; }
