#!/usr/bin/env bash
# Installs the Skerry agent (default) or hub as a systemd service from a built checkout
# (for a Debian box, prefer the .deb packages: docs/packages.md).
#   sudo systemd/install.sh agent [--hub mqtt://hub.example:1883] [--device-id ID] [--labels k=v,..]
#   sudo systemd/install.sh hub
# Re-running it upgrades the jar and keeps the existing configuration.
set -euo pipefail
role=${1:-agent}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (it writes /usr/lib/skerry, /etc/skerry and a systemd unit)" >&2; exit 1; }
# The Debian package (docs/packages.md) owns the same files: upgrade it with dpkg/apt instead.
if dpkg-query -W -f '${Status}' "skerry-$role" 2>/dev/null | grep -q 'ok installed'; then
  echo "install.sh: the skerry-$role package is installed; upgrade with: apt install ./skerry-${role}_<version>_<arch>.deb" >&2
  exit 1
fi

# Layout: /usr/lib/skerry/{skerry-agent.jar,skerry-agent,skerry-hub.jar,skerryctl}; each launcher
# finds its jar next to itself.
install -d -m 0755 /usr/lib/skerry /etc/skerry
case "$role" in
  agent)
    jar="$top/agent/target/skerry-agent.jar"
    [ -f "$jar" ] || { echo "install.sh: $jar is missing; build first: mvn -B -DskipTests package" >&2; exit 1; }
    command -v containerd >/dev/null || { echo "install.sh: containerd is not installed (apt-get install containerd runc)" >&2; exit 1; }
    install -m 0644 "$jar" /usr/lib/skerry/skerry-agent.jar
    install -m 0755 "$top/agent/src/main/dist/skerry-agent" /usr/lib/skerry/skerry-agent
    if [ ! -f /etc/skerry/agent.yaml ]; then
      {
        echo "# Skerry agent configuration; every key is also a flag (--key) and SKERRY_KEY."
        echo "data-dir: /var/lib/skerry-agent"
        while [ $# -gt 0 ]; do
          case "$1" in
            --hub|--device-id|--labels|--namespace|--containerd-socket) echo "${1#--}: \"$2\""; shift 2 ;;
            *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
          esac
        done
      } > /etc/skerry/agent.yaml
      chmod 0600 /etc/skerry/agent.yaml
    fi
    install -m 0644 "$here/skerry-agent.service" /etc/systemd/system/skerry-agent.service
    unit=skerry-agent
    ;;
  hub)
    jar="$top/hub/target/skerry-hub.jar"
    [ -f "$jar" ] || { echo "install.sh: $jar is missing; build first: mvn -B -DskipTests package" >&2; exit 1; }
    id skerry >/dev/null 2>&1 || useradd --system --home /var/lib/skerry-hub --shell /usr/sbin/nologin skerry
    install -m 0644 "$jar" /usr/lib/skerry/skerry-hub.jar
    install -m 0755 "$top/hub/src/main/dist/skerryctl" /usr/lib/skerry/skerryctl
    ln -sf /usr/lib/skerry/skerryctl /usr/local/bin/skerryctl
    [ -f /etc/skerry/hub.yaml ] || printf 'data-dir: /var/lib/skerry-hub\nhttp-host: 127.0.0.1\nhttp-port: 8080\n' > /etc/skerry/hub.yaml
    install -m 0644 "$here/skerry-hub.service" /etc/systemd/system/skerry-hub.service
    unit=skerry-hub
    ;;
  *) echo "usage: install.sh agent|hub [options]" >&2; exit 2 ;;
esac

if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now "$unit"
  systemctl --no-pager status "$unit" | head -5
else
  echo "installed $unit; systemd is not running here, start it by hand: see ExecStart in /etc/systemd/system/$unit.service"
fi
