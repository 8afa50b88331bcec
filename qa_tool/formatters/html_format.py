"""One self-contained HTML page for reviewers: the score and verdict, counts by category and
severity, filters by rule and severity, and every segment with findings shown side by side
(zh | en) with the flagged spans marked, each finding's message and its fix.

The page loads nothing: styles and script are inline and a Content-Security-Policy forbids
any other source, so it can be mailed, archived as a CI artifact or opened offline. The
same report always gives the same bytes (no timestamps; findings in report order, lists
sorted), so a page can be diffed and cached.

Filters are checkboxes; the page keeps them in the URL fragment, so a filtered view can be
linked: ``report.html#severity=critical,major&rule=GR01`` shows only critical and major
findings of GR01. A name missing from the fragment means "all"."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Iterable, Iterator, TextIO

from qa_tool import __version__
from qa_tool.metrics import ReferenceScores
from qa_tool.model import Finding, SegmentPair, Severity, Side
from qa_tool.report import FileReport, Report

# Most serious first: the order a reviewer reads in.
SEVERITIES = tuple(sorted(Severity, reverse=True))
SIDE_LANGUAGE = {Side.SOURCE: "zh", Side.TARGET: "en"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One span of one finding, as the text renderer needs it."""

    finding_id: str
    code: str
    severity: Severity
    start: int
    end: int


def _attribute(value: str) -> str:
    return escape(value, quote=True)


def _mark_tag(marks: list[Mark], content: str) -> str:
    worst = max(mark.severity for mark in marks)
    codes = " ".join(sorted({mark.code for mark in marks}))
    ids = " ".join(dict.fromkeys(mark.finding_id for mark in marks))
    point = " point" if not content else ""
    return (
        f'<mark class="sev-{worst.label}{point}" data-code="{_attribute(codes)}" '
        f'data-finding="{_attribute(ids)}" title="{_attribute(codes)}">{content}</mark>'
    )


def marked_text(text: str, marks: Iterable[Mark]) -> str:
    """``text`` HTML-escaped, each stretch covered by spans wrapped in one <mark> naming all
    the findings that cover it (spans may overlap), and a zero-width span (an insertion
    point) as an empty <mark class="point">."""
    length = len(text)
    ranges = [(min(max(m.start, 0), length), min(max(m.end, 0), length), m) for m in marks]
    cuts = sorted({0, length, *(start for start, _, _ in ranges), *(end for _, end, _ in ranges)})
    parts: list[str] = []
    for index, cut in enumerate(cuts):
        points = [mark for start, end, mark in ranges if start == end == cut]
        if points:
            parts.append(_mark_tag(points, ""))
        if index + 1 == len(cuts):
            break
        following = cuts[index + 1]
        covering = [mark for start, end, mark in ranges if start <= cut and following <= end and start < end]
        piece = escape(text[cut:following], quote=False)
        parts.append(_mark_tag(covering, piece) if covering else piece)
    return "".join(parts)


def _segments(findings: Iterable[Finding]) -> dict[SegmentPair, list[Finding]]:
    """Findings by the pair they are about, pairs in order of their first finding."""
    grouped: dict[SegmentPair, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.pair, []).append(finding)
    return grouped


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _verdict_reasons(report: Report) -> list[str]:
    reasons = []
    if not report.total.passed:
        reasons.append(f"the score is under the pass mark of {report.policy.threshold:g}")
    blocking = report.blocking_count
    if blocking:
        reasons.append(f"{_plural(blocking, 'finding')} at {report.fail_on.label} or worse")
    return reasons


def _summary(report: Report, total: int) -> Iterator[str]:
    score = report.total
    failed = report.gate_failed
    verdict = "FAILED" if failed else "PASSED"
    reasons = _verdict_reasons(report)
    yield '<header class="summary">\n'
    yield f'<div class="verdict {"failed" if failed else "passed"}" id="verdict">{verdict}</div>\n'
    yield f'<div class="score"><span class="quality" id="quality">{score.quality:.2f}</span> / 100</div>\n'
    yield '<div class="facts">\n'
    yield "<h1>qa-tool report</h1>\n"
    yield (
        f"<p>{_plural(total, 'finding')} in {_plural(report.pair_count, 'pair')} of "
        f"{_plural(len(report.files), 'file')} · penalty {score.penalty:g} over {_plural(score.words, 'word')} "
        f"({score.per_1000_words:.1f} per 1,000)</p>\n"
    )
    if reasons:
        yield f'<p class="reasons">Gate failed: {escape("; ".join(reasons))}.</p>\n'
    notes = [report.skipped_summary()] if report.skipped else []
    if report.suppressed_count:
        notes.append(f"{_plural(report.suppressed_count, 'finding')} suppressed by qa-ignore notes")
    if report.baseline_known is not None:
        notes.append(f"{_plural(report.baseline_known, 'known finding')} hidden by the baseline")
    if notes:
        yield f'<p class="notes">{escape(" · ".join(notes))}</p>\n'
    yield f'<p class="signature"><code>{escape(report.signature)}</code></p>\n'
    yield "</div>\n</header>\n"


