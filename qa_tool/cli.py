"""The command line: parse options, run load → check → score → report, set the exit code.
No checking logic lives here."""

from __future__ import annotations

import functools
import gc
import math
import os
import sys
import traceback
from contextlib import ExitStack, closing, contextmanager, suppress
from dataclasses import dataclass, fields, replace
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterator, Sequence, TextIO

import click

from qa_tool import __version__
from qa_tool.config import CONFIG_NAME, VARIANTS, Config
from qa_tool.errors import InputError
from qa_tool.model import SegmentPair, Severity
from qa_tool.scoring import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from qa_tool.checks.base import CheckSettings
    from qa_tool.engine import DocumentResult
    from qa_tool.metrics import ReferenceScores
    from qa_tool.readers import ReadOptions
    from qa_tool.segment_filter import SegmentFilter

# Exit codes, as documented in --help and the README.
EXIT_PASSED, EXIT_GATE_FAILED, EXIT_ERROR = 0, 1, 2
# Show a progress line on a terminal once a run has checked this many pairs.
PROGRESS_AFTER = 2000

INPUT_FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl", "interleaved", "parallel", "xlsx", "docx", "po")
# Report formats (qa_tool.formatters.FORMATTERS), named here so --help need not import them.
REPORT_FORMATS = ("human", "json", "jsonl", "sarif", "junit", "github", "tsv", "html")


class QaToolGroup(click.Group):
    """Turns bad input into one line on stderr and exit 2, never a traceback (unless --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as error:
            click.echo(_one_line(f"qa-tool: error: {error}"), err=True)
            ctx.exit(EXIT_ERROR)
        except click.UsageError as error:
            click.echo(_one_line(_usage_line(error)), err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            # The reader of our output went away (`qa-tool ... | head`): nothing left to say.
            sys.stderr.close()
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            if ctx.meta.get("qa_tool.debug"):
                traceback.print_exc()
            else:
                click.echo(
                    _one_line(f"qa-tool: error: internal error ({type(error).__name__}: {error}); "
                              "run with --debug for the traceback and please report it"),
                    err=True,
                )
            ctx.exit(EXIT_ERROR)
        return None

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: object) -> click.Context:
        # Options of qa-tool itself (qa-tool --bogus) are parsed here, before invoke.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[arg-type]
        except click.UsageError as error:
            if isinstance(error, _NO_ARGS_IS_HELP):
                raise  # bare `qa-tool`: click prints the help
            click.echo(_usage_line(error), err=True)
            sys.exit(EXIT_ERROR)


# click 8.2+ raises this for a bare `qa-tool`; older versions print the help themselves.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _one_line(message: str) -> str:
    """``message`` with its line breaks written as escapes: a parser's message may quote the
    input, line breaks and all, and an error is one line for the scripts that read it."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _usage_line(error: click.UsageError) -> str:
    """One line for a usage error, naming the help to read."""
    # The command path without the program's own name, which differs when run from tests.
    command = " ".join(["qa-tool", *(error.ctx.command_path.split()[1:] if error.ctx else [])])
    return f"qa-tool: error: {error.format_message()} (see '{command} --help')"


@click.group(cls=QaToolGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="qa-tool")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Quality assurance for Chinese→English translation.

    Reads bilingual files (TMX, XLIFF 1.2/2.x with Trados SDLXLIFF and memoQ MQXLIFF,
    TSV/CSV, Excel sheets, Word tables, PO, JSONL, two line-aligned files, or interleaved
    bilingual text) or whole folders of them, checks every zh/en pair, each document and
    the run as a whole, and prints a report with an MQM-style score; fixes what is safe to
    fix, and lets a reviewer step through the rest.

    \b
    Start with:
      qa-tool check examples/chongqing-fao-news.zh-en.txt
      qa-tool fix examples/chongqing-fao-news.zh-en.txt --diff
      qa-tool rules
    """
    ctx.meta["qa_tool.debug"] = debug


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code for value in values for code in value.split(",") if code.strip()]


@contextmanager
def _output_stream(path: str | None) -> Iterator[TextIO]:
    """stdout, or an output file written atomically (never half-written, never an input)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    from qa_tool.atomic import atomic_text_writer

    try:
        with atomic_text_writer(path) as stream:
            yield stream
    except OSError as error:
        raise InputError(f"cannot write the output: {error.strerror or error}", path=path) from None


def _refuse_input_as_output(path: str, inputs: tuple[str, ...]) -> None:
    """qa-tool never writes its inputs: an output path naming one is an error."""
    if path == "-" or not os.path.exists(path):
        return
    for name in inputs:
        if name != "-" and os.path.exists(name) and os.path.samefile(path, name):
            raise InputError("is one of the inputs; qa-tool never writes over its inputs", path=path)


