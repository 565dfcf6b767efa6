#!/usr/bin/env bash
# Runs the Ansible fleet tests (tests/ansible/run_fleet_tests.py) and removes the simulated fleet
# (namespaces, bridge, sshd processes) on any exit, also when the runner itself is killed.
# Prints "Ansible fleet: Passed: N, Failed: N, Skipped: N"; exits non-zero when a test failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" = 0 ]; then
  bash tests/ansible/prerequisites.sh || echo "tests/ansible/prerequisites.sh failed; the runner says what is missing" >&2
fi
run_dir=$(mktemp -d /tmp/dscoffload-fleet-XXXXXX)
runner=
cleanup() {
  python3 tests/ansible/fleet.py teardown "$run_dir" 2>/dev/null
  rm -rf "$run_dir"
}
# The runner tears the fleet down itself on SIGTERM; pass signals on, wait for it, then make sure.
forward() {
  [ -n "$runner" ] && kill -TERM "$runner" 2>/dev/null && wait "$runner"
  exit 130
}
trap cleanup EXIT
trap forward INT TERM HUP
DSCOFFLOAD_FLEET_RUN_DIR="$run_dir" python3 tests/ansible/run_fleet_tests.py &
runner=$!
wait "$runner"
