#!/usr/bin/env python3
"""Fleet tests of the dscoffload.offload collection: Debian's ansible-playbook over real SSH against a
simulated fleet of network namespaces (see fleet.py). Ends with one line
"Ansible fleet: Passed: N, Failed: N, Skipped: N" and exits non-zero when a test failed.

Environment: DSCOFFLOAD_BINARY (default artifacts/native/dscoffload), DSCOFFLOAD_FLEET_HOSTS (default 10),
DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1 turns "not root" from a skip into a failure.
"""

import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, 'ansible'))

import fleet as fleet_module  # noqa: E402
from ansible_collections.dscoffload.offload.plugins.module_utils.envelope import drift, parse_envelopes  # noqa: E402

COLLECTION = os.path.join(REPO, 'ansible', 'ansible_collections', 'dscoffload', 'offload')
DOCUMENT = os.path.join(HERE, 'files', 'fleet-baseline.dsc.yaml')
# ethtool names of the features the document turns off (rx, tso, gro).
MANAGED = {'rx-checksumming': 'off', 'tcp-segmentation-offload': 'off', 'generic-receive-offload': 'off'}


class Skip(Exception):
    """A test that cannot run here, with the reason."""


class StopRun(Exception):
    """The remaining tests cannot run (they were already counted); go on to the teardown."""


class Suite:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []

    def run(self, name, test):
        started = time.monotonic()
        try:
            test()
        except Skip as reason:
            self.skipped += 1
            print('SKIP %s: %s' % (name, reason), flush=True)
            return
        except Exception as error:  # a failed assertion or a broken step: report it and go on
            self.failed += 1
            self.failures.append(name)
            print('FAIL %s (%.1f s): %s' % (name, time.monotonic() - started, error), flush=True)
            if not isinstance(error, AssertionError):
                traceback.print_exc()
            return
        self.passed += 1
        print('PASS %s (%.1f s)' % (name, time.monotonic() - started), flush=True)

    def skip_all(self, names, reason):
        for name in names:
            self.run(name, lambda: (_ for _ in ()).throw(Skip(reason)))

    def summary(self):
        return 'Ansible fleet: Passed: %d, Failed: %d, Skipped: %d' % (self.passed, self.failed, self.skipped)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


