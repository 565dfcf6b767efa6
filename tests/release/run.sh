#!/usr/bin/env bash
# Tests of the release artifacts (scripts/release.sh), run by scripts/test.sh as its own step:
#   - every file matches SHA256SUMS and each archive unpacks to the layout docs/releasing.md documents;
#   - the Debian package installs on this machine, `dscoffload --version` prints the version, a `resource
#     test` works on a veth in a network namespace this script creates and deletes, dsc's discovery rules
#     find the manifests where the package put them, an upgrade keeps the state directory, `dpkg -r`
#     removes every file of the package and purge deletes the state directory;
#   - the .NET tool installs from the local folder source and runs the native binary;
#   - a second build, from a copy of the sources at another path, gives the same bytes.
# Builds the release once (scripts/release.sh into artifacts/release) unless DSCOFFLOAD_RELEASE_DIR names a
# folder that holds one. Tests that need root skip when not root, and fail instead when
# DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1. DSCOFFLOAD_RELEASE_SKIP_REBUILD=1 skips the second build.
# An argument runs only the tests whose names match it (an extended regular expression).
# Ends with "Release tests: Passed: N, Failed: N, Skipped: N"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
here="$repo/tests/release"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"

for tool in jq unzip python3 dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "Release tests: $tool is required (Debian packages jq, unzip, python3, dpkg)"; echo "Release tests: Passed: 0, Failed: 1, Skipped: 0"; exit 1; }
done

release="${DSCOFFLOAD_RELEASE_DIR:-}"
if [ -z "$release" ]; then
  release="$repo/artifacts/release"
  bash scripts/release.sh "$release" || { echo "Release tests: the release build failed"; echo "Release tests: Passed: 0, Failed: 1, Skipped: 0"; exit 1; }
fi
release="$(cd "$release" && pwd)"

passed=0; failed=0; skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# run (one test function in tests/release/*.test.sh; 77 = skipped) and fail.
source "$repo/tests/shell/harness.sh"

# Skips (77) without root, or fails when privileged tests are required.
needs_root() {
  [ "$(id -u)" = 0 ] && return 0
  if [ "${DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS:-}" = 1 ]; then echo "needs root (DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1)"; exit 1; fi
  echo "needs root"; exit 77
}

for file in "$here"/*.test.sh; do
  # shellcheck source=/dev/null
  . "$file"
done

echo "Release tests ($version, $release):"
for name in $(declare -F | awk '{print $3}' | grep '^release_' | grep -E -- "${1:-.}" | sort); do
  run "$name"
done
echo "Release tests: Passed: $passed, Failed: $failed, Skipped: $skipped"
[ $failed = 0 ]
