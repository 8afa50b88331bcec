"""A mutation fuzzer over every reader, checking qa-tool's whole contract with its user.

    python benchmarks/fuzz.py --cases 100000 --seed 1 [--workers 2] [--out fuzz-failures]

Each case takes a small valid file of one format (TMX in UTF-8 and UTF-16, XLIFF 1.2 and 2.0,
Trados SDLXLIFF and memoQ MQXLIFF, TSV, CSV, JSONL, interleaved text, two parallel files, an
Excel workbook and a Word document, whose archive or one XML part inside it is mutated, and a
gettext PO file), mutates it (byte noise, truncation,
deleted or repeated ranges, a wrong or swapped encoding, a huge line or field, entity tricks,
deep nesting, a splice of another format) and sometimes the options (--from, --encoding),
then runs `qa-tool check FILE --format json` in a worker process whose address space is capped
(--memory-mb) and whose time is bounded (--seconds). The contract, checked on every case:
- exit 0 or 1 with a JSON report on stdout and nothing on stderr; or exit 2 with nothing on
  stdout and exactly one line `qa-tool: error: ...` on stderr, never "internal error";
- no traceback; the input's bytes unchanged; within the time and memory bounds.
A case that breaks it is saved in --out with its options and a one-line reproduction. The same
seed gives the same cases. A short fixed-seed slice runs in the tests (tests/test_hostile.py).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import random
import resource
import signal
import sys
import tempfile
import time
import zipfile
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from doc_sections import FUZZING, write_section

CAT_FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cat"
ZH = ["重庆市外办召开会议。", "他说：“我们一起努力。”", "2021年GDP增长8.1%，达到114万亿元。", "習近平主席出席會議。", "服務(wù)中心"]
EN = ["The Chongqing Foreign Affairs Office held a meeting.", 'He said: "We work together."',
      "GDP grew 8.1% in 2021 to 114 trillion yuan.", "President Xi Jinping attended the meeting.", "Service centre"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _units(template: str) -> str:
    """``template`` filled with each sample pair: {n}, {zh} and {en} (XML-escaped)."""
    return "".join(template.format(n=n, zh=_escape(zh), en=_escape(en)) for n, (zh, en) in enumerate(zip(ZH, EN), 1))


def _tmx() -> str:
    units = _units('<tu tuid="{n}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                   '<tuv xml:lang="en-US"><seg>{en} <ph x="1">&lt;b&gt;</ph></seg></tuv></tu>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" '
            f'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n{units}</body></tmx>\n')


def _xliff12() -> str:
    units = _units('<trans-unit id="{n}"><source>{zh}<x id="1"/></source><target>{en}<x id="1"/></target>'
                   "<note>qa-ignore: GR01 house style</note></trans-unit>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file source-language="zh-CN" target-language="en" datatype="plaintext" original="a"><body>\n{units}</body></file></xliff>\n')


def _xliff20() -> str:
    units = _units('<unit id="{n}"><segment><source>{zh}<ph id="1"/></source><target>{en}<ph id="1"/></target></segment></unit>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f'srcLang="zh-Hans" trgLang="en"><file id="f1">\n{units}</file></xliff>\n')


def _delimited(separator: str) -> str:
    quote = (lambda text: '"' + text.replace('"', '""') + '"') if separator == "," else (lambda text: text)
    return f"id{separator}zh{separator}en\n" + "".join(
        f"{n}{separator}{quote(zh)}{separator}{quote(en)}\n" for n, (zh, en) in enumerate(zip(ZH, EN), 1)
    )


def _jsonl() -> str:
    return "".join(json.dumps({"id": str(n), "source": zh, "target": en}, ensure_ascii=n % 2 == 0) + "\n"
                   for n, (zh, en) in enumerate(zip(ZH, EN), 1))


def _interleaved() -> str:
    return "".join(f"{zh}\n\n{en}\n\n" for zh, en in zip(ZH, EN))


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "原文", "译文", "Comment"])
    for n, (zh, en) in enumerate(zip(ZH, EN), 1):
        sheet.append([n, zh, en, "qa-ignore: GR01 house style" if n == 1 else None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _document() -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(ZH) + 1, cols=3)
    for column, text in enumerate(["ID", "中文", "English"]):
        table.cell(0, column).text = text
    for n, (zh, en) in enumerate(zip(ZH, EN), 1):
        table.cell(n, 0).text, table.cell(n, 1).text, table.cell(n, 2).text = str(n), zh, en
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _po() -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = "".join(f'#: src/a.c:{n}\nmsgctxt "c{n}"\nmsgid {quoted(zh)}\nmsgstr {quoted(en)}\n\n'
                      for n, (zh, en) in enumerate(zip(ZH, EN), 1))
    return ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'{entries}#, fuzzy\nmsgid "%d 个"\nmsgid_plural "%d 个"\nmsgstr[0] "%d item"\nmsgstr[1] "%d items"\n')


def _rezipped(archive: bytes, part: str, mutate: Callable[[bytes], bytes]) -> bytes:
    """``archive`` with its member ``part`` mutated, the ZIP itself intact."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in source.namelist():
            data = source.read(name)
            copy.writestr(name, mutate(data) if name == part else data)
    return buffer.getvalue()