class FleetTests:
    def __init__(self, binary, hosts):
        self.binary = binary
        self.sha256 = hashlib.sha256(open(binary, 'rb').read()).hexdigest()
        self.work = tempfile.mkdtemp(prefix='dscoffload-ansible-')
        self.collections = os.path.join(self.work, 'collections')
        self.fleet = fleet_module.Fleet(hosts, os.environ.get('DSCOFFLOAD_FLEET_RUN_DIR'))
        self.by_name = dict((h['name'], h) for h in self.fleet.hosts)
        self.runs = 0
        self.first_results = None
        self.check_results = None

    # ---- helpers -----------------------------------------------------------------------------

    def env(self):
        env = self.fleet.ansible_env(self.collections)
        env['ANSIBLE_CALLBACK_PLUGINS'] = os.path.join(HERE, 'callback_plugins')
        env['ANSIBLE_CALLBACKS_ENABLED'] = 'fleet_results'
        return env

    def playbook(self, name, *extra, inventory=None):
        """Runs a playbook against the fleet; returns (exit code, output, per-host results)."""
        self.runs += 1
        results_file = os.path.join(self.work, 'run%02d.json' % self.runs)
        env = self.env()
        env['FLEET_RESULTS_FILE'] = results_file
        args = ['ansible-playbook', '-i', inventory or self.fleet.inventory, os.path.join(HERE, 'playbooks', name),
                '-f', str(len(self.fleet.hosts)),
                '-e', 'fleet_binary=%s fleet_binary_sha256=%s' % (self.binary, self.sha256)] + list(extra)
        done = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        with open(os.path.join(self.work, 'run%02d.log' % self.runs), 'w') as handle:
            handle.write(done.stdout)
        for line in done.stdout.splitlines():
            if line.startswith('per-host task time'):
                print('  %s %s: %s' % (name, ' '.join(extra), line), flush=True)
        results = {}
        if os.path.exists(results_file):
            with open(results_file) as handle:
                results = json.load(handle)['hosts']
        return done.returncode, done.stdout, results

    @staticmethod
    def apply_result(results, host):
        for task in results.get(host, {}).get('tasks', []):
            if task['task'] == 'Apply the offload document':
                return task
        raise AssertionError('%s has no result of the apply task' % host)

    def ethtool_state(self, host):
        state = {}
        for interface in ('data0', 'data1'):
            features = self.fleet.features(host, interface)
            state[interface] = dict((k, features.get(k)) for k in MANAGED)
        return state

    def converged(self, host):
        return all(features == MANAGED for features in self.ethtool_state(host).values())

    # ---- tests without the fleet ---------------------------------------------------------------

    def test_collection_builds_and_installs(self):
        out = os.path.join(self.work, 'build')
        done = subprocess.run(['ansible-galaxy', 'collection', 'build', COLLECTION, '--output-path', out], env=self.env(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check(done.returncode == 0, 'ansible-galaxy collection build failed: %s' % done.stdout[-800:])
        tarballs = glob.glob(os.path.join(out, 'dscoffload-offload-*.tar.gz'))
        check(len(tarballs) == 1, 'expected one collection tarball, found %s' % tarballs)
        done = subprocess.run(['ansible-galaxy', 'collection', 'install', '-p', self.collections, tarballs[0]], env=self.env(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check(done.returncode == 0, 'ansible-galaxy collection install failed: %s' % done.stdout[-800:])
        for plugin in ('modules/apply.py', 'modules/snapshot.py', 'modules/win_apply.ps1', 'action/apply.py'):
            check(os.path.exists(os.path.join(self.collections, 'ansible_collections/dscoffload/offload/plugins', plugin)),
                  'the built collection lacks plugins/%s' % plugin)

    def test_ansible_doc_renders_every_module_and_the_role(self):
        env = self.env()
        for kind, name, expected in (('module', 'dscoffload.offload.apply', 'reboot_required'),
                                     ('module', 'dscoffload.offload.snapshot', 'dest'),
                                     ('module', 'dscoffload.offload.win_apply', 'rollback_id'),
                                     ('role', 'dscoffload.offload.install', 'dscoffload_install_binaries')):
            done = subprocess.run(['ansible-doc', '-t', kind, name], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            check(done.returncode == 0 and expected in done.stdout and 'ERROR' not in done.stdout,
                  'ansible-doc -t %s %s did not render (exit %d): %s' % (kind, name, done.returncode, done.stdout[-600:]))

    def test_every_playbook_passes_syntax_check(self):
        env = self.env()
        env['ANSIBLE_COLLECTIONS_PATH'] = self.collections + os.pathsep + self.name_only_windows_collection()
        playbooks = sorted(glob.glob(os.path.join(REPO, 'examples', 'ansible', '*.yml')))
        playbooks = [p for p in playbooks if not os.path.basename(p).startswith('inventory')]
        playbooks += sorted(glob.glob(os.path.join(HERE, 'playbooks', '*.yml')))
        check(len(playbooks) >= 5, 'expected the example and test playbooks, found %s' % playbooks)
        inventory = os.path.join(REPO, 'examples', 'ansible', 'inventory.yml')
        for playbook in playbooks:
            done = subprocess.run(['ansible-playbook', '--syntax-check', '-i', inventory, playbook], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            check(done.returncode == 0, '%s fails --syntax-check: %s' % (os.path.relpath(playbook, REPO), done.stdout[-800:]))

    def name_only_windows_collection(self):
        """The Windows examples name ansible.windows 3.x modules, which Debian's Ansible does not ship:
        --syntax-check only needs their names to resolve, so each gets a module that refuses to run."""
        root = os.path.join(self.work, 'name-only')
        modules = os.path.join(root, 'ansible_collections', 'ansible', 'windows', 'plugins', 'modules')
        os.makedirs(modules, exist_ok=True)
        for name in ('dsc3', 'win_copy', 'win_reboot', 'win_file', 'win_stat'):
            with open(os.path.join(modules, name + '.py'), 'w') as handle:
                handle.write('from ansible.module_utils.basic import AnsibleModule\n'
                             'AnsibleModule(argument_spec={}, bypass_checks=True).fail_json('
                             'msg="name only, for --syntax-check: install ansible.windows 3.4.0 or later")\n')
        return root

    def test_collection_lint(self):
        done = subprocess.run([sys.executable, os.path.join(HERE, 'lint_collection.py'), COLLECTION],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check(done.returncode == 0, 'lint of the collection failed:\n%s' % done.stdout[-2000:])

    # ---- fleet tests ---------------------------------------------------------------------------

    def test_check_mode_on_new_hosts_predicts_every_change_and_changes_no_offload(self):
        before = dict((name, self.ethtool_state(h)) for name, h in self.by_name.items())
        check(not any(self.converged(h) for h in self.by_name.values()), 'hosts already converged before any run: %s' % before)
        rc, out, results = self.playbook('converge.yml', '--check', '--diff')
        check(rc == 0, 'check run on new hosts failed (exit %d):\n%s' % (rc, out[-3000:]))
        for name, host in self.by_name.items():
            task = self.apply_result(results, name)['result']
            check(task.get('changed') is True and task.get('diff'), '%s: check mode predicted no change: %s' % (name, task.get('msg')))
            check('rollback_id' not in task, '%s: check mode journaled a change' % name)
            check(os.path.exists(os.path.join(host['install_dir'], 'dscoffload')), '%s: binary not installed for the what-if' % name)
        after = dict((name, self.ethtool_state(h)) for name, h in self.by_name.items())
        check(before == after, 'check mode changed offloads: before %s after %s' % (before, after))

    def test_first_run_converges_every_host(self):
        check(not any(self.converged(h) for h in self.by_name.values()), 'hosts already converged before the first run')
        rc, out, results = self.playbook('converge.yml')
        check(rc == 0, 'first run failed (exit %d):\n%s' % (rc, out[-3000:]))
        self.first_results = results
        for name, host in self.by_name.items():
            task = self.apply_result(results, name)
            check(task['result'].get('changed') is True, '%s: first run did not report changed' % name)
            check(self.converged(host), '%s: ethtool -k after the first run: %s' % (name, self.ethtool_state(host)))

    def test_each_host_reports_its_own_name_and_journals_in_its_own_state_directory(self):
        check(self.first_results, 'needs the first run')
        seen = set()
        for name, host in self.by_name.items():
            task = self.apply_result(self.first_results, name)['result']
            check(task.get('host') == name, '%s: the binary reported host name %r' % (name, task.get('host')))
            rollback = task.get('rollback_id')
            check(rollback, '%s: no rollback_id after a change' % name)
            journal = glob.glob(os.path.join(host['state_dir'], 'journal', rollback + '*'))
            check(journal, '%s: journal entry %s is not in its own state directory %s' % (name, rollback, host['state_dir']))
            seen.add(rollback)
            for other, other_host in self.by_name.items():
                if other != name:
                    check(not glob.glob(os.path.join(other_host['state_dir'], 'journal', rollback + '*')),
                          'journal entry %s of %s also in the state directory of %s' % (rollback, name, other))
        check(len(seen) == len(self.by_name), 'rollback ids are not distinct per host: %s' % seen)

    def test_second_run_changes_nothing(self):
        rc, out, results = self.playbook('converge.yml')
        check(rc == 0, 'second run failed (exit %d):\n%s' % (rc, out[-3000:]))
        for name in self.by_name:
            stats = results[name]['stats']
            check(stats['changed'] == 0 and stats['failures'] == 0, '%s: second run recap %s' % (name, stats))

    def drifted_hosts(self):
        names = sorted(self.by_name)
        return {names[1]: ('data0', 'tso', 'tcp-segmentation-offload'),
                names[4]: ('data1', 'gro', 'generic-receive-offload'),
                names[-2]: ('data0', 'rx', 'rx-checksumming')}

    def test_check_diff_reports_exactly_the_drifted_hosts_and_changes_nothing(self):
        for name, (interface, short, _) in self.drifted_hosts().items():
            self.fleet.run_in(self.by_name[name], 'ethtool', '-K', interface, short, 'on')
        before = dict((name, self.ethtool_state(h)) for name, h in self.by_name.items())
        rc, out, results = self.playbook('apply-only.yml', '--check', '--diff')
        check(rc == 0, 'check run failed (exit %d):\n%s' % (rc, out[-3000:]))
        self.check_results = results
        changed = sorted(n for n in self.by_name if results[n]['stats']['changed'])
        check(changed == sorted(self.drifted_hosts()), 'check mode reported %s, drift was made on %s' % (changed, sorted(self.drifted_hosts())))
        for name, (interface, _, feature) in self.drifted_hosts().items():
            diff = self.apply_result(results, name)['result'].get('diff') or []
            check(len(diff) == 1, '%s: expected one instance in the diff, got %s' % (name, diff))
            before_lines = diff[0]['before'].splitlines()
            after_lines = diff[0]['after'].splitlines()
            check(before_lines and all(line.startswith(interface + ' features.') and line.endswith(': true') for line in before_lines)
                  and all(line.endswith(': false') for line in after_lines) and len(before_lines) == len(after_lines),
                  '%s: diff before %s after %s' % (name, before_lines, after_lines))
            check(('-%s' % before_lines[0]) in out and ('+%s' % after_lines[0]) in out,
                  '%s: --diff output lacks the before/after lines %s' % (name, before_lines[0]))
        after = dict((name, self.ethtool_state(h)) for name, h in self.by_name.items())
        check(before == after, 'check mode changed the hosts: before %s after %s' % (before, after))
        for name, (interface, _, feature) in self.drifted_hosts().items():
            check(after[name][interface][feature] == 'on', '%s: drift gone after check mode' % name)

    def test_snapshots_checked_against_the_document_give_the_same_drift_as_check_mode(self):
        check(self.check_results, 'needs the check-mode run')
        snapshots = os.path.join(self.work, 'snapshots')
        rc, out, results = self.playbook('snapshot.yml', '-e', 'snapshot_dir=%s' % snapshots)
        check(rc == 0, 'snapshot run failed (exit %d):\n%s' % (rc, out[-3000:]))
        files = sorted(glob.glob(os.path.join(snapshots, '*.dsc.json')))
        check(len(files) == len(self.by_name), 'expected one recording per host, found %d' % len(files))
        done = subprocess.run([self.binary, 'config', 'test', '--file', DOCUMENT, '--against', snapshots, '--format', 'json'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        check(done.returncode == 0, 'config test --against exited %d: %s' % (done.returncode, done.stderr))
        recorded = {}
        for envelope in parse_envelopes(done.stdout):
            recorded[envelope['metadata']['DscOffload']['host']] = drift(envelope)
        check(sorted(recorded) == sorted(self.by_name), 'recordings name hosts %s' % sorted(recorded))
        predicted = {}
        for name in self.by_name:
            predicted[name] = drift({'results': self.apply_result(self.check_results, name)['result'].get('results') or []})
        check(recorded == predicted, 'drift from the recordings %s differs from check mode %s' % (
            dict((k, v) for k, v in recorded.items() if v), dict((k, v) for k, v in predicted.items() if v)))
        check(sorted(n for n, d in recorded.items() if d) == sorted(self.drifted_hosts()), 'drifted hosts in the recordings: %s' % recorded)

    def test_a_host_where_the_document_cannot_apply_fails_alone(self):
        names = sorted(self.by_name)
        no_match, fixed = names[2], names[3]
        inventory = os.path.join(self.work, 'inventory-broken.ini')
        with open(self.fleet.inventory) as handle:
            text = handle.read()
        text += '\n[no_match]\n%s\n\n[no_match:vars]\noffload_parameters={"interfacePattern": "nomatch*"}\n' % no_match
        text += '\n[fixed_feature]\n%s\n\n[fixed_feature:vars]\noffload_document=%s\n' % (fixed, os.path.join(HERE, 'files', 'fixed-feature.dsc.yaml'))
        with open(inventory, 'w') as handle:
            handle.write(text)
        rc, out, results = self.playbook('apply-only.yml', inventory=inventory)
        check(rc != 0, 'a run with failing hosts exited 0')
        failed = sorted(n for n in self.by_name if results[n]['stats']['failures'])
        check(failed == sorted([no_match, fixed]), 'failed hosts %s, expected %s' % (failed, sorted([no_match, fixed])))
        msg = self.apply_result(results, no_match)['result'].get('msg', '')
        check("no adapter matches 'nomatch*'" in msg and 'fleet-baseline.dsc.yaml' in msg,
              '%s: msg %r' % (no_match, msg))
        msg = self.apply_result(results, fixed)['result'].get('msg', '')
        check('rx-lro' in msg and 'nothing was changed' in msg and 'fixed-feature.dsc.yaml' in msg, '%s: msg %r' % (fixed, msg))
        check(self.apply_result(results, fixed)['result'].get('rc') == 2, '%s: rc %s' % (fixed, self.apply_result(results, fixed)['result'].get('rc')))
        for name, host in self.by_name.items():
            if name not in (no_match, fixed):
                check(self.converged(host), '%s did not converge beside the failing hosts: %s' % (name, self.ethtool_state(host)))
                expected = name in self.drifted_hosts()
                check(bool(results[name]['stats']['changed']) == expected, '%s: changed=%s' % (name, results[name]['stats']['changed']))
        self.fixed_host_state = self.ethtool_state(self.by_name[fixed])
        check(self.converged(self.by_name[fixed]), '%s: the failed document changed its offloads' % fixed)

    def teardown_leaves_nothing(self):
        description = {'bridge': self.fleet.bridge, 'hosts': self.fleet.hosts}
        self.fleet.stop()
        left = fleet_module.leftovers(description)
        check(not left, 'left after teardown: %s' % left)
        inside = [p for p in os.listdir('/proc') if p.isdigit() and self._in_run(p)]
        check(not inside, 'processes of the run still alive: %s' % inside)

    def _in_run(self, pid):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                return self.fleet.run_dir.encode() in handle.read()
        except OSError:
            return False


STATIC = ['collection builds and installs', 'ansible-doc renders every module and the role',
          'every playbook passes --syntax-check', 'collection lint']
FLEET = ['check mode on new hosts predicts every change, changes no offload', 'first run converges every host (ethtool -k)', 'each host reports its own name and journals in its own state directory',
         'second run reports changed=0 on every host', '--check --diff reports exactly the drifted hosts and changes nothing',
         'snapshots + config test --against give the same drift as check mode',
         'a host where the document cannot apply fails alone, the others converge', 'teardown leaves no namespace, link or process']


def main():
    suite = Suite()
    require = os.environ.get('DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS') == '1'
    binary = os.environ.get('DSCOFFLOAD_BINARY') or os.path.join(REPO, 'artifacts', 'native', 'dscoffload')
    hosts = int(os.environ.get('DSCOFFLOAD_FLEET_HOSTS', '10'))
    missing = [tool for tool in ('ansible-playbook', 'ansible-galaxy', 'ansible-doc', 'ansible-test') if not shutil.which(tool)]
    static_reason = 'missing: %s (tests/ansible/prerequisites.sh installs them)' % ', '.join(missing) if missing else None
    fleet_reason = static_reason
    if not fleet_reason and os.geteuid() != 0:
        fleet_reason = 'needs root (network namespaces, sshd, ethtool -K)'
    elif not fleet_reason and not os.path.exists('/usr/sbin/sshd'):
        fleet_reason = 'missing: openssh-server (tests/ansible/prerequisites.sh installs it)'
    elif not fleet_reason and not os.access(binary, os.X_OK):
        fleet_reason = 'no native binary at %s (scripts/publish.sh builds it)' % binary

    def not_run(names, reason):
        if require:
            for name in names:
                print('FAIL %s: %s, and DSCOFFLOAD_REQUIRE_PRIVILEGED_TESTS=1' % (name, reason))
            suite.failed += len(names)
        else:
            suite.skip_all(names, reason)

    if static_reason:
        not_run(STATIC + FLEET, static_reason)
        print(suite.summary())
        return 1 if suite.failed else 0

    tests = FleetTests(binary, hosts)
    # A signal ends the run through the finally below, so the fleet is torn down then too.
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit(130))
    print('fleet: %d hosts, run directory %s' % (hosts, tests.fleet.run_dir), flush=True)
    try:
        for name, test in zip(STATIC, (tests.test_collection_builds_and_installs, tests.test_ansible_doc_renders_every_module_and_the_role,
                                       tests.test_every_playbook_passes_syntax_check, tests.test_collection_lint)):
            suite.run(name, test)
        if fleet_reason:
            not_run(FLEET, fleet_reason)
            raise StopRun()
        started = time.monotonic()
        try:
            tests.fleet.start()
        except Exception as error:
            for name in FLEET:
                suite.run(name, lambda e=error: (_ for _ in ()).throw(AssertionError('fleet did not start: %s' % e)))
            raise StopRun()
        print('fleet up in %.1f s' % (time.monotonic() - started), flush=True)
        for name, test in zip(FLEET[:-1], (tests.test_check_mode_on_new_hosts_predicts_every_change_and_changes_no_offload,
                                          tests.test_first_run_converges_every_host,
                                          tests.test_each_host_reports_its_own_name_and_journals_in_its_own_state_directory,
                                          tests.test_second_run_changes_nothing,
                                          tests.test_check_diff_reports_exactly_the_drifted_hosts_and_changes_nothing,
                                          tests.test_snapshots_checked_against_the_document_give_the_same_drift_as_check_mode,
                                          tests.test_a_host_where_the_document_cannot_apply_fails_alone)):
            suite.run(name, test)
        suite.run(FLEET[-1], tests.teardown_leaves_nothing)
    except StopRun:
        pass
    except SystemExit:
        suite.failed += 1
        print('FAIL the run was interrupted by a signal (the fleet is torn down below)', flush=True)
    finally:
        tests.fleet.stop()
        if suite.failed:
            print('logs of the playbook runs: %s' % tests.work)
        else:
            shutil.rmtree(tests.work, ignore_errors=True)
            if not os.environ.get('DSCOFFLOAD_FLEET_RUN_DIR'):
                shutil.rmtree(tests.fleet.run_dir, ignore_errors=True)
    print(suite.summary())
    return 1 if suite.failed else 0


if __name__ == '__main__':
    sys.exit(main())