def _counts_table(report: Report) -> Iterator[str]:
    counts = report.count_by_category_and_severity()
    yield '<table class="counts">\n<caption>Findings by category and severity</caption>\n<thead><tr><th scope="col">category</th>'
    yield "".join(f'<th scope="col" class="sev-{s.label}">{s.label}</th>' for s in SEVERITIES)
    yield '<th scope="col">total</th></tr></thead>\n<tbody>\n'
    for category in sorted(counts):
        row = counts[category]
        cells = "".join(f"<td>{row[s] or '·'}</td>" for s in SEVERITIES)
        yield f'<tr><th scope="row">{escape(category)}</th>{cells}<td>{sum(row.values())}</td></tr>\n'
    totals = "".join(f"<td>{sum(row[s] for row in counts.values()) or '·'}</td>" for s in SEVERITIES)
    grand = sum(sum(row.values()) for row in counts.values())
    yield f'</tbody>\n<tfoot><tr><th scope="row">total</th>{totals}<td>{grand}</td></tr></tfoot>\n</table>\n'


def _files_table(files: tuple[FileReport, ...]) -> Iterator[str]:
    yield (
        '<table class="files">\n<caption>Files</caption>\n<thead><tr><th scope="col">file</th>'
        '<th scope="col">pairs</th><th scope="col">words</th><th scope="col">findings</th>'
        '<th scope="col">score</th><th scope="col">verdict</th></tr></thead>\n<tbody>\n'
    )
    for file in files:
        result, score = file.result, file.score
        verdict = "passed" if score.passed else "failed"
        yield (
            f"<tr><th scope=\"row\">{escape(result.path)}</th><td>{result.pair_count:,}</td><td>{score.words:,}</td>"
            f"<td>{len(result.findings):,}</td><td>{score.quality:.2f}</td>"
            f'<td class="{verdict}">{verdict}</td></tr>\n'
        )
    yield "</tbody>\n</table>\n"


def _reference_table(reference: ReferenceScores) -> Iterator[str]:
    yield (
        f'<table class="reference">\n<caption>Against the reference ({_plural(reference.segments, "segment")})</caption>\n'
        "<tbody>\n"
    )
    for name, value, signature in (
        ("BLEU", reference.bleu, reference.bleu_signature),
        ("chrF++", reference.chrf, reference.chrf_signature),
        ("TER", reference.ter, reference.ter_signature),
    ):
        yield f'<tr><th scope="row">{name}</th><td>{value:.2f}</td><td class="metric-signature"><code>{escape(signature)}</code></td></tr>\n'
    for outlier in reference.outliers:
        yield (
            f'<tr class="outlier"><th scope="row">lowest chrF++</th><td>{outlier.chrf:.2f}</td>'
            f"<td>{escape(outlier.segment_id)} · {escape(outlier.location)}</td></tr>\n"
        )
    yield "</tbody>\n</table>\n"


def _checkbox(name: str, value: str, label: str, count: int) -> str:
    return (
        f'<label><input type="checkbox" name="{name}" value="{_attribute(value)}" checked> '
        f'{label} <span class="count">{count:,}</span></label>\n'
    )


