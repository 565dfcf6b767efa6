#!/usr/bin/env bash
# Runs the PowerShell tests of the DscOffload module (tests/DscOffload.PowerShell.Tests/*.Tests.ps1):
# installs PowerShell 7.6.9 as a local dotnet tool and Pester 6.2.0 from NuGet into artifacts/, publishes
# the native binary when it is missing, then runs Pester. Prints "Pester: N passed, N failed, N skipped";
# exits non-zero on any failure. Namespace (veth) tests need root and skip otherwise, unless
# DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1, which makes them fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=artifacts/tools
packages=artifacts/packages
if ! [ -x "$tools/pwsh" ] || ! "$tools/pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx '7.6.9'; then
  rm -rf "$tools"
  dotnet tool install --tool-path "$tools" PowerShell --version 7.6.9 >/dev/null
fi
pester="$PWD/$packages/pester/6.2.0/tools/Pester.psd1"
[ -f "$pester" ] || dotnet restore tests/DscOffload.PowerShell.Tests/Tools/PesterDownload.csproj --packages "$packages" --nologo -v q >/dev/null
[ -x artifacts/native/dscoffload ] || bash scripts/publish.sh
export DSCOFFLOAD_BINARY="${DSCOFFLOAD_BINARY:-$PWD/artifacts/native/dscoffload}"
export DSCOFFLOAD_PWSH="$PWD/$tools/pwsh"
exec "$tools/pwsh" -NoProfile -NonInteractive -File tests/DscOffload.PowerShell.Tests/Run-Pester.ps1 \
  -PesterPath "$pester" -ResultPath "$PWD/artifacts/pester-results.xml"
