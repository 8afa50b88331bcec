"""The terminal report: findings grouped by file and segment, spans highlighted in the
source and target (each file with its score in a run of several), then a summary by category
and severity, the score and its signature."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from qa_tool.model import Finding, SegmentPair, Severity, Side, Span
from qa_tool.metrics import ReferenceScores
from qa_tool.report import Report

# Characters of context shown either side of a highlighted span: a Han character takes two
# terminal columns, so the Chinese side gets fewer to show about the same width.
CONTEXT = {Side.SOURCE: 24, Side.TARGET: 50}
# A side with no span is shown in full up to this length, for findings about the whole pair.
PREVIEW = 120

SEVERITY_STYLE = {
    Severity.NEUTRAL: "dim",
    Severity.MINOR: "yellow",
    Severity.MAJOR: "bold red",
    Severity.CRITICAL: "bold white on red",
}
SIDE_LABEL = {Side.SOURCE: "zh", Side.TARGET: "en"}


def excerpt(text: str, spans: list[Span], context: int = CONTEXT[Side.TARGET]) -> Text:
    """``text`` cut to windows around ``spans`` (all on this side), spans highlighted."""
    if not spans:
        shown = text if len(text) <= PREVIEW else text[:PREVIEW] + "…"
        return Text(shown.replace("\n", " ⏎ "))
    windows: list[list[int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        start, end = max(0, span.start - context), min(len(text), span.end + context)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    result = Text()
    for start, end in windows:
        result.append("…" if start > 0 else "")
        cursor = start
        for span in sorted(spans, key=lambda s: s.start):
            if span.end <= start or span.start >= end or span.start < cursor:
                continue
            result.append(text[cursor : span.start].replace("\n", " ⏎ "))
            result.append(text[span.start : span.end] or "‸", style="reverse bold")
            cursor = span.end
        result.append(text[cursor:end].replace("\n", " ⏎ "))
        result.append("… " if end < len(text) else " ")
    return result


def _render_segment(console: Console, pair: SegmentPair, findings: list[Finding]) -> None:
    status = f"  ({pair.status.label})" if pair.status is not None and pair.status.label else ""
    console.print(Text.assemble((f"  {pair.id}", "bold cyan"), (f"  {pair.location}", "dim"), (status, "dim")))
    spans = [span for finding in findings for span in finding.spans]
    for side, text in ((Side.SOURCE, pair.source), (Side.TARGET, pair.target)):
        side_spans = [span for span in spans if span.side is side]
        if side_spans or not spans:
            line = Text(f"    {SIDE_LABEL[side]}  ", style="bold")
            line.append_text(excerpt(text, side_spans, CONTEXT[side]) if text else Text("(empty)", style="italic dim"))
            console.print(line)
    for finding in findings:
        line = Text("    ")
        line.append(f"{finding.code} ", style="bold")
        line.append(f"{finding.severity.label:<8}", style=SEVERITY_STYLE[finding.severity])
        line.append(f" {finding.category}  ", style="dim")
        line.append(finding.message)
        if finding.replacement is not None:
            line.append("  → ", style="dim")
            line.append(finding.replacement, style="green")
        console.print(line)


def _summary_table(report: Report) -> Table:
    table = Table(title="Findings by category and severity", title_justify="left", show_edge=False)
    table.add_column("category")
    severities = [severity for severity in Severity]
    for severity in severities:
        table.add_column(severity.label, justify="right")
    counts = report.count_by_category_and_severity()
    for category in sorted(counts):
        table.add_row(category, *(str(counts[category][s] or "·") for s in severities))
    return table


def render(report: Report, stream: TextIO, color: bool) -> None:
    console = Console(file=stream, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True)
    for file in report.files:
        result = file.result
        skipped = f", {result.skipped_count} not checked" if result.skipped else ""
        # With one file, the score below is the file's.
        scored = f" · score {file.score.quality:.2f}" if len(report.files) > 1 else ""
        console.print(
            Text(f"{result.path}", style="bold underline"), Text(f"  {result.pair_count} pairs{skipped}{scored}", style="dim")
        )
        for _, group in groupby(result.findings, key=lambda f: f.pair.id):
            findings = list(group)
            _render_segment(console, findings[0].pair, findings)
        console.print()
    total = report.finding_count
    if total:
        console.print(_summary_table(report))
        console.print()
    score = report.total
    verdict = Text("FAILED", style="bold red") if report.gate_failed else Text("PASSED", style="bold green")
    console.print(
        Text.assemble(
            ("Score ", "bold"),
            (f"{score.quality:.2f}", "bold"),
            f" / 100 · {total} finding{'s' if total != 1 else ''} in {report.pair_count} pairs · "
            f"penalty {score.penalty:g} over {score.words} words ({score.per_1000_words:.1f} per 1,000) · ",
            verdict,
        )
    )
    console.print(Text(report.signature, style="dim"))
    notes = [report.skipped_summary()] if report.skipped else []
    if report.suppressed_count:
        notes.append(f"{report.suppressed_count} finding(s) suppressed by qa-ignore notes")
    if report.baseline_known is not None:
        notes.append(f"{report.baseline_known} known finding(s) hidden by the baseline")
    if notes:
        console.print(Text(" · ".join(notes), style="dim"))
    if report.reference is not None:
        _render_reference(console, report.reference)


def _render_reference(console: Console, reference: ReferenceScores) -> None:
    console.print()
    console.print(Text(f"Against the reference ({reference.segments} segments)", style="bold"))
    for name, value, signature in (
        ("BLEU", reference.bleu, reference.bleu_signature),
        ("chrF++", reference.chrf, reference.chrf_signature),
        ("TER", reference.ter, reference.ter_signature),
    ):
        console.print(Text.assemble(f"  {name:<7}", (f"{value:6.2f}", "bold"), (f"  {signature}", "dim")))
    if reference.outliers:
        console.print(Text("  lowest sentence chrF++:", style="dim"))
        for outlier in reference.outliers:
            console.print(Text(f"    {outlier.chrf:6.2f}  {outlier.segment_id}  {outlier.location}"))
