"""Hostile and broken input through the real command line: a clear error, nothing lost,
nothing leaked.

Every case runs `qa-tool check` (click's runner, or a subprocess where memory must be capped)
and asserts one of two outcomes exactly:
- bad input: exit 2, nothing on stdout, exactly one line on stderr
  `qa-tool: error: FILE[:LINE]: message`, no traceback and no "internal error";
- valid but odd input: a normal JSON report (exit 0 or 1 as its gate says), with the pairs
  and findings that prove the text was read whole and right.
No case may write an input: each input's bytes and mtime are compared before and after.

Decisions these tests pin down:
- Empty input: a document that is well-formed for its format and holds no pair (an empty
  TSV/CSV/JSONL/text file, two empty parallel files, a TMX with an empty body) is an input
  error that says what was looked for, since a gate that checked nothing must not pass;
  with --allow-empty it gives a clean report with 0 pairs and exit 0. A zero-byte TMX or
  XLIFF is not an XML document at all, so it is an error that says the file is empty.
- Size: a source or target over 100,000 characters (--max-segment-chars) is an input error
  naming its line in every format; one rule reports at most 20 findings on one segment.
- Encodings: a BOM wins; else --encoding; else UTF-16 when the NUL bytes show it (cheap and
  safe: NULs on one byte parity only, and bytes UTF-8 cannot decode or NULs in nearly every
  code unit, so UTF-8 with stray NULs stays UTF-8); else UTF-8, and undecodable bytes are an
  error naming the line and suggesting --encoding. No charset guessing for GB18030/Big5.
- DTDs: an internal subset that declares entities is rejected before anything is expanded or
  fetched (XXE, billion laughs, quadratic blow-up); a bare external DOCTYPE (as TMX files
  carry) is never fetched and is otherwise ignored.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import resource
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from qa_tool.cli import cli
from qa_tool.errors import InputError
from qa_tool.readers import ReadOptions, read_pairs

REPO = Path(__file__).resolve().parents[1]
ZH = "你好，世界。"
# The Chinese left in this English is flagged by SG03 (Chinese in target) with its exact
# text, which proves the file was decoded right; the Latin words keep it English in
# interleaved text.
EN = "Hello to the whole wide world 世界 today."
LEFT_IN_TARGET = "世界"
SECRET = "QA-TOOL-SECRET-7f3a9c"
# Address-space cap for the subprocess cases: a few times the largest input, far below what
# an entity expansion or a copy per character of a 50 MB line would need.
MEMORY_CAP = 512 * 1024 * 1024
HUGE_LINE_BYTES = 50 * 1000 * 1000


# ---------------------------------------------------------------- running the command line


def _snapshot(path: Path) -> tuple[int, bytes | None]:
    readable = os.access(path, os.R_OK)
    return path.stat().st_mtime_ns, path.read_bytes() if readable else None


def run_check(files: Sequence[Path | str], *options: str, stdin: bytes | None = None) -> Result:
    """`qa-tool check FILES --format json OPTIONS`; fails if any input file was written."""
    inputs = [Path(name) for name in files if name != "-" and Path(name).is_file()]
    before = {path: _snapshot(path) for path in inputs}
    result = CliRunner().invoke(cli, ["check", *map(str, files), "--format", "json", *options], input=stdin)
    assert {path: _snapshot(path) for path in inputs} == before, "an input file was written"
    return result


def assert_one_line_error(stdout: str, stderr: str, exit_code: int, where: str, message: str) -> None:
    """Exit 2, no report, and stderr exactly `qa-tool: error: WHERE: ...MESSAGE...`."""
    assert exit_code == 2, stdout + stderr
    assert stdout == ""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"qa-tool: error: {where}: "), stderr
    assert message in stderr, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr


def assert_error(result: Result, where: str, message: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert_one_line_error(result.stdout, result.stderr, result.exit_code, where, message)


def assert_report(result: Result) -> dict:
    """A normal report: exit 0 or 1 as its own gate says, nothing on stderr."""
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert result.exit_code == (0 if report["passed"] else 1)
    return report


def findings(report: dict, code: str) -> list[dict]:
    return [finding for file in report["files"] for finding in file["findings"] if finding["code"] == code]


def flagged_lines(report: dict, code: str) -> list[int]:
    return [finding["location"]["line"] for finding in findings(report, code)]


def left_in_target(report: dict) -> list[str]:
    return [span["text"] for finding in findings(report, "SG03") for span in finding["spans"]]


@dataclass(frozen=True)
class Capped:
    exit_code: int
    stdout: str
    stderr: str


def run_capped(files: Sequence[Path], *options: str) -> Capped:
    """The command line in a child process whose address space is capped at MEMORY_CAP."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    before = {path: path.stat().st_mtime_ns for path in files}
    done = subprocess.run(
        [sys.executable, "-m", "qa_tool", "check", *map(str, files), "--format", "json", *options],
        capture_output=True,
        text=True,
        cwd=REPO,
        preexec_fn=cap_memory,
        timeout=600,
    )
    assert {path: path.stat().st_mtime_ns for path in files} == before
    return Capped(done.returncode, done.stdout, done.stderr)


# ---------------------------------------------------------------- documents


def tmx(*units: str, prolog: str = "") -> str:
    """A TMX document whose first unit is on line 5 (line 4 with no XML declaration)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        '<tmx version="1.4">\n'
        '<header srclang="zh-CN" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>\n'
        "<body>\n" + "".join(f"{unit}\n" for unit in units) + "</body>\n</tmx>\n"
    )


def tu(zh: str | None = ZH, en: str | None = EN, extra: str = "") -> str:
    variants = [f'<tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'] if zh is not None else []
    variants += [f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv>'] if en is not None else []
    return "<tu>" + "".join(variants) + extra + "</tu>"


XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"


def xliff(*units: str, prolog: str = "") -> str:
    """An XLIFF 1.2 document whose first unit is on line 5."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        f'<xliff xmlns="{XLIFF_12}" version="1.2">\n'
        '<file original="app" source-language="zh-CN" target-language="en-US" datatype="plaintext">\n<body>\n'
        + "".join(f"{unit}\n" for unit in units)
        + "</body>\n</file>\n</xliff>\n"
    )


