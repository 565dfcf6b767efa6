# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
"""Copies a controller-side document to the host for dscoffload.offload.apply (and win_apply), runs the
module, and names the controller file in messages instead of the temporary copy."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase


def _replace(value, old, new):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    if isinstance(value, dict):
        return dict((k, _replace(v, old, new)) for k, v in value.items())
    return value


class ActionModule(ActionBase):

    TRANSFERS_FILES = True
    MODULE = 'dscoffload.offload.apply'

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        args = self._task.args.copy()
        remote_copy = None
        source = None
        try:
            if not boolean(args.get('remote_src', False), strict=False):
                if not args.get('src'):
                    return dict(result, failed=True, msg='src is required')
                try:
                    source = self._find_needle('files', args['src'])
                except AnsibleError as e:
                    return dict(result, failed=True, msg=to_text(e))
                shell = self._connection._shell
                remote_copy = shell.join_path(shell.tmpdir, os.path.basename(source))
                self._transfer_file(source, remote_copy)
                self._fixup_perms2((shell.tmpdir, remote_copy))
                args['src'] = remote_copy
                args['remote_src'] = True
            result.update(self._execute_module(module_name=self.MODULE, module_args=args, task_vars=task_vars))
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        if remote_copy:
            result = _replace(result, remote_copy, source)
        return result