@dataclass(frozen=True)
class Seed:
    """A valid file to mutate: its name(s) and bytes, and the options it is read with."""

    names: tuple[str, ...]
    contents: tuple[bytes, ...]
    options: tuple[str, ...] = ()
    # Members of a ZIP archive (an Office file) that are mutated in place half of the time;
    # the archive's own bytes are mutated the other half.
    parts: tuple[str, ...] = ()


SEEDS = (
    Seed(("a.tmx",), (_tmx().encode(),)),
    Seed(("a.tmx",), (_tmx().replace("UTF-8", "UTF-16").encode("utf-16"),)),
    Seed(("a.xlf",), (_xliff12().encode(),)),
    Seed(("a.xlf",), (_xliff20().encode(),)),
    # The CAT-tool dialects, from the test fixtures (tests/data/cat/README.md).
    Seed(("a.sdlxliff",), ((CAT_FIXTURES / "annual-report.zh-en.sdlxliff").read_bytes(),)),
    Seed(("a.mqxliff",), ((CAT_FIXTURES / "annual-report.zh-en.mqxliff").read_bytes(),)),
    Seed(("a.tsv",), (_delimited("\t").encode(),)),
    Seed(("a.csv",), (_delimited(",").encode("utf-8-sig"),)),
    Seed(("a.jsonl",), (_jsonl().encode(),)),
    Seed(("a.txt",), (_interleaved().encode(),), ("--from", "interleaved")),
    Seed(("a.zh", "a.en"), ("\n".join(ZH).encode(), "\n".join(EN).encode()), ("--from", "parallel")),
    Seed(("a.xlsx",), (_workbook(),), parts=("xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml")),
    Seed(("a.docx",), (_document(),), parts=("word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels")),
    Seed(("a.po",), (_po().encode(),)),
)

ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5", "latin-1", "cp1252", "utf-32", "shift_jis")
HOSTILE_SNIPPETS = (
    b'<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
    b"&xxe;", b"&#0;", b"&#xD800;", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>", b"\x00", b"\xef\xbb\xbf",
    b"\xff\xfe", b"\r", b"\r\n", b"\t", b'"', b"\\u", b"\\ud800", b"{", b"}", b"<", b">", b"</seg>", b"<seg>",
    b"\xe5\x9b", "。，“”（）".encode(), "\u202e\u200b\ufeff".encode(), b"%1$s {0} $(NAME) <b>", b"qa-ignore: ALL",
    b'<mrk mtype="seg" mid="1">', b'<mrk mtype="x-sdl-deleted">', b"</mrk>", b'mq:locked="locked"', b'translate="no"',
)


