# Reproducibility. Sourced by run.sh.

# Copies the working tree (tracked and new files, not ignored ones: no bin/, obj/ or artifacts/) to another
# path and builds the release there; every artifact must have the same bytes.
release_a_second_build_from_a_copy_elsewhere_gives_the_same_bytes() {
  if [ "${DSCOFFLOAD_RELEASE_SKIP_REBUILD:-}" = 1 ]; then echo "DSCOFFLOAD_RELEASE_SKIP_REBUILD=1"; exit 77; fi
  local copy="$work/elsewhere/dscoffload-src"
  mkdir -p "$copy"
  (cd "$repo" && git ls-files -z -co --exclude-standard | xargs -0 -I{} cp --parents -P {} "$copy/") 
  # No git metadata in the copy: the release must not depend on it when SOURCE_DATE_EPOCH is given.
  bash "$copy/scripts/release.sh" "$work/elsewhere/out" >"$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log"; fail "second build failed"; }
  diff "$release/SHA256SUMS" "$work/elsewhere/out/SHA256SUMS" || fail "the second build differs (above)"
}
