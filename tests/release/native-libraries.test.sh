# The native libraries each binary loads from its own folder at run time, in every package that carries a
# binary. Sourced by run.sh: $repo, $release, $version, $work, fail.
#
# What a binary needs is not listed here: it is read from a restore of the executable's project, as the
# native assets its NuGet packages bring for the runtime ID (each package's runtimes/RID/native folder,
# which is what a publish puts beside the executable; on Windows MI's native library, on Linux none,
# since Native AOT links everything into the binary).

# File names of the native assets of src/DscOffload.Cli's packages for a runtime ID, one a line, sorted.
native_assets() { # rid
  local assets="$work/restore/obj/DscOffload.Cli/project.assets.json"
  if [ ! -f "$assets" ]; then
    dotnet restore "$repo/src/DscOffload.Cli/DscOffload.Cli.csproj" --artifacts-path "$work/restore" --nologo -v q >"$work/restore.log" 2>&1 \
      || { cat "$work/restore.log"; fail "restoring src/DscOffload.Cli to read its native assets failed"; }
  fi
  jq -r --arg rid "$1" '.targets["net10.0"][] | (.runtimeTargets // {}) | to_entries[]
    | select(.value.assetType == "native" and .value.rid == $rid) | .key | split("/") | last' "$assets" | LC_ALL=C sort -u
}

# Fails unless the listing (one path a line) holds every native asset of the rid in the binary's folder.
expect_libraries_beside() { # package name, rid, binary path inside the package, listing file
  local folder; folder="$(dirname "$3")"
  local library
  for library in $(native_assets "$2"); do
    grep -qxF "$folder/$library" "$4" || fail "$1 lacks $folder/$library beside $3 (the $2 binary loads it at run time)"
  done
}

release_windows_native_libraries_are_known() {
  # The check below is only worth something if the list it checks against is not empty on Windows.
  [ -n "$(native_assets win-x64)" ] || fail "no native asset found for win-x64; the restore did not give MI's runtime package"
  native_assets win-x64 | grep -qx 'microsoft.management.infrastructure.native.unmanaged.dll' || fail "MI's native library is not among the win-x64 native assets"
}

release_every_package_carries_the_native_libraries_beside_the_binary() {
  local archive rid name
  for archive in "$release"/dscoffload-"$version"-*.zip "$release"/dscoffload-"$version"-*.tar.gz; do
    [ -f "$archive" ] || continue
    name="$(basename "$archive")"; rid="${name#dscoffload-$version-}"; rid="${rid%.zip}"; rid="${rid%.tar.gz}"
    if [[ "$archive" == *.zip ]]; then unzip -Z1 "$archive"; else tar -tzf "$archive"; fi >"$work/list"
    local exe=dscoffload; [[ "$rid" == win-* ]] && exe=dscoffload.exe
    expect_libraries_beside "$name" "$rid" "dscoffload-$version-$rid/$exe" "$work/list"
  done
  for archive in "$release"/dscoffload.linux-*.nupkg "$release"/dscoffload.win-*.nupkg; do
    [ -f "$archive" ] || continue
    name="$(basename "$archive")"; rid="${name#dscoffload.}"; rid="${rid%%.*}"
    unzip -Z1 "$archive" >"$work/list"
    local exe=dscoffload; [[ "$rid" == win-* ]] && exe=dscoffload.exe
    expect_libraries_beside "$name" "$rid" "tools/any/$rid/$exe" "$work/list"
  done
  for archive in "$release"/dscoffload_"$version"_*.deb; do
    [ -f "$archive" ] || continue
    dpkg-deb -c "$archive" | awk '{print $6}' | sed 's:^\./:/:' >"$work/list"
    local binary; binary="$(grep -E '/dscoffload$' "$work/list" | grep -v '/$' | grep -E 'bin/|lib/' | head -n 1)"
    [ -n "$binary" ] || fail "$(basename "$archive") holds no dscoffload binary"
    expect_libraries_beside "$(basename "$archive")" "linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" "$binary" "$work/list"
  done
}

release_machine_configuration_package_from_the_windows_archive_carries_the_native_libraries() {
  # The documented way to build a Windows package on Linux: unpack the win-x64 archive, pass its exe.
  local archive="$release/dscoffload-$version-win-x64.zip"
  [ -f "$archive" ] || fail "missing $(basename "$archive")"
  mkdir -p "$work/win" "$work/host"
  unzip -q "$archive" -d "$work/win"
  local host_rid; host_rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  tar -xzf "$release/dscoffload-$version-$host_rid.tar.gz" -C "$work/host"
  "$work/host/dscoffload-$version-$host_rid/dscoffload" package machine-configuration \
    --file "$repo/examples/fast-search-ipsec-baseline.dsc.yaml" --name NativeCheck --type Audit --platform windows \
    --binary "$work/win/dscoffload-$version-win-x64/dscoffload.exe" --output "$work/mc" >/dev/null
  unzip -Z1 "$work/mc/NativeCheck.zip" >"$work/list"
  expect_libraries_beside NativeCheck.zip win-x64 "Modules/DscOffload/bin/win-x64/dscoffload.exe" "$work/list"
  # And the PowerShell module written with that binary.
  "$work/host/dscoffload-$version-$host_rid/dscoffload" package powershell-module --platform windows \
    --binary "$work/win/dscoffload-$version-win-x64/dscoffload.exe" --output "$work/module" 2>/dev/null
  (cd "$work/module" && find . -type f | sed 's:^\./::') >"$work/list"
  expect_libraries_beside "the PowerShell module" win-x64 "DscOffload/bin/win-x64/dscoffload.exe" "$work/list"
}
