#!/usr/bin/env python3
"""Wall time of the Ansible collection against simulated fleets of 5, 10 and 20 hosts (forks = hosts):
the first run (install role + apply, every host changes) and a steady-state apply run (changed=0).
Root only. Usage: tests/ansible/benchmark.py [HOSTS ...]   (default 5 10 20)"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)

import fleet as fleet_module  # noqa: E402


def playbook(fleet, collections, name, work, label):
    results = os.path.join(work, '%s-%d.json' % (label, fleet.count))
    env = fleet.ansible_env(collections)
    env.update({'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
                'ANSIBLE_CALLBACKS_ENABLED': 'fleet_results', 'FLEET_RESULTS_FILE': results})
    binary = os.environ.get('DSCOFFLOAD_BINARY') or os.path.join(REPO, 'artifacts', 'native', 'dscoffload')
    sha = hashlib.sha256(open(binary, 'rb').read()).hexdigest()
    started = time.monotonic()
    done = subprocess.run(['ansible-playbook', '-i', fleet.inventory, os.path.join(HERE, 'playbooks', name),
                           '-f', str(fleet.count), '-e', 'fleet_binary=%s fleet_binary_sha256=%s' % (binary, sha)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError('%s on %d hosts failed:\n%s' % (name, fleet.count, done.stdout[-2000:]))
    hosts = json.load(open(results))['hosts']
    per_host = sorted(h['seconds'] for h in hosts.values())
    changed = sum(1 for h in hosts.values() if h['stats']['changed'])
    binary_times = sorted(t['result'].get('elapsed', 0.0) for h in hosts.values() for t in h['tasks'] if t['task'] == 'Apply the offload document')
    return wall, per_host[len(per_host) // 2], changed, binary_times[len(binary_times) // 2]


def main():
    if os.geteuid() != 0:
        print('benchmark needs root (network namespaces, sshd)', file=sys.stderr)
        return 1
    sizes = [int(a) for a in sys.argv[1:]] or [5, 10, 20]
    work = tempfile.mkdtemp(prefix='dscoffload-bench-')
    os.environ['ANSIBLE_HOME'] = os.path.join(work, 'ansible-home')
    collections = os.path.join(work, 'collections')
    subprocess.run(['ansible-galaxy', 'collection', 'build', os.path.join(REPO, 'ansible', 'ansible_collections', 'dscoffload', 'offload'),
                    '--output-path', work], check=True, stdout=subprocess.DEVNULL)
    tarball = [f for f in os.listdir(work) if f.endswith('.tar.gz')][0]
    subprocess.run(['ansible-galaxy', 'collection', 'install', '-p', collections, os.path.join(work, tarball)], check=True, stdout=subprocess.DEVNULL)
    load = os.getloadavg()[0]
    rows = []
    for size in sizes:
        fleet = fleet_module.Fleet(size)
        try:
            fleet.start()
            first = playbook(fleet, collections, 'converge.yml', work, 'first')
            steady = playbook(fleet, collections, 'apply-only.yml', work, 'steady')
        finally:
            fleet.stop()
            shutil.rmtree(fleet.run_dir, ignore_errors=True)
        rows.append((size, first, steady))
        print('%d hosts: first run (install + apply) %.1f s wall, %d changed; steady apply %.1f s wall, median per host %.1f s, %d changed,'
              ' median dscoffload time on the host %.0f ms' % (size, first[0], first[2], steady[0], steady[1], steady[2], steady[3] * 1000), flush=True)
    print('| hosts (forks) | first run: install + apply | steady apply (changed=0) | steady, median per host | dscoffload itself, median |')
    print('|---|---|---|---|---|')
    for size, first, steady in rows:
        print('| %d | %.1f s | %.1f s | %.1f s | %.0f ms |' % (size, first[0], steady[0], steady[1], steady[3] * 1000))
    print('load average at start: %.1f on %d CPUs' % (load, os.cpu_count()))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
