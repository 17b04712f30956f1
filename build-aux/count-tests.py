#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts individual test cases in meson's test logs and prints 'N passed, N failed'.

    count-tests.py TESTLOG.json… [LABEL=TESTLOG.json…]

GLib tests speak TAP, so each 'ok N' / 'not ok N' line is one case; a test
program that is not TAP (the data validators) counts as one case. A TAP
program that crashed before reporting its failure counts one failure more.
Several logs (the normal suites, the fuzz run) add up into one line; a log
that is missing, because its build failed, counts as one failure, and so
does a line that is not a test result. A log given as LABEL=PATH counts as
one case named LABEL, passed when every test in it passed (the suites run
again at a hard date are one case each).
"""
import json
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def main(paths):
    passed = failed = skipped = 0
    for path in paths:
        label, _, labelled = path.rpartition('=')
        if label:
            if whole(label, labelled):
                passed += 1
            else:
                failed += 1
            continue
        try:
            log = open(path, encoding='utf-8', errors='replace')
        except FileNotFoundError:
            print(f'count-tests: no test log {path}', file=sys.stderr)
            failed += 1
            continue
        with log:
            p, f, s = count(log, path)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed else 0


def whole(label, path):
    """One case for a whole log: True when it exists and nothing in it failed"""
    try:
        log = open(path, encoding='utf-8', errors='replace')
    except FileNotFoundError:
        print(f'count-tests: {label}: no test log {path}', file=sys.stderr)
        return False
    with log:
        names = []
        n_entries = 0
        for line in log:
            n_entries += 1
            try:
                entry = json.loads(line)
            except ValueError:
                names.append('(a line that is not a test result)')
                continue
            failed = [c.group(2).strip() for c in
                      (TAP.match(l) for l in (entry.get('stdout') or '').splitlines())
                      if c and c.group(1) == 'not ok']
            if entry['result'] not in ('OK', 'EXPECTEDFAIL', 'SKIP') or failed:
                names.append(entry['name'] + (': ' + ', '.join(failed) if failed else
                                              ' (' + entry['result'] + ')'))
    if n_entries == 0:
        names.append('no test ran')
    if not names:
        return True
    print(f'count-tests: {label}: failed: ' + '; '.join(names), file=sys.stderr)
    return False


def count(log, path):
    passed = failed = skipped = 0
    for number, line in enumerate(log, 1):
        try:
            entry = json.loads(line)
        except ValueError:
            # Two meson test runs writing the same log at once leave garbage
            print(f'count-tests: {path}:{number}: not a test result', file=sys.stderr)
            failed += 1
            continue
        cases = [TAP.match(l) for l in (entry.get('stdout') or '').splitlines()]
        cases = [c for c in cases if c]
        ok_result = entry['result'] in ('OK', 'EXPECTEDFAIL', 'SKIP')
        if not cases:
            if entry['result'] == 'SKIP':
                skipped += 1
            elif ok_result:
                passed += 1
            else:
                failed += 1
            continue
        n_failed = 0
        for c in cases:
            if '# SKIP' in c.group(2):
                skipped += 1
            elif c.group(1) == 'ok':
                passed += 1
            else:
                n_failed += 1
        if n_failed == 0 and not ok_result:
            n_failed = 1
        failed += n_failed
    return passed, failed, skipped


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
