#!/usr/bin/env python3
"""dsc v3's resource discovery, as dsc documents and implements it, for a machine without dsc: list each
directory of the search path (PATH, or DSC_RESOURCE_PATH, which then also serves as PATH) without recursing,
take the files (links followed) whose names end in .dsc.manifests.json or .dsc.resource.json (dsc also
reads YAML manifests; the package ships none),
and keep each resource whose get executable is found on that same search path. Prints "VERSION TYPE PATH"
per resource found; exits 1 if a manifest does not parse.

usage: dsc_discovery.py SEARCH_PATH
"""
import json
import os
import shutil
import sys

LISTS = (".dsc.manifests.json",)
SINGLE = (".dsc.resource.json",)


def main() -> int:
    search = sys.argv[1]
    status = 0
    for directory in search.split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            lower = name.lower()
            if not os.path.isfile(path) or not lower.endswith(LISTS + SINGLE):
                continue
            try:
                with open(path, encoding="utf-8") as handle:
                    document = json.load(handle)
            except (OSError, ValueError) as error:
                print(f"{path}: {error}", file=sys.stderr)
                status = 1
                continue
            manifests = document.get("resources", []) if lower.endswith(LISTS) else [document]
            for manifest in manifests:
                executable = manifest.get("get", {}).get("executable")
                if executable and shutil.which(executable, path=search):
                    print(manifest["version"], manifest["type"], path)
                else:
                    print(f"{path}: {manifest.get('type')}: executable {executable!r} not on the search path", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
