#!/usr/bin/env bash
# Builds every release artifact of dscoffload into one folder (default artifacts/release), reproducibly:
# the same sources and SOURCE_DATE_EPOCH (default: the last commit's time) give the same bytes.
#
#   dscoffload-VERSION-linux-x64.tar.gz   Native AOT binary (linked against Debian 11's glibc: needs 2.28), dsc manifests, LICENSE, README.txt
#   dscoffload-VERSION-linux-arm64.tar.gz only where this machine can build it (see below)
#   dscoffload-VERSION-win-x64.zip        self-contained single-file dscoffload.exe (as publish-windows.sh) and the
#                                         native libraries it loads from its folder (MI's), manifests, LICENSE, README.txt
#   dscoffload-VERSION-win-arm64.zip      only where the package sources serve the win-arm64 runtime packs
#   dscoffload_VERSION_ARCH.deb           Debian package of the Linux binary for this machine's architecture
#   dscoffload.VERSION.nupkg              .NET tool (dotnet tool install -g dscoffload --add-source DIR)
#   dscoffload.RID.VERSION.nupkg          its per-runtime packages, holding the same binaries as the archives
#   SHA256SUMS                            sha256sum -c SHA256SUMS checks all of the above
#
# Native AOT compiles only for the operating system it runs on and, without a cross sysroot, only for its
# own architecture: the other Linux architecture is skipped with the reason printed. Windows binaries are
# built as publish-windows.sh does (trimmed, self-contained single file; the Native AOT build needs a
# Windows agent). Each binary is built once; archives, the Debian package and the tool packages all
# reuse it. The version is <Version> in Directory.Build.props. docs/releasing.md describes the layout.
#
# usage: scripts/release.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
out="${1:-artifacts/release}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)"
[ -n "$version" ] || { echo "release: no <Version> in Directory.Build.props" >&2; exit 1; }
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || true)"
  [ -n "$SOURCE_DATE_EPOCH" ] || { echo "release: set SOURCE_DATE_EPOCH (no git history to take the time from)" >&2; exit 1; }
