# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
"""The controller-side half of dscoffload.offload.win_apply: the same document transfer as apply."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dscoffload.offload.plugins.action.apply import ActionModule as ApplyAction


class ActionModule(ApplyAction):

    MODULE = 'dscoffload.offload.win_apply'
