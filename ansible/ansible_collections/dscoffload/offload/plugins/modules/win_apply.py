#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
# Documentation of the PowerShell module win_apply.ps1 (Windows hosts run the .ps1; this file only documents it).

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: win_apply
short_description: Apply a DscOffload document on a Windows host (unverified)
version_added: 0.1.0
description:
  - Runs C(dscoffload.exe config set) (or C(config test)) with a DSC v3 configuration document of
    C(DscOffload.Windows/*) resources on the managed host.
  - In check mode the module runs C(dscoffload config set --what-if), the binary's own prediction of what
    C(set) would change; nothing on the host is changed, and C(changed) says whether something would change.
  - With C(--diff) the module shows, for every instance that changed (or would change), one before/after line
    per changed setting (for example C(data0 features.tx-tcp-segmentation)).
  - C(changed) is true exactly when the binary reports changed properties (in check mode, when its what-if
    predicts a change). A second run on a converged host reports C(changed=false).
  - The document is copied from the controller unless C(remote_src=true).
  - The C(dscoffload) binary must already be on the host; the C(dscoffload.offload.install) role puts it there.
  - The Windows variant of M(dscoffload.offload.apply), with the same options and return values.
  - B(Unverified) - this module has not yet run against a Windows host (none is reachable from the build
    machines); the Linux module it mirrors is tested over SSH on a simulated fleet.
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
      - The C(dscoffload.exe) binary, a full path or a name looked up on C(PATH) and in
        C(%ProgramFiles%\\DscOffload).
    type: str
    default: dscoffload.exe
  state_dir:
    description:
      - The directory for the change journal and host lock (C(DSCOFFLOAD_STATE_DIR)).
      - Default is the binary's own, C(%ProgramData%\\DscOffload).
    type: path
  ignore_foreign_types:
    description:
      - Skip instances of resource types that are not DscOffload's, with a warning (C(--ignore-foreign-types)).
    type: bool
    default: false
notes:
  - Changing offloads needs an elevated session (an administrator connection or C(become)).
  - Prefer C(restartPolicy Never) in the document when Ansible is connected through an adapter the document
    changes; the settings then take effect at the next adapter or host restart and C(reboot_required) says so.
  - Check mode never takes the host lock nor writes the journal.
  - Supports check mode and diff mode.
seealso:
  - module: dscoffload.offload.snapshot
  - module: dscoffload.offload.apply
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
'''

EXAMPLES = r'''
- name: Apply the offload baseline (check mode previews it with the binary's what-if)
  dscoffload.offload.win_apply:
    src: files/fast-search-ipsec-baseline.dsc.yaml
    parameters:
      restartPolicy: Never
    executable: 'C:\\Program Files\\DscOffload\\dscoffload.exe'
  register: offload

- name: Reboot when the binary says a restart is pending
  ansible.windows.win_reboot:
  when: offload.reboot_required
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
  description: The host name the binary reports (the computer name).
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
