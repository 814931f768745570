#!/usr/bin/env bash
# bench/agent-footprint.sh — resident memory of the agent (started with its launcher, so with the
# launcher's JVM flags; add flags with SKERRY_JAVA_OPTS) against the real hub jar, containerd and
# registry:
#   idle0   connected, no deployment yet
#   idle1   1 workload (`sleep 3600`) running
#   run10   10 workloads running
#   big     (with -b) after also pulling and running SKERRY_IT_BIG_IMAGE (~11 MiB): proves the
#           flags leave room for a real pull
# Each phase waits SETTLE seconds (default 30) after the hub shows every workload running, then
# reads `ps -o rss` and /proc/PID/status (VmRSS, RssAnon, RssFile, RssShmem, Threads).
#
#   bench/agent-footprint.sh [-n RUNS] [-s SETTLE] [-b]
#   SKERRY_JAVA_OPTS='-XX:...' bench/agent-footprint.sh      # an experiment
#   BENCH_TESTENV_DIR=/tmp/skerry-bench bench/agent-footprint.sh   # another containerd/registry
# Values are KiB; the summary gives median and min..max over the runs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=1 SETTLE=30 BIG=0
while getopts n:s:b o; do case $o in n) RUNS=$OPTARG ;; s) SETTLE=$OPTARG ;; b) BIG=1 ;; *) exit 2 ;; esac; done

median() { sort -n | awk '{a[NR]=$1} END{ if(NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
minmax() { sort -n | awk 'NR==1{m=$1} {M=$1} END{print m".."M}'; }

if [[ ${BENCH_ONE:-0} != 1 ]]; then
  out=$(mktemp)
  for r in $(seq 1 "$RUNS"); do
    BENCH_ONE=1 "$0" -s "$SETTLE" $( ((BIG)) && echo -b) | tee -a "$out"
  done
  echo "== agent footprint over $RUNS runs, settle ${SETTLE}s, SKERRY_JAVA_OPTS='${SKERRY_JAVA_OPTS:-}' ($(uptime | sed 's/.*load/load/'))"
  for phase in start idle0 idle1 run10 big; do
    for k in ms ps_rss VmRSS RssAnon RssFile RssShmem Threads $(awk '$2 ~ /^nmt:/{print $2}' "$out" | sort -u); do
      vals=$(awk -v p=$phase -v k=$k '$1==p && $2==k{print $3}' "$out")
      [[ -n $vals ]] || continue
      printf '%-6s %-8s median=%-8s range=%s\n' "$phase" "$k" "$(median <<<"$vals")" "$(minmax <<<"$vals")"
    done
  done
  rm -f "$out"
  exit 0
fi

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
trap bench_cleanup EXIT
load_testenv

sample() { # sample PHASE
  local p=$1 k
  echo "$p ps_rss $(ps -o rss= -p "$AGENT_PID" | tr -d ' ')"
  for k in VmRSS RssAnon RssFile RssShmem Threads; do
    echo "$p $k $(awk -v k="$k:" '$1==k{print $2}' "/proc/$AGENT_PID/status")"
  done
  # BENCH_NMT=1 (with SKERRY_JAVA_OPTS=-XX:NativeMemoryTracking=summary): committed KiB per area
  if [[ ${BENCH_NMT:-0} == 1 ]]; then
    jcmd "$AGENT_PID" VM.native_memory summary 2>/dev/null |
      sed -nE 's/^-? *([A-Za-z][A-Za-z ]*[a-z]) \(reserved=[0-9]+KB, committed=([0-9]+)KB\).*/\1 \2/p' |
      awk -v p="$p" '{v=$NF; $NF=""; sub(/ +$/,""); gsub(/ /,"_"); print p" nmt:"$0" "v}'
  fi
}

start_hub
start_agent
echo "start ms $AGENT_START_MS"
wait_online
sleep "$SETTLE"; sample idle0

put_deployment fp "$SKERRY_IT_IMAGE" w01
wait_running 180 w01 || die "w01 not running"
sleep "$SETTLE"; sample idle1

ws=(w01 w02 w03 w04 w05 w06 w07 w08 w09 w10)
put_deployment fp "$SKERRY_IT_IMAGE" "${ws[@]}"
wait_running 240 "${ws[@]}" || die "10 workloads not running"
sleep "$SETTLE"; sample run10

if ((BIG)); then
  put_deployment fp-big "$SKERRY_IT_BIG_IMAGE" big
  wait_running 300 big || die "big image workload not running"
  sleep "$SETTLE"; sample big
fi
