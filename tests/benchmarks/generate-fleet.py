#!/usr/bin/env python3
"""Writes N recorded Windows hosts (4 adapters + the global instance each) for the fleet benchmark.

Usage: generate-fleet.py N DIR. Every 3rd host drifts on one adapter and every 5th on chimney, so the
renderers have real work to do. Deterministic: the same N gives the same files.
"""
import json, os, sys

def adapter(host, i, drift):
    off = not drift
    return {"type": "DscOffload.Windows/NetAdapterOffload", "name": f"Ethernet {i}", "properties": {
        "name": f"Ethernet {i}", "interfaceGuid": "{%08X-0000-4000-8000-%012X}" % (host, i),
        "interfaceDescription": "Intel(R) Ethernet Controller X710 for 10GbE SFP+",
        "lsoIPv4": not off, "lsoIPv6": False, "checksumIPv4": "Disabled", "checksumTcpIPv4": "RxTxEnabled" if drift else "Disabled",
        "checksumTcpIPv6": "Disabled", "checksumUdpIPv4": "Disabled", "checksumUdpIPv6": "Disabled",
        "rss": False, "rscIPv4": False, "rscIPv6": False, "tcpConnectionOffloadIPv4": False, "tcpConnectionOffloadIPv6": False,
        "ipsecOffload": False,
        "advancedProperties": {"*JumboPacket": "1514", "*LsoV2IPv4": "1" if drift else "0", "*RSS": "0", "*NumRssQueues": "8"}}}

def host(n):
    g = {"type": "DscOffload.Windows/GlobalOffload", "name": "GlobalOffload", "properties": {
        "chimney": "Automatic" if n % 5 == 0 else "Disabled", "receiveSideScaling": "Disabled", "receiveSegmentCoalescing": "Disabled",
        "taskOffload": "Disabled", "packetCoalescingFilter": "Disabled", "networkDirect": "Enabled",
        "tcpipParameters": {"enableTCPChimney": False, "enableRSS": False, "enableTCPA": False, "disableTaskOffload": True}}}
    return {"$schema": "https://aka.ms/dsc/schemas/v3/bundled/config/document.json", "contentVersion": "1.0.0",
            "metadata": {"DscOffload": {"host": f"host-{n:05d}", "os": "windows"}},
            "resources": [g] + [adapter(n, i, n % 3 == 0 and i == 1) for i in range(1, 5)]}

count, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
for n in range(count):
    with open(os.path.join(out, f"host-{n:05d}.dsc.json"), "w") as f:
        json.dump(host(n), f)
