#!/usr/bin/env bash
# The main job on the bundled example: test the FAST Search / IPsec baseline against the recorded
# Windows hosts and print the drift. Publishes the native binary first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x artifacts/native/dscoffload ] || bash scripts/publish.sh
exec artifacts/native/dscoffload config test --file examples/fast-search-ipsec-baseline.dsc.yaml \
  --against examples/snapshots/windows --format table "$@"