def _use_color(path: str | None, color: bool | None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return (path is None or path == "-") and sys.stdout.isatty()


class _Reading:
    """The input streams open now and the bytes of the files already read: how far a run
    has come, for the progress bar. Files are opened one at a time, so a folder of
    thousands of files never holds thousands open."""

    def __init__(self) -> None:
        self.done = 0
        self.open: list[BinaryIO] = []

    @contextmanager
    def opened(self, path: str) -> Iterator[BinaryIO]:
        from qa_tool.readers import open_input

        with open_input(path) as stream:
            self.open.append(stream)
            try:
                yield stream
            finally:
                self.open.remove(stream)
                self.done += _file_size(path) or 0

    def position(self) -> int:
        return self.done + sum(stream.tell() for stream in self.open)


@contextmanager
def _progress(enabled: bool, paths: Sequence[str], reading: _Reading) -> Iterator[Callable[[], None] | None]:
    """A progress display on stderr for long runs on a terminal, nothing otherwise: a bar of
    the input bytes read when every input is a regular file (its size is known), else a
    running count of pairs (a pipe)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn

    sizes = [_file_size(path) for path in paths]
    total = None if None in sizes else sum(size or 0 for size in sizes)
    columns = [SpinnerColumn(), TextColumn("checked {task.fields[pairs]:,} pairs")]
    if total is not None:
        columns += [BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total, visible=False, pairs=0)
        count = 0

        def advance() -> None:
            nonlocal count
            count += 1
            if count % PROGRESS_AFTER == 0:
                done = reading.position() if total is not None else None
                bar.update(task, completed=done, pairs=count, visible=True)

        yield advance


def _file_size(path: str) -> int | None:
    """The size of an input, or None when it is not a regular file (a pipe, a terminal)."""
    if path == "-":
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size if S_ISREG(status.st_mode) else None


def _read_options(**values: object) -> "ReadOptions":
    from qa_tool.readers import ReadOptions

    fields = {key: value for key, value in values.items() if value is not None}
    for field_name, (column, key) in {
        "source_field": ("source_column", "source_key"),
        "target_field": ("target_column", "target_key"),
        "id_field": ("id_column", "id_key"),
    }.items():
        if field_name in fields:
            name = fields.pop(field_name)
            fields[column] = fields[key] = name
    return ReadOptions(**fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Document:
    """One input document: its display name, the files it comes from, its format, its pairs."""

    name: str
    paths: tuple[str, ...]
    format_name: str
    pairs: Iterator[SegmentPair]


def _documents(paths: tuple[str, ...], input_format: str | None, options: "ReadOptions", reading: _Reading) -> Iterator[_Document]:
    """The input documents, each file opened while its pairs are read; two plain files
    make one parallel document."""
    from qa_tool.readers import SNIFF_BYTES, detect_format, format_of, read_pairs
    from qa_tool.readers.parallel import read_parallel

    if paths.count("-") > 1:
        raise InputError("standard input ('-') can be read only once")
    if input_format == "parallel" and len(paths) != 2:
        raise InputError(f"--from parallel takes two files, the Chinese and the English (got {len(paths)})")
    if len(paths) == 2 and input_format in (None, "parallel"):
        with reading.opened(paths[0]) as first, reading.opened(paths[1]) as second:
            heads = [stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] for stream in (first, second)]  # type: ignore[attr-defined]
            if input_format == "parallel" or all(detect_format(path, head) is None for path, head in zip(paths, heads)):
                yield _Document(paths[0], paths, "parallel", read_parallel(first, paths[0], second, paths[1], options))
                return
    for path in paths:
        with reading.opened(path) as stream:
            format_name = input_format or format_of(stream, path)
            yield _Document(path, (path,), format_name, read_pairs(stream, path, options, format_name))


# Input options that become ReadOptions fields (through _read_options).
_READ_VALUE_NAMES = ("source_lang", "target_lang", "encoding", "source_field", "target_field", "id_field", "max_segment_chars")

input_options = [
    click.option("--from", "input_format", type=click.Choice(INPUT_FORMATS), help="Input format (default: from the extension, then the content)."),
    click.option("--source-lang", default="zh", show_default=True, help="Language of the source side; any variant matches (zh-CN, ZH-TW, zh-Hant...)."),
    click.option("--target-lang", default="en", show_default=True, help="Language of the target side (en-US, en-GB... match)."),
    click.option("--encoding", callback=lambda ctx, param, value: _valid_encoding(value), help="Text encoding of line-based files when there is no BOM (default UTF-8), e.g. gb18030, big5."),
    click.option("--source-field", help="TSV/CSV column (name or 1-based number) or JSONL key of the source."),
    click.option("--target-field", help="TSV/CSV column or JSONL key of the target."),
    click.option("--id-field", help="TSV/CSV column or JSONL key of the segment id."),
    click.option("--max-segment-chars", type=click.IntRange(1, None), help="Longest source or target a file may hold, in characters (default 100,000); a longer one is an input error."),
]


def _valid_encoding(encoding: str | None) -> str | None:
    from qa_tool.readers._text import text_encoding

    if encoding is not None:
        try:
            text_encoding(encoding)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
    return encoding


def _job_count(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A number of worker processes, 'auto' (the cores this process may run on), or None when
    not given: then the size of the input decides (_jobs_for)."""
    if value is None:
        return None
    if value.strip().casefold() == "auto":
        return usable_cores()
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a number nor 'auto'") from None
    if jobs < 1:
        raise click.BadParameter(f"{jobs} is not a number of workers: give 1 or more, or 'auto'")
    return jobs


# The size of input file from which a run without --jobs checks with a worker per usable core.
# Starting workers (every rule's tables loaded, then forked) costs 0.2-0.3 s, which about 4,000
# pairs of one file win back on 2 cores: with --jobs 2 the benchmark's 1,000 pairs took 1.07 s
# instead of 0.78, 3,000 pairs 1.40 instead of 1.32, 10,000 pairs (4.9 MB of TMX) 2.6 instead
# of 3.4. Workers share out the pairs of one file, not the files of a run: 200 files of 50
# pairs (4.3 MB in all) took 4.08 s with --jobs 2 instead of 3.15.
PARALLEL_FROM_BYTES = 2 * 2**20


def _jobs_for(given: int | None, files: Sequence[str]) -> int:
    """The workers of a run: as --jobs says, else one per usable core when an input file is
    PARALLEL_FROM_BYTES or larger, one process when none is (standard input counts as small)."""
    if given is not None:
        return given
    largest = 0
    for path in files:
        with suppress(OSError):  # a file that cannot be read is reported when it is read
            largest = max(largest, os.path.getsize(path) if path != "-" else 0)
    return usable_cores() if largest >= PARALLEL_FROM_BYTES else 1


def usable_cores() -> int:
    """The cores this process may use: its affinity mask (what `taskset` or a container's cpuset
    allows; os.cpu_count() counts the machine's), capped by a CPU quota of its control group,
    which the mask does not show (a CI job given 2 CPUs on a 64-core host)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, quota) if quota is not None else cores)


def cpu_quota(root: Path = Path("/sys/fs/cgroup"), membership: Path = Path("/proc/self/cgroup")) -> int | None:
    """The CPUs this process's control group may use in a period, rounded up (cgroup v2's
    cpu.max or v1's cpu.cfs_quota_us); None without a quota or where there are no cgroups."""
    try:
        groups = dict(line.split(":", 2)[1:] for line in membership.read_text().splitlines() if line.count(":") >= 2)
    except OSError:
        return None
    quota_files = [
        (root / groups.get("", "/").lstrip("/") / "cpu.max", None),
        *((root / controllers / path.lstrip("/"), "v1") for controllers, path in groups.items() if "cpu" in controllers.split(",")),
    ]
    for place, version in quota_files:
        try:
            if version is None:
                quota, period = place.read_text().split()[:2]
            else:
                quota, period = ((place / name).read_text().strip() for name in ("cpu.cfs_quota_us", "cpu.cfs_period_us"))
        except (OSError, ValueError):
            continue
        if quota in ("max", "-1"):
            return None
        with suppress(ValueError, ZeroDivisionError):
            return max(1, math.ceil(int(quota) / int(period)))
    return None


def _valid_statuses(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from qa_tool.segment_filter import parse_states

    try:
        parse_states(values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    return values


def with_input_options(function: Callable) -> Callable:
    for option in reversed(input_options):
        function = option(function)
    return function


@dataclass(frozen=True)
class _CheckRequest:
    """What to read and which rules to run: the options `check` and `baseline` share."""

    files: tuple[str, ...]
    input_format: str | None
    config_path: str | None
    isolated: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    jobs: int | None
    pack_folders: tuple[str, ...]
    no_default_pack: bool
    glossaries: tuple[str, ...]
    dictionaries: tuple[str, ...]
    variant: str | None
    allow_empty: bool
    # Segment filter: status names as given, and None where the config decides.
    statuses: tuple[str, ...]
    skip_locked: bool | None
    skip_matches: float | None
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    # None: from the config, else run.
    consistency: str | None
    # The remaining input options (languages, encoding, fields), as ReadOptions takes them.
    read_values: dict


def with_check_options(function: Callable) -> Callable:
    """Adds the options `check` and `baseline` share and hands them over as one _CheckRequest."""
    options = input_options + [
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help=f"Use this config file instead of the nearest {CONFIG_NAME} or pyproject.toml [tool.qa-tool]."),
        click.option("--isolated", is_flag=True, help="Ignore config files."),
        click.option("--select", multiple=True, help="Only these rules: codes (GR01), families (GR), names, DEFAULT (the default set) or ALL (opt-in rules too); comma-separated or repeated."),
        click.option("--ignore", multiple=True, help="Skip these rules (codes, families or names), besides those the config ignores."),
        click.option("-j", "--jobs", metavar="N|auto", callback=_job_count, help="Worker processes for the per-segment rules, or 'auto' for one per usable core. Default: auto when an input file is 2 MB or more (about 4,000 pairs), else 1. The report is the same for any number."),
        click.option("--rules", "pack_folders", multiple=True, type=click.Path(file_okay=False), help="Also load this rule pack (a folder of CODE.yml rules); repeatable."),
        click.option("--no-default-pack", is_flag=True, help="Leave out the default rule pack (std)."),
        click.option("--allow-empty", is_flag=True, help="Let a file with no pairs pass (e.g. a CI glob that may match empty files); by default it is an input error."),
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False), help="Glossary (TSV/CSV/TBX) whose terms must be used; repeatable."),
        click.option("--status", "statuses", multiple=True, metavar="STATES", callback=_valid_statuses, help="Check only segments in these workflow states: new, draft, translated, rejected, reviewed, final (comma-separated or repeated; e.g. --status new,draft for what nobody confirmed). Read from XLIFF state, Trados and memoQ statuses, PO fuzzy flags; segments whose file records none are checked."),
        click.option("--skip-locked/--no-skip-locked", default=None, help="Leave out segments the CAT tool locked (Trados, memoQ).  [default: no]"),
        click.option("--skip-matches", type=click.FloatRange(0, None), metavar="PERCENT", help="Leave out segments translated from a TM match of PERCENT or more (100: exact matches; context matches count as 101, double-context as 102)."),
        click.option("--include", multiple=True, metavar="GLOB", help="In a FOLDER, check only files matching this .gitignore-style pattern ('*.sdlxliff', 'delivery/**'); repeatable, added to the config's 'include'."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="In a FOLDER, leave out files (or folders: 'drafts/') matching this .gitignore-style pattern; repeatable, added after the config's 'exclude' ('!' takes a file back)."),
        click.option("--consistency", type=click.Choice(["file", "run"]), default=None, help="Compare translations, names, titles and quotation marks across all files of the run, or only within each file.  [default: run]"),
        click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(dir_okay=False), help="Words the spelling rules accept (a UTF-8 file, one word per line), besides the config's; repeatable."),
        click.option("--variant", type=click.Choice(VARIANTS), default=None, help="The English the client wants: SP03 reports the other variety's spellings (colour in en-US, color in en-GB).  [default: either]"),
    ]
    request_fields = [field.name for field in fields(_CheckRequest) if field.name != "read_values"]

    @functools.wraps(function)
    def gather(**values: object) -> object:
        request = _CheckRequest(
            **{name: values.pop(name) for name in request_fields},
            read_values={name: values.pop(name) for name in _READ_VALUE_NAMES},
        )
        return function(request, **values)

    for option in reversed(options):
        gather = option(gather)
    return gather