def trans_unit(unit_id: str, source: str = ZH, target: str | None = EN) -> str:
    target_element = "" if target is None else f"<target>{target}</target>"
    return f'<trans-unit id="{unit_id}"><source>{source}</source>{target_element}</trans-unit>'


def xliff_2(*units: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">\n'
        '<file id="f">\n' + "".join(f"{unit}\n" for unit in units) + "</file>\n</xliff>\n"
    )


def write(directory: Path, files: dict[str, bytes | str]) -> list[Path]:
    paths = []
    for name, data in files.items():
        path = directory / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        paths.append(path)
    return paths


# ---------------------------------------------------------------- bad input: one clear line


@dataclass(frozen=True)
class Broken:
    """Input files (the first named is blamed unless ``blamed`` says otherwise), the options,
    and the error expected: the line in the file (None: no line) and words of the message."""

    files: dict[str, bytes | str]
    line: int | None
    message: str
    options: tuple[str, ...] = ()
    blamed: str | None = None


_TWO_UNITS = tmx(tu("一", "One."), tu("二", "Two."))
_TWO_TRANS_UNITS = xliff(trans_unit("1"), trans_unit("2"))
_GB_TSV = f"{ZH}\t{EN}\n".encode("gb18030")

BROKEN = {
    # Truncated and malformed XML: libxml2's words, the line where it gave up.
    "tmx-truncated": Broken(
        {"a.tmx": _TWO_UNITS[: _TWO_UNITS.index("Two")]}, 6, "not well-formed XML: Premature end of data"
    ),
    "tmx-mismatched-tags": Broken(
        {"a.tmx": tmx(tu(), '<tu><tuv xml:lang="zh"><seg>二</tuv></tu>')},
        6,
        "Opening and ending tag mismatch: seg line 6 and tuv",
    ),
    "tmx-bare-ampersand": Broken({"a.tmx": tmx(tu("研发", "R&D"))}, 5, "not well-formed XML"),
    "tmx-nul-byte": Broken({"a.tmx": tmx(tu("你\x00好"))}, 5, "Char 0x0 out of allowed range"),
    "tmx-zero-bytes": Broken({"a.tmx": b""}, None, "not well-formed XML: the file is empty"),
    "tmx-gb18030-undeclared": Broken(
        {"a.tmx": tmx(tu()).encode("gb18030")}, 5, "cannot decode the text in the encoding its XML declaration names"
    ),
    "tmx-without-zh-variant": Broken(
        {"a.tmx": tmx('<tu><tuv xml:lang="en-US"><seg>Hi.</seg></tuv><tuv xml:lang="fr"><seg>Salut.</seg></tuv></tu>')},
        None,
        "no translation unit has a zh variant; languages found: en-US, fr",
    ),
    "xliff-truncated": Broken(
        {"a.xlf": _TWO_TRANS_UNITS[: _TWO_TRANS_UNITS.index('"2"><source>') + 14]},
        6,
        "Premature end of data in tag source line 6",
    ),
    "xliff-unclosed-attribute": Broken(
        {"a.xlf": xliff('<trans-unit id="1><source>一</source></trans-unit>')}, 5, "not well-formed XML"
    ),
    "xliff-second-root": Broken(
        {"a.xlf": xliff(trans_unit("1")) + "<xliff/>\n"}, 9, "Extra content at the end of the document"
    ),
    "xliff-zero-bytes": Broken({"a.xlf": b""}, None, "not well-formed XML: the file is empty"),
    "xliff-other-languages": Broken(
        {"a.xlf": xliff(trans_unit("1")).replace('"zh-CN"', '"fr"').replace('"en-US"', '"de"')},
        3,
        "the file translates fr into de, but qa-tool is checking zh and en",
    ),
    # Chinese code pages are not guessed: the error names the line and suggests --encoding.
    "tsv-gb18030-without-encoding": Broken({"a.tsv": _GB_TSV}, 1, "cannot decode the text as utf-8"),
    "tsv-big5-without-encoding": Broken(
        {"a.tsv": f"{ZH}\t{EN}\n".encode("big5")}, 1, "if it is GB18030, Big5 or UTF-16 without a BOM, pass --encoding"
    ),
    "text-gb18030-without-encoding": Broken(
        {"a.txt": f"Title\n{ZH}\n{EN}\n".encode("gb18030")}, 2, "pass --encoding", ("--from", "interleaved")
    ),
    "parallel-big5-without-encoding": Broken(
        {"a.zh": f"{ZH}\n".encode("big5"), "a.en": f"{EN}\n".encode("big5")},
        1,
        "pass --encoding",
        ("--from", "parallel"),
    ),
    "utf16-without-bom-given-as-utf16": Broken(
        {"a.tsv": _GB_TSV},
        None,
        "no byte order mark (BOM), so its utf-16 byte order is unknown",
        ("--encoding", "utf-16"),
    ),
    "utf16-cut-short": Broken(
        {"a.tsv": codecs.BOM_UTF16_LE + f"{ZH}\t{EN}\n{ZH}\t{EN}\n".encode("utf-16-le") + b"\x41"},
        3,
        "cannot decode the text as utf-16",
    ),
    "utf16-unpaired-surrogate": Broken(
        {"a.tsv": codecs.BOM_UTF16_LE + f"{ZH}\t{EN}\n".encode("utf-16-le") + b"\x00\xd8\t\x00x\x00\n\x00"},
        2,
        "this line has bytes that are not utf-16",
    ),
    "utf8-cut-in-a-character": Broken(
        {"a.tsv": f"{ZH}\t{EN}\n{ZH}\t{EN}世".encode()[:-2]}, 2, "the file ends in the middle of a utf-8 character"
    ),
    "utf8-given-as-utf16le": Broken(
        {"a.tsv": f"{ZH}\t{EN}\n".encode()}, 1, "cannot decode the text as utf-16-le", ("--encoding", "utf-16-le")
    ),
    # Line-based formats: the line of the bad record, after any newline convention.
    "jsonl-bad-line": Broken(
        {"a.jsonl": '{"source": "一", "target": "One."}\n\n{"source": "二", "target": }\n'}, 3, "not valid JSON"
    ),
    "jsonl-bad-line-after-mixed-newlines": Broken(
        {"a.jsonl": '{"source": "一", "target": "1"}\r\n{"source": "二", "target": "2"}\r{"source": "三"\n'},
        3,
        "not valid JSON",
    ),
    "jsonl-unpaired-surrogate-escape": Broken(
        {"a.jsonl": '{"source": "一", "target": "1"}\n{"source": "\\ud800二", "target": "2"}\n'},
        2,
        'the value of "source" contains a broken character (an unpaired \\ud800 escape)',
    ),
    "jsonl-raw-nul": Broken({"a.jsonl": '{"source": "一\x00", "target": "1"}\n'}, 1, "Invalid control character"),
    "jsonl-not-an-object": Broken({"a.jsonl": "[1, 2]\n"}, 1, "expected a JSON object {...} but found an array"),
    "csv-unclosed-quote": Broken(
        {"a.csv": f'source,target\n{ZH},One\n"{ZH},Two\n{ZH},Three\n'}, 3, "never closed before the end of the file"
    ),
    "csv-text-after-closing-quote": Broken(
        {"a.csv": f'source,target\n{ZH},One\n"{ZH}"x,Two\n'}, 3, "badly quoted field"
    ),
    # A namespace URI holding a '}' (found by the fuzzer): read up to the tag's last brace.
    "xliff-namespace-with-a-brace": Broken(
        {"a.xlf": xliff(trans_unit("1")).replace("document:1.2", "document:1}.2")}, None, "unsupported XLIFF version 1.2 (namespace"
    ),
    # lxml quotes the text after an unclosed CDATA section, line breaks included: still one line.
    "xliff-unclosed-cdata-across-lines": Broken(
        {"a.xlf": xliff(trans_unit("1", target="<![CDATA[One"), trans_unit("2"))}, 10, "CData section not finished"
    ),
    "tsv-one-column": Broken({"a.tsv": f"{ZH}\n"}, 1, "found one column only"),
    "parallel-different-line-counts": Broken(
        {"a.zh": "一\n二\n三\n", "a.en": "One.\nTwo.\n"}, 3, "has 3 lines but", ("--from", "parallel")
    ),
    "parallel-english-longer": Broken(
        {"a.zh": "一\n", "a.en": "One.\nTwo.\n"}, 2, "has 1 line but", ("--from", "parallel"), blamed="a.en"
    ),
    # Options that cannot work.
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_broken_input_is_one_clear_line(tmp_path: Path, case: Broken) -> None:
    paths = write(tmp_path, case.files)
    blamed = tmp_path / (case.blamed or next(iter(case.files)))
    where = str(blamed) if case.line is None else f"{blamed}:{case.line}"

    assert_error(run_check(paths, *case.options), where, case.message)


def test_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    assert_error(run_check([tmp_path / "nowhere.tsv"]), str(tmp_path / "nowhere.tsv"), "no such file")


def test_a_folder_without_a_file_to_read_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("no pairs here")
    assert_error(run_check([tmp_path]), str(tmp_path), "the folder holds no file of a format qa-tool reads")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permission bits")
def test_an_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    (path,) = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    path.chmod(0)
    try:
        assert_error(run_check([path]), str(path), "Permission denied")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_standard_input_twice_is_one_clear_line() -> None:
    result = run_check(["-", "-"], "--from", "tsv", stdin=f"{ZH}\t{EN}\n".encode())

    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "qa-tool: error: standard input ('-') can be read only once\n"


def test_an_unknown_input_format_is_a_usage_error(tmp_path: Path) -> None:
    # A bad option value is one line like any other error, pointing at the command's help.
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    result = run_check(paths, "--from", "doc")

    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("qa-tool: error: Invalid value for '--from': 'doc' is not one of 'tmx'")
    assert result.stderr.count("\n") == 1 and "qa-tool check --help" in result.stderr
    assert "Traceback" not in result.stderr



LONG = "长" * 61  # over the limit of 60 the cases below set


@pytest.mark.parametrize(
    "files, options, where",
    [
        ({"a.tsv": f"{ZH}\t{EN}\n{LONG}\t{EN}\n"}, (), "a.tsv:2"),
        ({"a.csv": f"source,target\n{ZH},{EN}\n{ZH},{LONG}\n"}, (), "a.csv:3"),
        ({"a.jsonl": f'{{"source": "{ZH}", "target": "{EN}"}}\n{{"source": "{LONG}", "target": "x"}}\n'}, (), "a.jsonl:2"),
        ({"a.txt": f"{ZH}\n\nHello world.\n\n{LONG}\n\n{'Long. ' * 40}\n"}, ("--from", "interleaved"), "a.txt:5"),
        ({"a.zh": f"{ZH}\n{LONG}\n", "a.en": f"{EN}\nTwo.\n"}, ("--from", "parallel"), "a.zh:2"),
        ({"a.tmx": tmx(tu(), tu(zh=LONG))}, (), "a.tmx:"),
        ({"a.xlf": xliff(trans_unit("1"), trans_unit("2", source=LONG))}, (), "a.xlf:"),
    ],
    ids=["tsv", "csv", "jsonl", "interleaved", "parallel", "tmx", "xliff"],
)
def test_a_segment_over_the_length_limit_is_an_input_error_naming_its_line(
    tmp_path: Path, files: dict[str, str], options: tuple[str, ...], where: str
) -> None:
    result = run_check(write(tmp_path, files), "--max-segment-chars", "60", *options)

    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"qa-tool: error: {tmp_path / where}")
    assert "has 61 characters, more than the 60 a segment may have" in result.stderr
    assert assert_report(run_check(write(tmp_path, files), "--max-segment-chars", "1000", *options))["summary"]["pairs"] == 2