def _filters(report: Report, total: int) -> Iterator[str]:
    by_severity = report.count_by("severity")
    by_code = report.count_by("code")
    names = {meta.code: meta.name for meta in report.rules}
    names.update((kind.code, kind.rule) for kind in report.kinds() if kind.code not in names)
    yield '<form class="filters" id="filters" autocomplete="off">\n'
    yield '<fieldset><legend>Severity</legend>\n'
    for severity in SEVERITIES:
        label = f'<span class="badge sev-{severity.label}">{severity.label}</span>'
        yield _checkbox("severity", severity.label, label, by_severity.get(severity.label, 0))
    yield "</fieldset>\n"
    yield '<fieldset class="rules"><legend>Rule <button type="button" data-toggle="rule" data-checked="true">all</button>'
    yield ' <button type="button" data-toggle="rule" data-checked="false">none</button></legend>\n'
    for code in sorted(by_code):
        label = f'<span class="code">{escape(code)}</span> {escape(names[code])}'
        yield _checkbox("rule", code, label, by_code[code])
    yield "</fieldset>\n"
    yield f'<p class="shown" id="shown" aria-live="polite">Showing {total:,} of {total:,} findings</p>\n'
    yield "</form>\n"


def _side(text: str, side: Side, marks: list[Mark]) -> str:
    language = SIDE_LANGUAGE[side]
    body = marked_text(text, marks) if text else '<span class="empty">(empty)</span>'
    return f'<div class="side {side.value}" lang="{language}"><span class="label">{language}</span><p>{body}</p></div>\n'


def _finding_item(finding: Finding, finding_id: str) -> str:
    severity = finding.severity.label
    fix = ""
    if finding.replacement is not None:
        flagged = f"<del>{escape(finding.match)}</del> → " if finding.match else ""
        fix = f'<p class="fix">Fix: {flagged}<ins>{escape(finding.replacement) or "(delete)"}</ins></p>'
    return (
        f'<li class="finding" id="{finding_id}" data-code="{_attribute(finding.code)}" data-severity="{severity}">'
        f'<a class="code" href="#{finding_id}" title="{_attribute(finding.rule)}">{escape(finding.code)}</a> '
        f'<span class="badge sev-{severity}">{severity}</span> '
        f'<span class="category">{escape(finding.category)}</span>'
        f'<p class="message">{escape(finding.message)}</p>{fix}</li>\n'
    )


def _segment(pair: SegmentPair, findings: list[tuple[str, Finding]]) -> Iterator[str]:
    marks: dict[Side, list[Mark]] = {side: [] for side in Side}
    for finding_id, finding in findings:
        for span in finding.spans:
            marks[span.side].append(Mark(finding_id, finding.code, finding.severity, span.start, span.end))
    aligned = f' · aligned {pair.alignment:.0%}' if pair.alignment is not None else ""
    status = f" · {pair.status.label}" if pair.status is not None and pair.status.label else ""
    yield '<article class="segment">\n'
    yield (
        f'<header><span class="segment-id">{escape(pair.id)}</span> '
        f'<span class="location">{escape(str(pair.location))}{aligned}{escape(status)}</span></header>\n'
    )
    yield '<div class="texts">\n'
    yield _side(pair.source, Side.SOURCE, marks[Side.SOURCE])
    yield _side(pair.target, Side.TARGET, marks[Side.TARGET])
    yield '</div>\n<ul class="findings">\n'
    for finding_id, finding in findings:
        yield _finding_item(finding, finding_id)
    yield "</ul>\n</article>\n"


def _body(report: Report) -> Iterator[str]:
    number = 0
    yield "<main>\n"
    for file in report.files:
        result = file.result
        yield '<section class="file">\n'
        yield (
            f'<h2>{escape(result.path)} <span class="file-facts">{_plural(result.pair_count, "pair")} · '
            f"{_plural(len(result.findings), 'finding')} · score {file.score.quality:.2f}</span></h2>\n"
        )
        if not result.findings:
            yield '<p class="clean">No findings.</p>\n'
        for pair, findings in _segments(result.findings).items():
            numbered = []
            for finding in findings:
                number += 1
                numbered.append((f"f{number}", finding))
            yield from _segment(pair, numbered)
        yield "</section>\n"
    yield "</main>\n"


def _page(report: Report) -> Iterator[str]:
    total = report.finding_count
    verdict = "FAILED" if report.gate_failed else "PASSED"
    yield "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    yield (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
    )
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield f'<meta name="generator" content="qa-tool {__version__}">\n'
    yield f"<title>qa-tool report · {report.total.quality:.2f} · {verdict}</title>\n"
    yield f"<style>{STYLE}</style>\n</head>\n<body>\n"
    yield from _summary(report, total)
    yield '<section class="overview">\n'
    yield from _counts_table(report)
    yield from _files_table(report.files)
    if report.reference is not None:
        yield from _reference_table(report.reference)
    yield "</section>\n"
    yield from _filters(report, total)
    yield from _body(report)
    yield f"<footer>qa-tool {__version__}</footer>\n"
    yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n"