@dataclass(frozen=True)
class _Run:
    """The outcome of checking the inputs: results per file and what produced them."""

    results: list
    rules: tuple
    config: Config
    documents: list[_Document]
    options: "ReadOptions"
    segment_filter: "SegmentFilter"


@dataclass(frozen=True)
class _RuleChoice:
    """The rules a run selects (options over config) and the settings it gives them."""

    available: tuple
    chosen: list[str]
    ignored: list[str]
    config: Config
    settings: "CheckSettings"

    @classmethod
    def of(cls, request: _CheckRequest, config: Config) -> "_RuleChoice":
        from qa_tool.checks.base import CheckSettings
        from qa_tool.packs import available_rules

        return cls(
            available=available_rules(config.packs + request.pack_folders, default_pack=not request.no_default_pack),
            chosen=_split_codes(request.select) or list(config.select),
            ignored=list(config.ignore) + _split_codes(request.ignore),
            config=config,
            settings=CheckSettings(
                glossaries=tuple(config.glossaries) + request.glossaries,
                dictionaries=tuple(config.dictionaries) + request.dictionaries,
                variant=request.variant or config.variant,
                rule_options={code: dict(options) for code, options in config.rules.items()},
                severity=dict(config.severity),
            ),
        )

    def rules(self, document: str | None = None) -> tuple:
        """The rules of the run, or those of one document (the config may ignore some for it)."""
        from qa_tool.checks import select_rules

        for_document = list(self.config.ignored_for(document)) if document is not None else []
        return select_rules(self.chosen, self.ignored + for_document, self.available)