def test_the_default_segment_limit_is_100000_characters(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.jsonl": f'{{"source": "{ZH}", "target": "{"x" * 100_001}"}}\n'})

    assert_error(run_check(paths), f"{paths[0]}:1", "the target has 100,001 characters, more than the 100,000")


@pytest.mark.parametrize(
    "encoding, message",
    [
        ("no-such-codec", "unknown encoding 'no-such-codec'"),
        # Python knows these as codecs, but they turn bytes into bytes or str into str.
        ("rot13", "'rot13' is not a text encoding"),
        ("hex", "'hex' is not a text encoding"),
        ("base64", "'base64' is not a text encoding"),
        ("zlib", "'zlib' is not a text encoding"),
    ],
)
@pytest.mark.parametrize("name, data", [("a.tsv", f"{ZH}\t{EN}\n"), ("a.tmx", tmx(tu())), ("b.tsv", codecs.BOM_UTF8 + f"{ZH}\t{EN}\n".encode())])
def test_an_encoding_that_is_not_a_text_encoding_is_a_usage_error(
    tmp_path: Path, encoding: str, message: str, name: str, data: str | bytes
) -> None:
    result = run_check(write(tmp_path, {name: data}), "--encoding", encoding)

    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qa-tool: error: Invalid value for '--encoding': {message}")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_reader_refuses_a_codec_that_is_not_a_text_encoding() -> None:
    with pytest.raises(InputError, match="'rot13' is not a text encoding"):
        list(read_pairs(io.BytesIO(f"{ZH}\t{EN}\n".encode()), "a.tsv", ReadOptions(encoding="rot13"), "tsv"))


@pytest.mark.parametrize("arguments", [["--bogus"], ["--bogus", "check", "x.tsv"], ["chek", "x.tsv"]])
def test_a_usage_error_of_qa_tool_itself_is_one_line(arguments: list[str]) -> None:
    result = CliRunner().invoke(cli, arguments)

    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("qa-tool: error: No such ") and result.stderr.count("\n") == 1
    assert "(see 'qa-tool --help')" in result.stderr


# ---------------------------------------------------------------- output files


def test_an_output_in_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    result = run_check(paths, "-o", "/nonexistent/x.json")

    assert_error(result, "/nonexistent/x.json", "cannot write the output: No such file or directory")
    assert not Path("/nonexistent").exists()


def test_a_failed_run_leaves_no_output_and_keeps_an_old_report(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.jsonl": '{"source": "一", "target": "One."}\n{"source": \n'})
    (tmp_path / "old.json").write_text("old report\n")
    listing = sorted(tmp_path.iterdir())

    for output in ("old.json", "new.json"):
        result = run_check(paths, "-o", str(tmp_path / output))
        assert_error(result, f"{paths[0]}:2", "not valid JSON")

    assert sorted(tmp_path.iterdir()) == listing  # neither new.json nor a temporary file
    assert (tmp_path / "old.json").read_text() == "old report\n"


def test_a_written_report_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    umask = os.umask(0o022)
    try:
        assert_report(run_check(paths, "-o", str(tmp_path / "report.json")))
    finally:
        os.umask(umask)

    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


def test_a_run_that_cannot_write_every_output_writes_none(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    result = run_check(paths, "-o", str(tmp_path / "good.json"), "-o", "/nonexistent/x.json")

    assert_error(result, "/nonexistent/x.json", "cannot write the output")
    assert not (tmp_path / "good.json").exists()


def test_an_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    # run_check itself fails the test if the input is overwritten.
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})

    assert_error(run_check(paths, "-o", f"json:{paths[0]}"), str(paths[0]), "input")


# ---------------------------------------------------------------- entities, DTDs, XInclude


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A loopback TCP port that records connections: a fetch would show up as one."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        yield f"http://127.0.0.1:{server.getsockname()[1]}/x", server


def assert_nobody_connected(server: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        server.accept()


def _document(kind: str, prolog: str, text: str) -> tuple[str, str]:
    if kind == "tmx":
        return "a.tmx", tmx(tu(f"你好{text}"), prolog=prolog)
    return "a.xlf", xliff(trans_unit("1", source=f"你好{text}"), prolog=prolog)


def _billion_laughs() -> str:
    levels = "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
    return f'<!DOCTYPE x [<!ENTITY lol0 "lol">{levels}]>\n'


@dataclass(frozen=True)
class Attack:
    # The DOCTYPE, with {secret} and {url} to fill in, and the reference in the text.
    doctype: str
    reference: str
    # Run in a child process with capped memory: an expansion would fail it, not the machine.
    expands: bool = False


ENTITY_ATTACKS = {
    "xxe-local-file": Attack('<!DOCTYPE x [<!ENTITY leak SYSTEM "{secret}">]>\n', "&leak;"),
    "parameter-entity-local-file": Attack('<!DOCTYPE x [<!ENTITY % leak SYSTEM "{secret}"> %leak;]>\n', ""),
    "entity-over-the-network": Attack('<!DOCTYPE x [<!ENTITY remote SYSTEM "{url}">]>\n', "&remote;"),
    "parameter-entity-over-the-network": Attack('<!DOCTYPE x [<!ENTITY % remote SYSTEM "{url}"> %remote;]>\n', ""),
    "entity-on-the-discard-port": Attack('<!DOCTYPE x [<!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>\n', "&remote;"),
    "billion-laughs": Attack(_billion_laughs(), "&lol9;", expands=True),
    "quadratic-blowup": Attack(f'<!DOCTYPE x [<!ENTITY a "{"A" * 50_000}">]>\n', "&a;" * 50_000, expands=True),
}


@pytest.mark.parametrize("kind", ["tmx", "xliff"])
@pytest.mark.parametrize("attack", ENTITY_ATTACKS.values(), ids=ENTITY_ATTACKS.keys())
def test_entities_are_rejected_unexpanded_and_unfetched(
    tmp_path: Path, listener: tuple[str, socket.socket], kind: str, attack: Attack
) -> None:
    url, server = listener
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    name, document = _document(kind, attack.doctype.format(secret=secret.as_uri(), url=url), attack.reference)
    paths = write(tmp_path, {name: document})

    result = run_capped(paths) if attack.expands else run_check(paths)

    assert_one_line_error(result.stdout, result.stderr, result.exit_code, str(paths[0]), "declares a DTD with entities")
    assert SECRET not in result.stdout + result.stderr
    assert_nobody_connected(server)


@pytest.mark.parametrize("kind", ["tmx", "xliff"])
@pytest.mark.parametrize("identifier", ["{url}", "{secret}", "http://127.0.0.1:9/x.dtd"])
def test_an_external_dtd_is_neither_fetched_nor_read(
    tmp_path: Path, listener: tuple[str, socket.socket], kind: str, identifier: str
) -> None:
    url, server = listener
    secret = tmp_path / "secret.txt"
    secret.write_text(f'<!ENTITY leak "{SECRET}">')
    system_id = identifier.format(url=url, secret=secret.as_uri())
    name, document = _document(kind, f'<!DOCTYPE x SYSTEM "{system_id}">\n', "")

    report = assert_report(run_check(write(tmp_path, {name: document})))

    assert report["summary"]["pairs"] == 1
    assert_nobody_connected(server)


def test_xinclude_is_text_not_an_instruction(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" parse="text"/>'
    result = run_check(write(tmp_path, {"a.tmx": tmx(tu(f"你好{include}"))}))

    report = assert_report(result)
    assert report["summary"]["pairs"] == 1
    assert SECRET not in result.output


# ---------------------------------------------------------------- valid but odd: a report


@dataclass(frozen=True)
class Odd:
    """Valid input and what its report must show: the pairs, the lines SG01 (empty target)
    flags, and the Chinese SG03 finds left in the targets."""

    files: dict[str, bytes | str]
    pairs: int
    options: tuple[str, ...] = ()
    empty_targets: list[int] = field(default_factory=list)
    left_in_target: list[str] = field(default_factory=list)


_CSV_WITH_QUOTES = (
    "id,source,target\n"
    '1,"你好，""世界""。","He said ""hello"",\nand then: ""world""."\n'  # one record on lines 2-3
    '2,"第二,行",\n'  # line 4: an empty target
)

# Documents with no pair, in every format: an input error (a gate that checked nothing must not
# pass), or with --allow-empty a clean report with no pairs.
EMPTY = {
    "empty-tsv": Odd({"a.tsv": b""}, 0),
    "empty-csv": Odd({"a.csv": b""}, 0),
    "empty-jsonl": Odd({"a.jsonl": b""}, 0),
    "empty-text": Odd({"a.txt": b""}, 0, ("--from", "interleaved")),
    "empty-parallel": Odd({"a.zh": b"", "a.en": b""}, 0, ("--from", "parallel")),
    "bom-only-tsv": Odd({"a.tsv": codecs.BOM_UTF8}, 0),
    "blank-lines-jsonl": Odd({"a.jsonl": "\n  \r\n\n"}, 0),
    "tmx-empty-body": Odd({"a.tmx": tmx()}, 0),
    "xliff-without-units": Odd({"a.xlf": xliff()}, 0),
}


@pytest.mark.parametrize("case", EMPTY.values(), ids=EMPTY.keys())
def test_a_file_without_pairs_is_an_input_error_unless_allowed(tmp_path: Path, case: Odd) -> None:
    paths = write(tmp_path, case.files)

    assert_error(run_check(paths, *case.options), str(paths[0]), "no zh/en pairs found: looked for")
    report = assert_report(run_check(paths, *case.options, "--allow-empty"))
    assert report["summary"]["pairs"] == 0 and report["summary"]["findings"] == 0 and report["passed"]


ODD = {
    # Missing translations are findings, not crashes.
    "tmx-without-en-variant": Odd(
        {"a.tmx": tmx(tu(en=None), tu())}, 2, empty_targets=[5], left_in_target=[LEFT_IN_TARGET]
    ),
    "xliff-12-units-without-targets": Odd(
        {"a.xlf": xliff(trans_unit("1", target=None), trans_unit("2"), trans_unit("3", target=None))},
        3,
        empty_targets=[5, 7],
        left_in_target=[LEFT_IN_TARGET],
    ),
    "xliff-2-segment-without-target": Odd(
        {"a.xlf": xliff_2(f'<unit id="u1"><segment><source>{ZH}</source></segment></unit>')}, 1, empty_targets=[4]
    ),
    "xliff-utf16-without-bom": Odd(
        {"a.xlf": xliff(trans_unit("1")).replace("UTF-8", "UTF-16").encode("utf-16-le")},
        1,
        left_in_target=[LEFT_IN_TARGET],
    ),
    # Quoting, embedded newlines and every newline convention keep records and line numbers.
    "csv-quotes-and-embedded-newlines": Odd({"a.csv": _CSV_WITH_QUOTES}, 2, empty_targets=[4]),
    "tsv-mixed-newlines": Odd({"a.tsv": "一\tOne.\r\n二\t\r三\tThree.\n四\t\r\n"}, 4, empty_targets=[2, 4]),
    "text-mixed-newlines": Odd(
        {"a.txt": f"{ZH}\r\n{EN}\r{ZH}\n{EN}\n"}, 2, ("--from", "interleaved"), left_in_target=[LEFT_IN_TARGET] * 2
    ),
    "parallel-mixed-newlines": Odd(
        {"a.zh": f"{ZH}\r\n{ZH}\r{ZH}\n", "a.en": f"{EN}\r\n\r{EN}\n"},
        3,
        ("--from", "parallel"),
        empty_targets=[2],
        left_in_target=[LEFT_IN_TARGET] * 2,
    ),
    "jsonl-crlf-and-astral-escapes": Odd(
        {"a.jsonl": '{"source": "\\u4f60\\u597d\\ud83d\\ude00", "target": "Hi \\ud83d\\ude00 \\u4e16\\u754c"}\r\n'},
        1,
        left_in_target=[LEFT_IN_TARGET],
    ),
}


@pytest.mark.parametrize("case", ODD.values(), ids=ODD.keys())
def test_odd_but_valid_input_gives_a_report(tmp_path: Path, case: Odd) -> None:
    report = assert_report(run_check(write(tmp_path, case.files), *case.options))

    assert report["summary"]["pairs"] == case.pairs
    assert flagged_lines(report, "SG01") == case.empty_targets
    assert left_in_target(report) == case.left_in_target
    if case.pairs == 0:
        assert report["summary"]["findings"] == 0 and report["passed"]


@pytest.mark.parametrize(
    ("name", "data", "options"),
    [
        ("a.tsv", "你好\x00世界\tHello world.\n", ()),
        ("a.txt", "你好\x00世界\nHello world.\n", ("--from", "interleaved")),
    ],
    ids=["tsv", "text"],
)
def test_nul_bytes_in_text_are_reported_as_damage_where_they_are(
    tmp_path: Path, name: str, data: str, options: tuple[str, ...]
) -> None:
    report = assert_report(run_check(write(tmp_path, {name: data}), *options))

    (damage,) = findings(report, "SG04")
    assert report["summary"]["pairs"] == 1
    assert [span["side"] for span in damage["spans"]] == ["source"]
    assert "\x00" in damage["spans"][0]["text"]


# ---------------------------------------------------------------- encodings


def _encoded(text: str, encoding: str) -> bytes:
    """``encoding`` with "+bom" written before the text: the BOM of that encoding."""
    codec, _, bom = encoding.partition("+")
    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}
    return (marks[codec] if bom else b"") + text.encode(codec)


# The same two pairs in three line-based layouts.
LAYOUTS = {
    "tsv": ({"a.tsv": f"{ZH}\t{EN}\n{ZH}\t{EN}\n"}, ()),
    "text": ({"a.txt": f"{ZH}\n{EN}\n\n{ZH}\n{EN}\n"}, ("--from", "interleaved")),
    "parallel": ({"a.zh": f"{ZH}\n{ZH}\n", "a.en": f"{EN}\n{EN}\n"}, ("--from", "parallel")),
}
# (how the files are written, the --encoding given or None)
ENCODINGS = {
    "utf-8-bom": ("utf-8+bom", None),
    "utf-16-le-bom": ("utf-16-le+bom", None),
    "utf-16-be-bom": ("utf-16-be+bom", None),
    "utf-16-le-no-bom-detected": ("utf-16-le", None),
    "utf-16-be-no-bom-detected": ("utf-16-be", None),
    "utf-16-le-no-bom-given": ("utf-16-le", "utf-16-le"),
    "utf-16-no-bom-given-without-order": ("utf-16-be", "utf-16"),
    "bom-beats-a-wrong-encoding": ("utf-16-le+bom", "gb18030"),
    "gb18030-given": ("gb18030", "gb18030"),
    "big5-given": ("big5", "big5"),
}


@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS.keys())
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_encodings_are_decoded_exactly(
    tmp_path: Path, layout: tuple[dict[str, str], tuple[str, ...]], encoding: tuple[str, str | None]
) -> None:
    texts, options = layout
    written_as, given = encoding
    paths = write(tmp_path, {name: _encoded(text, written_as) for name, text in texts.items()})

    report = assert_report(run_check(paths, *options, *(("--encoding", given) if given else ())))

    assert report["summary"]["pairs"] == 2
    assert left_in_target(report) == [LEFT_IN_TARGET] * 2
    assert findings(report, "SG04") == []  # no mojibake


# ---------------------------------------------------------------- one 50 MB line


def _huge_line_file(path: Path, before: str, line_unit: str, after: str) -> Path:
    with path.open("wb") as stream:
        stream.write(before.encode())
        unit = line_unit.encode()
        stream.write(unit * (HUGE_LINE_BYTES // len(unit)))
        stream.write(after.encode())
    return path


def test_a_50_mb_tsv_line_is_rejected_without_reading_it_all_into_memory(tmp_path: Path) -> None:
    path = _huge_line_file(tmp_path / "a.tsv", f"{ZH}\t", "We work together to build a home. ", "\n")

    result = run_capped([path])

    assert_one_line_error(
        result.stdout, result.stderr, result.exit_code, f"{path}:1", "a field is longer than 131,072 characters"
    )


def test_a_50_mb_paragraph_of_interleaved_text_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # A Chinese document whose line breaks were lost, between two English lines: over the
    # segment limit, so an input error naming its line, reached within the memory cap.
    path = _huge_line_file(
        tmp_path / "a.txt", "Hello there, friend.\n", "我们一起努力工作，建设美好家园。", "\nThe end.\n"
    )

    result = run_capped([path], "--from", "interleaved")

    assert_one_line_error(
        result.stdout, result.stderr, result.exit_code, f"{path}:2", "more than the 100,000 a segment may have"
    )


# ---------------------------------------------------------------- arbitrary Unicode, whole pipeline

_ODD_CHARACTERS = st.one_of(
    st.sampled_from("你好世界中文國際，。、；：“”‘’《》【】（）()!?"),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic: right to left
    st.sampled_from("\u200d\u200c\u200e\u200f\u202a\u202e\u2066\u2069\ufeff"),  # joiners, bidi controls, BOM
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji (astral)
    st.sampled_from(["👨\u200d👩\u200d👧", "🇨🇳", "👍🏽"]),  # ZWJ sequence, flag, skin tone
    st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF),  # private use
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),  # CJK compatibility ideographs
    st.characters(min_codepoint=0x3300, max_codepoint=0x33FF),  # CJK compatibility: ㎏ ㍻
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF65),  # full-width and half-width forms
    st.sampled_from("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"),  # tone-marked pinyin letters
    st.characters(min_codepoint=0x2460, max_codepoint=0x24FF),  # ① ⑴ ⒈ ⓐ
    st.sampled_from("0123456789 .,;:'\"-&<>%$"),
    st.characters(codec="utf-8"),  # anything else a UTF-8 file can hold
)


