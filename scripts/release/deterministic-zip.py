#!/usr/bin/env python3
"""Writes a zip (or .nupkg) of a directory whose bytes depend only on the files' names, contents and
executable bits: entries sorted by name, every timestamp SOURCE_DATE_EPOCH, Unix permissions 0755 or 0644,
no extra fields. Python's zipfile is used because the zip tool stores the builder's clock, uid and umask.

usage: deterministic-zip.py SOURCE_DIR OUTPUT_FILE [PREFIX]
PREFIX, when given, is the top-level folder every entry is placed under (for example dscoffload-1.0.0-win-x64).
"""
import os
import sys
import time
import zipfile


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print("usage: deterministic-zip.py SOURCE_DIR OUTPUT_FILE [PREFIX]", file=sys.stderr)
        return 2
    source, output = sys.argv[1], sys.argv[2]
    prefix = sys.argv[3].strip("/") + "/" if len(sys.argv) == 4 else ""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        print("deterministic-zip.py: SOURCE_DATE_EPOCH is not set", file=sys.stderr)
        return 2
    # Zip stores local time fields without a zone; UTC keeps the stamp independent of the builder's zone.
    # The format cannot express dates before 1980.
    stamp = max(time.gmtime(int(epoch))[:6], (1980, 1, 1, 0, 0, 0))
    files = []
    for root, _dirs, names in os.walk(source):
        for name in names:
            full = os.path.join(root, name)
            files.append((os.path.relpath(full, source).replace(os.sep, "/"), full))
    files.sort()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for relative, full in files:
            info = zipfile.ZipInfo(prefix + relative, date_time=stamp)
            info.create_system = 3  # Unix, so the permission bits below are honoured by unzip
            mode = 0o755 if os.access(full, os.X_OK) else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as handle:
                archive.writestr(info, handle.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return 0


if __name__ == "__main__":
    sys.exit(main())
