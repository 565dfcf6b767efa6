# -*- coding: utf-8 -*-
"""Records every task result per host with its duration, prints a per-host timing figure at the end
of the run and writes everything to $FLEET_RESULTS_FILE (JSON) for the fleet tests to assert on."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: fleet_results
type: aggregate
short_description: per-host results and timings of the fleet tests
description:
  - Writes task results per host to the file named by FLEET_RESULTS_FILE and prints per-host task time.
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=fleet_results
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase

KEPT = ('changed', 'failed', 'skipped', 'msg', 'rc', 'diff', 'results', 'rollback_id', 'host', 'reboot_required',
        'changed_instances', 'in_desired_state', 'elapsed', 'path', 'instances', 'unreachable')


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'fleet_results'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._started = {}
        self._hosts = {}
        self._run_started = time.time()

    def v2_runner_on_start(self, host, task):
        self._started[(host.get_name(), task._uuid)] = time.time()

    def _record(self, result, status):
        host = result._host.get_name()
        begun = self._started.pop((host, result._task._uuid), None)
        seconds = time.time() - begun if begun else 0.0
        kept = dict((k, v) for k, v in result._result.items() if k in KEPT)
        entry = self._hosts.setdefault(host, {'tasks': [], 'seconds': 0.0})
        entry['tasks'].append({'task': result._task.get_name(), 'status': status, 'seconds': round(seconds, 3), 'result': kept})
        entry['seconds'] += seconds

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        wall = time.time() - self._run_started
        for host in sorted(stats.processed):
            entry = self._hosts.setdefault(host, {'tasks': [], 'seconds': 0.0})
            entry['stats'] = stats.summarize(host)
        times = sorted(entry['seconds'] for entry in self._hosts.values())
        if times:
            self._display.display('per-host task time: %s' % ', '.join(
                '%s %.2f s' % (h, self._hosts[h]['seconds']) for h in sorted(self._hosts)))
            self._display.display('per-host task time: min %.2f s, median %.2f s, max %.2f s; run wall time %.2f s for %d hosts' % (
                times[0], times[len(times) // 2], times[-1], wall, len(times)))
        path = os.environ.get('FLEET_RESULTS_FILE')
        if path:
            with open(path, 'w') as handle:
                json.dump({'wall_seconds': wall, 'hosts': self._hosts}, handle, indent=1, default=str)
