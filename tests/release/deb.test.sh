# The Debian package, installed on this machine and removed again. Sourced by run.sh.

deb_file() { ls "$release"/dscoffload_"$version"_*.deb; }

# Installs nothing over a dscoffload the machine already has.
deb_preflight() {
  needs_root
  command -v dpkg >/dev/null || { echo "no dpkg on this machine"; exit 77; }
  if dpkg -s dscoffload >/dev/null 2>&1; then echo "dscoffload is already installed here; not replacing it"; exit 77; fi
}

release_deb_installs_runs_is_discovered_upgrades_and_removes_cleanly() {
  deb_preflight
  local deb; deb="$(deb_file)"
  ns="dscoffload-release-$$"
  # An existing state directory (a real change journal) is set aside for the test and put back after it.
  saved_state=""
  if [ -e /var/lib/dscoffload ]; then saved_state="$work/saved-state"; mv /var/lib/dscoffload "$saved_state"; fi
  trap 'dpkg -P dscoffload >/dev/null 2>&1 || true; ip netns del "$ns" 2>/dev/null || true
        if [ -n "$saved_state" ]; then rm -rf /var/lib/dscoffload; mv "$saved_state" /var/lib/dscoffload; fi' EXIT

  dpkg -i "$deb" >/dev/null
  [ "$(command -v dscoffload)" = /usr/bin/dscoffload ] || fail "dscoffload on PATH is $(command -v dscoffload)"
  [ "$(dscoffload --version)" = "$version" ] || fail "dscoffload --version printed '$(dscoffload --version)'"

  # resource test on a veth in a namespace of our own: ask for GRO as ethtool reports it (in desired state),
  # then for the opposite (not in desired state).
  ip netns add "$ns"
  ip -n "$ns" link add eth0 type veth peer name peer0
  local gro_now want other
  gro_now="$(ip netns exec "$ns" ethtool -k eth0 | sed -n 's/^generic-receive-offload: \(on\|off\).*/\1/p')"
  [ "$gro_now" = on ] && { want=true; other=false; } || { want=false; other=true; }
  ip netns exec "$ns" dscoffload resource test --type DscOffload.Linux/NetAdapterOffload \
    --input "{\"name\":\"eth0\",\"features\":{\"gro\":$want}}" >"$work/same.out"
  grep -q '"_inDesiredState":true' "$work/same.out" || { cat "$work/same.out"; fail "gro=$want (as ethtool says) was not in desired state"; }
  ip netns exec "$ns" dscoffload resource test --type DscOffload.Linux/NetAdapterOffload \
    --input "{\"name\":\"eth0\",\"features\":{\"gro\":$other}}" >"$work/other.out"
  grep -q '"_inDesiredState":false' "$work/other.out" || { cat "$work/other.out"; fail "gro=$other was reported in desired state"; }
  ip netns del "$ns"

  # dsc's discovery, with its default PATH search and with DSC_RESOURCE_PATH set to the package's directory.
  python3 "$here/dsc_discovery.py" "$PATH" >"$work/found-path.txt" || fail "dsc discovery on PATH failed"
  python3 "$here/dsc_discovery.py" /usr/lib/dscoffload >"$work/found-drp.txt" || fail "dsc discovery on DSC_RESOURCE_PATH failed"
  local types; types="$(jq -r '.resources[].type' /usr/lib/dscoffload/dscoffload.dsc.manifests.json | sort)"
  [ "$(echo "$types" | wc -l)" -ge 3 ] || fail "the installed manifests declare too few types: $types"
  # PATH may name one directory twice (/bin is /usr/bin on merged-usr systems); dsc keeps one per type and version.
  for found in "$work/found-path.txt" "$work/found-drp.txt"; do
    diff <(grep "^$version " "$found" | awk '{print $2}' | sort -u) <(echo "$types") || fail "dsc would not find every type ($found)"
  done

  # Upgrade: a newer package replaces the files and keeps the state directory.
  mkdir -p /var/lib/dscoffload && echo kept >/var/lib/dscoffload/release-test-marker
  local newer="$work/deb-upgrade/dscoffload_${version}+upgrade_$(dpkg --print-architecture).deb"
  mkdir -p "$work/deb-upgrade" && dpkg-deb -R "$deb" "$work/deb-upgrade/root"
  sed -i "s/^Version: .*/Version: ${version}+upgrade/" "$work/deb-upgrade/root/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$work/deb-upgrade/root" "$newer" >/dev/null
  dpkg -i "$newer" >/dev/null
  [ "$(dpkg-query -W -f='${Version}' dscoffload)" = "${version}+upgrade" ] || fail "upgrade did not take"
  [ "$(cat /var/lib/dscoffload/release-test-marker 2>/dev/null)" = kept ] || fail "upgrade lost the state directory"

  # Removal: no file of the package is left; the state directory stays until purge.
  dpkg -L dscoffload | while read -r path; do if [ -f "$path" ] || [ -L "$path" ]; then echo "$path"; fi; done >"$work/owned.txt"
  [ -s "$work/owned.txt" ] || fail "dpkg -L listed no files"
  dpkg -r dscoffload >/dev/null
  local left; left="$(while read -r path; do if [ -e "$path" ] || [ -L "$path" ]; then echo "$path"; fi; done <"$work/owned.txt")"
  [ -z "$left" ] || fail "dpkg -r left: $left"
  [ ! -e /usr/lib/dscoffload ] || fail "dpkg -r left /usr/lib/dscoffload"
  [ -f /var/lib/dscoffload/release-test-marker ] || fail "dpkg -r deleted the state directory"
  dpkg -P dscoffload >/dev/null
  [ ! -e /var/lib/dscoffload ] || fail "purge left /var/lib/dscoffload"
}

release_deb_contents_follow_the_documented_layout() {
  local deb; deb="$(deb_file)"
  dpkg-deb -c "$deb" | awk '{print $2" "$6}' | sort >"$work/deb-list.txt"
  grep -v '^root/root ' "$work/deb-list.txt" && fail "entries not owned by root/root"
  diff <(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '/$' | sort) - <<LIST || fail "layout differs (above)"
./usr/bin/dscoffload
./usr/bin/dscoffload.dsc.manifests.json
./usr/lib/dscoffload/dscoffload
./usr/lib/dscoffload/dscoffload.dsc.manifests.json
./usr/share/doc/dscoffload/README.Debian
./usr/share/doc/dscoffload/copyright
LIST
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version)"
  grep -q DSC_RESOURCE_PATH <(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/doc/dscoffload/README.Debian) || fail "README.Debian does not document DSC_RESOURCE_PATH"
}
