"""The command line: parse options, run load → check → score → report, set the exit code.
No checking logic lives here."""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import ExitStack, contextmanager, nullcontext
from typing import Callable, Iterator, TextIO

import click

from qa_tool import __version__
from qa_tool.errors import InputError
from qa_tool.model import SegmentPair, Severity

# Exit codes, as documented in --help and the README.
EXIT_PASSED, EXIT_GATE_FAILED, EXIT_ERROR = 0, 1, 2
# Show a progress line on a terminal once a run has checked this many pairs.
PROGRESS_AFTER = 2000

INPUT_FORMATS = ("tmx", "xliff", "tsv", "csv", "jsonl", "interleaved", "parallel")


class QaToolGroup(click.Group):
    """Turns bad input into one line on stderr and exit 2, never a traceback (unless --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputError as error:
            click.echo(f"qa-tool: error: {error}", err=True)
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
                    f"qa-tool: error: internal error ({type(error).__name__}: {error}); "
                    "run with --debug for the traceback and please report it",
                    err=True,
                )
            ctx.exit(EXIT_ERROR)
        return None


@click.group(cls=QaToolGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="qa-tool")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Quality assurance for Chinese→English translation.

    Reads bilingual files (TMX, XLIFF 1.2/2.x, TSV/CSV, JSONL, two line-aligned files,
    or interleaved bilingual text), checks every zh/en pair and the document as a whole,
    and prints a report with an MQM-style score.

    \b
    Start with:
      qa-tool check examples/chongqing-fao-news.zh-en.txt
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


def _use_color(path: str | None, color: bool | None) -> bool:
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return (path is None or path == "-") and sys.stdout.isatty()


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[], None] | None]:
    """A pair counter on stderr for long runs on a terminal; nothing otherwise."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("checked {task.completed:,} pairs"), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=None, visible=False)
        state = {"count": 0}

        def advance() -> None:
            state["count"] += 1
            if state["count"] % PROGRESS_AFTER == 0:
                bar.update(task, completed=state["count"], visible=True)

        yield advance


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


def _documents(
    stack: ExitStack, paths: tuple[str, ...], input_format: str | None, options: "ReadOptions"
) -> Iterator[tuple[str, Iterator[SegmentPair]]]:
    """(display name, pairs) for each input document; two plain files make one parallel document."""
    from qa_tool.readers import SNIFF_BYTES, detect_format, open_input, read_pairs
    from qa_tool.readers.parallel import read_parallel

    if paths.count("-") > 1:
        raise InputError("standard input ('-') can be read only once")
    streams = [stack.enter_context(open_input(path)) for path in paths]
    if input_format is None and len(paths) == 2:
        heads = [stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] for stream in streams]  # type: ignore[attr-defined]
        if all(detect_format(path, head) is None for path, head in zip(paths, heads)):
            input_format = "parallel"
    if input_format == "parallel":
        if len(paths) != 2:
            raise InputError(f"--from parallel takes two files, the Chinese and the English (got {len(paths)})")
        yield paths[0], read_parallel(streams[0], paths[0], streams[1], paths[1], options)
        return
    for path, stream in zip(paths, streams):
        yield path, read_pairs(stream, path, options, input_format)


input_options = [
    click.option("--from", "input_format", type=click.Choice(INPUT_FORMATS), help="Input format (default: from the extension, then the content)."),
    click.option("--source-lang", default="zh", show_default=True, help="Language of the source side; any variant matches (zh-CN, ZH-TW, zh-Hant...)."),
    click.option("--target-lang", default="en", show_default=True, help="Language of the target side (en-US, en-GB... match)."),
    click.option("--encoding", help="Text encoding of line-based files when there is no BOM (default UTF-8), e.g. gb18030, big5."),
    click.option("--source-field", help="TSV/CSV column (name or 1-based number) or JSONL key of the source."),
    click.option("--target-field", help="TSV/CSV column or JSONL key of the target."),
    click.option("--id-field", help="TSV/CSV column or JSONL key of the segment id."),
]


def with_input_options(function: Callable) -> Callable:
    for option in reversed(input_options):
        function = option(function)
    return function


