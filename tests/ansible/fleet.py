#!/usr/bin/env python3
"""A simulated fleet on one machine: N network namespaces, each a host with its own sshd, host name
(UTS namespace), state directory (DSCOFFLOAD_STATE_DIR set by its sshd), address on a bridge in
198.18.0.0/24 and a veth pair of its own (data0/data1) whose offloads the tests change.

Used by run_fleet_tests.py and benchmark.py. Everything a fleet creates is listed in its run
directory (fleet.json) so `fleet.py teardown RUN_DIR` can remove it after a crash as well.
"""

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SUBNET = '198.18.0'
LOCK_FILE = '/run/lock/dscoffload-fleet.lock'


def sh(*args, check=True, capture=False, **kwargs):
    """Runs a command; failures raise with the command's stderr in the message."""
    done = subprocess.run(list(args), stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, **kwargs)
    if check and done.returncode != 0:
        raise RuntimeError('%s: exit %d: %s' % (' '.join(args), done.returncode, done.stderr.strip()))
    return done


class Fleet:
    """Creates and removes the namespaces, bridge and sshd processes of one test run."""

    def __init__(self, count, run_dir=None):
        if count < 1 or count > 200:
            raise ValueError('a fleet has 1 to 200 hosts')
        self.count = count
        self.run_dir = run_dir or tempfile.mkdtemp(prefix='dscoffload-fleet-')
        tag = '%04x' % (os.getpid() % 0x10000)
        self.bridge = 'dsfb' + tag
        self.hosts = [self._host(tag, i + 1) for i in range(count)]
        self.key = os.path.join(self.run_dir, 'id_ed25519')
        self.inventory = os.path.join(self.run_dir, 'inventory.ini')
        self._lock = None

    def _host(self, tag, number):
        name = 'h%02d' % number
        home = os.path.join(self.run_dir, 'hosts', name)
        return {
            'name': name,
            'namespace': 'dsf%sh%02d' % (tag, number),
            'veth': 'dsf%sv%02d' % (tag, number),
            'address': '%s.%d' % (SUBNET, 10 + number),
            'home': home,
            'state_dir': os.path.join(home, 'state'),
            'install_dir': os.path.join(home, 'bin'),
        }

    # ---- set-up -------------------------------------------------------------------------------

    def start(self):
        """Builds the whole fleet; on any failure removes what was built and re-raises."""
        os.makedirs(LOCK_FILE.rsplit('/', 1)[0], exist_ok=True)
        # The address range and bridge address are shared by every fleet on the machine: one at a time.
        self._lock = open(LOCK_FILE, 'w')
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self._record()
        try:
            os.makedirs('/run/sshd', exist_ok=True)
            sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', self.key)
            shutil.copy(self.key + '.pub', os.path.join(self.run_dir, 'authorized_keys'))
            sh('ip', 'link', 'add', self.bridge, 'type', 'bridge')
            sh('ip', 'addr', 'add', SUBNET + '.1/24', 'dev', self.bridge)
            sh('ip', 'link', 'set', self.bridge, 'up')
            for host in self.hosts:
                self._start_host(host)
            known = []
            for host in self.hosts:
                self._wait_for_ssh(host)
                with open(os.path.join(host['home'], 'ssh_host_ed25519_key.pub')) as handle:
                    known.append('%s %s' % (host['address'], ' '.join(handle.read().split()[:2])))
            with open(os.path.join(self.run_dir, 'known_hosts'), 'w') as handle:
                handle.write('\n'.join(known) + '\n')
            self._write_inventory()
        except BaseException:
            self.stop()
            raise
        return self

    def _record(self):
        with open(os.path.join(self.run_dir, 'fleet.json'), 'w') as handle:
            json.dump({'bridge': self.bridge, 'hosts': self.hosts}, handle, indent=1)

    def _start_host(self, host):
        ns = host['namespace']
        for path in (host['home'], host['state_dir'], host['install_dir'], os.path.join(host['home'], 'tmp')):
            os.makedirs(path, exist_ok=True)
        sh('ip', 'netns', 'add', ns)
        sh('ip', 'link', 'add', host['veth'], 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns)
        sh('ip', 'link', 'set', host['veth'], 'master', self.bridge, 'up')
        sh('ip', '-n', ns, 'addr', 'add', host['address'] + '/24', 'dev', 'eth0')
        sh('ip', '-n', ns, 'link', 'set', 'eth0', 'up')
        sh('ip', '-n', ns, 'link', 'set', 'lo', 'up')
        # The interfaces the document manages: a pair inside the host, not the link Ansible uses.
        sh('ip', '-n', ns, 'link', 'add', 'data0', 'type', 'veth', 'peer', 'name', 'data1')
        sh('ip', '-n', ns, 'link', 'set', 'data0', 'up')
        sh('ip', '-n', ns, 'link', 'set', 'data1', 'up')
        key = os.path.join(host['home'], 'ssh_host_ed25519_key')
        sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', key)
        config = os.path.join(host['home'], 'sshd_config')
        with open(config, 'w') as handle:
            handle.write('\n'.join([
                'ListenAddress %s' % host['address'],
                'Port 22',
                'HostKey %s' % key,
                'PidFile %s' % os.path.join(host['home'], 'sshd.pid'),
                'AuthorizedKeysFile %s' % os.path.join(self.run_dir, 'authorized_keys'),
                'PermitRootLogin prohibit-password',
                'PasswordAuthentication no',
                'KbdInteractiveAuthentication no',
                'UsePAM no',
                'StrictModes no',
                'MaxStartups 100:30:200',
                'MaxSessions 50',
                'Subsystem sftp /usr/lib/openssh/sftp-server',
                # Each host keeps its own journal and lock, as separate machines would.
                'SetEnv DSCOFFLOAD_STATE_DIR=%s' % host['state_dir'],
                '',
            ]))
        # sshd daemonizes inside the namespaces it was started in: its own network and host name.
        sh('ip', 'netns', 'exec', ns, 'unshare', '--uts', 'sh', '-c',
           'hostname "$1" && exec /usr/sbin/sshd -f "$2" -E "$3"', 'sh', host['name'], config,
           os.path.join(host['home'], 'sshd.log'))

    def _wait_for_ssh(self, host, timeout=20.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection((host['address'], 22), timeout=1.0):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError('sshd of %s did not listen on %s:22 within %.0f s' % (host['name'], host['address'], timeout))
                time.sleep(0.05)

    def _write_inventory(self):
        lines = ['[fleet]']
        for host in self.hosts:
            lines.append('%s ansible_host=%s dscoffload_install_dir=%s ansible_remote_tmp=%s' % (
                host['name'], host['address'], host['install_dir'], os.path.join(host['home'], 'tmp')))
        lines += [
            '',
            '[fleet:vars]',
            'ansible_user=root',
            'ansible_ssh_private_key_file=%s' % self.key,
            # Interpreter discovery picks a slow shim on these machines; name the interpreter.
            'ansible_python_interpreter=/usr/bin/python3',
            "ansible_ssh_common_args='-o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes'" % os.path.join(self.run_dir, 'known_hosts'),
            '',
        ]
        with open(self.inventory, 'w') as handle:
            handle.write('\n'.join(lines))

    # ---- inside a host --------------------------------------------------------------------------

    def run_in(self, host, *args, check=True):
        return sh('ip', 'netns', 'exec', host['namespace'], *args, check=check, capture=True)

    def features(self, host, interface):
        """`ethtool -k` of an interface inside a host as {feature: 'on'|'off'}."""
        out = self.run_in(host, 'ethtool', '-k', interface).stdout
        found = {}
        for line in out.splitlines()[1:]:
            if ':' in line:
                name, value = line.split(':', 1)
                found[name.strip()] = value.split()[0] if value.split() else ''
        return found

    def ansible_env(self, collections):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections,
            # Keeps the controller's ~/.ansible out of the run (and works for users without a home).
            'ANSIBLE_HOME': os.path.join(self.run_dir, 'ansible-home'),
            'ANSIBLE_PIPELINING': '1',
            # Only the collections the run installs, as on a controller with nothing but ansible-core.
            'ANSIBLE_COLLECTIONS_SCAN_SYS_PATH': 'False',
            'ANSIBLE_SSH_CONTROL_PATH_DIR': os.path.join(self.run_dir, 'cp'),
            'ANSIBLE_LOCAL_TEMP': os.path.join(self.run_dir, 'local-tmp'),
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_DEPRECATION_WARNINGS': '0',
        })
        return env

    # ---- tear-down ------------------------------------------------------------------------------

    def stop(self):
        teardown(self.run_dir)
        if self._lock:
            self._lock.close()
            self._lock = None


