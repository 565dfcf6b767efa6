#!/usr/bin/env bash
# Compares two builds over the same recorded fleet: CPU time (user+sys) and peak RSS, the two binaries run interleaved
# (A B A B ...) so a shared machine's load falls on both alike, medians over the rounds; then checks that their output
# is the same byte for byte once timestamps and durations are blanked (--format json at N hosts, and the formats of
# FORMATS at the first 1,000 files: table, junit and sarif unless given; "all" for every format), and that a small fleet of odd snapshots (a wrong value type, a duplicate key, a cut
# file, a byte order mark, a comment, YAML, an infinite number) gives the same output, stderr and exit code. Exits
# non-zero when anything differs.
# Usage: tests/benchmarks/fleet-compare.sh BASELINE CANDIDATE [N] [rounds]   (default 10000 hosts, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$1 cand=$2 n=${3:-10000} rounds=${4:-3}
[ -x /usr/bin/time ] || { echo "fleet-compare.sh needs /usr/bin/time (GNU time)" >&2; exit 1; }
doc=examples/fast-search-ipsec-baseline.dsc.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/benchmarks/generate-recorded-fleet.py "$n" "$work/fleet"
mkdir -p "$work/small" && cp -r "$work/fleet/000" "$work/small/"

# one run: appends "user+sys peakKB" to $3; output to $4
measure() { /usr/bin/time -o "$work/time" -f "%U %S %M" "$1" config test --file "$doc" --against "$2" --format json >"$4" 2>"$work/err" || true
            [ ! -s "$work/err" ] || { echo "stderr of $1:" >&2; head -5 "$work/err" >&2; exit 1; }
            tail -1 "$work/time" | awk '{ printf "%.2f %d\n", $1 + $2, $3 }' >>"$3"; }
# Timestamps (ISO 8601 with a zone), durations (PT…S) and the JUnit/SARIF time attributes differ from run to run.
blank() { sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+([+-][0-9]{2}:[0-9]{2}|Z)/<time>/g' -e 's/PT[0-9.]+S/<duration>/g' \
                 -e 's/"(duration|startDatetime|endDatetime|recordedAt|startTimeUtc|endTimeUtc)": ?"[^"]*"/"\1":""/g' \
                 -e 's/(time|duration|timestamp)="[^"]*"/\1=""/g' "$1"; }

measure "$base" "$work/fleet" /dev/null /dev/null   # warm the page cache
: >"$work/a"; : >"$work/b"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for _ in $(seq "$rounds"); do
  measure "$base" "$work/fleet" "$work/a" "$work/out.a"
  measure "$cand" "$work/fleet" "$work/b" "$work/out.b"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/a" "$work/b" "$n" <<'PY'
import statistics, sys
n = int(sys.argv[3])
for label, path in (("baseline", sys.argv[1]), ("candidate", sys.argv[2])):
    runs = [l.split() for l in open(path)]
    cpu = statistics.median(float(r[0]) for r in runs)
    print(f"{label}: CPU {', '.join(r[0] for r in runs)} s, median {cpu:.2f} s ({cpu / n * 1000:.3f} ms per host); peak RSS max {max(int(r[1]) for r in runs) / 1024:.1f} MB")
PY

status=0
compare() { if cmp -s <(blank "$1") <(blank "$2"); then echo "same output: $3"; else echo "OUTPUT DIFFERS: $3" >&2; status=1; fi; }
compare "$work/out.a" "$work/out.b" "json, $n hosts"
formats=${FORMATS:-table junit sarif}
[ "$formats" != all ] || formats="json yaml table diff markdown github azure junit sarif"
for format in $formats; do
  "$base" config test --file "$doc" --against "$work/small" --format "$format" >"$work/s.a" 2>/dev/null || true
  "$cand" config test --file "$doc" --against "$work/small" --format "$format" >"$work/s.b" 2>/dev/null || true
  compare "$work/s.a" "$work/s.b" "$format, 1000 hosts"
done

# Odd snapshots: each error must keep its message and file:line:column.
src=examples/snapshots/windows/fast-01.dsc.json odd=$work/odd
mkdir -p "$odd"
sed 's/"host": "fast-01"/"host": "clean"/' "$src" >"$odd/a.dsc.json"
sed 's/"lsoIPv4": false/"lsoIPv4": "maybe"/' "$src" >"$odd/b.dsc.json"
sed '0,/"chimney": "Disabled",/s//"chimney": "Disabled", "chimney": "Enabled",/' "$src" >"$odd/c.dsc.json"
head -c 300 "$src" >"$odd/d.dsc.json"
{ printf '\xef\xbb\xbf'; sed 's/"host": "fast-01"/"host": "bom"/' "$src"; } >"$odd/e.dsc.json"
sed 's/"contentVersion": "1.0.0",/"contentVersion": "1.0.0", \/\/ a comment/; s/"host": "fast-01"/"host": "comment"/' "$src" >"$odd/f.dsc.json"
{ echo "# YAML"; sed 's/"host": "fast-01"/"host": "yaml"/' "$src"; } >"$odd/g.dsc.yaml"
sed 's/"tcpConnectionOffloadIPv4": false/"tcpConnectionOffloadIPv4": 1e400/; s/"host": "fast-01"/"host": "inf"/' "$src" >"$odd/h.dsc.json"
sed 's/"enableRSS": false/"enableRSS": 3/; s/"host": "fast-01"/"host": "tcpip"/' "$src" >"$odd/i.dsc.json"
for side in a b; do
  bin=$base; [ $side = a ] || bin=$cand
  set +e; "$bin" config test --file "$doc" --against "$odd" --format json >"$work/odd.$side" 2>"$work/odderr.$side"; echo "exit $?" >>"$work/odderr.$side"; set -e
done
compare "$work/odd.a" "$work/odd.b" "json of odd snapshots"
if cmp -s "$work/odderr.a" "$work/odderr.b"; then echo "same stderr and exit code: odd snapshots"; else echo "STDERR OR EXIT CODE DIFFERS: odd snapshots" >&2; diff "$work/odderr.a" "$work/odderr.b" >&2 || true; status=1; fi
exit $status
