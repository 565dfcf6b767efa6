# Reproducibility. Sourced by run.sh.

# Clones the repository to another path, lays the working tree's files over it (tracked and new ones, not
# ignored ones: no bin/, obj/ or artifacts/, so nothing built is shared) and builds the release there; every
# artifact must have the same bytes.
release_a_second_build_from_a_copy_elsewhere_gives_the_same_bytes() {
  if [ "${DSCOFFLOAD_RELEASE_SKIP_REBUILD:-}" = 1 ]; then echo "DSCOFFLOAD_RELEASE_SKIP_REBUILD=1"; exit 77; fi
  # The same SOURCE_DATE_EPOCH as the first build, read back from its archive (it may come from an older commit).
  local linux_archive; linux_archive="$(ls "$release"/dscoffload-"$version"-linux-*.tar.gz | head -n 1)"
  SOURCE_DATE_EPOCH="$(python3 -c 'import sys, tarfile; print(tarfile.open(sys.argv[1]).getmembers()[0].mtime)' "$linux_archive")"
  export SOURCE_DATE_EPOCH
  local copy="$work/elsewhere/dscoffload-src"
  mkdir -p "$work/elsewhere"
  git clone -q "$repo" "$copy"
  (cd "$repo" && git ls-files -z -co --exclude-standard | xargs -0 -I{} cp --parents -P {} "$copy/")
  DSCOFFLOAD_SYSROOT_CACHE="${DSCOFFLOAD_SYSROOT_CACHE:-$repo/artifacts/sysroot}" bash "$copy/scripts/release.sh" "$work/elsewhere/out" >"$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log"; fail "second build failed"; }
  diff "$release/SHA256SUMS" "$work/elsewhere/out/SHA256SUMS" || fail "the second build differs (above)"
}
