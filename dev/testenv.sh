#!/usr/bin/env bash
# dev/testenv.sh — the real components Skerry's integration tests run against.
#
#   dev/testenv.sh start   install what is missing, start a private containerd and an
#                          OCI registry, build + push the test images, write $STATE/env
#   dev/testenv.sh stop    stop what `start` started (containers in the private
#                          containerd are killed and removed; caches are kept)
#   dev/testenv.sh env     print $STATE/env (a list of `export K=V` lines)
#   dev/testenv.sh status  show what is running
#   dev/testenv.sh clean   stop, then delete the whole state dir (caches included)
#
# State dir: ${SKERRY_TESTENV_DIR:-/tmp/skerry-testenv}. Everything is idempotent:
# a second `start` only checks that things are there and running.
#
# Nothing here touches a system containerd, registry or the machine's Mosquitto:
# the containerd uses its own root/state/sockets under the state dir and the
# registry listens on a free loopback port. (ctr is used by this script only for
# readiness checks and clean-up; the product itself talks gRPC to containerd.)
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C
export DEBIAN_FRONTEND=noninteractive

STATE="${SKERRY_TESTENV_DIR:-/tmp/skerry-testenv}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac

CTRD_DIR="$STATE/containerd"
CTRD_CONFIG="$CTRD_DIR/config.toml"
CTRD_SOCK="$CTRD_DIR/containerd.sock"
CTRD_PID="$CTRD_DIR/containerd.pid"
CTRD_LOG="$CTRD_DIR/containerd.log"

REG_DIR="$STATE/registry"
REG_CONFIG="$REG_DIR/config.yml"
REG_PID="$REG_DIR/registry.pid"
REG_LOG="$REG_DIR/registry.log"
REG_PORT_FILE="$REG_DIR/port"

MQTT_DIR="$STATE/mosquitto"
MQTT_PID="$MQTT_DIR/mosquitto.pid"

CACHE="$STATE/cache"
LAYERS="$CACHE/layers"
IMAGES="$STATE/images"
ENV_FILE="$STATE/env"

# chromium: the hub's web console is tested in a real (headless) browser.
PACKAGES=(containerd runc mosquitto docker-registry skopeo busybox-static jq iproute2
          qemu-user-static curl apache2-utils openssl chromium lintian systemd)

# Every image gets this on top of its platform.
IMAGE_PATH_ENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
MT_INDEX=application/vnd.oci.image.index.v1+json
MT_MANIFEST=application/vnd.oci.image.manifest.v1+json
MT_CONFIG=application/vnd.oci.image.config.v1+json
MT_LAYER=application/vnd.oci.image.layer.v1.tar+gzip
BIG_BYTES=$((10 * 1024 * 1024))

log()  { printf '[testenv] %s\n' "$*" >&2; }
warn() { printf '[testenv] WARNING: %s\n' "$*" >&2; }
die()  { printf '[testenv] ERROR: %s\n' "$*" >&2; exit 1; }

# pid_alive PIDFILE MARKER: the pid in PIDFILE is running and its command line
# contains MARKER (guards against a recycled pid after a reboot / kill).
pid_alive() {
  local pf=$1 marker=$2 pid
  [[ -s $pf ]] || return 1
  pid=$(<"$pf")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && return 1
  local args
  args=$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  grep -qxF -- "$marker" <<<"$args"
}

# kill_pidfile PIDFILE MARKER NAME: SIGTERM, wait up to 10 s, then SIGKILL.
kill_pidfile() {
  local pf=$1 marker=$2 name=$3 pid i
  if pid_alive "$pf" "$marker"; then
    pid=$(<"$pf")
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      pid_alive "$pf" "$marker" || break
      sleep 0.1
    done
    if pid_alive "$pf" "$marker"; then
      warn "$name did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
  fi
  rm -f "$pf"
}

port_in_use() { [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]; }

