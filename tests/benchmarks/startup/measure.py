#!/usr/bin/env python3
"""Interleaved start-up measurement of a few commands, for tests/benchmarks/startup/run.sh.

Usage: measure.py ROUNDS WARMUP NAME=COMMAND_JSON ... [-- RATIO=A/B[<=LIMIT] ...]

Each round runs every command once, in a new random order, so that load from other work on the machine
falls on all of them alike. Each run is posix_spawn + wait4 with stdout and stderr on /dev/null: wall time
is measured around exactly that, CPU time (user + system) comes from the kernel's accounting of the child.
Peak RSS is measured apart, with GNU time (%M, the child's VmHWM) over RSS_RUNS runs per command: the
ru_maxrss of a child spawned from this Python process would report Python's own size, which the kernel
carries over an exec. Prints medians per command and, for each ratio, both the ratio of the medians and
the median of the per-round ratios; a LIMIT is checked against the ratio of medians.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(argv, devnull):
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - start) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} exited with {os.waitstatus_to_exitcode(status)}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def peak_rss_mb(argv, runs):
    peaks = []
    with tempfile.NamedTemporaryFile("r") as out:
        for _ in range(runs):
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *argv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            out.seek(0)
            peaks.append(int(out.read().split()[-1]) / 1024)
    return peaks


def main():
    rounds, warmup = int(sys.argv[1]), int(sys.argv[2])
    rest = sys.argv[3:]
    split = rest.index("--") if "--" in rest else len(rest)
    commands = dict(arg.split("=", 1) for arg in rest[:split])
    commands = {name: json.loads(argv) for name, argv in commands.items()}
    ratios = rest[split + 1:]
    devnull = os.open(os.devnull, os.O_WRONLY)
    samples = {name: [] for name in commands}
    names = list(commands)
    for r in range(warmup + rounds):
        random.shuffle(names)
        for name in names:
            result = run_once(commands[name], devnull)
            if r >= warmup:
                samples[name].append(result)

    rss_runs = int(os.environ.get("RSS_RUNS", "20"))
    rss = {name: peak_rss_mb(argv, rss_runs) for name, argv in commands.items()}

    print(f"{rounds} interleaved rounds after {warmup} warm-up rounds; load average {open('/proc/loadavg').read().split()[0]} on {os.cpu_count()} CPUs")
    print(f"| command | median wall (ms) | median CPU (ms) | peak RSS median / max (MB, {rss_runs} runs) |")
    print("|---|---|---|---|")
    for name in commands:
        walls = [s[0] for s in samples[name]]
        cpus = [s[1] for s in samples[name]]
        print(f"| {name} | {statistics.median(walls):.2f} | {statistics.median(cpus):.2f} | {statistics.median(rss[name]):.1f} / {max(rss[name]):.1f} |")

    failed = False
    print()
    print("| ratio | wall, of medians | wall, median of per-round ratios | CPU, of medians | limit (wall, of medians) |")
    print("|---|---|---|---|---|")
    for spec in ratios:
        pair, _, limit = spec.partition("<=")
        a, b = pair.split("/")
        of_medians = statistics.median(s[0] for s in samples[a]) / statistics.median(s[0] for s in samples[b])
        per_round = statistics.median(x[0] / y[0] for x, y in zip(samples[a], samples[b]))
        cpu = statistics.median(s[1] for s in samples[a]) / statistics.median(s[1] for s in samples[b])
        verdict = ""
        if limit:
            met = of_medians <= float(limit)
            failed |= not met
            verdict = f"<= {limit}: {'met' if met else 'NOT met'}"
        print(f"| {a} / {b} | {of_medians:.2f} | {per_round:.2f} | {cpu:.2f} | {verdict} |")

    rss_limit = os.environ.get("RSS_LIMIT_MB")
    if rss_limit:
        for name in os.environ.get("RSS_CHECK", "").split():
            peak = max(rss[name])
            met = peak <= float(rss_limit)
            failed |= not met
            print(f"peak RSS of {name}: {peak:.1f} MB (max over all runs), limit {rss_limit} MB: {'met' if met else 'NOT met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
