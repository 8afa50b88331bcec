"""Processor time (user + system) of a child process: on a shared machine the wall clock
measures the neighbours, the processor time only the command."""

from __future__ import annotations

import resource
import subprocess


def timed_run(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``command`` with its output captured; its processor seconds and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done
