#!/usr/bin/env python3
"""Counts individual test cases in meson's testlog.json and prints 'N passed, N failed'.

GLib tests speak TAP, so each 'ok N' / 'not ok N' line is one case; a test
program that is not TAP (the data validators) counts as one case. A TAP
program that crashed before reporting its failure counts one failure more.
"""
import json
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def main(path):
    passed = failed = skipped = 0
    with open(path, encoding='utf-8') as log:
        for line in log:
            entry = json.loads(line)
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
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
