#!/usr/bin/env bash
# Builds (once; cached) a sysroot of Debian 11 "bullseye" (glibc 2.31) for linking the Native AOT binary against
# an older C library than the build machine's, and prints the msbuild flags that use it:
#   -p:SysRoot=DIR (ILCompiler passes clang --sysroot=DIR), and the glibc-compat object and targets that bind
#   log and pow to their original symbol versions.
# With those the binary needs glibc 2.28 (statx), so it starts on the RHEL 8 family, Debian 10/11 and Ubuntu 20.04.
# The sysroot holds only the C/C++ development files the link needs (libc6, libc6-dev, libgcc, libstdc++,
# linux-libc-dev, libcrypt, zlib), downloaded with apt-get from the Debian archive and unpacked with dpkg-deb;
# nothing is installed on this machine. Debian 10 is no longer on the archive's main mirror, hence 11.
#
# usage: scripts/release/glibc-sysroot.sh [CACHE_DIR]   (default artifacts/sysroot)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
cache="${1:-artifacts/sysroot}"
arch="$(dpkg --print-architecture)"
suite=bullseye
packages=(libc6 libc6-dev libgcc-10-dev libgcc-s1 libstdc++-10-dev libstdc++6 linux-libc-dev libcrypt1 libcrypt-dev zlib1g zlib1g-dev)
root="$cache/debian-$suite-$arch"
stamp="$root/.complete"
mkdir -p "$cache" && cache="$(cd "$cache" && pwd)" && root="$cache/debian-$suite-$arch" && stamp="$root/.complete"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${packages[*]}" ]; then
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "glibc-sysroot: apt-get and dpkg-deb are required" >&2; exit 1; }
  [ -f "$keyring" ] || { echo "glibc-sysroot: $keyring is missing (apt-get install debian-archive-keyring)" >&2; exit 1; }
  apt_dir="$cache/apt-$suite-$arch"
  rm -rf "$root" "$apt_dir"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs" "$root"
  echo "deb [arch=$arch signed-by=$keyring] http://deb.debian.org/debian $suite main" >"$apt_dir/sources.list"
  apt=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
       -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o Dir::State::Status=/dev/null
       -o APT::Sandbox::User=root)
  echo "glibc-sysroot: downloading Debian $suite ($arch) libraries" >&2
  apt-get "${apt[@]}" -qq update >&2
  (cd "$apt_dir/debs" && apt-get "${apt[@]}" -qq download "${packages[@]}" >&2)
  for deb in "$apt_dir/debs"/*.deb; do dpkg-deb -x "$deb" "$root"; done
  # Absolute symbolic links (libpthread.so -> /lib/...) would point into this machine's root: make them relative.
  find "$root" -type l -lname '/*' | while read -r link; do
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$(readlink "$link")")" "$link"
  done
  rm -rf "$apt_dir"
  echo "${packages[*]}" >"$stamp"
fi
object="$root/glibc-compat.o"
if [ ! -f "$object" ] || [ "$repo/scripts/release/glibc-compat.c" -nt "$object" ]; then
  clang --sysroot="$root" -O2 -fPIC -c "$repo/scripts/release/glibc-compat.c" -o "$object"
fi
echo "-p:SysRoot=$root -p:GlibcCompatObject=$object -p:CustomAfterMicrosoftCommonTargets=$repo/scripts/release/glibc-compat.targets"
