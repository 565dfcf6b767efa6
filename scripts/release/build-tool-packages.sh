#!/usr/bin/env bash
# Writes the .NET tool packages of dscoffload (the .NET 10 layout for runtime-specific tools) from binaries
# already built, instead of a second compile by 'dotnet pack': dscoffload.VERSION.nupkg names one package per
# runtime in tools/any/any/DotnetToolSettings.xml, and dscoffload.RID.VERSION.nupkg holds that runtime's
# binary, run directly (Runner="executable"). The packages are zipped deterministically; their OPC
# relationship ids are fixed (dotnet pack draws random ones), so equal inputs give equal bytes.
#
# usage: build-tool-packages.sh VERSION BUILD_DIR OUTPUT_DIR RID...
#   BUILD_DIR/RID/dscoffload[.exe] is the binary of each RID; the .dll files beside a Windows binary (the native
#   libraries it loads from its folder) go beside it in its package.
set -euo pipefail
version="$1"; build="$2"; out="$3"; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
description="The dscoffload command: DSC v3 resources and a configuration engine for TCP/IP offload settings (Windows CIM and registry, Linux ethtool)."

nuspec() { # id, package type
  cat <<NUSPEC
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>$1</id>
    <version>$version</version>
    <authors>DscOffload contributors</authors>
    <license type="expression">MIT</license>
    <description>$description</description>
    <copyright>Copyright (c) DscOffload contributors</copyright>
    <tags>dsc offload ethtool network</tags>
    <packageTypes>
      <packageType name="$2" />
    </packageTypes>
  </metadata>
</package>
NUSPEC
}

opc_parts() { # stage dir, id
  mkdir -p "$1/_rels"
  cat >"$1/_rels/.rels" <<RELS
<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/$2.nuspec" Id="R0000000000000001" />
</Relationships>
RELS
  cat >"$1/[Content_Types].xml" <<TYPES
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="exe" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Override PartName="/tools/any/linux-x64/dscoffload" ContentType="application/octet" />
  <Override PartName="/tools/any/linux-arm64/dscoffload" ContentType="application/octet" />
</Types>
TYPES
}

zip_package() { # stage dir, output
  find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  python3 "$here/deterministic-zip.py" "$1" "$2"
}

rid_entries=""
for rid in "$@"; do
  id="dscoffload.$rid"
  exe=dscoffload; [[ "$rid" == win-* ]] && exe=dscoffload.exe
  stage="$build/tool/$id"
  rm -rf "$stage"
  mkdir -p "$stage/tools/any/$rid"
  nuspec "$id" DotnetToolRidPackage >"$stage/$id.nuspec"
  cat >"$stage/tools/any/$rid/DotnetToolSettings.xml" <<SETTINGS
<?xml version="1.0" encoding="utf-8"?>
<DotNetCliTool Version="2">
  <Commands>
    <Command Name="dscoffload" EntryPoint="$exe" Runner="executable" />
  </Commands>
</DotNetCliTool>
SETTINGS
  install -m 0755 "$build/$rid/$exe" "$stage/tools/any/$rid/$exe"
  if [[ "$rid" == win-* ]]; then
    for library in "$build/$rid"/*.dll; do
      [ -e "$library" ] && install -m 0644 "$library" "$stage/tools/any/$rid/"
    done
  fi
  opc_parts "$stage" "$id"
  zip_package "$stage" "$out/$id.$version.nupkg"
  rid_entries+="    <RuntimeIdentifierPackage RuntimeIdentifier=\"$rid\" Id=\"$id\" />"$'\n'
done

stage="$build/tool/dscoffload"
rm -rf "$stage"
mkdir -p "$stage/tools/any/any"
nuspec dscoffload DotnetTool >"$stage/dscoffload.nuspec"
cat >"$stage/tools/any/any/DotnetToolSettings.xml" <<SETTINGS
<?xml version="1.0" encoding="utf-8"?>
<DotNetCliTool Version="2">
  <Commands>
    <Command Name="dscoffload" />
  </Commands>
  <RuntimeIdentifierPackages>
${rid_entries}  </RuntimeIdentifierPackages>
</DotNetCliTool>
SETTINGS
opc_parts "$stage" dscoffload
zip_package "$stage" "$out/dscoffload.$version.nupkg"