def _mutated(data: bytes, rng: random.Random, others: tuple[bytes, ...]) -> bytes:
    """``data`` after one to three random mutations."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(11)
        at = rng.randint(0, len(data))
        if kind == 0 and data:  # flip bytes
            buffer = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buffer[rng.randrange(len(buffer))] = rng.randrange(256)
            data = bytes(buffer)
        elif kind == 1:  # truncate
            data = data[:at]
        elif kind == 2:  # delete a range
            data = data[:at] + data[at + rng.randint(1, 64):]
        elif kind == 3:  # repeat a range
            piece = data[at:at + rng.randint(1, 200)]
            data = data[:at] + piece * rng.randint(2, 50) + data[at:]
        elif kind == 4:  # insert random bytes
            data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 32))) + data[at:]
        elif kind == 5:  # insert a hostile snippet
            data = data[:at] + rng.choice(HOSTILE_SNIPPETS) + data[at:]
        elif kind == 6:  # a huge line or field: one long word or many, now and then up to 20 MB
            unit = rng.choice([b"x", "长".encode(), b"ab ", "“".encode(), b"1", "一".encode(), b"<", b"the the "])
            repeats = rng.choice([1_000, 30_000, 120_000, 700_000]) if rng.random() > 0.02 else 20_000_000 // len(unit)
            data = data[:at] + unit * repeats + data[at:]
        elif kind == 7:  # re-encode the text in another encoding
            text = data.decode("utf-8", errors="replace")
            data = text.encode(rng.choice(ENCODINGS), errors="replace")
        elif kind == 8:  # deep nesting
            depth = rng.choice([50, 500, 5_000])
            data = data[:at] + b"<g>" * depth + b"x" + b"</g>" * depth + data[at:]
        elif kind == 9 and others:  # a splice of another format
            other = rng.choice(others)
            data = data[:at] + other[rng.randint(0, len(other)):] 
        else:  # swap two ranges
            other_at = rng.randint(0, len(data))
            first, second = sorted((at, other_at))
            data = data[:first] + data[second:] + data[first:second]
    return data


def _options(seed: Seed, rng: random.Random) -> tuple[str, ...]:
    roll = rng.random()
    if roll < 0.08:
        return ("--from", rng.choice(["tmx", "xliff", "tsv", "csv", "jsonl", "interleaved", "xlsx", "docx", "po"])) + seed.options[2:]
    if roll < 0.16:
        return seed.options + ("--encoding", rng.choice(ENCODINGS + ("rot13", "hex", "nope", "utf-8-sig")))
    if roll < 0.2:
        return seed.options + ("--jobs", "2")
    return seed.options


@dataclass(frozen=True)
class Case:
    number: int
    names: tuple[str, ...]
    contents: tuple[bytes, ...]
    options: tuple[str, ...]


def cases(seed: int, count: int, start: int = 0):
    """The fuzzer's cases, the same for the same seed."""
    rng = random.Random(seed)
    all_contents = tuple(content for s in SEEDS for content in s.contents)
    for number in range(count):
        chosen = SEEDS[rng.randrange(len(SEEDS))]
        mutate_which = rng.randrange(len(chosen.contents))
        part = rng.choice(chosen.parts) if chosen.parts and rng.random() < 0.5 else None

        def mutate(content: bytes) -> bytes:
            if part is not None:
                return _rezipped(content, part, lambda data: _mutated(data, rng, all_contents))
            return _mutated(content, rng, all_contents)

        contents = tuple(
            mutate(content) if index == mutate_which else content for index, content in enumerate(chosen.contents)
        )
        options = _options(chosen, rng)
        if number >= start:
            yield Case(number, chosen.names, contents, options)


@dataclass
class Outcome:
    number: int
    violations: list[str] = field(default_factory=list)
    exit_code: int | None = None
    seconds: float = 0.0
    # The worker's peak resident memory so far (KiB): an upper bound for this case's.
    peak_kib: int = 0


