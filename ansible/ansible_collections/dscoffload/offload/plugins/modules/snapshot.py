#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: snapshot
short_description: Record a host's offload state and bring it to the controller
version_added: 0.1.0
description:
  - Runs C(dscoffload snapshot) on the host (read-only) and writes the recording to C(dest) on the controller
    as C(<inventory_hostname>.dsc.json).
  - A directory of such recordings is what C(dscoffload config test --against DIR) and the CI dry runs read,
    so a pipeline can check a change against fresh recordings of the whole fleet without touching it.
  - The file is rewritten only when a recorded setting differs from the file already there (the recording
    time alone does not count); C(changed) says so.
author:
  - DscOffload contributors
options:
  dest:
    description:
      - Directory on the controller for the recordings; created when missing.
    type: path
    required: true
  filename:
    description:
      - File name in C(dest). Default C(<inventory_hostname>.dsc.json).
    type: str
  executable:
    description:
      - The C(dscoffload) binary on the host, a name looked up on C(PATH) and in C(/usr/local/bin), or a full path.
    type: str
    default: dscoffload
notes:
  - Runs in check mode too (it only reads the host); in check mode the controller file is not written.
  - The host name in the recording is the host's own (its kernel host name), as on the live host.
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
seealso:
  - module: dscoffload.offload.apply
'''

EXAMPLES = r'''
- name: Record every host for a CI dry run
  dscoffload.offload.snapshot:
    dest: '{{ playbook_dir }}/snapshots'

# Then, on the controller:
#   dscoffload config test --file baseline.dsc.yaml --against snapshots/ --format diff
'''

RETURN = r'''
snapshot:
  description: The recording, a DSC export document of every DscOffload resource on the host.
  returned: success
  type: dict
path:
  description: The file written (or left as it was) on the controller.
  returned: success
  type: str
instances:
  description: Number of recorded instances (adapters and host-wide settings).
  returned: success
  type: int
rc:
  description: Exit code of C(dscoffload snapshot).
  returned: when the binary ran
  type: int
msg:
  description: On failure, the binary's reason.
  returned: failure
  type: str
'''

import json
import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type='path', required=True),
            filename=dict(type='str'),
            executable=dict(type='str', default='dscoffload'),
        ),
        supports_check_mode=True,
    )
    name = module.params['executable']
    binary = name if os.path.sep in name else module.get_bin_path(name, required=True, opt_dirs=['/usr/local/bin'])
    rc, stdout, stderr = module.run_command([binary, 'snapshot'], environ_update={'NO_COLOR': '1'})
    if rc != 0:
        lines = [line for line in stderr.splitlines() if line.strip()]
        module.fail_json(msg=lines[0] if lines else 'dscoffload snapshot exited %d' % rc, rc=rc, stderr_lines=stderr.splitlines())
    try:
        snapshot = json.loads(stdout)
    except ValueError:
        module.fail_json(msg='dscoffload snapshot printed no JSON document', rc=rc, stdout=stdout)
    module.exit_json(changed=False, rc=rc, snapshot=snapshot, instances=len(snapshot.get('resources') or []))


if __name__ == '__main__':
    main()