def _refuse_empty(result: "DocumentResult", format_name: str, options: "ReadOptions", allow_empty: bool) -> None:
    """An input error for a document in which the reader found no pair (none checked, none
    left unchecked by the segment filter), unless empty files may pass."""
    from qa_tool.readers import what_a_pair_is

    if result.pair_count == 0 and not result.skipped and not allow_empty:
        raise InputError(
            f"no {options.source_lang}/{options.target_lang} pairs found: looked for "
            f"{what_a_pair_is(format_name, options)} (--from {format_name}); "
            "pass --allow-empty if an empty file may pass",
            path=result.path,
        )


def _run_checks(
    request: _CheckRequest,
    config: Config,
    collect: Callable[[SegmentPair], None] | None = None,
    outputs: Sequence[str] = (),
) -> _Run:
    from qa_tool.engine import Consistency, DocumentInput, check_run
    from qa_tool.segment_filter import FilteredPairs

    files = _input_files(request, config, leave_out=outputs)
    for output in outputs:
        _refuse_input_as_output(output, files)
    choice = _RuleChoice.of(request, config)
    rules, settings = choice.rules(), choice.settings
    _warn_about_glossaries(settings.glossaries)
    options = _read_options(**request.read_values)
    segment_filter = _segment_filter(request, config)
    documents: list[_Document] = []
    # Each document's pairs through the segment filter, which counts what it leaves out.
    filtered: list[FilteredPairs] = []

    def inputs(reading: _Reading) -> Iterator[DocumentInput]:
        for document in _documents(files, request.input_format, options, reading):
            documents.append(document)
            document_rules = choice.rules(document.name)
            # The reference follows the file's pairs one to one, so it sees the pairs left unchecked too.
            pairs = _tee(document.pairs, collect) if collect is not None else document.pairs
            filtered.append(FilteredPairs(pairs, segment_filter))
            yield DocumentInput(document.name, filtered[-1], document_rules)

    show_progress = sys.stderr.isatty() and not os.environ.get("CI")
    reading = _Reading()
    consistency = Consistency(request.consistency or config.consistency)
    with _progress(show_progress, files, reading) as on_pair:
        jobs = _jobs_for(request.jobs, files)
        checked = check_run(inputs(reading), settings, on_pair=on_pair, jobs=jobs, consistency=consistency)
    results = [replace(result, skipped=kept.skipped) for result, kept in zip(checked, filtered)]
    for document, result in zip(documents, results):
        _refuse_empty(result, document.format_name, options, request.allow_empty)
    return _Run(results, rules, config, documents, options, segment_filter)


def _input_files(request: _CheckRequest, config: Config, leave_out: Sequence[str] = ()) -> tuple[str, ...]:
    """The files named, folders replaced by their files; the config's patterns first."""
    from qa_tool.readers.folders import input_files

    return input_files(request.files, config.include + request.include, config.exclude + request.exclude, leave_out)


def _segment_filter(request: _CheckRequest, config: Config) -> "SegmentFilter":
    """The command line's segment filter, each part of it the config's where not given."""
    from qa_tool.segment_filter import SegmentFilter, parse_states

    return SegmentFilter(
        states=parse_states(request.statuses or config.status),
        skip_locked=config.skip_locked if request.skip_locked is None else request.skip_locked,
        skip_matches=config.skip_matches if request.skip_matches is None else request.skip_matches,
    )


# Glossary lint findings a check run shows before pointing at `qa-tool glossary lint`.
GLOSSARY_WARNINGS_SHOWN = 5


def _warn_about_glossaries(paths: tuple[str, ...]) -> None:
    """A few lines on stderr about what in the glossaries makes the term rules wrong or deaf
    (duplicates, OCR slips, entries that never match), so a termbase's flaws are not taken
    for the translation's; the report on stdout stays as it is."""
    if not paths:
        return
    import shlex

    from qa_tool.glossary_lint import lint_glossaries

    findings = lint_glossaries(paths, thorough=False)
    for finding in findings[:GLOSSARY_WARNINGS_SHOWN]:
        click.echo(_one_line(f"qa-tool: warning: {finding}"), err=True)
    if len(findings) > GLOSSARY_WARNINGS_SHOWN:
        more = len(findings) - GLOSSARY_WARNINGS_SHOWN
        click.echo(
            f"qa-tool: warning: {more} more in the glossaries; 'qa-tool glossary lint {shlex.join(paths)}' lists them all",
            err=True,
        )


def _tee(pairs: Iterator[SegmentPair], collect: Callable[[SegmentPair], None]) -> Iterator[SegmentPair]:
    for pair in pairs:
        collect(pair)
        yield pair


def _config_for(files: tuple[str, ...], config_path: str | None = None, isolated: bool = False) -> Config:
    from qa_tool.config import discover, load_config

    if isolated:
        return Config()
    if config_path is not None:
        return load_config(Path(config_path))
    first = next((f for f in files if f != "-"), None)
    start = Path.cwd() if first is None else Path(first).resolve() if os.path.isdir(first) else Path(first).resolve().parent
    found = discover(start)
    return load_config(found) if found else Config()


# Output file extension → report format, for `-o PATH` without a `FORMAT:` prefix.
_FORMAT_BY_EXTENSION = {
    ".json": "json", ".jsonl": "jsonl", ".sarif": "sarif", ".xml": "junit", ".html": "html",
    ".htm": "html", ".tsv": "tsv", ".txt": "human",
}


