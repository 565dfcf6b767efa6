#!/usr/bin/env bash
# Checks that two builds print the same fleet output, byte for byte once timestamps and durations are blanked: the
# guard for work on the speed of fleet runs, which must not change a byte. Runs `config test --against` over N recorded
# hosts (generate-recorded-fleet.py) with each binary, for each format given, and compares.
# Usage: tests/benchmarks/fleet-output-same.sh BASELINE-BINARY [N] [format ...]   (default: 1000 hosts; json table junit sarif)
# Environment: DSCOFFLOAD_BINARY, the build under test (default artifacts/native/dscoffload).
set -euo pipefail
cd "$(dirname "$0")/../.."
baseline=${1:?usage: fleet-output-same.sh BASELINE-BINARY [N] [format ...]}
hosts=${2:-1000}
shift $(( $# < 2 ? $# : 2 ))
formats=("$@")
[ $# -gt 0 ] || formats=(json table junit sarif)
binary=${DSCOFFLOAD_BINARY:-artifacts/native/dscoffload}
doc=examples/fast-search-ipsec-baseline.dsc.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tests/benchmarks/generate-recorded-fleet.py "$hosts" "$work/fleet"

# Timestamps (ISO 8601 with a time zone), durations (PT…S) and the JUnit/SARIF time attributes differ run to run.
blank() { sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+([+-][0-9]{2}:[0-9]{2}|Z)/<time>/g' \
                 -e 's/PT[0-9.]+S/<duration>/g' -e 's/time="[0-9.]+"/time="<t>"/g' \
                 -e 's/timestamp="[^"]*"/timestamp="<t>"/g'; }

status=0
for format in "${formats[@]}"; do
  for which in baseline binary; do
    set +e
    "${!which}" config test --file "$doc" --against "$work/fleet" --format "$format" >"$work/$which.out" 2>"$work/$which.err"
    echo $? >"$work/$which.rc"
    set -e
    blank <"$work/$which.out" >"$work/$which.blank"
  done

  if cmp -s "$work/baseline.blank" "$work/binary.blank" && cmp -s "$work/baseline.rc" "$work/binary.rc" && cmp -s "$work/baseline.err" "$work/binary.err"; then
    echo "same: --format $format, $hosts hosts ($(wc -c <"$work/binary.out") bytes, exit $(cat "$work/binary.rc"))"
  else
    echo "DIFFERENT: --format $format, $hosts hosts (exit $(cat "$work/baseline.rc") vs $(cat "$work/binary.rc"))"
    diff <(tr ',' '\n' <"$work/baseline.blank") <(tr ',' '\n' <"$work/binary.blank") | head -20 || true
    diff "$work/baseline.err" "$work/binary.err" | head -5 || true
    status=1
  fi
done
exit $status
