"""Timing shared by the bench scripts: commands run in alternating rounds, and the machine."""

import os
import platform
import statistics
import subprocess
import sys
import time


def run(cmd):
    """Seconds one shell command takes; a failing command stops the bench."""
    started = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True, executable="/bin/bash")
    return time.perf_counter() - started


def medians(commands, rounds):
    """Median seconds of each (name, command): a warm-up run of each (the files in the page
    cache, the binaries loaded), then `rounds` rounds that run every command once, in turn, so
    that a machine's drift reaches all of them alike."""
    for _, cmd in commands:
        run(cmd)
    times = {name: [] for name, _ in commands}
    for r in range(rounds):
        for name, cmd in commands:
            times[name].append(run(cmd))
        print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    return {name: statistics.median(t) for name, t in times.items()}


def machine():
    """Cores and processor model, for the results' header."""
    cpu = subprocess.run(
        ["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{os.cpu_count()} cores, {cpu or platform.machine()}"