class _OutOfTime(BaseException):
    """Raised by the alarm; a BaseException so the command's own error handling cannot catch it."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _OutOfTime


def _limit_worker(memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    signal.signal(signal.SIGALRM, _on_alarm)


def run_case(case: Case, seconds: int) -> Outcome:
    """Run one case in this process and judge it against the contract."""
    from click.testing import CliRunner

    from qa_tool.cli import cli

    outcome = Outcome(case.number)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in case.names]
        for path, content in zip(paths, case.contents):
            path.write_bytes(content)
        before = [hashlib.sha256(content).digest() for content in case.contents]
        started = time.perf_counter()
        signal.alarm(seconds)
        try:
            result = CliRunner().invoke(cli, ["check", *map(str, paths), "--format", "json", *case.options])
        except _OutOfTime:
            outcome.violations.append(f"took more than {seconds} s")
            return outcome
        except MemoryError:
            outcome.violations.append("ran out of memory")
            return outcome
        finally:
            signal.alarm(0)
        outcome.seconds = time.perf_counter() - started
        outcome.exit_code = result.exit_code
        after = [hashlib.sha256(path.read_bytes()).digest() for path in paths]
        if after != before:
            outcome.violations.append("an input was changed")
        stdout, stderr = result.stdout, result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            outcome.violations.append(f"exception escaped: {type(result.exception).__name__}: {result.exception}")
        if "Traceback" in stdout + stderr:
            outcome.violations.append("a traceback was printed")
        if result.exit_code in (0, 1):
            if stderr:
                outcome.violations.append(f"stderr not empty with exit {result.exit_code}: {stderr[:200]!r}")
            try:
                report = json.loads(stdout)
                if report["passed"] != (result.exit_code == 0):
                    outcome.violations.append("exit code disagrees with the report's gate")
            except (ValueError, KeyError, TypeError) as error:
                outcome.violations.append(f"report is not valid JSON: {error}")
        elif result.exit_code == 2:
            if stdout:
                outcome.violations.append("stdout not empty with exit 2")
            if not stderr.startswith("qa-tool: error: ") or stderr.count("\n") != 1:
                outcome.violations.append(f"error is not one line 'qa-tool: error: ...': {stderr[:300]!r}")
            if "internal error" in stderr:
                outcome.violations.append(f"internal error: {stderr.strip()[:300]}")
        else:
            outcome.violations.append(f"exit code {result.exit_code}")
    outcome.peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome


def _save(case: Case, outcome: Outcome, out: Path) -> None:
    folder = out / f"case-{case.number}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in zip(case.names, case.contents):
        (folder / name).write_bytes(content)
    files = " ".join(str(folder / name) for name in case.names)
    (folder / "README").write_text(
        "\n".join(outcome.violations) + f"\n\nreproduce: qa-tool check {files} --format json {' '.join(case.options)}\n",
        encoding="utf-8",
    )


def _judge(case: Case, outcome: Outcome, failed: list[Outcome], out: Path | None, report: Callable[[str], None]) -> None:
    if outcome.violations:
        failed.append(outcome)
        report(f"case {outcome.number} ({' '.join(case.names)} {' '.join(case.options)}): {'; '.join(outcome.violations)}")
        if out is not None:
            _save(case, outcome, out)


@dataclass
class Summary:
    failed: list[Outcome]
    # The highest peak resident memory of any worker (MiB).
    peak_mib: float


def fuzz(seed: int, count: int, workers: int, seconds: int, memory_mb: int, out: Path | None,
         start: int = 0, report: Callable[[str], None] = print) -> Summary:
    """Run the cases in ``workers`` processes; return those that broke the contract."""
    # Worker processes of an executor are not daemons, so a case may run --jobs workers of its own.
    context = multiprocessing.get_context("spawn")
    failed: list[Outcome] = []
    peak_kib = done = 0
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_limit_worker, initargs=(memory_mb,),
                             max_tasks_per_child=500) as pool:
        queued: dict[Future[Outcome], Case] = {}
        for case in cases(seed, count, start):
            queued[pool.submit(run_case, case, seconds)] = case
            if len(queued) < 4 * workers:
                continue
            finished, _ = wait(queued, return_when=FIRST_COMPLETED)
            for future in finished:
                outcome = future.result()
                done += 1
                peak_kib = max(peak_kib, outcome.peak_kib)
                _judge(queued.pop(future), outcome, failed, out, report)
                if done % 1000 == 0:
                    report(f"{done:,} cases, {len(failed)} violations, {time.perf_counter() - started:.0f} s, peak {peak_kib / 1024:.0f} MiB")
        for future in as_completed(queued):
            outcome = future.result()
            peak_kib = max(peak_kib, outcome.peak_kib)
            _judge(queued[future], outcome, failed, out, report)
    return Summary(failed, peak_kib / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="skip the cases before this number (to resume a run)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=20, help="time bound per case")
    parser.add_argument("--memory-mb", type=int, default=1024, help="address-space cap per worker")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--doc", type=Path, help="write the run's figures as the Fuzzing section of this page (docs/benchmarks.md)")
    args = parser.parse_args()
    started = time.perf_counter()
    summary = fuzz(args.seed, args.cases, args.workers, args.seconds, args.memory_mb, args.out, args.start)
    elapsed = time.perf_counter() - started
    line = (f"seed {args.seed}: {args.cases - args.start:,} cases, {len(summary.failed)} contract violations, "
            f"{elapsed:.0f} s, peak resident memory of a worker {summary.peak_mib:.0f} MiB")
    print(line)
    if args.doc is not None:
        write_section(args.doc, FUZZING, _section(args, summary, elapsed))
    sys.exit(1 if summary.failed else 0)


def _section(args: argparse.Namespace, summary: Summary, elapsed: float) -> str:
    import datetime

    import qa_tool

    command = f"python benchmarks/fuzz.py --cases {args.cases} --seed {args.seed} --workers {args.workers}"
    if args.start:
        command += f" --start {args.start}"
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        "## Fuzzing",
        "",
        f"`{command} --doc docs/benchmarks.md` on {date}, qa-tool {qa_tool.__version__}: mutated files of "
        "every input format (the largest 20 MB), each checked against the whole contract (module "
        f"docstring of benchmarks/fuzz.py), {args.seconds} s and {args.memory_mb} MiB of address space per case.",
        "",
        "| seed | cases | contract violations | wall time | peak resident memory of a worker |",
        "| --- | --- | --- | --- | --- |",
        f"| {args.seed} | {args.cases - args.start:,} | {len(summary.failed)} | {elapsed / 60:.1f} min | {summary.peak_mib:.0f} MiB |",
    ])


if __name__ == "__main__":
    main()