def _output_targets(outputs: tuple[str, ...]) -> list[tuple[str, str]]:
    """`-o [FORMAT:]PATH` values → (format, path) pairs."""
    from qa_tool.formatters import FORMATTERS

    targets = []
    for value in outputs:
        prefix, colon, rest = value.partition(":")
        if colon and prefix in FORMATTERS:
            targets.append((prefix, rest))
            continue
        suffix = Path(value).suffix.lower()
        if suffix not in _FORMAT_BY_EXTENSION or _FORMAT_BY_EXTENSION[suffix] not in FORMATTERS:
            raise InputError(
                f"cannot tell the report format of output {value!r}: write FORMAT:PATH with one of "
                f"{', '.join(sorted(FORMATTERS))}"
            )
        targets.append((_FORMAT_BY_EXTENSION[suffix], value))
    return targets


@cli.command()
@click.argument("files", nargs=-1, required=True)
@with_check_options
@click.option("-f", "--format", "output_format", type=click.Choice(REPORT_FORMATS), default="human", show_default=True, help="Format of the report on standard output.")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT:]PATH", help="Also write a report to PATH (atomically), its format from the FORMAT: prefix or the extension (.json .jsonl .sarif .xml=junit .html .tsv); repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="No report on standard output (use with -o); the exit code still gates.")
@click.option("--fail-on", type=click.Choice([s.label for s in Severity if s > Severity.NEUTRAL]), default=None, help="Fail the gate on any finding of this severity or worse.  [default: critical]")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, help="Lowest passing quality score, 0–100.  [default: 99]")
@click.option("--profile", type=click.Choice(["mqm", "wmt"]), default=None, help="Weights: mqm (MQM 2.0: minor 1, major 5, critical 25) or wmt (also minor punctuation 0.1).  [default: mqm]")
@click.option("--word-basis", type=click.Choice(["target-words", "source-chars"]), default=None, help="Divide the penalty by English target words or Chinese source characters.  [default: target-words]")
@click.option("--ref", "reference", help="Reference translation: a bilingual file (its targets) or plain text, one line per pair; adds BLEU, chrF++ and TER.")
@click.option("--annotate", "annotate_path", metavar="PATH", help="Also write the input back as a new file with the findings as notes (XLIFF/TMX <note>, a TSV/CSV column, a JSONL key; TSV for text inputs).")
@click.option("--baseline", "baseline_path", help="Report and gate only findings that are not in this baseline (see 'qa-tool baseline').")
@click.option("--color/--no-color", default=None, help="Colour the report (default: on a terminal, unless NO_COLOR is set).")
def check(
    request: _CheckRequest,
    output_format: str,
    outputs: tuple[str, ...],
    quiet: bool,
    fail_on: str | None,
    threshold: float | None,
    profile: str | None,
    word_basis: str | None,
    reference: str | None,
    annotate_path: str | None,
    baseline_path: str | None,
    color: bool | None,
) -> None:
    """Check bilingual FILES and report findings with a quality score.

    \b
    FILES are TMX, XLIFF (Trados .sdlxliff and memoQ .mqxliff too), TSV/CSV, JSONL or
    interleaved bilingual text, or two line-aligned plain-text files (Chinese first, then
    English). '-' reads standard input.
    A FOLDER is checked as a project: every file below it of a known format, in path
    order (--include/--exclude filter them), its consistency rules comparing all files.
    Settings come from the nearest .qa-tool.toml (or pyproject.toml [tool.qa-tool]) above
    the first file (in the first folder); options given here win.

    \b
    Exit codes:
      0  the gate passed: score at or above the threshold, no finding at --fail-on
      1  the gate failed
      2  usage or input error (the message names the file and line)

    \b
    Examples:
      qa-tool check examples/chongqing-fao-news.zh-en.txt
      qa-tool check memory.tmx --glossary terms.tsv -o report.sarif -o report.html
      qa-tool check a.zh a.en --ignore SG05 --fail-on major
      qa-tool check delivery/ --exclude 'drafts/' -o report.html
      qa-tool check new.tmx --baseline .qa-baseline.json
      qa-tool check chapter.sdlxliff --status new,draft --skip-locked
      cat pairs.tsv | qa-tool check - --from tsv --format json
    """
    from qa_tool.formatters import FORMATTERS
    from qa_tool.report import build_report
    from qa_tool.scoring import MQM_WEIGHTS, ScoringPolicy, WordBasis

    targets = _output_targets(outputs)
    config = _config_for(request.files, request.config_path, request.isolated)
    hypotheses: list[SegmentPair] = []
    written = [path for _, path in targets] + ([annotate_path] if annotate_path is not None else [])
    run = _run_checks(request, config, collect=hypotheses.append if reference else None, outputs=written)
    policy = ScoringPolicy(
        weights={**MQM_WEIGHTS, **(config.weights or {})},
        profile=profile or config.profile,
        category_multipliers=config.category_weights,
        threshold=threshold if threshold is not None else (config.threshold if config.threshold is not None else DEFAULT_THRESHOLD),
        basis=WordBasis(word_basis or config.word_basis),
    )
    results, baseline_known = run.results, None
    if baseline_path is not None:
        results, baseline_known = _without_baseline(results, baseline_path)
    reference_scores = _reference_scores(reference, hypotheses, run.options) if reference else None
    if annotate_path is not None:
        _annotate(run, annotate_path)
    gate = Severity.parse(fail_on) if fail_on else (config.fail_on or Severity.CRITICAL)
    report = build_report(
        results, run.rules, policy, gate, reference=reference_scores, baseline_known=baseline_known,
        segment_filter=run.segment_filter,
    )
    # All report files are opened before any is written, so a run that cannot write one of
    # them writes none.
    with ExitStack() as writers:
        streams = [(name, writers.enter_context(_output_stream(path))) for name, path in targets]
        for format_name, stream in streams:
            FORMATTERS[format_name](report, stream, False)
    if not quiet:
        if output_format not in FORMATTERS:
            raise InputError(f"the {output_format} report format is not available in this version")
        FORMATTERS[output_format](report, sys.stdout, _use_color(None, color))
    sys.exit(EXIT_GATE_FAILED if report.gate_failed else EXIT_PASSED)


