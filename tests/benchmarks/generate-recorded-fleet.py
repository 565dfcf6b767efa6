#!/usr/bin/env python3
"""Writes N recorded Windows hosts for the fleet benchmark, copied from the bundled example snapshots.

Usage: generate-recorded-fleet.py N DIR. Each host is one of examples/snapshots/windows/*.dsc.json with its
host name (and adapter GUIDs) made unique: 8 in 10 hosts copy the first snapshot, 1 in 10 each of the others,
so most hosts are in desired state and a fraction drifts the way the examples do. Deterministic: the same N
gives the same files. Files go into subdirectories of 1,000 so no directory gets huge.
"""
import glob, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
templates = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(root, "examples/snapshots/windows/*.dsc.json")))]
host_field = re.compile(r'"host": "[^"]*"')
guid_tail = re.compile(r'(\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-)[0-9A-F]{12}\}')

def pick(n):
    k = n % 10
    return templates[0] if k < 10 - (len(templates) - 1) else templates[k - (10 - (len(templates) - 1)) + 1]

count, out = int(sys.argv[1]), sys.argv[2]
for n in range(count):
    name = f"host-{n:06d}"
    text = host_field.sub(f'"host": "{name}"', pick(n), count=1)
    adapters = iter(range(1, 1000))
    text = guid_tail.sub(lambda m: f"{m.group(1)}{n:08X}{next(adapters):04X}}}", text)
    folder = os.path.join(out, f"{n // 1000:03d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".dsc.json"), "w", encoding="utf-8") as f:
        f.write(text)
