# The .NET tool package, installed from the release folder as a local source. Sourced by run.sh.

release_dotnet_tool_installs_from_the_local_source_and_runs_the_native_binary() {
  command -v dotnet >/dev/null || { echo "no dotnet on this machine"; exit 77; }
  local rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  # Only the release folder as source and a fresh package cache: nothing from another feed or an older run.
  cat >"$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="release" value="$release" /></packageSources></configuration>
CONFIG
  export NUGET_PACKAGES="$work/nuget-packages"
  # --tool-path installs exactly as -g does (same package resolution) without touching this user's tools.
  dotnet tool install dscoffload --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >"$work/tool.log" 2>&1 \
    || { cat "$work/tool.log"; fail "dotnet tool install failed"; }
  [ "$("$work/tools/dscoffload" --version)" = "$version" ] || fail "the installed tool printed '$("$work/tools/dscoffload" --version)'"
  # The command is the native binary of this runtime, byte for byte the one in the archive.
  local installed; installed="$(find "$work/tools/.store" -path "*/tools/any/$rid/dscoffload" -type f | head -n 1)"
  [ -n "$installed" ] || fail "no tools/any/$rid/dscoffload in the tool store"
  [ "$(head -c 4 "$installed" | od -An -c | tr -d ' ')" = '177ELF' ] || fail "$installed is not an ELF binary"
  tar -xzOf "$release/dscoffload-$version-$rid.tar.gz" "dscoffload-$version-$rid/dscoffload" >"$work/archive-binary"
  cmp "$installed" "$work/archive-binary" || fail "the tool's binary differs from the archive's"
  "$work/tools/dscoffload" manifest | jq -e --arg v "$version" '[.resources[].version] | all(. == $v)' >/dev/null \
    || fail "the tool's manifests do not carry $version"
}
