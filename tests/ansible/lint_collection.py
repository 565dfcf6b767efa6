#!/usr/bin/env python3
"""Lint of the dscoffload.offload collection that works offline.

1. The ansible-test sanity tests that need no Python packages from the network (validate-modules, pylint,
   pep8, yamllint and import need a virtual environment with pip, which this machine cannot fill).
2. In place of validate-modules: every module's DOCUMENTATION, EXAMPLES and RETURN parse as YAML, and the
   documented options equal the argument spec (names, types, defaults, choices, required) of the Python
   module and of the PowerShell variant.
3. Every YAML file of the collection parses.
"""

import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

OFFLINE_SANITY = ['action-plugin-docs', 'compile', 'empty-init', 'future-import-boilerplate', 'metaclass-boilerplate',
                  'line-endings', 'no-smart-quotes', 'shebang', 'symlinks', 'use-argspec-type-path', 'no-assert',
                  'no-basestring', 'no-dict-iteritems', 'no-dict-iterkeys', 'no-dict-itervalues', 'no-get-exception',
                  'no-illegal-filenames', 'no-main-display', 'no-unicode-literals', 'replace-urlopen', 'use-compat-six']


def sanity(collection, problems):
    work = tempfile.mkdtemp(prefix='dscoffload-sanity-')
    try:
        copy = os.path.join(work, 'ansible_collections', 'dscoffload', 'offload')
        shutil.copytree(collection, copy)
        args = ['ansible-test', 'sanity', '--python', '%d.%d' % sys.version_info[:2]]
        for test in OFFLINE_SANITY:
            args += ['--test', test]
        done = subprocess.run(args, cwd=copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print('ansible-test sanity (%d offline tests): exit %d' % (len(OFFLINE_SANITY), done.returncode))
        if done.returncode != 0:
            problems.append('ansible-test sanity:\n' + done.stdout[-3000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def documented(path):
    tree = ast.parse(open(path).read())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and getattr(node.targets[0], 'id', None) in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'):
            found[node.targets[0].id] = node.value.value
    return found


def python_spec(path):
    """The argument_spec dict literal of a Python module."""
    tree = ast.parse(open(path).read())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == 'argument_spec':
            spec = {}
            for option in node.value.keywords:
                spec[option.arg] = dict((k.arg, ast.literal_eval(k.value)) for k in option.value.keywords)
            return spec
    return None


def powershell_spec(path):
    """Option names, types, defaults, choices and required of a PowerShell module's $spec."""
    text = open(path).read()
    options = {}
    for name, body in re.findall(r'^\s+(\w+) = @\{ (.*?) \}$', text, re.M):
        entry = {}
        for key, value in re.findall(r"(\w+) = ('[^']*'|\$\w+|@\([^)]*\))", body):
            if value.startswith('@('):
                entry[key] = re.findall(r"'([^']*)'", value)
            elif value in ('$true', '$false'):
                entry[key] = value == '$true'
            else:
                entry[key] = value.strip("'")
        options[name] = entry
    return options


def compare(module, docs, spec, problems):
    documented_options = (docs or {}).get('options') or {}
    if sorted(documented_options) != sorted(spec):
        problems.append('%s: documented options %s, argument spec %s' % (module, sorted(documented_options), sorted(spec)))
        return
    for name, doc in documented_options.items():
        code = spec[name]
        for field, default in (('type', 'str'), ('default', None), ('choices', None), ('required', False)):
            if doc.get(field, default) != code.get(field, default):
                problems.append('%s: option %s: %s documented %r, in code %r' % (module, name, field, doc.get(field, default), code.get(field, default)))


def modules(collection, problems):
    for path in sorted(glob.glob(os.path.join(collection, 'plugins', 'modules', '*.py'))):
        name = os.path.basename(path)[:-3]
        blocks = documented(path)
        parsed = {}
        for block in ('DOCUMENTATION', 'EXAMPLES', 'RETURN'):
            if block not in blocks:
                problems.append('%s: no %s' % (name, block))
                continue
            try:
                parsed[block] = yaml.safe_load(blocks[block])
            except yaml.YAMLError as error:
                problems.append('%s: %s is not YAML: %s' % (name, block, error))
        docs = parsed.get('DOCUMENTATION') or {}
        if docs.get('module') != name:
            problems.append('%s: DOCUMENTATION names module %r' % (name, docs.get('module')))
        if not isinstance(parsed.get('EXAMPLES'), list):
            problems.append('%s: EXAMPLES is not a list of tasks' % name)
        powershell = path[:-3] + '.ps1'
        spec = powershell_spec(powershell) if os.path.exists(powershell) else python_spec(path)
        if spec is None:
            problems.append('%s: no argument spec found' % name)
        else:
            compare(name, docs, spec, problems)
        print('module %s: documentation checked against %s' % (name, os.path.basename(powershell if os.path.exists(powershell) else path)))


def yaml_files(collection, problems):
    for path in sorted(glob.glob(os.path.join(collection, '**', '*.yml'), recursive=True)):
        try:
            yaml.safe_load(open(path))
        except yaml.YAMLError as error:
            problems.append('%s: %s' % (path, error))


def main():
    collection = os.path.abspath(sys.argv[1])
    problems = []
    sanity(collection, problems)
    modules(collection, problems)
    yaml_files(collection, problems)
    for problem in problems:
        print('problem: %s' % problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
