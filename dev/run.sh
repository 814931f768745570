#!/usr/bin/env bash
# dev/run.sh — build Skerry and run it on this machine: the hub (embedded MQTT broker, SQLite)
# and one agent driving this machine's containerd. Ctrl-C stops both; workloads keep running
# under containerd, as they would on a real box.
#
# Needs root: it talks to containerd's socket and, when containerd is missing, installs it
# (Debian/Ubuntu: apt-get install containerd runc).
#
# Secure as in production: the embedded broker takes only client certificates (MQTTS), the agent
# enrolls once with a join token that this script creates, and every desired document is signed.
#
# Settings (environment): SKERRY_RUN_DIR (state, default ./skerry-data), SKERRY_HTTP_PORT (8080),
# SKERRY_HTTPS_PORT (8443), SKERRY_MQTTS_PORT (8883; a free one when either is taken),
# SKERRY_CONTAINERD_SOCKET,
# SKERRY_INSECURE_REGISTRY (host:port of a plain-HTTP registry), SKERRY_LABELS (k=v,...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
top=$PWD

say() { printf '[skerry] %s\n' "$*" >&2; }
die() { printf '[skerry] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "dev/run.sh needs root (containerd's socket is root's, and containerd may need installing): sudo dev/run.sh"

run_dir=${SKERRY_RUN_DIR:-$top/skerry-data}
mkdir -p "$run_dir/hub" "$run_dir/agent"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

# 1. Build.
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  say "installing a JDK 17 and Maven"
  apt-get update -q && apt-get install -y -q openjdk-17-jdk-headless maven
fi
say "building (mvn -DskipTests package)"
mvn -B -q -DskipTests package

# 2. containerd.
sock=${SKERRY_CONTAINERD_SOCKET:-/run/containerd/containerd.sock}
if ! command -v containerd >/dev/null; then
  say "containerd is not installed: installing Debian's containerd and runc"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q containerd runc
fi
if [ ! -S "$sock" ]; then
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl start containerd
  else
    say "starting containerd (no systemd here); log: $run_dir/containerd.log"
    mkdir -p "$(dirname "$sock")"
    printf 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n[grpc]\n  address = "%s"\n' "$sock" > "$run_dir/containerd.toml"
    containerd --config "$run_dir/containerd.toml" >"$run_dir/containerd.log" 2>&1 &
  fi
  for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.2; done
  [ -S "$sock" ] || die "containerd did not open $sock; see $run_dir/containerd.log"
fi

# 3. Hub with its embedded broker.
http_port=${SKERRY_HTTP_PORT:-8080}
port_free "$http_port" || die "port $http_port is taken; set SKERRY_HTTP_PORT to a free one"
pick_port() {
  local want=$1 what=$2 fallback=$3
  if port_free "$want"; then echo "$want"; return; fi
  local new; new=$(free_port "$fallback")
  say "port $want ($what) is taken; using $new instead"
  echo "$new"
}
https_port=$(pick_port "${SKERRY_HTTPS_PORT:-8443}" HTTPS 18443)
mqtts_port=$(pick_port "${SKERRY_MQTTS_PORT:-8883}" MQTTS 18883)
pids=()
cleanup() { say "stopping hub and agent (workloads keep running under containerd)"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar hub/target/skerry-hub.jar --data-dir "$run_dir/hub" --http-port "$http_port" \
  --https-port "$https_port" --embedded-mqtts-port "$mqtts_port" --public-host 127.0.0.1 \
  --public-host localhost >"$run_dir/hub.log" 2>&1 &
pids+=($!)
say "hub starting (log: $run_dir/hub.log)"
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || die "the hub stopped; see $run_dir/hub.log: $(tail -3 "$run_dir/hub.log")"
  sleep 0.5
done

# 4. Agent on this machine: enrolled once with a single-use join token bound to its id (kept in
#    $run_dir/agent/identity afterwards; a second run reuses the identity).
device=$(hostname)
token_file="$run_dir/agent.join-token"
if [ ! -s "$run_dir/agent/identity/device.crt" ]; then
  admin=$(cat "$run_dir/hub/admin.token")
  answer=$(curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$http_port/api/v1/join-tokens" \
    -d "{\"deviceId\":\"$device\",\"ttlSeconds\":3600,\"labels\":{}}") ||
    die "could not create a join token; see $run_dir/hub.log"
  (umask 077; printf '%s' "$answer" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p' >"$token_file")
  [ -s "$token_file" ] || die "the hub's join-token answer had no token"
  say "created a join token for \"$device\" ($token_file, single use)"
fi
agent_args=(--device-id "$device" --hub-api "https://127.0.0.1:$https_port" --join-token-file "$token_file"
  --data-dir "$run_dir/agent" --containerd-socket "$sock" --labels "${SKERRY_LABELS:-site=local}")
[ -n "${SKERRY_INSECURE_REGISTRY:-}" ] && agent_args+=(--insecure-registry "$SKERRY_INSECURE_REGISTRY")
bash agent/src/main/dist/skerry-agent "${agent_args[@]}" >"$run_dir/agent.log" 2>&1 &
pids+=($!)

cat >&2 <<MSG

  Skerry is running.
    hub REST API and console : http://127.0.0.1:$http_port   (logs: $run_dir/hub.log)
    admin token              : $run_dir/hub/admin.token
    HTTPS (API, console, enrollment): https://127.0.0.1:$https_port  (CA: $run_dir/hub/pki/ca.crt)
    MQTT broker (embedded)   : mqtts://127.0.0.1:$mqtts_port  (client certificates only)
    agent "$device" (enrolled, mutual TLS) local API: http://127.0.0.1:9101/v1/status   (logs: $run_dir/agent.log)

  Try:
    TOKEN=\$(cat $run_dir/hub/admin.token)
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$http_port/api/v1/devices

  Ctrl-C stops hub and agent.

MSG
wait -n "${pids[@]}" || true
die "a process stopped; see $run_dir/hub.log and $run_dir/agent.log"
