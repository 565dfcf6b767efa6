#!/usr/bin/env bash
# Runs every test: installs prerequisites, publishes the native binary, then runs the whole solution's
# tests with the process-level tests pointed at that native binary. Tests that need root (network
# namespaces, changing offloads of veth interfaces) skip with a reason when not root, and fail instead
# of skipping when DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1 (CI sets it). The Ansible fleet tests
# (tests/ansible/run.sh), the release-package tests (tests/release/run.sh) and the library-package tests
# (tests/library/run.sh: pack, build examples/library-drift against the packages, compare its drift with
# the engine's) run after the others. Ends with one line
# "N passed, N failed, N skipped" over all test assemblies.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/publish.sh
export DSCOFFLOAD_BINARY="$PWD/artifacts/native/dscoffload"
log=artifacts/test.log
status=0
dotnet test DscOffload.sln -c Release --nologo -v q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
bash scripts/pester.sh 2>&1 | tee -a "$log" || status=$?
# Ansible fleet tests (root: namespaces with sshd; they skip with a reason otherwise). Prints
# "Ansible fleet: Passed: N, Failed: N, Skipped: N", which the sum below counts.
bash tests/ansible/run.sh 2>&1 | tee -a "$log" || status=$?
bash tests/release/run.sh 2>&1 | tee -a "$log" || status=$?
bash tests/library/run.sh 2>&1 | tee -a "$log" || status=$?
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit $status
