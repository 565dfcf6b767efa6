#!/usr/bin/env bash
# Benchmarks that print figures (README quotes them). Everything is measured in the same run, so the
# ratios hold even on a shared, noisy machine:
#   1. start-up: `config test` of a one-instance document against one recorded host, native AOT vs JIT;
#   2. fleet: `config test --against` N generated hosts (4 adapters + the global instance each), N = 1,000 and 10,000;
#   3. (root only) `resource test` on a veth interface vs `ethtool -k` (tests/benchmarks/linux-veth.sh).
# Usage: tests/benchmarks/run.sh [runs]   (default 30 runs per start-up measurement)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-30}
command -v hyperfine >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
[ -x artifacts/native/dscoffload ] || bash scripts/publish.sh
if [ ! -f artifacts/jit/dscoffload.dll ]; then
  dotnet publish src/DscOffload.Cli -c Release -p:PublishAot=false -o artifacts/jit --nologo -v q >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
native=artifacts/native/dscoffload
doc=examples/linux-offload-baseline.dsc.yaml
host=examples/snapshots/linux/web-02.dsc.json

# median wall time in ms of a command, over $runs runs after 3 warm-ups; also keeps mean CPU time (user+sys)
wall() { hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1
         python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%.1f' % (r['median']*1000)); open(sys.argv[2],'w').write('%.1f' % ((r['user']+r['system'])*1000))" "$work/h.json" "$work/cpu"; }
# median peak RSS in MB over 10 runs
rss() { for _ in $(seq 10); do /usr/bin/time -f %M sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1; done | sort -n | sed -n 5p | awk '{printf "%.1f", $1/1024}'; }

echo "## start-up: config test, one instance, one recorded host ($runs runs)"
n_cmd="$native config test --file $doc --against $host --format json"
j_cmd="dotnet artifacts/jit/dscoffload.dll config test --file $doc --against $host --format json"
tw=$(wall /bin/true); tc=$(cat "$work/cpu")
nw=$(wall "$n_cmd"); nc=$(cat "$work/cpu"); jw=$(wall "$j_cmd"); jc=$(cat "$work/cpu"); nr=$(rss "$n_cmd"); jr=$(rss "$j_cmd")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf "| build | median wall (ms) | mean CPU user+sys (ms) | peak RSS (MB) |\n|---|---|---|---|\n"
printf "| /bin/true (process start floor) | %s | %s | |\n| native AOT | %s | %s | %s |\n| JIT | %s | %s | %s |\n" "$tw" "$tc" "$nw" "$nc" "$nr" "$jw" "$jc" "$jr"
python3 -c "print('| JIT / native | %.1fx | %.1fx | %.1fx |' % ($jw/$nw, $jc/$nc, $jr/$nr))"

echo
echo "## fleet: config test --against N hosts (4 adapters + global each), native AOT"
printf "| hosts | wall (s) | peak RSS (MB) | hosts/s |\n|---|---|---|---|\n"
declare -A secs
for n in 1000 10000; do
  python3 tests/benchmarks/generate-fleet.py "$n" "$work/fleet$n"
  out=$( { /usr/bin/time -f "%e %M" "$native" config test --file examples/fast-search-ipsec-baseline.dsc.yaml \
           --against "$work/fleet$n" --format json >/dev/null; } 2>&1 | tail -1)
  s=${out% *}; kb=${out#* }; secs[$n]=$s
  python3 -c "print('| %d | %.2f | %.1f | %.0f |' % ($n, $s, $kb/1024, $n/$s))"
done
python3 -c "print('10k/1k time ratio: %.1f (linear = 10)' % (${secs[10000]}/${secs[1000]}))"

if [ "$(id -u)" = 0 ] && [ -f tests/benchmarks/linux-veth.sh ]; then
  echo
  bash tests/benchmarks/linux-veth.sh "$runs"
fi