def _kill_own_clients(run_dir):
    """Ends the controller's ssh ControlMaster processes of this run (their command line names the
    run directory), so no connection outlives the fleet."""
    for pid in os.listdir('/proc'):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                cmdline = handle.read().decode(errors='replace')
        except OSError:
            continue
        if run_dir in cmdline and cmdline.startswith('ssh'):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass


def teardown(run_dir):
    """Removes every namespace, veth, bridge and process a fleet recorded in run_dir; safe to repeat."""
    path = os.path.join(run_dir, 'fleet.json')
    if not os.path.exists(path):
        return
    with open(path) as handle:
        fleet = json.load(handle)
    _kill_own_clients(run_dir)
    for host in fleet['hosts']:
        ns = host['namespace']
        # Open sessions keep a namespace alive after `ip netns del`: kill everything inside first.
        pids = sh('ip', 'netns', 'pids', ns, check=False, capture=True).stdout.split()
        for pid in pids:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass
        sh('ip', 'netns', 'del', ns, check=False)
        sh('ip', 'link', 'del', host['veth'], check=False)
    sh('ip', 'link', 'del', fleet['bridge'], check=False)
    os.remove(path)


def leftovers(run_dir_fleet):
    """Names of namespaces and links of a fleet description that still exist."""
    names = sh('ip', 'netns', 'list', capture=True).stdout
    links = sh('ip', '-o', 'link', 'show', capture=True).stdout
    left = [h['namespace'] for h in run_dir_fleet['hosts'] if h['namespace'] in names.split()]
    left += [n for n in [run_dir_fleet['bridge']] + [h['veth'] for h in run_dir_fleet['hosts']] if (' %s:' % n) in links or (' %s@' % n) in links]
    return left


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'teardown':
        teardown(sys.argv[2])
    else:
        print('usage: fleet.py teardown RUN_DIR', file=sys.stderr)
        sys.exit(1)