def _xml_safe(piece: str) -> bool:
    # XML 1.0 cannot hold most C0 controls, U+FFFE/U+FFFF or surrogates, and turns \r into \n.
    return all(
        code in (0x9, 0xA) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
        for code in map(ord, piece)
    )


def _line_safe(piece: str) -> bool:
    return not any(character in "\t\r\n" for character in piece)


def _pairs_of(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    text = st.lists(pieces, max_size=30).map("".join)
    return st.lists(st.tuples(text, text), min_size=1, max_size=4)


ODD_PAIRS = _pairs_of(_ODD_CHARACTERS)
XML_PAIRS = _pairs_of(_ODD_CHARACTERS.filter(_xml_safe))
LINE_PAIRS = _pairs_of(_ODD_CHARACTERS.filter(_line_safe))


def assert_spans_inside(report: dict, pairs: Sequence[tuple[str, str]]) -> None:
    """Every span of every finding lies inside its side's text and quotes it exactly."""
    for finding in (finding for file in report["files"] for finding in file["findings"]):
        source, target = pairs[int(finding["segment_id"]) - 1]
        for span in finding["spans"]:
            text = source if span["side"] == "source" else target
            assert 0 <= span["start"] <= span["end"] <= len(text), (finding, text)
            assert span["text"] == text[span["start"] : span["end"]]


def _jsonl(pairs: Sequence[tuple[str, str]], ascii_only: bool) -> str:
    # ensure_ascii writes astral characters as surrogate-pair escapes (\ud83d\ude00).
    return "".join(json.dumps({"source": zh, "target": en}, ensure_ascii=ascii_only) + "\n" for zh, en in pairs)


def _tmx(pairs: Sequence[tuple[str, str]]) -> bytes:
    body = etree.Element("body")
    for number, (zh, en) in enumerate(pairs, start=1):
        unit = etree.SubElement(body, "tu", tuid=str(number))
        for language, text in (("zh-CN", zh), ("en-US", en)):
            variant = etree.SubElement(unit, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": language})
            etree.SubElement(variant, "seg").text = text
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", srclang="zh-CN")
    root.append(body)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _tsv(pairs: Sequence[tuple[str, str]]) -> str:
    # The header keeps a first row such as "en<TAB>zh" from being taken for one; the 译 keeps
    # every row from being blank, which TSV skips.
    rows = (f"{number}\t译{zh}\t{en}\n" for number, (zh, en) in enumerate(pairs, start=1))
    return "id\tsource\ttarget\n" + "".join(rows)


def examples(count: int) -> settings:
    # tmp_path is shared by the examples of a test: each writes its files over the last ones.
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@examples(150)
@given(pairs=ODD_PAIRS, ascii_only=st.booleans())
def test_any_unicode_in_jsonl_gives_a_report_with_spans_inside_the_text(
    tmp_path: Path, pairs: list[tuple[str, str]], ascii_only: bool
) -> None:
    (path,) = write(tmp_path, {"a.jsonl": _jsonl(pairs, ascii_only)})

    report = assert_report(run_check([path]))

    assert report["summary"]["pairs"] == len(pairs)
    assert_spans_inside(report, pairs)


@examples(60)
@given(
    pairs=ODD_PAIRS,
    where=st.tuples(st.integers(min_value=0), st.sampled_from(["source", "target"]), st.integers(min_value=0)),
    surrogate=st.integers(min_value=0xD800, max_value=0xDFFF),
)
def test_an_unpaired_surrogate_escape_is_one_clear_line_naming_its_line(
    tmp_path: Path, pairs: list[tuple[str, str]], where: tuple[int, str, int], surrogate: int
) -> None:
    row, side, offset = where
    row %= len(pairs)
    broken = list(pairs)
    zh, en = broken[row]
    text = zh if side == "source" else en
    text = text[: offset % (len(text) + 1)] + chr(surrogate) + text[offset % (len(text) + 1) :]
    broken[row] = (text, en) if side == "source" else (zh, text)
    (path,) = write(tmp_path, {"a.jsonl": _jsonl(broken, ascii_only=True)})

    assert_error(run_check([path]), f"{path}:{row + 1}", "contains a broken character (an unpaired")


@examples(100)
@given(pairs=XML_PAIRS)
def test_any_unicode_in_tmx_gives_a_report_with_spans_inside_the_text(
    tmp_path: Path, pairs: list[tuple[str, str]]
) -> None:
    (path,) = write(tmp_path, {"a.tmx": _tmx(pairs)})

    report = assert_report(run_check([path]))

    assert report["summary"]["pairs"] == len(pairs)
    assert_spans_inside(report, pairs)


@examples(100)
@given(pairs=LINE_PAIRS)
def test_any_unicode_in_tsv_gives_a_report_with_spans_inside_the_text(
    tmp_path: Path, pairs: list[tuple[str, str]]
) -> None:
    (path,) = write(tmp_path, {"a.tsv": _tsv(pairs)})

    report = assert_report(run_check([path]))

    assert report["summary"]["pairs"] == len(pairs)
    assert_spans_inside(report, [(f"译{zh}", en) for zh, en in pairs])


@examples(60)
@given(pairs=ODD_PAIRS, ascii_only=st.booleans())
def test_the_same_input_gives_byte_identical_json(
    tmp_path: Path, pairs: list[tuple[str, str]], ascii_only: bool
) -> None:
    (path,) = write(tmp_path, {"a.jsonl": _jsonl(pairs, ascii_only)})

    first, second = run_check([path]), run_check([path])

    assert first.exit_code in (0, 1)
    assert (first.exit_code, first.stdout_bytes) == (second.exit_code, second.stdout_bytes)


def test_a_device_as_output_is_written_not_replaced(tmp_path: Path) -> None:
    # Renaming a temporary file over /dev/null would replace the device (as root).
    paths = write(tmp_path, {"a.tsv": f"{ZH}\t{EN}\n"})
    before = os.stat("/dev/null")
    result = run_check(paths, "--quiet", "-o", "json:/dev/null")
    assert result.exit_code in (0, 1), result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


# ---------------------------------------------------------------- the fuzzer, a fixed-seed slice


def test_a_fixed_seed_slice_of_the_fuzzer_keeps_the_contract() -> None:
    # The long run is `python benchmarks/fuzz.py --cases 100000` (README, development). The
    # fuzzer's spawned workers import it by name, so its folder stays on the path meanwhile.
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import fuzz

        summary = fuzz.fuzz(seed=7, count=120, workers=2, seconds=60, memory_mb=1536, out=None, report=lambda line: None)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))

    assert [(outcome.number, outcome.violations) for outcome in summary.failed] == []


