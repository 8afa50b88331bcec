"""Speed and memory of qa-tool against its parse-only ceiling and Translate Toolkit's pofilter.

    python benchmarks/run.py --sizes 10000 100000 1000000

Run it with the Python that has qa-tool installed (/work/venv/bin/python). For each size it
builds a corpus of real recombined zh→en pairs with injected errors (benchmarks/corpus.py)
in a temporary folder, written as TMX 1.4, XLIFF 1.2, TSV and PO with the same content,
then measures, each in its own process: a parse-only pass over qa_tool.readers (the
ceiling), `qa-tool check` with the default rules and a JSON report, with one job and with
`--jobs 2` when `qa-tool check --help` offers it, and `pofilter` on the PO, XLIFF and TMX.
pofilter lives in its own virtual environment (--venv, created on first use with
translate-toolkit; it is GPL and never a dependency of qa-tool). Above --large-size,
pofilter is skipped (nothing is extrapolated) and only --large-formats are measured.

It also times start-up (`qa-tool --help` and a 10-pair check, median of 5), profiles
`qa-tool check` on the --profile-size TMX, prints the tables, and rewrites docs/benchmarks.md
(atomically, after every size, so a long run that is stopped keeps what it measured).
Memory is the larger of the kernel's peak resident set of the biggest process (wait4
ru_maxrss) and the sampled sum of proportional set sizes (PSS) over the process and its
workers: forked workers share pages with their parent, which a sum of RSS counts twice.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import qa_tool

from corpus import CORPUS_FORMATS, JOINED_SHARE, Corpus, Sentence, build_corpus, sentence_pool
from doc_sections import write_page

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DOC = REPO / "docs" / "benchmarks.md"
QA_TOOL = [sys.executable, "-m", "qa_tool"]
PARSE_ONLY = [
    sys.executable,
    "-c",
    "import sys\n"
    "from qa_tool.readers import ReadOptions, open_input, read_pairs\n"
    "with open_input(sys.argv[1]) as stream:\n"
    "    print(sum(1 for _ in read_pairs(stream, sys.argv[1], ReadOptions())))\n",
]
PARALLEL_JOBS = 2
STARTUP_RUNS = 5
STARTUP_TARGET_SECONDS = 0.5
# How often the memory of a process tree is summed.
SAMPLE_SECONDS = 0.1
# The targets of the two speed issues: pofilter's pairs/s times these, one job and --jobs 2 (the
# first round asked for 10× and 20×, the second for 3× and 5×).
POFILTER_SPEEDUPS = ((10.0, 20.0), (3.0, 5.0))
# The second round also asks for twice the first round's one-job rate on the 100,000-pair TMX.
FIRST_ROUND_PAIRS_PER_SECOND, FIRST_ROUND_SIZE, FIRST_ROUND_SPEEDUP = 3_142, 100_000, 2.0
PARSE_SHARE_TARGET = 0.5
MILLION, MILLION_SECONDS_TARGET = 1_000_000, 120.0
PEAK_MB_TARGET = 300.0
# "Flat in file size": peak memory at the largest size at most this many times that at the smallest.
FLAT_GROWTH = 1.5
PROFILE_TOP = 15
# How much of a run's standard output is kept: enough for the summary at the top of a JSON report.
OUTPUT_HEAD_BYTES = 8192
_REPORT_COUNT = re.compile(r'"(pairs|findings)": (\d+)')

PARSE, ONE_JOB, JOBS, POFILTER = "parse-only", "qa-tool 1 job", f"qa-tool --jobs {PARALLEL_JOBS}", "pofilter"
TOOLS = (PARSE, ONE_JOB, JOBS, POFILTER)
QA_FORMATS = ("tmx", "xliff", "tsv")
POFILTER_FORMATS = ("po", "xliff", "tmx")


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    error: str
    output_head: str


@dataclass(frozen=True, slots=True)
class Measurement:
    size: int
    format: str
    tool: str
    wall: float
    cpu: float
    peak_mb: float
    # Pairs the tool says it read and findings it reported, where its output tells.
    pairs_read: int | None
    findings: int | None
    failed: str = ""

    @property
    def pairs_per_second(self) -> float:
        return self.size / self.wall


@dataclass
class Results:
    """Everything one invocation measured, for the tables and the doc."""

    machine: dict[str, str]
    notes: list[str]
    corpora: dict[int, Corpus] = field(default_factory=dict)
    file_mb: dict[tuple[int, str], float] = field(default_factory=dict)
    measurements: dict[tuple[int, str, str], Measurement] = field(default_factory=dict)
    startup: dict[str, float] = field(default_factory=dict)
    profile: list[str] = field(default_factory=list)
    load_after: str = ""


class TreeMemory:
    """Samples the summed proportional set size (PSS) of a process and its descendants until
    stopped: forked --jobs workers share pages with their parent, which a sum of RSS would
    count once per process."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE")

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.peak_bytes = max(self.peak_bytes, sum(self._rss(pid) for pid in self._tree()))

    def _tree(self) -> set[int]:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        tree = {self.pid}
        grown = True
        while grown:
            children = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= children
            grown = bool(children)
        return tree

    def _rss(self, pid: int) -> int:
        """The PSS of ``pid`` (its RSS where the kernel gives no smaps_rollup)."""
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page
        except (OSError, IndexError):
            return 0


