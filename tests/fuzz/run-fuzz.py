#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one libFuzzer target for a short time and reports it as one TAP case.

    run-fuzz.py FUZZER NAME SEED_DIR BUILD_DIR

Seconds come from PACTA_FUZZ_SECONDS (default 30; 0 skips). The seeds in
SEED_DIR are read, never written: new inputs go to BUILD_DIR/corpus/NAME,
which later runs start from. A crash, leak or timeout is a failed case, with
the input that caused it kept in BUILD_DIR/crashes/NAME and its path printed.
"""
import os
import re
import subprocess
import sys
import time

STATS = re.compile(r'^stat::(\w+):\s*(\d+)')
PROGRESS = re.compile(r'#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)')
ARTIFACT = re.compile(r'Test unit written to (\S+)')


def main(fuzzer, name, seeds, build_dir):
    seconds = int(os.environ.get('PACTA_FUZZ_SECONDS', '30'))
    print('1..1')
    if seconds <= 0:
        print(f'ok 1 - fuzz {name} # SKIP PACTA_FUZZ_SECONDS=0')
        return 0

    fuzzer = os.path.abspath(fuzzer)
    build_dir = os.path.abspath(build_dir)
    corpus = os.path.join(build_dir, 'corpus', name)
    crashes = os.path.join(build_dir, 'crashes', name)
    log_path = os.path.join(build_dir, f'fuzz-{name}.log')
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)

    args = [fuzzer, corpus, seeds,
            f'-max_total_time={seconds}',
            # generous: the machine may be busy, and a slow input is a finding only when it is very slow
            '-timeout=25',
            '-rss_limit_mb=2048',
            '-print_final_stats=1',
            f'-artifact_prefix={crashes}/']
    dictionary = os.path.join(os.path.dirname(os.path.abspath(__file__)), f'{name}.dict')
    if os.path.exists(dictionary):
        args.append(f'-dict={dictionary}')

    started = time.monotonic()
    with open(log_path, 'w', encoding='utf-8', errors='replace') as log:
        result = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - started

    with open(log_path, encoding='utf-8', errors='replace') as log:
        lines = log.read().splitlines()

    stats, progress, artifacts = {}, None, []
    for line in lines:
        if m := STATS.match(line):
            stats[m.group(1)] = int(m.group(2))
        elif m := PROGRESS.search(line):
            progress = m
        if m := ARTIFACT.search(line):
            artifacts.append(m.group(1))

    runs = stats.get('number_of_executed_units', int(progress.group(1)) if progress else 0)
    summary = f'{runs} runs in {elapsed:.0f} s ({runs / max(elapsed, 1):.0f}/s)'
    if progress:
        summary += (f', coverage {progress.group(2)} edges, {progress.group(3)} features,'
                    f' corpus {progress.group(4)} inputs')
    if 'peak_rss_mb' in stats:
        summary += f', peak RSS {stats["peak_rss_mb"]} MB'
    print(f'# {name}: {summary}')

    if result.returncode == 0 and not artifacts:
        print(f'ok 1 - fuzz {name}')
        return 0

    # The sanitizer's report, then where the input is and how to replay it
    sys.stderr.write('\n'.join(lines[-80:]) + '\n')
    print(f'# {name}: exit status {result.returncode}; full log: {log_path}')
    for path in artifacts:
        print(f'# crashing input: {path}')
        print(f'# reproduce: {fuzzer} {path}')
    print(f'not ok 1 - fuzz {name}')
    return 1


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