def _annotate(run: _Run, destination: str) -> None:
    from qa_tool.annotate import write_annotated

    if len(run.documents) != 1:
        raise InputError(f"--annotate writes one file; give one input document (got {len(run.documents)})")
    document, result = run.documents[0], run.results[0]
    write_annotated(document.paths, document.format_name, run.options, result.findings, destination)


def _without_baseline(results: list, baseline_path: str) -> tuple[list, int]:
    from qa_tool.baseline import load_baseline, new_findings

    baseline = load_baseline(baseline_path)
    kept, known_total = [], 0
    for result in results:
        new, known = new_findings(result.findings, baseline)
        kept.append(replace(result, findings=tuple(new)))
        known_total += known
    return kept, known_total


def _reference_scores(reference: str, hypotheses: list[SegmentPair], options: "ReadOptions") -> "ReferenceScores":
    from qa_tool.metrics import reference_scores
    from qa_tool.readers import SNIFF_BYTES, detect_format, open_input, read_pairs
    from qa_tool.readers._text import numbered_lines

    with open_input(reference) as stream:
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
        if detect_format(reference, head) is None:
            references = [line for _, line in numbered_lines(stream, reference, options.encoding)]
            while references and not references[-1].strip():
                references.pop()
        else:
            references = [pair.target for pair in read_pairs(stream, reference, options)]
    if len(references) != len(hypotheses):
        raise InputError(
            f"the reference has {len(references)} segments but the checked files have {len(hypotheses)} pairs; "
            "they must correspond one to one, in order",
            path=reference,
        )
    return reference_scores(
        [pair.target for pair in hypotheses], references, [pair.id for pair in hypotheses],
        [str(pair.location) for pair in hypotheses], options.target_lang,
    )


