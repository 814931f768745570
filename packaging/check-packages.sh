#!/usr/bin/env bash
# Builds the Debian packages and checks them (docs/packages.md).
#   packaging/check-packages.sh [--no-build] [--ci]
# Always: lintian (no error allowed; warnings listed in docs/packages.md), the contents and modes
# of each .deb, and packaging/check-units.sh. Without --ci also, as root, in a Debian bookworm
# root filesystem (debootstrap, cached in $SKERRY_PKGTEST_DIR, default /tmp/skerry-pkgtest):
# dpkg -i (+ apt-get -f install for the dependencies), files/user/modes, a conffile edit kept
# across an upgrade to a newer build, dpkg -r keeping config and data, dpkg --purge removing them.
# Optional: SKERRY_PKGTEST_ARCHES="arm64 armhf" also installs the agent in an arm64/armhf root
# filesystem under qemu-user-static and runs java -version and skerry-agent --help there
# (SKERRY_PKGTEST_AMD64=0 skips the amd64 install test).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=1 ci=0
for a in "$@"; do
  case $a in
    --no-build) build=0 ;;
    --ci) ci=1 ;;
    *) echo "usage: $0 [--no-build] [--ci]" >&2; exit 2 ;;
  esac
done
cache=${SKERRY_PKGTEST_DIR:-/tmp/skerry-pkgtest}
mirror=${SKERRY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
t0=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - t0 )) s)"; }
die() { echo "FAIL: $*" >&2; exit 1; }

if [ $build = 1 ]; then
  step "mvn package"
  (cd "$top" && mvn -B -q -o -DskipTests package -pl agent,hub -am)
fi
newest() { ls -t "$top"/$1 2>/dev/null | head -1; }
agent_amd64=$(newest 'agent/target/skerry-agent_*_amd64.deb')
agent_arm64=$(newest 'agent/target/skerry-agent_*_arm64.deb')
agent_armhf=$(newest 'agent/target/skerry-agent_*_armhf.deb')
hub=$(newest 'hub/target/skerry-hub_*_all.deb')
for d in "$agent_amd64" "$agent_arm64" "$agent_armhf" "$hub"; do [ -f "$d" ] || die "a .deb is missing; build first"; done

step "lintian"
for d in "$agent_amd64" "$agent_arm64" "$agent_armhf" "$hub"; do
  out=$(lintian --tag-display-limit 0 "$d" 2>&1 | grep -v 'running with root privileges' || true)
  echo "$(basename "$d"): $(echo "$out" | grep -c '^W:' || true) warnings"
  if echo "$out" | grep -q '^E:'; then echo "$out"; die "lintian errors in $d"; fi
done

step "contents"
contains() { # deb mode owner path
  dpkg-deb -c "$1" | awk -v m="$2" -v o="$3" -v p="./$4" '$1==m && $2==o && $NF==p {f=1} END {exit !f}' \
    || die "$(basename "$1") lacks $2 $3 $4"
}
for d in "$agent_amd64" "$agent_arm64" "$agent_armhf"; do
  contains "$d" -rw-r--r-- root/root usr/lib/skerry/skerry-agent.jar
  contains "$d" -rwxr-xr-x root/root usr/lib/skerry/skerry-agent
  contains "$d" -rw-r--r-- root/root lib/systemd/system/skerry-agent.service
  contains "$d" -rw------- root/root etc/skerry/agent.yaml
  contains "$d" -rw-r--r-- root/root usr/share/doc/skerry-agent/copyright
  contains "$d" -rw-r--r-- root/root usr/share/doc/skerry-agent/changelog.gz
  dpkg-deb -f "$d" Depends | grep 'containerd, runc' >/dev/null || die "$d: Depends"
  [ "$(dpkg-deb -f "$d" Conffiles 2>/dev/null; dpkg-deb -I "$d" conffiles)" != "" ] || die "$d: conffiles"
done
[ "$(dpkg-deb -f "$agent_armhf" Architecture)" = armhf ] || die "armhf Architecture"
[ "$(dpkg-deb -f "$agent_arm64" Architecture)" = arm64 ] || die "arm64 Architecture"
contains "$hub" -rw-r--r-- root/root usr/lib/skerry/skerry-hub.jar
contains "$hub" -rwxr-xr-x root/root usr/lib/skerry/skerryctl
contains "$hub" -rw-r--r-- root/root lib/systemd/system/skerry-hub.service
contains "$hub" -rw-r----- root/root etc/skerry/hub.yaml
dpkg-deb -c "$hub" | grep ' ./usr/bin/skerryctl -> ../lib/skerry/skerryctl$' >/dev/null || die "hub: /usr/bin/skerryctl link"
dpkg-deb -I "$hub" conffiles | grep -x /etc/skerry/hub.yaml >/dev/null || die "hub conffiles"

step "units"
"$top/packaging/check-units.sh"

if [ $ci = 1 ]; then step "done (--ci)"; exit 0; fi
[ "$(id -u)" = 0 ] || die "the install test needs root (chroot, mount); use --ci otherwise"

