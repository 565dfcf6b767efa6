# Archives and checksums. Sourced by run.sh: $release, $version, $work, $SOURCE_DATE_EPOCH, fail.

release_checksums_cover_every_file_and_match() {
  cd "$release"
  sha256sum --quiet -c SHA256SUMS
  local listed present
  listed="$(awk '{print $2}' SHA256SUMS | sort)"
  present="$(ls | grep -v '^SHA256SUMS$' | sort)"
  [ "$listed" = "$present" ] || fail "SHA256SUMS lists [$listed] but the folder holds [$present]"
  # A damaged file must be caught: the check is only worth something if it can fail.
  cp -r "$release" "$work/damaged"
  local victim; victim="$(ls "$work/damaged" | grep -v SHA256SUMS | head -n 1)"
  printf 'x' >>"$work/damaged/$victim"
  if (cd "$work/damaged" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1); then fail "a changed $victim still matched"; fi
}

# The documented layout: one folder dscoffload-VERSION-RID with exactly these four files, plus the native
# libraries the binary loads from its folder (native_assets, in native-libraries.test.sh).
expected_layout() { # rid
  local exe=dscoffload; [[ "$1" == win-* ]] && exe=dscoffload.exe
  { printf '%s\n' "dscoffload-$version-$1/" "dscoffload-$version-$1/LICENSE" "dscoffload-$version-$1/README.txt" \
    "dscoffload-$version-$1/$exe" "dscoffload-$version-$1/dscoffload.dsc.manifests.json"
    native_assets "$1" | sed "s:^:dscoffload-$version-$1/:"; } | sort
}

release_linux_archive_unpacks_to_the_documented_layout_owned_by_root() {
  local archive="$release/dscoffload-$version-linux-x64.tar.gz" rid=linux-x64
  [ "$(uname -m)" = aarch64 ] && { archive="$release/dscoffload-$version-linux-arm64.tar.gz"; rid=linux-arm64; }
  [ -f "$archive" ] || fail "missing $archive"
  diff <(tar -tzf "$archive" | sort) <(expected_layout "$rid")
  # Owner 0, one fixed mtime, the binary executable.
  tar -tvzf "$archive" --numeric-owner | awk '{print $2}' | sort -u | grep -qx '0/0' || fail "entries not owned by 0/0"
  [ "$(tar -tvzf "$archive" --full-time | awk '{print $4" "$5}' | sort -u | wc -l)" = 1 ] || fail "entries have different mtimes"
  mkdir "$work/unpacked" && tar -xzf "$archive" -C "$work/unpacked"
  local dir="$work/unpacked/dscoffload-$version-$rid"
  [ -x "$dir/dscoffload" ] || fail "the binary is not executable"
  [ "$("$dir/dscoffload" --version)" = "$version" ] || fail "--version printed '$("$dir/dscoffload" --version)', not $version"
  cmp "$dir/LICENSE" LICENSE
  grep -q "dscoffload $version ($rid)" "$dir/README.txt" || fail "README.txt does not name $version and $rid"
}

release_windows_archives_unpack_to_the_documented_layout() {
  # win-x64 always; win-arm64 where the package sources serve its runtime packs (release.sh says when not).
  [ -f "$release/dscoffload-$version-win-x64.zip" ] || fail "missing dscoffload-$version-win-x64.zip"
  for rid in win-x64 win-arm64; do
    local archive="$release/dscoffload-$version-$rid.zip"
    [ -f "$archive" ] || continue
    diff <({ unzip -Z1 "$archive"; echo "dscoffload-$version-$rid/"; } | sort) <(expected_layout "$rid") || fail "$rid layout differs (above)"
    # A Windows PE image for the right machine: 0x8664 is x64, 0xaa64 is arm64.
    unzip -p "$archive" "dscoffload-$version-$rid/dscoffload.exe" >"$work/$rid.exe"
    local machine; machine="$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(4096); o=struct.unpack_from('<I',d,0x3c)[0]; assert d[o:o+4]==b'PE\0\0'; print(hex(struct.unpack_from('<H',d,o+4)[0]))" "$work/$rid.exe")"
    case "$rid" in win-x64) [ "$machine" = 0x8664 ] ;; win-arm64) [ "$machine" = 0xaa64 ] ;; esac || fail "$rid exe is for machine $machine"
  done
}

release_every_manifest_carries_the_product_version() {
  local archive
  for archive in "$release"/dscoffload-"$version"-*.tar.gz "$release"/dscoffload-"$version"-*.zip; do
    local base; base="$(basename "$archive")"; base="${base%.tar.gz}"; base="${base%.zip}"
    if [[ "$archive" == *.zip ]]; then unzip -p "$archive" "$base/dscoffload.dsc.manifests.json"; else tar -xzOf "$archive" "$base/dscoffload.dsc.manifests.json"; fi >"$work/m.json"
    local versions; versions="$(jq -r '.resources[].version' "$work/m.json" | sort -u)"
    [ "$versions" = "$version" ] || fail "$base manifests carry versions [$versions], not $version"
    [ "$(jq '.resources | length' "$work/m.json")" -ge 3 ] || fail "$base manifests declare fewer than 3 resource types"
  done
}
