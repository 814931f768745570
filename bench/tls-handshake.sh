#!/usr/bin/env bash
# bench/tls-handshake.sh — the agent's cost of a mutual TLS handshake with the hub's broker (issue
# 12). Starts the secure hub (lib.sh start_hub), enrolls one agent through its launcher with a join
# token and waits until it is online, stops it, then runs bench/TlsHandshake.java with the agent's
# jar on the class path and the agent's JVM flags: N handshakes (default 200) with that identity
# and core's TlsContexts against the hub's MQTTS listener, full (fresh context) and on one context.
# The hub runs on the same 2 cores, so its side of each handshake is in the wall times too.
#
#   bench/tls-handshake.sh [-n HANDSHAKES]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
N=200
while getopts n: o; do case $o in n) N=$OPTARG ;; *) exit 2 ;; esac; done
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap bench_cleanup EXIT
load_testenv
start_hub
start_agent
wait_online
kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
AGENT_PID=
log "agent enrolled and stopped; $N handshakes against 127.0.0.1:$HUB_MQTT"
javac -d "$BENCH_TMP/tls" -cp "$SKERRY_AGENT_JAR" "$HERE/TlsHandshake.java"
# The launcher's memory flags (agent/src/main/dist/skerry-agent), so the RSS figures compare.
java -XX:+UseSerialGC -Xms4m -Xmx16m -Xss256k -XX:-UsePerfData -XX:TieredStopAtLevel=1 \
  -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m \
  -cp "$SKERRY_AGENT_JAR:$BENCH_TMP/tls" TlsHandshake "$BENCH_TMP/agent/identity" 127.0.0.1 "$HUB_MQTT" "$N"
echo "load $(uptime | sed 's/.*load average: //')"