def render(report: Report, stream: TextIO, color: bool) -> None:
    for part in _page(report):
        stream.write(part)


# Fonts for Chinese, the simplified forms first (Linux, macOS, Windows); a traditional text
# (zh-Hant, zh-TW, zh-HK) gets the traditional forms first. A browser that has none of them
# picks a CJK font itself, if it has one; a machine without any shows empty boxes.
_SIMPLIFIED = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei"'
_TRADITIONAL = '"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "Source Han Sans TW", "PingFang TC", "Microsoft JhengHei"'
CJK_FONTS = f"{_SIMPLIFIED}, {_TRADITIONAL}"
TRADITIONAL_CJK_FONTS = f"{_TRADITIONAL}, {_SIMPLIFIED}"

STYLE = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --panel: #f6f8fa;
  --critical: #82071e; --major: #cf222e; --minor: #9a6700; --neutral: #57606a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 1280px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", Roboto, """ + CJK_FONTS + """, sans-serif; }
:lang(zh) { font-family: """ + CJK_FONTS + """, sans-serif; }
:lang(zh-Hant), :lang(zh-TW), :lang(zh-HK), :lang(zh-MO) { font-family: """ + TRADITIONAL_CJK_FONTS + """, sans-serif; }
code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); word-break: break-all; }
.summary { display: flex; gap: 24px; align-items: center; padding: 20px 24px; border: 1px solid var(--line);
  border-radius: 10px; background: var(--panel); }