# ---------------------------------------------------------------- packages
ensure_packages() {
  local p missing=()
  for p in "${PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) == 'install ok installed' ]] ||
      missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "missing packages (${missing[*]}) and not root"
  log "installing: ${missing[*]}"
  # No init system here: keep the packages' maintainer scripts from starting
  # system services (mosquitto, docker-registry) while they install. Only when
  # the machine has no policy-rc.d of its own, and removed again afterwards.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# dev/testenv.sh: no service starts during install\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    made_policy=1
  fi
  local rc=0
  {
    apt-get -q -o DPkg::Lock::Timeout=300 update &&
      apt-get -q -y -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold install --no-install-recommends "${missing[@]}"
  } </dev/null >&2 || rc=$?
  ((made_policy)) && rm -f "$policy"
  ((rc == 0)) || die "apt-get failed ($rc) installing ${missing[*]}"
}

# ---------------------------------------------------------------- containerd
write_containerd_config() {
  mkdir -p "$CTRD_DIR/root" "$CTRD_DIR/state" "$CTRD_DIR/opt"
  cat >"$CTRD_CONFIG.tmp" <<EOF
# Generated by dev/testenv.sh — private containerd for Skerry's integration tests.
version = 2
root = "$CTRD_DIR/root"
state = "$CTRD_DIR/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "$CTRD_SOCK"

[ttrpc]
  address = "$CTRD_SOCK.ttrpc"

[debug]
  address = "$CTRD_DIR/debug.sock"
  level = "info"

[metrics]
  address = ""

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "$CTRD_DIR/opt"
  [plugins."io.containerd.snapshotter.v1.overlayfs"]
    root_path = "$CTRD_DIR/root/io.containerd.snapshotter.v1.overlayfs"
  [plugins."io.containerd.runtime.v1.linux"]
    no_shim = false
    shim_debug = false
EOF
  mv -f "$CTRD_CONFIG.tmp" "$CTRD_CONFIG"
}

containerd_ready() { [[ -S $CTRD_SOCK ]] && ctr --address "$CTRD_SOCK" version >/dev/null 2>&1; }

