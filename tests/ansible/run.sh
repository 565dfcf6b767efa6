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
cleanup() {
  python3 tests/ansible/fleet.py teardown "$run_dir" 2>/dev/null
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
DSCOFFLOAD_FLEET_RUN_DIR="$run_dir" python3 tests/ansible/run_fleet_tests.py
