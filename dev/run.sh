#!/usr/bin/env bash
# dev/run.sh — build Skerry and run it on this machine: the hub (embedded MQTT broker, SQLite)
# and one agent driving this machine's containerd. Ctrl-C stops both; workloads keep running
# under containerd, as they would on a real box.
#
# Needs root: it talks to containerd's socket and, when containerd is missing, installs it
# (Debian/Ubuntu: apt-get install containerd runc).
#
# Settings (environment): SKERRY_RUN_DIR (state, default ./skerry-data), SKERRY_HTTP_PORT (8080),
# SKERRY_MQTT_PORT (1883, or a free one when that is taken), SKERRY_CONTAINERD_SOCKET,
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
mqtt_port=${SKERRY_MQTT_PORT:-1883}
if ! port_free "$mqtt_port"; then
  new=$(free_port 18830)
  say "port $mqtt_port is taken (another MQTT broker?); the embedded broker uses $new instead"
  mqtt_port=$new
fi
pids=()
cleanup() { say "stopping hub and agent (workloads keep running under containerd)"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar hub/target/skerry-hub.jar --data-dir "$run_dir/hub" --http-port "$http_port" \
  --embedded-mqtt-port "$mqtt_port" --insecure-anonymous-mqtt --https-port 0 --embedded-mqtts-port 0 \
  >"$run_dir/hub.log" 2>&1 &
pids+=($!)
say "hub starting (log: $run_dir/hub.log)"
for _ in $(seq 120); do
  curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || die "the hub stopped; see $run_dir/hub.log: $(tail -3 "$run_dir/hub.log")"
  sleep 0.5
done

# 4. Agent on this machine.
agent_args=(--device-id "$(hostname)" --hub "mqtt://127.0.0.1:$mqtt_port" --data-dir "$run_dir/agent"
  --containerd-socket "$sock" --labels "${SKERRY_LABELS:-site=local}")
[ -n "${SKERRY_INSECURE_REGISTRY:-}" ] && agent_args+=(--insecure-registry "$SKERRY_INSECURE_REGISTRY")
bash agent/src/main/dist/skerry-agent "${agent_args[@]}" >"$run_dir/agent.log" 2>&1 &
pids+=($!)

cat >&2 <<MSG

  Skerry is running.
    hub REST API and console : http://127.0.0.1:$http_port   (logs: $run_dir/hub.log)
    admin token              : $run_dir/hub/admin.token
    MQTT broker (embedded)   : mqtt://127.0.0.1:$mqtt_port
    agent "$(hostname)" local API: http://127.0.0.1:9101/v1/status   (logs: $run_dir/agent.log)

  Try:
    TOKEN=\$(cat $run_dir/hub/admin.token)
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$http_port/api/v1/devices

  Ctrl-C stops hub and agent.

MSG
wait -n "${pids[@]}" || true
die "a process stopped; see $run_dir/hub.log and $run_dir/agent.log"