def run_measured(command: Sequence[str], ok_codes: frozenset[int]) -> Run:
    """Wall time, CPU time and peak memory of one command, and the start of its output
    (written to a temporary file, as a report written to disk would be)."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=errors, cwd=REPO)
        with TreeMemory(process.pid) as memory:
            _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        head = output.read(OUTPUT_HEAD_BYTES).decode("utf-8", "replace")
        errors.seek(0)
        tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
    peak = max(usage.ru_maxrss * 1024, memory.peak_bytes) / 2**20
    error = "" if process.returncode in ok_codes else f"exit {process.returncode}: {' '.join(tail)}"
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, error, head)


def counts_in(tool: str, output_head: str) -> tuple[int | None, int | None]:
    """(pairs read, findings) from what a tool printed: the parse-only count, or the
    summary at the top of qa-tool's JSON report; pofilter tells neither."""
    if tool == PARSE:
        return int(output_head), None
    if tool in (ONE_JOB, JOBS):
        counts: dict[str, int] = {}
        for key, value in _REPORT_COUNT.findall(output_head):
            counts.setdefault(key, int(value))
        return counts.get("pairs"), counts.get("findings")
    return None, None


def measure(size: int, format_name: str, tool: str, command: Sequence[str], ok_codes: frozenset[int], repeat: int) -> Measurement:
    runs = [run_measured(command, ok_codes) for _ in range(repeat)]
    failed = next((run.error for run in runs if run.error), "")
    pairs_read, findings = counts_in(tool, runs[-1].output_head) if not failed else (None, None)
    if pairs_read is not None and pairs_read != size:
        failed = f"read {pairs_read:,} pairs, not {size:,}"
    return Measurement(
        size, format_name, tool, statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs), pairs_read, findings, failed,
    )


def qa_tool_has_jobs() -> bool:
    help_text = subprocess.run([*QA_TOOL, "check", "--help"], capture_output=True, text=True, check=True).stdout
    return "--jobs" in help_text


