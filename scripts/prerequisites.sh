#!/usr/bin/env bash
# Installs what building and testing DscOffload needs on a Debian/Ubuntu machine:
# clang and zlib (the Native AOT linker), ethtool (tests cross-check the kernel with it) and iproute2
# (tests create network namespaces), udev (tests ask udevadm which .link file systemd applies), netplan.io (tests render
# netplan files with netplan generate), python3, GNU time and script (the fleet benchmark's smoke test and the
# progress-line test), network-manager (tests run a private NetworkManager on a private D-Bus in a test namespace; it is
# installed without starting the machine's own service). Needs root for apt-get; without root it only reports what is missing.
set -euo pipefail
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/lib/x86_64-linux-gnu/libz.so ] || [ -e /usr/lib/aarch64-linux-gnu/libz.so ] || missing+=(zlib1g-dev)
command -v ethtool >/dev/null 2>&1 || [ -x /usr/sbin/ethtool ] || [ -x /sbin/ethtool ] || missing+=(ethtool)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || missing+=(iproute2)
command -v udevadm >/dev/null 2>&1 || [ -x /usr/bin/udevadm ] || [ -x /bin/udevadm ] || missing+=(udev)
command -v netplan >/dev/null 2>&1 || [ -x /usr/sbin/netplan ] || missing+=(netplan.io)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x /usr/bin/time ] || missing+=(time)
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
command -v NetworkManager >/dev/null 2>&1 || [ -x /usr/sbin/NetworkManager ] || missing+=(network-manager)
command -v dbus-daemon >/dev/null 2>&1 || missing+=(dbus-daemon)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    # The tests start their own NetworkManager; the package's service must not start and take over the machine's
    # interfaces, so service starts are refused (policy-rc.d, exit 101) while installing, unless a policy already exists.
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
      trap 'rm -f "$policy"' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    [ -z "$policy" ] || rm -f "$policy"
  else
    echo "missing packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
command -v dotnet >/dev/null 2>&1 || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
