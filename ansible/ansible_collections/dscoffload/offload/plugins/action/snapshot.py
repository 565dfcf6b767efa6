# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
"""Runs dscoffload.offload.snapshot on the host and writes the recording on the controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from ansible.plugins.action import ActionBase


def _settings(document):
    """The recording without the time it was taken, for deciding whether the file changes."""
    if not isinstance(document, dict):
        return None
    copy = dict(document)
    metadata = dict(copy.get('metadata') or {})
    ours = dict(metadata.get('DscOffload') or {})
    ours.pop('recordedAt', None)
    metadata['DscOffload'] = ours
    copy['metadata'] = metadata
    return copy


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        task_vars = task_vars or {}
        args = self._task.args
        if not args.get('dest'):
            return dict(result, failed=True, msg='dest is required')
        dest = os.path.expanduser(args['dest'])
        filename = args.get('filename') or '%s.dsc.json' % task_vars.get('inventory_hostname', 'host')
        if os.path.sep in filename or filename in ('.', '..'):
            return dict(result, failed=True, msg='filename must be a plain file name: %s' % filename)
        module = self._execute_module(module_name='dscoffload.offload.snapshot', module_args=dict(args), task_vars=task_vars)
        result.update(module)
        if module.get('failed'):
            return result
        path = os.path.join(dest, filename)
        result['path'] = path
        previous = None
        if os.path.isfile(path):
            try:
                with open(path) as handle:
                    previous = json.load(handle)
            except ValueError:
                previous = None
        result['changed'] = _settings(previous) != _settings(module['snapshot'])
        if result['changed'] and not self._play_context.check_mode:
            if not os.path.isdir(dest):
                os.makedirs(dest)
            temporary = path + '.tmp'
            with open(temporary, 'w') as handle:
                json.dump(module['snapshot'], handle, indent=2)
                handle.write('\n')
            os.replace(temporary, path)
        return result
