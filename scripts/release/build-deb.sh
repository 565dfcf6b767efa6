#!/usr/bin/env bash
# Builds the Debian package of dscoffload reproducibly (all mtimes SOURCE_DATE_EPOCH, owner root).
# Layout: /usr/lib/dscoffload/{dscoffload,dscoffload.dsc.manifests.json}, with /usr/bin links to both so
# that dsc, which searches PATH for *.dsc.manifests.json (following links), finds the resources with no
# setting; DSC_RESOURCE_PATH=/usr/lib/dscoffload is the alternative for dsc runs that restrict discovery.
# The state directory /var/lib/dscoffload (change journal, lock) is not in the package: upgrades and
# removal leave it, so a rollback stays possible; purge deletes it.
#
# usage: build-deb.sh BINARY MANIFEST VERSION DEB_ARCH STAGING_DIR OUTPUT.deb
set -euo pipefail
binary="$1"; manifest="$2"; version="$3"; arch="$4"; stage="$5"; output="$6"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/lib/dscoffload" "$stage/usr/bin" "$stage/usr/share/doc/dscoffload"
install -m 0755 "$binary" "$stage/usr/lib/dscoffload/dscoffload"
install -m 0644 "$manifest" "$stage/usr/lib/dscoffload/dscoffload.dsc.manifests.json"
ln -s ../lib/dscoffload/dscoffload "$stage/usr/bin/dscoffload"
ln -s ../lib/dscoffload/dscoffload.dsc.manifests.json "$stage/usr/bin/dscoffload.dsc.manifests.json"
install -m 0644 "$here/../../LICENSE" "$stage/usr/share/doc/dscoffload/copyright"
install -m 0644 "$here/debian/README.Debian" "$stage/usr/share/doc/dscoffload/README.Debian"
size_kb="$(du -k -s --apparent-size "$stage/usr" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kb/" "$here/debian/control" >"$stage/DEBIAN/control"
install -m 0755 "$here/debian/postrm" "$stage/DEBIAN/postrm"
chmod 0644 "$stage/DEBIAN/control"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz -z9 --build "$stage" "$output" >/dev/null
