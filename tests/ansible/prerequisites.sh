#!/usr/bin/env bash
# Installs what the Ansible fleet tests need on a Debian/Ubuntu machine: Debian's ansible-core (the
# controller) and openssh-server (one sshd per simulated host; no service is started by this). Needs
# root for apt-get; without root it only reports what is missing (the tests then skip).
set -euo pipefail
missing=()
command -v ansible-playbook >/dev/null 2>&1 || missing+=(ansible-core)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
command -v ethtool >/dev/null 2>&1 || [ -x /usr/sbin/ethtool ] || [ -x /sbin/ethtool ] || missing+=(ethtool)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "missing packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
