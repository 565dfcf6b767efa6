#!/usr/bin/env bash
# Tests of the library packages (scripts/pack.sh), run by scripts/test.sh as its own step:
#   - each package carries its assembly, XML documentation, README.md, LICENSE and the nuspec metadata
#     docs/library.md promises, at the version of Directory.Build.props; no other project is packed;
#   - examples/library-drift builds against those packages from a local folder source only (a fresh
#     package cache, DscOffload.* mapped to that folder alone), and what it prints for the bundled
#     documents and snapshots is the drift the engine reports for them (`dscoffload config test -o json
#     --against`, read by tests/library/expected-drift.jq), with the same exit status;
#   - bad input gives one error line and exit code 2.
# The engine is DSCOFFLOAD_BINARY when set (scripts/test.sh sets the native binary), else a Release build of
# src/DscOffload.Cli. DSCOFFLOAD_PACKAGES_DIR names a folder of packages already packed (skips packing).
# An argument runs only the tests whose names match it (an extended regular expression).
# Ends with "Library package tests: Passed: N, Failed: N, Skipped: N"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
here="$repo/tests/library"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
packages=(DscOffload.Core DscOffload.Linux DscOffload.Windows DscOffload.Reporting)

summary_fail() { echo "Library package tests: $*"; echo "Library package tests: Passed: 0, Failed: 1, Skipped: 0"; exit 1; }
for tool in jq unzip dotnet; do
  command -v "$tool" >/dev/null || summary_fail "$tool is required"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

feed="${DSCOFFLOAD_PACKAGES_DIR:-}"
if [ -z "$feed" ]; then
  feed="$work/feed"
  bash scripts/pack.sh "$feed" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; summary_fail "packing failed"; }
fi
feed="$(cd "$feed" && pwd)"

if [ -n "${DSCOFFLOAD_BINARY:-}" ]; then
  engine=("$DSCOFFLOAD_BINARY")
else
  dotnet build src/DscOffload.Cli/DscOffload.Cli.csproj -c Release --nologo -v q >"$work/cli.log" 2>&1 \
    || { cat "$work/cli.log"; summary_fail "building the engine failed"; }
  engine=(dotnet "$repo/src/DscOffload.Cli/bin/Release/net10.0/dscoffload.dll")
fi

# The sample's package sources: the local folder, serving DscOffload.* and nothing else, plus this machine's
# enabled sources for the third-party dependencies. The package cache is new, so no package packed earlier
# (same id and version, other bytes) can be taken instead.
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration><packageSources><clear />'
  echo "<add key=\"dscoffload-local\" value=\"$feed\" />"
  n=0
  for source in $(dotnet nuget list source --format short | awk '$1 ~ /^E/ {print $2}'); do
    n=$((n + 1)); echo "<add key=\"upstream-$n\" value=\"$source\" />"
  done
  echo '</packageSources><packageSourceMapping>'
  echo '<packageSource key="dscoffload-local"><package pattern="DscOffload.*" /></packageSource>'
  for i in $(seq 1 "$n"); do echo "<packageSource key=\"upstream-$i\"><package pattern=\"*\" /></packageSource>"; done
  echo '</packageSourceMapping></configuration>'
} >"$work/nuget.config"
export NUGET_PACKAGES="$work/nuget-packages"

passed=0; failed=0; skipped=0

# run (one test function; 77 = skipped) and fail.
source "$repo/tests/shell/harness.sh"

library_packs_exactly_the_four_libraries() {
  local found; found="$(cd "$feed" && ls -- *.nupkg | LC_ALL=C sort | tr '\n' ' ')"
  local expected=""; for id in $(printf '%s\n' "${packages[@]}" | LC_ALL=C sort); do expected+="$id.$version.nupkg "; done
  [ "$found" = "$expected" ] || fail "packed: $found; expected: $expected"
}

library_packages_carry_documentation_readme_licence_and_metadata() {
  local id nupkg nuspec
  for id in "${packages[@]}"; do
    nupkg="$feed/$id.$version.nupkg"
    unzip -l "$nupkg" | awk 'NR > 3 {print $4}' >"$work/$id.files"
    for file in "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" README.md LICENSE "$id.nuspec"; do
      grep -qxF "$file" "$work/$id.files" || fail "$id: no $file in the package"
    done
    unzip -p "$nupkg" LICENSE | cmp - LICENSE || fail "$id: LICENSE differs from the repository's"
    unzip -p "$nupkg" README.md | cmp - src/package-readme.md || fail "$id: README.md is not src/package-readme.md"
    # The XML documentation documents the assembly's public types (the build fails on a missing comment).
    unzip -p "$nupkg" "lib/net10.0/$id.xml" >"$work/$id.xml"
    grep -q "<assembly><name>$id</name></assembly>\|<name>$id</name>" "$work/$id.xml" || fail "$id: the XML documentation is not of $id"
    [ "$(grep -c '<member name="T:' "$work/$id.xml")" -gt 5 ] || fail "$id: the XML documentation documents almost no type"
    nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
    # dotnet pack writes each element on one line: read them with sed, no XML tool needed.
    field() { sed -n "s:.*<$1[^>]*>\(.*\)</$1>.*:\1:p" <<<"$nuspec" | head -n 1; }
    [ "$(field id)" = "$id" ] || fail "$id: nuspec id is '$(field id)'"
    [ "$(field version)" = "$version" ] || fail "$id: nuspec version is '$(field version)', Directory.Build.props says $version"
    [ "$(field authors)" = "DscOffload contributors" ] || fail "$id: authors '$(field authors)'"
    grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT licence expression"
    head -n 1 LICENSE | grep -qx 'MIT License' || fail "LICENSE is no longer the MIT licence: change PackageLicenseExpression"
    [ "$(field readme)" = README.md ] || fail "$id: nuspec names no README"
    [ -n "$(field description)" ] || fail "$id: no description"
    field tags | grep -qw dsc || fail "$id: tags lack dsc"
    if [ "$id" != DscOffload.Core ]; then
      grep -q "<dependency id=\"DscOffload.Core\" version=\"$version\"" <<<"$nuspec" || fail "$id: no dependency on DscOffload.Core $version"
    fi
  done
}

build_sample() {
  [ -x "$work/sample/library-drift" ] && return 0
  dotnet restore examples/library-drift/library-drift.csproj --configfile "$work/nuget.config" \
    --artifacts-path "$work/sample-build" -v q >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; fail "restoring the sample failed"; }
  dotnet build examples/library-drift/library-drift.csproj --no-restore -c Release --nologo -v q \
    --artifacts-path "$work/sample-build" -o "$work/sample" >"$work/sample.log" 2>&1 || { cat "$work/sample.log"; fail "building the sample failed"; }
}

