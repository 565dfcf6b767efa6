#!/usr/bin/env bash
# Publishes the native (Native AOT) dscoffload binary to artifacts/native/ and fails on any trim or
# AOT warning that does not come from Newtonsoft.Json (which reports one summary warning per assembly:
# it is not annotated for trimming, and only its JToken model is used).
#
# --old-glibc links against Debian 11's C library as the release does (scripts/release/glibc-sysroot.sh), so the
# binary needs glibc 2.28 instead of this machine's; without it the build machine's glibc is used.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
log=artifacts/publish.log
mkdir -p artifacts
extra=()
mode=host
if [ "${1:-}" = --old-glibc ]; then
  read -ra extra <<<"$(bash scripts/release/glibc-sysroot.sh)"
  mode=old-glibc
fi
# The link step does not rerun when only the C library changes: drop the linked binary when the mode differs.
if [ "$(cat artifacts/publish.glibc 2>/dev/null || echo host)" != "$mode" ]; then
  rm -f "src/DscOffload.Cli/bin/Release/net10.0/$rid/native/dscoffload"
fi
echo "$mode" >artifacts/publish.glibc
dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -c Release -r "$rid" -o artifacts/native --nologo -v q "${extra[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -E "warning (IL|CS|CA)" "$log" | grep -v "Newtonsoft.Json" | sort -u | grep .; then
  echo "publish produced trim/AOT warnings from project code (see above)" >&2
  exit 1
fi
echo "native binary: artifacts/native/dscoffload ($(du -h artifacts/native/dscoffload | cut -f1))" >&2
