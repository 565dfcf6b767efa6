#!/usr/bin/env bash
# Builds the Windows (win-x64) dscoffload.exe on any machine, for Machine Configuration packages made on
# Linux: Native AOT cannot cross-compile between operating systems, so this is a self-contained,
# trimmed, compressed single-file publish (the same trim analysis as the AOT build; fails on any
# trim warning from project code). Native libraries stay beside the exe, not bundled: MI's native library
# (microsoft.management.infrastructure.native.unmanaged.dll) is loaded from there at the first CIM call,
# as from a Native AOT publish folder, and self-extraction to a temporary folder is avoided. Packages ship
# every such library with the exe. On a Windows build agent, prefer the Native AOT publish:
#   dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -c Release -r win-x64 -o artifacts/win-x64
set -euo pipefail
cd "$(dirname "$0")/.."
log=artifacts/publish-windows.log
mkdir -p artifacts
dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -c Release -r win-x64 --self-contained \
  -p:PublishAot=false -p:PublishSingleFile=true -p:PublishTrimmed=true -p:EnableCompressionInSingleFile=true \
  -o artifacts/win-x64 --nologo -v q >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -E "warning (IL|CS|CA)" "$log" | grep -v "Newtonsoft.Json" | sort -u | grep .; then
  echo "publish produced trim warnings from project code (see above)" >&2
  exit 1
fi
echo "windows binary: artifacts/win-x64/dscoffload.exe ($(du -h artifacts/win-x64/dscoffload.exe | cut -f1)), with $(cd artifacts/win-x64 && ls *.dll | tr '\n' ' ')beside it" >&2