fi
export SOURCE_DATE_EPOCH
bash scripts/prerequisites.sh
command -v dpkg-deb >/dev/null || { echo "release: dpkg-deb is required for the Debian package (apt-get install dpkg)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "release: python3 is required for the zip archives" >&2; exit 1; }

build="$repo/artifacts/release-build"
rm -rf "$build"
rm -f "$out"/dscoffload[-_.]* "$out"/SHA256SUMS
mkdir -p "$build"
host_arch="$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
host_rid="linux-$host_arch"
# ContinuousIntegrationBuild maps source paths to /_/ so that where the tree is checked out leaves no trace.
# A private artifacts path keeps the build from reusing intermediate files of an earlier ordinary build:
# MSBuild does not recompile when only the path map changes, and such a stale assembly carries the
# checkout's path (hence another module id) into the native binary.
publish_flags=(-c Release --nologo -v q -p:ContinuousIntegrationBuild=true --artifacts-path "$build/msbuild")

publish() { # rid, extra msbuild flags... Returns 1 (after saying why) when the package sources lack its runtime packs.
  local rid="$1"; shift
  local log="$build/publish-$rid.log"
  echo "release: building $rid" >&2
  if ! dotnet publish src/DscOffload.Cli/DscOffload.Cli.csproj -r "$rid" -o "$build/$rid" "${publish_flags[@]}" "$@" >"$log" 2>&1; then
    if grep -q "error NU1101: Unable to find package Microsoft.NETCore.App.Runtime.$rid" "$log"; then
      echo "release: skipped $rid: the package sources do not serve its runtime pack (Microsoft.NETCore.App.Runtime.$rid); build it where they do" >&2
      return 1
    fi
    cat "$log" >&2; echo "release: $rid build failed" >&2; exit 1
  fi
  if grep -E "warning (IL|CS|CA)" "$log" | grep -v "Newtonsoft.Json" | sort -u | grep .; then
    echo "release: the $rid build produced trim/AOT warnings from project code (see above)" >&2
    exit 1
  fi
}

rids=()
for arch in x64 arm64; do
  if [ "$arch" = "$host_arch" ]; then
    # Linked against Debian 11's C library (scripts/release/glibc-sysroot.sh, cached), so the binary needs glibc
    # 2.28, not the build machine's (docs/releasing.md). DSCOFFLOAD_GLIBC_SYSROOT=host links against this machine's.
    sysroot_flags=()
    if [ "${DSCOFFLOAD_GLIBC_SYSROOT:-}" != host ]; then
      read -ra sysroot_flags <<<"$(bash scripts/release/glibc-sysroot.sh "${DSCOFFLOAD_SYSROOT_CACHE:-$repo/artifacts/sysroot}")"
    fi
    publish "linux-$arch" "${sysroot_flags[@]}"
    rids+=("linux-$arch")
  else
    echo "release: skipped linux-$arch: Native AOT does not cross-compile here (that needs a linux-$arch sysroot and linker, which this script does not set up); run this script on a linux-$arch machine for it" >&2
  fi
done
for rid in win-x64 win-arm64; do
  if publish "$rid" --self-contained -p:PublishAot=false -p:PublishSingleFile=true -p:PublishTrimmed=true \
    -p:EnableCompressionInSingleFile=true; then
    rids+=("$rid")
  fi
done

# The manifests come from the binary just built, so they carry the version it was built with.
manifests="$build/manifests"
mkdir -p "$manifests"
"$build/$host_rid/dscoffload" manifest -o "$manifests"
manifest_file="$manifests/dscoffload.dsc.manifests.json"
grep -q "\"version\": \"$version\"" "$manifest_file" || { echo "release: manifests do not carry version $version" >&2; exit 1; }

# The native libraries a binary loads from its own folder at run time: the .dll files its publish left beside
# it (MI's native library on Windows; none on Linux, where Native AOT links everything into the binary).
native_libraries() { # rid
  [[ "$1" == win-* ]] || return 0
  (cd "$build/$1" && ls -1 -- *.dll 2>/dev/null | LC_ALL=C sort) || true
}

stamp_tree() { find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

# Archives: one top-level folder dscoffload-VERSION-RID with the binary, manifests, LICENSE and README.txt.
for rid in "${rids[@]}"; do
  name="dscoffload-$version-$rid"
  stage="$build/stage/$name"
  mkdir -p "$stage"
  exe=dscoffload; [[ "$rid" == win-* ]] && exe=dscoffload.exe
  install -m 0755 "$build/$rid/$exe" "$stage/$exe"
  native_libraries "$rid" | while read -r library; do install -m 0644 "$build/$rid/$library" "$stage/$library"; done
  install -m 0644 "$manifest_file" LICENSE "$stage/"
  sed -e "s/@VERSION@/$version/g" -e "s/@RID@/$rid/g" -e "s/@EXE@/$exe/g" scripts/release/archive-readme.txt >"$stage/README.txt"
  chmod 0644 "$stage/README.txt"
  stamp_tree "$stage"
  if [[ "$rid" == win-* ]]; then
    python3 scripts/release/deterministic-zip.py "$stage" "$out/$name.zip" "$name"
  else
    tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
      -C "$build/stage" -cf - "$name" | gzip -9 -n >"$out/$name.tar.gz"
  fi
done

# Debian package of the host binary.
deb_arch="$(dpkg --print-architecture)"
bash scripts/release/build-deb.sh "$build/$host_rid/dscoffload" "$manifest_file" "$version" "$deb_arch" "$build/deb" \
  "$out/dscoffload_${version}_${deb_arch}.deb"

# .NET tool: a pointer package naming one package per runtime, each holding that runtime's binary (and libraries).
bash scripts/release/build-tool-packages.sh "$version" "$build" "$out" "${rids[@]}"

(cd "$out" && sha256sum -- $(ls | grep -v '^SHA256SUMS$' | LC_ALL=C sort) >SHA256SUMS)
echo "release: $version in $out" >&2
(cd "$out" && ls -l | tail -n +2 >&2)