@cli.command()
@click.argument("files", nargs=-1, required=True)
@with_input_options
@click.option("--select", multiple=True, help="Only these rules: codes (GR01), families (GR) or names; comma-separated or repeated.")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, families or names).")
@click.option("-f", "--format", "output_format", type=click.Choice(["human", "json"]), default="human", show_default=True, help="Report format.")
@click.option("-o", "--output", help="Write the report to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice([s.label for s in Severity if s > Severity.NEUTRAL]), default="critical", show_default=True, help="Fail the gate on any finding of this severity or worse.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None, help="Lowest passing quality score, 0–100.  [default: 99]")
@click.option("--color/--no-color", default=None, help="Colour the report (default: on a terminal, unless NO_COLOR is set).")
def check(
    files: tuple[str, ...],
    input_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str,
    output: str | None,
    fail_on: str,
    threshold: float | None,
    color: bool | None,
    **read_values: object,
) -> None:
    """Check bilingual FILES and report findings with a quality score.

    \b
    FILES are TMX, XLIFF, TSV/CSV, JSONL or interleaved bilingual text, or two
    line-aligned plain-text files (Chinese first, then English). '-' reads standard input.

    \b
    Exit codes:
      0  the gate passed: score at or above the threshold, no finding at --fail-on
      1  the gate failed
      2  usage or input error (the message names the file and line)

    \b
    Examples:
      qa-tool check examples/chongqing-fao-news.zh-en.txt
      qa-tool check memory.tmx --format json -o report.json
      qa-tool check a.zh a.en --ignore SG05
      cat pairs.tsv | qa-tool check - --from tsv
    """
    from qa_tool.checks import select_rules
    from qa_tool.engine import check_document
    from qa_tool.formatters import FORMATTERS
    from qa_tool.report import build_report
    from qa_tool.scoring import DEFAULT_THRESHOLD, ScoringPolicy

    rules = select_rules(_split_codes(select) or ["ALL"], _split_codes(ignore))
    options = _read_options(**read_values)
    results = []
    show_progress = sys.stderr.isatty() and not os.environ.get("CI")
    with ExitStack() as stack, _progress(show_progress) as on_pair:
        for name, pairs in _documents(stack, files, input_format, options):
            results.append(check_document(pairs, name, rules, on_pair=on_pair))
    policy = ScoringPolicy(threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    report = build_report(results, rules, policy, Severity.parse(fail_on))
    with _output_stream(output) as stream:
        FORMATTERS[output_format](report, stream, _use_color(output, color))
    sys.exit(EXIT_GATE_FAILED if report.gate_failed else EXIT_PASSED)


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
    with ExitStack() as stack:
        ((name, pairs),) = list(_documents(stack, (file,), input_format, options))
        with _output_stream(output) as stream:
            if output is not None and output.lower().endswith(".tmx"):
                count = write_tmx(pairs, stream, options.source_lang, options.target_lang)
            else:
                count = write_tsv(pairs, stream)
    if output is not None and output != "-":
        click.echo(f"wrote {count} pairs to {output}", err=True)


@cli.group(invoke_without_command=True)
@click.option("--markdown", is_flag=True, help="Print the rule reference as Markdown (docs/rules.md).")
@click.pass_context
def rules(ctx: click.Context, markdown: bool) -> None:
    """List the rules: code, name, MQM category, default severity. 'rules show CODE' explains one."""
    if ctx.invoked_subcommand is not None:
        return
    from qa_tool.checks import BUILTIN_RULES

    metas = [rule.meta for rule in BUILTIN_RULES]
    if markdown:
        from qa_tool.docs import rules_markdown

        click.echo(rules_markdown(metas), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False)
    for column in ("code", "name", "category", "severity", "summary"):
        table.add_column(column)
    for meta in metas:
        table.add_row(meta.code, meta.name, meta.category, meta.severity.label, meta.summary)
    Console(highlight=False, no_color=bool(os.environ.get("NO_COLOR"))).print(table)


@rules.command()
@click.argument("code")
def show(code: str) -> None:
    """Explain one rule: why it exists, what it leaves alone, and examples."""
    from qa_tool.checks import select_rules

    selected = select_rules([code])
    if len(selected) != 1:
        raise InputError(f"{code!r} names {len(selected)} rules; give one code, e.g. GR01")
    meta = selected[0].meta
    click.echo(f"{meta.code} {meta.name}\n{meta.category} · {meta.severity.label} · {meta.scope.value} scope\n")
    click.echo(f"{meta.summary}\n\n{meta.rationale}\n\nExamples:")
    for example in meta.examples:
        verdict = "flagged" if example.flagged else "not flagged"
        click.echo(f"  zh: {example.source or '(empty)'}\n  en: {example.target or '(empty)'}\n  → {verdict}"
                   + (f": {example.note}" if example.note else "") + "\n")


def main() -> None:
    cli(prog_name="qa-tool")
