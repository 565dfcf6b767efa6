# -*- coding: utf-8 -*-
# Copyright: DscOffload contributors
# MIT License (see LICENSE)
"""Reads the JSON envelope that ``dscoffload config set|test --format json`` prints.

Shared by the Linux module and the tests so that "changed", the per-property diff and the drift
reported by check mode are computed in one place.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

# Bookkeeping the binary adds to a state; it is not a setting, so it never counts as a change.
_NOT_SETTINGS = frozenset(['inDesiredState', 'differingProperties', 'ifindex', 'persisted', '_inDesiredState'])


def parse_envelope(stdout):
    """Returns the first JSON object of the output (one host per line), or None when there is none."""
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith('{'):
            try:
                return json.loads(line)
            except ValueError:
                pass
    try:
        return json.loads(stdout)
    except ValueError:
        return None


def parse_envelopes(stdout):
    """Every envelope of a fleet run (JSON Lines: one per recorded host)."""
    found = []
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith('{'):
            found.append(json.loads(line))
    return found


def _flatten(prefix, value, out):
    if isinstance(value, dict):
        for key in sorted(value):
            if key in _NOT_SETTINGS or key.startswith('_'):
                continue
            _flatten(prefix + '.' + key if prefix else key, value[key], out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) and 'name' in v for v in value):
        # Lists of named items (adapters) are compared by name, not position.
        for item in value:
            _flatten('%s[%s]' % (prefix, item['name']), dict((k, v) for k, v in item.items() if k != 'name'), out)
    else:
        out[prefix] = value


def settings_of(state):
    """A state as {dotted.path: value}. With per-adapter detail, only the adapters are kept: the
    top-level values then only summarise them."""
    state = state or {}
    if isinstance(state.get('adapters'), list):
        adapter_keys = set()
        for adapter in state['adapters']:
            adapter_keys.update(adapter.keys())
        state = dict((k, v) for k, v in state.items() if k == 'adapters' or k not in adapter_keys)
    flat = {}
    _flatten('', state, flat)
    # "adapters[data0].features.tso" reads better as "data0 features.tso" in a diff.
    return dict((re.sub(r'^adapters\[(.+?)\]\.', r'\1 ', k), v) for k, v in flat.items())


def differences(before, after):
    """{path: (before, after)} for every setting whose value differs (missing on one side counts)."""
    b = settings_of(before)
    a = settings_of(after)
    return dict((k, (b.get(k), a.get(k))) for k in sorted(set(b) | set(a)) if b.get(k) != a.get(k))


def instance_states(result):
    """(current, desired-or-after) of one instance's result, for set and test envelopes alike."""
    body = result.get('result') or {}
    if 'beforeState' in body or 'afterState' in body:
        return body.get('beforeState'), body.get('afterState')
    actual = body.get('actualState')
    desired = body.get('desiredState')
    if isinstance(actual, dict) and isinstance(actual.get('adapters'), list):
        # test reports desired values once for the pattern: spread them over each matched adapter.
        wanted = dict((k, v) for k, v in (desired or {}).items() if k != 'name')
        expanded = []
        for adapter in actual['adapters']:
            merged = dict(adapter)
            for key, value in wanted.items():
                if isinstance(value, dict) and isinstance(adapter.get(key), dict):
                    merged[key] = dict(adapter[key], **value)
                else:
                    merged[key] = value
            expanded.append(merged)
        desired = dict(desired or {}, adapters=expanded)
    return actual, desired


def drift(envelope):
    """{instance name: {path: (current, desired)}} for the instances whose settings differ (or would
    change, in what-if)."""
    found = {}
    for result in envelope.get('results') or []:
        if 'error' in result:
            continue
        current, desired = instance_states(result)
        changed = differences(current, desired)
        if changed:
            found[result.get('name')] = changed
    return found


def restarts(envelope):
    """Every restart the results ask for (DSC's restartRequired items)."""
    items = []
    for result in envelope.get('results') or []:
        # dsc's shape puts them in executionInformation; older envelopes had them on the entry.
        items.extend((result.get('executionInformation') or {}).get('restartRequired') or result.get('restartRequired') or [])
        after = (result.get('result') or {}).get('afterState') or {}
        items.extend(after.get('_restartRequired') or [])
    return items


def errors(envelope):
    """The error text of each failed instance, in document order: dsc's shape reports them as error messages
    naming the instance (older envelopes had an ``error`` key on the entry)."""
    found = ['%s: %s' % (r.get('name'), r['error']) for r in envelope.get('results') or [] if 'error' in r]
    found.extend('%s: %s' % (m.get('name'), m.get('message')) for m in envelope.get('messages') or []
                 if m.get('level') == 'error' and m.get('name'))
    return found


def _text(value):
    return json.dumps(value) if not isinstance(value, str) else value


def ansible_diff(envelope, after_note=None):
    """One Ansible diff per instance that changed (or would change): only the changed settings, as
    ``path: value`` lines so that ``--diff`` prints one -/+ pair per setting."""
    diffs = []
    for name, changed in sorted(drift(envelope).items(), key=lambda item: str(item[0])):
        diffs.append({
            'before_header': name,
            'after_header': '%s (%s)' % (name, after_note) if after_note else name,
            'before': ''.join('%s: %s\n' % (k, _text(v[0])) for k, v in changed.items()),
            'after': ''.join('%s: %s\n' % (k, _text(v[1])) for k, v in changed.items()),
        })
    return diffs
