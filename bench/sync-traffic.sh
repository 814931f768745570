#!/usr/bin/env bash
# bench/sync-traffic.sh — two figures of the sync protocol (issue 5), through the real hub jar, the
# agent (launcher) and a mosquitto of the script's own on a free port (never the system one).
# The agent enrolls with a join token over the hub's HTTPS (so it pins the hub's signing key and
# acts only on signed desired documents), then links to the mosquitto given by --hub: plain MQTT,
# because the figures are mosquitto's own byte counters and a subscriber's view, both at the MQTT
# layer (TLS would add ~22-29 bytes of record overhead per record on top, not counted here).
#
#   1. idle traffic of one device, bytes/second, with the default heartbeat (60 s) and no
#      workloads, measured two ways over WINDOW seconds (default 180, three heartbeats):
#        a. "topics": a subscriber to skerry/v1/devices/<id>/# adds, per message it sees, the
#           payload + topic + 4 bytes of fixed header and packet id (an MQTT 5 PUBLISH at QoS 1 has
#           at least that; properties are empty here). This is the device's application traffic.
#        b. "broker":  mosquitto's $SYS/broker/bytes/received + sent over the window while only the
#           hub and the agent are connected: everything on the wire at the MQTT layer, including
#           PINGREQ/PINGRESP (keep-alive 30 s on both), PUBACKs and the hub's own traffic — an
#           upper bound for one device (TCP/IP headers not counted).
#   2. outbox replay rate: the agent is stopped, N events (default 5000) are added to its SQLite
#      outbox (the same rows logEvent writes: kind 'event', next event numbers, wire Event JSON),
#      the agent starts again; rate = N / (time from "connected" to outbox empty, i.e. every
#      event stored by the hub and acknowledged).
#
#   bench/sync-traffic.sh [-w WINDOW_S] [-n EVENTS]      (-w 0: the replay rate only)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WINDOW=180 EVENTS=5000
while getopts w:n: o; do case $o in w) WINDOW=$OPTARG ;; n) EVENTS=$OPTARG ;; *) exit 2 ;; esac; done
# shellcheck source=lib.sh
source "$HERE/lib.sh"
MOSQ_PID=
cleanup() {
  local rc=$?
  [[ -n ${MOSQ_PID:-} ]] && kill "$MOSQ_PID" 2>/dev/null
  (exit $rc); bench_cleanup
}
trap cleanup EXIT
load_testenv

HUB_MQTT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nsys_interval 1\n' "$HUB_MQTT" \
  >"$BENCH_TMP/mosquitto.conf"
/usr/sbin/mosquitto -c "$BENCH_TMP/mosquitto.conf" >"$BENCH_TMP/mosquitto.log" 2>&1 &
MOSQ_PID=$!
sleep 0.5

HUB_HTTP=$(free_port) HUB_HTTPS=$(free_port)
mkdir -p "$BENCH_TMP/hub"
java -jar "$HUB_JAR" --data-dir "$BENCH_TMP/hub" --http-port "$HUB_HTTP" --https-port "$HUB_HTTPS" \
  --public-host 127.0.0.1 --mqtt-url "mqtt://127.0.0.1:$HUB_MQTT" >"$BENCH_TMP/hub.log" 2>&1 &
HUB_PID=$!
for i in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$HUB_HTTP/healthz" >/dev/null 2>&1 && [[ -s $BENCH_TMP/hub/admin.token ]] && break
  kill -0 "$HUB_PID" 2>/dev/null || { cat "$BENCH_TMP/hub.log" >&2; die "hub exited"; }
  sleep 0.2
done
TOKEN=$(<"$BENCH_TMP/hub/admin.token")
start_agent --outbox-max 100000 --hub "mqtt://127.0.0.1:$HUB_MQTT"
wait_online
sleep 5 # the connect-time report and presence are not idle traffic

sys_bytes() {
  local r s
  r=$(mosquitto_sub -p "$HUB_MQTT" -C 1 -t '$SYS/broker/bytes/received')
  s=$(mosquitto_sub -p "$HUB_MQTT" -C 1 -t '$SYS/broker/bytes/sent')
  echo $(( r + s ))
}

if (( WINDOW > 0 )); then
log "idle traffic (broker counters), $WINDOW s"
b0=$(sys_bytes); sleep "$WINDOW"; b1=$(sys_bytes)
# Each reading connects a short-lived client; its CONNECT/SUBSCRIBE/PUBLISH bytes (about 150 per
# reading) are in the counters too and are taken out.
broker_bps=$(awk -v d=$(( b1 - b0 - 300 )) -v w="$WINDOW" 'BEGIN{printf "%.1f", d/w}')

log "idle traffic (device topics), $WINDOW s"
topic_bytes=$(timeout "$WINDOW" mosquitto_sub -p "$HUB_MQTT" -q 1 -R -t "skerry/v1/devices/$DEVICE/#" \
  -F '%t %l' | awk '{sum += length($1) + $2 + 4} END {print sum+0}' || true)
topic_bps=$(awk -v d="$topic_bytes" -v w="$WINDOW" 'BEGIN{printf "%.1f", d/w}')
echo "idle-topics $topic_bps B/s ($topic_bytes bytes in $WINDOW s)"
echo "idle-broker $broker_bps B/s ($(( b1 - b0 )) bytes in $WINDOW s, both directions, hub included)"
fi # -w 0: replay only

log "outbox replay: stop the agent, add $EVENTS events, start it"
kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
DB=$BENCH_TMP/agent/agent.db
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sqlite3 "$DB" <<SQL
BEGIN;
CREATE TEMP TABLE base AS SELECT
  (SELECT coalesce(max(value),0) FROM meta WHERE key='outbox_seq') AS os,
  (SELECT coalesce(max(value),0) FROM meta WHERE key='event_seq') AS es;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < $EVENTS)
INSERT INTO outbox (seq, kind, payload, created_at, event_seq)
  SELECT base.os + i, 'event',
         CAST(json_object('v',1,'deviceId','$DEVICE','seq',base.es + i,'at','$now','workload','bench',
                          'kind','bench','message','replay ' || (base.es + i),'droppedThrough',0) AS BLOB),
         '$now', base.es + i
  FROM n, base;
INSERT INTO meta (key, value) SELECT 'outbox_seq', os + $EVENTS FROM base WHERE true
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
INSERT INTO meta (key, value) SELECT 'event_seq', es + $EVENTS FROM base WHERE true
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
COMMIT;
SQL
last=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key='event_seq'")
start_agent --outbox-max 100000 --hub "mqtt://127.0.0.1:$HUB_MQTT"
for i in $(seq 1 600); do
  [[ $(curl -fs "http://127.0.0.1:$AGENT_API/v1/status" | jq -r .connected) == true ]] && break
  sleep 0.02
done
t0=$(now_ms)
for i in $(seq 1 30000); do
  pending=$(curl -fs "http://127.0.0.1:$AGENT_API/metrics" | awk '$1=="skerry_agent_outbox_pending"{print $2}')
  [[ ${pending%.*} == 0 ]] && break
  sleep 0.05
done
t1=$(now_ms)
stored=$(api GET "/api/v1/devices/$DEVICE/events?limit=1" | jq -r '.items[0].seq')
[[ $stored == "$last" ]] || die "hub's newest event is $stored, expected $last"
rate=$(awk -v n="$EVENTS" -v ms=$(( t1 - t0 )) 'BEGIN{printf "%.0f", n*1000/ms}')
echo "replay $rate events/s ($EVENTS events drained in $(( t1 - t0 )) ms; hub's newest event $stored)"
echo "load $(uptime | sed 's/.*load average: //')"