start_containerd() {
  ((${#CTRD_SOCK} < 100)) || die "socket path too long for a unix socket: $CTRD_SOCK (set SKERRY_TESTENV_DIR shorter)"
  if pid_alive "$CTRD_PID" "$CTRD_CONFIG"; then
    if wait_containerd 30; then
      log "containerd already running (pid $(<"$CTRD_PID"))"
      return 0
    fi
    warn "containerd pid $(<"$CTRD_PID") does not answer; restarting it"
    kill_pidfile "$CTRD_PID" "$CTRD_CONFIG" containerd
  fi
  write_containerd_config
  # Our containerd is not running: sockets left by a killed one are stale.
  rm -f "$CTRD_SOCK" "$CTRD_SOCK.ttrpc" "$CTRD_DIR/debug.sock"
  log "starting containerd ($(containerd --version | awk '{print $3}')) on $CTRD_SOCK"
  # setsid + redirected fds: the daemon must not hold the caller's terminal,
  # pipes (CI waits for them) or our lock (fd 9).
  setsid containerd --config "$CTRD_CONFIG" --root "$CTRD_DIR/root" \
    --state "$CTRD_DIR/state" --address "$CTRD_SOCK" \
    </dev/null >>"$CTRD_LOG" 2>&1 9>&- &
  echo $! >"$CTRD_PID"
  wait_containerd 60 || { tail -n 30 "$CTRD_LOG" >&2; die "containerd did not come up (log: $CTRD_LOG)"; }
  log "containerd ready (pid $(<"$CTRD_PID"))"
  # A fresh containerd has no clients yet: drop tasks/containers that a killed
  # previous run left behind, so tests can reuse their container ids.
  containerd_cleanup
}

wait_containerd() {
  local i n=$(($1 * 5))
  for ((i = 0; i < n; i++)); do
    containerd_ready && return 0
    pid_alive "$CTRD_PID" "$CTRD_CONFIG" || return 1
    sleep 0.2
  done
  return 1
}

# Kill and remove every task and container in every namespace of OUR containerd.
containerd_cleanup() {
  containerd_ready || return 0
  local c=(ctr --address "$CTRD_SOCK") ns t ct
  for ns in $("${c[@]}" namespaces ls -q 2>/dev/null); do
    for t in $("${c[@]}" -n "$ns" tasks ls -q 2>/dev/null); do
      log "killing task $ns/$t"
      "${c[@]}" -n "$ns" tasks kill --all --signal SIGKILL "$t" >/dev/null 2>&1 || true
    done
    for t in $("${c[@]}" -n "$ns" tasks ls -q 2>/dev/null); do
      "${c[@]}" -n "$ns" tasks delete --force "$t" >/dev/null 2>&1 ||
        { sleep 0.5; "${c[@]}" -n "$ns" tasks delete --force "$t" >/dev/null 2>&1; } ||
        warn "could not delete task $ns/$t"
    done
    for ct in $("${c[@]}" -n "$ns" containers ls -q 2>/dev/null); do
      "${c[@]}" -n "$ns" containers delete "$ct" >/dev/null 2>&1 || warn "could not delete container $ns/$ct"
    done
  done
}

# Shims of our containerd that outlived it (and their containers' processes).
kill_orphan_shims() {
  local p cmd kid
  for p in /proc/[0-9]*; do
    cmd=$(tr '\0' '\n' 2>/dev/null <"$p/cmdline") || continue
    [[ $cmd == *containerd-shim* ]] || continue
    grep -qxF -- "$CTRD_SOCK" <<<"$cmd" || continue
    p=${p#/proc/}
    for kid in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -KILL "$kid" 2>/dev/null || true; done
    log "killing leftover shim $p"
    kill -KILL "$p" 2>/dev/null || true
  done
}

stop_containerd() {
  if pid_alive "$CTRD_PID" "$CTRD_CONFIG"; then
    containerd_cleanup
  fi
  kill_pidfile "$CTRD_PID" "$CTRD_CONFIG" containerd
  kill_orphan_shims
}

# ---------------------------------------------------------------- registry
registry_ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/v2/"; }

pick_port() {
  local p i
  if [[ -s $REG_PORT_FILE ]]; then   # keep the same port across restarts if we can
    p=$(<"$REG_PORT_FILE")
    if [[ $p =~ ^[0-9]+$ ]] && ! port_in_use "$p"; then echo "$p"; return; fi
  fi
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    port_in_use "$p" || { echo "$p"; return; }
  done
  die "no free loopback port found"
}

start_registry() {
  local port i
  if pid_alive "$REG_PID" "$REG_CONFIG"; then
    port=$(<"$REG_PORT_FILE")
    for ((i = 0; i < 50; i++)); do
      registry_ready "$port" && { log "registry already running on 127.0.0.1:$port (pid $(<"$REG_PID"))"; return 0; }
      sleep 0.2
    done
    warn "registry pid $(<"$REG_PID") does not answer; restarting it"
    kill_pidfile "$REG_PID" "$REG_CONFIG" registry
  fi
  mkdir -p "$REG_DIR/data"
  port=$(pick_port)
  echo "$port" >"$REG_PORT_FILE"
  cat >"$REG_CONFIG" <<EOF
# Generated by dev/testenv.sh
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
  fields:
    service: skerry-it-registry
storage:
  filesystem:
    rootdirectory: $REG_DIR/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  log "starting registry on 127.0.0.1:$port"
  setsid docker-registry serve "$REG_CONFIG" </dev/null >>"$REG_LOG" 2>&1 9>&- &
  echo $! >"$REG_PID"
  for ((i = 0; i < 150; i++)); do
    registry_ready "$port" && { log "registry ready (pid $(<"$REG_PID"))"; return 0; }
    pid_alive "$REG_PID" "$REG_CONFIG" || break
    sleep 0.2
  done
  tail -n 30 "$REG_LOG" >&2
  die "registry did not come up (log: $REG_LOG)"
}

stop_registry() { kill_pidfile "$REG_PID" "$REG_CONFIG" registry; }

# ---------------------------------------------------------------- mosquitto
# The machine normally runs Mosquitto on 127.0.0.1:1883 already; that one is left
# alone. Only when nothing listens there do we start a private one on that port.
start_mosquitto_if_absent() {
  port_in_use 1883 && return 0
  mkdir -p "$MQTT_DIR"
  if pid_alive "$MQTT_PID" "$MQTT_DIR/mosquitto.conf"; then return 0; fi
  printf 'listener 1883 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n' \
    >"$MQTT_DIR/mosquitto.conf"
  log "nothing listens on 127.0.0.1:1883: starting a private mosquitto there"
  setsid mosquitto -c "$MQTT_DIR/mosquitto.conf" </dev/null >>"$MQTT_DIR/mosquitto.log" 2>&1 9>&- &
  echo $! >"$MQTT_PID"
  local i
  for ((i = 0; i < 50; i++)); do port_in_use 1883 && return 0; sleep 0.1; done
  warn "private mosquitto did not start (log: $MQTT_DIR/mosquitto.log)"
}

stop_mosquitto() { kill_pidfile "$MQTT_PID" "$MQTT_DIR/mosquitto.conf" mosquitto; }

# ---------------------------------------------------------------- postgresql
# The hub's PostgreSQL store tests use 127.0.0.1:5432 (user postgres, trust auth). Machines of
# this kind start it before the session; start it again when it is down, install it if absent.
start_postgresql_if_absent() {
  if port_in_use 5432; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    log "PostgreSQL is not installed: installing Debian's postgresql"
    apt-get install -y -q postgresql >&2 || { warn "could not install postgresql"; return 0; }
  fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [[ -n $version ]] || { warn "no PostgreSQL cluster under /etc/postgresql"; return 0; }
  log "nothing listens on 127.0.0.1:5432: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 \
    || warn "PostgreSQL did not start; the hub's PostgreSQL tests will fail"
}

# ---------------------------------------------------------------- arm64 busybox
# busybox from Debian's arm64 busybox-static .deb, downloaded once into the cache
# with a private apt state (lists, cache, empty dpkg status): the machine's own
# apt state is not touched.
fetch_arm64_busybox() {
  local out="$CACHE/busybox-arm64"
  [[ -s $out ]] && return 0
  local d="$CACHE/apt-arm64"
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/debs"
  : >"$d/status"
  local opts=(-q -oAPT::Architecture=arm64 -oAPT::Architectures=arm64
    -oDir::State::Lists="$d/lists" -oDir::Cache="$d/cache" -oDir::State::status="$d/status"
    -oAPT::Sandbox::User=root -oAcquire::Languages=none)
  local deb
  deb=$(ls "$d"/debs/busybox-static_*_arm64.deb 2>/dev/null | head -n1 || true)
  if [[ -z $deb ]]; then
    log "fetching Debian's arm64 busybox-static"
    apt-get "${opts[@]}" update </dev/null >&2 ||
      warn "apt-get update for arm64 reported errors; trying the download anyway"
    (cd "$d/debs" && apt-get "${opts[@]}" download busybox-static:arm64 </dev/null >&2) ||
      die "could not download busybox-static for arm64"
    deb=$(ls "$d"/debs/busybox-static_*_arm64.deb | head -n1)
  fi
  rm -rf "$d/x"
  dpkg-deb -x "$deb" "$d/x"
  local bin
  for bin in "$d/x/bin/busybox" "$d/x/usr/bin/busybox"; do [[ -f $bin ]] && break; done
  [[ -f $bin ]] || die "no busybox in $deb"
  # ELF e_machine (offset 18, little endian) must be 0xb7 = EM_AARCH64.
  [[ $(od -An -tx1 -j18 -N2 "$bin" | tr -d ' \n') == b700 ]] || die "$bin is not an aarch64 ELF"
  cp "$bin" "$out.tmp" && chmod 0755 "$out.tmp" && mv -f "$out.tmp" "$out"
  rm -rf "$d/x"
  log "arm64 busybox: $(basename "$deb")"
}

# ---------------------------------------------------------------- layers
# A layer is cached as $LAYERS/NAME.tar.gz plus NAME.diffid (sha256 of the tar).
# Tars are reproducible (sorted, fixed owner and mtime, gzip -n), so digests
# only change when the inputs change.
tar_dir() { # DIR OUT.tar — every top-level entry of DIR
  local dir=$1 out=$2
  local entries
  mapfile -t entries < <(cd "$dir" && ls -A | sort)
  tar --format=gnu --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
    -C "$dir" -cf "$out" -- "${entries[@]}"
}

make_layer() { # NAME DIR
  local name=$1 dir=$2 tmp="$LAYERS/.$1.$$"
  tar_dir "$dir" "$tmp.tar"
  sha256sum "$tmp.tar" | awk '{print "sha256:" $1}' >"$tmp.diffid"
  gzip -n -c "$tmp.tar" >"$tmp.tar.gz"
  rm -f "$tmp.tar"
  mv -f "$tmp.tar.gz" "$LAYERS/$name.tar.gz"
  mv -f "$tmp.diffid" "$LAYERS/$name.diffid"
}

have_layer() { [[ -s $LAYERS/$1.tar.gz && -s $LAYERS/$1.diffid ]]; }

busybox_rootfs() { # ARCH-BUSYBOX-BINARY DIR
  local bb=$1 dir=$2 a
  rm -rf "$dir"
  mkdir -p "$dir/bin" "$dir/etc" "$dir/root" "$dir/tmp"
  cp "$bb" "$dir/bin/busybox"
  chmod 0755 "$dir/bin/busybox"
  # The applet list always comes from the amd64 busybox (the one that runs here).
  while IFS= read -r a; do
    [[ -z $a || $a == busybox || $a == */* ]] && continue
    ln -s busybox "$dir/bin/$a"
  done < <(/bin/busybox --list)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$dir/etc/group"
  chmod 0755 "$dir" "$dir/bin" "$dir/etc"
  chmod 0644 "$dir/etc/passwd" "$dir/etc/group"
  chmod 0700 "$dir/root"
  chmod 1777 "$dir/tmp"
}

ensure_layers() {
  mkdir -p "$LAYERS"
  local work="$CACHE/work.$$"
  rm -rf "$work"
  if ! have_layer busybox-amd64; then
    log "building layer busybox-amd64"
    busybox_rootfs /bin/busybox "$work"
    make_layer busybox-amd64 "$work"
  fi
  if ! have_layer busybox-arm64; then
    fetch_arm64_busybox
    log "building layer busybox-arm64"
    busybox_rootfs "$CACHE/busybox-arm64" "$work"
    make_layer busybox-arm64 "$work"
  fi
  if ! have_layer release-2; then
    log "building layer release-2"
    rm -rf "$work" && mkdir -p "$work/etc"
    printf '2\n' >"$work/etc/skerry-release"
    chmod 0755 "$work" "$work/etc" && chmod 0644 "$work/etc/skerry-release"
    make_layer release-2 "$work"
  fi
  if ! have_layer big-random; then
    # 10 MiB of incompressible data, generated once per state dir so the
    # digest is stable across runs on this machine.
    if [[ ! -s $CACHE/big-random.bin ]]; then
      log "generating $BIG_BYTES random bytes"
      head -c "$BIG_BYTES" /dev/urandom >"$CACHE/big-random.bin.tmp"
      mv -f "$CACHE/big-random.bin.tmp" "$CACHE/big-random.bin"
    fi
    log "building layer big-random"
    rm -rf "$work" && mkdir -p "$work/data"
    cp "$CACHE/big-random.bin" "$work/data/random.bin"
    chmod 0755 "$work" "$work/data" && chmod 0644 "$work/data/random.bin"
    make_layer big-random "$work"
  fi
  rm -rf "$work"
}

# ---------------------------------------------------------------- OCI layouts
# put_blob LAYOUT FILE -> prints "sha256:HEX SIZE"
put_blob() {
  local layout=$1 file=$2 hex size
  hex=$(sha256sum "$file" | awk '{print $1}')
  size=$(stat -c %s "$file")
  mkdir -p "$layout/blobs/sha256"
  [[ -e $layout/blobs/sha256/$hex ]] || cp "$file" "$layout/blobs/sha256/$hex"
  echo "sha256:$hex $size"
}

# put_json LAYOUT JSON -> prints "sha256:HEX SIZE" (JSON stored without newline)
put_json() {
  local layout=$1 json=$2 tmp
  tmp=$(mktemp "$layout/.json.XXXXXX")
  printf '%s' "$json" >"$tmp"
  put_blob "$layout" "$tmp"
  rm -f "$tmp"
}

# image_manifest LAYOUT ARCH VARIANT LAYER... -> prints a manifest descriptor (JSON)
# with platform, after storing layers, config and manifest in LAYOUT.
image_manifest() {
  local layout=$1 arch=$2 variant=$3; shift 3
  local layers='[]' diffs='[]' name d s
  for name in "$@"; do
    read -r d s < <(put_blob "$layout" "$LAYERS/$name.tar.gz")
    layers=$(jq -c --arg mt "$MT_LAYER" --arg d "$d" --argjson s "$s" \
      '. + [{mediaType:$mt, digest:$d, size:$s}]' <<<"$layers")
    diffs=$(jq -c --arg id "$(<"$LAYERS/$name.diffid")" '. + [$id]' <<<"$diffs")
  done
  local config manifest cd cs md ms
  config=$(jq -cjn --arg arch "$arch" --arg variant "$variant" --arg env "$IMAGE_PATH_ENV" \
    --argjson diffs "$diffs" \
    '{architecture:$arch, os:"linux"}
     + (if $variant == "" then {} else {variant:$variant} end)
     + {config:{Env:[$env], Cmd:["sh"], WorkingDir:"/"},
        rootfs:{type:"layers", diff_ids:$diffs}}')
  read -r cd cs < <(put_json "$layout" "$config")
  manifest=$(jq -cjn --arg mt "$MT_MANIFEST" --arg cmt "$MT_CONFIG" --arg cd "$cd" \
    --argjson cs "$cs" --argjson layers "$layers" \
    '{schemaVersion:2, mediaType:$mt, config:{mediaType:$cmt, digest:$cd, size:$cs}, layers:$layers}')
  read -r md ms < <(put_json "$layout" "$manifest")
  jq -cn --arg mt "$MT_MANIFEST" --arg d "$md" --argjson s "$ms" --arg arch "$arch" \
    --arg variant "$variant" \
    '{mediaType:$mt, digest:$d, size:$s,
      platform:({architecture:$arch, os:"linux"} + (if $variant == "" then {} else {variant:$variant} end))}'
}

# finish_layout LAYOUT TAG DESCRIPTOR — write index.json/oci-layout with DESCRIPTOR tagged TAG
finish_layout() {
  local layout=$1 tag=$2 desc=$3
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  jq -cn --argjson desc "$desc" --arg tag "$tag" \
    '{schemaVersion:2, manifests:[$desc | del(.platform)
      | .annotations = {"org.opencontainers.image.ref.name":$tag}]}' >"$layout/index.json"
}

# build_index_image NAME TAG EXTRA_LAYER... — amd64 + arm64/v8 index
build_index_image() {
  local name=$1 tag=$2; shift 2
  local final="$IMAGES/$name" layout="$IMAGES/.$name.$$"
  [[ -s $final/index.json ]] && return 0
  log "building OCI layout $name (index: linux/amd64 + linux/arm64/v8)"
  rm -rf "$layout" && mkdir -p "$layout"
  local amd arm index d s
  amd=$(image_manifest "$layout" amd64 "" busybox-amd64 "$@")
  arm=$(image_manifest "$layout" arm64 v8 busybox-arm64 "$@")
  index=$(jq -cjn --arg mt "$MT_INDEX" --argjson amd "$amd" --argjson arm "$arm" \
    '{schemaVersion:2, mediaType:$mt, manifests:[$amd, $arm]}')
  read -r d s < <(put_json "$layout" "$index")
  finish_layout "$layout" "$tag" "$(jq -cn --arg mt "$MT_INDEX" --arg d "$d" --argjson s "$s" \
    '{mediaType:$mt, digest:$d, size:$s}')"
  rm -rf "$final" && mv "$layout" "$final"
}

# build_single_image NAME TAG LAYER... — one linux/amd64 manifest, no index
build_single_image() {
  local name=$1 tag=$2; shift 2
  local final="$IMAGES/$name" layout="$IMAGES/.$name.$$"
  [[ -s $final/index.json ]] && return 0
  log "building OCI layout $name (single linux/amd64 manifest)"
  rm -rf "$layout" && mkdir -p "$layout"
  finish_layout "$layout" "$tag" "$(image_manifest "$layout" amd64 "" "$@")"
  rm -rf "$final" && mv "$layout" "$final"
}

ensure_images() {
  mkdir -p "$IMAGES"
  if [[ -s $IMAGES/busybox-1/index.json && -s $IMAGES/busybox-2/index.json &&
        -s $IMAGES/big-1/index.json ]]; then
    return 0
  fi
  ensure_layers
  build_index_image busybox-1 1
  build_index_image busybox-2 2 release-2
  build_single_image big-1 1 busybox-amd64 big-random
}

layout_digest() { jq -r '.manifests[0].digest' "$IMAGES/$1/index.json"; }

# platform_digest LAYOUT ARCH — digest of ARCH's manifest in the layout's index
platform_digest() {
  local layout="$IMAGES/$1" idx
  idx=$(layout_digest "$1")
  jq -r --arg a "$2" '.manifests[] | select(.platform.architecture == $a) | .digest' \
    "$layout/blobs/sha256/${idx#sha256:}"
}

remote_digest() { # REGISTRY REPO TAG -> digest or empty
  curl -fsS -I --max-time 10 \
    -H "Accept: $MT_INDEX, $MT_MANIFEST, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json" \
    "http://$1/v2/$2/manifests/$3" 2>/dev/null |
    tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" {print $2}' || true
}

push_image() { # LAYOUT-NAME TAG REPO
  local name=$1 tag=$2 repo=$3 want have
  want=$(layout_digest "$name")
  have=$(remote_digest "$REGISTRY" "$repo" "$tag")
  if [[ $have == "$want" ]]; then
    log "$repo:$tag already in the registry ($want)"
    return 0
  fi
  log "pushing $repo:$tag ($want)"
  skopeo --insecure-policy copy --all --dest-tls-verify=false -q \
    "oci:$IMAGES/$name:$tag" "docker://$REGISTRY/$repo:$tag" </dev/null >&2 ||
    die "skopeo copy of $repo:$tag failed"
  have=$(remote_digest "$REGISTRY" "$repo" "$tag")
  [[ $have == "$want" ]] || die "registry has $repo:$tag as '$have', expected $want"
}

# ---------------------------------------------------------------- binfmt
ARM64_EMULATION=0
setup_binfmt() {
  local bm=/proc/sys/fs/binfmt_misc conf=/usr/lib/binfmt.d/qemu-aarch64.conf line
  if [[ ! -e $bm/register ]]; then
    mount -t binfmt_misc binfmt_misc "$bm" 2>/dev/null || warn "could not mount binfmt_misc"
  fi
  if [[ -e $bm/register && ! -e $bm/qemu-aarch64 ]]; then
    if [[ -r $conf ]]; then
      line=$(grep -v '^[[:space:]]*\(#\|$\)' "$conf" | head -n1)
      log "registering qemu-aarch64 with binfmt_misc"
      printf '%s' "$line" >"$bm/register" 2>/dev/null || warn "could not register qemu-aarch64 in binfmt_misc"
    else
      warn "$conf missing: no arm64 emulation"
    fi
  fi
  if [[ -e $bm/qemu-aarch64 ]] && grep -qx enabled "$bm/qemu-aarch64"; then
    # Registered: check it really runs an arm64 binary.
    if [[ -x $CACHE/busybox-arm64 ]] && ! "$CACHE/busybox-arm64" true 2>/dev/null; then
      warn "qemu-aarch64 is registered but the arm64 busybox does not run"
    else
      ARM64_EMULATION=1
    fi
  fi
}

# ---------------------------------------------------------------- env
write_env() {
  local tmp="$ENV_FILE.tmp"
  {
    echo "# Generated by dev/testenv.sh start — source it."
    echo "export SKERRY_IT_CONTAINERD_SOCKET=$CTRD_SOCK"
    echo "export SKERRY_IT_REGISTRY=$REGISTRY"
    echo "export SKERRY_IT_IMAGE=$REGISTRY/skerry/busybox:1"
    echo "export SKERRY_IT_IMAGE_V2=$REGISTRY/skerry/busybox:2"
    echo "export SKERRY_IT_BIG_IMAGE=$REGISTRY/skerry/big:1"
    echo "export SKERRY_IT_IMAGE_DIGEST=$(layout_digest busybox-1)"
    echo "export SKERRY_IT_AMD64_MANIFEST_DIGEST=$(platform_digest busybox-1 amd64)"
    echo "export SKERRY_IT_ARM64_MANIFEST_DIGEST=$(platform_digest busybox-1 arm64)"
    echo "export SKERRY_IT_IMAGE_V2_DIGEST=$(layout_digest busybox-2)"
    echo "export SKERRY_IT_BIG_IMAGE_DIGEST=$(layout_digest big-1)"
    if ((ARM64_EMULATION)); then echo "export SKERRY_IT_ARM64_EMULATION=1"; fi
  } >"$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------- commands
lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 600 9 || die "another dev/testenv.sh holds $STATE/.lock"
}

cmd_start() {
  local t0=$SECONDS
  ensure_packages
  lock
  mkdir -p "$CACHE"
  start_containerd
  start_registry
  REGISTRY="127.0.0.1:$(<"$REG_PORT_FILE")"
  start_mosquitto_if_absent
  start_postgresql_if_absent
  ensure_images
  push_image busybox-1 1 skerry/busybox
  push_image busybox-2 2 skerry/busybox
  push_image big-1 1 skerry/big
  setup_binfmt
  write_env
  log "ready in $((SECONDS - t0)) s; env: $ENV_FILE"
}

cmd_stop() {
  lock
  stop_containerd
  stop_registry
  stop_mosquitto
  log "stopped"
}

cmd_status() {
  local rc=0
  if pid_alive "$CTRD_PID" "$CTRD_CONFIG" && containerd_ready; then
    echo "containerd: running (pid $(<"$CTRD_PID")) on $CTRD_SOCK"
  else echo "containerd: not running"; rc=1; fi
  if pid_alive "$REG_PID" "$REG_CONFIG" && registry_ready "$(<"$REG_PORT_FILE")"; then
    echo "registry:   running (pid $(<"$REG_PID")) on 127.0.0.1:$(<"$REG_PORT_FILE")"
  else echo "registry:   not running"; rc=1; fi
  if pid_alive "$MQTT_PID" "$MQTT_DIR/mosquitto.conf"; then
    echo "mosquitto:  private one running (pid $(<"$MQTT_PID"))"
  elif port_in_use 1883; then echo "mosquitto:  the machine's, on 127.0.0.1:1883"
  else echo "mosquitto:  nothing on 127.0.0.1:1883"; rc=1; fi
  return $rc
}

cmd_clean() {
  cmd_stop
  # Mounts left under the state dir (rootfs of containers whose shim died).
  local m
  for m in $(awk -v s="$STATE/" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
  done
  log "removing $STATE"
  rm -rf "$STATE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env)
    [[ -s $ENV_FILE ]] || die "no $ENV_FILE: run '$0 start' first"
    cat "$ENV_FILE" ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  *) echo "usage: $0 start|stop|env|status|clean" >&2; exit 2 ;;
esac