@cli.command()
@click.argument("files", nargs=-1, required=True)
@with_check_options
@click.option("-o", "--output", default=".qa-baseline.json", show_default=True, help="Where to write the baseline (atomically).")
def baseline(request: _CheckRequest, output: str) -> None:
    """Record today's findings in FILES so that `check --baseline` reports only new ones.

    Findings are keyed by rule, the normalised Chinese of their segment and the text they
    point at, not by line: reordering or editing other segments keeps them known.

    \b
    Example:
      qa-tool baseline legacy.tmx -o .qa-baseline.json
      qa-tool check legacy.tmx --baseline .qa-baseline.json
    """
    from qa_tool.baseline import write_baseline

    run = _run_checks(request, _config_for(request.files, request.config_path, request.isolated), outputs=(output,))
    with _output_stream(output) as stream:
        count = write_baseline((f for result in run.results for f in result.findings), stream)
    click.echo(f"recorded {count} findings in {output}", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@with_check_options
@click.option("-o", "--output", metavar="OUT", help="Write the fixed file here (a folder when fixing several); the inputs stay as they are.")
@click.option("--in-place", is_flag=True, help="Write the fixed file over its input (atomically), keeping the input as FILE.orig.")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no FILE.orig.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change as a unified diff and write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the suggested fixes (names, repeated words...), not only the safe ones.")
@click.option("--color/--no-color", default=None, help="Colour the diff (default: on a terminal, unless NO_COLOR is set).")
def fix(
    request: _CheckRequest,
    output: str | None,
    in_place: bool,
    no_backup: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    color: bool | None,
) -> None:
    """Apply the fixes qa-tool knows to FILES and write them back in their own format.

    Safe fixes cannot change the meaning: a missing possessive apostrophe (GR01), Chinese
    punctuation in the English (PU01), spacing (GR03 GR04 PU05 PU06), doubled punctuation
    (PU08), quotation-mark style (PU07), a forbidden term's approved rendering (TM02,
    TM90); 'qa-tool rules show CODE' says whether a rule's fixes are safe. --unsafe-fixes
    applies the suggested fixes too. The fixed text is checked again until no fix is left.

    Only the fixed segments' text changes; the rest of the file keeps its bytes (markup,
    notes, line endings, encoding). A fix that would cut through an inline tag, or that
    overlaps another fix in the same segment and is still needed after it, is reported and
    not applied. Formats: TMX, XLIFF, TSV/CSV, JSONL, PO (its msgstr), interleaved text,
    two line-aligned files (the English file is fixed); not Excel or Word files.
    Segments the CAT tool locked (Trados, memoQ) are left as they are unless
    --no-skip-locked is given.

    \b
    Exit codes:
      0  nothing is left to report: every finding was fixed, or there was none
      1  findings remain (the summary on standard error counts them; 'qa-tool check' lists them)
      2  usage or input error (the message names the file and line)

    \b
    Examples:
      qa-tool fix examples/chongqing-fao-news.zh-en.txt --diff
      qa-tool fix memory.tmx -o fixed.tmx
      qa-tool fix a.xlf b.xlf --in-place --select PU,GR01
      qa-tool fix a.zh a.en -o fixed.en --unsafe-fixes
    """
    from qa_tool.autofix import fix_document
    from qa_tool.fix_report import diff_lines, summary_lines, write_diff
    from qa_tool.rewrite import FileBytes

    if sum((output is not None, in_place, show_diff)) != 1:
        raise click.UsageError("say where the fixes go: -o OUT, --in-place or --diff (one of them)")
    if no_backup and not in_place:
        raise click.UsageError("--no-backup goes with --in-place")
    config = _config_for(request.files, request.config_path, request.isolated)
    choice = _RuleChoice.of(request, config)
    options = _read_options(**request.read_values)
    # A locked segment is one the client or the project manager closed: fix edits it only when told.
    segment_filter = _segment_filter(request if request.skip_locked is not None else replace(request, skip_locked=True), config)
    files = _input_files(request, config)
    if "-" in files:
        raise InputError("fix reads files, not standard input: the fixed text goes back into a file of the same format")
    documents = list(_documents(files, request.input_format, options, _Reading()))
    destinations = _fix_destinations(documents, output, in_place, show_diff, files)
    contents = {path: _read_bytes(path) for document in documents for path in document.paths}
    outcomes = []
    for document in documents:
        files = [FileBytes(path, contents[path]) for path in document.paths]
        outcome = fix_document(
            files, document.format_name, options, choice.rules(document.name), choice.settings,
            unsafe=unsafe_fixes, jobs=_jobs_for(request.jobs, document.paths), segment_filter=segment_filter,
        )
        _refuse_empty(outcome.result, document.format_name, options, request.allow_empty)
        outcomes.append(outcome)
    # Every document is fixed before any file is written, so a run that fails writes nothing.
    for document, outcome, destination in zip(documents, outcomes, destinations):
        original, fixed = FileBytes(document.paths[-1], contents[document.paths[-1]]), outcome.files[-1]
        if show_diff:
            write_diff(diff_lines(original, fixed, document.format_name, options), sys.stdout, _use_color(None, color))
        elif destination == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(fixed.data)
            sys.stdout.buffer.flush()
        elif not in_place or outcome.changed:
            from qa_tool.atomic import BACKUP_SUFFIX, write_bytes

            try:
                if in_place and not no_backup:
                    write_bytes(destination + BACKUP_SUFFIX, original.data)
                write_bytes(destination, fixed.data)
            except OSError as error:
                raise InputError(f"cannot write the fixed file: {error.strerror or error}", path=destination) from None
        for line in summary_lines(document.name, outcome, unsafe_fixes, writing=not show_diff):
            click.echo(line, err=True)
    remaining = sum(len(outcome.result.findings) for outcome in outcomes)
    sys.exit(EXIT_GATE_FAILED if remaining else EXIT_PASSED)


def _read_bytes(path: str) -> bytes:
    from qa_tool.readers import open_input

    with open_input(path) as stream:
        return stream.read()


def _fix_destinations(
    documents: list[_Document], output: str | None, in_place: bool, show_diff: bool, inputs: tuple[str, ...]
) -> list[str | None]:
    """Where each document's fixed file goes (None for --diff): its English file itself, the
    file OUT, or OUT/<its name> when OUT is a folder or several documents are fixed."""
    if show_diff:
        return [None] * len(documents)
    targets = [document.paths[-1] for document in documents]
    if in_place:
        return list(targets)
    assert output is not None
    if len(documents) == 1 and not os.path.isdir(output):
        destinations = [output]
    elif not os.path.isdir(output):
        raise InputError(f"fixing {len(documents)} documents writes a folder of files; -o must name an existing folder", path=output)
    else:
        destinations = [os.path.join(output, os.path.basename(target)) for target in targets]
        if len(set(destinations)) != len(destinations):
            raise InputError("two inputs have the same file name; fix them into different folders", path=output)
    for destination in destinations:
        _refuse_input_as_output(destination, inputs)
    return destinations


@cli.command()
@click.argument("files", nargs=-1, required=True)
@with_check_options
@click.option("--baseline", "baseline_path", default=".qa-baseline.json", show_default=True, help="Baseline whose findings are not shown, and where ignoring a finding is recorded when its file has no place for a note.")
@click.option("-o", "--output", help="Save the reviewed file here instead of over the input (one input document only).")
@click.option("--no-backup", is_flag=True, help="Saving over an input keeps no FILE.orig copy of it.")
def review(request: _CheckRequest, baseline_path: str, output: str | None, no_backup: bool) -> None:
    """Step through the findings in FILES in the terminal: accept fixes, edit, ignore.

    \b
    Keys: a accept the fix, e edit the English, i ignore (with a reason), u undo,
    n/p next/previous, r/v/f filter by rule/severity/file, w save, q quit.
    Saving writes each file back in its own format with only the changed segments
    changed (over the input, keeping FILE.orig, unless -o names another file), adds a
    'qa-ignore: CODE reason' note for each ignored finding where the format has notes
    (XLIFF, TMX, a notes column in TSV/CSV, "notes" in JSONL) and records the others in
    the baseline.

    \b
    Examples:
      qa-tool review memory.tmx
      qa-tool review pairs.tsv --select GR,PU -o reviewed.tsv
    """
    try:
        from qa_tool.review_app import ReviewApp
    except ImportError:
        raise InputError("review needs Textual: pip install 'qa-tool[review]'") from None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("review is interactive: run it in a terminal (standard input and output must be one)")
    from qa_tool.baseline import load_baseline, new_findings
    from qa_tool.review import ReviewSession
    from qa_tool.review_files import ReviewedDocument, ReviewFiles

    if "-" in request.files:
        raise InputError("review reads standard input for its keys; give the file by name", path="-")
    config = _config_for(request.files, request.config_path, request.isolated)
    run = _run_checks(request, config, outputs=(baseline_path,) if output is None else (baseline_path, output))
    if output is not None and len(run.documents) != 1:
        raise InputError(f"-o saves one reviewed file; give one input document (got {len(run.documents)})")
    known = load_baseline(baseline_path) if os.path.exists(baseline_path) else None
    findings = [finding for result in run.results for finding in result.findings]
    if known is not None:
        findings = new_findings(findings, known)[0]
    if not findings:
        click.echo("nothing to review: no findings" + (f" beyond the baseline {baseline_path}" if known else ""), err=True)
        return
    documents = [ReviewedDocument(doc.name, doc.paths, doc.format_name, run.options, output) for doc in run.documents]
    files = ReviewFiles(documents, run.options, baseline_path, known, backup=not no_backup)
    session = ReviewSession(findings)
    ReviewApp(session, lambda: files.save(session), files.ignore_place).run()
    if session.unsaved:
        click.echo(f"quit without saving {session.unsaved} decision(s)", err=True)


@cli.command()
@click.argument("file")
@with_input_options
@click.option("-o", "--output", help="pairs.tsv or pairs.tmx (by extension; default: TSV on standard output).")
def align(file: str, input_format: str | None, output: str | None, **read_values: object) -> None:
    """Export the zh/en pairs qa-tool reads from FILE, to inspect or fix an alignment.

    Interleaved bilingual text is aligned automatically; the TSV has an 'alignment'
    column with the aligner's confidence. Fix the pairs in the TSV and check that file.

    \b
    Examples:
      qa-tool align examples/chongqing-fao-news.zh-en.txt -o pairs.tsv
      qa-tool align news.txt -o pairs.tmx
    """
    from qa_tool.export import write_tmx, write_tsv

    options = _read_options(**read_values)
    if output is not None:
        _refuse_input_as_output(output, (file,))
    with ExitStack() as stack:
        # The generator holds the file open until it is closed, after the pairs are written.
        pairs = next(stack.enter_context(closing(_documents((file,), input_format, options, _Reading())))).pairs
        with _output_stream(output) as stream:
            if output is not None and output.lower().endswith(".tmx"):
                count = write_tmx(pairs, stream, options.source_lang, options.target_lang)
            else:
                count = write_tsv(pairs, stream)
    if output is not None and output != "-":
        click.echo(f"wrote {count} pairs to {output}", err=True)


@cli.group(invoke_without_command=True)
@click.option("--markdown", is_flag=True, help="Print the rule reference as Markdown (docs/rules.md).")
@click.option("--rules", "pack_folders", multiple=True, type=click.Path(file_okay=False), help="Also list this rule pack's rules; repeatable.")
@click.option("--no-default-pack", is_flag=True, help="Leave out the default rule pack (std).")
@click.pass_context
def rules(ctx: click.Context, markdown: bool, pack_folders: tuple[str, ...], no_default_pack: bool) -> None:
    """List the rules: code, name, MQM category, default severity, origin. 'rules show CODE' explains one."""
    from qa_tool.packs import available_rules

    config = _config_for(())
    ctx.obj = available_rules(config.packs + pack_folders, default_pack=not no_default_pack)
    if ctx.invoked_subcommand is not None:
        return
    metas = [rule.meta for rule in ctx.obj]
    if markdown:
        from qa_tool.docs import rules_markdown

        click.echo(rules_markdown(metas), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    from qa_tool.docs import default_label

    table = Table(show_edge=False)
    for column in ("code", "name", "category", "severity", "default", "origin", "summary"):
        table.add_column(column)
    for rule in ctx.obj:
        meta = rule.meta
        origin = getattr(getattr(rule, "origin", None), "pack", "built-in")
        table.add_row(meta.code, meta.name, meta.category, meta.severity.label, default_label(meta), origin, meta.summary)
    Console(highlight=False, no_color=bool(os.environ.get("NO_COLOR"))).print(table)


@rules.command()
@click.argument("code")
@click.pass_obj
def show(available: tuple, code: str) -> None:
    """Explain one rule: why it exists, what it leaves alone, and examples."""
    from qa_tool.checks import select_rules
    from qa_tool.packs import origin_of

    selected = select_rules([code], rules=available)
    if len(selected) != 1:
        raise InputError(f"{code!r} names {len(selected)} rules; give one code, e.g. GR01")
    meta = selected[0].meta
    from qa_tool.docs import default_label, fix_label, trigger_label

    click.echo(f"{meta.code} {meta.name}\n{meta.category} · {meta.severity.label} · {meta.scope.value} scope · "
               f"{default_label(meta)}{fix_label(meta)} · {origin_of(selected[0])}\n")
    trigger = f"{label}\n\n" if (label := trigger_label(meta)) else ""
    click.echo(f"{meta.summary}\n\n{meta.rationale}\n\n{trigger}Examples:")
    for example in meta.examples:
        verdict = "flagged" if example.flagged else "not flagged"
        earlier = "".join(f"  (earlier) zh: {zh}\n            en: {en}\n" for zh, en in example.earlier)
        click.echo(earlier + f"  zh: {example.source or '(empty)'}\n  en: {example.target or '(empty)'}\n  → {verdict}"
                   + (f": {example.note}" if example.note else "") + "\n")


@cli.group()
def glossary() -> None:
    """Glossaries (termbases) as --glossary reads them: 'glossary lint FILE...' finds their flaws."""


@glossary.command()
@click.argument("files", nargs=-1, required=True)
def lint(files: tuple[str, ...]) -> None:
    """Find what in glossary FILES (TSV/CSV/TBX) makes the glossary rules wrong or deaf.

    \b
    One line per finding, 'path:line: message', on standard output:
      - an English given twice for one Chinese term (a second sense with its own note is not);
      - an English one line approves and another forbids (check refuses such glossaries);
      - likely OCR slips: 'Ioan' for 'loan', 'reIated', 'c0mmittee', '2O2O';
      - entries that can never match: a Chinese term of punctuation only, an English without
        letters or all in brackets, an entry not found even in its own text;
      - an English that is Chinese (the source copied into the English cell);
      - odd casing: 'exchange Fund ordinance', 'diSease'.
    Slips and casing are judged against the glossaries' own words: 'Ioan' is reported when
    'loan' is written elsewhere in them and 'Ioan' is not. 'check --glossary' prints the
    first few of these lines as warnings on standard error.

    \b
    Exit codes:
      0  nothing found
      1  findings
      2  a file cannot be read (the message names the file and line)

    \b
    Example:
      qa-tool glossary lint terms.tsv house.tbx
    """
    from qa_tool.glossary_lint import lint_glossaries

    findings = lint_glossaries(files)
    for finding in findings:
        click.echo(_one_line(str(finding)))
    entries = "entry" if len(findings) == 1 else "entries"
    click.echo(f"{len(findings)} {entries} to look at in {len(files)} glossar{'y' if len(files) == 1 else 'ies'}", err=True)
    sys.exit(EXIT_GATE_FAILED if findings else EXIT_PASSED)


# Young objects the cycle collector lets pile up before it looks at them. A check makes
# millions of short-lived objects and hardly any cycles; at Python's default of 700 the
# collector took 2-3% of a check (0.6 s of a 100,000-pair check with a glossary).
YOUNG_OBJECTS_COLLECTED_AFTER = 50_000


def main() -> None:
    gc.set_threshold(YOUNG_OBJECTS_COLLECTED_AFTER, *gc.get_threshold()[1:])
    cli(prog_name="qa-tool")
