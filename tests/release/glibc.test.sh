# The C library the Linux binary needs, against what the Debian package and the documentation promise.
# Sourced by run.sh: $repo, $release, $version, $work, fail.
#
# Native AOT links against the build machine's glibc, so the binary needs the newest GLIBC_x.y symbol
# version it references; building on a newer distribution silently raises the minimum. This fails
# when the binary needs more than libc6 (>= X) in the Debian control file and "glibc X" in
# docs/releasing.md, so the documented minimum can only be wrong on the safe side.

newest_glibc() { # ELF file
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1
}

release_linux_binary_needs_no_newer_glibc_than_documented() {
  command -v objdump >/dev/null || fail "objdump is required (Debian package binutils)"
  local arch; arch="$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  local archive="$release/dscoffload-$version-linux-$arch.tar.gz"
  [ -f "$archive" ] || fail "missing $(basename "$archive")"
  tar -xzf "$archive" -C "$work" "dscoffload-$version-linux-$arch/dscoffload"
  local needed; needed="$(newest_glibc "$work/dscoffload-$version-linux-$arch/dscoffload")"
  [ -n "$needed" ] || fail "no GLIBC_ symbol version found in the binary"
  local depends; depends="$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' "$repo/scripts/release/debian/control")"
  local documented; documented="$(grep -o 'needs glibc [0-9.]*' "$repo/docs/releasing.md" | head -n 1 | awk '{print $3}')"
  [ -n "$documented" ] || fail "docs/releasing.md does not say 'needs glibc X.Y'"
  echo "binary needs glibc $needed; Debian package depends on $depends; docs say $documented"
  for promised in "$depends" "$documented"; do
    [ "$(printf '%s\n%s\n' "$needed" "$promised" | sort -V | tail -n 1)" = "$promised" ] \
      || fail "the binary needs glibc $needed, newer than the promised $promised (built on a newer distribution?)"
  done
  [ "$depends" = "$documented" ] || fail "the Debian package depends on glibc $depends but docs/releasing.md says $documented"
}

# The floor the release promises: glibc 2.28, the RHEL 8 family's, reached by linking against Debian 11's C library
# (scripts/release/glibc-sysroot.sh) with log and pow bound to their old versions (scripts/release/glibc-compat.c).
release_linux_binary_needs_at_most_glibc_2_28() {
  command -v objdump >/dev/null || fail "objdump is required (Debian package binutils)"
  local arch; arch="$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  local archive="$release/dscoffload-$version-linux-$arch.tar.gz"
  [ -f "$archive" ] || fail "missing $(basename "$archive")"
  tar -xzf "$archive" -C "$work" "dscoffload-$version-linux-$arch/dscoffload"
  local binary="$work/dscoffload-$version-linux-$arch/dscoffload"
  local needed; needed="$(newest_glibc "$binary")"
  [ -n "$needed" ] || fail "no GLIBC_ symbol version found in the binary"
  echo "binary needs glibc $needed"
  if [ "$(printf '%s\n%s\n' "$needed" 2.28 | sort -V | tail -n 1)" != 2.28 ]; then
    local newer; newer="$(objdump -T "$binary" | awk '/GLIBC_2\.(29|[3-9][0-9])/ {print $NF}' | sort -u | tr '\n' ' ')"
    fail "the binary needs glibc $needed ($newer); the release promises 2.28 (built without the sysroot?)"
  fi
}