def ensure_pofilter(venv: Path) -> Path:
    pofilter = venv / "bin" / "pofilter"
    if not pofilter.exists():
        print(f"creating {venv} with translate-toolkit (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "translate-toolkit"], check=True)
    return pofilter


def machine_facts(pofilter: Path | None) -> dict[str, str]:
    cpu_model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    facts = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU model": cpu_model,
        "memory": f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB",
        "Python": platform.python_version(),
        "qa-tool": f"{qa_tool.__version__} ({commit or 'no git'})",
        "load average at start (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if pofilter is not None:
        version = subprocess.run([str(pofilter), "--version"], capture_output=True, text=True).stdout.strip()
        facts["pofilter"] = version or "unknown version"
    return facts


def measure_startup(directory: Path, pool: dict[str, list[Sentence]], results: Results) -> None:
    ten = build_corpus(directory, 10, seed=1, pool=pool)
    commands = {
        "qa-tool --help": [*QA_TOOL, "--help"],
        "qa-tool check (10-pair TMX)": [*QA_TOOL, "check", str(ten.files["tmx"]), "--isolated", "--format", "json"],
    }
    for label, command in commands.items():
        results.startup[label] = statistics.median(run_measured(command, frozenset({0, 1})).wall for _ in range(STARTUP_RUNS))


def profile_check(path: Path, directory: Path) -> list[str]:
    """Markdown lines: the functions with the most own time, and the time in each rule."""
    output = directory / "check.prof"
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "qa_tool", "check", str(path), "--isolated", "--format", "json", "--jobs", "1"],
        stdout=subprocess.DEVNULL, check=False, cwd=REPO,
    )
    stats = pstats.Stats(str(output)).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())

    def where(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        if filename == "~":
            return function
        path_text = Path(filename)
        shown = path_text.relative_to(REPO) if path_text.is_relative_to(REPO) else Path(*path_text.parts[-2:])
        return f"{shown}:{line}({function})"

    lines = [
        f"Profile of `qa-tool check` on the {path.name} corpus, one job, under cProfile "
        f"(which slows Python code down; shares matter, not seconds). Total {total:.1f} s.",
        "",
        f"Top {PROFILE_TOP} functions by own time:",
        "",
        "| own s | share | calls | cumulative s | function |",
        "| ---: | ---: | ---: | ---: | --- |",
    ]
    for key, (_, calls, own, cumulative, _) in sorted(stats.items(), key=lambda item: -item[1][2])[:PROFILE_TOP]:
        lines.append(f"| {own:.2f} | {own / total:.0%} | {calls:,} | {cumulative:.2f} | `{where(key)}` |")
    per_module: dict[str, float] = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.items():
        in_rules = "/qa_tool/checks/" in filename and function in ("check_segment", "finish_document")
        if in_rules or (filename.endswith("/qa_tool/normalise.py") and function == "normalise"):
            name = Path(filename).stem
            per_module[name] = per_module.get(name, 0.0) + cumulative
    lines += [
        "",
        "Time inside each rule module (cumulative in its check_segment and finish_document; rules that inherit "
        f"these from a shared base such as _consistency are counted under the base) and in normalise, top {PROFILE_TOP}:",
        "",
        "| cumulative s | share | module |",
        "| ---: | ---: | --- |",
    ]
    for name, seconds in sorted(per_module.items(), key=lambda item: -item[1])[:PROFILE_TOP]:
        lines.append(f"| {seconds:.2f} | {seconds / total:.0%} | {name} |")
    return lines


def measure_size(corpus: Corpus, args: argparse.Namespace, pofilter: Path | None, has_jobs: bool, results: Results) -> None:
    size = corpus.size
    large = size > args.large_size
    formats = args.large_formats if large else QA_FORMATS
    subjects: list[tuple[str, str, list[str], frozenset[int]]] = []
    for format_name in formats:
        path = str(corpus.files[format_name])
        subjects.append((format_name, PARSE, [*PARSE_ONLY, path], frozenset({0})))
        check = [*QA_TOOL, "check", path, "--isolated", "--format", "json"]
        # Without --jobs a large file is checked with a worker per core: one job is asked for.
        subjects.append((format_name, ONE_JOB, [*check, "--jobs", "1"] if has_jobs else check, frozenset({0, 1})))
        if has_jobs:
            subjects.append((format_name, JOBS, [*check, "--jobs", str(PARALLEL_JOBS)], frozenset({0, 1})))
    if pofilter is not None and not large:
        for format_name in POFILTER_FORMATS:
            path = corpus.files[format_name]
            output = path.with_name(f"pofilter-out{path.suffix}")
            subjects.append((format_name, POFILTER, [str(pofilter), "--progress=none", "-i", str(path), "-o", str(output)], frozenset({0})))
    for format_name, tool, command, ok_codes in subjects:
        result = measure(size, format_name, tool, command, ok_codes, args.repeat)
        results.measurements[(size, format_name, tool)] = result
        print(f"  {size:>9,} {format_name:<5} {tool:<18} {cell(result)}", file=sys.stderr, flush=True)
    for path in corpus.files[POFILTER_FORMATS[0]].parent.glob("pofilter-out*"):
        path.unlink()


def cell(m: Measurement | None) -> str:
    if m is None:
        return "—"
    if m.failed:
        return f"failed ({m.failed})"
    return f"{m.pairs_per_second:,.0f}/s · {m.wall:.1f} s (CPU {m.cpu:.1f} s) · {m.peak_mb:.0f} MB"


def ratio(numerator: Measurement | None, denominator: Measurement | None) -> float | None:
    if numerator is None or denominator is None or numerator.failed or denominator.failed:
        return None
    return numerator.pairs_per_second / denominator.pairs_per_second


def ratio_text(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if percent else f"{value:.1f}×"


def best_pofilter(results: Results, size: int) -> Measurement | None:
    runs = [m for (s, _, tool), m in results.measurements.items() if s == size and tool == POFILTER and not m.failed]
    return max(runs, key=lambda m: m.pairs_per_second, default=None)


def size_table(results: Results, size: int) -> list[str]:
    get = results.measurements.get
    baseline = best_pofilter(results, size)
    lines = [
        f"| format | MB | {PARSE} | {ONE_JOB} | {JOBS} | {POFILTER} | 1 job ÷ pofilter | {PARALLEL_JOBS} jobs ÷ pofilter | 1 job ÷ parse-only |",
        "| --- | ---: | --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for format_name in CORPUS_FORMATS:
        row = {tool: get((size, format_name, tool)) for tool in TOOLS}
        if not any(row.values()):
            continue
        lines.append(
            f"| {format_name} | {results.file_mb[(size, format_name)]:.{0 if results.file_mb[(size, format_name)] >= 10 else 1}f} | "
            + " | ".join(cell(row[tool]) for tool in TOOLS)
            + f" | {ratio_text(ratio(row[ONE_JOB], baseline))} | {ratio_text(ratio(row[JOBS], baseline))}"
            f" | {ratio_text(ratio(row[ONE_JOB], row[PARSE]), percent=True)} |"
        )
    return lines


def findings_table(results: Results) -> list[str]:
    """What each qa-tool run reported: every run must read every pair, and --jobs must not
    change the findings."""
    runs = [m for m in results.measurements.values() if m.tool in (ONE_JOB, JOBS) and m.findings is not None]
    if not runs:
        return []
    lines = ["Findings qa-tool reported (every run read every pair; the job count must not change them):", "",
             "| pairs | format | " + " | ".join((ONE_JOB, JOBS)) + " |", "| ---: | --- | ---: | ---: |"]
    for size, format_name in sorted({(m.size, m.format) for m in runs}, key=lambda key: (key[0], CORPUS_FORMATS.index(key[1]))):
        found = [results.measurements.get((size, format_name, tool)) for tool in (ONE_JOB, JOBS)]
        lines.append(f"| {size:,} | {format_name} | "
                     + " | ".join(f"{m.findings:,}" if m and m.findings is not None else "—" for m in found) + " |")
    return lines + [""]


def targets(results: Results, has_jobs: bool) -> list[tuple[str, str, str]]:
    """(target, what was measured, verdict) for each of the issue's targets."""
    ms = [m for m in results.measurements.values() if not m.failed]
    sizes = sorted(results.corpora)

    def worst_ratio(tool: str, against: Callable[[Measurement], Measurement | None]) -> tuple[float, Measurement] | None:
        pairs = [(ratio(m, against(m)), m) for m in ms if m.tool == tool]
        known = [(value, m) for value, m in pairs if value is not None]
        return min(known, key=lambda item: item[0], default=None)

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "**not met**")

    rows = []
    for goals in POFILTER_SPEEDUPS:
        for tool, goal, label in zip((ONE_JOB, JOBS), goals, ("one process", f"--jobs {PARALLEL_JOBS}")):
            worst = worst_ratio(tool, lambda m: best_pofilter(results, m.size))
            seen = f"{worst[0]:.1f}× (worst: {worst[1].format} at {worst[1].size:,})" if worst else "—"
            note = "" if tool == ONE_JOB or has_jobs else " (qa-tool check has no --jobs yet)"
            rows.append((f"≥ {goal:.0f}× pofilter's pairs/s, {label}", seen + note, verdict(worst[0] >= goal if worst else None)))
    goal = FIRST_ROUND_SPEEDUP * FIRST_ROUND_PAIRS_PER_SECOND
    tmx = results.measurements.get((FIRST_ROUND_SIZE, "tmx", ONE_JOB))
    rows.append((f"≥ {FIRST_ROUND_SPEEDUP:.0f}× the first round's {FIRST_ROUND_PAIRS_PER_SECOND:,} pairs/s (tmx at "
                 f"{FIRST_ROUND_SIZE:,}, 1 job)", f"{tmx.pairs_per_second:,.0f}/s" if tmx and not tmx.failed else "—",
                 verdict(tmx.pairs_per_second >= goal if tmx and not tmx.failed else None)))
    worst = worst_ratio(ONE_JOB, lambda m: results.measurements.get((m.size, m.format, PARSE)))
    seen = f"{worst[0]:.0%} (worst: {worst[1].format} at {worst[1].size:,})" if worst else "—"
    rows.append((f"checking ≥ {PARSE_SHARE_TARGET:.0%} of parse-only throughput (1 job)", seen, verdict(worst[0] >= PARSE_SHARE_TARGET if worst else None)))
    million = [m for m in ms if m.size == MILLION and m.tool == JOBS]
    million_one = [m for m in ms if m.size == MILLION and m.tool == ONE_JOB]
    seen = ", ".join(f"{m.format} {m.wall:.0f} s" for m in million) or (
        "1 job: " + ", ".join(f"{m.format} {m.wall:.0f} s" for m in million_one) if million_one else "—")
    rows.append((f"1M pairs in < {MILLION_SECONDS_TARGET:.0f} s with --jobs {PARALLEL_JOBS}", seen,
                 verdict(all(m.wall < MILLION_SECONDS_TARGET for m in million) if million else None)))
    checks = [m for m in ms if m.tool in (ONE_JOB, JOBS)]
    at_million = [m for m in checks if m.size == MILLION]
    peak = max(at_million, key=lambda m: m.peak_mb, default=None)
    rows.append((f"peak memory < {PEAK_MB_TARGET:.0f} MB at 1M pairs",
                 f"{peak.peak_mb:.0f} MB ({peak.tool}, {peak.format})" if peak else "—",
                 verdict(peak.peak_mb < PEAK_MB_TARGET if peak else None)))
    if len(sizes) >= 2:
        growths = []
        for m in checks:
            small = results.measurements.get((sizes[0], m.format, m.tool))
            if m.size == sizes[-1] and small is not None and not small.failed:
                growths.append((m.peak_mb / small.peak_mb, m, small))
        worst_growth = max(growths, key=lambda item: item[0], default=None)
        seen = (f"{worst_growth[2].peak_mb:.0f} MB at {sizes[0]:,} → {worst_growth[1].peak_mb:.0f} MB at {sizes[-1]:,} "
                f"({worst_growth[1].tool}, {worst_growth[1].format})") if worst_growth else "—"
        rows.append((f"peak memory flat in file size (largest ≤ {FLAT_GROWTH}× smallest)", seen,
                     verdict(worst_growth[0] <= FLAT_GROWTH if worst_growth else None)))
    for label, seconds in results.startup.items():
        rows.append((f"`{label}` < {STARTUP_TARGET_SECONDS} s (median of {STARTUP_RUNS})", f"{seconds:.2f} s",
                     verdict(seconds < STARTUP_TARGET_SECONDS)))
    return rows


def render(results: Results, has_jobs: bool, command: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `{command}` (see benchmarks/run.py for what it does); rerun it to refresh this page.",
        "",
        "**The figures are noisy** on a shared machine: the load averages below show how busy it was (a load "
        "near the CPU count means other work competed for it). Compare ratios measured in the same run rather "
        "than absolute figures across runs.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {key} | {value} |" for key, value in results.machine.items()]
    lines += [f"| load average at end (1/5/15 min) | {results.load_after} |", ""]
    if results.notes:
        lines += [f"- {note}" for note in results.notes] + [""]
    lines += [
        "## Corpora",
        "",
        f"Real pairs from the dev set (source with ref_B, and every system output), the TICO-19 TMX and the sample "
        f"article, recombined: {1 - JOINED_SHARE:.0%} of pairs are one real pair, {JOINED_SHARE:.0%} two joined. "
        "Errors injected with a fixed seed (benchmarks/corpus.py). The same pairs are written as TMX 1.4, "
        "XLIFF 1.2, TSV and PO (with msgctxt ids).",
        "",
    ]
    first = next(iter(results.corpora.values()), None)
    if first is not None:
        lines.append("Pool: " + ", ".join(f"{origin} {count:,}" for origin, count in first.pool_sizes.items()) + ".")
        lines.append("")
        kinds = sorted({kind for corpus in results.corpora.values() for kind in corpus.injected})
        lines += [
            "| pairs | mean source chars | mean target chars | " + " | ".join(kinds) + " |",
            "| ---: | ---: | ---: |" + " ---: |" * len(kinds),
        ]
        for size, corpus in results.corpora.items():
            lines.append(
                f"| {size:,} | {corpus.mean_source_chars:.0f} | {corpus.mean_target_chars:.0f} | "
                + " | ".join(f"{corpus.injected.get(kind, 0):,}" for kind in kinds) + " |"
            )
        lines.append("")
    lines += [
        "## Throughput and memory",
        "",
        "Each cell: pairs per second · wall time (CPU time of the process and its workers) · peak "
        "memory (the larger of the biggest process's peak resident set and the sampled sum of the proportional "
        "set sizes of a process and its workers, so pages forked workers share with their parent count once). "
        "parse-only iterates `qa_tool.readers.read_pairs` "
        "over the file: the ceiling for checking. qa-tool runs `qa-tool check FILE --isolated --format json` "
        "with `--jobs 1` or `--jobs 2` (default rules; the report goes to a temporary file). pofilter runs `pofilter --progress=none -i FILE -o OUT` with its "
        "default checks; it cannot read TSV. The pofilter ratios divide by pofilter's fastest input at that size.",
        "",
    ]
    for size in results.corpora:
        lines += [f"### {size:,} pairs", ""] + size_table(results, size) + [""]
    lines += findings_table(results)
    lines += ["## Targets (issues: Speed and scale; Speed, second round)", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    lines += [f"| {target} | {seen} | {verdict} |" for target, seen, verdict in targets(results, has_jobs)]
    lines += ["", "## Where the time goes", ""]
    lines += results.profile or ["Not profiled in this run."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="corpus sizes in pairs")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus generator")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median wall time is kept")
    parser.add_argument("--large-size", type=int, default=100_000,
                        help="above this many pairs, skip pofilter and measure only --large-formats")
    parser.add_argument("--large-formats", nargs="+", choices=QA_FORMATS, default=["tmx"], help="formats measured above --large-size")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/qa-bench-venv"), help="virtual environment for translate-toolkit")
    parser.add_argument("--no-pofilter", action="store_true", help="do not measure pofilter")
    parser.add_argument("--profile-size", type=int, default=10_000, help="pairs in the profiled check (0: no profile)")
    parser.add_argument("--workdir", type=Path, help="keep corpora here and reuse them (default: a temporary folder, removed)")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC, help="where to write the Markdown report")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="qa-bench-"))
    pofilter = None if args.no_pofilter else ensure_pofilter(args.venv)
    has_jobs = qa_tool_has_jobs()
    results = Results(machine_facts(pofilter), [])
    if not has_jobs:
        results.notes.append("`qa-tool check` has no `--jobs` option in this version: only one job was measured.")
    if pofilter is not None:
        results.notes.append(f"pofilter measured up to {args.large_size:,} pairs only (it loads whole files and takes "
                             "about half an hour for 1M pairs); nothing is extrapolated above that.")
    command = "python benchmarks/run.py --sizes " + " ".join(str(size) for size in args.sizes)
    try:
        pool = sentence_pool()
        print("start-up…", file=sys.stderr, flush=True)
        measure_startup(workdir, pool, results)
        if args.profile_size:
            print(f"profiling a {args.profile_size:,}-pair check…", file=sys.stderr, flush=True)
            results.profile = profile_check(build_corpus(workdir, args.profile_size, args.seed, pool).files["tmx"], workdir)
        for size in args.sizes:
            print(f"building {size:,} pairs…", file=sys.stderr, flush=True)
            corpus = build_corpus(workdir, size, args.seed, pool)
            results.corpora[size] = corpus
            for format_name, path in corpus.files.items():
                results.file_mb[(size, format_name)] = path.stat().st_size / 2**20
            measure_size(corpus, args, pofilter, has_jobs, results)
            results.load_after = " / ".join(f"{x:.2f}" for x in os.getloadavg())
            write_page(args.doc, render(results, has_jobs, command))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(render(results, has_jobs, command))


if __name__ == "__main__":
    main()
