#!/usr/bin/env bash
# Start-up benchmark of the DSC resource protocol path on a live Linux interface, against its floors, in one run:
#   floor      tests/benchmarks/startup/EthtoolFloor: a minimal Native AOT program doing the same ioctl work
#              (interfaces with flags and permanent addresses; feature names, features and channels of eth0)
#   hello      the same program without an interface: the runtime's own start, print, exit
#   ethtool    ethtool -k eth0
#   test       dscoffload resource test --type DscOffload.Linux/NetAdapterOffload --input '{"name":"eth0",...}'
#              (the argv dsc uses, from schemas/dscoffload.dsc.manifests.json)
#   version    dscoffload --version
# With BASELINE_BINARY set, the same two dscoffload commands of that binary too (test-base, version-base), for
# before/after figures from the same run.
# Every command runs inside a private network namespace with its own veth pair (eth0/peer0, 4 queues), which the
# script creates and deletes (also on failure); the measuring loop itself runs in the namespace, so no `ip netns
# exec` is inside any timing. Rounds are interleaved in random order (tests/benchmarks/startup/measure.py) and
# medians are printed with the ratios; the exit code is 1 when a target is not met:
#   test / floor <= 1.3, test / ethtool <= 2 (median wall), peak RSS of test <= 15 MB.
# Needs root. Environment: DSCOFFLOAD_BINARY (default artifacts/native/dscoffload, published when missing),
# BASELINE_BINARY, ROUNDS (default 200), WARMUP (default 10).
set -euo pipefail
cd "$(dirname "$0")/../../.."

[ "$(id -u)" = 0 ] || { echo "startup/run.sh needs root (it creates a network namespace and a veth pair)" >&2; exit 1; }
rounds=${ROUNDS:-200}
warmup=${WARMUP:-10}

bash scripts/prerequisites.sh   # ethtool, iproute2, python3, GNU time (and the build's own needs)

binary=${DSCOFFLOAD_BINARY:-$PWD/artifacts/native/dscoffload}
[ -x "$binary" ] || { bash scripts/publish.sh; binary=$PWD/artifacts/native/dscoffload; }
floor=$PWD/artifacts/bench/floor/ethtool-floor
floor_src=tests/benchmarks/startup/EthtoolFloor
if [ ! -x "$floor" ] || [ -n "$(find "$floor_src" -newer "$floor" -name '*.cs*' -print -quit)" ]; then
  rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  dotnet publish "$floor_src/EthtoolFloor.csproj" -c Release -r "$rid" -o artifacts/bench/floor --nologo -v q >&2
fi

ns="dscoffload-startup-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
ip netns add "$ns"
ip -n "$ns" link add eth0 numtxqueues 4 numrxqueues 4 type veth peer name peer0 numtxqueues 4 numrxqueues 4

input='{"name":"eth0","features":{"gro":false,"tx-checksum-ip-generic":true},"channels":{"rx":4}}'
json() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }
commands=(
  "floor=$(json "$floor" eth0)"
  "hello=$(json "$floor")"
  "ethtool=$(json "$(command -v ethtool)" -k eth0)"
  "test=$(json "$binary" resource test --type DscOffload.Linux/NetAdapterOffload --input "$input")"
  "version=$(json "$binary" --version)"
)
checks=(test)
if [ -n "${BASELINE_BINARY:-}" ]; then
  commands+=("test-base=$(json "$BASELINE_BINARY" resource test --type DscOffload.Linux/NetAdapterOffload --input "$input")"
             "version-base=$(json "$BASELINE_BINARY" --version)")
  checks+=(test-base)
fi

# Every command must work (and dscoffload must find eth0 in its desired state) before it is timed.
for c in "${checks[@]}"; do
  argv=$(printf '%s\n' "${commands[@]}" | sed -n "s/^$c=//p")
  out=$(ip netns exec "$ns" python3 -c 'import json,subprocess,sys; sys.stdout.write(subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True, check=True).stdout)' "$argv")
  grep -q '"_inDesiredState":true' <<<"$out" || { echo "unexpected output of $c: $out" >&2; exit 1; }
done
ip netns exec "$ns" "$floor" eth0 | grep -q '"rx-gro":false' || { echo "unexpected output of the floor program" >&2; exit 1; }

echo "## start-up on a veth: $(uname -r), binary $(du -h "$binary" | cut -f1), floor program $(du -h "$floor" | cut -f1)"
ratios=("test/floor<=1.3" "test/ethtool<=2" "floor/ethtool" "hello/ethtool" "version/hello")
[ -n "${BASELINE_BINARY:-}" ] && ratios+=("test/test-base" "version/version-base" "test-base/floor" "test-base/ethtool")
RSS_LIMIT_MB=15 RSS_CHECK=test ip netns exec "$ns" python3 tests/benchmarks/startup/measure.py "$rounds" "$warmup" \
  "${commands[@]}" -- "${ratios[@]}"