# ---------------------------------------------------------------- bounded work per segment

# Shapes that once made a rule superlinear in a segment's length, each repeated to 100,000
# characters on one side of a pair (the largest segment a file may hold).
WORST_CASE_UNITS = (
    "一", "十", "三四", "十几", "〇", "１", "。", "“", "（", "(", ")", "A", "习近平主席", "Xi ", "2021年3月",
    "3至6月", "1,", "1.", "- ", "https://a.b ", "#NAME#", "上午10时", "9: 30 ", "Zhang Wei ", "A1B2", "——",
    "一.", "the the ", "<b>", "%s ", "<unk>", "zq-", "zq'",
)
# How much longer than 100 ordinary pairs one 100,000-character pair may take, per rule: the
# segment holds ten times their text, and a rule near-linear in its length stays well inside.
WORST_CASE_FACTOR = 40


@pytest.fixture(scope="module")
def ordinary_time() -> dict[str, float]:
    """Processor seconds each rule takes on 100 ordinary pairs (the bundled sample's, repeated).

    Processor time rather than wall time: on a machine busy with other work, wall time grows with
    the load and once failed this test on correct code."""
    from qa_tool.checks import select_rules
    from qa_tool.engine import check_document
    from qa_tool.readers import ReadOptions, open_input, read_pairs

    with open_input(str(REPO / "examples" / "chongqing-fao-news.zh-en.txt")) as stream:
        sample = list(read_pairs(stream, "sample", ReadOptions()))
    pairs = (sample * 10)[:100]
    times = {}
    for rule in select_rules(["ALL"]):
        started = time.process_time()
        check_document(pairs, "sample", [rule])
        times[rule.meta.code] = time.process_time() - started
    return times


def _seconds(pairs: list, rule) -> float:
    from qa_tool.engine import check_document

    started = time.process_time()
    check_document(pairs, "x", [rule])
    return time.process_time() - started


@pytest.mark.parametrize("unit", WORST_CASE_UNITS)
def test_every_rule_is_near_linear_in_the_segment_length(unit: str, ordinary_time: dict[str, float]) -> None:
    from qa_tool.checks import select_rules
    from qa_tool.model import Location, SegmentPair

    repeated = unit * (100_000 // len(unit))
    pairs = [SegmentPair("1", repeated, "Hello " + unit, Location("x")), SegmentPair("2", "你好" * 10, repeated, Location("x"))]
    slow = {}
    for rule in select_rules(["ALL"]):
        # A floor for rules so cheap on ordinary text that timer noise would decide: 2 s, where
        # a rule quadratic in the length takes minutes. A rule over it is timed once more, as cache
        # contention on a busy machine can still slow one run.
        limit = WORST_CASE_FACTOR * max(ordinary_time[rule.meta.code], 0.05)
        taken = _seconds(pairs, rule)
        if taken > limit:
            taken = min(taken, _seconds(pairs, rule))
        if taken > limit:
            slow[rule.meta.code] = round(taken, 2)
    assert slow == {}
