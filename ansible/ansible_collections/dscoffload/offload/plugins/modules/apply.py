#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: apply
short_description: Apply a DscOffload document (TCP/IP offload settings) on a Linux host
version_added: 0.1.0
description:
  - Runs C(dscoffload config set) (or C(config test)) with a DSC v3 configuration document of
    C(DscOffload.Linux/*) resources on the managed host.
  - In check mode the module runs C(dscoffload config set --what-if), the binary's own prediction of what
    C(set) would change; nothing on the host is changed, and C(changed) says whether something would change.
  - With C(--diff) the module shows, for every instance that changed (or would change), one before/after line
    per changed setting (for example C(data0 features.tx-tcp-segmentation)).
  - C(changed) is true exactly when the binary reports changed properties (in check mode, when its what-if
    predicts a change). A second run on a converged host reports C(changed=false).
  - The document is copied from the controller unless C(remote_src=true).
  - The C(dscoffload) binary must already be on the host; the C(dscoffload.offload.install) role puts it there.
  - For Windows hosts use M(dscoffload.offload.win_apply).
author:
  - DscOffload contributors
options:
  src:
    description:
      - The configuration document (YAML or JSON).
      - A path on the controller, copied to a temporary file on the host for the run, or with
        C(remote_src=true) a path on the host.
    type: path
    required: true
  remote_src:
    description:
      - Whether C(src) is already on the managed host.
    type: bool
    default: false
  parameters:
    description:
      - Values for the document's parameters (as C(dscoffload config set --parameters-file) takes them).
    type: dict
  operation:
    description:
      - C(set) applies the document (what-if in check mode).
      - C(test) only compares the host with the document and never changes it; C(changed) is then always
        false and C(in_desired_state) says whether the host complies.
    type: str
    choices: [set, test]
    default: set
  executable:
    description:
      - The C(dscoffload) binary, a name looked up on C(PATH) and in C(/usr/local/bin), or a full path.
    type: str
    default: dscoffload
  state_dir:
    description:
      - The directory for the change journal and host lock (C(DSCOFFLOAD_STATE_DIR)).
      - Default is the binary's own, C(/var/lib/dscoffload).
    type: path
  ignore_foreign_types:
    description:
      - Skip instances of resource types that are not DscOffload's, with a warning (C(--ignore-foreign-types)).
    type: bool
    default: false
notes:
  - Changing offloads needs root; use C(become) when connecting as another user.
  - Check mode never takes the host lock nor writes the journal.
  - Supports check mode and diff mode.
seealso:
  - module: dscoffload.offload.snapshot
  - module: dscoffload.offload.win_apply
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
'''

EXAMPLES = r'''
- name: Apply the offload baseline (check mode previews it with the binary's what-if)
  dscoffload.offload.apply:
    src: files/linux-offload-baseline.dsc.yaml
    parameters:
      interfacePattern: 'eth*'
  register: offload

- name: Reboot when the binary says a restart is pending
  ansible.builtin.reboot:
  when: offload.reboot_required

- name: Only report drift, change nothing even outside check mode
  dscoffload.offload.apply:
    src: /etc/dscoffload/baseline.dsc.yaml
    remote_src: true
    operation: test
  register: compliance
'''

RETURN = r'''
changed:
  description: Whether a setting changed (check mode - would change).
  returned: always
  type: bool
rc:
  description: Exit code of C(dscoffload) (0 success, 2 a resource failed, 3 not root, 4 bad document, 5 schema, 6 busy, 7 partly applied).
  returned: when the binary ran
  type: int
msg:
  description: On failure the cause, as the binary states it (with file:line:column of the document where it has one).
  returned: always
  type: str
results:
  description: The binary's result per document instance (C(name), C(type), C(result) or C(error)).
  returned: when the binary printed a result
  type: list
  elements: dict
changed_instances:
  description: Names of the instances that changed (or would change).
  returned: always
  type: list
  elements: str
in_desired_state:
  description: Whether every instance is already as the document asks.
  returned: when the binary printed a result
  type: bool
reboot_required:
  description: True when the binary reports that a system restart is needed for a change to take effect.
  returned: always
  type: bool
restart_required:
  description: Every restart the results ask for, as DSC C(restartRequired) items (for example C(system) with the host name).
  returned: always
  type: list
  elements: dict
rollback_id:
  description: The journal entry of this change; C(dscoffload rollback --id ID) puts the previous settings back.
  returned: when a change was journaled
  type: str
  sample: 20261203T073613178Z-1e2222
host:
  description: The host name the binary reports (from the kernel, so it differs per host).
  returned: when the binary printed a result
  type: str
messages:
  description: The binary's messages (what changed, warnings, errors).
  returned: when the binary printed a result
  type: list
  elements: dict
stderr_lines:
  description: The binary's standard error.
  returned: always
  type: list
  elements: str
elapsed:
  description: Seconds the binary took (wall time on the host).
  returned: always
  type: float
'''

import json
import os
import shutil
import tempfile
import time

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.dscoffload.offload.plugins.module_utils.envelope import (
    ansible_diff, drift, errors, parse_envelope, restarts)


def find_binary(module, name):
    if os.path.sep in name:
        if not os.access(name, os.X_OK):
            module.fail_json(msg='dscoffload binary %s is missing or not executable' % name, changed=False)
        return name
    return module.get_bin_path(name, required=True, opt_dirs=['/usr/local/bin'])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            src=dict(type='path', required=True),
            remote_src=dict(type='bool', default=False),
            parameters=dict(type='dict'),
            operation=dict(type='str', choices=['set', 'test'], default='set'),
            executable=dict(type='str', default='dscoffload'),
            state_dir=dict(type='path'),
            ignore_foreign_types=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )
    p = module.params
    result = dict(changed=False, changed_instances=[], reboot_required=False, restart_required=[], stderr_lines=[], elapsed=0.0)
    if not os.path.isfile(p['src']):
        module.fail_json(msg='document %s not found on the host' % p['src'], **result)
    binary = find_binary(module, p['executable'])

    args = [binary, 'config', p['operation'], '--file', p['src'], '--format', 'json']
    what_if = module.check_mode and p['operation'] == 'set'
    if what_if:
        args.append('--what-if')
    if p['ignore_foreign_types']:
        args.append('--ignore-foreign-types')
    workdir = tempfile.mkdtemp(prefix='dscoffload-')
    try:
        if p['parameters']:
            path = os.path.join(workdir, 'parameters.json')
            with open(path, 'w') as handle:
                json.dump({'parameters': p['parameters']}, handle)
            args.extend(['--parameters-file', path])
        env = {'NO_COLOR': '1'}
        if p['state_dir']:
            env['DSCOFFLOAD_STATE_DIR'] = p['state_dir']
        started = time.time()
        rc, stdout, stderr = module.run_command(args, environ_update=env)
        result['elapsed'] = round(time.time() - started, 4)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    result['rc'] = rc
    result['stderr_lines'] = stderr.splitlines()
    envelope = parse_envelope(stdout)
    if envelope is None:
        module.fail_json(msg=first_error_line(stderr) or 'dscoffload exited %d without a result' % rc, stdout=stdout, **result)

    results = envelope.get('results') or []
    result['results'] = results
    result['messages'] = envelope.get('messages') or []
    ours = (envelope.get('metadata') or {}).get('DscOffload') or {}
    result['host'] = ours.get('host')
    journal = ours.get('journal') or {}
    if journal.get('id'):
        result['rollback_id'] = journal['id']
    result['restart_required'] = restarts(envelope)
    result['reboot_required'] = any('system' in item for item in result['restart_required'])

    drifted = drift(envelope)
    if p['operation'] == 'set':
        changed = [r.get('name') for r in results if (r.get('result') or {}).get('changedProperties')]
        result['changed_instances'] = changed
        result['changed'] = bool(changed)
        # After a set the host is as asked unless an instance failed; what-if tells what still differs.
        result['in_desired_state'] = not drifted if what_if else not errors(envelope)
    else:
        result['changed_instances'] = sorted(drifted)
        result['in_desired_state'] = not drifted and not errors(envelope)
    if module._diff:
        note = 'predicted by what-if' if what_if else ('desired' if p['operation'] == 'test' else None)
        result['diff'] = ansible_diff(envelope, note)

    if rc != 0 or envelope.get('hadErrors'):
        problems = errors(envelope)
        result['msg'] = first_error_line(stderr) or (problems[0] if problems else 'dscoffload exited %d' % rc)
        module.fail_json(**result)
    result['msg'] = summary(p['operation'], what_if, result)
    module.exit_json(**result)


def first_error_line(stderr):
    """The binary's one-line reason: an error line first, else the first line that is not a warning."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if 'error' in line.lower():
            return line
    for line in lines:
        if not line.lower().startswith(('warning', 'information', 'info')):
            return line
    return ''


def summary(operation, what_if, result):
    names = ', '.join(str(n) for n in result['changed_instances'])
    if operation == 'test':
        return 'in desired state' if result['in_desired_state'] else 'drift in: %s' % names
    if not result['changed']:
        return 'no change needed'
    return ('would change: %s' if what_if else 'changed: %s') % names


if __name__ == '__main__':
    main()