library_sample_builds_against_the_packages_from_the_local_folder() {
  build_sample
  local id lower
  for id in "${packages[@]}"; do
    lower="$(tr '[:upper:]' '[:lower:]' <<<"$id")"
    # NuGet records in the cache where each package came from.
    jq -e --arg feed "$feed" '.source == $feed or .source == ($feed + "/")' "$NUGET_PACKAGES/$lower/$version/.nupkg.metadata" >/dev/null \
      || fail "$id came from $(jq -r .source "$NUGET_PACKAGES/$lower/$version/.nupkg.metadata"), not the local folder"
    cmp "$NUGET_PACKAGES/$lower/$version/lib/net10.0/$id.dll" "$work/sample/$id.dll" || fail "the sample's $id.dll is not the packed one"
  done
  # PackageReference only: a project reference would build the sources instead of using the packages.
  ! grep -q ProjectReference examples/library-drift/library-drift.csproj || fail "the sample references a project"
}

# The sample's lines for DOC against every snapshot in DIR equal the engine's drift, and so does its exit status.
same_drift_as_engine() { # document, snapshot directory, name
  build_sample
  local doc="$1" dir="$2" name="$3" code=0 expected_code=0
  "${engine[@]}" config test --file "$doc" --against "$dir" -o json >"$work/$name.envelopes.json" || fail "the engine failed on $doc"
  jq -r -f "$here/expected-drift.jq" "$work/$name.envelopes.json" | LC_ALL=C sort >"$work/$name.expected"
  "$work/sample/library-drift" "$doc" "$dir"/*.json >"$work/$name.actual" || code=$?
  LC_ALL=C sort -o "$work/$name.actual" "$work/$name.actual"
  [ -s "$work/$name.expected" ] || fail "the engine reports no drift for $doc against $dir: the comparison would prove nothing"
  diff -u "$work/$name.expected" "$work/$name.actual" || fail "the sample's drift differs from the engine's (- engine, + sample)"
  jq -e -s '[.[].results[].result.inDesiredState] | all' "$work/$name.envelopes.json" >/dev/null || expected_code=1
  [ "$code" = "$expected_code" ] || fail "the sample exited $code, expected $expected_code"
  echo "$(wc -l <"$work/$name.actual") drift lines, as the engine"
}

library_sample_prints_the_engines_drift_for_recorded_linux_hosts() {
  same_drift_as_engine examples/linux-offload-baseline.dsc.yaml examples/snapshots/linux linux
}

library_sample_prints_the_engines_drift_for_recorded_windows_hosts() {
  same_drift_as_engine examples/fast-search-ipsec-baseline.dsc.yaml examples/snapshots/windows windows
}

library_sample_prints_nothing_and_exits_0_for_a_host_in_desired_state() {
  build_sample
  "${engine[@]}" config test --file examples/linux-offload-baseline.dsc.yaml --against examples/snapshots/linux/web-01.dsc.json -o json \
    | jq -e '.results | all(.result.inDesiredState)' >/dev/null || fail "web-01 is no longer in desired state for the Linux baseline"
  "$work/sample/library-drift" examples/linux-offload-baseline.dsc.yaml examples/snapshots/linux/web-01.dsc.json >"$work/web-01.out" \
    || fail "the sample exited $? for a host in desired state"
  [ ! -s "$work/web-01.out" ] || fail "the sample printed drift for a host in desired state: $(cat "$work/web-01.out")"
}

library_sample_reports_a_bad_document_in_one_line_with_exit_code_2() {
  build_sample
  printf '$schema: https://aka.ms/dsc/schemas/v3/bundled/config/document.json\nresources:\n- name: x\n  type: DscOffload.Linux/NetAdapterOffload\n  properties: {name: eth0, features: {rx: maybe}}\n' >"$work/bad.dsc.yaml"
  local code=0
  "$work/sample/library-drift" "$work/bad.dsc.yaml" examples/snapshots/linux/web-01.dsc.json >"$work/bad.out" 2>"$work/bad.err" || code=$?
  [ "$code" = 2 ] || fail "exit code $code, expected 2"
  [ "$(wc -l <"$work/bad.err")" = 1 ] || fail "expected one error line: $(cat "$work/bad.err")"
  grep -q "^library-drift: error: $work/bad.dsc.yaml:5:" "$work/bad.err" || fail "the error names no file:line:column: $(cat "$work/bad.err")"
}

echo "Library package tests ($version, $feed):"
for name in $(declare -F | awk '{print $3}' | grep '^library_' | grep -E -- "${1:-.}" | sort); do
  run "$name"
done
echo "Library package tests: Passed: $passed, Failed: $failed, Skipped: $skipped"
[ $failed = 0 ]
