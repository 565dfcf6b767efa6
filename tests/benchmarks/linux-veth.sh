#!/usr/bin/env bash
# Benchmark of the native dscoffload on a live Linux interface, next to the ethtool program, in the same run:
#   dscoffload resource test --type DscOffload.Linux/NetAdapterOffload --input '{"name":"eth0","features":{"gro":false}}'
#   ethtool -k eth0
# both inside a private network namespace with its own veth pair (eth0/peer0, 4 queues), which the script
# creates and deletes; no other interface is touched. Both commands run through `ip netns exec`, so its cost
# is in both figures (it is also measured alone, as `true`).
# Prints median wall time (hyperfine when installed, else a timed loop), mean CPU time (user + system, from
# hyperfine; unlike wall time it does not grow when other work competes for the CPUs), peak RSS (GNU time %M
# over RSS_RUNS runs: median and max), the ratio dscoffload/ethtool, and whether the target holds (within 3x
# of ethtool -k and under 15 ms, on median wall time).
# Needs root. Environment: DSCOFFLOAD_BINARY (default artifacts/native/dscoffload, published when missing),
# RUNS (timed runs per command, default 100), RSS_RUNS (default 20).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "$(id -u)" = 0 ] || { echo "linux-veth.sh needs root (it creates a network namespace and a veth pair)" >&2; exit 1; }
runs=${RUNS:-100}
rss_runs=${RSS_RUNS:-20}

bash scripts/prerequisites.sh   # ethtool, iproute2, GNU time (and the build's own needs)
command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; } ||
  echo "hyperfine is not available; timing with a loop instead" >&2

binary=${DSCOFFLOAD_BINARY:-$PWD/artifacts/native/dscoffload}
[ -x "$binary" ] || { bash scripts/publish.sh; binary=$PWD/artifacts/native/dscoffload; }
ethtool=$(command -v ethtool)

ns="dscoffload-bench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link add eth0 numtxqueues 4 numrxqueues 4 type veth peer name peer0 numtxqueues 4 numrxqueues 4

input='{"name":"eth0","features":{"gro":false}}'
dsc=(ip netns exec "$ns" "$binary" resource test --type DscOffload.Linux/NetAdapterOffload --input "$input")
eth=(ip netns exec "$ns" "$ethtool" -k eth0)
nop=(ip netns exec "$ns" true)

# Both must work before they are timed.
"${dsc[@]}" >"$work/out" 2>&1 || { cat "$work/out" >&2; echo "dscoffload resource test failed" >&2; exit 1; }
grep -q '"_inDesiredState":true' "$work/out" || { cat "$work/out" >&2; echo "unexpected dscoffload output" >&2; exit 1; }
"${eth[@]}" >/dev/null

# "median-wall-ms cpu-ms" per command line, each given as one quoted string (hyperfine -N takes such strings).
timings() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 10 --runs "$runs" --style none --export-json "$work/h.json" "$@" >/dev/null 2>&1
    paste -d' ' \
      <(grep -o '"median": *[0-9.e+-]*' "$work/h.json" | sed 's/.*: *//') \
      <(grep -o '"user": *[0-9.e+-]*' "$work/h.json" | sed 's/.*: *//') \
      <(grep -o '"system": *[0-9.e+-]*' "$work/h.json" | sed 's/.*: *//') |
      awk '{ printf "%.2f %.2f\n", $1 * 1000, ($2 + $3) * 1000 }'
  else
    for c in "$@"; do
      local times=()
      for _ in $(seq 1 10); do eval "$c" >/dev/null 2>&1; done
      for _ in $(seq 1 "$runs"); do
        local s e
        s=$(date +%s%N); eval "$c" >/dev/null 2>&1; e=$(date +%s%N)
        times+=($(( (e - s) / 1000 )))
      done
      printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f n/a\n", m / 1000 }'
    done
  fi
}

# Peak RSS in MB over rss_runs runs: "median max".
rss_mb() {
  local kb=()
  for _ in $(seq 1 "$rss_runs"); do
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1
    kb+=("$(tail -n1 "$work/rss")")
  done
  printf '%s\n' "${kb[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f %.1f\n", m / 1024, a[NR] / 1024 }'
}

q() { printf '%q ' "$@"; }
mapfile -t timed < <(timings "$(q "${dsc[@]}")" "$(q "${eth[@]}")" "$(q "${nop[@]}")")
read -r dsc_rss_med dsc_rss_max < <(rss_mb "${dsc[@]}")
read -r eth_rss_med eth_rss_max < <(rss_mb "${eth[@]}")

read -r dsc_ms dsc_cpu <<<"${timed[0]}"
read -r eth_ms eth_cpu <<<"${timed[1]}"
read -r nop_ms nop_cpu <<<"${timed[2]}"
ratio=$(awk -v a="$dsc_ms" -v b="$eth_ms" 'BEGIN { printf "%.2f", a / b }')
cpu_ratio=$(awk -v a="$dsc_cpu" -v b="$eth_cpu" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }')
meets=$(awk -v a="$dsc_ms" -v r="$ratio" 'BEGIN { print (a < 15 && r <= 3) ? "yes" : "no" }')
tool=$(command -v hyperfine >/dev/null 2>&1 && echo "hyperfine, $runs runs" || echo "timed loop, $runs runs")

echo "Linux veth benchmark ($(uname -r), $(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg); wall: median, $tool; RSS: $rss_runs runs)"
printf '%-46s %8s %8s %12s %12s\n' "command (each via ip netns exec)" "wall ms" "CPU ms" "RSS MB med" "RSS MB max"
printf '%-46s %8s %8s %12s %12s\n' "dscoffload resource test (native, gro:false)" "$dsc_ms" "$dsc_cpu" "$dsc_rss_med" "$dsc_rss_max"
printf '%-46s %8s %8s %12s %12s\n' "ethtool -k eth0" "$eth_ms" "$eth_cpu" "$eth_rss_med" "$eth_rss_max"
printf '%-46s %8s %8s\n' "ip netns exec true (overhead in both)" "$nop_ms" "$nop_cpu"
echo "ratio dscoffload / ethtool -k: ${ratio}x wall, ${cpu_ratio}x CPU; target (<= 3x and < 15 ms wall) met: $meets"
