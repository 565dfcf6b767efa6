#!/usr/bin/env bash
# Packs the DscOffload libraries as NuGet packages (default folder artifacts/packages):
#   DscOffload.Core, DscOffload.Linux, DscOffload.Windows, DscOffload.Reporting, version <Version> of
#   Directory.Build.props, each with its XML documentation, README.md and LICENSE. docs/library.md
#   describes the public API; examples/library-drift is a program that uses them.
#
# usage: scripts/pack.sh [OUTPUT_DIR] [extra dotnet pack arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
shift || true
mkdir -p "$out" && out="$(cd "$out" && pwd)"
for project in Core Linux Windows Reporting; do
  dotnet pack "src/DscOffload.$project/DscOffload.$project.csproj" -c Release --nologo -v q -o "$out" \
    -p:ContinuousIntegrationBuild=true "$@"
done
ls "$out"/DscOffload.*.nupkg