.verdict { font-weight: 700; font-size: 18px; letter-spacing: .06em; padding: 10px 16px; border-radius: 8px; color: #fff; }
.verdict.passed { background: #1a7f37; } .verdict.failed { background: var(--major); }
.score { font-size: 16px; color: var(--muted); white-space: nowrap; }
.score .quality { font-size: 36px; font-weight: 700; color: var(--ink); }
.facts p { margin: 2px 0; } .reasons { color: var(--major); } .notes { color: var(--muted); }
.reference td:last-child { text-align: left; } .metric-signature code { color: var(--muted); }
.signature code { color: var(--muted); word-break: break-all; }
.overview { display: flex; flex-wrap: wrap; gap: 24px; margin: 20px 0; align-items: flex-start; }
table { border-collapse: collapse; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--line); }
td { text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"] { text-align: left; font-weight: 400; }
thead th { font-weight: 600; color: var(--muted); text-align: right; } thead th:first-child { text-align: left; }
tfoot th, tfoot td { font-weight: 600; border-bottom: none; }
td.failed { color: var(--major); font-weight: 600; } td.passed { color: #1a7f37; font-weight: 600; }
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center;
  padding: 10px 16px; background: rgba(255, 255, 255, .96); border: 1px solid var(--line); border-radius: 10px; }
fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
legend { float: left; font-weight: 600; margin-right: 8px; }
legend button { font: inherit; font-size: 12px; font-weight: 400; padding: 0 6px; margin-left: 2px; cursor: pointer;
  border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--muted); }
label { white-space: nowrap; cursor: pointer; }
.count { color: var(--muted); font-size: 13px; }
.shown { margin: 0 0 0 auto; color: var(--muted); font-size: 14px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 0 7px; border-radius: 10px; color: #fff; }
.badge.sev-critical { background: var(--critical); } .badge.sev-major { background: var(--major); }
.badge.sev-minor { background: var(--minor); } .badge.sev-neutral { background: var(--neutral); }
th.sev-critical { color: var(--critical); } th.sev-major { color: var(--major); }
th.sev-minor { color: var(--minor); } th.sev-neutral { color: var(--neutral); }
.code { font: 600 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--ink); text-decoration: none; }
.file-facts { color: var(--muted); font-size: 14px; font-weight: 400; margin-left: 8px; }
.segment { border: 1px solid var(--line); border-radius: 10px; margin: 14px 0; overflow: hidden; }
.segment > header { padding: 6px 14px; background: var(--panel); border-bottom: 1px solid var(--line); font-size: 13px; }
.segment-id { font-weight: 600; } .location { color: var(--muted); margin-left: 8px; word-break: break-all; }
.texts { display: grid; grid-template-columns: 1fr 1fr; }
.side { padding: 10px 14px; position: relative; }
.side + .side { border-left: 1px solid var(--line); }
.side .label { position: absolute; top: 8px; right: 10px; font-size: 11px; font-weight: 600; color: var(--muted);
  text-transform: uppercase; }
.side p { margin: 0; padding-right: 24px; white-space: pre-wrap; overflow-wrap: anywhere; }
.side.source p { font-size: 16px; }
.empty { color: var(--muted); font-style: italic; }
mark { color: inherit; border-radius: 3px; padding: 1px 0; }
mark.sev-critical, mark.sev-major { background: #ffd7d5; box-shadow: inset 0 -2px var(--major); }
mark.sev-minor { background: #fff1c2; box-shadow: inset 0 -2px var(--minor); }
mark.sev-neutral { background: #eaeef2; box-shadow: inset 0 -2px var(--neutral); }
mark.point::after { content: "\\2038"; color: var(--major); font-weight: 700; }
mark.off { background: none; box-shadow: none; }
mark.off.point::after { content: none; }
.findings { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); }
.finding { padding: 8px 14px; }
.finding + .finding { border-top: 1px dashed var(--line); }
.category { color: var(--muted); font-size: 13px; margin-left: 4px; }
.message, .fix { margin: 2px 0 0; }
.message { white-space: pre-line; }
.fix { font-size: 14px; }
del { color: var(--major); } ins { color: #1a7f37; text-decoration: none; font-weight: 600; }
.clean { color: #1a7f37; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 760px) {
  body { padding: 12px; } .summary { flex-wrap: wrap; } .texts { grid-template-columns: 1fr; }
  .side + .side { border-left: none; border-top: 1px solid var(--line); }
}
"""

SCRIPT = """
(() => {
  "use strict";
  const form = document.getElementById("filters");
  const findings = [...document.querySelectorAll("li.finding")];
  const marks = [...document.querySelectorAll("mark[data-finding]")];
  const segments = [...document.querySelectorAll("article.segment")];
  const shown = document.getElementById("shown");
  const names = ["severity", "rule"];
  const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
  const checked = (name) => new Set(boxes(name).filter((box) => box.checked).map((box) => box.value));

  function apply() {
    const severities = checked("severity");
    const rules = checked("rule");
    const visible = new Set();
    for (const item of findings) {
      const show = severities.has(item.dataset.severity) && rules.has(item.dataset.code);
      item.hidden = !show;
      if (show) visible.add(item.id);
    }
    for (const mark of marks) {
      mark.classList.toggle("off", !mark.dataset.finding.split(" ").some((id) => visible.has(id)));
    }
    for (const segment of segments) {
      segment.hidden = !segment.querySelector("li.finding:not([hidden])");
    }
    shown.textContent = `Showing ${visible.size.toLocaleString("en")} of ${findings.length.toLocaleString("en")} findings`;
    document.body.dataset.visible = String(visible.size);
  }

  // "#severity=major,critical&rule=GR01": a name missing from the fragment means all.
  function readFragment() {
    const wanted = new URLSearchParams(location.hash.includes("=") ? location.hash.slice(1) : "");
    for (const name of names) {
      const values = wanted.has(name) ? new Set(wanted.get(name).split(",")) : null;
      for (const box of boxes(name)) box.checked = values === null || values.has(box.value);
    }
    apply();
  }

  function writeFragment() {
    const parts = [];
    for (const name of names) {
      const values = boxes(name).filter((box) => box.checked).map((box) => box.value);
      if (values.length < boxes(name).length) parts.push(`${name}=${values.join(",")}`);
    }
    history.replaceState(null, "", parts.length ? `#${parts.join("&")}` : location.pathname + location.search);
  }

  form.addEventListener("change", () => { apply(); writeFragment(); });
  for (const button of form.querySelectorAll("button[data-toggle]")) {
    button.addEventListener("click", () => {
      for (const box of boxes(button.dataset.toggle)) box.checked = button.dataset.checked === "true";
      apply();
      writeFragment();
    });
  }
  // A plain anchor ("#f3", a finding's link) moves the view and leaves the filters alone.
  window.addEventListener("hashchange", () => { if (location.hash.includes("=")) readFragment(); });
  readFragment();
})();
"""