# A cached bookworm root filesystem per architecture; dependencies stay installed in it after a
# run (the packages themselves are purged), so a second run installs no JRE again.
rootfs() { # arch -> path
  local arch=$1 dir=$cache/rootfs-$1
  if [ ! -x "$dir/usr/bin/apt-get" ]; then
    mkdir -p "$cache"; rm -rf "$dir.tmp"
    if [ "$arch" = amd64 ]; then
      debootstrap --variant=minbase bookworm "$dir.tmp" "$mirror" >&2
    else
      debootstrap --variant=minbase --arch="$arch" --foreign bookworm "$dir.tmp" "$mirror" >&2
      # binfmt_misc runs the foreign binaries; a copy of the emulator serves kernels whose
      # qemu entry lacks the F (fix binary) flag.
      case $arch in arm64) q=aarch64 ;; armhf) q=arm ;; *) q=$arch ;; esac
      cp "/usr/bin/qemu-$q-static" "$dir.tmp/usr/bin/" 2>/dev/null || true
      chroot "$dir.tmp" /debootstrap/debootstrap --second-stage >&2
    fi
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}
mounted=()
cleanup() { for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
enter() { # rootfs
  mountpoint -q "$1/proc" || { mount -t proc proc "$1/proc"; mounted+=("$1/proc"); }
  cp /etc/resolv.conf "$1/etc/resolv.conf"
}
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
install_debs() { # debs... (copied into the rootfs)
  local names=() d
  for d in "$@"; do cp "$d" "$R/tmp/"; names+=("/tmp/$(basename "$d")"); done
  in_root dpkg -i "${names[@]}" >/dev/null 2>&1 || {
    in_root apt-get update -q >/dev/null
    in_root apt-get -f install -y -q --no-install-recommends >/dev/null
  }
}
# A newer build: the same package with ".1" appended to its version (sorts above it).
bump() { # deb -> path of the bumped copy
  local w; w=$(mktemp -d)
  dpkg-deb -R "$1" "$w/x"
  sed -i 's/^Version: .*/&.1/' "$w/x/DEBIAN/control"
  dpkg-deb -Znone -b "$w/x" "$w/$(basename "$1" | sed 's/_\([^_]*\)_/_\1.1_/')" >/dev/null
  rm -rf "$w/x"; echo "$w/$(basename "$1" | sed 's/_\([^_]*\)_/_\1.1_/')"
}
mode() { in_root stat -c '%a %U:%G' "$1"; }
expect() { [ "$2" = "$3" ] || die "$1: expected '$3', got '$2'"; }

if [ "${SKERRY_PKGTEST_AMD64:-1}" = 1 ]; then
step "rootfs amd64"
R=$(rootfs amd64); enter "$R"
in_root dpkg --purge skerry-agent skerry-hub >/dev/null 2>&1 || true
step "dpkg -i"
install_debs "$agent_amd64" "$hub"
expect "agent status" "$(in_root dpkg-query -W -f '${Status}' skerry-agent)" "install ok installed"
expect "hub status" "$(in_root dpkg-query -W -f '${Status}' skerry-hub)" "install ok installed"
expect agent.yaml "$(mode /etc/skerry/agent.yaml)" "600 root:root"
expect hub.yaml "$(mode /etc/skerry/hub.yaml)" "640 root:skerry"
expect agent-data "$(mode /var/lib/skerry-agent)" "700 root:root"
expect hub-data "$(mode /var/lib/skerry-hub)" "750 skerry:skerry"
uid=$(in_root getent passwd skerry | cut -d: -f3); [ "$uid" -lt 1000 ] || die "skerry is not a system user ($uid)"
if [ -x "$R/usr/bin/deb-systemd-helper" ]; then
  for u in skerry-agent skerry-hub; do
    [ -L "$R/etc/systemd/system/multi-user.target.wants/$u.service" ] || die "$u is not enabled"
  done
fi
in_root java -version 2>&1 | head -1
in_root /usr/lib/skerry/skerry-agent --help >/dev/null 2>&1 || die "skerry-agent --help"
in_root skerryctl --help >/dev/null 2>&1 || die "skerryctl --help"
echo "# local edit" >> "$R/etc/skerry/agent.yaml"

step "upgrade"
new_agent=$(bump "$agent_amd64"); new_hub=$(bump "$hub")
install_debs "$new_agent" "$new_hub"
expect "agent version" "$(in_root dpkg-query -W -f '${Version}' skerry-agent)" "$(dpkg-deb -f "$new_agent" Version)"
grep -q '^# local edit' "$R/etc/skerry/agent.yaml" || die "the conffile edit was lost on upgrade"
touch "$R/var/lib/skerry-agent/agent.db" "$R/var/lib/skerry-hub/hub.db"

step "dpkg -r keeps config and data"
in_root dpkg -r skerry-agent skerry-hub >/dev/null
for f in /etc/skerry/agent.yaml /etc/skerry/hub.yaml /var/lib/skerry-agent/agent.db /var/lib/skerry-hub/hub.db; do
  [ -e "$R$f" ] || die "dpkg -r removed $f"
done
[ ! -e "$R/usr/lib/skerry/skerry-agent.jar" ] || die "dpkg -r left the jar"

step "dpkg --purge removes them"
in_root dpkg --purge skerry-agent skerry-hub >/dev/null
for f in /etc/skerry /var/lib/skerry-agent /var/lib/skerry-hub /lib/systemd/system/skerry-agent.service \
         /etc/systemd/system/multi-user.target.wants/skerry-agent.service; do
  [ ! -e "$R$f" ] || die "dpkg --purge left $f"
done
rm -rf "$(dirname "$new_agent")" "$(dirname "$new_hub")"; rm -f "$R"/tmp/skerry-*.deb
fi

for arch in ${SKERRY_PKGTEST_ARCHES:-}; do
  step "rootfs $arch (qemu-user)"
  R=$(rootfs "$arch"); enter "$R"
  eval deb=\$agent_$arch
  install_debs "$deb"
  in_root java -version 2>&1 | head -1
  s=$(date +%s)
  in_root /usr/lib/skerry/skerry-agent --help >/dev/null 2>&1 || die "$arch: skerry-agent --help"
  echo "$arch: skerry-agent --help under qemu-user: $(( $(date +%s) - s )) s"
  in_root dpkg --purge skerry-agent >/dev/null
done
step "ok"
