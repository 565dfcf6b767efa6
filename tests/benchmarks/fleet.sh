#!/usr/bin/env bash
# Fleet benchmark: `config test --against DIR` over N recorded hosts (copies of the bundled Windows example
# snapshots, generate-recorded-fleet.py), native AOT. For each N prints the median wall time over the runs, the
# peak RSS (largest over the runs, from /usr/bin/time) and hosts/s, then the growth ratio: time per host at the
# largest N over time per host at the smallest (1.0 = linear). With FORMATS set (e.g. FORMATS=all) it also runs
# each --format once at the largest N, so every format is shown to stream in bounded memory.
# Usage: tests/benchmarks/fleet.sh [runs] [N ...]   (default: 3 runs; 1000 10000 100000)
# Environment: DSCOFFLOAD_BINARY (default artifacts/native/dscoffload), FORMATS (json by default; "all" or a list).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
shift || true
sizes=("$@")
[ $# -gt 0 ] || sizes=(1000 10000 100000)
binary=${DSCOFFLOAD_BINARY:-artifacts/native/dscoffload}
[ -x "$binary" ] || bash scripts/publish.sh
[ -x /usr/bin/time ] || { echo "fleet.sh needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 1; }
doc=examples/fast-search-ipsec-baseline.dsc.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# one run: prints "wall-seconds peakKB user-seconds system-seconds"; output to /dev/null (not a terminal, so no progress line either)
measure() { /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$binary" config test --file "$doc" --against "$1" --format "$2" >/dev/null 2>"$work/err"
            [ ! -s "$work/err" ] || { echo "stderr of the run:" >&2; head -5 "$work/err" >&2; exit 1; }
            tail -1 "$work/time"; }

echo "## fleet: config test --against N recorded hosts, --format json, native AOT ($runs runs each)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall time grows with load, CPU time hardly)"
printf "| hosts | median wall (s) | median CPU user+sys (s) | peak RSS (MB) | hosts/s (wall) | hosts per CPU-second |\n|---|---|---|---|---|---|\n"
declare -A per_host per_cpu
for n in "${sizes[@]}"; do
  python3 tests/benchmarks/generate-recorded-fleet.py "$n" "$work/fleet$n"
  measure "$work/fleet$n" json >/dev/null   # warm the page cache: the figures are the program's, not the disk's
  : >"$work/runs"
  for _ in $(seq "$runs"); do measure "$work/fleet$n" json >>"$work/runs"; done
  read -r s cpu kb < <(python3 -c "import statistics,sys; r=[l.split() for l in open(sys.argv[1])]; print(statistics.median(float(x[0]) for x in r), statistics.median(float(x[2])+float(x[3]) for x in r), max(int(x[1]) for x in r))" "$work/runs")
  per_host[$n]=$(python3 -c "print($s/$n)"); per_cpu[$n]=$(python3 -c "print($cpu/$n)")
  python3 -c "print('| %d | %.2f | %.2f | %.1f | %.0f | %.0f |' % ($n, $s, $cpu, $kb/1024, $n/max($s, 0.01), $n/max($cpu, 0.01)))"
done
first=${sizes[0]}; last=${sizes[${#sizes[@]}-1]}
python3 -c "print('growth: wall time per host at %d / at %d = %.2f, CPU time per host %.2f (1.0 = linear)' % ($last, $first, ${per_host[$last]}/${per_host[$first]}, ${per_cpu[$last]}/${per_cpu[$first]}))"

formats=${FORMATS:-}
[ "$formats" != all ] || formats="json yaml table diff markdown github azure junit sarif"
if [ -n "$formats" ]; then
  echo
  echo "## each --format once at $last hosts"
  printf "| format | wall (s) | CPU user+sys (s) | peak RSS (MB) | hosts/s (wall) |\n|---|---|---|---|---|\n"
  for f in $formats; do
    read -r s kb user sys < <(measure "$work/fleet$last" "$f")
    python3 -c "print('| %s | %.2f | %.2f | %.1f | %.0f |' % ('$f', $s, $user+$sys, $kb/1024, $last/max($s, 0.01)))"
  done
fi
